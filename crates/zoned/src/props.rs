//! Property tests: resolving and converting agree with each other in real zones, 1970–2100.

use crate::{
    local_candidates, resolve_local, to_local, ChronoTz, LocalCandidates, Resolution, ZoneSource,
};
use chrono::{DateTime, NaiveDateTime, Utc};
use proptest::prelude::*;

/// Zones with ordinary DST, 30- and 45-minute offsets, none, skipped days and standard-offset changes.
const ZONES: &[&str] = &[
    "America/New_York",
    "Europe/Berlin",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
    "America/St_Johns",
    "Pacific/Chatham",
    "Pacific/Apia",
    "Europe/Moscow",
    "America/Sao_Paulo",
    "Antarctica/Troll",
];

// 1970-01-01T00:00Z ..= 2100-12-31T23:59:59Z.
const FROM: i64 = 0;
const TO: i64 = 4_133_980_799;

fn zone() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(ZONES)
}

fn instant(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).expect("1970–2100 is in range")
}

fn offset(zone: &str, secs: i64) -> i32 {
    ChronoTz.utc_offset(zone, secs).expect("known zone")
}

/// Uniform instants rarely land near a transition, so half the draws are moved next to the first
/// transition within 200 days of `secs` (found by bisection), then nudged by up to 90 minutes.
fn near_transition(zone: &str, secs: i64, snap: bool, nudge: i64) -> i64 {
    let (mut lo, mut hi) = (secs, secs + 200 * 86_400);
    if !snap || offset(zone, lo) == offset(zone, hi) {
        return secs;
    }
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if offset(zone, mid) == offset(zone, lo) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    hi + nudge
}

proptest! {
    #[test]
    fn an_instant_read_as_wall_time_resolves_back(
        zone in zone(), secs in FROM..=TO, snap in any::<bool>(), nudge in -5_400i64..=5_400,
    ) {
        let t = instant(near_transition(zone, secs, snap, nudge));
        let wall = to_local(&ChronoTz, zone, t).expect("in range").naive_local();
        let r = resolve_local(&ChronoTz, zone, wall).expect("resolves");
        match r.resolution {
            Resolution::Ok => prop_assert_eq!(r.instant, t),
            Resolution::AmbiguousResolved => {
                prop_assert!(r.instant <= t);
                prop_assert_eq!(r.instant.naive_local(), wall);
            }
            Resolution::GapShifted => prop_assert!(false, "a wall time that occurred is no gap"),
        }
    }

    #[test]
    fn resolved_wall_times_match_their_resolution(
        zone in zone(), secs in FROM..=TO, snap in any::<bool>(), nudge in -5_400i64..=5_400,
    ) {
        // Instants near a transition, shown with the offset from before it, land in gaps and folds.
        let t = near_transition(zone, secs, snap, nudge);
        let wall: NaiveDateTime = instant(t + i64::from(offset(zone, secs))).naive_utc();
        let r = resolve_local(&ChronoTz, zone, wall).expect("resolves");
        let back = to_local(&ChronoTz, zone, r.instant.to_utc()).expect("in range");
        prop_assert_eq!(back, r.instant);
        match r.resolution {
            Resolution::Ok | Resolution::AmbiguousResolved => prop_assert_eq!(back.naive_local(), wall),
            Resolution::GapShifted => {
                // Moved forward by the gap: the offset jumped by `shift`, and the instant `shift`
                // earlier still had the offset from before the gap.
                let shift = (back.naive_local() - wall).num_seconds();
                prop_assert!(shift > 0);
                let before = offset(zone, back.timestamp() - shift);
                prop_assert_eq!(i64::from(back.offset().local_minus_utc()) - i64::from(before), shift);
            }
        }
    }

    #[test]
    fn both_occurrences_of_a_fold_show_the_same_wall_time(
        zone in zone(), secs in FROM..=TO, snap in any::<bool>(), nudge in -5_400i64..=5_400,
    ) {
        let t = near_transition(zone, secs, snap, nudge);
        let wall: NaiveDateTime = instant(t + i64::from(offset(zone, secs))).naive_utc();
        let r = resolve_local(&ChronoTz, zone, wall).expect("resolves");
        match local_candidates(&ChronoTz, zone, wall).expect("resolves") {
            LocalCandidates::Single(i) => {
                prop_assert_eq!((i, r.resolution), (r.instant, Resolution::Ok));
            }
            LocalCandidates::Gap { shifted } => {
                prop_assert_eq!((shifted, r.resolution), (r.instant, Resolution::GapShifted));
            }
            LocalCandidates::Ambiguous { earliest, latest } => {
                prop_assert_eq!((earliest, r.resolution), (r.instant, Resolution::AmbiguousResolved));
                prop_assert!(earliest < latest);
                prop_assert_eq!(latest.naive_local(), wall);
                let back = to_local(&ChronoTz, zone, latest.to_utc()).expect("in range");
                prop_assert_eq!(back, latest);
            }
        }
    }
}
