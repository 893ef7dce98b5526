//! Text spans for medspa-kit: half-open UTF-8 byte ranges inside, UTF-16 code-unit offsets at the JS edge.
//!
//! Core code slices `&str` by byte, so a [`Span`] holds byte offsets. JavaScript indexes strings in
//! UTF-16 code units, so the bindings convert each span once through a [`Utf16Index`] built from the
//! same text; `text.slice(start, end)` in JS then selects exactly what `span.slice(text)` does in Rust.

#![forbid(unsafe_code)]

mod span;
mod utf16;

pub use span::Span;
pub use utf16::Utf16Index;
