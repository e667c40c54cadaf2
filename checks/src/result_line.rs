//! The one reader of a test program's result line, `N passed, N failed`, which
//! the C and C++ test programs (checks/c, checks/cpp) and the Java binding's
//! TestRunner print last.

/// The counts of the last line of `stdout` that is exactly `N passed, M
/// failed`: `(N, M)`, or `None` if no line is.
pub fn parse(stdout: &str) -> Option<(u32, u32)> {
    stdout.lines().rev().find_map(|line| {
        let (passed, failed) = line.trim_end().split_once(" passed, ")?;
        let failed = failed.strip_suffix(" failed")?;
        Some((passed.parse().ok()?, failed.parse().ok()?))
    })
}

/// Asserts that `stdout` (of the program `what`) ends its run with a result
/// line of no failure and at least `minimum` passes (a program that ran too
/// few checks proves too little); returns the number passed.
pub fn assert_passed(what: &str, stdout: &[u8], minimum: u32) -> u32 {
    let stdout = String::from_utf8_lossy(stdout);
    match parse(&stdout) {
        Some((passed, 0)) if passed >= minimum => passed,
        Some((passed, 0)) => panic!("{what}: only {passed} checks ran, at least {minimum} expected\n{stdout}"),
        Some((_, failed)) => panic!("{what}: {failed} failed\n{stdout}"),
        None => panic!("{what}: no \"N passed, N failed\" line\n{stdout}"),
    }
}

/// At least this many checks run in checks/c/api_test.c (one per spec code and
/// more): fewer means its oracle, the spec, was not read in full.
pub const C_API_TEST_MINIMUM: u32 = 100;

/// At least this many tests run in the Java binding's TestRunner (43 when this was written).
pub const JAVA_TESTS_MINIMUM: u32 = 43;

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn the_last_result_line_counts() {
        assert_eq!(
            parse("a\n3 passed, 1 failed\nnoise\n120 passed, 0 failed\n"),
            Some((120, 0))
        );
        assert_eq!(parse("120 passed, 0 failed\ntrailing words\n"), Some((120, 0)));
        assert_eq!(parse("x: 12 passed, 0 failed\n"), None);
        assert_eq!(parse("12 passed, 0 failed, 1 skipped\n"), None);
        assert_eq!(parse(""), None);
    }
}
