//! No error carries what it was given: every operation is fed its fixtures with recognisable
//! identifiers (names, SSN, phone, email, MRN, date of birth) planted as values, keys, wrong
//! types and unknown fields, and no error message, path, `Display` or `Debug` output may
//! contain any of them.

mod support;

use medspa_api::{call, OPERATIONS};
use medspa_zoned::ChronoTz;
use proptest::prelude::*;
use serde_json::{json, Value};
use support::{fixtures, Fixture};

/// What gets planted. Each is distinctive enough that finding it in an error means an echo.
const PLANTED: &[&str] = &[
    "Zuleika",
    "Okafor",
    "Zuleika Okafor",
    "219-09-9999",
    "219099999",
    "415-555-0139",
    "zuleika.okafor@example.com",
    "MRN77341208",
    "1979-11-23",
    "1979-11-23T08:15:00-05:00",
    "America/Zuleika",
    "zuleika-okafor",
];

/// Fragments that must never appear in an error, whatever was planted (case-insensitive).
const MUST_NOT_APPEAR: &[&str] = &[
    "zuleika",
    "okafor",
    "219-09",
    "2190999",
    "555-0139",
    "77341208",
    "1979-11",
    "example.com",
];

/// Where a plant goes: a JSON pointer into one argument.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let escaped = key.replace('~', "~0").replace('/', "~1");
                pointers(child, format!("{at}/{escaped}"), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                pointers(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// The ways an identifier is planted at a place.
#[derive(Debug, Clone, Copy)]
enum Plant {
    /// The value becomes the identifier (a wrong type, or a wrong value of the right type).
    Replace,
    /// The identifier is appended to a string value (an unknown id, zone or date).
    Append,
    /// An unknown field named after the identifier.
    UnknownKey,
    /// An existing key is renamed to the identifier (map keys are caller data).
    RenameKey,
    /// The value becomes an object keyed by the identifier.
    KeyedObject,
    /// A number made of identifier digits.
    Number,
}

fn plant(target: &mut Value, how: Plant, planted: &str) {
    match (how, &mut *target) {
        (Plant::Append, Value::String(s)) => s.push_str(planted),
        (Plant::UnknownKey, Value::Object(map)) => {
            map.insert(planted.to_string(), json!(1));
        }
        (Plant::RenameKey, Value::Object(map)) => {
            if let Some(key) = map.keys().next().cloned() {
                if let Some(value) = map.remove(&key) {
                    map.insert(planted.to_string(), value);
                }
            }
        }
        (Plant::KeyedObject, _) => *target = json!({ planted: planted }),
        (Plant::Number, _) => *target = json!(219_099_999_i64),
        _ => *target = Value::String(planted.to_string()),
    }
}

fn a_plant() -> impl Strategy<Value = Plant> {
    prop_oneof![
        Just(Plant::Replace),
        Just(Plant::Append),
        Just(Plant::UnknownKey),
        Just(Plant::RenameKey),
        Just(Plant::KeyedObject),
        Just(Plant::Number),
    ]
}

fn by_operation() -> Vec<Vec<Fixture>> {
    let mut all = fixtures();
    OPERATIONS
        .iter()
        .map(|op| {
            let (mine, rest): (Vec<Fixture>, Vec<Fixture>) =
                all.drain(..).partition(|f| f.operation == op.name);
            all = rest;
            mine
        })
        .collect()
}

fn leaks(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    MUST_NOT_APPEAR.iter().copied().find(|f| lower.contains(f))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 900, ..ProptestConfig::default() })]

    #[test]
    fn errors_never_contain_planted_identifiers(
        op_pick in any::<prop::sample::Index>(),
        fixture_pick in any::<prop::sample::Index>(),
        plants in prop::collection::vec(
            (any::<prop::sample::Index>(), any::<prop::sample::Index>(), a_plant(), 0..PLANTED.len()),
            1..4,
        ),
    ) {
        let groups = by_operation();
        let group = op_pick.get(&groups);
        let fixture = fixture_pick.get(group);
        let mut args = fixture.args.clone();
        for (arg_pick, place_pick, how, planted) in plants {
            let arg = arg_pick.index(args.len());
            let mut places = Vec::new();
            pointers(&args[arg], String::new(), &mut places);
            let place = place_pick.get(&places).clone();
            if let Some(target) = args[arg].pointer_mut(&place) {
                plant(target, how, PLANTED[planted]);
            }
        }
        let texts: Vec<String> = args.iter().map(Value::to_string).collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        if let Err(err) = call(&fixture.operation, &refs, &ChronoTz) {
            for shown in [err.message.clone(), err.path.clone(), err.to_string(), format!("{err:?}")] {
                prop_assert!(
                    leaks(&shown).is_none(),
                    "{}/{}: {:?} leaked into {shown}",
                    fixture.operation, fixture.case, leaks(&shown)
                );
            }
        }
    }
}

/// The plants above reach the decoder's every error kind; this pins that they do, so the
/// property cannot pass by never failing.
#[test]
fn planting_produces_errors_of_many_codes() {
    let mut codes = std::collections::BTreeSet::new();
    for fixture in fixtures().iter().filter(|f| f.expect == "ok") {
        for how in [
            Plant::Replace,
            Plant::UnknownKey,
            Plant::KeyedObject,
            Plant::Number,
        ] {
            let mut args = fixture.args.clone();
            let mut places = Vec::new();
            pointers(&args[0], String::new(), &mut places);
            if let Some(place) = places.get(1) {
                if let Some(target) = args[0].pointer_mut(place) {
                    plant(target, how, "Zuleika Okafor");
                }
            }
            let texts: Vec<String> = args.iter().map(Value::to_string).collect();
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            if let Err(err) = call(&fixture.operation, &refs, &ChronoTz) {
                codes.insert(err.code);
            }
        }
    }
    for code in ["INVALID_TYPE", "UNKNOWN_FIELD"] {
        assert!(codes.contains(code), "{code} never produced; got {codes:?}");
    }
    assert!(codes.len() >= 6, "only {codes:?}");
}
