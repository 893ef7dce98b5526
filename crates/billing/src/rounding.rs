//! Rounding an exact quotient to whole minor units, with the mode named by the caller.

use serde::{Deserialize, Serialize};

/// How an exact amount is rounded to whole minor units. Every operation that rounds takes one
/// and says where it rounds.
///
/// ```
/// use medspa_billing::{div_round, Rounding};
/// assert_eq!(div_round(5, 2, Rounding::HalfUp), Some(3));     // 2.5 → 3
/// assert_eq!(div_round(-5, 2, Rounding::HalfUp), Some(-3));   // half away from zero
/// assert_eq!(div_round(5, 2, Rounding::HalfEven), Some(2));   // banker's: to the even neighbour
/// assert_eq!(div_round(7, 2, Rounding::HalfEven), Some(4));
/// assert_eq!(div_round(7, 2, Rounding::Down), Some(3));       // toward zero
/// assert_eq!(div_round(7, 2, Rounding::Up), Some(4));         // away from zero
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// Halves away from zero (2.5 → 3, −2.5 → −3): the usual commercial rule.
    #[default]
    HalfUp,
    /// Halves to the even neighbour (2.5 → 2, 3.5 → 4): banker's rounding.
    HalfEven,
    /// Toward zero (truncation).
    Down,
    /// Away from zero.
    Up,
}

/// `numerator / denominator` rounded to an integer by `mode`; `None` when the denominator is 0.
pub fn div_round(numerator: i128, denominator: i128, mode: Rounding) -> Option<i128> {
    if denominator == 0 {
        return None;
    }
    // Work on magnitudes so "up" and "half up" mean away from zero for either sign.
    let negative = (numerator < 0) != (denominator < 0);
    let (n, d) = (numerator.unsigned_abs(), denominator.unsigned_abs());
    // Most amounts fit in 64 bits, where division is several times cheaper than in 128.
    let (quotient, remainder) = match (u64::try_from(n), u64::try_from(d)) {
        (Ok(n), Ok(d)) => (u128::from(n / d), u128::from(n % d)),
        _ => (n / d, n % d),
    };
    let twice = remainder.saturating_mul(2);
    let round_away = match mode {
        Rounding::Down => false,
        Rounding::Up => remainder > 0,
        Rounding::HalfUp => twice >= d,
        Rounding::HalfEven => twice > d || (twice == d && quotient % 2 == 1),
    };
    let magnitude = i128::try_from(quotient + u128::from(round_away)).ok()?;
    Some(if negative { -magnitude } else { magnitude })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mode_on_halves_and_non_halves() {
        // (numerator, denominator, half_up, half_even, down, up)
        let cases = [
            (25, 10, 3, 2, 2, 3),
            (35, 10, 4, 4, 3, 4),
            (-25, 10, -3, -2, -2, -3),
            (24, 10, 2, 2, 2, 3),
            (26, 10, 3, 3, 2, 3),
            (20, 10, 2, 2, 2, 2),
            (0, 7, 0, 0, 0, 0),
            (5, -2, -3, -2, -2, -3),
        ];
        for (n, d, half_up, half_even, down, up) in cases {
            let got = [
                Rounding::HalfUp,
                Rounding::HalfEven,
                Rounding::Down,
                Rounding::Up,
            ]
            .map(|m| div_round(n, d, m));
            assert_eq!(
                got,
                [Some(half_up), Some(half_even), Some(down), Some(up)],
                "{n}/{d}"
            );
        }
        assert_eq!(div_round(1, 0, Rounding::HalfUp), None);
    }

    #[test]
    fn extremes_do_not_overflow() {
        assert_eq!(div_round(i128::MAX, 1, Rounding::Up), Some(i128::MAX));
        assert_eq!(
            div_round(i128::MIN + 1, 1, Rounding::Up),
            Some(i128::MIN + 1)
        );
        assert_eq!(
            div_round(i128::MAX, 2, Rounding::HalfUp),
            Some(i128::MAX / 2 + 1)
        );
    }
}
