//! `include/iot_error_codes.h`: cbindgen over the crate (the `extern "C"`
//! functions and their doc comments, configured by `cbindgen.toml`, less the
//! JNI entry points of `src/jni.rs`), with the
//! generated macros after the includes: versions, limits, categories and one
//! macro per code.
//!
//! cbindgen reads the source, not a compiled crate: functions behind
//! `#[cfg(feature = "...")]` (the C ABI behind `capi`) are emitted whatever
//! features are enabled, and without `#if` guards, because `cbindgen.toml`
//! has no `[defines]` entry for them.

use std::fmt::Write as _;
use std::path::Path;

use crate::constants::Contract;
use crate::jni::Jni;
use crate::source::Catalog;
use crate::{GENERATOR, REGENERATE};

pub use iot_error_codes_oracle::header::PATH;
const CONFIG: &str = "cbindgen.toml";

pub fn generate(root: &Path, catalog: &Catalog, contract: &Contract, jni: &Jni) -> Result<String, String> {
    let mut config = cbindgen::Config::from_file(root.join(CONFIG)).map_err(|e| format!("{CONFIG}: {e}"))?;
    // The JNI entry points are for Java, not for C. cbindgen 0.29 skips
    // `extern "system"` functions anyway; this keeps them out if it ever stops doing so.
    config.export.exclude.extend(jni.symbols.iter().cloned());
    // The banner every generated file carries, as the comment after the include guard.
    config.autogen_warning = Some(format!("/*\n{} */", catalog.banner(" *", GENERATOR, REGENERATE)));
    let bindings = cbindgen::Builder::new()
        .with_crate(root)
        .with_config(config)
        .with_after_include(macros(catalog, contract)?)
        .generate()
        .map_err(|e| format!("cbindgen: {e}"))?;
    let mut out = Vec::new();
    bindings.write(&mut out);
    String::from_utf8(out).map_err(|e| format!("cbindgen wrote invalid UTF-8: {e}"))
}

fn macros(catalog: &Catalog, contract: &Contract) -> Result<String, String> {
    let version = iot_error_codes::VERSION;
    let parts: Vec<&str> = version.split(['-', '+']).next().unwrap_or("").split('.').collect();
    let [major, minor, patch] = parts[..] else {
        return Err(format!("the library's version {version} is not MAJOR.MINOR.PATCH"));
    };
    let mut s = String::from("\n");
    s.push_str("/* The library's version (Cargo.toml) and the spec version of its catalog. */\n");
    writeln!(s, "#define IOT_ERROR_VERSION_MAJOR {major}").unwrap();
    writeln!(s, "#define IOT_ERROR_VERSION_MINOR {minor}").unwrap();
    writeln!(s, "#define IOT_ERROR_VERSION_PATCH {patch}").unwrap();
    writeln!(s, "#define IOT_ERROR_VERSION_STRING \"{version}\"").unwrap();
    writeln!(s, "#define IOT_ERROR_CATALOG_VERSION \"{}\"", contract.catalog_version).unwrap();
    s.push_str("\n/* The length in bytes of the longest code; longer input is never a code. */\n");
    writeln!(s, "#define IOT_ERROR_CODE_MAX_LEN {}", contract.max_code_len).unwrap();
    writeln!(
        s,
        "#define IOT_ERROR_LANGUAGE_TAG_PREFIX_LEN {} /* how many bytes of a language tag are read */",
        contract.tag_prefix_len
    )
    .unwrap();
    s.push_str("\n/* The values of iot_error_category(); 0 means unknown. */\n");
    s.push_str("#define IOT_ERROR_CATEGORY_UNKNOWN 0\n");
    for (i, c) in catalog.categories.iter().enumerate() {
        let (letter, name) = (c.letter, &c.name);
        writeln!(
            s,
            "#define IOT_ERROR_CATEGORY_{} {} /* {letter}: {name} */",
            name.to_ascii_uppercase(),
            i + 1
        )
        .unwrap();
    }
    s.push_str("\n/* The values of iot_error_status(): gRPC's canonical status codes (google.rpc.Code); -1 means not a code. */\n");
    for status in iot_error_codes::Status::iter() {
        let (number, http) = (status.number(), status.http_status());
        let retry = if status.is_retryable() { ", retryable" } else { "" };
        writeln!(
            s,
            "#define IOT_ERROR_STATUS_{} {number} /* HTTP {http}{retry} */",
            status.name()
        )
        .unwrap();
    }
    s.push_str("\n/* The platform's retCode for success; not an error and not in the catalog. */\n");
    writeln!(s, "#define IOT_ERROR_SUCCESS_CODE \"{}\"", contract.success_code).unwrap();
    s.push_str("\n/* Every code of the catalog by its symbolic name, in spec order. */\n");
    for e in &catalog.entries {
        writeln!(s, "#define IOT_ERROR_{} \"{}\" /* {} */", e.name, e.code, e.en).unwrap();
    }
    Ok(s)
}
