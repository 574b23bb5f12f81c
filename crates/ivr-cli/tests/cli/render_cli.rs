//! `ivr render` as a user runs it: an example flow to a file in Chinese, a
//! real Connect export to standard output, and a file that is not a flow
//! (exit 2, naming the file).

use crate::support::{ivr, repo};

#[test]
fn renders_an_example_flow_to_a_file_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("menu.svg");
    let run = ivr(&[
        "render",
        &repo("docs/examples/main-menu.ivr.json"),
        "-o",
        out.to_str().unwrap(),
        "--lang",
        "zh",
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.starts_with("<?xml") && svg.trim_end().ends_with("</svg>"));
    assert!(svg.contains(">开始<"), "the start block in Chinese");
}

#[test]
fn renders_a_real_connect_export_to_standard_output() {
    let run = ivr(&[
        "render",
        &repo(
            "tests/corpus/connect/aws-samples--amazon-connect-contact-surveys/2-Simple Survey Example.json",
        ),
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let svg = String::from_utf8(run.stdout).unwrap();
    assert!(svg.matches("class=\"block\"").count() >= 5, "{svg}");
}

#[test]
fn a_file_that_is_not_a_flow_is_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("notes.json");
    std::fs::write(&bad, "{\"hello\": 1}").unwrap();
    let run = ivr(&["render", bad.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("notes.json"));
}
