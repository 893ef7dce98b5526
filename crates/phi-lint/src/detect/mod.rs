//! The rule families. Each module turns the lexicon hits and the text into candidate findings;
//! this module holds what they share and resolves overlaps between them.

pub(crate) mod address;
pub(crate) mod context;
pub(crate) mod dates;
pub(crate) mod health;
pub(crate) mod ids;
pub(crate) mod names;
pub(crate) mod numbers;
pub(crate) mod web;

use crate::kind::Kind;
use crate::lexicon::{Cue, Hit, Term};
use crate::setup::Setup;
use medspa_spans::Span;

/// Longest cue phrase in bytes, bounding every backwards look-up over the hits.
const MAX_CUE_BYTES: usize = 48;

/// A finding before overlaps are resolved and severities assigned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub span: Span,
    pub kind: Kind,
    /// Which candidate wins an overlap: context matches and cued values beat shapes, shapes beat
    /// word heuristics.
    pub strength: u8,
    /// For health details: the sentence addresses the reader ("your", "my", a name).
    pub addressed: bool,
    /// For health details: the sentence is a promotion ("specials", "% off").
    pub promotional: bool,
}

impl Candidate {
    pub(crate) fn new(span: Span, kind: Kind, strength: u8) -> Self {
        Self {
            span,
            kind,
            strength,
            addressed: false,
            promotional: false,
        }
    }
}

/// Strengths, named.
pub(crate) mod strength {
    pub const HEALTH: u8 = 1;
    pub const NAME: u8 = 2;
    pub const HEURISTIC: u8 = 3;
    pub const SHAPE: u8 = 4;
    pub const CUED: u8 = 5;
    pub const CONTEXT: u8 = 6;
}

/// A vector a rule borrows for one text and hands back, so its capacity serves the next text:
/// a short message spent about 5% of its time allocating such vectors. Taking one that is
/// already out gives a new vector (nothing breaks, it only allocates).
pub(crate) struct Reused<T>(std::cell::Cell<Vec<T>>);

impl<T> Default for Reused<T> {
    fn default() -> Self {
        Self(std::cell::Cell::new(Vec::new()))
    }
}

impl<T> Reused<T> {
    /// The vector, empty.
    pub(crate) fn take(&self) -> Vec<T> {
        let mut v = self.0.take();
        v.clear();
        v
    }

    /// Hands the vector back.
    pub(crate) fn put(&self, v: Vec<T>) {
        self.0.set(v);
    }
}

/// The rules' reused vectors (see [`Reused`]).
#[derive(Default)]
pub(crate) struct Scratch {
    pub names: Reused<(Span, u8)>,
    pub dates: Reused<(Span, Option<dates::Date>)>,
    pub spans: Reused<Span>,
}

/// Everything the rules read about one text.
pub(crate) struct Scan<'a> {
    pub text: &'a str,
    pub hits: Vec<Hit>,
    /// [`crate::index::blocks`] over the hit starts: the rules look hits up by position
    /// thousands of times in a long text, and a binary search over all of them was a large
    /// share of its time.
    hit_blocks: Vec<u32>,
    pub chunks: Vec<numbers::Chunk>,
    pub index: crate::index::TextIndex<'a>,
    pub setup: &'a Setup,
    pub scratch: Scratch,
}

/// Buffers kept between texts by a [`crate::Linter`]: a short message otherwise spent a good
/// share of its time allocating and growing these vectors.
#[derive(Default)]
pub(crate) struct ScanBuffers {
    hits: Vec<Hit>,
    hit_blocks: Vec<u32>,
    folded: crate::text::FoldBuffers,
    pub candidates: Vec<Candidate>,
    pub exclusions: Vec<Span>,
    /// [`resolve`]'s bitmap of taken bytes.
    pub taken: Vec<u64>,
    chunks: Vec<numbers::Chunk>,
    index: crate::index::Buffers,
    scratch: Scratch,
    /// For [`crate::analyze`]: health hits, findings, name spans, report rows, redactions and
    /// the merged redaction edits.
    pub health: Vec<Hit>,
    pub findings: Vec<Candidate>,
    pub name_spans: Vec<Span>,
    pub rows: Vec<crate::analyze::Row>,
    pub redactions: Vec<(Span, &'static str)>,
    pub edits: Vec<(Span, &'static str)>,
}

impl<'a> Scan<'a> {
    #[cfg(test)]
    pub(crate) fn new(text: &'a str, setup: &'a Setup) -> Self {
        Self::new_in(text, setup, &mut ScanBuffers::default())
    }

    /// Scans `text`, reusing `buffers` (returned by [`Self::into_buffers`]).
    pub(crate) fn new_in(text: &'a str, setup: &'a Setup, buffers: &mut ScanBuffers) -> Self {
        // The index first: splitting the text into words, it records where the lexicon walks
        // start, so the lexicon does not split an ASCII text again.
        let index = crate::index::TextIndex::new_in(
            text,
            std::mem::take(&mut buffers.index),
            &setup.walk_filter,
        );
        let mut hits = std::mem::take(&mut buffers.hits);
        crate::lexicon::hits_into(
            text,
            setup.extra_lexicon.as_ref(),
            Some(index.walk_starts()),
            &mut hits,
            &mut buffers.folded,
        );
        let mut hit_blocks = std::mem::take(&mut buffers.hit_blocks);
        crate::index::blocks(
            &mut hit_blocks,
            text.len(),
            hits.iter().map(|h| h.span.start),
        );
        let mut chunks = std::mem::take(&mut buffers.chunks);
        numbers::chunks_into(text, &mut chunks);
        Self {
            text,
            hits,
            hit_blocks,
            chunks,
            index,
            setup,
            scratch: std::mem::take(&mut buffers.scratch),
        }
    }

    /// Hands the buffers back for the next text.
    pub(crate) fn into_buffers(self, buffers: &mut ScanBuffers) {
        buffers.hits = self.hits;
        buffers.hit_blocks = self.hit_blocks;
        buffers.chunks = self.chunks;
        buffers.index = self.index.into_buffers();
        buffers.scratch = self.scratch;
    }

    /// Hits whose start lies in `[lo, hi)`.
    pub(crate) fn hits_starting_in(&self, lo: usize, hi: usize) -> &[Hit] {
        let a = crate::index::first_starting_at(&self.hits, &self.hit_blocks, |h| h.span.start, lo);
        let len = self.hits[a..]
            .iter()
            .take_while(|h| h.span.start < hi)
            .count();
        &self.hits[a..a + len]
    }

    /// Hits inside `range`.
    pub(crate) fn hits_in(&self, range: Span) -> impl Iterator<Item = &Hit> {
        self.hits_starting_in(range.start, range.end)
            .iter()
            .filter(move |h| h.span.end <= range.end)
    }

    /// Whether a cue satisfying `pred` lies inside `range`.
    pub(crate) fn cue_in(&self, range: Span, pred: impl Fn(Cue) -> bool) -> bool {
        self.hits_in(range)
            .any(|h| matches!(h.term, Term::Cue(c) if pred(c)))
    }

    /// The nearest cue satisfying `pred` that ends before `pos`, with at most `max_words` words
    /// and `max_bytes` bytes between, and no sentence end between.
    pub(crate) fn cue_before(
        &self,
        pos: usize,
        max_bytes: usize,
        max_words: usize,
        pred: impl Fn(Cue) -> bool,
    ) -> Option<Hit> {
        let lo = pos.saturating_sub(max_bytes + MAX_CUE_BYTES);
        self.hits_starting_in(lo, pos)
            .iter()
            .rev()
            .filter(|h| h.span.end <= pos && h.span.end + max_bytes >= pos)
            .find(|h| {
                matches!(h.term, Term::Cue(c) if pred(c))
                    && !self.shadowed(h)
                    && self.gap_is_short(Span::new(h.span.end, pos), max_words)
            })
            .copied()
    }

    /// Whether a longer cue of another kind covers this one: "code" inside "ZIP code", "card"
    /// inside "gift card".
    pub(crate) fn shadowed(&self, hit: &Hit) -> bool {
        let Term::Cue(cue) = hit.term else {
            return false;
        };
        let lo = hit.span.end.saturating_sub(MAX_CUE_BYTES);
        self.hits_starting_in(lo, hit.span.end).iter().any(|o| {
            matches!(o.term, Term::Cue(c) if c != cue)
                && o.span.start <= hit.span.start
                && hit.span.end <= o.span.end
                && o.span.len() > hit.span.len()
        })
    }

    /// Whether `gap` holds at most `max_words` words and no sentence break.
    pub(crate) fn gap_is_short(&self, gap: Span, max_words: usize) -> bool {
        let Some(between) = gap.slice(self.text) else {
            return false;
        };
        !between.contains(['!', '?', '\n', ';'])
            && !between.contains(". ")
            && self.index.count(gap) <= max_words
    }

    /// Whether a cue satisfying `pred` lies in the sentence around `span`.
    pub(crate) fn cue_in_sentence(&self, span: Span, pred: impl Fn(Cue) -> bool) -> bool {
        self.cue_in(self.index.sentence(span), pred)
    }
}

/// Resolves overlaps (the stronger, then the longer, then the earlier candidate wins) and drops
/// candidates that overlap an exclusion. Returns candidates sorted by start.
/// `candidates` is drained and `exclusions` merged in place; they and `taken` are buffers kept
/// for the next text.
pub(crate) fn resolve(
    candidates: &mut Vec<Candidate>,
    exclusions: &mut Vec<Span>,
    taken: &mut Vec<u64>,
    mut kept: Vec<Candidate>,
) -> Vec<Candidate> {
    merge(exclusions);
    let exclusions = &exclusions[..];
    candidates.retain(|c| {
        // The first merged exclusion ending after the candidate starts is the only one to test.
        let i = exclusions.partition_point(|x| x.end <= c.span.start);
        !c.span.is_empty() && !exclusions.get(i).is_some_and(|x| overlaps(*x, c.span))
    });
    // Best first, then keep each candidate that overlaps nothing already kept: a bit per text
    // byte says whether a kept span covers it (spans are short, texts at most 64 KiB).
    candidates.sort_by(|a, b| {
        b.strength
            .cmp(&a.strength)
            .then(b.span.len().cmp(&a.span.len()))
            .then(a.span.start.cmp(&b.span.start))
    });
    let bytes = candidates.iter().map(|c| c.span.end).max().unwrap_or(0);
    taken.clear();
    taken.resize(bytes / 64 + 1, 0);
    kept.clear();
    for c in candidates.drain(..) {
        let clash =
            bit_words(c.span).any(|(word, mask)| taken.get(word).is_some_and(|w| w & mask != 0));
        if !clash {
            for (word, mask) in bit_words(c.span) {
                if let Some(w) = taken.get_mut(word) {
                    *w |= mask;
                }
            }
            kept.push(c);
        }
    }
    // Kept spans are disjoint, so their starts are distinct.
    kept.sort_unstable_by_key(|c| c.span.start);
    kept
}

/// The bits of `span`'s bytes in a bitmap of `u64` words: `(word index, mask)` per word.
fn bit_words(span: Span) -> impl Iterator<Item = (usize, u64)> {
    let (first, last) = (span.start / 64, span.end.saturating_sub(1) / 64);
    (first..=last)
        .filter(move |_| !span.is_empty())
        .map(move |word| {
            let lo = span.start.max(word * 64) - word * 64;
            let hi = span.end.min(word * 64 + 64) - word * 64;
            let ones = if hi - lo == 64 {
                u64::MAX
            } else {
                (1u64 << (hi - lo)) - 1
            };
            (word, ones << lo)
        })
}

/// The items of `sorted` (sorted by start) that start in `[lo, hi)`.
pub(crate) fn starting_in<T>(
    sorted: &[T],
    start: impl Fn(&T) -> usize,
    lo: usize,
    hi: usize,
) -> &[T] {
    let a = sorted.partition_point(|t| start(t) < lo);
    // One binary search, then a walk to the end: callers ask for short ranges and go through
    // the items anyway, so the walk costs less than a second search over the whole slice.
    let len = sorted[a..].iter().take_while(|t| start(t) < hi).count();
    &sorted[a..a + len]
}

pub(crate) fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// Turns `spans` into their sorted, non-overlapping union, in place.
pub(crate) fn merge(spans: &mut Vec<Span>) {
    spans.sort();
    let mut kept: usize = 0;
    for i in 0..spans.len() {
        let s = spans[i];
        if kept > 0 && s.start <= spans[kept - 1].end {
            spans[kept - 1].end = spans[kept - 1].end.max(s.end);
        } else {
            spans[kept] = s;
            kept += 1;
        }
    }
    spans.truncate(kept);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `resolve` as its rule reads, comparing every pair.
    fn resolve_by_pairs(candidates: &[Candidate], exclusions: &[Span]) -> Vec<Candidate> {
        let mut ranked: Vec<Candidate> = candidates
            .iter()
            .filter(|c| !c.span.is_empty() && !exclusions.iter().any(|x| overlaps(*x, c.span)))
            .copied()
            .collect();
        ranked.sort_by(|a, b| {
            b.strength
                .cmp(&a.strength)
                .then(b.span.len().cmp(&a.span.len()))
                .then(a.span.start.cmp(&b.span.start))
        });
        let mut kept: Vec<Candidate> = Vec::new();
        for c in ranked {
            if !kept.iter().any(|k| overlaps(k.span, c.span)) {
                kept.push(c);
            }
        }
        kept.sort_by_key(|c| c.span.start);
        kept
    }

    fn span() -> impl Strategy<Value = Span> {
        (0usize..300, 0usize..80).prop_map(|(start, len)| Span::new(start, start + len))
    }

    proptest! {
        #[test]
        fn resolve_keeps_what_pairwise_comparison_keeps(
            candidates in proptest::collection::vec((span(), 1u8..7), 0..24),
            exclusions in proptest::collection::vec(span(), 0..4),
        ) {
            let candidates: Vec<Candidate> = candidates
                .into_iter()
                .map(|(s, strength)| Candidate::new(s, Kind::Phone, strength))
                .collect();
            let expected = resolve_by_pairs(&candidates, &exclusions);
            let mut taken = vec![u64::MAX; 3]; // stale bits from an earlier text must not matter
            let got = resolve(
                &mut candidates.clone(),
                &mut exclusions.clone(),
                &mut taken,
                Vec::new(),
            );
            prop_assert_eq!(got, expected);
        }
    }
}
