//! A realistic rule set and helpers shared by the consent tests. Synthetic data only.

#![allow(dead_code, reason = "each test file uses a different subset")]

use medspa_consent::{
    check_appointment, AppointmentCheck, CheckAppointmentRequest, Finding, FindingCode,
};
use medspa_errors::{decode_value, CodedError};
use medspa_zoned::ChronoTz;
use serde_json::{json, Value};

/// A US clinic group's paperwork rules.
pub fn rules() -> Value {
    json!({
        "forms": [
            {"id": "intake", "kind": "medical_history", "version": "4", "questions": [
                {"id": "pregnant", "required": true},
                {"id": "anticoagulants", "required": true},
                {"id": "isotretinoin_last_dose"},
                {"id": "cold_sores"},
                {"id": "allergies"}
            ]},
            {"id": "tox-consent", "kind": "informed_consent", "version": "3"},
            {"id": "laser-consent", "kind": "informed_consent", "version": "2.1"},
            {"id": "photo-release", "kind": "photo_release", "version": "1"},
            {"id": "privacy", "kind": "privacy_notice", "version": "1"},
            {"id": "financial", "kind": "financial_policy", "version": "1"},
            {"id": "gfe", "kind": "good_faith_exam", "version": "1"},
            {"id": "guardian", "kind": "guardian_consent", "version": "1"}
        ],
        "treatments": [
            {"id": "neurotoxin", "categories": ["injectable"]},
            {"id": "filler", "categories": ["injectable"]},
            {"id": "laser-hair", "categories": ["laser"]},
            {"id": "peel", "categories": ["peel"]},
            {"id": "facial", "categories": ["facial"]}
        ],
        "requirements": [
            {"id": "intake", "form": "intake", "validity": {"policy": "every_n_months", "months": 12},
             "signature": "none", "dueHoursBefore": 48},
            {"id": "privacy", "form": "privacy", "validity": {"policy": "once"}},
            {"id": "financial", "form": "financial", "validity": {"policy": "every_n_days", "days": 365}},
            {"id": "tox-consent", "form": "tox-consent", "appliesTo": {"treatments": ["neurotoxin"]},
             "validity": {"policy": "every_n_months", "months": 12}, "minVersion": "3",
             "dueHoursBefore": 24, "dependsOn": ["intake"]},
            {"id": "laser-consent", "form": "laser-consent", "appliesTo": {"categories": ["laser"]},
             "validity": {"policy": "per_series"}, "signature": "witnessed", "dueHoursBefore": 24},
            {"id": "photo-release", "form": "photo-release", "appliesTo": {"categories": ["injectable", "laser"]},
             "validity": {"policy": "once"}},
            {"id": "gfe-ca", "form": "gfe", "appliesTo": {"categories": ["injectable"]},
             "validity": {"policy": "every_n_months", "months": 12}, "signature": "none",
             "when": {"clinicStates": ["CA"]},
             "exam": {"performerRoles": ["MD", "DO", "NP", "PA"]}},
            {"id": "gfe-tx", "form": "gfe", "appliesTo": {"categories": ["injectable"]},
             "validity": {"policy": "every_n_months", "months": 12}, "signature": "none",
             "when": {"clinicStates": ["TX"]},
             "exam": {"performerRoles": ["MD", "PA", "APRN"], "modalities": ["in_person"]}},
            {"id": "guardian", "form": "guardian", "validity": {"policy": "every_visit"},
             "when": {"maxAge": 17}, "dueHoursBefore": 24}
        ],
        "reviewTriggers": [
            {"id": "pregnancy", "question": "pregnant", "when": {"equals": true}},
            {"id": "anticoagulants", "question": "anticoagulants", "when": {"equals": true},
             "appliesTo": {"categories": ["injectable", "laser"]}},
            {"id": "isotretinoin", "question": "isotretinoin_last_dose", "when": {"withinMonths": 6},
             "appliesTo": {"categories": ["laser", "peel"]}},
            {"id": "cold-sores", "question": "cold_sores", "when": {"equals": true},
             "appliesTo": {"treatments": ["filler", "laser-hair"]}},
            {"id": "lidocaine", "question": "allergies", "when": {"anyOf": ["lidocaine", "novocaine"]},
             "appliesTo": {"categories": ["injectable"]}}
        ]
    })
}

/// An appointment at 10:00 New York time on 2025-06-10 (clinic in New York, state `NY`).
pub fn appointment(treatments: &[&str]) -> Value {
    json!({
        "id": "appt-1", "clientId": "client-1", "start": "2025-06-10T10:00-04:00",
        "zone": "America/New_York", "clinicState": "NY", "locationId": "soho",
        "treatments": treatments
    })
}

/// A completed intake with harmless answers.
pub fn intake(completed_at: &str) -> Value {
    json!({"form": "intake", "version": "4", "status": "completed", "completedAt": completed_at,
           "answers": [{"question": "pregnant", "value": false},
                       {"question": "anticoagulants", "value": false}]})
}

/// A signed copy of `form` at `version`.
pub fn signed(form: &str, version: &str, signed_at: &str) -> Value {
    json!({"form": form, "version": version, "status": "signed", "signedAt": signed_at})
}

/// Every general form in order, signed well before the appointment.
pub fn paperwork() -> Vec<Value> {
    vec![
        intake("2025-05-01T12:00-04:00"),
        signed("privacy", "1", "2024-01-05T12:00-05:00"),
        signed("financial", "1", "2025-05-01T12:00-04:00"),
    ]
}

pub fn client(records: Vec<Value>) -> Value {
    json!({"id": "client-1", "birthDate": "1990-04-02", "state": "NY", "records": records})
}

pub fn request(appointment: Value, client: Value, now: &str) -> Value {
    json!({"rules": rules(), "appointment": appointment, "client": client, "now": now})
}

pub fn try_check(request: &Value) -> Result<AppointmentCheck, CodedError> {
    let request: CheckAppointmentRequest = decode_value(request)?;
    check_appointment(&ChronoTz, &request)
}

pub fn check(request: &Value) -> AppointmentCheck {
    match try_check(request) {
        Ok(check) => check,
        Err(err) => panic!("check failed: {err}"),
    }
}

/// The finding for `requirement` (or the review line for `None`).
pub fn finding<'a>(check: &'a AppointmentCheck, requirement: Option<&str>) -> &'a Finding {
    check
        .findings
        .iter()
        .find(|f| f.requirement.as_deref() == requirement)
        .unwrap_or_else(|| panic!("no finding for {requirement:?} in {:#?}", check.findings))
}

pub fn code(check: &AppointmentCheck, requirement: &str) -> Option<FindingCode> {
    finding(check, Some(requirement)).code
}
