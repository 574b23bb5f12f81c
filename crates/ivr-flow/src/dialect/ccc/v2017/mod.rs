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
//! (`say`, `audioType`, `skillGroupId`, ... see [`super::v2020`]). Any other
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

mod blocks;
mod decode;
mod encode;

use serde_json::{Map, Value, json};

use crate::dialect::ccc::shared::json_bytes;
use crate::dialect::error::{DecodeError, EncodeError};
use crate::dialect::fields;
use crate::model::{Flow, FlowKind};
pub use blocks::{PROVIDER, type_to_kind};
use blocks::{X_CONTACT_FLOW, X_REQUEST, X_VERSION};
use decode::{decode_document, take_header};

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
    let meta = fields::object(cf, "", || "$.ContactFlow".into())?;
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
    let names = ["ContactFlowName", "ContactFlowDescription"];
    let rest = take_header(&mut flow, meta, names, &["Versions"]);
    if !rest.is_empty() {
        flow.extra
            .insert(X_CONTACT_FLOW.into(), Value::Object(rest));
    }
    Ok(flow)
}

/// Writes the flow as `{"Content": [...], "Canvas": {"lineList": [...]}}`.
pub fn encode(flow: &Flow) -> Result<Value, EncodeError> {
    encode::document(flow)
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
