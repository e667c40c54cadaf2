"""The catalogs (docs/catalogs.md) against the vendor's files, read by the oracle."""

import unittest

import iot_error_codes as e
from iot_error_codes import Catalog, CatalogEntry, Status

from . import oracle


def _first_rows():
    seen, rows = set(), []
    for row in oracle.common_rows():
        if row[0] not in seen:
            seen.add(row[0])
            rows.append(row)
    return rows


class CatalogsTest(unittest.TestCase):
    def test_the_catalogs_by_id_the_default_first(self):
        self.assertEqual([c.value for c in Catalog], ["uws-v1.3.0", "uws-common-2021-04-05"])
        self.assertIs(Catalog("uws-common-2021-04-05"), Catalog.UWS_COMMON_2021_04_05)
        with self.assertRaises(ValueError):
            Catalog("uws-common")
        self.assertIn("b69a49ed191e42663cca7c014e54ffd896429bcb", Catalog.UWS_COMMON_2021_04_05.source)

    def test_the_common_catalog_is_the_table_with_its_texts_and_hints(self):
        rows = _first_rows()
        self.assertEqual(len(oracle.common_rows()), 129)
        self.assertEqual(len(rows), 127)
        catalog = Catalog.UWS_COMMON_2021_04_05
        self.assertEqual([x.code for x in catalog.entries()], [r[0] for r in rows])
        english = oracle.common_hints()
        for code, text, hint in rows:
            with self.subTest(code=code):
                entry = catalog.entry(code.lower())
                self.assertIsInstance(entry, CatalogEntry)
                self.assertEqual(entry.description_zh, text)
                if hint == "N/A" or code in oracle.COMMON_WITHHELD:
                    self.assertEqual((entry.hint_zh, entry.hint_en), (None, None))
                else:
                    self.assertEqual((entry.hint_zh, entry.hint_en), (hint, english[hint]))
        for code in oracle.COMMON_REPEATED:
            first = next(r for r in rows if r[0] == code)
            self.assertEqual(catalog.entry(code).description_zh, first[1])

    def test_shared_entries_are_v1_3_0_s_and_the_others_are_the_data_file_s(self):
        v1 = dict(oracle.spec_rows())
        own = oracle.common_data()
        http_of = {name: http for name, _, http in oracle.GRPC_STATUSES}
        for code, text, _ in _first_rows():
            with self.subTest(code=code):
                entry = Catalog.UWS_COMMON_2021_04_05.entry(code)
                if v1.get(code) == text:
                    self.assertNotIn(code, own)
                    self.assertEqual(entry.name, e.name(code))
                    self.assertEqual(entry.status, e.status(code))
                    self.assertEqual(entry.description_en, e.describe(code, "en"))
                else:
                    name, status, en = own[code]
                    self.assertEqual((entry.name, entry.status.name, entry.description_en), (name, status, en))
                self.assertEqual(entry.http_status, http_of[entry.status.name])
                self.assertEqual(entry.retryable, entry.status.name in oracle.RETRYABLE_STATUSES)

    def test_the_default_catalog_is_what_the_functions_answer(self):
        for code, text in oracle.spec_rows():
            with self.subTest(code=code):
                entry = Catalog.UWS_V1_3_0.entry(code)
                old = e.lookup(code)
                self.assertEqual(
                    tuple(entry[:8]),
                    (old.code, old.name, old.category, old.status, old.http_status, old.retryable, text, old.description_en),
                )
                self.assertEqual((entry.hint_zh, entry.hint_en), (None, None))
        self.assertIsNone(Catalog.UWS_V1_3_0.entry("Y00001"))
        self.assertEqual(Catalog.UWS_COMMON_2021_04_05.entry("y00001").status, Status.FAILED_PRECONDITION)

    def test_bad_input(self):
        for catalog in Catalog:
            self.assertEqual(catalog.entry("G20903").code, "20903")
            for bad in ("", "00000", "D00014", "D00004 ", "\u0131", "A" * 1000):
                self.assertIsNone(catalog.entry(bad), repr(bad))
            with self.assertRaises(TypeError):
                catalog.entry(b"D00004")


if __name__ == "__main__":
    unittest.main()
