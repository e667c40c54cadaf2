//! Every code has the canonical status that names.tsv gives it, and the
//! statuses' numbers, HTTP statuses and retry advice are gRPC's published ones,
//! through the Rust API and the C ABI alike.

mod common;

use std::collections::BTreeMap;
use std::ffi::{c_char, CStr, CString};

use iot_error_codes::ffi;
use iot_error_codes::{lookup, Status};

/// gRPC's canonical codes with their numbers and HTTP statuses, as published in
/// google/rpc/code.proto (googleapis), each "HTTP Mapping:" line; and whether
/// gRPC's guidance lets a client retry the same call (UNAVAILABLE,
/// DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED). Written out here as the
/// oracle, independent of src/status.rs.
const GRPC: [(&str, i32, i32, bool); 17] = [
    ("OK", 0, 200, false),
    ("CANCELLED", 1, 499, false),
    ("UNKNOWN", 2, 500, false),
    ("INVALID_ARGUMENT", 3, 400, false),
    ("DEADLINE_EXCEEDED", 4, 504, true),
    ("NOT_FOUND", 5, 404, false),
    ("ALREADY_EXISTS", 6, 409, false),
    ("PERMISSION_DENIED", 7, 403, false),
    ("RESOURCE_EXHAUSTED", 8, 429, true),
    ("FAILED_PRECONDITION", 9, 400, false),
    ("ABORTED", 10, 409, true),
    ("OUT_OF_RANGE", 11, 400, false),
    ("UNIMPLEMENTED", 12, 501, false),
    ("INTERNAL", 13, 500, false),
    ("UNAVAILABLE", 14, 503, true),
    ("DATA_LOSS", 15, 500, false),
    ("UNAUTHENTICATED", 16, 401, false),
];

/// code -> status name, from names.tsv.
fn statuses_of_names_tsv() -> BTreeMap<String, String> {
    common::names_rows().into_iter().map(|r| (r.code, r.status)).collect()
}

fn c_str(p: *const c_char) -> Option<String> {
    // SAFETY: the library returns NULL or its own static NUL-terminated strings.
    (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_string())
}

#[test]
fn the_statuses_are_grpcs() {
    assert_eq!(Status::iter().len(), GRPC.len());
    for (status, (name, number, http, retryable)) in Status::iter().zip(GRPC) {
        assert_eq!((status.name(), status.number()), (name, number));
        assert_eq!(i32::from(status.http_status()), http, "{name}");
        assert_eq!(status.is_retryable(), retryable, "{name}");
        assert_eq!(c_str(ffi::iot_error_status_name(number)).as_deref(), Some(name));
    }
    for bad in [-1, 17, i32::MIN, i32::MAX] {
        assert!(ffi::iot_error_status_name(bad).is_null(), "{bad}");
    }
}

#[test]
fn every_code_has_the_status_of_names_tsv_everywhere() {
    let chosen = statuses_of_names_tsv();
    let spec = common::spec_rows();
    assert_eq!(chosen.len(), spec.len(), "names.tsv gives every spec code a status");
    let grpc: BTreeMap<&str, (i32, i32, bool)> = GRPC.iter().map(|&(n, num, http, r)| (n, (num, http, r))).collect();
    for (code, _) in &spec {
        let name = &chosen[code];
        let (number, http, retryable) = grpc[name.as_str()];
        let found = lookup(code).unwrap();
        assert_eq!(found.status().name(), name, "{code}");
        assert_eq!(i32::from(found.http_status()), http, "{code}");
        assert_eq!(found.is_retryable(), retryable, "{code}");
        for spelling in [code.clone(), code.to_ascii_lowercase()] {
            let c = CString::new(spelling.as_str()).unwrap();
            // SAFETY: NUL-terminated input, and pointer + length of the same bytes.
            unsafe {
                assert_eq!(ffi::iot_error_status(c.as_ptr()), number, "{spelling}");
                assert_eq!(
                    ffi::iot_error_status_n(c.as_ptr(), spelling.len()),
                    number,
                    "{spelling}"
                );
                assert_eq!(ffi::iot_error_http_status(c.as_ptr()), http, "{spelling}");
                assert_eq!(
                    ffi::iot_error_http_status_n(c.as_ptr(), spelling.len()),
                    http,
                    "{spelling}"
                );
                assert_eq!(
                    ffi::iot_error_is_retryable(c.as_ptr()),
                    i32::from(retryable),
                    "{spelling}"
                );
                assert_eq!(
                    ffi::iot_error_is_retryable_n(c.as_ptr(), spelling.len()),
                    i32::from(retryable)
                );
            }
        }
    }
}

#[test]
fn the_success_code_is_ok_and_anything_else_has_no_status() {
    // SAFETY: NULL and NUL-terminated strings.
    unsafe {
        assert_eq!(ffi::iot_error_status(c"00000".as_ptr()), 0);
        assert_eq!(ffi::iot_error_http_status(c"00000".as_ptr()), 200);
        assert_eq!(ffi::iot_error_is_retryable(c"00000".as_ptr()), 0);
        for bad in [
            std::ptr::null(),
            c"".as_ptr(),
            c"D00014".as_ptr(),
            c"000000".as_ptr(),
            c"G2090".as_ptr(),
        ] {
            assert_eq!(ffi::iot_error_status(bad), -1);
            assert_eq!(ffi::iot_error_http_status(bad), 0);
            assert_eq!(ffi::iot_error_is_retryable(bad), 0);
        }
        assert_eq!(ffi::iot_error_status_n(std::ptr::null(), 5), -1);
        assert_eq!(ffi::iot_error_status_n(c"00000".as_ptr(), 5), 0);
        assert_eq!(ffi::iot_error_status_n(c"D00004".as_ptr(), usize::MAX), -1);
    }
    assert_eq!(Status::of("00000"), Some(Status::Ok));
    assert_eq!(Status::of("0000"), None);
}
