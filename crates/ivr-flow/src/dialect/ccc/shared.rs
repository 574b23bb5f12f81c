//! What CCC 2017 and 2020 share: the property names of the blocks both
//! versions model (a 2017 node's fields are a 2020 activity's properties), the
//! variables' shape, and how a document is written as bytes.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::dialect::error::EncodeError;
use crate::model::{Node, VarType, Variable};

/// Variables in the CCC 2017 shape (`varName`, `varType`, `varInitial`,
/// `varDescript`); `None` when any entry does not fit the model exactly.
pub(super) fn decode_variables(items: &[Value]) -> Option<Vec<Variable>> {
    items
        .iter()
        .map(|v| {
            let m = v.as_object()?;
            if m.len() != 4 {
                return None;
            }
            let s = |k: &str| m.get(k).and_then(Value::as_str).map(str::to_owned);
            let ty = match s("varType")?.as_str() {
                "string" => VarType::String,
                "number" => VarType::Number,
                "boolean" => VarType::Boolean,
                _ => return None,
            };
            Some(Variable {
                name: s("varName")?,
                ty,
                initial: s("varInitial")?,
                description: s("varDescript")?,
            })
        })
        .collect()
}

/// The inverse of [`decode_variables`].
pub(super) fn encode_variables(vars: &[Variable]) -> Value {
    Value::Array(
        vars.iter()
            .map(|v| {
                let ty = match v.ty {
                    VarType::String => "string",
                    VarType::Number => "number",
                    VarType::Boolean => "boolean",
                };
                json!({
                    "varName": v.name,
                    "varType": ty,
                    "varInitial": v.initial,
                    "varDescript": v.description,
                })
            })
            .collect(),
    )
}

/// Param key <-> property name, for blocks whose values are copied as they are.
fn prop_table(block: &str, function_kind: Option<&str>) -> &'static [(&'static str, &'static str)] {
    match (block, function_kind) {
        ("play_prompt", _) => &[
            ("voice_type", "audioType"),
            ("interruptible", "audioInterrupt"),
        ],
        ("menu", _) => &[
            ("prompt", "say"),
            ("keys", "keys"),
            ("timeout_seconds", "timeout"),
        ],
        ("collect_digits", _) => &[
            ("prompt", "say"),
            ("variable", "variableName"),
            ("min_digits", "minDigits"),
            ("max_digits", "maxDigits"),
            ("timeout_seconds", "timeout"),
            ("terminator", "terminator"),
        ],
        ("branch", _) => &[("value", "value"), ("cases", "conditions")],
        ("set_variables", _) => &[("assignments", "variables")],
        ("transfer_queue", _) => &[("queue", "skillGroupId")],
        ("transfer_agent", _) => &[("agent", "agentId")],
        ("transfer_external", _) => &[
            ("phone_number", "phoneNumber"),
            ("timeout_seconds", "timeout"),
            ("continue_after", "continueAfter"),
        ],
        ("voicemail", _) => &[
            ("prompt", "say"),
            ("mailbox", "mailbox"),
            ("max_seconds", "maxDuration"),
        ],
        ("send_sms", _) => &[("to", "phoneNumber"), ("message", "content")],
        ("invoke_function", Some("http")) => &[
            ("function", "url"),
            ("timeout_seconds", "timeout"),
            ("inputs", "parameters"),
        ],
        ("invoke_function", _) => &[
            ("function", "functionName"),
            ("timeout_seconds", "timeout"),
            ("inputs", "parameters"),
        ],
        ("sub_flow", _) => &[("flow", "contactFlowId")],
        _ => &[],
    }
}

/// Moves the properties a block models out of `props` into params (shared
/// with the CCC 2017 dialect, whose node fields use the same names).
pub(super) fn params_from_props(
    block: &str,
    function_kind: Option<&'static str>,
    props: &mut Map<String, Value>,
) -> BTreeMap<String, Value> {
    let mut params = BTreeMap::new();
    if let Some(fk) = function_kind {
        params.insert("function_kind".into(), json!(fk));
    }
    if block == "play_prompt" {
        let audio = props.get("audioType").and_then(Value::as_str) == Some("audio");
        let key = if audio { "audioResourceId" } else { "say" };
        if let Some(v) = props.remove(key) {
            params.insert("text".into(), v);
        }
    }
    for (param, prop) in prop_table(block, function_kind) {
        if let Some(v) = props.remove(*prop) {
            params.insert((*param).to_owned(), v);
        }
    }
    params
}

/// Writes a node's params as properties over `props` (the inverse of
/// [`params_from_props`]); params the table does not name keep their key.
pub(super) fn props_from_params(
    node: &Node,
    block: &str,
    function_kind: Option<&str>,
    props: &mut Map<String, Value>,
) {
    let table = prop_table(block, function_kind);
    for (key, value) in &node.params {
        if key == "function_kind" && function_kind.is_some() {
            continue;
        }
        if block == "play_prompt" && key == "text" {
            let audio = node.params.get("voice_type").and_then(Value::as_str) == Some("audio");
            let prop = if audio { "audioResourceId" } else { "say" };
            props.insert(prop.into(), value.clone());
            continue;
        }
        let prop = table
            .iter()
            .find(|(p, _)| p == key)
            .map_or(key.as_str(), |(_, prop)| *prop);
        props.insert(prop.to_owned(), value.clone());
    }
}

pub(super) fn json_bytes(v: &Value) -> Result<Vec<u8>, EncodeError> {
    let mut bytes = serde_json::to_vec_pretty(v).map_err(|e| EncodeError::Other(e.to_string()))?;
    bytes.push(b'\n');
    Ok(bytes)
}
