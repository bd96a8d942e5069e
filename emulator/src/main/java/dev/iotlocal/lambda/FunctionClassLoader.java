package dev.iotlocal.lambda;

import dev.iotlocal.lambda.internal.FunctionExit;
import dev.iotlocal.lambda.internal.ProcessEnvironment;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipFile;
import java.util.stream.Collectors;

/**
 * The class loader of one execution environment: the function's own copy of every class it uses, so static
 * state lives and dies with the environment, as on AWS.
 *
 * <p>Child first: classes and resources come from the function's code (its deployment jar, or the emulator's
 * classpath for quick tests); only the JDK and the Lambda runtime interfaces ({@code Context},
 * {@code RequestHandler}, ...) come from outside, because the runtime implements them, as the real one does.
 * The runtime's serialization library (aws-lambda-java-serialization) is defined anew in each loader, so its
 * static mapper and caches live and die with the environment as in the real runtime's JVM; the Jackson it
 * shades is stateless and shared, which keeps a cold start within milliseconds.
 * Calls to {@code System.getenv}, {@code System.exit} and reads of {@code System.out} / {@code System.err} are
 * rewritten to {@link ProcessEnvironment}, defined anew in this loader.
 */
final class FunctionClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private static final String RUNTIME_PACKAGE = "com.amazonaws.services.lambda.runtime.";
    private static final String ENVIRONMENT_CLASS = ProcessEnvironment.class.getName();
    private static final String ENVIRONMENT_INTERNAL_NAME = ENVIRONMENT_CLASS.replace('.', '/');
    private static final String EXIT_CLASS = FunctionExit.class.getName();
    /**
     * Defined in each environment from the emulator's classpath, whatever the function's jar holds: the
     * serialization library's own classes hold its static state (the runtime's Jackson mapper).
     */
    private static final List<String> RUNTIME_LIBRARIES = List.of(
            "com.amazonaws.services.lambda.runtime.serialization.", "dev.iotlocal.lambda.internal.");
    /** The Jackson the serialization library shades: stateless classes, shared so that a cold start stays fast. */
    private static final String RUNTIME_SHADED = "com.amazonaws.lambda.thirdparty.";
    /** Every redirected call or field is a member of one of these classes. */
    private static final byte[][] REDIRECTED_OWNERS = {ascii("java/lang/System"), ascii("java/lang/Runtime")};

    /** Every package of the JDK's modules, which functions share as they share the JDK on AWS. */
    private static final Set<String> JDK_PACKAGES = ModuleLayer.boot().modules().stream()
            .filter(module -> module.getClassLoader() == null
                    || module.getClassLoader() == ClassLoader.getPlatformClassLoader()
                    || module.getDescriptor().name().startsWith("jdk.") || module.getDescriptor().name().startsWith("java."))
            .flatMap(module -> module.getPackages().stream())
            .collect(Collectors.toUnmodifiableSet());
    /** Sees every JDK module, including those the platform loader does not define (jdk.*, on the app loader). */
    private static final ClassLoader JDK = ClassLoader.getSystemClassLoader();

    private final ClassLoader runtimeLoader;
    private final ClassLoader code;
    /**
     * The deployment jar, opened for this environment alone: its classes are read from here. Reading them through
     * the URLClassLoader would share the JDK's cached JarFile with every other environment of the jar, and closing
     * one environment's loader would close it under the others' cold starts ("zip file closed").
     */
    private final JarFile classes;
    private final ProtectionDomain protectionDomain;

    private FunctionClassLoader(String name, ClassLoader code, JarFile classes, URL codeLocation) {
        super(name, ClassLoader.getPlatformClassLoader());
        this.runtimeLoader = FunctionClassLoader.class.getClassLoader();
        this.code = code;
        this.classes = classes;
        this.protectionDomain = new ProtectionDomain(new CodeSource(codeLocation, (Certificate[]) null), null, this, null);
    }

    /** Loads the function from its deployment jar. */
    static FunctionClassLoader forArtifact(String name, URL jar) {
        try {
            JarFile classes = new JarFile(new java.io.File(jar.toURI()), true, ZipFile.OPEN_READ, Runtime.version());
            return new FunctionClassLoader(name, new URLClassLoader(new URL[] {jar}, null), classes, jar);
        } catch (IOException | java.net.URISyntaxException e) {
            throw new IllegalArgumentException("The deployment artifact " + jar + " cannot be read as a jar: " + e.getMessage(), e);
        }
    }

    /** Loads the function from the emulator's own classpath, each class defined anew in this loader. */
    static FunctionClassLoader forClasspath(String name) {
        ClassLoader app = FunctionClassLoader.class.getClassLoader();
        return new FunctionClassLoader(name, app, null, null);
    }

    /** Defines this environment's {@link ProcessEnvironment} and gives it the environment's variables and streams. */
    void installEnvironment(Map<String, String> variables, PrintStream out, PrintStream err) {
        try {
            Class<?> environment = loadClass(ENVIRONMENT_CLASS);
            environment.getMethod("install", Map.class, PrintStream.class, PrintStream.class).invoke(null, variables, out, err);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Could not set up the function's environment variables", e);
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                if (isRuntimeInterface(name) || name.equals(EXIT_CLASS) || name.startsWith(RUNTIME_SHADED)) {
                    loaded = runtimeLoader.loadClass(name);
                } else if (isJdkClass(name)) {
                    loaded = JDK.loadClass(name);
                } else {
                    loaded = findOwnClass(name);
                    if (loaded == null) {
                        // Not in the function's code: it is missing there, as it would be on AWS.
                        throw new ClassNotFoundException(name);
                    }
                }
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    private static boolean isRuntimeInterface(String name) {
        if (!name.startsWith(RUNTIME_PACKAGE)) {
            return false;
        }
        String rest = name.substring(RUNTIME_PACKAGE.length());
        // The core interfaces, not aws-lambda-java-events (runtime.events.*), which the function brings itself.
        return rest.indexOf('.') < 0 || rest.startsWith("logging.");
    }

    /** The JDK's own classes: org.w3c.dom, org.xml.sax and com.sun.* as much as java.*. */
    private static boolean isJdkClass(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && JDK_PACKAGES.contains(name.substring(0, dot));
    }

    private Class<?> findOwnClass(String name) {
        String path = name.replace('.', '/') + ".class";
        boolean runtimeLibrary = RUNTIME_LIBRARIES.stream().anyMatch(name::startsWith);
        try (InputStream in = runtimeLibrary || classes == null ? (runtimeLibrary ? runtimeLoader : code).getResourceAsStream(path)
                : entry(path)) {
            if (in == null) {
                return null;
            }
            byte[] bytes = redirectProcessCalls(in.readAllBytes());
            definePackageOf(name);
            return defineClass(name, bytes, 0, bytes.length, protectionDomain);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + path + " of function " + getName(), e);
        }
    }

    /** A class file of the deployment jar, or null when the jar has none of that name. */
    private InputStream entry(String path) throws IOException {
        JarEntry entry = classes.getJarEntry(path);
        return entry == null ? null : classes.getInputStream(entry);
    }

    private void definePackageOf(String className) {
        int dot = className.lastIndexOf('.');
        if (dot > 0) {
            String pkg = className.substring(0, dot);
            if (getDefinedPackage(pkg) == null) {
                try {
                    definePackage(pkg, null, null, null, null, null, null, null);
                } catch (IllegalArgumentException alreadyDefinedConcurrently) {
                    // another thread defined it first: fine
                }
            }
        }
    }

    /**
     * Rewrites what reaches outside the environment: System.getenv (per-environment variables), System.exit,
     * Runtime.exit, Runtime.halt (end the invocation, not the emulator), System.out, System.err, System.setOut and
     * System.setErr (the function's own log). Classes that mention neither System nor Runtime are left byte for byte.
     */
    static byte[] redirectProcessCalls(byte[] classFile) {
        boolean mentioned = false;
        for (byte[] name : REDIRECTED_OWNERS) {
            mentioned |= contains(classFile, name);
        }
        if (!mentioned) {
            return classFile;
        }
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {
                    @Override
                    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
                        Object[] redirected = arguments.clone();
                        for (int i = 0; i < redirected.length; i++) {
                            redirected[i] = redirect(redirected[i]);
                        }
                        super.visitInvokeDynamicInsn(name, descriptor, bootstrap, redirected);
                    }

                    @Override
                    public void visitFieldInsn(int opcode, String owner, String field, String desc) {
                        if (opcode == Opcodes.GETSTATIC && owner.equals("java/lang/System")
                                && (field.equals("out") || field.equals("err"))) {
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, ENVIRONMENT_INTERNAL_NAME, field,
                                    "()Ljava/io/PrintStream;", false);
                        } else {
                            super.visitFieldInsn(opcode, owner, field, desc);
                        }
                    }

                    @Override
                    public void visitLdcInsn(Object value) {
                        super.visitLdcInsn(redirect(value));
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean isInterface) {
                        if (opcode == Opcodes.INVOKESTATIC && owner.equals("java/lang/System") && isRedirected(method)) {
                            super.visitMethodInsn(opcode, ENVIRONMENT_INTERNAL_NAME, method, desc, false);
                        } else if (opcode == Opcodes.INVOKEVIRTUAL && owner.equals("java/lang/Runtime")
                                && (method.equals("exit") || method.equals("halt")) && desc.equals("(I)V")) {
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, ENVIRONMENT_INTERNAL_NAME, "exit",
                                    "(Ljava/lang/Runtime;I)V", false);
                        } else {
                            super.visitMethodInsn(opcode, owner, method, desc, isInterface);
                        }
                    }
                };
            }
        }, 0);
        return writer.toByteArray();
    }

    /** Method references ({@code System::exit}, {@code runtime::halt}) reach the same calls through handles. */
    private static Object redirect(Object constant) {
        if (constant instanceof Handle handle) {
            String owner = handle.getOwner();
            String name = handle.getName();
            if (handle.getTag() == Opcodes.H_INVOKESTATIC && owner.equals("java/lang/System") && isRedirected(name)) {
                return new Handle(Opcodes.H_INVOKESTATIC, ENVIRONMENT_INTERNAL_NAME, name, handle.getDesc(), false);
            }
            if (handle.getTag() == Opcodes.H_INVOKEVIRTUAL && owner.equals("java/lang/Runtime")
                    && (name.equals("exit") || name.equals("halt")) && handle.getDesc().equals("(I)V")) {
                return new Handle(Opcodes.H_INVOKESTATIC, ENVIRONMENT_INTERNAL_NAME, "exit", "(Ljava/lang/Runtime;I)V", false);
            }
        }
        return constant;
    }

    private static boolean isRedirected(String systemMethod) {
        return switch (systemMethod) {
            case "getenv", "exit", "setOut", "setErr" -> true;
            default -> false;
        };
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public URL getResource(String name) {
        URL own = code.getResource(name);
        return own != null ? own : getParent().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> all = new ArrayList<>(Collections.list(code.getResources(name)));
        all.addAll(Collections.list(getParent().getResources(name)));
        return Collections.enumeration(all);
    }

    @Override
    protected URL findResource(String name) {
        return code.getResource(name);
    }

    /** Releases the jar; classes already loaded stay usable by threads the function left running. */
    void release() {
        if (classes != null) {
            try {
                classes.close();
                ((URLClassLoader) code).close();
            } catch (IOException ignored) {
                // nothing useful to do: the environment is being discarded anyway
            }
        }
    }
}
