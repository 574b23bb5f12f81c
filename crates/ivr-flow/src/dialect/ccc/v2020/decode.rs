//! A CCC 2020 Definition -> [`Flow`]: each activity becomes a block (a
//! mapped one when the mapping writes it back exactly, else a provider
//! block), each wired event a line.

use rustc_hash::FxHashSet as HashSet;

use serde_json::{Map, Value, json};

use super::blocks::{
    PROVIDER, X_ACTIVITY, X_DEFINITION, X_EVENT, X_EVENTS, X_INDEX, X_NO_EDGE_ID, X_PROPS, X_TYPE,
    block_of, event_to_port, type_of,
};
use super::encode::{Ids, edges_by_port, encode_activity, encode_events};
use crate::catalog::{self, PROVIDER_BLOCK};
use crate::dialect::ccc::shared::{decode_variables, params_from_props};
use crate::dialect::error::DecodeError;
use crate::dialect::fields;
use crate::dialect::position;
use crate::model::{Edge, Flow, FlowKind, Node, PortRef, Position};

const ACTIVITY_KEYS: [&str; 6] = ["type", "id", "name", "properties", "events", "nodeIndex"];

pub(super) fn decode_definition(
    def: &Value,
    kind: FlowKind,
    path: &str,
) -> Result<Flow, DecodeError> {
    let map = fields::object(def, "a Definition", || path.to_owned())?;
    let flow = definition_header(map, kind);
    let activities = fields::array(map, "activities", || path.to_owned())?
        .ok_or_else(|| DecodeError::invalid(path, "a Definition needs \"activities\""))?;
    decode_activities(flow, activities, kind, path, true)
}

/// A flow with a Definition's fields other than its activities.
pub(super) fn definition_header(map: &Map<String, Value>, kind: FlowKind) -> Flow {
    let mut flow = Flow {
        kind,
        ..Flow::default()
    };
    let mut other = Map::new();
    for (k, v) in map {
        match (k.as_str(), v) {
            ("activities", _) => {}
            ("description", Value::String(s)) => flow.description = s.clone(),
            ("variables", Value::Array(items)) => match decode_variables(items) {
                Some(vars) if !vars.is_empty() => flow.variables = vars,
                _ => {
                    other.insert(k.clone(), v.clone());
                }
            },
            _ => {
                other.insert(k.clone(), v.clone());
            }
        }
    }
    if !other.is_empty() {
        flow.extra.insert(X_DEFINITION.into(), Value::Object(other));
    }
    flow
}

/// Decodes each activity into `flow` (borrowed or owned: an owned one is
/// dropped as soon as it is read).
pub(super) fn decode_activities<A: std::borrow::Borrow<Value>>(
    flow: Flow,
    activities: impl IntoIterator<Item = A>,
    kind: FlowKind,
    path: &str,
    lay_out: bool,
) -> Result<Flow, DecodeError> {
    let read = activities
        .into_iter()
        .enumerate()
        .map(|(i, a)| decode_activity(a.borrow(), kind, &|| activity_path(path, i)));
    join_activities(flow, read, path, lay_out)
}

/// Activities from which a Definition still as text is read on two threads:
/// below it, starting the second costs more than it saves.
const TWO_THREADS_FROM: usize = 2_000;

/// [`decode_activities`] for activities still as raw JSON text, each parsed
/// only when it is read and dropped after. From [`TWO_THREADS_FROM`]
/// activities on, with a second core, each half is read on its own thread and
/// the halves joined in order: the flow, and the first error in document
/// order, are the same as reading them one after another (each half stops at
/// its first error; a second half is looked at only when the first had none).
pub(super) fn decode_raw_activities(
    flow: Flow,
    raw: &[&serde_json::value::RawValue],
    kind: FlowKind,
    path: &str,
    lay_out: bool,
) -> Result<Flow, DecodeError> {
    let two = raw.len() >= TWO_THREADS_FROM
        && std::thread::available_parallelism().map_or(1, |n| n.get()) > 1;
    let read = |first: usize, part: &[&serde_json::value::RawValue]| {
        let mut out = Vec::with_capacity(part.len());
        for (k, a) in part.iter().enumerate() {
            let value = serde_json::from_str::<Value>(a.get()).unwrap_or(Value::Null);
            let one = decode_activity(&value, kind, &|| activity_path(path, first + k));
            let failed = one.is_err();
            out.push(one);
            if failed {
                break;
            }
        }
        out
    };
    let decoded = if two {
        let (a, b) = raw.split_at(raw.len() / 2);
        std::thread::scope(|s| {
            // A thread the system will not give: the second half is read after the first.
            let second = std::thread::Builder::new().spawn_scoped(s, || read(a.len(), b));
            let mut all = read(0, a);
            if all.last().is_some_and(|r| r.is_err()) {
                return all;
            }
            match second {
                Ok(second) => all.extend(
                    second
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                ),
                Err(_) => all.extend(read(a.len(), b)),
            }
            all
        })
    } else {
        read(0, raw)
    };
    join_activities(flow, decoded.into_iter(), path, lay_out)
}

/// `$.activities[i]`, built only for an error.
fn activity_path(path: &str, i: usize) -> String {
    format!("{path}.activities[{i}]")
}

/// Puts the activities read, in order, into `flow`: the first that failed is
/// the error, and an id seen before is refused at the later activity.
fn join_activities(
    mut flow: Flow,
    decoded: impl Iterator<Item = Result<(Node, Vec<Edge>), DecodeError>>,
    path: &str,
    lay_out: bool,
) -> Result<Flow, DecodeError> {
    flow.nodes.reserve(decoded.size_hint().0);
    let mut seen = HashSet::default();
    for (i, one) in decoded.enumerate() {
        let (node, edges) = one?;
        if !seen.insert(node.id.clone()) {
            return Err(DecodeError::invalid(
                format!("{}.id", activity_path(path, i)),
                format!("another activity already has the id \"{}\"", node.id),
            ));
        }
        flow.nodes.push(node);
        flow.edges.extend(edges);
    }
    if lay_out {
        crate::spread::spread(&mut flow);
    }
    Ok(flow)
}

/// One activity's events, as read.
struct RawEvent<'a> {
    name: String,
    next: Option<String>,
    value: &'a Value,
}

fn decode_activity(
    a: &Value,
    kind: FlowKind,
    path: &dyn Fn() -> String,
) -> Result<(Node, Vec<Edge>), DecodeError> {
    let map = fields::object(a, "an activity", path)?;
    let ty = fields::string(map, "type", path)?
        .ok_or_else(|| DecodeError::invalid(path(), "the activity has no \"type\""))?
        .to_owned();
    let id = match map.get("id") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        Some(v) => {
            return Err(DecodeError::invalid(
                format!("{}.id", path()),
                format!("must be a non-empty string, not {v}"),
            ));
        }
        None => return Err(DecodeError::invalid(path(), "the activity has no \"id\"")),
    };
    let props = fields::object_field(map, "properties", path)?
        .cloned()
        .unwrap_or_default();
    let events = fields::array(map, "events", path)?.unwrap_or_default();
    let mut raw_events = Vec::with_capacity(events.len());
    let mut names = HashSet::default();
    for (j, e) in events.iter().enumerate() {
        // Built only for an error: most events have none.
        let epath = || format!("{}.events[{j}]", path());
        let em = fields::object(e, "an event", epath)?;
        let name = fields::string(em, "event", epath)?
            .ok_or_else(|| DecodeError::invalid(epath(), "the event has no \"event\" name"))?
            .to_owned();
        if !names.insert(name.clone()) {
            return Err(DecodeError::invalid(
                format!("{}.event", epath()),
                format!("the activity has two \"{name}\" events"),
            ));
        }
        let next = match em.get("next") {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Null) | None => None,
            Some(v) => {
                return Err(DecodeError::invalid(
                    format!("{}.next", epath()),
                    format!("must be an activity id (a string) or null, not {v}"),
                ));
            }
        };
        match em.get("edgeId") {
            // The console writes `"edgeId": null` on an event that leads nowhere.
            Some(Value::String(_) | Value::Null) | None => {}
            Some(v) => {
                return Err(DecodeError::invalid(
                    format!("{}.edgeId", epath()),
                    format!("must be a string or null, not {v}"),
                ));
            }
        }
        raw_events.push(RawEvent {
            name,
            next,
            value: e,
        });
    }

    // The parts every node keeps, whatever its block.
    let label = match map.get("name") {
        Some(Value::String(s)) => s.clone(),
        _ => String::new(),
    };
    let mut activity_other = Map::new();
    for (k, v) in map {
        let known = ACTIVITY_KEYS.contains(&k.as_str()) && (k != "name" || v.is_string());
        if !known {
            activity_other.insert(k.clone(), v.clone());
        }
    }
    let mut props_rest = props.clone();
    let position = match props.get("position").and_then(position::read) {
        Some(p) => {
            props_rest.remove("position");
            p
        }
        None => Position::default(),
    };
    let mut base = Node {
        id: id.clone(),
        label,
        position,
        ..Node::default()
    };
    if !activity_other.is_empty() {
        base.extra
            .insert(X_ACTIVITY.into(), Value::Object(activity_other));
    }
    if let Some(ix) = map.get("nodeIndex") {
        base.extra.insert(X_INDEX.into(), ix.clone());
    }

    if let Some((node, edges)) = try_known(&base, &ty, &props_rest, &raw_events, kind)
        && encode_activity(&node, &edges, kind, &Ids::identity())
            .is_ok_and(|written| same_as_written(&written, map))
    {
        return Ok((node, edges));
    }
    let (node, edges) = as_provider(base, &ty, props_rest, &raw_events);
    Ok((node, edges))
}

/// Whether `written` (an activity as encode writes it) is `a` as it came.
/// Most activities have every part encode writes, and compare as they are;
/// the rest are compared with their missing parts filled in.
fn same_as_written(written: &Value, a: &Map<String, Value>) -> bool {
    let complete = a.contains_key("name")
        && a.contains_key("events")
        && a.get("properties")
            .and_then(Value::as_object)
            .is_some_and(|p| p.contains_key("position"));
    match written {
        Value::Object(w) if complete => w == a,
        _ => *written == normalised(a),
    }
}

/// An activity as encode writes it back: a missing name, properties,
/// position or events list is written empty.
fn normalised(a: &Map<String, Value>) -> Value {
    let mut m = a.clone();
    m.entry("name").or_insert_with(|| json!(""));
    if let Value::Object(p) = m.entry("properties").or_insert_with(|| json!({})) {
        p.entry("position")
            .or_insert_with(|| json!({"x": 0, "y": 0}));
    }
    m.entry("events").or_insert_with(|| json!([]));
    Value::Object(m)
}

/// Decodes an activity of a mapped type; `None` when its events do not fit.
fn try_known(
    base: &Node,
    ty: &str,
    props: &Map<String, Value>,
    events: &[RawEvent<'_>],
    kind: FlowKind,
) -> Option<(Node, Vec<Edge>)> {
    let (block, function_kind) = block_of(ty, props)?;
    let spec = catalog::catalog().block(block)?;
    let mut node = base.clone();
    node.block = block.to_owned();
    let mut rest = props.clone();
    let params = params_from_props(block, function_kind, &mut rest);
    if node.params.is_empty() {
        node.params = params;
    } else {
        node.params.extend(params);
    }
    if !rest.is_empty() {
        node.extra.insert(X_PROPS.into(), Value::Object(rest));
    }
    if ty != type_of(block, function_kind, kind) {
        node.extra.insert(X_TYPE.into(), json!(ty));
    }
    let mut edges = Vec::new();
    let mut ports = HashSet::default();
    for e in events {
        match event_to_port(spec, &node, &e.name) {
            Some(port) => {
                if spec.terminal || !ports.insert(port.clone()) {
                    return None;
                }
                if let Some(next) = &e.next {
                    edges.push(edge_of(&node.id, port, next, &e.name, e.value));
                }
            }
            None if e.next.is_none() => {}
            None => return None,
        }
    }
    record_events(&mut node, &edges, events);
    Some((node, edges))
}

fn as_provider(
    mut node: Node,
    ty: &str,
    props: Map<String, Value>,
    events: &[RawEvent<'_>],
) -> (Node, Vec<Edge>) {
    node.block = PROVIDER_BLOCK.to_owned();
    node.extra.remove(X_TYPE);
    node.extra.remove(X_PROPS);
    node.params.insert("provider".into(), json!(PROVIDER));
    node.params.insert("type".into(), json!(ty));
    node.params.insert(
        "exits".into(),
        Value::Array(events.iter().map(|e| json!(e.name)).collect()),
    );
    node.params
        .insert("parameters".into(), Value::Object(props));
    let edges: Vec<Edge> = events
        .iter()
        .filter_map(|e| {
            e.next
                .as_ref()
                .map(|next| edge_of(&node.id, e.name.clone(), next, &e.name, e.value))
        })
        .collect();
    record_events(&mut node, &edges, events);
    (node, edges)
}

fn edge_of(from: &str, port: String, next: &str, event: &str, value: &Value) -> Edge {
    let mut edge = Edge {
        from: PortRef {
            node: from.to_owned(),
            port,
        },
        to: next.to_owned(),
        ..Edge::default()
    };
    match value.get("edgeId").and_then(Value::as_str) {
        Some(id) => edge.id = id.to_owned(),
        None => {
            edge.id = format!("{from}:{event}");
            edge.extra.insert(X_NO_EDGE_ID.into(), json!(true));
        }
    }
    if let Some(m) = value.as_object() {
        let other: Map<String, Value> = m
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "event" | "next" | "edgeId"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if !other.is_empty() {
            edge.extra.insert(X_EVENT.into(), Value::Object(other));
        }
    }
    edge
}

/// Records the events' order and spelling when the default would differ.
fn record_events(node: &mut Node, edges: &[Edge], events: &[RawEvent<'_>]) {
    let by_port = edges_by_port(edges.iter()).unwrap_or_default();
    let same = encode_events(node, &by_port, &Ids::identity()).is_ok_and(|written| {
        written.len() == events.len() && written.iter().zip(events).all(|(w, e)| w == e.value)
    });
    if same {
        return;
    }
    let record = events
        .iter()
        .map(|e| {
            let plain = e.next.is_some()
                || e.value
                    .as_object()
                    .is_some_and(|m| m.len() == 2 && m.get("next").is_some_and(Value::is_null));
            if plain {
                json!(e.name)
            } else {
                e.value.clone()
            }
        })
        .collect();
    node.extra.insert(X_EVENTS.into(), Value::Array(record));
}
