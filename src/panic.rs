//! The panic policy at the C boundary.
//!
//! No lookup has a panicking path. As a second line of defence every
//! `extern "C"` body runs inside [`ffi_boundary!`], which turns a panic into
//! the function's documented failure value instead of unwinding into C,
//! Python or Java. Release builds use `panic = "abort"` besides: there a
//! panic ends the process at once and the macro compiles to a plain call.

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

#[cfg(test)]
mod tests {
    fn explode(really: bool) -> i32 {
        if really {
            panic!("a panic inside an extern \"C\" body");
        }
        7
    }

    #[test]
    fn a_panic_becomes_the_failure_value() {
        assert_eq!(ffi_boundary!(-1, { explode(true) }), -1);
        assert_eq!(ffi_boundary!(-1, { explode(false) }), 7);
    }
}
