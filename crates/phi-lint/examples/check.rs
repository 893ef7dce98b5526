//! Prints the report for one message: `cargo run -p medspa-phi-lint --example check -- [--template]
//! [--options '{"channel":"email"}'] "message text"`.

#![allow(
    clippy::print_stdout,
    reason = "a command-line example prints its result"
)]

use medspa_phi_lint::{lint, lint_template, LintOptions};

fn main() {
    let mut args = std::env::args().skip(1);
    let mut options = LintOptions::default();
    let mut template = false;
    let mut text = String::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--template" => template = true,
            "--options" => {
                let json = args.next().unwrap_or_default();
                match serde_json::from_str(&json) {
                    Ok(o) => options = o,
                    Err(e) => {
                        println!("bad options: {e}");
                        return;
                    }
                }
            }
            _ => text = arg,
        }
    }
    let result = if template {
        lint_template(&text, &options)
    } else {
        lint(&text, &options)
    };
    match result {
        Ok(report) => {
            println!(
                "verdict: {:?}, escalate: {:?}",
                report.verdict, report.escalate
            );
            for d in &report.diagnostics {
                let s = &text[d.utf8.start..d.utf8.end];
                println!(
                    "  {:<28} {:<12} {:<8} {:?}",
                    d.rule_id,
                    d.kind.as_str(),
                    format!("{:?}", d.severity),
                    s
                );
            }
            println!("redacted: {}", report.redacted);
        }
        Err(e) => println!("error: {e}"),
    }
}
