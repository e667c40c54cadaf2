"""Every code of the spec, with both texts, its name and category, as the package gives them."""

import unittest

import iot_error_codes as catalog
from iot_error_codes import ErrorCode, Status

from . import oracle, vectors


class CatalogTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.rows = oracle.spec_rows()
        cls.names = oracle.names()
        cls.categories = oracle.categories()

    def test_the_oracle_read_the_whole_spec(self):
        # Guards the tests below against a parse that finds nothing to compare.
        self.assertEqual(len(self.rows), 90)
        self.assertEqual(self.rows[26], ("D00004", "Token已过期，未通过token验证。"))

    def test_codes_are_the_spec_codes_in_spec_order(self):
        self.assertEqual(catalog.codes(), tuple(code for code, _ in self.rows))

    def test_every_code_has_the_spec_text_by_default_and_in_chinese(self):
        for code, zh in self.rows:
            with self.subTest(code=code):
                self.assertEqual(catalog.describe(code), zh)
                self.assertEqual(catalog.describe(code, None), zh)
                self.assertEqual(catalog.describe(code, "zh"), zh)

    def test_every_code_has_its_english_text(self):
        for code, _ in self.rows:
            with self.subTest(code=code):
                self.assertEqual(catalog.describe(code, "en"), self.names[code][1])

    def test_every_code_has_its_name_and_category(self):
        for code, _ in self.rows:
            with self.subTest(code=code):
                self.assertEqual(catalog.name(code), self.names[code][0])
                self.assertEqual(catalog.category(code), self.categories[code])

    def test_entries_hold_everything_in_spec_order(self):
        statuses, http = oracle.statuses(), oracle.http_statuses()
        expected = [
            (
                code,
                self.names[code][0],
                self.categories[code],
                zh,
                self.names[code][1],
                Status[statuses[code]],
                http[code],
                statuses[code] in oracle.RETRYABLE_STATUSES,
            )
            for code, zh in self.rows
        ]
        got = [tuple(e) for e in catalog.entries()]
        self.assertEqual(got, expected)
        first = next(catalog.entries())
        self.assertEqual(
            (
                first.code,
                first.name,
                first.category,
                first.description_zh,
                first.description_en,
                first.status,
                first.http_status,
                first.retryable,
            ),
            expected[0],
        )
        self.assertIs(type(first.status), Status)
        self.assertIs(type(first.retryable), bool)

    def test_entries_are_read_only(self):
        entry = catalog.lookup("D00004")
        with self.assertRaises(AttributeError):
            entry.description_en = "changed"
        with self.assertRaises(AttributeError):
            entry.extra = 1
        self.assertEqual(catalog.describe("D00004", "en"), self.names["D00004"][1])

    def test_entries_starts_afresh_each_call(self):
        self.assertEqual(len(list(catalog.entries())), len(self.rows))
        self.assertEqual(len(list(catalog.entries())), len(self.rows))

    def test_error_code_has_one_member_per_code_named_by_its_name(self):
        self.assertEqual([(m.name, m.value) for m in ErrorCode], [(self.names[c][0], c) for c, _ in self.rows])
        self.assertEqual(ErrorCode.TOKEN_EXPIRED, "D00004")
        self.assertIsInstance(ErrorCode.TOKEN_EXPIRED, str)
        self.assertEqual(str(ErrorCode.TOKEN_EXPIRED), "D00004")
        self.assertEqual(ErrorCode("D00004"), ErrorCode.TOKEN_EXPIRED)

    def test_error_code_finds_its_member_as_lookup_does(self):
        for code, _ in self.rows:
            for variant in (code, code.lower(), code.swapcase()):
                with self.subTest(variant=variant):
                    self.assertIs(ErrorCode(variant), ErrorCode[self.names[code][0]])
        self.assertIs(ErrorCode("d00004"), ErrorCode.TOKEN_EXPIRED)
        for alias, code in oracle.aliases().items():
            for variant in (alias, alias.lower()):
                with self.subTest(variant=variant):
                    self.assertIs(ErrorCode(variant), ErrorCode[self.names[code][0]])

    def test_error_code_of_anything_else_is_a_value_error(self):
        for value in (*vectors.misses(), b"D00004", 4, None, ["D00004"]):
            with self.subTest(value=value[:20] if isinstance(value, str) else value):
                with self.assertRaises(ValueError):
                    ErrorCode(value)

    def test_error_code_members_are_accepted_as_codes(self):
        for member in ErrorCode:
            with self.subTest(member=member.name):
                self.assertEqual(catalog.describe(member, "en"), self.names[member.value][1])
                self.assertEqual(catalog.name(member), member.name)

    def test_versions_come_from_the_library_and_match_the_sources(self):
        self.assertEqual(catalog.CATALOG_VERSION, oracle.spec_version())
        self.assertEqual(catalog.CATALOG_VERSION, "1.3.0")
        self.assertEqual(catalog.__version__, oracle.crate_version())

    def test_the_module_examples_run(self):
        import doctest

        result = doctest.testmod(catalog)
        self.assertGreater(result.attempted, 0)
        self.assertEqual(result.failed, 0)

    def test_every_public_name_is_documented(self):
        for public in catalog.__all__:
            obj = getattr(catalog, public)
            if callable(obj):
                with self.subTest(name=public):
                    self.assertTrue(obj.__doc__ and obj.__doc__.strip())
        self.assertTrue(catalog.__doc__)


if __name__ == "__main__":
    unittest.main()
