//! Stable error codes this crate returns; callers branch on them and re-path the errors.

use medspa_errors::CodedError;

/// The zone name is not a known IANA zone.
pub const UNKNOWN_TIME_ZONE: &str = "UNKNOWN_TIME_ZONE";
/// The text is not an RFC 3339 instant.
pub const INVALID_INSTANT: &str = "INVALID_INSTANT";
/// The text is not a `YYYY-MM-DD` calendar date.
pub const INVALID_DATE: &str = "INVALID_DATE";
/// The text is not an `HH:MM` or `HH:MM:SS` time of day.
pub const INVALID_TIME: &str = "INVALID_TIME";
/// The date or instant lies outside the range this crate can represent (about ±262,000 years).
pub const TIME_OUT_OF_RANGE: &str = "TIME_OUT_OF_RANGE";
/// A [`ZoneSource`](crate::ZoneSource) answered with an offset of a day or more.
pub const INVALID_UTC_OFFSET: &str = "INVALID_UTC_OFFSET";

/// The error for a date or instant outside the supported range, the same from every source.
pub fn out_of_range() -> CodedError {
    CodedError::new(
        TIME_OUT_OF_RANGE,
        "$",
        "the date is outside the supported range",
    )
}

/// The error for a zone name a [`ZoneSource`](crate::ZoneSource) does not know; every source
/// returns this one, so native and WASM callers see the same message.
pub fn unknown_zone() -> CodedError {
    CodedError::new(
        UNKNOWN_TIME_ZONE,
        "$",
        "not an IANA time zone this environment knows",
    )
}
