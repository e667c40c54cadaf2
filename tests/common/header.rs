//! The one reader of the C header's declarations, shared by the tests, the
//! checks and xtask (the API list, the ABI check).

/// The C header, relative to the repository root.
pub const PATH: &str = "include/iot_error_codes.h";

/// The names of the `iot_error_*` functions `header` (the C header's text)
/// declares, in its order: a declaration starts at the start of a line (not a
/// comment or a preprocessor line), and its name is the word before its first
/// `(`; its parameters may go on over more lines.
pub fn functions(header: &str) -> Vec<String> {
    header
        .lines()
        .filter(|l| !l.starts_with([' ', '\t', '#', '/', '*', '}']))
        .filter_map(|l| Some(l.split_once('(')?.0.rsplit([' ', '*']).next()?.to_string()))
        .filter(|name| name.starts_with("iot_error_"))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn declarations_are_found_and_the_rest_is_not() {
        let header = "#define IOT_ERROR_X 1\n\
                      /* iot_error_comment(void); */\n\
                      const char *iot_error_describe(const char *code);\n\
                      size_t iot_error_count(void);\n\
                      int other(void);\n\
                      bool iot_error_wrapped(const char *code,\n    size_t len);\n";
        assert_eq!(
            super::functions(header),
            ["iot_error_describe", "iot_error_count", "iot_error_wrapped"]
        );
    }
}
