//! Filling a template: a file of the target language with `@NAME@` places.
//!
//! - A line that holds only a place, optionally after a comment opener
//!   (`    # @MEMBERS@`, `// @BANNER@`, `.\" @CODES@`), is a block: the whole
//!   line is replaced by the value's lines, each indented as the place was. A
//!   comment opener keeps the template itself valid Python, Java or roff.
//! - A place anywhere else (`spec V@CATALOG_VERSION@`) is replaced by the
//!   value in the line, which must then be a single line.
//!
//! A name is an uppercase letter followed by uppercase letters, digits and `_`,
//! so `@Override`, `@classmethod` and `{@code ...}` are text, not places. Every
//! place must have a value and every value a place; otherwise `fill` lists each
//! problem as `file:line: reason`.

/// The comment openers a block place may follow.
const COMMENT_OPENERS: &[&str] = &["# ", "// ", ".\\\" "];

/// `template` (read from `file`, named in errors) with every place replaced by its value.
pub fn fill(file: &str, template: &str, values: &[(&str, &str)]) -> Result<String, Vec<String>> {
    let mut used = vec![false; values.len()];
    let mut errors = Vec::new();
    let mut out = String::with_capacity(template.len() * 2);
    let mut lookup = |name: &str, line: usize, errors: &mut Vec<String>| -> Option<&str> {
        match values.iter().position(|(n, _)| *n == name) {
            Some(i) => {
                used[i] = true;
                Some(values[i].1)
            }
            None => {
                errors.push(format!("{file}:{line}: no value for the place @{name}@"));
                None
            }
        }
    };
    for (i, line) in template.split_inclusive('\n').enumerate() {
        let line_no = i + 1;
        let body = line.strip_suffix('\n').unwrap_or(line);
        let text = body.trim_start();
        let indent = &body[..body.len() - text.len()];
        let bare = COMMENT_OPENERS
            .iter()
            .find_map(|c| text.strip_prefix(c))
            .unwrap_or(text);
        if let Some(name) = bare
            .strip_prefix('@')
            .and_then(|b| b.strip_suffix('@'))
            .filter(|n| is_name(n))
        {
            if let Some(value) = lookup(name, line_no, &mut errors) {
                for value_line in value.lines() {
                    if !value_line.is_empty() {
                        out.push_str(indent);
                    }
                    out.push_str(value_line);
                    out.push('\n');
                }
            }
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find('@') {
            out.push_str(&rest[..at]);
            let after = &rest[at + 1..];
            let len = after.find(|c: char| !(c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'));
            match len {
                Some(len) if is_name(&after[..len]) && after[len..].starts_with('@') => {
                    let name = &after[..len];
                    if let Some(value) = lookup(name, line_no, &mut errors) {
                        if value.contains('\n') {
                            errors.push(format!(
                                "{file}:{line_no}: @{name}@ has several lines: give it a line of its own"
                            ));
                        }
                        out.push_str(value);
                    }
                    rest = &after[len + 1..];
                }
                _ => {
                    out.push('@');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
    }
    for ((name, _), used) in values.iter().zip(used) {
        if !used {
            errors.push(format!("{file}: has no place @{name}@"));
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

fn is_name(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_uppercase())
        && s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn blocks_are_indented_and_words_replaced() {
        let template = "# @TOP@\nclass X:\n    # @BODY@\n    @classmethod\n    def v(): return \"V@VERSION@\"\n";
        let body = "a = 1\n\nb = 2\n";
        let out = fill("t", template, &[("TOP", "# top\n"), ("BODY", body), ("VERSION", "1.2")]).unwrap();
        assert_eq!(
            out,
            "# top\nclass X:\n    a = 1\n\n    b = 2\n    @classmethod\n    def v(): return \"V1.2\"\n"
        );
    }

    #[test]
    fn values_are_not_filled_again() {
        assert_eq!(fill("t", "x @A@ y\n", &[("A", "@A@")]).unwrap(), "x @A@ y\n");
    }

    #[test]
    fn problems_are_reported() {
        let errors = fill("t", "@UNKNOWN@\nx @B@\n", &[("A", "a"), ("B", "b\nc")]).unwrap_err();
        assert_eq!(
            errors,
            [
                "t:1: no value for the place @UNKNOWN@",
                "t:2: @B@ has several lines: give it a line of its own",
                "t: has no place @A@",
            ]
        );
        assert!(fill("t", "@Override {@code x} a@b.c @@ @1@\n", &[]).is_ok());
    }
}
