//! One annotated fixture (or a few) per rule: the text, and under it a caret line per expected
//! diagnostic with its rule id. The whole set of diagnostics must match.

mod support;

use medspa_phi_lint::{
    Channel, Direction, Escalation, LintOptions, Locale, Policy, Preset, Severity, Verdict,
};
use support::fixture::{check, check_template};

fn sms() -> LintOptions {
    LintOptions::default()
}

fn inbound() -> LintOptions {
    LintOptions {
        direction: Direction::Inbound,
        ..LintOptions::default()
    }
}

fn spanish() -> LintOptions {
    LintOptions {
        locale: Locale::Es,
        ..LintOptions::default()
    }
}

fn with_context(json: &str) -> LintOptions {
    serde_json::from_str(json).expect("options")
}

// --- Identifiers -------------------------------------------------------------------------------

#[test]
fn ssn_with_and_without_dashes() {
    check(
        r#"
SSN 987-65-4320, or 987 65 4321, social security number 987654322.
    ^^^^^^^^^^^ phi/ssn
                    ^^^^^^^^^^^ phi/ssn
                                                        ^^^^^^^^^ phi/ssn
"#,
        &sms(),
    );
    // Nine digits without a cue are not an SSN; 000 and 666 areas are never issued.
    check("Order 987654320 and 000-12-3456 and 666-12-3456.", &sms());
}

#[test]
fn phones_in_us_formats() {
    check(
        r#"
Reach me at (512) 555-0147, 512.555.0148, +1 512 555 0149 or 555-0150.
            ^^^^^^^^^^^^^^ phi/phone
                            ^^^^^^^^^^^^ phi/phone
                                          ^^^^^^^^^^^^^^^ phi/phone
                                                             ^^^^^^^^ phi/phone
"#,
        &sms(),
    );
}

#[test]
fn fax_after_a_fax_cue() {
    check(
        r#"
Fax: (512) 555-0166
     ^^^^^^^^^^^^^^ phi/fax
"#,
        &sms(),
    );
}

#[test]
fn clinic_numbers_are_not_flagged() {
    check(
        "Call us at (212) 555-0100 or text us at 212-555-0101.",
        &sms(),
    );
    let options = with_context(r#"{"context":{"clinic":{"phones":["212-555-0102"]}}}"#);
    check("Questions? 212.555.0102", &options);
}

#[test]
fn emails_and_urls() {
    check(
        r#"
Write to maria.g@example.com or see https://maria.example.com/x and www.example.org.
         ^^^^^^^^^^^^^^^^^^^ phi/email
                                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^ phi/url
                                                                    ^^^^^^^^^^^^^^^ phi/url
"#,
        &sms(),
    );
    let options = with_context(
        r#"{"context":{"clinic":{"domains":["glowmedspa.example"],"emails":["hi@glowmedspa.example"]}}}"#,
    );
    check("Book at https://glowmedspa.example/book or portal.glowmedspa.example, hi@glowmedspa.example", &options);
}

#[test]
fn ip_addresses_but_not_versions() {
    check(
        r#"
Login from 203.0.113.42; app version 2.4.1.0.
           ^^^^^^^^^^^^ phi/ip
"#,
        &sms(),
    );
}

#[test]
fn zip_with_a_cue_or_a_state() {
    check(
        r#"
ZIP 78704, Austin, TX 78745, and 78746-1234; not 12345 alone.
    ^^^^^ phi/zip
                      ^^^^^ phi/zip
                                 ^^^^^^^^^^ phi/zip
"#,
        &sms(),
    );
}

#[test]
fn dates_of_birth_by_cue_or_context() {
    check(
        r#"
DOB: 02/14/1991. Born on February 14, 1991.
     ^^^^^^^^^^ phi/dob
                         ^^^^^^^^^^^^^^^^^ phi/dob
"#,
        &sms(),
    );
    let options = with_context(r#"{"context":{"recipient":{"dob":"1991-02-14"}}}"#);
    check(
        r#"
We have 1991-02-14 on file.
        ^^^^^^^^^^ phi/dob
"#,
        &options,
    );
}

#[test]
fn other_dates_with_attached_times_but_not_relative_words() {
    check(
        r#"
See you Tuesday, March 4 at 2:30 pm, or 3/18 at 10am. Not tomorrow at 3pm.
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^ phi/date
                                        ^^^^^^^^^^^^ phi/date
"#,
        &sms(),
    );
    // Closure and event dates are about nobody.
    check("We are closed Monday, May 26 for Memorial Day.", &sms());
}

#[test]
fn cued_record_insurance_and_other_ids() {
    check(
        r#"
MRN: A-4471823, member ID XJH123456789, claim # CLM-55102993.
     ^^^^^^^^^ phi/mrn
                          ^^^^^^^^^^^^ phi/insurance-id
                                                ^^^^^^^^^^^^ phi/other-id
"#,
        &sms(),
    );
}

#[test]
fn card_numbers_with_luhn_and_bank_accounts() {
    check(
        r#"
Card 4242 4242 4242 4242, routing number 021000021.
     ^^^^^^^^^^^^^^^^^^^ phi/account
                                         ^^^^^^^^^ phi/account
"#,
        &sms(),
    );
    // Fails Luhn, a partial card, a gift card and an order number.
    check(
        "4242 4242 4242 4241; Visa ending in 4242; gift card 4111 1111 1111 1111; order #5550134567.",
        &sms(),
    );
}

#[test]
fn licence_vehicle_and_device_numbers() {
    check(
        r#"
Driver's license TX48817722, VIN 1HGCM82633A004352, serial number SN-88123-XK.
                 ^^^^^^^^^^ phi/license
                                 ^^^^^^^^^^^^^^^^^ phi/vehicle
                                                                  ^^^^^^^^^^^ phi/device-id
"#,
        &sms(),
    );
    // A provider's NPI is not client PHI.
    check("Dr. Patel, NPI 1234567893, will see you.", &sms());
}

#[test]
fn street_addresses() {
    check(
        r#"
I moved to 44 Elm Street, Apt 2B, Springfield, IL 62704.
           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ phi/address
                                                  ^^^^^ phi/zip
"#,
        &inbound(),
    );
    check(
        r#"
Vivo en Calle Mayor 12, Madrid.
        ^^^^^^^^^^^^^^ phi/address
"#,
        &LintOptions {
            locale: Locale::Es,
            ..inbound()
        },
    );
    // The clinic's address and a pharmacy's are not the client's.
    check(
        "Visit us at 120 Main Street. The pharmacy at 500 Oak Street has it.",
        &sms(),
    );
}

// --- Names ---------------------------------------------------------------------------------------

#[test]
fn names_after_greetings_and_titles_without_the_honorific() {
    check(
        r#"
Hi Maria, and Dear Mr. Okafor; Hola Sra. García.
   ^^^^^ phi/name
                       ^^^^^^ phi/name
                                         ^^^^^^ phi/name
"#,
        &sms(),
    );
    check("Hi there! Hello everyone, dear valued client.", &sms());
}

#[test]
fn names_from_the_context_however_written() {
    let options = with_context(r#"{"context":{"recipient":{"names":["María José García"]}}}"#);
    check(
        r#"
maria, GARCIA's file and M. García are ready.
^^^^^ phi/name
       ^^^^^^ phi/name
                         ^^^^^^^^^ phi/name
"#,
        &options,
    );
}

#[test]
fn staff_and_providers_are_not_client_names() {
    let options = with_context(r#"{"context":{"clinic":{"staff":["Ashley Brooks"]}}}"#);
    check(
        "Your appointment with Dr. Patel is confirmed. Ashley will call you.",
        &options,
    );
    check("Thanks! See you soon.\n- Jessica, Glow Med Spa", &sms());
}

// --- Health details --------------------------------------------------------------------------------

#[test]
fn treatments_are_flagged_on_sms() {
    let report = check(
        r#"
Your lip filler and Botox are booked.
     ^^^^^^^^^^ health/treatment
                    ^^^^^ health/treatment
"#,
        &sms(),
    );
    assert_eq!(report.verdict, Verdict::Warn);
}

#[test]
fn conditions_medications_areas_only_when_they_are_the_clients() {
    check(
        r#"
Your rosacea improved; keep your tretinoin off your upper lip.
     ^^^^^^^ health/condition
                                 ^^^^^^^^^ health/medication
                                                    ^^^^^^^^^ health/body-area
"#,
        &sms(),
    );
    // Conditional and generic: about nobody.
    check(
        "If you are pregnant, tell us. Avoid aspirin before treatment. Mild swelling is normal.",
        &sms(),
    );
}

#[test]
fn broadcast_promotions_name_nobody() {
    check("Botox specials this month: $11/unit! Book now.", &sms());
    let marketing = LintOptions {
        policy: Policy::Preset(Preset::Marketing),
        ..sms()
    };
    let report = check(
        r#"
Hi Maria! Your Botox is due, 10% off this week.
   ^^^^^ phi/name
               ^^^^^ health/treatment
"#,
        &marketing,
    );
    assert_eq!(report.verdict, Verdict::Block);
}

#[test]
fn spanish_lexicon_and_accents() {
    check(
        r#"
Su depilación láser y su RELLENO DE LABIOS están confirmados.
   ^^^^^^^^^^^^^^^^ health/treatment
                         ^^^^^^^^^^^^^^^^^ health/treatment
"#,
        &spanish(),
    );
}

// --- Escalation --------------------------------------------------------------------------------

#[test]
fn urgent_red_flags_from_clients() {
    let report = check(
        r#"
My lip is blanching and I have blurred vision.
   ^^^ health/body-area
          ^^^^^^^^^ health/symptom
          ^^^^^^^^^ escalate/urgent-symptom
                               ^^^^^^^^^^^^^^ health/symptom
                               ^^^^^^^^^^^^^^ escalate/urgent-symptom
"#,
        &inbound(),
    );
    assert_eq!(report.escalate, Escalation::Urgent);
}

#[test]
fn reassurance_about_a_red_flag_is_urgent() {
    let report = check(
        r#"
Blanching is normal, just massage it.
^^^^^^^^^ health/symptom
^^^^^^^^^ escalate/urgent-reassurance
"#,
        &sms(),
    );
    assert_eq!(report.escalate, Escalation::Urgent);
    let report = check(
        r#"
El blanqueamiento es normal, solo masajee.
   ^^^^^^^^^^^^^^ health/symptom
   ^^^^^^^^^^^^^^ escalate/urgent-reassurance
"#,
        &spanish(),
    );
    assert_eq!(report.escalate, Escalation::Urgent);
}

#[test]
fn safety_instructions_and_mild_aftercare_are_not_escalations() {
    let report = check(
        "If you notice blanching or vision changes, call us right away. Mild bruising is normal.",
        &sms(),
    );
    assert_eq!(report.escalate, Escalation::None);
}

#[test]
fn clinical_questions_and_advice() {
    check(
        r#"
Can I take ibuprofen for the headache?
           ^^^^^^^^^ health/medication
           ^^^^^^^^^ escalate/clinical-question
                             ^^^^^^^^ health/symptom
                             ^^^^^^^^ escalate/clinical-question
"#,
        &inbound(),
    );
    check(
        r#"
Take Tylenol every 6 hours.
     ^^^^^^^ health/medication
     ^^^^^^^ escalate/clinical-advice
"#,
        &sms(),
    );
    // Scheduling and pre-treatment medication questions are not escalations.
    let report = check(
        r#"
Can I take Advil before my filler appointment?
           ^^^^^ health/medication
                           ^^^^^^ health/treatment
"#,
        &inbound(),
    );
    assert_eq!(report.escalate, Escalation::None);
}

// --- Templates ------------------------------------------------------------------------------------

#[test]
fn template_fields_take_their_kind_and_span() {
    let report = check_template(
        r#"
Hi {{client.first_name}}, your {{ treatment.name }} is {{appointment.time}} at {{clinic.address}}.
   ^^^^^^^^^^^^^^^^^^^^^ template/field
                               ^^^^^^^^^^^^^^^^^^^^ template/field
                                                       ^^^^^^^^^^^^^^^^^^^^ template/field
"#,
        &sms(),
    );
    assert_eq!(report.verdict, Verdict::Block);
    let field = &report.diagnostics[1];
    assert_eq!(field.kind, medspa_phi_lint::Kind::Treatment);
    assert_eq!(field.severity, Severity::Error);
    assert_eq!(field.fix.as_ref().map(|f| f.replacement), Some(""));
}

#[test]
fn template_literal_text_is_linted_and_unknown_fields_reported() {
    check_template(
        r#"
Your Botox visit: {{visit.widget}}.
     ^^^^^ health/treatment
                  ^^^^^^^^^^^^^^^^ template/unknown-field
"#,
        &sms(),
    );
    let options = with_context(
        r#"{"templateFields":[{"field":"visit.widget","kind":"CONDITION"},{"field":"client.nickname"}]}"#,
    );
    check_template(
        r#"
{{client.nickname}}: {{visit.widget}}.
                     ^^^^^^^^^^^^^^^^ template/field
"#,
        &options,
    );
}

#[test]
fn template_first_name_and_time_are_fine_on_sms() {
    let report = check_template(
        r#"
Hi {{client.first_name}}, see you {{appointment.date}}!
   ^^^^^^^^^^^^^^^^^^^^^ template/field
                                  ^^^^^^^^^^^^^^^^^^^^ template/field
"#,
        &sms(),
    );
    assert_eq!(report.verdict, Verdict::Allow);
}

// --- Policy ---------------------------------------------------------------------------------------

#[test]
fn portal_and_consent_change_the_verdict_not_the_findings() {
    let text = "Hi Maria, your Botox is booked. SSN 987-65-4320.";
    let sms_report = medspa_phi_lint::lint(text, &sms()).expect("lint");
    assert_eq!(sms_report.verdict, Verdict::Block);
    let portal = LintOptions {
        channel: Channel::Portal,
        ..sms()
    };
    let portal_report = medspa_phi_lint::lint(text, &portal).expect("lint");
    assert_eq!(portal_report.verdict, Verdict::Warn);
    assert_eq!(
        portal_report.diagnostics.len(),
        sms_report.diagnostics.len()
    );
    let accepted = LintOptions {
        accepted_unencrypted: true,
        ..sms()
    };
    let report = medspa_phi_lint::lint(text, &accepted).expect("lint");
    let ssn = report
        .diagnostics
        .iter()
        .find(|d| d.rule_id == "phi/ssn")
        .expect("ssn");
    assert_eq!(ssn.severity, Severity::Error, "consent never lowers an SSN");
    let name = report
        .diagnostics
        .iter()
        .find(|d| d.rule_id == "phi/name")
        .expect("name");
    assert_eq!(
        name.severity,
        Severity::Warning,
        "name + treatment block, lowered one step"
    );
}

#[test]
fn inbound_uses_the_same_rubric() {
    let report = check(
        r#"
Hi, this is Maria, my new number is 512-555-0147
            ^^^^^ phi/name
                                    ^^^^^^^^^^^^ phi/phone
"#,
        &inbound(),
    );
    assert_eq!(report.verdict, Verdict::Warn);
}
