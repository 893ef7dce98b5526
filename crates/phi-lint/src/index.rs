//! A one-pass index of the text: every word with the function-word classes it belongs to
//! (first person, possessive, conditional…), and the sentence and clause breaks. Rules ask
//! "is there a first-person word in this sentence?" in O(log n) plus the words of the range,
//! instead of rescanning text.

use crate::text::{char_at, initial_bit, is_ascii_word_byte, is_word_char, word_end};
use medspa_spans::Span;
use std::cell::Cell;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Word classes, as bits.
pub(crate) mod class {
    pub const FIRST_PERSON: u32 = 1;
    pub const SECOND_PERSON: u32 = 1 << 1;
    pub const POSSESSIVE: u32 = 1 << 2;
    pub const GENERIC: u32 = 1 << 3;
    pub const CONDITIONAL: u32 = 1 << 4;
    pub const ADVICE: u32 = 1 << 5;
    pub const AVOID: u32 = 1 << 6;
    pub const DOSE_WORD: u32 = 1 << 7;
    pub const DOSING_VERB: u32 = 1 << 8;
}

/// The word lists behind each class (lowercase; accents kept, so Spanish "sí" is not "si").
const CLASSES: &[(u32, &[&str])] = &[
    (
        class::FIRST_PERSON,
        &[
            "i", "i'm", "im", "i've", "ive", "i'd", "i'll", "my", "me", "mine", "myself", "yo",
            "mi", "mis", "tengo", "estoy", "siento", "noto", "tuve", "tomo", "uso", "i’m", "i’ve",
        ],
    ),
    (
        class::SECOND_PERSON,
        &[
            "you", "you're", "youre", "you've", "you'll", "your", "yours", "yourself", "tu", "tus",
            "te", "su", "sus", "usted", "you’re", "you’ve", "she", "her", "he", "his", "ella",
            "él",
        ],
    ),
    (
        class::POSSESSIVE,
        &[
            "your", "my", "her", "his", "their", "su", "sus", "tu", "tus", "mi", "mis",
        ],
    ),
    (
        class::GENERIC,
        &[
            "may",
            "might",
            "can",
            "could",
            "normal",
            "expected",
            "common",
            "typical",
            "typically",
            "usually",
            "some",
            "mild",
            "slight",
            "minor",
            "avoid",
            "temporary",
            "puede",
            "pueden",
            "podría",
            "común",
            "leve",
            "ligera",
            "ligero",
            "evite",
            "evitar",
            "temporal",
            "often",
            "rare",
            "possible",
            "include",
            "includes",
        ],
    ),
    (class::CONDITIONAL, &["if", "unless", "si", "whether"]),
    (
        class::ADVICE,
        &[
            "take", "taking", "use", "apply", "try", "increase", "decrease", "double", "skip",
            "start", "continue", "inject", "titrate", "massage", "ice", "tome", "tomar", "toma",
            "usa", "aplique", "aplica", "aumente", "aumenta", "suba", "baje", "duplique",
            "inyecte", "masajee", "masajea", "go",
        ],
    ),
    (
        class::AVOID,
        &["avoid", "evite", "evitar", "stop", "don't", "dont"],
    ),
    (
        class::DOSE_WORD,
        &["dose", "doses", "dosage", "dosing", "dosis"],
    ),
    (
        class::DOSING_VERB,
        &[
            "take",
            "taking",
            "dose",
            "inject",
            "injecting",
            "increase",
            "tomar",
            "tomando",
            "dosis",
        ],
    ),
];

/// FNV-1a: the keys are a few short words, so a tiny hash beats SipHash by a wide margin and
/// needs no protection from chosen keys (the table is fixed).
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type Table = HashMap<&'static str, u32, std::hash::BuildHasherDefault<Fnv>>;

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map = Table::default();
        for (bit, words) in CLASSES {
            for w in *words {
                *map.entry(w).or_default() |= bit;
            }
        }
        map
    })
}

/// Longest word in [`CLASSES`], in bytes: longer words skip the table.
const LONGEST: usize = 10;

/// The first letters ([`initial_bit`]) and the lengths (bit `len`, in bytes) of the words in
/// [`CLASSES`]: most words of a text fail one of the two, and skip the hash lookup.
const CLASS_FILTER: (u64, u64) = {
    let (mut initials, mut lengths) = (0u64, 0u64);
    let mut c = 0;
    while c < CLASSES.len() {
        let words = CLASSES[c].1;
        let mut w = 0;
        while w < words.len() {
            let bytes = words[w].as_bytes();
            lengths |= 1 << bytes.len();
            if let [first, ..] = bytes {
                initials |= initial_bit(*first);
            }
            w += 1;
        }
        c += 1;
    }
    (initials, lengths)
};

/// The classes of one word.
fn classify(word: &str) -> u32 {
    if word.len() > LONGEST {
        return 0;
    }
    let ascii = word.is_ascii();
    let (initials, lengths) = CLASS_FILTER;
    // Only an ASCII first letter keeps its bit when lowercased, and only ASCII its length.
    if let Some(&first) = word.as_bytes().first() {
        let misses =
            initials & initial_bit(first) == 0 || ascii && lengths & (1 << word.len()) == 0;
        if first.is_ascii() && misses {
            return 0;
        }
    }
    if ascii {
        let mut buf = [0u8; LONGEST];
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        // ASCII in, ASCII out: always valid UTF-8.
        std::str::from_utf8(lower)
            .ok()
            .and_then(|w| table().get(w).copied())
            .unwrap_or(0)
    } else {
        table()
            .get(word.to_lowercase().as_str())
            .copied()
            .unwrap_or(0)
    }
}

/// Classes not yet looked up: most words are never asked about, so the table lookup happens
/// on first use.
const UNKNOWN: u32 = u32::MAX;

/// A word: `u32` offsets (texts are at most 64 KiB) keep it at 12 bytes, half the size with a
/// `Span`; a long email has thousands of words, and the smaller vector is cheaper to fill and
/// to binary-search.
#[derive(Debug, Clone)]
struct Word {
    start: u32,
    end: u32,
    classes: Cell<u32>,
}

impl Word {
    fn new(start: usize, end: usize) -> Self {
        Self {
            start: start as u32,
            end: end as u32,
            classes: Cell::new(UNKNOWN),
        }
    }

    fn start(&self) -> usize {
        self.start as usize
    }

    fn end(&self) -> usize {
        self.end as usize
    }

    fn span(&self) -> Span {
        Span::new(self.start(), self.end())
    }
}

/// The vectors of a [`TextIndex`], kept between texts so that indexing one allocates nothing
/// once the buffers have grown (a short message otherwise paid an allocation for each).
#[derive(Default)]
pub(crate) struct Buffers {
    words: Vec<Word>,
    sentence_breaks: Vec<Span>,
    clause_breaks: Vec<Span>,
    blocks: [Vec<u32>; 3],
    walk_starts: Vec<u32>,
    marks: Vec<u32>,
}

/// Words and breaks of one text.
pub(crate) struct TextIndex<'t> {
    text: &'t str,
    words: Vec<Word>,
    /// `block_first[b]`: index of the first word starting at or after byte `b * BLOCK`. Rules
    /// ask about word ranges hundreds of times per long text; a binary search over thousands of
    /// words was the index's main cost (cache misses on every level), while this table narrows
    /// each search to the few words of one block.
    block_first: Vec<u32>,
    /// Sentence breaks: the terminator characters.
    sentence_breaks: Vec<Span>,
    /// [`Self::block_first`] for the sentence breaks.
    sentence_blocks: Vec<u32>,
    /// Clause breaks: sentence breaks plus commas, semicolons, colons, dashes and brackets.
    clause_breaks: Vec<Span>,
    /// [`Self::block_first`] for the clause breaks.
    clause_blocks: Vec<u32>,
    /// The lexicon's walk starts (see [`Self::new_in`]).
    walk_starts: Vec<u32>,
    /// Where `@`, `.` and `:` are: the email and URL rules look only there, and this loop
    /// sees every such byte anyway (they end words).
    marks: Vec<u32>,
    len: usize,
    /// The last sentence and clause asked for, `(query, answer)`: the rules ask about the same
    /// finding several times in a row (health, escalation, conditionals), and each answer costs
    /// two binary searches.
    last_sentence: Cell<Option<(Span, Span)>>,
    last_clause: Cell<Option<(Span, Span)>>,
    /// The classes of every word in recently asked ranges, `(range, classes)`: the rules ask
    /// about the same sentence and clause for several classes and several findings.
    recent_masks: Cell<[Option<(Span, u32)>; MASK_MEMO]>,
    next_mask: Cell<usize>,
}

/// How many ranges [`TextIndex::has`] remembers (a sentence, a clause and a clause head per
/// finding, plus one spare).
const MASK_MEMO: usize = 4;

/// Bytes per block of [`TextIndex::block_first`]: `1 << BLOCK_SHIFT`.
const BLOCK_SHIFT: usize = 6;

/// Into `out`, for items sorted by their `starts` in a text of `len` bytes: for each block `b`,
/// the index of the first item starting at or after `b << BLOCK_SHIFT`, plus a last entry
/// holding the item count. ([`first_ending_after`] also needs the items not to overlap.)
pub(crate) fn blocks(out: &mut Vec<u32>, len: usize, starts: impl Iterator<Item = usize>) {
    let n = (len >> BLOCK_SHIFT) + 2;
    out.clear();
    out.resize(n, 0);
    // Count the items per block (in the entry after it), then sum: entry `b` is then the
    // number of items starting before block `b`.
    for start in starts {
        if let Some(count) = out.get_mut((start >> BLOCK_SHIFT) + 1) {
            *count += 1;
        }
    }
    let mut total = 0u32;
    for entry in out.iter_mut() {
        total += *entry;
        *entry = total;
    }
}

/// The range of items (indexed by [`blocks`]) that may start in the block of `pos`: every
/// item before starts before `pos`, every item after starts after it.
fn block_of(blocks: &[u32], pos: usize) -> (usize, usize) {
    let b = (pos >> BLOCK_SHIFT).min(blocks.len() - 2);
    (blocks[b] as usize, blocks[b + 1] as usize)
}

/// `items.partition_point(|t| start(t) < pos)`, searching one block only.
pub(crate) fn first_starting_at<T>(
    items: &[T],
    blocks: &[u32],
    start: impl Fn(&T) -> usize,
    pos: usize,
) -> usize {
    let (lo, hi) = block_of(blocks, pos);
    lo + items[lo..hi].partition_point(|t| start(t) < pos)
}

/// `items.partition_point(|t| end(t) <= pos)`, searching one block (and the item before it:
/// items do not overlap, so no earlier one can end after `pos`).
fn first_ending_after<T>(
    items: &[T],
    blocks: &[u32],
    end: impl Fn(&T) -> usize,
    pos: usize,
) -> usize {
    let (lo, hi) = block_of(blocks, pos);
    let lo = lo.saturating_sub(1);
    lo + items[lo..hi].partition_point(|t| end(t) <= pos)
}

impl<'t> TextIndex<'t> {
    #[cfg(test)]
    pub(crate) fn new(text: &'t str) -> Self {
        Self::new_in(text, Buffers::default(), &[false; 256])
    }

    /// Indexes `text` into reused buffers (see [`Self::into_buffers`]), recording the positions
    /// `Lexicon::scan_at` needs where `walk_filter` holds for the byte there: every start of a
    /// run of word bytes (a word's start, and after an inner `'` or `-`) and every other byte.
    /// (Only an ASCII text's are used: the lexicon walks a non-ASCII text folded.)
    pub(crate) fn new_in(text: &'t str, buffers: Buffers, walk_filter: &[bool; 256]) -> Self {
        let Buffers {
            mut words,
            mut sentence_breaks,
            mut clause_breaks,
            blocks: [mut block_first, mut sentence_blocks, mut clause_blocks],
            mut walk_starts,
            mut marks,
        } = buffers;
        words.clear();
        words.reserve(text.len() / 5);
        sentence_breaks.clear();
        clause_breaks.clear();
        walk_starts.clear();
        marks.clear();
        let mut i = 0;
        let bytes = text.as_bytes();
        while i < bytes.len() {
            // ASCII fast path: most text is ASCII, and most bytes are letters or spaces.
            let b = bytes[i];
            if walk_filter[usize::from(b)] {
                walk_starts.push(i as u32);
            }
            if is_ascii_word_byte(b) {
                // ASCII word: letters and digits, with inner apostrophes and hyphens.
                let mut end = i + 1;
                while end < bytes.len() {
                    let e = bytes[end];
                    if is_ascii_word_byte(e) {
                        end += 1;
                    } else if let Some(&n) = bytes
                        .get(end + 1)
                        .filter(|&&n| (e == b'\'' || e == b'-') && is_ascii_word_byte(n))
                    {
                        // The joiner and the run after it are walk starts of their own.
                        if walk_filter[usize::from(e)] {
                            walk_starts.push(end as u32);
                        }
                        if walk_filter[usize::from(n)] {
                            walk_starts.push(end as u32 + 1);
                        }
                        end += 2;
                    } else {
                        break;
                    }
                }
                if end < bytes.len() && !bytes[end].is_ascii() {
                    end = word_end(text, i); // the word goes on in non-ASCII letters
                }
                words.push(Word::new(i, end));
                i = end;
                continue;
            }
            if b.is_ascii()
                && !matches!(
                    b,
                    b'.' | b'!' | b'?' | b'\n' | b',' | b';' | b':' | b'(' | b')' | b'@'
                )
            {
                i += 1;
                continue;
            }
            if matches!(b, b'@' | b'.' | b':') {
                marks.push(i as u32);
            }
            let c = if b.is_ascii() {
                char::from(b)
            } else {
                let Some(c) = char_at(text, i) else { break };
                c
            };
            let len = c.len_utf8();
            if is_word_char(c) {
                let end = word_end(text, i).max(i + len);
                words.push(Word::new(i, end));
                i = end;
                continue;
            }
            let span = Span::new(i, i + len);
            if crate::text::ends_sentence(text, i, c) {
                sentence_breaks.push(span);
                clause_breaks.push(span);
            } else if matches!(c, ',' | ';' | ':' | '\u{2014}' | '(' | ')') {
                clause_breaks.push(span);
            }
            i += len;
        }
        blocks(&mut block_first, text.len(), words.iter().map(Word::start));
        blocks(
            &mut sentence_blocks,
            text.len(),
            sentence_breaks.iter().map(|b| b.start),
        );
        blocks(
            &mut clause_blocks,
            text.len(),
            clause_breaks.iter().map(|b| b.start),
        );
        Self {
            text,
            words,
            block_first,
            sentence_breaks,
            sentence_blocks,
            clause_breaks,
            clause_blocks,
            walk_starts,
            marks,
            len: text.len(),
            last_sentence: Cell::new(None),
            last_clause: Cell::new(None),
            recent_masks: Cell::new([None; MASK_MEMO]),
            next_mask: Cell::new(0),
        }
    }

    /// The buffers, for the next text.
    pub(crate) fn into_buffers(self) -> Buffers {
        Buffers {
            words: self.words,
            sentence_breaks: self.sentence_breaks,
            clause_breaks: self.clause_breaks,
            blocks: [self.block_first, self.sentence_blocks, self.clause_blocks],
            walk_starts: self.walk_starts,
            marks: self.marks,
        }
    }

    /// The positions of every `@`, `.` and `:`, in order.
    pub(crate) fn marks(&self) -> &[u32] {
        &self.marks
    }

    /// The lexicon's walk starts.
    pub(crate) fn walk_starts(&self) -> &[u32] {
        &self.walk_starts
    }

    /// [`Self::around`], remembering the last answer in `memo`.
    fn around_memo(
        &self,
        memo: &Cell<Option<(Span, Span)>>,
        breaks: &[Span],
        blocks: &[u32],
        span: Span,
    ) -> Span {
        if let Some((query, answer)) = memo.get() {
            if query == span {
                return answer;
            }
        }
        let answer = self.around(breaks, blocks, span);
        memo.set(Some((span, answer)));
        answer
    }

    fn around(&self, breaks: &[Span], blocks: &[u32], span: Span) -> Span {
        let before = first_ending_after(breaks, blocks, |b| b.end, span.start);
        let start = before.checked_sub(1).map_or(0, |i| breaks[i].end);
        let after = first_starting_at(breaks, blocks, |b| b.start, span.end);
        let end = breaks.get(after).map_or(self.len, |b| b.start);
        Span::new(start, end.max(start))
    }

    /// The sentence around `span`.
    pub(crate) fn sentence(&self, span: Span) -> Span {
        self.around_memo(
            &self.last_sentence,
            &self.sentence_breaks,
            &self.sentence_blocks,
            span,
        )
    }

    /// The clause around `span`: its sentence, further cut at commas, semicolons, colons, dashes.
    pub(crate) fn clause(&self, span: Span) -> Span {
        self.around_memo(
            &self.last_clause,
            &self.clause_breaks,
            &self.clause_blocks,
            span,
        )
    }

    fn words_in(&self, range: Span) -> &[Word] {
        let a = first_starting_at(&self.words, &self.block_first, Word::start, range.start);
        let b = first_ending_after(&self.words, &self.block_first, Word::end, range.end);
        &self.words[a..b.max(a)]
    }

    /// Whether a word of one of the `classes` lies in `range`.
    pub(crate) fn has(&self, range: Span, classes: u32) -> bool {
        self.mask(range) & classes != 0
    }

    /// The union of the classes of the words in `range` (remembered for recent ranges).
    fn mask(&self, range: Span) -> u32 {
        let mut memo = self.recent_masks.get();
        if let Some((_, mask)) = memo.iter().flatten().find(|(r, _)| *r == range) {
            return *mask;
        }
        // One binary search for the first word, then a walk while words end inside the range
        // (ends grow with starts): the same words as `words_in`, without its second search.
        let first = first_starting_at(&self.words, &self.block_first, Word::start, range.start);
        let mut mask = 0;
        for w in &self.words[first..] {
            if w.end() > range.end {
                break;
            }
            let mut c = w.classes.get();
            if c == UNKNOWN {
                c = classify(&self.text[w.start()..w.end()]);
                w.classes.set(c);
            }
            mask |= c;
        }
        let slot = self.next_mask.get();
        memo[slot] = Some((range, mask));
        self.recent_masks.set(memo);
        self.next_mask.set((slot + 1) % MASK_MEMO);
        mask
    }

    /// `range` cut after its first `n` words.
    pub(crate) fn leading(&self, range: Span, n: usize) -> Span {
        match self.words_in(range).iter().take(n).last() {
            Some(w) => Span::new(range.start, w.end()),
            None => range,
        }
    }

    /// Every word of the text, in order.
    pub(crate) fn all_words(&self) -> impl Iterator<Item = Span> + '_ {
        self.words.iter().map(|w| w.span())
    }

    /// Number of words in `range`.
    pub(crate) fn count(&self, range: Span) -> usize {
        self.words_in(range).len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The filter before the table never turns a class word away, in any case: each word of
    /// [`CLASSES`], lower, upper and capitalised, gets every class it is listed under.
    #[test]
    fn class_filter_keeps_every_class_word() {
        for (bit, words) in CLASSES {
            for w in *words {
                let mut capitalised = w.chars();
                let capitalised: String = capitalised
                    .next()
                    .map(|c| c.to_uppercase().chain(capitalised).collect())
                    .unwrap_or_default();
                for form in [w.to_string(), w.to_uppercase(), capitalised] {
                    assert!(classify(&form) & bit != 0, "{form:?} lost class {bit}");
                }
            }
        }
        assert_eq!(classify("Tuesday"), 0);
        assert_eq!(classify("zz"), 0);
    }

    proptest::proptest! {
        /// The marks are every `@`, `.` and `:` of the text, whatever surrounds them.
        #[test]
        fn marks_are_every_at_dot_and_colon(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "a", "Zb", "9", "'", "-", " ", ".", ",", ":", "@", "\n", "é", "’", "\u{301}",
                "日", "—", "x.y", "a@b.co", "https://", "it's", "co-pay", "(", ")",
            ]), 0..24),
        ) {
            let text = pieces.concat();
            let expected: Vec<u32> = text
                .bytes()
                .enumerate()
                .filter(|(_, b)| matches!(b, b'@' | b'.' | b':'))
                .map(|(i, _)| i as u32)
                .collect();
            let index = TextIndex::new(&text);
            proptest::prop_assert_eq!(index.marks(), &expected[..]);
        }
    }

    #[test]
    fn classes_and_breaks() {
        let text = "If you see Dr. Patel, I'm fine. Sí, tengo hinchazón";
        let ix = TextIndex::new(text);
        let s = ix.sentence(Span::new(22, 25));
        assert_eq!(&text[s.start..s.end], "If you see Dr. Patel, I'm fine");
        let c = ix.clause(Span::new(22, 25));
        assert_eq!(&text[c.start..c.end], " I'm fine");
        assert!(ix.has(c, class::FIRST_PERSON));
        assert!(ix.has(Span::new(0, 10), class::CONDITIONAL | class::SECOND_PERSON));
        let es = Span::new(32, text.len());
        assert!(!ix.has(es, class::CONDITIONAL), "sí is yes, not if");
        assert!(ix.has(es, class::FIRST_PERSON));
    }
}
