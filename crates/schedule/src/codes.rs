//! Stable error codes for requests that cannot be answered at all. Every error also carries the
//! JSON path of the field at fault; no message quotes input.

/// A list exceeds its documented limit (hours entries, closed dates, exceptions, history…).
pub const TOO_MANY_ENTRIES: &str = "TOO_MANY_ENTRIES";
/// More appointments than [`MAX_APPOINTMENTS`](crate::MAX_APPOINTMENTS).
pub const TOO_MANY_APPOINTMENTS: &str = "TOO_MANY_APPOINTMENTS";
/// More providers than [`MAX_PROVIDERS`](crate::MAX_PROVIDERS).
pub const TOO_MANY_PROVIDERS: &str = "TOO_MANY_PROVIDERS";
/// More rooms and devices than [`MAX_RESOURCES`](crate::MAX_RESOURCES).
pub const TOO_MANY_RESOURCES: &str = "TOO_MANY_RESOURCES";
/// More treatments than [`MAX_TREATMENTS`](crate::MAX_TREATMENTS).
pub const TOO_MANY_TREATMENTS: &str = "TOO_MANY_TREATMENTS";
/// A plan has more sessions than [`MAX_SESSIONS`](crate::MAX_SESSIONS).
pub const TOO_MANY_SESSIONS: &str = "TOO_MANY_SESSIONS";
/// Two hours entries (or breaks) of one weekday overlap.
pub const OVERLAPPING_HOURS: &str = "OVERLAPPING_HOURS";
/// An hours entry ends at or before its start.
pub const INVALID_HOURS: &str = "INVALID_HOURS";
/// A break lies outside its working hours.
pub const BREAK_OUTSIDE_HOURS: &str = "BREAK_OUTSIDE_HOURS";
/// A provider exception is malformed (extra hours without times, a start without an end).
pub const INVALID_EXCEPTION: &str = "INVALID_EXCEPTION";
/// The slot step is 0 or above [`MAX_STEP_MINUTES`](crate::MAX_STEP_MINUTES).
pub const INVALID_STEP: &str = "INVALID_STEP";
/// The minimum notice is above [`MAX_NOTICE_MINUTES`](crate::MAX_NOTICE_MINUTES).
pub const INVALID_NOTICE: &str = "INVALID_NOTICE";
/// The horizon is above [`MAX_HORIZON_DAYS`](crate::MAX_HORIZON_DAYS).
pub const INVALID_HORIZON: &str = "INVALID_HORIZON";
/// An id appears twice among providers, resources or treatments.
pub const DUPLICATE_ID: &str = "DUPLICATE_ID";
/// A capacity of 0 or above [`MAX_CAPACITY`](crate::MAX_CAPACITY).
pub const INVALID_CAPACITY: &str = "INVALID_CAPACITY";
/// An end at or before its start, or `to` before `from`.
pub const INVALID_RANGE: &str = "INVALID_RANGE";
/// `to` is more than [`MAX_RANGE_DAYS`](crate::MAX_RANGE_DAYS) after `from`.
pub const RANGE_TOO_LONG: &str = "RANGE_TOO_LONG";
/// No treatment has this id (or, in a washout, this id or category).
pub const UNKNOWN_TREATMENT: &str = "UNKNOWN_TREATMENT";
/// No provider has this id.
pub const UNKNOWN_PROVIDER: &str = "UNKNOWN_PROVIDER";
/// No room or device has this id.
pub const UNKNOWN_RESOURCE: &str = "UNKNOWN_RESOURCE";
/// A need's `anyOf` names a resource of the other kind.
pub const RESOURCE_KIND_MISMATCH: &str = "RESOURCE_KIND_MISMATCH";
/// Washout days of 0 or above [`MAX_WASHOUT_DAYS`](crate::MAX_WASHOUT_DAYS).
pub const INVALID_WASHOUT: &str = "INVALID_WASHOUT";
/// A buffer above [`MAX_BUFFER_MINUTES`](crate::MAX_BUFFER_MINUTES).
pub const INVALID_BUFFER: &str = "INVALID_BUFFER";
/// A duration of 0 or above [`MAX_DURATION_MINUTES`](crate::MAX_DURATION_MINUTES).
pub const INVALID_DURATION: &str = "INVALID_DURATION";
/// A series of 0 or more than [`MAX_SESSIONS`](crate::MAX_SESSIONS) sessions.
pub const INVALID_SESSIONS: &str = "INVALID_SESSIONS";
/// A series of several sessions without intervals.
pub const MISSING_INTERVALS: &str = "MISSING_INTERVALS";
/// An interval's minimum is above its maximum.
pub const MIN_ABOVE_MAX: &str = "MIN_ABOVE_MAX";
/// An interval (or consultation age) above [`MAX_INTERVAL`](crate::MAX_INTERVAL) days.
pub const INVALID_INTERVAL: &str = "INVALID_INTERVAL";
/// A consultation that is the treatment itself, or needs a consultation of its own.
pub const INVALID_CONSULTATION: &str = "INVALID_CONSULTATION";
/// A page size of 0 or above [`MAX_LIMIT`](crate::MAX_LIMIT).
pub const INVALID_LIMIT: &str = "INVALID_LIMIT";
/// A cursor this crate did not make.
pub const INVALID_CURSOR: &str = "INVALID_CURSOR";
/// A session index outside the plan.
pub const INVALID_SESSION: &str = "INVALID_SESSION";
/// A time of day not on a whole minute (other malformed times are `INVALID_TIME` from zoned).
pub const INVALID_TIME: &str = "INVALID_TIME";
/// Under the `reject` gap policy of `resolveLocalTime`: the wall time falls in a DST gap.
pub const NONEXISTENT_LOCAL_TIME: &str = "NONEXISTENT_LOCAL_TIME";
/// Under the `reject` ambiguous policy of `resolveLocalTime`: the wall time occurs twice.
pub const AMBIGUOUS_LOCAL_TIME: &str = "AMBIGUOUS_LOCAL_TIME";
/// The zone source gave an offset of a day or more.
pub const INVALID_UTC_OFFSET: &str = "INVALID_UTC_OFFSET";
/// A date outside the supported range.
pub const TIME_OUT_OF_RANGE: &str = "TIME_OUT_OF_RANGE";
/// A one-shot operation's request has no `clinic` (requests on a prepared clinic have none).
pub const MISSING_CLINIC: &str = "MISSING_CLINIC";
/// A request on a prepared clinic also has a `clinic` of its own.
pub const CLINIC_GIVEN_TWICE: &str = "CLINIC_GIVEN_TWICE";
