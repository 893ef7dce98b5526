//! The JSON contract: camelCase fields, snake_case enums, coded errors with JSON paths into the
//! request, and no input text in any error message.

mod support;

use medspa_errors::{decode_value, CodedError};
use medspa_schedule::*;
use medspa_zoned::ChronoTz;
use serde_json::{json, Value};
use support::small_clinic;

fn find(request: Value) -> Result<FindSlotsResponse, CodedError> {
    let r: FindSlotsRequest = decode_value(&request)?;
    find_slots(&ChronoTz, &r)
}

fn base() -> Value {
    json!({"clinic": small_clinic("UTC", json!({})), "treatmentId": "t",
           "from": "2025-03-03", "to": "2025-03-03", "now": "2025-03-01T00:00Z", "limit": 2})
}

fn error(patch: impl FnOnce(&mut Value)) -> (&'static str, String, String) {
    let mut r = base();
    patch(&mut r);
    let e = find(r).expect_err("refused");
    (e.code, e.path, e.message)
}

#[test]
fn outputs_are_camel_case_with_offsets() {
    let out = serde_json::to_value(find(base()).expect("answers")).expect("json");
    assert_eq!(
        out,
        json!({"slots": [
            {"start": "2025-03-03T09:00+00:00", "end": "2025-03-03T10:00+00:00", "providerId": "ana", "resourceIds": ["r1"]},
            {"start": "2025-03-03T10:00+00:00", "end": "2025-03-03T11:00+00:00", "providerId": "ana", "resourceIds": ["r1"]}],
          "nextCursor": out["nextCursor"].clone()})
    );
    assert!(out["nextCursor"].is_string());
}

/// Input text that must never appear in an error.
const SECRET: &str = "PHI-987-65-4320";

/// A change to the base request.
type Patch = Box<dyn FnOnce(&mut Value)>;

#[test]
fn errors_name_the_field_and_never_echo_input() {
    let cases: Vec<(Patch, &str, &str)> = vec![
        (
            Box::new(|r| r["treatmentId"] = json!(SECRET)),
            "UNKNOWN_TREATMENT",
            "$.treatmentId",
        ),
        (
            Box::new(|r| r["clinic"]["location"]["zone"] = json!(SECRET)),
            "UNKNOWN_TIME_ZONE",
            "$.clinic.location.zone",
        ),
        (
            Box::new(|r| r["to"] = json!("2035-03-03")),
            "RANGE_TOO_LONG",
            "$.to",
        ),
        (
            Box::new(|r| r["from"] = json!(SECRET)),
            "INVALID_DATE",
            "$.from",
        ),
        (
            Box::new(|r| r["cursor"] = json!(SECRET)),
            "INVALID_CURSOR",
            "$.cursor",
        ),
        (
            Box::new(|r| r["clinic"]["providers"][0]["hours"][1]["day"] = json!("mon")),
            "OVERLAPPING_HOURS",
            "$.clinic.providers[0].hours[1]",
        ),
        (
            Box::new(|r| r["clinic"]["location"]["hours"][0]["end"] = json!("08:00")),
            "INVALID_HOURS",
            "$.clinic.location.hours[0].end",
        ),
        (
            Box::new(|r| {
                r["clinic"]["catalog"]["treatments"][0]["series"] =
                    json!({"sessions": 2, "intervals": [{"min": 9, "max": 3}]})
            }),
            "MIN_ABOVE_MAX",
            "$.clinic.catalog.treatments[0].series.intervals[0].min",
        ),
        (
            Box::new(
                |r| r["clinic"]["appointments"] = json!([{"start": "2025-03-03T09:00Z", "end": "2025-03-03T10:00Z", "providerId": SECRET}]),
            ),
            "UNKNOWN_PROVIDER",
            "$.clinic.appointments[0].providerId",
        ),
        (
            Box::new(|r| {
                r["clinic"]["catalog"]["treatments"][0]["resources"] =
                    json!([{"kind": "device", "anyOf": [SECRET]}])
            }),
            "UNKNOWN_RESOURCE",
            "$.clinic.catalog.treatments[0].resources[0].anyOf[0]",
        ),
        (
            Box::new(|r| r["clinic"]["providers"][0]["id"] = json!(SECRET)),
            "UNKNOWN_PROVIDER",
            "$.clinic.appointments[0].providerId",
        ),
        (
            Box::new(|r| r["clinic"]["location"]["slotStepMinutes"] = json!(0)),
            "INVALID_STEP",
            "$.clinic.location.slotStepMinutes",
        ),
        (
            Box::new(|r| r["clinic"]["location"]["extra"] = json!(SECRET)),
            "UNKNOWN_FIELD",
            "$.clinic.location",
        ),
        (
            Box::new(|r| {
                r["clinic"]["appointments"] = json!(vec![
                    json!({"start": "2025-03-03T09:00Z", "end": "2025-03-03T10:00Z"});
                    MAX_APPOINTMENTS + 1
                ])
            }),
            "TOO_MANY_APPOINTMENTS",
            "$.clinic.appointments",
        ),
    ];
    for (i, (patch, code, path)) in cases.into_iter().enumerate() {
        let mut r = base();
        if i == 10 {
            r["clinic"]["appointments"] = json!([{"start": "2025-03-03T09:00Z", "end": "2025-03-03T10:00Z", "providerId": "ana"}]);
        }
        patch(&mut r);
        let e = find(r).expect_err("refused");
        assert_eq!((e.code, e.path.as_str()), (code, path), "case {i}");
        assert!(
            !e.message.contains("PHI") && !e.message.contains("2035"),
            "case {i}: {}",
            e.message
        );
    }
    let (code, _, _) = error(|r| r["limit"] = json!(0));
    assert_eq!(code, "INVALID_LIMIT");
}

#[test]
fn enums_are_snake_case_and_codes_screaming() {
    assert_eq!(
        serde_json::to_value(RescheduleScope::Following).expect("json"),
        json!("following")
    );
    assert_eq!(
        serde_json::to_value(IntervalUnit::Months).expect("json"),
        json!("months")
    );
    assert_eq!(
        serde_json::to_value(Blocker::DeviceBusy).expect("json"),
        json!("DEVICE_BUSY")
    );
    assert_eq!(
        serde_json::to_value(ViolationCode::StaleConsultation).expect("json"),
        json!("STALE_CONSULTATION")
    );
    let plan: PlanSeriesRequest = decode_value(&json!({"clinic": small_clinic("UTC", json!({})),
        "treatmentId": "t", "now": "2025-03-01T00:00Z"}))
    .expect("valid");
    let out = serde_json::to_value(plan_series(&ChronoTz, &plan).expect("answers")).expect("json");
    assert_eq!(out["plan"]["sessions"][0]["providerId"], json!("ana"));
    assert_eq!(out["windows"][0]["status"], json!("booked"));
    assert_eq!(out["sameProvider"], json!(true));
}
