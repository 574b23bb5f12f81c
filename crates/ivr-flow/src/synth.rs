//! Synthetic flows of any size, shaped like a designer's: menus whose keys lead
//! to prompts, queues and digit collection, every exit wired. For benchmarks
//! and load tests; a flow from here validates clean. Behind the
//! `test-support` feature: no product code uses it.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::model::{Edge, Flow, Node, PortRef, Position, Variable};

/// A valid flow of exactly `blocks` blocks (at least 3: start, a menu unit
/// needs room, hang up; smaller sizes give a start -> prompt -> hang up chain).
pub fn large_flow(blocks: usize) -> Flow {
    let mut b = Builder::default();
    b.flow.name = format!("Synthetic flow, {blocks} blocks");
    b.flow.variables.push(Variable {
        name: "account".into(),
        ..Variable::default()
    });
    b.node("start", "start", 0, 0, BTreeMap::new());
    let bye = "bye".to_owned();
    // Each unit is four blocks: menu, prompt, queue, collect.
    let units = blocks.saturating_sub(2) / 4;
    let mut prev: (String, &str) = ("start".into(), "next");
    for u in 0..units {
        let menu = format!("menu{u}");
        let prompt = format!("prompt{u}");
        let queue = format!("queue{u}");
        let collect = format!("collect{u}");
        let y = u as i64 * 160;
        b.node(
            &menu,
            "menu",
            300,
            y,
            params(&[
                ("keys", json!(["1", "2", "3"])),
                ("prompt", json!("Press 1, 2 or 3.")),
                ("timeout_seconds", json!(5)),
            ]),
        );
        b.node(
            &prompt,
            "play_prompt",
            600,
            y,
            params(&[
                ("text", json!(format!("You chose option one in step {u}."))),
                ("voice_type", json!("tts")),
                ("interruptible", json!(false)),
            ]),
        );
        b.node(
            &queue,
            "transfer_queue",
            600,
            y + 60,
            params(&[("queue", json!(format!("queue-{u}")))]),
        );
        b.node(
            &collect,
            "collect_digits",
            900,
            y,
            params(&[
                ("prompt", json!("Enter your account number.")),
                ("variable", json!("account")),
                ("min_digits", json!(4)),
                ("max_digits", json!(12)),
                ("timeout_seconds", json!(8)),
                ("terminator", json!("#")),
            ]),
        );
        b.edge(&prev.0, prev.1, &menu);
        b.edge(&menu, "key:1", &prompt);
        b.edge(&menu, "key:2", &queue);
        b.edge(&menu, "key:3", &collect);
        b.edge(&menu, "timeout", &bye);
        b.edge(&menu, "no_match", &menu);
        b.edge(&menu, "error", &bye);
        b.edge(&queue, "error", &bye);
        b.edge(&collect, "error", &bye);
        b.edge(&collect, "timeout", &bye);
        // The prompt carries on to the next unit; the collect ends the call.
        b.edge(&collect, "next", &bye);
        prev = (prompt, "next");
    }
    // Fill the remainder with prompts so the count is exact.
    let used = 2 + units * 4;
    for i in 0..blocks.saturating_sub(used).max(usize::from(blocks < 3)) {
        let id = format!("extra{i}");
        b.node(
            &id,
            "play_prompt",
            1200,
            i as i64 * 80,
            params(&[
                ("text", json!("One moment, please.")),
                ("voice_type", json!("tts")),
                ("interruptible", json!(false)),
            ]),
        );
        b.edge(&prev.0, prev.1, &id);
        prev = (id, "next");
    }
    b.node(&bye, "hang_up", 1500, 0, BTreeMap::new());
    b.edge(&prev.0, prev.1, &bye);
    b.flow
}

fn params(pairs: &[(&str, Value)]) -> BTreeMap<String, Value> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect()
}

#[derive(Default)]
struct Builder {
    flow: Flow,
}

impl Builder {
    fn node(&mut self, id: &str, block: &str, x: i64, y: i64, params: BTreeMap<String, Value>) {
        self.flow.nodes.push(Node {
            id: id.into(),
            block: block.into(),
            label: String::new(),
            position: Position {
                x: x as f64,
                y: y as f64,
            },
            params,
            extra: BTreeMap::new(),
        });
    }

    fn edge(&mut self, from: &str, port: &str, to: &str) {
        self.flow.edges.push(Edge {
            id: format!("e{}", self.flow.edges.len() + 1),
            from: PortRef {
                node: from.into(),
                port: port.into(),
            },
            to: to.into(),
            extra: BTreeMap::new(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_flows_have_the_size_asked_and_validate_clean() {
        for n in [0, 1, 3, 5, 100, 1000, 1001] {
            let flow = large_flow(n);
            assert_eq!(flow.nodes.len(), n.max(3), "size {n}");
            assert_eq!(crate::validate(&flow), vec![], "size {n}");
        }
    }
}
