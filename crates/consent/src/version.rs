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
        let mut parts = [0; MAX_PARTS];
        for (count, piece) in text.split('.').enumerate() {
            let slot = parts.get_mut(count).ok_or_else(invalid)?;
            if piece.is_empty() || piece.len() > 9 || !piece.bytes().all(|b| b.is_ascii_digit()) {
                return Err(invalid());
            }
            *slot = piece.parse().map_err(|_| invalid())?;
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
