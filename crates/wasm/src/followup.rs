//! Follow-up exports: thin wrappers over `medspa-followup`, whose data types carry their own
//! TypeScript declarations (its `ts` feature). Quiet hours are read in the recipient's IANA zone,
//! answered by the host's `Intl`.

use crate::boundary::to_js;
use crate::intl_zone::with_zones;
use medspa_api::followup as api;
use wasm_bindgen::prelude::*;

/// The messages to schedule after one treatment: aftercare, check-ins, a rebooking prompt at
/// the opening of the next session's window, series reminders; each inside the recipient's
/// allowed hours, on a channel the client allows. With `previous`, also which planned messages
/// to cancel after a reschedule or cancellation.
///
/// Throws `MedspaError` (`UNKNOWN_TREATMENT`, `OUT_OF_RANGE`, `UNKNOWN_TIME_ZONE`,
/// `INVALID_INSTANT`…) with a path such as `$.request.protocols[0].steps[2].offset`.
#[wasm_bindgen(js_name = followupPlan, unchecked_return_type = "FollowupPlan")]
pub fn followup_plan(
    #[wasm_bindgen(unchecked_param_type = "FollowupPlanRequest")] request: String,
) -> Result<String, JsValue> {
    to_js(with_zones(|zones| api::followup_plan(&request, zones)))
}

/// `followupPlan` for a whole day of appointments at once (errors at `$.request.items[i]…`).
#[wasm_bindgen(js_name = followupDay, unchecked_return_type = "FollowupDay")]
pub fn followup_day(
    #[wasm_bindgen(unchecked_param_type = "FollowupDayRequest")] request: String,
) -> Result<String, JsValue> {
    to_js(with_zones(|zones| api::followup_day(&request, zones)))
}

/// The instant itself if the recipient may be messaged then, else the next allowed instant,
/// with `moved`; the same quiet-hours rule as the plans, for hosts that send messages of their own.
#[wasm_bindgen(js_name = nextAllowedSendTime, unchecked_return_type = "SendTime")]
pub fn next_allowed_send_time(
    #[wasm_bindgen(unchecked_param_type = "SendTimeRequest")] request: String,
) -> Result<String, JsValue> {
    to_js(with_zones(|zones| {
        api::next_allowed_send_time(&request, zones)
    }))
}

/// Every problem of a set of protocols and templates, with a path: unknown treatments, absurd
/// offsets, mixed message classes, marketing without consent, and templates that phi-lint finds
/// would leak PHI on their channel (`TEMPLATE_LEAKS_PHI`). Problems are the answer, not an error.
#[wasm_bindgen(js_name = validateProtocols, unchecked_return_type = "ProtocolsValidation")]
pub fn validate_protocols(
    #[wasm_bindgen(unchecked_param_type = "ValidateProtocolsRequest")] request: String,
) -> Result<String, JsValue> {
    to_js(api::validate_protocols(&request))
}

/// Per client and plan: sessions done and remaining, the next window, and the status
/// (`on_track`, `due`, `overdue`, `lapsed`, `completed`).
#[wasm_bindgen(js_name = seriesProgress, unchecked_return_type = "SeriesProgress")]
pub fn series_progress(
    #[wasm_bindgen(unchecked_param_type = "SeriesProgressRequest")] request: String,
) -> Result<String, JsValue> {
    to_js(with_zones(|zones| api::series_progress(&request, zones)))
}

/// Series completion by treatment, location and month of start, the drop-off histogram, gaps
/// against the protocol, the at-risk list, and follow-up against no follow-up.
#[wasm_bindgen(js_name = retentionReport, unchecked_return_type = "RetentionReport")]
pub fn retention_report(
    #[wasm_bindgen(unchecked_param_type = "RetentionRequest")] request: String,
) -> Result<String, JsValue> {
    to_js(api::retention_report(&request))
}

/// Planned messages and suggested next visits as an iCalendar (RFC 5545) text.
#[wasm_bindgen(js_name = toICalendar, unchecked_return_type = "string")]
pub fn to_icalendar(
    #[wasm_bindgen(unchecked_param_type = "ICalRequest")] request: String,
) -> Result<String, JsValue> {
    to_js(api::to_icalendar(&request))
}
