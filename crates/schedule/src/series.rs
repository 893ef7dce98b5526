//! Series: session windows, the earliest feasible plan (a bounded depth-first search), the
//! independent plan checker, rescheduling with its three scopes, and the windows of a plan.

use crate::codes::*;
use crate::model::*;
use crate::prepared::{one_shot, prepared_only, PreparedClinic};
use crate::search::*;
use crate::types::*;
use crate::{MAX_SEARCH_CHECKS, MAX_SEARCH_STEPS, MAX_SESSIONS};
use chrono::NaiveDate;
use medspa_errors::CodedError;
use medspa_zoned::ZoneSource;
use std::collections::HashSet;

/// A session's window: inclusive local dates, and for `hours` intervals exact instants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WinM {
    pub(crate) lo_date: NaiveDate,
    pub(crate) hi_date: Option<NaiveDate>,
    pub(crate) lo_t: Option<i64>,
    pub(crate) hi_t: Option<i64>,
    pub(crate) exact: bool,
}

impl WinM {
    pub(crate) fn before(&self, start: i64, d: NaiveDate) -> bool {
        d < self.lo_date || self.lo_t.is_some_and(|t| start < t)
    }

    pub(crate) fn after(&self, start: i64, d: NaiveDate) -> bool {
        self.hi_date.is_some_and(|h| d > h) || self.hi_t.is_some_and(|t| start > t)
    }

    pub(crate) fn contains(&self, start: i64, d: NaiveDate) -> bool {
        !self.before(start, d) && !self.after(start, d)
    }

    fn bound(&self) -> Bound {
        Bound {
            lo: self.lo_t.unwrap_or(i64::MIN),
            hi: self.hi_t.unwrap_or(i64::MAX),
        }
    }
}

/// The exact window of session `k ≥ 1` after a session booked at `prev_start` on `prev_date`.
pub(crate) fn interval_window(
    e: &Engine<'_, '_, '_>,
    s: &SeriesM,
    k: usize,
    prev_start: i64,
    prev_date: NaiveDate,
) -> WinM {
    let (min, max) = s.interval(k);
    match s.unit {
        IntervalUnit::Days => WinM {
            lo_date: add_days(prev_date, i64::from(min)),
            hi_date: Some(add_days(prev_date, i64::from(max))),
            lo_t: None,
            hi_t: None,
            exact: true,
        },
        IntervalUnit::Months => WinM {
            lo_date: add_months(prev_date, min),
            hi_date: Some(add_months(prev_date, max)),
            lo_t: None,
            hi_t: None,
            exact: true,
        },
        IntervalUnit::Hours => {
            let lo = prev_start + i64::from(min) * 3600;
            let hi = prev_start + i64::from(max) * 3600;
            let date = |t: i64| e.clock.local(t).map(|(d, _)| d).unwrap_or(prev_date);
            WinM {
                lo_date: date(lo),
                hi_date: Some(date(hi)),
                lo_t: Some(lo),
                hi_t: Some(hi),
                exact: true,
            }
        }
    }
}

/// The reachable window of session `k ≥ 1` when session `k − 1` itself only has a window.
fn propagate(s: &SeriesM, k: usize, prev: &WinM, e: &Engine<'_, '_, '_>) -> WinM {
    let (min, max) = s.interval(k);
    let (lo, hi) = match s.unit {
        IntervalUnit::Days => (
            add_days(prev.lo_date, i64::from(min)),
            prev.hi_date.map(|h| add_days(h, i64::from(max))),
        ),
        IntervalUnit::Months => (
            add_months(prev.lo_date, min),
            prev.hi_date.map(|h| add_months(h, max)),
        ),
        IntervalUnit::Hours => (
            add_days(prev.lo_date, i64::from(min / 24)),
            prev.hi_date
                .map(|h| add_days(h, i64::from(max.div_ceil(24)))),
        ),
    };
    let shift = |t: Option<i64>, h: u32| t.map(|t| t + i64::from(h) * 3600);
    let (lo_t, hi_t) = match s.unit {
        IntervalUnit::Hours => (shift(prev.lo_t, min), shift(prev.hi_t, max)),
        _ => (None, None),
    };
    let _ = e;
    WinM {
        lo_date: lo,
        hi_date: hi,
        lo_t,
        hi_t,
        exact: false,
    }
}

/// A plan booking, parsed and resolved.
#[derive(Debug, Clone)]
pub(crate) struct BookingM {
    pub(crate) placed: Placed,
    pub(crate) appointment_id: Option<String>,
}

/// Instants of a plan's bookings (parsed before the model exists, to know the span).
fn plan_starts(plan: &Plan) -> Result<(Option<i64>, Vec<i64>), CodedError> {
    if plan.sessions.len() > MAX_SESSIONS {
        return Err(err(
            TOO_MANY_SESSIONS,
            "$.plan.sessions",
            &format!("a plan has at most {MAX_SESSIONS} sessions"),
        ));
    }
    let consult = match &plan.consultation {
        Some(b) => Some(instant(&b.start, "$.plan.consultation.start")?),
        None => None,
    };
    let mut starts = Vec::with_capacity(plan.sessions.len());
    for (i, b) in plan.sessions.iter().enumerate() {
        starts.push(instant(&b.start, &format!("$.plan.sessions[{i}].start"))?);
    }
    Ok((consult, starts))
}

fn resolve_booking(
    e: &Engine<'_, '_, '_>,
    t: usize,
    b: &Booking,
    start: i64,
    path: &str,
) -> Result<BookingM, CodedError> {
    let m = e.m;
    let provider = m.provider(&b.provider_id, &format!("{path}.providerId"))?;
    let mut resources = Vec::with_capacity(b.resource_ids.len());
    for (i, r) in b.resource_ids.iter().enumerate() {
        resources.push(m.resource(r, &format!("{path}.resourceIds[{i}]"))?);
    }
    let tm = &m.treatments[t];
    let end = start + tm.duration;
    let (date, second) = e.clock.local(start).map_err(|x| x.under(path))?;
    Ok(BookingM {
        placed: Placed {
            treatment: t,
            provider,
            resources,
            start,
            end,
            padded: (start - tm.before, end + tm.after),
            date,
            minute: u32::try_from(second / 60).unwrap_or(0),
        },
        appointment_id: b.appointment_id.clone(),
    })
}

/// Everything an operation on an existing plan needs, compiled.
struct PlanCtx<'a> {
    model: Model<'a>,
    t: usize,
}

#[allow(
    clippy::too_many_arguments,
    reason = "the shared prologue of four operations"
)]
fn plan_context<'a, 'z>(
    zones: &'z dyn ZoneSource,
    source: Source<'a>,
    slot: &'a mut Option<Compiled>,
    client: &ClientHistory,
    treatment_id: &str,
    plan: &Plan,
    now: &str,
    extra: Option<i64>,
) -> Result<(PlanCtx<'a>, Clock<'z>, i64), CodedError> {
    let now = instant(now, "$.now")?;
    let clock = source.clock(zones)?;
    let (consult, starts) = plan_starts(plan)?;
    let (today, _) = clock.local(now).map_err(|e| e.under("$.now"))?;
    let mut lo = today;
    let mut hi = add_days(today, source.horizon_days());
    for t in consult.iter().chain(starts.iter()).chain(extra.iter()) {
        let (d, _) = clock.local(*t)?;
        lo = lo.min(d);
        hi = hi.max(d);
    }
    // Windows reach past the last booking by at most MAX_INTERVAL days.
    let span = Span {
        from: add_days(lo, -1),
        to: add_days(hi, i64::from(crate::MAX_INTERVAL) + 1),
    };
    let mut skip: HashSet<&str> = HashSet::new();
    for b in plan.consultation.iter().chain(plan.sessions.iter()) {
        if let Some(id) = &b.appointment_id {
            skip.insert(id.as_str());
        }
    }
    let compiled = source.compile(zones, span, slot)?;
    let mut model = Model::new(compiled, client, &clock, &skip)?;
    let t = model.treatment(treatment_id, "$.treatmentId")?;
    // The plan's own sessions may also be in the history; they are not clashes with themselves.
    let own: Vec<(usize, i64)> = starts
        .iter()
        .map(|&s| (t, s))
        .chain(
            consult
                .iter()
                .filter_map(|&c| model.treatments[t].consultation.map(|(ct, _)| (ct, c))),
        )
        .collect();
    model
        .history
        .retain(|h| !own.contains(&(h.treatment, h.start)));
    Ok((PlanCtx { model, t }, clock, now))
}

fn resolve_plan(
    e: &Engine<'_, '_, '_>,
    t: usize,
    plan: &Plan,
) -> Result<(Option<BookingM>, Vec<BookingM>), CodedError> {
    let consult = match (&plan.consultation, e.m.treatments[t].consultation) {
        (Some(b), Some((ct, _))) => {
            let s = instant(&b.start, "$.plan.consultation.start")?;
            Some(resolve_booking(e, ct, b, s, "$.plan.consultation")?)
        }
        (Some(_), None) => {
            return Err(err(
                INVALID_CONSULTATION,
                "$.plan.consultation",
                "this treatment has no consultation",
            ))
        }
        _ => None,
    };
    let mut sessions = Vec::with_capacity(plan.sessions.len());
    for (i, b) in plan.sessions.iter().enumerate() {
        let path = format!("$.plan.sessions[{i}]");
        let s = instant(&b.start, &format!("{path}.start"))?;
        sessions.push(resolve_booking(e, t, b, s, &path)?);
    }
    Ok((consult, sessions))
}

/// The consultation that counts for a first session starting at `first` (or, with `None`, the
/// latest one known): the plan's own, else the latest in the history that ends by then.
fn consultation_for(
    e: &Engine<'_, '_, '_>,
    t: usize,
    consult: Option<&BookingM>,
    first: Option<i64>,
) -> Option<(i64, i64, NaiveDate)> {
    let (ct, _) = e.m.treatments[t].consultation?;
    let fits = |end: i64| first.is_none_or(|f| end <= f);
    let mut best: Option<(i64, i64, NaiveDate)> = None;
    let own = consult.map(|c| (c.placed.start, c.placed.end, c.placed.date));
    let hist =
        e.m.history
            .iter()
            .filter(|h| h.treatment == ct)
            .map(|h| (h.start, h.end, h.date));
    for c in own.into_iter().chain(hist) {
        if fits(c.1) && best.is_none_or(|b| c.0 > b.0) {
            best = Some(c);
        }
    }
    best
}

fn first_window(e: &Engine<'_, '_, '_>, t: usize, consult: Option<(i64, i64, NaiveDate)>) -> WinM {
    match (e.m.treatments[t].consultation, consult) {
        (Some((_, age)), Some((_, end, d))) => WinM {
            lo_date: d,
            hi_date: Some(add_days(d, i64::from(age))),
            lo_t: Some(end),
            hi_t: None,
            exact: true,
        },
        _ => WinM {
            lo_date: e.today,
            hi_date: None,
            lo_t: None,
            hi_t: None,
            exact: false,
        },
    }
}

#[allow(clippy::too_many_arguments, reason = "all parts of one output record")]
fn window_out(
    e: &Engine<'_, '_, '_>,
    kind: SessionKind,
    session: usize,
    w: &WinM,
    booked: Option<&Placed>,
) -> Window {
    let status = match booked {
        None => WindowStatus::Open,
        Some(b) if b.start < e.now => WindowStatus::Done,
        Some(_) => WindowStatus::Booked,
    };
    Window {
        kind,
        session: u32::try_from(session).unwrap_or(u32::MAX),
        earliest_date: w.lo_date.format("%Y-%m-%d").to_string(),
        latest_date: w.hi_date.map(|d| d.format("%Y-%m-%d").to_string()),
        earliest_start: w
            .lo_t
            .filter(|_| w.hi_t.is_some())
            .map(|t| e.clock.format(t)),
        latest_start: w.hi_t.map(|t| e.clock.format(t)),
        exact: w.exact,
        status,
        booked_start: booked.map(|b| e.clock.format(b.start)),
        violated: booked.is_some_and(|b| !w.contains(b.start, b.date)),
    }
}

/// Windows of sessions `0..n` given the booked ones (`None` for open sessions).
fn chain_windows(
    e: &Engine<'_, '_, '_>,
    t: usize,
    consult: Option<&BookingM>,
    booked: &[Option<&Placed>],
) -> Vec<WinM> {
    let series = &e.m.treatments[t].series;
    let mut out: Vec<WinM> = Vec::with_capacity(booked.len());
    for k in 0..booked.len() {
        let w = if k == 0 {
            let first = booked[0].map(|b| b.start);
            first_window(e, t, consultation_for(e, t, consult, first))
        } else {
            match booked[k - 1] {
                Some(prev) => interval_window(e, series, k, prev.start, prev.date),
                None => propagate(series, k, &out[k - 1], e),
            }
        };
        out.push(w);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// plan_series

#[derive(Debug, Clone, Copy)]
struct Level {
    t: usize,
    kind: SessionKind,
    session: usize,
}

struct Planner<'p, 'm, 'a, 'z> {
    e: &'p mut Engine<'m, 'a, 'z>,
    levels: Vec<Level>,
    providers: Vec<Vec<usize>>,
    first: WinM,
    memo: HashSet<(usize, i64)>,
    memo_on: bool,
    steps: u64,
    exhausted: bool,
    best: Option<(usize, WinM, Tally)>,
}

impl Planner<'_, '_, '_, '_> {
    fn window(&self, j: usize) -> WinM {
        if j == 0 {
            return self.first;
        }
        let level = self.levels[j];
        let prev = &self.e.placed[j - 1];
        let tm = &self.e.m.treatments[level.t];
        let mut w = if level.session == 0 {
            let age = tm.consultation.map_or(0, |(_, a)| a);
            WinM {
                lo_date: prev.date,
                hi_date: Some(add_days(prev.date, i64::from(age))),
                lo_t: None,
                hi_t: None,
                exact: true,
            }
        } else {
            interval_window(self.e, &tm.series, level.session, prev.start, prev.date)
        };
        w.lo_t = Some(w.lo_t.unwrap_or(i64::MIN).max(prev.end));
        w
    }

    fn limit_hit(&mut self) -> bool {
        if self.e.checks > MAX_SEARCH_CHECKS || self.steps > MAX_SEARCH_STEPS {
            self.exhausted = true;
        }
        self.exhausted
    }

    fn dfs(&mut self, j: usize) -> Result<bool, CodedError> {
        if j == self.levels.len() {
            return Ok(true);
        }
        let level = self.levels[j];
        let w = self.window(j);
        let prev_day = if j > 0 {
            day_number(self.e.placed[j - 1].date)
        } else {
            i64::MIN
        };
        let rest_failed = self.memo_on && j > 0 && self.memo.contains(&(j, prev_day));
        let anchor = (level.kind == SessionKind::Session && level.session > 0)
            .then(|| {
                self.e
                    .placed
                    .iter()
                    .zip(&self.levels)
                    .find(|(_, l)| l.kind == SessionKind::Session && l.session == 0)
                    .map(|(p, _)| p.minute)
            })
            .flatten();
        let providers = std::mem::take(&mut self.providers[j]);
        let mut tally = Tally::default();
        let mut found_any = false;
        let mut d = w.lo_date.max(self.e.earliest_date);
        let last = w.hi_date.unwrap_or(self.e.horizon);
        if last > self.e.horizon {
            let beyond = day_number(last) - day_number(self.e.horizon.max(add_days(w.lo_date, -1)));
            tally.add(
                Blocker::OutsideHorizon,
                u32::try_from(beyond).unwrap_or(u32::MAX),
            );
        }
        let last = last.min(self.e.horizon);
        let mut cands = Vec::new();
        let mut result = false;
        'dates: while d <= last {
            if rest_failed && day_number(d) > prev_day {
                break;
            }
            cands.clear();
            self.e
                .day_candidates(level.t, d, &providers, w.bound(), &mut tally, &mut cands)?;
            let rank = &self.e.rank;
            cands.sort_by_key(|c| {
                (
                    anchor.is_some_and(|a| c.minute != a),
                    c.start,
                    rank[c.provider],
                )
            });
            for c in cands.drain(..) {
                found_any = true;
                self.steps += 1;
                if self.limit_hit() {
                    break 'dates;
                }
                self.e.placed.push(c);
                if self.dfs(j + 1)? {
                    result = true;
                    break 'dates;
                }
                self.e.placed.pop();
                if self.exhausted {
                    break 'dates;
                }
            }
            if self.limit_hit() {
                break;
            }
            d = match d.succ_opt() {
                Some(n) => n,
                None => break,
            };
        }
        self.providers[j] = providers;
        if !result && !self.exhausted {
            if self.memo_on && j > 0 {
                self.memo.insert((j, prev_day));
            }
            if !found_any && !rest_failed && self.best.as_ref().is_none_or(|b| j > b.0) {
                self.best = Some((j, w, tally));
            }
        }
        Ok(result)
    }
}

/// Outcome of one search: the placed sessions, or the deepest empty window.
enum Search {
    Found(Vec<Placed>),
    Failed(Option<(Level, WinM, Tally)>, bool),
}

fn search(
    e: &mut Engine<'_, '_, '_>,
    levels: Vec<Level>,
    providers: Vec<Vec<usize>>,
    first: WinM,
) -> Result<Search, CodedError> {
    let m = e.m;
    // Memoising "no completion on a later date" is sound when nothing but the previous
    // session's date links a level to the ones before it: day-based intervals and no washout
    // between the plan's own treatments.
    let plan_ts: Vec<usize> = levels.iter().map(|l| l.t).collect();
    let internal_washout = m
        .washouts
        .iter()
        .any(|w| plan_ts.iter().any(|&a| w.after[a]) && plan_ts.iter().any(|&b| w.then[b]));
    let unit = m.treatments[levels[levels.len() - 1].t].series.unit;
    let placed_before = std::mem::take(&mut e.placed);
    let mut p = Planner {
        e,
        levels,
        providers,
        first,
        memo: HashSet::new(),
        memo_on: unit != IntervalUnit::Hours && !internal_washout,
        steps: 0,
        exhausted: false,
        best: None,
    };
    let ok = p.dfs(0)?;
    let out = if ok {
        Search::Found(std::mem::take(&mut p.e.placed))
    } else {
        let best = p.best.take().map(|(j, w, t)| (p.levels[j], w, t));
        Search::Failed(best, p.exhausted)
    };
    p.e.placed = placed_before;
    Ok(out)
}

/// The earliest feasible plan of a whole series.
///
/// Sessions are placed in order: the consultation first when the treatment requires one and the
/// client has none recent enough, then session 0 at the earliest free start (as
/// [`find_slots`](crate::find_slots) defines it), then each session `k` in its window
/// `[date(k−1) + min, date(k−1) + max]` (inclusive local dates; `hours` and `months` as
/// [`IntervalUnit`] says): on the earliest date that has a free start, at session 0's wall-clock
/// time when that is free (so the series keeps its local time across DST), else the earliest
/// start that day. When a later session cannot be placed, earlier ones move later (a
/// depth-first search, bounded by [`MAX_SEARCH_STEPS`](crate::MAX_SEARCH_STEPS) placements and
/// [`MAX_SEARCH_CHECKS`](crate::MAX_SEARCH_CHECKS) candidate checks).
///
/// With `preferences.sameProvider`, one provider takes every session when one can: the preferred
/// provider if they can, else the provider whose plan starts earliest; otherwise sessions may
/// have different providers (`sameProvider` in the response says which happened).
///
/// When no plan exists the response has no plan but an [`Unplanned`]: the session (deepest in
/// the search) whose window had no free start at all, that window, and the blockers counted over
/// it, such as `NO_QUALIFIED_PROVIDER`, `DEVICE_BUSY`, `CLINIC_CLOSED`, `WASHOUT`,
/// `OUTSIDE_HORIZON`, or `SEARCH_LIMIT` when the search stopped at its limit.
///
/// ```
/// use medspa_schedule::{plan_series, PlanSeriesRequest};
/// use medspa_zoned::ChronoTz;
/// let week = ["mon","tue","wed","thu","fri"].map(|d| serde_json::json!({"day": d, "start": "09:00", "end": "17:00"}));
/// let request: PlanSeriesRequest = serde_json::from_value(serde_json::json!({
///     "clinic": {
///         "location": {"zone": "America/New_York", "hours": week},
///         "catalog": {"treatments": [{"id": "laser", "durationMinutes": 45,
///             "series": {"sessions": 3, "intervals": [{"min": 28, "max": 35}]}}]},
///         "providers": [{"id": "ana", "hours": [
///             {"day": "mon", "start": "10:00", "end": "16:00"},
///             {"day": "tue", "start": "10:00", "end": "16:00"}]}]
///     },
///     "treatmentId": "laser", "now": "2025-02-24T08:00-05:00"
/// })).unwrap();
/// let answer = plan_series(&ChronoTz, &request).unwrap();
/// let starts: Vec<String> =
///     answer.plan.unwrap().sessions.into_iter().map(|s| s.start).collect();
/// // 28 days after a Monday is a Monday; the series keeps 10:00 across the DST change of 9 March.
/// assert_eq!(starts, ["2025-02-24T10:00-05:00", "2025-03-24T10:00-04:00", "2025-04-21T10:00-04:00"]);
/// ```
pub fn plan_series(
    zones: &dyn ZoneSource,
    request: &PlanSeriesRequest,
) -> Result<PlanSeriesResponse, CodedError> {
    let clinic = one_shot(request.clinic.as_ref())?;
    plan(zones, Source::OneShot(clinic), request)
}

/// [`plan_series`] on a [`PreparedClinic`]: the request has no `clinic` (`CLINIC_GIVEN_TWICE` at
/// `$.clinic` when it has one); the answer is the one [`plan_series`] gives with that clinic.
pub fn plan_series_in(
    zones: &dyn ZoneSource,
    clinic: &PreparedClinic,
    request: &PlanSeriesRequest,
) -> Result<PlanSeriesResponse, CodedError> {
    prepared_only(request.clinic.as_ref())?;
    plan(zones, Source::Prepared(&clinic.compiled), request)
}

fn plan(
    zones: &dyn ZoneSource,
    source: Source<'_>,
    request: &PlanSeriesRequest,
) -> Result<PlanSeriesResponse, CodedError> {
    let now = instant(&request.now, "$.now")?;
    let clock = source.clock(zones)?;
    let (today, _) = clock.local(now).map_err(|e| e.under("$.now"))?;
    let horizon = add_days(today, source.horizon_days());
    let span = Span {
        from: add_days(today, -1),
        to: add_days(horizon, 1),
    };
    let mut slot = None;
    let compiled = source.compile(zones, span, &mut slot)?;
    let model = Model::new(compiled, &request.client, &clock, &HashSet::new())?;
    let t = model.treatment(&request.treatment_id, "$.treatmentId")?;
    let prefs = prefs(&model, &request.preferences)?;
    let preferred = prefs.provider;
    let mut e = Engine::new(&model, clock, now, prefs)?;
    let tm = &model.treatments[t];
    let n = tm.series.sessions;

    let unplanned = |e: &Engine<'_, '_, '_>, level: Level, w: &WinM, tally: &Tally| {
        let blockers = tally.counts();
        Unplanned {
            code: blockers.first().map_or(Blocker::SearchLimit, |b| b.code),
            kind: level.kind,
            session: u32::try_from(level.session).unwrap_or(0),
            window: window_out(e, level.kind, level.session, w, None),
            blockers,
        }
    };
    let open = first_window(&e, t, None);
    let fail = |e: &Engine<'_, '_, '_>, level: Level, b: Blocker| {
        let mut tally = Tally::default();
        tally.add(b, 1);
        Ok(PlanSeriesResponse {
            plan: None,
            same_provider: false,
            windows: Vec::new(),
            unplanned: Some(unplanned(e, level, &open, &tally)),
        })
    };
    let session_level = |k| Level {
        t,
        kind: SessionKind::Session,
        session: k,
    };
    let qualified = e.qualified(t);
    if qualified.is_empty() {
        return fail(&e, session_level(0), Blocker::NoQualifiedProvider);
    }
    let consult_t = tm.consultation.map(|(ct, _)| ct);
    if let Some(ct) = consult_t {
        if e.qualified(ct).is_empty() {
            let level = Level {
                t: ct,
                kind: SessionKind::Consultation,
                session: 0,
            };
            return fail(&e, level, Blocker::NoQualifiedProvider);
        }
    }

    // Provider sets to try for the series sessions: one at a time for continuity, then all.
    let mut provider_sets: Vec<Vec<usize>> = Vec::new();
    if request.preferences.same_provider && n > 1 {
        if let Some(p) = preferred.filter(|p| qualified.contains(p)) {
            provider_sets.push(vec![p]);
        }
        let rest: Vec<usize> = qualified
            .iter()
            .copied()
            .filter(|&p| Some(p) != preferred)
            .collect();
        provider_sets.push(rest);
    }
    provider_sets.push(qualified.clone());

    // With a consultation on file, first try without a new one; then with one.
    let existing = consultation_for(&e, t, None, None);
    let mut shapes: Vec<(bool, WinM)> = Vec::new();
    match consult_t {
        None => shapes.push((false, open)),
        Some(_) => {
            if existing.is_some() {
                shapes.push((false, first_window(&e, t, existing)));
            }
            shapes.push((true, open));
        }
    }

    let mut best_fail: Option<(Level, WinM, Tally)> = None;
    let mut exhausted = false;
    for (set_index, set) in provider_sets.iter().enumerate() {
        let singles = set_index + 1 < provider_sets.len();
        // For continuity, each provider of the set alone; the earliest such plan wins, except
        // that the preferred provider (tried alone first) wins outright.
        let groups: Vec<Vec<usize>> = if singles {
            set.iter().map(|&p| vec![p]).collect()
        } else {
            vec![set.clone()]
        };
        let mut chosen: Option<Vec<Placed>> = None;
        for group in groups {
            for &(with_consult, first) in &shapes {
                let mut levels = Vec::new();
                let mut providers = Vec::new();
                if let (true, Some(ct)) = (with_consult, consult_t) {
                    levels.push(Level {
                        t: ct,
                        kind: SessionKind::Consultation,
                        session: 0,
                    });
                    providers.push(e.qualified(ct));
                }
                for k in 0..n {
                    levels.push(session_level(k));
                    providers.push(group.clone());
                }
                match search(&mut e, levels, providers, first)? {
                    Search::Found(placed) => {
                        let better = chosen.as_ref().is_none_or(|c| {
                            let key =
                                |v: &Vec<Placed>| v.iter().map(|p| p.start).collect::<Vec<_>>();
                            key(&placed) < key(c)
                        });
                        if better {
                            chosen = Some(placed);
                        }
                        break;
                    }
                    Search::Failed(b, ex) => {
                        exhausted |= ex;
                        if !singles {
                            if let Some(b) = b {
                                best_fail = Some(b);
                            }
                        }
                    }
                }
            }
            if singles
                && set_index == 0
                && preferred.is_some()
                && provider_sets.len() == 3
                && chosen.is_some()
            {
                break;
            }
        }
        if let Some(placed) = chosen {
            return Ok(plan_response(&e, t, placed));
        }
    }
    let (level, w, tally) = match best_fail {
        Some(b) => b,
        None => {
            let mut tally = Tally::default();
            tally.add(Blocker::SearchLimit, 1);
            (session_level(0), open, tally)
        }
    };
    let _ = exhausted;
    Ok(PlanSeriesResponse {
        plan: None,
        same_provider: false,
        windows: Vec::new(),
        unplanned: Some(unplanned(&e, level, &w, &tally)),
    })
}

fn plan_response(e: &Engine<'_, '_, '_>, t: usize, placed: Vec<Placed>) -> PlanSeriesResponse {
    let (consult, sessions): (Vec<Placed>, Vec<Placed>) =
        placed.into_iter().partition(|p| p.treatment != t);
    let consult_m = consult.first().map(|c| BookingM {
        placed: c.clone(),
        appointment_id: None,
    });
    let booked: Vec<Option<&Placed>> = sessions.iter().map(Some).collect();
    let wins = chain_windows(e, t, consult_m.as_ref(), &booked);
    let windows = wins
        .iter()
        .enumerate()
        .map(|(k, w)| window_out(e, SessionKind::Session, k, w, Some(&sessions[k])))
        .collect();
    let same_provider = sessions.windows(2).all(|w| w[0].provider == w[1].provider);
    PlanSeriesResponse {
        plan: Some(Plan {
            consultation: consult.first().map(|c| e.booking(c)),
            sessions: sessions.iter().map(|s| e.booking(s)).collect(),
        }),
        same_provider,
        windows,
        unplanned: None,
    }
}

// ---------------------------------------------------------------------------------------------
// validate_plan

fn violation(code: ViolationCode, sessions: Vec<usize>, consultation: bool) -> Violation {
    let message = match code {
        ViolationCode::TooSoon => "the session is earlier than its window allows",
        ViolationCode::TooLate => "the session is later than its window allows",
        ViolationCode::OutOfOrder => "the session does not start after the previous one",
        ViolationCode::TooManySessions => "the plan has more sessions than the series",
        ViolationCode::MissingConsultation => "no consultation precedes the first session",
        ViolationCode::StaleConsultation => {
            "the consultation is older than allowed at the first session"
        }
        ViolationCode::Washout => "a washout rule forbids this date",
        ViolationCode::DoubleBooking => {
            "the session clashes with another booking, a blocked resource or the client's time"
        }
        ViolationCode::OutsideHours => "the session is outside business, working or resource hours",
        ViolationCode::UnqualifiedProvider => "the provider lacks a required qualification",
        ViolationCode::MissingResource => "a needed room or device is missing",
        ViolationCode::TooShortNotice => "the session starts within the minimum notice",
        ViolationCode::OutsideHorizon => "the session is after the booking horizon",
    };
    Violation {
        code,
        sessions: sessions
            .into_iter()
            .map(|s| u32::try_from(s).unwrap_or(u32::MAX))
            .collect(),
        consultation,
        message: message.to_string(),
    }
}

/// Independent checks of every rule, on bookings given as data.
fn check_plan(
    e: &mut Engine<'_, '_, '_>,
    t: usize,
    consult: Option<&BookingM>,
    sessions: &[BookingM],
    notice_and_horizon: bool,
) -> Result<Vec<Violation>, CodedError> {
    let m = e.m;
    let mut out = Vec::new();
    // Index `None` is the consultation.
    let all: Vec<(Option<usize>, &Placed)> = consult
        .map(|c| (None, &c.placed))
        .into_iter()
        .chain(
            sessions
                .iter()
                .enumerate()
                .map(|(i, s)| (Some(i), &s.placed)),
        )
        .collect();
    let who = |ids: &[Option<usize>]| -> (Vec<usize>, bool) {
        let mut v: Vec<usize> = ids.iter().filter_map(|x| *x).collect();
        v.sort_unstable();
        v.dedup();
        (v, ids.iter().any(|x| x.is_none()))
    };
    let push = |out: &mut Vec<Violation>, code, ids: &[Option<usize>]| {
        let (s, c) = who(ids);
        out.push(violation(code, s, c));
    };

    for &(i, b) in &all {
        let tm = &m.treatments[b.treatment];
        if !m.qualified(b.treatment, b.provider) {
            push(&mut out, ViolationCode::UnqualifiedProvider, &[i]);
        }
        // The listed resources must serve the needs one to one, in any order.
        let options: Vec<Vec<usize>> = tm
            .needs
            .iter()
            .map(|need| {
                b.resources
                    .iter()
                    .copied()
                    .filter(|r| need.candidates.contains(r))
                    .collect()
            })
            .collect();
        if match_needs(&options).is_err() {
            push(&mut out, ViolationCode::MissingResource, &[i]);
        }
        let day = e.clock.day(b.date)?;
        let inside = |spans: &[Mins]| {
            spans.iter().any(|&(x, y)| {
                day.resolve(i64::from(x) * 60) <= b.start && b.end <= day.resolve(i64::from(y) * 60)
            })
        };
        let hours_ok = inside(&m.provider_windows(b.provider, b.date))
            && b.resources
                .iter()
                .all(|&r| inside(m.resource_hours(r, b.date)));
        if !hours_ok {
            push(&mut out, ViolationCode::OutsideHours, &[i]);
        }
        // Existing bookings, blocked resources and capacity (with the plan's other sessions).
        let (ps, pe) = b.padded;
        let mut clash: Vec<Option<usize>> = vec![i];
        let mut clashes = m.providers[b.provider].busy.overlaps(ps, pe, &m.skip);
        for &r in &b.resources {
            let rm = &m.resources[r];
            clashes |= rm.blocked.overlaps(ps, pe, &[]);
            let mut spans = Vec::new();
            rm.busy.overlapping(ps, pe, &m.skip, &mut spans);
            for &(j, o) in &all {
                if j != i && o.resources.contains(&r) && o.padded.0 < pe && ps < o.padded.1 {
                    spans.push(o.padded);
                    clash.push(j);
                }
            }
            if max_overlap(&mut spans, ps, pe) >= rm.capacity {
                clashes = true;
            } else {
                clash.truncate(1);
            }
        }
        let client = m.history.iter().any(|h| h.start < b.end && b.start < h.end);
        if clashes || client {
            push(&mut out, ViolationCode::DoubleBooking, &clash);
        }
        if notice_and_horizon && b.start >= e.now {
            if b.start < e.now + m.notice {
                push(&mut out, ViolationCode::TooShortNotice, &[i]);
            }
            if b.date > e.horizon {
                push(&mut out, ViolationCode::OutsideHorizon, &[i]);
            }
        }
        for h in &m.history {
            if m.washout(b.treatment, b.date, h.treatment, h.date) {
                push(&mut out, ViolationCode::Washout, &[i]);
                break;
            }
        }
    }
    // Pairs within the plan: same provider, the client's own time, washouts.
    for (x, &(i, a)) in all.iter().enumerate() {
        for &(j, b) in &all[x + 1..] {
            let padded = a.padded.0 < b.padded.1 && b.padded.0 < a.padded.1;
            let service = a.start < b.end && b.start < a.end;
            if (padded && a.provider == b.provider) || service {
                push(&mut out, ViolationCode::DoubleBooking, &[i, j]);
            }
            if m.washout(a.treatment, a.date, b.treatment, b.date) {
                push(&mut out, ViolationCode::Washout, &[i, j]);
            }
        }
    }
    let series = &m.treatments[t].series;
    for (k, s) in sessions.iter().enumerate() {
        if k >= series.sessions {
            push(&mut out, ViolationCode::TooManySessions, &[Some(k)]);
        }
        if k == 0 {
            continue;
        }
        let prev = &sessions[k - 1].placed;
        let s = &s.placed;
        let w = interval_window(e, series, k, prev.start, prev.date);
        let ids = [Some(k - 1), Some(k)];
        if s.start <= prev.start {
            push(&mut out, ViolationCode::OutOfOrder, &ids);
        } else if w.before(s.start, s.date) {
            push(&mut out, ViolationCode::TooSoon, &ids);
        } else if w.after(s.start, s.date) {
            push(&mut out, ViolationCode::TooLate, &ids);
        }
    }
    if let (Some((_, age)), Some(first)) = (m.treatments[t].consultation, sessions.first()) {
        match consultation_for(e, t, consult, Some(first.placed.start)) {
            None => push(&mut out, ViolationCode::MissingConsultation, &[Some(0)]),
            Some((_, _, d)) => {
                if day_number(first.placed.date) - day_number(d) > i64::from(age) {
                    let own = consult.is_some_and(|c| c.placed.date == d);
                    let ids: &[Option<usize>] = if own { &[None, Some(0)] } else { &[Some(0)] };
                    push(&mut out, ViolationCode::StaleConsultation, ids);
                }
            }
        }
    }
    out.sort_by(|a, b| {
        let key = |v: &Violation| (!v.consultation, v.sessions.first().copied(), v.code);
        key(a).cmp(&key(b))
    });
    out.dedup();
    Ok(out)
}

/// Every violation of a plan, with codes and the sessions involved (indexes into
/// `plan.sessions`; `consultation: true` when the plan's consultation is involved).
///
/// Checked: each session's window after the previous one (`TOO_SOON`, `TOO_LATE`,
/// `OUT_OF_ORDER`), the series length (`TOO_MANY_SESSIONS`), the consultation
/// (`MISSING_CONSULTATION`, `STALE_CONSULTATION`, counting one in the client's history),
/// washouts against the history and within the plan (`WASHOUT`), clashes with existing
/// appointments, blocked resources, capacity, the client's other sessions and each other
/// (`DOUBLE_BOOKING`), business, working and resource hours (`OUTSIDE_HOURS`), qualifications
/// (`UNQUALIFIED_PROVIDER`) and resources (`MISSING_RESOURCE`); with `checkNoticeAndHorizon`,
/// notice and horizon for sessions after `now`. Starts need not be on the slot grid.
/// Appointments named by a booking's `appointmentId` are that booking, not clashes.
///
/// ```
/// use medspa_schedule::{validate_plan, ValidatePlanRequest, ViolationCode};
/// use medspa_zoned::ChronoTz;
/// let request: ValidatePlanRequest = serde_json::from_value(serde_json::json!({
///     "clinic": {
///         "location": {"zone": "Europe/London",
///                      "hours": [{"day": "mon", "start": "09:00", "end": "17:00"}]},
///         "catalog": {"treatments": [{"id": "peel", "durationMinutes": 30,
///             "series": {"sessions": 2, "intervals": [{"min": 14, "max": 21}]}}]},
///         "providers": [{"id": "bo", "hours": [{"day": "mon", "start": "09:00", "end": "17:00"}]}]
///     },
///     "treatmentId": "peel", "now": "2025-01-01T00:00Z",
///     "plan": {"sessions": [{"start": "2025-01-06T10:00Z", "providerId": "bo"},
///                           {"start": "2025-01-13T10:00Z", "providerId": "bo"}]}
/// })).unwrap();
/// let report = validate_plan(&ChronoTz, &request).unwrap();
/// assert_eq!(report.violations[0].code, ViolationCode::TooSoon);
/// assert_eq!(report.violations[0].sessions, [0, 1]);
/// ```
pub fn validate_plan(
    zones: &dyn ZoneSource,
    request: &ValidatePlanRequest,
) -> Result<ValidatePlanResponse, CodedError> {
    let clinic = one_shot(request.clinic.as_ref())?;
    validate(zones, Source::OneShot(clinic), request)
}

/// [`validate_plan`] on a [`PreparedClinic`]: the request has no `clinic` (`CLINIC_GIVEN_TWICE` at
/// `$.clinic` when it has one); the answer is the one [`validate_plan`] gives with that clinic.
pub fn validate_plan_in(
    zones: &dyn ZoneSource,
    clinic: &PreparedClinic,
    request: &ValidatePlanRequest,
) -> Result<ValidatePlanResponse, CodedError> {
    prepared_only(request.clinic.as_ref())?;
    validate(zones, Source::Prepared(&clinic.compiled), request)
}

fn validate(
    zones: &dyn ZoneSource,
    source: Source<'_>,
    request: &ValidatePlanRequest,
) -> Result<ValidatePlanResponse, CodedError> {
    let mut slot = None;
    let (ctx, clock, now) = plan_context(
        zones,
        source,
        &mut slot,
        &request.client,
        &request.treatment_id,
        &request.plan,
        &request.now,
        None,
    )?;
    let PlanCtx { model, t } = ctx;
    let prefs = prefs(&model, &Preferences::default())?;
    let mut e = Engine::new(&model, clock, now, prefs)?;
    let (consult, sessions) = resolve_plan(&e, t, &request.plan)?;
    let violations = check_plan(
        &mut e,
        t,
        consult.as_ref(),
        &sessions,
        request.check_notice_and_horizon,
    )?;
    Ok(ValidatePlanResponse {
        valid: violations.is_empty(),
        violations,
    })
}

// ---------------------------------------------------------------------------------------------
// windows

/// The allowed window of every session of the series not yet done, for a calendar to shade.
///
/// A session whose previous session is booked has an exact window (`exact: true`); after an
/// open session the window is what is reachable (`exact: false`). The first session's window
/// runs from the consultation's date to its maximum age when a consultation is known, else from
/// today, unbounded. While a required consultation is still missing, its own window (from
/// today) comes first. Booked sessions outside their window have `violated: true`.
///
/// ```
/// use medspa_schedule::{windows, WindowsRequest};
/// use medspa_zoned::ChronoTz;
/// let request: WindowsRequest = serde_json::from_value(serde_json::json!({
///     "clinic": {
///         "location": {"zone": "Australia/Sydney",
///                      "hours": [{"day": "mon", "start": "09:00", "end": "17:00"}]},
///         "catalog": {"treatments": [{"id": "tox", "durationMinutes": 20,
///             "series": {"sessions": 3, "intervals": [{"min": 14, "max": 21}, {"min": 90, "max": 120}]}}]},
///         "providers": [{"id": "cy"}]
///     },
///     "treatmentId": "tox", "now": "2025-01-01T00:00Z",
///     "plan": {"sessions": [{"start": "2025-03-03T10:00+11:00", "providerId": "cy"}]}
/// })).unwrap();
/// let w = windows(&ChronoTz, &request).unwrap().windows;
/// assert_eq!((w[1].earliest_date.as_str(), w[1].latest_date.as_deref()), ("2025-03-17", Some("2025-03-24")));
/// assert_eq!((w[2].earliest_date.as_str(), w[2].latest_date.as_deref()), ("2025-06-15", Some("2025-07-22")));
/// assert!(w[1].exact && !w[2].exact);
/// ```
pub fn windows(
    zones: &dyn ZoneSource,
    request: &WindowsRequest,
) -> Result<WindowsResponse, CodedError> {
    let clinic = one_shot(request.clinic.as_ref())?;
    plan_windows(zones, Source::OneShot(clinic), request)
}

/// [`windows`] on a [`PreparedClinic`]: the request has no `clinic` (`CLINIC_GIVEN_TWICE` at
/// `$.clinic` when it has one); the answer is the one [`windows`] gives with that clinic.
pub fn windows_in(
    zones: &dyn ZoneSource,
    clinic: &PreparedClinic,
    request: &WindowsRequest,
) -> Result<WindowsResponse, CodedError> {
    prepared_only(request.clinic.as_ref())?;
    plan_windows(zones, Source::Prepared(&clinic.compiled), request)
}

fn plan_windows(
    zones: &dyn ZoneSource,
    source: Source<'_>,
    request: &WindowsRequest,
) -> Result<WindowsResponse, CodedError> {
    let mut slot = None;
    let (ctx, clock, now) = plan_context(
        zones,
        source,
        &mut slot,
        &request.client,
        &request.treatment_id,
        &request.plan,
        &request.now,
        None,
    )?;
    let PlanCtx { model, t } = ctx;
    let prefs = prefs(&model, &Preferences::default())?;
    let e = Engine::new(&model, clock, now, prefs)?;
    let (consult, sessions) = resolve_plan(&e, t, &request.plan)?;
    let n = model.treatments[t].series.sessions.max(sessions.len());
    let booked: Vec<Option<&Placed>> = (0..n).map(|k| sessions.get(k).map(|s| &s.placed)).collect();
    let wins = chain_windows(&e, t, consult.as_ref(), &booked);
    let mut out = Vec::new();
    if model.treatments[t].consultation.is_some()
        && consultation_for(&e, t, consult.as_ref(), None).is_none()
        && booked.first().is_none_or(|b| b.is_none())
    {
        let w = first_window(&e, t, None);
        out.push(window_out(&e, SessionKind::Consultation, 0, &w, None));
    }
    for (k, w) in wins.iter().enumerate() {
        let win = window_out(&e, SessionKind::Session, k, w, booked[k]);
        if win.status != WindowStatus::Done {
            out.push(win);
        }
    }
    Ok(WindowsResponse { windows: out })
}

// ---------------------------------------------------------------------------------------------
// reschedule

/// Tries to place treatment `t` at exactly `start`: provider `first` if given, then every
/// qualified provider in order. Uses `e.placed` as the plan's other sessions.
fn place_at(
    e: &mut Engine<'_, '_, '_>,
    t: usize,
    start: i64,
    first: usize,
    tally: &mut Tally,
) -> Result<Option<Placed>, CodedError> {
    let (d, _) = e.clock.local(start)?;
    let mut providers = vec![first];
    providers.extend(e.qualified(t).into_iter().filter(|&p| p != first));
    let mut cands = Vec::new();
    let bound = Bound {
        lo: start,
        hi: start,
    };
    for p in providers {
        if !e.m.qualified(t, p) {
            continue;
        }
        cands.clear();
        e.day_candidates(t, d, &[p], bound, tally, &mut cands)?;
        if let Some(c) = cands.pop() {
            return Ok(Some(c));
        }
        // Off the grid: check the exact start directly against the same rules.
        if let Some(c) = off_grid(e, t, d, p, start, tally)? {
            return Ok(Some(c));
        }
    }
    Ok(None)
}

/// A start not on the grid: inside a working window and otherwise free.
fn off_grid(
    e: &mut Engine<'_, '_, '_>,
    t: usize,
    d: NaiveDate,
    p: usize,
    start: i64,
    tally: &mut Tally,
) -> Result<Option<Placed>, CodedError> {
    if let Some(b) = e.date_blocker(t, d) {
        tally.add(b, 1);
        return Ok(None);
    }
    let day = e.clock.day(d)?;
    let end = start + e.m.treatments[t].duration;
    let (_, sec) = e.clock.local(start)?;
    let minute = u32::try_from(sec / 60).unwrap_or(0);
    for (a, b) in e.m.provider_windows(p, d) {
        if day.resolve(i64::from(a) * 60) <= start && end <= day.resolve(i64::from(b) * 60) {
            return Ok(e.check_point(t, d, &day, p, start, minute, Bound::ANY, tally));
        }
    }
    tally.add(Blocker::NoProviderHours, 1);
    Ok(None)
}

/// Moves one session of a plan, per `domain.md` §2.
///
/// The new start must lie inside the session's window (after the previous session, or the
/// consultation's age for session 0), after `now` plus the notice and within the horizon, and
/// some provider (the session's own first) with resources must be free then; otherwise the
/// answer is `accepted: false` with a [`Rejection`] as data and the plan unchanged. Then, by
/// scope: `this` moves only that session; `following` shifts every later session by the same
/// number of local days at the same wall-clock time (the same duration for `hours` intervals);
/// `repair` keeps each later session that still lies in its (new) window and moves the others
/// to the nearest date inside their window with a free start (the same provider and wall-clock
/// time first), cascading. The answer has the new windows of every later session, the booked
/// sessions outside their windows, and all violations of the resulting plan.
///
/// Errors: `INVALID_SESSION` at `$.session` (no such session), `INVALID_INSTANT` at
/// `$.newStart`, and the validation errors of the other operations.
///
/// ```
/// use medspa_schedule::{reschedule, RescheduleRequest};
/// use medspa_zoned::ChronoTz;
/// let week = ["mon","tue","wed","thu","fri"].map(|d| serde_json::json!({"day": d, "start": "09:00", "end": "17:00"}));
/// let request: RescheduleRequest = serde_json::from_value(serde_json::json!({
///     "clinic": {
///         "location": {"zone": "America/Los_Angeles", "hours": week},
///         "catalog": {"treatments": [{"id": "ipl", "durationMinutes": 60,
///             "series": {"sessions": 3, "intervals": [{"min": 28, "max": 42}]}}]},
///         "providers": [{"id": "di", "hours": week}]
///     },
///     "treatmentId": "ipl", "now": "2025-01-01T00:00Z", "scope": "following",
///     "plan": {"sessions": [
///         {"start": "2025-02-03T10:00-08:00", "providerId": "di"},
///         {"start": "2025-03-03T10:00-08:00", "providerId": "di"},
///         {"start": "2025-03-31T10:00-07:00", "providerId": "di"}]},
///     "session": 1, "newStart": "2025-03-10T10:00-07:00"
/// })).unwrap();
/// let answer = reschedule(&ChronoTz, &request).unwrap();
/// assert!(answer.accepted);
/// // Shifted by 7 local days, still 10:00 wall-clock time.
/// assert_eq!(answer.plan.sessions[2].start, "2025-04-07T10:00-07:00");
/// ```
pub fn reschedule(
    zones: &dyn ZoneSource,
    request: &RescheduleRequest,
) -> Result<RescheduleResponse, CodedError> {
    let clinic = one_shot(request.clinic.as_ref())?;
    move_session(zones, Source::OneShot(clinic), request)
}

/// [`reschedule`] on a [`PreparedClinic`]: the request has no `clinic` (`CLINIC_GIVEN_TWICE` at
/// `$.clinic` when it has one); the answer is the one [`reschedule`] gives with that clinic.
pub fn reschedule_in(
    zones: &dyn ZoneSource,
    clinic: &PreparedClinic,
    request: &RescheduleRequest,
) -> Result<RescheduleResponse, CodedError> {
    prepared_only(request.clinic.as_ref())?;
    move_session(zones, Source::Prepared(&clinic.compiled), request)
}

fn move_session(
    zones: &dyn ZoneSource,
    source: Source<'_>,
    request: &RescheduleRequest,
) -> Result<RescheduleResponse, CodedError> {
    let new_start = instant(&request.new_start, "$.newStart")?;
    let mut slot = None;
    let (ctx, clock, now) = plan_context(
        zones,
        source,
        &mut slot,
        &request.client,
        &request.treatment_id,
        &request.plan,
        &request.now,
        Some(new_start),
    )?;
    let PlanCtx { model, t } = ctx;
    let mut p = prefs(&model, &request.preferences)?;
    // The front desk picks the new time: the client's filters apply only to re-planned sessions.
    let keep = (p.weekdays, std::mem::take(&mut p.times));
    p.weekdays = 0x7f;
    p.earliest = None;
    let mut e = Engine::new(&model, clock, now, p)?;
    let (consult, mut sessions) = resolve_plan(&e, t, &request.plan)?;
    let idx = request.session as usize;
    if idx >= sessions.len() {
        return Err(err(
            INVALID_SESSION,
            "$.session",
            "the plan has no session with this index",
        ));
    }
    let series = &model.treatments[t].series;
    let window_of = |e: &Engine<'_, '_, '_>, sessions: &[BookingM], k: usize| -> WinM {
        if k == 0 {
            first_window(e, t, consultation_for(e, t, consult.as_ref(), None))
        } else {
            let prev = &sessions[k - 1].placed;
            interval_window(e, series, k, prev.start, prev.date)
        }
    };
    let (new_date, _) = e.clock.local(new_start)?;
    let w = window_of(&e, &sessions, idx);
    let reject = |e: &Engine<'_, '_, '_>,
                  code,
                  tally: &Tally,
                  sessions: &[BookingM]|
     -> Result<RescheduleResponse, CodedError> {
        let plan = out_plan(e, consult.as_ref(), sessions);
        Ok(RescheduleResponse {
            accepted: false,
            rejection: Some(Rejection {
                code,
                window: window_out(
                    e,
                    SessionKind::Session,
                    idx,
                    &w,
                    Some(&sessions[idx].placed),
                ),
                blockers: tally.counts(),
            }),
            plan,
            changes: Vec::new(),
            windows: Vec::new(),
            out_of_window: Vec::new(),
            violations: Vec::new(),
        })
    };
    let none = Tally::default();
    if !w.contains(new_start, new_date) {
        return reject(&e, RejectionCode::OutsideWindow, &none, &sessions);
    }
    if new_start < now + model.notice {
        return reject(&e, RejectionCode::TooShortNotice, &none, &sessions);
    }
    if new_date > e.horizon {
        return reject(&e, RejectionCode::OutsideHorizon, &none, &sessions);
    }
    let others = |sessions: &[BookingM], skip: usize| -> Vec<Placed> {
        consult
            .iter()
            .map(|c| c.placed.clone())
            .chain(
                sessions
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| *k != skip)
                    .map(|(_, s)| s.placed.clone()),
            )
            .collect()
    };
    e.placed = others(&sessions, idx);
    // The session's own washouts are with other sessions of the series only through `placed`.
    let mut tally = Tally::default();
    let own = sessions[idx].placed.provider;
    let Some(moved) = place_at(&mut e, t, new_start, own, &mut tally)? else {
        return reject(&e, RejectionCode::Unavailable, &tally, &sessions);
    };
    let mut changes = vec![SessionChange {
        session: request.session,
        change: ChangeKind::Moved,
        from: e.clock.format(sessions[idx].placed.start),
        to: e.clock.format(moved.start),
    }];
    let old = sessions[idx].placed.clone();
    sessions[idx].placed = moved;

    match request.scope {
        RescheduleScope::This => {}
        RescheduleScope::Following => {
            let delta_days = day_number(new_date) - day_number(old.date);
            let delta_secs = new_start - old.start;
            #[allow(
                clippy::needless_range_loop,
                reason = "each step reads the previous session, which it may have moved"
            )]
            for k in idx + 1..sessions.len() {
                let s = &sessions[k].placed;
                let start = if series.unit == IntervalUnit::Hours {
                    s.start + delta_secs
                } else {
                    let (_, sec) = e.clock.local(s.start)?;
                    let d = add_days(s.date, delta_days);
                    e.clock.day(d)?.resolve(sec)
                };
                let (date, sec) = e.clock.local(start)?;
                let tm = &model.treatments[t];
                let from = e.clock.format(s.start);
                let shifted = Placed {
                    start,
                    end: start + tm.duration,
                    padded: (start - tm.before, start + tm.duration + tm.after),
                    date,
                    minute: u32::try_from(sec / 60).unwrap_or(0),
                    ..s.clone()
                };
                changes.push(SessionChange {
                    session: u32::try_from(k).unwrap_or(u32::MAX),
                    change: ChangeKind::Shifted,
                    from,
                    to: e.clock.format(start),
                });
                sessions[k].placed = shifted;
            }
        }
        RescheduleScope::Repair => {
            e.weekdays = if keep.0 == 0 { 0x7f } else { keep.0 };
            e.times = keep.1;
            for k in idx + 1..sessions.len() {
                let w = window_of(&e, &sessions, k);
                let cur = sessions[k].placed.clone();
                if w.contains(cur.start, cur.date) {
                    continue;
                }
                e.placed = others(&sessions, k);
                let prev_end = sessions[k - 1].placed.end;
                let found = nearest(&mut e, t, &w, &cur, prev_end)?;
                match found {
                    Some(c) => {
                        changes.push(SessionChange {
                            session: u32::try_from(k).unwrap_or(u32::MAX),
                            change: ChangeKind::Replanned,
                            from: e.clock.format(cur.start),
                            to: e.clock.format(c.start),
                        });
                        sessions[k].placed = c;
                    }
                    None => changes.push(SessionChange {
                        session: u32::try_from(k).unwrap_or(u32::MAX),
                        change: ChangeKind::Unplaceable,
                        from: e.clock.format(cur.start),
                        to: e.clock.format(cur.start),
                    }),
                }
            }
        }
    }
    e.placed.clear();
    let booked: Vec<Option<&Placed>> = sessions.iter().map(|s| Some(&s.placed)).collect();
    let wins = chain_windows(&e, t, consult.as_ref(), &booked);
    let windows: Vec<Window> = wins
        .iter()
        .enumerate()
        .skip(idx + 1)
        .map(|(k, w)| window_out(&e, SessionKind::Session, k, w, booked[k]))
        .collect();
    let out_of_window = windows
        .iter()
        .filter(|w| w.violated)
        .map(|w| w.session)
        .collect();
    let violations = check_plan(&mut e, t, consult.as_ref(), &sessions, false)?;
    Ok(RescheduleResponse {
        accepted: true,
        rejection: None,
        plan: out_plan(&e, consult.as_ref(), &sessions),
        changes,
        windows,
        out_of_window,
        violations,
    })
}

/// The free start nearest to `cur`'s date inside `w`: dates by distance, then the same provider
/// and wall-clock time first, then the earliest start.
fn nearest(
    e: &mut Engine<'_, '_, '_>,
    t: usize,
    w: &WinM,
    cur: &Placed,
    prev_end: i64,
) -> Result<Option<Placed>, CodedError> {
    let lo = w.lo_date.max(e.earliest_date);
    let hi = w.hi_date.unwrap_or(e.horizon).min(e.horizon);
    if lo > hi {
        return Ok(None);
    }
    let mut dates: Vec<NaiveDate> = Vec::new();
    let mut d = lo;
    while d <= hi {
        dates.push(d);
        d = match d.succ_opt() {
            Some(n) => n,
            None => break,
        };
    }
    let target = day_number(cur.date);
    dates.sort_by_key(|d| ((day_number(*d) - target).abs(), day_number(*d)));
    let providers = e.qualified(t);
    let mut bound = w.bound();
    bound.lo = bound.lo.max(prev_end);
    let mut tally = Tally::default();
    let mut cands = Vec::new();
    for d in dates {
        cands.clear();
        e.day_candidates(t, d, &providers, bound, &mut tally, &mut cands)?;
        let rank = &e.rank;
        if let Some(best) = cands.iter().min_by_key(|c| {
            (
                c.provider != cur.provider,
                c.minute != cur.minute,
                c.start,
                rank[c.provider],
            )
        }) {
            return Ok(Some(best.clone()));
        }
        if e.checks > MAX_SEARCH_CHECKS {
            break;
        }
    }
    Ok(None)
}

fn out_plan(e: &Engine<'_, '_, '_>, consult: Option<&BookingM>, sessions: &[BookingM]) -> Plan {
    let with_id = |b: &BookingM| Booking {
        appointment_id: b.appointment_id.clone(),
        ..e.booking(&b.placed)
    };
    Plan {
        consultation: consult.map(with_id),
        sessions: sessions.iter().map(with_id).collect(),
    }
}
