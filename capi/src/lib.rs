//! `libiot_error_codes.so` and `libiot_error_codes.a`: the root crate's C ABI
//! (`iot_error_codes::ffi`) and JNI entry points, linked with link-time
//! optimisation. A cdylib or staticlib exports the `#[no_mangle]` functions of
//! every crate it links, so this crate has no code of its own.

extern crate iot_error_codes as _;
