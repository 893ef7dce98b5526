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
    /// The edits that make `redacted` from the message (see [`Report::redactions`]).
    #[serde(skip)]
    pub(crate) redactions: Vec<Redaction>,
}

impl Report {
    /// The edits that turn the message into [`Report::redacted`], in text order and never
    /// overlapping (overlapping findings are merged into one edit, with the first one's
    /// placeholder): a caller holding the message can rebuild the redacted text from them, or
    /// redact its own copy in place (an editor's undoable edit, say).
    ///
    /// ```
    /// let linter = medspa_phi_lint::Linter::new(&Default::default()).unwrap();
    /// let text = "DOB 02/14/1991, call 212-555-0147";
    /// let report = linter.lint(text).unwrap();
    /// let mut rebuilt = String::new();
    /// let mut at = 0;
    /// for edit in report.redactions() {
    ///     rebuilt.push_str(&text[at..edit.utf8.start]);
    ///     rebuilt.push_str(edit.placeholder);
    ///     at = edit.utf8.end;
    /// }
    /// rebuilt.push_str(&text[at..]);
    /// assert_eq!(rebuilt, report.redacted);
    /// assert_eq!(report.redactions().len(), 2);
    /// ```
    pub fn redactions(&self) -> &[Redaction] {
        &self.redactions
    }
}

/// One edit of the redacted text: a range of the message and the placeholder put in its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Redaction {
    /// The range in UTF-16 code units.
    pub span: Offsets,
    /// The same range in UTF-8 bytes.
    pub utf8: Offsets,
    /// What replaces it (`[date of birth]`).
    pub placeholder: &'static str,
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

impl Verdict {
    /// The name as serialized (`allow`, `warn`, `block`).
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Allow => "allow",
            Verdict::Warn => "warn",
            Verdict::Block => "block",
        }
    }
}

impl Escalation {
    /// The name as serialized (`none`, `clinical`, `urgent`).
    pub fn as_str(self) -> &'static str {
        match self {
            Escalation::None => "none",
            Escalation::Clinical => "clinical",
            Escalation::Urgent => "urgent",
        }
    }
}

impl Severity {
    /// The name as serialized (`info`, `warning`, `error`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    /// The names the packed WASM report sends are the serialized ones.
    #[test]
    fn names_match_serde() {
        for v in [Verdict::Allow, Verdict::Warn, Verdict::Block] {
            assert_eq!(
                serde_json::to_string(&v).unwrap(),
                format!("\"{}\"", v.as_str())
            );
        }
        for e in [Escalation::None, Escalation::Clinical, Escalation::Urgent] {
            assert_eq!(
                serde_json::to_string(&e).unwrap(),
                format!("\"{}\"", e.as_str())
            );
        }
        for s in [Severity::Info, Severity::Warning, Severity::Error] {
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.as_str())
            );
        }
    }
}
