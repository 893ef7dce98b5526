//! The one question zoned time asks of a time-zone database.

use crate::codes::INVALID_UTC_OFFSET;
use medspa_errors::CodedError;

/// A time-zone database reduced to one question.
///
/// Implementations: `ChronoTz` (feature `tzdb`) natively; the WASM bindings ask
/// the host's `Intl.DateTimeFormat`.
///
/// ```
/// use medspa_errors::CodedError;
/// use medspa_zoned::ZoneSource;
///
/// /// India has had one offset since 1945.
/// struct Kolkata;
/// impl ZoneSource for Kolkata {
///     fn utc_offset(&self, zone: &str, _unix_seconds: i64) -> Result<i32, CodedError> {
///         match zone {
///             "Asia/Kolkata" => Ok(5 * 3600 + 1800),
///             _ => Err(CodedError::new("UNKNOWN_TIME_ZONE", "$", "unknown time zone")),
///         }
///     }
/// }
/// assert_eq!(Kolkata.utc_offset("Asia/Kolkata", 0), Ok(19_800));
/// ```
pub trait ZoneSource {
    /// The offset east of UTC, in seconds, in force in `zone` at `unix_seconds`.
    ///
    /// An unknown zone is an error with code `UNKNOWN_TIME_ZONE` and path `$` (callers re-path it).
    fn utc_offset(&self, zone: &str, unix_seconds: i64) -> Result<i32, CodedError>;
}

/// Asks `src` and rejects offsets of a day or more, which `FixedOffset` cannot hold.
pub(crate) fn offset_at(
    src: &dyn ZoneSource,
    zone: &str,
    unix_seconds: i64,
) -> Result<i32, CodedError> {
    let offset = src.utc_offset(zone, unix_seconds)?;
    if offset.unsigned_abs() >= 86_400 {
        return Err(CodedError::new(
            INVALID_UTC_OFFSET,
            "$",
            "the time zone source gave an offset of a day or more",
        ));
    }
    Ok(offset)
}
