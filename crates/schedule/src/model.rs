//! The validated, compiled form of a clinic and a query: minutes and seconds instead of text,
//! indexes instead of ids, busy time indexed per provider and resource (sorted, updatable), and
//! zone offsets cached per local day. Every caller mistake in the clinic is found here, with its
//! JSON path.

use crate::codes::*;
use crate::types::*;
use crate::{
    MAX_APPOINTMENTS, MAX_BUFFER_MINUTES, MAX_CAPACITY, MAX_CLOSED_DATES, MAX_DURATION_MINUTES,
    MAX_EXCEPTIONS, MAX_HISTORY, MAX_HORIZON_DAYS, MAX_HOURS_ENTRIES, MAX_INTERVAL,
    MAX_NOTICE_MINUTES, MAX_PROVIDERS, MAX_RESOURCES, MAX_SESSIONS, MAX_STEP_MINUTES,
    MAX_TREATMENTS, MAX_WASHOUTS, MAX_WASHOUT_DAYS,
};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Offset};
use medspa_errors::CodedError;
use medspa_zoned::{format_instant, parse_instant, parse_local_date, parse_local_time, ZoneSource};
use std::collections::{HashMap, HashSet};

pub(crate) const DAY: i64 = 86_400;

/// A half-open span of minutes of a local day, `0..=1440`.
pub(crate) type Mins = (u32, u32);

pub(crate) fn err(code: &'static str, path: impl Into<String>, message: &str) -> CodedError {
    CodedError::new(code, path, message)
}

/// `HH:MM` (or `HH:MM:SS` on a whole minute) as minutes of the day; `24:00` when `end` is set.
pub(crate) fn minutes(text: &str, path: &str, end: bool) -> Result<u32, CodedError> {
    if end && text == "24:00" {
        return Ok(1440);
    }
    let t = parse_local_time(text).map_err(|e| e.under(path))?;
    let secs = chrono::Timelike::num_seconds_from_midnight(&t);
    if secs % 60 != 0 {
        return Err(err(
            INVALID_TIME,
            path,
            "times of day must fall on a whole minute",
        ));
    }
    Ok(secs / 60)
}

pub(crate) fn date(text: &str, path: &str) -> Result<NaiveDate, CodedError> {
    parse_local_date(text).map_err(|e| e.under(path))
}

pub(crate) fn instant(text: &str, path: &str) -> Result<i64, CodedError> {
    Ok(parse_instant(text).map_err(|e| e.under(path))?.timestamp())
}

pub(crate) fn weekday_index(d: Weekday) -> usize {
    match d {
        Weekday::Mon => 0,
        Weekday::Tue => 1,
        Weekday::Wed => 2,
        Weekday::Thu => 3,
        Weekday::Fri => 4,
        Weekday::Sat => 5,
        Weekday::Sun => 6,
    }
}

pub(crate) fn weekday_of(d: NaiveDate) -> usize {
    d.weekday().num_days_from_monday() as usize
}

pub(crate) fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    let moved = if n >= 0 {
        d.checked_add_days(chrono::Days::new(n.unsigned_abs()))
    } else {
        d.checked_sub_days(chrono::Days::new(n.unsigned_abs()))
    };
    moved.unwrap_or(if n >= 0 {
        NaiveDate::MAX
    } else {
        NaiveDate::MIN
    })
}

pub(crate) fn add_months(d: NaiveDate, n: u32) -> NaiveDate {
    // chrono clamps to the last day of the month, which is the documented rule.
    d.checked_add_months(chrono::Months::new(n))
        .unwrap_or(NaiveDate::MAX)
}

pub(crate) fn day_number(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

/// Sorts and merges touching or overlapping spans.
pub(crate) fn normalize(mut v: Vec<Mins>) -> Vec<Mins> {
    v.retain(|&(a, b)| a < b);
    v.sort_unstable();
    let mut out: Vec<Mins> = Vec::with_capacity(v.len());
    for (a, b) in v {
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

pub(crate) fn intersect(x: &[Mins], y: &[Mins]) -> Vec<Mins> {
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < x.len() && j < y.len() {
        let a = x[i].0.max(y[j].0);
        let b = x[i].1.min(y[j].1);
        if a < b {
            out.push((a, b));
        }
        if x[i].1 < y[j].1 {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

pub(crate) fn subtract(x: &[Mins], y: &[Mins]) -> Vec<Mins> {
    let mut out = Vec::new();
    for &(a, b) in x {
        let mut start = a;
        for &(c, d) in y {
            if d <= start || c >= b {
                continue;
            }
            if c > start {
                out.push((start, c));
            }
            start = start.max(d);
        }
        if start < b {
            out.push((start, b));
        }
    }
    out
}

/// Weekly hours: validated, then per weekday as sorted disjoint spans. Entries of one weekday
/// that overlap are refused (touching ones merge).
fn weekly(entries: &[OpeningHours], path: &str) -> Result<[Vec<Mins>; 7], CodedError> {
    if entries.len() > MAX_HOURS_ENTRIES {
        return Err(err(
            TOO_MANY_ENTRIES,
            path,
            &format!("at most {MAX_HOURS_ENTRIES} hours entries are allowed"),
        ));
    }
    let mut days: [Vec<Mins>; 7] = Default::default();
    for (i, e) in entries.iter().enumerate() {
        let p = format!("{path}[{i}]");
        let span = span(&e.start, &e.end, &p)?;
        let day = &mut days[weekday_index(e.day)];
        if day.iter().any(|&(a, b)| span.0 < b && a < span.1) {
            return Err(err(
                OVERLAPPING_HOURS,
                p,
                "hours overlap another entry of the same weekday",
            ));
        }
        day.push(span);
    }
    Ok(days.map(normalize))
}

fn span(start: &str, end: &str, path: &str) -> Result<Mins, CodedError> {
    let a = minutes(start, &format!("{path}.start"), false)?;
    let b = minutes(end, &format!("{path}.end"), true)?;
    if a >= b {
        return Err(err(
            INVALID_HOURS,
            format!("{path}.end"),
            "the end must be later than the start",
        ));
    }
    Ok((a, b))
}

/// Zone offsets of one local day: one offset, or the two around a transition inside it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DayZone {
    /// Local midnight read as UTC seconds.
    base: i64,
    before: i64,
    after: i64,
    /// First instant of `after`; `i64::MAX` when the day has one offset.
    switch: i64,
}

impl DayZone {
    /// The instant of a local second of this day (may pass 86 400), `None` inside a gap; a
    /// repeated time takes its first occurrence.
    pub(crate) fn exact(&self, second: i64) -> Option<i64> {
        let local = self.base + second;
        let a = local - self.before;
        if a < self.switch {
            return Some(a);
        }
        let b = local - self.after;
        (b >= self.switch).then_some(b)
    }

    /// The offset in force at instant `t`, for `t` from a day before this local day's midnight
    /// (read as UTC) to two days after: the span the offsets were read over.
    pub(crate) fn offset_at(&self, t: i64) -> i64 {
        if t < self.switch {
            self.before
        } else {
            self.after
        }
    }

    /// Like [`exact`](Self::exact), but a time in a gap moves forward by the gap (RFC 5545).
    pub(crate) fn resolve(&self, second: i64) -> i64 {
        self.exact(second)
            .unwrap_or(self.base + second - self.before)
    }
}

/// Zone offsets cached per local day, so a search asks the zone source twice per day rather
/// than once per candidate.
pub(crate) struct Clock<'z> {
    zones: &'z dyn ZoneSource,
    zone: String,
    days: HashMap<i64, DayZone>,
}

impl<'z> Clock<'z> {
    pub(crate) fn new(zones: &'z dyn ZoneSource, zone: &str) -> Result<Self, CodedError> {
        let clock = Self {
            zones,
            zone: zone.to_string(),
            days: HashMap::new(),
        };
        clock.ask(0)?;
        Ok(clock)
    }

    /// The offset in force at `t`: from a cached day when one covers `t` (each day's entry
    /// knows the offsets from a day before its midnight to two days after), else from the zone
    /// source. Formatting results and reading plan bookings thus cost no zone query on the days
    /// a search has seen; in WASM a query is an `Intl` call of about a microsecond.
    pub(crate) fn offset(&self, t: i64) -> Result<i64, CodedError> {
        let utc_day = t.div_euclid(DAY) + 719_163;
        for key in [utc_day, utc_day - 1, utc_day + 1] {
            if let Some(z) = self.days.get(&key) {
                return Ok(z.offset_at(t));
            }
        }
        self.ask(t)
    }

    fn ask(&self, t: i64) -> Result<i64, CodedError> {
        let o = self.zones.utc_offset(&self.zone, t)?;
        if o.unsigned_abs() >= 86_400 {
            return Err(err(
                INVALID_UTC_OFFSET,
                "$",
                "the time zone source gave an offset of a day or more",
            ));
        }
        Ok(i64::from(o))
    }

    pub(crate) fn day(&mut self, d: NaiveDate) -> Result<DayZone, CodedError> {
        let key = day_number(d);
        if let Some(z) = self.days.get(&key) {
            return Ok(*z);
        }
        let base = (key - 719_163) * DAY;
        let (lo, hi) = (base - DAY, base + 2 * DAY);
        let (before, after) = (self.ask(lo)?, self.ask(hi)?);
        let mut switch = i64::MAX;
        if before != after {
            // One transition in three days at most (true of every zone since 1970): bisect it.
            let (mut l, mut h) = (lo, hi);
            while h - l > 1 {
                let mid = l + (h - l) / 2;
                if self.ask(mid)? == before {
                    l = mid;
                } else {
                    h = mid;
                }
            }
            switch = h;
        }
        let z = DayZone {
            base,
            before,
            after,
            switch,
        };
        self.days.insert(key, z);
        Ok(z)
    }

    /// Local date and second of day of an instant.
    pub(crate) fn local(&self, t: i64) -> Result<(NaiveDate, i64), CodedError> {
        let l = t.saturating_add(self.offset(t)?);
        let days = l.div_euclid(DAY);
        let d = i32::try_from(days + 719_163)
            .ok()
            .and_then(NaiveDate::from_num_days_from_ce_opt)
            .ok_or_else(|| {
                err(
                    TIME_OUT_OF_RANGE,
                    "$",
                    "the date is outside the supported range",
                )
            })?;
        Ok((d, l.rem_euclid(DAY)))
    }

    pub(crate) fn format(&self, t: i64) -> String {
        let o = self.offset(t).unwrap_or(0);
        fmt_at(t, o)
    }
}

pub(crate) fn fmt_at(t: i64, offset: i64) -> String {
    let fixed = i32::try_from(offset)
        .ok()
        .and_then(FixedOffset::east_opt)
        .unwrap_or_else(|| chrono::Utc.fix());
    match DateTime::from_timestamp(t, 0) {
        Some(utc) => format_instant(utc.with_timezone(&fixed)),
        None => String::new(),
    }
}

/// A key of [`Busy`] spans that belong to no appointment (a resource's blocked spans).
pub(crate) const NO_KEY: u32 = u32::MAX;

/// Busy spans of one provider or resource, sorted by start, with the running maximum of ends:
/// "does anything overlap [s, e)?" is one binary search, whatever the calendar's size. Each span
/// carries the key of its appointment (its slot in [`Compiled::appointments`]), so a query can
/// leave out the appointments a plan moves, and an update can find the spans it removes.
#[derive(Debug, Default, Clone)]
pub(crate) struct Busy {
    spans: Vec<(i64, i64, u32)>,
    max_end: Vec<i64>,
}

impl Busy {
    fn finish(&mut self) {
        self.spans.sort_unstable();
        self.max_end.clear();
        self.refresh(0);
    }

    /// Recomputes the running maximum of ends from index `from` on.
    fn refresh(&mut self, from: usize) {
        self.max_end.resize(self.spans.len(), i64::MIN);
        let mut m = match from.checked_sub(1) {
            Some(i) => self.max_end[i],
            None => i64::MIN,
        };
        for (span, max) in self.spans[from..].iter().zip(&mut self.max_end[from..]) {
            m = m.max(span.1);
            *max = m;
        }
    }

    /// Inserts spans keeping the order: one binary search and a shift each, or one sort for
    /// a large batch.
    fn insert(&mut self, new: &[(i64, i64, u32)]) {
        if new.len() > 32 {
            self.spans.extend_from_slice(new);
            // Stable sort: two sorted runs merge in linear time.
            self.spans.sort();
            self.refresh(0);
            return;
        }
        let mut first = self.spans.len();
        for &span in new {
            let i = self.spans.partition_point(|x| *x < span);
            self.spans.insert(i, span);
            first = first.min(i);
        }
        self.refresh(first);
    }

    /// Removes these spans (as inserted): a binary search and a shift each, or one pass for a
    /// large batch. Returns how many were there.
    fn remove(&mut self, gone: &[(i64, i64, u32)]) -> usize {
        let before = self.spans.len();
        let first = if gone.len() > 32 {
            let mut keys: Vec<u32> = gone.iter().map(|s| s.2).collect();
            keys.sort_unstable();
            let first = self
                .spans
                .iter()
                .position(|s| keys.binary_search(&s.2).is_ok());
            self.spans.retain(|s| keys.binary_search(&s.2).is_err());
            first
        } else {
            let mut first = None;
            for span in gone {
                let i = self.spans.partition_point(|x| x < span);
                if self.spans.get(i) == Some(span) {
                    self.spans.remove(i);
                    first = Some(first.map_or(i, |f: usize| f.min(i)));
                }
            }
            first
        };
        if let Some(first) = first {
            self.refresh(first);
        }
        before - self.spans.len()
    }

    /// Whether a span not in `skip` overlaps `[s, e)`.
    pub(crate) fn overlaps(&self, s: i64, e: i64, skip: &[u32]) -> bool {
        let mut i = self.spans.partition_point(|&(a, _, _)| a < e);
        if skip.is_empty() {
            return i > 0 && self.max_end[i - 1] > s;
        }
        while i > 0 && self.max_end[i - 1] > s {
            i -= 1;
            let (_, b, key) = self.spans[i];
            if b > s && !skip.contains(&key) {
                return true;
            }
        }
        false
    }

    /// Spans not in `skip` overlapping `[s, e)`, pushed onto `out`.
    pub(crate) fn overlapping(&self, s: i64, e: i64, skip: &[u32], out: &mut Vec<(i64, i64)>) {
        let mut i = self.spans.partition_point(|&(a, _, _)| a < e);
        while i > 0 && self.max_end[i - 1] > s {
            i -= 1;
            let (a, b, key) = self.spans[i];
            if b > s && !skip.contains(&key) {
                out.push((a, b));
            }
        }
    }
}

/// Most spans overlapping at once within `[s, e)`.
pub(crate) fn max_overlap(spans: &mut [(i64, i64)], s: i64, e: i64) -> usize {
    let mut events: Vec<(i64, i32)> = Vec::with_capacity(spans.len() * 2);
    for &mut (a, b) in spans.iter_mut() {
        let (a, b) = (a.max(s), b.min(e));
        if a < b {
            events.push((a, 1));
            events.push((b, -1));
        }
    }
    events.sort_unstable();
    let (mut cur, mut best) = (0i32, 0i32);
    for (_, d) in events {
        cur += d;
        best = best.max(cur);
    }
    usize::try_from(best).unwrap_or(0)
}

/// A distinct resource for every need: `options[n]` lists the resources that can serve need `n`,
/// in preference order. Each need takes its first option still unused; only when that leaves a
/// need without one are earlier choices revised, by augmenting paths (Kuhn's algorithm), so a
/// solution is found whenever one exists. `Err` is the first need no matching can serve.
pub(crate) fn match_needs(options: &[Vec<usize>]) -> Result<Vec<usize>, usize> {
    let mut chosen: Vec<usize> = Vec::with_capacity(options.len());
    let mut stuck = None;
    for (n, opts) in options.iter().enumerate() {
        match opts.iter().find(|r| !chosen.contains(r)) {
            Some(&r) => chosen.push(r),
            None => {
                stuck = Some(n);
                break;
            }
        }
    }
    if stuck.is_none() {
        return Ok(chosen);
    }
    // owner[r] = the need holding resource r; resources are indexes below 200 (MAX_RESOURCES).
    let size = options.iter().flatten().max().map_or(0, |m| m + 1);
    let mut owner: Vec<Option<usize>> = vec![None; size];
    let mut of_need: Vec<Option<usize>> = vec![None; options.len()];
    fn augment(
        n: usize,
        options: &[Vec<usize>],
        seen: &mut [bool],
        owner: &mut [Option<usize>],
        of_need: &mut [Option<usize>],
    ) -> bool {
        for &r in &options[n] {
            if seen[r] {
                continue;
            }
            seen[r] = true;
            let free = match owner[r] {
                None => true,
                Some(m) => augment(m, options, seen, owner, of_need),
            };
            if free {
                owner[r] = Some(n);
                of_need[n] = Some(r);
                return true;
            }
        }
        false
    }
    for n in 0..options.len() {
        let mut seen = vec![false; size];
        if !augment(n, options, &mut seen, &mut owner, &mut of_need) {
            return Err(n);
        }
    }
    Ok(of_need
        .into_iter()
        .map(|r| r.unwrap_or(usize::MAX))
        .collect())
}

pub(crate) struct SeriesM {
    pub(crate) sessions: usize,
    pub(crate) intervals: Vec<(u32, u32)>,
    pub(crate) unit: IntervalUnit,
}

impl SeriesM {
    /// The interval before session `k` (k ≥ 1).
    pub(crate) fn interval(&self, k: usize) -> (u32, u32) {
        let i = (k.saturating_sub(1)).min(self.intervals.len().saturating_sub(1));
        self.intervals.get(i).copied().unwrap_or((0, 0))
    }
}

pub(crate) struct NeedM {
    pub(crate) kind: ResourceKind,
    pub(crate) candidates: Vec<usize>,
}

pub(crate) struct TreatmentM {
    pub(crate) duration: i64,
    pub(crate) before: i64,
    pub(crate) after: i64,
    pub(crate) needs: Vec<NeedM>,
    pub(crate) qualified: Vec<usize>,
    pub(crate) series: SeriesM,
    pub(crate) consultation: Option<(usize, u32)>,
}

pub(crate) struct ProviderM {
    pub(crate) weekly: [Vec<Mins>; 7],
    pub(crate) off: HashMap<i64, Vec<Mins>>,
    pub(crate) extra: HashMap<i64, Vec<Mins>>,
    pub(crate) busy: Busy,
}

pub(crate) struct ResourceM {
    pub(crate) capacity: usize,
    pub(crate) hours: Option<[Vec<Mins>; 7]>,
    pub(crate) blocked: Busy,
    pub(crate) busy: Busy,
}

pub(crate) struct WashoutM {
    pub(crate) after: Vec<bool>,
    pub(crate) then: Vec<bool>,
    pub(crate) days: i64,
}

pub(crate) struct HistoryM {
    pub(crate) treatment: usize,
    pub(crate) start: i64,
    pub(crate) end: i64,
    pub(crate) date: NaiveDate,
}

/// An indexed appointment: what an update needs to find its spans again.
pub(crate) struct ApptM {
    padded: (i64, i64),
    provider: Option<usize>,
    resources: Vec<usize>,
}

/// The compiled clinic: everything that does not depend on the query. Built once for a
/// [`PreparedClinic`](crate::PreparedClinic), or per call (with only the appointments near the
/// searched span) for the one-shot operations.
pub(crate) struct Compiled {
    pub(crate) zone: String,
    pub(crate) hours: [Vec<Mins>; 7],
    pub(crate) closed: HashSet<i64>,
    pub(crate) step: u32,
    pub(crate) notice: i64,
    pub(crate) horizon_days: i64,
    pub(crate) treatments: Vec<TreatmentM>,
    pub(crate) treatment_ids: HashMap<String, usize>,
    pub(crate) provider_ids: HashMap<String, usize>,
    pub(crate) resource_ids: HashMap<String, usize>,
    pub(crate) provider_names: Vec<String>,
    pub(crate) resource_names: Vec<String>,
    pub(crate) providers: Vec<ProviderM>,
    pub(crate) resources: Vec<ResourceM>,
    pub(crate) washouts: Vec<WashoutM>,
    /// Indexed appointments by key; `None` once removed (keys are never reused).
    pub(crate) appointments: Vec<Option<ApptM>>,
    /// Keys of the appointments with each id.
    pub(crate) appointment_ids: HashMap<String, Vec<u32>>,
    /// Appointments indexed and not removed.
    pub(crate) live: usize,
}

/// The compiled clinic with one query's client: what the search engine reads.
pub(crate) struct Model<'c> {
    pub(crate) c: &'c Compiled,
    pub(crate) history: Vec<HistoryM>,
    /// Keys of the appointments a plan's bookings are (`appointmentId`): not clashes with
    /// themselves. Sorted.
    pub(crate) skip: Vec<u32>,
}

impl std::ops::Deref for Model<'_> {
    type Target = Compiled;

    fn deref(&self) -> &Compiled {
        self.c
    }
}

fn check_len(len: usize, max: usize, code: &'static str, path: &str) -> Result<(), CodedError> {
    if len > max {
        return Err(err(
            code,
            path,
            "the list is longer than the documented limit",
        ));
    }
    Ok(())
}

fn unique<'a>(
    ids: impl Iterator<Item = &'a str>,
    path: &str,
) -> Result<HashMap<String, usize>, CodedError> {
    let mut map = HashMap::new();
    for (i, id) in ids.enumerate() {
        if map.insert(id.to_string(), i).is_some() {
            return Err(err(
                DUPLICATE_ID,
                format!("{path}[{i}].id"),
                "this id is used twice",
            ));
        }
    }
    Ok(map)
}

/// The first 10 bytes of an instant, if they look like `YYYY-MM-DD`; used to skip bookings far
/// from the searched span without parsing them.
fn date_prefix(text: &str) -> Option<&[u8]> {
    let b = text.as_bytes().get(..10)?;
    let shape = b.iter().enumerate().all(|(i, c)| match i {
        4 | 7 => *c == b'-',
        _ => c.is_ascii_digit(),
    });
    shape.then_some(b)
}

/// Unix seconds of the common instant shapes `YYYY-MM-DDTHH:MM[:SS](Z|±HH:MM)`, without
/// chrono; `None` for anything else (fractions, lower-case letters, errors), which then takes
/// the full parser. Both agree on every text this accepts (a unit test checks).
pub(crate) fn fast_instant(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let mut v = 0i64;
        for &c in b.get(r)? {
            if !c.is_ascii_digit() {
                return None;
            }
            v = v * 10 + i64::from(c - b'0');
        }
        Some(v)
    };
    if b.len() < 17 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' {
        return None;
    }
    let (y, mo, d, h, mi) = (
        num(0..4)?,
        num(5..7)?,
        num(8..10)?,
        num(11..13)?,
        num(14..16)?,
    );
    let mut i = 16;
    let mut sec = 0;
    if b.get(i) == Some(&b':') {
        sec = num(17..19)?;
        i = 19;
    }
    let off = match b.get(i)? {
        b'Z' if b.len() == i + 1 => 0,
        c @ (b'+' | b'-') if b.len() == i + 6 && b[i + 3] == b':' => {
            let (oh, om) = (num(i + 1..i + 3)?, num(i + 4..i + 6)?);
            if oh > 23 || om > 59 {
                return None;
            }
            let o = oh * 3600 + om * 60;
            if *c == b'-' {
                -o
            } else {
                o
            }
        }
        _ => return None,
    };
    if h > 23 || mi > 59 || sec > 59 {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(
        i32::try_from(y).ok()?,
        u32::try_from(mo).ok()?,
        u32::try_from(d).ok()?,
    )?;
    Some((day_number(date) - 719_163) * DAY + h * 3600 + mi * 60 + sec - off)
}

/// Local dates a one-shot operation looks at; bookings entirely outside it (with a margin) are
/// not indexed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Span {
    pub(crate) from: NaiveDate,
    pub(crate) to: NaiveDate,
}

/// Where an operation's clinic comes from: prepared once, or in the request (one-shot).
#[derive(Clone, Copy)]
pub(crate) enum Source<'p> {
    Prepared(&'p Compiled),
    OneShot(&'p Clinic),
}

impl<'p> Source<'p> {
    /// The clock of the clinic's zone (`$.clinic.location.zone` when the zone is unknown).
    pub(crate) fn clock<'z>(&self, zones: &'z dyn ZoneSource) -> Result<Clock<'z>, CodedError> {
        let zone = match self {
            Source::Prepared(c) => c.zone.as_str(),
            Source::OneShot(c) => c.location.zone.as_str(),
        };
        Clock::new(zones, zone).map_err(|e| e.under("$.clinic.location.zone"))
    }

    /// The booking horizon in days, clamped to its limit (validated later for one-shot calls).
    pub(crate) fn horizon_days(&self) -> i64 {
        match self {
            Source::Prepared(c) => c.horizon_days,
            Source::OneShot(c) => i64::from(c.location.horizon_days.min(MAX_HORIZON_DAYS)),
        }
    }

    /// The compiled clinic: the prepared one, or the request's compiled into `slot` with only
    /// the appointments that can touch `span` (errors under `$.clinic`).
    pub(crate) fn compile<'s>(
        self,
        zones: &dyn ZoneSource,
        span: Span,
        slot: &'s mut Option<Compiled>,
    ) -> Result<&'s Compiled, CodedError>
    where
        'p: 's,
    {
        match self {
            Source::Prepared(c) => Ok(c),
            Source::OneShot(clinic) => {
                let c =
                    Compiled::build(zones, clinic, Some(span)).map_err(|e| e.under("$.clinic"))?;
                Ok(slot.insert(c))
            }
        }
    }
}

impl Compiled {
    /// Validates and compiles a clinic, with paths rooted at the clinic (`$.providers[2]…`).
    /// With `only`, appointments that cannot touch that span are skipped unread (their date
    /// prefix is compared, nothing else).
    pub(crate) fn build(
        zones: &dyn ZoneSource,
        clinic: &Clinic,
        only: Option<Span>,
    ) -> Result<Self, CodedError> {
        let loc = &clinic.location;
        Clock::new(zones, &loc.zone).map_err(|e| e.under("$.location.zone"))?;
        let lp = "$.location";
        let hours = weekly(&loc.hours, &format!("{lp}.hours"))?;
        check_len(
            loc.closed_dates.len(),
            MAX_CLOSED_DATES,
            TOO_MANY_ENTRIES,
            &format!("{lp}.closedDates"),
        )?;
        let mut closed = HashSet::new();
        for (i, d) in loc.closed_dates.iter().enumerate() {
            closed.insert(day_number(date(d, &format!("{lp}.closedDates[{i}]"))?));
        }
        if loc.slot_step_minutes == 0 || loc.slot_step_minutes > MAX_STEP_MINUTES {
            return Err(err(
                INVALID_STEP,
                format!("{lp}.slotStepMinutes"),
                &format!("the slot step must be 1 to {MAX_STEP_MINUTES} minutes"),
            ));
        }
        if loc.min_notice_minutes > MAX_NOTICE_MINUTES {
            return Err(err(
                INVALID_NOTICE,
                format!("{lp}.minNoticeMinutes"),
                &format!("the minimum notice is longer than {MAX_NOTICE_MINUTES} minutes"),
            ));
        }
        if loc.horizon_days > MAX_HORIZON_DAYS {
            return Err(err(
                INVALID_HORIZON,
                format!("{lp}.horizonDays"),
                &format!("the horizon is longer than {MAX_HORIZON_DAYS} days"),
            ));
        }

        let pp = "$.providers";
        check_len(
            clinic.providers.len(),
            MAX_PROVIDERS,
            TOO_MANY_PROVIDERS,
            pp,
        )?;
        let provider_ids = unique(clinic.providers.iter().map(|p| p.id.as_str()), pp)?;
        let rp = "$.resources";
        check_len(
            clinic.resources.len(),
            MAX_RESOURCES,
            TOO_MANY_RESOURCES,
            rp,
        )?;
        let resource_ids = unique(clinic.resources.iter().map(|r| r.id.as_str()), rp)?;
        let tp = "$.catalog.treatments";
        check_len(
            clinic.catalog.treatments.len(),
            MAX_TREATMENTS,
            TOO_MANY_TREATMENTS,
            tp,
        )?;
        let treatment_ids = unique(clinic.catalog.treatments.iter().map(|t| t.id.as_str()), tp)?;

        let mut providers = Vec::with_capacity(clinic.providers.len());
        for (i, p) in clinic.providers.iter().enumerate() {
            providers.push(provider(p, &format!("{pp}[{i}]"))?);
        }
        let mut resources = Vec::with_capacity(clinic.resources.len());
        for (i, r) in clinic.resources.iter().enumerate() {
            let path = format!("{rp}[{i}]");
            if r.capacity == 0 || r.capacity > MAX_CAPACITY {
                return Err(err(
                    INVALID_CAPACITY,
                    format!("{path}.capacity"),
                    &format!("capacity must be 1 to {MAX_CAPACITY}"),
                ));
            }
            let hours = match &r.hours {
                Some(h) => Some(weekly(h, &format!("{path}.hours"))?),
                None => None,
            };
            check_len(
                r.blocked.len(),
                MAX_EXCEPTIONS,
                TOO_MANY_ENTRIES,
                &format!("{path}.blocked"),
            )?;
            let mut blocked = Busy::default();
            for (j, b) in r.blocked.iter().enumerate() {
                let bp = format!("{path}.blocked[{j}]");
                let (s, e) = (
                    instant(&b.start, &format!("{bp}.start"))?,
                    instant(&b.end, &format!("{bp}.end"))?,
                );
                if e <= s {
                    return Err(err(
                        INVALID_RANGE,
                        format!("{bp}.end"),
                        "the end must be after the start",
                    ));
                }
                blocked.spans.push((s, e, NO_KEY));
            }
            blocked.finish();
            resources.push(ResourceM {
                capacity: r.capacity as usize,
                hours,
                blocked,
                busy: Busy::default(),
            });
        }

        let mut treatments = Vec::with_capacity(clinic.catalog.treatments.len());
        for (i, t) in clinic.catalog.treatments.iter().enumerate() {
            treatments.push(treatment(
                t,
                &format!("{tp}[{i}]"),
                clinic,
                &treatment_ids,
                &resource_ids,
            )?);
        }

        let wp = "$.catalog.washouts";
        check_len(
            clinic.catalog.washouts.len(),
            MAX_WASHOUTS,
            TOO_MANY_ENTRIES,
            wp,
        )?;
        let mut washouts = Vec::new();
        for (i, w) in clinic.catalog.washouts.iter().enumerate() {
            let path = format!("{wp}[{i}]");
            let matches = |key: &str, field: &str| -> Result<Vec<bool>, CodedError> {
                let m: Vec<bool> = clinic
                    .catalog
                    .treatments
                    .iter()
                    .map(|t| t.id == key || t.categories.iter().any(|c| c == key))
                    .collect();
                if m.iter().any(|&b| b) {
                    Ok(m)
                } else {
                    Err(err(
                        UNKNOWN_TREATMENT,
                        format!("{path}.{field}"),
                        "names no treatment id or category of the catalog",
                    ))
                }
            };
            if w.days == 0 || w.days > MAX_WASHOUT_DAYS {
                return Err(err(
                    INVALID_WASHOUT,
                    format!("{path}.days"),
                    &format!("washout days must be 1 to {MAX_WASHOUT_DAYS}"),
                ));
            }
            washouts.push(WashoutM {
                after: matches(&w.after, "after")?,
                then: matches(&w.then, "then")?,
                days: i64::from(w.days),
            });
        }

        let mut compiled = Compiled {
            zone: loc.zone.clone(),
            hours,
            closed,
            step: loc.slot_step_minutes,
            notice: i64::from(loc.min_notice_minutes) * 60,
            horizon_days: i64::from(loc.horizon_days),
            treatments,
            treatment_ids,
            provider_ids,
            resource_ids,
            provider_names: clinic.providers.iter().map(|p| p.id.clone()).collect(),
            resource_names: clinic.resources.iter().map(|r| r.id.clone()).collect(),
            providers,
            resources,
            washouts,
            appointments: Vec::new(),
            appointment_ids: HashMap::new(),
            live: 0,
        };
        compiled.add_appointments(&clinic.appointments, only)?;
        Ok(compiled)
    }

    /// Validates appointments (paths `$.appointments[i]…`, `i` indexing `list`) and adds them
    /// to the busy indexes, keeping each sorted; nothing is added when one is invalid. With
    /// `only`, those that cannot touch that span are skipped: a booking's date prefix is within
    /// a day of its local date anywhere, and buffers are at most half a day, so a three-day
    /// margin cannot skip one that matters.
    pub(crate) fn add_appointments(
        &mut self,
        list: &[Appointment],
        only: Option<Span>,
    ) -> Result<(), CodedError> {
        let ap = "$.appointments";
        check_len(
            self.live.saturating_add(list.len()),
            MAX_APPOINTMENTS,
            TOO_MANY_APPOINTMENTS,
            ap,
        )?;
        let bounds = only.map(|span| {
            (
                add_days(span.from, -3).format("%Y-%m-%d").to_string(),
                add_days(span.to, 3).format("%Y-%m-%d").to_string(),
            )
        });
        let mut compiled = Vec::new();
        for (i, a) in list.iter().enumerate() {
            if let (Some((lo, hi)), Some(s), Some(e)) =
                (&bounds, date_prefix(&a.start), date_prefix(&a.end))
            {
                if e < lo.as_bytes() || s > hi.as_bytes() {
                    continue;
                }
            }
            // Paths are built only on error: this loop runs once per appointment.
            let path = || format!("{ap}[{i}]");
            let start = fast_instant(&a.start)
                .map_or_else(|| instant(&a.start, &format!("{}.start", path())), Ok)?;
            let end = fast_instant(&a.end)
                .map_or_else(|| instant(&a.end, &format!("{}.end", path())), Ok)?;
            if end <= start {
                return Err(err(
                    INVALID_RANGE,
                    format!("{}.end", path()),
                    "the end must be after the start",
                ));
            }
            if a.buffer_before_minutes > MAX_BUFFER_MINUTES
                || a.buffer_after_minutes > MAX_BUFFER_MINUTES
            {
                return Err(err(
                    INVALID_BUFFER,
                    path(),
                    &format!("buffers must be at most {MAX_BUFFER_MINUTES} minutes"),
                ));
            }
            let padded = (
                start - i64::from(a.buffer_before_minutes) * 60,
                end + i64::from(a.buffer_after_minutes) * 60,
            );
            let provider = match &a.provider_id {
                Some(p) => Some(
                    *self
                        .provider_ids
                        .get(p.as_str())
                        .ok_or_else(|| unknown_provider(&format!("{}.providerId", path())))?,
                ),
                None => None,
            };
            let mut resources = Vec::with_capacity(a.resource_ids.len());
            for (j, r) in a.resource_ids.iter().enumerate() {
                resources.push(
                    *self
                        .resource_ids
                        .get(r.as_str())
                        .ok_or_else(|| unknown_resource(&format!("{}.resourceIds[{j}]", path())))?,
                );
            }
            compiled.push((a.id.as_ref(), padded, provider, resources));
        }
        // All valid: index them.
        let mut by_provider: Vec<Vec<(i64, i64, u32)>> = vec![Vec::new(); self.providers.len()];
        let mut by_resource: Vec<Vec<(i64, i64, u32)>> = vec![Vec::new(); self.resources.len()];
        for (id, padded, provider, resources) in compiled {
            // At most MAX_APPOINTMENTS are live, but removed ones keep their keys: past u32
            // keys (billions of updates) spans would share one, which only affects removal.
            let key = u32::try_from(self.appointments.len()).unwrap_or(NO_KEY - 1);
            let span = (padded.0, padded.1, key);
            if let Some(p) = provider {
                by_provider[p].push(span);
            }
            for &r in &resources {
                by_resource[r].push(span);
            }
            if let Some(id) = id {
                self.appointment_ids
                    .entry(id.clone())
                    .or_default()
                    .push(key);
            }
            self.appointments.push(Some(ApptM {
                padded,
                provider,
                resources,
            }));
            self.live += 1;
        }
        for (p, new) in by_provider.iter().enumerate() {
            if !new.is_empty() {
                self.providers[p].busy.insert(new);
            }
        }
        for (r, new) in by_resource.iter().enumerate() {
            if !new.is_empty() {
                self.resources[r].busy.insert(new);
            }
        }
        Ok(())
    }

    /// Removes every appointment whose id is listed; returns how many were removed.
    pub(crate) fn remove_appointments(&mut self, ids: &[String]) -> usize {
        let mut keys: Vec<u32> = ids
            .iter()
            .filter_map(|id| self.appointment_ids.remove(id.as_str()))
            .flatten()
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let mut by_provider: Vec<Vec<(i64, i64, u32)>> = vec![Vec::new(); self.providers.len()];
        let mut by_resource: Vec<Vec<(i64, i64, u32)>> = vec![Vec::new(); self.resources.len()];
        let mut removed = 0;
        for &key in &keys {
            let Some(a) = self
                .appointments
                .get_mut(key as usize)
                .and_then(Option::take)
            else {
                continue;
            };
            let span = (a.padded.0, a.padded.1, key);
            if let Some(p) = a.provider {
                by_provider[p].push(span);
            }
            for r in a.resources {
                by_resource[r].push(span);
            }
            removed += 1;
        }
        for (p, gone) in by_provider.iter().enumerate() {
            if !gone.is_empty() {
                self.providers[p].busy.remove(gone);
            }
        }
        for (r, gone) in by_resource.iter().enumerate() {
            if !gone.is_empty() {
                self.resources[r].busy.remove(gone);
            }
        }
        self.live -= removed;
        removed
    }

    pub(crate) fn treatment(&self, id: &str, path: &str) -> Result<usize, CodedError> {
        self.treatment_ids
            .get(id)
            .copied()
            .ok_or_else(|| unknown_treatment(path))
    }

    pub(crate) fn provider(&self, id: &str, path: &str) -> Result<usize, CodedError> {
        self.provider_ids
            .get(id)
            .copied()
            .ok_or_else(|| unknown_provider(path))
    }

    pub(crate) fn resource(&self, id: &str, path: &str) -> Result<usize, CodedError> {
        self.resource_ids
            .get(id)
            .copied()
            .ok_or_else(|| unknown_resource(path))
    }

    /// Business hours on a date: none on a closed date.
    pub(crate) fn open_on(&self, d: NaiveDate) -> &[Mins] {
        if self.closed.contains(&day_number(d)) {
            return &[];
        }
        &self.hours[weekday_of(d)]
    }

    /// The provider's working windows on a date, within business hours: weekly hours (breaks
    /// removed) plus extra hours, minus time off.
    pub(crate) fn provider_windows(&self, p: usize, d: NaiveDate) -> Vec<Mins> {
        let open = self.open_on(d);
        if open.is_empty() {
            return Vec::new();
        }
        let pm = &self.providers[p];
        let key = day_number(d);
        let mut work = pm.weekly[weekday_of(d)].clone();
        if let Some(extra) = pm.extra.get(&key) {
            work.extend_from_slice(extra);
            work = normalize(work);
        }
        if let Some(off) = pm.off.get(&key) {
            work = subtract(&work, off);
        }
        intersect(&work, open)
    }

    pub(crate) fn resource_hours(&self, r: usize, d: NaiveDate) -> &[Mins] {
        match &self.resources[r].hours {
            Some(h) if !self.closed.contains(&day_number(d)) => &h[weekday_of(d)],
            Some(_) => &[],
            None => self.open_on(d),
        }
    }

    /// True when a washout forbids treatment `a` on date `da` given treatment `b` on `db`
    /// (either order).
    pub(crate) fn washout(&self, a: usize, da: NaiveDate, b: usize, db: NaiveDate) -> bool {
        let gap = day_number(da) - day_number(db);
        self.washouts.iter().any(|w| {
            (w.after[b] && w.then[a] && gap >= 0 && gap < w.days)
                || (w.after[a] && w.then[b] && -gap >= 0 && -gap < w.days)
        })
    }

    pub(crate) fn qualified(&self, t: usize, p: usize) -> bool {
        self.treatments[t].qualified.contains(&p)
    }
}

impl<'c> Model<'c> {
    /// The compiled clinic with a client's history (paths under `$.client`); `skip` are the ids
    /// of appointments that a plan's bookings are.
    pub(crate) fn new(
        c: &'c Compiled,
        client: &ClientHistory,
        clock: &Clock<'_>,
        skip: &HashSet<&str>,
    ) -> Result<Self, CodedError> {
        let hp = "$.client.sessions";
        check_len(client.sessions.len(), MAX_HISTORY, TOO_MANY_ENTRIES, hp)?;
        let mut history = Vec::with_capacity(client.sessions.len());
        for (i, s) in client.sessions.iter().enumerate() {
            let path = format!("{hp}[{i}]");
            let t = *c
                .treatment_ids
                .get(s.treatment_id.as_str())
                .ok_or_else(|| unknown_treatment(&format!("{path}.treatmentId")))?;
            let start = instant(&s.start, &format!("{path}.start"))?;
            let (date, _) = clock.local(start).map_err(|e| e.under(&path))?;
            history.push(HistoryM {
                treatment: t,
                start,
                end: start + c.treatments[t].duration,
                date,
            });
        }
        let mut keys: Vec<u32> = skip
            .iter()
            .filter_map(|id| c.appointment_ids.get(*id))
            .flatten()
            .copied()
            .collect();
        keys.sort_unstable();
        Ok(Model {
            c,
            history,
            skip: keys,
        })
    }
}

fn provider(p: &Provider, path: &str) -> Result<ProviderM, CodedError> {
    let hp = format!("{path}.hours");
    if p.hours.len() > MAX_HOURS_ENTRIES {
        return Err(err(
            TOO_MANY_ENTRIES,
            hp,
            &format!("at most {MAX_HOURS_ENTRIES} hours entries are allowed"),
        ));
    }
    let mut weekly: [Vec<Mins>; 7] = Default::default();
    let mut wholes: [Vec<Mins>; 7] = Default::default();
    for (i, h) in p.hours.iter().enumerate() {
        let ep = format!("{hp}[{i}]");
        let whole = span(&h.start, &h.end, &ep)?;
        let wd = weekday_index(h.day);
        if wholes[wd].iter().any(|&(a, b)| whole.0 < b && a < whole.1) {
            return Err(err(
                OVERLAPPING_HOURS,
                ep,
                "hours overlap another entry of the same weekday",
            ));
        }
        let mut breaks = Vec::new();
        for (j, b) in h.breaks.iter().enumerate() {
            let bp = format!("{ep}.breaks[{j}]");
            let br = span(&b.start, &b.end, &bp)?;
            if br.0 < whole.0 || br.1 > whole.1 {
                return Err(err(
                    BREAK_OUTSIDE_HOURS,
                    bp,
                    "a break must lie inside its working hours",
                ));
            }
            if breaks.iter().any(|&(a, c): &Mins| br.0 < c && a < br.1) {
                return Err(err(OVERLAPPING_HOURS, bp, "breaks overlap each other"));
            }
            breaks.push(br);
        }
        wholes[wd].push(whole);
        // A break splits the working window: the slot grid restarts after it.
        weekly[wd].extend(subtract(&[whole], &normalize(breaks)));
    }
    let weekly = weekly.map(normalize);
    let ep = format!("{path}.exceptions");
    check_len(p.exceptions.len(), MAX_EXCEPTIONS, TOO_MANY_ENTRIES, &ep)?;
    let mut off: HashMap<i64, Vec<Mins>> = HashMap::new();
    let mut extra: HashMap<i64, Vec<Mins>> = HashMap::new();
    for (i, x) in p.exceptions.iter().enumerate() {
        let xp = format!("{ep}[{i}]");
        let d = day_number(date(&x.date, &format!("{xp}.date"))?);
        let times = match (&x.start, &x.end) {
            (Some(s), Some(e)) => Some(span(s, e, &xp)?),
            (None, None) => None,
            _ => {
                return Err(err(
                    INVALID_EXCEPTION,
                    xp,
                    "start and end must be given together",
                ))
            }
        };
        match (x.kind, times) {
            (ExceptionKind::TimeOff, t) => off.entry(d).or_default().push(t.unwrap_or((0, 1440))),
            (ExceptionKind::ExtraHours, Some(t)) => extra.entry(d).or_default().push(t),
            (ExceptionKind::ExtraHours, None) => {
                return Err(err(
                    INVALID_EXCEPTION,
                    xp,
                    "extra hours need a start and an end",
                ))
            }
        }
    }
    let off = off.into_iter().map(|(k, v)| (k, normalize(v))).collect();
    let extra = extra.into_iter().map(|(k, v)| (k, normalize(v))).collect();
    Ok(ProviderM {
        weekly,
        off,
        extra,
        busy: Busy::default(),
    })
}

fn treatment(
    t: &Treatment,
    path: &str,
    clinic: &Clinic,
    treatment_ids: &HashMap<String, usize>,
    resource_ids: &HashMap<String, usize>,
) -> Result<TreatmentM, CodedError> {
    if t.duration_minutes == 0 || t.duration_minutes > MAX_DURATION_MINUTES {
        return Err(err(
            INVALID_DURATION,
            format!("{path}.durationMinutes"),
            &format!("the duration must be 1 to {MAX_DURATION_MINUTES} minutes"),
        ));
    }
    for (field, v) in [
        ("bufferBeforeMinutes", t.buffer_before_minutes),
        ("bufferAfterMinutes", t.buffer_after_minutes),
    ] {
        if v > MAX_BUFFER_MINUTES {
            return Err(err(
                INVALID_BUFFER,
                format!("{path}.{field}"),
                &format!("buffers must be at most {MAX_BUFFER_MINUTES} minutes"),
            ));
        }
    }
    let mut needs = Vec::new();
    for (i, n) in t.resources.iter().enumerate() {
        let np = format!("{path}.resources[{i}]");
        let candidates = if n.any_of.is_empty() {
            clinic
                .resources
                .iter()
                .enumerate()
                .filter(|(_, r)| r.kind == n.kind)
                .map(|(j, _)| j)
                .collect()
        } else {
            let mut c = Vec::new();
            for (j, id) in n.any_of.iter().enumerate() {
                let ip = format!("{np}.anyOf[{j}]");
                let r = *resource_ids
                    .get(id.as_str())
                    .ok_or_else(|| unknown_resource(&ip))?;
                if clinic.resources[r].kind != n.kind {
                    return Err(err(
                        RESOURCE_KIND_MISMATCH,
                        ip,
                        "this resource is not of the kind the need names",
                    ));
                }
                c.push(r);
            }
            c.sort_unstable();
            c.dedup();
            c
        };
        needs.push(NeedM {
            kind: n.kind,
            candidates,
        });
    }
    let qualified = clinic
        .providers
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            t.qualifications
                .iter()
                .all(|q| p.qualifications.contains(q))
                && (t.any_qualification.is_empty()
                    || t.any_qualification
                        .iter()
                        .any(|q| p.qualifications.contains(q)))
        })
        .map(|(i, _)| i)
        .collect();
    let series = match &t.series {
        None => SeriesM {
            sessions: 1,
            intervals: Vec::new(),
            unit: IntervalUnit::Days,
        },
        Some(s) => {
            let sp = format!("{path}.series");
            if s.sessions == 0 || s.sessions as usize > MAX_SESSIONS {
                return Err(err(
                    INVALID_SESSIONS,
                    format!("{sp}.sessions"),
                    &format!("a series has 1 to {MAX_SESSIONS} sessions"),
                ));
            }
            if s.sessions > 1 && s.intervals.is_empty() {
                return Err(err(
                    MISSING_INTERVALS,
                    format!("{sp}.intervals"),
                    "a series of several sessions needs at least one interval",
                ));
            }
            if s.intervals.len() >= s.sessions.max(1) as usize && s.sessions > 1 {
                return Err(err(
                    TOO_MANY_ENTRIES,
                    format!("{sp}.intervals"),
                    "more intervals than gaps between sessions",
                ));
            }
            let cap = match s.unit {
                IntervalUnit::Days => MAX_INTERVAL,
                IntervalUnit::Hours => MAX_INTERVAL * 24,
                IntervalUnit::Months => MAX_INTERVAL / 28,
            };
            for (i, iv) in s.intervals.iter().enumerate() {
                let ip = format!("{sp}.intervals[{i}]");
                if iv.min > iv.max {
                    return Err(err(
                        MIN_ABOVE_MAX,
                        format!("{ip}.min"),
                        "the minimum interval is above the maximum",
                    ));
                }
                if iv.max > cap {
                    return Err(err(
                        INVALID_INTERVAL,
                        format!("{ip}.max"),
                        &format!("the interval is longer than {MAX_INTERVAL} days"),
                    ));
                }
            }
            SeriesM {
                sessions: s.sessions as usize,
                intervals: s.intervals.iter().map(|i| (i.min, i.max)).collect(),
                unit: s.unit,
            }
        }
    };
    let consultation = match &t.consultation {
        None => None,
        Some(c) => {
            let cp = format!("{path}.consultation");
            let ct = *treatment_ids
                .get(c.treatment_id.as_str())
                .ok_or_else(|| unknown_treatment(&format!("{cp}.treatmentId")))?;
            if clinic.catalog.treatments[ct].id == t.id
                || clinic.catalog.treatments[ct].consultation.is_some()
            {
                return Err(err(
                    INVALID_CONSULTATION,
                    format!("{cp}.treatmentId"),
                    "a consultation must be another treatment without a consultation of its own",
                ));
            }
            if c.max_age_days > MAX_INTERVAL {
                return Err(err(
                    INVALID_INTERVAL,
                    format!("{cp}.maxAgeDays"),
                    &format!("the age is longer than {MAX_INTERVAL} days"),
                ));
            }
            Some((ct, c.max_age_days))
        }
    };
    Ok(TreatmentM {
        duration: i64::from(t.duration_minutes) * 60,
        before: i64::from(t.buffer_before_minutes) * 60,
        after: i64::from(t.buffer_after_minutes) * 60,
        needs,
        qualified,
        series,
        consultation,
    })
}

pub(crate) fn unknown_treatment(path: &str) -> CodedError {
    err(
        UNKNOWN_TREATMENT,
        path,
        "no treatment of the catalog has this id",
    )
}

pub(crate) fn unknown_provider(path: &str) -> CodedError {
    err(UNKNOWN_PROVIDER, path, "no provider has this id")
}

pub(crate) fn unknown_resource(path: &str) -> CodedError {
    err(UNKNOWN_RESOURCE, path, "no room or device has this id")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_lists() {
        assert_eq!(
            normalize(vec![(5, 9), (1, 3), (3, 4), (8, 10)]),
            vec![(1, 4), (5, 10)]
        );
        assert_eq!(
            intersect(&[(0, 10), (20, 30)], &[(5, 25)]),
            vec![(5, 10), (20, 25)]
        );
        assert_eq!(
            subtract(&[(0, 10)], &[(2, 3), (5, 7)]),
            vec![(0, 2), (3, 5), (7, 10)]
        );
        assert_eq!(subtract(&[(0, 10)], &[(0, 10)]), vec![]);
    }

    #[test]
    fn needs_get_distinct_resources_whenever_possible() {
        // First free option per need when that works.
        assert_eq!(match_needs(&[vec![0, 1], vec![2, 3]]), Ok(vec![0, 2]));
        assert_eq!(match_needs(&[vec![0, 1], vec![0, 1]]), Ok(vec![0, 1]));
        // "Any room" then "room 0": the first need gives room 0 up.
        assert_eq!(match_needs(&[vec![0, 1], vec![0]]), Ok(vec![1, 0]));
        // A chain of two revisions.
        assert_eq!(
            match_needs(&[vec![0, 1], vec![1, 2], vec![0]]),
            Ok(vec![1, 2, 0])
        );
        assert_eq!(match_needs(&[vec![0], vec![0]]), Err(1));
        assert_eq!(match_needs(&[vec![0, 1], vec![], vec![0]]), Err(1));
        assert_eq!(match_needs(&[]), Ok(vec![]));
    }

    #[test]
    fn busy_overlaps_with_running_max() {
        let mut b = Busy {
            spans: vec![(50, 60, 1), (0, 100, 0), (200, 210, 2)],
            ..Busy::default()
        };
        b.finish();
        assert!(!b.overlaps(150, 160, &[]));
        assert!(b.overlaps(90, 95, &[]));
        assert!(b.overlaps(205, 206, &[]));
        assert!(!b.overlaps(100, 200, &[]));
        let mut out = Vec::new();
        b.overlapping(55, 205, &[], &mut out);
        out.sort_unstable();
        assert_eq!(out, vec![(0, 100), (50, 60), (200, 210)]);
        assert_eq!(max_overlap(&mut out, 55, 205), 2);
        // Skipped keys are not there for the query.
        assert!(!b.overlaps(90, 95, &[0]));
        assert!(b.overlaps(55, 58, &[0]));
        assert!(!b.overlaps(55, 58, &[0, 1]));
        out.clear();
        b.overlapping(55, 205, &[0], &mut out);
        assert_eq!(out, vec![(200, 210), (50, 60)]);
    }

    #[test]
    fn busy_updates_keep_the_order_and_the_running_max() {
        // Every update must leave the index as a fresh build of the same spans would.
        let fresh = |spans: &[(i64, i64, u32)]| {
            let mut b = Busy {
                spans: spans.to_vec(),
                ..Busy::default()
            };
            b.finish();
            b
        };
        let same = |a: &Busy, b: &Busy| a.spans == b.spans && a.max_end == b.max_end;
        let mut b = fresh(&[(0, 100, 0), (200, 210, 1)]);
        b.insert(&[(150, 400, 2), (-5, 1, 3)]);
        let all = [(0, 100, 0), (200, 210, 1), (150, 400, 2), (-5, 1, 3)];
        assert!(same(&b, &fresh(&all)));
        assert!(b.overlaps(300, 301, &[]));
        assert_eq!(b.remove(&[(150, 400, 2)]), 1);
        assert!(same(&b, &fresh(&[(0, 100, 0), (200, 210, 1), (-5, 1, 3)])));
        assert!(!b.overlaps(300, 301, &[]));
        assert_eq!(b.remove(&[(150, 400, 2)]), 0);
        // A large batch takes the merge route.
        let many: Vec<(i64, i64, u32)> = (0..100)
            .map(|i| (1000 - i * 7, 1010 - i * 7, 10 + i as u32))
            .collect();
        b.insert(&many);
        let mut expect = vec![(0, 100, 0), (200, 210, 1), (-5, 1, 3)];
        expect.extend_from_slice(&many);
        assert!(same(&b, &fresh(&expect)));
        assert_eq!(b.remove(&[(0, 100, 0), (-5, 1, 3), many[40]]), 3);
        expect.retain(|s| ![0, 3, 50].contains(&s.2));
        assert!(same(&b, &fresh(&expect)));
        // A large batch takes the single pass.
        let gone: Vec<(i64, i64, u32)> = many[..60].to_vec();
        assert_eq!(b.remove(&gone), 59);
        expect.retain(|s| !gone.contains(s));
        assert!(same(&b, &fresh(&expect)));
    }

    #[test]
    fn fast_instants_agree_with_the_full_parser() {
        for text in [
            "2025-03-09T10:00Z",
            "2025-03-09T10:00:59-05:00",
            "1970-01-01T00:00+00:00",
            "2024-02-29T23:59+14:00",
            "2025-11-02T01:30-04:00",
        ] {
            assert_eq!(
                fast_instant(text),
                Some(instant(text, "$").expect("valid")),
                "{text}"
            );
        }
        for text in [
            "2025-03-09T10:00",
            "2025-02-29T10:00Z",
            "2025-03-09T10:00:00.5Z",
            "2025-03-09T24:00Z",
            "2025-03-09t10:00Z",
        ] {
            assert_eq!(fast_instant(text), None, "{text}");
        }
    }

    #[test]
    fn date_prefix_shape() {
        assert_eq!(date_prefix("2025-03-09T10:00Z"), Some(&b"2025-03-09"[..]));
        assert_eq!(date_prefix("2025-3-09T10:00Z"), None);
        assert_eq!(date_prefix("short"), None);
    }
}
