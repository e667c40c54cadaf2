//! The error of parsing a string that is not a catalog code.

use core::fmt;

/// A string that is not a code of the catalog, returned by `str::parse::<ErrorCode>()`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownCode {
    code: String,
}

impl UnknownCode {
    /// Longer input is cut to this many characters in the error (it is never a code anyway).
    const SHOWN: usize = 32;

    pub(crate) fn new(code: &str) -> UnknownCode {
        UnknownCode {
            code: code.chars().take(Self::SHOWN).collect(),
        }
    }

    /// The rejected input (its first 32 characters).
    pub fn code(&self) -> &str {
        &self.code
    }
}

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown retCode {:?} (not in the UWS error-code spec V{})",
            self.code,
            crate::CATALOG_VERSION
        )
    }
}

impl std::error::Error for UnknownCode {}
