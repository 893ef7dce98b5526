//! An amount of money: integer minor units in one currency, within a documented maximum.

use crate::Currency;
use medspa_errors::CodedError;
use serde::{Deserialize, Serialize};

/// The largest magnitude of any amount, input or result: 2^53 − 1 minor units, the largest
/// integer JavaScript represents exactly (about 90 trillion dollars). Larger is `AMOUNT_TOO_LARGE`.
pub const MAX_MINOR: i64 = 9_007_199_254_740_991;

/// An amount in integer minor units (cents for USD, yen for JPY, fils for KWD).
///
/// ```
/// use medspa_billing::{Currency, Money};
/// let price = Money::new(12_500, Currency::parse("USD").unwrap());
/// assert_eq!(price.to_string(), "125.00 USD");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(try_from = "MoneyFields", rename_all = "camelCase")]
pub struct Money {
    /// Signed amount in minor units.
    pub minor: i64,
    /// The currency; fixes how many minor units make one major unit.
    pub currency: Currency,
}

/// The wire shape of [`Money`], checked against [`MAX_MINOR`] on the way in.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MoneyFields {
    minor: i64,
    currency: Currency,
}

impl TryFrom<MoneyFields> for Money {
    type Error = String;
    fn try_from(fields: MoneyFields) -> Result<Self, String> {
        Money::checked(fields.minor, fields.currency).map_err(CodedError::into_serde_message)
    }
}

fn too_large() -> CodedError {
    CodedError::new(
        "AMOUNT_TOO_LARGE",
        "$",
        "amounts are limited to 9007199254740991 minor units (2^53 - 1)",
    )
}

impl Money {
    /// An amount of `minor` units of `currency`.
    pub fn new(minor: i64, currency: Currency) -> Self {
        Self { minor, currency }
    }

    /// Zero in `currency`.
    pub fn zero(currency: Currency) -> Self {
        Self { minor: 0, currency }
    }

    /// An amount checked against [`MAX_MINOR`]: `AMOUNT_TOO_LARGE` beyond it.
    pub fn checked(minor: i64, currency: Currency) -> Result<Self, CodedError> {
        if minor.unsigned_abs() > MAX_MINOR.unsigned_abs() {
            return Err(too_large());
        }
        Ok(Self { minor, currency })
    }

    /// Checks that `other` is in the same currency: `CURRENCY_MISMATCH` otherwise.
    pub fn same_currency(&self, other: &Money) -> Result<(), CodedError> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(CodedError::new(
                "CURRENCY_MISMATCH",
                "$",
                "amounts in one request must share a currency",
            ))
        }
    }

    /// This amount as non-negative minor units of `currency`, for validating a request field at
    /// `path`: `AMOUNT_TOO_LARGE` or `NEGATIVE_AMOUNT` at `path`, `CURRENCY_MISMATCH` at
    /// `{path}.currency`.
    pub fn non_negative_in(&self, currency: Currency, path: &str) -> Result<i64, CodedError> {
        let checked = Money::checked(self.minor, self.currency).map_err(|e| e.under(path))?;
        Money::zero(currency)
            .same_currency(&checked)
            .map_err(|e| e.under(&format!("{path}.currency")))?;
        if checked.minor < 0 {
            return Err(CodedError::new(
                "NEGATIVE_AMOUNT",
                path,
                "the amount must not be negative",
            ));
        }
        Ok(checked.minor)
    }

    /// `self + other`, same currency, within [`MAX_MINOR`].
    pub fn checked_add(self, other: Money) -> Result<Money, CodedError> {
        self.same_currency(&other)?;
        Money::checked(
            self.minor.checked_add(other.minor).ok_or_else(too_large)?,
            self.currency,
        )
    }

    /// `self − other`, same currency, within [`MAX_MINOR`].
    pub fn checked_sub(self, other: Money) -> Result<Money, CodedError> {
        self.same_currency(&other)?;
        Money::checked(
            self.minor.checked_sub(other.minor).ok_or_else(too_large)?,
            self.currency,
        )
    }
}

impl std::fmt::Display for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let exponent = u32::from(self.currency.exponent());
        let sign = if self.minor < 0 { "-" } else { "" };
        let units = self.minor.unsigned_abs();
        if exponent == 0 {
            return write!(f, "{sign}{units} {}", self.currency.code());
        }
        let scale = 10u64.pow(exponent);
        let (major, minor) = (units / scale, units % scale);
        let width = exponent as usize;
        write!(f, "{sign}{major}.{minor:0width$} {}", self.currency.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(minor: i64, code: &str) -> String {
        Money::new(minor, Currency::parse(code).expect("known currency")).to_string()
    }

    #[test]
    fn arithmetic_checks_currency_and_limit() {
        let usd = Currency::parse("USD").unwrap();
        let eur = Currency::parse("EUR").unwrap();
        assert_eq!(
            Money::new(5, usd).checked_add(Money::new(7, usd)),
            Ok(Money::new(12, usd))
        );
        assert_eq!(
            Money::new(5, usd)
                .checked_add(Money::new(7, eur))
                .unwrap_err()
                .code,
            "CURRENCY_MISMATCH"
        );
        assert_eq!(
            Money::new(MAX_MINOR, usd)
                .checked_add(Money::new(1, usd))
                .unwrap_err()
                .code,
            "AMOUNT_TOO_LARGE"
        );
        assert_eq!(
            Money::new(-MAX_MINOR, usd)
                .checked_sub(Money::new(1, usd))
                .unwrap_err()
                .code,
            "AMOUNT_TOO_LARGE"
        );
    }

    #[test]
    fn decoding_checks_the_limit_and_the_currency_with_paths() {
        let decode = |json: &str| {
            medspa_errors::decode::<Money, _>(&mut serde_json::Deserializer::from_str(json))
        };
        assert_eq!(
            decode(r#"{"minor":5,"currency":"JPY"}"#).map(|m| m.minor),
            Ok(5)
        );
        let err = decode(r#"{"minor":9007199254740992,"currency":"USD"}"#).unwrap_err();
        assert_eq!((err.code, err.path.as_str()), ("AMOUNT_TOO_LARGE", "$"));
        let err = decode(r#"{"minor":5,"currency":"usd"}"#).unwrap_err();
        assert_eq!(
            (err.code, err.path.as_str()),
            ("UNKNOWN_CURRENCY", "$.currency")
        );
    }

    #[test]
    fn display_uses_the_currency_exponent() {
        assert_eq!(money(-5, "USD"), "-0.05 USD");
        assert_eq!(money(1234, "JPY"), "1234 JPY");
        assert_eq!(money(1_234_567, "KWD"), "1234.567 KWD");
        assert_eq!(money(i64::MIN, "USD"), "-92233720368547758.08 USD");
    }
}
