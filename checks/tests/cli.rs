//! One command-line contract for the three command lines: the Rust example
//! `describe`, `python -m iot_error_codes` and Java's `iot.errorcodes.Main`
//! print the same bytes on stdout and stderr and exit with the same status
//! for the same arguments (bindings/usage.txt is their help text).

use iot_error_codes_checks as common;

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The argument lists every command line is run with: lookups, the success
/// code, unknown codes, JSON, the whole list, help and every usage error.
const CASES: &[&[&str]] = &[
    &["D00004", "--lang", "en", "00000", "d00017", "zz"],
    &["--json", "g20903", "00000", "X"],
    &["--json", "--list", "--lang", "en-US"],
    &["--list"],
    &["--lang", "zh_CN.UTF-8", "lc0001", "G20903", "D0000中"],
    &["--json", "D00004", "a\"b\\c\td"],
    &["--help"],
    &["-x", "--help"],
    &[],
    &["--json"],
    &["-x", "--lang"],
    &["--list", "D00004"],
    &["--lang", "--json", "D00004"],
    &["D00004", "-"],
];

/// The Rust example, built once per test process by a nested cargo ([`common::example`]).
fn rust_command() -> Command {
    static DESCRIBE: OnceLock<PathBuf> = OnceLock::new();
    Command::new(DESCRIBE.get_or_init(|| common::example("describe")))
}

fn python_command() -> Command {
    let mut cmd = Command::new("python3");
    cmd.args(["-m", "iot_error_codes"])
        .env("PYTHONPATH", common::root().join("bindings/python"))
        .env("IOT_ERROR_CODES_LIBRARY", common::shared_lib());
    cmd
}

/// The Java sources compiled once into a scratch directory.
fn java_classes() -> &'static PathBuf {
    static CLASSES: OnceLock<PathBuf> = OnceLock::new();
    CLASSES.get_or_init(|| {
        let classes = common::scratch("cli-java-classes");
        let sources: Vec<PathBuf> = std::fs::read_dir(common::root().join("bindings/java/src/iot/errorcodes"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "java"))
            .collect();
        common::run(
            Command::new("javac")
                .args(["-encoding", "UTF-8", "-d"])
                .arg(&classes)
                .args(&sources),
        );
        classes
    })
}

fn java_command() -> Command {
    let mut cmd = Command::new("java");
    cmd.arg("-cp")
        .arg(java_classes())
        .arg(format!("-Diot.errorcodes.library={}", common::shared_lib().display()))
        .arg("iot.errorcodes.Main");
    cmd
}

/// A command line to compare with the Rust example: its name and how to start it.
type CommandLine = (&'static str, fn() -> Command);

fn run(mut cmd: Command, args: &[&str]) -> Output {
    cmd.args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"))
}

fn show(out: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}--- stderr\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn the_three_command_lines_agree() {
    let mut others: Vec<CommandLine> = Vec::new();
    if common::require("python3") {
        others.push(("python -m iot_error_codes", python_command));
    }
    if common::require("javac") {
        others.push(("java iot.errorcodes.Main", java_command));
    }
    for args in CASES {
        let want = run(rust_command(), args);
        assert!(
            !want.stdout.is_empty() || !want.stderr.is_empty(),
            "{args:?}: the Rust example printed nothing"
        );
        for (name, command) in &others {
            let have = run(command(), args);
            assert!(
                have.status.code() == want.status.code() && have.stdout == want.stdout && have.stderr == want.stderr,
                "{name} {args:?} differs from the Rust example.\n=== {name}\n{}\n=== describe\n{}",
                show(&have),
                show(&want)
            );
        }
    }
}

#[test]
fn exit_statuses_follow_the_contract() {
    for (args, status) in [
        (&["D00004"][..], 0),
        (&["00000"], 0),
        (&["D00004", "D00014"], 1),
        (&["--json", "D00014"], 1),
        (&["--help"], 0),
        (&[], 2),
        (&["--bogus", "D00004"], 2),
    ] {
        let out = run(rust_command(), args);
        assert_eq!(out.status.code(), Some(status), "describe {args:?}:\n{}", show(&out));
    }
    let help = run(rust_command(), &["--help"]);
    let usage = std::fs::read_to_string(common::root().join("bindings/usage.txt")).unwrap();
    assert_eq!(
        String::from_utf8(help.stdout).unwrap(),
        usage.replace("@CATALOG_VERSION@", iot_error_codes::CATALOG_VERSION)
    );
}
