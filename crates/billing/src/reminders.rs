//! Payment reminders: which reminders an unpaid invoice still needs, and the late fees it has
//! accrued or would accrue. It plans; it never sends anything.
//!
//! Conventions:
//! - The **unpaid balance** is `total − paid`, never below zero (an overpaid invoice is paid).
//! - The due date is the last day to pay on time. With `graceDays` g, the **first late fee** is
//!   assessed on `due + g + 1`; `every_n_days` n repeats it every n days after that.
//! - A `percent` fee is that percentage of the unpaid invoice balance, rounded once per fee with
//!   the policy's [`Rounding`]; fees never compound (earlier fees are not part of the base). The
//!   base is the balance now: payment history is not modelled, and the plan assumes no further
//!   payment.
//! - The **cap** bounds the sum of all fees: the fee that reaches it is cut to what is left, and
//!   no fee follows. Fees of zero are not listed.
//! - **Reminders** fall on `due + offset` for each cadence offset (negative offsets are before
//!   the due date); those before `now` or before the invoice was issued are dropped. Each shows
//!   the fees accrued by its date and the balance then. A paid invoice has no reminders and no
//!   fees.
//! - **Status**: `paid`; `not_due` before the due date; `due` from the due date through the grace
//!   days; `overdue` after them.

use crate::calendar::add_days;
use crate::{Currency, Money, Percent, Rounding};
use chrono::NaiveDate;
use medspa_errors::CodedError;
use serde::{Deserialize, Serialize};

/// The most reminder offsets in a cadence.
pub const MAX_CADENCE: usize = 100;
/// The largest reminder offset, grace period or fee interval, in days (about ten years).
pub const MAX_DAYS: u32 = 3_650;
/// The most late fees one plan may list; more is `TOO_MANY_LATE_FEES`.
pub const MAX_LATE_FEES: usize = 1_000;

/// The invoice being chased.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Invoice {
    /// The caller's identifier, echoed back; never interpreted.
    pub id: String,
    /// The invoice total; not negative.
    pub total: Money,
    /// Paid so far; not negative.
    pub paid: Money,
    /// When it was issued; no reminder goes out before this.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub issued: NaiveDate,
    /// The last day to pay on time; not before `issued`.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub due: NaiveDate,
}

/// How much one late fee is: `{"fixed": {"minor": 2500, "currency": "USD"}}` or
/// `{"percent": "1.5"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum FeeAmount {
    /// A fixed amount per fee.
    Fixed(Money),
    /// A percentage (at most 100) of the unpaid invoice balance, rounded once per fee.
    Percent(#[cfg_attr(feature = "ts", tsify(type = "string"))] Percent),
}

/// How often a late fee is assessed: `"once"` or `{"every_n_days": 30}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum FeeRepeat {
    /// One fee, the day after the grace period.
    #[default]
    Once,
    /// Again every so many days (1–3650) after the first.
    EveryNDays(u32),
}

/// A late-fee policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LateFeePolicy {
    /// Fixed or percent of the unpaid balance.
    pub fee: FeeAmount,
    /// Days after the due date without a fee (0–3650).
    #[serde(default)]
    pub grace_days: u32,
    /// How percent fees are rounded; `half_up` by default.
    #[serde(default)]
    pub rounding: Rounding,
    /// Once (default) or every n days.
    #[serde(default)]
    pub repeat: FeeRepeat,
    /// The most all fees together may reach.
    #[serde(default)]
    pub cap: Option<Money>,
}

/// What to plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PaymentRemindersRequest {
    /// The invoice.
    pub invoice: Invoice,
    /// Today, in the clinic's zone.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub now: NaiveDate,
    /// Reminder offsets in days from the due date, strictly increasing, such as
    /// `[-3, 0, 7, 14, 30]`; at most [`MAX_CADENCE`], each within ±3650.
    pub cadence: Vec<i32>,
    /// Late fees, if the clinic charges them.
    #[serde(default)]
    pub late_fee: Option<LateFeePolicy>,
}

/// Where an invoice stands on `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum InvoiceStatus {
    /// Nothing left to pay.
    Paid,
    /// Before the due date.
    NotDue,
    /// On the due date or within the grace days.
    Due,
    /// After the grace days.
    Overdue,
}

/// One late fee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LateFee {
    /// When it is assessed.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub date: NaiveDate,
    /// How much.
    pub amount: Money,
}

/// A reminder still to send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Reminder {
    /// When to send it: `due + offsetDays`.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub date: NaiveDate,
    /// Its cadence offset.
    pub offset_days: i32,
    /// Late fees accrued by `date`.
    pub late_fees: Money,
    /// What the client owes on `date`: unpaid balance plus those fees.
    pub balance: Money,
}

/// The reminder plan for one invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ReminderPlan {
    /// The invoice's `id`, echoed.
    pub invoice_id: String,
    /// Where it stands on `now`.
    pub status: InvoiceStatus,
    /// `total − paid`, not below zero.
    pub unpaid: Money,
    /// Late fees assessed on or before `now`, by date.
    pub late_fees_accrued: Vec<LateFee>,
    /// Their sum.
    pub late_fees_total: Money,
    /// What the client owes now: `unpaid + lateFeesTotal`.
    pub balance_due: Money,
    /// Reminders dated `now` or later, by date.
    pub reminders: Vec<Reminder>,
}

/// Plans the reminders and late fees of one invoice.
///
/// Errors (code at path): `NEGATIVE_AMOUNT`, `AMOUNT_TOO_LARGE` at `$.invoice.total`,
/// `$.invoice.paid`, `$.lateFee.fee.fixed` or `$.lateFee.cap`; `CURRENCY_MISMATCH` at their
/// `.currency`; `DUE_BEFORE_ISSUE` at `$.invoice.due`; `TOO_MANY_REMINDERS` at `$.cadence`;
/// `INVALID_OFFSET` and `CADENCE_NOT_INCREASING` at `$.cadence[i]`; `PERCENT_OVER_HUNDRED` at
/// `$.lateFee.fee.percent`; `INVALID_GRACE_DAYS` at `$.lateFee.graceDays`; `INVALID_INTERVAL`
/// at `$.lateFee.repeat.every_n_days`; `TOO_MANY_LATE_FEES` at `$.lateFee.repeat`;
/// `DATE_OUT_OF_RANGE` at `$.invoice.due`; `AMOUNT_TOO_LARGE` at `$` for a sum over the limit.
///
/// Worked example: $500.00 invoice, $200.00 paid, due 31 March, 5 grace days, 1.5 % of the
/// unpaid $300.00 (= $4.50) every 30 days, capped at $10.00. Fees fall on 6 April (31 Mar + 5 +
/// 1), 6 May and 5 June (cut to $1.00 by the cap). On 20 April one fee has accrued: $304.50 is
/// due. Reminders at −3, 0, 7 and 14 days are past; +30 (30 April) and +45 (15 May) remain.
///
/// ```
/// use medspa_billing::reminders::{payment_reminders, InvoiceStatus, PaymentRemindersRequest};
/// let request: PaymentRemindersRequest = serde_json::from_str(r#"{
///   "invoice": {"id": "INV-1042", "total": {"minor": 50000, "currency": "USD"},
///               "paid": {"minor": 20000, "currency": "USD"},
///               "issued": "2025-03-01", "due": "2025-03-31"},
///   "now": "2025-04-20",
///   "cadence": [-3, 0, 7, 14, 30, 45],
///   "lateFee": {"fee": {"percent": "1.5"}, "graceDays": 5, "repeat": {"every_n_days": 30},
///               "cap": {"minor": 1000, "currency": "USD"}}
/// }"#).unwrap();
/// let plan = payment_reminders(&request)?;
/// assert_eq!(plan.status, InvoiceStatus::Overdue);
/// assert_eq!((plan.unpaid.minor, plan.late_fees_total.minor, plan.balance_due.minor), (30_000, 450, 30_450));
/// assert_eq!(plan.late_fees_accrued[0].date.to_string(), "2025-04-06");
/// let reminders: Vec<(String, i32, i64)> =
///     plan.reminders.iter().map(|r| (r.date.to_string(), r.offset_days, r.balance.minor)).collect();
/// assert_eq!(reminders, [("2025-04-30".into(), 30, 30_450), ("2025-05-15".into(), 45, 30_900)]);
/// # Ok::<(), medspa_errors::CodedError>(())
/// ```
pub fn payment_reminders(request: &PaymentRemindersRequest) -> Result<ReminderPlan, CodedError> {
    let invoice = &request.invoice;
    let currency = invoice.total.currency;
    let total = Money::non_negative_in(&invoice.total, invoice.total.currency, "$.invoice.total")?;
    let paid = Money::non_negative_in(&invoice.paid, invoice.total.currency, "$.invoice.paid")?;
    if invoice.due < invoice.issued {
        return Err(CodedError::new(
            "DUE_BEFORE_ISSUE",
            "$.invoice.due",
            "the due date must not be before the issue date",
        ));
    }
    let reminder_dates = reminder_dates(request)?;
    if let Some(policy) = &request.late_fee {
        check_policy(policy, &invoice.total)?;
    }
    let unpaid = (total - paid).max(0);
    let money = |minor: i64| Money::new(minor, currency);
    let grace = request.late_fee.map_or(0, |p| p.grace_days);
    let status = status(unpaid, request.now, invoice.due, grace)?;
    if status == InvoiceStatus::Paid {
        return Ok(ReminderPlan {
            invoice_id: invoice.id.clone(),
            status,
            unpaid: money(0),
            late_fees_accrued: Vec::new(),
            late_fees_total: money(0),
            balance_due: money(0),
            reminders: Vec::new(),
        });
    }
    let horizon = reminder_dates
        .last()
        .map_or(request.now, |&(date, _)| date.max(request.now));
    let fees = match &request.late_fee {
        Some(policy) => late_fees(policy, unpaid, invoice.due, horizon, currency)?,
        None => Vec::new(),
    };
    let fees_by = |date: NaiveDate| -> Result<i64, CodedError> {
        sum(fees
            .iter()
            .filter(|f| f.date <= date)
            .map(|f| f.amount.minor))
    };
    let accrued_total = fees_by(request.now)?;
    let mut reminders = Vec::new();
    for (date, offset_days) in reminder_dates
        .into_iter()
        .filter(|&(date, _)| date >= request.now)
    {
        let late_fees = fees_by(date)?;
        reminders.push(Reminder {
            date,
            offset_days,
            late_fees: money(late_fees),
            balance: money(sum([unpaid, late_fees])?),
        });
    }
    Ok(ReminderPlan {
        invoice_id: invoice.id.clone(),
        status,
        unpaid: money(unpaid),
        late_fees_accrued: fees.into_iter().filter(|f| f.date <= request.now).collect(),
        late_fees_total: money(accrued_total),
        balance_due: money(sum([unpaid, accrued_total])?),
        reminders,
    })
}

/// A sum of amounts, within the amount limit.
fn sum(amounts: impl IntoIterator<Item = i64>) -> Result<i64, CodedError> {
    let total: i128 = amounts.into_iter().map(i128::from).sum();
    if total.unsigned_abs() > crate::MAX_MINOR.unsigned_abs().into() {
        return Err(CodedError::new(
            "AMOUNT_TOO_LARGE",
            "$",
            "a total exceeds 9007199254740991 minor units (2^53 - 1)",
        ));
    }
    // Within ±2^53, so the narrowing cannot fail.
    i64::try_from(total)
        .map_err(|_| CodedError::new("AMOUNT_TOO_LARGE", "$", "a total is too large"))
}

fn out_of_range() -> CodedError {
    CodedError::new(
        "DATE_OUT_OF_RANGE",
        "$.invoice.due",
        "the reminder dates fall outside the supported calendar",
    )
}

/// The cadence's dates with their offsets, after checking the cadence.
fn reminder_dates(request: &PaymentRemindersRequest) -> Result<Vec<(NaiveDate, i32)>, CodedError> {
    let cadence = &request.cadence;
    if cadence.len() > MAX_CADENCE {
        return Err(CodedError::new(
            "TOO_MANY_REMINDERS",
            "$.cadence",
            format!("a cadence may hold at most {MAX_CADENCE} offsets"),
        ));
    }
    let mut dates = Vec::with_capacity(cadence.len());
    let mut previous: Option<i32> = None;
    for (i, &offset) in cadence.iter().enumerate() {
        if offset.unsigned_abs() > MAX_DAYS {
            return Err(CodedError::new(
                "INVALID_OFFSET",
                format!("$.cadence[{i}]"),
                format!("reminder offsets must be within {MAX_DAYS} days of the due date"),
            ));
        }
        if previous.is_some_and(|p| offset <= p) {
            return Err(CodedError::new(
                "CADENCE_NOT_INCREASING",
                format!("$.cadence[{i}]"),
                "reminder offsets must be strictly increasing",
            ));
        }
        previous = Some(offset);
        let date = add_days(request.invoice.due, i64::from(offset)).ok_or_else(out_of_range)?;
        // A reminder cannot go out before the invoice exists.
        if date >= request.invoice.issued {
            dates.push((date, offset));
        }
    }
    Ok(dates)
}

fn check_policy(policy: &LateFeePolicy, total: &Money) -> Result<(), CodedError> {
    match &policy.fee {
        FeeAmount::Fixed(fee) => {
            Money::non_negative_in(fee, total.currency, "$.lateFee.fee.fixed")?;
        }
        FeeAmount::Percent(rate) if rate.exceeds_hundred() => {
            return Err(CodedError::new(
                "PERCENT_OVER_HUNDRED",
                "$.lateFee.fee.percent",
                "a late fee may be at most 100 percent of the balance",
            ));
        }
        FeeAmount::Percent(_) => {}
    }
    if let Some(cap) = &policy.cap {
        Money::non_negative_in(cap, total.currency, "$.lateFee.cap")?;
    }
    if policy.grace_days > MAX_DAYS {
        return Err(CodedError::new(
            "INVALID_GRACE_DAYS",
            "$.lateFee.graceDays",
            format!("grace days must be at most {MAX_DAYS}"),
        ));
    }
    if let FeeRepeat::EveryNDays(days) = policy.repeat {
        if !(1..=MAX_DAYS).contains(&days) {
            return Err(CodedError::new(
                "INVALID_INTERVAL",
                "$.lateFee.repeat.every_n_days",
                format!("a late fee may repeat every 1 to {MAX_DAYS} days"),
            ));
        }
    }
    Ok(())
}

fn status(
    unpaid: i64,
    now: NaiveDate,
    due: NaiveDate,
    grace_days: u32,
) -> Result<InvoiceStatus, CodedError> {
    if unpaid == 0 {
        return Ok(InvoiceStatus::Paid);
    }
    if now < due {
        return Ok(InvoiceStatus::NotDue);
    }
    let last_grace_day = add_days(due, i64::from(grace_days)).ok_or_else(out_of_range)?;
    Ok(if now <= last_grace_day {
        InvoiceStatus::Due
    } else {
        InvoiceStatus::Overdue
    })
}

/// The late fees assessed on or before `horizon`, by date, within the cap.
fn late_fees(
    policy: &LateFeePolicy,
    unpaid: i64,
    due: NaiveDate,
    horizon: NaiveDate,
    currency: Currency,
) -> Result<Vec<LateFee>, CodedError> {
    let each = match &policy.fee {
        FeeAmount::Fixed(fee) => fee.minor,
        FeeAmount::Percent(rate) => rate.of(unpaid, policy.rounding),
    };
    let step = match policy.repeat {
        FeeRepeat::Once => None,
        FeeRepeat::EveryNDays(days) => Some(i64::from(days)),
    };
    let mut fees = Vec::new();
    let mut charged = 0i64;
    let mut date = add_days(due, i64::from(policy.grace_days) + 1).ok_or_else(out_of_range)?;
    while date <= horizon {
        // Both are within the amount limit, so neither the difference nor the minimum overflows.
        let fee = policy.cap.map_or(each, |cap| each.min(cap.minor - charged));
        if fee <= 0 {
            break;
        }
        if fees.len() == MAX_LATE_FEES {
            return Err(CodedError::new(
                "TOO_MANY_LATE_FEES",
                "$.lateFee.repeat",
                format!("the plan would list more than {MAX_LATE_FEES} late fees; repeat less often or set a cap"),
            ));
        }
        fees.push(LateFee {
            date,
            amount: Money::new(fee, currency),
        });
        charged = sum([charged, fee])?;
        let Some(step) = step else { break };
        date = add_days(date, step).ok_or_else(out_of_range)?;
    }
    Ok(fees)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usd(minor: i64) -> Money {
        Money::new(minor, Currency::parse("USD").unwrap())
    }

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    /// $500.00 invoice issued 2025-03-01, due 2025-03-31, $200.00 paid; no late fee.
    fn request(now: &str, cadence: &[i32]) -> PaymentRemindersRequest {
        PaymentRemindersRequest {
            invoice: Invoice {
                id: "INV-1".into(),
                total: usd(50_000),
                paid: usd(20_000),
                issued: d("2025-03-01"),
                due: d("2025-03-31"),
            },
            now: d(now),
            cadence: cadence.to_vec(),
            late_fee: None,
        }
    }

    fn policy(
        fee: FeeAmount,
        grace_days: u32,
        repeat: FeeRepeat,
        cap: Option<i64>,
    ) -> Option<LateFeePolicy> {
        Some(LateFeePolicy {
            fee,
            grace_days,
            rounding: Rounding::HalfUp,
            repeat,
            cap: cap.map(usd),
        })
    }

    fn fee_rows(plan: &ReminderPlan) -> Vec<(String, i64)> {
        plan.late_fees_accrued
            .iter()
            .map(|f| (f.date.to_string(), f.amount.minor))
            .collect()
    }

    #[test]
    fn status_follows_the_due_date_and_grace_days() {
        // Due 03-31 with 5 grace days: due through 04-05, overdue from 04-06.
        let cases = [
            ("2025-03-01", InvoiceStatus::NotDue),
            ("2025-03-30", InvoiceStatus::NotDue),
            ("2025-03-31", InvoiceStatus::Due),
            ("2025-04-05", InvoiceStatus::Due),
            ("2025-04-06", InvoiceStatus::Overdue),
        ];
        for (now, expected) in cases {
            let req = PaymentRemindersRequest {
                late_fee: policy(FeeAmount::Fixed(usd(2_500)), 5, FeeRepeat::Once, None),
                ..request(now, &[])
            };
            assert_eq!(payment_reminders(&req).unwrap().status, expected, "{now}");
        }
        // Without a policy there is no grace: overdue the day after the due date.
        assert_eq!(
            payment_reminders(&request("2025-04-01", &[]))
                .unwrap()
                .status,
            InvoiceStatus::Overdue
        );
    }

    #[test]
    fn fixed_fees_repeat_until_the_cap() {
        // $25 on 04-01 (no grace), then every 14 days; cap $60: 25, 25, then 10 on 04-29.
        let req = PaymentRemindersRequest {
            late_fee: policy(
                FeeAmount::Fixed(usd(2_500)),
                0,
                FeeRepeat::EveryNDays(14),
                Some(6_000),
            ),
            ..request("2025-06-01", &[])
        };
        let plan = payment_reminders(&req).unwrap();
        assert_eq!(
            fee_rows(&plan),
            [
                ("2025-04-01".into(), 2_500),
                ("2025-04-15".into(), 2_500),
                ("2025-04-29".into(), 1_000)
            ]
        );
        assert_eq!(
            (plan.late_fees_total.minor, plan.balance_due.minor),
            (6_000, 36_000)
        );
        // Once means once.
        let req = PaymentRemindersRequest {
            late_fee: policy(FeeAmount::Fixed(usd(2_500)), 0, FeeRepeat::Once, None),
            ..req
        };
        assert_eq!(
            fee_rows(&payment_reminders(&req).unwrap()),
            [("2025-04-01".into(), 2_500)]
        );
    }

    #[test]
    fn percent_fees_round_once_by_the_policy() {
        // 1.5 % of $3.00 unpaid is 4.5 cents.
        let cases = [
            (Rounding::HalfUp, 5),
            (Rounding::HalfEven, 4),
            (Rounding::Down, 4),
            (Rounding::Up, 5),
        ];
        for (rounding, expected) in cases {
            let mut req = request("2025-04-01", &[]);
            req.invoice.paid = usd(49_700);
            req.late_fee = Some(LateFeePolicy {
                rounding,
                ..policy(
                    FeeAmount::Percent(Percent::parse("1.5").unwrap()),
                    0,
                    FeeRepeat::Once,
                    None,
                )
                .unwrap()
            });
            assert_eq!(
                fee_rows(&payment_reminders(&req).unwrap()),
                [("2025-04-01".into(), expected)],
                "{rounding:?}"
            );
        }
    }

    #[test]
    fn reminders_show_the_balance_on_their_date() {
        // Now is the due date; fees $4.50 (1.5 % of $300) on 04-06 and 05-06, $1.00 on 06-05.
        let req = PaymentRemindersRequest {
            late_fee: policy(
                FeeAmount::Percent(Percent::parse("1.5").unwrap()),
                5,
                FeeRepeat::EveryNDays(30),
                Some(1_000),
            ),
            ..request("2025-03-31", &[-3, 0, 7, 45, 90])
        };
        let plan = payment_reminders(&req).unwrap();
        let rows: Vec<(String, i32, i64, i64)> = plan
            .reminders
            .iter()
            .map(|r| {
                (
                    r.date.to_string(),
                    r.offset_days,
                    r.late_fees.minor,
                    r.balance.minor,
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                ("2025-03-31".into(), 0, 0, 30_000),
                ("2025-04-07".into(), 7, 450, 30_450),
                ("2025-05-15".into(), 45, 900, 30_900),
                ("2025-06-29".into(), 90, 1_000, 31_000),
            ]
        );
        assert!(plan.late_fees_accrued.is_empty());
        assert_eq!(
            (plan.status, plan.balance_due.minor),
            (InvoiceStatus::Due, 30_000)
        );
    }

    #[test]
    fn paid_invoices_need_nothing_and_reminders_wait_for_the_invoice() {
        for paid in [50_000, 60_000] {
            let mut req = request("2025-05-01", &[0, 30, 60]);
            req.invoice.paid = usd(paid);
            req.late_fee = policy(
                FeeAmount::Fixed(usd(2_500)),
                0,
                FeeRepeat::EveryNDays(7),
                None,
            );
            let plan = payment_reminders(&req).unwrap();
            assert_eq!(
                (plan.status, plan.unpaid.minor, plan.balance_due.minor),
                (InvoiceStatus::Paid, 0, 0)
            );
            assert!(plan.reminders.is_empty() && plan.late_fees_accrued.is_empty());
        }
        // Issued 03-30: the −3 reminder (03-28) would predate the invoice.
        let mut req = request("2025-03-01", &[-3, 0]);
        req.invoice.issued = d("2025-03-30");
        let dates: Vec<String> = payment_reminders(&req)
            .unwrap()
            .reminders
            .iter()
            .map(|r| r.date.to_string())
            .collect();
        assert_eq!(dates, ["2025-03-31"]);
        assert_eq!(payment_reminders(&req).unwrap().invoice_id, "INV-1");
    }

    #[test]
    fn caller_mistakes_have_codes_and_paths() {
        let eur = Money::new(1, Currency::parse("EUR").unwrap());
        let base = || request("2025-04-01", &[0]);
        let with_fee = |late_fee| PaymentRemindersRequest { late_fee, ..base() };
        let mut cases: Vec<(PaymentRemindersRequest, &str, &str)> = vec![
            (
                request("2025-04-01", &[0, 0]),
                "CADENCE_NOT_INCREASING",
                "$.cadence[1]",
            ),
            (
                request("2025-04-01", &[5, -3]),
                "CADENCE_NOT_INCREASING",
                "$.cadence[1]",
            ),
            (
                request("2025-04-01", &[3651]),
                "INVALID_OFFSET",
                "$.cadence[0]",
            ),
            (
                request("2025-04-01", &[0; 101]),
                "TOO_MANY_REMINDERS",
                "$.cadence",
            ),
            (
                with_fee(policy(FeeAmount::Fixed(eur), 0, FeeRepeat::Once, None)),
                "CURRENCY_MISMATCH",
                "$.lateFee.fee.fixed.currency",
            ),
            (
                with_fee(policy(FeeAmount::Fixed(usd(-1)), 0, FeeRepeat::Once, None)),
                "NEGATIVE_AMOUNT",
                "$.lateFee.fee.fixed",
            ),
            (
                with_fee(policy(
                    FeeAmount::Percent(Percent::parse("101").unwrap()),
                    0,
                    FeeRepeat::Once,
                    None,
                )),
                "PERCENT_OVER_HUNDRED",
                "$.lateFee.fee.percent",
            ),
            (
                with_fee(policy(
                    FeeAmount::Fixed(usd(1)),
                    3651,
                    FeeRepeat::Once,
                    None,
                )),
                "INVALID_GRACE_DAYS",
                "$.lateFee.graceDays",
            ),
            (
                with_fee(policy(
                    FeeAmount::Fixed(usd(1)),
                    0,
                    FeeRepeat::EveryNDays(0),
                    None,
                )),
                "INVALID_INTERVAL",
                "$.lateFee.repeat.every_n_days",
            ),
            (
                with_fee(policy(
                    FeeAmount::Fixed(usd(1)),
                    0,
                    FeeRepeat::Once,
                    Some(-1),
                )),
                "NEGATIVE_AMOUNT",
                "$.lateFee.cap",
            ),
            (
                PaymentRemindersRequest {
                    now: d("2031-01-01"),
                    ..with_fee(policy(
                        FeeAmount::Fixed(usd(1)),
                        0,
                        FeeRepeat::EveryNDays(1),
                        None,
                    ))
                },
                "TOO_MANY_LATE_FEES",
                "$.lateFee.repeat",
            ),
        ];
        let mut r = base();
        r.invoice.paid = eur;
        cases.push((r, "CURRENCY_MISMATCH", "$.invoice.paid.currency"));
        let mut r = base();
        r.invoice.total = usd(-1);
        cases.push((r, "NEGATIVE_AMOUNT", "$.invoice.total"));
        let mut r = base();
        r.invoice.paid = usd(crate::MAX_MINOR + 1);
        cases.push((r, "AMOUNT_TOO_LARGE", "$.invoice.paid"));
        let mut r = base();
        r.invoice.due = d("2025-02-28");
        cases.push((r, "DUE_BEFORE_ISSUE", "$.invoice.due"));
        let mut r = base();
        r.invoice.due = NaiveDate::MAX;
        r.cadence = vec![1];
        cases.push((r, "DATE_OUT_OF_RANGE", "$.invoice.due"));
        for (req, code, path) in cases {
            let err = payment_reminders(&req).unwrap_err();
            assert_eq!((err.code, err.path.as_str()), (code, path), "{err}");
        }
    }

    #[test]
    fn decodes_the_documented_shapes() {
        let json = r#"{"invoice":{"id":"x","total":{"minor":100,"currency":"USD"},"paid":{"minor":0,"currency":"USD"},
            "issued":"2025-01-01","due":"2025-01-31"},"now":"2025-02-10","cadence":[0,7],
            "lateFee":{"fee":{"fixed":{"minor":500,"currency":"USD"}},"repeat":"once"}}"#;
        let req = medspa_errors::decode::<PaymentRemindersRequest, _>(
            &mut serde_json::Deserializer::from_str(json),
        )
        .unwrap();
        let plan = payment_reminders(&req).unwrap();
        let out = serde_json::to_value(&plan).unwrap();
        assert_eq!(out["status"], "overdue");
        assert_eq!(out["lateFeesAccrued"][0]["date"], "2025-02-01");
        assert_eq!(out["balanceDue"]["minor"], 600);
        let bad = json.replace(r#""repeat":"once""#, r#""repeat":"weekly""#);
        let err = medspa_errors::decode::<PaymentRemindersRequest, _>(
            &mut serde_json::Deserializer::from_str(&bad),
        )
        .unwrap_err();
        assert_eq!(
            (err.code, err.path.as_str()),
            ("INVALID_VALUE", "$.lateFee.repeat")
        );
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn usd(minor: i64) -> Money {
        Money::new(minor, Currency::parse("USD").expect("valid test data"))
    }

    prop_compose! {
        fn any_request()(
            total in 0i64..10_000_000,
            paid_share in 0u32..=120,
            due_in in 0i64..60,
            now_from_due in -60i64..400,
            cadence in prop::collection::btree_set(-30i32..120, 0..8),
            fixed in prop::option::of(0i64..10_000),
            percent in 0u32..=2_000,
            grace_days in 0u32..15,
            every in prop::option::of(1u32..45),
            cap in prop::option::of(0i64..50_000),
        ) -> PaymentRemindersRequest {
            let issued = NaiveDate::from_ymd_opt(2025, 1, 15).expect("valid test data");
            let due = add_days(issued, due_in).expect("valid test data");
            let paid = i64::try_from(i128::from(total) * i128::from(paid_share) / 100).expect("valid test data");
            let fee = match fixed {
                Some(minor) => FeeAmount::Fixed(usd(minor)),
                // 0–20 % in steps of 0.01 %.
                None => FeeAmount::Percent(Percent::parse(&format!("{}.{:02}", percent / 100, percent % 100)).expect("valid test data")),
            };
            PaymentRemindersRequest {
                invoice: Invoice { id: "p".into(), total: usd(total), paid: usd(paid), issued, due },
                now: add_days(due, now_from_due).expect("valid test data"),
                cadence: cadence.into_iter().collect(),
                late_fee: Some(LateFeePolicy {
                    fee,
                    grace_days,
                    rounding: Rounding::HalfUp,
                    repeat: every.map_or(FeeRepeat::Once, FeeRepeat::EveryNDays),
                    cap: cap.map(usd),
                }),
            }
        }
    }

    proptest! {
        #[test]
        fn balances_add_up_and_fees_respect_the_cap(req in any_request()) {
            let plan = payment_reminders(&req).expect("valid test data");
            let accrued: i64 = plan.late_fees_accrued.iter().map(|f| f.amount.minor).sum();
            prop_assert_eq!(accrued, plan.late_fees_total.minor);
            prop_assert_eq!(plan.balance_due.minor, plan.unpaid.minor + accrued);
            prop_assert!(plan.late_fees_accrued.iter().all(|f| f.date <= req.now && f.date > req.invoice.due && f.amount.minor > 0));
            prop_assert!(plan.late_fees_accrued.windows(2).all(|w| w[0].date < w[1].date));
            let policy = req.late_fee.expect("valid test data");
            if let Some(cap) = policy.cap {
                prop_assert!(plan.reminders.iter().all(|r| r.late_fees.minor <= cap.minor));
                prop_assert!(accrued <= cap.minor);
            }
            for r in &plan.reminders {
                prop_assert!(r.date >= req.now && r.date >= req.invoice.issued);
                prop_assert_eq!(r.balance.minor, plan.unpaid.minor + r.late_fees.minor);
                prop_assert!(r.late_fees.minor >= accrued);
            }
            prop_assert!(plan.reminders.windows(2).all(|w| w[0].date < w[1].date && w[0].late_fees.minor <= w[1].late_fees.minor));
            if req.invoice.paid.minor >= req.invoice.total.minor {
                prop_assert_eq!(plan.status, InvoiceStatus::Paid);
                prop_assert!(plan.reminders.is_empty() && plan.late_fees_accrued.is_empty());
            } else {
                prop_assert_eq!(plan.reminders.len(), req.cadence.iter().filter(|&&o| add_days(req.invoice.due, o.into()).expect("valid test data") >= req.now.max(req.invoice.issued)).count());
            }
        }
    }
}
