//! Exact percentages from decimal strings ("8.875" is 8.875 %), for tax and discount rates.

use crate::rounding::{div_round, Rounding};
use medspa_errors::CodedError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Fraction digits a percentage may carry: "8.875" needs 3, the most precise VAT rates 4.
pub const PERCENT_DIGITS: u32 = 6;
const SCALE: i128 = 10i128.pow(PERCENT_DIGITS);
/// 100 % in scaled units.
const HUNDRED: i128 = 100 * SCALE;

/// A non-negative percentage held exactly: "8.875" is 8.875 %, "20" is 20 %, at most 1000 %.
/// Parsed from a string so no binary float ever touches a rate.
///
/// ```
/// use medspa_billing::{Percent, Rounding};
/// let tax = Percent::parse("8.875").unwrap();
/// assert_eq!(tax.of(10_000, Rounding::HalfUp), 888);      // 8.875 % of $100.00 = $8.875 → $8.88
/// assert_eq!(tax.of(10_000, Rounding::HalfEven), 888);    // 887.5 → 888 (8 is even)
/// assert_eq!(tax.to_string(), "8.875");
/// assert_eq!(Percent::parse("8.8751234").unwrap_err().code, "INVALID_PERCENT");
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct Percent {
    /// The percentage × 10^PERCENT_DIGITS.
    scaled: i128,
}

impl Percent {
    /// 0 %.
    pub const ZERO: Percent = Percent { scaled: 0 };
    /// 100 %.
    pub const HUNDRED: Percent = Percent { scaled: HUNDRED };

    /// Parses `"8.875"`, `"20"`, `"0.5"`: digits, an optional point and up to six fraction digits.
    pub fn parse(text: &str) -> Result<Self, CodedError> {
        let invalid = || {
            CodedError::new(
                "INVALID_PERCENT",
                "$",
                format!("a percentage is a decimal string such as \"8.875\", at most 1000 with up to {PERCENT_DIGITS} decimals"),
            )
        };
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || whole.len() > 4 || !digits_only(whole) || !digits_only(fraction) {
            return Err(invalid());
        }
        if fraction.len() > PERCENT_DIGITS as usize || (text.contains('.') && fraction.is_empty()) {
            return Err(invalid());
        }
        let whole: i128 = whole.parse().map_err(|_| invalid())?;
        let padded = format!("{fraction:0<width$}", width = PERCENT_DIGITS as usize);
        let fraction: i128 = padded.parse().map_err(|_| invalid())?;
        let scaled = whole * SCALE + fraction;
        if scaled > 10 * HUNDRED {
            return Err(invalid());
        }
        Ok(Self { scaled })
    }

    /// `amount × this %`, rounded once by `mode`.
    pub fn of(self, amount: i64, mode: Rounding) -> i64 {
        // |amount| < 2^63 and scaled ≤ 10^9: the product fits i128; the result is at most 10 × amount,
        // which callers keep inside MAX_MINOR, so the narrowing never saturates in practice.
        let exact = div_round(i128::from(amount) * self.scaled, HUNDRED, mode).unwrap_or(0);
        saturate(exact)
    }

    /// The tax contained in a tax-inclusive `gross` at this rate: `gross × r / (1 + r)`, rounded once.
    pub fn included_in(self, gross: i64, mode: Rounding) -> i64 {
        let exact =
            div_round(i128::from(gross) * self.scaled, HUNDRED + self.scaled, mode).unwrap_or(0);
        saturate(exact)
    }

    /// Whether this is more than 100 %.
    pub fn exceeds_hundred(self) -> bool {
        self.scaled > HUNDRED
    }

    /// Whether this is 0 %.
    pub fn is_zero(self) -> bool {
        self.scaled == 0
    }

    /// The percentage × 10^6, for exact arithmetic by callers that combine rates.
    pub fn scaled_millionths(self) -> i128 {
        self.scaled
    }
}

fn saturate(value: i128) -> i64 {
    i64::try_from(value).unwrap_or(if value < 0 { i64::MIN } else { i64::MAX })
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (whole, fraction) = (self.scaled / SCALE, self.scaled % SCALE);
        if fraction == 0 {
            return write!(f, "{whole}");
        }
        let digits = format!("{fraction:0width$}", width = PERCENT_DIGITS as usize);
        write!(f, "{whole}.{}", digits.trim_end_matches('0'))
    }
}

impl TryFrom<String> for Percent {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        Percent::parse(&text).map_err(CodedError::into_serde_message)
    }
}

impl From<Percent> for String {
    fn from(percent: Percent) -> String {
        percent.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_canonically() {
        for (text, shown) in [
            ("8.875", "8.875"),
            ("20", "20"),
            ("0.5", "0.5"),
            ("007.250", "7.25"),
            ("0", "0"),
            ("1000", "1000"),
        ] {
            assert_eq!(
                Percent::parse(text).map(|p| p.to_string()),
                Ok(shown.to_string()),
                "{text}"
            );
        }
        for bad in [
            "",
            ".5",
            "5.",
            "-1",
            "1e2",
            "8,875",
            " 8",
            "1000.000001",
            "10000",
            "0.0000001",
            "NaN",
        ] {
            assert_eq!(
                Percent::parse(bad).map_err(|e| e.code),
                Err("INVALID_PERCENT"),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn inclusive_tax_extraction() {
        let vat = Percent::parse("20").unwrap();
        assert_eq!(vat.included_in(12_000, Rounding::HalfUp), 2_000); // £120 gross holds £20 VAT
        assert_eq!(vat.included_in(1_000, Rounding::HalfUp), 167); // 166.67
        assert_eq!(vat.included_in(1_000, Rounding::Down), 166);
    }

    #[test]
    fn deserializes_with_a_code_and_path() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code, reason = "decoded only")]
        struct Line {
            rate: Percent,
        }
        let err = medspa_errors::decode::<Line, _>(&mut serde_json::Deserializer::from_str(
            r#"{"rate":"eight"}"#,
        ))
        .unwrap_err();
        assert_eq!((err.code, err.path.as_str()), ("INVALID_PERCENT", "$.rate"));
    }
}
