"""Which library file the loader opens on Windows and macOS, tested on any machine.

The wheels for Windows (win_amd64, win_arm64) and macOS (macosx_11_0_arm64,
macosx_10_12_x86_64) each carry one library, under the name its platform gives
a shared library: ``iot_error_codes.dll`` (what LoadLibrary finds for
``iot_error_codes``) and ``libiot_error_codes.dylib`` (macOS's ``lib<name>.dylib``).
Nothing here can run Windows or macOS CPython, so each case runs the loader of
``_native.py`` as those interpreters would: a fresh copy of the module, imported
with ``sys.platform`` and ``platform.machine()`` as they report them, in a
package directory that holds all three platforms' library files, with
``ctypes.CDLL`` replaced by a fake that records the path it is asked to open.
"""

import ctypes
import ctypes.util
import importlib.util
import os
import platform
import shutil
import sys
import tempfile
import unittest
from unittest import mock

#: The package's _native.py, found without importing the package (which would
#: load this machine's library).
NATIVE_PY = os.path.join(importlib.util.find_spec("iot_error_codes").submodule_search_locations[0], "_native.py")
LIBRARY_ENV_VAR = "IOT_ERROR_CODES_LIBRARY"
#: (sys.platform, platform.machine()) as CPython reports them -> the file it must load.
#: The names are the platforms' conventions, not read from the package.
CASES = {
    ("win32", "AMD64"): "iot_error_codes.dll",
    ("win32", "ARM64"): "iot_error_codes.dll",
    ("darwin", "arm64"): "libiot_error_codes.dylib",
    ("darwin", "x86_64"): "libiot_error_codes.dylib",
    ("linux", "x86_64"): "libiot_error_codes.so",
}
ALL_FILES = sorted(set(CASES.values()))


class FakeLibrary:
    """What ctypes.CDLL returns: every function the loader declares exists."""

    def __init__(self, path):
        self.path = path

    def __getattr__(self, name):
        function = mock.Mock(name=name)
        setattr(self, name, function)
        return function


class ForeignPlatformLoaderTest(unittest.TestCase):
    def setUp(self):
        self.package = tempfile.mkdtemp(prefix="iot-error-codes-foreign-")
        self.addCleanup(shutil.rmtree, self.package)
        shutil.copyfile(NATIVE_PY, os.path.join(self.package, "_native.py"))
        for name in ALL_FILES:
            with open(os.path.join(self.package, name), "wb") as f:
                f.write(b"not a library: the fake CDLL never reads it")

    def load_as(self, sys_platform, machine, env=None):
        """Imports the copy of _native.py as that platform's CPython would, and
        returns (the file name chosen, the path CDLL was asked to open)."""
        opened = []

        def fake_cdll(path, *args, **kwargs):
            opened.append(path)
            return FakeLibrary(path)

        spec = importlib.util.spec_from_file_location(
            f"_native_as_{sys_platform}_{machine}", os.path.join(self.package, "_native.py")
        )
        module = importlib.util.module_from_spec(spec)
        environment = {k: v for k, v in os.environ.items() if k != LIBRARY_ENV_VAR}
        environment.update(env or {})
        # ctypes.util.find_library, the last place tried, is this machine's (on Linux it runs gcc
        # and ld, which under a faked win32 trips over shutil.which): here it finds nothing, as
        # Windows' and macOS's do when the library is not installed.
        with mock.patch.object(sys, "platform", sys_platform), mock.patch.object(
            platform, "machine", return_value=machine
        ), mock.patch.object(ctypes, "CDLL", fake_cdll), mock.patch.dict(
            os.environ, environment, clear=True
        ), mock.patch("ctypes.util.find_library", return_value=None):
            spec.loader.exec_module(module)
            lib, path = module.load()
        self.assertEqual(opened, [path], "the loader opened another file than the one it returned")
        self.assertIsInstance(lib, FakeLibrary)
        return module._FILE_NAME, path

    def test_each_platform_loads_its_own_file_from_the_package(self):
        for (sys_platform, machine), expected in CASES.items():
            with self.subTest(platform=sys_platform, machine=machine):
                name, path = self.load_as(sys_platform, machine)
                self.assertEqual(name, expected)
                self.assertEqual(path, os.path.join(self.package, expected))

    def test_a_wheel_with_only_its_own_library_loads_it(self):
        # What a platform's wheel holds: its file alone.
        for (sys_platform, machine), expected in CASES.items():
            with self.subTest(platform=sys_platform, machine=machine):
                for name in ALL_FILES:
                    if name != expected:
                        os.remove(os.path.join(self.package, name))
                self.assertEqual(self.load_as(sys_platform, machine)[1], os.path.join(self.package, expected))
                for name in ALL_FILES:
                    open(os.path.join(self.package, name), "ab").close()

    def test_a_package_without_its_platforms_file_is_an_import_error(self):
        # A Linux wheel installed on Windows by hand: the .so is there, the DLL is not.
        os.remove(os.path.join(self.package, "iot_error_codes.dll"))
        with self.assertRaises(ImportError) as raised:
            self.load_as("win32", "AMD64")
        self.assertIn("no iot_error_codes.dll inside the package", str(raised.exception))

    def test_the_environment_variable_still_comes_first(self):
        elsewhere = os.path.join(self.package, "elsewhere.dll")
        open(elsewhere, "wb").close()
        self.assertEqual(self.load_as("win32", "AMD64", {LIBRARY_ENV_VAR: elsewhere})[1], elsewhere)


if __name__ == "__main__":
    unittest.main()
