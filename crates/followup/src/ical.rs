//! Planned messages and suggested next visits as an RFC 5545 calendar: CRLF line endings,
//! lines folded at 75 octets, TEXT values escaped, UTC times, stable UIDs. Summaries are
//! neutral ("Follow-up check-in") unless the caller writes its own: no PHI is added.

use crate::codes::*;
use crate::limits::*;
use crate::plan::{instant_at, PlannedMessage};
use crate::protocol::StepKind;
use chrono::{DateTime, NaiveDate, Utc};
use medspa_errors::CodedError;
use medspa_zoned::parse_local_date;
use serde::{Deserialize, Serialize};
use std::fmt::Write;

/// What to export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ICalRequest {
    /// The export time, written as every event's `DTSTAMP` (in UTC).
    #[cfg_attr(feature = "ts", tsify(type = "string | Date"))]
    pub now: String,
    /// Planned messages (as [`followup_plan`](crate::followup_plan) returned them): 15-minute
    /// events at their send time.
    #[serde(default)]
    pub messages: Vec<PlannedMessage>,
    /// Suggested next visits: all-day events over their window.
    #[serde(default)]
    pub visits: Vec<SuggestedVisit>,
    /// The right-hand side of every UID (`<id>@<domain>`); `followup.medspa-kit.invalid` by default.
    #[serde(default)]
    pub uid_domain: Option<String>,
}

/// A window in which a client should come back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SuggestedVisit {
    /// Stable id (the UID's left-hand side), such as the series plan id and session.
    pub id: String,
    /// First local date, `YYYY-MM-DD`.
    pub window_start: String,
    /// Last local date (inclusive), `YYYY-MM-DD`.
    pub window_end: String,
    /// The summary; "Suggested next visit" when omitted. Whatever is written here is exported.
    #[serde(default)]
    pub summary: Option<String>,
}

const DEFAULT_DOMAIN: &str = "followup.medspa-kit.invalid";

/// Writes the calendar. Errors (with paths) for unreadable times and more than [`MAX_EVENTS`]
/// events.
///
/// ```
/// use medspa_followup::{to_icalendar, ICalRequest};
/// let request: ICalRequest = serde_json::from_value(serde_json::json!({
///     "now": "2025-06-10T18:30-04:00",
///     "visits": [{"id": "p1-2", "windowStart": "2025-06-24", "windowEnd": "2025-07-01"}]
/// })).unwrap();
/// let ics = to_icalendar(&request).unwrap();
/// assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
/// assert!(ics.contains("\r\nUID:p1-2@followup.medspa-kit.invalid\r\nDTSTAMP:20250610T223000Z\r\n"));
/// assert!(ics.contains("\r\nDTSTART;VALUE=DATE:20250624\r\nDTEND;VALUE=DATE:20250702\r\n"));
/// assert!(ics.ends_with("END:VCALENDAR\r\n"));
/// ```
pub fn to_icalendar(request: &ICalRequest) -> Result<String, CodedError> {
    let now = instant_at(&request.now, "$.now")?;
    if request.messages.len() + request.visits.len() > MAX_EVENTS {
        return Err(too_many("$", MAX_EVENTS));
    }
    let domain = request.uid_domain.as_deref().unwrap_or(DEFAULT_DOMAIN);
    let stamp = utc(now);
    let mut out = String::with_capacity(256 * (request.messages.len() + request.visits.len() + 1));
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//medspa-kit//followup//EN");
    line(&mut out, "CALSCALE:GREGORIAN");
    for (i, m) in request.messages.iter().enumerate() {
        let at = instant_at(&m.send_at, &format!("$.messages[{i}].sendAt"))?;
        line(&mut out, "BEGIN:VEVENT");
        line(
            &mut out,
            &format!("UID:{}", text(&format!("{}@{domain}", m.id))),
        );
        line(&mut out, &format!("DTSTAMP:{stamp}"));
        line(&mut out, &format!("DTSTART:{}", utc(at)));
        line(&mut out, "DURATION:PT15M");
        line(&mut out, &format!("SUMMARY:{}", text(summary(m.kind))));
        line(
            &mut out,
            &format!(
                "DESCRIPTION:{}",
                text(&format!(
                    "Template {} by {} ({})",
                    m.template_id,
                    m.channel.as_str(),
                    m.class.as_str()
                ))
            ),
        );
        line(&mut out, "TRANSP:TRANSPARENT");
        line(&mut out, "END:VEVENT");
    }
    for (i, v) in request.visits.iter().enumerate() {
        let path = format!("$.visits[{i}]");
        let from = parse_local_date(&v.window_start)
            .map_err(|e| e.under(&format!("{path}.windowStart")))?;
        let to =
            parse_local_date(&v.window_end).map_err(|e| e.under(&format!("{path}.windowEnd")))?;
        if to < from {
            return Err(CodedError::new(
                INVALID_RANGE,
                format!("{path}.windowEnd"),
                "the window ends before it starts",
            ));
        }
        // DTEND of an all-day event is exclusive: the day after the window's last day.
        let end = to.succ_opt().ok_or_else(crate::hours::time_out_of_range)?;
        line(&mut out, "BEGIN:VEVENT");
        line(
            &mut out,
            &format!("UID:{}", text(&format!("{}@{domain}", v.id))),
        );
        line(&mut out, &format!("DTSTAMP:{stamp}"));
        line(&mut out, &format!("DTSTART;VALUE=DATE:{}", date(from)));
        line(&mut out, &format!("DTEND;VALUE=DATE:{}", date(end)));
        line(
            &mut out,
            &format!(
                "SUMMARY:{}",
                text(v.summary.as_deref().unwrap_or("Suggested next visit"))
            ),
        );
        line(&mut out, "TRANSP:TRANSPARENT");
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    Ok(out)
}

fn summary(kind: StepKind) -> &'static str {
    match kind {
        StepKind::Aftercare => "Follow-up: aftercare message",
        StepKind::CheckIn => "Follow-up: check-in message",
        StepKind::Rebooking => "Follow-up: rebooking prompt",
        StepKind::SeriesReminder => "Follow-up: series reminder",
        StepKind::Other => "Follow-up message",
    }
}

fn utc(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

fn date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines; other
/// control characters, which TEXT may not hold, are dropped.
pub(crate) fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line folded at 75 octets (never inside a UTF-8 sequence), then CRLF.
pub(crate) fn line(out: &mut String, content: &str) {
    let mut rest = content;
    let mut limit = 75;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let _ = write!(out, "{}\r\n ", &rest[..cut]);
        rest = &rest[cut..];
        // A continuation line begins with a space, which counts toward its 75 octets.
        limit = 74;
    }
}
