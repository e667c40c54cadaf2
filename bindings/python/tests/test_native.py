"""_native.py's ctypes declarations against the C header's prototypes.

ctypes trusts whatever it is told: a wrong restype or argtypes is no error but
a truncated pointer or a garbled argument. So every function the package
declares is compared with include/iot_error_codes.h, and every header function
the package's code names must be declared.
"""

from __future__ import annotations

import ctypes
import os
import re
import unittest

from iot_error_codes import _native

from . import oracle

HEADER = os.path.join(oracle.ROOT, "include", "iot_error_codes.h")
PACKAGE_DIR = os.path.dirname(os.path.abspath(_native.__file__))

# C type (whitespace normalised) -> the ctypes types that may declare it.
C_TO_CTYPES = {
    "const char *": (ctypes.c_char_p, ctypes.c_void_p),
    "size_t": (ctypes.c_size_t,),
    "int": (ctypes.c_int,),
    "void": (None,),  # a return type only
    # An opaque entry of a catalog: an address the package passes back as it got it.
    "const struct IotErrorEntry *": (ctypes.c_void_p,),
}


def _normalise(c_type: str) -> str:
    """``const char*`` and ``const  char *`` -> ``const char *``."""
    return re.sub(r"\s+", " ", c_type.replace("*", " * ")).strip().replace("* *", "**")


def _parameter_type(parameter: str, function: str) -> str:
    """The type of one parameter declaration (``const char *code`` -> ``const char *``)."""
    found = re.fullmatch(r"(.*?[\s*])\s*([A-Za-z_]\w*)", parameter.strip())
    if found is None or not found.group(1).strip():
        raise AssertionError(f"{HEADER}: {function}: cannot read the parameter {parameter!r}")
    return _normalise(found.group(1))


def header_prototypes() -> dict[str, tuple[str, list[str]]]:
    """name -> (return type, parameter types) of every iot_error_* function the header declares."""
    with open(HEADER, encoding="utf-8") as f:
        text = f.read()
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.DOTALL)
    text = re.sub(r"//[^\n]*", " ", text)
    text = re.sub(r"^\s*#[^\n]*", " ", text, flags=re.MULTILINE)
    prototypes = {}
    for m in re.finditer(r"([A-Za-z_][\w\s*]*?)\b(iot_error_\w+)\s*\(([^()]*)\)\s*;", text):
        returns, name, parameters = _normalise(m.group(1)), m.group(2), m.group(3).strip()
        if parameters in ("", "void"):
            types = []
        else:
            types = [_parameter_type(p, name) for p in parameters.split(",")]
        prototypes[name] = (returns, types)
    return prototypes


def _ctypes_name(t) -> str:
    return "None" if t is None else t.__name__


class PrototypesTest(unittest.TestCase):
    longMessage = False  # the messages below say all; not the dicts' reprs
    @classmethod
    def setUpClass(cls):
        cls.header = header_prototypes()

    def test_the_header_was_read(self):
        # Guards the comparisons below against a parse that finds nothing.
        self.assertIn("iot_error_describe_lang", self.header)
        self.assertEqual(self.header["iot_error_describe_n"], ("const char *", ["const char *", "size_t"]))
        self.assertEqual(self.header["iot_error_count"], ("size_t", []))

    def test_every_declared_function_matches_its_prototype(self):
        for name, (restype, argtypes) in _native._PROTOTYPES.items():
            with self.subTest(function=name):
                self.assertIn(name, self.header, f"{name} is declared in _native.py but not in {HEADER}")
                returns, parameters = self.header[name]
                self.assertIn(returns, C_TO_CTYPES, f"{name}: no ctypes mapping for the return type {returns!r}")
                self.assertIn(
                    restype,
                    C_TO_CTYPES[returns],
                    f"{name}: _native.py's restype is {_ctypes_name(restype)}, the header returns {returns}",
                )
                self.assertEqual(
                    len(argtypes),
                    len(parameters),
                    f"{name}: _native.py declares {len(argtypes)} parameters, the header {len(parameters)}",
                )
                for i, (declared, c_type) in enumerate(zip(argtypes, parameters)):
                    self.assertIn(c_type, C_TO_CTYPES, f"{name}: no ctypes mapping for parameter {i} ({c_type!r})")
                    self.assertIn(
                        declared,
                        C_TO_CTYPES[c_type],
                        f"{name}: parameter {i} is {_ctypes_name(declared)} in _native.py, {c_type} in the header",
                    )

    def test_every_header_function_the_package_names_is_declared(self):
        # An undeclared function would be called with ctypes' defaults (int in, int out).
        for file_name in sorted(os.listdir(PACKAGE_DIR)):
            if not file_name.endswith(".py"):
                continue
            with open(os.path.join(PACKAGE_DIR, file_name), encoding="utf-8") as f:
                used = set(re.findall(r"\b(iot_error_\w+)", f.read())) & set(self.header)
            for name in sorted(used):
                with self.subTest(file=file_name, function=name):
                    message = f"{file_name} uses {name}, which _native.py does not declare"
                    self.assertIn(name, _native._PROTOTYPES, message)


if __name__ == "__main__":
    unittest.main()
