//! Conversion between UTF-8 byte offsets and UTF-16 code-unit offsets for one text.

use crate::Span;

/// One non-ASCII character: where it starts in both encodings and how long it is in each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Wide {
    byte: usize,
    unit: usize,
    len8: u8,
    len16: u8,
}

impl Wide {
    fn byte_end(self) -> usize {
        self.byte + usize::from(self.len8)
    }

    fn unit_end(self) -> usize {
        self.unit + usize::from(self.len16)
    }
}

/// Offsets of one text in both UTF-8 bytes and UTF-16 code units.
///
/// Built once per text in `O(n)`. Only the non-ASCII characters are stored (the idea of
/// rust-analyzer's `line-index`): between two of them both encodings advance one unit per byte, so a
/// lookup is a binary search over the non-ASCII characters, and ASCII-only text stores nothing.
///
/// ```
/// use medspa_spans::{Span, Utf16Index};
/// let text = "é🙂x";
/// let index = Utf16Index::new(text);
/// assert_eq!(index.to_utf16(2), Some(1)); // after 'é' (2 bytes, 1 unit)
/// assert_eq!(index.to_utf16(6), Some(3)); // after '🙂' (4 bytes, 2 units)
/// assert_eq!(index.to_utf8(3), Some(6));
/// assert_eq!(index.to_utf8(2), None); // between the two halves of the surrogate pair
/// assert_eq!(index.span_to_utf16(Span::new(2, 7)), Some((1, 4)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Utf16Index {
    wide: Vec<Wide>,
    len8: usize,
    len16: usize,
}

impl Utf16Index {
    /// Indexes `text`.
    ///
    /// ```
    /// use medspa_spans::Utf16Index;
    /// let index = Utf16Index::new("plain ascii");
    /// assert_eq!(index.to_utf16(5), Some(5));
    /// ```
    pub fn new(text: &str) -> Self {
        let mut wide = Vec::new();
        let mut unit = 0;
        // ASCII costs a counter increment; only wider chars are recorded.
        for (byte, c) in text.char_indices() {
            if c.is_ascii() {
                unit += 1;
                continue;
            }
            // A char is at most 4 bytes and 2 units, so these casts never truncate.
            let entry = Wide {
                byte,
                unit,
                len8: c.len_utf8() as u8,
                len16: c.len_utf16() as u8,
            };
            unit += c.len_utf16();
            wide.push(entry);
        }
        Self {
            wide,
            len8: text.len(),
            len16: unit,
        }
    }

    /// Length of the text in UTF-8 bytes.
    ///
    /// ```
    /// use medspa_spans::Utf16Index;
    /// assert_eq!(Utf16Index::new("🙂").len_utf8(), 4);
    /// ```
    pub fn len_utf8(&self) -> usize {
        self.len8
    }

    /// Length of the text in UTF-16 code units (JavaScript's `text.length`).
    ///
    /// ```
    /// use medspa_spans::Utf16Index;
    /// assert_eq!(Utf16Index::new("🙂").len_utf16(), 2);
    /// ```
    pub fn len_utf16(&self) -> usize {
        self.len16
    }

    /// The UTF-16 offset of a byte offset; `None` if it is past the end or not on a char boundary.
    ///
    /// ```
    /// use medspa_spans::Utf16Index;
    /// let index = Utf16Index::new("café!");
    /// assert_eq!(index.to_utf16(5), Some(4));
    /// assert_eq!(index.to_utf16(4), None); // inside 'é'
    /// assert_eq!(index.to_utf16(7), None);
    /// ```
    pub fn to_utf16(&self, byte: usize) -> Option<usize> {
        if byte > self.len8 {
            return None;
        }
        // The last non-ASCII char starting before `byte`, if any, fixes the shift between encodings.
        let i = self.wide.partition_point(|w| w.byte < byte);
        match i.checked_sub(1).map(|j| self.wide[j]) {
            None => Some(byte),
            Some(w) if byte < w.byte_end() => None,
            Some(w) => Some(w.unit_end() + (byte - w.byte_end())),
        }
    }

    /// The byte offset of a UTF-16 offset; `None` if it is past the end or inside a surrogate pair.
    ///
    /// ```
    /// use medspa_spans::Utf16Index;
    /// let index = Utf16Index::new("a🙂b");
    /// assert_eq!(index.to_utf8(3), Some(5));
    /// assert_eq!(index.to_utf8(2), None);
    /// assert_eq!(index.to_utf8(5), None);
    /// ```
    pub fn to_utf8(&self, unit: usize) -> Option<usize> {
        if unit > self.len16 {
            return None;
        }
        let i = self.wide.partition_point(|w| w.unit < unit);
        match i.checked_sub(1).map(|j| self.wide[j]) {
            None => Some(unit),
            Some(w) if unit < w.unit_end() => None,
            Some(w) => Some(w.byte_end() + (unit - w.unit_end())),
        }
    }

    /// A byte span as a UTF-16 `(start, end)` pair; `None` if either end does not convert or the
    /// span is reversed.
    ///
    /// ```
    /// use medspa_spans::{Span, Utf16Index};
    /// let index = Utf16Index::new("日本 ok");
    /// assert_eq!(index.span_to_utf16(Span::new(7, 9)), Some((3, 5)));
    /// ```
    pub fn span_to_utf16(&self, span: Span) -> Option<(usize, usize)> {
        if span.start > span.end {
            return None;
        }
        Some((self.to_utf16(span.start)?, self.to_utf16(span.end)?))
    }

    /// A UTF-16 `(start, end)` pair as a byte span; `None` if either end does not convert or the
    /// range is reversed. The inverse of [`Utf16Index::span_to_utf16`], for ranges coming from JS.
    ///
    /// ```
    /// use medspa_spans::{Span, Utf16Index};
    /// let index = Utf16Index::new("日本 ok");
    /// assert_eq!(index.utf16_to_span(3, 5), Some(Span::new(7, 9)));
    /// ```
    pub fn utf16_to_span(&self, start: usize, end: usize) -> Option<Span> {
        if start > end {
            return None;
        }
        Some(Span::new(self.to_utf8(start)?, self.to_utf8(end)?))
    }
}

#[cfg(test)]
mod tests {
    use super::Utf16Index;
    use crate::Span;

    /// Checks every byte offset 0..=len+1 against the expected UTF-16 offsets (`None` = invalid).
    fn check(text: &str, expect: &[Option<usize>]) {
        let index = Utf16Index::new(text);
        let got: Vec<_> = (0..=text.len() + 1).map(|b| index.to_utf16(b)).collect();
        assert_eq!(got, expect, "text {text:?}");
        for (b, u) in expect.iter().enumerate() {
            if let Some(u) = u {
                assert_eq!(
                    index.to_utf8(*u),
                    Some(b),
                    "round trip of byte {b} in {text:?}"
                );
            }
        }
        assert_eq!(index.len_utf16(), text.encode_utf16().count());
        assert_eq!(index.to_utf8(index.len_utf16() + 1), None);
    }

    #[test]
    fn ascii_is_identity_and_stores_nothing() {
        check("abc", &[Some(0), Some(1), Some(2), Some(3), None]);
        assert!(Utf16Index::new("abc").wide.is_empty());
        check("", &[Some(0), None]);
    }

    #[test]
    fn accents_are_two_bytes_one_unit() {
        check("é", &[Some(0), None, Some(1), None]);
        check("aéb", &[Some(0), Some(1), None, Some(2), Some(3), None]);
    }

    #[test]
    fn cjk_is_three_bytes_one_unit() {
        check(
            "日本",
            &[Some(0), None, None, Some(1), None, None, Some(2), None],
        );
    }

    #[test]
    fn emoji_is_four_bytes_two_units() {
        check("🙂", &[Some(0), None, None, None, Some(2), None]);
        let index = Utf16Index::new("🙂");
        assert_eq!(index.to_utf8(1), None);
    }

    #[test]
    fn mixed_text() {
        let text = "Hi é 日 🙂!";
        let index = Utf16Index::new(text);
        for (b, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let u = text[..b].encode_utf16().count();
            assert_eq!(index.to_utf16(b), Some(u));
            assert_eq!(index.to_utf8(u), Some(b));
        }
        let emoji = Span::new(text.find('🙂').expect("emoji present"), text.len() - 1);
        let (s, e) = index.span_to_utf16(emoji).expect("on boundaries");
        let units: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(String::from_utf16(&units[s..e]).expect("whole pair"), "🙂");
        assert_eq!(index.utf16_to_span(s, e), Some(emoji));
    }

    #[test]
    fn reversed_or_split_spans_do_not_convert() {
        let index = Utf16Index::new("é🙂");
        assert_eq!(index.span_to_utf16(Span::new(2, 0)), None);
        assert_eq!(index.span_to_utf16(Span::new(0, 1)), None);
        assert_eq!(index.utf16_to_span(2, 1), None);
        assert_eq!(index.utf16_to_span(0, 2), None);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::Utf16Index;
    use proptest::prelude::*;

    /// Strings weighted towards the interesting widths: ASCII, 2-, 3- and 4-byte chars.
    fn text() -> impl Strategy<Value = String> {
        let ch = prop_oneof![
            3 => proptest::char::range('\0', '\x7f'),
            1 => Just('é'),
            1 => Just('日'),
            1 => Just('🙂'),
            2 => any::<char>(),
        ];
        proptest::collection::vec(ch, 0..48).prop_map(|cs| cs.into_iter().collect())
    }

    proptest! {
        #[test]
        fn every_byte_offset_matches_the_reference(text in text()) {
            let index = Utf16Index::new(&text);
            for b in 0..=text.len() + 1 {
                let got = index.to_utf16(b);
                if text.is_char_boundary(b) {
                    let u = text[..b].encode_utf16().count();
                    prop_assert_eq!(got, Some(u));
                    prop_assert_eq!(index.to_utf8(u), Some(b));
                } else {
                    prop_assert_eq!(got, None);
                }
            }
        }

        #[test]
        fn every_unit_offset_matches_the_reference(text in text()) {
            let index = Utf16Index::new(&text);
            // Valid UTF-16 offsets are those at the start of a char, plus the end.
            let mut valid = vec![false; index.len_utf16() + 2];
            let mut u = 0;
            for c in text.chars() {
                valid[u] = true;
                u += c.len_utf16();
            }
            valid[u] = true;
            for (u, ok) in valid.iter().enumerate() {
                prop_assert_eq!(index.to_utf8(u).is_some(), *ok);
            }
        }
    }
}
