//! The oracle the fuzz targets check the C ABI against.
//!
//! Which codes exist and their Chinese texts come from the spec file, the one
//! `src/catalog/uws-error-codes-v*.md` (`build.rs` stops the build if there
//! are none or several, naming them); category numbers and names from the
//! `IOT_ERROR_CATEGORY_*` macros of the committed header; the alias from the
//! header's documented contract. All are parsed here, independently of the
//! library's generated tables. The set of the library's static strings is
//! gathered once through its enumeration functions, so every returned pointer
//! can be checked to be one of them (or NULL).

use std::collections::HashSet;
use std::ffi::{c_char, c_int, CStr};
use std::ptr;
use std::sync::OnceLock;

use iot_error_codes::ffi::{
    iot_error_category_name, iot_error_code_at, iot_error_count, iot_error_describe, iot_error_describe_lang,
    iot_error_name,
};

const SPEC: &str = include_str!(env!("IOT_SPEC_PATH"));
const HEADER: &str = include_str!("../../include/iot_error_codes.h");

/// The documented alias: the spec prints "20903" without its letter, and
/// "G20903" finds it too (see the header's introduction).
pub const ALIASES: &[(&str, &str)] = &[("G20903", "20903")];

/// One code of the spec.
pub struct SpecCode {
    /// The code as the spec prints it, e.g. "D00004".
    pub code: String,
    /// The spec's Chinese text, trimmed.
    pub zh: String,
    /// The code, NUL-terminated, to pass to the C functions.
    pub c_code: Vec<u8>,
    /// The category letter: the code's first letter, or its alias's.
    pub letter: u8,
}

/// What the C ABI must answer, and the addresses of every static string it hands out.
pub struct Oracle {
    /// The spec's codes, in spec order.
    pub codes: Vec<SpecCode>,
    /// (letter, number, name) of every category, from the header's macros.
    pub categories: Vec<(u8, c_int, String)>,
    statics: HashSet<usize>,
}

impl Oracle {
    /// The oracle, built on first use.
    pub fn get() -> &'static Oracle {
        static ORACLE: OnceLock<Oracle> = OnceLock::new();
        ORACLE.get_or_init(Oracle::build)
    }

    fn build() -> Oracle {
        let codes: Vec<SpecCode> = SPEC
            .lines()
            .filter_map(|line| {
                let cells: Vec<&str> = line.split('|').map(str::trim).collect();
                let code = *cells.get(1)?;
                let valid = cells.len() == 4 && !code.is_empty() && code.bytes().all(|b| b.is_ascii_alphanumeric());
                valid.then(|| {
                    let alias = ALIASES.iter().find(|(_, target)| *target == code).map(|(alias, _)| *alias);
                    SpecCode {
                        code: code.to_string(),
                        zh: cells[2].to_string(),
                        c_code: format!("{code}\0").into_bytes(),
                        letter: alias.unwrap_or(code).as_bytes()[0],
                    }
                })
            })
            .collect();
        assert!(codes.len() >= 90, "the spec parsed to only {} codes", codes.len());

        // `#define IOT_ERROR_CATEGORY_ACCOUNT 4 /* D: account */`
        let categories: Vec<(u8, c_int, String)> = HEADER
            .lines()
            .filter_map(|line| {
                let rest = line.strip_prefix("#define IOT_ERROR_CATEGORY_")?;
                let mut words = rest.split_whitespace();
                let number = words.nth(1)?.parse().ok()?;
                let letter = words.nth(1)?.strip_suffix(':')?.as_bytes()[0];
                Some((letter, number, words.next()?.to_string()))
            })
            .collect();
        assert!(categories.len() >= 9, "the header parsed to only {} categories", categories.len());

        // SAFETY: every call gets NULL, a static string the library returned, or an in-range integer.
        let statics = unsafe {
            assert_eq!(iot_error_count(), codes.len(), "iot_error_count() disagrees with the spec");
            let mut statics = HashSet::new();
            for i in 0..iot_error_count() {
                let code = iot_error_code_at(i);
                statics.insert(code as usize);
                statics.insert(iot_error_describe(code) as usize);
                statics.insert(iot_error_describe_lang(code, c"en".as_ptr()) as usize);
                statics.insert(iot_error_name(code) as usize);
            }
            for &(_, number, _) in &categories {
                statics.insert(iot_error_category_name(number) as usize);
            }
            statics.remove(&0);
            statics
        };
        Oracle { codes, categories, statics }
    }

    /// The spec code that `input` names: a code or an alias, ASCII case-insensitively.
    pub fn resolve(&self, input: &[u8]) -> Option<&SpecCode> {
        let target = ALIASES
            .iter()
            .find(|(alias, _)| input.eq_ignore_ascii_case(alias.as_bytes()))
            .map_or(input, |(_, target)| target.as_bytes());
        self.codes.iter().find(|c| target.eq_ignore_ascii_case(c.code.as_bytes()))
    }

    /// The category number of a spec code (0 for none).
    pub fn category(&self, code: Option<&SpecCode>) -> c_int {
        code.map_or(0, |c| {
            let (_, number, _) = self.categories.iter().find(|(letter, _, _)| *letter == c.letter).expect("category");
            *number
        })
    }

    /// Asserts that `ptr` is NULL or one of the library's static strings, and returns its text.
    // Safe to call with any pointer: it is dereferenced only once found among the library's strings.
    #[allow(clippy::not_unsafe_ptr_arg_deref)]
    pub fn static_str(&self, ptr: *const c_char, what: &str) -> Option<&'static str> {
        if ptr.is_null() {
            return None;
        }
        assert!(self.statics.contains(&(ptr as usize)), "{what}: {ptr:p} is not one of the catalog's static strings");
        // SAFETY: a static string of the library, NUL-terminated.
        let text = unsafe { CStr::from_ptr(ptr) };
        Some(text.to_str().unwrap_or_else(|_| panic!("{what}: not UTF-8")))
    }

    /// Checks a description: NULL exactly when no code is expected, else the
    /// spec's text (Chinese) or the canonical code's English text.
    pub fn check_description(&self, ptr: *const c_char, expected: Option<&SpecCode>, english: bool, what: &str) {
        let got = self.static_str(ptr, what);
        match expected {
            None => assert_eq!(got, None, "{what}: expected NULL"),
            Some(code) if english => {
                // SAFETY: a NUL-terminated code and a static tag.
                let en = unsafe { iot_error_describe_lang(code.c_code.as_ptr().cast(), c"en".as_ptr()) };
                assert!(ptr::eq(ptr, en), "{what}: expected the English text of {}", code.code);
            }
            Some(code) => assert_eq!(got, Some(code.zh.as_str()), "{what}: expected the spec's text of {}", code.code),
        }
    }

    /// Checks a symbolic name: NULL exactly when no code is expected, else the canonical code's name.
    pub fn check_name(&self, ptr: *const c_char, expected: Option<&SpecCode>, what: &str) {
        let got = self.static_str(ptr, what);
        match expected {
            None => assert_eq!(got, None, "{what}: expected NULL"),
            Some(code) => {
                // SAFETY: a NUL-terminated code.
                let name = unsafe { iot_error_name(code.c_code.as_ptr().cast()) };
                assert!(!name.is_null() && ptr::eq(ptr, name), "{what}: expected the name of {}", code.code);
            }
        }
    }
}

/// Whether a language tag selects English under the header's rule: its
/// primary subtag (up to `-`, `_`, `.` or `@`) is "en", ASCII case-insensitively.
pub fn tag_is_english(tag: &[u8]) -> bool {
    let primary = tag.split(|b| matches!(b, b'-' | b'_' | b'.' | b'@')).next().unwrap_or_default();
    primary.eq_ignore_ascii_case(b"en")
}

/// The C string a caller would pass for `data`: its bytes up to the first NUL.
pub fn until_nul(data: &[u8]) -> &[u8] {
    data.split(|&b| b == 0).next().unwrap_or_default()
}

/// `data` copied into an allocation of exactly `data.len() + 1` bytes, NUL last,
/// so that AddressSanitizer catches a read past the terminator.
pub fn nul_terminated(data: &[u8]) -> Box<[u8]> {
    let mut copy = Vec::with_capacity(data.len() + 1);
    copy.extend_from_slice(data);
    copy.push(0);
    copy.into_boxed_slice()
}
