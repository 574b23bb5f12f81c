//! Message helpers: how validation names a block in English and Chinese.

use crate::catalog::BlockSpec;
use crate::i18n::Text;
use crate::model::Node;

/// A block as the designer knows it: its label, else its catalog name, with its id.
pub(super) fn block_name(node: &Node, spec: Option<&BlockSpec>) -> (String, String) {
    if !node.label.is_empty() {
        let s = format!("\"{}\"", node.label);
        return (s.clone(), s);
    }
    match spec {
        Some(spec) => (
            format!("{} ({})", spec.name.en, node.id),
            format!("{}（{}）", spec.name.zh, node.id),
        ),
        None => (node.id.clone(), node.id.clone()),
    }
}

/// Builds a [`Text`] from a block's names and a closure that writes the message.
pub(super) fn about(
    node: &Node,
    spec: Option<&BlockSpec>,
    write: impl FnOnce(&str, &str) -> (String, String),
) -> Text {
    let (en, zh) = block_name(node, spec);
    let (en, zh) = write(&en, &zh);
    Text { en, zh }
}
