"""Finding and loading the native library, and declaring its C functions.

The package is ctypes over the C ABI of ``include/iot_error_codes.h``; this
module is the only one that knows where the library lives and what its
functions take and return. Everything else calls :data:`load`'s result.
"""

from __future__ import annotations

import ctypes
import os
import sys

#: The environment variable naming the library file to load instead of searching.
LIBRARY_ENV_VAR = "IOT_ERROR_CODES_LIBRARY"

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
# bindings/python/iot_error_codes -> the repository root, when run from a checkout.
_CHECKOUT_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(_PACKAGE_DIR)))

if sys.platform == "win32":
    _FILE_NAME = "iot_error_codes.dll"
elif sys.platform == "darwin":
    _FILE_NAME = "libiot_error_codes.dylib"
else:
    _FILE_NAME = "libiot_error_codes.so"

_c_str = ctypes.c_char_p
_size = ctypes.c_size_t
_int = ctypes.c_int
_entry = ctypes.c_void_p

# name: (restype, argtypes), for every function of the header the package uses
# (tests/test_native.py compares them with the header's prototypes).
# A c_char_p restype turns the library's static strings into bytes (NULL: None).
_PROTOTYPES = {
    "iot_error_describe_n": (_c_str, [_c_str, _size]),
    "iot_error_describe_lang": (_c_str, [_c_str, _c_str]),
    "iot_error_language": (_c_str, [_c_str]),
    "iot_error_name_n": (_c_str, [_c_str, _size]),
    "iot_error_category_n": (_int, [_c_str, _size]),
    "iot_error_category_name": (_c_str, [_int]),
    "iot_error_status_n": (_int, [_c_str, _size]),
    "iot_error_status_name": (_c_str, [_int]),
    "iot_error_http_status_n": (_int, [_c_str, _size]),
    "iot_error_is_retryable_n": (_int, [_c_str, _size]),
    "iot_error_count": (_size, []),
    "iot_error_code_at": (_c_str, [_size]),
    "iot_error_catalog_version": (_c_str, []),
    "iot_error_version": (_c_str, []),
    # The catalogs (src/ffi/catalogs.rs): an entry is an opaque pointer (an int, NULL: None).
    "iot_error_catalog": (_c_str, [_size]),
    "iot_error_catalog_source": (_c_str, [_c_str]),
    "iot_error_entry": (_entry, [_c_str, _c_str]),
    "iot_error_entry_at": (_entry, [_c_str, _size]),
    "iot_error_entry_code": (_c_str, [_entry]),
    "iot_error_entry_name": (_c_str, [_entry]),
    "iot_error_entry_category": (_int, [_entry]),
    "iot_error_entry_status": (_int, [_entry]),
    "iot_error_entry_http_status": (_int, [_entry]),
    "iot_error_entry_is_retryable": (_int, [_entry]),
    "iot_error_entry_describe": (_c_str, [_entry, _c_str]),
    "iot_error_entry_hint": (_c_str, [_entry, _c_str]),
}

_HOW_TO_BUILD = (
    "Install the package with `pip install ./bindings/python` (which builds the "
    "library into it), or build the library with `cargo build --release` in the "
    f"repository, or set {LIBRARY_ENV_VAR} to the path of {_FILE_NAME}."
)


def _bundled_libraries() -> list[str]:
    """The library file inside the package, under its platform name (as the
    wheel and ``pip install`` put it there, or a hand copy), if it is there."""
    path = os.path.join(_PACKAGE_DIR, _FILE_NAME)
    return [path] if os.path.isfile(path) else []


def _checkout_libraries() -> list[str]:
    """``target/release`` then ``target/debug`` of the repository, when the
    package is being run from a checkout (no other location has a Cargo.toml there)."""
    if not os.path.isfile(os.path.join(_CHECKOUT_ROOT, "Cargo.toml")):
        return []
    target = os.path.join(_CHECKOUT_ROOT, "target")
    return [os.path.join(target, profile, _FILE_NAME) for profile in ("release", "debug")]


def _declare(lib: ctypes.CDLL) -> None:
    """Sets ``restype`` and ``argtypes`` of every function the package calls.
    Raises ImportError naming the first function ``lib`` lacks."""
    for name, (restype, argtypes) in _PROTOTYPES.items():
        try:
            function = getattr(lib, name)
        except AttributeError:
            raise ImportError(f"has no function {name}, so it is not a compatible iot_error_codes library") from None
        function.restype = restype
        function.argtypes = argtypes


def _open(path: str, tried: list[str], label: str | None = None) -> ctypes.CDLL | None:
    """The library at ``path`` with its functions declared, or None after adding
    why not (it does not load, or lacks a function) to ``tried`` under ``label``
    (default: the path). A stale or foreign library does not end the search."""
    try:
        lib = ctypes.CDLL(path)
        _declare(lib)
    except (OSError, ImportError) as e:
        tried.append(f"{label or path}: {e}")
        return None
    return lib


def load() -> tuple[ctypes.CDLL, str]:
    """Loads the library and declares its functions; returns it and the path it
    came from (absolute, except for the name find_library gives).

    Order: the file named by ``IOT_ERROR_CODES_LIBRARY`` (if set, nothing else is
    tried, so a wrong setting is an error rather than silently ignored; a
    relative path, even a bare file name, is taken from the working directory);
    the library inside the package; the checkout's ``target/release`` then
    ``target/debug``; ``ctypes.util.find_library("iot_error_codes")``. A file
    that does not load or lacks a function the package calls (a stale build, say)
    is passed over for the next place.

    Raises ImportError listing every place tried, and how to build the library,
    when none loads.
    """
    override = os.environ.get(LIBRARY_ENV_VAR)
    if override:
        path = os.path.abspath(override)
        try:
            lib = ctypes.CDLL(path)
        except OSError as e:
            raise ImportError(
                f"cannot load the iot_error_codes library from {LIBRARY_ENV_VAR}={override} ({path}): {e}. "
                f"Point {LIBRARY_ENV_VAR} at a built {_FILE_NAME} (`cargo build --release` makes "
                f"target/release/{_FILE_NAME}), or unset it to use the library inside the package."
            ) from None
        try:
            _declare(lib)
        except ImportError as e:
            raise ImportError(f"{LIBRARY_ENV_VAR}={override}: {path} {e}. {_HOW_TO_BUILD}") from None
        return lib, path

    tried: list[str] = []
    bundled = _bundled_libraries()
    if not bundled:
        tried.append(f"{_PACKAGE_DIR}: no {_FILE_NAME} inside the package")
    for path in bundled + _checkout_libraries():
        if not os.path.isfile(path):
            tried.append(f"{path}: no such file")
            continue
        lib = _open(path, tried)
        if lib is not None:
            return lib, path

    # Imported here, not at the top: ctypes.util imports subprocess, which slows every import.
    from ctypes.util import find_library

    found = find_library("iot_error_codes")
    if found is None:
        tried.append('ctypes.util.find_library("iot_error_codes"): not found')
    else:
        lib = _open(found, tried, f'ctypes.util.find_library("iot_error_codes") -> {found}')
        if lib is not None:
            return lib, found

    raise ImportError(
        f"cannot find the iot_error_codes native library ({LIBRARY_ENV_VAR} is not set). Tried:\n  "
        + "\n  ".join(tried)
        + "\n"
        + _HOW_TO_BUILD
    )
