//! validate_protocols: each problem code with its path, and phi-lint on templates per channel.

#![allow(clippy::unwrap_used, reason = "tests unwrap fixtures")]

mod support;

use medspa_followup::{validate_protocols, ProblemSeverity, ValidateProtocolsRequest};
use serde_json::{json, Value};
use support::*;

fn problems(request: Value) -> Vec<(String, String, ProblemSeverity)> {
    let request: ValidateProtocolsRequest = serde_json::from_value(request).unwrap();
    let report = validate_protocols(&request);
    assert_eq!(
        report.valid,
        !report
            .problems
            .iter()
            .any(|p| p.severity == ProblemSeverity::Error)
    );
    report
        .problems
        .into_iter()
        .map(|p| (p.code, p.path, p.severity))
        .collect()
}

fn templates() -> Value {
    json!([
        {"id": "tox-aftercare", "text": "Hi {{client.first_name}}, mild swelling is normal for a few days. Questions? Call {{clinic.phone}}."},
        {"id": "filler-aftercare", "text": "Your aftercare notes are in the portal: {{links.portal}}"},
        {"id": "checkin-48h", "text": "Hi {{client.first_name}}, how are you feeling after your visit? Reply STOP to opt out."},
        {"id": "checkin-1w", "text": "One week on: reply to tell us how you are doing."},
    ])
}

fn p(code: &str, path: &str, severity: ProblemSeverity) -> (String, String, ProblemSeverity) {
    (code.to_string(), path.to_string(), severity)
}

#[test]
fn clean_protocols_have_no_problems() {
    let found = problems(
        json!({"protocols": [tox(), filler()], "treatments": ["neurotoxin", "filler"], "templates": templates()}),
    );
    assert_eq!(found, []);
}

#[test]
fn a_treatment_name_in_an_sms_template_is_an_error_with_the_template_path() {
    let mut t = templates();
    t[2]["text"] = json!("Hi {{client.first_name}}, how is your {{treatment.name}} settling?");
    let found = problems(
        json!({"protocols": [tox()], "treatments": ["neurotoxin"], "templates": t.clone()}),
    );
    assert_eq!(
        found,
        [p(
            "TEMPLATE_LEAKS_PHI",
            "$.templates[2].text",
            ProblemSeverity::Error
        )]
    );
    // A literal treatment name without a client name still leaks on SMS.
    t[2]["text"] = json!("How is your Botox settling?");
    let found = problems(
        json!({"protocols": [tox()], "treatments": ["neurotoxin"], "templates": t.clone()}),
    );
    assert_eq!(
        found,
        [p(
            "TEMPLATE_LEAKS_PHI",
            "$.templates[2].text",
            ProblemSeverity::Error
        )]
    );
    // On the portal the same template is fine.
    let mut portal = tox();
    portal["steps"][1]["channel"] = json!("portal");
    let found = problems(
        json!({"protocols": [portal.clone()], "treatments": ["neurotoxin"], "templates": t.clone()}),
    );
    assert_eq!(found, []);
    // ...unless SMS is a fallback channel.
    portal["steps"][1]["fallbackChannels"] = json!(["sms"]);
    let found =
        problems(json!({"protocols": [portal], "treatments": ["neurotoxin"], "templates": t}));
    assert_eq!(
        found,
        [p(
            "TEMPLATE_LEAKS_PHI",
            "$.templates[2].text",
            ProblemSeverity::Error
        )]
    );
}

#[test]
fn a_phone_field_is_a_warning_not_an_error() {
    let mut t = templates();
    t[3]["text"] = json!("We will call you at {{client.phone}} next week.");
    let found =
        problems(json!({"protocols": [tox()], "treatments": ["neurotoxin"], "templates": t}));
    assert_eq!(
        found,
        [p(
            "TEMPLATE_PHI_WARNING",
            "$.templates[3].text",
            ProblemSeverity::Warning
        )]
    );
}

#[test]
fn a_long_healthcare_sms_is_flagged() {
    let mut t = templates();
    t[3]["text"] = json!(format!(
        "One week on: {}",
        "reply to tell us how you are doing. ".repeat(5)
    ));
    let found = problems(
        json!({"protocols": [tox()], "treatments": ["neurotoxin"], "templates": t.clone()}),
    );
    assert_eq!(
        found,
        [p(
            "SMS_TOO_LONG",
            "$.templates[3].text",
            ProblemSeverity::Warning
        )]
    );
    // By email the length does not matter.
    let mut email = tox();
    email["steps"][2]["channel"] = json!("email");
    assert_eq!(
        problems(json!({"protocols": [email], "treatments": ["neurotoxin"], "templates": t})),
        []
    );
}

#[test]
fn structure_codes_and_paths() {
    let mut bad = tox();
    bad["steps"][0]["offset"] = json!({"hours": -1});
    bad["steps"][1]["offset"] = json!({"days": 400});
    bad["steps"][2]["templateId"] = json!("missing");
    bad["steps"].as_array_mut().unwrap().push(
        json!({"id": "promo", "kind": "other", "offset": {"days": 30},
        "channel": "email", "templateId": "checkin-1w", "class": "marketing"}),
    );
    bad["steps"].as_array_mut().unwrap().push(
        json!({"id": "rebook", "kind": "rebooking", "offset": {"days": 3},
        "channel": "email", "templateId": "checkin-1w", "class": "healthcare"}),
    );
    let mut twin = filler();
    twin["id"] = json!("tox");
    twin["treatmentId"] = json!("laser");
    let mut series = json!({"id": "peel", "treatmentId": "peel", "series": {"sessions": 0, "intervals": [{"min": 30, "max": 20}]}, "steps": []});
    series["series"]["intervals"]
        .as_array_mut()
        .unwrap()
        .push(json!({"min": 1, "max": 5000}));
    let found = problems(
        json!({"protocols": [bad, twin, series], "treatments": ["neurotoxin", "peel"], "templates": templates()}),
    );
    assert_eq!(
        found,
        [
            p(
                "OUT_OF_RANGE",
                "$.protocols[0].steps[0].offset.hours",
                ProblemSeverity::Error
            ),
            p(
                "OUT_OF_RANGE",
                "$.protocols[0].steps[1].offset.days",
                ProblemSeverity::Error
            ),
            p(
                "MARKETING_WITHOUT_CONSENT",
                "$.protocols[0].steps[3].requiresConsent",
                ProblemSeverity::Error
            ),
            p(
                "NO_SERIES",
                "$.protocols[0].steps[4].kind",
                ProblemSeverity::Error
            ),
            p(
                "MIXED_CLASSES",
                "$.protocols[0].steps",
                ProblemSeverity::Warning
            ),
            p("DUPLICATE_ID", "$.protocols[1].id", ProblemSeverity::Error),
            p(
                "OUT_OF_RANGE",
                "$.protocols[2].series.sessions",
                ProblemSeverity::Error
            ),
            p(
                "OUT_OF_RANGE",
                "$.protocols[2].series.intervals[0].min",
                ProblemSeverity::Error
            ),
            p(
                "OUT_OF_RANGE",
                "$.protocols[2].series.intervals[1].max",
                ProblemSeverity::Error
            ),
            p(
                "UNKNOWN_TEMPLATE",
                "$.protocols[0].steps[2].templateId",
                ProblemSeverity::Error
            ),
            p(
                "UNKNOWN_TREATMENT",
                "$.protocols[1].treatmentId",
                ProblemSeverity::Error
            ),
        ]
    );
}

#[test]
fn oversized_lists_are_reported_alone() {
    let steps: Vec<Value> = (0..51)
        .map(|i| {
            step(
                &format!("s{i}"),
                "check_in",
                json!({"hours": i}),
                "sms",
                "t",
            )
        })
        .collect();
    let found = problems(
        json!({"protocols": [{"id": "x", "treatmentId": "x", "steps": steps}], "treatments": ["y"]}),
    );
    assert_eq!(
        found,
        [p(
            "TOO_MANY",
            "$.protocols[0].steps",
            ProblemSeverity::Error
        )]
    );
}
