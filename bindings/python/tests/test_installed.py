"""The package under test is an installed wheel: checks/tests/wheel.rs copies this
suite outside the checkout and runs it with IOT_ERROR_CODES_TEST_INSTALLED=1
in a fresh virtual environment that has the wheel, and nothing else, installed.
These tests make sure that is what ran; elsewhere they are left out (not
skipped: no skip goes unnoticed under CI)."""

import os
import sys
import unittest

import iot_error_codes as catalog
from iot_error_codes import _native

from . import oracle


def load_tests(loader, tests, pattern):
    """The module's tests, only when the package under test is an installed wheel."""
    return tests if os.environ.get(oracle.INSTALLED_VAR) == "1" else unittest.TestSuite()


def _inside(path, directory):
    return os.path.realpath(path).startswith(os.path.realpath(directory) + os.sep)


class InstalledWheelTest(unittest.TestCase):
    def test_the_package_is_installed_and_the_tests_run_outside_the_checkout(self):
        self.assertTrue(_inside(catalog.__file__, sys.prefix), (catalog.__file__, sys.prefix))
        self.assertNotEqual(sys.prefix, sys.base_prefix, "not in a virtual environment")
        self.assertFalse(_inside(catalog.__file__, oracle.ROOT), catalog.__file__)
        self.assertFalse(_inside(__file__, oracle.ROOT), __file__)

    def test_the_library_is_the_one_inside_the_package(self):
        self.assertNotIn(_native.LIBRARY_ENV_VAR, os.environ)
        package_dir = os.path.dirname(os.path.realpath(catalog.__file__))
        self.assertEqual(os.path.realpath(catalog.LIBRARY_PATH), os.path.join(package_dir, _native._FILE_NAME))
        self.assertTrue(os.path.isfile(os.path.join(package_dir, "py.typed")))

    def test_the_wheel_is_for_any_python_3_of_its_platform(self):
        from importlib import metadata  # Python 3.8+

        distribution = metadata.distribution("iot-error-codes")
        self.assertEqual(distribution.version, oracle.crate_version())
        wheel = distribution.read_text("WHEEL")
        self.assertIn("Root-Is-Purelib: false", wheel)
        tags = [line.split(": ", 1)[1] for line in wheel.splitlines() if line.startswith("Tag: ")]
        self.assertTrue(tags, wheel)
        for tag in tags:
            self.assertTrue(tag.startswith("py3-none-"), tag)
            self.assertNotIn("-any", tag)


if __name__ == "__main__":
    unittest.main()
