//! The Android library: the AAR and POM of bindings/android/build-aar.sh, as far as a machine
//! without Android can check them.
//!
//! What each check claims:
//! - the AAR's layout, manifest, R.txt and POM, read from the files;
//! - each of the four libraries is *built for* its ABI (ELF class, machine, float ABI) with 16 KB
//!   LOAD alignment, the SONAME, DT_HASH and DT_GNU_HASH, no TEXTREL, no undefined symbol, and the
//!   JNI entry points the AAR's classes declare;
//! - each library is *executed* by the C API test (tests/c/api_test.c, the spec as its oracle)
//!   linked to it and loaded by glibc's loader: x86_64 on this machine's CPU, x86, arm64-v8a and
//!   armeabi-v7a under qemu-user (qemu-i386, qemu-aarch64, qemu-arm with the sysroot of Debian's
//!   cross compiler of that ABI; armeabi-v7a's harness is soft-float EABI, arm-linux-gnueabi);
//! - the AAR's classes.jar with its library for this machine (x86_64), loaded by
//!   `System.loadLibrary` through `-Djava.library.path` as Android's loader does from an APK,
//!   passes the Java binding's tests under `-Xcheck:jni` on the host JVM;
//! - the classes are Java 8 bytecode and refer to none of the Java 8 APIs that Android added above
//!   the manifest's minSdkVersion ([`LATER_APIS`]);
//! - proguard.txt keeps what the native library and the enums look up by name.
//!
//! Not run here: ART, d8/R8, Android lint, a device or emulator.

use iot_error_codes_checks as common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::{env, fs};

/// The Android ABIs the AAR carries: (ABI, ELF class, readelf's machine, qemu's name for the CPU,
/// Debian's GNU triple for a harness of that ABI).
const ABIS: [(&str, &str, &str, &str, &str); 4] = [
    ("arm64-v8a", "ELF64", "AArch64", "aarch64", "aarch64-linux-gnu"),
    ("armeabi-v7a", "ELF32", "ARM", "arm", "arm-linux-gnueabi"),
    ("x86", "ELF32", "Intel 80386", "i386", "i686-linux-gnu"),
    ("x86_64", "ELF64", "X86-64", "x86_64", "x86_64-linux-gnu"),
];

/// Java 8 APIs that `javac --release 8` accepts but that Android added after API level 21, with
/// the level that added each (developer.android.com, "Added in API level"). Lambdas, method
/// references, default methods and try-with-resources are not listed: d8 desugars them for every
/// level. The list is short and names what is easy to reach for; it is no full API database.
///
/// An entry is (owner, members, level). The owner is a package (ending in `/`), a class or a class
/// prefix (`java/util/Optional` covers `OptionalInt`), where `*` stands for any characters but
/// `/` (`java/util/*Map` is HashMap, TreeMap or Map itself: javac names the receiver's declared
/// type). With no members, any reference to such a class counts; else only those members.
const LATER_APIS: &[(&str, &str, u32)] = &[
    ("java/util/function/", "", 24),
    ("java/util/stream/", "", 24),
    ("java/util/Optional", "", 24),
    ("java/util/Spliterator", "", 24),
    ("java/util/StringJoiner", "", 24),
    // What Java 8's ConcurrentHashMap.keySet() returns: NoSuchMethodError below 24.
    ("java/util/concurrent/ConcurrentHashMap$KeySetView", "", 24),
    ("java/util/Base64", "", 26),
    ("java/nio/file/", "", 26),
    ("java/time/", "", 26),
    ("java/lang/reflect/Executable", "", 26),
    ("java/lang/reflect/Parameter", "", 26),
    (
        "java/util/*Map",
        "getOrDefault putIfAbsent computeIfAbsent computeIfPresent compute merge forEach replaceAll",
        24,
    ),
    (
        "java/util/concurrent/*Map",
        "getOrDefault computeIfAbsent computeIfPresent compute merge forEach replaceAll",
        24,
    ),
    ("java/lang/Iterable", "forEach spliterator", 24),
    ("java/util/*", "forEach removeIf stream parallelStream spliterator", 24),
    ("java/util/*List", "sort replaceAll", 24),
    (
        "java/util/Comparator",
        "comparing comparingInt comparingLong comparingDouble thenComparing reversed naturalOrder reverseOrder nullsFirst nullsLast",
        24,
    ),
    ("java/lang/String", "join", 26),
    ("java/lang/*", "chars codePoints", 24),
    (
        "java/lang/Math",
        "floorDiv floorMod addExact subtractExact multiplyExact incrementExact decrementExact negateExact toIntExact",
        24,
    ),
    ("java/util/Objects", "isNull nonNull", 24),
    (
        "java/util/concurrent/atomic/*",
        "updateAndGet getAndUpdate accumulateAndGet getAndAccumulate",
        24,
    ),
    ("java/lang/ThreadLocal", "withInitial", 26),
    ("java/lang/reflect/Method", "getParameterCount getParameters", 26),
];

/// What build-aar.sh wrote: the AAR and the POM, and the AAR unpacked.
struct Aar {
    aar: PathBuf,
    pom: PathBuf,
    unpacked: PathBuf,
    /// classes.jar unpacked.
    classes: PathBuf,
}

impl Aar {
    fn file(&self, entry: &str) -> PathBuf {
        self.unpacked.join(entry)
    }

    fn library(&self, abi: &str) -> PathBuf {
        self.file(&format!("jni/{abi}/libiot_error_codes.so"))
    }

    /// The manifest's minSdkVersion.
    fn min_sdk(&self) -> u32 {
        let manifest = fs::read_to_string(self.file("AndroidManifest.xml")).unwrap();
        attribute(&manifest, "android:minSdkVersion")
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("no numeric android:minSdkVersion in\n{manifest}"))
    }
}

/// Runs build-aar.sh once for all tests; `None` (skipped) without a JDK.
fn aar() -> Option<&'static Aar> {
    static AAR: OnceLock<Option<Aar>> = OnceLock::new();
    AAR.get_or_init(|| {
        if !(common::require("javac") && common::require("jar") && common::require("javap")) {
            return None;
        }
        let out = common::scratch("android-out");
        let built = common::run(
            Command::new("bash")
                .arg(common::root().join("bindings/android/build-aar.sh"))
                .arg(&out)
                .env("CARGO_TARGET_DIR", common::nested_target_dir("android")),
        );
        let aar = PathBuf::from(String::from_utf8(built.stdout).unwrap().trim_end());
        let name = format!("iot-error-codes-android-{}", env!("CARGO_PKG_VERSION"));
        assert_eq!(aar, out.join(format!("{name}.aar")), "the AAR's path");
        let unpacked = common::scratch("android-aar");
        common::run(Command::new("jar").arg("xf").arg(&aar).current_dir(&unpacked));
        let classes = common::scratch("android-classes");
        common::run(
            Command::new("jar")
                .arg("xf")
                .arg(unpacked.join("classes.jar"))
                .current_dir(&classes),
        );
        Some(Aar {
            aar,
            pom: out.join(format!("{name}.pom")),
            unpacked,
            classes,
        })
    })
    .as_ref()
}

/// The value of the first `name="..."` in `xml`.
fn attribute(xml: &str, name: &str) -> Option<String> {
    let start = xml.find(&format!("{name}=\""))? + name.len() + 2;
    Some(xml[start..].split('"').next()?.to_string())
}

fn readelf(args: &[&str], file: &Path) -> String {
    String::from_utf8(common::run(Command::new("readelf").args(args).arg(file)).stdout).unwrap()
}

/// The entries of an archive (`jar tf`), directories left out.
fn entries(archive: &Path) -> BTreeSet<String> {
    let out = common::run(Command::new("jar").arg("tf").arg(archive));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| !l.ends_with('/'))
        .map(str::to_string)
        .collect()
}

#[test]
fn aar_holds_manifest_classes_four_libraries_rules_and_no_resources() {
    let Some(aar) = aar() else { return };
    let mut expected: BTreeSet<String> = ["AndroidManifest.xml", "R.txt", "classes.jar", "proguard.txt"]
        .map(str::to_string)
        .into();
    for (abi, ..) in ABIS {
        expected.insert(format!("jni/{abi}/libiot_error_codes.so"));
    }
    assert_eq!(entries(&aar.aar), expected, "{}", aar.aar.display());
    // The AAR format's mandatory res/ folder is there, empty; so is R.txt.
    assert!(aar.file("res").is_dir(), "no res/");
    assert_eq!(fs::read(aar.file("R.txt")).unwrap(), b"", "R.txt");

    let manifest = fs::read_to_string(aar.file("AndroidManifest.xml")).unwrap();
    assert_eq!(
        attribute(&manifest, "package").as_deref(),
        Some("iot.errorcodes"),
        "{manifest}"
    );
    assert_eq!(
        aar.min_sdk(),
        21,
        "the stated minSdkVersion (docs/android.md says why 21)"
    );

    // classes.jar: every class of the Java binding's sources, as Java 8 (major version 52) class files.
    let classes = aar.classes.clone();
    let sources: BTreeSet<String> = fs::read_dir(common::root().join("bindings/java/src/iot/errorcodes"))
        .unwrap()
        .map(|e| e.unwrap().path().file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    let mut top_level = BTreeSet::new();
    for entry in entries(&aar.file("classes.jar")) {
        if entry.starts_with("META-INF/") {
            continue;
        }
        let class = entry
            .strip_prefix("iot/errorcodes/")
            .and_then(|c| c.strip_suffix(".class"))
            .unwrap_or_else(|| panic!("classes.jar holds {entry}"));
        let bytes = fs::read(classes.join(&entry)).unwrap();
        assert_eq!(bytes[..4], [0xca, 0xfe, 0xba, 0xbe], "{entry}: not a class file");
        assert_eq!(
            u16::from_be_bytes([bytes[6], bytes[7]]),
            52,
            "{entry}: not Java 8 bytecode"
        );
        top_level.insert(class.split('$').next().unwrap().to_string());
    }
    assert_eq!(top_level, sources, "classes.jar against bindings/java/src");
}

/// The POM names the AAR (its packaging) with the crate's version, so that a Maven repository
/// keeps the two together; Python's XML parser reads it, so it is well-formed.
#[test]
fn pom_beside_the_aar_has_its_coordinates() {
    let Some(aar) = aar() else { return };
    if !common::require("python3") {
        return;
    }
    let script = "import sys, xml.etree.ElementTree as T\n\
        ns = {'m': 'http://maven.apache.org/POM/4.0.0'}\n\
        root = T.parse(sys.argv[1]).getroot()\n\
        for tag in ['modelVersion', 'groupId', 'artifactId', 'version', 'packaging']:\n\
        \x20   print(tag, root.find('m:' + tag, ns).text)\n";
    let out = common::run(Command::new("python3").args(["-c", script]).arg(&aar.pom));
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!(
            "modelVersion 4.0.0\ngroupId iot.errorcodes\nartifactId iot-error-codes-android\n\
             version {version}\npackaging aar\n"
        )
    );
    // The file names are those of a Maven repository: artifactId-version.{aar,pom}.
    let stem = format!("iot-error-codes-android-{version}");
    assert_eq!(aar.aar.file_name().unwrap().to_str(), Some(&*format!("{stem}.aar")));
    assert_eq!(aar.pom.file_name().unwrap().to_str(), Some(&*format!("{stem}.pom")));
}

/// Each library is an ELF of its ABI that Android's loader takes on every supported version and
/// Google Play takes for 16 KB devices. All problems of all four are listed before failing.
#[test]
fn each_library_is_built_for_its_abi_with_16k_pages_both_hashes_and_no_imports() {
    let Some(aar) = aar() else { return };
    if !common::require("readelf") {
        return;
    }
    let jni = common::jni_symbols(&aar.classes);
    let mut problems = Vec::new();
    for (abi, class, machine, ..) in ABIS {
        let lib = aar.library(abi);
        let mut problem = |p: String| problems.push(format!("{abi}: {p}"));

        let header = readelf(&["-hW"], &lib);
        let field = |name: &str| {
            header
                .lines()
                .find_map(|l| l.trim().strip_prefix(name))
                .map_or(String::new(), |v| v.trim().to_string())
        };
        if field("Class:") != class
            || !field("Machine:").ends_with(machine)
            || field("Type:") != "DYN (Shared object file)"
        {
            problem(format!("not a {class} {machine} shared object:\n{header}"));
        }
        // armeabi-v7a passes floating-point arguments in core registers (soft-float EABI).
        if abi == "armeabi-v7a" && !field("Flags:").contains("soft-float ABI") {
            problem(format!("not soft-float EABI: {}", field("Flags:")));
        }

        let segments = readelf(&["-lW"], &lib);
        let loads: Vec<&str> = segments
            .lines()
            .filter(|l| l.trim_start().starts_with("LOAD"))
            .collect();
        if loads.is_empty() {
            problem(format!("no LOAD segment:\n{segments}"));
        }
        for load in loads {
            let align = load.split_whitespace().last().unwrap();
            if u64::from_str_radix(align.trim_start_matches("0x"), 16) != Ok(16384) {
                problem(format!("a LOAD segment aligned to {align}, not 16 KB: {load}"));
            }
        }

        let dynamic = readelf(&["-dW"], &lib);
        for (tag, value, what) in [
            ("(SONAME)", "Library soname: [libiot_error_codes.so]", "the SONAME"),
            ("(HASH)", "", "DT_HASH (Android before API level 23 reads only it)"),
            ("(GNU_HASH)", "", "DT_GNU_HASH"),
        ] {
            if !dynamic.lines().any(|l| l.contains(tag) && l.contains(value)) {
                problem(format!("no {what}:\n{dynamic}"));
            }
        }
        if dynamic.contains("TEXTREL") {
            problem(format!("text relocations (refused from API level 23):\n{dynamic}"));
        }

        let mut exported = BTreeSet::new();
        for line in readelf(&["--dyn-syms", "-W"], &lib).lines() {
            // Num: Value Size Type Bind Vis Ndx Name
            let f: Vec<&str> = line.split_whitespace().collect();
            if f.len() < 8 || !f[0].ends_with(':') || f[0] == "0:" {
                continue;
            }
            if f[6] == "UND" {
                problem(format!(
                    "an undefined symbol, with no NEEDED library to take it from: {line}"
                ));
            } else if f[3] == "FUNC" && f[4] == "GLOBAL" {
                exported.insert(f[7].split('@').next().unwrap().to_string());
            }
        }
        let missing: Vec<&String> = jni.difference(&exported).collect();
        if !missing.is_empty() {
            problem(format!("the classes' JNI entry points {missing:?} are not exported"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Compiles tests/c/api_test.c for `abi` (the host compiler where the machine is of that ABI, else
/// Debian's cross compiler), linked to the AAR's library of that ABI, and runs it with the spec
/// and the vectors: on this CPU, or under qemu-user with the cross compiler's sysroot. glibc's
/// loader loads the library, found by the harness's RUNPATH (LD_LIBRARY_PATH is removed, so that
/// nothing else of that name can be taken).
fn c_api_test(abi: &str) {
    let Some(aar) = aar() else { return };
    let (_, _, _, cpu, triple) = ABIS.into_iter().find(|a| a.0 == abi).unwrap();
    let host = match env::consts::ARCH {
        "x86" => "i386",
        arch => arch,
    };
    let native = host == cpu;
    let compiler = if native {
        "cc".to_string()
    } else {
        format!("{triple}-gcc")
    };
    let qemu = format!("qemu-{cpu}");
    if !common::require(&compiler) || (!native && !common::require(&qemu)) {
        return;
    }
    let dir = common::scratch(&format!("android-c-{abi}"));
    let lib_dir = aar.library(abi).parent().unwrap().to_path_buf();
    let exe = dir.join("api_test");
    let root = common::root();
    common::run(
        Command::new(&compiler)
            .args(["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-O1"])
            .arg("-I")
            .arg(root.join("include"))
            .arg(root.join("tests/c/api_test.c"))
            .arg(format!("-L{}", lib_dir.display()))
            .arg("-liot_error_codes")
            .arg(format!("-Wl,-rpath,{}", lib_dir.display()))
            .arg("-o")
            .arg(&exe),
    );
    let needed = readelf(&["-dW"], &exe);
    assert!(
        needed.contains("Shared library: [libiot_error_codes.so]"),
        "the harness does not load the library:\n{needed}"
    );
    let mut cmd = if native {
        Command::new(&exe)
    } else {
        let mut c = Command::new(&qemu);
        c.arg("-L").arg(Path::new("/usr").join(triple)).arg(&exe);
        c
    };
    let out = cmd
        .arg(common::spec_path())
        .arg(root.join("tests/vectors.txt"))
        .env_remove("LD_LIBRARY_PATH")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let summary = stdout.lines().last().unwrap_or_default();
    assert!(
        out.status.success() && summary.ends_with(" passed, 0 failed"),
        "{abi} ({}): {}",
        if native { "this CPU" } else { &qemu },
        common::printed(&out)
    );
    let passed: u32 = summary.split(' ').next().unwrap().parse().unwrap();
    assert!(passed > 100, "{abi}: too few checks ran: {summary}");
}

#[test]
fn c_api_test_passes_on_x86_64() {
    c_api_test("x86_64");
}

#[test]
fn c_api_test_passes_on_x86() {
    c_api_test("x86");
}

#[test]
fn c_api_test_passes_on_arm64_v8a() {
    c_api_test("arm64-v8a");
}

#[test]
fn c_api_test_passes_on_armeabi_v7a() {
    c_api_test("armeabi-v7a");
}

/// The AAR's classes.jar and its library for this machine's ABI, loaded by `System.loadLibrary`
/// from `-Djava.library.path` (what Android does with the APK's lib/<abi>/), pass the Java
/// binding's tests under -Xcheck:jni; the loader says step 1 loaded the library.
#[test]
fn java_tests_pass_on_the_aar_classes_with_system_load_library() {
    let Some(aar) = aar() else { return };
    if !common::require("java") {
        return;
    }
    let Some((abi, ..)) = ABIS.into_iter().find(|a| a.3 == env::consts::ARCH) else {
        common::skip(&format!(
            "no Android ABI runs on this JVM's machine ({})",
            env::consts::ARCH
        ));
        return;
    };
    let root = common::root();
    let test_classes = common::scratch("android-java-tests");
    let mut sources: Vec<PathBuf> = Vec::new();
    for dir in ["bindings/java/test/iot/errorcodes", "bindings/java/example"] {
        for entry in fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|x| x == "java") {
                sources.push(path);
            }
        }
    }
    let classes_jar = aar.file("classes.jar");
    common::run(
        Command::new("javac")
            .args(["--release", "8", "-encoding", "UTF-8", "-nowarn", "-cp"])
            .arg(&classes_jar)
            .arg("-d")
            .arg(&test_classes)
            .args(&sources),
    );
    let class_path = format!("{}:{}", classes_jar.display(), test_classes.display());
    let library_path = format!("-Djava.library.path={}", aar.library(abi).parent().unwrap().display());
    let java = |main: &str| {
        let mut cmd = Command::new("java");
        cmd.env(common::SPEC_VAR, common::spec_path())
            .env_remove("LD_LIBRARY_PATH")
            .env_remove("IOT_ERROR_CODES_LIBRARY")
            .args(["-Xcheck:jni", &library_path, "-cp", &class_path])
            .arg(format!("-Diot.errorcodes.root={}", root.display()))
            .arg(format!("-Diot.errorcodes.crateVersion={}", env!("CARGO_PKG_VERSION")))
            .arg(main);
        let out = cmd.output().unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
        let text = common::printed(&out);
        common::assert_no_jni_complaints(&text);
        (out, text)
    };

    let (out, text) = java("iot.errorcodes.LoaderProbe");
    assert!(out.status.success(), "{text}");
    assert!(text.contains("loaded by System.loadLibrary\n"), "{text}");

    let (out, text) = java("iot.errorcodes.TestRunner");
    let summary = String::from_utf8_lossy(&out.stdout)
        .lines()
        .rev()
        .find(|l| l.ends_with(" failed"))
        .map(str::to_string)
        .unwrap_or_else(|| panic!("no summary line\n{text}"));
    let passed: usize = summary.split(' ').next().unwrap().parse().unwrap();
    assert!(
        out.status.success() && summary.ends_with(" passed, 0 failed") && passed >= 43,
        "{summary}\n{text}"
    );
}

/// Every reference to a listed API in `javap -v -p` output (the constant pool holds every class
/// and member a class refers to, code and signatures alike): "owner.member (API level N)" or
/// "owner (API level N)".
fn later_api_references(javap: &str) -> BTreeSet<(String, u32)> {
    let mut found = BTreeSet::new();
    let token = |c: char| c.is_ascii_alphanumeric() || "_$/".contains(c);
    let mut rest = javap;
    while let Some(at) = [rest.find("java/"), rest.find("java.")].into_iter().flatten().min() {
        let tail = &rest[at..];
        // A dotted name (a declaration: java.util.function.ToIntFunction) is a class; a slashed
        // one may go on with .member: (java/util/Map.getOrDefault:(...)).
        let (owner, member, used) = if tail.starts_with("java.") {
            let end = tail
                .find(|c: char| !(c.is_ascii_alphanumeric() || "_$.".contains(c)))
                .unwrap_or(tail.len());
            (tail[..end].replace('.', "/"), None, end)
        } else {
            let end = tail.find(|c: char| !token(c)).unwrap_or(tail.len());
            let after = &tail[end..];
            let member = after.strip_prefix('.').and_then(|m| {
                let m = m.trim_start_matches('"');
                let len = m
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(m.len());
                (len > 0).then(|| m[..len].to_string())
            });
            (tail[..end].to_string(), member, end)
        };
        for &(pattern, members, level) in LATER_APIS {
            if !owner_matches(pattern, &owner, members.is_empty()) {
                continue;
            }
            if members.is_empty() {
                found.insert((owner.clone(), level));
            } else if let Some(m) = member.as_deref().filter(|m| members.split(' ').any(|x| x == *m)) {
                found.insert((format!("{owner}.{m}"), level));
            }
        }
        rest = &tail[used..];
    }
    found
}

/// Whether `owner` matches `pattern` as [`LATER_APIS`] describes; a class is a prefix only in
/// an entry of no members (`class_prefix`).
fn owner_matches(pattern: &str, owner: &str, class_prefix: bool) -> bool {
    if pattern.ends_with('/') {
        return owner.starts_with(pattern);
    }
    let Some((prefix, suffix)) = pattern.split_once('*') else {
        return owner == pattern || (class_prefix && owner.starts_with(pattern));
    };
    owner.len() >= prefix.len() + suffix.len()
        && owner.starts_with(prefix)
        && owner.ends_with(suffix)
        && !owner[prefix.len()..owner.len() - suffix.len()].contains('/')
}

/// `javap -v -p` of every class file under `dir`.
fn javap_all(dir: &Path) -> String {
    let mut files = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|x| x == "class") {
                files.push(path);
            }
        }
    }
    assert!(!files.is_empty(), "no classes in {}", dir.display());
    String::from_utf8(common::run(Command::new("javap").args(["-v", "-p"]).args(&files)).stdout).unwrap()
}

#[test]
fn aar_classes_use_no_java_api_above_min_sdk() {
    let Some(aar) = aar() else { return };
    let min_sdk = aar.min_sdk();
    let javap = javap_all(&aar.classes.clone());
    assert!(
        javap.contains("class iot.errorcodes.IotErrorCodes"),
        "javap read no IotErrorCodes"
    );
    let above: Vec<String> = later_api_references(&javap)
        .into_iter()
        .filter(|(_, level)| *level > min_sdk)
        .map(|(api, level)| format!("{api} (API level {level})"))
        .collect();
    assert!(
        above.is_empty(),
        "the AAR's classes use APIs Android added after minSdkVersion {min_sdk}: {above:?}"
    );
}

/// The scan above finds what it looks for: a class that uses listed APIs, compiled as the
/// binding is, is reported with each of them.
#[test]
fn api_level_scan_reports_each_use_of_a_listed_api() {
    if !(common::require("javac") && common::require("javap")) {
        return;
    }
    let dir = common::scratch("android-api-probe");
    let source = dir.join("Probe.java");
    fs::write(
        &source,
        "import java.util.*;\n\
         import java.util.concurrent.ConcurrentHashMap;\n\
         import java.util.function.ToIntFunction;\n\
         final class Probe {\n\
         \x20   private ToIntFunction<String> f;\n\
         \x20   static Object use(HashMap<String, Integer> map, List<String> list, ConcurrentHashMap<String, String> c) {\n\
         \x20       list.forEach(System.out::println);\n\
         \x20       return map.getOrDefault(\"a\", 1) + String.join(\",\", list) + java.nio.file.Paths.get(\"x\")\n\
         \x20           + Optional.empty() + c.keySet() + java.time.Instant.now();\n\
         \x20   }\n\
         }\n",
    )
    .unwrap();
    common::run(
        Command::new("javac")
            .args(["--release", "8", "-nowarn", "-d"])
            .arg(&dir)
            .arg(&source),
    );
    let found: BTreeSet<String> = later_api_references(&javap_all(&dir))
        .into_iter()
        .map(|(api, level)| format!("{api} {level}"))
        .collect();
    for expected in [
        "java/util/function/ToIntFunction 24",
        "java/util/List.forEach 24",
        "java/util/HashMap.getOrDefault 24",
        "java/lang/String.join 26",
        "java/nio/file/Paths 26",
        "java/util/Optional 24",
        "java/util/concurrent/ConcurrentHashMap$KeySetView 24",
        "java/time/Instant 26",
    ] {
        assert!(found.contains(expected), "{expected} not reported; found {found:?}");
    }
    // Nothing that Android has had all along is reported.
    for (api, level) in later_api_references(&javap_all(&dir)) {
        assert!(level > 21, "{api} {level}");
    }
}

/// proguard.txt keeps what is looked up by name: the class src/jni.rs finds with FindClass and
/// its native methods (RegisterNatives, Java_* symbols), and the constants, values() and
/// valueOf() of every enum in classes.jar (ErrorCode.of calls valueOf with a name from the
/// library; IotErrorCodes compares name() with it).
#[test]
fn proguard_rules_keep_what_is_looked_up_by_name() {
    let Some(aar) = aar() else { return };
    let rules = fs::read_to_string(aar.file("proguard.txt")).unwrap();
    let rules: Vec<String> = rules
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n")
        .split('}')
        .map(|r| r.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|r| !r.is_empty())
        .collect();
    let jni = fs::read_to_string(common::root().join("src/jni.rs")).unwrap();
    let class = jni
        .lines()
        .find_map(|l| l.strip_prefix("const CLASS: &CStr = c\""))
        .and_then(|l| l.strip_suffix("\";"))
        .expect("src/jni.rs: const CLASS")
        .replace('/', ".");
    assert!(
        rules.iter().any(|r| r.starts_with("-keepclasseswithmembernames")
            && r.contains(&format!(" class {class} {{"))
            && r.contains("native <methods>;")),
        "no rule keeps {class} and its native methods: {rules:?}"
    );

    let javap = javap_all(&aar.classes.clone());
    // javap's line for an enum: "public final class iot.errorcodes.Status extends java.lang.Enum<...>".
    let enums: Vec<&str> = javap
        .lines()
        .filter_map(|l| l.split_once(" extends java.lang.Enum<"))
        .filter_map(|(head, _)| head.rsplit(' ').next())
        .collect();
    assert!(enums.len() >= 2, "javap found no enums: {enums:?}");
    for e in enums {
        assert!(
            rules.iter().any(|r| r.starts_with("-keepclassmembers enum")
                && r.split('{').next().unwrap().split([' ', ',']).any(|w| w == e)
                && r.contains("public static **[] values();")
                && r.contains("public static ** valueOf(java.lang.String);")
                && r.contains("public static final <fields>;")),
            "no rule keeps the constants, values() and valueOf() of {e}: {rules:?}"
        );
    }
}

/// The sizes docs/android.md states for the AAR and its libraries are those
/// of the AAR build-aar.sh builds (checks/src/figures.rs reads the page).
#[test]
fn the_sizes_docs_android_states_are_those_built() {
    let Some(aar) = aar() else { return };
    let page = "docs/android.md";
    let text = fs::read_to_string(common::root().join(page)).unwrap();
    let checked = common::figures::check_stated_sizes(page, &text, &common::figures::archive_sizes(&aar.aar));
    assert!(
        checked >= 5,
        "{page}: {checked} sizes checked, expected the 4 libraries and the AAR"
    );
}
