//! phi-lint reports packed for the JS shim: a message box lints on every keystroke, and the
//! JSON of a three-finding SMS report (1.1 KB of names and sentences the shim has seen many times
//! before) cost more to write in WASM and to `JSON.parse` in JS than finding the three.
//!
//! A packed report is a JSON array of numbers and a few strings:
//!
//! ```text
//! [first, [new strings…], redacted, verdict, escalate, d…]
//! ```
//!
//! Every name and message in a report (rule ids, kinds, severities, messages, fix texts,
//! verdict and escalation names) is an index into the list of strings this instance has sent
//! so far; the caller keeps one copy of that list per instance (shared by `lint` and
//! `lintTemplate`, so it is always a prefix of the instance's). The caller says how many it
//! already holds (`known`); the answer carries the ones it
//! lacks, starting at index `first`. Each diagnostic `d` is ten integers: rule id, kind,
//! severity, message, UTF-16 start and end, UTF-8 start and end, fix replacement and fix
//! description (both `-1` without a fix). `crates/wasm/js/phi-lint-report.js` expands it into
//! exactly the object [`crate::phi_lint::lint`]'s JSON describes; the agreement test in
//! pkg-tests compares the two for every fixture.

use medspa_phi_lint::Report;

/// The strings one WASM instance has sent, in order. All are `'static` (the linter's names and
/// messages), so they are told apart by address and length: no hashing of their text on every
/// report, and the list is bounded by the program's own texts. (The same text at two addresses
/// is sent twice, which is harmless.)
#[derive(Default)]
pub struct SentStrings {
    order: Vec<&'static str>,
    /// (address, length) → index, sorted, for a binary search (this runs several times per
    /// diagnostic).
    index: Vec<((usize, usize), u32)>,
}

impl SentStrings {
    fn index_of(&mut self, text: &'static str) -> u32 {
        let key = (text.as_ptr() as usize, text.len());
        match self.index.binary_search_by_key(&key, |&(k, _)| k) {
            Ok(at) => self.index[at].1,
            Err(at) => {
                let next = u32::try_from(self.order.len()).unwrap_or(u32::MAX);
                self.order.push(text);
                self.index.insert(at, (key, next));
                next
            }
        }
    }

    /// How many strings have been sent.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// Whether none has.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }
}

/// Packs `report` for a caller that already holds the first `known` strings of `sent`.
///
/// ```
/// use medspa_api::packed_report::{pack, SentStrings};
/// let linter = medspa_api::phi_lint::linter(r#"{"channel":"sms"}"#).unwrap();
/// let report = linter.lint("SSN 123-45-6789").unwrap();
/// let mut sent = SentStrings::default();
/// let packed = pack(&report, &mut sent, 0);
/// assert!(packed.starts_with(r#"[0,["block","none","phi/ssn","SSN","error""#));
/// // A second caller holding every string gets indexes only.
/// let known = sent.len();
/// let again = pack(&report, &mut sent, known);
/// assert!(again.starts_with(&format!("[{known},[],")));
/// ```
pub fn pack(report: &Report, sent: &mut SentStrings, known: usize) -> String {
    let first = if known > sent.len() { 0 } else { known };
    let verdict = sent.index_of(report.verdict.as_str());
    let escalate = sent.index_of(report.escalate.as_str());
    let mut numbers = Numbers::default();
    numbers.push(verdict as usize);
    numbers.push(escalate as usize);
    for d in &report.diagnostics {
        let names = [
            sent.index_of(d.rule_id),
            sent.index_of(d.kind.as_str()),
            sent.index_of(d.severity.as_str()),
            sent.index_of(d.message),
        ];
        for n in names {
            numbers.push(n as usize);
        }
        for n in [d.span.start, d.span.end, d.utf8.start, d.utf8.end] {
            numbers.push(n);
        }
        match &d.fix {
            Some(fix) => {
                numbers.push(sent.index_of(fix.replacement) as usize);
                numbers.push(sent.index_of(fix.description) as usize);
            }
            None => numbers.text.push_str(",-1,-1"),
        }
    }
    let mut out = String::with_capacity(numbers.text.len() + report.redacted.len() + 32);
    out.push('[');
    out.push_str(Numbers::digits(first, &mut [0; 20]));
    out.push_str(",[");
    for (i, text) in sent.order.iter().skip(first).enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_string(&mut out, text);
    }
    out.push_str("],");
    push_json_string(&mut out, &report.redacted);
    out.push_str(&numbers.text);
    out.push(']');
    out
}

/// The numbers of a packed report as text, each after a comma.
#[derive(Default)]
struct Numbers {
    text: String,
}

impl Numbers {
    fn push(&mut self, n: usize) {
        let mut buf = [0; 21];
        let digits = Self::digits(n, &mut buf[1..]);
        let len = digits.len();
        buf[20 - len] = b',';
        // ASCII: always UTF-8 (one `push_str` per number; this runs ten times per diagnostic).
        self.text
            .push_str(std::str::from_utf8(&buf[20 - len..]).unwrap_or_default());
    }

    /// `n` in decimal, written at the end of `buf` (20 bytes hold any `usize`).
    fn digits(mut n: usize, buf: &mut [u8]) -> &str {
        let mut at = buf.len();
        while let Some(slot) = at.checked_sub(1).and_then(|i| buf.get_mut(i)) {
            at -= 1;
            *slot = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        std::str::from_utf8(buf.get(at..).unwrap_or_default()).unwrap_or_default()
    }
}

/// `text` as a JSON string: quotes, backslashes and control characters escaped (the rest,
/// U+2028 included, is valid in JSON text as it is). Written in place: this runs for the
/// redacted text of every report.
fn push_json_string(out: &mut String, text: &str) {
    out.push('"');
    let mut copied = 0;
    for (i, b) in text.bytes().enumerate() {
        let short = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        // An ASCII byte is a char boundary.
        out.push_str(text.get(copied..i).unwrap_or_default());
        if short.is_empty() {
            out.push_str("\\u00");
            for nibble in [b >> 4, b & 0xf] {
                out.push(char::from(b"0123456789abcdef"[usize::from(nibble)]));
            }
        } else {
            out.push_str(short);
        }
        copied = i + 1;
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(not(target_arch = "wasm32"))]
    use proptest::strategy::Strategy;
    use serde_json::{json, Value};

    /// The Rust twin of the JS expander: a packed report back into the report's JSON.
    fn expand(packed: &str, strings: &mut Vec<String>) -> Value {
        let p: Vec<Value> = serde_json::from_str(packed).unwrap();
        let first = p[0].as_u64().unwrap() as usize;
        strings.truncate(first);
        for s in p[1].as_array().unwrap() {
            strings.push(s.as_str().unwrap().to_owned());
        }
        let name = |v: &Value| json!(strings[v.as_u64().unwrap() as usize]);
        let diagnostics: Vec<Value> = p[5..]
            .chunks(10)
            .map(|d| {
                let mut out = json!({
                    "ruleId": name(&d[0]), "kind": name(&d[1]), "severity": name(&d[2]),
                    "message": name(&d[3]),
                    "span": {"start": d[4], "end": d[5]}, "utf8": {"start": d[6], "end": d[7]},
                });
                if d[8].as_i64().unwrap() >= 0 {
                    out["fix"] = json!({"replacement": name(&d[8]), "description": name(&d[9])});
                }
                out
            })
            .collect();
        json!({"verdict": name(&p[3]), "escalate": name(&p[4]), "diagnostics": diagnostics,
               "redacted": p[2]})
    }

    #[test]
    fn strings_are_written_as_json() {
        for text in [
            "",
            "plain",
            "quote \" and \\ back",
            "new\nline\ttab\r",
            "\u{1}\u{1f}\u{7f}",
            "María 😀 \u{2028}",
        ] {
            let mut out = String::new();
            push_json_string(&mut out, text);
            assert_eq!(serde_json::from_str::<String>(&out).unwrap(), text);
        }
    }

    #[test]
    fn numbers_are_written_in_decimal() {
        let mut numbers = Numbers::default();
        let mut expected = String::new();
        for n in [0, 7, 10, 99, 100, 65_535, 1 << 40, usize::MAX] {
            assert_eq!(Numbers::digits(n, &mut [0; 20]), n.to_string());
            numbers.push(n);
            expected += &format!(",{n}");
        }
        assert_eq!(numbers.text, expected);
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        /// Any text, linted on any channel, packs into what its JSON report says, whether the
        /// caller holds all, none or a stale count of the strings.
        #[test]
        fn any_report_expands_to_its_json(
            pieces in proptest::collection::vec(proptest::prop_oneof![
                proptest::sample::select(vec![
                    "Hi Maria, ", "SSN 123-45-6789 ", "DOB 04/02/1990 ", "Botox ", "555-0142 ",
                    "maria@example.com ", "blanching after filler ", "\"quoted\" \\ ", "😀",
                    "\n", "Hola María, su cita de láser ", "{{treatment.name}} ", "MRN 00123456 ",
                ]).prop_map(str::to_owned),
                "\\PC{0,12}",
            ], 0..12),
            channel in proptest::sample::select(vec!["sms", "email", "portal", "voice"]),
            known in proptest::prop_oneof![proptest::strategy::Just(None), (0usize..80).prop_map(Some)],
        ) {
            let text = pieces.concat();
            let linter = crate::phi_lint::linter(&format!(r#"{{"channel":"{channel}"}}"#)).unwrap();
            let mut sent = SentStrings::default();
            let mut strings = Vec::new();
            // Warm the list with another report first, so indexes are not all fresh.
            let warm = linter.lint("Hi Ana, your filler is Friday. Call 212-555-0100.").unwrap();
            let _ = expand(&pack(&warm, &mut sent, 0), &mut strings);
            let report = linter.lint(&text).unwrap();
            let expected: Value =
                serde_json::from_str(&crate::json::encode(&report).unwrap()).unwrap();
            let held = known.unwrap_or(strings.len());
            strings.truncate(held);
            let packed = pack(&report, &mut sent, held);
            proptest::prop_assert_eq!(expand(&packed, &mut strings), expected);
            let template = linter.lint_template(&text);
            if let Ok(template) = template {
                let expected: Value =
                    serde_json::from_str(&crate::json::encode(&template).unwrap()).unwrap();
                let packed = pack(&template, &mut sent, strings.len());
                proptest::prop_assert_eq!(expand(&packed, &mut strings), expected);
            }
        }
    }

    #[test]
    fn packed_reports_expand_to_the_json_reports() {
        let texts = [
            "",
            "Hi Maria, your Botox touch-up is Friday May 2 at 10:00. Call 555-0142.",
            "SSN 123-45-6789, DOB 04/02/1990, email maria@example.com \"quoted\" \\ back",
            "Blanching after filler is normal, just massage it.",
            "Hola María, su cita de láser es el 3 de mayo. 😀 emoji and\nnew line",
        ];
        for options in [
            r#"{"channel":"sms"}"#,
            r#"{"channel":"portal","locale":"es"}"#,
        ] {
            let linter = crate::phi_lint::linter(options).unwrap();
            let mut sent = SentStrings::default();
            let mut strings = Vec::new();
            for text in texts.iter().chain(texts.iter()) {
                let report = linter.lint(text).unwrap();
                let packed = pack(&report, &mut sent, strings.len());
                let expected: Value =
                    serde_json::from_str(&crate::json::encode(&report).unwrap()).unwrap();
                assert_eq!(expand(&packed, &mut strings), expected, "{text}");
            }
            let report = linter.lint(texts[2]).unwrap();
            let expected: Value =
                serde_json::from_str(&crate::json::encode(&report).unwrap()).unwrap();
            // A caller that lost its strings is sent all of them again.
            let packed = pack(&report, &mut sent, 0);
            assert_eq!(expand(&packed, &mut Vec::new()), expected);
            // A caller whose instance was reset (a fresh list) starts over too.
            let packed = pack(&report, &mut SentStrings::default(), strings.len());
            assert_eq!(expand(&packed, &mut strings), expected);
        }
    }
}
