//! The `*.task.json` file: round trips byte for byte, and every way a file can
//! be wrong gives an error that says where and what is expected.

use ivr_task::file::{FORMAT, VERSION};
use ivr_task::{CallSource, StartType, Task, TaskFileError, from_bytes, to_bytes};

use crate::support::good_task;

#[test]
fn round_trip_gives_the_same_value_and_bytes() {
    for task in [
        good_task(),
        Task::default(),
        Task {
            calls: CallSource::File("lists/contacts.csv".into()),
            flow: Some("agent.ivr.json".into()),
            start: StartType::Immediate,
            keep: true,
            ..good_task()
        },
    ] {
        let bytes = to_bytes(&task);
        let back = from_bytes(&bytes).unwrap();
        assert_eq!(back, task);
        assert_eq!(to_bytes(&back), bytes);
    }
}

#[test]
fn the_file_starts_with_format_and_version_and_keeps_the_wire_order() {
    let text = String::from_utf8(to_bytes(&good_task())).unwrap();
    assert!(
        text.starts_with(
            "{\n  \"format\": \"ivr-studio/task\",\n  \"version\": 1,\n  \"userTaskId\""
        )
    );
    assert!(text.ends_with("}\n"));
    let order = [
        "\"userTaskId\"",
        "\"other\"",
        "\"taskName\"",
        "\"taskDesc\"",
        "\"autoFlowId\"",
        "\"routeId\"",
        "\"taskKeep\"",
        "\"startupType\"",
        "\"startupAt\"",
        "\"shutdownAt\"",
        "\"zoneSecond\"",
        "\"weekDay\"",
        "\"firstFifteen\"",
        "\"secondFifteen\"",
        "\"thirdFifteen\"",
        "\"fourthFifteen\"",
        "\"orderMaxCall\"",
        "\"replayInterval\"",
        "\"maxCall\"",
        "\"maxRingTime\"",
        "\"taskCallbackUrl\"",
        "\"callCallbackUrl\"",
        "\"countryCode\"",
        "\"variables\"",
        "\"callList\"",
    ];
    let positions: Vec<usize> = order.iter().map(|k| text.find(k).unwrap()).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    assert!(text.contains("\"startupType\": \"scheduled\""));
    assert!(text.contains("\"callList\": {\n    \"rows\": ["));
}

#[test]
fn a_file_call_list_is_a_relative_path() {
    let task = Task {
        calls: CallSource::File("contacts.csv".into()),
        ..Task::default()
    };
    let text = String::from_utf8(to_bytes(&task)).unwrap();
    assert!(
        text.contains("\"callList\": {\n    \"file\": \"contacts.csv\"\n  }"),
        "{text}"
    );
}

#[test]
fn bad_json_says_line_and_column() {
    let err = from_bytes(b"{\n  \"format\": \"ivr-studio/task\",\n  \"version\": 1,\n  \"taskName\": \"x\"\n  \"taskDesc\": \"\"\n}").unwrap_err();
    match err {
        TaskFileError::Syntax {
            line,
            column,
            ref message,
        } => {
            assert_eq!((line, column), (5, 3));
            assert!(message.contains("expected"), "{message}");
            assert!(
                err.to_string()
                    .starts_with("line 5, column 3: not valid JSON")
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_wrong_format_says_what_it_is_and_what_is_expected() {
    let err = from_bytes(br#"{"format": "ivr-studio/flow", "version": 1}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "not an IVR Studio task file: \"format\" is \"ivr-studio/flow\", expected \"ivr-studio/task\""
    );
    let err = from_bytes(br#"{"taskName": "x"}"#).unwrap_err();
    assert!(
        err.to_string().contains("it looks like a task/create body"),
        "{err}"
    );
    let err = from_bytes(b"[1]").unwrap_err();
    assert!(err.to_string().contains("an array, not an object"), "{err}");
    assert_eq!(from_bytes(b"  \n").unwrap_err(), TaskFileError::Empty);
}

#[test]
fn a_newer_or_bad_version_is_refused_with_what_is_expected() {
    let newer = format!(r#"{{"format": "{FORMAT}", "version": {}}}"#, VERSION + 1);
    let err = from_bytes(newer.as_bytes()).unwrap_err();
    assert_eq!(err, TaskFileError::NewerVersion { found: VERSION + 1 });
    assert!(err.to_string().contains("reads up to version 1"));
    for (version, found) in [("0", "0"), ("\"1\"", "\"1\""), ("1.5", "1.5")] {
        let text = format!(r#"{{"format": "{FORMAT}", "version": {version}}}"#);
        assert_eq!(
            from_bytes(text.as_bytes()).unwrap_err(),
            TaskFileError::BadVersion {
                found: found.into()
            }
        );
    }
    let err = from_bytes(format!(r#"{{"format": "{FORMAT}"}}"#).as_bytes()).unwrap_err();
    assert!(err.to_string().contains("\"version\" is missing"), "{err}");
}

#[test]
fn a_wrong_field_is_named_by_its_path() {
    let text = format!(r#"{{"format": "{FORMAT}", "version": 1, "weekDay": [1, "2"]}}"#);
    match from_bytes(text.as_bytes()).unwrap_err() {
        TaskFileError::Invalid { path, .. } => assert_eq!(path, "weekDay[1]"),
        other => panic!("{other:?}"),
    }
    let text = format!(r#"{{"format": "{FORMAT}", "version": 1, "taskname": "x"}}"#);
    match from_bytes(text.as_bytes()).unwrap_err() {
        TaskFileError::Invalid { message, .. } => {
            assert!(message.contains("unknown field `taskname`"), "{message}")
        }
        other => panic!("{other:?}"),
    }
    let text = format!(
        r#"{{"format": "{FORMAT}", "version": 1, "callList": {{"rows": [{{"phone": "1"}}]}}}}"#
    );
    match from_bytes(text.as_bytes()).unwrap_err() {
        TaskFileError::Invalid { path, .. } => assert_eq!(path, "callList.rows[0].phone"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_minimal_file_reads_with_defaults() {
    let text = format!(r#"{{"format": "{FORMAT}", "version": 1, "taskName": "x"}}"#);
    let task = from_bytes(text.as_bytes()).unwrap();
    assert_eq!(task.name, "x");
    assert_eq!(task.week_days, vec![1, 2, 3, 4, 5]);
    assert_eq!(task.first_fifteen, (9..18).collect::<Vec<i64>>());
    assert_eq!(task.calls, CallSource::Rows(vec![]));
}

#[test]
fn the_fixture_files_read_and_write_back_identically() {
    for name in ["follow-up.task.json", "from-csv.task.json"] {
        let bytes = crate::support::fixture_bytes(name);
        let task = from_bytes(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(to_bytes(&task), bytes, "{name}");
    }
}

#[test]
fn a_task_naming_a_gb18030_csv_checks_clean_and_sends_every_row() {
    let bytes = crate::support::fixture_bytes("from-csv.task.json");
    let task = from_bytes(&bytes).unwrap();
    let dir = crate::support::fixture("from-csv.task.json");
    let list = ivr_task::load_call_list(&task, dir.parent().unwrap()).unwrap();
    let declared = ivr_task::declared_variables(&task, &[]);
    let prepared = ivr_task::prepare(&task, &list, &declared, crate::support::NOW);
    assert_eq!(prepared.problems, vec![]);
    let numbers = crate::support::numbers(&prepared);
    assert_eq!(
        numbers,
        vec!["+8613912345678", "+447911123456", "+8613912345679"]
    );
    assert_eq!(prepared.contacts[0].name, "张三");
    assert!(prepared.contacts[2].contact_id.starts_with("ivr-"));
}
