//! The languages the catalog has texts in, and how a language tag selects one.

/// A language the catalog has a text in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Language {
    /// Simplified Chinese: the spec's own `retInfo` text, verbatim. The default.
    #[default]
    Zh,
    /// English: the project's translation.
    En,
}

impl Language {
    /// Every language, the default first.
    pub const ALL: [Language; 2] = [Language::Zh, Language::En];

    /// How many leading bytes of a tag [`Language::from_tag_bytes`] looks at:
    /// the longest primary subtag it knows, plus the separator after it.
    pub const TAG_PREFIX_LEN: usize = 3;

    /// The language of a tag by its primary subtag, ASCII case-insensitively:
    /// `en`, `EN`, `en-US`, `en_GB.UTF-8` and `en@euro` are English; `zh`,
    /// `zh-CN`, `zh_Hans` are Chinese. Anything else (including `C`, `POSIX`
    /// and the empty tag) is `None`; callers fall back to [`Language::Zh`].
    pub fn from_tag(tag: &str) -> Option<Language> {
        Self::from_tag_bytes(tag.as_bytes())
    }

    /// [`Language::from_tag`] over bytes. Only the first [`Language::TAG_PREFIX_LEN`]
    /// bytes are looked at, so a caller may pass just that prefix of a longer tag.
    pub fn from_tag_bytes(tag: &[u8]) -> Option<Language> {
        let tag = &tag[..tag.len().min(Self::TAG_PREFIX_LEN)];
        let end = tag
            .iter()
            .position(|&b| matches!(b, b'-' | b'_' | b'.' | b'@'))
            .unwrap_or(tag.len());
        match tag.get(..end)? {
            [a, b] => match [a.to_ascii_lowercase(), b.to_ascii_lowercase()] {
                [b'z', b'h'] => Some(Language::Zh),
                [b'e', b'n'] => Some(Language::En),
                _ => None,
            },
            _ => None,
        }
    }

    /// The two-letter ISO 639-1 code: `"zh"` or `"en"`.
    pub const fn tag(self) -> &'static str {
        match self {
            Language::Zh => "zh",
            Language::En => "en",
        }
    }

    /// [`Language::tag`] with a NUL, for the C ABI and JNI.
    #[cfg_attr(not(any(feature = "capi", feature = "jni")), allow(dead_code))]
    pub(crate) const fn tag_with_nul(self) -> &'static str {
        match self {
            Language::Zh => "zh\0",
            Language::En => "en\0",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Language::{self, En, Zh};

    #[test]
    fn primary_subtag_case_insensitive() {
        for tag in ["en", "EN", "En", "en-US", "en_GB.UTF-8", "en@euro", "en-Latn-US"] {
            assert_eq!(Language::from_tag(tag), Some(En), "{tag}");
        }
        for tag in ["zh", "ZH", "zh-CN", "zh_Hans", "zh_CN.GB18030", "zh-Hant-TW"] {
            assert_eq!(Language::from_tag(tag), Some(Zh), "{tag}");
        }
    }

    #[test]
    fn unknown_tags_have_no_language() {
        for tag in [
            "",
            "C",
            "POSIX",
            "fr",
            "fr-FR",
            "eng",
            "english",
            "e",
            "-en",
            " en",
            "en ",
            "en\0",
            "\0en",
            "\u{0435}n",
        ] {
            assert_eq!(Language::from_tag(tag), None, "{tag:?}");
        }
        assert_eq!(Language::default(), Zh);
    }

    #[test]
    fn the_prefix_decides() {
        // A caller that reads only TAG_PREFIX_LEN bytes gets the answer the whole tag gives.
        for tag in ["en", "en-US", "english", "zh_CN.UTF-8", "zhx", "fr", ""] {
            let prefix = &tag.as_bytes()[..tag.len().min(Language::TAG_PREFIX_LEN)];
            assert_eq!(Language::from_tag_bytes(prefix), Language::from_tag(tag), "{tag}");
        }
    }
}
