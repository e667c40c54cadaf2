"""The catalog as its source files state it, read here independently of
build.rs and of the library, so the tests compare the package with the spec
rather than with itself.

The spec (src/catalog/uws-error-codes-v<VERSION>.md, verbatim from the platform)
gives the codes, their order and the Chinese texts; src/catalog/names.tsv gives
what the spec lacks: names, English texts, the category of each code letter,
and the alias.
"""

from __future__ import annotations

import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
CATALOG_DIR = os.path.join(ROOT, "src", "catalog")


def _version_key(file_name: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", file_name))


def spec_path() -> str:
    """The spec file (the newest version, if there were several)."""
    specs = [f for f in os.listdir(CATALOG_DIR) if re.fullmatch(r"uws-error-codes-v[\d.]+\.md", f)]
    return os.path.join(CATALOG_DIR, max(specs, key=_version_key))


def spec_version() -> str:
    """The spec version, from its file name; checked against its header line."""
    version = re.fullmatch(r"uws-error-codes-v([\d.]+)\.md", os.path.basename(spec_path())).group(1)
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


def _names_records() -> list[list[str]]:
    with open(os.path.join(CATALOG_DIR, "names.tsv"), encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]


def names() -> dict[str, tuple[str, str]]:
    """code -> (symbolic name, English text)."""
    return {r[0]: (r[1], r[2]) for r in _names_records() if r[0] not in ("category", "alias")}


def aliases() -> dict[str, str]:
    """alias -> the spec code it stands for."""
    return {r[1]: r[2] for r in _names_records() if r[0] == "alias"}


def categories() -> dict[str, str]:
    """code -> category name, by the code's letter (or its alias's, for a code printed without one)."""
    by_letter = {r[1]: r[2] for r in _names_records() if r[0] == "category"}
    letter_of = {code: alias[0] for alias, code in aliases().items()}
    return {code: by_letter[letter_of.get(code, code[0])] for code, _ in spec_rows()}


def cargo_version() -> str:
    """The version in Cargo.toml's [package] table."""
    with open(os.path.join(ROOT, "Cargo.toml"), encoding="utf-8") as f:
        package = f.read().split("[package]", 1)[1].split("\n[", 1)[0]
    return re.search(r'^version\s*=\s*"([^"]+)"', package, re.MULTILINE).group(1)
