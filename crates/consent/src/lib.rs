//! Consent and intake readiness for medical spa appointments: are the forms complete, current,
//! signed and reviewed, and what should be sent to whom, when. Pure Rust: no clock (callers
//! pass `now`), no I/O; time zones come from a [`ZoneSource`](medspa_zoned::ZoneSource).
//!
//! Conventions (`docs/domain.md` §2 and §4), stated once here:
//! - A requirement's deadline is the appointment's start minus `dueHoursBefore` (absolute hours).
//! - Validity is counted in calendar days or months in the **clinic's** zone and ends at 00:00:
//!   a form signed on local date D with `every_n_days` N covers appointments through D + N − 1.
//!   Where 00:00 does not exist (a DST gap at midnight) the day begins at the first instant after.
//! - A copy is judged `EXPIRED` when its validity ended before `now`, and
//!   `EXPIRES_BEFORE_APPOINTMENT` when it is valid now but ends at or before the start.
//! - Age is counted in whole years on the appointment's local date; a client born on Feb 29
//!   turns a year older on Mar 1 in common years.
//! - Clinical review is due at 00:00 of the appointment's local date minus `reviewDaysBefore`.
//! - The checklist judges the copy of each form that is furthest along; revoking a form
//!   withdraws every copy finished at or before the revocation.
//! - Findings are data; `Err` is only for requests that cannot be answered, with a stable code
//!   and a JSON path, and a message that never quotes the input.
//!
//! With the `ts` feature, public data types also derive `tsify::Tsify` for the WASM bindings.

#![forbid(unsafe_code)]

mod actions;
mod check;
mod client;
mod clock;
pub mod codes;
mod compile;
mod evaluate;
pub mod limits;
mod prepare;
mod report;
mod rules;
mod version;

pub use actions::{
    next_actions, ActionKind, ActionPlan, ActionRecipient, AllowedHours, Cadence,
    NextActionsRequest, PlannedAction, WaitingForm,
};
pub use check::{
    check_appointment, check_day, validate_rules, CheckAppointmentRequest, CheckDayRequest,
    CodeCount, DayReport, LocationCounts, ReviewItem, RuleProblem, RulesValidation, StatusCounts,
};
pub use client::{Answer, Client, ConsentAppointment, FormRecord, Performer, RecordStatus, Review};
pub use report::{
    AppointmentCheck, AppointmentStatus, Finding, FindingCode, FindingState, TriggeredReview,
};
pub use rules::{
    AnswerTest, AnswerValue, Condition, DocumentKind, ExamPolicy, FormDefinition, Modality,
    Question, Requirement, ReviewTrigger, RuleSet, Scope, Signature, TreatmentDefinition, Validity,
};

/// The plugin's name as used in package names (`@medspa-kit/consent`) and error reports.
pub const PLUGIN: &str = "consent";
