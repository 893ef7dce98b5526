//! Criterion benchmarks on the large clinic of `tests/support` (20 providers, 8 rooms, 4 devices,
//! 12-month horizon, 15-minute step): `find_slots` for one day (target < 1 ms) and one month
//! (< 10 ms), and `plan_series` for a 6-session series with a consultation (< 5 ms). Each runs on
//! two calendars: 10,000 appointments in the coming year, and the same density with 30,000 more
//! in the three years before, to show that cost follows the appointments in the searched range.

#![allow(
    missing_docs,
    reason = "criterion's macros generate undocumented functions"
)]

#[path = "../tests/support/mod.rs"]
mod support;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use medspa_schedule::{find_slots, plan_series};
use medspa_zoned::ChronoTz;
use support::*;

fn benches(c: &mut Criterion) {
    for (label, past) in [("10k", 0), ("40k", 30_000)] {
        let clinic = large_clinic(past, 10_000);
        let day = find_request(clinic.clone(), "2025-03-12", "2025-03-12", false);
        let month = find_request(clinic.clone(), "2025-03-01", "2025-03-31", true);
        let plan = plan_request(clinic);
        let n = find_slots(&ChronoTz, &day).expect("valid").slots.len();
        let m = find_slots(&ChronoTz, &month).expect("valid").slots.len();
        assert!(n > 0 && m > 0);
        let answer = plan_series(&ChronoTz, &plan).expect("valid");
        assert!(answer.plan.is_some());
        c.bench_function(
            &format!("find_slots/one day, all providers ({label})"),
            |b| b.iter(|| find_slots(&ChronoTz, black_box(&day)).expect("valid")),
        );
        c.bench_function(
            &format!("find_slots/one month, one per start ({label})"),
            |b| b.iter(|| find_slots(&ChronoTz, black_box(&month)).expect("valid")),
        );
        c.bench_function(
            &format!("plan_series/6 sessions + consultation ({label})"),
            |b| b.iter(|| plan_series(&ChronoTz, black_box(&plan)).expect("valid")),
        );
    }
}

criterion_group!(schedule, benches);
criterion_main!(schedule);
