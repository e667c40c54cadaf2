#!/usr/bin/env bash
# Builds the C library for one Rust target into a folder: the one place that
# knows how (install.sh, dist.sh, the JAR, the AAR and the wheels only name a
# target and a folder).
#
#   capi/build-lib.sh [--target TRIPLE] [--bundle] [--debug-info] [--c-only] --out DIR
#   capi/build-lib.sh --print abi|soname|version
#
# writes
#   DIR/libiot_error_codes.a          the static library
#   DIR/libiot_error_codes.so.X.Y.Z   the shared library, SONAME libiot_error_codes.so.ABI,
#                                     as a system installs it (install.sh, dist.sh)
# or, with --bundle, DIR/libiot_error_codes.so with SONAME libiot_error_codes.so:
# a library that a JAR, an AAR or a wheel carries and loads by its path.
# For a Windows or macOS target (lib dll or dylib in capi/targets.tsv) it
# writes, with or without --bundle (a DLL has no SONAME; a dylib is found by
# its @rpath id):
#   DIR/iot_error_codes.dll           the DLL: no imports, no PDB, exports the
#   DIR/iot_error_codes.dll.lib       C API and JNI by name; its import library
# (no static library: rustc's MSVC archive names its member by the build
# path, so it would differ from one checkout to another), or
#   DIR/libiot_error_codes.dylib      id @rpath/libiot_error_codes.dylib, loads
#                                     only libSystem (capi/libSystem.tbd), signed ad hoc
#   DIR/libiot_error_codes.a          the static library
# The shared library's path is printed on standard output; all else goes to
# standard error.
#
# ABI is the part of the version that changes on an incompatible release:
# MAJOR, or 0.MINOR while MAJOR is 0 (Cargo's semver rule). `--print` answers
# with it, the SONAME or the version, and builds nothing.
#
# How: cargo builds the capi package's staticlib, link-time optimised, for the
# target (default: this machine's; a target rustup has no standard library
# for, such as OpenWrt's tier-3 MIPS, with nightly -Z build-std=core, as the
# table of targets capi/targets.tsv says; on
# 32-bit ARM without the unwind tables, see below); rust-lld, which ships with Rust, links it
# again into the shared library with the version script
# capi/libiot_error_codes.map, so that every exported function carries its
# version node (api/c-symbols.tsv) and all else is local. The library imports
# nothing, so no C cross compiler or sysroot is needed for any target; where
# rust-lld is missing, cc links for this machine. For Windows and macOS
# rust-lld links as lld-link and as ld64 (see "the shared library" below),
# exporting the same list of names, read from the version script.
#
# --debug-info keeps the DWARF and the symbol table (the ABI check reads them);
# without it the library is stripped. --c-only builds the C library alone: the
# capi package without its default jni feature, exporting the header's
# functions only (the version script without the JNI entry points), which is
# what the ABI check (xtask/src/abi.rs) describes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
map=$here/libiot_error_codes.map
header=$root/include/iot_error_codes.h

target= out= bundle= debug= c_only= print=
while [ $# -gt 0 ]; do
  case "$1" in
    --target) target=${2:?--target needs a Rust target triple}; shift 2 ;;
    --target=*) target=${1#--target=}; shift ;;
    --out) out=${2:?--out needs a directory}; shift 2 ;;
    --out=*) out=${1#--out=}; shift ;;
    --bundle) bundle=1; shift ;;
    --debug-info) debug=1; shift ;;
    --c-only) c_only=1; shift ;;
    --print) print=${2:?--print needs abi, soname or version}; shift 2 ;;
    -h|--help) sed -n '2,/^set -e/{/^set -e/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    *) echo "build-lib.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

# --- the version rule -----------------------------------------------------------
# The version, from the header's generated macros (checked against Cargo.toml
# by the header_macros check).
macro() { sed -n "s/^#define IOT_ERROR_$1 \"\{0,1\}\([^\" ]*\)\"\{0,1\}\$/\1/p" "$header"; }
version=$(macro VERSION_STRING) major=$(macro VERSION_MAJOR) minor=$(macro VERSION_MINOR)
if [ "$major" = 0 ]; then abi="0.$minor"; else abi="$major"; fi
soname="libiot_error_codes.so.$abi"
case "$print" in
  '') ;;
  abi) echo "$abi"; exit 0 ;;
  soname) echo "$soname"; exit 0 ;;
  version) echo "$version"; exit 0 ;;
  *) echo "build-lib.sh: --print takes abi, soname or version, not $print" >&2; exit 2 ;;
esac
[ -n "$out" ] || { echo "build-lib.sh: --out DIR is required (see --help)" >&2; exit 2; }

host=$(rustc -vV | sed -n 's/^host: //p')
target=${target:-$host}
# The format linked below is what the `lib` column of capi/targets.tsv says:
# dll (PE, Windows), dylib (Mach-O, macOS), else ELF. Another Windows or Apple
# target (windows-gnu would want mingw's conventions, iOS an SDK's) is not
# linked here, as ELF or otherwise.
lib=$("$here/targets.sh" "triple=$target" -- lib)
case ",$lib," in
  *,dll,*) format=pe ;;
  *,dylib,*) format=macho ;;
  *)
    format=elf
    case "$target" in
      *-windows-* | *-apple-*)
        echo "build-lib.sh: of Windows and Apple targets, only the rows of capi/targets.tsv with lib dll or dylib are linked here, not $target" >&2
        exit 2 ;;
    esac ;;
esac

# --- the staticlib ----------------------------------------------------------------
# Where the target's `core` comes from is the `core` column of capi/targets.tsv:
# rustup (a target not installed is added), or build-std, a target rustup has
# no standard library for (a tier-3 target such as OpenWrt's MIPS), for which
# the nightly toolchain builds `core` from its rust-src (-Z build-std=core):
# the library needs nothing else of Rust's standard library. A target the
# table says rustup|build-std of (rustup has it, but a mirror may refuse it),
# or one not in the table (install.sh --target), takes rustup's where it can
# be had, else nightly's.
# (Lists are matched with here-strings, not piped into `grep -q`: under
# pipefail a writer that grep stops reading kills with SIGPIPE would make the
# match fail.)
core=$("$here/targets.sh" "triple=$target" -- core)
libdir=$(rustc --print target-libdir --target "$target" 2>/dev/null) || libdir=
has_core() { compgen -G "$libdir/libcore-*.rlib" >/dev/null; }
cargo_cmd=(cargo)
if [ "$core" != build-std ] && ! has_core; then
  if ! grep -qx -- "$target" <<<"$(rustc --print target-list)"; then
    echo "build-lib.sh: $target is not a Rust target (rustc --print target-list)" >&2
    exit 1
  fi
  if ! command -v rustup >/dev/null; then
    echo "build-lib.sh: the Rust target $target is not installed, and there is no rustup to add it" >&2
    exit 1
  fi
  # `rustup target list` names every target rustup has a standard library for.
  if grep -q "^$target\b" <<<"$(rustup target list 2>/dev/null)"; then
    echo "build-lib.sh: the Rust target $target is not installed; running: rustup target add $target" >&2
    rustup target add "$target" >&2 || echo "build-lib.sh: rustup could not add $target" >&2
  fi
  libdir=$(rustc --print target-libdir --target "$target" 2>/dev/null) || libdir=
  if ! has_core && [ "$core" = rustup ]; then
    echo "build-lib.sh: no standard library for $target: \`rustup target add $target\` failed" \
      "(capi/targets.tsv says rustup has one)" >&2
    exit 1
  fi
fi
if [ "$core" = build-std ] || ! has_core; then
  echo "build-lib.sh: no standard library for $target from rustup: building core with nightly -Z build-std=core" >&2
  # (A failing command substitution in an assignment would end the script under set -e.)
  nightly_sysroot=$(rustup run nightly rustc --print sysroot 2>/dev/null) || nightly_sysroot=
  nightly_src="$nightly_sysroot/lib/rustlib/src/rust/library/core"
  if [ ! -d "$nightly_src" ] && ! rustup component add rust-src --toolchain nightly >&2; then
    echo "build-lib.sh: no standard library for $target: add it with \`rustup target add $target\`," \
      "or, where rustup has none (a tier-3 target), install nightly with rust-src" \
      "(rustup toolchain install nightly && rustup component add rust-src --toolchain nightly)" >&2
    exit 1
  fi
  # RUSTC, if a caller set it, would name the stable compiler.
  cargo_cmd=(env -u RUSTC -u RUSTDOC rustup run nightly cargo -Z build-std=core)
fi
# A target directory of its own, so that `cargo build`'s target/release is untouched.
# Each variant in its own, so that building one does not rebuild another.
target_dir="${CARGO_TARGET_DIR:-$root/target}/build-lib${debug:+-debug}${c_only:+-c}"
profile_env=()
[ -n "$debug" ] && profile_env=(CARGO_PROFILE_RELEASE_DEBUG=2 CARGO_PROFILE_RELEASE_STRIP=none)
env "${profile_env[@]}" "${cargo_cmd[@]}" rustc --manifest-path "$root/Cargo.toml" -p iot-error-codes-capi --release --lib \
  --locked --crate-type staticlib --target "$target" --target-dir "$target_dir" ${c_only:+--no-default-features} >&2
case "$format" in
  pe) staticlib_name=iot_error_codes.lib ;;
  *) staticlib_name=libiot_error_codes.a ;;
esac
staticlib="$target_dir/$target/release/$staticlib_name"
if [ -n "$c_only" ]; then
  grep -v -E '^ +(Java_|JNI_)' "$map" > "$target_dir/libiot_error_codes-c.map"
  map=$target_dir/libiot_error_codes-c.map
fi
sysroot=$(rustc --print sysroot)
rust_bin="$sysroot/lib/rustlib/$host/bin"

# 32-bit ARM (ARM EHABI): LLVM gives each exported function an unwind-table
# entry (.ARM.exidx), and such an entry carries a reference to the unwinder's
# __aeabi_unwind_cpp_pr0 (an R_ARM_NONE relocation, there to make a static
# link pull the unwinder in), because the functions inlined from Rust's
# prebuilt `core` bring a personality routine along, although nothing in the
# library can unwind (panic = "abort"). Nothing ever unwinds through the
# library either (it calls no one back), so the entries are dropped: with
# them, the .so would import that symbol and the .a would ask a program's
# static link for libgcc's unwinder. rust-objcopy ships with rustc (it
# loads the toolchain's libLLVM from the sysroot's lib/).
case "$target" in
  arm*|thumb*)
    objcopy_bin="$rust_bin/rust-objcopy"
    [ -x "$objcopy_bin" ] || objcopy_bin=$(command -v llvm-objcopy || true)
    if [ -z "$objcopy_bin" ]; then
      echo "build-lib.sh: no rust-objcopy at $rust_bin to drop the ARM unwind tables" >&2
      exit 1
    fi
    arm_staticlib="${staticlib%.a}.noexidx.a"
    LD_LIBRARY_PATH="$sysroot/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$objcopy_bin" \
      --remove-section='.ARM.exidx*' --remove-section='.rel.ARM.exidx*' --remove-section='.ARM.extab*' \
      --strip-symbol=__aeabi_unwind_cpp_pr0 "$staticlib" "$arm_staticlib"
    staticlib=$arm_staticlib
    ;;
esac

# --- the shared library -------------------------------------------------------------
# The one place that knows each format's link: ELF (Linux, Android), PE
# (Windows) and Mach-O (macOS), all by rust-lld. Each exports exactly the
# names of the version script, and pulls nothing else out of the archive
# (compiler_builtins, say) than what they reach.
mkdir -p "$out"
symbols=$(sed -n 's/^    \([A-Za-z_][A-Za-z0-9_]*\);$/\1/p' "$map")
rust_lld="$rust_bin/rust-lld"
need_rust_lld() {
  [ -x "$rust_lld" ] && return
  echo "build-lib.sh: no rust-lld at $rust_lld to link for $target (rustup component add rust-lld?)" >&2
  exit 1
}
case "$format" in
  pe)
    # A DLL with no entry point and no C runtime (/NOENTRY /NODEFAULTLIB:
    # without it lld-link looks for msvcrt.lib), no PDB (/DEBUG:NONE: a PDB's
    # path would be written into the DLL), and a timestamp that is a hash of
    # the content (/Brepro), so that two builds are byte-identical. The
    # module-definition file exports the names undecorated (on 32-bit x86
    # too, where it maps each to its `_name` or `_name@N` symbol: what
    # GetProcAddress and a JVM look up) and makes the import library.
    need_rust_lld
    case "$target" in
      x86_64-*) machine=X64 ;;
      aarch64-*) machine=ARM64 ;;
      i686-*) machine=X86 ;;
      *) echo "build-lib.sh: no Windows machine known for $target" >&2; exit 1 ;;
    esac
    def="$target_dir/iot_error_codes${c_only:+-c}.def"
    { echo "LIBRARY iot_error_codes.dll"; echo "EXPORTS"; printf '  %s\n' $symbols; } > "$def"
    so="$out/iot_error_codes.dll"
    "$rust_lld" -flavor link /DLL /NOENTRY /NODEFAULTLIB /DEBUG:NONE /OPT:REF /OPT:ICF /Brepro \
      "/MACHINE:$machine" "/DEF:$def" "/OUT:$so" "/IMPLIB:$out/iot_error_codes.dll.lib" "$staticlib" >&2
    ;;
  macho)
    # Exported: the names with Mach-O's leading underscore; -x drops the other
    # symbols, -S the debug map (it would name the objects' build paths).
    # The oldest macOS each CPU's Rust target supports (rustc --print
    # deployment-target). lld signs an arm64 image ad hoc by itself (Apple
    # Silicon runs nothing unsigned); x86_64 is asked to (-adhoc_codesign).
    # The id is @rpath/...: a JAR or a wheel loads it by its path, and a
    # program linked with it finds it through its own rpath. Mach-O versions
    # are numbers only: a pre-release suffix (-rc.1) is left out.
    need_rust_lld
    case "$target" in
      aarch64-*) arch=arm64 min_os=11.0 ;;
      x86_64-*) arch=x86_64 min_os=10.12 ;;
      *) echo "build-lib.sh: no macOS CPU known for $target" >&2; exit 1 ;;
    esac
    exported="$target_dir/exported-symbols${c_only:+-c}.txt"
    printf '_%s\n' $symbols > "$exported"
    so="$out/libiot_error_codes.dylib"
    strip_flags=(-x)
    [ -n "$debug" ] || strip_flags+=(-S)
    "$rust_lld" -flavor darwin -dylib -arch "$arch" -platform_version macos "$min_os" "$min_os" \
      -install_name @rpath/libiot_error_codes.dylib -current_version "${version%%-*}" -compatibility_version "$abi" \
      -exported_symbols_list "$exported" -dead_strip "${strip_flags[@]}" -adhoc_codesign \
      -L "$here" -lSystem -o "$so" "$staticlib" >&2
    cp "$staticlib" "$out/libiot_error_codes.a"
    ;;
  *)
    if [ -n "$bundle" ]; then
      so="$out/libiot_error_codes.so" so_soname=libiot_error_codes.so
    else
      so="$out/libiot_error_codes.so.$version" so_soname=$soname
    fi
    # Every exported symbol is pulled out of the archive by name (--undefined).
    flags=(--version-script="$map" --gc-sections --as-needed -z noexecstack -z noseparate-code
      -z max-page-size=16384 -soname="$so_soname")
    # 16 KB pages: Android 15 devices may use them (Google Play requires it of new
    # apps), as do some aarch64 Linux kernels; it costs no size with noseparate-code.
    [ -n "$debug" ] || flags+=(-s)
    for symbol in $symbols; do flags+=(--undefined="$symbol"); done
    if [ -x "$rust_lld" ]; then
      "$rust_lld" -flavor gnu -shared "${flags[@]}" -o "$so" "$staticlib"
    elif [ "$target" = "$host" ]; then
      cc -shared -nostartfiles "${flags[@]/#/-Wl,}" -o "$so" "$staticlib"
    else
      need_rust_lld
    fi
    cp "$staticlib" "$out/libiot_error_codes.a"
    ;;
esac
echo "$so"
