"""Looks up retCodes from the command line, by the contract the Rust example and
the Java Main share (their help text is bindings/usage.txt, here ``USAGE``):

    python -m iot_error_codes D00004 d00017 --lang en
    python -m iot_error_codes --list --json
    python -m iot_error_codes --catalog uws-common-2021-04-05 Y00001

``-h``/``--help`` prints the help and exits 0. Each CODE prints
``code<TAB>NAME<TAB>category<TAB>STATUS<TAB>description`` (the code as the spec
prints it, STATUS its canonical status; the success code as
``00000<TAB>SUCCESS<TAB>-<TAB>OK<TAB>(success, not an error)``); an unknown
code is reported on stderr, the rest still printed, and the exit status is 1.
``--catalog ID`` reads that catalog instead of the default "uws-v1.3.0";
``--catalogs`` prints each catalog's id, a TAB and its source.
``--json`` prints a JSON array of ``{"code", "name", "category", "status",
"http_status", "retryable", "description", "hint"}`` objects instead, keys in that
order (the success code: "OK", 200, false and nulls for the rest; an unknown
code: its code as given and nulls for the rest, and no stderr line). A
usage error prints ``error: <reason>`` and the help's first line on stderr and
exits 2; a native library that cannot be loaded, ``error: cannot load the
native library: <detail>``, exits 3, also when ``IOT_ERROR_CODES_LIBRARY``
names a file that does not load: an override is used alone (docs/cli.md; the
package's loader tries nothing else then). Options may come anywhere among the codes; ``--lang`` takes the next
argument unless it starts with ``-`` (a usage error then).
"""

from __future__ import annotations

import json
import sys

from ._catalog import SUCCESS_CODE, USAGE, Catalog

EXIT_UNKNOWN_CODE = 1
EXIT_USAGE = 2
EXIT_NO_LIBRARY = 3


class _Arguments:
    """The command line, parsed: what to print, or the first problem with it.

    The rules are the Java Main's (the reference): ``-h``/``--help`` anywhere
    wins; ``--lang`` takes the next argument unless that starts with ``-``
    (then the problem is "--lang needs a language tag" and that argument is
    read as an option of its own); the first problem in argument order is
    the one reported; after all arguments, "give CODEs or --list, not both"
    is checked before "no code given".
    """

    def __init__(self, argv: list[str]) -> None:
        self.codes: list[str] = []
        self.catalog = next(iter(Catalog))
        self.lang: str | None = None
        self.json = False
        self.list = False
        self.catalogs = False
        self.help = False
        self.problem: str | None = None
        i = 0
        while i < len(argv):
            arg = argv[i]
            if arg in ("-h", "--help"):
                self.help = True
            elif arg == "--list":
                self.list = True
            elif arg == "--json":
                self.json = True
            elif arg == "--catalogs":
                self.catalogs = True
            elif arg == "--catalog":
                if i + 1 < len(argv) and not argv[i + 1].startswith("-"):
                    i += 1
                    try:
                        self.catalog = Catalog(argv[i])
                    except ValueError:
                        known = ", ".join(c.value for c in Catalog)
                        self._fail(f'unknown catalog "{argv[i]}" (known: {known})')
                else:
                    self._fail("--catalog needs a catalog id")
            elif arg == "--lang":
                if i + 1 < len(argv) and not argv[i + 1].startswith("-"):
                    i += 1
                    self.lang = argv[i]
                else:
                    self._fail("--lang needs a language tag")
            elif arg.startswith("-"):
                self._fail(f"unknown option {arg}")
            else:
                self.codes.append(arg)
            i += 1
        if self.list and self.codes:
            self._fail("give CODEs or --list, not both")
        elif self.catalogs and (self.list or self.codes):
            self._fail("--catalogs takes no CODE or --list")
        elif not self.list and not self.codes and not self.catalogs:
            self._fail("no code given")

    def _fail(self, reason: str) -> None:
        if self.problem is None:
            self.problem = reason


def main(argv: list[str] | None = None, *, load_error: ImportError | None = None) -> int:
    """Runs the command line ``argv`` (default: ``sys.argv[1:]``); returns the
    exit status. ``load_error``: why the package could not load the native
    library (the package passes it when ``python -m`` could not import it)."""
    args = _Arguments(sys.argv[1:] if argv is None else argv)
    if args.help:
        sys.stdout.write(USAGE + "\n")  # USAGE, as generated, has no final newline
        return 0
    if args.problem is not None:
        first_line = USAGE.partition("\n")[0]
        sys.stderr.write(f"error: {args.problem}\n{first_line}\n")
        return EXIT_USAGE
    if load_error is not None:
        sys.stderr.write(f"error: cannot load the native library: {load_error}\n")
        return EXIT_NO_LIBRARY

    from . import CATALOG_VERSION, http_status, status  # here: the package may have failed to load

    # Descriptions are Chinese: never die on a terminal that cannot show them.
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")
    if args.catalogs:
        for catalog in Catalog:
            print(f"{catalog.value}\t{catalog.source}")
        return 0
    catalog = args.catalog
    # The library decides which language a tag selects, as for describe().
    from . import _EN, _texts_for

    english = _texts_for(args.lang) is _EN
    queries = [e.code for e in catalog.entries()] if args.list else args.codes
    exit_status = 0
    records = []
    for code in queries:
        entry = catalog.entry(code)
        success = entry is None and code == SUCCESS_CODE
        if entry is None and not success:
            exit_status = EXIT_UNKNOWN_CODE
        if entry is not None:
            record = {
                "code": entry.code,
                "name": entry.name,
                "category": entry.category,
                "status": entry.status.name,
                "http_status": entry.http_status,
                "retryable": entry.retryable,
                "description": entry.description_en if english else entry.description_zh,
                "hint": entry.hint_en if english else entry.hint_zh,
            }
        else:
            record = dict.fromkeys(
                ("code", "name", "category", "status", "http_status", "retryable", "description", "hint")
            )
            record["code"] = code
            if success:
                record.update(status=status(code).name, http_status=http_status(code), retryable=False)
        records.append(record)
    if args.json:
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
        return exit_status
    for r in records:
        if r["name"] is not None:
            print(f"{r['code']}\t{r['name']}\t{r['category']}\t{r['status']}\t{r['description']}")
        elif r["status"] is not None:
            print(f"{SUCCESS_CODE}\tSUCCESS\t-\t{r['status']}\t(success, not an error)")
        else:
            sys.stdout.flush()  # keep the two streams in order on a terminal
            where = (
                f"the UWS error-code spec V{CATALOG_VERSION}"
                if catalog is next(iter(Catalog))
                else f"the catalog {catalog.value}"
            )
            print(f'error: unknown retCode "{r["code"]}" (not in {where})', file=sys.stderr)
    return exit_status


if __name__ == "__main__":
    sys.exit(main())
