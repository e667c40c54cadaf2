"""Benchmark: the package's lookups against a plain ``dict.get`` over the same table, and import time.

    python -m iot_error_codes.bench            # from bindings/python, or anywhere once installed

Each row times one call shape over every code of the catalog, and beside it a
plain ``dict.get`` over a table of the same answers, in this one process,
interleaved round by round; each is its best round in nanoseconds per call
(the loop's own cost included in both, as in real code). ``dict.get`` looks up
the code as the spec prints it (a hit), also on the rows that pass the code in
lowercase, so those rows say what a case variant costs against a
case-sensitive lookup of the same code; on the unknown row it misses too. The
import is timed in fresh interpreters started with ``-S`` (no site-packages
hooks) after one warm-up run that lets Python cache bytecode; the cost of
importing ctypes and enum, which the package needs, is reported beside it.
Targets: describe() within 2x of dict.get, a case variant close to an exact
code, import under 20 ms.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

import iot_error_codes as catalog

ROUNDS = 15
PASSES = 200  # over all 90 codes, per round
IMPORT_RUNS = 11


_NO_ARGUMENT = object()


def _dict_get(table: dict[str, object], keys: list[str]) -> float:
    start = time.perf_counter()
    for code in keys:
        table.get(code)
    return time.perf_counter() - start


def _call(function, keys: list[str], argument: object) -> float:
    """Seconds that calling ``function(key)`` (or ``function(key, argument)``) for every key takes."""
    if argument is _NO_ARGUMENT:
        start = time.perf_counter()
        for code in keys:
            function(code)
        return time.perf_counter() - start
    start = time.perf_counter()
    for code in keys:
        function(code, argument)
    return time.perf_counter() - start


def _per_call_ns(seconds: float, calls: int) -> float:
    return seconds / calls * 1e9


def lookups() -> list[tuple[str, float, float]]:
    """(row, ns per call of the package, ns per dict.get call) for each row."""
    codes = list(catalog.codes())
    entries = list(catalog.entries())
    zh = {e.code: e.description_zh for e in entries}
    en = {e.code: e.description_en for e in entries}
    statuses = {e.code: e.status for e in entries}
    retryable = {e.code: e.retryable for e in entries}
    exact = codes * PASSES
    lowercase = [c.lower() for c in codes] * PASSES
    unknown = [f"X{i:05d}" for i in range(len(codes))] * PASSES
    # row: (function, its keys, its second argument, the table dict.get reads, the keys dict.get gets)
    rows = {
        "describe(code)": (catalog.describe, exact, _NO_ARGUMENT, zh, exact),
        'describe(code, "en")': (catalog.describe, exact, "en", en, exact),
        "describe(lowercase code)": (catalog.describe, lowercase, _NO_ARGUMENT, zh, exact),
        'describe(lowercase code, "en")': (catalog.describe, lowercase, "en", en, exact),
        "describe(unknown code)": (catalog.describe, unknown, _NO_ARGUMENT, zh, unknown),
        "name(lowercase code)": (catalog.name, lowercase, _NO_ARGUMENT, zh, exact),
        "status(code)": (catalog.status, exact, _NO_ARGUMENT, statuses, exact),
        "status(lowercase code)": (catalog.status, lowercase, _NO_ARGUMENT, statuses, exact),
        "is_retryable(code)": (catalog.is_retryable, exact, _NO_ARGUMENT, retryable, exact),
    }
    best = {row: [float("inf"), float("inf")] for row in rows}
    for _ in range(ROUNDS):
        for row, (function, keys, argument, table, table_keys) in rows.items():
            best[row][0] = min(best[row][0], _call(function, keys, argument))
            best[row][1] = min(best[row][1], _dict_get(table, table_keys))
    return [
        (row, _per_call_ns(best[row][0], len(keys)), _per_call_ns(best[row][1], len(keys)))
        for row, (_function, keys, _argument, _table, _table_keys) in rows.items()
    ]


def _import_ms(statement: str) -> list[float]:
    """Milliseconds that ``statement`` takes in each of IMPORT_RUNS fresh interpreters."""
    package_parent = os.path.dirname(os.path.dirname(os.path.abspath(catalog.__file__)))
    program = (
        f"import sys; sys.path.insert(0, {package_parent!r}); import time; "
        f"t = time.perf_counter(); {statement}; print((time.perf_counter() - t) * 1e3)"
    )
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("IOT_ERROR_CODES_LIBRARY", catalog.LIBRARY_PATH)
    command = [sys.executable, "-S", "-c", program]
    subprocess.run(command, env=env, check=True, capture_output=True)  # warm-up: writes .pyc where it may
    return [
        float(subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout)
        for _ in range(IMPORT_RUNS)
    ]


def main() -> None:
    """Runs the benchmark and prints the table."""
    print(f"iot_error_codes {catalog.__version__} (spec V{catalog.CATALOG_VERSION}), {catalog.LIBRARY_PATH}")
    print(f"Python {sys.version.split()[0]}; best of {ROUNDS} interleaved rounds")
    print(f"{'call':32} {'package':>12} {'dict.get':>10} {'ratio':>7}")
    for row, package_ns, dict_get_ns in lookups():
        print(f"{row:32} {package_ns:9.1f} ns {dict_get_ns:7.1f} ns {package_ns / dict_get_ns:6.2f}x")
    package_ms = _import_ms("import iot_error_codes")
    needed_ms = _import_ms("import ctypes, enum")
    print(
        f"import iot_error_codes: {statistics.median(package_ms):.1f} ms median, {min(package_ms):.1f} ms best "
        f"of {IMPORT_RUNS} fresh interpreters (of which import ctypes, enum: "
        f"{statistics.median(needed_ms):.1f} ms median)"
    )


if __name__ == "__main__":
    main()
