//! The diff (`ivr_flow::diff`): nothing between a flow and itself, only
//! layout when only positions moved, every kind of change found (on the
//! starter flow by hand and on generated flows with random edits), the lines
//! in both languages, and the speed on two 1,000-block flows.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

use ivr_flow::diff::{Change, diff, text};
use ivr_flow::model::{Note, Position, Variable};
use ivr_flow::synth::large_flow;
use ivr_flow::{Edge, Flow, PortRef, starter_flow};
use proptest::prelude::*;
use serde_json::json;

fn kinds(a: &Flow, b: &Flow) -> Vec<&'static str> {
    diff(a, b)
        .changes
        .iter()
        .map(|c| match c {
            Change::Flow { .. } => "flow",
            Change::VariableAdded { .. } => "variable_added",
            Change::VariableRemoved { .. } => "variable_removed",
            Change::VariableChanged { .. } => "variable_changed",
            Change::BlockAdded { .. } => "block_added",
            Change::BlockRemoved { .. } => "block_removed",
            Change::BlockType { .. } => "block_type",
            Change::Label { .. } => "label",
            Change::Setting { .. } => "setting",
            Change::Exit { .. } => "exit",
            Change::Moved { .. } => "moved",
            Change::NoteAdded { .. } => "note_added",
            Change::NoteRemoved { .. } => "note_removed",
            Change::NoteText { .. } => "note_text",
            Change::NoteMoved { .. } => "note_moved",
        })
        .collect()
}

#[test]
fn a_flow_against_itself_has_no_change() {
    for f in [starter_flow(), large_flow(1_000)] {
        assert!(diff(&f, &f).is_empty());
        assert!(diff(&f, &f.clone()).changes.is_empty());
    }
}

#[test]
fn moved_blocks_and_notes_are_layout_only() {
    let a = large_flow(200);
    let mut b = a.clone();
    for n in &mut b.nodes {
        n.position.x += 40.0;
    }
    let d = diff(&a, &b);
    assert_eq!(d.changes.len(), 200);
    assert!(d.layout_only());
    assert_eq!(d.real().count(), 0);
    // The spread's bookkeeping is layout too.
    let mut c = a.clone();
    c.nodes[3]
        .extra
        .insert("layout".into(), json!({"imported": {"x": 1, "y": 2}}));
    assert!(diff(&a, &c).layout_only());
}

#[test]
fn every_kind_of_change_is_found_and_told_in_both_languages() {
    let a = starter_flow();
    let mut b = a.clone();
    b.name = "Welcome line".into();
    b.variables.push(Variable {
        name: "tier".into(),
        ..Variable::default()
    });
    let welcome = b
        .nodes
        .iter()
        .position(|n| n.block == "play_prompt")
        .unwrap();
    b.nodes[welcome].label = "Greeting".into();
    b.nodes[welcome]
        .params
        .insert("text".into(), json!("Hello, and welcome."));
    let mut queue = b.nodes[welcome].clone();
    queue.id = "sales_queue".into();
    queue.block = "transfer_queue".into();
    queue.label = "Sales queue".into();
    queue.params = [("queue".to_string(), json!("Sales"))].into();
    b.nodes.push(queue);
    // The greeting now goes to the queue instead of hanging up.
    let line = b
        .edges
        .iter_mut()
        .find(|e| e.from.node == a.nodes[welcome].id && e.from.port == "next")
        .unwrap();
    line.to = "sales_queue".into();
    b.notes.push(Note {
        id: "n1".into(),
        text: "Ask sales about May".into(),
        position: Position { x: 1.0, y: 2.0 },
        ..Note::default()
    });
    let found = kinds(&a, &b);
    for want in [
        "flow",
        "variable_added",
        "label",
        "setting",
        "exit",
        "block_added",
        "note_added",
    ] {
        assert!(found.contains(&want), "{want} not in {found:?}");
    }
    let lines = text::lines(&diff(&a, &b), &a, &b);
    let en: Vec<&str> = lines.iter().map(|t| t.en.as_str()).collect();
    let zh: Vec<&str> = lines.iter().map(|t| t.zh.as_str()).collect();
    assert!(
        en.contains(&"Next of \"Greeting\" now goes to \"Sales queue\", was Hang up 1"),
        "{en:#?}"
    );
    assert!(
        zh.contains(&"\"Greeting\" 的“下一步”现在转到 \"Sales queue\"，原为 挂机 1"),
        "{zh:#?}"
    );
    let renamed = format!("Flow name: \"{}\" → \"Welcome line\"", a.name);
    assert!(en.contains(&renamed.as_str()), "{en:#?}");
    assert!(
        en.iter()
            .any(|l| l.starts_with("Prompt text of \"Greeting\": ")),
        "{en:#?}"
    );
    assert!(en.contains(&"Added \"Sales queue\""), "{en:#?}");
    assert!(zh.contains(&"新增 \"Sales queue\""), "{zh:#?}");
    // No internal id in any line.
    for l in en.iter().chain(&zh) {
        assert!(!l.contains("sales_queue"), "{l}");
    }

    // And back: removed, unwired, retyped, note text and note removed.
    let mut c = b.clone();
    c.nodes.retain(|n| n.id != "sales_queue");
    c.edges.retain(|e| e.to != "sales_queue");
    c.variables.clear();
    c.notes[0].text = "Ask sales about June".into();
    let found = kinds(&b, &c);
    for want in ["block_removed", "exit", "variable_removed", "note_text"] {
        assert!(found.contains(&want), "{want} not in {found:?}");
    }
    let lines = text::lines(&diff(&b, &c), &b, &c);
    assert!(
        lines
            .iter()
            .any(|t| t.en == "Next of \"Greeting\" is no longer connected, was \"Sales queue\""),
        "{lines:#?}"
    );
    let mut d = c.clone();
    d.notes.clear();
    d.nodes[welcome].block = "menu".into();
    let found = kinds(&c, &d);
    assert!(
        found.contains(&"note_removed") && found.contains(&"block_type"),
        "{found:?}"
    );
}

#[test]
fn two_1000_block_flows_diff_in_under_20_ms() {
    let a = large_flow(1_000);
    let mut b = a.clone();
    for (i, n) in b.nodes.iter_mut().enumerate() {
        if i % 10 == 0 {
            n.label = format!("Edited {i}");
        }
        n.position.y += 8.0;
    }
    let started = Instant::now();
    let mut changes = 0;
    let runs = 20;
    for _ in 0..runs {
        changes = diff(&a, &b).changes.len();
    }
    let each = started.elapsed() / runs;
    let lines = text::lines(&diff(&a, &b), &a, &b);
    println!("diff of two 1,000-block flows: {changes} changes in {each:?} each ({runs} runs)");
    assert_eq!(changes, 1_000 + 100);
    assert_eq!(lines.len(), changes);
    // Debug builds are several times slower than release; the budget is for
    // release (docs/performance.md), this catches a lost linearity.
    let budget = if cfg!(debug_assertions) { 200 } else { 20 };
    assert!(each.as_millis() < budget, "{each:?}");
}

/// One random edit of a generated flow and the change kind it must give.
#[derive(Debug, Clone)]
enum Edit {
    Move(usize),
    Label(usize),
    Setting(usize),
    Rewire(usize),
    Unwire(usize),
    Remove(usize),
}

fn apply(f: &mut Flow, edit: &Edit) -> &'static str {
    let n = f.nodes.len();
    match *edit {
        Edit::Move(i) => {
            f.nodes[i % n].position.x += 20.0;
            "moved"
        }
        Edit::Label(i) => {
            f.nodes[i % n].label.push_str(" (edited)");
            "label"
        }
        Edit::Setting(i) => {
            f.nodes[i % n].params.insert("note".into(), json!(i));
            "setting"
        }
        Edit::Rewire(i) => {
            let e = i % f.edges.len();
            let other = f
                .nodes
                .iter()
                .find(|x| x.id != f.edges[e].to && x.id != f.edges[e].from.node)
                .map(|x| x.id.clone())
                .unwrap();
            f.edges[e].to = other;
            "exit"
        }
        Edit::Unwire(i) => {
            let e = i % f.edges.len();
            f.edges.remove(e);
            "exit"
        }
        Edit::Remove(i) => {
            let id = f.nodes[i % n].id.clone();
            f.nodes.retain(|x| x.id != id);
            f.edges.retain(|x| x.from.node != id && x.to != id);
            "block_removed"
        }
    }
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0usize..1000).prop_map(Edit::Move),
        (0usize..1000).prop_map(Edit::Label),
        (0usize..1000).prop_map(Edit::Setting),
        (0usize..1000).prop_map(Edit::Rewire),
        (0usize..1000).prop_map(Edit::Unwire),
        (0usize..1000).prop_map(Edit::Remove),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// On generated flows: one edit is found as its kind, the diff back the
    /// other way is as long, and an untouched copy has no change.
    #[test]
    fn each_edit_is_found(size in 10usize..80, e in edit()) {
        let a = large_flow(size);
        let mut b = a.clone();
        let want = apply(&mut b, &e);
        let found = kinds(&a, &b);
        prop_assert!(found.contains(&want), "{:?}: {:?}", e, found);
        if want != "block_removed" {
            prop_assert_eq!(found.len(), 1, "{:?}: {:?}", e, found);
        }
        let back = diff(&b, &a);
        prop_assert_eq!(back.changes.len(), diff(&a, &b).changes.len());
        prop_assert!(diff(&a, &a.clone()).is_empty());
        let lines = text::lines(&diff(&a, &b), &a, &b);
        prop_assert!(lines.iter().all(|t| !t.en.is_empty() && !t.zh.is_empty()));
    }
}

#[test]
fn edge_ids_alone_are_not_a_change() {
    let a = starter_flow();
    let mut b = a.clone();
    for (i, e) in b.edges.iter_mut().enumerate() {
        e.id = format!("renamed-{i}");
    }
    assert!(diff(&a, &b).is_empty());
    // A new line from an exit that had none is a change.
    let mut c = a.clone();
    let welcome = c
        .nodes
        .iter()
        .find(|n| n.block == "play_prompt")
        .unwrap()
        .id
        .clone();
    c.edges.push(Edge {
        id: "x".into(),
        from: PortRef {
            node: welcome,
            port: "error".into(),
        },
        to: c.nodes[0].id.clone(),
        ..Edge::default()
    });
    assert_eq!(kinds(&a, &c), ["exit"]);
}

#[test]
fn blocks_renumbered_by_a_provider_are_matched_by_name() {
    // CCC gives blocks its own ids on a round trip: the same flow, every id
    // new, is no change; an edit is still named.
    let a = large_flow(60);
    let mut b = a.clone();
    let new_id = |id: &str| format!("ccc-{id}");
    for n in &mut b.nodes {
        n.id = new_id(&n.id);
    }
    for e in &mut b.edges {
        e.from.node = new_id(&e.from.node);
        e.to = new_id(&e.to);
    }
    assert!(diff(&a, &b).is_empty(), "{:#?}", diff(&a, &b).changes);
    let last = b.edges.len() - 1;
    b.edges[last].to = b.nodes[1].id.clone();
    assert_eq!(kinds(&a, &b), ["exit"]);
}

#[test]
fn a_flow_back_from_ccc_is_matched_block_for_block() {
    use ivr_flow::Provider;
    use ivr_flow::dialect::{self, Dialect};
    // Published to CCC and read back: CCC's ids, not ours.
    let mine = large_flow(40);
    let bytes = dialect::encode(&mine, Dialect::Provider(Provider::Aliyun)).unwrap();
    let (_, mut live) = dialect::decode(&bytes).unwrap();
    // The name travels beside a Definition, not in it.
    live.name.clone_from(&mine.name);
    assert_ne!(
        live.nodes[1].id, mine.nodes[1].id,
        "CCC names the blocks itself"
    );
    assert!(
        diff(&live, &mine).real().next().is_none(),
        "{:#?}",
        diff(&live, &mine).changes
    );
    // One queue removed on our side (its line rewired): exactly that block
    // removed and that line changed, nothing shifted onto its neighbours.
    let mut edited = mine.clone();
    let gone = edited
        .nodes
        .iter()
        .position(|n| n.block == "transfer_queue")
        .unwrap();
    let id = edited.nodes.remove(gone).id;
    let bye = edited
        .nodes
        .iter()
        .find(|n| n.block == "hang_up")
        .unwrap()
        .id
        .clone();
    edited.edges.retain(|e| e.from.node != id);
    for e in &mut edited.edges {
        if e.to == id {
            e.to = bye.clone();
        }
    }
    let real: Vec<&str> = kinds(&live, &edited)
        .into_iter()
        .filter(|k| *k != "moved")
        .collect();
    assert_eq!(
        real,
        ["exit", "block_removed"],
        "{:#?}",
        diff(&live, &edited).changes
    );
}
