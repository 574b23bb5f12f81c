//! What the tests share: a task that passes every check, its call list, the
//! fixtures' folder.

use std::path::PathBuf;

use ivr_task::{CallSource, ContactRow, Param, Prepared, StartType, Task};

/// 2026-12-05 00:00:00 UTC, the tests' "now".
pub const NOW: i64 = 1_796_428_800;

pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn fixture_bytes(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

/// A contact held in a task.
pub fn row(id: &str, name: &str, phone: &str, params: &[(&str, &str)]) -> ContactRow {
    ContactRow {
        contact_id: id.into(),
        name: name.into(),
        phone_number: phone.into(),
        params: params
            .iter()
            .map(|(n, v)| Param {
                name: (*n).into(),
                value: (*v).into(),
            })
            .collect(),
        ..ContactRow::default()
    }
}

/// A task NXLink would take, with two contacts, scheduled for tomorrow.
pub fn good_task() -> Task {
    Task {
        user_task_id: "EXT-TASK-202612050001".into(),
        other: "batch-1".into(),
        name: "客户回访任务-1205".into(),
        description: "满意度回访".into(),
        agent_id: Some(197),
        route_id: "y29ND1X4kkCG_nC576sALEkvg3HjEqde".into(),
        start: StartType::Scheduled,
        startup_at: Some(NOW + 86_400),
        shutdown_at: Some(NOW + 2 * 86_400),
        zone_second: Some(28_800),
        max_calls: Some(20),
        max_ring_time: Some(40),
        task_callback_url: "https://example.com/webhook/task".into(),
        call_callback_url: "https://example.com/webhook/call".into(),
        country_code: "86".into(),
        variables: vec!["customerName".into(), "orderNo".into()],
        calls: CallSource::Rows(vec![
            row(
                "c-1",
                "Lucy",
                "13912345678",
                &[("customerName", "Lucy"), ("orderNo", "SO-1")],
            ),
            row("c-2", "Tom", "+44 7911 123456", &[("customerName", "Tom")]),
        ]),
        ..Task::default()
    }
}

/// The numbers a check prepared for sending, in order.
pub fn numbers(prepared: &Prepared) -> Vec<&str> {
    prepared
        .contacts
        .iter()
        .map(|c| c.phone_number.as_str())
        .collect()
}
