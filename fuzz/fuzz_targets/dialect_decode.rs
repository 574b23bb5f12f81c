//! Fuzzes the auto-detecting front door (`ivr_flow::dialect::decode`), which
//! tells the dialect of any bytes and reads them.
//!
//! Nothing may panic. A flow that is read is written back in the dialect it
//! came in (`ivr_flow::dialect::encode`) and in the native format, and both
//! are read again; only the absence of panics is checked here, since which
//! dialect a written document is detected as is not promised. The per-dialect
//! targets check the round trips each dialect guarantees.
#![no_main]

use ivr_flow::dialect::{self, Dialect};
use ivr_flow::file;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok((from, flow)) = dialect::decode(data) else {
        return;
    };
    if let Ok(bytes) = dialect::encode(&flow, from) {
        let _ = dialect::decode(&bytes);
    }
    if from != Dialect::Native {
        let _ = dialect::decode(&file::to_bytes(&flow));
    }
});
