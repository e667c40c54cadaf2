//! What the JAR carries: a library per JAR folder of capi/targets.tsv (machine, SONAME, versioned
//! exports, no import), what build.sh does without a target, and which one the loader takes.

use super::*;

/// build.sh takes the JAR's library directories from capi/targets.tsv, so on a machine whose Rust
/// host has no JAR folder there (a stand-in rustc says s390x) it stops instead of bundling the
/// library where the loader would not look.
#[test]
fn build_sh_refuses_an_architecture_it_does_not_map() {
    if !common::require("javac") {
        return;
    }
    let real = common::run(Command::new("sh").args(["-c", "command -v rustc"]));
    let real = String::from_utf8(real.stdout).unwrap().trim().to_string();
    let bin = common::scratch("java-fake-host");
    let rustc = bin.join("rustc");
    let host = "s390x-unknown-linux-gnu";
    fs::write(
        &rustc,
        format!("#!/bin/sh\nif [ \"$1\" = -vV ]; then echo 'host: {host}'; else exec '{real}' \"$@\"; fi\n"),
    )
    .unwrap();
    fs::set_permissions(&rustc, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let out_dir = common::scratch("java-fake-host-out");
    let out = Command::new("bash")
        .arg(common::root().join("bindings/java/build.sh"))
        .env("PATH", format!("{}:{}", bin.display(), env::var("PATH").unwrap()))
        .env_remove("RUSTC")
        .env("IOT_ERROR_CODES_LIBRARY", common::shared_lib())
        .env("JAVA_OUT", &out_dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", common::printed(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(&format!("bundling for {host} is not supported")),
        "{}",
        common::printed(&out)
    );
    assert!(
        !out_dir.join("iot-error-codes.jar").exists(),
        "a JAR was made\n{}",
        common::printed(&out)
    );
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

/// The JAR's Linux library directories (capi/targets.tsv's jar column, the rows that ship an
/// ELF `so`), with the Rust target of each. The Windows and macOS folders hold a DLL or a dylib:
/// checks/tests/dist.rs reads those (and desktop.rs inspects the libraries themselves).
fn jar_platforms() -> Vec<(String, String)> {
    targets::all()
        .into_iter()
        .filter(|t| t.ships("so"))
        .filter_map(|t| Some((t.jar.clone()?, t.triple)))
        .collect()
}

/// [`jar_platforms`] but this machine's (x86-64 Linux, where these checks run).
fn other_platforms() -> Vec<(String, String)> {
    jar_platforms()
        .into_iter()
        .filter(|(platform, _)| platform != "linux-x86_64")
        .collect()
}

/// Whether the JAR bundles the library of `platform` (one of [`other_platforms`]). build.sh goes
/// without it, with a warning, when its Rust target cannot be installed: then the test says what
/// it skipped, or fails under CI.
fn bundled(build: &Build, platform: &str) -> bool {
    if jar_entries(build).contains(&format!("native/{platform}/libiot_error_codes.so")) {
        return true;
    }
    let platforms = jar_platforms();
    let (_, target) = platforms.iter().find(|(p, _)| p == platform).unwrap();
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

    let elf: Vec<String> = jar_platforms().into_iter().map(|(platform, _)| platform).collect();
    let mut platforms: Vec<String> = fs::read_dir(dir.join("native"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|platform| elf.contains(platform))
        .collect();
    platforms.sort();
    let others = other_platforms();
    let mut wanted = vec!["linux-x86_64"];
    for (platform, _) in &others {
        if bundled(build, platform) {
            wanted.push(platform);
        }
    }
    wanted.sort();
    assert_eq!(platforms, wanted, "the JAR's native/ directories");

    for (platform, triple) in jar_platforms() {
        if !wanted.contains(&platform.as_str()) {
            continue;
        }
        let path = dir.join("native").join(&platform).join("libiot_error_codes.so");
        let lib = Library::open(&path);
        assert_eq!(
            Some(lib.machine()),
            inspect::machine_of(&triple),
            "{platform}: the machine"
        );

        // Nothing of the machine it was built on: no path (rust-lld records the output's path
        // where there is no SONAME), so a build elsewhere gives the same bytes.
        let bytes = fs::read(&path).unwrap();
        let root = common::root();
        let root = root.to_str().unwrap().as_bytes();
        assert!(
            !bytes.windows(root.len()).any(|w| w == root),
            "{platform}: the library holds the path {}",
            common::root().display()
        );
        assert_eq!(
            lib.soname().as_deref(),
            Some("libiot_error_codes.so"),
            "{platform}: the SONAME"
        );
        let imports = lib.imports();
        assert!(imports.is_empty(), "{platform}: the library imports {imports:?}");
        let mut functions: Vec<String> = lib
            .exports()
            .into_iter()
            .map(|s| format!("{}@@{}", s.name, s.version.unwrap_or_default()))
            .collect();
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

/// Without the Rust targets of the aarch64 and armv7 JAR folders (rustup cannot add them:
/// offline, say), build.sh says so and makes a JAR with the x86-64 library alone.
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
    for (platform, target) in other_platforms() {
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
