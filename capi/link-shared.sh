#!/usr/bin/env bash
# Links libiot_error_codes.so from the static library, with symbol versions:
#
#   capi/link-shared.sh [--target TRIPLE] [--soname NAME] [--linker CMD] [--map FILE] [--keep-debug] STATICLIB OUT
#
# rustc gives a cdylib a version script of its own, and a second one passed
# with -Wl,--version-script is ignored, so cargo's target/*/libiot_error_codes.so
# has unversioned symbols. The library that is installed or shipped (install.sh,
# the JAR, the wheel, dist) is this one instead: the staticlib (the same
# link-time-optimised code) linked again with capi/libiot_error_codes.map, so
# that every exported function carries its version node
# (IOT_ERROR_CODES_<ABI>, see api/c-symbols.tsv) and everything else is local.
#
# The library imports nothing from libc, so any ELF linker for the target
# works: cc by default; --linker names another (aarch64-linux-gnu-gcc, or
# "rust-lld -flavor gnu" where no C cross compiler is installed).
#
# The ABI check (xtask/src/abi.rs) links its debug-info build with two more
# options: --map names another version script (the header's functions only),
# and --keep-debug keeps the debug information that is otherwise stripped.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
map=$here/libiot_error_codes.map
soname=
linker=cc
strip=-s
while [ $# -gt 2 ]; do
  case "$1" in
    --soname) soname=$2; shift 2 ;;
    --linker) linker=$2; shift 2 ;;
    --map) map=$2; shift 2 ;;
    --keep-debug) strip=; shift ;;
    --target) shift 2 ;; # accepted for symmetry with install.sh; the linker decides
    *) echo "link-shared.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ $# -eq 2 ] || { echo "usage: capi/link-shared.sh [--soname NAME] [--linker CMD] [--map FILE] [--keep-debug] STATICLIB OUT" >&2; exit 2; }
staticlib=$1 out=$2

# Every exported symbol is pulled out of the archive by name (-u), so that
# nothing else of it (compiler_builtins, say) is linked in.
symbols=$(sed -n 's/^    \([A-Za-z_][A-Za-z0-9_]*\);$/\1/p' "$map")
flags=(--version-script="$map" --gc-sections --as-needed -z noexecstack -z noseparate-code ${strip:+"$strip"})
[ -n "$soname" ] && flags+=(-soname="$soname")
for symbol in $symbols; do flags+=(--undefined="$symbol"); done
if [[ $linker == *lld* ]]; then
  # shellcheck disable=SC2086 # $linker may be "rust-lld -flavor gnu"
  $linker -shared "${flags[@]}" -o "$out" "$staticlib"
else
  $linker -shared -nostartfiles "${flags[@]/#/-Wl,}" -o "$out" "$staticlib"
fi
