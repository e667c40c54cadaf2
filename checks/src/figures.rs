//! The sizes a page of the documentation states for build products, checked
//! against the products: every line of a page that gives a size as
//! `N,NNN bytes` (exact) or `about N KB` (rounded to thousands of bytes)
//! states the size of the file its first backticked name names. The
//! file is an entry of an archive (a JAR or an AAR, named as in the archive)
//! or the archive itself (by its file name).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// A size a page states: (its line number, the file named, the size).
pub type StatedSize = (usize, String, Size);

/// How a page gives a size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Size {
    /// `N,NNN bytes`: exactly, for what the build makes byte for byte the same.
    Bytes(u64),
    /// `about N KB`: rounded to thousands of bytes, for an archive whose
    /// bytes vary from build to build (the timestamps inside a zip).
    AboutKb(u64),
}

impl Size {
    /// Whether `actual` bytes is this size.
    pub fn fits(self, actual: u64) -> bool {
        match self {
            Size::Bytes(bytes) => actual == bytes,
            Size::AboutKb(kb) => (actual + 500) / 1000 == kb,
        }
    }
}

impl std::fmt::Display for Size {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Size::Bytes(bytes) => write!(f, "{bytes} bytes"),
            Size::AboutKb(kb) => write!(f, "about {kb} KB"),
        }
    }
}

/// Every `` `NAME` ... N,NNN bytes`` and `` `NAME` ... about N KB`` of
/// `text`: the line's first backticked name, for each figure on the line.
pub fn stated_sizes(text: &str) -> Vec<StatedSize> {
    let mut found = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let Some(name) = line.split('`').nth(1).filter(|_| line.matches('`').count() >= 2) else {
            continue;
        };
        let name = name.trim_start_matches('/').to_string();
        let words: Vec<&str> = line.split_whitespace().collect();
        for (i, word) in words.iter().enumerate().skip(1) {
            let number = || -> Option<u64> {
                let figure = words[i - 1].trim_start_matches('(');
                let digits: String = figure.chars().filter(|c| *c != ',').collect();
                digits.parse().ok()
            };
            let size = if word.starts_with("bytes") {
                number().map(Size::Bytes)
            } else if word.starts_with("KB") && i >= 2 && words[i - 2] == "about" {
                number().map(Size::AboutKb)
            } else {
                None
            };
            if let Some(size) = size {
                found.push((index + 1, name.clone(), size));
            }
        }
    }
    found
}

/// Each entry of the zip archive `archive` (a JAR, an AAR) with its
/// uncompressed size, and the archive itself under its file name.
pub fn archive_sizes(archive: &Path) -> BTreeMap<String, u64> {
    const LIST: &str =
        "import sys, zipfile\nfor i in zipfile.ZipFile(sys.argv[1]).infolist(): print(i.file_size, i.filename)";
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

/// Like [`check_stated_sizes`], for a page whose other sizes are another
/// check's: only the sizes stated for a file of `actual` are compared;
/// returns how many.
pub fn check_sizes_of(page: &str, text: &str, actual: &BTreeMap<String, u64>) -> usize {
    let mine: Vec<StatedSize> = stated_sizes(text)
        .into_iter()
        .filter(|(_, name, _)| actual.contains_key(name))
        .collect();
    report(page, &mine, actual);
    mine.len()
}

/// Panics, naming `page` and line, where a size stated in `text` (the page's
/// text) is not that of the product in `actual`, or names no product there;
/// returns how many sizes were checked (at least one, or it panics).
pub fn check_stated_sizes(page: &str, text: &str, actual: &BTreeMap<String, u64>) -> usize {
    let stated = stated_sizes(text);
    assert!(!stated.is_empty(), "{page} states no size to check");
    report(page, &stated, actual);
    stated.len()
}

/// Panics with every size of `stated` that is not that of the product in `actual`.
fn report(page: &str, stated: &[StatedSize], actual: &BTreeMap<String, u64>) {
    let wrong: Vec<String> = stated
        .iter()
        .filter(|(_, name, size)| !actual.get(name).is_some_and(|real| size.fits(*real)))
        .map(|(line, name, size)| match actual.get(name) {
            Some(real) => format!("{page}:{line}: `{name}` is {real} bytes, the page says {size}"),
            None => format!("{page}:{line}: `{name}` ({size}) is not a product the check built"),
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "sizes that differ from the build:\n{}",
        wrong.join("\n")
    );
}
