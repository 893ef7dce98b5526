//! The messages to schedule after a treatment: aftercare at checkout, check-ins, a rebooking
//! prompt before the next session's window opens, reminders for the rest of the series; each in
//! the recipient's allowed hours, on a channel the client allows, with a stable id. Given the
//! previous plan, it also says which planned messages to cancel and which to create.

use crate::cache::{CachedZones, ZoneClock};
use crate::check::{by_treatment, check_protocols, first_error};
use crate::codes::*;
use crate::hours::{
    compile_windows, next_allowed, time_out_of_range, CompiledRules, HoursWindow, SendRules, Week,
};
use crate::id::{message_id, IdHasher};
use crate::intern::{field, Interned};
use crate::limits::*;
use crate::protocol::*;
use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta, Timelike, Utc};
use medspa_errors::CodedError;
use medspa_zoned::{parse_instant, ZoneSource};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// One appointment's follow-up to plan (or replan).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FollowupPlanRequest {
    /// The appointment (its current state: rescheduled times, or `cancelled`).
    pub appointment: FollowupAppointment,
    /// The clinic's protocols; every treatment of the appointment needs one.
    pub protocols: Vec<Protocol>,
    /// The appointment's client.
    pub client: FollowupClient,
    /// The clinic's allowed hours and state-table updates.
    #[serde(default)]
    pub rules: SendRules,
    /// The current instant, ISO 8601 with offset.
    #[cfg_attr(feature = "ts", tsify(type = "string | Date"))]
    pub now: String,
    /// The messages planned before (for a replan): the answer then says what to cancel.
    #[serde(default)]
    pub previous: Vec<PreviousMessage>,
}

/// An appointment whose follow-up is planned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FollowupAppointment {
    /// Stable id, part of every planned message's id.
    pub id: Arc<str>,
    /// The client's id; must be the request's client.
    pub client_id: String,
    /// Start, ISO 8601 with offset.
    #[cfg_attr(feature = "ts", tsify(type = "string | Date"))]
    pub start: String,
    /// End (checkout), ISO 8601 with offset; not before `start`.
    #[cfg_attr(feature = "ts", tsify(type = "string | Date"))]
    pub end: String,
    /// The clinic's IANA zone.
    pub zone: String,
    /// The location, passed to templates as `location.id`.
    #[serde(default)]
    pub location_id: Option<Arc<str>>,
    /// Treatment ids; each needs a protocol.
    pub treatments: Vec<String>,
    /// Which session of its series each treatment is (1 when not listed).
    #[serde(default)]
    pub series_sessions: Vec<SeriesSession>,
    /// Where the appointment stands; `completed` when omitted.
    #[serde(default)]
    pub status: VisitStatus,
}

/// "This appointment is session `session` of the treatment's series."
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeriesSession {
    /// A treatment of the appointment.
    pub treatment_id: String,
    /// 1-based session number.
    pub session: u32,
}

/// Where an appointment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum VisitStatus {
    /// Done: the usual case, planning at checkout.
    #[default]
    Completed,
    /// Booked, not yet held: follow-up is planned as if it ends as booked.
    Scheduled,
    /// Cancelled: nothing is planned, every future message of the previous plan is cancelled.
    Cancelled,
    /// The client did not come: as `cancelled`.
    NoShow,
}

/// What the plan needs to know about the client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FollowupClient {
    /// Stable id.
    pub id: String,
    /// The IANA zone messages are timed in; the appointment's zone when absent.
    #[serde(default)]
    pub zone: Option<String>,
    /// State of residence, for the state quiet-hours table.
    #[serde(default)]
    pub state: Option<String>,
    /// Channels the client opted out of: nothing is ever planned on them.
    #[serde(default)]
    pub opted_out: Vec<MessageChannel>,
    /// Channels the client accepts, in order of preference; every channel not opted out when
    /// empty. Also the fallback order for steps that list no fallbacks.
    #[serde(default)]
    pub allowed_channels: Vec<MessageChannel>,
    /// Prior consent to marketing messages.
    #[serde(default)]
    pub marketing_consent: bool,
    /// The client's own allowed hours; none when empty.
    #[serde(default)]
    pub allowed_hours: Vec<HoursWindow>,
}

/// A message of an earlier plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PreviousMessage {
    /// Its id.
    pub id: String,
    /// When it was to be sent; at or before `now` it counts as sent and is never cancelled.
    #[cfg_attr(feature = "ts", tsify(type = "string | Date"))]
    pub send_at: String,
}

/// The plan for one appointment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct FollowupPlan {
    /// The messages, by send time, then id.
    pub messages: Vec<PlannedMessage>,
    /// Steps that could not be planned, with the reason.
    pub unplanned: Vec<UnplannedStep>,
    /// Ids of previous messages to cancel: not in this plan, and not yet sent.
    pub cancel: Vec<Arc<str>>,
    /// Ids of this plan's messages that were not planned before.
    pub create: Vec<Arc<str>>,
    /// Ids of this plan's messages that were planned before, unchanged.
    pub keep: Vec<Arc<str>>,
    /// Template values every message of the plan shares: `appointment.date` and
    /// `appointment.time` (the recipient's local), and `location.id` when known. Never a
    /// treatment: templates must not need one.
    pub merge_fields: Vec<MergeField>,
}

// Texts and lists that many messages repeat (ids of the request, send times, dates, a step's
// sources, a session's fields) are `Arc`s shared by every message that has them, and the fixed
// merge-field names are borrowed: a day's plans then allocate little more than one id per
// message (see `intern`). The JSON is the same as with owned strings and vectors.

/// One message to schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlannedMessage {
    /// Stable id (`fu-` and 16 hex digits), derived from the appointment id, the protocol steps,
    /// the channel, the template and the send time: the same inputs always give the same id,
    /// and any change to what would be sent gives a new one.
    pub id: Arc<str>,
    /// The appointment it follows.
    pub appointment_id: Arc<str>,
    /// What it is for.
    pub kind: StepKind,
    /// Its class.
    pub class: MessageClass,
    /// The channel chosen (the step's, or a fallback).
    pub channel: MessageChannel,
    /// The template to render.
    pub template_id: Arc<str>,
    /// When to send, with the UTC offset of the recipient's zone.
    pub send_at: Arc<str>,
    /// When the protocol said, before quiet hours (recipient's offset).
    pub due_at: Arc<str>,
    /// Whether quiet hours moved it later.
    pub moved_for_quiet_hours: bool,
    /// Whether it was due before `now` (within the late grace) and is sent at `now` instead.
    pub late: bool,
    /// Whether the client's opt-outs moved it off the step's channel.
    pub channel_fallback: bool,
    /// For rebooking prompts and series reminders: the session it is about.
    #[serde(default)]
    pub session: Option<u32>,
    /// The protocol steps it carries out (several for a merged check-in), sorted.
    pub sources: Arc<[MessageSource]>,
    /// Template values of this message, besides the plan's shared ones: for rebooking prompts
    /// and series reminders `series.session`, `series.window_start` and `series.window_end`
    /// (local dates in the clinic's zone).
    pub merge_fields: Arc<[MergeField]>,
}

/// A protocol step behind a message.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MessageSource {
    /// The protocol.
    pub protocol_id: Arc<str>,
    /// The step.
    pub step_id: Arc<str>,
    /// The protocol's treatment (for the host; never put into the message by this crate).
    pub treatment_id: Arc<str>,
}

/// A template value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MergeField {
    /// The field, as written between the braces.
    pub name: Cow<'static, str>,
    /// Its value.
    pub value: Arc<str>,
}

/// A step that could not be planned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct UnplannedStep {
    /// The protocol.
    pub protocol_id: Arc<str>,
    /// The step.
    pub step_id: Arc<str>,
    /// The protocol's treatment.
    pub treatment_id: Arc<str>,
    /// What the step is for.
    pub kind: StepKind,
    /// For series steps, the session.
    pub session: Option<u32>,
    /// Why.
    pub reason: UnplannedReason,
}

/// Why a step was not planned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum UnplannedReason {
    /// The client opted out of the step's channel and of every fallback.
    ChannelOptedOut,
    /// A marketing step (or one that requires consent) for a client without prior consent.
    NoConsent,
    /// It was due more than [`LATE_GRACE_HOURS`] before `now`.
    Past,
    /// The recipient's allowed hours leave no time in a week.
    NoAllowedHours,
}

/// Plans the follow-up of one appointment; with `previous`, also the replan diff.
///
/// ```
/// use medspa_followup::{followup_plan, FollowupPlanRequest, StepKind};
/// use medspa_zoned::ChronoTz;
/// let request: FollowupPlanRequest = serde_json::from_value(serde_json::json!({
///     "appointment": {"id": "a1", "clientId": "c1", "start": "2025-06-10T17:00-04:00",
///                     "end": "2025-06-10T18:30-04:00", "zone": "America/New_York",
///                     "treatments": ["neurotoxin"]},
///     "protocols": [{"id": "tox", "treatmentId": "neurotoxin", "steps": [
///         {"id": "care", "kind": "aftercare", "offset": {"hours": 0}, "channel": "sms",
///          "templateId": "aftercare", "class": "healthcare"},
///         {"id": "48h", "kind": "check_in", "offset": {"hours": 48}, "channel": "sms",
///          "templateId": "checkin", "class": "healthcare"}]}],
///     "client": {"id": "c1", "zone": "America/Los_Angeles"},
///     "now": "2025-06-10T18:30-04:00"
/// })).unwrap();
/// let plan = followup_plan(&ChronoTz, &request).unwrap();
/// let times: Vec<_> = plan.messages.iter().map(|m| (m.kind, &*m.send_at)).collect();
/// // Checkout is 15:30 in Los Angeles: inside its hours, so nothing moves.
/// assert_eq!(times, [(StepKind::Aftercare, "2025-06-10T15:30-07:00"),
///                    (StepKind::CheckIn, "2025-06-12T15:30-07:00")]);
/// assert_eq!(plan.create.len(), 2);
/// ```
pub fn followup_plan(
    zones: &dyn ZoneSource,
    request: &FollowupPlanRequest,
) -> Result<FollowupPlan, CodedError> {
    let shared = Shared::new(&request.protocols, &request.rules, &request.now)?;
    let zones = CachedZones::new(zones);
    plan_one(
        &zones,
        &shared,
        &mut Interned::new(16, shared.steps),
        &mut Scratch::default(),
        &request.appointment,
        &request.client,
        &request.previous,
    )
}

/// A day of appointments planned against one set of protocols and rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FollowupDayRequest {
    /// The clinic's protocols (checked once for the whole day).
    pub protocols: Vec<Protocol>,
    /// The clinic's allowed hours and state-table updates.
    #[serde(default)]
    pub rules: SendRules,
    /// The current instant, ISO 8601 with offset.
    #[cfg_attr(feature = "ts", tsify(type = "string | Date"))]
    pub now: String,
    /// The appointments, each with its client (and previous plan, for a replan).
    pub items: Vec<DayItem>,
}

/// One appointment of a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DayItem {
    /// The appointment.
    pub appointment: FollowupAppointment,
    /// Its client.
    pub client: FollowupClient,
    /// Its previous plan's messages, for a replan.
    #[serde(default)]
    pub previous: Vec<PreviousMessage>,
}

/// The plans of a day, in the order of the request's items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct FollowupDay {
    /// One plan per item.
    pub plans: Vec<FollowupPlan>,
}

/// Plans many appointments at once: what [`followup_plan`] does for each item, with the
/// protocols checked and the rules compiled once. The first bad item is an error whose path
/// names it (`$.items[3].appointment.zone`).
///
/// ```
/// use medspa_followup::{followup_day, FollowupDayRequest};
/// use medspa_zoned::ChronoTz;
/// let item = |id: &str, end: &str| serde_json::json!({
///     "appointment": {"id": id, "clientId": "c1", "start": end, "end": end,
///                     "zone": "America/New_York", "treatments": ["facial"]},
///     "client": {"id": "c1"}});
/// let request: FollowupDayRequest = serde_json::from_value(serde_json::json!({
///     "protocols": [{"id": "facial", "treatmentId": "facial", "steps": [
///         {"id": "care", "kind": "aftercare", "offset": {"hours": 0}, "channel": "email",
///          "templateId": "aftercare", "class": "healthcare"}]}],
///     "now": "2025-06-10T12:00-04:00",
///     "items": [item("a1", "2025-06-10T12:00-04:00"), item("a2", "2025-06-10T22:00-04:00")]
/// })).unwrap();
/// let day = followup_day(&ChronoTz, &request).unwrap();
/// assert_eq!(&*day.plans[1].messages[0].send_at, "2025-06-11T08:00-04:00");
/// ```
pub fn followup_day(
    zones: &dyn ZoneSource,
    request: &FollowupDayRequest,
) -> Result<FollowupDay, CodedError> {
    if request.items.len() > MAX_DAY_ITEMS {
        return Err(too_many("$.items", MAX_DAY_ITEMS));
    }
    let shared = Shared::new(&request.protocols, &request.rules, &request.now)?;
    let zones = CachedZones::new(zones);
    // One memo for the whole day: most send times and dates recur across appointments.
    let mut interned = Interned::new(4 * request.items.len(), shared.steps);
    let mut scratch = Scratch::default();
    let mut plans = Vec::with_capacity(request.items.len());
    for (i, item) in request.items.iter().enumerate() {
        let plan = plan_one(
            &zones,
            &shared,
            &mut interned,
            &mut scratch,
            &item.appointment,
            &item.client,
            &item.previous,
        )
        .map_err(|e| e.under(&format!("$.items[{i}]")))?;
        plans.push(plan);
    }
    Ok(FollowupDay { plans })
}

/// What every appointment of a request shares: checked protocols, compiled rules, `now`.
struct Shared<'r> {
    protocols: &'r [Protocol],
    index: HashMap<&'r str, usize>,
    /// The index of each protocol's first step among all steps, and their number.
    first_step: Vec<usize>,
    steps: usize,
    rules: CompiledRules,
    now: DateTime<Utc>,
}

impl<'r> Shared<'r> {
    fn new(protocols: &'r [Protocol], rules: &SendRules, now: &str) -> Result<Self, CodedError> {
        let problems = check_protocols(protocols, "$.protocols");
        // A marketing step without `requiresConsent` is still held to consent here, so it does
        // not block planning (validate_protocols reports it).
        let blocking: Vec<_> = problems
            .into_iter()
            .filter(|p| p.code != MARKETING_WITHOUT_CONSENT)
            .collect();
        if let Some(err) = first_error(&blocking) {
            return Err(err);
        }
        let mut first_step = Vec::with_capacity(protocols.len());
        let mut steps = 0;
        for protocol in protocols {
            first_step.push(steps);
            steps += protocol.steps.len();
        }
        Ok(Shared {
            protocols,
            index: by_treatment(protocols),
            first_step,
            steps,
            rules: CompiledRules::new(rules, "$.rules")?,
            now: instant_at(now, "$.now")?,
        })
    }
}

/// Plans one appointment; paths are rooted at the item (`$.appointment`, `$.client`, `$.previous`).
fn plan_one<'r>(
    zones: &CachedZones<'_>,
    shared: &Shared<'r>,
    interned: &mut Interned,
    scratch: &mut Scratch<'r>,
    appointment: &FollowupAppointment,
    client: &FollowupClient,
    previous_messages: &[PreviousMessage],
) -> Result<FollowupPlan, CodedError> {
    let now = shared.now;
    let rules = &shared.rules;
    if appointment.treatments.len() > MAX_APPOINTMENT_TREATMENTS {
        return Err(too_many(
            "$.appointment.treatments",
            MAX_APPOINTMENT_TREATMENTS,
        ));
    }
    if appointment.series_sessions.len() > MAX_APPOINTMENT_TREATMENTS {
        return Err(too_many(
            "$.appointment.seriesSessions",
            MAX_APPOINTMENT_TREATMENTS,
        ));
    }
    if previous_messages.len() > MAX_PREVIOUS {
        return Err(too_many("$.previous", MAX_PREVIOUS));
    }
    for (list, path) in [
        (&client.opted_out, "$.client.optedOut"),
        (&client.allowed_channels, "$.client.allowedChannels"),
    ] {
        if list.len() > MAX_CHANNELS {
            return Err(too_many(path, MAX_CHANNELS));
        }
    }
    if client.id != appointment.client_id {
        return Err(CodedError::new(
            UNKNOWN_CLIENT,
            "$.appointment.clientId",
            "the appointment belongs to another client than the request's",
        ));
    }
    let start = instant_at(&appointment.start, "$.appointment.start")?;
    let end = instant_at(&appointment.end, "$.appointment.end")?;
    if end < start {
        return Err(CodedError::new(
            INVALID_RANGE,
            "$.appointment.end",
            "the appointment ends before it starts",
        ));
    }
    let client_hours = if client.allowed_hours.is_empty() {
        None
    } else {
        Some(compile_windows(
            &client.allowed_hours,
            "$.client.allowedHours",
        )?)
    };
    let week = rules.week_for(client.state.as_deref(), client_hours.as_ref());
    let clinic_zone = appointment.zone.as_str();
    let (recipient_zone, recipient_path) = match &client.zone {
        Some(zone) => (zone.as_str(), "$.client.zone"),
        None => (clinic_zone, "$.appointment.zone"),
    };
    let clinic = ZoneClock::cached(zones, clinic_zone);
    let recipient = ZoneClock::cached(zones, recipient_zone);
    // Both zones are checked up front, so later failures can only be range errors.
    clinic
        .local(start)
        .map_err(|e| e.under("$.appointment.zone"))?;
    recipient
        .local(start)
        .map_err(|e| e.under(recipient_path))?;
    let mut previous = Vec::with_capacity(previous_messages.len());
    for (i, p) in previous_messages.iter().enumerate() {
        let at = parse_instant(&p.send_at)
            .map_err(|e| e.under(&format!("$.previous[{i}].sendAt")))?
            .to_utc();
        previous.push((p.id.as_str(), at));
    }

    let index = &shared.index;
    scratch.clear();
    let Scratch {
        treatments,
        sessions,
        candidates,
        drafts,
        check_ins,
    } = scratch;
    for (i, t) in appointment.treatments.iter().enumerate() {
        // At most MAX_APPOINTMENT_TREATMENTS: a scan is cheaper than a hash set.
        if appointment.treatments[..i].contains(t) {
            return Err(CodedError::new(
                DUPLICATE_ID,
                format!("$.appointment.treatments[{i}]"),
                "the treatment is listed twice",
            ));
        }
        let protocol = *index.get(t.as_str()).ok_or_else(|| {
            CodedError::new(
                UNKNOWN_TREATMENT,
                format!("$.appointment.treatments[{i}]"),
                "no protocol covers this treatment",
            )
        })?;
        treatments.push(protocol);
    }
    for (j, s) in appointment.series_sessions.iter().enumerate() {
        let Some(pos) = appointment
            .treatments
            .iter()
            .position(|t| *t == s.treatment_id)
        else {
            return Err(CodedError::new(
                UNKNOWN_TREATMENT,
                format!("$.appointment.seriesSessions[{j}].treatmentId"),
                "not a treatment of this appointment",
            ));
        };
        if s.session == 0 || s.session > MAX_SESSIONS {
            return Err(out_of_range(
                format!("$.appointment.seriesSessions[{j}].session"),
                format!("a session number is 1 to {MAX_SESSIONS}"),
            ));
        }
        sessions.push((pos, s.session));
    }

    let cancelled = matches!(
        appointment.status,
        VisitStatus::Cancelled | VisitStatus::NoShow
    );
    let planner = Planner {
        clinic,
        recipient,
        week,
        client,
        now,
        start,
        end,
    };
    let mut unplanned = Vec::new();
    if !cancelled {
        for (pos, &p) in treatments.iter().enumerate() {
            let protocol = &shared.protocols[p];
            let session = sessions
                .iter()
                .rev()
                .find(|(t, _)| *t == pos)
                .map_or(1, |(_, s)| *s);
            for (s, step) in protocol.steps.iter().enumerate() {
                let step_index = shared.first_step[p] + s;
                planner
                    .candidates(protocol, (step, step_index), session, candidates)
                    .map_err(|e| e.under("$.appointment.end"))?;
                for &candidate in candidates.iter() {
                    match planner
                        .finish(interned, candidate)
                        .map_err(|e| e.under(recipient_path))?
                    {
                        Ok(draft) => drafts.push(draft),
                        Err(skipped) => unplanned.push(skipped),
                    }
                }
                candidates.clear();
            }
        }
    }
    merge_check_ins(drafts, check_ins);
    let fields = planner
        .appointment_fields(interned, appointment)
        .map_err(|e| e.under(recipient_path))?;
    // By send time, then id: the id is `fu-` and the hash in fixed-width hex, so comparing
    // hashes orders as comparing ids would.
    let mut appointment_hash = IdHasher::new();
    appointment_hash.text(&appointment.id);
    for d in drafts.iter_mut() {
        d.id = Planner::id_hash(&appointment_hash, d);
    }
    drafts.sort_by_key(|d| (d.send, d.id));
    let mut messages = Vec::with_capacity(drafts.len());
    for draft in drafts.drain(..) {
        messages.push(planner.message(interned, appointment, draft)?);
    }
    unplanned.sort_by(|a, b| {
        (&a.protocol_id, &a.step_id, a.session).cmp(&(&b.protocol_id, &b.step_id, b.session))
    });

    let (cancel, keep, create) = if previous.is_empty() {
        // A first plan: every message is new (the usual case, without building any set).
        let create = messages.iter().map(|m| m.id.clone()).collect();
        (Vec::new(), Vec::new(), create)
    } else {
        let new_ids: HashSet<&str> = messages.iter().map(|m| &*m.id).collect();
        let old_ids: HashMap<&str, DateTime<Utc>> = previous.iter().copied().collect();
        let mut cancel = Vec::new();
        let mut cancelled_ids: HashSet<&str> = HashSet::new();
        for (id, at) in &previous {
            if !new_ids.contains(id) && *at > now && cancelled_ids.insert(id) {
                cancel.push(Arc::from(*id));
            }
        }
        let (keep, create) = messages
            .iter()
            .map(|m| m.id.clone())
            .partition(|id| old_ids.contains_key(&**id));
        (cancel, keep, create)
    };
    Ok(FollowupPlan {
        messages,
        unplanned,
        cancel,
        create,
        keep,
        merge_fields: fields,
    })
}

pub(crate) fn instant_at(text: &str, path: &str) -> Result<DateTime<Utc>, CodedError> {
    parse_instant(text)
        .map(|t| t.to_utc())
        .map_err(|e| e.under(path))
}

/// A step's due time before channels, consent and quiet hours.
#[derive(Clone, Copy)]
struct Candidate<'r> {
    protocol: &'r Protocol,
    step: &'r ProtocolStep,
    /// The step's index among all steps of the request's protocols.
    step_index: usize,
    due: DateTime<Utc>,
    session: Option<u32>,
    /// The session's window, local dates in the clinic's zone.
    window: Option<(NaiveDate, NaiveDate)>,
}

/// A message before ids and merge fields.
struct Draft<'r> {
    kind: StepKind,
    class: MessageClass,
    channel: MessageChannel,
    template_id: &'r Arc<str>,
    /// In the recipient's zone.
    send: DateTime<FixedOffset>,
    due: DateTime<Utc>,
    moved: bool,
    late: bool,
    fallback: bool,
    session: Option<u32>,
    window: Option<(NaiveDate, NaiveDate)>,
    sources: Arc<[MessageSource]>,
    /// The hash behind the message id, set once the sources are final (after merging).
    id: u64,
}

/// Working space of [`plan_one`], kept across the appointments of a day so that a plan
/// allocates little besides its answer.
#[derive(Default)]
struct Scratch<'r> {
    treatments: Vec<usize>,
    sessions: Vec<(usize, u32)>,
    candidates: Vec<Candidate<'r>>,
    drafts: Vec<Draft<'r>>,
    check_ins: Vec<Draft<'r>>,
}

impl Scratch<'_> {
    fn clear(&mut self) {
        self.treatments.clear();
        self.sessions.clear();
        self.candidates.clear();
        self.drafts.clear();
        self.check_ins.clear();
    }
}

struct Planner<'a> {
    /// The appointment's zone: rebooking windows, `days` offsets by default.
    clinic: ZoneClock<'a>,
    /// The zone messages are timed and shown in.
    recipient: ZoneClock<'a>,
    week: Week,
    client: &'a FollowupClient,
    now: DateTime<Utc>,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

impl<'a> Planner<'a> {
    /// `t` moved by `offset` (`sign` = 1 forward, −1 back): hours absolutely, days on the
    /// calendar of the step's zone at the same local time.
    fn shift(
        &self,
        step: &ProtocolStep,
        t: DateTime<Utc>,
        sign: i64,
    ) -> Result<DateTime<Utc>, CodedError> {
        match step.offset {
            Offset::Hours(h) => t
                .checked_add_signed(TimeDelta::hours(sign * h))
                .ok_or_else(time_out_of_range),
            Offset::Days(d) => {
                let zone = match step.days_in {
                    DaysZone::Clinic => &self.clinic,
                    DaysZone::Recipient => &self.recipient,
                };
                zone.add_days(t, sign * d)
            }
        }
    }

    fn clinic_date(&self, t: DateTime<Utc>) -> Result<NaiveDate, CodedError> {
        Ok(self.clinic.local(t)?.date_naive())
    }

    /// The step's due times, added to `out` (empty when called, reused across steps).
    fn candidates<'r>(
        &self,
        protocol: &'r Protocol,
        (step, step_index): (&'r ProtocolStep, usize),
        session: u32,
        out: &mut Vec<Candidate<'r>>,
    ) -> Result<(), CodedError> {
        let single = |due, session, window| Candidate {
            protocol,
            step,
            step_index,
            due,
            session,
            window,
        };
        if !step.kind.is_series() {
            out.push(single(self.shift(step, self.end, 1)?, None, None));
            return Ok(());
        }
        let Some(series) = &protocol.series else {
            return Ok(());
        };
        // Sessions after this one, each projected at the opening of its window (the earliest
        // the client could come), so later windows follow from earlier ones.
        let last = match step.kind {
            StepKind::Rebooking => session.saturating_add(1),
            _ => session
                .saturating_add(1)
                .saturating_add(MAX_SERIES_REMINDERS),
        }
        .min(series.sessions);
        let first = match step.kind {
            StepKind::Rebooking => session.saturating_add(1),
            _ => session.saturating_add(2),
        };
        let mut previous = self.start;
        for k in session.saturating_add(1)..=last {
            let Some(interval) = series.interval(k - 1) else {
                break;
            };
            let opening = self.clinic.add_days(previous, i64::from(interval.min))?;
            if k >= first {
                let previous_date = self.clinic_date(previous)?;
                let window = (
                    add_days(previous_date, interval.min)?,
                    add_days(previous_date, interval.max)?,
                );
                // A lead longer than the interval would prompt before checkout: not earlier.
                let due = self.shift(step, opening, -1)?.max(self.end);
                out.push(single(due, Some(k), Some(window)));
            }
            previous = opening;
        }
        Ok(())
    }

    fn permitted(&self, channel: MessageChannel) -> bool {
        !self.client.opted_out.contains(&channel)
            && (self.client.allowed_channels.is_empty()
                || self.client.allowed_channels.contains(&channel))
    }

    /// Consent, channel, lateness and quiet hours; `Ok(Err(..))` when the step is not planned.
    fn finish<'r>(
        &self,
        interned: &mut Interned,
        c: Candidate<'r>,
    ) -> Result<Result<Draft<'r>, UnplannedStep>, CodedError> {
        let step = c.step;
        let skip = |reason| {
            Ok(Err(UnplannedStep {
                protocol_id: c.protocol.id.clone(),
                step_id: step.id.clone(),
                treatment_id: c.protocol.treatment_id.clone(),
                kind: step.kind,
                session: c.session,
                reason,
            }))
        };
        if (step.class == MessageClass::Marketing || step.requires_consent)
            && !self.client.marketing_consent
        {
            return skip(UnplannedReason::NoConsent);
        }
        let fallbacks = if step.fallback_channels.is_empty() {
            &self.client.allowed_channels
        } else {
            &step.fallback_channels
        };
        let Some(channel) = std::iter::once(step.channel)
            .chain(fallbacks.iter().copied())
            .find(|ch| self.permitted(*ch))
        else {
            return skip(UnplannedReason::ChannelOptedOut);
        };
        if c.due < self.now - TimeDelta::hours(LATE_GRACE_HOURS) {
            return skip(UnplannedReason::Past);
        }
        let base = c.due.max(self.now);
        let send = match next_allowed(&self.recipient, &self.week, base) {
            Ok(t) => t,
            Err(e) if e.code == NO_ALLOWED_HOURS => return skip(UnplannedReason::NoAllowedHours),
            Err(e) => return Err(e),
        };
        Ok(Ok(Draft {
            kind: step.kind,
            class: step.class,
            channel,
            template_id: &step.template_id,
            send,
            due: c.due,
            moved: send != base,
            late: base != c.due,
            fallback: channel != step.channel,
            session: c.session,
            window: c.window,
            sources: interned.source(c.step_index, || MessageSource {
                protocol_id: c.protocol.id.clone(),
                step_id: step.id.clone(),
                treatment_id: c.protocol.treatment_id.clone(),
            }),
            id: 0,
        }))
    }

    /// `t` in the recipient's zone, as text.
    fn show(&self, interned: &mut Interned, t: DateTime<Utc>) -> Result<Arc<str>, CodedError> {
        Ok(interned.instant(self.recipient.local(t)?))
    }

    fn appointment_fields(
        &self,
        interned: &mut Interned,
        appointment: &FollowupAppointment,
    ) -> Result<Vec<MergeField>, CodedError> {
        let local = self.recipient.local(self.start)?;
        let mut fields = vec![
            field("appointment.date", interned.date(local.date_naive())),
            field(
                "appointment.time",
                interned.clock(local.hour(), local.minute()),
            ),
        ];
        if let Some(location) = &appointment.location_id {
            fields.push(field("location.id", location.clone()));
        }
        Ok(fields)
    }

    /// The hash behind the message id: FNV-1a over what decides the message, continuing from
    /// `appointment`, the state after the appointment id (the same for the whole plan).
    fn id_hash(appointment: &IdHasher, d: &Draft<'_>) -> u64 {
        let mut hasher = appointment.clone();
        hasher
            .text(d.kind.as_str())
            .text(d.class.as_str())
            .text(d.channel.as_str())
            .text(d.template_id)
            .number(d.send.timestamp())
            .number(i64::from(d.session.unwrap_or(0)));
        for s in d.sources.iter() {
            hasher.text(&s.protocol_id).text(&s.step_id);
        }
        hasher.value()
    }

    fn message(
        &self,
        interned: &mut Interned,
        appointment: &FollowupAppointment,
        d: Draft<'_>,
    ) -> Result<PlannedMessage, CodedError> {
        let send_at = interned.instant(d.send);
        // Most messages go out when due: the same instant in the same zone, the same text.
        let due_at = if d.due == d.send {
            send_at.clone()
        } else {
            self.show(interned, d.due)
                .map_err(|e| e.under("$.client"))?
        };
        let merge_fields = match (d.session, d.window) {
            (Some(session), Some((from, to))) => interned.series_fields(session, from, to),
            _ => interned.no_fields(),
        };
        Ok(PlannedMessage {
            id: message_id(d.id),
            appointment_id: appointment.id.clone(),
            kind: d.kind,
            class: d.class,
            channel: d.channel,
            template_id: d.template_id.clone(),
            send_at: send_at.clone(),
            due_at,
            moved_for_quiet_hours: d.moved,
            late: d.late,
            channel_fallback: d.fallback,
            session: d.session,
            sources: d.sources,
            merge_fields,
        })
    }
}

fn add_days(date: NaiveDate, days: u32) -> Result<NaiveDate, CodedError> {
    date.checked_add_days(chrono::Days::new(u64::from(days)))
        .ok_or_else(time_out_of_range)
}

/// Check-ins of one class that land on the same local day of the recipient become one message:
/// the earliest, carrying every source. Other kinds are left alone, in their order, and the
/// merged check-ins follow them. `check_ins` is working space.
fn merge_check_ins<'r>(drafts: &mut Vec<Draft<'r>>, check_ins: &mut Vec<Draft<'r>>) {
    let mut i = 0;
    while i < drafts.len() {
        if drafts[i].kind == StepKind::CheckIn {
            check_ins.push(drafts.remove(i));
        } else {
            i += 1;
        }
    }
    check_ins.sort_by(|a, b| (day(a), a.send, &a.sources).cmp(&(day(b), b.send, &b.sources)));
    let mut current: Option<Draft<'r>> = None;
    for d in check_ins.drain(..) {
        match &mut current {
            Some(first) if day(first) == day(&d) => {
                let mut sources: Vec<MessageSource> = first
                    .sources
                    .iter()
                    .chain(d.sources.iter())
                    .cloned()
                    .collect();
                sources.sort();
                first.sources = Arc::from(sources);
            }
            _ => {
                if let Some(done) = current.replace(d) {
                    drafts.push(done);
                }
            }
        }
    }
    if let Some(done) = current {
        drafts.push(done);
    }
}

/// What check-ins merge by: their class and the recipient's local day.
fn day(d: &Draft<'_>) -> (MessageClass, NaiveDate) {
    (d.class, d.send.date_naive())
}
