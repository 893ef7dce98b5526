//! What every fuzz target checks, given its operation's name and libFuzzer's bytes.
//!
//! The bytes are read as UTF-8 and split at NUL into one JSON text per parameter (JSON text
//! never contains a raw NUL, so the split is unambiguous; `cargo xtask fuzz` writes its seeds
//! the same way). Beyond "never panics", which libFuzzer catches, an answer must be JSON and
//! an error must carry a known-shaped code and a path made of schema characters only.

use medspa_zoned::ChronoTz;

/// Runs `operation` on the fuzz input and checks the answer's shape.
pub fn check(operation: &str, data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let args: Vec<&str> = text.split('\0').collect();
    match medspa_api::call(operation, &args, &ChronoTz) {
        Ok(answer) => assert!(
            serde_json::from_str::<serde_json::Value>(&answer).is_ok(),
            "an answer that is not JSON"
        ),
        Err(err) => {
            assert!(
                !err.code.is_empty()
                    && err
                        .code
                        .bytes()
                        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'),
                "an error code that is not SCREAMING_SNAKE"
            );
            assert!(
                err.path.starts_with('$')
                    && err
                        .path
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"$.[]?_-".contains(&b)),
                "an error path with characters no schema path has"
            );
        }
    }
}
