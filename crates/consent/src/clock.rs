//! Time in the clinic's zone: parsing instants, local dates, and the 00:00 at which validity and
//! review deadlines fall (resolved by the zoned crate's gap rule where midnight does not exist).

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use medspa_errors::CodedError;
use medspa_zoned::{
    format_instant, parse_instant, parse_local_date, resolve_local, to_local, ZoneSource,
};

pub(crate) type Instant = DateTime<Utc>;

/// Parses an ISO 8601 instant with offset, reporting errors at `path`.
pub(crate) fn instant_at(text: &str, path: &str) -> Result<Instant, CodedError> {
    parse_instant(text)
        .map(|t| t.to_utc())
        .map_err(|e| e.under(path))
}

/// Parses a `YYYY-MM-DD` date, reporting errors at `path`.
pub(crate) fn date_at(text: &str, path: &str) -> Result<NaiveDate, CodedError> {
    parse_local_date(text).map_err(|e| e.under(path))
}

/// The clinic-zone view of time for one appointment.
pub(crate) struct ClinicClock<'z> {
    pub zones: &'z dyn ZoneSource,
    pub zone: &'z str,
}

impl ClinicClock<'_> {
    pub(crate) fn date_of(&self, instant: Instant) -> Result<NaiveDate, CodedError> {
        Ok(to_local(self.zones, self.zone, instant)?.date_naive())
    }

    /// The instant local `date` begins (00:00, or the first instant after a gap at midnight).
    pub(crate) fn start_of(&self, date: NaiveDate) -> Result<Instant, CodedError> {
        let midnight = date.and_time(NaiveTime::MIN);
        Ok(resolve_local(self.zones, self.zone, midnight)?
            .instant
            .to_utc())
    }

    /// `instant` as ISO 8601 with the offset in force in the clinic's zone.
    pub(crate) fn show(&self, instant: Instant) -> Result<String, CodedError> {
        Ok(format_instant(to_local(self.zones, self.zone, instant)?))
    }
}

/// `date` plus `months` calendar months, clamped to the month's end (Jan 31 + 1 = Feb 28/29).
pub(crate) fn add_months(date: NaiveDate, months: u32) -> Option<NaiveDate> {
    date.checked_add_months(chrono::Months::new(months))
}

/// Whole years from `birth` to `on` (a birthday on Feb 29 is reached on Mar 1 in other years).
pub(crate) fn age_on(birth: NaiveDate, on: NaiveDate) -> Option<u32> {
    on.years_since(birth)
}
