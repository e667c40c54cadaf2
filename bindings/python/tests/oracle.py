"""The catalog as its source files state it, read here independently of
build.rs and of the library, so the tests compare the package with the spec
rather than with itself.

The spec (src/catalog/uws-error-codes-v<VERSION>.md, verbatim from the platform)
gives the codes, their order and the Chinese texts; src/catalog/names.tsv gives
what the spec lacks: names, English texts, the category of each code letter,
and the alias.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess

#: The checkout whose files the tests read, when they run from a copy outside
#: it against an installed wheel (checks/tests/wheel.rs); else the one they sit in.
CHECKOUT_VAR = "IOT_ERROR_CODES_CHECKOUT"
#: "1" when the package under test is an installed wheel, not the checkout's:
#: the tests that build the package from the checkout are left out then
#: (test_install, test_setup) and test_installed's run.
INSTALLED_VAR = "IOT_ERROR_CODES_TEST_INSTALLED"

ROOT = os.path.abspath(
    os.environ.get(CHECKOUT_VAR)
    or os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
)
CATALOG_DIR = os.path.join(ROOT, "src", "catalog")

#: The spec file, as the Rust checks found it by the library's rule
#: (src/catalog/source.rs: exactly one uws-error-codes-v<VERSION>.md) and
#: passed on (checks/tests/python.rs, wheel.rs): the tests have no finder of their own.
SPEC_VAR = "IOT_ERROR_CODES_SPEC"

#: Set by checks/tests/python.rs to the crate's version (env!("CARGO_PKG_VERSION")).
EXPECTED_VERSION_VAR = "IOT_ERROR_CODES_EXPECTED_VERSION"


def spec_path() -> str:
    """The spec file: $IOT_ERROR_CODES_SPEC. Raises AssertionError, saying how
    to set it, if it is not set."""
    path = os.environ.get(SPEC_VAR)
    if not path:
        raise AssertionError(
            f"{SPEC_VAR} is not set: run the tests with `cargo xtask check python`, "
            "or set it to the spec file, src/catalog/uws-error-codes-v<VERSION>.md"
        )
    return path


def spec_version() -> str:
    """The spec version, from its file name; checked against its header line."""
    version = os.path.basename(spec_path())[len("uws-error-codes-v") : -len(".md")]
    with open(spec_path(), encoding="utf-8") as f:
        assert f"V{version}" in f.read(), "the spec's header states another version than its file name"
    return version


def spec_rows() -> list[tuple[str, str]]:
    """(code, Chinese text) for every row of the spec's table, in order."""
    rows = []
    with open(spec_path(), encoding="utf-8") as f:
        for line in f:
            cells = [c.strip() for c in line.split("|")]
            # "|CODE|text|" splits into ["", CODE, text, ""].
            if len(cells) == 4 and cells[1].isascii() and cells[1].isalnum():
                rows.append((cells[1], cells[2]))
    return rows


def _names_records(file_name: str = "names.tsv") -> list[list[str]]:
    with open(os.path.join(CATALOG_DIR, file_name), encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]


def _code_records(file_name: str = "names.tsv") -> list[list[str]]:
    """The rows CODE, NAME, STATUS, English (every other record has 2 or 3 fields)."""
    return [r for r in _names_records(file_name) if len(r) == 4]


def names() -> dict[str, tuple[str, str]]:
    """code -> (symbolic name, English text), from the rows CODE, NAME, STATUS, English."""
    return {r[0]: (r[1], r[3]) for r in _code_records()}


def statuses() -> dict[str, str]:
    """code -> the name of its canonical status."""
    return {r[0]: r[2] for r in _code_records()}


#: The common table, verbatim from the vendor (src/catalog/), and our data file beside it.
COMMON_TABLE = "uws-common-error-codes-2021-04-05.md"
COMMON_DATA = "uws-common-2021-04-05.tsv"
#: docs/catalogs.md: a code the table lists twice is its first row.
COMMON_REPEATED = ("LI0001", "LG0001")
#: docs/catalogs.md: the hints of A00009, LS0001 and LI0001 belong to other codes and are withheld.
COMMON_WITHHELD = ("A00009", "LS0001", "LI0001")


def common_rows() -> list[tuple[str, str, str]]:
    """(code, text, hint cell) for every row of the common table, in order, repeats included."""
    rows = []
    with open(os.path.join(CATALOG_DIR, COMMON_TABLE), encoding="utf-8") as f:
        for line in f:
            cells = [c.strip() for c in line.split("|")]
            # "|CODE|text|hint" splits into ["", CODE, text, hint].
            if len(cells) == 4 and cells[1].isascii() and cells[1].isalnum():
                rows.append((cells[1], cells[2], cells[3]))
    return rows


def common_data() -> dict[str, tuple[str, str, str]]:
    """code -> (name, status, English) of the common catalog's own rows."""
    return {r[0]: (r[1], r[2], r[3]) for r in _code_records(COMMON_DATA)}


def common_hints() -> dict[str, str]:
    """The English of each hint text of the common table."""
    return {r[1]: r[2] for r in _names_records(COMMON_DATA) if r[0] == "hint"}


def released_statuses() -> dict[str, tuple[str, str]]:
    """code -> ("api/codes.tsv:LINE", status) for every released code: the
    released contract, which a status change breaks (the rows CODE, NAME,
    CATEGORY, CATEGORY_NUMBER, STATUS)."""
    released = {}
    with open(os.path.join(ROOT, "api", "codes.tsv"), encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if line.strip() and not line.startswith("#"):
                fields = line.rstrip("\n").split("\t")
                assert len(fields) == 5, f"api/codes.tsv:{number}: expected 5 fields, got {fields}"
                released[fields[0]] = (f"api/codes.tsv:{number}", fields[4])
    return released


#: gRPC's canonical status codes, as published: (name, number, HTTP status).
#: Names and numbers from google/rpc/code.proto (googleapis), whose comment on
#: each code also gives the HTTP mapping ("HTTP Mapping: 404 Not Found").
#: Written out here, not read from the package or the library: the oracle.
GRPC_STATUSES = (
    ("OK", 0, 200),
    ("CANCELLED", 1, 499),
    ("UNKNOWN", 2, 500),
    ("INVALID_ARGUMENT", 3, 400),
    ("DEADLINE_EXCEEDED", 4, 504),
    ("NOT_FOUND", 5, 404),
    ("ALREADY_EXISTS", 6, 409),
    ("PERMISSION_DENIED", 7, 403),
    ("RESOURCE_EXHAUSTED", 8, 429),
    ("FAILED_PRECONDITION", 9, 400),
    ("ABORTED", 10, 409),
    ("OUT_OF_RANGE", 11, 400),
    ("UNIMPLEMENTED", 12, 501),
    ("INTERNAL", 13, 500),
    ("UNAVAILABLE", 14, 503),
    ("DATA_LOSS", 15, 500),
    ("UNAUTHENTICATED", 16, 401),
)

#: The statuses gRPC's guidance says a client may retry, with backoff.
RETRYABLE_STATUSES = frozenset({"UNAVAILABLE", "DEADLINE_EXCEEDED", "RESOURCE_EXHAUSTED", "ABORTED"})


def http_statuses() -> dict[str, int]:
    """code -> the HTTP status gRPC maps its canonical status to."""
    http_of = {name: http for name, _, http in GRPC_STATUSES}
    return {code: http_of[status] for code, status in statuses().items()}


def aliases() -> dict[str, str]:
    """alias -> the spec code it stands for."""
    return {r[1]: r[2] for r in _names_records() if r[0] == "alias"}


def categories() -> dict[str, str]:
    """code -> category name, by the code's letter (or its alias's, for a code printed without one)."""
    by_letter = {r[1]: r[2] for r in _names_records() if r[0] == "category"}
    letter_of = {code: alias[0] for alias, code in aliases().items()}
    return {code: by_letter[letter_of.get(code, code[0])] for code, _ in spec_rows()}


@functools.lru_cache(maxsize=None)
def crate_version() -> str:
    """The crate's version: $IOT_ERROR_CODES_EXPECTED_VERSION (checks/tests/python.rs
    sets it), else what ``cargo metadata`` says of the root package, asked once.
    The only place the Python tests learn it."""
    given = os.environ.get(EXPECTED_VERSION_VAR)
    if given:
        return given
    cargo = os.environ.get("CARGO", "cargo")
    result = subprocess.run(
        [cargo, "metadata", "--no-deps", "--format-version", "1", "--offline"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode != 0:
        raise AssertionError(f"{EXPECTED_VERSION_VAR} is not set and cargo metadata failed:\n{result.stderr}")
    manifest = os.path.join(ROOT, "Cargo.toml")
    (version,) = [
        p["version"]
        for p in json.loads(result.stdout)["packages"]
        if os.path.samefile(p["manifest_path"], manifest)
    ]
    return version


def usage() -> str:
    """The command lines' help text: bindings/usage.txt for this spec version."""
    with open(os.path.join(ROOT, "bindings", "usage.txt"), encoding="utf-8") as f:
        return f.read().replace("@CATALOG_VERSION@", spec_version())
