//! The library's own version.

/// The library's version, as in `Cargo.toml` (the catalog's is [`crate::CATALOG_VERSION`]).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// [`VERSION`] with a NUL, for the C ABI and JNI.
#[cfg_attr(not(any(feature = "capi", feature = "jni")), allow(dead_code))]
pub(crate) const VERSION_C: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");
