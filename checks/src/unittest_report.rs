//! Reading a Python `unittest -v` report, for the tests that run the Python
//! binding's suite (checks/tests/python.rs, checks/tests/wheel.rs).
#![allow(dead_code)]

use std::env;

/// How many tests a `unittest -v` report says ran, and the skipped ones'
/// lines (`test (module.Class.test) ... skipped 'why'`), printed. Panics when
/// the report has no "Ran N tests" line (unittest passes on zero tests, so a
/// discovery that found nothing must not pass), or when a test was skipped
/// under CI (`CI` set): a skipped test must never pass unnoticed.
pub fn ran_and_skipped(report: &str) -> usize {
    let ran: usize = report
        .lines()
        .find_map(|l| l.strip_prefix("Ran ")?.split_whitespace().next()?.parse().ok())
        .unwrap_or_else(|| panic!("unittest printed no 'Ran N tests' line:\n{report}"));
    let skipped: Vec<&str> = report.lines().filter(|l| l.contains(" ... skipped ")).collect();
    let summary: usize = report
        .lines()
        .find_map(|l| {
            l.strip_prefix("OK (")?
                .split("skipped=")
                .nth(1)?
                .split([',', ')'])
                .next()?
                .parse()
                .ok()
        })
        .unwrap_or(0);
    assert_eq!(
        skipped.len(),
        summary,
        "cannot tell which Python tests were skipped:\n{report}"
    );
    eprintln!("Python unittest: {ran} ran, {} skipped", skipped.len());
    for line in &skipped {
        eprintln!("  SKIPPED: {line}");
    }
    if env::var_os("CI").is_some() {
        assert!(
            skipped.is_empty(),
            "under CI no Python test may be skipped:\n{}",
            skipped.join("\n")
        );
    }
    ran
}
