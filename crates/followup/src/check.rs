//! Structural checks of protocols, shared by planning (which refuses the first error) and
//! [`validate_protocols`](crate::validate_protocols) (which lists every problem).

use crate::codes::*;
use crate::limits::*;
use crate::protocol::*;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// How serious a validation problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum ProblemSeverity {
    /// Worth a look; planning still works.
    Warning,
    /// Planning refuses the protocols (or the template must not be used).
    Error,
}

/// One problem found by [`validate_protocols`](crate::validate_protocols).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    /// Stable code, such as `UNKNOWN_TREATMENT` or `TEMPLATE_LEAKS_PHI` (see [`codes`](crate::codes)).
    pub code: String,
    /// How serious it is.
    pub severity: ProblemSeverity,
    /// JSON path into the request, such as `$.protocols[1].steps[0].offset.hours`.
    pub path: String,
    /// Plain-language explanation; never quotes the request.
    pub message: String,
}

impl Problem {
    pub(crate) fn error(code: &str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(code, ProblemSeverity::Error, path, message)
    }

    pub(crate) fn warning(code: &str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(code, ProblemSeverity::Warning, path, message)
    }

    fn new(
        code: &str,
        severity: ProblemSeverity,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Problem {
            code: code.to_string(),
            severity,
            path: path.into(),
            message: message.into(),
        }
    }
}

/// Every structural problem of `protocols` (paths under `path`, such as `$.protocols`). Oversized
/// lists are reported alone, before any per-entry work.
pub(crate) fn check_protocols(protocols: &[Protocol], path: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    // Paths are written only for an oversized list: planning checks protocols on every call.
    if protocols.len() > MAX_PROTOCOLS {
        problems.push(too_many_entries(path.to_string(), MAX_PROTOCOLS));
    }
    for (p, protocol) in protocols.iter().enumerate() {
        if protocol.steps.len() > MAX_STEPS {
            problems.push(too_many_entries(format!("{path}[{p}].steps"), MAX_STEPS));
        }
        for (s, step) in protocol.steps.iter().enumerate() {
            if step.fallback_channels.len() > MAX_FALLBACKS {
                let at = format!("{path}[{p}].steps[{s}].fallbackChannels");
                problems.push(too_many_entries(at, MAX_FALLBACKS));
            }
        }
        if let Some(series) = &protocol.series {
            if series.intervals.len() > MAX_INTERVALS {
                let at = format!("{path}[{p}].series.intervals");
                problems.push(too_many_entries(at, MAX_INTERVALS));
            }
        }
    }
    if !problems.is_empty() {
        return problems;
    }
    let mut ids: HashSet<&str> = HashSet::with_capacity(protocols.len());
    let mut treatments: HashSet<&str> = HashSet::with_capacity(protocols.len());
    // Paths are written only when a problem is found: planning checks protocols on every call.
    let at = |p: usize| format!("{path}[{p}]");
    let step_at = |p: usize, s: usize| format!("{path}[{p}].steps[{s}]");
    for (p, protocol) in protocols.iter().enumerate() {
        if !ids.insert(&protocol.id) {
            problems.push(Problem::error(
                DUPLICATE_ID,
                format!("{}.id", at(p)),
                "another protocol has this id",
            ));
        }
        if !treatments.insert(&protocol.treatment_id) {
            problems.push(Problem::error(
                DUPLICATE_ID,
                format!("{}.treatmentId", at(p)),
                "another protocol covers this treatment; one protocol per treatment",
            ));
        }
        if let Some(series) = &protocol.series {
            if series_problem(series) {
                check_series(series, &format!("{}.series", at(p)), &mut problems);
            }
        }
        let mut classes: Vec<MessageClass> = Vec::new();
        for (s, step) in protocol.steps.iter().enumerate() {
            if protocol.steps[..s].iter().any(|other| other.id == step.id) {
                problems.push(Problem::error(
                    DUPLICATE_ID,
                    format!("{}.id", step_at(p, s)),
                    "another step of this protocol has this id",
                ));
            }
            if offset_problem(step.offset) {
                check_offset(
                    step.offset,
                    &format!("{}.offset", step_at(p, s)),
                    &mut problems,
                );
            }
            if step.kind.is_series() && protocol.series.is_none() {
                problems.push(Problem::error(
                    NO_SERIES,
                    format!("{}.kind", step_at(p, s)),
                    "rebooking and series reminders need the protocol's `series`",
                ));
            }
            if step.class == MessageClass::Marketing && !step.requires_consent {
                problems.push(Problem::error(
                    MARKETING_WITHOUT_CONSENT,
                    format!("{}.requiresConsent", step_at(p, s)),
                    "a marketing message needs the client's prior consent: set `requiresConsent`",
                ));
            }
            if !classes.contains(&step.class) {
                classes.push(step.class);
            }
        }
        if classes.len() > 1 {
            problems.push(Problem::warning(
                MIXED_CLASSES,
                format!("{}.steps", at(p)),
                "the protocol mixes message classes (healthcare, billing, marketing); keep them in separate protocols",
            ));
        }
    }
    problems
}

fn too_many_entries(path: String, max: usize) -> Problem {
    Problem::error(TOO_MANY, path, format!("at most {max} entries are allowed"))
}

fn offset_problem(offset: Offset) -> bool {
    match offset {
        Offset::Hours(h) => !(0..=MAX_OFFSET_HOURS).contains(&h),
        Offset::Days(d) => !(0..=MAX_OFFSET_DAYS).contains(&d),
    }
}

fn series_problem(series: &SeriesRule) -> bool {
    series.sessions == 0
        || series.sessions > MAX_SESSIONS
        || (series.sessions > 1 && series.intervals.is_empty())
        || series
            .intervals
            .iter()
            .any(|i| i.max > MAX_INTERVAL_DAYS || i.min > i.max)
}

pub(crate) fn check_offset(offset: Offset, path: &str, problems: &mut Vec<Problem>) {
    let (value, max, field) = match offset {
        Offset::Hours(h) => (h, MAX_OFFSET_HOURS, "hours"),
        Offset::Days(d) => (d, MAX_OFFSET_DAYS, "days"),
    };
    if !(0..=max).contains(&value) {
        problems.push(Problem::error(
            OUT_OF_RANGE,
            format!("{path}.{field}"),
            format!("an offset in {field} must be between 0 and {max}"),
        ));
    }
}

pub(crate) fn check_series(series: &SeriesRule, path: &str, problems: &mut Vec<Problem>) {
    if series.sessions == 0 || series.sessions > MAX_SESSIONS {
        problems.push(Problem::error(
            OUT_OF_RANGE,
            format!("{path}.sessions"),
            format!("a series has 1 to {MAX_SESSIONS} sessions"),
        ));
    }
    if series.sessions > 1 && series.intervals.is_empty() {
        problems.push(Problem::error(
            OUT_OF_RANGE,
            format!("{path}.intervals"),
            "a series of more than one session needs at least one interval",
        ));
    }
    for (i, interval) in series.intervals.iter().enumerate() {
        if interval.max > MAX_INTERVAL_DAYS {
            problems.push(Problem::error(
                OUT_OF_RANGE,
                format!("{path}.intervals[{i}].max"),
                format!("an interval is at most {MAX_INTERVAL_DAYS} days"),
            ));
        } else if interval.min > interval.max {
            problems.push(Problem::error(
                OUT_OF_RANGE,
                format!("{path}.intervals[{i}].min"),
                "`min` is above `max`, so no date fits",
            ));
        }
    }
}

/// The first error among `problems`, as a coded error (codes are interned from [`codes`]).
pub(crate) fn first_error(problems: &[Problem]) -> Option<medspa_errors::CodedError> {
    problems
        .iter()
        .find(|p| p.severity == ProblemSeverity::Error)
        .map(|p| {
            medspa_errors::CodedError::new(static_code(&p.code), p.path.clone(), p.message.clone())
        })
}

fn static_code(code: &str) -> &'static str {
    [
        DUPLICATE_ID,
        UNKNOWN_TREATMENT,
        UNKNOWN_TEMPLATE,
        OUT_OF_RANGE,
        TOO_MANY,
        NO_SERIES,
        MARKETING_WITHOUT_CONSENT,
    ]
    .into_iter()
    .find(|c| *c == code)
    .unwrap_or(OUT_OF_RANGE)
}

/// Index of protocols by treatment id (first wins; duplicates were reported).
pub(crate) fn by_treatment(protocols: &[Protocol]) -> HashMap<&str, usize> {
    let mut index = HashMap::with_capacity(protocols.len());
    for (i, p) in protocols.iter().enumerate() {
        index.entry(&*p.treatment_id).or_insert(i);
    }
    index
}
