//! A memo in front of any [`ZoneSource`]: offsets remembered per four-day span of UTC time.
//!
//! Batch operations ask thousands of offsets (every record's signing day, every deadline). When
//! the source's offset is the same at the first and the last second of a span it holds for the
//! whole span, because no zone changes its offset twice within four days: the shortest gap
//! between two changes in the IANA database, 1900–2100, is just under seven days (America/Boa_Vista;
//! the ignored `day_buckets` test in `tzdb.rs` scans every zone). A span with a change is
//! bisected to the second once. Answers are therefore the source's own, exactly.

use crate::ZoneSource;
use medspa_errors::CodedError;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

/// Four days, in seconds: shorter than the shortest gap between two offset changes.
const SPAN: i64 = 4 * 86_400;
/// Spans remembered before the memo starts over (bounds memory on hostile input).
const MAX_REMEMBERED_SPANS: usize = 1 << 16;

/// The offsets of one span: constant, or one change at `at` (the first second of the new one).
#[derive(Debug, Clone, Copy)]
struct Span {
    before: i32,
    at: i64,
    after: i32,
}

impl Span {
    fn offset(self, unix_seconds: i64) -> i32 {
        if unix_seconds < self.at {
            self.before
        } else {
            self.after
        }
    }
}

/// A [`ZoneSource`] that asks `inner` at most twice per four-day span of each zone (plus a
/// bisection where the offset changes), and answers every other question from memory.
///
/// ```
/// use medspa_errors::CodedError;
/// use medspa_zoned::{SpanCache, ZoneSource};
/// use std::cell::Cell;
///
/// /// A zone one hour ahead of UTC until t = 1,000,000 s, two hours after; counts questions.
/// struct Counting(Cell<u32>);
/// impl ZoneSource for Counting {
///     fn utc_offset(&self, _zone: &str, t: i64) -> Result<i32, CodedError> {
///         self.0.set(self.0.get() + 1);
///         Ok(if t < 1_000_000 { 3600 } else { 7200 })
///     }
/// }
/// let zones = SpanCache::new(Counting(Cell::new(0)));
/// assert_eq!(zones.utc_offset("Somewhere", 999_999), Ok(3600));
/// assert_eq!(zones.utc_offset("Somewhere", 1_000_000), Ok(7200));
/// let asked = zones.inner().0.get();
/// // Every other second of the span now comes from memory.
/// for t in 700_000..1_036_800 {
///     assert_eq!(zones.utc_offset("Somewhere", t), Ok(if t < 1_000_000 { 3600 } else { 7200 }));
/// }
/// assert_eq!(zones.inner().0.get(), asked);
/// ```
#[derive(Debug, Default)]
pub struct SpanCache<Z> {
    inner: Z,
    zones: RefCell<Vec<String>>,
    spans: RefCell<HashMap<(usize, i64), Span>>,
    /// The span answered last, `((zone, span number), offsets)`: batch operations ask about the
    /// same few days over and over, and this spares the map lookup.
    last: Cell<Option<((usize, i64), Span)>>,
}

impl<Z: ZoneSource> SpanCache<Z> {
    /// An empty memo over `inner`.
    pub fn new(inner: Z) -> Self {
        SpanCache {
            inner,
            zones: RefCell::new(Vec::new()),
            spans: RefCell::new(HashMap::new()),
            last: Cell::new(None),
        }
    }

    /// The source behind the memo.
    pub fn inner(&self) -> &Z {
        &self.inner
    }

    /// The offsets of span number `span`, or `None` when its ends cannot be asked about (the
    /// edges of the representable range).
    fn span(&self, zone: &str, span: i64) -> Result<Option<Span>, CodedError> {
        let mut low = span.saturating_mul(SPAN);
        let mut high = low.saturating_add(SPAN - 1);
        let (Ok(before), Ok(after)) = (
            self.inner.utc_offset(zone, low),
            self.inner.utc_offset(zone, high),
        ) else {
            return Ok(None);
        };
        if before == after {
            return Ok(Some(Span {
                before,
                at: low,
                after,
            }));
        }
        // Invariant: the offset at `low` is `before`, at `high` it is not; at most one change
        // lies between, so bisection finds its first second.
        while high - low > 1 {
            let middle = low + (high - low) / 2;
            if self.inner.utc_offset(zone, middle)? == before {
                low = middle;
            } else {
                high = middle;
            }
        }
        Ok(Some(Span {
            before,
            at: high,
            after,
        }))
    }
}

impl<Z: ZoneSource> ZoneSource for SpanCache<Z> {
    fn utc_offset(&self, zone: &str, unix_seconds: i64) -> Result<i32, CodedError> {
        let known = self.zones.borrow().iter().position(|z| z == zone);
        let index = match known {
            Some(index) => index,
            None => {
                // Ask once so that an unknown zone is refused before it is remembered.
                self.inner.utc_offset(zone, unix_seconds)?;
                let mut zones = self.zones.borrow_mut();
                zones.push(zone.to_owned());
                zones.len() - 1
            }
        };
        let key = (index, unix_seconds.div_euclid(SPAN));
        if let Some((last, span)) = self.last.get() {
            if last == key {
                return Ok(span.offset(unix_seconds));
            }
        }
        if let Some(span) = self.spans.borrow().get(&key).copied() {
            self.last.set(Some((key, span)));
            return Ok(span.offset(unix_seconds));
        }
        let Some(span) = self.span(zone, key.1)? else {
            return self.inner.utc_offset(zone, unix_seconds);
        };
        let mut spans = self.spans.borrow_mut();
        if spans.len() >= MAX_REMEMBERED_SPANS {
            spans.clear();
        }
        spans.insert(key, span);
        self.last.set(Some((key, span)));
        Ok(span.offset(unix_seconds))
    }
}

impl<Z: ZoneSource + ?Sized> ZoneSource for &Z {
    fn utc_offset(&self, zone: &str, unix_seconds: i64) -> Result<i32, CodedError> {
        (**self).utc_offset(zone, unix_seconds)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::ChronoTz;
    use proptest::prelude::*;

    const ZONES: [&str; 8] = [
        "America/New_York",
        "America/Santiago",
        "Australia/Lord_Howe",
        "Australia/Sydney",
        "Africa/Casablanca",
        "Europe/London",
        "America/Boa_Vista",
        "Asia/Kolkata",
    ];

    proptest! {
        /// Whatever order instants are asked in, the memo answers as the source does.
        #[test]
        fn answers_as_the_source(questions in prop::collection::vec((0..ZONES.len(), -2_208_988_800i64..4_102_444_800), 1..200)) {
            let memo = SpanCache::new(ChronoTz);
            for (zone, t) in questions {
                for probe in [t, t - 1, t + 1] {
                    prop_assert_eq!(memo.utc_offset(ZONES[zone], probe), ChronoTz.utc_offset(ZONES[zone], probe));
                }
            }
        }
    }

    #[test]
    fn every_second_around_every_change_2000_to_2030() {
        for zone in ZONES {
            let memo = SpanCache::new(ChronoTz);
            let offset = |t: i64| ChronoTz.utc_offset(zone, t).expect("known zone");
            let mut t = 946_684_800;
            while t < 1_924_992_000 {
                if offset(t) != offset(t + 3_600) {
                    let mut change = t;
                    while offset(change) == offset(t) {
                        change += 1;
                    }
                    for probe in [change + 1, change, change - 1] {
                        assert_eq!(
                            memo.utc_offset(zone, probe),
                            Ok(offset(probe)),
                            "{zone} at {probe}"
                        );
                    }
                }
                t += 3_600;
            }
        }
    }

    #[test]
    fn unknown_zones_are_refused_and_not_remembered() {
        let memo = SpanCache::new(ChronoTz);
        assert_eq!(
            memo.utc_offset("Mars/Olympus", 0).unwrap_err().code,
            "UNKNOWN_TIME_ZONE"
        );
        assert_eq!(
            memo.utc_offset("Mars/Olympus", 5).unwrap_err().code,
            "UNKNOWN_TIME_ZONE"
        );
        assert!(memo.zones.borrow().is_empty());
    }
}
