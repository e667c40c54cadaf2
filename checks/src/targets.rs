//! The table of targets, capi/targets.tsv (its header says what each column
//! means), for the checks and xtask: the Rust twin of capi/targets.sh.

use std::fs;
use std::path::Path;

/// One row of capi/targets.tsv. A `-` cell is `None` or an empty list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// The Rust target triple.
    pub triple: String,
    /// The C libraries capi/build-lib.sh builds for it: `so`, `a`, ...
    pub lib: Vec<String>,
    /// The JAR's library folder for it (`linux-aarch64`).
    pub jar: Option<String>,
    /// The platform tag `pip wheel` gives its wheel (`linux_armv7l`).
    pub wheel: Option<String>,
    /// The AAR's ABI folder for it (`arm64-v8a`).
    pub aar: Option<String>,
    /// Where its `core` comes from.
    pub core: Core,
    /// How the checks execute its programs.
    pub run: Run,
    /// The Debian architecture of the private root with a JVM and a CPython for it.
    pub root: Option<String>,
    /// The C compiler of its test programs (`cc` is this machine's).
    pub cc: Option<String>,
    /// The checks that pick it besides the other columns (`abi`, `crate-tests`, ...).
    pub checks: Vec<String>,
}

/// The `core` column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Core {
    /// `rustup target add` installs its standard library.
    Rustup,
    /// rustup has none: nightly builds it from rust-src (`-Z build-std`).
    BuildStd,
    /// rustup's where that rustup has one, else nightly's `-Z build-std`.
    RustupOrBuildStd,
}

/// The `run` column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Run {
    /// On this machine's CPU.
    Native,
    /// Under the named qemu-user program (`qemu-aarch64`).
    Qemu(String),
    /// Under wine.
    Wine,
    /// Built and inspected only.
    No,
}

impl Target {
    /// Whether the `checks` column names `check`.
    pub fn checked_by(&self, check: &str) -> bool {
        self.checks.iter().any(|c| c == check)
    }

    /// Whether capi/build-lib.sh makes the library `kind` (`so`, `a`) for it.
    pub fn ships(&self, kind: &str) -> bool {
        self.lib.iter().any(|l| l == kind)
    }

    /// The machine of its wheel's tag: `linux_armv7l` -> `armv7l`.
    pub fn wheel_machine(&self) -> Option<&str> {
        let tag = self.wheel.as_deref()?;
        Some(tag.split_once('_').map_or(tag, |(_, machine)| machine))
    }

    /// The prefix of its cross compiler (`aarch64-linux-gnu` of
    /// `aarch64-linux-gnu-gcc`), whose sysroot is /usr/<prefix>; `None` for
    /// this machine's `cc` or none.
    pub fn cross_prefix(&self) -> Option<&str> {
        self.cc.as_deref()?.strip_suffix("-gcc")
    }

    /// The C++ compiler beside its C compiler (`aarch64-linux-gnu-g++`, `c++`).
    pub fn cxx(&self) -> Option<String> {
        match self.cross_prefix() {
            Some(prefix) => Some(format!("{prefix}-g++")),
            None => self.cc.as_ref().map(|_| "c++".to_string()),
        }
    }

    /// The first part of the triple: `aarch64`, `armv7`, `mipsel`, ...
    pub fn arch(&self) -> &str {
        self.triple.split('-').next().unwrap_or_default()
    }
}

/// Every row of capi/targets.tsv, in its order.
pub fn all() -> Vec<Target> {
    let path = crate::root().join("capi/targets.tsv");
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    parse(&path, &text).unwrap_or_else(|e| panic!("{e}"))
}

/// The row of `triple`; panics if the table has none.
pub fn get(triple: &str) -> Target {
    all()
        .into_iter()
        .find(|t| t.triple == triple)
        .unwrap_or_else(|| panic!("capi/targets.tsv has no row {triple}"))
}

/// The rows whose `checks` column names `check`.
pub fn checked_by(check: &str) -> Vec<Target> {
    all().into_iter().filter(|t| t.checked_by(check)).collect()
}

/// Parses the table's text; `path` names it in errors (`file:line: reason`).
pub fn parse(path: &Path, text: &str) -> Result<Vec<Target>, String> {
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty());
    let (_, header) = lines
        .next()
        .ok_or_else(|| format!("{}: no header line", path.display()))?;
    let names: Vec<&str> = header.split('\t').collect();
    let column = |name: &str| {
        names
            .iter()
            .position(|n| *n == name)
            .ok_or_else(|| format!("{}: no column {name}", path.display()))
    };
    let [triple, lib, jar, wheel, aar, core, run, root, cc, checks] = [
        "triple", "lib", "jar", "wheel", "aar", "core", "run", "root", "cc", "checks",
    ]
    .map(column);
    let (triple, lib, jar, wheel, aar, core, run, root, cc, checks) =
        (triple?, lib?, jar?, wheel?, aar?, core?, run?, root?, cc?, checks?);
    let mut rows = Vec::new();
    for (number, line) in lines {
        let at = format!("{}:{}", path.display(), number + 1);
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.len() != names.len() {
            return Err(format!("{at}: {} cells, the header has {}", cells.len(), names.len()));
        }
        let cell = |i: usize| (cells[i] != "-").then(|| cells[i].to_string());
        let list = |i: usize| cell(i).map_or_else(Vec::new, |c| c.split(',').map(str::to_string).collect());
        let core = match cells[core] {
            "rustup" => Core::Rustup,
            "build-std" => Core::BuildStd,
            "rustup|build-std" => Core::RustupOrBuildStd,
            other => {
                return Err(format!(
                    "{at}: core is rustup, build-std or rustup|build-std, not {other}"
                ))
            }
        };
        let run = match cells[run] {
            "native" => Run::Native,
            "wine" => Run::Wine,
            "-" => Run::No,
            qemu if qemu.starts_with("qemu-") => Run::Qemu(qemu.to_string()),
            other => return Err(format!("{at}: run is native, qemu-<cpu>, wine or -, not {other}")),
        };
        rows.push(Target {
            triple: cells[triple].to_string(),
            lib: list(lib),
            jar: cell(jar),
            wheel: cell(wheel),
            aar: cell(aar),
            core,
            run,
            root: cell(root),
            cc: cell(cc),
            checks: list(checks),
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::{parse, Core, Run};
    use std::path::Path;

    const TABLE: &str = "# a comment\n\
        triple\tlib\tjar\twheel\taar\tcore\trun\troot\tcc\tchecks\n\
        aarch64-unknown-linux-gnu\tso,a\tlinux-aarch64\tlinux_aarch64\t-\trustup\tqemu-aarch64\tarm64\taarch64-linux-gnu-gcc\tabi,c-tests\n\
        x86_64-pc-windows-msvc\tdll,lib\twindows-x86_64\twin_amd64\t-\trustup\twine\t-\tx86_64-w64-mingw32-gcc\t-\n\
        aarch64-apple-darwin\tdylib,a\tmacos-aarch64\tmacosx_11_0_arm64\t-\trustup\t-\t-\t-\t-\n\
        mips-unknown-linux-musl\tso,a\t-\t-\t-\tbuild-std\tqemu-mips\t-\tmips-linux-gnu-gcc\tfreestanding\n";

    #[test]
    fn rows_say_what_each_target_needs() {
        let rows = parse(Path::new("t.tsv"), TABLE).unwrap();
        assert_eq!(rows.len(), 4);
        let [linux, windows, mac, mips] = &rows[..] else {
            unreachable!()
        };
        assert!(linux.ships("so") && linux.checked_by("abi") && !linux.checked_by("ab"));
        assert_eq!(linux.cross_prefix(), Some("aarch64-linux-gnu"));
        assert_eq!(linux.cxx().as_deref(), Some("aarch64-linux-gnu-g++"));
        assert_eq!(linux.wheel_machine(), Some("aarch64"));
        assert_eq!(linux.run, Run::Qemu("qemu-aarch64".into()));
        // A desktop row: a JAR folder, a wheel tag, executed under wine or inspected only.
        assert_eq!(windows.jar.as_deref(), Some("windows-x86_64"));
        assert_eq!(windows.wheel.as_deref(), Some("win_amd64"));
        assert_eq!((windows.run.clone(), mac.run.clone()), (Run::Wine, Run::No));
        assert!(windows.ships("dll") && !windows.ships("so") && mac.aar.is_none());
        assert_eq!(mips.core, Core::BuildStd);
    }

    #[test]
    fn a_malformed_row_is_named_by_file_and_line() {
        let bad_core = TABLE.replace("\tbuild-std\t", "\tnightly\t");
        assert_eq!(
            parse(Path::new("t.tsv"), &bad_core).unwrap_err(),
            "t.tsv:6: core is rustup, build-std or rustup|build-std, not nightly"
        );
        let short = format!("{TABLE}x86_64-unknown-linux-gnu\tso\n");
        assert_eq!(
            parse(Path::new("t.tsv"), &short).unwrap_err(),
            "t.tsv:7: 2 cells, the header has 10"
        );
        assert!(parse(Path::new("t.tsv"), "triple\tlib\n")
            .unwrap_err()
            .contains("no column jar"));
    }
}
