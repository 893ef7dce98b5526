//! Helpers shared by the integration tests.

#![allow(dead_code, reason = "each test file uses a different part")]

pub mod corpus;
pub mod fixture;
