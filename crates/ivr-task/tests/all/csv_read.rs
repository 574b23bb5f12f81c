//! The call-list reader on files as Excel writes them: UTF-8 with and without
//! BOM and GB18030, CRLF line ends, quoted fields holding a comma or a line
//! break; header names matched without case, with English and Chinese aliases.

use ivr_task::call_list::load_call_list;
use ivr_task::{
    CallList, CallListError, CallSource, Contact, Encoding, Task, read_call_list,
    read_call_list_file,
};

use crate::support::{fixture, fixture_bytes};

fn expected_contacts() -> Vec<Contact> {
    vec![
        Contact {
            row: 2,
            contact_id: "c-001".into(),
            name: "张三".into(),
            phone_number: "13912345678".into(),
            params: vec!["Zhang, San".into(), "SO-1".into()],
            other: "first line\r\nsecond line".into(),
            ..Contact::default()
        },
        Contact {
            row: 3,
            contact_id: "c-002".into(),
            name: "Lucy".into(),
            phone_number: "+44 7911 123456".into(),
            params: vec!["Lucy".into(), "SO-2".into()],
            ..Contact::default()
        },
        Contact {
            row: 4,
            name: "李四".into(),
            phone_number: "139-1234-5679".into(),
            params: vec!["李四".into(), "SO-3".into()],
            other: "透传".into(),
            ..Contact::default()
        },
    ]
}

fn check_fixture(list: &CallList, encoding: Encoding) {
    assert_eq!(list.encoding, Some(encoding));
    assert_eq!(list.variables, vec!["customerName", "orderNo"]);
    assert_eq!(list.columns.phone_number, "Phone");
    assert_eq!(list.columns.name, "姓名");
    assert_eq!(list.columns.contact_id, "contactId");
    assert_eq!(list.columns.other, "Other");
    assert_eq!(list.contacts, expected_contacts());
}

#[test]
fn utf8_bom_and_gb18030_files_read_to_the_same_rows() {
    let plain = read_call_list(&fixture_bytes("contacts-utf8.csv")).unwrap();
    let bom = read_call_list(&fixture_bytes("contacts-utf8-bom.csv")).unwrap();
    let gb = read_call_list(&fixture_bytes("contacts-gb18030.csv")).unwrap();
    check_fixture(&plain, Encoding::Utf8);
    check_fixture(&bom, Encoding::Utf8Bom);
    check_fixture(&gb, Encoding::Gb18030);
}

#[test]
fn gb18030_bytes_made_by_encoding_rs_read_like_the_utf8_file() {
    let utf8 = fixture_bytes("contacts-utf8.csv");
    let text = std::str::from_utf8(&utf8).unwrap();
    let (gb, _, unmappable) = encoding_rs::GB18030.encode(text);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&gb).is_err(),
        "GB18030 Chinese is not valid UTF-8"
    );
    // The fixture on disk was written by another encoder (Python's): the same bytes.
    assert_eq!(&*gb, &fixture_bytes("contacts-gb18030.csv")[..]);
    let list = read_call_list(&gb).unwrap();
    check_fixture(&list, Encoding::Gb18030);
}

#[test]
fn a_task_names_its_csv_relative_to_its_folder() {
    let task = Task {
        calls: CallSource::File("contacts-gb18030.csv".into()),
        ..Task::default()
    };
    let dir = fixture("contacts-utf8.csv").parent().unwrap().to_path_buf();
    let list = load_call_list(&task, &dir).unwrap();
    check_fixture(&list, Encoding::Gb18030);
    let missing = read_call_list_file(&dir.join("nope.csv")).unwrap_err();
    match missing {
        CallListError::Io { path, .. } => assert!(path.ends_with("nope.csv"), "{path}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn header_names_match_without_case_and_with_aliases() {
    for (header, phone, name, id) in [
        ("ID,Name,PHONE", "PHONE", "Name", "ID"),
        ("编号,姓名,手机号", "手机号", "姓名", "编号"),
        ("id,name,Mobile", "Mobile", "name", "id"),
        (
            "Contact ID,Full Name,Phone Number",
            "Phone Number",
            "Full Name",
            "Contact ID",
        ),
        ("contact_id,name,tel", "tel", "name", "contact_id"),
        ("编号,姓名,电话", "电话", "姓名", "编号"),
        ("编号,姓名,手机", "手机", "姓名", "编号"),
    ] {
        let csv = format!("{header}\r\n1,A,13912345678\r\n");
        let list = read_call_list(csv.as_bytes()).unwrap();
        assert_eq!(list.columns.phone_number, phone, "{header}");
        assert_eq!(list.columns.name, name, "{header}");
        assert_eq!(list.columns.contact_id, id, "{header}");
        assert!(list.variables.is_empty(), "{header}");
        assert_eq!(list.contacts[0].phone_number, "13912345678");
    }
}

#[test]
fn every_other_column_is_a_variable_in_order() {
    let list =
        read_call_list(b"orderNo,phone,customerName,Amount\r\nSO-1,13912345678,Lucy,12.5\r\n")
            .unwrap();
    assert_eq!(list.variables, vec!["orderNo", "customerName", "Amount"]);
    assert_eq!(list.contacts[0].params, vec!["SO-1", "Lucy", "12.5"]);
    assert_eq!(list.columns.name, "");
}

#[test]
fn a_missing_phone_column_is_named_with_what_the_header_has() {
    let err = read_call_list("姓名,客户编号,备注2\r\n张三,1,x\r\n".as_bytes()).unwrap_err();
    assert_eq!(
        err,
        CallListError::NoPhoneColumn {
            found: "\"姓名\", \"客户编号\", \"备注2\"".into()
        }
    );
    let text = err.to_string();
    assert!(text.contains("no column holds the phone number"), "{text}");
    assert!(
        text.contains("phoneNumber (or phone, mobile, tel, 电话, 手机, 手机号)"),
        "{text}"
    );
}

#[test]
fn two_phone_columns_or_unnamed_or_repeated_columns_are_refused() {
    let err = read_call_list(b"phone,mobile\r\n1,2\r\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "columns \"phone\" and \"mobile\" both hold the contact's phoneNumber; keep one, or rename the other to make it a variable"
    );
    assert_eq!(
        read_call_list(b"phone,,x\r\n1,2,3\r\n").unwrap_err(),
        CallListError::UnnamedColumn { column: 2 }
    );
    assert_eq!(
        read_call_list(b"phone,x,x\r\n1,2,3\r\n").unwrap_err(),
        CallListError::RepeatedColumn { name: "x".into() }
    );
}

#[test]
fn empty_files_blank_rows_and_short_rows() {
    assert_eq!(read_call_list(b"").unwrap_err(), CallListError::Empty);
    assert_eq!(
        read_call_list(b"\xEF\xBB\xBF\r\n,,\r\n").unwrap_err(),
        CallListError::Empty
    );
    // Excel writes a blank row as commas; it keeps its row number.
    let list = read_call_list(b"phone,name,x\r\n,,\r\n13912345678\r\n").unwrap();
    assert_eq!(list.contacts.len(), 1);
    assert_eq!(list.contacts[0].row, 3);
    assert_eq!(list.contacts[0].name, "");
    assert_eq!(list.contacts[0].params, vec![""]);
}

#[test]
fn lf_only_files_read_too_and_rows_count_records_not_lines() {
    let list = read_call_list(b"phone,note\n\"139 1234 5678\",\"a\nb\"\n13912345679,c\n").unwrap();
    assert_eq!(list.contacts[0].params, vec!["a\nb"]);
    assert_eq!(list.contacts[1].row, 3);
}

#[test]
fn the_benchmark_list_reads_and_checks_as_the_benchmark_says() {
    let list = read_call_list(&ivr_task::synth::call_list_csv(1_000)).unwrap();
    assert_eq!(list.encoding, Some(Encoding::Utf8Bom));
    assert_eq!(list.contacts.len(), 1_000);
    assert_eq!(list.contacts[999].params[2], "line 999, with a comma");
    let (task, declared) = ivr_task::synth::call_list_task();
    let prepared = ivr_task::prepare(&task, &list, &declared, 0);
    assert_eq!(prepared.contacts.len(), 1_000);
    assert_eq!(prepared.problems.len(), 10, "{:#?}", prepared.problems);
    assert!(
        prepared
            .problems
            .iter()
            .all(|p| p.code == ivr_task::Code::PhoneDuplicate)
    );
}

#[test]
fn a_bom_file_with_a_stray_bad_byte_stays_utf8() {
    let list = read_call_list(b"\xEF\xBB\xBFphone,name\r\n13912345678,Lu\xFFcy\r\n").unwrap();
    assert_eq!(list.encoding, Some(Encoding::Utf8Bom));
    assert_eq!(list.columns.phone_number, "phone");
    assert_eq!(list.contacts[0].name, "Lu\u{FFFD}cy");
}
