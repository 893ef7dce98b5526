//! ISO 8601 / RFC 3339 text for instants, dates and times, with errors that never echo the input.

use crate::codes::{INVALID_DATE, INVALID_INSTANT, INVALID_TIME};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use medspa_errors::CodedError;
use std::fmt::Write;

/// Formats an instant as ISO 8601 with its offset: `2025-11-02T10:00-05:00`.
///
/// Seconds appear only when not zero (`…T10:00:30-05:00`), fractions only when not zero. A zero
/// offset prints `+00:00`, never `Z`, so every output has the same shape. Offsets that are not
/// whole minutes (local mean time before about 1900) print with seconds, `-04:56:02`, which
/// [`parse_instant`] also reads.
///
/// ```
/// use chrono::{FixedOffset, TimeZone};
/// use medspa_zoned::format_instant;
/// let est = FixedOffset::west_opt(5 * 3600).expect("valid");
/// let at = |h, m, s| est.with_ymd_and_hms(2025, 11, 2, h, m, s).single().expect("valid");
/// assert_eq!(format_instant(at(10, 0, 0)), "2025-11-02T10:00-05:00");
/// assert_eq!(format_instant(at(10, 0, 30)), "2025-11-02T10:00:30-05:00");
/// let utc = FixedOffset::east_opt(0).expect("valid");
/// assert_eq!(format_instant(at(10, 0, 0).with_timezone(&utc)), "2025-11-02T15:00+00:00");
/// ```
pub fn format_instant(instant: DateTime<FixedOffset>) -> String {
    format_common(instant).unwrap_or_else(|| format_with_chrono(instant))
}

/// The common shape (whole minutes, a whole-minute offset, years 0 to 9999) written digit by
/// digit: chrono's pattern formatter was the largest cost of a day's consent checks.
fn format_common(instant: DateTime<FixedOffset>) -> Option<String> {
    let offset = instant.offset().local_minus_utc();
    if instant.second() != 0 || instant.nanosecond() != 0 || offset % 60 != 0 {
        return None;
    }
    let local = instant.naive_local();
    let year = u32::try_from(local.year()).ok().filter(|y| *y <= 9999)?;
    let mut out = String::with_capacity(22);
    let two = |out: &mut String, n: u32| {
        out.push(char::from(b'0' + (n / 10 % 10) as u8));
        out.push(char::from(b'0' + (n % 10) as u8));
    };
    two(&mut out, year / 100);
    two(&mut out, year % 100);
    out.push('-');
    two(&mut out, local.month());
    out.push('-');
    two(&mut out, local.day());
    out.push('T');
    two(&mut out, local.hour());
    out.push(':');
    two(&mut out, local.minute());
    out.push(if offset < 0 { '-' } else { '+' });
    let minutes = offset.unsigned_abs() / 60;
    two(&mut out, minutes / 60);
    out.push(':');
    two(&mut out, minutes % 60);
    Some(out)
}

fn format_with_chrono(instant: DateTime<FixedOffset>) -> String {
    let whole_minute = instant.second() == 0 && instant.nanosecond() == 0;
    let minute_offset = instant.offset().local_minus_utc() % 60 == 0;
    let pattern = match (whole_minute, minute_offset) {
        (true, true) => "%Y-%m-%dT%H:%M%:z",
        (true, false) => "%Y-%m-%dT%H:%M%::z",
        (false, true) => "%Y-%m-%dT%H:%M:%S%.f%:z",
        (false, false) => "%Y-%m-%dT%H:%M:%S%.f%::z",
    };
    let mut out = String::new();
    // chrono reports a formatting error rather than panicking for wall times past its range;
    // `to_string` would turn that into a panic, so fall back to the same instant in UTC.
    if write!(out, "{}", instant.format(pattern)).is_err() {
        out.clear();
        let _ = write!(
            out,
            "{}",
            instant.to_utc().format("%Y-%m-%dT%H:%M:%S%.f%:z")
        );
    }
    out
}

/// Parses an RFC 3339 instant: `2025-11-02T10:00:30.5-05:00`, `2025-11-02T15:00Z`.
///
/// Seconds are optional, fractions of a second take 1 to 9 digits, the offset is `Z` or `±HH:MM`
/// (`±HH:MM:SS` is read too, to round-trip [`format_instant`]). Leap seconds (`:60`) are refused.
/// Errors have code `INVALID_INSTANT`, path `$`, and do not quote the input.
///
/// ```
/// use medspa_zoned::{format_instant, parse_instant};
/// let t = parse_instant("2025-11-02T15:00Z").expect("valid");
/// assert_eq!(format_instant(t), "2025-11-02T15:00+00:00");
/// assert_eq!(parse_instant("2025-11-02 15:00").map_err(|e| e.code), Err("INVALID_INSTANT"));
/// ```
pub fn parse_instant(text: &str) -> Result<DateTime<FixedOffset>, CodedError> {
    if let Some(instant) = common_instant(text) {
        return Ok(instant);
    }
    instant(&mut Cursor::new(text)).ok_or_else(|| {
        CodedError::new(
            INVALID_INSTANT,
            "$",
            "expected an RFC 3339 instant with an offset, such as 2025-11-02T10:00-05:00",
        )
    })
}

/// Parses a calendar date `YYYY-MM-DD`; errors have code `INVALID_DATE` and do not quote the input.
///
/// ```
/// use medspa_zoned::parse_local_date;
/// assert_eq!(parse_local_date("2025-02-28").expect("valid").to_string(), "2025-02-28");
/// assert_eq!(parse_local_date("2025-02-29").map_err(|e| e.code), Err("INVALID_DATE"));
/// ```
pub fn parse_local_date(text: &str) -> Result<NaiveDate, CodedError> {
    let mut c = Cursor::new(text);
    date(&mut c).filter(|_| c.done()).ok_or_else(|| {
        CodedError::new(
            INVALID_DATE,
            "$",
            "expected a calendar date as YYYY-MM-DD, such as 2025-11-02",
        )
    })
}

/// Parses a time of day `HH:MM` or `HH:MM:SS` (24-hour); errors have code `INVALID_TIME` and do not
/// quote the input.
///
/// ```
/// use medspa_zoned::parse_local_time;
/// assert_eq!(parse_local_time("08:00").expect("valid").to_string(), "08:00:00");
/// assert_eq!(parse_local_time("21:00:30").expect("valid").to_string(), "21:00:30");
/// assert_eq!(parse_local_time("24:00").map_err(|e| e.code), Err("INVALID_TIME"));
/// ```
pub fn parse_local_time(text: &str) -> Result<NaiveTime, CodedError> {
    let mut c = Cursor::new(text);
    time(&mut c, false).filter(|_| c.done()).ok_or_else(|| {
        CodedError::new(
            INVALID_TIME,
            "$",
            "expected a time of day as HH:MM or HH:MM:SS, such as 08:30",
        )
    })
}

/// The shapes hosts nearly always send, `2025-06-10T15:00Z`, `2025-06-10T15:00:30Z` and
/// `2025-06-10T10:00-05:00`, read digit by digit: a consent day check parses tens of thousands of
/// record times, and the cursor parser was a seventh of its instructions. `None` for anything else
/// (fractions, lowercase `t` or `z`, offsets with seconds, impossible dates), which the cursor
/// parser then reads or refuses; a property test checks that the two agree.
fn common_instant(text: &str) -> Option<DateTime<FixedOffset>> {
    let (head, offset) = text.as_bytes().split_at_checked(16)?;
    let &[y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2, b'T', h1, h2, b':', n1, n2] = head else {
        return None;
    };
    let (second, offset) = match *offset {
        [b':', s1, s2, ref offset @ ..] => (two_digits(s1, s2)?, offset),
        ref offset => (0, offset),
    };
    let east = match *offset {
        [b'Z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (hours, minutes) = (two_digits(h1, h2)?, two_digits(m1, m2)?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let east = i32::try_from(hours * 3600 + minutes * 60).ok()?;
            if sign == b'-' {
                -east
            } else {
                east
            }
        }
        _ => return None,
    };
    let year = i32::try_from(two_digits(y1, y2)? * 100 + two_digits(y3, y4)?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, two_digits(m1, m2)?, two_digits(d1, d2)?)?;
    let time = NaiveTime::from_hms_opt(two_digits(h1, h2)?, two_digits(n1, n2)?, second)?;
    let offset = FixedOffset::east_opt(east)?;
    let utc = date.and_time(time).checked_sub_offset(offset)?;
    Some(DateTime::from_naive_utc_and_offset(utc, offset))
}

/// The number written by two ASCII digits.
fn two_digits(tens: u8, ones: u8) -> Option<u32> {
    let (tens, ones) = (tens.wrapping_sub(b'0'), ones.wrapping_sub(b'0'));
    (tens < 10 && ones < 10).then(|| u32::from(tens) * 10 + u32::from(ones))
}

fn instant(c: &mut Cursor<'_>) -> Option<DateTime<FixedOffset>> {
    let date = date(c)?;
    c.eat_any(b"Tt")?;
    let time = time(c, true)?;
    let offset = offset(c)?;
    if !c.done() {
        return None;
    }
    NaiveDateTime::new(date, time)
        .and_local_timezone(offset)
        .single()
}

fn date(c: &mut Cursor<'_>) -> Option<NaiveDate> {
    let year = c.digits(4)?;
    c.eat(b'-')?;
    let month = c.digits(2)?;
    c.eat(b'-')?;
    let day = c.digits(2)?;
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

fn time(c: &mut Cursor<'_>, fraction: bool) -> Option<NaiveTime> {
    let hour = c.digits(2)?;
    c.eat(b':')?;
    let minute = c.digits(2)?;
    let mut second = 0;
    let mut nanos = 0;
    if c.eat(b':').is_some() {
        second = c.digits(2)?;
        if fraction && c.eat(b'.').is_some() {
            nanos = c.fraction()?;
        }
    }
    // chrono would read second 59 with nanos ≥ 10⁹ as a leap second; `fraction` keeps nanos below.
    NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)
}

fn offset(c: &mut Cursor<'_>) -> Option<FixedOffset> {
    let sign = match c.eat_any(b"Zz+-")? {
        b'Z' | b'z' => return FixedOffset::east_opt(0),
        b'+' => 1,
        _ => -1,
    };
    let hours = c.digits(2)?;
    c.eat(b':')?;
    let minutes = c.digits(2)?;
    let seconds = match c.eat(b':') {
        Some(_) => c.digits(2)?,
        None => 0,
    };
    if hours > 23 || minutes > 59 || seconds > 59 {
        return None;
    }
    let total = i32::try_from(hours * 3600 + minutes * 60 + seconds).ok()?;
    FixedOffset::east_opt(sign * total)
}

/// A forward-only reader over ASCII syntax; every method returns `None` instead of failing loudly.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            bytes: text.as_bytes(),
            pos: 0,
        }
    }

    fn done(&self) -> bool {
        self.pos == self.bytes.len()
    }

    fn eat_any(&mut self, set: &[u8]) -> Option<u8> {
        let b = *self.bytes.get(self.pos)?;
        set.contains(&b).then(|| {
            self.pos += 1;
            b
        })
    }

    fn eat(&mut self, byte: u8) -> Option<u8> {
        self.eat_any(&[byte])
    }

    /// Exactly `n` ASCII digits (n ≤ 4, so the value fits).
    fn digits(&mut self, n: usize) -> Option<u32> {
        let run = self.bytes.get(self.pos..self.pos + n)?;
        let mut value = 0;
        for &b in run {
            if !b.is_ascii_digit() {
                return None;
            }
            value = value * 10 + u32::from(b - b'0');
        }
        self.pos += n;
        Some(value)
    }

    /// 1 to 9 digits after a decimal point, as nanoseconds.
    fn fraction(&mut self) -> Option<u32> {
        let start = self.pos;
        let mut nanos = 0;
        while let Some(b) = self.bytes.get(self.pos).filter(|b| b.is_ascii_digit()) {
            if self.pos - start == 9 {
                return None;
            }
            nanos = nanos * 10 + u32::from(b - b'0');
            self.pos += 1;
        }
        let len = self.pos - start;
        if len == 0 {
            return None;
        }
        Some(nanos * 10u32.pow(u32::try_from(9 - len).ok()?))
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod fast_format {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_digit_writer_matches_chrono(minutes in -40_000_000i64..300_000_000, offset_quarters in -56i32..=56) {
            let offset = FixedOffset::east_opt(offset_quarters * 900).expect("within a day");
            let utc = DateTime::from_timestamp(minutes * 60, 0).expect("in range");
            let instant = utc.with_timezone(&offset);
            prop_assert_eq!(format_common(instant), Some(format_with_chrono(instant)));
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The fast path reads exactly what the cursor parser reads (instant and offset), or leaves
    /// the text to it.
    fn agrees(text: &str) -> Result<(), TestCaseError> {
        let general = instant(&mut Cursor::new(text));
        if let Some(fast) = common_instant(text) {
            prop_assert_eq!(Some(fast), general, "{}", text);
            prop_assert_eq!(
                Some(*fast.offset()),
                general.map(|g| *g.offset()),
                "{}",
                text
            );
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn the_fast_path_agrees_with_the_general_parser(
            (year, month, day) in (0u32..=9999, 0u32..=13, 0u32..=32),
            (hour, minute, second) in (0u32..=25, 0u32..=60, proptest::option::of(0u32..=60)),
            separator in prop_oneof![8 => Just("T"), 1 => Just("t"), 1 => Just(" ")],
            offset in prop_oneof![
                4 => Just("Z".to_owned()),
                1 => Just("z".to_owned()),
                6 => (any::<bool>(), 0u32..=25, 0u32..=60)
                    .prop_map(|(east, h, m)| format!("{}{h:02}:{m:02}", if east { '+' } else { '-' })),
                1 => "[+-][0-9]{2}:[0-9]{2}:[0-9]{2}|[+-][0-9]{4}|",
            ],
            tail in prop_oneof![8 => Just(""), 1 => Just(".5"), 1 => Just("x")],
        ) {
            let second = second.map(|s| format!(":{s:02}")).unwrap_or_default();
            let (fraction, junk) = if tail == ".5" { (tail, "") } else { ("", tail) };
            agrees(&format!(
                "{year:04}-{month:02}-{day:02}{separator}{hour:02}:{minute:02}{second}{fraction}{offset}{junk}"
            ))?;
        }

        #[test]
        fn any_text_is_safe(text in "\\PC{0,30}") {
            agrees(&text)?;
        }
    }

    #[test]
    fn common_shapes_take_the_fast_path() {
        for (text, utc) in [
            ("2025-06-10T15:00Z", "2025-06-10T15:00:00+00:00"),
            ("2025-06-10T15:00:30Z", "2025-06-10T15:00:30+00:00"),
            ("2025-06-10T10:00-05:00", "2025-06-10T15:00:00+00:00"),
            ("2025-01-01T02:00+14:00", "2024-12-31T12:00:00+00:00"),
            ("2024-02-29T23:59:59-00:30", "2024-03-01T00:29:59+00:00"),
        ] {
            let fast = common_instant(text).map(|t| t.to_utc().to_rfc3339());
            assert_eq!(fast.as_deref(), Some(utc), "{text}");
        }
        for text in [
            "2025-02-29T10:00Z",
            "2025-06-10t15:00Z",
            "2025-06-10T15:00z",
            "2025-06-10T24:00Z",
        ] {
            assert_eq!(common_instant(text), None, "{text}");
        }
    }
}
