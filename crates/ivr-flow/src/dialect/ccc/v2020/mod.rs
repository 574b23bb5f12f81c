//! Alibaba Cloud CCC, API 2020-07-01: the contact-flow `Definition`
//! (`{"activities": [...], "description": ""}`) <-> [`Flow`].
//!
//! # Inputs
//! [`decode`] accepts a Definition object, a Definition as a JSON string, a
//! ListContactFlows list item (`{ContactFlowId, Name, Type, Definition:
//! "<json>", Description, ...}`) and a whole ListContactFlows response
//! (`{"RequestId", "Data": {"List": [...]}}`, of which it reads the first
//! item; [`decode_all`] reads every item). [`encode`] returns the Definition
//! object; [`encode_item`] returns `{Name, Type, Definition: "<json>"}`.
//!
//! # Activities and blocks
//! | activity `type` | block | properties <-> params |
//! |---|---|---|
//! | INCOMING_CALL, SUB_START | start | - |
//! | PLAY_SAY | play_prompt | `say` (or `audioResourceId` when `audioType` is `audio`) <-> text, `audioType` <-> voice_type, `audioInterrupt` <-> interruptible |
//! | GATHER_INPUT with `keys` | menu | `say` <-> prompt, `keys`, `timeout` <-> timeout_seconds |
//! | GATHER_INPUT | collect_digits | `say` <-> prompt, `variableName`, `minDigits`, `maxDigits`, `timeout`, `terminator` |
//! | SPLIT | branch | `value`, `conditions` <-> cases |
//! | SET_VARIABLES | set_variables | `variables` <-> assignments |
//! | TRANSFER_TO_AGENT with `agentId` | transfer_agent | `agentId` <-> agent |
//! | TRANSFER_TO_AGENT | transfer_queue | `skillGroupId` <-> queue |
//! | BLIND_TRANSFER | transfer_external | `phoneNumber`, `timeout`, `continueAfter` |
//! | VOICE_MAIL | voicemail | `say` <-> prompt, `mailbox`, `maxDuration` <-> max_seconds |
//! | SMS | send_sms | `phoneNumber` <-> to, `content` <-> message |
//! | RUN_FUNCTION | invoke_function (function_compute) | `functionName` <-> function, `timeout`, `parameters` <-> inputs |
//! | HTTP_REQUEST | invoke_function (http) | `url` <-> function, `timeout`, `parameters` <-> inputs |
//! | SUB | sub_flow | `contactFlowId` <-> flow |
//! | HANGUP | hang_up | - |
//! | SUB_END | end_flow | - |
//!
//! Only PLAY_SAY's properties are publicly documented; the other property
//! names are ours. Values are copied verbatim (validation checks them). Any
//! other type (ASR, JSON_PARSER, VOICE_NAVIGATOR, SATISFACTION_RATING,
//! HANGUP_REASON, ...) becomes a `provider` block with `params = {provider:
//! "aliyun", type, exits: [event names], parameters: {properties but
//! position}}`.
//!
//! # Events and ports
//! | event (decode also accepts) | port |
//! |---|---|
//! | `complete` (`Success`, `success`) | `next` |
//! | `failure` (`Failure`, `error`) | `error` |
//! | `timeout` (`Timeout`) | `timeout` |
//! | `default` (`Default`) | `no_match` |
//! | `overflow` (`Overflow`) | `at_capacity` |
//! | `busy` (`Busy`) | `busy` |
//! | the key itself, `1` | `key:1` (menu) |
//! | `Branch-<id>` | `case:<id>` (branch) |
//!
//! An event with `"next": null` is an unwired exit. A block's events are
//! written for its wired exits and its unwired required exits, in the
//! catalog's order; a terminal block writes `[{"event": "complete", "next":
//! null}]`. When an activity's events differ from that (another order or
//! spelling, unwired optional exits, extra fields), their order and spelling
//! are recorded in the node's `aliyun.events`.
//!
//! # What is kept, and where
//! Each decoded activity is re-encoded at once and compared with the
//! original; if they differ it is kept as a provider block instead, so
//! `encode(decode(x))` never loses an activity's meaning. Fields the mapping
//! does not model are kept verbatim in `extra` maps under these keys:
//! - node: `aliyun.properties` (properties not mapped), `aliyun.activity`
//!   (other activity keys), `aliyun.nodeIndex`, `aliyun.type` (the type when
//!   a block has two: SUB_START), `aliyun.events` (see above);
//! - edge: `aliyun.event` (other keys of the event), `aliyun.noEdgeId` (the
//!   event had no `edgeId`; the edge's id was made up);
//! - flow: `aliyun.definition` (other Definition keys), `aliyun.contactFlow`
//!   (the list item's keys but Definition, Name and Type).
//!
//! # Normalisations
//! `encode(decode(x))` equals `x` but for these: an activity without
//! `name`, `properties`, `properties.position` or `events` gets an empty
//! one (position `{x: 0, y: 0}`); one without `nodeIndex` gets the lowest
//! free index; a Definition without `description` gets `""`. Numbers are
//! compared by value (`263` and `263.0` are one number).
//!
//! # Ids
//! Activity ids and edge ids of 8 hex digits are kept; any other id (a flow
//! drawn in IVR Studio) is replaced on encode by 8 hex digits derived from
//! it. A node without `aliyun.nodeIndex` gets the lowest free index.
//! Dangling `next` ids are kept as dangling edges, for validation to report.

mod blocks;
mod decode;
mod encode;

use serde_json::{Map, Value, json};

use crate::dialect::ccc::shared::json_bytes;
use crate::dialect::error::{DecodeError, EncodeError};
use crate::dialect::fields;
use crate::model::{Flow, FlowKind};
pub use blocks::PROVIDER;
use blocks::X_CONTACT_FLOW;
use decode::{decode_activities, decode_definition, decode_raw_activities, definition_header};
pub use encode::block_ids;

/// Whether `value` is a CCC 2020 Definition, Definition string, list item or
/// ListContactFlows response.
pub fn detect(value: &Value) -> bool {
    match value {
        Value::String(s) => serde_json::from_str::<Value>(s)
            .ok()
            .is_some_and(|v| is_definition(&v)),
        Value::Object(map) => {
            is_definition(value)
                || map.contains_key("Definition")
                || value.pointer("/Data/List").is_some_and(Value::is_array)
        }
        _ => false,
    }
}

fn is_definition(v: &Value) -> bool {
    v.get("activities").is_some_and(Value::is_array)
}

/// Reads a Definition, list item or list response (its first item).
pub fn decode(value: &Value) -> Result<Flow, DecodeError> {
    if let Some(list) = list_of(value)? {
        let Some(first) = list.first() else {
            return Err(DecodeError::invalid(
                "$.Data.List",
                "the list holds no contact flow",
            ));
        };
        return decode_item(first, "$.Data.List[0]");
    }
    decode_any(value, "$")
}

/// [`decode`], taking the parsed document: a bare Definition's activities
/// are dropped one by one as they are decoded, so the memory of the parsed
/// tree is reused for the flow instead of both being held (a 10,000-block
/// Definition is read about a third faster).
pub fn decode_owned(value: Value) -> Result<Flow, DecodeError> {
    decode_owned_with(value, true)
}

/// [`decode_owned`], a bare Definition's blocks [spread](crate::spread) for the
/// canvas only if `lay_out`.
pub(crate) fn decode_owned_with(value: Value, lay_out: bool) -> Result<Flow, DecodeError> {
    match value {
        Value::Object(mut map)
            if !map.contains_key("Definition")
                && !map.contains_key("Data")
                && matches!(map.get("activities"), Some(Value::Array(_))) =>
        {
            let activities = match map.get_mut("activities") {
                Some(Value::Array(a)) => std::mem::take(a),
                _ => Vec::new(),
            };
            let flow = definition_header(&map, FlowKind::Main);
            decode_activities(flow, activities, FlowKind::Main, "$", lay_out)
        }
        other => decode(&other),
    }
}

/// Reads a bare Definition straight from its bytes, one activity at a time:
/// only the activity being read is ever a parsed JSON tree, so a large flow
/// costs the memory of the flow, not of the flow and its whole JSON tree (a
/// 10,000-block Definition: see docs/performance.md); a large one is read on
/// two threads, half each. `None` when the bytes
/// are not a bare Definition (the caller parses them whole).
pub fn decode_streamed(bytes: &[u8]) -> Option<Result<Flow, DecodeError>> {
    decode_streamed_with(bytes, true)
}

/// [`decode_streamed`], the blocks [spread](crate::spread) for the canvas only
/// if `lay_out` (a check that never shows the flow skips it).
pub(crate) fn decode_streamed_with(
    bytes: &[u8],
    lay_out: bool,
) -> Option<Result<Flow, DecodeError>> {
    let top: TopLevel<'_> = serde_json::from_slice(bytes).ok()?;
    let is_bare = |k: &str| !matches!(k, "Definition" | "Data" | "format" | "Content");
    if !top.0.iter().all(|(k, _)| is_bare(k)) {
        return None;
    }
    let raw = top.0.iter().find(|(k, _)| k == "activities")?.1;
    let activities: Vec<&serde_json::value::RawValue> = serde_json::from_str(raw.get()).ok()?;
    let mut header = Map::new();
    for (k, v) in &top.0 {
        let v = if k == "activities" {
            Value::Array(Vec::new())
        } else {
            serde_json::from_str(v.get()).ok()?
        };
        header.insert(k.clone(), v);
    }
    let flow = definition_header(&header, FlowKind::Main);
    Some(decode_raw_activities(
        flow,
        &activities,
        FlowKind::Main,
        "$",
        lay_out,
    ))
}

/// A JSON object's entries, in order, each value left as its raw text.
struct TopLevel<'a>(Vec<(String, &'a serde_json::value::RawValue)>);

impl<'de: 'a, 'a> serde::Deserialize<'de> for TopLevel<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Entries<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Entries<'a> {
            type Value = TopLevel<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                mut m: M,
            ) -> Result<Self::Value, M::Error> {
                let mut out = Vec::new();
                while let Some(entry) =
                    m.next_entry::<String, &'de serde_json::value::RawValue>()?
                {
                    out.push(entry);
                }
                Ok(TopLevel(out))
            }
        }
        d.deserialize_map(Entries(std::marker::PhantomData))
    }
}

/// Reads every flow of a ListContactFlows response (or the one flow of any
/// other accepted input).
pub fn decode_all(value: &Value) -> Result<Vec<Flow>, DecodeError> {
    match list_of(value)? {
        Some(list) => list
            .iter()
            .enumerate()
            .map(|(i, item)| decode_item(item, &format!("$.Data.List[{i}]")))
            .collect(),
        None => decode_any(value, "$").map(|f| vec![f]),
    }
}

fn list_of(value: &Value) -> Result<Option<&Vec<Value>>, DecodeError> {
    let Some(data) = value.get("Data") else {
        return Ok(None);
    };
    if value.get("activities").is_some() || value.get("Definition").is_some() {
        return Ok(None);
    }
    match data.get("List") {
        Some(Value::Array(list)) => Ok(Some(list)),
        Some(_) => Err(DecodeError::invalid("$.Data.List", "must be an array")),
        None => Err(DecodeError::invalid(
            "$.Data",
            "a ListContactFlows response needs Data.List",
        )),
    }
}

fn decode_any(value: &Value, path: &str) -> Result<Flow, DecodeError> {
    match value {
        Value::String(s) => {
            let parsed = parse_string(s, path)?;
            decode_definition(&parsed, FlowKind::Main, path)
        }
        Value::Object(map) if map.contains_key("Definition") && !map.contains_key("activities") => {
            decode_item(value, path)
        }
        Value::Object(_) => decode_definition(value, FlowKind::Main, path),
        other => Err(fields::expected(path, "a CCC Definition object", other)),
    }
}

fn parse_string(s: &str, path: &str) -> Result<Value, DecodeError> {
    serde_json::from_str(s).map_err(|e| {
        DecodeError::invalid(
            path,
            format!(
                "the Definition string is not JSON (line {}, column {}): {e}",
                e.line(),
                e.column()
            ),
        )
    })
}

fn decode_item(item: &Value, path: &str) -> Result<Flow, DecodeError> {
    let map = fields::object(item, "a list item", || path.to_owned())?;
    let mut kind = FlowKind::Main;
    let mut meta = Map::new();
    for (k, v) in map {
        match k.as_str() {
            "Definition" | "Name" => {}
            "Type" => match v.as_str().and_then(type_to_kind) {
                Some(k) => kind = k,
                None => {
                    meta.insert(k.clone(), v.clone());
                }
            },
            _ => {
                meta.insert(k.clone(), v.clone());
            }
        }
    }
    let def_path = format!("{path}.Definition");
    let definition = match map.get("Definition") {
        // A flow created but never edited has no Definition yet: it is empty.
        Some(Value::String(s)) if s.trim().is_empty() => json!({"activities": []}),
        Some(Value::Null) | None => json!({"activities": []}),
        Some(Value::String(s)) => parse_string(s, &def_path)?,
        Some(v @ Value::Object(_)) => v.clone(),
        Some(other) => return Err(fields::must_be(def_path, "", "a JSON string", other)),
    };
    let mut flow = decode_definition(&definition, kind, &def_path)?;
    match map.get("Name") {
        Some(Value::String(s)) => flow.name = s.clone(),
        Some(other) => {
            meta.insert("Name".into(), other.clone());
        }
        None => {}
    }
    if !meta.is_empty() {
        flow.extra
            .insert(X_CONTACT_FLOW.into(), Value::Object(meta));
    }
    Ok(flow)
}

/// The flow kind of a ListContactFlows `Type`.
pub fn type_to_kind(ty: &str) -> Option<FlowKind> {
    match ty {
        "MAIN_FLOW" => Some(FlowKind::Main),
        "SUB_FLOW" => Some(FlowKind::Sub),
        "SURVEY_FLOW" => Some(FlowKind::Survey),
        _ => None,
    }
}

/// The ListContactFlows / CreateContactFlow `Type` of a flow kind.
pub fn kind_to_type(kind: FlowKind) -> Result<&'static str, EncodeError> {
    match kind {
        FlowKind::Main => Ok("MAIN_FLOW"),
        FlowKind::Sub => Ok("SUB_FLOW"),
        FlowKind::Survey => Ok("SURVEY_FLOW"),
        other => Err(EncodeError::Other(format!(
            "Alibaba Cloud CCC has main flows, sub-flows and survey flows, not {other:?} flows"
        ))),
    }
}

/// Writes the flow as a CCC 2020 Definition object.
pub fn encode(flow: &Flow) -> Result<Value, EncodeError> {
    encode::definition(flow)
}

/// Writes the flow as a ListContactFlows item: `{Name, Type, Definition}`,
/// the Definition as a JSON string.
pub fn encode_item(flow: &Flow) -> Result<Value, EncodeError> {
    let definition = encode(flow)?;
    Ok(json!({
        "Name": flow.name,
        "Type": kind_to_type(flow.kind)?,
        "Definition": definition.to_string(),
    }))
}

/// [`encode`], as pretty JSON bytes with a final newline.
pub fn encode_bytes(flow: &Flow) -> Result<Vec<u8>, EncodeError> {
    json_bytes(&encode(flow)?)
}
