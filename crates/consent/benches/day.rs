//! Criterion benchmarks of the consent checks on a 20-location group's day: 2,000 appointments,
//! 10 requirements each, 5 form records per client (target: `check_day` under 10 ms), and of one
//! appointment's checklist and reminder plan.

use criterion::{black_box, criterion_main, Criterion};
use medspa_consent::{
    check_appointment, check_day, next_actions, CheckAppointmentRequest, CheckDayRequest,
    NextActionsRequest,
};
use medspa_zoned::ChronoTz;
use serde_json::{json, Value};

const ZONES: [&str; 4] = [
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
];
const TREATMENTS: [&str; 5] = ["neurotoxin", "filler", "laser-hair", "peel", "facial"];

/// Ten requirements that all apply to every appointment (one per form; the consents by category,
/// and every treatment has all five categories so each appointment needs all ten).
fn rules() -> Value {
    let forms: Vec<Value> = (0..10)
        .map(|i| json!({"id": format!("form-{i}"), "kind": if i == 0 { "medical_history" } else { "informed_consent" },
                        "version": "2", "questions": [{"id": format!("q{i}a"), "required": true}, {"id": format!("q{i}b")}]}))
        .collect();
    let requirements: Vec<Value> = (0..10)
        .map(|i| {
            let category = ["injectable", "laser", "peel", "facial", "skin"][i % 5];
            json!({"id": format!("req-{i}"), "form": format!("form-{i}"),
                        "appliesTo": {"categories": [category]},
                        "validity": if i % 2 == 0 { json!({"policy": "every_n_months", "months": 12}) } else { json!({"policy": "every_n_days", "days": 365}) },
                        "minVersion": "2", "dueHoursBefore": 24 * (i % 3)})
        })
        .collect();
    json!({
        "forms": forms,
        "treatments": TREATMENTS.iter().map(|t| json!({"id": t, "categories": ["injectable", "laser", "peel", "facial", "skin"]})).collect::<Vec<_>>(),
        "requirements": requirements,
        "reviewTriggers": [{"id": "t0", "question": "q0b", "when": {"equals": true}},
                           {"id": "t1", "question": "q1b", "when": {"withinMonths": 6}}]
    })
}

/// A 31-bit linear congruential generator: reproducible data without a dependency.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

fn group_day() -> Value {
    let mut rng = Lcg(7);
    let statuses = ["sent", "opened", "completed", "signed", "signed", "signed"];
    let mut clients = Vec::new();
    let mut appointments = Vec::new();
    for c in 0..2_000u64 {
        let records: Vec<Value> = (0..5)
            .map(|_| {
                let form = rng.next(10);
                let day = 1 + rng.next(28);
                let month = 1 + rng.next(12);
                let version = ["1", "2"][rng.next(2) as usize];
                let status = statuses[rng.next(6) as usize];
                json!({"form": format!("form-{form}"), "version": version,
                       "status": status,
                       "completedAt": format!("2024-{month:02}-{day:02}T15:00Z"),
                       "signedAt": format!("2024-{month:02}-{day:02}T15:05Z"),
                       "answers": [{"question": format!("q{form}a"), "value": "yes"},
                                   {"question": format!("q{form}b"), "value": rng.next(10) == 0}]})
            })
            .collect();
        clients.push(
            json!({"id": format!("client-{c}"), "birthDate": "1985-05-05", "records": records}),
        );
        let zone = ZONES[(c % 20 / 5) as usize];
        let hour = 9 + rng.next(9);
        let minute = 15 * rng.next(4);
        let treatment = TREATMENTS[rng.next(5) as usize];
        appointments.push(
            json!({"id": format!("appt-{c}"), "clientId": format!("client-{c}"),
                                 "start": format!("2025-03-12T{:02}:{minute:02}:00Z", hour + 5),
                                 "zone": zone, "locationId": format!("loc-{}", c % 20),
                                 "treatments": [treatment]}),
        );
    }
    json!({"rules": rules(), "clients": clients, "appointments": appointments,
           "from": "2025-03-12", "to": "2025-03-12", "now": "2025-03-11T20:00Z"})
}

fn benches(c: &mut Criterion) {
    let day_json = group_day();
    let day: CheckDayRequest =
        serde_json::from_value(day_json.clone()).expect("valid benchmark day");
    let checked = check_day(&ChronoTz, &day).expect("the day checks");
    assert_eq!(checked.appointments.len(), 2_000);
    c.bench_function(
        "consent/check_day (20 locations, 2,000 appointments x 10 requirements)",
        |b| b.iter(|| check_day(&ChronoTz, black_box(&day))),
    );
    let text = day_json.to_string();
    c.bench_function(
        "consent/check_day from JSON text (same day, decode included)",
        |b| {
            b.iter(|| {
                let request: CheckDayRequest =
                    serde_json::from_str(black_box(&text)).expect("valid");
                check_day(&ChronoTz, &request)
            })
        },
    );
    let one = json!({"rules": rules(), "appointment": day_json["appointments"][0],
                     "client": day_json["clients"][0], "now": "2025-03-11T20:00Z"});
    let one_check: CheckAppointmentRequest = serde_json::from_value(one.clone()).expect("valid");
    c.bench_function("consent/check_appointment (10 requirements)", |b| {
        b.iter(|| check_appointment(&ChronoTz, black_box(&one_check)))
    });
    let actions: NextActionsRequest = serde_json::from_value(one).expect("valid");
    c.bench_function("consent/next_actions (10 requirements)", |b| {
        b.iter(|| next_actions(&ChronoTz, black_box(&actions)))
    });
}

fn all() {
    let mut criterion = Criterion::default().configure_from_args();
    benches(&mut criterion);
}

criterion_main!(all);
