//! Test-only generators: a call list of any length as Excel writes it (UTF-8
//! with BOM, CRLF, a quoted field with a comma), and a task it passes with,
//! for the tests, the benchmark and the timing example.

use crate::model::Task;

/// A CSV call list of `rows` contacts: header `编号,姓名,手机,customerName,
/// orderNo,note`, Chinese mobile numbers written nationally (no country code),
/// every 97th row repeating an earlier number, one quoted field with a comma
/// per row.
pub fn call_list_csv(rows: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(rows * 64 + 64);
    out.extend_from_slice(b"\xEF\xBB\xBF");
    out.extend_from_slice("编号,姓名,手机,customerName,orderNo,note\r\n".as_bytes());
    for i in 0..rows {
        let n = if i % 97 == 96 { i - 1 } else { i };
        let line =
            format!("C{i:07},客户{i},138{n:08},Lucy {i},SO{i:010},\"line {i}, with a comma\"\r\n");
        out.extend_from_slice(line.as_bytes());
    }
    out
}

/// A task [`call_list_csv`]'s rows pass with (country code 86), and the
/// agent's variables: its three extra columns.
pub fn call_list_task() -> (Task, Vec<String>) {
    let task = Task {
        name: "synthetic".into(),
        agent_id: Some(197),
        route_id: "route".into(),
        user_task_id: "EXT-SYNTH".into(),
        country_code: "86".into(),
        ..Task::default()
    };
    let declared = ["customerName", "orderNo", "note"]
        .map(String::from)
        .to_vec();
    (task, declared)
}
