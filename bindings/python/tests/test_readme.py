"""The Python examples of the documentation: the README's runs and prints what
the README says; the blocks of docs/python.md compile; the retry loop of
docs/statuses.md ("Acting on a retCode") does what the page says it does."""

import contextlib
import io
import os
import re
import time
import unittest
from unittest import mock

from iot_error_codes import IotPlatformError, Status

from . import oracle


def page(path):
    """The text of a page of the documentation, by its path from the repository root."""
    with open(os.path.join(oracle.ROOT, path), encoding="utf-8") as f:
        return f.read()


def blocks(text, lang):
    """The ```lang blocks of `text`, in order."""
    return re.findall(r"```" + lang + r"\n(.*?)```", text, flags=re.DOTALL)


class ReadmeExampleTest(unittest.TestCase):
    def test_the_readme_example_prints_what_the_readme_says(self):
        readme = page("README.md")
        examples = readme[readme.index("\n## Examples\n") :]
        (example,) = blocks(examples, "python")
        shown = blocks(examples[examples.index("```python\n") :], "text")[0]
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(example, "README.md (Python example)", "exec"), {"__name__": "readme_example"})
        self.assertEqual(printed.getvalue(), shown)
        # What it shows is the catalog's, not something page and package agree on by chance.
        name, english = oracle.names()["D00004"]
        self.assertEqual(shown.splitlines()[0], f"{name} {oracle.statuses()['D00004']} {english}")


class Platform:
    """Answers each request with the next retCode of ``codes`` (the last one
    for ever after), and counts requests and re-authentications."""

    def __init__(self, *codes):
        self.codes = list(codes)
        self.requests = 0
        self.reauthentications = 0

    def send(self):
        code = self.codes[min(self.requests, len(self.codes) - 1)]
        self.requests += 1
        return {"retCode": code, "retInfo": f"server text for {code}"}

    def reauthenticate(self):
        self.reauthentications += 1


class RetryExampleTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        statuses = page("docs/statuses.md")
        cls.blocks = blocks(page("docs/python.md"), "python") + blocks(statuses, "python")
        (retry,) = [b for b in blocks(statuses, "python") if "def call(" in b]
        cls.namespace = {"__name__": "statuses_example"}
        exec(compile(retry, "docs/statuses.md (retry example)", "exec"), cls.namespace)

    def setUp(self):
        patch = mock.patch.object(time, "sleep")
        self.sleep = patch.start()
        self.addCleanup(patch.stop)

    def call(self, platform):
        return self.namespace["call"](platform.send, platform.reauthenticate)

    def test_every_block_compiles(self):
        self.assertGreaterEqual(len(self.blocks), 2)
        for block in self.blocks:
            compile(block, "docs/python.md or docs/statuses.md", "exec")

    def test_success_at_once(self):
        platform = Platform("00000")
        self.assertEqual(self.call(platform)["retCode"], "00000")
        self.assertEqual((platform.requests, platform.reauthentications, self.sleep.call_count), (1, 0, 0))

    def test_a_retryable_code_backs_off_and_retries(self):
        platform = Platform("A00001", "a00001", "00000")  # SERVICE_UNAVAILABLE, in any case
        self.assertEqual(self.call(platform)["retCode"], "00000")
        self.assertEqual(platform.requests, 3)
        self.assertEqual([c.args[0] for c in self.sleep.call_args_list], [0.1, 0.2])

    def test_a_retryable_code_gives_up_after_the_last_attempt(self):
        platform = Platform("A00001")
        with self.assertRaises(IotPlatformError) as caught:
            self.call(platform)
        self.assertEqual(platform.requests, 5)
        self.assertEqual(self.sleep.call_count, 4)
        self.assertIs(caught.exception.status, Status.UNAVAILABLE)
        self.assertEqual(caught.exception.ret_info, "server text for A00001")

    def test_unauthenticated_reauthenticates_once(self):
        platform = Platform("D00004", "00000")  # TOKEN_EXPIRED
        self.assertEqual(self.call(platform)["retCode"], "00000")
        self.assertEqual((platform.requests, platform.reauthentications, self.sleep.call_count), (2, 1, 0))

        platform = Platform("D00004")
        with self.assertRaises(IotPlatformError) as caught:
            self.call(platform)
        self.assertEqual((platform.requests, platform.reauthentications), (2, 1))
        self.assertIs(caught.exception.status, Status.UNAUTHENTICATED)

    def test_anything_else_raises_at_once(self):
        for code in ("B00001", "D00010", "X12345"):  # INVALID_ARGUMENT, FAILED_PRECONDITION, unknown
            with self.subTest(code=code):
                platform = Platform(code, "00000")
                with self.assertRaises(IotPlatformError) as caught:
                    self.call(platform)
                self.assertEqual(platform.requests, 1)
                self.assertEqual(caught.exception.code, code)
        self.assertEqual(self.sleep.call_count, 0)


if __name__ == "__main__":
    unittest.main()
