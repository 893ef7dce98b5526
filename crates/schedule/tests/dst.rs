//! DST: slot grids on transition days, nothing at a nonexistent local time, repeated times at
//! their first occurrence, offsets carried, and series that keep their wall-clock time, in
//! New York, Los Angeles, London and Sydney.

mod support;

use medspa_schedule::*;
use medspa_zoned::ChronoTz;
use serde_json::{json, Value};
use support::starts;

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Open every day `open`–`close`, one provider with the same hours, 30-minute treatment.
fn clinic(zone: &str, open: &str, close: &str, step: u32) -> Value {
    let week: Vec<Value> = DAYS
        .iter()
        .map(|d| json!({"day": d, "start": open, "end": close}))
        .collect();
    json!({
        "location": {"zone": zone, "hours": week, "slotStepMinutes": step},
        "catalog": {"treatments": [{"id": "t", "durationMinutes": 30,
            "series": {"sessions": 4, "intervals": [{"min": 7, "max": 7}]}}]},
        "providers": [{"id": "ana", "hours": week}]
    })
}

fn day_slots(zone: &str, date: &str, open: &str, close: &str) -> Vec<String> {
    starts(
        json!({"clinic": clinic(zone, open, close, 30), "treatmentId": "t",
        "from": date, "to": date, "now": "2025-01-01T00:00Z", "limit": 1000}),
    )
}

/// Every slot names a wall time that resolves back to itself (so it exists) with `Ok` or the
/// documented first occurrence.
fn all_exist(zone: &str, slots: &[String]) {
    for s in slots {
        let (date, rest) = s.split_at(10);
        let time = &rest[1..6];
        let r = resolve_local_time(
            &ChronoTz,
            &LocalTimeRequest {
                date: date.into(),
                time: time.into(),
                zone: zone.into(),
                policy: LocalTimePolicy::default(),
            },
        )
        .expect("resolves");
        assert_ne!(r.resolution, medspa_zoned::Resolution::GapShifted, "{s}");
        assert_eq!(
            &r.instant, s,
            "{s} is the first occurrence of its wall time"
        );
    }
}

#[test]
fn new_york_spring_forward_grid_skips_the_gap() {
    let got = day_slots("America/New_York", "2025-03-09", "00:00", "04:00");
    assert_eq!(
        got,
        [
            "2025-03-09T00:00-05:00",
            "2025-03-09T00:30-05:00",
            "2025-03-09T01:00-05:00",
            "2025-03-09T01:30-05:00",
            "2025-03-09T03:00-04:00",
            "2025-03-09T03:30-04:00"
        ]
    );
    all_exist("America/New_York", &got);
}

#[test]
fn new_york_fall_back_grid_takes_first_occurrences() {
    let got = day_slots("America/New_York", "2025-11-02", "00:00", "03:00");
    assert_eq!(
        got,
        [
            "2025-11-02T00:00-04:00",
            "2025-11-02T00:30-04:00",
            "2025-11-02T01:00-04:00",
            "2025-11-02T01:30-04:00",
            "2025-11-02T02:00-05:00",
            "2025-11-02T02:30-05:00"
        ]
    );
    all_exist("America/New_York", &got);
}

#[test]
fn los_angeles_both_transitions() {
    let spring = day_slots("America/Los_Angeles", "2025-03-09", "01:00", "04:00");
    assert_eq!(
        spring,
        [
            "2025-03-09T01:00-08:00",
            "2025-03-09T01:30-08:00",
            "2025-03-09T03:00-07:00",
            "2025-03-09T03:30-07:00"
        ]
    );
    let fall = day_slots("America/Los_Angeles", "2025-11-02", "01:00", "02:00");
    assert_eq!(fall, ["2025-11-02T01:00-07:00", "2025-11-02T01:30-07:00"]);
    all_exist("America/Los_Angeles", &spring);
    all_exist("America/Los_Angeles", &fall);
}

#[test]
fn london_both_transitions() {
    let spring = day_slots("Europe/London", "2025-03-30", "00:00", "03:00");
    assert_eq!(
        spring,
        [
            "2025-03-30T00:00+00:00",
            "2025-03-30T00:30+00:00",
            "2025-03-30T02:00+01:00",
            "2025-03-30T02:30+01:00"
        ]
    );
    let fall = day_slots("Europe/London", "2025-10-26", "00:30", "02:00");
    assert_eq!(
        fall,
        [
            "2025-10-26T00:30+01:00",
            "2025-10-26T01:00+01:00",
            "2025-10-26T01:30+01:00"
        ]
    );
    all_exist("Europe/London", &spring);
    all_exist("Europe/London", &fall);
}

#[test]
fn sydney_both_transitions() {
    // DST ends 6 April 2025 at 03:00 (back to 02:00); starts 5 October at 02:00 (to 03:00).
    let autumn = day_slots("Australia/Sydney", "2025-04-06", "01:30", "03:30");
    assert_eq!(
        autumn,
        [
            "2025-04-06T01:30+11:00",
            "2025-04-06T02:00+11:00",
            "2025-04-06T02:30+11:00",
            "2025-04-06T03:00+10:00"
        ]
    );
    let spring = day_slots("Australia/Sydney", "2025-10-05", "01:00", "04:00");
    assert_eq!(
        spring,
        [
            "2025-10-05T01:00+10:00",
            "2025-10-05T01:30+10:00",
            "2025-10-05T03:00+11:00",
            "2025-10-05T03:30+11:00"
        ]
    );
    all_exist("Australia/Sydney", &autumn);
    all_exist("Australia/Sydney", &spring);
}

#[test]
fn a_window_ending_in_the_gap_ends_at_the_shifted_time() {
    // 01:00–02:30 on New York's spring-forward day: 02:30 is read as 03:30 EDT, so the window
    // really lasts 1.5 h of wall clock but 1.5 h of real time too; 01:30 + 30 min fits.
    let got = day_slots("America/New_York", "2025-03-09", "01:00", "02:30");
    assert_eq!(got, ["2025-03-09T01:00-05:00", "2025-03-09T01:30-05:00"]);
}

fn series(zone: &str, now: &str) -> Vec<String> {
    let request: PlanSeriesRequest = serde_json::from_value(json!({
        "clinic": clinic(zone, "10:00", "12:00", 60), "treatmentId": "t", "now": now
    }))
    .expect("valid");
    plan_series(&ChronoTz, &request)
        .expect("answers")
        .plan
        .expect("plan")
        .sessions
        .into_iter()
        .map(|s| s.start)
        .collect()
}

#[test]
fn series_keep_wall_clock_time_across_dst() {
    let cases = [
        (
            "America/New_York",
            "2025-02-25T00:00Z",
            [
                "2025-02-25T10:00-05:00",
                "2025-03-04T10:00-05:00",
                "2025-03-11T10:00-04:00",
                "2025-03-18T10:00-04:00",
            ],
        ),
        (
            "America/Los_Angeles",
            "2025-10-20T00:00Z",
            [
                "2025-10-20T10:00-07:00",
                "2025-10-27T10:00-07:00",
                "2025-11-03T10:00-08:00",
                "2025-11-10T10:00-08:00",
            ],
        ),
        (
            "Europe/London",
            "2025-03-20T00:00Z",
            [
                "2025-03-20T10:00+00:00",
                "2025-03-27T10:00+00:00",
                "2025-04-03T10:00+01:00",
                "2025-04-10T10:00+01:00",
            ],
        ),
        (
            "Australia/Sydney",
            "2025-03-25T00:00Z",
            [
                "2025-03-25T11:00+11:00",
                "2025-04-01T11:00+11:00",
                "2025-04-08T11:00+10:00",
                "2025-04-15T11:00+10:00",
            ],
        ),
    ];
    for (zone, now, want) in cases {
        assert_eq!(series(zone, now), want, "{zone}");
    }
}

#[test]
fn validate_counts_local_days_not_24_hour_periods() {
    // 7 local days across spring forward is 167 hours: still exactly 7 days.
    let request: ValidatePlanRequest = serde_json::from_value(json!({
        "clinic": clinic("America/New_York", "09:00", "17:00", 30), "treatmentId": "t",
        "now": "2025-01-01T00:00Z",
        "plan": {"sessions": [{"start": "2025-03-05T10:00-05:00", "providerId": "ana"},
                              {"start": "2025-03-12T10:00-04:00", "providerId": "ana"}]}
    }))
    .expect("valid");
    assert!(validate_plan(&ChronoTz, &request).expect("answers").valid);
}

/// `resolveLocalTime` with a policy given as JSON, as a booking widget sends it: the instant,
/// offset and resolution, or the error's code and path.
fn resolve_with(zone: &str, date: &str, time: &str, policy: Value) -> Result<String, String> {
    let request: LocalTimeRequest = medspa_errors::decode_value(
        &json!({"date": date, "time": time, "zone": zone, "policy": policy}),
    )
    .map_err(|e| format!("{} {}", e.code, e.path))?;
    match resolve_local_time(&ChronoTz, &request) {
        Ok(r) => {
            assert!(r.instant.ends_with(&r.offset), "{r:?}");
            Ok(format!("{} {}", r.instant, r.resolution.as_str()))
        }
        Err(e) => {
            assert!(
                !e.message.contains(time) && !e.message.contains(zone),
                "{e}"
            );
            Err(format!("{} {}", e.code, e.path))
        }
    }
}

#[test]
fn local_time_policies_in_gaps_and_folds() {
    let ny = "America/New_York";
    let la = "America/Los_Angeles";
    let lon = "Europe/London";
    let syd = "Australia/Sydney";
    let ok = |s: &str| Ok(s.to_string());
    let no = |s: &str| Err(s.to_string());
    let gap_reject = json!({"gap": "reject"});
    let fold_latest = json!({"ambiguous": "latest"});
    let fold_reject = json!({"ambiguous": "reject"});
    let table = [
        // Gaps: shifted forward by default, refused under `reject`.
        (
            ny,
            "2025-03-09",
            "02:30",
            json!({}),
            ok("2025-03-09T03:30-04:00 gap_shifted"),
        ),
        (
            ny,
            "2025-03-09",
            "02:30",
            gap_reject.clone(),
            no("NONEXISTENT_LOCAL_TIME $.time"),
        ),
        (
            la,
            "2025-03-09",
            "02:00",
            json!({"gap": "shift_forward"}),
            ok("2025-03-09T03:00-07:00 gap_shifted"),
        ),
        (
            la,
            "2025-03-09",
            "02:59",
            gap_reject.clone(),
            no("NONEXISTENT_LOCAL_TIME $.time"),
        ),
        (
            lon,
            "2025-03-30",
            "01:30",
            json!({}),
            ok("2025-03-30T02:30+01:00 gap_shifted"),
        ),
        (
            lon,
            "2025-03-30",
            "01:30",
            gap_reject.clone(),
            no("NONEXISTENT_LOCAL_TIME $.time"),
        ),
        (
            syd,
            "2025-10-05",
            "02:30",
            json!({}),
            ok("2025-10-05T03:30+11:00 gap_shifted"),
        ),
        (
            syd,
            "2025-10-05",
            "02:30",
            gap_reject.clone(),
            no("NONEXISTENT_LOCAL_TIME $.time"),
        ),
        // Folds: the first occurrence by default, the second under `latest`, refused under `reject`.
        (
            ny,
            "2025-11-02",
            "01:30",
            json!({"ambiguous": "earliest"}),
            ok("2025-11-02T01:30-04:00 ambiguous_resolved"),
        ),
        (
            ny,
            "2025-11-02",
            "01:30",
            fold_latest.clone(),
            ok("2025-11-02T01:30-05:00 ambiguous_resolved"),
        ),
        (
            ny,
            "2025-11-02",
            "01:30",
            fold_reject.clone(),
            no("AMBIGUOUS_LOCAL_TIME $.time"),
        ),
        (
            la,
            "2025-11-02",
            "01:00",
            fold_latest.clone(),
            ok("2025-11-02T01:00-08:00 ambiguous_resolved"),
        ),
        (
            la,
            "2025-11-02",
            "01:59",
            fold_reject.clone(),
            no("AMBIGUOUS_LOCAL_TIME $.time"),
        ),
        (
            lon,
            "2025-10-26",
            "01:15",
            json!({}),
            ok("2025-10-26T01:15+01:00 ambiguous_resolved"),
        ),
        (
            lon,
            "2025-10-26",
            "01:15",
            fold_latest.clone(),
            ok("2025-10-26T01:15+00:00 ambiguous_resolved"),
        ),
        (
            syd,
            "2026-04-05",
            "02:30",
            json!({}),
            ok("2026-04-05T02:30+11:00 ambiguous_resolved"),
        ),
        (
            syd,
            "2026-04-05",
            "02:30",
            fold_latest.clone(),
            ok("2026-04-05T02:30+10:00 ambiguous_resolved"),
        ),
        (
            syd,
            "2026-04-05",
            "02:30",
            fold_reject.clone(),
            no("AMBIGUOUS_LOCAL_TIME $.time"),
        ),
        // A policy only matters in a gap or fold: ordinary times and the other case are untouched.
        (
            ny,
            "2025-11-02",
            "03:00",
            json!({"gap": "reject", "ambiguous": "reject"}),
            ok("2025-11-02T03:00-05:00 ok"),
        ),
        (
            syd,
            "2025-10-05",
            "02:30",
            fold_reject.clone(),
            ok("2025-10-05T03:30+11:00 gap_shifted"),
        ),
        (
            lon,
            "2025-10-26",
            "01:15",
            gap_reject.clone(),
            ok("2025-10-26T01:15+01:00 ambiguous_resolved"),
        ),
        (
            syd,
            "2025-07-01",
            "09:00",
            fold_latest,
            ok("2025-07-01T09:00+10:00 ok"),
        ),
        // The option is named and checked like every field.
        (
            ny,
            "2025-11-02",
            "01:30",
            json!({"ambiguous": "second"}),
            no("INVALID_VALUE $.policy.ambiguous"),
        ),
        (
            ny,
            "2025-11-02",
            "01:30",
            json!({"fold": "latest"}),
            no("UNKNOWN_FIELD $.policy"),
        ),
    ];
    for (zone, date, time, policy, expect) in table {
        assert_eq!(
            resolve_with(zone, date, time, policy.clone()),
            expect,
            "{zone} {date} {time} {policy}"
        );
    }
}
