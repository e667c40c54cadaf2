"""Where the package finds the library, in the documented order, and what it says when it cannot.

Each case lays out a fake checkout in a temporary directory (a copy of the
package, a Cargo.toml, target/release and target/debug) and imports the
package in a child process, since the search happens once, at import.
"""

import os
import shutil
import subprocess
import tempfile
import unittest

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
        # As the wheel and pip install name it: a plain libiot_error_codes.so.
        bundled = self.place(os.path.join(self.package, _native._FILE_NAME))
        self.assertEqual(self.load(), bundled)

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

    def test_a_relative_environment_variable_is_taken_from_the_working_directory(self):
        # The child runs in self.root. A bare file name, too, means the working
        # directory rather than the dynamic loader's search path.
        for relative in (os.path.join("lib", "copy", _native._FILE_NAME), _native._FILE_NAME):
            with self.subTest(relative=relative):
                expected = self.place(os.path.join(self.root, relative))
                path = self.load(env={ENV: relative})
                self.assertTrue(os.path.isabs(path), path)
                self.assertEqual(os.path.realpath(path), os.path.realpath(expected))

    def compile_stale_library(self, path):
        """Builds at ``path`` a library with only iot_error_count, as a build from
        before the package's other functions existed would be, with $CC (a cross
        compiler when the package under test is for another CPU), else cc or gcc."""
        compiler = os.environ.get("CC") or shutil.which("cc") or shutil.which("gcc")
        if compiler is None:
            self.skipTest("no C compiler ($CC, cc or gcc)")
        source = os.path.join(self.root, "stale.c")
        with open(source, "w") as f:
            f.write("#include <stddef.h>\nsize_t iot_error_count(void) { return 0; }\n")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        subprocess.run([compiler, "-shared", "-fPIC", "-o", path, source], check=True)
        return path

    def test_a_stale_library_is_passed_over_for_the_next_place(self):
        stale = self.compile_stale_library(os.path.join(self.package, _native._FILE_NAME))
        self.assertEqual(self.load(), self.release)

        os.remove(self.release)
        os.remove(self.debug)
        message = self.load()
        self.assertIn(f"{stale}: has no function iot_error_", message)
        for place in (self.release, self.debug, 'find_library("iot_error_codes")'):
            self.assertIn(place, message)

    def test_a_stale_environment_variable_library_is_an_error(self):
        stale = self.compile_stale_library(os.path.join(self.root, "stale", _native._FILE_NAME))
        message = self.load(env={ENV: stale})
        self.assertIn(f"{ENV}={stale}: {stale} has no function iot_error_", message)

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
