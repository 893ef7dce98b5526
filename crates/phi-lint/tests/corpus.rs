//! The labeled corpus must stay above the targets: recall ≥ 0.98 on each structured
//! identifier kind, ≥ 0.95 on treatments and conditions, precision ≥ 0.9 overall, and every
//! urgent case escalated as urgent.

mod support;

use medspa_phi_lint::Kind;
use std::path::Path;
use support::corpus;

#[test]
fn corpus_meets_the_targets() {
    let cases = corpus::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus"));
    assert!(
        cases.len() >= 300,
        "the corpus has {} messages",
        cases.len()
    );
    let score = corpus::score(&cases);
    let mut failures = Vec::new();
    for kind in [
        Kind::Ssn,
        Kind::Phone,
        Kind::Email,
        Kind::Mrn,
        Kind::DateDob,
        Kind::Url,
        Kind::Zip,
    ] {
        let c = score.kind(kind);
        assert!(
            c.tp + c.fn_ > 0,
            "the corpus has no {} finding",
            kind.as_str()
        );
        if c.recall() < 0.98 {
            failures.push(format!("{} recall {:.3}", kind.as_str(), c.recall()));
        }
    }
    for kind in [Kind::Treatment, Kind::Condition] {
        let c = score.kind(kind);
        if c.recall() < 0.95 {
            failures.push(format!("{} recall {:.3}", kind.as_str(), c.recall()));
        }
    }
    let total = score.total();
    if total.precision() < 0.9 {
        failures.push(format!("overall precision {:.3}", total.precision()));
    }
    if score.urgent_found != score.urgent_expected {
        failures.push(format!(
            "urgent cases escalated: {}/{}",
            score.urgent_found, score.urgent_expected
        ));
    }
    let misses: Vec<String> = score
        .misses
        .iter()
        .map(|m| format!("{} {}", m.id, m.what))
        .collect();
    assert!(failures.is_empty(), "{failures:?}\n{}", misses.join("\n"));
}

#[test]
fn corpus_ids_are_unique_and_annotations_lie_on_char_boundaries() {
    let cases = corpus::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus"));
    let mut ids: Vec<&str> = cases.iter().map(|c| c.id.as_str()).collect();
    ids.sort_unstable();
    let before = ids.len();
    ids.dedup();
    assert_eq!(before, ids.len(), "duplicate ids");
    for case in &cases {
        for e in &case.expected {
            assert!(
                case.text.get(e.start..e.end).is_some(),
                "{}: bad annotation",
                case.id
            );
        }
    }
}
