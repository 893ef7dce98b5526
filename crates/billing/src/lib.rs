//! Billing for medical spas: money in integer minor units, exact splits, and (to come) quotes,
//! packages, memberships and refunds. Pure Rust: no I/O, no clock, no floats.
//!
//! Conventions are those of `docs/domain.md` §1; each operation states its rounding rule.

#![forbid(unsafe_code)]

mod allocate;
mod currency;
mod money;

pub use allocate::{allocate, MAX_PARTS};
pub use currency::Currency;
pub use money::Money;
