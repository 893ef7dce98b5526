//! The recipient's own identifiers from the context, found however they are written
//! (separators, case, accents), and the clinic's own details, which are never the client's.

use super::{Candidate, Scan};
use crate::kind::Kind;
use crate::setup::IdKey;
use crate::text::{fold_char, fold_eq, is_word_char, word_after, word_in};
use medspa_spans::Span;

/// The text reduced to lowercase letters and digits, with each kept byte's original span.
struct Projection {
    chars: String,
    spans: Vec<Span>,
}

impl Projection {
    fn new(text: &str) -> Self {
        let mut chars = String::new();
        let mut spans = Vec::new();
        for (i, c) in text.char_indices() {
            let f = fold_char(c).unwrap_or(c);
            if f.is_ascii_alphanumeric() {
                chars.push(f.to_ascii_lowercase());
                spans.push(Span::new(i, i + c.len_utf8()));
            }
        }
        Self { chars, spans }
    }

    /// Original spans of whole-token occurrences of `key`.
    fn find<'a>(&'a self, text: &'a str, key: &'a str) -> impl Iterator<Item = Span> + 'a {
        self.chars.match_indices(key).filter_map(move |(i, _)| {
            let span = Span::new(self.spans[i].start, self.spans[i + key.len() - 1].end);
            let before = crate::text::char_before(text, span.start).is_some_and(is_word_char);
            let after = crate::text::char_at(text, span.end).is_some_and(is_word_char);
            (!before && !after).then_some(span)
        })
    }
}

/// Adds (or upgrades) candidates for the recipient's identifiers.
pub(crate) fn recipient(scan: &Scan<'_>, out: &mut Vec<Candidate>) {
    let ids = &scan.setup.recipient_ids;
    if ids.is_empty() {
        return;
    }
    let text = scan.text;
    let projection = Projection::new(text);
    for IdKey { key, kind } in ids {
        for mut span in projection.find(text, key) {
            if *kind == Kind::Address {
                if let Some(w) = word_after(text, span.end, "") {
                    if w.start == span.end + 1 && word_in(text, w, &super::address::SUFFIXES) {
                        span.end = w.end + usize::from(text[w.end..].starts_with('.'));
                    }
                }
            }
            upgrade(out, span, *kind);
        }
    }
}

/// Marks `span` as the recipient's `kind`: overlapping identifier candidates take the kind and
/// the union of the spans; otherwise a new candidate is added.
fn upgrade(out: &mut Vec<Candidate>, span: Span, kind: Kind) {
    let mut merged = span;
    out.retain(|c| {
        let same_thing =
            super::overlaps(c.span, span) && !c.kind.is_health() && c.kind != Kind::Name;
        if same_thing {
            merged = Span::new(merged.start.min(c.span.start), merged.end.max(c.span.end));
        }
        !same_thing
    });
    out.push(Candidate::new(merged, kind, super::strength::CONTEXT));
}

/// Spans of the clinic's own emails and business names. (Its phone numbers and streets are
/// recognised on the candidates themselves: [`is_clinic_number_or_street`].)
pub(crate) fn clinic_exclusions(scan: &Scan<'_>, exclusions: &mut Vec<Span>) {
    let s = scan.setup;
    let text = scan.text;
    if !s.clinic_emails.is_empty() {
        let lower = text.to_ascii_lowercase();
        for email in &s.clinic_emails {
            exclusions.extend(
                lower
                    .match_indices(email.as_str())
                    .map(|(i, m)| Span::new(i, i + m.len())),
            );
        }
    }
    if !s.clinic_names.is_empty() {
        let all: Vec<Span> = scan.index.all_words().collect();
        for name in &s.clinic_names {
            for i in 0..all.len() {
                if i + name.len() <= all.len()
                    && all[i..i + name.len()]
                        .iter()
                        .zip(name)
                        .all(|(w, b)| fold_eq(&text[w.start..w.end], b))
                {
                    exclusions.push(Span::new(all[i].start, all[i + name.len() - 1].end));
                }
            }
        }
    }
}

/// Whether a URL or email candidate points at one of the clinic's domains (or a subdomain).
pub(crate) fn is_clinic_web(scan: &Scan<'_>, c: &Candidate) -> bool {
    let value = scan.text[c.span.start..c.span.end].to_ascii_lowercase();
    let host = match c.kind {
        Kind::Email => value.rsplit('@').next().unwrap_or("").to_string(),
        _ => {
            let v = value.split("://").last().unwrap_or("");
            v.split(['/', '?', '#', ':'])
                .next()
                .unwrap_or("")
                .to_string()
        }
    };
    let host = host.trim_start_matches("www.");
    scan.setup.clinic_domains.iter().any(|d| {
        host.strip_suffix(d.as_str())
            .is_some_and(|rest| rest.is_empty() || rest.ends_with('.'))
    }) || scan.setup.clinic_emails.contains(&value)
}

/// Whether a phone, fax or address candidate is the clinic's own, compared on digits (phones:
/// the last seven or ten) or on the street key ("120main").
pub(crate) fn is_clinic_number_or_street(scan: &Scan<'_>, c: &Candidate) -> bool {
    let value = &scan.text[c.span.start..c.span.end];
    match c.kind {
        Kind::Phone | Kind::Fax => {
            // `setup::phone_key` (the last ten digits) without allocating: this runs for every
            // phone-shaped number.
            let mut digits = [0u8; 10];
            let mut n = 0;
            for b in value.bytes().rev().filter(u8::is_ascii_digit).take(10) {
                n += 1;
                digits[10 - n] = b;
            }
            let key = &digits[10 - n..];
            key.len() >= 7
                && scan
                    .setup
                    .clinic_phones
                    .iter()
                    .any(|p| p.as_bytes().ends_with(key) || key.ends_with(p.as_bytes()))
        }
        Kind::Address => {
            crate::setup::street_key(value).is_some_and(|k| scan.setup.clinic_streets.contains(&k))
        }
        _ => false,
    }
}

/// Whether a ZIP candidate is one of the clinic's.
pub(crate) fn is_clinic_zip(scan: &Scan<'_>, c: &Candidate) -> bool {
    let value: String = scan.text[c.span.start..c.span.end]
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    scan.setup
        .clinic_zips
        .iter()
        .any(|z| value == *z || value.starts_with(z.as_str()))
}
