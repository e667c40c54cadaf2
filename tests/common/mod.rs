//! Helpers shared by the integration tests that build and run other programs.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::{env, fs};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The directory holding `libiot_error_codes.so` and `libiot_error_codes.a`,
/// built for the tests (debug profile) by a nested `cargo build --lib` the
/// first time it is asked for in a test process. `cargo test` itself does not
/// reliably leave the cdylib and staticlib in `target/debug` (building only
/// some test targets makes just the rlib), so tests never rely on that.
pub fn profile_dir() -> PathBuf {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT
        .get_or_init(|| {
            let target = nested_target_dir("lib");
            run(Command::new(env!("CARGO"))
                .args(["build", "--lib", "--quiet"])
                .current_dir(root())
                .env("CARGO_TARGET_DIR", &target));
            target.join("debug")
        })
        .clone()
}

pub fn shared_lib() -> PathBuf {
    profile_dir().join("libiot_error_codes.so")
}

pub fn static_lib() -> PathBuf {
    profile_dir().join("libiot_error_codes.a")
}

/// A fresh, empty scratch directory for one test.
pub fn scratch(label: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(label);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// A target directory for cargo run from inside a test: the outer `cargo test`
/// holds the lock on its own one.
pub fn nested_target_dir(label: &str) -> PathBuf {
    root().join("target").join("nested").join(label)
}

/// Whether `tool` is on PATH. A tool the base machine lacks is installed by
/// `.ci/run`: under CI (`CI` set) a missing tool fails the test; elsewhere the
/// test says what it skipped and how to get the tool (see [`skip`]).
pub fn require(tool: &str) -> bool {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        skip(&format!("{tool} is not installed (bash .ci/run installs it)"));
    }
    found
}

/// Reports that the calling test skipped its check because of `reason` (a
/// missing tool, toolchain or target, and how to get it); the test then returns.
/// Under CI (`CI` set, as `.ci/run` does after installing everything) it panics
/// instead: there a skip is a failure.
///
/// libtest captures what `print!` and `eprint!` write in a test and shows it
/// only if the test fails, so a skipped test that passes would say nothing.
/// This writes the line with `std::io::stderr()`'s `Write` impl, which goes
/// straight to the process's stderr around the capture, so it shows in the
/// terminal and in a CI log alike, between cargo test's own lines. It is also
/// appended to `target/skipped-tests.txt`, one line per skip with the time and
/// the test binary, for a look after a long run.
pub fn skip(reason: &str) {
    use std::io::Write;
    let test = std::thread::current().name().unwrap_or("?").to_string();
    if env::var_os("CI").is_some() {
        panic!("{test}: {reason}; under CI nothing may be skipped: .ci/run must provide it");
    }
    // The test binary, "hardening-0123abcd" -> "hardening".
    let exe = env::args().next().unwrap_or_default();
    let exe = Path::new(&exe)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let binary = exe.rsplit_once('-').map_or(exe.as_str(), |(name, _)| name);
    let line = format!("SKIPPED: {test}: {reason}");
    let _ = writeln!(std::io::stderr(), "{line}");
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let log = root().join("target/skipped-tests.txt");
    let _ = fs::create_dir_all(log.parent().unwrap());
    if let Ok(mut file) = fs::OpenOptions::new().create(true).append(true).open(&log) {
        let _ = writeln!(file, "{secs} {binary}: {line}");
    }
}

/// Runs a command and returns its output; panics with everything it printed if it fails.
pub fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    if !out.status.success() {
        panic!(
            "{cmd:?} failed ({})\n--- stdout\n{}\n--- stderr\n{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    out
}

/// The spec file, parsed independently of build.rs: (code, Chinese text) in order.
/// Test oracles use this, never the library's own tables.
pub fn spec_rows() -> Vec<(String, String)> {
    let spec = spec_path();
    let text = fs::read_to_string(spec).unwrap();
    let mut rows = Vec::new();
    for line in text.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        // "|CODE|text|" splits into ["", CODE, text, ""].
        if cells.len() == 4 && !cells[1].is_empty() && cells[1].chars().all(|c| c.is_ascii_alphanumeric()) {
            rows.push((cells[1].to_string(), cells[2].to_string()));
        }
    }
    rows
}

/// The spec file: the one `src/catalog/uws-error-codes-v*.md`. build.rs would
/// take the highest version of several; the tests insist on exactly one, so
/// that an old spec left beside a new one is noticed.
pub fn spec_path() -> PathBuf {
    let dir = root().join("src/catalog");
    let specs: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("uws-error-codes-v") && name.ends_with(".md")
        })
        .collect();
    assert_eq!(
        specs.len(),
        1,
        "src/catalog must hold exactly one spec file, found {specs:?}"
    );
    specs.into_iter().next().unwrap()
}

/// The `iot_error_*` functions the committed header declares.
pub fn header_functions() -> std::collections::BTreeSet<String> {
    let header = fs::read_to_string(root().join("include/iot_error_codes.h")).unwrap();
    let functions: std::collections::BTreeSet<String> = header
        .lines()
        .filter(|l| !l.starts_with(['#', ' ', '/', '*']) && l.ends_with(");"))
        .filter_map(|l| {
            let name = l.split('(').next()?.rsplit([' ', '*']).next()?;
            name.starts_with("iot_error_").then(|| name.to_string())
        })
        .collect();
    assert!(
        functions.len() >= 11,
        "the header declares too few functions: {functions:?}"
    );
    functions
}

/// How a test program links the library.
#[derive(Clone, Copy, Debug)]
pub enum Link {
    Shared,
    Static,
}

/// Compiles the C or C++ program `source` (relative to the root) with
/// `compiler` and `std`, warnings as errors plus `flags`, against `include/`
/// and the library linked as `link`; returns the executable.
pub fn compile(label: &str, compiler: &str, std: &str, source: &str, flags: &[&str], link: Link) -> PathBuf {
    let exe = scratch(label).join(label);
    let mut cmd = Command::new(compiler);
    cmd.args([std, "-Wall", "-Wextra", "-Werror", "-g", "-O1", "-pthread"])
        .args(flags)
        .arg("-I")
        .arg(root().join("include"))
        .arg(root().join(source))
        .arg("-o")
        .arg(&exe);
    match link {
        Link::Shared => {
            let dir = profile_dir();
            cmd.arg(format!("-L{}", dir.display()))
                .arg("-liot_error_codes")
                .arg(format!("-Wl,-rpath,{}", dir.display()));
        }
        // What a Rust staticlib needs on Linux besides -pthread (`--print native-static-libs`).
        Link::Static => {
            cmd.arg(static_lib()).args(["-ldl", "-lm"]);
        }
    }
    run(&mut cmd);
    exe
}

/// The body of the first ```lang block after `after` in `text` (the README, say);
/// panics if there is none.
pub fn fenced_block<'a>(text: &'a str, after: &str, lang: &str) -> &'a str {
    let from = text.find(after).unwrap_or_else(|| panic!("no {after:?} in the text"));
    let fence = format!("```{lang}\n");
    let start = from
        + text[from..]
            .find(&fence)
            .unwrap_or_else(|| panic!("no ```{lang} block after {after:?}"))
        + fence.len();
    let end = start + text[start..].find("```\n").expect("an unclosed block");
    &text[start..end]
}

/// One record of tests/vectors.txt (its header documents the format).
#[derive(Debug)]
pub struct Vector {
    /// `hit`, `miss`, `bytes`, `tag` or `notag`.
    pub kind: String,
    /// The input as bytes: UTF-8, a lone surrogate as its 3-byte WTF-8 form.
    pub input: Vec<u8>,
    /// What it must give: the spec code (hit) or the language tag (tag); empty otherwise.
    pub expect: String,
    /// `file:line`, for messages.
    pub at: String,
}

/// Every record of tests/vectors.txt, the test inputs all languages share.
pub fn vectors() -> Vec<Vector> {
    let path = root().join("tests/vectors.txt");
    let text = fs::read_to_string(&path).unwrap();
    let mut vectors = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let at = format!("tests/vectors.txt:{}", i + 1);
        let fields: Vec<&str> = line.split('\t').collect();
        let (kind, input, expect) = match fields[..] {
            [kind, input] => (kind, input, ""),
            [kind, input, expect] => (kind, input, expect),
            _ => panic!("{at}: expected KIND<TAB>INPUT[<TAB>EXPECTED]"),
        };
        let input = unescape(input).unwrap_or_else(|e| panic!("{at}: {e}"));
        vectors.push(Vector {
            kind: kind.to_string(),
            input,
            expect: expect.to_string(),
            at,
        });
    }
    vectors
}

/// The bytes a field of tests/vectors.txt stands for (see its header).
fn unescape(field: &str) -> Result<Vec<u8>, String> {
    fn push_unit(out: &mut Vec<u8>, pending: &mut Option<u16>, unit: u16) {
        if let Some(high) = pending.take() {
            if (0xDC00..0xE000).contains(&unit) {
                let c = 0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
                out.extend(char::from_u32(c).unwrap().to_string().as_bytes());
                return;
            }
            out.extend(wtf8(high));
        }
        if (0xD800..0xDC00).contains(&unit) {
            *pending = Some(unit);
        } else {
            out.extend(wtf8(unit));
        }
    }
    fn wtf8(unit: u16) -> Vec<u8> {
        let u = u32::from(unit);
        match char::from_u32(u) {
            Some(c) => c.to_string().into_bytes(),
            None => vec![
                0xE0 | (u >> 12) as u8,
                0x80 | ((u >> 6) & 0x3F) as u8,
                0x80 | (u & 0x3F) as u8,
            ],
        }
    }
    let mut out = Vec::new();
    let mut pending: Option<u16> = None;
    let mut last: Vec<u8> = Vec::new();
    let mut chars = field.chars().peekable();
    while let Some(c) = chars.next() {
        let before = out.len();
        if c != '\\' {
            if let Some(high) = pending.take() {
                out.extend(wtf8(high));
            }
            let mut buf = [0; 4];
            out.extend(c.encode_utf8(&mut buf).as_bytes());
        } else {
            let kind = chars.next().ok_or("a lone backslash at the end")?;
            let mut take = |n: usize| -> Result<String, String> {
                let s: String = chars.by_ref().take(n).collect();
                (s.len() == n)
                    .then_some(s)
                    .ok_or(format!("\\{kind} needs {n} characters"))
            };
            match kind {
                't' | 'n' | '0' | '\\' => {
                    if let Some(high) = pending.take() {
                        out.extend(wtf8(high));
                    }
                    out.push(match kind {
                        't' => b'\t',
                        'n' => b'\n',
                        '0' => 0,
                        _ => b'\\',
                    });
                }
                'x' => out.push(u8::from_str_radix(&take(2)?, 16).map_err(|e| e.to_string())?),
                'u' => {
                    let unit = u16::from_str_radix(&take(4)?, 16).map_err(|e| e.to_string())?;
                    push_unit(&mut out, &mut pending, unit);
                }
                '*' => {
                    let digits: String = std::iter::from_fn(|| chars.next_if(char::is_ascii_digit)).collect();
                    let n: usize = digits.parse().map_err(|_| "\\* needs a count".to_string())?;
                    for _ in 1..n {
                        out.extend_from_slice(&last);
                    }
                    continue;
                }
                other => return Err(format!("unknown escape \\{other}")),
            }
        }
        if out.len() > before {
            last = out[before..].to_vec();
        }
    }
    if let Some(high) = pending {
        out.extend(wtf8(high));
    }
    Ok(out)
}
