//! The JNI entry points: the `native` methods of `iot.errorcodes.IotErrorCodes`
//! (`bindings/java/`). They are for Java only.
//!
//! This file is their one list: `cargo xtask generate` reads [`CLASS`],
//! [`METHODS`] and the exported functions (with syn, `xtask/src/jni.rs`) and
//! makes from them the Java `native` declarations (with these doc comments),
//! the JNI rows of `api/c-symbols.tsv` and the version script, and keeps them
//! out of the C header. Add a method here (function and `METHODS` row), then
//! regenerate; `cargo xtask generate --check` fails until then.
//!
//! This layer only marshals. Java reads the whole catalog once, at class
//! initialisation, with [`nativeCatalog`](Java_iot_errorcodes_IotErrorCodes_nativeCatalog),
//! and answers every code lookup from its own maps, case variants and the
//! alias included (by the same rule; `tests/vectors.txt` holds both to it).
//! It calls [`nativeResolve`](Java_iot_errorcodes_IotErrorCodes_nativeResolve)
//! only at load, to check that this library resolves the aliases compiled into
//! the Java classes alike, and [`nativeLanguage`](Java_iot_errorcodes_IotErrorCodes_nativeLanguage)
//! for language tags it has not cached.
//!
//! [`JNI_OnLoad`] binds those methods to this copy of the library when it is
//! loaded, so that a copy loaded later wins over an unsuitable one loaded before.
//!
//! What every entry point guarantees:
//! - A Java string is read as UTF-16 with `GetStringRegion`, and only if it is
//!   no longer than the longest code (for a language tag, its first
//!   [`Language::TAG_PREFIX_LEN`] units). A huge string costs what a short one
//!   does, and no modified UTF-8 is ever decoded. Any unit that is not ASCII
//!   (an unpaired surrogate, say) makes the string match nothing; so does NUL.
//! - No Java exception is left pending: a failed JNI call (an
//!   `OutOfMemoryError`; in `JNI_OnLoad`, a missing class or method) is cleared
//!   and reported as `null` or `-1`.
//! - No Rust panic reaches Java (`src/panic.rs`).
//! - Nothing is allocated: Java strings are made from the catalog's own
//!   static NUL-terminated bytes.
//!
//! Compiled with the `jni` feature, which only the C library's package turns on.

use core::ffi::{c_char, c_void, CStr};

use jni_sys::{jclass, jint, jobjectArray, jsize, jstring, JNIEnv, JNINativeMethod, JavaVM, JNI_OK, JNI_VERSION_1_2};

use crate::catalog::{Entry, ErrorCode, CATALOG_VERSION_C, CODE, MAX_CODE_LEN, NAME};
use crate::catalogs::Catalog;
use crate::language::Language;
use crate::lookup::{lookup_bytes, SUCCESS_C};
use crate::panic::ffi_boundary;
use crate::version::VERSION_C;

/// The answer of `nativeResolve` and `nativeLanguage` for "no such code/language".
const NOT_FOUND: jint = -1;

/// The `JNIEnv` of the calling thread, with the few calls this module needs.
/// Each returns `None` when the JVM raised an exception, after clearing it.
/// All go through the JNI 1.2 function table (`v1_2`), which holds the 1.1
/// functions too; every JVM since 1.2 and Android provide it.
///
/// Only made from the `JNIEnv` pointer the JVM passed to a native method, on
/// the thread it was passed to.
struct Env(*mut JNIEnv);

impl Env {
    /// `None`, with any pending exception cleared, if the last JNI call raised one.
    fn checked<T>(&self, value: T) -> Option<T> {
        // SAFETY: `self.0` is a valid JNIEnv of this thread (see `Env`);
        // ExceptionCheck and ExceptionClear may be called with an exception pending.
        unsafe {
            let f = &(**self.0).v1_2;
            if (f.ExceptionCheck)(self.0) {
                (f.ExceptionClear)(self.0);
                return None;
            }
        }
        Some(value)
    }

    /// The characters of `s` as bytes if it has between 1 and `N` and all are
    /// ASCII, else `None`: no code or language tag has any other character.
    /// With `prefix`, a longer string gives its first `N` characters instead.
    fn ascii<const N: usize>(&self, s: jstring, prefix: bool) -> Option<([u8; N], usize)> {
        if s.is_null() {
            return None;
        }
        let mut units = [0u16; N];
        // SAFETY: `s` is a non-null String reference from Java; the region read
        // lies inside the string and fits `units`.
        let len = unsafe {
            let f = &(**self.0).v1_2;
            let len = usize::try_from((f.GetStringLength)(self.0, s)).ok()?;
            let len = if prefix { len.min(N) } else { len };
            if len == 0 || len > N {
                return None;
            }
            (f.GetStringRegion)(self.0, s, 0, len as jsize, units.as_mut_ptr());
            len
        };
        self.checked(())?;
        let mut bytes = [0u8; N];
        for (b, &u) in bytes.iter_mut().zip(&units[..len]) {
            *b = u8::try_from(u).ok().filter(u8::is_ascii)?;
        }
        Some((bytes, len))
    }

    /// Registers [`METHODS`] for [`CLASS`]; does nothing (leaving no exception
    /// pending) if the class or one of its methods is not found.
    fn register_natives(&self) {
        let methods = METHODS.map(|(name, signature, function)| JNINativeMethod {
            name: name.as_ptr() as *mut c_char,
            signature: signature.as_ptr() as *mut c_char,
            fnPtr: function,
        });
        // SAFETY: the names and signatures are NUL-terminated and static, and
        // each function has the signature it is registered with; `class` is a
        // live local reference, deleted once used.
        unsafe {
            let f = &(**self.0).v1_2;
            let Some(class) = self
                .checked((f.FindClass)(self.0, CLASS.as_ptr()))
                .filter(|c| !c.is_null())
            else {
                return;
            };
            (f.RegisterNatives)(self.0, class, methods.as_ptr(), methods.len() as jint);
            self.checked(());
            (f.DeleteLocalRef)(self.0, class);
        }
    }

    /// A new Java string with the text of `s`, a static string ending in NUL,
    /// or `None` if the JVM is out of memory. `NewStringUTF` reads modified
    /// UTF-8, which is UTF-8 for text without NUL and outside the
    /// supplementary planes: `build.rs` rejects a catalog text with such a
    /// character, so the bytes are passed as they are, with no copy.
    fn new_string(&self, s: &'static str) -> Option<jstring> {
        debug_assert!(s.ends_with('\0'));
        // SAFETY: `s` is NUL-terminated modified UTF-8 (see above).
        let string = unsafe { ((**self.0).v1_2.NewStringUTF)(self.0, s.as_ptr().cast()) };
        self.checked(string).filter(|s| !s.is_null())
    }

    /// A new `String[]` of `len` strings, the one at index `i` being `text(i)`
    /// (static, NUL-terminated), or `None` (nothing pending) if the JVM is out of memory.
    fn new_string_array(&self, len: usize, text: impl Fn(usize) -> &'static str) -> Option<jobjectArray> {
        let len = jsize::try_from(len).ok()?;
        // SAFETY: every reference passed is a live, non-null local reference
        // created here; strings are stored at indices below the array's length;
        // DeleteLocalRef may be called with an exception pending. Each string's
        // reference is deleted once stored, so at most 3 are live at a time.
        unsafe {
            let f = &(**self.0).v1_2;
            let class = self
                .checked((f.FindClass)(self.0, c"java/lang/String".as_ptr()))
                .filter(|c| !c.is_null())?;
            let array = self.checked((f.NewObjectArray)(self.0, len, class, core::ptr::null_mut()));
            (f.DeleteLocalRef)(self.0, class);
            let array = array.filter(|a| !a.is_null())?;
            for index in 0..len {
                let stored = self.new_string(text(index as usize)).and_then(|string| {
                    (f.SetObjectArrayElement)(self.0, array, index, string);
                    (f.DeleteLocalRef)(self.0, string);
                    self.checked(())
                });
                if stored.is_none() {
                    (f.DeleteLocalRef)(self.0, array);
                    return None;
                }
            }
            Some(array)
        }
    }
}

/// The body of a native method that returns `String[]`: `len` strings,
/// `text(i)` at index `i`, in a new array, or `null` with no exception pending.
///
/// # Safety
/// `env` is the `JNIEnv` the JVM passed to the native method.
unsafe fn string_array(env: *mut JNIEnv, len: usize, text: fn(usize) -> &'static str) -> jobjectArray {
    ffi_boundary!(core::ptr::null_mut(), {
        Env(env).new_string_array(len, text).unwrap_or(core::ptr::null_mut())
    })
}

/// How many strings `nativeCatalog()` gives each code: its code, symbolic
/// name and category name, then its description in each language of [`Language::ALL`].
const CATALOG_ROW: usize = 3 + Language::ALL.len();

/// String `i` of `nativeCatalog()` (rows of [`CATALOG_ROW`], in spec order), with its NUL.
fn catalog_text(i: usize) -> &'static str {
    let Some(code) = ErrorCode::at(i / CATALOG_ROW) else {
        return "\0"; // past the end: never asked for
    };
    match i % CATALOG_ROW {
        0 => code.code_with_nul(),
        1 => code.name_with_nul(),
        2 => code.category().name_with_nul(),
        n => code.description_with_nul(Language::ALL[(n - 3) % Language::ALL.len()]),
    }
}

/// How many strings `nativeCatalogEntries()` gives each entry: its code,
/// symbolic name, category name and status name, then its description in
/// each language of [`Language::ALL`], then its hint in each ("" for none).
const CATALOG_ENTRY_ROW: usize = 4 + 2 * Language::ALL.len();

/// String `i` of `nativeCatalogEntries()` for `entries` (rows of
/// [`CATALOG_ENTRY_ROW`], in table order), with its NUL.
fn catalog_entry_text(entries: &'static [Entry], i: usize) -> &'static str {
    let Some(e) = entries.get(i / CATALOG_ENTRY_ROW) else {
        return "\0"; // past the end: never asked for
    };
    let languages = Language::ALL.len();
    match i % CATALOG_ENTRY_ROW {
        0 => e.field(CODE),
        1 => e.field(NAME),
        2 => e.category().name_with_nul(),
        3 => e.status().name_with_nul(),
        n if n < 4 + languages => e.description_with_nul(Language::ALL[n - 4]),
        n => e
            .hint_with_nul(Language::ALL[(n - 4 - languages) % languages])
            .unwrap_or("\0"),
    }
}

/// The strings of `nativeConstants()`, with their NULs.
const CONSTANTS: [&str; 3] = [VERSION_C, CATALOG_VERSION_C, SUCCESS_C];

/// The class whose `native` methods this module implements.
const CLASS: &CStr = c"iot/errorcodes/IotErrorCodes";

/// Every native method of [`CLASS`]: its name, its JNI signature and the function.
const METHODS: [(&CStr, &CStr, *mut c_void); 6] = [
    (
        c"nativeCatalog",
        c"()[Ljava/lang/String;",
        Java_iot_errorcodes_IotErrorCodes_nativeCatalog as *mut c_void,
    ),
    (
        c"nativeLanguages",
        c"()[Ljava/lang/String;",
        Java_iot_errorcodes_IotErrorCodes_nativeLanguages as *mut c_void,
    ),
    (
        c"nativeConstants",
        c"()[Ljava/lang/String;",
        Java_iot_errorcodes_IotErrorCodes_nativeConstants as *mut c_void,
    ),
    (
        c"nativeResolve",
        c"(Ljava/lang/String;)I",
        Java_iot_errorcodes_IotErrorCodes_nativeResolve as *mut c_void,
    ),
    (
        c"nativeLanguage",
        c"(Ljava/lang/String;)I",
        Java_iot_errorcodes_IotErrorCodes_nativeLanguage as *mut c_void,
    ),
    (
        c"nativeCatalogEntries",
        c"(I)[Ljava/lang/String;",
        Java_iot_errorcodes_IotErrorCodes_nativeCatalogEntries as *mut c_void,
    ),
];

/// Called by the JVM when `System.load` or `System.loadLibrary` loads this
/// library: binds every native method of `iot.errorcodes.IotErrorCodes` to this
/// copy's functions with `RegisterNatives`. The JVM binds a method to the first
/// loaded library that has its `Java_...` symbol and keeps it bound, so without
/// this, a copy loaded after another one (an older build found first on
/// `java.library.path`, which `NativeLibrary` rejects and then loads the next
/// candidate) would never be used.
///
/// Returns `JNI_VERSION_1_2`. If the class is not found (the library was loaded
/// by other code), the exception is cleared and binding is left to the JVM's
/// lookup by symbol name.
///
/// # Safety
/// Called by the JVM only, with its `JavaVM`.
#[no_mangle]
pub unsafe extern "system" fn JNI_OnLoad(vm: *mut JavaVM, _reserved: *mut c_void) -> jint {
    ffi_boundary!(JNI_VERSION_1_2, {
        let mut env: *mut JNIEnv = core::ptr::null_mut();
        // SAFETY: `vm` is the JVM's own JavaVM, and this thread is attached to
        // it (it is running System.load). GetEnv writes a JNIEnv pointer or
        // fails; the calls below happen only with that pointer.
        unsafe {
            let attached = ((**vm).v1_2.GetEnv)(vm, (&mut env as *mut *mut JNIEnv).cast(), JNI_VERSION_1_2);
            if attached == JNI_OK && !env.is_null() {
                Env(env).register_natives();
            }
        }
        JNI_VERSION_1_2
    })
}

/// `String[] nativeCatalog()`: every code in spec order as rows of
/// `3 + languages` strings: code, symbolic name, category name, then the
/// description in each language of `nativeLanguages()`, in that order.
///
/// Returns a new local reference owned by the caller (the JVM frees it), or
/// `null` with no exception pending if the JVM is out of memory.
///
/// # Safety
/// Called by the JVM only, with the calling thread's `JNIEnv`.
#[no_mangle]
pub unsafe extern "system" fn Java_iot_errorcodes_IotErrorCodes_nativeCatalog(
    env: *mut JNIEnv,
    _class: jclass,
) -> jobjectArray {
    // SAFETY: the JVM passes this thread's JNIEnv.
    unsafe { string_array(env, ErrorCode::ALL.len() * CATALOG_ROW, catalog_text) }
}

/// `String[] nativeLanguages()`: the ISO 639-1 tag of every language the
/// catalog has texts in, the default (Chinese) first.
///
/// Returns a new local reference, or `null` with no exception pending if the
/// JVM is out of memory.
///
/// # Safety
/// Called by the JVM only, with the calling thread's `JNIEnv`.
#[no_mangle]
pub unsafe extern "system" fn Java_iot_errorcodes_IotErrorCodes_nativeLanguages(
    env: *mut JNIEnv,
    _class: jclass,
) -> jobjectArray {
    // SAFETY: the JVM passes this thread's JNIEnv.
    unsafe {
        string_array(env, Language::ALL.len(), |i| {
            Language::ALL[i % Language::ALL.len()].tag_with_nul()
        })
    }
}

/// `String[] nativeConstants()`: the library version, the catalog's spec
/// version and the platform's success code, in that order.
///
/// Returns a new local reference, or `null` with no exception pending if the
/// JVM is out of memory.
///
/// # Safety
/// Called by the JVM only, with the calling thread's `JNIEnv`.
#[no_mangle]
pub unsafe extern "system" fn Java_iot_errorcodes_IotErrorCodes_nativeConstants(
    env: *mut JNIEnv,
    _class: jclass,
) -> jobjectArray {
    // SAFETY: the JVM passes this thread's JNIEnv.
    unsafe { string_array(env, CONSTANTS.len(), |i| CONSTANTS[i % CONSTANTS.len()]) }
}

/// `int nativeResolve(String code)`: the spec-order index of the code that
/// `code` names (exactly, ASCII case-insensitively, or by alias), as
/// `crate::lookup` matches it.
///
/// Returns -1 for `null`, an unknown code, and any string with a NUL or a
/// non-ASCII unit (unpaired surrogates included). Never raises an exception.
///
/// # Safety
/// Called by the JVM only, with the calling thread's `JNIEnv`.
#[no_mangle]
pub unsafe extern "system" fn Java_iot_errorcodes_IotErrorCodes_nativeResolve(
    env: *mut JNIEnv,
    _class: jclass,
    code: jstring,
) -> jint {
    ffi_boundary!(NOT_FOUND, {
        Env(env)
            .ascii::<MAX_CODE_LEN>(code, false)
            .and_then(|(bytes, len)| lookup_bytes(&bytes[..len]))
            .map_or(NOT_FOUND, |c| c.index() as jint)
    })
}

/// `int nativeLanguage(String tag)`: the index in `nativeLanguages()` of the
/// language of a BCP 47 or POSIX tag ("en-US", "EN", "zh_CN.UTF-8"), matched
/// by its primary subtag as `Language::from_tag` does. Only the first 3 units
/// of `tag` are read.
///
/// Returns -1 for `null`, "", "C" and tags of languages without texts (the
/// caller then uses the default language). Never raises an exception.
///
/// # Safety
/// Called by the JVM only, with the calling thread's `JNIEnv`.
#[no_mangle]
pub unsafe extern "system" fn Java_iot_errorcodes_IotErrorCodes_nativeLanguage(
    env: *mut JNIEnv,
    _class: jclass,
    tag: jstring,
) -> jint {
    ffi_boundary!(NOT_FOUND, {
        Env(env)
            .ascii::<{ Language::TAG_PREFIX_LEN }>(tag, true)
            .and_then(|(bytes, len)| Language::from_tag_bytes(&bytes[..len]))
            .and_then(|lang| Language::ALL.iter().position(|&l| l == lang))
            .map_or(NOT_FOUND, |i| i as jint)
    })
}

/// `String[] nativeCatalogEntries(int catalog)`: every entry of the catalog
/// at position `catalog` (0 the default, as C's `iot_error_catalog()` lists
/// them), in its table's order, as rows of `4 + 2 * languages` strings: code,
/// symbolic name, category name, status name, the description in each
/// language of `nativeLanguages()`, then the hint in each, "" for none.
///
/// Returns a new local reference owned by the caller, or `null` with no
/// exception pending for a `catalog` that is no catalog's position, or if the
/// JVM is out of memory.
///
/// # Safety
/// Called by the JVM only, with the calling thread's `JNIEnv`.
#[no_mangle]
pub unsafe extern "system" fn Java_iot_errorcodes_IotErrorCodes_nativeCatalogEntries(
    env: *mut JNIEnv,
    _class: jclass,
    catalog: jint,
) -> jobjectArray {
    ffi_boundary!(core::ptr::null_mut(), {
        let entries = usize::try_from(catalog)
            .ok()
            .and_then(|i| Catalog::ALL.get(i))
            .map(|c| c.entries());
        entries.map_or(core::ptr::null_mut(), |entries| {
            Env(env)
                .new_string_array(entries.len() * CATALOG_ENTRY_ROW, |i| catalog_entry_text(entries, i))
                .unwrap_or(core::ptr::null_mut())
        })
    })
}

#[cfg(test)]
mod tests;
