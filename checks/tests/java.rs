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

use iot_error_codes_checks as common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::{env, fs};

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

/// Runs LoaderProbe with `options` and returns what it printed and its exit status.
fn probe(build: &Build, with_jar: bool, options: &[&str]) -> (String, Option<i32>) {
    probe_with_variable(build, with_jar, options, None)
}

/// [`probe`], with IOT_ERROR_CODES_LIBRARY set to `variable` if given.
fn probe_with_variable(
    build: &Build,
    with_jar: bool,
    options: &[&str],
    variable: Option<&str>,
) -> (String, Option<i32>) {
    let cp = build.class_path(with_jar);
    let mut args = vec!["-cp", cp.as_str()];
    args.extend_from_slice(options);
    args.push("iot.errorcodes.LoaderProbe");
    let mut cmd = java(&args);
    if let Some(path) = variable {
        cmd.env("IOT_ERROR_CODES_LIBRARY", path);
    }
    let out = cmd.output().expect("cannot run java");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (text, out.status.code())
}

/// LoaderProbe with `options` says the library was loaded by `step` and looks up D00004 through it.
fn assert_loaded_by(build: &Build, with_jar: bool, options: &[&str], step: &str) {
    assert_loaded_with_variable_by(build, with_jar, options, None, step);
}

/// [`assert_loaded_by`], with IOT_ERROR_CODES_LIBRARY set to `variable` if given.
fn assert_loaded_with_variable_by(build: &Build, with_jar: bool, options: &[&str], variable: Option<&str>, step: &str) {
    let (text, status) = probe_with_variable(build, with_jar, options, variable);
    common::assert_no_jni_complaints(&text);
    assert_eq!(status, Some(0), "{options:?}:\n{text}");
    assert!(
        text.contains(&format!("loaded by {step}\n")),
        "{options:?} should load by {step}:\n{text}"
    );
    assert!(
        text.contains(&format!("D00004: {}\n", english("D00004"))),
        "{options:?}:\n{text}"
    );
}

/// A java.library.path without the library, so that step 1 fails.
fn empty_library_path() -> String {
    format!(
        "-Djava.library.path={}",
        common::scratch("java-empty-library-path").display()
    )
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
    let summary = String::from_utf8_lossy(&output.stdout)
        .lines()
        .rev()
        .find(|l| l.ends_with(" failed"))
        .map(str::to_string)
        .unwrap_or_else(|| panic!("no summary line\n{text}"));
    let passed: usize = summary.split(' ').next().unwrap().parse().unwrap();
    assert!(
        summary.ends_with(" passed, 0 failed") && passed >= 43,
        "{summary}\n{text}"
    );
    common::assert_no_jni_complaints(&text);
    summary
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

/// build.sh names the JAR's library directory as NativeLibrary.platform() does, so on a machine it
/// has no name for (`uname -m` says s390x) it stops instead of bundling the library where the
/// loader would not look.
#[test]
fn build_sh_refuses_an_architecture_it_does_not_map() {
    if !common::require("javac") {
        return;
    }
    let bin = common::scratch("java-fake-uname");
    let uname = bin.join("uname");
    fs::write(
        &uname,
        "#!/bin/sh\nif [ \"$1\" = -m ]; then echo s390x; else echo Linux; fi\n",
    )
    .unwrap();
    fs::set_permissions(&uname, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let out_dir = common::scratch("java-fake-uname-out");
    let out = Command::new("bash")
        .arg(common::root().join("bindings/java/build.sh"))
        .env("PATH", format!("{}:{}", bin.display(), env::var("PATH").unwrap()))
        .env("IOT_ERROR_CODES_LIBRARY", common::shared_lib())
        .env("JAVA_OUT", &out_dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", common::printed(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("s390x architecture is not supported"),
        "{}",
        common::printed(&out)
    );
    assert!(
        !out_dir.join("iot-error-codes.jar").exists(),
        "a JAR was made\n{}",
        common::printed(&out)
    );
}

#[test]
fn loader_tries_system_load_library_first() {
    let Some(build) = build() else { return };
    let lib_dir = format!("-Djava.library.path={}", common::profile_dir().display());
    let property = format!("-Diot.errorcodes.library={}", common::shared_lib().display());
    // The property and the bundled copy would work too; loadLibrary comes first.
    assert_loaded_by(build, true, &[&lib_dir, &property], "System.loadLibrary");
}

#[test]
fn loader_tries_the_property_second() {
    let Some(build) = build() else { return };
    let property = format!("-Diot.errorcodes.library={}", common::shared_lib().display());
    assert_loaded_by(
        build,
        true,
        &[&empty_library_path(), &property],
        "iot.errorcodes.library",
    );
    // A relative path is taken from the working directory.
    let (text, status) = {
        let cp = build.class_path(true);
        let out = java(&[
            "-cp",
            &cp,
            &empty_library_path(),
            "-Diot.errorcodes.library=libiot_error_codes.so",
            "iot.errorcodes.LoaderProbe",
        ])
        .current_dir(common::profile_dir())
        .output()
        .unwrap();
        (common::printed(&out), out.status.code())
    };
    assert_eq!(status, Some(0), "{text}");
    assert!(text.contains("loaded by iot.errorcodes.library\n"), "{text}");
}

#[test]
fn loader_tries_the_variable_third() {
    let Some(build) = build() else { return };
    let lib = common::shared_lib();
    let variable = Some(lib.to_str().unwrap());
    // The bundled copy would work too; the variable comes first.
    assert_loaded_with_variable_by(
        build,
        true,
        &[&empty_library_path()],
        variable,
        "IOT_ERROR_CODES_LIBRARY",
    );
    // The property comes before the variable, and loadLibrary before both.
    let property = format!("-Diot.errorcodes.library={}", lib.display());
    assert_loaded_with_variable_by(
        build,
        true,
        &[&empty_library_path(), &property],
        variable,
        "iot.errorcodes.library",
    );
    let lib_dir = format!("-Djava.library.path={}", common::profile_dir().display());
    assert_loaded_with_variable_by(build, true, &[&lib_dir], variable, "System.loadLibrary");
    // A variable naming a missing file does not stop the search.
    let tmp = outside_checkout("java-variable-tmpdir");
    let tmpdir = format!("-Djava.io.tmpdir={}", tmp.display());
    assert_loaded_with_variable_by(
        build,
        true,
        &[&empty_library_path(), &tmpdir],
        Some("/nonexistent/libx.so"),
        "bundled",
    );
    fs::remove_dir_all(tmp).unwrap();
}

#[test]
fn loader_falls_back_to_the_bundled_copy() {
    let Some(build) = build() else { return };
    let tmp = outside_checkout("java-bundled-tmpdir");
    let tmpdir = format!("-Djava.io.tmpdir={}", tmp.display());
    assert_loaded_by(build, true, &[&empty_library_path(), &tmpdir], "bundled");
    // A property naming a missing file does not stop the search.
    assert_loaded_by(
        build,
        true,
        &[
            &empty_library_path(),
            &tmpdir,
            "-Diot.errorcodes.library=/nonexistent/libx.so",
        ],
        "bundled",
    );
    assert!(
        fs::read_dir(&tmp).unwrap().next().is_none(),
        "the extracted library was not removed"
    );
    fs::remove_dir_all(tmp).unwrap();
}

#[test]
fn loader_error_lists_every_step() {
    let Some(build) = build() else { return };
    // The bare classes: no bundled library.
    let (text, status) = probe(
        build,
        false,
        &[&empty_library_path(), "-Diot.errorcodes.library=/nonexistent/libx.so"],
    );
    assert_eq!(
        status,
        Some(3),
        "LoaderProbe should report an UnsatisfiedLinkError:\n{text}"
    );
    let bundled = format!(
        "4. the JAR's /native/linux-{}/libiot_error_codes.so: not on the class path",
        env::consts::ARCH
    );
    for step in [
        "1. System.loadLibrary(\"iot_error_codes\") with java.library.path=",
        "2. -Diot.errorcodes.library=/nonexistent/libx.so: ",
        "3. $IOT_ERROR_CODES_LIBRARY=<file>: not set",
        &bundled,
    ] {
        assert!(text.contains(step), "the error does not say {step:?}:\n{text}");
    }
    let (text, status) = probe_with_variable(build, false, &[&empty_library_path()], Some("/nonexistent/liby.so"));
    assert_eq!(status, Some(3), "{text}");
    assert!(text.contains("2. -Diot.errorcodes.library=<file>: not set"), "{text}");
    assert!(
        text.contains("3. $IOT_ERROR_CODES_LIBRARY=/nonexistent/liby.so: "),
        "{text}"
    );
}

/// The JDK's directory, as `java` reports it (its `include/` holds jni.h).
fn java_home() -> PathBuf {
    let out = common::run(&mut java(&["-XshowSettings:properties", "-version"]));
    let text = String::from_utf8_lossy(&out.stderr).into_owned();
    let line = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("java.home = "))
        .unwrap_or_else(|| panic!("no java.home in\n{text}"));
    PathBuf::from(line)
}

/// A directory holding a libiot_error_codes.so that NativeLibrary must pass over, built from
/// bindings/java/test/native/impostor.c: without JNI entry points (a build of the C library
/// alone), or, `with_jni`, with entry points that give another, malformed catalog (an older
/// build). It has the SONAME of an installed build, as one found on a library path would.
fn impostor(with_jni: bool) -> PathBuf {
    let dir = common::scratch(if with_jni {
        "java-impostor-jni"
    } else {
        "java-impostor-c"
    });
    let home = java_home();
    let mut gcc = Command::new("gcc");
    gcc.args([
        "-shared",
        "-fPIC",
        "-Wall",
        "-Wextra",
        "-Werror",
        "-Wl,-soname,libiot_error_codes.so.0",
        "-o",
    ])
    .arg(dir.join("libiot_error_codes.so"))
    .arg(common::root().join("bindings/java/test/native/impostor.c"));
    if with_jni {
        gcc.arg("-DWITH_JNI")
            .arg("-I")
            .arg(home.join("include"))
            .arg("-I")
            .arg(home.join("include/linux"));
    }
    common::run(&mut gcc);
    dir
}

/// With an impostor library first on java.library.path, the loader passes over it to the
/// bundled copy (under -Xcheck:jni: the impostor's methods were bound first, and the bundled
/// copy's JNI_OnLoad rebinds them) or to the property's file. Without a JAR, the error says `why`
/// the library found was passed over.
fn assert_impostor_passed_over(build: &Build, with_jni: bool, why: &str) {
    let dir = impostor(with_jni);
    let path = format!("-Djava.library.path={}", dir.display());
    let tmp = outside_checkout(if with_jni {
        "java-older-tmpdir"
    } else {
        "java-c-only-tmpdir"
    });
    let tmpdir = format!("-Djava.io.tmpdir={}", tmp.display());
    assert_loaded_by(build, true, &["-Xcheck:jni", &path, &tmpdir], "bundled");
    let property = format!("-Diot.errorcodes.library={}", common::shared_lib().display());
    assert_loaded_by(build, true, &[&path, &property], "iot.errorcodes.library");

    let (text, status) = probe(build, false, &[&path]);
    assert_eq!(status, Some(3), "{text}");
    let step1 = format!(
        "1. System.loadLibrary(\"iot_error_codes\") with java.library.path={}: {why}",
        dir.display()
    );
    assert!(text.contains(&step1), "the error does not say {step1:?}:\n{text}");
    assert!(text.contains("4. the JAR's /native/"), "{text}");
    fs::remove_dir_all(tmp).unwrap();
}

#[test]
fn loader_passes_over_a_c_only_library_found_first() {
    let Some(build) = build() else { return };
    if common::require("gcc") {
        assert_impostor_passed_over(build, false, "has no JNI entry point");
    }
}

#[test]
fn loader_passes_over_a_library_with_another_catalog() {
    let Some(build) = build() else { return };
    if common::require("gcc") {
        assert_impostor_passed_over(
            build,
            true,
            "the library (version 0.0.1, spec V1.2.0) gave a catalog of 7 strings, expected",
        );
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

/// The first line build.sh prints on standard output is the JAR's path (in `jar` mode the only
/// one), for a later step to copy: `jar=$(bindings/java/build.sh jar)`.
#[test]
fn build_sh_prints_the_jar_path_first() {
    let Some(build) = build() else { return };
    let stdout = String::from_utf8_lossy(&build.output.stdout);
    assert_eq!(
        stdout.lines().next(),
        Some(build.jar().to_str().unwrap()),
        "{}",
        common::printed(&build.output)
    );
}

/// The JAR's entries (`jar tf`).
fn jar_entries(build: &Build) -> Vec<String> {
    let out = common::run(Command::new("jar").arg("tf").arg(build.jar()));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// The JAR's library directories for other CPUs than x86-64, with the Rust target of each.
const OTHER_PLATFORMS: [(&str, &str); 2] = [
    ("linux-aarch64", "aarch64-unknown-linux-gnu"),
    ("linux-arm", "armv7-unknown-linux-gnueabihf"),
];

/// Whether the JAR bundles the library of `platform` (one of OTHER_PLATFORMS). build.sh goes
/// without it, with a warning, when its Rust target cannot be installed: then the test says what
/// it skipped, or fails under CI.
fn bundled(build: &Build, platform: &str) -> bool {
    if jar_entries(build).contains(&format!("native/{platform}/libiot_error_codes.so")) {
        return true;
    }
    let (_, target) = OTHER_PLATFORMS.iter().find(|(p, _)| *p == platform).unwrap();
    let why = format!(
        "the JAR has no {platform} library: build.sh could not build it \
         (`rustup target add {target}` installs what it needs)\n{}",
        common::printed(&build.output)
    );
    if env::var_os("CI").is_some() {
        panic!("{why}");
    }
    eprintln!("SKIPPED ({platform}): {why}");
    false
}

/// The symbols capi/libiot_error_codes.map exports, each with its version node.
fn version_script_symbols() -> Vec<(String, String)> {
    let map = fs::read_to_string(common::root().join("capi/libiot_error_codes.map")).unwrap();
    let (mut node, mut global, mut symbols) = (None, false, Vec::new());
    for line in map.lines().map(str::trim) {
        if let Some(name) = line.strip_suffix(" {") {
            node = Some(name.to_string());
            global = false;
        } else if line == "global:" || line == "local:" {
            global = line == "global:";
        } else if let Some(symbol) = line.strip_suffix(';').filter(|_| global) {
            symbols.push((
                symbol.to_string(),
                node.clone().expect("a symbol outside a version node"),
            ));
        }
    }
    assert!(!symbols.is_empty(), "no symbols in capi/libiot_error_codes.map");
    symbols
}

/// Each library in the JAR is built for its directory's machine, exports exactly the symbols of
/// the version script (the JNI entry points among them), each with its version node
/// (IOT_ERROR_CODES_0.1), and imports nothing.
#[test]
fn jar_bundles_versioned_libraries_for_x86_64_aarch64_and_arm() {
    let Some(build) = build() else { return };
    if !common::require("readelf") {
        return;
    }
    let exported = version_script_symbols();
    // The version script exports the JNI symbols the classes need, no more, all since 0.1.
    let mut jni: Vec<(String, String)> = exported
        .iter()
        .filter(|(s, _)| s.starts_with("Java_") || s == "JNI_OnLoad")
        .cloned()
        .collect();
    jni.sort();
    let dir = common::scratch("java-jar-contents");
    common::run(Command::new("jar").arg("xf").arg(build.jar()).current_dir(&dir));
    // The JAR's compiled classes say which they are (a set: already sorted).
    let needed: Vec<(String, String)> = common::jni_symbols(&dir)
        .into_iter()
        .map(|s| (s, "IOT_ERROR_CODES_0.1".to_string()))
        .collect();
    assert_eq!(jni, needed, "the JNI symbols of capi/libiot_error_codes.map");
    let mut expected: Vec<String> = exported.iter().map(|(s, node)| format!("{s}@@{node}")).collect();
    expected.sort();

    // The Linux folders; the Windows and macOS ones are checks/tests/dist.rs's.
    let mut platforms: Vec<String> = fs::read_dir(dir.join("native"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|p| p.starts_with("linux-"))
        .collect();
    platforms.sort();
    let mut wanted = vec!["linux-x86_64"];
    for (platform, _) in OTHER_PLATFORMS {
        if bundled(build, platform) {
            wanted.push(platform);
        }
    }
    wanted.sort();
    assert_eq!(platforms, wanted, "the JAR's native/ directories");

    for (platform, machine) in [
        ("linux-x86_64", "X86-64"),
        ("linux-aarch64", "AArch64"),
        ("linux-arm", "ARM"),
    ] {
        if !wanted.contains(&platform) {
            continue;
        }
        let lib = dir.join("native").join(platform).join("libiot_error_codes.so");
        let header = common::run(Command::new("readelf").arg("-h").arg(&lib));
        let header = String::from_utf8(header.stdout).unwrap();
        let found = header
            .lines()
            .find_map(|l| l.trim().strip_prefix("Machine:"))
            .unwrap_or_else(|| panic!("no Machine in\n{header}"))
            .trim();
        assert!(found.ends_with(machine), "{platform}: the machine is {found}");

        // Nothing of the machine it was built on: no path (rust-lld records the output's path
        // where there is no SONAME), so a build elsewhere gives the same bytes.
        let bytes = fs::read(&lib).unwrap();
        let root = common::root();
        let root = root.to_str().unwrap().as_bytes();
        assert!(
            !bytes.windows(root.len()).any(|w| w == root),
            "{platform}: the library holds the path {}",
            common::root().display()
        );
        let dynamic = common::run(Command::new("readelf").arg("-d").arg(&lib));
        assert!(
            String::from_utf8_lossy(&dynamic.stdout).contains("Library soname: [libiot_error_codes.so]"),
            "{platform}: the SONAME\n{}",
            String::from_utf8_lossy(&dynamic.stdout)
        );

        let table = common::run(Command::new("readelf").args(["--dyn-syms", "-W"]).arg(&lib));
        let mut functions = Vec::new();
        for line in String::from_utf8(table.stdout).unwrap().lines() {
            // Num: Value Size Type Bind Vis Ndx Name
            let f: Vec<&str> = line.split_whitespace().collect();
            if f.len() < 7 || !f[0].ends_with(':') || f[0] == "0:" {
                continue;
            }
            assert_ne!(f[6], "UND", "{platform}: the library imports {line}");
            if f[3] == "FUNC" {
                assert_eq!(f[4], "GLOBAL", "{platform}: {line}");
                functions.push(f[7].to_string());
            }
        }
        functions.sort();
        assert_eq!(functions, expected, "{platform}: the exported functions");
    }
}

/// The loader takes the JAR's library for the JVM's os.arch, as the probe sees with another
/// -Dos.arch, loading nothing.
#[test]
fn loader_takes_the_bundled_library_for_the_jvms_architecture() {
    let Some(build) = build() else { return };
    let has_aarch64 = bundled(build, "linux-aarch64");
    let has_arm = bundled(build, "linux-arm");
    let cp = build.class_path(true);
    for (arch, platform, bundled) in [
        ("amd64", "linux-x86_64", true),
        ("x86_64", "linux-x86_64", true),
        ("aarch64", "linux-aarch64", has_aarch64),
        ("arm64", "linux-aarch64", has_aarch64),
        ("arm", "linux-arm", has_arm),
        ("riscv64", "linux-riscv64", false),
    ] {
        let os_arch = format!("-Dos.arch={arch}");
        let out = common::run(&mut java(&[
            "-cp",
            &cp,
            "-Dos.name=Linux",
            &os_arch,
            "iot.errorcodes.LoaderProbe",
            "resource",
        ]));
        let whether = if bundled { "in" } else { "not in" };
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            format!("/native/{platform}/libiot_error_codes.so ({whether} the class path)\nloaded by null\n"),
            "{os_arch}"
        );
    }
}

/// Without the Rust targets aarch64-unknown-linux-gnu and armv7-unknown-linux-gnueabihf (rustup
/// cannot add them: offline, say), build.sh says so and makes a JAR with the x86-64 library alone.
/// A stand-in rustc on PATH reports the targets' library directories missing and passes
/// everything else to the real one; a stand-in rustup fails.
#[test]
fn build_sh_goes_without_other_cpus_when_their_targets_cannot_be_installed() {
    if !(common::require("javac") && common::require("jar")) || env::consts::ARCH != "x86_64" {
        return;
    }
    let real = common::run(Command::new("sh").args(["-c", "command -v rustc"]));
    let real = String::from_utf8(real.stdout).unwrap().trim().to_string();
    let bin = common::scratch("java-no-aarch64-bin");
    let write = |name: &str, script: String| {
        let path = bin.join(name);
        fs::write(&path, script).unwrap();
        fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    };
    write(
        "rustc",
        format!(
            "#!/bin/sh\ncase \"$*\" in *target-libdir*aarch64* | *target-libdir*armv7*) echo /nonexistent; exit 0 ;; esac\nexec '{real}' \"$@\"\n"
        ),
    );
    write(
        "rustup",
        "#!/bin/sh\necho 'rustup: no network' >&2\nexit 1\n".to_string(),
    );
    let out_dir = common::scratch("java-no-aarch64-out");
    let out = Command::new("bash")
        .arg(common::root().join("bindings/java/build.sh"))
        .env("PATH", format!("{}:{}", bin.display(), env::var("PATH").unwrap()))
        .env_remove("IOT_ERROR_CODES_LIBRARY")
        .env_remove("RUSTC")
        .env("CARGO_TARGET_DIR", common::nested_target_dir("java-no-aarch64"))
        .env("JAVA_OUT", &out_dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", common::printed(&out));
    let jar = out_dir.join("iot-error-codes.jar");
    assert_eq!(String::from_utf8_lossy(&out.stdout), format!("{}\n", jar.display()));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for (platform, target) in OTHER_PLATFORMS {
        assert!(
            stderr.contains(&format!("rustup target add {target}"))
                && stderr.contains(&format!("WARNING: the JAR has no library for {platform}")),
            "{}",
            common::printed(&out)
        );
    }
    let entries = common::run(Command::new("jar").arg("tf").arg(&jar));
    let natives: Vec<String> = String::from_utf8(entries.stdout)
        .unwrap()
        .lines()
        .filter(|l| l.ends_with(".so"))
        .map(str::to_string)
        .collect();
    assert_eq!(natives, ["native/linux-x86_64/libiot_error_codes.so"]);
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

/// The JDK tests as build.sh runs them (TestRunner under -Xcheck:jni, on the JAR's bundled
/// library, the JAR built by build.sh), executed on `cpu`'s JVM under qemu-user: Debian's JRE 17
/// for that CPU from a private root (checks/foreign-root.sh). Then, on that JVM, LoaderProbe shows
/// which library it took: the JVM's os.arch names the CPU, the loader picks the JAR's directory for
/// it, loads the bundled copy and looks up D00004 through it (a library of another CPU cannot load
/// into that process at all).
fn jdk_tests_pass_on(cpu: common::ForeignCpu) {
    if !(common::require("javac") && common::require("jar")) {
        return;
    }
    let Some(root) = cpu.root() else { return };
    let java_command = cpu.java(&root);
    assert!(
        !java_command.iter().any(|a| a.contains(char::is_whitespace)),
        "build.sh splits JAVA at spaces: {java_command:?}"
    );
    let out_dir = common::scratch(&format!("java-{}", cpu.debian));
    let started = std::time::Instant::now();
    let output = build_sh_test(&out_dir)
        .env("JAVA", java_command.join(" "))
        .output()
        .expect("cannot run bindings/java/build.sh");
    let summary = assert_jdk_tests_passed(&output, &format!("the {}", cpu.debian));
    eprintln!(
        "{}: {summary} on the {} JVM under {} ({:.0?}, with build.sh)",
        cpu.jar_platform,
        cpu.debian,
        cpu.qemu,
        started.elapsed()
    );

    let foreign_java = |args: &[&str]| {
        let mut cmd = Command::new(&java_command[0]);
        cmd.args(&java_command[1..])
            .args(args)
            .env_remove("LD_LIBRARY_PATH")
            .env_remove("IOT_ERROR_CODES_LIBRARY");
        common::run(&mut cmd)
    };
    let properties = foreign_java(&["-XshowSettings:properties", "-version"]);
    let properties = String::from_utf8_lossy(&properties.stderr);
    let arch = cpu.jar_platform.strip_prefix("linux-").unwrap();
    assert!(
        properties.lines().any(|l| l.trim() == format!("os.arch = {arch}")),
        "the {} JVM's os.arch is not {arch}:\n{properties}",
        cpu.debian
    );
    let cp = format!(
        "{}:{}",
        out_dir.join("iot-error-codes.jar").display(),
        out_dir.join("test-classes").display()
    );
    let resource = foreign_java(&["-cp", &cp, "iot.errorcodes.LoaderProbe", "resource"]);
    assert_eq!(
        String::from_utf8_lossy(&resource.stdout),
        format!(
            "/native/{}/libiot_error_codes.so (in the class path)\nloaded by null\n",
            cpu.jar_platform
        )
    );
    let tmp = outside_checkout(&format!("java-{}-tmpdir", cpu.debian));
    let tmpdir = format!("-Djava.io.tmpdir={}", tmp.display());
    let probe = foreign_java(&[
        "-Xcheck:jni",
        &empty_library_path(),
        &tmpdir,
        "-cp",
        &cp,
        "iot.errorcodes.LoaderProbe",
    ]);
    let probed = common::printed(&probe);
    common::assert_no_jni_complaints(&probed);
    assert_eq!(
        String::from_utf8_lossy(&probe.stdout),
        format!("loaded by bundled\nD00004: {}\n", english("D00004")),
        "{probed}"
    );
    fs::remove_dir_all(tmp).unwrap();
}

#[test]
fn jdk_tests_pass_on_aarch64_under_qemu() {
    jdk_tests_pass_on(common::AARCH64);
}

#[test]
fn jdk_tests_pass_on_armv7_under_qemu() {
    jdk_tests_pass_on(common::ARMV7);
}
