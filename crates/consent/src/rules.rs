//! The rule set a clinic writes: its forms, which of them each treatment requires and for how
//! long a signature stays good, and the intake answers that must reach clinical staff.

use serde::{Deserialize, Serialize};

/// Everything a clinic decides about paperwork, as data. Check it with
/// [`validate_rules`](crate::validate_rules).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RuleSet {
    /// The forms the clinic uses, each with its current version and questions.
    pub forms: Vec<FormDefinition>,
    /// The treatments appointments may name, with their categories (`injectable`, `laser`…).
    /// An appointment naming a treatment missing here is an error, so a typo never silently
    /// drops a consent.
    pub treatments: Vec<TreatmentDefinition>,
    /// Which form each treatment needs, and under which policy.
    pub requirements: Vec<Requirement>,
    /// Intake answers that put an appointment in front of clinical staff before the day.
    #[serde(default)]
    pub review_triggers: Vec<ReviewTrigger>,
    /// Clinical review is due at 00:00 (clinic time) this many days before the appointment
    /// day; `0` (the default) means "before the appointment day begins".
    #[serde(default)]
    pub review_days_before: u16,
}

/// One form: a consent, an intake questionnaire, an acknowledgement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FormDefinition {
    /// Stable id that records refer to, such as `neurotoxin-consent`.
    pub id: String,
    /// What kind of document this is.
    pub kind: DocumentKind,
    /// The current version, dotted numbers such as `3` or `2.1`.
    pub version: String,
    /// The questions the form asks; required ones must be answered for the form to count.
    #[serde(default)]
    pub questions: Vec<Question>,
}

/// A question on a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Question {
    /// Stable id used in answers and review triggers, such as `pregnant`.
    pub id: String,
    /// Whether a completed form must answer it (`false` if omitted).
    #[serde(default)]
    pub required: bool,
}

/// The document kinds of `docs/domain.md` §4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// Treatment-specific informed consent.
    InformedConsent,
    /// Medical history intake.
    MedicalHistory,
    /// Pre-treatment disclosure or instructions acknowledgement.
    PreTreatmentInstructions,
    /// Photo release.
    PhotoRelease,
    /// Notice of privacy practices acknowledgement.
    PrivacyNotice,
    /// Financial and cancellation policy.
    FinancialPolicy,
    /// Consent to SMS and email communication.
    CommunicationConsent,
    /// Good-faith exam by a licensed provider; recorded by staff, not signed by the client.
    GoodFaithExam,
    /// Consent of a parent or guardian for a minor.
    GuardianConsent,
}

/// A treatment and the categories requirements can refer to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TreatmentDefinition {
    /// Stable id, such as `neurotoxin`.
    pub id: String,
    /// Categories such as `injectable`, `laser`, `peel`.
    #[serde(default)]
    pub categories: Vec<String>,
}

/// "Appointments for these treatments need this form, signed like this, valid for this long,
/// done this long before the appointment."
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Requirement {
    /// Stable id findings refer to.
    pub id: String,
    /// The form that satisfies it.
    pub form: String,
    /// Which appointments need it; everything when omitted.
    #[serde(default)]
    pub applies_to: Option<Scope>,
    /// How long a signed form keeps satisfying it.
    pub validity: Validity,
    /// The oldest form version that still counts; omitted = any version.
    #[serde(default)]
    pub min_version: Option<String>,
    /// Who must sign.
    #[serde(default)]
    pub signature: Signature,
    /// Hours before the appointment's start by which it must be complete (0 = by the start).
    #[serde(default)]
    pub due_hours_before: u32,
    /// Conditions on the client or the clinic; the requirement applies only when all hold.
    #[serde(default)]
    pub when: Option<Condition>,
    /// For a good-faith exam: who may perform it and how.
    #[serde(default)]
    pub exam: Option<ExamPolicy>,
    /// Requirements that must be satisfied before this form is sent (intake before consent…).
    #[serde(default)]
    pub depends_on: Vec<String>,
}

/// Treatments or categories; a scope matches an appointment with any of them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Scope {
    /// Treatment ids.
    #[serde(default)]
    pub treatments: Vec<String>,
    /// Treatment categories.
    #[serde(default)]
    pub categories: Vec<String>,
}

/// How long a form keeps satisfying a requirement (`docs/domain.md` §4). Expiry is at 00:00 in
/// the clinic's zone: a form signed on local date D with `every_n_days` N is good for
/// appointments through D + N − 1; with `every_n_months` M through the day before D + M months
/// (clamped to the month's end).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(tag = "policy", rename_all = "snake_case", deny_unknown_fields)]
pub enum Validity {
    /// Signed once, good forever (until revoked or outdated by version).
    Once,
    /// Must be signed for this very appointment (the record names the appointment id).
    EveryVisit,
    /// Good for the series the record names (the appointment's `seriesId`).
    PerSeries,
    /// Good for this many calendar days.
    EveryNDays {
        /// At least 1.
        days: u32,
    },
    /// Good for this many calendar months.
    EveryNMonths {
        /// At least 1.
        months: u32,
    },
}

/// Who must sign a form for it to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Signature {
    /// Completing it is enough (questionnaires, exams).
    None,
    /// The client (or guardian) signs.
    #[default]
    Client,
    /// The client signs and a staff member witnesses.
    Witnessed,
}

/// Conditions on the client and clinic. Age is counted on the appointment's local date; an
/// unknown birth date satisfies every age condition, so a requirement is never dropped for
/// lack of data.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Condition {
    /// Applies to clients at least this old.
    #[serde(default)]
    pub min_age: Option<u16>,
    /// Applies to clients at most this old (17 for minors).
    #[serde(default)]
    pub max_age: Option<u16>,
    /// Applies when the client lives in one of these states or regions.
    #[serde(default)]
    pub client_states: Vec<String>,
    /// Applies at clinics in these states or regions (good-faith exam rules differ by state).
    #[serde(default)]
    pub clinic_states: Vec<String>,
}

/// Who may perform a good-faith exam and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExamPolicy {
    /// Licence roles allowed to perform it, such as `MD`, `NP`, `PA`.
    pub performer_roles: Vec<String>,
    /// Allowed modalities; both when omitted.
    #[serde(default)]
    pub modalities: Vec<Modality>,
}

/// How an exam was performed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// In the clinic.
    InPerson,
    /// By video.
    Telehealth,
}

/// An intake answer that needs a clinician's eyes before the appointment day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReviewTrigger {
    /// Stable id, such as `isotretinoin`.
    pub id: String,
    /// The question whose answer is tested.
    pub question: String,
    /// The test.
    pub when: AnswerTest,
    /// Which appointments it concerns; all when omitted.
    #[serde(default)]
    pub applies_to: Option<Scope>,
}

/// A test on one answer. Text comparisons ignore ASCII case and surrounding spaces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub enum AnswerTest {
    /// The answer equals this value (a list answer: contains it).
    Equals(AnswerValue),
    /// The answer equals one of these (a list answer: contains one).
    AnyOf(Vec<AnswerValue>),
    /// The answer is a date (`YYYY-MM-DD`) less than this many months before the appointment's
    /// local date ("isotretinoin in the last 6 months").
    WithinMonths(u32),
    /// Any non-blank answer (a free-text "allergies" field).
    Answered(bool),
}

/// An answer as an intake form stores it: JSON `true`/`false`, a number, a text or a list of
/// texts. (Read by [`AnswerValue`]'s own `Deserialize`, which picks the variant from the JSON
/// type: serde's untagged enums build and discard an error per variant tried, which was most of
/// the cost of reading a day's intake answers.)
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(untagged)]
pub enum AnswerValue {
    /// Yes or no.
    Bool(bool),
    /// A number (never money here).
    Number(f64),
    /// Text or a date.
    Text(String),
    /// A multiple choice.
    List(Vec<String>),
}

impl<'de> Deserialize<'de> for AnswerValue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(AnswerVisitor)
    }
}

struct AnswerVisitor;

impl<'de> serde::de::Visitor<'de> for AnswerVisitor {
    type Value = AnswerValue;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("true or false, a number, a text, or a list of texts")
    }

    fn visit_bool<E>(self, yes: bool) -> Result<AnswerValue, E> {
        Ok(AnswerValue::Bool(yes))
    }

    fn visit_i64<E>(self, n: i64) -> Result<AnswerValue, E> {
        Ok(AnswerValue::Number(n as f64))
    }

    fn visit_u64<E>(self, n: u64) -> Result<AnswerValue, E> {
        Ok(AnswerValue::Number(n as f64))
    }

    fn visit_f64<E>(self, n: f64) -> Result<AnswerValue, E> {
        Ok(AnswerValue::Number(n))
    }

    fn visit_str<E>(self, text: &str) -> Result<AnswerValue, E> {
        Ok(AnswerValue::Text(text.to_owned()))
    }

    fn visit_string<E>(self, text: String) -> Result<AnswerValue, E> {
        Ok(AnswerValue::Text(text))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(
        self,
        mut items: A,
    ) -> Result<AnswerValue, A::Error> {
        let mut list = Vec::with_capacity(items.size_hint().unwrap_or(0).min(64));
        while let Some(item) = items.next_element::<String>()? {
            list.push(item);
        }
        Ok(AnswerValue::List(list))
    }
}
