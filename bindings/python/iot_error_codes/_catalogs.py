"""The catalogs (docs/catalogs.md): a catalog's entries, read through the C
ABI the first time the catalog is used and answered from memory after that.

``Catalog`` (in ``_catalog``, generated) names them; its methods come here.
"""

from __future__ import annotations

import collections

from ._catalog import MAX_CODE_LEN, Catalog, Status


class CatalogEntry(
    collections.namedtuple(
        "CatalogEntry",
        "code name category status http_status retryable description_zh description_en hint_zh hint_en",
    )
):
    """One code of a catalog (a read-only named tuple).

    As :class:`iot_error_codes.Entry`, plus ``hint_zh``, the catalog table's
    hint (可尝试解决方法) verbatim, and ``hint_en``, ours; both None when the
    table has none for the code (the "uws-v1.3.0" catalog never has one).
    """

    __slots__ = ()
    code: str
    name: str
    category: str
    status: Status
    http_status: int
    retryable: bool
    description_zh: str
    description_en: str
    hint_zh: str | None
    hint_en: str | None


# Catalog -> (its entries in table order, uppercase code or alias -> entry).
# Filled once per catalog; two threads filling it at once build equal values.
_TABLES: dict = {}


def _text(raw: bytes | None) -> str | None:
    return None if raw is None else raw.decode()


def _read(catalog: Catalog) -> tuple[tuple[CatalogEntry, ...], dict[str, CatalogEntry]]:
    """Every entry of ``catalog`` through the C ABI, and its lookup table."""
    from . import _lib  # here: the package loads the library after importing this module

    raw_id = catalog.value.encode()
    entries = []
    index = 0
    while True:
        pointer = _lib.iot_error_entry_at(raw_id, index)
        if not pointer:
            break
        entries.append(
            CatalogEntry(
                _lib.iot_error_entry_code(pointer).decode(),
                _lib.iot_error_entry_name(pointer).decode(),
                _lib.iot_error_category_name(_lib.iot_error_entry_category(pointer)).decode(),
                Status(_lib.iot_error_entry_status(pointer)),
                _lib.iot_error_entry_http_status(pointer),
                bool(_lib.iot_error_entry_is_retryable(pointer)),
                _lib.iot_error_entry_describe(pointer, b"zh").decode(),
                _lib.iot_error_entry_describe(pointer, b"en").decode(),
                _text(_lib.iot_error_entry_hint(pointer, b"zh")),
                _text(_lib.iot_error_entry_hint(pointer, b"en")),
            )
        )
        index += 1
    by_key = {e.code.upper(): e for e in entries}
    # The aliases ("G20903" for "20903"): the library knows them; ask it for
    # each alias of the package's own list whose code this catalog has.
    from ._catalog import ALIASES

    for alias, code in ALIASES.items():
        if code in by_key and _lib.iot_error_entry(raw_id, alias.encode()):
            by_key[alias.upper()] = by_key[code]
    return tuple(entries), by_key


def _table(catalog: Catalog) -> tuple[tuple[CatalogEntry, ...], dict[str, CatalogEntry]]:
    catalog = Catalog(catalog)
    table = _TABLES.get(catalog)
    if table is None:
        table = _TABLES[catalog] = _read(catalog)
    return table


def entry(catalog: Catalog, code: str) -> CatalogEntry | None:
    """See Catalog.entry."""
    if not isinstance(code, str):
        raise TypeError(f"a retCode must be a str, not {type(code).__name__}")
    # ASCII only, as the package's lookup: Unicode case mapping would turn
    # look-alikes into codes.
    if len(code) > MAX_CODE_LEN or not code.isascii():
        return None
    return _table(catalog)[1].get(code.upper())


def entries(catalog: Catalog) -> tuple[CatalogEntry, ...]:
    """See Catalog.entries."""
    return _table(catalog)[0]


def source(catalog: Catalog) -> str:
    """See Catalog.source."""
    from . import _lib

    return _lib.iot_error_catalog_source(Catalog(catalog).value.encode()).decode()
