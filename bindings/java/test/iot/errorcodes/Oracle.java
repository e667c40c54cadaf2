package iot.errorcodes;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the tests compare the binding with, read from the repository's sources, never from the
 * library: the spec file (codes, their order, the Chinese texts) and src/catalog/names.tsv (what
 * the spec lacks: names, English texts, category letters, the alias). The repository root comes
 * from the system property {@code iot.errorcodes.root}; the crate's version, which only Cargo
 * reads from Cargo.toml, from {@code iot.errorcodes.crateVersion} (checks/tests/java.rs passes it).
 * The spec file comes from the environment variable {@code IOT_ERROR_CODES_SPEC}, which the Rust
 * checks set to the file they found by the library's rule (src/catalog/source.rs: exactly one
 * {@code uws-error-codes-v<VERSION>.md}), so that the tests have no spec finder of their own.
 */
final class Oracle {
    /** Code to Chinese text, in spec order. */
    static final Map<String, String> ZH = new LinkedHashMap<String, String>();
    /** Code to symbolic name. */
    static final Map<String, String> NAME = new HashMap<String, String>();
    /** Code to the name of its canonical status. */
    static final Map<String, String> STATUS = new HashMap<String, String>();
    /**
     * Released code to {"api/codes.tsv:LINE", status}: the released contract (api/codes.tsv, rows
     * CODE, NAME, CATEGORY, CATEGORY_NUMBER, STATUS), which a status change breaks.
     */
    static final Map<String, String[]> RELEASED_STATUS = new LinkedHashMap<String, String[]>();
    /** Code to English text. */
    static final Map<String, String> EN = new HashMap<String, String>();
    /** Code letter to category name. */
    static final Map<Character, String> CATEGORY_OF_LETTER = new HashMap<Character, String>();
    /** Alias to the spec code it stands for. */
    static final Map<String, String> ALIAS = new HashMap<String, String>();
    /** The spec version, from the spec's file name (e.g. "1.3.0"). */
    static final String SPEC_VERSION;
    /** The library version as Cargo has it, or {@code null} if the tests were run without it. */
    static final String CRATE_VERSION = System.getProperty("iot.errorcodes.crateVersion");

    /** Every row of the common table (src/catalog/, the vendor's), repeats included: {code, text, hint cell}. */
    static final List<String[]> COMMON_ROWS = new ArrayList<String[]>();
    /** Code to {name, status, English} of the common catalog's own rows (src/catalog/uws-common-2021-04-05.tsv). */
    static final Map<String, String[]> COMMON_OWN = new HashMap<String, String[]>();
    /** The English of each hint text of the common table. */
    static final Map<String, String> COMMON_HINT_EN = new HashMap<String, String>();
    /** docs/catalogs.md: a code the table lists twice is its first row. */
    static final List<String> COMMON_REPEATED = java.util.Arrays.asList("LI0001", "LG0001");
    /** docs/catalogs.md: the hints of A00009, LS0001 and LI0001 belong to other codes and are withheld. */
    static final List<String> COMMON_WITHHELD = java.util.Arrays.asList("A00009", "LS0001", "LI0001");

    /** The environment variable naming the spec file. */
    static final String SPEC_VAR = "IOT_ERROR_CODES_SPEC";

    private static final String SPEC_PREFIX = "uws-error-codes-v";
    private static final String SPEC_SUFFIX = ".md";

    private Oracle() {}

    static {
        String root = System.getProperty("iot.errorcodes.root");
        if (root == null) {
            throw new IllegalStateException("run with -Diot.errorcodes.root=<repository root>");
        }
        File catalog = new File(root, "src/catalog");
        String specPath = System.getenv(SPEC_VAR);
        if (specPath == null || specPath.isEmpty()) {
            throw new IllegalStateException(SPEC_VAR + " is not set: run the tests with `cargo xtask check java`, or set it"
                    + " to the spec file, src/catalog/" + SPEC_PREFIX + "<VERSION>" + SPEC_SUFFIX);
        }
        File spec = new File(specPath);
        if (!spec.getName().startsWith(SPEC_PREFIX) || !spec.getName().endsWith(SPEC_SUFFIX)) {
            throw new IllegalStateException(SPEC_VAR + "=" + specPath + " is not a " + SPEC_PREFIX + "<VERSION>" + SPEC_SUFFIX);
        }
        SPEC_VERSION = spec.getName().substring(SPEC_PREFIX.length(), spec.getName().length() - SPEC_SUFFIX.length());
        for (String line : lines(spec)) {
            // "|CODE|text|" splits into ["", CODE, text, ""].
            String[] cells = line.split("\\|", -1);
            if (cells.length == 4 && cells[1].trim().matches("[A-Za-z0-9]+")) {
                ZH.put(cells[1].trim(), cells[2].trim());
            }
        }
        for (String line : lines(new File(catalog, "names.tsv"))) {
            String[] f = line.split("\t", -1);
            if (line.startsWith("#")) {
                continue;
            }
            // category LETTER name; alias ALIAS CODE; CODE NAME STATUS English.
            if (f.length == 3 && f[0].equals("category")) {
                CATEGORY_OF_LETTER.put(f[1].charAt(0), f[2]);
            } else if (f.length == 3 && f[0].equals("alias")) {
                ALIAS.put(f[1], f[2]);
            } else if (f.length == 4) {
                NAME.put(f[0], f[1]);
                STATUS.put(f[0], f[2]);
                EN.put(f[0], f[3]);
            }
        }
    }

    static {
        List<String> released = lines(new File(System.getProperty("iot.errorcodes.root"), "api/codes.tsv"));
        for (int i = 0; i < released.size(); i++) {
            String line = released.get(i);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 5) {
                throw new IllegalStateException("api/codes.tsv:" + (i + 1) + ": expected 5 fields: " + line);
            }
            RELEASED_STATUS.put(f[0], new String[] {"api/codes.tsv:" + (i + 1), f[4]});
        }
    }

    static {
        File catalog = new File(System.getProperty("iot.errorcodes.root"), "src/catalog");
        for (String line : lines(new File(catalog, "uws-common-error-codes-2021-04-05.md"))) {
            // "|CODE|text|hint" splits into ["", CODE, text, hint].
            String[] cells = line.split("\\|", -1);
            if (cells.length == 4 && cells[1].trim().matches("[A-Za-z0-9]+")) {
                COMMON_ROWS.add(new String[] {cells[1].trim(), cells[2].trim(), cells[3].trim()});
            }
        }
        for (String line : lines(new File(catalog, "uws-common-2021-04-05.tsv"))) {
            String[] f = line.split("\t", -1);
            if (line.startsWith("#")) {
                continue;
            } else if (f.length == 3 && f[0].equals("hint")) {
                COMMON_HINT_EN.put(f[1], f[2]);
            } else if (f.length == 4) {
                COMMON_OWN.put(f[0], new String[] {f[1], f[2], f[3]});
            }
        }
    }

    /** The first row of each code of the common table, in table order. */
    static List<String[]> commonFirstRows() {
        Map<String, String[]> first = new LinkedHashMap<String, String[]>();
        for (String[] row : COMMON_ROWS) {
            if (!first.containsKey(row[0])) {
                first.put(row[0], row);
            }
        }
        return new ArrayList<String[]>(first.values());
    }

    /** The category of a spec code: by its letter, or by its alias's letter if it has none. */
    static String category(String code) {
        String category = CATEGORY_OF_LETTER.get(code.charAt(0));
        for (Map.Entry<String, String> alias : ALIAS.entrySet()) {
            if (category == null && alias.getValue().equals(code)) {
                category = CATEGORY_OF_LETTER.get(alias.getKey().charAt(0));
            }
        }
        return category;
    }

    static List<String> codes() {
        return new ArrayList<String>(ZH.keySet());
    }

    private static List<String> lines(File file) {
        try {
            return Files.readAllLines(file.toPath(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
