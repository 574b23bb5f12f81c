//! What decode leaves for encode: the parts of an action the mapping keeps
//! as they came ([`Kept`]), IVR Studio's own fields in an action's metadata
//! ([`ActionIvr`]), and the names both directions agree on: a provider
//! block's exits and the start block's id.

use std::collections::HashSet;

use serde_json::Value;

use super::raw::{Action, Key, Obj, strings_in};
use crate::catalog::START_BLOCK;

/// What is left of one action after the mapping took its part.
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct Kept {
    pub parameters: Obj,
    pub action: Obj,
    pub transitions: Obj,
    pub metadata: Obj,
    pub raw: Obj,
    pub absent: Vec<String>,
    /// The `ErrorType`s of `Transitions.Errors` in the order they came, when
    /// it is not the order encode writes them in.
    pub errors: Vec<String>,
    /// Each of `Transitions.Conditions` as its exit name
    /// ([`exit_name`]), in the order they came, when it is not the order
    /// encode writes them in (a Loop's Done before its Continue, say).
    pub conditions: Vec<String>,
    /// The action's type, when the block's mapping has two and this is not
    /// the first (`Invoke module` read as a Sub-flow, say).
    pub action_type: Option<String>,
}

impl Kept {
    /// The parts of an action every block keeps as they are.
    pub(super) fn of(a: &Action) -> Kept {
        Kept {
            action: a.rest.clone(),
            absent: a.absent.clone(),
            ..Kept::default()
        }
    }

    const KEYS: [&'static str; 8] = [
        "connect.parameters",
        "connect.action",
        "connect.transitions",
        "connect.metadata",
        "connect.raw",
        "connect.absent",
        "connect.errors",
        "connect.conditions",
    ];

    /// The key [`Kept::action_type`] is stored under.
    pub const TYPE_KEY: &'static str = "connect.type";

    /// Writes the non-empty parts under their `connect.*` keys.
    pub fn store(&self, out: &mut Obj) {
        let parts = [
            &self.parameters,
            &self.action,
            &self.transitions,
            &self.metadata,
            &self.raw,
        ];
        for (k, part) in Self::KEYS.iter().zip(parts) {
            if !part.is_empty() {
                out.insert((*k).to_owned(), Value::Object(part.clone()));
            }
        }
        let lists = [
            (Self::KEYS[5], &self.absent),
            (Self::KEYS[6], &self.errors),
            (Self::KEYS[7], &self.conditions),
        ];
        for (key, list) in lists {
            if !list.is_empty() {
                let list = list.iter().cloned().map(Value::String).collect();
                out.insert(key.to_owned(), Value::Array(list));
            }
        }
        if let Some(ty) = &self.action_type {
            out.insert(Self::TYPE_KEY.to_owned(), Value::String(ty.clone()));
        }
    }

    /// Reads what [`Kept::store`] wrote.
    pub fn load(m: &Obj) -> Kept {
        let obj = |k: &str| {
            m.get(k)
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default()
        };
        let strings = |k: &str| strings_in(m.get(k));
        Kept {
            parameters: obj(Self::KEYS[0]),
            action: obj(Self::KEYS[1]),
            transitions: obj(Self::KEYS[2]),
            metadata: obj(Self::KEYS[3]),
            raw: obj(Self::KEYS[4]),
            absent: strings(Self::KEYS[5]),
            errors: strings(Self::KEYS[6]),
            conditions: strings(Self::KEYS[7]),
            action_type: m
                .get(Self::TYPE_KEY)
                .and_then(Value::as_str)
                .map(str::to_owned),
        }
    }

    pub fn is_absent(&self, what: &str) -> bool {
        self.absent.iter().any(|a| a == what)
    }
}

/// `ActionMetadata[id].ivr`.
#[derive(Debug, Default)]
pub(super) struct ActionIvr {
    pub label: String,
    pub params: Obj,
    pub cases: Option<Vec<String>>,
    /// A provider block's exits, when they are not those its transitions give.
    pub exits: Option<Vec<String>>,
}

impl ActionIvr {
    /// The `ivr` object as written into ActionMetadata.
    pub fn to_json(&self) -> Value {
        let mut m = Obj::new();
        if !self.label.is_empty() {
            m.insert("label".into(), Value::String(self.label.clone()));
        }
        if !self.params.is_empty() {
            m.insert("params".into(), Value::Object(self.params.clone()));
        }
        if let Some(c) = &self.cases {
            m.insert("cases".into(), Value::from(c.clone()));
        }
        if let Some(x) = &self.exits {
            m.insert("exits".into(), Value::from(x.clone()));
        }
        Value::Object(m)
    }
}

fn strings(v: &Value) -> Option<Vec<String>> {
    v.as_array()?
        .iter()
        .map(|i| i.as_str().map(str::to_owned))
        .collect()
}

pub(super) fn read_action_ivr(v: &Value) -> Option<ActionIvr> {
    let mut out = ActionIvr::default();
    for (k, x) in v.as_object()? {
        match k.as_str() {
            "label" => out.label = x.as_str()?.to_owned(),
            "params" => out.params = x.as_object()?.clone(),
            "cases" => out.cases = Some(strings(x)?),
            "exits" => out.exits = Some(strings(x)?),
            _ => return None,
        }
    }
    Some(out)
}

/// Whether Connect's designer names an action by its Identifier: its
/// metadata says `isFriendlyName: true` ("Initialize Call", not a UUID).
fn friendly(metadata: &Obj) -> bool {
    metadata.get("isFriendlyName") == Some(&Value::Bool(true))
}

/// The label a decoded block shows: IVR Studio's own, else the Identifier
/// Connect's designer shows as the block's name.
pub(super) fn label_read(ivr_label: &str, id: &str, metadata: &Obj) -> String {
    if ivr_label.is_empty() && friendly(metadata) {
        id.to_owned()
    } else {
        ivr_label.to_owned()
    }
}

/// The label encode keeps in `ivr.label`: none when it is the friendly
/// Identifier itself, which Connect already holds.
pub(super) fn label_written(label: &str, id: &str, metadata: &Obj) -> String {
    if label == id && friendly(metadata) {
        String::new()
    } else {
        label.to_owned()
    }
}

/// The start block's id: `start`, or `start-N` when an action is called that.
pub(super) fn default_start_id<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    let taken: HashSet<&str> = ids.collect();
    if !taken.contains(START_BLOCK) {
        return START_BLOCK.to_owned();
    }
    (2..)
        .map(|n| format!("{START_BLOCK}-{n}"))
        .find(|c| !taken.contains(c.as_str()))
        .unwrap_or_default()
}

/// A provider block's exit name for a transition (see the module docs).
pub(super) fn exit_name(key: &Key) -> Option<String> {
    match key {
        Key::Next => Some("next".into()),
        Key::Error(t) => Some(format!("error:{t}")),
        Key::Cond(op, _) if op.is_empty() || op == "error" || op == "next" || op.contains(':') => {
            None
        }
        Key::Cond(op, operands) => match operands.as_slice() {
            [Value::String(s)] if !s.starts_with('[') => Some(format!("{op}:{s}")),
            _ => Some(format!("{op}:{}", Value::from(operands.clone()))),
        },
    }
}

/// The transition a provider exit name stands for.
pub(super) fn exit_key(name: &str) -> Option<Key> {
    if name == "next" {
        return Some(Key::Next);
    }
    if let Some(t) = name.strip_prefix("error:") {
        return Some(Key::Error(t.to_owned()));
    }
    let (op, rest) = name.split_once(':')?;
    if op.is_empty() {
        return None;
    }
    if rest.starts_with('[') {
        let Ok(Value::Array(a)) = serde_json::from_str::<Value>(rest) else {
            return None;
        };
        return Some(Key::Cond(op.to_owned(), a));
    }
    Some(Key::cond(op, rest))
}
