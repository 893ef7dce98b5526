//! Numbers with a shape: SSNs, phone and fax numbers, card numbers (Luhn), IP addresses and
//! ZIP codes, found by one scan of the digit runs ("chunks") of the text.

use super::{strength, Candidate, Scan};
use crate::kind::Kind;
use crate::lexicon::Cue;
use crate::text::{char_at, char_before, word_before, WordSet};
use medspa_spans::Span;

/// At most this many digit groups in a chunk; longer runs are not identifiers.
pub(crate) const MAX_GROUPS: usize = 8;

/// A run of digit groups joined by single separators (`-`, `.`, `/`, space, `)`), with an
/// optional `(` or `+` before it: `(212) 555-0147`, `987-65-4320`, `4242 4242 4242 4242`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Chunk {
    pub span: Span,
    groups: [Span; MAX_GROUPS],
    pub count: usize,
    /// `(` or `+` before the first digit, or 0.
    pub prefix: u8,
    /// A letter follows the last digit directly (`3pm`, `2nd`, `4B`).
    pub letter_after: bool,
    /// More groups followed than [`MAX_GROUPS`]: not an identifier.
    pub overlong: bool,
}

impl Chunk {
    pub(crate) fn groups(&self) -> &[Span] {
        &self.groups[..self.count]
    }

    /// Digit counts of the groups.
    pub(crate) fn shape(&self) -> impl Iterator<Item = usize> + '_ {
        self.groups().iter().map(|g| g.len())
    }

    /// [`Self::shape`] in an array, for matching on `&lens[..self.count]` without allocating.
    pub(crate) fn lens(&self) -> [usize; MAX_GROUPS] {
        let mut lens = [0; MAX_GROUPS];
        for (len, group) in lens.iter_mut().zip(self.groups()) {
            *len = group.len();
        }
        lens
    }

    pub(crate) fn has_shape(&self, shape: &[usize]) -> bool {
        self.count == shape.len() && self.shape().zip(shape).all(|(a, &b)| a == b)
    }

    /// The separator text between group `i` and `i + 1`.
    pub(crate) fn sep<'t>(&self, text: &'t str, i: usize) -> &'t str {
        &text[self.groups[i].end..self.groups[i + 1].start]
    }

    /// Whether every separator is exactly `sep`.
    pub(crate) fn seps_are(&self, text: &str, sep: &str) -> bool {
        (0..self.count.saturating_sub(1)).all(|i| self.sep(text, i) == sep)
    }

    pub(crate) fn digit_count(&self) -> usize {
        self.shape().sum()
    }

    pub(crate) fn digits(&self, text: &str) -> String {
        self.groups()
            .iter()
            .map(|g| &text[g.start..g.end])
            .collect()
    }

    /// The span of the groups without the prefix.
    pub(crate) fn digits_span(&self) -> Span {
        Span::new(self.groups[0].start, self.groups[self.count - 1].end)
    }
}

/// Every chunk of `text`, in order. Linear: each byte is visited a bounded number of times.
#[cfg(test)]
pub(crate) fn chunks(text: &str) -> Vec<Chunk> {
    let mut out = Vec::new();
    chunks_into(text, &mut out);
    out
}

/// [`chunks`] into `out` (cleared first; a reused buffer).
pub(crate) fn chunks_into(text: &str, out: &mut Vec<Chunk>) {
    let bytes = text.as_bytes();
    out.clear();
    let mut i = 0;
    // Prose holds few digits: skip to the next one with the vectorized `next_byte`.
    while let Some(d) = crate::text::next_byte(bytes, i, |b| b.is_ascii_digit()) {
        i = d;
        let mut prefix = 0;
        let mut start = i;
        if i > 0 && (bytes[i - 1] == b'(' || bytes[i - 1] == b'+') {
            prefix = bytes[i - 1];
            start = i - 1;
        }
        // Digits glued to letters belong to a word (B12, Morpheus8, x4242).
        let glued = char_before(text, start).is_some_and(|c| c.is_alphanumeric() || c == '_');
        let mut groups = [Span::default(); MAX_GROUPS];
        let mut count = 0;
        let mut overlong = false;
        let mut j = i;
        loop {
            let g_start = j;
            while j < bytes.len() && bytes[j].is_ascii_digit() {
                j += 1;
            }
            if count < MAX_GROUPS {
                groups[count] = Span::new(g_start, j);
                count += 1;
            } else {
                overlong = true;
            }
            // A separator: one of - . / space, or ")" optionally followed by a space.
            let sep_len = match bytes.get(j..) {
                Some([b')' | b' ', b' ' | b'(', d, ..]) if d.is_ascii_digit() => 2,
                Some([b')' | b'-' | b'.' | b'/' | b' ', d, ..]) if d.is_ascii_digit() => 1,
                Some([b' ', b'-', b' ', d, ..]) if d.is_ascii_digit() => 0, // "1 - 2": a range
                _ => 0,
            };
            if sep_len == 0 {
                break;
            }
            j += sep_len;
        }
        let letter_after = char_at(text, j).is_some_and(char::is_alphabetic);
        if !glued {
            out.push(Chunk {
                span: Span::new(start, j),
                groups,
                count,
                prefix,
                letter_after,
                overlong,
            });
        }
        i = j.max(i + 1);
    }
}

/// Words before a number that make it a version ("version 2.1.0"), not an IP address.
const VERSION_WORDS: WordSet =
    WordSet::new(&["version", "v", "ver", "release", "build", "versión"]);

/// Shape-based findings from the chunks.
pub(crate) fn detect(scan: &Scan<'_>, out: &mut Vec<Candidate>) {
    for chunk in &scan.chunks {
        if chunk.overlong || chunk.letter_after {
            continue;
        }
        if let Some(c) = classify(scan, chunk) {
            out.push(c);
        }
    }
}

fn classify(scan: &Scan<'_>, chunk: &Chunk) -> Option<Candidate> {
    let text = scan.text;
    let digits = chunk.digits_span();
    // Money and percentages are never identifiers.
    if matches!(char_before(text, chunk.span.start), Some('$' | '€' | '£'))
        || char_at(text, chunk.span.end) == Some('%')
    {
        return None;
    }
    if is_ssn(text, chunk) {
        return Some(Candidate::new(digits, Kind::Ssn, strength::SHAPE));
    }
    if let Some(span) = phone(text, chunk) {
        let fax = scan
            .cue_before(span.start, 24, 3, |c| c == Cue::Fax)
            .is_some();
        let kind = if fax { Kind::Fax } else { Kind::Phone };
        let strength = if chunk.count == 1 {
            strength::HEURISTIC
        } else {
            strength::SHAPE
        };
        return Some(Candidate::new(span, kind, strength));
    }
    if is_card(text, chunk) {
        return Some(Candidate::new(digits, Kind::Account, strength::SHAPE));
    }
    let versioned = word_before(text, chunk.span.start, "")
        .is_some_and(|w| crate::text::word_in(text, w, &VERSION_WORDS));
    if is_ip(text, chunk) && !versioned {
        return Some(Candidate::new(digits, Kind::Ip, strength::SHAPE));
    }
    if chunk.has_shape(&[5]) || (chunk.has_shape(&[5, 4]) && chunk.seps_are(text, "-")) {
        let cued = scan
            .cue_before(digits.start, 16, 2, |c| c == Cue::Zip)
            .is_some();
        let after_state = after_state(text, digits.start);
        if cued || after_state || chunk.count == 2 {
            let s = if cued || after_state {
                strength::SHAPE
            } else {
                strength::HEURISTIC
            };
            return Some(Candidate::new(digits, Kind::Zip, s));
        }
    }
    None
}

/// `987-65-4320`, `987 65 4320`: three groups 3-2-4 with one separator kind, in the ranges the
/// SSA issues (area not 000 or 666, group not 00, serial not 0000). The 9xx areas stay in:
/// the synthetic test range 987-65-4320…4329 lives there.
fn is_ssn(text: &str, chunk: &Chunk) -> bool {
    if chunk.prefix != 0 || !chunk.has_shape(&[3, 2, 4]) {
        return false;
    }
    let sep = chunk.sep(text, 0);
    if !matches!(sep, "-" | " " | ".") || !chunk.seps_are(text, sep) {
        return false;
    }
    let g = chunk.groups();
    let area = &text[g[0].start..g[0].end];
    area != "000"
        && area != "666"
        && &text[g[1].start..g[1].end] != "00"
        && &text[g[2].start..g[2].end] != "0000"
}

/// US phone shapes: (212) 555-0147, 212-555-0147, 212.555.0147, 212 555 0147, +1 212 555 0147,
/// 1-212-555-0147, 555-0147, 2125550147; other countries as + and 8 to 15 digits.
fn phone(text: &str, chunk: &Chunk) -> Option<Span> {
    let g = chunk.groups();
    let first = |i: usize| text.as_bytes()[g[i].start];
    let valid_nxx = |i: usize| (b'2'..=b'9').contains(&first(i));
    let plain_seps = (0..chunk.count.saturating_sub(1))
        .all(|i| matches!(chunk.sep(text, i), "-" | "." | " " | ")" | ") " | " ("));
    if !plain_seps {
        return None;
    }
    let paren_ok = |i: usize| chunk.prefix != b'(' || chunk.sep(text, i).starts_with(')');
    let with_prefix = Span::new(chunk.span.start, chunk.digits_span().end);
    let lens = chunk.lens();
    match lens.get(..chunk.count).unwrap_or_default() {
        [3, 3, 4] if valid_nxx(0) && valid_nxx(1) && paren_ok(0) && chunk.prefix != b'+' => {
            Some(with_prefix)
        }
        [1, 3, 3, 4] if &text[g[0].start..g[0].end] == "1" && valid_nxx(1) && valid_nxx(2) => {
            Some(with_prefix)
        }
        [3, 4] if chunk.prefix == 0 && valid_nxx(0) && matches!(chunk.sep(text, 0), "-" | ".") => {
            Some(chunk.span)
        }
        [10] if chunk.prefix == 0
            && valid_nxx(0)
            && (b'2'..=b'9').contains(&text.as_bytes()[g[0].start + 3]) =>
        {
            Some(chunk.span)
        }
        [11] if first(0) == b'1' && chunk.prefix != b'(' => Some(with_prefix),
        _ if chunk.prefix == b'+'
            && (8..=15).contains(&chunk.digit_count())
            && chunk.count >= 2 =>
        {
            Some(with_prefix)
        }
        _ => None,
    }
}

/// 13 to 19 digits, in one run or groups of 4 (Amex 4-6-5), passing the Luhn check.
fn is_card(text: &str, chunk: &Chunk) -> bool {
    let n = chunk.digit_count();
    if chunk.prefix != 0 || !(13..=19).contains(&n) {
        return false;
    }
    let grouped = chunk.count == 1
        || (chunk.seps_are(text, " ") || chunk.seps_are(text, "-"))
            && (chunk.shape().take(chunk.count - 1).all(|l| l == 4) || chunk.has_shape(&[4, 6, 5]));
    grouped && luhn(&chunk.digits(text))
}

/// The Luhn checksum over a string of ASCII digits.
pub(crate) fn luhn(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let d2 = d * 2;
                if d2 > 9 {
                    d2 - 9
                } else {
                    d2
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

fn is_ip(text: &str, chunk: &Chunk) -> bool {
    chunk.prefix == 0
        && chunk.count == 4
        && chunk.seps_are(text, ".")
        && chunk
            .groups()
            .iter()
            .all(|g| g.len() <= 3 && text[g.start..g.end].parse::<u16>().is_ok_and(|v| v <= 255))
}

const STATES: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY",
    "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
    "WI", "WY", "DC", "PR",
];

const STATE_NAMES: &[&str] = &[
    "alabama",
    "alaska",
    "arizona",
    "arkansas",
    "california",
    "colorado",
    "connecticut",
    "delaware",
    "florida",
    "georgia",
    "hawaii",
    "idaho",
    "illinois",
    "indiana",
    "iowa",
    "kansas",
    "kentucky",
    "louisiana",
    "maine",
    "maryland",
    "massachusetts",
    "michigan",
    "minnesota",
    "mississippi",
    "missouri",
    "montana",
    "nebraska",
    "nevada",
    "hampshire",
    "jersey",
    "mexico",
    "york",
    "carolina",
    "dakota",
    "ohio",
    "oklahoma",
    "oregon",
    "pennsylvania",
    "island",
    "tennessee",
    "texas",
    "utah",
    "vermont",
    "virginia",
    "washington",
    "wisconsin",
    "wyoming",
];

/// Whether a US state (abbreviation in capitals, or name) directly precedes `pos`.
pub(crate) fn after_state(text: &str, pos: usize) -> bool {
    state_before(text, pos).is_some()
}

/// The state word directly before `pos`, if any.
pub(crate) fn state_before(text: &str, pos: usize) -> Option<Span> {
    let w = word_before(text, pos, ",.")?;
    let word = &text[w.start..w.end];
    let is_state = STATES.contains(&word.trim_end_matches('.'))
        || (crate::text::is_capitalized(word)
            && STATE_NAMES.iter().any(|s| word.eq_ignore_ascii_case(s)));
    is_state.then_some(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes(text: &str) -> Vec<(String, Vec<usize>)> {
        chunks(text)
            .iter()
            .map(|c| {
                (
                    text[c.span.start..c.span.end].to_string(),
                    c.shape().collect(),
                )
            })
            .collect()
    }

    #[test]
    fn chunks_group_digits() {
        assert_eq!(
            shapes("Call (212) 555-0147 or 987-65-4320, B12 x4242 $150"),
            vec![
                ("(212) 555-0147".to_string(), vec![3, 3, 4]),
                ("987-65-4320".to_string(), vec![3, 2, 4]),
                ("150".to_string(), vec![3]),
            ]
        );
    }

    #[test]
    fn luhn_checks() {
        assert!(luhn("4242424242424242"));
        assert!(!luhn("4242424242424241"));
    }
}
