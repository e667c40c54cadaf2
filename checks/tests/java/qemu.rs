//! The JDK tests on the foreign CPUs' JVMs (the rows of capi/targets.tsv with a root), executed
//! under qemu-user.

use super::*;

/// The JDK tests as build.sh runs them (TestRunner under -Xcheck:jni, on the JAR's bundled
/// library, the JAR built by build.sh), executed on `cpu`'s JVM under qemu-user: Debian's JRE 17
/// for that CPU from a private root (checks/foreign-root.sh). Then, on that JVM, LoaderProbe shows
/// which library it took: the JVM's os.arch names the CPU, the loader picks the JAR's directory for
/// it, loads the bundled copy and looks up D00004 through it (a library of another CPU cannot load
/// into that process at all).
fn jdk_tests_pass_on(cpu: &common::ForeignCpu) {
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

/// Every foreign CPU of capi/targets.tsv (a row with a root).
#[test]
fn jdk_tests_pass_on_every_foreign_cpu_under_qemu() {
    for cpu in common::foreign_cpus() {
        jdk_tests_pass_on(&cpu);
    }
}
