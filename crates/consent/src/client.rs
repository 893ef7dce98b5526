//! What the host knows about a client and an appointment: the client's form records (as its form
//! system stores them), clinical reviews already done, and the appointment itself.

use crate::rules::{AnswerValue, Modality};
use serde::{Deserialize, Serialize};

/// A client and their paperwork.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Client {
    /// Stable id appointments refer to.
    pub id: String,
    /// `YYYY-MM-DD`; when absent every age condition is taken to hold.
    #[serde(default)]
    pub birth_date: Option<String>,
    /// State or region of residence, such as `CA`.
    #[serde(default)]
    pub state: Option<String>,
    /// IANA zone reminders are timed in; the appointment's zone when absent.
    #[serde(default)]
    pub zone: Option<String>,
    /// Every form record the client has, in any order.
    #[serde(default)]
    pub records: Vec<FormRecord>,
    /// Clinical reviews already done.
    #[serde(default)]
    pub reviews: Vec<Review>,
}

/// One copy of a form sent to or filled in by the client.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FormRecord {
    /// The form's id in the rule set.
    pub form: String,
    /// The version the client saw, such as `2.1`.
    pub version: String,
    /// Where the record stands.
    pub status: RecordStatus,
    /// When the link was sent (ISO 8601 instant with offset).
    #[serde(default)]
    pub sent_at: Option<String>,
    /// When the client completed it; required for `completed`.
    #[serde(default)]
    pub completed_at: Option<String>,
    /// When the client signed it; required for `signed`.
    #[serde(default)]
    pub signed_at: Option<String>,
    /// Whether a staff witness countersigned.
    #[serde(default)]
    pub witnessed: bool,
    /// When it was revoked; required for `revoked`. Revoking withdraws every copy of the form
    /// signed or completed at or before this instant.
    #[serde(default)]
    pub revoked_at: Option<String>,
    /// The appointment it was signed for (`every_visit` requirements).
    #[serde(default)]
    pub appointment_id: Option<String>,
    /// The series it was signed for (`per_series` requirements).
    #[serde(default)]
    pub series_id: Option<String>,
    /// The answers given.
    #[serde(default)]
    pub answers: Vec<Answer>,
    /// For a good-faith exam: who performed it and how.
    #[serde(default)]
    pub performer: Option<Performer>,
}

/// Where a form record stands in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum RecordStatus {
    /// Assigned to the client, not sent yet.
    Assigned,
    /// The link was sent.
    Sent,
    /// The client opened it.
    Opened,
    /// The client started answering.
    InProgress,
    /// The client submitted it (a form that needs no signature is done here).
    Completed,
    /// The client signed it.
    Signed,
    /// The client withdrew it.
    Revoked,
}

/// One answer on a form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Answer {
    /// The question id.
    pub question: String,
    /// The answer; `null` or blank means unanswered.
    #[serde(default)]
    pub value: Option<AnswerValue>,
}

/// Who performed a good-faith exam.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Performer {
    /// Licence role, such as `NP`.
    pub role: String,
    /// In person or by telehealth.
    pub modality: Modality,
}

/// A clinician's review of a trigger. It clears the trigger for answers given before
/// `reviewedAt`; a later intake with the same answer needs a new review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Review {
    /// The review trigger's id.
    pub trigger: String,
    /// When it was reviewed (ISO 8601 instant with offset).
    pub reviewed_at: String,
}

/// An appointment to check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConsentAppointment {
    /// Stable id.
    pub id: String,
    /// The client's id (batch checks look the client up by it).
    pub client_id: String,
    /// Start, ISO 8601 instant with offset (the JS shim also accepts a `Date`).
    #[cfg_attr(feature = "ts", tsify(type = "string | Date"))]
    pub start: String,
    /// The clinic's IANA zone; validity and review deadlines are counted in it.
    pub zone: String,
    /// Location id, carried through to batch results.
    #[serde(default)]
    pub location_id: Option<String>,
    /// The clinic's state or region (good-faith exam rules).
    #[serde(default)]
    pub clinic_state: Option<String>,
    /// Treatment ids from the rule set.
    pub treatments: Vec<String>,
    /// The treatment series this appointment belongs to, if any.
    #[serde(default)]
    pub series_id: Option<String>,
}
