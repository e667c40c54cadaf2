//! The JNI entry points: the `native` methods of `iot.errorcodes.IotErrorCodes`
//! (`bindings/java/`). They are for Java only; cbindgen.toml keeps them out of
//! the C header.
//!
//! This layer only marshals. Java reads the whole catalog once, at class
//! initialisation, with [`nativeCatalog`](Java_iot_errorcodes_IotErrorCodes_nativeCatalog)
//! and answers repeat lookups from its own `HashMap`; it calls
//! [`nativeResolve`](Java_iot_errorcodes_IotErrorCodes_nativeResolve) and
//! [`nativeLanguage`](Java_iot_errorcodes_IotErrorCodes_nativeLanguage) only
//! for strings that map cannot answer (case variants, the alias, unknown input),
//! so the matching rules stay in Rust alone.
//!
//! What every entry point guarantees:
//! - A Java string is read as UTF-16 with `GetStringRegion`, and only if it is
//!   no longer than the longest code (for a language tag, its first
//!   [`Language::TAG_PREFIX_LEN`] units). A huge string costs what a short one
//!   does, and no modified UTF-8 is ever decoded. Any unit that is not ASCII
//!   (an unpaired surrogate, say) makes the string match nothing; so does NUL.
//! - No Java exception is left pending: a failed JNI call (only an
//!   `OutOfMemoryError` is possible) is cleared and reported as `null` or `-1`.
//! - No Rust panic reaches Java: every body runs in [`ffi_boundary!`].

use std::panic::UnwindSafe;

use jni_sys::{jclass, jint, jobjectArray, jsize, jstring, JNIEnv};

use crate::catalog::{ErrorCode, CATALOG_VERSION, MAX_CODE_LEN};
use crate::language::Language;
use crate::lookup::{lookup_bytes, SUCCESS};
use crate::panic::ffi_boundary;
use crate::version::VERSION;

/// The answer of `nativeResolve` and `nativeLanguage` for "no such code/language".
const NOT_FOUND: jint = -1;

/// The `JNIEnv` of the calling thread, with the few calls this module needs.
/// Each returns `None` when the JVM raised an exception, after clearing it.
struct Env(*mut JNIEnv);

impl Env {
    /// # Safety
    /// `raw` is the `JNIEnv` pointer the JVM passed to the native method.
    unsafe fn new(raw: *mut JNIEnv) -> Env {
        Env(raw)
    }

    /// `None`, with any pending exception cleared, if the last JNI call raised one.
    fn checked<T>(&self, value: T) -> Option<T> {
        // SAFETY: `self.0` is a valid JNIEnv of this thread (see `Env::new`);
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

    /// A new Java string with the text of `s`, or `None` if the JVM is out of memory.
    fn new_string(&self, s: &str, scratch: &mut Vec<u16>) -> Option<jstring> {
        scratch.clear();
        scratch.extend(s.encode_utf16());
        // SAFETY: `scratch` holds `len` UTF-16 units; texts are far shorter than jsize::MAX.
        let string = unsafe { ((**self.0).v1_1.NewString)(self.0, scratch.as_ptr(), scratch.len() as jsize) };
        self.checked(string).filter(|s| !s.is_null())
    }

    /// A new `String[]` holding `texts`, or `None` (nothing pending) if the JVM is out of memory.
    fn new_string_array<'a>(&self, len: usize, texts: impl Iterator<Item = &'a str>) -> Option<jobjectArray> {
        let len = jsize::try_from(len).ok()?;
        let mut scratch = Vec::new();
        // SAFETY: every reference passed is a live, non-null local reference
        // created here; strings are stored at indices below the array's length;
        // DeleteLocalRef may be called with an exception pending. Each string's
        // reference is deleted once stored, so at most 3 are live at a time.
        unsafe {
            let f = &(**self.0).v1_1;
            let class = self.checked((f.FindClass)(self.0, c"java/lang/String".as_ptr())).filter(|c| !c.is_null())?;
            let array = self.checked((f.NewObjectArray)(self.0, len, class, core::ptr::null_mut()));
            (f.DeleteLocalRef)(self.0, class);
            let array = array.filter(|a| !a.is_null())?;
            for (index, text) in (0..len).zip(texts) {
                let stored = self.new_string(text, &mut scratch).and_then(|string| {
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

/// The body of a native method that returns `String[]`: the `len` strings of
/// `texts()` in a new array, or `null` with no exception pending.
///
/// # Safety
/// `env` is the `JNIEnv` the JVM passed to the native method.
unsafe fn string_array<'a, I, F>(env: *mut JNIEnv, len: usize, texts: F) -> jobjectArray
where
    I: Iterator<Item = &'a str>,
    F: FnOnce() -> I + UnwindSafe,
{
    ffi_boundary!(core::ptr::null_mut(), {
        // SAFETY: forwarded from the caller.
        let env = unsafe { Env::new(env) };
        env.new_string_array(len, texts()).unwrap_or(core::ptr::null_mut())
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
    let row = |c: ErrorCode| {
        [c.code(), c.name(), c.category().name()].into_iter().chain(Language::ALL.into_iter().map(move |l| c.description(l)))
    };
    let len = ErrorCode::ALL.len() * (3 + Language::ALL.len());
    // SAFETY: the JVM passes this thread's JNIEnv.
    unsafe { string_array(env, len, || ErrorCode::iter().flat_map(row)) }
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
    unsafe { string_array(env, Language::ALL.len(), || Language::ALL.iter().map(|l| l.tag())) }
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
    const CONSTANTS: [&str; 3] = [VERSION, CATALOG_VERSION, SUCCESS];
    // SAFETY: the JVM passes this thread's JNIEnv.
    unsafe { string_array(env, CONSTANTS.len(), || CONSTANTS.into_iter()) }
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
        // SAFETY: the JVM passes this thread's JNIEnv.
        let env = unsafe { Env::new(env) };
        env.ascii::<MAX_CODE_LEN>(code, false)
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
        // SAFETY: the JVM passes this thread's JNIEnv.
        let env = unsafe { Env::new(env) };
        env.ascii::<{ Language::TAG_PREFIX_LEN }>(tag, true)
            .and_then(|(bytes, len)| Language::from_tag_bytes(&bytes[..len]))
            .and_then(|lang| Language::ALL.iter().position(|&l| l == lang))
            .map_or(NOT_FOUND, |i| i as jint)
    })
}
