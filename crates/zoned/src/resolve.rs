//! Wall-clock time in a zone: resolving local times (gaps, folds), converting instants, adding days.

use crate::codes::out_of_range;
use crate::source::offset_at;
use crate::ZoneSource;
use chrono::{DateTime, Days, FixedOffset, NaiveDate, NaiveDateTime, Timelike, Utc};
use medspa_errors::CodedError;
use serde::{Deserialize, Serialize};

const DAY: i64 = 86_400;
const NANOS_PER_SECOND: u32 = 1_000_000_000;

/// Which case applied when a wall-clock time was turned into an instant.
///
/// ```
/// use medspa_zoned::Resolution;
/// assert_eq!(serde_json::to_string(&Resolution::GapShifted).expect("json"), r#""gap_shifted""#);
/// assert_eq!(Resolution::AmbiguousResolved.as_str(), "ambiguous_resolved");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// The wall time occurs exactly once.
    Ok,
    /// The wall time was skipped by a spring-forward gap and moved forward by the gap's length.
    GapShifted,
    /// The wall time occurs twice (fall back); the first occurrence was taken.
    AmbiguousResolved,
}

impl Resolution {
    /// The serialized name: `"ok"`, `"gap_shifted"` or `"ambiguous_resolved"`.
    ///
    /// ```
    /// assert_eq!(medspa_zoned::Resolution::Ok.as_str(), "ok");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::GapShifted => "gap_shifted",
            Self::AmbiguousResolved => "ambiguous_resolved",
        }
    }
}

/// A wall-clock time resolved to an instant, with the offset in force then.
///
/// ```
/// use chrono::DateTime;
/// use medspa_zoned::{Resolution, Resolved};
/// let r = Resolved {
///     instant: DateTime::parse_from_rfc3339("2025-11-02T01:30:00-04:00").expect("valid"),
///     resolution: Resolution::AmbiguousResolved,
/// };
/// assert_eq!(medspa_zoned::format_instant(r.instant), "2025-11-02T01:30-04:00");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolved {
    /// The instant, carrying the zone's offset at that instant.
    pub instant: DateTime<FixedOffset>,
    /// Which case applied.
    pub resolution: Resolution,
}

/// Resolves a wall-clock time in `zone` to an instant, by RFC 5545's rule (as `docs/domain.md` §2).
///
/// - A time that occurs once is [`Resolution::Ok`].
/// - A time that occurs twice (fall back) takes its **first** occurrence, the earlier instant:
///   [`Resolution::AmbiguousResolved`].
/// - A time skipped by a gap (spring forward) is read with the offset in force *before* the gap,
///   which moves it forward by the gap's length: 02:30 on New York's spring-forward day becomes
///   03:30-04:00. [`Resolution::GapShifted`].
///
/// Only [`ZoneSource::utc_offset`] is used: the candidate offsets are those in force a day before,
/// at, and a day after the wall time read as UTC; a candidate `o` is valid when the zone really has
/// offset `o` at `local − o`. This holds for 30-minute shifts (Lord Howe), changes of standard
/// offset and skipped days (Samoa 2011), assuming transitions lie more than a day apart. A leap
/// second (nanoseconds ≥ 10⁹) is folded into the second before it.
///
/// ```
/// # use medspa_errors::CodedError;
/// # use medspa_zoned::ZoneSource;
/// # /// New York in 2025: EDT from 2025-03-09T07:00Z to 2025-11-02T06:00Z, EST otherwise.
/// # struct NewYork2025;
/// # impl ZoneSource for NewYork2025 {
/// #     fn utc_offset(&self, _zone: &str, t: i64) -> Result<i32, CodedError> {
/// #         Ok(if (1_741_503_600..1_762_063_200).contains(&t) { -4 * 3600 } else { -5 * 3600 })
/// #     }
/// # }
/// use chrono::NaiveDateTime;
/// use medspa_zoned::{format_instant, resolve_local, Resolution};
/// let local = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("valid");
/// let ny = "America/New_York";
///
/// let r = resolve_local(&NewYork2025, ny, local("2025-03-09 02:30"))?;
/// assert_eq!((format_instant(r.instant).as_str(), r.resolution), ("2025-03-09T03:30-04:00", Resolution::GapShifted));
///
/// let r = resolve_local(&NewYork2025, ny, local("2025-11-02 01:30"))?;
/// assert_eq!((format_instant(r.instant).as_str(), r.resolution), ("2025-11-02T01:30-04:00", Resolution::AmbiguousResolved));
///
/// let r = resolve_local(&NewYork2025, ny, local("2025-11-02 10:00"))?;
/// assert_eq!((format_instant(r.instant).as_str(), r.resolution), ("2025-11-02T10:00-05:00", Resolution::Ok));
/// # Ok::<(), CodedError>(())
/// ```
pub fn resolve_local(
    src: &dyn ZoneSource,
    zone: &str,
    local: NaiveDateTime,
) -> Result<Resolved, CodedError> {
    Ok(match local_candidates(src, zone, local)? {
        LocalCandidates::Single(instant) => Resolved {
            instant,
            resolution: Resolution::Ok,
        },
        LocalCandidates::Gap { shifted } => Resolved {
            instant: shifted,
            resolution: Resolution::GapShifted,
        },
        LocalCandidates::Ambiguous { earliest, .. } => Resolved {
            instant: earliest,
            resolution: Resolution::AmbiguousResolved,
        },
    })
}

/// Every instant a wall-clock time can name in a zone, for callers that choose their own policy
/// for gaps and folds ([`resolve_local`] is RFC 5545's choice among these).
///
/// ```
/// use chrono::DateTime;
/// use medspa_zoned::{format_instant, LocalCandidates};
/// let at = |s: &str| DateTime::parse_from_rfc3339(s).expect("valid");
/// let fold = LocalCandidates::Ambiguous {
///     earliest: at("2025-11-02T01:30:00-04:00"),
///     latest: at("2025-11-02T01:30:00-05:00"),
/// };
/// if let LocalCandidates::Ambiguous { earliest, latest } = fold {
///     assert_eq!((latest - earliest).num_minutes(), 60);
///     assert_eq!(format_instant(latest), "2025-11-02T01:30-05:00");
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocalCandidates {
    /// The wall time occurs exactly once.
    Single(DateTime<FixedOffset>),
    /// A spring-forward gap skipped the wall time; `shifted` is it moved forward by the gap's
    /// length (read with the offset in force before the gap), as RFC 5545 does.
    Gap {
        /// The wall time moved forward by the gap, with the offset in force after it.
        shifted: DateTime<FixedOffset>,
    },
    /// The wall time occurs twice (fall back).
    Ambiguous {
        /// The first occurrence (the larger offset, the earlier instant).
        earliest: DateTime<FixedOffset>,
        /// The second occurrence (the smaller offset, the later instant).
        latest: DateTime<FixedOffset>,
    },
}

/// The instants a wall-clock time names in `zone`: one, none (a gap, with RFC 5545's forward
/// shift), or two (a fold, with both occurrences). The method is that of [`resolve_local`].
///
/// ```
/// # use medspa_errors::CodedError;
/// # use medspa_zoned::ZoneSource;
/// # /// New York in 2025: EDT from 2025-03-09T07:00Z to 2025-11-02T06:00Z, EST otherwise.
/// # struct NewYork2025;
/// # impl ZoneSource for NewYork2025 {
/// #     fn utc_offset(&self, _zone: &str, t: i64) -> Result<i32, CodedError> {
/// #         Ok(if (1_741_503_600..1_762_063_200).contains(&t) { -4 * 3600 } else { -5 * 3600 })
/// #     }
/// # }
/// use chrono::NaiveDateTime;
/// use medspa_zoned::{format_instant, local_candidates, LocalCandidates};
/// let local = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("valid");
/// let ny = "America/New_York";
/// match local_candidates(&NewYork2025, ny, local("2025-11-02 01:30"))? {
///     LocalCandidates::Ambiguous { earliest, latest } => {
///         assert_eq!(format_instant(earliest), "2025-11-02T01:30-04:00");
///         assert_eq!(format_instant(latest), "2025-11-02T01:30-05:00");
///     }
///     other => panic!("a fold, not {other:?}"),
/// }
/// # Ok::<(), CodedError>(())
/// ```
pub fn local_candidates(
    src: &dyn ZoneSource,
    zone: &str,
    local: NaiveDateTime,
) -> Result<LocalCandidates, CodedError> {
    // NaiveDateTime spans about ±262,000 years, so these sums stay far inside i64.
    let l = local.and_utc().timestamp();
    let nanos = local.nanosecond() % NANOS_PER_SECOND;
    let candidates = [
        offset_at(src, zone, l - DAY)?,
        offset_at(src, zone, l)?,
        offset_at(src, zone, l + DAY)?,
    ];
    let mut valid = 0;
    let mut largest = i32::MIN;
    let mut smallest = i32::MAX;
    for (i, &o) in candidates.iter().enumerate() {
        if candidates[..i].contains(&o) {
            continue;
        }
        if offset_at(src, zone, l - i64::from(o))? == o {
            valid += 1;
            largest = largest.max(o);
            smallest = smallest.min(o);
        }
    }
    let at = |t: i64| -> Result<DateTime<FixedOffset>, CodedError> {
        let utc = DateTime::from_timestamp(t, nanos).ok_or_else(out_of_range)?;
        to_local(src, zone, utc)
    };
    Ok(match valid {
        0 => LocalCandidates::Gap {
            shifted: at(l - i64::from(candidates[0]))?,
        },
        // The largest offset gives the earliest instant: the first occurrence of the wall time.
        1 => LocalCandidates::Single(at(l - i64::from(largest))?),
        _ => LocalCandidates::Ambiguous {
            earliest: at(l - i64::from(largest))?,
            latest: at(l - i64::from(smallest))?,
        },
    })
}

/// The instant with the offset `zone` has at that instant.
///
/// ```
/// # use medspa_errors::CodedError;
/// # use medspa_zoned::ZoneSource;
/// # struct NewYork2025;
/// # impl ZoneSource for NewYork2025 {
/// #     fn utc_offset(&self, _zone: &str, t: i64) -> Result<i32, CodedError> {
/// #         Ok(if (1_741_503_600..1_762_063_200).contains(&t) { -4 * 3600 } else { -5 * 3600 })
/// #     }
/// # }
/// use chrono::{DateTime, Utc};
/// use medspa_zoned::{format_instant, to_local};
/// let t: DateTime<Utc> = "2025-07-04T16:00:00Z".parse().expect("valid");
/// assert_eq!(format_instant(to_local(&NewYork2025, "America/New_York", t)?), "2025-07-04T12:00-04:00");
/// # Ok::<(), CodedError>(())
/// ```
pub fn to_local(
    src: &dyn ZoneSource,
    zone: &str,
    instant: DateTime<Utc>,
) -> Result<DateTime<FixedOffset>, CodedError> {
    let offset = offset_at(src, zone, instant.timestamp())?;
    let fixed = FixedOffset::east_opt(offset).ok_or_else(out_of_range)?;
    // Near chrono's limits the wall time may not exist even though the instant does; chrono would
    // then panic in `naive_local`, so refuse here instead.
    instant
        .naive_utc()
        .checked_add_offset(fixed)
        .ok_or_else(out_of_range)?;
    Ok(instant.with_timezone(&fixed))
}

/// Moves `start` by `days` calendar days in `zone`, keeping its local time of day.
///
/// The new wall time is resolved with [`resolve_local`], so it may be gap-shifted or ambiguous.
/// Across a DST change the elapsed time is therefore 23 or 25 hours, not 24.
///
/// ```
/// # use medspa_errors::CodedError;
/// # use medspa_zoned::ZoneSource;
/// # struct NewYork2025;
/// # impl ZoneSource for NewYork2025 {
/// #     fn utc_offset(&self, _zone: &str, t: i64) -> Result<i32, CodedError> {
/// #         Ok(if (1_741_503_600..1_762_063_200).contains(&t) { -4 * 3600 } else { -5 * 3600 })
/// #     }
/// # }
/// use medspa_zoned::{add_local_days, format_instant, parse_instant};
/// let start = parse_instant("2025-03-08T10:00-05:00")?;
/// let next = add_local_days(&NewYork2025, "America/New_York", start, 1)?;
/// assert_eq!(format_instant(next.instant), "2025-03-09T10:00-04:00");
/// assert_eq!((next.instant - start).num_hours(), 23);
/// # Ok::<(), CodedError>(())
/// ```
pub fn add_local_days(
    src: &dyn ZoneSource,
    zone: &str,
    start: DateTime<FixedOffset>,
    days: i64,
) -> Result<Resolved, CodedError> {
    let local = to_local(src, zone, start.to_utc())?.naive_local();
    let step = Days::new(days.unsigned_abs());
    let moved = if days >= 0 {
        local.checked_add_days(step)
    } else {
        local.checked_sub_days(step)
    };
    resolve_local(src, zone, moved.ok_or_else(out_of_range)?)
}

/// The calendar date in `zone` at `instant`.
///
/// ```
/// # use medspa_errors::CodedError;
/// # use medspa_zoned::ZoneSource;
/// # struct NewYork2025;
/// # impl ZoneSource for NewYork2025 {
/// #     fn utc_offset(&self, _zone: &str, t: i64) -> Result<i32, CodedError> {
/// #         Ok(if (1_741_503_600..1_762_063_200).contains(&t) { -4 * 3600 } else { -5 * 3600 })
/// #     }
/// # }
/// use chrono::{DateTime, NaiveDate, Utc};
/// use medspa_zoned::local_date;
/// let t: DateTime<Utc> = "2025-07-05T02:00:00Z".parse().expect("valid");
/// assert_eq!(local_date(&NewYork2025, "America/New_York", t)?, NaiveDate::from_ymd_opt(2025, 7, 4).expect("valid"));
/// # Ok::<(), CodedError>(())
/// ```
pub fn local_date(
    src: &dyn ZoneSource,
    zone: &str,
    instant: DateTime<Utc>,
) -> Result<NaiveDate, CodedError> {
    Ok(to_local(src, zone, instant)?.date_naive())
}
