//! phi-lint reports packed for the JS shim: a message box lints on every keystroke, and the
//! JSON of a three-finding SMS report (1.1 KB of names and sentences the shim has seen many times
//! before) cost more to write in WASM and to `JSON.parse` in JS than finding the three.
//!
//! A packed report is a list of integers (an `Int32Array` in JS: no JSON to write or parse) and
//! one text:
//!
//! ```text
//! numbers: [first, new, edits, diagnostics, verdict, escalate, len…, e…, d…]
//! text:    the new strings, end to end
//! ```
//!
//! Every name and message in a report (rule ids, kinds, severities, messages, fix texts,
//! placeholders, verdict and escalation names) is an index into the list of strings this
//! instance has sent so far; the caller keeps one copy of that list per instance (shared by
//! `lint` and `lintTemplate`, so it is always a prefix of the instance's). The caller says how
//! many it already holds (`known`); the answer carries the `new` ones it lacks, starting at
//! index `first`, each `len` UTF-16 code units long (so JS slices them out of `text`), and the
//! text is empty when there are none, which is the common case: it need not cross at all.
//! The redacted text does not cross either: the caller holds the input, and rebuilds it from
//! the `edits` redaction edits `e`, three integers each: UTF-16 start and end in the input, and
//! the placeholder (see [`Report::redactions`]). Each of the `diagnostics` `d` is ten integers:
//! rule id, kind, severity, message, UTF-16 start and end, UTF-8 start and end, fix replacement
//! and fix description (both `-1` without a fix). `crates/wasm/js/phi-lint-report.js` expands it into
//! exactly the object [`crate::phi_lint::lint`]'s JSON describes; the agreement test in
//! pkg-tests compares the two for every fixture.

use medspa_phi_lint::Report;

/// The strings one WASM instance has sent, in order. All are `'static` (the linter's names and
/// messages), so they are told apart by address and length: no hashing of their text on every
/// report, and the list is bounded by the program's own texts. (The same text at two addresses
/// is sent twice, which is harmless.)
pub struct SentStrings {
    order: Vec<&'static str>,
    /// (address, length) → index, sorted, for a binary search.
    index: Vec<((usize, usize), u32)>,
    /// A direct-mapped cache in front of `index`: this runs seven times per diagnostic, and a
    /// report asks for the same few strings every time (under Node the binary searches were
    /// 4% of a keystroke's lint).
    recent: [((usize, usize), u32); RECENT],
}

const RECENT: usize = 64;

impl Default for SentStrings {
    fn default() -> Self {
        SentStrings {
            order: Vec::new(),
            index: Vec::new(),
            // No string is `usize::MAX` bytes long: these slots match nothing.
            recent: [((0, usize::MAX), 0); RECENT],
        }
    }
}

impl SentStrings {
    fn index_of(&mut self, text: &'static str) -> u32 {
        let key = (text.as_ptr() as usize, text.len());
        let slot = (key.0 ^ key.0 >> 7 ^ key.1) % RECENT;
        if self.recent[slot].0 == key {
            return self.recent[slot].1;
        }
        let found = match self.index.binary_search_by_key(&key, |&(k, _)| k) {
            Ok(at) => self.index[at].1,
            Err(at) => {
                let next = u32::try_from(self.order.len()).unwrap_or(u32::MAX);
                self.order.push(text);
                self.index.insert(at, (key, next));
                next
            }
        };
        self.recent[slot] = (key, found);
        found
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

/// A report packed for the JS shim (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Packed {
    /// Header, string lengths, redaction edits and diagnostics, as laid out in the module docs.
    pub numbers: Vec<i32>,
    /// The new strings.
    pub text: String,
}

/// Packs the report for `input` for a caller that already holds the first `known` strings of
/// `sent`, into `out` (whose buffers are reused).
///
/// ```
/// use medspa_api::packed_report::{pack_into, Packed, SentStrings};
/// let linter = medspa_api::phi_lint::linter(r#"{"channel":"sms"}"#).unwrap();
/// let text = "SSN 123-45-6789";
/// let report = linter.lint(text).unwrap();
/// let mut sent = SentStrings::default();
/// let mut packed = Packed::default();
/// pack_into(&report, &mut sent, 0, &mut packed);
/// assert_eq!(packed.numbers[..4], [0, sent.len() as i32, 1, 1]);
/// assert!(packed.text.starts_with("blocknone[SSN]"));
/// // A second caller holding every string gets indexes only.
/// let known = sent.len();
/// pack_into(&report, &mut sent, known, &mut packed);
/// assert_eq!((packed.numbers[1], packed.text.as_str()), (0, ""));
/// ```
pub fn pack_into(report: &Report, sent: &mut SentStrings, known: usize, out: &mut Packed) {
    // A caller holding more than this instance sent saw an earlier instance: send all again.
    let first = if known > sent.len() { 0 } else { known };
    let numbers = &mut out.numbers;
    numbers.clear();
    // The header; `new` is known once every string has been looked up.
    numbers.extend([
        int(first),
        0,
        int(report.redactions().len()),
        int(report.diagnostics.len()),
        int(sent.index_of(report.verdict.as_str())),
        int(sent.index_of(report.escalate.as_str())),
    ]);
    // The string lengths go before the edits: room for them is made at the end.
    let body = numbers.len();
    for edit in report.redactions() {
        numbers.extend([
            int(edit.span.start),
            int(edit.span.end),
            int(sent.index_of(edit.placeholder)),
        ]);
    }
    for d in &report.diagnostics {
        let (replacement, description) = match &d.fix {
            Some(fix) => (
                int(sent.index_of(fix.replacement)),
                int(sent.index_of(fix.description)),
            ),
            None => (-1, -1),
        };
        numbers.extend([
            int(sent.index_of(d.rule_id)),
            int(sent.index_of(d.kind.as_str())),
            int(sent.index_of(d.severity.as_str())),
            int(sent.index_of(d.message)),
            int(d.span.start),
            int(d.span.end),
            int(d.utf8.start),
            int(d.utf8.end),
            replacement,
            description,
        ]);
    }
    let new = sent.order.get(first..).unwrap_or_default();
    numbers[1] = int(new.len());
    out.text.clear();
    if !new.is_empty() {
        numbers.splice(body..body, new.iter().map(|s| utf16_len(s)));
        for s in new {
            out.text.push_str(s);
        }
    }
}

/// Offsets and counts as JS integers: texts are at most 64 KiB, so they always fit.
fn int(n: impl TryInto<i32>) -> i32 {
    n.try_into().unwrap_or(i32::MAX)
}

/// The length of `text` in UTF-16 code units, which is how JS measures and slices strings.
fn utf16_len(text: &str) -> i32 {
    if text.is_ascii() {
        return int(text.len());
    }
    int(text.chars().map(char::len_utf16).sum::<usize>())
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(not(target_arch = "wasm32"))]
    use proptest::strategy::Strategy;
    use serde_json::{json, Value};

    /// [`pack_into`] fresh buffers.
    fn pack(report: &Report, sent: &mut SentStrings, known: usize) -> Packed {
        let mut packed = Packed::default();
        pack_into(report, sent, known, &mut packed);
        packed
    }

    /// The Rust twin of the JS expander: a packed report back into the report's JSON.
    fn expand(packed: &Packed, input: &str, strings: &mut Vec<String>) -> Value {
        let p = &packed.numbers;
        let n = |i: usize| usize::try_from(p[i]).unwrap();
        let utf16: Vec<u16> = packed.text.encode_utf16().collect();
        let mut at = 0;
        strings.truncate(n(0));
        for i in 0..n(1) {
            strings.push(String::from_utf16(&utf16[at..at + n(6 + i)]).unwrap());
            at += n(6 + i);
        }
        assert_eq!(at, utf16.len(), "the text holds nothing else");
        let edits_at = 6 + n(1);
        let input16: Vec<u16> = input.encode_utf16().collect();
        let mut redacted = Vec::new();
        let mut pos = 0;
        for e in p[edits_at..edits_at + 3 * n(2)].chunks(3) {
            let (start, end) = (
                usize::try_from(e[0]).unwrap(),
                usize::try_from(e[1]).unwrap(),
            );
            redacted.extend(&input16[pos..start]);
            redacted.extend(strings[usize::try_from(e[2]).unwrap()].encode_utf16());
            pos = end;
        }
        redacted.extend(&input16[pos..]);
        let redacted = String::from_utf16(&redacted).unwrap();
        let name = |i: i32| json!(strings[usize::try_from(i).unwrap()]);
        let diagnostics_at = edits_at + 3 * n(2);
        assert_eq!(
            p.len(),
            diagnostics_at + 10 * n(3),
            "the numbers hold nothing else"
        );
        let diagnostics: Vec<Value> = p[diagnostics_at..]
            .chunks(10)
            .map(|d| {
                let mut out = json!({
                    "ruleId": name(d[0]), "kind": name(d[1]), "severity": name(d[2]),
                    "message": name(d[3]),
                    "span": {"start": d[4], "end": d[5]}, "utf8": {"start": d[6], "end": d[7]},
                });
                if d[8] >= 0 {
                    out["fix"] = json!({"replacement": name(d[8]), "description": name(d[9])});
                }
                out
            })
            .collect();
        json!({"verdict": name(p[4]), "escalate": name(p[5]), "diagnostics": diagnostics,
               "redacted": redacted})
    }

    #[test]
    fn each_string_keeps_one_index_past_cache_collisions() {
        // More strings than cache slots, asked for in two orders: every answer must be the
        // index the string got when first sent, told apart by address and length.
        let texts: Vec<&'static str> = (0..3 * RECENT)
            .map(|i| &*Box::leak(format!("string {i}").into_boxed_str()))
            .chain(["", "string 1"])
            .collect();
        let mut sent = SentStrings::default();
        let first: Vec<u32> = texts.iter().map(|t| sent.index_of(t)).collect();
        assert_eq!(sent.len(), texts.len());
        for t in texts.iter().rev().chain(&texts) {
            let i = sent.index_of(t) as usize;
            assert_eq!(sent.order[i].as_ptr(), t.as_ptr());
            assert_eq!(sent.order[i], *t);
        }
        assert_eq!(first, (0..texts.len() as u32).collect::<Vec<_>>());
    }

    #[test]
    fn lengths_are_utf16_code_units() {
        for text in ["", "plain", "María", "😀 and \u{2028}", "ñ😀ñ"] {
            assert_eq!(utf16_len(text), text.encode_utf16().count() as i32);
        }
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
            let warm_text = "Hi Ana, your filler is Friday. Call 212-555-0100.";
            let warm = linter.lint(warm_text).unwrap();
            let _ = expand(&pack(&warm, &mut sent, 0), warm_text, &mut strings);
            let report = linter.lint(&text).unwrap();
            let expected: Value =
                serde_json::from_str(&crate::json::encode(&report).unwrap()).unwrap();
            let held = known.unwrap_or(strings.len());
            strings.truncate(held);
            let packed = pack(&report, &mut sent, held);
            proptest::prop_assert_eq!(expand(&packed, &text, &mut strings), expected);
            let template = linter.lint_template(&text);
            if let Ok(template) = template {
                let expected: Value =
                    serde_json::from_str(&crate::json::encode(&template).unwrap()).unwrap();
                let packed = pack(&template, &mut sent, strings.len());
                proptest::prop_assert_eq!(expand(&packed, &text, &mut strings), expected);
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
                assert_eq!(expand(&packed, text, &mut strings), expected, "{text}");
            }
            let report = linter.lint(texts[2]).unwrap();
            let expected: Value =
                serde_json::from_str(&crate::json::encode(&report).unwrap()).unwrap();
            // A caller that lost its strings is sent all of them again.
            let packed = pack(&report, &mut sent, 0);
            assert_eq!(expand(&packed, texts[2], &mut Vec::new()), expected);
            // A caller whose instance was reset (a fresh list) starts over too.
            let packed = pack(&report, &mut SentStrings::default(), strings.len());
            assert_eq!(expand(&packed, texts[2], &mut strings), expected);
        }
    }
}
