//! The redacted message: every finding replaced by its neutral placeholder.

use medspa_spans::Span;

/// `text` with each span replaced by its placeholder. Overlapping spans are merged and take the
/// first placeholder; spans off char boundaries are skipped. `spans` is sorted and filtered in
/// place (the caller reuses it).
pub(crate) fn redact(text: &str, spans: &mut Vec<(Span, &str)>) -> String {
    spans.retain(|(s, _)| s.slice(text).is_some() && !s.is_empty());
    spans.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
    let mut out = String::with_capacity(text.len() + 16 * spans.len());
    let mut pos = 0;
    for &(span, placeholder) in spans.iter() {
        if span.start < pos {
            // Overlaps the previous one: extend it.
            pos = pos.max(span.end);
            continue;
        }
        out.push_str(&text[pos..span.start]);
        out.push_str(placeholder);
        pos = span.end;
    }
    out.push_str(&text[pos..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_and_merges() {
        let text = "DOB 02/14/1991, call 212-555-0147";
        let got = redact(
            text,
            &mut vec![
                (Span::new(4, 14), "[date of birth]"),
                (Span::new(21, 33), "[phone]"),
                (Span::new(25, 28), "[x]"),
            ],
        );
        assert_eq!(got, "DOB [date of birth], call [phone]");
    }
}
