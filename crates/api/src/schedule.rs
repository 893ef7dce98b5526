//! Schedule operations (`medspa-schedule`) as JSON text, one-shot or on a prepared clinic.
//!
//! One-shot requests carry their `clinic`; the `*_in` forms take a [`PreparedClinic`] (opened
//! once with [`open_clinic`]) and a request without one. Which handle names which prepared
//! clinic is the caller's business (the WASM bindings keep a table of them).

use crate::json::{call, decode, encode};
use medspa_errors::CodedError;
use medspa_schedule::{
    Appointment, Clinic, ClinicTimeRequest, FindSlotsRequest, LocalTimeRequest, PlanSeriesRequest,
    PreparedClinic, RescheduleRequest, ValidatePlanRequest, WindowsRequest,
};
use medspa_zoned::ZoneSource;

/// A schedule query that exists one-shot (clinic inside the request) and on a prepared clinic.
type OneShot<Req, Res> = fn(&dyn ZoneSource, &Req) -> Result<Res, CodedError>;
type Prepared<Req, Res> = fn(&dyn ZoneSource, &PreparedClinic, &Req) -> Result<Res, CodedError>;

macro_rules! query {
    ($(#[$doc:meta])* $name:ident, $name_in:ident, $request:ty, $one_shot:path, $prepared:path) => {
        $(#[$doc])*
        pub fn $name(request: &str, zones: &dyn ZoneSource) -> Result<String, CodedError> {
            let run: OneShot<$request, _> = $one_shot;
            call(request, "request", |r: &$request| run(zones, r))
        }

        /// The same query on a prepared clinic; the request has no `clinic`.
        pub fn $name_in(
            request: &str,
            clinic: &PreparedClinic,
            zones: &dyn ZoneSource,
        ) -> Result<String, CodedError> {
            let run: Prepared<$request, _> = $prepared;
            call(request, "request", |r: &$request| run(zones, clinic, r))
        }
    };
}

query!(
    /// `findSlots(request)`: free slots for a treatment over providers, rooms and devices.
    find_slots, find_slots_in, FindSlotsRequest,
    medspa_schedule::find_slots, medspa_schedule::find_slots_in
);
query!(
    /// `planSeries(request)`: a consultation and every session of a series, in its windows.
    plan_series, plan_series_in, PlanSeriesRequest,
    medspa_schedule::plan_series, medspa_schedule::plan_series_in
);
query!(
    /// `validatePlan(request)`: every rule a proposed plan breaks.
    validate_plan, validate_plan_in, ValidatePlanRequest,
    medspa_schedule::validate_plan, medspa_schedule::validate_plan_in
);
query!(
    /// `reschedule(request)`: moves a session and, as asked, the sessions after it.
    reschedule, reschedule_in, RescheduleRequest,
    medspa_schedule::reschedule, medspa_schedule::reschedule_in
);
query!(
    /// `windows(request)`: the earliest and latest allowed date of each later session.
    windows, windows_in, WindowsRequest,
    medspa_schedule::windows, medspa_schedule::windows_in
);

/// `resolveLocalTime(request)`: a clinic wall-clock time as an instant, with a DST policy.
pub fn resolve_local_time(request: &str, zones: &dyn ZoneSource) -> Result<String, CodedError> {
    call(request, "request", |r: &LocalTimeRequest| {
        medspa_schedule::resolve_local_time(zones, r)
    })
}

/// `toClinicTime(request)`: an instant as the clinic's wall-clock time with its offset.
pub fn to_clinic_time(request: &str, zones: &dyn ZoneSource) -> Result<String, CodedError> {
    call(request, "request", |r: &ClinicTimeRequest| {
        medspa_schedule::clinic_time(zones, r)
    })
}

/// `openClinic(clinic)`: validates and indexes a clinic once, for the `*_in` queries.
pub fn open_clinic(clinic: &str, zones: &dyn ZoneSource) -> Result<PreparedClinic, CodedError> {
    let clinic: Clinic = decode(clinic, "clinic")?;
    PreparedClinic::new(zones, clinic).map_err(|e| e.under("$.clinic"))
}

/// `addAppointments(handle, appointments)`: books appointments into a prepared clinic;
/// answers the clinic's appointment count.
pub fn add_appointments(
    clinic: &mut PreparedClinic,
    appointments: &str,
    zones: &dyn ZoneSource,
) -> Result<String, CodedError> {
    let appointments: Vec<Appointment> = decode(appointments, "appointments")?;
    clinic.add_appointments(zones, appointments)?;
    encode(&clinic.appointment_count())
}

/// `removeAppointments(handle, ids)`: cancels appointments by id; answers how many were found.
pub fn remove_appointments(clinic: &mut PreparedClinic, ids: &str) -> Result<String, CodedError> {
    let ids: Vec<String> = decode(ids, "ids")?;
    encode(&clinic.remove_appointments(&ids))
}
