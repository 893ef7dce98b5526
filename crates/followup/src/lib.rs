//! Follow-up planning: aftercare, check-ins, rebooking nudges, quiet hours and series completion.
//!
//! This crate is the plugin's pure-Rust core. Its operations land with issue #7; until then
//! it only names the plugin so that the package, the bindings and the size budget exist from day one.

#![forbid(unsafe_code)]

/// The plugin's name as used in package names (`@medspa-kit/followup`) and error reports.
pub const PLUGIN: &str = "followup";
