//! Worked examples and properties of `quote` / `invoice`: every figure is checked by hand in
//! the comments, and the properties check that the totals always add up.

use medspa_billing::cart::{invoice, quote, Cart, CodeRejection, Quote, Section};

fn cart(json: &str) -> Cart {
    serde_json::from_str(json).expect("valid cart JSON")
}

fn usd(minor: i64) -> String {
    format!(r#"{{"minor":{minor},"currency":"USD"}}"#)
}

fn line(kind: &str, minor: i64, extra: &str) -> String {
    format!(
        r#"{{"kind":"{kind}","quantity":1,"unitPrice":{}{extra}}}"#,
        usd(minor)
    )
}

fn priced(json: &str) -> Quote {
    quote(&cart(json)).expect("cart prices")
}

fn line_taxes(q: &Quote) -> Vec<i64> {
    q.lines.iter().map(|l| l.tax.minor).collect()
}

const NYC: &str = r#""tax": {"rates": [
    {"id": "state", "rate": "4", "categories": ["goods"]},
    {"id": "city", "rate": "4.5", "categories": ["goods"]},
    {"id": "mctd", "rate": "0.375", "categories": ["goods"]}]}"#;

#[test]
fn tax_rounds_half_up_or_half_even_as_asked() {
    // 8.875 % of $12.00 = 106.5 cents: half up → 107, half even → 106.
    let goods = line("retail", 1200, r#","taxCategory":"goods""#);
    let half_up = priced(&format!(
        r#"{{"currency":"USD","lines":[{goods}],"tax":{{"rates":[{{"id":"ny","rate":"8.875","categories":["goods"]}}]}}}}"#
    ));
    assert_eq!(half_up.tax_total.minor, 107);
    let half_even = priced(&format!(
        r#"{{"currency":"USD","lines":[{goods}],"tax":{{"rounding":"half_even","rates":[{{"id":"ny","rate":"8.875","categories":["goods"]}}]}}}}"#
    ));
    assert_eq!(half_even.tax_total.minor, 106);
}

#[test]
fn per_invoice_tax_differs_from_per_line_on_small_lines() {
    // Ten 10-cent items. Per line: 4 % of 10 = 0.4 → 0, 4.5 % → 0.45 → 0, 0.375 % → 0: no tax.
    // Per invoice: on $1.00, 4 + 4.5 → 5 + 0.375 → 0 = 9 cents, allocated back by equal bases.
    let lines: Vec<String> = (0..10)
        .map(|_| line("retail", 10, r#","taxCategory":"goods""#))
        .collect();
    let lines = lines.join(",");
    let per_line = priced(&format!(r#"{{"currency":"USD","lines":[{lines}],{NYC}}}"#));
    assert_eq!(per_line.tax_total.minor, 0);
    let per_invoice_policy =
        NYC.replace(r#""tax": {"#, r#""tax": {"roundingPoint": "per_invoice","#);
    let per_invoice = priced(&format!(
        r#"{{"currency":"USD","lines":[{lines}],{per_invoice_policy}}}"#
    ));
    assert_eq!(per_invoice.tax_total.minor, 9);
    let by_rate: Vec<i64> = per_invoice.taxes.iter().map(|t| t.tax.minor).collect();
    assert_eq!(by_rate, [4, 5, 0]);
    // State 4 cents go to lines 0..3, city 5 cents to lines 0..4: ties go to the lowest index.
    assert_eq!(line_taxes(&per_invoice), [2, 2, 2, 2, 1, 0, 0, 0, 0, 0]);
}

#[test]
fn inclusive_prices_extract_tax_rounding_tax_or_net() {
    let vat = r#""basis":"inclusive","rates":[{"id":"vat","rate":"20","categories":["std"]}]"#;
    let gbp_line = r#"{"kind":"retail","quantity":1,"unitPrice":{"minor":1000,"currency":"GBP"},"taxCategory":"std"}"#;
    let two = format!("{gbp_line},{gbp_line}");
    // £10.00 incl. 20 % VAT holds 1000 × 20/120 = 166.67: round_tax → 167 each, 334 in all.
    let q = priced(&format!(
        r#"{{"currency":"GBP","lines":[{two}],"tax":{{{vat}}}}}"#
    ));
    assert_eq!(line_taxes(&q), [167, 167]);
    assert_eq!((q.net_total.minor, q.total.minor), (1666, 2000));
    // Per invoice: 2000 × 20/120 = 333.33 → 333, allocated 167 / 166.
    let q = priced(&format!(
        r#"{{"currency":"GBP","lines":[{two}],"tax":{{"roundingPoint":"per_invoice",{vat}}}}}"#
    ));
    assert_eq!(line_taxes(&q), [167, 166]);
    // round_net: net = 1000 × 100/120 = 833.33 → 833, so tax = 167; with "down", net 833 too.
    let q = priced(&format!(
        r#"{{"currency":"GBP","lines":[{gbp_line}],"tax":{{"inclusive":"round_net",{vat}}}}}"#
    ));
    assert_eq!((q.net_total.minor, q.tax_total.minor), (833, 167));
}

#[test]
fn cart_discount_is_computed_once_and_allocated_by_base() {
    // $100 + $200 + $300 with 10 % off the $200 line first: bases 100, 180, 300 = 580.
    // A $50 cart discount splits 580ths: 8.62, 15.52, 25.86 → floors 8, 15, 25 + 2 leftover units
    // to the largest remainders (.86 on line 2, .62 on line 0) → 9, 15, 26.
    let q = priced(&format!(
        r#"{{"currency":"USD","lines":[{},{},{}],"cartDiscounts":[{{"discount":{{"fixed":{}}}}}]}}"#,
        line("service", 10_000, ""),
        line("service", 20_000, r#","discount":{"percent":"10"}"#),
        line("service", 30_000, ""),
        usd(5_000)
    ));
    let cart_shares: Vec<i64> = q.lines.iter().map(|l| l.cart_discount.minor).collect();
    assert_eq!(cart_shares, [862, 1552, 2586]);
    assert_eq!(q.lines[1].line_discount.minor, 2_000);
    assert_eq!(q.discount_total.minor, 7_000);
    assert_eq!(q.total.minor, 53_000);
}

#[test]
fn fixed_discounts_are_capped_and_gift_cards_untouched() {
    // $50 off a cart whose only discountable line is $30: $30 off; the gift card keeps its $100.
    let q = priced(&format!(
        r#"{{"currency":"USD","lines":[{},{}],"cartDiscounts":[{{"discount":{{"fixed":{}}}}}],{NYC}}}"#,
        line("retail", 3_000, ""),
        line("gift_card", 10_000, r#","taxCategory":"goods""#),
        usd(5_000)
    ));
    assert_eq!(q.discount_total.minor, 3_000);
    assert_eq!(
        (q.lines[1].cart_discount.minor, q.lines[1].tax.minor),
        (0, 0)
    );
    assert_eq!(q.total.minor, 10_000);
}

#[test]
fn insurance_lines_are_kept_apart_with_their_codes() {
    let q = priced(&format!(
        r#"{{"currency":"USD","lines":[{},{}],"cartDiscounts":[{{"discount":{{"percent":"50"}}}}]}}"#,
        line("service", 40_000, ""),
        line(
            "service",
            25_000,
            r#","insurance":{"cpt":["17110"],"icd10":["B07.8"]}"#
        )
    ));
    assert_eq!(q.lines[1].section, Section::Insurance);
    assert_eq!(q.lines[1].cart_discount.minor, 0);
    assert_eq!(q.insurance.lines, vec![1]);
    assert_eq!(q.insurance.total.minor, 25_000);
    assert_eq!(q.total.minor, 20_000);
    assert_eq!(
        q.lines[1].insurance.as_ref().map(|c| c.cpt.clone()),
        Some(vec!["17110".to_string()])
    );
}

#[test]
fn promotional_codes_apply_or_say_why_not() {
    let promotions = format!(
        r#"[{{"code":"GLOW10","discount":{{"percent":"10"}}}},
            {{"code":"SPRING","discount":{{"fixed":{}}},"validUntil":"2025-05-31"}},
            {{"code":"BIG","discount":{{"fixed":{}}},"minSubtotal":{}}},
            {{"code":"VIP","discount":{{"percent":"5"}},"membersOnly":true}}]"#,
        usd(1_000),
        usd(1_000),
        usd(100_000)
    );
    let q = priced(&format!(
        r#"{{"currency":"USD","date":"2025-06-15","lines":[{}],"promotions":{promotions},
            "appliedCodes":["glow10","SPRING","BIG","VIP","NOPE","GLOW10"]}}"#,
        line("service", 20_000, "")
    ));
    let reasons: Vec<(usize, CodeRejection)> = q
        .rejected_codes
        .iter()
        .map(|r| (r.index, r.reason))
        .collect();
    assert_eq!(
        reasons,
        [
            (1, CodeRejection::Expired),
            (2, CodeRejection::BelowMinimum),
            (3, CodeRejection::MembersOnly),
            (4, CodeRejection::Unknown),
            (5, CodeRejection::Duplicate)
        ]
    );
    assert_eq!(q.discount_total.minor, 2_000);
    let err = invoice(&cart(&format!(
        r#"{{"currency":"USD","lines":[{}],"appliedCodes":["NOPE"]}}"#,
        line("service", 100, "")
    )))
    .unwrap_err();
    assert_eq!(
        (err.code, err.path.as_str()),
        ("CODE_REJECTED", "$.appliedCodes[0]")
    );
}

#[test]
fn member_pricing_uses_the_member_price_or_the_member_discount() {
    let member = r#""member":{"discount":"15","kinds":["service"]}"#;
    let q = priced(&format!(
        r#"{{"currency":"USD","lines":[{},{},{}],{member}}}"#,
        line(
            "service",
            10_000,
            &format!(r#","memberUnitPrice":{}"#, usd(8_000))
        ),
        line("service", 10_000, ""),
        line("retail", 10_000, "")
    ));
    let gross: Vec<i64> = q.lines.iter().map(|l| l.gross.minor).collect();
    let line_discounts: Vec<i64> = q.lines.iter().map(|l| l.line_discount.minor).collect();
    assert_eq!(gross, [8_000, 10_000, 10_000]);
    assert_eq!(line_discounts, [0, 1_500, 0]);
}

#[test]
fn tip_deposits_and_tenders_settle_the_balance_after_tax() {
    // $200 retail + 8.875 % = $217.75; tip $20 → $237.75; deposit $50; gift card $150 of $500
    // balance covers the rest except $37.75, which store credit of $30 reduces to $7.75.
    let q = priced(&format!(
        r#"{{"currency":"USD","lines":[{}],{NYC},"tip":{},"depositsPaid":{},
            "tenders":[{{"kind":"gift_card","available":{}}},{{"kind":"store_credit","available":{}}}]}}"#,
        line("retail", 20_000, r#","taxCategory":"goods""#),
        usd(2_000),
        usd(5_000),
        usd(15_000),
        usd(3_000)
    ));
    assert_eq!(q.tax_total.minor, 1_775);
    assert_eq!(q.total.minor, 23_775);
    assert_eq!(q.deposits_applied.minor, 5_000);
    let applied: Vec<i64> = q.tenders.iter().map(|t| t.applied.minor).collect();
    assert_eq!(applied, [15_000, 3_000]);
    assert_eq!(q.balance_due.minor, 775);
}

#[test]
fn caller_mistakes_have_codes_and_paths() {
    let check = |json: String, code: &str, path: &str| {
        let err = quote(&cart(&json)).expect_err("should be rejected");
        assert_eq!((err.code, err.path.as_str()), (code, path), "{json}");
    };
    check(
        format!(
            r#"{{"currency":"USD","lines":[{},{}]}}"#,
            line("retail", 1, ""),
            r#"{"kind":"retail","quantity":1,"unitPrice":{"minor":1,"currency":"EUR"}}"#
        ),
        "CURRENCY_MISMATCH",
        "$.lines[1].unitPrice",
    );
    check(
        r#"{"currency":"USD","lines":[{"kind":"retail","quantity":0,"unitPrice":{"minor":1,"currency":"USD"}}]}"#.into(),
        "INVALID_QUANTITY",
        "$.lines[0].quantity",
    );
    check(
        format!(
            r#"{{"currency":"USD","lines":[{}],"cartDiscounts":[{{"discount":{{"percent":"120"}}}}]}}"#,
            line("retail", 1, "")
        ),
        "DISCOUNT_OVER_100",
        "$.cartDiscounts[0].discount.percent",
    );
    check(
        format!(
            r#"{{"currency":"USD","lines":[{}]}}"#,
            line("retail", -5, "")
        ),
        "NEGATIVE_AMOUNT",
        "$.lines[0].unitPrice",
    );
    check(
        r#"{"currency":"USD","lines":[{"kind":"retail","quantity":4000000000,"unitPrice":{"minor":9007199254740991,"currency":"USD"}}]}"#.into(),
        "AMOUNT_TOO_LARGE",
        "$.lines[0].quantity",
    );
}

#[test]
fn decoding_reports_paths_inside_the_cart() {
    let decode = |json: &str| {
        medspa_errors::decode::<Cart, _>(&mut serde_json::Deserializer::from_str(json))
    };
    let err = decode(r#"{"currency":"USD","lines":[{"kind":"retail","quantity":1,"unitPrice":{"minor":1,"currency":"USD"},"discount":{"percent":"ten"}}]}"#).unwrap_err();
    assert_eq!(
        (err.code, err.path.as_str()),
        ("INVALID_PERCENT", "$.lines[0].discount.percent")
    );
    let err = decode(r#"{"currency":"usd","lines":[]}"#).unwrap_err();
    assert_eq!(
        (err.code, err.path.as_str()),
        ("UNKNOWN_CURRENCY", "$.currency")
    );
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn arbitrary_cart() -> impl Strategy<Value = String> {
        let line = (0u8..5, 0i64..2_000_000, 1u32..5, 0u8..4, 0u8..3, any::<bool>()).prop_map(
            |(kind, price, quantity, discount, category, insured)| {
                let kind = ["service", "retail", "package", "membership", "gift_card"][kind as usize];
                let discount = match discount {
                    0 => String::new(),
                    1 => r#","discount":{"percent":"12.5"}"#.to_string(),
                    2 => format!(r#","discount":{{"fixed":{}}}"#, usd(price / 3)),
                    _ => format!(r#","discount":{{"fixed":{}}}"#, usd(price * 2)),
                };
                let category = ["", r#","taxCategory":"goods""#, r#","taxCategory":"services""#][category as usize];
                let insurance = if insured { r#","insurance":{"cpt":["1"]}"# } else { "" };
                format!(r#"{{"kind":"{kind}","quantity":{quantity},"unitPrice":{}{discount}{category}{insurance}}}"#, usd(price))
            },
        );
        (
            prop::collection::vec(line, 0..12),
            any::<bool>(),
            any::<bool>(),
            0i64..500_000,
            0i64..500_000,
            0u8..3,
        )
            .prop_map(|(lines, inclusive, per_invoice, fixed_off, tender, rounding)| {
                let rounding = ["half_up", "half_even", "down"][rounding as usize];
                format!(
                    r#"{{"currency":"USD","lines":[{}],"rounding":"{rounding}",
                    "tax":{{"basis":"{}","roundingPoint":"{}","rounding":"{rounding}","rates":[
                        {{"id":"a","rate":"6.25","categories":["goods","services"]}},
                        {{"id":"b","rate":"2.375","categories":["goods"]}}]}},
                    "cartDiscounts":[{{"discount":{{"percent":"7"}}}},{{"discount":{{"fixed":{}}},"eligible":{{"kinds":["service","retail"]}}}}],
                    "tip":{},"depositsPaid":{},"tenders":[{{"kind":"gift_card","available":{}}}]}}"#,
                    lines.join(","),
                    if inclusive { "inclusive" } else { "exclusive" },
                    if per_invoice { "per_invoice" } else { "per_line" },
                    usd(fixed_off),
                    usd(fixed_off / 7),
                    usd(tender / 2),
                    usd(tender)
                )
            })
    }

    proptest! {
        #[test]
        fn totals_always_add_up(json in arbitrary_cart()) {
            let q = quote(&cart(&json)).expect("generated carts are valid");
            let client: Vec<_> = q.lines.iter().filter(|l| l.section == Section::Client).collect();
            let sum = |f: &dyn Fn(&&medspa_billing::cart::PricedLine) -> i64| client.iter().map(f).sum::<i64>();
            prop_assert_eq!(sum(&|l| l.total.minor) + q.tip.minor, q.total.minor);
            prop_assert_eq!(sum(&|l| l.tax.minor), q.tax_total.minor);
            prop_assert_eq!(q.taxes.iter().map(|t| t.tax.minor).sum::<i64>(), q.lines.iter().map(|l| l.tax.minor).sum::<i64>());
            prop_assert_eq!(sum(&|l| l.line_discount.minor + l.cart_discount.minor), q.discount_total.minor);
            prop_assert_eq!(q.discounts.iter().map(|d| d.amount.minor).sum::<i64>(), sum(&|l| l.cart_discount.minor));
            for l in &q.lines {
                prop_assert_eq!(l.taxes.iter().map(|t| t.amount.minor).sum::<i64>(), l.tax.minor);
                prop_assert!(l.net.minor >= 0 && l.tax.minor >= 0 && l.total.minor >= 0);
                prop_assert!(l.line_discount.minor + l.cart_discount.minor <= l.gross.minor);
            }
            prop_assert_eq!(q.subtotal.minor - q.discount_total.minor, sum(&|l| l.net.minor + l.tax.minor) - if json.contains("\"exclusive\"") { q.tax_total.minor } else { 0 });
            let tendered: i64 = q.tenders.iter().map(|t| t.applied.minor).sum();
            prop_assert_eq!(q.total.minor - q.deposits_applied.minor - tendered, q.balance_due.minor);
            prop_assert!(q.balance_due.minor >= 0 && q.total.minor >= 0);
        }
    }
}
