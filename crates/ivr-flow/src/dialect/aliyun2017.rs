//! Alibaba Cloud CCC, API 2017-07-05: `Content` (a JSON array of nodes) +
//! `Canvas` (`{"lineList": [...]}`) <-> [`Flow`].
//!
//! # Inputs
//! [`decode`] accepts `{"Content": [...], "Canvas": {...}}`, the same with
//! Content and Canvas as JSON strings (the CreateContactFlow request's form
//! parameters; its `Name`, `Type` and `Description` are read too), a
//! `ContactFlowVersion` item (`{ContactFlowVersionId, Content, Canvas, ...}`)
//! and a CreateContactFlow response (`{"ContactFlow": {..., "Versions":
//! {"ContactFlowVersion": [...]}}}` or `"Versions": [...]`; the first
//! version is read, [`decode_all`] reads them all). [`encode`] returns
//! `{"Content": [...], "Canvas": {...}}`; [`encode_request`] returns the
//! CreateContactFlow parameters `{Name, Type, Description, Content: "<json>",
//! Canvas: "<json>"}`.
//!
//! # What the public example shows, and what is ours
//! The only public example (the CreateContactFlow reference) has one Content
//! node, `{"nodeType": "start", "nodeDescript": "开始", "variables":
//! [{varName, varType, varInitial, varDescript}]}`, and lines between
//! modules `1`, `7` and `999` whose nodes it leaves out. So:
//! - a node's module number is its `id` field, or, without one, its 1-based
//!   place in Content (the example's start node is module 1);
//! - `nodeDescript` is the node's label, the start node's `variables` are the
//!   flow's variables;
//! - a line is an edge from `relatedModules.begin` to `relatedModules.end`;
//!   `relatedModules.branch` (ours) names the exit when it is not `next`;
//!   `offsetEndPonit` (the API's spelling) is kept on the edge;
//! - lines to or from modules that are not in Content are kept as dangling
//!   edges, for validation to report.
//!
//! Node types other than `start`, their fields, and `position` are ours:
//! | nodeType | block |
//! |---|---|
//! | start | start |
//! | playVoice | play_prompt |
//! | menu | menu |
//! | collectDigits | collect_digits |
//! | condition | branch |
//! | setVariable | set_variables |
//! | transferSkillGroup | transfer_queue |
//! | transferAgent | transfer_agent |
//! | transferPhone | transfer_external |
//! | voiceMail | voicemail |
//! | sms | send_sms |
//! | functionCompute | invoke_function (function_compute) |
//! | http | invoke_function (http) |
//! | subflow | sub_flow |
//! | hangup | hang_up |
//! | end | end_flow |
//!
//! Parameters use the field names of the CCC 2020 dialect's properties
//! (`say`, `audioType`, `skillGroupId`, ... see [`super::aliyun`]). Any other
//! nodeType becomes a `provider` block, `params = {provider: "aliyun2017",
//! type, exits: [the exits its lines leave from], parameters: {its fields
//! but nodeType, nodeDescript, id, position}}`.
//!
//! # What is kept, and where
//! Each decoded node is re-encoded at once and compared with the original;
//! if they differ it is kept as a provider block instead. Kept verbatim:
//! - node: `aliyun2017.node` (fields not mapped), `aliyun2017.id` (the `id`
//!   as written, when it is not a plain number), `aliyun2017.implicitId`
//!   (the node had no `id`), `aliyun2017.noPosition`, `aliyun2017.noVariables`;
//! - edge: `aliyun2017.line` (other line keys), `aliyun2017.relatedModules`
//!   (other relatedModules keys), `aliyun2017.offsetEndPonit` (unless it is
//!   zero), `aliyun2017.noOffset` (the line had none), `aliyun2017.begin` /
//!   `aliyun2017.end` (the module as written, when not a plain number);
//! - flow: `aliyun2017.canvas` (other Canvas keys), `aliyun2017.request`
//!   (other top-level keys), `aliyun2017.contactFlow` and
//!   `aliyun2017.version` (the response's metadata).
//!
//! # Normalisations
//! `encode(decode(x))` equals `x` but for these: a node without
//! `nodeDescript` gets `""`; a Canvas without `lineList` gets `[]`. Numbers
//! are compared by value.
//!
//! # Ids
//! Module numbers stay; a node whose id is not a number (a flow drawn in
//! IVR Studio) gets the next free number on encode. Line ids are made up
//! (`l1`, `l2`, ...): the API has none.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value, json};

use super::aliyun::{
    decode_variables, encode_variables, json_bytes, number_value, params_from_props,
    props_from_params,
};
use crate::catalog::{self, PROVIDER_BLOCK};
use crate::dialect::error::{DecodeError, EncodeError};
use crate::json::kind_of;
use crate::model::{Edge, Flow, FlowKind, Node, Position, Provider};

/// The provider name in provider blocks' `params.provider`.
pub const PROVIDER: &str = "aliyun2017";

const X_NODE: &str = "aliyun2017.node";
const X_ID: &str = "aliyun2017.id";
const X_IMPLICIT_ID: &str = "aliyun2017.implicitId";
const X_NO_POSITION: &str = "aliyun2017.noPosition";
const X_NO_VARIABLES: &str = "aliyun2017.noVariables";
const X_LINE: &str = "aliyun2017.line";
const X_RELATED: &str = "aliyun2017.relatedModules";
const X_OFFSET: &str = "aliyun2017.offsetEndPonit";
const X_NO_OFFSET: &str = "aliyun2017.noOffset";
const X_BEGIN: &str = "aliyun2017.begin";
const X_END: &str = "aliyun2017.end";
const X_CANVAS: &str = "aliyun2017.canvas";
const X_REQUEST: &str = "aliyun2017.request";
const X_CONTACT_FLOW: &str = "aliyun2017.contactFlow";
const X_VERSION: &str = "aliyun2017.version";

const NODE_KEYS: [&str; 4] = ["nodeType", "nodeDescript", "id", "position"];

/// nodeType <-> block (and the function kind the type fixes).
const TYPES: [(&str, &str, Option<&str>); 16] = [
    ("start", "start", None),
    ("playVoice", "play_prompt", None),
    ("menu", "menu", None),
    ("collectDigits", "collect_digits", None),
    ("condition", "branch", None),
    ("setVariable", "set_variables", None),
    ("transferSkillGroup", "transfer_queue", None),
    ("transferAgent", "transfer_agent", None),
    ("transferPhone", "transfer_external", None),
    ("voiceMail", "voicemail", None),
    ("sms", "send_sms", None),
    (
        "functionCompute",
        "invoke_function",
        Some("function_compute"),
    ),
    ("http", "invoke_function", Some("http")),
    ("subflow", "sub_flow", None),
    ("hangup", "hang_up", None),
    ("end", "end_flow", None),
];

// ---------------------------------------------------------------------------
// Detection and wrappers

/// Whether `value` is a CCC 2017 Content + Canvas document or a
/// CreateContactFlow response carrying one.
pub fn detect(value: &Value) -> bool {
    let Value::Object(map) = value else {
        return false;
    };
    (map.contains_key("Content") && map.contains_key("Canvas"))
        || map
            .get("ContactFlow")
            .is_some_and(|c| c.get("Versions").is_some())
}

/// Reads a Content + Canvas document, or the first version of a response.
pub fn decode(value: &Value) -> Result<Flow, DecodeError> {
    match versions_of(value)? {
        Some((meta, versions)) => {
            let Some(first) = versions.first() else {
                return Err(DecodeError::invalid(
                    versions_path(value),
                    "the contact flow has no version",
                ));
            };
            decode_version(meta, first, &format!("{}[0]", versions_path(value)))
        }
        None => decode_document(value, "$"),
    }
}

/// Reads every version of a CreateContactFlow response (or the one flow of
/// any other accepted input).
pub fn decode_all(value: &Value) -> Result<Vec<Flow>, DecodeError> {
    match versions_of(value)? {
        Some((meta, versions)) => versions
            .iter()
            .enumerate()
            .map(|(i, v)| decode_version(meta, v, &format!("{}[{i}]", versions_path(value))))
            .collect(),
        None => decode_document(value, "$").map(|f| vec![f]),
    }
}

fn versions_path(value: &Value) -> &'static str {
    match value.pointer("/ContactFlow/Versions") {
        Some(Value::Array(_)) => "$.ContactFlow.Versions",
        _ => "$.ContactFlow.Versions.ContactFlowVersion",
    }
}

type Versions<'a> = (&'a Map<String, Value>, &'a Vec<Value>);

fn versions_of(value: &Value) -> Result<Option<Versions<'_>>, DecodeError> {
    let Some(cf) = value.get("ContactFlow") else {
        return Ok(None);
    };
    if value.get("Content").is_some() {
        return Ok(None);
    }
    let Value::Object(meta) = cf else {
        return Err(DecodeError::invalid(
            "$.ContactFlow",
            format!("must be an object, not {}", kind_of(cf)),
        ));
    };
    match meta.get("Versions") {
        Some(Value::Array(v)) => Ok(Some((meta, v))),
        Some(Value::Object(o)) => match o.get("ContactFlowVersion") {
            Some(Value::Array(v)) => Ok(Some((meta, v))),
            _ => Err(DecodeError::invalid(
                "$.ContactFlow.Versions.ContactFlowVersion",
                "must be an array of versions",
            )),
        },
        _ => Err(DecodeError::invalid(
            "$.ContactFlow.Versions",
            "a CreateContactFlow response needs ContactFlow.Versions",
        )),
    }
}

fn decode_version(
    meta: &Map<String, Value>,
    version: &Value,
    path: &str,
) -> Result<Flow, DecodeError> {
    let mut flow = decode_document(version, path)?;
    // A version item's other keys are version metadata, not request fields.
    if let Some(v) = flow.extra.remove(X_REQUEST) {
        flow.extra.insert(X_VERSION.into(), v);
    }
    let mut rest = Map::new();
    for (k, v) in meta {
        match (k.as_str(), v) {
            ("Versions", _) => {}
            ("ContactFlowName", Value::String(s)) => flow.name = s.clone(),
            ("ContactFlowDescription", Value::String(s)) => flow.description = s.clone(),
            ("Type", Value::String(s)) if type_to_kind(s).is_some() => {
                flow.kind = type_to_kind(s).unwrap_or_default();
            }
            _ => {
                rest.insert(k.clone(), v.clone());
            }
        }
    }
    if !rest.is_empty() {
        flow.extra
            .insert(X_CONTACT_FLOW.into(), Value::Object(rest));
    }
    Ok(flow)
}

/// The flow kind of a 2017 `Type`.
pub fn type_to_kind(ty: &str) -> Option<FlowKind> {
    match ty {
        "Mainflow" => Some(FlowKind::Main),
        _ => None,
    }
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

fn decode_document(doc: &Value, path: &str) -> Result<Flow, DecodeError> {
    let Value::Object(map) = doc else {
        return Err(DecodeError::invalid(
            path,
            format!(
                "expected {{\"Content\": [...], \"Canvas\": {{...}}}}, not {}",
                kind_of(doc)
            ),
        ));
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
    let mut rest = Map::new();
    for (k, v) in map {
        match (k.as_str(), v) {
            ("Content" | "Canvas", _) => {}
            ("Name", Value::String(s)) => flow.name = s.clone(),
            ("Description", Value::String(s)) => flow.description = s.clone(),
            ("Type", Value::String(s)) if type_to_kind(s).is_some() => {
                flow.kind = type_to_kind(s).unwrap_or_default();
            }
            _ => {
                rest.insert(k.clone(), v.clone());
            }
        }
    }
    if !rest.is_empty() {
        flow.extra.insert(X_REQUEST.into(), Value::Object(rest));
    }
    let Value::Array(nodes) = &content else {
        return Err(DecodeError::invalid(
            content_path,
            format!(
                "Content must be an array of nodes, not {}",
                kind_of(&content)
            ),
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
    let Value::Object(canvas_map) = &canvas else {
        return Err(DecodeError::invalid(
            canvas_path,
            format!("Canvas must be an object, not {}", kind_of(&canvas)),
        ));
    };
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
    let lines = match canvas_map.get("lineList") {
        Some(Value::Array(l)) => l.as_slice(),
        None => &[],
        Some(v) => {
            return Err(DecodeError::invalid(
                format!("{canvas_path}.lineList"),
                format!("must be an array, not {}", kind_of(v)),
            ));
        }
    };
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

/// A module number as text, and whether writing it back gives the same JSON.
fn module_id(v: &Value, path: &str) -> Result<(String, bool), DecodeError> {
    let s = match v {
        Value::String(s) if !s.is_empty() => s.clone(),
        Value::Number(n) => n.to_string(),
        other => {
            return Err(DecodeError::invalid(
                path,
                format!("a module must be a number or a string, not {other}"),
            ));
        }
    };
    let canonical = id_value(&s) == *v;
    Ok((s, canonical))
}

/// How a module id is written: a plain number as a number, anything else as
/// a string.
fn id_value(s: &str) -> Value {
    let plain =
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && (s == "0" || !s.starts_with('0'));
    match s.parse::<u64>() {
        Ok(n) if plain => json!(n),
        _ => json!(s),
    }
}

fn decode_node(
    n: &Value,
    index: usize,
    path: &str,
    flow: &mut Flow,
    first_start: &mut bool,
) -> Result<Node, DecodeError> {
    let Value::Object(map) = n else {
        return Err(DecodeError::invalid(
            path,
            format!("a node must be an object, not {}", kind_of(n)),
        ));
    };
    let ty = match map.get("nodeType") {
        Some(Value::String(s)) => s.clone(),
        Some(v) => {
            return Err(DecodeError::invalid(
                format!("{path}.nodeType"),
                format!("must be a string, not {}", kind_of(v)),
            ));
        }
        None => return Err(DecodeError::invalid(path, "the node has no \"nodeType\"")),
    };
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
        Some(p) => match read_position(p) {
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

fn read_position(v: &Value) -> Option<Position> {
    let m = v.as_object()?;
    if m.len() != 2 {
        return None;
    }
    Some(Position {
        x: m.get("x")?.as_f64()?,
        y: m.get("y")?.as_f64()?,
    })
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
    let Value::Object(map) = l else {
        return Err(DecodeError::invalid(
            path,
            format!("a line must be an object, not {}", kind_of(l)),
        ));
    };
    let rm_path = format!("{path}.relatedModules");
    let rm = match map.get("relatedModules") {
        Some(Value::Object(m)) => m,
        Some(v) => {
            return Err(DecodeError::invalid(
                rm_path,
                format!("must be an object, not {}", kind_of(v)),
            ));
        }
        None => {
            return Err(DecodeError::invalid(
                path,
                "the line has no \"relatedModules\"",
            ));
        }
    };
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

fn zero_offset() -> Value {
    json!({"offsetX": 0, "offsetY": 0})
}

// ---------------------------------------------------------------------------
// Encoding

/// Writes the flow as `{"Content": [...], "Canvas": {"lineList": [...]}}`.
pub fn encode(flow: &Flow) -> Result<Value, EncodeError> {
    let flow = &*crate::spread::restore(flow);
    let ids = assign_ids(flow);
    let mut content = Vec::with_capacity(flow.nodes.len());
    let mut variables_written = false;
    for (i, node) in flow.nodes.iter().enumerate() {
        let vars = if node.block == "start" && !variables_written {
            variables_written = true;
            Some(flow)
        } else {
            None
        };
        content.push(encode_node(node, &ids, i, vars)?);
    }
    if !variables_written && !flow.variables.is_empty() {
        return Err(EncodeError::Other(
            "CCC 2017 keeps a flow's variables on its start block, and this flow has none".into(),
        ));
    }
    let mut lines = Vec::with_capacity(flow.edges.len());
    for e in &flow.edges {
        lines.push(encode_line(e, &ids));
    }
    let mut canvas = Map::new();
    canvas.insert("lineList".into(), Value::Array(lines));
    if let Some(Value::Object(rest)) = flow.extra.get(X_CANVAS) {
        for (k, v) in rest {
            canvas.insert(k.clone(), v.clone());
        }
    }
    Ok(json!({"Content": content, "Canvas": canvas}))
}

/// Writes the CreateContactFlow parameters: `{Name, Type, Description,
/// Content: "<json>", Canvas: "<json>"}`.
pub fn encode_request(flow: &Flow) -> Result<Value, EncodeError> {
    let ty = match flow.kind {
        FlowKind::Main => "Mainflow",
        other => {
            return Err(EncodeError::Other(format!(
                "CCC 2017 flows this build writes are main flows (Mainflow), not {other:?}"
            )));
        }
    };
    let doc = encode(flow)?;
    Ok(json!({
        "Name": flow.name,
        "Type": ty,
        "Description": flow.description,
        "Content": doc["Content"].to_string(),
        "Canvas": doc["Canvas"].to_string(),
    }))
}

/// [`encode`], as pretty JSON bytes with a final newline.
pub fn encode_bytes(flow: &Flow) -> Result<Vec<u8>, EncodeError> {
    json_bytes(&encode(flow)?)
}

/// Module numbers for nodes whose id is not one: the next free numbers.
fn assign_ids(flow: &Flow) -> HashMap<String, Value> {
    let mut map = HashMap::new();
    let keeps = |n: &Node| {
        n.extra
            .get(X_ID)
            .is_some_and(|raw| module_id(raw, "").is_ok_and(|(s, _)| s == n.id))
            || id_value(&n.id).is_u64()
    };
    // New numbers come after every number in use, lines' ends included, so a
    // new block never picks up a line that led nowhere.
    let mut next = flow
        .nodes
        .iter()
        .map(|n| n.id.as_str())
        .chain(
            flow.edges
                .iter()
                .flat_map(|e| [e.from.node.as_str(), e.to.as_str()]),
        )
        .filter_map(|id| id.parse::<u64>().ok())
        .max()
        .unwrap_or(0)
        .saturating_add(1);
    for n in &flow.nodes {
        if keeps(n) {
            let raw = n
                .extra
                .get(X_ID)
                .filter(|raw| module_id(raw, "").is_ok_and(|(s, _)| s == n.id))
                .cloned()
                .unwrap_or_else(|| id_value(&n.id));
            map.insert(n.id.clone(), raw);
        } else {
            map.insert(n.id.clone(), json!(next));
            next = next.saturating_add(1);
        }
    }
    map
}

fn module_value(id: &str, ids: &HashMap<String, Value>, raw: Option<&Value>) -> Value {
    if let Some(v) = ids.get(id) {
        return v.clone();
    }
    match raw {
        Some(r) if module_id(r, "").is_ok_and(|(s, _)| s == id) => r.clone(),
        _ => id_value(id),
    }
}

/// One Content node. `vars` is the flow, for the first start node.
fn encode_node(
    node: &Node,
    ids: &HashMap<String, Value>,
    index: usize,
    vars: Option<&Flow>,
) -> Result<Value, EncodeError> {
    let spec = catalog::catalog().block(&node.block).ok_or_else(|| {
        EncodeError::Other(format!(
            "block {} is a \"{}\", which the catalog does not know",
            node.id, node.block
        ))
    })?;
    let unsupported = || EncodeError::Unsupported {
        node: node.id.clone(),
        block: node.block.clone(),
        target: Provider::Aliyun2017,
    };
    if !spec.providers.contains(&Provider::Aliyun2017) {
        return Err(unsupported());
    }
    let mut out = Map::new();
    let mut fields = match node.extra.get(X_NODE) {
        Some(Value::Object(m)) => m.clone(),
        _ => Map::new(),
    };
    if spec.id == PROVIDER_BLOCK {
        if node.params.get("provider").and_then(Value::as_str) != Some(PROVIDER) {
            return Err(unsupported());
        }
        let ty = match node.params.get("type").and_then(Value::as_str) {
            Some(t) if !t.is_empty() => t,
            _ => {
                return Err(EncodeError::Other(format!(
                    "provider block {} has no nodeType",
                    node.id
                )));
            }
        };
        out.insert("nodeType".into(), json!(ty));
        if let Some(Value::Object(p)) = node.params.get("parameters") {
            for (k, v) in p {
                fields.insert(k.clone(), v.clone());
            }
        }
    } else {
        let function_kind = if spec.id == "invoke_function" {
            match node.params.get("function_kind").and_then(Value::as_str) {
                Some(k @ ("function_compute" | "http")) => Some(k),
                _ => return Err(unsupported()),
            }
        } else {
            None
        };
        let ty = TYPES
            .iter()
            .find(|(_, b, fk)| *b == spec.id && (function_kind.is_none() || *fk == function_kind))
            .map(|(t, _, _)| *t)
            .ok_or_else(unsupported)?;
        out.insert("nodeType".into(), json!(ty));
        props_from_params(node, &spec.id, function_kind, &mut fields);
    }
    out.insert("nodeDescript".into(), json!(node.label));
    let implicit = node.extra.contains_key(X_IMPLICIT_ID) && node.id == (index + 1).to_string();
    if !implicit {
        let raw = node.extra.get(X_ID);
        out.insert("id".into(), module_value(&node.id, ids, raw));
    }
    let no_position =
        node.extra.contains_key(X_NO_POSITION) && node.position == Position::default();
    let raw_position = fields.contains_key("position") && node.position == Position::default();
    if !no_position && !raw_position {
        out.insert(
            "position".into(),
            json!({"x": number_value(node.position.x), "y": number_value(node.position.y)}),
        );
    }
    if let Some(flow) = vars
        && !fields.contains_key("variables")
        && !(flow.variables.is_empty() && node.extra.contains_key(X_NO_VARIABLES))
    {
        out.insert("variables".into(), encode_variables(&flow.variables));
    }
    for (k, v) in fields {
        out.insert(k, v);
    }
    Ok(Value::Object(out))
}

fn encode_line(e: &Edge, ids: &HashMap<String, Value>) -> Value {
    let mut rm = Map::new();
    rm.insert(
        "begin".into(),
        module_value(&e.from.node, ids, e.extra.get(X_BEGIN)),
    );
    rm.insert("end".into(), module_value(&e.to, ids, e.extra.get(X_END)));
    if e.from.port != "next" {
        rm.insert("branch".into(), json!(e.from.port));
    }
    if let Some(Value::Object(rest)) = e.extra.get(X_RELATED) {
        for (k, v) in rest {
            rm.insert(k.clone(), v.clone());
        }
    }
    let mut out = Map::new();
    out.insert("relatedModules".into(), Value::Object(rm));
    if !e.extra.contains_key(X_NO_OFFSET) {
        let offset = e.extra.get(X_OFFSET).cloned().unwrap_or_else(zero_offset);
        out.insert("offsetEndPonit".into(), offset);
    }
    if let Some(Value::Object(rest)) = e.extra.get(X_LINE) {
        for (k, v) in rest {
            out.insert(k.clone(), v.clone());
        }
    }
    Value::Object(out)
}
