//! Properties on small random clinics: every plan passes the independent checker; a brute-force
//! search finds no earlier feasible first session; slots never overlap busy time; and no input
//! (random mutations of valid requests) makes any operation panic or echo input in an error.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use medspa_schedule::*;
use medspa_zoned::ChronoTz;
use proptest::prelude::*;
use serde_json::{json, Value};

const DAYS: [&str; 5] = ["mon", "tue", "wed", "thu", "fri"];

#[derive(Debug, Clone)]
struct Instance {
    zone: &'static str,
    open: u32,
    close: u32,
    duration: u32,
    buffer: u32,
    sessions: u32,
    min: u32,
    spread: u32,
    consult: bool,
    providers: usize,
    appointments: Vec<(u32, u32, u32, usize)>, // day, start hour, minutes, provider
    /// What the treatment needs: 0 any room; 1 any room and any device; 2 any room and the
    /// room `r1` (where picking the first free room for the first need starves the second).
    needs: u8,
    /// Which room (0, 1) and device (0, 1, none) each existing appointment holds.
    held: Vec<(usize, usize)>,
    now: &'static str,
}

fn instance() -> impl Strategy<Value = Instance> {
    (
        prop::sample::select(vec!["UTC", "America/New_York", "Europe/London"]),
        8u32..11,
        13u32..17,
        prop::sample::select(vec![30u32, 60, 90]),
        prop::sample::select(vec![0u32, 15]),
        1u32..4,
        0u32..6,
        0u32..5,
        any::<bool>(),
        1usize..3,
        prop::collection::vec((0u32..20, 8u32..16, 30u32..120, 0usize..2), 0..15),
        (
            0u8..3,
            prop::collection::vec((0usize..2, 0usize..3), 15),
            // A closed Sunday, a Monday morning (notice trims the first open day), a Tuesday.
            prop::sample::select(vec![
                "2025-03-02T12:00Z",
                "2025-03-03T14:00Z",
                "2025-03-04T15:30Z",
            ]),
        ),
    )
        .prop_map(
            |(
                zone,
                open,
                close,
                duration,
                buffer,
                sessions,
                min,
                spread,
                consult,
                providers,
                appointments,
                (needs, held, now),
            )| Instance {
                zone,
                open,
                close,
                duration,
                buffer,
                sessions,
                min,
                spread,
                consult,
                providers,
                appointments,
                needs,
                held,
                now,
            },
        )
}

const ROOMS: [&str; 2] = ["r1", "r2"];
const DEVICES: [&str; 2] = ["d1", "d2"];

/// Every list of distinct resources, one per need, of the right kinds (the brute force does not
/// trust `anyOf`: the checker must refuse a resource that cannot serve).
fn assignments(i: &Instance) -> Vec<Vec<&'static str>> {
    match i.needs {
        0 => ROOMS.iter().map(|r| vec![*r]).collect(),
        1 => ROOMS
            .iter()
            .flat_map(|r| DEVICES.iter().map(move |d| vec![*r, *d]))
            .collect(),
        _ => vec![vec!["r1", "r2"], vec!["r2", "r1"]],
    }
}

fn clinic(i: &Instance) -> Value {
    let week: Vec<Value> = DAYS
        .iter()
        .map(|d| json!({"day": d, "start": format!("{:02}:00", i.open), "end": format!("{:02}:00", i.close)}))
        .collect();
    let providers: Vec<Value> = (0..i.providers)
        .map(|p| json!({"id": format!("p{p}"), "qualifications": ["RN"], "hours": week}))
        .collect();
    let appointments: Vec<Value> = i
        .appointments
        .iter()
        .zip(&i.held)
        .filter(|(a, _)| a.3 < i.providers)
        .map(|(&(day, hour, mins, p), &(room, device))| {
            let start = chrono::NaiveDate::from_ymd_opt(2025, 3, 3)
                .expect("valid")
                .and_hms_opt(hour, 0, 0)
                .expect("valid")
                + chrono::Duration::days(i64::from(day));
            let end = start + chrono::Duration::minutes(i64::from(mins));
            let mut held = vec![ROOMS[room]];
            held.extend(DEVICES.get(device));
            json!({"start": start.format("%Y-%m-%dT%H:%MZ").to_string(),
                   "end": end.format("%Y-%m-%dT%H:%MZ").to_string(),
                   "providerId": format!("p{p}"), "resourceIds": held, "bufferAfterMinutes": 15})
        })
        .collect();
    let needs = match i.needs {
        0 => json!([{"kind": "room"}]),
        1 => json!([{"kind": "room"}, {"kind": "device"}]),
        _ => json!([{"kind": "room"}, {"kind": "room", "anyOf": ["r1"]}]),
    };
    let mut t = json!({"id": "t", "durationMinutes": i.duration, "bufferAfterMinutes": i.buffer,
        "qualifications": ["RN"], "resources": needs,
        "series": {"sessions": i.sessions, "intervals": [{"min": i.min, "max": i.min + i.spread}]}});
    if i.consult {
        t["consultation"] = json!({"treatmentId": "c", "maxAgeDays": 3});
    }
    json!({
        "location": {"zone": i.zone, "hours": week, "slotStepMinutes": 60, "horizonDays": 30,
                     "minNoticeMinutes": 60},
        "catalog": {"treatments": [t, {"id": "c", "durationMinutes": 30, "qualifications": ["RN"]}]},
        "providers": providers,
        "resources": [{"id": "r1", "kind": "room"}, {"id": "r2", "kind": "room"},
                      {"id": "d1", "kind": "device"}, {"id": "d2", "kind": "device"}],
        "appointments": appointments
    })
}

fn plan_of(i: &Instance) -> PlanSeriesResponse {
    let request: PlanSeriesRequest =
        serde_json::from_value(json!({"clinic": clinic(i), "treatmentId": "t", "now": i.now}))
            .expect("valid");
    plan_series(&ChronoTz, &request).expect("answers")
}

fn valid(i: &Instance, plan: &Value) -> bool {
    let request: ValidatePlanRequest = serde_json::from_value(json!({
        "clinic": clinic(i), "treatmentId": "t", "now": i.now, "plan": plan,
        "checkNoticeAndHorizon": true
    }))
    .expect("valid");
    validate_plan(&ChronoTz, &request).expect("answers").valid
}

/// Grid starts of the small clinic (one window per weekday), read through `resolveLocalTime`,
/// from `now` plus the notice on: the checker treats sessions before `now` as done, not new.
fn grid(i: &Instance) -> Vec<String> {
    let earliest = chrono::DateTime::parse_from_str(i.now, "%Y-%m-%dT%H:%M%#z").expect("valid")
        + chrono::Duration::minutes(60);
    let mut out = Vec::new();
    for day in 0..32 {
        let date = chrono::NaiveDate::from_ymd_opt(2025, 3, 2).expect("valid")
            + chrono::Duration::days(day);
        if chrono::Datelike::weekday(&date).num_days_from_monday() > 4 {
            continue;
        }
        for h in i.open..i.close {
            if h * 60 + i.duration > i.close * 60 {
                continue;
            }
            let r = resolve_local_time(
                &ChronoTz,
                &LocalTimeRequest {
                    date: date.format("%Y-%m-%d").to_string(),
                    time: format!("{h:02}:00"),
                    zone: i.zone.into(),
                    policy: LocalTimePolicy::default(),
                },
            )
            .expect("resolves");
            let start =
                chrono::DateTime::parse_from_str(&r.instant, "%Y-%m-%dT%H:%M%#z").expect("valid");
            if start >= earliest {
                out.push(r.instant);
            }
        }
    }
    out
}

fn booking(start: &str, p: usize, resources: &[&str]) -> Value {
    json!({"start": start, "providerId": format!("p{p}"), "resourceIds": resources})
}

/// Exhaustive: is there a valid plan whose first session starts at `first`?
fn completes(i: &Instance, g: &[String], prefix: &mut Vec<Value>, consult: &Option<Value>) -> bool {
    let mut plan = json!({"sessions": prefix.clone()});
    if let Some(c) = consult {
        plan["consultation"] = c.clone();
    }
    if !valid(i, &plan) {
        return false;
    }
    if prefix.len() == i.sessions as usize {
        return true;
    }
    for s in g {
        for p in 0..i.providers {
            for held in assignments(i) {
                prefix.push(booking(s, p, &held));
                if completes(i, g, prefix, consult) {
                    prefix.pop();
                    return true;
                }
                prefix.pop();
            }
        }
    }
    false
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn every_plan_passes_validation(i in instance()) {
        let r = plan_of(&i);
        match &r.plan {
            Some(p) => {
                let plan = serde_json::to_value(p).expect("json");
                prop_assert!(valid(&i, &plan), "{plan}");
            }
            None => prop_assert!(r.unplanned.is_some()),
        }
    }

    #[test]
    fn slots_never_overlap_busy_time(i in instance()) {
        let request: FindSlotsRequest = serde_json::from_value(json!({
            "clinic": clinic(&i), "treatmentId": "t", "from": "2025-03-03", "to": "2025-03-20",
            "now": i.now, "limit": 1000})).expect("valid");
        let page = find_slots(&ChronoTz, &request).expect("answers");
        for s in &page.slots {
            let held: Vec<&str> = s.resource_ids.iter().map(String::as_str).collect();
            let plan = json!({"sessions": [booking(&s.start, s.provider_id[1..].parse().expect("id"), &held)]});
            // Consultation aside, a single slot is a valid one-session booking.
            let request: ValidatePlanRequest = serde_json::from_value(json!({
                "clinic": clinic(&i), "treatmentId": "t", "now": i.now, "plan": plan,
                "checkNoticeAndHorizon": true})).expect("valid");
            let v = validate_plan(&ChronoTz, &request).expect("answers");
            let clash = v.violations.iter().any(|v| matches!(v.code,
                ViolationCode::DoubleBooking | ViolationCode::OutsideHours | ViolationCode::TooShortNotice
                | ViolationCode::OutsideHorizon));
            prop_assert!(!clash, "{:?} {:?}", s, v.violations);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    #[test]
    fn brute_force_finds_no_earlier_first_session(mut i in instance()) {
        // Small enough to enumerate: two sessions, no consultation.
        i.sessions = i.sessions.min(2);
        i.consult = false;
        i.close = i.close.min(i.open + 4);
        let r = plan_of(&i);
        let g = grid(&i);
        let mut brute = None;
        'outer: for s in &g {
            for p in 0..i.providers {
                for held in assignments(&i) {
                    let mut prefix = vec![booking(s, p, &held)];
                    if completes(&i, &g, &mut prefix, &None) {
                        brute = Some(s.clone());
                        break 'outer;
                    }
                }
            }
        }
        let planned = r.plan.as_ref().map(|p| p.sessions[0].start.clone());
        prop_assert_eq!(planned, brute);
    }
}

/// Replaces values along random paths: strings with marked text, numbers with extremes, nulls,
/// wrong types; and deletes keys.
fn mutate(v: &mut Value, picks: &[(u8, u32)], depth: usize) {
    let Some(&(kind, at)) = picks.get(depth) else {
        return;
    };
    match v {
        Value::Object(map) if !map.is_empty() => {
            let key = map
                .keys()
                .nth(at as usize % map.len())
                .cloned()
                .unwrap_or_default();
            if kind % 7 == 0 {
                map.remove(&key);
            } else if let Some(child) = map.get_mut(&key) {
                mutate(child, picks, depth + 1);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            let n = items.len();
            mutate(&mut items[at as usize % n], picks, depth + 1);
        }
        _ => {
            *v = match kind % 6 {
                0 => json!("PHI-987-65-4320"),
                1 => json!(u32::MAX),
                2 => json!(-1),
                3 => Value::Null,
                4 => json!(["PHI-987-65-4321"]),
                _ => json!("2025-02-30T25:61Z"),
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    #[test]
    fn no_input_panics_or_is_echoed(picks in prop::collection::vec((any::<u8>(), any::<u32>()), 1..8), op in 0u8..5) {
        let big = support::large_clinic(0, 50);
        let mut request = json!({
            "clinic": serde_json::to_value(&big).expect("json"), "treatmentId": "laser-hair",
            "from": "2025-03-03", "to": "2025-03-04", "now": support::NOW,
            "plan": {"sessions": [{"start": "2025-03-03T10:00-05:00", "providerId": "p00", "resourceIds": ["room0", "laser0"]}]},
            "session": 0, "newStart": "2025-03-04T10:00-05:00", "scope": "repair"
        });
        mutate(&mut request, &picks, 0);
        let check = |e: medspa_errors::CodedError| {
            assert!(!e.message.contains("PHI") && !e.path.contains("PHI"), "{e}");
        };
        let strip = |mut v: Value, keep: &[&str]| {
            if let Value::Object(m) = &mut v {
                m.retain(|k, _| keep.contains(&k.as_str()));
            }
            v
        };
        match op {
            0 => match medspa_errors::decode_value::<FindSlotsRequest>(&strip(request, &["clinic", "treatmentId", "from", "to", "now"])) {
                Ok(r) => { let _ = find_slots(&ChronoTz, &r).map_err(check); }
                Err(e) => check(e),
            },
            1 => match medspa_errors::decode_value::<PlanSeriesRequest>(&strip(request, &["clinic", "treatmentId", "now"])) {
                Ok(r) => { let _ = plan_series(&ChronoTz, &r).map_err(check); }
                Err(e) => check(e),
            },
            2 => match medspa_errors::decode_value::<ValidatePlanRequest>(&strip(request, &["clinic", "treatmentId", "now", "plan"])) {
                Ok(r) => { let _ = validate_plan(&ChronoTz, &r).map_err(check); }
                Err(e) => check(e),
            },
            3 => match medspa_errors::decode_value::<RescheduleRequest>(&strip(request, &["clinic", "treatmentId", "now", "plan", "session", "newStart", "scope"])) {
                Ok(r) => { let _ = reschedule(&ChronoTz, &r).map_err(check); }
                Err(e) => check(e),
            },
            _ => match medspa_errors::decode_value::<WindowsRequest>(&strip(request, &["clinic", "treatmentId", "now", "plan"])) {
                Ok(r) => { let _ = windows(&ChronoTz, &r).map_err(check); }
                Err(e) => check(e),
            },
        }
    }
}
