//! How a block and an exit are named in English and Chinese, in the
//! designer's words (validation's messages and the diff's lines alike): a block by its label, else by its name
//! (a provider block by its provider designer's name for its type) and its
//! number among the blocks of that kind; an exit by the name the block shows
//! for it. Never by an internal id or an exit's key.

use serde_json::Value;

use crate::catalog::{self, BlockSpec, PROVIDER_BLOCK};
use crate::i18n::Text;
use crate::model::Node;

/// Each block's number among the blocks of its kind, in the flow's order
/// (`Collect digits 3` is the third).
pub(crate) fn ordinals(nodes: &[Node]) -> Vec<u32> {
    let mut kinds: rustc_hash::FxHashMap<&str, u32> = rustc_hash::FxHashMap::default();
    nodes
        .iter()
        .map(|node| {
            let count = kinds.entry(kind_key(node)).or_default();
            *count += 1;
            *count
        })
        .collect()
}

/// What a node's number counts: blocks of the same kind (a provider block
/// by its provider type).
pub(crate) fn kind_key(node: &Node) -> &str {
    match node.params.get("type").and_then(Value::as_str) {
        Some(ty) if node.block == PROVIDER_BLOCK => ty,
        _ => &node.block,
    }
}

/// A block as the designer knows it: "its label", else its kind's name and
/// its number (`Collect digits 3`, `Set working queue 2`).
pub(crate) fn block_name(node: &Node, spec: Option<&BlockSpec>, n: u32) -> (String, String) {
    if !node.label.is_empty() {
        let s = format!("\"{}\"", node.label);
        return (s.clone(), s);
    }
    let name = kind_name(node, spec);
    (format!("{} {n}", name.en), format!("{} {n}", name.zh))
}

/// The name of a block's kind: the provider designer's name for a provider
/// block's type, else the catalog's.
pub(crate) fn kind_name(node: &Node, spec: Option<&BlockSpec>) -> Text {
    let Some(spec) = spec else {
        return Text::new(node.block.clone(), node.block.clone());
    };
    if spec.id == PROVIDER_BLOCK {
        let provider = node.params.get("provider").and_then(Value::as_str);
        let ty = node
            .params
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or("");
        if let Some(a) = provider.and_then(|p| catalog::catalog().provider_action(p, ty)) {
            return a.name.clone();
        }
        if !ty.is_empty() {
            return Text::new(ty, ty);
        }
    }
    spec.name.clone()
}

/// Builds a [`Text`] from a block's names and a closure that writes the message.
pub(crate) fn about(
    node: &Node,
    spec: Option<&BlockSpec>,
    n: u32,
    write: impl FnOnce(&str, &str) -> (String, String),
) -> Text {
    let (en, zh) = block_name(node, spec, n);
    let (en, zh) = write(&en, &zh);
    Text { en, zh }
}

/// The name a block shows for its exit `port`: a fixed exit's catalog name,
/// a menu key (`1`), a branch case's condition (`= gold`), a provider
/// block's branch as its provider's designer names it (`Timeout`, `= 1`).
pub(crate) fn exit_name(node: &Node, spec: Option<&BlockSpec>, port: &str) -> Text {
    let Some(spec) = spec else {
        return Text::new(port, port);
    };
    if let Some(p) = spec.ports.iter().find(|p| p.id == port) {
        return p.name.clone();
    }
    if spec.id == PROVIDER_BLOCK {
        return match node.params.get("provider").and_then(Value::as_str) {
            Some(p) => catalog::catalog().exit_label(p, port),
            None => Text::new(port, port),
        };
    }
    if let Some(key) = port.strip_prefix("key:") {
        return Text::new(format!("Key {key}"), format!("按键 {key}"));
    }
    if let Some(id) = port.strip_prefix("case:") {
        let case = node
            .params
            .get("cases")
            .and_then(Value::as_array)
            .and_then(|cases| {
                cases
                    .iter()
                    .find(|c| c.get("id").and_then(Value::as_str) == Some(id))
            });
        if let Some(c) = case {
            let op = c.get("operator").and_then(Value::as_str).unwrap_or("");
            let value = c.get("value").and_then(Value::as_str).unwrap_or("");
            let (en, zh) = operator_words(op);
            return Text::new(format!("{en} {value}"), format!("{zh} {value}"));
        }
    }
    Text::new(port, port)
}

fn operator_words(op: &str) -> (&'static str, &'static str) {
    match op {
        "equals" => ("=", "="),
        "starts_with" => ("Starts with", "开头为"),
        "ends_with" => ("Ends with", "结尾为"),
        "contains" => ("Contains", "包含"),
        "greater_than" => (">", ">"),
        "greater_or_equal" => ("≥", "≥"),
        "less_than" => ("<", "<"),
        "less_or_equal" => ("≤", "≤"),
        _ => ("", ""),
    }
}
