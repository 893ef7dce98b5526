//! Candidate starts: the slot grid of `docs/domain.md` §2 and every rule a new booking must meet,
//! with a tally of what stopped each rejected candidate; and [`find_slots`] on top of it.

use crate::codes::*;
use crate::model::*;
use crate::prepared::{one_shot, prepared_only, PreparedClinic};
use crate::types::*;
use crate::{MAX_LIMIT, MAX_RANGE_DAYS};
use chrono::NaiveDate;
use medspa_errors::CodedError;
use medspa_zoned::ZoneSource;
use std::collections::HashSet;

/// How many times each blocker stopped a candidate.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tally([u32; 13]);

const ALL_BLOCKERS: [Blocker; 13] = [
    Blocker::NoQualifiedProvider,
    Blocker::ClinicClosed,
    Blocker::NoProviderHours,
    Blocker::DoesNotFit,
    Blocker::ProviderBusy,
    Blocker::RoomBusy,
    Blocker::DeviceBusy,
    Blocker::ClientBusy,
    Blocker::Washout,
    Blocker::OutsideHorizon,
    Blocker::TooShortNotice,
    Blocker::Preference,
    Blocker::SearchLimit,
];

impl Tally {
    pub(crate) fn add(&mut self, b: Blocker, n: u32) {
        let i = b as usize;
        self.0[i] = self.0[i].saturating_add(n);
    }

    /// Blockers, most frequent first (ties in declaration order).
    pub(crate) fn counts(&self) -> Vec<BlockerCount> {
        let mut v: Vec<BlockerCount> = ALL_BLOCKERS
            .iter()
            .filter(|b| self.0[**b as usize] > 0)
            .map(|&b| BlockerCount {
                code: b,
                count: self.0[b as usize],
            })
            .collect();
        v.sort_by_key(|c| std::cmp::Reverse(c.count));
        v
    }
}

/// A session already placed by the search (or fixed by the plan): busy for what follows.
#[derive(Debug, Clone)]
pub(crate) struct Placed {
    pub(crate) treatment: usize,
    pub(crate) provider: usize,
    pub(crate) resources: Vec<usize>,
    pub(crate) start: i64,
    pub(crate) end: i64,
    pub(crate) padded: (i64, i64),
    pub(crate) date: NaiveDate,
    pub(crate) minute: u32,
}

/// Inclusive instant bounds a candidate start must meet (a window in hours, after a previous
/// session's end).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Bound {
    pub(crate) lo: i64,
    pub(crate) hi: i64,
}

impl Bound {
    pub(crate) const ANY: Bound = Bound {
        lo: i64::MIN,
        hi: i64::MAX,
    };
}

/// The search state shared by every operation.
pub(crate) struct Engine<'m, 'a, 'z> {
    pub(crate) m: &'m Model<'a>,
    pub(crate) clock: Clock<'z>,
    pub(crate) now: i64,
    /// Earliest allowed start: `now` + notice, or the client's earliest start if later.
    pub(crate) earliest: i64,
    pub(crate) earliest_date: NaiveDate,
    pub(crate) today: NaiveDate,
    pub(crate) horizon: NaiveDate,
    pub(crate) weekdays: u8,
    pub(crate) times: Vec<Mins>,
    /// Providers in tie-break order: the preferred one first, then the clinic's order.
    pub(crate) order: Vec<usize>,
    pub(crate) rank: Vec<usize>,
    pub(crate) placed: Vec<Placed>,
    /// History sorted by start, for the client's own double bookings.
    pub(crate) client_busy: Vec<(i64, i64)>,
    pub(crate) checks: u64,
}

/// Compiled preferences.
pub(crate) struct Prefs {
    pub(crate) weekdays: u8,
    pub(crate) times: Vec<Mins>,
    pub(crate) provider: Option<usize>,
    pub(crate) earliest: Option<i64>,
}

pub(crate) fn prefs(m: &Model<'_>, p: &Preferences) -> Result<Prefs, CodedError> {
    let mut weekdays = 0u8;
    for d in &p.weekdays {
        weekdays |= 1 << weekday_index(*d);
    }
    if weekdays == 0 {
        weekdays = 0x7f;
    }
    let mut times = Vec::new();
    for (i, t) in p.times_of_day.iter().enumerate() {
        let path = format!("$.preferences.timesOfDay[{i}]");
        let a = minutes(&t.start, &format!("{path}.start"), false)?;
        let b = minutes(&t.end, &format!("{path}.end"), true)?;
        if a >= b {
            return Err(err(
                INVALID_HOURS,
                format!("{path}.end"),
                "the end must be later than the start",
            ));
        }
        times.push((a, b));
    }
    let provider = match &p.provider_id {
        Some(id) => Some(m.provider(id, "$.preferences.providerId")?),
        None => None,
    };
    let earliest = match &p.earliest_start {
        Some(s) => Some(instant(s, "$.preferences.earliestStart")?),
        None => None,
    };
    Ok(Prefs {
        weekdays,
        times: normalize(times),
        provider,
        earliest,
    })
}

impl<'m, 'a, 'z> Engine<'m, 'a, 'z> {
    pub(crate) fn new(
        m: &'m Model<'a>,
        clock: Clock<'z>,
        now: i64,
        prefs: Prefs,
    ) -> Result<Self, CodedError> {
        let (today, _) = clock.local(now).map_err(|e| e.under("$.now"))?;
        let earliest = (now + m.notice).max(prefs.earliest.unwrap_or(i64::MIN));
        let (earliest_date, _) = clock.local(earliest)?;
        let mut order: Vec<usize> = (0..m.providers.len()).collect();
        if let Some(p) = prefs.provider {
            order.retain(|&q| q != p);
            order.insert(0, p);
        }
        let mut rank = vec![0; order.len()];
        for (i, &p) in order.iter().enumerate() {
            rank[p] = i;
        }
        let mut client_busy: Vec<(i64, i64)> = m.history.iter().map(|h| (h.start, h.end)).collect();
        client_busy.sort_unstable();
        Ok(Self {
            m,
            clock,
            now,
            earliest,
            earliest_date,
            today,
            horizon: add_days(today, m.horizon_days),
            weekdays: prefs.weekdays,
            times: prefs.times,
            order,
            rank,
            placed: Vec::new(),
            client_busy,
            checks: 0,
        })
    }

    /// Qualified providers of a treatment, in tie-break order.
    pub(crate) fn qualified(&self, t: usize) -> Vec<usize> {
        self.order
            .iter()
            .copied()
            .filter(|&p| self.m.qualified(t, p))
            .collect()
    }

    fn client_busy(&self, s: i64, e: i64) -> bool {
        // Sessions last at most a day, so only those starting within a day before `e` matter.
        let i = self.client_busy.partition_point(|&(a, _)| a < e);
        let lo = self.client_busy[..i].partition_point(|&(a, _)| a < s - DAY);
        self.client_busy[lo..i].iter().any(|&(_, b)| b > s)
            || self.placed.iter().any(|p| p.start < e && s < p.end)
    }

    fn provider_free(&self, p: usize, ps: i64, pe: i64) -> bool {
        !self.m.providers[p].busy.overlaps(ps, pe, &self.m.skip)
            && !self
                .placed
                .iter()
                .any(|x| x.provider == p && x.padded.0 < pe && ps < x.padded.1)
    }

    #[allow(
        clippy::too_many_arguments,
        reason = "a hot inner check; a struct would only rename them"
    )]
    fn resource_free(
        &self,
        r: usize,
        d: NaiveDate,
        day: &DayZone,
        s: i64,
        e: i64,
        ps: i64,
        pe: i64,
    ) -> bool {
        let rm = &self.m.resources[r];
        if rm.hours.is_some() {
            let hours = self.m.resource_hours(r, d);
            if !hours.iter().any(|&(a, b)| {
                day.resolve(i64::from(a) * 60) <= s && e <= day.resolve(i64::from(b) * 60)
            }) {
                return false;
            }
        }
        if rm.blocked.overlaps(ps, pe, &[]) {
            return false;
        }
        let mine = self
            .placed
            .iter()
            .filter(|x| x.resources.contains(&r) && x.padded.0 < pe && ps < x.padded.1);
        if rm.capacity == 1 {
            return !rm.busy.overlaps(ps, pe, &self.m.skip) && mine.count() == 0;
        }
        let mut spans = Vec::new();
        rm.busy.overlapping(ps, pe, &self.m.skip, &mut spans);
        spans.extend(mine.map(|x| x.padded));
        max_overlap(&mut spans, ps, pe) < rm.capacity
    }

    /// A distinct free resource for each need: the first free one in the clinic's order, unless
    /// that starves a later need; then a matching that serves every need when one exists.
    #[allow(
        clippy::too_many_arguments,
        reason = "a hot inner check; a struct would only rename them"
    )]
    fn assign(
        &self,
        t: usize,
        d: NaiveDate,
        day: &DayZone,
        s: i64,
        e: i64,
        ps: i64,
        pe: i64,
    ) -> Result<Vec<usize>, Blocker> {
        let needs = &self.m.treatments[t].needs;
        let mut chosen = Vec::with_capacity(needs.len());
        for need in needs {
            let found = need
                .candidates
                .iter()
                .copied()
                .find(|r| !chosen.contains(r) && self.resource_free(*r, d, day, s, e, ps, pe));
            match found {
                Some(r) => chosen.push(r),
                None => break,
            }
        }
        if chosen.len() == needs.len() {
            return Ok(chosen);
        }
        // The greedy choice failed: try every free candidate of every need (rare, and needs
        // are few), each resource checked once.
        let mut free: Vec<Option<bool>> = vec![None; self.m.resources.len()];
        let options: Vec<Vec<usize>> = needs
            .iter()
            .map(|need| {
                need.candidates
                    .iter()
                    .copied()
                    .filter(|&r| {
                        *free[r].get_or_insert_with(|| self.resource_free(r, d, day, s, e, ps, pe))
                    })
                    .collect()
            })
            .collect();
        match_needs(&options).map_err(|n| match needs[n].kind {
            ResourceKind::Room => Blocker::RoomBusy,
            ResourceKind::Device => Blocker::DeviceBusy,
        })
    }

    /// Why a date is closed to treatment `t` as a whole, if it is.
    pub(crate) fn date_blocker(&self, t: usize, d: NaiveDate) -> Option<Blocker> {
        if d > self.horizon {
            return Some(Blocker::OutsideHorizon);
        }
        if d < self.earliest_date {
            return Some(Blocker::TooShortNotice);
        }
        if self.m.open_on(d).is_empty() {
            return Some(Blocker::ClinicClosed);
        }
        if !self.m.washouts.is_empty()
            && (self
                .m
                .history
                .iter()
                .any(|h| self.m.washout(t, d, h.treatment, h.date))
                || self
                    .placed
                    .iter()
                    .any(|p| self.m.washout(t, d, p.treatment, p.date)))
        {
            return Some(Blocker::Washout);
        }
        if self.weekdays & (1 << weekday_of(d)) == 0 {
            return Some(Blocker::Preference);
        }
        None
    }

    /// Every feasible start of treatment `t` on date `d` with one of `providers`, within
    /// `bound`, appended to `out` in grid order per provider (callers sort).
    pub(crate) fn day_candidates(
        &mut self,
        t: usize,
        d: NaiveDate,
        providers: &[usize],
        bound: Bound,
        tally: &mut Tally,
        out: &mut Vec<Placed>,
    ) -> Result<(), CodedError> {
        if let Some(b) = self.date_blocker(t, d) {
            tally.add(b, 1);
            return Ok(());
        }
        let day = self.clock.day(d)?;
        let tm = &self.m.treatments[t];
        let step = self.m.step;
        for &p in providers {
            let windows = self.m.provider_windows(p, d);
            if windows.is_empty() {
                tally.add(Blocker::NoProviderHours, 1);
                continue;
            }
            for (a, b) in windows {
                let end_limit = day.resolve(i64::from(b) * 60);
                let mut fits = false;
                let mut minute = a;
                while minute < b {
                    let here = minute;
                    minute += step;
                    self.checks += 1;
                    // The grid follows wall-clock time; a time skipped by DST yields nothing.
                    let Some(s) = day.exact(i64::from(here) * 60) else {
                        continue;
                    };
                    let e = s + tm.duration;
                    if e > end_limit {
                        break;
                    }
                    fits = true;
                    if let Some(c) = self.check_point(t, d, &day, p, s, here, bound, tally) {
                        out.push(c);
                    }
                }
                if !fits {
                    tally.add(Blocker::DoesNotFit, 1);
                }
            }
        }
        Ok(())
    }

    /// Every rule but the grid and the working window, for one start and provider.
    #[allow(
        clippy::too_many_arguments,
        reason = "a hot inner check; a struct would only rename them"
    )]
    pub(crate) fn check_point(
        &self,
        t: usize,
        d: NaiveDate,
        day: &DayZone,
        p: usize,
        s: i64,
        minute: u32,
        bound: Bound,
        tally: &mut Tally,
    ) -> Option<Placed> {
        let tm = &self.m.treatments[t];
        let e = s + tm.duration;
        if s < bound.lo || s > bound.hi {
            return None;
        }
        if s < self.earliest {
            tally.add(Blocker::TooShortNotice, 1);
            return None;
        }
        if !self.times.is_empty() && !self.times.iter().any(|&(x, y)| minute >= x && minute < y) {
            tally.add(Blocker::Preference, 1);
            return None;
        }
        let (ps, pe) = (s - tm.before, e + tm.after);
        if !self.provider_free(p, ps, pe) {
            tally.add(Blocker::ProviderBusy, 1);
            return None;
        }
        if self.client_busy(s, e) {
            tally.add(Blocker::ClientBusy, 1);
            return None;
        }
        match self.assign(t, d, day, s, e, ps, pe) {
            Ok(resources) => Some(Placed {
                treatment: t,
                provider: p,
                resources,
                start: s,
                end: e,
                padded: (ps, pe),
                date: d,
                minute,
            }),
            Err(b) => {
                tally.add(b, 1);
                None
            }
        }
    }

    pub(crate) fn booking(&self, p: &Placed) -> Booking {
        Booking {
            start: self.clock.format(p.start),
            end: Some(self.clock.format(p.end)),
            provider_id: self.m.provider_names[p.provider].clone(),
            resource_ids: p
                .resources
                .iter()
                .map(|&r| self.m.resource_names[r].clone())
                .collect(),
            appointment_id: None,
        }
    }
}

fn parse_cursor(text: &str) -> Option<(i64, usize)> {
    let rest = text.strip_prefix("c1.")?;
    let (s, r) = rest.split_once('.')?;
    Some((s.parse().ok()?, r.parse().ok()?))
}

/// Free starts of one treatment between two local dates: one per start and provider (or one per
/// start with `onePerStart`), ordered by start, then the preferred provider, then the clinic's
/// provider order; paged by `limit` and `cursor`.
///
/// A start is free when (domain.md §2): it lies on the grid anchored at the start of one of the
/// provider's working windows (weekly hours minus breaks and time off, plus extra hours, within
/// business hours) every `slotStepMinutes` of wall-clock time; the service fits in that window;
/// the service padded by the treatment's buffers overlaps no booking of the provider or of a
/// chosen room or device padded by its own buffers, no blocked span, and no session of the
/// client; every resource need gets a distinct open resource with capacity left; no washout
/// forbids the date; it is at least `minNoticeMinutes` after `now` (which removes candidates and
/// never moves the grid); its local date is within `horizonDays` of today; and the preferences
/// allow it. On DST days a grid time that does not exist yields no slot; a repeated time is its
/// first occurrence. Every time carries its UTC offset.
///
/// Errors: `MISSING_CLINIC` at `$.clinic` without a clinic (see [`find_slots_in`] for a
/// prepared one), any validation error of the clinic (paths under `$.clinic`),
/// `UNKNOWN_TREATMENT` at `$.treatmentId`, `INVALID_DATE` at `$.from`/`$.to`, `INVALID_RANGE` (`to` before `from`),
/// `RANGE_TOO_LONG` (more than [`MAX_RANGE_DAYS`]), `INVALID_INSTANT` at `$.now`,
/// `INVALID_LIMIT`, `INVALID_CURSOR`.
///
/// ```
/// use medspa_schedule::{find_slots, FindSlotsRequest};
/// use medspa_zoned::ChronoTz;
/// let request: FindSlotsRequest = serde_json::from_value(serde_json::json!({
///     "clinic": {
///         "location": {"zone": "America/New_York", "slotStepMinutes": 30,
///                      "hours": [{"day": "mon", "start": "09:00", "end": "12:00"}]},
///         "catalog": {"treatments": [{"id": "botox", "durationMinutes": 30,
///                                     "qualifications": ["RN"]}]},
///         "providers": [{"id": "ana", "qualifications": ["RN"],
///                        "hours": [{"day": "mon", "start": "09:00", "end": "12:00",
///                                   "breaks": [{"start": "10:00", "end": "10:30"}]}]}],
///         "appointments": [{"start": "2025-03-10T09:30-04:00", "end": "2025-03-10T10:00-04:00",
///                           "providerId": "ana"}]
///     },
///     "treatmentId": "botox", "from": "2025-03-10", "to": "2025-03-10",
///     "now": "2025-03-01T00:00Z"
/// })).unwrap();
/// let page = find_slots(&ChronoTz, &request).unwrap();
/// let starts: Vec<&str> = page.slots.iter().map(|s| s.start.as_str()).collect();
/// assert_eq!(starts, ["2025-03-10T09:00-04:00", "2025-03-10T10:30-04:00",
///                     "2025-03-10T11:00-04:00", "2025-03-10T11:30-04:00"]);
/// ```
pub fn find_slots(
    zones: &dyn ZoneSource,
    request: &FindSlotsRequest,
) -> Result<FindSlotsResponse, CodedError> {
    let clinic = one_shot(request.clinic.as_ref())?;
    slots(zones, Source::OneShot(clinic), request)
}

/// [`find_slots`] on a [`PreparedClinic`]: the request has no `clinic` (`CLINIC_GIVEN_TWICE` at
/// `$.clinic` when it has one); the answer is the one [`find_slots`] gives with that clinic.
/// Only the busy time of the searched dates is read.
///
/// ```
/// use medspa_schedule::{find_slots_in, FindSlotsRequest, PreparedClinic};
/// use medspa_zoned::ChronoTz;
/// let clinic = serde_json::from_value(serde_json::json!({
///     "location": {"zone": "Europe/London", "hours": [{"day": "tue", "start": "09:00", "end": "11:00"}]},
///     "catalog": {"treatments": [{"id": "peel", "durationMinutes": 60}]},
///     "providers": [{"id": "bo", "hours": [{"day": "tue", "start": "09:00", "end": "11:00"}]}],
///     "appointments": [{"start": "2025-03-11T09:00Z", "end": "2025-03-11T10:00Z", "providerId": "bo"}]
/// })).unwrap();
/// let prepared = PreparedClinic::new(&ChronoTz, clinic).unwrap();
/// let request: FindSlotsRequest = serde_json::from_value(serde_json::json!({
///     "treatmentId": "peel", "from": "2025-03-11", "to": "2025-03-11", "now": "2025-03-01T00:00Z"
/// })).unwrap();
/// let page = find_slots_in(&ChronoTz, &prepared, &request).unwrap();
/// assert_eq!(page.slots[0].start, "2025-03-11T10:00+00:00");
/// ```
pub fn find_slots_in(
    zones: &dyn ZoneSource,
    clinic: &PreparedClinic,
    request: &FindSlotsRequest,
) -> Result<FindSlotsResponse, CodedError> {
    prepared_only(request.clinic.as_ref())?;
    slots(zones, Source::Prepared(&clinic.compiled), request)
}

fn slots(
    zones: &dyn ZoneSource,
    source: Source<'_>,
    request: &FindSlotsRequest,
) -> Result<FindSlotsResponse, CodedError> {
    let from = date(&request.from, "$.from")?;
    let to = date(&request.to, "$.to")?;
    if to < from {
        return Err(err(INVALID_RANGE, "$.to", "`to` is before `from`"));
    }
    if day_number(to) - day_number(from) >= MAX_RANGE_DAYS {
        return Err(err(
            RANGE_TOO_LONG,
            "$.to",
            &format!("the range is longer than {MAX_RANGE_DAYS} days"),
        ));
    }
    let now = instant(&request.now, "$.now")?;
    if request.limit == 0 || request.limit > MAX_LIMIT {
        return Err(err(
            INVALID_LIMIT,
            "$.limit",
            &format!("the limit must be 1 to {MAX_LIMIT}"),
        ));
    }
    let cursor = match &request.cursor {
        Some(c) => Some(parse_cursor(c).ok_or_else(|| {
            err(
                INVALID_CURSOR,
                "$.cursor",
                "not a cursor from a previous page",
            )
        })?),
        None => None,
    };
    let clock = source.clock(zones)?;
    let mut slot = None;
    let compiled = source.compile(zones, Span { from, to }, &mut slot)?;
    let model = Model::new(compiled, &request.client, &clock, &HashSet::new())?;
    let t = model.treatment(&request.treatment_id, "$.treatmentId")?;
    let prefs = prefs(&model, &request.preferences)?;
    let mut engine = Engine::new(&model, clock, now, prefs)?;
    let providers = engine.qualified(t);
    let limit = request.limit as usize;

    let mut start_date = from;
    if let Some((s, _)) = cursor {
        if let Ok((d, _)) = engine.clock.local(s) {
            start_date = start_date.max(d);
        }
    }
    let mut slots = Vec::new();
    let mut next_cursor = None;
    let mut tally = Tally::default();
    let mut day = Vec::new();
    let mut d = start_date;
    'dates: while d <= to {
        day.clear();
        engine.day_candidates(t, d, &providers, Bound::ANY, &mut tally, &mut day)?;
        day.sort_by_key(|c| (c.start, engine.rank[c.provider]));
        if request.one_per_start {
            day.dedup_by_key(|c| c.start);
        }
        for c in &day {
            let key = (c.start, engine.rank[c.provider]);
            if let Some(cur) = cursor {
                let after = if request.one_per_start {
                    key.0 > cur.0
                } else {
                    key > cur
                };
                if !after {
                    continue;
                }
            }
            if slots.len() == limit {
                next_cursor = slots
                    .last()
                    .map(|(k, _): &((i64, usize), Slot)| format!("c1.{}.{}", k.0, k.1));
                break 'dates;
            }
            let b = engine.booking(c);
            slots.push((
                key,
                Slot {
                    start: b.start,
                    end: b.end.unwrap_or_default(),
                    provider_id: b.provider_id,
                    resource_ids: b.resource_ids,
                },
            ));
        }
        d = d.succ_opt().unwrap_or(NaiveDate::MAX);
        if d == NaiveDate::MAX {
            break;
        }
    }
    Ok(FindSlotsResponse {
        slots: slots.into_iter().map(|(_, s)| s).collect(),
        next_cursor,
    })
}
