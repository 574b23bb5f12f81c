//! CCC 2017 Content + Canvas -> [`Flow`]: each node becomes a block (a
//! mapped one when the mapping writes it back exactly, else a provider
//! block), each line of the Canvas a line.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value, json};

use super::blocks::{
    PROVIDER, TYPES, X_BEGIN, X_CANVAS, X_END, X_ID, X_IMPLICIT_ID, X_LINE, X_NO_OFFSET,
    X_NO_POSITION, X_NO_VARIABLES, X_NODE, X_OFFSET, X_RELATED, X_REQUEST, module_id, type_to_kind,
    zero_offset,
};
use super::encode::encode_node;
use crate::catalog::PROVIDER_BLOCK;
use crate::dialect::ccc::shared::{decode_variables, params_from_props};
use crate::dialect::error::DecodeError;
use crate::dialect::fields;
use crate::dialect::position;
use crate::model::{Edge, Flow, Node};

const NODE_KEYS: [&str; 4] = ["nodeType", "nodeDescript", "id", "position"];

pub(super) fn decode_document(doc: &Value, path: &str) -> Result<Flow, DecodeError> {
    let Value::Object(map) = doc else {
        let shape = r#"{"Content": [...], "Canvas": {...}}"#;
        return Err(fields::expected(path, shape, doc));
    };
    let content_path = format!("{path}.Content");
    let canvas_path = format!("{path}.Canvas");
    let content = match map.get("Content") {
        Some(v) => parse_part(v, &content_path)?,
        None => return Err(DecodeError::invalid(path, "the document has no Content")),
    };
    let canvas = match map.get("Canvas") {
        Some(v) => parse_part(v, &canvas_path)?,
        None => return Err(DecodeError::invalid(path, "the document has no Canvas")),
    };
    let mut flow = Flow::default();
    let rest = take_header(
        &mut flow,
        map,
        ["Name", "Description"],
        &["Content", "Canvas"],
    );
    if !rest.is_empty() {
        flow.extra.insert(X_REQUEST.into(), Value::Object(rest));
    }
    let Value::Array(nodes) = &content else {
        return Err(fields::must_be(
            content_path,
            "Content",
            "an array of nodes",
            &content,
        ));
    };
    let mut seen = HashSet::new();
    let mut first_start = true;
    for (i, n) in nodes.iter().enumerate() {
        let npath = format!("{content_path}[{i}]");
        let node = decode_node(n, i, &npath, &mut flow, &mut first_start)?;
        if !seen.insert(node.id.clone()) {
            return Err(DecodeError::invalid(
                npath,
                format!("another node is module {} too", node.id),
            ));
        }
        flow.nodes.push(node);
    }
    let canvas_map = fields::object(&canvas, "Canvas", || canvas_path.clone())?;
    let mut canvas_rest = Map::new();
    for (k, v) in canvas_map {
        if k != "lineList" {
            canvas_rest.insert(k.clone(), v.clone());
        }
    }
    if !canvas_rest.is_empty() {
        flow.extra
            .insert(X_CANVAS.into(), Value::Object(canvas_rest));
    }
    let lines = fields::array(canvas_map, "lineList", || canvas_path.clone())?.unwrap_or_default();
    for (i, l) in lines.iter().enumerate() {
        let edge = decode_line(l, i, &format!("{canvas_path}.lineList[{i}]"))?;
        flow.edges.push(edge);
    }
    // Provider blocks' exits are the exits their lines leave from.
    for node in &mut flow.nodes {
        if node.block != PROVIDER_BLOCK {
            continue;
        }
        let mut exits: Vec<Value> = Vec::new();
        for e in flow.edges.iter().filter(|e| e.from.node == node.id) {
            let port = json!(e.from.port);
            if !exits.contains(&port) {
                exits.push(port);
            }
        }
        node.params.insert("exits".into(), Value::Array(exits));
    }
    crate::spread::spread(&mut flow);
    Ok(flow)
}

fn decode_node(
    n: &Value,
    index: usize,
    path: &str,
    flow: &mut Flow,
    first_start: &mut bool,
) -> Result<Node, DecodeError> {
    let map = fields::object(n, "a node", || path.to_owned())?;
    let ty = fields::string(map, "nodeType", || path.to_owned())?
        .ok_or_else(|| DecodeError::invalid(path, "the node has no \"nodeType\""))?
        .to_owned();
    let mut base = Node::default();
    match map.get("id") {
        Some(v) => {
            let (id, canonical) = module_id(v, &format!("{path}.id"))?;
            base.id = id;
            // A module written as a string is kept as one, even if it is
            // not a number (encode numbers only ids drawn in IVR Studio).
            if !canonical || v.is_string() {
                base.extra.insert(X_ID.into(), v.clone());
            }
        }
        None => {
            base.id = (index + 1).to_string();
            base.extra.insert(X_IMPLICIT_ID.into(), json!(true));
        }
    }
    let mut fields = Map::new();
    for (k, v) in map {
        if !NODE_KEYS.contains(&k.as_str()) {
            fields.insert(k.clone(), v.clone());
        }
    }
    match map.get("nodeDescript") {
        Some(Value::String(s)) => base.label = s.clone(),
        Some(other) => {
            fields.insert("nodeDescript".into(), other.clone());
        }
        None => {}
    }
    match map.get("position") {
        None => {
            base.extra.insert(X_NO_POSITION.into(), json!(true));
        }
        Some(p) => match position::read(p) {
            Some(pos) => base.position = pos,
            None => {
                fields.insert("position".into(), p.clone());
            }
        },
    }
    // The first start node's variables are the flow's.
    let mut took_variables = false;
    if ty == "start" && *first_start {
        *first_start = false;
        match fields.get("variables") {
            None => {
                base.extra.insert(X_NO_VARIABLES.into(), json!(true));
            }
            Some(Value::Array(items)) => {
                if let Some(vars) = decode_variables(items) {
                    flow.variables = vars;
                    fields.remove("variables");
                    took_variables = true;
                }
            }
            Some(_) => {}
        }
    }

    let original = normalised(map, took_variables);
    if let Some(node) = try_known(&base, &ty, &fields)
        && encode_node(&node, &HashMap::new(), index, None)
            .ok()
            .as_ref()
            == Some(&original)
    {
        return Ok(node);
    }
    // Kept whole: an odd nodeDescript or position stays among the fields,
    // and so do variables, since only a start block writes the flow's.
    if took_variables {
        if let Some(v) = map.get("variables") {
            fields.insert("variables".into(), v.clone());
        }
        flow.variables.clear();
    }
    let mut node = base;
    node.block = PROVIDER_BLOCK.to_owned();
    node.params.insert("provider".into(), json!(PROVIDER));
    node.params.insert("type".into(), json!(ty));
    node.params.insert("exits".into(), json!([]));
    node.params
        .insert("parameters".into(), Value::Object(fields));
    Ok(node)
}

/// The node as encode writes it back, leaving out the start node's
/// `variables`, which are checked with the flow's.
fn normalised(map: &Map<String, Value>, took_variables: bool) -> Value {
    let mut m = map.clone();
    if took_variables {
        m.remove("variables");
    }
    m.entry("nodeDescript").or_insert_with(|| json!(""));
    Value::Object(m)
}

fn try_known(base: &Node, ty: &str, fields: &Map<String, Value>) -> Option<Node> {
    let &(_, block, function_kind) = TYPES.iter().find(|(t, _, _)| *t == ty)?;
    let mut node = base.clone();
    node.block = block.to_owned();
    let mut rest = fields.clone();
    node.params = params_from_props(block, function_kind, &mut rest);
    if !rest.is_empty() {
        node.extra.insert(X_NODE.into(), Value::Object(rest));
    }
    Some(node)
}

fn decode_line(l: &Value, index: usize, path: &str) -> Result<Edge, DecodeError> {
    let map = fields::object(l, "a line", || path.to_owned())?;
    let rm_path = format!("{path}.relatedModules");
    let rm = fields::object_field(map, "relatedModules", || path.to_owned())?
        .ok_or_else(|| DecodeError::invalid(path, "the line has no \"relatedModules\""))?;
    let mut edge = Edge {
        id: format!("l{}", index + 1),
        ..Edge::default()
    };
    for (key, x_key) in [("begin", X_BEGIN), ("end", X_END)] {
        let Some(v) = rm.get(key) else {
            return Err(DecodeError::invalid(
                rm_path.clone(),
                format!("the line has no \"{key}\" module"),
            ));
        };
        let (id, canonical) = module_id(v, &format!("{rm_path}.{key}"))?;
        if !canonical {
            edge.extra.insert(x_key.into(), v.clone());
        }
        if key == "begin" {
            edge.from.node = id;
        } else {
            edge.to = id;
        }
    }
    edge.from.port = match rm.get("branch") {
        Some(Value::String(b)) if b != "next" && !b.is_empty() => b.clone(),
        _ => "next".to_owned(),
    };
    let mut rm_rest = Map::new();
    for (k, v) in rm {
        let written = matches!(k.as_str(), "begin" | "end")
            || (k == "branch" && matches!(v, Value::String(s) if s != "next" && !s.is_empty()));
        if !written {
            rm_rest.insert(k.clone(), v.clone());
        }
    }
    if !rm_rest.is_empty() {
        edge.extra.insert(X_RELATED.into(), Value::Object(rm_rest));
    }
    match map.get("offsetEndPonit") {
        None => {
            edge.extra.insert(X_NO_OFFSET.into(), json!(true));
        }
        Some(o) if *o == zero_offset() => {}
        Some(o) => {
            edge.extra.insert(X_OFFSET.into(), o.clone());
        }
    }
    let mut rest = Map::new();
    for (k, v) in map {
        if k != "relatedModules" && k != "offsetEndPonit" {
            rest.insert(k.clone(), v.clone());
        }
    }
    if !rest.is_empty() {
        edge.extra.insert(X_LINE.into(), Value::Object(rest));
    }
    Ok(edge)
}

fn parse_part(v: &Value, path: &str) -> Result<Value, DecodeError> {
    match v {
        Value::String(s) => serde_json::from_str(s).map_err(|e| {
            DecodeError::invalid(
                path,
                format!(
                    "the string is not JSON (line {}, column {}): {e}",
                    e.line(),
                    e.column()
                ),
            )
        }),
        other => Ok(other.clone()),
    }
}

/// Takes a flow's name and description (under `[name, description]`) and its
/// kind (`Type`) from `map`, skipping `skip`: what is left is returned, to be
/// kept.
pub(super) fn take_header(
    flow: &mut Flow,
    map: &Map<String, Value>,
    [name, description]: [&str; 2],
    skip: &[&str],
) -> Map<String, Value> {
    let mut rest = Map::new();
    for (k, v) in map {
        let kind = v.as_str().and_then(type_to_kind);
        match v {
            _ if skip.contains(&k.as_str()) => {}
            Value::String(s) if k == name => flow.name = s.clone(),
            Value::String(s) if k == description => flow.description = s.clone(),
            _ if k == "Type" && kind.is_some() => flow.kind = kind.unwrap_or_default(),
            _ => {
                rest.insert(k.clone(), v.clone());
            }
        }
    }
    rest
}
