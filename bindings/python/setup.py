"""Builds the wheel: the pure-Python package plus the Rust library, compiled by
cargo from the repository's capi package (../../capi/Cargo.toml, which links
the C library with LTO, as `cargo build` does) and copied into the package
as ``iot_error_codes/libiot_error_codes<EXT_SUFFIX>``. Static metadata is in
pyproject.toml; the version is the crate's (cargo metadata), so the two cannot drift."""

import json
import os
import subprocess

CARGO_TOML = os.path.join("..", "..", "Cargo.toml")
# The package that links the C library (with LTO), as `cargo build` does.
CAPI_TOML = os.path.join("..", "..", "capi", "Cargo.toml")

# Before importing anything else, so that the message is what a user sees.
if not os.path.isfile(CARGO_TOML):
    raise SystemExit(
        f"error: {os.path.abspath(CARGO_TOML)} not found. This package builds the Rust library of the "
        "repository it sits in, so it must be built where it sits: from the root of a checkout, run "
        "`pip install ./bindings/python` with pip >= 21.3 (older pip copies the source elsewhere "
        "first, and an sdist has no Rust sources)."
    )

from setuptools import setup  # noqa: E402
from setuptools_rust import Binding, RustExtension  # noqa: E402


def cargo_package_version() -> str:
    """The version of the crate of ../../Cargo.toml, as cargo reads it (no
    TOML parsing here): the build needs cargo anyway."""
    cargo = os.environ.get("CARGO", "cargo")
    command = [cargo, "metadata", "--no-deps", "--format-version", "1", "--manifest-path", CARGO_TOML]
    try:
        metadata = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    except (OSError, subprocess.CalledProcessError) as e:
        raise SystemExit(f"error: {' '.join(command)} failed, so the version is unknown: {e}") from None
    manifest = os.path.realpath(CARGO_TOML)
    for package in metadata["packages"]:
        if os.path.realpath(package["manifest_path"]) == manifest:
            return package["version"]
    raise SystemExit(f"error: cargo metadata lists no package for {manifest}")


setup(
    version=cargo_package_version(),
    rust_extensions=[
        # NoBinding: the crate is a plain C-ABI cdylib, loaded with ctypes.
        RustExtension(
            "iot_error_codes.libiot_error_codes",
            path=CAPI_TOML,
            binding=Binding.NoBinding,
            py_limited_api=False,
        )
    ],
)
