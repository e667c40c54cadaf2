//! The UWS IoT platform's retCode catalog (error-code spec V1.3.0).
//!
//! Turn a `retCode` such as `"D00004"` into something a program can act on
//! ([`ErrorCode`], [`Category`]) and a person can read ([`ErrorCode::description`]):
//!
//! ```
//! use iot_error_codes::{Category, ErrorCode, Language};
//!
//! let code: ErrorCode = "D00004".parse().unwrap();
//! assert_eq!(code, ErrorCode::TokenExpired);
//! assert_eq!(code.name(), "TOKEN_EXPIRED");
//! assert_eq!(code.category(), Category::Account);
//! assert_eq!(code.description(Language::En), "Token has expired; token verification failed");
//! assert_eq!(iot_error_codes::lookup("d00004"), Some(code)); // ASCII case-insensitive
//! assert!(iot_error_codes::lookup("D4").is_none());
//! ```
//!
//! Everything is static data generated at build time: no call allocates,
//! parses or initialises anything, and the crate is `#![no_std]`.
//!
//! The C library (`include/iot_error_codes.h`) and the JNI entry points of the
//! Java binding are this crate's `ffi` and `jni` modules, compiled only with
//! the `capi` and `jni` features, which the C library's own package (`capi/`)
//! turns on. The plain crate is a pure Rust API and exports no symbols.
#![cfg_attr(not(test), no_std)]
#![deny(unsafe_op_in_unsafe_fn)]
#![warn(missing_docs)]

mod catalog;
mod catalogs;
mod error;
#[cfg(feature = "capi")]
pub mod ffi;
mod hash;
#[cfg(feature = "jni")]
mod jni;
mod language;
mod lookup;
mod nul;
#[cfg(any(feature = "capi", feature = "jni"))]
mod panic;
mod status;
#[cfg(all(test, any(feature = "capi", feature = "jni")))]
mod test_support;
mod version;

pub use catalog::{Category, Entry, ErrorCode, CATALOG_VERSION, MAX_CODE_LEN};
pub use catalogs::{Catalog, UnknownCatalog};
pub use error::UnknownCode;
pub use language::Language;
pub use lookup::{is_success, lookup, lookup_bytes, SUCCESS};
pub use status::Status;
pub use version::VERSION;

/// The README's Rust example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

/// The Rust page's examples (docs/rust.md), compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../docs/rust.md")]
struct RustPageDoctests;
