//! The Java binding (bindings/java/), with the JDK alone.
//!
//! `bindings/java/build.sh test` builds the JAR as it is shipped, with the
//! release libraries for linux-x86_64, linux-aarch64 and linux-arm (linked with
//! symbol versions; cargo in a nested target directory), and runs the JDK-only
//! tests under `-Xcheck:jni` on the bundled copy: on this machine's JVM, and,
//! executed under qemu-user, on Debian's aarch64 and armv7 JVMs from private
//! roots (checks/foreign-root.sh), each loading the JAR's library for its CPU. The other tests start JVMs set up for each step
//! of the native loader's order, and run the JAR from a directory outside the
//! checkout. Every JVM runs without LD_LIBRARY_PATH, which cargo sets to its
//! target directory and which would otherwise decide where the library comes
//! from, and without IOT_ERROR_CODES_LIBRARY unless a test sets it.

use common::inspect::{self, Library};
use common::result_line;
use common::targets;
use iot_error_codes_checks as common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::{env, fs};

mod jar;
mod loader;
mod qemu;

/// What `build.sh test` left in its output directory, and what it printed.
struct Build {
    out: PathBuf,
    output: Output,
}

impl Build {
    fn jar(&self) -> PathBuf {
        self.out.join("iot-error-codes.jar")
    }

    /// A class path of the JAR (with the bundled library) or the bare classes, plus the test classes.
    fn class_path(&self, with_jar: bool) -> String {
        let main = if with_jar { self.jar() } else { self.out.join("classes") };
        format!("{}:{}", main.display(), self.out.join("test-classes").display())
    }
}

/// Runs `build.sh test` once for all tests; `None` (skipped) without a JDK.
fn build() -> Option<&'static Build> {
    static BUILD: OnceLock<Option<Build>> = OnceLock::new();
    BUILD
        .get_or_init(|| {
            if !(common::require("javac") && common::require("jar") && common::require("java")) {
                return None;
            }
            let out = common::scratch("java");
            let output = build_sh_test(&out).output().expect("cannot run bindings/java/build.sh");
            Some(Build { out, output })
        })
        .as_ref()
        .inspect(|b| {
            assert!(
                b.jar().is_file(),
                "build.sh made no JAR\n{}",
                common::printed(&b.output)
            );
        })
}

/// `build.sh test`, writing into `out`, with no inherited library path.
fn build_sh_test(out: &Path) -> Command {
    let mut cmd = Command::new("bash");
    cmd.arg(common::root().join("bindings/java/build.sh"))
        .arg("test")
        // build.sh builds the libraries to bundle itself, as for a release.
        .env_remove("IOT_ERROR_CODES_LIBRARY")
        .env("CARGO_TARGET_DIR", common::nested_target_dir("java"))
        // The one place the Java tests get the crate version from: Cargo.
        .env("IOT_ERROR_CODES_CRATE_VERSION", env!("CARGO_PKG_VERSION"))
        // And the spec file, as the library's rule finds it.
        .env(common::SPEC_VAR, common::spec_path())
        .env("JAVA_OUT", out)
        .env_remove("LD_LIBRARY_PATH");
    cmd
}

/// `java` with no inherited library path or library variable, and the given options and arguments.
fn java(args: &[&str]) -> Command {
    let mut cmd = Command::new("java");
    cmd.env_remove("LD_LIBRARY_PATH")
        .env_remove("IOT_ERROR_CODES_LIBRARY")
        .args(args);
    cmd
}

/// A new empty directory in the system's temporary directory, outside the checkout.
fn outside_checkout(label: &str) -> PathBuf {
    let dir = env::temp_dir().join(format!("iot-error-codes-{label}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    assert!(
        !dir.starts_with(common::root()),
        "{} is inside the checkout",
        dir.display()
    );
    dir
}

/// A code's record in src/catalog/names.tsv.
fn names_row(code: &str) -> common::NamesRow {
    common::names_rows()
        .into_iter()
        .find(|r| r.code == code)
        .unwrap_or_else(|| panic!("names.tsv has no row for {code}"))
}

/// The English text of a code, from src/catalog/names.tsv (the spec has only Chinese).
fn english(code: &str) -> String {
    names_row(code).en
}

/// The name of a code's canonical status, from src/catalog/names.tsv.
fn status(code: &str) -> String {
    names_row(code).status
}

fn chinese(code: &str) -> String {
    common::spec_rows()
        .into_iter()
        .find(|(c, _)| c == code)
        .expect("a spec row")
        .1
}

#[test]
fn jdk_tests_pass_under_xcheck_jni() {
    let Some(build) = build() else { return };
    assert_jdk_tests_passed(&build.output, "this machine's");
}

/// `build.sh test` (its `output`) passed, with TestRunner's "N passed, 0 failed" for every test
/// and no complaint of -Xcheck:jni; returns that summary line. `jvm` names the JVM for a failure.
fn assert_jdk_tests_passed(output: &Output, jvm: &str) -> String {
    let text = common::printed(output);
    assert!(
        output.status.success(),
        "bindings/java/build.sh test failed on {jvm} JVM\n{text}"
    );
    let passed = result_line::assert_passed(
        &format!("TestRunner on {jvm} JVM"),
        &output.stdout,
        result_line::JAVA_TESTS_MINIMUM,
    );
    common::assert_no_jni_complaints(&text);
    format!("{passed} passed, 0 failed")
}

#[test]
fn jar_runs_from_a_directory_outside_the_checkout() {
    let Some(build) = build() else { return };
    let dir = outside_checkout("java-main");
    let tmp = outside_checkout("java-main-tmpdir");
    let jar = build.jar();
    let tmpdir = format!("-Djava.io.tmpdir={}", tmp.display());
    let cp = jar.to_str().unwrap();

    let out =
        common::run(java(&[&tmpdir, "-cp", cp, "iot.errorcodes.Main", "D00004", "--lang", "en"]).current_dir(&dir));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!(
            "D00004\tTOKEN_EXPIRED\taccount\t{}\t{}\n",
            status("D00004"),
            english("D00004")
        )
    );
    let out = common::run(java(&[&tmpdir, "-jar", cp, "g20903"]).current_dir(&dir));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!(
            "20903\tMASTER_DATA_ERROR\tdevice\t{}\t{}\n",
            status("20903"),
            chinese("20903")
        )
    );

    let out = java(&["-cp", cp, "iot.errorcodes.Main", "X00000"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "an unknown code\n{}", common::printed(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "error: unknown retCode \"X00000\" (not in the UWS error-code spec V{})\n",
            iot_error_codes::CATALOG_VERSION
        ),
        "{}",
        common::printed(&out)
    );
    let out = java(&["-cp", cp, "iot.errorcodes.Main"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "no code\n{}", common::printed(&out));

    // The bundled library was extracted to a private temporary file and removed again.
    let left: Vec<_> = fs::read_dir(&tmp).unwrap().map(|e| e.unwrap().path()).collect();
    assert!(left.is_empty(), "left in java.io.tmpdir: {left:?}");
    for d in [dir, tmp] {
        fs::remove_dir_all(d).unwrap();
    }
}

#[test]
fn main_says_when_there_is_no_native_library_and_exits_3() {
    let Some(build) = build() else { return };
    // The bare classes: no bundled library.
    let classes = build.out.join("classes");
    let out = java(&[
        "-cp",
        classes.to_str().unwrap(),
        &empty_library_path(),
        "iot.errorcodes.Main",
        "D00004",
    ])
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", common::printed(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error: cannot load the native library: iot_error_codes; tried, in order:\n"),
        "{}",
        common::printed(&out)
    );
    assert!(
        stderr.contains("1. System.loadLibrary(") && !stderr.contains("\tat "),
        "no stack trace, every step:\n{}",
        common::printed(&out)
    );
    assert!(out.stdout.is_empty(), "{}", common::printed(&out));

    // Help and usage errors need no library.
    let run = |args: &[&str]| {
        let mut all = vec!["-cp", classes.to_str().unwrap(), "iot.errorcodes.Main"];
        all.extend_from_slice(args);
        java(&all).output().unwrap()
    };
    let out = run(&["--help"]);
    assert_eq!(out.status.code(), Some(0), "{}", common::printed(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with("usage: "),
        "{}",
        common::printed(&out)
    );
    let out = run(&["D00004", "--list"]);
    assert_eq!(out.status.code(), Some(2), "{}", common::printed(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).starts_with("error: give CODEs or --list, not both\nusage: "),
        "{}",
        common::printed(&out)
    );
}

/// Reads the JSON file named by its argument and writes it again as the Python CLI does.
const PYTHON_JSON_DUMPS: &str = "import json, sys
text = open(sys.argv[1], encoding='utf-8').read()
sys.stdout.buffer.write((json.dumps(json.loads(text), ensure_ascii=False, indent=2) + '\\n').encode('utf-8'))";

/// `Main --json` writes exactly what Python's `json.dumps(records, ensure_ascii=False, indent=2)`
/// writes for the same records, escapes included: Python reads the output and writes it again.
#[test]
fn main_json_is_what_python_json_dumps_writes() {
    let Some(build) = build() else { return };
    if !common::require("python3") {
        return;
    }
    let jar = build.jar();
    // An unknown code with quotes, backslashes and control characters: escaped as Python does, exit 1.
    let odd = "X\t\"\\\u{1}\u{7f}中\u{1f}\r\u{8}\u{c}";
    for (args, status) in [
        (vec!["--json", "--list", "--lang", "en"], 0),
        (vec!["--json", "d00004", "00000", "g20903", odd], 1),
    ] {
        let mut all = vec!["-jar", jar.to_str().unwrap()];
        all.extend_from_slice(&args);
        let out = java(&all).output().unwrap();
        assert_eq!(out.status.code(), Some(status), "{args:?}\n{}", common::printed(&out));
        assert!(out.stderr.is_empty(), "{args:?}\n{}", common::printed(&out));
        let json = String::from_utf8(out.stdout).unwrap();
        let file = common::scratch("java-json").join("out.json");
        fs::write(&file, &json).unwrap();
        let again = common::run(Command::new("python3").arg("-c").arg(PYTHON_JSON_DUMPS).arg(&file));
        assert_eq!(String::from_utf8(again.stdout).unwrap(), json, "{args:?}");
    }
}

/// The section `heading` of the documentation's page `path` (up to the next `## ` heading);
/// panics if there is none.
fn page_section(path: &str, heading: &str) -> String {
    let text = fs::read_to_string(common::root().join(path)).unwrap();
    let start = text
        .find(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("{path} has no {heading:?} section"));
    let body = &text[start + heading.len() + 2..];
    body[..body.find("\n## ").unwrap_or(body.len())].to_string()
}

/// bindings/java/example/Example.java is the Java page's example, verbatim; it compiles against
/// the JAR and prints what the spec and names.tsv say, and exactly what the page says it prints.
/// The README's few lines of Java are lines of it.
#[test]
fn java_page_example_prints_what_the_page_says() {
    let Some(build) = build() else { return };
    let example = common::root().join("bindings/java/example/Example.java");
    let dir = common::scratch("java-example");
    let jar = build.jar();
    common::run(
        Command::new("javac")
            .args(["--release", "8", "-encoding", "UTF-8", "-cp"])
            .arg(&jar)
            .arg("-d")
            .arg(&dir)
            .arg(&example),
    );
    let cp = format!("{}:{}", jar.display(), dir.display());
    let out = common::run(&mut java(&["-cp", &cp, "Example"]));
    let printed = String::from_utf8(out.stdout).unwrap();
    let expected = format!(
        "{}\n{}\nTOKEN_EXPIRED account\ntrue\nnull\nD00004 TOKEN_EXPIRED: {} (retInfo: token expired)\n",
        chinese("D00004"),
        english("D00004"),
        chinese("D00004")
    );
    assert_eq!(printed, expected);

    let section = page_section("docs/java.md", "## An example");
    let source = fs::read_to_string(&example).unwrap();
    assert_eq!(
        common::fenced_block(&section, "", "java"),
        source,
        "docs/java.md's example is not {}",
        example.display()
    );
    let shown = common::fenced_block(&section, "\nprints\n", "text");
    assert_eq!(
        shown, printed,
        "docs/java.md shows other output than the example prints"
    );

    let readme = page_section("README.md", "## Examples");
    let lines = common::fenced_block(&readme, "**Java**", "java");
    assert!(!lines.trim().is_empty(), "the README has no Java example");
    for line in lines.lines().filter(|l| !l.trim().is_empty()) {
        assert!(
            source.lines().any(|l| l.trim() == line.trim()),
            "the README's Java line {line:?} is not a line of {}",
            example.display()
        );
    }
}

/// The records of `Main --json` output, each as its (key, JSON value) pairs in order. Main writes
/// one `"key": value` per line, as json.dumps(indent=2) does, so no JSON parser is needed.
fn json_records(json: &str) -> Vec<Vec<(String, String)>> {
    let mut records = Vec::new();
    for line in json.lines() {
        if line == "  {" {
            records.push(Vec::new());
        } else if let Some(field) = line.strip_prefix("    \"") {
            let (key, value) = field
                .split_once("\": ")
                .unwrap_or_else(|| panic!("not a field: {line:?}"));
            let value = value.strip_suffix(',').unwrap_or(value);
            records
                .last_mut()
                .expect("a field outside a record")
                .push((key.to_string(), value.to_string()));
        }
    }
    records
}

/// What `Main --json` says of each code's status, HTTP status and retryability is what the
/// library says through the C ABI (iot_error_status, iot_error_status_name, iot_error_http_status,
/// iot_error_is_retryable) and the Rust API (Status::of): every code of `--list`, and `00000`, the
/// alias, a lowercase code and an unknown code.
#[test]
fn main_json_status_agrees_with_the_c_abi() {
    use iot_error_codes::{ffi, Status};
    use std::ffi::{CStr, CString};

    let Some(build) = build() else { return };
    let jar = build.jar();
    let keys = [
        "code",
        "name",
        "category",
        "status",
        "http_status",
        "retryable",
        "description",
        "hint",
    ];
    let listed = common::spec_rows().len();
    let codes = ["00000", "g20903", "d00004", "X00000"];
    let mut checked = 0;
    for (args, count, exit) in [
        (vec!["--json", "--list"], listed, 0),
        ([&["--json"][..], &codes[..]].concat(), codes.len(), 1),
    ] {
        let mut all = vec!["-jar", jar.to_str().unwrap()];
        all.extend_from_slice(&args);
        let out = java(&all).output().unwrap();
        assert_eq!(out.status.code(), Some(exit), "{args:?}\n{}", common::printed(&out));
        let records = json_records(&String::from_utf8(out.stdout).unwrap());
        assert_eq!(records.len(), count, "{args:?}");
        for record in records {
            let found: Vec<&str> = record.iter().map(|(k, _)| k.as_str()).collect();
            assert_eq!(found, keys, "the keys of {record:?}");
            let value = |key: &str| record.iter().find(|(k, _)| k == key).unwrap().1.clone();
            let code = value("code");
            let code = code.trim_matches('"');

            // The Rust API.
            let status = Status::of(code);
            let expected = match status {
                Some(s) => (
                    format!("\"{}\"", s.name()),
                    s.http_status().to_string(),
                    s.is_retryable().to_string(),
                ),
                None => ("null".into(), "null".into(), "null".into()),
            };
            let java = (value("status"), value("http_status"), value("retryable"));
            assert_eq!(java, expected, "Java and Rust differ on {code}");

            // The C ABI says the same.
            let c = CString::new(code).unwrap();
            let number = unsafe { ffi::iot_error_status(c.as_ptr()) };
            assert_eq!(number, status.map_or(-1, Status::number), "iot_error_status({code})");
            let name = ffi::iot_error_status_name(number);
            let name = (!name.is_null()).then(|| unsafe { CStr::from_ptr(name) }.to_str().unwrap());
            assert_eq!(name, status.map(Status::name), "iot_error_status_name({number})");
            let http = unsafe { ffi::iot_error_http_status(c.as_ptr()) };
            assert_eq!(
                http,
                status.map_or(0, |s| i32::from(s.http_status())),
                "iot_error_http_status({code})"
            );
            let retryable = unsafe { ffi::iot_error_is_retryable(c.as_ptr()) };
            assert_eq!(
                retryable != 0,
                status.is_some_and(Status::is_retryable),
                "iot_error_is_retryable({code})"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, listed + codes.len());
}

/// The Java retry loop of "Acting on a retCode" (docs/statuses.md) is
/// bindings/java/example/Retry.java, verbatim; `build.sh test` compiles it with the JDK tests,
/// which run it against a scripted platform (StatusTest.testTheRetryLoopOfActingOnARetCode).
#[test]
fn statuses_page_retry_loop_is_example_retry_java() {
    let section = page_section("docs/statuses.md", "## In Java");
    let source = fs::read_to_string(common::root().join("bindings/java/example/Retry.java")).unwrap();
    assert_eq!(
        common::fenced_block(&section, "", "java"),
        source,
        "docs/statuses.md's Java retry loop is not bindings/java/example/Retry.java"
    );
}

/// A java.library.path without the library, so that step 1 fails.
fn empty_library_path() -> String {
    format!(
        "-Djava.library.path={}",
        common::scratch("java-empty-library-path").display()
    )
}
