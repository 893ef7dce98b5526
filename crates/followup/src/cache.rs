//! A memo in front of a [`ZoneSource`] for the span of one call: a plan asks for the offset of
//! the same few zones on the same few days dozens of times, and each question to a tz database
//! (or to the host's `Intl` in WASM) costs far more than a lookup here.
//!
//! For each (zone, UTC day) it records the offset when the source gives the same one at the
//! day's first and last second, and else that the offset changes that day (every question
//! about such a day goes to the source). A run of up to four days is asked at its two ends at
//! once, and recorded day by day when they agree. Both hold because no zone changes its offset
//! twice within four days (the shortest gap in the IANA database from 1900 to 2100 is just
//! under seven days; the zoned crate's `no_zone_changes_offset_twice_within_four_days` scans it,
//! and its `SpanCache` relies on the same fact).
//!
//! [`ZoneClock`] is one zone of the memo as a plan uses it: local times of instants, instants
//! of local times, the same local time days later, with the arithmetic done here when the
//! table shows the offset constant and by `medspa_zoned` otherwise.

use chrono::{DateTime, Days, FixedOffset, NaiveDateTime, TimeDelta, Timelike, Utc};
use medspa_errors::CodedError;
use medspa_zoned::codes::out_of_range;
use medspa_zoned::{resolve_local, to_local, ZoneSource};
use std::cell::{Cell, RefCell};

const DAY: i64 = 86_400;
/// Days from 1970 (either way, about 137,000 years) within which every instant has a wall time
/// in every offset.
const ORDINARY_DAYS: u64 = 50_000_000;
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

/// What a zone's table says of a run of days.
enum Recorded {
    /// Some day has not been asked yet.
    Unknown,
    /// The offset changes on some day, or differs between days.
    Changes,
    /// The offset throughout.
    Constant(i32),
}

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

    /// The zone's table, created on first use; `None` once [`ZONES`] tables exist.
    fn table(&self, zone: &str) -> Option<usize> {
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
                        first: 0,
                        offsets: Vec::new(),
                    });
                    zones.len() - 1
                }
                None => return None,
            }
        };
        self.last.set(z);
        Some(z)
    }

    /// The offset of zone `z` throughout UTC days `from..=to` (at most four), when the table
    /// shows it constant; `None` when it changes, outside the table's span, or when the source
    /// fails (the caller then asks the source itself, for its error).
    pub(crate) fn constant(&self, z: usize, from: i64, to: i64) -> Option<i32> {
        match self.recorded(z, from, to)? {
            Recorded::Unknown => {
                self.fill(z, from, to)?;
                match self.recorded(z, from, to)? {
                    Recorded::Constant(offset) => Some(offset),
                    Recorded::Unknown | Recorded::Changes => None,
                }
            }
            Recorded::Constant(offset) => Some(offset),
            Recorded::Changes => None,
        }
    }

    /// What the table says of days `from..=to`; `None` outside its span.
    #[inline]
    fn recorded(&self, z: usize, from: i64, to: i64) -> Option<Recorded> {
        let zones = self.zones.borrow();
        let table = zones.get(z)?;
        if table.offsets.is_empty() {
            return Some(Recorded::Unknown);
        }
        let first = usize::try_from(from.checked_sub(table.first)?).ok()?;
        let last = usize::try_from(to.checked_sub(table.first)?).ok()?;
        if last >= SPAN {
            return None;
        }
        let Some(run) = table.offsets.get(first..=last) else {
            return Some(Recorded::Unknown);
        };
        let mut offset = None;
        for &entry in run {
            if entry == UNKNOWN {
                return Some(Recorded::Unknown);
            }
            if entry == CHANGES || *offset.get_or_insert(entry) != entry {
                return Some(Recorded::Changes);
            }
        }
        offset.map(Recorded::Constant)
    }

    /// Asks the source about days `from..=to` and records the answers: twice for the whole
    /// run, and when its two ends differ, twice for each day. No zone changes its offset twice
    /// within four days (see the module comment), so equal offsets at the ends of a run mean
    /// none in between: placing a wall time needs three days, and this asks for them at once.
    /// Kept out of line: the lookups above are what runs almost every time.
    #[inline(never)]
    fn fill(&self, z: usize, from: i64, to: i64) -> Option<()> {
        debug_assert!(from <= to && to - from < 4, "a run of at most four days");
        let first = {
            let mut zones = self.zones.borrow_mut();
            let table = zones.get_mut(z)?;
            if table.offsets.is_empty() {
                // The span starts from the first day asked (minus a margin).
                table.first = from.saturating_sub(MARGIN);
            }
            let first = usize::try_from(from.checked_sub(table.first)?).ok()?;
            let last = first.checked_add(usize::try_from(to - from).ok()?)?;
            if last >= SPAN {
                return None;
            }
            if last >= table.offsets.len() {
                // Grown in steps, so a single plan touches little memory.
                table.offsets.resize((last + 64).min(SPAN), UNKNOWN);
            }
            first
        };
        let entry = self.ask(z, from, to)?;
        if entry == CHANGES && from < to {
            for day in from..=to {
                self.fill(z, day, day)?;
            }
        } else {
            let last = first + usize::try_from(to - from).ok()?;
            self.zones.borrow_mut()[z]
                .offsets
                .get_mut(first..=last)?
                .fill(entry);
        }
        Some(())
    }

    /// The offset throughout UTC days `from..=to` by their first and last second, or
    /// [`CHANGES`] when the two differ.
    fn ask(&self, z: usize, from: i64, to: i64) -> Option<i32> {
        let zones = self.zones.borrow();
        let name = &zones[z].name;
        let start = self.inner.utc_offset(name, from.saturating_mul(DAY)).ok()?;
        let end = self
            .inner
            .utc_offset(name, to.saturating_mul(DAY).saturating_add(DAY - 1))
            .ok()?;
        // Offsets are far inside ±86,400, so they never collide with the two markers.
        Some(if start == end && start > CHANGES {
            start
        } else {
            CHANGES
        })
    }
}

impl ZoneSource for CachedZones<'_> {
    fn utc_offset(&self, zone: &str, unix_seconds: i64) -> Result<i32, CodedError> {
        let day = unix_seconds.div_euclid(DAY);
        match self.table(zone).and_then(|z| self.constant(z, day, day)) {
            Some(offset) => Ok(offset),
            None => self.inner.utc_offset(zone, unix_seconds),
        }
    }
}

/// One zone's wall clock for a plan: the zone is looked up in the memo once, and the common
/// questions (an instant's local time, a local time's instant, n days later) are answered from
/// its table when the offset is constant around the time asked. Otherwise, and whenever the
/// memo is not used, the question goes to `medspa_zoned` over the same source, so the answers
/// are the same either way (a test compares them around transitions); the short cuts only skip
/// work: a plan asks a zone some fifteen times per message, and `medspa_zoned` asks its source
/// up to five times per local time.
pub(crate) struct ZoneClock<'c> {
    source: &'c dyn ZoneSource,
    name: &'c str,
    /// The memo and this zone's table in it.
    table: Option<(&'c CachedZones<'c>, usize)>,
    /// The last run of UTC days found constant, `(first, last, offset)`: a plan asks about the
    /// same days several times in a row (placing a time, then showing it).
    recent: Cell<Option<(i64, i64, i32)>>,
}

impl<'c> ZoneClock<'c> {
    /// `zone` through the memo.
    pub(crate) fn cached(zones: &'c CachedZones<'c>, name: &'c str) -> Self {
        ZoneClock {
            source: zones,
            name,
            table: zones.table(name).map(|z| (zones, z)),
            recent: Cell::new(None),
        }
    }

    /// `zone` asked of `source` directly.
    pub(crate) fn direct(source: &'c dyn ZoneSource, name: &'c str) -> Self {
        ZoneClock {
            source,
            name,
            table: None,
            recent: Cell::new(None),
        }
    }

    /// The offset in force throughout UTC days `from..=to`, when the memo shows it constant.
    fn constant(&self, from: i64, to: i64) -> Option<i32> {
        if let Some((first, last, offset)) = self.recent.get() {
            if first <= from && to <= last {
                return Some(offset);
            }
        }
        let (zones, z) = self.table?;
        // An offset of a day or more is an error of the source, which `medspa_zoned` reports.
        let offset = zones
            .constant(z, from, to)
            .filter(|o| i64::from(o.unsigned_abs()) < DAY)?;
        self.recent.set(Some((from, to, offset)));
        Some(offset)
    }

    /// As [`medspa_zoned::to_local`].
    pub(crate) fn local(&self, t: DateTime<Utc>) -> Result<DateTime<FixedOffset>, CodedError> {
        let day = t.timestamp().div_euclid(DAY);
        // Far from chrono's limits (±262,000 years) the wall time always exists; nearer, check
        // as `to_local` does.
        let fast = self
            .constant(day, day)
            .and_then(FixedOffset::east_opt)
            .filter(|offset| {
                day.unsigned_abs() < ORDINARY_DAYS
                    || t.naive_utc().checked_add_offset(*offset).is_some()
            });
        match fast {
            Some(offset) => Ok(t.with_timezone(&offset)),
            None => to_local(self.source, self.name, t),
        }
    }

    /// The instant of a local time, as [`medspa_zoned::resolve_local`] (a time in a gap moves
    /// forward by the gap, a repeated time takes its first occurrence).
    pub(crate) fn resolve(&self, local: NaiveDateTime) -> Result<DateTime<Utc>, CodedError> {
        // With one offset over the UTC days before, of and after the wall time, that wall time
        // occurs exactly once, at `local - offset`: the case `resolve_local` reaches after
        // asking the same memo five times.
        let wall = local.and_utc();
        let day = wall.timestamp().div_euclid(DAY);
        let offset = self
            .constant(day.saturating_sub(1), day.saturating_add(1))
            .filter(|_| local.nanosecond() < 1_000_000_000);
        if let Some(at) = offset.and_then(|o| wall.checked_sub_signed(TimeDelta::seconds(o.into())))
        {
            // `at` is in those days; its local time exists unless near chrono's limits.
            if day.unsigned_abs() < ORDINARY_DAYS || self.local(at).is_ok() {
                return Ok(at);
            }
        }
        Ok(resolve_local(self.source, self.name, local)?
            .instant
            .to_utc())
    }

    /// The same local time `days` calendar days later (earlier when negative), as
    /// [`medspa_zoned::add_local_days`].
    pub(crate) fn add_days(
        &self,
        t: DateTime<Utc>,
        days: i64,
    ) -> Result<DateTime<Utc>, CodedError> {
        let local = self.local(t)?.naive_local();
        let step = Days::new(days.unsigned_abs());
        let moved = if days >= 0 {
            local.checked_add_days(step)
        } else {
            local.checked_sub_days(step)
        };
        self.resolve(moved.ok_or_else(out_of_range)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use medspa_zoned::{add_local_days, ChronoTz};

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

    /// The instants where `zone` changes its offset in 2024-2026, to the minute.
    fn transitions(zone: &str) -> Vec<i64> {
        let offset = |t: i64| ChronoTz.utc_offset(zone, t).expect("known zone");
        let mut found = Vec::new();
        let mut t = 1_704_067_200; // 2024-01-01T00:00Z
        while t < 1_798_761_600 {
            if offset(t) != offset(t + 3_600) {
                let mut change = t;
                while offset(change) == offset(t) {
                    change += 60;
                }
                found.push(change);
            }
            t += 3_600;
        }
        found
    }

    #[test]
    fn clocks_agree_with_medspa_zoned_around_transitions() {
        let zones = [
            "America/New_York",
            "Australia/Lord_Howe", // 30-minute DST
            "Pacific/Chatham",     // +12:45 and +13:45
            "America/Santiago",
            "Africa/Casablanca", // suspended for Ramadan
            "Antarctica/Troll",  // two-hour DST
            "Asia/Kolkata",      // no change at all
        ];
        let memo = CachedZones::new(&ChronoTz);
        for zone in zones {
            let clocks = [
                ZoneClock::cached(&memo, zone),
                ZoneClock::direct(&ChronoTz, zone),
            ];
            let mut instants: Vec<i64> = transitions(zone)
                .into_iter()
                .flat_map(|change| (-26 * 4..26 * 4).map(move |q| change + q * 900))
                .collect();
            instants.extend((0..200).map(|i| 1_735_689_600 + i * 157_001));
            for t in instants {
                let instant = DateTime::from_timestamp(t, 0).expect("in range");
                let local = to_local(&ChronoTz, zone, instant);
                let wall = instant.naive_utc();
                let resolved = resolve_local(&ChronoTz, zone, wall).map(|r| r.instant.to_utc());
                for clock in &clocks {
                    assert_eq!(clock.local(instant), local, "{zone} local {t}");
                    assert_eq!(clock.resolve(wall), resolved, "{zone} resolve {t}");
                    for days in [-1, 1, 7] {
                        let expected =
                            add_local_days(&ChronoTz, zone, instant.fixed_offset(), days)
                                .map(|r| r.instant.to_utc());
                        assert_eq!(
                            clock.add_days(instant, days),
                            expected,
                            "{zone} +{days} {t}"
                        );
                    }
                }
            }
        }
    }
}
