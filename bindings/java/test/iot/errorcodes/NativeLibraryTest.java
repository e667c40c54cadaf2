package iot.errorcodes;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The loader's choice of JAR resource for what real JVMs report on Windows and macOS, and its
 * reusable extraction of the Windows DLL ({@link NativeLibrary#extractOnce}), on any machine.
 */
final class NativeLibraryTest {
    private NativeLibraryTest() {}

    /**
     * {@code os.name}, {@code os.arch} as OpenJDK reports them on each system, and the resource the
     * loader must take: the folder names bindings/java/build.sh uses, the file names the systems
     * give a library (LoadLibrary's {@code .dll}, macOS's {@code lib*.dylib}).
     */
    private static final String[][] PLATFORMS = {
        {"Windows 11", "amd64", "/native/windows-x86_64/iot_error_codes.dll"},
        {"Windows 10", "amd64", "/native/windows-x86_64/iot_error_codes.dll"},
        {"Windows Server 2022", "amd64", "/native/windows-x86_64/iot_error_codes.dll"},
        {"Windows 11", "aarch64", "/native/windows-aarch64/iot_error_codes.dll"},
        {"Mac OS X", "aarch64", "/native/macos-aarch64/libiot_error_codes.dylib"},
        {"Mac OS X", "x86_64", "/native/macos-x86_64/libiot_error_codes.dylib"},
        {"Darwin", "arm64", "/native/macos-aarch64/libiot_error_codes.dylib"},
        {"Linux", "amd64", "/native/linux-x86_64/libiot_error_codes.so"},
        {"Linux", "aarch64", "/native/linux-aarch64/libiot_error_codes.so"},
        {"Linux", "arm", "/native/linux-arm/libiot_error_codes.so"},
    };

    static void testResourceForEachWindowsAndMacJvm() {
        for (String[] p : PLATFORMS) {
            Check.equal(p[2], NativeLibrary.resource(p[0], p[1]), "os.name=" + p[0] + " os.arch=" + p[1]);
        }
    }

    static void testSha256OfAKnownInput() {
        // FIPS 180-2, appendix B.1.
        Check.equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                NativeLibrary.sha256("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII)), "SHA-256 of abc");
    }

    static void testExtractOnceWritesOneFileAndReusesIt() throws IOException {
        File root = tempRoot();
        byte[] library = "the DLL's bytes".getBytes("UTF-8");
        File first = NativeLibrary.extractOnce(library, "iot_error_codes.dll", "1.2.3", root);
        Check.isTrue(first.getParentFile().getName().matches("iot_error_codes-1\\.2\\.3-[0-9a-f]{16}"), "folder name: " + first);
        Check.equal(root, first.getParentFile().getParentFile(), "folder's place");
        Check.equal("iot_error_codes.dll", first.getName(), "file name");
        Check.isTrue(Arrays.equals(library, read(first)), "the file holds the library");
        Check.isTrue(first.setLastModified(1000000000000L), "set the file's time");
        File second = NativeLibrary.extractOnce(library, "iot_error_codes.dll", "1.2.3", root);
        Check.equal(first, second, "the second JVM's path");
        Check.equal(1000000000000L, second.lastModified(), "the file was reused, not written again");
        checkOnlyEntry(root, first.getParentFile(), "folders under the temporary folder");
        checkOnlyEntry(first.getParentFile(), first, "files in the folder");

        File other = NativeLibrary.extractOnce("another build".getBytes("UTF-8"), "iot_error_codes.dll", "1.2.3", root);
        Check.isTrue(!other.getParentFile().equals(first.getParentFile()), "another build gets another folder");
        File unversioned = NativeLibrary.extractOnce(library, "iot_error_codes.dll", null, root);
        Check.isTrue(unversioned.getParentFile().getName().startsWith("iot_error_codes-dev-"), "outside a JAR: " + unversioned);
        delete(root);
    }

    static void testExtractOnceReplacesAChangedOrTruncatedFile() throws IOException {
        File root = tempRoot();
        byte[] library = "the DLL's bytes".getBytes("UTF-8");
        File path = NativeLibrary.extractOnce(library, "iot_error_codes.dll", "1.2.3", root);
        for (byte[] planted : new byte[][] {"tampered".getBytes("UTF-8"), Arrays.copyOf(library, 5), new byte[0]}) {
            try (OutputStream out = new FileOutputStream(path)) {
                out.write(planted);
            }
            File again = NativeLibrary.extractOnce(library, "iot_error_codes.dll", "1.2.3", root);
            Check.equal(path, again, "the path after the file was changed");
            Check.isTrue(Arrays.equals(library, read(again)), "the changed file is replaced by the library");
            checkOnlyEntry(path.getParentFile(), path, "no temporary file is left");
        }
        delete(root);
    }

    static void testExtractOnceFromManyThreadsAtOnce() throws Exception {
        File root = tempRoot();
        final byte[] library = new byte[200000];
        new java.util.Random(28).nextBytes(library);
        final File dir = root;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<File>> results = new ArrayList<Future<File>>();
        try {
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(new Callable<File>() {
                    @Override
                    public File call() throws IOException {
                        return NativeLibrary.extractOnce(library, "iot_error_codes.dll", "1.2.3", dir);
                    }
                }));
            }
            File first = results.get(0).get();
            for (Future<File> result : results) {
                Check.equal(first, result.get(), "every thread's path");
            }
            Check.isTrue(Arrays.equals(library, read(first)), "the file holds the library");
            checkOnlyEntry(first.getParentFile(), first, "files in the folder");
        } finally {
            pool.shutdown();
        }
        delete(root);
    }

    /**
     * Checks that {@code only} is the one entry of {@code dir}. Where this JVM cannot list a
     * directory it says so and checks nothing more: 32-bit ARM JVMs under qemu-user, whose
     * emulated getdents loses the entries on a 64-bit host, list none, not even {@code only},
     * which exists.
     */
    private static void checkOnlyEntry(File dir, File only, String what) {
        Check.isTrue(only.exists(), what + ": " + only + " exists");
        String[] entries = dir.list();
        Check.isTrue(entries != null, what + ": cannot list " + dir);
        if (entries.length == 0) {
            System.out.println("note    " + what + ": this JVM lists no entry in " + dir + ", though " + only.getName()
                    + " is there (qemu-user on a 32-bit CPU); the count is not checked here");
            return;
        }
        Check.equal(Arrays.asList(only.getName()), Arrays.asList(entries), what);
    }

    private static File tempRoot() throws IOException {
        File root = File.createTempFile("native-library-test-", "");
        Check.isTrue(root.delete() && root.mkdir(), "make " + root);
        return root;
    }

    private static byte[] read(File file) throws IOException {
        try (InputStream in = new FileInputStream(file)) {
            byte[] bytes = new byte[(int) file.length()];
            int n = 0;
            for (int r; n < bytes.length && (r = in.read(bytes, n, bytes.length - n)) != -1; ) {
                n += r;
            }
            return Arrays.copyOf(bytes, n);
        }
    }

    /** Removes a test's folder, as far as this JVM can list it (see {@link #checkOnlyEntry}). */
    private static void delete(File file) {
        File[] children = file.listFiles();
        if (children != null) {
            for (File child : children) {
                delete(child);
            }
        }
        if (!file.delete()) {
            file.deleteOnExit();
        }
    }
}
