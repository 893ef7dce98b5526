//! Billing exports: thin wrappers over `medspa-billing`, whose data types carry their own
//! TypeScript declarations (its `ts` feature); this module only decodes, calls and encodes.

use crate::boundary::to_js;
use crate::intl_zone::with_zones;
use medspa_api::billing as api;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const SCALAR_TYPES: &str = r#"
/** Upper-case ISO 4217 code, such as "USD"; the exponent (USD 2, JPY 0, KWD 3) comes from it. */
export type Currency = string;
/** An exact decimal percentage as a string, such as "8.875" (8.875 %); never a float. */
export type Percent = string;
/** A calendar date, "YYYY-MM-DD". */
export type NaiveDate = string;
"#;

/// Splits `total` across `weights` by largest remainder: each part gets its floor share, the
/// leftover units go to the largest remainders, ties to the lowest index; zero weights get
/// nothing; the parts always sum to `total`. Weights are non-negative safe integers (for
/// example standalone prices in minor units).
///
/// Throws `MedspaError` with code `NO_WEIGHTS`, `NEGATIVE_WEIGHT`, `ALL_WEIGHTS_ZERO`,
/// `TOO_MANY_PARTS`, `UNKNOWN_CURRENCY`, `AMOUNT_TOO_LARGE` or a decoding code such as `INVALID_TYPE`.
///
/// @example allocate({ minor: 100, currency: "USD" }, [1, 1, 1]) // 34, 33, 33 cents
#[wasm_bindgen(js_name = allocate, unchecked_return_type = "Money[]")]
pub fn allocate(
    #[wasm_bindgen(unchecked_param_type = "Money")] total: String,
    #[wasm_bindgen(unchecked_param_type = "number[]")] weights: String,
) -> Result<String, JsValue> {
    to_js(api::allocate(&total, &weights))
}

/// Prices a cart: line discounts, cart discounts and promotional codes (allocated across the
/// eligible lines by largest remainder), taxes (exclusive or inclusive, per line or per
/// invoice), tip, deposits and tenders. Every total adds up to the cent. Codes that do not
/// apply are listed in `rejectedCodes`.
///
/// Throws `MedspaError` (`CURRENCY_MISMATCH`, `INVALID_QUANTITY`, `DISCOUNT_OVER_100`,
/// `NEGATIVE_AMOUNT`, `AMOUNT_TOO_LARGE`, `TOO_MANY_LINES`, …) with a path such as
/// `$.cart.lines[2].unitPrice`.
#[wasm_bindgen(js_name = quote, unchecked_return_type = "Quote")]
pub fn quote(
    #[wasm_bindgen(unchecked_param_type = "Cart")] cart: String,
) -> Result<String, JsValue> {
    to_js(api::quote(&cart))
}

/// Like `quote`, for a cart being billed: a promotional code that does not apply is an error
/// (`CODE_REJECTED` at `$.cart.appliedCodes[i]`).
#[wasm_bindgen(js_name = invoice, unchecked_return_type = "Quote")]
pub fn invoice(
    #[wasm_bindgen(unchecked_param_type = "Cart")] cart: String,
) -> Result<String, JsValue> {
    to_js(api::invoice(&cart))
}

/// Values each session of a package by allocating its price over the sessions' standalone list
/// prices (largest remainder, ties to the earlier session); the values sum to the price.
#[wasm_bindgen(js_name = packageSchedule, unchecked_return_type = "PackageValuation")]
pub fn package_schedule(
    #[wasm_bindgen(unchecked_param_type = "PackageScheduleRequest")] request: String,
) -> Result<String, JsValue> {
    to_js(api::package_schedule(&request))
}

/// Which sessions of a purchased package were used (redemptions in date order, each item's
/// sessions first to last) and the used and unused value.
#[wasm_bindgen(js_name = packageUsage, unchecked_return_type = "PackageUsage")]
pub fn package_usage(
    #[wasm_bindgen(unchecked_param_type = "PackageUsageRequest")] request: String,
) -> Result<String, JsValue> {
    to_js(api::package_usage(&request))
}

/// The refund for a package a client stops, under `pro_rata` or `list_price_deduction`, with
/// `noneAfterExpiry` and an optional cancellation fee; tax refunded in proportion, half up.
/// `steps` shows the arithmetic line by line.
#[wasm_bindgen(js_name = packageRefund, unchecked_return_type = "PackageRefund")]
pub fn package_refund(
    #[wasm_bindgen(unchecked_param_type = "PackageRefundRequest")] request: String,
) -> Result<String, JsValue> {
    to_js(api::package_refund(&request))
}

/// The liability for unredeemed package sessions as of a date, per purchase and per currency,
/// with the revenue recognised at each redemption and at expiry (breakage).
#[wasm_bindgen(js_name = deferredRevenue, unchecked_return_type = "DeferredRevenue")]
pub fn deferred_revenue(
    #[wasm_bindgen(unchecked_param_type = "DeferredRevenueRequest")] request: String,
) -> Result<String, JsValue> {
    to_js(api::deferred_revenue(&request))
}

/// Every charge and credit of a membership between `from` and `to` (end exclusive): dues on
/// anchored, month-end-clamped dates, proration by days or seconds, pauses, plan changes,
/// early-termination fees and included credits with rollover. `seconds` proration resolves the
/// clinic's midnights with the host's time-zone data.
#[wasm_bindgen(js_name = membershipCharges, unchecked_return_type = "MembershipStatement")]
pub fn membership_charges(
    #[wasm_bindgen(unchecked_param_type = "MembershipChargesRequest")] request: String,
) -> Result<String, JsValue> {
    to_js(with_zones(|zones| api::membership_charges(&request, zones)))
}

/// An installment plan: a deposit first if any, then `count` parts that sum to the total, odd
/// units placed by `oddUnits`, due dates anchored to the first due date's day of month and
/// clamped to month ends.
#[wasm_bindgen(js_name = installmentPlan, unchecked_return_type = "InstallmentPlan")]
pub fn installment_plan(
    #[wasm_bindgen(unchecked_param_type = "InstallmentRequest")] request: String,
) -> Result<String, JsValue> {
    to_js(api::installment_plan(&request))
}

/// When to remind a client about an unpaid invoice, and the late fees that would apply. It
/// plans; it never sends.
#[wasm_bindgen(js_name = paymentReminders, unchecked_return_type = "ReminderPlan")]
pub fn payment_reminders(
    #[wasm_bindgen(unchecked_param_type = "PaymentRemindersRequest")] request: String,
) -> Result<String, JsValue> {
    to_js(api::payment_reminders(&request))
}
