//! Identifiers announced by a cue word: "MRN: A-4471823", "member ID XJH123456789",
//! "SSN 987654320", "routing number 021000021", "VIN 1HGCM82633A004352". The finding covers the
//! value, never the cue.

use super::{strength, Candidate, Scan};
use crate::kind::Kind;
use crate::lexicon::{Cue, Term};
use crate::text::{char_at, is_word_char};
use medspa_spans::Span;

/// Words allowed between a cue and its value ("MRN for this visit is ...").
const FILLERS: &[&str] = &[
    "is", "number", "no", "num", "nbr", "id", "was", "es", "de", "the", "your", "my", "his", "her",
    "on", "file", "el", "la", "su", "mi", "tu", "del", "are", "be", "of", "our", "records",
    "record", "at", "en", "we", "have", "tenemos", "registro", "sistema", "system",
];

/// What a cue announces, and the least a value must have to count.
fn rule(cue: Cue) -> Option<(Kind, usize, usize)> {
    // (kind, minimum length, minimum digits)
    Some(match cue {
        Cue::Ssn => (Kind::Ssn, 9, 9),
        Cue::Mrn => (Kind::Mrn, 4, 3),
        Cue::Insurance => (Kind::InsuranceId, 5, 3),
        Cue::Account => (Kind::Account, 6, 6),
        Cue::License => (Kind::License, 5, 2),
        Cue::Vehicle => (Kind::Vehicle, 5, 1),
        Cue::Device => (Kind::DeviceId, 4, 2),
        Cue::Biometric => (Kind::Biometric, 6, 2),
        Cue::OtherId => (Kind::OtherId, 4, 3),
        _ => return None,
    })
}

/// Findings for values after identifier cues, and exclusions for provider ids (NPI, licence
/// numbers of staff), which are not client PHI.
pub(crate) fn detect(scan: &Scan<'_>, out: &mut Vec<Candidate>, exclusions: &mut Vec<Span>) {
    for hit in &scan.hits {
        let Term::Cue(cue) = hit.term else { continue };
        if scan.shadowed(hit) {
            continue;
        }
        if cue == Cue::ProviderId {
            if let Some(value) = value_after(scan.text, hit.span.end) {
                exclusions.push(value);
            }
            continue;
        }
        let Some((kind, min_len, min_digits)) = rule(cue) else {
            continue;
        };
        let Some(value) = value_after(scan.text, hit.span.end) else {
            continue;
        };
        let v = &scan.text[value.start..value.end];
        let digits = v.bytes().filter(u8::is_ascii_digit).count();
        let alnum = v.bytes().filter(u8::is_ascii_alphanumeric).count();
        let enough = alnum >= min_len && digits >= min_digits;
        let ssn_ok = cue != Cue::Ssn || digits == 9;
        if enough && ssn_ok && !looks_like_date_or_time(v) {
            out.push(Candidate::new(value, kind, strength::CUED));
        }
    }
}

/// The value token after a cue: skips `#`, `:`, `-`, `=`, `(` and filler words, then takes a run
/// of letters, digits and inner hyphens (digit groups may also be joined by single spaces:
/// "1234 5678 9012").
pub(crate) fn value_after(text: &str, mut pos: usize) -> Option<Span> {
    let bytes = text.as_bytes();
    let mut fillers = 0;
    loop {
        while pos < bytes.len()
            && matches!(
                bytes[pos],
                b' ' | b'#' | b':' | b'-' | b'=' | b'(' | b'.' | b'\t'
            )
        {
            pos += 1;
        }
        // A filler word, if the word here is one and something follows it.
        let end = word_end_ascii(bytes, pos);
        let word = &text[pos..end];
        if fillers < 4
            && end > pos
            && FILLERS.iter().any(|f| word.eq_ignore_ascii_case(f))
            && !word.bytes().any(|b| b.is_ascii_digit())
        {
            fillers += 1;
            pos = end;
            continue;
        }
        break;
    }
    let start = pos;
    let mut end = pos;
    let mut i = pos;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            i += 1;
            end = i;
        } else {
            if i == start {
                break;
            }
            // Inner punctuation joins alphanumerics ("A-4471823"); a space joins digit groups.
            let joins_inner = (b == b'-' || b == b'/' || b == b'.')
                && bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric);
            let joins_digits = b == b' '
                && bytes[i - 1].is_ascii_digit()
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
            if !(joins_inner || joins_digits) {
                break;
            }
            i += 1;
        }
    }
    if end == start || char_at(text, end).is_some_and(is_word_char) || end - start > 40 {
        return None;
    }
    Some(Span::new(start, end))
}

fn word_end_ascii(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
        i += 1;
    }
    i
}

/// Dates and times after a cue are the date rule's business ("policy renewed 03/14/2025").
fn looks_like_date_or_time(v: &str) -> bool {
    let parts: Vec<&str> = v.split(['/', '.']).collect();
    (parts.len() == 3
        && parts
            .iter()
            .all(|p| p.bytes().all(|b| b.is_ascii_digit()) && (1..=4).contains(&p.len())))
        || v.contains(':')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_after_cues() {
        let text = "MRN: A-4471823. Member ID is XJH 123? acct # 1234 5678 9012";
        let v = |pos| value_after(text, pos).map(|s| &text[s.start..s.end]);
        assert_eq!(v(3), Some("A-4471823"));
        assert_eq!(v(25), Some("XJH"));
        assert_eq!(v(43), Some("1234 5678 9012"));
    }
}
