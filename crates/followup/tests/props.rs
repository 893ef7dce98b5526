//! Invariants over random appointments, protocols and clients: no planned send falls outside
//! the recipient's allowed hours (checked by an independent, naive checker), plans are
//! deterministic and ignore the order of protocols, steps and treatments, and no mangled input
//! makes any operation panic or quote itself in an error.

#![allow(
    clippy::unwrap_used,
    reason = "property helpers unwrap generated fixtures"
)]
#![cfg(not(target_arch = "wasm32"))]

mod support;

use chrono::{DateTime, Datelike, FixedOffset, TimeDelta, Timelike, Utc};
use medspa_errors::{decode_value, CodedError};
use medspa_followup::*;
use medspa_zoned::{ChronoTz, ZoneSource};
use proptest::prelude::*;
use serde_json::{json, Value};
use support::try_plan;

const ZONES: [&str; 7] = [
    "America/New_York",
    "America/Los_Angeles",
    "America/Chicago",
    "America/Phoenix",
    "Europe/London",
    "Australia/Lord_Howe",
    "Pacific/Honolulu",
];
const STATES: [Option<&str>; 6] = [
    None,
    Some("TX"),
    Some("RI"),
    Some("CT"),
    Some("FL"),
    Some("NY"),
];
const CHANNELS: [&str; 5] = ["sms", "email", "push", "voice", "portal"];
const KINDS: [&str; 5] = [
    "aftercare",
    "check_in",
    "other",
    "rebooking",
    "series_reminder",
];
/// 2025-01-01T00:00Z and the length of 2025.
const YEAR_START: i64 = 1_735_689_600;
const YEAR: i64 = 365 * 86_400;
/// Days near the 2025 DST changes (US, EU, Lord Howe) get extra weight.
const DST_DAYS: [i64; 6] = [67, 68, 89, 95, 277, 305];

/// The naive rule, written out again: 08–21 everywhere, the state table, then the client's
/// windows (`None` = no client hours; a weekday missing from them is closed).
fn allowed(
    state: Option<&str>,
    client: &Option<Vec<(Vec<u32>, u32, u32)>>,
    weekday: u32,
    minute: u32,
) -> bool {
    let (mut from, mut to) = (8 * 60, 21 * 60);
    let weekend = weekday >= 5;
    let (s, e) = match state {
        Some("TX") if weekday == 6 => (12 * 60, 21 * 60),
        Some("TX") => (9 * 60, 21 * 60),
        Some("RI") if weekend => (10 * 60, 17 * 60),
        Some("RI") => (9 * 60, 18 * 60),
        Some("CT") => (9 * 60, 20 * 60),
        Some("FL") => (8 * 60, 20 * 60),
        _ => (0, 24 * 60),
    };
    from = from.max(s);
    to = to.min(e);
    if let Some(windows) = client {
        match windows.iter().find(|(days, _, _)| days.contains(&weekday)) {
            Some((_, s, e)) => {
                from = from.max(s * 60);
                to = to.min(e * 60);
            }
            None => return false,
        }
    }
    from <= minute && minute < to
}

fn local(zone: &str, t: DateTime<Utc>) -> DateTime<FixedOffset> {
    let offset = ChronoTz.utc_offset(zone, t.timestamp()).unwrap();
    t.with_timezone(&FixedOffset::east_opt(offset).unwrap())
}

fn allowed_at(
    zone: &str,
    state: Option<&str>,
    client: &Option<Vec<(Vec<u32>, u32, u32)>>,
    t: DateTime<Utc>,
) -> bool {
    let l = local(zone, t);
    // Whole seconds matter at the boundary: 20:59:59 is allowed, 21:00:00 is not.
    let minute = l.hour() * 60 + l.minute();
    allowed(state, client, l.weekday().num_days_from_monday(), minute)
}

fn instant(text: &str) -> DateTime<Utc> {
    medspa_zoned::parse_instant(text).unwrap().to_utc()
}

#[derive(Debug, Clone)]
struct Scenario {
    request: Value,
    recipient_zone: &'static str,
    state: Option<&'static str>,
    client_hours: Option<Vec<(Vec<u32>, u32, u32)>>,
}

fn a_step(i: usize) -> impl Strategy<Value = Value> {
    (0..KINDS.len(), any::<bool>(), 0i64..200, 0i64..30, any::<bool>(), 0..CHANNELS.len(), prop::collection::vec(0..CHANNELS.len(), 0..3), 0u8..10)
        .prop_map(move |(kind, hours, h, d, recipient, channel, fallbacks, class)| {
            let class = match class { 0 => "marketing", 1 => "billing", _ => "healthcare" };
            json!({"id": format!("s{i}"), "kind": KINDS[kind],
                   "offset": if hours { json!({"hours": h}) } else { json!({"days": d}) },
                   "daysIn": if recipient { "recipient" } else { "clinic" },
                   "channel": CHANNELS[channel],
                   "fallbackChannels": fallbacks.iter().map(|c| CHANNELS[*c]).collect::<Vec<_>>(),
                   "templateId": format!("t{i}"), "class": class, "requiresConsent": class == "marketing"})
        })
}

fn a_protocol(t: usize) -> impl Strategy<Value = Value> {
    (prop::collection::vec(any::<u8>(), 1..5), 1u32..6, 1u32..40, 0u32..25).prop_flat_map(move |(steps, sessions, min, spread)| {
        let steps: Vec<_> = (0..steps.len()).map(a_step).collect();
        steps.prop_map(move |steps| {
            json!({"id": format!("p{t}"), "treatmentId": format!("t{t}"), "steps": steps,
                   "series": {"sessions": sessions, "intervals": [{"min": min, "max": min + spread}]}})
        })
    })
}

fn a_scenario() -> impl Strategy<Value = Scenario> {
    (
        (1usize..4).prop_flat_map(|n| (0..n).map(a_protocol).collect::<Vec<_>>()),
        (0..ZONES.len(), prop::option::of(0..ZONES.len()), 0..STATES.len()),
        (any::<bool>(), 0..DST_DAYS.len(), 0..YEAR, 0i64..86_400, 0i64..5_400),
        (-7_200i64..72_000, prop::collection::vec(0..CHANNELS.len(), 0..3), prop::collection::vec(0..CHANNELS.len(), 0..3), any::<bool>(), 1u32..4),
        prop::option::of(prop::collection::vec((prop::collection::vec(0u32..7, 1..4), 6u32..12, 13u32..25), 1..3)),
    )
        .prop_map(|(protocols, (clinic, client_zone, state), (near_dst, dst, anywhere, second, length), (now_after, opted, allowed, consent, session), hours)| {
            let end_secs = if near_dst { YEAR_START + DST_DAYS[dst] * 86_400 + second } else { YEAR_START + anywhere };
            let end = DateTime::from_timestamp(end_secs, 0).unwrap();
            let start = end - TimeDelta::seconds(length);
            let now = end + TimeDelta::seconds(now_after);
            // FollowupClient windows: each weekday in at most one window (later duplicates dropped).
            let client_hours = hours.map(|ws| {
                let mut seen = Vec::new();
                ws.into_iter()
                    .map(|(days, s, e)| {
                        let days: Vec<u32> = days.into_iter().filter(|d| !seen.contains(d)).collect();
                        seen.extend(days.iter().copied());
                        (days, s, e)
                    })
                    .filter(|(days, _, _)| !days.is_empty())
                    .collect::<Vec<_>>()
            });
            let names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
            let hours_json: Vec<Value> = client_hours
                .iter()
                .flatten()
                .map(|(days, s, e)| json!({"days": days.iter().map(|d| names[*d as usize]).collect::<Vec<_>>(),
                                           "start": format!("{s:02}:00"), "end": format!("{e:02}:00")}))
                .collect();
            let treatments: Vec<String> = (0..protocols.len()).map(|t| format!("t{t}")).collect();
            let recipient_zone = ZONES[client_zone.unwrap_or(clinic)];
            let request = json!({
                "appointment": {"id": "a1", "clientId": "c1", "start": start.to_rfc3339(), "end": end.to_rfc3339(),
                                "zone": ZONES[clinic], "treatments": treatments,
                                "seriesSessions": [{"treatmentId": "t0", "session": session}]},
                "protocols": protocols,
                "client": {"id": "c1", "zone": client_zone.map(|z| ZONES[z]), "state": STATES[state],
                           "optedOut": opted.iter().map(|c| CHANNELS[*c]).collect::<Vec<_>>(),
                           "allowedChannels": allowed.iter().map(|c| CHANNELS[*c]).collect::<Vec<_>>(),
                           "marketingConsent": consent, "allowedHours": hours_json},
                "now": now.to_rfc3339(),
            });
            Scenario { request, recipient_zone, state: STATES[state], client_hours: client_hours.filter(|w| !w.is_empty()) }
        })
}

fn shuffled(request: &Value, seed: u64) -> Value {
    let mut r = request.clone();
    let mut rng = seed;
    let mut shuffle = |list: &mut Vec<Value>| {
        for i in (1..list.len()).rev() {
            rng = rng
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            list.swap(i, (rng >> 33) as usize % (i + 1));
        }
    };
    shuffle(r["protocols"].as_array_mut().unwrap());
    for p in r["protocols"].as_array_mut().unwrap() {
        shuffle(p["steps"].as_array_mut().unwrap());
    }
    shuffle(r["appointment"]["treatments"].as_array_mut().unwrap());
    r
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn no_planned_send_falls_outside_the_recipients_allowed_hours(s in a_scenario()) {
        let plan = try_plan(&s.request).unwrap();
        let now = instant(s.request["now"].as_str().unwrap());
        let opted: Vec<&str> = s.request["client"]["optedOut"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
        for m in &plan.messages {
            let send = instant(&m.send_at);
            let due = instant(&m.due_at);
            prop_assert!(allowed_at(s.recipient_zone, s.state, &s.client_hours, send), "{} outside hours: {m:?}", m.send_at);
            prop_assert!(send >= due && send >= now, "{m:?}");
            // The offset shown is the recipient's.
            prop_assert_eq!(local(s.recipient_zone, send).offset().local_minus_utc(), medspa_zoned::parse_instant(&m.send_at).unwrap().offset().local_minus_utc());
            let base = due.max(now);
            prop_assert_eq!(m.moved_for_quiet_hours, send != base);
            if send != base {
                // Moved to the *next* allowed instant: the second before it was not allowed.
                prop_assert!(!allowed_at(s.recipient_zone, s.state, &s.client_hours, send - TimeDelta::seconds(1)), "{m:?}");
            }
            prop_assert!(!opted.contains(&m.channel.as_str()), "{m:?}");
            prop_assert!(m.class != MessageClass::Marketing || s.request["client"]["marketingConsent"] == json!(true));
        }
    }

    #[test]
    fn the_same_inputs_give_the_same_plan_in_any_order(s in a_scenario(), seed in any::<u64>()) {
        let first = try_plan(&s.request).unwrap();
        prop_assert_eq!(&try_plan(&s.request).unwrap(), &first);
        prop_assert_eq!(&try_plan(&shuffled(&s.request, seed)).unwrap(), &first);
        // Replanning with its own messages keeps them all.
        let mut again = s.request.clone();
        again["previous"] = json!(first.messages.iter().map(|m| json!({"id": m.id, "sendAt": m.send_at})).collect::<Vec<_>>());
        let replan = try_plan(&again).unwrap();
        prop_assert!(replan.cancel.is_empty() && replan.create.is_empty());
        prop_assert_eq!(replan.keep.len(), first.messages.len());
    }

    #[test]
    fn mangled_requests_never_panic_nor_quote_themselves(
        s in a_scenario(),
        which in 0usize..6,
        edits in prop::collection::vec((any::<prop::sample::Index>(), a_json_value()), 1..4),
    ) {
        let mut request = match which {
            0 => s.request.clone(),
            1 => json!({"instant": s.request["now"], "recipient": {"zone": s.recipient_zone, "state": s.state,
                        "allowedHours": s.request["client"]["allowedHours"]}}),
            2 => json!({"now": s.request["now"], "zone": s.recipient_zone, "plans": [{"id": "p", "clientId": "c",
                        "series": s.request["protocols"][0]["series"], "sessions": [s.request["appointment"]["start"], s.request["appointment"]["end"]]}]}),
            3 => json!({"today": "2025-09-01", "treatments": [{"treatmentId": "t0", "series": s.request["protocols"][0]["series"]}],
                        "series": [{"id": "s", "clientId": "c", "treatmentId": "t0", "locationId": "l", "sessions": ["2025-05-01", "2025-06-01"]}]}),
            4 => json!({"protocols": s.request["protocols"], "treatments": ["t0", "t1"],
                        "templates": [{"id": "t0", "text": "Hi {{client.first_name}}"}, {"id": "t1", "text": "See you soon"}]}),
            _ => json!({"now": s.request["now"], "visits": [{"id": "v", "windowStart": "2025-07-01", "windowEnd": "2025-07-09", "summary": "x"}]}),
        };
        for (index, value) in edits {
            let mut pointers = Vec::new();
            collect_pointers(&request, String::new(), &mut pointers);
            let pointer = index.get(&pointers).clone();
            if let Some(slot) = request.pointer_mut(&pointer) {
                *slot = value;
            }
        }
        let result: Result<(), CodedError> = match which {
            0 => try_plan(&request).map(drop),
            1 => decode_value::<SendTimeRequest>(&request).and_then(|r| next_allowed_send_time(&ChronoTz, &r)).map(drop),
            2 => decode_value::<SeriesProgressRequest>(&request).and_then(|r| series_progress(&ChronoTz, &r)).map(drop),
            3 => decode_value::<RetentionRequest>(&request).and_then(|r| retention_report(&r)).map(drop),
            4 => decode_value::<ValidateProtocolsRequest>(&request).map(|r| {
                for problem in validate_protocols(&r).problems {
                    assert!(!problem.message.contains("Roe") && !problem.message.contains("987-65"), "{problem:?}");
                }
            }),
            _ => decode_value::<ICalRequest>(&request).and_then(|r| to_icalendar(&r)).map(drop),
        };
        if let Err(err) = result {
            prop_assert!(!err.code.is_empty() && err.code.chars().all(|c| c.is_ascii_uppercase() || c == '_'), "{err}");
            prop_assert!(err.path.starts_with('$'), "{err}");
            for secret in ["Roe", "987-65", "Mars"] {
                prop_assert!(!err.message.contains(secret) && !err.path.contains(secret), "{err}");
            }
        }
    }
}

fn a_json_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-5i64..400).prop_map(Value::from),
        prop::sample::select(vec![
            "Jane Roe",
            "987-65-4320",
            "Mars/Olympus",
            "2025-13-01",
            "2025-02-29T10:00Z",
            "24:00",
            "9999-12-31T23:59:59Z",
            "-262143-01-01",
            "+262142-12-31T23:59:59Z",
            "Etc/GMT+14",
            "America/Santiago",
            "sms",
            "marketing",
            "series_reminder",
            "cancelled",
            "",
        ])
        .prop_map(Value::from),
        Just(json!([])),
        Just(json!({})),
        Just(json!({"hours": 8784})),
        Just(json!({"days": -1})),
        Just(json!({"sessions": 100, "intervals": [{"min": 0, "max": 1000}]})),
        Just(json!([{"start": "00:00", "end": "00:01"}])),
    ]
}

fn collect_pointers(value: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                collect_pointers(child, format!("{at}/{key}"), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                collect_pointers(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}
