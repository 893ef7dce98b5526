//! Benchmarks of the package operations: valuing a mixed package, a refund, and deferred revenue
//! over 1,000 purchases.

use chrono::{Days, NaiveDate};
use criterion::{black_box, criterion_main, Criterion};
use medspa_billing::package::{
    deferred_revenue, package_refund, package_schedule, BreakagePolicy, CancellationFee,
    DeferredRevenueRequest, Package, PackageItem, PackagePurchase, PackageRefundRequest,
    PackageScheduleRequest, RefundBasis, RefundPolicy, SessionRedemption,
};
use medspa_billing::{Currency, Money, Percent};

fn usd(minor: i64) -> Money {
    Money::new(minor, Currency::parse("USD").expect("USD"))
}

fn day(offset: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1).expect("a date") + Days::new(offset)
}

/// 3 neurotoxin + 2 filler + 6 IPL + 4 HydraFacial for $4,999.99, expiring after a year.
fn mixed_package() -> Package {
    let item = |id: &str, sessions, list| PackageItem {
        service_id: id.into(),
        name: id.into(),
        sessions,
        list_price: usd(list),
    };
    Package {
        price: usd(499_999),
        items: vec![
            item("neurotoxin", 3, 45_000),
            item("filler", 2, 72_500),
            item("ipl", 6, 35_000),
            item("hydrafacial", 4, 19_900),
        ],
        expires_on: Some(day(365)),
    }
}

/// The item of each session in the order a client might use them: 3 neurotoxin, 2 filler, 6 IPL
/// and 4 HydraFacial in all.
const VISITS: [u32; 15] = [0, 2, 3, 1, 2, 0, 2, 3, 1, 2, 3, 0, 2, 3, 2];

/// A purchase with its first `used` visits redeemed, three weeks apart.
fn purchase(used: usize) -> PackagePurchase {
    let redemptions = (0u64..)
        .zip(VISITS.iter().take(used))
        .map(|(n, &item)| SessionRedemption {
            item_index: Some(item),
            service_id: None,
            redeemed_on: day(10 + 21 * n),
        })
        .collect();
    PackagePurchase {
        package: mixed_package(),
        purchased_on: day(0),
        tax_paid: Some(usd(44_375)),
        redemptions,
    }
}

fn benches(c: &mut Criterion) {
    let schedule = PackageScheduleRequest {
        package: mixed_package(),
    };
    // Each request is checked once, so a benchmark never measures an early error.
    package_schedule(&schedule).expect("a valid package");
    c.bench_function("package_schedule/mixed_4_items", |b| {
        b.iter(|| package_schedule(black_box(&schedule)))
    });

    let refund = PackageRefundRequest {
        purchase: purchase(5),
        refund_on: day(200),
        policy: RefundPolicy {
            basis: RefundBasis::ListPriceDeduction,
            none_after_expiry: true,
            fee: Some(CancellationFee {
                fixed: Some(usd(2_500)),
                percent_of_price: Some(Percent::parse("5").expect("a rate")),
            }),
        },
    };
    package_refund(&refund).expect("a valid refund");
    c.bench_function("package_refund/list_price_with_fee", |b| {
        b.iter(|| package_refund(black_box(&refund)))
    });

    let purchases: Vec<PackagePurchase> = (0..1_000)
        .map(|n| purchase(n % (VISITS.len() + 1)))
        .collect();
    for (name, breakage) in [
        ("at_expiry", BreakagePolicy::AtExpiry),
        (
            "proportional",
            BreakagePolicy::Proportional {
                expected_unused: Percent::parse("12.5").expect("a rate"),
            },
        ),
    ] {
        let request = DeferredRevenueRequest {
            purchases: purchases.clone(),
            as_of: day(180),
            breakage,
        };
        deferred_revenue(&request).expect("valid purchases");
        c.bench_function(&format!("deferred_revenue/1000_purchases/{name}"), |b| {
            b.iter(|| deferred_revenue(black_box(&request)))
        });
    }
}

/// The group `criterion_main!` runs; written out because `criterion_group!` makes an undocumented
/// public function, which the workspace's `missing_docs` lint rejects.
fn package() {
    let mut criterion = Criterion::default().configure_from_args();
    benches(&mut criterion);
}

criterion_main!(package);
