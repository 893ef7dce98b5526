//! The pipeline: scan once, run the rule families, drop what is not the client's, resolve
//! overlaps, grade each finding under the policy, and build the report.

use crate::detect::{
    address, context, dates, health, ids, names, numbers, resolve, web, Candidate, Scan,
    ScanBuffers,
};
use crate::escalation::{self, Flag};
use crate::kind::Kind;
use crate::lexicon::Cue;
use crate::options::Locale;
use crate::policy::{bit, verdict, KindMask, UnaddressedHealth};
use crate::redact::redact;
use crate::report::{Diagnostic, Escalation, Fix, Offsets, Redaction, Report, Severity};
use crate::setup::Setup;
use crate::template::{Field, FieldClass};
use medspa_spans::{Span, Utf16Index};

/// Kinds a clinic-contact or third-party cue ("call us at", "the pharmacy at") takes away.
fn is_contact(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Phone | Kind::Fax | Kind::Email | Kind::Url | Kind::Address | Kind::Zip
    )
}

/// Kinds a "not PHI" cue (order, receipt, gift card, "ending in") takes away.
fn is_number_id(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Phone
            | Kind::Fax
            | Kind::Account
            | Kind::OtherId
            | Kind::Zip
            | Kind::DeviceId
            | Kind::Ip
            | Kind::Vehicle
            | Kind::License
    )
}

/// Whether a candidate is about someone other than the client, or not an identifier at all.
fn not_the_clients(scan: &Scan<'_>, c: &Candidate) -> bool {
    let near = |max_bytes, max_words, cue: fn(Cue) -> bool| {
        scan.cue_before(c.span.start, max_bytes, max_words, cue)
            .is_some()
    };
    if c.strength == crate::detect::strength::CONTEXT {
        return false;
    }
    if is_contact(c.kind) {
        let reach = if c.kind == Kind::Zip {
            (90, 14)
        } else {
            (28, 4)
        };
        if near(reach.0, reach.1, |q| q == Cue::ClinicContact)
            || near(reach.0 + 16, reach.1 + 2, |q| q == Cue::ThirdParty)
        {
            return true;
        }
    }
    if matches!(c.kind, Kind::Url | Kind::Email) && context::is_clinic_web(scan, c) {
        return true;
    }
    if c.kind == Kind::Zip && context::is_clinic_zip(scan, c) {
        return true;
    }
    if context::is_clinic_number_or_street(scan, c) {
        return true;
    }
    is_number_id(c.kind) && near(24, 3, |q| matches!(q, Cue::NotPhi | Cue::Partial))
}

/// Runs every rule over `text` (a message, or a template with its fields blanked out).
pub(crate) fn analyze(
    original: &str,
    text: &str,
    setup: &Setup,
    fields: &[Field],
    buffers: &mut ScanBuffers,
) -> Report {
    let scan = Scan::new_in(text, setup, buffers);
    // Reused buffers (left empty by `resolve`, but cleared in case a call stopped early).
    let mut candidates = std::mem::take(&mut buffers.candidates);
    let mut exclusions = std::mem::take(&mut buffers.exclusions);
    candidates.clear();
    exclusions.clear();
    web::detect(&scan, &mut candidates);
    numbers::detect(&scan, &mut candidates);
    ids::detect(&scan, &mut candidates, &mut exclusions);
    dates::detect(&scan, &mut candidates);
    address::detect(&scan, &mut candidates);
    names::detect(&scan, &mut candidates, &mut exclusions);
    let health_hits = health::selected(
        &scan.hits,
        setup.locale,
        std::mem::take(&mut buffers.health),
    );
    health::detect(&scan, &health_hits, &mut candidates);
    let flags = escalation::detect(&scan, &health_hits);
    // A symptom in a sentence that escalates is the client's, even when the draft calls it
    // normal ("blanching is normal, just massage").
    for f in &flags {
        let s = scan.index.sentence(f.span);
        for h in crate::detect::starting_in(&health_hits, |h| h.span.start, s.start, s.end) {
            let inside = s.start <= h.span.start && h.span.end <= s.end;
            if inside
                && h.term.health_kind() == Some(Kind::Symptom)
                && !health::negated(text, h.span)
                && health::loose_applies(&scan, &health_hits, h)
            {
                let mut c = Candidate::new(h.span, Kind::Symptom, crate::detect::strength::HEALTH);
                c.addressed = true;
                candidates.push(c);
            }
        }
    }
    context::recipient(&scan, &mut candidates);
    context::clinic_exclusions(&scan, &mut exclusions);
    candidates.retain(|c| !not_the_clients(&scan, c));
    let mut findings = resolve(
        &mut candidates,
        &mut exclusions,
        &mut buffers.taken,
        std::mem::take(&mut buffers.findings),
    );
    buffers.candidates = candidates;
    buffers.exclusions = exclusions;

    // Health details addressing nobody: a promotion, or anything under the marketing preset.
    let mut name_spans = std::mem::take(&mut buffers.name_spans);
    name_spans.clear();
    name_spans.extend(
        findings
            .iter()
            .filter(|c| c.kind == Kind::Name)
            .map(|c| c.span)
            .chain(
                fields
                    .iter()
                    .filter(|f| f.class == FieldClass::Kind(Kind::Name))
                    .map(|f| f.span),
            ),
    );
    name_spans.sort();
    for c in findings.iter_mut().filter(|c| c.kind.is_health()) {
        let s = scan.index.sentence(c.span);
        if crate::detect::starting_in(&name_spans, |n| n.start, s.start, s.end)
            .iter()
            .any(|n| n.end <= s.end)
        {
            c.addressed = true;
        }
    }
    findings.retain(|c| {
        !c.kind.is_health()
            || match setup.policy.unaddressed_health {
                UnaddressedHealth::Flag => true,
                UnaddressedHealth::IgnoreInPromotions => c.addressed || !c.promotional,
                UnaddressedHealth::Ignore => c.addressed,
            }
    });

    scan.into_buffers(buffers);
    buffers.health = health_hits;
    buffers.name_spans = name_spans;
    let report = build_report(original, setup, &findings, fields, &flags, buffers);
    buffers.findings = findings;
    report
}

fn fix_description(kind: Kind, locale: Locale) -> &'static str {
    match (kind.is_health(), locale) {
        (false, Locale::En) => {
            "Replace it with a placeholder; share details through the secure portal."
        }
        (false, Locale::Es) => {
            "Reemplácelo por un marcador; comparta los datos por el portal seguro."
        }
        (true, Locale::En) => "Leave the health detail out, or send it through the secure portal.",
        (true, Locale::Es) => "Omita el detalle de salud o envíelo por el portal seguro.",
    }
}

fn field_fix(locale: Locale) -> Fix {
    Fix {
        replacement: "",
        description: match locale {
            Locale::En => "Remove this merge field from the template.",
            Locale::Es => "Quite este campo de la plantilla.",
        },
    }
}

const UNKNOWN_FIELD_MESSAGE: [&str; 2] = [
    "This merge field is not classified: add it to templateFields so it can be checked.",
    "Este campo no está clasificado: agréguelo a templateFields para poder revisarlo.",
];

/// One diagnostic before spans are converted.
pub(crate) struct Row {
    span: Span,
    rule: &'static str,
    kind: Kind,
    severity: Severity,
    message: &'static str,
    fix: Option<Fix>,
    /// Counts for the verdict.
    graded: bool,
    /// Replaced by its placeholder in the redacted text.
    redact: bool,
}

/// Grades findings, converts spans and assembles the report (`buffers` lends the rows).
fn build_report(
    text: &str,
    setup: &Setup,
    findings: &[Candidate],
    fields: &[Field],
    flags: &[Flag],
    buffers: &mut ScanBuffers,
) -> Report {
    let locale = setup.locale;
    let present: KindMask = findings
        .iter()
        .map(|c| c.kind)
        .chain(fields.iter().filter_map(|f| match f.class {
            FieldClass::Kind(k) => Some(k),
            _ => None,
        }))
        .fold(0, |m, k| m | bit(k));
    let grade = |kind| {
        setup
            .policy
            .severity(kind, present, setup.channel, setup.accepted_unencrypted)
    };

    let rows = &mut buffers.rows;
    rows.clear();
    for c in findings {
        rows.push(Row {
            span: c.span,
            rule: c.kind.rule_id(),
            kind: c.kind,
            severity: grade(c.kind),
            message: c.kind.message(locale),
            fix: Some(Fix {
                replacement: c.kind.placeholder(locale),
                description: fix_description(c.kind, locale),
            }),
            graded: true,
            redact: true,
        });
    }
    for f in fields {
        match f.class {
            FieldClass::Kind(kind) => rows.push(Row {
                span: f.span,
                rule: "template/field",
                kind,
                severity: grade(kind),
                message: kind.message(locale),
                fix: Some(field_fix(locale)),
                graded: true,
                redact: true,
            }),
            FieldClass::Unknown => rows.push(Row {
                span: f.span,
                rule: "template/unknown-field",
                kind: Kind::OtherId,
                severity: Severity::Info,
                message: UNKNOWN_FIELD_MESSAGE[locale as usize],
                fix: None,
                graded: false,
                redact: false,
            }),
            FieldClass::Safe => {}
        }
    }
    let mut escalate = Escalation::None;
    for f in flags {
        escalate = escalate.max(f.level);
        rows.push(Row {
            span: f.span,
            rule: f.rule.id(),
            kind: f.kind,
            severity: if f.level == Escalation::Urgent {
                Severity::Error
            } else {
                Severity::Warning
            },
            message: f.rule.message(locale),
            fix: None,
            graded: false,
            redact: false,
        });
    }
    rows.sort_by_key(|r| (r.span.start, r.span.end, !r.graded));

    let verdict = verdict(rows.iter().filter(|r| r.graded).map(|r| r.severity));
    // Every span to redact, overlapping ones included; `redact` merges them into `edits`.
    let to_redact = &mut buffers.redactions;
    to_redact.clear();
    to_redact.extend(
        rows.iter()
            .filter(|r| r.redact)
            .map(|r| (r.span, r.kind.placeholder(locale))),
    );
    let edits = &mut buffers.edits;
    let redacted = redact(text, to_redact, edits);

    let index = (!rows.is_empty() && !text.is_ascii()).then(|| Utf16Index::new(text));
    let to16 = |s: Span| match &index {
        Some(ix) => ix
            .span_to_utf16(s)
            .map(|(a, b)| Offsets { start: a, end: b }),
        None => Some(Offsets {
            start: s.start,
            end: s.end,
        }),
    };
    let redactions = edits
        .iter()
        .filter_map(|&(s, placeholder)| {
            Some(Redaction {
                span: to16(s)?,
                utf8: Offsets {
                    start: s.start,
                    end: s.end,
                },
                placeholder,
            })
        })
        .collect();
    let diagnostics = rows
        .drain(..)
        .filter_map(|r| {
            // Spans always lie on char boundaries; a span that did not would be a bug, and is
            // dropped rather than reported wrong.
            let span = to16(r.span)?;
            Some(Diagnostic {
                rule_id: r.rule,
                kind: r.kind,
                severity: r.severity,
                message: r.message,
                span,
                utf8: Offsets {
                    start: r.span.start,
                    end: r.span.end,
                },
                fix: r.fix,
            })
        })
        .collect();
    Report {
        verdict,
        escalate,
        diagnostics,
        redacted,
        redactions,
    }
}

#[cfg(test)]
mod stage_timing {
    use super::*;

    #[test]
    #[ignore = "manual profiling aid"]
    fn stages() {
        let paragraph = "Thank you for visiting Glow Med Spa this week. Here are a few reminders for the next few days: keep the treated area clean, avoid strenuous exercise and saunas, and skip makeup until tomorrow. Mild redness and swelling are normal and usually fade within a day or two. Your next appointment is on Thursday, June 12 at 10:15 AM; reply to this email or call (212) 555-0100 if you need to change it. Your card ending in 4242 was charged $350.00, receipt #100234567. If you notice blanching, vision changes or severe pain, call us right away.\n\n";
        let text = paragraph.repeat(100);
        let options: crate::LintOptions = serde_json::from_str(
            r#"{"channel":"sms","context":{"clinic":{"phones":["(212) 555-0100"],"domains":["glowmedspa.example"],"staff":["Ashley Brooks"]}}}"#,
        )
        .unwrap();
        let setup = Setup::new(&options).unwrap();
        let _ = analyze(&text, &text, &setup, &[], &mut ScanBuffers::default());
        let n = 50;
        let t = |name: &str, f: &dyn Fn()| {
            // The fastest run: the machine may be shared.
            let per = (0..n)
                .map(|_| {
                    let start = std::time::Instant::now();
                    f();
                    start.elapsed().as_secs_f64()
                })
                .fold(f64::MAX, f64::min);
            eprintln!(
                "{name:<12} {:>8.1} µs  {:>7.1} MB/s",
                per * 1e6,
                text.len() as f64 / per / 1e6
            );
        };
        t("hits", &|| drop(crate::lexicon::hits(&text, None)));
        t("chunks", &|| drop(numbers::chunks(&text)));
        t("index", &|| drop(crate::index::TextIndex::new(&text)));
        let scan = Scan::new(&text, &setup);
        t("web", &|| {
            let mut v = Vec::new();
            web::detect(&scan, &mut v);
        });
        t("numbers", &|| {
            let mut v = Vec::new();
            numbers::detect(&scan, &mut v);
        });
        t("ids", &|| {
            let mut v = Vec::new();
            let mut e = Vec::new();
            ids::detect(&scan, &mut v, &mut e);
        });
        t("dates", &|| {
            let mut v = Vec::new();
            dates::detect(&scan, &mut v);
        });
        t("address", &|| {
            let mut v = Vec::new();
            address::detect(&scan, &mut v);
        });
        t("names", &|| {
            let mut v = Vec::new();
            let mut e = Vec::new();
            names::detect(&scan, &mut v, &mut e);
        });
        let hh = health::selected(&scan.hits, setup.locale, Vec::new());
        t("health", &|| {
            let mut v = Vec::new();
            health::detect(&scan, &hh, &mut v);
        });
        t("escalation", &|| drop(escalation::detect(&scan, &hh)));
        t("all", &|| {
            drop(analyze(
                &text,
                &text,
                &setup,
                &[],
                &mut ScanBuffers::default(),
            ))
        });
        eprintln!("hits: {}", scan.hits.len());
    }
}
