//! One table per rule: buffers, breaks, notice, horizon, closed dates, exceptions, capacity,
//! washouts, consultations, per-session intervals, months clamping, hours intervals, preferred
//! provider, and validation errors with their paths.

mod support;

use medspa_schedule::*;
use medspa_zoned::ChronoTz;
use serde_json::{json, Value};
use support::{small_clinic, starts};

const UTC: &str = "UTC";

/// Slots on Monday 2025-03-03 (UTC) for a clinic patched by `patch`, with extra request fields.
fn monday(patch: Value, extra: Value) -> Vec<String> {
    let mut request = json!({
        "clinic": small_clinic(UTC, patch),
        "treatmentId": "t", "from": "2025-03-03", "to": "2025-03-03",
        "now": "2025-03-01T00:00Z"
    });
    if let Value::Object(e) = extra {
        for (k, v) in e {
            request[k] = v;
        }
    }
    starts(request)
}

fn hours(list: &[&str]) -> Vec<String> {
    list.iter()
        .map(|h| format!("2025-03-03T{h}+00:00"))
        .collect()
}

#[test]
fn plain_day_is_the_grid() {
    assert_eq!(
        monday(json!({}), json!({})),
        hours(&["09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00", "16:00"])
    );
}

#[test]
fn buffers_pad_both_sides() {
    // Existing 12:00–13:00 with 30 min after; treatment has 30 min before.
    let patch = json!({
        "catalog": {"treatments": [{"id": "t", "durationMinutes": 60, "qualifications": ["RN"],
                                     "bufferBeforeMinutes": 30}]},
        "appointments": [{"start": "2025-03-03T12:00Z", "end": "2025-03-03T13:00Z",
                          "providerId": "ana", "bufferAfterMinutes": 30}]
    });
    // 11:00 ends at 12:00 (fine); 12:00, 13:00 blocked (13:00 − 30 min = 12:30 < 13:30).
    assert_eq!(
        monday(patch, json!({})),
        hours(&["09:00", "10:00", "11:00", "14:00", "15:00", "16:00"])
    );
}

#[test]
fn breaks_split_the_window_and_restart_the_grid() {
    let patch = json!({
        "location": {"slotStepMinutes": 60},
        "providers": [{"id": "ana", "qualifications": ["RN"],
            "hours": [{"day": "mon", "start": "09:00", "end": "17:00",
                       "breaks": [{"start": "12:00", "end": "12:30"}]}]}]
    });
    // 09–12 → 9, 10, 11; 12:30–17 → 12:30, 13:30, 14:30, 15:30 (16:30 does not fit).
    assert_eq!(
        monday(patch, json!({})),
        hours(&["09:00", "10:00", "11:00", "12:30", "13:30", "14:30", "15:30"])
    );
}

#[test]
fn notice_removes_candidates_without_moving_the_grid() {
    let patch = json!({"location": {"minNoticeMinutes": 90}});
    // now 10:15 + 90 min = 11:45 → first slot 12:00 (not 11:45).
    assert_eq!(
        monday(patch, json!({"now": "2025-03-03T10:15Z"})),
        hours(&["12:00", "13:00", "14:00", "15:00", "16:00"])
    );
}

#[test]
fn horizon_and_closed_dates() {
    let far = monday(json!({"location": {"horizonDays": 1}}), json!({}));
    assert!(far.is_empty(), "Monday is two days after now");
    let closed = monday(
        json!({"location": {"closedDates": ["2025-03-03"]}}),
        json!({}),
    );
    assert!(closed.is_empty());
    let other = monday(
        json!({"location": {"closedDates": ["2025-03-04"]}}),
        json!({}),
    );
    assert_eq!(other.len(), 8);
}

#[test]
fn exceptions_time_off_and_extra_hours() {
    let week = json!([{"day": "mon", "start": "09:00", "end": "12:00"}]);
    let patch = json!({
        "providers": [{"id": "ana", "qualifications": ["RN"], "hours": week,
            "exceptions": [
                {"date": "2025-03-03", "kind": "time_off", "start": "10:00", "end": "11:00"},
                {"date": "2025-03-03", "kind": "extra_hours", "start": "14:00", "end": "16:00"}]}]
    });
    assert_eq!(
        monday(patch, json!({})),
        hours(&["09:00", "11:00", "14:00", "15:00"])
    );
    let whole = json!({"providers": [{"id": "ana", "qualifications": ["RN"], "hours": week,
        "exceptions": [{"date": "2025-03-03", "kind": "time_off"}]}]});
    assert!(monday(whole, json!({})).is_empty());
}

#[test]
fn capacity_counts_concurrent_bookings() {
    let busy = json!([
        {"start": "2025-03-03T09:00Z", "end": "2025-03-03T10:00Z", "resourceIds": ["r1"]},
        {"start": "2025-03-03T09:00Z", "end": "2025-03-03T11:00Z", "resourceIds": ["r1"]}
    ]);
    let cap2 =
        json!({"resources": [{"id": "r1", "kind": "room", "capacity": 2}], "appointments": busy});
    // 09:00 has two bookings (full), 10:00 has one (free with capacity 2).
    assert_eq!(monday(cap2, json!({}))[..2], hours(&["10:00", "11:00"])[..]);
    let cap1 = json!({"resources": [{"id": "r1", "kind": "room"}], "appointments": busy});
    assert_eq!(monday(cap1, json!({}))[0], "2025-03-03T11:00+00:00");
    let blocked = json!({"resources": [{"id": "r1", "kind": "room",
        "blocked": [{"start": "2025-03-03T00:00Z", "end": "2025-03-03T15:00Z"}]}]});
    assert_eq!(monday(blocked, json!({})), hours(&["15:00", "16:00"]));
}

#[test]
fn needs_get_distinct_resources_even_when_the_first_choice_starves_another() {
    // "Any room" and "the laser suite": taking the first free room (the suite) for the first
    // need would leave the second without one; the treatment room takes the first need instead.
    let patch = json!({
        "catalog": {"treatments": [{"id": "t", "durationMinutes": 60, "qualifications": ["RN"],
            "resources": [{"kind": "room"}, {"kind": "room", "anyOf": ["suite"]}]}]},
        "resources": [{"id": "suite", "kind": "room"}, {"id": "room2", "kind": "room"}],
        "appointments": [{"start": "2025-03-03T09:00Z", "end": "2025-03-03T10:00Z",
                          "resourceIds": ["room2"]}]
    });
    let request: FindSlotsRequest = serde_json::from_value(json!({
        "clinic": small_clinic(UTC, patch.clone()), "treatmentId": "t",
        "from": "2025-03-03", "to": "2025-03-03", "now": "2025-03-01T00:00Z", "limit": 2
    }))
    .expect("valid");
    let page = find_slots(&ChronoTz, &request).expect("answers");
    // 09:00: room2 is busy, so the suite cannot serve both needs.
    assert_eq!(page.slots[0].start, "2025-03-03T10:00+00:00");
    assert_eq!(page.slots[0].resource_ids, ["room2", "suite"]);
    // The checker accepts the resources in either order, and refuses one room for two needs.
    for (held, ok) in [
        (json!(["suite", "room2"]), true),
        (json!(["room2", "suite"]), true),
        (json!(["suite", "suite"]), false),
        (json!(["room2"]), false),
    ] {
        let request: ValidatePlanRequest = serde_json::from_value(json!({
            "clinic": small_clinic(UTC, patch.clone()), "treatmentId": "t",
            "now": "2025-03-01T00:00Z",
            "plan": {"sessions": [{"start": "2025-03-03T11:00Z", "providerId": "ana",
                                   "resourceIds": held}]}
        }))
        .expect("valid");
        let report = validate_plan(&ChronoTz, &request).expect("answers");
        let missing = report
            .violations
            .iter()
            .any(|v| v.code == ViolationCode::MissingResource);
        assert_eq!(!missing, ok, "{held}");
    }
}

#[test]
fn qualifications_all_and_any() {
    let patch = json!({
        "catalog": {"treatments": [{"id": "t", "durationMinutes": 60,
            "qualifications": ["RN"], "anyQualification": ["NP", "MD"]}]},
        "providers": [{"id": "ana", "qualifications": ["RN"],
                       "hours": [{"day": "mon", "start": "09:00", "end": "10:00"}]},
                      {"id": "bo", "qualifications": ["RN", "MD"],
                       "hours": [{"day": "mon", "start": "10:00", "end": "11:00"}]}]
    });
    assert_eq!(monday(patch, json!({})), hours(&["10:00"]));
}

#[test]
fn washout_after_a_peel_blocks_dates() {
    let patch = json!({
        "catalog": {"treatments": [
            {"id": "t", "durationMinutes": 60, "categories": ["laser"]},
            {"id": "peel", "durationMinutes": 30}],
            "washouts": [{"after": "peel", "then": "laser", "days": 3}]}
    });
    let request = |peel: &str| {
        json!({"clinic": small_clinic(UTC, patch.clone()), "treatmentId": "t",
               "from": "2025-03-03", "to": "2025-03-07", "now": "2025-03-01T00:00Z",
               "client": {"sessions": [{"treatmentId": "peel", "start": peel}]}, "oneStartPerDay": null})
    };
    let mut r = request("2025-03-03T08:00Z");
    r.as_object_mut().expect("object").remove("oneStartPerDay");
    let got = starts(r);
    // Peel Monday: Mon, Tue, Wed forbidden ([date, date + 3)), Thursday first.
    assert_eq!(got[0], "2025-03-06T09:00+00:00");
}

#[test]
fn preferences_filter_and_order() {
    let week = json!([{"day": "mon", "start": "09:00", "end": "11:00"}]);
    let patch = json!({"providers": [
        {"id": "ana", "qualifications": ["RN"], "hours": week},
        {"id": "bo", "qualifications": ["RN"], "hours": week}],
        "resources": [{"id": "r1", "kind": "room"}, {"id": "r2", "kind": "room"}]});
    let request: FindSlotsRequest = serde_json::from_value(json!({
        "clinic": small_clinic(UTC, patch), "treatmentId": "t",
        "from": "2025-03-03", "to": "2025-03-03", "now": "2025-03-01T00:00Z",
        "preferences": {"providerId": "bo", "timesOfDay": [{"start": "10:00", "end": "12:00"}]}
    }))
    .expect("valid");
    let page = find_slots(&ChronoTz, &request).expect("answers");
    let got: Vec<(&str, &str, &str)> = page
        .slots
        .iter()
        .map(|s| {
            (
                s.start.as_str(),
                s.provider_id.as_str(),
                s.resource_ids[0].as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        // Each slot is an alternative on its own, so both may take the first room.
        [
            ("2025-03-03T10:00+00:00", "bo", "r1"),
            ("2025-03-03T10:00+00:00", "ana", "r1")
        ]
    );
}

#[test]
fn paging_with_a_cursor_resumes_after_the_last_slot() {
    let base = json!({"clinic": small_clinic(UTC, json!({})), "treatmentId": "t",
        "from": "2025-03-03", "to": "2025-03-04", "now": "2025-03-01T00:00Z", "limit": 5});
    let first: FindSlotsRequest = serde_json::from_value(base.clone()).expect("valid");
    let page1 = find_slots(&ChronoTz, &first).expect("answers");
    assert_eq!(page1.slots.len(), 5);
    let mut next = base;
    next["cursor"] = json!(page1.next_cursor.clone().expect("more"));
    let page2 =
        find_slots(&ChronoTz, &serde_json::from_value(next).expect("valid")).expect("answers");
    assert_eq!(page2.slots[0].start, "2025-03-03T14:00+00:00");
    let all = starts(
        json!({"clinic": small_clinic(UTC, json!({})), "treatmentId": "t",
        "from": "2025-03-03", "to": "2025-03-04", "now": "2025-03-01T00:00Z"}),
    );
    assert_eq!(all.len(), 16);
}

// --- series --------------------------------------------------------------------------------

fn series_clinic(series: Value, consultation: Value) -> Value {
    let mut t = json!({"id": "t", "durationMinutes": 60, "series": series});
    if !consultation.is_null() {
        t["consultation"] = consultation;
    }
    small_clinic(
        UTC,
        json!({"catalog": {"treatments": [t, {"id": "c", "durationMinutes": 30}]},
               "resources": []}),
    )
}

fn plan(clinic: Value, client: Value) -> PlanSeriesResponse {
    let request: PlanSeriesRequest = serde_json::from_value(json!({
        "clinic": clinic, "treatmentId": "t", "now": "2025-03-01T00:00Z", "client": client
    }))
    .expect("valid");
    plan_series(&ChronoTz, &request).expect("answers")
}

fn session_starts(r: &PlanSeriesResponse) -> Vec<String> {
    r.plan
        .as_ref()
        .expect("a plan")
        .sessions
        .iter()
        .map(|s| s.start.clone())
        .collect()
}

#[test]
fn per_session_intervals_touch_up_then_every_90() {
    let r = plan(
        series_clinic(
            json!({"sessions": 3, "intervals": [{"min": 14, "max": 21}, {"min": 90, "max": 120}]}),
            Value::Null,
        ),
        json!({}),
    );
    // Mon 3 Mar; +14 = Mon 17 Mar; +90 = Sun 15 Jun (closed) → Mon 16 Jun.
    assert_eq!(
        session_starts(&r),
        [
            "2025-03-03T09:00+00:00",
            "2025-03-17T09:00+00:00",
            "2025-06-16T09:00+00:00"
        ]
    );
    assert!(r.same_provider);
    assert_eq!(r.windows[2].earliest_date, "2025-06-15");
    assert_eq!(r.windows[2].latest_date.as_deref(), Some("2025-07-15"));
}

#[test]
fn months_clamp_to_the_month_end() {
    let all: Vec<Value> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .map(|d| json!({"day": d, "start": "09:00", "end": "17:00"}))
        .collect();
    let clinic = small_clinic(
        UTC,
        json!({"catalog": {"treatments": [{"id": "t", "durationMinutes": 60,
            "series": {"sessions": 3, "unit": "months", "intervals": [{"min": 1, "max": 1}]}}]},
            "resources": [],
            "location": {"hours": all.clone()},
            "providers": [{"id": "ana", "hours": all}]}),
    );
    let request: PlanSeriesRequest = serde_json::from_value(json!({
        "clinic": clinic, "treatmentId": "t", "now": "2025-01-30T12:00Z",
        "preferences": {"earliestStart": "2025-01-31T00:00Z"}
    }))
    .expect("valid");
    let r = plan_series(&ChronoTz, &request).expect("answers");
    // 31 Jan + 1 month = 28 Feb (clamped); 28 Feb + 1 month = 28 Mar (from the session, chained).
    assert_eq!(
        session_starts(&r),
        [
            "2025-01-31T09:00+00:00",
            "2025-02-28T09:00+00:00",
            "2025-03-28T09:00+00:00"
        ]
    );
}

#[test]
fn hours_intervals_are_absolute() {
    let r = plan(
        series_clinic(
            json!({"sessions": 2, "unit": "hours", "intervals": [{"min": 48, "max": 50}]}),
            Value::Null,
        ),
        json!({}),
    );
    assert_eq!(
        session_starts(&r),
        ["2025-03-03T09:00+00:00", "2025-03-05T09:00+00:00"]
    );
    assert!(r.windows[1].earliest_start.is_some());
}

#[test]
fn consultation_required_is_planned_first_and_a_recent_one_counts() {
    let consult = json!({"treatmentId": "c", "maxAgeDays": 30});
    let series = json!({"sessions": 2, "intervals": [{"min": 7, "max": 7}]});
    let r = plan(series_clinic(series.clone(), consult.clone()), json!({}));
    let p = r.plan.expect("a plan");
    assert_eq!(
        p.consultation.expect("consultation").start,
        "2025-03-03T09:00+00:00"
    );
    assert_eq!(p.sessions[0].start, "2025-03-03T10:00+00:00");

    let recent = json!({"sessions": [{"treatmentId": "c", "start": "2025-02-20T09:00Z"}]});
    let r = plan(series_clinic(series.clone(), consult.clone()), recent);
    assert!(r.plan.as_ref().expect("a plan").consultation.is_none());

    // A stale consultation (over 30 days before any possible first session) needs a new one.
    let stale = json!({"sessions": [{"treatmentId": "c", "start": "2025-01-02T09:00Z"}]});
    let r = plan(series_clinic(series, consult), stale);
    assert!(r.plan.expect("a plan").consultation.is_some());
}

#[test]
fn infeasible_series_explains_which_session_and_why() {
    // Session 1 must be exactly 5 days later: Monday + 5 = Saturday, always closed.
    let r = plan(
        series_clinic(
            json!({"sessions": 2, "intervals": [{"min": 5, "max": 5}]}),
            Value::Null,
        ),
        json!({}),
    );
    // Every weekday start leads to a weekend: Mon→Sat, Tue→Sun, Wed→Mon... Wed works.
    assert!(r.plan.is_some());
    let r = plan(
        series_clinic(
            json!({"sessions": 2, "intervals": [{"min": 7, "max": 7}]}),
            Value::Null,
        ),
        json!({}),
    );
    assert!(r.plan.is_some());
    let closed = small_clinic(
        UTC,
        json!({
        "catalog": {"treatments": [{"id": "t", "durationMinutes": 60,
            "series": {"sessions": 2, "intervals": [{"min": 5, "max": 6}]}}]},
        "location": {"hours": [{"day": "mon", "start": "09:00", "end": "17:00"}], "horizonDays": 30}}),
    );
    let r = plan(closed, json!({}));
    let u = r.unplanned.expect("explained");
    assert_eq!(u.session, 1);
    assert_eq!(u.code, Blocker::ClinicClosed);
    assert_eq!(u.kind, SessionKind::Session);

    let nobody = small_clinic(UTC, json!({"providers": [{"id": "ana"}]}));
    let r = plan(nobody, json!({}));
    assert_eq!(
        r.unplanned.expect("explained").code,
        Blocker::NoQualifiedProvider
    );
}

#[test]
fn same_provider_prefers_continuity() {
    let week = |d: &str| json!([{"day": d, "start": "09:00", "end": "17:00"}]);
    let clinic = small_clinic(
        UTC,
        json!({
        "catalog": {"treatments": [{"id": "t", "durationMinutes": 60,
            "series": {"sessions": 2, "intervals": [{"min": 1, "max": 3}]}}]},
        "resources": [],
        "providers": [{"id": "ana", "hours": week("mon")}, {"id": "bo", "hours": [
            {"day": "mon", "start": "12:00", "end": "17:00"}, {"day": "tue", "start": "09:00", "end": "17:00"}]}]}),
    );
    let request = |same: bool| -> PlanSeriesRequest {
        serde_json::from_value(json!({"clinic": clinic.clone(), "treatmentId": "t",
            "now": "2025-03-01T00:00Z", "preferences": {"sameProvider": same}}))
        .expect("valid")
    };
    let mixed = plan_series(&ChronoTz, &request(false)).expect("answers");
    let p = mixed.plan.expect("plan");
    assert_eq!(
        (
            p.sessions[0].provider_id.as_str(),
            p.sessions[1].provider_id.as_str()
        ),
        ("ana", "bo")
    );
    let same = plan_series(&ChronoTz, &request(true)).expect("answers");
    assert!(same.same_provider);
    let p = same.plan.expect("plan");
    assert_eq!(p.sessions[0].start, "2025-03-03T12:00+00:00");
    assert_eq!(p.sessions[1].provider_id, "bo");
}

// --- validate_plan ---------------------------------------------------------------------------

fn validate(clinic: Value, plan: Value, client: Value) -> Vec<(ViolationCode, Vec<u32>)> {
    let request: ValidatePlanRequest = serde_json::from_value(json!({
        "clinic": clinic, "treatmentId": "t", "now": "2025-03-01T00:00Z", "plan": plan,
        "client": client
    }))
    .expect("valid");
    validate_plan(&ChronoTz, &request)
        .expect("answers")
        .violations
        .into_iter()
        .map(|v| (v.code, v.sessions))
        .collect()
}

fn booking(start: &str) -> Value {
    json!({"start": start, "providerId": "ana"})
}

#[test]
fn validate_finds_each_violation() {
    use ViolationCode::*;
    let clinic = series_clinic(
        json!({"sessions": 2, "intervals": [{"min": 7, "max": 14}]}),
        json!({"treatmentId": "c", "maxAgeDays": 10}),
    );
    let ok = validate(
        clinic.clone(),
        json!({"consultation": booking("2025-03-03T09:00Z"),
               "sessions": [booking("2025-03-03T10:00Z"), booking("2025-03-10T10:00Z")]}),
        json!({}),
    );
    assert_eq!(ok, vec![]);
    let v = validate(
        clinic.clone(),
        json!({"sessions": [booking("2025-03-03T10:00Z"), booking("2025-03-25T10:00Z"),
                            booking("2025-04-01T10:00Z")]}),
        json!({}),
    );
    assert!(v.contains(&(MissingConsultation, vec![0])));
    assert!(v.contains(&(TooLate, vec![0, 1])));
    assert!(v.contains(&(TooManySessions, vec![2])));
    let v = validate(
        clinic.clone(),
        json!({"sessions": [booking("2025-03-03T10:00Z"), booking("2025-03-04T18:00Z")]}),
        json!({"sessions": [{"treatmentId": "c", "start": "2025-02-01T09:00Z"}]}),
    );
    assert!(v.contains(&(StaleConsultation, vec![0])));
    assert!(v.contains(&(TooSoon, vec![0, 1])));
    assert!(v.contains(&(OutsideHours, vec![1])));
    let v = validate(
        clinic,
        json!({"consultation": booking("2025-03-03T09:30Z"),
               "sessions": [booking("2025-03-03T10:00Z")]}),
        json!({}),
    );
    // The consultation ends at 10:00, so it counts; no clash either (half-open).
    assert_eq!(v, vec![]);
}

#[test]
fn validate_double_bookings_and_washouts() {
    use ViolationCode::*;
    let clinic = small_clinic(
        UTC,
        json!({
        "catalog": {"treatments": [
            {"id": "t", "durationMinutes": 60, "categories": ["facial"], "resources": [{"kind": "room"}]},
            {"id": "filler", "durationMinutes": 30}],
            "washouts": [{"after": "filler", "then": "facial", "days": 14}]},
        "appointments": [{"id": "a1", "start": "2025-03-03T10:30Z", "end": "2025-03-03T11:00Z", "resourceIds": ["r1"]}]}),
    );
    let b = |s: &str, id: Option<&str>| json!({"start": s, "providerId": "ana", "resourceIds": ["r1"], "appointmentId": id});
    let v = validate(
        clinic.clone(),
        json!({"sessions": [b("2025-03-03T10:00Z", None)]}),
        json!({"sessions": [{"treatmentId": "filler", "start": "2025-02-24T10:00Z"}]}),
    );
    assert!(v.contains(&(DoubleBooking, vec![0])));
    assert!(v.contains(&(Washout, vec![0])));
    // Naming the appointment as this booking removes the clash.
    let v = validate(
        clinic.clone(),
        json!({"sessions": [b("2025-03-03T10:30Z", Some("a1"))]}),
        json!({}),
    );
    assert_eq!(v, vec![]);
    let v = validate(
        clinic.clone(),
        json!({"sessions": [{"start": "2025-03-03T13:00Z", "providerId": "ana"}]}),
        json!({}),
    );
    assert_eq!(v, vec![(MissingResource, vec![0])]);
    let unqualified = small_clinic(
        UTC,
        json!({"providers": [{"id": "ana", "hours": [{"day": "mon", "start": "09:00", "end": "17:00"}]}]}),
    );
    let v = validate(
        unqualified,
        json!({"sessions": [b("2025-03-03T13:00Z", None)]}),
        json!({}),
    );
    assert_eq!(v, vec![(UnqualifiedProvider, vec![0])]);
}

// --- reschedule and windows -------------------------------------------------------------------

fn resched(scope: &str, session: u32, new_start: &str, sessions: &[&str]) -> RescheduleResponse {
    let clinic = series_clinic(
        json!({"sessions": 4, "intervals": [{"min": 7, "max": 14}]}),
        Value::Null,
    );
    let request: RescheduleRequest = serde_json::from_value(json!({
        "clinic": clinic, "treatmentId": "t", "now": "2025-03-01T00:00Z", "scope": scope,
        "session": session, "newStart": new_start,
        "plan": {"sessions": sessions.iter().map(|s| booking(s)).collect::<Vec<_>>()}
    }))
    .expect("valid");
    reschedule(&ChronoTz, &request).expect("answers")
}

const PLAN: [&str; 4] = [
    "2025-03-03T10:00Z",
    "2025-03-10T10:00Z",
    "2025-03-17T10:00Z",
    "2025-03-24T10:00Z",
];

#[test]
fn reschedule_outside_the_window_is_rejected_as_data() {
    let r = resched("this", 1, "2025-03-06T10:00Z", &PLAN);
    assert!(!r.accepted);
    let rej = r.rejection.expect("rejection");
    assert_eq!(rej.code, RejectionCode::OutsideWindow);
    assert_eq!(rej.window.earliest_date, "2025-03-10");
    assert_eq!(r.plan.sessions[1].start, "2025-03-10T10:00+00:00");
}

#[test]
fn reschedule_this_reports_the_broken_next_window() {
    let r = resched("this", 1, "2025-03-14T10:00Z", &PLAN);
    assert!(r.accepted);
    // Session 2 (17 Mar) must now be in [21 Mar, 28 Mar].
    assert_eq!(r.windows[0].earliest_date, "2025-03-21");
    assert_eq!(r.out_of_window, vec![2]);
    assert!(r
        .violations
        .iter()
        .any(|v| v.code == ViolationCode::TooSoon && v.sessions == [1, 2]));
}

#[test]
fn reschedule_following_shifts_by_local_days() {
    let r = resched("following", 1, "2025-03-12T10:00Z", &PLAN);
    let got: Vec<&str> = r.plan.sessions.iter().map(|s| s.start.as_str()).collect();
    assert_eq!(
        got,
        [
            "2025-03-03T10:00+00:00",
            "2025-03-12T10:00+00:00",
            "2025-03-19T10:00+00:00",
            "2025-03-26T10:00+00:00"
        ]
    );
    assert!(r.out_of_window.is_empty());
}

#[test]
fn reschedule_repair_keeps_what_fits_and_moves_the_rest() {
    let r = resched("repair", 1, "2025-03-14T10:00Z", &PLAN);
    let got: Vec<&str> = r.plan.sessions.iter().map(|s| s.start.as_str()).collect();
    // Session 2 (17 Mar) is too soon: the nearest date in [21, 28 Mar] is Fri 21 Mar, same 10:00.
    // Session 3 (24 Mar) is in [28 Mar, 4 Apr]? No: moved to Fri 28 Mar.
    assert_eq!(
        got,
        [
            "2025-03-03T10:00+00:00",
            "2025-03-14T10:00+00:00",
            "2025-03-21T10:00+00:00",
            "2025-03-28T10:00+00:00"
        ]
    );
    assert!(r.out_of_window.is_empty());
    assert!(r.violations.is_empty());
    let kinds: Vec<ChangeKind> = r.changes.iter().map(|c| c.change).collect();
    assert_eq!(
        kinds,
        [
            ChangeKind::Moved,
            ChangeKind::Replanned,
            ChangeKind::Replanned
        ]
    );
}

#[test]
fn windows_of_remaining_sessions() {
    let clinic = series_clinic(
        json!({"sessions": 3, "intervals": [{"min": 7, "max": 14}]}),
        json!({"treatmentId": "c", "maxAgeDays": 30}),
    );
    let request: WindowsRequest = serde_json::from_value(json!({
        "clinic": clinic, "treatmentId": "t", "now": "2025-03-05T00:00Z",
        "plan": {"sessions": [booking("2025-03-03T10:00Z")]},
        "client": {"sessions": [{"treatmentId": "c", "start": "2025-02-20T10:00Z"}]}
    }))
    .expect("valid");
    let w = windows(&ChronoTz, &request).expect("answers").windows;
    // Session 0 is done; sessions 1 and 2 remain.
    assert_eq!(w.len(), 2);
    assert_eq!(
        (
            w[0].session,
            w[0].earliest_date.as_str(),
            w[0].latest_date.as_deref()
        ),
        (1, "2025-03-10", Some("2025-03-17"))
    );
    assert_eq!(
        (
            w[1].session,
            w[1].earliest_date.as_str(),
            w[1].latest_date.as_deref()
        ),
        (2, "2025-03-17", Some("2025-03-31"))
    );
    assert_eq!(w[0].status, WindowStatus::Open);
}
