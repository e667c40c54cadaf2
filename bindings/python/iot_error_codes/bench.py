"""Benchmark: ``describe()`` against a plain ``dict.get`` over the same table, and import time.

    python -m iot_error_codes.bench            # from bindings/python, or anywhere once installed

Both lookups run in this one process over the same codes, interleaved round by
round, and each is reported as its best round in nanoseconds per call (the
loop's own cost included in both, as in real code). The import is timed in
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
    keys = codes * PASSES
    zh = {e.code: e.description_zh for e in catalog.entries()}
    en = {e.code: e.description_en for e in catalog.entries()}
    variants = [c.lower() for c in codes]  # answered by the library, not memory
    variant_keys = variants * (PASSES // 20)
    cases = {
        "describe(code)": (lambda: _describe_default(keys), lambda: _dict_get(zh, keys), len(keys)),
        'describe(code, "en")': (lambda: _describe(keys, "en"), lambda: _dict_get(en, keys), len(keys)),
        "describe(lowercase code): native": (
            lambda: _describe_default(variant_keys),
            lambda: _dict_get(zh, variant_keys),
            len(variant_keys),
        ),
    }
    best = {name: [float("inf"), float("inf")] for name in cases}
    for _ in range(ROUNDS):
        for name, (ours, theirs, _calls) in cases.items():
            best[name][0] = min(best[name][0], ours())
            best[name][1] = min(best[name][1], theirs())
    return [
        (name, _per_call_ns(best[name][0], calls), _per_call_ns(best[name][1], calls))
        for name, (_o, _t, calls) in cases.items()
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
    print(f"{'lookup':36} {'describe()':>12} {'dict.get':>10} {'ratio':>7}")
    for name, ours, theirs in lookups():
        print(f"{name:36} {ours:9.1f} ns {theirs:7.1f} ns {ours / theirs:6.2f}x")
    ours = _import_ms("import iot_error_codes")
    base = _import_ms("import ctypes, enum")
    print(
        f"import iot_error_codes: {statistics.median(ours):.1f} ms median, {min(ours):.1f} ms best "
        f"of {IMPORT_RUNS} fresh interpreters (of which import ctypes, enum: "
        f"{statistics.median(base):.1f} ms median)"
    )


if __name__ == "__main__":
    main()
