//! The panic policy at the C and JNI boundary, written once.
//!
//! 1. No lookup has a panicking path: inputs are bounded before they are
//!    read, tables are indexed by values that the build made in range, and
//!    nothing is unwrapped.
//! 2. If a panic ever happened, it aborts the process; it never unwinds into
//!    C, Java or Python. The C library (`capi/`) is `#![no_std]` and its
//!    `#[panic_handler]` calls `abort()`; it is built with `panic = "abort"`,
//!    so it contains no unwinding machinery at all (`checks/tests/symbols.rs`
//!    checks that the `.so` imports `abort` and no `_Unwind_*` function).
//!    And since Rust 1.81 a panic that reaches an `extern "C"` function
//!    aborts in any build.
//! 3. Every `extern "C"` and JNI body is written inside [`ffi_boundary!`],
//!    with the value it returns for failure. In the library that is all it
//!    is: the body runs as it is. In the crate's own unit tests, where the
//!    standard library can catch a panic, it turns one into that failure
//!    value, so that a test can call every entry point with hostile input
//!    and see a panic as a wrong answer, not as a torn-down test run.

/// Runs an `extern` function body (see the module documentation); in unit
/// tests a panic inside it returns `$on_panic`.
macro_rules! ffi_boundary {
    ($on_panic:expr, $body:block) => {{
        #[cfg(test)]
        let value = ::std::panic::catch_unwind(move || $body).unwrap_or($on_panic);
        #[cfg(not(test))]
        let value = $body;
        value
    }};
}

pub(crate) use ffi_boundary;

#[cfg(test)]
mod tests {
    fn explode(really: bool) -> i32 {
        if really {
            panic!("a panic inside an extern \"C\" body");
        }
        7
    }

    #[test]
    fn in_tests_a_panic_becomes_the_failure_value() {
        assert_eq!(ffi_boundary!(-1, { explode(true) }), -1);
        assert_eq!(ffi_boundary!(-1, { explode(false) }), 7);
    }
}
