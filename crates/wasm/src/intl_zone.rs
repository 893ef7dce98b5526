//! Time-zone offsets from the host's `Intl` API, so the .wasm ships no tz database: browsers and
//! Node carry a current IANA database already, and chrono-tz's would add ~190 KB gzipped.
//! Native builds use chrono-tz through the same `ZoneSource` trait; the package tests check
//! that both agree on DST transitions.

use medspa_errors::CodedError;
use medspa_zoned::codes::{out_of_range, unknown_zone};
use medspa_zoned::{SpanCache, ZoneSource};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
    type Formatter;

    // `catch`: an unknown zone makes the constructor throw a RangeError, which must come back
    // as a Result instead of unwinding through Rust frames.
    #[wasm_bindgen(catch, constructor, js_namespace = Intl, js_class = DateTimeFormat)]
    fn new(locale: &str, options: &js_sys::Object) -> Result<Formatter, JsValue>;

    #[wasm_bindgen(catch, method, js_class = DateTimeFormat, js_name = formatToParts)]
    fn format_to_parts(this: &Formatter, date: &js_sys::Date) -> Result<js_sys::Array, JsValue>;

    #[wasm_bindgen(catch, method, js_class = DateTimeFormat, js_name = format)]
    fn format(this: &Formatter, date: &js_sys::Date) -> Result<String, JsValue>;
}

/// `ZoneSource` over `Intl.DateTimeFormat`, with one formatter per zone for the call's lifetime,
/// behind the span memo of `medspa-zoned` (`SpanCache`): a call into `Intl` costs microseconds,
/// and a day of consent checks asks thousands of offsets that a handful of spans answer.
pub type IntlZones = SpanCache<IntlExact>;

thread_local! {
    /// The zone source every export shares. Creating an `Intl.DateTimeFormat` costs about a
    /// hundred microseconds and offsets never change, so formatters and remembered spans outlive
    /// one call (the span memo is bounded). WASM runs one thread; a reset after a trap starts
    /// afresh.
    static SHARED: IntlZones = IntlZones::default();
}

/// Runs `f` with the shared zone source.
pub fn with_zones<T>(f: impl FnOnce(&IntlZones) -> T) -> T {
    SHARED.with(f)
}

/// The offsets `Intl.DateTimeFormat` gives, instant by instant.
#[derive(Default)]
pub struct IntlExact {
    formatters: RefCell<Vec<(String, Formatter)>>,
}

impl IntlExact {
    fn formatter(&self, zone: &str) -> Result<std::cell::Ref<'_, Formatter>, CodedError> {
        let cached = self
            .formatters
            .borrow()
            .iter()
            .position(|(name, _)| name == zone);
        let index = match cached {
            Some(index) => index,
            None => {
                let options = js_sys::Object::new();
                for (key, value) in [
                    ("timeZone", zone),
                    ("hourCycle", "h23"),
                    ("era", "short"),
                    ("year", "numeric"),
                    ("month", "numeric"),
                    ("day", "numeric"),
                    ("hour", "numeric"),
                    ("minute", "numeric"),
                    ("second", "numeric"),
                ] {
                    js_sys::Reflect::set(&options, &key.into(), &value.into())
                        .map_err(|_| unknown_zone())?;
                }
                let formatter = Formatter::new("en-US", &options).map_err(|_| unknown_zone())?;
                let mut formatters = self.formatters.borrow_mut();
                formatters.push((zone.to_string(), formatter));
                formatters.len() - 1
            }
        };
        Ok(std::cell::Ref::map(self.formatters.borrow(), |f| {
            &f[index].1
        }))
    }
}

impl ZoneSource for IntlExact {
    /// The offset `Intl` gives for one instant.
    fn utc_offset(&self, zone: &str, unix_seconds: i64) -> Result<i32, CodedError> {
        // JS dates span ±8.64e15 ms; stay well inside so the arithmetic below is exact in f64.
        if unix_seconds.unsigned_abs() > 8_000_000_000_000 {
            return Err(out_of_range());
        }
        let formatter = self.formatter(zone)?;
        let date = js_sys::Date::new(&JsValue::from_f64(unix_seconds as f64 * 1000.0));
        // One string from `format` ("6/10/2025 AD, 14:05:00" in en-US) costs a fifth of the
        // objects `formatToParts` returns; the parts remain the fallback for any other shape.
        let text = formatter.format(&date).map_err(|_| out_of_range())?;
        let (mut fields, before_common_era) = match read_en_us(&text) {
            Some(read) => read,
            None => {
                let parts = formatter
                    .format_to_parts(&date)
                    .map_err(|_| out_of_range())?;
                read_parts(&parts)?
            }
        };
        drop(formatter);
        if before_common_era {
            fields[0] = 1 - fields[0];
        }
        let [year, month, day, hour, minute, second] = fields;
        let wall = days_from_civil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second;
        i32::try_from(wall - unix_seconds).map_err(|_| out_of_range())
    }
}

/// Year, month, day, hour, minute, second, and whether the era is BC, from en-US `format`
/// output: month/day/year, an era, then hour:minute:second. Any other shape gives `None`.
fn read_en_us(text: &str) -> Option<([i64; 6], bool)> {
    let mut fields = [0i64; 6];
    let mut count = 0;
    for run in text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|run| !run.is_empty())
    {
        let value: i64 = run.parse().ok()?;
        *fields.get_mut(count)? = value;
        count += 1;
    }
    if count != 6 {
        return None;
    }
    let [month, day, year, hour, minute, second] = fields;
    let before_common_era = text.contains("BC");
    if !(before_common_era || text.contains("AD")) {
        return None;
    }
    Some(([year, month, day, hour, minute, second], before_common_era))
}

/// The same fields from `formatToParts`, by part type.
fn read_parts(parts: &js_sys::Array) -> Result<([i64; 6], bool), CodedError> {
    let mut fields = [0i64; 6]; // year, month, day, hour, minute, second
    let mut before_common_era = false;
    for part in parts.iter() {
        let get = |key: &str| {
            js_sys::Reflect::get(&part, &key.into())
                .ok()
                .and_then(|v| v.as_string())
        };
        let (Some(kind), Some(value)) = (get("type"), get("value")) else {
            continue;
        };
        let slot = match kind.as_str() {
            "era" => {
                before_common_era = value.starts_with('B');
                continue;
            }
            "year" => 0,
            "month" => 1,
            "day" => 2,
            "hour" => 3,
            "minute" => 4,
            "second" => 5,
            _ => continue,
        };
        fields[slot] = value.parse().map_err(|_| out_of_range())?;
    }
    Ok((fields, before_common_era))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}
