//! ISO 4217 currencies and their minor-unit exponents.

use medspa_errors::CodedError;
use serde::{Deserialize, Serialize};

/// An active ISO 4217 currency, validated on construction.
///
/// ```
/// use medspa_billing::Currency;
/// assert_eq!(Currency::parse("JPY").unwrap().exponent(), 0);
/// assert_eq!(Currency::parse("KWD").unwrap().exponent(), 3);
/// assert_eq!(Currency::parse("usd").unwrap_err().code, "UNKNOWN_CURRENCY");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Currency {
    code: [u8; 3],
    exponent: u8,
}

/// Active ISO 4217 codes whose minor unit is not 2 digits, grouped by exponent.
const EXPONENT_0: &str = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF";
const EXPONENT_3: &str = "BHD IQD JOD KWD LYD OMR TND";
const EXPONENT_4: &str = "CLF UYW";
/// Active ISO 4217 codes with 2-digit minor units (funds and precious metals excluded).
// Continuation lines keep the 4-byte stride that `listed` relies on: a line ends with a space.
const EXPONENT_2: &str = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV \
BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB \
EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD \
KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO \
NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP \
STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR \
ZMW ZWG";

impl Currency {
    /// Looks up an upper-case ISO 4217 code; unknown or malformed codes are `UNKNOWN_CURRENCY`.
    pub fn parse(code: &str) -> Result<Self, CodedError> {
        let tables = [
            (EXPONENT_0, 0),
            (EXPONENT_2, 2),
            (EXPONENT_3, 3),
            (EXPONENT_4, 4),
        ];
        let well_formed = code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase());
        let exponent = tables
            .iter()
            .find(|(table, _)| well_formed && listed(table, code.as_bytes()))
            .map(|(_, exponent)| *exponent)
            .ok_or_else(|| {
                CodedError::new(
                    "UNKNOWN_CURRENCY",
                    "$",
                    "not an active ISO 4217 currency code (three upper-case letters, such as USD)",
                )
            })?;
        let bytes = code.as_bytes();
        Ok(Self {
            code: [bytes[0], bytes[1], bytes[2]],
            exponent,
        })
    }

    /// The three-letter code, such as `"USD"`.
    pub fn code(&self) -> &str {
        // Constructed only from validated ASCII, so this never fails.
        std::str::from_utf8(&self.code).unwrap_or("XXX")
    }

    /// Digits after the decimal point: USD 2, JPY 0, KWD 3.
    pub fn exponent(&self) -> u8 {
        self.exponent
    }
}

/// Whether `code` is in `table`, a sorted list of codes each followed by one separator: every
/// code sits at a multiple of 4 bytes, so this is a binary search with no parsing. (Every amount
/// in a request is checked here; a linear scan was the hottest spot of a 100-line invoice.)
fn listed(table: &str, code: &[u8]) -> bool {
    let bytes = table.as_bytes();
    let count = bytes.len().div_ceil(4);
    let (mut low, mut high) = (0, count);
    while low < high {
        let middle = (low + high) / 2;
        let entry = bytes.get(middle * 4..middle * 4 + 3).unwrap_or_default();
        match entry.cmp(code) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => low = middle + 1,
            std::cmp::Ordering::Greater => high = middle,
        }
    }
    false
}

impl TryFrom<String> for Currency {
    type Error = String;
    fn try_from(code: String) -> Result<Self, Self::Error> {
        Currency::parse(&code).map_err(CodedError::into_serde_message)
    }
}

impl From<Currency> for String {
    fn from(currency: Currency) -> String {
        currency.code().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exponents_follow_iso_4217() {
        for (code, exponent) in [
            ("USD", 2),
            ("EUR", 2),
            ("JPY", 0),
            ("KWD", 3),
            ("BHD", 3),
            ("CLF", 4),
        ] {
            assert_eq!(
                Currency::parse(code).map(|c| c.exponent()),
                Ok(exponent),
                "{code}"
            );
        }
    }

    #[test]
    fn malformed_and_inactive_codes_are_rejected() {
        for code in ["", "US", "USDD", "usd", "XXX", "DEM", "U$D"] {
            assert_eq!(
                Currency::parse(code).map_err(|e| e.code),
                Err("UNKNOWN_CURRENCY"),
                "{code}"
            );
        }
    }

    #[test]
    fn tables_are_sorted_with_a_four_byte_stride() {
        for table in [EXPONENT_0, EXPONENT_2, EXPONENT_3, EXPONENT_4] {
            let codes: Vec<&str> = table.split(' ').collect();
            assert!(codes.iter().all(|c| c.len() == 3), "{table}");
            assert!(codes.windows(2).all(|w| w[0] < w[1]), "{table}");
        }
    }

    #[test]
    fn every_listed_code_is_unique() {
        let all: Vec<&str> = [EXPONENT_0, EXPONENT_2, EXPONENT_3, EXPONENT_4]
            .iter()
            .flat_map(|t| t.split_whitespace())
            .collect();
        let mut sorted = all.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), all.len());
        assert!(all.iter().all(|c| Currency::parse(c).is_ok()));
    }
}
