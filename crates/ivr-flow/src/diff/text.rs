//! A diff's changes in the designer's words, in English and Chinese: blocks
//! by their label or their kind and number, exits by the name the block
//! shows ("Key 2 of "Main menu" now goes to "Billing queue", was "Sales
//! queue""), settings by their catalog name, values short.

use rustc_hash::FxHashMap;
use serde_json::Value;

use super::{Change, FlowDiff};
use crate::catalog::{self, BlockSpec};
use crate::i18n::Text;
use crate::model::{Flow, Node};
use crate::naming;

/// Longest value shown, in characters, before it is cut with "…".
const SHOWN: usize = 60;

/// One flow's blocks by id with their numbers, for naming them.
struct Names<'a> {
    flow: &'a Flow,
    by_id: FxHashMap<&'a str, usize>,
    ordinals: Vec<u32>,
}

impl<'a> Names<'a> {
    fn new(flow: &'a Flow) -> Self {
        Names {
            flow,
            by_id: flow
                .nodes
                .iter()
                .enumerate()
                .map(|(i, n)| (n.id.as_str(), i))
                .collect(),
            ordinals: naming::ordinals(&flow.nodes),
        }
    }

    fn node(&self, id: &str) -> Option<(&'a Node, Option<&'static BlockSpec>, u32)> {
        let i = *self.by_id.get(id)?;
        let node = &self.flow.nodes[i];
        Some((
            node,
            catalog::catalog().block(&node.block),
            self.ordinals[i],
        ))
    }

    /// The block as the designer knows it; its id when it is not there.
    fn block(&self, id: &str) -> (String, String) {
        match self.node(id) {
            Some((node, spec, n)) => naming::block_name(node, spec, n),
            None => (id.to_owned(), id.to_owned()),
        }
    }

    /// The block by its kind and number, whatever its label (for a label
    /// that changed).
    fn kind(&self, id: &str) -> (String, String) {
        match self.node(id) {
            Some((node, spec, n)) => {
                let bare = Node {
                    label: String::new(),
                    ..node.clone()
                };
                naming::block_name(&bare, spec, n)
            }
            None => (id.to_owned(), id.to_owned()),
        }
    }

    fn exit(&self, id: &str, exit: &str) -> Text {
        match self.node(id) {
            Some((node, spec, _)) => naming::exit_name(node, spec, exit),
            None => Text::new(exit, exit),
        }
    }

    /// Where a line goes: the block's name, or "not connected".
    fn target(&self, id: Option<&str>) -> (String, String) {
        match id {
            Some(id) => self.block(id),
            None => ("not connected".into(), "未连接".into()),
        }
    }

    /// A setting's name: the catalog's for the block's parameter, else the key.
    fn setting(&self, id: &str, key: &str) -> Text {
        let first = key.split('.').next().unwrap_or(key);
        let spec = self.node(id).and_then(|(_, spec, _)| spec);
        match spec.and_then(|s| s.params.iter().find(|p| p.key == first)) {
            Some(p) if first == key => p.name.clone(),
            _ => {
                let short = key.strip_prefix("parameters.").unwrap_or(key);
                Text::new(short, short)
            }
        }
    }

    fn note(&self, id: &str) -> String {
        match self.flow.notes.iter().find(|n| n.id == id) {
            Some(n) if !n.text.trim().is_empty() => quoted(&n.text),
            _ => id.to_owned(),
        }
    }
}

/// `s` in quotes, cut to [`SHOWN`] characters.
fn quoted(s: &str) -> String {
    let line = s.lines().next().unwrap_or("");
    let mut cut: String = line.chars().take(SHOWN).collect();
    if cut.len() < s.len() {
        cut.push('…');
    }
    format!("\"{cut}\"")
}

/// A value as a line shows it; none is "not set".
fn shown(v: Option<&Value>) -> (String, String) {
    match v {
        None | Some(Value::Null) => ("not set".into(), "未设置".into()),
        Some(Value::String(s)) => (quoted(s), quoted(s)),
        Some(other) => {
            let s = other.to_string();
            let mut cut: String = s.chars().take(SHOWN).collect();
            if cut.len() < s.len() {
                cut.push('…');
            }
            (cut.clone(), cut)
        }
    }
}

fn field_name(field: &str) -> (String, String) {
    match field {
        "name" => ("Flow name".into(), "流程名称".into()),
        "description" => ("Flow description".into(), "流程说明".into()),
        "kind" => ("Flow type".into(), "流程类型".into()),
        other => (format!("Flow setting {other}"), format!("流程设置 {other}")),
    }
}

/// A change with its line in both languages, as the app and `ivr diff
/// --format json` show it.
#[derive(Clone, Debug, PartialEq, serde::Serialize, ts_rs::TS)]
#[ts(rename = "DiffLine")]
pub struct Line {
    #[serde(flatten)]
    #[ts(flatten)]
    pub change: Change,
    /// Only a move.
    pub layout: bool,
    pub text: Text,
}

/// What changed from `old` to `new`, each change with its line.
pub fn described(old: &Flow, new: &Flow) -> Vec<Line> {
    let d = super::diff(old, new);
    let texts = lines(&d, old, new);
    d.changes
        .into_iter()
        .zip(texts)
        .map(|(change, text)| Line {
            layout: change.is_layout(),
            change,
            text,
        })
        .collect()
}

/// Every change of `diff` (from `old` to `new`) as a line in both languages.
pub fn lines(diff: &FlowDiff, old: &Flow, new: &Flow) -> Vec<Text> {
    let (was, now) = (Names::new(old), Names::new(new));
    diff.changes
        .iter()
        .map(|c| describe_with(c, &was, &now))
        .collect()
}

/// One change as a line (for many, [`lines`] names the blocks faster).
pub fn describe(change: &Change, old: &Flow, new: &Flow) -> Text {
    describe_with(change, &Names::new(old), &Names::new(new))
}

fn describe_with(change: &Change, was: &Names<'_>, now: &Names<'_>) -> Text {
    match change {
        Change::Flow { field, old, new } => {
            let (en, zh) = field_name(field);
            let (a, b) = (shown(Some(old)), shown(Some(new)));
            Text::new(
                format!("{en}: {} → {}", a.0, b.0),
                format!("{zh}：{} → {}", a.1, b.1),
            )
        }
        Change::VariableAdded { name } => Text::new(
            format!("Variable \"{name}\" added"),
            format!("新增变量“{name}”"),
        ),
        Change::VariableRemoved { name } => Text::new(
            format!("Variable \"{name}\" removed"),
            format!("删除变量“{name}”"),
        ),
        Change::VariableChanged { name, old, new } => {
            let (a, b) = (shown(Some(old)), shown(Some(new)));
            Text::new(
                format!("Variable \"{name}\": {} → {}", a.0, b.0),
                format!("变量“{name}”：{} → {}", a.1, b.1),
            )
        }
        Change::BlockAdded { block } => {
            let (en, zh) = now.block(block);
            Text::new(format!("Added {en}"), format!("新增 {zh}"))
        }
        Change::BlockRemoved { block } => {
            let (en, zh) = was.block(block);
            Text::new(format!("Removed {en}"), format!("删除 {zh}"))
        }
        Change::BlockType { block, old, new } => {
            let (en, zh) = now.block(block);
            let kind = |id: &str| {
                catalog::catalog()
                    .block(id)
                    .map_or_else(|| Text::new(id, id), |s| s.name.clone())
            };
            let (a, b) = (kind(old), kind(new));
            Text::new(
                format!("{en} is now {}, was {}", b.en, a.en),
                format!("{zh} 现在是{}，原为{}", b.zh, a.zh),
            )
        }
        Change::Label { block, old, new } => {
            let (en, zh) = now.kind(block);
            Text::new(
                format!("Label of {en}: {} → {}", quoted(old), quoted(new)),
                format!("{zh} 的标签：{} → {}", quoted(old), quoted(new)),
            )
        }
        Change::Setting {
            block,
            key,
            old,
            new,
        } => {
            let (en, zh) = now.block(block);
            let name = now.setting(block, key);
            let (a, b) = (shown(old.as_ref()), shown(new.as_ref()));
            Text::new(
                format!("{} of {en}: {} → {}", name.en, a.0, b.0),
                format!("{zh} 的{}：{} → {}", name.zh, a.1, b.1),
            )
        }
        Change::Exit {
            block,
            exit,
            old,
            new,
        } => {
            let (en, zh) = now.block(block);
            let exit = now.exit(block, exit);
            let (a, b) = (was.target(old.as_deref()), now.target(new.as_deref()));
            match new {
                Some(_) => Text::new(
                    format!("{} of {en} now goes to {}, was {}", exit.en, b.0, a.0),
                    format!("{zh} 的“{}”现在转到 {}，原为 {}", exit.zh, b.1, a.1),
                ),
                None => Text::new(
                    format!("{} of {en} is no longer connected, was {}", exit.en, a.0),
                    format!("{zh} 的“{}”不再连接，原为 {}", exit.zh, a.1),
                ),
            }
        }
        Change::Moved { block, .. } => {
            let (en, zh) = now.block(block);
            Text::new(format!("{en} moved"), format!("{zh} 已移动"))
        }
        Change::NoteAdded { note } => {
            let n = now.note(note);
            Text::new(format!("Note {n} added"), format!("新增便签 {n}"))
        }
        Change::NoteRemoved { note } => {
            let n = was.note(note);
            Text::new(format!("Note {n} removed"), format!("删除便签 {n}"))
        }
        Change::NoteText { old, new, .. } => Text::new(
            format!("Note {} now reads {}", quoted(old), quoted(new)),
            format!("便签 {} 现在写着 {}", quoted(old), quoted(new)),
        ),
        Change::NoteMoved { note } => {
            let n = now.note(note);
            Text::new(format!("Note {n} moved"), format!("便签 {n} 已移动"))
        }
    }
}
