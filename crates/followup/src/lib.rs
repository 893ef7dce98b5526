//! Follow-up planning for medical spas: aftercare, check-ins, rebooking prompts and series
//! reminders, each at a time the recipient may be messaged; series progress; retention numbers;
//! iCalendar export. Pure Rust: no clock (callers pass `now`), no I/O, no randomness, no panics
//! on any input; time zones come from a [`ZoneSource`](medspa_zoned::ZoneSource).
//!
//! # Operations
//!
//! | operation | request | answer |
//! |---|---|---|
//! | [`followup_plan`] | [`FollowupPlanRequest`] | [`FollowupPlan`] (messages, unplanned steps, replan diff) |
//! | [`followup_day`] | [`FollowupDayRequest`] | [`FollowupDay`] (the same for many appointments) |
//! | [`next_allowed_send_time`] | [`SendTimeRequest`] | [`SendTime`] |
//! | [`validate_protocols`] | [`ValidateProtocolsRequest`] | [`ProtocolsValidation`] (every problem) |
//! | [`series_progress`] | [`SeriesProgressRequest`] | [`SeriesProgress`] |
//! | [`retention_report`] | [`RetentionRequest`] | [`RetentionReport`] |
//! | [`to_icalendar`] | [`ICalRequest`] | RFC 5545 text |
//!
//! # Conventions (`docs/domain.md` §2, §3, §5), stated once here
//!
//! **Time.** Instants are ISO 8601 with an offset; answers carry the offset of the zone they
//! belong to (the recipient's for send times). Zones are IANA names. Wall times are resolved by
//! RFC 5545's rule: a time in a spring-forward gap moves forward by the gap, a repeated time takes
//! its first occurrence.
//!
//! **Offsets.** `{"hours": n}` is absolute (n × 3,600 s, whatever DST does). `{"days": n}` is n
//! calendar days at the same local time of day, in the clinic's zone or, with `daysIn:
//! "recipient"`, the recipient's. Offsets run from 0 to [`limits::MAX_OFFSET_HOURS`] hours or
//! [`limits::MAX_OFFSET_DAYS`] days; negative or larger ones are `OUT_OF_RANGE`.
//!
//! **Anchors.** Aftercare, check-ins and `other` steps are timed from checkout (the appointment's
//! end). A rebooking prompt is timed from the opening of the next session's window: the
//! appointment's local start time on `date + min` days in the clinic's zone, minus the step's
//! offset (the lead), never earlier than checkout. Series reminders do the same for each later
//! session, projecting every session at the opening of its window; at most
//! [`limits::MAX_SERIES_REMINDERS`]. The appointment's session number comes from
//! `seriesSessions` (1 when not listed); the last session of a series plans neither.
//!
//! **Quiet hours.** Every send falls in the recipient's allowed hours in the recipient's own zone
//! (the client's `zone`, else the clinic's): the intersection of the default `[08:00, 21:00)`
//! (the FCC healthcare-exemption hours), the recipient's state row (the built-in table is
//! [`default_state_hours`]; `rules.stateHours` replaces or adds rows, `replaceStateTable` drops the
//! built-in ones), the clinic's `clinicHours` and the client's `allowedHours`: the strictest
//! applies, and nothing can widen the default. A weekday a source's windows do not name is
//! closed for that source. A time outside moves forward to the next opening, never dropped
//! (`movedForQuietHours`); 20:59:59 is allowed, 21:00:00 is not. Only when the hours leave no time
//! in a week is a step reported `no_allowed_hours`.
//!
//! **Late steps.** A step due before `now` by at most [`limits::LATE_GRACE_HOURS`] is sent at
//! `now` (then quiet hours; `late: true`); older ones are reported as unplanned (`past`).
//!
//! **Channels and consent.** Nothing is planned on a channel the client opted out of, nor on one
//! outside a non-empty `allowedChannels`. The step's `fallbackChannels` are tried in order, or,
//! when it lists none, the client's `allowedChannels` in the client's order; with none left the
//! step is unplanned (`channel_opted_out`). Marketing steps, and steps with `requiresConsent`,
//! need `marketingConsent` (else `no_consent`).
//!
//! **Merged check-ins.** Check-ins of one class that land on the same local day of the recipient
//! (two treatments on one day, or two appointments' steps moved onto one morning) become one
//! message: the earliest, ties broken by protocol id, carrying every source. Other kinds are
//! never merged.
//!
//! **Ids and replans.** A message id is `fu-` and 16 hex digits of FNV-1a over the appointment
//! id, kind, class, channel, template, send instant, session and sources: the same inputs give
//! the same id on every platform, and any change to what would be sent gives a new one. Given
//! `previous` (ids and send times of the last plan), the answer lists `keep` (still planned),
//! `create` (new) and `cancel` (no longer planned and not yet due; a previous message whose send
//! time is at or before `now` counts as sent and is never cancelled). A `cancelled` or `no_show`
//! appointment plans nothing. Plans do not depend on the order of protocols, steps or treatments.
//!
//! **Message classes** are `healthcare` (aftercare, check-ins, reminders), `billing` and
//! `marketing`. [`validate_protocols`] flags a protocol mixing classes, marketing without
//! `requiresConsent`, templates phi-lint blocks on a step's channel (or that put a health
//! detail into an unsecured channel: `TEMPLATE_LEAKS_PHI`), and healthcare SMS templates over
//! [`limits::HEALTHCARE_SMS_MAX_CHARS`] characters (each merge field counted as
//! [`limits::MERGE_FIELD_CHARS`]). Merge fields this crate fills never include a treatment.
//!
//! **Series.** Intervals are calendar days in the clinic's zone; `intervals[i]` separates
//! sessions `i + 1` and `i + 2`, the last entry repeating. The window of session k is the
//! inclusive range of local dates `[date(k−1) + min, date(k−1) + max]`. Status: `completed`
//! (every session done), `on_track` (before the window), `due` (inside it, or not started),
//! `overdue` (past its last day by at most the grace), `lapsed` (by more; the grace is
//! [`limits::DEFAULT_GRACE_DAYS`] unless given). Sessions must be listed oldest first
//! (`SESSIONS_OUT_OF_ORDER` with the path of the first one that is not).
//!
//! **Retention.** A series is finished when completed or lapsed (stopped); rates count finished
//! series only, as exact counts plus basis points rounded half up. The median gap is the lower
//! median (a gap that occurred). The at-risk list holds overdue (not lapsed) series, most days
//! overdue first, then higher `valueMinor`, then series id.
//!
//! **iCalendar.** CRLF line ends, lines folded at 75 octets (never inside a character), TEXT
//! escaped (`\\`, `\;`, `\,`, `\n`; other control characters dropped), `DTSTAMP` = `now` in
//! UTC, `UID` = `<id>@<uidDomain>`. Summaries are neutral ("Follow-up: check-in message") with
//! the template id in the description; visits are all-day events over their window.
//!
//! **Errors.** Findings are data; `Err` is only for requests that cannot be answered, with a
//! stable code ([`codes`]), a JSON path, and a message that never quotes the input. Limits are
//! in [`limits`]; beyond them requests are refused with `TOO_MANY` or `OUT_OF_RANGE`.
//!
//! With the `ts` feature, public data types also derive `tsify::Tsify` for the WASM bindings.

#![forbid(unsafe_code)]

mod cache;
mod check;
pub mod codes;
mod hours;
mod ical;
mod id;
mod intern;
pub mod limits;
mod plan;
mod progress;
mod protocol;
mod retention;
mod validate;

pub use check::{Problem, ProblemSeverity};
pub use hours::{
    default_state_hours, next_allowed_send_time, HoursWindow, SendRecipient, SendRules, SendTime,
    SendTimeRequest, StateHours, Weekday, DEFAULT_END_SECONDS, DEFAULT_START_SECONDS,
};
pub use ical::{to_icalendar, ICalRequest, SuggestedVisit};
pub use plan::{
    followup_day, followup_plan, DayItem, FollowupAppointment, FollowupClient, FollowupDay,
    FollowupDayRequest, FollowupPlan, FollowupPlanRequest, MergeField, MessageSource,
    PlannedMessage, PreviousMessage, SeriesSession, UnplannedReason, UnplannedStep, VisitStatus,
};
pub use progress::{
    series_progress, DateWindow, PlanProgress, SeriesPlan, SeriesProgress, SeriesProgressRequest,
    SeriesStatus,
};
pub use protocol::{
    DaysZone, MessageChannel, MessageClass, Offset, Protocol, ProtocolStep, SeriesInterval,
    SeriesRule, StepKind,
};
pub use retention::{
    retention_report, AtRisk, DropOff, FollowupComparison, GapStats, GroupRate, Rate,
    RetentionReport, RetentionRequest, SeriesCounts, SeriesRecord, TreatmentSeries,
};
pub use validate::{validate_protocols, ProtocolsValidation, Template, ValidateProtocolsRequest};

/// The plugin's name as used in package names (`@medspa-kit/followup`) and error reports.
pub const PLUGIN: &str = "followup";
