//! Zoned local time for medspa-kit: wall-clock times in IANA zones, resolved by RFC 5545's DST rules.
//!
//! Everything is written once over [`ZoneSource`], a single question ("what UTC offset is in force in
//! this zone at this instant?"). Natively the `tzdb` feature answers it with chrono-tz (`ChronoTz`);
//! in WASM the bindings answer it with the host's `Intl`, so the `.wasm` carries no tz data.
//!
//! The conventions are those of `docs/domain.md` §2: a wall time inside a spring-forward gap moves
//! forward by the gap's length, a repeated wall time resolves to its first occurrence, and each
//! result says which case applied ([`Resolution`]).

#![forbid(unsafe_code)]

pub mod codes;
mod iso;
mod resolve;
mod source;
mod spans;
#[cfg(any(feature = "tzdb", test))]
mod tzdb;
mod weekday;

pub use iso::{format_instant, parse_instant, parse_local_date, parse_local_time};
pub use resolve::{
    add_local_days, local_candidates, local_date, resolve_local, to_local, LocalCandidates,
    Resolution, Resolved,
};
pub use source::ZoneSource;
pub use spans::SpanCache;
#[cfg(any(feature = "tzdb", test))]
pub use tzdb::ChronoTz;
pub use weekday::Weekday;

#[cfg(test)]
mod tests;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props;
