//! The flow a new document starts with: start -> welcome prompt -> hang up.

use std::collections::BTreeMap;

use serde_json::json;

use crate::model::{Edge, Flow, Node, PortRef, Position};

/// A new, valid flow: start, a welcome prompt, hang up.
pub fn starter_flow() -> Flow {
    let node = |id: &str, block: &str, label: &str, x: f64, params: BTreeMap<String, _>| Node {
        id: id.into(),
        block: block.into(),
        label: label.into(),
        position: Position { x, y: 120.0 },
        params,
        extra: BTreeMap::new(),
    };
    let edge = |id: &str, from: &str, to: &str| Edge {
        id: id.into(),
        from: PortRef {
            node: from.into(),
            port: "next".into(),
        },
        to: to.into(),
        extra: BTreeMap::new(),
    };
    let prompt = BTreeMap::from([
        ("interruptible".to_owned(), json!(false)),
        ("text".to_owned(), json!("Welcome to our service. Goodbye.")),
        ("voice_type".to_owned(), json!("tts")),
    ]);
    Flow {
        name: "New flow".into(),
        nodes: vec![
            node("start", "start", "", 40.0, BTreeMap::new()),
            node("welcome", "play_prompt", "Welcome", 400.0, prompt),
            node("hang_up", "hang_up", "", 760.0, BTreeMap::new()),
        ],
        edges: vec![
            edge("e1", "start", "welcome"),
            edge("e2", "welcome", "hang_up"),
        ],
        ..Flow::default()
    }
}
