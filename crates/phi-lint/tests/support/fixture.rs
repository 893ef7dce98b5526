//! Annotated fixtures, in the manner of rust-analyzer's: the text, and under any line a caret
//! line `   ^^^^^ rule/id` per expected diagnostic. `check` lints the text and compares the
//! whole set of `(rule id, span)` pairs.

use medspa_phi_lint::{lint, lint_template, LintOptions, Report};

/// Parses a fixture into the text and the expected `(rule id, utf8 start, utf8 end)` triples.
pub fn parse(fixture: &str) -> (String, Vec<(String, usize, usize)>) {
    let mut lines: Vec<&str> = Vec::new();
    let mut expected = Vec::new();
    let body = fixture.strip_prefix('\n').unwrap_or(fixture);
    for line in body.lines() {
        let trimmed = line.trim_start_matches(' ');
        let carets = trimmed.bytes().take_while(|&b| b == b'^').count();
        let rule = trimmed[carets..].trim();
        if carets > 0 && !lines.is_empty() && rule.contains('/') {
            let col = line.len() - trimmed.len();
            let last = lines[lines.len() - 1];
            let line_start: usize = lines[..lines.len() - 1].iter().map(|l| l.len() + 1).sum();
            let byte = |c: usize| last.char_indices().nth(c).map_or(last.len(), |(b, _)| b);
            expected.push((
                rule.to_string(),
                line_start + byte(col),
                line_start + byte(col + carets),
            ));
        } else {
            lines.push(line);
        }
    }
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    (lines.join("\n"), expected)
}

fn compare(text: &str, report: &Report, mut expected: Vec<(String, usize, usize)>) {
    let mut got: Vec<(String, usize, usize)> = report
        .diagnostics
        .iter()
        .map(|d| (d.rule_id.to_string(), d.utf8.start, d.utf8.end))
        .collect();
    got.sort();
    expected.sort();
    let show = |v: &[(String, usize, usize)]| {
        v.iter()
            .map(|(r, a, b)| format!("{r} {:?}", &text[*a..*b]))
            .collect::<Vec<_>>()
            .join(", ")
    };
    assert_eq!(
        got,
        expected,
        "\ntext: {text:?}\n got: {}\nwant: {}",
        show(&got),
        show(&expected)
    );
}

/// Lints the fixture's text and checks the diagnostics; returns the report for more checks.
pub fn check(fixture: &str, options: &LintOptions) -> Report {
    let (text, expected) = parse(fixture);
    let report = lint(&text, options).expect("lint");
    compare(&text, &report, expected);
    report
}

/// Like [`check`], for a template.
pub fn check_template(fixture: &str, options: &LintOptions) -> Report {
    let (text, expected) = parse(fixture);
    let report = lint_template(&text, options).expect("lint_template");
    compare(&text, &report, expected);
    report
}
