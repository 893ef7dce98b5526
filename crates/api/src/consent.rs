//! Consent operations (`medspa-consent`) as JSON text.

use crate::json::call;
use medspa_consent::{CheckAppointmentRequest, CheckDayRequest, NextActionsRequest, RuleSet};
use medspa_errors::CodedError;
use medspa_zoned::ZoneSource;

/// `validateRules(rules)`: every problem of a rule set, as data.
pub fn validate_rules(rules: &str) -> Result<String, CodedError> {
    call(rules, "rules", |r: &RuleSet| {
        Ok(medspa_consent::validate_rules(r))
    })
}

/// `checkAppointment(request)`: one appointment's checklist.
pub fn check_appointment(request: &str, zones: &dyn ZoneSource) -> Result<String, CodedError> {
    call(request, "request", |r: &CheckAppointmentRequest| {
        medspa_consent::check_appointment(zones, r)
    })
}

/// `checkDay(request)`: every appointment of a date range, blocked first, with counts.
pub fn check_day(request: &str, zones: &dyn ZoneSource) -> Result<String, CodedError> {
    call(request, "request", |r: &CheckDayRequest| {
        medspa_consent::check_day(zones, r)
    })
}

/// `nextActions(request)`: what to send whom and when, escalations and staff tasks.
pub fn next_actions(request: &str, zones: &dyn ZoneSource) -> Result<String, CodedError> {
    call(request, "request", |r: &NextActionsRequest| {
        medspa_consent::next_actions(zones, r)
    })
}
