//! `ivr diff` as a user runs it: two files (exit 0 the same, 1 they differ,
//! 2 bad input), a real Connect export against its own conversion (the same
//! flow across formats), JSON output in both languages, and a local file
//! against what is live in the sandbox (`PROFILE:ID`).

use std::path::Path;

use serde_json::Value;

use crate::support::{World, flow, ivr, set_prompt, text, write_flow};

fn corpus_file(name: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/connect");
    walk(&root, name).unwrap_or_else(|| panic!("{name} not in {}", root.display()))
}

fn walk(dir: &Path, name: &str) -> Option<String> {
    for e in std::fs::read_dir(dir).ok()?.flatten() {
        let p = e.path();
        if p.is_dir() {
            if let Some(found) = walk(&p, name) {
                return Some(found);
            }
        } else if p.file_name().is_some_and(|n| n == name) {
            return Some(p.display().to_string());
        }
    }
    None
}

#[test]
fn two_files_exit_0_when_the_same_and_1_with_the_changes_named() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.ivr.json");
    let b = dir.path().join("b.ivr.json");
    let mut f = flow("Main", "Welcome.");
    let (a, b) = (write_flow(&a, &f), {
        set_prompt(&mut f, "Welcome back.");
        f.nodes[0].position.x += 100.0;
        write_flow(&b, &f)
    });
    let same = ivr(&["diff", &a, &a]);
    assert_eq!(same.status.code(), Some(0), "{}", text(&same.stderr));
    assert!(
        text(&same.stdout).contains("no changes"),
        "{}",
        text(&same.stdout)
    );

    let out = ivr(&["diff", &a, &b]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("1 change(s), and 1 layout-only"),
        "{stdout}"
    );
    assert!(
        stdout.contains("\"Welcome.\" → \"Welcome back.\""),
        "{stdout}"
    );
    assert!(
        !stdout.contains("moved"),
        "moves are counted, not listed: {stdout}"
    );
    let out = ivr(&["diff", &a, &b, "--layout"]);
    assert!(
        text(&out.stdout).contains("(layout) "),
        "{}",
        text(&out.stdout)
    );

    // JSON, with both languages and the layout flag.
    let out = ivr(&["diff", &a, &b, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["equal"], false);
    let changes = v["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 2);
    assert!(
        changes
            .iter()
            .any(|c| c["kind"] == "setting" && c["layout"] == false)
    );
    assert!(
        changes
            .iter()
            .any(|c| c["kind"] == "moved" && c["layout"] == true)
    );
    assert!(
        changes
            .iter()
            .all(|c| c["text"]["zh"].as_str().is_some_and(|s| !s.is_empty()))
    );
    // Chinese lines on request.
    let out = ivr(&["diff", &a, &b, "--lang", "zh"]);
    assert!(text(&out.stdout).contains(" 的"), "{}", text(&out.stdout));
}

#[test]
fn bad_input_exits_2_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let a = write_flow(&dir.path().join("a.ivr.json"), &flow("Main", "Hi."));
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{ not json").unwrap();
    let bad = bad.display().to_string();
    for args in [
        vec!["diff", &a, &bad],
        vec!["diff", "missing.ivr.json", &a],
        vec!["diff", &a],
    ] {
        let out = ivr(&args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
    let out = ivr(&["diff", &a, &bad]);
    assert!(
        text(&out.stderr).contains("bad.json"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_real_connect_export_is_the_same_flow_as_its_conversion() {
    // A flow no one here wrote (tests/corpus/PROVENANCE.md), 95 blocks.
    let export = corpus_file("RulesEngineQueue.json");
    let dir = tempfile::tempdir().unwrap();
    let converted = dir.path().join("queue.ivr.json").display().to_string();
    let out = ivr(&["convert", &export, "--to", "ivr", "-o", &converted]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = ivr(&["diff", &export, &converted]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    // An edit of the converted file is named in the designer's words.
    let mut f: ivr_flow::Flow = ivr_flow::from_bytes(&std::fs::read(&converted).unwrap()).unwrap();
    let victim = f.edges.iter().position(|e| e.from.port == "next").unwrap();
    f.edges.remove(victim);
    std::fs::write(&converted, ivr_flow::to_bytes(&f)).unwrap();
    let out = ivr(&["diff", &export, &converted]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("is no longer connected, was"), "{stdout}");
    // Never an internal id (UUIDs are Connect's action ids).
    let uuid = regex_lite_uuid(&stdout);
    assert!(!uuid, "{stdout}");
}

/// Whether `s` holds something shaped like a UUID.
fn regex_lite_uuid(s: &str) -> bool {
    s.split(|c: char| !(c.is_ascii_hexdigit() || c == '-'))
        .any(|w| {
            let parts: Vec<&str> = w.split('-').collect();
            parts.len() == 5
                && parts.iter().map(|p| p.len()).collect::<Vec<_>>() == [8, 4, 4, 4, 12]
        })
}

#[test]
fn a_file_against_what_is_live_in_the_sandbox() {
    let w = World::ccc();
    let path = w.path("main.ivr.json");
    let file = write_flow(&path, &flow("Live diff", "Welcome."));
    let out = w.publish(&file);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let id = w.list()[0]["id"].as_str().unwrap().to_owned();
    let live = format!("{}:{id}", w.cloud.profile);
    let out = w.ivr(&["diff", &live, &file]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    // Edit locally: the diff against the cloud names the edit.
    let mut f: ivr_flow::Flow = ivr_flow::from_bytes(&std::fs::read(&path).unwrap()).unwrap();
    set_prompt(&mut f, "Welcome, edited.");
    write_flow(&path, &f);
    let out = w.ivr(&["diff", &live, &file]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("\"Welcome.\" → \"Welcome, edited.\""),
        "{}",
        text(&out.stdout)
    );
    // An id the instance does not have is the cloud's refusal: exit 1, named.
    let out = w.ivr(&["diff", &format!("{}:nope", w.cloud.profile), &file]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("nope"), "{}", text(&out.stderr));
}
