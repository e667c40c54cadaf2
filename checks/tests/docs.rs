//! Every fenced shell block of README.md and docs/ runs as written, in a sandbox, or starts with `# illustrative: <reason>`; shown output is compared (executes).
//!
//! The pages are read in this order: those that build what other pages use
//! ([`FIRST`]: the Python package, the JAR), then README.md, then the rest
//! of docs/ by name; within a page, its blocks in page order:
//!
//! - a ```sh (or bash, shell) block runs with `bash -e -o pipefail` in the
//!   sandbox's copy of the checkout, unless its first line is
//!   `# illustrative: <reason>` (it needs sudo apt-get, a device, Maven, a
//!   placeholder, or is a check of its own). Where the text after it says
//!   what it prints (`prints` then a ```text block, or ``prints `X` ``; "Each
//!   of the lines above prints" for one line per command), what the block
//!   wrote to stdout must end with that.
//! - a ```python block is a complete program: it runs with the sandbox's venv
//!   Python (where docs/python.md's `pip install` put the package), outside
//!   the checkout; a ```java block with `main` is one too: compiled and run
//!   against the JAR that docs/java.md's `build.sh` built. What they print
//!   must be the ```text block after `prints`, if there is one. A Java block
//!   without a class (the README's) is lines of a complete one: each must be
//!   in a Java program of the pages.
//! - a block followed by "Saved as `NAME`" is written to NAME in the copy, as
//!   a reader would save it (docs/c.md's example.c and CMakeLists.txt).
//! - the sizes docs/java.md and docs/platforms.md state for the JAR and its
//!   libraries ([`PRODUCTS`]) are compared with the JAR built
//!   (checks/src/figures.rs).
//!
//! A test of its own compares docs/performance.md's footprint table with
//! what `bash benches/run.sh --footprint` prints.
//!
//! The sandbox (target/tmp/docs/): `checkout/`, a copy of the working tree's
//! files (git ls-files), whose `target` is the nested target directory `docs`
//! (kept between runs); `root/`, which stands in for `/opt`, `/usr/local`
//! and `/tmp` (each such path in a command is rewritten to `root/...`, and
//! `PREFIX` is `root/usr/local`, where pkg-config looks as it looks in
//! /usr/local: PKG_CONFIG_LIBDIR); `bin/`, with `sudo` (runs the command
//! with sudo's usual `secure_path` and nothing else of the environment but
//! PREFIX: no cargo) and `ldconfig` (nothing to do for a scratch prefix);
//! `venv/`, a fresh virtual environment first on PATH (`python`, `pip`).
//! A failure names the page and line: the failing command's line, or the
//! line of the shown output that differs.

use iot_error_codes_checks as common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Pages that build what others use, run before the rest.
const FIRST: &[&str] = &["docs/python.md", "docs/java.md", "README.md"];

/// Build products whose sizes a page states: (page, the archive in the copy,
/// whether every size of the page is one of its files; if not, the page's
/// other sizes are other checks', and at least two must be its).
const PRODUCTS: &[(&str, &str, bool)] = &[
    ("docs/java.md", "target/java/iot-error-codes.jar", true),
    ("docs/platforms.md", "target/java/iot-error-codes.jar", false),
];

/// The marker of a block that is not run.
const ILLUSTRATIVE: &str = "# illustrative:";

/// sudo's usual `secure_path` (Debian's sudoers).
const SECURE_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// The system paths the sandbox stands in for.
const SYSTEM_ROOTS: &[&str] = &["/usr/local", "/opt", "/tmp"];

/// One fenced block of a page.
struct Block {
    /// The line of its opening fence (1-based).
    line: usize,
    lang: String,
    body: String,
    /// The text from its closing fence to the next opening fence.
    after: String,
    /// The body of the block after that text, and its language.
    next: Option<(String, String)>,
}

fn blocks(text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found: Vec<Block> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if let Some(lang) = lines[i].strip_prefix("```") {
            let start = i;
            let mut body = String::new();
            i += 1;
            while i < lines.len() && lines[i] != "```" {
                body.push_str(lines[i]);
                body.push('\n');
                i += 1;
            }
            found.push(Block {
                line: start + 1,
                lang: lang.trim().to_string(),
                body,
                after: String::new(),
                next: None,
            });
        } else if let Some(last) = found.last_mut() {
            last.after.push_str(lines[i]);
            last.after.push('\n');
        }
        i += 1;
    }
    for k in 1..found.len() {
        let (lang, body) = (found[k].lang.clone(), found[k].body.clone());
        found[k - 1].next = Some((lang, body));
    }
    found
}

/// What the text after a block says it prints: (the text, whether once per command line).
fn shown_output(block: &Block) -> Option<(String, bool)> {
    let paragraph = block.after.trim_start().split("\n\n").next().unwrap_or("");
    let per_line = paragraph.starts_with("Each of the lines above prints");
    if paragraph.trim() == "prints" || per_line && paragraph.trim_end().ends_with("prints") {
        return match &block.next {
            Some((lang, body)) if lang == "text" => Some((body.clone(), per_line)),
            _ => None,
        };
    }
    let at = paragraph.find("prints `")?;
    if at > 40 {
        return None; // "prints" further on speaks of something else
    }
    let rest = &paragraph[at + "prints `".len()..];
    let end = rest.find('`')?;
    Some((format!("{}\n", &rest[..end]), per_line))
}

/// The sandbox: its directories, made once per test run.
struct Sandbox {
    checkout: PathBuf,
    root: PathBuf,
    bin: PathBuf,
    venv_bin: PathBuf,
    run_dir: PathBuf,
}

impl Sandbox {
    fn new() -> Sandbox {
        let base = common::scratch("docs");
        let checkout = base.join("checkout");
        copy_working_tree(&checkout);
        let target = common::nested_target_dir("docs");
        fs::create_dir_all(&target).unwrap();
        std::os::unix::fs::symlink(&target, checkout.join("target")).unwrap();
        let root = base.join("root");
        for dir in SYSTEM_ROOTS {
            fs::create_dir_all(root.join(dir.trim_start_matches('/'))).unwrap();
        }
        let bin = base.join("bin");
        fs::create_dir_all(&bin).unwrap();
        write_script(
            &bin.join("sudo"),
            &format!("#!/bin/sh\n# sudo: secure_path, and the sandbox's prefix\nexec env -i PATH={SECURE_PATH} HOME=\"$HOME\" PREFIX=\"$PREFIX\" \"$@\"\n"),
        );
        write_script(
            &bin.join("ldconfig"),
            "#!/bin/sh\n# a scratch prefix needs no cache\nexit 0\n",
        );
        let venv = base.join("venv");
        common::run(Command::new("python3").args(["-m", "venv"]).arg(&venv));
        let run_dir = base.join("run");
        fs::create_dir_all(&run_dir).unwrap();
        Sandbox {
            checkout,
            root,
            bin,
            venv_bin: venv.join("bin"),
            run_dir,
        }
    }

    /// `command` with each system path rewritten into the sandbox's root.
    fn rewrite(&self, command: &str) -> String {
        let mut out = String::new();
        let mut rest = command;
        'scan: while !rest.is_empty() {
            for system in SYSTEM_ROOTS {
                let before_ok = out.chars().next_back().map_or(true, |c| " \t\n=\"'(:".contains(c));
                if rest.starts_with(system) && before_ok {
                    let after = &rest[system.len()..];
                    if after.chars().next().map_or(true, |c| "/ \t\n\"')".contains(c)) {
                        out.push_str(&format!("{}{system}", self.root.display()));
                        rest = after;
                        continue 'scan;
                    }
                }
            }
            let c = rest.chars().next().unwrap();
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
        out
    }

    /// A command in the sandbox's environment.
    fn command(&self, program: impl AsRef<std::ffi::OsStr>, dir: &Path) -> Command {
        let mut cmd = Command::new(program);
        let path = std::env::join_paths(
            [self.venv_bin.clone(), self.bin.clone()]
                .into_iter()
                .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
        )
        .unwrap();
        let pc_path = String::from_utf8(
            common::run(Command::new("pkg-config").args(["--variable", "pc_path", "pkg-config"])).stdout,
        )
        .unwrap();
        cmd.current_dir(dir)
            .env("PATH", path)
            .env("PREFIX", self.root.join("usr/local"))
            .env("PKG_CONFIG_LIBDIR", self.rewrite(pc_path.trim()))
            .env("VIRTUAL_ENV", self.venv_bin.parent().unwrap())
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .env_remove("CARGO_TARGET_DIR")
            .env_remove("PKG_CONFIG_PATH")
            .env_remove("IOT_ERROR_CODES_LIBRARY")
            .env_remove("PYTHONPATH")
            .env_remove("DESTDIR");
        cmd
    }
}

fn write_script(path: &Path, text: &str) {
    use std::os::unix::fs::PermissionsExt;
    fs::write(path, text).unwrap();
    fs::set_permissions(path, fs::Permissions::from_mode(0o755)).unwrap();
}

/// Copies the working tree's files (tracked and untracked, not ignored) to `to`.
fn copy_working_tree(to: &Path) {
    let root = common::root();
    let out = common::run(
        Command::new("git")
            .args(["ls-files", "-z", "--cached", "--others", "--exclude-standard"])
            .current_dir(&root),
    );
    for name in out.stdout.split(|b| *b == 0).filter(|n| !n.is_empty()) {
        let name = std::str::from_utf8(name).unwrap();
        let from = root.join(name);
        if !from.exists() {
            continue; // deleted in the working tree
        }
        let dest = to.join(name);
        fs::create_dir_all(dest.parent().unwrap()).unwrap();
        fs::copy(&from, &dest).unwrap_or_else(|e| panic!("copy {name}: {e}"));
    }
}

/// What a failed or mismatched run printed, for a message.
fn tail(output: &Output) -> String {
    let cut = |bytes: &[u8]| {
        let text = String::from_utf8_lossy(bytes).into_owned();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(40)..].join("\n")
    };
    format!(
        "{}\n--- stdout (end)\n{}\n--- stderr (end)\n{}",
        output.status,
        cut(&output.stdout),
        cut(&output.stderr)
    )
}

/// The first line where `have` and `want` differ, for a message: (index, want's line, have's line).
fn first_difference(have: &str, want: &str) -> (usize, String, String) {
    let (h, w): (Vec<&str>, Vec<&str>) = (have.lines().collect(), want.lines().collect());
    let i = (0..h.len().max(w.len())).find(|&i| h.get(i) != w.get(i)).unwrap_or(0);
    (
        i,
        w.get(i).copied().unwrap_or("(nothing)").to_string(),
        h.get(i).copied().unwrap_or("(nothing)").to_string(),
    )
}

/// What the whole check found, for its summary line.
#[derive(Default)]
struct Tally {
    run: usize,
    illustrative: usize,
    compared: usize,
    programs: usize,
    sizes: usize,
}

fn run_shell(sandbox: &Sandbox, page: &str, block: &Block, tally: &mut Tally) {
    let first = block.body.lines().next().unwrap_or("");
    if let Some(reason) = first.strip_prefix(ILLUSTRATIVE) {
        assert!(
            !reason.trim().is_empty(),
            "{page}:{}: `# illustrative:` needs a reason",
            block.line + 1
        );
        tally.illustrative += 1;
        return;
    }
    // Line 1 of the script is the trap; the block's line k is script line k + 1.
    let script = format!(
        "trap 'echo \"docs-check: exit $? at script line $LINENO\" >&2' ERR\n{}",
        sandbox.rewrite(&block.body)
    );
    let file = sandbox.run_dir.join("block.sh");
    fs::write(&file, script).unwrap();
    let out = sandbox
        .command("bash", &sandbox.checkout)
        .args(["-e", "-o", "pipefail"])
        .arg(&file)
        .output()
        .unwrap();
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let line = stderr
            .lines()
            .rev()
            .find_map(|l| l.split_once("at script line ")?.1.trim().parse::<usize>().ok())
            .map_or(block.line + 1, |script_line| block.line + script_line - 1);
        panic!(
            "{page}:{line}: the command fails, run as written in the sandbox:\n  {}\n{}",
            block.body.lines().nth(line - block.line - 1).unwrap_or(""),
            tail(&out)
        );
    }
    tally.run += 1;
    if let Some((want, per_line)) = shown_output(block) {
        let commands = block
            .body
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
            .count();
        let want = if per_line { want.repeat(commands) } else { want };
        let have = String::from_utf8_lossy(&out.stdout);
        if !have.ends_with(&want) {
            let printed: Vec<&str> = have.lines().collect();
            let wanted = want.lines().count();
            let last = printed[printed.len().saturating_sub(wanted)..].join("\n");
            let (_, w, h) = first_difference(&last, &want);
            panic!(
                "{page}:{}: the page shows what the commands of line {} print, and they print otherwise:\n  page:    {w:?}\n  printed: {h:?}\n{}",
                block.line + block.body.lines().count() + 2,
                block.line,
                tail(&out)
            );
        }
        tally.compared += 1;
    }
}

/// Compares a program's output with the block after `prints`, if any.
fn compare_program_output(page: &str, block: &Block, out: &Output, tally: &mut Tally) {
    assert!(
        out.status.success(),
        "{page}:{}: the program fails:\n{}",
        block.line,
        tail(out)
    );
    tally.programs += 1;
    if let Some((want, _)) = shown_output(block) {
        let have = String::from_utf8_lossy(&out.stdout);
        if have != want {
            let (i, w, h) = first_difference(&have, &want);
            let shown_at = block.line + block.body.lines().count() + block.after.lines().count() + 3 + i;
            panic!(
                "{page}:{shown_at}: the program of line {} prints otherwise:\n  page:    {w:?}\n  printed: {h:?}\n{}",
                block.line,
                tail(out)
            );
        }
        tally.compared += 1;
    }
}

fn run_python(sandbox: &Sandbox, page: &str, block: &Block, tally: &mut Tally) {
    let file = sandbox.run_dir.join("block.py");
    fs::write(&file, &block.body).unwrap();
    let out = sandbox
        .command(sandbox.venv_bin.join("python"), &sandbox.run_dir)
        .arg(&file)
        .output()
        .unwrap();
    compare_program_output(page, block, &out, tally);
}

fn run_java(sandbox: &Sandbox, page: &str, block: &Block, tally: &mut Tally) {
    let class = block
        .body
        .split("public class ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("{page}:{}: a Java program without a public class", block.line));
    let jar = sandbox.checkout.join("target/java/iot-error-codes.jar");
    assert!(
        jar.is_file(),
        "{page}:{}: no JAR to run with: docs/java.md's build.sh block runs first",
        block.line
    );
    let dir = sandbox.run_dir.join(format!("java-{class}"));
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join(format!("{class}.java")), &block.body).unwrap();
    let compiled = sandbox
        .command("javac", &dir)
        .args(["-encoding", "UTF-8", "-cp"])
        .arg(&jar)
        .args(["-d", "."])
        .arg(format!("{class}.java"))
        .output()
        .unwrap();
    assert!(
        compiled.status.success(),
        "{page}:{}: javac fails:\n{}",
        block.line,
        tail(&compiled)
    );
    let class_path = std::env::join_paths([jar.as_path(), dir.as_path()]).unwrap();
    let out = sandbox
        .command("java", &dir)
        .arg("-cp")
        .arg(class_path)
        .arg(class)
        .output()
        .unwrap();
    compare_program_output(page, block, &out, tally);
}

/// The pages: FIRST, then README.md and docs/*.md by name.
fn pages() -> Vec<String> {
    let mut rest: Vec<String> = fs::read_dir(common::root().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .map(|p| format!("docs/{}", p.file_name().unwrap().to_string_lossy()))
        .collect();
    rest.push("README.md".into());
    rest.sort();
    let mut pages: Vec<String> = FIRST.iter().map(|p| p.to_string()).collect();
    pages.extend(rest.into_iter().filter(|p| !FIRST.contains(&p.as_str())));
    pages
}

#[test]
fn every_shell_block_runs_or_is_illustrative() {
    for tool in ["python3", "javac", "pkg-config", "cmake", "cc", "aarch64-linux-gnu-gcc"] {
        if !common::require(tool) {
            return;
        }
    }
    let started = std::time::Instant::now();
    let sandbox = Sandbox::new();
    let pages = pages();
    let texts: Vec<(String, String)> = pages
        .iter()
        .map(|page| (page.clone(), fs::read_to_string(common::root().join(page)).unwrap()))
        .collect();
    // Every line of a complete Java program of the pages, for the fragments.
    let java_lines: BTreeSet<String> = texts
        .iter()
        .flat_map(|(_, text)| blocks(text))
        .filter(|b| b.lang == "java" && b.body.contains("static void main("))
        .flat_map(|b| b.body.lines().map(|l| l.trim().to_string()).collect::<Vec<_>>())
        .collect();
    let mut tally = Tally::default();
    for (page, text) in &texts {
        for block in blocks(text) {
            match block.lang.as_str() {
                "sh" | "bash" | "shell" => run_shell(&sandbox, page, &block, &mut tally),
                "python" => run_python(&sandbox, page, &block, &mut tally),
                "java" if block.body.contains("static void main(") => run_java(&sandbox, page, &block, &mut tally),
                "java" => {
                    for (k, line) in block.body.lines().enumerate() {
                        assert!(
                            line.trim().is_empty() || java_lines.contains(line.trim()),
                            "{page}:{}: a line of no complete Java program of the pages: {line}",
                            block.line + 1 + k
                        );
                    }
                }
                _ => {}
            }
            if let Some(name) = block.after.trim_start().strip_prefix("Saved as `") {
                let name = &name[..name.find('`').unwrap()];
                fs::write(sandbox.checkout.join(name), &block.body).unwrap();
            }
        }
        for (product_page, archive, all) in PRODUCTS {
            if product_page == page {
                let sizes = common::figures::archive_sizes(&sandbox.checkout.join(archive));
                tally.sizes += if *all {
                    common::figures::check_stated_sizes(page, text, &sizes)
                } else {
                    let checked = common::figures::check_sizes_of(page, text, &sizes);
                    assert!(checked >= 2, "{page}: {checked} sizes of {archive} found");
                    checked
                };
            }
        }
    }
    // Past libtest's capture, so that the summary shows when the check passes too.
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "docs: {} pages; {} shell blocks run, {} illustrative; {} Python and Java programs run; \
         {} outputs compared; {} sizes checked; {:.0} s",
        pages.len(),
        tally.run,
        tally.illustrative,
        tally.programs,
        tally.compared,
        tally.sizes,
        started.elapsed().as_secs_f64()
    );
    assert!(
        tally.run >= 8 && tally.compared >= 8,
        "too little ran: the pages' blocks were not found"
    );
}

/// The sizes of docs/performance.md's footprint table are the ones
/// `benches/run.sh --footprint` prints for this checkout (the release build,
/// the `.a`, and what it adds to a static C program): each row the script
/// prints is on the page with the same Size cell, and each page row with a
/// figure is one the script prints.
#[test]
fn the_footprint_table_is_what_the_benchmark_prints() {
    if !common::require("cc") || !common::require("strip") {
        return;
    }
    let printed = common::run(
        Command::new("bash")
            .arg(common::root().join("benches/run.sh"))
            .arg("--footprint")
            .env("CARGO_TARGET_DIR", common::nested_target_dir("bench")),
    );
    let printed = String::from_utf8(printed.stdout).unwrap();
    let page = "docs/performance.md";
    let text = fs::read_to_string(common::root().join(page)).unwrap();
    let table = common::figures::Table::find(page, &text, "## Footprint");
    // A row's name: its first cell up to the parenthesis that qualifies it.
    let name = |cell: &str| cell.split(" (").next().unwrap().to_string();
    let bench: Vec<(String, String)> = common::figures::Table::first("benches/run.sh --footprint", &printed)
        .rows()
        .map(|(_, cells)| (name(&cells[0]), cells[1].clone()))
        .collect();
    assert!(
        bench.len() >= 3,
        "benches/run.sh --footprint printed {} rows:\n{printed}",
        bench.len()
    );
    let mut wrong = Vec::new();
    for (bench_name, size) in &bench {
        match table.rows().find(|(_, cells)| name(&cells[0]) == *bench_name) {
            Some((line, cells)) if cells[1] != *size => wrong.push(format!(
                "{page}:{line}: {bench_name} is {size}, the page says {}",
                cells[1]
            )),
            Some(_) => {}
            None => wrong.push(format!("{page}: no footprint row for {bench_name} ({size})")),
        }
    }
    for (line, cells) in table.rows() {
        let has_figure = cells[1].starts_with(|c: char| c.is_ascii_digit());
        if has_figure && !bench.iter().any(|(n, _)| *n == name(&cells[0])) {
            wrong.push(format!(
                "{page}:{line}: {}: a size benches/run.sh does not print",
                cells[0]
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "the footprint table differs from the build:\n{}",
        wrong.join("\n")
    );
}

/// The sandbox's path rewriting, and what counts as shown output.
#[test]
fn the_rules_of_the_check() {
    let sandbox = Sandbox {
        checkout: PathBuf::from("/s/checkout"),
        root: PathBuf::from("/s/root"),
        bin: PathBuf::new(),
        venv_bin: PathBuf::new(),
        run_dir: PathBuf::new(),
    };
    assert_eq!(
        sandbox.rewrite("PKG_CONFIG_LIBDIR=/opt/arm64/lib cc --prefix /usr/local x/tmp/y \"/tmp\" target/opt"),
        "PKG_CONFIG_LIBDIR=/s/root/opt/arm64/lib cc --prefix /s/root/usr/local x/tmp/y \"/s/root/tmp\" target/opt"
    );
    let page =
        "```sh\na\n```\n\nprints `X\tY`.\n\n```sh\nb\nc\n```\n\nEach of the lines above prints\n\n```text\nZ\n```\n";
    let found = blocks(page);
    assert_eq!(shown_output(&found[0]), Some(("X\tY\n".to_string(), false)));
    assert_eq!(shown_output(&found[1]), Some(("Z\n".to_string(), true)));
    assert_eq!(shown_output(&found[2]), None);
}
