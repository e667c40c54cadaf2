package iot.errorcodes;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 *       /native/linux-x86_64/libiot_error_codes.so}, {@code /native/windows-x86_64/iot_error_codes.dll},
 *       {@code /native/macos-aarch64/libiot_error_codes.dylib}), copied out of the JAR and loaded
 *       with {@code System.load}. On Linux and macOS the copy is a new temporary file readable by
 *       this user only, deleted once loaded (a loaded library stays mapped): nothing is left
 *       behind. Windows cannot delete a loaded DLL, so there the copy goes to a stable path in
 *       the user's own temporary folder, named by the JAR's version and the library's SHA-256
 *       ({@link #extractOnce}), and the next JVM reuses it instead of adding another.
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
        return resource(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    /** The resource for a JVM whose {@code os.name} and {@code os.arch} are these (see {@link #platform(String, String)}). */
    static String resource(String osName, String osArch) {
        String platform = platform(osName, osArch);
        return "/native/" + platform + "/" + fileName(platform.substring(0, platform.indexOf('-')));
    }

    /**
     * The library's file name on the operating system {@code os} as {@link #platform} names it: what
     * {@code System.mapLibraryName} gives on that system ({@code iot_error_codes.dll}, {@code
     * libiot_error_codes.dylib}, {@code libiot_error_codes.so}), whichever JVM asks.
     */
    static String fileName(String os) {
        if (os.equals("windows")) {
            return NAME + ".dll";
        } else if (os.equals("macos")) {
            return "lib" + NAME + ".dylib";
        } else if (os.equals("linux")) {
            return "lib" + NAME + ".so";
        }
        return System.mapLibraryName(NAME);
    }

    /**
     * The JAR directory for this JVM's platform, e.g. {@code linux-x86_64}, {@code linux-aarch64}.
     * bindings/java/build.sh bundles the Linux libraries for x86-64 ({@code os.arch} {@code amd64}
     * or {@code x86_64}), aarch64 ({@code aarch64} or {@code arm64}) and 32-bit ARM, armv7
     * hard-float ({@code arm}, as OpenJDK names it, taken as it is) under these names; another
     * {@code os.arch} is used as it is too, for JARs built by other means.
     */
    static String platform() {
        return platform(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    /**
     * {@link #platform()} for a JVM whose {@code os.name} and {@code os.arch} are these: e.g. {@code
     * "Windows 11"} and {@code "amd64"} give {@code windows-x86_64}, {@code "Mac OS X"} and {@code
     * "aarch64"} give {@code macos-aarch64}.
     */
    static String platform(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
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
     * Copies {@code resource} out of the JAR and loads the copy: on Windows with {@link
     * #extractOnce}, elsewhere into a new temporary file deleted once loaded. java.io only: these
     * classes are also the AAR's, and Android has java.nio.file from API level 26 on
     * (docs/android.md); there step 1 loads the library from the APK and this is never reached.
     */
    private static void loadBundled(String resource) throws IOException {
        byte[] library;
        try (InputStream in = NativeLibrary.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("not on the class path (no JAR, or none built for this platform)");
            }
            library = readAll(in);
        }
        String fileName = resource.substring(resource.lastIndexOf('/') + 1);
        if (platform().startsWith("windows-")) {
            String version = NativeLibrary.class.getPackage() == null ? null : NativeLibrary.class.getPackage().getImplementationVersion();
            File tempRoot = new File(System.getProperty("java.io.tmpdir"));
            System.load(extractOnce(library, fileName, version, tempRoot).getAbsolutePath());
            return;
        }
        File file = File.createTempFile(NAME + "-", "-" + fileName);
        try {
            makePrivate(file);
            write(library, file);
            System.load(file.getAbsolutePath());
        } finally {
            // A loaded library stays mapped after its file is deleted.
            if (!file.delete()) {
                file.deleteOnExit();
            }
        }
    }

    /**
     * The file {@code <tempRoot>/iot_error_codes-<version>-<hash>/<fileName>} holding {@code
     * library}, where {@code hash} is the first 16 hex digits of the library's SHA-256 and {@code
     * version} the JAR's {@code Implementation-Version} ({@code "dev"} outside a JAR): written if
     * it is not there, reused if it is. Windows keeps a loaded DLL open and undeletable, so a fresh
     * copy per JVM would pile up in {@code %TEMP%}; this way there is one per library build.
     *
     * <p>A file already there is used only if its bytes hash to the same SHA-256: one changed by
     * anyone (or cut short by a crash) is replaced; if it cannot be replaced (another JVM has it
     * loaded), the library goes to a new file of its own in the folder. A copy is written to a
     * fresh temporary file in the folder and then renamed into place, so two JVMs extracting at
     * once never load a half-written file: the loser of the rename finds the winner's file and
     * checks its hash. {@code java.io.tmpdir} on Windows is the user's own {@code %TEMP%}, which no
     * other user can write; the bytes are checked just before loading, not while loading (no API
     * offers that), so this protects against a corrupt or stale file, not against a process of the
     * same user, which could change the JAR itself.
     */
    static File extractOnce(byte[] library, String fileName, String version, File tempRoot) throws IOException {
        String hash = sha256(library);
        File dir = new File(tempRoot, NAME + "-" + (version == null ? "dev" : version) + "-" + hash.substring(0, 16));
        if (!dir.isDirectory() && !dir.mkdirs() && !dir.isDirectory()) {
            throw new IOException("cannot make the folder " + dir);
        }
        File target = new File(dir, fileName);
        if (holds(target, hash)) {
            return target;
        }
        File fresh = File.createTempFile(fileName + "-", ".tmp", dir);
        try {
            makePrivate(fresh);
            write(library, fresh);
            // Renamed into place (on Windows only if nothing is there); or another JVM renamed
            // its copy into place meanwhile, which will do; or the file there is another one
            // (changed, or cut short), replaced if no process has it loaded.
            if (fresh.renameTo(target) && holds(target, hash)
                    || holds(target, hash)
                    || target.delete() && fresh.renameTo(target) && holds(target, hash)) {
                return target;
            }
            if (!fresh.isFile()) {
                throw new IOException("cannot extract the library to " + target + ": it keeps changing");
            }
            // The file in place cannot be replaced: some process has it loaded. This JVM loads
            // a copy of its own.
            File own = fresh;
            fresh = null;
            own.deleteOnExit();
            return own;
        } finally {
            if (fresh != null && fresh.exists() && !fresh.delete()) {
                fresh.deleteOnExit();
            }
        }
    }

    /** Whether {@code file} exists and its SHA-256 is {@code hash}. */
    private static boolean holds(File file, String hash) throws IOException {
        if (!file.isFile()) {
            return false;
        }
        try (InputStream in = new FileInputStream(file)) {
            return sha256(readAll(in)).equals(hash);
        } catch (FileNotFoundException e) {
            return false; // removed meanwhile, or locked
        }
    }

    /** The SHA-256 of {@code bytes} as 64 lowercase hex digits. */
    static String sha256(byte[] bytes) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        StringBuilder hex = new StringBuilder(64);
        for (byte b : digest) {
            hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return hex.toString();
    }

    /** On POSIX systems, makes {@code file} readable and writable by its owner only (before it is written). */
    private static void makePrivate(File file) throws IOException {
        boolean posix = File.separatorChar == '/';
        if (posix && !(file.setReadable(false, false) && file.setReadable(true, true)
                && file.setWritable(false, false) && file.setWritable(true, true))) {
            throw new IOException("cannot make " + file + " private to this user");
        }
    }

    private static void write(byte[] bytes, File file) throws IOException {
        try (OutputStream out = new FileOutputStream(file)) {
            out.write(bytes);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream(65536);
        byte[] buffer = new byte[16384];
        for (int n; (n = in.read(buffer)) != -1; ) {
            all.write(buffer, 0, n);
        }
        return all.toByteArray();
    }
}
