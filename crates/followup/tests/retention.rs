//! retention_report on a small dataset whose numbers are worked out by hand in the comments.

#![allow(clippy::unwrap_used, reason = "tests unwrap fixtures")]

mod support;

use medspa_errors::{decode_value, CodedError};
use medspa_followup::{retention_report, GroupRate, Rate, RetentionReport, RetentionRequest};
use serde_json::{json, Value};
use support::assert_error;

fn try_report(request: &Value) -> Result<RetentionReport, CodedError> {
    let request: RetentionRequest = decode_value(request)?;
    retention_report(&request)
}

fn series(id: &str, treatment: &str, location: &str, sessions: &[&str], extra: Value) -> Value {
    let mut s = json!({"id": id, "clientId": format!("client-{id}"), "treatmentId": treatment,
                       "locationId": location, "sessions": sessions});
    for (k, v) in extra.as_object().unwrap() {
        s[k] = v.clone();
    }
    s
}

/// Today 2025-09-01, grace 30. Peel: 3 sessions, 14–21 days. Laser: 2 sessions, 28–42 days.
fn dataset() -> Value {
    json!({"today": "2025-09-01", "treatments": [
        {"treatmentId": "peel", "series": {"sessions": 3, "intervals": [{"min": 14, "max": 21}]}},
        {"treatmentId": "laser", "series": {"sessions": 2, "intervals": [{"min": 28, "max": 42}]}}],
    "series": [
        // Completed; gaps 15 and 16 (within). Follow-up.
        series("s1", "peel", "A", &["2025-05-01", "2025-05-16", "2025-06-01"], json!({"receivedFollowup": true})),
        // Window 05-24..05-31, 93 days past: stopped after 1. No follow-up.
        series("s2", "peel", "A", &["2025-05-10"], json!({"receivedFollowup": false})),
        // Gap 9 (early); window 06-24..07-01, 62 days past: stopped after 2. Follow-up.
        series("s3", "peel", "B", &["2025-06-01", "2025-06-10"], json!({"receivedFollowup": true})),
        // Completed; gap 35 (within). Follow-up.
        series("s4", "laser", "B", &["2025-06-15", "2025-07-20"], json!({"receivedFollowup": true})),
        // Window 07-29..08-12: 20 days overdue, at risk.
        series("s5", "laser", "A", &["2025-07-01"], json!({"valueMinor": 50_000})),
        // Window 08-02..08-16: 16 days overdue, at risk.
        series("s6", "laser", "B", &["2025-07-05"], json!({"valueMinor": 90_000})),
        // Window 09-03..09-10: on track (active).
        series("s7", "peel", "A", &["2025-08-20"], json!({})),
        // Not started.
        series("s8", "peel", "B", &[], json!({})),
        // 20 days overdue like s5, worth more: listed before it.
        series("s9", "laser", "A", &["2025-07-01"], json!({"valueMinor": 70_000})),
        // Completed; gap 50 (late). No follow-up.
        series("s10", "laser", "A", &["2025-05-01", "2025-06-20"], json!({"receivedFollowup": false})),
    ]})
}

fn rate(completed: u32, total: u32, bp: u32) -> Rate {
    Rate {
        completed,
        total,
        basis_points: Some(bp),
    }
}

fn groups(list: &[GroupRate]) -> Vec<(&str, Rate)> {
    list.iter().map(|g| (g.key.as_str(), g.rate)).collect()
}

#[test]
fn hand_computed_numbers() {
    let r = try_report(&dataset()).unwrap();
    let c = r.counts;
    assert_eq!(
        (
            c.series,
            c.completed,
            c.stopped,
            c.active,
            c.overdue,
            c.not_started
        ),
        (10, 3, 2, 1, 3, 1)
    );
    // Finished: s1, s4, s10 completed; s2, s3 stopped.
    assert_eq!(r.overall, rate(3, 5, 6_000));
    assert_eq!(
        groups(&r.by_treatment),
        [("laser", rate(2, 2, 10_000)), ("peel", rate(1, 3, 3_333))]
    );
    assert_eq!(
        groups(&r.by_location),
        [("A", rate(2, 3, 6_667)), ("B", rate(1, 2, 5_000))]
    );
    assert_eq!(
        groups(&r.by_start_month),
        [
            ("2025-05", rate(2, 3, 6_667)),
            ("2025-06", rate(1, 2, 5_000))
        ]
    );
    let drop: Vec<_> = r
        .drop_off
        .iter()
        .map(|d| (d.sessions_completed, d.series))
        .collect();
    assert_eq!(drop, [(1, 1), (2, 1)]);
    let gaps: Vec<_> = r
        .gaps
        .iter()
        .map(|g| {
            (
                g.treatment_id.as_str(),
                g.gaps,
                g.median_gap_days,
                g.protocol.map(|p| (p.min, p.max)),
                g.early,
                g.within,
                g.late,
            )
        })
        .collect();
    assert_eq!(
        gaps,
        [
            // Gaps 35 and 50: the lower median is 35.
            ("laser", 2, Some(35), Some((28, 42)), 0, 1, 1),
            // Gaps 15, 16, 9: median 15.
            ("peel", 3, Some(15), Some((14, 21)), 1, 2, 0),
        ]
    );
    let risk: Vec<_> = r
        .at_risk
        .iter()
        .map(|a| {
            (
                a.series_id.as_str(),
                a.days_overdue,
                a.value_minor,
                a.next_session,
            )
        })
        .collect();
    assert_eq!(
        risk,
        [
            ("s9", 20, 70_000, 2),
            ("s5", 20, 50_000, 2),
            ("s6", 16, 90_000, 2)
        ]
    );
    let f = r.followup.unwrap();
    // With: s1 and s4 completed, s3 stopped. Without: s10 completed, s2 stopped.
    assert_eq!(
        (f.with_followup, f.without_followup),
        (rate(2, 3, 6_667), rate(1, 2, 5_000))
    );
}

#[test]
fn the_comparison_is_absent_when_no_series_says() {
    let mut data = dataset();
    for s in data["series"].as_array_mut().unwrap() {
        s.as_object_mut().unwrap().remove("receivedFollowup");
    }
    assert_eq!(try_report(&data).unwrap().followup, None);
}

#[test]
fn a_longer_grace_keeps_series_active_longer() {
    let mut data = dataset();
    data["graceDays"] = json!(70);
    let r = try_report(&data).unwrap();
    // s3 (62 days) is now overdue, s2 (93 days) still stopped.
    assert_eq!((r.counts.stopped, r.counts.overdue), (1, 4));
    assert_eq!(r.overall, rate(3, 4, 7_500));
    assert_eq!(r.at_risk[0].series_id, "s3");
}

#[test]
fn bad_data_is_refused_with_paths() {
    let mut data = dataset();
    data["series"][2]["sessions"] = json!(["2025-06-10", "2025-06-01"]);
    assert_error(
        try_report(&data),
        "SESSIONS_OUT_OF_ORDER",
        "$.series[2].sessions[1]",
    );
    let mut data = dataset();
    data["series"][4]["treatmentId"] = json!("botox");
    assert_error(
        try_report(&data),
        "UNKNOWN_TREATMENT",
        "$.series[4].treatmentId",
    );
    let mut data = dataset();
    data["series"][0]["sessions"][1] = json!("2025-02-30");
    assert_error(try_report(&data), "INVALID_DATE", "$.series[0].sessions[1]");
    let mut data = dataset();
    data["treatments"][1]["series"]["sessions"] = json!(0);
    assert_error(
        try_report(&data),
        "OUT_OF_RANGE",
        "$.treatments[1].series.sessions",
    );
    let mut data = dataset();
    data["treatments"][1]["treatmentId"] = json!("peel");
    assert_error(
        try_report(&data),
        "DUPLICATE_ID",
        "$.treatments[1].treatmentId",
    );
}
