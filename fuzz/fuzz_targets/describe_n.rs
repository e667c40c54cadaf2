//! The `_n` functions over raw fuzzer bytes: exactly `len` bytes, no NUL needed.
//! libFuzzer's buffer is exactly `data.len()` bytes, so AddressSanitizer catches
//! any read past `len`.
#![no_main]

use fuzz_oracle::Oracle;
use iot_error_codes::ffi::{iot_error_category_n, iot_error_describe_n, iot_error_name_n};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let oracle = Oracle::get();
    let expected = oracle.resolve(data);
    let (ptr, len) = (data.as_ptr().cast(), data.len());
    // SAFETY: `len` bytes at `ptr` are readable.
    let (text, name, category) =
        unsafe { (iot_error_describe_n(ptr, len), iot_error_name_n(ptr, len), iot_error_category_n(ptr, len)) };
    oracle.check_description(text, expected, false, "iot_error_describe_n");
    oracle.check_name(name, expected, "iot_error_name_n");
    assert_eq!(category, oracle.category(expected), "iot_error_category_n");
});
