"""How input finds a code: case, the alias, language tags, and every kind of bad input."""

import unittest
from unittest import mock

import iot_error_codes as catalog
from iot_error_codes import ErrorCode, IotPlatformError

from . import oracle

LOOKUPS = (catalog.describe, catalog.name, catalog.category, catalog.lookup)


class CaseAndAliasTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.rows = oracle.spec_rows()
        cls.names = oracle.names()

    def test_codes_match_ascii_case_insensitively(self):
        for code, zh in self.rows:
            for variant in (code.lower(), code.swapcase(), code[:1].lower() + code[1:]):
                with self.subTest(variant=variant):
                    self.assertEqual(catalog.describe(variant), zh)
                    self.assertEqual(catalog.describe(variant, "en"), self.names[code][1])
                    self.assertEqual(catalog.name(variant), self.names[code][0])
                    self.assertEqual(catalog.category(variant), catalog.category(code))
                    self.assertEqual(catalog.lookup(variant).code, code)

    def test_the_alias_finds_the_code_the_spec_prints_without_its_letter(self):
        aliases = oracle.aliases()
        self.assertEqual(aliases, {"G20903": "20903"})
        zh = dict(self.rows)
        for alias, code in aliases.items():
            for variant in (alias, alias.lower()):
                with self.subTest(variant=variant):
                    self.assertEqual(catalog.describe(variant), zh[code])
                    self.assertEqual(catalog.describe(variant, "en"), self.names[code][1])
                    self.assertEqual(catalog.name(variant), self.names[code][0])
                    self.assertEqual(catalog.category(variant), "device")
                    self.assertEqual(catalog.lookup(variant).code, code)
        self.assertNotIn("G20903", catalog.codes())

    def test_a_str_subclass_is_a_code_like_any_str(self):
        class Text(str):
            pass

        self.assertEqual(catalog.describe(Text("d00004"), "en"), self.names["D00004"][1])
        self.assertEqual(catalog.name(Text("D00004")), "TOKEN_EXPIRED")


class LanguageTest(unittest.TestCase):
    def test_tags_select_by_primary_subtag(self):
        zh = dict(oracle.spec_rows())["D00004"]
        en = oracle.names()["D00004"][1]
        english = ["en", "EN", "En", "en-US", "en_GB.UTF-8", "en_US.UTF-8", "en@euro", "en_US"]
        chinese = ["zh", "ZH", "zh-CN", "zh_Hans", "zh_CN.UTF-8", "", "C", "POSIX", "fr", "de_DE.UTF-8", "e", "eng"]
        for tag in english:
            with self.subTest(tag=tag):
                self.assertEqual(catalog.describe("D00004", tag), en)
                self.assertEqual(catalog.describe("d00004", tag), en)
        for tag in chinese:
            with self.subTest(tag=tag):
                self.assertEqual(catalog.describe("D00004", tag), zh)
                self.assertEqual(catalog.describe("d00004", tag), zh)

    def test_any_number_of_distinct_tags_answers_right(self):
        en = oracle.names()["A00001"][1]
        zh = dict(oracle.spec_rows())["A00001"]
        for i in range(300):
            self.assertEqual(catalog.describe("A00001", f"en-X{i}"), en)
            self.assertEqual(catalog.describe("A00001", f"xx-{i}"), zh)

    def test_a_long_tag_is_judged_by_its_start_and_not_kept(self):
        en = oracle.names()["D00004"][1]
        zh = dict(oracle.spec_rows())["D00004"]
        for tag, text in (("en-" + "x" * 10_000_000, en), ("zh-" + "\u4e2d" * 10_000_000, zh)):
            with self.subTest(tag=tag[:4] + "..."):
                self.assertEqual(catalog.describe("D00004", tag), text)
                self.assertFalse(tag in catalog._TEXTS_BY_TAG, "a long tag was kept in the tag cache")

    def test_an_unencodable_tag_gives_chinese(self):
        zh = dict(oracle.spec_rows())["D00004"]
        self.assertEqual(catalog.describe("D00004", "\udc80"), zh)
        self.assertEqual(catalog.describe("D00004", "\ud800en"), zh)

    def test_a_nul_in_the_first_three_characters_gives_chinese(self):
        # As in Rust and Java: only the primary subtag and its separator are
        # looked at; a NUL there is no part of a tag and does not end it.
        zh = dict(oracle.spec_rows())["D00004"]
        for tag in ("en\0", "en\0-US", "\0en", "e\0n", "\0"):
            with self.subTest(tag=tag):
                self.assertEqual(catalog.describe("D00004", tag), zh)
                self.assertEqual(catalog.describe("d00004", tag), zh)

    def test_a_nul_after_the_first_three_characters_is_not_looked_at(self):
        en = oracle.names()["D00004"][1]
        zh = dict(oracle.spec_rows())["D00004"]
        for tag in ("en-\0", "en-US\0", "en_US\0.UTF-8", "EN@\0"):
            with self.subTest(tag=tag):
                self.assertEqual(catalog.describe("D00004", tag), en)
                self.assertEqual(catalog.describe("d00004", tag), en)
        for tag in ("zh-\0", "fra\0", "eng\0"):
            with self.subTest(tag=tag):
                self.assertEqual(catalog.describe("D00004", tag), zh)

    def test_an_unknown_code_is_none_in_every_language(self):
        for tag in (None, "en", "zh", "fr"):
            self.assertIsNone(catalog.describe("D00014", tag))


class BadInputTest(unittest.TestCase):
    def assertNoneEverywhere(self, code):
        for lookup in LOOKUPS:
            with self.subTest(code=code, function=lookup.__name__):
                self.assertIsNone(lookup(code))
        self.assertIsNone(catalog.describe(code, "en"))

    def test_codes_not_in_the_spec_are_none(self):
        # D00014 and B00005 are gaps in the spec's numbering; 00000 is success, not an error.
        for code in ("D00014", "B00005", "Z00001", "00000", "A1", "G2090", "20903G", "LX0001"):
            self.assertNoneEverywhere(code)

    def test_the_empty_string_is_none(self):
        self.assertNoneEverywhere("")

    def test_nothing_is_trimmed_or_guessed(self):
        for code in (" D00004", "D00004 ", "D00004\n", "D 00004", "D0004", "D000004", "DD00004", "\uff24\uff10\uff10\uff10\uff10\uff14"):
            self.assertNoneEverywhere(code)

    def test_an_embedded_nul_never_cuts_a_code_short(self):
        # Through a NUL-terminated C call each of these would read as a valid code.
        for code in ("20903\x00", "D00004\x00", "d00004\x00", "G20903\x00", "A0000\x001", "\x00D00004", "\x00"):
            self.assertNoneEverywhere(code)

    def test_lone_surrogates_are_none(self):
        for code in ("\ud800", "\udcff", "D0000\udc34", "\ud800D00004"):
            self.assertNoneEverywhere(code)

    def test_long_strings_are_none(self):
        for code in ("D00004" * 2, "D" * 10_000, "\u4e2d" * 6):
            self.assertNoneEverywhere(code)

    def test_a_string_longer_than_any_code_is_none_without_asking_the_library(self):
        longest = max(len(code) for code in [*(c for c, _ in oracle.spec_rows()), *oracle.aliases()])
        self.assertEqual(catalog._MAX_CODE_LEN, longest)

        class NoLibrary:
            def __getattr__(self, name):
                raise AssertionError(f"{name} called for a string longer than any code")

        huge = "\u4e2d" * 10_000_000  # 30 MB as UTF-8, were it encoded
        with mock.patch.object(catalog, "_lib", NoLibrary()):
            for lookup in LOOKUPS:
                with self.subTest(code="10 million CJK characters", function=lookup.__name__):
                    self.assertIsNone(lookup(huge))
            for code in ("d" * (longest + 1), "g20903" + "\u4e2d"):
                self.assertNoneEverywhere(code)

    def test_a_code_that_is_not_str_is_a_type_error(self):
        for code in (None, b"D00004", bytearray(b"D00004"), 4, 20903, 4.0, ["D00004"], ("D00004",), object()):
            for lookup in (*LOOKUPS, catalog.is_success, IotPlatformError):
                with self.subTest(code=code, function=lookup.__name__):
                    with self.assertRaisesRegex(TypeError, "retCode must be a str, not"):
                        lookup(code)

    def test_a_lang_that_is_not_str_or_none_is_a_type_error(self):
        for lang in (b"en", 1, ["en"], object()):
            for code in ("D00004", "d00004", "unknown"):
                with self.subTest(lang=lang, code=code):
                    with self.assertRaisesRegex(TypeError, "lang must be a str or None"):
                        catalog.describe(code, lang)

    def test_a_lang_whose_comparison_or_hash_raises_is_a_type_error(self):
        class Incomparable:
            def __eq__(self, other):
                raise ValueError("not comparable")

            __hash__ = object.__hash__

        class Unhashable:
            def __hash__(self):
                raise ValueError("not hashable")

        for lang in (Incomparable(), Unhashable()):
            with self.subTest(lang=type(lang).__name__):
                with self.assertRaisesRegex(TypeError, "lang must be a str or None"):
                    catalog.describe("D00004", lang)

    def test_the_type_error_does_not_chain_onto_an_internal_error(self):
        try:
            catalog.describe(b"D00004")
        except TypeError as e:
            self.assertIsNone(e.__context__)


class SuccessTest(unittest.TestCase):
    def test_only_00000_is_success(self):
        self.assertTrue(catalog.is_success("00000"))
        self.assertEqual(catalog.SUCCESS_CODE, "00000")
        for code in ("0000", "000000", " 00000", "00000 ", "00000\x00", "O0000", "", "D00004", "20903"):
            with self.subTest(code=code):
                self.assertFalse(catalog.is_success(code))
        for member in ErrorCode:
            self.assertFalse(catalog.is_success(member))


if __name__ == "__main__":
    unittest.main()
