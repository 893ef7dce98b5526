//! Scheduling for medical spas (issue #4): free slots, the earliest feasible plan of a treatment
//! series, an independent plan checker, rescheduling with a cascade, and the windows a calendar
//! shades. Pure Rust: no clock (`now` is an argument), no randomness, no I/O; a zone database is
//! passed in as a [`ZoneSource`](medspa_zoned::ZoneSource).
//!
//! Time conventions are those of `docs/domain.md` §2, exactly:
//! - every local date and wall-clock time is read in the location's IANA zone, and every time
//!   returned is ISO 8601 with its UTC offset (`2025-11-02T10:00-05:00`);
//! - a wall time in a spring-forward gap moves forward by the gap; a repeated wall time takes its
//!   first occurrence (RFC 5545); [`resolve_local_time`] lets a caller name another
//!   [`LocalTimePolicy`] (the later occurrence, or a coded refusal of either case);
//! - slot grids are anchored at the start of each working window and step in wall-clock time, so
//!   on a DST day a grid time that does not exist yields no slot, and a repeated one is its first
//!   occurrence;
//! - series intervals are calendar days in the clinic's zone by default ([`IntervalUnit`] names
//!   the alternatives `hours` and `months`); the window of session k is the inclusive range of
//!   local dates `[date(k−1) + min, date(k−1) + max]`; a series keeps its wall-clock time across
//!   DST when that time is free.
//!
//! Operations: [`find_slots`], [`plan_series`], [`validate_plan`], [`reschedule`], [`windows`],
//! plus [`resolve_local_time`] and [`clinic_time`]. Analyses return findings as data (an
//! [`Unplanned`] explanation, [`Violation`]s, a [`Rejection`]); `Err` is a [`CodedError`] for a
//! request that cannot be answered, with the JSON path of the field at fault and a message that
//! never quotes input. Every search is bounded by the limits below.
//!
//! Two ways to call them. One-shot: the request carries its `clinic`, which is checked and
//! compiled on every call (a request without one is `MISSING_CLINIC` at `$.clinic`). Prepared:
//! [`PreparedClinic::new`] checks and indexes a clinic once (error paths rooted at the clinic,
//! `$.providers[2].hours[0].start`), and [`find_slots_in`], [`plan_series_in`],
//! [`validate_plan_in`], [`reschedule_in`] and [`windows_in`] take the same requests without a
//! `clinic` (`CLINIC_GIVEN_TWICE` at `$.clinic` with one) and give the same answers (a property
//! test checks it, updates included). [`PreparedClinic::add_appointments`] and
//! [`PreparedClinic::remove_appointments`] keep it current as slots are booked and cancelled.
//!
//! Cost: the busy time of each provider and resource is indexed sorted by start, with the
//! running maximum of ends, so each check is one binary search; zone offsets are cached per
//! local day. On a prepared clinic a query therefore reads only the busy time of the days it
//! searches: its cost follows the appointments in the searched range, not the calendar's size
//! (the benchmarks run one day, one month and a six-session plan on 10,000 and 40,000
//! appointments and take about as long on both). A one-shot call also compiles the clinic: it
//! compares the date prefix of every appointment and reads only those within three days of the
//! span it searches, so it adds a byte comparison per appointment of the calendar. Adding or
//! removing a booking on a prepared clinic is a binary search and a shift in the indexes of its
//! provider and resources.
//!
//! [`CodedError`]: medspa_errors::CodedError

#![forbid(unsafe_code)]

pub mod codes;
mod local;
mod model;
mod prepared;
mod search;
mod series;
mod types;

pub use local::{
    clinic_time, resolve_local_time, to_clinic_time, AmbiguousPolicy, ClinicTimeRequest, GapPolicy,
    LocalTimePolicy, LocalTimeRequest, LocalTimeResolution,
};
pub use prepared::PreparedClinic;
pub use search::{find_slots, find_slots_in};
pub use series::{
    plan_series, plan_series_in, reschedule, reschedule_in, validate_plan, validate_plan_in,
    windows, windows_in,
};
pub use types::*;

/// Most days `find_slots` searches at once (`to − from + 1`).
pub const MAX_RANGE_DAYS: i64 = 366;
/// Most slots on one page.
pub const MAX_LIMIT: u32 = 1_000;
/// Most existing appointments in a request (or in a prepared clinic).
pub const MAX_APPOINTMENTS: usize = 100_000;
/// Most providers.
pub const MAX_PROVIDERS: usize = 200;
/// Most rooms and devices.
pub const MAX_RESOURCES: usize = 200;
/// Most treatments in a catalog.
pub const MAX_TREATMENTS: usize = 1_000;
/// Most washout rules.
pub const MAX_WASHOUTS: usize = 1_000;
/// Most sessions in a series (and in a plan).
pub const MAX_SESSIONS: usize = 24;
/// Most hours entries in one weekly schedule.
pub const MAX_HOURS_ENTRIES: usize = 100;
/// Most closed dates.
pub const MAX_CLOSED_DATES: usize = 3_660;
/// Most exceptions of one provider, or blocked spans of one resource.
pub const MAX_EXCEPTIONS: usize = 10_000;
/// Most sessions in a client's history.
pub const MAX_HISTORY: usize = 10_000;
/// Longest booking horizon, in days (ten years).
pub const MAX_HORIZON_DAYS: u32 = 3_660;
/// Longest series interval or consultation age, in days (months: this ÷ 28; hours: × 24).
pub const MAX_INTERVAL: u32 = 3_660;
/// Longest washout, in days.
pub const MAX_WASHOUT_DAYS: u32 = 3_660;
/// Largest slot step, in minutes.
pub const MAX_STEP_MINUTES: u32 = 240;
/// Longest treatment, in minutes.
pub const MAX_DURATION_MINUTES: u32 = 1_440;
/// Longest buffer, in minutes.
pub const MAX_BUFFER_MINUTES: u32 = 720;
/// Longest minimum notice, in minutes (thirty days).
pub const MAX_NOTICE_MINUTES: u32 = 43_200;
/// Largest resource capacity.
pub const MAX_CAPACITY: u32 = 100;
/// Most sessions `plan_series` places (and takes back) before it gives up with `SEARCH_LIMIT`.
pub const MAX_SEARCH_STEPS: u64 = 100_000;
/// Most candidate starts `plan_series` and `reschedule` examine before giving up.
pub const MAX_SEARCH_CHECKS: u64 = 3_000_000;
