//! One command-line contract for the three command lines: the Rust example
//! `describe`, `python -m iot_error_codes` and Java's `iot.errorcodes.Main`
//! print the same bytes on stdout and stderr and exit with the same status
//! for the same arguments (bindings/usage.txt is their help text).

use iot_error_codes_checks as common;

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The argument lists every command line is run with: lookups, the success
/// code, unknown codes, JSON, the whole list, help and every usage error, in
/// the default catalog and the common one (docs/catalogs.md).
const CASES: &[&[&str]] = &[
    &["--catalog", "uws-common-2021-04-05", "--json", "--list"],
    &["--catalog", "uws-common-2021-04-05", "--json", "--list", "--lang", "en"],
    &["--catalog", "uws-common-2021-04-05", "--list", "--lang", "en"],
    &[
        "--catalog",
        "uws-common-2021-04-05",
        "G20904",
        "y00001",
        "D00014",
        "00000",
        "g20903",
    ],
    &["--catalog", "uws-v1.3.0", "Y00001", "D00004"],
    &["--catalogs"],
    &["--catalogs", "--list"],
    &["--catalog", "nope", "D00004"],
    &["D00004", "--catalog"],
    &["--catalog", "--json", "D00004"],
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

/// The Rust example, built by `cargo test` next to the test binaries.
fn rust_command() -> Command {
    let deps = std::env::current_exe().unwrap().parent().unwrap().to_path_buf();
    Command::new(deps.parent().unwrap().join("examples").join("describe"))
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

/// `java` as a user starts it. Without cargo's `LD_LIBRARY_PATH`, which
/// `cargo test` points at target/debug and which the JVM adds to
/// `java.library.path`: `System.loadLibrary` would find the test build's
/// library there first, and the override rule of docs/cli.md rightly exit 3.
fn java() -> Command {
    let mut cmd = Command::new("java");
    cmd.env_remove("LD_LIBRARY_PATH");
    cmd
}

fn java_command() -> Command {
    let mut cmd = java();
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

/// For each of the 129 rows of the vendor's common table, `describe --catalog
/// uws-common-2021-04-05 CODE` prints that row's text exactly (a repeated
/// code: its first row's, the rule of docs/catalogs.md), in both languages'
/// JSON the hint verbatim or ours; the table is read by the oracle.
#[test]
fn every_row_of_the_common_table_is_described_as_the_vendor_wrote_it() {
    let rows = common::common_table_rows();
    assert_eq!(rows.len(), 129);
    let mut first: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    for (code, text, _) in &rows {
        let out = run(rust_command(), &["--catalog", "uws-common-2021-04-05", code]);
        assert_eq!(out.status.code(), Some(0), "{code}:\n{}", show(&out));
        let line = String::from_utf8(out.stdout).unwrap();
        let fields: Vec<&str> = line.trim_end_matches('\n').split('\t').collect();
        assert_eq!(fields.len(), 5, "{line:?}");
        assert_eq!(fields[0], code);
        let want = *first.entry(code.as_str()).or_insert(text.as_str());
        assert_eq!(fields[4], want, "{code}");
        assert!(want == text || ["LI0001", "LG0001"].contains(&code.as_str()), "{code}");
    }
    let english: std::collections::HashMap<String, String> = common::hint_rows("src/catalog/uws-common-2021-04-05.tsv")
        .into_iter()
        .collect();
    let hint = "一个用户只能最多绑定300个设备";
    for (lang, want) in [("zh", hint), ("en", english[hint].as_str())] {
        let out = run(
            rust_command(),
            &["--catalog", "uws-common-2021-04-05", "--json", "--lang", lang, "G20904"],
        );
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains(&format!("\"hint\": \"{want}\"\n")), "{text}");
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
        (&["--catalog", "nope", "D00004"], 2),
        (&["--catalog", "uws-common-2021-04-05", "Y00001"], 0),
        (&["Y00001"], 1),
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

/// The library-override rule of docs/cli.md: an override that does not load
/// is an error, exit 3, never a fallback to another copy. Python reads
/// `IOT_ERROR_CODES_LIBRARY`; Java `-Diot.errorcodes.library`, else the
/// variable, and here has a loadable copy at hand (java.library.path, or the
/// other setting) that it must not use. The Rust example has the catalog
/// compiled in and loads no library: the variable does not concern it.
#[test]
fn an_override_that_does_not_load_exits_3() {
    let missing = "/nonexistent/libiot_error_codes.so";
    let good = common::shared_lib();
    let mut runs: Vec<(String, Command)> = Vec::new();
    if common::require("python3") {
        let mut python = python_command();
        python.env("IOT_ERROR_CODES_LIBRARY", missing);
        runs.push((
            format!("IOT_ERROR_CODES_LIBRARY={missing} python -m iot_error_codes"),
            python,
        ));
    }
    if common::require("javac") {
        // A copy where a JAR holds it (NativeLibrary.resource()), for the loader's last step.
        let bundle = common::scratch("cli-override-bundle");
        let native = bundle.join("native/linux-x86_64");
        std::fs::create_dir_all(&native).unwrap();
        std::fs::copy(&good, native.join("libiot_error_codes.so")).unwrap();
        let class_path = std::env::join_paths([java_classes().as_path(), bundle.as_path()]).unwrap();
        let java = |property: Option<&str>, library_path: bool| {
            let mut cmd = java();
            cmd.arg("-cp").arg(&class_path);
            if let Some(property) = property {
                cmd.arg(format!("-Diot.errorcodes.library={property}"));
            }
            if library_path {
                cmd.arg(format!("-Djava.library.path={}", good.parent().unwrap().display()));
            }
            cmd.arg("iot.errorcodes.Main");
            cmd
        };
        let mut variable = java(None, false);
        variable.env("IOT_ERROR_CODES_LIBRARY", missing);
        runs.push((
            format!("IOT_ERROR_CODES_LIBRARY={missing} java (a bundled copy at hand)"),
            variable,
        ));
        let mut library_path = java(None, true);
        library_path.env("IOT_ERROR_CODES_LIBRARY", missing);
        runs.push((
            format!("IOT_ERROR_CODES_LIBRARY={missing} java (a copy on java.library.path)"),
            library_path,
        ));
        let mut property = java(Some(missing), false);
        property.env("IOT_ERROR_CODES_LIBRARY", &good);
        runs.push((
            format!("java -Diot.errorcodes.library={missing} (a good IOT_ERROR_CODES_LIBRARY)"),
            property,
        ));
        // The control: the same Java command with a good override answers.
        let mut control = java(Some(good.to_str().unwrap()), false);
        control.env_remove("IOT_ERROR_CODES_LIBRARY");
        let out = run(control, &["D00004"]);
        assert_eq!(out.status.code(), Some(0), "java with a good override:\n{}", show(&out));
    }
    for (name, cmd) in runs {
        let out = run(cmd, &["D00004"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.code() == Some(3)
                && out.stdout.is_empty()
                && stderr.starts_with("error: cannot load the native library: "),
            "{name}: the override does not load, so docs/cli.md wants exit 3:\n{}",
            show(&out)
        );
    }
    let mut rust = rust_command();
    rust.env("IOT_ERROR_CODES_LIBRARY", missing);
    let out = run(rust, &["D00004"]);
    assert_eq!(out.status.code(), Some(0), "describe loads no library:\n{}", show(&out));
}
