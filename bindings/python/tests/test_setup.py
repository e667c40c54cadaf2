"""setup.py with neither its checkout nor an sdist's Rust sources: a clear
refusal, not a FileNotFoundError."""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest

from . import oracle
from .processes import PACKAGE_PARENT


def load_tests(loader, tests, pattern):
    """The module's tests, or none when the package under test is an installed
    wheel: there is no setup.py beside the tests then."""
    return unittest.TestSuite() if os.environ.get(oracle.INSTALLED_VAR) == "1" else tests


class OutOfTreeBuildTest(unittest.TestCase):
    def test_setup_py_away_from_the_checkout_says_how_to_install(self):
        work = tempfile.mkdtemp(prefix="iot-error-codes-sdist-")
        self.addCleanup(shutil.rmtree, work)
        # As old pip (< 21.3) would lay it out: the package without ../../Cargo.toml
        # and without the rust/ an sdist carries.
        copy = os.path.join(work, "iot-error-codes")
        shutil.copytree(PACKAGE_PARENT, copy, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
        self.assertFalse(os.path.exists(os.path.join(copy, "..", "..", "Cargo.toml")))
        self.assertFalse(os.path.exists(os.path.join(copy, "rust")))

        result = subprocess.run(
            [sys.executable, "setup.py", "--version"], cwd=copy, capture_output=True, text=True, timeout=120
        )
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("Cargo.toml not found", result.stderr)
        self.assertIn("pip install ./bindings/python", result.stderr)
        self.assertIn("pip >= 21.3", result.stderr)
        self.assertIn("sdist", result.stderr)
        self.assertNotIn("Traceback", result.stderr)


if __name__ == "__main__":
    unittest.main()
