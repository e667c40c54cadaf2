//! Looks up retCodes from the command line:
//!
//!     cargo run --release --example describe -- D00004 --lang en
//!
//! Prints `code  NAME  category  description` for each code; exits 1 if any is unknown.

use iot_error_codes::{lookup, Language};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut lang = Language::Zh;
    let mut codes = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--lang" => match args.next() {
                Some(tag) => lang = Language::from_tag(&tag).unwrap_or_default(),
                None => return usage(),
            },
            "-h" | "--help" => return usage(),
            _ => codes.push(arg),
        }
    }
    if codes.is_empty() {
        return usage();
    }
    let mut status = ExitCode::SUCCESS;
    for code in &codes {
        match lookup(code) {
            Some(c) => println!("{}\t{}\t{}\t{}", c.code(), c.name(), c.category(), c.description(lang)),
            None if iot_error_codes::is_success(code) => println!("{code}\tSUCCESS\t-\t(success, not an error)"),
            None => {
                eprintln!(
                    "{code}: unknown retCode (not in spec V{})",
                    iot_error_codes::CATALOG_VERSION
                );
                status = ExitCode::FAILURE;
            }
        }
    }
    status
}

fn usage() -> ExitCode {
    eprintln!("usage: describe CODE... [--lang zh|en|<BCP 47 or POSIX locale>]");
    ExitCode::from(2)
}
