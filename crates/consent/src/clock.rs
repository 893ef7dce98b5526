//! Time in the clinic's zone: parsing instants, local dates, and the 00:00 at which validity and
//! review deadlines fall (resolved by the zoned crate's gap rule where midnight does not exist).

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use medspa_errors::CodedError;
use medspa_zoned::{
    format_instant, parse_instant, parse_local_date, resolve_local, to_local, SpanCache, ZoneSource,
};
use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;
use std::sync::Arc;

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

/// One zone's time for the appointments of one call, remembered. A day of 2,000 appointments
/// shows the same few hundred deadlines and expiry midnights thousands of times, and the
/// midnights of adjacent dates probe the same offsets; each is worked out (and each text
/// allocated) once, and findings share the text.
///
/// Exact: the zone source answers a pure question (an offset for a zone and an instant), every
/// entry is its first answer to the same question, and errors are never remembered.
pub(crate) struct ZoneMemo<'z> {
    zone: &'z str,
    /// The zone's offsets, remembered per four-day span.
    offsets: SpanCache<&'z dyn ZoneSource>,
    shown: RefCell<HashMap<Instant, Arc<String>>>,
    midnights: RefCell<HashMap<NaiveDate, Instant>>,
    /// The last local date shown: a day's appointments share one or a few.
    last_date: RefCell<Option<(NaiveDate, Arc<String>)>>,
    /// Location ids, shared by the appointments that name them (see [`Self::location`]).
    locations: RefCell<Vec<Arc<String>>>,
}

impl<'z> ZoneMemo<'z> {
    pub(crate) fn new(zones: &'z dyn ZoneSource, zone: &'z str) -> Self {
        ZoneMemo {
            zone,
            offsets: SpanCache::new(zones),
            shown: RefCell::default(),
            midnights: RefCell::default(),
            last_date: RefCell::default(),
            locations: RefCell::default(),
        }
    }

    /// The memo's offsets, as a zone source.
    pub(crate) fn zones(&self) -> &dyn ZoneSource {
        &self.offsets
    }

    /// The clock of this zone, asking the memo for offsets.
    pub(crate) fn clock(&self) -> ClinicClock<'_> {
        ClinicClock {
            zones: &self.offsets,
            zone: self.zone,
        }
    }

    /// [`ClinicClock::show`], shared.
    pub(crate) fn show(&self, instant: Instant) -> Result<Arc<String>, CodedError> {
        if let Some(text) = self.shown.borrow().get(&instant) {
            return Ok(text.clone());
        }
        let text: Arc<String> = self.clock().show(instant)?.into();
        self.shown.borrow_mut().insert(instant, text.clone());
        Ok(text)
    }

    /// [`ClinicClock::start_of`], remembered.
    pub(crate) fn start_of(&self, date: NaiveDate) -> Result<Instant, CodedError> {
        if let Some(&at) = self.midnights.borrow().get(&date) {
            return Ok(at);
        }
        let at = self.clock().start_of(date)?;
        self.midnights.borrow_mut().insert(date, at);
        Ok(at)
    }

    /// `location` as a shared string: a zone's appointments name a few locations. Only the
    /// first few are remembered, so that a long list of them cannot make each lookup slow.
    pub(crate) fn location(&self, location: &str) -> Arc<String> {
        const REMEMBERED: usize = 32;
        let mut known = self.locations.borrow_mut();
        if let Some(shared) = known.iter().find(|shared| ***shared == *location) {
            return shared.clone();
        }
        let shared: Arc<String> = Arc::new(location.to_owned());
        if known.len() < REMEMBERED {
            known.push(shared.clone());
        }
        shared
    }

    /// `date` as `YYYY-MM-DD` (chrono's `Display`), shared with the previous appointment's.
    pub(crate) fn show_date(&self, date: NaiveDate) -> Arc<String> {
        let mut last = self.last_date.borrow_mut();
        match &*last {
            Some((shown, text)) if *shown == date => text.clone(),
            _ => {
                let text: Arc<String> = date.to_string().into();
                *last = Some((date, text.clone()));
                text
            }
        }
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
