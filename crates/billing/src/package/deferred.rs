//! Deferred revenue of package purchases: the liability for unused sessions and when it turns
//! into revenue, at redemption and as breakage.

use super::purchase::Ledger;
use super::{internal, money_at, PackagePurchase};
use crate::{div_round, Currency, Money, Percent, Rounding};
use chrono::NaiveDate;
use medspa_errors::CodedError;
use serde::{Deserialize, Serialize};

/// The most purchases one report may cover; more is `TOO_MANY_PURCHASES`.
pub const MAX_PURCHASES: usize = 10_000;

/// The request of [`deferred_revenue`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeferredRevenueRequest {
    /// The purchases to report on, at most [`MAX_PURCHASES`].
    pub purchases: Vec<PackagePurchase>,
    /// The reporting date, inclusive: events dated on or before it are recognised.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub as_of: NaiveDate,
    /// When the value of sessions that will never be used is recognised; `at_expiry` by default.
    #[serde(default)]
    pub breakage: BreakagePolicy,
}

/// When breakage (the value of sessions never used) becomes revenue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(tag = "method", rename_all = "snake_case", deny_unknown_fields)]
pub enum BreakagePolicy {
    /// Each redemption recognises its session's allocated value; whatever remains is recognised
    /// on the expiry date. Without an expiry, unused sessions stay deferred.
    #[default]
    AtExpiry,
    /// The clinic expects `expectedUnused` % of the value to go unused and recognises it as
    /// sessions are used: after redemptions worth `U`, the total recognised is
    /// `min(price, U × 100 / (100 − expectedUnused))`, rounded half up on the cumulative amount so
    /// rounding never drifts. What remains at expiry is recognised then.
    Proportional {
        /// Below 100, such as `"10"`.
        #[serde(rename = "expectedUnused")]
        #[cfg_attr(feature = "ts", tsify(type = "string"))]
        expected_unused: Percent,
    },
}

/// The deferred revenue report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct DeferredRevenue {
    /// One entry per purchase, in input order.
    pub purchases: Vec<PurchaseDeferral>,
    /// The liability on `asOf`, one amount per currency, sorted by currency code.
    pub deferred_totals: Vec<Money>,
    /// Revenue recognised up to `asOf`, one amount per currency, sorted by currency code.
    pub recognised_totals: Vec<Money>,
}

/// One purchase's position on the reporting date and its whole recognition schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PurchaseDeferral {
    /// Where the purchase stands on `asOf`.
    pub state: PurchaseState,
    /// The package price.
    pub price: Money,
    /// Sessions redeemed on or before `asOf`.
    pub sessions_used: u32,
    /// Sessions not redeemed by `asOf` (expired ones included).
    pub sessions_unused: u32,
    /// Σ allocated value of the sessions used by `asOf`.
    pub redeemed_value: Money,
    /// Breakage recognised by `asOf`: recognised − redeemed value.
    pub breakage: Money,
    /// Revenue recognised by `asOf`: Σ schedule revenue dated on or before it.
    pub recognised: Money,
    /// The liability on `asOf`: price − recognised once purchased, else 0. Never negative.
    pub deferred: Money,
    /// Every recognition event known, before and after `asOf`, in date order.
    pub schedule: Vec<RecognitionEvent>,
}

/// Where a purchase stands on the reporting date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum PurchaseState {
    /// Bought after `asOf`: nothing deferred or recognised yet.
    NotPurchased,
    /// Sessions remain and the package has not expired.
    Active,
    /// Every session has been used.
    FullyRedeemed,
    /// Expired with sessions unused.
    Expired,
}

/// Revenue recognised on one date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RecognitionEvent {
    /// The date of the redemption, or the expiry date.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub on: NaiveDate,
    /// What happened.
    pub kind: RecognitionKind,
    /// The item redeemed (0-based); `null` for expiry.
    #[cfg_attr(feature = "ts", tsify(type = "number | null"))]
    pub item_index: Option<u32>,
    /// The session consumed (1-based); `null` for expiry.
    #[cfg_attr(feature = "ts", tsify(type = "number | null"))]
    pub session: Option<u32>,
    /// Revenue recognised by this event; never negative.
    pub revenue: Money,
    /// The part of `revenue` beyond the session's allocated value. Under `proportional` it is
    /// negative once the cap at the price is reached: breakage recognised earlier turned out to be
    /// used after all. Over the whole schedule it adds up to the value never redeemed.
    pub breakage: Money,
}

/// What turned deferred revenue into revenue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum RecognitionKind {
    /// A session was redeemed.
    Redemption,
    /// The package expired with value remaining.
    Expiry,
}

/// Reports, on `as_of`, each purchase's deferred revenue (the liability for sessions not yet used)
/// and its recognition schedule, with totals per currency.
///
/// Errors: `TOO_MANY_PURCHASES`, `INVALID_BREAKAGE_RATE` (`expectedUnused` of 100 or more), any
/// purchase error (see [`package_usage`](super::package_usage)) under `$.purchases[i]`, and
/// `AMOUNT_TOO_LARGE` should a currency total pass [`MAX_MINOR`](crate::MAX_MINOR).
///
/// ```
/// use medspa_billing::package::*;
/// use medspa_billing::{Currency, Money};
/// use chrono::NaiveDate;
/// let usd = |minor| Money::new(minor, Currency::parse("USD").unwrap());
/// let day = |m, d| NaiveDate::from_ymd_opt(2025, m, d).unwrap();
/// // $600.00 for 6 sessions of $100 each, expiring on 1 July; two used.
/// let package = Package {
///     price: usd(60_000),
///     items: vec![PackageItem { service_id: "hydra".into(), name: "HydraFacial".into(), sessions: 6, list_price: usd(10_000) }],
///     expires_on: Some(day(7, 1)),
/// };
/// let redeem = |m, d| SessionRedemption { item_index: Some(0), service_id: None, redeemed_on: day(m, d) };
/// let purchase = PackagePurchase { package, purchased_on: day(1, 10), tax_paid: None, redemptions: vec![redeem(2, 1), redeem(3, 1)] };
/// let request = DeferredRevenueRequest { purchases: vec![purchase], as_of: day(3, 31), breakage: BreakagePolicy::AtExpiry };
/// let report = deferred_revenue(&request).unwrap();
/// // Four unused sessions of $100.00 are the liability; $200.00 has been recognised.
/// assert_eq!(report.deferred_totals, [usd(40_000)]);
/// assert_eq!(report.purchases[0].recognised, usd(20_000));
/// // The schedule: $100 on 1 Feb, $100 on 1 Mar, $400 of breakage on 1 July.
/// let revenue: Vec<i64> = report.purchases[0].schedule.iter().map(|e| e.revenue.minor).collect();
/// assert_eq!(revenue, [10_000, 10_000, 40_000]);
/// assert_eq!(report.purchases[0].schedule[2].kind, RecognitionKind::Expiry);
/// ```
pub fn deferred_revenue(request: &DeferredRevenueRequest) -> Result<DeferredRevenue, CodedError> {
    if request.purchases.len() > MAX_PURCHASES {
        return Err(CodedError::new(
            "TOO_MANY_PURCHASES",
            "$.purchases",
            format!("a report covers at most {MAX_PURCHASES} purchases"),
        ));
    }
    check_breakage(&request.breakage)?;
    let mut totals = Totals::default();
    let mut purchases = Vec::with_capacity(request.purchases.len());
    for (index, purchase) in request.purchases.iter().enumerate() {
        let deferral = defer(purchase, request.as_of, request.breakage)
            .map_err(|e| e.under(&format!("$.purchases[{index}]")))?;
        totals.add(&deferral);
        purchases.push(deferral);
    }
    let (deferred_totals, recognised_totals) = totals.into_money()?;
    Ok(DeferredRevenue {
        purchases,
        deferred_totals,
        recognised_totals,
    })
}

fn check_breakage(policy: &BreakagePolicy) -> Result<(), CodedError> {
    match policy {
        BreakagePolicy::Proportional { expected_unused }
            if *expected_unused >= Percent::HUNDRED =>
        {
            Err(CodedError::new(
                "INVALID_BREAKAGE_RATE",
                "$.breakage.expectedUnused",
                "the expected unused share must be below 100 percent",
            ))
        }
        _ => Ok(()),
    }
}

/// One purchase's position on `as_of`. Paths are relative to the purchase.
fn defer(
    purchase: &PackagePurchase,
    as_of: NaiveDate,
    policy: BreakagePolicy,
) -> Result<PurchaseDeferral, CodedError> {
    let ledger = Ledger::build(purchase)?;
    let price = ledger.price;
    let schedule = schedule(&ledger, policy)?;
    // Every event is dated on or after the purchase, so a purchase after `as_of` shows nothing.
    let recognised: i128 = schedule
        .iter()
        .filter(|event| event.on <= as_of)
        .map(|event| i128::from(event.revenue.minor))
        .sum();
    let purchased = as_of >= purchase.purchased_on;
    let deferred = if purchased {
        i128::from(price.minor) - recognised
    } else {
        0
    };
    let used = ledger.used_by(Some(as_of));
    let unused = ledger.session_count().saturating_sub(used.sessions);
    let state = if !purchased {
        PurchaseState::NotPurchased
    } else if unused == 0 {
        PurchaseState::FullyRedeemed
    } else if ledger.expired_on(as_of) {
        PurchaseState::Expired
    } else {
        PurchaseState::Active
    };
    Ok(PurchaseDeferral {
        state,
        price,
        sessions_used: used.sessions,
        sessions_unused: unused,
        redeemed_value: money_at(used.value, &price, "$")?,
        breakage: money_at(recognised - used.value, &price, "$")?,
        recognised: money_at(recognised, &price, "$")?,
        deferred: money_at(deferred, &price, "$")?,
        schedule,
    })
}

/// Every recognition event of a purchase: one per redemption in consumption order, then the
/// expiry if value remains. The cumulative target is rounded, never the increments.
fn schedule(ledger: &Ledger, policy: BreakagePolicy) -> Result<Vec<RecognitionEvent>, CodedError> {
    let price = ledger.price;
    let mut events = Vec::with_capacity(ledger.consumed.len() + 1);
    let (mut used, mut recognised) = (0i128, 0i128);
    for &index in &ledger.consumed {
        let slot = ledger.slots.get(index).ok_or_else(internal)?;
        used += i128::from(slot.value);
        let target = match policy {
            BreakagePolicy::AtExpiry => used,
            BreakagePolicy::Proportional { expected_unused } => {
                grossed_up(used, expected_unused, i128::from(price.minor))
            }
        };
        let revenue = target - recognised;
        recognised = target;
        events.push(RecognitionEvent {
            on: slot.redeemed_on.ok_or_else(internal)?,
            kind: RecognitionKind::Redemption,
            item_index: u32::try_from(slot.item).ok(),
            session: Some(slot.number),
            revenue: money_at(revenue, &price, "$")?,
            breakage: money_at(revenue - i128::from(slot.value), &price, "$")?,
        });
    }
    let remaining = i128::from(price.minor) - recognised;
    if let (Some(expiry), true) = (ledger.expires_on, remaining > 0) {
        let rest = money_at(remaining, &price, "$")?;
        events.push(RecognitionEvent {
            on: expiry,
            kind: RecognitionKind::Expiry,
            item_index: None,
            session: None,
            revenue: rest,
            breakage: rest,
        });
    }
    Ok(events)
}

/// Revenue recognised after redemptions worth `used` when `expected_unused` % is expected never
/// to be used: `used / (1 − rate)`, half up, capped at the price.
fn grossed_up(used: i128, expected_unused: Percent, price: i128) -> i128 {
    let hundred = Percent::HUNDRED.scaled_millionths();
    // used ≤ price ≤ 2^53 and hundred = 10^8: the product is far inside i128; the rate is below
    // 100 % (checked), so the divisor is positive.
    let exact = div_round(
        used * hundred,
        hundred - expected_unused.scaled_millionths(),
        Rounding::HalfUp,
    );
    exact.unwrap_or(price).min(price)
}

/// Sums per currency.
#[derive(Default)]
struct Totals {
    /// (currency, deferred, recognised), in order of first appearance.
    sums: Vec<(Currency, i128, i128)>,
}

impl Totals {
    fn add(&mut self, deferral: &PurchaseDeferral) {
        let currency = deferral.price.currency;
        let (deferred, recognised) = (
            i128::from(deferral.deferred.minor),
            i128::from(deferral.recognised.minor),
        );
        match self.sums.iter_mut().find(|(c, _, _)| *c == currency) {
            Some((_, d, r)) => {
                *d += deferred;
                *r += recognised;
            }
            None => self.sums.push((currency, deferred, recognised)),
        }
    }

    fn into_money(mut self) -> Result<(Vec<Money>, Vec<Money>), CodedError> {
        self.sums.sort_by(|a, b| a.0.code().cmp(b.0.code()));
        let mut deferred = Vec::with_capacity(self.sums.len());
        let mut recognised = Vec::with_capacity(self.sums.len());
        for (currency, d, r) in self.sums {
            let like = Money::zero(currency);
            deferred.push(money_at(d, &like, "$.purchases")?);
            recognised.push(money_at(r, &like, "$.purchases")?);
        }
        Ok((deferred, recognised))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::package::purchase::tests::{day, mixed, usd};
    use crate::package::{Package, PackageItem, SessionRedemption};

    /// $600.00 for 6 sessions at $100: $100.00 each; bought on day 1; no expiry unless given.
    fn six(used_on: &[u32], expires_on: Option<u32>) -> PackagePurchase {
        PackagePurchase {
            package: Package {
                price: usd(60_000),
                items: vec![PackageItem {
                    service_id: "hydra".into(),
                    name: "HydraFacial".into(),
                    sessions: 6,
                    list_price: usd(10_000),
                }],
                expires_on: expires_on.map(day),
            },
            purchased_on: day(1),
            tax_paid: None,
            redemptions: used_on
                .iter()
                .map(|&on| SessionRedemption {
                    item_index: Some(0),
                    service_id: None,
                    redeemed_on: day(on),
                })
                .collect(),
        }
    }

    fn report(
        purchases: Vec<PackagePurchase>,
        as_of: u32,
        breakage: BreakagePolicy,
    ) -> DeferredRevenue {
        deferred_revenue(&DeferredRevenueRequest {
            purchases,
            as_of: day(as_of),
            breakage,
        })
        .unwrap()
    }

    fn proportional(rate: &str) -> BreakagePolicy {
        BreakagePolicy::Proportional {
            expected_unused: Percent::parse(rate).unwrap(),
        }
    }

    /// (date, revenue, breakage) of each event.
    fn events(deferral: &PurchaseDeferral) -> Vec<(u32, i64, i64)> {
        deferral
            .schedule
            .iter()
            .map(|e| {
                (
                    (e.on - day(1)).num_days() as u32 + 1,
                    e.revenue.minor,
                    e.breakage.minor,
                )
            })
            .collect()
    }

    #[test]
    fn at_expiry_positions_by_date() {
        // The mixed package: neurotoxin 193.55 ×3, filler 419.35; $1,000; expires on day 100.
        // Neurotoxin on day 5, filler on day 20.
        // (as of, state, used, recognised, deferred, breakage)
        let cases = [
            (4, PurchaseState::Active, 0, 0, 100_000, 0),
            (5, PurchaseState::Active, 1, 19_355, 80_645, 0),
            (20, PurchaseState::Active, 2, 61_290, 38_710, 0),
            (99, PurchaseState::Active, 2, 61_290, 38_710, 0),
            (100, PurchaseState::Expired, 2, 100_000, 0, 38_710),
        ];
        for (as_of, state, used, recognised, deferred, breakage) in cases {
            let got = report(
                vec![mixed(&[(0, 5), (1, 20)])],
                as_of,
                BreakagePolicy::AtExpiry,
            );
            let p = &got.purchases[0];
            assert_eq!(
                (
                    p.state,
                    p.sessions_used,
                    p.recognised.minor,
                    p.deferred.minor,
                    p.breakage.minor
                ),
                (state, used, recognised, deferred, breakage),
                "as of day {as_of}"
            );
            assert_eq!(
                events(p),
                [(5, 19_355, 0), (20, 41_935, 0), (100, 38_710, 38_710)]
            );
        }
    }

    #[test]
    fn proportional_breakage_with_the_cap() {
        // 20 % expected unused: each $100 session recognises 100 / 0.8 = $125 until the cap.
        // Cumulative 125, 250, 375, 500, 625 → 600 (cap), 750 → 600.
        let p = &report(vec![six(&[2, 3, 4, 5, 6, 7], None)], 30, proportional("20")).purchases[0];
        assert_eq!(
            events(p),
            [
                (2, 12_500, 2_500),
                (3, 12_500, 2_500),
                (4, 12_500, 2_500),
                (5, 12_500, 2_500),
                (6, 10_000, 0),
                (7, 0, -10_000),
            ]
        );
        assert_eq!(
            (
                p.state,
                p.recognised.minor,
                p.deferred.minor,
                p.breakage.minor
            ),
            (PurchaseState::FullyRedeemed, 60_000, 0, 0)
        );
        // On day 4, three used: recognised 375.00 of which 75.00 breakage; 225.00 deferred.
        let p = &report(vec![six(&[2, 3, 4, 5, 6, 7], None)], 4, proportional("20")).purchases[0];
        assert_eq!(
            (p.recognised.minor, p.breakage.minor, p.deferred.minor),
            (37_500, 7_500, 22_500)
        );
    }

    #[test]
    fn proportional_breakage_rounds_the_cumulative_amount() {
        // 10 %: 193.55 / 0.9 = 215.0555… → 215.06; (193.55 + 419.35) / 0.9 = 681.00 exactly, so
        // the filler recognises 681.00 − 215.06 = 465.94 (breakage 46.59); 319.00 at expiry.
        let p = &report(vec![mixed(&[(0, 5), (1, 20)])], 50, proportional("10")).purchases[0];
        assert_eq!(
            events(p),
            [
                (5, 21_506, 2_151),
                (20, 46_594, 4_659),
                (100, 31_900, 31_900)
            ]
        );
        assert_eq!(
            (p.recognised.minor, p.deferred.minor, p.breakage.minor),
            (68_100, 31_900, 6_810)
        );
        // 0 % expected unused is the same as recognising at redemption.
        let zero = &report(vec![mixed(&[(0, 5), (1, 20)])], 50, proportional("0")).purchases[0];
        let plain = &report(
            vec![mixed(&[(0, 5), (1, 20)])],
            50,
            BreakagePolicy::AtExpiry,
        )
        .purchases[0];
        assert_eq!(zero, plain);
    }

    #[test]
    fn without_expiry_unused_sessions_stay_deferred() {
        let p = &report(vec![six(&[2], None)], 900, BreakagePolicy::AtExpiry).purchases[0];
        assert_eq!(
            (p.state, p.deferred.minor, p.sessions_unused),
            (PurchaseState::Active, 50_000, 5)
        );
        assert_eq!(events(p), [(2, 10_000, 0)]);
    }

    #[test]
    fn purchases_after_the_report_date_show_nothing() {
        let mut later = six(&[12], Some(60));
        later.purchased_on = day(10);
        let p = &report(vec![later], 9, BreakagePolicy::AtExpiry).purchases[0];
        assert_eq!(
            (p.state, p.recognised.minor, p.deferred.minor),
            (PurchaseState::NotPurchased, 0, 0)
        );
        assert_eq!(events(p), [(12, 10_000, 0), (60, 50_000, 50_000)]);
    }

    #[test]
    fn totals_per_currency_sorted_by_code() {
        let in_currency = |code: &str, mut purchase: PackagePurchase| {
            let currency = Currency::parse(code).unwrap();
            purchase.package.price.currency = currency;
            purchase.package.items[0].list_price.currency = currency;
            purchase
        };
        let purchases = vec![
            six(&[2], None),                    // USD: 500.00 deferred, 100.00 recognised
            in_currency("JPY", six(&[], None)), // JPY: 60,000 deferred
            six(&[2, 3], None),                 // USD: 400.00 deferred, 200.00 recognised
            in_currency("EUR", six(&[2, 3, 4, 5, 6, 7], None)), // EUR: fully used
        ];
        let got = report(purchases, 30, BreakagePolicy::AtExpiry);
        let shown = |totals: &[Money]| {
            totals
                .iter()
                .map(|m| (m.currency.code().to_string(), m.minor))
                .collect::<Vec<_>>()
        };
        let pairs = |list: [(&str, i64); 3]| list.map(|(c, m)| (c.to_string(), m)).to_vec();
        assert_eq!(
            shown(&got.deferred_totals),
            pairs([("EUR", 0), ("JPY", 60_000), ("USD", 90_000)])
        );
        assert_eq!(
            shown(&got.recognised_totals),
            pairs([("EUR", 60_000), ("JPY", 0), ("USD", 30_000)])
        );
        assert!(report(vec![], 30, BreakagePolicy::AtExpiry)
            .deferred_totals
            .is_empty());
    }

    #[test]
    fn invalid_reports_have_codes_and_paths() {
        let request = |purchases, breakage| DeferredRevenueRequest {
            purchases,
            as_of: day(30),
            breakage,
        };
        let mut over = six(&[2], None);
        over.redemptions.push(SessionRedemption {
            item_index: Some(1),
            service_id: None,
            redeemed_on: day(3),
        });
        let cases = [
            (
                request(
                    vec![six(&[], None); MAX_PURCHASES + 1],
                    BreakagePolicy::AtExpiry,
                ),
                "TOO_MANY_PURCHASES",
                "$.purchases",
            ),
            (
                request(vec![], proportional("100")),
                "INVALID_BREAKAGE_RATE",
                "$.breakage.expectedUnused",
            ),
            (
                request(vec![six(&[], None), over], BreakagePolicy::AtExpiry),
                "UNKNOWN_ITEM",
                "$.purchases[1].redemptions[1].itemIndex",
            ),
            (
                request(
                    vec![six(&[2, 3, 4, 5, 6, 7, 8], None)],
                    BreakagePolicy::AtExpiry,
                ),
                "OVER_REDEEMED",
                "$.purchases[0].redemptions[6]",
            ),
        ];
        for (req, code, path) in cases {
            let err = deferred_revenue(&req).unwrap_err();
            assert_eq!((err.code, err.path.as_str()), (code, path));
        }
    }

    #[test]
    fn currency_totals_beyond_the_limit_are_reported() {
        let mut big = six(&[], None);
        big.package.price = usd(crate::MAX_MINOR);
        let err = deferred_revenue(&DeferredRevenueRequest {
            purchases: vec![big.clone(), big],
            as_of: day(3),
            breakage: BreakagePolicy::AtExpiry,
        })
        .unwrap_err();
        assert_eq!(
            (err.code, err.path.as_str()),
            ("AMOUNT_TOO_LARGE", "$.purchases")
        );
    }
}
