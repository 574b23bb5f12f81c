//! The bodies NXLink receives: `task/create` with the seed's names in the
//! seed's order, `call/append`, and the chunks a long list is sent in.

use ivr_task::{
    CallSource, DEFAULT_CHUNK, NotReady, StartType, Task, WireContact, append_body, chunks,
    create_body, declared_variables, from_rows, prepare,
};
use serde_json::json;

use crate::support::{NOW, good_task};

fn contacts(task: &Task) -> Vec<WireContact> {
    let CallSource::Rows(rows) = &task.calls else {
        unreachable!()
    };
    let prepared = prepare(task, &from_rows(rows), &declared_variables(task, &[]), NOW);
    assert!(!prepared.has_errors(), "{:#?}", prepared.problems);
    prepared.contacts
}

#[test]
fn the_create_body_has_the_seed_names_in_the_seed_order() {
    let task = Task {
        week_days: vec![1, 2, 3, 4, 5, 6, 7],
        first_fifteen: vec![9, 10, 11, 14, 15, 16, 17],
        country_code: "+86".into(),
        ..good_task()
    };
    let list = contacts(&task);
    let body = create_body(&task, &list).unwrap();
    let keys: Vec<&str> = body
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        vec![
            "userTaskId",
            "other",
            "taskName",
            "taskDesc",
            "autoFlowId",
            "routeId",
            "taskKeep",
            "startupType",
            "startupAt",
            "shutdownAt",
            "zoneSecond",
            "weekDay",
            "firstFifteen",
            "secondFifteen",
            "thirdFifteen",
            "fourthFifteen",
            "orderMaxCall",
            "replayInterval",
            "maxCall",
            "maxRingTime",
            "taskCallbackUrl",
            "callCallbackUrl",
            "countryCode",
            "callList",
        ]
    );
    assert_eq!(body["autoFlowId"], 197);
    assert_eq!(body["taskKeep"], 0);
    assert_eq!(body["startupType"], 2);
    assert_eq!(body["startupAt"], NOW + 86_400);
    assert_eq!(body["zoneSecond"], 28_800);
    assert_eq!(body["weekDay"], "1,2,3,4,5,6,7");
    assert_eq!(body["firstFifteen"], "9,10,11,14,15,16,17");
    assert_eq!(body["secondFifteen"], "9,10,11,12,13,14,15,16,17");
    assert_eq!(body["countryCode"], "86");
    assert_eq!(
        body["callList"],
        json!([
            {"contactId": "c-1", "name": "Lucy", "phoneNumber": "+8613912345678",
             "params": [{"name": "customerName", "value": "Lucy"}, {"name": "orderNo", "value": "SO-1"}]},
            {"contactId": "c-2", "name": "Tom", "phoneNumber": "+447911123456",
             "params": [{"name": "customerName", "value": "Tom"}]}
        ])
    );
}

#[test]
fn unset_optional_fields_are_left_out() {
    let task = Task {
        name: "t".into(),
        agent_id: Some(1),
        route_id: "r".into(),
        start: StartType::Immediate,
        ..Task::default()
    };
    let body = create_body(&task, &[]).unwrap();
    assert_eq!(
        body,
        json!({
            "taskName": "t", "autoFlowId": 1, "routeId": "r", "taskKeep": 0, "startupType": 3,
            "zoneSecond": 0, "weekDay": "1,2,3,4,5",
            "firstFifteen": "9,10,11,12,13,14,15,16,17", "secondFifteen": "9,10,11,12,13,14,15,16,17",
            "thirdFifteen": "9,10,11,12,13,14,15,16,17", "fourthFifteen": "9,10,11,12,13,14,15,16,17",
            "orderMaxCall": 1, "replayInterval": 600
        })
    );
}

#[test]
fn a_task_missing_required_fields_is_not_ready() {
    let err = create_body(&Task::default(), &[]).unwrap_err();
    assert_eq!(
        err,
        NotReady {
            missing: vec!["taskName", "autoFlowId", "routeId"]
        }
    );
    assert_eq!(
        err.to_string(),
        "the task is not ready to create: set taskName, autoFlowId, routeId"
    );
}

#[test]
fn the_append_body_holds_the_same_contact_objects() {
    let task = good_task();
    let list = contacts(&task);
    let body = append_body("52145b00-abc9", "86", &list[1..]);
    assert_eq!(
        body,
        json!({
            "taskId": "52145b00-abc9",
            "countryCode": "86",
            "list": [{"contactId": "c-2", "name": "Tom", "phoneNumber": "+447911123456",
                      "params": [{"name": "customerName", "value": "Tom"}]}]
        })
    );
    assert_eq!(
        body["list"][0],
        create_body(&task, &list).unwrap()["callList"][1]
    );
    assert!(append_body("t", "", &[]).get("countryCode").is_none());
}

#[test]
fn other_is_sent_only_when_set() {
    let c = WireContact {
        contact_id: "c".into(),
        name: "n".into(),
        phone_number: "+8613912345678".into(),
        other: "ext-1".into(),
        params: vec![],
    };
    assert_eq!(
        c.to_wire(),
        json!({"contactId": "c", "other": "ext-1", "name": "n", "phoneNumber": "+8613912345678"})
    );
}

#[test]
fn a_long_list_is_cut_into_chunks() {
    let one = WireContact::default();
    let list = vec![one; 2_500];
    let sizes: Vec<usize> = chunks(&list, DEFAULT_CHUNK).map(<[_]>::len).collect();
    assert_eq!(sizes, vec![1_000, 1_000, 500]);
    assert_eq!(chunks(&list[..3], 0).count(), 3);
    assert_eq!(chunks(&[], DEFAULT_CHUNK).count(), 0);
}
