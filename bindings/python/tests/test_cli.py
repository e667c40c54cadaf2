"""python -m iot_error_codes: the command-line contract it shares with the Rust
example and the Java Main (bindings/usage.txt is their help text)."""

import json
import os
import unittest

from iot_error_codes import _catalog, _native

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
        cls.usage = oracle.usage()
        cls.version = oracle.spec_version()
        cls.statuses = oracle.statuses()
        cls.http = oracle.http_statuses()

    def line(self, code, text):
        return f"{code}\t{self.names[code][0]}\t{self.categories[code]}\t{self.statuses[code]}\t{text}"

    def record(self, code, text):
        """The JSON record of a code of the catalog, keys in their order."""
        return {
            "code": code,
            "name": self.names[code][0],
            "category": self.categories[code],
            "status": self.statuses[code],
            "http_status": self.http[code],
            "retryable": self.statuses[code] in oracle.RETRYABLE_STATUSES,
            "description": text,
            "hint": None,  # the V1.3.0 catalog has no hints
        }

    def unknown(self, code):
        return f'error: unknown retCode "{code}" (not in the UWS error-code spec V{self.version})\n'

    def assertUsageError(self, args, reason):
        result = cli(*args)
        self.assertEqual(result.returncode, 2, (args, result.stderr))
        self.assertEqual(result.stdout, "")
        self.assertEqual(result.stderr, f"error: {reason}\n{self.usage.splitlines()[0]}\n")

    def test_help_prints_the_usage_text_and_exits_0(self):
        # bindings/usage.txt ends with a newline; the generated constant does not.
        self.assertEqual(_catalog.USAGE + "\n", self.usage)
        for args in (
            ("-h",),
            ("--help",),
            ("D00004", "--help"),
            ("--bogus", "-h"),
            ("--list", "D00004", "--help"),
            ("--lang", "-h"),  # --lang takes no argument that starts with "-": -h is read as itself
            ("--lang", "--help", "D00004"),
            ("--lang", "-x", "-h"),
        ):
            with self.subTest(args=args):
                result = cli(*args)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertEqual(result.stdout, self.usage)
                self.assertEqual(result.stderr, "")

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

    def test_options_may_come_anywhere_among_the_codes(self):
        for args in (("--lang", "en", "D00004", "g20903"), ("D00004", "--lang", "en_US.UTF-8", "g20903")):
            with self.subTest(args=args):
                result = cli(*args)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertEqual(
                    result.stdout.splitlines(),
                    [self.line("D00004", self.names["D00004"][1]), self.line("20903", self.names["20903"][1])],
                )

    def test_an_unknown_code_is_reported_the_rest_printed_and_exits_1(self):
        result = cli("X99999", "D00004", "d00014", "--lang", "en")
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stdout, self.line("D00004", self.names["D00004"][1]) + "\n")
        self.assertEqual(result.stderr, self.unknown("X99999") + self.unknown("d00014"))

    def test_the_success_code_is_not_unknown(self):
        result = cli("00000", "D00004")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(
            result.stdout.splitlines(),
            ["00000\tSUCCESS\t-\tOK\t(success, not an error)", self.line("D00004", self.zh["D00004"])],
        )

    def test_list_prints_the_whole_catalog_in_spec_order(self):
        for lang, text_of in ((None, lambda c: self.zh[c]), ("en", lambda c: self.names[c][1])):
            with self.subTest(lang=lang):
                result = cli("--list", *(["--lang", lang] if lang else []))
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertEqual(result.stdout.splitlines(), [self.line(c, text_of(c)) for c, _ in self.rows])

    def test_json_for_codes(self):
        result = cli("d00004", "nope", "00000", "a00001", "--json", "--lang", "en")
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stderr, "")
        keys = ("code", "name", "category", "status", "http_status", "retryable", "description", "hint")
        records = [
            dict(
                zip(keys, ("D00004", "TOKEN_EXPIRED", "account", "UNAUTHENTICATED", 401, False, self.names["D00004"][1], None))
            ),
            dict(zip(keys, ("nope", None, None, None, None, None, None, None))),
            dict(zip(keys, ("00000", None, None, "OK", 200, False, None, None))),
            dict(zip(keys, ("A00001", "SERVICE_UNAVAILABLE", "system", "UNAVAILABLE", 503, True, "Service unavailable", None))),
        ]
        self.assertEqual(records[0], self.record("D00004", self.names["D00004"][1]))
        self.assertEqual(records[3], self.record("A00001", self.names["A00001"][1]))
        # Exactly these bytes: the key order and the layout are the contract the Java Main shares.
        self.assertEqual(result.stdout, json.dumps(records, ensure_ascii=False, indent=2) + "\n")
        self.assertEqual([list(r) for r in json.loads(result.stdout)], [list(keys)] * 4)

    def test_json_for_the_list(self):
        result = cli("--json", "--list")
        self.assertEqual(result.returncode, 0, result.stderr)
        records = [self.record(c, zh) for c, zh in self.rows]
        self.assertEqual(result.stdout, json.dumps(records, ensure_ascii=False, indent=2) + "\n")

    def test_every_row_of_the_common_table_prints_its_text(self):
        rows = oracle.common_rows()
        result = cli("--catalog", "uws-common-2021-04-05", *(code for code, _, _ in rows))
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = result.stdout.splitlines()
        self.assertEqual(len(lines), 129)
        first = {}
        for (code, text, _), line in zip(rows, lines):
            with self.subTest(code=code):
                fields = line.split("\t")
                self.assertEqual(len(fields), 5)
                self.assertEqual(fields[0], code)
                # A repeated code prints its first row's text (docs/catalogs.md).
                self.assertEqual(fields[4], first.setdefault(code, text))
                self.assertTrue(fields[4] == text or code in oracle.COMMON_REPEATED)

    def test_json_gives_the_hint_verbatim_in_chinese_and_ours_in_english(self):
        english = oracle.common_hints()
        hint = "一个用户只能最多绑定300个设备"
        for lang, want in (("zh", hint), ("en", english[hint])):
            result = cli("--catalog", "uws-common-2021-04-05", "G20904", "B00001", "--json", "--lang", lang)
            self.assertEqual(result.returncode, 0, result.stderr)
            records = json.loads(result.stdout)
            self.assertEqual([r["hint"] for r in records], [want, None])
            self.assertEqual(list(records[0])[-2:], ["description", "hint"])

    def test_catalogs_lists_every_catalog_the_default_first(self):
        result = cli("--catalogs")
        self.assertEqual(result.returncode, 0, result.stderr)
        ids = [line.split("\t")[0] for line in result.stdout.splitlines()]
        self.assertEqual(ids, ["uws-v1.3.0", "uws-common-2021-04-05"])

    def test_a_code_not_in_the_chosen_catalog_is_unknown(self):
        result = cli("--catalog", "uws-common-2021-04-05", "D00014")
        self.assertEqual(result.returncode, 1)
        self.assertEqual(
            result.stderr, 'error: unknown retCode "D00014" (not in the catalog uws-common-2021-04-05)\n'
        )
        self.assertEqual(cli("Y00001").returncode, 1)

    def test_usage_errors_exit_2_with_the_reason_and_the_usage_line(self):
        self.assertUsageError(("--catalog", "nope", "D00004"), 'unknown catalog "nope" (known: uws-v1.3.0, uws-common-2021-04-05)')
        self.assertUsageError(("D00004", "--catalog"), "--catalog needs a catalog id")
        self.assertUsageError(("--catalogs", "D00004"), "--catalogs takes no CODE or --list")
        self.assertUsageError((), "no code given")
        self.assertUsageError(("--json",), "no code given")
        self.assertUsageError(("--lang", "en"), "no code given")
        self.assertUsageError(("D00004", "--lang"), "--lang needs a language tag")
        self.assertUsageError(("--bogus", "D00004"), "unknown option --bogus")
        self.assertUsageError(("D00004", "-x"), "unknown option -x")
        self.assertUsageError(("D00004", "-"), "unknown option -")
        self.assertUsageError(("--list", "D00004"), "give CODEs or --list, not both")
        self.assertUsageError(("D00004", "--list"), "give CODEs or --list, not both")
        # The first problem is the one reported.
        self.assertUsageError(("--x", "--y"), "unknown option --x")
        self.assertUsageError(("--x", "--list", "D00004"), "unknown option --x")
        self.assertUsageError(("--list", "D00004", "--lang"), "--lang needs a language tag")
        self.assertUsageError(("--lang", "--x"), "--lang needs a language tag")
        self.assertUsageError(("--x", "--lang"), "unknown option --x")
        # "not both" is checked before "no code given", after every argument.
        self.assertUsageError(("--list", "--json", "D00004", "--lang", "en"), "give CODEs or --list, not both")

    def test_lang_takes_the_next_argument_unless_it_starts_with_a_dash(self):
        # As the Java Main: the argument after --lang is not taken when it
        # starts with "-"; it is then read as an option (here a known one).
        self.assertUsageError(("D00004", "--lang", "-x"), "--lang needs a language tag")
        self.assertUsageError(("D00004", "--lang", "-"), "--lang needs a language tag")
        self.assertUsageError(("--lang", "--json", "D00004"), "--lang needs a language tag")
        self.assertUsageError(("--lang", "--list"), "--lang needs a language tag")
        self.assertUsageError(("--lang", "-en", "D00004"), "--lang needs a language tag")
        self.assertUsageError(("--lang=en", "D00004"), "unknown option --lang=en")
        # The last --lang counts.
        self.assertEqual(cli("--lang", "en", "--lang", "zh", "D00004").stdout, self.line("D00004", self.zh["D00004"]) + "\n")
        # Anything else is the tag, even an empty one or one that looks like a code.
        for args in (("--lang", "", "D00004"), ("--lang", "D00017", "D00004")):
            with self.subTest(args=args):
                result = cli(*args)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertEqual(result.stdout, self.line("D00004", self.zh["D00004"]) + "\n")

    def test_a_library_that_cannot_be_loaded_exits_3(self):
        missing = os.path.join(oracle.ROOT, "target", "no-such-library.so")
        result = cli("D00004", env={_native.LIBRARY_ENV_VAR: missing})
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertEqual(result.stdout, "")
        self.assertTrue(result.stderr.startswith("error: cannot load the native library: "), result.stderr)
        self.assertIn(missing, result.stderr)
        self.assertNotIn("Traceback", result.stderr)
        # Help and usage errors need no library.
        self.assertEqual(cli("--help", env={_native.LIBRARY_ENV_VAR: missing}).stdout, self.usage)
        self.assertEqual(cli(env={_native.LIBRARY_ENV_VAR: missing}).returncode, 2)
        # Importing the package is still an ImportError.
        imported = run_python(["-c", "import iot_error_codes"], env={_native.LIBRARY_ENV_VAR: missing})
        self.assertIn("ImportError", imported.stderr)

    def test_a_terminal_without_unicode_gets_escapes_not_a_crash(self):
        result = cli("D00004", env={"PYTHONIOENCODING": "ascii"})
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue(result.stdout.startswith("D00004\tTOKEN_EXPIRED\taccount\tUNAUTHENTICATED\t"))
        self.assertIn("\\u", result.stdout)


if __name__ == "__main__":
    unittest.main()
