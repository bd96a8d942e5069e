package dev.iotlocal.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipFile;

/**
 * A function's code as one Lambda runtime holds it: its deployment jar (or, without one, the emulator's classpath),
 * read once for every execution environment of every function deployed from it.
 *
 * <p>Each class file is read and rewritten ({@link ProcessCallRedirect}) the first time an environment asks for it;
 * later environments get the same bytes and only define them, each in its own class loader, so static state stays
 * per environment. The cache belongs to one runtime: two emulators in one JVM never share it.
 */
final class DeploymentPackage implements AutoCloseable {

    /**
     * Defined in each environment from the emulator's classpath, whatever the function's jar holds: the
     * serialization library's own classes hold its static state (the runtime's Jackson mapper).
     */
    private static final List<String> RUNTIME_LIBRARIES = List.of(
            "com.amazonaws.services.lambda.runtime.serialization.", "dev.iotlocal.lambda.internal.");
    /** The emulator's own classes defined in each environment: never rewritten (they are what calls are redirected to). */
    private static final String RUNTIME_INTERNAL = "dev.iotlocal.lambda.internal.";
    /** Marks a class the package does not have: asked again and again (Class.forName probes, resource bundles). */
    private static final byte[] MISSING = new byte[0];

    private final Optional<Path> artifact;
    private final ClassLoader runtimeLoader = DeploymentPackage.class.getClassLoader();
    private final ConcurrentHashMap<String, byte[]> classFiles = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private volatile JarFile jar; // set once, under this
    private volatile URLClassLoader resources; // set once, under this
    private boolean closed; // guarded by this

    private DeploymentPackage(Optional<Path> artifact) {
        this.artifact = artifact;
    }

    /** The function's deployment jar; opened on first use. */
    static DeploymentPackage ofArtifact(Path jar) {
        return new DeploymentPackage(Optional.of(jar));
    }

    /** Functions without an artifact: their classes come from the emulator's own classpath (quick tests). */
    static DeploymentPackage ofClasspath() {
        return new DeploymentPackage(Optional.empty());
    }

    /**
     * Opens the jar if it is not open yet.
     *
     * @throws IllegalArgumentException when the artifact is not a readable jar
     */
    synchronized void open() {
        if (closed) {
            throw new IllegalStateException("The Lambda runtime was closed.");
        }
        if (jar != null || artifact.isEmpty()) {
            return;
        }
        Path path = artifact.get();
        try {
            jar = new JarFile(path.toFile(), true, ZipFile.OPEN_READ, Runtime.version());
            resources = new URLClassLoader(new URL[] {location()}, null);
        } catch (IOException e) {
            throw new IllegalArgumentException("The deployment artifact " + location() + " cannot be read as a jar: "
                    + e.getMessage(), e);
        }
    }

    /** Where the code comes from, for the environments' protection domains; null for the classpath. */
    URL location() {
        return artifact.map(path -> {
            try {
                return path.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("Not a usable path: " + path, e);
            }
        }).orElse(null);
    }

    /**
     * The class file an environment defines for {@code className}, its process calls redirected; null when the
     * function's code has no such class. The same array for every caller: never modify it.
     */
    byte[] classFile(String className) {
        byte[] cached = classFiles.get(className);
        if (cached == null) {
            byte[] read = read(className);
            cached = classFiles.putIfAbsent(className, read);
            if (cached == null) {
                cached = read;
            }
        }
        return cached == MISSING ? null : cached;
    }

    /** How many class files were read from the code so far (each at most once, bar a race). */
    int classFilesRead() {
        return reads.get();
    }

    /** A resource of the function's code (not a class definition), or null. */
    URL resource(String name) {
        return resourceLoader().getResource(name);
    }

    java.util.Enumeration<URL> resources(String name) throws IOException {
        return resourceLoader().getResources(name);
    }

    private ClassLoader resourceLoader() {
        if (artifact.isEmpty()) {
            return runtimeLoader;
        }
        if (resources == null) {
            open();
        }
        return resources;
    }

    private byte[] read(String className) {
        String path = className.replace('.', '/') + ".class";
        boolean runtimeLibrary = RUNTIME_LIBRARIES.stream().anyMatch(className::startsWith);
        try (InputStream in = runtimeLibrary || artifact.isEmpty() ? runtimeLoader.getResourceAsStream(path) : entry(path)) {
            reads.incrementAndGet();
            if (in == null) {
                return MISSING;
            }
            byte[] classFile = in.readAllBytes();
            return className.startsWith(RUNTIME_INTERNAL) ? classFile : ProcessCallRedirect.apply(classFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + path + " of " + describe(), e);
        }
    }

    /** A class file of the deployment jar, or null when the jar has none of that name. */
    private InputStream entry(String path) throws IOException {
        if (jar == null) {
            open();
        }
        JarFile open = jar;
        JarEntry entry = open.getJarEntry(path);
        return entry == null ? null : open.getInputStream(entry);
    }

    private String describe() {
        return artifact.map(path -> "the deployment artifact " + path).orElse("the emulator's classpath");
    }

    /**
     * Releases the jar once the runtime is closed. Environments still running (threads a function left behind)
     * cannot load further classes from it, as a process killed by AWS cannot.
     */
    @Override
    public synchronized void close() {
        closed = true;
        try {
            if (jar != null) {
                jar.close();
            }
            if (resources != null) {
                resources.close();
            }
        } catch (IOException ignored) {
            // nothing useful to do: the runtime is closing anyway
        }
        classFiles.clear();
    }

    @Override
    public String toString() {
        return describe();
    }
}
