//! The lexicon: every term, cue phrase, date word, greeting and name from `data/`, compiled into
//! ONE trie ([`crate::trie`]), so the text is searched in one pass whatever the lexicon size:
//! the trie is walked from each word start (and each symbol) until no pattern continues.
//!
//! The trie is built once per process ([`OnceLock`]) from data compiled into the binary.
//! Matching is ASCII-case-insensitive (the trie's byte classes) over accent-folded text
//! ([`Folded`]); a match counts only at word boundaries, and a health term may take a plural
//! `s`/`es`.

use crate::kind::Kind;
use crate::text::{char_at, fold, is_ascii_word_byte, is_word_char, FoldBuffers, Folded};
use crate::trie::Trie;
use medspa_spans::Span;
use std::collections::HashMap;
use std::sync::OnceLock;

/// How much a symptom says on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Level {
    /// Expected after treatment (swelling, bruising).
    Mild,
    /// Worth a question (pain, lumps); also every non-symptom health term.
    Other,
    /// Urgent after filler, neurotoxin or laser (blanching, vision changes, blistering).
    RedFlag,
}

/// Phrases that announce a value or change how nearby findings are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cue {
    Dob,
    Ssn,
    Mrn,
    Insurance,
    Account,
    License,
    ProviderId,
    Vehicle,
    Device,
    Biometric,
    OtherId,
    Fax,
    Zip,
    NotPhi,
    Partial,
    ClinicContact,
    ThirdParty,
    Closure,
    Promo,
    Reassurance,
    Instruction,
    Question,
    Worry,
    Dosing,
    PreTreatment,
}

/// What one lexicon entry means. `loose` entries (marked `~` in the data) need extra evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Term {
    Health {
        kind: Kind,
        level: Level,
        loose: bool,
    },
    Cue(Cue),
    Month {
        month: u8,
        loose: bool,
    },
    Weekday {
        loose: bool,
    },
    Salutation,
    Closing,
    Title,
    ProviderTitle,
    Street {
        loose: bool,
    },
    PoBox,
    FirstName {
        loose: bool,
    },
    Surname {
        loose: bool,
    },
}

impl Term {
    pub(crate) fn health_kind(self) -> Option<Kind> {
        match self {
            Term::Health { kind, .. } => Some(kind),
            _ => None,
        }
    }
}

/// One match in the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub span: Span,
    pub term: Term,
}

/// A compiled set of terms.
pub(crate) struct Lexicon {
    automaton: Trie,
    /// The bytes some pattern starts with: a walk starts only there.
    starts: [bool; 256],
    /// What each pattern means, and how it must end.
    patterns: Vec<Pattern>,
    /// The meanings of all patterns, each pattern's in one run (one spelling can mean several
    /// things: "es normal").
    terms: Vec<Term>,
    /// Number of distinct spellings, for reporting.
    pub(crate) pattern_count: usize,
}

/// A pattern's entry: read for every match, so it is small and holds everything `accept` needs.
#[derive(Clone, Copy)]
struct Pattern {
    /// Its meanings: `terms[first..first + count]`.
    first: u32,
    count: u32,
    /// It ends with a word char, so a word must end where it does.
    word_edge: bool,
    /// One of its meanings is a health term, which may take a plural.
    health: bool,
}

/// Source files: (text, how a section name maps to a term).
type SectionMap = fn(&str, bool) -> Option<Term>;

const SOURCES: &[(&str, SectionMap)] = &[
    (include_str!("../data/lexicon/en/treatments.txt"), |_, _| {
        Some(health(Kind::Treatment, Level::Other))
    }),
    (include_str!("../data/lexicon/es/treatments.txt"), |_, _| {
        Some(health(Kind::Treatment, Level::Other))
    }),
    (include_str!("../data/lexicon/en/conditions.txt"), |_, _| {
        Some(health(Kind::Condition, Level::Other))
    }),
    (include_str!("../data/lexicon/es/conditions.txt"), |_, _| {
        Some(health(Kind::Condition, Level::Other))
    }),
    (
        include_str!("../data/lexicon/en/medications.txt"),
        |_, _| Some(health(Kind::Medication, Level::Other)),
    ),
    (
        include_str!("../data/lexicon/es/medications.txt"),
        |_, _| Some(health(Kind::Medication, Level::Other)),
    ),
    (include_str!("../data/lexicon/en/body_areas.txt"), |_, _| {
        Some(health(Kind::BodyArea, Level::Other))
    }),
    (include_str!("../data/lexicon/es/body_areas.txt"), |_, _| {
        Some(health(Kind::BodyArea, Level::Other))
    }),
    (
        include_str!("../data/lexicon/en/symptoms.txt"),
        symptom_section,
    ),
    (
        include_str!("../data/lexicon/es/symptoms.txt"),
        symptom_section,
    ),
    (include_str!("../data/cues/en.txt"), cue_section),
    (include_str!("../data/cues/es.txt"), cue_section),
    (include_str!("../data/words.txt"), word_section),
    (include_str!("../data/names/first.txt"), |_, loose| {
        Some(Term::FirstName { loose })
    }),
    (include_str!("../data/names/surnames.txt"), |_, loose| {
        Some(Term::Surname { loose })
    }),
];

/// Bytes of lexicon data compiled into the binary.
pub fn data_bytes() -> usize {
    SOURCES.iter().map(|(text, _)| text.len()).sum()
}

const fn health(kind: Kind, level: Level) -> Term {
    Term::Health {
        kind,
        level,
        loose: false,
    }
}

fn symptom_section(section: &str, loose: bool) -> Option<Term> {
    let level = match section {
        "mild" => Level::Mild,
        "red-flag" => Level::RedFlag,
        _ => Level::Other,
    };
    Some(Term::Health {
        kind: Kind::Symptom,
        level,
        loose,
    })
}

fn cue_section(section: &str, _: bool) -> Option<Term> {
    let cue = match section {
        "dob" => Cue::Dob,
        "ssn" => Cue::Ssn,
        "mrn" => Cue::Mrn,
        "insurance" => Cue::Insurance,
        "account" => Cue::Account,
        "license" => Cue::License,
        "provider-id" => Cue::ProviderId,
        "vehicle" => Cue::Vehicle,
        "device" => Cue::Device,
        "biometric" => Cue::Biometric,
        "other-id" => Cue::OtherId,
        "fax" => Cue::Fax,
        "zip" => Cue::Zip,
        "not-phi" => Cue::NotPhi,
        "partial" => Cue::Partial,
        "clinic-contact" => Cue::ClinicContact,
        "third-party" => Cue::ThirdParty,
        "closure" => Cue::Closure,
        "promo" => Cue::Promo,
        "reassurance" => Cue::Reassurance,
        "instruction" => Cue::Instruction,
        "question" => Cue::Question,
        "worry" => Cue::Worry,
        "dosing" => Cue::Dosing,
        "pre-treatment" => Cue::PreTreatment,
        _ => return None,
    };
    Some(Term::Cue(cue))
}

fn word_section(section: &str, loose: bool) -> Option<Term> {
    if let Some(m) = section.strip_prefix("month-") {
        return m.parse().ok().map(|month| Term::Month { month, loose });
    }
    Some(match section {
        "weekday" => Term::Weekday { loose },
        "salutation" => Term::Salutation,
        "closing" => Term::Closing,
        "title" => Term::Title,
        "provider-title" => Term::ProviderTitle,
        "street" => Term::Street { loose },
        "po-box" => Term::PoBox,
        _ => return None,
    })
}

/// Spellings generated from one data entry: as written, and with hyphens and spaces swapped
/// (micro-needling / micro needling / under eye / under-eye).
fn spellings(term: &str) -> Vec<String> {
    let mut out = vec![term.to_string()];
    for variant in [
        term.replace('-', " "),
        term.replace(' ', "-"),
        term.replace('-', ""),
    ] {
        if !out.contains(&variant) {
            out.push(variant);
        }
    }
    out
}

/// The distinct folded spellings of `entries`, each with its meanings.
fn patterns(entries: impl IntoIterator<Item = (String, Term)>) -> (Vec<String>, Vec<Vec<Term>>) {
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut patterns: Vec<String> = Vec::new();
    let mut meanings: Vec<Vec<Term>> = Vec::new();
    for (spelling, term) in entries {
        for folded in spellings(&fold(spelling.trim())) {
            debug_assert!(
                !folded.bytes().any(|b| b.is_ascii_uppercase()),
                "patterns are lowercase (`fold`)"
            );
            if folded.is_empty() {
                continue;
            }
            let id = *index.entry(folded.clone()).or_insert_with(|| {
                patterns.push(folded);
                meanings.push(Vec::new());
                patterns.len() - 1
            });
            if !meanings[id].contains(&term) {
                meanings[id].push(term);
            }
        }
    }
    (patterns, meanings)
}

impl Lexicon {
    /// Compiles `(spelling, meaning)` entries.
    pub(crate) fn build(entries: impl IntoIterator<Item = (String, Term)>) -> Lexicon {
        let (spellings, meanings) = patterns(entries);
        let mut terms = Vec::new();
        let patterns = spellings
            .iter()
            .zip(&meanings)
            .map(|(spelling, meanings)| {
                let first = u32::try_from(terms.len()).unwrap_or(u32::MAX);
                terms.extend_from_slice(meanings);
                Pattern {
                    first,
                    count: u32::try_from(meanings.len()).unwrap_or(0),
                    word_edge: spelling.chars().next_back().is_some_and(is_word_char),
                    health: meanings.iter().any(|t| t.health_kind().is_some()),
                }
            })
            .collect();
        // A walk reports every pattern along it, so one pass serves all rules: "laser", "laser
        // hair removal" and "hair" all come back and each rule picks what it needs.
        // The trie ignores ASCII case; the patterns are lowercase already (`fold`).
        let automaton = Trie::new(&spellings);
        let mut starts = [false; 256];
        for (b, start) in starts.iter_mut().enumerate() {
            *start = u8::try_from(b).is_ok_and(|b| automaton.starts_with(b));
        }
        Lexicon {
            automaton,
            starts,
            pattern_count: spellings.len(),
            patterns,
            terms,
        }
    }

    /// Appends every whole-word match in `folded` to `out`, in original-text offsets.
    ///
    /// A pattern that starts with a word char counts only at a word start, and one that starts
    /// with another char (a symbol) starts on it: so the trie is walked from those positions
    /// only, anchored, until no pattern continues (most walks die within a few bytes). This
    /// finds exactly what an unanchored overlapping search of every position followed by the
    /// word-start test finds (a property test compares them), and needs no failure links.
    pub(crate) fn scan(&self, folded: &Folded<'_>, out: &mut Vec<Hit>) {
        let haystack = folded.as_str();
        let bytes = haystack.as_bytes();
        let mut at = 0;
        while let Some(&b) = bytes.get(at) {
            if b.is_ascii() {
                if self.starts[usize::from(b)] {
                    self.walk(folded, at, out);
                }
                at += 1;
                if is_ascii_word_byte(b) {
                    // No walk starts inside a word.
                    at = rest_of_word(haystack, at);
                }
                continue;
            }
            let (width, word_char) =
                char_at(haystack, at).map_or((1, false), |c| (c.len_utf8(), is_word_char(c)));
            if self.starts[usize::from(b)] {
                self.walk(folded, at, out);
            }
            at += width;
            if word_char {
                // The rest of a word that starts with a non-ASCII letter.
                while let Some(c) = char_at(haystack, at).filter(|c| is_word_char(*c)) {
                    at += c.len_utf8();
                }
            }
        }
    }

    /// [`Self::scan`] for an ASCII text whose walk starts are known: `positions` (ascending)
    /// must hold every position `scan` visits whose byte starts some pattern (every word-run
    /// start and every other byte; [`crate::index::TextIndex`] records them as it splits the
    /// words). One pass over the text then serves both: the scan's own walk over every word was
    /// a tenth of an SMS's time.
    pub(crate) fn scan_at(&self, folded: &Folded<'_>, positions: &[u32], out: &mut Vec<Hit>) {
        let bytes = folded.as_str().as_bytes();
        for &at in positions {
            let at = at as usize;
            if bytes.get(at).is_some_and(|&b| self.starts[usize::from(b)]) {
                self.walk(folded, at, out);
            }
        }
    }

    /// The bytes some pattern of this lexicon starts with.
    pub(crate) fn starts(&self) -> &[bool; 256] {
        &self.starts
    }

    /// The matches that start at `from`, longer first (the order [`hits_into`] promises; the
    /// trie finds them shorter first), each pattern's meanings in their order.
    #[inline(always)]
    fn walk(&self, folded: &Folded<'_>, from: usize, out: &mut Vec<Hit>) {
        let bytes = &folded.as_str().as_bytes()[from..];
        let before = out.len();
        self.automaton.walk(bytes, |len, id| {
            self.accept(folded, from, from + len, id, out)
        });
        // An insertion sort, stable (equal spans keep the order they were found in): a walk
        // finds one or two patterns, where a general sort's setup cost more than the sorting.
        let found = out.get_mut(before..).unwrap_or_default();
        for i in 1..found.len() {
            let mut j = i;
            while j > 0 && found[j - 1].span.end < found[j].span.end {
                found.swap(j - 1, j);
                j -= 1;
            }
        }
    }

    /// Records pattern `id` matched at `[start, end)` if it ends a word (a health term may
    /// take a plural).
    // Out of line: walks run often and match rarely, and inlined this crowded the walk's loop
    // out of registers.
    #[inline(never)]
    fn accept(&self, folded: &Folded<'_>, start: usize, end: usize, id: usize, out: &mut Vec<Hit>) {
        let haystack = folded.as_str();
        let Some(&pattern) = self.patterns.get(id) else {
            return;
        };
        let mut end = end;
        if pattern.word_edge && word_goes_on(haystack, end) {
            // A plural counts for health terms only ("fillers", "peels", "ampollas").
            match plural_end(haystack, end) {
                Some(e) if pattern.health => end = e,
                _ => return,
            }
        }
        let first = pattern.first as usize;
        let terms = self
            .terms
            .get(first..first + pattern.count as usize)
            .unwrap_or_default();
        let span = Span::new(folded.original_offset(start), folded.original_offset(end));
        out.extend(terms.iter().map(|&term| Hit { span, term }));
    }
}

/// The end of the word whose ASCII letters and digits go on at `at`: a word going on in
/// non-ASCII letters ("jalapeño") is still one word.
fn rest_of_word(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        while bytes.get(at).is_some_and(|&b| is_ascii_word_byte(b)) {
            at += 1;
        }
        match bytes.get(at) {
            Some(b) if !b.is_ascii() => match char_at(text, at) {
                Some(c) if is_word_char(c) => at += c.len_utf8(),
                _ => return at,
            },
            _ => return at,
        }
    }
}

/// Whether a word char follows `at` (a byte test for ASCII, where most matches end).
fn word_goes_on(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        Some(b) if b.is_ascii() => is_ascii_word_byte(*b),
        Some(_) => char_at(text, at).is_some_and(is_word_char),
        None => false,
    }
}

/// The end of a plural suffix `s` or `es` at `end`, if one is there and ends the word.
fn plural_end(text: &str, end: usize) -> Option<usize> {
    let rest = &text.as_bytes()[end..];
    let suffix = if rest.len() >= 2 && rest[..2].eq_ignore_ascii_case(b"es") {
        2
    } else if rest.first().is_some_and(|b| b.eq_ignore_ascii_case(&b's')) {
        1
    } else {
        return None;
    };
    (!char_at(text, end + suffix).is_some_and(is_word_char)).then_some(end + suffix)
}

/// Entries of the built-in data files.
fn builtin_entries() -> impl Iterator<Item = (String, Term)> {
    SOURCES.iter().flat_map(|&(text, map)| {
        let mut section = String::new();
        text.lines().filter_map(move |line| {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                return None;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = name.to_string();
                return None;
            }
            let (loose, word) = match line.strip_prefix('~') {
                Some(w) => (true, w),
                None => (false, line),
            };
            map(&section, loose).map(|term| (word.to_string(), term))
        })
    })
}

/// The bytes a pattern of the built-in lexicon or of `extra` starts with: where
/// [`crate::index::TextIndex`] records walk starts for [`hits_into`].
pub(crate) fn walk_filter(extra: Option<&Lexicon>) -> [bool; 256] {
    let mut filter = *builtin().starts();
    if let Some(extra) = extra {
        for (f, &e) in filter.iter_mut().zip(extra.starts()) {
            *f |= e;
        }
    }
    filter
}

/// The built-in lexicon, compiled on first use.
pub(crate) fn builtin() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::build(builtin_entries()))
}

/// Number of distinct spellings in the built-in automaton.
pub fn pattern_count() -> usize {
    builtin().pattern_count
}

/// Heap bytes used by the built-in automaton once built (it is built on first use).
pub fn automaton_bytes() -> usize {
    builtin().automaton.memory_usage()
}

/// All hits of the built-in lexicon (and of `extra`, if any) in `text`, sorted by start, longer
/// first at equal starts; equal spans in the order found (built-in first, then each pattern's
/// meanings in order).
#[cfg(test)]
pub(crate) fn hits(text: &str, extra: Option<&Lexicon>) -> Vec<Hit> {
    let mut out = Vec::new();
    hits_into(text, extra, None, &mut out, &mut FoldBuffers::default());
    out
}

/// [`hits`] into `out` (cleared first), with `buffers` reused for the folded text.
///
/// `walk_starts` are the positions [`Lexicon::scan_at`] needs, recorded for the union of both
/// lexicons' start bytes ([`walk_filter`]); they serve an ASCII text only (a non-ASCII one is
/// folded first), and without them the text is scanned.
pub(crate) fn hits_into(
    text: &str,
    extra: Option<&Lexicon>,
    walk_starts: Option<&[u32]>,
    out: &mut Vec<Hit>,
    buffers: &mut FoldBuffers,
) {
    let folded = Folded::new_in(text, std::mem::take(buffers));
    out.clear();
    out.reserve(text.len() / 16 + 4);
    let starts = walk_starts.filter(|_| !folded.is_folded());
    let scan = |lexicon: &Lexicon, out: &mut Vec<Hit>| match starts {
        Some(positions) => lexicon.scan_at(&folded, positions, out),
        None => lexicon.scan(&folded, out),
    };
    // One scan finds hits in order already.
    scan(builtin(), out);
    if let Some(extra) = extra {
        scan(extra, out);
        // Two sorted runs: a stable sort merges them.
        out.sort_by(|a, b| {
            a.span
                .start
                .cmp(&b.span.start)
                .then(b.span.end.cmp(&a.span.end))
        });
    }
    *buffers = folded.into_buffers();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&str, Term)> {
        hits(text, None)
            .into_iter()
            .map(|h| (&text[h.span.start..h.span.end], h.term))
            .collect()
    }

    /// What the lexicon found before anchored walks: an unanchored overlapping search of every
    /// position (by the `aho-corasick` crate, which the lexicon used before), keeping matches
    /// that start a word (or start with a symbol).
    fn unanchored_hits(text: &str) -> Vec<Hit> {
        use aho_corasick::MatchKind;
        static SEARCH: OnceLock<(Vec<String>, aho_corasick::AhoCorasick)> = OnceLock::new();
        let (patterns, search) = SEARCH.get_or_init(|| {
            let (patterns, _) = patterns(builtin_entries());
            let search = aho_corasick::AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .ascii_case_insensitive(true)
                .build(&patterns)
                .unwrap();
            (patterns, search)
        });
        let folded = Folded::new(text);
        let haystack = folded.as_str();
        let mut out = Vec::new();
        for m in search.find_overlapping_iter(haystack) {
            let starts_word = patterns[m.pattern().as_usize()]
                .chars()
                .next()
                .is_some_and(is_word_char);
            let after_word =
                crate::text::char_before(haystack, m.start()).is_some_and(is_word_char);
            if !(starts_word && after_word) {
                builtin().accept(
                    &folded,
                    m.start(),
                    m.end(),
                    m.pattern().as_usize(),
                    &mut out,
                );
            }
        }
        out
    }

    fn sorted(mut hits: Vec<Hit>) -> Vec<(usize, usize, String)> {
        let mut keyed: Vec<_> = hits
            .drain(..)
            .map(|h| (h.span.start, h.span.end, format!("{:?}", h.term)))
            .collect();
        keyed.sort();
        keyed
    }

    use proptest::strategy::Strategy;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]
        /// Walking from word starts finds exactly what searching every position finds, on
        /// texts made of lexicon terms, their pieces and plurals, accents, digits, symbols and
        /// other scripts.
        #[test]
        fn anchored_walks_find_what_a_full_search_finds(
            pieces in proptest::collection::vec(
                proptest::prop_oneof![
                    4 => proptest::sample::select(vec![
                        "Botox", "botox", "fillers", "lip filler", "laser hair removal", "hair",
                        "DOB", "date of birth", "SSN", "call us at", "Dr.", "Mrs.", "María",
                        "ácido hialurónico", "hialurónico", "peel", "peels", "peeles",
                        "blanching", "vision changes", "severe pain", "es normal", "normal",
                        "Thursday", "June", "Jun", "ending in", "gift card", "ZIP code",
                        "semaglutide", "Ozempic®", "CO2", "IPL", "#", "%", "$", "@", "&",
                    ]).prop_map(str::to_owned),
                    3 => "[a-zA-Z]{1,8}",
                    2 => proptest::sample::select(vec![
                        " ", " ", ", ", ". ", "\n", "-", "'", "s", "es", "é", "ñ", "\u{301}",
                        "日本", "1", "42", "’", "—", "x",
                    ]).prop_map(str::to_owned),
                ],
                0..24,
            )
        ) {
            let text: String = pieces.concat();
            proptest::prop_assert_eq!(sorted(hits(&text, None)), sorted(unanchored_hits(&text)), "{:?}", text);
        }

        /// The walk starts the text index records serve `scan_at` as well as the scan serves
        /// itself: the same hits in the same order, on ASCII texts of terms, joiners, digits and
        /// symbols, with and without an extra lexicon (whose start bytes the filter adds).
        #[test]
        fn recorded_walk_starts_find_what_the_scan_finds(
            pieces in proptest::collection::vec(
                proptest::prop_oneof![
                    4 => proptest::sample::select(vec![
                        "Botox", "touch-up", "fillers", "lip filler", "laser hair removal",
                        "DOB", "call us at", "Dr.", "it's", "x-ray", "co-pay", "Thursday",
                        "ending in", "50% off", "$20/unit", "#", "%", "/", "@", "&", "zq-kelp",
                    ]).prop_map(str::to_owned),
                    3 => "[a-zA-Z]{1,8}",
                    2 => proptest::sample::select(vec![
                        " ", ", ", ". ", "\n", "-", "'", "--", "s", "es", "1", "42", "(", ")", "x",
                    ]).prop_map(str::to_owned),
                ],
                0..24,
            ),
            with_extra in proptest::prelude::any::<bool>(),
        ) {
            let text: String = pieces.concat();
            let extra = with_extra.then(|| Lexicon::build([
                ("kelp".to_string(), health(Kind::Treatment, Level::Other)),
                ("/zq".to_string(), health(Kind::Treatment, Level::Other)),
                ("-kelp".to_string(), health(Kind::Treatment, Level::Other)),
            ]));
            let filter = walk_filter(extra.as_ref());
            let index = crate::index::TextIndex::new_in(&text, Default::default(), &filter);
            let mut recorded = Vec::new();
            hits_into(&text, extra.as_ref(), Some(index.walk_starts()), &mut recorded, &mut FoldBuffers::default());
            let scanned = hits_into_scanned(&text, extra.as_ref());
            let key = |hits: &[Hit]| hits.iter().map(|h| (h.span, format!("{:?}", h.term))).collect::<Vec<_>>();
            proptest::prop_assert_eq!(key(&recorded), key(&scanned), "{:?}", text);
        }
    }

    fn hits_into_scanned(text: &str, extra: Option<&Lexicon>) -> Vec<Hit> {
        let mut out = Vec::new();
        hits_into(text, extra, None, &mut out, &mut FoldBuffers::default());
        out
    }

    #[test]
    #[ignore = "manual measurement aid"]
    fn sizes() {
        let start = std::time::Instant::now();
        let lexicon = Lexicon::build(builtin_entries());
        eprintln!(
            "data {} bytes, {} patterns, automaton {} bytes, built in {:?}",
            data_bytes(),
            lexicon.pattern_count,
            lexicon.automaton.memory_usage(),
            start.elapsed()
        );
    }

    #[test]
    fn every_section_name_is_known() {
        for (text, map) in SOURCES {
            for line in text.lines() {
                if let Some(name) = line
                    .trim()
                    .strip_prefix('[')
                    .and_then(|l| l.strip_suffix(']'))
                {
                    assert!(map(name, false).is_some(), "unknown section {name}");
                }
            }
        }
    }

    #[test]
    fn matches_whole_words_ignoring_case_accents_and_plurals() {
        let got = kinds("My LIP FILLERS and hinchazon, not botoxx");
        let treatment = health(Kind::Treatment, Level::Other);
        assert!(got.contains(&("LIP FILLERS", treatment)));
        assert!(got.contains(&("hinchazon", health(Kind::Symptom, Level::Mild))));
        assert!(!got.iter().any(|(s, _)| s.contains("botox")));
    }

    #[test]
    fn accented_text_maps_back() {
        let text = "Tengo HINCHAZÓN y ampollas 🙂";
        let got = kinds(text);
        assert!(got.iter().any(|(s, _)| *s == "HINCHAZÓN"));
        assert!(got
            .iter()
            .any(|(s, t)| *s == "ampollas" && *t == health(Kind::Symptom, Level::RedFlag)));
    }

    #[test]
    fn spelling_variants() {
        assert!(kinds("micro needling")
            .iter()
            .any(|(s, _)| *s == "micro needling"));
        assert!(kinds("Morpheus-8 tomorrow")
            .iter()
            .any(|(s, _)| *s == "Morpheus-8"));
        assert!(kinds("under eye filler")
            .iter()
            .any(|(s, _)| *s == "under eye filler"));
    }
}
