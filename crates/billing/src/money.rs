//! An amount of money: integer minor units in one currency.

use crate::Currency;
use serde::{Deserialize, Serialize};

/// An amount in integer minor units (cents for USD, yen for JPY, fils for KWD).
///
/// ```
/// use medspa_billing::{Currency, Money};
/// let price = Money::new(12_500, Currency::parse("USD").unwrap());
/// assert_eq!(price.to_string(), "125.00 USD");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    /// Signed amount in minor units.
    pub minor: i64,
    /// The currency; fixes how many minor units make one major unit.
    pub currency: Currency,
}

impl Money {
    /// An amount of `minor` units of `currency`.
    pub fn new(minor: i64, currency: Currency) -> Self {
        Self { minor, currency }
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
    fn display_uses_the_currency_exponent() {
        assert_eq!(money(-5, "USD"), "-0.05 USD");
        assert_eq!(money(1234, "JPY"), "1234 JPY");
        assert_eq!(money(1_234_567, "KWD"), "1234.567 KWD");
        assert_eq!(money(i64::MIN, "USD"), "-92233720368547758.08 USD");
    }
}
