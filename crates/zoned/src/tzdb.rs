//! [`ZoneSource`] backed by the IANA database compiled in by chrono-tz (feature `tzdb`).

use crate::codes::unknown_zone;
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
        let tz: Tz = zone.parse().map_err(|_| unknown_zone())?;
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

/// `SpanCache` (spans.rs) takes an offset that is equal at both ends of a four-day span to hold for
/// the whole span. That is only sound while no zone changes its
/// offset twice within four days; this scan of the whole database, 1900–2100, shows it (the
/// shortest gap is just under 7 days, America/Boa_Vista). Ignored by default (about a minute
/// in release mode): `cargo test -p medspa-zoned --features tzdb --release -- --ignored`.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod day_buckets {
    use crate::{ChronoTz, ZoneSource};

    #[test]
    #[ignore = "scans 200 years of every zone hour by hour"]
    fn no_zone_changes_offset_twice_within_four_days() {
        let start = -2_208_988_800i64; // 1900-01-01T00:00Z
        let end = 4_102_444_800i64; // 2100-01-01T00:00Z
        let mut worst = (i64::MAX, "");
        for tz in chrono_tz::TZ_VARIANTS {
            let name = tz.name();
            let offset = |t: i64| ChronoTz.utc_offset(name, t).expect("known zone");
            let mut last_change: Option<i64> = None;
            let mut previous = offset(start);
            let mut t = start;
            while t < end {
                // Hourly probes, refined to the minute where the offset changed.
                let next = t + 3_600;
                let now = offset(next);
                if now != previous {
                    let mut change = t;
                    while offset(change) == previous {
                        change += 60;
                    }
                    if let Some(last) = last_change {
                        let same_day = last.div_euclid(86_400) == change.div_euclid(86_400);
                        assert!(
                            !same_day,
                            "{name} changes twice on one UTC day near {change}"
                        );
                        worst = worst.min((change - last, name));
                    }
                    last_change = Some(change);
                    previous = now;
                }
                t = next;
            }
        }
        // Shortest gap between two changes anywhere, for the record.
        assert!(worst.0 > 0);
        eprintln!(
            "shortest gap between offset changes: {} s, in {}",
            worst.0, worst.1
        );
    }
}
