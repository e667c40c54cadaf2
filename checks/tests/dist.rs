//! `./dist.sh` writes every artifact (the versioned .so, the .a, the header,
//! the man pages, the Linux, Windows and macOS wheels, the sdist, the JAR with
//! its sources and javadoc JARs and POM, the AAR with its POM, the Windows zips
//! and the .crate) into `<target dir>/dist/` with a SHA256SUMS that checks them
//! all, ready for the registries; and a second run, from another clone in
//! another directory, at another time, with another time zone and umask,
//! writes the same bytes.
//!
//! The Windows and macOS libraries cannot run here: this check reads them
//! (format and CPU, with `object`) where the artifacts carry them, and checks
//! that every artifact carries the same build.

use iot_error_codes_checks as common;

use object::{Architecture, BinaryFormat, Object};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The Windows and macOS platforms: the wheel's platform tag, the JAR's folder,
/// the library's file name, its format and CPU (the platforms' conventions).
const FOREIGN: [(&str, &str, &str, BinaryFormat, Architecture); 4] = [
    (
        "win_amd64",
        "windows-x86_64",
        "iot_error_codes.dll",
        BinaryFormat::Pe,
        Architecture::X86_64,
    ),
    (
        "win_arm64",
        "windows-aarch64",
        "iot_error_codes.dll",
        BinaryFormat::Pe,
        Architecture::Aarch64,
    ),
    (
        "macosx_11_0_arm64",
        "macos-aarch64",
        "libiot_error_codes.dylib",
        BinaryFormat::MachO,
        Architecture::Aarch64,
    ),
    (
        "macosx_10_12_x86_64",
        "macos-x86_64",
        "libiot_error_codes.dylib",
        BinaryFormat::MachO,
        Architecture::X86_64,
    ),
];

/// The JAR's Linux folders, their CPUs.
const LINUX_JAR: [(&str, Architecture); 3] = [
    ("linux-x86_64", Architecture::X86_64),
    ("linux-aarch64", Architecture::Aarch64),
    ("linux-arm", Architecture::Arm),
];

/// The JAR may grow by a library a platform, not by more: its size is said in docs/java.md.
const JAR_SIZE_LIMIT: u64 = 192 * 1024;

#[test]
fn dist_writes_every_artifact_reproducibly() {
    for tool in ["javac", "javadoc", "python3", "sha256sum", "git"] {
        if !common::require(tool) {
            return;
        }
    }
    let epoch = last_commit_time();
    // The first run takes the time from the last commit (SOURCE_DATE_EPOCH unset).
    let target = common::nested_target_dir("dist");
    let started = Instant::now();
    common::run(
        Command::new(common::root().join("dist.sh"))
            .env("CARGO_TARGET_DIR", &target)
            .env_remove("SOURCE_DATE_EPOCH"),
    );
    eprintln!("dist.sh took {:.0?}", started.elapsed());
    let dist = target.join("dist");
    check_artifacts(&dist, &target, epoch);

    // The second: another clone elsewhere, later, the time given, in another time zone and
    // with another umask.
    let copy = another_clone("dist-clone");
    let copy_target = copy.join("target");
    let started = Instant::now();
    common::run(
        Command::new("bash")
            .args(["-c", "umask 0077 && exec ./dist.sh"])
            .current_dir(&copy)
            .env("CARGO_TARGET_DIR", &copy_target)
            .env("SOURCE_DATE_EPOCH", epoch.to_string())
            .env("TZ", "Asia/Shanghai"),
    );
    eprintln!("dist.sh from another clone took {:.0?}", started.elapsed());
    let first = fs::read_to_string(dist.join("SHA256SUMS")).unwrap();
    let second = fs::read_to_string(copy_target.join("dist/SHA256SUMS")).unwrap();
    let differing: Vec<&str> = first.lines().filter(|l| !second.lines().any(|m| m == *l)).collect();
    assert!(
        differing.is_empty(),
        "two builds of the same sources differ:\n{}\n--- first\n{first}--- second\n{second}",
        differing.join("\n")
    );
    assert_eq!(first, second);
    let _ = fs::remove_dir_all(&copy);
}

fn check_artifacts(dist: &Path, target: &Path, epoch: u64) {
    let mut names: Vec<String> = fs::read_dir(dist)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let has = |f: &dyn Fn(&str) -> bool| names.iter().any(|n| f(n));
    assert!(has(&|n| n == format!("libiot_error_codes.so.{VERSION}")), "{names:?}");
    assert!(has(&|n| n == "libiot_error_codes.a"), "{names:?}");
    assert!(has(&|n| n == "iot_error_codes.h"), "{names:?}");
    // A wheel per Linux CPU, each tagged manylinux and musllinux (checks/tests/wheel.rs checks them).
    for machine in ["x86_64", "aarch64", "armv7l"] {
        assert!(
            has(
                &|n| n.starts_with(&format!("iot_error_codes-{VERSION}-py3-none-manylinux"))
                    && n.ends_with(&format!(".musllinux_1_1_{machine}.whl"))
            ),
            "no {machine} wheel: {names:?}"
        );
    }
    for file in [
        format!("iot_error_codes-{VERSION}.tar.gz"),
        format!("iot-error-codes-{VERSION}.crate"),
        format!("iot-error-codes-android-{VERSION}.aar"),
        format!("iot-error-codes-android-{VERSION}.pom"),
    ] {
        assert!(names.contains(&file), "no {file}: {names:?}");
    }
    check_man_pages(dist);

    // The Windows and macOS wheels: each holds its own library, and only it.
    let scratch = common::scratch("dist-contents");
    let mut libraries: BTreeMap<&str, Vec<u8>> = BTreeMap::new();
    for (tag, platform, file, format, arch) in FOREIGN {
        let wheel = format!("iot_error_codes-{VERSION}-py3-none-{tag}.whl");
        assert!(names.contains(&wheel), "no {wheel}: {names:?}");
        let entries = unzip(&dist.join(&wheel), &scratch.join(tag));
        let native: Vec<&String> = entries
            .keys()
            .filter(|n| !n.ends_with(".py") && !n.contains(".dist-info/") && !n.ends_with("py.typed"))
            .collect();
        assert_eq!(
            native,
            [&format!("iot_error_codes/{file}")],
            "{wheel}: the library files"
        );
        let library = &entries[native[0]];
        assert_binary(library, format, arch, &wheel);
        libraries.insert(platform, library.clone());
        let wheel_meta =
            String::from_utf8(entries[&format!("iot_error_codes-{VERSION}.dist-info/WHEEL")].clone()).unwrap();
        assert!(
            wheel_meta.lines().any(|l| l == format!("Tag: py3-none-{tag}")),
            "{wheel}: WHEEL says\n{wheel_meta}"
        );
        assert!(
            wheel_meta.lines().any(|l| l == "Root-Is-Purelib: false"),
            "{wheel}: WHEEL says\n{wheel_meta}"
        );
    }

    // The JAR: seven platforms, the same libraries as the wheels, a module name; small.
    let jar_name = format!("iot-error-codes-{VERSION}.jar");
    assert!(names.contains(&jar_name), "{names:?}");
    let jar_size = fs::metadata(dist.join(&jar_name)).unwrap().len();
    eprintln!("{jar_name}: {jar_size} bytes");
    assert!(
        jar_size <= JAR_SIZE_LIMIT,
        "{jar_name} is {jar_size} bytes, more than {JAR_SIZE_LIMIT}"
    );
    let jar = unzip(&dist.join(&jar_name), &scratch.join("jar"));
    let mut platforms: Vec<&str> = jar
        .keys()
        .filter_map(|n| n.strip_prefix("native/")?.split('/').next())
        .collect();
    platforms.dedup();
    let mut expected: Vec<&str> = LINUX_JAR
        .iter()
        .map(|p| p.0)
        .chain(FOREIGN.iter().map(|p| p.1))
        .collect();
    expected.sort();
    assert_eq!(platforms, expected, "{jar_name}: the native/ folders");
    for (platform, arch) in LINUX_JAR {
        let library = &jar[&format!("native/{platform}/libiot_error_codes.so")];
        assert_binary(library, BinaryFormat::Elf, arch, &format!("{jar_name} {platform}"));
    }
    for (_, platform, file, _, _) in FOREIGN {
        assert!(
            jar[&format!("native/{platform}/{file}")] == libraries[platform],
            "{jar_name}: native/{platform}/{file} is not the library of the {platform} wheel"
        );
    }
    let manifest = String::from_utf8(jar["META-INF/MANIFEST.MF"].clone()).unwrap();
    for line in [
        "Automatic-Module-Name: iot.errorcodes",
        &format!("Implementation-Version: {VERSION}"),
        "Main-Class: iot.errorcodes.Main",
    ] {
        assert!(
            manifest.lines().any(|l| l == line),
            "{jar_name}: the manifest lacks {line}:\n{manifest}"
        );
    }
    check_maven_files(dist, &names, &scratch);

    // The Windows zips for C: the DLL (the wheels' and the JAR's), its import library, the header, a README.
    for (arch, platform) in [("x86_64", "windows-x86_64"), ("aarch64", "windows-aarch64")] {
        let name = format!("iot_error_codes-{VERSION}-windows-{arch}");
        let zip = format!("{name}.zip");
        assert!(names.contains(&zip), "no {zip}: {names:?}");
        let entries = unzip(&dist.join(&zip), &scratch.join(&name));
        let files: Vec<&str> = entries.keys().map(String::as_str).collect();
        let want: Vec<String> = [
            "README.txt",
            "iot_error_codes.dll",
            "iot_error_codes.dll.lib",
            "iot_error_codes.h",
        ]
        .iter()
        .map(|f| format!("{name}/{f}"))
        .collect();
        assert_eq!(files, want, "{zip}: its files");
        assert!(
            entries[&want[1]] == libraries[platform],
            "{zip}: the DLL is not the {platform} wheel's"
        );
        assert!(
            entries[&want[2]].starts_with(b"!<arch>\n"),
            "{zip}: the import library is no COFF archive"
        );
        assert!(
            entries[&want[3]] == fs::read(common::root().join("include/iot_error_codes.h")).unwrap(),
            "{zip}: the header is not include/iot_error_codes.h"
        );
        let readme = String::from_utf8(entries[&want[0]].clone()).unwrap();
        for how in ["cl /nologo", "x86_64-w64-mingw32-gcc", "iot_error_codes.dll.lib"] {
            assert!(readme.contains(how), "{zip}: README.txt does not say {how}");
        }
    }

    // The Python distributions as PyPI's upload judges them, with the twine build-dist.sh installed.
    let twine = target.join("python-dist-tools/bin/twine");
    let mut check = Command::new(&twine);
    check.args(["check", "--strict"]);
    for name in names
        .iter()
        .filter(|n| n.ends_with(".whl") || *n == &format!("iot_error_codes-{VERSION}.tar.gz"))
    {
        check.arg(dist.join(name));
    }
    common::run(&mut check);

    // Every archive's entries carry the last commit's time (zip: to the even second, in UTC).
    let archives: Vec<&String> = names
        .iter()
        .filter(|n| {
            [".whl", ".jar", ".aar", ".zip", ".tar.gz"]
                .iter()
                .any(|e| n.ends_with(e))
        })
        .collect();
    assert!(archives.len() >= 14, "{archives:?}");
    for archive in archives {
        assert_entry_times(&dist.join(archive), epoch);
    }
    // A JAR reader (java.util.jar.JarInputStream) finds the manifest only among the first
    // entries; PEP 427 asks for a wheel's RECORD last.
    let first = zip_names(&dist.join(&jar_name));
    assert_eq!(
        first[..2],
        ["META-INF/", "META-INF/MANIFEST.MF"],
        "{jar_name}: the first entries"
    );
    for wheel in names.iter().filter(|n| n.ends_with(".whl")) {
        let entries = zip_names(&dist.join(wheel));
        assert_eq!(
            entries.last().map(String::as_str),
            Some(&*format!("iot_error_codes-{VERSION}.dist-info/RECORD")),
            "{wheel}: the last entry"
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
            .current_dir(dist),
    );
    assert!(
        fs::read(dist.join("iot_error_codes.h")).unwrap()
            == fs::read(common::root().join("include/iot_error_codes.h")).unwrap(),
        "dist/iot_error_codes.h is not the committed include/iot_error_codes.h"
    );
}

/// The man tarball holds man3/ with every page of man/man3.
fn check_man_pages(dist: &Path) {
    let man_tarball = format!("iot_error_codes-{VERSION}-man.tar.gz");
    let listed = common::run(Command::new("tar").args(["tzf", &man_tarball]).current_dir(dist));
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
}

/// What Maven Central requires of the JAR (a POM with name, description, URL, licenses,
/// developers and SCM; a -sources.jar; a -javadoc.jar) and of the AAR's POM.
fn check_maven_files(dist: &Path, names: &[String], scratch: &Path) {
    for (pom, artifact, packaging) in [
        (format!("iot-error-codes-{VERSION}.pom"), "iot-error-codes", "jar"),
        (
            format!("iot-error-codes-android-{VERSION}.pom"),
            "iot-error-codes-android",
            "aar",
        ),
    ] {
        assert!(names.contains(&pom), "no {pom}: {names:?}");
        let xml = fs::read_to_string(dist.join(&pom)).unwrap();
        for (path, want) in [
            (&["groupId"][..], Some("iot.errorcodes")),
            (&["artifactId"], Some(artifact)),
            (&["version"], Some(VERSION)),
            (&["packaging"], Some(packaging)),
            (&["name"], None),
            (&["description"], None),
            (&["url"], None),
            (&["licenses", "license", "name"], None),
            (&["licenses", "license", "url"], None),
            (&["developers", "developer", "name"], None),
            (&["scm", "url"], None),
            (&["scm", "connection"], None),
            (&["scm", "developerConnection"], None),
        ] {
            let mut text = xml.as_str();
            for tag in path {
                text = element(text, tag).unwrap_or_else(|| panic!("{pom}: no <{}>:\n{xml}", path.join("><")));
            }
            match want {
                Some(want) => assert_eq!(text, want, "{pom}: <{}>", path.join("><")),
                None => assert!(!text.trim().is_empty(), "{pom}: <{}> is empty", path.join("><")),
            }
        }
        for placeholder in ["@VERSION@", "@PROJECT_INFO@"] {
            assert!(!xml.contains(placeholder), "{pom}: {placeholder} is left:\n{xml}");
        }
    }
    // The sources JAR: every source file of the binding.
    let sources = unzip(
        &dist.join(format!("iot-error-codes-{VERSION}-sources.jar")),
        &scratch.join("sources"),
    );
    let src = common::root().join("bindings/java/src/iot/errorcodes");
    for entry in fs::read_dir(&src).unwrap() {
        let file = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            sources.get(&format!("iot/errorcodes/{file}")) == Some(&fs::read(src.join(&file)).unwrap()),
            "the sources JAR lacks iot/errorcodes/{file}, or has another copy"
        );
    }
    // The javadoc JAR: the JDK's javadoc pages of the public classes.
    let javadoc = unzip(
        &dist.join(format!("iot-error-codes-{VERSION}-javadoc.jar")),
        &scratch.join("javadoc"),
    );
    for page in [
        "index.html",
        "iot/errorcodes/IotErrorCodes.html",
        "iot/errorcodes/ErrorCode.html",
        "iot/errorcodes/Status.html",
    ] {
        let html = String::from_utf8(
            javadoc
                .get(page)
                .unwrap_or_else(|| panic!("the javadoc JAR lacks {page}"))
                .clone(),
        )
        .unwrap();
        assert!(html.contains("<!-- Generated by javadoc"), "{page} is not javadoc's");
    }
}

/// The text inside the first `<tag>...</tag>` of `xml`.
fn element<'a>(xml: &'a str, tag: &str) -> Option<&'a str> {
    let start = xml.find(&format!("<{tag}>"))? + tag.len() + 2;
    let end = start + xml[start..].find(&format!("</{tag}>"))?;
    Some(&xml[start..end])
}

/// Asserts that `bytes` is a shared library of `format` for `arch`.
fn assert_binary(bytes: &[u8], format: BinaryFormat, arch: Architecture, what: &str) {
    let file = object::File::parse(bytes).unwrap_or_else(|e| panic!("{what}: not an object file: {e}"));
    assert_eq!(
        (file.format(), file.architecture()),
        (format, arch),
        "{what}: format and CPU"
    );
}

/// The files of the zip `archive`, extracted into `dir` by Python's zipfile: name -> bytes.
fn unzip(archive: &Path, dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let _ = fs::remove_dir_all(dir);
    common::run(
        Command::new("python3")
            .args(["-m", "zipfile", "-e"])
            .arg(archive)
            .arg(dir),
    );
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let name = path.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                files.insert(name, fs::read(&path).unwrap());
            }
        }
    }
    files
}

/// The entry names of the zip `archive`, in their order, read with Python's zipfile.
fn zip_names(archive: &Path) -> Vec<String> {
    let program = "import sys, zipfile; print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))";
    let out = common::run(Command::new("python3").args(["-c", program]).arg(archive));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// Every entry of the zip or .tar.gz `archive` has the time `epoch`.
fn assert_entry_times(archive: &Path, epoch: u64) {
    let program = r#"
import sys, tarfile, time, zipfile
path, epoch = sys.argv[1], int(sys.argv[2])
if path.endswith(".tar.gz"):
    times = {m.name: m.mtime for m in tarfile.open(path).getmembers()}
    want = epoch
else:
    times = {i.filename: i.date_time for i in zipfile.ZipFile(path).infolist()}
    want = max((1980, 1, 1, 0, 0, 0), time.gmtime(epoch - epoch % 2)[:6])
wrong = {n: t for n, t in times.items() if t != want}
sys.exit(f"{path}: entries not at {want}: {wrong}" if wrong else 0)
"#;
    common::run(
        Command::new("python3")
            .args(["-c", program])
            .arg(archive)
            .arg(epoch.to_string()),
    );
}

/// The last commit's time, from git (the time dist.sh takes when SOURCE_DATE_EPOCH is unset).
fn last_commit_time() -> u64 {
    let out = common::run(
        Command::new("git")
            .args(["log", "-1", "--format=%ct"])
            .current_dir(common::root()),
    );
    String::from_utf8(out.stdout).unwrap().trim().parse().unwrap()
}

/// Another clone of the checkout, in a fresh directory outside it: `git clone` of its commit,
/// then its files as they are (tracked and new, not ignored), so that uncommitted work is
/// compared too. A clone, not a plain copy: the .crate records the commit (and whether the tree
/// was dirty) in `.cargo_vcs_info.json`, as crates.io keeps it.
fn another_clone(label: &str) -> PathBuf {
    let root = common::root();
    let copy = std::env::temp_dir().join(format!("iot-error-codes-{label}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&copy);
    let head = common::run(Command::new("git").args(["rev-parse", "HEAD"]).current_dir(&root));
    let head = String::from_utf8(head.stdout).unwrap().trim().to_string();
    common::run(
        Command::new("git")
            .args(["clone", "--quiet", "--no-checkout"])
            .arg(&root)
            .arg(&copy),
    );
    common::run(
        Command::new("git")
            .args(["checkout", "--quiet", &head])
            .current_dir(&copy),
    );
    let listed = common::run(
        Command::new("git")
            .args(["ls-files", "-z", "--cached", "--others", "--exclude-standard"])
            .current_dir(&root),
    );
    for name in listed.stdout.split(|b| *b == 0).filter(|n| !n.is_empty()) {
        let name = std::str::from_utf8(name).unwrap();
        let (source, destination) = (root.join(name), copy.join(name));
        if source.is_file() {
            fs::create_dir_all(destination.parent().unwrap()).unwrap();
            fs::copy(&source, &destination).unwrap(); // with its permissions (the scripts' x bit)
        } else {
            let _ = fs::remove_file(&destination); // deleted, not yet committed
        }
    }
    copy
}
