//! phi-lint exports: thin wrappers over `medspa-phi-lint`, whose data types carry their own
//! TypeScript declarations (its `ts` feature).

use crate::boundary::{decode, encode, to_js_error};
use medspa_phi_lint::LintOptions;
use wasm_bindgen::prelude::*;

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
    let options = decode::<LintOptions>(&options, "options")?;
    encode(&medspa_phi_lint::lint(&text, &options).map_err(to_js_error)?)
}

/// Like `lint`, for a template with merge fields such as `{{treatment.name}}`: each field is
/// classified, so a field that would put PHI into an SMS is reported with its own span.
#[wasm_bindgen(js_name = lintTemplate, unchecked_return_type = "Report")]
pub fn lint_template(
    #[wasm_bindgen(unchecked_param_type = "string")] template: String,
    #[wasm_bindgen(unchecked_param_type = "LintOptions")] options: String,
) -> Result<String, JsValue> {
    let template = decode::<String>(&template, "template")?;
    let options = decode::<LintOptions>(&options, "options")?;
    let report = medspa_phi_lint::lint_template(&template, &options)
        .map_err(|err| to_js_error(rename_text_path(err)))?;
    encode(&report)
}

/// The core names its input `$.text`; here the parameter is `template`.
fn rename_text_path(mut err: medspa_errors::CodedError) -> medspa_errors::CodedError {
    if let Some(rest) = err.path.strip_prefix("$.text") {
        err.path = format!("$.template{rest}");
    }
    err
}
