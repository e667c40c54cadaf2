//! The native loader's order (NativeLibrary): System.loadLibrary, the property, the variable,
//! the bundled copy, each step seen by a probe JVM set up for it, and impostor libraries passed over.

use super::*;

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
