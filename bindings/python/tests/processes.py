"""Running Python in a child process, for what one process cannot test: the
command line, and the library search that happens once at import."""

from __future__ import annotations

import os
import subprocess
import sys

PACKAGE_PARENT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # bindings/python


def run_python(
    args: list[str],
    *,
    path: str = PACKAGE_PARENT,
    env: dict[str, str] | None = None,
    unset: tuple[str, ...] = (),
    cwd: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Runs ``python args`` with ``path`` first on its module path, ``env`` added
    to and ``unset`` removed from this process's environment; never raises on
    a non-zero exit."""
    child_env = dict(os.environ)
    child_env.update(env or {})
    for name in unset:
        child_env.pop(name, None)
    child_env["PYTHONPATH"] = path
    child_env["PYTHONIOENCODING"] = child_env.get("PYTHONIOENCODING", "utf-8")
    return subprocess.run(
        [sys.executable, *args],
        env=child_env,
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="backslashreplace",
        timeout=120,
    )
