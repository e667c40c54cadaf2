"""IotPlatformError: an exception made from a retCode."""

import pickle
import unittest

import iot_error_codes as catalog
from iot_error_codes import ErrorCode, IotPlatformError

from . import oracle, vectors


class IotPlatformErrorTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.zh = dict(oracle.spec_rows())
        cls.names = oracle.names()

    def test_a_known_code_carries_its_catalog_entry(self):
        error = IotPlatformError("D00004")
        self.assertIsInstance(error, Exception)
        self.assertEqual(error.code, "D00004")
        self.assertEqual(error.name, "TOKEN_EXPIRED")
        self.assertEqual(error.category, "account")
        self.assertEqual(error.description, self.zh["D00004"])
        self.assertIsNone(error.ret_info)
        self.assertEqual(str(error), f"D00004 TOKEN_EXPIRED: {self.zh['D00004']}")

    def test_every_code_makes_an_error_that_names_it(self):
        for code, zh in oracle.spec_rows():
            with self.subTest(code=code):
                text = str(IotPlatformError(code))
                self.assertIn(code, text)
                self.assertIn(self.names[code][0], text)
                self.assertIn(zh, text)

    def test_the_code_is_the_spec_code_for_case_variants_and_the_alias(self):
        self.assertEqual(IotPlatformError("d00004").code, ErrorCode.TOKEN_EXPIRED)
        self.assertEqual(IotPlatformError("G20903").code, ErrorCode.MASTER_DATA_ERROR)
        self.assertEqual(IotPlatformError(ErrorCode.ACCOUNT_LOCKED).name, "ACCOUNT_LOCKED")

    def test_lang_selects_the_description(self):
        error = IotPlatformError("D00004", lang="en_US.UTF-8")
        self.assertEqual(error.description, self.names["D00004"][1])
        self.assertIn(self.names["D00004"][1], str(error))

    def test_the_servers_ret_info_is_shown_when_it_adds_something(self):
        same = IotPlatformError("D00004", self.zh["D00004"])
        self.assertEqual(same.ret_info, self.zh["D00004"])
        self.assertNotIn("retInfo", str(same))
        other = IotPlatformError("D00004", "token abc expired at 12:00")
        self.assertIn("token abc expired at 12:00", str(other))
        self.assertIn(self.zh["D00004"], str(other))

    def test_an_unknown_code_still_makes_a_usable_error(self):
        for code in vectors.misses():
            if code == catalog.SUCCESS_CODE:
                continue  # not unknown: see below
            with self.subTest(code=code[:20]):
                error = IotPlatformError(code, "server text")
                self.assertEqual(error.code, code)
                self.assertIsNone(error.name)
                self.assertIsNone(error.category)
                self.assertIsNone(error.description)
                self.assertIn("unknown retCode", str(error))
                self.assertIn(f"V{catalog.CATALOG_VERSION}", str(error))
                self.assertIn("server text", str(error))

    def test_the_success_code_is_not_called_unknown(self):
        text = str(IotPlatformError("00000"))
        self.assertNotIn("unknown", text)
        self.assertIn("success", text)

    def test_it_can_be_raised_caught_and_pickled(self):
        with self.assertRaises(IotPlatformError) as caught:
            raise IotPlatformError("d00010", "locked")
        copy = pickle.loads(pickle.dumps(caught.exception))
        self.assertEqual((copy.code, copy.name, copy.ret_info), ("D00010", "ACCOUNT_LOCKED", "locked"))
        self.assertEqual(str(copy), str(caught.exception))


if __name__ == "__main__":
    unittest.main()
