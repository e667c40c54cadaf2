#!/usr/bin/env bash
# Writes every artifact of a release into <target dir>/dist/, with SHA256SUMS:
#
#   ./dist.sh
#
#   libiot_error_codes.so.X.Y.Z     the shared library (x86-64 Linux): SONAME
#                                   libiot_error_codes.so.ABI, symbols versioned
#                                   (capi/build-lib.sh)
#   libiot_error_codes.a            the static library
#   iot_error_codes.h               the header
#   iot_error_codes-X.Y.Z-man.tar.gz
#                                   the manual pages, man3/*.3: unpack into a man
#                                   directory (tar xzf ... -C /usr/local/share/man)
#   iot_error_codes-X.Y.Z-py3-none-manylinux*.musllinux_1_1_<cpu>.whl, iot_error_codes-X.Y.Z.tar.gz
#                                   the Python wheels (every CPython 3; glibc and
#                                   musl) for x86_64, aarch64 and armv7l, and the
#                                   sdist (bindings/python/build-dist.sh)
#   iot_error_codes-X.Y.Z-py3-none-win_amd64.whl, ...-win_arm64.whl,
#   ...-macosx_11_0_arm64.whl, ...-macosx_10_12_x86_64.whl
#                                   the wheels for Windows and macOS, each with its
#                                   DLL or dylib (cross-built here)
#   iot-error-codes-X.Y.Z.jar       the Java binding with the linux-x86_64,
#                                   linux-aarch64, linux-arm, windows-x86_64,
#                                   windows-aarch64, macos-aarch64 and macos-x86_64
#                                   libraries, and beside it for a Maven repository
#   iot-error-codes-X.Y.Z-sources.jar, iot-error-codes-X.Y.Z-javadoc.jar, iot-error-codes-X.Y.Z.pom
#                                   (bindings/java/build.sh release)
#   iot_error_codes-X.Y.Z-windows-x86_64.zip, iot_error_codes-X.Y.Z-windows-aarch64.zip
#                                   for C and C++ on Windows: the DLL, its import
#                                   library, the header and capi/README-windows.txt
#   iot-error-codes-android-X.Y.Z.aar, iot-error-codes-android-X.Y.Z.pom
#                                   the Android library for arm64-v8a, armeabi-v7a, x86
#                                   and x86_64, and its Maven POM (bindings/android/build-aar.sh)
#   iot-error-codes-X.Y.Z.crate     the Rust crate (cargo package)
#   SHA256SUMS                      `sha256sum -c SHA256SUMS` checks them all
#
# The README's "Installing" section starts from these files. Needs what the
# pieces need: cargo and the Rust targets of the JAR, the wheels and the AAR
# (rustup adds a missing one), cc, a JDK, python3 with pip and PyPI (the
# packaging tools are installed into a private virtual environment by
# build-dist.sh).
#
# Reproducible: every archive's entries are sorted and carry one time, the
# release's: SOURCE_DATE_EPOCH if set, else the last commit's (release/archive.py),
# so that two checkouts of one commit write the same bytes, wherever and
# whenever they run (docs/building.md, "Verifying a release").
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
target_dir=${CARGO_TARGET_DIR:-$root/target}
dist=$target_dir/dist
header=$root/include/iot_error_codes.h
version=$("$root/capi/build-lib.sh" --print version)
archive=$root/release/archive.py
# One time for every tool that stamps one (setuptools, wheel, auditwheel, and archive.py).
SOURCE_DATE_EPOCH=$("$archive" epoch)
export SOURCE_DATE_EPOCH

rm -rf "$dist"
mkdir -p "$dist"

# The C library.
"$root/capi/build-lib.sh" --out "$dist" >/dev/null
cp "$header" "$dist/"

# The manual pages, as one tarball of man3/: that directory is what a man
# directory holds and what the link pages' `.so man3/<page>.3` names, and a
# page per function as loose files would crowd this directory and SHA256SUMS.
# Sorted, with no times, owners or umask, so that its checksum depends on the pages only.
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --mode=u=rwX,go=rX -C "$root/man" -cf - man3 |
  gzip -n > "$dist/iot_error_codes-$version-man.tar.gz"

# Python: the wheels and the sdist.
"$root/bindings/python/build-dist.sh" "$dist"

# Java: the JAR with its libraries, its sources and javadoc JARs and its POM.
CARGO_TARGET_DIR="$target_dir" "$root/bindings/java/build.sh" release "$dist" >/dev/null

# C and C++ on Windows: a zip per CPU with the DLL, its import library, the header and how to link:
# the shipped DLLs of the table of targets (a jar folder, windows-x86_64, names the zip too).
while IFS=$'\t' read -r triple platform; do
  name=iot_error_codes-$version-$platform
  folder=$target_dir/windows-zip/$name
  rm -rf "$folder"
  mkdir -p "$folder"
  CARGO_TARGET_DIR="$target_dir" "$root/capi/build-lib.sh" --target "$triple" --bundle \
    --out "$target_dir/windows-zip/lib-$platform" >/dev/null
  cp "$target_dir/windows-zip/lib-$platform/iot_error_codes.dll" \
    "$target_dir/windows-zip/lib-$platform/iot_error_codes.dll.lib" "$header" "$folder/"
  cp "$root/capi/README-windows.txt" "$folder/README.txt"
  "$archive" zip "$dist/$name.zip" "$folder"
done < <("$root/capi/targets.sh" 'lib~dll' 'jar!=-' -- triple jar)

# Android: the AAR and its POM.
CARGO_TARGET_DIR="$target_dir" "$root/bindings/android/build-aar.sh" "$dist" >/dev/null

# Rust: the crate as crates.io would get it (cargo package builds it on its own first).
cargo package --manifest-path "$root/Cargo.toml" -p iot-error-codes --allow-dirty --quiet --target-dir "$target_dir"
cp "$target_dir/package/iot-error-codes-$version.crate" "$dist/"

# Every archive's entries in one order with the release's time (the .crate is cargo's own, already so).
(cd "$dist" && "$archive" normalize ./*.whl ./*.tar.gz ./*.jar ./*.aar ./*.zip)
(cd "$dist" && sha256sum -- * > SHA256SUMS)
echo "wrote $dist:" >&2
(cd "$dist" && ls -l) >&2
