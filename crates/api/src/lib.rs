//! Every medspa-kit operation as JSON text in, JSON text out.
//!
//! This is the binding layer between the pure crates and their callers that speak JSON: the
//! WASM exports are one-liners over these functions, and the fuzzers, the native-vs-WASM
//! agreement test and the no-PHI-in-errors property test drive them by name through
//! [`call`]. Each argument is decoded on its own, so an error's path starts at the parameter's
//! name as JS callers know it (`$.request.appointments[3].zone`), and unknown fields are
//! rejected. Time-zone answers come from the [`ZoneSource`] the caller passes: chrono-tz
//! natively, the host's `Intl` in WASM.
//!
//! ```
//! use medspa_zoned::ChronoTz;
//! let parts = medspa_api::call("allocate", &[r#"{"minor":100,"currency":"USD"}"#, "[1,2]"], &ChronoTz).unwrap();
//! assert_eq!(parts, r#"[{"minor":33,"currency":"USD"},{"minor":67,"currency":"USD"}]"#);
//! let err = medspa_api::call("quote", &["{}"], &ChronoTz).unwrap_err();
//! assert_eq!((err.code, err.path.as_str()), ("MISSING_FIELD", "$.cart"));
//! ```

#![forbid(unsafe_code)]

pub mod json;

#[cfg(feature = "billing")]
pub mod billing;
#[cfg(feature = "consent")]
pub mod consent;
#[cfg(feature = "followup")]
pub mod followup;
#[cfg(feature = "phi-lint")]
pub mod packed_report;
#[cfg(feature = "phi-lint")]
pub mod phi_lint;
#[cfg(feature = "schedule")]
pub mod schedule;

use medspa_errors::CodedError;
use medspa_zoned::ZoneSource;

/// One operation: its JS name, its parameters in order, and how to run it.
#[derive(Clone, Copy)]
pub struct Operation {
    /// The name of the JS export, such as `planSeries`.
    pub name: &'static str,
    /// The names of its parameters, as error paths start (`$.request…`).
    pub params: &'static [&'static str],
    run: fn(&[&str], &dyn ZoneSource) -> Result<String, CodedError>,
}

impl Operation {
    /// Runs the operation on JSON arguments, one text per parameter.
    pub fn run(&self, args: &[&str], zones: &dyn ZoneSource) -> Result<String, CodedError> {
        if args.len() != self.params.len() {
            return Err(CodedError::new(
                "WRONG_ARGUMENT_COUNT",
                "$",
                format!(
                    "this operation takes {} argument(s): {}",
                    self.params.len(),
                    self.params.join(", ")
                ),
            ));
        }
        (self.run)(args, zones)
    }
}

/// Runs the operation named `name` (its JS name) on JSON arguments.
///
/// An unknown name is `UNKNOWN_OPERATION`; a wrong number of arguments `WRONG_ARGUMENT_COUNT`.
pub fn call(name: &str, args: &[&str], zones: &dyn ZoneSource) -> Result<String, CodedError> {
    match OPERATIONS.iter().find(|op| op.name == name) {
        Some(op) => op.run(args, zones),
        None => Err(CodedError::new(
            "UNKNOWN_OPERATION",
            "$",
            "no operation of this name is compiled in",
        )),
    }
}

/// Builds a table row. Operations that never read a time zone ignore the zones they are given.
macro_rules! op {
    ($name:literal, [$($param:literal),+], |$args:ident, $zones:ident| $body:expr) => {
        Operation {
            name: $name,
            params: &[$($param),+],
            run: |$args, $zones| {
                let _ = $zones;
                $body
            },
        }
    };
}

/// Every operation compiled in, in the order of the plugins' guides.
pub const OPERATIONS: &[Operation] = &[
    #[cfg(feature = "billing")]
    op!("allocate", ["total", "weights"], |a, z| billing::allocate(
        a[0], a[1]
    )),
    #[cfg(feature = "billing")]
    op!("quote", ["cart"], |a, z| billing::quote(a[0])),
    #[cfg(feature = "billing")]
    op!("invoice", ["cart"], |a, z| billing::invoice(a[0])),
    #[cfg(feature = "billing")]
    op!("packageSchedule", ["request"], |a, z| {
        billing::package_schedule(a[0])
    }),
    #[cfg(feature = "billing")]
    op!("packageUsage", ["request"], |a, z| billing::package_usage(
        a[0]
    )),
    #[cfg(feature = "billing")]
    op!(
        "packageRefund",
        ["request"],
        |a, z| billing::package_refund(a[0])
    ),
    #[cfg(feature = "billing")]
    op!("deferredRevenue", ["request"], |a, z| {
        billing::deferred_revenue(a[0])
    }),
    #[cfg(feature = "billing")]
    op!("membershipCharges", ["request"], |a, z| {
        billing::membership_charges(a[0], z)
    }),
    #[cfg(feature = "billing")]
    op!("installmentPlan", ["request"], |a, z| {
        billing::installment_plan(a[0])
    }),
    #[cfg(feature = "billing")]
    op!("paymentReminders", ["request"], |a, z| {
        billing::payment_reminders(a[0])
    }),
    #[cfg(feature = "schedule")]
    op!("resolveLocalTime", ["request"], |a, z| {
        schedule::resolve_local_time(a[0], z)
    }),
    #[cfg(feature = "schedule")]
    op!(
        "toClinicTime",
        ["request"],
        |a, z| schedule::to_clinic_time(a[0], z)
    ),
    #[cfg(feature = "schedule")]
    op!("findSlots", ["request"], |a, z| schedule::find_slots(
        a[0], z
    )),
    #[cfg(feature = "schedule")]
    op!("planSeries", ["request"], |a, z| schedule::plan_series(
        a[0], z
    )),
    #[cfg(feature = "schedule")]
    op!("validatePlan", ["request"], |a, z| schedule::validate_plan(
        a[0], z
    )),
    #[cfg(feature = "schedule")]
    op!("reschedule", ["request"], |a, z| schedule::reschedule(
        a[0], z
    )),
    #[cfg(feature = "schedule")]
    op!("windows", ["request"], |a, z| schedule::windows(a[0], z)),
    #[cfg(feature = "consent")]
    op!("validateRules", ["rules"], |a, z| consent::validate_rules(
        a[0]
    )),
    #[cfg(feature = "consent")]
    op!("checkAppointment", ["request"], |a, z| {
        consent::check_appointment(a[0], z)
    }),
    #[cfg(feature = "consent")]
    op!("checkDay", ["request"], |a, z| consent::check_day(a[0], z)),
    #[cfg(feature = "consent")]
    op!("nextActions", ["request"], |a, z| consent::next_actions(
        a[0], z
    )),
    #[cfg(feature = "phi-lint")]
    op!("lint", ["text", "options"], |a, z| phi_lint::lint(
        a[0], a[1]
    )),
    #[cfg(feature = "phi-lint")]
    op!("lintTemplate", ["template", "options"], |a, z| {
        phi_lint::lint_template(a[0], a[1])
    }),
    #[cfg(feature = "followup")]
    op!("followupPlan", ["request"], |a, z| followup::followup_plan(
        a[0], z
    )),
    #[cfg(feature = "followup")]
    op!("followupDay", ["request"], |a, z| followup::followup_day(
        a[0], z
    )),
    #[cfg(feature = "followup")]
    op!("nextAllowedSendTime", ["request"], |a, z| {
        followup::next_allowed_send_time(a[0], z)
    }),
    #[cfg(feature = "followup")]
    op!("validateProtocols", ["request"], |a, z| {
        followup::validate_protocols(a[0])
    }),
    #[cfg(feature = "followup")]
    op!("seriesProgress", ["request"], |a, z| {
        followup::series_progress(a[0], z)
    }),
    #[cfg(feature = "followup")]
    op!("retentionReport", ["request"], |a, z| {
        followup::retention_report(a[0])
    }),
    #[cfg(feature = "followup")]
    op!("toICalendar", ["request"], |a, z| followup::to_icalendar(
        a[0]
    )),
];
