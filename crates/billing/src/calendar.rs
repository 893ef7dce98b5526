//! Calendar arithmetic on local dates: months anchored to a day of the month and clamped to the
//! month's end, day counts, and half-open date ranges.
//!
//! The anchoring rule is `docs/domain.md` §1's: every date of a series is computed from the series'
//! anchor day, never chained from the previous (possibly clamped) date. With anchor day 31 the
//! series runs 31 Jan → 28 Feb (29 in a leap year) → 31 Mar → 30 Apr; chaining would have drifted
//! to the 28th for good after February.
//!
//! Every function returns `None` instead of panicking when a date would leave chrono's range
//! (about ±262,000 years) or an argument is out of its domain.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Days in `month` (1–12) of `year` in the proleptic Gregorian calendar; `None` for a month
/// outside 1–12.
///
/// ```
/// use medspa_billing::calendar::days_in_month;
/// assert_eq!(days_in_month(2024, 2), Some(29)); // divisible by 4
/// assert_eq!(days_in_month(1900, 2), Some(28)); // a century, not divisible by 400
/// assert_eq!(days_in_month(2000, 2), Some(29));
/// assert_eq!(days_in_month(2025, 4), Some(30));
/// assert_eq!(days_in_month(2025, 13), None);
/// ```
pub fn days_in_month(year: i32, month: u32) -> Option<u32> {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => Some(31),
        4 | 6 | 9 | 11 => Some(30),
        2 if is_leap_year(year) => Some(29),
        2 => Some(28),
        _ => None,
    }
}

fn is_leap_year(year: i32) -> bool {
    year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0)
}

/// Months since year 0: `year × 12 + (month − 1)`. Month arithmetic is plain integer arithmetic
/// on this index, which is what keeps anchored series free of drift.
///
/// ```
/// use chrono::NaiveDate;
/// use medspa_billing::calendar::month_index;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(month_index(d(2025, 3, 9)) - month_index(d(2024, 12, 31)), 3);
/// ```
pub fn month_index(date: NaiveDate) -> i64 {
    i64::from(date.year()) * 12 + i64::from(date.month0())
}

/// The date on `anchor_day` (1–31) of the month with index `month` (see [`month_index`]),
/// clamped to that month's last day. `None` if `anchor_day` is not 1–31 or the date is out of
/// chrono's range.
///
/// ```
/// use chrono::NaiveDate;
/// use medspa_billing::calendar::{anchored_in_month, month_index};
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let february = month_index(d(2025, 2, 1));
/// assert_eq!(anchored_in_month(february, 31), Some(d(2025, 2, 28)));
/// assert_eq!(anchored_in_month(february, 15), Some(d(2025, 2, 15)));
/// assert_eq!(anchored_in_month(february, 0), None);
/// ```
pub fn anchored_in_month(month: i64, anchor_day: u32) -> Option<NaiveDate> {
    if !(1..=31).contains(&anchor_day) {
        return None;
    }
    let year = i32::try_from(month.div_euclid(12)).ok()?;
    // rem_euclid(12) is 0..=11, so the narrowing cannot fail.
    let month_number = u32::try_from(month.rem_euclid(12)).ok()? + 1;
    let day = anchor_day.min(days_in_month(year, month_number)?);
    NaiveDate::from_ymd_opt(year, month_number, day)
}

/// `anchor` moved by `months` calendar months (negative moves back), keeping its day of month
/// and clamping it to the target month's end: 31 Jan + 1 → 28 Feb, 31 Jan + 2 → 31 Mar.
///
/// The result is computed from `anchor` directly; to build a series, call this with the same
/// anchor and growing `months` (or use [`nth_anchored_date`]), never with the previous result.
///
/// ```
/// use chrono::NaiveDate;
/// use medspa_billing::calendar::add_months_clamped;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(add_months_clamped(d(2025, 1, 31), 1), Some(d(2025, 2, 28)));
/// assert_eq!(add_months_clamped(d(2024, 1, 31), 1), Some(d(2024, 2, 29)));
/// assert_eq!(add_months_clamped(d(2025, 1, 31), 2), Some(d(2025, 3, 31)));
/// assert_eq!(add_months_clamped(d(2025, 3, 31), -1), Some(d(2025, 2, 28)));
/// assert_eq!(add_months_clamped(d(2024, 2, 29), 12), Some(d(2025, 2, 28)));
/// ```
pub fn add_months_clamped(anchor: NaiveDate, months: i32) -> Option<NaiveDate> {
    anchored_in_month(month_index(anchor) + i64::from(months), anchor.day())
}

/// The `n`-th date (from 0) of a monthly series that starts in `first`'s month and falls on
/// `anchor_day`, clamped to each month's end. Date `n` lies `n` months after `first`'s month.
///
/// `anchor_day` is passed separately so that a series whose first date was itself clamped keeps
/// its true anchor: a series anchored on the 31st that starts on 28 Feb continues on 31 Mar. When
/// `first` is on its anchor day, date 0 is `first`. `None` if `anchor_day` is not 1–31 or the date
/// is out of range.
///
/// ```
/// use chrono::NaiveDate;
/// use medspa_billing::calendar::nth_anchored_date;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let series: Vec<_> = (0..4).map(|n| nth_anchored_date(d(2025, 1, 31), 31, n).unwrap()).collect();
/// assert_eq!(series, [d(2025, 1, 31), d(2025, 2, 28), d(2025, 3, 31), d(2025, 4, 30)]);
/// // Never chained from the clamped date:
/// assert_eq!(nth_anchored_date(d(2025, 2, 28), 31, 1), Some(d(2025, 3, 31)));
/// ```
pub fn nth_anchored_date(first: NaiveDate, anchor_day: u32, n: u32) -> Option<NaiveDate> {
    anchored_in_month(month_index(first) + i64::from(n), anchor_day)
}

/// Whole days from `start` to `end`: negative when `end` is earlier. With half-open ranges this
/// is the number of days in `[start, end)`.
///
/// ```
/// use chrono::NaiveDate;
/// use medspa_billing::calendar::days_between;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(days_between(d(2025, 1, 15), d(2025, 2, 1)), 17);
/// assert_eq!(days_between(d(2024, 2, 1), d(2024, 3, 1)), 29);
/// assert_eq!(days_between(d(2025, 2, 1), d(2025, 1, 31)), -1);
/// ```
pub fn days_between(start: NaiveDate, end: NaiveDate) -> i64 {
    end.signed_duration_since(start).num_days()
}

/// `date` moved by `days` days (negative moves back); `None` out of range.
///
/// ```
/// use chrono::NaiveDate;
/// use medspa_billing::calendar::add_days;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(add_days(d(2025, 2, 27), 2), Some(d(2025, 3, 1)));
/// assert_eq!(add_days(d(2025, 3, 1), -1), Some(d(2025, 2, 28)));
/// ```
pub fn add_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    let step = chrono::Days::new(days.unsigned_abs());
    if days >= 0 {
        date.checked_add_days(step)
    } else {
        date.checked_sub_days(step)
    }
}

/// A half-open range of local dates: `start` is included, `end` is not. A month of service
/// that starts on 1 March is `{start: "2025-03-01", end: "2025-04-01"}`.
///
/// ```
/// use chrono::NaiveDate;
/// use medspa_billing::calendar::DateRange;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let march = DateRange { start: d(2025, 3, 1), end: d(2025, 4, 1) };
/// assert_eq!(march.days(), 31);
/// assert!(march.contains(d(2025, 3, 31)) && !march.contains(d(2025, 4, 1)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DateRange {
    /// First date in the range, `YYYY-MM-DD`.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub start: NaiveDate,
    /// First date after the range (exclusive), `YYYY-MM-DD`.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub end: NaiveDate,
}

impl DateRange {
    /// Days in the range (0 when `end` is not after `start`).
    pub fn days(&self) -> i64 {
        days_between(self.start, self.end).max(0)
    }

    /// Whether `date` lies in `[start, end)`.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date < self.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn month_lengths_match_chrono_for_four_centuries() {
        for year in 1600..2001 {
            for month in 1..=12 {
                let first = d(year, month, 1);
                let next = add_months_clamped(first, 1).expect("in range");
                let expected = u32::try_from(days_between(first, next)).expect("positive");
                assert_eq!(days_in_month(year, month), Some(expected), "{year}-{month}");
            }
        }
    }

    #[test]
    fn anchored_series_clamp_without_drifting() {
        // (first date, anchor day, n, expected), each checked against a printed calendar.
        let cases = [
            (d(2025, 1, 31), 31, 1, d(2025, 2, 28)),
            (d(2025, 1, 31), 31, 2, d(2025, 3, 31)),
            (d(2025, 1, 31), 31, 3, d(2025, 4, 30)),
            (d(2023, 11, 30), 30, 3, d(2024, 2, 29)), // leap February
            (d(2025, 1, 29), 29, 1, d(2025, 2, 28)),
            (d(2025, 1, 29), 29, 13, d(2026, 2, 28)),
            (d(2025, 1, 29), 29, 37, d(2028, 2, 29)),
            (d(2025, 12, 15), 15, 1, d(2026, 1, 15)), // year boundary
            (d(2025, 2, 28), 31, 0, d(2025, 2, 28)),
            (d(2025, 2, 28), 31, 1, d(2025, 3, 31)),
        ];
        for (first, anchor, n, expected) in cases {
            assert_eq!(
                nth_anchored_date(first, anchor, n),
                Some(expected),
                "{first} anchor {anchor} n {n}"
            );
        }
    }

    #[test]
    fn negative_months_and_year_zero() {
        assert_eq!(
            add_months_clamped(d(2025, 1, 31), -11),
            Some(d(2024, 2, 29))
        );
        assert_eq!(add_months_clamped(d(1, 1, 15), -1), Some(d(0, 12, 15)));
        assert_eq!(add_months_clamped(d(0, 3, 31), -1), Some(d(0, 2, 29))); // year 0 is leap
    }

    #[test]
    fn out_of_range_is_none_not_a_panic() {
        assert_eq!(add_months_clamped(NaiveDate::MAX, 1), None);
        assert_eq!(add_months_clamped(NaiveDate::MIN, -1), None);
        assert_eq!(add_months_clamped(d(2025, 1, 1), i32::MAX), None);
        assert_eq!(nth_anchored_date(d(2025, 1, 1), 32, 0), None);
        assert_eq!(anchored_in_month(i64::MAX, 1), None);
        assert_eq!(add_days(NaiveDate::MAX, 1), None);
        assert_eq!(add_days(NaiveDate::MIN, -1), None);
        assert_eq!(add_days(d(2025, 1, 1), i64::MIN), None);
    }

    #[test]
    fn ranges_are_half_open() {
        let empty = DateRange {
            start: d(2025, 3, 1),
            end: d(2025, 3, 1),
        };
        assert_eq!(empty.days(), 0);
        assert!(!empty.contains(d(2025, 3, 1)));
        let backwards = DateRange {
            start: d(2025, 3, 2),
            end: d(2025, 3, 1),
        };
        assert_eq!(backwards.days(), 0);
        let json = serde_json::to_string(&DateRange {
            start: d(2025, 1, 31),
            end: d(2025, 2, 28),
        })
        .expect("json");
        assert_eq!(json, r#"{"start":"2025-01-31","end":"2025-02-28"}"#);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn date() -> impl Strategy<Value = NaiveDate> {
        (-400i32..3000, 1u32..=12, 1u32..=31).prop_filter_map("valid date", |(y, m, d)| {
            NaiveDate::from_ymd_opt(y, m, d.min(days_in_month(y, m)?))
        })
    }

    proptest! {
        #[test]
        fn anchored_dates_land_on_the_clamped_anchor_day(first in date(), anchor in 1u32..=31, n in 0u32..1200) {
            let got = nth_anchored_date(first, anchor, n).expect("in range");
            prop_assert_eq!(month_index(got) - month_index(first), i64::from(n));
            let length = days_in_month(got.year(), got.month()).expect("valid month");
            prop_assert_eq!(got.day(), anchor.min(length));
        }

        #[test]
        fn adding_months_forward_then_back_returns_unless_clamped(start in date(), months in -2400i32..2400) {
            let there = add_months_clamped(start, months).expect("in range");
            let back = add_months_clamped(there, -months).expect("in range");
            if there.day() == start.day() {
                prop_assert_eq!(back, start);
            } else {
                // Clamped: the day shrank to the month's end, and coming back cannot regrow it.
                prop_assert!(there.day() < start.day());
                prop_assert_eq!(month_index(back), month_index(start));
            }
        }

        #[test]
        fn day_arithmetic_round_trips(start in date(), days in -100_000i64..100_000) {
            let moved = add_days(start, days).expect("in range");
            prop_assert_eq!(days_between(start, moved), days);
        }
    }
}
