//! `ivr validate` and `ivr convert` as a user runs them: the real binary, real
//! files, exit codes and messages checked.

use std::fs;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::support::ivr;

fn text(out: &[u8]) -> String {
    String::from_utf8_lossy(out).into_owned()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

#[test]
fn help_lists_every_verb_of_the_contract() {
    let out = ivr(&["--help"]);
    assert!(out.status.success());
    let help = text(&out.stdout);
    for verb in [
        "validate", "convert", "diff", "profile", "list", "import", "publish", "sandbox",
    ] {
        assert!(
            help.contains(&format!("  {verb} ")),
            "{verb} missing from:\n{help}"
        );
    }
}

#[test]
fn a_valid_flow_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "ok.ivr.json",
        &ivr_flow::to_bytes(&ivr_flow::starter_flow()),
    );
    let out = ivr(&["validate", &file]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("no problems"));
}

#[test]
fn a_flow_with_errors_exits_1_and_reports_them_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let mut flow = ivr_flow::starter_flow();
    flow.edges.pop(); // the welcome prompt's exit now leads nowhere
    let file = write(dir.path(), "bad.ivr.json", &ivr_flow::to_bytes(&flow));
    // An unwired exit is a warning for Amazon Connect, which takes it...
    let out = ivr(&["validate", "--format", "json", "--target", "connect", &file]);
    assert_eq!(out.status.code(), Some(0));
    // ...and an error for CCC, whose publish refuses it.
    let out = ivr(&["validate", "--format", "json", "--target", "aliyun", &file]);
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0]["file"], file.as_str());
    let problems = files[0]["problems"].as_array().unwrap();
    let codes: Vec<&str> = problems
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["exit.unwired", "node.unreachable"]);
    let unwired = &problems[0];
    assert_eq!(unwired["severity"], "error");
    assert_eq!(unwired["node"], "welcome");
    assert_eq!(unwired["port"], "next");
    assert!(
        unwired["message"]
            .as_str()
            .unwrap()
            .contains("leads nowhere")
    );
    for key in ["code", "severity", "message", "node", "port", "field"] {
        assert!(unwired.get(key).is_some(), "{key}");
    }
}

#[test]
fn messages_come_in_chinese_with_lang_zh() {
    let dir = tempfile::tempdir().unwrap();
    let mut flow = ivr_flow::starter_flow();
    flow.edges.pop();
    let file = write(dir.path(), "bad.ivr.json", &ivr_flow::to_bytes(&flow));
    let out = ivr(&["validate", "--lang", "zh", "--target", "aliyun", &file]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("没有连线"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn target_limits_apply_with_target() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "big.ivr.json",
        &ivr_flow::to_bytes(&ivr_flow::synth::large_flow(300)),
    );
    assert_eq!(ivr(&["validate", &file]).status.code(), Some(0));
    let out = ivr(&["validate", "--target", "connect", &file]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("target.too-many-blocks"));
}

#[test]
fn malformed_json_exits_2_with_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "broken.ivr.json",
        b"{\n  \"format\": \"ivr-studio/flow\",\n  oops\n}",
    );
    let out = ivr(&["validate", &file]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains(&format!("{file}: line 3, column 3")), "{err}");
}

#[test]
fn missing_empty_and_oversized_files_exit_2_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.ivr.json").display().to_string();
    let empty = write(dir.path(), "empty.ivr.json", b"");
    let big = dir.path().join("big.ivr.json");
    fs::File::create(&big)
        .unwrap()
        .set_len(20 * 1024 * 1024 + 1)
        .unwrap();
    let big = big.display().to_string();
    for (file, says) in [
        (&missing, "no such file"),
        (&empty, "the file is empty"),
        (&big, "over the 20.0 MB limit"),
    ] {
        let out = ivr(&["validate", file]);
        assert_eq!(out.status.code(), Some(2), "{file}");
        let err = text(&out.stderr);
        assert!(err.contains(file.as_str()) && err.contains(says), "{err}");
    }
}

#[test]
fn one_unreadable_file_among_good_ones_still_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(
        dir.path(),
        "ok.ivr.json",
        &ivr_flow::to_bytes(&ivr_flow::starter_flow()),
    );
    let bad = write(dir.path(), "bad.json", b"[]");
    let out = ivr(&["validate", "--format", "json", &good, &bad]);
    assert_eq!(out.status.code(), Some(2));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["files"][0]["problems"], Value::Array(vec![]));
    assert!(
        report["files"][1]["error"]
            .as_str()
            .unwrap()
            .contains("bad.json")
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(ivr(&["validate"]).status.code(), Some(2));
    assert_eq!(
        ivr(&["validate", "--target", "mars", "x"]).status.code(),
        Some(2)
    );
    assert_eq!(ivr(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn convert_writes_a_native_file_atomically_and_identically() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = ivr_flow::to_bytes(&ivr_flow::starter_flow());
    let src = write(dir.path(), "in.ivr.json", &bytes);
    let dst = dir.path().join("out.ivr.json");
    let out = ivr(&[
        "convert",
        &src,
        "--to",
        "ivr",
        "-o",
        &dst.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(fs::read(&dst).unwrap(), bytes);
}

#[test]
fn a_reader_that_stops_early_is_no_crash() {
    use std::io::Read;
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let flow = ivr_flow::synth::large_flow(2000);
    let file = write(dir.path(), "big.ivr.json", &ivr_flow::to_bytes(&flow));
    // Thousands of lines of output; the reader takes a few bytes and leaves.
    let mut child = Command::new(env!("CARGO_BIN_EXE_ivr"))
        .args(["validate", "--target", "connect", &file])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let out = child.wait_with_output().unwrap();
    let err = text(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_ne!(out.status.code(), Some(101), "{err}");
}

/// `ivr --version` names the commit it was built from: the checkout's HEAD
/// as git says it now, or `unknown` where git has no checkout to read.
#[test]
fn the_version_names_the_commit_it_was_built_from() {
    let out = ivr(&["--version"]);
    assert_eq!(out.status.code(), Some(0));
    let head = Command::new("git")
        .args(["rev-parse", "--short=10", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| text(&o.stdout).trim().to_owned())
        .unwrap_or_else(|| "unknown".to_owned());
    assert_eq!(
        text(&out.stdout).trim(),
        format!("ivr {} (commit {head})", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn completions_and_the_manual_come_from_the_parser() {
    let dir = tempfile::tempdir().unwrap();
    let out = ivr(&["completions", "bash"]);
    assert_eq!(out.status.code(), Some(0));
    let script = text(&out.stdout);
    for verb in ["validate", "diff", "publish", "task"] {
        assert!(
            script.contains(verb),
            "{verb} missing from the bash completions"
        );
    }
    // bash itself reads the script.
    let path = write(dir.path(), "ivr.bash", script.as_bytes());
    let check = Command::new("bash").args(["-n", &path]).output().unwrap();
    assert!(check.status.success(), "{}", text(&check.stderr));
    for shell in ["zsh", "fish"] {
        let out = ivr(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        assert!(text(&out.stdout).contains("publish"), "{shell}");
    }
    let out = ivr(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2), "an unknown shell is bad input");
    let out = ivr(&["manual"]);
    assert_eq!(out.status.code(), Some(0));
    let man = text(&out.stdout);
    assert!(
        man.starts_with(".ie") || man.contains(".TH ivr"),
        "{}",
        &man[..200.min(man.len())]
    );
    assert!(
        man.contains(".TH validate") && man.contains(".TH task"),
        "a section per verb"
    );
}
