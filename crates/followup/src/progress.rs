//! Where each client stands in a treatment series: sessions done and remaining, the next
//! session's window (inclusive local dates in the clinic's zone), and a status.

use crate::check::{check_series, first_error};
use crate::codes::*;
use crate::limits::*;
use crate::plan::instant_at;
use crate::protocol::SeriesRule;
use chrono::{DateTime, NaiveDate, Utc};
use medspa_errors::CodedError;
use medspa_zoned::{to_local, ZoneSource};
use serde::{Deserialize, Serialize};

/// Series to report on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeriesProgressRequest {
    /// The current instant, ISO 8601 with offset.
    #[cfg_attr(feature = "ts", tsify(type = "string | Date"))]
    pub now: String,
    /// The clinic's IANA zone: session dates and windows are its local dates.
    pub zone: String,
    /// Days past the window's end before `overdue` becomes `lapsed`;
    /// [`DEFAULT_GRACE_DAYS`] when omitted, at most [`MAX_GRACE_DAYS`].
    #[serde(default)]
    pub grace_days: Option<u32>,
    /// One entry per client and series.
    pub plans: Vec<SeriesPlan>,
}

/// One client's series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeriesPlan {
    /// Stable id of the plan.
    pub id: String,
    /// The client.
    pub client_id: String,
    /// The series rule.
    pub series: SeriesRule,
    /// Start instants of the sessions done, oldest first (ISO 8601 with offset), strictly
    /// increasing.
    #[serde(default)]
    pub sessions: Vec<String>,
}

/// Where a series stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum SeriesStatus {
    /// The next window has not opened yet.
    OnTrack,
    /// The next window is open today (or the series has not started).
    Due,
    /// Past the window's last day, by at most the grace.
    Overdue,
    /// Past the window's last day by more than the grace.
    Lapsed,
    /// Every session done.
    Completed,
}

/// An inclusive range of local dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DateWindow {
    /// First local date, `YYYY-MM-DD`.
    pub start: String,
    /// Last local date, `YYYY-MM-DD` (inclusive).
    pub end: String,
}

/// The progress of one plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PlanProgress {
    /// The plan.
    pub plan_id: String,
    /// The client.
    pub client_id: String,
    /// Sessions done.
    pub done: u32,
    /// Sessions left (0 when completed).
    pub remaining: u32,
    /// The next session's number, unless completed.
    pub next_session: Option<u32>,
    /// The next session's window, when at least one session is done and one remains.
    pub window: Option<DateWindow>,
    /// The status.
    pub status: SeriesStatus,
    /// Days past the window's last day (0 unless overdue or lapsed).
    pub days_overdue: u32,
}

/// Every plan's progress, in request order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SeriesProgress {
    /// One entry per plan.
    pub plans: Vec<PlanProgress>,
}

/// Reports each plan's progress: the window of session k is `[date(k−1) + min, date(k−1) + max]`
/// in local dates of `zone`; the status compares today's local date with it.
///
/// ```
/// use medspa_followup::{series_progress, SeriesProgressRequest, SeriesStatus};
/// use medspa_zoned::ChronoTz;
/// let request: SeriesProgressRequest = serde_json::from_value(serde_json::json!({
///     "now": "2025-07-01T12:00-04:00", "zone": "America/New_York",
///     "plans": [{"id": "p1", "clientId": "c1",
///                "series": {"sessions": 3, "intervals": [{"min": 28, "max": 42}]},
///                "sessions": ["2025-05-01T10:00-04:00", "2025-06-01T10:00-04:00"]}]
/// })).unwrap();
/// let p = &series_progress(&ChronoTz, &request).unwrap().plans[0];
/// assert_eq!((p.done, p.remaining, p.status), (2, 1, SeriesStatus::Due));
/// let w = p.window.as_ref().unwrap();
/// assert_eq!((w.start.as_str(), w.end.as_str()), ("2025-06-29", "2025-07-13"));
/// ```
pub fn series_progress(
    zones: &dyn ZoneSource,
    request: &SeriesProgressRequest,
) -> Result<SeriesProgress, CodedError> {
    let now = instant_at(&request.now, "$.now")?;
    let grace = grace_days(request.grace_days, "$.graceDays")?;
    if request.plans.len() > MAX_PLANS {
        return Err(too_many("$.plans", MAX_PLANS));
    }
    let today = to_local(zones, &request.zone, now)
        .map_err(|e| e.under("$.zone"))?
        .date_naive();
    let mut plans = Vec::with_capacity(request.plans.len());
    for (i, plan) in request.plans.iter().enumerate() {
        let path = format!("$.plans[{i}]");
        let mut problems = Vec::new();
        check_series(&plan.series, &format!("{path}.series"), &mut problems);
        if let Some(err) = first_error(&problems) {
            return Err(err);
        }
        if plan.sessions.len() > MAX_SESSIONS as usize * 10 {
            return Err(too_many(
                format!("{path}.sessions"),
                MAX_SESSIONS as usize * 10,
            ));
        }
        let mut last: Option<DateTime<Utc>> = None;
        for (j, text) in plan.sessions.iter().enumerate() {
            let at = instant_at(text, &format!("{path}.sessions[{j}]"))?;
            if last.is_some_and(|l| at <= l) {
                return Err(out_of_order(format!("{path}.sessions[{j}]")));
            }
            last = Some(at);
        }
        let last_date = match last {
            Some(t) => Some(
                to_local(zones, &request.zone, t)
                    .map_err(|e| e.under(&format!("{path}.sessions")))?
                    .date_naive(),
            ),
            None => None,
        };
        let done = u32::try_from(plan.sessions.len()).unwrap_or(u32::MAX);
        let state = standing(&plan.series, done, last_date, today, grace);
        plans.push(PlanProgress {
            plan_id: plan.id.clone(),
            client_id: plan.client_id.clone(),
            done,
            remaining: plan.series.sessions.saturating_sub(done),
            next_session: (state.status != SeriesStatus::Completed).then(|| done + 1),
            window: state.window.map(|(a, b)| DateWindow {
                start: a.format("%Y-%m-%d").to_string(),
                end: b.format("%Y-%m-%d").to_string(),
            }),
            status: state.status,
            days_overdue: state.days_overdue,
        });
    }
    Ok(SeriesProgress { plans })
}

pub(crate) fn out_of_order(path: String) -> CodedError {
    CodedError::new(
        SESSIONS_OUT_OF_ORDER,
        path,
        "a session is not after the one listed before it; list sessions oldest first",
    )
}

pub(crate) fn grace_days(grace: Option<u32>, path: &str) -> Result<u32, CodedError> {
    match grace {
        None => Ok(DEFAULT_GRACE_DAYS),
        Some(g) if g <= MAX_GRACE_DAYS => Ok(g),
        Some(_) => Err(out_of_range(
            path,
            format!("the grace is at most {MAX_GRACE_DAYS} days"),
        )),
    }
}

/// A series' standing on `today`.
pub(crate) struct Standing {
    pub status: SeriesStatus,
    pub window: Option<(NaiveDate, NaiveDate)>,
    pub days_overdue: u32,
}

/// The status rule, shared with the retention report.
pub(crate) fn standing(
    series: &SeriesRule,
    done: u32,
    last: Option<NaiveDate>,
    today: NaiveDate,
    grace: u32,
) -> Standing {
    let open = |window| Standing {
        status: SeriesStatus::Due,
        window,
        days_overdue: 0,
    };
    if done >= series.sessions {
        return Standing {
            status: SeriesStatus::Completed,
            window: None,
            days_overdue: 0,
        };
    }
    let (Some(last), Some(interval)) = (last, series.interval(done)) else {
        return open(None);
    };
    let add = |d: u32| last.checked_add_days(chrono::Days::new(u64::from(d)));
    let (Some(from), Some(to)) = (add(interval.min), add(interval.max)) else {
        return open(None);
    };
    let window = Some((from, to));
    if today < from {
        Standing {
            status: SeriesStatus::OnTrack,
            window,
            days_overdue: 0,
        }
    } else if today <= to {
        open(window)
    } else {
        let late = u32::try_from((today - to).num_days()).unwrap_or(u32::MAX);
        Standing {
            status: if late > grace {
                SeriesStatus::Lapsed
            } else {
                SeriesStatus::Overdue
            },
            window,
            days_overdue: late,
        }
    }
}
