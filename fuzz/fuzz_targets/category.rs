//! The category functions: iot_error_category over a NUL-terminated copy of the
//! bytes, and iot_error_category_name and iot_error_code_at with any integer
//! (the first bytes, little-endian).
#![no_main]

use fuzz_oracle::{nul_terminated, until_nul, Oracle};
use iot_error_codes::ffi::{iot_error_category, iot_error_category_name, iot_error_code_at};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let oracle = Oracle::get();
    let expected = oracle.resolve(until_nul(data));
    let copy = nul_terminated(data);
    // SAFETY: NUL-terminated.
    let category = unsafe { iot_error_category(copy.as_ptr().cast()) };
    assert_eq!(category, oracle.category(expected), "iot_error_category");

    let mut word = [0u8; 8];
    let n = data.len().min(8);
    word[..n].copy_from_slice(&data[..n]);
    let wide = u64::from_le_bytes(word);
    for number in [wide as i32, category] {
        let name = oracle.static_str(iot_error_category_name(number), "iot_error_category_name");
        let documented = oracle.categories.iter().find(|(_, n, _)| *n == number).map(|(_, _, name)| name.as_str());
        assert_eq!(name, documented, "iot_error_category_name({number})");
    }
    let index = wide as usize;
    let code = oracle.static_str(iot_error_code_at(index), "iot_error_code_at");
    assert_eq!(code, oracle.codes.get(index).map(|c| c.code.as_str()), "iot_error_code_at({index})");
});
