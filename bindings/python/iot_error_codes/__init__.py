"""The UWS IoT platform's retCodes, from the iot_error_codes C library.

>>> import iot_error_codes as e
>>> e.describe("D00004", "en")
'Token has expired; token verification failed'
>>> e.name("D00004"), e.category("D00004")
('TOKEN_EXPIRED', 'account')
>>> e.ErrorCode.TOKEN_EXPIRED == "D00004"
True

Each code has a canonical status of gRPC (``Status``), which says what a
program should do with it; the success code "00000" has ``Status.OK``:

>>> e.status("D00004"), e.http_status("D00004"), e.is_retryable("D00004")
(<Status.UNAUTHENTICATED: 16>, 401, False)
>>> e.is_retryable("A00001")
True

Codes match exactly or ASCII case-insensitively ("d00004" finds "D00004"), and
the alias "G20903" finds "20903"; nothing is trimmed or guessed. A code that is
not a ``str`` raises TypeError; any string that is not a code gives None
(``is_retryable``: False).

The catalog is read once at import through the C ABI and answered from memory,
case variants, the alias and unknown strings included; only a language tag not
seen before goes to the library, to learn which language it selects. Every
function is thread-safe.
"""

from __future__ import annotations

import collections
import sys
from collections.abc import Iterator  # not typing: importing typing costs more than all the rest

from . import _native
from ._catalog import ALIASES as _ALIASES
from ._catalog import MAX_CODE_LEN as _MAX_CODE_LEN
from ._catalog import SUCCESS_CODE
from ._catalog import TAG_CACHE_MAX_ENTRIES as _TAG_CACHE_MAX_ENTRIES
from ._catalog import TAG_CACHE_MAX_TAG_LEN as _TAG_CACHE_MAX_TAG_LEN
from ._catalog import TAG_PREFIX_LEN as _TAG_PREFIX_LEN
from ._catalog import Catalog, ErrorCode, Status
from ._catalogs import CatalogEntry

__all__ = [
    "CATALOG_VERSION",
    "LIBRARY_PATH",
    "SUCCESS_CODE",
    "Catalog",
    "CatalogEntry",
    "Entry",
    "ErrorCode",
    "IotPlatformError",
    "Status",
    "codes",
    "category",
    "describe",
    "entries",
    "http_status",
    "is_retryable",
    "is_success",
    "lookup",
    "name",
    "status",
]


class Entry(
    collections.namedtuple(
        "Entry", "code name category description_zh description_en status http_status retryable"
    )
):
    """One code of the catalog (a read-only named tuple).

    ``code`` is the retCode as the spec prints it (``"D00004"``), ``name`` its
    symbolic name (``"TOKEN_EXPIRED"``), ``category`` the name of its category
    (``"account"``), ``description_zh`` the spec's own Simplified Chinese text
    and ``description_en`` the English one. ``status`` is its canonical
    :class:`Status` (``Status.UNAUTHENTICATED``), ``http_status`` the HTTP
    status gRPC maps that status to (401) and ``retryable`` whether the request
    may succeed if sent again later, with backoff (False).
    """

    __slots__ = ()
    code: str
    name: str
    category: str
    description_zh: str
    description_en: str
    status: Status
    http_status: int
    retryable: bool


def _status(lib, number: int, path: str) -> Status:
    """The Status of a number the library gave; ImportError if there is none."""
    try:
        return Status(number)
    except ValueError:
        raise ImportError(f"{path} gave the status {number}, which this package's Status lacks") from None


def _read_catalog(lib, path: str) -> tuple[Entry, ...]:
    """Every entry, in spec order, read through the C ABI."""
    entries = []
    try:
        for index in range(lib.iot_error_count()):
            raw = lib.iot_error_code_at(index)
            size = len(raw)
            entries.append(
                Entry(
                    raw.decode(),
                    lib.iot_error_name_n(raw, size).decode(),
                    lib.iot_error_category_name(lib.iot_error_category_n(raw, size)).decode(),
                    lib.iot_error_describe_n(raw, size).decode(),
                    lib.iot_error_describe_lang(raw, b"en").decode(),
                    _status(lib, lib.iot_error_status_n(raw, size), path),
                    lib.iot_error_http_status_n(raw, size),
                    bool(lib.iot_error_is_retryable_n(raw, size)),
                )
            )
    except (AttributeError, TypeError, UnicodeDecodeError) as e:  # a NULL where a string was due
        raise ImportError(f"{path} gave an incomplete catalog ({e})") from None
    return tuple(entries)


def _read_success(lib, path: str) -> tuple[Status, int]:
    """The status and HTTP status of the success code, read through the C ABI."""
    raw = SUCCESS_CODE.encode()
    return _status(lib, lib.iot_error_status_n(raw, len(raw)), path), lib.iot_error_http_status_n(raw, len(raw))


def _open_catalog():  # -> (library, its path, its version, its spec version, its entries, success's statuses)
    """Loads the library and reads its catalog. ImportError if it cannot be
    loaded or its catalog is not this package's."""
    lib, path = _native.load()
    version = lib.iot_error_version().decode()
    catalog_version = lib.iot_error_catalog_version().decode()
    entries = _read_catalog(lib, path)
    success = _read_success(lib, path)
    names = [(s.name, lib.iot_error_status_name(s.value)) for s in Status]
    if [(e.name, e.code) for e in entries] != [(m.name, m.value) for m in ErrorCode] or any(
        name.encode() != of_library for name, of_library in names
    ):
        raise ImportError(
            f"{path} (version {version}, spec V{catalog_version}) has a different catalog "
            "than this package's ErrorCode and Status: the library and the package come from different builds. "
            "Rebuild the library (cargo build) or reinstall the package."
        )
    return lib, path, version, catalog_version, entries, success


def _run_as_command() -> bool:
    """Whether this import is ``python -m iot_error_codes`` starting: -m runs
    runpy._run_module_as_main (by that name, from the interpreter's C code),
    which imports the package before it runs its __main__."""
    frame = sys._getframe()
    while frame is not None:
        if frame.f_code.co_name == "_run_module_as_main" and frame.f_globals.get("__name__") == "runpy":
            return frame.f_locals.get("mod_name") in (__name__, __name__ + ".__main__")
        frame = frame.f_back
    return False


try:
    _lib, LIBRARY_PATH, __version__, CATALOG_VERSION, _ENTRIES, (_SUCCESS_STATUS, _SUCCESS_HTTP_STATUS) = _open_catalog()
except ImportError as e:
    if not _run_as_command():
        raise
    # The command line's contract: a library that cannot be loaded is exit
    # status 3 and an "error:" message, not a traceback; --help and usage
    # errors are answered as ever.
    from .__main__ import main

    raise SystemExit(main(load_error=e)) from None

LIBRARY_PATH: str
"""The file the native library was loaded from (see docs/python.md for the search order)."""
__version__: str
"""The native library's version (its Cargo.toml version), e.g. ``"0.1.0"``."""
CATALOG_VERSION: str
"""The version of the platform spec the catalog comes from, e.g. ``"1.3.0"``."""

#: A code or alias with at most this many ASCII letters has every ASCII case
#: variant of it precomputed as a key of the lookup tables (2**letters keys:
#: the catalog's have 0 to 2 letters, so a few hundred keys in all). One with
#: more has only its exact and uppercase forms there, and its other variants
#: are found by uppercasing (the slow path), so the tables stay small whatever
#: a future spec holds.
_MAX_VARIANT_LETTERS = 4


def _case_variants(text: str) -> list[str]:
    """Every ASCII case variant of ``text``, ``text`` itself included (only
    ASCII letters are folded); just ``text`` and its uppercase form when it has
    more than _MAX_VARIANT_LETTERS ASCII letters."""
    letters = [i for i, c in enumerate(text) if c.isascii() and c.isalpha()]
    if len(letters) > _MAX_VARIANT_LETTERS:
        return [text, text.upper()]
    variants = []
    for mask in range(1 << len(letters)):
        chars = list(text)
        for bit, i in enumerate(letters):
            chars[i] = chars[i].upper() if mask >> bit & 1 else chars[i].lower()
        variants.append("".join(chars))
    return variants


_CODES = tuple(e.code for e in _ENTRIES)
_BY_CODE = {e.code: e for e in _ENTRIES}
# Every key that finds an entry: each code and alias in every ASCII case
# (bounded, see _MAX_VARIANT_LETTERS), and always in uppercase, which is what
# the slow path looks up. Codes are unique case-insensitively, so no key names two.
# The codes as printed go in first: a dict keeps the first key object it was
# given, and a caller passing the catalog's own strings (codes(), ErrorCode
# members) then matches by identity, skipping the string comparison.
_BY_KEY = dict(_BY_CODE)
for _given, _entry in [*((a, _BY_CODE[c]) for a, c in _ALIASES.items()), *((e.code, e) for e in _ENTRIES)]:
    for _key in _case_variants(_given):
        _BY_KEY.setdefault(_key, _entry)
del _given, _entry, _key  # the list is never empty: the catalog has codes
# _BY_KEY could answer all of these; each repeats one field of it on purpose,
# so that a public function's fast path is a single dict lookup with no
# attribute access after it (python -m iot_error_codes.bench measures it).
_NAMES = {key: e.name for key, e in _BY_KEY.items()}
_CATEGORIES = {key: e.category for key, e in _BY_KEY.items()}
_ZH = {key: e.description_zh for key, e in _BY_KEY.items()}
_EN = {key: e.description_en for key, e in _BY_KEY.items()}
# The status tables also answer the success code, which is no entry.
_STATUSES = {key: e.status for key, e in _BY_KEY.items()}
_STATUSES[SUCCESS_CODE] = _SUCCESS_STATUS
_HTTP_STATUSES = {key: e.http_status for key, e in _BY_KEY.items()}
_HTTP_STATUSES[SUCCESS_CODE] = _SUCCESS_HTTP_STATUS
_RETRYABLE = {key: e.retryable for key, e in _BY_KEY.items()}
_RETRYABLE[SUCCESS_CODE] = False

# Language tag -> texts, filled as tags are seen (bounded in count and tag
# length, so arbitrary tags cannot grow it without end). "en" is what _EN was read with.
_TEXTS_BY_TAG = {None: _ZH, "en": _EN}
# What iot_error_language() answers -> texts.
_TEXTS_BY_LANGUAGE = {b"zh": _ZH, b"en": _EN}


# The public lookups share one shape. The fast path is a dict lookup inside
# ``try`` (which costs nothing when nothing is raised): it answers every code
# and alias in any ASCII case (the tables hold every case variant, above).
# Anything else raises there (KeyError for an unknown string, or a variant of a
# code with more letters than _MAX_VARIANT_LETTERS; TypeError for an unhashable
# value; whatever a key's own __hash__ or __eq__ raises, hence ``except
# Exception``) and the handler only passes, so that the slow path (_resolve)
# runs outside it and its own TypeError for a non-str is not chained onto the
# first exception.


def _require_str(code: object) -> None:
    """Raises the package's TypeError when ``code`` is not a str."""
    if not isinstance(code, str):
        raise TypeError(f"a retCode must be a str, not {type(code).__name__}")


def _resolve(code: str) -> Entry | None:
    """The entry ``code`` names, exactly, in another ASCII case or by an alias:
    the slow path, from memory. TypeError if ``code`` is not a str."""
    if not isinstance(code, str):
        _require_str(code)
    # Codes are ASCII, so uppercasing finds a code as the spec prints it too.
    # ASCII only: Unicode case mapping would turn look-alikes into codes
    # ("\u0131".upper() == "I", "\u017f".upper() == "S"). isascii() costs nothing,
    # upper() the string's length, hence the length test first. upper() also
    # makes a str subclass a plain str, whose hash and == are str's.
    if len(code) <= _MAX_CODE_LEN and code.isascii():
        return _BY_KEY.get(code.upper())
    return None


def _texts_for(lang: str | None) -> dict[str, str]:
    """The code -> text table that the library picks for the tag ``lang``."""
    if lang is None:
        return _ZH
    if not isinstance(lang, str):
        raise TypeError(f"lang must be a str or None, not {type(lang).__name__}")
    texts = _TEXTS_BY_TAG.get(lang)
    if texts is not None:
        return texts
    # The library decides what a tag means; ask it once per tag. It looks only
    # at the first TAG_PREFIX_LEN bytes (a primary subtag and the separator
    # after it), so pass just those. A NUL among them makes the tag no language
    # ("en\0", "\0en": Chinese); the C call would end the tag there instead, so
    # it is not asked. A NUL later on is past what is looked at ("en-\0": English).
    # A lone surrogate is encoded as such (surrogatepass), which no tag starts with.
    head = lang[:_TAG_PREFIX_LEN].encode("utf-8", "surrogatepass")[:_TAG_PREFIX_LEN]
    texts = _ZH if b"\0" in head else _TEXTS_BY_LANGUAGE.get(_lib.iot_error_language(head), _ZH)
    if len(_TEXTS_BY_TAG) < _TAG_CACHE_MAX_ENTRIES and len(lang) <= _TAG_CACHE_MAX_TAG_LEN:
        _TEXTS_BY_TAG[lang] = texts
    return texts


def describe(code: str, lang: str | None = None) -> str | None:
    """The description of a retCode, or None when ``code`` is not one.

    ``lang=None`` gives the spec's own Simplified Chinese text. A language tag
    is matched by its primary subtag, ASCII case-insensitively: ``"en"``,
    ``"EN"``, ``"en-US"``, ``"en_US.UTF-8"`` give English; ``"zh"``, ``"zh-CN"``,
    ``""``, ``"C"`` and languages without texts give Chinese.

    Raises TypeError when ``code`` is not a str or ``lang`` is neither a str nor None.
    """
    # One dict lookup for the common cases, no tag and "en" (python -m
    # iot_error_codes.bench measures each extra step; a lookup by tag first
    # costs more than the == test). A lang whose own __eq__ or __hash__ raises
    # gets the documented TypeError from the slow path.
    try:
        if lang is None:
            return _ZH[code]
        if lang == "en":
            return _EN[code]
        return _TEXTS_BY_TAG[lang][code]
    except Exception:  # not a code, a new tag, or a bad type: see "The public lookups" above
        pass
    entry = _resolve(code)
    texts = _ZH if lang is None else _texts_for(lang)
    return None if entry is None else texts[entry.code]


def name(code: str) -> str | None:
    """The symbolic name of a retCode (``"TOKEN_EXPIRED"`` for ``"D00004"``),
    the name of its :class:`ErrorCode` member; None when ``code`` is not one.
    Raises TypeError when ``code`` is not a str."""
    try:
        return _NAMES[code]
    except Exception:  # not a code: see "The public lookups" above
        pass
    entry = _resolve(code)
    return None if entry is None else entry.name


def category(code: str) -> str | None:
    """The category of a retCode (``"account"`` for ``"D00004"``), from its letter;
    None when ``code`` is not one. Raises TypeError when ``code`` is not a str."""
    try:
        return _CATEGORIES[code]
    except Exception:  # not a code: see "The public lookups" above
        pass
    entry = _resolve(code)
    return None if entry is None else entry.category


def lookup(code: str) -> Entry | None:
    """The catalog entry of a retCode, with its code as the spec prints it
    (``lookup("g20903").code == "20903"``); None when ``code`` is not one.
    Raises TypeError when ``code`` is not a str."""
    try:
        return _BY_KEY[code]
    except Exception:  # not a code: see "The public lookups" above
        pass
    return _resolve(code)


def status(code: str) -> Status | None:
    """The canonical status of a retCode, a :class:`Status` (an ``int`` enum
    with gRPC's names and numbers): what a program should do with it
    (``Status.UNAUTHENTICATED`` for ``"D00004"``); ``Status.OK`` for the success
    code ``"00000"``; None when ``code`` is neither.
    Raises TypeError when ``code`` is not a str."""
    try:
        return _STATUSES[code]
    except Exception:  # not a code: see "The public lookups" above
        pass
    entry = _resolve(code)
    if entry is not None:
        return entry.status
    return _SUCCESS_STATUS if code == SUCCESS_CODE else None


def http_status(code: str) -> int | None:
    """The HTTP status that gRPC's published mapping gives the retCode's
    canonical status (401 for ``"D00004"``, UNAUTHENTICATED); 200 for the
    success code ``"00000"``; None when ``code`` is neither.
    Raises TypeError when ``code`` is not a str."""
    try:
        return _HTTP_STATUSES[code]
    except Exception:  # not a code: see "The public lookups" above
        pass
    entry = _resolve(code)
    if entry is not None:
        return entry.http_status
    return _SUCCESS_HTTP_STATUS if code == SUCCESS_CODE else None


def is_retryable(code: str) -> bool:
    """Whether the request that got this retCode may succeed if sent again
    later, with backoff: True when its status is UNAVAILABLE,
    DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED or ABORTED (gRPC's guidance). False
    for every other code (UNAUTHENTICATED too: authenticate again first, then
    send the request again), for the success code and for any string that is
    not a code. Raises TypeError when ``code`` is not a str."""
    try:
        return _RETRYABLE[code]
    except Exception:  # not a code: see "The public lookups" above
        pass
    entry = _resolve(code)
    return entry is not None and entry.retryable


def codes() -> tuple[str, ...]:
    """Every code of the catalog, in spec order (aliases not included)."""
    return _CODES


def entries() -> Iterator[Entry]:
    """Every :class:`Entry` of the catalog, in spec order."""
    return iter(_ENTRIES)


def is_success(code: str) -> bool:
    """Whether ``code`` is the success retCode ``"00000"`` (exactly).
    Raises TypeError when ``code`` is not a str."""
    _require_str(code)
    return code == SUCCESS_CODE


class IotPlatformError(Exception):
    """A failed platform call, made from its retCode and optionally the server's retInfo.

    ``raise IotPlatformError(body["retCode"], body.get("retInfo"))``. For a code in
    the catalog, ``code`` is the code as the spec prints it and ``name``,
    ``category``, ``description`` (in ``lang``, as for :func:`describe`),
    ``status`` and ``retryable`` are its own; for any other code, ``code`` is
    the given string, the first four are None (``status`` is ``Status.OK`` for
    the success code) and ``retryable`` is False.
    ``str()`` gives the code, the name and the description (or says the code is
    unknown), then the server's retInfo when it adds something.
    Raises TypeError when ``code`` is not a str.
    """

    code: str
    """The retCode: as the spec prints it when known, else as given."""
    name: str | None
    """The symbolic name, or None for a code not in the catalog."""
    category: str | None
    """The category, or None for a code not in the catalog."""
    description: str | None
    """The catalog's description in ``lang``, or None for a code not in the catalog."""
    status: Status | None
    """The canonical status (as :func:`status`), or None for a code not in the catalog."""
    retryable: bool
    """Whether sending the request again later may succeed (as :func:`is_retryable`)."""
    ret_info: str | None
    """The server's retInfo text, as given."""

    def __init__(self, code: str, ret_info: str | None = None, *, lang: str | None = None) -> None:
        entry = lookup(code)
        super().__init__(code, ret_info)
        self.code = code if entry is None else entry.code
        self.name = None if entry is None else entry.name
        self.category = None if entry is None else entry.category
        self.description = None if entry is None else describe(entry.code, lang)
        self.status = status(self.code)
        self.retryable = entry is not None and entry.retryable
        self.ret_info = ret_info

    def __str__(self) -> str:
        if self.name is not None:
            text = f"{self.code} {self.name}: {self.description}"
        elif self.code == SUCCESS_CODE:
            text = f"{self.code}: the success code, not an error"
        else:
            text = f"{self.code}: unknown retCode (not in spec V{CATALOG_VERSION})"
        if self.ret_info and self.ret_info != self.description:
            text += f" (retInfo: {self.ret_info})"
        return text
