//! Looks up retCodes from the command line, with the contract that
//! `python -m iot_error_codes` and Java's `iot.errorcodes.Main` share
//! (bindings/usage.txt is the help text of all three):
//!
//!     cargo run --release --example describe -- D00004 --lang en
//!     cargo run --release --example describe -- --json --list
//!     cargo run --release --example describe -- --catalog uws-common-2021-04-05 Y00001
//!
//! Prints `code<TAB>NAME<TAB>category<TAB>STATUS<TAB>description` for each
//! code of the catalog (`--catalog ID`, the default `uws-v1.3.0`), `--catalogs`
//! the catalogs, or with `--json` an array of records formatted as Python's
//! `json.dumps(records, ensure_ascii=False, indent=2)`. Exits 1 if a code is
//! unknown, 2 on a usage error. (3, the library cannot be loaded, cannot
//! happen here: the catalog is compiled in, so the library override of
//! docs/cli.md, `IOT_ERROR_CODES_LIBRARY`, does not concern this program.)

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

use iot_error_codes::{is_success, Catalog, Entry, Language, Status, CATALOG_VERSION, SUCCESS};

const USAGE: &str = include_str!("../bindings/usage.txt");

fn main() -> ExitCode {
    let usage = USAGE.trim_end().replace("@CATALOG_VERSION@", CATALOG_VERSION);
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let options = match parse(&args) {
        Ok(Some(options)) => options,
        Ok(None) => {
            println!("{usage}");
            return ExitCode::SUCCESS;
        }
        Err(problem) => {
            eprintln!("error: {problem}\n{}", usage.lines().next().unwrap_or_default());
            return ExitCode::from(2);
        }
    };
    let catalog = options.catalog;
    if options.catalogs {
        for c in Catalog::ALL {
            println!("{}\t{}", c.id(), c.source());
        }
        return ExitCode::SUCCESS;
    }
    let all: Vec<String>;
    let codes = if options.list {
        all = catalog.iter().map(|e| e.code().to_string()).collect();
        &all
    } else {
        &options.codes
    };
    let unknown = codes.iter().any(|c| catalog.lookup(c).is_none() && !is_success(c));
    let mut out = String::new();
    if options.json {
        let records: Vec<String> = codes.iter().map(|c| json_record(catalog, c, options.lang)).collect();
        out = if records.is_empty() {
            "[]\n".into()
        } else {
            format!("[\n{}\n]\n", records.join(",\n"))
        };
    } else {
        for code in codes {
            match catalog.lookup(code) {
                Some(c) => {
                    let (name, category, status) = (c.name(), c.category(), c.status());
                    let _ = writeln!(
                        out,
                        "{}\t{name}\t{category}\t{status}\t{}",
                        c.code(),
                        c.description(options.lang)
                    );
                }
                None if is_success(code) => {
                    let _ = writeln!(out, "{SUCCESS}\tSUCCESS\t-\t{}\t(success, not an error)", Status::Ok);
                }
                None => {
                    print!("{out}");
                    out.clear();
                    eprintln!("error: unknown retCode \"{code}\" ({})", not_in(catalog));
                }
            }
        }
    }
    print!("{out}");
    let _ = std::io::stdout().flush();
    ExitCode::from(u8::from(unknown))
}

/// Where an unknown code is not: the default catalog's spec by its version,
/// any other catalog by its id.
fn not_in(catalog: Catalog) -> String {
    if catalog == Catalog::default() {
        format!("not in the UWS error-code spec V{CATALOG_VERSION}")
    } else {
        format!("not in the catalog {catalog}")
    }
}

/// What the arguments ask for.
struct Options {
    catalog: Catalog,
    lang: Language,
    json: bool,
    list: bool,
    catalogs: bool,
    codes: Vec<String>,
}

/// The options, `None` for `--help`, or the first problem in argument order.
fn parse(args: &[String]) -> Result<Option<Options>, String> {
    let mut options = Options {
        catalog: Catalog::default(),
        lang: Language::Zh,
        json: false,
        list: false,
        catalogs: false,
        codes: Vec::new(),
    };
    let mut problem = None;
    let mut args = args.iter().peekable();
    while let Some(arg) = args.next() {
        let this = match arg.as_str() {
            "-h" | "--help" => return Ok(None), // help wins over any problem
            "--list" => {
                options.list = true;
                None
            }
            "--json" => {
                options.json = true;
                None
            }
            "--catalogs" => {
                options.catalogs = true;
                None
            }
            "--catalog" => match args.next_if(|id| !id.starts_with('-')) {
                Some(id) => match Catalog::from_id(id) {
                    Some(catalog) => {
                        options.catalog = catalog;
                        None
                    }
                    None => {
                        let known: Vec<&str> = Catalog::ALL.iter().map(|c| c.id()).collect();
                        Some(format!("unknown catalog \"{id}\" (known: {})", known.join(", ")))
                    }
                },
                None => Some("--catalog needs a catalog id".to_string()),
            },
            "--lang" => match args.next_if(|tag| !tag.starts_with('-')) {
                Some(tag) => {
                    options.lang = Language::from_tag(tag).unwrap_or_default();
                    None
                }
                None => Some("--lang needs a language tag".to_string()),
            },
            option if option.starts_with('-') => Some(format!("unknown option {option}")),
            code => {
                options.codes.push(code.to_string());
                None
            }
        };
        problem = problem.or(this);
    }
    if let Some(problem) = problem {
        // A later --help still wins: it returned above.
        return Err(problem);
    }
    match (options.list, options.codes.is_empty(), options.catalogs) {
        (true, false, _) => Err("give CODEs or --list, not both".into()),
        (true, _, true) | (_, false, true) => Err("--catalogs takes no CODE or --list".into()),
        (false, true, false) => Err("no code given".into()),
        _ => Ok(Some(options)),
    }
}

/// One record of the `--json` array, indented as `json.dumps(..., indent=2)` does.
fn json_record(catalog: Catalog, code: &str, lang: Language) -> String {
    let text = |s: Option<&str>| s.map_or("null".to_string(), json_string);
    let found = catalog.lookup(code);
    let status = if is_success(code) {
        Some(Status::Ok)
    } else {
        found.map(Entry::status)
    };
    let fields = [
        ("code", json_string(found.map_or(code, |c| c.code()))),
        ("name", text(found.map(Entry::name))),
        ("category", text(found.map(|c| c.category().name()))),
        ("status", text(status.map(Status::name))),
        (
            "http_status",
            status.map_or("null".into(), |s| s.http_status().to_string()),
        ),
        (
            "retryable",
            status.map_or("null".into(), |s| s.is_retryable().to_string()),
        ),
        ("description", text(found.map(|c| c.description(lang)))),
        ("hint", text(found.and_then(|c| c.hint(lang)))),
    ];
    let body: Vec<String> = fields.iter().map(|(k, v)| format!("    \"{k}\": {v}")).collect();
    format!("  {{\n{}\n  }}", body.join(",\n"))
}

/// `s` as a JSON string, escaped as Python's `json.dumps(..., ensure_ascii=False)` escapes it.
fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
