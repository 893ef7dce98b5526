//! Crossing the JS boundary. Arguments and results cross as JSON text: the shim calls
//! `JSON.stringify` on each argument and `JSON.parse` on the result, both native and fast,
//! while building or reading JS objects field by field from WASM (serde-wasm-bindgen) cost a
//! JS call per field: a 100-line invoice took 1.2 ms that way. Decoding, the core call and
//! encoding are `medspa-api`'s, shared with native callers; this module only turns its coded
//! errors into a thrown JS `Error` with `code` and `path` properties.

use medspa_errors::CodedError;
use wasm_bindgen::JsValue;

/// The answer of a `medspa-api` operation, with its error made a JS `Error`.
pub fn to_js(answer: Result<String, CodedError>) -> Result<String, JsValue> {
    answer.map_err(to_js_error)
}

/// A JS `Error` whose `message` is the coded message and which carries `code` and `path`.
pub fn to_js_error(err: CodedError) -> JsValue {
    let js_error = js_sys::Error::new(&err.message);
    js_error.set_name("MedspaError");
    // Reflect::set only fails on frozen or proxied targets; a fresh Error is neither.
    let _ = js_sys::Reflect::set(&js_error, &"code".into(), &err.code.into());
    let _ = js_sys::Reflect::set(&js_error, &"path".into(), &err.path.into());
    js_error.into()
}
