//! Retention numbers over many series: completion rates by treatment, location and month of
//! start, where series stop, gaps between sessions against the protocol, the clients at risk,
//! and completion with and without follow-up. Integers only: rates carry their counts and
//! basis points.

use crate::check::{check_series, first_error};
use crate::codes::*;
use crate::limits::*;
use crate::progress::{grace_days, out_of_order, standing, SeriesStatus};
use crate::protocol::{SeriesInterval, SeriesRule};
use chrono::{Datelike, NaiveDate};
use medspa_errors::CodedError;
use medspa_zoned::parse_local_date;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The data for a retention report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RetentionRequest {
    /// Today's local date in the clinic's zone, `YYYY-MM-DD`.
    pub today: String,
    /// Days past a window's end before a series counts as stopped; [`DEFAULT_GRACE_DAYS`] when
    /// omitted.
    #[serde(default)]
    pub grace_days: Option<u32>,
    /// The series rule of each treatment.
    pub treatments: Vec<TreatmentSeries>,
    /// The series to count.
    pub series: Vec<SeriesRecord>,
}

/// A treatment's series rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TreatmentSeries {
    /// The treatment.
    pub treatment_id: String,
    /// Its series.
    pub series: SeriesRule,
}

/// One client's series of one treatment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeriesRecord {
    /// Stable id.
    pub id: String,
    /// The client.
    pub client_id: String,
    /// The treatment (one of `treatments`).
    pub treatment_id: String,
    /// The location of the first session.
    pub location_id: String,
    /// Local dates of the sessions done, oldest first (`YYYY-MM-DD`, never decreasing).
    pub sessions: Vec<String>,
    /// What the rest of the series is worth (minor units), to rank the at-risk list.
    #[serde(default)]
    pub value_minor: i64,
    /// Whether the client received structured follow-up, when known.
    #[serde(default)]
    pub received_followup: Option<bool>,
}

/// A completion rate: `completed` of `total` finished series (completed or stopped).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Rate {
    /// Series completed.
    pub completed: u32,
    /// Series finished: completed plus stopped.
    pub total: u32,
    /// `completed / total` in basis points (1/10,000), rounded half up; absent when `total` is 0.
    pub basis_points: Option<u32>,
}

impl Rate {
    fn add(&mut self, completed: bool) {
        self.total += 1;
        self.completed += u32::from(completed);
    }

    fn finished(mut self) -> Rate {
        self.basis_points = basis_points(self.completed, self.total);
        self
    }
}

/// `n / d` in basis points, rounded half up.
fn basis_points(n: u32, d: u32) -> Option<u32> {
    (d > 0).then(|| {
        let (n, d) = (u64::from(n), u64::from(d));
        u32::try_from((20_000 * n + d) / (2 * d)).unwrap_or(u32::MAX)
    })
}

/// A rate for one group (a treatment, a location, a month `YYYY-MM`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct GroupRate {
    /// The group.
    pub key: String,
    /// Its rate.
    pub rate: Rate,
}

/// Stopped series that completed this many sessions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct DropOff {
    /// Sessions completed before stopping.
    pub sessions_completed: u32,
    /// How many stopped series.
    pub series: u32,
}

/// Gaps between consecutive sessions of one treatment against its protocol.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct GapStats {
    /// The treatment.
    pub treatment_id: String,
    /// Gaps counted.
    pub gaps: u32,
    /// The lower median gap in days (for an even count, the lower middle value, so always a
    /// gap that occurred); absent without gaps.
    pub median_gap_days: Option<u32>,
    /// The protocol's first interval, for comparison.
    pub protocol: Option<SeriesInterval>,
    /// Gaps shorter than their interval's `min`.
    pub early: u32,
    /// Gaps inside their interval.
    pub within: u32,
    /// Gaps longer than their interval's `max`.
    pub late: u32,
}

/// A client past their window, still within the grace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct AtRisk {
    /// The series.
    pub series_id: String,
    /// The client.
    pub client_id: String,
    /// The treatment.
    pub treatment_id: String,
    /// The location.
    pub location_id: String,
    /// The session they are late for.
    pub next_session: u32,
    /// Days past the window's last day.
    pub days_overdue: u32,
    /// The series' remaining value.
    pub value_minor: i64,
}

/// Completion with and without structured follow-up (series whose `receivedFollowup` is known).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct FollowupComparison {
    /// Clients who received follow-up.
    pub with_followup: Rate,
    /// Clients who did not.
    pub without_followup: Rate,
}

/// How many series stand where.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SeriesCounts {
    /// All series in the request.
    pub series: u32,
    /// Every session done.
    pub completed: u32,
    /// Lapsed: past the window by more than the grace.
    pub stopped: u32,
    /// In progress: before or inside the next window.
    pub active: u32,
    /// Past the window, within the grace (the at-risk list).
    pub overdue: u32,
    /// No session yet (not counted anywhere else).
    pub not_started: u32,
}

/// The report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RetentionReport {
    /// Counts by standing.
    pub counts: SeriesCounts,
    /// Completion over all finished series.
    pub overall: Rate,
    /// By treatment, sorted by key.
    pub by_treatment: Vec<GroupRate>,
    /// By location, sorted by key.
    pub by_location: Vec<GroupRate>,
    /// By month of the first session (`YYYY-MM`), sorted.
    pub by_start_month: Vec<GroupRate>,
    /// Stopped series by sessions completed, ascending.
    pub drop_off: Vec<DropOff>,
    /// Gap statistics by treatment, sorted by treatment.
    pub gaps: Vec<GapStats>,
    /// Overdue series, most days overdue first, then higher value, then series id.
    pub at_risk: Vec<AtRisk>,
    /// Present when some series say whether follow-up was received.
    pub followup: Option<FollowupComparison>,
}

/// Builds the retention report. A series is *completed* when its sessions reach the rule's
/// count, *stopped* when today is more than the grace past its next window's last day, and
/// otherwise active or overdue; rates count finished series only (completed + stopped).
///
/// ```
/// use medspa_followup::{retention_report, RetentionRequest};
/// let request: RetentionRequest = serde_json::from_value(serde_json::json!({
///     "today": "2025-09-01",
///     "treatments": [{"treatmentId": "peel", "series": {"sessions": 2, "intervals": [{"min": 14, "max": 21}]}}],
///     "series": [
///         {"id": "s1", "clientId": "c1", "treatmentId": "peel", "locationId": "soho",
///          "sessions": ["2025-05-01", "2025-05-17"]},
///         {"id": "s2", "clientId": "c2", "treatmentId": "peel", "locationId": "soho",
///          "sessions": ["2025-05-03"]}
///     ]
/// })).unwrap();
/// let report = retention_report(&request).unwrap();
/// assert_eq!((report.overall.completed, report.overall.total, report.overall.basis_points), (1, 2, Some(5_000)));
/// assert_eq!(report.drop_off[0].sessions_completed, 1);
/// ```
pub fn retention_report(request: &RetentionRequest) -> Result<RetentionReport, CodedError> {
    let today = parse_local_date(&request.today).map_err(|e| e.under("$.today"))?;
    let grace = grace_days(request.grace_days, "$.graceDays")?;
    if request.series.len() > MAX_SERIES {
        return Err(too_many("$.series", MAX_SERIES));
    }
    if request.treatments.len() > MAX_TREATMENTS {
        return Err(too_many("$.treatments", MAX_TREATMENTS));
    }
    let total_sessions: usize = request.series.iter().map(|s| s.sessions.len()).sum();
    if total_sessions > MAX_REPORT_SESSIONS {
        return Err(too_many("$.series", MAX_REPORT_SESSIONS));
    }
    let mut rules: HashMap<&str, usize> = HashMap::with_capacity(request.treatments.len());
    for (i, t) in request.treatments.iter().enumerate() {
        let mut problems = Vec::new();
        check_series(
            &t.series,
            &format!("$.treatments[{i}].series"),
            &mut problems,
        );
        if let Some(err) = first_error(&problems) {
            return Err(err);
        }
        if rules.insert(&t.treatment_id, i).is_some() {
            return Err(CodedError::new(
                DUPLICATE_ID,
                format!("$.treatments[{i}].treatmentId"),
                "another entry has this treatment",
            ));
        }
    }

    let mut counts = SeriesCounts {
        series: u32::try_from(request.series.len()).unwrap_or(u32::MAX),
        ..SeriesCounts::default()
    };
    let mut overall = Rate::default();
    let mut by_treatment: HashMap<&str, Rate> = HashMap::new();
    let mut by_location: HashMap<&str, Rate> = HashMap::new();
    let mut by_month: HashMap<(i32, u32), Rate> = HashMap::new();
    let mut drop_off: HashMap<u32, u32> = HashMap::new();
    let mut gaps: HashMap<&str, (Vec<u32>, u32, u32, u32)> = HashMap::new();
    let mut at_risk = Vec::new();
    let mut with = Rate::default();
    let mut without = Rate::default();
    let mut followup_known = false;
    let mut dates: Vec<NaiveDate> = Vec::new();

    for (i, record) in request.series.iter().enumerate() {
        let path = format!("$.series[{i}]");
        let rule_index = *rules.get(record.treatment_id.as_str()).ok_or_else(|| {
            CodedError::new(
                UNKNOWN_TREATMENT,
                format!("{path}.treatmentId"),
                "no entry of `treatments` has this treatment",
            )
        })?;
        let rule = &request.treatments[rule_index].series;
        dates.clear();
        for (j, text) in record.sessions.iter().enumerate() {
            let date =
                parse_local_date(text).map_err(|e| e.under(&format!("{path}.sessions[{j}]")))?;
            if dates.last().is_some_and(|last| date < *last) {
                return Err(out_of_order(format!("{path}.sessions[{j}]")));
            }
            dates.push(date);
        }
        let Some(&first) = dates.first() else {
            counts.not_started += 1;
            continue;
        };
        let entry = gaps.entry(&record.treatment_id).or_default();
        for (k, pair) in dates.windows(2).enumerate() {
            let gap = u32::try_from((pair[1] - pair[0]).num_days()).unwrap_or(u32::MAX);
            entry.0.push(gap);
            if let Some(interval) = rule.interval(u32::try_from(k + 1).unwrap_or(u32::MAX)) {
                if gap < interval.min {
                    entry.1 += 1;
                } else if gap <= interval.max {
                    entry.2 += 1;
                } else {
                    entry.3 += 1;
                }
            }
        }
        let done = u32::try_from(dates.len()).unwrap_or(u32::MAX);
        let state = standing(rule, done, dates.last().copied(), today, grace);
        let finished = match state.status {
            SeriesStatus::Completed => {
                counts.completed += 1;
                Some(true)
            }
            SeriesStatus::Lapsed => {
                counts.stopped += 1;
                *drop_off.entry(done).or_default() += 1;
                Some(false)
            }
            SeriesStatus::Overdue => {
                counts.overdue += 1;
                at_risk.push(AtRisk {
                    series_id: record.id.clone(),
                    client_id: record.client_id.clone(),
                    treatment_id: record.treatment_id.clone(),
                    location_id: record.location_id.clone(),
                    next_session: done + 1,
                    days_overdue: state.days_overdue,
                    value_minor: record.value_minor,
                });
                None
            }
            SeriesStatus::OnTrack | SeriesStatus::Due => {
                counts.active += 1;
                None
            }
        };
        if let Some(completed) = finished {
            overall.add(completed);
            by_treatment
                .entry(&record.treatment_id)
                .or_default()
                .add(completed);
            by_location
                .entry(&record.location_id)
                .or_default()
                .add(completed);
            by_month
                .entry((first.year(), first.month()))
                .or_default()
                .add(completed);
            match record.received_followup {
                Some(true) => with.add(completed),
                Some(false) => without.add(completed),
                None => {}
            }
        }
        followup_known |= record.received_followup.is_some();
    }

    let groups = |map: HashMap<&str, Rate>| {
        let mut out: Vec<GroupRate> = map
            .into_iter()
            .map(|(key, rate)| GroupRate {
                key: key.to_string(),
                rate: rate.finished(),
            })
            .collect();
        out.sort_by(|a, b| a.key.cmp(&b.key));
        out
    };
    let mut months: Vec<((i32, u32), Rate)> = by_month.into_iter().collect();
    months.sort_by_key(|(k, _)| *k);
    let mut drop_off: Vec<DropOff> = drop_off
        .into_iter()
        .map(|(sessions_completed, series)| DropOff {
            sessions_completed,
            series,
        })
        .collect();
    drop_off.sort_by_key(|d| d.sessions_completed);
    let mut gap_stats: Vec<GapStats> = gaps
        .into_iter()
        .map(|(treatment, (mut list, early, within, late))| {
            let median = if list.is_empty() {
                None
            } else {
                let mid = (list.len() - 1) / 2;
                Some(*list.select_nth_unstable(mid).1)
            };
            let protocol = rules
                .get(treatment)
                .and_then(|&i| request.treatments[i].series.interval(1));
            GapStats {
                treatment_id: treatment.to_string(),
                gaps: u32::try_from(list.len()).unwrap_or(u32::MAX),
                median_gap_days: median,
                protocol,
                early,
                within,
                late,
            }
        })
        .collect();
    gap_stats.sort_by(|a, b| a.treatment_id.cmp(&b.treatment_id));
    at_risk.sort_by(|a, b| {
        b.days_overdue
            .cmp(&a.days_overdue)
            .then(b.value_minor.cmp(&a.value_minor))
            .then_with(|| a.series_id.cmp(&b.series_id))
    });
    Ok(RetentionReport {
        counts,
        overall: overall.finished(),
        by_treatment: groups(by_treatment),
        by_location: groups(by_location),
        by_start_month: months
            .into_iter()
            .map(|((y, m), rate)| GroupRate {
                key: format!("{y:04}-{m:02}"),
                rate: rate.finished(),
            })
            .collect(),
        drop_off,
        gaps: gap_stats,
        at_risk,
        followup: followup_known.then(|| FollowupComparison {
            with_followup: with.finished(),
            without_followup: without.finished(),
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::basis_points;

    #[test]
    fn basis_points_round_half_up() {
        assert_eq!(basis_points(1, 3), Some(3_333));
        assert_eq!(basis_points(2, 3), Some(6_667));
        assert_eq!(basis_points(1, 8), Some(1_250));
        assert_eq!(basis_points(1, 20_000), Some(1)); // 0.5 bp rounds up
        assert_eq!(basis_points(0, 0), None);
        assert_eq!(basis_points(u32::MAX, u32::MAX), Some(10_000));
    }
}
