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
 * example {@code describe}), in UTF-8. Exits 1 if any code is unknown, 2 on a usage error.
 */
public final class Main {
    private Main() {}

    /** Runs the command; see the class description. */
    public static void main(String[] args) throws UnsupportedEncodingException {
        System.exit(run(args, new PrintStream(System.out, true, "UTF-8"), System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String lang = null;
        List<String> codes = new ArrayList<String>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--lang") && i + 1 < args.length) {
                lang = args[++i];
            } else if (args[i].equals("--lang") || args[i].equals("-h") || args[i].equals("--help")) {
                return usage(err);
            } else {
                codes.add(args[i]);
            }
        }
        if (codes.isEmpty()) {
            return usage(err);
        }
        int status = 0;
        for (String code : codes) {
            String name = IotErrorCodes.name(code);
            if (name != null) {
                ErrorCode c = ErrorCode.valueOf(name);
                out.println(c.code() + "\t" + name + "\t" + c.category() + "\t" + IotErrorCodes.describe(code, lang));
            } else if (IotErrorCodes.isSuccess(code)) {
                out.println(code + "\tSUCCESS\t-\t(success, not an error)");
            } else {
                err.println(code + ": unknown retCode (not in spec V" + IotErrorCodes.catalogVersion() + ")");
                status = 1;
            }
        }
        return status;
    }

    private static int usage(PrintStream err) {
        err.println("usage: java -cp iot-error-codes.jar iot.errorcodes.Main CODE... [--lang zh|en|<BCP 47 or POSIX locale>]");
        return 2;
    }
}
