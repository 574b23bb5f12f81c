//! For the rule tests: small flows written tersely ([`B`]), and the
//! problems validation finds in them.

use std::collections::BTreeMap;

use ivr_flow::catalog;
use ivr_flow::model::{Edge, Flow, Node, PortRef, Position, Variable};
use ivr_flow::problem::{Code, Problem};
use serde_json::Value;

/// A flow under construction.
#[derive(Default)]
pub struct B {
    pub flow: Flow,
}

impl B {
    pub fn new() -> B {
        B::default()
    }

    /// Adds a block with the catalog's default settings.
    pub fn node(mut self, id: &str, block: &str) -> B {
        let params = catalog()
            .block(block)
            .map(|spec| {
                spec.params
                    .iter()
                    .map(|p| (p.key.clone(), p.default.clone()))
                    .collect()
            })
            .unwrap_or_default();
        let x = self.flow.nodes.len() as f64 * 200.0;
        self.flow.nodes.push(Node {
            id: id.into(),
            block: block.into(),
            label: String::new(),
            position: Position { x, y: 0.0 },
            params,
            extra: BTreeMap::new(),
        });
        self
    }

    /// Sets a setting of the last block added.
    pub fn param(mut self, key: &str, value: Value) -> B {
        if let Some(n) = self.flow.nodes.last_mut() {
            n.params.insert(key.into(), value);
        }
        self
    }

    /// Adds a line from `from`'s exit `port` to `to`.
    pub fn edge(mut self, from: &str, port: &str, to: &str) -> B {
        let id = format!("e{}", self.flow.edges.len() + 1);
        self.flow.edges.push(Edge {
            id,
            from: PortRef {
                node: from.into(),
                port: port.into(),
            },
            to: to.into(),
            extra: BTreeMap::new(),
        });
        self
    }

    pub fn var(mut self, name: &str) -> B {
        self.flow.variables.push(Variable {
            name: name.into(),
            ..Variable::default()
        });
        self
    }

    pub fn build(self) -> Flow {
        self.flow
    }
}

/// A valid flow: start -> menu (1, 2) -> prompt / transfer, hang up elsewhere.
pub fn menu_flow() -> Flow {
    B::new()
        .node("start", "start")
        .node("menu", "menu")
        .node("sales", "play_prompt")
        .node("queue", "transfer_queue")
        .param("queue", Value::String("arn:aws:connect:queue/sales".into()))
        .node("bye", "hang_up")
        .edge("start", "next", "menu")
        .edge("menu", "key:1", "sales")
        .edge("menu", "key:2", "queue")
        .edge("menu", "timeout", "bye")
        .edge("menu", "no_match", "menu")
        .edge("sales", "next", "bye")
        .edge("queue", "error", "bye")
        // Optional elsewhere, required on Amazon Connect.
        .edge("menu", "error", "bye")
        .edge("sales", "error", "bye")
        .build()
}

pub fn codes(problems: &[Problem]) -> Vec<Code> {
    problems.iter().map(|p| p.code).collect()
}

/// The problems of `code`; fails when there are none.
pub fn expect(problems: &[Problem], code: Code) -> Vec<&Problem> {
    let found: Vec<&Problem> = problems.iter().filter(|p| p.code == code).collect();
    assert!(
        !found.is_empty(),
        "expected {code}, got {:?}",
        codes(problems)
    );
    found
}

pub fn only(problems: &[Problem], code: Code) -> &Problem {
    assert_eq!(codes(problems), vec![code], "{problems:#?}");
    &problems[0]
}
