//! What a clinic writes down once: per treatment, which follow-up messages go out, when, on
//! which channel, with which template, of which class, and the series the treatment is given in.

use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The follow-up of one treatment, as data. Check it with
/// [`validate_protocols`](crate::validate_protocols).
///
/// ```
/// use medspa_followup::{Protocol, StepKind};
/// let p: Protocol = serde_json::from_value(serde_json::json!({
///     "id": "tox", "treatmentId": "neurotoxin",
///     "steps": [{"id": "check", "kind": "check_in", "offset": {"hours": 48},
///                "channel": "sms", "templateId": "checkin-48h", "class": "healthcare"}],
///     "series": {"sessions": 2, "intervals": [{"min": 14, "max": 21}]}
/// })).unwrap();
/// assert_eq!(p.steps[0].kind, StepKind::CheckIn);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Protocol {
    // The ids and template ids here are `Arc`s: every message planned from a step shares them.
    /// Stable id, part of every planned message's id.
    pub id: Arc<str>,
    /// The treatment it applies to; one protocol per treatment.
    pub treatment_id: Arc<str>,
    /// The messages, in any order.
    #[serde(default)]
    pub steps: Vec<ProtocolStep>,
    /// The series the treatment is given in, for rebooking prompts and series reminders.
    #[serde(default)]
    pub series: Option<SeriesRule>,
}

/// One message of a protocol.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProtocolStep {
    /// Stable id within the protocol, part of the planned message's id.
    pub id: Arc<str>,
    /// What the message is for; decides what `offset` is measured from.
    pub kind: StepKind,
    /// For `aftercare`, `check_in` and `other`: the time after checkout (the appointment's end).
    /// For `rebooking` and `series_reminder`: the lead time *before* the session's window opens.
    pub offset: Offset,
    /// The zone whose calendar a `days` offset counts in; the clinic's by default.
    #[serde(default)]
    pub days_in: DaysZone,
    /// The channel to send on.
    pub channel: MessageChannel,
    /// Channels to try, in order, when the client has opted out of `channel`. When empty, the
    /// client's own `allowedChannels` are tried in the client's order.
    #[serde(default)]
    pub fallback_channels: Vec<MessageChannel>,
    /// The template the host renders.
    pub template_id: Arc<str>,
    /// The message class: the rules differ (`docs/domain.md` §5).
    pub class: MessageClass,
    /// Whether the step is sent only to clients with prior consent. Marketing steps are always
    /// held to consent when planned; `validate_protocols` flags a marketing step that does not
    /// say so.
    #[serde(default)]
    pub requires_consent: bool,
}

/// What a step is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// Aftercare instructions, usually at checkout (`{"hours": 0}`).
    Aftercare,
    /// A check-in (48 hours, one week). Check-ins of several treatments on one local day are
    /// merged into one message.
    CheckIn,
    /// A prompt to book the next session, before its window opens.
    Rebooking,
    /// A reminder for each later session of the series (after the next one).
    SeriesReminder,
    /// Anything else timed from checkout (a review request, a newsletter).
    Other,
}

impl StepKind {
    /// The serialized name.
    ///
    /// ```
    /// assert_eq!(medspa_followup::StepKind::CheckIn.as_str(), "check_in");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Aftercare => "aftercare",
            Self::CheckIn => "check_in",
            Self::Rebooking => "rebooking",
            Self::SeriesReminder => "series_reminder",
            Self::Other => "other",
        }
    }

    /// Whether the step is timed from a series window rather than from checkout.
    pub(crate) const fn is_series(self) -> bool {
        matches!(self, Self::Rebooking | Self::SeriesReminder)
    }
}

/// An offset: `{"hours": 48}` is absolute (48 × 3600 s, whatever DST does); `{"days": 7}` is
/// seven calendar days at the same local time of day in the zone `daysIn` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Offset {
    /// Absolute hours, 0 to [`MAX_OFFSET_HOURS`](crate::limits::MAX_OFFSET_HOURS).
    Hours(i64),
    /// Calendar days, 0 to [`MAX_OFFSET_DAYS`](crate::limits::MAX_OFFSET_DAYS).
    Days(i64),
}

/// Whose calendar a `days` offset counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum DaysZone {
    /// The clinic's zone (the appointment's).
    #[default]
    Clinic,
    /// The recipient's zone.
    Recipient,
}

/// A message channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum MessageChannel {
    /// Text message (unsecured).
    Sms,
    /// Email (unsecured).
    Email,
    /// Push notification (unsecured, shown on a lock screen).
    Push,
    /// Voice call or voicemail (unsecured).
    Voice,
    /// The clinic's secure portal.
    Portal,
}

impl MessageChannel {
    /// The serialized name.
    ///
    /// ```
    /// assert_eq!(medspa_followup::MessageChannel::Sms.as_str(), "sms");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Sms => "sms",
            Self::Email => "email",
            Self::Push => "push",
            Self::Voice => "voice",
            Self::Portal => "portal",
        }
    }

    pub(crate) fn lint_channel(self) -> medspa_phi_lint::Channel {
        use medspa_phi_lint::Channel as L;
        match self {
            Self::Sms => L::Sms,
            Self::Email => L::Email,
            Self::Push => L::Push,
            Self::Voice => L::Voice,
            Self::Portal => L::Portal,
        }
    }
}

/// The class of a message (`docs/domain.md` §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum MessageClass {
    /// Appointment, aftercare, check-in: the FCC healthcare exemption may apply (short,
    /// non-billing, non-marketing, 8:00–21:00).
    Healthcare,
    /// Invoices, balances, payment reminders.
    Billing,
    /// Promotions and offers: need the client's prior consent.
    Marketing,
}

impl MessageClass {
    /// The serialized name.
    ///
    /// ```
    /// assert_eq!(medspa_followup::MessageClass::Marketing.as_str(), "marketing");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Healthcare => "healthcare",
            Self::Billing => "billing",
            Self::Marketing => "marketing",
        }
    }
}

/// A treatment series (`docs/domain.md` §3): the number of sessions and the spacing between
/// them in calendar days of the clinic's zone.
///
/// ```
/// use medspa_followup::SeriesRule;
/// let s: SeriesRule = serde_json::from_str(r#"{"sessions":6,"intervals":[{"min":28,"max":42}]}"#).unwrap();
/// assert_eq!(s.interval(4).map(|i| (i.min, i.max)), Some((28, 42))); // the last entry repeats
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeriesRule {
    /// Sessions in the series, 1 to [`MAX_SESSIONS`](crate::limits::MAX_SESSIONS).
    pub sessions: u32,
    /// `intervals[i]` is the distance in days of session `i + 2` from session `i + 1`; when
    /// shorter than `sessions − 1`, the last entry repeats. May be empty only for one session.
    #[serde(default)]
    pub intervals: Vec<SeriesInterval>,
}

impl SeriesRule {
    /// The interval before session `k + 1` counted from session `k` (1-based `k`), if any.
    pub fn interval(&self, k: u32) -> Option<SeriesInterval> {
        let index = usize::try_from(k.checked_sub(1)?).ok()?;
        self.intervals
            .get(index)
            .or_else(|| self.intervals.last())
            .copied()
    }
}

/// The allowed distance of a session from the previous one, in calendar days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeriesInterval {
    /// Least distance, in days.
    pub min: u32,
    /// Greatest distance, in days; not below `min`, at most
    /// [`MAX_INTERVAL_DAYS`](crate::limits::MAX_INTERVAL_DAYS).
    pub max: u32,
}
