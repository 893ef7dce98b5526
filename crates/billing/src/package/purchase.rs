//! A client's purchase of a package and its redemptions: which session each redemption consumes.

use super::definition::Slot;
use super::{check_amount, internal, money_at, Package};
use crate::Money;
use chrono::NaiveDate;
use medspa_errors::CodedError;
use serde::{Deserialize, Serialize};

/// One client's purchase of a package, with the sessions redeemed so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PackagePurchase {
    /// The package bought; the client paid its price.
    pub package: Package,
    /// The date of purchase; redemptions may not precede it.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub purchased_on: NaiveDate,
    /// Tax paid on top of the price, in its currency; 0 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_paid: Option<Money>,
    /// Sessions redeemed, in any order.
    #[serde(default)]
    pub redemptions: Vec<SessionRedemption>,
}

/// A session redeemed: the item, named by exactly one of `itemIndex` and `serviceId`, and the date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SessionRedemption {
    /// The 0-based position of the item in `package.items`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_index: Option<u32>,
    /// The item's service id; must name exactly one item of the package.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_id: Option<String>,
    /// The date of the session; before the package's expiry, not before the purchase.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub redeemed_on: NaiveDate,
}

/// The request of [`package_usage`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PackageUsageRequest {
    /// The purchase whose redemptions to apply.
    pub purchase: PackagePurchase,
}

/// Every session of a purchase with its value and, if used, its redemption date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PackageUsage {
    /// All sessions, item by item, session by session.
    pub sessions: Vec<SessionUsage>,
    /// Sessions redeemed.
    pub sessions_used: u32,
    /// Sessions not redeemed.
    pub sessions_unused: u32,
    /// Σ allocated value of the sessions redeemed.
    pub used_value: Money,
    /// Σ allocated value of the sessions not redeemed: price − used value.
    pub unused_value: Money,
}

/// One session of a purchase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SessionUsage {
    /// 0-based index of the item in `package.items`.
    pub item_index: u32,
    /// 1-based session number within the item.
    pub session: u32,
    /// The session's allocated value.
    pub value: Money,
    /// The date of the redemption that consumed it; `null` while unused.
    #[cfg_attr(feature = "ts", tsify(type = "string | null"))]
    pub redeemed_on: Option<NaiveDate>,
}

/// Applies a purchase's redemptions to its sessions: in date order (equal dates in input order),
/// each consumes the item's next unused session, session 1 first.
///
/// Errors, besides the package's own (see [`package_schedule`](super::package_schedule)), with the
/// path of the redemption at fault: `INVALID_REDEMPTION` (neither or both of `itemIndex` and
/// `serviceId`), `UNKNOWN_ITEM`, `AMBIGUOUS_ITEM` (a service id on several items),
/// `REDEEMED_BEFORE_PURCHASE`, `REDEEMED_AFTER_EXPIRY`, `OVER_REDEEMED` (the redemption, in date
/// order, beyond the item's sessions), `EXPIRED_AT_PURCHASE` (expiry not after the purchase date),
/// and for `taxPaid` `NEGATIVE_AMOUNT` or `CURRENCY_MISMATCH`.
///
/// ```
/// use medspa_billing::package::*;
/// use medspa_billing::{Currency, Money};
/// use chrono::NaiveDate;
/// let usd = |minor| Money::new(minor, Currency::parse("USD").unwrap());
/// let day = |d| NaiveDate::from_ymd_opt(2025, 3, d).unwrap();
/// // $500.00 for 6 sessions: 83.34, 83.34, 83.33, 83.33, 83.33, 83.33.
/// let package = Package {
///     price: usd(50_000),
///     items: vec![PackageItem { service_id: "ipl".into(), name: "IPL".into(), sessions: 6, list_price: usd(10_000) }],
///     expires_on: None,
/// };
/// let redeem = |d| SessionRedemption { item_index: Some(0), service_id: None, redeemed_on: day(d) };
/// // Listed out of order: the 3 March visit is applied first and consumes session 1.
/// let purchase = PackagePurchase { package, purchased_on: day(1), tax_paid: None, redemptions: vec![redeem(20), redeem(3)] };
/// let usage = package_usage(&PackageUsageRequest { purchase }).unwrap();
/// assert_eq!(usage.sessions[0].redeemed_on, Some(day(3)));
/// assert_eq!(usage.sessions[1].redeemed_on, Some(day(20)));
/// assert_eq!((usage.sessions_used, usage.used_value.minor, usage.unused_value.minor), (2, 16_668, 33_332));
/// ```
pub fn package_usage(request: &PackageUsageRequest) -> Result<PackageUsage, CodedError> {
    let ledger = Ledger::build(&request.purchase).map_err(|e| e.under("$.purchase"))?;
    let price = ledger.price;
    let sessions: Vec<SessionUsage> = ledger
        .slots
        .iter()
        .map(|slot| SessionUsage {
            item_index: u32::try_from(slot.item).unwrap_or(u32::MAX),
            session: slot.number,
            value: Money::new(slot.value, price.currency),
            redeemed_on: slot.redeemed_on,
        })
        .collect();
    let used = ledger.used_by(None);
    Ok(PackageUsage {
        sessions_used: used.sessions,
        sessions_unused: ledger.session_count().saturating_sub(used.sessions),
        used_value: money_at(used.value, &price, "$.purchase")?,
        unused_value: money_at(i128::from(price.minor) - used.value, &price, "$.purchase")?,
        sessions,
    })
}

/// A validated purchase: its sessions with the redemption each one received.
#[derive(Debug, Clone)]
pub(crate) struct Ledger {
    pub price: Money,
    pub tax: Money,
    pub expires_on: Option<NaiveDate>,
    /// Sessions in schedule order, each with its redemption date once consumed.
    pub slots: Vec<Slot>,
    /// Indexes into `slots`, in the order they were consumed (chronological).
    pub consumed: Vec<usize>,
}

/// What was used by some date.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Used {
    pub sessions: u32,
    /// Σ allocated value.
    pub value: i128,
    /// Σ list price.
    pub list_value: i128,
}

impl Ledger {
    /// Validates `purchase` and applies its redemptions. Paths are relative to the purchase.
    pub(crate) fn build(purchase: &PackagePurchase) -> Result<Ledger, CodedError> {
        let package = &purchase.package;
        let mut slots = package.slots().map_err(|e| e.under("$.package"))?;
        let tax = purchase
            .tax_paid
            .unwrap_or(Money::zero(package.price.currency));
        check_amount(&tax, &package.price, "$.taxPaid")?;
        if package
            .expires_on
            .is_some_and(|expiry| expiry <= purchase.purchased_on)
        {
            return Err(CodedError::new(
                "EXPIRED_AT_PURCHASE",
                "$.package.expiresOn",
                "a package must expire after the date it was purchased",
            ));
        }
        let mut dated = Vec::with_capacity(purchase.redemptions.len());
        for (index, redemption) in purchase.redemptions.iter().enumerate() {
            let item = check_redemption(redemption, purchase)
                .map_err(|e| e.under(&format!("$.redemptions[{index}]")))?;
            dated.push((redemption.redeemed_on, index, item));
        }
        // Date order, then input order: the tie rule that makes consumption deterministic.
        dated.sort_unstable();
        let mut next = first_slots(package);
        let mut consumed = Vec::with_capacity(dated.len());
        for (date, index, item) in dated {
            let cursor = next.get_mut(item).ok_or_else(internal)?;
            match slots.get_mut(*cursor) {
                Some(slot) if slot.item == item => {
                    slot.redeemed_on = Some(date);
                    consumed.push(*cursor);
                    *cursor += 1;
                }
                _ => {
                    return Err(CodedError::new(
                        "OVER_REDEEMED",
                        format!("$.redemptions[{index}]"),
                        "more sessions of this item were redeemed than the package includes",
                    ))
                }
            }
        }
        Ok(Ledger {
            price: package.price,
            tax,
            expires_on: package.expires_on,
            slots,
            consumed,
        })
    }

    /// Sessions in the package (at most `MAX_SESSIONS`).
    pub(crate) fn session_count(&self) -> u32 {
        u32::try_from(self.slots.len()).unwrap_or(u32::MAX)
    }

    /// What was redeemed on or before `date` (everything when `None`).
    pub(crate) fn used_by(&self, date: Option<NaiveDate>) -> Used {
        self.slots
            .iter()
            .filter(|slot| match (slot.redeemed_on, date) {
                (Some(on), Some(limit)) => on <= limit,
                (Some(_), None) => true,
                (None, _) => false,
            })
            .fold(Used::default(), |used, slot| Used {
                sessions: used.sessions.saturating_add(1),
                value: used.value + i128::from(slot.value),
                list_value: used.list_value + i128::from(slot.list_price),
            })
    }

    /// Whether the package is expired on `date` (expiry is the first day it cannot be used).
    pub(crate) fn expired_on(&self, date: NaiveDate) -> bool {
        self.expires_on.is_some_and(|expiry| date >= expiry)
    }
}

/// The index of each item's first slot, where its next redemption goes.
fn first_slots(package: &Package) -> Vec<usize> {
    package
        .items
        .iter()
        .scan(0usize, |start, item| {
            let first = *start;
            *start += item.sessions as usize;
            Some(first)
        })
        .collect()
}

/// Resolves the item a redemption names and checks its date. Paths are relative to the redemption.
fn check_redemption(
    redemption: &SessionRedemption,
    purchase: &PackagePurchase,
) -> Result<usize, CodedError> {
    let items = &purchase.package.items;
    let item = match (redemption.item_index, &redemption.service_id) {
        (Some(index), None) => usize::try_from(index)
            .ok()
            .filter(|&i| i < items.len())
            .ok_or_else(|| unknown_item("$.itemIndex"))?,
        (None, Some(service)) => {
            let mut matches = items
                .iter()
                .enumerate()
                .filter(|(_, item)| item.service_id == *service);
            let (index, _) = matches.next().ok_or_else(|| unknown_item("$.serviceId"))?;
            if matches.next().is_some() {
                return Err(CodedError::new(
                    "AMBIGUOUS_ITEM",
                    "$.serviceId",
                    "several items share this service id; name the item by itemIndex",
                ));
            }
            index
        }
        _ => {
            return Err(CodedError::new(
                "INVALID_REDEMPTION",
                "$",
                "name the item by exactly one of itemIndex and serviceId",
            ))
        }
    };
    if redemption.redeemed_on < purchase.purchased_on {
        return Err(CodedError::new(
            "REDEEMED_BEFORE_PURCHASE",
            "$.redeemedOn",
            "a session cannot be redeemed before the package was purchased",
        ));
    }
    if purchase
        .package
        .expires_on
        .is_some_and(|expiry| redemption.redeemed_on >= expiry)
    {
        return Err(CodedError::new(
            "REDEEMED_AFTER_EXPIRY",
            "$.redeemedOn",
            "a session must be redeemed before the package's expiry date",
        ));
    }
    Ok(item)
}

fn unknown_item(path: &str) -> CodedError {
    CodedError::new("UNKNOWN_ITEM", path, "no item of the package matches")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::package::PackageItem;
    use crate::Currency;

    pub(crate) fn usd(minor: i64) -> Money {
        Money::new(minor, Currency::parse("USD").unwrap())
    }

    pub(crate) fn day(d: u32) -> NaiveDate {
        // Days past the end of January run on into the following months.
        NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Days::new(u64::from(d) - 1)
    }

    /// $1,000 for 3 neurotoxin ($300 list) + 1 filler ($650 list): 193.55 ×3 and 419.35;
    /// bought on day 1, expiring on day 100.
    pub(crate) fn mixed(redemptions: &[(u32, u32)]) -> PackagePurchase {
        let item = |id: &str, sessions, list| PackageItem {
            service_id: id.into(),
            name: id.into(),
            sessions,
            list_price: usd(list),
        };
        PackagePurchase {
            package: Package {
                price: usd(100_000),
                items: vec![item("neurotoxin", 3, 30_000), item("filler", 1, 65_000)],
                expires_on: Some(day(100)),
            },
            purchased_on: day(1),
            tax_paid: Some(usd(8_000)),
            redemptions: redemptions
                .iter()
                .map(|&(item, on)| SessionRedemption {
                    item_index: Some(item),
                    service_id: None,
                    redeemed_on: day(on),
                })
                .collect(),
        }
    }

    fn consumed(purchase: PackagePurchase) -> Result<Vec<Option<u32>>, (&'static str, String)> {
        let usage =
            package_usage(&PackageUsageRequest { purchase }).map_err(|e| (e.code, e.path))?;
        Ok(usage
            .sessions
            .iter()
            .map(|s| s.redeemed_on.map(|d| (d - day(1)).num_days() as u32 + 1))
            .collect())
    }

    #[test]
    fn redemptions_consume_sessions_in_date_order() {
        // (redemptions as (item, day), the day each of the 4 sessions was consumed on)
        type Case = (Vec<(u32, u32)>, Vec<Option<u32>>);
        let cases: Vec<Case> = vec![
            (vec![], vec![None, None, None, None]),
            (vec![(0, 5)], vec![Some(5), None, None, None]),
            (
                vec![(0, 40), (1, 10), (0, 5)],
                vec![Some(5), Some(40), None, Some(10)],
            ),
            // Same day twice: input order breaks the tie, which for one item changes nothing visible.
            (
                vec![(0, 7), (0, 7), (0, 2)],
                vec![Some(2), Some(7), Some(7), None],
            ),
            // The day before expiry (day 100) is the last usable day.
            (vec![(1, 99), (0, 1)], vec![Some(1), None, None, Some(99)]),
        ];
        for (redemptions, expected) in cases {
            assert_eq!(
                consumed(mixed(&redemptions)),
                Ok(expected),
                "{redemptions:?}"
            );
        }
    }

    #[test]
    fn usage_totals() {
        let usage = package_usage(&PackageUsageRequest {
            purchase: mixed(&[(0, 5), (1, 6)]),
        })
        .unwrap();
        // 193.55 + 419.35 used; 2 × 193.55 left.
        assert_eq!((usage.sessions_used, usage.sessions_unused), (2, 2));
        assert_eq!(
            (usage.used_value.minor, usage.unused_value.minor),
            (61_290, 38_710)
        );
    }

    #[test]
    fn redemptions_by_service_id() {
        let mut purchase = mixed(&[]);
        purchase.redemptions = vec![SessionRedemption {
            item_index: None,
            service_id: Some("filler".into()),
            redeemed_on: day(3),
        }];
        assert_eq!(consumed(purchase), Ok(vec![None, None, None, Some(3)]));
    }

    #[test]
    fn invalid_redemptions_have_codes_and_paths() {
        let by = |item_index, service_id: Option<&str>, on| SessionRedemption {
            item_index,
            service_id: service_id.map(String::from),
            redeemed_on: day(on),
        };
        let cases: Vec<(Vec<SessionRedemption>, &str, &str)> = vec![
            (
                vec![by(Some(1), None, 3), by(Some(1), None, 2)],
                "OVER_REDEEMED",
                "$.purchase.redemptions[0]",
            ),
            (
                vec![
                    by(Some(0), None, 3),
                    by(Some(0), None, 50),
                    by(Some(0), None, 2),
                    by(Some(0), None, 9),
                ],
                "OVER_REDEEMED",
                "$.purchase.redemptions[1]",
            ),
            (
                vec![by(Some(0), None, 100)],
                "REDEEMED_AFTER_EXPIRY",
                "$.purchase.redemptions[0].redeemedOn",
            ),
            (
                vec![
                    by(Some(0), None, 2),
                    by(Some(0), None, 1),
                    by(Some(1), None, 200),
                ],
                "REDEEMED_AFTER_EXPIRY",
                "$.purchase.redemptions[2].redeemedOn",
            ),
            (
                vec![by(Some(2), None, 3)],
                "UNKNOWN_ITEM",
                "$.purchase.redemptions[0].itemIndex",
            ),
            (
                vec![by(None, Some("laser"), 3)],
                "UNKNOWN_ITEM",
                "$.purchase.redemptions[0].serviceId",
            ),
            (
                vec![by(None, None, 3)],
                "INVALID_REDEMPTION",
                "$.purchase.redemptions[0]",
            ),
            (
                vec![by(Some(0), Some("filler"), 3)],
                "INVALID_REDEMPTION",
                "$.purchase.redemptions[0]",
            ),
        ];
        for (redemptions, code, path) in cases {
            let mut purchase = mixed(&[]);
            purchase.redemptions = redemptions;
            assert_eq!(consumed(purchase), Err((code, path.to_string())), "{code}");
        }
    }

    #[test]
    fn invalid_purchases_have_codes_and_paths() {
        let mut early = mixed(&[]);
        early.purchased_on = day(10);
        early.redemptions = vec![SessionRedemption {
            item_index: Some(0),
            service_id: None,
            redeemed_on: day(9),
        }];
        let mut expired = mixed(&[]);
        expired.purchased_on = day(100);
        let mut taxed = mixed(&[]);
        taxed.tax_paid = Some(usd(-1));
        let mut foreign = mixed(&[]);
        foreign.tax_paid = Some(Money::new(1, Currency::parse("EUR").unwrap()));
        let mut twins = mixed(&[]);
        twins.package.items[1].service_id = "neurotoxin".into();
        twins.redemptions = vec![SessionRedemption {
            item_index: None,
            service_id: Some("neurotoxin".into()),
            redeemed_on: day(2),
        }];
        let cases = [
            (
                early,
                "REDEEMED_BEFORE_PURCHASE",
                "$.purchase.redemptions[0].redeemedOn",
            ),
            (
                expired,
                "EXPIRED_AT_PURCHASE",
                "$.purchase.package.expiresOn",
            ),
            (taxed, "NEGATIVE_AMOUNT", "$.purchase.taxPaid"),
            (foreign, "CURRENCY_MISMATCH", "$.purchase.taxPaid"),
            (
                twins,
                "AMBIGUOUS_ITEM",
                "$.purchase.redemptions[0].serviceId",
            ),
        ];
        for (purchase, code, path) in cases {
            assert_eq!(consumed(purchase), Err((code, path.to_string())), "{code}");
        }
    }
}
