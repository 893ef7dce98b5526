//! The front desk's day sheet and the reminder plan.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions unwrap fixtures"
)]

mod support;

use medspa_consent::{
    check_day, next_actions, ActionKind, ActionRecipient, AppointmentStatus, CheckDayRequest,
    FindingCode, NextActionsRequest,
};
use medspa_errors::decode_value;
use medspa_zoned::ChronoTz;
use serde_json::{json, Value};
use support::*;

fn appointment_at(id: &str, client: &str, start: &str, zone: &str, location: &str) -> Value {
    json!({"id": id, "clientId": client, "start": start, "zone": zone, "locationId": location,
           "treatments": ["facial"]})
}

#[test]
fn the_day_sheet_sorts_blocked_first_and_counts_codes() {
    let ready = json!({"id": "c-ready", "birthDate": "1980-01-01", "records": paperwork()});
    let mut missing_intake = paperwork();
    missing_intake.remove(0);
    let blocked = json!({"id": "c-blocked", "birthDate": "1980-01-01", "records": missing_intake});
    let mut pregnant = paperwork();
    pregnant[0]["answers"][0]["value"] = json!(true);
    let review = json!({"id": "c-review", "birthDate": "1980-01-01", "records": pregnant});
    let request = json!({
        "rules": rules(),
        "clients": [ready, blocked, review],
        "appointments": [
            appointment_at("a-late", "c-ready", "2025-06-10T16:00-07:00", "America/Los_Angeles", "la"),
            appointment_at("a-early", "c-ready", "2025-06-10T09:00-04:00", "America/New_York", "soho"),
            appointment_at("a-blocked", "c-blocked", "2025-06-10T11:00-04:00", "America/New_York", "soho"),
            appointment_at("a-review", "c-review", "2025-06-10T12:00+01:00", "Europe/London", "mayfair"),
            // June 11 in New York: outside the range.
            appointment_at("a-next-day", "c-blocked", "2025-06-11T09:00-04:00", "America/New_York", "soho"),
            // 23:30 in Los Angeles on June 9 is June 10 in UTC, but June 9 locally: outside.
            appointment_at("a-la-night", "c-blocked", "2025-06-10T06:30Z", "America/Los_Angeles", "la"),
        ],
        "from": "2025-06-10", "to": "2025-06-10", "now": "2025-06-09T12:00Z"
    });
    let request: CheckDayRequest = decode_value(&request).unwrap();
    let day = check_day(&ChronoTz, &request).unwrap();
    let order: Vec<_> = day
        .appointments
        .iter()
        .map(|a| (a.appointment_id.as_str(), a.status))
        .collect();
    assert_eq!(
        order,
        [
            ("a-blocked", AppointmentStatus::Blocked),
            ("a-review", AppointmentStatus::Incomplete),
            ("a-early", AppointmentStatus::Ready),
            ("a-late", AppointmentStatus::Ready),
        ]
    );
    assert_eq!(
        (
            day.status_counts.blocked,
            day.status_counts.incomplete,
            day.status_counts.ready
        ),
        (1, 1, 2)
    );
    let codes: Vec<_> = day.code_counts.iter().map(|c| (c.code, c.count)).collect();
    assert_eq!(
        codes,
        [(FindingCode::Missing, 1), (FindingCode::NeedsReview, 1)]
    );
    assert_eq!(day.review_list.len(), 1);
    assert_eq!(day.review_list[0].appointment_id, "a-review");
    assert_eq!(
        day.review_list[0].deadline.as_ref(),
        "2025-06-10T00:00+01:00"
    );
    let locations: Vec<_> = day
        .locations
        .iter()
        .map(|l| (l.location_id.clone().unwrap(), l.counts.ready))
        .collect();
    assert_eq!(
        locations,
        [("la".into(), 1), ("mayfair".into(), 0), ("soho".into(), 1)]
    );
}

#[test]
fn day_ranges_and_client_ids_are_checked() {
    let base = json!({"rules": rules(), "clients": [{"id": "c1"}], "appointments": [],
                      "from": "2025-06-10", "to": "2025-06-09", "now": "2025-06-09T12:00Z"});
    let run = |request: &Value| {
        let request: CheckDayRequest = decode_value(request).unwrap();
        check_day(&ChronoTz, &request).unwrap_err()
    };
    let err = run(&base);
    assert_eq!((err.code, err.path.as_str()), ("INVALID_RANGE", "$.to"));
    let mut long = base.clone();
    long["to"] = json!("2035-06-10");
    assert_eq!(run(&long).code, "INVALID_RANGE");
    let mut unknown = base.clone();
    unknown["to"] = json!("2025-06-10");
    unknown["appointments"] = json!([appointment_at("a1", "c2", "2025-06-10T10:00Z", "UTC", "x")]);
    let err = run(&unknown);
    assert_eq!(
        (err.code, err.path.as_str()),
        ("UNKNOWN_CLIENT", "$.appointments[0].clientId")
    );
    let mut bad_record = unknown.clone();
    bad_record["appointments"][0]["clientId"] = json!("c1");
    bad_record["clients"][0]["records"] =
        json!([{"form": "nope", "version": "1", "status": "sent"}]);
    let err = run(&bad_record);
    assert_eq!(
        (err.code, err.path.as_str()),
        ("UNKNOWN_FORM", "$.clients[0].records[0].form")
    );
}

fn plan(client: Value, now: &str, cadence: Option<Value>) -> medspa_consent::ActionPlan {
    let mut request = json!({"rules": rules(), "appointment": appointment(&["neurotoxin"]),
                             "client": client, "now": now});
    if let Some(cadence) = cadence {
        request["cadence"] = cadence;
    }
    let request: NextActionsRequest = decode_value(&request).unwrap();
    next_actions(&ChronoTz, &request).unwrap()
}

#[test]
fn forms_go_out_now_reminders_in_client_hours_and_escalation_at_the_deadline() {
    // Nothing signed yet: intake, privacy, financial, photo release now; the tox consent waits
    // for the intake (dependsOn). The client lives in Los Angeles.
    let mut c = client(vec![]);
    c["zone"] = json!("America/Los_Angeles");
    let plan = plan(c, "2025-06-01T05:00Z", None); // 22:00 in Los Angeles
    assert_eq!(plan.waiting.len(), 1);
    assert_eq!(
        (
            plan.waiting[0].requirement.as_str(),
            plan.waiting[0].waiting_on.as_slice()
        ),
        ("tox-consent", &["intake".to_string()][..])
    );
    let sends: Vec<_> = plan
        .actions
        .iter()
        .map(|a| (a.kind, a.recipient, a.at.as_str(), a.moved_for_quiet_hours))
        .collect();
    assert_eq!(
        sends,
        [
            // 22:00 is past 21:00 in Los Angeles: the links go at 08:00 next morning.
            (
                ActionKind::SendForms,
                ActionRecipient::Client,
                "2025-06-01T08:00-07:00",
                true
            ),
            // 72 h before 10:00 EDT is 07:00 PDT: moved to 08:00.
            (
                ActionKind::Reminder,
                ActionRecipient::Client,
                "2025-06-07T08:00-07:00",
                true
            ),
            (
                ActionKind::Escalate,
                ActionRecipient::Staff,
                "2025-06-08T10:00-04:00",
                false
            ),
            (
                ActionKind::Reminder,
                ActionRecipient::Client,
                "2025-06-09T08:00-07:00",
                true
            ),
            // Privacy, financial and photo release are due by the start itself.
            (
                ActionKind::Escalate,
                ActionRecipient::Staff,
                "2025-06-10T10:00-04:00",
                false
            ),
        ]
    );
    assert_eq!(
        plan.actions[0].forms,
        ["intake", "privacy", "financial", "photo-release"]
    );
    assert_eq!(plan.actions[2].requirements, ["intake"]);
}

#[test]
fn reminders_stop_when_the_paperwork_is_done_and_staff_tasks_appear() {
    let mut records = paperwork();
    records.push(signed("tox-consent", "3", "2025-05-02T12:00Z"));
    records.push(signed("photo-release", "1", "2025-05-02T12:00Z"));
    let plan_done = plan(client(records.clone()), "2025-06-01T12:00Z", None);
    assert_eq!(plan_done.status, AppointmentStatus::Ready);
    assert!(plan_done.actions.is_empty());

    // A flagged intake adds a clinical review now; no client messages.
    records[0]["answers"][1]["value"] = json!(true);
    let flagged = plan(client(records), "2025-06-01T12:00Z", None);
    let kinds: Vec<_> = flagged
        .actions
        .iter()
        .map(|a| (a.kind, a.recipient))
        .collect();
    assert_eq!(
        kinds,
        [(ActionKind::ClinicalReview, ActionRecipient::Clinician)]
    );
    assert_eq!(flagged.actions[0].triggers, ["anticoagulants"]);
}

#[test]
fn a_custom_cadence_and_reminders_that_would_land_after_the_start() {
    let cadence = json!({"sendNow": false, "reminderHoursBefore": [2], "escalateHoursBefore": 30,
                         "quietHours": {"start": "09:00", "end": "20:00"}});
    let mut records = paperwork();
    records.push(signed("photo-release", "1", "2025-05-02T12:00Z"));
    records.push(json!({"form": "tox-consent", "version": "3", "status": "sent", "sentAt": "2025-06-01T12:00Z"}));
    let plan = plan(client(records), "2025-06-01T12:00Z", Some(cadence));
    // 08:00 EDT (2 h before) is before 09:00, so the reminder moves to 09:00, still before the
    // 10:00 start; one escalation 30 h before the start.
    let kinds: Vec<_> = plan
        .actions
        .iter()
        .map(|a| (a.kind, a.at.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (ActionKind::Escalate, "2025-06-09T04:00-04:00"),
            (ActionKind::Reminder, "2025-06-10T09:00-04:00"),
        ]
    );
    let cadence =
        json!({"reminderHoursBefore": [1], "quietHours": {"start": "10:00", "end": "20:00"}});
    let mut records = paperwork();
    records.push(signed("photo-release", "1", "2025-05-02T12:00Z"));
    records.push(json!({"form": "tox-consent", "version": "3", "status": "sent", "sentAt": "2025-06-01T12:00Z"}));
    let late = plan_late(client(records), cadence);
    assert!(
        late.actions.iter().all(|a| a.kind != ActionKind::Reminder),
        "{late:?}"
    );
}

fn plan_late(client: Value, cadence: Value) -> medspa_consent::ActionPlan {
    plan(client, "2025-06-01T12:00Z", Some(cadence))
}

#[test]
fn invalid_cadences_are_coded() {
    let request = |cadence: Value| {
        let request = json!({"rules": rules(), "appointment": appointment(&["facial"]),
                             "client": client(vec![]), "now": "2025-06-01T12:00Z", "cadence": cadence});
        let request: NextActionsRequest = decode_value(&request).unwrap();
        next_actions(&ChronoTz, &request).unwrap_err()
    };
    let err = request(json!({"quietHours": {"start": "21:00", "end": "08:00"}}));
    assert_eq!(
        (err.code, err.path.as_str()),
        ("OUT_OF_RANGE", "$.cadence.quietHours.end")
    );
    let err = request(json!({"quietHours": {"start": "8am", "end": "21:00"}}));
    assert_eq!(
        (err.code, err.path.as_str()),
        ("INVALID_TIME", "$.cadence.quietHours.start")
    );
    let err = request(json!({"reminderHoursBefore": [24, 100000]}));
    assert_eq!(
        (err.code, err.path.as_str()),
        ("OUT_OF_RANGE", "$.cadence.reminderHoursBefore[1]")
    );
}
