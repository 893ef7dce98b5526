//! A serde `Deserializer` over a parsed `serde_json::Value` that remembers where it is, so the
//! first error can be reported with its JSON path.
//!
//! Why not `serde_path_to_error`: it wraps every visitor, which doubles the deserialisation code
//! of every request type; in the WASM build that was a fifth of the billing module. Tracking the
//! path in the map and sequence accessors instead leaves visitors untouched.

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use serde::forward_to_deserialize_any;
use serde_json::{Map, Value};
use std::cell::RefCell;
use std::fmt;

/// One step of a JSON path.
#[derive(Clone)]
pub(crate) enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

/// The current path, and the path where the first error arose.
#[derive(Default)]
pub(crate) struct Tracker<'a> {
    stack: RefCell<Vec<Segment<'a>>>,
    failed_at: RefCell<Option<Vec<Segment<'a>>>>,
}

impl<'a> Tracker<'a> {
    /// The path of the first error, or the root when the error arose there.
    pub(crate) fn failure_path(&self) -> Vec<Segment<'a>> {
        self.failed_at.borrow().clone().unwrap_or_default()
    }

    // The helpers below are kept out of line on purpose: `within` is instantiated for every field
    // type of every request, and inlining the bookkeeping there cost tens of KB of WASM.
    #[inline(never)]
    fn note_failure(&self) {
        let mut failed_at = self.failed_at.borrow_mut();
        if failed_at.is_none() {
            *failed_at = Some(self.stack.borrow().clone());
        }
    }

    #[inline(never)]
    fn enter(&self, segment: Segment<'a>) {
        self.stack.borrow_mut().push(segment);
    }

    #[inline(never)]
    fn leave(&self, failed: bool) {
        if failed {
            self.note_failure();
        }
        self.stack.borrow_mut().pop();
    }

    /// Runs `f` one level down at `segment`, noting the path if it fails there first.
    fn within<T>(
        &self,
        segment: Segment<'a>,
        f: impl FnOnce() -> Result<T, Error>,
    ) -> Result<T, Error> {
        self.enter(segment);
        let result = f();
        self.leave(result.is_err());
        result
    }
}

/// The error type of the tracked deserializer: serde's message, classified later.
#[derive(Debug)]
pub(crate) struct Error(pub(crate) String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

// The "unexpected" half of serde's messages quotes input, and formatting it would also link
// float formatting into every WASM module; these overrides never format it at all.
impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }

    fn invalid_type(_unexpected: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        Error(format!("invalid type: _, expected {expected}"))
    }

    fn invalid_value(_unexpected: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        Error(format!("invalid value: _, expected {expected}"))
    }

    fn invalid_length(_len: usize, expected: &dyn de::Expected) -> Self {
        Error(format!("invalid length _, expected {expected}"))
    }

    fn unknown_variant(_variant: &str, expected: &'static [&'static str]) -> Self {
        Error(format!("unknown variant _, expected {}", one_of(expected)))
    }

    fn unknown_field(_field: &str, expected: &'static [&'static str]) -> Self {
        Error(format!("unknown field _, expected {}", one_of(expected)))
    }
}

/// serde's wording for a list of allowed names: `` `a` or `b` ``, `` one of `a`, `b`, `c` ``.
fn one_of(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.as_slice() {
        [] => "nothing".to_string(),
        [one] => one.clone(),
        [a, b] => format!("{a} or {b}"),
        many => format!("one of {}", many.join(", ")),
    }
}

/// Deserializes one value, reporting failures to the shared tracker.
pub(crate) struct Tracked<'a, 't> {
    pub(crate) value: &'a Value,
    pub(crate) tracker: &'t Tracker<'a>,
}

impl<'de, 't> de::Deserializer<'de> for Tracked<'de, 't> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => {
                if let Some(u) = n.as_u64() {
                    visitor.visit_u64(u)
                } else if let Some(i) = n.as_i64() {
                    visitor.visit_i64(i)
                } else {
                    visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(items) => visitor.visit_seq(Seq {
                items: items.iter().enumerate(),
                tracker: self.tracker,
            }),
            Value::Object(map) => visitor.visit_map(Entries::new(map, self.tracker)),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.value {
            // A unit variant: "sms".
            Value::String(s) => visitor.visit_enum(s.as_str().into_deserializer()),
            // A variant with data: {"fixed": {...}}.
            Value::Object(map) if map.len() == 1 => match map.iter().next() {
                Some((variant, value)) => visitor.visit_enum(Variant {
                    variant,
                    value,
                    tracker: self.tracker,
                }),
                None => Err(de::Error::invalid_length(
                    0,
                    &"an object with exactly one key",
                )),
            },
            _ => Err(de::Error::invalid_type(
                de::Unexpected::Other("a value"),
                &"a string or an object with one key",
            )),
        }
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

struct Seq<'a, 't, I> {
    items: I,
    tracker: &'t Tracker<'a>,
}

impl<'de, 't, I: Iterator<Item = (usize, &'de Value)>> de::SeqAccess<'de> for Seq<'de, 't, I> {
    type Error = Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Error> {
        let Some((index, value)) = self.items.next() else {
            return Ok(None);
        };
        let tracker = self.tracker;
        tracker.within(Segment::Index(index), || {
            seed.deserialize(Tracked { value, tracker }).map(Some)
        })
    }
}

struct Entries<'a, 't> {
    entries: serde_json::map::Iter<'a>,
    pending: Option<(&'a str, &'a Value)>,
    tracker: &'t Tracker<'a>,
}

impl<'a, 't> Entries<'a, 't> {
    fn new(map: &'a Map<String, Value>, tracker: &'t Tracker<'a>) -> Self {
        Self {
            entries: map.iter(),
            pending: None,
            tracker,
        }
    }
}

impl<'de, 't> de::MapAccess<'de> for Entries<'de, 't> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.pending = Some((key.as_str(), value));
        // An unknown field fails here, before its key joins the path: the path names the object.
        let result = seed
            .deserialize(de::value::BorrowedStrDeserializer::new(key.as_str()))
            .map(Some);
        if result.is_err() {
            self.tracker.note_failure();
        }
        result
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Error> {
        let Some((key, value)) = self.pending.take() else {
            return Err(de::Error::custom("value requested before its key"));
        };
        let tracker = self.tracker;
        tracker.within(Segment::Key(key), || {
            seed.deserialize(Tracked { value, tracker })
        })
    }
}

struct Variant<'a, 't> {
    variant: &'a str,
    value: &'a Value,
    tracker: &'t Tracker<'a>,
}

impl<'de, 't> de::EnumAccess<'de> for Variant<'de, 't> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Self), Error> {
        let tag = seed.deserialize(de::value::BorrowedStrDeserializer::new(self.variant))?;
        Ok((tag, self))
    }
}

impl<'de, 't> de::VariantAccess<'de> for Variant<'de, 't> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        match self.value {
            Value::Null => Ok(()),
            _ => Err(de::Error::invalid_type(
                de::Unexpected::Other("a value"),
                &"a unit variant",
            )),
        }
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, Error> {
        let (value, tracker) = (self.value, self.tracker);
        tracker.within(Segment::Key(self.variant), || {
            seed.deserialize(Tracked { value, tracker })
        })
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        let (value, tracker) = (self.value, self.tracker);
        tracker.within(Segment::Key(self.variant), || {
            de::Deserializer::deserialize_any(Tracked { value, tracker }, visitor)
        })
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.tuple_variant(0, visitor)
    }
}
