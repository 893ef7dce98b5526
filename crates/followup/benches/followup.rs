//! Criterion benchmarks: a 20-location group's day of follow-up plans (2,000 appointments,
//! target under 10 ms) and a retention report over 100,000 sessions (target under 50 ms).
//! Data comes from a fixed linear congruential generator: reproducible, no rand crate.

use criterion::{black_box, criterion_main, Criterion};
use medspa_followup::{
    followup_day, followup_plan, retention_report, FollowupDayRequest, FollowupPlanRequest,
    RetentionRequest,
};
use medspa_zoned::ChronoTz;
use serde_json::{json, Value};

const ZONES: [&str; 4] = [
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
];
const STATES: [Option<&str>; 6] = [
    None,
    Some("TX"),
    Some("RI"),
    Some("CT"),
    Some("FL"),
    Some("NY"),
];
const TREATMENTS: [&str; 6] = [
    "neurotoxin",
    "filler",
    "peel",
    "laser-hair",
    "microneedling",
    "hydrafacial",
];

/// A 64-bit linear congruential generator: reproducible data without a dependency.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// Six protocols of five steps: aftercare, 48 h and one-week check-ins, a rebooking prompt and
/// series reminders.
fn protocols() -> Vec<Value> {
    TREATMENTS
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let step = |id: &str, kind: &str, offset: Value, channel: &str| {
                json!({"id": id, "kind": kind, "offset": offset, "channel": channel,
                       "fallbackChannels": ["email"], "templateId": format!("{t}-{id}"), "class": "healthcare"})
            };
            json!({"id": format!("p-{t}"), "treatmentId": t,
                   "series": {"sessions": 3 + i % 4, "intervals": [{"min": 14 + 7 * i as u32, "max": 28 + 7 * i as u32}]},
                   "steps": [step("care", "aftercare", json!({"hours": 0}), "sms"),
                             step("48h", "check_in", json!({"hours": 48}), "sms"),
                             step("1w", "check_in", json!({"days": 7}), "sms"),
                             step("rebook", "rebooking", json!({"days": 3}), "sms"),
                             step("remind", "series_reminder", json!({"days": 7}), "email")]})
        })
        .collect()
}

fn group_day() -> Vec<FollowupPlanRequest> {
    let mut rng = Lcg(7);
    let protocols = protocols();
    (0..2_000u64)
        .map(|a| {
            let location = a % 20;
            let zone = ZONES[(location / 5) as usize];
            let client_zone = ZONES[rng.next(4) as usize];
            let hour = 8 + rng.next(11);
            let minute = 15 * rng.next(4);
            let first = TREATMENTS[rng.next(6) as usize];
            let second = TREATMENTS[rng.next(6) as usize];
            let treatments: Vec<&str> = if first == second || rng.next(4) != 0 { vec![first] } else { vec![first, second] };
            let opted: Vec<&str> = if rng.next(10) == 0 { vec!["sms"] } else { vec![] };
            let session = 1 + rng.next(3);
            let request = json!({
                "appointment": {"id": format!("appt-{a}"), "clientId": format!("client-{a}"),
                                "start": format!("2025-03-12T{hour:02}:{minute:02}:00Z"),
                                "end": format!("2025-03-12T{:02}:{minute:02}:00Z", hour + 1),
                                "zone": zone, "locationId": format!("loc-{location}"), "treatments": treatments,
                                "seriesSessions": [{"treatmentId": first, "session": session}]},
                "protocols": protocols,
                "client": {"id": format!("client-{a}"), "zone": client_zone, "state": STATES[rng.next(6) as usize],
                           "optedOut": opted},
                "now": format!("2025-03-12T{:02}:{minute:02}:00Z", hour + 1),
            });
            serde_json::from_value(request).expect("valid benchmark request")
        })
        .collect()
}

/// 25,000 series averaging four sessions: 100,000 sessions over 20 locations.
fn retention() -> RetentionRequest {
    let mut rng = Lcg(11);
    let treatments: Vec<Value> = TREATMENTS
        .iter()
        .enumerate()
        .map(|(i, t)| json!({"treatmentId": t, "series": {"sessions": 6, "intervals": [{"min": 14 + 7 * i as u32, "max": 28 + 7 * i as u32}]}}))
        .collect();
    let mut series = Vec::new();
    let mut total = 0;
    let mut s = 0u64;
    while total < 100_000 {
        let n = 1 + rng.next(7) as usize;
        let mut day = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).expect("valid")
            + chrono::Days::new(rng.next(500));
        let sessions: Vec<String> = (0..n)
            .map(|_| {
                let d = day.format("%Y-%m-%d").to_string();
                day = day + chrono::Days::new(10 + rng.next(50));
                d
            })
            .collect();
        total += n;
        series.push(json!({"id": format!("s-{s}"), "clientId": format!("c-{s}"),
                           "treatmentId": TREATMENTS[rng.next(6) as usize], "locationId": format!("loc-{}", s % 20),
                           "sessions": sessions, "valueMinor": 10_000 * rng.next(50) as i64,
                           "receivedFollowup": if rng.next(3) == 0 { Value::Null } else { json!(rng.next(2) == 0) }}));
        s += 1;
    }
    serde_json::from_value(
        json!({"today": "2025-09-01", "treatments": treatments, "series": series}),
    )
    .expect("valid benchmark report")
}

fn benches(c: &mut Criterion) {
    let day = group_day();
    let planned: usize = day
        .iter()
        .map(|r| followup_plan(&ChronoTz, r).expect("plans").messages.len())
        .sum();
    assert!(planned > 6_000, "{planned} messages");
    c.bench_function(
        "followup/plan day (20 locations, 2,000 appointments)",
        |b| {
            b.iter(|| {
                for request in &day {
                    black_box(followup_plan(&ChronoTz, black_box(request)).expect("plans"));
                }
            })
        },
    );
    let batch: FollowupDayRequest = serde_json::from_value(json!({
        "protocols": protocols(),
        "now": "2025-03-12T08:00:00Z",
        "items": day.iter().map(|r| json!({"appointment": r.appointment, "client": r.client})).collect::<Vec<_>>(),
    }))
    .expect("valid day");
    let plans = followup_day(&ChronoTz, &batch).expect("plans").plans;
    assert_eq!(plans.len(), 2_000);
    c.bench_function(
        "followup/followup_day (20 locations, 2,000 appointments, one request)",
        |b| b.iter(|| followup_day(&ChronoTz, black_box(&batch))),
    );
    let report = retention();
    let sessions: usize = report.series.iter().map(|s| s.sessions.len()).sum();
    assert!(sessions >= 100_000);
    retention_report(&report).expect("reports");
    c.bench_function("followup/retention_report (100,000 sessions)", |b| {
        b.iter(|| retention_report(black_box(&report)))
    });
}

fn all() {
    let mut criterion = Criterion::default().configure_from_args();
    benches(&mut criterion);
}

criterion_main!(all);
