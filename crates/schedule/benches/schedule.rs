//! Criterion benchmarks on the large clinic of `tests/support` (20 providers, 8 rooms, 4 devices,
//! 12-month horizon, 15-minute step): `find_slots` for one day (target < 1 ms) and one month
//! (< 10 ms), and `plan_series` for a 6-session series with a consultation (< 5 ms). Each runs on
//! two calendars: 10,000 appointments in the coming year, and the same density with 30,000 more
//! in the three years before.
//!
//! Rows: `prepare` (validating and indexing the clinic once), each query on the prepared clinic
//! (`*_in`, whose medians should be about equal on both calendars: a query reads only the busy
//! time of the days it searches), booking and cancelling one appointment on the prepared clinic,
//! and the one-shot calls, which compile the clinic on every call (skipping, unread, the
//! appointments far from the searched days).

#![allow(
    missing_docs,
    reason = "criterion's macros generate undocumented functions"
)]

#[path = "../tests/support/mod.rs"]
mod support;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use medspa_schedule::{
    find_slots, find_slots_in, plan_series, plan_series_in, Appointment, PreparedClinic,
};
use medspa_zoned::ChronoTz;
use support::*;

fn benches(c: &mut Criterion) {
    for (label, past) in [("10k", 0), ("40k", 30_000)] {
        let clinic = large_clinic(past, 10_000);
        let day = find_request(clinic.clone(), "2025-03-12", "2025-03-12", false);
        let month = find_request(clinic.clone(), "2025-03-01", "2025-03-31", true);
        let plan = plan_request(clinic.clone());
        let n = find_slots(&ChronoTz, &day).expect("valid").slots.len();
        let m = find_slots(&ChronoTz, &month).expect("valid").slots.len();
        assert!(n > 0 && m > 0);
        let answer = plan_series(&ChronoTz, &plan).expect("valid");
        assert!(answer.plan.is_some());

        let mut prepared = PreparedClinic::new(&ChronoTz, clinic.clone()).expect("valid");
        let (mut day_in, mut month_in, mut plan_in) = (day.clone(), month.clone(), plan.clone());
        day_in.clinic = None;
        month_in.clinic = None;
        plan_in.clinic = None;
        // Same answers, or the rows compare different work.
        assert_eq!(
            find_slots_in(&ChronoTz, &prepared, &day_in),
            find_slots(&ChronoTz, &day)
        );
        assert_eq!(
            plan_series_in(&ChronoTz, &prepared, &plan_in),
            plan_series(&ChronoTz, &plan)
        );

        c.bench_function(&format!("prepare/large clinic ({label})"), |b| {
            b.iter_batched(
                || clinic.clone(),
                |clinic| PreparedClinic::new(&ChronoTz, clinic).expect("valid"),
                criterion::BatchSize::LargeInput,
            )
        });
        c.bench_function(
            &format!("find_slots_in/one day, all providers ({label})"),
            |b| b.iter(|| find_slots_in(&ChronoTz, &prepared, black_box(&day_in)).expect("valid")),
        );
        c.bench_function(
            &format!("find_slots_in/one month, one per start ({label})"),
            |b| {
                b.iter(|| find_slots_in(&ChronoTz, &prepared, black_box(&month_in)).expect("valid"))
            },
        );
        c.bench_function(
            &format!("plan_series_in/6 sessions + consultation ({label})"),
            |b| {
                b.iter(|| plan_series_in(&ChronoTz, &prepared, black_box(&plan_in)).expect("valid"))
            },
        );
        let slot = find_slots_in(&ChronoTz, &prepared, &day_in)
            .expect("valid")
            .slots[0]
            .clone();
        let booking = Appointment {
            id: Some("web-1".into()),
            start: slot.start,
            end: slot.end,
            provider_id: Some(slot.provider_id),
            resource_ids: slot.resource_ids,
            buffer_before_minutes: 10,
            buffer_after_minutes: 15,
        };
        let ids = ["web-1".to_string()];
        c.bench_function(
            &format!("add_appointments + remove_appointments/one booking ({label})"),
            |b| {
                b.iter(|| {
                    prepared
                        .add_appointments(&ChronoTz, vec![booking.clone()])
                        .expect("valid");
                    prepared.remove_appointments(black_box(&ids))
                })
            },
        );

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
