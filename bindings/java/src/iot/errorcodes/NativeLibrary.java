package iot.errorcodes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 *   <li>the copy bundled in the JAR as {@code /native/<os>-<arch>/<file>} (e.g. {@code
 *       /native/linux-x86_64/libiot_error_codes.so}), copied to a new temporary file readable by
 *       this user only, loaded with {@code System.load}, then deleted (on exit where the platform
 *       keeps a loaded file open).
 * </ol>
 *
 * If none works, {@link UnsatisfiedLinkError} says what each step tried and why it failed.
 */
final class NativeLibrary {
    static final String NAME = "iot_error_codes";
    static final String PATH_PROPERTY = "iot.errorcodes.library";

    /** Which step loaded the library, for diagnostics and tests; {@code null} before loading. */
    private static String loadedFrom;

    private NativeLibrary() {}

    /** Loads the library once per class loader; later calls do nothing. */
    static synchronized void load() {
        if (loadedFrom != null) {
            return;
        }
        List<String> tried = new ArrayList<String>();

        try {
            System.loadLibrary(NAME);
            loadedFrom = "System.loadLibrary";
            return;
        } catch (UnsatisfiedLinkError e) {
            tried.add("System.loadLibrary(\"" + NAME + "\") with java.library.path="
                    + System.getProperty("java.library.path") + ": " + e.getMessage());
        }

        String path = System.getProperty(PATH_PROPERTY);
        if (path == null || path.isEmpty()) {
            tried.add("-D" + PATH_PROPERTY + "=<file>: not set");
        } else {
            try {
                System.load(new java.io.File(path).getAbsolutePath());
                loadedFrom = PATH_PROPERTY;
                return;
            } catch (UnsatisfiedLinkError e) {
                tried.add("-D" + PATH_PROPERTY + "=" + path + ": " + e.getMessage());
            }
        }

        String resource = "/native/" + platform() + "/" + System.mapLibraryName(NAME);
        try {
            loadBundled(resource);
            loadedFrom = "bundled";
            return;
        } catch (IOException e) {
            tried.add("the JAR's " + resource + ": " + e.getMessage());
        } catch (UnsatisfiedLinkError e) {
            tried.add("the JAR's " + resource + ": " + e.getMessage());
        }

        StringBuilder message = new StringBuilder("cannot load the native library " + NAME + "; tried, in order:");
        for (int i = 0; i < tried.size(); i++) {
            message.append("\n  ").append(i + 1).append(". ").append(tried.get(i));
        }
        throw new UnsatisfiedLinkError(message.toString());
    }

    /** {@code "System.loadLibrary"}, {@code "iot.errorcodes.library"} or {@code "bundled"}, once loaded. */
    static synchronized String loadedFrom() {
        return loadedFrom;
    }

    /** The JAR directory for this JVM's platform, e.g. {@code linux-x86_64}, {@code macos-aarch64}. */
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

    private static void loadBundled(String resource) throws IOException {
        Path file = null;
        try {
            try (InputStream in = NativeLibrary.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("not on the class path (no JAR, or none built for this platform)");
                }
                // On POSIX systems a new temporary file is readable and writable by its owner only.
                file = Files.createTempFile(NAME + "-", "-" + System.mapLibraryName(NAME));
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            System.load(file.toAbsolutePath().toString());
        } finally {
            if (file != null) {
                try {
                    // A loaded library stays mapped after its file is deleted, except on Windows.
                    Files.delete(file);
                } catch (IOException stillOpen) {
                    file.toFile().deleteOnExit();
                }
            }
        }
    }
}
