//! Billing exports: data-transfer types and thin wrappers over `medspa-billing`.

use crate::boundary::{decode, encode, to_js_error};
use serde::{Deserialize, Serialize};
use tsify::Tsify;
use wasm_bindgen::prelude::*;

/// An amount in integer minor units of an ISO 4217 currency: `{ minor: 1999, currency: "USD" }`
/// is $19.99. `minor` must be a safe integer.
#[derive(Debug, Clone, Tsify, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Money {
    /// Signed amount in minor units (cents for USD, yen for JPY, fils for KWD).
    pub minor: i64,
    /// Upper-case ISO 4217 code, such as `"USD"`.
    pub currency: String,
}

impl Money {
    fn to_core(&self, param: &str) -> Result<medspa_billing::Money, JsValue> {
        let currency = medspa_billing::Currency::parse(&self.currency)
            .map_err(|err| to_js_error(err.under(&format!("$.{param}.currency"))))?;
        Ok(medspa_billing::Money::new(self.minor, currency))
    }

    fn from_core(money: medspa_billing::Money) -> Self {
        Self {
            minor: money.minor,
            currency: money.currency.code().to_string(),
        }
    }
}

/// Splits `total` across `weights` by largest remainder: each part gets its floor share, the
/// leftover units go to the largest remainders, ties to the lowest index; zero weights get
/// nothing; the parts always sum to `total`. Weights are non-negative safe integers (for
/// example standalone prices in minor units).
///
/// Throws `MedspaError` with code `NO_WEIGHTS`, `NEGATIVE_WEIGHT`, `ALL_WEIGHTS_ZERO`,
/// `TOO_MANY_PARTS`, `UNKNOWN_CURRENCY` or a decoding code such as `INVALID_TYPE`.
///
/// @example allocate({ minor: 100, currency: "USD" }, [1, 1, 1]) // 34, 33, 33 cents
#[wasm_bindgen(js_name = allocate, unchecked_return_type = "Money[]")]
pub fn allocate(
    #[wasm_bindgen(unchecked_param_type = "Money")] total: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number[]")] weights: JsValue,
) -> Result<JsValue, JsValue> {
    let total = decode::<Money>(total, "total")?.to_core("total")?;
    let weights = decode::<Vec<i64>>(weights, "weights")?;
    let parts = medspa_billing::allocate(total, &weights).map_err(to_js_error)?;
    encode(&parts.into_iter().map(Money::from_core).collect::<Vec<_>>())
}
