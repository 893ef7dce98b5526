//! Every documented size limit refuses what is over it with its own code and path, before the
//! work starts, so a hostile or mistaken request cannot freeze a page. Each row grows one list
//! of a fixture (or sets one number) just past the limit the plugin documents.

mod support;

use medspa_api::call;
use medspa_zoned::ChronoTz;
use serde_json::Value;
use support::fixtures;

/// How a fixture is pushed past a limit.
enum Over {
    /// The list at the pointer repeats its first element until it has this many.
    Items(usize),
    /// The number at the pointer becomes this.
    Number(u64),
    /// The string at the pointer becomes this many characters.
    Chars(usize),
}

struct Limit {
    operation: &'static str,
    case: &'static str,
    /// Argument index and JSON pointer inside it.
    arg: usize,
    pointer: &'static str,
    over: Over,
    code: &'static str,
    path: &'static str,
}

const fn limit(
    operation: &'static str,
    case: &'static str,
    arg: usize,
    pointer: &'static str,
    over: Over,
    code: &'static str,
    path: &'static str,
) -> Limit {
    Limit {
        operation,
        case,
        arg,
        pointer,
        over,
        code,
        path,
    }
}

const LIMITS: &[Limit] = &[
    // phi-lint: a message over 64 KiB.
    limit(
        "lint",
        "sms-first-name-and-time-allowed",
        0,
        "",
        Over::Chars(64 * 1024 + 1),
        "TEXT_TOO_LONG",
        "$.text",
    ),
    // billing: 10,000 allocation parts; 1,000 cart lines; 120 installments.
    limit(
        "allocate",
        "usd-three-equal-parts",
        1,
        "",
        Over::Items(10_001),
        "TOO_MANY_PARTS",
        "$.weights",
    ),
    limit(
        "quote",
        "usd-nyc-tax-cart-discount-tip-deposit",
        0,
        "/lines",
        Over::Items(1_001),
        "TOO_MANY_LINES",
        "$.cart.lines",
    ),
    limit(
        "installmentPlan",
        "usd-deposit-month-end-clamp",
        0,
        "/count",
        Over::Number(121),
        "INVALID_COUNT",
        "$.request.count",
    ),
    // schedule: 100,000 appointments, 200 providers, a ten-year horizon, 366 searched days.
    limit(
        "findSlots",
        "new-york-laser-monday",
        0,
        "/clinic/appointments",
        Over::Items(100_001),
        "TOO_MANY_APPOINTMENTS",
        "$.request.clinic.appointments",
    ),
    limit(
        "findSlots",
        "new-york-laser-monday",
        0,
        "/clinic/providers",
        Over::Items(201),
        "TOO_MANY_PROVIDERS",
        "$.request.clinic.providers",
    ),
    limit(
        "findSlots",
        "new-york-laser-monday",
        0,
        "/clinic/location/horizonDays",
        Over::Number(3_661),
        "INVALID_HORIZON",
        "$.request.clinic.location.horizonDays",
    ),
    limit(
        "findSlots",
        "new-york-laser-monday",
        0,
        "/to",
        Over::Chars(0),
        "RANGE_TOO_LONG",
        "$.request.to",
    ),
    // consent: 500 forms in a rule set, 50,000 appointments in a day check. (`validateRules`
    // lists an oversized rule set as a problem; the checks refuse it.)
    limit(
        "checkAppointment",
        "ready-hydrafacial",
        0,
        "/rules/forms",
        Over::Items(501),
        "TOO_MANY",
        "$.request.rules.forms",
    ),
    limit(
        "checkDay",
        "two-locations-one-day",
        0,
        "/appointments",
        Over::Items(50_001),
        "TOO_MANY",
        "$.request.appointments",
    ),
    // followup: 50,000 visits in a day, 20,000 calendar events (messages and visits together).
    limit(
        "followupDay",
        "three-clinics-one-day",
        0,
        "/items",
        Over::Items(50_001),
        "TOO_MANY",
        "$.request.items",
    ),
    limit(
        "toICalendar",
        "planned-messages-custom-domain",
        0,
        "/messages",
        Over::Items(20_001),
        "TOO_MANY",
        "$.request",
    ),
];

fn push_past(target: &mut Value, over: &Over) {
    match over {
        Over::Items(count) => {
            if let Value::Array(items) = target {
                let first = items.first().cloned().unwrap_or(Value::Null);
                items.resize(*count, first);
            }
        }
        Over::Number(n) => *target = Value::from(*n),
        // A `to` date far past `from` stands in for a searched range over the limit.
        Over::Chars(0) => *target = Value::from("2099-12-31"),
        Over::Chars(n) => *target = Value::from("a".repeat(*n)),
    }
}

#[test]
fn every_limit_is_refused_with_its_code_and_path() {
    let all = fixtures();
    let mut wrong = Vec::new();
    for row in LIMITS {
        let fixture = all
            .iter()
            .find(|f| f.operation == row.operation && f.case == row.case)
            .unwrap_or_else(|| panic!("no fixture {}/{}", row.operation, row.case));
        assert_eq!(
            fixture.expect, "ok",
            "{}/{} must start valid",
            row.operation, row.case
        );
        let mut args = fixture.args.clone();
        let target = args[row.arg]
            .pointer_mut(row.pointer)
            .unwrap_or_else(|| panic!("{}: no {}", row.operation, row.pointer));
        push_past(target, &row.over);
        let texts: Vec<String> = args.iter().map(Value::to_string).collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        match call(row.operation, &refs, &ChronoTz) {
            Err(err) if err.code == row.code && err.path == row.path => {}
            Err(err) => wrong.push(format!(
                "{} {}: got {} at {}",
                row.operation, row.pointer, err.code, err.path
            )),
            Ok(_) => wrong.push(format!("{} {}: accepted", row.operation, row.pointer)),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
