//! The panic policy at the C boundary.
//!
//! No lookup has a panicking path, and release builds use `panic = "abort"`.
//! As a second line of defence every `extern "C"` body runs inside
//! [`ffi_boundary!`], which turns a panic into the function's documented
//! failure value instead of unwinding into C, Python or Java.

/// Runs an `extern "C"` function body; a panic inside it returns `$on_panic`.
macro_rules! ffi_boundary {
    ($on_panic:expr, $body:block) => {
        match ::std::panic::catch_unwind(move || $body) {
            Ok(value) => value,
            Err(_) => $on_panic,
        }
    };
}

pub(crate) use ffi_boundary;
