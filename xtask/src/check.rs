//! `cargo xtask check [AREA... | all] [-- TEST-ARGS]`: the checks that run
//! other programs, one area per file of `checks/tests/` (its `//!` line says
//! what it covers), and `all`, the full test command: the quick tests, the C
//! library's package, every area and xtask's own tests, in one `cargo test`
//! that goes on past a failure (`--no-fail-fast`) so that one broken check
//! cannot hide another.
//!
//! A check whose tool is missing prints `SKIPPED: why` and passes, except
//! under CI (`CI` set), where it fails (checks/src/lib.rs, `skip`). The skips
//! of this run are listed again at the end, where they cannot be missed.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::SystemTime;
use std::{env, fs};

/// Where the areas are: one test file each.
const AREAS_DIR: &str = "checks/tests";
/// The checks' package.
const PACKAGE: &str = "iot-error-codes-checks";
/// Where `skip` logs every skip, one line each, starting with its Unix time.
const SKIP_LOG: &str = "target/skipped-tests.txt";

/// Runs the areas named in `args` (or lists them), and returns cargo's status.
pub fn run(root: &Path, args: &[&str]) -> ExitCode {
    let (names, test_args) = match args.iter().position(|a| *a == "--") {
        Some(i) => (&args[..i], &args[i + 1..]),
        None => (args, &[][..]),
    };
    let areas = match areas(root) {
        Ok(areas) => areas,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    if names.is_empty() {
        println!(
            "usage: cargo xtask check (AREA... | all) [-- TEST-ARGS]\n\nareas ({AREAS_DIR}/AREA.rs or AREA/main.rs):"
        );
        for (name, about) in &areas {
            println!("  {name:<14} {about}");
        }
        println!(
            "  {:<14} cargo test of the whole workspace: the quick tests and every area",
            "all"
        );
        return ExitCode::SUCCESS;
    }
    let mut cargo = Command::new(env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cargo.current_dir(root).args(["test", "--no-fail-fast"]);
    if names == ["all"] {
        cargo.arg("--workspace");
    } else {
        cargo.args(["--package", PACKAGE]);
        for name in names {
            if !areas.iter().any(|(area, _)| area == name) {
                let known: Vec<&str> = areas.iter().map(|(a, _)| a.as_str()).collect();
                eprintln!("error: no area {name:?}: the areas are all, {}", known.join(", "));
                return ExitCode::from(2);
            }
            cargo.args(["--test", name]);
        }
    }
    if !test_args.is_empty() {
        cargo.arg("--").args(test_args);
    }
    let started = SystemTime::now();
    let status = match cargo.status() {
        Ok(status) => status,
        Err(e) => {
            eprintln!("error: cannot run cargo: {e}");
            return ExitCode::FAILURE;
        }
    };
    report_skips(&root.join(SKIP_LOG), started);
    if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Every area: (name, the first sentence of its file's `//!` documentation).
fn areas(root: &Path) -> Result<Vec<(String, String)>, String> {
    let dir = root.join(AREAS_DIR);
    let entries = fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    // An area is AREA.rs, or a folder AREA/ whose main.rs holds its modules (cargo's layout).
    let mut files: Vec<(String, PathBuf)> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter_map(|p| {
            if p.extension().is_some_and(|x| x == "rs") {
                Some((p.file_stem()?.to_string_lossy().into_owned(), p))
            } else if p.join("main.rs").is_file() {
                Some((p.file_name()?.to_string_lossy().into_owned(), p.join("main.rs")))
            } else {
                None
            }
        })
        .collect();
    files.sort();
    Ok(files
        .into_iter()
        .map(|(name, path)| {
            let text = fs::read_to_string(path).unwrap_or_default();
            (name, first_sentence(&text))
        })
        .collect())
}

/// The first sentence of a file's leading `//!` documentation.
fn first_sentence(text: &str) -> String {
    let doc: Vec<&str> = text
        .lines()
        .map_while(|line| line.strip_prefix("//!"))
        .map(str::trim)
        .collect();
    let doc = doc.join(" ");
    let sentence = doc.find(". ").map_or(doc.as_str(), |end| &doc[..=end]);
    match sentence.char_indices().nth(88) {
        Some((cut, _)) => format!("{}...", &sentence[..cut]),
        None => sentence.to_string(),
    }
}

/// Prints the skips logged since `started` again, after cargo's own output.
fn report_skips(log: &Path, started: SystemTime) {
    let since = started
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let text = fs::read_to_string(log).unwrap_or_default();
    let skipped: Vec<&str> = text
        .lines()
        .filter(|line| {
            line.split_once(' ')
                .and_then(|(secs, _)| secs.parse::<u64>().ok())
                .is_some_and(|secs| secs >= since)
        })
        .collect();
    if !skipped.is_empty() {
        eprintln!("\n{} check(s) skipped in this run ({SKIP_LOG}):", skipped.len());
        for line in skipped {
            eprintln!("  {}", line.split_once(' ').map_or(line, |(_, rest)| rest));
        }
    }
}
