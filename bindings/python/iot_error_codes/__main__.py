"""Looks up retCodes from the command line.

    python -m iot_error_codes D00004 d00017 --lang en
    python -m iot_error_codes --list
    python -m iot_error_codes D00004 --json

Prints ``code<TAB>NAME<TAB>category<TAB>description`` for each code (the code as
the spec prints it), or a JSON array with ``--json``. Exits 1 if any code is
unknown (each is reported on stderr, or as nulls in the JSON), 2 on bad usage.
The success code 00000 is reported as success, not as unknown.
"""

from __future__ import annotations

import argparse
import json
import sys

import iot_error_codes as catalog


def _record(code: str, lang: str | None) -> dict[str, str | None]:
    """The JSON object for one code (nulls when it is not in the catalog)."""
    entry = catalog.lookup(code)
    return {
        "code": code if entry is None else entry.code,
        "name": None if entry is None else entry.name,
        "category": None if entry is None else entry.category,
        "description": None if entry is None else catalog.describe(entry.code, lang),
    }


def main(argv: list[str] | None = None) -> int:
    """Runs the command line ``argv`` (default: ``sys.argv[1:]``); returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m iot_error_codes",
        description=f"Describe UWS IoT platform retCodes (spec V{catalog.CATALOG_VERSION}).",
    )
    parser.add_argument("codes", nargs="*", metavar="CODE", help="retCodes to look up, e.g. D00004")
    parser.add_argument(
        "--lang",
        help="language of the descriptions: en, zh (the default: the spec's text) or a locale such as en_US.UTF-8",
    )
    parser.add_argument("--list", action="store_true", help="print the whole catalog")
    parser.add_argument("--json", action="store_true", help="print a JSON array instead of lines")
    args = parser.parse_args(argv)
    if args.list == bool(args.codes):
        parser.error("give CODEs or --list (not both)")
    # Descriptions are Chinese: never die on a terminal that cannot show them.
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")

    queries = list(catalog.codes()) if args.list else args.codes
    records = [_record(code, args.lang) for code in queries]
    unknown = [r["code"] for r in records if r["name"] is None and r["code"] != catalog.SUCCESS_CODE]
    if args.json:
        json.dump(records, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for r in records:
            if r["name"] is not None:
                print(f"{r['code']}\t{r['name']}\t{r['category']}\t{r['description']}")
            elif r["code"] == catalog.SUCCESS_CODE:
                print(f"{r['code']}\tSUCCESS\t-\t(success, not an error)")
            else:
                sys.stdout.flush()
                print(catalog._unknown_code_text(r["code"]), file=sys.stderr)
    return 1 if unknown else 0


if __name__ == "__main__":
    sys.exit(main())
