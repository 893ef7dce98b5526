//! Prints every report the labeled messages produce, one JSON line each: the oracle for changes
//! that must not change answers (speed work). Each corpus and holdout message is linted with its
//! own options, as a template, on sms/email/portal in Spanish, and joined with its neighbours into
//! longer texts. Compare two builds with
//! `cargo run -q -p medspa-phi-lint --release --example dump_reports > before.jsonl`, the change,
//! the same into `after.jsonl`, then `cmp before.jsonl after.jsonl`.

#![allow(clippy::print_stdout, reason = "a command-line dump")]

#[path = "../tests/support/corpus.rs"]
mod corpus;

use medspa_phi_lint::{LintOptions, Linter, Report};
use std::path::Path;

fn line(label: &str, report: Result<Report, medspa_errors::CodedError>) {
    let json = match report {
        Ok(r) => serde_json::to_string(&r).unwrap_or_default(),
        Err(e) => format!("error {} {}", e.code, e.path),
    };
    println!("{label}\t{json}");
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut cases = corpus::load(&root.join("tests/corpus"));
    cases.extend(corpus::load(&root.join("tests/holdout")));
    let spanish: Vec<LintOptions> = ["sms", "email", "portal"]
        .iter()
        .map(|c| {
            serde_json::from_str(&format!(r#"{{"channel":"{c}","locale":"es"}}"#))
                .unwrap_or_default()
        })
        .collect();
    for (i, case) in cases.iter().enumerate() {
        let Ok(linter) = Linter::new(&case.options) else {
            println!("{}\toptions rejected", case.id);
            continue;
        };
        line(&case.id, linter.lint(&case.text));
        line(
            &format!("{} template", case.id),
            linter.lint_template(&case.text),
        );
        for (options, name) in spanish.iter().zip(["sms", "email", "portal"]) {
            if let Ok(es) = Linter::new(options) {
                line(&format!("{} es-{name}", case.id), es.lint(&case.text));
            }
        }
        // Longer texts: this message and the next two, on the first message's options.
        let joined: Vec<&str> = cases[i..].iter().take(3).map(|c| c.text.as_str()).collect();
        line(
            &format!("{} joined", case.id),
            linter.lint(&joined.join("\n\n")),
        );
    }
    // Every message at once, in one text under the 64 KiB limit per locale.
    for locale in ["en", "es"] {
        let mut all = String::new();
        for case in &cases {
            if all.len() + case.text.len() + 2 > 60 * 1024 {
                break;
            }
            all.push_str(&case.text);
            all.push_str("\n\n");
        }
        if let Ok(p) = std::env::var("ALL_TEXT") {
            let _ = std::fs::write(p, &all);
        }
        let options = format!(r#"{{"channel":"email","locale":"{locale}"}}"#);
        let options: LintOptions = serde_json::from_str(&options).unwrap_or_default();
        if let Ok(linter) = Linter::new(&options) {
            line(&format!("all {locale}"), linter.lint(&all));
        }
    }
}
