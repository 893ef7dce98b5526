//! Email addresses and web addresses (URLs, bare domains with a path or a common TLD).
//! The clinic's own domains and addresses are dropped later, by the context rule.

use super::{strength, Candidate, Scan};
use crate::kind::Kind;
use medspa_spans::Span;

fn is_local_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"._%+-".contains(&b)
}

fn is_domain_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'.'
}

/// Top-level domains accepted in a bare domain ("glowspa.com/book"); schemes and `www.` need none.
const TLDS: &[&str] = &[
    "com", "net", "org", "io", "co", "us", "info", "biz", "me", "health", "clinic", "spa", "app",
    "site", "online", "care", "example", "mx", "es", "ca", "uk", "ly", "gl", "link",
];

/// Email and URL candidates, and the byte ranges they cover (so the number scan can skip them).
pub(crate) fn detect(scan: &Scan<'_>, out: &mut Vec<Candidate>) {
    let text = scan.text;
    let bytes = text.as_bytes();
    let mut covered_until = 0;
    let mut emails: Vec<Span> = Vec::new();
    // Emails: around each '@'.
    let marks = scan.index.marks();
    for at in marks
        .iter()
        .map(|&m| m as usize)
        .filter(|&m| bytes.get(m) == Some(&b'@'))
    {
        if at < covered_until {
            continue;
        }
        let mut start = at;
        while start > 0 && is_local_byte(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = at + 1;
        while end < bytes.len() && is_domain_byte(bytes[end]) {
            end += 1;
        }
        while end > at + 1 && matches!(bytes[end - 1], b'.' | b'-') {
            end -= 1;
        }
        let domain = &text[at + 1..end];
        let tld_ok = domain.rsplit_once('.').is_some_and(|(host, tld)| {
            !host.is_empty() && tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic())
        });
        while start < at && matches!(bytes[start], b'.' | b'-' | b'+') {
            start += 1;
        }
        if start < at && tld_ok {
            // An address beats the name parts inside it ("maria.garcia@…").
            out.push(Candidate::new(
                Span::new(start, end),
                Kind::Email,
                strength::CONTEXT + 1,
            ));
            emails.push(Span::new(start, end));
            covered_until = end;
        }
    }
    // URLs: every URL has a dot or a scheme's colon; look only at tokens holding one.
    let mut from = 0;
    for pos in marks
        .iter()
        .map(|&m| m as usize)
        .filter(|&m| bytes.get(m) != Some(&b'@'))
    {
        if pos < from {
            continue;
        }
        // The token around the mark: back to whitespace or an opening bracket/quote.
        let mut i = pos;
        while i > 0
            && !bytes[i - 1].is_ascii_whitespace()
            && bytes[i - 1] < 0x80
            && !matches!(
                bytes[i - 1],
                b'(' | b'<' | b'"' | b'\'' | b'[' | b'{' | b'@'
            )
        {
            i -= 1;
        }
        let end = url_end(bytes, i);
        from = end.max(pos + 1);
        if end <= i || !bytes[i].is_ascii_alphanumeric() || inside(&emails, i) {
            continue;
        }
        let rest = &bytes[i..end];
        // Every URL shape below needs a dot or a colon in the token itself; most marks are
        // sentence ends, trimmed off by `url_end`.
        if !rest.iter().any(|&b| b == b'.' || b == b':') {
            continue;
        }
        let has_scheme = starts_with_ci(rest, b"http://") || starts_with_ci(rest, b"https://");
        let has_www = starts_with_ci(rest, b"www.");
        if has_scheme || has_www || is_bare_domain(&text[i..end]) {
            out.push(Candidate::new(
                Span::new(i, end),
                Kind::Url,
                strength::CONTEXT + 1,
            ));
        }
    }
}

/// Whether `pos` lies in one of the sorted, disjoint `spans`.
fn inside(spans: &[Span], pos: usize) -> bool {
    let i = spans.partition_point(|s| s.end <= pos);
    spans.get(i).is_some_and(|s| s.start <= pos)
}

fn starts_with_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= needle.len() && hay[..needle.len()].eq_ignore_ascii_case(needle)
}

/// End of a URL-ish token: up to whitespace or a closing bracket/quote, minus trailing
/// sentence punctuation.
fn url_end(bytes: &[u8], start: usize) -> usize {
    let mut end = start;
    while end < bytes.len() {
        let b = bytes[end];
        if b.is_ascii_whitespace()
            || b >= 0x80
            || matches!(
                b,
                b'<' | b'>' | b'"' | b'\'' | b')' | b']' | b'}' | b'(' | b'@'
            )
        {
            break;
        }
        end += 1;
    }
    while end > start && matches!(bytes[end - 1], b'.' | b',' | b';' | b':' | b'!' | b'?') {
        end -= 1;
    }
    end
}

/// `host.tld` or `host.tld/path`, with letters in the host and a TLD from [`TLDS`].
fn is_bare_domain(token: &str) -> bool {
    let host = token.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.split(':').next().unwrap_or("");
    let Some((name, tld)) = host.rsplit_once('.') else {
        return false;
    };
    !name.is_empty()
        && name.bytes().any(|b| b.is_ascii_alphabetic())
        && name.bytes().all(is_domain_byte)
        && !name.starts_with(['.', '-'])
        && TLDS.iter().any(|t| tld.eq_ignore_ascii_case(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_domains() {
        assert!(is_bare_domain("glowmedspa.example/book"));
        assert!(is_bare_domain("maria.example.com"));
        assert!(!is_bare_domain("e.g"));
        assert!(!is_bare_domain("3.5"));
        assert!(!is_bare_domain("p.m"));
    }
}
