//! Schedule exports: zoned wall-clock time, resolved through the host's `Intl` time-zone data.

use crate::boundary::{decode, encode, to_js_error};
use crate::intl_zone::IntlZones;
use serde::{Deserialize, Serialize};
use tsify::Tsify;
use wasm_bindgen::prelude::*;

/// A clinic's wall-clock time in a named IANA zone.
#[derive(Debug, Clone, Tsify, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LocalTimeRequest {
    /// Local calendar date, `YYYY-MM-DD`.
    pub date: String,
    /// Local time of day, `HH:MM` or `HH:MM:SS`.
    pub time: String,
    /// IANA zone name, such as `"America/New_York"`.
    pub zone: String,
}

/// The instant a wall-clock time names.
#[derive(Debug, Clone, Tsify, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LocalTimeResolution {
    /// ISO 8601 with the offset in force, such as `"2025-03-09T03:30-04:00"`.
    pub instant: String,
    /// Which DST case applied: the time existed once, fell in a spring-forward gap (moved
    /// forward by the gap), or occurred twice (the first occurrence was taken).
    #[tsify(type = "\"ok\" | \"gap_shifted\" | \"ambiguous_resolved\"")]
    pub resolution: medspa_zoned::Resolution,
}

/// An instant shown on a clinic's wall clock.
#[derive(Debug, Clone, Tsify, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InstantInZone {
    /// ISO 8601 with an offset or `Z`; the shim also accepts a `Date`.
    #[tsify(type = "string | Date")]
    pub instant: String,
    /// IANA zone name, such as `"Europe/Berlin"`.
    pub zone: String,
}

/// Which instant a clinic's wall-clock time names, under the documented DST convention: a time
/// in a spring-forward gap moves forward by the gap; a repeated time takes its first occurrence.
///
/// Throws `MedspaError` with `INVALID_DATE` (`$.request.date`), `INVALID_TIME`
/// (`$.request.time`) or `UNKNOWN_TIME_ZONE` (`$.request.zone`).
#[wasm_bindgen(js_name = resolveLocalTime, unchecked_return_type = "LocalTimeResolution")]
pub fn resolve_local_time(
    #[wasm_bindgen(unchecked_param_type = "LocalTimeRequest")] request: String,
) -> Result<String, JsValue> {
    let request = decode::<LocalTimeRequest>(&request, "request")?;
    let core_request = medspa_schedule::LocalTimeRequest {
        date: request.date,
        time: request.time,
        zone: request.zone,
    };
    let resolved = medspa_schedule::resolve_local_time(&IntlZones::default(), &core_request)
        .map_err(|err| to_js_error(err.under("$.request")))?;
    encode(&LocalTimeResolution {
        instant: resolved.instant,
        resolution: resolved.resolution,
    })
}

/// The same instant with the UTC offset in force in `zone`: `2025-07-01T14:00Z` in
/// `America/New_York` is `"2025-07-01T10:00-04:00"`.
///
/// Throws `MedspaError` with `INVALID_INSTANT` (`$.request.instant`) or `UNKNOWN_TIME_ZONE`.
#[wasm_bindgen(js_name = toClinicTime, unchecked_return_type = "string")]
pub fn to_clinic_time(
    #[wasm_bindgen(unchecked_param_type = "InstantInZone")] request: String,
) -> Result<String, JsValue> {
    let request = decode::<InstantInZone>(&request, "request")?;
    let shown =
        medspa_schedule::to_clinic_time(&IntlZones::default(), &request.instant, &request.zone)
            .map_err(|err| to_js_error(err.under("$.request")))?;
    encode(&shown)
}
