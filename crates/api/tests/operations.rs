//! The operation table against the fixture set: every operation has fixtures, every fixture
//! meets its expectation natively, and every input the fuzzers ever crashed on now answers.

mod support;

#[path = "../fuzz/src/lib.rs"]
mod fuzz_check;

use medspa_api::{call, OPERATIONS};
use medspa_zoned::ChronoTz;
use support::{files, fixtures, folders, tests_dir};

#[test]
fn every_operation_has_ok_and_error_fixtures_and_every_folder_is_an_operation() {
    let all = fixtures();
    for op in OPERATIONS {
        let ok = all
            .iter()
            .filter(|f| f.operation == op.name && f.expect == "ok")
            .count();
        let failing = all
            .iter()
            .filter(|f| f.operation == op.name && f.expect != "ok")
            .count();
        assert!(
            ok >= 3 && failing >= 2,
            "{}: {ok} ok, {failing} error fixtures",
            op.name
        );
    }
    for folder in folders(&tests_dir().join("fixtures")) {
        assert!(
            OPERATIONS.iter().any(|op| op.name == folder),
            "fixtures/{folder} names no operation"
        );
    }
}

#[test]
fn operation_names_are_unique_and_parameters_named() {
    for (i, op) in OPERATIONS.iter().enumerate() {
        assert!(!op.params.is_empty(), "{}", op.name);
        assert!(
            OPERATIONS[..i]
                .iter()
                .all(|earlier| earlier.name != op.name),
            "{} twice",
            op.name
        );
    }
    assert_eq!(OPERATIONS.len(), 30);
}

#[test]
fn every_fixture_meets_its_expectation() {
    let mut wrong = Vec::new();
    for fixture in fixtures() {
        let texts = fixture.texts();
        let args: Vec<&str> = texts.iter().map(String::as_str).collect();
        let outcome = match call(&fixture.operation, &args, &ChronoTz) {
            Ok(_) => "ok".to_string(),
            Err(err) => err.code.to_string(),
        };
        if outcome != fixture.expect {
            wrong.push(format!(
                "{}/{}: expected {}, got {outcome}",
                fixture.operation, fixture.case, fixture.expect
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn unknown_operations_and_wrong_argument_counts_are_coded() {
    let err = call("dropTables", &["{}"], &ChronoTz).unwrap_err();
    assert_eq!(err.code, "UNKNOWN_OPERATION");
    let err = call("lint", &[r#""hi""#], &ChronoTz).unwrap_err();
    assert_eq!(err.code, "WRONG_ARGUMENT_COUNT");
    assert_eq!(
        err.message,
        "this operation takes 2 argument(s): text, options"
    );
}

#[test]
fn arguments_over_the_size_limit_are_refused_before_parsing() {
    let huge = format!("\"{}\"", "a".repeat(medspa_api::json::MAX_ARGUMENT_BYTES));
    let err = call("lint", &[&huge, "{}"], &ChronoTz).unwrap_err();
    assert_eq!(
        (err.code, err.path.as_str()),
        ("ARGUMENT_TOO_LARGE", "$.text")
    );
}

/// Inputs under `tests/regressions/<operation>/` (raw bytes, arguments split at NUL as the fuzz
/// targets split them): hand-written hostile inputs (lone surrogates, nesting past the parser's
/// limit, integers past i64 and f64, years past chrono's range), and any input a fuzzer ever
/// crashed on. They go through the fuzz targets' own check, so a fixed crash stays fixed.
#[test]
fn fuzz_regressions_answer_and_keep_their_shape() {
    let root = tests_dir().join("regressions");
    let mut replayed = 0;
    for operation in folders(&root) {
        assert!(
            OPERATIONS.iter().any(|op| op.name == operation),
            "regressions/{operation} names no operation"
        );
        for path in files(&root.join(&operation)) {
            let bytes = std::fs::read(&path).expect("regression readable");
            fuzz_check::check(&operation, &bytes);
            replayed += 1;
        }
    }
    assert!(
        replayed > 0,
        "no regression inputs found under {}",
        root.display()
    );
}
