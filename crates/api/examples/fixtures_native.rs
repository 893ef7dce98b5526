//! Runs every fixture of `tests/fixtures` through the native binding (chrono-tz zones) and prints
//! one JSON array: `{operation, case, answer}` or `{operation, case, error: {code, path,
//! message}}` per fixture. `pkg-tests/test/agreement.test.mjs` runs the same fixtures through
//! the WASM packages and requires identical JSON.
//!
//! `cargo run -q -p medspa-api --example fixtures_native`

#[path = "../tests/support/mod.rs"]
mod support;

use medspa_zoned::ChronoTz;
use serde_json::{json, Value};
use std::io::Write;

fn main() -> std::io::Result<()> {
    let results: Vec<Value> = support::fixtures()
        .iter()
        .map(|fixture| {
            let texts = fixture.texts();
            let args: Vec<&str> = texts.iter().map(String::as_str).collect();
            let outcome = match medspa_api::call(&fixture.operation, &args, &ChronoTz) {
                Ok(answer) => (
                    "answer",
                    serde_json::from_str(&answer).unwrap_or(Value::Null),
                ),
                Err(err) => ("error", json!(err)),
            };
            json!({ "operation": fixture.operation, "case": fixture.case, outcome.0: outcome.1 })
        })
        .collect();
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", Value::Array(results))
}
