//! The C ABI of catalogs (docs/catalogs.md): a catalog named by its id, the
//! static entry of a code in it, and the accessors that read an entry. One
//! small addition instead of a copy of every function: the functions of the
//! parent module are the default catalog, and stay so.

use core::ffi::{c_char, c_int};

use super::{c_ptr, c_str_prefix, language};
use crate::catalog::{Entry, CODE, NAME};
use crate::catalogs::{Catalog, CATALOG_ID_MAX_LEN};
use crate::panic::ffi_boundary;
use crate::status::Status;

/// An entry of a catalog: one code, with its name, category, status, texts
/// and hint. Opaque: read it with the iot_error_entry_*() functions. Every
/// entry is static data of the library; never free one.
pub struct IotErrorEntry {
    _opaque: [u8; 0],
}

/// The catalog whose id is the NUL-terminated string at `id`, reading at most
/// `CATALOG_ID_MAX_LEN + 1` bytes of it.
///
/// # Safety
/// `id` is NULL, or readable up to its NUL or `CATALOG_ID_MAX_LEN + 1` bytes.
#[inline(never)]
unsafe fn catalog(id: *const c_char) -> Option<Catalog> {
    // SAFETY: forwarded from the caller.
    unsafe { c_str_prefix(id, CATALOG_ID_MAX_LEN + 1) }.and_then(Catalog::from_id_bytes)
}

fn entry_ptr(entry: Option<&'static Entry>) -> *const IotErrorEntry {
    entry.map_or(core::ptr::null(), |e| (e as *const Entry).cast())
}

/// The library's own entry at `entry`, or `None` for NULL or any other
/// pointer: checked by address against every catalog's entries, never read
/// before it is found among them. Not inlined: one copy serves every accessor.
#[inline(never)]
fn entry(entry: *const IotErrorEntry) -> Option<&'static Entry> {
    let entry = entry.cast::<Entry>();
    Catalog::ALL
        .into_iter()
        .find_map(|c| Some(&c.entries()[c.position(entry)?]))
}

/// The id of the catalog at `index`: 0 is the default catalog, "uws-v1.3.0",
/// whose codes every function without a catalog argument answers; then the
/// others in the order they were added, "uws-common-2021-04-05" at 1. Ids
/// never change; a later release only appends catalogs.
///
/// Returns a static string (never free it), or NULL when `index` is past the
/// last catalog.
#[no_mangle]
pub extern "C" fn iot_error_catalog(index: usize) -> *const c_char {
    ffi_boundary!(core::ptr::null(), {
        Catalog::ALL
            .get(index)
            .map_or(core::ptr::null(), |c| c_ptr(c.id_with_nul()))
    })
}

/// Where the table of the catalog `catalog` comes from (the vendor's
/// document, or its repository, file and commit), for people.
///
/// `catalog` is an id as iot_error_catalog() gives it, matched exactly.
/// At most 64 bytes of it are read.
///
/// Returns a static string (never free it), or NULL when `catalog` is NULL
/// or not a catalog's id.
///
/// # Safety
/// `catalog` is NULL or a string readable up to its NUL or 64 bytes,
/// whichever comes first.
#[no_mangle]
pub unsafe extern "C" fn iot_error_catalog_source(catalog: *const c_char) -> *const c_char {
    ffi_boundary!(core::ptr::null(), {
        // SAFETY: forwarded from the caller.
        unsafe { self::catalog(catalog) }.map_or(core::ptr::null(), |c| c_ptr(c.source_with_nul()))
    })
}

/// The entry of a retCode in the catalog `catalog`, e.g.
/// `iot_error_entry("uws-common-2021-04-05", "Y00001")`.
///
/// `catalog` is an id as iot_error_catalog() gives it, matched exactly; at
/// most 64 bytes of it are read. `code` is matched as in iot_error_describe()
/// (exactly or ASCII case-insensitively; "G20903" finds "20903"), reading at
/// most IOT_ERROR_CODE_MAX_LEN + 1 bytes. A code is found only in the
/// catalogs whose table has it.
///
/// Returns a pointer to a static entry (never free it; valid for the life of
/// the process, safe to share between threads), or NULL when `catalog` or
/// `code` is NULL, `catalog` is not a catalog's id, or `code` is not in that
/// catalog.
///
/// # Safety
/// `catalog` is NULL or a string readable up to its NUL or 64 bytes; `code`
/// as for iot_error_describe().
#[no_mangle]
pub unsafe extern "C" fn iot_error_entry(catalog: *const c_char, code: *const c_char) -> *const IotErrorEntry {
    ffi_boundary!(core::ptr::null(), {
        // SAFETY: forwarded from the caller.
        let catalog = unsafe { self::catalog(catalog) };
        // SAFETY: forwarded from the caller.
        let code = catalog.and_then(|_| unsafe { c_str_prefix(code, crate::MAX_CODE_LEN + 1) });
        entry_ptr(catalog.zip(code).and_then(|(c, code)| c.lookup_bytes(code)))
    })
}

/// The entry at `index` in the catalog `catalog`, in the order of its table,
/// for listing a catalog: from 0 until it returns NULL.
///
/// Returns a pointer to a static entry (never free it), or NULL when
/// `catalog` is NULL or not a catalog's id, or `index` is past its last entry.
///
/// # Safety
/// `catalog` is NULL or a string readable up to its NUL or 64 bytes,
/// whichever comes first.
#[no_mangle]
pub unsafe extern "C" fn iot_error_entry_at(catalog: *const c_char, index: usize) -> *const IotErrorEntry {
    ffi_boundary!(core::ptr::null(), {
        // SAFETY: forwarded from the caller.
        entry_ptr(unsafe { self::catalog(catalog) }.and_then(|c| c.entries().get(index)))
    })
}

/// The code of an entry as its catalog's table spells it, e.g. "D00004" (or "20903").
///
/// `entry` is a pointer that iot_error_entry() or iot_error_entry_at()
/// returned. Any other pointer is recognised by its address, without reading
/// it, and answered as NULL is (so are those of every iot_error_entry_*()
/// function).
///
/// Returns a static string (never free it), or NULL when `entry` is NULL or
/// not an entry.
#[no_mangle]
pub extern "C" fn iot_error_entry_code(entry: *const IotErrorEntry) -> *const c_char {
    ffi_boundary!(core::ptr::null(), {
        self::entry(entry).map_or(core::ptr::null(), |e| c_ptr(e.field(CODE)))
    })
}

/// The symbolic name of an entry, e.g. "TOKEN_EXPIRED": UPPER_SNAKE_CASE,
/// one meaning in every catalog (the common table's "G20904" is
/// "BINDING_LIMIT_EXCEEDED", V1.3.0's "DEVICE_ALREADY_BOUND").
///
/// Returns a static string (never free it), or NULL when `entry` is NULL or
/// not an entry (see iot_error_entry_code()).
#[no_mangle]
pub extern "C" fn iot_error_entry_name(entry: *const IotErrorEntry) -> *const c_char {
    ffi_boundary!(core::ptr::null(), {
        self::entry(entry).map_or(core::ptr::null(), |e| c_ptr(e.field(NAME)))
    })
}

/// The category of an entry: an IOT_ERROR_CATEGORY_* value, named by
/// iot_error_category_name().
///
/// Returns the category, or IOT_ERROR_CATEGORY_UNKNOWN (0) when `entry` is
/// NULL or not an entry (see iot_error_entry_code()).
#[no_mangle]
pub extern "C" fn iot_error_entry_category(entry: *const IotErrorEntry) -> c_int {
    ffi_boundary!(0, { self::entry(entry).map_or(0, |e| e.category().number()) })
}

/// The canonical status of an entry: an IOT_ERROR_STATUS_* value, as
/// iot_error_status() gives it for a code of the default catalog; its name,
/// HTTP status and whether to retry follow from it as there.
///
/// Returns the status, or -1 when `entry` is NULL or not an entry (see
/// iot_error_entry_code()).
#[no_mangle]
pub extern "C" fn iot_error_entry_status(entry: *const IotErrorEntry) -> c_int {
    ffi_boundary!(-1, { self::entry(entry).map_or(-1, |e| Status::number(e.status())) })
}

/// The HTTP status that gRPC's mapping gives an entry's status, as
/// iot_error_http_status() gives it for a code of the default catalog.
///
/// Returns the HTTP status, or 0 when `entry` is NULL or not an entry (see
/// iot_error_entry_code()).
#[no_mangle]
pub extern "C" fn iot_error_entry_http_status(entry: *const IotErrorEntry) -> c_int {
    ffi_boundary!(0, { self::entry(entry).map_or(0, |e| c_int::from(e.http_status())) })
}

/// Whether the request that got an entry's code may succeed if sent again
/// later, with backoff, as iot_error_is_retryable() says for a code of the
/// default catalog.
///
/// Returns 1 or 0; 0 when `entry` is NULL or not an entry (see
/// iot_error_entry_code()).
#[no_mangle]
pub extern "C" fn iot_error_entry_is_retryable(entry: *const IotErrorEntry) -> c_int {
    ffi_boundary!(0, { self::entry(entry).map_or(0, |e| c_int::from(e.is_retryable())) })
}

/// The description of an entry in the language of `lang` (as for
/// iot_error_describe_lang(): Chinese, the table's own text, unless `lang`
/// selects English; at most 3 bytes of `lang` are read).
///
/// Returns a static string (never free it), or NULL when `entry` is NULL or
/// not an entry (see iot_error_entry_code()).
///
/// # Safety
/// `lang` is NULL or a string readable up to its NUL or 3 bytes, whichever
/// comes first.
#[no_mangle]
pub unsafe extern "C" fn iot_error_entry_describe(entry: *const IotErrorEntry, lang: *const c_char) -> *const c_char {
    ffi_boundary!(core::ptr::null(), {
        // SAFETY: forwarded from the caller.
        let lang = unsafe { language(lang) };
        self::entry(entry).map_or(core::ptr::null(), |e| c_ptr(e.description_with_nul(lang)))
    })
}

/// What to try for an entry, in the language of `lang` (as for
/// iot_error_entry_describe()): the vendor's hint verbatim in Chinese, ours in
/// English. The "uws-v1.3.0" catalog has no hints; the common table has them
/// for some codes.
///
/// Returns a static string (never free it), or NULL when the entry has no
/// hint, or `entry` is NULL or not an entry (see iot_error_entry_code()).
///
/// # Safety
/// `lang` is NULL or a string readable up to its NUL or 3 bytes, whichever
/// comes first.
#[no_mangle]
pub unsafe extern "C" fn iot_error_entry_hint(entry: *const IotErrorEntry, lang: *const c_char) -> *const c_char {
    ffi_boundary!(core::ptr::null(), {
        // SAFETY: forwarded from the caller.
        let lang = unsafe { language(lang) };
        self::entry(entry)
            .and_then(|e| e.hint_with_nul(lang))
            .map_or(core::ptr::null(), c_ptr)
    })
}
