//! Quiet hours in the recipient's zone: the default window, the state table (Texas Sundays,
//! Rhode Island weekends, Connecticut evenings), client and clinic overrides, DST, and the
//! boundary at 21:00 exactly.

mod support;

use serde_json::json;
use support::*;

const NY: &str = "America/New_York";

#[test]
fn the_default_window_is_half_open() {
    let cases = [
        // (instant, expected, moved)
        (
            "2025-06-10T20:59:59-04:00",
            "2025-06-10T20:59:59-04:00",
            false,
        ),
        ("2025-06-10T21:00-04:00", "2025-06-11T08:00-04:00", true),
        ("2025-06-10T08:00-04:00", "2025-06-10T08:00-04:00", false),
        ("2025-06-10T07:59:59-04:00", "2025-06-10T08:00-04:00", true),
        ("2025-06-10T00:00-04:00", "2025-06-10T08:00-04:00", true),
        ("2025-06-10T23:59-04:00", "2025-06-11T08:00-04:00", true),
        // Another offset in the request: the answer is in the recipient's.
        ("2025-06-11T00:30Z", "2025-06-10T20:30-04:00", false),
        ("2025-06-11T01:00Z", "2025-06-11T08:00-04:00", true),
    ];
    for (instant, expected, moved) in cases {
        assert_eq!(
            send_time(instant, NY, None, json!({})),
            (expected.to_string(), moved),
            "{instant}"
        );
    }
}

#[test]
fn state_table_rows() {
    let cases = [
        // Texas: 9–21 Monday–Saturday, 12–21 Sunday. 2025-06-08 is a Sunday.
        (
            "TX",
            "America/Chicago",
            "2025-06-08T10:00-05:00",
            "2025-06-08T12:00-05:00",
        ),
        (
            "TX",
            "America/Chicago",
            "2025-06-08T12:00-05:00",
            "2025-06-08T12:00-05:00",
        ),
        (
            "TX",
            "America/Chicago",
            "2025-06-07T21:30-05:00",
            "2025-06-08T12:00-05:00",
        ),
        (
            "TX",
            "America/Chicago",
            "2025-06-07T08:30-05:00",
            "2025-06-07T09:00-05:00",
        ),
        (
            "TX",
            "America/Chicago",
            "2025-06-08T20:59-05:00",
            "2025-06-08T20:59-05:00",
        ),
        // Rhode Island: 9–18 weekdays, 10–17 weekends. 2025-06-06 is a Friday.
        ("RI", NY, "2025-06-06T18:00-04:00", "2025-06-07T10:00-04:00"),
        ("RI", NY, "2025-06-07T09:30-04:00", "2025-06-07T10:00-04:00"),
        ("RI", NY, "2025-06-07T17:00-04:00", "2025-06-08T10:00-04:00"),
        ("RI", NY, "2025-06-08T16:59-04:00", "2025-06-08T16:59-04:00"),
        ("RI", NY, "2025-06-08T17:00-04:00", "2025-06-09T09:00-04:00"),
        // Connecticut 9–20, Florida 8–20 (the state code is read without regard to case).
        ("CT", NY, "2025-06-10T20:00-04:00", "2025-06-11T09:00-04:00"),
        ("CT", NY, "2025-06-10T08:30-04:00", "2025-06-10T09:00-04:00"),
        ("fl", NY, "2025-06-10T20:00-04:00", "2025-06-11T08:00-04:00"),
        // A state without a row keeps the default.
        ("NY", NY, "2025-06-10T20:30-04:00", "2025-06-10T20:30-04:00"),
    ];
    for (state, zone, instant, expected) in cases {
        let (at, moved) = send_time(instant, zone, Some(state), json!({}));
        assert_eq!(at, expected, "{state} {instant}");
        assert_eq!(moved, instant != expected, "{state} {instant}");
    }
}

#[test]
fn across_dst_the_opening_is_local_08_00() {
    let cases = [
        // The night before spring forward: 08:00 the next morning is already EDT.
        ("2025-03-08T22:00-05:00", "2025-03-09T08:00-04:00"),
        // The night before fall back: 08:00 is EST.
        ("2025-11-01T21:30-04:00", "2025-11-02T08:00-05:00"),
        // 07:30 EST on fall-back day, 25 h after 06:30 EDT the day before.
        ("2025-11-02T07:30-05:00", "2025-11-02T08:00-05:00"),
        // 02:30 does not exist on spring-forward day; 03:30 EDT is before 08:00.
        ("2025-03-09T07:30Z", "2025-03-09T08:00-04:00"),
    ];
    for (instant, expected) in cases {
        assert_eq!(
            send_time(instant, NY, None, json!({})).0,
            expected,
            "{instant}"
        );
    }
}

#[test]
fn client_and_clinic_hours_narrow_and_the_strictest_wins() {
    let clinic = json!({"rules": {"clinicHours": [{"start": "09:00", "end": "19:00"}]}});
    assert_eq!(
        send_time("2025-06-10T08:30-04:00", NY, None, clinic.clone()).0,
        "2025-06-10T09:00-04:00"
    );
    let both = json!({"rules": {"clinicHours": [{"start": "09:00", "end": "19:00"}]},
                      "allowedHours": [{"start": "10:00", "end": "18:00"}]});
    assert_eq!(
        send_time("2025-06-10T09:30-04:00", NY, None, both.clone()).0,
        "2025-06-10T10:00-04:00"
    );
    assert_eq!(
        send_time("2025-06-10T18:00-04:00", NY, None, both).0,
        "2025-06-11T10:00-04:00"
    );
    // A client who takes messages on weekdays only: Saturday moves to Monday.
    let weekdays = json!({"allowedHours": [{"days": ["mon", "tue", "wed", "thu", "fri"], "start": "08:00", "end": "24:00"}]});
    assert_eq!(
        send_time("2025-06-07T12:00-04:00", NY, None, weekdays.clone()).0,
        "2025-06-09T08:00-04:00"
    );
    // `24:00` does not widen the default: 21:00 still closes.
    assert_eq!(
        send_time("2025-06-09T21:00-04:00", NY, None, weekdays).0,
        "2025-06-10T08:00-04:00"
    );
    // FollowupClient hours and a state row combine: Texas Sunday 12–21 ∩ client 08–13.
    let morning = json!({"allowedHours": [{"start": "08:00", "end": "13:00"}]});
    assert_eq!(
        send_time(
            "2025-06-08T13:30-05:00",
            "America/Chicago",
            Some("TX"),
            morning
        )
        .0,
        "2025-06-09T09:00-05:00"
    );
}

#[test]
fn the_state_table_is_data() {
    // A row for a new state.
    let ny = json!({"rules": {"stateHours": [{"state": "NY", "windows": [{"start": "10:00", "end": "19:00"}]}]}});
    assert_eq!(
        send_time("2025-06-10T09:00-04:00", NY, Some("NY"), ny).0,
        "2025-06-10T10:00-04:00"
    );
    // Replacing Texas's row: Sunday is no longer 12:00, but never wider than 08–21.
    let tx = json!({"rules": {"stateHours": [{"state": "TX", "windows": [{"start": "07:00", "end": "22:00"}]}]}});
    assert_eq!(
        send_time("2025-06-08T07:30-05:00", "America/Chicago", Some("TX"), tx).0,
        "2025-06-08T08:00-05:00"
    );
    // Dropping the built-in table.
    let none = json!({"rules": {"replaceStateTable": true}});
    assert_eq!(
        send_time(
            "2025-06-08T10:00-05:00",
            "America/Chicago",
            Some("TX"),
            none
        )
        .0,
        "2025-06-08T10:00-05:00"
    );
}

#[test]
fn bad_hours_are_errors_with_paths() {
    let base = |extra: serde_json::Value| {
        let mut r = json!({"instant": "2025-06-10T12:00Z", "recipient": {"zone": NY}});
        for (k, v) in extra.as_object().unwrap() {
            r[k] = v.clone();
        }
        r
    };
    assert_error(
        try_send_time(&base(
            json!({"rules": {"clinicHours": [{"start": "18:00", "end": "09:00"}]}}),
        )),
        "OUT_OF_RANGE",
        "$.rules.clinicHours[0].end",
    );
    assert_error(
        try_send_time(&base(
            json!({"rules": {"clinicHours": [{"start": "9am", "end": "17:00"}]}}),
        )),
        "INVALID_TIME",
        "$.rules.clinicHours[0].start",
    );
    assert_error(
        try_send_time(&base(json!({"rules": {"clinicHours": [
            {"days": ["mon"], "start": "09:00", "end": "17:00"},
            {"days": ["tue", "mon"], "start": "09:00", "end": "12:00"}]}}))),
        "DUPLICATE_DAY",
        "$.rules.clinicHours[1].days[1]",
    );
    assert_error(
        try_send_time(&base(
            json!({"rules": {"stateHours": [{"state": "Texas", "windows": []}]}}),
        )),
        "INVALID_STATE",
        "$.rules.stateHours[0].state",
    );
    // Clinic open only Mondays, client only Tuesdays: never.
    let mut never = base(
        json!({"rules": {"clinicHours": [{"days": ["mon"], "start": "09:00", "end": "17:00"}]}}),
    );
    never["recipient"]["allowedHours"] =
        json!([{"days": ["tue"], "start": "09:00", "end": "17:00"}]);
    assert_error(try_send_time(&never), "NO_ALLOWED_HOURS", "$");
    let mut mars = base(json!({}));
    mars["recipient"]["zone"] = json!("Mars/Olympus");
    assert_error(
        try_send_time(&mars),
        "UNKNOWN_TIME_ZONE",
        "$.recipient.zone",
    );
    let mut bad = base(json!({}));
    bad["instant"] = json!("2025-06-10 12:00");
    assert_error(try_send_time(&bad), "INVALID_INSTANT", "$.instant");
}
