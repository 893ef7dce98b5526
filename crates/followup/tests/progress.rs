//! series_progress: windows in the clinic's local dates, each status and its boundaries, and
//! histories out of order.

mod support;

use medspa_errors::{decode_value, CodedError};
use medspa_followup::{series_progress, PlanProgress, SeriesProgressRequest, SeriesStatus};
use medspa_zoned::ChronoTz;
use serde_json::{json, Value};
use support::assert_error;

fn try_progress(request: &Value) -> Result<Vec<PlanProgress>, CodedError> {
    let request: SeriesProgressRequest = decode_value(request)?;
    Ok(series_progress(&ChronoTz, &request)?.plans)
}

/// One peel plan (3 sessions, 28–42 days) with `sessions`, seen at `now` in New York.
fn one(sessions: &[&str], now: &str, grace: Option<u32>) -> PlanProgress {
    let request = json!({"now": now, "zone": "America/New_York", "graceDays": grace,
        "plans": [{"id": "p1", "clientId": "c1",
                   "series": {"sessions": 3, "intervals": [{"min": 28, "max": 42}]},
                   "sessions": sessions}]});
    let mut plans = try_progress(&request).unwrap_or_else(|e| panic!("{e}"));
    plans.remove(0)
}

fn window(p: &PlanProgress) -> Option<(&str, &str)> {
    p.window
        .as_ref()
        .map(|w| (w.start.as_str(), w.end.as_str()))
}

#[test]
fn each_status_at_its_boundaries() {
    // Last session on 2025-05-01 (New York): window 2025-05-29 ..= 2025-06-12.
    let done = ["2025-04-01T10:00-04:00", "2025-05-01T10:00-04:00"];
    let cases = [
        ("2025-05-28T23:59-04:00", None, SeriesStatus::OnTrack, 0),
        ("2025-05-29T00:00-04:00", None, SeriesStatus::Due, 0),
        ("2025-06-12T23:59-04:00", None, SeriesStatus::Due, 0),
        ("2025-06-13T00:00-04:00", None, SeriesStatus::Overdue, 1),
        // The default grace is 30 days.
        ("2025-07-12T12:00-04:00", None, SeriesStatus::Overdue, 30),
        ("2025-07-13T12:00-04:00", None, SeriesStatus::Lapsed, 31),
        ("2025-06-19T12:00-04:00", Some(7), SeriesStatus::Overdue, 7),
        ("2025-06-20T12:00-04:00", Some(7), SeriesStatus::Lapsed, 8),
    ];
    for (now, grace, status, late) in cases {
        let p = one(&done, now, grace);
        assert_eq!(
            (p.status, p.days_overdue),
            (status, late),
            "{now} {grace:?}"
        );
        assert_eq!(window(&p), Some(("2025-05-29", "2025-06-12")));
        assert_eq!((p.done, p.remaining, p.next_session), (2, 1, Some(3)));
    }
}

#[test]
fn completed_and_not_started() {
    let p = one(
        &[
            "2025-04-01T10:00-04:00",
            "2025-05-01T10:00-04:00",
            "2025-06-01T10:00-04:00",
        ],
        "2026-01-01T12:00Z",
        None,
    );
    assert_eq!(
        (p.status, p.done, p.remaining, p.next_session, window(&p)),
        (SeriesStatus::Completed, 3, 0, None, None)
    );
    let p = one(&[], "2026-01-01T12:00Z", None);
    assert_eq!(
        (p.status, p.done, p.remaining, p.next_session, window(&p)),
        (SeriesStatus::Due, 0, 3, Some(1), None)
    );
}

#[test]
fn windows_count_local_dates_of_the_clinic() {
    // 23:30 in New York on 2025-03-01 is already 2025-03-02 in UTC: the local date counts.
    // The window crosses spring forward without moving.
    let p = one(&["2025-03-01T23:30-05:00"], "2025-03-02T12:00Z", None);
    assert_eq!(window(&p), Some(("2025-03-29", "2025-04-12")));
    assert_eq!(p.status, SeriesStatus::OnTrack);
}

#[test]
fn repeating_intervals_use_the_last_entry() {
    let request = json!({"now": "2025-05-10T12:00Z", "zone": "UTC",
        "plans": [{"id": "tox", "clientId": "c1",
                   "series": {"sessions": 4, "intervals": [{"min": 14, "max": 21}, {"min": 90, "max": 120}]},
                   "sessions": ["2025-01-01T10:00Z", "2025-01-16T10:00Z", "2025-04-20T10:00Z"]}]});
    let p = &try_progress(&request).unwrap()[0];
    assert_eq!(window(p), Some(("2025-07-19", "2025-08-18")));
    assert_eq!(p.status, SeriesStatus::OnTrack);
}

#[test]
fn out_of_order_histories_and_other_errors_have_paths() {
    let base = |sessions: Value| {
        json!({"now": "2025-06-01T12:00Z", "zone": "America/New_York",
        "plans": [{"id": "p1", "clientId": "c1", "series": {"sessions": 3, "intervals": [{"min": 28, "max": 42}]}, "sessions": []},
                  {"id": "p2", "clientId": "c2", "series": {"sessions": 3, "intervals": [{"min": 28, "max": 42}]}, "sessions": sessions}]})
    };
    assert_error(
        try_progress(&base(json!(["2025-05-01T10:00Z", "2025-04-01T10:00Z"]))),
        "SESSIONS_OUT_OF_ORDER",
        "$.plans[1].sessions[1]",
    );
    assert_error(
        try_progress(&base(json!([
            "2025-05-01T10:00Z",
            "2025-05-01T06:00-04:00"
        ]))),
        "SESSIONS_OUT_OF_ORDER",
        "$.plans[1].sessions[1]",
    );
    assert_error(
        try_progress(&base(json!(["May 1"]))),
        "INVALID_INSTANT",
        "$.plans[1].sessions[0]",
    );
    let mut bad = base(json!([]));
    bad["plans"][0]["series"]["intervals"][0]["min"] = json!(50);
    assert_error(
        try_progress(&bad),
        "OUT_OF_RANGE",
        "$.plans[0].series.intervals[0].min",
    );
    let mut bad = base(json!([]));
    bad["zone"] = json!("Nowhere/Special");
    assert_error(try_progress(&bad), "UNKNOWN_TIME_ZONE", "$.zone");
    let mut bad = base(json!([]));
    bad["graceDays"] = json!(100_000);
    assert_error(try_progress(&bad), "OUT_OF_RANGE", "$.graceDays");
}
