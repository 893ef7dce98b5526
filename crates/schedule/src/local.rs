//! Wall-clock time at a clinic: which instant a local time names (DST rules of `docs/domain.md`
//! §2), and how an instant shows on the clinic's clock.

use crate::codes::{AMBIGUOUS_LOCAL_TIME, NONEXISTENT_LOCAL_TIME};
use medspa_errors::CodedError;
use medspa_zoned::{
    format_instant, local_candidates, parse_instant, parse_local_date, parse_local_time, to_local,
    LocalCandidates, Resolution, ZoneSource,
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
    /// What to do with a time in a DST gap or fold; RFC 5545's rule (`shift_forward`,
    /// `earliest`) by default.
    #[serde(default)]
    pub policy: LocalTimePolicy,
}

/// How a wall-clock time in a DST gap or fold is resolved. The default is RFC 5545's rule, the
/// one `docs/domain.md` §2 and every scheduling operation use:
/// `{"gap": "shift_forward", "ambiguous": "earliest"}`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LocalTimePolicy {
    /// A time skipped by a spring-forward gap.
    #[serde(default)]
    pub gap: GapPolicy,
    /// A time that occurs twice on a fall-back day.
    #[serde(default)]
    pub ambiguous: AmbiguousPolicy,
}

/// What to do with a wall-clock time that does not exist (spring forward).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum GapPolicy {
    /// Move it forward by the gap's length (02:30 on New York's spring-forward day is 03:30
    /// EDT); the result says `gap_shifted`.
    #[default]
    ShiftForward,
    /// Refuse it with `NONEXISTENT_LOCAL_TIME` at `$.time`, so a widget can ask again.
    Reject,
}

/// What to do with a wall-clock time that occurs twice (fall back).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum AmbiguousPolicy {
    /// The first occurrence, the earlier instant (daylight time in the northern hemisphere).
    #[default]
    Earliest,
    /// The second occurrence, the later instant (standard time).
    Latest,
    /// Refuse it with `AMBIGUOUS_LOCAL_TIME` at `$.time`, so a widget can ask which one.
    Reject,
}

/// The instant a wall-clock time names, and which DST case applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LocalTimeResolution {
    /// ISO 8601 with the offset in force, such as `2025-03-09T03:30-04:00`.
    pub instant: String,
    /// The UTC offset in force at `instant`, such as `-04:00` (`+00:00` for UTC).
    pub offset: String,
    /// `ok`; `gap_shifted` (the time did not exist and moved forward by the gap);
    /// `ambiguous_resolved` (the time occurred twice and the policy chose one occurrence: the
    /// first by default).
    pub resolution: Resolution,
}

/// Resolves a clinic's wall-clock time to an instant, under the request's [`LocalTimePolicy`].
///
/// By default (RFC 5545, `docs/domain.md` §2) a time in a spring-forward gap moves forward by the
/// gap and a repeated time takes its first occurrence; `policy` may instead take the second
/// occurrence or refuse either case.
///
/// Errors carry paths into the request: `$.date` (`INVALID_DATE`), `$.time` (`INVALID_TIME`;
/// `NONEXISTENT_LOCAL_TIME` and `AMBIGUOUS_LOCAL_TIME` under a `reject` policy), `$.zone`
/// (`UNKNOWN_TIME_ZONE`).
///
/// ```
/// use medspa_schedule::{resolve_local_time, AmbiguousPolicy, LocalTimePolicy, LocalTimeRequest};
/// use medspa_zoned::ChronoTz;
/// let request = LocalTimeRequest {
///     date: "2025-03-09".into(),
///     time: "02:30".into(),
///     zone: "America/New_York".into(),
///     policy: LocalTimePolicy::default(),
/// };
/// let resolved = resolve_local_time(&ChronoTz, &request).unwrap();
/// assert_eq!(resolved.instant, "2025-03-09T03:30-04:00");
/// assert_eq!(resolved.offset, "-04:00");
///
/// let fall_back = LocalTimeRequest {
///     date: "2025-11-02".into(),
///     time: "01:30".into(),
///     policy: LocalTimePolicy { ambiguous: AmbiguousPolicy::Latest, ..Default::default() },
///     ..request
/// };
/// let resolved = resolve_local_time(&ChronoTz, &fall_back).unwrap();
/// assert_eq!(resolved.instant, "2025-11-02T01:30-05:00");
/// ```
pub fn resolve_local_time(
    zones: &dyn ZoneSource,
    request: &LocalTimeRequest,
) -> Result<LocalTimeResolution, CodedError> {
    let date = parse_local_date(&request.date).map_err(|e| e.under("$.date"))?;
    let time = parse_local_time(&request.time).map_err(|e| e.under("$.time"))?;
    let candidates = local_candidates(zones, &request.zone, date.and_time(time))
        .map_err(|e| e.under("$.zone"))?;
    let policy = request.policy;
    let (instant, resolution) = match candidates {
        LocalCandidates::Single(t) => (t, Resolution::Ok),
        LocalCandidates::Gap { shifted } => match policy.gap {
            GapPolicy::ShiftForward => (shifted, Resolution::GapShifted),
            GapPolicy::Reject => {
                return Err(CodedError::new(
                    NONEXISTENT_LOCAL_TIME,
                    "$.time",
                    "this wall-clock time does not exist on this date in this zone (a daylight-saving gap)",
                ))
            }
        },
        LocalCandidates::Ambiguous { earliest, latest } => match policy.ambiguous {
            AmbiguousPolicy::Earliest => (earliest, Resolution::AmbiguousResolved),
            AmbiguousPolicy::Latest => (latest, Resolution::AmbiguousResolved),
            AmbiguousPolicy::Reject => {
                return Err(CodedError::new(
                    AMBIGUOUS_LOCAL_TIME,
                    "$.time",
                    "this wall-clock time occurs twice on this date in this zone (a daylight-saving fold)",
                ))
            }
        },
    };
    Ok(LocalTimeResolution {
        instant: format_instant(instant),
        offset: format_offset(instant.offset().local_minus_utc()),
        resolution,
    })
}

/// `±HH:MM`, or `±HH:MM:SS` for the odd historical offset that is not a whole minute.
fn format_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}:{m:02}")
    } else {
        format!("{sign}{h:02}:{m:02}:{sec:02}")
    }
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
            policy: LocalTimePolicy::default(),
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
    fn offsets_print_as_iso_8601() {
        let cases = [
            (0, "+00:00"),
            (-4 * 3600, "-04:00"),
            (5 * 3600 + 45 * 60, "+05:45"),
            (-(3 * 3600 + 30 * 60), "-03:30"),
            // Amsterdam's mean time until 1937.
            (4772, "+01:19:32"),
        ];
        for (seconds, text) in cases {
            assert_eq!(format_offset(seconds), text);
        }
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
