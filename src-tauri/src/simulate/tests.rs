//! The Simulate commands on the mock runtime: a call on the README's menu
//! example answered step by step with only the new events, saved as a case
//! beside the flow (appended, never losing one), the cases run with their
//! coverage, and a step on a 1,000-block flow timed.

use std::path::{Path, PathBuf};
use std::time::Instant;

use ivr_flow::Flow;
use serde_json::{Value, json};

use crate::tests::{invoke, main_window};

fn menu() -> Flow {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/examples/main-menu.ivr.json");
    ivr_files::read_flow(&path)
        .expect("the README's example reads")
        .1
}

fn kinds(step: &Value) -> Vec<String> {
    step["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| e["kind"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn a_call_answers_only_the_new_events_and_ends_transferred() {
    let (_app, w) = main_window();
    let start = invoke(&w, "sim_start", json!({ "flow": menu(), "scenario": {} })).unwrap();
    assert_eq!(start["first"], 0);
    assert_eq!(start["state"]["kind"], "waiting");
    assert_eq!(start["state"]["block"], "main_menu");
    assert_eq!(start["state"]["awaiting"]["kind"], "key");
    let heard: Vec<&str> = start["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["text"].as_str())
        .collect();
    assert!(
        heard
            .iter()
            .any(|t| t.contains("Thank you for calling Acme")),
        "{heard:?}"
    );
    let n = start["events"].as_array().unwrap().len();

    let call = start["call"].clone();
    let bad = invoke(
        &w,
        "sim_input",
        json!({ "call": call, "input": { "kind": "press", "keys": "x" } }),
    )
    .expect_err("x is no phone key");
    assert_eq!(bad["kind"], "simulate");
    assert!(
        bad["message"]["zh"].as_str().unwrap().contains("电话按键"),
        "{bad}"
    );

    let pressed = invoke(
        &w,
        "sim_input",
        json!({ "call": call, "input": { "kind": "press", "keys": "2" } }),
    )
    .unwrap();
    assert_eq!(pressed["first"], n);
    let k = kinds(&pressed);
    assert_eq!(k.first().map(String::as_str), Some("pressed"), "{k:?}");
    assert!(
        !k.contains(&"heard".to_owned()) || k.len() < n + 5,
        "only the new events: {k:?}"
    );
    assert_eq!(pressed["state"]["kind"], "ended");
    assert_eq!(pressed["state"]["outcome"]["kind"], "transferred");
    assert!(
        pressed["outcome"]["en"]
            .as_str()
            .unwrap()
            .contains("Support"),
        "{pressed}"
    );

    invoke(&w, "sim_stop", json!({ "call": call })).unwrap();
    let gone = invoke(
        &w,
        "sim_input",
        json!({ "call": call, "input": { "kind": "timeout" } }),
    )
    .expect_err("a stopped call takes no input");
    assert!(
        gone["text"]["en"]
            .as_str()
            .unwrap()
            .contains("not in progress"),
        "{gone}"
    );
}

fn save(
    w: &tauri::WebviewWindow<tauri::test::MockRuntime>,
    flow_path: &Path,
    keys: &str,
    name: &str,
) -> Result<Value, Value> {
    let start = invoke(
        w,
        "sim_start",
        json!({ "flow": menu(), "scenario": { "caller": "+8613800000000" } }),
    )
    .unwrap();
    let call = start["call"].clone();
    invoke(
        w,
        "sim_input",
        json!({ "call": call, "input": { "kind": "press", "keys": keys } }),
    )
    .unwrap();
    invoke(
        w,
        "sim_save_case",
        json!({ "call": call, "name": name, "path": flow_path.display().to_string() }),
    )
}

#[test]
fn saved_calls_are_appended_beside_the_flow_and_run_with_their_coverage() {
    let (_app, w) = main_window();
    let dir = tempfile::tempdir().unwrap();
    let flow_path: PathBuf = dir.path().join("main-menu.ivr.json");
    ivr_files::write_flow(&flow_path, &menu()).unwrap();
    let none = invoke(
        &w,
        "sim_run_cases",
        json!({ "flow": menu(), "path": flow_path.display().to_string() }),
    )
    .unwrap();
    assert_eq!(none["cases"], json!([]));
    assert_eq!(none["coverage"]["taken"], 0);

    let saved = save(&w, &flow_path, "1", "Sales").unwrap();
    let file = dir.path().join("main-menu.ivrtest.json");
    assert_eq!(saved["file"], json!(file.display().to_string()));
    assert_eq!(saved["cases"], 1);
    assert_eq!(save(&w, &flow_path, "2", "Support").unwrap()["cases"], 2);
    let twice = save(&w, &flow_path, "2", "Support").expect_err("a name twice");
    assert_eq!(twice["kind"], "exists");
    let on_disk = ivr_flow::sim::cases::from_bytes(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(on_disk.flow, "main-menu.ivr.json");
    assert_eq!(on_disk.cases.len(), 2);
    assert_eq!(on_disk.cases[0].scenario.caller, "+8613800000000");

    let run = invoke(
        &w,
        "sim_run_cases",
        json!({ "flow": menu(), "path": flow_path.display().to_string() }),
    )
    .unwrap();
    let passed: Vec<bool> = run["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["passed"].as_bool().unwrap())
        .collect();
    assert_eq!(passed, [true, true], "{run}");
    let never: Vec<&str> = run["coverage"]["never"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"]["en"].as_str().unwrap())
        .collect();
    assert!(never.iter().any(|n| n.contains("Timeout")), "{never:?}");
    assert!(!never.iter().any(|n| n.contains("Key 1")), "{never:?}");

    // The document changed (key 1 now hangs up): the Sales case fails, saying how.
    let mut changed = menu();
    for e in &mut changed.edges {
        if e.from.node == "main_menu" && e.from.port == "key:1" {
            e.to = "hang_up".into();
        }
    }
    let run = invoke(
        &w,
        "sim_run_cases",
        json!({ "flow": changed, "path": flow_path.display().to_string() }),
    )
    .unwrap();
    let sales = &run["cases"][0];
    assert_eq!(sales["passed"], false, "{run}");
    assert!(
        sales["failure"]["actual"]["en"].as_str().is_some(),
        "{sales}"
    );

    // A file that is not a case file is reported, and left as it was.
    std::fs::write(&file, "{}").unwrap();
    let bad = save(&w, &flow_path, "1", "Again").expect_err("not a case file");
    assert_eq!(bad["kind"], "content");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "{}");
}

/// The panel's budget: a step answered within one frame (16 ms) on a
/// 1,000-block flow, through the command layer (serialising included).
#[test]
fn a_step_on_a_thousand_block_flow_is_answered_within_a_frame() {
    let (_app, w) = main_window();
    let flow = ivr_flow::synth::large_flow(1000);
    let start = invoke(&w, "sim_start", json!({ "flow": flow, "scenario": {} })).unwrap();
    let call = start["call"].clone();
    assert_eq!(
        start["state"]["awaiting"]["kind"], "key",
        "{}",
        start["state"]
    );
    let mut times = Vec::new();
    for _ in 0..200 {
        let t = Instant::now();
        let step = invoke(
            &w,
            "sim_input",
            json!({ "call": call, "input": { "kind": "press", "keys": "1" } }),
        )
        .unwrap();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        if step["state"]["kind"] != "waiting" {
            break;
        }
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    eprintln!(
        "sim_input on 1,000 blocks: {} steps, median {median:.3} ms, max {:.3} ms",
        times.len(),
        times[times.len() - 1]
    );
    assert!(median < 16.0, "median {median} ms");
}
