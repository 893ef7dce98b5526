//! Memberships: monthly or annual dues on an anchored billing day, proration, pauses, plan
//! changes, cancellation with a minimum term, and included monthly credits with rollover.
//!
//! [`membership_charges`] lists every charge and credit event of one membership that falls in a
//! window of dates. It plans; it never charges anyone. The conventions, each named in the API
//! where a caller can choose another:
//!
//! - **Billing periods.** Dues are charged in advance for periods `[B, B')` that start on the
//!   anchor day (default: the start date's day of month), clamped to the month's end
//!   (31 Jan → 28 Feb → 31 Mar), each computed from the anchor, never chained. Annual periods
//!   start every 12 months from the first anchored date on or after the plan took effect.
//! - **Opening a period.** A period is charged once, on its first *active* day (inside the
//!   membership, not paused): the full price (`dues`) when that is the period's first day;
//!   otherwise the days from then to the period's end (`prorated_dues`, or
//!   `plan_change_charge` right after a mid-period plan change). A mid-period start is therefore
//!   prorated from the start date. A period with no active day is not charged.
//! - **Proration** (`days`, the default): `price × used / whole` where `used` and `whole` count
//!   local calendar dates, end exclusive, rounded once per event with the membership's
//!   [`Rounding`]. `seconds` counts the seconds between the local midnights of those dates,
//!   resolved in the membership's zone (DST days have 23 or 25 hours; needs
//!   [`membership_charges_in_zone`]). `none`: no proration and no credits: every period with an
//!   active day is charged in full on that day, and plan changes must fall on billing dates.
//! - **Stops credit the unused days of a charged period**, each rounded on its own: a pause
//!   credits its days up to its end or the period's end (`pause_credit`, on the pause's first
//!   day); a cancellation credits the days from the cancellation date to the period's end that no
//!   pause credit already covered (`cancellation_credit`); a plan change credits the old plan the
//!   same way (`plan_change_credit`) and charges the new plan from the change date
//!   (`plan_change_charge`), the two rounded separately as `docs/domain.md` §1 requires.
//! - **Pauses** charge nothing while paused and keep the anchor: a pause that starts mid-period
//!   is credited as above; the resume date opens its period with `prorated_dues` for the rest of
//!   it. An open-ended pause (no `end`) never resumes.
//! - **Cancellation** on `cancelOn` (the first day without service). When it falls before the
//!   minimum term's end (`start + minimumTermMonths`, clamped; pauses do not extend the term),
//!   the `early_termination_fee` is charged on that date.
//! - **Included credits** (an amount of money per month): granted on the first active day of
//!   each monthly period `[A, A')` on the anchor day, whatever the plan's period (not prorated:
//!   a partial month gets a full grant). Each grant is a lot that may expire
//!   `expiresAfterMonths` anchor dates after its month began. At every monthly anchor date the
//!   month closes: lots past their expiry expire, then the balance carried is
//!   `min(closing balance, rolloverCap)` and the rest expires, oldest lots first (FIFO).
//!   Redemptions (input) spend the oldest lots first. Cancellation expires what is left.
//!   Pauses stop grants, not closes. Credits are benefits, not money owed: they are reported
//!   apart from charges.
//! - **Member discount**: carried through to the statement for the cart; not applied here.

use crate::calendar::{add_months_clamped, anchored_in_month, month_index, DateRange};
use crate::{div_round, Currency, Money, Percent, Rounding};
use chrono::{Datelike, NaiveDate, NaiveTime};
use medspa_errors::CodedError;
use medspa_zoned::{resolve_local, ZoneSource};
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// The longest window one call may list: 50 years (600 months).
pub const MAX_WINDOW_MONTHS: i32 = 600;
/// The longest history one call may replay, from the membership's start to the window's end:
/// 100 years. Credits depend on everything since the start, so the whole history is replayed.
pub const MAX_HISTORY_MONTHS: i32 = 1_200;
/// The most pauses, and separately the most plan changes, in one membership.
pub const MAX_PAUSES_OR_CHANGES: usize = 1_000;
/// The most credit redemptions in one request.
pub const MAX_REDEMPTIONS: usize = 10_000;

/// How often dues fall due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum BillingPeriod {
    /// Every month on the anchor day.
    Monthly,
    /// Every 12 months on the anchor day.
    Annual,
}

/// How partial periods are priced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Proration {
    /// `price × days used / days in the period`, local calendar dates, end exclusive.
    #[default]
    Days,
    /// `price × seconds used / seconds in the period`, between local midnights resolved in the
    /// membership's `zone`.
    Seconds,
    /// No proration: full price for any period with an active day, no credits.
    None,
}

/// A plan: its price per period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MembershipPlan {
    /// Dues per period; not negative.
    pub price: Money,
    /// Monthly or annual.
    pub period: BillingPeriod,
}

/// Included monthly credits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreditsPolicy {
    /// Granted each month; not negative.
    pub monthly: Money,
    /// The most carried into a new month; no cap when absent (zero: use it or lose it).
    #[serde(default)]
    pub rollover_cap: Option<Money>,
    /// A grant expires this many monthly anchor dates after its month began (1–1200); never
    /// when absent.
    #[serde(default)]
    pub expires_after_months: Option<u32>,
}

/// A pause: no dues and no credit grants from `start` until `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Pause {
    /// First paused day.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub start: NaiveDate,
    /// The resume date (exclusive end); open-ended when absent.
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(type = "string | null"))]
    pub end: Option<NaiveDate>,
}

/// A switch to another plan from a date on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlanChange {
    /// First day on the new plan.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub on: NaiveDate,
    /// The new plan.
    pub plan: MembershipPlan,
}

/// A membership: its plan, dates and policies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Membership {
    /// The plan at the start.
    pub plan: MembershipPlan,
    /// First day of membership.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub start: NaiveDate,
    /// Billing day of month, 1–31, clamped to short months; defaults to the start's day.
    #[serde(default)]
    pub anchor_day: Option<u32>,
    /// How partial periods are priced; `days` by default.
    #[serde(default)]
    pub proration: Proration,
    /// How prorated amounts are rounded (once per event); `half_up` by default.
    #[serde(default)]
    pub rounding: Rounding,
    /// The clinic's IANA zone, needed by `seconds` proration only.
    #[serde(default)]
    pub zone: Option<String>,
    /// Minimum term in months (0–1200); cancelling earlier incurs the early-termination fee.
    #[serde(default)]
    pub minimum_term_months: u32,
    /// Charged on a cancellation before the minimum term ends.
    #[serde(default)]
    pub early_termination_fee: Option<Money>,
    /// Included monthly credits.
    #[serde(default)]
    pub credits: Option<CreditsPolicy>,
    /// Members' discount on services, carried to the statement for the cart.
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(type = "string | null"))]
    pub member_discount: Option<Percent>,
    /// Pauses in date order, not overlapping.
    #[serde(default)]
    pub pauses: Vec<Pause>,
    /// First day without service; none while the membership runs.
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(type = "string | null"))]
    pub cancel_on: Option<NaiveDate>,
    /// MembershipPlan changes in date order, after the start and before `cancelOn`.
    #[serde(default)]
    pub plan_changes: Vec<PlanChange>,
}

/// A use of included credits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreditRedemption {
    /// When the credits were used.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub date: NaiveDate,
    /// How much; positive.
    pub amount: Money,
}

/// What to list: one membership's events from `from` (inclusive) to `to` (exclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MembershipChargesRequest {
    /// The membership.
    pub membership: Membership,
    /// First day of the window.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub from: NaiveDate,
    /// First day after the window.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub to: NaiveDate,
    /// Credit redemptions in date order, from the start of the membership (earlier ones matter
    /// for the balance).
    #[serde(default)]
    pub redemptions: Vec<CreditRedemption>,
}

/// What happened. Charges: `dues`, `prorated_dues`, `plan_change_charge`,
/// `early_termination_fee`. Credits against dues: `pause_credit`, `cancellation_credit`,
/// `plan_change_credit`. Included credits (benefits, not money owed): `credit_granted`,
/// `credit_redeemed`, `credit_rolled_over` (informational: the balance carried into a new
/// month), `credit_expired`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// A whole period's dues.
    Dues,
    /// Dues for the rest of a period that opened after its first day (start or resume).
    ProratedDues,
    /// The unused, not yet credited days of a period at a pause.
    PauseCredit,
    /// The unused, not yet credited days of a period at cancellation.
    CancellationCredit,
    /// The old plan's unused days at a mid-period plan change.
    PlanChangeCredit,
    /// The new plan's dues from a mid-period plan change to the end of its period.
    PlanChangeCharge,
    /// Cancellation before the minimum term ended.
    EarlyTerminationFee,
    /// A month's included credits.
    CreditGranted,
    /// Included credits used.
    CreditRedeemed,
    /// Included credits carried into a new month (not a change of balance).
    CreditRolledOver,
    /// Included credits lost: past their expiry, above the rollover cap, or at cancellation.
    CreditExpired,
}

impl EventKind {
    /// Whether the member owes this amount.
    pub fn is_charge(self) -> bool {
        matches!(
            self,
            Self::Dues | Self::ProratedDues | Self::PlanChangeCharge | Self::EarlyTerminationFee
        )
    }

    /// Whether this amount reduces what the member owes.
    pub fn is_billing_credit(self) -> bool {
        matches!(
            self,
            Self::PauseCredit | Self::CancellationCredit | Self::PlanChangeCredit
        )
    }
}

/// The unit proration counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum ProrationUnit {
    /// Calendar days.
    Days,
    /// Seconds between local midnights.
    Seconds,
}

/// The share of a period an amount is for: `amount = round(price × used / whole)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ProrationFraction {
    /// Days or seconds the amount covers.
    pub used: i64,
    /// Days or seconds in the whole period.
    pub whole: i64,
    /// Days or seconds.
    pub unit: ProrationUnit,
}

/// One charge, credit or included-credit movement. `amount` is never negative: `kind` says
/// which way it goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct MembershipEvent {
    /// When it happens.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub date: NaiveDate,
    /// What it is.
    pub kind: EventKind,
    /// How much; never negative.
    pub amount: Money,
    /// The billing period (or, for included credits, the month) it belongs to.
    #[cfg_attr(feature = "ts", tsify(type = "DateRange | null"))]
    pub period: Option<DateRange>,
    /// The days it pays for or credits, inside `period`.
    #[cfg_attr(feature = "ts", tsify(type = "DateRange | null"))]
    pub covers: Option<DateRange>,
    /// For prorated amounts, the share of `period` it is for.
    #[cfg_attr(feature = "ts", tsify(type = "ProrationFraction | null"))]
    pub fraction: Option<ProrationFraction>,
}

/// Sums over the window's events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct MembershipTotals {
    /// Dues, prorated dues, plan-change charges and early-termination fees.
    pub charged: Money,
    /// Pause, cancellation and plan-change credits.
    pub credited: Money,
    /// `charged − credited`; negative when credits outweigh charges.
    pub net: Money,
    /// Included credits granted.
    pub credits_granted: Money,
    /// Included credits used.
    pub credits_redeemed: Money,
    /// Included credits lost.
    pub credits_expired: Money,
}

/// A membership's events in a window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct MembershipStatement {
    /// The window `[from, to)`.
    pub window: DateRange,
    /// The events dated inside the window, by date; on one date, billing events come before
    /// included-credit movements.
    pub events: Vec<MembershipEvent>,
    /// Sums of `events`.
    pub totals: MembershipTotals,
    /// Included credits available at the start of `from`.
    pub opening_credit_balance: Money,
    /// Included credits available at the end of the window:
    /// `opening + granted − redeemed − expired`.
    pub closing_credit_balance: Money,
    /// The membership's discount, carried for the cart.
    #[cfg_attr(feature = "ts", tsify(type = "string | null"))]
    pub member_discount: Option<Percent>,
}

/// Lists a membership's charges, credits and included-credit movements dated in
/// `[request.from, request.to)`, by the conventions of this module. `seconds` proration needs a
/// time-zone source: use [`membership_charges_in_zone`] (this function reports
/// `ZONE_SOURCE_REQUIRED`).
///
/// Errors (code at path): `INVALID_WINDOW` and `HORIZON_TOO_LONG` at `$.to`;
/// `HORIZON_TOO_LONG` at `$.membership.start` (more than 100 years replayed);
/// `INVALID_ANCHOR_DAY` at `$.membership.anchorDay`; `NEGATIVE_AMOUNT`, `AMOUNT_TOO_LARGE`
/// and `CURRENCY_MISMATCH` at the amount concerned; `INVALID_MINIMUM_TERM`;
/// `DISCOUNT_OVER_HUNDRED`; `INVALID_EXPIRY`; `TOO_MANY_PAUSES`, `PAUSE_BEFORE_START`,
/// `INVALID_PAUSE`, `PAUSES_OVERLAP` at `$.membership.pauses[i]…`; `INVALID_CANCEL_DATE`;
/// `TOO_MANY_PLAN_CHANGES`, `PLAN_CHANGES_OUT_OF_ORDER`, `PLAN_CHANGE_AFTER_CANCEL`,
/// `PLAN_CHANGE_OFF_CYCLE` (proration `none`) at `$.membership.planChanges[i]…`;
/// `TOO_MANY_REDEMPTIONS`, `NO_CREDITS`, `INVALID_AMOUNT`, `REDEMPTIONS_OUT_OF_ORDER`,
/// `REDEMPTION_OUTSIDE_MEMBERSHIP`, `CREDIT_OVERDRAWN` at `$.redemptions[i]…`;
/// `ZONE_SOURCE_REQUIRED` at `$.membership.proration`; `DATE_OUT_OF_RANGE` at `$`.
///
/// Worked example: $100.00 a month from 31 January 2025 (anchor day 31), moving to a $120.00
/// plan on 15 March. Dues fall on 01-31 and 02-28 (clamped). The period holding 15 March is
/// `[02-28, 03-31)`, 31 days; on 15 March the old plan is credited for the 16 days left,
/// `100 × 16 / 31 = 51.6129 → 51.61`, and the new plan charged `120 × 16 / 31 = 61.9355 →
/// 61.94`, rounded separately. From 31 March on, $120.00 on each anchor date.
///
/// ```
/// use medspa_billing::membership::{membership_charges, EventKind, MembershipChargesRequest};
/// let request: MembershipChargesRequest = serde_json::from_str(r#"{
///   "membership": {
///     "plan": {"price": {"minor": 10000, "currency": "USD"}, "period": "monthly"},
///     "start": "2025-01-31",
///     "planChanges": [{"on": "2025-03-15",
///                      "plan": {"price": {"minor": 12000, "currency": "USD"}, "period": "monthly"}}]
///   },
///   "from": "2025-01-01", "to": "2025-05-01"
/// }"#).unwrap();
/// let statement = membership_charges(&request)?;
/// let rows: Vec<(String, EventKind, i64)> = statement.events.iter()
///     .map(|e| (e.date.to_string(), e.kind, e.amount.minor)).collect();
/// assert_eq!(rows, [
///     ("2025-01-31".into(), EventKind::Dues, 10_000),
///     ("2025-02-28".into(), EventKind::Dues, 10_000),
///     ("2025-03-15".into(), EventKind::PlanChangeCredit, 5_161),
///     ("2025-03-15".into(), EventKind::PlanChangeCharge, 6_194),
///     ("2025-03-31".into(), EventKind::Dues, 12_000),
///     ("2025-04-30".into(), EventKind::Dues, 12_000),
/// ]);
/// assert_eq!(statement.totals.net.minor, 10_000 + 10_000 - 5_161 + 6_194 + 12_000 + 12_000);
/// # Ok::<(), medspa_errors::CodedError>(())
/// ```
pub fn membership_charges(
    request: &MembershipChargesRequest,
) -> Result<MembershipStatement, CodedError> {
    if request.membership.proration == Proration::Seconds {
        return Err(CodedError::new(
            "ZONE_SOURCE_REQUIRED",
            "$.membership.proration",
            "seconds proration needs a time-zone source: call membership_charges_in_zone",
        ));
    }
    statement(request, Clock::Days)
}

/// [`membership_charges`] with a time-zone source, for `seconds` proration: local midnights of
/// the dates involved are resolved in `membership.zone` (a midnight inside a DST gap moves
/// forward by the gap, as everywhere in medspa-kit) and periods are measured in seconds between
/// them. With `days` or `none` proration the zone source is not consulted.
///
/// Errors: those of [`membership_charges`], plus `ZONE_REQUIRED` at `$.membership.zone` when
/// `seconds` proration has no zone, and the zone source's codes (such as `UNKNOWN_TIME_ZONE`) at
/// `$.membership.zone`.
///
/// Worked example: $100.00 a month anchored on the 1st in New York, starting 10 March 2025 (the
/// day after clocks sprang forward). March 2025 has 31 days but 743 hours, and 10–31 March has
/// 22 × 24 = 528 hours: `100 × 528 / 743 = 71.06` by the clock, against
/// `100 × 22 / 31 = 70.97` by the calendar.
///
/// ```
/// use medspa_billing::membership::{membership_charges_in_zone, MembershipChargesRequest};
/// let request: MembershipChargesRequest = serde_json::from_str(r#"{
///   "membership": {
///     "plan": {"price": {"minor": 10000, "currency": "USD"}, "period": "monthly"},
///     "start": "2025-03-10", "anchorDay": 1,
///     "proration": "seconds", "zone": "America/New_York"
///   },
///   "from": "2025-03-01", "to": "2025-04-01"
/// }"#).unwrap();
/// let statement = membership_charges_in_zone(&request, &medspa_zoned::ChronoTz)?;
/// assert_eq!(statement.events[0].amount.minor, 7_106);
/// let fraction = statement.events[0].fraction.unwrap();
/// assert_eq!((fraction.used, fraction.whole), (528 * 3600, 743 * 3600));
/// # Ok::<(), medspa_errors::CodedError>(())
/// ```
pub fn membership_charges_in_zone(
    request: &MembershipChargesRequest,
    zones: &dyn ZoneSource,
) -> Result<MembershipStatement, CodedError> {
    let clock = match (request.membership.proration, &request.membership.zone) {
        (Proration::Seconds, Some(zone)) => Clock::Seconds { zones, zone },
        (Proration::Seconds, None) => {
            return Err(CodedError::new(
                "ZONE_REQUIRED",
                "$.membership.zone",
                "seconds proration needs the clinic's IANA time zone",
            ))
        }
        _ => Clock::Days,
    };
    statement(request, clock)
}

fn statement(
    request: &MembershipChargesRequest,
    clock: Clock<'_>,
) -> Result<MembershipStatement, CodedError> {
    let ledger = Ledger::new(request, clock)?;
    let mut events = Vec::new();
    ledger.billing_events(&mut events)?;
    let mut credit_events = Vec::new();
    if let Some(policy) = &request.membership.credits {
        ledger.credit_events(policy, &request.redemptions, &mut credit_events)?;
    }
    let (opening, closing) = credit_balances(&credit_events, request.from)?;
    // Billing events were appended first, so the stable sort keeps them ahead on a shared date.
    events.append(&mut credit_events);
    events.sort_by_key(|e| e.date);
    events.retain(|e| request.from <= e.date && e.date < request.to);
    let totals = totals(&events, ledger.currency)?;
    Ok(MembershipStatement {
        window: DateRange {
            start: request.from,
            end: request.to,
        },
        events,
        totals,
        opening_credit_balance: Money::new(opening, ledger.currency),
        closing_credit_balance: Money::new(closing, ledger.currency),
        member_discount: request.membership.member_discount,
    })
}

/// How periods are measured for proration.
#[derive(Clone, Copy)]
enum Clock<'a> {
    Days,
    Seconds {
        zones: &'a dyn ZoneSource,
        zone: &'a str,
    },
}

impl Clock<'_> {
    fn unit(&self) -> ProrationUnit {
        match self {
            Clock::Days => ProrationUnit::Days,
            Clock::Seconds { .. } => ProrationUnit::Seconds,
        }
    }

    /// The length of `[start, end)` in this clock's unit.
    fn span(&self, start: NaiveDate, end: NaiveDate) -> Result<i64, CodedError> {
        match self {
            Clock::Days => Ok(crate::calendar::days_between(start, end)),
            Clock::Seconds { zones, zone } => {
                let midnight = |date: NaiveDate| {
                    resolve_local(*zones, zone, date.and_time(NaiveTime::MIN))
                        .map(|r| r.instant.timestamp())
                        .map_err(|e| e.under("$.membership.zone"))
                };
                Ok(midnight(end)? - midnight(start)?)
            }
        }
    }
}

fn out_of_range() -> CodedError {
    CodedError::new(
        "DATE_OUT_OF_RANGE",
        "$",
        "the dates fall outside the supported calendar",
    )
}

fn anchored(month: i64, anchor: u32) -> Result<NaiveDate, CodedError> {
    anchored_in_month(month, anchor).ok_or_else(out_of_range)
}

/// The billing periods of one plan: every `months` months on the anchor day, counted from the
/// month `base` (a month index, see [`month_index`]).
#[derive(Clone, Copy)]
struct Grid {
    months: i64,
    base: i64,
    anchor: u32,
}

impl Grid {
    /// The grid of a plan that takes effect on `start`: periods begin on the first anchored date
    /// on or after `start`, and every `months` months from it.
    fn new(period: BillingPeriod, anchor: u32, start: NaiveDate) -> Result<Self, CodedError> {
        let months = match period {
            BillingPeriod::Monthly => 1,
            BillingPeriod::Annual => 12,
        };
        let month = month_index(start);
        let base = if anchored(month, anchor)? >= start {
            month
        } else {
            month + 1
        };
        Ok(Self {
            months,
            base,
            anchor,
        })
    }

    /// The month index of the period that holds `date`.
    fn index_of(&self, date: NaiveDate) -> Result<i64, CodedError> {
        let mut index =
            self.base + (month_index(date) - self.base).div_euclid(self.months) * self.months;
        if anchored(index, self.anchor)? > date {
            index -= self.months;
        }
        Ok(index)
    }

    fn period(&self, index: i64) -> Result<DateRange, CodedError> {
        Ok(DateRange {
            start: anchored(index, self.anchor)?,
            end: anchored(index + self.months, self.anchor)?,
        })
    }

    fn period_of(&self, date: NaiveDate) -> Result<DateRange, CodedError> {
        self.period(self.index_of(date)?)
    }
}

/// One plan in force from `start` until the next segment's start.
struct Segment {
    start: NaiveDate,
    price: i64,
    grid: Grid,
}

/// A validated request, ready to replay.
struct Ledger<'a> {
    currency: Currency,
    start: NaiveDate,
    cancel: Option<NaiveDate>,
    anchor: u32,
    pauses: &'a [Pause],
    segments: Vec<Segment>,
    proration: Proration,
    rounding: Rounding,
    clock: Clock<'a>,
    term_end: Option<NaiveDate>,
    termination_fee: i64,
    from: NaiveDate,
    to: NaiveDate,
}

impl<'a> Ledger<'a> {
    fn new(request: &'a MembershipChargesRequest, clock: Clock<'a>) -> Result<Self, CodedError> {
        let m = &request.membership;
        let currency = m.plan.price.currency;
        let price = Money::non_negative_in(&m.plan.price, currency, "$.membership.plan.price")?;
        check_window(request)?;
        let anchor = m.anchor_day.unwrap_or_else(|| m.start.day());
        if !(1..=31).contains(&anchor) {
            return Err(CodedError::new(
                "INVALID_ANCHOR_DAY",
                "$.membership.anchorDay",
                "the anchor day must be 1 to 31",
            ));
        }
        check_pauses(m)?;
        if m.cancel_on.is_some_and(|cancel| cancel <= m.start) {
            return Err(CodedError::new(
                "INVALID_CANCEL_DATE",
                "$.membership.cancelOn",
                "the cancellation date must be after the start date",
            ));
        }
        let (term_end, termination_fee) = termination(m, currency)?;
        check_member_discount(m)?;
        if let Some(policy) = &m.credits {
            check_credits(policy, currency)?;
        }
        if m.plan_changes.len() > MAX_PAUSES_OR_CHANGES {
            return Err(CodedError::new(
                "TOO_MANY_PLAN_CHANGES",
                "$.membership.planChanges",
                format!("at most {MAX_PAUSES_OR_CHANGES} plan changes are allowed"),
            ));
        }
        let mut segments = vec![Segment {
            start: m.start,
            price,
            grid: Grid::new(m.plan.period, anchor, m.start)?,
        }];
        for (i, change) in m.plan_changes.iter().enumerate() {
            segments.push(plan_change_segment(m, i, change, anchor, segments.last())?);
        }
        check_redemptions(request, currency)?;
        Ok(Self {
            currency,
            start: m.start,
            cancel: m.cancel_on,
            anchor,
            pauses: &m.pauses,
            segments,
            proration: m.proration,
            rounding: m.rounding,
            clock,
            term_end,
            termination_fee,
            from: request.from,
            to: request.to,
        })
    }
}

fn check_window(request: &MembershipChargesRequest) -> Result<(), CodedError> {
    if request.to < request.from {
        return Err(CodedError::new(
            "INVALID_WINDOW",
            "$.to",
            "the window's end must not be before its start",
        ));
    }
    // Near the end of the calendar the limit itself does not exist; the window is then short anyway.
    if add_months_clamped(request.from, MAX_WINDOW_MONTHS).is_some_and(|limit| request.to > limit) {
        return Err(CodedError::new(
            "HORIZON_TOO_LONG",
            "$.to",
            "the window may span at most 50 years",
        ));
    }
    if add_months_clamped(request.membership.start, MAX_HISTORY_MONTHS)
        .is_some_and(|limit| request.to > limit)
    {
        return Err(CodedError::new(
            "HORIZON_TOO_LONG",
            "$.membership.start",
            "the window must end within 100 years of the membership's start",
        ));
    }
    Ok(())
}

fn check_pauses(m: &Membership) -> Result<(), CodedError> {
    if m.pauses.len() > MAX_PAUSES_OR_CHANGES {
        return Err(CodedError::new(
            "TOO_MANY_PAUSES",
            "$.membership.pauses",
            format!("at most {MAX_PAUSES_OR_CHANGES} pauses are allowed"),
        ));
    }
    // The previous pause's end; `None` once an open-ended pause has been seen.
    let mut previous_end = Some(m.start);
    for (i, pause) in m.pauses.iter().enumerate() {
        let path = format!("$.membership.pauses[{i}]");
        if pause.start < m.start {
            return Err(CodedError::new(
                "PAUSE_BEFORE_START",
                format!("{path}.start"),
                "a pause cannot start before the membership",
            ));
        }
        if pause.end.is_some_and(|end| end <= pause.start) {
            return Err(CodedError::new(
                "INVALID_PAUSE",
                format!("{path}.end"),
                "a pause must end after it starts",
            ));
        }
        if previous_end.is_none_or(|end| pause.start < end) {
            return Err(CodedError::new(
                "PAUSES_OVERLAP",
                format!("{path}.start"),
                "pauses must be in date order and must not overlap",
            ));
        }
        previous_end = pause.end;
    }
    Ok(())
}

/// The minimum term's end and the fee for leaving before it (zero when none applies).
fn termination(m: &Membership, currency: Currency) -> Result<(Option<NaiveDate>, i64), CodedError> {
    if m.minimum_term_months > MAX_HISTORY_MONTHS.unsigned_abs() {
        return Err(CodedError::new(
            "INVALID_MINIMUM_TERM",
            "$.membership.minimumTermMonths",
            "the minimum term may be at most 1200 months",
        ));
    }
    let fee = match &m.early_termination_fee {
        Some(fee) => Money::non_negative_in(fee, currency, "$.membership.earlyTerminationFee")?,
        None => 0,
    };
    if m.minimum_term_months == 0 {
        return Ok((None, fee));
    }
    let months = i32::try_from(m.minimum_term_months).map_err(|_| out_of_range())?;
    Ok((
        Some(add_months_clamped(m.start, months).ok_or_else(out_of_range)?),
        fee,
    ))
}

fn check_member_discount(m: &Membership) -> Result<(), CodedError> {
    if m.member_discount.is_some_and(Percent::exceeds_hundred) {
        return Err(CodedError::new(
            "DISCOUNT_OVER_HUNDRED",
            "$.membership.memberDiscount",
            "a member discount may be at most 100 percent",
        ));
    }
    Ok(())
}

fn check_credits(policy: &CreditsPolicy, currency: Currency) -> Result<(), CodedError> {
    Money::non_negative_in(&policy.monthly, currency, "$.membership.credits.monthly")?;
    if let Some(cap) = &policy.rollover_cap {
        Money::non_negative_in(cap, currency, "$.membership.credits.rolloverCap")?;
    }
    if policy
        .expires_after_months
        .is_some_and(|months| !(1..=MAX_HISTORY_MONTHS.unsigned_abs()).contains(&months))
    {
        return Err(CodedError::new(
            "INVALID_EXPIRY",
            "$.membership.credits.expiresAfterMonths",
            "credits may expire after 1 to 1200 months",
        ));
    }
    Ok(())
}

/// Checks plan change `i` against the one before it and builds its segment.
fn plan_change_segment(
    m: &Membership,
    i: usize,
    change: &PlanChange,
    anchor: u32,
    previous: Option<&Segment>,
) -> Result<Segment, CodedError> {
    let path = format!("$.membership.planChanges[{i}]");
    let price = Money::non_negative_in(
        &change.plan.price,
        m.plan.price.currency,
        &format!("{path}.plan.price"),
    )?;
    let Some(previous) = previous else {
        return Err(out_of_range());
    };
    if change.on <= previous.start {
        return Err(CodedError::new(
            "PLAN_CHANGES_OUT_OF_ORDER",
            format!("{path}.on"),
            "plan changes must be after the start and in strictly increasing date order",
        ));
    }
    if m.cancel_on.is_some_and(|cancel| change.on >= cancel) {
        return Err(CodedError::new(
            "PLAN_CHANGE_AFTER_CANCEL",
            format!("{path}.on"),
            "a plan change must come before the cancellation date",
        ));
    }
    // Without proration nothing is credited, so a change must wait for a billing date.
    if m.proration == Proration::None && previous.grid.period_of(change.on)?.start != change.on {
        return Err(CodedError::new(
            "PLAN_CHANGE_OFF_CYCLE",
            format!("{path}.on"),
            "without proration a plan change must fall on a billing date of the plan it replaces",
        ));
    }
    Ok(Segment {
        start: change.on,
        price,
        grid: Grid::new(change.plan.period, anchor, change.on)?,
    })
}

fn check_redemptions(
    request: &MembershipChargesRequest,
    currency: Currency,
) -> Result<(), CodedError> {
    let redemptions = &request.redemptions;
    if redemptions.len() > MAX_REDEMPTIONS {
        return Err(CodedError::new(
            "TOO_MANY_REDEMPTIONS",
            "$.redemptions",
            format!("at most {MAX_REDEMPTIONS} redemptions are allowed"),
        ));
    }
    if !redemptions.is_empty() && request.membership.credits.is_none() {
        return Err(CodedError::new(
            "NO_CREDITS",
            "$.redemptions",
            "the membership includes no credits to redeem",
        ));
    }
    let m = &request.membership;
    for (i, redemption) in redemptions.iter().enumerate() {
        let path = format!("$.redemptions[{i}]");
        if Money::non_negative_in(&redemption.amount, currency, &format!("{path}.amount"))? == 0 {
            return Err(CodedError::new(
                "INVALID_AMOUNT",
                format!("{path}.amount"),
                "a redemption must be positive",
            ));
        }
        if i > 0
            && redemptions
                .get(i - 1)
                .is_some_and(|before| before.date > redemption.date)
        {
            return Err(CodedError::new(
                "REDEMPTIONS_OUT_OF_ORDER",
                format!("{path}.date"),
                "redemptions must be in date order",
            ));
        }
        if redemption.date < m.start || m.cancel_on.is_some_and(|cancel| redemption.date >= cancel)
        {
            return Err(CodedError::new(
                "REDEMPTION_OUTSIDE_MEMBERSHIP",
                format!("{path}.date"),
                "credits can be redeemed only while the membership runs",
            ));
        }
    }
    Ok(())
}

impl Ledger<'_> {
    /// The first day in `[from, until)` that is inside the membership and not paused.
    fn first_active(&self, from: NaiveDate, until: NaiveDate) -> Option<NaiveDate> {
        let mut day = from.max(self.start);
        // Pauses are in order and disjoint: skip those over before `day`, then hop over any
        // that cover it (adjacent pauses chain).
        let first = self
            .pauses
            .partition_point(|p| p.end.is_some_and(|end| end <= day));
        for pause in self.pauses.get(first..).unwrap_or_default() {
            if pause.start > day {
                break;
            }
            day = pause.end?;
        }
        let until = self.cancel.map_or(until, |cancel| cancel.min(until));
        (day < until).then_some(day)
    }

    /// Pauses that start strictly inside `(after, before)`.
    fn pauses_starting_in(
        &self,
        after: NaiveDate,
        before: NaiveDate,
    ) -> impl Iterator<Item = &Pause> {
        let first = self.pauses.partition_point(|p| p.start <= after);
        self.pauses
            .get(first..)
            .unwrap_or_default()
            .iter()
            .take_while(move |p| p.start < before)
    }

    /// `price × span(covers) / span(period)`, rounded once, with its fraction.
    fn prorate(
        &self,
        price: i64,
        covers: DateRange,
        period: DateRange,
    ) -> Result<(i64, ProrationFraction), CodedError> {
        let used = self.clock.span(covers.start, covers.end)?;
        let whole = self.clock.span(period.start, period.end)?;
        let exact = div_round(
            i128::from(price) * i128::from(used),
            i128::from(whole),
            self.rounding,
        );
        let minor = exact
            .and_then(|v| i64::try_from(v).ok())
            .ok_or_else(out_of_range)?;
        Ok((
            minor,
            ProrationFraction {
                used,
                whole,
                unit: self.clock.unit(),
            },
        ))
    }

    fn event(
        &self,
        date: NaiveDate,
        kind: EventKind,
        minor: i64,
        period: Option<DateRange>,
    ) -> MembershipEvent {
        MembershipEvent {
            date,
            kind,
            amount: Money::new(minor, self.currency),
            period,
            covers: None,
            fraction: None,
        }
    }

    /// A prorated charge or credit for `covers`, part of `period`.
    fn prorated(
        &self,
        date: NaiveDate,
        kind: EventKind,
        price: i64,
        covers: DateRange,
        period: DateRange,
    ) -> Result<MembershipEvent, CodedError> {
        let (minor, fraction) = self.prorate(price, covers, period)?;
        Ok(MembershipEvent {
            covers: Some(covers),
            fraction: Some(fraction),
            ..self.event(date, kind, minor, Some(period))
        })
    }

    /// Dues, prorated dues, stop credits and plan-change charges, then the termination fee.
    fn billing_events(&self, out: &mut Vec<MembershipEvent>) -> Result<(), CodedError> {
        for (i, segment) in self.segments.iter().enumerate() {
            let next = self.segments.get(i + 1).map(|s| s.start);
            // The plan stops at the next change or at cancellation, whichever comes first.
            let stop = match (next, self.cancel) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            let limit = stop.map_or(self.to, |s| s.min(self.to));
            if segment.start >= limit {
                break;
            }
            // Periods that end before the window cannot hold an event in it.
            let mut index = segment.grid.index_of(segment.start.max(self.from))?;
            loop {
                let period = segment.grid.period(index)?;
                if period.start >= limit {
                    break;
                }
                index += segment.grid.months;
                let opening_from = period.start.max(segment.start);
                let charge_until = stop.map_or(period.end, |s| s.min(period.end));
                let Some(opened) = self.first_active(opening_from, charge_until) else {
                    continue;
                };
                if opened >= self.to {
                    break;
                }
                out.push(self.opening(i, segment, period, opened)?);
                if self.proration != Proration::None {
                    self.stops(segment, period, opened, stop, next, out)?;
                }
            }
        }
        self.termination_fee(out);
        Ok(())
    }

    /// The charge that opens `period` on its first active day.
    fn opening(
        &self,
        i: usize,
        segment: &Segment,
        period: DateRange,
        opened: NaiveDate,
    ) -> Result<MembershipEvent, CodedError> {
        let covers = DateRange {
            start: opened,
            end: period.end,
        };
        if self.proration == Proration::None || opened == period.start {
            let event = self.event(opened, EventKind::Dues, segment.price, Some(period));
            return Ok(MembershipEvent {
                covers: Some(covers),
                ..event
            });
        }
        let kind = if i > 0 && opened == segment.start {
            EventKind::PlanChangeCharge
        } else {
            EventKind::ProratedDues
        };
        self.prorated(opened, kind, segment.price, covers, period)
    }

    /// Credits for a charged period's unused days: each pause that starts in it, then the plan
    /// change or cancellation that ends the plan inside it.
    fn stops(
        &self,
        segment: &Segment,
        period: DateRange,
        opened: NaiveDate,
        stop: Option<NaiveDate>,
        next: Option<NaiveDate>,
        out: &mut Vec<MembershipEvent>,
    ) -> Result<(), CodedError> {
        let bound = stop.map_or(period.end, |s| s.min(period.end));
        let mut credited_until = opened;
        for pause in self.pauses_starting_in(opened, bound) {
            let end = pause.end.map_or(period.end, |e| e.min(period.end));
            let covers = DateRange {
                start: pause.start,
                end,
            };
            out.push(self.prorated(
                pause.start,
                EventKind::PauseCredit,
                segment.price,
                covers,
                period,
            )?);
            credited_until = end;
        }
        let Some(stop) = stop.filter(|s| *s < period.end) else {
            return Ok(());
        };
        // Days a pause credit already covered are not credited twice.
        let covers = DateRange {
            start: stop.max(credited_until),
            end: period.end,
        };
        if covers.days() > 0 {
            let kind = if next == Some(stop) {
                EventKind::PlanChangeCredit
            } else {
                EventKind::CancellationCredit
            };
            out.push(self.prorated(stop, kind, segment.price, covers, period)?);
        }
        Ok(())
    }

    fn termination_fee(&self, out: &mut Vec<MembershipEvent>) {
        if let (Some(cancel), Some(term_end)) = (self.cancel, self.term_end) {
            if cancel < term_end && self.termination_fee > 0 {
                let term = DateRange {
                    start: self.start,
                    end: term_end,
                };
                out.push(self.event(
                    cancel,
                    EventKind::EarlyTerminationFee,
                    self.termination_fee,
                    Some(term),
                ));
            }
        }
    }
}

/// A grant of included credits, spent and expired oldest first.
struct Lot {
    minor: i128,
    expires: Option<NaiveDate>,
}

/// The included-credit account while it is replayed. The balance is kept alongside the lots
/// (in i128: a century of grants near the amount limit would overflow i64).
struct Credits<'r> {
    lots: VecDeque<Lot>,
    balance: i128,
    redemptions: std::iter::Peekable<std::iter::Enumerate<std::slice::Iter<'r, CreditRedemption>>>,
}

impl Credits<'_> {
    fn grant(&mut self, minor: i64, expires: Option<NaiveDate>) {
        self.lots.push_back(Lot {
            minor: i128::from(minor),
            expires,
        });
        self.balance += i128::from(minor);
    }

    /// Removes the lots whose expiry is on or before `date` and returns their sum. Lots
    /// expire in grant order, so they are at the front.
    fn expire_through(&mut self, date: NaiveDate) -> i128 {
        let mut expired = 0;
        while let Some(lot) = self
            .lots
            .front()
            .filter(|lot| lot.expires.is_some_and(|e| e <= date))
        {
            expired += lot.minor;
            self.lots.pop_front();
        }
        self.balance -= expired;
        expired
    }

    /// Takes `minor` from the oldest lots; the caller made sure the balance covers it.
    fn take_oldest(&mut self, mut minor: i128) {
        while minor > 0 {
            let Some(lot) = self.lots.front_mut() else {
                return;
            };
            let taken = lot.minor.min(minor);
            lot.minor -= taken;
            minor -= taken;
            self.balance -= taken;
            if lot.minor == 0 {
                self.lots.pop_front();
            }
        }
    }
}

impl Ledger<'_> {
    /// Replays the included credits from the start to the window's end (or cancellation).
    fn credit_events(
        &self,
        policy: &CreditsPolicy,
        redemptions: &[CreditRedemption],
        out: &mut Vec<MembershipEvent>,
    ) -> Result<(), CodedError> {
        let months = Grid {
            months: 1,
            base: 0,
            anchor: self.anchor,
        };
        let horizon = self.cancel.map_or(self.to, |c| c.min(self.to));
        let mut account = Credits {
            lots: VecDeque::new(),
            balance: 0,
            redemptions: redemptions.iter().enumerate().peekable(),
        };
        let mut index = months.index_of(self.start)?;
        loop {
            let month = months.period(index)?;
            if month.start >= horizon {
                break;
            }
            if month.start > self.start {
                self.close_month(
                    policy,
                    &mut account,
                    month.start,
                    months.period(index - 1)?,
                    out,
                )?;
            }
            let granted = self
                .first_active(month.start, month.end)
                .filter(|day| *day < self.to);
            self.redeem_before(&mut account, granted.unwrap_or(month.end).min(horizon), out)?;
            if let Some(day) = granted.filter(|_| policy.monthly.minor > 0) {
                let expires = match policy.expires_after_months {
                    Some(n) => Some(anchored(index + i64::from(n), self.anchor)?),
                    None => None,
                };
                account.grant(policy.monthly.minor, expires);
                let covers = DateRange {
                    start: day,
                    end: month.end,
                };
                out.push(MembershipEvent {
                    covers: Some(covers),
                    ..self.event(
                        day,
                        EventKind::CreditGranted,
                        policy.monthly.minor,
                        Some(month),
                    )
                });
            }
            self.redeem_before(&mut account, month.end.min(horizon), out)?;
            index += 1;
        }
        if let Some(cancel) = self.cancel.filter(|c| *c < self.to) {
            let left = within_limit(account.balance)?;
            if left > 0 {
                out.push(self.event(cancel, EventKind::CreditExpired, left, None));
            }
        }
        Ok(())
    }

    /// Closes the month that ends on `date`: expired lots go, then the balance above the cap
    /// goes oldest first, then what is left is carried.
    fn close_month(
        &self,
        policy: &CreditsPolicy,
        account: &mut Credits<'_>,
        date: NaiveDate,
        closed: DateRange,
        out: &mut Vec<MembershipEvent>,
    ) -> Result<(), CodedError> {
        let mut expired = account.expire_through(date);
        let balance = account.balance;
        let carried = policy
            .rollover_cap
            .map_or(balance, |cap| balance.min(i128::from(cap.minor)));
        account.take_oldest(balance - carried);
        expired += balance - carried;
        if expired > 0 {
            out.push(self.event(
                date,
                EventKind::CreditExpired,
                within_limit(expired)?,
                Some(closed),
            ));
        }
        if carried > 0 {
            out.push(self.event(
                date,
                EventKind::CreditRolledOver,
                within_limit(carried)?,
                Some(closed),
            ));
        }
        Ok(())
    }

    /// Applies the redemptions dated before `before`, oldest lots first.
    fn redeem_before(
        &self,
        account: &mut Credits<'_>,
        before: NaiveDate,
        out: &mut Vec<MembershipEvent>,
    ) -> Result<(), CodedError> {
        while let Some((i, redemption)) = account.redemptions.next_if(|(_, r)| r.date < before) {
            if i128::from(redemption.amount.minor) > account.balance {
                return Err(CodedError::new(
                    "CREDIT_OVERDRAWN",
                    format!("$.redemptions[{i}].amount"),
                    "the redemption exceeds the credits available on its date",
                ));
            }
            account.take_oldest(i128::from(redemption.amount.minor));
            out.push(self.event(
                redemption.date,
                EventKind::CreditRedeemed,
                redemption.amount.minor,
                None,
            ));
        }
        Ok(())
    }
}

/// The included-credit balance before `from` and at the end, from the replayed movements.
fn credit_balances(events: &[MembershipEvent], from: NaiveDate) -> Result<(i64, i64), CodedError> {
    let (mut opening, mut closing) = (0i128, 0i128);
    for event in events {
        let change = match event.kind {
            EventKind::CreditGranted => i128::from(event.amount.minor),
            EventKind::CreditRedeemed | EventKind::CreditExpired => -i128::from(event.amount.minor),
            _ => 0,
        };
        closing += change;
        if event.date < from {
            opening += change;
        }
    }
    Ok((within_limit(opening)?, within_limit(closing)?))
}

fn within_limit(sum: i128) -> Result<i64, CodedError> {
    let too_large = || {
        CodedError::new(
            "AMOUNT_TOO_LARGE",
            "$",
            "a total exceeds 9007199254740991 minor units (2^53 - 1)",
        )
    };
    let minor = i64::try_from(sum).map_err(|_| too_large())?;
    if minor.unsigned_abs() > crate::MAX_MINOR.unsigned_abs() {
        return Err(too_large());
    }
    Ok(minor)
}

fn totals(events: &[MembershipEvent], currency: Currency) -> Result<MembershipTotals, CodedError> {
    let sum = |keep: &dyn Fn(EventKind) -> bool| -> Result<Money, CodedError> {
        let total: i128 = events
            .iter()
            .filter(|e| keep(e.kind))
            .map(|e| i128::from(e.amount.minor))
            .sum();
        Ok(Money::new(within_limit(total)?, currency))
    };
    let charged = sum(&EventKind::is_charge)?;
    let credited = sum(&EventKind::is_billing_credit)?;
    Ok(MembershipTotals {
        charged,
        credited,
        net: Money::new(
            within_limit(i128::from(charged.minor) - i128::from(credited.minor))?,
            currency,
        ),
        credits_granted: sum(&|k| k == EventKind::CreditGranted)?,
        credits_redeemed: sum(&|k| k == EventKind::CreditRedeemed)?,
        credits_expired: sum(&|k| k == EventKind::CreditExpired)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn range(start: &str, end: &str) -> DateRange {
        DateRange {
            start: d(start),
            end: d(end),
        }
    }

    #[test]
    fn grids_start_on_the_first_anchor_date_of_the_plan() {
        // Anchor 1 from 15 January: monthly periods are calendar months; annual periods run
        // from 1 February, and 15 January lies in the year before it.
        let monthly = Grid::new(BillingPeriod::Monthly, 1, d("2025-01-15")).unwrap();
        assert_eq!(
            monthly.period_of(d("2025-01-15")).unwrap(),
            range("2025-01-01", "2025-02-01")
        );
        let annual = Grid::new(BillingPeriod::Annual, 1, d("2025-01-15")).unwrap();
        let cases = [
            ("2025-01-15", range("2024-02-01", "2025-02-01")),
            ("2025-02-01", range("2025-02-01", "2026-02-01")),
            ("2026-01-31", range("2025-02-01", "2026-02-01")),
            ("2026-02-01", range("2026-02-01", "2027-02-01")),
        ];
        for (date, expected) in cases {
            assert_eq!(annual.period_of(d(date)).unwrap(), expected, "{date}");
        }
        // Anchor 31 clamps inside the grid too: 28 February starts the period to 31 March.
        let clamped = Grid::new(BillingPeriod::Monthly, 31, d("2025-01-31")).unwrap();
        assert_eq!(
            clamped.period_of(d("2025-03-01")).unwrap(),
            range("2025-02-28", "2025-03-31")
        );
        assert_eq!(
            clamped.period_of(d("2025-03-31")).unwrap(),
            range("2025-03-31", "2025-04-30")
        );
    }

    #[test]
    fn first_active_hops_over_adjacent_pauses_and_stops_at_cancellation() {
        let request: MembershipChargesRequest = serde_json::from_value(serde_json::json!({
            "membership": {
                "plan": { "price": { "minor": 100, "currency": "USD" }, "period": "monthly" },
                "start": "2025-01-10", "cancelOn": "2025-06-01",
                "pauses": [
                    { "start": "2025-02-01", "end": "2025-02-10" },
                    { "start": "2025-02-10", "end": "2025-02-20" },
                    { "start": "2025-05-01" }
                ]
            },
            "from": "2025-01-01", "to": "2026-01-01"
        }))
        .unwrap();
        let ledger = Ledger::new(&request, Clock::Days).unwrap();
        let first = |from: &str, until: &str| {
            ledger
                .first_active(d(from), d(until))
                .map(|x| x.to_string())
        };
        assert_eq!(first("2025-01-01", "2025-02-01"), Some("2025-01-10".into())); // before the start
        assert_eq!(first("2025-02-01", "2025-03-01"), Some("2025-02-20".into())); // two pauses
        assert_eq!(first("2025-02-05", "2025-02-15"), None);
        assert_eq!(first("2025-04-30", "2025-06-01"), Some("2025-04-30".into()));
        assert_eq!(first("2025-05-01", "2025-12-01"), None); // open-ended
    }
}
