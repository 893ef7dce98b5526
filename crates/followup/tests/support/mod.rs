//! Protocols, clients and helpers shared by the followup tests. Synthetic data only.

#![allow(dead_code, reason = "each test file uses a different subset")]

use medspa_errors::{decode_value, CodedError};
use medspa_followup::*;
use medspa_zoned::ChronoTz;
use serde_json::{json, Value};

/// A step: `kind`, offset (`{"hours": n}` or `{"days": n}`), channel, template, class.
pub fn step(id: &str, kind: &str, offset: Value, channel: &str, template: &str) -> Value {
    json!({"id": id, "kind": kind, "offset": offset, "channel": channel,
           "templateId": template, "class": "healthcare"})
}

/// Neurotoxin: aftercare at checkout, check-ins at 48 h and 7 days.
pub fn tox() -> Value {
    json!({"id": "tox", "treatmentId": "neurotoxin", "steps": [
        step("care", "aftercare", json!({"hours": 0}), "sms", "tox-aftercare"),
        step("48h", "check_in", json!({"hours": 48}), "sms", "checkin-48h"),
        step("1w", "check_in", json!({"days": 7}), "sms", "checkin-1w"),
    ]})
}

/// Filler: the same shape with its own templates.
pub fn filler() -> Value {
    json!({"id": "filler", "treatmentId": "filler", "steps": [
        step("care", "aftercare", json!({"hours": 0}), "sms", "filler-aftercare"),
        step("48h", "check_in", json!({"hours": 48}), "sms", "checkin-48h"),
        step("1w", "check_in", json!({"days": 7}), "email", "checkin-1w"),
    ]})
}

/// A peel series: 3 sessions 28–42 days apart, a rebooking prompt 3 days before the window
/// opens and series reminders a week before each later window.
pub fn peel_series() -> Value {
    json!({"id": "peel", "treatmentId": "peel",
    "series": {"sessions": 3, "intervals": [{"min": 28, "max": 42}]},
    "steps": [
        step("rebook", "rebooking", json!({"days": 3}), "sms", "rebook"),
        step("remind", "series_reminder", json!({"days": 7}), "email", "series-reminder"),
    ]})
}

/// An appointment of client `c1` in New York.
pub fn appointment(start: &str, end: &str, treatments: &[&str]) -> Value {
    json!({"id": "a1", "clientId": "c1", "start": start, "end": end,
           "zone": "America/New_York", "treatments": treatments})
}

pub fn client(zone: &str) -> Value {
    json!({"id": "c1", "zone": zone})
}

pub fn request(appointment: Value, protocols: Vec<Value>, client: Value, now: &str) -> Value {
    json!({"appointment": appointment, "protocols": protocols, "client": client, "now": now})
}

pub fn try_plan(request: &Value) -> Result<FollowupPlan, CodedError> {
    let request: FollowupPlanRequest = decode_value(request)?;
    followup_plan(&ChronoTz, &request)
}

pub fn plan(request: &Value) -> FollowupPlan {
    try_plan(request).unwrap_or_else(|err| panic!("plan failed: {err}"))
}

/// `(step id of the first source, send time)` of each message.
pub fn times(plan: &FollowupPlan) -> Vec<(String, String)> {
    plan.messages
        .iter()
        .map(|m| (m.sources[0].step_id.to_string(), m.send_at.to_string()))
        .collect()
}

pub fn message<'a>(plan: &'a FollowupPlan, protocol: &str, step: &str) -> &'a PlannedMessage {
    plan.messages
        .iter()
        .find(|m| {
            m.sources
                .iter()
                .any(|s| &*s.protocol_id == protocol && &*s.step_id == step)
        })
        .unwrap_or_else(|| panic!("no message for {protocol}/{step} in {:#?}", plan.messages))
}

pub fn try_send_time(request: &Value) -> Result<SendTime, CodedError> {
    let request: SendTimeRequest = decode_value(request)?;
    next_allowed_send_time(&ChronoTz, &request)
}

/// The next allowed time for `instant` to a recipient in `zone` (and `state`), with `extra`
/// merged into the request.
pub fn send_time(instant: &str, zone: &str, state: Option<&str>, extra: Value) -> (String, bool) {
    let mut request = json!({"instant": instant, "recipient": {"zone": zone, "state": state}});
    if let Value::Object(map) = extra {
        for (k, v) in map {
            if k == "allowedHours" {
                request["recipient"][k] = v;
            } else {
                request[k] = v;
            }
        }
    }
    let answer = try_send_time(&request).unwrap_or_else(|err| panic!("send time failed: {err}"));
    (answer.at, answer.moved)
}

pub fn assert_error(result: Result<impl std::fmt::Debug, CodedError>, code: &str, path: &str) {
    match result {
        Ok(value) => panic!("expected {code} at {path}, got {value:?}"),
        Err(err) => assert_eq!((err.code, err.path.as_str()), (code, path), "{err}"),
    }
}
