"""Canonical statuses: status(), http_status(), is_retryable(), and Status,
against names.tsv's STATUS column, the released statuses (api/codes.tsv) and
gRPC's published table (oracle.py), and against the C ABI's own functions for
every code and case variant."""

from __future__ import annotations

import ctypes
import enum
import unittest
from unittest import mock

import iot_error_codes as catalog
from iot_error_codes import IotPlatformError, Status

from . import oracle, vectors
from .test_lookup_rules import NoLibrary, ascii_case_variants
from .test_native import C_TO_CTYPES, header_prototypes

FUNCTIONS = (catalog.status, catalog.http_status, catalog.is_retryable)


def c_library() -> ctypes.CDLL:
    """The library the package loaded, with every iot_error_* function declared
    as the header declares it (independently of _native.py)."""
    lib = ctypes.CDLL(catalog.LIBRARY_PATH)
    for name, (returns, parameters) in header_prototypes().items():
        function = getattr(lib, name)
        function.restype = C_TO_CTYPES[returns][0]
        function.argtypes = [C_TO_CTYPES[p][0] for p in parameters]
    return lib


class StatusEnumTest(unittest.TestCase):
    def test_status_has_grpcs_names_and_numbers(self):
        self.assertTrue(issubclass(Status, enum.IntEnum))
        self.assertEqual([(m.name, m.value) for m in Status], [(n, v) for n, v, _ in oracle.GRPC_STATUSES])
        self.assertEqual(Status.UNAUTHENTICATED, 16)
        self.assertIs(Status(14), Status.UNAVAILABLE)

    def test_the_library_names_the_statuses_as_the_enum_does(self):
        lib = c_library()
        for member in Status:
            with self.subTest(status=member.name):
                self.assertEqual(lib.iot_error_status_name(member.value), member.name.encode())
        for number in (-1, len(Status), 255, -(2**31)):
            self.assertIsNone(lib.iot_error_status_name(number))


class EveryCodeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.codes = [code for code, _ in oracle.spec_rows()]
        cls.statuses = oracle.statuses()
        cls.http = oracle.http_statuses()

    def test_the_oracle_read_every_status(self):
        # Guards the comparisons below against a names.tsv parse that finds nothing.
        self.assertEqual(sorted(self.statuses), sorted(self.codes))
        self.assertEqual(self.statuses["D00004"], "UNAUTHENTICATED")
        self.assertTrue(set(self.statuses.values()) <= {n for n, _, _ in oracle.GRPC_STATUSES})

    def test_every_code_has_its_names_tsv_status(self):
        for code in self.codes:
            with self.subTest(code=code):
                self.assertIs(catalog.status(code), Status[self.statuses[code]])
                self.assertIs(catalog.lookup(code).status, Status[self.statuses[code]])

    def test_every_code_has_grpcs_http_status_for_its_status(self):
        for code in self.codes:
            with self.subTest(code=code):
                self.assertEqual(catalog.http_status(code), self.http[code])
                self.assertIs(type(catalog.http_status(code)), int)
                self.assertEqual(catalog.lookup(code).http_status, self.http[code])

    def test_exactly_the_four_retryable_statuses_are_retryable(self):
        for code in self.codes:
            with self.subTest(code=code):
                expected = self.statuses[code] in oracle.RETRYABLE_STATUSES
                self.assertIs(catalog.is_retryable(code), expected)
                self.assertIs(catalog.lookup(code).retryable, expected)
        self.assertTrue(catalog.is_retryable("A00001"))  # SERVICE_UNAVAILABLE
        self.assertFalse(catalog.is_retryable("D00004"))  # UNAUTHENTICATED: authenticate again first

    def test_case_variants_and_the_alias_have_their_codes_status(self):
        found = {code: code for code in self.codes}
        found.update(oracle.aliases())
        found.update(vectors.hits())
        for given, code in found.items():
            for variant in ascii_case_variants(given):
                with self.subTest(variant=variant):
                    self.assertIs(catalog.status(variant), Status[self.statuses[code]])
                    self.assertEqual(catalog.http_status(variant), self.http[code])
                    self.assertIs(catalog.is_retryable(variant), self.statuses[code] in oracle.RETRYABLE_STATUSES)


class ReleasedStatusTest(unittest.TestCase):
    """A released code keeps its status (api/codes.tsv): programs act on it."""

    def test_every_released_code_keeps_its_status(self):
        released = oracle.released_statuses()
        # Guards the loop against a parse that finds nothing; a code not yet
        # released (no row until `cargo xtask api`) is not checked here.
        self.assertIn("D00004", released)
        lib = c_library()
        for code, (at, status) in released.items():
            with self.subTest(code=code):
                self.assertIs(catalog.status(code), Status[status], f"{at}: released {code} {status}")
                self.assertEqual(lib.iot_error_status(code.encode()), Status[status].value, f"{at}: C ABI")

    def test_g20904_and_h32009_are_failed_preconditions_and_not_retryable(self):
        # G20904 (bound, to whom not said) must never read as done (ALREADY_EXISTS);
        # H32009 (the request's M2M information) must never send the caller to log
        # in again (UNAUTHENTICATED). Through Python and the C ABI, in both cases.
        lib = c_library()
        for code in ("G20904", "g20904", "H32009", "h32009"):
            with self.subTest(code=code):
                self.assertIs(catalog.status(code), Status.FAILED_PRECONDITION)
                self.assertIs(catalog.is_retryable(code), False)
                self.assertEqual(catalog.http_status(code), 400)
                self.assertIs(IotPlatformError(code).retryable, False)
                self.assertIs(IotPlatformError(code).status, Status.FAILED_PRECONDITION)
                self.assertEqual(lib.iot_error_status(code.encode()), Status.FAILED_PRECONDITION.value)
                self.assertEqual(lib.iot_error_is_retryable(code.encode()), 0)


class SuccessTest(unittest.TestCase):
    def test_the_success_code_is_ok(self):
        self.assertIs(catalog.status("00000"), Status.OK)
        self.assertEqual(catalog.http_status("00000"), 200)
        self.assertIs(catalog.is_retryable("00000"), False)
        self.assertIsNone(catalog.lookup("00000"))  # still no entry

    def test_only_the_exact_success_code_is_ok(self):
        for given in ("0000", "000000", " 00000", "00000\0", "O0000"):
            with self.subTest(given=given):
                self.assertIsNone(catalog.status(given))
                self.assertIsNone(catalog.http_status(given))


class BadInputTest(unittest.TestCase):
    def test_every_miss_is_none_or_false(self):
        for given in vectors.misses():
            if given == catalog.SUCCESS_CODE:
                continue  # no code, but a status: see SuccessTest
            with self.subTest(given=given[:20]):
                self.assertIsNone(catalog.status(given))
                self.assertIsNone(catalog.http_status(given))
                self.assertIs(catalog.is_retryable(given), False)

    def test_a_code_that_is_not_str_is_a_type_error(self):
        for code in (None, b"D00004", bytearray(b"D00004"), 4, 20903, 0, ["D00004"], ("D00004",), object()):
            for function in FUNCTIONS:
                with self.subTest(code=code, function=function.__name__):
                    with self.assertRaisesRegex(TypeError, "retCode must be a str, not"):
                        function(code)

    def test_memory_answers_every_input_without_the_library(self):
        statuses = oracle.statuses()
        with mock.patch.object(catalog, "_lib", NoLibrary()):
            for given, code in vectors.hits():
                with self.subTest(given=given):
                    self.assertIs(catalog.status(given), Status[statuses[code]])
                    self.assertIsNotNone(catalog.http_status(given))
            for given in vectors.misses():
                with self.subTest(given=given[:20]):
                    self.assertEqual(catalog.status(given), Status.OK if given == "00000" else None)
                    self.assertIs(catalog.is_retryable(given), False)


class AgreesWithTheCLibraryTest(unittest.TestCase):
    """Python answers what the C functions answer, called here through ctypes
    for every code, every case variant, the alias, the success code and every miss."""

    @classmethod
    def setUpClass(cls):
        cls.lib = c_library()
        inputs = ["00000", *vectors.misses(), *(given for given, _ in vectors.hits())]
        for given in [code for code, _ in oracle.spec_rows()] + list(oracle.aliases()):
            inputs += ascii_case_variants(given)
        cls.inputs = list(dict.fromkeys(inputs))

    def c_answers(self, given: str) -> tuple[Status | None, int | None, bool]:
        """(status, HTTP status, retryable) by the C ABI, in Python's terms."""
        raw = given.encode("utf-8", "surrogatepass")  # a lone surrogate: WTF-8, still no code
        number = self.lib.iot_error_status_n(raw, len(raw))
        http = self.lib.iot_error_http_status_n(raw, len(raw))
        retryable = self.lib.iot_error_is_retryable_n(raw, len(raw))
        if b"\0" not in raw:  # the NUL-terminated forms agree with the _n ones
            self.assertEqual(self.lib.iot_error_status(raw), number)
            self.assertEqual(self.lib.iot_error_http_status(raw), http)
            self.assertEqual(self.lib.iot_error_is_retryable(raw), retryable)
        self.assertIn(retryable, (0, 1))
        return (None if number == -1 else Status(number), None if http == 0 else http, bool(retryable))

    def test_python_agrees_with_the_c_abi(self):
        self.assertGreater(len(self.inputs), 200)
        for given in self.inputs:
            with self.subTest(given=given[:20]):
                self.assertEqual(
                    (catalog.status(given), catalog.http_status(given), catalog.is_retryable(given)),
                    self.c_answers(given),
                )

    def test_the_c_abi_answers_null_as_no_code(self):
        self.assertEqual(self.lib.iot_error_status(None), -1)
        self.assertEqual(self.lib.iot_error_http_status(None), 0)
        self.assertEqual(self.lib.iot_error_is_retryable(None), 0)


class IotPlatformErrorTest(unittest.TestCase):
    def test_a_known_code_carries_its_status(self):
        error = IotPlatformError("a00001")
        self.assertIs(error.status, Status.UNAVAILABLE)
        self.assertIs(error.retryable, True)
        error = IotPlatformError("D00004")
        self.assertIs(error.status, Status.UNAUTHENTICATED)
        self.assertIs(error.retryable, False)

    def test_an_unknown_code_has_no_status(self):
        for code in ("X99999", "", "D00014"):
            with self.subTest(code=code):
                error = IotPlatformError(code)
                self.assertIsNone(error.status)
                self.assertIs(error.retryable, False)

    def test_the_success_code_is_ok_and_not_retryable(self):
        error = IotPlatformError("00000")
        self.assertIs(error.status, Status.OK)
        self.assertIs(error.retryable, False)


if __name__ == "__main__":
    unittest.main()
