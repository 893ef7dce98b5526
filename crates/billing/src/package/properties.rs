//! Properties of the package operations over generated packages, purchases and dates.

use super::*;
use crate::{Currency, Money, Percent};
use chrono::{Days, NaiveDate};
use proptest::prelude::*;

fn usd(minor: i64) -> Money {
    Money::new(minor, Currency::parse("USD").expect("USD"))
}

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1).expect("a date")
}

fn after(days: u32) -> NaiveDate {
    start() + Days::new(u64::from(days))
}

/// A valid purchase: 1–4 items of 1–5 sessions, some list price positive, an optional expiry,
/// and redemptions that respect the session counts and the expiry.
fn purchase() -> impl Strategy<Value = PackagePurchase> {
    let items = prop::collection::vec((1u32..=5, 0i64..=50_000), 1..=4)
        .prop_filter("a positive list price", |items| {
            items.iter().any(|&(_, list)| list > 0)
        });
    let candidates = prop::collection::vec((0usize..4, 0u32..300), 0..24);
    (
        items,
        0i64..=2_000_000,
        prop::option::of(1u32..=200),
        candidates,
        0i64..=200_000,
    )
        .prop_map(|(items, price, expiry, candidates, tax)| {
            let mut left: Vec<u32> = items.iter().map(|&(sessions, _)| sessions).collect();
            let mut redemptions = Vec::new();
            for (pick, offset) in candidates {
                let item = pick % items.len();
                let offset = expiry.map_or(offset, |e| offset % e);
                if left[item] > 0 {
                    left[item] -= 1;
                    redemptions.push(SessionRedemption {
                        item_index: Some(item as u32),
                        service_id: None,
                        redeemed_on: after(offset),
                    });
                }
            }
            let items = items
                .iter()
                .enumerate()
                .map(|(i, &(sessions, list))| PackageItem {
                    service_id: format!("s{i}"),
                    name: "x".into(),
                    sessions,
                    list_price: usd(list),
                })
                .collect();
            PackagePurchase {
                package: Package {
                    price: usd(price),
                    items,
                    expires_on: expiry.map(after),
                },
                purchased_on: start(),
                tax_paid: Some(usd(tax)),
                redemptions,
            }
        })
}

fn breakage() -> impl Strategy<Value = BreakagePolicy> {
    prop_oneof![
        Just(BreakagePolicy::AtExpiry),
        (0u32..100, 0u32..1000).prop_map(|(whole, thousandths)| BreakagePolicy::Proportional {
            expected_unused: Percent::parse(&format!("{whole}.{thousandths:03}")).expect("a rate"),
        }),
    ]
}

fn last_redemption(purchase: &PackagePurchase) -> NaiveDate {
    purchase
        .redemptions
        .iter()
        .map(|r| r.redeemed_on)
        .max()
        .unwrap_or(purchase.purchased_on)
}

/// Σ value of the sessions not redeemed by `as_of`, straight from the usage ledger.
fn unused_value(purchase: &PackagePurchase, as_of: NaiveDate) -> i64 {
    let usage = package_usage(&PackageUsageRequest {
        purchase: purchase.clone(),
    })
    .expect("valid input");
    usage
        .sessions
        .iter()
        .filter(|s| s.redeemed_on.is_none_or(|on| on > as_of))
        .map(|s| s.value.minor)
        .sum()
}

proptest! {
    #[test]
    fn session_values_sum_to_the_price(purchase in purchase()) {
        let package = purchase.package;
        let valuation = package_schedule(&PackageScheduleRequest { package: package.clone() }).expect("valid input");
        let all: Vec<i64> = valuation.items.iter().flat_map(|i| i.session_values.iter().map(|m| m.minor)).collect();
        prop_assert_eq!(all.iter().sum::<i64>(), package.price.minor);
        prop_assert!(all.iter().all(|&v| v >= 0));
        for (item, valued) in package.items.iter().zip(&valuation.items) {
            let values: Vec<i64> = valued.session_values.iter().map(|m| m.minor).collect();
            prop_assert_eq!(values.len(), item.sessions as usize);
            prop_assert_eq!(values.iter().sum::<i64>(), valued.value.minor);
            // Sessions of one item differ by at most a unit, the earlier ones holding it.
            prop_assert!(values.windows(2).all(|w| w[0] == w[1] || w[0] == w[1] + 1));
            if item.list_price.minor == 0 {
                prop_assert!(values.iter().all(|&v| v == 0));
            }
        }
    }

    #[test]
    fn refunds_stay_between_zero_and_what_was_paid(
        purchase in purchase(),
        extra in 0u32..250,
        list_basis in any::<bool>(),
        none_after_expiry in any::<bool>(),
        fixed in prop::option::of(0i64..=300_000),
        percent in prop::option::of(0u32..=150),
    ) {
        let refund_on = last_redemption(&purchase) + Days::new(u64::from(extra));
        let basis = if list_basis { RefundBasis::ListPriceDeduction } else { RefundBasis::ProRata };
        let fee = (fixed.is_some() || percent.is_some()).then(|| CancellationFee {
            fixed: fixed.map(usd),
            percent_of_price: percent.map(|p| Percent::parse(&p.to_string()).expect("a rate")),
        });
        let price = purchase.package.price.minor;
        let tax = purchase.tax_paid.map_or(0, |t| t.minor);
        let request = PackageRefundRequest { purchase: purchase.clone(), refund_on, policy: RefundPolicy { basis, none_after_expiry, fee: fee.clone() } };
        let got = package_refund(&request).expect("valid input");
        prop_assert!((0..=price).contains(&got.refund.minor));
        prop_assert!((0..=tax).contains(&got.tax_refund.minor));
        prop_assert_eq!(got.total_refund.minor, got.refund.minor + got.tax_refund.minor);
        prop_assert!(got.fee_applied.minor >= 0);
        let before_refund: i64 = got.steps.iter().take_while(|s| s.label != RefundLine::Refund).map(|s| s.amount.minor).sum();
        prop_assert_eq!(before_refund, got.refund.minor);
        // Without a fee and before expiry, pro rata is exactly the deferred balance.
        if !list_basis && fee.is_none() && !got.expired {
            prop_assert_eq!(got.refund.minor, unused_value(&purchase, refund_on));
        }
    }

    #[test]
    fn deferred_plus_recognised_is_the_price(purchase in purchase(), as_of in 0u32..400, policy in breakage()) {
        let as_of = after(as_of);
        let request = DeferredRevenueRequest { purchases: vec![purchase.clone()], as_of, breakage: policy };
        let report = deferred_revenue(&request).expect("valid input");
        let p = &report.purchases[0];
        let price = purchase.package.price.minor;
        prop_assert_eq!(p.deferred.minor + p.recognised.minor, price);
        prop_assert!(p.deferred.minor >= 0);
        prop_assert!(p.breakage.minor >= 0);
        prop_assert!(p.schedule.iter().all(|e| e.revenue.minor >= 0));
        prop_assert!(p.schedule.windows(2).all(|w| w[0].on <= w[1].on));
        let dated: i64 = p.schedule.iter().filter(|e| e.on <= as_of).map(|e| e.revenue.minor).sum();
        prop_assert_eq!(dated, p.recognised.minor);
        prop_assert_eq!(&report.deferred_totals, &vec![p.deferred]);
        let expired = purchase.package.expires_on.is_some_and(|e| as_of >= e);
        // Recognising at redemption, the liability is the value of the sessions not yet used.
        if policy == BreakagePolicy::AtExpiry && !expired {
            prop_assert_eq!(p.deferred.minor, unused_value(&purchase, as_of));
        }
        // Once expired or fully used, the schedule is complete: everything is revenue, and the
        // breakage adds up to the value never redeemed.
        if expired || p.state == PurchaseState::FullyRedeemed {
            prop_assert_eq!(p.deferred.minor, 0);
            let redeemed: i64 = price - unused_value(&purchase, as_of);
            let breakage: i64 = p.schedule.iter().map(|e| e.breakage.minor).sum();
            prop_assert_eq!(breakage, price - redeemed);
        }
    }
}
