//! to_icalendar, line by line: CRLF endings, folding at 75 octets (never inside a character),
//! TEXT escaping, UTC stamps, stable UIDs and neutral summaries.

#![allow(clippy::unwrap_used, reason = "tests unwrap fixtures")]

mod support;

use medspa_errors::{decode_value, CodedError};
use medspa_followup::{to_icalendar, ICalRequest};
use serde_json::{json, Value};
use support::*;

fn try_ics(request: &Value) -> Result<String, CodedError> {
    let request: ICalRequest = decode_value(request)?;
    to_icalendar(&request)
}

fn lines(ics: &str) -> Vec<&str> {
    assert!(ics.ends_with("\r\n"));
    assert!(
        !ics.replace("\r\n", "").contains(['\r', '\n']),
        "bare CR or LF"
    );
    ics.strip_suffix("\r\n").unwrap().split("\r\n").collect()
}

/// Undoes folding (RFC 5545 §3.1): a CRLF followed by one space joins two lines.
fn unfold(ics: &str) -> String {
    ics.replace("\r\n ", "")
}

#[test]
fn messages_and_visits_line_by_line() {
    let end = "2025-06-10T15:00-04:00";
    let p = plan(&request(
        appointment(end, end, &["neurotoxin"]),
        vec![tox()],
        client("America/New_York"),
        end,
    ));
    let messages = serde_json::to_value(&p.messages[..1]).unwrap();
    let id = &p.messages[0].id;
    let ics = try_ics(
        &json!({"now": "2025-06-10T15:05:30-04:00", "messages": messages,
        "visits": [{"id": "p1-2", "windowStart": "2025-07-08", "windowEnd": "2025-07-22"}],
        "uidDomain": "glow.example"}),
    )
    .unwrap();
    let expected = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//medspa-kit//followup//EN",
        "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
        &format!("UID:{id}@glow.example"),
        "DTSTAMP:20250610T190530Z",
        "DTSTART:20250610T190000Z",
        "DURATION:PT15M",
        "SUMMARY:Follow-up: aftercare message",
        "DESCRIPTION:Template tox-aftercare by sms (healthcare)",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:p1-2@glow.example",
        "DTSTAMP:20250610T190530Z",
        "DTSTART;VALUE=DATE:20250708",
        "DTEND;VALUE=DATE:20250723",
        "SUMMARY:Suggested next visit",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
        "END:VCALENDAR",
    ];
    assert_eq!(lines(&ics), expected);
}

#[test]
fn text_is_escaped_and_long_lines_fold_at_75_octets() {
    let summary = "Book your next visit; we have slots, mornings\\evenings\nCall us\r\nThanks\u{7}";
    let ics = try_ics(&json!({"now": "2025-06-10T12:00Z",
        "visits": [{"id": "v;1", "windowStart": "2025-07-08", "windowEnd": "2025-07-08", "summary": summary}]})).unwrap();
    for line in lines(&ics) {
        assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
    }
    let unfolded = unfold(&ics);
    let all: Vec<&str> = lines(&unfolded);
    assert!(all.contains(&"UID:v\\;1@followup.medspa-kit.invalid"));
    assert!(all.contains(
        &"SUMMARY:Book your next visit\\; we have slots\\, mornings\\\\evenings\\nCall us\\nThanks"
    ));
    // The summary line is 89 octets: folded once, after 75.
    let folded: Vec<&str> = lines(&ics)
        .into_iter()
        .skip_while(|l| !l.starts_with("SUMMARY:"))
        .take(2)
        .collect();
    assert_eq!(folded[0].len(), 75);
    assert!(folded[1].starts_with(' '));
    // A one-day window ends (exclusively) the next day.
    assert!(all.contains(&"DTEND;VALUE=DATE:20250709"));
}

#[test]
fn folding_never_splits_a_character() {
    // 'é' is two octets: the 75-octet cut would fall inside one.
    let summary = format!("x{}", "é".repeat(60));
    let ics = try_ics(&json!({"now": "2025-06-10T12:00Z",
        "visits": [{"id": "v", "windowStart": "2025-07-08", "windowEnd": "2025-07-09", "summary": summary}]})).unwrap();
    let physical = lines(&ics);
    let summary_lines: Vec<&str> = physical
        .iter()
        .copied()
        .skip_while(|l| !l.starts_with("SUMMARY:"))
        .take(2)
        .collect();
    // "SUMMARY:x" is 9 octets, then 33 'é' (66 octets) make 75; the 34th would not fit.
    assert_eq!(summary_lines[0].len(), 75);
    assert_eq!(summary_lines[1], format!(" {}", "é".repeat(27)));
    assert!(unfold(&ics).contains(&format!("SUMMARY:{summary}\r\n")));
}

#[test]
fn errors_name_the_field() {
    assert_error(try_ics(&json!({"now": "soon"})), "INVALID_INSTANT", "$.now");
    assert_error(
        try_ics(
            &json!({"now": "2025-06-10T12:00Z", "visits": [{"id": "v", "windowStart": "2025-07-08", "windowEnd": "2025-07-01"}]}),
        ),
        "INVALID_RANGE",
        "$.visits[0].windowEnd",
    );
    assert_error(
        try_ics(
            &json!({"now": "2025-06-10T12:00Z", "visits": [{"id": "v", "windowStart": "July 8", "windowEnd": "2025-07-01"}]}),
        ),
        "INVALID_DATE",
        "$.visits[0].windowStart",
    );
}
