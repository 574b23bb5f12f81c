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
    if let Some(ty) = provider_type(node, spec) {
        return (
            format!("{ty} block ({})", node.id),
            format!("平台模块 {ty}（{}）", node.id),
        );
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

/// A provider block's own type, such as `UpdateContactRecordingBehavior`.
fn provider_type<'a>(node: &'a Node, spec: Option<&BlockSpec>) -> Option<&'a str> {
    if spec?.id != crate::catalog::PROVIDER_BLOCK {
        return None;
    }
    node.params
        .get("type")
        .and_then(|t| t.as_str())
        .filter(|t| !t.is_empty())
}
