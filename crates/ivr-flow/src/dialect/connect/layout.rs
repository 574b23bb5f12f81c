//! Content's `Metadata`: positions, sticky notes (`Annotations`), the console
//! export's name / description / type, and IVR Studio's own `ivr` fields.
//! Whatever else Metadata holds is kept verbatim.

use serde_json::Value;

use super::raw::{Obj, strings_in};
use super::wrapper::{console_type, flow_type, kind_of_type};
use crate::dialect::error::DecodeError;
use crate::dialect::{fields, position};
use crate::model::{Extra, FlowKind, Note, Position, Size, Variable};

/// The flow-level parts of Metadata.
#[derive(Debug, Default)]
pub(super) struct Layout {
    pub entry: Option<Position>,
    /// `ActionMetadata`: action id -> entry.
    pub actions: Obj,
    pub notes: Vec<Note>,
    /// Metadata's other keys; `None` when the Content had no Metadata.
    pub rest: Option<Obj>,
    /// Which of `entryPointPosition`, `ActionMetadata`, `Annotations` were left out.
    pub absent: Vec<String>,
    pub ivr: FlowIvr,
}

/// `Metadata.ivr`: what IVR Studio keeps that Connect has no place for.
#[derive(Debug, Default, PartialEq)]
pub(super) struct FlowIvr {
    pub start_id: Option<String>,
    pub start_label: Option<String>,
    pub variables: Vec<Variable>,
    pub kind: Option<FlowKind>,
}

/// Reads `$.Metadata`.
pub(super) fn read(meta: Option<&Value>) -> Result<Layout, DecodeError> {
    let mut out = Layout::default();
    let Some(meta) = meta else {
        return Ok(out);
    };
    let m = fields::object(meta, "Metadata", || "$.Metadata".into())?;
    let mut rest = m.clone();
    match rest.get("entryPointPosition").and_then(position::read) {
        Some(p) => {
            out.entry = Some(p);
            rest.remove("entryPointPosition");
        }
        None => out.absent.push("entryPointPosition".into()),
    }
    match rest.remove("ActionMetadata") {
        Some(Value::Object(a)) => out.actions = a,
        Some(other) => {
            rest.insert("ActionMetadata".into(), other);
            out.absent.push("ActionMetadata".into());
        }
        None => out.absent.push("ActionMetadata".into()),
    }
    match rest.get("Annotations").and_then(read_notes) {
        Some(notes) => {
            out.notes = notes;
            rest.remove("Annotations");
        }
        None => out.absent.push("Annotations".into()),
    }
    if let Some(ivr) = rest.get("ivr").and_then(read_flow_ivr) {
        out.ivr = ivr;
        rest.remove("ivr");
    }
    out.rest = Some(rest);
    Ok(out)
}

/// The flow's name, description and kind as Metadata gives them.
pub(super) fn named(rest: Option<&Obj>) -> (String, String, Option<FlowKind>) {
    let text = |k: &str| {
        rest.and_then(|r| r.get(k))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let kind = rest
        .and_then(|r| r.get("type"))
        .and_then(Value::as_str)
        .and_then(kind_of_type);
    (text("name"), text("description"), kind)
}

/// Writes the name / description / type keys Metadata already has as text (a
/// console export), or all three for a flow that never was Connect's.
pub(super) fn write_named(
    m: &mut Obj,
    native: bool,
    name: &str,
    description: &str,
    kind: FlowKind,
) {
    // A key that came as null (or anything but text) is written back as it came.
    if native || m.get("name").is_some_and(Value::is_string) {
        m.insert("name".into(), Value::String(name.to_owned()));
    }
    if native || m.get("description").is_some_and(Value::is_string) {
        m.insert("description".into(), Value::String(description.to_owned()));
    }
    let Some(console) = console_type(kind) else {
        return;
    };
    match m.get("type").and_then(Value::as_str) {
        Some(t) if t.contains('_') || t.chars().all(|c| c.is_ascii_uppercase()) => {
            m.insert("type".into(), Value::String(flow_type(kind).into()));
        }
        Some(_) => {
            m.insert("type".into(), Value::String(console.into()));
        }
        None if native => {
            m.insert("type".into(), Value::String(console.into()));
        }
        None => {}
    }
}

fn read_flow_ivr(v: &Value) -> Option<FlowIvr> {
    let m = v.as_object()?;
    let mut out = FlowIvr::default();
    for (k, x) in m {
        match k.as_str() {
            "start" => {
                let s = x.as_object()?;
                for (sk, sv) in s {
                    match sk.as_str() {
                        "id" => out.start_id = Some(sv.as_str()?.to_owned()),
                        "label" => out.start_label = Some(sv.as_str()?.to_owned()),
                        _ => return None,
                    }
                }
            }
            "variables" => out.variables = serde_json::from_value(x.clone()).ok()?,
            "kind" => out.kind = Some(serde_json::from_value(x.clone()).ok()?),
            _ => return None,
        }
    }
    Some(out)
}

/// `Metadata.ivr`, or `None` when there is nothing to keep.
pub(super) fn write_flow_ivr(ivr: &FlowIvr) -> Option<Value> {
    let mut m = Obj::new();
    let mut start = Obj::new();
    if let Some(id) = &ivr.start_id {
        start.insert("id".into(), Value::String(id.clone()));
    }
    if let Some(l) = &ivr.start_label {
        start.insert("label".into(), Value::String(l.clone()));
    }
    if !start.is_empty() {
        m.insert("start".into(), Value::Object(start));
    }
    if !ivr.variables.is_empty() {
        m.insert(
            "variables".into(),
            serde_json::to_value(&ivr.variables).unwrap_or(Value::Null),
        );
    }
    if let Some(k) = ivr.kind {
        m.insert(
            "kind".into(),
            serde_json::to_value(k).unwrap_or(Value::Null),
        );
    }
    (!m.is_empty()).then_some(Value::Object(m))
}

// ---------------------------------------------------------------- notes

const ABSENT: &str = "connect.absent";

fn read_notes(v: &Value) -> Option<Vec<Note>> {
    v.as_array()?.iter().map(read_note).collect()
}

/// An annotation -> a note. `None` if it is not an object.
fn read_note(v: &Value) -> Option<Note> {
    let mut m = v.as_object()?.clone();
    let mut absent: Vec<Value> = Vec::new();
    let mut note = Note::default();
    let mut absent_if = |m: &Obj, k: &str| {
        if !m.contains_key(k) {
            absent.push(Value::String(k.into()));
        }
    };
    absent_if(&m, "id");
    absent_if(&m, "content");
    absent_if(&m, "position");
    absent_if(&m, "actionId");
    absent_if(&m, "type");
    absent_if(&m, "isFolded");
    if let Some(Value::String(id)) = m.get("id") {
        note.id = id.clone();
        m.remove("id");
    }
    if let Some(Value::String(text)) = m.get("content") {
        note.text = text.clone();
        m.remove("content");
    }
    if let Some(p) = m.get("position").and_then(position::read) {
        note.position = p;
        m.remove("position");
    }
    if let Some(s) = m.get("size").and_then(read_size) {
        note.size = Some(s);
        m.remove("size");
    }
    if let Some(Value::String(a)) = m.get("actionId") {
        if !a.is_empty() {
            note.node = Some(a.clone());
        }
        m.remove("actionId");
    }
    if m.get("type").and_then(Value::as_str) == Some("default") {
        m.remove("type");
    }
    if m.get("isFolded") == Some(&Value::Bool(false)) {
        m.remove("isFolded");
    }
    note.extra = m.into_iter().collect();
    if !absent.is_empty() {
        note.extra.insert(ABSENT.into(), Value::Array(absent));
    }
    Some(note)
}

fn read_size(v: &Value) -> Option<Size> {
    let m = v.as_object()?;
    if m.len() != 2 {
        return None;
    }
    Some(Size {
        width: m.get("width")?.as_f64()?,
        height: m.get("height")?.as_f64()?,
    })
}

/// A note -> an annotation.
pub(super) fn write_note(note: &Note) -> Value {
    let absent = absent_list(&note.extra);
    let mut m: Obj = note
        .extra
        .iter()
        .filter(|(k, _)| k.as_str() != ABSENT)
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let set = |m: &mut Obj, k: &str, v: Value| {
        if !absent.iter().any(|a| a == k) && !m.contains_key(k) {
            m.insert(k.into(), v);
        }
    };
    set(&mut m, "type", Value::String("default".into()));
    set(&mut m, "id", Value::String(note.id.clone()));
    set(&mut m, "content", Value::String(note.text.clone()));
    set(
        &mut m,
        "actionId",
        Value::String(note.node.clone().unwrap_or_default()),
    );
    set(&mut m, "position", position::write(note.position));
    if let Some(s) = note.size {
        let mut size = Obj::new();
        size.insert("height".into(), position::number(s.height));
        size.insert("width".into(), position::number(s.width));
        m.insert("size".into(), Value::Object(size));
    }
    set(&mut m, "isFolded", Value::Bool(false));
    Value::Object(m)
}

/// The `connect.absent` list of an extra map.
pub(super) fn absent_list(extra: &Extra) -> Vec<String> {
    strings_in(extra.get(ABSENT))
}
