//! Fuzzes the native `*.ivr.json` reader (`ivr_flow::file::from_bytes`).
//!
//! Nothing may panic. A flow that is read is written with `to_bytes`, and what
//! is written must read back equal and write identically, as the file format
//! promises (`a_flow_reads_back_equal_and_writes_identically`).
//!
//! Seeds: the fixtures are provider documents, not native files. With
//! `IVR_FUZZ_EMIT_NATIVE=DIR` set, each input that `ivr_flow::dialect::decode`
//! reads is also written to DIR as a native file; `scripts/test-fuzz.sh` runs
//! this target once over the fixtures that way (`-runs=0`) to make its corpus.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use ivr_flow::file::{from_bytes, to_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    emit_native_seed(data);
    let Ok(flow) = from_bytes(data) else {
        return;
    };
    let bytes = to_bytes(&flow);
    let back = match from_bytes(&bytes) {
        Ok(back) => back,
        Err(e) => panic!(
            "a written flow file does not read back: {e}\n{}",
            String::from_utf8_lossy(&bytes)
        ),
    };
    assert_eq!(back, flow, "a written flow file reads back different");
    assert_eq!(to_bytes(&back), bytes, "writing is not stable");
});

/// Seed mode: writes the native file for a provider document.
fn emit_native_seed(data: &[u8]) {
    static DIR: OnceLock<Option<PathBuf>> = OnceLock::new();
    let Some(dir) = DIR.get_or_init(|| std::env::var_os("IVR_FUZZ_EMIT_NATIVE").map(PathBuf::from))
    else {
        return;
    };
    if let Ok((_, flow)) = ivr_flow::dialect::decode(data) {
        let bytes = to_bytes(&flow);
        let name = format!("native-{:016x}.ivr.json", fnv1a(&bytes));
        if let Err(e) = std::fs::write(dir.join(name), bytes) {
            panic!(
                "IVR_FUZZ_EMIT_NATIVE: cannot write to {}: {e}",
                dir.display()
            );
        }
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
