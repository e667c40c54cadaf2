#!/usr/bin/env bash
# Makes a private root of Debian's programs for a foreign CPU, to run them
# under qemu-user (`qemu-aarch64 -L ROOT ROOT/usr/bin/python3.11`), without
# installing anything into the system:
#
#   checks/foreign-root.sh arm64|armhf
#
# prints the root's path, <repository>/target/foreign-root/ARCH (or
# $IOT_FOREIGN_ROOTS/ARCH). The packages (PACKAGES below: a JVM and a CPython
# with what they load) are fetched with `apt-get download` into
# <that folder>/debs-ARCH and unpacked with `dpkg-deb -x`; nothing goes through
# dpkg's database. A second run with the same package versions does nothing.
# The one list of what the foreign roots hold: .ci/run and the checks
# (checks/tests/aarch64.rs) both call this script.
#
# Needs the architecture known to apt: `dpkg --add-architecture ARCH && apt-get
# update` (bash .ci/run does it). Never `apt-get install PKG:ARCH`: a multiarch
# install would upgrade dozens of the host's own packages to match.
#
# Exit status: 0 done, 2 a usage error, 4 apt does not know the architecture
# or cannot fetch (the checks skip, or fail under CI), 1 anything else.
set -euo pipefail
arch=${1:-}
case "$arch" in
  arm64 | armhf) ;;
  *) echo "usage: checks/foreign-root.sh arm64|armhf" >&2; exit 2 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
roots=${IOT_FOREIGN_ROOTS:-$here/../target/foreign-root}
mkdir -p "$roots"
roots=$(cd "$roots" && pwd)
root=$roots/$arch debs=$roots/debs-$arch

# What the root holds, by the program that needs it:
# - the JVM: Debian's headless JRE 17 and the libraries libjvm.so and libjava.so
#   load (the JRE's other dependencies serve AWT, sound, printing, smart cards,
#   which a headless test never loads);
# - CPython 3.11: the interpreter, its standard library and the libraries of
#   the extension modules the binding's tests and pip import (ctypes: libffi;
#   hashlib, ssl: libssl; zipfile: zlib, bz2, lzma; xml: expat), and pip itself
#   as Debian ships it for venvs (python3-pip-whl, one file for every CPU);
# - musl: Alpine's C library, its loader /lib/ld-musl-ARCH.so.1 (musl) and
#   its headers, start files and musl-gcc.specs (musl-dev), with which
#   checks/tests/musl.rs builds the C API test for the CPU and runs it
#   under musl's loader.
PACKAGES=(
  "openjdk-17-jre-headless:$arch" "libc6:$arch" "libgcc-s1:$arch" "libstdc++6:$arch" "zlib1g:$arch"
  "python3.11-minimal:$arch" "libpython3.11-minimal:$arch" "libpython3.11-stdlib:$arch"
  "libexpat1:$arch" "libssl3:$arch" "libffi8:$arch" "libbz2-1.0:$arch" "liblzma5:$arch"
  python3-pip-whl
  "musl:$arch" "musl-dev:$arch"
)

if ! grep -qx "$arch" <<<"$(dpkg --print-foreign-architectures)"; then
  echo "foreign-root.sh: apt does not know the $arch architecture: run" \
    "\`dpkg --add-architecture $arch && apt-get update\` (bash .ci/run does)" >&2
  exit 4
fi
# The files apt would fetch, with their versions: the stamp of an up-to-date root.
if ! uris=$(cd /tmp && apt-get download --print-uris "${PACKAGES[@]}" 2>&1); then
  echo "foreign-root.sh: apt-get download cannot fetch the $arch packages (apt-get update?):" >&2
  echo "$uris" >&2
  exit 4
fi
files=$(awk '{print $2}' <<<"$uris" | sort)
if [ -d "$root" ] && [ "$(cat "$root/.debs" 2>/dev/null)" = "$files" ]; then
  echo "$root"
  exit 0
fi

mkdir -p "$debs"
# Only what is not cached yet; apt-get download checks each file's hash.
missing=()
for file in $files; do [ -f "$debs/$file" ] || missing+=("$file"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "foreign-root.sh: downloading ${#missing[@]} $arch package(s) into $debs" >&2
  if ! (cd "$debs" && apt-get download -q "${PACKAGES[@]}" >&2); then
    echo "foreign-root.sh: apt-get download of the $arch packages failed" >&2
    exit 4
  fi
fi
rm -rf "$root.new"
mkdir -p "$root.new"
for file in $files; do dpkg-deb -x "$debs/$file" "$root.new"; done
# Debian's python3.11 looks for its standard library by the executable's path;
# the root also gets the name `python3` for it.
ln -sf python3.11 "$root.new/usr/bin/python3"
echo "$files" >"$root.new/.debs"
rm -rf "$root"
mv "$root.new" "$root"
# Old versions of the packages are dropped from the cache.
for file in "$debs"/*.deb; do
  grep -qxF "$(basename "$file")" <<<"$files" || rm -f "$file"
done
echo "$root"
