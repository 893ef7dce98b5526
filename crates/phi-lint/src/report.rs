//! The answer to one check: a verdict, an escalation level, diagnostics with spans in both
//! encodings and fixes, and the redacted message.

use crate::kind::Kind;
use serde::Serialize;

/// The result of checking one message or template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// Whether the message may go out as written on this channel under this policy.
    pub verdict: Verdict,
    /// Whether licensed staff must see the message first.
    pub escalate: Escalation,
    /// Every finding, in text order.
    pub diagnostics: Vec<Diagnostic>,
    /// The message with every finding replaced by a neutral placeholder (`[date of birth]`).
    pub redacted: String,
}

/// Whether a message may be sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Nothing beyond the minimum necessary.
    Allow,
    /// Something to review before sending.
    Warn,
    /// Must not be sent as written.
    Block,
}

/// Whether the message needs licensed staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "kebab-case")]
pub enum Escalation {
    /// No clinical judgment involved.
    None,
    /// A question or advice about symptoms, medication or dosing: route to licensed staff.
    Clinical,
    /// A red-flag symptom after an injectable or laser, or reassurance given about one: now.
    Urgent,
}

/// How serious one finding is under the policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Noted (an allowed first name or appointment date); does not change the verdict.
    Info,
    /// Makes the verdict at least `warn`.
    Warning,
    /// Makes the verdict `block` (for escalation rules: urgent).
    Error,
}

impl Severity {
    /// One step down: error → warning → info.
    pub fn lowered(self) -> Severity {
        match self {
            Severity::Error => Severity::Warning,
            Severity::Warning | Severity::Info => Severity::Info,
        }
    }
}

/// A half-open range `[start, end)` of offsets (UTF-16 code units in `span`, bytes in `utf8`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Offsets {
    /// First offset inside the range.
    pub start: usize,
    /// First offset after the range.
    pub end: usize,
}

/// A suggested edit of the diagnostic's span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Fix {
    /// Text to put in place of the span.
    pub replacement: &'static str,
    /// What the fix does, in plain language.
    pub description: &'static str,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    /// Stable rule id (`phi/ssn`, `health/treatment`, `escalate/urgent-symptom`, `template/field`).
    pub rule_id: &'static str,
    /// What was found.
    pub kind: Kind,
    /// How serious it is under the policy and channel.
    pub severity: Severity,
    /// Plain-language explanation; never repeats the matched text.
    pub message: &'static str,
    /// Offsets in UTF-16 code units: `text.slice(span.start, span.end)` in JavaScript.
    pub span: Offsets,
    /// The same range in UTF-8 bytes, for Rust callers.
    pub utf8: Offsets,
    /// A suggested replacement; absent for escalations, which call for a person, not an edit.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub fix: Option<Fix>,
}
