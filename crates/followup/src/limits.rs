//! Documented limits. Input beyond them is refused with `TOO_MANY` or `OUT_OF_RANGE` (with the
//! path of the field) before any work, so a hostile or mistaken request cannot freeze a page.

/// Protocols in one request.
pub const MAX_PROTOCOLS: usize = 500;
/// Steps in one protocol.
pub const MAX_STEPS: usize = 50;
/// Fallback channels of one step.
pub const MAX_FALLBACKS: usize = 5;
/// Largest offset in hours (366 days). Negative offsets are refused too.
pub const MAX_OFFSET_HOURS: i64 = 8_784;
/// Largest offset in days.
pub const MAX_OFFSET_DAYS: i64 = 366;
/// Sessions in one series.
pub const MAX_SESSIONS: u32 = 100;
/// Largest series interval (`max`), in days.
pub const MAX_INTERVAL_DAYS: u32 = 1_000;
/// Intervals listed in one series.
pub const MAX_INTERVALS: usize = 100;
/// Series reminders planned after one appointment (sessions beyond the next one).
pub const MAX_SERIES_REMINDERS: u32 = 24;
/// Treatments on one appointment.
pub const MAX_APPOINTMENT_TREATMENTS: usize = 20;
/// Appointments in one `followup_day` request.
pub const MAX_DAY_ITEMS: usize = 50_000;
/// Previously planned messages passed to a replan.
pub const MAX_PREVIOUS: usize = 2_000;
/// Allowed-hours windows in one source (client, clinic, one state).
pub const MAX_WINDOWS: usize = 14;
/// Entries in a state quiet-hours table.
pub const MAX_STATES: usize = 100;
/// Channels a client lists (opted out or allowed).
pub const MAX_CHANNELS: usize = 10;
/// Known treatment ids and templates in a validation request.
pub const MAX_TEMPLATES: usize = 2_000;
/// Known treatment ids in a validation request.
pub const MAX_TREATMENTS: usize = 5_000;
/// Series plans in one progress request.
pub const MAX_PLANS: usize = 100_000;
/// Series in one retention report.
pub const MAX_SERIES: usize = 200_000;
/// Sessions in one retention report, all series together.
pub const MAX_REPORT_SESSIONS: usize = 2_000_000;
/// Events in one iCalendar export.
pub const MAX_EVENTS: usize = 20_000;
/// Longest grace, in days, before an overdue series counts as lapsed.
pub const MAX_GRACE_DAYS: u32 = 3_650;
/// Grace when the request names none: a series more than 30 days past its window is `lapsed`.
pub const DEFAULT_GRACE_DAYS: u32 = 30;
/// A step whose time is at most this many hours before `now` is sent at `now` (so aftercare
/// planned a little after checkout still goes out); older steps are reported as unplanned
/// (`past`).
pub const LATE_GRACE_HOURS: i64 = 12;
/// Longest automated healthcare SMS under the FCC healthcare exemption.
pub const HEALTHCARE_SMS_MAX_CHARS: usize = 160;
/// Characters counted for each merge field when an SMS template's length is estimated.
pub const MERGE_FIELD_CHARS: usize = 12;
/// Days ahead the quiet-hours search looks before giving up with `NO_ALLOWED_HOURS`.
pub const MAX_SEARCH_DAYS: usize = 16;
