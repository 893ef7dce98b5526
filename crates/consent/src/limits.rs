//! Documented maximum sizes. Input beyond them is refused with `TOO_MANY` (or `INVALID_RANGE`,
//! `OUT_OF_RANGE`) before any work, so a hostile or mistaken request cannot freeze a page.

/// Forms in a rule set.
pub const MAX_FORMS: usize = 500;
/// Questions on one form.
pub const MAX_QUESTIONS: usize = 1_000;
/// Treatments in a rule set.
pub const MAX_TREATMENTS: usize = 5_000;
/// Requirements in a rule set.
pub const MAX_REQUIREMENTS: usize = 1_000;
/// Review triggers in a rule set.
pub const MAX_TRIGGERS: usize = 1_000;
/// Form records of one client.
pub const MAX_RECORDS: usize = 5_000;
/// Answers on one form record.
pub const MAX_ANSWERS: usize = 1_000;
/// Reviews of one client.
pub const MAX_REVIEWS: usize = 5_000;
/// Treatments on one appointment.
pub const MAX_APPOINTMENT_TREATMENTS: usize = 50;
/// Appointments in one batch check.
pub const MAX_APPOINTMENTS: usize = 50_000;
/// Clients in one batch check.
pub const MAX_CLIENTS: usize = 50_000;
/// Days in a batch check's date range (inclusive).
pub const MAX_RANGE_DAYS: i64 = 92;
/// `every_n_days` validity (about 27 years).
pub const MAX_VALIDITY_DAYS: u32 = 10_000;
/// `every_n_months` validity.
pub const MAX_VALIDITY_MONTHS: u32 = 600;
/// `dueHoursBefore` (90 days).
pub const MAX_DUE_HOURS: u32 = 2_160;
/// `reviewDaysBefore`.
pub const MAX_REVIEW_DAYS_BEFORE: u16 = 90;
/// Reminder offsets in a cadence.
pub const MAX_REMINDERS: usize = 24;
