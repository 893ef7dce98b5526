//! Runs the linter in a loop, for profilers: `cargo run -p medspa-phi-lint --release --example
//! profile_loop [-- sms]`; `ROUNDS=n` sets the number of texts.

#![allow(clippy::print_stdout, reason = "prints a timing")]

use medspa_phi_lint::{LintOptions, Linter};

const SMS: &str = "Hi Maria, your Botox touch-up is Tuesday, March 4 at 2:30 PM at Glow Med Spa. \
Reply C to confirm or call (212) 555-0100 to reschedule. See you soon! - Ashley B.";

fn main() {
    let paragraph =
        "Thank you for visiting Glow Med Spa this week. Here are a few reminders for the next \
few days: keep the treated area clean, avoid strenuous exercise and saunas, and skip makeup until \
tomorrow. Mild redness and swelling are normal and usually fade within a day or two. Your next \
appointment is on Thursday, June 12 at 10:15 AM; reply to this email or call (212) 555-0100 if you \
need to change it. Your card ending in 4242 was charged $350.00, receipt #100234567. If you notice \
blanching, vision changes or severe pain, call us right away.\n\n";
    let sms = std::env::args().any(|a| a == "sms");
    let text = if sms {
        SMS.to_string()
    } else {
        paragraph.repeat(100)
    };
    let rounds = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(if sms { 200_000 } else { 100 });
    // The options of the criterion benchmarks (benches/lint.rs), so profiles explain them.
    let options: LintOptions = serde_json::from_str(
        r#"{"channel":"sms","context":{"clinic":{"phones":["(212) 555-0100"],"domains":["glowmedspa.example"],"staff":["Ashley Brooks"]}}}"#,
    )
    .expect("options");
    let linter = Linter::new(&options).expect("linter");
    linter.lint(&text).expect("warm up");
    let start = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..rounds {
        n += linter.lint(&text).expect("lint").diagnostics.len();
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{n} diagnostics, {:.2} µs per text, {:.1} MB/s",
        secs / rounds as f64 * 1e6,
        (text.len() * rounds) as f64 / secs / 1e6
    );
}
