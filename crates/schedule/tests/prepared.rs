//! A prepared clinic answers exactly as the one-shot operations do (a table on the large clinic,
//! a property on random calendars and random updates), and its errors name the field.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use medspa_errors::CodedError;
use medspa_schedule::*;
use medspa_zoned::ChronoTz;
use proptest::prelude::*;
use support::*;

/// The one-shot request and the same request for a prepared clinic (without its clinic).
fn both<R: Clone>(request: &R, clinic: impl Fn(&mut R) -> &mut Option<Clinic>) -> (R, R) {
    let mut bare = request.clone();
    *clinic(&mut bare) = None;
    (request.clone(), bare)
}

fn same<R, A: PartialEq + std::fmt::Debug>(
    prepared: &PreparedClinic,
    request: &R,
    clinic: impl Fn(&mut R) -> &mut Option<Clinic>,
    one_shot: impl Fn(&dyn medspa_zoned::ZoneSource, &R) -> Result<A, CodedError>,
    on_prepared: impl Fn(&dyn medspa_zoned::ZoneSource, &PreparedClinic, &R) -> Result<A, CodedError>,
) -> A
where
    R: Clone,
{
    let (full, bare) = both(request, clinic);
    let expected = one_shot(&ChronoTz, &full);
    let got = on_prepared(&ChronoTz, prepared, &bare);
    assert_eq!(got, expected);
    expected.expect("answers")
}

fn find_both(prepared: &PreparedClinic, request: &FindSlotsRequest) -> FindSlotsResponse {
    same(
        prepared,
        request,
        |r| &mut r.clinic,
        find_slots,
        find_slots_in,
    )
}

#[test]
fn prepared_answers_equal_one_shot_answers_on_the_large_clinic() {
    let clinic = large_clinic(3_000, 10_000);
    let prepared = PreparedClinic::new(&ChronoTz, clinic.clone()).expect("valid");
    assert_eq!(prepared.appointment_count(), 13_000);

    let day = find_both(
        &prepared,
        &find_request(clinic.clone(), "2025-03-12", "2025-03-12", false),
    );
    assert!(day.slots.len() > 50);
    find_both(
        &prepared,
        &find_request(clinic.clone(), "2025-03-01", "2025-03-31", true),
    );
    // Paged, with a preferred provider and times of day.
    let mut paged = find_request(clinic.clone(), "2025-02-03", "2025-02-09", false);
    paged.limit = 25;
    paged.preferences.provider_id = Some("p04".into());
    paged.preferences.times_of_day = vec![TimeRange {
        start: "12:00".into(),
        end: "18:00".into(),
    }];
    let first = find_both(&prepared, &paged);
    paged.cursor = first.next_cursor.clone();
    assert!(paged.cursor.is_some());
    find_both(&prepared, &paged);

    let planned = same(
        &prepared,
        &plan_request(clinic.clone()),
        |r| &mut r.clinic,
        plan_series,
        plan_series_in,
    );
    let plan = planned.plan.expect("a plan");

    let validate = ValidatePlanRequest {
        clinic: Some(clinic.clone()),
        treatment_id: "laser-hair".into(),
        plan: plan.clone(),
        now: NOW.into(),
        client: ClientHistory::default(),
        check_notice_and_horizon: true,
    };
    let report = same(
        &prepared,
        &validate,
        |r| &mut r.clinic,
        validate_plan,
        validate_plan_in,
    );
    assert!(report.valid, "{:?}", report.violations);

    // Session 1 a week later, same wall time: each scope.
    let moved = plan.sessions[1].start.replacen(
        &plan.sessions[1].start[..10],
        &shift(&plan.sessions[1].start, 7),
        1,
    );
    for scope in [
        RescheduleScope::This,
        RescheduleScope::Following,
        RescheduleScope::Repair,
    ] {
        let request = RescheduleRequest {
            clinic: Some(clinic.clone()),
            treatment_id: "laser-hair".into(),
            plan: plan.clone(),
            session: 1,
            new_start: moved.clone(),
            scope,
            now: NOW.into(),
            client: ClientHistory::default(),
            preferences: Preferences::default(),
        };
        let answer = same(
            &prepared,
            &request,
            |r| &mut r.clinic,
            reschedule,
            reschedule_in,
        );
        assert!(answer.accepted, "{scope:?}");
    }

    let partial = Plan {
        consultation: plan.consultation.clone(),
        sessions: plan.sessions[..2].to_vec(),
    };
    let request = WindowsRequest {
        clinic: Some(clinic),
        treatment_id: "laser-hair".into(),
        plan: partial,
        now: NOW.into(),
        client: ClientHistory::default(),
    };
    let w = same(&prepared, &request, |r| &mut r.clinic, windows, windows_in);
    assert!(w.windows.len() >= 6);
}

/// `YYYY-MM-DD` of an instant's date plus `days`.
fn shift(instant: &str, days: i64) -> String {
    let d = chrono::NaiveDate::parse_from_str(&instant[..10], "%Y-%m-%d").expect("date");
    (d + chrono::Duration::days(days))
        .format("%Y-%m-%d")
        .to_string()
}

#[test]
fn a_plan_booked_as_appointments_is_not_a_clash_with_itself() {
    // The plan's sessions are booked; validating it names them by `appointmentId`.
    let mut clinic = large_clinic(0, 2_000);
    let planned = plan_series(&ChronoTz, &plan_request(clinic.clone())).expect("answers");
    let mut plan = planned.plan.expect("a plan");
    let mut booked = Vec::new();
    for (k, s) in plan.sessions.iter_mut().enumerate() {
        let id = format!("series-{k}");
        booked.push(Appointment {
            id: Some(id.clone()),
            start: s.start.clone(),
            end: s.end.clone().expect("end"),
            provider_id: Some(s.provider_id.clone()),
            resource_ids: s.resource_ids.clone(),
            buffer_before_minutes: 10,
            buffer_after_minutes: 15,
        });
        s.appointment_id = Some(id);
    }
    let mut prepared = PreparedClinic::new(&ChronoTz, clinic.clone()).expect("valid");
    prepared
        .add_appointments(&ChronoTz, booked.clone())
        .expect("valid");
    clinic.appointments.extend(booked);
    let request = ValidatePlanRequest {
        clinic: Some(clinic),
        treatment_id: "laser-hair".into(),
        plan: plan.clone(),
        now: NOW.into(),
        client: ClientHistory::default(),
        check_notice_and_horizon: false,
    };
    let report = same(
        &prepared,
        &request,
        |r| &mut r.clinic,
        validate_plan,
        validate_plan_in,
    );
    // The sessions are booked under their ids (the consultation is not booked at all).
    assert!(report.valid, "{:?}", report.violations);
    // Without the ids the bookings clash with themselves.
    let mut anonymous = request.clone();
    for s in &mut anonymous.plan.sessions {
        s.appointment_id = None;
    }
    let report = same(
        &prepared,
        &anonymous,
        |r| &mut r.clinic,
        validate_plan,
        validate_plan_in,
    );
    assert!(report
        .violations
        .iter()
        .any(|v| v.code == ViolationCode::DoubleBooking));
}

#[test]
fn booking_a_slot_removes_it_and_cancelling_brings_it_back() {
    let clinic = large_clinic(0, 10_000);
    let mut prepared = PreparedClinic::new(&ChronoTz, clinic.clone()).expect("valid");
    let mut request = find_request(clinic, "2025-03-12", "2025-03-12", false);
    request.clinic = None;
    let before = find_slots_in(&ChronoTz, &prepared, &request).expect("answers");
    let slot = before.slots[0].clone();
    let booking = Appointment {
        id: Some("web-1".into()),
        start: slot.start.clone(),
        end: slot.end.clone(),
        provider_id: Some(slot.provider_id.clone()),
        resource_ids: slot.resource_ids.clone(),
        buffer_before_minutes: 10,
        buffer_after_minutes: 15,
    };
    prepared
        .add_appointments(&ChronoTz, vec![booking])
        .expect("valid");
    assert_eq!(prepared.appointment_count(), 10_001);
    let after = find_slots_in(&ChronoTz, &prepared, &request).expect("answers");
    assert!(!after
        .slots
        .iter()
        .any(|s| s.start == slot.start && s.provider_id == slot.provider_id));
    assert_eq!(
        prepared.remove_appointments(&["web-1".into(), "nope".into()]),
        1
    );
    assert_eq!(prepared.remove_appointments(&["web-1".into()]), 0);
    assert_eq!(
        find_slots_in(&ChronoTz, &prepared, &request).expect("answers"),
        before
    );
}

fn code_path(e: CodedError) -> (&'static str, String) {
    (e.code, e.path)
}

#[test]
fn errors_name_the_field() {
    let clinic = large_clinic(0, 100);
    let prepared = PreparedClinic::new(&ChronoTz, clinic.clone()).expect("valid");
    let request = find_request(clinic.clone(), "2025-03-12", "2025-03-12", false);
    let mut bare = request.clone();
    bare.clinic = None;
    assert_eq!(
        code_path(find_slots(&ChronoTz, &bare).expect_err("no clinic")),
        (codes::MISSING_CLINIC, "$.clinic".into())
    );
    assert_eq!(
        code_path(find_slots_in(&ChronoTz, &prepared, &request).expect_err("two clinics")),
        (codes::CLINIC_GIVEN_TWICE, "$.clinic".into())
    );
    let plan = plan_request(clinic.clone());
    assert_eq!(
        code_path(plan_series_in(&ChronoTz, &prepared, &plan).expect_err("two clinics")),
        (codes::CLINIC_GIVEN_TWICE, "$.clinic".into())
    );
    let mut no_clinic = plan;
    no_clinic.clinic = None;
    assert_eq!(
        code_path(plan_series(&ChronoTz, &no_clinic).expect_err("no clinic")),
        (codes::MISSING_CLINIC, "$.clinic".into())
    );
    // Query errors keep their request paths.
    let mut unknown = bare.clone();
    unknown.treatment_id = "PHI-987-65-4320".into();
    let e = find_slots_in(&ChronoTz, &prepared, &unknown).expect_err("unknown");
    assert_eq!(
        (e.code, e.path.as_str()),
        (codes::UNKNOWN_TREATMENT, "$.treatmentId")
    );
    assert!(!e.message.contains("PHI"));

    // Clinic errors: rooted at the clinic when prepared, under `$.clinic` in one shot.
    let mut broken = clinic.clone();
    broken.providers[2].hours[0].start = "25:00".into();
    let e = PreparedClinic::new(&ChronoTz, broken.clone()).expect_err("invalid");
    assert_eq!(e.path, "$.providers[2].hours[0].start");
    let mut one_shot = request.clone();
    one_shot.clinic = Some(broken);
    assert_eq!(
        find_slots(&ChronoTz, &one_shot).expect_err("invalid"),
        CodedError {
            path: "$.clinic.providers[2].hours[0].start".into(),
            ..e
        }
    );
    let mut zone = clinic.clone();
    zone.location.zone = "Mars/Olympus".into();
    let e = PreparedClinic::new(&ChronoTz, zone).expect_err("unknown zone");
    assert_eq!(e.path, "$.location.zone");
    // A bad appointment far from the searched days: a one-shot call never reads it, a prepared
    // clinic checks every appointment.
    let mut far = clinic.clone();
    far.appointments[0].start = "2024-01-01T10:00Z".into();
    far.appointments[0].end = "2024-01-01T09:00Z".into();
    let e = PreparedClinic::new(&ChronoTz, far.clone()).expect_err("end before start");
    assert_eq!(
        (e.code, e.path.as_str()),
        (codes::INVALID_RANGE, "$.appointments[0].end")
    );
    let mut far_request = request.clone();
    far_request.clinic = Some(far);
    assert!(find_slots(&ChronoTz, &far_request).is_ok());
}

#[test]
fn updates_are_all_or_nothing_with_paths_into_the_list() {
    let clinic = large_clinic(0, 100);
    let mut prepared = PreparedClinic::new(&ChronoTz, clinic.clone()).expect("valid");
    let good = clinic.appointments[0].clone();
    let mut bad_provider = good.clone();
    bad_provider.provider_id = Some("PHI-987-65-4321".into());
    let e = prepared
        .add_appointments(&ChronoTz, vec![good.clone(), bad_provider])
        .expect_err("unknown provider");
    assert_eq!(
        (e.code, e.path.as_str()),
        (codes::UNKNOWN_PROVIDER, "$.appointments[1].providerId")
    );
    assert!(!e.message.contains("PHI"));
    let mut bad_start = good.clone();
    bad_start.start = "soon".into();
    let e = prepared
        .add_appointments(&ChronoTz, vec![bad_start])
        .expect_err("bad instant");
    assert_eq!(e.path, "$.appointments[0].start");
    let mut bad_resource = good.clone();
    bad_resource.resource_ids = vec!["room0".into(), "room99".into()];
    let e = prepared
        .add_appointments(&ChronoTz, vec![bad_resource])
        .expect_err("unknown room");
    assert_eq!(e.path, "$.appointments[0].resourceIds[1]");
    assert_eq!(prepared.appointment_count(), 100);
    let e = prepared
        .add_appointments(&ChronoTz, vec![good; MAX_APPOINTMENTS])
        .expect_err("too many");
    assert_eq!(
        (e.code, e.path.as_str()),
        (codes::TOO_MANY_APPOINTMENTS, "$.appointments")
    );
    assert_eq!(prepared.appointment_count(), 100);
}

/// A random busy appointment in March 2025 on the large clinic, with an id from a small pool
/// (so that ids repeat and one removal can take several).
fn appointment() -> impl Strategy<Value = Appointment> {
    (
        0i64..21,
        0i64..48,
        prop::sample::select(vec![30i64, 45, 60, 90]),
        0usize..20,
        0usize..8,
        prop::option::of(0usize..4),
        0u32..3,
        0u32..12,
    )
        .prop_map(|(day, quarter, minutes, p, room, laser, buffer, id)| {
            let start = date(2025, 3, 3).and_hms_opt(13, 0, 0).expect("valid")
                + chrono::Duration::days(day)
                + chrono::Duration::minutes(quarter * 15);
            let end = start + chrono::Duration::minutes(minutes);
            let mut resource_ids = vec![format!("room{room}")];
            resource_ids.extend(laser.map(|l| format!("laser{l}")));
            Appointment {
                id: Some(format!("x{id}")),
                start: start.format("%Y-%m-%dT%H:%MZ").to_string(),
                end: end.format("%Y-%m-%dT%H:%MZ").to_string(),
                provider_id: Some(format!("p{p:02}")),
                resource_ids,
                buffer_before_minutes: 0,
                buffer_after_minutes: buffer * 5,
            }
        })
}

#[derive(Debug, Clone)]
enum Update {
    Add(Vec<Appointment>),
    Remove(Vec<String>),
}

fn update() -> impl Strategy<Value = Update> {
    prop_oneof![
        // Small batches take the insertion route, large ones the merge.
        prop::collection::vec(appointment(), 1..5).prop_map(Update::Add),
        prop::collection::vec(appointment(), 30..45).prop_map(Update::Add),
        prop::collection::vec(0u32..12, 1..3)
            .prop_map(|ids| Update::Remove(ids.iter().map(|i| format!("x{i}")).collect())),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    /// After any sequence of updates, a prepared clinic answers as a one-shot call on the
    /// clinic with the resulting appointments.
    #[test]
    fn updates_answer_as_a_fresh_clinic(
        start in prop::collection::vec(appointment(), 0..60),
        updates in prop::collection::vec(update(), 0..6),
        from in 0i64..18,
        days in 0i64..4,
        one_per_start in any::<bool>(),
        preferred in prop::option::of(0usize..20),
    ) {
        let mut clinic = large_clinic(0, 0);
        clinic.appointments = start;
        let mut prepared = PreparedClinic::new(&ChronoTz, clinic.clone()).expect("valid");
        for u in updates {
            match u {
                Update::Add(list) => {
                    prepared.add_appointments(&ChronoTz, list.clone()).expect("valid");
                    clinic.appointments.extend(list);
                }
                Update::Remove(ids) => {
                    let before = clinic.appointments.len();
                    clinic.appointments.retain(|a| !a.id.as_ref().is_some_and(|id| ids.contains(id)));
                    prop_assert_eq!(prepared.remove_appointments(&ids), before - clinic.appointments.len());
                }
            }
        }
        prop_assert_eq!(prepared.appointment_count(), clinic.appointments.len());
        let day = |n: i64| (date(2025, 3, 3) + chrono::Duration::days(n)).format("%Y-%m-%d").to_string();
        let mut request = find_request(clinic.clone(), &day(from), &day(from + days), one_per_start);
        request.preferences.provider_id = preferred.map(|p| format!("p{p:02}"));
        find_both(&prepared, &request);
        // And the same as a clinic prepared from scratch.
        let fresh = PreparedClinic::new(&ChronoTz, clinic.clone()).expect("valid");
        let mut bare = request.clone();
        bare.clinic = None;
        prop_assert_eq!(
            find_slots_in(&ChronoTz, &prepared, &bare),
            find_slots_in(&ChronoTz, &fresh, &bare)
        );
        let mut plan = plan_request(clinic);
        plan.preferences.provider_id = preferred.map(|p| format!("p{p:02}"));
        same(&prepared, &plan, |r| &mut r.clinic, plan_series, plan_series_in);
    }
}
