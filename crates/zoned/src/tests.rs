//! Table tests against the real IANA database (chrono-tz, compiled in for tests).

use crate::{
    add_local_days, format_instant, local_candidates, local_date, parse_instant, parse_local_date,
    parse_local_time, resolve_local, to_local, ChronoTz, LocalCandidates, Resolution, ZoneSource,
};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use medspa_errors::CodedError;

fn local(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("test wall time")
}

/// Resolves `wall` in `zone` and compares the formatted instant and the case that applied.
fn check(zone: &str, wall: &str, instant: &str, resolution: Resolution) {
    let got = resolve_local(&ChronoTz, zone, local(wall)).expect("resolves");
    assert_eq!(
        (format_instant(got.instant).as_str(), got.resolution),
        (instant, resolution),
        "{zone} {wall}"
    );
}

#[test]
fn new_york() {
    let ny = "America/New_York";
    check(
        ny,
        "2025-03-09 02:30",
        "2025-03-09T03:30-04:00",
        Resolution::GapShifted,
    );
    check(
        ny,
        "2025-03-09 02:00",
        "2025-03-09T03:00-04:00",
        Resolution::GapShifted,
    );
    check(
        ny,
        "2025-03-09 01:59",
        "2025-03-09T01:59-05:00",
        Resolution::Ok,
    );
    check(
        ny,
        "2025-03-09 03:00",
        "2025-03-09T03:00-04:00",
        Resolution::Ok,
    );
    check(
        ny,
        "2025-11-02 01:30",
        "2025-11-02T01:30-04:00",
        Resolution::AmbiguousResolved,
    );
    check(
        ny,
        "2025-11-02 01:00",
        "2025-11-02T01:00-04:00",
        Resolution::AmbiguousResolved,
    );
    check(
        ny,
        "2025-11-02 00:59",
        "2025-11-02T00:59-04:00",
        Resolution::Ok,
    );
    check(
        ny,
        "2025-11-02 02:00",
        "2025-11-02T02:00-05:00",
        Resolution::Ok,
    );
    check(
        ny,
        "2025-11-02 10:00",
        "2025-11-02T10:00-05:00",
        Resolution::Ok,
    );
    check(
        ny,
        "2025-07-04 12:00",
        "2025-07-04T12:00-04:00",
        Resolution::Ok,
    );
}

#[test]
fn europe_berlin() {
    let berlin = "Europe/Berlin";
    check(
        berlin,
        "2025-03-30 02:15",
        "2025-03-30T03:15+02:00",
        Resolution::GapShifted,
    );
    check(
        berlin,
        "2025-10-26 02:15",
        "2025-10-26T02:15+02:00",
        Resolution::AmbiguousResolved,
    );
    check(
        berlin,
        "2025-01-15 09:00",
        "2025-01-15T09:00+01:00",
        Resolution::Ok,
    );
}

#[test]
fn half_hour_shifts_and_no_dst() {
    // Lord Howe moves by 30 minutes: +10:30 standard, +11:00 summer.
    let lh = "Australia/Lord_Howe";
    check(
        lh,
        "2025-10-05 02:15",
        "2025-10-05T02:45+11:00",
        Resolution::GapShifted,
    );
    check(
        lh,
        "2025-04-06 01:45",
        "2025-04-06T01:45+11:00",
        Resolution::AmbiguousResolved,
    );
    check(
        lh,
        "2025-07-01 09:00",
        "2025-07-01T09:00+10:30",
        Resolution::Ok,
    );
    check(
        "Asia/Kolkata",
        "2025-03-09 02:30",
        "2025-03-09T02:30+05:30",
        Resolution::Ok,
    );
    check(
        "Asia/Kathmandu",
        "2025-03-09 02:30",
        "2025-03-09T02:30+05:45",
        Resolution::Ok,
    );
}

#[test]
fn changes_of_standard_offset() {
    // Samoa skipped 2011-12-30 entirely (−10:00 to +14:00): a 24-hour gap.
    check(
        "Pacific/Apia",
        "2011-12-30 12:00",
        "2011-12-31T12:00+14:00",
        Resolution::GapShifted,
    );
    // Moscow went from permanent +04:00 back to +03:00 on 2014-10-26 at 02:00.
    check(
        "Europe/Moscow",
        "2014-10-26 01:30",
        "2014-10-26T01:30+04:00",
        Resolution::AmbiguousResolved,
    );
    check(
        "Europe/Moscow",
        "2014-10-27 01:30",
        "2014-10-27T01:30+03:00",
        Resolution::Ok,
    );
}

#[test]
fn utc_zones_print_plus_zero() {
    for zone in ["UTC", "Etc/UTC"] {
        check(
            zone,
            "2025-03-09 02:30",
            "2025-03-09T02:30+00:00",
            Resolution::Ok,
        );
    }
}

#[test]
fn add_days_keeps_the_wall_time_across_dst() {
    let ny = "America/New_York";
    let start = parse_instant("2025-03-08T10:00-05:00").expect("valid");
    let next = add_local_days(&ChronoTz, ny, start, 1).expect("in range");
    assert_eq!(format_instant(next.instant), "2025-03-09T10:00-04:00");
    assert_eq!(next.resolution, Resolution::Ok);
    assert_eq!((next.instant - start).num_hours(), 23);

    let back = add_local_days(&ChronoTz, ny, next.instant, -1).expect("in range");
    assert_eq!(back.instant, start);

    let fall = parse_instant("2025-11-01T10:00-04:00").expect("valid");
    let next = add_local_days(&ChronoTz, ny, fall, 1).expect("in range");
    assert_eq!(format_instant(next.instant), "2025-11-02T10:00-05:00");
    assert_eq!((next.instant - fall).num_hours(), 25);

    // The start's own offset does not matter: the wall time is read in the zone.
    let same = parse_instant("2025-03-08T15:00Z").expect("valid");
    let next = add_local_days(&ChronoTz, ny, same, 7).expect("in range");
    assert_eq!(format_instant(next.instant), "2025-03-15T10:00-04:00");

    // Landing in a gap is reported.
    let before_gap = parse_instant("2025-03-08T02:30-05:00").expect("valid");
    let next = add_local_days(&ChronoTz, ny, before_gap, 1).expect("in range");
    assert_eq!(next.resolution, Resolution::GapShifted);
    assert_eq!(format_instant(next.instant), "2025-03-09T03:30-04:00");
}

#[test]
fn local_dates_and_instants() {
    let t: DateTime<Utc> = "2025-07-05T02:00:00Z".parse().expect("valid");
    let ny = "America/New_York";
    assert_eq!(
        local_date(&ChronoTz, ny, t).expect("ok"),
        NaiveDate::from_ymd_opt(2025, 7, 4).expect("valid")
    );
    assert_eq!(
        local_date(&ChronoTz, "Asia/Tokyo", t).expect("ok"),
        NaiveDate::from_ymd_opt(2025, 7, 5).expect("valid")
    );
    assert_eq!(
        format_instant(to_local(&ChronoTz, ny, t).expect("ok")),
        "2025-07-04T22:00-04:00"
    );
}

#[test]
fn unknown_zone_is_coded_and_not_echoed() {
    let t = DateTime::<Utc>::UNIX_EPOCH;
    let errors = [
        resolve_local(&ChronoTz, "Mars/Base", local("2025-01-01 00:00")).map(|_| ()),
        to_local(&ChronoTz, "Mars/Base", t).map(|_| ()),
        local_date(&ChronoTz, "Mars/Base", t).map(|_| ()),
        add_local_days(&ChronoTz, "Mars/Base", t.fixed_offset(), 1).map(|_| ()),
    ];
    for err in errors {
        let err = err.expect_err("unknown zone");
        assert_eq!((err.code, err.path.as_str()), ("UNKNOWN_TIME_ZONE", "$"));
        assert!(!err.message.contains("Mars"));
    }
}

/// A broken source that claims a 25-hour offset.
struct Broken;
impl ZoneSource for Broken {
    fn utc_offset(&self, _zone: &str, _unix_seconds: i64) -> Result<i32, CodedError> {
        Ok(25 * 3600)
    }
}

#[test]
fn offsets_of_a_day_or_more_are_refused() {
    let err = resolve_local(&Broken, "X", local("2025-01-01 00:00")).expect_err("refused");
    assert_eq!(err.code, "INVALID_UTC_OFFSET");
}

#[test]
fn extreme_dates_do_not_panic() {
    // Near chrono's limits a result may or may not exist; it must be a value or a coded error.
    let fine = |result: Result<(), CodedError>| {
        if let Err(err) = result {
            assert_eq!(err.code, "TIME_OUT_OF_RANGE");
        }
    };
    for zone in ["Australia/Lord_Howe", "America/New_York", "UTC"] {
        for wall in [NaiveDateTime::MIN, NaiveDateTime::MAX] {
            fine(resolve_local(&ChronoTz, zone, wall).map(|_| ()));
        }
        for instant in [DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC] {
            fine(to_local(&ChronoTz, zone, instant).map(|_| ()));
            for days in [-1, 1] {
                fine(add_local_days(&ChronoTz, zone, instant.fixed_offset(), days).map(|_| ()));
            }
            for days in [i64::MIN, i64::MAX] {
                let err = add_local_days(&ChronoTz, zone, instant.fixed_offset(), days)
                    .expect_err("out of range");
                assert_eq!(err.code, "TIME_OUT_OF_RANGE");
            }
        }
    }
    // With Lord Howe's +10:30 the first wall time of chrono's range has no instant.
    let err =
        resolve_local(&ChronoTz, "Australia/Lord_Howe", NaiveDateTime::MIN).expect_err("range");
    assert_eq!(err.code, "TIME_OUT_OF_RANGE");

    let east = FixedOffset::east_opt(86_399).expect("valid");
    let west = FixedOffset::west_opt(86_399).expect("valid");
    for dt in [
        DateTime::<Utc>::MAX_UTC.with_timezone(&east),
        DateTime::<Utc>::MIN_UTC.with_timezone(&west),
    ] {
        assert!(!format_instant(dt).is_empty());
    }
}

#[test]
fn formats_instants() {
    let est = FixedOffset::west_opt(5 * 3600).expect("valid");
    let at = |s, n| {
        est.with_ymd_and_hms(2025, 11, 2, 10, 0, s)
            .single()
            .expect("valid")
            + chrono::TimeDelta::nanoseconds(n)
    };
    assert_eq!(format_instant(at(0, 0)), "2025-11-02T10:00-05:00");
    assert_eq!(format_instant(at(30, 0)), "2025-11-02T10:00:30-05:00");
    assert_eq!(
        format_instant(at(0, 500_000_000)),
        "2025-11-02T10:00:00.500-05:00"
    );
    let lmt = FixedOffset::west_opt(4 * 3600 + 56 * 60 + 2).expect("valid");
    let old = lmt
        .with_ymd_and_hms(1880, 1, 1, 12, 0, 0)
        .single()
        .expect("valid");
    assert_eq!(format_instant(old), "1880-01-01T12:00-04:56:02");
    assert_eq!(parse_instant(&format_instant(old)), Ok(old));
}

#[test]
fn parses_instants() {
    let ok = [
        ("2025-11-02T10:00-05:00", "2025-11-02T10:00-05:00"),
        ("2025-11-02T10:00:30-05:00", "2025-11-02T10:00:30-05:00"),
        ("2025-11-02t15:00z", "2025-11-02T15:00+00:00"),
        ("2025-11-02T15:00:00Z", "2025-11-02T15:00+00:00"),
        (
            "2025-11-02T15:00:00.25+05:30",
            "2025-11-02T15:00:00.250+05:30",
        ),
        (
            "2025-11-02T15:00:00.123456789-00:00",
            "2025-11-02T15:00:00.123456789+00:00",
        ),
    ];
    for (text, want) in ok {
        let got = parse_instant(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(format_instant(got), want, "{text}");
    }
    let bad = [
        "",
        "2025-11-02",
        "2025-11-02T10:00",
        "2025-11-02 10:00Z",
        "2025-11-02T10Z",
        "2025-11-02T24:00Z",
        "2025-11-02T10:00:60Z",
        "2025-02-29T10:00Z",
        "2025-11-02T10:00:00.Z",
        "2025-11-02T10:00:00.1234567890Z",
        "2025-11-02T10:00+24:00",
        "2025-11-02T10:00+0500",
        "2025-11-02T10:00Z ",
        "+2025-11-02T10:00Z",
        "２０２５-11-02T10:00Z",
        "2025-11-02T10:00:0Z",
    ];
    for text in bad {
        let err = parse_instant(text).expect_err(text);
        assert_eq!(
            (err.code, err.path.as_str()),
            ("INVALID_INSTANT", "$"),
            "{text}"
        );
        // The message is static text, so it cannot carry the input.
        assert_eq!(err.message, parse_instant("").expect_err("empty").message);
    }
}

#[test]
fn parses_dates_and_times() {
    assert_eq!(
        parse_local_date("2024-02-29"),
        Ok(NaiveDate::from_ymd_opt(2024, 2, 29).expect("valid"))
    );
    for bad in [
        "2025-2-28",
        "2025-02-30",
        "2025-13-01",
        "2025-02-28T",
        "25-02-28",
        "",
    ] {
        assert_eq!(
            parse_local_date(bad).map_err(|e| e.code),
            Err("INVALID_DATE"),
            "{bad}"
        );
    }
    assert_eq!(
        parse_local_time("09:05"),
        Ok(NaiveTime::from_hms_opt(9, 5, 0).expect("valid"))
    );
    assert_eq!(
        parse_local_time("23:59:59"),
        Ok(NaiveTime::from_hms_opt(23, 59, 59).expect("valid"))
    );
    for bad in [
        "9:05",
        "09:5",
        "24:00",
        "12:60",
        "12:00:60",
        "12:00:00.5",
        "12:00 ",
        "",
    ] {
        assert_eq!(
            parse_local_time(bad).map_err(|e| e.code),
            Err("INVALID_TIME"),
            "{bad}"
        );
    }
}

/// Every instant of `wall` in `zone`, formatted: one, the gap-shifted one marked `gap:`, or both
/// occurrences of a fold.
fn candidates(zone: &str, wall: &str) -> Vec<String> {
    match local_candidates(&ChronoTz, zone, local(wall)).expect("resolves") {
        LocalCandidates::Single(t) => vec![format_instant(t)],
        LocalCandidates::Gap { shifted } => vec![format!("gap:{}", format_instant(shifted))],
        LocalCandidates::Ambiguous { earliest, latest } => {
            vec![format_instant(earliest), format_instant(latest)]
        }
    }
}

#[test]
fn candidates_around_transitions() {
    let table: &[(&str, &str, &[&str])] = &[
        (
            "America/New_York",
            "2025-03-09 02:30",
            &["gap:2025-03-09T03:30-04:00"],
        ),
        (
            "America/New_York",
            "2025-11-02 01:30",
            &["2025-11-02T01:30-04:00", "2025-11-02T01:30-05:00"],
        ),
        (
            "America/New_York",
            "2025-11-02 02:00",
            &["2025-11-02T02:00-05:00"],
        ),
        (
            "America/Los_Angeles",
            "2025-03-09 02:15",
            &["gap:2025-03-09T03:15-07:00"],
        ),
        (
            "America/Los_Angeles",
            "2025-11-02 01:45",
            &["2025-11-02T01:45-07:00", "2025-11-02T01:45-08:00"],
        ),
        (
            "Europe/London",
            "2025-03-30 01:30",
            &["gap:2025-03-30T02:30+01:00"],
        ),
        (
            "Europe/London",
            "2025-10-26 01:30",
            &["2025-10-26T01:30+01:00", "2025-10-26T01:30+00:00"],
        ),
        (
            "Australia/Sydney",
            "2025-10-05 02:30",
            &["gap:2025-10-05T03:30+11:00"],
        ),
        (
            "Australia/Sydney",
            "2025-04-06 02:30",
            &["2025-04-06T02:30+11:00", "2025-04-06T02:30+10:00"],
        ),
        (
            "Australia/Lord_Howe",
            "2025-04-06 01:45",
            &["2025-04-06T01:45+11:00", "2025-04-06T01:45+10:30"],
        ),
        (
            "Australia/Sydney",
            "2025-07-01 09:00",
            &["2025-07-01T09:00+10:00"],
        ),
    ];
    for (zone, wall, expect) in table {
        assert_eq!(candidates(zone, wall), *expect, "{zone} {wall}");
        // `resolve_local` is RFC 5545's choice among the candidates.
        let r = resolve_local(&ChronoTz, zone, local(wall)).expect("resolves");
        assert_eq!(
            format_instant(r.instant),
            expect[0].trim_start_matches("gap:"),
            "{zone} {wall}"
        );
    }
}
