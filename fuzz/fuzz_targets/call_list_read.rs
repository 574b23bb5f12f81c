//! Fuzzes the call-list reader (`ivr_task::read_call_list`): decoding (UTF-8,
//! BOM, GB18030), CSV parsing, header mapping, then every check of every row
//! (phone numbers, duplicates, variables) and the wire contacts.
//!
//! Nothing may panic. Every row read keeps the spreadsheet numbering (rows
//! from 2, increasing), and every contact prepared for sending has a number
//! in E.164 and an id.
#![no_main]

use ivr_task::{Task, WireContact, prepare, read_call_list};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(list) = read_call_list(data) else {
        return;
    };
    let mut last = 1;
    for contact in &list.contacts {
        assert!(
            contact.row > last,
            "rows out of order: {} after {last}",
            contact.row
        );
        assert_eq!(contact.params.len(), list.variables.len());
        last = contact.row;
    }
    let task = Task {
        name: "fuzz".into(),
        agent_id: Some(1),
        route_id: "r".into(),
        user_task_id: "FUZZ".into(),
        country_code: "86".into(),
        ..Task::default()
    };
    let prepared = prepare(&task, &list, &list.variables, 0);
    for WireContact {
        contact_id,
        phone_number,
        ..
    } in &prepared.contacts
    {
        assert!(!contact_id.is_empty(), "a contact without an id");
        assert!(phone_number.starts_with('+'), "not E.164: {phone_number}");
    }
});
