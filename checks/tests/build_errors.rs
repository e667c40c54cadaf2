//! build.rs refuses a malformed catalog, naming file, line and reason.
//!
//! Each case copies the package, breaks one thing in the spec or names.tsv,
//! runs `cargo check` (which runs build.rs) and reads the error.

use iot_error_codes_checks as common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const NAMES: &str = "src/catalog/names.tsv";

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A copy of the package in which one file at a time is broken.
struct Sandbox {
    dir: PathBuf,
}

impl Sandbox {
    fn new(label: &str) -> Sandbox {
        let root = common::root();
        let dir = common::scratch(label);
        for f in ["Cargo.toml", "Cargo.lock", "build.rs"] {
            fs::copy(root.join(f), dir.join(f)).unwrap();
        }
        copy_tree(&root.join("src"), &dir.join("src"));
        // Members of the workspace in Cargo.toml: cargo reads their manifests.
        copy_tree(&root.join("capi"), &dir.join("capi"));
        copy_tree(&root.join("xtask"), &dir.join("xtask"));
        fs::create_dir_all(dir.join("checks")).unwrap();
        fs::copy(root.join("checks/Cargo.toml"), dir.join("checks/Cargo.toml")).unwrap();
        copy_tree(&root.join("checks/src"), &dir.join("checks/src"));
        // The oracle crate, a dev-dependency of the package and a dependency of checks.
        copy_tree(&root.join("tests/common"), &dir.join("tests/common"));
        Sandbox { dir }
    }

    /// Applies `edit` to `file`, runs build.rs through `cargo check`, restores
    /// the file, and returns what the failed build printed.
    fn build_error(&self, file: &str, edit: impl Fn(&str) -> String) -> String {
        let path = self.dir.join(file);
        let original = fs::read_to_string(&path).unwrap();
        let edited = edit(&original);
        assert_ne!(edited, original, "the edit changed nothing");
        fs::write(&path, edited).unwrap();
        let out = Command::new(env!("CARGO"))
            .args(["check", "--lib", "--offline", "--quiet"])
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", common::nested_target_dir("build-errors"))
            .output()
            .unwrap();
        fs::write(&path, original).unwrap();
        assert!(!out.status.success(), "the build accepted a broken {file}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    }
}

/// The 1-based line of `file` (in the repository) that contains `needle`.
fn line_of(file: &str, needle: &str) -> usize {
    let text = fs::read_to_string(common::root().join(file)).unwrap();
    text.lines().position(|l| l.contains(needle)).expect(needle) + 1
}

fn assert_reports(stderr: &str, wanted: &str) {
    assert!(
        stderr.contains(wanted),
        "expected {wanted:?} in the build's errors:\n{stderr}"
    );
}

#[test]
fn malformed_catalogs_stop_the_build() {
    let spec_file = common::spec_path().file_name().unwrap().to_string_lossy().into_owned();
    let spec = format!("src/catalog/{spec_file}");
    let spec = spec.as_str();
    let sandbox = Sandbox::new("build-errors");

    // A code twice in the spec.
    let err = sandbox.build_error(spec, |s| s.replacen("|A00002|", "|A00001|", 1));
    let (first, second) = (line_of(spec, "|A00001|"), line_of(spec, "|A00002|"));
    assert_reports(
        &err,
        &format!("{spec}:{second}: code A00001 appears twice (first at line {first})"),
    );

    // A malformed code in the spec.
    let err = sandbox.build_error(spec, |s| s.replacen("|B00001|", "|B0001x|", 1));
    assert_reports(
        &err,
        &format!("{spec}:{}: malformed code \"B0001x\"", line_of(spec, "|B00001|")),
    );

    // An empty Chinese text.
    let err = sandbox.build_error(spec, |s| s.replacen("|C00005|重复请求", "|C00005|", 1));
    assert_reports(
        &err,
        &format!(
            "{spec}:{}: code C00005 has an empty retInfo text",
            line_of(spec, "|C00005|")
        ),
    );

    // A spec code with no names.tsv row, and so a row for a code the spec lacks.
    let err = sandbox.build_error(spec, |s| s.replacen("|D00013|", "|D00014|", 1));
    assert_reports(
        &err,
        &format!(
            "{spec}:{}: code D00014 has no row in names.tsv",
            line_of(spec, "|D00013|")
        ),
    );
    assert_reports(
        &err,
        &format!(
            "{NAMES}:{}: code D00013 is not in {spec_file}",
            line_of(NAMES, "D00013\t")
        ),
    );

    // A duplicated name, a name not in UPPER_SNAKE_CASE, an empty English text.
    let err = sandbox.build_error(NAMES, |s| {
        s.replacen("A00002\tNETWORK_ERROR", "A00002\tSERVICE_UNAVAILABLE", 1)
    });
    let (first, second) = (line_of(NAMES, "A00001\t"), line_of(NAMES, "A00002\t"));
    assert_reports(
        &err,
        &format!("{NAMES}:{second}: name SERVICE_UNAVAILABLE is already used by A00001 at line {first}"),
    );
    let err = sandbox.build_error(NAMES, |s| s.replacen("\tTOKEN_EXPIRED\t", "\tTokenExpired\t", 1));
    assert_reports(
        &err,
        &format!(
            "{NAMES}:{}: name \"TokenExpired\" of D00004 is not UPPER_SNAKE_CASE",
            line_of(NAMES, "D00004\t")
        ),
    );
    let err = sandbox.build_error(NAMES, |s| {
        s.replacen(
            "\tLOGIN_FAILED\tUNAUTHENTICATED\tLogin failed",
            "\tLOGIN_FAILED\tUNAUTHENTICATED\t",
            1,
        )
    });
    assert_reports(
        &err,
        &format!(
            "{NAMES}:{}: code D00013 has an empty English text",
            line_of(NAMES, "D00013\t")
        ),
    );

    // A row twice, and a malformed code in names.tsv.
    let err = sandbox.build_error(NAMES, |s| {
        s.replacen(
            "D00013\tLOGIN_FAILED\tUNAUTHENTICATED\tLogin failed\n",
            "D00013\tLOGIN_FAILED\tUNAUTHENTICATED\tLogin failed\nD00013\tLOGIN_FAILED_AGAIN\tUNKNOWN\tx\n",
            1,
        )
    });
    let first = line_of(NAMES, "D00013\t");
    assert_reports(
        &err,
        &format!(
            "{NAMES}:{}: code D00013 appears twice (first at line {first})",
            first + 1
        ),
    );
    let err = sandbox.build_error(NAMES, |s| s.replacen("D00013\t", "D13\t", 1));
    assert_reports(&err, &format!("{NAMES}:{first}: malformed code \"D13\""));

    // A status that is not one of gRPC's 17, and a row without its status.
    let err = sandbox.build_error(NAMES, |s| {
        s.replacen("\tTOKEN_EXPIRED\tUNAUTHENTICATED\t", "\tTOKEN_EXPIRED\tEXPIRED\t", 1)
    });
    assert_reports(
        &err,
        &format!(
            "{NAMES}:{}: status \"EXPIRED\" of D00004 is not one of gRPC's 17 canonical status names",
            line_of(NAMES, "D00004\t")
        ),
    );
    let err = sandbox.build_error(NAMES, |s| {
        s.replacen("\tTOKEN_EXPIRED\tUNAUTHENTICATED\t", "\tTOKEN_EXPIRED\t", 1)
    });
    assert_reports(
        &err,
        &format!(
            "{NAMES}:{}: expected 4 TAB-separated fields",
            line_of(NAMES, "D00004\t")
        ),
    );
}

#[test]
fn exactly_one_spec_file_is_allowed() {
    let spec_file = common::spec_path().file_name().unwrap().to_string_lossy().into_owned();
    let sandbox = Sandbox::new("build-errors-two-specs");
    let dir = sandbox.dir.join("src/catalog");
    fs::copy(dir.join(&spec_file), dir.join("uws-error-codes-v1.4.0.md")).unwrap();
    let err = sandbox.build_error(&format!("src/catalog/{spec_file}"), |s| format!("{s}\n"));
    fs::remove_file(dir.join("uws-error-codes-v1.4.0.md")).unwrap();
    assert_reports(
        &err,
        &format!("exactly one spec file is allowed, found {spec_file}, uws-error-codes-v1.4.0.md; delete the old one"),
    );
}
