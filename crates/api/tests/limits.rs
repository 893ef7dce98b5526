//! The size limits that bound a request's work refuse what is over them with their own code and
//! path, before the work starts, so a hostile or mistaken request cannot freeze a page. Each row
//! grows one list of a valid fixture (or sets one number) just past a limit its crate documents
//! as a `MAX_*` constant.

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

#[rustfmt::skip]
const LIMITS: &[Limit] = &[
    // phi-lint: a message over 64 KiB.
    limit("lint", "sms-first-name-and-time-allowed", 0, "", Over::Chars(64 * 1024 + 1), "TEXT_TOO_LONG", "$.text"),
    // billing
    limit("allocate", "usd-three-equal-parts", 1, "", Over::Items(10_001), "TOO_MANY_PARTS", "$.weights"),
    limit("quote", "usd-nyc-tax-cart-discount-tip-deposit", 0, "/lines", Over::Items(1_001), "TOO_MANY_LINES", "$.cart.lines"),
    limit("installmentPlan", "usd-deposit-month-end-clamp", 0, "/count", Over::Number(121), "INVALID_COUNT", "$.request.count"),
    limit("packageUsage", "gbp-fully-redeemed-across-dst", 0, "/purchase/package/items/0/sessions", Over::Number(1_001), "TOO_MANY_SESSIONS", "$.request.purchase.package.items"),
    limit("deferredRevenue", "at-expiry-two-currencies", 0, "/purchases", Over::Items(10_001), "TOO_MANY_PURCHASES", "$.request.purchases"),
    limit("paymentReminders", "gbp-due-today-no-fees", 0, "/cadence", Over::Items(101), "TOO_MANY_REMINDERS", "$.request.cadence"),
    limit("membershipCharges", "aud-pause-and-plan-change", 0, "/membership/pauses", Over::Items(1_001), "TOO_MANY_PAUSES", "$.request.membership.pauses"),
    // schedule
    limit("findSlots", "new-york-laser-monday", 0, "/clinic/appointments", Over::Items(100_001), "TOO_MANY_APPOINTMENTS", "$.request.clinic.appointments"),
    limit("findSlots", "new-york-laser-monday", 0, "/clinic/providers", Over::Items(201), "TOO_MANY_PROVIDERS", "$.request.clinic.providers"),
    limit("findSlots", "new-york-laser-monday", 0, "/clinic/resources", Over::Items(201), "TOO_MANY_RESOURCES", "$.request.clinic.resources"),
    limit("findSlots", "new-york-laser-monday", 0, "/clinic/catalog/treatments", Over::Items(1_001), "TOO_MANY_TREATMENTS", "$.request.clinic.catalog.treatments"),
    limit("findSlots", "new-york-laser-monday", 0, "/clinic/location/hours", Over::Items(101), "TOO_MANY_ENTRIES", "$.request.clinic.location.hours"),
    limit("findSlots", "new-york-laser-monday", 0, "/clinic/location/closedDates", Over::Items(3_661), "TOO_MANY_ENTRIES", "$.request.clinic.location.closedDates"),
    limit("findSlots", "new-york-laser-monday", 0, "/clinic/location/horizonDays", Over::Number(3_661), "INVALID_HORIZON", "$.request.clinic.location.horizonDays"),
    limit("findSlots", "new-york-laser-monday", 0, "/to", Over::Chars(0), "RANGE_TOO_LONG", "$.request.to"),
    limit("planSeries", "london-laser-after-peel-washout", 0, "/client/sessions", Over::Items(10_001), "TOO_MANY_ENTRIES", "$.request.client.sessions"),
    // consent (`validateRules` lists an oversized rule set as a problem; the checks refuse it)
    limit("checkAppointment", "ready-hydrafacial", 0, "/rules/forms", Over::Items(501), "TOO_MANY", "$.request.rules.forms"),
    limit("checkAppointment", "ready-hydrafacial", 0, "/rules/requirements", Over::Items(1_001), "TOO_MANY", "$.request.rules.requirements"),
    limit("checkDay", "two-locations-one-day", 0, "/appointments", Over::Items(50_001), "TOO_MANY", "$.request.appointments"),
    limit("checkDay", "two-locations-one-day", 0, "/clients", Over::Items(50_001), "TOO_MANY", "$.request.clients"),
    // followup (calendar events count messages and visits together)
    limit("followupDay", "three-clinics-one-day", 0, "/items", Over::Items(50_001), "TOO_MANY", "$.request.items"),
    limit("followupPlan", "cancelled-appointment-cancels-all", 0, "/protocols", Over::Items(501), "TOO_MANY", "$.request.protocols"),
    limit("followupPlan", "cancelled-appointment-cancels-all", 0, "/previous", Over::Items(2_001), "TOO_MANY", "$.request.previous"),
    limit("toICalendar", "planned-messages-custom-domain", 0, "/messages", Over::Items(20_001), "TOO_MANY", "$.request"),
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
