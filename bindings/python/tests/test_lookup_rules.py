"""How input finds a code: case, the alias, language tags, and every kind of bad
input. The inputs are tests/vectors.txt's (vectors.py); the tests here that
are not about them are about Python itself (types, str subclasses, the tag
cache, what is answered without the library)."""

import itertools
import unittest
from unittest import mock

import iot_error_codes as catalog
from iot_error_codes import ErrorCode, IotPlatformError, _catalog

from . import oracle, vectors

LOOKUPS = (catalog.describe, catalog.name, catalog.category, catalog.lookup)


class NoLibrary:
    """Stands in for the native library where nothing may call it."""

    def __getattr__(self, name):
        raise AssertionError(f"the native library was asked ({name})")


class CaseAndAliasTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.zh = dict(oracle.spec_rows())
        cls.names = oracle.names()
        cls.categories = oracle.categories()

    def assertFinds(self, given, code):
        self.assertEqual(catalog.describe(given), self.zh[code])
        self.assertEqual(catalog.describe(given, "en"), self.names[code][1])
        self.assertEqual(catalog.name(given), self.names[code][0])
        self.assertEqual(catalog.category(given), self.categories[code])
        self.assertEqual(catalog.lookup(given).code, code)
        self.assertIs(ErrorCode(given), ErrorCode[self.names[code][0]])

    def test_every_hit_finds_its_code(self):
        for given, code in vectors.hits():
            with self.subTest(given=given):
                self.assertFinds(given, code)

    def test_every_code_matches_ascii_case_insensitively(self):
        for code in self.zh:
            for variant in (code.lower(), code.swapcase(), code[:1].lower() + code[1:]):
                with self.subTest(variant=variant):
                    self.assertFinds(variant, code)

    def test_the_aliases_are_the_catalog_sources_and_not_codes(self):
        self.assertEqual(_catalog.ALIASES, oracle.aliases())
        for alias, code in oracle.aliases().items():
            for variant in (alias, alias.lower(), alias.swapcase()):
                with self.subTest(variant=variant):
                    self.assertFinds(variant, code)
            self.assertNotIn(alias, catalog.codes())

    def test_a_str_subclass_is_a_code_like_any_str(self):
        class Text(str):
            pass

        self.assertEqual(catalog.describe(Text("d00004"), "en"), self.names["D00004"][1])
        self.assertEqual(catalog.name(Text("D00004")), "TOKEN_EXPIRED")
        self.assertEqual(catalog.lookup(Text("g20903")).code, "20903")
        self.assertIsNone(catalog.name(Text("d00004\0")))

    def test_memory_answers_every_input_without_the_library(self):
        # Case variants, the alias and unknown strings included: only a new
        # language tag may ask the library.
        with mock.patch.object(catalog, "_lib", NoLibrary()):
            for given, code in vectors.hits():
                with self.subTest(given=given):
                    self.assertFinds(given, code)
            for given in vectors.misses():
                for lookup in LOOKUPS:
                    with self.subTest(given=given[:20], function=lookup.__name__):
                        self.assertIsNone(lookup(given))
                self.assertIsNone(catalog.describe(given, "en"))


def ascii_case_variants(text):
    """Every ASCII case variant of ``text``, computed here independently of the package."""
    choices = [(c.lower(), c.upper()) if c.isascii() and c.isalpha() else (c,) for c in text]
    return ["".join(chars) for chars in itertools.product(*choices)]


class FastPathTest(unittest.TestCase):
    """Case variants and the alias cost what an exact code costs: one dict lookup."""

    @classmethod
    def setUpClass(cls):
        cls.zh = dict(oracle.spec_rows())
        cls.names = oracle.names()
        cls.found = {code: code for code in cls.zh}
        cls.found.update(oracle.aliases())

    def test_every_case_variant_is_answered_without_the_slow_path(self):
        def slow_path(code):
            raise AssertionError(f"{code!r} took the slow path")

        with mock.patch.object(catalog, "_resolve", slow_path):
            for given, code in self.found.items():
                for variant in ascii_case_variants(given):
                    with self.subTest(variant=variant):
                        self.assertEqual(catalog.describe(variant), self.zh[code])
                        self.assertEqual(catalog.describe(variant, "en"), self.names[code][1])
                        self.assertEqual(catalog.name(variant), self.names[code][0])
                        self.assertEqual(catalog.lookup(variant).code, code)

    def test_the_tables_hold_a_bounded_number_of_keys(self):
        self.assertEqual(
            len(catalog._BY_KEY), sum(len(ascii_case_variants(given)) for given in self.found)
        )
        self.assertLess(len(catalog._BY_KEY), 16 * len(self.found))

    def test_case_variants_fold_ascii_letters_only_and_are_bounded(self):
        self.assertEqual(sorted(catalog._case_variants("ab1")), sorted(["ab1", "Ab1", "aB1", "AB1"]))
        self.assertEqual(catalog._case_variants("20903"), ["20903"])
        self.assertEqual(catalog._case_variants("\u212a\u01311"), ["\u212a\u01311"])
        many = "A" * (catalog._MAX_VARIANT_LETTERS + 1) + "1"
        self.assertEqual(catalog._case_variants(many), [many, many.upper()])

    def test_a_code_without_its_variants_in_the_tables_is_found_by_uppercasing(self):
        # As a code with more than _MAX_VARIANT_LETTERS letters would be: its
        # exact and uppercase forms only in the tables.
        def exact_only(table):
            return {key: value for key, value in table.items() if key == key.upper()}

        tables = ("_BY_KEY", "_NAMES", "_CATEGORIES", "_ZH", "_EN")
        patches = [mock.patch.object(catalog, t, exact_only(getattr(catalog, t))) for t in tables]
        for patch in patches:
            patch.start()
            self.addCleanup(patch.stop)
        self.assertNotIn("d00004", catalog._NAMES)
        for variant in ("d00004", "lC0001", "g20903"):
            code = self.found[variant.upper()]
            with self.subTest(variant=variant):
                self.assertEqual(catalog.describe(variant), self.zh[code])
                self.assertEqual(catalog.describe(variant, "en"), self.names[code][1])
                self.assertEqual(catalog.name(variant), self.names[code][0])
                self.assertEqual(catalog.lookup(variant).code, code)
        for given in vectors.misses():
            with self.subTest(given=given[:20]):
                self.assertIsNone(catalog.name(given))


class LanguageTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.text = {"zh": dict(oracle.spec_rows())["D00004"], "en": oracle.names()["D00004"][1]}

    def test_every_tag_selects_its_language(self):
        for tag, language in vectors.tags():
            for code in ("D00004", "d00004"):
                with self.subTest(tag=tag[:20], code=code):
                    self.assertEqual(catalog.describe(code, tag), self.text[language])

    def test_a_tag_that_selects_no_language_gives_the_spec_text(self):
        for tag in vectors.notags():
            for code in ("D00004", "d00004"):
                with self.subTest(tag=tag, code=code):
                    self.assertEqual(catalog.describe(code, tag), self.text["zh"])

    def test_the_library_is_asked_once_per_new_tag_with_its_first_bytes_only(self):
        asked = []
        real = catalog._lib

        class Recorder:
            def iot_error_language(self, head):
                asked.append(head)
                return real.iot_error_language(head)

        fresh_cache = {None: catalog._ZH, "en": catalog._EN}
        with mock.patch.object(catalog, "_lib", Recorder()), mock.patch.object(catalog, "_TEXTS_BY_TAG", fresh_cache):
            for _ in range(3):
                self.assertEqual(catalog.describe("D00004", "en_US.UTF-8"), self.text["en"])
                self.assertEqual(catalog.describe("d00004", "fr-FR"), self.text["zh"])
                self.assertEqual(catalog.describe("D00004", "\u4e2d\u6587"), self.text["zh"])
                self.assertEqual(catalog.describe("D00004", "en\0"), self.text["zh"])  # not asked: see _texts_for
        self.assertEqual(asked, [b"en_", b"fr-", "\u4e2d".encode()])
        self.assertEqual(set(fresh_cache), {None, "en", "en_US.UTF-8", "fr-FR", "\u4e2d\u6587", "en\0"})

    def test_the_tag_cache_is_bounded_and_any_number_of_tags_answers_right(self):
        limit = _catalog.TAG_CACHE_MAX_ENTRIES
        for i in range(limit * 4):
            self.assertEqual(catalog.describe("A00001", f"en-X{i}"), oracle.names()["A00001"][1])
            self.assertEqual(catalog.describe("A00001", f"xx-{i}"), dict(oracle.spec_rows())["A00001"])
        self.assertLessEqual(len(catalog._TEXTS_BY_TAG), limit)

    def test_a_long_tag_is_judged_by_its_start_and_not_kept(self):
        longest = _catalog.TAG_CACHE_MAX_TAG_LEN
        fresh_cache = {None: catalog._ZH, "en": catalog._EN}
        with mock.patch.object(catalog, "_TEXTS_BY_TAG", fresh_cache):
            for tag, language in (("en-" + "x" * 10_000_000, "en"), ("zh-" + "\u4e2d" * 10_000_000, "zh")):
                with self.subTest(tag=tag[:4] + "..."):
                    self.assertEqual(catalog.describe("D00004", tag), self.text[language])
                    self.assertNotIn(tag, fresh_cache, "a long tag was kept in the tag cache")
            self.assertEqual(catalog.describe("D00004", "en-" + "x" * (longest - 3)), self.text["en"])
            self.assertIn("en-" + "x" * (longest - 3), fresh_cache)
            self.assertEqual(catalog.describe("D00004", "en-" + "x" * (longest - 2)), self.text["en"])
            self.assertNotIn("en-" + "x" * (longest - 2), fresh_cache)

    def test_an_unknown_code_is_none_in_every_language(self):
        for tag in (None, "en", "zh", "fr"):
            for given in vectors.misses():
                with self.subTest(tag=tag, given=given[:20]):
                    self.assertIsNone(catalog.describe(given, tag))


class BadInputTest(unittest.TestCase):
    def test_every_miss_is_none_everywhere(self):
        for given in vectors.misses():
            for lookup in LOOKUPS:
                with self.subTest(given=given[:20], function=lookup.__name__):
                    self.assertIsNone(lookup(given))
            self.assertIsNone(catalog.describe(given, "en"))

    def test_the_longest_code_is_the_catalogs(self):
        longest = max(len(code) for code in [*(c for c, _ in oracle.spec_rows()), *oracle.aliases()])
        self.assertEqual(_catalog.MAX_CODE_LEN, longest)
        for given in ("d" * (longest + 1), "g20903" + "\u4e2d", "\u4e2d" * 10_000_000):
            for lookup in LOOKUPS:
                with self.subTest(given=given[:10], function=lookup.__name__):
                    self.assertIsNone(lookup(given))

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
        self.assertEqual(catalog.SUCCESS_CODE, "00000")
        self.assertTrue(catalog.is_success("00000"))
        for given in (*vectors.misses(), *(given for given, _ in vectors.hits())):
            with self.subTest(given=given[:20]):
                self.assertEqual(catalog.is_success(given), given == "00000")
        for member in ErrorCode:
            self.assertFalse(catalog.is_success(member))


if __name__ == "__main__":
    unittest.main()
