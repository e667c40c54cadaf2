package iot.errorcodes;

/**
 * For checks/tests/java/loader.rs, which runs it in JVMs set up for each step of the loader's order: prints which
 * step loaded the native library and a lookup through it, or the loader's error (exit status 3).
 * With the argument {@code resource}: the JAR resource the loader would take for this JVM's {@code
 * os.name} and {@code os.arch} and whether it is on the class path, loading nothing.
 */
public final class LoaderProbe {
    private LoaderProbe() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("resource")) {
            String resource = NativeLibrary.resource();
            boolean present = NativeLibrary.class.getResource(resource) != null;
            System.out.println(resource + (present ? " (in the class path)" : " (not in the class path)"));
            System.out.println("loaded by " + NativeLibrary.loadedFrom());
            return;
        }
        String text;
        try {
            text = IotErrorCodes.describe("D00004", "en");
        } catch (UnsatisfiedLinkError e) {
            System.out.println("UnsatisfiedLinkError: " + e.getMessage());
            System.exit(3);
            return;
        }
        System.out.println("loaded by " + NativeLibrary.loadedFrom());
        System.out.println("D00004: " + text);
    }
}
