//! Names without a statistical model: the recipient's own names from the context (however they
//! are written: case, accents, initials, possessives), names after a greeting ("Hi Maria",
//! "Hola Sra. García") or a title ("Mrs. Okafor"), and capitalized words from a compact list of
//! first names. The span covers the name tokens, not the honorific.
//!
//! Staff and providers are not client PHI: staff names from the context, names after a provider
//! title ("Dr. Patel", "Nurse Kim"), and on outbound messages the sender's own sign-off
//! ("Thanks, Ashley", "this is Ashley from Glow") become exclusions.

use super::{strength, Candidate, Scan};
use crate::kind::Kind;
use crate::lexicon::Term;
use crate::options::Direction;
use crate::text::{
    char_at, fold_eq, is_all_caps, is_apostrophe, is_capitalized, word_after, word_before, word_in,
    WordSet,
};
use medspa_spans::Span;

/// Words that follow a greeting but are not names.
const NOT_NAMES: WordSet = WordSet::new(&[
    "there",
    "all",
    "everyone",
    "everybody",
    "team",
    "friend",
    "friends",
    "client",
    "clients",
    "guest",
    "guests",
    "valued",
    "beautiful",
    "gorgeous",
    "lovely",
    "ladies",
    "folks",
    "love",
    "dear",
    "sweetie",
    "hun",
    "hon",
    "babe",
    "again",
    "yall",
    "you",
    "todos",
    "todas",
    "amiga",
    "amigo",
    "amigas",
    "cliente",
    "clientes",
    "equipo",
    "bella",
    "hermosa",
    "doctor",
    "gang",
    "beauties",
    "neighbor",
    "mom",
    "sir",
    "madam",
    "this",
    "just",
    "quick",
    "reminder",
    "from",
    "it",
    "we",
    "i",
    "our",
    "your",
    "thanks",
    "thank",
    "happy",
    "good",
    "glow",
    "patient",
    "patients",
    "member",
    "members",
    "vip",
    "and",
    "the",
    "a",
    "to",
    "buenos",
    "buenas",
]);

/// Words between name tokens that belong to the name ("María de la Cruz").
const PARTICLES: WordSet = WordSet::new(&["de", "del", "la", "van", "von", "da", "di", "dos", "y"]);

/// Words before a name that make it the sender's or a provider's on outbound messages.
const STAFF_LEAD_INS: WordSet = WordSet::new(&["with", "by", "con"]);

pub(crate) fn detect(scan: &Scan<'_>, out: &mut Vec<Candidate>, exclusions: &mut Vec<Span>) {
    let text = scan.text;
    let outbound = scan.setup.direction == Direction::Outbound;
    let mut names = scan.scratch.names.take();
    // Staff and provider names are exclusions: not client PHI.
    let staff = exclusions;

    for (i, hit) in scan.hits.iter().enumerate() {
        match hit.term {
            Term::Salutation => {
                let mut at = hit.span.end;
                let mut title = false;
                // "Hi Mrs. Okafor", "Dear Dr. Alvarez": a title between greeting and name.
                if let Some(t) = scan.hits[i + 1..]
                    .iter()
                    .take_while(|h| h.span.start <= at + 2)
                    .find(|h| {
                        matches!(h.term, Term::Title | Term::ProviderTitle) && h.span.start > at
                    })
                {
                    at = t.span.end + usize::from(text[t.span.end..].starts_with('.'));
                    title = true;
                }
                let gap = &text[at..];
                let skipped = gap.len() - gap.trim_start_matches([' ', ',']).len();
                if skipped == 0 || skipped > 2 {
                    continue;
                }
                if let Some(run) = name_run(scan, at + skipped, title) {
                    names.push((run, strength::CUED));
                }
            }
            Term::Title | Term::ProviderTitle => {
                let provider = hit.term == Term::ProviderTitle;
                let word = &text[hit.span.start..hit.span.end];
                let dotted = text[hit.span.end..].starts_with('.');
                // "dr" and "ms" as titles are written "Dr"/"Dr."; "nurse"/"provider" may be lowercase.
                if word.len() <= 4 && !is_capitalized(word) && !dotted {
                    continue;
                }
                let at = hit.span.end + usize::from(dotted);
                if !text[at..].starts_with(' ') {
                    continue;
                }
                let Some(run) = name_run(scan, at + 1, true) else {
                    continue;
                };
                let greeted = word_before(text, hit.span.start, ",").is_some_and(|w| {
                    scan.hits_starting_in(w.start, w.end)
                        .iter()
                        .any(|h| h.term == Term::Salutation)
                }) || scan.hits[..i]
                    .iter()
                    .rev()
                    .take_while(|h| h.span.end + 3 >= hit.span.start)
                    .any(|h| h.term == Term::Salutation);
                if greeted {
                    continue; // handled with the greeting
                }
                if provider {
                    staff.push(run);
                } else {
                    names.push((run, strength::CUED));
                }
            }
            Term::FirstName { loose } => {
                let word = &text[hit.span.start..hit.span.end];
                if !(is_capitalized(word) || is_all_caps(word) && word.len() > 2) {
                    continue;
                }
                let Some(run) = name_run(scan, hit.span.start, true) else {
                    continue;
                };
                let multi = run.end > hit.span.end + 1;
                if loose && !multi {
                    continue;
                }
                names.push((run, strength::NAME));
            }
            _ => {}
        }
    }

    // The recipient's own names, however written.
    if !scan.setup.recipient_names.is_empty() {
        for w in scan.index.all_words() {
            if !may_start(scan.setup.recipient_initials, &text[w.start..w.end]) {
                continue;
            }
            let bare = strip_possessive(text, w);
            let word = &text[bare.start..bare.end];
            if !scan.setup.recipient_names.iter().any(|p| fold_eq(word, p)) {
                continue;
            }
            // A lowercase match must not be an ordinary word that happens to be the name.
            let common = scan
                .hits_starting_in(bare.start, bare.start + 1)
                .iter()
                .any(|h| {
                    h.span == bare
                        && !matches!(
                            h.term,
                            Term::FirstName { loose: false } | Term::Surname { loose: false }
                        )
                });
            if common && !is_capitalized(word) {
                continue;
            }
            let mut span = bare;
            // An initial before: "M. García".
            if let Some(init) = initial_before(text, span.start) {
                span.start = init;
            }
            names.push((span, strength::CONTEXT));
        }
    }

    // Staff named in the context.
    if !scan.setup.staff_names.is_empty() {
        for w in scan.index.all_words() {
            // Most words are lowercase: test that before anything else, on the first byte of
            // an ASCII word (stripping a possessive keeps the first letter, so the answer is
            // the same).
            if text
                .as_bytes()
                .get(w.start)
                .is_some_and(|b| b.is_ascii() && !b.is_ascii_uppercase())
            {
                continue;
            }
            let word = w.slice(text).unwrap_or_default();
            if !is_capitalized(word) || !may_start(scan.setup.staff_initials, word) {
                continue;
            }
            let bare = strip_possessive(text, w);
            let word = &text[bare.start..bare.end];
            if scan.setup.staff_names.iter().any(|p| fold_eq(word, p))
                && !scan.setup.recipient_names.iter().any(|p| fold_eq(word, p))
            {
                staff.push(bare);
            }
        }
    }

    merge_runs(text, &mut names);
    for &(span, strength) in &names {
        let context = strength == strength::CONTEXT;
        if !context && outbound && is_sender(scan, span) {
            staff.push(span);
            continue;
        }
        if !context
            && outbound
            && word_before(text, span.start, "").is_some_and(|w| word_in(text, w, &STAFF_LEAD_INS))
        {
            staff.push(span);
            continue;
        }
        out.push(Candidate::new(span, Kind::Name, strength));
    }
    scan.scratch.names.put(names);
}

/// Whether `word` may fold to one of the names whose [`crate::setup::initials`] are given: an
/// ASCII letter or digit folds to itself lowercased, so it must start one of them (see
/// [`fold_eq`]). Stripping a possessive keeps the first byte. The name rules ask this of every
/// word, before anything costlier.
fn may_start(initials: u64, word: &str) -> bool {
    match word.as_bytes().first() {
        Some(&b) if b.is_ascii_alphanumeric() => initials & crate::text::initial_bit(b) != 0,
        _ => true,
    }
}

/// A run of name tokens starting at `start`: capitalized words (or initials, or particles
/// between them), at most four, separated by single spaces. `first_needs_capital` is false only
/// for context matches.
fn name_run(scan: &Scan<'_>, start: usize, strict: bool) -> Option<Span> {
    let text = scan.text;
    let mut end = None;
    let mut at = start;
    let mut tokens = 0;
    while tokens < 4 {
        let c = char_at(text, at)?;
        if !c.is_alphabetic() {
            break;
        }
        let w = word_after(text, at, "")?;
        if w.start != at {
            break;
        }
        let bare = strip_possessive(text, w);
        let word = &text[bare.start..bare.end];
        let is_initial =
            word.chars().count() == 1 && c.is_uppercase() && text[bare.end..].starts_with('.');
        let particle = end.is_some() && word_in(text, bare, &PARTICLES);
        if is_initial {
            end = Some(bare.end + 1);
            at = bare.end + 1;
            if !text[at..].starts_with(' ') {
                break;
            }
            at += 1;
            tokens += 1;
            continue;
        }
        if particle {
            // Only if a capitalized word follows.
            let next = word_after(text, bare.end, "");
            if !next
                .is_some_and(|n| n.start == bare.end + 1 && is_capitalized(&text[n.start..n.end]))
            {
                break;
            }
            at = bare.end + 1;
            continue;
        }
        if !is_name_token(scan, bare, strict && end.is_none()) {
            break;
        }
        end = Some(bare.end);
        tokens += 1;
        if bare != w || !text[bare.end..].starts_with(' ') {
            break; // a possessive or punctuation ends the name
        }
        at = bare.end + 1;
    }
    end.map(|e| Span::new(start, e))
}

fn is_name_token(scan: &Scan<'_>, w: Span, _first: bool) -> bool {
    let text = scan.text;
    let word = &text[w.start..w.end];
    if !is_capitalized(word)
        || word_in(text, w, &NOT_NAMES)
        || word.chars().any(|c| c.is_ascii_digit())
    {
        return false;
    }
    if is_all_caps(word) && word.chars().count() <= 3 {
        return false; // IPL, BBL, PRP
    }
    // Lexicon words (Botox, Monday, Thanks) are not names, unless they are also names (June).
    let hits = scan.hits_starting_in(w.start, w.start + 1);
    let lexical = hits.iter().any(|h| {
        h.span.end > w.start
            && !matches!(
                h.term,
                Term::FirstName { .. } | Term::Surname { .. } | Term::Month { .. }
            )
    });
    let named = hits
        .iter()
        .any(|h| h.span == w && matches!(h.term, Term::FirstName { .. } | Term::Surname { .. }));
    !lexical || named
}

/// The word without a possessive `'s` / `’s`.
fn strip_possessive(text: &str, w: Span) -> Span {
    let word = &text[w.start..w.end];
    let mut chars = word.char_indices().rev();
    if let (Some((_, s)), Some((i, a))) = (chars.next(), chars.next()) {
        if (s == 's' || s == 'S') && is_apostrophe(a) && i > 0 {
            return Span::new(w.start, w.start + i);
        }
    }
    w
}

/// The start of an initial ("M. ") just before `pos`.
fn initial_before(text: &str, pos: usize) -> Option<usize> {
    let head = text[..pos].strip_suffix(". ")?;
    let c = head.chars().next_back()?;
    let start = head.len() - c.len_utf8();
    (c.is_uppercase() && !crate::text::char_before(text, start).is_some_and(char::is_alphanumeric))
        .then_some(start)
}

/// Merges adjacent name spans ("Maria" + "García" found separately), in place, keeping the
/// strongest.
fn merge_runs(text: &str, names: &mut Vec<(Span, u8)>) {
    names.sort_by_key(|(s, _)| (s.start, s.end));
    // `dedup_by` hands each span with the last one kept: merging into that one drops it.
    names.dedup_by(|&mut (span, strength), (last, kept_strength)| {
        let gap = text.get(last.end..span.start).unwrap_or("");
        let touching = span.start <= last.end
            || gap == " "
            || gap
                .strip_prefix(' ')
                .and_then(|g| g.strip_suffix(' '))
                .is_some_and(|word| PARTICLES.contains(word));
        if touching {
            last.end = last.end.max(span.end);
            *kept_strength = (*kept_strength).max(strength);
        }
        touching
    });
}

/// On an outbound message, whether the name is the sender's: after a closing ("Thanks,
/// Ashley"), after "this is"/"soy", before "from <clinic>", or alone after a dash at a line
/// start ("- Ashley").
fn is_sender(scan: &Scan<'_>, span: Span) -> bool {
    let text = scan.text;
    let before = text[..span.start].trim_end_matches([' ', ',', '\n', '\r']);
    // A closing signs off only at the end of the message or of a line ("Thanks, Ashley\n"); in
    // "Thanks, Maria! See you soon" the name is the reader's.
    let rest = &text[span.end..];
    let rest_of_line = crate::text::next_byte(rest.as_bytes(), 0, |b| b == b'\n')
        .map_or(rest, |newline| &rest[..newline]);
    let ends_line = rest_of_line
        .trim_matches([' ', '!', '.', ':', ')'])
        .is_empty();
    let after_closing = ends_line
        && scan
            .hits_starting_in(before.len().saturating_sub(32), before.len())
            .iter()
            .any(|h| h.term == Term::Closing && h.span.end == before.len());
    let introduced = [
        "this is",
        "it's",
        "it is",
        "my name is",
        "soy",
        "le saluda",
        "te saluda",
        "habla",
        "i'm",
        "i am",
    ]
    .iter()
    .any(|lead| ends_with_ci(before, lead));
    let dashed = before.ends_with(['-', '\u{2014}', '~']) && {
        let line = before.trim_end_matches(['-', '\u{2014}', '~', ' ']);
        line.is_empty() || line.ends_with('\n') || line.ends_with(['.', '!', '?'])
    };
    let from_clinic = ["from ", "at ", "@ ", "with ", "de ", "en "]
        .iter()
        .any(|p| {
            rest.strip_prefix([' ', ','])
                .map(|r| r.trim_start())
                .is_some_and(|r| {
                    r.len() > p.len()
                        && crate::text::starts_with_ci(r, p)
                        && is_capitalized(&r[p.len()..])
                })
        });
    after_closing || introduced || dashed || from_clinic
}

/// Whether `text` ends with `suffix` (lowercase ASCII), ignoring ASCII case.
fn ends_with_ci(text: &str, suffix: &str) -> bool {
    text.len()
        .checked_sub(suffix.len())
        .and_then(|at| text.as_bytes().get(at..))
        .is_some_and(|tail| tail.eq_ignore_ascii_case(suffix.as_bytes()))
}
