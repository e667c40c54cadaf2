#!/usr/bin/env bash
# Reads capi/targets.tsv, the table of targets (its header says what each
# column means), for the shell scripts:
#
#   capi/targets.sh [CONDITION]... [-- COLUMN...]
#
# prints the named columns (default: triple), TAB-separated, of every row that
# meets all the conditions, in the table's order. A condition is
#   COLUMN=VALUE    the cell is VALUE        COLUMN!=VALUE  it is not
#   COLUMN~WORD     WORD is one of the cell's comma- or |-separated words
# e.g. `capi/targets.sh jar!=- -- triple jar`, `capi/targets.sh checks~abi`.
# An unknown column is an error (exit 2).
set -euo pipefail
table="$(cd "$(dirname "$0")" && pwd)/targets.tsv"
conditions=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do conditions+=("$1"); shift; done
[ $# -gt 0 ] && shift
columns=("$@")
[ ${#columns[@]} -gt 0 ] || columns=(triple)
awk -F'\t' -v conditions="${conditions[*]-}" -v columns="${columns[*]}" '
  function column(name) {
    if (!(name in index_of)) { print "capi/targets.sh: no column " name " in " FILENAME > "/dev/stderr"; bad = 1; exit 2 }
    return index_of[name]
  }
  /^#/ { next }
  !header { for (i = 1; i <= NF; i++) index_of[$i] = i; header = 1
            nc = split(conditions, cond, " "); np = split(columns, out, " ")
            for (i = 1; i <= np; i++) column(out[i])
            next }
  {
    for (i = 1; i <= nc; i++) {
      c = cond[i]
      if (match(c, /!=/)) { name = substr(c, 1, RSTART - 1); value = substr(c, RSTART + 2); if ($column(name) == value) next }
      else if (match(c, /=/)) { name = substr(c, 1, RSTART - 1); value = substr(c, RSTART + 1); if ($column(name) != value) next }
      else if (match(c, /~/)) {
        name = substr(c, 1, RSTART - 1); value = substr(c, RSTART + 1)
        n = split($column(name), words, /[,|]/); found = 0
        for (j = 1; j <= n; j++) if (words[j] == value) found = 1
        if (!found) next
      } else { print "capi/targets.sh: a condition is COLUMN=VALUE, COLUMN!=VALUE or COLUMN~WORD, not " c > "/dev/stderr"; bad = 1; exit 2 }
    }
    line = ""
    for (i = 1; i <= np; i++) line = line (i > 1 ? "\t" : "") $column(out[i])
    print line
  }
  END { if (bad) exit 2 }
' "$table"
