//! Dates: expressions with a day of month, a month name or a weekday (domain.md §5), with an
//! attached time ("Tuesday, March 4 at 2:30 pm"). A date is `DATE_DOB` when a cue announces it
//! ("DOB", "born", "fecha de nacimiento") or it equals the recipient's date of birth, else
//! `DATE_OTHER`. Relative words ("tomorrow at 3pm") are not dates; closure, event and offer
//! dates are not about the client and are dropped.

use super::numbers::Chunk;
use super::{strength, Candidate, Scan};
use crate::kind::Kind;
use crate::lexicon::{Cue, Hit, Term};
use crate::options::Locale;
use crate::text::{char_at, char_before, is_capitalized, word_before, word_in, WordSet};
use medspa_spans::Span;

/// A calendar date as written; the year may be missing or have two digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Date {
    pub year: Option<u16>,
    pub month: u8,
    pub day: u8,
}

impl Date {
    fn matches(self, dob: Date) -> bool {
        let year_ok = match (self.year, dob.year) {
            (Some(y), Some(d)) if y < 100 => y == d % 100,
            (Some(y), Some(d)) => y == d,
            _ => false,
        };
        year_ok && self.month == dob.month && self.day == dob.day
    }
}

/// `YYYY-MM-DD`, checked against the calendar.
pub(crate) fn parse_iso_date(s: &str) -> Option<Date> {
    let mut parts = s.trim().split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let date = Date {
        year: Some(y.parse().ok()?),
        month: m.parse().ok()?,
        day: d.parse().ok()?,
    };
    valid(date).then_some(date)
}

fn valid(d: Date) -> bool {
    let max = match d.month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match d.year {
            Some(y) if y >= 100 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) => 28,
            _ => 29,
        },
        _ => return false,
    };
    (1..=max).contains(&d.day)
}

/// Spanish month names, which are written in lower case.
const SPANISH_MONTHS: &[&str] = &[
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "setiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

/// Words after which a bare `3/14` is a date rather than a fraction.
const DATE_LEAD_INS: WordSet = WordSet::new(&[
    "on", "el", "for", "by", "until", "til", "before", "after", "from", "since", "desde", "para",
    "hasta", "del", "dated",
]);

pub(crate) fn detect(scan: &Scan<'_>, out: &mut Vec<Candidate>) {
    let text = scan.text;
    let mut found = scan.scratch.dates.take();
    for (i, hit) in scan.hits.iter().enumerate() {
        match hit.term {
            Term::Month { month, loose } => {
                if let Some(d) = month_date(scan, hit, month, loose) {
                    found.push(d);
                }
            }
            Term::Weekday { loose } => {
                // A weekday directly followed by a month date is part of it (handled there).
                let next_is_month = scan.hits[i + 1..]
                    .iter()
                    .take_while(|h| h.span.start <= hit.span.end + 3)
                    .any(|h| matches!(h.term, Term::Month { .. }));
                if next_is_month {
                    continue;
                }
                let word = &text[hit.span.start..hit.span.end];
                let mut end = hit.span.end;
                if text[end..].starts_with('.') && loose {
                    end += 1;
                }
                // "Tuesday 3/4", "martes 4": a numeric date or day after the weekday joins it.
                let mut date = None;
                let near = super::starting_in(&scan.chunks, |c| c.span.start, end, end + 3);
                if let Some(chunk) = near.iter().find(|c| {
                    c.span.start > end
                        && c.span.start <= end + 2
                        && text[end..c.span.start].trim_matches([',', ' ']).is_empty()
                }) {
                    if let Some(d) = numeric_date(text, chunk, scan.setup.locale, true) {
                        end = chunk.span.end;
                        date = Some(d);
                    }
                }
                if loose
                    && !(is_capitalized(word)
                        && (date.is_some() || text[hit.span.end..].starts_with(['.', ','])))
                {
                    continue;
                }
                found.push((Span::new(hit.span.start, end), date));
            }
            _ => {}
        }
    }
    // Named dates are found in text order; a chunk inside one (the "4" of "March 4") is done.
    let mut named = scan.scratch.spans.take();
    named.extend(found.iter().map(|(s, _)| *s));
    for chunk in &scan.chunks {
        let i = named.partition_point(|s| s.end <= chunk.span.start);
        if named
            .get(i)
            .is_some_and(|s| s.start <= chunk.span.start && chunk.span.end <= s.end)
        {
            continue;
        }
        if let Some(d) = numeric_date(text, chunk, scan.setup.locale, false) {
            let lead_in = word_before(text, chunk.span.start, "")
                .is_some_and(|w| word_in(text, w, &DATE_LEAD_INS) || is_weekday_at(scan, w));
            let cued = scan
                .cue_before(chunk.span.start, 30, 4, |c| c == Cue::Dob)
                .is_some();
            let trailing_time = time_after(text, chunk.span.end).is_some();
            if chunk.count == 3 || lead_in || cued || trailing_time {
                found.push((chunk.span, Some(d)));
            }
        } else if let Some(span) = ordinal_day(text, chunk) {
            found.push((span, None));
        }
    }
    scan.scratch.spans.put(named);
    for &(span, date) in &found {
        let span = with_times(text, span);
        let cued = scan
            .cue_before(span.start, 30, 4, |c| c == Cue::Dob)
            .is_some();
        let is_dob = cued
            || matches!((date, scan.setup.recipient_dob), (Some(d), Some(dob)) if d.matches(dob));
        if is_dob {
            let s = if cued {
                strength::CUED
            } else {
                strength::CONTEXT
            };
            out.push(Candidate::new(span, Kind::DateDob, s));
        } else if !scan.cue_in_sentence(span, |c| matches!(c, Cue::Closure | Cue::Promo)) {
            out.push(Candidate::new(span, Kind::DateOther, strength::SHAPE));
        }
    }
    scan.scratch.dates.put(found);
}

fn is_weekday_at(scan: &Scan<'_>, w: Span) -> bool {
    scan.hits_starting_in(w.start, w.start + 1)
        .iter()
        .any(|h| h.span == w && matches!(h.term, Term::Weekday { .. }))
}

/// "February 14, 1991", "Feb. 14th", "14 de febrero de 1991", "the 14th of March",
/// "Tuesday, March 4", "March 2024", "March".
fn month_date(scan: &Scan<'_>, hit: &Hit, month: u8, loose: bool) -> Option<(Span, Option<Date>)> {
    let text = scan.text;
    let word = &text[hit.span.start..hit.span.end];
    let mut start = hit.span.start;
    let mut end = hit.span.end;
    // The period of an abbreviation ("Feb.") is part of the date; a sentence's is not.
    if loose && text[end..].starts_with('.') {
        end += 1;
    }
    let mut day = None;
    let mut year = None;
    // Forward: day, then year.
    if let Some((d, e)) = number_after(text, end, 2, false) {
        if let Some(v) = ordinal_value(&text[d.start..d.end]).filter(|v| (1..=31).contains(v)) {
            day = Some(v);
            end = e;
            if let Some((y, ye)) = year_after(text, end) {
                year = Some(y);
                end = ye;
            }
        } else if let Some((y, ye)) = year_after(text, end) {
            year = Some(y);
            end = ye;
        }
    }
    // Backward: "14 de", "14th of", "the 14th of".
    if day.is_none() {
        if let Some((d, s)) = day_before(text, start) {
            day = Some(d);
            start = s;
            if year.is_none() {
                if let Some((y, ye)) = year_after(text, end) {
                    year = Some(y);
                    end = ye;
                }
            }
        }
    }
    let has_number = day.is_some() || year.is_some();
    if loose && !has_number {
        return None;
    }
    if !has_number
        && !is_capitalized(word)
        && !SPANISH_MONTHS.iter().any(|m| word.eq_ignore_ascii_case(m))
    {
        return None;
    }
    // A weekday just before: "Tuesday, March 4", "martes 4 de marzo".
    if let Some(w) = word_before(text, start, ",") {
        if is_weekday_at(scan, w) {
            start = w.start;
        }
    }
    let date = day
        .map(|day| Date { year, month, day })
        .filter(|d| valid(*d));
    Some((Span::new(start, end), date))
}

/// A number of at most `max_digits` digits (with an ordinal suffix) after optional spaces.
fn number_after(text: &str, pos: usize, max_digits: usize, glued: bool) -> Option<(Span, usize)> {
    let rest = &text[pos..];
    let trimmed = rest.trim_start_matches(' ');
    let start = pos + (rest.len() - trimmed.len());
    if !glued && start == pos && pos > 0 && !text[..pos].ends_with('.') {
        return None;
    }
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > max_digits {
        return None;
    }
    let mut end = start + digits;
    let suffix = &text[end..];
    for s in ["st", "nd", "rd", "th", "º", "o"] {
        if crate::text::starts_with_ci(suffix, s)
            && !char_at(text, end + s.len()).is_some_and(char::is_alphanumeric)
        {
            end += s.len();
            break;
        }
    }
    if char_at(text, end).is_some_and(|c| c.is_alphanumeric() || c == '/' || c == ':') {
        return None;
    }
    Some((Span::new(start, end), end))
}

/// The value of "14", "14th", "1st".
fn ordinal_value(s: &str) -> Option<u8> {
    s.trim_end_matches(|c: char| c.is_alphabetic() || c == 'º')
        .parse()
        .ok()
}

/// ", 1991", " 1991", " de 1991", " del 2025", " '91".
fn year_after(text: &str, pos: usize) -> Option<(u16, usize)> {
    let rest = &text[pos..];
    let mut skip = 0;
    for lead in [", ", ",", " de ", " del ", " "] {
        if rest.starts_with(lead) {
            skip = lead.len();
            break;
        }
    }
    if skip == 0 {
        return None;
    }
    let after = &rest[skip..];
    let digits = after.bytes().take_while(u8::is_ascii_digit).count();
    let year: u16 = after[..digits].parse().ok()?;
    let end = pos + skip + digits;
    let ok = digits == 4
        && (1900..=2100).contains(&year)
        && !char_at(text, end).is_some_and(|c| c.is_alphanumeric() || c == ':');
    ok.then_some((year, end))
}

/// A day before a month name: "14 ", "14th of ", "the 14th of ", "14 de ".
fn day_before(text: &str, month_start: usize) -> Option<(u8, usize)> {
    let head = &text[..month_start];
    let head = head
        .strip_suffix(" of ")
        .or_else(|| head.strip_suffix(" de "))
        .or_else(|| head.strip_suffix(' '))?;
    let w = word_before(text, head.len() + 1, "")?;
    if w.end != head.len() {
        return None;
    }
    let v = ordinal_value(&text[w.start..w.end]).filter(|v| (1..=31).contains(v))?;
    Some((v, w.start))
}

/// `2/14/1991`, `02-14-91`, `1991-02-14`, `14.02.1991`; `3/14` only when `short_ok`.
/// Spanish text reads day first.
pub(crate) fn numeric_date(
    text: &str,
    chunk: &Chunk,
    locale: Locale,
    short_ok: bool,
) -> Option<Date> {
    if chunk.prefix != 0 || chunk.letter_after || !(2..=3).contains(&chunk.count) {
        return None;
    }
    let sep = chunk.sep(text, 0);
    if !matches!(sep, "/" | "-" | ".") || !chunk.seps_are(text, sep) {
        return None;
    }
    let mut values = [0u16; super::numbers::MAX_GROUPS];
    for (value, s) in values.iter_mut().zip(chunk.groups()) {
        *value = text[s.start..s.end].parse().unwrap_or(0);
    }
    let lens = chunk.lens();
    let count = chunk.count;
    let date = match (
        lens.get(..count).unwrap_or_default(),
        values.get(..count).unwrap_or_default(),
    ) {
        ([4, 1..=2, 1..=2], &[y, m, d]) => Date {
            year: Some(y),
            month: m as u8,
            day: d as u8,
        },
        ([1..=2, 1..=2, 2 | 4], &[a, b, y]) => {
            let day_first = locale == Locale::Es || a > 12 || sep == ".";
            let (m, d) = if day_first { (b, a) } else { (a, b) };
            Date {
                year: Some(y),
                month: m as u8,
                day: d as u8,
            }
        }
        ([1..=2, 1..=2], &[a, b]) if short_ok || sep == "/" => {
            let day_first = locale == Locale::Es || a > 12;
            let (m, d) = if day_first { (b, a) } else { (a, b) };
            Date {
                year: None,
                month: m as u8,
                day: d as u8,
            }
        }
        _ => return None,
    };
    valid(date).then_some(date)
}

/// Articles before an ordinal day ("the 14th", "el 3").
const ARTICLES: WordSet = WordSet::new(&["the", "el"]);

/// "the 14th", "on the 3rd": a day of month on its own.
fn ordinal_day(text: &str, chunk: &Chunk) -> Option<Span> {
    if chunk.count != 1 || !chunk.letter_after || chunk.prefix != 0 {
        return None;
    }
    let (d, end) = number_after(text, chunk.span.start, 2, true)?;
    let raw = &text[d.start..d.end];
    if !raw.ends_with(|c: char| c.is_ascii_alphabetic()) || raw.ends_with('o') {
        return None;
    }
    ordinal_value(raw).filter(|v| (1..=31).contains(v))?;
    let the = word_before(text, chunk.span.start, "")?;
    word_in(text, the, &ARTICLES).then_some(Span::new(chunk.span.start, end))
}

/// A time right after `pos`: ", at 2:30 pm", " @ 3pm", " a las 3:00", " 10am".
fn time_after(text: &str, pos: usize) -> Option<usize> {
    let rest = &text[pos..];
    let mut skip = None;
    for lead in [
        " at ", ", at ", " @ ", ", ", " a las ", ", a las ", " a la ", " from ", " ",
    ] {
        if crate::text::starts_with_ci(rest, lead) {
            skip = Some((lead.len(), lead.trim_matches([',', ' ']).is_empty()));
            break;
        }
    }
    let (skip, bare) = skip?;
    let t = pos + skip;
    let end = time_at(text, t)?;
    let token = &text[t..end];
    // A bare number after a comma or space must look like a time (3pm, 15:30), not a count.
    (!bare || token.contains(':') || token.bytes().any(|b| b.is_ascii_alphabetic())).then_some(end)
}

/// A time token at `pos`: `3`, `3pm`, `3 pm`, `3:30`, `3:30 p.m.`, `15:30`, `noon`.
fn time_at(text: &str, pos: usize) -> Option<usize> {
    let rest = &text[pos..];
    for word in ["noon", "mediodía"] {
        if crate::text::starts_with_ci(rest, word) {
            return Some(pos + word.len());
        }
    }
    let b = rest.as_bytes();
    let h = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if h == 0 || h > 2 {
        return None;
    }
    let mut end = h;
    if b.get(end) == Some(&b':')
        && b.len() >= end + 3
        && b[end + 1].is_ascii_digit()
        && b[end + 2].is_ascii_digit()
    {
        end += 3;
    }
    let after = &rest[end..];
    let spaced = after.strip_prefix(' ').unwrap_or(after);
    let gap = after.len() - spaced.len();
    for ampm in ["a.m.", "p.m.", "am", "pm", "a. m.", "p. m.", "hrs", "h"] {
        if crate::text::starts_with_ci(spaced, ampm)
            && !char_at(text, pos + end + gap + ampm.len()).is_some_and(char::is_alphanumeric)
        {
            end += gap + ampm.len();
            break;
        }
    }
    if char_at(text, pos + end).is_some_and(char::is_alphanumeric) {
        return None;
    }
    Some(pos + end)
}

/// Extends a date with a time after it ("… at 2:30 pm") or before it ("3pm on Tuesday").
fn with_times(text: &str, span: Span) -> Span {
    let mut out = span;
    if let Some(end) = time_after(text, span.end) {
        out.end = end;
    }
    // "3pm on Tuesday", "a las 3 el martes".
    let head = &text[..span.start];
    for lead in [" on ", " el "] {
        if let Some(before) = head.strip_suffix(lead) {
            if let Some(w) = word_before(text, before.len() + 1, "") {
                // Back over the digits and colons before the word (the char before them may
                // be multi-byte: "¿3 el martes").
                let token_start = text[..w.start]
                    .trim_end_matches(|c: char| c.is_ascii_digit() || c == ':')
                    .len();
                if let Some(end) = time_at(text, token_start) {
                    if end == before.len()
                        && token_start < span.start
                        && !char_before(text, token_start).is_some_and(char::is_alphanumeric)
                    {
                        out.start = token_start;
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_are_checked() {
        assert_eq!(
            parse_iso_date("1991-02-14"),
            Some(Date {
                year: Some(1991),
                month: 2,
                day: 14
            })
        );
        assert_eq!(parse_iso_date("1991-02-30"), None);
        assert_eq!(parse_iso_date("2023-02-29"), None);
        assert_eq!(parse_iso_date("2024-02-29").map(|d| d.day), Some(29));
        assert_eq!(parse_iso_date("91-02-14"), None);
    }

    #[test]
    fn times() {
        let t = "x at 2:30 pm, ok";
        assert_eq!(time_after(t, 1), Some(12));
        assert_eq!(time_after("x, 10am", 1), Some(7));
        assert_eq!(time_after("x, 10 units", 1), None);
    }
}
