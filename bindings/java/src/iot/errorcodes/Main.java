package iot.errorcodes;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.List;

/**
 * Looks up retCodes from the command line, with the contract that the Rust example {@code
 * describe} and {@code python -m iot_error_codes} share:
 *
 * <pre>java -jar iot-error-codes.jar [--catalog ID] [--lang TAG] [--json] (CODE... | --list | --catalogs)</pre>
 *
 * <ul>
 *   <li>{@code -h}/{@code --help}: the usage ({@link Constants#USAGE}) on standard output, exit 0.
 *   <li>Each CODE: {@code code TAB NAME TAB category TAB STATUS TAB description} on standard
 *       output, in UTF-8, the code as the spec spells it ({@code g20903} gives {@code 20903}),
 *       STATUS its canonical {@link Status}; the success code {@code 00000}: {@code 00000 TAB
 *       SUCCESS TAB - TAB OK TAB (success, not an error)}. {@code --list}: every code in spec
 *       order. {@code --lang TAG}: the descriptions' language.
 *   <li>{@code --catalog ID}: the codes of that {@link Catalog} (default {@code uws-v1.3.0});
 *       {@code --catalogs}: each catalog's id, a TAB and its source, the default first.
 *   <li>An unknown code: {@code error: unknown retCode "X" (not in the UWS error-code spec V...)}
 *       ({@code (not in the catalog ID)} with another catalog) on
 *       standard error; the other codes are still printed, and the exit status is 1.
 *   <li>{@code --json}: a JSON array of {@code {"code", "name", "category", "status",
 *       "http_status", "retryable", "description", "hint"}} objects (the status's name, its HTTP status as
 *       a number, and whether it is retryable as a boolean), formatted as Python's {@code
 *       json.dumps(records, ensure_ascii=False, indent=2)} plus a newline; an unknown code has its
 *       code as given and {@code null} for the rest, exits 1, and has no line on standard error;
 *       the success code has {@code "OK"}, 200 and {@code false}, and {@code null} for name,
 *       category and description.
 *   <li>A usage error: {@code error: REASON} and the usage's first line on standard error, exit 2.
 *       Options may come anywhere among the codes; {@code --lang} takes the next argument unless
 *       that starts with {@code -}.
 *   <li>No native library: {@code error: cannot load the native library: DETAIL}, exit 3; also when
 *       a library override ({@code -Diot.errorcodes.library}, else {@code IOT_ERROR_CODES_LIBRARY})
 *       is set but another copy was loaded (docs/cli.md: an override is used alone).
 * </ul>
 */
public final class Main {
    private Main() {}

    /** Exit status: a code was not in the catalog. */
    static final int UNKNOWN_CODE = 1;
    /** Exit status: the arguments were not understood. */
    static final int USAGE = 2;
    /** Exit status: the native library could not be loaded. */
    static final int NO_LIBRARY = 3;

    /** Runs the command (see the class description) and exits with its status. */
    public static void main(String[] args) throws UnsupportedEncodingException {
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), false, "UTF-8");
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, "UTF-8");
        int status = run(args, out, err);
        out.flush();
        System.exit(status);
    }

    /** Runs the command with {@code args}, printing to {@code out} and {@code err}; the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        String lang = null;
        Catalog catalog = Catalog.values()[0];
        boolean help = false;
        boolean list = false;
        boolean json = false;
        boolean catalogs = false;
        String problem = null;
        List<String> codes = new ArrayList<String>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String argProblem = null;
            if (arg.equals("-h") || arg.equals("--help")) {
                help = true;
            } else if (arg.equals("--list")) {
                list = true;
            } else if (arg.equals("--json")) {
                json = true;
            } else if (arg.equals("--catalogs")) {
                catalogs = true;
            } else if (arg.equals("--catalog")) {
                if (i + 1 < args.length && !args[i + 1].startsWith("-")) {
                    String id = args[++i];
                    Catalog chosen = Catalog.byId(id);
                    if (chosen != null) {
                        catalog = chosen;
                    } else {
                        StringBuilder known = new StringBuilder();
                        for (Catalog c : Catalog.values()) {
                            known.append(known.length() == 0 ? "" : ", ").append(c.id());
                        }
                        argProblem = "unknown catalog \"" + id + "\" (known: " + known + ")";
                    }
                } else {
                    argProblem = "--catalog needs a catalog id";
                }
            } else if (arg.equals("--lang")) {
                if (i + 1 < args.length && !args[i + 1].startsWith("-")) {
                    lang = args[++i];
                } else {
                    argProblem = "--lang needs a language tag";
                }
            } else if (arg.startsWith("-")) {
                argProblem = "unknown option " + arg;
            } else {
                codes.add(arg);
            }
            if (problem == null) {
                problem = argProblem;
            }
        }
        if (help) {
            out.print(Constants.USAGE + "\n");
            out.flush();
            return 0;
        }
        if (problem == null && list && !codes.isEmpty()) {
            problem = "give CODEs or --list, not both";
        } else if (problem == null && catalogs && (list || !codes.isEmpty())) {
            problem = "--catalogs takes no CODE or --list";
        } else if (problem == null && !list && codes.isEmpty() && !catalogs) {
            problem = "no code given";
        }
        if (problem != null) {
            int end = Constants.USAGE.indexOf('\n');
            err.print("error: " + problem + "\n" + (end < 0 ? Constants.USAGE : Constants.USAGE.substring(0, end)) + "\n");
            err.flush();
            return USAGE;
        }
        try {
            String overrideProblem = overrideProblem();
            if (overrideProblem != null) {
                err.print("error: cannot load the native library: " + overrideProblem + "\n");
                err.flush();
                return NO_LIBRARY;
            }
            IotErrorCodes.version(); // loads the library, as for every other command
            if (catalogs) {
                for (Catalog c : Catalog.values()) {
                    out.print(c.id() + "\t" + c.source() + "\n");
                }
                out.flush();
                return 0;
            }
            List<String> todo = codes;
            if (list) {
                todo = new ArrayList<String>();
                for (CatalogEntry e : catalog.entries()) {
                    todo.add(e.code());
                }
            }
            return json ? printJson(catalog, todo, lang, out) : printLines(catalog, todo, lang, out, err);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            // The first use of IotErrorCodes throws the loader's UnsatisfiedLinkError; later uses
            // in the same JVM throw NoClassDefFoundError.
            String detail = String.valueOf(e.getMessage());
            if (detail.startsWith(NativeLibrary.FAILURE)) {
                detail = detail.substring(NativeLibrary.FAILURE.length());
            }
            err.print("error: cannot load the native library: " + detail + "\n");
            err.flush();
            return NO_LIBRARY;
        }
    }

    /**
     * The library-override rule of docs/cli.md: an override ({@code -Diot.errorcodes.library}, else
     * {@code $IOT_ERROR_CODES_LIBRARY}) names the only library the command line may use. Loads the
     * library; {@code null} if no override is set or the library came from it, else why not. (The
     * loader itself, as an API, goes on to the next step; the command line must not answer from
     * another copy than the one named.)
     */
    private static String overrideProblem() {
        String property = System.getProperty(NativeLibrary.PATH_PROPERTY);
        String variable = System.getenv(NativeLibrary.PATH_VARIABLE);
        String step;
        String setting;
        if (property != null && !property.isEmpty()) {
            step = NativeLibrary.PATH_PROPERTY;
            setting = "-D" + NativeLibrary.PATH_PROPERTY + "=" + property;
        } else if (variable != null && !variable.isEmpty()) {
            step = NativeLibrary.PATH_VARIABLE;
            setting = NativeLibrary.PATH_VARIABLE + "=" + variable;
        } else {
            return null;
        }
        IotErrorCodes.catalogVersion(); // loads the library, or throws the loader's error
        String from = NativeLibrary.loadedFrom();
        if (step.equals(from)) {
            return null;
        }
        if ("System.loadLibrary".equals(from)) {
            return setting + " is set, but the loader found a library on java.library.path first; an override is used alone";
        }
        return setting + " does not load (the loader took " + from + " instead); an override is used alone";
    }

    /** Prints each code's line, or says on {@code err} that it is unknown; the exit status. */
    private static int printLines(Catalog catalog, List<String> codes, String lang, PrintStream out, PrintStream err) {
        int status = 0;
        for (String code : codes) {
            CatalogEntry e = catalog.entry(code);
            if (e != null) {
                out.print(e.code() + "\t" + e.name() + "\t" + e.category() + "\t" + e.status() + "\t" + e.description(lang) + "\n");
            } else if (IotErrorCodes.isSuccess(code)) {
                out.print(code + "\tSUCCESS\t-\t" + Status.OK + "\t(success, not an error)\n");
            } else {
                // What went before comes first, also where both streams go to one terminal.
                out.flush();
                String where = catalog == Catalog.values()[0]
                        ? "the UWS error-code spec V" + IotErrorCodes.catalogVersion()
                        : "the catalog " + catalog.id();
                err.print("error: unknown retCode \"" + code + "\" (not in " + where + ")\n");
                err.flush();
                status = UNKNOWN_CODE;
            }
        }
        out.flush();
        return status;
    }

    /** Prints the codes' records as one JSON array; the exit status. */
    private static int printJson(Catalog catalog, List<String> codes, String lang, PrintStream out) {
        int status = 0;
        List<Object[]> records = new ArrayList<Object[]>();
        for (String code : codes) {
            CatalogEntry e = catalog.entry(code);
            Status s = e != null ? e.status() : IotErrorCodes.isSuccess(code) ? Status.OK : null;
            Object[] statusValues = s == null ? new Object[3] : new Object[] {s.name(), s.httpStatus(), s.isRetryable()};
            if (e != null) {
                records.add(record(e.code(), e.name(), e.category(), statusValues, e.description(lang), e.hint(lang)));
            } else {
                records.add(record(code, null, null, statusValues, null, null));
                if (s == null) {
                    status = UNKNOWN_CODE;
                }
            }
        }
        out.print(json(records));
        out.flush();
        return status;
    }

    /** The keys of a record, in the order Python's dict keeps them. */
    private static final String[] KEYS = {"code", "name", "category", "status", "http_status", "retryable", "description", "hint"};

    /** The values of {@link #KEYS}: {@code status} holds those of "status", "http_status" and "retryable". */
    private static Object[] record(String code, String name, String category, Object[] status, String description, String hint) {
        return new Object[] {code, name, category, status[0], status[1], status[2], description, hint};
    }

    /**
     * {@code records} (each the values of {@link #KEYS}: a {@code String}, {@code Integer} or {@code
     * Boolean}, or {@code null} for JSON's null) as Python's {@code json.dumps(records,
     * ensure_ascii=False, indent=2)} writes them, plus a newline.
     */
    static String json(List<Object[]> records) {
        if (records.isEmpty()) {
            return "[]\n";
        }
        StringBuilder b = new StringBuilder("[");
        for (int r = 0; r < records.size(); r++) {
            b.append(r == 0 ? "\n  {" : ",\n  {");
            for (int k = 0; k < KEYS.length; k++) {
                b.append(k == 0 ? "\n    " : ",\n    ").append(jsonString(KEYS[k])).append(": ").append(jsonValue(records.get(r)[k]));
            }
            b.append("\n  }");
        }
        return b.append("\n]\n").toString();
    }

    /** A string as {@link #jsonString}, a number or boolean as Python writes it, {@code null} as null. */
    private static String jsonValue(Object value) {
        if (value instanceof Integer || value instanceof Boolean) {
            // Python writes True and 401 as true and 401, as Java's toString() does.
            return value.toString();
        }
        return jsonString((String) value);
    }

    /**
     * {@code s} as a JSON string as Python's {@code json.dumps(..., ensure_ascii=False)} writes it
     * ({@code null}: {@code null}): {@code "} and {@code \} escaped, the control characters below
     * U+0020 as {@code \n \r \t \b \f} or else a backslash, {@code u} and 4 lowercase hex digits,
     * everything else as it is.
     */
    static String jsonString(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    b.append("\\\"");
                    break;
                case '\\':
                    b.append("\\\\");
                    break;
                case '\n':
                    b.append("\\n");
                    break;
                case '\r':
                    b.append("\\r");
                    break;
                case '\t':
                    b.append("\\t");
                    break;
                case '\b':
                    b.append("\\b");
                    break;
                case '\f':
                    b.append("\\f");
                    break;
                default:
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.append('"').toString();
    }
}
