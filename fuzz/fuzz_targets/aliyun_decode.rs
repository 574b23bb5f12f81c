//! Fuzzes the Alibaba Cloud CCC 2020 decoder (`ivr_flow::dialect::aliyun`).
//!
//! Bytes that parse as JSON are decoded as they are (a Definition, list item
//! or ListContactFlows response) and once more as the Definition string of a
//! list item. Nothing may panic. When a flow is read and can be
//! written back, the written Definition must read again and write the same:
//! the law the CCC 2020 tests hold for any input (`decode_never_panics`).
#![no_main]

use ivr_flow::dialect::aliyun;
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    round_trip(&value);
    round_trip(&json!({"Definition": value.to_string()}));
});

fn round_trip(value: &Value) {
    let _ = aliyun::detect(value);
    let Ok(flow) = aliyun::decode(value) else {
        return;
    };
    let _ = aliyun::decode_all(value);
    let _ = aliyun::encode_item(&flow);
    let _ = aliyun::encode_bytes(&flow);
    let Ok(def) = aliyun::encode(&flow) else {
        return;
    };
    let again = match aliyun::decode(&def) {
        Ok(again) => again,
        Err(e) => {
            panic!("the Definition written for a decoded flow does not read back: {e}\n{def:#}")
        }
    };
    match aliyun::encode(&again) {
        Ok(def2) => assert_eq!(def2, def, "writing is not stable after one round"),
        Err(e) => panic!("a re-read Definition does not write again: {e}\n{def:#}"),
    }
}
