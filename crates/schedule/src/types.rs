//! The JSON contract of the scheduling operations: the clinic (catalog, location, providers,
//! resources, appointments), the client's history and preferences, and each operation's request
//! and response. Times cross as text: instants as ISO 8601 with an offset, local dates as
//! `YYYY-MM-DD`, wall-clock times as `HH:MM` (`24:00` allowed as an end of day).

use serde::{Deserialize, Serialize};

fn default_step() -> u32 {
    15
}

fn default_horizon() -> u32 {
    365
}

fn default_capacity() -> u32 {
    1
}

fn default_limit() -> u32 {
    50
}

/// A day of the week (shared with the other plugins through `medspa-zoned`).
pub use medspa_zoned::Weekday;

/// Opening hours on one weekday: `{"day": "mon", "start": "09:00", "end": "17:00"}`.
///
/// A weekday may have several entries (a lunch closing); entries of one weekday must not overlap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OpeningHours {
    /// The weekday.
    pub day: Weekday,
    /// Local opening time, `HH:MM`.
    pub start: String,
    /// Local closing time, `HH:MM`, later than `start`; `24:00` is the end of the day.
    pub end: String,
}

/// A span of wall-clock time within one day: `{"start": "12:00", "end": "12:30"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TimeRange {
    /// Local start, `HH:MM`.
    pub start: String,
    /// Local end, `HH:MM`, later than `start`; `24:00` is the end of the day.
    pub end: String,
}

/// A span between two instants, end exclusive: `{"start": "…-05:00", "end": "…-05:00"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InstantRange {
    /// ISO 8601 instant with an offset.
    pub start: String,
    /// ISO 8601 instant with an offset, after `start`.
    pub end: String,
}

/// Where the clinic is and when it is open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Location {
    /// IANA zone name; every local date and time of the request is read in it.
    pub zone: String,
    /// Business hours per weekday; a weekday without entries is closed.
    pub hours: Vec<OpeningHours>,
    /// Local dates on which the clinic is closed, `YYYY-MM-DD`.
    #[serde(default)]
    pub closed_dates: Vec<String>,
    /// Minutes between candidate starts (1 to [`MAX_STEP_MINUTES`](crate::MAX_STEP_MINUTES));
    /// 15 by default.
    #[serde(default = "default_step")]
    pub slot_step_minutes: u32,
    /// A booking must start at least this many minutes after `now`; 0 by default.
    #[serde(default)]
    pub min_notice_minutes: u32,
    /// A booking's local date may be at most this many days after today's local date;
    /// 365 by default (at most [`MAX_HORIZON_DAYS`](crate::MAX_HORIZON_DAYS)).
    #[serde(default = "default_horizon")]
    pub horizon_days: u32,
}

/// Whether a resource is a room or a device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum ResourceKind {
    /// A treatment room.
    Room,
    /// A device, such as a laser.
    Device,
}

/// One resource a treatment needs: any room, any device, or any one of the listed ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResourceNeed {
    /// The kind of resource.
    pub kind: ResourceKind,
    /// The resources (of `kind`) that can serve; empty means any resource of `kind`. The first
    /// free one, in the clinic's resource order, is chosen, unless that leaves a later need of
    /// the same treatment without one: needs get distinct resources whenever any assignment
    /// allows it.
    #[serde(default)]
    pub any_of: Vec<String>,
}

/// How a series interval is counted (`docs/domain.md` §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum IntervalUnit {
    /// Calendar days in the clinic's zone: the window of session k is the inclusive range of
    /// local dates `[date(k−1) + min, date(k−1) + max]`, whatever DST does in between.
    #[default]
    Days,
    /// Absolute hours: session k starts within `[start(k−1) + min h, start(k−1) + max h]`.
    Hours,
    /// Calendar months, clamped to the month's end (31 Jan + 1 month = 28/29 Feb), as local dates.
    Months,
}

/// The allowed distance of a session from the previous one, in the series' unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SessionInterval {
    /// Least distance from the previous session.
    pub min: u32,
    /// Greatest distance from the previous session; not below `min`.
    pub max: u32,
}

/// A treatment given as a series of sessions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Series {
    /// Number of sessions, 1 to [`MAX_SESSIONS`](crate::MAX_SESSIONS).
    pub sessions: u32,
    /// `intervals[i]` is the distance of session `i + 1` from session `i`. When shorter than
    /// `sessions − 1`, the last entry repeats: `[{min:14,max:21},{min:90,max:120}]` is "touch-up
    /// at 14–21 days, then every 90–120".
    #[serde(default)]
    pub intervals: Vec<SessionInterval>,
    /// Unit of the intervals; `days` by default.
    #[serde(default)]
    pub unit: IntervalUnit,
}

/// A consultation required before the first session of a treatment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConsultationRule {
    /// The catalog treatment that is the consultation.
    pub treatment_id: String,
    /// The first session's local date may be at most this many days after the consultation's.
    pub max_age_days: u32,
}

/// A treatment of the catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Treatment {
    /// Unique id.
    pub id: String,
    /// Length of the service, 1 to [`MAX_DURATION_MINUTES`](crate::MAX_DURATION_MINUTES).
    pub duration_minutes: u32,
    /// Setup time before the service (room and provider held), at most
    /// [`MAX_BUFFER_MINUTES`](crate::MAX_BUFFER_MINUTES).
    #[serde(default)]
    pub buffer_before_minutes: u32,
    /// Cleaning time after the service.
    #[serde(default)]
    pub buffer_after_minutes: u32,
    /// Qualifications a provider must all hold, such as `["RN", "laser-certified"]`.
    #[serde(default)]
    pub qualifications: Vec<String>,
    /// When not empty, a provider must also hold at least one of these, such as `["NP", "MD"]`.
    #[serde(default)]
    pub any_qualification: Vec<String>,
    /// Rooms and devices needed for the whole padded service, each a distinct resource.
    #[serde(default)]
    pub resources: Vec<ResourceNeed>,
    /// Categories that washout rules can name (`"laser"`, `"peel"`), besides the id.
    #[serde(default)]
    pub categories: Vec<String>,
    /// The series, if the treatment is given in several sessions.
    #[serde(default)]
    pub series: Option<Series>,
    /// A consultation required before the first session.
    #[serde(default)]
    pub consultation: Option<ConsultationRule>,
}

/// "No `then` within `days` days after `after`": a session matching `then` may not fall on a
/// local date in `[date(A), date(A) + days)` of a session `A` matching `after`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WashoutRule {
    /// A treatment id or category.
    pub after: String,
    /// A treatment id or category.
    pub then: String,
    /// Days of washout, 1 to [`MAX_WASHOUT_DAYS`](crate::MAX_WASHOUT_DAYS).
    pub days: u32,
}

/// The treatments a clinic offers and the washouts between them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Catalog {
    /// The treatments.
    pub treatments: Vec<Treatment>,
    /// Washout rules between treatments.
    #[serde(default)]
    pub washouts: Vec<WashoutRule>,
}

/// Weekly working hours of a provider at this location, with breaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WorkingHours {
    /// The weekday.
    pub day: Weekday,
    /// Local start, `HH:MM`.
    pub start: String,
    /// Local end, `HH:MM`; `24:00` is the end of the day.
    pub end: String,
    /// Breaks inside `[start, end)`; they split the working window (the slot grid restarts
    /// after each break).
    #[serde(default)]
    pub breaks: Vec<TimeRange>,
}

/// What a dated exception does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum ExceptionKind {
    /// Not working: the whole date, or `start`–`end` when given.
    TimeOff,
    /// Working `start`–`end` in addition to the weekly hours (still within business hours).
    ExtraHours,
}

/// A dated change to a provider's weekly hours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProviderException {
    /// Local date, `YYYY-MM-DD`.
    pub date: String,
    /// Time off or extra hours.
    pub kind: ExceptionKind,
    /// Local start; required for extra hours, optional for time off (whole day when absent).
    #[serde(default)]
    pub start: Option<String>,
    /// Local end; given together with `start`.
    #[serde(default)]
    pub end: Option<String>,
}

/// A provider (injector, nurse, aesthetician…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Provider {
    /// Unique id.
    pub id: String,
    /// Qualifications held, such as `["RN", "laser-certified"]`.
    #[serde(default)]
    pub qualifications: Vec<String>,
    /// Weekly working hours at this location.
    #[serde(default)]
    pub hours: Vec<WorkingHours>,
    /// Dated exceptions.
    #[serde(default)]
    pub exceptions: Vec<ProviderException>,
}

/// A room or a device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Resource {
    /// Unique id (shared with providers' ids is allowed, not with other resources').
    pub id: String,
    /// Room or device.
    pub kind: ResourceKind,
    /// Bookings it can hold at once, 1 to [`MAX_CAPACITY`](crate::MAX_CAPACITY); 1 by default.
    #[serde(default = "default_capacity")]
    pub capacity: u32,
    /// Its own hours; the location's hours when absent.
    #[serde(default)]
    pub hours: Option<Vec<OpeningHours>>,
    /// Spans when it cannot be used at all (maintenance, loaned out).
    #[serde(default)]
    pub blocked: Vec<InstantRange>,
}

/// An existing booking: busy time of its provider and resources, padded by its own buffers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Appointment {
    /// Optional id; a plan booking naming it with `appointmentId` is not a clash with itself.
    #[serde(default)]
    pub id: Option<String>,
    /// Start instant.
    pub start: String,
    /// End instant, after `start`.
    pub end: String,
    /// Provider busy, if any.
    #[serde(default)]
    pub provider_id: Option<String>,
    /// Rooms and devices busy.
    #[serde(default)]
    pub resource_ids: Vec<String>,
    /// Setup before `start` during which the provider and resources are held.
    #[serde(default)]
    pub buffer_before_minutes: u32,
    /// Cleaning after `end` during which the provider and resources are held.
    #[serde(default)]
    pub buffer_after_minutes: u32,
}

/// Everything about the clinic that does not depend on the client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Clinic {
    /// Zone, hours, grid and booking limits.
    pub location: Location,
    /// Treatments and washouts.
    pub catalog: Catalog,
    /// Providers, in the order ties are broken.
    #[serde(default)]
    pub providers: Vec<Provider>,
    /// Rooms and devices, in the order they are chosen.
    #[serde(default)]
    pub resources: Vec<Resource>,
    /// Existing bookings. A one-shot operation skips those that end before or start after the
    /// span it looks at (with a three-day margin) after a look at their date prefix, unread;
    /// a [`PreparedClinic`](crate::PreparedClinic) reads and checks them all, once.
    #[serde(default)]
    pub appointments: Vec<Appointment>,
}

/// A session the client has had or has booked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PastSession {
    /// Catalog treatment (a consultation is a treatment too).
    pub treatment_id: String,
    /// Start instant.
    pub start: String,
}

/// The client's history: past and already booked sessions, consultations included.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClientHistory {
    /// Sessions, in any order.
    #[serde(default)]
    pub sessions: Vec<PastSession>,
}

/// What the client prefers. Weekdays, times of day and `earliestStart` are hard filters on new
/// bookings; the provider preference only breaks ties and orders the continuity search.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Preferences {
    /// Allowed weekdays; empty means any.
    #[serde(default)]
    pub weekdays: Vec<Weekday>,
    /// Allowed local start times (a start `s` fits `[start, end)`); empty means any.
    #[serde(default)]
    pub times_of_day: Vec<TimeRange>,
    /// Preferred provider: first among equal starts, first tried for a whole series.
    #[serde(default)]
    pub provider_id: Option<String>,
    /// Keep one provider for all sessions of a series when any provider can do them all.
    #[serde(default)]
    pub same_provider: bool,
    /// No new booking before this instant.
    #[serde(default)]
    pub earliest_start: Option<String>,
}

/// A booked or planned session: who, what with, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Booking {
    /// Start instant, with the clinic's offset in outputs.
    pub start: String,
    /// End instant (informational: on input it is ignored and recomputed from the duration).
    #[serde(default)]
    pub end: Option<String>,
    /// Provider.
    pub provider_id: String,
    /// Rooms and devices, one per resource need of the treatment.
    #[serde(default)]
    pub resource_ids: Vec<String>,
    /// The existing appointment this booking is, if booked: it is not a clash with itself.
    #[serde(default)]
    pub appointment_id: Option<String>,
}

/// A series plan: an optional consultation, then the sessions in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Plan {
    /// A consultation booked as part of this plan (one in the client's history also counts).
    #[serde(default)]
    pub consultation: Option<Booking>,
    /// Sessions in order; index 0 is the first session. May be shorter than the series.
    pub sessions: Vec<Booking>,
}

/// A request for free starts of one treatment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FindSlotsRequest {
    /// The clinic; required by the one-shot operation, absent on a
    /// [`PreparedClinic`](crate::PreparedClinic).
    #[serde(default)]
    pub clinic: Option<Clinic>,
    /// The treatment to book.
    pub treatment_id: String,
    /// First local date searched, `YYYY-MM-DD`.
    pub from: String,
    /// Last local date searched (inclusive), at most
    /// [`MAX_RANGE_DAYS`](crate::MAX_RANGE_DAYS) after `from`.
    pub to: String,
    /// The current instant (notice and horizon count from it).
    pub now: String,
    /// The client's history, for washouts and double bookings.
    #[serde(default)]
    pub client: ClientHistory,
    /// Preferences.
    #[serde(default)]
    pub preferences: Preferences,
    /// Page size, 1 to [`MAX_LIMIT`](crate::MAX_LIMIT); 50 by default.
    #[serde(default = "default_limit")]
    pub limit: u32,
    /// `nextCursor` of the previous page.
    #[serde(default)]
    pub cursor: Option<String>,
    /// One slot per start time (the first provider by the tie rule) instead of one per provider.
    #[serde(default)]
    pub one_per_start: bool,
}

/// A free start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Slot {
    /// Start, ISO 8601 with the clinic's offset.
    pub start: String,
    /// End of the service (buffers excluded).
    pub end: String,
    /// Provider.
    pub provider_id: String,
    /// Rooms and devices, one per need, in the treatment's need order.
    pub resource_ids: Vec<String>,
}

/// A page of free starts, ordered by start, then preferred provider, then provider order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct FindSlotsResponse {
    /// The slots.
    pub slots: Vec<Slot>,
    /// Pass as `cursor` for the next page; absent on the last page.
    #[cfg_attr(feature = "ts", tsify(type = "string | null"))]
    pub next_cursor: Option<String>,
}

/// A request for the earliest feasible plan of a series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlanSeriesRequest {
    /// The clinic; required by the one-shot operation, absent on a
    /// [`PreparedClinic`](crate::PreparedClinic).
    #[serde(default)]
    pub clinic: Option<Clinic>,
    /// The series treatment (a treatment without `series` is a series of one).
    pub treatment_id: String,
    /// The current instant.
    pub now: String,
    /// The client's history: consultations, washouts, double bookings.
    #[serde(default)]
    pub client: ClientHistory,
    /// Preferences.
    #[serde(default)]
    pub preferences: Preferences,
}

/// Why a slot could not be used; also the vocabulary of explanations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Blocker {
    /// No provider holds the qualifications the treatment needs.
    NoQualifiedProvider,
    /// The clinic is closed that date (closed date or no business hours).
    ClinicClosed,
    /// No qualified provider works that date (or within business hours).
    NoProviderHours,
    /// The service does not fit in any working window there.
    DoesNotFit,
    /// Every qualified provider is busy.
    ProviderBusy,
    /// No suitable room is free (or open).
    RoomBusy,
    /// No suitable device is free (or open).
    DeviceBusy,
    /// The client already has a session then.
    ClientBusy,
    /// A washout after (or before) another treatment forbids the date.
    Washout,
    /// After the booking horizon.
    OutsideHorizon,
    /// Before `now` plus the minimum notice, or before the earliest start asked for.
    TooShortNotice,
    /// Excluded by the client's weekday or time-of-day preferences.
    Preference,
    /// The search stopped at its documented limit.
    SearchLimit,
}

/// How often one blocker stopped a candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct BlockerCount {
    /// The blocker.
    pub code: Blocker,
    /// Candidates (a date, or a start with a provider) it stopped.
    pub count: u32,
}

/// What kind of session a window or explanation is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    /// The consultation before the first session.
    Consultation,
    /// A session of the series.
    Session,
}

/// Where a session stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum WindowStatus {
    /// Booked and started before `now`.
    Done,
    /// Booked, not yet started.
    Booked,
    /// Not booked yet.
    Open,
}

/// The allowed window of a session, for a calendar to shade.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Window {
    /// Consultation or session.
    pub kind: SessionKind,
    /// Session index (0 for the first session; 0 for the consultation too).
    pub session: u32,
    /// First allowed local date.
    pub earliest_date: String,
    /// Last allowed local date; absent when unbounded.
    #[cfg_attr(feature = "ts", tsify(type = "string | null"))]
    pub latest_date: Option<String>,
    /// For `hours` intervals, the exact first allowed start.
    #[cfg_attr(feature = "ts", tsify(type = "string | null"))]
    pub earliest_start: Option<String>,
    /// For `hours` intervals, the exact last allowed start.
    #[cfg_attr(feature = "ts", tsify(type = "string | null"))]
    pub latest_start: Option<String>,
    /// True when the window follows from a booked previous session; false when it is only
    /// reachable (the previous session itself still has a window).
    pub exact: bool,
    /// Done, booked or open.
    pub status: WindowStatus,
    /// The booked start, if any.
    #[cfg_attr(feature = "ts", tsify(type = "string | null"))]
    pub booked_start: Option<String>,
    /// True when the booked start lies outside the window.
    pub violated: bool,
}

/// Why no plan exists: the session that could not be placed, its window, and what blocked it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Unplanned {
    /// The most frequent blocker (the first of `blockers`).
    pub code: Blocker,
    /// Consultation or session.
    pub kind: SessionKind,
    /// Index of the session that could not be placed.
    pub session: u32,
    /// The window searched for it (the first one found empty).
    pub window: Window,
    /// Blockers, most frequent first.
    pub blockers: Vec<BlockerCount>,
}

/// The earliest feasible plan, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PlanSeriesResponse {
    /// The plan, when one exists.
    #[cfg_attr(feature = "ts", tsify(type = "Plan | null"))]
    pub plan: Option<Plan>,
    /// True when every session of the plan has the same provider.
    pub same_provider: bool,
    /// The window of each session of the plan.
    pub windows: Vec<Window>,
    /// When no plan exists: what blocked it.
    #[cfg_attr(feature = "ts", tsify(type = "Unplanned | null"))]
    pub unplanned: Option<Unplanned>,
}

/// A request to check a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ValidatePlanRequest {
    /// The clinic; required by the one-shot operation, absent on a
    /// [`PreparedClinic`](crate::PreparedClinic).
    #[serde(default)]
    pub clinic: Option<Clinic>,
    /// The series treatment.
    pub treatment_id: String,
    /// The plan.
    pub plan: Plan,
    /// The current instant.
    pub now: String,
    /// The client's history.
    #[serde(default)]
    pub client: ClientHistory,
    /// Also check notice and horizon for sessions starting after `now`, as for new bookings.
    #[serde(default)]
    pub check_notice_and_horizon: bool,
}

/// What is wrong with a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ViolationCode {
    /// Before its window (too close to the previous session).
    TooSoon,
    /// After its window.
    TooLate,
    /// Not after the previous session.
    OutOfOrder,
    /// More sessions than the series has.
    TooManySessions,
    /// A required consultation is missing (none before the first session).
    MissingConsultation,
    /// The consultation is older than allowed at the first session.
    StaleConsultation,
    /// A washout rule is broken.
    Washout,
    /// Clashes with an existing booking, another session of the plan, a blocked resource, or
    /// exceeds a resource's capacity.
    DoubleBooking,
    /// Outside business hours, the provider's working hours or a resource's hours.
    OutsideHours,
    /// The provider lacks a qualification.
    UnqualifiedProvider,
    /// A needed room or device is missing, or a listed one cannot serve.
    MissingResource,
    /// Starts before `now` plus the minimum notice (only with `checkNoticeAndHorizon`).
    TooShortNotice,
    /// After the booking horizon (only with `checkNoticeAndHorizon`).
    OutsideHorizon,
}

/// One violation and the sessions involved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Violation {
    /// What is wrong.
    pub code: ViolationCode,
    /// Indexes into `plan.sessions` involved.
    pub sessions: Vec<u32>,
    /// True when the plan's consultation is involved.
    pub consultation: bool,
    /// Plain-language explanation (no input text).
    pub message: String,
}

/// Every violation of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ValidatePlanResponse {
    /// True when there is no violation.
    pub valid: bool,
    /// Violations, ordered by first session involved, then code.
    pub violations: Vec<Violation>,
}

/// What a reschedule moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum RescheduleScope {
    /// Only that session; later sessions stay (and may now violate their windows).
    This,
    /// Every later session shifts by the same number of local days, keeping its wall time
    /// (by the same duration for `hours` intervals).
    Following,
    /// Later sessions that still fit their new windows stay; the others move to the nearest
    /// feasible date inside their window.
    Repair,
}

/// A request to move one session of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RescheduleRequest {
    /// The clinic; required by the one-shot operation, absent on a
    /// [`PreparedClinic`](crate::PreparedClinic).
    #[serde(default)]
    pub clinic: Option<Clinic>,
    /// The series treatment.
    pub treatment_id: String,
    /// The current plan.
    pub plan: Plan,
    /// Index of the session to move.
    pub session: u32,
    /// Its new start instant.
    pub new_start: String,
    /// What else moves.
    pub scope: RescheduleScope,
    /// The current instant.
    pub now: String,
    /// The client's history.
    #[serde(default)]
    pub client: ClientHistory,
    /// Preferences (used when `repair` re-plans a session).
    #[serde(default)]
    pub preferences: Preferences,
}

/// Why a reschedule was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RejectionCode {
    /// The new start is outside the session's window.
    OutsideWindow,
    /// The new start is before `now` plus the minimum notice.
    TooShortNotice,
    /// The new start is after the booking horizon.
    OutsideHorizon,
    /// No provider (the same one first) and resources can take the session then; `blockers`
    /// say why.
    Unavailable,
}

/// A refused reschedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Rejection {
    /// Why.
    pub code: RejectionCode,
    /// The session's window.
    pub window: Window,
    /// For `UNAVAILABLE`: what blocked each provider tried.
    pub blockers: Vec<BlockerCount>,
}

/// What happened to one session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Moved to the requested start.
    Moved,
    /// Shifted with it (`following`).
    Shifted,
    /// Re-planned into its window (`repair`).
    Replanned,
    /// Could not be placed in its window (`repair`); left where it was.
    Unplaceable,
}

/// A session that changed (or could not).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SessionChange {
    /// Session index.
    pub session: u32,
    /// What happened.
    pub change: ChangeKind,
    /// Start before.
    pub from: String,
    /// Start after.
    pub to: String,
}

/// The outcome of a reschedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RescheduleResponse {
    /// False when refused; the plan is then unchanged.
    pub accepted: bool,
    /// Why it was refused.
    #[cfg_attr(feature = "ts", tsify(type = "Rejection | null"))]
    pub rejection: Option<Rejection>,
    /// The resulting plan.
    pub plan: Plan,
    /// Changed sessions, in order.
    pub changes: Vec<SessionChange>,
    /// The window of every session after the moved one, in the resulting plan.
    pub windows: Vec<Window>,
    /// Booked sessions of the resulting plan that lie outside their windows.
    pub out_of_window: Vec<u32>,
    /// Every violation of the resulting plan (as [`validate_plan`](crate::validate_plan)).
    pub violations: Vec<Violation>,
}

/// A request for the windows of a plan's sessions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WindowsRequest {
    /// The clinic; required by the one-shot operation, absent on a
    /// [`PreparedClinic`](crate::PreparedClinic).
    #[serde(default)]
    pub clinic: Option<Clinic>,
    /// The series treatment.
    pub treatment_id: String,
    /// The plan so far (may be empty or partial).
    pub plan: Plan,
    /// The current instant.
    pub now: String,
    /// The client's history (an earlier consultation bounds the first session).
    #[serde(default)]
    pub client: ClientHistory,
}

/// The window of every session of the series not yet done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct WindowsResponse {
    /// Windows, in session order (the consultation first when one is still to come).
    pub windows: Vec<Window>,
}
