//! What changed between two flows, for the review before a publish and for
//! `ivr diff`: blocks matched by id; added, removed, retyped, relabelled;
//! each setting with its old and new value; exits rewired (which exit, the
//! old and new target); flow-level changes (name, description, kind,
//! variables); notes; and layout-only moves reported apart from real
//! changes. Both sides are flows, so a local file compares with a provider's
//! export once both are decoded. Linear in the size of the flows.
//!
//! [`text`] puts each change in the designer's words, in English and Chinese.

pub mod text;

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use crate::model::{Extra, Flow, Node, Note, Position};
use crate::naming;

/// The key of `extra` maps that holds layout bookkeeping only (where an
/// imported card was before it was spread): a change there is a move.
const LAYOUT_KEY: &str = "layout";

/// One change from the old flow to the new one. Blocks and notes are named
/// by id; [`text::describe`] names them as the designer sees them.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// The flow's `name`, `description` or `kind`.
    Flow {
        field: String,
        old: Value,
        new: Value,
    },
    VariableAdded {
        name: String,
    },
    VariableRemoved {
        name: String,
    },
    /// A variable's type, initial value or description.
    VariableChanged {
        name: String,
        old: Value,
        new: Value,
    },
    BlockAdded {
        block: String,
    },
    BlockRemoved {
        block: String,
    },
    /// The same id now holds another kind of block.
    BlockType {
        block: String,
        old: String,
        new: String,
    },
    Label {
        block: String,
        old: String,
        new: String,
    },
    /// A setting (`key`; a nested one as `parameters.QueueId`): none on a
    /// side where it is not set.
    Setting {
        block: String,
        key: String,
        old: Option<Value>,
        new: Option<Value>,
    },
    /// An exit's line: the block it went to and goes to now (none: not
    /// connected).
    Exit {
        block: String,
        exit: String,
        old: Option<String>,
        new: Option<String>,
    },
    /// Layout only: the block moved.
    Moved {
        block: String,
        old: Position,
        new: Position,
    },
    NoteAdded {
        note: String,
    },
    NoteRemoved {
        note: String,
    },
    NoteText {
        note: String,
        old: String,
        new: String,
    },
    /// Layout only: the note moved or was resized.
    NoteMoved {
        note: String,
    },
}

impl Change {
    /// Whether this change only moves things on the canvas.
    pub fn is_layout(&self) -> bool {
        matches!(self, Change::Moved { .. } | Change::NoteMoved { .. })
    }

    /// The block this change is about, if any.
    pub fn block(&self) -> Option<&str> {
        match self {
            Change::BlockAdded { block }
            | Change::BlockRemoved { block }
            | Change::BlockType { block, .. }
            | Change::Label { block, .. }
            | Change::Setting { block, .. }
            | Change::Exit { block, .. }
            | Change::Moved { block, .. } => Some(block),
            _ => None,
        }
    }
}

/// Every change, in reading order: the flow's own, its variables, then block
/// by block in the new flow's order, the removed blocks, and the notes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, TS)]
pub struct FlowDiff {
    pub changes: Vec<Change>,
}

impl FlowDiff {
    /// No change at all.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The changes that are more than a move.
    pub fn real(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| !c.is_layout())
    }

    /// Whether the flows differ only in where things stand.
    pub fn layout_only(&self) -> bool {
        !self.is_empty() && self.real().next().is_none()
    }
}

/// The changes from `old` to `new`.
pub fn diff(old: &Flow, new: &Flow) -> FlowDiff {
    let mut out = Vec::new();
    flow_fields(old, new, &mut out);
    variables(old, new, &mut out);
    blocks(old, new, &mut out);
    notes(old, new, &mut out);
    FlowDiff { changes: out }
}

fn flow_fields(old: &Flow, new: &Flow, out: &mut Vec<Change>) {
    let kind = |f: &Flow| serde_json::to_value(f.kind).unwrap_or(Value::Null);
    for (field, a, b) in [
        (
            "name",
            Value::from(old.name.as_str()),
            Value::from(new.name.as_str()),
        ),
        (
            "description",
            Value::from(old.description.as_str()),
            Value::from(new.description.as_str()),
        ),
        ("kind", kind(old), kind(new)),
    ] {
        if a != b {
            out.push(Change::Flow {
                field: field.to_owned(),
                old: a,
                new: b,
            });
        }
    }
    extras("extra", &old.extra, &new.extra, &mut |key, a, b| {
        out.push(Change::Flow {
            field: key,
            old: a.unwrap_or(Value::Null),
            new: b.unwrap_or(Value::Null),
        });
    });
}

fn variables(old: &Flow, new: &Flow, out: &mut Vec<Change>) {
    let before: FxHashMap<&str, _> = old.variables.iter().map(|v| (v.name.as_str(), v)).collect();
    let after: FxHashMap<&str, _> = new.variables.iter().map(|v| (v.name.as_str(), v)).collect();
    for v in &new.variables {
        match before.get(v.name.as_str()) {
            None => out.push(Change::VariableAdded {
                name: v.name.clone(),
            }),
            Some(was) if *was != v => out.push(Change::VariableChanged {
                name: v.name.clone(),
                old: serde_json::to_value(was).unwrap_or(Value::Null),
                new: serde_json::to_value(v).unwrap_or(Value::Null),
            }),
            Some(_) => {}
        }
    }
    for v in &old.variables {
        if !after.contains_key(v.name.as_str()) {
            out.push(Change::VariableRemoved {
                name: v.name.clone(),
            });
        }
    }
}

/// Each block's exits and where they go.
fn lines(flow: &Flow) -> FxHashMap<(&str, &str), &str> {
    flow.edges
        .iter()
        .map(|e| ((e.from.node.as_str(), e.from.port.as_str()), e.to.as_str()))
        .collect()
}

/// Each block's exits that have a line, in the order the lines are listed.
fn lines_by_node(flow: &Flow) -> FxHashMap<&str, Vec<&str>> {
    let mut m: FxHashMap<&str, Vec<&str>> = FxHashMap::default();
    for e in &flow.edges {
        m.entry(e.from.node.as_str())
            .or_default()
            .push(e.from.port.as_str());
    }
    m
}

/// Which old block each new block is: the one with its id; else the one
/// with the id CCC gives it on the way (a flow read back from CCC names its
/// blocks so); else (for a provider that numbers blocks itself) the
/// unmatched one of the same kind, label and place among its kind.
fn match_blocks<'a>(old: &'a Flow, new: &'a Flow) -> FxHashMap<&'a str, &'a Node> {
    let by_id: FxHashMap<&str, &Node> = old.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let mut pairs: FxHashMap<&str, &Node> = FxHashMap::default();
    let mut taken: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
    let mut pair = |new_id: &'a str, was: &'a Node| {
        if !taken.contains(was.id.as_str()) && !pairs.contains_key(new_id) {
            pairs.insert(new_id, was);
            taken.insert(was.id.as_str());
        }
    };
    for n in &new.nodes {
        if let Some(was) = by_id.get(n.id.as_str()) {
            pair(n.id.as_str(), was);
        }
    }
    // Both ways: either side may be the one read back from CCC.
    let to_ccc = |f: &Flow| crate::dialect::ccc::v2020::block_ids(f);
    let new_as_ccc = to_ccc(new);
    for n in &new.nodes {
        if let Some(was) = new_as_ccc.get(&n.id).and_then(|id| by_id.get(id.as_str())) {
            pair(n.id.as_str(), was);
        }
    }
    let old_as_ccc: FxHashMap<String, &Node> = to_ccc(old)
        .into_iter()
        .filter_map(|(id, ccc)| by_id.get(id.as_str()).map(|n| (ccc, *n)))
        .collect();
    for n in &new.nodes {
        if let Some(was) = old_as_ccc.get(&n.id) {
            pair(n.id.as_str(), was);
        }
    }
    // The rest by name: kind, label, and number among the unmatched of that kind.
    type Key<'k> = (&'k str, &'k str, u32);
    let keyed = |nodes: Vec<&'a Node>| -> Vec<(Key<'a>, &'a Node)> {
        let mut seen: FxHashMap<(&str, &str), u32> = FxHashMap::default();
        nodes
            .into_iter()
            .map(|n| {
                let k = (naming::kind_key(n), n.label.as_str());
                let c = seen.entry(k).or_default();
                *c += 1;
                ((k.0, k.1, *c), n)
            })
            .collect()
    };
    let rest_old: FxHashMap<Key<'a>, &'a Node> = keyed(
        old.nodes
            .iter()
            .filter(|n| !taken.contains(n.id.as_str()))
            .collect(),
    )
    .into_iter()
    .collect();
    let rest_new = keyed(
        new.nodes
            .iter()
            .filter(|n| !pairs.contains_key(n.id.as_str()))
            .collect(),
    );
    for (k, n) in rest_new {
        if let Some(was) = rest_old.get(&k) {
            pairs.insert(n.id.as_str(), was);
        }
    }
    pairs
}

fn blocks(old: &Flow, new: &Flow, out: &mut Vec<Change>) {
    let pairs = match_blocks(old, new);
    let old_to_new: FxHashMap<&str, &str> =
        pairs.iter().map(|(n, was)| (was.id.as_str(), *n)).collect();
    let (old_lines, new_lines) = (lines(old), lines(new));
    let (old_exits, new_exits) = (lines_by_node(old), lines_by_node(new));
    for node in &new.nodes {
        let Some(was) = pairs.get(node.id.as_str()) else {
            out.push(Change::BlockAdded {
                block: node.id.clone(),
            });
            continue;
        };
        let block = || node.id.clone();
        if was.block != node.block {
            out.push(Change::BlockType {
                block: block(),
                old: was.block.clone(),
                new: node.block.clone(),
            });
        }
        if was.label != node.label {
            out.push(Change::Label {
                block: block(),
                old: was.label.clone(),
                new: node.label.clone(),
            });
        }
        settings("", &was.params, &node.params, 0, &mut |key, a, b| {
            out.push(Change::Setting {
                block: block(),
                key,
                old: a,
                new: b,
            });
        });
        extras("extra", &was.extra, &node.extra, &mut |key, a, b| {
            out.push(Change::Setting {
                block: block(),
                key,
                old: a,
                new: b,
            });
        });
        // Exits: those with a line now, in order, then those that lost theirs.
        let (id, was_id) = (node.id.as_str(), was.id.as_str());
        let now = new_exits.get(id).cloned().unwrap_or_default();
        let then = old_exits.get(was_id).cloned().unwrap_or_default();
        for exit in now.iter().chain(then.iter().filter(|e| !now.contains(e))) {
            let a = old_lines.get(&(was_id, *exit)).copied();
            let b = new_lines.get(&(id, *exit)).copied();
            let same = match (a, b) {
                (None, None) => true,
                (Some(x), Some(y)) => old_to_new.get(x) == Some(&y),
                _ => false,
            };
            if !same {
                out.push(Change::Exit {
                    block: block(),
                    exit: (*exit).to_owned(),
                    old: a.map(str::to_owned),
                    new: b.map(str::to_owned),
                });
            }
        }
        let layout_moved = was.extra.get(LAYOUT_KEY) != node.extra.get(LAYOUT_KEY);
        if was.position != node.position || layout_moved {
            out.push(Change::Moved {
                block: block(),
                old: was.position,
                new: node.position,
            });
        }
    }
    for node in &old.nodes {
        if !old_to_new.contains_key(node.id.as_str()) {
            out.push(Change::BlockRemoved {
                block: node.id.clone(),
            });
        }
    }
}

/// Calls `found` for every setting that differs; objects on both sides are
/// compared key by key (one level down: `parameters.QueueId`).
fn settings(
    prefix: &str,
    old: &BTreeMap<String, Value>,
    new: &BTreeMap<String, Value>,
    depth: u8,
    found: &mut dyn FnMut(String, Option<Value>, Option<Value>),
) {
    let keys = new
        .keys()
        .chain(old.keys().filter(|k| !new.contains_key(*k)));
    for key in keys {
        let (a, b) = (old.get(key), new.get(key));
        if a == b {
            continue;
        }
        let path = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match (a, b) {
            (Some(Value::Object(x)), Some(Value::Object(y))) if depth == 0 => {
                let x: BTreeMap<String, Value> = x.clone().into_iter().collect();
                let y: BTreeMap<String, Value> = y.clone().into_iter().collect();
                settings(&path, &x, &y, depth + 1, found);
            }
            _ => found(path, a.cloned(), b.cloned()),
        }
    }
}

/// The provider fields kept in `extra` that both sides have and that differ
/// (but the layout bookkeeping). A field on one side only is the provider's
/// bookkeeping of where the flow came from (an import's remote ids, CCC's
/// node order), not an edit: a designer cannot add or remove one.
fn extras(
    prefix: &str,
    old: &Extra,
    new: &Extra,
    found: &mut dyn FnMut(String, Option<Value>, Option<Value>),
) {
    for (key, a) in old {
        match new.get(key) {
            Some(b) if a != b && key != LAYOUT_KEY => {
                found(format!("{prefix}.{key}"), Some(a.clone()), Some(b.clone()));
            }
            _ => {}
        }
    }
}

fn notes(old: &Flow, new: &Flow, out: &mut Vec<Change>) {
    let before: FxHashMap<&str, &Note> = old.notes.iter().map(|n| (n.id.as_str(), n)).collect();
    let after: FxHashMap<&str, &Note> = new.notes.iter().map(|n| (n.id.as_str(), n)).collect();
    for note in &new.notes {
        match before.get(note.id.as_str()) {
            None => out.push(Change::NoteAdded {
                note: note.id.clone(),
            }),
            Some(was) => {
                if was.text != note.text {
                    out.push(Change::NoteText {
                        note: note.id.clone(),
                        old: was.text.clone(),
                        new: note.text.clone(),
                    });
                }
                if was.position != note.position || was.size != note.size || was.node != note.node {
                    out.push(Change::NoteMoved {
                        note: note.id.clone(),
                    });
                }
            }
        }
    }
    for note in &old.notes {
        if !after.contains_key(note.id.as_str()) {
            out.push(Change::NoteRemoved {
                note: note.id.clone(),
            });
        }
    }
}
