//! Every finding code, and the boundaries of each: deadlines, validity ends at midnight in the
//! clinic's zone (across DST, and where midnight does not exist), versions, minors, exams.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions unwrap fixtures"
)]

mod support;

use medspa_consent::{AppointmentStatus, FindingCode::*, FindingState};
use serde_json::{json, Value};
use support::*;

const NOW: &str = "2025-06-01T12:00Z";

fn with(extra: Vec<Value>) -> Vec<Value> {
    let mut records = paperwork();
    records.extend(extra);
    records
}

#[test]
fn complete_paperwork_is_ready() {
    let check = check(&request(appointment(&["facial"]), client(paperwork()), NOW));
    assert_eq!(check.status, AppointmentStatus::Ready);
    let required: Vec<_> = check
        .findings
        .iter()
        .map(|f| f.requirement.as_deref().map(String::as_str).unwrap())
        .collect();
    assert_eq!(required, ["intake", "privacy", "financial"]);
    assert!(check
        .findings
        .iter()
        .all(|f| f.state == FindingState::Ok && f.code.is_none()));
    assert_eq!(check.next_deadline, None);
    assert_eq!(&*check.start, "2025-06-10T10:00-04:00");
}

#[test]
fn missing_and_each_stage_before_completion() {
    let stages = [
        (None, Missing),
        (Some("assigned"), NotSent),
        (Some("sent"), SentNotOpened),
        (Some("opened"), InProgress),
        (Some("in_progress"), InProgress),
    ];
    for (status, expected) in stages {
        let mut records = paperwork();
        records.remove(0);
        if let Some(status) = status {
            records.push(json!({"form": "intake", "version": "4", "status": status,
                                "sentAt": "2025-05-30T12:00Z"}));
        }
        let check = check(&request(appointment(&["facial"]), client(records), NOW));
        let intake = finding(&check, Some("intake"));
        assert_eq!(intake.code, Some(expected), "{status:?}");
        assert_eq!(intake.state, FindingState::Pending);
        // 48 hours before 10:00 EDT on June 10.
        assert_eq!(intake.deadline.as_ref(), "2025-06-08T10:00-04:00");
        assert_eq!(check.status, AppointmentStatus::Incomplete);
        assert_eq!(
            check.next_deadline.as_deref().map(String::as_str),
            Some("2025-06-08T10:00-04:00")
        );
    }
}

#[test]
fn a_completed_form_with_blank_required_answers_is_incomplete() {
    let mut records = paperwork();
    records[0]["answers"] = json!([
        {"question": "pregnant", "value": false},
        {"question": "anticoagulants", "value": "   "}
    ]);
    let check = check(&request(appointment(&["facial"]), client(records), NOW));
    let intake = finding(&check, Some("intake"));
    assert_eq!(intake.code, Some(Incomplete));
    assert_eq!(*intake.unanswered, ["anticoagulants"]);
    assert_ne!(check.status, AppointmentStatus::Ready);
}

#[test]
fn unsigned_and_unwitnessed() {
    let mut records = paperwork();
    records[1] = json!({"form": "privacy", "version": "1", "status": "completed",
                        "completedAt": "2025-05-01T12:00Z"});
    let check = check(&request(appointment(&["facial"]), client(records), NOW));
    assert_eq!(code(&check, "privacy"), Some(Unsigned));

    let mut laser = appointment(&["laser-hair"]);
    laser["seriesId"] = json!("series-7");
    let mut consent = signed("laser-consent", "2.1", "2025-05-20T12:00Z");
    consent["seriesId"] = json!("series-7");
    let check_unwitnessed = support::check(&request(
        laser.clone(),
        client(with(vec![consent.clone()])),
        NOW,
    ));
    let finding = finding(&check_unwitnessed, Some("laser-consent"));
    assert_eq!(
        (finding.code, finding.reason),
        (Some(Unsigned), Some(WitnessMissing))
    );
    consent["witnessed"] = json!(true);
    let witnessed = support::check(&request(laser, client(with(vec![consent])), NOW));
    assert_eq!(code(&witnessed, "laser-consent"), None);
}

#[test]
fn per_series_consent_counts_only_for_its_series() {
    let mut laser = appointment(&["laser-hair"]);
    laser["seriesId"] = json!("series-8");
    let mut consent = signed("laser-consent", "2.1", "2025-05-20T12:00Z");
    consent["seriesId"] = json!("series-7");
    consent["witnessed"] = json!(true);
    let check = check(&request(laser, client(with(vec![consent])), NOW));
    assert_eq!(code(&check, "laser-consent"), Some(Missing));
}

/// `financial` is good for 365 days; it ends at 00:00 New York time.
fn financial_signed(
    at: &str,
    now: &str,
    start: &str,
) -> (Option<medspa_consent::FindingCode>, Option<String>) {
    let mut records = paperwork();
    records[2] = signed("financial", "1", at);
    let mut appt = appointment(&["facial"]);
    appt["start"] = json!(start);
    let check = check(&request(appt, client(records), now));
    let f = finding(&check, Some("financial"));
    (
        f.code,
        f.expires_at
            .as_deref()
            .map(String::as_str)
            .map(str::to_owned),
    )
}

#[test]
fn expiry_boundaries_at_clinic_midnight() {
    let start = "2025-06-10T10:00-04:00";
    // Signed 2024-06-09 local: good through 2025-06-08, so expired by June 10 but valid now.
    assert_eq!(
        financial_signed("2024-06-09T23:30-04:00", NOW, start),
        (
            Some(ExpiresBeforeAppointment),
            Some("2025-06-09T00:00-04:00".into())
        )
    );
    // 03:30 UTC on June 10 is still June 9 in New York: the clinic's date counts, not UTC's.
    assert_eq!(
        financial_signed("2024-06-10T03:30Z", NOW, start).0,
        Some(ExpiresBeforeAppointment)
    );
    // Signed on June 10 2024 (leap year): good through June 9 2025, the day before.
    assert_eq!(
        financial_signed("2024-06-10T09:00-04:00", NOW, start).0,
        Some(ExpiresBeforeAppointment)
    );
    // Signed June 11 2024: good through June 10 2025, the appointment day.
    assert_eq!(
        financial_signed("2024-06-11T09:00-04:00", NOW, start).0,
        None
    );
    // Already ended before now.
    assert_eq!(
        financial_signed("2024-05-01T09:00-04:00", NOW, start).0,
        Some(Expired)
    );
    // Ends exactly at now: expired (validity is half-open).
    assert_eq!(
        financial_signed("2024-06-01T09:00-04:00", "2025-06-01T04:00Z", start).0,
        Some(Expired)
    );
    assert_eq!(
        financial_signed("2024-06-01T09:00-04:00", "2025-06-01T03:59:59Z", start).0,
        Some(ExpiresBeforeAppointment)
    );
}

#[test]
fn twelve_month_validity_across_the_fall_back_change() {
    // Completed at 01:30 EDT on Nov 3 2024 (the first of two 01:30s); good through Nov 2 2025.
    let mut records = paperwork();
    records[0] = intake("2024-11-03T01:30-04:00");
    let mut appt = appointment(&["facial"]);
    appt["start"] = json!("2025-11-02T23:30-05:00");
    let now = "2025-10-20T12:00Z";
    let inside = check(&request(appt.clone(), client(records.clone()), now));
    let f = finding(&inside, Some("intake"));
    // Expiry is shown in the offset in force then (EST), not the one at signing (EDT).
    assert_eq!(
        (f.code, f.expires_at.as_deref().map(String::as_str)),
        (None, Some("2025-11-03T00:00-05:00"))
    );
    appt["start"] = json!("2025-11-03T00:00-05:00");
    let outside = check(&request(appt, client(records), now));
    assert_eq!(code(&outside, "intake"), Some(ExpiresBeforeAppointment));
}

#[test]
fn validity_ending_where_midnight_does_not_exist() {
    // Chile springs forward at 00:00 on 2024-09-08: that day begins at 01:00 -03:00.
    let mut records = paperwork();
    records[2] = signed("financial", "1", "2023-09-09T12:00-03:00"); // + 365 days = 2024-09-08
    let appt = json!({"id": "appt-1", "clientId": "client-1", "start": "2024-09-08T10:00-03:00",
                      "zone": "America/Santiago", "treatments": ["facial"]});
    let check = check(&request(appt, client(records), "2024-09-01T12:00Z"));
    let f = finding(&check, Some("financial"));
    assert_eq!(f.code, Some(ExpiresBeforeAppointment));
    assert_eq!(
        f.expires_at.as_deref().map(String::as_str),
        Some("2024-09-08T01:00-03:00")
    );
    assert_eq!(&*check.start, "2024-09-08T10:00-03:00");
}

#[test]
fn outdated_versions_and_a_version_published_after_signing() {
    let tox = |version: &str| with(vec![signed("tox-consent", version, "2025-05-02T12:00Z")]);
    let current = check(&request(
        appointment(&["neurotoxin"]),
        client(tox("3")),
        NOW,
    ));
    assert_eq!(code(&current, "tox-consent"), None);
    let old = check(&request(
        appointment(&["neurotoxin"]),
        client(tox("2.9")),
        NOW,
    ));
    assert_eq!(code(&old, "tox-consent"), Some(OutdatedVersion));

    // The clinic publishes version 3.1 and requires it: the v3 signature no longer counts.
    let mut req = request(appointment(&["neurotoxin"]), client(tox("3")), NOW);
    req["rules"]["forms"][1]["version"] = json!("3.1");
    req["rules"]["requirements"][3]["minVersion"] = json!("3.1");
    assert_eq!(
        code(&support::check(&req), "tox-consent"),
        Some(OutdatedVersion)
    );
    // Numeric comparison: 3.10 is newer than 3.9.
    req["rules"]["forms"][1]["version"] = json!("3.10");
    req["rules"]["requirements"][3]["minVersion"] = json!("3.9");
    req["client"] = client(tox("3.10"));
    assert_eq!(code(&support::check(&req), "tox-consent"), None);
}

#[test]
fn revocation_withdraws_earlier_copies_until_a_new_one_is_signed() {
    let revoked = json!({"form": "privacy", "version": "1", "status": "revoked",
                         "signedAt": "2024-01-05T12:00Z", "revokedAt": "2025-05-20T12:00Z"});
    let records = with(vec![revoked.clone()]);
    let check = check(&request(appointment(&["facial"]), client(records), NOW));
    let f = finding(&check, Some("privacy"));
    assert_eq!((f.code, f.state), (Some(Revoked), FindingState::Blocking));
    assert_eq!(check.status, AppointmentStatus::Blocked);

    let resent =
        json!({"form": "privacy", "version": "1", "status": "sent", "sentAt": "2025-05-21T12:00Z"});
    let check = support::check(&request(
        appointment(&["facial"]),
        client(with(vec![revoked.clone(), resent])),
        NOW,
    ));
    assert_eq!(code(&check, "privacy"), Some(SentNotOpened));

    let resigned = signed("privacy", "1", "2025-05-22T12:00Z");
    let check = support::check(&request(
        appointment(&["facial"]),
        client(with(vec![revoked, resigned])),
        NOW,
    ));
    assert_eq!(code(&check, "privacy"), None);
}

fn intake_answering(answers: Value) -> Value {
    let mut record = intake("2025-05-01T12:00-04:00");
    record["answers"] = answers;
    record
}

#[test]
fn review_triggers_flag_with_ids_and_clear_after_review() {
    let answers = json!([{"question": "pregnant", "value": true},
                         {"question": "anticoagulants", "value": false}]);
    let mut records = paperwork();
    records[0] = intake_answering(answers);
    let req = request(appointment(&["facial"]), client(records.clone()), NOW);
    let check = support::check(&req);
    let review = finding(&check, None);
    assert_eq!(
        (review.code, review.state),
        (Some(NeedsReview), FindingState::Pending)
    );
    assert_eq!(review.deadline.as_ref(), "2025-06-10T00:00-04:00");
    assert_eq!(review.triggers.len(), 1);
    assert_eq!(
        (
            review.triggers[0].trigger.as_str(),
            review.triggers[0].question.as_str()
        ),
        ("pregnancy", "pregnant")
    );
    assert_eq!(check.status, AppointmentStatus::Incomplete);

    // Reviewed after the answer: cleared. Reviewed before it: still open.
    let mut reviewed = client(records.clone());
    reviewed["reviews"] = json!([{"trigger": "pregnancy", "reviewedAt": "2025-05-02T09:00-04:00"}]);
    let check = support::check(&request(appointment(&["facial"]), reviewed, NOW));
    assert_eq!(check.status, AppointmentStatus::Ready);
    let mut stale = client(records);
    stale["reviews"] = json!([{"trigger": "pregnancy", "reviewedAt": "2025-04-30T09:00-04:00"}]);
    assert_eq!(
        support::check(&request(appointment(&["facial"]), stale, NOW)).status,
        AppointmentStatus::Incomplete
    );

    // Overdue on the appointment day.
    let mut records = paperwork();
    records[0] = intake_answering(json!([{"question": "pregnant", "value": true},
                                         {"question": "anticoagulants", "value": false}]));
    let late = support::check(&request(
        appointment(&["facial"]),
        client(records),
        "2025-06-10T04:00Z",
    ));
    assert_eq!(finding(&late, None).state, FindingState::Blocking);
    assert_eq!(late.status, AppointmentStatus::Blocked);
}

#[test]
fn isotretinoin_window_is_six_calendar_months_before_the_appointment_date() {
    let flagged = |last_dose: &str, treatment: &str| {
        let mut records = with(vec![]);
        records[0] = intake_answering(json!([
            {"question": "pregnant", "value": false}, {"question": "anticoagulants", "value": false},
            {"question": "isotretinoin_last_dose", "value": last_dose}
        ]));
        let check = support::check(&request(appointment(&[treatment]), client(records), NOW));
        check.findings.iter().any(|f| f.code == Some(NeedsReview))
    };
    assert!(flagged("2024-12-11", "peel"));
    assert!(!flagged("2024-12-10", "peel")); // + 6 months = June 10: the window has closed
    assert!(!flagged("2024-12-09", "peel"));
    assert!(!flagged("2025-05-01", "facial")); // the trigger concerns lasers and peels only
    assert!(flagged("last spring", "peel")); // unreadable dates go to a clinician
}

#[test]
fn list_answers_match_case_insensitively() {
    let mut records = paperwork();
    records[0] = intake_answering(json!([
        {"question": "pregnant", "value": false}, {"question": "anticoagulants", "value": false},
        {"question": "allergies", "value": ["Latex", " LIDOCAINE "]}
    ]));
    let check = check(&request(appointment(&["filler"]), client(records), NOW));
    let review = finding(&check, None);
    assert_eq!(&*review.triggers[0].trigger, "lidocaine");
}

#[test]
fn minors_need_a_guardian_until_their_eighteenth_birthday() {
    let on = |birth: &str, records: Vec<Value>| {
        let mut c = client(with(records));
        c["birthDate"] = json!(birth);
        let check = check(&request(appointment(&["facial"]), c, NOW));
        check
            .findings
            .iter()
            .find(|f| f.requirement.as_deref().map(String::as_str) == Some("guardian"))
            .map(|f| (f.code, f.reason))
    };
    assert_eq!(
        on("2007-06-11", vec![]),
        Some((Some(GuardianRequired), Some(Missing)))
    );
    // 17 today, 18 on the appointment's date: no guardian needed.
    assert_eq!(on("2007-06-05", vec![]), None);
    assert_eq!(on("2007-06-10", vec![]), None);
    // Consent for this visit counts; consent for another visit does not.
    let mut this_visit = signed("guardian", "1", "2025-05-20T12:00Z");
    this_visit["appointmentId"] = json!("appt-1");
    assert_eq!(
        on("2010-01-01", vec![this_visit.clone()]),
        Some((None, None))
    );
    this_visit["appointmentId"] = json!("appt-0");
    assert_eq!(
        on("2010-01-01", vec![this_visit]),
        Some((Some(GuardianRequired), Some(Missing)))
    );
    let sent =
        json!({"form": "guardian", "version": "1", "status": "sent", "appointmentId": "appt-1"});
    assert_eq!(
        on("2010-01-01", vec![sent]),
        Some((Some(GuardianRequired), Some(SentNotOpened)))
    );
}

#[test]
fn good_faith_exam_by_state_role_and_modality() {
    let exam = |state: &str, performer: Option<Value>| {
        let mut appt = appointment(&["neurotoxin"]);
        appt["clinicState"] = json!(state);
        let mut records = with(vec![
            signed("tox-consent", "3", "2025-05-02T12:00Z"),
            signed("photo-release", "1", "2025-05-02T12:00Z"),
        ]);
        if let Some(performer) = performer {
            records.push(json!({"form": "gfe", "version": "1", "status": "completed",
                                "completedAt": "2025-05-03T12:00Z", "performer": performer}));
        }
        let check = check(&request(appt, client(records), NOW));
        let gfe: Vec<_> = check
            .findings
            .iter()
            .filter(|f| {
                f.requirement
                    .as_deref()
                    .is_some_and(|r| r.starts_with("gfe"))
            })
            .map(|f| {
                (
                    f.requirement
                        .as_deref()
                        .map(String::as_str)
                        .unwrap()
                        .to_owned(),
                    f.code,
                    f.reason,
                )
            })
            .collect();
        gfe
    };
    assert_eq!(exam("NY", None), []);
    assert_eq!(
        exam("CA", None),
        [("gfe-ca".into(), Some(ExamRequired), Some(Missing))]
    );
    let np_video = json!({"role": "NP", "modality": "telehealth"});
    assert_eq!(exam("CA", Some(np_video)), [("gfe-ca".into(), None, None)]);
    let rn = json!({"role": "RN", "modality": "in_person"});
    assert_eq!(
        exam("CA", Some(rn)),
        [(
            "gfe-ca".into(),
            Some(ExamRequired),
            Some(PerformerNotAllowed)
        )]
    );
    // Texas: an APRN may, in person only.
    let aprn_video = json!({"role": "aprn", "modality": "telehealth"});
    assert_eq!(
        exam("TX", Some(aprn_video)),
        [(
            "gfe-tx".into(),
            Some(ExamRequired),
            Some(PerformerNotAllowed)
        )]
    );
    let aprn = json!({"role": "APRN", "modality": "in_person"});
    assert_eq!(exam("TX", Some(aprn)), [("gfe-tx".into(), None, None)]);
}

#[test]
fn a_passed_deadline_blocks_and_dependencies_are_reported() {
    let mut records = paperwork();
    records.remove(0); // no intake
                       // June 8 10:00 EDT was the intake's deadline.
    let late = check(&request(
        appointment(&["neurotoxin"]),
        client(records.clone()),
        "2025-06-08T14:00Z",
    ));
    let intake = finding(&late, Some("intake"));
    assert_eq!(
        (intake.code, intake.state),
        (Some(Missing), FindingState::Blocking)
    );
    assert_eq!(late.status, AppointmentStatus::Blocked);
    let tox = finding(&late, Some("tox-consent"));
    assert_eq!(*tox.waiting_on, ["intake"]);
    // Not yet past the tox consent's own deadline (24 h before).
    assert_eq!(tox.state, FindingState::Pending);
    let early = check(&request(
        appointment(&["neurotoxin"]),
        client(records),
        "2025-06-08T13:59:59Z",
    ));
    assert_eq!(finding(&early, Some("intake")).state, FindingState::Pending);
}

#[test]
fn requirements_follow_treatments_and_categories() {
    let names = |treatments: &[&str]| -> Vec<String> {
        check(&request(appointment(treatments), client(paperwork()), NOW))
            .findings
            .iter()
            .filter_map(|f| {
                f.requirement
                    .as_deref()
                    .map(String::as_str)
                    .map(str::to_owned)
            })
            .collect()
    };
    assert_eq!(names(&["facial"]), ["intake", "privacy", "financial"]);
    assert_eq!(
        names(&["neurotoxin"]),
        [
            "intake",
            "privacy",
            "financial",
            "tox-consent",
            "photo-release"
        ]
    );
    assert_eq!(
        names(&["filler", "laser-hair"]),
        [
            "intake",
            "privacy",
            "financial",
            "laser-consent",
            "photo-release"
        ]
    );
}
