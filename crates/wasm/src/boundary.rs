//! Crossing the JS boundary: decoding arguments with JSON paths, encoding results, and turning
//! a [`CodedError`] into a thrown JS `Error` with `code` and `path` properties.

use medspa_errors::CodedError;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

/// Decodes the argument named `param`; error paths are reported as `$.param…`.
///
/// The JS value is first read generically into a JSON value, then decoded from that. Reading a
/// struct straight from a JS object would look up only the fields the struct knows, so unknown
/// fields (typos, stray PHI) would pass silently; this way they are rejected, and a request
/// decodes exactly as the same JSON does natively.
pub fn decode<T: DeserializeOwned>(value: JsValue, param: &str) -> Result<T, JsValue> {
    let at_param = |err: CodedError| to_js_error(err.under(&format!("$.{param}")));
    let generic: serde_json::Value = serde_wasm_bindgen::from_value(value).map_err(|_| {
        at_param(CodedError::new(
            medspa_errors::codes::INVALID_INPUT,
            "$",
            "expected plain JSON-like data (objects, arrays, strings, numbers, booleans, null)",
        ))
    })?;
    medspa_errors::decode_value(&generic).map_err(at_param)
}

/// The shape of every single-request export: decode the argument named `param`, run the core
/// operation, encode its answer; the core's error paths are re-rooted at `$.param`.
pub fn call<Req: DeserializeOwned, Res: Serialize>(
    value: JsValue,
    param: &str,
    operation: impl FnOnce(&Req) -> Result<Res, CodedError>,
) -> Result<JsValue, JsValue> {
    let request = decode::<Req>(value, param)?;
    let answer =
        operation(&request).map_err(|err| to_js_error(err.under(&format!("$.{param}"))))?;
    encode(&answer)
}

/// Encodes a result as plain JS data: objects (not `Map`s) and numbers (not `BigInt`s).
pub fn encode<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|_| {
            to_js_error(CodedError::new(
                "UNREPRESENTABLE_RESULT",
                "$",
                "the result holds a number JavaScript cannot represent exactly",
            ))
        })
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
