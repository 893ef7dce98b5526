//! Schedule exports: free slots, series plans, the plan checker, rescheduling, session windows
//! and zoned wall-clock time, with zone offsets from the host's `Intl` time-zone data. Request
//! and result types are the core's own (`medspa-schedule`, `ts` feature).
//!
//! Every operation takes one request object, so every error path starts at `$.request`. Codes
//! that any operation with a clinic may throw (all with the path of the field at fault, none
//! quoting input): decoding (`MISSING_FIELD`, `UNKNOWN_FIELD`, `INVALID_TYPE`, `INVALID_VALUE`),
//! the clinic (`UNKNOWN_TIME_ZONE`, `INVALID_TIME`, `INVALID_DATE`, `INVALID_INSTANT`,
//! `INVALID_HOURS`, `OVERLAPPING_HOURS`, `BREAK_OUTSIDE_HOURS`, `INVALID_EXCEPTION`,
//! `INVALID_STEP`, `INVALID_NOTICE`, `INVALID_HORIZON`, `INVALID_CAPACITY`, `INVALID_RANGE`,
//! `DUPLICATE_ID`, `UNKNOWN_TREATMENT`, `UNKNOWN_PROVIDER`, `UNKNOWN_RESOURCE`,
//! `RESOURCE_KIND_MISMATCH`, `INVALID_DURATION`, `INVALID_BUFFER`, `INVALID_SESSIONS`,
//! `MISSING_INTERVALS`, `MIN_ABOVE_MAX`, `INVALID_INTERVAL`, `INVALID_CONSULTATION`,
//! `INVALID_WASHOUT`) and the documented limits (`TOO_MANY_ENTRIES`, `TOO_MANY_APPOINTMENTS`,
//! `TOO_MANY_PROVIDERS`, `TOO_MANY_RESOURCES`, `TOO_MANY_TREATMENTS`, `TIME_OUT_OF_RANGE`).
//! Each export's comment names the codes particular to it.
//!
//! Prepared clinics: `openClinic(clinic)` validates and indexes a clinic once and returns a
//! handle (a number); each query takes it as an optional second argument, with a request that
//! has no `clinic` (`findSlots(request, clinic)`), and then costs what the searched days cost
//! instead of re-reading the whole calendar (for 10,000 appointments, 1.3 MB of JSON) per call.
//! `addAppointments` and `removeAppointments` keep it current as slots are booked and
//! cancelled; `closeClinic` frees it. Prepared clinics live in this instance: when a call traps,
//! the shim starts a fresh instance and every handle becomes unknown (`UNKNOWN_CLINIC_HANDLE`),
//! so reopen the clinic then. Codes of the handle: `UNKNOWN_CLINIC_HANDLE` and `INVALID_TYPE`
//! (`$.clinic`, the second argument), `CLINIC_GIVEN_TWICE` (`$.request.clinic`, a request with
//! a handle and a clinic) and `MISSING_CLINIC` (`$.request.clinic`, with neither).

use crate::boundary::{to_js, to_js_error};
use crate::intl_zone::with_zones;
use medspa_api::json::{decode, encode};
use medspa_api::schedule as api;
use medspa_errors::CodedError;
use medspa_schedule::PreparedClinic;
use medspa_zoned::ZoneSource;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

/// A handle that names no open clinic: never opened, closed, or lost when the module was reset
/// after an internal error.
const UNKNOWN_CLINIC_HANDLE: &str = "UNKNOWN_CLINIC_HANDLE";

thread_local! {
    /// Prepared clinics by handle − 1; a closed one leaves `None`, so a handle is never reused
    /// (a stale handle cannot reach another clinic). WASM runs one thread per instance.
    static CLINICS: RefCell<Vec<Option<PreparedClinic>>> = const { RefCell::new(Vec::new()) };
}

fn unknown_handle() -> JsValue {
    to_js_error(CodedError::new(
        UNKNOWN_CLINIC_HANDLE,
        "$.clinic",
        "no open clinic has this handle: it was closed, or the module was reset after an \
         internal error; open the clinic again",
    ))
}

/// The handle argument: a number, or absent (`undefined` or `null`).
fn handle(text: Option<&str>) -> Result<Option<usize>, JsValue> {
    match text {
        None => Ok(None),
        Some(text) => Ok(decode::<Option<u32>>(text, "clinic")
            .map_err(to_js_error)?
            .map(|h| h as usize)),
    }
}

/// Runs `f` on the open clinic with this handle.
fn with_clinic<T>(
    handle: usize,
    f: impl FnOnce(&mut PreparedClinic) -> Result<T, JsValue>,
) -> Result<T, JsValue> {
    CLINICS.with_borrow_mut(|clinics| {
        match handle
            .checked_sub(1)
            .and_then(|i| clinics.get_mut(i))
            .and_then(Option::as_mut)
        {
            Some(clinic) => f(clinic),
            None => Err(unknown_handle()),
        }
    })
}

/// A query export: the one-shot operation without a handle, the prepared one with it.
type OneShot = fn(&str, &dyn ZoneSource) -> Result<String, CodedError>;
type Prepared = fn(&str, &PreparedClinic, &dyn ZoneSource) -> Result<String, CodedError>;

fn query(
    request: &str,
    clinic: Option<&str>,
    one_shot: OneShot,
    prepared: Prepared,
) -> Result<String, JsValue> {
    match handle(clinic)? {
        None => to_js(with_zones(|zones| one_shot(request, zones))),
        Some(h) => with_clinic(h, |c| {
            to_js(with_zones(|zones| prepared(request, c, zones)))
        }),
    }
}

/// Validates and indexes a clinic once, for queries that pass the returned handle as their
/// second argument (with no `clinic` in the request). Every appointment is checked now, so a
/// clinic that opens answers every query that a one-shot call would.
///
/// Throws `MedspaError` with the clinic's codes (module docs) under `$.clinic`, such as
/// `OVERLAPPING_HOURS` at `$.clinic.providers[2].hours[1]`.
#[wasm_bindgen(js_name = openClinic, unchecked_return_type = "number")]
pub fn open_clinic(
    #[wasm_bindgen(unchecked_param_type = "Clinic")] clinic: String,
) -> Result<String, JsValue> {
    let prepared = with_zones(|zones| api::open_clinic(&clinic, zones)).map_err(to_js_error)?;
    let handle = CLINICS.with_borrow_mut(|clinics| {
        clinics.push(Some(prepared));
        clinics.len()
    });
    to_js(encode(&handle))
}

/// Frees a prepared clinic; its handle is never given out again. Returns `false` when the
/// handle named no open clinic (closing twice, or after a reset, is harmless).
///
/// Throws `MedspaError` with `INVALID_TYPE` (`$.clinic`) when the handle is not a number.
#[wasm_bindgen(js_name = closeClinic, unchecked_return_type = "boolean")]
pub fn close_clinic(
    #[wasm_bindgen(unchecked_param_type = "number")] clinic: String,
) -> Result<String, JsValue> {
    let open = match handle(Some(&clinic))? {
        Some(h) => CLINICS.with_borrow_mut(|clinics| {
            h.checked_sub(1)
                .and_then(|i| clinics.get_mut(i))
                .and_then(Option::take)
                .is_some()
        }),
        None => false,
    };
    to_js(encode(&open))
}

/// Adds bookings to a prepared clinic (a client just booked a slot); all or nothing. Returns the
/// number of appointments the clinic now holds.
///
/// Throws `MedspaError` with `UNKNOWN_CLINIC_HANDLE` (`$.clinic`), and for a bad appointment
/// `INVALID_INSTANT`, `INVALID_RANGE`, `INVALID_BUFFER`, `UNKNOWN_PROVIDER` or
/// `UNKNOWN_RESOURCE` at its field (`$.appointments[0].start`…), `TOO_MANY_APPOINTMENTS`
/// (`$.appointments`) past 100,000 in all.
#[wasm_bindgen(js_name = addAppointments, unchecked_return_type = "number")]
pub fn add_appointments(
    #[wasm_bindgen(unchecked_param_type = "number")] clinic: String,
    #[wasm_bindgen(unchecked_param_type = "Appointment[]")] appointments: String,
) -> Result<String, JsValue> {
    let h = handle(Some(&clinic))?.ok_or_else(unknown_handle)?;
    with_clinic(h, |c| {
        to_js(with_zones(|zones| {
            api::add_appointments(c, &appointments, zones)
        }))
    })
}

/// Removes the bookings with these ids from a prepared clinic (a cancellation); ids that name
/// none are ignored. Returns how many bookings were removed.
///
/// Throws `MedspaError` with `UNKNOWN_CLINIC_HANDLE` (`$.clinic`) or `INVALID_TYPE`
/// (`$.ids[i]`).
#[wasm_bindgen(js_name = removeAppointments, unchecked_return_type = "number")]
pub fn remove_appointments(
    #[wasm_bindgen(unchecked_param_type = "number")] clinic: String,
    #[wasm_bindgen(unchecked_param_type = "string[]")] ids: String,
) -> Result<String, JsValue> {
    let h = handle(Some(&clinic))?.ok_or_else(unknown_handle)?;
    with_clinic(h, |c| to_js(api::remove_appointments(c, &ids)))
}

/// Which instant a clinic's wall-clock time names. By default a time in a spring-forward gap
/// moves forward by the gap and a repeated time takes its first occurrence (RFC 5545);
/// `policy: {gap: 'shift_forward' | 'reject', ambiguous: 'earliest' | 'latest' | 'reject'}`
/// names another choice. The result carries the instant, its `offset` and the `resolution`.
///
/// Throws `MedspaError` with `INVALID_DATE` (`$.request.date`), `INVALID_TIME`,
/// `NONEXISTENT_LOCAL_TIME` or `AMBIGUOUS_LOCAL_TIME` (`$.request.time`, the last two only under
/// a `reject` policy), `INVALID_VALUE` (`$.request.policy.…`) or `UNKNOWN_TIME_ZONE`
/// (`$.request.zone`).
#[wasm_bindgen(js_name = resolveLocalTime, unchecked_return_type = "LocalTimeResolution")]
pub fn resolve_local_time(
    #[wasm_bindgen(unchecked_param_type = "LocalTimeRequest")] request: String,
) -> Result<String, JsValue> {
    to_js(with_zones(|zones| api::resolve_local_time(&request, zones)))
}

/// The same instant with the UTC offset in force in `zone`: `2025-07-01T14:00Z` in
/// `America/New_York` is `"2025-07-01T10:00-04:00"`.
///
/// Throws `MedspaError` with `INVALID_INSTANT` (`$.request.instant`) or `UNKNOWN_TIME_ZONE`.
#[wasm_bindgen(js_name = toClinicTime, unchecked_return_type = "string")]
pub fn to_clinic_time(
    #[wasm_bindgen(unchecked_param_type = "ClinicTimeRequest")] request: String,
) -> Result<String, JsValue> {
    to_js(with_zones(|zones| api::to_clinic_time(&request, zones)))
}

/// Free start times of one treatment between two local dates, each with a provider and the
/// rooms and devices that make it possible; ordered by start, then the preferred provider, then
/// the clinic's provider order; paged by `limit` and `cursor` (`nextCursor`).
///
/// Throws `MedspaError` with the clinic's codes (module docs), `UNKNOWN_TREATMENT`
/// (`$.request.treatmentId`), `INVALID_DATE` (`$.request.from`, `$.request.to`),
/// `INVALID_RANGE` or `RANGE_TOO_LONG` (`$.request.to`, more than 366 days),
/// `INVALID_INSTANT` (`$.request.now`), `INVALID_LIMIT`, `INVALID_CURSOR`, and
/// `UNKNOWN_PROVIDER` or `INVALID_HOURS` under `$.request.preferences`.
///
/// With `clinic`, a handle from `openClinic`, the request has no `clinic` of its own and the
/// answer is the same as with it; `UNKNOWN_CLINIC_HANDLE` (`$.clinic`) when the handle names no
/// open clinic (closed, or lost when the module was reset after an internal error: reopen it),
/// `CLINIC_GIVEN_TWICE` (`$.request.clinic`) with a clinic too, `MISSING_CLINIC` with neither.
#[wasm_bindgen(js_name = findSlots, unchecked_return_type = "FindSlotsResponse")]
pub fn find_slots(
    #[wasm_bindgen(unchecked_param_type = "FindSlotsRequest")] request: String,
    #[wasm_bindgen(unchecked_optional_param_type = "number")] clinic: Option<String>,
) -> Result<String, JsValue> {
    query(
        &request,
        clinic.as_deref(),
        api::find_slots,
        api::find_slots_in,
    )
}

/// The earliest feasible plan of a whole series (the consultation first where one is needed),
/// every session inside its window with a provider and resources; or, as a value, `unplanned`:
/// the session and window that could not be filled and what blocked it (`NO_QUALIFIED_PROVIDER`,
/// `DEVICE_BUSY`, `CLINIC_CLOSED`, `WASHOUT`, `SEARCH_LIMIT`…).
///
/// Throws `MedspaError` with the clinic's codes (module docs), `UNKNOWN_TREATMENT`
/// (`$.request.treatmentId`), `INVALID_INSTANT` (`$.request.now`, `$.request.client…`), and
/// `UNKNOWN_PROVIDER` or `INVALID_HOURS` under `$.request.preferences`.
///
/// With `clinic`, a handle from `openClinic`, the request has no `clinic` of its own and the
/// answer is the same as with it; `UNKNOWN_CLINIC_HANDLE` (`$.clinic`) when the handle names no
/// open clinic (closed, or lost when the module was reset after an internal error: reopen it),
/// `CLINIC_GIVEN_TWICE` (`$.request.clinic`) with a clinic too, `MISSING_CLINIC` with neither.
#[wasm_bindgen(js_name = planSeries, unchecked_return_type = "PlanSeriesResponse")]
pub fn plan_series(
    #[wasm_bindgen(unchecked_param_type = "PlanSeriesRequest")] request: String,
    #[wasm_bindgen(unchecked_optional_param_type = "number")] clinic: Option<String>,
) -> Result<String, JsValue> {
    query(
        &request,
        clinic.as_deref(),
        api::plan_series,
        api::plan_series_in,
    )
}

/// Every violation of a plan, with codes and the sessions involved (`TOO_SOON`, `TOO_LATE`,
/// `MISSING_CONSULTATION`, `STALE_CONSULTATION`, `WASHOUT`, `DOUBLE_BOOKING`,
/// `OUTSIDE_HOURS`…); violations are the answer, not errors.
///
/// Throws `MedspaError` with the clinic's codes (module docs), `UNKNOWN_TREATMENT`
/// (`$.request.treatmentId`), `TOO_MANY_SESSIONS` (`$.request.plan.sessions`),
/// `INVALID_INSTANT` (`$.request.now`, `$.request.plan.sessions[i].start`), and
/// `UNKNOWN_PROVIDER`, `UNKNOWN_RESOURCE` or `INVALID_CONSULTATION` under
/// `$.request.plan`.
///
/// With `clinic`, a handle from `openClinic`, the request has no `clinic` of its own and the
/// answer is the same as with it; `UNKNOWN_CLINIC_HANDLE` (`$.clinic`) when the handle names no
/// open clinic (closed, or lost when the module was reset after an internal error: reopen it),
/// `CLINIC_GIVEN_TWICE` (`$.request.clinic`) with a clinic too, `MISSING_CLINIC` with neither.
#[wasm_bindgen(js_name = validatePlan, unchecked_return_type = "ValidatePlanResponse")]
pub fn validate_plan(
    #[wasm_bindgen(unchecked_param_type = "ValidatePlanRequest")] request: String,
    #[wasm_bindgen(unchecked_optional_param_type = "number")] clinic: Option<String>,
) -> Result<String, JsValue> {
    query(
        &request,
        clinic.as_deref(),
        api::validate_plan,
        api::validate_plan_in,
    )
}

/// Moves one session of a plan with scope `this`, `following` or `repair`, and returns the
/// resulting plan, the changes, the new windows of later sessions, the sessions now outside
/// their windows and every violation; a refusal (`OUTSIDE_WINDOW`, `TOO_SHORT_NOTICE`,
/// `OUTSIDE_HORIZON`, `UNAVAILABLE`) is a value with `accepted: false`.
///
/// Throws `MedspaError` with the clinic's codes (module docs), `UNKNOWN_TREATMENT`
/// (`$.request.treatmentId`), `INVALID_SESSION` (`$.request.session`), `INVALID_INSTANT`
/// (`$.request.newStart`, `$.request.now`, `$.request.plan…`), `TOO_MANY_SESSIONS`, and
/// `UNKNOWN_PROVIDER`, `UNKNOWN_RESOURCE` or `INVALID_CONSULTATION` under
/// `$.request.plan`.
///
/// With `clinic`, a handle from `openClinic`, the request has no `clinic` of its own and the
/// answer is the same as with it; `UNKNOWN_CLINIC_HANDLE` (`$.clinic`) when the handle names no
/// open clinic (closed, or lost when the module was reset after an internal error: reopen it),
/// `CLINIC_GIVEN_TWICE` (`$.request.clinic`) with a clinic too, `MISSING_CLINIC` with neither.
#[wasm_bindgen(js_name = reschedule, unchecked_return_type = "RescheduleResponse")]
pub fn reschedule(
    #[wasm_bindgen(unchecked_param_type = "RescheduleRequest")] request: String,
    #[wasm_bindgen(unchecked_optional_param_type = "number")] clinic: Option<String>,
) -> Result<String, JsValue> {
    query(
        &request,
        clinic.as_deref(),
        api::reschedule,
        api::reschedule_in,
    )
}

/// The allowed window of each session of the series not yet done (inclusive local dates, exact
/// instants for `hours` intervals), for a calendar to shade.
///
/// Throws `MedspaError` with the clinic's codes (module docs), `UNKNOWN_TREATMENT`
/// (`$.request.treatmentId`), `TOO_MANY_SESSIONS`, `INVALID_INSTANT` (`$.request.now`,
/// `$.request.plan…`), and `UNKNOWN_PROVIDER`, `UNKNOWN_RESOURCE` or `INVALID_CONSULTATION` under
/// `$.request.plan`.
///
/// With `clinic`, a handle from `openClinic`, the request has no `clinic` of its own and the
/// answer is the same as with it; `UNKNOWN_CLINIC_HANDLE` (`$.clinic`) when the handle names no
/// open clinic (closed, or lost when the module was reset after an internal error: reopen it),
/// `CLINIC_GIVEN_TWICE` (`$.request.clinic`) with a clinic too, `MISSING_CLINIC` with neither.
#[wasm_bindgen(js_name = windows, unchecked_return_type = "WindowsResponse")]
pub fn windows(
    #[wasm_bindgen(unchecked_param_type = "WindowsRequest")] request: String,
    #[wasm_bindgen(unchecked_optional_param_type = "number")] clinic: Option<String>,
) -> Result<String, JsValue> {
    query(&request, clinic.as_deref(), api::windows, api::windows_in)
}
