//! Form versions: one to four dot-separated numbers (`3`, `2.1`, `2024.2.0`), compared
//! numerically part by part with missing parts counted as zero (`2` = `2.0`, `2.10` > `2.9`).

use crate::codes::INVALID_VERSION;
use medspa_errors::CodedError;
use std::cmp::Ordering;

/// The most parts a version may have.
const MAX_PARTS: usize = 4;

/// A parsed form version.
#[derive(Debug, Clone, Copy, Eq)]
pub(crate) struct FormVersion([u32; MAX_PARTS]);

impl FormVersion {
    /// Parses `text`; the error's path is `$` for the caller to re-root.
    pub(crate) fn parse(text: &str) -> Result<Self, CodedError> {
        let invalid = || {
            CodedError::new(
                INVALID_VERSION,
                "$",
                "a version is one to four dot-separated numbers, such as 3 or 2.1",
            )
        };
        // Digit by digit: every record's version is parsed, and `str::parse` per part was
        // most of that.
        let mut parts = [0u32; MAX_PARTS];
        let mut count = 0;
        let mut digits = 0;
        for b in text.bytes() {
            if b == b'.' {
                if digits == 0 {
                    return Err(invalid());
                }
                count += 1;
                digits = 0;
                continue;
            }
            let slot = parts.get_mut(count).ok_or_else(invalid)?;
            if !b.is_ascii_digit() || digits == 9 {
                return Err(invalid());
            }
            *slot = *slot * 10 + u32::from(b - b'0');
            digits += 1;
        }
        if digits == 0 {
            return Err(invalid());
        }
        Ok(FormVersion(parts))
    }
}

impl PartialEq for FormVersion {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl Ord for FormVersion {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.cmp(&other.0)
    }
}

impl PartialOrd for FormVersion {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> FormVersion {
        FormVersion::parse(text).unwrap()
    }

    #[test]
    fn numeric_part_by_part() {
        assert!(v("2.10") > v("2.9"));
        assert_eq!(v("2"), v("2.0.0"));
        assert!(v("3") > v("2.99.1"));
        assert!(v("2024.2") < v("2024.10"));
    }

    /// The straightforward reading, which the digit-by-digit parser must match.
    fn by_parts(text: &str) -> Option<[u32; MAX_PARTS]> {
        let mut parts = [0; MAX_PARTS];
        for (count, piece) in text.split('.').enumerate() {
            let slot = parts.get_mut(count)?;
            if piece.is_empty() || piece.len() > 9 || !piece.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            *slot = piece.parse().ok()?;
        }
        Some(parts)
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn digit_by_digit_matches_by_parts(text in "[0-9.]{0,12}|[0-9]{8,11}(\\.[0-9]{8,11}){0,4}|[0-9a .]{0,6}") {
            proptest::prop_assert_eq!(FormVersion::parse(&text).ok().map(|v| v.0), by_parts(&text));
        }
    }

    #[test]
    fn malformed_versions_are_coded_errors() {
        for bad in [
            "",
            "v2",
            "2.",
            ".1",
            "1..2",
            "1.2.3.4.5",
            "1e3",
            "-1",
            "9999999999",
            " 2",
        ] {
            let err = FormVersion::parse(bad).unwrap_err();
            assert_eq!(err.code, INVALID_VERSION, "{bad:?}");
        }
    }
}
