//! Refunding a package: pro rata or list-price deduction, a cancellation fee, tax in proportion.

use super::purchase::{Ledger, Used};
use super::{check_amount, money_at, PackagePurchase};
use crate::{div_round, Money, Percent, Rounding};
use chrono::NaiveDate;
use medspa_errors::CodedError;
use serde::{Deserialize, Serialize};

/// The request of [`package_refund`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PackageRefundRequest {
    /// The purchase to refund; every redemption must be dated on or before `refundOn`.
    pub purchase: PackagePurchase,
    /// The date of the refund: sessions redeemed on or before it count as used.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub refund_on: NaiveDate,
    /// How the refund is computed.
    pub policy: RefundPolicy,
}

/// A refund policy: a basis, optionally no refund once expired, optionally a cancellation fee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RefundPolicy {
    /// What the used sessions cost the client.
    pub basis: RefundBasis,
    /// `none_after_expiry`: nothing is refunded on or after the expiry date; before it, `basis`
    /// applies.
    #[serde(default)]
    pub none_after_expiry: bool,
    /// Kept by the clinic out of the refund, never taking it below zero.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee: Option<CancellationFee>,
}

/// What the used sessions are deducted at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum RefundBasis {
    /// Refund = price − Σ allocated value of the used sessions (the deferred balance).
    ProRata,
    /// Refund = max(0, price − Σ list price of the used sessions): the package discount is lost.
    ListPriceDeduction,
}

/// A cancellation fee: a fixed amount, a percentage of the price (rounded half up), or their sum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CancellationFee {
    /// A fixed fee in the package's currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed: Option<Money>,
    /// A percentage of the package price, such as `"10"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub percent_of_price: Option<Percent>,
}

/// A refund and the arithmetic behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PackageRefund {
    /// The part of the price refunded: 0 ≤ refund ≤ price.
    pub refund: Money,
    /// Tax refunded: tax paid × refund / price, half up; 0 for a free package.
    pub tax_refund: Money,
    /// refund + tax refund; never more than price + tax paid.
    pub total_refund: Money,
    /// The part of the fee actually deducted (less than the fee when the refund reached 0).
    pub fee_applied: Money,
    /// Sessions used by the refund date.
    pub sessions_used: u32,
    /// Σ allocated value of the used sessions.
    pub used_value: Money,
    /// Σ list price of the used sessions.
    pub used_list_value: Money,
    /// Whether the package had expired on the refund date.
    pub expired: bool,
    /// The arithmetic, line by line: the amounts of the lines before `refund` add up to it, and
    /// `refund` + `tax_refund` = `total_refund`.
    pub steps: Vec<RefundStep>,
}

/// One line of a refund's arithmetic: a fixed label and a signed amount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RefundStep {
    /// What the line is.
    pub label: RefundLine,
    /// Its amount: positive adds to the refund, negative deducts.
    pub amount: Money,
}

/// The labels of a refund's lines, in the order they appear.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum RefundLine {
    /// + the price paid.
    PricePaid,
    /// − the used sessions at their allocated value (`pro_rata`).
    UsedAllocatedValue,
    /// − the used sessions at list price (`list_price_deduction`).
    UsedListValue,
    /// + what brings a negative balance back to zero.
    RaisedToZero,
    /// − the cancellation fee applied.
    CancellationFee,
    /// − the whole price: the package had expired under `none_after_expiry`.
    ExpiredNoRefund,
    /// = the part of the price refunded.
    Refund,
    /// + the tax refunded in proportion.
    TaxRefund,
    /// = refund + tax refund.
    TotalRefund,
}

/// Computes the refund of a package on `refund_on` under `policy` (`docs/domain.md` §1):
///
/// - `pro_rata`: price − Σ allocated value of the sessions used;
/// - `list_price_deduction`: price − Σ list price of the sessions used, raised to 0 if negative;
/// - `none_after_expiry` (a flag on either): 0 on or after the expiry date, and no fee;
/// - the fee is then deducted, never taking the refund below 0;
/// - tax refund = tax paid × refund / price, half up, so refund + tax never exceeds what was paid.
///
/// Errors: those of the purchase (see [`package_usage`](super::package_usage)) under
/// `$.purchase`; `REFUND_BEFORE_PURCHASE` (`$.refundOn`); `REDEEMED_AFTER_REFUND` (a redemption
/// dated after the refund); for the fixed fee, `NEGATIVE_AMOUNT` or `CURRENCY_MISMATCH`.
///
/// ```
/// use medspa_billing::package::*;
/// use medspa_billing::{Currency, Money, Percent};
/// use chrono::NaiveDate;
/// let usd = |minor| Money::new(minor, Currency::parse("USD").unwrap());
/// let day = |d| NaiveDate::from_ymd_opt(2025, 3, d).unwrap();
/// // $540.00 (+ $43.20 tax) for 6 sessions listed at $100: each worth $90.00. Two used.
/// let package = Package {
///     price: usd(54_000),
///     items: vec![PackageItem { service_id: "peel".into(), name: "Peel".into(), sessions: 6, list_price: usd(10_000) }],
///     expires_on: None,
/// };
/// let redeem = |d| SessionRedemption { item_index: Some(0), service_id: None, redeemed_on: day(d) };
/// let purchase = PackagePurchase { package, purchased_on: day(1), tax_paid: Some(usd(4_320)), redemptions: vec![redeem(2), redeem(16)] };
/// let fee = CancellationFee { fixed: None, percent_of_price: Some(Percent::parse("5").unwrap()) };
/// let policy = RefundPolicy { basis: RefundBasis::ListPriceDeduction, none_after_expiry: false, fee: Some(fee) };
/// let refund = package_refund(&PackageRefundRequest { purchase, refund_on: day(20), policy }).unwrap();
/// // 540.00 − 2 × 100.00 at list − 5 % of 540.00 (27.00) = 313.00;
/// // tax 43.20 × 313 / 540 = 25.04 exactly.
/// assert_eq!(refund.refund.minor, 31_300);
/// assert_eq!(refund.tax_refund.minor, 2_504);
/// assert_eq!(refund.total_refund.minor, 33_804);
/// assert_eq!(refund.fee_applied.minor, 2_700);
/// ```
pub fn package_refund(request: &PackageRefundRequest) -> Result<PackageRefund, CodedError> {
    let purchase = &request.purchase;
    let ledger = Ledger::build(purchase).map_err(|e| e.under("$.purchase"))?;
    check_dates(request)?;
    let fee_due = fee_due(request.policy.fee.as_ref(), &ledger.price)?;
    let used = ledger.used_by(Some(request.refund_on));
    let expired = ledger.expired_on(request.refund_on);
    let mut lines = Lines::new(ledger.price);
    lines.push(RefundLine::PricePaid, i128::from(ledger.price.minor));
    let fee_applied = if expired && request.policy.none_after_expiry {
        lines.push(RefundLine::ExpiredNoRefund, -i128::from(ledger.price.minor));
        0
    } else {
        deduct(&mut lines, request.policy.basis, used, fee_due)
    };
    let refund = lines.total;
    // refund ≤ price, so the share of tax never exceeds the tax paid.
    let tax_refund = div_round(
        i128::from(ledger.tax.minor) * refund,
        i128::from(ledger.price.minor),
        Rounding::HalfUp,
    )
    .unwrap_or(0);
    lines.mark(RefundLine::Refund, refund);
    lines.mark(RefundLine::TaxRefund, tax_refund);
    lines.mark(RefundLine::TotalRefund, refund + tax_refund);
    let price = &ledger.price;
    Ok(PackageRefund {
        refund: money_at(refund, price, "$")?,
        tax_refund: money_at(tax_refund, price, "$")?,
        total_refund: money_at(refund + tax_refund, price, "$")?,
        fee_applied: money_at(fee_applied, price, "$")?,
        sessions_used: used.sessions,
        used_value: money_at(used.value, price, "$")?,
        used_list_value: money_at(used.list_value, price, "$.purchase.package.items")?,
        expired,
        steps: lines.into_steps()?,
    })
}

/// Deducts the used sessions by `basis`, raises a negative balance to zero, then deducts what
/// it can of the fee. Returns the fee applied.
fn deduct(lines: &mut Lines, basis: RefundBasis, used: Used, fee_due: i128) -> i128 {
    match basis {
        RefundBasis::ProRata => lines.push(RefundLine::UsedAllocatedValue, -used.value),
        RefundBasis::ListPriceDeduction => lines.push(RefundLine::UsedListValue, -used.list_value),
    }
    if lines.total < 0 {
        lines.push(RefundLine::RaisedToZero, -lines.total);
    }
    let applied = fee_due.min(lines.total);
    if fee_due > 0 {
        lines.push(RefundLine::CancellationFee, -applied);
    }
    applied
}

/// The fee before capping: fixed + percentage of the price, half up.
fn fee_due(fee: Option<&CancellationFee>, price: &Money) -> Result<i128, CodedError> {
    let Some(fee) = fee else { return Ok(0) };
    let fixed = match &fee.fixed {
        Some(fixed) => {
            check_amount(fixed, price, "$.policy.fee.fixed")?;
            fixed.minor
        }
        None => 0,
    };
    let percent = fee
        .percent_of_price
        .map_or(0, |p| p.of(price.minor, Rounding::HalfUp));
    Ok(i128::from(fixed) + i128::from(percent))
}

fn check_dates(request: &PackageRefundRequest) -> Result<(), CodedError> {
    let purchase = &request.purchase;
    if request.refund_on < purchase.purchased_on {
        return Err(CodedError::new(
            "REFUND_BEFORE_PURCHASE",
            "$.refundOn",
            "a package cannot be refunded before it was purchased",
        ));
    }
    if let Some(index) = purchase
        .redemptions
        .iter()
        .position(|r| r.redeemed_on > request.refund_on)
    {
        return Err(CodedError::new(
            "REDEEMED_AFTER_REFUND",
            format!("$.purchase.redemptions[{index}].redeemedOn"),
            "a refund ends the package: no redemption may be dated after it",
        ));
    }
    Ok(())
}

/// The refund's lines, with the running total of the lines before `refund`.
struct Lines {
    price: Money,
    total: i128,
    steps: Vec<(RefundLine, i128)>,
}

impl Lines {
    fn new(price: Money) -> Self {
        Self {
            price,
            total: 0,
            steps: Vec::with_capacity(8),
        }
    }

    /// A line that adds to the running total.
    fn push(&mut self, label: RefundLine, amount: i128) {
        self.total += amount;
        self.steps.push((label, amount));
    }

    /// A result line, shown but not added.
    fn mark(&mut self, label: RefundLine, amount: i128) {
        self.steps.push((label, amount));
    }

    fn into_steps(self) -> Result<Vec<RefundStep>, CodedError> {
        self.steps
            .into_iter()
            .map(|(label, amount)| {
                money_at(amount, &self.price, "$").map(|amount| RefundStep { label, amount })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::package::purchase::tests::{day, mixed, usd};
    use RefundBasis::*;

    struct Case {
        /// (item, day) redemptions of the mixed package: 193.55 ×3 neurotoxin, 419.35 filler;
        /// list $300 and $650; price $1,000, tax $80, expiring on day 100.
        used: &'static [(u32, u32)],
        on: u32,
        basis: RefundBasis,
        none_after_expiry: bool,
        fee: Option<(i64, &'static str)>,
        /// (refund, tax refund, fee applied)
        expect: (i64, i64, i64),
    }

    fn run(case: &Case) -> PackageRefund {
        let fee = case.fee.map(|(fixed, percent)| CancellationFee {
            fixed: Some(usd(fixed)),
            percent_of_price: Some(Percent::parse(percent).unwrap()),
        });
        let policy = RefundPolicy {
            basis: case.basis,
            none_after_expiry: case.none_after_expiry,
            fee,
        };
        let request = PackageRefundRequest {
            purchase: mixed(case.used),
            refund_on: day(case.on),
            policy,
        };
        package_refund(&request).unwrap()
    }

    #[test]
    fn worked_refunds() {
        let cases = [
            // Nothing used: everything back, tax included.
            Case {
                used: &[],
                on: 10,
                basis: ProRata,
                none_after_expiry: false,
                fee: None,
                expect: (100_000, 8_000, 0),
            },
            // One neurotoxin used: 1000.00 − 193.55 = 806.45; tax 80 × 806.45/1000 = 64.516 → 64.52.
            Case {
                used: &[(0, 5)],
                on: 10,
                basis: ProRata,
                none_after_expiry: false,
                fee: None,
                expect: (80_645, 6_452, 0),
            },
            // Same at list: 1000 − 300 = 700.00; tax 56.00.
            Case {
                used: &[(0, 5)],
                on: 10,
                basis: ListPriceDeduction,
                none_after_expiry: false,
                fee: None,
                expect: (70_000, 5_600, 0),
            },
            // Filler + one neurotoxin at list: 1000 − 950 = 50; fee $25 + 0 % → 25.00; tax 2.00.
            Case {
                used: &[(0, 5), (1, 6)],
                on: 10,
                basis: ListPriceDeduction,
                none_after_expiry: false,
                fee: Some((2_500, "0")),
                expect: (2_500, 200, 2_500),
            },
            // At list the deduction exceeds the price (1550 > 1000): raised to 0, no fee applied.
            Case {
                used: &[(0, 5), (0, 6), (0, 7), (1, 8)],
                on: 10,
                basis: ListPriceDeduction,
                none_after_expiry: false,
                fee: Some((2_500, "10")),
                expect: (0, 0, 0),
            },
            // Fee larger than what is left: 1000 − 580.65 = 419.35; fee 500 + 10 % = 600 → 419.35.
            Case {
                used: &[(0, 5), (0, 6), (0, 7)],
                on: 10,
                basis: ProRata,
                none_after_expiry: false,
                fee: Some((50_000, "10")),
                expect: (0, 0, 41_935),
            },
            // A redemption after the refund date is an error; one on it counts as used.
            Case {
                used: &[(0, 10)],
                on: 10,
                basis: ProRata,
                none_after_expiry: false,
                fee: None,
                expect: (80_645, 6_452, 0),
            },
            // Expired (day 100 is the expiry): none_after_expiry refunds nothing and charges no fee.
            Case {
                used: &[(0, 5)],
                on: 100,
                basis: ProRata,
                none_after_expiry: true,
                fee: Some((2_500, "0")),
                expect: (0, 0, 0),
            },
            // The day before expiry the inner policy applies: 806.45 − 25.00 = 781.45; tax 62.516 → 62.52.
            Case {
                used: &[(0, 5)],
                on: 99,
                basis: ProRata,
                none_after_expiry: true,
                fee: Some((2_500, "0")),
                expect: (78_145, 6_252, 2_500),
            },
            // Expired without the flag: the basis still applies.
            Case {
                used: &[(0, 5)],
                on: 150,
                basis: ProRata,
                none_after_expiry: false,
                fee: None,
                expect: (80_645, 6_452, 0),
            },
            // A percentage fee: 2.5 % = 25.00; 1000 − 193.55 × 2 − 25 = 587.90; tax 47.032 → 47.03.
            Case {
                used: &[(0, 5), (0, 6)],
                on: 10,
                basis: ProRata,
                none_after_expiry: false,
                fee: Some((0, "2.5")),
                expect: (58_790, 4_703, 2_500),
            },
        ];
        for case in &cases {
            let got = run(case);
            assert_eq!(
                (
                    got.refund.minor,
                    got.tax_refund.minor,
                    got.fee_applied.minor
                ),
                case.expect,
                "{:?} on {}",
                case.used,
                case.on
            );
            assert_eq!(got.total_refund.minor, case.expect.0 + case.expect.1);
        }
    }

    #[test]
    fn steps_show_the_arithmetic() {
        let got = run(&Case {
            used: &[(0, 5), (1, 6)],
            on: 10,
            basis: ListPriceDeduction,
            none_after_expiry: false,
            fee: Some((2_500, "0")),
            expect: (0, 0, 0),
        });
        let steps: Vec<(RefundLine, i64)> = got
            .steps
            .iter()
            .map(|s| (s.label, s.amount.minor))
            .collect();
        assert_eq!(
            steps,
            [
                (RefundLine::PricePaid, 100_000),
                (RefundLine::UsedListValue, -95_000),
                (RefundLine::CancellationFee, -2_500),
                (RefundLine::Refund, 2_500),
                (RefundLine::TaxRefund, 200),
                (RefundLine::TotalRefund, 2_700),
            ]
        );
        assert_eq!(
            (
                got.used_value.minor,
                got.used_list_value.minor,
                got.sessions_used
            ),
            (61_290, 95_000, 2)
        );

        let got = run(&Case {
            used: &[(0, 5), (0, 6), (0, 7), (1, 8)],
            on: 10,
            basis: ListPriceDeduction,
            none_after_expiry: false,
            fee: None,
            expect: (0, 0, 0),
        });
        let labels: Vec<RefundLine> = got.steps.iter().map(|s| s.label).collect();
        assert_eq!(
            labels[..3],
            [
                RefundLine::PricePaid,
                RefundLine::UsedListValue,
                RefundLine::RaisedToZero
            ]
        );
        assert_eq!(got.steps[2].amount.minor, 55_000);

        let got = run(&Case {
            used: &[],
            on: 120,
            basis: ProRata,
            none_after_expiry: true,
            fee: None,
            expect: (0, 0, 0),
        });
        assert!(got.expired);
        assert_eq!(
            got.steps[1],
            RefundStep {
                label: RefundLine::ExpiredNoRefund,
                amount: usd(-100_000)
            }
        );
    }

    #[test]
    fn tax_is_refunded_half_up() {
        // Tax $80.01; a $500.00 fee leaves half the price: 80.01 / 2 = 40.005 → 40.01 (half up).
        let policy = RefundPolicy {
            basis: RefundBasis::ProRata,
            none_after_expiry: false,
            fee: Some(CancellationFee {
                fixed: Some(usd(50_000)),
                percent_of_price: None,
            }),
        };
        let mut purchase = mixed(&[]);
        purchase.tax_paid = Some(usd(8_001));
        let got = package_refund(&PackageRefundRequest {
            purchase,
            refund_on: day(3),
            policy,
        })
        .unwrap();
        assert_eq!(
            (
                got.refund.minor,
                got.tax_refund.minor,
                got.total_refund.minor
            ),
            (50_000, 4_001, 54_001)
        );
    }

    #[test]
    fn a_free_package_refunds_no_tax() {
        let mut purchase = mixed(&[]);
        purchase.package.price = usd(0);
        let policy = RefundPolicy {
            basis: RefundBasis::ProRata,
            none_after_expiry: false,
            fee: None,
        };
        let got = package_refund(&PackageRefundRequest {
            purchase,
            refund_on: day(3),
            policy,
        })
        .unwrap();
        assert_eq!((got.refund.minor, got.tax_refund.minor), (0, 0));
    }

    #[test]
    fn invalid_refunds_have_codes_and_paths() {
        let policy = RefundPolicy {
            basis: RefundBasis::ProRata,
            none_after_expiry: false,
            fee: None,
        };
        let request = |used: &[(u32, u32)], on| PackageRefundRequest {
            purchase: mixed(used),
            refund_on: day(on),
            policy: policy.clone(),
        };
        let mut negative_fee = request(&[], 5);
        negative_fee.policy.fee = Some(CancellationFee {
            fixed: Some(usd(-1)),
            percent_of_price: None,
        });
        let mut empty = request(&[], 5);
        empty.purchase.package.items.clear();
        let mut early = request(&[], 1);
        early.purchase.purchased_on = day(2);
        let cases = [
            (
                request(&[(0, 3), (0, 9)], 8),
                "REDEEMED_AFTER_REFUND",
                "$.purchase.redemptions[1].redeemedOn",
            ),
            (early, "REFUND_BEFORE_PURCHASE", "$.refundOn"),
            (negative_fee, "NEGATIVE_AMOUNT", "$.policy.fee.fixed"),
            (empty, "NO_SESSIONS", "$.purchase.package.items"),
        ];
        for (req, code, path) in cases {
            let err = package_refund(&req).unwrap_err();
            assert_eq!((err.code, err.path.as_str()), (code, path));
        }
    }
}
