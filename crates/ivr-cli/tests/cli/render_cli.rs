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

/// Must-show 4 of issue 18: every shipped template and three real Connect
/// flows (a 94-action console export, a DescribeContactFlow response, a
/// survey), drawn by `ivr render` in English and Chinese: each picture parses
/// as XML, is an SVG document, and names every block of the flow (each card's
/// `<title>` carries the block's whole name, even where the card's text is
/// cut to fit).
#[test]
fn every_template_and_three_real_flows_render_as_valid_svg_naming_every_block() {
    let templates = std::fs::read_dir(repo("templates"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".ivr.json"));
    let corpus = [
        "tests/corpus/connect/aws-samples--amazon-connect-rules-engine/RulesEngineQueue.json",
        "tests/corpus/connect/amazon-connect--amazon-connect-salesforce-scv/AWS_Sample_SCV_REST_Example.json",
        "tests/corpus/connect/aws-samples--amazon-connect-contact-surveys/2-Simple Survey Example.json",
    ]
    .map(|p| std::path::PathBuf::from(repo(p)));
    let files: Vec<_> = templates.chain(corpus).collect();
    assert!(files.len() >= 9, "{} files", files.len());
    for file in &files {
        let (_, flow) = ivr_flow::dialect::decode(&std::fs::read(file).unwrap()).unwrap();
        for lang in ["en", "zh"] {
            let run = ivr(&["render", file.to_str().unwrap(), "--lang", lang]);
            assert!(
                run.status.success(),
                "{}: {}",
                file.display(),
                String::from_utf8_lossy(&run.stderr)
            );
            let svg = String::from_utf8(run.stdout).unwrap();
            let doc = roxmltree::Document::parse(&svg)
                .unwrap_or_else(|e| panic!("{} ({lang}) is not XML: {e}", file.display()));
            assert_eq!(doc.root_element().tag_name().name(), "svg");
            let titles: std::collections::BTreeSet<String> = doc
                .descendants()
                .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some("block"))
                .filter_map(|g| g.children().find(|c| c.has_tag_name("title")))
                .filter_map(|t| t.text().map(str::to_owned))
                .collect();
            for node in &flow.nodes {
                let name = ivr_flow::render::block_title(node, lang);
                assert!(
                    titles.contains(&name),
                    "{} ({lang}): no block named {name:?} ({})",
                    file.display(),
                    node.id
                );
            }
        }
    }
}
