//! Fuzzes the Alibaba Cloud CCC 2017 decoder (`ivr_flow::dialect::aliyun2017`).
//!
//! Bytes that parse as JSON are decoded as they are (Content + Canvas, a
//! ContactFlowVersion item or a CreateContactFlow response) and, when they hold
//! a `Content` or `Canvas` that is not a string, once more with those written
//! as JSON strings, as the CreateContactFlow request carries them. Nothing may
//! panic. When a flow is read and can be written back, the written
//! document must read again and write the same: the law the CCC 2017 tests
//! hold for any input (`decode_never_panics`).
#![no_main]

use ivr_flow::dialect::aliyun2017;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    round_trip(&value);
    if let Value::Object(mut map) = value {
        let mut changed = false;
        for key in ["Content", "Canvas"] {
            if let Some(v) = map.get_mut(key)
                && !v.is_string()
            {
                *v = Value::String(v.to_string());
                changed = true;
            }
        }
        if changed {
            round_trip(&Value::Object(map));
        }
    }
});

fn round_trip(value: &Value) {
    let _ = aliyun2017::detect(value);
    let Ok(flow) = aliyun2017::decode(value) else {
        return;
    };
    let _ = aliyun2017::decode_all(value);
    let _ = aliyun2017::encode_request(&flow);
    let _ = aliyun2017::encode_bytes(&flow);
    let Ok(doc) = aliyun2017::encode(&flow) else {
        return;
    };
    let again = match aliyun2017::decode(&doc) {
        Ok(again) => again,
        Err(e) => {
            panic!("the document written for a decoded flow does not read back: {e}\n{doc:#}")
        }
    };
    match aliyun2017::encode(&again) {
        Ok(doc2) => assert_eq!(doc2, doc, "writing is not stable after one round"),
        Err(e) => panic!("a re-read document does not write again: {e}\n{doc:#}"),
    }
}
