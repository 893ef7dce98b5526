//! The zone source is asked per local day searched, never per candidate or per result: in WASM
//! each question is an `Intl.DateTimeFormat` call of about a microsecond.

mod support;

use medspa_errors::CodedError;
use medspa_schedule::*;
use medspa_zoned::{ChronoTz, ZoneSource};
use std::cell::Cell;
use support::*;

/// `ChronoTz`, counting the questions.
#[derive(Default)]
struct Counting(Cell<u32>);

impl ZoneSource for Counting {
    fn utc_offset(&self, zone: &str, unix_seconds: i64) -> Result<i32, CodedError> {
        self.0.set(self.0.get() + 1);
        ChronoTz.utc_offset(zone, unix_seconds)
    }
}

/// Questions for one day: two offsets, plus a bisection (~18) when the day is near a transition.
const PER_DAY: u32 = 24;

#[test]
fn find_slots_asks_per_day() {
    let clinic = large_clinic(0, 10_000);
    for (from, to, days, one_per_start) in [
        ("2025-03-12", "2025-03-12", 1, false),
        ("2025-03-01", "2025-03-31", 31, true),
    ] {
        let zones = Counting::default();
        let request = find_request(clinic.clone(), from, to, one_per_start);
        let page = find_slots(&zones, &request).expect("answers");
        assert!(page.slots.len() > 100, "{}", page.slots.len());
        // A few for `now`, then per day; none per slot returned (about 150 slots on one day
        // took some 290 questions when each result asked for its offset).
        let asked = zones.0.get();
        assert!(asked <= 10 + PER_DAY * days, "{asked} for {days} days");
    }
}

#[test]
fn plan_series_asks_per_day() {
    let zones = Counting::default();
    let answer = plan_series(&zones, &plan_request(large_clinic(0, 10_000))).expect("answers");
    let plan = answer.plan.expect("a plan");
    assert_eq!(plan.sessions.len(), 6);
    // Six sessions 28 to 42 days apart and a consultation: some 10 dates searched, 2 DST days.
    let asked = zones.0.get();
    assert!(asked <= 10 + PER_DAY * 12, "{asked}");
}
