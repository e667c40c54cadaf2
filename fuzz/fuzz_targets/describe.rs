//! The NUL-terminated functions over a NUL-terminated copy of the fuzzer's bytes
//! (which may hold further NULs: C stops at the first).
#![no_main]

use fuzz_oracle::{nul_terminated, until_nul, Oracle};
use iot_error_codes::ffi::{iot_error_category, iot_error_describe, iot_error_is_success, iot_error_name};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let oracle = Oracle::get();
    let input = until_nul(data);
    let expected = oracle.resolve(input);
    let copy = nul_terminated(data);
    let code = copy.as_ptr().cast();
    // SAFETY: `code` is NUL-terminated.
    let (text, name, category, success) = unsafe {
        (iot_error_describe(code), iot_error_name(code), iot_error_category(code), iot_error_is_success(code))
    };
    oracle.check_description(text, expected, false, "iot_error_describe");
    oracle.check_name(name, expected, "iot_error_name");
    assert_eq!(category, oracle.category(expected), "iot_error_category");
    assert_eq!(success, i32::from(input == b"00000"), "iot_error_is_success");
});
