//! Criterion benchmarks of cart pricing: a 100-line invoice with cart discounts and three tax
//! rates (target: under 20 µs), and a small 3-line quote.

#![allow(
    missing_docs,
    reason = "criterion's macros generate undocumented functions"
)]

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use medspa_billing::cart::{invoice, quote, Cart};

/// 100 lines of mixed kinds and prices, three rates, a percent and a fixed cart discount, a
/// promotional code, a tip, a deposit and a gift card.
fn hundred_line_cart() -> Cart {
    let kinds = ["service", "retail", "package", "membership"];
    let lines: Vec<String> = (0..100)
        .map(|i| {
            let category = if i % 3 == 0 { r#","taxCategory":"goods""# } else { r#","taxCategory":"services""# };
            let discount = if i % 7 == 0 { r#","discount":{"percent":"15"}"# } else { "" };
            format!(
                r#"{{"kind":"{}","quantity":{},"unitPrice":{{"minor":{},"currency":"USD"}}{category}{discount}}}"#,
                kinds[i % 4],
                1 + i % 3,
                1_999 + i * 137
            )
        })
        .collect();
    let json = format!(
        r#"{{"currency":"USD","date":"2025-06-01","lines":[{}],
        "tax":{{"rates":[{{"id":"state","rate":"4","categories":["goods","services"]}},
                         {{"id":"city","rate":"4.5","categories":["goods"]}},
                         {{"id":"mctd","rate":"0.375","categories":["goods","services"]}}]}},
        "cartDiscounts":[{{"discount":{{"percent":"10"}}}},{{"discount":{{"fixed":{{"minor":2500,"currency":"USD"}}}},"eligible":{{"kinds":["retail"]}}}}],
        "promotions":[{{"code":"GLOW","discount":{{"percent":"5"}}}}],"appliedCodes":["GLOW"],
        "tip":{{"minor":2000,"currency":"USD"}},"depositsPaid":{{"minor":10000,"currency":"USD"}},
        "tenders":[{{"kind":"gift_card","available":{{"minor":5000,"currency":"USD"}}}}]}}"#,
        lines.join(",")
    );
    serde_json::from_str(&json).expect("benchmark cart is valid")
}

fn three_line_cart() -> Cart {
    serde_json::from_str(
        r#"{"currency":"USD","lines":[
        {"kind":"service","quantity":1,"unitPrice":{"minor":60000,"currency":"USD"}},
        {"kind":"retail","quantity":2,"unitPrice":{"minor":4500,"currency":"USD"},"taxCategory":"goods"},
        {"kind":"package","quantity":1,"unitPrice":{"minor":120000,"currency":"USD"}}],
        "tax":{"rates":[{"id":"state","rate":"8.875","categories":["goods"]}]},
        "cartDiscounts":[{"discount":{"percent":"10"}}]}"#,
    )
    .expect("benchmark cart is valid")
}

fn benches(c: &mut Criterion) {
    let big = hundred_line_cart();
    let small = three_line_cart();
    c.bench_function("invoice/100 lines, 3 rates, 2 cart discounts, promo", |b| {
        b.iter(|| invoice(black_box(&big)).expect("prices"))
    });
    c.bench_function("quote/3 lines", |b| {
        b.iter(|| quote(black_box(&small)).expect("prices"))
    });
}

criterion_group!(cart, benches);
criterion_main!(cart);
