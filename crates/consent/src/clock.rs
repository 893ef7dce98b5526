//! Time in the clinic's zone: parsing instants, local dates, and the 00:00 at which validity and
//! review deadlines fall (resolved by the zoned crate's gap rule where midnight does not exist).

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Utc};
use medspa_errors::CodedError;
use medspa_zoned::{
    format_instant, parse_instant, parse_local_date, resolve_local, to_local, ZoneSource,
};
use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;
use std::sync::Arc;

pub(crate) type Instant = DateTime<Utc>;

/// Parses an ISO 8601 instant with offset, reporting errors at `path`.
pub(crate) fn instant_at(text: &str, path: &str) -> Result<Instant, CodedError> {
    if let Some(instant) = common_instant(text) {
        return Ok(instant);
    }
    parse_instant(text)
        .map(|t| t.to_utc())
        .map_err(|e| e.under(path))
}

/// The shapes hosts nearly always send, `2025-06-10T15:00Z`, `2025-06-10T15:00:30Z` and
/// `2025-06-10T10:00-05:00`, read digit by digit: a day's check parses tens of thousands of
/// record times, and the general parser was a seventh of its instructions. `None` for anything else
/// (fractions, lowercase `t` or `z`, offsets with seconds, impossible dates), which
/// [`parse_instant`] then reads or refuses; a property test checks that the two agree.
fn common_instant(text: &str) -> Option<Instant> {
    let (head, offset) = text.as_bytes().split_at_checked(16)?;
    let &[y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2, b'T', h1, h2, b':', n1, n2] = head else {
        return None;
    };
    let (second, offset) = match *offset {
        [b':', s1, s2, ref offset @ ..] => (two_digits(s1, s2)?, offset),
        ref offset => (0, offset),
    };
    let east = match *offset {
        [b'Z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (hours, minutes) = (two_digits(h1, h2)?, two_digits(m1, m2)?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let east = i32::try_from(hours * 3600 + minutes * 60).ok()?;
            if sign == b'-' {
                -east
            } else {
                east
            }
        }
        _ => return None,
    };
    let year = i32::try_from(two_digits(y1, y2)? * 100 + two_digits(y3, y4)?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, two_digits(m1, m2)?, two_digits(d1, d2)?)?;
    let time = NaiveTime::from_hms_opt(two_digits(h1, h2)?, two_digits(n1, n2)?, second)?;
    let local = date.and_time(time);
    if east == 0 {
        return Some(local.and_utc());
    }
    Some(
        local
            .checked_sub_offset(FixedOffset::east_opt(east)?)?
            .and_utc(),
    )
}

/// The number written by two ASCII digits.
fn two_digits(tens: u8, ones: u8) -> Option<u32> {
    let (tens, ones) = (tens.wrapping_sub(b'0'), ones.wrapping_sub(b'0'));
    (tens < 10 && ones < 10).then(|| u32::from(tens) * 10 + u32::from(ones))
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
    zones: &'z dyn ZoneSource,
    zone: &'z str,
    offsets: RefCell<HashMap<i64, i32>>,
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
            zones,
            zone,
            offsets: RefCell::default(),
            shown: RefCell::default(),
            midnights: RefCell::default(),
            last_date: RefCell::default(),
            locations: RefCell::default(),
        }
    }

    /// The clock of this zone, asking this memo for offsets.
    pub(crate) fn clock(&self) -> ClinicClock<'_> {
        ClinicClock {
            zones: self,
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

impl ZoneSource for ZoneMemo<'_> {
    fn utc_offset(&self, zone: &str, unix_seconds: i64) -> Result<i32, CodedError> {
        // The zoned crate passes back the name it was given: comparing addresses first spares
        // a string comparison on nearly every question.
        if !std::ptr::eq(zone, self.zone) && zone != self.zone {
            return self.zones.utc_offset(zone, unix_seconds);
        }
        if let Some(&offset) = self.offsets.borrow().get(&unix_seconds) {
            return Ok(offset);
        }
        let offset = self.zones.utc_offset(zone, unix_seconds)?;
        self.offsets.borrow_mut().insert(unix_seconds, offset);
        Ok(offset)
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

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The fast path reads exactly what the general parser reads, or leaves the text to it.
    fn agrees(text: &str) -> Result<(), TestCaseError> {
        let general = parse_instant(text).map(|t| t.to_utc()).ok();
        if let Some(fast) = common_instant(text) {
            prop_assert_eq!(Some(fast), general, "{}", text);
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn the_fast_path_agrees_with_the_general_parser(
            (year, month, day) in (0u32..=9999, 0u32..=13, 0u32..=32),
            (hour, minute, second) in (0u32..=25, 0u32..=60, proptest::option::of(0u32..=60)),
            separator in prop_oneof![8 => Just("T"), 1 => Just("t"), 1 => Just(" ")],
            offset in prop_oneof![
                4 => Just("Z".to_owned()),
                1 => Just("z".to_owned()),
                6 => (any::<bool>(), 0u32..=25, 0u32..=60)
                    .prop_map(|(east, h, m)| format!("{}{h:02}:{m:02}", if east { '+' } else { '-' })),
                1 => "[+-][0-9]{2}:[0-9]{2}:[0-9]{2}|[+-][0-9]{4}|",
            ],
            tail in prop_oneof![8 => Just(""), 1 => Just(".5"), 1 => Just("x")],
        ) {
            let second = second.map(|s| format!(":{s:02}")).unwrap_or_default();
            let (fraction, junk) = if tail == ".5" { (tail, "") } else { ("", tail) };
            agrees(&format!(
                "{year:04}-{month:02}-{day:02}{separator}{hour:02}:{minute:02}{second}{fraction}{offset}{junk}"
            ))?;
        }

        #[test]
        fn any_text_is_safe(text in "\\PC{0,30}") {
            agrees(&text)?;
        }
    }

    #[test]
    fn common_shapes_take_the_fast_path() {
        for (text, utc) in [
            ("2025-06-10T15:00Z", "2025-06-10T15:00:00+00:00"),
            ("2025-06-10T15:00:30Z", "2025-06-10T15:00:30+00:00"),
            ("2025-06-10T10:00-05:00", "2025-06-10T15:00:00+00:00"),
            ("2025-01-01T02:00+14:00", "2024-12-31T12:00:00+00:00"),
            ("2024-02-29T23:59:59-00:30", "2024-03-01T00:29:59+00:00"),
        ] {
            let fast = common_instant(text).map(|t| t.to_rfc3339());
            assert_eq!(fast.as_deref(), Some(utc), "{text}");
        }
        for text in [
            "2025-02-29T10:00Z",
            "2025-06-10t15:00Z",
            "2025-06-10T15:00z",
            "2025-06-10T24:00Z",
        ] {
            assert_eq!(common_instant(text), None, "{text}");
        }
    }
}
