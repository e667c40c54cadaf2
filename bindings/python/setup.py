"""Builds the wheel: the pure-Python package plus the Rust library, compiled by
cargo from the repository root (../../Cargo.toml) and copied into the package
as ``iot_error_codes/libiot_error_codes<EXT_SUFFIX>``. Static metadata is in
pyproject.toml; the version is Cargo.toml's, so the two cannot drift."""

import os
import re

from setuptools import setup
from setuptools_rust import Binding, RustExtension

CARGO_TOML = os.path.join("..", "..", "Cargo.toml")


def cargo_package_version() -> str:
    """The ``version`` of Cargo.toml's ``[package]`` table."""
    with open(CARGO_TOML, encoding="utf-8") as f:
        package = f.read().split("[package]", 1)[1].split("\n[", 1)[0]
    found = re.search(r'^version\s*=\s*"([^"]+)"', package, re.MULTILINE)
    if found is None:
        raise SystemExit(f"{CARGO_TOML}: no version in [package]")
    return found.group(1)


setup(
    version=cargo_package_version(),
    rust_extensions=[
        # NoBinding: the crate is a plain C-ABI cdylib, loaded with ctypes.
        RustExtension(
            "iot_error_codes.libiot_error_codes",
            path=CARGO_TOML,
            binding=Binding.NoBinding,
            py_limited_api=False,
        )
    ],
)
