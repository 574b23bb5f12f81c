//! [`Flow`] -> a CCC 2020 Definition: each block becomes its activity, each
//! line an event; kept fields go back where they came from, and ids that are
//! not CCC's are replaced by ones derived from them.

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use serde_json::{Map, Value, json};

use super::blocks::{
    PROVIDER, X_ACTIVITY, X_DEFINITION, X_EVENT, X_EVENTS, X_INDEX, X_NO_EDGE_ID, X_PROPS, X_TYPE,
    block_of, event_to_port, port_to_event, type_of,
};
use crate::catalog::{self, BlockSpec, PROVIDER_BLOCK};
use crate::dialect::ccc::shared::{encode_variables, props_from_params};
use crate::dialect::error::EncodeError;
use crate::dialect::position;
use crate::model::{Edge, Flow, FlowKind, Node, Position, Provider};

/// Writes the flow as a CCC 2020 Definition object.
pub(super) fn definition(flow: &Flow) -> Result<Value, EncodeError> {
    let flow = &*crate::spread::restore(flow);
    let ids = Ids::assign(flow);
    let mut by_node: HashMap<&str, Vec<&Edge>> = HashMap::default();
    for e in &flow.edges {
        by_node.entry(e.from.node.as_str()).or_default().push(e);
    }
    let indexes = node_indexes(&flow.nodes);
    let mut activities = Vec::with_capacity(flow.nodes.len());
    for (node, index) in flow.nodes.iter().zip(indexes) {
        let edges: Vec<Edge> = by_node
            .get(node.id.as_str())
            .map(|v| v.iter().map(|e| (*e).clone()).collect())
            .unwrap_or_default();
        let mut activity = encode_activity(node, &edges, flow.kind, &ids)?;
        if let (Some(ix), Value::Object(m)) = (index, &mut activity) {
            m.insert("nodeIndex".into(), json!(ix));
        }
        activities.push(activity);
    }
    let known: HashSet<&str> = flow.nodes.iter().map(|n| n.id.as_str()).collect();
    for e in &flow.edges {
        if !known.contains(e.from.node.as_str()) {
            return Err(EncodeError::Other(format!(
                "line {} starts at block {}, which is not in the flow",
                e.id, e.from.node
            )));
        }
    }
    let mut out = Map::new();
    out.insert("activities".into(), Value::Array(activities));
    out.insert("description".into(), json!(flow.description));
    if !flow.variables.is_empty() {
        out.insert("variables".into(), encode_variables(&flow.variables));
    }
    if let Some(Value::Object(other)) = flow.extra.get(X_DEFINITION) {
        for (k, v) in other {
            out.insert(k.clone(), v.clone());
        }
    }
    Ok(Value::Object(out))
}

/// Node indexes for nodes that have none: the lowest free ones, in order.
/// `None` for nodes whose `aliyun.nodeIndex` is kept as it is.
fn node_indexes(nodes: &[Node]) -> Vec<Option<u64>> {
    let mut used: HashSet<u64> = nodes
        .iter()
        .filter_map(|n| n.extra.get(X_INDEX).and_then(Value::as_u64))
        .collect();
    let mut next = 0u64;
    nodes
        .iter()
        .map(|n| {
            if n.extra.contains_key(X_INDEX) {
                return None;
            }
            while used.contains(&next) {
                next += 1;
            }
            used.insert(next);
            Some(next)
        })
        .collect()
}

/// Id renaming for encode: ids of 8 hex digits stay, others are derived.
pub(super) struct Ids {
    nodes: HashMap<String, String>,
    edges: HashMap<String, String>,
}

impl Ids {
    pub(super) fn identity() -> Ids {
        Ids {
            nodes: HashMap::default(),
            edges: HashMap::default(),
        }
    }

    /// Node ids and edge ids are renamed apart, but never to an id either
    /// kind already has, since the console draws both on one canvas.
    fn assign(flow: &Flow) -> Ids {
        let mut used: HashSet<String> = flow
            .nodes
            .iter()
            .map(|n| n.id.clone())
            .chain(flow.edges.iter().map(|e| e.id.clone()))
            // A line that leads nowhere keeps leading nowhere.
            .chain(flow.edges.iter().map(|e| e.to.clone()))
            .filter(|id| is_hex8(id))
            .collect();
        let mut rename = |ids: &mut dyn Iterator<Item = &str>| {
            let mut map = HashMap::default();
            for id in ids {
                if is_hex8(id) || map.contains_key(id) {
                    continue;
                }
                let mut salt = 0u32;
                let new = loop {
                    let candidate = format!("{:08x}", fnv1a(id, salt));
                    if used.insert(candidate.clone()) {
                        break candidate;
                    }
                    salt += 1;
                };
                map.insert(id.to_owned(), new);
            }
            map
        };
        let nodes = rename(&mut flow.nodes.iter().map(|n| n.id.as_str()));
        let edges = rename(&mut flow.edges.iter().map(|e| e.id.as_str()));
        Ids { nodes, edges }
    }

    fn node<'a>(&'a self, id: &'a str) -> &'a str {
        self.nodes.get(id).map_or(id, String::as_str)
    }
}

/// The id each block of `flow` has in the Definition CCC is sent (ids of 8
/// hex digits as they are, others derived from them): what a block is called
/// when the flow comes back from CCC, so a diff can match it to its own.
pub fn block_ids(flow: &Flow) -> HashMap<String, String> {
    let ids = Ids::assign(flow);
    flow.nodes
        .iter()
        .map(|n| (n.id.clone(), ids.node(&n.id).to_owned()))
        .collect()
}

impl Ids {
    fn edge<'a>(&'a self, id: &'a str) -> &'a str {
        self.edges.get(id).map_or(id, String::as_str)
    }
}

fn is_hex8(s: &str) -> bool {
    s.len() == 8 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

fn fnv1a(s: &str, salt: u32) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in s.bytes().chain(salt.to_le_bytes()) {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

pub(super) fn edges_by_port<'a>(
    edges: impl Iterator<Item = &'a Edge>,
) -> Result<BTreeMap<String, &'a Edge>, EncodeError> {
    let mut out = BTreeMap::new();
    for e in edges {
        if out.insert(e.from.port.clone(), e).is_some() {
            return Err(EncodeError::Other(format!(
                "block {} has two lines from its exit \"{}\"; a CCC event has one next block",
                e.from.node, e.from.port
            )));
        }
    }
    Ok(out)
}

fn spec_for(node: &Node) -> Result<&'static BlockSpec, EncodeError> {
    let spec = catalog::catalog().block(&node.block).ok_or_else(|| {
        EncodeError::Other(format!(
            "block {} is a \"{}\", which the catalog does not know",
            node.id, node.block
        ))
    })?;
    if !spec.providers.contains(&Provider::Aliyun) {
        return Err(unsupported(node));
    }
    Ok(spec)
}

fn unsupported(node: &Node) -> EncodeError {
    EncodeError::Unsupported {
        node: node.id.clone(),
        block: node.block.clone(),
        target: Provider::Aliyun,
    }
}

pub(super) fn encode_activity(
    node: &Node,
    edges: &[Edge],
    kind: FlowKind,
    ids: &Ids,
) -> Result<Value, EncodeError> {
    let spec = spec_for(node)?;
    let (ty, mut props) = if spec.id == PROVIDER_BLOCK {
        if node.params.get("provider").and_then(Value::as_str) != Some(PROVIDER) {
            return Err(unsupported(node));
        }
        let ty = match node.params.get("type").and_then(Value::as_str) {
            Some(t) if !t.is_empty() => t.to_owned(),
            _ => {
                return Err(EncodeError::Other(format!(
                    "provider block {} has no activity type",
                    node.id
                )));
            }
        };
        let props = match node.params.get("parameters") {
            Some(Value::Object(p)) => p.clone(),
            None | Some(Value::Null) => Map::new(),
            Some(_) => {
                return Err(EncodeError::Other(format!(
                    "provider block {}: parameters must be an object",
                    node.id
                )));
            }
        };
        (ty, props)
    } else {
        encode_known(node, spec, kind)?
    };
    let keep_raw_position = props.contains_key("position") && node.position == Position::default();
    if !keep_raw_position {
        props.insert("position".into(), position::write(node.position));
    }
    let by_port = edges_by_port(edges.iter())?;
    let events = encode_events(node, &by_port, ids)?;
    let mut out = Map::new();
    out.insert("type".into(), json!(ty));
    out.insert("id".into(), json!(ids.node(&node.id)));
    out.insert("name".into(), json!(node.label));
    out.insert("properties".into(), Value::Object(props));
    out.insert("events".into(), Value::Array(events));
    if let Some(ix) = node.extra.get(X_INDEX) {
        out.insert("nodeIndex".into(), ix.clone());
    }
    if let Some(Value::Object(other)) = node.extra.get(X_ACTIVITY) {
        for (k, v) in other {
            out.insert(k.clone(), v.clone());
        }
    }
    Ok(Value::Object(out))
}

fn encode_known(
    node: &Node,
    spec: &BlockSpec,
    kind: FlowKind,
) -> Result<(String, Map<String, Value>), EncodeError> {
    let function_kind = if spec.id == "invoke_function" {
        match node.params.get("function_kind").and_then(Value::as_str) {
            Some(k @ ("function_compute" | "http")) => Some(k),
            _ => return Err(unsupported(node)),
        }
    } else {
        None
    };
    let mut ty = type_of(&spec.id, function_kind, kind).to_owned();
    if ty.is_empty() {
        return Err(unsupported(node));
    }
    if let Some(recorded) = node.extra.get(X_TYPE).and_then(Value::as_str)
        && block_of(recorded, &Map::new()).is_some_and(|(b, _)| b == spec.id)
    {
        ty = recorded.to_owned();
    }
    let mut props = match node.extra.get(X_PROPS) {
        Some(Value::Object(p)) => p.clone(),
        _ => Map::new(),
    };
    props_from_params(node, &spec.id, function_kind, &mut props);
    // The property that tells the block apart from its sibling.
    if spec.id == "menu" && !props.contains_key("keys") {
        props.insert("keys".into(), json!([]));
    }
    if spec.id == "transfer_agent" && !props.contains_key("agentId") {
        props.insert("agentId".into(), json!(""));
    }
    if spec.id == "collect_digits" {
        props.remove("keys");
    }
    if spec.id == "transfer_queue" {
        props.remove("agentId");
    }
    Ok((ty, props))
}

pub(super) fn encode_events(
    node: &Node,
    by_port: &BTreeMap<String, &Edge>,
    ids: &Ids,
) -> Result<Vec<Value>, EncodeError> {
    let spec = spec_for(node)?;
    let ports: Vec<(String, bool)> = if spec.id == PROVIDER_BLOCK {
        node.params
            .get("exits")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(|s| (s.to_owned(), false))
                    .collect()
            })
            .unwrap_or_default()
    } else {
        spec.ports_of(node)
            .into_iter()
            .map(|p| (p.id.into_owned(), p.required))
            .collect()
    };
    for port in by_port.keys() {
        if !ports.iter().any(|(p, _)| p == port) {
            return Err(EncodeError::Other(format!(
                "block {} ({}) has a line from \"{port}\", which is not one of its exits",
                node.id, node.block
            )));
        }
    }
    let wired = |name: &str, edge: &Edge| -> Value {
        let mut m = Map::new();
        m.insert("event".into(), json!(name));
        m.insert("next".into(), json!(ids.node(&edge.to)));
        if edge.extra.get(X_NO_EDGE_ID) != Some(&Value::Bool(true)) {
            m.insert("edgeId".into(), json!(ids.edge(&edge.id)));
        }
        if let Some(Value::Object(other)) = edge.extra.get(X_EVENT) {
            for (k, v) in other {
                m.insert(k.clone(), v.clone());
            }
        }
        Value::Object(m)
    };
    let unwired = |name: &str| json!({"event": name, "next": null});
    let mut out = Vec::new();
    if let Some(Value::Array(record)) = node.extra.get(X_EVENTS) {
        let mut done = HashSet::default();
        for entry in record {
            let name = match entry {
                Value::String(s) => s.as_str(),
                other => other.get("event").and_then(Value::as_str).unwrap_or(""),
            };
            let port = event_to_port(spec, node, name);
            match port {
                Some(port) => {
                    if !done.insert(port.clone()) {
                        continue;
                    }
                    if let Some(edge) = by_port.get(&port) {
                        out.push(wired(name, edge));
                    } else if entry.is_string() {
                        out.push(unwired(name));
                    } else {
                        out.push(entry.clone());
                    }
                }
                None if entry.is_string() => out.push(unwired(name)),
                None => out.push(entry.clone()),
            }
        }
        for (port, _) in &ports {
            if !done.contains(port)
                && let Some(edge) = by_port.get(port)
            {
                out.push(wired(&port_to_event(&spec.id, port), edge));
            }
        }
        return Ok(out);
    }
    if spec.terminal {
        return Ok(vec![unwired("complete")]);
    }
    for (port, required) in &ports {
        let name = port_to_event(&spec.id, port);
        match by_port.get(port) {
            Some(edge) => out.push(wired(&name, edge)),
            None if *required || spec.id == PROVIDER_BLOCK => out.push(unwired(&name)),
            None => {}
        }
    }
    Ok(out)
}
