//! Properties over arbitrary text: no panics (long text, U+FFFD, emoji, combining marks), spans
//! on char boundaries and inside the text, UTF-16 offsets agreeing with `Utf16Index`, a
//! redacted text free of every matched value, and messages that never quote the text.

#![cfg(not(target_arch = "wasm32"))]

use medspa_phi_lint::{lint, lint_template, LintOptions};
use medspa_spans::{Span, Utf16Index};
use proptest::prelude::*;

/// Text mixing message-like tokens with awkward characters.
fn text() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        3 => "[a-zA-Z]{1,8}",
        1 => Just("Botox".to_string()),
        1 => Just("Maria".to_string()),
        1 => Just("DOB".to_string()),
        1 => Just("987-65-4320".to_string()),
        1 => Just("(212) 555-0147".to_string()),
        1 => Just("02/14/1991".to_string()),
        1 => Just("maria@example.com".to_string()),
        1 => Just("María José\u{301}".to_string()),
        1 => Just("\u{FFFD}".to_string()),
        1 => Just("🙂".to_string()),
        1 => Just("blanching is normal".to_string()),
        1 => Just("hinchazón".to_string()),
        1 => Just("{{client.first_name}}".to_string()),
        1 => "[0-9]{1,12}",
        1 => "[ .,:;!?#@/()\\-+\n]{1,3}",
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    proptest::collection::vec(token, 0..40).prop_map(|t| t.join(" "))
}

fn options() -> impl Strategy<Value = LintOptions> {
    (0..5usize, 0..3usize, any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(ch, pol, es, inbound, accepted)| {
        let channel = ["sms", "email", "voice", "push", "portal"][ch];
        let policy = ["reminder", "secure-portal", "marketing"][pol];
        let json = serde_json::json!({
            "channel": channel,
            "policy": policy,
            "locale": if es { "es" } else { "en" },
            "direction": if inbound { "inbound" } else { "outbound" },
            "acceptedUnencrypted": accepted,
            "context": {"recipient": {"names": ["Maria Garcia"], "dob": "1991-02-14", "phones": ["512-555-0147"]},
                        "clinic": {"phones": ["212-555-0100"], "staff": ["Ashley"]}}
        });
        serde_json::from_value(json).expect("options")
    })
}

fn check_report(text: &str, report: &medspa_phi_lint::Report) -> Result<(), TestCaseError> {
    let index = Utf16Index::new(text);
    for d in &report.diagnostics {
        let span = Span::new(d.utf8.start, d.utf8.end);
        let value = span.slice(text);
        prop_assert!(value.is_some(), "span off a char boundary: {:?}", d);
        prop_assert!(d.utf8.start < d.utf8.end, "empty span {:?}", d);
        prop_assert_eq!(index.span_to_utf16(span), Some((d.span.start, d.span.end)));
        let value = value.unwrap_or_default();
        // Messages are static wording: they never contain what was matched.
        if value.trim().chars().count() >= 3 {
            prop_assert!(!d.message.contains(value), "message quotes {:?}", value);
        }
    }
    Ok(())
}

/// Every matched value of a redacted finding is gone from the redacted text, unless the same
/// characters also occur outside every finding.
fn check_redacted(text: &str, report: &medspa_phi_lint::Report) -> Result<(), TestCaseError> {
    let covered: Vec<Span> = report
        .diagnostics
        .iter()
        .filter(|d| d.fix.as_ref().is_some_and(|f| !f.replacement.is_empty()))
        .map(|d| Span::new(d.utf8.start, d.utf8.end))
        .collect();
    let mut outside = String::new();
    let mut pos = 0;
    let mut sorted = covered.clone();
    sorted.sort();
    for s in &sorted {
        if s.start >= pos {
            outside.push_str(&text[pos..s.start]);
            outside.push('\u{0}');
            pos = s.end;
        } else {
            pos = pos.max(s.end);
        }
    }
    outside.push_str(&text[pos.min(text.len())..]);
    check_redactions(text, report)?;
    for s in &covered {
        let value = &text[s.start..s.end];
        if value.chars().count() >= 4 && !outside.contains(value) && !value.starts_with('[') {
            prop_assert!(
                !report.redacted.contains(value),
                "redacted keeps {:?}: {:?}",
                value,
                report.redacted
            );
        }
    }
    Ok(())
}

/// The report's redaction edits, replayed on the text in UTF-8 and in UTF-16 (as the JS shim
/// does), give its redacted text; they are in order and do not overlap.
fn check_redactions(text: &str, report: &medspa_phi_lint::Report) -> Result<(), TestCaseError> {
    let utf16: Vec<u16> = text.encode_utf16().collect();
    let (mut by_bytes, mut by_units) = (String::new(), Vec::<u16>::new());
    let (mut at8, mut at16) = (0, 0);
    for edit in report.redactions() {
        prop_assert!(edit.utf8.start >= at8 && edit.utf8.start < edit.utf8.end);
        prop_assert!(edit.span.start >= at16 && edit.span.start < edit.span.end);
        by_bytes.push_str(&text[at8..edit.utf8.start]);
        by_bytes.push_str(edit.placeholder);
        by_units.extend(&utf16[at16..edit.span.start]);
        by_units.extend(edit.placeholder.encode_utf16());
        (at8, at16) = (edit.utf8.end, edit.span.end);
    }
    by_bytes.push_str(&text[at8..]);
    by_units.extend(&utf16[at16..]);
    prop_assert_eq!(&by_bytes, &report.redacted);
    let rebuilt = String::from_utf16(&by_units).expect("the edits keep surrogate pairs whole");
    prop_assert_eq!(rebuilt, by_bytes);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn never_panics_and_spans_hold(text in text(), options in options()) {
        let report = lint(&text, &options).expect("under the size limit");
        check_report(&text, &report)?;
        check_redacted(&text, &report)?;
        let template = lint_template(&text, &options).expect("under the size limit");
        check_report(&text, &template)?;
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,200}", options in options()) {
        let report = lint(&text, &options).expect("under the size limit");
        check_report(&text, &report)?;
    }
}

#[test]
fn long_texts_are_handled() {
    let unit =
        "Hi Maria 🙂, your Botox on Tuesday, March 4 at 2pm; SSN 987-65-4320 \u{FFFD} é\u{301}. ";
    let text = unit.repeat(64 * 1024 / unit.len());
    let report = lint(&text, &LintOptions::default()).expect("lint");
    assert!(report.diagnostics.len() > 1000);
    let digits = "1234567890".repeat(6000);
    lint(&digits, &LintOptions::default()).expect("lint");
    let dashes = "1-".repeat(30000);
    lint(&dashes, &LintOptions::default()).expect("lint");
    let braces = "{{".repeat(30000);
    lint_template(&braces, &LintOptions::default()).expect("lint");
}
