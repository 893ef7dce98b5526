//! Stable error codes for input the consent plugin cannot answer. Findings about paperwork are
//! not errors: they are [`FindingCode`](crate::FindingCode)s in the result.

/// Two forms, treatments, requirements or triggers share an id.
pub const DUPLICATE_ID: &str = "DUPLICATE_ID";
/// A requirement or record names a form the rule set does not define.
pub const UNKNOWN_FORM: &str = "UNKNOWN_FORM";
/// A scope or appointment names a treatment the rule set does not define.
pub const UNKNOWN_TREATMENT: &str = "UNKNOWN_TREATMENT";
/// A scope names a category no treatment has.
pub const UNKNOWN_CATEGORY: &str = "UNKNOWN_CATEGORY";
/// `dependsOn` or a review names a requirement or trigger the rule set does not define.
pub const UNKNOWN_REQUIREMENT: &str = "UNKNOWN_REQUIREMENT";
/// A review trigger tests a question no form asks.
pub const UNKNOWN_QUESTION: &str = "UNKNOWN_QUESTION";
/// A review names a trigger the rule set does not define.
pub const UNKNOWN_TRIGGER: &str = "UNKNOWN_TRIGGER";
/// `dependsOn` links form a cycle, so no order of sending exists.
pub const DEPENDENCY_CYCLE: &str = "DEPENDENCY_CYCLE";
/// A version is not one to four dot-separated numbers.
pub const INVALID_VERSION: &str = "INVALID_VERSION";
/// `minVersion` is above the form's current version, so nothing could satisfy it.
pub const VERSION_NOT_PUBLISHED: &str = "VERSION_NOT_PUBLISHED";
/// A number is out of its documented range (zero-day validity, `minAge` above `maxAge`…).
pub const OUT_OF_RANGE: &str = "OUT_OF_RANGE";
/// An `exam` policy on a requirement whose form is not a good-faith exam, or the reverse.
pub const EXAM_POLICY_MISMATCH: &str = "EXAM_POLICY_MISMATCH";
/// A record's status needs a timestamp it lacks (`signed` without `signedAt`…).
pub const MISSING_TIMESTAMP: &str = "MISSING_TIMESTAMP";
/// An appointment names a client the batch does not contain.
pub const UNKNOWN_CLIENT: &str = "UNKNOWN_CLIENT";
/// A list is longer than the documented limit (see [`limits`](crate::limits)).
pub const TOO_MANY: &str = "TOO_MANY";
/// A date range is reversed or longer than [`MAX_RANGE_DAYS`](crate::limits::MAX_RANGE_DAYS).
pub const INVALID_RANGE: &str = "INVALID_RANGE";
