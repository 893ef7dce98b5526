//! A deterministic large clinic for benchmarks and tests: 20 providers, 8 rooms, 4 devices, a
//! 12-month horizon, a 15-minute step and as many appointments as asked, from a tiny LCG.

#![allow(dead_code, reason = "each test binary uses a different part")]

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use medspa_schedule::*;

/// Knuth's MMIX LCG; the high bits are good enough for test data.
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n.max(1)
    }
}

pub const NOW: &str = "2025-01-06T08:00-05:00";
pub const ZONE: &str = "America/New_York";

fn hours(day: Weekday, start: &str, end: &str) -> OpeningHours {
    OpeningHours {
        day,
        start: start.into(),
        end: end.into(),
    }
}

const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// The large clinic with `past` appointments in the three years before `NOW` and `future` in the
/// twelve months after it.
pub fn large_clinic(past: usize, future: usize) -> Clinic {
    let mut rng = Lcg::new(0x5eed);
    let providers: Vec<Provider> = (0..20)
        .map(|i| {
            let mut qualifications = vec!["RN".to_string()];
            if i % 2 == 0 {
                qualifications.push("laser".into());
            }
            if i % 5 == 0 {
                qualifications.push("MD".into());
            }
            let off = i % 6; // one weekday off (Mon–Sat)
            let hours = WEEK[..6]
                .iter()
                .enumerate()
                .filter(|(d, _)| *d != off)
                .map(|(_, &day)| WorkingHours {
                    day,
                    start: if i % 3 == 0 { "08:00" } else { "10:00" }.into(),
                    end: if i % 3 == 0 { "16:00" } else { "20:00" }.into(),
                    breaks: vec![TimeRange {
                        start: "13:00".into(),
                        end: "13:30".into(),
                    }],
                })
                .collect();
            let exceptions = (0..6)
                .map(|k| ProviderException {
                    date: (date(2025, 2, 3) + Duration::days(i as i64 * 11 + k * 37))
                        .format("%Y-%m-%d")
                        .to_string(),
                    kind: ExceptionKind::TimeOff,
                    start: None,
                    end: None,
                })
                .collect();
            Provider {
                id: format!("p{i:02}"),
                qualifications,
                hours,
                exceptions,
            }
        })
        .collect();
    let mut resources: Vec<Resource> = (0..8)
        .map(|i| Resource {
            id: format!("room{i}"),
            kind: ResourceKind::Room,
            capacity: 1,
            hours: None,
            blocked: vec![],
        })
        .collect();
    resources.extend((0..4).map(|i| Resource {
        id: format!("laser{i}"),
        kind: ResourceKind::Device,
        capacity: 1,
        hours: None,
        blocked: vec![],
    }));
    let treatments = vec![
        Treatment {
            id: "consult".into(),
            duration_minutes: 30,
            buffer_before_minutes: 0,
            buffer_after_minutes: 0,
            qualifications: vec!["MD".into()],
            any_qualification: vec![],
            resources: vec![ResourceNeed {
                kind: ResourceKind::Room,
                any_of: vec![],
            }],
            categories: vec![],
            series: None,
            consultation: None,
        },
        Treatment {
            id: "laser-hair".into(),
            duration_minutes: 45,
            buffer_before_minutes: 10,
            buffer_after_minutes: 15,
            qualifications: vec!["RN".into(), "laser".into()],
            any_qualification: vec![],
            resources: vec![
                ResourceNeed {
                    kind: ResourceKind::Room,
                    any_of: vec![],
                },
                ResourceNeed {
                    kind: ResourceKind::Device,
                    any_of: vec![],
                },
            ],
            categories: vec!["laser".into()],
            series: Some(Series {
                sessions: 6,
                intervals: vec![SessionInterval { min: 28, max: 42 }],
                unit: IntervalUnit::Days,
            }),
            consultation: Some(ConsultationRule {
                treatment_id: "consult".into(),
                max_age_days: 90,
            }),
        },
        Treatment {
            id: "peel".into(),
            duration_minutes: 30,
            buffer_before_minutes: 0,
            buffer_after_minutes: 10,
            qualifications: vec!["RN".into()],
            any_qualification: vec![],
            resources: vec![ResourceNeed {
                kind: ResourceKind::Room,
                any_of: vec![],
            }],
            categories: vec!["peel".into()],
            series: None,
            consultation: None,
        },
    ];
    let mut appointments = Vec::with_capacity(past + future);
    let start = date(2025, 1, 6);
    for (count, first, days) in [
        (past, start - Duration::days(3 * 365), 3 * 365),
        (future, start, 365),
    ] {
        for _ in 0..count {
            let day = first + Duration::days(rng.below(days) as i64);
            let minute = 8 * 60 + 15 * rng.below(44) as i64;
            let length = [30, 45, 60][rng.below(3) as usize];
            // Local wall time written as UTC + 5 h (EST); DST is an hour off, which is fine for
            // synthetic busy time.
            let local = NaiveDateTime::new(day, NaiveTime::MIN) + Duration::minutes(minute);
            let utc = local + Duration::hours(5);
            let fmt = |t: NaiveDateTime| t.format("%Y-%m-%dT%H:%MZ").to_string();
            let mut resource_ids = vec![format!("room{}", rng.below(8))];
            if rng.below(3) == 0 {
                resource_ids.push(format!("laser{}", rng.below(4)));
            }
            appointments.push(Appointment {
                id: None,
                start: fmt(utc),
                end: fmt(utc + Duration::minutes(length)),
                provider_id: Some(format!("p{:02}", rng.below(20))),
                resource_ids,
                buffer_before_minutes: 0,
                buffer_after_minutes: if rng.below(2) == 0 { 10 } else { 0 },
            });
        }
    }
    Clinic {
        location: Location {
            zone: ZONE.into(),
            hours: WEEK[..6]
                .iter()
                .map(|&d| hours(d, "08:00", "20:00"))
                .collect(),
            closed_dates: vec![
                "2025-05-26".into(),
                "2025-07-04".into(),
                "2025-12-25".into(),
            ],
            slot_step_minutes: 15,
            min_notice_minutes: 120,
            horizon_days: 365,
        },
        catalog: Catalog {
            treatments,
            washouts: vec![WashoutRule {
                after: "peel".into(),
                then: "laser".into(),
                days: 14,
            }],
        },
        providers,
        resources,
        appointments,
    }
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

pub fn find_request(clinic: Clinic, from: &str, to: &str, one_per_start: bool) -> FindSlotsRequest {
    FindSlotsRequest {
        clinic: Some(clinic),
        treatment_id: "laser-hair".into(),
        from: from.into(),
        to: to.into(),
        now: NOW.into(),
        client: ClientHistory::default(),
        preferences: Preferences::default(),
        limit: 1_000,
        cursor: None,
        one_per_start,
    }
}

pub fn plan_request(clinic: Clinic) -> PlanSeriesRequest {
    PlanSeriesRequest {
        clinic: Some(clinic),
        treatment_id: "laser-hair".into(),
        now: NOW.into(),
        client: ClientHistory {
            sessions: vec![PastSession {
                treatment_id: "peel".into(),
                start: "2025-01-08T10:00-05:00".into(),
            }],
        },
        preferences: Preferences {
            same_provider: true,
            ..Preferences::default()
        },
    }
}

/// A small clinic as JSON: one zone, Mon–Fri 09:00–17:00, one RN provider with the same hours,
/// one room, one 60-minute treatment `t` needing a room; `patch` is merged in per top-level key
/// of the clinic (location keys are merged one level deeper).
pub fn small_clinic(zone: &str, patch: serde_json::Value) -> serde_json::Value {
    use serde_json::json;
    let week: Vec<serde_json::Value> = ["mon", "tue", "wed", "thu", "fri"]
        .iter()
        .map(|d| json!({"day": d, "start": "09:00", "end": "17:00"}))
        .collect();
    let mut clinic = json!({
        "location": {"zone": zone, "hours": week, "slotStepMinutes": 60},
        "catalog": {"treatments": [
            {"id": "t", "durationMinutes": 60, "qualifications": ["RN"],
             "resources": [{"kind": "room"}]}
        ]},
        "providers": [{"id": "ana", "qualifications": ["RN"], "hours": week}],
        "resources": [{"id": "r1", "kind": "room"}],
        "appointments": []
    });
    if let serde_json::Value::Object(p) = patch {
        for (k, v) in p {
            if k == "location" {
                if let (Some(loc), serde_json::Value::Object(lv)) =
                    (clinic["location"].as_object_mut(), v)
                {
                    for (lk, lvv) in lv {
                        loc.insert(lk, lvv);
                    }
                }
            } else {
                clinic[k] = v;
            }
        }
    }
    clinic
}

/// `find_slots` starts (as text) for a JSON request.
pub fn starts(request: serde_json::Value) -> Vec<String> {
    let request: FindSlotsRequest = serde_json::from_value(request).expect("valid request");
    find_slots(&medspa_zoned::ChronoTz, &request)
        .expect("answers")
        .slots
        .into_iter()
        .map(|s| s.start)
        .collect()
}
