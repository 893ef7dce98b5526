//! The redacted message: every finding replaced by its neutral placeholder.

use medspa_spans::Span;

/// `text` with each span replaced by its placeholder. Overlapping spans are merged and take the
/// first placeholder; spans off char boundaries are skipped.
pub(crate) fn redact(text: &str, spans: &[(Span, &str)]) -> String {
    let mut sorted: Vec<(Span, &str)> = spans
        .iter()
        .copied()
        .filter(|(s, _)| s.slice(text).is_some() && !s.is_empty())
        .collect();
    sorted.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
    let mut out = String::with_capacity(text.len() + 16 * sorted.len());
    let mut pos = 0;
    for (span, placeholder) in sorted {
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
            &[
                (Span::new(4, 14), "[date of birth]"),
                (Span::new(21, 33), "[phone]"),
                (Span::new(25, 28), "[x]"),
            ],
        );
        assert_eq!(got, "DOB [date of birth], call [phone]");
    }
}
