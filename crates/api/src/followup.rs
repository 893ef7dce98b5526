//! Follow-up operations (`medspa-followup`) as JSON text.

use crate::json::call;
use medspa_errors::CodedError;
use medspa_followup::{
    FollowupDayRequest, FollowupPlanRequest, SendTimeRequest, SeriesProgressRequest,
    ValidateProtocolsRequest,
};
use medspa_zoned::ZoneSource;

/// `followupPlan(request)`: the messages one visit calls for, in allowed hours.
pub fn followup_plan(request: &str, zones: &dyn ZoneSource) -> Result<String, CodedError> {
    call(request, "request", |r: &FollowupPlanRequest| {
        medspa_followup::followup_plan(zones, r)
    })
}

/// `followupDay(request)`: the plans of every visit of a day.
pub fn followup_day(request: &str, zones: &dyn ZoneSource) -> Result<String, CodedError> {
    call(request, "request", |r: &FollowupDayRequest| {
        medspa_followup::followup_day(zones, r)
    })
}

/// `nextAllowedSendTime(request)`: the first instant a message may go out.
pub fn next_allowed_send_time(request: &str, zones: &dyn ZoneSource) -> Result<String, CodedError> {
    call(request, "request", |r: &SendTimeRequest| {
        medspa_followup::next_allowed_send_time(zones, r)
    })
}

/// `validateProtocols(request)`: problems of a clinic's follow-up protocols, as data.
pub fn validate_protocols(request: &str) -> Result<String, CodedError> {
    call(request, "request", |r: &ValidateProtocolsRequest| {
        Ok(medspa_followup::validate_protocols(r))
    })
}

/// `seriesProgress(request)`: where a client stands in a treatment series.
pub fn series_progress(request: &str, zones: &dyn ZoneSource) -> Result<String, CodedError> {
    call(request, "request", |r: &SeriesProgressRequest| {
        medspa_followup::series_progress(zones, r)
    })
}

/// `retentionReport(request)`: completion, drop-off and at-risk clients over many series.
pub fn retention_report(request: &str) -> Result<String, CodedError> {
    call(request, "request", medspa_followup::retention_report)
}

/// `toICalendar(request)`: planned messages as an iCalendar text.
pub fn to_icalendar(request: &str) -> Result<String, CodedError> {
    call(request, "request", medspa_followup::to_icalendar)
}
