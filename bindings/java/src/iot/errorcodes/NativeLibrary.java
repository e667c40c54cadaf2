package iot.errorcodes;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Loads the native library {@code iot_error_codes}, trying in this order:
 *
 * <ol>
 *   <li>{@code System.loadLibrary("iot_error_codes")}: an app's {@code jniLibs/} on Android, or a
 *       directory of {@code -Djava.library.path};
 *   <li>{@code System.load} of the file named by the system property {@code iot.errorcodes.library};
 *   <li>{@code System.load} of the file named by the environment variable {@code
 *       IOT_ERROR_CODES_LIBRARY} (which the Python binding and build.sh honour too); the property
 *       comes first, as the narrower setting: it is given to one JVM, the variable is inherited by
 *       every process;
 *   <li>the copy bundled in the JAR as {@code /native/<os>-<arch>/<file>} (e.g. {@code
 *       /native/linux-x86_64/libiot_error_codes.so}), copied to a new temporary file readable by
 *       this user only, loaded with {@code System.load}, then deleted (on exit where the platform
 *       keeps a loaded file open).
 * </ol>
 *
 * A relative path in step 2 or 3 is taken from the working directory. After each step that loads
 * a file, a {@link Probe} checks it: a library with the same name but
 * without the JNI entry points (a build of the C library alone) or with another catalog (an older
 * or newer build) is passed over, and the next step is tried. The library's {@code JNI_OnLoad}
 * binds the native methods to the copy loaded last, so a later step replaces what an earlier one
 * bound. If no step gives a library that passes, {@link UnsatisfiedLinkError} says what each step
 * tried and why it failed.
 */
final class NativeLibrary {
    static final String NAME = "iot_error_codes";
    static final String PATH_PROPERTY = "iot.errorcodes.library";
    static final String PATH_VARIABLE = "IOT_ERROR_CODES_LIBRARY";
    /** How the {@link UnsatisfiedLinkError} of a failed load begins; the list of steps follows. */
    static final String FAILURE = "cannot load the native library ";

    /** Checks a library just loaded: {@code null} if it is the one this code needs, else why not. */
    interface Probe {
        /**
         * Calls into the library; {@code null} if it answered as expected, else a short reason.
         * Throws {@link UnsatisfiedLinkError} if the library lacks a native method.
         */
        String problem();
    }

    /** Which step loaded the library, for diagnostics and tests; {@code null} before loading. */
    private static String loadedFrom;

    private NativeLibrary() {}

    /**
     * Loads the library once per class loader, taking the first step whose library passes {@code
     * probe}; later calls do nothing. Throws {@link UnsatisfiedLinkError} listing every step if none
     * passes.
     */
    static synchronized void load(Probe probe) {
        if (loadedFrom != null) {
            return;
        }
        List<String> tried = new ArrayList<String>();

        String step = "System.loadLibrary(\"" + NAME + "\") with java.library.path=" + System.getProperty("java.library.path");
        try {
            System.loadLibrary(NAME);
            if (passes(probe, step, tried)) {
                loadedFrom = "System.loadLibrary";
                return;
            }
        } catch (UnsatisfiedLinkError e) {
            tried.add(step + ": " + e.getMessage());
        }

        if (loadFile("-D" + PATH_PROPERTY, System.getProperty(PATH_PROPERTY), probe, tried)) {
            loadedFrom = PATH_PROPERTY;
            return;
        }
        if (loadFile("$" + PATH_VARIABLE, System.getenv(PATH_VARIABLE), probe, tried)) {
            loadedFrom = PATH_VARIABLE;
            return;
        }

        String resource = resource();
        step = "the JAR's " + resource;
        try {
            loadBundled(resource);
            if (passes(probe, step, tried)) {
                loadedFrom = "bundled";
                return;
            }
        } catch (IOException e) {
            tried.add(step + ": " + e.getMessage());
        } catch (UnsatisfiedLinkError e) {
            tried.add(step + ": " + e.getMessage());
        }

        StringBuilder message = new StringBuilder(FAILURE + NAME + "; tried, in order:");
        for (int i = 0; i < tried.size(); i++) {
            message.append("\n  ").append(i + 1).append(". ").append(tried.get(i));
        }
        throw new UnsatisfiedLinkError(message.toString());
    }

    /**
     * Loads the file at {@code path}, named by the setting {@code setting}; whether it loaded and
     * passes {@code probe}. If not, adds why to {@code tried} (also when {@code path} is not set).
     */
    private static boolean loadFile(String setting, String path, Probe probe, List<String> tried) {
        if (path == null || path.isEmpty()) {
            tried.add(setting + "=<file>: not set");
            return false;
        }
        String step = setting + "=" + path;
        try {
            System.load(new java.io.File(path).getAbsolutePath());
        } catch (UnsatisfiedLinkError e) {
            tried.add(step + ": " + e.getMessage());
            return false;
        }
        return passes(probe, step, tried);
    }

    /** Whether the library {@code step} loaded passes {@code probe}; if not, adds why to {@code tried}. */
    private static boolean passes(Probe probe, String step, List<String> tried) {
        String problem;
        try {
            problem = probe.problem();
        } catch (UnsatisfiedLinkError e) {
            problem = "has no JNI entry point for " + e.getMessage() + " (a build of the C library alone, or an older one)";
        }
        if (problem != null) {
            tried.add(step + ": " + problem);
        }
        return problem == null;
    }

    /**
     * {@code "System.loadLibrary"}, {@code "iot.errorcodes.library"}, {@code
     * "IOT_ERROR_CODES_LIBRARY"} or {@code "bundled"}, once loaded.
     */
    static synchronized String loadedFrom() {
        return loadedFrom;
    }

    /**
     * The resource step 4 loads for this JVM's platform, e.g. {@code
     * /native/linux-aarch64/libiot_error_codes.so}; it may not exist. Reads nothing and loads
     * nothing (checks/tests/java/jar.rs asks it with another {@code -Dos.arch}).
     */
    static String resource() {
        return "/native/" + platform() + "/" + System.mapLibraryName(NAME);
    }

    /**
     * The JAR directory for this JVM's platform, e.g. {@code linux-x86_64}, {@code linux-aarch64}.
     * bindings/java/build.sh bundles the Linux libraries for x86-64 ({@code os.arch} {@code amd64}
     * or {@code x86_64}), aarch64 ({@code aarch64} or {@code arm64}) and 32-bit ARM, armv7
     * hard-float ({@code arm}, as OpenJDK names it, taken as it is) under these names; another
     * {@code os.arch} is used as it is too, for JARs built by other means.
     */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")) {
            os = "linux";
        } else if (os.startsWith("mac") || os.startsWith("darwin")) {
            os = "macos";
        } else if (os.startsWith("windows")) {
            os = "windows";
        } else {
            os = os.replaceAll("[^a-z0-9]", "");
        }
        if (arch.equals("amd64") || arch.equals("x86_64")) {
            arch = "x86_64";
        } else if (arch.equals("arm64") || arch.equals("aarch64")) {
            arch = "aarch64";
        }
        return os + "-" + arch;
    }

    /**
     * Copies {@code resource} to a new temporary file, loads it and deletes the file. java.io only:
     * these classes are also the AAR's, and Android has java.nio.file from API level 26 on
     * (docs/android.md); there step 1 loads the library from the APK and this is never reached.
     */
    private static void loadBundled(String resource) throws IOException {
        File file = null;
        try {
            try (InputStream in = NativeLibrary.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("not on the class path (no JAR, or none built for this platform)");
                }
                file = File.createTempFile(NAME + "-", "-" + System.mapLibraryName(NAME));
                // On POSIX systems, readable and writable by its owner only, before it is written.
                boolean posix = File.separatorChar == '/';
                if (posix && !(file.setReadable(false, false) && file.setReadable(true, true)
                        && file.setWritable(false, false) && file.setWritable(true, true))) {
                    throw new IOException("cannot make " + file + " private to this user");
                }
                try (OutputStream copy = new FileOutputStream(file)) {
                    byte[] buffer = new byte[16384];
                    for (int n; (n = in.read(buffer)) != -1; ) {
                        copy.write(buffer, 0, n);
                    }
                }
            }
            System.load(file.getAbsolutePath());
        } finally {
            // A loaded library stays mapped after its file is deleted, except on Windows.
            if (file != null && !file.delete()) {
                file.deleteOnExit();
            }
        }
    }
}
