//! Mock-runtime tests of the task commands against the embedded sandbox:
//! the built-in NXLink connection lists the sandbox's agents and routes; a
//! CSV with bad rows is read into rows whose problems name their row and
//! column; fixed rows create a task that `task_list` shows; a second create
//! sends nothing; a task file saved and opened comes back the same.

use std::sync::Arc;

use ivr_cloud::test_support::MemoryStore;
use serde_json::{Value, json};
use tauri::test::{MockRuntime, mock_builder};
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

use crate::cloud::CloudState;
use crate::tests::invoke;

struct Fixture {
    _app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    dir: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("a temp dir");
        let state = CloudState::new(
            dir.path().join("config"),
            dir.path().join("sandbox"),
            Arc::new(MemoryStore::new()),
            |_| None,
        );
        let options = crate::files::Options {
            data_dir: Some(dir.path().join("data")),
            ..Default::default()
        };
        let app = crate::app_with(mock_builder(), options)
            .manage(state)
            .build(crate::context())
            .expect("the app builds");
        let window = WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .expect("the main window opens");
        Fixture {
            _app: app,
            window,
            dir,
        }
    }

    fn ok(&self, cmd: &str, args: Value) -> Value {
        invoke(&self.window, cmd, args).unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }
}

const CSV: &str = "name,phone,customerName\r\n\
Li Lei,+86 138 0000 0001,Li\r\n\
Han Meimei,12ab,Han\r\n\
Wang,,Wang\r\n\
Zhang,+86 138 0000 0001,Zhang\r\n";

#[test]
fn a_task_from_a_csv_is_checked_fixed_created_and_listed() {
    let f = Fixture::new();
    let profiles = f.ok("task_profiles", json!({}));
    assert_eq!(profiles[0]["profile"]["name"], "sandbox-nxlink");
    assert_eq!(profiles[0]["builtin"], true);
    let agents = f.ok("task_agents", json!({ "profile": "sandbox-nxlink" }));
    assert_eq!(agents[0]["id"], 197);
    let routes = f.ok("task_routes", json!({ "profile": "sandbox-nxlink" }));
    let route = routes[0]["id"].as_str().expect("a route id").to_owned();

    let csv = f.dir.path().join("calls.csv");
    std::fs::write(&csv, CSV).expect("writes");
    let imported = f.ok("import_call_list", json!({ "path": csv }));
    assert_eq!(imported["variables"], json!(["customerName"]));
    assert_eq!(imported["rows"].as_array().map(Vec::len), Some(4));

    let mut task = f.ok("new_task", json!({}));
    assert!(task["userTaskId"].as_str().is_some_and(|s| !s.is_empty()));
    task["taskName"] = json!("Follow-up");
    task["autoFlowId"] = json!(197);
    task["routeId"] = json!(route);
    task["variables"] = json!(["customerName"]);
    task["callList"] = json!({ "rows": imported["rows"] });

    let check = f.ok("check_task", json!({ "task": task }));
    assert_eq!(check["has_errors"], true);
    let codes: Vec<(String, u64, String)> = check["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .filter(|p| p["place"]["row"].is_number())
        .map(|p| {
            (
                p["code"].as_str().unwrap_or_default().to_owned(),
                p["place"]["row"].as_u64().unwrap_or_default(),
                p["place"]["column"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert!(
        codes.contains(&("row.phone-invalid".into(), 2, "phoneNumber".into())),
        "{codes:?}"
    );
    assert!(
        codes.contains(&("row.phone-empty".into(), 3, "phoneNumber".into())),
        "{codes:?}"
    );
    assert!(
        codes.contains(&("row.phone-duplicate".into(), 4, "phoneNumber".into())),
        "{codes:?}"
    );
    assert_eq!(check["numbers"][0], "+8613800000001");
    assert_eq!(check["numbers"][1], Value::Null);

    // Fixed in place: the rows' numbers corrected.
    task["callList"]["rows"][1]["phoneNumber"] = json!("+86 138 0000 0002");
    task["callList"]["rows"][2]["phoneNumber"] = json!("+86 138 0000 0003");
    task["callList"]["rows"][3]["phoneNumber"] = json!("+86 138 0000 0004");
    let check = f.ok("check_task", json!({ "task": task }));
    assert_eq!(check["has_errors"], false, "{check}");
    assert_eq!(check["ready"], 4);

    let out = f.ok(
        "create_task",
        json!({ "profile": "sandbox-nxlink", "task": task, "path": null }),
    );
    assert_eq!(out["already_there"], false);
    assert_eq!(out["accepted"], 4, "{out}");
    let id = out["task_id"].as_str().expect("a task id").to_owned();
    let listed = f.ok("task_list", json!({ "profile": "sandbox-nxlink" }));
    assert!(
        listed
            .as_array()
            .is_some_and(|l| l.iter().any(|t| t["task_id"] == id.as_str())),
        "{listed}"
    );
    // Again: found by userTaskId, nothing sent.
    let again = f.ok(
        "create_task",
        json!({ "profile": "sandbox-nxlink", "task": task, "path": null }),
    );
    assert_eq!(again["already_there"], true);
    assert_eq!(again["task_id"], id.as_str());
}

#[test]
fn a_task_saved_and_opened_comes_back_the_same_and_bad_files_are_named() {
    let f = Fixture::new();
    let mut task = f.ok("new_task", json!({}));
    task["taskName"] = json!("Reminders");
    let path = f.dir.path().join("reminders.task.json");
    f.ok("save_task", json!({ "path": path, "task": task }));
    let opened = f.ok("open_task", json!({ "path": path }));
    assert_eq!(opened["task"], task);
    assert_eq!(opened["calls_file"], Value::Null);

    // A task naming a CSV opens with the CSV's rows.
    std::fs::write(f.dir.path().join("calls.csv"), CSV).expect("writes");
    task["callList"] = json!({ "file": "calls.csv" });
    f.ok("save_task", json!({ "path": path, "task": task }));
    let opened = f.ok("open_task", json!({ "path": path }));
    assert_eq!(opened["calls_file"], "calls.csv");
    assert_eq!(
        opened["task"]["callList"]["rows"].as_array().map(Vec::len),
        Some(4)
    );

    let bad = f.dir.path().join("bad.task.json");
    std::fs::write(&bad, "{\"nodes\": []}").expect("writes");
    let e = invoke(&f.window, "open_task", json!({ "path": bad })).expect_err("refused");
    assert_eq!(e["kind"], "content");
    assert!(
        e["text"]["en"]
            .as_str()
            .is_some_and(|t| t.contains("bad.task.json")),
        "{e}"
    );
    let e = invoke(&f.window, "import_call_list", json!({ "path": bad })).expect_err("refused");
    assert!(
        e["text"]["en"]
            .as_str()
            .is_some_and(|t| t.contains("phone")),
        "{e}"
    );
}
