//! The file commands on the mock runtime: open, save, recent files, autosave
//! and recovery, windows, and a save's snapshot in the local history.

use super::Options;
use crate::tests::{invoke, main_window_with};
use ivr_flow::Flow;
use serde_json::{Value, json};
use std::fs;
use tauri::Manager;

fn window(
    dir: &std::path::Path,
    open: Option<&str>,
) -> (
    tauri::App<tauri::test::MockRuntime>,
    tauri::WebviewWindow<tauri::test::MockRuntime>,
) {
    main_window_with(Options {
        data_dir: Some(dir.join("data")),
        open: open.map(|p| dir.join(p)),
        ..Options::default()
    })
}

#[test]
fn save_then_open_gives_the_same_flow_and_a_recent_file() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = window(dir.path(), None);
    let path = dir.path().join("menu.ivr.json").display().to_string();
    let flow = ivr_flow::starter_flow();
    invoke(&w, "save_flow", json!({ "path": path, "flow": flow })).unwrap();
    let opened = invoke(&w, "open_flow", json!({ "path": path })).unwrap();
    assert_eq!(opened["path"], json!(path));
    assert_eq!(opened["imported_from"], Value::Null);
    let back: Flow = serde_json::from_value(opened["flow"].clone()).unwrap();
    assert_eq!(back, flow);
    assert_eq!(
        invoke(&w, "recent_files", json!({})).unwrap(),
        json!([path])
    );
}

#[test]
fn bad_files_are_refused_by_name_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = window(dir.path(), None);
    let newer = br#"{"format":"ivr-studio/flow","version":99,"name":"x"}"#.to_vec();
    let big = vec![b' '; 20 * 1024 * 1024 + 1];
    let cases: [(&str, Vec<u8>, &str); 4] = [
        ("notes.ivr.json", b"hello, not json".to_vec(), "JSON"),
        ("other.json", br#"{"hello":"world"}"#.to_vec(), "not"),
        ("newer.ivr.json", newer, "newer IVR Studio"),
        ("big.ivr.json", big, "20.0 MB limit"),
    ];
    for (name, bytes, says) in cases {
        let path = dir.path().join(name);
        fs::write(&path, &bytes).unwrap();
        let err = invoke(
            &w,
            "open_flow",
            json!({ "path": path.display().to_string() }),
        )
        .expect_err("a bad file is refused");
        assert_eq!(err["kind"], "content", "{err}");
        let (en, zh) = (&err["text"]["en"], &err["text"]["zh"]);
        let en = en.as_str().unwrap();
        assert!(en.contains(name), "{err}");
        assert!(en.contains(says), "{name}: {err}");
        // In Chinese too, naming the file.
        let zh = zh.as_str().unwrap();
        assert!(zh.contains(name) && zh.contains('：'), "{name}: {zh}");
        assert_ne!(zh, en);
        assert_eq!(fs::read(&path).unwrap(), bytes, "{name} is unchanged");
    }
    assert_eq!(invoke(&w, "recent_files", json!({})).unwrap(), json!([]));
}

#[test]
fn a_provider_file_opens_as_a_new_unsaved_document() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = window(dir.path(), None);
    let flow = ivr_flow::starter_flow();
    let bytes = ivr_flow::dialect::encode(
        &flow,
        ivr_flow::dialect::Dialect::Provider(ivr_flow::Provider::Connect),
    )
    .unwrap();
    let path = dir.path().join("connect.json");
    fs::write(&path, &bytes).unwrap();
    let opened = invoke(
        &w,
        "open_flow",
        json!({ "path": path.display().to_string() }),
    )
    .unwrap();
    assert_eq!(opened["path"], Value::Null);
    assert_eq!(opened["imported_from"], json!("connect"));
}

#[test]
fn autosave_is_offered_back_until_discarded() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = window(dir.path(), None);
    assert_eq!(invoke(&w, "recovery", json!({})).unwrap(), json!([]));
    let mut flow = ivr_flow::starter_flow();
    flow.name = "Edited".into();
    invoke(&w, "autosave", json!({ "flow": flow, "path": null })).unwrap();
    assert!(dir.path().join("data/autosave.json").is_file());
    // A new run (after a crash) finds it.
    let (_app2, w2) = window(dir.path(), None);
    let kept = invoke(&w2, "recovery", json!({})).unwrap();
    assert_eq!(kept[0]["flow"]["name"], json!("Edited"));
    invoke(&w2, "discard_recovery", json!({})).unwrap();
    assert_eq!(invoke(&w2, "recovery", json!({})).unwrap(), json!([]));
}

#[test]
fn the_command_line_file_is_given_once_to_the_main_window() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = window(dir.path(), Some("start.ivr.json"));
    let want = dir.path().join("start.ivr.json").display().to_string();
    assert_eq!(
        invoke(&w, "startup_document", json!({})).unwrap(),
        json!({ "kind": "file", "path": want })
    );
    assert_eq!(
        invoke(&w, "startup_document", json!({})).unwrap(),
        Value::Null
    );
}

fn doc(name: &str) -> Value {
    let mut flow = ivr_flow::starter_flow();
    flow.name = name.into();
    json!({ "path": null, "flow": flow })
}

#[test]
fn open_documents_gives_each_flow_its_own_new_window() {
    let dir = tempfile::tempdir().unwrap();
    let (app, main) = window(dir.path(), None);
    let labels = invoke(
        &main,
        "open_documents",
        json!({ "docs": [doc("Two"), doc("Three")] }),
    )
    .unwrap();
    assert_eq!(labels, json!(["doc-1", "doc-2"]));
    for (label, name) in [("doc-1", "Two"), ("doc-2", "Three")] {
        let w = app.get_webview_window(label).expect("the window opened");
        // Each is safe in its own autosave slot before its UI has loaded.
        let slot = dir.path().join(format!("data/autosave-{label}.json"));
        assert!(fs::read_to_string(&slot).unwrap().contains(name), "{label}");
        // Its UI gets its document, once; the main window's is not touched.
        let got = invoke(&w, "startup_document", json!({})).unwrap();
        assert_eq!(got["kind"], json!("document"));
        assert_eq!(got["flow"]["name"], json!(name));
        assert_eq!(got["path"], Value::Null);
        assert_eq!(
            invoke(&w, "startup_document", json!({})).unwrap(),
            Value::Null
        );
        // The window may use the app's commands (capability "doc-*"), and
        // is offered no other window's recovery.
        invoke(&w, "autosave", doc(&format!("{name} edited"))).unwrap();
        assert!(fs::read_to_string(&slot).unwrap().contains("edited"));
        assert_eq!(invoke(&w, "recovery", json!({})).unwrap(), json!([]));
    }
    assert_eq!(
        invoke(&main, "startup_document", json!({})).unwrap(),
        Value::Null
    );
    // A window outside the capability gets nothing.
    let other = tauri::WebviewWindowBuilder::new(&app, "other", Default::default())
        .build()
        .unwrap();
    assert!(invoke(&other, "startup_document", json!({})).is_err());
}

#[test]
fn discarding_or_closing_forgets_only_that_windows_copy() {
    let dir = tempfile::tempdir().unwrap();
    let (app, main) = window(dir.path(), None);
    invoke(&main, "autosave", doc("Main")).unwrap();
    invoke(&main, "open_documents", json!({ "docs": [doc("Two")] })).unwrap();
    let two = app.get_webview_window("doc-1").unwrap();
    invoke(&two, "discard_recovery", json!({})).unwrap();
    assert!(!dir.path().join("data/autosave-doc-1.json").exists());
    assert!(dir.path().join("data/autosave.json").is_file());
    invoke(&two, "autosave", doc("Two")).unwrap();
    invoke(&two, "close_window", json!({})).unwrap();
    assert!(!dir.path().join("data/autosave-doc-1.json").exists());
    assert!(dir.path().join("data/autosave.json").is_file());
}

#[test]
fn after_a_crash_main_is_offered_every_window_and_restoring_reopens_them() {
    let dir = tempfile::tempdir().unwrap();
    {
        // The run that crashes: main and two more windows, all edited.
        let (app, main) = window(dir.path(), None);
        invoke(&main, "autosave", doc("Main edited")).unwrap();
        invoke(
            &main,
            "open_documents",
            json!({ "docs": [doc("Two"), doc("Three")] }),
        )
        .unwrap();
        let three = app.get_webview_window("doc-2").unwrap();
        invoke(&three, "autosave", doc("Three edited")).unwrap();
    }
    let (app, main) = window(dir.path(), None);
    let offered = invoke(&main, "recovery", json!({})).unwrap();
    let names: Vec<&str> = offered
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["flow"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Main edited", "Two", "Three edited"]);
    let labels = invoke(&main, "restore_recovery", json!({})).unwrap();
    // New labels avoid the old slots, which are cleared once moved.
    assert_eq!(labels, json!(["doc-3", "doc-4"]));
    let four = app.get_webview_window("doc-4").unwrap();
    let got = invoke(&four, "startup_document", json!({})).unwrap();
    assert_eq!(got["flow"]["name"], json!("Three edited"));
    let mut left: Vec<String> = fs::read_dir(dir.path().join("data"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("autosave"))
        .collect();
    left.sort();
    assert_eq!(
        left,
        [
            "autosave-doc-3.json",
            "autosave-doc-4.json",
            "autosave.json"
        ]
    );
}

#[test]
fn declining_the_recovery_forgets_every_left_window() {
    let dir = tempfile::tempdir().unwrap();
    {
        let (_app, main) = window(dir.path(), None);
        invoke(&main, "open_documents", json!({ "docs": [doc("Two")] })).unwrap();
    }
    let (_app, main) = window(dir.path(), None);
    assert_eq!(
        invoke(&main, "recovery", json!({})).unwrap()[0]["flow"]["name"],
        json!("Two")
    );
    invoke(&main, "decline_recovery", json!({})).unwrap();
    assert!(!dir.path().join("data/autosave-doc-1.json").exists());
    assert_eq!(invoke(&main, "recovery", json!({})).unwrap(), json!([]));
}

#[test]
fn closing_a_window_with_unsaved_changes_asks_that_window_only() {
    use std::sync::{Arc, Mutex};
    use tauri::{Listener, RunEvent, WindowEvent};
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // Run the app's event loop; its set-up opens the main window from the
    // config. The mock runtime hands close requests only to the run
    // callback, which passes them to the app's window-event handler as
    // the real runtime does.
    let app = crate::app_with(
        tauri::test::mock_builder(),
        Options {
            data_dir: Some(data.clone()),
            ..Options::default()
        },
    )
    .build(crate::context())
    .unwrap();
    let asked = Arc::new(Mutex::new(Vec::<String>::new()));
    let closing = Arc::new(Mutex::new(Vec::<String>::new()));
    let (asked2, closing2) = (asked.clone(), closing.clone());
    app.run_return(move |handle, event| match event {
        RunEvent::Ready => {
            let main = handle.get_webview_window("main").expect("the main window");
            invoke(&main, "autosave", doc("Main")).unwrap();
            invoke(&main, "open_documents", json!({ "docs": [doc("Two")] })).unwrap();
            let two = handle.get_webview_window("doc-1").unwrap();
            invoke(
                &two,
                "set_document",
                json!({ "title": "• Two", "dirty": true }),
            )
            .unwrap();
            invoke(
                &main,
                "set_document",
                json!({ "title": "Main", "dirty": false }),
            )
            .unwrap();
            for w in [&main, &two] {
                let (asked, label) = (asked2.clone(), w.label().to_string());
                w.listen(super::CLOSE_REQUESTED, move |_| {
                    asked.lock().unwrap().push(label.clone())
                });
            }
            // Close both: the clean main window closes; doc-1 is held and asked.
            two.close().unwrap();
            main.close().unwrap();
        }
        RunEvent::WindowEvent {
            label,
            event: event @ WindowEvent::CloseRequested { .. },
            ..
        } => {
            closing2.lock().unwrap().push(label.clone());
            let window = handle.get_webview_window(&label).expect("the window");
            let window = window.as_ref().window();
            super::on_window_event(&window, &event);
            if label == "doc-1" {
                let w = handle
                    .get_webview_window("doc-1")
                    .expect("doc-1 is held open");
                // It asked; the designer discards: the window closes for good.
                invoke(&w, "close_window", json!({})).unwrap();
            }
        }
        _ => {}
    });
    assert_eq!(*closing.lock().unwrap(), ["doc-1", "main"]);
    assert_eq!(*asked.lock().unwrap(), ["doc-1"]);
    // Both copies are gone: main's by its clean close, doc-1's by close_window.
    assert!(!data.join("autosave.json").exists());
    assert!(!data.join("autosave-doc-1.json").exists());
}

#[test]
fn set_document_is_granted() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = window(dir.path(), None);
    invoke(
        &w,
        "set_document",
        json!({ "title": "• Menu — IVR Studio", "dirty": true }),
    )
    .unwrap();
    // The mock runtime keeps no title; the real one is checked end to end.
}

/// Issue 16: every save keeps a snapshot in the local history (in the data
/// folder), listed newest first and read back; the engine's diff compares
/// one with the document.
#[test]
fn saves_are_kept_in_the_local_history() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = window(dir.path(), None);
    let path = dir.path().join("menu.ivr.json").display().to_string();
    let first = ivr_flow::starter_flow();
    invoke(&w, "save_flow", json!({ "path": path, "flow": first })).unwrap();
    let mut second = first.clone();
    second.name = "Renamed".into();
    invoke(&w, "save_flow", json!({ "path": path, "flow": second })).unwrap();
    let list = invoke(&w, "history", json!({ "path": path })).unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2, "{list:?}");
    assert_eq!(list[0]["occasion"]["kind"], "save");
    let older: Flow =
        serde_json::from_value(invoke(&w, "history_flow", json!({ "id": list[1]["id"] })).unwrap())
            .unwrap();
    assert_eq!(older, first);
    let lines = invoke(&w, "diff_flows", json!({ "old": older, "new": second })).unwrap();
    assert_eq!(lines[0]["kind"], "flow");
    assert!(
        lines[0]["text"]["zh"].as_str().unwrap().contains("Renamed"),
        "{lines}"
    );
    assert!(invoke(&w, "history_flow", json!({ "id": "../../x" })).is_err());
}
