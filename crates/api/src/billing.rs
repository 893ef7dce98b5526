//! Billing operations (`medspa-billing`) as JSON text.

use crate::json::{call, decode, encode};
use medspa_billing::cart::{Cart, Quote};
use medspa_billing::{installments, membership, package, reminders, Money};
use medspa_errors::CodedError;
use medspa_zoned::ZoneSource;

/// `allocate(total, weights)`: `total` is a `Money`, `weights` an array of safe integers.
///
/// ```
/// let parts = medspa_api::billing::allocate(r#"{"minor":100,"currency":"USD"}"#, "[1,1,1]").unwrap();
/// assert!(parts.starts_with(r#"[{"minor":34"#));
/// ```
pub fn allocate(total: &str, weights: &str) -> Result<String, CodedError> {
    let total = decode::<Money>(total, "total")?;
    let weights = decode::<Vec<i64>>(weights, "weights")?;
    encode(&medspa_billing::allocate(total, &weights)?)
}

/// `quote(cart)`: prices a cart; codes that do not apply are listed, not thrown.
pub fn quote(cart: &str) -> Result<String, CodedError> {
    call::<Cart, Quote>(cart, "cart", medspa_billing::cart::quote)
}

/// `invoice(cart)`: like `quote`, but a promotional code that does not apply is an error.
pub fn invoice(cart: &str) -> Result<String, CodedError> {
    call::<Cart, Quote>(cart, "cart", medspa_billing::cart::invoice)
}

/// `packageSchedule(request)`: each session's value within a package price.
pub fn package_schedule(request: &str) -> Result<String, CodedError> {
    call(request, "request", package::package_schedule)
}

/// `packageUsage(request)`: used and unused sessions and value of a purchased package.
pub fn package_usage(request: &str) -> Result<String, CodedError> {
    call(request, "request", package::package_usage)
}

/// `packageRefund(request)`: the refund for a package a client stops.
pub fn package_refund(request: &str) -> Result<String, CodedError> {
    call(request, "request", package::package_refund)
}

/// `deferredRevenue(request)`: the liability for unredeemed sessions as of a date.
pub fn deferred_revenue(request: &str) -> Result<String, CodedError> {
    call(request, "request", package::deferred_revenue)
}

/// `membershipCharges(request)`: every charge and credit of a membership over a period;
/// `seconds` proration reads the clinic's midnights from `zones`.
pub fn membership_charges(request: &str, zones: &dyn ZoneSource) -> Result<String, CodedError> {
    call(request, "request", |r| {
        membership::membership_charges_in_zone(r, zones)
    })
}

/// `installmentPlan(request)`: a deposit and parts that sum to the total, with due dates.
pub fn installment_plan(request: &str) -> Result<String, CodedError> {
    call(request, "request", installments::installment_plan)
}

/// `paymentReminders(request)`: when to remind about an unpaid invoice, and late fees.
pub fn payment_reminders(request: &str) -> Result<String, CodedError> {
    call(request, "request", reminders::payment_reminders)
}
