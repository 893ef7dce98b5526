//! The redacted message: every finding replaced by its neutral placeholder.

use medspa_spans::Span;

/// `text` with each span replaced by its placeholder, and the merged spans that were (in
/// `edits`, as UTF-8 ranges). Overlapping spans are merged and take the first placeholder;
/// spans off char boundaries are skipped. `spans` is sorted and filtered in place (the caller
/// reuses it).
pub(crate) fn redact(
    text: &str,
    spans: &mut Vec<(Span, &'static str)>,
    edits: &mut Vec<(Span, &'static str)>,
) -> String {
    spans.retain(|(s, _)| s.slice(text).is_some() && !s.is_empty());
    spans.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
    edits.clear();
    for &(span, placeholder) in spans.iter() {
        match edits.last_mut() {
            // Overlaps the previous one: extend it.
            Some((last, _)) if span.start < last.end => last.end = last.end.max(span.end),
            _ => edits.push((span, placeholder)),
        }
    }
    let mut out = String::with_capacity(text.len() + 16 * edits.len());
    let mut pos = 0;
    for &(span, placeholder) in edits.iter() {
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
        let mut edits = Vec::new();
        let got = redact(
            text,
            &mut vec![
                (Span::new(4, 14), "[date of birth]"),
                (Span::new(21, 33), "[phone]"),
                (Span::new(25, 28), "[x]"),
                (Span::new(30, 33), "[y]"),
            ],
            &mut edits,
        );
        assert_eq!(got, "DOB [date of birth], call [phone]");
        assert_eq!(
            edits,
            [
                (Span::new(4, 14), "[date of birth]"),
                (Span::new(21, 33), "[phone]")
            ]
        );
    }
}
