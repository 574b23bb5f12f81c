//! Fuzzes the Amazon Connect Flow language decoder (`ivr_flow::dialect::connect`).
//!
//! Bytes that parse as JSON are decoded as they are (Content, a
//! DescribeContactFlow response, a CreateContactFlow body, a console export)
//! and once more as the Content string of a DescribeContactFlow response.
//! Nothing may panic. A flow that is read is written back and the result read
//! again, but only the absence of panics is checked there: the dialect's laws
//! promise a faithful round trip for flows Connect accepts and for flows of
//! neutral blocks, not for any JSON that happens to decode.
#![no_main]

use ivr_flow::dialect::connect;
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    round_trip(&value);
    round_trip(&json!({"ContactFlow": {"Content": value.to_string()}}));
});

fn round_trip(value: &Value) {
    let _ = connect::detect(value);
    let Ok(flow) = connect::decode(value) else {
        return;
    };
    let _ = connect::action_ids(&flow);
    let _ = connect::content_string(&flow);
    let _ = connect::flow_type(flow.kind);
    if let Ok(content) = connect::encode(&flow)
        && let Ok(again) = connect::decode(&content)
    {
        let _ = connect::encode(&again);
    }
}
