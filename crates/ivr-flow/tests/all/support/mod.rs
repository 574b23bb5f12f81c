//! What the tests share, one module for the crate: [`ccc`] and [`connect`]
//! for the dialect tests (fixtures, JSON compared as each provider does,
//! generated flows and documents), [`validate`] for the rule tests (flows
//! built block by block, the problems they find); and here, looking a block,
//! a line or a setting up in a flow.

pub mod ccc;
pub mod connect;
pub mod validate;

use ivr_flow::model::{Flow, Node};
use serde_json::Value;

/// Block `id` of `flow`; fails the test when there is none.
pub fn node<'a>(flow: &'a Flow, id: &str) -> &'a Node {
    flow.node(id).unwrap_or_else(|| panic!("no node {id}"))
}

/// Where the line from `from`'s exit `port` leads, if there is one.
pub fn edge_to(flow: &Flow, from: &str, port: &str) -> Option<String> {
    flow.edges
        .iter()
        .find(|e| e.from.node == from && e.from.port == port)
        .map(|e| e.to.clone())
}

/// Setting `key` of block `id`, or null when it has none.
pub fn param(flow: &Flow, id: &str, key: &str) -> Value {
    node(flow, id)
        .params
        .get(key)
        .cloned()
        .unwrap_or(Value::Null)
}
