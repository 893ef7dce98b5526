//! What to send whom, and when: form links now, reminders before the appointment in the
//! client's own time, escalation to staff when a deadline arrives with the form still missing.
//! It plans; it never sends. Re-run it whenever a record changes: a form that is done drops out
//! of every later reminder, so reminders stop as soon as the paperwork is in order.

use crate::check::{check_prepared, compile_rules};
use crate::client::{Client, ConsentAppointment};
use crate::clock::{instant_at, ClinicClock, Instant, ZoneMemo};
use crate::codes::OUT_OF_RANGE;
use crate::limits::*;
use crate::prepare::{prepare_client, too_many, Buffers};
use crate::report::*;
use crate::rules::{DocumentKind, RuleSet};
use chrono::{NaiveTime, TimeDelta};
use medspa_errors::CodedError;
use medspa_zoned::{parse_local_time, resolve_local, to_local, ZoneSource};
use serde::{Deserialize, Serialize};

/// One appointment's paperwork to plan messages for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NextActionsRequest {
    /// The clinic's rules.
    pub rules: RuleSet,
    /// The appointment.
    pub appointment: ConsentAppointment,
    /// Its client.
    pub client: Client,
    /// The current instant (ISO 8601 with offset, or a `Date` from JS).
    #[cfg_attr(feature = "ts", tsify(type = "string | Date"))]
    pub now: String,
    /// When to send and remind; the defaults when omitted.
    #[serde(default)]
    pub cadence: Cadence,
}

/// When to send, remind and escalate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Cadence {
    /// Send forms that have not gone out yet right away (at booking). Default `true`.
    #[serde(default = "yes")]
    pub send_now: bool,
    /// Reminders this many hours before the appointment's start. Default `[72, 24]`.
    #[serde(default = "default_reminders")]
    pub reminder_hours_before: Vec<u32>,
    /// Escalate to staff this many hours before the start; when omitted, at each form's own
    /// deadline (the start minus its `dueHoursBefore`).
    #[serde(default)]
    pub escalate_hours_before: Option<u32>,
    /// Client messages go out in `[start, end)` of the client's local time; a time outside moves
    /// to the next `start`. Default `08:00`–`21:00`.
    #[serde(default)]
    pub quiet_hours: AllowedHours,
}

impl Default for Cadence {
    fn default() -> Self {
        Cadence {
            send_now: true,
            reminder_hours_before: default_reminders(),
            escalate_hours_before: None,
            quiet_hours: AllowedHours::default(),
        }
    }
}

/// The local hours in which a client may be messaged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AllowedHours {
    /// First allowed local time, `HH:MM`.
    pub start: String,
    /// First local time no longer allowed, `HH:MM`.
    pub end: String,
}

impl Default for AllowedHours {
    fn default() -> Self {
        AllowedHours {
            start: "08:00".into(),
            end: "21:00".into(),
        }
    }
}

fn yes() -> bool {
    true
}

fn default_reminders() -> Vec<u32> {
    vec![72, 24]
}

/// The planned messages and staff tasks for one appointment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ActionPlan {
    /// The appointment's status now.
    pub status: AppointmentStatus,
    /// Actions in time order.
    pub actions: Vec<PlannedAction>,
    /// Forms held back until the forms they depend on are done.
    pub waiting: Vec<WaitingForm>,
}

/// One thing to do at one time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PlannedAction {
    /// What to do.
    pub kind: ActionKind,
    /// Who it is for.
    pub recipient: ActionRecipient,
    /// When, with the UTC offset of the recipient's zone (the clinic's for staff).
    pub at: String,
    /// Whether quiet hours moved it later than the cadence said.
    pub moved_for_quiet_hours: bool,
    /// The requirements it concerns (empty for a clinical review).
    pub requirements: Vec<String>,
    /// The forms to link (for sends and reminders).
    pub forms: Vec<String>,
    /// For a clinical review, the triggers set off.
    pub triggers: Vec<String>,
}

/// The kinds of planned action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    /// Send links to forms not yet sent, or to a new copy (expired, outdated).
    SendForms,
    /// Remind about forms still outstanding.
    Reminder,
    /// Tell staff a form is still outstanding at its deadline.
    Escalate,
    /// Staff: book a good-faith exam.
    ScheduleExam,
    /// Clinical staff: review flagged intake answers before the day.
    ClinicalReview,
    /// Staff: the client revoked a consent; talk to them.
    ContactClient,
}

/// Who an action is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum ActionRecipient {
    /// The client.
    Client,
    /// The client's parent or guardian (guardian consent).
    Guardian,
    /// Front-desk staff.
    Staff,
    /// Licensed clinical staff.
    Clinician,
}

/// A form held back by `dependsOn`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct WaitingForm {
    /// The requirement held back.
    pub requirement: String,
    /// The requirements it waits for.
    pub waiting_on: Vec<String>,
}

/// Plans what to send the client now and later, and when to involve staff.
///
/// ```
/// use medspa_consent::{next_actions, ActionKind, NextActionsRequest};
/// use medspa_zoned::ChronoTz;
/// let request: NextActionsRequest = serde_json::from_value(serde_json::json!({
///     "rules": {
///         "forms": [{"id": "intake", "kind": "medical_history", "version": "1"}],
///         "treatments": [{"id": "facial"}],
///         "requirements": [{"id": "intake", "form": "intake", "validity": {"policy": "once"},
///                           "signature": "none", "dueHoursBefore": 24}]
///     },
///     "appointment": {"id": "a1", "clientId": "c1", "start": "2025-06-10T14:00-04:00",
///                     "zone": "America/New_York", "treatments": ["facial"]},
///     "client": {"id": "c1", "zone": "America/Los_Angeles"},
///     "now": "2025-06-01T02:00Z"
/// })).unwrap();
/// let plan = next_actions(&ChronoTz, &request).unwrap();
/// let kinds: Vec<_> = plan.actions.iter().map(|a| (a.kind, a.at.as_str())).collect();
/// assert_eq!(kinds, [
///     // 19:00 in Los Angeles, inside its 08:00–21:00.
///     (ActionKind::SendForms, "2025-05-31T19:00-07:00"),
///     // 72 h before is 11:00 in Los Angeles.
///     (ActionKind::Reminder, "2025-06-07T11:00-07:00"),
///     (ActionKind::Reminder, "2025-06-09T11:00-07:00"),
///     // Staff are told at the form's deadline, in clinic time.
///     (ActionKind::Escalate, "2025-06-09T14:00-04:00"),
/// ]);
/// ```
pub fn next_actions(
    zones: &dyn ZoneSource,
    request: &NextActionsRequest,
) -> Result<ActionPlan, CodedError> {
    let rules = compile_rules(&request.rules)?;
    let now = instant_at(&request.now, "$.now")?;
    let cadence = CheckedCadence::new(&request.cadence).map_err(|e| e.under("$.cadence"))?;
    let mut buffers = Buffers::default();
    let client =
        prepare_client(&rules, &request.client, &mut buffers).map_err(|e| e.under("$.client"))?;
    let memo = ZoneMemo::new(zones, &request.appointment.zone);
    let appointment = &request.appointment;
    let check = check_prepared(&memo, &rules, &client, appointment, None, now, &mut buffers)
        .map_err(|e| e.under("$.appointment"))?;
    let client_zone = request
        .client
        .zone
        .as_deref()
        .unwrap_or(&request.appointment.zone);
    let planner = Planner {
        clinic: ClinicClock {
            zones,
            zone: &request.appointment.zone,
        },
        client: ClinicClock {
            zones,
            zone: client_zone,
        },
        cadence,
        now,
        start: instant_at(&request.appointment.start, "$.appointment.start")?,
    };
    planner.plan(&check).map_err(|e| {
        if request.client.zone.is_some() {
            e.under("$.client.zone")
        } else {
            e.under("$.appointment.zone")
        }
    })
}

struct CheckedCadence {
    send_now: bool,
    reminders: Vec<TimeDelta>,
    escalate: Option<TimeDelta>,
    open: NaiveTime,
    close: NaiveTime,
}

impl CheckedCadence {
    fn new(cadence: &Cadence) -> Result<Self, CodedError> {
        if cadence.reminder_hours_before.len() > MAX_REMINDERS {
            return Err(too_many("$.reminderHoursBefore", MAX_REMINDERS));
        }
        let hours = |h: u32, path: String| {
            if h > MAX_DUE_HOURS {
                Err(CodedError::new(
                    OUT_OF_RANGE,
                    path,
                    format!("at most {MAX_DUE_HOURS} hours"),
                ))
            } else {
                Ok(TimeDelta::hours(i64::from(h)))
            }
        };
        let reminders = cadence
            .reminder_hours_before
            .iter()
            .enumerate()
            .map(|(i, &h)| hours(h, format!("$.reminderHoursBefore[{i}]")))
            .collect::<Result<Vec<_>, _>>()?;
        let escalate = cadence
            .escalate_hours_before
            .map(|h| hours(h, "$.escalateHoursBefore".into()))
            .transpose()?;
        let open = parse_local_time(&cadence.quiet_hours.start)
            .map_err(|e| e.under("$.quietHours.start"))?;
        let close =
            parse_local_time(&cadence.quiet_hours.end).map_err(|e| e.under("$.quietHours.end"))?;
        if open >= close {
            return Err(CodedError::new(
                OUT_OF_RANGE,
                "$.quietHours.end",
                "the allowed hours must end after they start on the same day",
            ));
        }
        Ok(CheckedCadence {
            send_now: cadence.send_now,
            reminders,
            escalate,
            open,
            close,
        })
    }
}

struct Planner<'z> {
    clinic: ClinicClock<'z>,
    client: ClinicClock<'z>,
    cadence: CheckedCadence,
    now: Instant,
    start: Instant,
}

/// Codes a client (or guardian) can put right by filling in a form.
fn client_can_fix(code: FindingCode) -> bool {
    use FindingCode::*;
    matches!(
        code,
        Missing
            | NotSent
            | SentNotOpened
            | InProgress
            | Incomplete
            | Unsigned
            | Expired
            | ExpiresBeforeAppointment
            | OutdatedVersion
            | GuardianRequired
    )
}

/// Codes that need a fresh copy of the form sent.
fn needs_new_copy(finding: &Finding) -> bool {
    use FindingCode::*;
    let code = match finding.code {
        Some(GuardianRequired) => finding.reason,
        code => code,
    };
    matches!(
        code,
        Some(Missing | NotSent | Expired | ExpiresBeforeAppointment | OutdatedVersion)
    )
}

impl Planner<'_> {
    fn plan(&self, check: &AppointmentCheck) -> Result<ActionPlan, CodedError> {
        let mut plan = ActionPlan {
            status: check.status,
            actions: Vec::new(),
            waiting: Vec::new(),
        };
        if self.start <= self.now {
            return Ok(plan);
        }
        let mut actions: Vec<(Instant, PlannedAction)> = Vec::new();
        let mut outstanding: Vec<&Finding> = Vec::new();
        for finding in &check.findings {
            let Some(code) = finding.code else { continue };
            let requirement: Vec<String> =
                finding.requirement.iter().map(|r| r.to_string()).collect();
            match code {
                FindingCode::NeedsReview => {
                    let triggers = finding
                        .triggers
                        .iter()
                        .map(|t| t.trigger.to_string())
                        .collect();
                    actions.push(self.staff(
                        ActionKind::ClinicalReview,
                        ActionRecipient::Clinician,
                        self.now,
                        requirement,
                        triggers,
                    )?);
                }
                FindingCode::ExamRequired => {
                    actions.push(self.staff(
                        ActionKind::ScheduleExam,
                        ActionRecipient::Staff,
                        self.now,
                        requirement,
                        Vec::new(),
                    )?);
                }
                FindingCode::Revoked => {
                    actions.push(self.staff(
                        ActionKind::ContactClient,
                        ActionRecipient::Staff,
                        self.now,
                        requirement,
                        Vec::new(),
                    )?);
                }
                code if client_can_fix(code) => {
                    if finding.waiting_on.is_empty() {
                        outstanding.push(finding);
                    } else {
                        plan.waiting.push(WaitingForm {
                            requirement: requirement.concat(),
                            waiting_on: finding.waiting_on.to_vec(),
                        });
                    }
                }
                _ => {}
            }
        }
        for recipient in [ActionRecipient::Client, ActionRecipient::Guardian] {
            let mine: Vec<&Finding> = outstanding
                .iter()
                .copied()
                .filter(|f| recipient_of(f) == recipient)
                .collect();
            self.client_messages(recipient, &mine, &mut actions)?;
        }
        self.escalations(&outstanding, &mut actions)?;
        actions.sort_by_key(|(at, action)| (*at, action.kind));
        plan.actions = actions.into_iter().map(|(_, action)| action).collect();
        Ok(plan)
    }

    fn client_messages(
        &self,
        recipient: ActionRecipient,
        findings: &[&Finding],
        actions: &mut Vec<(Instant, PlannedAction)>,
    ) -> Result<(), CodedError> {
        if findings.is_empty() {
            return Ok(());
        }
        let to_send: Vec<&Finding> = findings
            .iter()
            .copied()
            .filter(|f| needs_new_copy(f))
            .collect();
        if self.cadence.send_now && !to_send.is_empty() {
            if let Some(action) =
                self.client_action(ActionKind::SendForms, recipient, self.now, &to_send)?
            {
                actions.push(action);
            }
        }
        let mut planned: Vec<Instant> = Vec::new();
        for &before in &self.cadence.reminders {
            let at = self.start - before;
            if at <= self.now {
                continue;
            }
            if let Some(action) =
                self.client_action(ActionKind::Reminder, recipient, at, findings)?
            {
                // Two offsets that quiet hours move to the same morning make one reminder.
                if !planned.contains(&action.0) {
                    planned.push(action.0);
                    actions.push(action);
                }
            }
        }
        Ok(())
    }

    /// A message to the client at `at` moved into their allowed hours; `None` when that would
    /// land at or after the appointment's start.
    fn client_action(
        &self,
        kind: ActionKind,
        recipient: ActionRecipient,
        at: Instant,
        findings: &[&Finding],
    ) -> Result<Option<(Instant, PlannedAction)>, CodedError> {
        let allowed = self.allowed(at)?;
        if allowed >= self.start {
            return Ok(None);
        }
        Ok(Some((
            allowed,
            PlannedAction {
                kind,
                recipient,
                at: self.client.show(allowed)?,
                moved_for_quiet_hours: allowed != at,
                requirements: findings
                    .iter()
                    .filter_map(|f| f.requirement.as_deref().cloned())
                    .collect(),
                forms: findings
                    .iter()
                    .filter_map(|f| f.form.as_deref().cloned())
                    .collect(),
                triggers: Vec::new(),
            },
        )))
    }

    fn escalations(
        &self,
        outstanding: &[&Finding],
        actions: &mut Vec<(Instant, PlannedAction)>,
    ) -> Result<(), CodedError> {
        let mut by_time: Vec<(Instant, Vec<&Finding>)> = Vec::new();
        for finding in outstanding {
            let deadline = instant_at(&finding.deadline, "$")?;
            let at = self
                .cadence
                .escalate
                .map_or(deadline, |h| self.start - h)
                .max(self.now);
            match by_time.iter_mut().find(|(t, _)| *t == at) {
                Some((_, group)) => group.push(finding),
                None => by_time.push((at, vec![finding])),
            }
        }
        for (at, group) in by_time {
            let requirements = group
                .iter()
                .filter_map(|f| f.requirement.as_deref().cloned())
                .collect();
            let mut action = self.staff(
                ActionKind::Escalate,
                ActionRecipient::Staff,
                at,
                requirements,
                Vec::new(),
            )?;
            action.1.forms = group
                .iter()
                .filter_map(|f| f.form.as_deref().cloned())
                .collect();
            actions.push(action);
        }
        Ok(())
    }

    fn staff(
        &self,
        kind: ActionKind,
        recipient: ActionRecipient,
        at: Instant,
        requirements: Vec<String>,
        triggers: Vec<String>,
    ) -> Result<(Instant, PlannedAction), CodedError> {
        Ok((
            at,
            PlannedAction {
                kind,
                recipient,
                at: self.clinic.show(at)?,
                moved_for_quiet_hours: false,
                requirements,
                forms: Vec::new(),
                triggers,
            },
        ))
    }

    /// `at` if it falls in the client's allowed hours, else the next opening.
    fn allowed(&self, at: Instant) -> Result<Instant, CodedError> {
        let local = to_local(self.client.zones, self.client.zone, at)?;
        let time = local.time();
        let date = local.date_naive();
        let opening = if time < self.cadence.open {
            date
        } else if time >= self.cadence.close {
            date.succ_opt().unwrap_or(date)
        } else {
            return Ok(at);
        };
        let resolved = resolve_local(
            self.client.zones,
            self.client.zone,
            opening.and_time(self.cadence.open),
        )?;
        Ok(resolved.instant.to_utc())
    }
}

fn recipient_of(finding: &Finding) -> ActionRecipient {
    if finding.kind == Some(DocumentKind::GuardianConsent) {
        ActionRecipient::Guardian
    } else {
        ActionRecipient::Client
    }
}
