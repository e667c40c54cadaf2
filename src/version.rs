//! The library's own version.

/// The library's version, as in `Cargo.toml` (the catalog's is [`crate::CATALOG_VERSION`]).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// [`VERSION`] with a NUL, for the C ABI.
pub(crate) const VERSION_C: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");
