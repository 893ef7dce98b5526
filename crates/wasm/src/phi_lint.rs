//! phi-lint exports: thin wrappers over `medspa-phi-lint`, whose data types carry their own
//! TypeScript declarations (its `ts` feature).

use crate::boundary::to_js;
use medspa_api::packed_report::{Packed, SentStrings};
use medspa_api::phi_lint as api;
use medspa_errors::CodedError;
use medspa_phi_lint::Linter;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    /// The linter compiled for the last options text: a message box lints on every keystroke
    /// with the same options, and compiling them costs more than linting an SMS.
    static LAST_LINTER: RefCell<Option<(String, Linter)>> = const { RefCell::new(None) };
    /// The names and messages the shim has been sent (see `medspa_api::packed_report`).
    static SENT: RefCell<SentStrings> = RefCell::new(SentStrings::default());
    /// The text part of the last packed report, until the shim fetches it (`__packedText`).
    static PACKED_TEXT: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Keeps a packed report's text for `__packedText` and hands its numbers to JS.
fn hand_over(packed: Result<Packed, CodedError>) -> Result<Vec<i32>, JsValue> {
    let Packed { numbers, text } = packed.map_err(crate::boundary::to_js_error)?;
    PACKED_TEXT.set(text);
    Ok(numbers)
}

fn with_linter<T>(
    options: &str,
    check: impl FnOnce(&Linter) -> Result<T, CodedError>,
) -> Result<T, CodedError> {
    LAST_LINTER.with_borrow_mut(|last| {
        let kept = match last.take() {
            Some((text, linter)) if text == options => (text, linter),
            _ => (options.to_string(), api::linter(options)?),
        };
        let (_, linter) = last.insert(kept);
        check(linter)
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
    to_js(with_linter(&options, |linter| {
        api::lint_with(linter, &text)
    }))
}

/// Like `lint`, for a template with merge fields such as `{{treatment.name}}`: each field is
/// classified, so a field that would put PHI into an SMS is reported with its own span.
#[wasm_bindgen(js_name = lintTemplate, unchecked_return_type = "Report")]
pub fn lint_template(
    #[wasm_bindgen(unchecked_param_type = "string")] template: String,
    #[wasm_bindgen(unchecked_param_type = "LintOptions")] options: String,
) -> Result<String, JsValue> {
    to_js(with_linter(&options, |linter| {
        api::lint_template_with(linter, &template)
    }))
}

/// Internal to the shim, which exports it as `lint`: the text as it is, and the report packed
/// for a caller already holding `known` strings (see `medspa_api::packed_report`): its numbers
/// here, as an `Int32Array`, and its text from `__packedText`.
#[wasm_bindgen(js_name = __lintPacked)]
pub fn lint_packed(text: String, options: String, known: u32) -> Result<Vec<i32>, JsValue> {
    hand_over(with_linter(&options, |linter| {
        SENT.with_borrow_mut(|sent| api::lint_packed(linter, &text, sent, known as usize))
    }))
}

/// Internal to the shim, which exports it as `lintTemplate` (see `__lintPacked`).
#[wasm_bindgen(js_name = __lintTemplatePacked)]
pub fn lint_template_packed(
    template: String,
    options: String,
    known: u32,
) -> Result<Vec<i32>, JsValue> {
    hand_over(with_linter(&options, |linter| {
        SENT.with_borrow_mut(|sent| {
            api::lint_template_packed(linter, &template, sent, known as usize)
        })
    }))
}

/// Internal to the shim: the text part of the last packed report (once; then empty).
#[wasm_bindgen(js_name = __packedText)]
pub fn packed_text() -> String {
    PACKED_TEXT.take()
}
