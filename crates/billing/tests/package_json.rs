//! The package operations' JSON contract: camelCase fields, snake_case enums, coded errors with
//! JSON paths into the request, and no input text in any error.

use medspa_billing::package::{
    deferred_revenue, package_refund, package_schedule, package_usage, DeferredRevenueRequest,
    PackageRefundRequest, PackageScheduleRequest, PackageUsageRequest,
};
use medspa_errors::{decode, CodedError};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

fn parse<T: DeserializeOwned>(request: &Value) -> Result<T, CodedError> {
    decode(request.clone())
}

/// $1,000 for 3 neurotoxin ($300 list) + 1 filler ($650 list), $80 tax, expiring 2025-04-01.
fn purchase(redemptions: Value) -> Value {
    json!({
        "package": {
            "price": {"minor": 100_000, "currency": "USD"},
            "items": [
                {"serviceId": "neurotoxin", "name": "Neurotoxin", "sessions": 3, "listPrice": {"minor": 30_000, "currency": "USD"}},
                {"serviceId": "filler", "name": "Filler", "sessions": 1, "listPrice": {"minor": 65_000, "currency": "USD"}}
            ],
            "expiresOn": "2025-04-01"
        },
        "purchasedOn": "2025-01-02",
        "taxPaid": {"minor": 8_000, "currency": "USD"},
        "redemptions": redemptions
    })
}

#[test]
fn a_schedule_from_json() {
    let request = json!({"package": purchase(json!([]))["package"]});
    let valuation = package_schedule(&parse::<PackageScheduleRequest>(&request).unwrap()).unwrap();
    let out = serde_json::to_value(&valuation).unwrap();
    // 193.55 ×3 + 419.35 = 1,000.00 (see the package_schedule doctest for the arithmetic).
    assert_eq!(
        out["items"][0]["sessionValues"][2],
        json!({"minor": 19_355, "currency": "USD"})
    );
    assert_eq!(
        out["items"][1]["value"],
        json!({"minor": 41_935, "currency": "USD"})
    );
    assert_eq!(out["listValue"]["minor"], json!(155_000));
    assert_eq!(out["sessions"], json!(4));
}

#[test]
fn a_refund_from_json_explains_itself() {
    let request = json!({
        "purchase": purchase(json!([{"serviceId": "filler", "redeemedOn": "2025-01-20"}])),
        "refundOn": "2025-02-01",
        "policy": {"basis": "list_price_deduction", "fee": {"fixed": {"minor": 2_500, "currency": "USD"}, "percentOfPrice": "1"}}
    });
    let refund = package_refund(&parse::<PackageRefundRequest>(&request).unwrap()).unwrap();
    let out = serde_json::to_value(&refund).unwrap();
    // 1000 − 650 (filler at list) − (25 + 1 % of 1000) = 315.00; tax 80 × 0.315 = 25.20.
    let steps: Vec<(String, i64)> = out["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["label"].as_str().unwrap().to_string(),
                s["amount"]["minor"].as_i64().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("price_paid", 100_000),
        ("used_list_value", -65_000),
        ("cancellation_fee", -3_500),
        ("refund", 31_500),
        ("tax_refund", 2_520),
        ("total_refund", 34_020),
    ];
    assert_eq!(steps, expected.map(|(l, a)| (l.to_string(), a)).to_vec());
    assert_eq!(out["usedValue"]["minor"], json!(41_935));
    assert_eq!(out["expired"], json!(false));
}

#[test]
fn deferred_revenue_from_json() {
    let mut request = json!({
        "purchases": [purchase(json!([{"itemIndex": 0, "redeemedOn": "2025-01-10"}]))],
        "asOf": "2025-01-31"
    });
    let report = deferred_revenue(&parse::<DeferredRevenueRequest>(&request).unwrap()).unwrap();
    let out = serde_json::to_value(&report).unwrap();
    assert_eq!(
        out["deferredTotals"],
        json!([{"minor": 80_645, "currency": "USD"}])
    );
    assert_eq!(out["purchases"][0]["state"], json!("active"));
    assert_eq!(out["purchases"][0]["schedule"][1]["kind"], json!("expiry"));
    assert_eq!(out["purchases"][0]["schedule"][1]["itemIndex"], Value::Null);
    assert_eq!(
        out["purchases"][0]["schedule"][1]["on"],
        json!("2025-04-01")
    );

    // 10 % expected unused: 193.55 / 0.9 = 215.06 recognised on 10 January.
    request["breakage"] = json!({"method": "proportional", "expectedUnused": "10"});
    let report = deferred_revenue(&parse::<DeferredRevenueRequest>(&request).unwrap()).unwrap();
    assert_eq!(report.purchases[0].recognised.minor, 21_506);
}

#[test]
fn usage_lists_every_session() {
    let request =
        json!({"purchase": purchase(json!([{"itemIndex": 0, "redeemedOn": "2025-01-10"}]))});
    let usage = package_usage(&parse::<PackageUsageRequest>(&request).unwrap()).unwrap();
    let out = serde_json::to_value(&usage).unwrap();
    assert_eq!(
        out["sessions"][0],
        json!({"itemIndex": 0, "session": 1, "value": {"minor": 19_355, "currency": "USD"}, "redeemedOn": "2025-01-10"})
    );
    assert_eq!(out["sessions"][1]["redeemedOn"], Value::Null);
}

/// Runs a request through decoding and the operation, returning the error.
fn refund_error(request: Value) -> CodedError {
    parse::<PackageRefundRequest>(&request)
        .and_then(|request| package_refund(&request))
        .expect_err("the request should be rejected")
}

#[test]
fn errors_carry_codes_and_json_paths() {
    let policy = json!({"basis": "pro_rata"});
    let with =
        |purchase: Value| json!({"purchase": purchase, "refundOn": "2025-02-01", "policy": policy});
    let mut zero_sessions = purchase(json!([]));
    zero_sessions["package"]["items"][1]["sessions"] = json!(0);
    let mut euro = purchase(json!([]));
    euro["package"]["items"][1]["listPrice"]["currency"] = json!("EUR");
    let mut unknown_field = purchase(json!([]));
    unknown_field["package"]["items"][0]["colour"] = json!("red");
    let cases = [
        (
            with(zero_sessions),
            "NO_SESSIONS",
            "$.purchase.package.items[1].sessions",
        ),
        (
            with(euro),
            "CURRENCY_MISMATCH",
            "$.purchase.package.items[1].listPrice",
        ),
        (
            with(unknown_field),
            "UNKNOWN_FIELD",
            "$.purchase.package.items[0]",
        ),
        (
            with(purchase(
                json!([{"itemIndex": 1, "redeemedOn": "2025-01-05"}, {"itemIndex": 1, "redeemedOn": "2025-01-04"}]),
            )),
            "OVER_REDEEMED",
            "$.purchase.redemptions[0]",
        ),
        (
            with(purchase(
                json!([{"itemIndex": 0, "redeemedOn": "2025-04-01"}]),
            )),
            "REDEEMED_AFTER_EXPIRY",
            "$.purchase.redemptions[0].redeemedOn",
        ),
        (
            json!({"purchase": purchase(json!([])), "refundOn": "2025-02-01", "policy": {"basis": "half_off"}}),
            "INVALID_VALUE",
            "$.policy.basis",
        ),
        (
            json!({"purchase": purchase(json!([])), "refundOn": "2025-02-01", "policy": {"basis": "pro_rata", "fee": {"percentOfPrice": "ten"}}}),
            "INVALID_PERCENT",
            "$.policy.fee.percentOfPrice",
        ),
    ];
    for (request, code, path) in cases {
        let err = refund_error(request);
        assert_eq!((err.code, err.path.as_str()), (code, path), "{err}");
    }
}

#[test]
fn breakage_policy_errors() {
    let request =
        |breakage: Value| json!({"purchases": [], "asOf": "2025-01-31", "breakage": breakage});
    let run = |breakage| {
        parse::<DeferredRevenueRequest>(&request(breakage)).and_then(|r| deferred_revenue(&r))
    };
    let err = run(json!({"method": "proportional", "expectedUnused": "100"})).unwrap_err();
    assert_eq!(
        (err.code, err.path.as_str()),
        ("INVALID_BREAKAGE_RATE", "$.breakage.expectedUnused")
    );
    let err = run(json!({"method": "proportional"})).unwrap_err();
    assert_eq!(err.code, "MISSING_FIELD");
    let err = run(json!({"method": "whenever"})).unwrap_err();
    assert_eq!(err.code, "INVALID_VALUE");
    assert!(run(json!({"method": "at_expiry"})).is_ok());
}

#[test]
fn errors_never_echo_input() {
    let secret = "987-65-4320";
    let policy = json!({"basis": "pro_rata"});
    let requests = [
        json!({"purchase": purchase(json!([{"serviceId": secret, "redeemedOn": "2025-01-05"}])), "refundOn": "2025-02-01", "policy": policy}),
        json!({"purchase": purchase(json!([{"itemIndex": 0, "redeemedOn": secret}])), "refundOn": "2025-02-01", "policy": policy}),
        json!({"purchase": purchase(json!([])), "refundOn": "2025-02-01", "policy": {"basis": secret}}),
        json!({"purchase": purchase(json!([])), "refundOn": "2025-02-01", "policy": policy, secret: 1}),
    ];
    for request in requests {
        let err = refund_error(request);
        assert!(
            !err.message.contains("4320") && !err.path.contains("4320"),
            "{err}"
        );
    }
}
