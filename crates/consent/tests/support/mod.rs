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
    // Shared with the package tests (pkg-tests/test/consent.test.mjs), so both check one rule set.
    serde_json::from_str(include_str!("../fixtures/clinic-rules.json")).expect("valid fixture")
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
        .find(|f| f.requirement.as_deref().map(String::as_str) == requirement)
        .unwrap_or_else(|| panic!("no finding for {requirement:?} in {:#?}", check.findings))
}

pub fn code(check: &AppointmentCheck, requirement: &str) -> Option<FindingCode> {
    finding(check, Some(requirement)).code
}
