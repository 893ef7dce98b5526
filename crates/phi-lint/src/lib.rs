//! PHI linting: checks a client message for protected health information, per channel, with spans and fixes.
//!
//! This crate is the plugin's pure-Rust core. Its operations land with issue #3; until then
//! it only names the plugin so that the package, the bindings and the size budget exist from day one.

#![forbid(unsafe_code)]

/// The plugin's name as used in package names (`@medspa-kit/phi-lint`) and error reports.
pub const PLUGIN: &str = "phi-lint";
