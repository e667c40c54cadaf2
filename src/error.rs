//! The error of parsing a string that is not a catalog code.

use core::fmt;

/// A string that is not a code of the catalog, returned by `str::parse::<ErrorCode>()`.
///
/// It keeps the start of the rejected input (at most [`UnknownCode::SHOWN`]
/// bytes, cut at a character boundary) in itself: no allocation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnknownCode {
    shown: [u8; UnknownCode::SHOWN],
    len: u8,
}

impl UnknownCode {
    /// How many bytes of the input the error keeps; longer input is cut (it is never a code anyway).
    pub const SHOWN: usize = 32;

    pub(crate) fn new(code: &str) -> UnknownCode {
        let mut len = code.len().min(Self::SHOWN);
        while !code.is_char_boundary(len) {
            len -= 1;
        }
        let mut shown = [0; Self::SHOWN];
        shown[..len].copy_from_slice(&code.as_bytes()[..len]);
        UnknownCode { shown, len: len as u8 }
    }

    /// The rejected input: all of it, or its first [`UnknownCode::SHOWN`] bytes
    /// cut back to a character boundary.
    pub fn code(&self) -> &str {
        // The stored bytes are a prefix of a str, cut at a character boundary.
        core::str::from_utf8(&self.shown[..usize::from(self.len)]).unwrap_or_default()
    }
}

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown retCode {:?} (not in the UWS error-code spec V{})",
            self.code(),
            crate::CATALOG_VERSION
        )
    }
}

impl core::error::Error for UnknownCode {}

#[cfg(test)]
mod tests {
    use crate::ErrorCode;

    #[test]
    fn the_error_shows_the_input_and_the_spec_version() {
        let err = "D00014".parse::<ErrorCode>().unwrap_err();
        assert_eq!(err.code(), "D00014");
        assert_eq!(
            err.to_string(),
            "unknown retCode \"D00014\" (not in the UWS error-code spec V1.3.0)"
        );
        let _: &dyn core::error::Error = &err;
    }

    #[test]
    fn long_input_is_cut_at_a_character_boundary() {
        let long = "x".repeat(1000);
        assert_eq!(long.parse::<ErrorCode>().unwrap_err().code(), &long[..32]);
        // 31 ASCII bytes, then a 3-byte character that does not fit.
        let cut = format!("{}中文", "y".repeat(31));
        assert_eq!(cut.parse::<ErrorCode>().unwrap_err().code(), "y".repeat(31));
        assert_eq!("".parse::<ErrorCode>().unwrap_err().code(), "");
    }
}
