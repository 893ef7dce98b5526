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
    /// The linters the shim has compiled (`__linterNew`), by handle; a freed handle's slot is
    /// `None` until a new linter takes it. A message box lints on every keystroke with the same
    /// options, and compiling them costs more than linting an SMS, so the shim compiles once
    /// per options and passes a handle, not the options, with each text.
    static LINTERS: RefCell<Vec<Option<Linter>>> = const { RefCell::new(Vec::new()) };
    /// The names and messages the shim has been sent (see `medspa_api::packed_report`).
    static SENT: RefCell<SentStrings> = RefCell::new(SentStrings::default());
    /// The last packed report: the shim reads its numbers in place (see `hand_over`), and
    /// fetches its text, when there is one, with `__packedText`.
    static PACKED: RefCell<Packed> = RefCell::new(Packed::default());
    /// Why the last check failed, until the shim asks (`__failure`).
    static FAILURE: RefCell<Option<CodedError>> = const { RefCell::new(None) };
}

/// What a check answers instead of an address when it failed: `__failure` then throws why. (A
/// `Result` return costs a JS array per call under wasm-bindgen's multi-value ABI.)
const FAILED: u32 = u32::MAX;

/// Packs a report for the shim with `pack` and returns the address of its numbers in WASM
/// memory, or [`FAILED`]. Handing over a `Vec<i32>` (a fresh `Int32Array` copied out of memory,
/// then freed) cost 1 µs per report under Node 20, as much as a fifth of linting an SMS; the
/// shim reads the numbers through one view of the memory instead, before its next call changes
/// them.
fn hand_over(pack: impl FnOnce(&mut Packed) -> Result<(), CodedError>) -> u32 {
    PACKED.with_borrow_mut(|packed| match pack(packed) {
        // WASM addresses are 32-bit, and a `Vec<i32>`'s is 4-aligned: never `FAILED`.
        Ok(()) => u32::try_from(packed.numbers.as_ptr() as usize).unwrap_or(FAILED),
        Err(err) => {
            FAILURE.set(Some(err));
            FAILED
        }
    })
}

/// Internal to the shim: throws why the last check answered `FAILED`.
#[wasm_bindgen(js_name = __failure)]
pub fn failure() -> Result<(), JsValue> {
    let err = FAILURE
        .take()
        .unwrap_or_else(|| CodedError::new("INTERNAL", "$", "medspa-kit failed internally"));
    Err(crate::boundary::to_js_error(err))
}

/// Internal to the shim: the instance's memory, where it reads packed reports.
#[wasm_bindgen(js_name = __packedMemory)]
pub fn packed_memory() -> JsValue {
    wasm_bindgen::memory()
}

/// Runs `check` with the linter behind `handle`.
fn with_handle<T>(
    handle: u32,
    check: impl FnOnce(&Linter) -> Result<T, CodedError>,
) -> Result<T, CodedError> {
    LINTERS.with_borrow(|linters| match linters.get(handle as usize) {
        Some(Some(linter)) => check(linter),
        _ => Err(CodedError::new(
            "LINTER_FREED",
            "$",
            "this linter was freed; create another with createLinter(options)",
        )),
    })
}

/// Internal to the shim: compiles `options` (JSON text) and returns the linter's handle.
#[wasm_bindgen(js_name = __linterNew)]
pub fn linter_new(options: String) -> Result<u32, JsValue> {
    let linter = api::linter(&options).map_err(crate::boundary::to_js_error)?;
    Ok(LINTERS.with_borrow_mut(|linters| {
        let slot = match linters.iter().position(Option::is_none) {
            Some(free) => free,
            None => {
                linters.push(None);
                linters.len() - 1
            }
        };
        linters[slot] = Some(linter);
        slot as u32
    }))
}

/// Internal to the shim: frees a linter (an unknown or freed handle is ignored).
#[wasm_bindgen(js_name = __linterFree)]
pub fn linter_free(handle: u32) {
    LINTERS.with_borrow_mut(|linters| {
        if let Some(slot) = linters.get_mut(handle as usize) {
            *slot = None;
        }
        while linters.last().is_some_and(Option::is_none) {
            linters.pop();
        }
    });
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
    to_js(api::lint(&text, &options))
}

/// Like `lint`, for a template with merge fields such as `{{treatment.name}}`: each field is
/// classified, so a field that would put PHI into an SMS is reported with its own span.
#[wasm_bindgen(js_name = lintTemplate, unchecked_return_type = "Report")]
pub fn lint_template(
    #[wasm_bindgen(unchecked_param_type = "string")] template: String,
    #[wasm_bindgen(unchecked_param_type = "LintOptions")] options: String,
) -> Result<String, JsValue> {
    to_js(api::lint_template(&template, &options))
}

/// Internal to the shim, which exports it as `lint`: the text as it is, checked by the linter
/// behind `handle`, and the report packed for a caller already holding `known` strings (see
/// `medspa_api::packed_report`): the address of its numbers (see `hand_over`), and its text,
/// when it has new strings, from `__packedText`.
#[wasm_bindgen(js_name = __lintPacked)]
pub fn lint_packed(handle: u32, text: String, known: u32) -> u32 {
    hand_over(|packed| {
        with_handle(handle, |linter| {
            SENT.with_borrow_mut(|sent| {
                api::lint_packed(linter, &text, sent, known as usize, packed)
            })
        })
    })
}

/// Internal to the shim, which exports it as `lintTemplate` (see `__lintPacked`).
#[wasm_bindgen(js_name = __lintTemplatePacked)]
pub fn lint_template_packed(handle: u32, template: String, known: u32) -> u32 {
    hand_over(|packed| {
        with_handle(handle, |linter| {
            SENT.with_borrow_mut(|sent| {
                api::lint_template_packed(linter, &template, sent, known as usize, packed)
            })
        })
    })
}

/// Internal to the shim: the text part of the last packed report (once; then empty).
#[wasm_bindgen(js_name = __packedText)]
pub fn packed_text() -> String {
    PACKED.with_borrow_mut(|packed| std::mem::take(&mut packed.text))
}
