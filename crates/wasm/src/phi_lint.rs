//! phi-lint exports: thin wrappers over `medspa-phi-lint`, whose data types carry their own
//! TypeScript declarations (its `ts` feature).

use crate::boundary::{decode, encode, to_js_error};
use medspa_phi_lint::{LintOptions, Linter, Report};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    /// The options last used and the linter compiled from them. A message box lints on every
    /// keystroke with the same options, so decoding and compiling them again each time is waste.
    static LAST_LINTER: RefCell<Option<(String, Linter)>> = const { RefCell::new(None) };
}

/// Runs `check` with the linter for `options` (JSON text), compiling it only when they change.
fn with_linter(
    options: &str,
    check: impl FnOnce(&Linter) -> Result<Report, medspa_errors::CodedError>,
) -> Result<Report, JsValue> {
    LAST_LINTER.with(|cell| {
        let mut last = cell.borrow_mut();
        if last.as_ref().is_none_or(|(text, _)| text != options) {
            let decoded = decode::<LintOptions>(options, "options")?;
            let linter =
                Linter::new(&decoded).map_err(|err| to_js_error(err.under("$.options")))?;
            *last = Some((options.to_string(), linter));
        }
        match last.as_ref() {
            Some((_, linter)) => check(linter).map_err(to_js_error),
            None => Err(to_js_error(medspa_errors::CodedError::new(
                medspa_errors::codes::INTERNAL,
                "$",
                "the linter could not be prepared",
            ))),
        }
    })
}

/// Checks a client message for PHI and for content that needs a licensed clinician, for the
/// channel and policy in `options`. Returns the verdict (`allow`, `warn`, `block`), the
/// escalation (`none`, `clinical`, `urgent`), diagnostics with spans in UTF-16 code units (what
/// `text.slice(start, end)` expects) and UTF-8 bytes, fixes, and the redacted text.
///
/// Throws `MedspaError` with `TEXT_TOO_LONG` (`$.text`, over 64 KiB) or an options error such as
/// `INVALID_VALUE` at `$.options.channel`.
#[wasm_bindgen(js_name = lint, unchecked_return_type = "Report")]
pub fn lint(
    #[wasm_bindgen(unchecked_param_type = "string")] text: String,
    #[wasm_bindgen(unchecked_param_type = "LintOptions")] options: String,
) -> Result<String, JsValue> {
    let text = decode::<String>(&text, "text")?;
    encode(&with_linter(&options, |linter| linter.lint(&text))?)
}

/// Like `lint`, for a template with merge fields such as `{{treatment.name}}`: each field is
/// classified, so a field that would put PHI into an SMS is reported with its own span.
#[wasm_bindgen(js_name = lintTemplate, unchecked_return_type = "Report")]
pub fn lint_template(
    #[wasm_bindgen(unchecked_param_type = "string")] template: String,
    #[wasm_bindgen(unchecked_param_type = "LintOptions")] options: String,
) -> Result<String, JsValue> {
    let template = decode::<String>(&template, "template")?;
    let report = with_linter(&options, |linter| {
        linter.lint_template(&template).map_err(rename_text_path)
    })?;
    encode(&report)
}

/// The core names its input `$.text`; here the parameter is `template`.
fn rename_text_path(mut err: medspa_errors::CodedError) -> medspa_errors::CodedError {
    if let Some(rest) = err.path.strip_prefix("$.text") {
        err.path = format!("$.template{rest}");
    }
    err
}
