//! Wall-clock time at a clinic: which instant a local time names (DST rules of `docs/domain.md`
//! §2), and how an instant shows on the clinic's clock.

use medspa_errors::CodedError;
use medspa_zoned::{
    format_instant, parse_instant, parse_local_date, parse_local_time, resolve_local, to_local,
    Resolution, ZoneSource,
};
use serde::{Deserialize, Serialize};

/// A wall-clock time in a named IANA zone, as a clinic writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LocalTimeRequest {
    /// Local calendar date, `YYYY-MM-DD`.
    pub date: String,
    /// Local time of day, `HH:MM` or `HH:MM:SS`.
    pub time: String,
    /// IANA zone name, such as `America/New_York`.
    pub zone: String,
}

/// The instant a wall-clock time names, and which DST case applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LocalTimeResolution {
    /// ISO 8601 with the offset in force, such as `2025-03-09T03:30-04:00`.
    pub instant: String,
    /// `ok`; `gap_shifted` (the time did not exist and moved forward by the gap);
    /// `ambiguous_resolved` (the time occurred twice and the first occurrence was taken).
    pub resolution: Resolution,
}

/// Resolves a clinic's wall-clock time to an instant.
///
/// Errors carry paths into the request: `$.date` (`INVALID_DATE`), `$.time` (`INVALID_TIME`),
/// `$.zone` (`UNKNOWN_TIME_ZONE`).
///
/// ```
/// use medspa_schedule::{resolve_local_time, LocalTimeRequest};
/// use medspa_zoned::ChronoTz;
/// let request = LocalTimeRequest {
///     date: "2025-03-09".into(),
///     time: "02:30".into(),
///     zone: "America/New_York".into(),
/// };
/// let resolved = resolve_local_time(&ChronoTz, &request).unwrap();
/// assert_eq!(resolved.instant, "2025-03-09T03:30-04:00");
/// ```
pub fn resolve_local_time(
    zones: &dyn ZoneSource,
    request: &LocalTimeRequest,
) -> Result<LocalTimeResolution, CodedError> {
    let date = parse_local_date(&request.date).map_err(|e| e.under("$.date"))?;
    let time = parse_local_time(&request.time).map_err(|e| e.under("$.time"))?;
    let resolved =
        resolve_local(zones, &request.zone, date.and_time(time)).map_err(|e| e.under("$.zone"))?;
    Ok(LocalTimeResolution {
        instant: format_instant(resolved.instant),
        resolution: resolved.resolution,
    })
}

/// An instant to show on a clinic's wall clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClinicTimeRequest {
    /// ISO 8601 with `Z` or an offset (the JS shim also accepts a `Date`).
    #[cfg_attr(feature = "ts", tsify(type = "string | Date"))]
    pub instant: String,
    /// IANA zone name, such as `Europe/Berlin`.
    pub zone: String,
}

/// [`to_clinic_time`] for a request object; error paths are `$.instant` and `$.zone`.
pub fn clinic_time(
    zones: &dyn ZoneSource,
    request: &ClinicTimeRequest,
) -> Result<String, CodedError> {
    to_clinic_time(zones, &request.instant, &request.zone)
}

/// The same instant with the UTC offset in force in `zone`, as a clinic's wall clock shows it.
///
/// `instant` is ISO 8601 with `Z` or an offset. Errors: `INVALID_INSTANT` at `$.instant`,
/// `UNKNOWN_TIME_ZONE` at `$.zone`.
///
/// ```
/// use medspa_schedule::to_clinic_time;
/// use medspa_zoned::ChronoTz;
/// let shown = to_clinic_time(&ChronoTz, "2025-07-01T14:00:00Z", "America/New_York").unwrap();
/// assert_eq!(shown, "2025-07-01T10:00-04:00");
/// ```
pub fn to_clinic_time(
    zones: &dyn ZoneSource,
    instant: &str,
    zone: &str,
) -> Result<String, CodedError> {
    let instant = parse_instant(instant).map_err(|e| e.under("$.instant"))?;
    let local = to_local(zones, zone, instant.to_utc()).map_err(|e| e.under("$.zone"))?;
    Ok(format_instant(local))
}

#[cfg(test)]
mod tests {
    use super::*;
    use medspa_zoned::ChronoTz;

    fn resolve(
        date: &str,
        time: &str,
        zone: &str,
    ) -> Result<(String, Resolution), (&'static str, String)> {
        let request = LocalTimeRequest {
            date: date.into(),
            time: time.into(),
            zone: zone.into(),
        };
        resolve_local_time(&ChronoTz, &request)
            .map(|r| (r.instant, r.resolution))
            .map_err(|e| (e.code, e.path))
    }

    #[test]
    fn dst_cases_follow_the_documented_convention() {
        let ny = "America/New_York";
        assert_eq!(
            resolve("2025-06-01", "10:00", ny),
            Ok(("2025-06-01T10:00-04:00".into(), Resolution::Ok))
        );
        assert_eq!(
            resolve("2025-03-09", "02:30", ny),
            Ok(("2025-03-09T03:30-04:00".into(), Resolution::GapShifted))
        );
        assert_eq!(
            resolve("2025-11-02", "01:30", ny),
            Ok((
                "2025-11-02T01:30-04:00".into(),
                Resolution::AmbiguousResolved
            ))
        );
    }

    #[test]
    fn clinic_time_carries_the_offset_in_force() {
        assert_eq!(
            to_clinic_time(&ChronoTz, "2025-01-15T15:00:00Z", "America/New_York"),
            Ok("2025-01-15T10:00-05:00".to_string())
        );
        assert_eq!(
            to_clinic_time(&ChronoTz, "2025-07-01T10:00+02:00", "Europe/Berlin"),
            Ok("2025-07-01T10:00+02:00".to_string())
        );
        let err = to_clinic_time(&ChronoTz, "yesterday", "UTC").unwrap_err();
        assert_eq!(
            (err.code, err.path.as_str()),
            ("INVALID_INSTANT", "$.instant")
        );
    }

    #[test]
    fn errors_point_at_the_field() {
        assert_eq!(
            resolve("2025-02-30", "10:00", "UTC"),
            Err(("INVALID_DATE", "$.date".into()))
        );
        assert_eq!(
            resolve("2025-02-03", "25:00", "UTC"),
            Err(("INVALID_TIME", "$.time".into()))
        );
        assert_eq!(
            resolve("2025-02-03", "10:00", "Mars/Olympus"),
            Err(("UNKNOWN_TIME_ZONE", "$.zone".into()))
        );
    }
}
