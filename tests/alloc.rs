//! No lookup allocates: every lookup function of the Rust API and the C ABI,
//! on every spec code (exact and lowercase), on misses and on bad input, runs
//! under a global allocator that counts the allocations of the calling thread.

use iot_error_codes_oracle as common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::ffi::{c_char, CStr, CString};
use std::hint::black_box;

use iot_error_codes::{ffi, is_success, lookup, lookup_bytes, Category, ErrorCode, Language};

/// The system allocator, counting allocations (and reallocations) per thread,
/// so that other tests running in parallel do not disturb the count.
struct CountingAllocator;

thread_local! {
    // Const-initialised and without a destructor: using it allocates nothing.
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn count_one() {
    let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
}

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count_one();
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count_one();
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count_one();
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

/// How many times `f` allocated on this thread.
fn allocations_in(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

#[test]
fn the_counter_sees_allocations() {
    assert_eq!(allocations_in(|| drop(black_box(vec![0u8; 16]))), 1);
    assert_eq!(allocations_in(|| drop(black_box(String::from("D00004")))), 1);
}

/// Inputs, made before anything is counted: every spec code as given and
/// lowercased (hits), then strings that are no code (misses and bad input).
struct Inputs {
    hits: Vec<CString>,
    misses: Vec<CString>,
    /// Byte strings for the `_n` functions and `lookup_bytes`: NUL inside,
    /// invalid UTF-8, empty, too long.
    raw_misses: Vec<Vec<u8>>,
}

fn inputs() -> Inputs {
    let codes: Vec<String> = common::spec_rows().into_iter().map(|(code, _)| code).collect();
    assert_eq!(codes.len(), 90, "the spec has 90 codes");
    let mut hits: Vec<CString> = codes.iter().map(|c| CString::new(c.as_str()).unwrap()).collect();
    hits.extend(codes.iter().map(|c| CString::new(c.to_ascii_lowercase()).unwrap()));
    let long = "D".repeat(4096);
    let misses = [
        "", "00000", "D0000", "D000041", "Z99999", " D00004", "D00004 ", "D00O04", &long,
    ]
    .iter()
    .map(|s| CString::new(*s).unwrap())
    .collect();
    let raw_misses = vec![
        b"D00\x00004".to_vec(),
        b"D\xff0004".to_vec(),
        Vec::new(),
        vec![b'D'; 64],
    ];
    Inputs {
        hits,
        misses,
        raw_misses,
    }
}

/// Every C lookup on `code`; returns how many answers were "found".
fn c_lookups(code: *const c_char) -> usize {
    // SAFETY: `code` is NULL or a NUL-terminated string; "en" is one too.
    unsafe {
        let en = c"en".as_ptr();
        [
            !ffi::iot_error_describe(code).is_null(),
            !ffi::iot_error_describe_lang(code, en).is_null(),
            !ffi::iot_error_describe_lang(code, core::ptr::null()).is_null(),
            !ffi::iot_error_name(code).is_null(),
            ffi::iot_error_category(code) != 0,
            ffi::iot_error_is_success(code) != 0,
        ]
        .into_iter()
        .filter(|&found| black_box(found))
        .count()
    }
}

/// Every `_n` C lookup and the Rust lookups on `bytes`; returns how many found a code.
fn n_and_rust_lookups(bytes: &[u8]) -> usize {
    let ptr = bytes.as_ptr().cast::<c_char>();
    // SAFETY: `bytes.len()` bytes at `ptr` are readable.
    let c_found = unsafe {
        [
            !ffi::iot_error_describe_n(ptr, bytes.len()).is_null(),
            !ffi::iot_error_name_n(ptr, bytes.len()).is_null(),
            ffi::iot_error_category_n(ptr, bytes.len()) != 0,
        ]
    };
    let code = lookup_bytes(bytes);
    let via_str = std::str::from_utf8(bytes).ok().and_then(lookup);
    let parsed = std::str::from_utf8(bytes)
        .ok()
        .filter(|_| code.is_some())
        .map(|s| s.parse::<ErrorCode>());
    // What a caller does with a found code: its strings and category.
    if let Some(code) = black_box(code) {
        black_box((code.code(), code.name(), code.category().name()));
        black_box((code.description(Language::Zh), code.description(Language::En)));
    }
    c_found.into_iter().filter(|&f| f).count()
        + usize::from(code.is_some())
        + usize::from(black_box(via_str).is_some())
        + usize::from(matches!(black_box(parsed), Some(Ok(_))))
}

#[test]
fn no_lookup_allocates() {
    let inputs = inputs();
    let mut found = 0;
    let mut not_found = 0;
    let allocations = allocations_in(|| {
        for code in &inputs.hits {
            found += c_lookups(code.as_ptr());
            found += n_and_rust_lookups(code.as_bytes());
        }
        for code in &inputs.misses {
            not_found += c_lookups(code.as_ptr());
            not_found += n_and_rust_lookups(code.as_bytes());
        }
        for bytes in &inputs.raw_misses {
            not_found += n_and_rust_lookups(bytes);
        }
        not_found += c_lookups(core::ptr::null());
        // Enumeration, categories, tags and versions allocate nothing either.
        for i in 0..=ffi::iot_error_count() {
            black_box(ffi::iot_error_code_at(i));
        }
        for number in [i32::MIN, -1, 0, 1, 9, 10, i32::MAX] {
            black_box((ffi::iot_error_category_name(number), Category::from_number(number)));
        }
        for tag in ["en", "en-US", "zh_CN.UTF-8", "", "english"] {
            black_box(Language::from_tag(tag));
        }
        for code in ["00000", "D00004", ""] {
            black_box(is_success(code));
        }
        black_box((ffi::iot_error_version(), ffi::iot_error_catalog_version()));
        for lang in [c"en", c"zh-CN", c"en_GB.UTF-8", c"C"] {
            // SAFETY: both are NUL-terminated strings.
            found += usize::from(!unsafe { ffi::iot_error_describe_lang(c"d00004".as_ptr(), lang.as_ptr()) }.is_null());
        }
    });
    assert_eq!(allocations, 0, "lookups allocated {allocations} times");
    // Every hit was found by all 5 C lookups that report a code (not
    // is_success) and all 6 others; no miss by any, "00000" only by is_success.
    assert_eq!(found, inputs.hits.len() * 11 + 4);
    assert_eq!(not_found, 1, "only iot_error_is_success(\"00000\") may answer a miss");
    // The lookups really ran on the inputs: spot-check an answer.
    // SAFETY: a NUL-terminated input; the answer is a static NUL-terminated string.
    let zh = unsafe { CStr::from_ptr(ffi::iot_error_describe(inputs.hits[90 + 26].as_ptr())) };
    assert_eq!(zh.to_str().unwrap(), common::spec_rows()[26].1);
}
