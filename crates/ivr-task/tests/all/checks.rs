//! Every check: for each code a task or call list that has exactly that
//! problem, asserting its code, severity, place and both languages. The
//! `case` match names every code, so a new code does not compile without a
//! case here.

use ivr_flow::Severity;
use ivr_task::{
    CallList, CallSource, Code, ContactRow, Place, StartType, Task, TaskProblem, check, contact_id,
    declared_variables, flow_variables, from_rows, prepare, read_call_list,
};

use crate::support::{NOW, good_task, row};

fn list_of(task: &Task) -> CallList {
    match &task.calls {
        CallSource::Rows(rows) => from_rows(rows),
        CallSource::File(_) => unreachable!("the cases hold their rows"),
    }
}

fn rows(task: Task, rows: Vec<ContactRow>) -> Task {
    Task {
        calls: CallSource::Rows(rows),
        ..task
    }
}

fn csv(text: &str) -> CallList {
    read_call_list(text.as_bytes()).unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

/// A task and call list with exactly one problem of `code`, where it must be,
/// and a word each language's message must hold.
fn case(code: Code) -> (Task, CallList, Place, &'static str, &'static str) {
    let t = good_task();
    let task_only = |task: Task, field: &str, en, zh| {
        let list = list_of(&task);
        (task, list, Place::field(field), en, zh)
    };
    match code {
        Code::FieldRequired => task_only(
            Task {
                route_id: " ".into(),
                ..t
            },
            "routeId",
            "call route",
            "呼叫路由",
        ),
        Code::StartupMissing => task_only(
            Task {
                startup_at: None,
                shutdown_at: None,
                ..t
            },
            "startupAt",
            "start time",
            "启动时间",
        ),
        Code::StartupPast => task_only(
            Task {
                startup_at: Some(NOW - 60),
                ..t
            },
            "startupAt",
            "has passed",
            "已过",
        ),
        Code::ShutdownEarly => task_only(
            Task {
                shutdown_at: Some(NOW + 86_400),
                ..t
            },
            "shutdownAt",
            "not after its start time",
            "不晚于启动时间",
        ),
        Code::ZoneOutOfRange => task_only(
            Task {
                zone_second: Some(50_401),
                ..t
            },
            "zoneSecond",
            "50401",
            "时区偏移",
        ),
        Code::WeekDayInvalid => task_only(
            Task {
                week_days: vec![1, 0, 8],
                ..t
            },
            "weekDay",
            "not 0, 8",
            "不能是 0, 8",
        ),
        Code::HourInvalid => task_only(
            Task {
                third_fifteen: vec![9, 24],
                ..t
            },
            "thirdFifteen",
            "not 24",
            "不能是 24",
        ),
        Code::Repeated => task_only(
            Task {
                second_fifteen: vec![9, 10, 9],
                ..t
            },
            "secondFifteen",
            "Hour 9 is listed more than once",
            "重复",
        ),
        Code::NoWindow => task_only(
            Task {
                week_days: vec![],
                ..t
            },
            "weekDay",
            "No calling day",
            "未设置任何拨打日",
        ),
        Code::RedialsNegative => task_only(
            Task { redials: -1, ..t },
            "orderMaxCall",
            "cannot be negative (-1)",
            "重拨次数不能为负数",
        ),
        Code::RedialIntervalInvalid => task_only(
            Task {
                redials: 2,
                redial_interval: 0,
                ..t
            },
            "replayInterval",
            "positive number of seconds, not 0",
            "重拨间隔",
        ),
        Code::LimitNegative => task_only(
            Task {
                max_ring_time: Some(-5),
                ..t
            },
            "maxRingTime",
            "Ring time cannot be negative (-5)",
            "最大响铃时长不能为负数",
        ),
        Code::CountryCodeUnknown => {
            // Every row carries its own code, so only the task's is wrong.
            let task = rows(
                Task {
                    country_code: "999".into(),
                    ..t
                },
                vec![row("c-1", "A", "+86 139 1234 5678", &[])],
            );
            task_only(
                task,
                "countryCode",
                "\"999\" is no country's calling code",
                "不是任何国家的国际区号",
            )
        }
        Code::UserTaskIdMissing => task_only(
            Task {
                user_task_id: String::new(),
                ..t
            },
            "userTaskId",
            "userTaskId",
            "自定义任务 ID",
        ),
        Code::CallbackUrlInvalid => task_only(
            Task {
                call_callback_url: "example.com/hook".into(),
                ..t
            },
            "callCallbackUrl",
            "not an http(s) address",
            "不是 http(s) 地址",
        ),
        Code::ListEmpty => task_only(rows(t, vec![]), "callList", "no contacts", "没有联系人"),
        Code::VariableUndeclared => {
            let list = csv("phone,name,customerName,coupon\r\n13912345678,A,Lucy,X1\r\n");
            let place = Place {
                field: None,
                row: Some(1),
                column: Some("coupon".into()),
            };
            (
                t,
                list,
                place,
                "no variable \"coupon\" (it declares: customerName, orderNo)",
                "未声明变量“coupon”",
            )
        }
        Code::PhoneEmpty => {
            let list = csv("编号,姓名,手机\r\nc-1,张三,\r\n");
            (
                t,
                list,
                Place::cell(2, "手机"),
                "no phone number",
                "没有电话号码",
            )
        }
        Code::PhoneInvalid => {
            let list = csv("id,name,phone\r\nc-1,A,13912345678\r\nc-2,B,1312895-xxx\r\n");
            (
                t,
                list,
                Place::cell(3, "phone"),
                "\"1312895-xxx\" is not a phone number",
                "不是电话号码",
            )
        }
        Code::PhoneUnlikely => {
            let list = csv("id,name,phone\r\nc-1,A,999999999\r\n");
            (
                t,
                list,
                Place::cell(2, "phone"),
                "999999999 (read as +86999999999) is not a valid number",
                "不是该国家的有效号码",
            )
        }
        Code::RowCountryCodeUnknown => {
            let list = csv("id,name,phone,国家码\r\nc-1,A,7911123456,999\r\n");
            (
                t,
                list,
                Place::cell(2, "国家码"),
                "\"999\" is no country's calling code",
                "不是任何国家的国际区号",
            )
        }
        Code::ContactIdDuplicate => {
            let list = csv("ID,Name,Phone\r\nc-1,A,13912345678\r\nc-1,B,13912345679\r\n");
            (
                t,
                list,
                Place::cell(3, "ID"),
                "already used by row 2",
                "已被第 2 行使用",
            )
        }
        Code::PhoneDuplicate => {
            let list = csv("ID,Name,Phone\r\nc-1,A,13912345678\r\nc-2,B,+86 139-1234-5678\r\n");
            (
                t,
                list,
                Place::cell(3, "Phone"),
                "+8613912345678 is also on row 2",
                "与第 2 行重复",
            )
        }
        Code::NameEmpty => {
            let list = csv("ID,姓名,Phone\r\nc-1,,13912345678\r\n");
            (t, list, Place::cell(2, "姓名"), "no name", "没有姓名")
        }
    }
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

fn run(code: Code) {
    let (task, list, place, en, zh) = case(code);
    let declared = declared_variables(&task, &[]);
    let problems = check(&task, &list, &declared, NOW);
    assert_eq!(problems.len(), 1, "{code}: {problems:#?}");
    let p: &TaskProblem = &problems[0];
    assert_eq!(p.code, code);
    assert_eq!(p.severity, code.severity(), "{code}");
    assert_eq!(p.place, place, "{code}");
    assert!(
        p.message.en.contains(en),
        "{code}: {:?} lacks {en:?}",
        p.message.en
    );
    assert!(
        p.message.zh.contains(zh),
        "{code}: {:?} lacks {zh:?}",
        p.message.zh
    );
    assert_ne!(p.message.en, p.message.zh, "{code}");
    assert!(
        has_cjk(&p.message.zh),
        "{code}: the Chinese text is Chinese"
    );
}

macro_rules! one_test_per_code {
    ($($name:ident => $code:ident, $severity:ident;)*) => {
        $(
            #[test]
            fn $name() {
                assert_eq!(Code::$code.severity(), Severity::$severity);
                run(Code::$code);
            }
        )*

        #[test]
        fn every_code_has_a_test() {
            let tested = [$(Code::$code),*];
            for code in Code::ALL {
                assert!(tested.contains(code), "{code} has no test");
            }
        }
    };
}

one_test_per_code! {
    field_required => FieldRequired, Error;
    startup_missing => StartupMissing, Error;
    startup_past => StartupPast, Error;
    shutdown_early => ShutdownEarly, Error;
    zone_out_of_range => ZoneOutOfRange, Error;
    week_day_invalid => WeekDayInvalid, Error;
    hour_invalid => HourInvalid, Error;
    repeated => Repeated, Warning;
    no_window => NoWindow, Error;
    redials_negative => RedialsNegative, Error;
    redial_interval_invalid => RedialIntervalInvalid, Error;
    limit_negative => LimitNegative, Error;
    country_code_unknown => CountryCodeUnknown, Error;
    user_task_id_missing => UserTaskIdMissing, Warning;
    callback_url_invalid => CallbackUrlInvalid, Warning;
    list_empty => ListEmpty, Warning;
    variable_undeclared => VariableUndeclared, Error;
    phone_empty => PhoneEmpty, Error;
    phone_invalid => PhoneInvalid, Error;
    phone_unlikely => PhoneUnlikely, Warning;
    row_country_code_unknown => RowCountryCodeUnknown, Error;
    contact_id_duplicate => ContactIdDuplicate, Error;
    phone_duplicate => PhoneDuplicate, Warning;
    name_empty => NameEmpty, Warning;
}

#[test]
fn the_good_task_has_no_problem_and_its_numbers_are_e164() {
    let task = good_task();
    let prepared = prepare(&task, &list_of(&task), &declared_variables(&task, &[]), NOW);
    assert_eq!(prepared.problems, vec![]);
    let numbers = crate::support::numbers(&prepared);
    assert_eq!(numbers, vec!["+8613912345678", "+447911123456"]);
    assert_eq!(prepared.rows_left_out, 0);
}

#[test]
fn every_missing_required_field_is_reported() {
    let task = Task {
        name: String::new(),
        agent_id: None,
        route_id: String::new(),
        zone_second: None,
        ..good_task()
    };
    let problems = check(&task, &list_of(&task), &declared_variables(&task, &[]), NOW);
    let fields: Vec<_> = problems
        .iter()
        .map(|p| (p.code, p.place.field.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        fields,
        vec![
            (Code::FieldRequired, "taskName"),
            (Code::FieldRequired, "autoFlowId"),
            (Code::FieldRequired, "routeId"),
            (Code::FieldRequired, "zoneSecond"),
        ]
    );
}

#[test]
fn zone_limits_are_inclusive_and_a_manual_start_needs_no_startup_time() {
    for zone in [-43_200, 0, 50_400] {
        let task = Task {
            zone_second: Some(zone),
            ..good_task()
        };
        assert_eq!(
            check(&task, &list_of(&task), &declared_variables(&task, &[]), NOW),
            vec![]
        );
    }
    let task = Task {
        zone_second: Some(-43_201),
        ..good_task()
    };
    assert_eq!(
        check(&task, &list_of(&task), &declared_variables(&task, &[]), NOW)[0].code,
        Code::ZoneOutOfRange
    );
    let task = Task {
        start: StartType::Manual,
        startup_at: None,
        shutdown_at: None,
        ..good_task()
    };
    assert_eq!(
        check(&task, &list_of(&task), &declared_variables(&task, &[]), NOW),
        vec![]
    );
    // A manual start's stop time is compared with now.
    let task = Task {
        start: StartType::Manual,
        startup_at: None,
        shutdown_at: Some(NOW),
        ..good_task()
    };
    let problems = check(&task, &list_of(&task), &declared_variables(&task, &[]), NOW);
    assert_eq!(problems[0].code, Code::ShutdownEarly);
    assert!(
        problems[0].message.en.contains("not after now"),
        "{:?}",
        problems[0].message
    );
}

#[test]
fn no_open_quarter_hour_is_an_error_on_the_hours() {
    let task = Task {
        first_fifteen: vec![],
        second_fifteen: vec![],
        third_fifteen: vec![],
        fourth_fifteen: vec![24],
        ..good_task()
    };
    let problems = check(&task, &list_of(&task), &declared_variables(&task, &[]), NOW);
    let codes: Vec<_> = problems.iter().map(|p| (p.code, p.severity)).collect();
    assert_eq!(
        codes,
        vec![
            (Code::HourInvalid, Severity::Error),
            (Code::NoWindow, Severity::Error)
        ]
    );
    assert_eq!(problems[1].place, Place::field("firstFifteen"));
}

#[test]
fn a_redial_interval_of_zero_is_fine_without_redials() {
    let task = Task {
        redials: 0,
        redial_interval: 0,
        ..good_task()
    };
    assert_eq!(
        check(&task, &list_of(&task), &declared_variables(&task, &[]), NOW),
        vec![]
    );
    let task = Task {
        redials: 0,
        redial_interval: -1,
        ..good_task()
    };
    assert_eq!(
        check(&task, &list_of(&task), &declared_variables(&task, &[]), NOW)[0].code,
        Code::RedialIntervalInvalid
    );
}

#[test]
fn undeclared_params_of_rows_held_in_the_task_name_the_variable() {
    let task = rows(
        good_task(),
        vec![row("c-1", "A", "13912345678", &[("coupon", "X")])],
    );
    let problems = check(&task, &list_of(&task), &declared_variables(&task, &[]), NOW);
    assert_eq!(problems.len(), 1);
    assert_eq!(
        problems[0].place,
        Place {
            field: None,
            row: None,
            column: Some("coupon".into())
        }
    );
    // Declared by the linked flow: no problem.
    let problems = check(
        &task,
        &list_of(&task),
        &declared_variables(&task, &["coupon".into()]),
        NOW,
    );
    assert_eq!(problems, vec![]);
}

#[test]
fn the_agent_variables_come_from_the_flow_file_and_the_task() {
    let flow = ivr_flow::Flow {
        variables: vec![ivr_flow::model::Variable {
            name: "coupon".into(),
            ..Default::default()
        }],
        ..ivr_flow::starter_flow()
    };
    let names = flow_variables(&ivr_flow::to_bytes(&flow)).unwrap();
    assert_eq!(names, vec!["coupon"]);
    let all = declared_variables(&good_task(), &names);
    assert_eq!(all, vec!["customerName", "orderNo", "coupon"]);
    assert!(flow_variables(b"{}").is_err());
}

#[test]
fn rows_with_errors_are_left_out_and_the_rest_are_sent() {
    let list = csv(
        "id,name,phone\r\nc-1,A,13912345678\r\nc-2,B,xx\r\nc-1,C,13912345670\r\n,,13912345671\r\n",
    );
    let task = good_task();
    let prepared = prepare(&task, &list, &declared_variables(&task, &[]), NOW);
    assert_eq!(prepared.rows_left_out, 2);
    let ids: Vec<_> = prepared
        .contacts
        .iter()
        .map(|c| c.contact_id.as_str())
        .collect();
    assert_eq!(ids[0], "c-1");
    assert!(ids[1].starts_with("ivr-") && ids[1].len() == 36, "{ids:?}");
    // A contact without a name is sent under its number.
    assert_eq!(prepared.contacts[1].name, "+8613912345671");
    assert!(prepared.has_errors());
    assert!(!prepared.task_has_errors());
}

#[test]
fn derived_contact_ids_are_stable_and_never_shared() {
    let list = csv("phone,name\r\n13912345678,A\r\n13912345679,B\r\n+86 139 1234 5678,C\r\n");
    let task = good_task();
    let declared = declared_variables(&task, &[]);
    let first = prepare(&task, &list, &declared, NOW).contacts;
    let again = prepare(&task, &list, &declared, NOW + 3600).contacts;
    assert_eq!(first, again);
    let ids: Vec<&str> = first.iter().map(|c| c.contact_id.as_str()).collect();
    assert_eq!(
        ids[0],
        contact_id::derive("EXT-TASK-202612050001", "+8613912345678", 0)
    );
    assert_eq!(
        ids[2],
        contact_id::derive("EXT-TASK-202612050001", "+8613912345678", 1)
    );
    assert_ne!(ids[0], ids[2]);
    assert_ne!(ids[0], ids[1]);
    // A known value: the derivation must not change between versions.
    assert_eq!(
        contact_id::derive("T", "+8613912345678", 0),
        contact_id::derive("T", "+8613912345678", 0)
    );
    assert_eq!(
        contact_id::derive("T", "+8613912345678", 0),
        "ivr-cf06925aed94550e958d4094f7e37535"
    );
    // Another task, other ids.
    let other = Task {
        user_task_id: "EXT-OTHER".into(),
        ..good_task()
    };
    let ids_other = prepare(&other, &list, &declared, NOW).contacts;
    assert_ne!(ids_other[0].contact_id, first[0].contact_id);
}

#[test]
fn a_number_with_no_country_code_anywhere_is_invalid() {
    let task = Task {
        country_code: String::new(),
        ..good_task()
    };
    let list = csv("phone,name\r\n13912345678,A\r\n0044 7911 123456,B\r\n");
    let prepared = prepare(&task, &list, &declared_variables(&task, &[]), NOW);
    assert_eq!(prepared.problems.len(), 1, "{:#?}", prepared.problems);
    assert_eq!(prepared.problems[0].code, Code::PhoneInvalid);
    assert!(prepared.problems[0].message.en.contains("no country code"));
    assert_eq!(prepared.contacts[0].phone_number, "+447911123456");
}

#[test]
fn a_row_country_code_parses_its_national_number() {
    let list = csv("phone,name,Country Code\r\n07911 123456,A,44\r\n13912345678,B,\r\n");
    let task = good_task();
    let prepared = prepare(&task, &list, &declared_variables(&task, &[]), NOW);
    assert_eq!(prepared.problems, vec![]);
    assert_eq!(prepared.contacts[0].phone_number, "+447911123456");
    assert_eq!(prepared.contacts[1].phone_number, "+8613912345678");
}

#[test]
fn problems_serialise_with_stable_codes() {
    let (task, list, ..) = case(Code::PhoneInvalid);
    let problems = check(&task, &list, &declared_variables(&task, &[]), NOW);
    let json = serde_json::to_value(&problems[0]).unwrap();
    assert_eq!(json["code"], "row.phone-invalid");
    assert_eq!(json["severity"], "error");
    assert_eq!(
        json["place"],
        serde_json::json!({"row": 3, "column": "phone"})
    );
}

#[test]
fn numbers_no_country_could_have_are_errors_and_odd_ones_warnings() {
    let list = csv(
        "phone,name\r\n1312895-xxx,A\r\n12,B\r\n12345678901,C\r\n1391234567,D\r\n+86 21 1234 5678,E\r\n",
    );
    let task = good_task();
    let problems = check(&task, &list, &declared_variables(&task, &[]), NOW);
    let got: Vec<_> = problems
        .iter()
        .map(|p| (p.place.row.unwrap_or(0), p.code))
        .collect();
    assert_eq!(
        got,
        vec![
            (2, Code::PhoneInvalid),
            (3, Code::PhoneInvalid),
            (4, Code::PhoneInvalid),
            (5, Code::PhoneUnlikely),
        ]
    );
    assert!(
        problems[0].message.en.contains("letters"),
        "{:?}",
        problems[0].message
    );
    assert!(
        problems[1].message.en.contains("number of digits"),
        "{:?}",
        problems[1].message
    );
}

#[test]
fn a_list_without_a_name_column_is_warned_once() {
    let list = csv("phone,customerName\r\n13912345678,Lucy\r\n13912345679,Tom\r\n");
    let task = good_task();
    let prepared = prepare(&task, &list, &declared_variables(&task, &[]), NOW);
    assert_eq!(prepared.problems.len(), 1, "{:#?}", prepared.problems);
    let p = &prepared.problems[0];
    assert_eq!((p.code, p.severity), (Code::NameEmpty, Severity::Warning));
    assert_eq!(
        p.place,
        Place {
            field: None,
            row: Some(1),
            column: None
        }
    );
    assert!(p.message.en.contains("no name column") && p.message.zh.contains("没有姓名列"));
    assert_eq!(prepared.contacts[1].name, "+8613912345679");
}
