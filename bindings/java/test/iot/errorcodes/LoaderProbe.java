package iot.errorcodes;

/**
 * For tests/java.rs, which runs it in JVMs set up for each step of the loader's order: prints which
 * step loaded the native library and a lookup through it, or the loader's error (exit status 3).
 */
public final class LoaderProbe {
    private LoaderProbe() {}

    public static void main(String[] args) throws Exception {
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
