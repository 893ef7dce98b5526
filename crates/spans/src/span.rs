//! The half-open UTF-8 byte range every core finding points at.

use serde::{Deserialize, Serialize};

/// A half-open range `[start, end)` of UTF-8 byte offsets into some text.
///
/// The fields are public, so nothing stops `start > end`; every method treats such a span as empty
/// instead of panicking.
///
/// ```
/// use medspa_spans::Span;
/// let text = "Botox 🙂 today";
/// let span = Span::new(6, 10);
/// assert_eq!(span.slice(text), Some("🙂"));
/// assert_eq!(span.len(), 4);
/// assert!(span.contains(6) && !span.contains(10));
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Span {
    /// Byte offset of the first byte in the span.
    pub start: usize,
    /// Byte offset one past the last byte in the span.
    pub end: usize,
}

impl Span {
    /// Builds the span `[start, end)`.
    ///
    /// ```
    /// use medspa_spans::Span;
    /// assert_eq!(Span::new(2, 5), Span { start: 2, end: 5 });
    /// ```
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// Number of bytes covered; zero when `end <= start`.
    ///
    /// ```
    /// use medspa_spans::Span;
    /// assert_eq!(Span::new(3, 7).len(), 4);
    /// assert_eq!(Span::new(7, 3).len(), 0);
    /// ```
    pub const fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers no bytes.
    ///
    /// ```
    /// use medspa_spans::Span;
    /// assert!(Span::new(4, 4).is_empty());
    /// assert!(!Span::new(4, 5).is_empty());
    /// ```
    pub const fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// Whether the byte at `offset` lies inside the span (`start <= offset < end`).
    ///
    /// ```
    /// use medspa_spans::Span;
    /// let span = Span::new(2, 4);
    /// assert!(span.contains(2) && span.contains(3));
    /// assert!(!span.contains(4));
    /// ```
    pub const fn contains(self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    /// The text the span covers, or `None` if it is out of range, reversed, or splits a character.
    ///
    /// ```
    /// use medspa_spans::Span;
    /// assert_eq!(Span::new(0, 2).slice("café"), Some("ca"));
    /// assert_eq!(Span::new(0, 4).slice("café"), None); // inside the two-byte 'é'
    /// assert_eq!(Span::new(0, 9).slice("café"), None);
    /// ```
    pub fn slice(self, text: &str) -> Option<&str> {
        text.get(self.start..self.end)
    }
}

#[cfg(test)]
mod tests {
    use super::Span;

    #[test]
    fn reversed_span_is_empty_and_slices_to_none() {
        let span = Span::new(5, 2);
        assert!(span.is_empty());
        assert_eq!(span.len(), 0);
        assert!(!span.contains(3));
        assert_eq!(span.slice("hello world"), None);
    }

    #[test]
    fn orders_by_start_then_end() {
        let mut spans = vec![Span::new(3, 4), Span::new(1, 9), Span::new(1, 2)];
        spans.sort();
        assert_eq!(
            spans,
            vec![Span::new(1, 2), Span::new(1, 9), Span::new(3, 4)]
        );
    }

    #[test]
    fn serde_round_trip() {
        let json = serde_json::to_string(&Span::new(1, 3)).expect("serialize");
        assert_eq!(json, r#"{"start":1,"end":3}"#);
        let back: Span = serde_json::from_str(&json).expect("deserialize");
        assert_eq!(back, Span::new(1, 3));
    }
}
