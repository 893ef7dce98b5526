//! Bad input: every problem has a stable code and a JSON path, and no message quotes the input.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions unwrap fixtures"
)]

mod support;

use medspa_consent::{validate_rules, RuleSet};
use medspa_errors::decode_value;
use serde_json::{json, Value};
use support::*;

fn problems(rules: &Value) -> Vec<(String, String)> {
    let rules: RuleSet = decode_value(rules).unwrap();
    validate_rules(&rules)
        .problems
        .into_iter()
        .map(|p| (p.code, p.path))
        .collect()
}

fn pair(code: &str, path: &str) -> (String, String) {
    (code.to_owned(), path.to_owned())
}

#[test]
fn the_fixture_rules_are_valid() {
    let rules: RuleSet = decode_value(&rules()).unwrap();
    let report = validate_rules(&rules);
    assert!(report.valid, "{:?}", report.problems);
}

#[test]
fn every_rule_problem_is_listed_with_its_path() {
    let mut r = rules();
    r["requirements"][0]["form"] = json!("intake-v9");
    r["requirements"][1]["dependsOn"] = json!(["nobody"]);
    r["requirements"][2]["validity"] = json!({"policy": "every_n_days", "days": 0});
    r["requirements"][3]["minVersion"] = json!("4");
    r["requirements"][4]["appliesTo"] = json!({"categories": ["lasre"]});
    r["requirements"][5]["when"] = json!({"minAge": 30, "maxAge": 18});
    r["requirements"][6]["exam"] = Value::Null;
    r["forms"][2]["version"] = json!("2.x");
    r["forms"][3]["id"] = json!("tox-consent");
    r["reviewTriggers"][0]["question"] = json!("pregnnt");
    assert_eq!(
        problems(&r),
        [
            pair("DUPLICATE_ID", "$.forms[3].id"),
            pair("INVALID_VERSION", "$.forms[2].version"),
            pair("UNKNOWN_FORM", "$.requirements[0].form"),
            pair("UNKNOWN_REQUIREMENT", "$.requirements[1].dependsOn[0]"),
            pair("OUT_OF_RANGE", "$.requirements[2].validity.days"),
            pair("VERSION_NOT_PUBLISHED", "$.requirements[3].minVersion"),
            pair(
                "UNKNOWN_CATEGORY",
                "$.requirements[4].appliesTo.categories[0]"
            ),
            pair("UNKNOWN_FORM", "$.requirements[5].form"),
            pair("OUT_OF_RANGE", "$.requirements[5].when.minAge"),
            pair("EXAM_POLICY_MISMATCH", "$.requirements[6].exam"),
            pair("UNKNOWN_QUESTION", "$.reviewTriggers[0].question"),
        ]
    );
}

#[test]
fn dependency_cycles_are_found() {
    let mut r = rules();
    r["requirements"][0]["dependsOn"] = json!(["guardian"]);
    r["requirements"][8]["dependsOn"] = json!(["tox-consent"]);
    // intake → guardian → tox-consent → intake
    assert_eq!(
        problems(&r),
        [pair("DEPENDENCY_CYCLE", "$.requirements[0].dependsOn")]
    );
    let mut own = rules();
    own["requirements"][1]["dependsOn"] = json!(["privacy"]);
    assert_eq!(
        problems(&own),
        [pair("DEPENDENCY_CYCLE", "$.requirements[1].dependsOn")]
    );
}

/// Identifiers that must never appear in an error (synthetic: never-issued SSN, 555-01xx).
const PHI: [&str; 5] = [
    "Jane Roe-Marsh",
    "987-65-4321",
    "555-0142",
    "jane.roe@example.com",
    "1961-02-30",
];

fn assert_error(request: &Value, code: &str, path: &str) {
    let err = try_check(request).expect_err("should be refused");
    assert_eq!(
        (err.code, err.path.as_str()),
        (code, path),
        "{}",
        err.message
    );
    for secret in PHI {
        assert!(
            !err.message.contains(secret) && !err.path.contains(secret),
            "{err}"
        );
    }
}

#[test]
fn request_errors_name_the_field_and_quote_nothing() {
    let mut ok = request(
        appointment(&["facial"]),
        client(paperwork()),
        "2025-06-01T12:00Z",
    );
    ok["client"]["reviews"] = json!([]);
    assert!(try_check(&ok).is_ok());
    let cases: Vec<(&str, Value, &str, &str)> = vec![
        (
            "/client/records/0/form",
            json!("Jane Roe-Marsh"),
            "UNKNOWN_FORM",
            "$.client.records[0].form",
        ),
        (
            "/client/records/0/version",
            json!("987-65-4321"),
            "INVALID_VERSION",
            "$.client.records[0].version",
        ),
        (
            "/client/records/1/signedAt",
            json!("555-0142"),
            "INVALID_INSTANT",
            "$.client.records[1].signedAt",
        ),
        (
            "/client/records/1/signedAt",
            Value::Null,
            "MISSING_TIMESTAMP",
            "$.client.records[1].signedAt",
        ),
        (
            "/client/birthDate",
            json!("1961-02-30"),
            "INVALID_DATE",
            "$.client.birthDate",
        ),
        (
            "/client/reviews",
            json!([{"trigger": "jane.roe@example.com", "reviewedAt": "2025-01-01T00:00Z"}]),
            "UNKNOWN_TRIGGER",
            "$.client.reviews[0].trigger",
        ),
        (
            "/appointment/zone",
            json!("Jane Roe-Marsh"),
            "UNKNOWN_TIME_ZONE",
            "$.appointment.zone",
        ),
        (
            "/appointment/treatments/0",
            json!("987-65-4321"),
            "UNKNOWN_TREATMENT",
            "$.appointment.treatments[0]",
        ),
        (
            "/appointment/clientId",
            json!("555-0142"),
            "UNKNOWN_CLIENT",
            "$.appointment.clientId",
        ),
        (
            "/appointment/start",
            json!("2025-06-10"),
            "INVALID_INSTANT",
            "$.appointment.start",
        ),
        (
            "/rules/requirements/2/form",
            json!("jane.roe@example.com"),
            "UNKNOWN_FORM",
            "$.rules.requirements[2].form",
        ),
        ("/now", json!(17), "INVALID_TYPE", "$.now"),
        (
            "/client/records/0/status",
            json!("Jane Roe-Marsh"),
            "INVALID_VALUE",
            "$.client.records[0].status",
        ),
    ];
    for (pointer, value, code, path) in cases {
        let mut request = ok.clone();
        *request.pointer_mut(pointer).unwrap() = value;
        assert_error(&request, code, path);
    }
    let mut unknown_field = ok.clone();
    unknown_field["client"]["ssn"] = json!("987-65-4321");
    // The path stops at the object: the unknown key itself is input and is not repeated.
    assert_error(&unknown_field, "UNKNOWN_FIELD", "$.client");
}

#[test]
fn limits_are_enforced_before_work() {
    let mut request = request(
        appointment(&["facial"]),
        client(vec![]),
        "2025-06-01T12:00Z",
    );
    let record = signed("privacy", "1", "2025-01-01T00:00Z");
    request["client"]["records"] =
        Value::Array(vec![record; medspa_consent::limits::MAX_RECORDS + 1]);
    assert_error(&request, "TOO_MANY", "$.client.records");
    let mut treatments = request.clone();
    treatments["client"]["records"] = json!([]);
    treatments["appointment"]["treatments"] = Value::Array(vec![
        json!("facial");
        medspa_consent::limits::MAX_APPOINTMENT_TREATMENTS
            + 1
    ]);
    assert_error(&treatments, "TOO_MANY", "$.appointment.treatments");
}

#[test]
fn an_unknown_birth_date_keeps_age_conditioned_paperwork() {
    let mut c = client(paperwork());
    c.as_object_mut().unwrap().remove("birthDate");
    let check = check(&request(appointment(&["facial"]), c, "2025-06-01T12:00Z"));
    assert_eq!(
        code(&check, "guardian"),
        Some(medspa_consent::FindingCode::GuardianRequired)
    );
}

/// The answer names the JSON types it accepts, at the exact value (list items included).
#[test]
fn answers_of_every_json_type_are_read_and_others_refused_at_their_path() {
    use medspa_consent::AnswerValue;
    for (value, expected) in [
        (json!(true), AnswerValue::Bool(true)),
        (json!(3), AnswerValue::Number(3.0)),
        (json!(-2.5), AnswerValue::Number(-2.5)),
        (json!("2025-01-02"), AnswerValue::Text("2025-01-02".into())),
        (
            json!(["a", "b"]),
            AnswerValue::List(vec!["a".into(), "b".into()]),
        ),
    ] {
        let read: AnswerValue = decode_value(&value).unwrap();
        assert_eq!(read, expected);
    }
    for bad in [
        json!({"secret": "Maria"}),
        json!(["ok", 7]),
        json!([{"x": 1}]),
    ] {
        let mut intake = intake("2025-06-01T12:00Z");
        intake["answers"] = json!([{"question": "pregnant", "value": bad}]);
        let now = "2025-06-01T12:00Z";
        let err = try_check(&request(
            appointment(&["facial"]),
            client(vec![intake]),
            now,
        ))
        .unwrap_err();
        assert_eq!(err.code, "INVALID_TYPE", "{bad}");
        assert!(
            err.path.starts_with("$.client.records[0].answers[0].value"),
            "{}",
            err.path
        );
        assert!(!err.message.contains("Maria"), "{}", err.message);
    }
}
