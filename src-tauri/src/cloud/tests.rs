//! Mock-runtime tests of the cloud commands against the embedded sandbox,
//! and issue 5's leak test: after profiles are added and used from the app,
//! neither the config folder, the app data folder, the app's log output nor
//! any IPC response holds the secret.

use std::path::Path;
use std::sync::Arc;

use ivr_cloud::Secret;
use ivr_cloud::credentials::{SecretSlot, SecretStore};
use ivr_cloud::test_support::{self, MemoryStore, StuckKeyring};
use ivr_flow::Flow;
use serde_json::{Value, json};
use tauri::test::{MockRuntime, mock_builder};
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

use super::CloudState;
use crate::tests::invoke;

/// A secret no code path should ever print, file or send to the webview.
const SECRET: &str = "Qv7-leak-canary-d1st1nct-Zr4";
const KEY: &str = "leaktest-key";

struct Fixture {
    _app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    config: tempfile::TempDir,
    data: tempfile::TempDir,
    store: Arc<dyn SecretStore>,
    /// Every IPC answer (success or error), as the webview received it.
    responses: Vec<String>,
}

impl Fixture {
    fn new() -> Self {
        Fixture::with_store(Arc::new(MemoryStore::new()))
    }

    /// The app with `store` as its OS keyring.
    fn with_store(store: Arc<dyn SecretStore>) -> Self {
        let config = tempfile::tempdir().expect("a temp dir");
        let data = tempfile::tempdir().expect("a temp dir");
        let state = CloudState::new(
            config.path().to_path_buf(),
            data.path().join("sandbox"),
            store.clone(),
            |_| None,
        )
        .with_sandbox_credential(KEY, Secret::new(SECRET));
        // The app's files in the same data folder (not the OS one).
        let options = crate::files::Options {
            data_dir: Some(data.path().to_path_buf()),
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
            config,
            data,
            store,
            responses: Vec::new(),
        }
    }

    fn call(&mut self, cmd: &str, args: Value) -> Result<Value, Value> {
        let r = invoke(&self.window, cmd, args);
        self.responses.push(match &r {
            Ok(v) | Err(v) => v.to_string(),
        });
        r
    }

    fn ok(&mut self, cmd: &str, args: Value) -> Value {
        self.call(cmd, args)
            .unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }

    fn sandbox_endpoint(&mut self) -> String {
        let list = self.ok("list_profiles", json!({}));
        list[0]["profile"]["endpoint"]
            .as_str()
            .expect("the built-in profiles have the sandbox endpoint")
            .to_owned()
    }
}

/// Every file under `dir` whose bytes contain `needle`.
fn files_containing(dir: &Path, needle: &str) -> Vec<String> {
    let mut hits = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(bytes) = std::fs::read(&path)
                && bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
            {
                hits.push(path.display().to_string());
            }
        }
    }
    hits
}

/// Where the secret shows up: files of the config and data folders, and
/// the IPC responses. Empty means no leak.
fn leaks(f: &Fixture, secret: &str) -> Vec<String> {
    let mut out = files_containing(f.config.path(), secret);
    out.extend(files_containing(f.data.path(), secret));
    out.extend(
        f.responses
            .iter()
            .filter(|r| r.contains(secret))
            .map(|r| format!("IPC response {r}")),
    );
    out
}

fn named(flow: Value, name: &str) -> Value {
    let mut flow = flow;
    flow["name"] = json!(name);
    flow
}

#[test]
fn builtin_sandbox_profiles_publish_and_import_at_once() {
    let mut f = Fixture::new();
    let list = f.ok("list_profiles", json!({}));
    let names: Vec<&str> = list
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|v| v["profile"]["name"].as_str())
        .collect();
    assert_eq!(names, ["sandbox-connect", "sandbox-ccc", "sandbox-ccc2017"]);
    for name in ["sandbox-ccc", "sandbox-connect"] {
        f.ok("test_connection", json!({ "profile": name }));
        let flow = named(f.ok("starter_flow", json!({})), &format!("Welcome {name}"));
        let plan = f.ok("plan_publish", json!({ "flow": flow, "profile": name }));
        assert_eq!(plan["action"], "create");
        let out = f.ok(
            "publish_flow",
            json!({ "flow": flow, "profile": name, "status": "published" }),
        );
        let remote_id = out["remote_id"].as_str().expect("a remote id").to_owned();
        // The command returns the binding; the document records it, as the UI does.
        assert_eq!(out["binding"]["remote_id"], remote_id.as_str());
        assert!(
            out.get("flow").is_none(),
            "the whole flow is not sent back: {out}"
        );
        let mut published = flow.clone();
        published["bindings"] = json!([out["binding"]]);
        let plan = f.ok(
            "plan_publish",
            json!({ "flow": published, "profile": name }),
        );
        assert_eq!(plan["action"], "update");
        assert_eq!(plan["remote_id"], remote_id.as_str());
        // Edit the prompt and publish again: the same remote flow is updated.
        let mut edited = published;
        edited["nodes"][1]["params"]["text"] = json!("Edited prompt");
        let again = f.ok(
            "publish_flow",
            json!({ "flow": edited, "profile": name, "status": "published" }),
        );
        assert_eq!(again["remote_id"], remote_id.as_str());
        let page = f.ok(
            "list_remote_flows",
            json!({ "profile": name, "flowType": null, "search": "Welcome", "page": 1, "pageSize": 10 }),
        );
        assert_eq!(page["total"], 1, "{page}");
        assert_eq!(page["flows"][0]["id"], remote_id.as_str());
        let imported = f.ok(
            "import_flows",
            json!({ "profile": name, "ids": [remote_id] }),
        );
        let doc: Flow =
            serde_json::from_value(imported[0]["flow"]["ok"].clone()).expect("a document");
        assert_eq!(doc.name, format!("Welcome {name}"));
        let prompt = doc
            .nodes
            .iter()
            .find(|n| n.block == "play_prompt")
            .expect("the prompt");
        assert_eq!(prompt.params["text"], "Edited prompt");
        assert_eq!(doc.bindings.len(), 1);
        assert_eq!(doc.bindings[0].remote_id, remote_id);
    }
}

#[test]
fn a_flow_with_errors_is_refused_with_its_problems() {
    let mut f = Fixture::new();
    let mut flow = f.ok("starter_flow", json!({}));
    flow["nodes"]
        .as_array_mut()
        .expect("nodes")
        .retain(|n| n["block"] != "start");
    let err = f
        .call(
            "publish_flow",
            json!({ "flow": flow, "profile": "sandbox-ccc" }),
        )
        .expect_err("refused");
    // The one error shape: kind, message, hint, text, and the refusal's problems.
    assert_eq!(err["kind"], "config", "{err}");
    assert!(
        !err["refusal"]["problems"]
            .as_array()
            .expect("problems")
            .is_empty()
    );
    assert!(
        err["text"]["en"]
            .as_str()
            .expect("text")
            .contains("nothing was sent")
    );
    assert!(
        err["text"]["zh"]
            .as_str()
            .expect("text")
            .contains("未发送任何内容")
    );
}

#[test]
fn builtin_profiles_cannot_be_removed_and_unknown_ones_are_named() {
    let mut f = Fixture::new();
    let e = f
        .call("remove_profile", json!({ "name": "sandbox-ccc" }))
        .expect_err("refused");
    assert!(
        e["text"]["en"].as_str().expect("text").contains("built-in"),
        "{e}"
    );
    assert!(
        e["text"]["zh"].as_str().expect("text").contains("内置"),
        "{e}"
    );
    let e = f
        .call("test_connection", json!({ "profile": "nope" }))
        .expect_err("refused");
    assert!(
        e["text"]["en"]
            .as_str()
            .expect("text")
            .contains("no profile"),
        "{e}"
    );
    // Every command's error in both languages: kind, message, hint, text.
    assert_eq!(e["kind"], "config", "{e}");
    assert!(
        e["message"]["zh"]
            .as_str()
            .expect("message")
            .contains("没有名为 \"nope\" 的连接"),
        "{e}"
    );
}

#[test]
fn publish_writes_the_binding_into_the_documents_file() {
    let mut f = Fixture::new();
    let path = f.data.path().join("doc.ivr.json");
    let flow = named(f.ok("starter_flow", json!({})), "Filed flow");
    let out = f.ok(
        "publish_flow",
        json!({ "flow": flow, "profile": "sandbox-ccc", "path": path }),
    );
    let (_, saved) = ivr_files::read_flow(&path).expect("the file is written");
    assert_eq!(saved.bindings.len(), 1);
    assert_eq!(
        saved.bindings[0].remote_id,
        out["remote_id"].as_str().expect("id")
    );
    // Written as a save writes: the file is among the recent ones.
    let recent = f.ok("recent_files", json!({}));
    assert_eq!(recent[0], path.display().to_string(), "{recent}");
}

/// Issue 5: profiles with a distinctive secret are added and used (test,
/// list, publish, import, a wrong secret) through the commands; the secret
/// reaches the keyring and nothing else.
#[test]
fn the_secret_is_in_no_file_and_no_ipc_response() {
    let mut f = Fixture::new();
    let endpoint = f.sandbox_endpoint();
    for (name, provider, region) in [
        ("leak-ccc", "aliyun", "cn-shanghai"),
        ("leak-connect", "connect", "us-east-1"),
    ] {
        let profile = json!({
            "name": name, "provider": provider, "region": region,
            "instance": "leak-instance", "endpoint": endpoint, "key_id": KEY,
        });
        let list = f.ok(
            "save_profile",
            json!({ "profile": profile, "secret": SECRET }),
        );
        let view = list
            .as_array()
            .expect("a list")
            .iter()
            .find(|v| v["profile"]["name"] == name)
            .expect("saved")
            .clone();
        assert_eq!(view["secret"]["stored"], true);
        assert_eq!(view["secret"]["last4"], &SECRET[SECRET.len() - 4..]);
        // Editing without a secret keeps the stored one.
        f.ok(
            "save_profile",
            json!({ "profile": profile, "secret": null }),
        );
        f.ok("test_connection", json!({ "profile": name }));
        let flow = named(
            f.ok("starter_flow", json!({})),
            &format!("Leak check {name}"),
        );
        let path = f.data.path().join(format!("{name}.ivr.json"));
        let out = f.ok(
            "publish_flow",
            json!({ "flow": flow, "profile": name, "path": path }),
        );
        f.ok(
            "list_remote_flows",
            json!({ "profile": name, "page": 1, "pageSize": 50 }),
        );
        f.ok(
            "import_flows",
            json!({ "profile": name, "ids": [out["remote_id"]] }),
        );
    }
    assert_eq!(
        f.store
            .get("leak-ccc", SecretSlot::Secret)
            .expect("readable")
            .as_ref()
            .map(Secret::expose),
        Some(SECRET)
    );
    // A wrong secret: the provider's refusal names no secret either.
    let wrong = format!("{SECRET}-wrong");
    let profile = json!({
        "name": "leak-wrong", "provider": "aliyun", "region": "cn-shanghai",
        "instance": "leak-instance", "endpoint": endpoint, "key_id": KEY,
    });
    f.ok(
        "save_profile",
        json!({ "profile": profile, "secret": wrong }),
    );
    let e = f
        .call("test_connection", json!({ "profile": "leak-wrong" }))
        .expect_err("a wrong secret is refused");
    assert!(e["code"] == "SignatureDoesNotMatch", "{e}");
    f.ok("remove_profile", json!({ "name": "leak-ccc" }));
    f.ok("list_profiles", json!({}));
    assert!(f.responses.len() > 15);

    assert_eq!(leaks(&f, SECRET), Vec::<String>::new());
    assert_eq!(leaks(&f, &wrong), Vec::<String>::new());
}

/// The leak search finds a planted secret, in a file and in a response: a
/// leak would fail the test above.
#[test]
fn the_leak_search_finds_a_planted_secret() {
    let mut f = Fixture::new();
    assert!(leaks(&f, SECRET).is_empty());
    std::fs::write(f.config.path().join("oops.log"), format!("key={SECRET}\n")).expect("writes");
    assert_eq!(leaks(&f, SECRET).len(), 1);
    f.responses.push(json!({ "secret": SECRET }).to_string());
    assert_eq!(leaks(&f, SECRET).len(), 2);
}

/// The app's commands as a front end of the connections scenario.
impl test_support::ConnectionsFront for Fixture {
    fn save(&mut self, profile: &ivr_cloud::Profile, secret: &str) -> Result<(), String> {
        self.call(
            "save_profile",
            json!({ "profile": profile, "secret": secret }),
        )
        .map(drop)
        .map_err(|e| e.to_string())
    }
    fn remove(&mut self, name: &str) -> Result<(), String> {
        self.call("remove_profile", json!({ "name": name }))
            .map(drop)
            .map_err(|e| e.to_string())
    }
    fn listed(&mut self, name: &str) -> bool {
        let list = self.ok("list_profiles", json!({}));
        list.as_array()
            .expect("a list")
            .iter()
            .any(|v| v["profile"]["name"] == name)
    }
}

/// Issue 14: the app's commands go through the service's one Connections,
/// in the safer order: removing a connection whose keyring delete fails
/// keeps the profile and its secret; saving one whose file cannot be
/// written leaves no secret behind. The same scenario runs through
/// `ivr profile` (crates/ivr-cli/src/profile/tests.rs).
#[test]
fn connections_never_orphan_a_secret() {
    let keyring = Arc::new(StuckKeyring::default());
    let mut f = Fixture::with_store(keyring.clone());
    let file = f.config.path().join("profiles.toml");
    test_support::never_orphan_a_secret(&mut f, &keyring, &file);
}

/// Issue 16: before an update, the plan lists what the publish would change
/// in the cloud (from what is live to the document); a create lists nothing.
#[test]
fn publish_changes_lists_what_an_update_would_change() {
    let mut f = Fixture::new();
    let flow = named(f.ok("starter_flow", json!({})), "Reviewed flow");
    let none = f.ok(
        "publish_changes",
        json!({ "flow": flow, "profile": "sandbox-connect" }),
    );
    assert_eq!(none, Value::Null, "a create has no changes to list");
    let out = f.ok(
        "publish_flow",
        json!({ "flow": flow, "profile": "sandbox-connect" }),
    );
    let mut edited = flow.clone();
    edited["bindings"] = json!([out["binding"]]);
    let same = f.ok(
        "publish_changes",
        json!({ "flow": edited, "profile": "sandbox-connect" }),
    );
    let real: Vec<&Value> = same["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .filter(|l| l["layout"] == false)
        .collect();
    assert!(real.is_empty(), "nothing changed yet: {same}");
    edited["nodes"][1]["params"]["text"] = json!("A new greeting");
    let lines = f.ok(
        "publish_changes",
        json!({ "flow": edited, "profile": "sandbox-connect" }),
    );
    assert_eq!(
        lines["live"]["name"], "Reviewed flow",
        "the live flow comes along"
    );
    let text = lines["lines"].to_string();
    assert!(text.contains("\"setting\""), "{text}");
    assert!(text.contains("A new greeting"), "{text}");
}
