//! Invariants over random clients: a valid signed form never makes an appointment less ready,
//! and no input (however mangled) makes a check panic or quote itself in an error.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions unwrap fixtures"
)]
#![cfg(not(target_arch = "wasm32"))]

mod support;

use medspa_consent::{AppointmentCheck, FindingState};
use proptest::prelude::*;
use serde_json::{json, Value};
use support::*;

const FORMS: [(&str, &str); 8] = [
    ("intake", "4"),
    ("tox-consent", "3"),
    ("laser-consent", "2.1"),
    ("photo-release", "1"),
    ("privacy", "1"),
    ("financial", "1"),
    ("gfe", "1"),
    ("guardian", "1"),
];
const TREATMENTS: [&str; 5] = ["neurotoxin", "filler", "laser-hair", "peel", "facial"];
const STATUSES: [&str; 7] = [
    "assigned",
    "sent",
    "opened",
    "in_progress",
    "completed",
    "signed",
    "revoked",
];
const NOW: &str = "2025-06-01T12:00:00Z";
/// 2025-06-01T12:00Z in Unix seconds.
const NOW_SECONDS: i64 = 1_748_779_200;

fn instant(seconds_before_now: i64) -> String {
    let at =
        chrono::DateTime::from_timestamp(NOW_SECONDS - seconds_before_now, 0).expect("in range");
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// A random record, finished at least two days before now.
fn a_record() -> impl Strategy<Value = Value> {
    (0..FORMS.len(), 0..STATUSES.len(), 2 * 86_400i64..800 * 86_400, any::<bool>(), 0u8..4, any::<[bool; 4]>())
        .prop_map(|(form, status, age, witnessed, version, answers)| {
            let (id, current) = FORMS[form];
            let version = ["1", "2", current, "3.0"][usize::from(version)];
            let at = instant(age);
            let mut record = json!({"form": id, "version": version, "status": STATUSES[status],
                                    "sentAt": at, "completedAt": at, "signedAt": at, "witnessed": witnessed,
                                    "revokedAt": at, "appointmentId": if answers[3] { "appt-1" } else { "appt-0" },
                                    "seriesId": "series-1",
                                    "performer": {"role": if answers[2] { "MD" } else { "RN" }, "modality": "in_person"}});
            record["answers"] = json!([
                {"question": "pregnant", "value": answers[0]},
                {"question": "anticoagulants", "value": if answers[1] { json!(true) } else { json!("") }},
                {"question": "allergies", "value": ["lidocaine"]},
            ]);
            record
        })
}

fn a_scenario() -> impl Strategy<Value = (Value, Value)> {
    (
        prop::collection::vec(a_record(), 0..12),
        prop::collection::vec(0..TREATMENTS.len(), 1..3),
        0i64..30 * 86_400,
        prop::sample::select(vec!["America/New_York", "Europe/London", "Australia/Sydney"]),
        prop::sample::select(vec!["CA", "TX", "NY"]),
        1995i32..2012,
    )
        .prop_map(|(records, treatments, ahead, zone, state, birth_year)| {
            let treatments: Vec<&str> = treatments.into_iter().map(|t| TREATMENTS[t]).collect();
            let appointment = json!({"id": "appt-1", "clientId": "client-1", "start": instant(-ahead - 3600),
                                     "zone": zone, "clinicState": state, "seriesId": "series-1",
                                     "treatments": treatments});
            let client = json!({"id": "client-1", "birthDate": format!("{birth_year}-03-15"), "records": records});
            (appointment, client)
        })
}

/// A copy of `form` that satisfies any requirement on it: current version, signed a day ago,
/// witnessed, required questions answered with values no trigger tests for, an allowed examiner.
fn a_valid_signed(form: &str, version: &str) -> Value {
    json!({"form": form, "version": version, "status": "signed", "signedAt": instant(86_400),
           "completedAt": instant(86_400), "witnessed": true, "appointmentId": "appt-1", "seriesId": "series-1",
           "performer": {"role": "MD", "modality": "in_person"},
           "answers": [{"question": "pregnant", "value": false}, {"question": "anticoagulants", "value": false},
                       {"question": "allergies", "value": ["latex"]}]})
}

fn state_of(check: &AppointmentCheck, requirement: &str) -> Option<FindingState> {
    check
        .findings
        .iter()
        .find(|f| f.requirement.as_deref().map(String::as_str) == Some(requirement))
        .map(|f| f.state)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn a_valid_signed_form_never_makes_an_appointment_less_ready(
        (appointment, client) in a_scenario(),
        form in 0..FORMS.len(),
        position in any::<prop::sample::Index>(),
    ) {
        let before = check(&request(appointment.clone(), client.clone(), NOW));
        let mut more = client.clone();
        let (id, version) = FORMS[form];
        let records = more["records"].as_array_mut().unwrap();
        records.insert(position.index(records.len() + 1), a_valid_signed(id, version));
        let after = check(&request(appointment, more, NOW));
        // Blocked < Incomplete < Ready, and Blocking < Pending < Ok.
        prop_assert!(after.status >= before.status, "{:?} -> {:?}", before.status, after.status);
        for finding in &before.findings {
            if let Some(requirement) = finding.requirement.as_deref().map(String::as_str) {
                let now = state_of(&after, requirement);
                prop_assert!(now.is_some_and(|s| s >= finding.state), "{requirement}: {:?} -> {now:?}", finding.state);
            }
        }
        let reviews_before = before.findings.iter().filter(|f| f.requirement.is_none()).count();
        let reviews_after = after.findings.iter().filter(|f| f.requirement.is_none()).count();
        prop_assert!(reviews_after <= reviews_before);
    }

    #[test]
    fn mangled_requests_get_an_answer_or_a_coded_error_never_a_panic(
        (appointment, client) in a_scenario(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), a_json_value()), 1..4),
    ) {
        let mut request = request(appointment, client, NOW);
        for (index, value) in edits {
            let mut pointers = Vec::new();
            collect_pointers(&request, String::new(), &mut pointers);
            let pointer = index.get(&pointers).clone();
            if let Some(slot) = request.pointer_mut(&pointer) {
                *slot = value;
            }
        }
        if let Err(err) = try_check(&request) {
            prop_assert!(err.code.chars().all(|c| c.is_ascii_uppercase() || c == '_'));
            prop_assert!(err.path.starts_with('$'));
            prop_assert!(!err.message.contains("Roe") && !err.message.contains("987-65"), "{err}");
        }
    }
}

fn a_json_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        prop::sample::select(vec![
            "Jane Roe",
            "987-65-4320",
            "2025-13-01",
            "2025-02-29T10:00Z",
            "24:00",
            "9999-12-31T23:59:59Z",
            "-262143-01-01",
            "Etc/GMT+14",
            "America/Santiago",
            "3.1.4.1.5",
            "signed",
            "revoked",
            "",
            "intake",
        ])
        .prop_map(Value::from),
        Just(json!([])),
        Just(json!({})),
        Just(json!({"policy": "every_n_days", "days": 4_294_967_295u32})),
        Just(json!({"equals": ["x"]})),
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
