//! A package definition and its valuation: the price allocated to each session by list price.

use super::{check_amount, money_at};
use crate::{allocate, Money};
use chrono::NaiveDate;
use medspa_errors::CodedError;
use serde::{Deserialize, Serialize};

/// The most sessions one package may hold, over all its items; more is `TOO_MANY_SESSIONS`.
pub const MAX_SESSIONS: u32 = 1000;

/// A package as sold: one price for a bundle of sessions ("3 neurotoxin + 1 filler").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Package {
    /// What the client pays for the whole package, before tax; not negative.
    pub price: Money,
    /// What the package contains, in the order sessions are listed and valued.
    pub items: Vec<PackageItem>,
    /// The first date on which the package can no longer be used (half-open: sessions may be
    /// redeemed on dates before it). No expiry when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub expires_on: Option<NaiveDate>,
}

/// One service in a package and how many sessions of it the package includes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PackageItem {
    /// The clinic's identifier for the service; opaque here.
    pub service_id: String,
    /// A display name; carried through to the valuation, never interpreted.
    pub name: String,
    /// Sessions included: at least 1.
    pub sessions: u32,
    /// The standalone selling price of one session, in the package's currency; the weight its
    /// sessions get when the price is allocated.
    pub list_price: Money,
}

/// The request of [`package_schedule`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PackageScheduleRequest {
    /// The package to value.
    pub package: Package,
}

/// The package price allocated to every session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PackageValuation {
    /// The package price; exactly the sum of every session value.
    pub price: Money,
    /// Sessions in the package, over all items.
    pub sessions: u32,
    /// What the sessions would cost at list price: Σ sessions × list price.
    pub list_value: Money,
    /// Per item, in input order.
    pub items: Vec<ItemValuation>,
}

/// One item's share of the package price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ItemValuation {
    /// The item's service id, as given.
    pub service_id: String,
    /// The item's name, as given.
    pub name: String,
    /// Sessions of this item.
    pub sessions: u32,
    /// Σ of this item's session values.
    pub value: Money,
    /// sessions × list price.
    pub list_value: Money,
    /// The allocated value of each session, session 1 first; earlier sessions hold any extra unit.
    pub session_values: Vec<Money>,
}

/// One session of a valued package: which item, which session of it, and its allocated value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Slot {
    /// 0-based item index.
    pub item: usize,
    /// 1-based session number within the item.
    pub number: u32,
    /// Allocated value in minor units.
    pub value: i64,
    /// The item's list price in minor units.
    pub list_price: i64,
    /// When the session was redeemed, once a ledger has assigned a redemption to it.
    pub redeemed_on: Option<NaiveDate>,
}

/// Values every session of `request.package`: the price split by [`allocate`] over one weight per
/// session, the session's list price. Errors name their field, such as `$.package.items[2].sessions`.
///
/// Errors: `NO_SESSIONS` (no items, or an item with 0 sessions), `TOO_MANY_SESSIONS` (more than
/// [`MAX_SESSIONS`]), `CURRENCY_MISMATCH`, `NEGATIVE_AMOUNT`, `AMOUNT_TOO_LARGE`,
/// `ZERO_LIST_PRICES` (every list price is zero, so there is nothing to weigh by).
///
/// ```
/// use medspa_billing::package::{package_schedule, Package, PackageItem, PackageScheduleRequest};
/// use medspa_billing::{Currency, Money};
/// let usd = |minor| Money::new(minor, Currency::parse("USD").unwrap());
/// let item = |id: &str, sessions, list| PackageItem {
///     service_id: id.into(), name: id.into(), sessions, list_price: usd(list),
/// };
/// // $1,000.00 for 3 neurotoxin at $300 and 1 filler at $650: weights 300, 300, 300, 650 of 1,550.
/// // Exact shares in cents 19_354.84 ×3 and 41_935.48: floors sum to 99_997; the 3 leftover cents
/// // go to the largest remainders (.84 ×3 beat .48).
/// let package = Package {
///     price: usd(100_000),
///     items: vec![item("neurotoxin", 3, 30_000), item("filler", 1, 65_000)],
///     expires_on: None,
/// };
/// let valuation = package_schedule(&PackageScheduleRequest { package }).unwrap();
/// let values: Vec<i64> = valuation.items[0].session_values.iter().map(|m| m.minor).collect();
/// assert_eq!(values, [19_355, 19_355, 19_355]);
/// assert_eq!(valuation.items[1].value.minor, 41_935);
/// assert_eq!(valuation.list_value.minor, 155_000);
/// ```
pub fn package_schedule(request: &PackageScheduleRequest) -> Result<PackageValuation, CodedError> {
    let package = &request.package;
    let slots = package.slots().map_err(|e| e.under("$.package"))?;
    let mut items = Vec::with_capacity(package.items.len());
    let mut list_value: i128 = 0;
    // Slots are contiguous per item and every item has a session: one run per item, in order.
    let runs = slots.chunk_by(|a, b| a.item == b.item);
    for ((index, item), run) in package.items.iter().enumerate().zip(runs) {
        let session_values: Vec<Money> = run
            .iter()
            .map(|slot| Money::new(slot.value, package.price.currency))
            .collect();
        let value: i128 = session_values.iter().map(|m| i128::from(m.minor)).sum();
        let item_list = i128::from(item.sessions) * i128::from(item.list_price.minor);
        list_value += item_list;
        // Paths are formatted only on the (unreachable in practice) error path.
        let at = |e: CodedError| e.under(&format!("$.package.items[{index}]"));
        items.push(ItemValuation {
            service_id: item.service_id.clone(),
            name: item.name.clone(),
            sessions: item.sessions,
            value: money_at(value, &package.price, "$").map_err(at)?,
            list_value: money_at(item_list, &package.price, "$").map_err(at)?,
            session_values,
        });
    }
    Ok(PackageValuation {
        price: package.price,
        // At most MAX_SESSIONS slots, checked by `slots`.
        sessions: u32::try_from(slots.len()).unwrap_or(MAX_SESSIONS),
        list_value: money_at(list_value, &package.price, "$.package.items")?,
        items,
    })
}

impl Package {
    /// Validates the package and values each session, in schedule order. Paths are relative to
    /// the package (`$.items[2].sessions`); callers place them with [`CodedError::under`].
    pub(crate) fn slots(&self) -> Result<Vec<Slot>, CodedError> {
        self.validate()?;
        let weights: Vec<i64> = self
            .items
            .iter()
            .flat_map(|item| std::iter::repeat_n(item.list_price.minor, item.sessions as usize))
            .collect();
        // Validation guarantees what `allocate` needs; should it still refuse, report it here.
        let values = allocate(self.price, &weights)
            .map_err(|e| CodedError::new(e.code, "$.items", e.message))?;
        let numbered = self.items.iter().enumerate().flat_map(|(item, entry)| {
            (1..=entry.sessions).map(move |number| (item, number, entry.list_price.minor))
        });
        Ok(numbered
            .zip(values)
            .map(|((item, number, list_price), value)| Slot {
                item,
                number,
                value: value.minor,
                list_price,
                redeemed_on: None,
            })
            .collect())
    }

    fn validate(&self) -> Result<(), CodedError> {
        check_amount(&self.price, &self.price, "$.price")?;
        if self.items.is_empty() {
            return Err(no_sessions("$.items"));
        }
        let mut total: u64 = 0;
        for (index, item) in self.items.iter().enumerate() {
            if item.sessions == 0 {
                return Err(no_sessions(&format!("$.items[{index}].sessions")));
            }
            check_amount(&item.list_price, &self.price, "$")
                .map_err(|e| e.under(&format!("$.items[{index}].listPrice")))?;
            total += u64::from(item.sessions);
            if total > u64::from(MAX_SESSIONS) {
                return Err(CodedError::new(
                    "TOO_MANY_SESSIONS",
                    "$.items",
                    format!("a package holds at most {MAX_SESSIONS} sessions"),
                ));
            }
        }
        if self.items.iter().all(|item| item.list_price.minor == 0) {
            return Err(CodedError::new(
                "ZERO_LIST_PRICES",
                "$.items",
                "at least one item needs a positive list price to weigh the allocation",
            ));
        }
        Ok(())
    }
}

fn no_sessions(path: &str) -> CodedError {
    CodedError::new(
        "NO_SESSIONS",
        path,
        "a package needs at least one item, each with at least one session",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Currency;

    fn usd(minor: i64) -> Money {
        Money::new(minor, Currency::parse("USD").unwrap())
    }

    fn item(sessions: u32, list: i64) -> PackageItem {
        PackageItem {
            service_id: "svc".into(),
            name: "service".into(),
            sessions,
            list_price: usd(list),
        }
    }

    fn values(
        price: i64,
        items: Vec<PackageItem>,
    ) -> Result<Vec<Vec<i64>>, (&'static str, String)> {
        let package = Package {
            price: usd(price),
            items,
            expires_on: None,
        };
        package_schedule(&PackageScheduleRequest { package })
            .map(|v| {
                v.items
                    .iter()
                    .map(|i| i.session_values.iter().map(|m| m.minor).collect())
                    .collect()
            })
            .map_err(|e| (e.code, e.path))
    }

    #[test]
    fn worked_allocations() {
        let cases: Vec<(i64, Vec<PackageItem>, Vec<Vec<i64>>)> = vec![
            // Equal sessions: $500.00 / 6 = 8333.33…; 2 leftover cents go to sessions 1 and 2.
            (
                50_000,
                vec![item(6, 10_000)],
                vec![vec![8_334, 8_334, 8_333, 8_333, 8_333, 8_333]],
            ),
            // $1,000 for 3 × $300 + 1 × $650: see the doctest; 193.55 ×3 + 419.35.
            (
                100_000,
                vec![item(3, 30_000), item(1, 65_000)],
                vec![vec![19_355, 19_355, 19_355], vec![41_935]],
            ),
            // 2 × $400 + 2 × $200 for $1,000: weights 4:4:2:2 of 12 → 333.333…, 166.666….
            // Floors 33_333 ×2 + 16_666 ×2 = 99_998; remainders 4/12 ×2 and 8/12 ×2 → the $200 ones.
            (
                100_000,
                vec![item(2, 40_000), item(2, 20_000)],
                vec![vec![33_333, 33_333], vec![16_667, 16_667]],
            ),
            // A complimentary item (list 0) gets nothing; the paid one takes the whole price.
            (
                30_000,
                vec![item(2, 20_000), item(1, 0)],
                vec![vec![15_000, 15_000], vec![0]],
            ),
            // A free package: every session is worth 0.
            (0, vec![item(3, 10_000)], vec![vec![0, 0, 0]]),
            // 1 cent over 3 sessions: the first session takes it.
            (1, vec![item(3, 5)], vec![vec![1, 0, 0]]),
        ];
        for (price, items, expected) in cases {
            assert_eq!(
                values(price, items.clone()),
                Ok(expected),
                "{price} over {items:?}"
            );
        }
    }

    #[test]
    fn totals_and_list_values() {
        let package = Package {
            price: usd(100_000),
            items: vec![item(3, 30_000), item(1, 65_000)],
            expires_on: None,
        };
        let v = package_schedule(&PackageScheduleRequest { package }).unwrap();
        assert_eq!((v.sessions, v.list_value.minor), (4, 155_000));
        assert_eq!(v.items[0].value.minor, 58_065); // 3 × 193.55
        assert_eq!(v.items[0].list_value.minor, 90_000);
        assert_eq!(v.items[0].value.minor + v.items[1].value.minor, 100_000);
    }

    #[test]
    fn invalid_packages_have_codes_and_paths() {
        let eur = Money::new(100, Currency::parse("EUR").unwrap());
        let mut mixed = item(1, 0);
        mixed.list_price = eur;
        let cases: Vec<(i64, Vec<PackageItem>, &str, &str)> = vec![
            (100, vec![], "NO_SESSIONS", "$.package.items"),
            (
                100,
                vec![item(1, 5), item(2, 5), item(0, 5)],
                "NO_SESSIONS",
                "$.package.items[2].sessions",
            ),
            (
                100,
                vec![item(1, 5), mixed],
                "CURRENCY_MISMATCH",
                "$.package.items[1].listPrice",
            ),
            (-1, vec![item(1, 5)], "NEGATIVE_AMOUNT", "$.package.price"),
            (
                100,
                vec![item(1, -5)],
                "NEGATIVE_AMOUNT",
                "$.package.items[0].listPrice",
            ),
            (
                100,
                vec![item(2, 0), item(1, 0)],
                "ZERO_LIST_PRICES",
                "$.package.items",
            ),
            (0, vec![item(1, 0)], "ZERO_LIST_PRICES", "$.package.items"),
            (
                100,
                vec![item(600, 5), item(401, 5)],
                "TOO_MANY_SESSIONS",
                "$.package.items",
            ),
            (
                100,
                vec![item(u32::MAX, 5), item(u32::MAX, 5)],
                "TOO_MANY_SESSIONS",
                "$.package.items",
            ),
            (
                i64::MAX,
                vec![item(1, 5)],
                "AMOUNT_TOO_LARGE",
                "$.package.price",
            ),
            (
                1,
                vec![item(1000, crate::MAX_MINOR)],
                "AMOUNT_TOO_LARGE",
                "$.package.items[0]",
            ),
        ];
        for (price, items, code, path) in cases {
            assert_eq!(
                values(price, items),
                Err((code, path.to_string())),
                "{code} {path}"
            );
        }
    }

    #[test]
    fn exactly_the_session_limit_is_accepted() {
        let split = values(100_000, vec![item(999, 100), item(1, 100)]).unwrap();
        assert_eq!(split[0].len() + split[1].len(), MAX_SESSIONS as usize);
        assert_eq!(split.iter().flatten().sum::<i64>(), 100_000);
    }
}
