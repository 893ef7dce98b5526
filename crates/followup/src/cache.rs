//! A memo in front of a [`ZoneSource`] for the span of one call: a plan asks for the offset of
//! the same few zones on the same few days dozens of times, and each question to a tz database
//! (or to the host's `Intl` in WASM) costs far more than a lookup here.
//!
//! For each (zone, UTC day) it asks the source twice, at the day's first and last second; when
//! both agree the whole day is taken to have that offset. That holds while no zone changes its
//! offset twice within one day, which the zoned crate checks for the whole IANA database from
//! 1900 to 2100 (`no_zone_changes_offset_twice_within_four_days`). Days with a change are not
//! memoised: every question about them goes to the source.

use medspa_errors::CodedError;
use medspa_zoned::ZoneSource;
use std::cell::{Cell, RefCell};

const DAY: i64 = 86_400;
/// Days kept per zone, from the first day asked (minus a margin); days outside go to the source.
const SPAN: usize = 4_096;
/// Days before the first one asked that the table also covers.
const MARGIN: i64 = 512;
/// Zones kept; past this the source is asked directly.
const ZONES: usize = 32;
/// Table entry: not asked yet.
const UNKNOWN: i32 = i32::MIN;
/// Table entry: the offset changes that day.
const CHANGES: i32 = i32::MIN + 1;

/// One zone's table: entry `i` is UTC day `first + i`.
struct ZoneDays {
    name: Box<str>,
    first: i64,
    offsets: Vec<i32>,
}

pub(crate) struct CachedZones<'a> {
    inner: &'a dyn ZoneSource,
    zones: RefCell<Vec<ZoneDays>>,
    /// The zone asked last: most questions repeat it.
    last: Cell<usize>,
}

impl<'a> CachedZones<'a> {
    pub(crate) fn new(inner: &'a dyn ZoneSource) -> Self {
        CachedZones {
            inner,
            zones: RefCell::new(Vec::with_capacity(4)),
            last: Cell::new(0),
        }
    }

    /// The table slot of (zone, day), creating the zone's table on first use.
    fn slot(&self, zone: &str, day: i64) -> Option<(usize, usize)> {
        let mut zones = self.zones.borrow_mut();
        let last = self.last.get();
        let z = if zones.get(last).is_some_and(|t| &*t.name == zone) {
            last
        } else {
            match zones.iter().position(|t| &*t.name == zone) {
                Some(i) => i,
                None if zones.len() < ZONES => {
                    zones.push(ZoneDays {
                        name: zone.into(),
                        first: day.saturating_sub(MARGIN),
                        offsets: Vec::new(),
                    });
                    zones.len() - 1
                }
                None => return None,
            }
        };
        self.last.set(z);
        let index = usize::try_from(day.checked_sub(zones[z].first)?).ok()?;
        if index >= SPAN {
            return None;
        }
        let table = &mut zones[z].offsets;
        if index >= table.len() {
            // Grown in steps, so a single plan touches little memory.
            table.resize((index + 64).min(SPAN), UNKNOWN);
        }
        Some((z, index))
    }
}

impl ZoneSource for CachedZones<'_> {
    fn utc_offset(&self, zone: &str, unix_seconds: i64) -> Result<i32, CodedError> {
        let day = unix_seconds.div_euclid(DAY);
        let Some((z, i)) = self.slot(zone, day) else {
            return self.inner.utc_offset(zone, unix_seconds);
        };
        let known = self.zones.borrow()[z].offsets[i];
        match known {
            UNKNOWN => {}
            CHANGES => return self.inner.utc_offset(zone, unix_seconds),
            offset => return Ok(offset),
        }
        let first = day.saturating_mul(DAY);
        let at_start = self.inner.utc_offset(zone, first)?;
        let at_end = self.inner.utc_offset(zone, first.saturating_add(DAY - 1))?;
        // Offsets are far inside ±86,400, so they never collide with the two markers.
        let entry = if at_start == at_end && at_start > CHANGES {
            at_start
        } else {
            CHANGES
        };
        self.zones.borrow_mut()[z].offsets[i] = entry;
        if entry == CHANGES {
            self.inner.utc_offset(zone, unix_seconds)
        } else {
            Ok(entry)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use medspa_zoned::ChronoTz;

    #[test]
    fn answers_like_the_source_around_transitions() {
        let cached = CachedZones::new(&ChronoTz);
        // 2025-03-09T07:00Z (New York springs forward) and 2025-11-02T06:00Z (falls back).
        for transition in [1_741_503_600i64, 1_762_063_200] {
            for delta in (-2 * DAY..2 * DAY).step_by(1_800).chain(-3..3) {
                let t = transition + delta;
                assert_eq!(
                    cached.utc_offset("America/New_York", t),
                    ChronoTz.utc_offset("America/New_York", t),
                    "{t}"
                );
            }
        }
        assert_eq!(
            cached.utc_offset("Mars/Olympus", 0).map_err(|e| e.code),
            Err("UNKNOWN_TIME_ZONE")
        );
    }
}
