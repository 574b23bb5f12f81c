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

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use serde_json::{Map, Value, json};

use crate::catalog::{self, BlockSpec, PROVIDER_BLOCK};
use crate::dialect::error::{DecodeError, EncodeError};
use crate::json::kind_of;
use crate::model::{Edge, Flow, FlowKind, Node, PortRef, Position, Provider, VarType, Variable};

/// The provider name in provider blocks' `params.provider`.
pub const PROVIDER: &str = "aliyun";

const X_PROPS: &str = "aliyun.properties";
const X_ACTIVITY: &str = "aliyun.activity";
const X_INDEX: &str = "aliyun.nodeIndex";
const X_TYPE: &str = "aliyun.type";
const X_EVENTS: &str = "aliyun.events";
const X_EVENT: &str = "aliyun.event";
const X_NO_EDGE_ID: &str = "aliyun.noEdgeId";
const X_DEFINITION: &str = "aliyun.definition";
const X_CONTACT_FLOW: &str = "aliyun.contactFlow";

const ACTIVITY_KEYS: [&str; 6] = ["type", "id", "name", "properties", "events", "nodeIndex"];

// ---------------------------------------------------------------------------
// Detection and wrappers

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
/// 10,000-block Definition: see docs/performance.md). `None` when the bytes
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
    let parsed = activities
        .into_iter()
        .map(|a| serde_json::from_str::<Value>(a.get()).unwrap_or(Value::Null));
    Some(decode_activities(
        flow,
        parsed,
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
        other => Err(DecodeError::invalid(
            path,
            format!("expected a CCC Definition object, not {}", kind_of(other)),
        )),
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
    let Value::Object(map) = item else {
        return Err(DecodeError::invalid(
            path,
            format!("a list item must be an object, not {}", kind_of(item)),
        ));
    };
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
        Some(other) => {
            return Err(DecodeError::invalid(
                def_path,
                format!("must be a JSON string, not {}", kind_of(other)),
            ));
        }
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

// ---------------------------------------------------------------------------
// Decoding a Definition

fn decode_definition(def: &Value, kind: FlowKind, path: &str) -> Result<Flow, DecodeError> {
    let Value::Object(map) = def else {
        return Err(DecodeError::invalid(
            path,
            format!("a Definition must be an object, not {}", kind_of(def)),
        ));
    };
    let flow = definition_header(map, kind);
    let activities = match map.get("activities") {
        Some(Value::Array(a)) => a,
        Some(v) => {
            return Err(DecodeError::invalid(
                format!("{path}.activities"),
                format!("must be an array, not {}", kind_of(v)),
            ));
        }
        None => {
            return Err(DecodeError::invalid(
                path,
                "a Definition needs \"activities\"",
            ));
        }
    };
    decode_activities(flow, activities, kind, path, true)
}

/// A flow with a Definition's fields other than its activities.
fn definition_header(map: &Map<String, Value>, kind: FlowKind) -> Flow {
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
fn decode_activities<A: std::borrow::Borrow<Value>>(
    mut flow: Flow,
    activities: impl IntoIterator<Item = A>,
    kind: FlowKind,
    path: &str,
    lay_out: bool,
) -> Result<Flow, DecodeError> {
    let activities = activities.into_iter();
    flow.nodes.reserve(activities.size_hint().0);
    let mut seen = HashSet::default();
    for (i, a) in activities.enumerate() {
        let apath = || format!("{path}.activities[{i}]");
        let (node, edges) = decode_activity(a.borrow(), kind, &apath)?;
        if !seen.insert(node.id.clone()) {
            return Err(DecodeError::invalid(
                format!("{}.id", apath()),
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

/// Variables in the CCC 2017 shape (`varName`, `varType`, `varInitial`,
/// `varDescript`); `None` when any entry does not fit the model exactly.
pub(crate) fn decode_variables(items: &[Value]) -> Option<Vec<Variable>> {
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
pub(crate) fn encode_variables(vars: &[Variable]) -> Value {
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
    let Value::Object(map) = a else {
        return Err(DecodeError::invalid(
            path(),
            format!("an activity must be an object, not {}", kind_of(a)),
        ));
    };
    let ty = match map.get("type") {
        Some(Value::String(s)) => s.clone(),
        Some(v) => {
            return Err(DecodeError::invalid(
                format!("{}.type", path()),
                format!("must be a string, not {}", kind_of(v)),
            ));
        }
        None => return Err(DecodeError::invalid(path(), "the activity has no \"type\"")),
    };
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
    let props = match map.get("properties") {
        Some(Value::Object(p)) => p.clone(),
        None => Map::new(),
        Some(v) => {
            return Err(DecodeError::invalid(
                format!("{}.properties", path()),
                format!("must be an object, not {}", kind_of(v)),
            ));
        }
    };
    let events = match map.get("events") {
        Some(Value::Array(e)) => e.as_slice(),
        None => &[],
        Some(v) => {
            return Err(DecodeError::invalid(
                format!("{}.events", path()),
                format!("must be an array, not {}", kind_of(v)),
            ));
        }
    };
    let mut raw_events = Vec::with_capacity(events.len());
    let mut names = HashSet::default();
    for (j, e) in events.iter().enumerate() {
        // Built only for an error: most events have none.
        let epath = || format!("{}.events[{j}]", path());
        let Value::Object(em) = e else {
            return Err(DecodeError::invalid(
                epath(),
                format!("an event must be an object, not {}", kind_of(e)),
            ));
        };
        let name = match em.get("event") {
            Some(Value::String(s)) => s.clone(),
            Some(v) => {
                return Err(DecodeError::invalid(
                    format!("{}.event", epath()),
                    format!("must be a string, not {}", kind_of(v)),
                ));
            }
            None => {
                return Err(DecodeError::invalid(
                    epath(),
                    "the event has no \"event\" name",
                ));
            }
        };
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
    let position = match props.get("position").and_then(read_position) {
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

/// The block an activity type maps to, given its properties.
fn block_of(ty: &str, props: &Map<String, Value>) -> Option<(&'static str, Option<&'static str>)> {
    Some(match ty {
        "INCOMING_CALL" | "SUB_START" => ("start", None),
        "PLAY_SAY" => ("play_prompt", None),
        "GATHER_INPUT" if props.contains_key("keys") => ("menu", None),
        "GATHER_INPUT" => ("collect_digits", None),
        "SPLIT" => ("branch", None),
        "SET_VARIABLES" => ("set_variables", None),
        "TRANSFER_TO_AGENT" if props.contains_key("agentId") => ("transfer_agent", None),
        "TRANSFER_TO_AGENT" => ("transfer_queue", None),
        "BLIND_TRANSFER" => ("transfer_external", None),
        "VOICE_MAIL" => ("voicemail", None),
        "SMS" => ("send_sms", None),
        "RUN_FUNCTION" => ("invoke_function", Some("function_compute")),
        "HTTP_REQUEST" => ("invoke_function", Some("http")),
        "SUB" => ("sub_flow", None),
        "HANGUP" => ("hang_up", None),
        "SUB_END" => ("end_flow", None),
        _ => return None,
    })
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
pub(crate) fn params_from_props(
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
pub(crate) fn props_from_params(
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

/// The port an event name stands for on this node, if any.
fn event_to_port(spec: &BlockSpec, node: &Node, event: &str) -> Option<String> {
    if spec.id == PROVIDER_BLOCK {
        let exits = node.params.get("exits").and_then(Value::as_array)?;
        return exits
            .iter()
            .any(|e| e.as_str() == Some(event))
            .then(|| event.to_owned());
    }
    let fixed = match event {
        "complete" | "Success" | "success" => Some("next"),
        "failure" | "Failure" | "error" => Some("error"),
        "timeout" | "Timeout" => Some("timeout"),
        "default" | "Default" => Some("no_match"),
        "overflow" | "Overflow" => Some("at_capacity"),
        "busy" | "Busy" => Some("busy"),
        _ => None,
    };
    if let Some(p) = fixed
        && spec.has_port(node, p)
    {
        return Some(p.to_owned());
    }
    let derived = match spec.id.as_str() {
        "menu" => format!("key:{event}"),
        "branch" => format!("case:{}", event.strip_prefix("Branch-")?),
        _ => return None,
    };
    spec.has_port(node, &derived).then_some(derived)
}

/// The event name a port is written as, by default.
fn port_to_event(block: &str, port: &str) -> String {
    if block == PROVIDER_BLOCK {
        return port.to_owned();
    }
    match port {
        "next" => "complete".into(),
        "error" => "failure".into(),
        "timeout" => "timeout".into(),
        "no_match" => "default".into(),
        "at_capacity" => "overflow".into(),
        "busy" => "busy".into(),
        p => match (p.strip_prefix("key:"), p.strip_prefix("case:")) {
            (Some(k), _) => k.to_owned(),
            (_, Some(c)) => format!("Branch-{c}"),
            _ => p.to_owned(),
        },
    }
}

/// The activity type a block is written as, unless the node records another.
fn type_of(block: &str, function_kind: Option<&str>, kind: FlowKind) -> &'static str {
    match block {
        "invoke_function" if function_kind == Some("http") => "HTTP_REQUEST",
        "invoke_function" => "RUN_FUNCTION",
        "start" if kind == FlowKind::Sub => "SUB_START",
        "start" => "INCOMING_CALL",
        "play_prompt" => "PLAY_SAY",
        "menu" | "collect_digits" => "GATHER_INPUT",
        "branch" => "SPLIT",
        "set_variables" => "SET_VARIABLES",
        "transfer_queue" | "transfer_agent" => "TRANSFER_TO_AGENT",
        "transfer_external" => "BLIND_TRANSFER",
        "voicemail" => "VOICE_MAIL",
        "send_sms" => "SMS",
        "sub_flow" => "SUB",
        "hang_up" => "HANGUP",
        "end_flow" => "SUB_END",
        _ => "",
    }
}

// ---------------------------------------------------------------------------
// Encoding

/// Writes the flow as a CCC 2020 Definition object.
pub fn encode(flow: &Flow) -> Result<Value, EncodeError> {
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
struct Ids {
    nodes: HashMap<String, String>,
    edges: HashMap<String, String>,
}

impl Ids {
    fn identity() -> Ids {
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

fn edges_by_port<'a>(
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

fn encode_activity(
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
        props.insert("position".into(), position_value(node.position));
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

/// A position as CCC writes it: whole numbers without a fraction.
pub(crate) fn number_value(x: f64) -> Value {
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        json!(x as i64)
    } else {
        json!(x)
    }
}

fn position_value(p: Position) -> Value {
    json!({"x": number_value(p.x), "y": number_value(p.y)})
}

fn encode_events(
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

/// [`encode`], as pretty JSON bytes with a final newline.
pub fn encode_bytes(flow: &Flow) -> Result<Vec<u8>, EncodeError> {
    json_bytes(&encode(flow)?)
}

pub(crate) fn json_bytes(v: &Value) -> Result<Vec<u8>, EncodeError> {
    let mut bytes = serde_json::to_vec_pretty(v).map_err(|e| EncodeError::Other(e.to_string()))?;
    bytes.push(b'\n');
    Ok(bytes)
}
