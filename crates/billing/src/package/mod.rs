//! Prepaid treatment packages: valuation, redemption tracking, refunds and deferred revenue.
//!
//! The conventions, from `docs/domain.md` §1, which every operation here follows:
//!
//! - **Valuation.** The package price is split over its sessions by [`allocate`](crate::allocate)
//!   (largest remainder, ties to the lowest index) with one weight per session: the item's
//!   standalone list price. Sessions are listed item by item, session by session, so when two
//!   sessions of one item differ by a unit, the earlier one holds the extra unit. The values always
//!   sum to the price. All list prices zero is `ZERO_LIST_PRICES`: the split would be a guess.
//! - **Consumption.** Redemptions are applied in date order (equal dates in input order), and each
//!   consumes the item's next unused session in session order, so the first redemption of an item
//!   consumes its session 1. Results never depend on the order redemptions are listed in, beyond
//!   that tie rule.
//! - **Expiry is half-open.** `expiresOn` is the first date on which the package can no longer be
//!   used: a redemption must be dated before it (`REDEEMED_AFTER_EXPIRY` otherwise; to honour a
//!   session after expiry, extend `expiresOn`), and breakage at expiry is recognised on that date.
//! - **As-of dates are inclusive.** A session redeemed on date `d` counts as used on `d`.
//! - **Rounding.** Only where a rule says so, half up (away from zero): the tax refund, a fee given
//!   as a percentage, and cumulative proportional breakage.
//!
//! Indexes in inputs and outputs are 0-based positions in `items`; session numbers are 1-based.

mod deferred;
mod definition;
mod purchase;
mod refund;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties;

pub use deferred::{
    deferred_revenue, BreakagePolicy, DeferredRevenue, DeferredRevenueRequest, PurchaseDeferral,
    PurchaseState, RecognitionEvent, RecognitionKind, MAX_PURCHASES,
};
pub use definition::{
    package_schedule, ItemValuation, Package, PackageItem, PackageScheduleRequest,
    PackageValuation, MAX_SESSIONS,
};
pub use purchase::{
    package_usage, PackagePurchase, PackageUsage, PackageUsageRequest, SessionRedemption,
    SessionUsage,
};
pub use refund::{
    package_refund, CancellationFee, PackageRefund, PackageRefundRequest, RefundBasis, RefundLine,
    RefundPolicy, RefundStep,
};

use crate::Money;
use medspa_errors::CodedError;

/// Checks an input amount: in `currency`'s currency, within [`MAX_MINOR`](crate::MAX_MINOR), not
/// negative. `path` names the amount in the caller's request.
fn check_amount(amount: &Money, currency: &Money, path: &str) -> Result<(), CodedError> {
    currency.same_currency(amount).map_err(|e| e.under(path))?;
    Money::checked(amount.minor, amount.currency).map_err(|e| e.under(path))?;
    if amount.minor < 0 {
        return Err(CodedError::new(
            "NEGATIVE_AMOUNT",
            path,
            "this amount must not be negative",
        ));
    }
    Ok(())
}

/// An amount computed from checked inputs; `AMOUNT_TOO_LARGE` at `path` should it ever leave range.
fn money_at(minor: i128, like: &Money, path: &str) -> Result<Money, CodedError> {
    let too_large = || {
        CodedError::new(
            "AMOUNT_TOO_LARGE",
            path,
            "amounts are limited to 9007199254740991 minor units (2^53 - 1)",
        )
    };
    let minor = i64::try_from(minor).map_err(|_| too_large())?;
    Money::checked(minor, like.currency).map_err(|_| too_large())
}

/// A broken internal invariant, reported rather than panicking.
fn internal() -> CodedError {
    CodedError::new(
        medspa_errors::codes::INTERNAL,
        "$",
        "an internal invariant failed",
    )
}
