//! The operations: validate a rule set, check one appointment, check a day for the front desk.

use crate::client::{Client, ConsentAppointment};
use crate::clock::{date_at, instant_at, Instant, ZoneMemo};
use crate::codes::*;
use crate::compile::{compile, Compiled};
use crate::evaluate::Context;
use crate::limits::*;
use crate::prepare::{prepare_appointment, prepare_client, too_many, Buffers, PreparedClient};
use crate::report::*;
use crate::rules::RuleSet;
use chrono::NaiveDate;
use medspa_errors::CodedError;
use medspa_zoned::ZoneSource;
use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Every problem in a rule set, for a rules editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RulesValidation {
    /// `true` when `problems` is empty.
    pub valid: bool,
    /// Each problem with its code and a JSON path into the rule set.
    pub problems: Vec<RuleProblem>,
}

/// One problem in a rule set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RuleProblem {
    /// Stable code, such as `UNKNOWN_FORM` or `DEPENDENCY_CYCLE`.
    pub code: String,
    /// JSON path into the rule set, such as `$.requirements[2].form`.
    pub path: String,
    /// Plain-language explanation; never quotes the rule set.
    pub message: String,
}

/// Checks a rule set and lists every problem (an answer, not an error: a rules editor shows
/// them all at once).
///
/// ```
/// use medspa_consent::{validate_rules, RuleSet};
/// let rules: RuleSet = serde_json::from_value(serde_json::json!({
///     "forms": [{"id": "intake", "kind": "medical_history", "version": "2"}],
///     "treatments": [{"id": "peel", "categories": ["peel"]}],
///     "requirements": [
///         {"id": "a", "form": "intake", "validity": {"policy": "once"}, "dependsOn": ["b"]},
///         {"id": "b", "form": "consent", "validity": {"policy": "once"}}
///     ]
/// })).unwrap();
/// let report = validate_rules(&rules);
/// assert!(!report.valid);
/// assert_eq!(report.problems[0].code, "UNKNOWN_FORM");
/// assert_eq!(report.problems[0].path, "$.requirements[1].form");
/// ```
pub fn validate_rules(rules: &RuleSet) -> RulesValidation {
    let problems: Vec<RuleProblem> = match compile(rules) {
        Ok(_) => Vec::new(),
        Err(errors) => errors
            .into_iter()
            .map(|e| RuleProblem {
                code: e.code.to_owned(),
                path: e.path,
                message: e.message,
            })
            .collect(),
    };
    RulesValidation {
        valid: problems.is_empty(),
        problems,
    }
}

/// Compiles the rules of a request, reporting the first problem under `$.rules`.
pub(crate) fn compile_rules(rules: &RuleSet) -> Result<Compiled<'_>, CodedError> {
    compile(rules).map_err(|mut problems| problems.swap_remove(0).under("$.rules"))
}

/// One appointment to check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CheckAppointmentRequest {
    /// The clinic's rules.
    pub rules: RuleSet,
    /// The appointment.
    pub appointment: ConsentAppointment,
    /// Its client, with records and reviews.
    pub client: Client,
    /// The current instant (ISO 8601 with offset); the core never reads a clock.
    #[cfg_attr(feature = "ts", tsify(type = "string | Date"))]
    pub now: String,
}

/// Checks one appointment: `ready`, `incomplete` or `blocked`, with a finding per requirement.
///
/// Errors (`Err`) are caller mistakes only, with a path into the request: an unknown form id in
/// a record (`UNKNOWN_FORM` at `$.client.records[i].form`), a rule set problem (under
/// `$.rules`), a malformed date or version, an unknown zone.
///
/// ```
/// use medspa_consent::{check_appointment, AppointmentStatus, CheckAppointmentRequest, FindingCode};
/// use medspa_zoned::ChronoTz;
/// let request: CheckAppointmentRequest = serde_json::from_value(serde_json::json!({
///     "rules": {
///         "forms": [{"id": "tox-consent", "kind": "informed_consent", "version": "3"}],
///         "treatments": [{"id": "neurotoxin", "categories": ["injectable"]}],
///         "requirements": [{
///             "id": "tox-consent", "form": "tox-consent", "appliesTo": {"categories": ["injectable"]},
///             "validity": {"policy": "every_n_months", "months": 12}, "minVersion": "3",
///             "dueHoursBefore": 24
///         }]
///     },
///     "appointment": {"id": "a1", "clientId": "c1", "start": "2025-06-10T15:00Z",
///                     "zone": "America/New_York", "treatments": ["neurotoxin"]},
///     "client": {"id": "c1", "records": [
///         {"form": "tox-consent", "version": "2", "status": "signed", "signedAt": "2025-01-02T10:00-05:00"}
///     ]},
///     "now": "2025-06-01T12:00Z"
/// })).unwrap();
/// let check = check_appointment(&ChronoTz, &request).unwrap();
/// assert_eq!(check.status, AppointmentStatus::Incomplete);
/// assert_eq!(check.findings[0].code, Some(FindingCode::OutdatedVersion));
/// assert_eq!(&*check.findings[0].deadline, "2025-06-09T11:00-04:00");
/// ```
pub fn check_appointment(
    zones: &dyn ZoneSource,
    request: &CheckAppointmentRequest,
) -> Result<AppointmentCheck, CodedError> {
    let rules = compile_rules(&request.rules)?;
    let now = instant_at(&request.now, "$.now")?;
    let mut buffers = Buffers::default();
    let client =
        prepare_client(&rules, &request.client, &mut buffers).map_err(|e| e.under("$.client"))?;
    let memo = ZoneMemo::new(zones, &request.appointment.zone);
    check_prepared(
        &memo,
        &rules,
        &client,
        &request.appointment,
        None,
        now,
        &mut buffers,
    )
    .map_err(|e| e.under("$.appointment"))
}

/// Checks `appointment` for an already prepared client; paths are rooted at the appointment,
/// except zone errors from deadline arithmetic, which belong to its `zone`. `memo` must be
/// the appointment's zone's.
pub(crate) fn check_prepared<'r>(
    memo: &ZoneMemo<'_>,
    rules: &Compiled<'r>,
    client: &PreparedClient<'r>,
    appointment: &'r ConsentAppointment,
    when: Option<(Instant, NaiveDate)>,
    now: Instant,
    buffers: &mut Buffers<'r>,
) -> Result<AppointmentCheck, CodedError> {
    if appointment.client_id != client.client.id {
        return Err(CodedError::new(
            UNKNOWN_CLIENT,
            "$.clientId",
            "the appointment names a different client than the one given",
        ));
    }
    let treatments = std::mem::take(&mut buffers.treatments);
    let prepared = prepare_appointment(rules, memo.zones(), appointment, when, treatments)?;
    let check = Context {
        rules,
        client,
        appointment: &prepared,
        memo,
        now,
    }
    .check(buffers)
    .map_err(|e| e.under("$.zone"));
    buffers.treatments = prepared.treatments;
    check
}

/// Every appointment of a date range across locations, for the front desk's sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CheckDayRequest {
    /// The clinic group's rules.
    pub rules: RuleSet,
    /// The clients the appointments name.
    pub clients: Vec<Client>,
    /// Appointments; those whose local date (in their own zone) falls outside `from`..=`to`
    /// are left out.
    pub appointments: Vec<ConsentAppointment>,
    /// First local date, `YYYY-MM-DD`.
    pub from: String,
    /// Last local date, inclusive; at most [`MAX_RANGE_DAYS`] days after `from`.
    pub to: String,
    /// The current instant (ISO 8601 with offset, or a `Date` from JS).
    #[cfg_attr(feature = "ts", tsify(type = "string | Date"))]
    pub now: String,
}

/// The day sheet: blocked first, then incomplete, then ready; within each by start, then id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct DayReport {
    /// Every appointment in the range, sorted.
    pub appointments: Vec<AppointmentCheck>,
    /// How many appointments have each status.
    pub status_counts: StatusCounts,
    /// How many findings carry each code (`NEEDS_REVIEW` counts appointments), by code.
    pub code_counts: Vec<CodeCount>,
    /// Status counts per location (appointments without a location under `null`).
    pub locations: Vec<LocationCounts>,
    /// The appointments clinical staff must review before the day: overdue first, then by start.
    pub review_list: Vec<ReviewItem>,
}

/// Appointments per status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct StatusCounts {
    /// Blocked.
    pub blocked: u32,
    /// Incomplete.
    pub incomplete: u32,
    /// Ready.
    pub ready: u32,
}

impl StatusCounts {
    fn add(&mut self, status: AppointmentStatus) {
        match status {
            AppointmentStatus::Blocked => self.blocked += 1,
            AppointmentStatus::Incomplete => self.incomplete += 1,
            AppointmentStatus::Ready => self.ready += 1,
        }
    }
}

/// Findings with one code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CodeCount {
    /// The code.
    pub code: FindingCode,
    /// How many findings carry it.
    pub count: u32,
}

/// Status counts of one location.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LocationCounts {
    /// The location's id.
    #[cfg_attr(feature = "ts", tsify(type = "string | null"))]
    pub location_id: Option<String>,
    /// Its counts.
    pub counts: StatusCounts,
}

/// An appointment clinical staff must look at before its day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ReviewItem {
    /// The appointment's id.
    pub appointment_id: String,
    /// The client's id.
    pub client_id: String,
    /// The location's id.
    #[cfg_attr(feature = "ts", tsify(type = "string | null"))]
    pub location_id: Option<Arc<String>>,
    /// The appointment's start.
    pub start: Arc<String>,
    /// When the review is due.
    pub deadline: Arc<String>,
    /// `blocking` once the deadline has passed.
    pub state: FindingState,
    /// The triggers set off.
    pub triggers: Vec<TriggeredReview>,
}

/// Checks every appointment of a date range and sorts them for the front desk.
///
/// ```
/// use medspa_consent::{check_day, CheckDayRequest};
/// use medspa_zoned::ChronoTz;
/// let request: CheckDayRequest = serde_json::from_value(serde_json::json!({
///     "rules": {
///         "forms": [{"id": "intake", "kind": "medical_history", "version": "1"}],
///         "treatments": [{"id": "facial"}],
///         "requirements": [{"id": "intake", "form": "intake", "validity": {"policy": "once"},
///                           "signature": "none"}]
///     },
///     "clients": [
///         {"id": "c1", "records": [{"form": "intake", "version": "1", "status": "completed",
///                                   "completedAt": "2025-05-01T10:00Z"}]},
///         {"id": "c2"}
///     ],
///     "appointments": [
///         {"id": "a1", "clientId": "c1", "start": "2025-06-10T14:00Z", "zone": "Europe/London", "treatments": ["facial"]},
///         {"id": "a2", "clientId": "c2", "start": "2025-06-10T15:00Z", "zone": "Europe/London", "treatments": ["facial"]},
///         {"id": "a3", "clientId": "c2", "start": "2025-06-11T15:00Z", "zone": "Europe/London", "treatments": ["facial"]}
///     ],
///     "from": "2025-06-10", "to": "2025-06-10", "now": "2025-06-10T08:00Z"
/// })).unwrap();
/// let day = check_day(&ChronoTz, &request).unwrap();
/// let order: Vec<_> = day.appointments.iter().map(|a| a.appointment_id.as_str()).collect();
/// assert_eq!(order, ["a2", "a1"]); // incomplete before ready; a3 is another day
/// assert_eq!((day.status_counts.incomplete, day.status_counts.ready), (1, 1));
/// ```
pub fn check_day(
    zones: &dyn ZoneSource,
    request: &CheckDayRequest,
) -> Result<DayReport, CodedError> {
    if request.appointments.len() > MAX_APPOINTMENTS {
        return Err(too_many("$.appointments", MAX_APPOINTMENTS));
    }
    if request.clients.len() > MAX_CLIENTS {
        return Err(too_many("$.clients", MAX_CLIENTS));
    }
    let rules = compile_rules(&request.rules)?;
    let now = instant_at(&request.now, "$.now")?;
    let from = date_at(&request.from, "$.from")?;
    let to = date_at(&request.to, "$.to")?;
    let span = (to - from).num_days();
    if !(0..MAX_RANGE_DAYS).contains(&span) {
        return Err(CodedError::new(
            INVALID_RANGE,
            "$.to",
            format!("`to` must be on or after `from` and within {MAX_RANGE_DAYS} days of it"),
        ));
    }
    let mut client_index =
        HashMap::with_capacity_and_hasher(request.clients.len(), Default::default());
    for (k, client) in request.clients.iter().enumerate() {
        if client_index.insert(client.id.as_str(), k).is_some() {
            return Err(CodedError::new(
                DUPLICATE_ID,
                format!("$.clients[{k}].id"),
                "an earlier client has the same id",
            ));
        }
    }
    // Clients are prepared once, on their first appointment in range, and let go after their
    // last one: most clients have one appointment a day, and the next client's preparation
    // then reuses memory that is still in cache.
    let mut buffers = Buffers::default();
    let mut prepared: Vec<Option<PreparedClient<'_>>> = Vec::new();
    prepared.resize_with(request.clients.len(), || None);
    let client_of: Vec<Option<usize>> = request
        .appointments
        .iter()
        .map(|appointment| client_index.get(appointment.client_id.as_str()).copied())
        .collect();
    // Each client's last appointment in the request, in range or not.
    let mut last_of = vec![0; request.clients.len()];
    for (i, &k) in client_of.iter().enumerate() {
        if let Some(k) = k {
            last_of[k] = i;
        }
    }

    // Deadlines and expiry midnights recur across a day's appointments: one memo per zone.
    let mut zone_index: HashMap<&str, usize> = HashMap::default();
    let mut memos: Vec<ZoneMemo<'_>> = Vec::new();
    let mut checks: Vec<AppointmentCheck> = Vec::with_capacity(request.appointments.len());
    // (status, start, id, position in `checks`): the sheet's order.
    let mut order: Vec<(AppointmentStatus, Instant, &str, usize)> =
        Vec::with_capacity(request.appointments.len());
    let mut tally = Tally::default();
    for (i, appointment) in request.appointments.iter().enumerate() {
        let at_appointment = |e: CodedError| e.under(&format!("$.appointments[{i}]"));
        let start = instant_at(&appointment.start, "$.start").map_err(at_appointment)?;
        let zone = appointment.zone.as_str();
        let z = *zone_index.entry(zone).or_insert_with(|| {
            memos.push(ZoneMemo::new(zones, zone));
            memos.len() - 1
        });
        let memo = &memos[z];
        let date = memo
            .clock()
            .date_of(start)
            .map_err(|e| at_appointment(e.under("$.zone")))?;
        if date < from || date > to {
            release_after(i, &client_of, &last_of, &mut prepared, &mut buffers);
            continue;
        }
        let Some(k) = client_of[i] else {
            return Err(at_appointment(CodedError::new(
                UNKNOWN_CLIENT,
                "$.clientId",
                "no client in `clients` has this id",
            )));
        };
        if prepared[k].is_none() {
            let client = prepare_client(&rules, &request.clients[k], &mut buffers)
                .map_err(|e| e.under(&format!("$.clients[{k}]")))?;
            prepared[k] = Some(client);
        }
        let Some(client) = &prepared[k] else { continue };
        let when = Some((start, date));
        let check = check_prepared(memo, &rules, client, appointment, when, now, &mut buffers)
            .map_err(at_appointment)?;
        release_after(i, &client_of, &last_of, &mut prepared, &mut buffers);
        let key = (check.status, start, appointment.id.as_str(), checks.len());
        tally.add(&check, appointment, key);
        order.push(key);
        checks.push(check);
    }
    // Checks are large and their keys small: the keys are sorted (positions settle ties, as
    // they would for a stable sort of the checks, so every key differs and an unstable sort
    // gives the same order, 4% faster) and the checks then put in place.
    order.sort_unstable();
    let mut sources: Vec<usize> = order.iter().map(|&(.., k)| k).collect();
    permute(&mut checks, &mut sources);
    Ok(tally.report(checks))
}

/// Lets go of the client of appointment `i` if it is that client's last, handing its lists on.
fn release_after<'r>(
    i: usize,
    client_of: &[Option<usize>],
    last_of: &[usize],
    prepared: &mut [Option<PreparedClient<'r>>],
    buffers: &mut Buffers<'r>,
) {
    let Some(k) = client_of.get(i).copied().flatten() else {
        return;
    };
    if last_of.get(k) == Some(&i) {
        if let Some(done) = prepared.get_mut(k).and_then(Option::take) {
            done.recycle(buffers);
        }
    }
}

/// Rearranges `items` in place so that position `i` holds what was at `sources[i]` (a
/// permutation), moving each item once along the cycles of the permutation rather than
/// building a second day-sized list. `sources` is used up: every entry ends pointing at itself.
fn permute<T>(items: &mut [T], sources: &mut [usize]) {
    for start in 0..sources.len() {
        let mut at = start;
        loop {
            let from = std::mem::replace(&mut sources[at], at);
            if from == start || from == at {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// The day's counts and review list, gathered as each check is made, while its findings are
/// still in cache, rather than in a second pass over tens of thousands of findings.
#[derive(Default)]
struct Tally<'r> {
    status_counts: StatusCounts,
    /// Sorted by code, with at most one entry per code: a binary search of a few entries
    /// beats a map lookup per finding.
    codes: Vec<(FindingCode, u32)>,
    locations: BTreeMap<Option<&'r str>, StatusCounts>,
    /// Each review with its place on the list: (state, start), then the sheet's order.
    reviews: Vec<(ReviewKey<'r>, ReviewItem)>,
}

/// (state, start, status, id, position): overdue reviews first, then by the appointment's
/// start, which orders the deadlines too; ties as on the sheet, whose order is (status, start,
/// id, position).
type ReviewKey<'r> = (FindingState, Instant, AppointmentStatus, &'r str, usize);

impl<'r> Tally<'r> {
    fn add(
        &mut self,
        check: &AppointmentCheck,
        appointment: &'r ConsentAppointment,
        (status, start, id, position): (AppointmentStatus, Instant, &'r str, usize),
    ) {
        self.status_counts.add(status);
        self.locations
            .entry(appointment.location_id.as_deref())
            .or_default()
            .add(status);
        for finding in &check.findings {
            let Some(code) = finding.code else { continue };
            match self.codes.binary_search_by_key(&code, |&(c, _)| c) {
                Ok(at) => self.codes[at].1 += 1,
                Err(at) => self.codes.insert(at, (code, 1)),
            }
            if code == FindingCode::NeedsReview {
                self.reviews.push((
                    (finding.state, start, status, id, position),
                    ReviewItem {
                        appointment_id: check.appointment_id.clone(),
                        client_id: check.client_id.clone(),
                        location_id: check.location_id.clone(),
                        start: check.start.clone(),
                        deadline: finding.deadline.clone(),
                        state: finding.state,
                        triggers: finding.triggers.to_vec(),
                    },
                ));
            }
        }
    }

    /// The report, with `appointments` already in the sheet's order.
    fn report(mut self, appointments: Vec<AppointmentCheck>) -> DayReport {
        self.reviews.sort_by_key(|(key, _)| *key);
        DayReport {
            appointments,
            status_counts: self.status_counts,
            code_counts: self
                .codes
                .into_iter()
                .map(|(code, count)| CodeCount { code, count })
                .collect(),
            locations: self
                .locations
                .into_iter()
                .map(|(id, counts)| LocationCounts {
                    location_id: id.map(str::to_owned),
                    counts,
                })
                .collect(),
            review_list: self.reviews.into_iter().map(|(_, item)| item).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::permute;

    #[test]
    fn permute_moves_each_item_to_its_place() {
        for sources in [
            vec![],
            vec![0],
            vec![2, 0, 1],
            vec![1, 0, 3, 2, 4],
            vec![4, 3, 2, 1, 0],
        ] {
            let mut items: Vec<usize> = (0..sources.len()).map(|i| i * 10).collect();
            let expected: Vec<usize> = sources.iter().map(|&s| s * 10).collect();
            let mut order = sources.clone();
            permute(&mut items, &mut order);
            assert_eq!(items, expected, "{sources:?}");
        }
    }
}
