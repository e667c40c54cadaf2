//! The project's own tasks, run from anywhere in the repository as `cargo xtask <command>`:
//!
//! - `cargo xtask generate` writes every committed file that is derived from
//!   the catalog (`src/catalog/`) or from the JNI entry points (`src/jni.rs`,
//!   read by `jni`): the C header, the catalog page (`docs/catalog.md`), the
//!   Python and Java files, the JNI rows of `api/c-symbols.tsv`, the linker
//!   version script and the man pages. Each comes from a module of its own
//!   (`header`, `catalog_doc`, `python`, `java`, `api`, `symbols`, `man`); the
//!   Python and Java files and the overview man page from templates next to
//!   what they feed, which hold their hand-written parts.
//! - `cargo xtask generate --check` writes nothing: it lists every file that
//!   differs from a fresh generation, with its first differing line, and
//!   exits with 1 if there is one (`checks/tests/generated.rs` runs it).
//! - `cargo xtask abi` builds the C library with debug information and
//!   compares its binary interface with the baseline in `api/abi/`;
//!   `cargo xtask abi update` refreshes the baseline (module `abi`;
//!   `cargo xtask check abi` runs it as a check, `checks/tests/abi.rs`).
//!
//! A malformed catalog or template stops it with `error: file:line: reason`,
//! every problem at once, and exit status 1.

mod abi;
mod api;
mod catalog_doc;
mod check;
mod constants;
mod header;
mod java;
mod jni;
mod man;
mod man_catalogs;
mod python;
mod symbols;
mod template;

#[path = "../../src/catalog/source.rs"]
mod source;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::{env, fs};

use constants::Contract;
use source::Catalog;

/// Who writes the generated files, as their banners name it.
pub const GENERATOR: &str = "`cargo xtask generate`";
/// How to refresh the generated files, as their banners and `--check` say it.
pub const REGENERATE: &str = "cargo xtask generate";

const USAGE: &str =
    "usage: cargo xtask (generate [--check] | api | check [AREA... | all] | abi [update] [--target TRIPLE]...)
  generate          write the files generated from the catalog (src/catalog/)
  generate --check  write nothing; exit with 1 if a file differs from a fresh generation
  api               append what this build adds to the released contract (api/), then generate
  check AREA...     run the checks of those areas (checks/tests/AREA.rs); without one, list them
  check all         the full test command: the quick tests and every area
  abi               compare the C library's binary interface with its baseline (api/abi/<target>.xml);
                    exit with 1 on any difference (needs abidw and abidiff: Debian's abigail-tools)
  abi update        write the fresh description as the baseline, for a release that changes the ABI
  --target TRIPLE   only this target (repeatable); default: every target with a baseline";

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask/ is in the repository");
    let check = match args[..] {
        ["generate"] => false,
        ["generate", "--check"] => true,
        ["check", ref rest @ ..] => return check::run(root, rest),
        ["api"] => match Catalog::load_all(&root.join(source::DIR))
            .map_err(|e| e.join("\n"))
            .and_then(|c| api::append(root, &c))
        {
            Ok(appended) if appended.is_empty() => {
                println!("api/ already has every code, category, status and symbol");
                false
            }
            Ok(appended) => {
                appended.iter().for_each(|line| println!("{line}"));
                false
            }
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        },
        ["abi", ref options @ ..] => return abi_command(root, options),
        ["help" | "-h" | "--help"] => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let files = match generate(root) {
        Ok(files) => files,
        Err(errors) => {
            for e in errors {
                eprintln!("error: {e}");
            }
            return ExitCode::FAILURE;
        }
    };
    if check {
        check_files(root, &files)
    } else {
        write_files(root, &files)
    }
}

/// `cargo xtask abi [update] [--target TRIPLE]...`.
fn abi_command(root: &Path, options: &[&str]) -> ExitCode {
    let (mut update, mut targets) = (false, Vec::new());
    let mut options = options.iter();
    while let Some(option) = options.next() {
        match (*option, options.as_slice().first()) {
            ("update", _) => update = true,
            ("--target", Some(target)) => {
                targets.push(*target);
                options.next();
            }
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    if targets.is_empty() {
        targets = abi::TARGETS.to_vec();
    }
    if update {
        match abi::update(root, &targets) {
            Ok(written) => written.iter().for_each(|path| println!("wrote {path}")),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
        return ExitCode::SUCCESS;
    }
    match abi::check(root, &targets) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failures) => {
            failures.iter().for_each(|f| eprintln!("error: {f}"));
            ExitCode::FAILURE
        }
    }
}

/// Every generated file: (path from the repository root, its fresh text).
fn generate(root: &Path) -> Result<Vec<(String, String)>, Vec<String>> {
    let catalogs = Catalog::load_all(&root.join(source::DIR))?;
    let catalog = &catalogs[0];
    let contract = Contract::new(root, catalog)?;
    let jni = jni::Jni::read(root)?;
    let one = |r: Result<String, String>| r.map_err(|e| vec![e]);
    let c_symbols = api::c_symbols(root, &jni)?;
    let header = one(header::generate(root, catalog, &contract, &jni))?;
    let man_pages = man::generate(root, &catalogs, &header, &c_symbols)?;
    let mut files = vec![
        (catalog_doc::PATH, catalog_doc::generate(&catalogs)),
        (python::PATH, python::generate(root, &catalogs, &contract)?),
        (java::ERROR_CODE_PATH, java::error_code(root, catalog)?),
        (java::CONSTANTS_PATH, java::constants(root, catalog, &contract)?),
        (java::STATUS_PATH, java::status(root, catalog)?),
        (java::CATALOG_PATH, java::catalog_enum(root, &catalogs)?),
        (java::NATIVE_CLASS_PATH, java::native_class(root, &jni)?),
        (symbols::MAP_PATH, one(symbols::version_script(&c_symbols))?),
        (symbols::SYMBOLS_PATH, c_symbols),
    ]
    .into_iter()
    .map(|(path, text)| (path.to_string(), text))
    .collect::<Vec<_>>();
    // The man pages from the header's text of this run, not the committed one.
    files.extend(man_pages);
    files.insert(0, (header::PATH.to_string(), header));
    Ok(files)
}

/// The files of the directories that hold generated files only (`man/man3`)
/// that the generator no longer writes: a page of a removed function, say.
fn strays(root: &Path, files: &[(String, String)]) -> Vec<String> {
    let Ok(entries) = fs::read_dir(root.join(man::DIR)) else {
        return Vec::new();
    };
    let mut strays: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| format!("{}/{}", man::DIR, e.file_name().to_string_lossy()))
        .filter(|path| !files.iter().any(|(p, _)| p == path))
        .collect();
    strays.sort();
    strays
}

/// Writes the files that differ from their fresh text, and says which.
fn write_files(root: &Path, files: &[(String, String)]) -> ExitCode {
    let mut status = ExitCode::SUCCESS;
    for stray in strays(root, files) {
        match fs::remove_file(root.join(&stray)) {
            Ok(()) => println!("removed {stray}"),
            Err(e) => {
                eprintln!("error: {stray}: {e}");
                status = ExitCode::FAILURE;
            }
        }
    }
    for (path, text) in files {
        let full: PathBuf = root.join(path);
        if fs::read_to_string(&full).is_ok_and(|old| old == *text) {
            continue;
        }
        let written = full
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| fs::write(&full, text));
        match written {
            Ok(()) => println!("updated {path}"),
            Err(e) => {
                eprintln!("error: {path}: {e}");
                status = ExitCode::FAILURE;
            }
        }
    }
    status
}

/// Lists every file that differs from its fresh text, with the first line that does.
fn check_files(root: &Path, files: &[(String, String)]) -> ExitCode {
    let mut stale = 0;
    for stray in strays(root, files) {
        eprintln!("{stray}: is not generated any more (the generator removes it)");
        stale += 1;
    }
    for (path, fresh) in files {
        let committed = match fs::read_to_string(root.join(path)) {
            Ok(text) if text == *fresh => continue,
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                eprintln!("{path}: is missing");
                stale += 1;
                continue;
            }
            Err(e) => {
                eprintln!("{path}: cannot be read ({e})");
                stale += 1;
                continue;
            }
        };
        stale += 1;
        let (mut have, mut want) = (committed.lines(), fresh.lines());
        let mut line = 1;
        loop {
            match (have.next(), want.next()) {
                (None, None) => {
                    eprintln!("{path}: differs from a fresh generation in its line endings");
                    break;
                }
                (a, b) if a == b => line += 1,
                (a, b) => {
                    eprintln!("{path}: differs from a fresh generation at line {line}");
                    eprintln!("    committed: {}", a.unwrap_or("(end of file)"));
                    eprintln!("    generated: {}", b.unwrap_or("(end of file)"));
                    break;
                }
            }
        }
    }
    if stale == 0 {
        return ExitCode::SUCCESS;
    }
    eprintln!(
        "error: {stale} generated file(s) are not current. They are generated: do not edit them by hand \
         (edit src/catalog/, src/jni.rs or the templates instead), and refresh them with:\n    {REGENERATE}"
    );
    ExitCode::FAILURE
}
