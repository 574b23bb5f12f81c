//! "Never panics": any bytes given to the call-list reader and the task file
//! reader, and any numbers in a task, give a value or an error, and the checks
//! and the wire bodies run on whatever is read.

use ivr_task::{
    CallSource, Task, create_body, declared_variables, from_bytes, from_rows, prepare,
    read_call_list, to_bytes,
};
use proptest::prelude::*;

use crate::support::{NOW, good_task, row};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_bytes_read_as_a_call_list_or_an_error(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(list) = read_call_list(&bytes) {
            let prepared = prepare(&good_task(), &list, &list.variables, NOW);
            prop_assert!(prepared.contacts.len() + prepared.rows_left_out == list.contacts.len());
        }
    }

    #[test]
    fn csv_like_text_never_panics(text in "[a-z0-9+ ,\"\r\n电话手机-]{0,200}") {
        let with_header = format!("phone,name,x\r\n{text}");
        let list = read_call_list(with_header.as_bytes());
        prop_assert!(list.is_ok(), "{list:?}");
        if let Ok(list) = list {
            let _ = prepare(&good_task(), &list, &[], NOW);
        }
    }

    #[test]
    fn any_numbers_in_a_task_are_checked_and_written(
        zone in any::<i64>(), day in any::<i64>(), hour in any::<i64>(),
        redials in any::<i64>(), interval in any::<i64>(), at in any::<i64>(), stop in any::<i64>(),
        phone in "[+0-9 ()-]{0,24}",
    ) {
        let task = Task {
            zone_second: Some(zone),
            week_days: vec![day],
            first_fifteen: vec![hour],
            redials,
            redial_interval: interval,
            startup_at: Some(at),
            shutdown_at: Some(stop),
            calls: CallSource::Rows(vec![row("", "", &phone, &[])]),
            ..good_task()
        };
        let bytes = to_bytes(&task);
        prop_assert_eq!(&from_bytes(&bytes).unwrap(), &task);
        let CallSource::Rows(rows) = &task.calls else { unreachable!() };
        let prepared = prepare(&task, &from_rows(rows), &declared_variables(&task, &[]), NOW);
        prop_assert!(create_body(&task, &prepared.contacts).is_ok());
    }

    #[test]
    fn any_bytes_read_as_a_task_or_an_error(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = from_bytes(&bytes);
    }
}
