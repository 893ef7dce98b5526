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
