//! `libiot_error_codes.so` and `libiot_error_codes.a`: the root crate's C ABI
//! (`iot_error_codes::ffi`) and JNI entry points, linked with link-time
//! optimisation. A cdylib or staticlib exports the `#[no_mangle]` functions of
//! every crate it links, so this crate has no code of its own but its panic
//! handler.
//!
//! The library is `#![no_std]`: it needs no allocator, no unwinder and, of the
//! C library, only `abort` (and, where the compiler emits calls to them, the
//! memory functions). See `src/panic.rs` in the root package for the policy.
#![cfg_attr(not(test), no_std)]

extern crate iot_error_codes as _;

/// A panic (none is possible in a lookup) ends the process at once: it never
/// unwinds into C, Java or Python.
#[cfg(not(test))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    // SAFETY: abort() takes no arguments and does not return.
    unsafe { abort() }
}

#[cfg(not(any(test, target_os = "none")))]
use libc::abort;

// A bare-metal target has no libc crate bindings: the firmware's C runtime
// (newlib, picolibc) provides abort().
#[cfg(all(not(test), target_os = "none"))]
extern "C" {
    fn abort() -> !;
}

/// A debug build (no link-time optimisation) keeps `core`'s unwind tables,
/// which name this function even though nothing can unwind (every panic
/// aborts), so a program linking the debug library would fail to link
/// without it. It is never called. Release builds (LTO) drop those tables and
/// do not define it: `checks/tests/symbols.rs` checks the release `.so`'s exports.
#[cfg(all(not(test), debug_assertions))]
#[no_mangle]
extern "C" fn rust_eh_personality() {}
