//! Authoring-time checks of protocols: structure and limits, treatments the catalog knows,
//! templates that exist, message classes, marketing consent, and each template linted by
//! phi-lint for every channel it may go out on.

use crate::check::{check_protocols, Problem, ProblemSeverity};
use crate::codes::*;
use crate::limits::*;
use crate::protocol::{MessageChannel, MessageClass, Protocol};
use medspa_phi_lint::{Context, Kind, LintOptions, Linter, Policy, Preset, Verdict};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// Protocols to check, with the catalog they refer to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ValidateProtocolsRequest {
    /// The protocols.
    pub protocols: Vec<Protocol>,
    /// Every treatment id the clinic's catalog knows.
    pub treatments: Vec<String>,
    /// The message templates. When given, every step's `templateId` must be among them, and
    /// each is linted for PHI on its steps' channels.
    #[serde(default)]
    pub templates: Vec<Template>,
    /// The clinic's own details for phi-lint (its name, phone, staff are never PHI).
    #[serde(default)]
    pub lint_context: Context,
}

/// A message template with `{{merge.fields}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Template {
    /// The id steps refer to.
    pub id: String,
    /// The text.
    pub text: String,
}

/// Every problem found; protocols are usable when `valid`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ProtocolsValidation {
    /// No problem of severity `error`.
    pub valid: bool,
    /// Every problem, errors and warnings, in request order.
    pub problems: Vec<Problem>,
}

/// Checks protocols and templates and lists every problem (an answer, not an error).
///
/// - Structure: duplicate ids, one protocol per treatment, offsets from 0 to
///   [`MAX_OFFSET_HOURS`] hours or [`MAX_OFFSET_DAYS`] days, series limits, series steps
///   without a series (`NO_SERIES`).
/// - `UNKNOWN_TREATMENT`: a protocol for a treatment the catalog lacks.
/// - `MIXED_CLASSES` (warning): one protocol with several message classes.
/// - `MARKETING_WITHOUT_CONSENT`: a marketing step without `requiresConsent`.
/// - `UNKNOWN_TEMPLATE`: a step's template is not among `templates` (when templates are given).
/// - `TEMPLATE_LEAKS_PHI` at `$.templates[i].text`: phi-lint blocks the template on one of its
///   steps' channels (the `marketing` preset for marketing steps, `reminder` otherwise), or it
///   puts a health detail (a treatment, condition, medication, body area or symptom) into an
///   unsecured channel. `TEMPLATE_PHI_WARNING` (warning) for phi-lint's other warnings.
/// - `SMS_TOO_LONG` (warning): a healthcare template sent by SMS longer than
///   [`HEALTHCARE_SMS_MAX_CHARS`], counting each merge field as [`MERGE_FIELD_CHARS`].
///
/// ```
/// use medspa_followup::{validate_protocols, ValidateProtocolsRequest};
/// let request: ValidateProtocolsRequest = serde_json::from_value(serde_json::json!({
///     "protocols": [{"id": "tox", "treatmentId": "neurotoxin", "steps": [
///         {"id": "48h", "kind": "check_in", "offset": {"hours": 48}, "channel": "sms",
///          "templateId": "checkin", "class": "healthcare"}]}],
///     "treatments": ["neurotoxin"],
///     "templates": [{"id": "checkin",
///                    "text": "Hi {{client.first_name}}, how is your {{treatment.name}} settling?"}]
/// })).unwrap();
/// let report = validate_protocols(&request);
/// assert!(!report.valid);
/// assert_eq!(report.problems[0].code, "TEMPLATE_LEAKS_PHI");
/// assert_eq!(report.problems[0].path, "$.templates[0].text");
/// ```
pub fn validate_protocols(request: &ValidateProtocolsRequest) -> ProtocolsValidation {
    let mut problems = Vec::new();
    if request.templates.len() > MAX_TEMPLATES {
        problems.push(Problem::error(
            TOO_MANY,
            "$.templates",
            format!("at most {MAX_TEMPLATES} entries are allowed"),
        ));
    }
    if request.treatments.len() > MAX_TREATMENTS {
        problems.push(Problem::error(
            TOO_MANY,
            "$.treatments",
            format!("at most {MAX_TREATMENTS} entries are allowed"),
        ));
    }
    problems.extend(check_protocols(&request.protocols, "$.protocols"));
    if problems.iter().any(|p| p.code == TOO_MANY) {
        return finish(problems);
    }
    let known: HashSet<&str> = request.treatments.iter().map(String::as_str).collect();
    let mut templates: HashMap<&str, usize> = HashMap::new();
    for (i, t) in request.templates.iter().enumerate() {
        if templates.insert(&t.id, i).is_some() {
            problems.push(Problem::error(
                DUPLICATE_ID,
                format!("$.templates[{i}].id"),
                "another template has this id",
            ));
        }
    }
    let mut linted: HashSet<(usize, MessageChannel, bool)> = HashSet::new();
    let mut linters: HashMap<(MessageChannel, bool), Option<Linter>> = HashMap::new();
    for (p, protocol) in request.protocols.iter().enumerate() {
        if !known.contains(&*protocol.treatment_id) {
            problems.push(Problem::error(
                UNKNOWN_TREATMENT,
                format!("$.protocols[{p}].treatmentId"),
                "the catalog has no treatment with this id",
            ));
        }
        for (s, step) in protocol.steps.iter().enumerate() {
            if request.templates.is_empty() {
                continue;
            }
            let Some(&t) = templates.get(&*step.template_id) else {
                problems.push(Problem::error(
                    UNKNOWN_TEMPLATE,
                    format!("$.protocols[{p}].steps[{s}].templateId"),
                    "no template in `templates` has this id",
                ));
                continue;
            };
            let marketing = step.class == MessageClass::Marketing;
            let channels =
                std::iter::once(step.channel).chain(step.fallback_channels.iter().copied());
            for channel in channels {
                if !linted.insert((t, channel, marketing)) {
                    continue;
                }
                let linter = linters.entry((channel, marketing)).or_insert_with(|| {
                    let options = LintOptions {
                        channel: channel.lint_channel(),
                        policy: Policy::Preset(if marketing {
                            Preset::Marketing
                        } else {
                            Preset::Reminder
                        }),
                        context: request.lint_context.clone(),
                        ..LintOptions::default()
                    };
                    Linter::new(&options).ok()
                });
                let text = &request.templates[t].text;
                lint_one(
                    linter.as_ref(),
                    text,
                    channel,
                    &format!("$.templates[{t}].text"),
                    &mut problems,
                );
                if channel == MessageChannel::Sms && step.class == MessageClass::Healthcare {
                    let length = estimated_length(text);
                    if length > HEALTHCARE_SMS_MAX_CHARS {
                        problems.push(Problem::warning(
                            SMS_TOO_LONG,
                            format!("$.templates[{t}].text"),
                            format!(
                                "about {length} characters: an automated healthcare SMS over {HEALTHCARE_SMS_MAX_CHARS} loses the FCC healthcare exemption"
                            ),
                        ));
                    }
                }
            }
        }
    }
    finish(problems)
}

fn finish(problems: Vec<Problem>) -> ProtocolsValidation {
    ProtocolsValidation {
        valid: !problems
            .iter()
            .any(|p| p.severity == ProblemSeverity::Error),
        problems,
    }
}

fn lint_one(
    linter: Option<&Linter>,
    text: &str,
    channel: MessageChannel,
    path: &str,
    problems: &mut Vec<Problem>,
) {
    let report = match linter.map(|l| l.lint_template(text)) {
        Some(Ok(report)) => report,
        // The context failed phi-lint's own checks, or the text is too long: unchecked is an error.
        _ => {
            problems.push(Problem::error(
                TEMPLATE_UNCHECKED,
                path,
                "phi-lint could not check this template (too long, or a lint context it refuses)",
            ));
            return;
        }
    };
    let health: Vec<Kind> = report
        .diagnostics
        .iter()
        .filter(|d| d.kind.is_health() && d.severity >= medspa_phi_lint::Severity::Warning)
        .map(|d| d.kind)
        .collect();
    let kinds = |only_health: bool| {
        let mut names: Vec<&str> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity >= medspa_phi_lint::Severity::Warning)
            .filter(|d| !only_health || d.kind.is_health())
            .map(|d| d.kind.as_str())
            .collect();
        names.sort_unstable();
        names.dedup();
        names.join(", ")
    };
    let unsecured = !channel.lint_channel().is_secure();
    if report.verdict == Verdict::Block || (unsecured && !health.is_empty()) {
        problems.push(Problem::error(
            TEMPLATE_LEAKS_PHI,
            path,
            format!(
                "on {}, the template would send protected health information ({})",
                channel.as_str(),
                kinds(false)
            ),
        ));
    } else if report.verdict == Verdict::Warn {
        problems.push(Problem::warning(
            TEMPLATE_PHI_WARNING,
            path,
            format!(
                "on {}, phi-lint asks for a review ({})",
                channel.as_str(),
                kinds(false)
            ),
        ));
    }
}

/// Characters of the literal text plus [`MERGE_FIELD_CHARS`] per `{{field}}`.
fn estimated_length(template: &str) -> usize {
    let mut length = 0;
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        length += rest[..open].chars().count();
        match rest[open + 2..].find("}}") {
            Some(close) => {
                length += MERGE_FIELD_CHARS;
                rest = &rest[open + 2 + close + 2..];
            }
            None => {
                length += rest[open..].chars().count();
                rest = "";
            }
        }
    }
    length + rest.chars().count()
}

#[cfg(test)]
mod tests {
    use super::estimated_length;

    #[test]
    fn merge_fields_count_as_a_fixed_allowance() {
        assert_eq!(estimated_length("Hi {{client.first_name}}!"), 3 + 12 + 1);
        assert_eq!(estimated_length("no fields"), 9);
        assert_eq!(estimated_length("open {{ only"), 12);
        assert_eq!(estimated_length("é{{a}}é"), 14);
    }
}
