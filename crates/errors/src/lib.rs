//! Coded errors shared by every medspa-kit plugin.
//!
//! A [`CodedError`] is what a caller gets for a request that cannot be answered at all: a stable
//! SCREAMING_SNAKE `code`, a JSON `path` to the offending field (`$.weights[2]`), and a message.
//! The invariant this crate exists for: **a message never contains input text**, because input may
//! be protected health information. Messages are built only from static text and from the schema
//! (field names and expected types), never from the values a caller sent.
//!
//! [`decode`] turns any serde [`Deserializer`] (JSON natively, a JS value in the WASM bindings) into
//! a typed request, mapping serde's messages, which do quote input values, to coded errors that do
//! not, and tracking the JSON path of the first problem.

#![forbid(unsafe_code)]

mod tracked;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// A caller mistake: the request cannot be answered.
///
/// ```
/// use medspa_errors::CodedError;
/// let err = CodedError::new("NEGATIVE_WEIGHT", "$.weights[1]", "weights must not be negative");
/// assert_eq!(err.code, "NEGATIVE_WEIGHT");
/// assert_eq!(err.to_string(), "NEGATIVE_WEIGHT at $.weights[1]: weights must not be negative");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodedError {
    /// Stable SCREAMING_SNAKE identifier; callers branch on this.
    pub code: &'static str,
    /// JSON path to the offending field, `$` for the whole request.
    pub path: String,
    /// Plain-language explanation; never contains input text.
    pub message: String,
}

impl CodedError {
    /// Builds an error. `message` must be static text or text derived from the schema only.
    pub fn new(code: &'static str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            code,
            path: path.into(),
            message: message.into(),
        }
    }

    /// Encodes this error as a serde custom-error message, for `TryFrom` impls used with
    /// `#[serde(try_from = …)]`: [`decode`] recognises it and keeps the code and message,
    /// with the path of the field being decoded.
    ///
    /// ```
    /// use medspa_errors::{decode, CodedError};
    /// #[derive(serde::Deserialize, Debug)]
    /// #[serde(try_from = "i64")]
    /// struct Quantity(i64);
    /// impl TryFrom<i64> for Quantity {
    ///     type Error = String;
    ///     fn try_from(n: i64) -> Result<Self, String> {
    ///         if n > 0 { Ok(Quantity(n)) }
    ///         else { Err(CodedError::new("NOT_POSITIVE", "$", "must be positive").into_serde_message()) }
    ///     }
    /// }
    /// #[derive(serde::Deserialize, Debug)]
    /// struct Line { quantity: Quantity }
    /// let err = decode::<Line, _>(&mut serde_json::Deserializer::from_str(r#"{"quantity":-2}"#)).unwrap_err();
    /// assert_eq!((err.code, err.path.as_str(), err.message.as_str()), ("NOT_POSITIVE", "$.quantity", "must be positive"));
    /// ```
    pub fn into_serde_message(self) -> String {
        format!("{CODED_MARK}{}{CODED_MARK}{}", self.code, self.message)
    }

    /// The same error, reported under a parent path: `at("$.total")` turns `$.minor` into
    /// `$.total.minor`. Lets a nested validator report paths relative to itself.
    pub fn under(mut self, parent: &str) -> Self {
        self.path = match self.path.strip_prefix('$') {
            Some(rest) => format!("{parent}{rest}"),
            None => format!("{parent}.{}", self.path),
        };
        self
    }
}

impl fmt::Display for CodedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at {}: {}", self.code, self.path, self.message)
    }
}

impl std::error::Error for CodedError {}

/// Brackets the code in a message made by [`CodedError::into_serde_message`]; a control
/// character no serde or library message contains.
const CODED_MARK: char = '\u{1}';

/// Stable codes for input that does not match the request schema.
pub mod codes {
    /// A field holds a value of the wrong JSON type.
    pub const INVALID_TYPE: &str = "INVALID_TYPE";
    /// A field has the right type but a value outside what the schema allows.
    pub const INVALID_VALUE: &str = "INVALID_VALUE";
    /// A list or tuple has the wrong number of elements.
    pub const INVALID_LENGTH: &str = "INVALID_LENGTH";
    /// A required field is absent.
    pub const MISSING_FIELD: &str = "MISSING_FIELD";
    /// A field the schema does not know; unknown fields are rejected so typos surface.
    pub const UNKNOWN_FIELD: &str = "UNKNOWN_FIELD";
    /// A field appears twice.
    pub const DUPLICATE_FIELD: &str = "DUPLICATE_FIELD";
    /// Input that cannot be read for any other reason.
    pub const INVALID_INPUT: &str = "INVALID_INPUT";
    /// A bug in medspa-kit (a trap in WASM); the shim re-initialises and reports this.
    pub const INTERNAL: &str = "INTERNAL";
}

/// Deserializes a request, reporting the first problem as a [`CodedError`] with its JSON path.
///
/// The input is read into a JSON value first (a syntax error is `INVALID_INPUT` at `$`), then
/// decoded by [`decode_value`]; JSON text natively and JS values in WASM take the same route.
///
/// ```
/// use medspa_errors::decode;
/// #[derive(serde::Deserialize, Debug)]
/// #[serde(deny_unknown_fields)]
/// struct Req { weights: Vec<u32> }
///
/// let mut json = serde_json::Deserializer::from_str(r#"{"weights":[1,"987-65-4320"]}"#);
/// let err = decode::<Req, _>(&mut json).unwrap_err();
/// assert_eq!(err.code, "INVALID_TYPE");
/// assert_eq!(err.path, "$.weights[1]");
/// assert!(!err.message.contains("987"));
/// ```
pub fn decode<'de, T, D>(deserializer: D) -> Result<T, CodedError>
where
    T: DeserializeOwned,
    D: Deserializer<'de>,
{
    let value = serde_json::Value::deserialize(deserializer)
        .map_err(|_| CodedError::new(codes::INVALID_INPUT, "$", "the request could not be read"))?;
    decode_value(&value)
}

/// Decodes a request from a parsed JSON value, reporting the first problem with its JSON path.
pub fn decode_value<T: DeserializeOwned>(value: &serde_json::Value) -> Result<T, CodedError> {
    let tracker = tracked::Tracker::default();
    T::deserialize(tracked::Tracked {
        value,
        tracker: &tracker,
    })
    .map_err(|err| {
        let text = without_decorations(&err.0);
        let (code, message) = coded(text).unwrap_or_else(|| classify(text));
        CodedError {
            code,
            path: json_path(&tracker.failure_path()),
            message,
        }
    })
}

/// Renders a path as JSON path. Map keys come from the input, so a key that is not a plain
/// schema-like identifier is replaced by `?` rather than echoed.
fn json_path(segments: &[tracked::Segment<'_>]) -> String {
    let mut out = String::from("$");
    for segment in segments {
        match segment {
            tracked::Segment::Index(index) => out.push_str(&format!("[{index}]")),
            tracked::Segment::Key(key) if is_schema_like(key) => {
                out.push('.');
                out.push_str(key);
            }
            tracked::Segment::Key(_) => out.push_str(".?"),
        }
    }
    out
}

/// Field names in our schemas are short ASCII identifiers (camelCase or kebab-case).
fn is_schema_like(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 40
        && key.starts_with(|c: char| c.is_ascii_alphabetic())
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !key.chars().any(|c| c.is_ascii_digit())
}

/// Maps serde's message to a code and an input-free message. serde's formats are stable:
/// `invalid type: <unexpected>, expected <expected>`, `unknown field `x`, expected ...`,
/// `missing field `x``. The `<unexpected>` part quotes input and is always dropped; the
/// `<expected>` part is produced by our own derived types and is kept.
fn classify(serde_message: &str) -> (&'static str, String) {
    // serde-wasm-bindgen's errors are JS `Error`s displayed as `Error: …`; serde_json appends a
    // position, which locates input, so it is dropped with the rest.
    let serde_message = serde_message
        .strip_prefix("Error: ")
        .unwrap_or(serde_message);
    let serde_message = serde_message
        .rsplit_once(" at line ")
        .map_or(serde_message, |(head, _)| head);
    let expected = serde_message
        .rsplit_once(", expected ")
        .map(|(_, exp)| exp)
        .filter(|exp| is_schema_text(exp));
    let with_expected = |lead: &str| match expected {
        Some(exp) => format!("{lead}; expected {exp}"),
        None => lead.to_string(),
    };
    if serde_message.starts_with("invalid type") {
        (codes::INVALID_TYPE, with_expected("wrong type"))
    } else if serde_message.starts_with("invalid value")
        || serde_message.starts_with("unknown variant")
    {
        (codes::INVALID_VALUE, with_expected("value not allowed"))
    } else if serde_message.starts_with("invalid length") {
        (
            codes::INVALID_LENGTH,
            with_expected("wrong number of elements"),
        )
    } else if serde_message.starts_with("unknown field") {
        (codes::UNKNOWN_FIELD, with_expected("unknown field"))
    } else if let Some(field) = backticked(serde_message, "missing field ") {
        (codes::MISSING_FIELD, format!("missing field `{field}`"))
    } else if let Some(field) = backticked(serde_message, "duplicate field ") {
        (codes::DUPLICATE_FIELD, format!("duplicate field `{field}`"))
    } else {
        (
            codes::INVALID_INPUT,
            "the request could not be read".to_string(),
        )
    }
}

/// serde-wasm-bindgen's errors are JS `Error`s displayed as `Error: …`; serde_json appends
/// ` at line N column M`, which locates input. Both are dropped before a message is read.
fn without_decorations(text: &str) -> &str {
    let text = text.strip_prefix("Error: ").unwrap_or(text);
    match text.rsplit_once(" at line ") {
        Some((head, position))
            if position
                .split(" column ")
                .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())) =>
        {
            head
        }
        _ => text,
    }
}

/// A message made by [`CodedError::into_serde_message`]. serde passes a `try_from` error through
/// whole, so ours is the entire text; requiring the mark at the very start means a mark inside
/// echoed input (`invalid value: string "…"`) can never be taken for one of ours.
fn coded(text: &str) -> Option<(&'static str, String)> {
    let mut pieces = text.strip_prefix(CODED_MARK)?.split(CODED_MARK);
    let code = pieces.next()?;
    let message = pieces.next()?;
    if pieces.next().is_some() {
        return None;
    }
    let well_formed = !code.is_empty()
        && code.len() <= 48
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
    well_formed.then(|| (intern(code), message.to_string()))
}

/// Turns a code back into a `&'static str`. Codes come only from our own static strings, a small
/// closed set; each distinct one is leaked once per process, and past a cap a generic code is used.
fn intern(code: &str) -> &'static str {
    use std::sync::Mutex;
    const MAX_CODES: usize = 512;
    static CODES: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
    let mut codes = CODES
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(known) = codes.iter().find(|c| **c == code) {
        return known;
    }
    if codes.len() >= MAX_CODES {
        return codes::INVALID_VALUE;
    }
    let leaked: &'static str = Box::leak(code.to_string().into_boxed_str());
    codes.push(leaked);
    leaked
}

/// The name inside backticks after `prefix`, if it looks like one of our field names.
fn backticked<'a>(message: &'a str, prefix: &str) -> Option<&'a str> {
    let name = message
        .strip_prefix(prefix)?
        .strip_prefix('`')?
        .split('`')
        .next()?;
    is_schema_like(name).then_some(name)
}

/// `expected` text as serde's derives write it: type names and lists of backticked identifiers.
fn is_schema_text(text: &str) -> bool {
    text.len() <= 300
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " `,_-.()".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "camelCase")]
    #[allow(
        dead_code,
        reason = "fields are read only through Debug in these tests"
    )]
    struct Request {
        client_name: Option<String>,
        weights: Vec<u32>,
        channel: Option<Channel>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    enum Channel {
        Sms,
        Email,
    }

    fn decode_json(json: &str) -> Result<Request, CodedError> {
        decode(&mut serde_json::Deserializer::from_str(json))
    }

    fn check(json: &str, code: &str, path: &str) -> CodedError {
        let err = decode_json(json).expect_err("input should be rejected");
        assert_eq!((err.code, err.path.as_str()), (code, path), "{err}");
        err
    }

    #[test]
    fn valid_input_decodes() {
        let req = decode_json(r#"{"weights":[1,2],"channel":"sms"}"#).expect("valid");
        assert_eq!(req.weights, vec![1, 2]);
    }

    #[test]
    fn wrong_type_names_the_path_and_not_the_value() {
        let err = check(
            r#"{"weights":[1,"Jane Roe"]}"#,
            codes::INVALID_TYPE,
            "$.weights[1]",
        );
        assert!(!err.message.contains("Jane"));
        assert!(err.message.contains("u32"), "{}", err.message);
    }

    #[test]
    fn unknown_variant_does_not_echo_it() {
        let err = check(
            r#"{"weights":[],"channel":"jane@example.com"}"#,
            codes::INVALID_VALUE,
            "$.channel",
        );
        assert!(!err.message.contains("jane"));
        assert!(err.message.contains("`sms`"));
    }

    #[test]
    fn unknown_field_hides_a_key_that_looks_like_data() {
        let err = check(
            r#"{"weights":[],"987-65-4320":1}"#,
            codes::UNKNOWN_FIELD,
            "$",
        );
        assert!(!err.message.contains("987"));
        let err = check(r#"{"weights":[],"Jane":1}"#, codes::UNKNOWN_FIELD, "$");
        assert_eq!(
            err.message,
            "unknown field; expected one of `clientName`, `weights`, `channel`"
        );
    }

    #[test]
    fn missing_field_names_the_schema_field() {
        let err = check(r#"{}"#, codes::MISSING_FIELD, "$");
        assert_eq!(err.message, "missing field `weights`");
    }

    #[test]
    fn negative_into_unsigned_is_invalid_value_without_the_number() {
        let err = check(
            r#"{"weights":[-4320]}"#,
            codes::INVALID_VALUE,
            "$.weights[0]",
        );
        assert!(!err.message.contains("4320"));
    }

    #[test]
    fn syntax_errors_are_generic() {
        let err = check(r#"{"weights":[1,"#, codes::INVALID_INPUT, "$");
        assert_eq!(err.message, "the request could not be read");
    }

    #[test]
    fn a_coded_mark_inside_echoed_input_is_not_trusted() {
        let echoed = "invalid value: string \"\u{1}X\u{1}Jane\", expected a date";
        assert_eq!(coded(echoed), None);
        assert_eq!(
            coded("\u{1}BAD_RATE\u{1}not a rate"),
            Some(("BAD_RATE", "not a rate".to_string()))
        );
        let decorated =
            without_decorations("Error: \u{1}BAD_RATE\u{1}not a rate at line 1 column 9");
        assert_eq!(
            coded(decorated),
            Some(("BAD_RATE", "not a rate".to_string()))
        );
        assert_eq!(coded("\u{1}bad code\u{1}x"), None);
    }

    #[test]
    fn js_error_prefix_is_understood() {
        assert_eq!(
            classify("Error: invalid type: string \"x\", expected i64").0,
            codes::INVALID_TYPE
        );
    }

    #[test]
    fn under_prefixes_paths() {
        let err = CodedError::new("X", "$.minor", "m").under("$.total");
        assert_eq!(err.path, "$.total.minor");
        assert_eq!(
            CodedError::new("X", "$", "m").under("$.a[2]").path,
            "$.a[2]"
        );
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "fields are only decoded")]
    struct Request {
        count: u8,
        name: Option<String>,
    }

    proptest! {
        /// Whatever a caller puts in a string, the error never repeats it.
        #[test]
        fn errors_never_echo_string_input(secret in "[A-Za-z0-9@.-]{6,24}") {
            let inputs = [
                format!(r#"{{"count":"{secret}"}}"#),
                format!(r#"{{"count":1,"{secret}":1}}"#),
                format!(r#"{{"count":1,"name":["{secret}"]}}"#),
            ];
            for json in inputs {
                let err = decode::<Request, _>(&mut serde_json::Deserializer::from_str(&json)).unwrap_err();
                prop_assert!(!err.message.contains(&secret), "{}", err);
                prop_assert!(!err.path.contains(&secret), "{}", err);
            }
        }
    }
}
