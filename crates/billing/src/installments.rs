//! Installment plans: an optional deposit, then the rest split into equal parts with the odd
//! units placed by a named policy, due on dates anchored to the first due date's day of month.
//!
//! The rule is `docs/domain.md` §1's:
//! - the deposit (if any, and not zero) comes first, due on `depositDue` or else on `firstDue`;
//! - the remainder `total − deposit` is split into `count` parts of `floor(remainder / count)`;
//!   the `remainder mod count` leftover units go one each to the first parts (`spread_first`,
//!   which is exactly the allocation rule over equal weights), or all to the first part
//!   (`all_first`), or all to the last part (`all_last`);
//! - monthly due dates fall on the first due date's day of month, clamped to each month's end
//!   (31 Jan → 28/29 Feb → 31 Mar), each computed from the anchor and never chained from the
//!   previous clamped date. `every_n_days` steps a fixed number of calendar days instead.
//!
//! The parts always sum exactly to the total; [`installment_plan`] checks this before answering.

use crate::calendar::{add_days, nth_anchored_date};
use crate::Money;
use chrono::{Datelike, NaiveDate};
use medspa_errors::CodedError;
use serde::{Deserialize, Serialize};

/// The most installments in one plan: ten years of monthly payments.
pub const MAX_INSTALLMENTS: u32 = 120;
/// The longest `every_n_days` step: a year.
pub const MAX_INTERVAL_DAYS: u32 = 366;

/// Where the units left over by an uneven split go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum OddUnits {
    /// One unit each to the first parts: $100.00 in 3 is 33.34, 33.33, 33.33.
    #[default]
    SpreadFirst,
    /// All of them to the first part: $100.00 in 6 is 16.70, then five of 16.66.
    AllFirst,
    /// All of them to the last part: $100.00 in 6 is five of 16.66, then 16.70.
    AllLast,
}

/// How far apart installments fall: `"monthly"` or `{"every_n_days": 14}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Interval {
    /// Monthly, on the first due date's day of month, clamped to each month's end.
    #[default]
    Monthly,
    /// Every so many calendar days (1–366) after the first due date.
    EveryNDays(u32),
}

/// A request for an installment plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InstallmentRequest {
    /// The amount financed, deposit included; not negative.
    pub total: Money,
    /// Installments after the deposit: 1 to [`MAX_INSTALLMENTS`].
    pub count: u32,
    /// Due date of the first installment, which also fixes the anchor day of month.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub first_due: NaiveDate,
    /// An amount due before the installments; at most `total`. Zero means no deposit.
    #[serde(default)]
    pub deposit: Option<Money>,
    /// When the deposit is due, no later than `firstDue`; defaults to `firstDue`.
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(type = "string | null"))]
    pub deposit_due: Option<NaiveDate>,
    /// Where odd units go; `spread_first` by default.
    #[serde(default)]
    pub odd_units: OddUnits,
    /// Spacing of the installments; `monthly` by default.
    #[serde(default)]
    pub interval: Interval,
}

/// What a scheduled payment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum PaymentKind {
    /// The deposit, before the installments.
    Deposit,
    /// One of the `count` installments.
    Installment,
}

/// One scheduled payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ScheduledPayment {
    /// 0 for the deposit; installments count from 1 to `count`.
    pub sequence: u32,
    /// Deposit or installment.
    pub kind: PaymentKind,
    /// Due date.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub due: NaiveDate,
    /// Amount due.
    pub amount: Money,
}

/// An installment plan: the payments in due-date order and their sum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct InstallmentPlan {
    /// The deposit (if any) then the installments, in due-date order.
    pub payments: Vec<ScheduledPayment>,
    /// The sum of `payments`, always equal to the request's total.
    pub total: Money,
}

/// Plans the payments of `request`.
///
/// Errors (code at path): `INVALID_COUNT` at `$.count` (not 1–120); `AMOUNT_TOO_LARGE` and
/// `NEGATIVE_AMOUNT` at `$.total` or `$.deposit`; `CURRENCY_MISMATCH` at `$.deposit.currency`;
/// `DEPOSIT_EXCEEDS_TOTAL` at `$.deposit`; `DEPOSIT_DUE_WITHOUT_DEPOSIT` and
/// `DEPOSIT_AFTER_FIRST_DUE` at `$.depositDue`; `INVALID_INTERVAL` at `$.interval`;
/// `DATE_OUT_OF_RANGE` at `$.firstDue`.
///
/// Worked example: $1,000.00 with a $100.00 deposit, 6 monthly installments from 31 January
/// 2025. The $900.00 left splits as 150.00 each; the dates clamp to February's and April's end.
///
/// ```
/// use medspa_billing::installments::{installment_plan, InstallmentRequest, PaymentKind};
/// let request: InstallmentRequest = serde_json::from_str(r#"{
///     "total": {"minor": 100000, "currency": "USD"},
///     "deposit": {"minor": 10000, "currency": "USD"},
///     "count": 6, "firstDue": "2025-01-31"
/// }"#).unwrap();
/// let plan = installment_plan(&request)?;
/// let rows: Vec<(u32, String, i64)> =
///     plan.payments.iter().map(|p| (p.sequence, p.due.to_string(), p.amount.minor)).collect();
/// assert_eq!(rows[0], (0, "2025-01-31".into(), 10_000)); // the deposit, due with the first part
/// assert_eq!(rows[1..].iter().map(|r| r.1.as_str()).collect::<Vec<_>>(),
///            ["2025-01-31", "2025-02-28", "2025-03-31", "2025-04-30", "2025-05-31", "2025-06-30"]);
/// assert!(rows[1..].iter().all(|r| r.2 == 15_000));
/// assert_eq!(plan.payments[0].kind, PaymentKind::Deposit);
///
/// // $100.00 in 3 with the odd cent first: 33.34 + 33.33 + 33.33.
/// let request: InstallmentRequest = serde_json::from_str(r#"{
///     "total": {"minor": 10000, "currency": "USD"}, "count": 3, "firstDue": "2025-03-15",
///     "oddUnits": "spread_first", "interval": {"every_n_days": 14}
/// }"#).unwrap();
/// let plan = installment_plan(&request)?;
/// let rows: Vec<(String, i64)> = plan.payments.iter().map(|p| (p.due.to_string(), p.amount.minor)).collect();
/// assert_eq!(rows, [("2025-03-15".into(), 3_334), ("2025-03-29".into(), 3_333), ("2025-04-12".into(), 3_333)]);
/// # Ok::<(), medspa_errors::CodedError>(())
/// ```
pub fn installment_plan(request: &InstallmentRequest) -> Result<InstallmentPlan, CodedError> {
    let total = Money::checked(request.total.minor, request.total.currency)
        .map_err(|e| e.under("$.total"))?;
    if total.minor < 0 {
        return Err(negative("$.total"));
    }
    if !(1..=MAX_INSTALLMENTS).contains(&request.count) {
        return Err(CodedError::new(
            "INVALID_COUNT",
            "$.count",
            format!("the number of installments must be between 1 and {MAX_INSTALLMENTS}"),
        ));
    }
    let deposit = checked_deposit(request, total)?;
    let due_dates = due_dates(request)?;
    let mut payments = Vec::with_capacity(due_dates.len() + 1);
    if deposit.minor > 0 {
        payments.push(ScheduledPayment {
            sequence: 0,
            kind: PaymentKind::Deposit,
            due: request.deposit_due.unwrap_or(request.first_due),
            amount: deposit,
        });
    }
    let parts = split(
        total.minor - deposit.minor,
        request.count,
        request.odd_units,
    );
    for ((sequence, due), minor) in (1..).zip(due_dates).zip(parts) {
        payments.push(ScheduledPayment {
            sequence,
            kind: PaymentKind::Installment,
            due,
            amount: Money::new(minor, total.currency),
        });
    }
    reconcile(payments, total)
}

fn negative(path: &str) -> CodedError {
    CodedError::new("NEGATIVE_AMOUNT", path, "the amount must not be negative")
}

/// The deposit as an amount (zero when absent), after every check on it and on its due date.
fn checked_deposit(request: &InstallmentRequest, total: Money) -> Result<Money, CodedError> {
    let Some(deposit) = request.deposit else {
        if request.deposit_due.is_some() {
            return Err(CodedError::new(
                "DEPOSIT_DUE_WITHOUT_DEPOSIT",
                "$.depositDue",
                "a deposit due date needs a deposit",
            ));
        }
        return Ok(Money::zero(total.currency));
    };
    let deposit =
        Money::checked(deposit.minor, deposit.currency).map_err(|e| e.under("$.deposit"))?;
    total
        .same_currency(&deposit)
        .map_err(|e| e.under("$.deposit.currency"))?;
    if deposit.minor < 0 {
        return Err(negative("$.deposit"));
    }
    if deposit.minor > total.minor {
        return Err(CodedError::new(
            "DEPOSIT_EXCEEDS_TOTAL",
            "$.deposit",
            "the deposit must not exceed the total",
        ));
    }
    if request
        .deposit_due
        .is_some_and(|due| due > request.first_due)
    {
        return Err(CodedError::new(
            "DEPOSIT_AFTER_FIRST_DUE",
            "$.depositDue",
            "the deposit must be due no later than the first installment",
        ));
    }
    Ok(deposit)
}

/// The installments' due dates, strictly increasing.
fn due_dates(request: &InstallmentRequest) -> Result<Vec<NaiveDate>, CodedError> {
    let out_of_range = || {
        CodedError::new(
            "DATE_OUT_OF_RANGE",
            "$.firstDue",
            "the due dates fall outside the supported calendar",
        )
    };
    let first = request.first_due;
    match request.interval {
        Interval::Monthly => (0..request.count)
            .map(|n| nth_anchored_date(first, first.day(), n).ok_or_else(out_of_range))
            .collect(),
        Interval::EveryNDays(days) => {
            if !(1..=MAX_INTERVAL_DAYS).contains(&days) {
                return Err(CodedError::new(
                    "INVALID_INTERVAL",
                    "$.interval",
                    format!("every_n_days must be between 1 and {MAX_INTERVAL_DAYS}"),
                ));
            }
            (0..request.count)
                .map(|n| add_days(first, i64::from(n) * i64::from(days)).ok_or_else(out_of_range))
                .collect()
        }
    }
}

/// Splits a non-negative `amount` into `count` parts that differ only by where the odd units go.
fn split(amount: i64, count: u32, odd_units: OddUnits) -> Vec<i64> {
    let count_i64 = i64::from(count.max(1));
    let (base, leftover) = (amount / count_i64, amount % count_i64);
    let last = count_i64 - 1;
    (0..count_i64)
        .map(|i| {
            let extra = match odd_units {
                OddUnits::SpreadFirst => i64::from(i < leftover),
                OddUnits::AllFirst if i == 0 => leftover,
                OddUnits::AllLast if i == last => leftover,
                OddUnits::AllFirst | OddUnits::AllLast => 0,
            };
            base + extra
        })
        .collect()
}

/// Sums the payments and refuses to answer unless they make exactly the total.
fn reconcile(payments: Vec<ScheduledPayment>, total: Money) -> Result<InstallmentPlan, CodedError> {
    let sum: i128 = payments.iter().map(|p| i128::from(p.amount.minor)).sum();
    if sum != i128::from(total.minor) {
        return Err(CodedError::new(
            medspa_errors::codes::INTERNAL,
            "$",
            "the installments do not add up to the total",
        ));
    }
    Ok(InstallmentPlan { payments, total })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Currency;

    fn usd(minor: i64) -> Money {
        Money::new(minor, Currency::parse("USD").unwrap())
    }

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn request(total: i64, count: u32, first_due: &str) -> InstallmentRequest {
        InstallmentRequest {
            total: usd(total),
            count,
            first_due: d(first_due),
            deposit: None,
            deposit_due: None,
            odd_units: OddUnits::SpreadFirst,
            interval: Interval::Monthly,
        }
    }

    fn amounts(plan: &InstallmentPlan) -> Vec<i64> {
        plan.payments.iter().map(|p| p.amount.minor).collect()
    }

    #[test]
    fn odd_units_go_where_the_policy_says() {
        // 100.00 / 6 = 16.66 remainder 4 cents.
        let cases: &[(i64, u32, OddUnits, &[i64])] = &[
            (
                10_000,
                6,
                OddUnits::SpreadFirst,
                &[1_667, 1_667, 1_667, 1_667, 1_666, 1_666],
            ),
            (
                10_000,
                6,
                OddUnits::AllFirst,
                &[1_670, 1_666, 1_666, 1_666, 1_666, 1_666],
            ),
            (
                10_000,
                6,
                OddUnits::AllLast,
                &[1_666, 1_666, 1_666, 1_666, 1_666, 1_670],
            ),
            (10_000, 3, OddUnits::SpreadFirst, &[3_334, 3_333, 3_333]),
            (10_000, 4, OddUnits::AllLast, &[2_500; 4]), // even split: nothing odd
            (2, 3, OddUnits::SpreadFirst, &[1, 1, 0]),   // fewer cents than parts
            (2, 3, OddUnits::AllFirst, &[2, 0, 0]),
            (0, 2, OddUnits::AllFirst, &[0, 0]),
            (99_999, 1, OddUnits::AllLast, &[99_999]),
        ];
        for &(total, count, odd_units, expected) in cases {
            let plan = installment_plan(&InstallmentRequest {
                odd_units,
                ..request(total, count, "2025-01-10")
            })
            .unwrap();
            assert_eq!(amounts(&plan), expected, "{total} in {count} {odd_units:?}");
            assert_eq!(plan.total, usd(total));
        }
    }

    #[test]
    fn spread_first_is_the_allocation_rule_over_equal_weights() {
        for (total, count) in [(10_000, 6), (1, 7), (123_457, 12), (5, 5)] {
            let plan = installment_plan(&request(total, count, "2025-01-10")).unwrap();
            let allocated = crate::allocate(usd(total), &vec![1; count as usize]).unwrap();
            assert_eq!(
                amounts(&plan),
                allocated.iter().map(|m| m.minor).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn monthly_dates_are_anchored_and_clamped() {
        let cases: &[(&str, u32, &[&str])] = &[
            (
                "2025-01-31",
                4,
                &["2025-01-31", "2025-02-28", "2025-03-31", "2025-04-30"],
            ),
            ("2023-12-31", 3, &["2023-12-31", "2024-01-31", "2024-02-29"]), // leap year
            (
                "2025-11-30",
                4,
                &["2025-11-30", "2025-12-30", "2026-01-30", "2026-02-28"],
            ),
            ("2025-01-15", 2, &["2025-01-15", "2025-02-15"]),
        ];
        for &(first, count, expected) in cases {
            let plan = installment_plan(&request(count.into(), count, first)).unwrap();
            let dates: Vec<String> = plan.payments.iter().map(|p| p.due.to_string()).collect();
            assert_eq!(dates, expected, "{first}");
        }
    }

    #[test]
    fn deposits_come_first() {
        // $500.00 with $125.00 down on 1 March: $375.00 in 4 is 93.75 each.
        let plan = installment_plan(&InstallmentRequest {
            deposit: Some(usd(12_500)),
            deposit_due: Some(d("2025-03-01")),
            ..request(50_000, 4, "2025-04-01")
        })
        .unwrap();
        let rows: Vec<(u32, PaymentKind, String, i64)> = plan
            .payments
            .iter()
            .map(|p| (p.sequence, p.kind, p.due.to_string(), p.amount.minor))
            .collect();
        assert_eq!(
            rows[0],
            (0, PaymentKind::Deposit, "2025-03-01".to_string(), 12_500)
        );
        assert_eq!(
            rows[1],
            (1, PaymentKind::Installment, "2025-04-01".to_string(), 9_375)
        );
        assert_eq!(
            rows[4],
            (4, PaymentKind::Installment, "2025-07-01".to_string(), 9_375)
        );
        // A zero deposit is no deposit; a deposit of the whole total leaves zero installments.
        let plan = installment_plan(&InstallmentRequest {
            deposit: Some(usd(0)),
            ..request(100, 2, "2025-04-01")
        })
        .unwrap();
        assert_eq!(amounts(&plan), [50, 50]);
        let plan = installment_plan(&InstallmentRequest {
            deposit: Some(usd(100)),
            ..request(100, 2, "2025-04-01")
        })
        .unwrap();
        assert_eq!(amounts(&plan), [100, 0, 0]);
    }

    #[test]
    fn every_n_days_steps_calendar_days() {
        let plan = installment_plan(&InstallmentRequest {
            interval: Interval::EveryNDays(14),
            ..request(300, 3, "2024-02-22")
        })
        .unwrap();
        let dates: Vec<String> = plan.payments.iter().map(|p| p.due.to_string()).collect();
        assert_eq!(dates, ["2024-02-22", "2024-03-07", "2024-03-21"]); // through 29 February
    }

    #[test]
    fn caller_mistakes_have_codes_and_paths() {
        let eur = Money::new(100, Currency::parse("EUR").unwrap());
        let cases: Vec<(InstallmentRequest, &str, &str)> = vec![
            (request(100, 0, "2025-01-01"), "INVALID_COUNT", "$.count"),
            (request(100, 121, "2025-01-01"), "INVALID_COUNT", "$.count"),
            (request(-1, 2, "2025-01-01"), "NEGATIVE_AMOUNT", "$.total"),
            (
                request(i64::MAX, 2, "2025-01-01"),
                "AMOUNT_TOO_LARGE",
                "$.total",
            ),
            (
                InstallmentRequest {
                    deposit: Some(eur),
                    ..request(100, 2, "2025-01-01")
                },
                "CURRENCY_MISMATCH",
                "$.deposit.currency",
            ),
            (
                InstallmentRequest {
                    deposit: Some(usd(101)),
                    ..request(100, 2, "2025-01-01")
                },
                "DEPOSIT_EXCEEDS_TOTAL",
                "$.deposit",
            ),
            (
                InstallmentRequest {
                    deposit: Some(usd(-1)),
                    ..request(100, 2, "2025-01-01")
                },
                "NEGATIVE_AMOUNT",
                "$.deposit",
            ),
            (
                InstallmentRequest {
                    deposit: Some(usd(1)),
                    deposit_due: Some(d("2025-01-02")),
                    ..request(100, 2, "2025-01-01")
                },
                "DEPOSIT_AFTER_FIRST_DUE",
                "$.depositDue",
            ),
            (
                InstallmentRequest {
                    deposit_due: Some(d("2024-12-01")),
                    ..request(100, 2, "2025-01-01")
                },
                "DEPOSIT_DUE_WITHOUT_DEPOSIT",
                "$.depositDue",
            ),
            (
                InstallmentRequest {
                    interval: Interval::EveryNDays(0),
                    ..request(100, 2, "2025-01-01")
                },
                "INVALID_INTERVAL",
                "$.interval",
            ),
            (
                InstallmentRequest {
                    first_due: NaiveDate::MAX,
                    ..request(100, 2, "2025-01-01")
                },
                "DATE_OUT_OF_RANGE",
                "$.firstDue",
            ),
        ];
        for (request, code, path) in cases {
            let err = installment_plan(&request).unwrap_err();
            assert_eq!((err.code, err.path.as_str()), (code, path), "{err}");
        }
    }

    #[test]
    fn decodes_camel_case_with_defaults_and_rejects_unknown_fields() {
        let decode = |json: &str| {
            medspa_errors::decode::<InstallmentRequest, _>(&mut serde_json::Deserializer::from_str(
                json,
            ))
        };
        let request =
            decode(r#"{"total":{"minor":600,"currency":"USD"},"count":3,"firstDue":"2025-01-31","oddUnits":"all_last"}"#)
                .unwrap();
        assert_eq!(
            (request.odd_units, request.interval),
            (OddUnits::AllLast, Interval::Monthly)
        );
        let err = decode(r#"{"total":{"minor":600,"currency":"USD"},"count":3,"firstDue":"2025-01-31","Count":1}"#).unwrap_err();
        assert_eq!((err.code, err.path.as_str()), ("UNKNOWN_FIELD", "$"));
        let err = decode(
            r#"{"total":{"minor":600,"currency":"USD"},"count":-3,"firstDue":"2025-01-31"}"#,
        )
        .unwrap_err();
        assert_eq!((err.code, err.path.as_str()), ("INVALID_VALUE", "$.count"));
        let plan = installment_plan(&request).unwrap();
        let json = serde_json::to_value(&plan).unwrap();
        assert_eq!(json["payments"][0]["due"], "2025-01-31");
        assert_eq!(json["payments"][0]["kind"], "installment");
        assert_eq!(json["payments"][2]["amount"]["minor"], 200);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use crate::calendar::{days_in_month, month_index};
    use crate::Currency;
    use proptest::prelude::*;

    fn odd_units() -> impl Strategy<Value = OddUnits> {
        prop_oneof![
            Just(OddUnits::SpreadFirst),
            Just(OddUnits::AllFirst),
            Just(OddUnits::AllLast)
        ]
    }

    fn first_due() -> impl Strategy<Value = NaiveDate> {
        (1900i32..2200, 1u32..=12, 1u32..=31).prop_filter_map("valid date", |(y, m, d)| {
            NaiveDate::from_ymd_opt(y, m, d.min(days_in_month(y, m)?))
        })
    }

    fn plan_request() -> impl Strategy<Value = InstallmentRequest> {
        (
            0..=crate::MAX_MINOR,
            1u32..=MAX_INSTALLMENTS,
            first_due(),
            odd_units(),
            0u32..=100,
            prop::bool::ANY,
        )
            .prop_map(
                |(total, count, first_due, odd_units, deposit_percent, monthly)| {
                    let usd = Currency::parse("USD").expect("valid test data");
                    // A deposit of 0–100 % of the total, computed exactly.
                    let deposit =
                        i64::try_from(i128::from(total) * i128::from(deposit_percent) / 100)
                            .expect("valid test data");
                    InstallmentRequest {
                        total: Money::new(total, usd),
                        count,
                        first_due,
                        deposit: (deposit_percent > 0).then(|| Money::new(deposit, usd)),
                        deposit_due: None,
                        odd_units,
                        interval: if monthly {
                            Interval::Monthly
                        } else {
                            Interval::EveryNDays(1 + count % 30)
                        },
                    }
                },
            )
    }

    proptest! {
        #[test]
        fn parts_sum_to_the_total(request in plan_request()) {
            let plan = installment_plan(&request).expect("valid test data");
            let sum: i128 = plan.payments.iter().map(|p| i128::from(p.amount.minor)).sum();
            prop_assert_eq!(sum, i128::from(request.total.minor));
            prop_assert!(plan.payments.iter().all(|p| p.amount.minor >= 0));
        }

        #[test]
        fn installments_differ_by_at_most_the_policy_allows(request in plan_request()) {
            let plan = installment_plan(&request).expect("valid test data");
            let parts: Vec<i64> = plan.payments.iter().filter(|p| p.kind == PaymentKind::Installment).map(|p| p.amount.minor).collect();
            prop_assert_eq!(parts.len(), request.count as usize);
            let (min, max) = (*parts.iter().min().expect("valid test data"), *parts.iter().max().expect("valid test data"));
            match request.odd_units {
                OddUnits::SpreadFirst => {
                    prop_assert!(max - min <= 1);
                    // The larger parts come first.
                    prop_assert!(parts.windows(2).all(|w| w[0] >= w[1]));
                }
                OddUnits::AllFirst | OddUnits::AllLast => {
                    let odd = if request.odd_units == OddUnits::AllFirst { 0 } else { parts.len() - 1 };
                    let others: Vec<i64> = parts.iter().enumerate().filter(|&(i, _)| i != odd).map(|(_, &p)| p).collect();
                    prop_assert!(others.windows(2).all(|w| w[0] == w[1]));
                    if let Some(&other) = others.first() {
                        prop_assert!(parts[odd] >= other && parts[odd] - other < i64::from(request.count));
                    }
                }
            }
        }

        #[test]
        fn dates_increase_and_keep_the_anchor(request in plan_request()) {
            let plan = installment_plan(&request).expect("valid test data");
            let dues: Vec<NaiveDate> = plan.payments.iter().filter(|p| p.kind == PaymentKind::Installment).map(|p| p.due).collect();
            prop_assert!(dues.windows(2).all(|w| w[0] < w[1]));
            prop_assert!(plan.payments.iter().all(|p| p.due >= plan.payments[0].due));
            if request.interval == Interval::Monthly {
                let anchor = request.first_due.day();
                for (n, due) in dues.iter().enumerate() {
                    prop_assert_eq!(month_index(*due) - month_index(request.first_due), n as i64);
                    let length = days_in_month(due.year(), due.month()).expect("valid test data");
                    prop_assert_eq!(due.day(), anchor.min(length));
                }
            }
        }
    }
}
