//! Quotes and invoices: line and cart discounts, promotional codes, member pricing, taxes
//! (exclusive or inclusive, per line or per invoice), tips, deposits and tenders.
//!
//! The order is `docs/domain.md` §1's, and every step rounds once:
//! 1. **gross** = quantity × unit price (the member unit price when the client is a member and
//!    the line has one; otherwise the member discount, if any, joins the line discounts);
//! 2. **line discounts** (percent of gross, rounded; or a fixed amount capped at the gross);
//! 3. **cart discounts and promotional codes**, in the order given: each is computed once on the
//!    eligible lines' remaining base (percent rounded once, or fixed capped at the base) and then
//!    allocated across those lines in proportion to their base by largest remainder;
//! 4. **tax** per line on the discounted amount (`per_line`), or once per rate on the sum of the
//!    lines it applies to, then allocated back to those lines (`per_invoice`). Tax-inclusive
//!    prices extract `amount × r / (1 + r)` for the line's combined rate, rounding either the tax
//!    (`round_tax`) or the net (`round_net`), and split it across the rates by largest remainder;
//! 5. **tip** (never taxed or discounted), then **deposits** already paid, then **tenders** (gift
//!    cards, store credit) in order: tender is applied after tax and never reduces it.
//!
//! Gift-card sales are stored value: never discounted or taxed. Lines with `insurance` codes go
//! to their own section: priced at gross, no discounts, no tax, outside the client's total, and
//! their CPT/ICD-10 codes carried through untouched.

use crate::{allocate, Currency, Money, Percent, Rounding, MAX_MINOR};
use chrono::NaiveDate;
use medspa_errors::CodedError;
use serde::{Deserialize, Serialize};

/// Most lines in one cart.
pub const MAX_LINES: usize = 1_000;
/// Most tax rates, cart discounts, promotions, codes or tenders in one cart (each).
pub const MAX_ENTRIES: usize = 50;

/// What a line sells; decides which discounts and rates may touch it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    /// A cash-pay aesthetic treatment.
    Service,
    /// A retail product, such as medical-grade skincare.
    Retail,
    /// A package of sessions.
    Package,
    /// Membership dues.
    Membership,
    /// A gift card sale: stored value, never discounted or taxed.
    GiftCard,
}

/// A discount on one line or on the cart: `{"percent": "10"}` or `{"fixed": {"minor": 500, …}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Discount {
    /// A percentage (at most 100) of the base it applies to, rounded once.
    Percent(Percent),
    /// A fixed amount, capped at the base it applies to.
    Fixed(Money),
}

/// Codes carried through for an insurance-eligible service; never computed or checked.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InsuranceCodes {
    /// CPT procedure codes.
    #[serde(default)]
    pub cpt: Vec<String>,
    /// ICD-10 diagnosis codes.
    #[serde(default)]
    pub icd10: Vec<String>,
}

/// One line of a cart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Line {
    /// The caller's own reference, echoed back; never interpreted.
    #[serde(default)]
    pub id: Option<String>,
    /// What the line sells.
    pub kind: LineKind,
    /// Units sold, at least 1.
    pub quantity: u32,
    /// List price of one unit (tax-inclusive when the cart's prices are).
    pub unit_price: Money,
    /// Price of one unit for members; used instead of the member discount when given.
    #[serde(default)]
    pub member_unit_price: Option<Money>,
    /// Tax category, matched against each rate's `categories`; none means untaxed.
    #[serde(default)]
    pub tax_category: Option<String>,
    /// A discount on this line alone, applied before cart discounts.
    #[serde(default)]
    pub discount: Option<Discount>,
    /// Set for an insurance-eligible service: the line goes to the insurance section.
    #[serde(default)]
    pub insurance: Option<InsuranceCodes>,
}

/// Whether prices include tax.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum TaxBasis {
    /// Prices exclude tax; tax is added (US sales tax).
    #[default]
    Exclusive,
    /// Prices include tax; tax is extracted (VAT, GST).
    Inclusive,
}

/// Where tax is rounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum TaxRounding {
    /// Tax is computed and rounded on each line.
    #[default]
    PerLine,
    /// Tax is computed once per rate on the invoice, then allocated back to the lines.
    PerInvoice,
}

/// For inclusive prices: which of tax or net is the rounded figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum InclusiveRounding {
    /// Round the tax; net = amount − tax.
    #[default]
    RoundTax,
    /// Round the net; tax = amount − net.
    RoundNet,
}

/// One tax rate of the jurisdiction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TaxRate {
    /// The caller's name for the rate, echoed in the per-rate totals ("state", "county").
    pub id: String,
    /// The rate, such as `"6.25"`.
    pub rate: Percent,
    /// Tax categories it applies to.
    pub categories: Vec<String>,
}

/// How the cart is taxed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TaxPolicy {
    /// Whether prices include tax.
    #[serde(default)]
    pub basis: TaxBasis,
    /// Per line or per invoice.
    #[serde(default)]
    pub rounding_point: TaxRounding,
    /// For inclusive prices, which figure is rounded.
    #[serde(default)]
    pub inclusive: InclusiveRounding,
    /// How tax amounts are rounded.
    #[serde(default)]
    pub rounding: Rounding,
    /// The jurisdiction's rates.
    #[serde(default)]
    pub rates: Vec<TaxRate>,
}

/// Which lines a cart discount or promotion may touch.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Eligibility {
    /// Line kinds it applies to; empty means every discountable kind.
    #[serde(default)]
    pub kinds: Vec<LineKind>,
}

/// A discount on the whole cart, allocated across the eligible lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CartDiscount {
    /// The discount.
    pub discount: Discount,
    /// The lines it may touch.
    #[serde(default)]
    pub eligible: Eligibility,
}

/// A promotional code, as data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Promotion {
    /// The code a client types; compared without regard to ASCII case.
    pub code: String,
    /// The discount it gives.
    pub discount: Discount,
    /// The lines it may touch.
    #[serde(default)]
    pub eligible: Eligibility,
    /// The smallest eligible base (after line discounts) it needs.
    #[serde(default)]
    pub min_subtotal: Option<Money>,
    /// First valid date (inclusive).
    #[serde(default)]
    pub valid_from: Option<NaiveDate>,
    /// Last valid date (inclusive).
    #[serde(default)]
    pub valid_until: Option<NaiveDate>,
    /// Only for members.
    #[serde(default)]
    pub members_only: bool,
}

/// Membership pricing for this client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MemberPricing {
    /// Discount on eligible lines that have no member unit price.
    #[serde(default)]
    pub discount: Percent,
    /// Line kinds the member discount applies to; empty means every discountable kind.
    #[serde(default)]
    pub kinds: Vec<LineKind>,
}

/// Stored value that pays part of the bill after tax.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum TenderKind {
    /// A gift card.
    GiftCard,
    /// Store credit.
    StoreCredit,
}

/// A gift card or store credit offered as payment, with its available balance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Tender {
    /// Gift card or store credit.
    pub kind: TenderKind,
    /// The most it can pay.
    pub available: Money,
}

/// A cart to quote or invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Cart {
    /// The currency of every amount in the cart.
    pub currency: Currency,
    /// The lines, at most [`MAX_LINES`].
    pub lines: Vec<Line>,
    /// Taxes.
    #[serde(default)]
    pub tax: TaxPolicy,
    /// Rounding of percentage discounts.
    #[serde(default)]
    pub rounding: Rounding,
    /// Cart discounts, applied in order after line discounts.
    #[serde(default)]
    pub cart_discounts: Vec<CartDiscount>,
    /// The clinic's promotional codes.
    #[serde(default)]
    pub promotions: Vec<Promotion>,
    /// Codes the client entered, applied in order after the cart discounts.
    #[serde(default)]
    pub applied_codes: Vec<String>,
    /// The date codes are checked against.
    #[serde(default)]
    pub date: Option<NaiveDate>,
    /// Member pricing, when the client is a member.
    #[serde(default)]
    pub member: Option<MemberPricing>,
    /// A tip: never taxed or discounted.
    #[serde(default)]
    pub tip: Option<Money>,
    /// Deposits already paid, applied to the total.
    #[serde(default)]
    pub deposits_paid: Option<Money>,
    /// Gift cards and store credit offered, applied in order after deposits.
    #[serde(default)]
    pub tenders: Vec<Tender>,
}

/// One tax on one line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LineTax {
    /// Position of the rate in the policy's `rates`, and so in the quote's `taxes`, which
    /// carries its `id` (an index rather than a copy of the id on every line keeps a 100-line
    /// invoice free of hundreds of string copies).
    pub rate: usize,
    /// The tax.
    pub amount: Money,
}

/// Which part of the bill a line belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// Paid by the client.
    Client,
    /// Billed to insurance.
    Insurance,
}

/// A priced line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PricedLine {
    /// Position in the cart's `lines`.
    pub index: usize,
    /// The caller's reference.
    #[cfg_attr(feature = "ts", tsify(type = "string | null"))]
    pub id: Option<String>,
    /// Client or insurance.
    pub section: Section,
    /// Quantity × the unit price used.
    pub gross: Money,
    /// This line's own discount, member discount included.
    pub line_discount: Money,
    /// Its share of cart discounts and promotions.
    pub cart_discount: Money,
    /// Amount excluding tax after all discounts.
    pub net: Money,
    /// Tax on the line.
    pub tax: Money,
    /// Tax by rate.
    pub taxes: Vec<LineTax>,
    /// What the line costs: net + tax.
    pub total: Money,
    /// Insurance codes, carried through.
    #[cfg_attr(feature = "ts", tsify(type = "InsuranceCodes | null"))]
    pub insurance: Option<InsuranceCodes>,
}

/// Tax collected at one rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RateTotal {
    /// The rate's `id`.
    pub rate_id: String,
    /// The rate.
    pub rate: Percent,
    /// Net amount taxed at this rate.
    pub taxable: Money,
    /// Tax at this rate.
    pub tax: Money,
}

/// What a cart discount or promotion took off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct AppliedDiscount {
    /// `cart_discount` or `promotion`.
    pub source: DiscountSource,
    /// Position in `cartDiscounts` or in `appliedCodes`.
    pub index: usize,
    /// The amount taken off.
    pub amount: Money,
}

/// Where an applied discount came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum DiscountSource {
    /// From `cartDiscounts`.
    CartDiscount,
    /// From a promotional code.
    Promotion,
}

/// Why an entered code gave nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum CodeRejection {
    /// No promotion has this code.
    Unknown,
    /// Entered twice; the second is ignored.
    Duplicate,
    /// Before `validFrom`.
    NotYetValid,
    /// After `validUntil`.
    Expired,
    /// Validity dates need the cart's `date`, which is missing.
    NoDate,
    /// The eligible base is below `minSubtotal`.
    BelowMinimum,
    /// For members only.
    MembersOnly,
}

/// An entered code that gave nothing, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RejectedCode {
    /// Position in `appliedCodes`.
    pub index: usize,
    /// Why.
    pub reason: CodeRejection,
}

/// A tender applied to the bill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct AppliedTender {
    /// Position in `tenders`.
    pub index: usize,
    /// Gift card or store credit.
    pub kind: TenderKind,
    /// The amount it paid.
    pub applied: Money,
}

/// The insurance section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct InsuranceSection {
    /// Positions of the insurance lines in `lines`.
    pub lines: Vec<usize>,
    /// Their total at gross.
    pub total: Money,
}

/// A priced cart whose totals add up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Quote {
    /// Every line, in cart order.
    pub lines: Vec<PricedLine>,
    /// Tax per rate, in the policy's order.
    pub taxes: Vec<RateTotal>,
    /// Cart discounts and promotions that took something off.
    pub discounts: Vec<AppliedDiscount>,
    /// Codes that gave nothing.
    pub rejected_codes: Vec<RejectedCode>,
    /// Σ gross of the client's lines.
    pub subtotal: Money,
    /// Σ line and cart discounts.
    pub discount_total: Money,
    /// Σ net (excluding tax).
    pub net_total: Money,
    /// Σ tax.
    pub tax_total: Money,
    /// The tip.
    pub tip: Money,
    /// Σ line totals + tip.
    pub total: Money,
    /// Deposits applied (at most the total).
    pub deposits_applied: Money,
    /// Gift cards and store credit applied.
    pub tenders: Vec<AppliedTender>,
    /// What the client still owes.
    pub balance_due: Money,
    /// Insurance-eligible lines, kept apart.
    pub insurance: InsuranceSection,
}

/// Prices a cart. Errors are caller mistakes with a path; codes that do not apply are
/// reported in `rejectedCodes`, not as errors.
///
/// ```
/// use medspa_billing::cart::{quote, Cart};
/// let cart: Cart = serde_json::from_str(r#"{
///   "currency": "USD",
///   "lines": [
///     {"kind": "service", "quantity": 1, "unitPrice": {"minor": 60000, "currency": "USD"}},
///     {"kind": "retail", "quantity": 2, "unitPrice": {"minor": 4500, "currency": "USD"}, "taxCategory": "goods"}
///   ],
///   "tax": {"rates": [{"id": "state", "rate": "8.875", "categories": ["goods"]}]},
///   "cartDiscounts": [{"discount": {"percent": "10"}}]
/// }"#).unwrap();
/// let q = quote(&cart).unwrap();
/// // 10 % of $690 = $69, allocated 600:90 → $60 and $9; tax 8.875 % of $81 = $7.19
/// assert_eq!(q.discount_total.minor, 6_900);
/// assert_eq!(q.tax_total.minor, 719);
/// assert_eq!(q.total.minor, 69_000 - 6_900 + 719);
/// ```
pub fn quote(cart: &Cart) -> Result<Quote, CodedError> {
    validate(cart)?;
    let member = cart.member.as_ref();
    let mut lines = Vec::with_capacity(cart.lines.len());
    for (index, line) in cart.lines.iter().enumerate() {
        lines.push(
            price_line(cart, index, line, member)
                .map_err(|e| e.under(&format!("$.lines[{index}]")))?,
        );
    }
    let mut discounts = Vec::new();
    for (index, cart_discount) in cart.cart_discounts.iter().enumerate() {
        let taken = apply_cart_discount(
            cart,
            &mut lines,
            &cart_discount.discount,
            &cart_discount.eligible,
        )
        .map_err(|e| e.under(&format!("$.cartDiscounts[{index}]")))?;
        if taken > 0 {
            discounts.push(AppliedDiscount {
                source: DiscountSource::CartDiscount,
                index,
                amount: money(cart, taken),
            });
        }
    }
    let rejected_codes = apply_codes(cart, &mut lines, &mut discounts)?;
    let taxes = apply_taxes(cart, &lines)?;
    totals(cart, lines, taxes, discounts, rejected_codes)
}

/// Like [`quote`], for a cart being billed: an entered code that gives nothing is an error
/// (`CODE_REJECTED` at `$.appliedCodes[i]`) instead of a note.
pub fn invoice(cart: &Cart) -> Result<Quote, CodedError> {
    let priced = quote(cart)?;
    if let Some(rejected) = priced.rejected_codes.first() {
        return Err(CodedError::new(
            "CODE_REJECTED",
            format!("$.appliedCodes[{}]", rejected.index),
            "this promotional code does not apply to the cart",
        ));
    }
    Ok(priced)
}

/// Working state of one line while the cart is priced, in minor units.
struct Working {
    index: usize,
    kind: LineKind,
    insurance: bool,
    gross: i64,
    line_discount: i64,
    cart_discount: i64,
}

impl Working {
    fn base(&self) -> i64 {
        self.gross - self.line_discount - self.cart_discount
    }

    fn discountable(&self, eligible: &[LineKind]) -> bool {
        !self.insurance
            && self.kind != LineKind::GiftCard
            && (eligible.is_empty() || eligible.contains(&self.kind))
    }
}

fn err(code: &'static str, path: &str, message: &str) -> CodedError {
    CodedError::new(code, path, message)
}

fn money(cart: &Cart, minor: i64) -> Money {
    Money::new(minor, cart.currency)
}

fn validate(cart: &Cart) -> Result<(), CodedError> {
    if cart.lines.len() > MAX_LINES {
        return Err(err(
            "TOO_MANY_LINES",
            "$.lines",
            "a cart holds at most 1000 lines",
        ));
    }
    let counts = [
        ("$.tax.rates", cart.tax.rates.len()),
        ("$.cartDiscounts", cart.cart_discounts.len()),
        ("$.promotions", cart.promotions.len()),
        ("$.appliedCodes", cart.applied_codes.len()),
        ("$.tenders", cart.tenders.len()),
    ];
    if let Some((path, _)) = counts.iter().find(|(_, n)| *n > MAX_ENTRIES) {
        return Err(err(
            "TOO_MANY_ENTRIES",
            path,
            "at most 50 entries are allowed here",
        ));
    }
    // Paths are built only when something is wrong: formatting one per line up front was a
    // large share of a 100-line invoice.
    let check = |amount: &Money, path: LazyPath| -> Result<(), CodedError> {
        if amount.currency != cart.currency {
            return Err(err(
                "CURRENCY_MISMATCH",
                &path(),
                "every amount must be in the cart's currency",
            ));
        }
        if amount.minor < 0 {
            return Err(err(
                "NEGATIVE_AMOUNT",
                &path(),
                "this amount must not be negative",
            ));
        }
        Ok(())
    };
    for (i, line) in cart.lines.iter().enumerate() {
        let at = |field: &'static str| move || format!("$.lines[{i}].{field}");
        check(&line.unit_price, &at("unitPrice"))?;
        if let Some(price) = &line.member_unit_price {
            check(price, &at("memberUnitPrice"))?;
        }
        if line.quantity == 0 {
            return Err(err(
                "INVALID_QUANTITY",
                &at("quantity")(),
                "quantity must be at least 1",
            ));
        }
        if let Some(discount) = &line.discount {
            check_discount(discount, &at("discount"), &check)?;
        }
    }
    for (i, rate) in cart.tax.rates.iter().enumerate() {
        if rate.rate.exceeds_hundred() {
            return Err(err(
                "RATE_OVER_100",
                &format!("$.tax.rates[{i}].rate"),
                "a tax rate is at most 100 percent",
            ));
        }
    }
    for (i, d) in cart.cart_discounts.iter().enumerate() {
        check_discount(
            &d.discount,
            &|| format!("$.cartDiscounts[{i}].discount"),
            &check,
        )?;
    }
    for (i, p) in cart.promotions.iter().enumerate() {
        check_discount(
            &p.discount,
            &|| format!("$.promotions[{i}].discount"),
            &check,
        )?;
        if let Some(min) = &p.min_subtotal {
            check(min, &|| format!("$.promotions[{i}].minSubtotal"))?;
        }
    }
    if let Some(member) = &cart.member {
        if member.discount.exceeds_hundred() {
            return Err(err(
                "DISCOUNT_OVER_100",
                "$.member.discount",
                "a discount is at most 100 percent",
            ));
        }
    }
    if let Some(tip) = &cart.tip {
        check(tip, &|| "$.tip".into())?;
    }
    if let Some(deposit) = &cart.deposits_paid {
        check(deposit, &|| "$.depositsPaid".into())?;
    }
    for (i, tender) in cart.tenders.iter().enumerate() {
        check(&tender.available, &|| format!("$.tenders[{i}].available"))?;
    }
    Ok(())
}

/// A JSON path, built only when an error needs one.
type LazyPath<'a> = &'a dyn Fn() -> String;

/// Checks one amount of the cart (currency, sign), naming it by a lazy path.
type AmountCheck<'a> = &'a dyn Fn(&Money, LazyPath) -> Result<(), CodedError>;

fn check_discount(
    discount: &Discount,
    path: LazyPath,
    check: AmountCheck,
) -> Result<(), CodedError> {
    match discount {
        Discount::Percent(percent) if percent.exceeds_hundred() => Err(err(
            "DISCOUNT_OVER_100",
            &format!("{}.percent", path()),
            "a discount is at most 100 percent",
        )),
        Discount::Percent(_) => Ok(()),
        Discount::Fixed(amount) => check(amount, &|| format!("{}.fixed", path())),
    }
}

fn too_large(path: &str) -> CodedError {
    err(
        "AMOUNT_TOO_LARGE",
        path,
        "amounts are limited to 9007199254740991 minor units (2^53 - 1)",
    )
}

fn within_limit(value: i128, path: &str) -> Result<i64, CodedError> {
    i64::try_from(value)
        .ok()
        .filter(|v| v.unsigned_abs() <= MAX_MINOR.unsigned_abs())
        .ok_or_else(|| too_large(path))
}

/// Amount a discount takes off `base` (never more than `base`).
fn discount_amount(discount: &Discount, base: i64, rounding: Rounding) -> i64 {
    let off = match discount {
        Discount::Percent(percent) => percent.of(base, rounding),
        Discount::Fixed(amount) => amount.minor,
    };
    off.clamp(0, base.max(0))
}

fn price_line(
    cart: &Cart,
    index: usize,
    line: &Line,
    member: Option<&MemberPricing>,
) -> Result<Working, CodedError> {
    let insurance = line.insurance.is_some();
    let member_unit = member
        .and(line.member_unit_price.as_ref())
        .filter(|_| !insurance);
    let unit = member_unit.unwrap_or(&line.unit_price).minor;
    let gross = within_limit(i128::from(unit) * i128::from(line.quantity), "$.quantity")?;
    let mut working = Working {
        index,
        kind: line.kind,
        insurance,
        gross,
        line_discount: 0,
        cart_discount: 0,
    };
    if !working.discountable(&[]) {
        return Ok(working);
    }
    if let Some(discount) = &line.discount {
        working.line_discount = discount_amount(discount, gross, cart.rounding);
    }
    if let (Some(member), None) = (member, member_unit) {
        if working.discountable(&member.kinds) && !member.discount.is_zero() {
            let off = member.discount.of(working.base(), cart.rounding);
            working.line_discount += off.clamp(0, working.base());
        }
    }
    Ok(working)
}

/// Computes a cart-level discount once on the eligible base and allocates it by base.
fn apply_cart_discount(
    cart: &Cart,
    lines: &mut [Working],
    discount: &Discount,
    eligible: &Eligibility,
) -> Result<i64, CodedError> {
    let targets: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].discountable(&eligible.kinds))
        .collect();
    let base: i64 = targets.iter().map(|&i| lines[i].base()).sum();
    let taken = discount_amount(discount, base, cart.rounding);
    if taken == 0 {
        return Ok(0);
    }
    let weights: Vec<i64> = targets.iter().map(|&i| lines[i].base()).collect();
    let shares = allocate(money(cart, taken), &weights)?;
    for (&i, share) in targets.iter().zip(shares) {
        lines[i].cart_discount += share.minor;
    }
    Ok(taken)
}

fn apply_codes(
    cart: &Cart,
    lines: &mut [Working],
    discounts: &mut Vec<AppliedDiscount>,
) -> Result<Vec<RejectedCode>, CodedError> {
    let mut rejected = Vec::new();
    let mut used: Vec<usize> = Vec::new();
    for (index, entered) in cart.applied_codes.iter().enumerate() {
        let found = cart
            .promotions
            .iter()
            .position(|p| p.code.eq_ignore_ascii_case(entered.trim()));
        let reason = match found {
            None => Some(CodeRejection::Unknown),
            Some(p) if used.contains(&p) => Some(CodeRejection::Duplicate),
            Some(p) => promotion_rejection(cart, lines, &cart.promotions[p]),
        };
        match (reason, found) {
            (Some(reason), _) => rejected.push(RejectedCode { index, reason }),
            (None, Some(p)) => {
                used.push(p);
                let promotion = &cart.promotions[p];
                let taken =
                    apply_cart_discount(cart, lines, &promotion.discount, &promotion.eligible)
                        .map_err(|e| e.under(&format!("$.promotions[{p}]")))?;
                discounts.push(AppliedDiscount {
                    source: DiscountSource::Promotion,
                    index,
                    amount: money(cart, taken),
                });
            }
            (None, None) => {}
        }
    }
    Ok(rejected)
}

fn promotion_rejection(
    cart: &Cart,
    lines: &[Working],
    promotion: &Promotion,
) -> Option<CodeRejection> {
    if promotion.members_only && cart.member.is_none() {
        return Some(CodeRejection::MembersOnly);
    }
    if promotion.valid_from.is_some() || promotion.valid_until.is_some() {
        let Some(date) = cart.date else {
            return Some(CodeRejection::NoDate);
        };
        if promotion.valid_from.is_some_and(|from| date < from) {
            return Some(CodeRejection::NotYetValid);
        }
        if promotion.valid_until.is_some_and(|until| date > until) {
            return Some(CodeRejection::Expired);
        }
    }
    if let Some(min) = &promotion.min_subtotal {
        let base: i64 = lines
            .iter()
            .filter(|l| l.discountable(&promotion.eligible.kinds))
            .map(Working::base)
            .sum();
        if base < min.minor {
            return Some(CodeRejection::BelowMinimum);
        }
    }
    None
}

/// The rates that apply to each line, as bit sets over the policy's rates (at most
/// [`MAX_ENTRIES`] = 50 of them, so a `u64` holds any set). Categories are resolved once per
/// distinct category rather than once per line.
fn line_rate_sets(cart: &Cart, lines: &[Working]) -> Vec<u64> {
    let mut by_category: Vec<(&str, u64)> = Vec::new();
    lines
        .iter()
        .map(|w| {
            let line = &cart.lines[w.index];
            let Some(category) = line.tax_category.as_deref() else {
                return 0;
            };
            if w.insurance || w.kind == LineKind::GiftCard {
                return 0;
            }
            if let Some(&(_, set)) = by_category.iter().find(|(c, _)| *c == category) {
                return set;
            }
            let set = cart
                .tax
                .rates
                .iter()
                .enumerate()
                .filter(|(_, rate)| rate.categories.iter().any(|c| c == category))
                .fold(0u64, |set, (r, _)| set | (1 << r));
            by_category.push((category, set));
            set
        })
        .collect()
}

/// The rate indices in a set, in policy order (lowest bit first, one step per member).
fn rates_in(mut set: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        (set != 0).then(|| {
            let rate = set.trailing_zeros() as usize;
            set &= set - 1;
            rate
        })
    })
}

/// Tax per line and rate, in a flat table: `tax[line * rate_count + rate]`.
struct TaxTable {
    sets: Vec<u64>,
    rate_count: usize,
    tax: Vec<i64>,
}

impl TaxTable {
    fn line(&self, line: usize) -> &[i64] {
        &self.tax[line * self.rate_count..(line + 1) * self.rate_count]
    }
}

fn apply_taxes(cart: &Cart, lines: &[Working]) -> Result<TaxTable, CodedError> {
    let rate_count = cart.tax.rates.len();
    let sets = line_rate_sets(cart, lines);
    let mut table = TaxTable {
        tax: vec![0; lines.len() * rate_count],
        sets,
        rate_count,
    };
    let policy = &cart.tax;
    match (policy.basis, policy.rounding_point) {
        (TaxBasis::Exclusive, TaxRounding::PerLine) => {
            for (i, line) in lines.iter().enumerate() {
                for r in rates_in(table.sets[i]) {
                    table.tax[i * rate_count + r] =
                        policy.rates[r].rate.of(line.base(), policy.rounding);
                }
            }
        }
        (TaxBasis::Exclusive, TaxRounding::PerInvoice) => {
            for r in 0..rate_count {
                let members: Vec<usize> = (0..lines.len())
                    .filter(|&i| table.sets[i] & (1 << r) != 0)
                    .collect();
                let base: i64 = members.iter().map(|&i| lines[i].base()).sum();
                let tax = policy.rates[r].rate.of(base, policy.rounding);
                let weights: Vec<i64> = members.iter().map(|&i| lines[i].base()).collect();
                for (&i, share) in members.iter().zip(shares(cart, tax, &weights)?) {
                    table.tax[i * rate_count + r] = share;
                }
            }
        }
        (TaxBasis::Inclusive, TaxRounding::PerLine) => {
            for (i, line) in lines.iter().enumerate() {
                let set = table.sets[i];
                let tax = inclusive_tax(cart, line.base(), set);
                split_across_rates(
                    cart,
                    tax,
                    set,
                    &mut table.tax[i * rate_count..(i + 1) * rate_count],
                )?;
            }
        }
        (TaxBasis::Inclusive, TaxRounding::PerInvoice) => {
            // Lines sharing one set of rates are taxed together, once, then allocated back.
            let mut groups: Vec<u64> = table.sets.iter().copied().filter(|&set| set != 0).collect();
            groups.sort_unstable();
            groups.dedup();
            for set in groups {
                let members: Vec<usize> =
                    (0..lines.len()).filter(|&i| table.sets[i] == set).collect();
                let weights: Vec<i64> = members.iter().map(|&i| lines[i].base()).collect();
                let tax = inclusive_tax(cart, weights.iter().sum(), set);
                for (&i, share) in members.iter().zip(shares(cart, tax, &weights)?) {
                    split_across_rates(
                        cart,
                        share,
                        set,
                        &mut table.tax[i * rate_count..(i + 1) * rate_count],
                    )?;
                }
            }
        }
    }
    Ok(table)
}

/// `amount` allocated by `weights`; all zeros when there is nothing to split or nothing to weigh.
fn shares(cart: &Cart, amount: i64, weights: &[i64]) -> Result<Vec<i64>, CodedError> {
    if amount == 0 || !weights.iter().any(|&w| w > 0) {
        return Ok(vec![0; weights.len()]);
    }
    Ok(allocate(money(cart, amount), weights)?
        .into_iter()
        .map(|m| m.minor)
        .collect())
}

/// The tax inside a tax-inclusive amount at the combined rate of the rates in `set`.
fn inclusive_tax(cart: &Cart, amount: i64, set: u64) -> i64 {
    let combined: i128 = rates_in(set)
        .map(|r| cart.tax.rates[r].rate.scaled_millionths())
        .sum();
    let hundred = i128::from(100) * 1_000_000;
    let exact = |numerator: i128, denominator: i128| {
        crate::div_round(numerator, denominator, cart.tax.rounding)
            .and_then(|v| i64::try_from(v).ok())
            .unwrap_or(0)
    };
    match cart.tax.inclusive {
        InclusiveRounding::RoundTax => exact(i128::from(amount) * combined, hundred + combined),
        InclusiveRounding::RoundNet => {
            amount - exact(i128::from(amount) * hundred, hundred + combined)
        }
    }
}

/// Splits a line's tax across the rates in `set` in proportion to the rates, by largest
/// remainder, writing each rate's part into `row[rate]`.
fn split_across_rates(cart: &Cart, tax: i64, set: u64, row: &mut [i64]) -> Result<(), CodedError> {
    let rates: Vec<usize> = rates_in(set).collect();
    let weights: Vec<i64> = rates
        .iter()
        .map(|&r| i64::try_from(cart.tax.rates[r].rate.scaled_millionths()).unwrap_or(0))
        .collect();
    for (&r, share) in rates.iter().zip(shares(cart, tax, &weights)?) {
        row[r] = share;
    }
    Ok(())
}

fn totals(
    cart: &Cart,
    working: Vec<Working>,
    table: TaxTable,
    discounts: Vec<AppliedDiscount>,
    rejected_codes: Vec<RejectedCode>,
) -> Result<Quote, CodedError> {
    let inclusive = cart.tax.basis == TaxBasis::Inclusive;
    let mut lines = Vec::with_capacity(working.len());
    let mut rate_taxable = vec![0i128; cart.tax.rates.len()];
    let mut rate_tax = vec![0i128; cart.tax.rates.len()];
    let (mut subtotal, mut discount_total, mut net_total, mut tax_total, mut total) =
        (0i128, 0i128, 0i128, 0i128, 0i128);
    let mut insurance = InsuranceSection {
        lines: Vec::new(),
        total: money(cart, 0),
    };
    let mut insurance_total = 0i128;
    for (i, w) in working.iter().enumerate() {
        let row = table.line(i);
        let tax: i64 = row.iter().sum();
        let after_discounts = w.base();
        // Inclusive prices already hold the tax: the net is what is left once it is taken out.
        let (net, line_total) = if inclusive {
            (after_discounts - tax, after_discounts)
        } else {
            (after_discounts, after_discounts + tax)
        };
        for r in rates_in(table.sets[i]) {
            rate_taxable[r] += i128::from(net);
            rate_tax[r] += i128::from(row[r]);
        }
        let line = &cart.lines[w.index];
        let section = if w.insurance {
            Section::Insurance
        } else {
            Section::Client
        };
        if w.insurance {
            insurance.lines.push(w.index);
            insurance_total += i128::from(line_total);
        } else {
            subtotal += i128::from(w.gross);
            discount_total += i128::from(w.line_discount + w.cart_discount);
            net_total += i128::from(net);
            tax_total += i128::from(tax);
            total += i128::from(line_total);
        }
        lines.push(PricedLine {
            index: w.index,
            id: line.id.clone(),
            section,
            gross: money(cart, w.gross),
            line_discount: money(cart, w.line_discount),
            cart_discount: money(cart, w.cart_discount),
            net: money(cart, net),
            tax: money(cart, tax),
            taxes: rates_in(table.sets[i])
                .map(|r| LineTax {
                    rate: r,
                    amount: money(cart, row[r]),
                })
                .collect(),
            total: money(cart, line_total),
            insurance: line.insurance.clone(),
        });
    }
    let tip = cart.tip.map_or(0, |t| t.minor);
    let total = within_limit(total + i128::from(tip), "$")?;
    let deposits_applied = cart.deposits_paid.map_or(0, |d| d.minor).min(total);
    let mut balance = total - deposits_applied;
    let mut tenders = Vec::new();
    for (index, tender) in cart.tenders.iter().enumerate() {
        let applied = tender.available.minor.min(balance);
        balance -= applied;
        if applied > 0 {
            tenders.push(AppliedTender {
                index,
                kind: tender.kind,
                applied: money(cart, applied),
            });
        }
    }
    insurance.total = money(cart, within_limit(insurance_total, "$")?);
    let taxes = cart
        .tax
        .rates
        .iter()
        .enumerate()
        .map(|(r, rate)| {
            Ok(RateTotal {
                rate_id: rate.id.clone(),
                rate: rate.rate,
                taxable: money(cart, within_limit(rate_taxable[r], "$")?),
                tax: money(cart, within_limit(rate_tax[r], "$")?),
            })
        })
        .collect::<Result<Vec<_>, CodedError>>()?;
    Ok(Quote {
        lines,
        taxes,
        discounts,
        rejected_codes,
        subtotal: money(cart, within_limit(subtotal, "$")?),
        discount_total: money(cart, within_limit(discount_total, "$")?),
        net_total: money(cart, within_limit(net_total, "$")?),
        tax_total: money(cart, within_limit(tax_total, "$")?),
        tip: money(cart, tip),
        total: money(cart, total),
        deposits_applied: money(cart, deposits_applied),
        tenders,
        balance_due: money(cart, balance),
        insurance,
    })
}
