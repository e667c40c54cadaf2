"""Where the package finds the library, in the documented order, and what it says when it cannot.

Each case lays out a fake checkout in a temporary directory (a copy of the
package, a Cargo.toml, target/release and target/debug) and imports the
package in a child process, since the search happens once, at import.
"""

import ctypes.util
import os
import shutil
import tempfile
import unittest
from importlib.machinery import EXTENSION_SUFFIXES

import iot_error_codes as catalog
from iot_error_codes import _native

from .processes import run_python

ENV = _native.LIBRARY_ENV_VAR
SHOW_PATH = ["-c", "import iot_error_codes as e; print(e.LIBRARY_PATH); print(e.describe('d00004', 'en'))"]


class LoadOrderTest(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="iot-error-codes-load-")
        self.addCleanup(shutil.rmtree, self.root)
        source = os.path.dirname(catalog.__file__)
        self.package = os.path.join(self.root, "bindings", "python", "iot_error_codes")
        shutil.copytree(
            source, self.package, ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.dylib", "*.dll", "*.pyd")
        )
        with open(os.path.join(self.root, "Cargo.toml"), "w") as f:
            f.write("[package]\n")
        self.release = self.place(os.path.join(self.root, "target", "release", _native._FILE_NAME))
        self.debug = self.place(os.path.join(self.root, "target", "debug", _native._FILE_NAME))

    def place(self, path):
        """Copies the library this test process loaded to ``path``."""
        os.makedirs(os.path.dirname(path), exist_ok=True)
        shutil.copyfile(catalog.LIBRARY_PATH, path)
        return path

    def load(self, env=None):
        """Imports the copied package; returns the library path it loaded, or the ImportError text."""
        result = run_python(
            SHOW_PATH, path=os.path.dirname(self.package), env=env, unset=() if env else (ENV,), cwd=self.root
        )
        if result.returncode != 0:
            self.assertIn("ImportError", result.stderr)
            return result.stderr
        path, english = result.stdout.splitlines()
        self.assertEqual(english, "Token has expired; token verification failed")
        return path

    def test_release_then_debug_in_a_checkout(self):
        self.assertEqual(self.load(), self.release)
        os.remove(self.release)
        self.assertEqual(self.load(), self.debug)

    def test_the_library_inside_the_package_comes_before_the_checkout(self):
        # As setuptools-rust names it, and as a hand copy would be named.
        for name in ("libiot_error_codes" + EXTENSION_SUFFIXES[0], _native._FILE_NAME):
            with self.subTest(name=name):
                bundled = self.place(os.path.join(self.package, name))
                self.assertEqual(self.load(), bundled)
                os.remove(bundled)

    def test_the_environment_variable_comes_first(self):
        self.place(os.path.join(self.package, _native._FILE_NAME))
        self.assertEqual(self.load(env={ENV: self.debug}), self.debug)

    def test_a_wrong_environment_variable_is_an_error_not_ignored(self):
        missing = os.path.join(self.root, "nowhere", "libiot_error_codes.so")
        message = self.load(env={ENV: missing})
        self.assertIn(f"{ENV}={missing}", message)
        self.assertIn("cargo build --release", message)

        not_a_library = os.path.join(self.root, "Cargo.toml")
        self.assertIn(f"{ENV}={not_a_library}", self.load(env={ENV: not_a_library}))

    def test_another_library_is_rejected_by_its_missing_functions(self):
        libc = ctypes.util.find_library("c")
        if libc is None:
            self.skipTest("no C library to load by name on this platform")
        self.assertIn("has no function iot_error_", self.load(env={ENV: libc}))

    def test_no_library_anywhere_lists_every_place_tried(self):
        os.remove(self.release)
        os.remove(self.debug)
        message = self.load()
        for place in (self.package, self.release, self.debug, 'find_library("iot_error_codes")'):
            self.assertIn(place, message)
        self.assertIn("cargo build --release", message)
        self.assertIn("pip install ./bindings/python", message)

    def test_a_library_from_another_build_is_rejected(self):
        # Drop the last member of the enum: the package now disagrees with the library.
        path = os.path.join(self.package, "_catalog.py")
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines(keepends=True)
        last = max(i for i, line in enumerate(lines) if line.startswith("    GROUP_COMMAND_NOT_FOUND = "))
        del lines[last : last + 2]
        with open(path, "w", encoding="utf-8") as f:
            f.writelines(lines)
        self.assertIn("different catalog", self.load())


if __name__ == "__main__":
    unittest.main()
