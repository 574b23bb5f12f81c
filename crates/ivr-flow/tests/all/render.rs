//! Pictures of flows (`ivr_flow::render`): the starter flow, the example
//! flows in `docs/examples/`, three real corpus flows by name and then every
//! corpus flow, and the CCC fixtures, each drawn in English and Chinese and
//! parsed back as XML; each block's card is found with its name.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use ivr_flow::render::{self, Options, Theme};
use ivr_flow::{Flow, dialect};
use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A corpus or fixture file's flow: the provider document inside a file
/// (Connect's Content, CCC's Definition, as a JSON string) decoded.
fn decode(path: &Path) -> Flow {
    let bytes = std::fs::read(path).unwrap();
    let v: Value = serde_json::from_slice(&bytes).unwrap();
    let inner = v.get("ContactFlow").unwrap_or(&v);
    let doc = ["Content", "Definition"]
        .iter()
        .find_map(|k| inner.get(*k).and_then(Value::as_str).map(str::to_owned));
    let bytes = doc.map_or(bytes, String::into_bytes);
    dialect::decode(&bytes)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .1
}

/// Draws `flow` in `lang` and checks the picture: well-formed XML, an
/// `svg` root with a size, one card per block, each titled with the block's
/// name and showing it (clipped with an ellipsis when long).
fn check(what: &str, flow: &Flow, lang: &str, theme: Theme) -> String {
    let svg = render::svg(
        flow,
        &Options {
            lang: lang.into(),
            theme,
            only: None,
        },
    );
    let doc = roxmltree::Document::parse(&svg)
        .unwrap_or_else(|e| panic!("{what} ({lang}): not XML: {e}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg", "{what}");
    let width: f64 = root.attribute("width").unwrap().parse().unwrap();
    assert!(width > 0.0, "{what}");
    let cards: Vec<_> = root
        .descendants()
        .filter(|n| n.attribute("class") == Some("block"))
        .collect();
    assert_eq!(
        cards.len(),
        flow.nodes.len(),
        "{what} ({lang}): one card per block"
    );
    for node in &flow.nodes {
        // What XML can hold of the name (control characters are dropped).
        let name: String = render::block_title(node, lang)
            .chars()
            .filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
            .collect();
        assert!(!name.is_empty(), "{what}: block {} has no name", node.id);
        let card = cards
            .iter()
            .find(|c| c.attribute("data-id") == Some(node.id.as_str()))
            .unwrap_or_else(|| panic!("{what}: no card for block {}", node.id));
        let title = card
            .children()
            .find(|c| c.has_tag_name("title"))
            .and_then(|t| t.text());
        assert_eq!(title, Some(name.as_str()), "{what}: block {}", node.id);
        let shown = card
            .children()
            .find(|c| c.has_tag_name("text"))
            .and_then(|t| t.text())
            .unwrap_or("");
        let flat: String = name.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            shown == flat
                || (shown.ends_with('…') && flat.starts_with(shown.trim_end_matches('…'))),
            "{what}: block {} shows {shown:?} for {name:?}",
            node.id
        );
    }
    let lines = root
        .descendants()
        .filter(|n| n.has_tag_name("path") && n.attribute("marker-end").is_some());
    assert!(lines.count() <= flow.edges.len(), "{what}");
    svg
}

#[test]
fn the_starter_and_example_flows_render_with_every_block_named() {
    check("starter", &ivr_flow::starter_flow(), "en", Theme::Light);
    check("starter", &ivr_flow::starter_flow(), "zh", Theme::Dark);
    let examples = repo().join("docs/examples");
    let mut n = 0;
    for entry in std::fs::read_dir(&examples).unwrap() {
        let path = entry.unwrap().path();
        if path.to_string_lossy().ends_with(".ivr.json") {
            let flow = ivr_flow::from_bytes(&std::fs::read(&path).unwrap()).unwrap();
            for lang in ["en", "zh"] {
                let svg = check(&path.display().to_string(), &flow, lang, Theme::Light);
                assert_eq!(
                    svg.matches("marker-end").count(),
                    flow.edges.len(),
                    "{}",
                    path.display()
                );
            }
            n += 1;
        }
    }
    assert!(
        n >= 2,
        "the example flows are missing from {}",
        examples.display()
    );
}

#[test]
fn three_real_connect_flows_render_with_every_block_named() {
    for file in [
        "aws-samples--amazon-connect-rules-engine/RulesEngineQueue.json",
        "aws-samples--amazon-connect-step-by-step-guides-module-library/Financial--contactFlow.json",
        "aws-samples--amazon-connect-contact-surveys",
    ] {
        let mut path = repo().join("tests/corpus/connect").join(file);
        if path.is_dir() {
            // The surveys repository: its largest flow.
            let mut files: Vec<PathBuf> = std::fs::read_dir(&path)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect();
            files.sort_by_key(|p| std::cmp::Reverse(std::fs::metadata(p).unwrap().len()));
            path = files.remove(0);
        }
        let flow = decode(&path);
        assert!(
            flow.nodes.len() >= 5,
            "{}: a real flow has blocks",
            path.display()
        );
        for lang in ["en", "zh"] {
            let svg = check(&path.display().to_string(), &flow, lang, Theme::Light);
            // Every line whose ends are both drawn is drawn.
            assert!(
                svg.matches("marker-end").count() * 10 >= flow.edges.len() * 9,
                "{}",
                path.display()
            );
        }
    }
}

#[test]
fn every_corpus_flow_and_ccc_fixture_renders_as_valid_xml() {
    let mut files = Vec::new();
    let mut stack = vec![repo().join("tests/corpus/connect")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "json") {
                files.push(path);
            }
        }
    }
    assert!(files.len() > 100, "the corpus is missing");
    for name in ["ccc2017-every-type.json", "ccc2020-every-type.json"] {
        files.push(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/aliyun")
                .join(name),
        );
    }
    for path in &files {
        check(
            &path.display().to_string(),
            &decode(path),
            "en",
            Theme::Light,
        );
    }
}

#[test]
fn markup_in_names_and_notes_is_escaped() {
    let mut flow = ivr_flow::starter_flow();
    flow.name = "A <b> & \"c\"".into();
    flow.nodes[1].label = "<script>alert(1)</script> & \u{1}".into();
    flow.notes.push(ivr_flow::model::Note {
        id: "n1".into(),
        text: "Ask <legal> & check\u{7}".into(),
        position: ivr_flow::Position { x: 0.0, y: 400.0 },
        size: None,
        node: None,
        extra: Default::default(),
    });
    let svg = check("markup", &flow, "en", Theme::Light);
    assert!(svg.contains("Ask &lt;legal&gt; &amp; check"), "{svg}");
    assert!(!svg.contains("<script>"));
}
