//! The sizes a page of the documentation states for build products, checked
//! against the products, in two forms:
//! - in prose, every line that gives a size as `N,NNN bytes` (exact) or
//!   `about N KB` (rounded to thousands of bytes) states the size of the file
//!   its first backticked name names: an entry of an archive (a JAR or an
//!   AAR, named as in the archive) or the archive itself (by its file name);
//! - in a table ([`Table`]), a column of bare figures (`46,576`), one per row,
//!   each the size of the product the row's first cell names.

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

/// Every count of checks `text` states for the test program `program` (a
/// path such as `checks/c/api_test.c`, or a name such as `C API test`): on
/// each line that names it, the first `N checks` after the name. Returns
/// (line number, N).
pub fn stated_counts(text: &str, program: &str) -> Vec<(usize, u64)> {
    let mut found = Vec::new();
    for (index, line) in text.lines().enumerate() {
        for (at, _) in line.match_indices(program) {
            let words: Vec<&str> = line[at + program.len()..].split_whitespace().collect();
            let count = words.windows(2).find_map(|pair| {
                let word = pair[1].trim_end_matches(|c: char| !c.is_alphanumeric());
                let number = pair[0].trim_start_matches('(').replace(',', "");
                (word == "checks").then(|| number.parse().ok()).flatten()
            });
            if let Some(count) = count {
                found.push((index + 1, count));
            }
        }
    }
    found
}

/// Panics, naming the page and line, where README.md or a page of docs/
/// states a count of checks for one of `programs` (names of one test
/// program) that is not `actual`, the count its run printed; returns how
/// many counts were compared.
pub fn check_counts(programs: &[&str], actual: u32) -> usize {
    let root = crate::root();
    let mut pages = vec![root.join("README.md")];
    let mut docs: Vec<_> = std::fs::read_dir(root.join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    docs.sort();
    pages.extend(docs);
    let mut wrong = Vec::new();
    let mut compared = 0;
    for path in &pages {
        let text = std::fs::read_to_string(path).unwrap();
        let page = path.strip_prefix(&root).unwrap().display().to_string();
        for program in programs {
            for (line, count) in stated_counts(&text, program) {
                compared += 1;
                if count != u64::from(actual) {
                    wrong.push(format!(
                        "{page}:{line}: {program} runs {} checks, the page says {}",
                        with_commas(actual.into()),
                        with_commas(count)
                    ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "counts that differ from the run:\n{}",
        wrong.join("\n")
    );
    compared
}

/// `bytes` as the pages write it: `46,576`.
pub fn with_commas(bytes: u64) -> String {
    let digits = bytes.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// A Markdown table of a page: its column names and its rows, each with its
/// line number and its cells, trimmed. A row's key is its first cell without
/// the backticks (a target triple).
pub struct Table {
    page: String,
    columns: Vec<String>,
    rows: Vec<(usize, Vec<String>)>,
}

impl Table {
    /// The first table of `text` (the text of `page`) in the section whose
    /// heading is `heading` (`## Cross targets`); panics if there is none.
    pub fn find(page: &str, text: &str, heading: &str) -> Table {
        let lines: Vec<&str> = text.lines().collect();
        let section = lines
            .iter()
            .position(|l| *l == heading)
            .unwrap_or_else(|| panic!("{page}: no heading {heading:?}"));
        let start = (section + 1..lines.len())
            .take_while(|&i| !lines[i].starts_with('#'))
            .find(|&i| lines[i].starts_with('|'))
            .unwrap_or_else(|| panic!("{page}: no table under {heading:?}"));
        Table::at(page, &lines, start)
    }

    /// The first table of `text`, which `what` printed; panics if there is none.
    pub fn first(what: &str, text: &str) -> Table {
        let lines: Vec<&str> = text.lines().collect();
        let start = lines
            .iter()
            .position(|l| l.starts_with('|'))
            .unwrap_or_else(|| panic!("{what} has no table:\n{text}"));
        Table::at(what, &lines, start)
    }

    /// The table whose header row is `lines[start]`.
    fn at(page: &str, lines: &[&str], start: usize) -> Table {
        let cells = |line: &str| -> Vec<String> {
            let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
            inner.split('|').map(|c| c.trim().to_string()).collect()
        };
        let rows = lines[start + 2..]
            .iter()
            .enumerate()
            .take_while(|(_, l)| l.starts_with('|'))
            .map(|(i, l)| (start + 3 + i, cells(l)))
            .collect();
        Table {
            page: page.to_string(),
            columns: cells(lines[start]),
            rows,
        }
    }

    /// Each row's key and the figure in `column`, for the rows that have one;
    /// panics on a cell that is neither empty nor a figure.
    pub fn figures(&self, column: &str) -> BTreeMap<String, (usize, u64)> {
        let index = self
            .columns
            .iter()
            .position(|c| c == column)
            .unwrap_or_else(|| panic!("{}: the table has no column {column:?}: {:?}", self.page, self.columns));
        let mut found = BTreeMap::new();
        for (line, cells) in &self.rows {
            let cell = cells.get(index).map(String::as_str).unwrap_or("");
            if cell.is_empty() {
                continue;
            }
            let figure = cell
                .replace(',', "")
                .parse()
                .unwrap_or_else(|_| panic!("{}:{line}: {column} is not a figure: {cell:?}", self.page));
            found.insert(cells[0].trim_matches('`').to_string(), (*line, figure));
        }
        found
    }

    /// Every row: its line number and its cells.
    pub fn rows(&self) -> impl Iterator<Item = (usize, &[String])> {
        self.rows.iter().map(|(line, cells)| (*line, cells.as_slice()))
    }

    /// Every row's key, in the page's order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.rows.iter().map(|(_, cells)| cells[0].trim_matches('`'))
    }

    /// The cell in `column` of the row whose key is `key`.
    pub fn cell(&self, key: &str, column: &str) -> &str {
        let index = self.columns.iter().position(|c| c == column).unwrap();
        let (_, cells) = self
            .rows
            .iter()
            .find(|(_, cells)| cells[0].trim_matches('`') == key)
            .unwrap_or_else(|| panic!("{}: no row {key:?}", self.page));
        &cells[index]
    }

    /// Panics, naming the page and line, unless `column` gives a figure for
    /// exactly the products of `actual` (keyed as the rows are) and the rows
    /// of `elsewhere` (which another check compares), and each of the first is
    /// that product's size; returns how many were compared.
    pub fn check_sizes(&self, column: &str, actual: &BTreeMap<String, u64>, elsewhere: &[&str]) -> usize {
        let mut stated = self.figures(column);
        stated.retain(|key, _| !elsewhere.contains(&key.as_str()));
        let mut wrong = Vec::new();
        for (key, (line, figure)) in &stated {
            match actual.get(key) {
                Some(real) if real == figure => {}
                Some(real) => wrong.push(format!(
                    "{}:{line}: {key}'s {column} is {} bytes, the page says {}",
                    self.page,
                    with_commas(*real),
                    with_commas(*figure)
                )),
                None => wrong.push(format!(
                    "{}:{line}: {key}'s {column} ({}) is not a product this check built",
                    self.page,
                    with_commas(*figure)
                )),
            }
        }
        for (key, real) in actual {
            if !stated.contains_key(key) {
                wrong.push(format!(
                    "{}: no {column} figure for {key}, which is {} bytes",
                    self.page,
                    with_commas(*real)
                ));
            }
        }
        assert!(
            wrong.is_empty(),
            "sizes that differ from the build:\n{}",
            wrong.join("\n")
        );
        stated.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_follow_the_program_they_are_of() {
        let text =
            "x\nthe C API test (2,861 checks) and checks/cpp/api_test.cpp, 201 checks;\nthe C API test, no count\n";
        assert_eq!(stated_counts(text, "C API test"), [(2, 2861)]);
        assert_eq!(stated_counts(text, "checks/cpp/api_test.cpp"), [(2, 201)]);
        assert_eq!(
            stated_counts("checks/c/x.c, in checks/c/ 12 checks.", "checks/c/x.c"),
            [(1, 12)]
        );
    }

    #[test]
    fn figures_are_written_with_commas() {
        assert_eq!(with_commas(7), "7");
        assert_eq!(with_commas(999), "999");
        assert_eq!(with_commas(46_576), "46,576");
        assert_eq!(with_commas(4_403_960), "4,403,960");
    }

    #[test]
    fn a_table_column_is_compared_row_by_row() {
        let page =
            "## Sizes\n\n| Target | `.so` | `.a` |\n|---|---:|---:|\n| `a-b` | 1,000 | |\n| `c-d` | 20 | 3 |\n\nmore\n";
        let table = Table::find("p.md", page, "## Sizes");
        let so = table.figures("`.so`");
        assert_eq!(so["a-b"], (5, 1000));
        assert_eq!(so["c-d"], (6, 20));
        assert_eq!(table.figures("`.a`").len(), 1);
        assert_eq!(table.cell("c-d", "`.a`"), "3");
        let printed = Table::first("a script", &page[10..]);
        assert_eq!(printed.rows().map(|(line, _)| line).collect::<Vec<_>>(), [3, 4]);
        let built = BTreeMap::from([("a-b".to_string(), 1000), ("c-d".to_string(), 20)]);
        assert_eq!(table.check_sizes("`.so`", &built, &[]), 2);
        let wrong = BTreeMap::from([("a-b".to_string(), 1001), ("c-d".to_string(), 20)]);
        let message = std::panic::catch_unwind(|| table.check_sizes("`.so`", &wrong, &[])).unwrap_err();
        let message = message.downcast_ref::<String>().unwrap();
        assert!(
            message.contains("p.md:5: a-b's `.so` is 1,001 bytes, the page says 1,000"),
            "{message}"
        );
        let none = BTreeMap::new();
        assert!(std::panic::catch_unwind(|| table.check_sizes("`.a`", &none, &[])).is_err());
        assert_eq!(table.check_sizes("`.a`", &none, &["c-d"]), 0);
        let more = BTreeMap::from([("a-b".to_string(), 5), ("c-d".to_string(), 3)]);
        assert!(std::panic::catch_unwind(|| table.check_sizes("`.a`", &more, &[])).is_err());
        let fewer = BTreeMap::from([("c-d".to_string(), 3)]);
        assert_eq!(table.check_sizes("`.a`", &fewer, &[]), 1);
    }
}
