//! Schedule exports: zoned wall-clock time, resolved through the host's `Intl` time-zone data.
//! Request and result types are the core's own (`medspa-schedule`, `ts` feature).

use crate::boundary::call;
use crate::intl_zone::IntlZones;
use medspa_schedule::{ClinicTimeRequest, LocalTimeRequest};
use wasm_bindgen::prelude::*;

/// Which instant a clinic's wall-clock time names, under the documented DST convention: a time
/// in a spring-forward gap moves forward by the gap; a repeated time takes its first occurrence.
///
/// Throws `MedspaError` with `INVALID_DATE` (`$.request.date`), `INVALID_TIME`
/// (`$.request.time`) or `UNKNOWN_TIME_ZONE` (`$.request.zone`).
#[wasm_bindgen(js_name = resolveLocalTime, unchecked_return_type = "LocalTimeResolution")]
pub fn resolve_local_time(
    #[wasm_bindgen(unchecked_param_type = "LocalTimeRequest")] request: String,
) -> Result<String, JsValue> {
    call(&request, "request", |r: &LocalTimeRequest| {
        medspa_schedule::resolve_local_time(&IntlZones::default(), r)
    })
}

/// The same instant with the UTC offset in force in `zone`: `2025-07-01T14:00Z` in
/// `America/New_York` is `"2025-07-01T10:00-04:00"`.
///
/// Throws `MedspaError` with `INVALID_INSTANT` (`$.request.instant`) or `UNKNOWN_TIME_ZONE`.
#[wasm_bindgen(js_name = toClinicTime, unchecked_return_type = "string")]
pub fn to_clinic_time(
    #[wasm_bindgen(unchecked_param_type = "ClinicTimeRequest")] request: String,
) -> Result<String, JsValue> {
    call(&request, "request", |r: &ClinicTimeRequest| {
        medspa_schedule::clinic_time(&IntlZones::default(), r)
    })
}
