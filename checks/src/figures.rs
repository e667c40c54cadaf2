//! The sizes a page of the documentation states for build products, checked
//! against the products: every line of a page that gives a size as
//! `N,NNN bytes` states the size of the file its first backticked name names. The
//! file is an entry of an archive (a JAR or an AAR, named as in the archive)
//! or the archive itself (by its file name).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// A size a page states: (its line number, the file named, the bytes).
pub type StatedSize = (usize, String, u64);

/// Every `` `NAME` ... N,NNN bytes`` of `text`: the line's first
/// backticked name, for each figure on the line.
pub fn stated_sizes(text: &str) -> Vec<StatedSize> {
    let mut found = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find(" bytes") {
            let before = &rest[..at];
            let figure = before.rsplit(|c: char| !(c.is_ascii_digit() || c == ',')).next().unwrap_or("");
            let digits: String = figure.chars().filter(char::is_ascii_digit).collect();
            let name = line
                .split('`')
                .nth(1)
                .filter(|_| line[..line.len() - rest.len() + at].matches('`').count() >= 2)
                .map(|n| n.trim_start_matches('/').to_string());
            if let (Ok(bytes), Some(name)) = (digits.parse::<u64>(), name) {
                found.push((index + 1, name, bytes));
            }
            rest = &rest[at + " bytes".len()..];
        }
    }
    found
}

/// Each entry of the zip archive `archive` (a JAR, an AAR) with its
/// uncompressed size, and the archive itself under its file name.
pub fn archive_sizes(archive: &Path) -> BTreeMap<String, u64> {
    const LIST: &str = "import sys, zipfile\nfor i in zipfile.ZipFile(sys.argv[1]).infolist(): print(i.file_size, i.filename)";
    let out = crate::run(Command::new("python3").args(["-c", LIST]).arg(archive));
    let mut sizes: BTreeMap<String, u64> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_once(' '))
        .map(|(size, name)| (name.to_string(), size.parse().unwrap()))
        .collect();
    let file = archive.file_name().unwrap().to_string_lossy().into_owned();
    sizes.insert(file, std::fs::metadata(archive).unwrap().len());
    sizes
}

/// Panics, naming `page` and line, where a size stated in `text` (the page's
/// text) is not that of the product in `actual`, or names no product there;
/// returns how many sizes were checked (at least one, or it panics).
pub fn check_stated_sizes(page: &str, text: &str, actual: &BTreeMap<String, u64>) -> usize {
    let stated = stated_sizes(text);
    assert!(!stated.is_empty(), "{page} states no size to check");
    let wrong: Vec<String> = stated
        .iter()
        .filter(|(_, name, bytes)| actual.get(name) != Some(bytes))
        .map(|(line, name, bytes)| match actual.get(name) {
            Some(real) => format!("{page}:{line}: `{name}` is {real} bytes, the page says {bytes}"),
            None => format!("{page}:{line}: `{name}` ({bytes} bytes) is not a product the check built"),
        })
        .collect();
    assert!(wrong.is_empty(), "sizes that differ from the build:\n{}", wrong.join("\n"));
    stated.len()
}
