//! wasm-bindgen-test suites for the bindings, run under Node by `wasm-pack test --node`:
//! the JS error shape, decoding paths, and the Intl zone source against chrono-tz.

#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

use medspa_wasm::{billing, intl_zone::IntlZones, schedule};
use medspa_zoned::{ChronoTz, ZoneSource};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn property(value: &JsValue, key: &str) -> Option<String> {
    js_sys::Reflect::get(value, &key.into()).ok()?.as_string()
}

#[wasm_bindgen_test]
fn allocate_answers_in_json() {
    let parts =
        billing::allocate(r#"{"minor":100,"currency":"USD"}"#.into(), "[1,1,1]".into()).unwrap();
    assert_eq!(
        parts,
        r#"[{"minor":34,"currency":"USD"},{"minor":33,"currency":"USD"},{"minor":33,"currency":"USD"}]"#
    );
}

#[wasm_bindgen_test]
fn errors_are_js_errors_with_code_and_path() {
    let error = billing::allocate(
        r#"{"minor":100,"currency":"USD"}"#.into(),
        r#"[3,"Jane Roe"]"#.into(),
    )
    .unwrap_err();
    assert!(error.is_instance_of::<js_sys::Error>());
    assert_eq!(property(&error, "name").as_deref(), Some("MedspaError"));
    assert_eq!(property(&error, "code").as_deref(), Some("INVALID_TYPE"));
    assert_eq!(property(&error, "path").as_deref(), Some("$.weights[1]"));
    assert!(!property(&error, "message").unwrap().contains("Jane"));
}

#[wasm_bindgen_test]
fn text_that_is_not_json_is_invalid_input() {
    let error = billing::quote("{not json".into()).unwrap_err();
    assert_eq!(property(&error, "code").as_deref(), Some("INVALID_INPUT"));
    assert_eq!(property(&error, "path").as_deref(), Some("$.cart"));
}

#[wasm_bindgen_test]
fn schedule_paths_name_the_request_field() {
    let error =
        schedule::resolve_local_time(r#"{"date":"2025-02-30","time":"10:00","zone":"UTC"}"#.into())
            .unwrap_err();
    assert_eq!(property(&error, "code").as_deref(), Some("INVALID_DATE"));
    assert_eq!(property(&error, "path").as_deref(), Some("$.request.date"));
}

/// The WASM build reads offsets from the host's Intl data, the native build from chrono-tz: they
/// must agree wherever both databases are current (here: 2000–2030, every 6 hours).
#[wasm_bindgen_test]
fn intl_offsets_agree_with_chrono_tz() {
    let intl = IntlZones::default();
    let zones = [
        "America/New_York",
        "America/Los_Angeles",
        "America/Phoenix",
        "Europe/Berlin",
        "Europe/London",
        "Australia/Lord_Howe",
        "Asia/Kolkata",
        "Pacific/Chatham",
        "UTC",
    ];
    let start = 946_684_800; // 2000-01-01T00:00Z
    let end = 1_924_992_000; // 2031-01-01T00:00Z
    for zone in zones {
        let mut t = start;
        while t < end {
            assert_eq!(
                intl.utc_offset(zone, t),
                ChronoTz.utc_offset(zone, t),
                "{zone} at {t}"
            );
            t += 6 * 3600;
        }
    }
    assert_eq!(
        intl.utc_offset("Not/AZone", 0).unwrap_err().code,
        "UNKNOWN_TIME_ZONE"
    );
}

/// The Intl source remembers offsets per four-day span and bisects spans with a change: at every
/// change 2000–2030 (found here with chrono-tz, to the second), the second before, of and after
/// the change must come out right, whichever of them is asked first.
#[wasm_bindgen_test]
fn intl_offsets_are_exact_at_every_change() {
    let zones = [
        "America/New_York",
        "America/Santiago",
        "Australia/Sydney",
        "Australia/Lord_Howe",
        "Africa/Casablanca",
        "Europe/London",
    ];
    let offset = |zone: &str, t: i64| ChronoTz.utc_offset(zone, t).expect("known zone");
    for zone in zones {
        let mut t = 946_684_800;
        while t < 1_924_992_000 {
            let next = t + 3_600;
            if offset(zone, t) != offset(zone, next) {
                let mut change = t;
                while offset(zone, change) == offset(zone, t) {
                    change += 1;
                }
                for (i, probe) in [change, change - 1, change + 1].into_iter().enumerate() {
                    // A fresh source per order of asking, so each probe may be the first.
                    let intl = IntlZones::default();
                    for q in [probe, change - 1, change, change + 1]
                        .into_iter()
                        .skip(i.min(1))
                    {
                        assert_eq!(
                            intl.utc_offset(zone, q),
                            Ok(offset(zone, q)),
                            "{zone} at {q}"
                        );
                    }
                }
            }
            t = next;
        }
    }
}
