//! Worked membership examples, each checked by hand against a calendar in the comments.

use medspa_billing::membership::{
    membership_charges, membership_charges_in_zone, EventKind, MembershipChargesRequest,
    MembershipStatement,
};
use serde_json::{json, Value};

use EventKind::*;

/// A request from a membership given as JSON, with the window `[from, to)`.
fn request(membership: Value, from: &str, to: &str) -> MembershipChargesRequest {
    let json = json!({ "membership": membership, "from": from, "to": to });
    serde_json::from_value(json).expect("valid request")
}

fn usd(minor: i64) -> Value {
    json!({ "minor": minor, "currency": "USD" })
}

fn monthly(minor: i64) -> Value {
    json!({ "price": usd(minor), "period": "monthly" })
}

fn rows(statement: &MembershipStatement) -> Vec<(String, EventKind, i64)> {
    statement
        .events
        .iter()
        .map(|e| (e.date.to_string(), e.kind, e.amount.minor))
        .collect()
}

/// Runs `membership` over the window and compares every event.
fn check(
    membership: Value,
    from: &str,
    to: &str,
    expected: &[(&str, EventKind, i64)],
) -> MembershipStatement {
    let statement = membership_charges(&request(membership, from, to)).expect("valid membership");
    let expected: Vec<(String, EventKind, i64)> = expected
        .iter()
        .map(|&(d, k, a)| (d.to_string(), k, a))
        .collect();
    assert_eq!(rows(&statement), expected);
    statement
}

#[test]
fn anchor_31_clamps_to_each_month_end() {
    let statement = check(
        json!({ "plan": monthly(10_000), "start": "2025-01-31" }),
        "2025-01-01",
        "2025-06-01",
        &[
            ("2025-01-31", Dues, 10_000),
            ("2025-02-28", Dues, 10_000),
            ("2025-03-31", Dues, 10_000),
            ("2025-04-30", Dues, 10_000),
            ("2025-05-31", Dues, 10_000),
        ],
    );
    assert_eq!(statement.totals.charged.minor, 50_000);
    assert_eq!(statement.totals.net.minor, 50_000);
    let second = &statement.events[1];
    let period = second.period.expect("dues have a period");
    assert_eq!(
        (period.start.to_string(), period.end.to_string()),
        ("2025-02-28".into(), "2025-03-31".into())
    );
    // A leap year: 29 February.
    check(
        json!({ "plan": monthly(10_000), "start": "2024-01-31" }),
        "2024-02-01",
        "2024-04-01",
        &[("2024-02-29", Dues, 10_000), ("2024-03-31", Dues, 10_000)],
    );
}

#[test]
fn a_mid_period_start_is_prorated_by_days() {
    // Anchor 1, start 15 January: [01-15, 02-01) is 17 of January's 31 days.
    // 100.00 × 17 / 31 = 54.8387 → 54.84 half up, 54.83 down.
    let membership = json!({ "plan": monthly(10_000), "start": "2025-01-15", "anchorDay": 1 });
    let statement = check(
        membership.clone(),
        "2025-01-01",
        "2025-03-01",
        &[
            ("2025-01-15", ProratedDues, 5_484),
            ("2025-02-01", Dues, 10_000),
        ],
    );
    let fraction = statement.events[0].fraction.expect("prorated");
    assert_eq!((fraction.used, fraction.whole), (17, 31));
    let mut down = membership;
    down["rounding"] = json!("down");
    check(
        down,
        "2025-01-01",
        "2025-02-01",
        &[("2025-01-15", ProratedDues, 5_483)],
    );

    // Annual: the stub [2025-01-15, 2025-02-01) belongs to the year [2024-02-01, 2025-02-01),
    // 366 days with 29 February 2024: 1200.00 × 17 / 366 = 55.7377 → 55.74.
    check(
        json!({ "plan": { "price": usd(120_000), "period": "annual" }, "start": "2025-01-15", "anchorDay": 1 }),
        "2025-01-01",
        "2026-03-01",
        &[
            ("2025-01-15", ProratedDues, 5_574),
            ("2025-02-01", Dues, 120_000),
            ("2026-02-01", Dues, 120_000),
        ],
    );
}

#[test]
fn without_proration_partial_periods_cost_the_full_price() {
    check(
        json!({ "plan": monthly(10_000), "start": "2025-01-15", "anchorDay": 1, "proration": "none",
                "pauses": [{ "start": "2025-03-10", "end": "2025-04-20" }], "cancelOn": "2025-05-10" }),
        "2025-01-01",
        "2026-01-01",
        // No credits for the pause or the cancellation; April opens on the resume date in full.
        &[
            ("2025-01-15", Dues, 10_000),
            ("2025-02-01", Dues, 10_000),
            ("2025-03-01", Dues, 10_000),
            ("2025-04-20", Dues, 10_000),
            ("2025-05-01", Dues, 10_000),
        ],
    );
}

#[test]
fn cancelling_before_the_minimum_term_costs_the_fee() {
    // Term: 12 months from 2025-01-01, so it ends 2026-01-01. Cancelling on 16 April credits
    // [04-16, 05-01), 15 of April's 30 days: 100.00 × 15 / 30 = 50.00; then the $250 fee.
    let membership = json!({ "plan": monthly(10_000), "start": "2025-01-01", "minimumTermMonths": 12,
                             "earlyTerminationFee": usd(25_000), "cancelOn": "2025-04-16" });
    let statement = check(
        membership.clone(),
        "2025-01-01",
        "2026-01-01",
        &[
            ("2025-01-01", Dues, 10_000),
            ("2025-02-01", Dues, 10_000),
            ("2025-03-01", Dues, 10_000),
            ("2025-04-01", Dues, 10_000),
            ("2025-04-16", CancellationCredit, 5_000),
            ("2025-04-16", EarlyTerminationFee, 25_000),
        ],
    );
    assert_eq!(
        (
            statement.totals.charged.minor,
            statement.totals.credited.minor
        ),
        (65_000, 5_000)
    );
    assert_eq!(statement.totals.net.minor, 60_000);
    let term = statement.events[5].period.expect("the term");
    assert_eq!(term.end.to_string(), "2026-01-01");

    // Cancelling on the term's last day still costs the fee; on its end date it does not.
    let mut late = membership.clone();
    late["cancelOn"] = json!("2025-12-31");
    let kinds: Vec<EventKind> = membership_charges(&request(late, "2025-12-01", "2026-01-01"))
        .unwrap()
        .events
        .iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(kinds, [Dues, CancellationCredit, EarlyTerminationFee]);
    let mut on_time = membership;
    on_time["cancelOn"] = json!("2026-01-01");
    check(
        on_time,
        "2025-12-01",
        "2026-03-01",
        &[("2025-12-01", Dues, 10_000)],
    );
}

#[test]
fn pauses_credit_their_days_and_resume_prorated() {
    // Pause [03-10, 04-20): March was charged on 03-01, so [03-10, 04-01) is credited,
    // 22/31 × 100.00 = 70.9677 → 70.97. April opens on 04-20: [04-20, 05-01) is 11/30 →
    // 36.6667 → 36.67. May is whole. The anchor never moves.
    let statement = check(
        json!({ "plan": monthly(10_000), "start": "2025-01-01",
                "pauses": [{ "start": "2025-03-10", "end": "2025-04-20" }] }),
        "2025-01-01",
        "2025-06-01",
        &[
            ("2025-01-01", Dues, 10_000),
            ("2025-02-01", Dues, 10_000),
            ("2025-03-01", Dues, 10_000),
            ("2025-03-10", PauseCredit, 7_097),
            ("2025-04-20", ProratedDues, 3_667),
            ("2025-05-01", Dues, 10_000),
        ],
    );
    let covers = statement.events[3].covers.expect("credits cover days");
    assert_eq!(
        (covers.start.to_string(), covers.end.to_string()),
        ("2025-03-10".into(), "2025-04-01".into())
    );

    // A pause inside one period credits only its own days: [03-10, 03-20) is 10/31 → 32.26.
    check(
        json!({ "plan": monthly(10_000), "start": "2025-01-01",
                "pauses": [{ "start": "2025-03-10", "end": "2025-03-20" }] }),
        "2025-03-01",
        "2025-05-01",
        &[
            ("2025-03-01", Dues, 10_000),
            ("2025-03-10", PauseCredit, 3_226),
            ("2025-04-01", Dues, 10_000),
        ],
    );

    // A pause from an anchor date: March is not charged until 03-15, then 17/31 → 54.84.
    // An open-ended pause from 05-10 credits 22/31 of May and charges nothing more.
    check(
        json!({ "plan": monthly(10_000), "start": "2025-01-01",
                "pauses": [{ "start": "2025-03-01", "end": "2025-03-15" }, { "start": "2025-05-10" }] }),
        "2025-03-01",
        "2025-09-01",
        &[
            ("2025-03-15", ProratedDues, 5_484),
            ("2025-04-01", Dues, 10_000),
            ("2025-05-01", Dues, 10_000),
            ("2025-05-10", PauseCredit, 7_097),
        ],
    );
}

#[test]
fn a_cancellation_inside_a_pause_credits_only_what_is_left() {
    // Pause [03-10, 03-25) credits 15/31 → 48.387 → 48.39 on 03-10. Cancelling on 03-20 then
    // credits [03-25, 04-01), 7/31 → 22.58. March nets 100 − 48.39 − 22.58 = 29.03 = 9 days.
    check(
        json!({ "plan": monthly(10_000), "start": "2025-01-01", "cancelOn": "2025-03-20",
                "pauses": [{ "start": "2025-03-10", "end": "2025-03-25" }] }),
        "2025-03-01",
        "2025-06-01",
        &[
            ("2025-03-01", Dues, 10_000),
            ("2025-03-10", PauseCredit, 4_839),
            ("2025-03-20", CancellationCredit, 2_258),
        ],
    );
}

#[test]
fn plan_changes_credit_and_charge_separately() {
    // Monthly $100 to annual $1,000 on 03-16. The old period [03-01, 04-01) has 16 days left:
    // 100 × 16/31 = 51.6129 → 51.61. The annual grid starts on the next anchor date, 04-01, so
    // 03-16 lies in [2024-04-01, 2025-04-01), 365 days: 1000 × 16/365 = 43.8356 → 43.84.
    check(
        json!({ "plan": monthly(10_000), "start": "2025-01-01",
                "planChanges": [{ "on": "2025-03-16", "plan": { "price": usd(100_000), "period": "annual" } }] }),
        "2025-03-01",
        "2026-05-01",
        &[
            ("2025-03-01", Dues, 10_000),
            ("2025-03-16", PlanChangeCredit, 5_161),
            ("2025-03-16", PlanChangeCharge, 4_384),
            ("2025-04-01", Dues, 100_000),
            ("2026-04-01", Dues, 100_000),
        ],
    );
    // A change on a billing date needs no credit: the new price simply starts.
    check(
        json!({ "plan": monthly(10_000), "start": "2025-01-01", "proration": "none",
                "planChanges": [{ "on": "2025-03-01", "plan": monthly(15_000) }] }),
        "2025-02-01",
        "2025-04-01",
        &[("2025-02-01", Dues, 10_000), ("2025-03-01", Dues, 15_000)],
    );
}

#[test]
fn a_plan_change_during_a_pause_charges_from_the_resume_date() {
    // Pause [03-10, 04-10) credits [03-10, 04-01) of the old plan, 22/31 → 70.97. The change on
    // 03-20 finds those days credited already, so the old plan owes nothing more. The new plan's
    // April opens on the resume date: [04-10, 05-01) is 21/30 of 200.00 → 140.00.
    check(
        json!({ "plan": monthly(10_000), "start": "2025-01-01",
                "pauses": [{ "start": "2025-03-10", "end": "2025-04-10" }],
                "planChanges": [{ "on": "2025-03-20", "plan": monthly(20_000) }] }),
        "2025-03-01",
        "2025-06-01",
        &[
            ("2025-03-01", Dues, 10_000),
            ("2025-03-10", PauseCredit, 7_097),
            ("2025-04-10", ProratedDues, 14_000),
            ("2025-05-01", Dues, 20_000),
        ],
    );
}

#[test]
fn credits_roll_over_up_to_the_cap_and_expire_oldest_first() {
    // $50 a month, cap $75, anchor 1.
    // 01-01 grant 50 (lots: Jan 50). 01-20 redeem 20 (Jan 30).
    // 02-01 close: 30 ≤ 75, carry 30; grant 50 (Jan 30, Feb 50 = 80).
    // 03-01 close: 80 > 75, the 5 over the cap expire from the oldest lot (Jan 25); carry 75;
    //       grant 50 (Jan 25, Feb 50, Mar 50 = 125).
    // 03-15 redeem 60: Jan's 25 then 35 of Feb (Feb 15, Mar 50 = 65).
    // 04-01 close: carry 65; grant 50 (115).
    let membership = json!({ "plan": monthly(10_000), "start": "2025-01-01",
                             "credits": { "monthly": usd(5_000), "rolloverCap": usd(7_500) } });
    let mut req = request(membership, "2025-01-01", "2025-04-15");
    req.redemptions = serde_json::from_value(json!([
        { "date": "2025-01-20", "amount": usd(2_000) },
        { "date": "2025-03-15", "amount": usd(6_000) },
    ]))
    .unwrap();
    let statement = membership_charges(&req).unwrap();
    let credits: Vec<(String, EventKind, i64)> = rows(&statement)
        .into_iter()
        .filter(|r| !r.1.is_charge())
        .collect();
    let expected = [
        ("2025-01-01", CreditGranted, 5_000),
        ("2025-01-20", CreditRedeemed, 2_000),
        ("2025-02-01", CreditRolledOver, 3_000),
        ("2025-02-01", CreditGranted, 5_000),
        ("2025-03-01", CreditExpired, 500),
        ("2025-03-01", CreditRolledOver, 7_500),
        ("2025-03-01", CreditGranted, 5_000),
        ("2025-03-15", CreditRedeemed, 6_000),
        ("2025-04-01", CreditRolledOver, 6_500),
        ("2025-04-01", CreditGranted, 5_000),
    ];
    assert_eq!(credits, expected.map(|(d, k, a)| (d.to_string(), k, a)));
    assert_eq!(statement.closing_credit_balance.minor, 11_500);
    assert_eq!(statement.totals.credits_granted.minor, 20_000);
    // Dues come first on a shared date.
    assert_eq!(statement.events[0].kind, Dues);

    // A window from 03-10 opens with the balance of 03-01: 125.
    let mut later = req.clone();
    later.from = "2025-03-10".parse().unwrap();
    let statement = membership_charges(&later).unwrap();
    assert_eq!(
        (
            statement.opening_credit_balance.minor,
            statement.closing_credit_balance.minor
        ),
        (12_500, 11_500)
    );
}

#[test]
fn credits_with_a_lifetime_are_spent_before_they_expire() {
    // $50 a month that expire 2 anchor dates after their month began; no cap.
    // 02-10 redeem 60: all of January's 50, then 10 of February's (Feb 40).
    // 03-01: January's lot is gone already, nothing expires; carry 40; grant (Feb 40, Mar 50).
    // 04-01: February's lot expires (40); carry 50; grant. Cancelling on 04-10 expires 100.
    let membership = json!({ "plan": monthly(0), "start": "2025-01-01", "cancelOn": "2025-04-10",
                             "credits": { "monthly": usd(5_000), "expiresAfterMonths": 2 } });
    let mut req = request(membership, "2025-01-01", "2025-05-01");
    req.redemptions =
        serde_json::from_value(json!([{ "date": "2025-02-10", "amount": usd(6_000) }])).unwrap();
    let statement = membership_charges(&req).unwrap();
    let credits: Vec<(String, EventKind, i64)> = rows(&statement)
        .into_iter()
        .filter(|r| !r.1.is_charge() && !r.1.is_billing_credit())
        .collect();
    let expected = [
        ("2025-01-01", CreditGranted, 5_000),
        ("2025-02-01", CreditRolledOver, 5_000),
        ("2025-02-01", CreditGranted, 5_000),
        ("2025-02-10", CreditRedeemed, 6_000),
        ("2025-03-01", CreditRolledOver, 4_000),
        ("2025-03-01", CreditGranted, 5_000),
        ("2025-04-01", CreditExpired, 4_000),
        ("2025-04-01", CreditRolledOver, 5_000),
        ("2025-04-01", CreditGranted, 5_000),
        ("2025-04-10", CreditExpired, 10_000),
    ];
    assert_eq!(credits, expected.map(|(d, k, a)| (d.to_string(), k, a)));
    assert_eq!(statement.closing_credit_balance.minor, 0);
}

#[test]
fn a_zero_cap_means_use_it_or_lose_it_and_pauses_stop_grants() {
    // Paused for all of February: no grant then; January's unused 30 expire on 02-01.
    let membership = json!({ "plan": monthly(0), "start": "2025-01-01",
                             "pauses": [{ "start": "2025-02-01", "end": "2025-03-01" }],
                             "credits": { "monthly": usd(3_000), "rolloverCap": usd(0) } });
    let statement = membership_charges(&request(membership, "2025-01-01", "2025-03-02")).unwrap();
    let credits: Vec<(String, EventKind, i64)> =
        rows(&statement).into_iter().filter(|r| r.2 > 0).collect();
    let expected = [
        ("2025-01-01", CreditGranted, 3_000),
        ("2025-02-01", CreditExpired, 3_000),
        ("2025-03-01", CreditGranted, 3_000),
    ];
    assert_eq!(credits, expected.map(|(d, k, a)| (d.to_string(), k, a)));
}

#[test]
fn seconds_proration_follows_the_clinic_clock() {
    // New York falls back on 2025-11-02: November has 30 days but 721 hours. A start on
    // 11-16 uses [11-16, 12-01) = 15 × 24 = 360 hours: 100.00 × 360 / 721 = 49.9307 → 49.93,
    // where calendar days give 15/30 = 50.00.
    let membership = json!({ "plan": monthly(10_000), "start": "2025-11-16", "anchorDay": 1,
                             "proration": "seconds", "zone": "America/New_York" });
    let req = request(membership, "2025-11-01", "2025-12-02");
    let statement = membership_charges_in_zone(&req, &medspa_zoned::ChronoTz).unwrap();
    assert_eq!(
        rows(&statement),
        [
            ("2025-11-16".into(), ProratedDues, 4_993),
            ("2025-12-01".into(), Dues, 10_000)
        ]
    );
    let err = membership_charges(&req).unwrap_err();
    assert_eq!(
        (err.code, err.path.as_str()),
        ("ZONE_SOURCE_REQUIRED", "$.membership.proration")
    );
    let mut unzoned = req.clone();
    unzoned.membership.zone = None;
    let err = membership_charges_in_zone(&unzoned, &medspa_zoned::ChronoTz).unwrap_err();
    assert_eq!(
        (err.code, err.path.as_str()),
        ("ZONE_REQUIRED", "$.membership.zone")
    );
    let mut unknown = req;
    unknown.membership.zone = Some("Mars/Olympus".into());
    let err = membership_charges_in_zone(&unknown, &medspa_zoned::ChronoTz).unwrap_err();
    assert_eq!(
        (err.code, err.path.as_str()),
        ("UNKNOWN_TIME_ZONE", "$.membership.zone")
    );
    assert!(!err.message.contains("Mars"));
}

#[test]
fn the_member_discount_is_carried_and_the_window_is_half_open() {
    let statement = check(
        json!({ "plan": monthly(10_000), "start": "2025-01-01", "memberDiscount": "15" }),
        "2025-02-01",
        "2025-03-01",
        &[("2025-02-01", Dues, 10_000)],
    );
    assert_eq!(
        statement.member_discount.map(|p| p.to_string()),
        Some("15".into())
    );
    assert_eq!(statement.window.end.to_string(), "2025-03-01");
    // An empty window and a window before the start hold nothing.
    check(
        json!({ "plan": monthly(10_000), "start": "2025-01-01" }),
        "2025-02-01",
        "2025-02-01",
        &[],
    );
    check(
        json!({ "plan": monthly(10_000), "start": "2025-01-01" }),
        "2024-01-01",
        "2025-01-01",
        &[],
    );
}

#[test]
fn caller_mistakes_have_codes_and_paths() {
    let base = json!({ "plan": monthly(10_000), "start": "2025-01-01" });
    let with = |field: &str, value: Value| {
        let mut m = base.clone();
        m[field] = value;
        m
    };
    let cases: Vec<(Value, &str, &str, &str, &str)> = vec![
        (
            base.clone(),
            "2025-02-01",
            "2025-01-01",
            "INVALID_WINDOW",
            "$.to",
        ),
        (
            base.clone(),
            "2025-01-01",
            "2075-01-02",
            "HORIZON_TOO_LONG",
            "$.to",
        ),
        (
            base.clone(),
            "2124-01-01",
            "2125-01-02",
            "HORIZON_TOO_LONG",
            "$.membership.start",
        ),
        (
            with("anchorDay", json!(32)),
            "2025-01-01",
            "2026-01-01",
            "INVALID_ANCHOR_DAY",
            "$.membership.anchorDay",
        ),
        (
            with("plan", monthly(-1)),
            "2025-01-01",
            "2026-01-01",
            "NEGATIVE_AMOUNT",
            "$.membership.plan.price",
        ),
        (
            with(
                "earlyTerminationFee",
                json!({ "minor": 1, "currency": "EUR" }),
            ),
            "2025-01-01",
            "2026-01-01",
            "CURRENCY_MISMATCH",
            "$.membership.earlyTerminationFee.currency",
        ),
        (
            with("minimumTermMonths", json!(1201)),
            "2025-01-01",
            "2026-01-01",
            "INVALID_MINIMUM_TERM",
            "$.membership.minimumTermMonths",
        ),
        (
            with("memberDiscount", json!("100.5")),
            "2025-01-01",
            "2026-01-01",
            "DISCOUNT_OVER_HUNDRED",
            "$.membership.memberDiscount",
        ),
        (
            with(
                "credits",
                json!({ "monthly": usd(1), "expiresAfterMonths": 0 }),
            ),
            "2025-01-01",
            "2026-01-01",
            "INVALID_EXPIRY",
            "$.membership.credits.expiresAfterMonths",
        ),
        (
            with(
                "credits",
                json!({ "monthly": usd(1), "rolloverCap": usd(-5) }),
            ),
            "2025-01-01",
            "2026-01-01",
            "NEGATIVE_AMOUNT",
            "$.membership.credits.rolloverCap",
        ),
        (
            with("pauses", json!([{ "start": "2024-12-31" }])),
            "2025-01-01",
            "2026-01-01",
            "PAUSE_BEFORE_START",
            "$.membership.pauses[0].start",
        ),
        (
            with(
                "pauses",
                json!([{ "start": "2025-02-01", "end": "2025-02-01" }]),
            ),
            "2025-01-01",
            "2026-01-01",
            "INVALID_PAUSE",
            "$.membership.pauses[0].end",
        ),
        (
            with(
                "pauses",
                json!([{ "start": "2025-02-01", "end": "2025-03-01" }, { "start": "2025-02-15" }]),
            ),
            "2025-01-01",
            "2026-01-01",
            "PAUSES_OVERLAP",
            "$.membership.pauses[1].start",
        ),
        (
            with(
                "pauses",
                json!([{ "start": "2025-02-01" }, { "start": "2025-05-01" }]),
            ),
            "2025-01-01",
            "2026-01-01",
            "PAUSES_OVERLAP",
            "$.membership.pauses[1].start",
        ),
        (
            with("cancelOn", json!("2025-01-01")),
            "2025-01-01",
            "2026-01-01",
            "INVALID_CANCEL_DATE",
            "$.membership.cancelOn",
        ),
        (
            with(
                "planChanges",
                json!([{ "on": "2025-01-01", "plan": monthly(1) }]),
            ),
            "2025-01-01",
            "2026-01-01",
            "PLAN_CHANGES_OUT_OF_ORDER",
            "$.membership.planChanges[0].on",
        ),
        (
            with(
                "planChanges",
                json!([{ "on": "2025-03-01", "plan": monthly(1) }, { "on": "2025-02-01", "plan": monthly(1) }]),
            ),
            "2025-01-01",
            "2026-01-01",
            "PLAN_CHANGES_OUT_OF_ORDER",
            "$.membership.planChanges[1].on",
        ),
        (
            with(
                "planChanges",
                json!([{ "on": "2025-03-01", "plan": { "price": { "minor": 1, "currency": "JPY" }, "period": "monthly" } }]),
            ),
            "2025-01-01",
            "2026-01-01",
            "CURRENCY_MISMATCH",
            "$.membership.planChanges[0].plan.price.currency",
        ),
    ];
    for (membership, from, to, code, path) in cases {
        let err = membership_charges(&request(membership, from, to)).unwrap_err();
        assert_eq!((err.code, err.path.as_str()), (code, path), "{err}");
    }
    let mut cancel_first = base.clone();
    cancel_first["cancelOn"] = json!("2025-03-01");
    cancel_first["planChanges"] = json!([{ "on": "2025-03-01", "plan": monthly(1) }]);
    let err = membership_charges(&request(cancel_first, "2025-01-01", "2026-01-01")).unwrap_err();
    assert_eq!(
        (err.code, err.path.as_str()),
        ("PLAN_CHANGE_AFTER_CANCEL", "$.membership.planChanges[0].on")
    );
    let mut off_cycle = base.clone();
    off_cycle["proration"] = json!("none");
    off_cycle["planChanges"] = json!([{ "on": "2025-03-02", "plan": monthly(1) }]);
    let err = membership_charges(&request(off_cycle, "2025-01-01", "2026-01-01")).unwrap_err();
    assert_eq!(
        (err.code, err.path.as_str()),
        ("PLAN_CHANGE_OFF_CYCLE", "$.membership.planChanges[0].on")
    );
    let mut many = base;
    many["pauses"] = Value::Array(
        (0..1001)
            .map(|i| json!({ "start": format!("{}-01-01", 2026 + i) }))
            .collect(),
    );
    let err = membership_charges(&request(many, "2025-01-01", "2026-01-01")).unwrap_err();
    assert_eq!(
        (err.code, err.path.as_str()),
        ("TOO_MANY_PAUSES", "$.membership.pauses")
    );
}

#[test]
fn redemption_mistakes_have_codes_and_paths() {
    let credits = json!({ "plan": monthly(0), "start": "2025-01-01", "cancelOn": "2025-06-01",
                          "credits": { "monthly": usd(5_000) } });
    let cases: Vec<(Value, Value, &str, &str)> = vec![
        (
            credits.clone(),
            json!([{ "date": "2025-01-02", "amount": usd(5_001) }]),
            "CREDIT_OVERDRAWN",
            "$.redemptions[0].amount",
        ),
        (
            credits.clone(),
            json!([{ "date": "2025-01-02", "amount": usd(0) }]),
            "INVALID_AMOUNT",
            "$.redemptions[0].amount",
        ),
        (
            credits.clone(),
            json!([{ "date": "2025-02-02", "amount": usd(1) }, { "date": "2025-02-01", "amount": usd(1) }]),
            "REDEMPTIONS_OUT_OF_ORDER",
            "$.redemptions[1].date",
        ),
        (
            credits.clone(),
            json!([{ "date": "2025-06-01", "amount": usd(1) }]),
            "REDEMPTION_OUTSIDE_MEMBERSHIP",
            "$.redemptions[0].date",
        ),
        (
            credits,
            json!([{ "date": "2025-03-01", "amount": { "minor": 1, "currency": "EUR" } }]),
            "CURRENCY_MISMATCH",
            "$.redemptions[0].amount.currency",
        ),
        (
            json!({ "plan": monthly(0), "start": "2025-01-01" }),
            json!([{ "date": "2025-01-02", "amount": usd(1) }]),
            "NO_CREDITS",
            "$.redemptions",
        ),
    ];
    for (membership, redemptions, code, path) in cases {
        let mut req = request(membership, "2025-01-01", "2025-12-01");
        req.redemptions = serde_json::from_value(redemptions).unwrap();
        let err = membership_charges(&req).unwrap_err();
        assert_eq!((err.code, err.path.as_str()), (code, path), "{err}");
    }
}

#[test]
fn decoding_rejects_unknown_fields_and_bad_dates_without_echoing_them() {
    let decode = |json: &str| {
        medspa_errors::decode::<MembershipChargesRequest, _>(
            &mut serde_json::Deserializer::from_str(json),
        )
    };
    let err = decode(r#"{"membership":{"plan":{"price":{"minor":1,"currency":"USD"},"period":"monthly"},"start":"2025-01-01","anchor":3},"from":"2025-01-01","to":"2025-02-01"}"#).unwrap_err();
    assert_eq!(
        (err.code, err.path.as_str()),
        ("UNKNOWN_FIELD", "$.membership")
    );
    let err = decode(r#"{"membership":{"plan":{"price":{"minor":1,"currency":"USD"},"period":"weekly"},"start":"2025-01-01"},"from":"2025-01-01","to":"2025-02-01"}"#).unwrap_err();
    assert_eq!(
        (err.code, err.path.as_str()),
        ("INVALID_VALUE", "$.membership.plan.period")
    );
    assert!(!err.message.contains("weekly"));
    let err = decode(r#"{"membership":{"plan":{"price":{"minor":1,"currency":"USD"},"period":"monthly"},"start":"2025-02-30"},"from":"2025-01-01","to":"2025-02-01"}"#).unwrap_err();
    assert_eq!(err.path, "$.membership.start");
    assert!(!err.message.contains("2025-02-30"));
    let statement = membership_charges(
        &decode(r#"{"membership":{"plan":{"price":{"minor":1,"currency":"USD"},"period":"monthly"},"start":"2025-01-01"},"from":"2025-01-01","to":"2025-02-01"}"#)
            .unwrap(),
    )
    .unwrap();
    let json = serde_json::to_value(&statement).unwrap();
    assert_eq!(json["events"][0]["kind"], "dues");
    assert_eq!(json["events"][0]["period"]["end"], "2025-02-01");
    assert_eq!(json["totals"]["net"]["minor"], 1);
    assert_eq!(json["openingCreditBalance"]["minor"], 0);
}
