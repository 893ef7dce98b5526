//! Consent exports: thin wrappers over `medspa-consent`, whose data types carry their own
//! TypeScript declarations (its `ts` feature). Validity, deadlines and quiet hours are counted in
//! IANA zones answered by the host's `Intl`.

use crate::boundary::to_js;
use crate::intl_zone::with_zones;
use medspa_api::consent as api;
use wasm_bindgen::prelude::*;

/// Lists every problem of a rule set, each with a code and a JSON path into it (unknown forms,
/// treatments, categories or questions, `dependsOn` cycles, versions that do not parse…).
/// Problems are the answer, not an exception; only a rule set of the wrong shape throws.
///
/// @example validateRules(rules).problems // [{ code: 'UNKNOWN_FORM', path: '$.requirements[1].form', … }]
#[wasm_bindgen(js_name = validateRules, unchecked_return_type = "RulesValidation")]
pub fn validate_rules(
    #[wasm_bindgen(unchecked_param_type = "RuleSet")] rules: String,
) -> Result<String, JsValue> {
    to_js(api::validate_rules(&rules))
}

/// One appointment's checklist: `ready`, `incomplete` or `blocked`, and a finding per
/// requirement (`MISSING`, `EXPIRES_BEFORE_APPOINTMENT`, `NEEDS_REVIEW`…) with its deadline.
///
/// Throws `MedspaError` for requests that cannot be answered: `UNKNOWN_FORM` at
/// `$.request.client.records[i].form`, rule set problems under `$.request.rules`,
/// `INVALID_INSTANT`, `INVALID_VERSION`, `UNKNOWN_TIME_ZONE`, `UNKNOWN_TREATMENT`, `TOO_MANY`.
#[wasm_bindgen(js_name = checkAppointment, unchecked_return_type = "AppointmentCheck")]
pub fn check_appointment(
    #[wasm_bindgen(unchecked_param_type = "CheckAppointmentRequest")] request: String,
) -> Result<String, JsValue> {
    to_js(with_zones(|zones| api::check_appointment(&request, zones)))
}

/// Every appointment of a date range across locations, blocked first, with counts per code
/// and location and the list clinical staff must review before the day.
///
/// Throws `MedspaError` like `checkAppointment`, with paths such as
/// `$.request.appointments[3].zone`, plus `INVALID_RANGE` and `UNKNOWN_CLIENT`.
#[wasm_bindgen(js_name = checkDay, unchecked_return_type = "DayReport")]
pub fn check_day(
    #[wasm_bindgen(unchecked_param_type = "CheckDayRequest")] request: String,
) -> Result<String, JsValue> {
    to_js(with_zones(|zones| api::check_day(&request, zones)))
}

/// What to send the client now and later (in their allowed hours), when to escalate to staff,
/// and the staff tasks (exam, clinical review). It plans; it never sends.
///
/// Throws `MedspaError` like `checkAppointment`, plus `OUT_OF_RANGE` and `INVALID_TIME` under
/// `$.request.cadence`.
#[wasm_bindgen(js_name = nextActions, unchecked_return_type = "ActionPlan")]
pub fn next_actions(
    #[wasm_bindgen(unchecked_param_type = "NextActionsRequest")] request: String,
) -> Result<String, JsValue> {
    to_js(with_zones(|zones| api::next_actions(&request, zones)))
}
