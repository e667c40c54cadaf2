#!/usr/bin/env bash
# The lookup benchmark and the library's footprint. Usage:
#
#   bash benches/run.sh
#
# Builds the library (`cargo build --release`), generates a gperf perfect hash
# over the library's own catalog (read through its C ABI, nothing copied by
# hand), builds the C++ harness (benches/harness.cpp) against the release .so,
# and prints, ready to paste into the README:
#   - for hits, misses, a mixed stream and lowercase hits: iot_error_describe,
#     gperf, std::unordered_map and a linear strcmp scan, each as a ratio to
#     gperf, ns/lookup and instructions/lookup (valgrind --tool=callgrind);
#   - the first lookup after loading the library against warm ones;
#   - valgrind's heap summary with and without lookups (zero allocations);
#   - the sizes of the stripped .so and of the .a, and what the .a adds to a
#     statically linked C program.
# Exits non-zero if a target ratio is missed. Installs gperf (and any other
# missing tool) from Debian's packages. Everything it makes goes to
# <target dir>/bench. Takes about a minute, most of it the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
target_dir=${CARGO_TARGET_DIR:-$root/target}
out=$target_dir/bench
lib=$target_dir/release
mkdir -p "$out"

# --- tools --------------------------------------------------------------------
apt_needs=(cc:gcc c++:g++ gperf:gperf valgrind:valgrind)
missing=()
for need in "${apt_needs[@]}"; do
  command -v "${need%%:*}" >/dev/null 2>&1 || missing+=("${need#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=; [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "installing: ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
fi

# --- build ----------------------------------------------------------------------
cargo build --release --quiet
link=(-I "$root/include" -L "$lib" -liot_error_codes "-Wl,-rpath,$lib")

# The gperf keyword file, from the library's catalog through its C ABI.
cc -std=c99 -O2 -Wall -Wextra -o "$out/gperf_input" benches/gperf_input.c "${link[@]}"
"$out/gperf_input" >"$out/catalog.gperf"
# Two tables: exact, and --ignore-case for the lowercase queries.
gperf_flags=(--struct-type --readonly-tables --enum --language=ANSI-C)
gperf "${gperf_flags[@]}" -N gperf_lookup -H gperf_hash \
  "$out/catalog.gperf" >"$out/gperf_exact.c"
gperf "${gperf_flags[@]}" --ignore-case -N gperf_lookup_icase -H gperf_hash_icase \
  "$out/catalog.gperf" >"$out/gperf_icase.c"
cc -O2 -c -DGPERF_DESCRIBE=gperf_describe -DGPERF_LOOKUP=gperf_lookup \
  -o "$out/gperf_exact.o" "$out/gperf_exact.c"
cc -O2 -c -DGPERF_DESCRIBE=gperf_describe_icase -DGPERF_LOOKUP=gperf_lookup_icase \
  -o "$out/gperf_icase.o" "$out/gperf_icase.c"
c++ -std=c++17 -O2 -Wall -Wextra -o "$out/harness" benches/harness.cpp \
  "$out/gperf_exact.o" "$out/gperf_icase.o" "${link[@]}"
harness=$out/harness

# --- instructions per lookup ------------------------------------------------------
# One callgrind profile part per section of `harness callgrind`: part 1 is
# everything before the first section, section k (from 0) is part k + 2.
rm -f "$out"/callgrind.out*
LD_BIND_NOW=1 valgrind -q --tool=callgrind --dump-before=callgrind_section \
  --callgrind-out-file="$out/callgrind.out" "$harness" callgrind >"$out/sections.txt"
queries=$(head -n 1 "$out/sections.txt")
mapfile -t sections < <(tail -n +2 "$out/sections.txt")

# inclusive_ir PART FUNCTION: instructions executed in FUNCTION and what it calls.
inclusive_ir() {
  callgrind_annotate --inclusive=yes --threshold=100 "$out/callgrind.out.$1" |
    awk -v fn="$2" '{ for (i = 2; i <= NF; i++) if ($i ~ (":" fn "$")) { gsub(",", "", $1); print $1; exit } }'
}
part_of() { # section name -> part number
  local k
  for k in "${!sections[@]}"; do
    [ "${sections[$k]}" = "$1" ] && { echo $((k + 2)); return; }
  done
  echo "no callgrind section $1" >&2; exit 1
}
: >"$out/instructions.txt"
set_index=0
for section in "${sections[@]:3}"; do
  part=$(part_of "$section")
  suffix=; [[ $section == lowercase* ]] && suffix=_icase
  impl_index=0
  for fn in iot_error_describe gperf_describe$suffix map_describe$suffix linear_describe$suffix; do
    ir=$(inclusive_ir "$part" "$fn")
    echo "$set_index $impl_index $(awk -v ir="${ir:-0}" -v n="$queries" 'BEGIN { printf "%.1f", ir / n }')" \
      >>"$out/instructions.txt"
    impl_index=$((impl_index + 1))
  done
  set_index=$((set_index + 1))
done
first_ir=$(inclusive_ir "$(part_of first-call)" iot_error_describe)
second_ir=$(inclusive_ir "$(part_of second-call)" iot_error_describe)

# --- the table ------------------------------------------------------------------------
cpuinfo() { sed -n "s/^$1[[:space:]]*: //p" /proc/cpuinfo | head -n 1; }
cpu="$(cpuinfo 'model name') (family $(cpuinfo 'cpu family'), model $(cpuinfo model))"
machine="Machine: $cpu, $(nproc) CPUs, $(uname -sr); $(cc --version | head -n 1);
$(rustc --version); $(gperf --version | head -n 1); $(valgrind --version).
Run: $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(
  git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)'), \`bash benches/run.sh\`."
status=0
"$harness" time "$machine" "$out/instructions.txt" || status=$?

# --- first call -------------------------------------------------------------------------
# Five fresh processes; the median of each column (see run_first_call in harness.cpp).
for _ in 1 2 3 4 5; do LD_BIND_NOW=1 "$harness" first-call; done >"$out/first-call.txt"
median() { cut -d' ' -f"$1" "$out/first-call.txt" | sort -n | sed -n 3p; }
echo
echo "First lookup after loading the library, median of 5 fresh processes (LD_BIND_NOW=1, so"
echo "ld.so's lazy binding is not counted): iot_error_describe $(median 1) ns ($(median 6) minor page"
echo "faults), then a first miss $(median 3) ns; gperf's first lookup $(median 2) ns ($(median 7) faults). Warm: $(median 4) ns"
echo "and gperf $(median 5) ns. Both first lookups pay for cold caches and nothing else: under callgrind"
echo "the library's first call executes $first_ir instructions and its second $second_ir."

# --- heap -------------------------------------------------------------------------------
heap_allocs() {
  valgrind --tool=memcheck "$harness" heap "$1" 2>&1 >/dev/null |
    sed -n 's/.*total heap usage: \([0-9,]*\) allocs.*/\1/p' | tr -d ,
}
no_lookups=$(heap_allocs 0)
with_lookups=$(heap_allocs 10)
echo
echo "Heap (valgrind --tool=memcheck on the harness): $no_lookups allocations with no lookups,"
echo "$with_lookups with $((10 * 4 * queries)) calls of iot_error_describe: $(((with_lookups - no_lookups) / (40 * queries))) per lookup."
[ "$no_lookups" = "$with_lookups" ] || status=4

# --- footprint ----------------------------------------------------------------------------
so_bytes=$(stat -c %s "$lib/libiot_error_codes.so")
a_bytes=$(stat -c %s "$lib/libiot_error_codes.a")
# What the .a adds to a C program that calls iot_error_describe, linked statically.
printf '%s\n' '#include "iot_error_codes.h"' '#include <stdio.h>' \
  'int main(int argc, char **argv) { const char *d = iot_error_describe(argc > 1 ? argv[1] : ""); puts(d ? d : "-"); return 0; }' \
  >"$out/static_user.c"
printf '%s\n' 'int main(void) { return 0; }' >"$out/empty.c"
static_link=(-O2 -s -Wl,--gc-sections -I "$root/include")
cc "${static_link[@]}" -o "$out/empty" "$out/empty.c"
cc "${static_link[@]}" -o "$out/static_user" "$out/static_user.c" "$lib/libiot_error_codes.a" -lpthread -ldl -lm
static_added=$(($(stat -c %s "$out/static_user") - $(stat -c %s "$out/empty")))
echo
echo "Footprint (\`cargo build --release\`, x86-64):"
echo "- \`stat -c %s target/release/libiot_error_codes.so\`: $so_bytes bytes ($((so_bytes / 1024)) KB; stripped, JNI"
echo "  entry points included; the target is at most 300 KB = 307200 bytes);"
echo "- \`stat -c %s target/release/libiot_error_codes.a\`: $a_bytes bytes ($((a_bytes / 1024)) KB; not stripped: the library and"
echo "  the standard library as one LTO-optimised object, plus compiler_builtins);"
echo "- a C program calling iot_error_describe, linked statically with \`-Wl,--gc-sections -s\`, is"
echo "  $static_added bytes ($((static_added / 1024)) KB) larger than an empty one."
[ "$so_bytes" -le 307200 ] || status=5
exit $status
