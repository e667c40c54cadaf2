//! `./dist.sh` writes every artifact (the versioned .so, the .a, the header,
//! the man pages, the wheels, the sdist, the JAR, the AAR with its POM and the
//! .crate) into `<target dir>/dist/` with a SHA256SUMS that checks them all.

use iot_error_codes_checks as common;

use std::fs;
use std::process::Command;

#[test]
fn dist_writes_every_artifact_with_checksums() {
    for tool in ["javac", "python3", "sha256sum"] {
        if !common::require(tool) {
            return;
        }
    }
    let target = common::nested_target_dir("dist");
    common::run(Command::new(common::root().join("dist.sh")).env("CARGO_TARGET_DIR", &target));
    let dist = target.join("dist");
    let version = env!("CARGO_PKG_VERSION");
    let mut names: Vec<String> = fs::read_dir(&dist)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let has = |f: &dyn Fn(&str) -> bool| names.iter().any(|n| f(n));
    assert!(has(&|n| n == format!("libiot_error_codes.so.{version}")), "{names:?}");
    assert!(
        has(&|n| n == "libiot_error_codes.a" || n == "iot_error_codes.h"),
        "{names:?}"
    );
    assert!(has(&|n| n == "iot_error_codes.h"), "{names:?}");
    // A wheel per Linux CPU, each tagged manylinux and musllinux (checks/tests/wheel.rs checks them).
    for machine in ["x86_64", "aarch64", "armv7l"] {
        assert!(
            has(
                &|n| n.starts_with(&format!("iot_error_codes-{version}-py3-none-manylinux"))
                    && n.ends_with(&format!(".musllinux_1_1_{machine}.whl"))
            ),
            "no {machine} wheel: {names:?}"
        );
    }
    assert!(has(&|n| n == format!("iot_error_codes-{version}.tar.gz")), "{names:?}");
    assert!(has(&|n| n == format!("iot-error-codes-{version}.jar")), "{names:?}");
    assert!(has(&|n| n == format!("iot-error-codes-{version}.crate")), "{names:?}");
    // The man pages: man3/ with every page of man/man3.
    let man_tarball = format!("iot_error_codes-{version}-man.tar.gz");
    assert!(has(&|n| n == man_tarball), "{names:?}");
    let listed = common::run(Command::new("tar").args(["tzf", &man_tarball]).current_dir(&dist));
    let mut listed: Vec<String> = String::from_utf8(listed.stdout)
        .unwrap()
        .lines()
        .filter(|l| l.ends_with(".3"))
        .map(str::to_string)
        .collect();
    listed.sort();
    let mut pages: Vec<String> = fs::read_dir(common::root().join("man/man3"))
        .unwrap()
        .map(|e| format!("man3/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    pages.sort();
    assert_eq!(listed, pages, "{man_tarball} does not hold man/man3");
    // The AAR and its POM, named as a Maven repository names them (checks/tests/android.rs
    // checks what they hold).
    for ext in ["aar", "pom"] {
        assert!(
            has(&|n| n == format!("iot-error-codes-android-{version}.{ext}")),
            "{names:?}"
        );
    }
    // SHA256SUMS names every other file, and every sum is right.
    let sums = fs::read_to_string(dist.join("SHA256SUMS")).unwrap();
    for name in names.iter().filter(|n| *n != "SHA256SUMS") {
        assert!(
            sums.lines().any(|l| l.ends_with(&format!("  {name}"))),
            "SHA256SUMS lacks {name}:\n{sums}"
        );
    }
    common::run(
        Command::new("sha256sum")
            .args(["-c", "--quiet", "SHA256SUMS"])
            .current_dir(&dist),
    );
    // The header is the committed one.
    assert!(
        fs::read(dist.join("iot_error_codes.h")).unwrap()
            == fs::read(common::root().join("include/iot_error_codes.h")).unwrap(),
        "dist/iot_error_codes.h is not the committed include/iot_error_codes.h"
    );
}
