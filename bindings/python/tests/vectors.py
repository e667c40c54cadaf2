"""tests/vectors.txt, the one list of test inputs every suite checks: case
variants and the alias (``hit``), strings that are no code (``miss``), and
language tags (``tag``, ``notag``). Its header gives the format; ``bytes``
records (raw bytes, for the C and Rust byte APIs) have no Python str and are
skipped.
"""

from __future__ import annotations

import functools
import os
import re

from .oracle import ROOT

PATH = os.path.join(ROOT, "tests", "vectors.txt")

# Fields after the kind, per kind.
_FIELDS = {"hit": 2, "miss": 1, "bytes": 1, "tag": 2, "notag": 1}
_ESCAPE = re.compile(r"\\(?:([tn0\\])|u([0-9a-fA-F]{4})|\*([0-9]+)|(.?))", re.DOTALL)
_SIMPLE = {"t": "\t", "n": "\n", "0": "\0", "\\": "\\"}


def _unescape(field: str, where: str) -> str:
    """The str a field stands for. ``\\uXXXX`` are UTF-16 code units: a valid
    pair becomes one character, a lone surrogate stays one (Python has them)."""
    out: list[str] = []
    end = 0
    for m in _ESCAPE.finditer(field):
        out.append(field[end : m.start()])
        end = m.end()
        simple, unit, repeat, bad = m.groups()
        if simple is not None:
            out.append(_SIMPLE[simple])
        elif unit is not None:
            out.append(chr(int(unit, 16)))
        elif repeat is not None:
            text = "".join(out)
            if not text or int(repeat) < 1:
                raise ValueError(f"{where}: \\*{repeat} needs a preceding character and N >= 1")
            out = [text, text[-1] * (int(repeat) - 1)]
        else:
            raise ValueError(f"{where}: unknown escape \\{bad} in {field!r}")
    out.append(field[end:])
    return "".join(out).encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


@functools.lru_cache(maxsize=None)
def _records() -> dict[str, tuple[tuple[str, ...], ...]]:
    """kind -> the records of that kind, in file order, each its unescaped fields."""
    records: dict[str, list[tuple[str, ...]]] = {kind: [] for kind in _FIELDS}
    with open(PATH, encoding="utf-8", newline="\n") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            kind, *fields = line.split("\t")
            where = f"{PATH}:{number}"
            if kind not in _FIELDS or len(fields) != _FIELDS[kind]:
                raise ValueError(f"{where}: not a record of the format in the file's header: {line!r}")
            if kind != "bytes":
                records[kind].append(tuple(_unescape(field, where) for field in fields))
    return {kind: tuple(rs) for kind, rs in records.items()}


def hits() -> tuple[tuple[str, str], ...]:
    """(input, the spec's code it finds)."""
    return _records()["hit"]


def misses() -> tuple[str, ...]:
    """Strings that are no code."""
    return tuple(input_ for (input_,) in _records()["miss"])


def tags() -> tuple[tuple[str, str], ...]:
    """(tag, "zh" or "en": the language it selects)."""
    return _records()["tag"]


def notags() -> tuple[str, ...]:
    """Tags that select no language (so the default, zh, is used)."""
    return tuple(tag for (tag,) in _records()["notag"])
