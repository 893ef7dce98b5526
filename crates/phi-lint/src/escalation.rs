//! Escalation to licensed staff (domain.md §5), in both directions.
//!
//! - `urgent`: a red-flag symptom after filler, neurotoxin or laser (blanching, dusky or mottled
//!   skin, vision changes, trouble swallowing or breathing, drooping eyelid, blistering, signs
//!   of infection, severe or increasing pain) that is reported rather than listed in a
//!   conditional instruction ("if you notice blanching, call us"), and any reassurance given
//!   about one ("blanching is normal, just massage").
//! - `clinical`: a client's question about symptoms, medication or dosing; a client's report of
//!   a symptom beyond the expected mild ones; staff advice about medication, dosing or symptoms.
//!   Mild expected bruising or swelling, scheduling questions and pre-treatment medication
//!   questions are not escalations.

use crate::detect::health::{conditional, level, loose_applies, negated};
use crate::detect::Scan;
use crate::index::class;
use crate::kind::Kind;
use crate::lexicon::{Cue, Hit, Level, Term};
use crate::options::Direction;
use crate::report::Escalation;
use crate::text::WordSet;
use medspa_spans::Span;

/// One escalation finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Flag {
    pub span: Span,
    pub kind: Kind,
    pub level: Escalation,
    pub rule: Rule,
}

/// The escalation rules, each with its id and message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rule {
    UrgentSymptom,
    UrgentReassurance,
    ClinicalQuestion,
    SymptomReport,
    ClinicalAdvice,
}

impl Rule {
    pub(crate) fn id(self) -> &'static str {
        match self {
            Rule::UrgentSymptom => "escalate/urgent-symptom",
            Rule::UrgentReassurance => "escalate/urgent-reassurance",
            Rule::ClinicalQuestion => "escalate/clinical-question",
            Rule::SymptomReport => "escalate/symptom-report",
            Rule::ClinicalAdvice => "escalate/clinical-advice",
        }
    }

    pub(crate) fn message(self, locale: crate::options::Locale) -> &'static str {
        let [en, es] = match self {
            Rule::UrgentSymptom => [
                "A possible complication after treatment: a licensed provider must review this now.",
                "Posible complicación tras el tratamiento: un profesional autorizado debe revisarlo ya.",
            ],
            Rule::UrgentReassurance => [
                "Reassurance about a warning sign after treatment: do not send; a licensed provider must answer now.",
                "Tranquilizar ante una señal de alarma es peligroso: no lo envíe; debe responder un profesional autorizado ya.",
            ],
            Rule::ClinicalQuestion => [
                "A question about symptoms, medication or dosing: route it to licensed staff.",
                "Una pregunta sobre síntomas, medicamentos o dosis: derívela a personal autorizado.",
            ],
            Rule::SymptomReport => [
                "The client reports a symptom: licensed staff should follow up.",
                "La persona informa un síntoma: el personal autorizado debe darle seguimiento.",
            ],
            Rule::ClinicalAdvice => [
                "Advice about medication, dosing or symptoms must come from licensed staff.",
                "Los consejos sobre medicamentos, dosis o síntomas deben venir de personal autorizado.",
            ],
        };
        match locale {
            crate::options::Locale::En => en,
            crate::options::Locale::Es => es,
        }
    }
}

/// Units that make a number a dose ("0.5 mg", "20 units").
const DOSE_UNITS: WordSet = WordSet::new(&[
    "mg", "mcg", "ml", "cc", "units", "unit", "unidades", "iu", "u",
]);

/// Spans of dose expressions: a number followed by a unit.
fn doses(scan: &Scan<'_>) -> Vec<Span> {
    let text = scan.text;
    scan.chunks
        .iter()
        .filter_map(|c| {
            let rest = &text[c.span.end..];
            let t = rest.trim_start_matches(' ');
            let w = crate::text::word_after(text, c.span.end, "")?;
            (w.start == c.span.end + (rest.len() - t.len())
                && crate::text::word_in(text, w, &DOSE_UNITS))
            .then_some(Span::new(c.span.start, w.end))
        })
        .collect()
}

fn is_question(text: &str, s: Span, scan: &Scan<'_>) -> bool {
    let body = text[s.start..s.end].trim();
    let ends = text[s.end..].starts_with('?') || body.ends_with('?');
    let opens = body.starts_with('¿');
    let lead = scan.index.leading(s, 4);
    ends || opens || scan.cue_in(lead, |c| c == Cue::Question)
}

/// Escalation flags for the text.
pub(crate) fn detect(scan: &Scan<'_>, health: &[Hit]) -> Vec<Flag> {
    let text = scan.text;
    let inbound = scan.setup.direction == Direction::Inbound;
    let mut flags = Vec::new();
    let doses = doses(scan);

    for h in health {
        let Some(kind) = h.term.health_kind() else {
            continue;
        };
        if negated(text, h.span) {
            continue;
        }
        let s = scan.index.sentence(h.span);
        let c = scan.index.clause(h.span);
        let lvl = level(h);
        if kind == Kind::Symptom && lvl == Level::RedFlag && loose_applies(scan, health, h) {
            // Reassurance counts unless its own clause is about a milder symptom.
            let reassured = scan.hits_in(s).any(|r| {
                r.term == Term::Cue(Cue::Reassurance) && {
                    let rc = scan.index.clause(r.span);
                    rc == c
                        || !crate::detect::starting_in(health, |o| o.span.start, rc.start, rc.end)
                            .iter()
                            .any(|o| {
                                o.term.health_kind() == Some(Kind::Symptom)
                                    && level(o) != Level::RedFlag
                                    && rc.start <= o.span.start
                                    && o.span.end <= rc.end
                            })
                }
            });
            if reassured {
                flags.push(flag(
                    h.span,
                    kind,
                    Escalation::Urgent,
                    Rule::UrgentReassurance,
                ));
            } else if !conditional(scan, h.span) {
                flags.push(flag(h.span, kind, Escalation::Urgent, Rule::UrgentSymptom));
            } else if inbound && is_question(text, s, scan) {
                flags.push(flag(
                    h.span,
                    kind,
                    Escalation::Clinical,
                    Rule::ClinicalQuestion,
                ));
            }
            continue;
        }
        // A closure: outbound, most hits (treatments, mild symptoms) never need it.
        let pre_treatment = || scan.cue_in(s, |q| q == Cue::PreTreatment);
        if inbound {
            let pre_treatment = pre_treatment();
            let question = is_question(text, s, scan);
            // Treatment eligibility with a condition ("I'm pregnant, can I still get Botox?") is
            // clinical judgment too.
            let about = matches!(kind, Kind::Symptom | Kind::Medication | Kind::Condition);
            // "A little bruising, that's expected right?": the client already knows.
            let settled = lvl == Level::Mild
                && scan.hits_in(s).any(|r| {
                    r.term == Term::Cue(Cue::Reassurance)
                        && !scan
                            .hits_in(s)
                            .any(|q| q.term == Term::Cue(Cue::Question) && q.span == r.span)
                });
            // "How much Ozempic should I take?": a dosing question about a GLP-1 treatment.
            let dosing =
                kind == Kind::Treatment && !pre_treatment && scan.index.has(s, class::DOSING_VERB);
            if question
                && (about || dosing)
                && !settled
                && !(pre_treatment && kind == Kind::Medication)
            {
                flags.push(flag(
                    h.span,
                    kind,
                    Escalation::Clinical,
                    Rule::ClinicalQuestion,
                ));
                continue;
            }
            if kind == Kind::Symptom
                && !conditional(scan, h.span)
                && scan.index.has(c, class::FIRST_PERSON)
            {
                let worry = scan.cue_in(s, |q| q == Cue::Worry);
                if lvl == Level::Other || worry {
                    flags.push(flag(
                        h.span,
                        kind,
                        Escalation::Clinical,
                        Rule::SymptomReport,
                    ));
                }
            }
        } else {
            // Cheapest test first; the others walk the sentence.
            let medical = kind == Kind::Medication || kind == Kind::Symptom && lvl == Level::Other;
            let advice =
                || scan.index.has(s, class::ADVICE) || scan.cue_in(c, |q| q == Cue::Reassurance);
            let avoid = || scan.index.has(c, class::AVOID);
            if medical && advice() && !avoid() && !pre_treatment() && !conditional(scan, h.span) {
                flags.push(flag(
                    h.span,
                    kind,
                    Escalation::Clinical,
                    Rule::ClinicalAdvice,
                ));
            }
        }
    }
    // Dosing: a client's question about a dose, or staff advice with one.
    for d in &doses {
        let s = scan.index.sentence(*d);
        let pre = scan.cue_in(s, |q| q == Cue::PreTreatment);
        let promo = scan.cue_in(s, |q| q == Cue::Promo);
        let dose_word = scan.cue_in(s, |q| q == Cue::Dosing) && scan.index.has(s, class::DOSE_WORD);
        let hit = if inbound {
            is_question(text, s, scan) && !pre
        } else {
            (scan.index.has(s, class::ADVICE) || dose_word) && !pre && !promo
        };
        if hit && !flags.iter().any(|f| crate::detect::overlaps(f.span, s)) {
            let rule = if inbound {
                Rule::ClinicalQuestion
            } else {
                Rule::ClinicalAdvice
            };
            flags.push(flag(*d, Kind::Medication, Escalation::Clinical, rule));
        }
    }
    // Dosing words in a client's question ("how many units", "my dose").
    if inbound {
        for h in &scan.hits {
            if h.term != Term::Cue(Cue::Dosing) {
                continue;
            }
            let s = scan.index.sentence(h.span);
            if is_question(text, s, scan)
                && !scan.cue_in(s, |q| q == Cue::PreTreatment)
                && !flags.iter().any(|f| crate::detect::overlaps(f.span, s))
            {
                flags.push(flag(
                    h.span,
                    Kind::Medication,
                    Escalation::Clinical,
                    Rule::ClinicalQuestion,
                ));
            }
        }
    }
    flags.sort_by_key(|f| (f.span.start, f.span.end));
    flags
}

fn flag(span: Span, kind: Kind, level: Escalation, rule: Rule) -> Flag {
    Flag {
        span,
        kind,
        level,
        rule,
    }
}
