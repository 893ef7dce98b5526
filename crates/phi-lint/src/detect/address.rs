//! Street addresses: "44 Elm Street, Apt 2B, Springfield, IL" (number, street words, a street
//! suffix, an optional unit and city; the state is not PHI and the ZIP is its own finding),
//! Spanish "Calle Mayor 12" and "Av. Juárez 45", and post office boxes.

use super::{strength, Candidate, Scan};
use crate::kind::Kind;
use crate::lexicon::Term;
use crate::text::{char_at, is_capitalized, word_after, word_in, WordSet};
use medspa_spans::Span;

pub(crate) const SUFFIXES: WordSet = WordSet::new(&[
    "street",
    "avenue",
    "road",
    "boulevard",
    "drive",
    "lane",
    "way",
    "court",
    "place",
    "parkway",
    "highway",
    "circle",
    "terrace",
    "trail",
    "square",
    "loop",
    "row",
    "path",
    "pike",
    "plaza",
    "alley",
    "crescent",
    "run",
    "point",
    "st",
    "ave",
    "av",
    "rd",
    "blvd",
    "dr",
    "ln",
    "ct",
    "pl",
    "pkwy",
    "hwy",
    "cir",
    "ter",
    "trl",
    "sq",
]);
/// Abbreviated suffixes, which need a capital ("Elm St", not "1 st").
const SHORT: WordSet = WordSet::new(&[
    "st", "ave", "av", "rd", "blvd", "dr", "ln", "ct", "pl", "pkwy", "hwy", "cir", "ter", "trl",
    "sq",
]);
const DIRECTIONS: WordSet = WordSet::new(&[
    "n", "s", "e", "w", "ne", "nw", "se", "sw", "north", "south", "east", "west",
]);
const UNITS: WordSet = WordSet::new(&[
    "apt",
    "apartment",
    "unit",
    "suite",
    "ste",
    "apto",
    "depto",
    "piso",
    "int",
    "interior",
    "bldg",
]);

pub(crate) fn detect(scan: &Scan<'_>, out: &mut Vec<Candidate>) {
    let text = scan.text;
    for chunk in &scan.chunks {
        if chunk.count != 1 || chunk.prefix != 0 || chunk.letter_after || chunk.span.len() > 6 {
            continue;
        }
        if let Some(end) = street_after_number(text, chunk.span.end) {
            let end = with_unit_and_city(scan, end);
            out.push(Candidate::new(
                Span::new(chunk.span.start, end),
                Kind::Address,
                strength::SHAPE,
            ));
        }
    }
    for hit in &scan.hits {
        match hit.term {
            Term::Street { loose } => {
                let word = &text[hit.span.start..hit.span.end];
                if loose && !(is_capitalized(word) && text[hit.span.end..].starts_with('.')) {
                    continue;
                }
                if let Some(end) = number_after_street_name(text, hit.span.end) {
                    let end = with_unit_and_city(scan, end);
                    out.push(Candidate::new(
                        Span::new(hit.span.start, end),
                        Kind::Address,
                        strength::SHAPE,
                    ));
                }
            }
            Term::PoBox => {
                let rest = &text[hit.span.end..];
                let trimmed = rest.trim_start_matches([' ', '#']);
                let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
                if digits > 0 {
                    let end = hit.span.end + (rest.len() - trimmed.len()) + digits;
                    out.push(Candidate::new(
                        Span::new(hit.span.start, end),
                        Kind::Address,
                        strength::SHAPE,
                    ));
                }
            }
            _ => {}
        }
    }
}

/// After a house number: one to four street words and a suffix. Returns the end of the suffix.
fn street_after_number(text: &str, pos: usize) -> Option<usize> {
    if !text[pos..].starts_with(' ') {
        return None;
    }
    let mut at = pos;
    let mut words = 0;
    let mut any_capital = false;
    while words < 5 {
        let w = word_after(text, at, "")?;
        if w.start != at + 1 {
            return None; // only single spaces inside a street
        }
        let word = &text[w.start..w.end];
        let mut end = w.end;
        if words > 0 && word_in(text, w, &SUFFIXES) {
            let short = word_in(text, w, &SHORT);
            if !short || is_capitalized(word) || any_capital {
                if short && text[end..].starts_with('.') {
                    end += 1;
                }
                return Some(end);
            }
        }
        let ordinal = word
            .trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .parse::<u16>()
            .is_ok();
        let direction = word_in(text, w, &DIRECTIONS);
        // A lowercase street ("44 elm street") has one name word and a full suffix; longer
        // lowercase runs are prose ("24 hours before the drive").
        let lowercase_ok = words == 0 && word.chars().all(char::is_lowercase) && {
            let next = word_after(text, w.end, "");
            next.is_some_and(|n| {
                n.start == w.end + 1 && word_in(text, n, &SUFFIXES) && !word_in(text, n, &SHORT)
            })
        };
        if !(is_capitalized(word) || ordinal || direction || lowercase_ok) {
            return None;
        }
        any_capital |= is_capitalized(word);
        if direction && text[end..].starts_with('.') {
            end += 1;
        }
        at = end;
        words += 1;
    }
    None
}

/// Words inside a Spanish street name ("Calle de la Paz").
const STREET_PARTICLES: WordSet = WordSet::new(&["de", "del", "la", "los", "las", "el"]);

/// After "Calle"/"Avenida": up to four name words, an optional comma, then a number.
fn number_after_street_name(text: &str, mut at: usize) -> Option<usize> {
    if text[at..].starts_with('.') {
        at += 1;
    }
    let mut words = 0;
    loop {
        let rest = &text[at..];
        let trimmed = rest.trim_start_matches([' ', ',', '#']);
        let start = at + (rest.len() - trimmed.len());
        let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && words > 0 {
            let end = start + digits;
            return (!char_at(text, end).is_some_and(char::is_alphanumeric)).then_some(end);
        }
        let w = word_after(text, at, "")?;
        if w.start > at + 1 || words >= 4 {
            return None;
        }
        let word = &text[w.start..w.end];
        let particle = word_in(text, w, &STREET_PARTICLES);
        if !(is_capitalized(word) || particle) {
            return None;
        }
        at = w.end;
        words += 1;
    }
}

/// Extends an address over ", Apt 2B" and ", Springfield" when a state or ZIP follows the city.
fn with_unit_and_city(scan: &Scan<'_>, mut end: usize) -> usize {
    let text = scan.text;
    // Unit: ", Apt 2B", " #5", " Suite 200".
    let rest = &text[end..];
    let lead = if rest.starts_with(", ") {
        2
    } else if rest.starts_with(' ') {
        1
    } else {
        0
    };
    if lead > 0 {
        let at = end + lead;
        if text[at..].starts_with('#') {
            let n = text[at + 1..]
                .bytes()
                .take_while(u8::is_ascii_alphanumeric)
                .count();
            if n > 0 {
                end = at + 1 + n;
            }
        } else if let Some(w) = word_after(text, at - 1, "") {
            if w.start == at && word_in(text, w, &UNITS) {
                let mut p = w.end;
                if text[p..].starts_with('.') {
                    p += 1;
                }
                let r = &text[p..];
                let t = r.trim_start_matches([' ', '#']);
                let n = t.bytes().take_while(u8::is_ascii_alphanumeric).count();
                if n > 0 && t.bytes().take(n).any(|b| b.is_ascii_digit()) {
                    end = p + (r.len() - t.len()) + n;
                }
            }
        }
    }
    // City: ", Springfield, IL" or ", Springfield IL 62704": the city joins, the state does not.
    if text[end..].starts_with(", ") {
        let mut at = end + 2;
        for i in 0..3 {
            let Some(w) = word_after(text, at - usize::from(i == 0), "") else {
                break;
            };
            if w.start != at
                || !is_capitalized(&text[w.start..w.end])
                || super::numbers::state_before(text, w.end).is_some() && i > 0
            {
                break;
            }
            let after = &text[w.end..];
            let next = after
                .strip_prefix(", ")
                .or_else(|| after.strip_prefix(' '))
                .and_then(|a| a.split([' ', ',', '.']).next())
                .unwrap_or("");
            let next_is_state = (next.len() == 2 && next.bytes().all(|b| b.is_ascii_uppercase()))
                || STATE_NAMES.contains(&next);
            if next_is_state {
                end = w.end;
                break;
            }
            if !after.starts_with(' ') {
                break;
            }
            at = w.end + 1;
        }
    }
    end
}

const STATE_NAMES: &[&str] = &[
    "California",
    "Texas",
    "Florida",
    "Arizona",
    "Nevada",
    "Illinois",
    "Georgia",
    "Colorado",
    "Washington",
    "Oregon",
    "New",
    "North",
    "South",
];
