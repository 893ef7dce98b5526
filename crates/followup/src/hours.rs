//! Quiet hours: when a recipient may be messaged, in the recipient's own zone. The allowed
//! window of a local day is the intersection of the default `[08:00, 21:00)`, the recipient's
//! state row (a data table the clinic can update), the clinic's hours and the client's own
//! hours: the strictest applies. A send outside it moves forward to the next opening.

use crate::cache::ZoneClock;
use crate::codes::*;
use crate::limits::*;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, Timelike, Utc};
use medspa_errors::CodedError;
use medspa_zoned::{format_instant, parse_instant, parse_local_time, ZoneSource};
use serde::{Deserialize, Serialize};

pub use medspa_zoned::Weekday;

const ALL_DAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// Allowed local hours on some weekdays: `{"days": ["sat", "sun"], "start": "10:00", "end": "17:00"}`.
/// Half-open, `[start, end)`; `end` may be `24:00`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HoursWindow {
    /// The weekdays it covers; every day when empty or omitted.
    #[serde(default)]
    pub days: Vec<Weekday>,
    /// First allowed local time, `HH:MM`.
    pub start: String,
    /// First local time no longer allowed, `HH:MM` (or `24:00`), after `start`.
    pub end: String,
}

/// A state's stricter calling hours: its windows replace nothing, they narrow the default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StateHours {
    /// Two-letter code, such as `TX` (compared without regard to case).
    pub state: String,
    /// The allowed windows; a weekday no window names is closed in that state.
    pub windows: Vec<HoursWindow>,
}

/// The clinic's side of the quiet-hours rule.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SendRules {
    /// The clinic's own allowed hours (all clients); none when empty. A weekday no window names
    /// is closed.
    #[serde(default)]
    pub clinic_hours: Vec<HoursWindow>,
    /// Updates to the state table: each entry replaces (or adds) that state's row of
    /// [`default_state_hours`].
    #[serde(default)]
    pub state_hours: Vec<StateHours>,
    /// Drop the built-in table and use only `stateHours`.
    #[serde(default)]
    pub replace_state_table: bool,
}

/// The built-in state table (`docs/domain.md` §2): CT 9–20; FL, MD, MS, NJ, OK 8–20; RI 9–18
/// weekdays and 10–17 weekends; TX 9–21 Monday–Saturday and 12–21 Sunday.
///
/// ```
/// let table = medspa_followup::default_state_hours();
/// let tx = table.iter().find(|s| s.state == "TX").unwrap();
/// assert_eq!(tx.windows.len(), 2);
/// ```
pub fn default_state_hours() -> Vec<StateHours> {
    use Weekday::*;
    let w = |days: &[Weekday], start: &str, end: &str| HoursWindow {
        days: days.to_vec(),
        start: start.into(),
        end: end.into(),
    };
    let every = |state: &str, start: &str, end: &str| StateHours {
        state: state.into(),
        windows: vec![w(&[], start, end)],
    };
    vec![
        every("CT", "09:00", "20:00"),
        every("FL", "08:00", "20:00"),
        every("MD", "08:00", "20:00"),
        every("MS", "08:00", "20:00"),
        every("NJ", "08:00", "20:00"),
        every("OK", "08:00", "20:00"),
        StateHours {
            state: "RI".into(),
            windows: vec![
                w(&[Mon, Tue, Wed, Thu, Fri], "09:00", "18:00"),
                w(&[Sat, Sun], "10:00", "17:00"),
            ],
        },
        StateHours {
            state: "TX".into(),
            windows: vec![
                w(&[Mon, Tue, Wed, Thu, Fri, Sat], "09:00", "21:00"),
                w(&[Sun], "12:00", "21:00"),
            ],
        },
    ]
}

/// The default window every send must fall in: `[08:00, 21:00)` local.
pub const DEFAULT_START_SECONDS: u32 = 8 * 3600;
/// The end of the default window, in seconds after local midnight (21:00).
pub const DEFAULT_END_SECONDS: u32 = 21 * 3600;

/// Allowed seconds of the local day per weekday (Monday first); `None` = closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Week(pub [Option<(u32, u32)>; 7]);

impl Week {
    pub(crate) fn default_hours() -> Week {
        Week([Some((DEFAULT_START_SECONDS, DEFAULT_END_SECONDS)); 7])
    }

    /// Narrows to the intersection with `other`.
    fn narrow(&mut self, other: &Week) {
        for (mine, theirs) in self.0.iter_mut().zip(other.0) {
            *mine = match (*mine, theirs) {
                (Some((a, b)), Some((c, d))) if a.max(c) < b.min(d) => Some((a.max(c), b.min(d))),
                _ => None,
            };
        }
    }

    fn window(&self, date: NaiveDate) -> Option<(u32, u32)> {
        self.0[date.weekday().num_days_from_monday() as usize]
    }
}

/// Parses `HH:MM[:SS]`, or `24:00` when `end_of_day`, to seconds after midnight.
fn seconds_of(text: &str, end_of_day: bool, path: &str) -> Result<u32, CodedError> {
    if end_of_day && text == "24:00" {
        return Ok(86_400);
    }
    let t = parse_local_time(text).map_err(|e| e.under(path))?;
    Ok(t.num_seconds_from_midnight())
}

/// Compiles one source's windows (paths under `path`).
pub(crate) fn compile_windows(windows: &[HoursWindow], path: &str) -> Result<Week, CodedError> {
    if windows.len() > MAX_WINDOWS {
        return Err(too_many(path, MAX_WINDOWS));
    }
    let mut week = Week([None; 7]);
    // Which window claimed each weekday; naming a day twice in one window is harmless.
    let mut owner: [Option<usize>; 7] = [None; 7];
    for (i, w) in windows.iter().enumerate() {
        let at = format!("{path}[{i}]");
        let start = seconds_of(&w.start, false, &format!("{at}.start"))?;
        let end = seconds_of(&w.end, true, &format!("{at}.end"))?;
        if start >= end {
            return Err(out_of_range(
                format!("{at}.end"),
                "the window must end after it starts on the same day",
            ));
        }
        let days: &[Weekday] = if w.days.is_empty() {
            &ALL_DAYS
        } else {
            &w.days
        };
        for (j, day) in days.iter().enumerate() {
            if owner[day.index()].replace(i).is_some_and(|j| j != i) {
                let day_path = if w.days.is_empty() {
                    format!("{at}.days")
                } else {
                    format!("{at}.days[{j}]")
                };
                return Err(CodedError::new(
                    DUPLICATE_DAY,
                    day_path,
                    "a weekday may appear in only one window",
                ));
            }
            week.0[day.index()] = Some((start, end));
        }
    }
    Ok(week)
}

/// The compiled clinic rules: the clinic's week and the state table (two-letter codes,
/// upper case).
#[derive(Debug, Clone)]
pub(crate) struct CompiledRules {
    clinic: Option<Week>,
    states: Vec<([u8; 2], Week)>,
}

/// The built-in table as compiled weeks, Monday first (the same rows as [`default_state_hours`],
/// checked against it by a unit test); written out so that planning allocates nothing for it.
const fn builtin_states() -> [([u8; 2], Week); 8] {
    const H: u32 = 3_600;
    const fn every(from: u32, to: u32) -> Week {
        Week([Some((from * H, to * H)); 7])
    }
    let ri_d = Some((9 * H, 18 * H));
    let ri_e = Some((10 * H, 17 * H));
    let tx_d = Some((9 * H, 21 * H));
    let tx_sun = Some((12 * H, 21 * H));
    [
        (*b"CT", every(9, 20)),
        (*b"FL", every(8, 20)),
        (*b"MD", every(8, 20)),
        (*b"MS", every(8, 20)),
        (*b"NJ", every(8, 20)),
        (*b"OK", every(8, 20)),
        (*b"RI", Week([ri_d, ri_d, ri_d, ri_d, ri_d, ri_e, ri_e])),
        (*b"TX", Week([tx_d, tx_d, tx_d, tx_d, tx_d, tx_d, tx_sun])),
    ]
}

impl CompiledRules {
    /// Compiles `rules` (paths under `path`).
    pub(crate) fn new(rules: &SendRules, path: &str) -> Result<CompiledRules, CodedError> {
        let clinic = if rules.clinic_hours.is_empty() {
            None
        } else {
            Some(compile_windows(
                &rules.clinic_hours,
                &format!("{path}.clinicHours"),
            )?)
        };
        if rules.state_hours.len() > MAX_STATES {
            return Err(too_many(format!("{path}.stateHours"), MAX_STATES));
        }
        let mut states: Vec<([u8; 2], Week)> = Vec::with_capacity(8 + rules.state_hours.len());
        if !rules.replace_state_table {
            states.extend(builtin_states());
        }
        for (i, row) in rules.state_hours.iter().enumerate() {
            let at = format!("{path}.stateHours[{i}]");
            let code = normalize_state(&row.state).ok_or_else(|| {
                CodedError::new(
                    INVALID_STATE,
                    format!("{at}.state"),
                    "expected a two-letter state code",
                )
            })?;
            let week = compile_windows(&row.windows, &format!("{at}.windows"))?;
            match states.iter_mut().find(|(s, _)| *s == code) {
                Some(slot) => slot.1 = week,
                None => states.push((code, week)),
            }
        }
        Ok(CompiledRules { clinic, states })
    }

    /// The week of one recipient: default ∩ state ∩ clinic ∩ client.
    pub(crate) fn week_for(&self, state: Option<&str>, client: Option<&Week>) -> Week {
        let mut week = Week::default_hours();
        if let Some(code) = state.and_then(normalize_state) {
            if let Some((_, row)) = self.states.iter().find(|(s, _)| *s == code) {
                week.narrow(row);
            }
        }
        if let Some(clinic) = &self.clinic {
            week.narrow(clinic);
        }
        if let Some(client) = client {
            week.narrow(client);
        }
        week
    }
}

fn normalize_state(state: &str) -> Option<[u8; 2]> {
    match state.trim().as_bytes() {
        &[a, b] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => {
            Some([a.to_ascii_uppercase(), b.to_ascii_uppercase()])
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_written_out_table_matches_the_published_rows() {
        let compiled: Vec<([u8; 2], Week)> = default_state_hours()
            .iter()
            .map(|row| {
                let code = normalize_state(&row.state).expect("two letters");
                (code, compile_windows(&row.windows, "$").expect("valid row"))
            })
            .collect();
        assert_eq!(compiled, builtin_states().to_vec());
    }
}

/// The first allowed instant at or after `at` in `zone` under `week`, in the zone's local time.
///
/// Openings are local wall times resolved by RFC 5545's rule (a start inside a DST gap moves
/// forward by the gap). The search looks [`MAX_SEARCH_DAYS`] days ahead, then gives up with
/// `NO_ALLOWED_HOURS` (only possible when every weekday is closed).
pub(crate) fn next_allowed(
    zone: &ZoneClock<'_>,
    week: &Week,
    at: DateTime<Utc>,
) -> Result<DateTime<FixedOffset>, CodedError> {
    if week.0.iter().all(Option::is_none) {
        return Err(no_allowed_hours());
    }
    let mut t = at;
    for _ in 0..2 * MAX_SEARCH_DAYS {
        let local = zone.local(t)?;
        let date = local.date_naive();
        let seconds = local.num_seconds_from_midnight();
        let next = match week.window(date) {
            Some((start, end)) if start <= seconds && seconds < end => return Ok(local),
            Some((start, _)) if seconds < start => {
                let opening = wall(zone, date, start)?;
                if opening > t {
                    opening
                } else {
                    // A fold put us in the repeated hour: advance by the wall-clock distance.
                    t + chrono::TimeDelta::seconds(i64::from(start - seconds))
                }
            }
            _ => {
                let tomorrow = date.succ_opt().ok_or_else(time_out_of_range)?;
                let midnight = wall(zone, tomorrow, 0)?;
                if midnight > t {
                    midnight
                } else {
                    t + chrono::TimeDelta::seconds(i64::from(86_400 - seconds))
                }
            }
        };
        t = next;
    }
    Err(no_allowed_hours())
}

fn wall(zone: &ZoneClock<'_>, date: NaiveDate, seconds: u32) -> Result<DateTime<Utc>, CodedError> {
    let time = NaiveTime::from_num_seconds_from_midnight_opt(seconds.min(86_399), 0)
        .ok_or_else(time_out_of_range)?;
    zone.resolve(date.and_time(time))
}

fn no_allowed_hours() -> CodedError {
    CodedError::new(
        NO_ALLOWED_HOURS,
        "$",
        "the allowed hours leave no time to send in a week",
    )
}

pub(crate) fn time_out_of_range() -> CodedError {
    CodedError::new(
        medspa_zoned::codes::TIME_OUT_OF_RANGE,
        "$",
        "the date is outside the supported range",
    )
}

/// Who a message goes to, as far as quiet hours care.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SendRecipient {
    /// The recipient's IANA zone.
    pub zone: String,
    /// The recipient's state, for the state table.
    #[serde(default)]
    pub state: Option<String>,
    /// The recipient's own allowed hours; none when empty.
    #[serde(default)]
    pub allowed_hours: Vec<HoursWindow>,
}

/// A send time to check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SendTimeRequest {
    /// The intended send time, ISO 8601 with offset.
    #[cfg_attr(feature = "ts", tsify(type = "string | Date"))]
    pub instant: String,
    /// The recipient.
    pub recipient: SendRecipient,
    /// The clinic's hours and state-table updates.
    #[serde(default)]
    pub rules: SendRules,
}

/// The answer of [`next_allowed_send_time`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SendTime {
    /// The send time, with the UTC offset of the recipient's zone.
    pub at: String,
    /// Whether quiet hours moved it.
    pub moved: bool,
}

/// The instant itself if the recipient may be messaged then, else the next allowed instant.
///
/// ```
/// use medspa_followup::{next_allowed_send_time, SendTimeRequest};
/// use medspa_zoned::ChronoTz;
/// let request: SendTimeRequest = serde_json::from_value(serde_json::json!({
///     "instant": "2025-06-08T15:00Z",     // a Sunday, 10:00 in Texas
///     "recipient": {"zone": "America/Chicago", "state": "TX"}
/// })).unwrap();
/// let answer = next_allowed_send_time(&ChronoTz, &request).unwrap();
/// assert_eq!((answer.at.as_str(), answer.moved), ("2025-06-08T12:00-05:00", true));
/// ```
pub fn next_allowed_send_time(
    zones: &dyn ZoneSource,
    request: &SendTimeRequest,
) -> Result<SendTime, CodedError> {
    let at = parse_instant(&request.instant)
        .map_err(|e| e.under("$.instant"))?
        .to_utc();
    let rules = CompiledRules::new(&request.rules, "$.rules")?;
    let client = if request.recipient.allowed_hours.is_empty() {
        None
    } else {
        Some(compile_windows(
            &request.recipient.allowed_hours,
            "$.recipient.allowedHours",
        )?)
    };
    let week = rules.week_for(request.recipient.state.as_deref(), client.as_ref());
    let zone = &request.recipient.zone;
    let allowed = next_allowed(&ZoneClock::direct(zones, zone), &week, at).map_err(|e| {
        if e.code == NO_ALLOWED_HOURS {
            e
        } else {
            e.under("$.recipient.zone")
        }
    })?;
    Ok(SendTime {
        at: format_instant(allowed),
        moved: allowed != at,
    })
}
