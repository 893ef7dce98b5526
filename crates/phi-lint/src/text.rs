//! Text helpers shared by the rules: character classes, word boundaries, words, sentences and
//! sentence ends, and the accent/case folding the lexicon automaton runs over.
//!
//! Every function takes byte offsets that lie on char boundaries and returns offsets that do.

use medspa_spans::Span;

/// ASCII letters and digits, as a table: the tokenizer and the lexicon scan test every byte of
/// the text, and one read beats the two range tests of `u8::is_ascii_alphanumeric`.
static ASCII_WORD_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// Whether `b` is an ASCII letter or digit.
#[inline]
pub(crate) fn is_ascii_word_byte(b: u8) -> bool {
    ASCII_WORD_BYTE[usize::from(b)]
}

/// Letters, digits and combining marks ("José" written with U+0301 is one word).
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining(c)
}

pub(crate) fn is_combining(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// The char ending at byte `i`, if any.
pub(crate) fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

/// The char starting at byte `i`, if any.
pub(crate) fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

/// Apostrophes that may sit inside a word (O'Brien) or before a possessive `s`.
pub(crate) fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// The end of the word starting at `start`: word chars, plus apostrophes and hyphens between
/// word chars.
pub(crate) fn word_end(text: &str, start: usize) -> usize {
    // Over bytes while they are ASCII (most words; the rules ask for word ends per finding).
    let bytes = text.as_bytes();
    let mut i = start;
    while let Some(&b) = bytes.get(i) {
        if is_ascii_word_byte(b) {
            i += 1;
            continue;
        }
        let joiner = b == b'\'' || b == b'-';
        match bytes.get(i + 1) {
            _ if !b.is_ascii() => return word_end_chars(text, start),
            Some(&n) if joiner && is_ascii_word_byte(n) => i += 1,
            Some(&n) if joiner && !n.is_ascii() => return word_end_chars(text, start),
            _ => break,
        }
    }
    i
}

/// [`word_end`], char by char.
fn word_end_chars(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut chars = text[start..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_word_char(c) {
            end = start + i + c.len_utf8();
        } else if is_apostrophe(c) || c == '-' {
            match chars.peek() {
                Some(&(_, next)) if is_word_char(next) => {}
                _ => break,
            }
        } else {
            break;
        }
    }
    end
}

/// The word immediately before `pos` (skipping spaces and the punctuation in `skip`).
pub(crate) fn word_before(text: &str, pos: usize, skip: &str) -> Option<Span> {
    match word_before_ascii(text.as_bytes(), pos, skip.as_bytes()) {
        Some(found) => found,
        None => word_before_chars(text, pos, skip),
    }
}

/// [`word_before`], char by char.
fn word_before_chars(text: &str, pos: usize, skip: &str) -> Option<Span> {
    let head = &text[..pos];
    let trimmed = head.trim_end_matches(|c: char| c.is_whitespace() || skip.contains(c));
    let end = trimmed.len();
    let mut start = end;
    let mut chars = trimmed.char_indices().rev().peekable();
    while let Some((i, c)) = chars.next() {
        let joins = (is_apostrophe(c) || c == '-')
            && start == i + c.len_utf8()
            && start < end
            && chars.peek().is_some_and(|&(_, p)| is_word_char(p));
        if is_word_char(c) {
            start = i;
        } else if !joins {
            break;
        }
    }
    (start < end).then_some(Span::new(start, end))
}

/// [`word_before`] over bytes, for the common case where every byte it looks at is ASCII
/// (the rules call it several times per finding, and decoding chars backwards is slow).
/// `None` when it meets a non-ASCII byte: the caller then takes the char-by-char path.
fn word_before_ascii(bytes: &[u8], pos: usize, skip: &[u8]) -> Option<Option<Span>> {
    let ascii = |i: usize| bytes[i].is_ascii().then_some(bytes[i]);
    // `char::is_whitespace` on ASCII (unlike `u8::is_ascii_whitespace`, it includes \x0B).
    let space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r');
    let mut end = pos;
    while end > 0 {
        let b = ascii(end - 1)?;
        if !(space(b) || skip.contains(&b)) {
            break;
        }
        end -= 1;
    }
    let mut start = end;
    let mut i = end;
    while i > 0 {
        let b = ascii(i - 1)?;
        if b.is_ascii_alphanumeric() {
            start = i - 1;
        } else {
            // An apostrophe or hyphen joins when a word char follows (already taken) and one
            // precedes it.
            let joins = (b == b'\'' || b == b'-') && start == i && start < end && i >= 2 && {
                let p = ascii(i - 2)?;
                p.is_ascii_alphanumeric()
            };
            if !joins {
                break;
            }
        }
        i -= 1;
    }
    Some((start < end).then_some(Span::new(start, end)))
}

/// The word immediately after `pos` (skipping spaces and the punctuation in `skip`).
pub(crate) fn word_after(text: &str, pos: usize, skip: &str) -> Option<Span> {
    // ASCII spaces and punctuation first, over bytes.
    let bytes = text.as_bytes();
    let mut start = pos;
    while let Some(&b) = bytes.get(start) {
        let space = matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r');
        if !(b.is_ascii() && (space || skip.as_bytes().contains(&b))) {
            break;
        }
        start += 1;
    }
    match bytes.get(start) {
        Some(&b) if is_ascii_word_byte(b) => return Some(Span::new(start, word_end(text, start))),
        Some(&b) if b.is_ascii() => return None,
        None => return None,
        Some(_) => {}
    }
    word_after_chars(text, pos, skip)
}

/// [`word_after`], char by char.
fn word_after_chars(text: &str, pos: usize, skip: &str) -> Option<Span> {
    let tail = &text[pos..];
    let trimmed = tail.trim_start_matches(|c: char| c.is_whitespace() || skip.contains(c));
    let start = pos + (tail.len() - trimmed.len());
    let c = char_at(text, start)?;
    is_word_char(c).then(|| Span::new(start, word_end(text, start)))
}

/// Whether `span`'s text is one of `set`, ignoring ASCII case.
pub(crate) fn word_in(text: &str, span: Span, set: &WordSet) -> bool {
    span.slice(text).is_some_and(|w| set.contains(w))
}

/// A fixed set of lowercase words, for [`word_in`], with a 512-bit filter of their hashes
/// computed at compile time: the rules ask whether a word is in a list (street suffixes, words
/// that are not names) many times per message, and most words are in none; the filter answers
/// those with one hash of the word instead of a comparison per entry.
pub(crate) struct WordSet {
    words: &'static [&'static str],
    filter: [u64; 8],
    /// A bit per word length (63 and longer share the last) and per ASCII first letter: two
    /// bit tests turn most words away before they are hashed.
    lengths: u64,
    initials: u64,
}

/// The bit of an ASCII first byte, lowercased, in a set of initials. Bytes share bits modulo 64
/// (digits with `p` to `y`): a shared bit only lets a word through to the exact test, and a
/// `u64` is one instruction in WASM, where a `u128` shift was a library call.
pub(crate) const fn initial_bit(first: u8) -> u64 {
    1 << (first.to_ascii_lowercase() % 64)
}

/// The bit of `len` in [`WordSet::lengths`].
const fn length_bit(len: usize) -> u64 {
    1 << if len < 63 { len } else { 63 }
}

impl WordSet {
    /// The set of `words` (lowercase).
    pub(crate) const fn new(words: &'static [&'static str]) -> WordSet {
        let mut filter = [0u64; 8];
        let (mut lengths, mut initials) = (0, 0);
        let mut i = 0;
        while i < words.len() {
            let bytes = words[i].as_bytes();
            lengths |= length_bit(bytes.len());
            if let [first, ..] = bytes {
                if first.is_ascii() {
                    initials |= initial_bit(*first);
                }
            }
            let h = word_hash(bytes);
            let mut k = 0;
            while k < 2 {
                let bit = filter_bit(h, k);
                filter[bit / 64] |= 1 << (bit % 64);
                k += 1;
            }
            i += 1;
        }
        WordSet {
            words,
            filter,
            lengths,
            initials,
        }
    }

    /// Whether `word` is in the set, ignoring ASCII case.
    pub(crate) fn contains(&self, word: &str) -> bool {
        if self.lengths & length_bit(word.len()) == 0 {
            return false;
        }
        // A word starting with a non-ASCII byte is left to the hash.
        if let Some(first) = word.bytes().next().filter(u8::is_ascii) {
            if self.initials & initial_bit(first) == 0 {
                return false;
            }
        }
        let h = word_hash(word.as_bytes());
        let held = |k| {
            let bit = filter_bit(h, k);
            self.filter[bit / 64] & (1 << (bit % 64)) != 0
        };
        held(0)
            && held(1)
            && self
                .words
                .iter()
                .any(|s| s.len() == word.len() && word.eq_ignore_ascii_case(s))
    }

    /// The words.
    #[cfg(test)]
    pub(crate) fn words(&self) -> &'static [&'static str] {
        self.words
    }
}

/// FNV-1a over the ASCII-lowercased bytes: words equal ignoring ASCII case hash alike.
const fn word_hash(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    let mut i = 0;
    while i < bytes.len() {
        h = (h ^ bytes[i].to_ascii_lowercase() as u32).wrapping_mul(0x0100_0193);
        i += 1;
    }
    h
}

/// The `k`-th filter bit (of two) for hash `h`.
const fn filter_bit(h: u32, k: u32) -> usize {
    ((h >> (k * 16)) & 511) as usize
}

/// Whether `s` starts with `prefix`, ignoring ASCII case. Compares bytes, so it never slices
/// inside a character.
pub(crate) fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// Starts with an uppercase letter.
pub(crate) fn is_capitalized(word: &str) -> bool {
    // ASCII first: it is most words, and needs no char decoding or Unicode table.
    match word.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => word.chars().next().is_some_and(char::is_uppercase),
    }
}

/// All letters uppercase (and at least two of them).
pub(crate) fn is_all_caps(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !word.chars().any(char::is_lowercase)
}

/// Common abbreviations whose period does not end a sentence.
const ABBREVIATIONS: WordSet = WordSet::new(&[
    "dr", "mr", "mrs", "ms", "mx", "sr", "sra", "srta", "st", "ave", "apt", "no", "dra", "jr",
    "vs", "etc", "ste", "blvd", "rd", "ln", "dept", "approx", "min", "hr", "hrs", "av", "e.g",
    "i.e", "a.m", "p.m",
]);

/// Whether the char at `i` ends a sentence.
pub(crate) fn ends_sentence(text: &str, i: usize, c: char) -> bool {
    match c {
        '!' | '?' | '\n' | '\u{2029}' => true,
        '.' => {
            let next_is_space = char_at(text, i + 1).is_none_or(char::is_whitespace);
            if !next_is_space {
                return false;
            }
            // "Dr. Patel" and "3 p.m. tomorrow" keep going.
            let word = word_before(text, i, "");
            !word.is_some_and(|w| {
                let w = &text[w.start..w.end];
                w.chars().count() == 1 || ABBREVIATIONS.contains(w)
            })
        }
        _ => false,
    }
}

/// The first index at or after `from` whose byte satisfies `pred`. Texts are long and marks
/// rare: testing 16 bytes at a time without an early exit lets the compiler use vector
/// compares, where a plain byte loop cost more than all the work done at the marks. (An
/// eight-bytes-in-a-`u64` version measured the same natively and under Node.)
pub(crate) fn next_byte(bytes: &[u8], from: usize, pred: impl Fn(u8) -> bool) -> Option<usize> {
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 16) {
        if chunk.iter().fold(false, |any, &b| any | pred(b)) {
            break;
        }
        i += 16;
    }
    bytes.get(i..)?.iter().position(|&b| pred(b)).map(|p| i + p)
}

/// The text the lexicon automaton searches: accent-folded (accents removed, typographic quotes
/// and dashes made plain), with a map back to the original offsets. ASCII text is used as is
/// (the automaton ignores ASCII case, so nothing needs lowercasing).
pub(crate) struct Folded<'t> {
    original: &'t str,
    /// Whether `buffers` holds the folded text (only for non-ASCII text).
    folded: bool,
    buffers: FoldBuffers,
}

/// The folded text and its map to original offsets, kept between texts.
#[derive(Default)]
pub(crate) struct FoldBuffers {
    text: String,
    map: Vec<u32>,
}

impl<'t> Folded<'t> {
    #[cfg(test)]
    pub(crate) fn new(text: &'t str) -> Self {
        Self::new_in(text, FoldBuffers::default())
    }

    /// Folds `text` into reused buffers (see [`Self::into_buffers`]).
    pub(crate) fn new_in(text: &'t str, mut buffers: FoldBuffers) -> Self {
        if text.is_ascii() {
            return Self {
                original: text,
                folded: false,
                buffers,
            };
        }
        let FoldBuffers { text: out, map } = &mut buffers;
        out.clear();
        map.clear();
        out.reserve(text.len());
        map.reserve(text.len() + 1);
        for (i, c) in text.char_indices() {
            if is_combining(c) {
                continue;
            }
            let before = out.len();
            match fold_char(c) {
                Some(f) => out.push(f),
                None => out.push(c),
            }
            // Offsets fit in u32: texts are at most 64 KiB.
            map.extend(std::iter::repeat_n(i as u32, out.len() - before));
        }
        map.push(text.len() as u32);
        Self {
            original: text,
            folded: true,
            buffers,
        }
    }

    /// The buffers, for the next text.
    pub(crate) fn into_buffers(self) -> FoldBuffers {
        self.buffers
    }

    /// Whether the text to search differs from the original (it was not ASCII).
    pub(crate) fn is_folded(&self) -> bool {
        self.folded
    }

    /// The text to search.
    pub(crate) fn as_str(&self) -> &str {
        if self.folded {
            &self.buffers.text
        } else {
            self.original
        }
    }

    /// A folded byte offset as an offset into the original text.
    pub(crate) fn original_offset(&self, folded: usize) -> usize {
        if self.folded {
            let map = &self.buffers.map;
            map.get(folded).map_or(self.original.len(), |&o| o as usize)
        } else {
            folded
        }
    }
}

/// The ASCII letter or punctuation a char folds to, if it has one.
pub(crate) fn fold_char(c: char) -> Option<char> {
    let folded = match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' | 'Í' | 'Ì' | 'Î' | 'Ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' | 'Ø' => 'o',
        'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ù' | 'Û' | 'Ü' => 'u',
        'ñ' | 'Ñ' => 'n',
        'ç' | 'Ç' => 'c',
        'ý' | 'ÿ' | 'Ý' => 'y',
        '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
        '\u{201C}' | '\u{201D}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2013}' => '-',
        '\u{00A0}' | '\u{202F}' => ' ',
        _ => return None,
    };
    Some(folded)
}

/// Whether `word` folds to `folded` (lowercase, accents removed), without allocating.
pub(crate) fn fold_eq(word: &str, folded: &str) -> bool {
    // An ASCII letter or digit folds to itself lowercased: a byte test on the first one settles
    // most calls (the name rules compare every word of the text with each name).
    if let (Some(&w), Some(&f)) = (word.as_bytes().first(), folded.as_bytes().first()) {
        if w.is_ascii_alphanumeric() && w.to_ascii_lowercase() != f {
            return false;
        }
    }
    let mut expected = folded.chars();
    for c in word.chars().filter(|&c| !is_combining(c)) {
        let f = fold_char(c).unwrap_or(c);
        let mut lower = f.to_lowercase();
        for l in lower.by_ref() {
            if expected.next() != Some(l) {
                return false;
            }
        }
    }
    expected.next().is_none()
}

/// Lowercase ASCII folding of a whole string (for data and context entries).
pub(crate) fn fold(s: &str) -> String {
    s.chars()
        .filter(|&c| !is_combining(c))
        .map(|c| fold_char(c).unwrap_or(c).to_ascii_lowercase())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

    proptest::proptest! {
        /// `next_byte`'s 16-byte steps find what a byte loop finds, for byte tests like the
        /// rules' and every byte value.
        #[test]
        fn next_byte_agrees_with_a_byte_loop(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40),
            from in 0usize..44,
            x in proptest::prelude::any::<u8>(),
            y in proptest::prelude::any::<u8>(),
        ) {
            let tests: [&dyn Fn(u8) -> bool; 3] =
                [&|b| b == x, &|b| b == x || b == y, &|b: u8| b.is_ascii_digit()];
            for pred in tests {
                let expected = bytes
                    .get(from..)
                    .and_then(|rest| rest.iter().position(|&b| pred(b)))
                    .map(|p| from + p);
                proptest::prop_assert_eq!(next_byte(&bytes, from, pred), expected);
            }
        }

        /// The byte paths of `word_end` and `word_after` answer as the char-by-char ones.
        #[test]
        fn ascii_paths_agree_with_chars(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "a", "Zb", "9", "'", "-", " ", ".", ",", "\t", "\n", "é", "’", "\u{301}", "日", "—",
            ]), 0..16),
            at in 0usize..32,
            skip in proptest::sample::select(vec!["", ",", ".,", "—,"]),
        ) {
            let text = pieces.concat();
            let at = at.min(text.len());
            proptest::prop_assume!(text.is_char_boundary(at));
            proptest::prop_assert_eq!(word_after(&text, at, skip), word_after_chars(&text, at, skip));
            if char_at(&text, at).is_some_and(is_word_char) {
                proptest::prop_assert_eq!(word_end(&text, at), word_end_chars(&text, at));
            }
        }
    }

    const SET: WordSet = WordSet::new(&["apt", "suite", "versión", "don't", "y", "ste"]);

    proptest::proptest! {
        /// The filtered set answers as a comparison with every entry does.
        #[test]
        fn word_sets_answer_as_a_list_does(
            word in proptest::sample::select(vec![
                "apt", "APT", "Apt", "suite", "Suites", "versión", "VERSIóN", "versiÓn", "don't",
                "dont", "y", "Y", "", "ste", "st", "x", "apartment",
            ]).prop_map(str::to_owned).boxed().prop_union("[a-zA-Z'ó]{0,8}".boxed()),
        ) {
            let expected = SET.words().iter().any(|s| s.eq_ignore_ascii_case(&word));
            proptest::prop_assert_eq!(SET.contains(&word), expected);
        }
    }

    #[test]
    fn folding_maps_back_to_char_boundaries() {
        let text = "Hinchazón en José\u{301}’s labio 🙂";
        let f = Folded::new(text);
        assert_eq!(f.as_str(), "Hinchazon en Jose's labio 🙂");
        let start = f.as_str().find("Jose").unwrap();
        let o = f.original_offset(start);
        let e = f.original_offset(start + 4);
        assert_eq!(&text[o..e], "José\u{301}");
    }

    #[test]
    fn word_before_ascii_path_agrees_with_chars() {
        let texts = [
            "O'Brien's García-López, ok - x-ray '-a 'b- \u{b}c\t d\r\ne",
            "see Dr. Patel's  notes; it's 3-4 p.m.  Jos\u{e9}-Luis d\u{2019}Angelo  end",
            "-'a b'-c --d '' e 12,  x",
        ];
        for text in texts {
            for pos in (0..=text.len()).filter(|&p| text.is_char_boundary(p)) {
                for skip in ["", ",", ",.", "·"] {
                    assert_eq!(
                        word_before(text, pos, skip),
                        word_before_chars(text, pos, skip),
                        "{text:?} at {pos}, skip {skip:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn words_keep_inner_apostrophes_and_hyphens() {
        let text = "O'Brien's García-López, ok";
        let index = crate::index::TextIndex::new(text);
        let got: Vec<&str> = index.all_words().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(got, ["O'Brien's", "García-López", "ok"]);
        assert_eq!(word_before(text, 24, ","), Some(Span::new(10, 24)));
    }
}
