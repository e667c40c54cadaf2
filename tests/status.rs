//! Every code has the canonical status that names.tsv gives it, and the
//! statuses' numbers, HTTP statuses and retry advice are gRPC's published ones,
//! through the Rust API and the C ABI alike. The four rules written in
//! names.tsv's header hold for every spec row they cover, the rows selected
//! here from the spec's own Chinese text; G20904 and H32009 are not retryable.

mod common;

use std::collections::BTreeMap;
use std::ffi::{c_char, CStr, CString};
use std::fs;

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

/// The status of `code` through the C ABI (`iot_error_status`, by gRPC's
/// number, and `iot_error_status_n`), by name; "none" for no status.
fn status_by_c_abi(code: &str) -> &'static str {
    let c = CString::new(code).unwrap();
    // SAFETY: NUL-terminated input, and pointer + length of the same bytes.
    let (number, number_n) = unsafe {
        (
            ffi::iot_error_status(c.as_ptr()),
            ffi::iot_error_status_n(c.as_ptr(), code.len()),
        )
    };
    assert_eq!(
        number, number_n,
        "{code}: iot_error_status and iot_error_status_n differ"
    );
    GRPC.iter().find(|g| g.1 == number).map_or("none", |g| g.0)
}

/// `spec:LINE` of the spec row of `code`, for messages.
fn spec_line(code: &str) -> String {
    let spec = common::spec_path();
    let text = fs::read_to_string(&spec).unwrap();
    let line = text
        .lines()
        .position(|l| l.starts_with(&format!("|{code}|")))
        .map_or(0, |i| i + 1);
    format!("src/catalog/{}:{line}", spec.file_name().unwrap().to_string_lossy())
}

/// Checks one rule of names.tsv's header: `rule` maps a spec row's Chinese
/// text to the status the rule gives it, or None when the rule does not cover
/// the row. Every covered row must have that status through the Rust API and
/// the C ABI; `must_cover` (the codes the rule was written for) guards the
/// selection against matching nothing. Fails naming every row that disagrees.
fn check_rule(label: &str, rule: fn(&str) -> Option<&'static str>, must_cover: &[&str]) {
    let mut covered = Vec::new();
    let mut problems = Vec::new();
    for (code, zh) in common::spec_rows() {
        let Some(expected) = rule(&zh) else { continue };
        covered.push(code.clone());
        let (rust, c) = (lookup(&code).unwrap().status().name(), status_by_c_abi(&code));
        if (rust, c) != (expected, expected) {
            problems.push(format!(
                "{}: {code} {zh} is {rust} ({c} through the C ABI); rule {label} of \
                 src/catalog/names.tsv says {expected}",
                spec_line(&code)
            ));
        }
    }
    for code in must_cover {
        assert!(
            covered.iter().any(|c| c == code),
            "rule {label} no longer selects {code}; it selects {covered:?}"
        );
    }
    assert!(
        problems.is_empty(),
        "{} row(s) break rule {label}:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// rule failure: 异常 or 失败 of the platform's own work is INTERNAL, unless
/// the text names a transient condition (网络) or asks to send again (请重新):
/// UNAVAILABLE. 未知异常 is UNKNOWN, 查找…失败 NOT_FOUND; failed checks of the
/// caller (验证, 校验, 登录) are not covered.
fn rule_failure(zh: &str) -> Option<&'static str> {
    if !(zh.contains("异常") || zh.contains("失败")) || ["验证", "校验", "登录"].iter().any(|w| zh.contains(w))
    {
        return None;
    }
    Some(if zh.contains("未知") {
        "UNKNOWN"
    } else if zh.contains("查找") {
        "NOT_FOUND"
    } else if zh.contains("网络") || zh.contains("请重新") {
        "UNAVAILABLE"
    } else {
        "INTERNAL"
    })
}

/// rule credential: a value the request carries for one operation (验证码,
/// 邀请码, M2M加密信息) is INVALID_ARGUMENT when 错误, FAILED_PRECONDITION when
/// 失效; the caller's own credentials (Token, 会话, 签名, 密码, 登录, the appId and
/// appKey pair) are UNAUTHENTICATED. 为空 is rule empty's; 超限 (D00009) is not
/// a failed credential.
fn rule_credential(zh: &str) -> Option<&'static str> {
    if zh.contains("为空") || zh.contains("超限") {
        return None;
    }
    if ["验证码", "邀请码", "M2M加密信息"].iter().any(|w| zh.contains(w)) {
        return if zh.contains("错误") {
            Some("INVALID_ARGUMENT")
        } else if zh.contains("失效") {
            Some("FAILED_PRECONDITION")
        } else {
            None
        };
    }
    ["Token", "会话", "签名", "密码", "登录", "appKey验证"]
        .iter()
        .any(|w| zh.contains(w))
        .then_some("UNAUTHENTICATED")
}

/// rule empty: 不能为空 is INVALID_ARGUMENT, any other 为空 FAILED_PRECONDITION.
fn rule_empty(zh: &str) -> Option<&'static str> {
    zh.contains("为空").then(|| {
        if zh.contains("不能为空") {
            "INVALID_ARGUMENT"
        } else {
            "FAILED_PRECONDITION"
        }
    })
}

/// rule already: ALREADY_EXISTS only for 已存在, 已经是, a state the named
/// target is already in that the call asks for again (已开启,请勿重复 and
/// 已关闭,请勿重复: the scene named), or already so for a named target (已…该);
/// already so for another or an unnamed target, or a repeat (重复), is
/// FAILED_PRECONDITION.
fn rule_already(zh: &str) -> Option<&'static str> {
    let again = ["已开启,请勿重复", "已关闭,请勿重复"];
    let already = ["已存在", "已经是", "已分享", "已绑定", "已经被"]
        .iter()
        .chain(&again)
        .any(|w| zh.contains(w));
    if !already && !zh.contains("重复") {
        return None;
    }
    let state = ["已存在", "已经是"].iter().chain(&again).any(|w| zh.contains(w));
    let this_target = state || (already && zh.contains("该"));
    Some(if this_target {
        "ALREADY_EXISTS"
    } else {
        "FAILED_PRECONDITION"
    })
}

#[test]
fn rule_failure_holds_for_every_row_it_covers() {
    check_rule(
        "failure",
        rule_failure,
        &["A00005", "A00007", "A00008", "20903", "A00002", "H00001"],
    );
}

#[test]
fn rule_credential_holds_for_every_row_it_covers() {
    check_rule(
        "credential",
        rule_credential,
        &["D00015", "E31133", "H32009", "D00004", "C00001"],
    );
}

#[test]
fn rule_empty_holds_for_every_row_it_covers() {
    check_rule("empty", rule_empty, &["C00007", "C00008", "E31131"]);
}

#[test]
fn rule_already_holds_for_every_row_it_covers() {
    check_rule(
        "already",
        rule_already,
        &["C00005", "G20904", "F31223", "F31224", "D00012"],
    );
}

/// G20904 (bound, to whom not said) must never read as done, and H32009 (the
/// request's M2M information) must never send the caller to log in again: both
/// FAILED_PRECONDITION, HTTP 400, not retryable, through every C function, in
/// every ASCII case.
#[test]
fn g20904_and_h32009_are_failed_preconditions_and_not_retryable_through_the_c_abi() {
    let (_, number, http, retryable) = GRPC.iter().find(|g| g.0 == "FAILED_PRECONDITION").copied().unwrap();
    assert!(!retryable);
    for code in ["G20904", "g20904", "H32009", "h32009"] {
        let c = CString::new(code).unwrap();
        // SAFETY: NUL-terminated input, and pointer + length of the same bytes.
        unsafe {
            assert_eq!(ffi::iot_error_status(c.as_ptr()), number, "{code}");
            assert_eq!(ffi::iot_error_status_n(c.as_ptr(), code.len()), number, "{code}");
            assert_eq!(ffi::iot_error_http_status(c.as_ptr()), http, "{code}");
            assert_eq!(ffi::iot_error_http_status_n(c.as_ptr(), code.len()), http, "{code}");
            assert_eq!(ffi::iot_error_is_retryable(c.as_ptr()), 0, "{code}");
            assert_eq!(ffi::iot_error_is_retryable_n(c.as_ptr(), code.len()), 0, "{code}");
        }
        assert_eq!(
            lookup(code).map(|e| (e.status(), e.is_retryable())),
            Some((Status::FailedPrecondition, false))
        );
    }
}

/// The four rules hold for the common catalog's own rows too (the codes whose
/// text is new or differs from V1.3.0's, src/catalog/uws-common-2021-04-05.tsv),
/// applied to the vendor's text (read here from its table) before the scene
/// engine's parenthesised label, as that file says; through the Rust API and
/// the C ABI.
#[test]
fn the_rules_hold_for_the_common_catalogs_own_rows() {
    use iot_error_codes::Catalog;
    type Rule = fn(&str) -> Option<&'static str>;
    let rules: [(&str, Rule); 4] = [
        ("failure", rule_failure),
        ("credential", rule_credential),
        ("empty", rule_empty),
        ("already", rule_already),
    ];
    let table = common::common_table_rows();
    let mut covered = Vec::new();
    let mut problems = Vec::new();
    for row in common::code_rows("src/catalog/uws-common-2021-04-05.tsv") {
        let (_, zh, _) = table
            .iter()
            .find(|(c, ..)| *c == row.code)
            .expect("a code of the table");
        let text = zh.rsplit_once('(').map_or(zh.as_str(), |(before, _)| before);
        let entry = Catalog::UwsCommon2021_04_05.lookup(&row.code).unwrap();
        let id = CString::new("uws-common-2021-04-05").unwrap();
        let code = CString::new(row.code.as_str()).unwrap();
        // SAFETY: NUL-terminated strings; the library returns NULL or its own entry.
        let c = unsafe { ffi::iot_error_entry_status(ffi::iot_error_entry(id.as_ptr(), code.as_ptr())) };
        let c = Status::from_number(c).map_or("none", Status::name);
        for (label, rule) in rules {
            let Some(expected) = rule(text) else { continue };
            covered.push(row.code.clone());
            if (entry.status().name(), c, row.status.as_str()) != (expected, expected, expected) {
                problems.push(format!(
                    "{} {zh} is {} ({c} through the C ABI); rule {label} says {expected}",
                    row.code,
                    entry.status().name()
                ));
            }
        }
    }
    for code in ["LS0019", "LS0023", "LI0013", "LI0005", "LS0029", "M00005"] {
        assert!(
            covered.iter().any(|c| c == code),
            "the rules no longer select {code}: {covered:?}"
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
