package iot.errorcodes;

import java.util.List;
import java.util.Locale;

/** The catalogs (docs/catalogs.md) against the vendor's files, as {@link Oracle} reads them. */
final class CatalogsTest {
    private CatalogsTest() {}

    static void testTheCatalogsByIdTheDefaultFirst() {
        Check.equal("uws-v1.3.0", Catalog.values()[0].id(), "the default");
        Check.equal(Catalog.UWS_COMMON_2021_04_05, Catalog.byId("uws-common-2021-04-05"), "byId");
        Check.equal(null, Catalog.byId("uws-common"), "an unknown id");
        Check.equal(null, Catalog.byId(null), "null");
        Check.isTrue(Catalog.UWS_COMMON_2021_04_05.source().contains("b69a49ed191e42663cca7c014e54ffd896429bcb"), "source");
    }

    static void testTheCommonCatalogIsTheTableWithItsTextsAndHints() {
        List<String[]> rows = Oracle.commonFirstRows();
        Check.equal(129, Oracle.COMMON_ROWS.size(), "rows of the table");
        Check.equal(127, rows.size(), "codes of the table");
        List<CatalogEntry> entries = Catalog.UWS_COMMON_2021_04_05.entries();
        Check.equal(rows.size(), entries.size(), "entries");
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            String code = row[0];
            CatalogEntry e = Catalog.UWS_COMMON_2021_04_05.entry(code.toLowerCase(Locale.ROOT));
            Check.equal(entries.get(i), e, code + ": in table order, found in lowercase");
            Check.equal(row[1], e.description(Locale.CHINA), code + " text");
            boolean none = row[2].equals("N/A") || Oracle.COMMON_WITHHELD.contains(code);
            Check.equal(none ? null : row[2], e.hint("zh"), code + " hint");
            Check.equal(none ? null : Oracle.COMMON_HINT_EN.get(row[2]), e.hint(Locale.US), code + " hint in English");
        }
        // A repeated code answers with its first row, whatever row asked.
        for (String[] row : Oracle.COMMON_ROWS) {
            String first = Catalog.UWS_COMMON_2021_04_05.entry(row[0]).description("zh");
            Check.isTrue(first.equals(row[1]) || Oracle.COMMON_REPEATED.contains(row[0]), row[0] + " repeated");
        }
    }

    static void testSharedEntriesAreV130sAndTheOthersTheDataFiles() {
        for (String[] row : Oracle.commonFirstRows()) {
            String code = row[0];
            CatalogEntry e = Catalog.UWS_COMMON_2021_04_05.entry(code);
            if (row[1].equals(Oracle.ZH.get(code))) {
                Check.isTrue(!Oracle.COMMON_OWN.containsKey(code), code + ": a row for a shared entry");
                Check.equal(Oracle.NAME.get(code), e.name(), code + " name");
                Check.equal(Oracle.STATUS.get(code), e.status().name(), code + " status");
                Check.equal(Oracle.EN.get(code), e.description("en"), code + " English");
            } else {
                String[] own = Oracle.COMMON_OWN.get(code);
                Check.isTrue(own != null, code + ": its own row");
                Check.equal(own[0], e.name(), code + " name");
                Check.equal(own[1], e.status().name(), code + " status");
                Check.equal(own[2], e.description(Locale.ENGLISH), code + " English");
            }
        }
    }

    static void testTheDefaultCatalogIsWhatTheClassAnswers() {
        for (String code : Oracle.codes()) {
            CatalogEntry e = Catalog.UWS_V1_3_0.entry(code);
            Check.equal(IotErrorCodes.name(code), e.name(), code);
            Check.equal(IotErrorCodes.category(code), e.category(), code);
            Check.equal(IotErrorCodes.status(code), e.status(), code);
            Check.equal(IotErrorCodes.describe(code, "en"), e.description("en"), code);
            Check.equal(Oracle.ZH.get(code), e.description((String) null), code);
            Check.equal(null, e.hint("zh"), code + " has no hint");
        }
        Check.equal(null, Catalog.UWS_V1_3_0.entry("Y00001"), "Y00001 is not V1.3.0's");
    }

    static void testBadInput() {
        for (Catalog c : Catalog.values()) {
            Check.equal("20903", c.entry("g20903").code(), c + " alias");
            for (String bad : new String[] {null, "", "00000", "D00014", "D00004 ", "\u0131", "D\u0000", new String(new char[1000])}) {
                Check.equal(null, c.entry(bad), c + " " + bad);
            }
        }
    }
}
