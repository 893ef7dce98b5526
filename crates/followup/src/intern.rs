//! The parts of an answer that repeat, made once per request and shared by reference count.
//! A day of 2,000 appointments plans about 12,000 messages but only about 3,000 distinct send
//! and due times, a few hundred dates and session windows, and one source list per protocol
//! step; giving each message its own copy of each made allocating and freeing the larger part
//! of `followup_day`'s time.

use crate::plan::{MergeField, MessageSource};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use medspa_zoned::format_instant;
use std::borrow::Cow;
use std::sync::Arc;

/// What a text is the rendering of.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Key {
    /// An instant (seconds, nanoseconds) shown with a UTC offset (seconds): the same instant
    /// prints differently in each zone.
    Instant(i64, u32, i32),
    /// A calendar date, `YYYY-MM-DD` (days from the common era).
    Date(i32),
    /// A local time of day, `HH:MM`, as minutes after midnight.
    Clock(u32),
}

impl Key {
    fn hash(self) -> u64 {
        match self {
            Key::Instant(seconds, nanos, offset) => mix(
                seconds as u64,
                (u64::from(nanos) << 32) ^ u64::from(offset as u32),
            ),
            Key::Date(days) => mix(u64::from(days as u32), 1),
            Key::Clock(minutes) => mix(u64::from(minutes), 2),
        }
    }
}

/// A well-mixed 64-bit hash of two words (multiply, xor-shift, multiply).
fn mix(a: u64, b: u64) -> u64 {
    let x = a.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ b.wrapping_mul(0xc2b2_ae3d_27d4_eb4f);
    (x ^ (x >> 31)).wrapping_mul(0x94d0_49bb_1331_11eb)
}

/// A direct-mapped memo: a key whose slot is taken replaces the older entry, so memory stays
/// bounded and no input can make lookups slow; at worst a value is made again.
struct Memo<K, V> {
    slots: Vec<Option<(K, V)>>,
    /// `64 - log2(slots.len())`: a slot is the top bits of a key's hash.
    shift: u32,
}

impl<K: Copy + Eq, V: Clone> Memo<K, V> {
    /// `slots` rounded to a power of two, 16 to 8,192.
    fn new(slots: usize) -> Self {
        let slots = slots.clamp(16, 8_192).next_power_of_two();
        Memo {
            slots: vec![None; slots],
            shift: 64 - slots.trailing_zeros(),
        }
    }

    fn get(&mut self, key: K, hash: u64, make: impl FnOnce() -> V) -> V {
        match self.find(key, hash) {
            Some(value) => value,
            None => self.put(key, hash, make()),
        }
    }

    fn find(&self, key: K, hash: u64) -> Option<V> {
        match &self.slots[self.slot(hash)] {
            Some((k, value)) if *k == key => Some(value.clone()),
            _ => None,
        }
    }

    fn put(&mut self, key: K, hash: u64, value: V) -> V {
        let slot = self.slot(hash);
        self.slots[slot] = Some((key, value.clone()));
        value
    }

    /// The top bits of the hash, the best mixed, and below `slots.len()`, a power of two.
    fn slot(&self, hash: u64) -> usize {
        (hash >> self.shift) as usize
    }
}

/// The shared parts made so far in this request.
pub(crate) struct Interned {
    texts: Memo<Key, Arc<str>>,
    /// A series message's fields by (session, first and last day of its window).
    series_fields: Memo<(u32, i32, i32), Arc<[MergeField]>>,
    /// The source list of a message from one protocol step, by the step's index in the request.
    sources: Vec<Option<Arc<[MessageSource]>>>,
    no_fields: Option<Arc<[MergeField]>>,
}

impl Interned {
    /// Sized for about `messages` messages from protocols of `steps` steps in all.
    pub(crate) fn new(messages: usize, steps: usize) -> Self {
        Interned {
            texts: Memo::new(messages),
            series_fields: Memo::new(messages / 8),
            sources: vec![None; steps],
            no_fields: None,
        }
    }

    /// ISO 8601 with the instant's own offset ([`format_instant`]).
    pub(crate) fn instant(&mut self, local: DateTime<FixedOffset>) -> Arc<str> {
        let key = Key::Instant(
            local.timestamp(),
            local.timestamp_subsec_nanos(),
            local.offset().local_minus_utc(),
        );
        self.texts
            .get(key, key.hash(), || Arc::from(format_instant(local)))
    }

    pub(crate) fn date(&mut self, date: NaiveDate) -> Arc<str> {
        let key = Key::Date(date.num_days_from_ce());
        self.texts.get(key, key.hash(), || date_text(date))
    }

    /// `HH:MM`.
    pub(crate) fn clock(&mut self, hour: u32, minute: u32) -> Arc<str> {
        let key = Key::Clock(hour * 60 + minute);
        self.texts.get(key, key.hash(), || {
            let mut text = Ascii::default();
            text.two(hour).push(b':').two(minute);
            text.shared()
        })
    }

    /// `series.session`, `series.window_start` and `series.window_end`.
    pub(crate) fn series_fields(
        &mut self,
        session: u32,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Arc<[MergeField]> {
        let key = (session, from.num_days_from_ce(), to.num_days_from_ce());
        let hash = mix(
            u64::from(session) << 32 | u64::from(key.1 as u32),
            u64::from(key.2 as u32),
        );
        if let Some(fields) = self.series_fields.find(key, hash) {
            return fields;
        }
        let mut number = Ascii::default();
        number.number(session);
        let fields = Arc::from([
            field("series.session", number.shared()),
            field("series.window_start", self.date(from)),
            field("series.window_end", self.date(to)),
        ]);
        self.series_fields.put(key, hash, fields)
    }

    /// The fields of a message that has none of its own.
    pub(crate) fn no_fields(&mut self) -> Arc<[MergeField]> {
        self.no_fields.get_or_insert_with(|| Arc::from([])).clone()
    }

    /// The source list of a message from one step (`step` its index among the request's
    /// steps), made by `source` the first time.
    pub(crate) fn source(
        &mut self,
        step: usize,
        source: impl FnOnce() -> MessageSource,
    ) -> Arc<[MessageSource]> {
        match self.sources.get_mut(step) {
            Some(slot) => slot.get_or_insert_with(|| Arc::from([source()])).clone(),
            None => Arc::from([source()]),
        }
    }
}

pub(crate) fn field(name: &'static str, value: Arc<str>) -> MergeField {
    MergeField {
        name: Cow::Borrowed(name),
        value,
    }
}

/// `YYYY-MM-DD` (chrono's pattern formatter is several times slower for this one shape).
fn date_text(date: NaiveDate) -> Arc<str> {
    match u32::try_from(date.year()).ok().filter(|y| *y <= 9999) {
        Some(year) => {
            let mut text = Ascii::default();
            text.date(year, date.month(), date.day());
            text.shared()
        }
        None => Arc::from(date.format("%Y-%m-%d").to_string()),
    }
}

/// A short ASCII text written on the stack, so that the shared string is its only allocation.
#[derive(Default)]
struct Ascii {
    bytes: [u8; 24],
    len: usize,
}

impl Ascii {
    /// Appends `byte`; past the (never reached) capacity it is dropped rather than panicking.
    fn push(&mut self, byte: u8) -> &mut Self {
        if let Some(slot) = self.bytes.get_mut(self.len) {
            *slot = byte;
            self.len += 1;
        }
        self
    }

    /// Two digits: `n % 100`, zero-padded.
    fn two(&mut self, n: u32) -> &mut Self {
        self.push(digit(n / 10)).push(digit(n))
    }

    /// `YYYY-MM-DD`, for years 0 to 9999.
    fn date(&mut self, year: u32, month: u32, day: u32) -> &mut Self {
        self.two(year / 100).two(year % 100).push(b'-');
        self.two(month).push(b'-').two(day)
    }

    fn number(&mut self, n: u32) -> &mut Self {
        if n >= 10 {
            self.number(n / 10);
        }
        self.push(digit(n))
    }

    fn shared(&self) -> Arc<str> {
        // Only ASCII digits and punctuation were written, so this is never the empty fallback.
        Arc::from(std::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default())
    }
}

/// The ASCII digit of `n % 10`.
fn digit(n: u32) -> u8 {
    b'0' + (n % 10) as u8
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn dates_and_numbers_print_as_std_does(days in -1_000_000i32..4_000_000, n in any::<u32>()) {
            let date = NaiveDate::from_num_days_from_ce_opt(days).expect("in range");
            let expected = if (0..=9999).contains(&date.year()) {
                format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
            } else {
                date.format("%Y-%m-%d").to_string()
            };
            prop_assert_eq!(date_text(date).to_string(), expected);
            let mut number = Ascii::default();
            number.number(n);
            prop_assert_eq!(number.shared().to_string(), n.to_string());
            let (hour, minute) = (n % 24, n / 24 % 60);
            let mut interned = Interned::new(16, 0);
            prop_assert_eq!(interned.clock(hour, minute).to_string(), format!("{hour:02}:{minute:02}"));
        }
    }
}
