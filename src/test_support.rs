//! Helpers shared by the unit tests of the C ABI and JNI modules.

/// What a caller may write for `code`: as printed, lowercase, and mixed case.
pub(crate) fn spellings(code: &str) -> [String; 3] {
    let mixed: String = code
        .chars()
        .enumerate()
        .map(|(i, c)| if i % 2 == 0 { c.to_ascii_lowercase() } else { c })
        .collect();
    [code.into(), code.to_ascii_lowercase(), mixed]
}
