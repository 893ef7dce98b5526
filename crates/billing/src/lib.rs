//! Billing for medical spas: money in integer minor units, exact splits, quotes and invoices,
//! packages, memberships, installments and payment reminders. Pure Rust: no I/O, no clock, no
//! floats. Conventions are those of `docs/domain.md` §1; each operation states where it rounds.
//!
//! With the `ts` feature, public data types also derive `tsify::Tsify`, so the WASM bindings can
//! publish TypeScript declarations generated from these very types (nothing else changes).

#![forbid(unsafe_code)]

pub mod calendar;
pub mod cart;
pub mod installments;
pub mod membership;
pub mod package;
pub mod reminders;

mod allocate;
mod currency;
mod money;
mod percent;
mod rounding;

pub use allocate::{allocate, MAX_PARTS};
pub use currency::Currency;
pub use money::{Money, MAX_MINOR};
pub use percent::{Percent, PERCENT_DIGITS};
pub use rounding::{div_round, Rounding};
