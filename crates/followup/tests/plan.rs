//! followup_plan, rule by rule: hours vs days across DST, quiet hours in the recipient's zone,
//! merged check-ins, opt-outs and fallbacks, consent, series timing, lateness, replans.

#![allow(clippy::unwrap_used, reason = "tests unwrap fixtures")]

mod support;

use medspa_followup::{MessageChannel, StepKind, UnplannedReason};
use serde_json::{json, Value};
use support::*;

fn one_step(offset: Value, days_in: &str) -> Value {
    json!({"id": "p", "treatmentId": "facial", "steps": [
        {"id": "s", "kind": "check_in", "offset": offset, "daysIn": days_in, "channel": "sms",
         "templateId": "t", "class": "healthcare"}]})
}

/// Send time of the single step `offset` after an appointment ending at `end` (New York clinic),
/// for a client in `zone`.
fn single(end: &str, offset: Value, days_in: &str, zone: &str) -> (String, String, bool) {
    let r = request(
        appointment(end, end, &["facial"]),
        vec![one_step(offset, days_in)],
        client(zone),
        end,
    );
    let p = plan(&r);
    assert_eq!(p.messages.len(), 1, "{p:#?}");
    let m = &p.messages[0];
    (
        m.due_at.to_string(),
        m.send_at.to_string(),
        m.moved_for_quiet_hours,
    )
}

#[test]
fn hours_are_absolute_and_days_keep_the_local_time_across_dst() {
    let ny = "America/New_York";
    let cases = [
        // Spring forward on 2025-03-09: 48 h later is an hour later on the wall clock.
        (
            "2025-03-08T10:00-05:00",
            json!({"hours": 48}),
            "2025-03-10T11:00-04:00",
        ),
        (
            "2025-03-08T10:00-05:00",
            json!({"days": 2}),
            "2025-03-10T10:00-04:00",
        ),
        // Fall back on 2025-11-02: 48 h later is an hour earlier on the wall clock.
        (
            "2025-11-01T10:00-04:00",
            json!({"hours": 48}),
            "2025-11-03T09:00-05:00",
        ),
        (
            "2025-11-01T10:00-04:00",
            json!({"days": 2}),
            "2025-11-03T10:00-05:00",
        ),
        (
            "2025-11-01T10:00-04:00",
            json!({"days": 7}),
            "2025-11-08T10:00-05:00",
        ),
        // No DST change in between: both agree.
        (
            "2025-06-10T10:00-04:00",
            json!({"hours": 48}),
            "2025-06-12T10:00-04:00",
        ),
        (
            "2025-06-10T10:00-04:00",
            json!({"days": 2}),
            "2025-06-12T10:00-04:00",
        ),
    ];
    for (end, offset, expected) in cases {
        let (due, send, moved) = single(end, offset.clone(), "clinic", ny);
        assert_eq!(
            (due.as_str(), send.as_str(), moved),
            (expected, expected, false),
            "{end} {offset}"
        );
    }
}

#[test]
fn days_count_in_the_zone_the_step_names() {
    // The clinic (New York) springs forward on 2025-03-09; the client is in Phoenix (no DST).
    let end = "2025-03-08T12:00-05:00"; // 10:00 in Phoenix
    let (due, _, _) = single(end, json!({"days": 2}), "clinic", "America/Phoenix");
    assert_eq!(due, "2025-03-10T09:00-07:00"); // 12:00 in New York
    let (due, _, _) = single(end, json!({"days": 2}), "recipient", "America/Phoenix");
    assert_eq!(due, "2025-03-10T10:00-07:00"); // 10:00 in Phoenix
}

#[test]
fn quiet_hours_are_the_recipients_a_client_in_los_angeles_of_a_new_york_clinic() {
    let la = "America/Los_Angeles";
    // Checkout 10:30 in New York is 07:30 in Los Angeles: moved to 08:00 there.
    let (due, send, moved) = single("2025-06-10T10:30-04:00", json!({"hours": 0}), "clinic", la);
    assert_eq!(
        (due.as_str(), send.as_str(), moved),
        ("2025-06-10T07:30-07:00", "2025-06-10T08:00-07:00", true)
    );
    // Checkout 23:30 in New York is 20:30 in Los Angeles: allowed as is.
    let (_, send, moved) = single("2025-06-10T23:30-04:00", json!({"hours": 0}), "clinic", la);
    assert_eq!((send.as_str(), moved), ("2025-06-10T20:30-07:00", false));
    // Seven clinic days from a 10:00 New York checkout: 07:00 in Los Angeles, moved.
    let (_, send, moved) = single("2025-06-10T10:00-04:00", json!({"days": 7}), "clinic", la);
    assert_eq!((send.as_str(), moved), ("2025-06-17T08:00-07:00", true));
    // The same for a New York client: not moved.
    let (_, send, moved) = single(
        "2025-06-10T10:00-04:00",
        json!({"days": 7}),
        "clinic",
        "America/New_York",
    );
    assert_eq!((send.as_str(), moved), ("2025-06-17T10:00-04:00", false));
    // Across the clinic's DST change: 48 h after a 20:00 checkout before spring forward is 21:00 EDT.
    let (_, send, moved) = single(
        "2025-03-08T20:00-05:00",
        json!({"hours": 48}),
        "clinic",
        "America/New_York",
    );
    assert_eq!((send.as_str(), moved), ("2025-03-11T08:00-04:00", true));
}

#[test]
fn state_rows_apply_to_planned_messages_texas_sunday() {
    // Checkout Friday 2025-06-06 10:00 in Houston; +2 days is Sunday 10:00, before Texas's 12:00.
    let end = "2025-06-06T10:00-05:00";
    let mut appt = appointment(end, end, &["facial"]);
    appt["zone"] = json!("America/Chicago");
    let c = json!({"id": "c1", "state": "TX"});
    let p = plan(&request(
        appt,
        vec![one_step(json!({"days": 2}), "clinic")],
        c,
        end,
    ));
    assert_eq!(&*p.messages[0].send_at, "2025-06-08T12:00-05:00");
    assert!(p.messages[0].moved_for_quiet_hours);
}

#[test]
fn two_treatments_on_one_day_give_one_merged_check_in_per_day() {
    let end = "2025-06-10T15:00-04:00";
    let r = request(
        appointment("2025-06-10T13:00-04:00", end, &["neurotoxin", "filler"]),
        vec![tox(), filler()],
        client("America/New_York"),
        end,
    );
    let p = plan(&r);
    let kinds: Vec<_> = p
        .messages
        .iter()
        .map(|m| (m.kind, m.send_at.as_ref(), m.sources.len()))
        .collect();
    assert_eq!(
        kinds,
        [
            (StepKind::Aftercare, "2025-06-10T15:00-04:00", 1),
            (StepKind::Aftercare, "2025-06-10T15:00-04:00", 1),
            (StepKind::CheckIn, "2025-06-12T15:00-04:00", 2),
            (StepKind::CheckIn, "2025-06-17T15:00-04:00", 2),
        ]
    );
    let week = &p.messages[3];
    let sources: Vec<_> = week
        .sources
        .iter()
        .map(|s| (s.protocol_id.as_ref(), s.step_id.as_ref()))
        .collect();
    assert_eq!(sources, [("filler", "1w"), ("tox", "1w")]);
    // The earliest of the group and, on a tie, the first by protocol id: filler's email.
    assert_eq!(week.channel, MessageChannel::Email);
    // Check-ins on different days stay apart.
    let mut later = filler();
    later["steps"][1]["offset"] = json!({"hours": 72});
    let p = plan(&request(
        appointment("2025-06-10T13:00-04:00", end, &["neurotoxin", "filler"]),
        vec![tox(), later],
        client("America/New_York"),
        end,
    ));
    let check_ins = p
        .messages
        .iter()
        .filter(|m| m.kind == StepKind::CheckIn)
        .count();
    assert_eq!(check_ins, 3);
    // Two check-ins at different times of one local day merge into the earlier one.
    let mut late = filler();
    late["steps"][1]["offset"] = json!({"hours": 49});
    let end = "2025-06-10T19:30-04:00";
    let p = plan(&request(
        appointment("2025-06-10T18:00-04:00", end, &["neurotoxin", "filler"]),
        vec![tox(), late.clone()],
        client("America/New_York"),
        end,
    ));
    let m48: Vec<_> = p
        .messages
        .iter()
        .filter(|m| m.kind == StepKind::CheckIn)
        .map(|m| (m.send_at.as_ref(), m.sources.len()))
        .collect();
    assert_eq!(
        m48,
        [("2025-06-12T19:30-04:00", 2), ("2025-06-17T19:30-04:00", 2)]
    );
    // Two check-ins that quiet hours move onto one morning merge too.
    let end = "2025-06-10T06:30-04:00";
    let p = plan(&request(
        appointment("2025-06-10T06:00-04:00", end, &["neurotoxin", "filler"]),
        vec![tox(), late],
        client("America/New_York"),
        end,
    ));
    let m48: Vec<_> = p
        .messages
        .iter()
        .filter(|m| m.kind == StepKind::CheckIn)
        .map(|m| (m.send_at.as_ref(), m.sources.len(), m.moved_for_quiet_hours))
        .collect();
    assert_eq!(
        m48,
        [
            ("2025-06-12T08:00-04:00", 2, true),
            ("2025-06-17T08:00-04:00", 2, true)
        ]
    );
}

#[test]
fn opted_out_channels_fall_back_or_are_reported() {
    let end = "2025-06-10T15:00-04:00";
    let mut with_fallback = tox();
    with_fallback["steps"][0]["fallbackChannels"] = json!(["push", "email"]);
    let cases: [(Value, Value, Vec<Option<MessageChannel>>); 5] = [
        // Opted out of SMS, the step falls back to email (push is also opted out).
        (
            json!({"id": "c1", "optedOut": ["sms", "push"]}),
            with_fallback.clone(),
            vec![Some(MessageChannel::Email), None, None],
        ),
        // No step fallbacks: the client's allowed channels, in the client's order.
        (
            json!({"id": "c1", "optedOut": ["sms"], "allowedChannels": ["sms", "portal", "email"]}),
            tox(),
            vec![Some(MessageChannel::Portal); 3],
        ),
        // Allowed channels exclude SMS even without an opt-out.
        (
            json!({"id": "c1", "allowedChannels": ["email"]}),
            tox(),
            vec![Some(MessageChannel::Email); 3],
        ),
        // Opted out of SMS with nowhere to fall back to.
        (
            json!({"id": "c1", "optedOut": ["sms"]}),
            tox(),
            vec![None, None, None],
        ),
        // Nothing opted out.
        (
            json!({"id": "c1"}),
            tox(),
            vec![Some(MessageChannel::Sms); 3],
        ),
    ];
    for (c, protocol, expected) in cases {
        let p = plan(&request(
            appointment(end, end, &["neurotoxin"]),
            vec![protocol],
            c.clone(),
            end,
        ));
        let got: Vec<Option<MessageChannel>> = ["care", "48h", "1w"]
            .iter()
            .map(|s| {
                p.messages
                    .iter()
                    .find(|m| &*m.sources[0].step_id == *s)
                    .map(|m| m.channel)
            })
            .collect();
        assert_eq!(got, expected, "{c}");
        for m in &p.messages {
            assert_eq!(m.channel_fallback, m.channel != MessageChannel::Sms);
        }
        let missing = expected.iter().filter(|e| e.is_none()).count();
        assert_eq!(p.unplanned.len(), missing, "{c}");
        assert!(p
            .unplanned
            .iter()
            .all(|u| u.reason == UnplannedReason::ChannelOptedOut));
    }
}

#[test]
fn marketing_needs_consent() {
    let end = "2025-06-10T15:00-04:00";
    let promo = json!({"id": "promo", "treatmentId": "facial", "steps": [
        {"id": "offer", "kind": "other", "offset": {"days": 30}, "channel": "email",
         "templateId": "offer", "class": "marketing", "requiresConsent": true}]});
    let p = plan(&request(
        appointment(end, end, &["facial"]),
        vec![promo.clone()],
        client("America/New_York"),
        end,
    ));
    assert!(p.messages.is_empty());
    assert_eq!(p.unplanned[0].reason, UnplannedReason::NoConsent);
    let consenting = json!({"id": "c1", "marketingConsent": true});
    let p = plan(&request(
        appointment(end, end, &["facial"]),
        vec![promo.clone()],
        consenting,
        end,
    ));
    assert_eq!(p.messages.len(), 1);
    assert_eq!(
        p.messages[0].class,
        medspa_followup::MessageClass::Marketing
    );
    // A marketing step that forgot `requiresConsent` is still held to consent when planning.
    let mut careless = promo;
    careless["steps"][0]["requiresConsent"] = json!(false);
    let p = plan(&request(
        appointment(end, end, &["facial"]),
        vec![careless],
        client("America/New_York"),
        end,
    ));
    assert_eq!(p.unplanned[0].reason, UnplannedReason::NoConsent);
}

#[test]
fn rebooking_and_series_reminders_follow_the_windows() {
    let start = "2025-06-10T10:00-04:00";
    let end = "2025-06-10T11:00-04:00";
    let p = plan(&request(
        appointment(start, end, &["peel"]),
        vec![peel_series()],
        client("America/New_York"),
        end,
    ));
    let got: Vec<_> = p
        .messages
        .iter()
        .map(|m| {
            let field = |name: &str| {
                m.merge_fields
                    .iter()
                    .find(|f| &*f.name == name)
                    .map(|f| f.value.as_ref())
                    .unwrap_or("")
            };
            (
                m.kind,
                m.session,
                m.send_at.as_ref(),
                field("series.window_start"),
                field("series.window_end"),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            // Session 2's window opens 28 days after 2025-06-10: 07-08; three days before, same time.
            (
                StepKind::Rebooking,
                Some(2),
                "2025-07-05T10:00-04:00",
                "2025-07-08",
                "2025-07-22"
            ),
            // Session 3, projected from session 2 at its window's opening: 08-05; a week before.
            (
                StepKind::SeriesReminder,
                Some(3),
                "2025-07-29T10:00-04:00",
                "2025-08-05",
                "2025-08-19"
            ),
        ]
    );
    // The last session of the series plans no rebooking and no reminder.
    let mut last = appointment(start, end, &["peel"]);
    last["seriesSessions"] = json!([{"treatmentId": "peel", "session": 3}]);
    let p = plan(&request(
        last,
        vec![peel_series()],
        client("America/New_York"),
        end,
    ));
    assert!(p.messages.is_empty() && p.unplanned.is_empty(), "{p:#?}");
    // Session 2 of 3: a rebooking for session 3, no reminders left.
    let mut second = appointment(start, end, &["peel"]);
    second["seriesSessions"] = json!([{"treatmentId": "peel", "session": 2}]);
    let p = plan(&request(
        second,
        vec![peel_series()],
        client("America/New_York"),
        end,
    ));
    let kinds: Vec<_> = p.messages.iter().map(|m| (m.kind, m.session)).collect();
    assert_eq!(kinds, [(StepKind::Rebooking, Some(3))]);
}

#[test]
fn a_lead_longer_than_the_interval_prompts_at_checkout_not_before() {
    let mut series = peel_series();
    series["steps"][0]["offset"] = json!({"days": 40});
    let end = "2025-06-10T11:00-04:00";
    let p = plan(&request(
        appointment("2025-06-10T10:00-04:00", end, &["peel"]),
        vec![series],
        client("America/New_York"),
        end,
    ));
    assert_eq!(&*message(&p, "peel", "rebook").send_at, end);
}

#[test]
fn steps_due_before_now_are_sent_now_within_the_grace_else_reported() {
    let end = "2025-06-10T15:00-04:00";
    // Planned 20 minutes after checkout: aftercare goes out now.
    let p = plan(&request(
        appointment(end, end, &["neurotoxin"]),
        vec![tox()],
        client("America/New_York"),
        "2025-06-10T15:20-04:00",
    ));
    let care = message(&p, "tox", "care");
    assert_eq!(
        (care.send_at.as_ref(), care.late, care.moved_for_quiet_hours),
        ("2025-06-10T15:20-04:00", true, false)
    );
    // Planned three days later: aftercare and the 48 h check-in are past; the week check-in stands.
    let p = plan(&request(
        appointment(end, end, &["neurotoxin"]),
        vec![tox()],
        client("America/New_York"),
        "2025-06-13T15:00-04:00",
    ));
    assert_eq!(
        times(&p),
        [("1w".to_string(), "2025-06-17T15:00-04:00".to_string())]
    );
    let past: Vec<_> = p
        .unplanned
        .iter()
        .map(|u| (u.step_id.as_ref(), u.reason))
        .collect();
    assert_eq!(
        past,
        [
            ("48h", UnplannedReason::Past),
            ("care", UnplannedReason::Past)
        ]
    );
}

#[test]
fn ids_are_stable_and_a_replan_lists_what_to_cancel_and_create() {
    let end = "2025-06-10T15:00-04:00";
    let now = "2025-06-10T15:00-04:00";
    let r = request(
        appointment("2025-06-10T14:00-04:00", end, &["neurotoxin"]),
        vec![tox()],
        client("America/New_York"),
        now,
    );
    let first = plan(&r);
    assert_eq!(first.create.len(), 3);
    assert!(first.cancel.is_empty() && first.keep.is_empty());
    assert_eq!(plan(&r), first, "same inputs, same plan");
    assert!(first
        .messages
        .iter()
        .all(|m| m.id.starts_with("fu-") && m.id.len() == 19));
    let previous: Vec<Value> = first
        .messages
        .iter()
        .map(|m| json!({"id": m.id, "sendAt": m.send_at}))
        .collect();

    // Unchanged: everything kept.
    let mut again = r.clone();
    again["previous"] = json!(previous);
    let same = plan(&again);
    assert_eq!(same.keep.len(), 3);
    assert!(same.cancel.is_empty() && same.create.is_empty());

    // Rescheduled a day later: the future messages are cancelled and new ones created. The
    // aftercare (sent at 15:00, now is 16:00) is never cancelled.
    let mut moved = again.clone();
    moved["appointment"]["start"] = json!("2025-06-11T14:00-04:00");
    moved["appointment"]["end"] = json!("2025-06-11T15:00-04:00");
    moved["now"] = json!("2025-06-10T16:00-04:00");
    let replan = plan(&moved);
    let old_ids: Vec<&str> = first.messages.iter().map(|m| m.id.as_ref()).collect();
    assert_eq!(replan.cancel, [old_ids[1].into(), old_ids[2].into()]);
    assert_eq!(replan.create.len(), 3);
    assert!(replan.keep.is_empty());
    assert!(replan
        .messages
        .iter()
        .all(|m| !old_ids.contains(&m.id.as_ref())));

    // One step added to the protocol: the others are kept.
    let mut more = again.clone();
    more["protocols"][0]["steps"]
        .as_array_mut()
        .unwrap()
        .push(step(
            "2w",
            "check_in",
            json!({"days": 14}),
            "sms",
            "checkin-2w",
        ));
    let grown = plan(&more);
    assert_eq!(
        (grown.keep.len(), grown.create.len(), grown.cancel.len()),
        (3, 1, 0)
    );

    // Cancelled: nothing planned, the future messages cancelled.
    let mut cancelled = again;
    cancelled["appointment"]["status"] = json!("cancelled");
    cancelled["now"] = json!("2025-06-10T16:00-04:00");
    let gone = plan(&cancelled);
    assert!(gone.messages.is_empty());
    assert_eq!(gone.cancel, [old_ids[1].into(), old_ids[2].into()]);
}

#[test]
fn merge_fields_never_carry_a_treatment() {
    let end = "2025-06-10T15:00-04:00";
    let mut appt = appointment("2025-06-10T14:00-04:00", end, &["neurotoxin"]);
    appt["locationId"] = json!("soho");
    let p = plan(&request(
        appt,
        vec![tox()],
        client("America/Los_Angeles"),
        end,
    ));
    let fields: Vec<_> = p
        .merge_fields
        .iter()
        .map(|f| (f.name.as_ref(), f.value.as_ref()))
        .collect();
    assert_eq!(
        fields,
        [
            ("appointment.date", "2025-06-10"),
            ("appointment.time", "11:00"),
            ("location.id", "soho")
        ]
    );
    assert!(p.messages.iter().all(|m| m.merge_fields.is_empty()));
    let json = serde_json::to_string(&p.merge_fields).unwrap();
    assert!(!json.contains("neurotoxin"));
}

#[test]
fn bad_requests_are_coded_errors_with_paths() {
    let end = "2025-06-10T15:00-04:00";
    let ok = request(
        appointment(end, end, &["neurotoxin"]),
        vec![tox()],
        client("America/New_York"),
        end,
    );
    let with = |pointer: &str, value: Value| {
        let mut r = ok.clone();
        *r.pointer_mut(pointer).unwrap() = value;
        try_plan(&r)
    };
    assert_error(
        with("/appointment/treatments", json!(["laser"])),
        "UNKNOWN_TREATMENT",
        "$.appointment.treatments[0]",
    );
    assert_error(
        with(
            "/appointment/treatments",
            json!(["neurotoxin", "neurotoxin"]),
        ),
        "DUPLICATE_ID",
        "$.appointment.treatments[1]",
    );
    assert_error(
        with("/protocols/0/steps/1/offset", json!({"hours": -4})),
        "OUT_OF_RANGE",
        "$.protocols[0].steps[1].offset.hours",
    );
    assert_error(
        with("/protocols/0/steps/1/offset", json!({"days": 100000})),
        "OUT_OF_RANGE",
        "$.protocols[0].steps[1].offset.days",
    );
    assert_error(
        with("/protocols/0/steps/1/offset", json!({"weeks": 2})),
        "INVALID_VALUE",
        "$.protocols[0].steps[1].offset",
    );
    assert_error(
        with("/appointment/zone", json!("Mars/Olympus")),
        "UNKNOWN_TIME_ZONE",
        "$.appointment.zone",
    );
    assert_error(
        with("/client/zone", json!("Mars/Olympus")),
        "UNKNOWN_TIME_ZONE",
        "$.client.zone",
    );
    assert_error(
        with("/appointment/end", json!("2025-06-10T09:00-04:00")),
        "INVALID_RANGE",
        "$.appointment.end",
    );
    assert_error(
        with("/appointment/clientId", json!("c2")),
        "UNKNOWN_CLIENT",
        "$.appointment.clientId",
    );
    assert_error(with("/now", json!("yesterday")), "INVALID_INSTANT", "$.now");
    assert_error(
        with("/protocols/0/steps/1/kind", json!("rebooking")),
        "NO_SERIES",
        "$.protocols[0].steps[1].kind",
    );
    assert_error(
        with("/protocols/0/steps/1/id", json!("care")),
        "DUPLICATE_ID",
        "$.protocols[0].steps[1].id",
    );
    assert_error(
        with("/client", json!({"id": "c1", "optedOut": ["fax"]})),
        "INVALID_VALUE",
        "$.client.optedOut[0]",
    );
    let mut many = ok.clone();
    many["previous"] = json!(vec![json!({"id": "x", "sendAt": end}); 2_001]);
    assert_error(try_plan(&many), "TOO_MANY", "$.previous");
    let mut session = ok.clone();
    session["appointment"]["seriesSessions"] = json!([{"treatmentId": "neurotoxin", "session": 0}]);
    assert_error(
        try_plan(&session),
        "OUT_OF_RANGE",
        "$.appointment.seriesSessions[0].session",
    );
}
