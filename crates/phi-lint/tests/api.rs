//! The public API as the bindings use it: options decoded from JSON with coded errors, report
//! shape (a snapshot of one full report), limits, and UTF-16 spans.

use medspa_errors::{decode, CodedError};
use medspa_phi_lint::{
    lint, lint_template, Escalation, LintOptions, Linter, Verdict, MAX_TEXT_BYTES,
};

fn options(json: &str) -> Result<LintOptions, CodedError> {
    decode(&mut serde_json::Deserializer::from_str(json))
}

#[test]
fn unknown_names_are_errors_that_name_the_field() {
    let err = options(r#"{"channel":"fax"}"#).unwrap_err();
    assert_eq!(
        (err.code, err.path.as_str()),
        ("INVALID_VALUE", "$.channel")
    );
    assert!(err.message.contains("`portal`"), "{}", err.message);
    let err = options(r#"{"policy":"reminders"}"#).unwrap_err();
    assert_eq!((err.code, err.path.as_str()), ("INVALID_VALUE", "$.policy"));
    assert!(err.message.contains("`secure-portal`"), "{}", err.message);
    let err = options(r#"{"locale":"fr"}"#).unwrap_err();
    assert_eq!(err.path, "$.locale");
    let err = options(r#"{"chanel":"sms"}"#).unwrap_err();
    assert_eq!((err.code, err.path.as_str()), ("UNKNOWN_FIELD", "$"));
    let err = options(r#"{"context":{"recipient":{"nmes":["Jane"]}}}"#).unwrap_err();
    assert_eq!(
        (err.code, err.path.as_str()),
        ("UNKNOWN_FIELD", "$.context.recipient")
    );
    let err = options(r#"{"policy":{"secure":{"block":["SSN"]},"unsecured":{"warn":["NAMES"]}}}"#)
        .unwrap_err();
    assert_eq!(err.code, "INVALID_VALUE");
    assert!(
        err.path.starts_with("$.policy.unsecured.warn"),
        "{}",
        err.path
    );
}

#[test]
fn a_custom_policy_object_is_accepted() {
    let o =
        options(r#"{"policy":{"secure":{},"unsecured":{"block":["NAME"],"warn":["TREATMENT"]}}}"#)
            .unwrap();
    assert_eq!(lint("Hi Maria", &o).unwrap().verdict, Verdict::Block);
    assert_eq!(
        lint("Your Botox is booked", &o).unwrap().verdict,
        Verdict::Warn
    );
}

#[test]
fn option_values_are_validated_without_echoing_them() {
    let o = options(r#"{"context":{"recipient":{"dob":"14/02/1991"}}}"#).unwrap();
    let err = Linter::new(&o).err().unwrap();
    assert_eq!(
        (err.code, err.path.as_str()),
        ("INVALID_DATE", "$.context.recipient.dob")
    );
    assert!(!err.message.contains("1991"));
    let many: Vec<String> = (0..300).map(|i| format!("\"t{i}\"")).collect();
    let o = options(&format!(
        r#"{{"extraTerms":{{"treatments":[{}]}}}}"#,
        many.join(",")
    ))
    .unwrap();
    let err = Linter::new(&o).err().unwrap();
    assert_eq!(
        (err.code, err.path.as_str()),
        ("TOO_MANY_ENTRIES", "$.extraTerms.treatments")
    );
}

#[test]
fn text_over_the_limit_is_an_error() {
    let text = "x".repeat(MAX_TEXT_BYTES + 1);
    let err = lint(&text, &LintOptions::default()).unwrap_err();
    assert_eq!((err.code, err.path.as_str()), ("TEXT_TOO_LONG", "$.text"));
    assert_eq!(
        lint_template(&text, &LintOptions::default())
            .unwrap_err()
            .code,
        "TEXT_TOO_LONG"
    );
    assert!(lint(&"x".repeat(MAX_TEXT_BYTES), &LintOptions::default()).is_ok());
}

#[test]
fn empty_text_is_allowed() {
    let r = lint("", &LintOptions::default()).unwrap();
    assert_eq!(
        (
            r.verdict,
            r.escalate,
            r.diagnostics.len(),
            r.redacted.as_str()
        ),
        (Verdict::Allow, Escalation::None, 0, "")
    );
}

#[test]
fn spans_are_utf16_for_js_and_utf8_for_rust() {
    let text = "🙂 Hola María, DOB 02/14/1991 \u{FFFD}";
    let r = lint(text, &LintOptions::default()).unwrap();
    let units: Vec<u16> = text.encode_utf16().collect();
    for d in &r.diagnostics {
        let js = String::from_utf16(&units[d.span.start..d.span.end]).unwrap();
        assert_eq!(js, &text[d.utf8.start..d.utf8.end]);
    }
    let name = r
        .diagnostics
        .iter()
        .find(|d| d.rule_id == "phi/name")
        .unwrap();
    assert_eq!((name.span.start, name.span.end), (8, 13));
    assert_eq!((name.utf8.start, name.utf8.end), (10, 16));
}

#[test]
fn extra_terms_extend_the_lexicon() {
    let o = options(r#"{"extraTerms":{"treatments":["GlowShot"]}}"#).unwrap();
    let r = lint("Your glowshots are ready", &o).unwrap();
    assert_eq!(r.diagnostics.len(), 1);
    assert_eq!(r.diagnostics[0].rule_id, "health/treatment");
}

/// A snapshot of a whole report, as the bindings serialize it.
#[test]
fn report_snapshot() {
    let o =
        options(r#"{"channel":"sms","context":{"clinic":{"phones":["(212) 555-0100"]}}}"#).unwrap();
    let r = lint(
        "Hi Maria, your Botox is Friday at 2pm. DOB 02/14/1991? Call (212) 555-0100.",
        &o,
    )
    .unwrap();
    let json = serde_json::to_string_pretty(&r).unwrap();
    let expected = r#"{
  "verdict": "block",
  "escalate": "none",
  "diagnostics": [
    {
      "ruleId": "phi/name",
      "kind": "NAME",
      "severity": "error",
      "message": "A person's name identifies the client.",
      "span": {
        "start": 3,
        "end": 8
      },
      "utf8": {
        "start": 3,
        "end": 8
      },
      "fix": {
        "replacement": "[name]",
        "description": "Replace it with a placeholder; share details through the secure portal."
      }
    },
    {
      "ruleId": "health/treatment",
      "kind": "TREATMENT",
      "severity": "error",
      "message": "A treatment named in a message to the client is health information.",
      "span": {
        "start": 15,
        "end": 20
      },
      "utf8": {
        "start": 15,
        "end": 20
      },
      "fix": {
        "replacement": "[treatment]",
        "description": "Leave the health detail out, or send it through the secure portal."
      }
    },
    {
      "ruleId": "phi/date",
      "kind": "DATE_OTHER",
      "severity": "info",
      "message": "A date about the client's care; an appointment date is usually fine.",
      "span": {
        "start": 24,
        "end": 37
      },
      "utf8": {
        "start": 24,
        "end": 37
      },
      "fix": {
        "replacement": "[date]",
        "description": "Replace it with a placeholder; share details through the secure portal."
      }
    },
    {
      "ruleId": "phi/dob",
      "kind": "DATE_DOB",
      "severity": "error",
      "message": "A date of birth identifies the client; leave it out of unsecured messages.",
      "span": {
        "start": 43,
        "end": 53
      },
      "utf8": {
        "start": 43,
        "end": 53
      },
      "fix": {
        "replacement": "[date of birth]",
        "description": "Replace it with a placeholder; share details through the secure portal."
      }
    }
  ],
  "redacted": "Hi [name], your [treatment] is [date]. DOB [date of birth]? Call (212) 555-0100."
}"#;
    assert_eq!(json, expected, "\n{json}");
}

#[test]
fn a_linter_reused_across_texts_reports_as_a_fresh_one() {
    // `Linter` keeps buffers between calls: reports must not depend on the texts before.
    let texts = [
        "Hi Maria, your Botox touch-up is Tuesday, March 4 at 2:30 PM. Call (212) 555-0100.",
        "Hinchazón en el labio después del relleno, ¿es normal? Mi fecha de nacimiento es 02/14/1991.",
        "See you soon!",
        "",
        "My lip looks white and dusky since the filler. Email me at jane.doe@example.com.",
    ];
    let long = texts.join("\n\n").repeat(40);
    let opts = LintOptions::default();
    let reused = Linter::new(&opts).unwrap();
    for text in texts.iter().copied().chain([long.as_str()]).chain(texts) {
        let fresh = lint(text, &opts).unwrap();
        let again = reused.lint(text).unwrap();
        assert_eq!(again, fresh);
        let template = format!("{{{{client.first_name}}}} {text}");
        assert_eq!(
            reused.lint_template(&template).unwrap(),
            lint_template(&template, &opts).unwrap()
        );
    }
}

#[test]
fn lint_answers_for_the_options_it_is_given_each_time() {
    // `lint` keeps the linter of the last options; switching back and forth, and options that
    // fail, must not leave a stale one answering.
    let text = "Hi Maria, call 646-555-0199 about your Botox";
    let sms = options(r#"{"channel":"sms"}"#).unwrap();
    let portal = options(r#"{"channel":"portal"}"#).unwrap();
    let clinic = options(r#"{"context":{"clinic":{"phones":["646-555-0199"]}}}"#).unwrap();
    let bad = options(r#"{"context":{"recipient":{"dob":"soon"}}}"#).unwrap();
    for round in 0..2 {
        for o in [&sms, &portal, &clinic, &sms, &clinic, &portal] {
            let expected = Linter::new(o).unwrap().lint(text).unwrap();
            assert_eq!(lint(text, o).unwrap(), expected, "round {round}");
            assert_eq!(
                lint_template("{{treatment.name}}", o).unwrap(),
                Linter::new(o)
                    .unwrap()
                    .lint_template("{{treatment.name}}")
                    .unwrap()
            );
            assert!(lint(text, &bad).is_err());
        }
    }
    assert_ne!(lint(text, &sms).unwrap(), lint(text, &portal).unwrap());
}
