"""Benchmark: ``describe()`` against a plain ``dict.get`` over the same table, and import time.

    python -m iot_error_codes.bench            # from bindings/python, or anywhere once installed

Both lookups run in this one process over the same codes, interleaved round by
round, and each is reported as its best round in nanoseconds per call (the
loop's own cost included in both, as in real code). Cases: codes as the spec
prints them (the fast path), lowercase codes and unknown strings (answered from
memory too, after the exact lookup misses; dict.get misses on them). The import is timed in
fresh interpreters started with ``-S`` (no site-packages hooks) after one
warm-up run that lets Python cache bytecode; the cost of importing ctypes and
enum, which the package needs, is reported beside it. Targets:
describe() within 2x of dict.get, import under 20 ms.
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


def _dict_get(table: dict[str, str], keys: list[str]) -> float:
    start = time.perf_counter()
    for code in keys:
        table.get(code)
    return time.perf_counter() - start


def _describe(keys: list[str], lang: str | None) -> float:
    describe = catalog.describe
    start = time.perf_counter()
    for code in keys:
        describe(code, lang)
    return time.perf_counter() - start


def _describe_default(keys: list[str]) -> float:
    describe = catalog.describe
    start = time.perf_counter()
    for code in keys:
        describe(code)
    return time.perf_counter() - start


def _per_call_ns(seconds: float, calls: int) -> float:
    return seconds / calls * 1e9


def lookups() -> list[tuple[str, float, float]]:
    """(case, ns per describe() call, ns per dict.get call) for each case."""
    codes = list(catalog.codes())
    zh = {e.code: e.description_zh for e in catalog.entries()}
    en = {e.code: e.description_en for e in catalog.entries()}
    exact = codes * PASSES
    lowercase = [c.lower() for c in codes] * PASSES
    unknown = [f"X{i:05d}" for i in range(len(codes))] * PASSES
    # case: (keys, lang, the table dict.get reads)
    cases = {
        "describe(code)": (exact, None, zh),
        'describe(code, "en")': (exact, "en", en),
        "describe(lowercase code)": (lowercase, None, zh),
        'describe(lowercase code, "en")': (lowercase, "en", en),
        "describe(unknown code)": (unknown, None, zh),
    }
    best = {case: [float("inf"), float("inf")] for case in cases}
    for _ in range(ROUNDS):
        for case, (keys, lang, table) in cases.items():
            time_describe = _describe_default(keys) if lang is None else _describe(keys, lang)
            best[case][0] = min(best[case][0], time_describe)
            best[case][1] = min(best[case][1], _dict_get(table, keys))
    return [
        (case, _per_call_ns(best[case][0], len(keys)), _per_call_ns(best[case][1], len(keys)))
        for case, (keys, _lang, _table) in cases.items()
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
    print(f"{'lookup':32} {'describe()':>12} {'dict.get':>10} {'ratio':>7}")
    for case, describe_ns, dict_get_ns in lookups():
        print(f"{case:32} {describe_ns:9.1f} ns {dict_get_ns:7.1f} ns {describe_ns / dict_get_ns:6.2f}x")
    package_ms = _import_ms("import iot_error_codes")
    needed_ms = _import_ms("import ctypes, enum")
    print(
        f"import iot_error_codes: {statistics.median(package_ms):.1f} ms median, {min(package_ms):.1f} ms best "
        f"of {IMPORT_RUNS} fresh interpreters (of which import ctypes, enum: "
        f"{statistics.median(needed_ms):.1f} ms median)"
    )


if __name__ == "__main__":
    main()
