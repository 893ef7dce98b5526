//! phi-lint operations (`medspa-phi-lint`) as JSON text. A [`Linter`] compiled from the options
//! can be kept and reused while a person types; the WASM bindings keep the last one.

use crate::json::{decode, encode};
use crate::packed_report::{pack_into, Packed, SentStrings};
use medspa_errors::CodedError;
use medspa_phi_lint::{LintOptions, Linter, Report};

/// Compiles `options` (JSON text) into a linter; errors are reported under `$.options`.
pub fn linter(options: &str) -> Result<Linter, CodedError> {
    let options = decode::<LintOptions>(options, "options")?;
    Linter::new(&options).map_err(|err| err.under("$.options"))
}

/// `lint(text, options)` with a compiled linter; `text` is a JSON string.
pub fn lint_with(linter: &Linter, text: &str) -> Result<String, CodedError> {
    let text = decode::<String>(text, "text")?;
    encode(&linter.lint(&text)?)
}

/// `lintTemplate(template, options)` with a compiled linter; `template` is a JSON string.
pub fn lint_template_with(linter: &Linter, template: &str) -> Result<String, CodedError> {
    let template = decode::<String>(template, "template")?;
    encode(&template_report(linter, &template)?)
}

fn template_report(linter: &Linter, template: &str) -> Result<Report, CodedError> {
    linter.lint_template(template).map_err(|mut err| {
        // The core names its argument `text`; this operation calls it `template`.
        if let Some(rest) = err.path.strip_prefix("$.text") {
            err.path = format!("$.template{rest}");
        }
        err
    })
}

/// `lint` for the JS shim: `text` as it is (not JSON) and the report packed (see
/// [`crate::packed_report`]) into `out` for a caller holding the first `known` strings of
/// `sent`.
pub fn lint_packed(
    linter: &Linter,
    text: &str,
    sent: &mut SentStrings,
    known: usize,
    out: &mut Packed,
) -> Result<(), CodedError> {
    pack_into(&linter.lint(text)?, sent, known, out);
    Ok(())
}

/// `lintTemplate` for the JS shim, as [`lint_packed`].
pub fn lint_template_packed(
    linter: &Linter,
    template: &str,
    sent: &mut SentStrings,
    known: usize,
    out: &mut Packed,
) -> Result<(), CodedError> {
    pack_into(&template_report(linter, template)?, sent, known, out);
    Ok(())
}

/// `lint(text, options)`: the report for one message.
///
/// ```
/// let report = medspa_api::phi_lint::lint(r#""SSN 123-45-6789""#, r#"{"channel":"sms"}"#).unwrap();
/// assert!(report.contains(r#""verdict":"block""#));
/// ```
pub fn lint(text: &str, options: &str) -> Result<String, CodedError> {
    lint_with(&linter(options)?, text)
}

/// `lintTemplate(template, options)`: the report for a template with merge fields.
pub fn lint_template(template: &str, options: &str) -> Result<String, CodedError> {
    lint_template_with(&linter(options)?, template)
}
