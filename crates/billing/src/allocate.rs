//! Splitting an amount across weights by largest remainder (Hamilton's method).
//!
//! The rule, from `docs/domain.md` §1: each part gets `floor(|amount| × w / Σw)`; the units left
//! over go one each to the parts with the largest fractional remainders, ties to the lowest index;
//! zero weights get nothing; a negative amount is split as its absolute value and each part negated.
//! Other libraries differ: Dinero.js v1 hands leftovers to the first parts and v2 to the largest
//! ratio, so the same split can disagree with theirs by a unit.

use crate::Money;
use medspa_errors::CodedError;

/// The most parts one call may split into; larger requests get `TOO_MANY_PARTS`.
pub const MAX_PARTS: usize = 10_000;

/// Splits `total` across `weights`; the parts always sum exactly to `total`.
///
/// Errors: `NO_WEIGHTS` for an empty list, `TOO_MANY_PARTS` above [`MAX_PARTS`],
/// `NEGATIVE_WEIGHT` (with the path of the first one), `ALL_WEIGHTS_ZERO`.
///
/// ```
/// use medspa_billing::{allocate, Currency, Money};
/// let usd = Currency::parse("USD").unwrap();
/// let parts = allocate(Money::new(100, usd), &[1, 1, 1]).unwrap();
/// let minors: Vec<i64> = parts.iter().map(|m| m.minor).collect();
/// assert_eq!(minors, [34, 33, 33]);
/// ```
pub fn allocate(total: Money, weights: &[i64]) -> Result<Vec<Money>, CodedError> {
    if weights.is_empty() {
        return Err(CodedError::new(
            "NO_WEIGHTS",
            "$.weights",
            "at least one weight is needed",
        ));
    }
    if weights.len() > MAX_PARTS {
        return Err(CodedError::new(
            "TOO_MANY_PARTS",
            "$.weights",
            format!("at most {MAX_PARTS} weights are allowed"),
        ));
    }
    if let Some(index) = weights.iter().position(|&w| w < 0) {
        return Err(CodedError::new(
            "NEGATIVE_WEIGHT",
            format!("$.weights[{index}]"),
            "weights must not be negative",
        ));
    }
    // Weights are non-negative i64 and there are at most MAX_PARTS of them: the sum fits in i128,
    // and so does |amount| × weight, so every step below is exact.
    let weight_sum: i128 = weights.iter().map(|&w| i128::from(w)).sum();
    if weight_sum == 0 {
        return Err(CodedError::new(
            "ALL_WEIGHTS_ZERO",
            "$.weights",
            "at least one weight must be positive",
        ));
    }
    let amount = i128::from(total.minor).abs();
    let mut parts: Vec<i128> = Vec::with_capacity(weights.len());
    let mut remainders: Vec<(i128, usize)> = Vec::new();
    for (index, &weight) in weights.iter().enumerate() {
        let share = amount * i128::from(weight);
        // 64-bit division when everything fits: several times cheaper than 128-bit.
        let (part, remainder) = match (u64::try_from(share), u64::try_from(weight_sum)) {
            (Ok(s), Ok(w)) => (i128::from(s / w), i128::from(s % w)),
            _ => (share / weight_sum, share % weight_sum),
        };
        parts.push(part);
        if weight > 0 {
            remainders.push((remainder, index));
        }
    }
    let leftover = amount - parts.iter().sum::<i128>();
    // The `leftover` largest remainders, equal remainders in index order: a selection, not a
    // full sort, since each of them gets exactly one unit whatever their order.
    let leftover = usize::try_from(leftover).unwrap_or(0).min(remainders.len());
    if leftover > 0 && leftover < remainders.len() {
        remainders.select_nth_unstable_by_key(leftover - 1, |&(remainder, index)| {
            (std::cmp::Reverse(remainder), index)
        });
    }
    for &(_, index) in remainders.iter().take(leftover) {
        parts[index] += 1;
    }
    let sign = if total.minor < 0 { -1 } else { 1 };
    Ok(parts
        .into_iter()
        // Each part is at most |amount| ≤ 2^63, and negating restores the caller's sign; a part
        // equal to |i64::MIN| occurs only with a negative total, where it negates back into range.
        .map(|part| {
            Money::new(
                i64::try_from(sign * part).unwrap_or(total.minor),
                total.currency,
            )
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Currency;

    fn split(total: i64, weights: &[i64]) -> Result<Vec<i64>, &'static str> {
        let usd = Currency::parse("USD").expect("USD");
        allocate(Money::new(total, usd), weights)
            .map(|parts| parts.iter().map(|m| m.minor).collect())
            .map_err(|e| e.code)
    }

    #[test]
    fn examples_from_the_rule() {
        let cases: &[(i64, &[i64], &[i64])] = &[
            (100, &[1, 1, 1], &[34, 33, 33]),
            (100, &[1, 1, 1, 1, 1, 1], &[17, 17, 17, 17, 16, 16]),
            // 0.5, 0.3, 0.2 of 101: floors 50, 30, 20; remainders .5, .3, .2 → first part.
            (101, &[5, 3, 2], &[51, 30, 20]),
            // Largest remainder wins over position: 10 × 1/3 = 3.33, 10 × 2/3 = 6.67.
            (10, &[1, 2], &[3, 7]),
            (0, &[1, 2], &[0, 0]),
            (-100, &[1, 1, 1], &[-34, -33, -33]),
            (7, &[0, 1, 0, 1], &[0, 4, 0, 3]),
            (1, &[0, 0, 5], &[0, 0, 1]),
            // Standalone prices as weights: a $1,000 package of $300 + $300 + $600 sessions.
            (
                100_000,
                &[30_000, 30_000, 60_000],
                &[25_000, 25_000, 50_000],
            ),
            // Floors 24_999, 24_999, 49_999 leave 2 units; remainders .75, .75, .5 → the first two.
            (99_999, &[30_000, 30_000, 60_000], &[25_000, 25_000, 49_999]),
        ];
        for &(total, weights, expected) in cases {
            assert_eq!(
                split(total, weights),
                Ok(expected.to_vec()),
                "{total} over {weights:?}"
            );
        }
    }

    #[test]
    fn extreme_amounts_do_not_overflow() {
        let parts = split(i64::MAX, &[i64::MAX, i64::MAX, 1]).expect("splits");
        assert_eq!(
            parts.iter().map(|&p| i128::from(p)).sum::<i128>(),
            i128::from(i64::MAX)
        );
        let parts = split(i64::MIN, &[1]).expect("splits");
        assert_eq!(parts, vec![i64::MIN]);
        let parts = split(i64::MIN, &[1, 1]).expect("splits");
        assert_eq!(parts, vec![i64::MIN / 2, i64::MIN / 2]);
    }

    #[test]
    fn invalid_weights_have_codes_and_paths() {
        assert_eq!(split(100, &[]), Err("NO_WEIGHTS"));
        assert_eq!(split(100, &[0, 0]), Err("ALL_WEIGHTS_ZERO"));
        assert_eq!(split(100, &[1, -1]), Err("NEGATIVE_WEIGHT"));
        assert_eq!(split(100, &vec![1; MAX_PARTS + 1]), Err("TOO_MANY_PARTS"));
        let usd = Currency::parse("USD").expect("USD");
        let err = allocate(Money::new(1, usd), &[3, 0, -2, -1]).unwrap_err();
        assert_eq!(err.path, "$.weights[2]");
    }

    #[test]
    fn currency_is_carried_to_every_part() {
        let jpy = Currency::parse("JPY").expect("JPY");
        let parts = allocate(Money::new(1000, jpy), &[1, 2]).expect("splits");
        assert!(parts.iter().all(|m| m.currency == jpy));
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use crate::Currency;
    use proptest::prelude::*;

    fn usd(minor: i64) -> Money {
        Money::new(minor, Currency::parse("USD").expect("USD"))
    }

    proptest! {
        #[test]
        fn parts_sum_to_the_total(total in any::<i64>(), weights in prop::collection::vec(0..=i64::MAX, 1..40)) {
            prop_assume!(weights.iter().any(|&w| w > 0));
            let parts = allocate(usd(total), &weights).expect("valid weights");
            prop_assert_eq!(parts.len(), weights.len());
            let sum: i128 = parts.iter().map(|m| i128::from(m.minor)).sum();
            prop_assert_eq!(sum, i128::from(total));
        }

        #[test]
        fn each_part_is_within_one_unit_of_its_exact_share(total in -1_000_000_000i64..1_000_000_000, weights in prop::collection::vec(0..1_000_000i64, 1..40)) {
            prop_assume!(weights.iter().any(|&w| w > 0));
            let parts = allocate(usd(total), &weights).expect("valid weights");
            let weight_sum: i128 = weights.iter().map(|&w| i128::from(w)).sum();
            for (part, &weight) in parts.iter().zip(&weights) {
                let exact_floor = (i128::from(total).abs() * i128::from(weight)) / weight_sum;
                let got = i128::from(part.minor).abs();
                prop_assert!(got == exact_floor || got == exact_floor + 1);
                if weight == 0 { prop_assert_eq!(part.minor, 0); }
                prop_assert!(part.minor == 0 || part.minor.signum() == total.signum());
            }
        }

        /// Order independence beyond the tie rule: permuting weights permutes the parts,
        /// except where equal remainders are broken by position.
        #[test]
        fn distinct_weights_make_order_irrelevant(total in 0i64..10_000_000, mut weights in prop::collection::btree_set(1..1_000_000i64, 1..20).prop_map(|s| s.into_iter().collect::<Vec<_>>())) {
            let forward = allocate(usd(total), &weights).expect("valid");
            weights.reverse();
            let mut backward = allocate(usd(total), &weights).expect("valid");
            backward.reverse();
            let weight_sum: i128 = weights.iter().map(|&w| i128::from(w)).sum();
            let remainders: Vec<i128> = weights.iter().rev().map(|&w| (i128::from(total) * i128::from(w)) % weight_sum).collect();
            let mut distinct = remainders.clone();
            distinct.sort_unstable();
            distinct.dedup();
            prop_assume!(distinct.len() == remainders.len());
            prop_assert_eq!(forward, backward);
        }
    }
}
