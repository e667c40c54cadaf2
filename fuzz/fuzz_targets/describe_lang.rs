//! iot_error_describe_lang with both arguments fuzzed: the bytes before the
//! first NUL are the code, the rest the language tag (NULL when there is no NUL).
#![no_main]

use std::ptr;

use fuzz_oracle::{nul_terminated, tag_is_english, until_nul, Oracle};
use iot_error_codes::ffi::iot_error_describe_lang;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let oracle = Oracle::get();
    let code = nul_terminated(until_nul(data));
    let tag = data.iter().position(|&b| b == 0).map(|nul| &data[nul + 1..]);
    let tag_copy = tag.map(nul_terminated);
    let tag_ptr = tag_copy.as_ref().map_or(ptr::null(), |t| t.as_ptr().cast());
    let expected = oracle.resolve(until_nul(data));
    let english = tag.is_some_and(|t| tag_is_english(until_nul(t)));
    // SAFETY: both are NUL-terminated or NULL.
    let text = unsafe { iot_error_describe_lang(code.as_ptr().cast(), tag_ptr) };
    oracle.check_description(text, expected, english, "iot_error_describe_lang");
});
