//! Property tests: validation never panics on arbitrary graphs, and what it
//! reports always points at things that exist.

use std::collections::BTreeMap;

use ivr_flow::model::{Edge, Flow, Node, PortRef, Position, Provider};
use ivr_flow::{catalog, validate_for};
use proptest::prelude::*;
use serde_json::{Value, json};

fn block_id() -> impl Strategy<Value = String> {
    let mut ids: Vec<String> = catalog().blocks.iter().map(|b| b.id.clone()).collect();
    ids.push("no_such_block".into());
    prop::sample::select(ids)
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i32>().prop_map(|n| json!(n)),
        (-1e9f64..1e9).prop_map(|n| json!(n)),
        "[0-9#*a-z:${}]{0,6}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z]{1,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn param_key() -> impl Strategy<Value = String> {
    let mut keys: Vec<String> = catalog()
        .blocks
        .iter()
        .flat_map(|b| b.params.iter().map(|p| p.key.clone()))
        .collect();
    keys.sort();
    keys.dedup();
    keys.push("stray".into());
    prop::sample::select(keys)
}

fn port() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "next",
        "error",
        "timeout",
        "no_match",
        "key:1",
        "key:2",
        "key:#",
        "case:a",
        "open",
        "closed",
        "loop",
        "done",
        "busy",
        "at_capacity",
        "",
        "zzz",
    ])
    .prop_map(String::from)
}

/// Node ids drawn from a small set, so repeats and self-loops happen often.
fn node_ref() -> impl Strategy<Value = String> {
    (0u8..14).prop_map(|i| format!("n{i}"))
}

fn node() -> impl Strategy<Value = Node> {
    (
        node_ref(),
        block_id(),
        prop::collection::btree_map(param_key(), json_value(), 0..5),
    )
        .prop_map(|(id, block, params)| Node {
            id,
            block,
            label: String::new(),
            position: Position::default(),
            params,
            extra: BTreeMap::new(),
        })
}

fn edge() -> impl Strategy<Value = Edge> {
    ("[a-c]{1}", node_ref(), port(), node_ref()).prop_map(|(id, from, port, to)| Edge {
        id,
        from: PortRef { node: from, port },
        to,
        extra: BTreeMap::new(),
    })
}

/// Arbitrary graphs: any blocks (and one that does not exist), any settings,
/// lines from any exit to any block (shared with the simulator's properties).
pub(crate) fn flow() -> impl Strategy<Value = Flow> {
    (
        prop::collection::vec(node(), 0..14),
        prop::collection::vec(edge(), 0..30),
    )
        .prop_map(|(nodes, edges)| Flow {
            nodes,
            edges,
            ..Flow::default()
        })
}

fn target() -> impl Strategy<Value = Option<Provider>> {
    prop_oneof![
        Just(None),
        prop::sample::select(Provider::ALL.to_vec()).prop_map(Some)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn validation_never_panics_and_points_at_real_things(flow in flow(), target in target()) {
        let problems = validate_for(&flow, target);
        for p in &problems {
            prop_assert_eq!(p.severity, p.code.severity_for(target));
            prop_assert!(!p.message.en.is_empty() && !p.message.zh.is_empty());
            if let Some(node) = &p.node {
                prop_assert!(flow.nodes.iter().any(|n| &n.id == node), "{:?}", p);
            }
            if let Some(edge) = &p.edge {
                prop_assert!(flow.edges.iter().any(|e| &e.id == edge), "{:?}", p);
            }
        }
        // Deterministic: the same flow gives the same problems.
        prop_assert_eq!(problems, validate_for(&flow, target));
    }
}
