//! [`Flow`] -> CCC 2017 Content + Canvas: each block becomes its node, each
//! line a Canvas line; kept fields go back where they came from, and ids
//! that are not module numbers get the next free numbers.

use std::collections::HashMap;

use serde_json::{Map, Value, json};

use super::blocks::{
    PROVIDER, TYPES, X_BEGIN, X_CANVAS, X_END, X_ID, X_IMPLICIT_ID, X_LINE, X_NO_OFFSET,
    X_NO_POSITION, X_NO_VARIABLES, X_NODE, X_OFFSET, X_RELATED, id_value, module_id, zero_offset,
};
use crate::catalog::{self, PROVIDER_BLOCK};
use crate::dialect::ccc::shared::{encode_variables, props_from_params};
use crate::dialect::error::EncodeError;
use crate::dialect::position;
use crate::model::{Edge, Flow, Node, Position, Provider};

/// Writes the flow as `{"Content": [...], "Canvas": {"lineList": [...]}}`.
pub(super) fn document(flow: &Flow) -> Result<Value, EncodeError> {
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
pub(super) fn encode_node(
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
        out.insert("position".into(), position::write(node.position));
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
