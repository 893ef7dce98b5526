//! [`ZoneSource`] backed by the IANA database compiled in by chrono-tz (feature `tzdb`).

use crate::codes::UNKNOWN_TIME_ZONE;
use crate::ZoneSource;
use chrono::{DateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use medspa_errors::CodedError;

/// The IANA time-zone database compiled into the binary by chrono-tz.
///
/// ```
/// use medspa_zoned::{ChronoTz, ZoneSource};
/// // 2025-07-01T12:00Z: New York is on daylight time.
/// assert_eq!(ChronoTz.utc_offset("America/New_York", 1_751_371_200), Ok(-4 * 3600));
/// assert_eq!(ChronoTz.utc_offset("Etc/UTC", 0), Ok(0));
/// assert_eq!(ChronoTz.utc_offset("Mars/Olympus", 0).map_err(|e| e.code), Err("UNKNOWN_TIME_ZONE"));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ChronoTz;

impl ZoneSource for ChronoTz {
    fn utc_offset(&self, zone: &str, unix_seconds: i64) -> Result<i32, CodedError> {
        let tz: Tz = zone
            .parse()
            .map_err(|_| CodedError::new(UNKNOWN_TIME_ZONE, "$", "unknown IANA time zone"))?;
        // Outside chrono's range the rules are constant (LMT before, the last rule after), so the
        // offset at the nearest representable instant is the right answer, and nothing can panic.
        let min = DateTime::<Utc>::MIN_UTC.timestamp();
        let max = DateTime::<Utc>::MAX_UTC.timestamp();
        let instant = DateTime::from_timestamp(unix_seconds.clamp(min, max), 0)
            .unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
        Ok(tz
            .offset_from_utc_datetime(&instant.naive_utc())
            .fix()
            .local_minus_utc())
    }
}

#[cfg(test)]
mod tests {
    use super::ChronoTz;
    use crate::ZoneSource;

    #[test]
    fn utc_names_and_extremes() {
        for zone in ["UTC", "Etc/UTC"] {
            assert_eq!(ChronoTz.utc_offset(zone, 0), Ok(0));
        }
        for t in [i64::MIN, i64::MAX, 0] {
            assert!(ChronoTz.utc_offset("America/New_York", t).is_ok());
        }
    }

    #[test]
    fn unknown_zone_does_not_echo_the_name() {
        let err = ChronoTz.utc_offset("Not/AZone", 0).expect_err("unknown");
        assert_eq!((err.code, err.path.as_str()), ("UNKNOWN_TIME_ZONE", "$"));
        assert!(!err.message.contains("Not/AZone"));
    }
}
