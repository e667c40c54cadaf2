//! `install.sh` serves C and C++ programs the way a system library does.
//!
//! The script runs once into a temporary prefix (a release build in a nested
//! target directory). Then a C program is built through
//! `pkg-config --cflags --libs iot_error_codes` and a C++ program through
//! CMake's `find_package(iot_error_codes)`, each once against the shared and
//! once against the static library, exactly as docs/c.md tells gateway teams
//! to. Each program prints the named constant `IOT_ERROR_TOKEN_EXPIRED` and
//! every code's description, which must equal the spec's. man(1) finds and
//! renders the installed manual pages.

use iot_error_codes_checks as common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The SONAME install.sh gives, by capi/build-lib.sh's rule.
fn soname() -> String {
    common::lib_version("soname")
}

/// capi/build-lib.sh's rule, which install.sh, dist.sh, the version nodes of
/// `cargo xtask api` and these checks take from it: the ABI version is MAJOR,
/// or 0.MINOR while MAJOR is 0 (Cargo's semver rule).
#[test]
fn the_abi_version_follows_cargos_semver_rule() {
    let (major, minor) = (env!("CARGO_PKG_VERSION_MAJOR"), env!("CARGO_PKG_VERSION_MINOR"));
    let expected = if major == "0" {
        format!("0.{minor}")
    } else {
        major.to_string()
    };
    assert_eq!(common::lib_version("abi"), expected);
    assert_eq!(soname(), format!("libiot_error_codes.so.{expected}"));
    assert_eq!(common::lib_version("version"), VERSION);
}

/// Runs install.sh with `args` and `envs`, building into the nested target dir.
fn install(args: &[&str], envs: &[(&str, &Path)]) {
    let mut cmd = Command::new("bash");
    cmd.arg(common::root().join("install.sh"))
        .args(args)
        .env("CARGO_TARGET_DIR", common::nested_target_dir("install"))
        .env_remove("PREFIX")
        .env_remove("DESTDIR");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    common::run(&mut cmd);
}

/// The prefix the library is installed in, once for all tests of this file.
fn prefix() -> &'static Path {
    static PREFIX: OnceLock<PathBuf> = OnceLock::new();
    PREFIX.get_or_init(|| {
        let prefix = common::scratch("install-prefix");
        install(&["--prefix", prefix.to_str().unwrap()], &[]);
        prefix
    })
}

/// What every consumer program prints: the named constant, then the spec.
fn expected_output() -> String {
    let mut want = String::from("D00004\tTOKEN_EXPIRED\n");
    for (code, zh) in common::spec_rows() {
        want.push_str(&format!("{code}\t{zh}\n"));
    }
    want
}

fn consumer_dir() -> PathBuf {
    common::root().join("tests/consumer")
}

/// The shared libraries a program or library names as NEEDED, and its SONAME.
fn dynamic_section(file: &Path) -> (Vec<String>, Option<String>) {
    let out = common::run(Command::new("readelf").arg("-d").arg(file));
    let text = String::from_utf8(out.stdout).unwrap();
    let bracketed = |l: &str| {
        l.split_once('[')
            .and_then(|(_, r)| r.split_once(']'))
            .map(|(v, _)| v.to_string())
    };
    let needed = text
        .lines()
        .filter(|l| l.contains("(NEEDED)"))
        .filter_map(bracketed)
        .collect();
    let soname = text.lines().find(|l| l.contains("(SONAME)")).and_then(bracketed);
    (needed, soname)
}

/// Checks a built consumer: it is linked to the library by its SONAME
/// (`shared`) or not at all, and, run with no LD_LIBRARY_PATH (cargo test sets
/// one) so that only its run path or static linking can find the library, it
/// prints the spec.
fn check_consumer(exe: &Path, shared: bool) {
    let (needed, _) = dynamic_section(exe);
    let ours: Vec<&String> = needed.iter().filter(|n| n.starts_with("libiot_error_codes")).collect();
    if shared {
        assert_eq!(
            ours,
            [&soname()],
            "{} should need the library by its SONAME",
            exe.display()
        );
    } else {
        assert!(
            ours.is_empty(),
            "{} is linked statically but needs {ours:?}",
            exe.display()
        );
    }
    let out = common::run(Command::new(exe).env_remove("LD_LIBRARY_PATH"));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        expected_output(),
        "{}",
        exe.display()
    );
}

fn pkg_config(args: &[&str]) -> String {
    let out = common::run(
        Command::new("pkg-config")
            .args(args)
            .arg("iot_error_codes")
            .env("PKG_CONFIG_PATH", prefix().join("lib/pkgconfig")),
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[test]
fn installs_the_documented_layout() {
    let lib = prefix().join("lib");
    let real = format!("libiot_error_codes.so.{VERSION}");
    assert!(
        lib.join(&real).symlink_metadata().unwrap().is_file(),
        "{real} is not a regular file"
    );
    assert_eq!(fs::read_link(lib.join(soname())).unwrap(), Path::new(&real));
    assert_eq!(
        fs::read_link(lib.join("libiot_error_codes.so")).unwrap(),
        Path::new(&soname())
    );
    assert!(lib.join("libiot_error_codes.a").is_file());
    assert!(lib.join("cmake/iot_error_codes/iot_error_codesConfig.cmake").is_file());
    assert!(lib
        .join("cmake/iot_error_codes/iot_error_codesConfigVersion.cmake")
        .is_file());
    assert_eq!(
        fs::read(prefix().join("include/iot_error_codes.h")).unwrap(),
        fs::read(common::root().join("include/iot_error_codes.h")).unwrap(),
        "the installed header is not the committed one"
    );
}

/// man(1) finds the installed pages through MANPATH, an _n function's through
/// its link page, and renders them on an 80-column UTF-8 terminal with every
/// groff warning on and none given; the overview shows the spec's Chinese.
#[test]
fn man_finds_and_renders_the_installed_pages() {
    if !common::require("man") {
        return;
    }
    let man_path = prefix().join("share/man");
    let man = |args: &[&str]| {
        let out = Command::new("man")
            .args(args)
            .env("MANPATH", &man_path)
            .env("LC_ALL", "C.UTF-8")
            .env("MANWIDTH", "80")
            .env_remove("MANPAGER")
            .env_remove("PAGER")
            .output()
            .expect("cannot run man");
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "man {args:?} failed ({}):\n{stderr}", out.status);
        (String::from_utf8(out.stdout).unwrap(), stderr)
    };
    let (found, _) = man(&["-w", "iot_error_describe", "iot_error_codes"]);
    let man3 = man_path.join("man3");
    let expected = format!(
        "{}\n{}\n",
        man3.join("iot_error_describe.3").display(),
        man3.join("iot_error_codes.3").display()
    );
    assert_eq!(found, expected, "man -w does not find the installed pages");
    // iot_error_describe_n.3 is `.so man3/iot_error_describe.3`, which man follows.
    let (found, _) = man(&["-w", "iot_error_describe_n"]);
    assert_eq!(
        found.trim_end(),
        man3.join("iot_error_describe.3").display().to_string()
    );
    for page in ["iot_error_codes", "iot_error_describe", "iot_error_describe_n"] {
        let (text, warnings) = man(&["--warnings=w", page]);
        assert!(warnings.is_empty(), "man {page} warns:\n{warnings}");
        assert!(text.contains("iot_error_describe"), "man {page} shows:\n{text}");
    }
    let (text, _) = man(&["iot_error_codes"]);
    for (code, zh) in common::spec_rows() {
        assert!(
            text.lines().any(|l| l.trim() == zh),
            "man iot_error_codes does not show {code}'s {zh:?}"
        );
    }
}

/// The names of the functions a shared library exports, without their version
/// (`name@@NODE`), and not the version nodes themselves.
fn exported(lib: &Path) -> BTreeSet<String> {
    let out = common::run(Command::new("nm").args(["-D", "--defined-only"]).arg(lib));
    let text = String::from_utf8(out.stdout).unwrap();
    text.lines()
        .filter(|l| !l.contains(" A ")) // the version nodes' own symbols
        .filter_map(|l| l.split_whitespace().nth(2)?.split('@').next())
        .map(str::to_string)
        .collect()
}

/// The footprint target of docs/performance.md's Footprint section: the stripped
/// release library, JNI entry points included, at most 48 KB (49,152 bytes).
#[test]
fn the_release_library_is_at_most_48_kb() {
    let installed_lib = prefix().join("lib").join(format!("libiot_error_codes.so.{VERSION}"));
    let size = fs::metadata(&installed_lib).unwrap().len();
    assert!(
        size <= 48 * 1024,
        "{} is {size} bytes, over 48 KB",
        installed_lib.display()
    );
}

#[test]
fn only_the_installed_library_has_a_soname() {
    let installed_lib = prefix().join("lib").join(format!("libiot_error_codes.so.{VERSION}"));
    let (_, installed) = dynamic_section(&installed_lib);
    assert_eq!(installed, Some(soname()));
    let mut debug_exports = exported(&common::shared_lib());
    // Only a debug build defines it (capi/src/lib.rs says why).
    debug_exports.remove("rust_eh_personality");
    assert_eq!(
        exported(&installed_lib),
        debug_exports,
        "the installed library's exports"
    );
    // The plain `cargo build` output, which the other tests and docs/c.md's
    // examples link by path, has none: a SONAME there would send programs
    // looking for a file that target/ does not have.
    let (_, plain) = dynamic_section(&common::shared_lib());
    assert_eq!(plain, None, "{} has a SONAME", common::shared_lib().display());
}

#[test]
fn pkg_config_gives_the_installed_paths_and_static_flags() {
    if !common::require("pkg-config") {
        return;
    }
    let p = prefix().display().to_string();
    assert_eq!(pkg_config(&["--modversion"]), VERSION);
    assert_eq!(pkg_config(&["--cflags"]), format!("-I{p}/include"));
    assert_eq!(pkg_config(&["--libs"]), format!("-L{p}/lib -liot_error_codes"));
    // No Libs.private: the no_std archive needs nothing else to link.
    assert_eq!(
        pkg_config(&["--static", "--libs"]),
        format!("-L{p}/lib -liot_error_codes")
    );
}

/// Builds consumer.c docs/c.md's way and returns the executable.
fn build_c_consumer(label: &str, shared: bool) -> PathBuf {
    let dir = common::scratch(label);
    let exe = dir.join("consumer_c");
    let flags = if shared {
        // The run path stands for an ldconfig'd system directory.
        format!(
            "{} -Wl,-rpath,{}/lib",
            pkg_config(&["--cflags", "--libs"]),
            prefix().display()
        )
    } else {
        // Name the archive so that the linker does not take the .so beside it.
        pkg_config(&["--cflags", "--static", "--libs"]).replace("-liot_error_codes", "-l:libiot_error_codes.a")
    };
    common::run(
        Command::new("cc")
            .arg(consumer_dir().join("consumer.c"))
            .args(flags.split_whitespace())
            .arg("-o")
            .arg(&exe),
    );
    exe
}

#[test]
fn c_program_through_pkg_config_shared() {
    if !common::require("pkg-config") {
        return;
    }
    check_consumer(&build_c_consumer("install-c-shared", true), true);
}

#[test]
fn c_program_through_pkg_config_static() {
    if !common::require("pkg-config") {
        return;
    }
    check_consumer(&build_c_consumer("install-c-static", false), false);
}

/// Configures tests/consumer/ against the prefix, asking for `version`.
fn cmake_configure(build: &Path, version: &str, static_libs: bool) -> std::process::Output {
    Command::new("cmake")
        .arg("-S")
        .arg(consumer_dir())
        .arg("-B")
        .arg(build)
        .arg(format!("-DCMAKE_PREFIX_PATH={}", prefix().display()))
        .arg(format!("-DIOT_ERROR_CODES_WANTED_VERSION={version}"))
        .arg(format!(
            "-Diot_error_codes_USE_STATIC_LIBS={}",
            if static_libs { "ON" } else { "OFF" }
        ))
        .output()
        .expect("cmake")
}

/// Builds consumer.cpp with CMake against the shared or static library and
/// checks it (skipped where cmake is missing, outside CI).
fn check_cpp_consumer(label: &str, static_libs: bool) {
    if !common::require("cmake") {
        return;
    }
    let build = common::scratch(label);
    let wanted = VERSION.rsplit_once('.').unwrap().0; // MAJOR.MINOR
    let configured = cmake_configure(&build, wanted, static_libs);
    assert!(
        configured.status.success(),
        "cmake configure failed:\n{}",
        String::from_utf8_lossy(&configured.stderr)
    );
    common::run(Command::new("cmake").arg("--build").arg(&build));
    check_consumer(&build.join("consumer_cpp"), !static_libs);
}

#[test]
fn cpp_program_through_cmake_shared() {
    check_cpp_consumer("install-cmake-shared", false);
}

#[test]
fn cpp_program_through_cmake_static() {
    check_cpp_consumer("install-cmake-static", true);
}

#[test]
fn cmake_refuses_an_incompatible_version() {
    if !common::require("cmake") {
        return;
    }
    let number = |s: &str| s.parse::<u32>().unwrap();
    let major = number(env!("CARGO_PKG_VERSION_MAJOR"));
    let minor = number(env!("CARGO_PKG_VERSION_MINOR"));
    let patch = number(env!("CARGO_PKG_VERSION_PATCH"));
    // A newer release, and one of another ABI (the next major, or the next
    // minor while the major version is 0).
    let newer = format!("{major}.{minor}.{}", patch + 1);
    let other_abi = if major == 0 {
        format!("0.{}", minor + 1)
    } else {
        format!("{}.0", major + 1)
    };
    for version in [newer, other_abi] {
        let out = cmake_configure(&common::scratch("install-cmake-refuse"), &version, false);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "find_package accepted version {version}");
        // Found, and refused by its version file (not merely missing).
        assert!(
            stderr.contains(&format!("iot_error_codesConfig.cmake, version: {VERSION}")),
            "{stderr}"
        );
    }
}

#[test]
fn destdir_stages_under_the_prefix_without_recording_it() {
    let stage = common::scratch("install-destdir");
    let prefix = Path::new("/opt/iot-error-codes"); // given through PREFIX, never created
    install(&[], &[("DESTDIR", &stage), ("PREFIX", prefix)]);
    let staged = stage.join("opt/iot-error-codes");
    assert!(staged.join("include/iot_error_codes.h").is_file());
    assert!(staged.join("lib/libiot_error_codes.a").is_file());
    let pc = fs::read_to_string(staged.join("lib/pkgconfig/iot_error_codes.pc")).unwrap();
    assert!(pc.lines().any(|l| l == "prefix=/opt/iot-error-codes"), "{pc}");
    for text in [
        "lib/pkgconfig/iot_error_codes.pc",
        "lib/cmake/iot_error_codes/iot_error_codesConfig.cmake",
    ] {
        let content = fs::read_to_string(staged.join(text)).unwrap();
        assert!(!content.contains(stage.to_str().unwrap()), "{text} records DESTDIR");
    }
    assert!(
        !prefix.exists(),
        "install.sh wrote to {} despite DESTDIR",
        prefix.display()
    );
}

/// `make && sudo make install`: `install.sh build` as the user, then
/// `install.sh install` with sudo's usual PATH and nothing else of the
/// environment (no cargo, no rustup) installs what the build left; with
/// nothing built, `install` says so and fails without building.
#[test]
fn install_step_needs_no_cargo_and_says_when_nothing_is_built() {
    let work = common::scratch("install-split");
    let target_dir = work.join("target");
    let secure_path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    let as_root = |args: &[&str]| {
        Command::new("env")
            .arg("-i")
            .arg(format!("PATH={secure_path}"))
            .arg(format!("CARGO_TARGET_DIR={}", target_dir.display()))
            .arg("bash")
            .arg(common::root().join("install.sh"))
            .args(args)
            .output()
            .unwrap()
    };
    let prefix = work.join("prefix");
    let prefix_arg = prefix.to_str().unwrap();
    let nothing = as_root(&["install", "--prefix", prefix_arg]);
    let said = String::from_utf8_lossy(&nothing.stderr);
    assert!(
        nothing.status.code() == Some(1) && said.contains("nothing built") && said.contains("./install.sh build"),
        "install with nothing built:\n{}",
        common::printed(&nothing)
    );
    assert!(!prefix.exists(), "install with nothing built wrote {prefix:?}");
    common::run(
        Command::new("bash")
            .arg(common::root().join("install.sh"))
            .arg("build")
            .env("CARGO_TARGET_DIR", &target_dir),
    );
    let installed = as_root(&["install", "--prefix", prefix_arg]);
    assert!(
        installed.status.success(),
        "install after build:\n{}",
        common::printed(&installed)
    );
    let lib = prefix.join(format!("lib/libiot_error_codes.so.{VERSION}"));
    assert!(lib.is_file() && prefix.join("lib/pkgconfig/iot_error_codes.pc").is_file());
}
