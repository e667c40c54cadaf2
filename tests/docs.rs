//! Every relative link of the documentation (README.md and docs/*.md) leads
//! somewhere: to a file or directory of the repository and, when it has a
//! `#anchor` into a Markdown page, to a heading of that page, by GitHub's
//! slugs. A broken link fails, named by file:line. Links with a scheme
//! (`https:`, `mailto:`) are not followed.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Component, Path, PathBuf};

/// The repository root.
fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The documentation: README.md and every docs/*.md, by path from the root.
fn documentation() -> BTreeMap<PathBuf, String> {
    let mut pages = BTreeMap::new();
    let mut paths = vec![PathBuf::from("README.md")];
    for entry in fs::read_dir(root().join("docs")).expect("docs/") {
        let name = PathBuf::from(entry.unwrap().file_name());
        if name.extension().is_some_and(|e| e == "md") {
            paths.push(Path::new("docs").join(name));
        }
    }
    for path in paths {
        let text = fs::read_to_string(root().join(&path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        pages.insert(path, text);
    }
    pages
}

/// The lines of `text` outside fenced code blocks, with their line numbers (from 1).
fn prose_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut fence: Option<&str> = None;
    text.lines().enumerate().filter_map(move |(i, line)| {
        let trimmed = line.trim_start();
        let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        match (fence, marker) {
            (None, Some(m)) => {
                fence = Some(m);
                None
            }
            (Some(open), Some(m)) if m == open && trimmed.trim_end() == m => {
                fence = None;
                None
            }
            (Some(_), _) => None,
            (None, None) => Some((i + 1, line)),
        }
    })
}

/// `line` without its inline code spans (a link inside one is not a link).
fn without_code(line: &str) -> String {
    line.split('`').step_by(2).collect()
}

/// The targets of the inline links and images of `line`: what stands in `](...)`.
fn link_targets(line: &str) -> Vec<String> {
    let line = without_code(line);
    let mut targets = Vec::new();
    let mut rest = line.as_str();
    while let Some(at) = rest.find("](") {
        rest = &rest[at + 2..];
        let end = rest.find(')').unwrap_or(rest.len());
        // A link may carry a title after its target: `[a](b "title")`.
        let target = rest[..end].split_whitespace().next().unwrap_or("");
        targets.push(target.trim_matches(|c| c == '<' || c == '>').to_string());
        rest = &rest[end..];
    }
    targets
}

/// GitHub's anchor for a heading's text: inline links reduced to their text,
/// lowercase, every character but letters, digits, `-`, `_` and spaces
/// dropped, spaces made hyphens.
fn slug(heading: &str) -> String {
    let mut text = String::new();
    let mut rest = heading;
    // `[text](target)` -> `text`
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find("](").map(|c| open + c) else {
            break;
        };
        let Some(end) = rest[close..].find(')').map(|e| close + e) else {
            break;
        };
        text.push_str(&rest[..open]);
        text.push_str(&rest[open + 1..close]);
        rest = &rest[end + 1..];
    }
    text.push_str(rest);
    text.trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' '))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// The anchors of a Markdown page: one per ATX heading, a repeated slug
/// numbered `-1`, `-2`, ... as GitHub does.
fn anchors(text: &str) -> Vec<String> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut anchors = Vec::new();
    for (_, line) in prose_lines(text) {
        let hashes = line.len() - line.trim_start_matches('#').len();
        if !(1..=6).contains(&hashes) || !line[hashes..].starts_with(' ') {
            continue;
        }
        let base = slug(line[hashes..].trim_end_matches('#'));
        let n = seen.entry(base.clone()).or_insert(0);
        anchors.push(if *n == 0 { base.clone() } else { format!("{base}-{n}") });
        *n += 1;
    }
    anchors
}

/// `path` with `.` and `..` resolved, or None if it climbs out of the repository.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::Normal(p) => out.push(p),
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

/// Every broken relative link of `pages`, as `file:line: link: reason`.
/// Files and directories are looked for under `root`; anchors into a page of
/// `pages` are checked against that text, into any other Markdown file
/// against the file.
fn broken_links(root: &Path, pages: &BTreeMap<PathBuf, String>) -> Vec<String> {
    let mut broken = Vec::new();
    for (page, text) in pages {
        let dir = page.parent().unwrap_or(Path::new(""));
        for (line_no, line) in prose_lines(text) {
            for target in link_targets(line) {
                let at = format!("{}:{line_no}: ({target})", page.display());
                if target.contains(':') && !target.starts_with('#') {
                    continue; // https:, mailto:, ...
                }
                let (file, anchor) = match target.split_once('#') {
                    Some((file, anchor)) => (file, Some(anchor)),
                    None => (target.as_str(), None),
                };
                if file.is_empty() && anchor.is_none() {
                    broken.push(format!("{at}: an empty link"));
                    continue;
                }
                let resolved = if file.is_empty() {
                    Some(page.clone())
                } else {
                    normalize(&dir.join(file))
                };
                let Some(resolved) = resolved else {
                    broken.push(format!("{at}: leads out of the repository"));
                    continue;
                };
                let on_disk = root.join(&resolved);
                if !pages.contains_key(&resolved) && !on_disk.exists() {
                    broken.push(format!("{at}: no file {}", resolved.display()));
                    continue;
                }
                let Some(anchor) = anchor else { continue };
                if resolved.extension().map_or(true, |e| e != "md") {
                    continue; // an anchor into a source file is a line number, not a heading
                }
                let target_text = match pages.get(&resolved) {
                    Some(text) => text.clone(),
                    None => fs::read_to_string(&on_disk).unwrap_or_default(),
                };
                if !anchors(&target_text).iter().any(|a| a == anchor) {
                    broken.push(format!("{at}: {} has no heading #{anchor}", resolved.display()));
                }
            }
        }
    }
    broken
}

#[test]
fn every_relative_link_of_the_documentation_resolves() {
    let pages = documentation();
    assert!(pages.len() > 1, "no docs/*.md found");
    let broken = broken_links(root(), &pages);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

/// The README links to every page of docs/ through docs/README.md, which names each.
#[test]
fn the_docs_index_links_every_page() {
    let pages = documentation();
    let index = &pages[Path::new("docs/README.md")];
    let linked: Vec<String> = prose_lines(index).flat_map(|(_, l)| link_targets(l)).collect();
    for page in pages
        .keys()
        .filter(|p| p.starts_with("docs") && !p.ends_with("README.md"))
    {
        let name = page.file_name().unwrap().to_str().unwrap();
        assert!(
            linked.iter().any(|t| t.split('#').next() == Some(name)),
            "docs/README.md does not link {name}"
        );
    }
    assert!(link_targets(&pages[Path::new("README.md")].replace('\n', " ")).contains(&"docs/README.md".to_string()));
}

// The checker itself, on pages made up here: it must find what is broken.

fn made_up(pages: &[(&str, &str)]) -> BTreeMap<PathBuf, String> {
    pages.iter().map(|(p, t)| (PathBuf::from(p), t.to_string())).collect()
}

#[test]
fn slugs_are_githubs() {
    assert_eq!(slug("Installing (pkg-config, CMake)"), "installing-pkg-config-cmake");
    assert_eq!(
        slug("OpenWrt (musl): no cross compiler needed"),
        "openwrt-musl-no-cross-compiler-needed"
    );
    assert_eq!(
        slug("Bare-metal Cortex-M (thumbv7em-none-eabihf)"),
        "bare-metal-cortex-m-thumbv7em-none-eabihf"
    );
    assert_eq!(slug("The `iot_error_*` functions"), "the-iot_error_-functions");
    assert_eq!(slug("See [the C page](c.md)"), "see-the-c-page");
    assert_eq!(slug("Acting on a retCode"), "acting-on-a-retcode");
    assert_eq!(
        anchors("# A\n## A\n```\n# not a heading\n```\n#nope\n### A\n"),
        ["a", "a-1", "a-2"]
    );
}

#[test]
fn a_missing_file_is_named_by_file_and_line() {
    let pages = made_up(&[("docs/x.md", "# X\n\nsee [y](y.md) and [the readme](../README.md)\n")]);
    assert_eq!(broken_links(root(), &pages), ["docs/x.md:3: (y.md): no file docs/y.md"]);
}

#[test]
fn a_missing_heading_is_named_by_file_and_line() {
    let pages = made_up(&[
        (
            "docs/a.md",
            "# A\n\n## Here\n\n[ok](#here) [ok](b.md#there)\n[bad](#nowhere)\n[bad](b.md#here)\n",
        ),
        ("docs/b.md", "# B\n\n## There\n"),
    ]);
    assert_eq!(
        broken_links(root(), &pages),
        [
            "docs/a.md:6: (#nowhere): docs/a.md has no heading #nowhere",
            "docs/a.md:7: (b.md#here): docs/b.md has no heading #here"
        ]
    );
}

#[test]
fn links_in_code_external_links_and_files_on_disk_are_handled() {
    let pages = made_up(&[(
        "README.md",
        "[web](https://example.com) `[not](a-link.md)` [src](src/lib.rs) [dir](docs/)\n\
         ```\n[not](a-link.md)\n```\n[out](../outside.md)\n",
    )]);
    assert_eq!(
        broken_links(root(), &pages),
        ["README.md:5: (../outside.md): leads out of the repository"]
    );
}

// --- paths named in comments and documentation -------------------------------------

/// The extensions of the files a comment or a page may name by path.
const PATH_EXTENSIONS: &[&str] = &[
    "rs", "sh", "c", "cpp", "h", "hpp", "java", "py", "md", "toml", "tsv", "txt", "in", "xml", "json", "pro", "3",
    "cfg", "ini", "yml", "yaml",
];

/// The tracked files (`git ls-files`), by path from the root.
fn tracked_files() -> Vec<String> {
    let out = std::process::Command::new("git")
        .args(["ls-files"])
        .current_dir(root())
        .output()
        .expect("git ls-files (the quick tests run in a git checkout)");
    assert!(
        out.status.success(),
        "git ls-files: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// What of a file's line is prose or a comment (where a path names a file),
/// as opposed to code (where a string may be a path the code makes). `in_block`
/// carries a `/* ... */` comment over lines.
fn commented(file: &str, line: &str, in_block: &mut bool) -> String {
    let prose = [".md", ".txt", ".tsv", ".in"].iter().any(|e| file.ends_with(e)) || !file.contains(['/', '.']);
    if prose {
        return line.to_string();
    }
    let hash = [".py", ".sh", ".toml", ".tsv", ".txt", ".cfg", ".yml", ".yaml"]
        .iter()
        .any(|e| file.ends_with(e))
        || file == ".ci/run"
        || file == "fuzz/run";
    let mut part = String::new();
    if *in_block || line.trim_start().starts_with('*') {
        part.push_str(line);
        *in_block = *in_block && !line.contains("*/");
    }
    for mark in ["//", "/*", "#"] {
        if mark == "#" && !hash {
            continue;
        }
        if let Some(i) = line.find(mark) {
            if mark != "#" || i == 0 || line[..i].ends_with([' ', '\t']) {
                part.push(' ');
                part.push_str(&line[i..]);
                if mark == "/*" && !line[i..].contains("*/") {
                    *in_block = true;
                }
            }
        }
    }
    part
}

/// The repository paths `text` names: a top-level folder of the repository
/// (one of `tops`), then a path ending in one of [`PATH_EXTENSIONS`].
/// Placeholders (`<area>`, `*`, `$VAR`, `{x}`, an UPPERCASE component) and
/// one-letter names (`x.md` in an example) are not paths.
fn named_paths(text: &str, tops: &BTreeSet<String>) -> Vec<String> {
    let is_path_char = |c: char| c.is_ascii_alphanumeric() || "_.+-/".contains(c);
    let mut found = Vec::new();
    for (start, token) in
        text.match_indices(|c: char| is_path_char(c))
            .fold(Vec::<(usize, String)>::new(), |mut acc, (i, s)| {
                match acc.last_mut() {
                    Some((start, token)) if *start + token.len() == i => token.push_str(s),
                    _ => acc.push((i, s.to_string())),
                }
                acc
            })
    {
        let before = text[..start].chars().last();
        let after = text[start + token.len()..].chars().next();
        if matches!(before, Some('<' | '*' | '{' | '$')) || matches!(after, Some('>' | '*' | '}' | '$' | '<')) {
            continue;
        }
        let token = token.strip_prefix("./").unwrap_or(&token).trim_end_matches(['.', '-']);
        let Some((top, _)) = token.split_once('/') else {
            continue;
        };
        if !tops.contains(top) {
            continue;
        }
        let Some((_, extension)) = token.rsplit_once('.') else {
            continue;
        };
        if !PATH_EXTENSIONS.contains(&extension) || token.starts_with("target/") {
            continue;
        }
        let placeholder = token.split('/').any(|c| {
            let stem = c.split('.').next().unwrap_or_default();
            stem.len() > 2 && stem.chars().all(|ch| ch.is_ascii_uppercase() || ch == '_')
        });
        let stem = token.rsplit('/').next().unwrap().split('.').next().unwrap_or_default();
        if placeholder || stem.len() <= 1 {
            continue;
        }
        found.push(token.to_string());
    }
    found
}

/// `file:line: path` for each repository path that a comment or a page of
/// `files` (path, text) names and that neither exists from the root or from a
/// folder enclosing the file, nor is a file git ignores (a generated one).
fn stale_paths(root: &Path, files: &[(String, String)]) -> Vec<String> {
    let tops: BTreeSet<String> = fs::read_dir(root)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let mut stale = Vec::new();
    for (file, text) in files {
        let mut in_block = false;
        for (number, line) in text.lines().enumerate() {
            for path in named_paths(&commented(file, line, &mut in_block), &tops) {
                let exists = Path::new(file)
                    .ancestors()
                    .skip(1)
                    .any(|dir| root.join(dir).join(&path).exists());
                let ignored = || {
                    std::process::Command::new("git")
                        .args(["check-ignore", "-q", &path])
                        .current_dir(root)
                        .status()
                        .is_ok_and(|s| s.success())
                };
                if !exists && !ignored() {
                    stale.push(format!("{file}:{}: {path}", number + 1));
                }
            }
        }
    }
    stale
}

#[test]
fn every_repository_path_in_a_comment_or_page_exists() {
    let mut files = Vec::new();
    for file in tracked_files() {
        let path = root().join(&file);
        if file.starts_with("api/abi/") || fs::metadata(&path).map_or(true, |m| !m.is_file() || m.len() > 400_000) {
            continue;
        }
        if let Ok(text) = fs::read_to_string(&path) {
            files.push((file, text));
        }
    }
    assert!(files.len() > 100, "too few tracked files read: {}", files.len());
    let stale = stale_paths(root(), &files);
    assert!(stale.is_empty(), "paths that do not exist:\n{}", stale.join("\n"));
}

#[test]
fn a_stale_path_is_named_and_placeholders_are_not() {
    // The comment marks are made, not written, so that this file's own lines hold no
    // comment naming the made-up paths.
    let (line, block) = ("/".repeat(2), format!("/{}", '*'));
    let file = |path: &str, text: String| (path.to_string(), text);
    let files = [
        file(
            "src/lib.rs",
            format!("{line}! See checks/tests/c.rs and tests/nowhere.rs.\nlet p = \"tests/code.rs\";\n"),
        ),
        file(
            "docs/x.md",
            format!("Read tests/docs.rs, checks/tests/<area>.rs, checks/tests/AREA.rs, tests{block}.rs, tests/a.rs.\n"),
        ),
        file(
            "capi/build-lib.sh",
            "# builds with capi/gone.sh\necho tests/code.rs\n".into(),
        ),
        file(
            "checks/c/x.c",
            format!("{block} a block\n * naming checks/c/missing.c\n */\n"),
        ),
    ];
    assert_eq!(
        stale_paths(root(), &files),
        [
            "src/lib.rs:1: tests/nowhere.rs",
            "capi/build-lib.sh:1: capi/gone.sh",
            "checks/c/x.c:2: checks/c/missing.c",
        ]
    );
}
