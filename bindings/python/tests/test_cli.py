"""python -m iot_error_codes: output and exit status."""

import json
import unittest

from iot_error_codes import IotPlatformError

from . import oracle
from .processes import run_python


def cli(*args, env=None):
    return run_python(["-m", "iot_error_codes", *args], env=env)


class CommandLineTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.rows = oracle.spec_rows()
        cls.zh = dict(cls.rows)
        cls.names = oracle.names()
        cls.categories = oracle.categories()

    def line(self, code, text):
        return f"{code}\t{self.names[code][0]}\t{self.categories[code]}\t{text}"

    def test_codes_print_code_name_category_and_description(self):
        result = cli("D00004", "d00017", "G20903", "--lang", "en")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(
            result.stdout.splitlines(),
            [
                self.line("D00004", self.names["D00004"][1]),
                self.line("D00017", self.names["D00017"][1]),
                self.line("20903", self.names["20903"][1]),
            ],
        )
        self.assertEqual(result.stderr, "")

    def test_the_default_language_is_the_spec_text(self):
        result = cli("D00004")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, self.line("D00004", self.zh["D00004"]) + "\n")

    def test_an_unknown_code_exits_1_and_says_so(self):
        result = cli("D00004", "X99999", "--lang", "en")
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stdout, self.line("D00004", self.names["D00004"][1]) + "\n")
        self.assertIn("X99999: unknown retCode", result.stderr)
        # Worded as the package words it everywhere.
        self.assertEqual(result.stderr, str(IotPlatformError("X99999")) + "\n")

    def test_the_success_code_is_not_unknown(self):
        result = cli("00000")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("success", result.stdout)

    def test_list_prints_the_whole_catalog_in_spec_order(self):
        for lang, text_of in ((None, lambda c: self.zh[c]), ("en", lambda c: self.names[c][1])):
            with self.subTest(lang=lang):
                result = cli("--list", *(["--lang", lang] if lang else []))
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertEqual(result.stdout.splitlines(), [self.line(c, text_of(c)) for c, _ in self.rows])

    def test_json_for_codes(self):
        result = cli("d00004", "nope", "--json", "--lang", "en")
        self.assertEqual(result.returncode, 1)
        self.assertEqual(
            json.loads(result.stdout),
            [
                {
                    "code": "D00004",
                    "name": "TOKEN_EXPIRED",
                    "category": "account",
                    "description": self.names["D00004"][1],
                },
                {"code": "nope", "name": None, "category": None, "description": None},
            ],
        )

    def test_json_for_the_list(self):
        result = cli("--list", "--json")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(
            json.loads(result.stdout),
            [
                {"code": c, "name": self.names[c][0], "category": self.categories[c], "description": zh}
                for c, zh in self.rows
            ],
        )

    def test_bad_usage_exits_2(self):
        for args in ((), ("--list", "D00004"), ("--lang",), ("--bogus", "D00004")):
            with self.subTest(args=args):
                result = cli(*args)
                self.assertEqual(result.returncode, 2)
                self.assertIn("usage:", result.stderr)

    def test_a_terminal_without_unicode_gets_escapes_not_a_crash(self):
        result = cli("D00004", env={"PYTHONIOENCODING": "ascii"})
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue(result.stdout.startswith("D00004\tTOKEN_EXPIRED\taccount\t"))
        self.assertIn("\\u", result.stdout)


if __name__ == "__main__":
    unittest.main()
