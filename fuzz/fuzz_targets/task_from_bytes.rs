//! Fuzzes the `*.task.json` reader (`ivr_task::file::from_bytes`).
//!
//! Nothing may panic. A task that is read is written with `to_bytes`, and what
//! is written must read back equal and write identically, as the file format
//! promises (`round_trip_gives_the_same_value_and_bytes`). The rows it holds
//! are then checked and turned into the `task/create` body, which must not
//! panic either, whatever the numbers and times in it.
#![no_main]

use ivr_task::file::{from_bytes, to_bytes};
use ivr_task::{CallSource, create_body, declared_variables, from_rows, prepare};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(task) = from_bytes(data) else {
        return;
    };
    let bytes = to_bytes(&task);
    let back = match from_bytes(&bytes) {
        Ok(back) => back,
        Err(e) => panic!(
            "a written task file does not read back: {e}\n{}",
            String::from_utf8_lossy(&bytes)
        ),
    };
    assert_eq!(back, task, "a written task file reads back different");
    assert_eq!(to_bytes(&back), bytes, "writing is not stable");
    if let CallSource::Rows(rows) = &task.calls {
        let prepared = prepare(&task, &from_rows(rows), &declared_variables(&task, &[]), 0);
        let _ = create_body(&task, &prepared.contacts);
    }
});
