//! The labeled corpus (`tests/corpus/*.txt`) and its scoring, shared by `tests/corpus.rs` and
//! `examples/evaluate.rs`.
//!
//! Format, in the manner of rust-analyzer's fixtures: `=== id key=value...` starts a message;
//! the message lines follow; under any line, a caret line `   ^^^^^ KIND` marks an expected
//! finding (columns count characters of the line above). Keys: `channel`, `direction`,
//! `policy`, `locale`, `ctx` (a context from `contexts.json`), `verdict`, `escalate`,
//! `accepted`.

#![allow(
    dead_code,
    reason = "each user of this module needs a different part of it"
)]

use medspa_phi_lint::{lint, Escalation, Kind, LintOptions, Report, Verdict};
use std::collections::BTreeMap;
use std::path::Path;

/// One expected finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

/// One labeled message.
#[derive(Debug, Clone)]
pub struct Case {
    pub id: String,
    pub text: String,
    pub options: LintOptions,
    pub verdict: Verdict,
    pub escalate: Escalation,
    pub expected: Vec<Expected>,
}

fn verdict(s: &str) -> Verdict {
    match s {
        "allow" => Verdict::Allow,
        "warn" => Verdict::Warn,
        "block" => Verdict::Block,
        other => panic!("unknown verdict {other}"),
    }
}

fn escalation(s: &str) -> Escalation {
    match s {
        "none" => Escalation::None,
        "clinical" => Escalation::Clinical,
        "urgent" => Escalation::Urgent,
        other => panic!("unknown escalation {other}"),
    }
}

/// A caret line: leading spaces, carets, one space, a kind.
fn caret(line: &str) -> Option<(usize, usize, Kind)> {
    let trimmed = line.trim_start_matches(' ');
    let col = line.len() - trimmed.len();
    let carets = trimmed.bytes().take_while(|&b| b == b'^').count();
    if carets == 0 {
        return None;
    }
    let kind = Kind::parse(trimmed[carets..].trim())?;
    Some((col, col + carets, kind))
}

/// A message being read: id, header keys, lines, expected findings.
type Pending = (String, BTreeMap<String, String>, Vec<String>, Vec<Expected>);

/// Loads every `*.txt` file of the corpus directory.
pub fn load(dir: &Path) -> Vec<Case> {
    let contexts: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("contexts.json")).expect("contexts.json"),
    )
    .expect("contexts.json is JSON");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("corpus dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut cases = Vec::new();
    for file in files {
        let content = std::fs::read_to_string(&file).expect("corpus file");
        let mut current: Option<Pending> = None;
        let finish = |cur: Option<Pending>, cases: &mut Vec<Case>| {
            let Some((id, keys, mut lines, expected)) = cur else {
                return;
            };
            while lines.last().is_some_and(|l| l.trim().is_empty()) {
                lines.pop();
            }
            let get = |k: &str, d: &str| keys.get(k).cloned().unwrap_or_else(|| d.to_string());
            let mut opts = serde_json::json!({
                "channel": get("channel", "sms"),
                "direction": get("direction", "outbound"),
                "policy": get("policy", "reminder"),
                "locale": get("locale", "en"),
                "acceptedUnencrypted": get("accepted", "false") == "true",
            });
            let ctx = contexts
                .get(get("ctx", "none"))
                .unwrap_or_else(|| panic!("{id}: unknown ctx"));
            opts["context"] = ctx.clone();
            let options: LintOptions =
                serde_json::from_value(opts).unwrap_or_else(|e| panic!("{id}: {e}"));
            cases.push(Case {
                id,
                text: lines.join("\n"),
                options,
                verdict: verdict(&get("verdict", "allow")),
                escalate: escalation(&get("escalate", "none")),
                expected,
            });
        };
        for line in content.lines() {
            if let Some(header) = line.strip_prefix("=== ") {
                finish(current.take(), &mut cases);
                let mut parts = header.split_whitespace();
                let id = parts.next().expect("id").to_string();
                let keys = parts
                    .filter_map(|kv| kv.split_once('='))
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect();
                current = Some((id, keys, Vec::new(), Vec::new()));
                continue;
            }
            let Some((_, _, lines, expected)) = current.as_mut() else {
                continue;
            };
            if let Some((c0, c1, kind)) = caret(line) {
                let last = lines.last().expect("a caret line follows a message line");
                let line_start: usize = lines[..lines.len() - 1].iter().map(|l| l.len() + 1).sum();
                let byte = |col: usize| last.char_indices().nth(col).map_or(last.len(), |(b, _)| b);
                expected.push(Expected {
                    kind,
                    start: line_start + byte(c0),
                    end: line_start + byte(c1),
                });
            } else {
                lines.push(line.to_string());
            }
        }
        finish(current.take(), &mut cases);
    }
    cases
}

/// Counts for one kind.
#[derive(Debug, Clone, Copy, Default)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub exact: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// One disagreement, for reading.
#[derive(Debug, Clone)]
pub struct Miss {
    pub id: String,
    pub what: String,
}

/// The evaluation of a whole corpus.
#[derive(Debug, Default)]
pub struct Score {
    pub cases: usize,
    pub per_kind: BTreeMap<&'static str, Counts>,
    pub verdict_correct: usize,
    pub escalate_correct: usize,
    pub escalations_expected: usize,
    pub escalations_found: usize,
    pub urgent_expected: usize,
    pub urgent_found: usize,
    pub escalations_predicted: usize,
    pub escalations_predicted_right: usize,
    pub misses: Vec<Miss>,
}

impl Score {
    pub fn total(&self) -> Counts {
        self.per_kind
            .values()
            .fold(Counts::default(), |a, c| Counts {
                tp: a.tp + c.tp,
                fp: a.fp + c.fp,
                fn_: a.fn_ + c.fn_,
                exact: a.exact + c.exact,
            })
    }
    pub fn kind(&self, kind: Kind) -> Counts {
        self.per_kind
            .get(kind.as_str())
            .copied()
            .unwrap_or_default()
    }
}

/// Lints every case and scores findings (same kind and overlapping spans match, one to one),
/// verdicts and escalations.
pub fn score(cases: &[Case]) -> Score {
    let mut s = Score::default();
    for case in cases {
        let report: Report =
            lint(&case.text, &case.options).unwrap_or_else(|e| panic!("{}: {e}", case.id));
        s.cases += 1;
        let predicted: Vec<(Kind, usize, usize)> = report
            .diagnostics
            .iter()
            .filter(|d| !d.rule_id.starts_with("escalate/"))
            .map(|d| (d.kind, d.utf8.start, d.utf8.end))
            .collect();
        let mut used = vec![false; predicted.len()];
        for e in &case.expected {
            let counts = s.per_kind.entry(e.kind.as_str()).or_default();
            let found = predicted
                .iter()
                .enumerate()
                .position(|(i, &(k, a, b))| !used[i] && k == e.kind && a < e.end && e.start < b);
            match found {
                Some(i) => {
                    used[i] = true;
                    counts.tp += 1;
                    if predicted[i].1 == e.start && predicted[i].2 == e.end {
                        counts.exact += 1;
                    } else {
                        s.misses.push(Miss {
                            id: case.id.clone(),
                            what: format!(
                                "span {}: expected {:?}, got {:?}",
                                e.kind.as_str(),
                                &case.text[e.start..e.end],
                                &case.text[predicted[i].1..predicted[i].2]
                            ),
                        });
                    }
                }
                None => {
                    counts.fn_ += 1;
                    s.misses.push(Miss {
                        id: case.id.clone(),
                        what: format!(
                            "missed {} {:?}",
                            e.kind.as_str(),
                            &case.text[e.start..e.end]
                        ),
                    });
                }
            }
        }
        for (i, &(k, a, b)) in predicted.iter().enumerate() {
            if !used[i] {
                s.per_kind.entry(k.as_str()).or_default().fp += 1;
                s.misses.push(Miss {
                    id: case.id.clone(),
                    what: format!("extra {} {:?}", k.as_str(), &case.text[a..b]),
                });
            }
        }
        if report.verdict == case.verdict {
            s.verdict_correct += 1;
        } else {
            s.misses.push(Miss {
                id: case.id.clone(),
                what: format!(
                    "verdict: expected {:?}, got {:?}",
                    case.verdict, report.verdict
                ),
            });
        }
        if report.escalate == case.escalate {
            s.escalate_correct += 1;
        } else {
            s.misses.push(Miss {
                id: case.id.clone(),
                what: format!(
                    "escalate: expected {:?}, got {:?}",
                    case.escalate, report.escalate
                ),
            });
        }
        if case.escalate != Escalation::None {
            s.escalations_expected += 1;
            if report.escalate >= case.escalate {
                s.escalations_found += 1;
            }
        }
        if case.escalate == Escalation::Urgent {
            s.urgent_expected += 1;
            if report.escalate == Escalation::Urgent {
                s.urgent_found += 1;
            }
        }
        if report.escalate != Escalation::None {
            s.escalations_predicted += 1;
            if case.escalate != Escalation::None {
                s.escalations_predicted_right += 1;
            }
        }
    }
    s
}
