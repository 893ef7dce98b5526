//! Criterion benchmarks: a 160-character SMS (target under 2 µs), a long email (target at least
//! 100 MB/s), and the same text against lexicons of growing size (the cost should not grow:
//! one automaton pass), and one pass over every labeled English message in turn (what a
//! batch of different messages costs: a loop over one text lets the branch predictor learn it,
//! which made the SMS about twice as fast as a corpus message of half its length).

#![allow(
    missing_docs,
    reason = "criterion_group! generates an undocumented public function"
)]

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use medspa_phi_lint::{lint, LintOptions, Linter};
use std::path::Path;
use std::time::Duration;

#[path = "../tests/support/corpus.rs"]
mod corpus;

/// 160 characters: a reminder with a name, a treatment, a date and time, the clinic's number
/// and a staff sign-off.
const SMS: &str = "Hi Maria, your Botox touch-up is Tuesday, March 4 at 2:30 PM at Glow Med Spa. \
Reply C to confirm or call (212) 555-0100 to reschedule. See you soon! - Ashley B.";

fn clinic_options() -> LintOptions {
    serde_json::from_str(
        r#"{"channel":"sms","context":{"clinic":{"phones":["(212) 555-0100"],"domains":["glowmedspa.example"],"staff":["Ashley Brooks"]}}}"#,
    )
    .expect("options")
}

/// A long aftercare/billing email (about 64 KiB), mostly plain prose with a few findings per
/// paragraph, like a newsletter-length message.
fn long_email() -> String {
    let paragraph =
        "Thank you for visiting Glow Med Spa this week. Here are a few reminders for the next \
few days: keep the treated area clean, avoid strenuous exercise and saunas, and skip makeup until \
tomorrow. Mild redness and swelling are normal and usually fade within a day or two. Your next \
appointment is on Thursday, June 12 at 10:15 AM; reply to this email or call (212) 555-0100 if you \
need to change it. Your card ending in 4242 was charged $350.00, receipt #100234567. If you notice \
blanching, vision changes or severe pain, call us right away.\n\n";
    let mut text = String::new();
    while text.len() + paragraph.len() < 64 * 1024 {
        text.push_str(paragraph);
    }
    text
}

fn sms(c: &mut Criterion) {
    assert_eq!(SMS.chars().count(), 160);
    let options = clinic_options();
    let linter = Linter::new(&options).expect("linter");
    // Build the automaton before timing.
    black_box(linter.lint(SMS).expect("lint"));
    let mut group = c.benchmark_group("sms_160");
    group.throughput(Throughput::Bytes(SMS.len() as u64));
    group.bench_function("linter", |b| b.iter(|| linter.lint(black_box(SMS))));
    group.bench_function("lint_with_options", |b| {
        b.iter(|| lint(black_box(SMS), black_box(&options)))
    });
    group.finish();
}

fn email(c: &mut Criterion) {
    let linter = Linter::new(&clinic_options()).expect("linter");
    let text = long_email();
    let mut group = c.benchmark_group("long_email");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("64KiB", |b| b.iter(|| linter.lint(black_box(&text))));
    group.finish();
}

/// The same text with 0 to 1,280 extra lexicon terms: the time should stay flat.
fn lexicon_size(c: &mut Criterion) {
    let text = long_email();
    let mut group = c.benchmark_group("lexicon_size");
    group.throughput(Throughput::Bytes(text.len() as u64));
    for extra in [0usize, 256, 1280] {
        let per_kind = extra / 5;
        let terms: Vec<String> = (0..per_kind).map(|i| format!("\"zxq{i}term\"")).collect();
        let list = terms.join(",");
        let json = format!(
            r#"{{"extraTerms":{{"treatments":[{list}],"conditions":[{list}],"medications":[{list}],"bodyAreas":[{list}],"symptoms":[{list}]}}}}"#
        );
        let options: LintOptions = serde_json::from_str(&json).expect("options");
        let linter = Linter::new(&options).expect("linter");
        group.bench_with_input(BenchmarkId::from_parameter(extra), &text, |b, t| {
            b.iter(|| linter.lint(black_box(t)))
        });
    }
    group.finish();
}

/// Every English message of the corpus and the holdout in turn, on one linter with the SMS
/// options the peers comparison uses (`bench/peers/run_ours.mjs`); throughput in messages.
fn corpus_pass(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let texts: Vec<String> = ["corpus", "holdout"]
        .iter()
        .flat_map(|set| corpus::load(&root.join(set)))
        .filter(|case| case.options.locale == medspa_phi_lint::Locale::En)
        .map(|case| case.text)
        .collect();
    let options: LintOptions = serde_json::from_str(r#"{"channel":"sms"}"#).expect("options");
    let linter = Linter::new(&options).expect("linter");
    let mut group = c.benchmark_group("corpus_en");
    group.throughput(Throughput::Elements(texts.len() as u64));
    group.bench_function("every_message", |b| {
        b.iter(|| {
            for text in &texts {
                black_box(linter.lint(black_box(text)).expect("lint"));
            }
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    targets = sms, email, lexicon_size, corpus_pass
}
criterion_main!(benches);
