//! Scores the labeled corpus: `cargo run -p medspa-phi-lint --release --example evaluate
//! [-- --verbose] [--holdout]` prints precision and recall per kind, verdict accuracy and
//! escalation recall (`--verbose` also lists every disagreement). `--holdout` scores the small
//! held-out set in `tests/holdout` instead, which was written after the rules were tuned on the
//! main corpus and is never used to change them.

#![allow(clippy::print_stdout, reason = "a command-line report")]

#[path = "../tests/support/corpus.rs"]
mod corpus;

use std::path::Path;

fn main() {
    let verbose = std::env::args().any(|a| a == "--verbose");
    let set = if std::env::args().any(|a| a == "--holdout") {
        "tests/holdout"
    } else {
        "tests/corpus"
    };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(set);
    let cases = corpus::load(&dir);
    let s = corpus::score(&cases);
    println!("corpus: {} messages", s.cases);
    println!(
        "{:<14} {:>5} {:>5} {:>5} {:>9} {:>7} {:>7}",
        "kind", "tp", "fp", "fn", "precision", "recall", "exact"
    );
    for (kind, c) in &s.per_kind {
        println!(
            "{:<14} {:>5} {:>5} {:>5} {:>9.3} {:>7.3} {:>7}",
            kind,
            c.tp,
            c.fp,
            c.fn_,
            c.precision(),
            c.recall(),
            c.exact
        );
    }
    let t = s.total();
    println!(
        "{:<14} {:>5} {:>5} {:>5} {:>9.3} {:>7.3} {:>7}",
        "ALL",
        t.tp,
        t.fp,
        t.fn_,
        t.precision(),
        t.recall(),
        t.exact
    );
    println!(
        "verdict accuracy: {:.3} ({}/{})",
        s.verdict_correct as f64 / s.cases as f64,
        s.verdict_correct,
        s.cases
    );
    println!(
        "escalation: recall {:.3} ({}/{} at or above the expected level), urgent recall {}/{}, precision {:.3} ({}/{}), exact level {:.3}",
        s.escalations_found as f64 / s.escalations_expected.max(1) as f64,
        s.escalations_found,
        s.escalations_expected,
        s.urgent_found,
        s.urgent_expected,
        s.escalations_predicted_right as f64 / s.escalations_predicted.max(1) as f64,
        s.escalations_predicted_right,
        s.escalations_predicted,
        s.escalate_correct as f64 / s.cases as f64,
    );
    if verbose {
        for m in &s.misses {
            println!("  {:<16} {}", m.id, m.what);
        }
    }
}
