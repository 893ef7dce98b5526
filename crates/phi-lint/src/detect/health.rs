//! Health details from the lexicon: treatments, conditions, medications, body areas and
//! symptoms. A treatment named in a message to a client is about that client; the other kinds
//! count only when the text ties them to a person ("your lips", "I have rosacea"), so that
//! generic aftercare ("mild swelling is normal"), conditional instructions ("if you are
//! pregnant") and promotions addressing nobody stay quiet.

use super::{strength, Candidate, Scan};
use crate::index::class;
use crate::kind::Kind;
use crate::lexicon::{Cue, Hit, Level, Term};
use crate::options::{Direction, Locale};
use crate::text::{word_before, word_in, WordSet};
use medspa_spans::Span;

pub(crate) const POSSESSIVES: WordSet = WordSet::new(&[
    "your", "my", "her", "his", "their", "su", "sus", "tu", "tus", "mi", "mis",
]);
/// Words allowed between a possessive and its body area or symptom ("your upper lip").
const MODIFIERS: WordSet = WordSet::new(&[
    "upper",
    "lower",
    "left",
    "right",
    "inner",
    "outer",
    "whole",
    "entire",
    "new",
    "recent",
    "last",
    "next",
    "first",
    "second",
    "follow-up",
    "touch-up",
    "bottom",
    "top",
    "superior",
    "inferior",
    "izquierda",
    "izquierdo",
    "derecha",
    "derecho",
    "daily",
    "weekly",
    "current",
    "prescribed",
    "mild",
    "slight",
]);
pub(crate) const NEGATORS: WordSet = WordSet::new(&[
    "no", "not", "without", "sin", "zero", "any", "never", "nunca", "ningún", "ninguna", "ni",
    "don't", "dont", "isn't", "aren't", "haven't", "hasn't",
]);
/// The health hits that survive leftmost-longest selection: "laser hair removal" wins over
/// "laser" and "hair" inside it. One spelling with two meanings ("peeling": an English symptom,
/// a Spanish treatment) takes the meaning of the message's locale.
pub(crate) fn selected(hits: &[Hit], locale: Locale, mut out: Vec<Hit>) -> Vec<Hit> {
    let preferred = match locale {
        Locale::En => Kind::Symptom,
        Locale::Es => Kind::Treatment,
    };
    out.clear();
    let mut end = 0;
    for h in hits {
        let Some(kind) = h.term.health_kind() else {
            continue;
        };
        if h.span.start >= end {
            end = h.span.end;
            out.push(*h);
        } else if let Some(last) = out.last_mut() {
            if last.span == h.span {
                let better = level(h) > level(last)
                    || kind == preferred && last.term.health_kind() != Some(preferred);
                if better {
                    *last = *h;
                }
            }
        }
    }
    out
}

pub(crate) fn level(h: &Hit) -> Level {
    match h.term {
        Term::Health { level, .. } => level,
        _ => Level::Other,
    }
}

/// Whether `w` is directly preceded by a possessive, allowing one modifier between.
pub(crate) fn possessed(text: &str, span: Span) -> bool {
    let Some(w1) = word_before(text, span.start, "") else {
        return false;
    };
    if word_in(text, w1, &POSSESSIVES) {
        return true;
    }
    word_in(text, w1, &MODIFIERS)
        && word_before(text, w1.start, "").is_some_and(|w2| word_in(text, w2, &POSSESSIVES))
}

/// Whether a negator is among the two words before `span` ("no swelling", "not any pain").
pub(crate) fn negated(text: &str, span: Span) -> bool {
    let Some(w1) = word_before(text, span.start, "") else {
        return false;
    };
    word_in(text, w1, &NEGATORS)
        || word_before(text, w1.start, "").is_some_and(|w2| word_in(text, w2, &NEGATORS))
}

/// Whether a conditional ("if", "si", "in case", "signs of") precedes `span` in its clause.
pub(crate) fn conditional(scan: &Scan<'_>, span: Span) -> bool {
    let c = scan.index.clause(span);
    let head = Span::new(c.start, span.start);
    scan.index.has(head, class::CONDITIONAL)
        || scan.cue_in(head, |q| q == Cue::Instruction)
        || scan.cue_in_sentence(span, |q| q == Cue::Instruction)
            && !scan
                .index
                .has(scan.index.sentence(span), class::FIRST_PERSON)
}

/// Words before "peel" that make it a verb ("your skin may peel").
const MODALS: WordSet = WordSet::new(&[
    "may", "might", "will", "can", "could", "to", "should", "not", "won't", "start", "begin",
]);

/// Whether a loose red flag ("white", "blanco") is tied to the client: a first-person word or a
/// possessive in its clause, or a body area next to it.
pub(crate) fn loose_applies(scan: &Scan<'_>, health: &[Hit], h: &Hit) -> bool {
    let loose = matches!(h.term, Term::Health { loose: true, .. });
    if !loose {
        return true;
    }
    let c = scan.index.clause(h.span);
    scan.index.has(c, class::FIRST_PERSON | class::POSSESSIVE)
        || super::starting_in(health, |o| o.span.start, c.start, c.end)
            .iter()
            .any(|o| o.term.health_kind() == Some(Kind::BodyArea) && o.span.end <= c.end)
}

pub(crate) fn detect(scan: &Scan<'_>, health: &[Hit], out: &mut Vec<Candidate>) {
    let text = scan.text;
    let inbound = scan.setup.direction == Direction::Inbound;
    let mut treatments = scan.scratch.spans.take();
    treatments.extend(
        health
            .iter()
            .filter(|h| h.term.health_kind() == Some(Kind::Treatment))
            .map(|h| h.span),
    );
    let mut symptoms: Vec<Span> = Vec::new();
    // Body areas last: one counts when a kept symptom shares its clause ("swelling in the lips").
    let ordered = health
        .iter()
        .filter(|h| h.term.health_kind() != Some(Kind::BodyArea))
        .chain(
            health
                .iter()
                .filter(|h| h.term.health_kind() == Some(Kind::BodyArea)),
        );
    for h in ordered {
        let Some(kind) = h.term.health_kind() else {
            continue;
        };
        let s = scan.index.sentence(h.span);
        let c = scan.index.clause(h.span);
        let has = |range, classes| scan.index.has(range, classes);
        // A client writing is talking about themself; staff tie a detail with "your", "you".
        // Closures: treatments and body areas never ask, and each test walks the words.
        let first = || inbound || has(s, class::FIRST_PERSON);
        let second = || has(c, class::SECOND_PERSON);
        let owned = possessed(text, h.span);
        let keep = match kind {
            Kind::Treatment => {
                let word = &text[h.span.start..h.span.end];
                let verb = word.eq_ignore_ascii_case("peel")
                    && word_before(text, h.span.start, "")
                        .is_some_and(|w| word_in(text, w, &MODALS));
                !verb
            }
            Kind::Condition => {
                (first() || second() || owned)
                    && !conditional(scan, h.span)
                    && !negated(text, h.span)
            }
            Kind::Medication => {
                let advice = scan.setup.direction == Direction::Outbound
                    && has(c, class::ADVICE)
                    && !has(c, class::AVOID)
                    && !scan.cue_in_sentence(h.span, |q| q == Cue::PreTreatment);
                (owned || first() || advice || second() && !has(c, class::AVOID))
                    && !conditional(scan, h.span)
                    && !negated(text, h.span)
            }
            Kind::BodyArea => {
                let near_treatment = super::starting_in(&treatments, |t| t.start, c.start, c.end)
                    .iter()
                    .any(|t| {
                        let gap = if t.end <= h.span.start {
                            Span::new(t.end, h.span.start)
                        } else {
                            Span::new(h.span.end, t.start)
                        };
                        t != &h.span
                            && gap.start <= gap.end
                            && c.start <= gap.start
                            && gap.end <= c.end
                            && scan.index.count(gap) <= 3
                    });
                let with_symptom = super::starting_in(&symptoms, |y| y.start, c.start, c.end)
                    .iter()
                    .any(|y| y.end <= c.end);
                owned || near_treatment || with_symptom || has(c, class::FIRST_PERSON)
            }
            Kind::Symptom => {
                let red = level(h) == Level::RedFlag;
                let generic = has(c, class::GENERIC) || scan.cue_in(c, |q| q == Cue::Reassurance);
                let worry = scan.cue_in(s, |q| q == Cue::Worry);
                let tied = first()
                    || owned
                    || (red && !generic)
                    || (second() && worry)
                    || (second() && !generic && level(h) != Level::Mild);
                tied && !negated(text, h.span)
                    && !conditional(scan, h.span)
                    && loose_applies(scan, health, h)
            }
            _ => false,
        };
        if keep {
            if kind == Kind::Symptom {
                symptoms.push(h.span);
            }
            let mut cand = Candidate::new(h.span, kind, strength::HEALTH);
            // Addressed: the detail is the reader's own ("your Botox", "my lips"); a name in the
            // same sentence also counts, which the pipeline adds.
            cand.addressed = owned || has(c, class::FIRST_PERSON) || inbound;
            cand.promotional = scan.cue_in(s, |q| q == Cue::Promo);
            out.push(cand);
        }
    }
    scan.scratch.spans.put(treatments);
}
