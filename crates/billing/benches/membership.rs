//! Criterion benchmarks of membership statements (a year of monthly dues: target under 10 µs;
//! the same year with credits, a pause and a plan change), a 12-part installment plan, and a
//! payment-reminder plan.

use criterion::{black_box, criterion_main, Criterion};
use medspa_billing::installments::{installment_plan, InstallmentRequest};
use medspa_billing::membership::{membership_charges, MembershipChargesRequest};
use medspa_billing::reminders::{payment_reminders, PaymentRemindersRequest};

/// $129.00 a month from 31 January 2025, listed for one year.
fn plain_year() -> MembershipChargesRequest {
    serde_json::from_str(
        r#"{"membership":{"plan":{"price":{"minor":12900,"currency":"USD"},"period":"monthly"},"start":"2025-01-31"},
            "from":"2025-01-01","to":"2026-01-01"}"#,
    )
    .expect("benchmark membership is valid")
}

/// The same year with monthly credits (cap, expiry), two redemptions, a pause and an upgrade.
fn busy_year() -> MembershipChargesRequest {
    serde_json::from_str(
        r#"{"membership":{"plan":{"price":{"minor":12900,"currency":"USD"},"period":"monthly"},"start":"2025-01-31",
              "credits":{"monthly":{"minor":5000,"currency":"USD"},"rolloverCap":{"minor":10000,"currency":"USD"},"expiresAfterMonths":3},
              "pauses":[{"start":"2025-06-10","end":"2025-07-20"}],
              "planChanges":[{"on":"2025-09-15","plan":{"price":{"minor":17900,"currency":"USD"},"period":"monthly"}}],
              "minimumTermMonths":12,"earlyTerminationFee":{"minor":25000,"currency":"USD"}},
            "from":"2025-01-01","to":"2026-01-01",
            "redemptions":[{"date":"2025-03-03","amount":{"minor":7500,"currency":"USD"}},
                           {"date":"2025-10-01","amount":{"minor":4000,"currency":"USD"}}]}"#,
    )
    .expect("benchmark membership is valid")
}

fn twelve_parts() -> InstallmentRequest {
    serde_json::from_str(
        r#"{"total":{"minor":389900,"currency":"USD"},"deposit":{"minor":50000,"currency":"USD"},
            "count":12,"firstDue":"2025-01-31","oddUnits":"spread_first"}"#,
    )
    .expect("benchmark plan is valid")
}

fn reminders() -> PaymentRemindersRequest {
    serde_json::from_str(
        r#"{"invoice":{"id":"INV-1","total":{"minor":50000,"currency":"USD"},"paid":{"minor":20000,"currency":"USD"},
              "issued":"2025-03-01","due":"2025-03-31"},"now":"2025-04-20","cadence":[-3,0,7,14,30,45,60],
            "lateFee":{"fee":{"percent":"1.5"},"graceDays":5,"repeat":{"every_n_days":30},"cap":{"minor":2000,"currency":"USD"}}}"#,
    )
    .expect("benchmark invoice is valid")
}

fn benches(c: &mut Criterion) {
    let plain = plain_year();
    let busy = busy_year();
    let plan = twelve_parts();
    let invoice = reminders();
    c.bench_function("membership/one year monthly", |b| {
        b.iter(|| membership_charges(black_box(&plain)).expect("lists"))
    });
    c.bench_function("membership/one year, credits, pause, plan change", |b| {
        b.iter(|| membership_charges(black_box(&busy)).expect("lists"))
    });
    c.bench_function("installments/12 parts with deposit", |b| {
        b.iter(|| installment_plan(black_box(&plan)).expect("plans"))
    });
    c.bench_function("reminders/7 offsets, repeating percent fee", |b| {
        b.iter(|| payment_reminders(black_box(&invoice)).expect("plans"))
    });
}

/// The group `criterion_main!` runs, written out because `criterion_group!` would make an
/// undocumented public function.
pub fn membership() {
    let mut criterion = Criterion::default().configure_from_args();
    benches(&mut criterion);
}

criterion_main!(membership);
