//! A clinic validated and indexed once, for many queries and cheap updates: what a booking
//! widget or a front-desk screen keeps while the user searches, books and cancels.

use crate::codes::{CLINIC_GIVEN_TWICE, MISSING_CLINIC};
use crate::model::Compiled;
use crate::types::{Appointment, Clinic};
use medspa_errors::CodedError;
use medspa_zoned::ZoneSource;
use std::fmt;

/// A clinic validated and compiled once: hours per weekday, qualified providers per treatment,
/// washouts, and the busy time of every provider, room and device indexed sorted by start.
///
/// Queries on it ([`find_slots_in`](crate::find_slots_in), [`plan_series_in`](crate::plan_series_in),
/// [`validate_plan_in`](crate::validate_plan_in), [`reschedule_in`](crate::reschedule_in),
/// [`windows_in`](crate::windows_in)) take the same requests as the one-shot operations without
/// their `clinic`, give the same answers, and cost what the searched range costs: each check
/// is a binary search into the index, so a query on a calendar of 40,000 appointments takes as
/// long as on one of 10,000 with the same bookings in that range. Appointments can be added and
/// removed in place, the index staying sorted.
///
/// ```
/// use medspa_schedule::{find_slots_in, Appointment, Clinic, FindSlotsRequest, PreparedClinic};
/// use medspa_zoned::ChronoTz;
/// let clinic: Clinic = serde_json::from_value(serde_json::json!({
///     "location": {"zone": "America/New_York", "slotStepMinutes": 60,
///                  "hours": [{"day": "mon", "start": "09:00", "end": "12:00"}]},
///     "catalog": {"treatments": [{"id": "botox", "durationMinutes": 60}]},
///     "providers": [{"id": "ana", "hours": [{"day": "mon", "start": "09:00", "end": "12:00"}]}]
/// })).unwrap();
/// let mut prepared = PreparedClinic::new(&ChronoTz, clinic).unwrap();
/// let request: FindSlotsRequest = serde_json::from_value(serde_json::json!({
///     "treatmentId": "botox", "from": "2025-03-10", "to": "2025-03-10",
///     "now": "2025-03-01T00:00Z"
/// })).unwrap();
/// let starts = |p: &PreparedClinic| -> Vec<String> {
///     find_slots_in(&ChronoTz, p, &request).unwrap().slots.into_iter().map(|s| s.start).collect()
/// };
/// assert_eq!(starts(&prepared), ["2025-03-10T09:00-04:00", "2025-03-10T10:00-04:00", "2025-03-10T11:00-04:00"]);
///
/// // The client books 10:00: the slot is gone; cancelling brings it back.
/// let booked: Appointment = serde_json::from_value(serde_json::json!({
///     "id": "apt-1", "start": "2025-03-10T10:00-04:00", "end": "2025-03-10T11:00-04:00",
///     "providerId": "ana"
/// })).unwrap();
/// prepared.add_appointments(&ChronoTz, vec![booked]).unwrap();
/// assert_eq!(starts(&prepared), ["2025-03-10T09:00-04:00", "2025-03-10T11:00-04:00"]);
/// assert_eq!(prepared.remove_appointments(&["apt-1".to_string()]), 1);
/// assert_eq!(starts(&prepared).len(), 3);
/// ```
pub struct PreparedClinic {
    pub(crate) compiled: Compiled,
}

impl PreparedClinic {
    /// Validates and indexes a clinic. Errors are those the one-shot operations report under
    /// `$.clinic`, with paths rooted at the clinic itself: `OVERLAPPING_HOURS` at
    /// `$.providers[2].hours[1]`, `UNKNOWN_TIME_ZONE` at `$.location.zone`,
    /// `UNKNOWN_PROVIDER` at `$.appointments[7].providerId`, `TOO_MANY_APPOINTMENTS` at
    /// `$.appointments`… Every appointment is checked, not only those near a searched range.
    pub fn new(zones: &dyn ZoneSource, clinic: Clinic) -> Result<Self, CodedError> {
        Ok(Self {
            compiled: Compiled::build(zones, &clinic, None)?,
        })
    }

    /// Adds bookings to the busy indexes, keeping them sorted (a binary search and a shift per
    /// busy provider or resource; one merge for a large batch). All or nothing: when one is
    /// invalid, nothing is added and the error's path indexes the list given
    /// (`$.appointments[0].start`, `$.appointments[1].providerId`…; `TOO_MANY_APPOINTMENTS` at
    /// `$.appointments` past [`MAX_APPOINTMENTS`](crate::MAX_APPOINTMENTS) in all). The zone
    /// source is not needed by today's checks; it is taken so that the call keeps its shape if
    /// a check ever needs the clinic's clock.
    pub fn add_appointments(
        &mut self,
        zones: &dyn ZoneSource,
        appointments: Vec<Appointment>,
    ) -> Result<(), CodedError> {
        let _ = zones;
        self.compiled.add_appointments(&appointments, None)
    }

    /// Removes every booking with one of these ids (several bookings may share an id); ids
    /// that name none are ignored. Returns how many bookings were removed.
    pub fn remove_appointments(&mut self, ids: &[String]) -> usize {
        self.compiled.remove_appointments(ids)
    }

    /// Bookings indexed now.
    pub fn appointment_count(&self) -> usize {
        self.compiled.live
    }
}

impl fmt::Debug for PreparedClinic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PreparedClinic")
            .field("zone", &self.compiled.zone)
            .field("providers", &self.compiled.providers.len())
            .field("resources", &self.compiled.resources.len())
            .field("treatments", &self.compiled.treatments.len())
            .field("appointments", &self.compiled.live)
            .finish()
    }
}

/// The clinic of a one-shot request (`MISSING_CLINIC` at `$.clinic` when absent).
pub(crate) fn one_shot(clinic: Option<&Clinic>) -> Result<&Clinic, CodedError> {
    clinic.ok_or_else(|| {
        CodedError::new(
            MISSING_CLINIC,
            "$.clinic",
            "the request needs a clinic (or use a prepared clinic)",
        )
    })
}

/// A request on a prepared clinic must not bring its own (`CLINIC_GIVEN_TWICE` at `$.clinic`).
pub(crate) fn prepared_only(clinic: Option<&Clinic>) -> Result<(), CodedError> {
    match clinic {
        None => Ok(()),
        Some(_) => Err(CodedError::new(
            CLINIC_GIVEN_TWICE,
            "$.clinic",
            "a request on a prepared clinic must not include a clinic",
        )),
    }
}
