//! The shared fixture set (`tests/fixtures/<operation>/<case>.json`, each `{"args": […],
//! "expect": "ok" | "<CODE>"}`), read for the native tests. The same files seed the fuzzers
//! and drive the native-vs-WASM agreement test in pkg-tests.

#![allow(dead_code, reason = "each test file uses part of this module")]

use serde_json::Value;
use std::path::{Path, PathBuf};

/// One fixture: an operation, a case name, the arguments as JSON values, the expected outcome.
pub struct Fixture {
    pub operation: String,
    pub case: String,
    pub args: Vec<Value>,
    pub expect: String,
}

impl Fixture {
    /// The arguments as the JSON texts an operation takes.
    pub fn texts(&self) -> Vec<String> {
        self.args.iter().map(Value::to_string).collect()
    }
}

pub fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

/// The operation folders under `dir`, sorted.
pub fn folders(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// The files of `dir`, sorted.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.retain(|p| p.is_file());
    paths.sort();
    paths
}

/// Every fixture, in a stable order.
pub fn fixtures() -> Vec<Fixture> {
    let root = tests_dir().join("fixtures");
    let mut all = Vec::new();
    for operation in folders(&root) {
        for path in files(&root.join(&operation)) {
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("fixture readable");
            let value: Value = serde_json::from_str(&text).expect("fixture is JSON");
            let case = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            all.push(Fixture {
                operation: operation.clone(),
                case,
                args: value["args"].as_array().cloned().expect("fixture has args"),
                expect: value["expect"]
                    .as_str()
                    .expect("fixture has expect")
                    .to_string(),
            });
        }
    }
    all
}
