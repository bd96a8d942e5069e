package dev.iotlocal.lambda;

import dev.iotlocal.lambda.internal.FunctionExit;
import dev.iotlocal.lambda.internal.ProcessEnvironment;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * rewritten to {@link ProcessEnvironment}, defined anew in this loader. The class files themselves are read and
 * rewritten once per {@link DeploymentPackage}; only defining them is per environment.
 */
final class FunctionClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private static final String RUNTIME_PACKAGE = "com.amazonaws.services.lambda.runtime.";
    private static final String ENVIRONMENT_CLASS = ProcessEnvironment.class.getName();
    private static final String EXIT_CLASS = FunctionExit.class.getName();
    /** The Jackson the serialization library shades: stateless classes, shared so that a cold start stays fast. */
    private static final String RUNTIME_SHADED = "com.amazonaws.lambda.thirdparty.";

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
    /** The function's code, read once for all its environments; each environment defines its own classes from it. */
    private final DeploymentPackage code;
    private final ProtectionDomain protectionDomain;

    FunctionClassLoader(String name, DeploymentPackage code) {
        super(name, ClassLoader.getPlatformClassLoader());
        code.open();
        this.runtimeLoader = FunctionClassLoader.class.getClassLoader();
        this.code = code;
        this.protectionDomain = new ProtectionDomain(new CodeSource(code.location(), (Certificate[]) null), null, this, null);
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
        byte[] bytes = code.classFile(name);
        if (bytes == null) {
            return null;
        }
        definePackageOf(name);
        return defineClass(name, bytes, 0, bytes.length, protectionDomain);
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

    @Override
    public URL getResource(String name) {
        URL own = code.resource(name);
        return own != null ? own : getParent().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> all = new ArrayList<>(Collections.list(code.resources(name)));
        all.addAll(Collections.list(getParent().getResources(name)));
        return Collections.enumeration(all);
    }

    @Override
    protected URL findResource(String name) {
        return code.resource(name);
    }
}
