package iot.errorcodes;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The test inputs every suite shares, read from tests/vectors.txt at the repository root (see its
 * header for the format): case variants and the alias that find a code, strings that are no code,
 * and language tags. {@code bytes} records (raw bytes, for the C and Rust byte APIs) are skipped:
 * a Java string has no bytes. The repository root comes from the system property {@code
 * iot.errorcodes.root}, as for {@link Oracle}.
 */
final class Vectors {
    /** {@code hit} records: {input, the spec's code it finds}. */
    static final List<String[]> HITS;
    /** {@code miss} records: inputs that are no code. */
    static final List<String> MISSES;
    /** {@code tag} records: {tag, "zh" or "en", the language it selects}. */
    static final List<String[]> TAGS;
    /** {@code notag} records: tags that select no language (the default is used). */
    static final List<String> NOTAGS;

    private Vectors() {}

    static {
        String root = System.getProperty("iot.errorcodes.root");
        if (root == null) {
            throw new IllegalStateException("run with -Diot.errorcodes.root=<repository root>");
        }
        File file = new File(root, "tests/vectors.txt");
        List<String> lines;
        try {
            lines = Files.readAllLines(file.toPath(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e, e);
        }
        List<String[]> hits = new ArrayList<String[]>();
        List<String> misses = new ArrayList<String>();
        List<String[]> tags = new ArrayList<String[]>();
        List<String> notags = new ArrayList<String>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = file + ":" + (n + 1);
            String[] fields = line.split("\t", -1);
            String kind = fields[0];
            int expected = kind.equals("hit") || kind.equals("tag") ? 3 : 2;
            if (!kind.matches("hit|miss|bytes|tag|notag")) {
                throw new IllegalStateException(where + ": unknown record " + kind);
            }
            if (fields.length != expected) {
                throw new IllegalStateException(where + ": a " + kind + " record has " + expected + " fields, not " + fields.length);
            }
            if (kind.equals("bytes")) {
                continue;
            }
            String input = decode(fields[1], where);
            if (kind.equals("hit")) {
                hits.add(new String[] {input, decode(fields[2], where)});
            } else if (kind.equals("miss")) {
                misses.add(input);
            } else if (kind.equals("tag")) {
                if (!fields[2].matches("zh|en")) {
                    throw new IllegalStateException(where + ": a tag selects zh or en, not " + fields[2]);
                }
                tags.add(new String[] {input, fields[2]});
            } else {
                notags.add(input);
            }
        }
        if (hits.isEmpty() || misses.isEmpty() || tags.isEmpty() || notags.isEmpty()) {
            throw new IllegalStateException(file + " lacks hit, miss, tag or notag records");
        }
        HITS = Collections.unmodifiableList(hits);
        MISSES = Collections.unmodifiableList(misses);
        TAGS = Collections.unmodifiableList(tags);
        NOTAGS = Collections.unmodifiableList(notags);
    }

    /**
     * A field with its escapes replaced: {@code \t \n \0 \\}, {@code \}{@code uXXXX} (one UTF-16
     * unit, lone surrogates included) and {@code \*N} (the preceding character, N times in all).
     * {@code \xHH} belongs to {@code bytes} records only, so it is an error here, as is any other
     * escape.
     */
    static String decode(String field, String where) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i + 1 >= field.length()) {
                throw new IllegalStateException(where + ": a field ends with a lone backslash");
            }
            char e = field.charAt(++i);
            if (e == 't') {
                out.append('\t');
            } else if (e == 'n') {
                out.append('\n');
            } else if (e == '0') {
                out.append('\0');
            } else if (e == '\\') {
                out.append('\\');
            } else if (e == 'u' && i + 4 < field.length() && field.substring(i + 1, i + 5).matches("[0-9a-fA-F]{4}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 5), 16));
                i += 4;
            } else if (e == '*' && out.length() > 0) {
                int end = i + 1;
                while (end < field.length() && Character.isDigit(field.charAt(end))) {
                    end++;
                }
                if (end == i + 1) {
                    throw new IllegalStateException(where + ": \\* without a count");
                }
                int count = Integer.parseInt(field.substring(i + 1, end));
                if (count < 1) {
                    throw new IllegalStateException(where + ": \\*" + count + " repeats a character less than once");
                }
                char repeated = out.charAt(out.length() - 1);
                for (int k = 1; k < count; k++) {
                    out.append(repeated);
                }
                i = end - 1;
            } else {
                throw new IllegalStateException(where + ": an escape that only bytes records may have, or none at all: \\" + e);
            }
        }
        return out.toString();
    }
}
