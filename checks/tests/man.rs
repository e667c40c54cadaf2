//! The man pages (man/man3) render with no warning and cover the library. Every
//! function of the header has a page whose SYNOPSIS is its prototype, and the
//! overview iot_error_codes(3) lists every code of the spec file, in its order,
//! with its Chinese text, and every status of the header.
//!
//! `cargo xtask generate` writes the pages (xtask/src/man.rs); the generated
//! check keeps them current. Here they are rendered as man(1) renders them
//! on a UTF-8 terminal, `groff -k -t -Tutf8 -man -ww -z` (preconv for the
//! Chinese, tbl for the tables, every warning on): groff's default device,
//! PostScript, has no glyphs for Chinese and would warn about each character.
//! mandoc, a second formatter, lints them too. install.rs checks that man(1)
//! finds and renders the installed pages.

use iot_error_codes_checks as common;

use std::fs;
use std::path::PathBuf;
use std::process::Command;

fn man_dir() -> PathBuf {
    common::root().join("man")
}

/// Every page: (file name, its text).
fn pages() -> Vec<(String, String)> {
    let mut pages: Vec<(String, String)> = fs::read_dir(man_dir().join("man3"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read_to_string(&p).unwrap())
        })
        .collect();
    pages.sort();
    assert!(pages.len() > 1, "man/man3 has no pages: run cargo xtask generate");
    pages
}

/// The page a link page (`.so man3/<page>`) names, if `text` is one.
fn link_target(text: &str) -> Option<&str> {
    let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with(".\\\"")).collect();
    match lines[..] {
        [only] => only.strip_prefix(".so man3/"),
        _ => None,
    }
}

/// The text groff renders `page` (relative to man/) into, with nothing but
/// characters: what man(1) shows on a UTF-8 terminal, without the bold.
fn render(page: &str) -> String {
    let out = common::run(
        Command::new("groff")
            .args(["-k", "-t", "-Tutf8", "-man", "-P-cbou", page])
            .current_dir(man_dir()),
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn groff_renders_every_page_without_a_warning() {
    if !common::require("groff") {
        return;
    }
    for (name, _) in pages() {
        // From man/, where a link page's `.so man3/<page>` is found.
        let out = Command::new("groff")
            .args(["-k", "-t", "-Tutf8", "-man", "-ww", "-z", &format!("man3/{name}")])
            .current_dir(man_dir())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && stderr.is_empty(),
            "groff -ww warns about man3/{name} ({}):\n{stderr}",
            out.status
        );
    }
}

#[test]
fn mandoc_finds_nothing_to_warn_about() {
    if !common::require("mandoc") {
        return;
    }
    for (name, text) in pages() {
        // A link page is linted through the page it names (mandoc calls
        // `.so` fragile; man-db and mandoc both follow it).
        if link_target(&text).is_some() {
            continue;
        }
        let out = Command::new("mandoc")
            .args(["-T", "lint", "-W", "warning", &format!("man3/{name}")])
            .current_dir(man_dir())
            .output()
            .unwrap();
        let report = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.status.success() && report.is_empty(),
            "mandoc -T lint warns about man3/{name}:\n{report}"
        );
    }
}

/// The arguments of a macro line: words, or "quoted strings" with their spaces.
fn macro_args(line: &str) -> Vec<String> {
    let mut args = Vec::new();
    let mut rest = line.trim_start();
    while !rest.is_empty() {
        let (arg, after) = match rest.strip_prefix('"') {
            Some(quoted) => quoted.split_once('"').expect("an unclosed quote"),
            None => rest.split_once(' ').unwrap_or((rest, "")),
        };
        args.push(arg.to_string());
        rest = after.trim_start();
    }
    args
}

#[test]
fn every_header_function_has_a_page_with_its_prototype() {
    let header = fs::read_to_string(common::root().join("include/iot_error_codes.h")).unwrap();
    let functions = common::header_functions();
    let pages = pages();
    let page = |name: &str| pages.iter().find(|(n, _)| n == name).map(|(_, t)| t.as_str());
    for function in &functions {
        let file = format!("{function}.3");
        let text = page(&file).unwrap_or_else(|| panic!("man/man3 has no page {file} for {function}()"));
        // A link page leads to the page that documents the function.
        let (shown, text) = match link_target(text) {
            Some(target) => (
                target,
                page(target).unwrap_or_else(|| panic!("{file} links to a missing {target}")),
            ),
            None => (file.as_str(), text),
        };
        let mut lines = text.lines();
        lines.by_ref().find(|l| *l == ".SH NAME").expect("a NAME section");
        let name_line = lines.next().unwrap();
        let (names, _) = name_line.split_once(" \\- ").expect("NAME is `names \\- summary`");
        assert!(
            names.split(", ").any(|n| n == function),
            "{shown}'s NAME does not list {function}: {name_line}"
        );
        // The SYNOPSIS line is the header's prototype, the fonts' arguments run together.
        let prototype = header
            .lines()
            .filter(|l| !l.starts_with([' ', '/', '*', '#']) && l.ends_with(");"))
            .find(|l| l.split('(').next().and_then(|h| h.rsplit([' ', '*']).next()) == Some(function.as_str()))
            .unwrap_or_else(|| panic!("the header declares no {function}"));
        let synopsis: Vec<String> = text
            .lines()
            .filter_map(|l| l.strip_prefix(".BI ").or(l.strip_prefix(".B ")))
            .map(|l| macro_args(l).concat())
            .collect();
        assert!(
            synopsis.iter().any(|s| s == prototype),
            "{shown}'s SYNOPSIS lacks the header's {prototype:?}: {synopsis:?}"
        );
    }
    // And no page documents nothing.
    for (name, _) in &pages {
        let stem = name.strip_suffix(".3").unwrap_or(name);
        assert!(
            stem == "iot_error_codes" || functions.contains(stem),
            "man/man3/{name} is the page of no function of the header"
        );
    }
}

#[test]
fn the_overview_lists_every_code_of_the_spec_in_order() {
    if !common::require("groff") {
        return;
    }
    let text = render("man3/iot_error_codes.3");
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let rows = common::spec_rows();
    assert!(rows.len() >= 90, "the spec file gave only {} rows", rows.len());
    let mut at = 0;
    for (code, zh) in &rows {
        // The tag line "CODE — NAME", after the previous code's, then the spec's text.
        let tag = lines[at..]
            .iter()
            .position(|l| l.split_whitespace().next() == Some(code.as_str()) && l.contains('—'))
            .unwrap_or_else(|| panic!("iot_error_codes(3) has no entry for {code} after line {at}"));
        at += tag + 1;
        let next_tag = lines[at..]
            .iter()
            .position(|l| l.contains(" — "))
            .unwrap_or(lines.len() - at);
        assert!(
            lines[at..at + next_tag].contains(&zh.as_str()),
            "iot_error_codes(3) does not give {code} the spec's text {zh:?}"
        );
    }
}

#[test]
fn the_overview_has_every_status_of_the_header() {
    if !common::require("groff") {
        return;
    }
    let text = render("man3/iot_error_codes.3");
    let header = fs::read_to_string(common::root().join("include/iot_error_codes.h")).unwrap();
    // `#define IOT_ERROR_STATUS_UNAVAILABLE 14 /* HTTP 503, retryable */`
    let statuses: Vec<(&str, &str, &str, &str)> = header
        .lines()
        .filter_map(|l| l.strip_prefix("#define IOT_ERROR_STATUS_"))
        .map(|l| {
            let fields: Vec<&str> = l.split_whitespace().collect();
            let retry = if l.contains("retryable") { "yes" } else { "no" };
            (fields[0], fields[1], fields[4].trim_end_matches(','), retry)
        })
        .collect();
    assert_eq!(statuses.len(), 17, "the header's status macros: {statuses:?}");
    for (name, number, http, retry) in statuses {
        let row = [name, number, http, retry];
        assert!(
            text.lines()
                .any(|l| l.split_whitespace().take(4).eq(row.iter().copied())),
            "iot_error_codes(3) has no status row {row:?}"
        );
    }
}
