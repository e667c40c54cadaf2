package iot.errorcodes;

import java.io.PrintStream;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.List;

/**
 * Looks up retCodes from the command line:
 *
 * <pre>java -cp iot-error-codes.jar iot.errorcodes.Main D00004 [--lang en]</pre>
 *
 * Prints {@code code TAB NAME TAB category TAB description} for each code (the same as the Rust
 * example {@code describe}), in UTF-8. {@code --help} prints the usage to standard output. Exits 1
 * if any code is unknown, 2 on a usage error (no code, {@code --lang} without a tag, any other
 * argument starting with {@code -}), 3 if the native library cannot be loaded.
 */
public final class Main {
    private Main() {}

    /** Exit status: a code was not in the catalog. */
    static final int UNKNOWN_CODE = 1;
    /** Exit status: the arguments were not understood. */
    static final int USAGE = 2;
    /** Exit status: the native library could not be loaded. */
    static final int NO_LIBRARY = 3;

    private static final String USAGE_TEXT =
            "usage: java -cp iot-error-codes.jar iot.errorcodes.Main CODE... [--lang zh|en|<BCP 47 or POSIX locale>]\n"
            + "Prints code, name, category and description of each retCode, tab-separated.\n"
            + "Exit status: 0 all codes known, 1 an unknown code, 2 a usage error, 3 no native library.";

    /** Runs the command (see the class description) and exits with its status. */
    public static void main(String[] args) throws UnsupportedEncodingException {
        System.exit(run(args, new PrintStream(System.out, true, "UTF-8"), System.err));
    }

    /** Runs the command with {@code args}, printing to {@code out} and {@code err}; the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        String lang = null;
        boolean help = false;
        String problem = null;
        List<String> codes = new ArrayList<String>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
            } else if (arg.equals("--lang") && i + 1 < args.length) {
                lang = args[++i];
            } else if (!arg.startsWith("-")) {
                codes.add(arg);
            } else if (problem == null) {
                problem = arg.equals("--lang") ? "--lang needs a language tag" : "unknown option " + arg;
            }
        }
        if (help) {
            out.println(USAGE_TEXT);
            return 0;
        }
        if (problem == null && codes.isEmpty()) {
            problem = "no code given";
        }
        if (problem != null) {
            err.println("error: " + problem);
            err.println(USAGE_TEXT);
            return USAGE;
        }
        try {
            return print(codes, lang, out, err);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            // The first use of IotErrorCodes throws the loader's UnsatisfiedLinkError; later uses
            // in the same JVM throw NoClassDefFoundError.
            err.println("error: cannot load the native library iot_error_codes: " + e.getMessage());
            return NO_LIBRARY;
        }
    }

    /** Prints each code's line (or says it is unknown); the exit status. */
    private static int print(List<String> codes, String lang, PrintStream out, PrintStream err) {
        int status = 0;
        for (String code : codes) {
            IotErrorCodes.Entry e = IotErrorCodes.entry(code);
            if (e != null) {
                out.println(e.code + "\t" + e.name + "\t" + e.category + "\t" + IotErrorCodes.description(e, lang));
            } else if (IotErrorCodes.isSuccess(code)) {
                out.println(code + "\tSUCCESS\t-\t(success, not an error)");
            } else {
                err.println(code + ": unknown retCode (not in spec V" + IotErrorCodes.catalogVersion() + ")");
                status = UNKNOWN_CODE;
            }
        }
        return status;
    }
}
