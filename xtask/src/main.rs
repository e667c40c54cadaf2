//! The project's own tasks, run from anywhere in the repository as `cargo xtask <command>`:
//!
//! - `cargo xtask generate` writes every committed file that is derived from
//!   the catalog (`src/catalog/`) or from the JNI entry points (`src/jni.rs`,
//!   read by `jni`): the C header, the catalog page (`docs/catalog.md`), the
//!   Python and Java files, the JNI rows of `api/c-symbols.tsv` and the linker
//!   version script. Each comes from a module of its own (`header`,
//!   `catalog_doc`, `python`, `java`, `api`, `symbols`); the Python and Java files from
//!   templates next to what they feed, which hold their hand-written parts.
//! - `cargo xtask generate --check` writes nothing: it lists every file that
//!   differs from a fresh generation, with its first differing line, and
//!   exits with 1 if there is one (`checks/tests/generated.rs` runs it).
//!
//! A malformed catalog or template stops it with `error: file:line: reason`,
//! every problem at once, and exit status 1.

mod api;
mod catalog_doc;
mod check;
mod constants;
mod header;
mod java;
mod jni;
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

const USAGE: &str = "usage: cargo xtask (generate [--check] | api | check [AREA... | all])
  generate          write the files generated from the catalog (src/catalog/)
  generate --check  write nothing; exit with 1 if a file differs from a fresh generation
  api               append what this build adds to the released contract (api/), then generate
  check AREA...     run the checks of those areas (checks/tests/AREA.rs); without one, list them
  check all         the full test command: the quick tests and every area";

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
        ["api"] => match Catalog::load(&root.join(source::DIR))
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

/// Every generated file: (path from the repository root, its fresh text).
fn generate(root: &Path) -> Result<Vec<(&'static str, String)>, Vec<String>> {
    let catalog = Catalog::load(&root.join(source::DIR))?;
    let contract = Contract::new(root, &catalog)?;
    let jni = jni::Jni::read(root)?;
    let one = |r: Result<String, String>| r.map_err(|e| vec![e]);
    let c_symbols = api::c_symbols(root, &jni)?;
    Ok(vec![
        (header::PATH, one(header::generate(root, &catalog, &contract, &jni))?),
        (catalog_doc::PATH, catalog_doc::generate(&catalog)),
        (python::PATH, python::generate(root, &catalog, &contract)?),
        (java::ERROR_CODE_PATH, java::error_code(root, &catalog)?),
        (java::CONSTANTS_PATH, java::constants(root, &catalog, &contract)?),
        (java::STATUS_PATH, java::status(root, &catalog)?),
        (java::NATIVE_CLASS_PATH, java::native_class(root, &jni)?),
        (symbols::MAP_PATH, one(symbols::version_script(&c_symbols))?),
        (symbols::SYMBOLS_PATH, c_symbols),
    ])
}

/// Writes the files that differ from their fresh text, and says which.
fn write_files(root: &Path, files: &[(&str, String)]) -> ExitCode {
    let mut status = ExitCode::SUCCESS;
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
fn check_files(root: &Path, files: &[(&str, String)]) -> ExitCode {
    let mut stale = 0;
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
