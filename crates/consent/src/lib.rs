//! Consent and intake readiness: are the forms for an appointment complete, current, signed and reviewed.
//!
//! This crate is the plugin's pure-Rust core. Its operations land with issue #5; until then
//! it only names the plugin so that the package, the bindings and the size budget exist from day one.

#![forbid(unsafe_code)]

/// The plugin's name as used in package names (`@medspa-kit/consent`) and error reports.
pub const PLUGIN: &str = "consent";
