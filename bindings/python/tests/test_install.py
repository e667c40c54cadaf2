"""`pip install ./bindings/python` into a fresh virtual environment, then use
the package from a directory outside the checkout, with nothing else on the path.

It builds the library with cargo (release), so it takes a while; `cargo test`
runs it as its own test (checks/tests/python.rs) and the rest of the suite with
IOT_ERROR_CODES_EXCLUDE_INSTALL_TEST=1, which leaves this module's test out of
the run (not skipped: no skip goes unnoticed under CI). Cargo builds into
$CARGO_TARGET_DIR, by default target/nested/python-venv: an outer `cargo test`
holds the lock on target/.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest

from . import oracle

EXCLUDE_VAR = "IOT_ERROR_CODES_EXCLUDE_INSTALL_TEST"


def load_tests(loader, tests, pattern):
    """The module's tests, or none when EXCLUDE_VAR is 1 (checks/tests/python.rs runs
    them on their own) or the package under test is an installed wheel."""
    left_out = os.environ.get(EXCLUDE_VAR) == "1" or os.environ.get(oracle.INSTALLED_VAR) == "1"
    return unittest.TestSuite() if left_out else tests


def _run(command, **kwargs):
    result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", **kwargs)
    if result.returncode != 0:
        raise AssertionError(
            f"{command} exited {result.returncode}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
        )
    return result.stdout


class PipInstallTest(unittest.TestCase):
    def test_pip_install_then_use_from_outside_the_checkout(self):
        work = os.path.realpath(tempfile.mkdtemp(prefix="iot-error-codes-venv-"))
        self.addCleanup(shutil.rmtree, work)
        self.assertFalse(work.startswith(oracle.ROOT + os.sep), "the temporary directory must be outside the checkout")
        venv = os.path.join(work, "venv")
        elsewhere = os.path.join(work, "elsewhere")
        os.mkdir(elsewhere)
        _run([sys.executable, "-m", "venv", venv])
        python = os.path.join(venv, "Scripts" if os.name == "nt" else "bin", "python")

        env = {k: v for k, v in os.environ.items() if k not in ("IOT_ERROR_CODES_LIBRARY", "PYTHONPATH")}
        env.setdefault("CARGO_TARGET_DIR", os.path.join(oracle.ROOT, "target", "nested", "python-venv"))
        package_source = os.path.join(oracle.ROOT, "bindings", "python")
        _run(
            [python, "-m", "pip", "install", "--disable-pip-version-check", "--no-input", package_source],
            env=env,
            cwd=elsewhere,
        )

        # The line from docs/python.md, run outside the checkout with no library on any path.
        env.pop("CARGO_TARGET_DIR")
        program = "import iot_error_codes as e; print(e.describe('D00004', 'en'))"
        self.assertEqual(_run([python, "-c", program], env=env, cwd=elsewhere), oracle.names()["D00004"][1] + "\n")

        where = _run(
            [python, "-c", "import iot_error_codes as e, os; print(e.__file__); print(e.LIBRARY_PATH)"],
            env=env,
            cwd=elsewhere,
        ).splitlines()
        package_dir = os.path.dirname(os.path.realpath(where[0]))
        self.assertTrue(package_dir.startswith(os.path.realpath(venv) + os.sep), where)
        self.assertEqual(os.path.dirname(os.path.realpath(where[1])), package_dir, "the library inside the package")
        self.assertTrue(os.path.isfile(os.path.join(package_dir, "py.typed")))

        cli = _run([python, "-m", "iot_error_codes", "g20903", "--lang", "en"], env=env, cwd=elsewhere)
        status = oracle.statuses()["20903"]
        self.assertEqual(cli, f"20903\tMASTER_DATA_ERROR\tdevice\t{status}\t{oracle.names()['20903'][1]}\n")


if __name__ == "__main__":
    unittest.main()
