//! Stable codes: errors for requests that cannot be answered, and the codes of the problems
//! [`validate_protocols`](crate::validate_protocols) lists. Messages never quote the input.

use medspa_errors::CodedError;

/// Two protocols, steps, templates or series share an id, or two protocols cover one treatment.
pub const DUPLICATE_ID: &str = "DUPLICATE_ID";
/// An appointment or protocol names a treatment that is not known.
pub const UNKNOWN_TREATMENT: &str = "UNKNOWN_TREATMENT";
/// A step names a template the request does not define.
pub const UNKNOWN_TEMPLATE: &str = "UNKNOWN_TEMPLATE";
/// A number is outside its documented range (see [`limits`](crate::limits)): a negative or
/// absurd offset, a zero-session series, a window that ends before it starts.
pub const OUT_OF_RANGE: &str = "OUT_OF_RANGE";
/// A list is longer than its documented limit (see [`limits`](crate::limits)).
pub const TOO_MANY: &str = "TOO_MANY";
/// A weekday appears in two allowed-hours windows of one source.
pub const DUPLICATE_DAY: &str = "DUPLICATE_DAY";
/// The allowed hours leave no time at all in a week, so no send time exists.
pub const NO_ALLOWED_HOURS: &str = "NO_ALLOWED_HOURS";
/// A series history lists a session before the one it follows.
pub const SESSIONS_OUT_OF_ORDER: &str = "SESSIONS_OUT_OF_ORDER";
/// A rebooking or series-reminder step in a protocol that has no `series`.
pub const NO_SERIES: &str = "NO_SERIES";
/// An appointment's end is before its start.
pub const INVALID_RANGE: &str = "INVALID_RANGE";
/// A state in the quiet-hours table is not a two-letter code.
pub const INVALID_STATE: &str = "INVALID_STATE";

/// Problem (warning): one protocol mixes message classes (healthcare with billing or marketing).
pub const MIXED_CLASSES: &str = "MIXED_CLASSES";
/// Problem (error): a marketing step that does not require the client's prior consent.
pub const MARKETING_WITHOUT_CONSENT: &str = "MARKETING_WITHOUT_CONSENT";
/// Problem (error): phi-lint blocks the template on the step's channel (a treatment name in an SMS…).
pub const TEMPLATE_LEAKS_PHI: &str = "TEMPLATE_LEAKS_PHI";
/// Problem (warning): phi-lint warns about the template on the step's channel.
pub const TEMPLATE_PHI_WARNING: &str = "TEMPLATE_PHI_WARNING";
/// Problem (error): phi-lint could not check the template (longer than it accepts).
pub const TEMPLATE_UNCHECKED: &str = "TEMPLATE_UNCHECKED";
/// Problem (warning): an automated healthcare SMS longer than 160 characters loses the FCC
/// healthcare exemption.
pub const SMS_TOO_LONG: &str = "SMS_TOO_LONG";

pub(crate) fn too_many(path: impl Into<String>, max: usize) -> CodedError {
    CodedError::new(TOO_MANY, path, format!("at most {max} entries are allowed"))
}

pub(crate) fn out_of_range(path: impl Into<String>, message: impl Into<String>) -> CodedError {
    CodedError::new(OUT_OF_RANGE, path, message)
}
/// The appointment names another client than the request's.
pub const UNKNOWN_CLIENT: &str = "UNKNOWN_CLIENT";
