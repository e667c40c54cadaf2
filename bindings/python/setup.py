"""Builds the wheel and the sdist of the Python binding.

The wheel is the pure-Python package plus the Rust C library, as a plain
``iot_error_codes/libiot_error_codes.so`` that ctypes loads: cargo builds the
repository's capi package (which links the library with LTO, as ``cargo
build --release`` does) and, on Linux, ``capi/build-lib.sh --bundle`` links its
staticlib into the shared library with versioned symbols, as install.sh does.
The library uses no Python API, so the wheel fits every Python 3 of its
platform: it is tagged ``py3-none-<platform>`` (``auditwheel repair`` then
turns linux_x86_64 into a manylinux tag; see build-dist.sh).

To build the wheel for another platform, name its Rust target in the
environment variable ``IOT_ERROR_CODES_TARGET`` (e.g.
``IOT_ERROR_CODES_TARGET=aarch64-unknown-linux-gnu pip wheel ...``):
build-lib.sh cross-builds the library for it (rust-lld links it: no C cross
compiler, no Windows or Apple SDK), and the wheel is tagged for that target
instead of this machine, with the tag the table of targets
(``capi/targets.tsv``, its ``wheel`` column) gives it: ``py3-none-linux_<machine>``
for a Linux CPU, ``win_amd64``/``win_arm64`` for Windows and
``macosx_11_0_arm64``/``macosx_10_12_x86_64`` for macOS.
Cross builds are made on Linux only.

The Rust sources are those of the checkout around this directory
(``../../Cargo.toml``), or, in an sdist, the copy of them that the sdist
carries in ``rust/`` (the sdist command puts it there): either way cargo is
all a build needs besides a C linker. Static metadata is in pyproject.toml;
the version is the crate's (``cargo metadata``), so the two cannot drift.
"""

import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CHECKOUT_ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
SDIST_ROOT_NAME = "rust"  # the Rust workspace's copy inside an sdist
SDIST_ROOT = os.path.join(HERE, SDIST_ROOT_NAME)
# What the sdist carries of the workspace: all that `cargo build -p
# iot-error-codes-capi` reads (the workspace manifest and lock file, every
# member's manifest and sources, the catalog data in src/catalog/) and the C header.
RUST_SOURCES = ("Cargo.toml", "Cargo.lock", "build.rs", "src", "capi", "checks/Cargo.toml", "checks/src", "xtask/Cargo.toml",
                "xtask/src", "tests/common", "include")
CAPI_PACKAGE = "iot-error-codes-capi"
#: The Rust target to build the library for, if not this machine's (Linux only).
TARGET_VAR = "IOT_ERROR_CODES_TARGET"
#: The table of targets (capi/targets.tsv, in the sdist too): a target's wheel
#: platform tag (its `wheel` column: linux_<machine>, which build-dist.sh retags
#: manylinux and musllinux, win_amd64, macosx_11_0_arm64...) and the kind of its
#: shared library (`lib`: so, dll or dylib). One wheel per CPU, not a macOS
#: universal2: each wheel then carries its own library only, and pip picks the
#: arm64 or x86_64 one as it picks a Linux CPU's.
TARGETS_TABLE = os.path.join("capi", "targets.tsv")
#: The file a system loads, by the table's kind of shared library.
LIBRARY_FILES = {"so": "libiot_error_codes.so", "dll": "iot_error_codes.dll", "dylib": "libiot_error_codes.dylib"}

if sys.platform == "win32":
    LIBRARY_NAME = "iot_error_codes.dll"
elif sys.platform == "darwin":
    LIBRARY_NAME = "libiot_error_codes.dylib"
else:
    LIBRARY_NAME = "libiot_error_codes.so"


def rust_root() -> str:
    """The Rust workspace to build: the sdist's copy if there is one, else the checkout."""
    for root in (SDIST_ROOT, CHECKOUT_ROOT):
        if os.path.isfile(os.path.join(root, "Cargo.toml")) and os.path.isdir(os.path.join(root, "capi")):
            return root
    # Before importing anything else, so that the message is what a user sees.
    raise SystemExit(
        f"error: {os.path.join(CHECKOUT_ROOT, 'Cargo.toml')} not found, nor {SDIST_ROOT_NAME}/Cargo.toml. "
        "This package builds the Rust library of the repository it sits in, so build it where it sits: "
        "from the root of a checkout, run `pip install ./bindings/python` with pip >= 21.3 (older pip "
        "copies the directory elsewhere first), or install from the sdist (bindings/python/build-dist.sh "
        "makes one), which carries the Rust sources."
    )


ROOT = rust_root()

from setuptools import Distribution, setup  # noqa: E402
from setuptools.command.build_py import build_py as _build_py  # noqa: E402
from setuptools.command.sdist import sdist as _sdist  # noqa: E402

try:
    from setuptools.command.bdist_wheel import bdist_wheel as _bdist_wheel  # setuptools >= 70.1
except ImportError:  # older setuptools: the wheel package's
    from wheel.bdist_wheel import bdist_wheel as _bdist_wheel  # noqa: E402


def cargo() -> str:
    return os.environ.get("CARGO", "cargo")


def cargo_metadata() -> dict:
    """``cargo metadata`` of the workspace (no dependencies; no TOML parsing here:
    the build needs cargo anyway)."""
    command = [cargo(), "metadata", "--no-deps", "--format-version", "1", "--manifest-path"]
    command.append(os.path.join(ROOT, "Cargo.toml"))
    try:
        return json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    except (OSError, subprocess.CalledProcessError) as e:
        detail = getattr(e, "stderr", None) or e
        raise SystemExit(f"error: {' '.join(command)} failed: {detail}") from None


def cargo_package_version() -> str:
    """The version of the workspace's root package, the library's."""
    manifest = os.path.realpath(os.path.join(ROOT, "Cargo.toml"))
    for package in cargo_metadata()["packages"]:
        if os.path.realpath(package["manifest_path"]) == manifest:
            return package["version"]
    raise SystemExit(f"error: cargo metadata lists no package for {manifest}")


def run(command: list, **kwargs) -> None:
    print("running", " ".join(command), flush=True)
    try:
        subprocess.run(command, check=True, **kwargs)
    except (OSError, subprocess.CalledProcessError) as e:
        raise SystemExit(f"error: {' '.join(command)} failed: {e}") from None


def wheel_row(triple: str) -> "tuple[str, str] | None":
    """The table of targets' (wheel tag, shared-library kind) for ``triple``,
    or None if it has no row with a wheel."""
    with open(os.path.join(ROOT, TARGETS_TABLE), encoding="utf-8") as table:
        rows = [line.rstrip("\n").split("\t") for line in table if line.strip() and not line.startswith("#")]
    header = rows[0]
    for row in rows[1:]:
        cells = dict(zip(header, row))
        if cells["triple"] == triple and cells["wheel"] != "-":
            return cells["wheel"], cells["lib"].split(",")[0]
    return None


def target() -> "str | None":
    """The Rust target named by TARGET_VAR, or None for this machine."""
    triple = os.environ.get(TARGET_VAR) or None
    if triple is None:
        return None
    if not sys.platform.startswith("linux"):
        raise SystemExit(f"error: {TARGET_VAR}={triple}: wheels for other targets are built on Linux only")
    if wheel_row(triple) is None:
        raise SystemExit(f"error: {TARGET_VAR}={triple}: {TARGETS_TABLE} has no wheel for it")
    return triple


def platform_tag(triple: str) -> str:
    """The wheel's platform tag for the Rust target ``triple`` (one target() accepted)."""
    return wheel_row(triple)[0]


def library_name(triple: "str | None") -> str:
    """The library's file name in the package for the Rust target ``triple`` (None: this machine)."""
    return LIBRARY_NAME if triple is None else LIBRARY_FILES[wheel_row(triple)[1]]


def build_library(package_dir: str) -> str:
    """Builds the C library into ``package_dir`` under the name its platform
    loads (library_name()); returns its path."""
    os.makedirs(package_dir, exist_ok=True)
    build_lib = os.path.join(ROOT, "capi", "build-lib.sh")
    if sys.platform.startswith("linux"):
        # capi/build-lib.sh --bundle: for Linux, the library install.sh installs
        # (every exported function with its version node, all else local), named
        # and with the SONAME libiot_error_codes.so; for Windows and macOS the
        # DLL or dylib, linked by rust-lld. For this machine or target().
        triple = target()
        name = library_name(triple)
        out = os.path.join(cargo_metadata()["target_directory"], "python-lib", triple or "host")
        run(["bash", build_lib, "--bundle", "--out", out] + (["--target", triple] if triple else []))
        library = os.path.join(package_dir, name)
        shutil.copyfile(os.path.join(out, name), library)
    else:
        if os.environ.get(TARGET_VAR):
            raise SystemExit(f"error: {TARGET_VAR}: wheels for other targets are built on Linux only")
        run([cargo(), "build", "--release", "--lib", "--locked", "-p", CAPI_PACKAGE, "--manifest-path",
             os.path.join(ROOT, "Cargo.toml")])
        release = os.path.join(cargo_metadata()["target_directory"], "release")
        library = os.path.join(package_dir, LIBRARY_NAME)
        shutil.copyfile(os.path.join(release, LIBRARY_NAME), library)
    return library


class build_py(_build_py):
    """build_py, then the C library into the built package (into the source
    package for an editable install)."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            package_dir = os.path.join(HERE, "iot_error_codes")
        else:
            package_dir = os.path.join(self.build_lib, "iot_error_codes")
        build_library(package_dir)


class bdist_wheel(_bdist_wheel):
    """A platform wheel for every Python 3: ``py3-none-<platform>``. The
    library is loaded with ctypes and uses no Python API, so neither the
    interpreter (cp311) nor its ABI constrains it; only the platform does:
    this machine's, or, with IOT_ERROR_CODES_TARGET, that target's (platform_tag())."""

    def finalize_options(self):
        super().finalize_options()
        self.root_is_pure = False  # the package holds a native library

    def get_tag(self):
        _python, _abi, platform = super().get_tag()
        triple = target()
        if triple is not None:
            platform = platform_tag(triple)
        return "py3", "none", platform


class sdist(_sdist):
    """The sdist, with the Rust sources it builds from in ``rust/``: this
    directory is a subdirectory of the workspace, so its files alone could not
    build the library. They are copied into the release tree only, never into
    the source directory."""

    def make_release_tree(self, base_dir, files):
        super().make_release_tree(base_dir, files)
        ignore = shutil.ignore_patterns("target", "__pycache__", "*.pyc")
        for relative in RUST_SOURCES:
            source = os.path.join(ROOT, relative)
            destination = os.path.join(base_dir, SDIST_ROOT_NAME, relative)
            os.makedirs(os.path.dirname(destination), exist_ok=True)
            if os.path.isdir(source):
                shutil.copytree(source, destination, ignore=ignore)
            else:
                shutil.copy2(source, destination)


class BinaryDistribution(Distribution):
    """A distribution with a native part: installed to platlib, not purelib."""

    def has_ext_modules(self):
        return True


setup(
    version=cargo_package_version(),
    distclass=BinaryDistribution,
    cmdclass={"build_py": build_py, "bdist_wheel": bdist_wheel, "sdist": sdist},
)
