//! Content -> [`Flow`]: each action becomes a block (a mapped one when the
//! mapping re-encodes it exactly, else a provider block), each transition a
//! line, Metadata the layout.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::Value;

use super::blocks::{
    self, Conv, PROMPT_KEYS, Params, STORED_INPUT, Spec, case_json, default_case_ids, distinct,
    neutral_operator, raw_key, take, voice_type,
};
use super::encode;
use super::kept::{ActionIvr, Kept, default_start_id, exit_name, label_read, read_action_ivr};
use super::layout::{self, Layout};
use super::raw::{self, Action, Entry, Key, Obj, canonical};
use super::wiring::{leftover, wire};
use crate::catalog::{PROVIDER_BLOCK, START_BLOCK};
use crate::dialect::error::DecodeError;
use crate::dialect::position;
use crate::model::{Edge, Extra, Flow, FlowKind, Node, PortRef, Position};

/// A decoded block and its exits: `(port, target, edge extra)`.
pub(super) struct Decoded {
    pub node: Node,
    pub exits: Vec<(String, String, Obj)>,
}

/// Reads a Content object.
pub(super) fn content(v: &Value) -> Result<Flow, DecodeError> {
    let Value::Object(map) = v else {
        return Err(DecodeError::invalid(
            "$",
            "a Connect flow's Content must be a JSON object",
        ));
    };
    check_version(map.get("Version"))?;
    let actions = read_actions(map.get("Actions"))?;
    let start = match map.get("StartAction") {
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => {
            return Err(DecodeError::invalid(
                "$.StartAction",
                "StartAction must be the Identifier of an action",
            ));
        }
        None => None,
    };
    let layout = layout::read(map.get("Metadata"))?;
    let mut flow = Flow::default();
    build(&mut flow, &actions, start.as_deref(), &layout);
    flow_fields(&mut flow, map, layout);
    crate::spread::spread(&mut flow);
    Ok(flow)
}

fn check_version(v: Option<&Value>) -> Result<(), DecodeError> {
    match v {
        Some(Value::String(s)) if s == raw::VERSION => Ok(()),
        Some(other) => Err(DecodeError::invalid(
            "$.Version",
            format!(
                "this build reads Flow language version \"{}\", not {other}",
                raw::VERSION
            ),
        )),
        None => Err(DecodeError::invalid(
            "$",
            format!("the flow has no \"Version\"; expected \"{}\"", raw::VERSION),
        )),
    }
}

fn read_actions(v: Option<&Value>) -> Result<Vec<Action>, DecodeError> {
    let Some(Value::Array(items)) = v else {
        return Err(DecodeError::invalid("$.Actions", "Actions must be a list"));
    };
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let a = raw::parse_action(i, item)?;
        if !seen.insert(a.id.clone()) {
            return Err(DecodeError::invalid(
                format!("{}.Identifier", raw::action_path(i)),
                format!("Identifier {:?} is used by an earlier action", a.id),
            ));
        }
        out.push(a);
    }
    Ok(out)
}

/// How many transitions (and StartAction) enter each action.
fn entries_into(actions: &[Action], start: Option<&str>) -> HashMap<String, usize> {
    let mut count: HashMap<String, usize> = HashMap::new();
    let mut bump = |t: &str| *count.entry(t.to_owned()).or_default() += 1;
    if let Some(s) = start {
        bump(s);
    }
    for a in actions {
        a.entries.iter().for_each(|e| bump(&e.target));
        let mut raw_targets = Vec::new();
        raw::targets_in(&Value::Object(a.raw_transitions.clone()), &mut raw_targets);
        raw_targets.iter().for_each(|t| bump(t));
    }
    count
}

fn build(flow: &mut Flow, actions: &[Action], start: Option<&str>, layout: &Layout) {
    let start_id = layout
        .ivr
        .start_id
        .clone()
        .unwrap_or_else(|| default_start_id(actions.iter().map(|a| a.id.as_str())));
    let mut exits: Vec<(String, String, String, Obj)> = Vec::new();
    flow.nodes.push(Node {
        id: start_id.clone(),
        block: START_BLOCK.into(),
        label: layout.ivr.start_label.clone().unwrap_or_default(),
        position: layout.entry.unwrap_or_default(),
        ..Node::default()
    });
    if let Some(s) = start {
        exits.push((start_id, "next".into(), s.to_owned(), Obj::new()));
    }
    let by_id: HashMap<&str, &Action> = actions.iter().map(|a| (a.id.as_str(), a)).collect();
    let into = entries_into(actions, start);
    let mut used: HashSet<usize> = HashSet::new();
    for a in actions {
        if used.contains(&a.index) {
            continue;
        }
        let second = companion(a, &by_id, &into, &used);
        let meta = |x: &Action| layout.actions.get(&x.id);
        let d = second
            .and_then(|b| mapped(a, Some((b, meta(b))), meta(a)))
            .inspect(|_| {
                if let Some(b) = second {
                    used.insert(b.index);
                }
            })
            .or_else(|| mapped(a, None, meta(a)))
            .unwrap_or_else(|| provider(a, meta(a)));
        used.insert(a.index);
        for (port, to, extra) in d.exits {
            exits.push((d.node.id.clone(), port, to, extra));
        }
        flow.nodes.push(d.node);
    }
    flow.edges = exits
        .into_iter()
        .enumerate()
        .map(|(i, (node, port, to, extra))| Edge {
            id: format!("e{}", i + 1),
            from: PortRef { node, port },
            to,
            extra: extra.into_iter().collect(),
        })
        .collect();
}

/// The second action of a pair starting at `a`, if there is one to try.
fn companion<'a>(
    a: &Action,
    by_id: &HashMap<&str, &'a Action>,
    into: &HashMap<String, usize>,
    used: &HashSet<usize>,
) -> Option<&'a Action> {
    let want = match a.ty.as_str() {
        "UpdateContactTargetQueue" => "TransferContactToQueue",
        "GetParticipantInput" => "UpdateContactAttributes",
        _ => return None,
    };
    let next = a.entries.iter().find(|e| e.key == Key::Next)?;
    let b = *by_id.get(next.target.as_str())?;
    let alone = into.get(&b.id).copied() == Some(1);
    (b.ty == want && alone && b.index != a.index && !used.contains(&b.index)).then_some(b)
}

/// Which mapped block an action (and its companion) is.
fn classify(a: &Action, paired: bool) -> Option<&'static Spec> {
    let block = match a.ty.as_str() {
        "GetParticipantInput" if stored(a) => "collect_digits",
        "GetParticipantInput" => "menu",
        "UpdateContactTargetQueue" if !paired => return None,
        "UpdateContactTargetQueue" => match (a.params.get("QueueId"), a.params.get("AgentId")) {
            (Some(_), None) => "transfer_queue",
            (None, Some(_)) => "transfer_agent",
            _ => return None,
        },
        ty => return blocks_for_action(ty),
    };
    blocks::spec(block)
}

fn blocks_for_action(ty: &str) -> Option<&'static Spec> {
    const ONE_ACTION: [&str; 10] = [
        "play_prompt",
        "branch",
        "set_variables",
        "check_hours",
        "loop",
        "transfer_external",
        "invoke_function",
        "sub_flow",
        "hang_up",
        "end_flow",
    ];
    blocks::specs_of(ty).find(|s| ONE_ACTION.contains(&s.block))
}

fn stored(a: &Action) -> bool {
    a.params.get("StoreInput").and_then(Value::as_str) == Some("True")
}

// ---------------------------------------------------------------- mapped

/// An action's metadata entry, split: position, IVR Studio's fields, the rest.
fn split_meta(entry: Option<&Value>, kept: &mut Kept) -> (Position, ActionIvr) {
    let Some(Value::Object(m)) = entry else {
        kept.absent.push("metadata".into());
        return (Position::default(), ActionIvr::default());
    };
    let mut rest = m.clone();
    let position = match rest.get("position").and_then(position::read) {
        Some(p) => {
            rest.remove("position");
            p
        }
        None => {
            kept.absent.push("position".into());
            Position::default()
        }
    };
    let ivr = match rest.get("ivr").and_then(read_action_ivr) {
        Some(ivr) => {
            rest.remove("ivr");
            ivr
        }
        None => ActionIvr::default(),
    };
    kept.metadata = rest;
    (position, ivr)
}

/// Decodes `a` (and `second`) as a mapped block, if the mapping re-encodes it
/// exactly.
fn mapped(
    a: &Action,
    second: Option<(&Action, Option<&Value>)>,
    meta: Option<&Value>,
) -> Option<Decoded> {
    let spec = classify(a, second.is_some())?;
    if second.is_some() != spec.pair.is_some() && spec.block != "collect_digits" {
        return None;
    }
    let mut kept = Kept::of(a);
    if !blocks::is_first(spec) {
        kept.action_type = Some(spec.action.to_owned());
    }
    let (position, ivr) = split_meta(meta, &mut kept);
    let mut reader = Reader::new(a.params.clone());
    for fl in spec.fields {
        reader.field(fl.key, fl.path, fl.conv)?;
    }
    let mut node = Node {
        id: a.id.clone(),
        block: spec.block.into(),
        label: label_read(&ivr.label, &a.id, &kept.metadata),
        position,
        ..Node::default()
    };
    custom(spec, a, &mut reader, &mut node, &kept.metadata, &ivr)?;
    let mut second_kept = match second {
        Some((b, b_meta)) => Some(decode_second(spec, b, b_meta, &mut node)?),
        None => None,
    };
    merge_params(spec, &mut node, std::mem::take(&mut reader.params), &ivr);
    kept.parameters = reader.left;
    kept.raw = reader.raw;
    // With unwired cases kept in `ivr.params`, `ivr.cases` names the wired ones.
    let wired_cases = ivr
        .params
        .contains_key("cases")
        .then_some(ivr.cases.as_deref())
        .flatten();
    let exits = wire(spec, a, second_kept.as_mut(), &node, &mut kept, wired_cases)?;
    let bare = node.extra.clone();
    store_extra(&mut node, &kept, second_kept.as_ref(), spec);
    let mut d = Decoded { node, exits };
    let (b, b_meta) = (second.map(|s| s.0), second.and_then(|s| s.1));
    if self_check(&d, a, b, meta, b_meta) {
        return Some(d);
    }
    // Encode writes Errors and Conditions in its own order; keep the ones
    // they came in.
    kept.errors = error_types(a);
    kept.conditions = condition_names(a);
    if let Some((b, k)) = second_kept.as_mut() {
        k.errors = error_types(b);
        k.conditions = condition_names(b);
    }
    d.node.extra = bare;
    store_extra(&mut d.node, &kept, second_kept.as_ref(), spec);
    self_check(&d, a, b, meta, b_meta).then_some(d)
}

/// The `ErrorType`s of an action's `Transitions.Errors`, in order.
fn error_types(a: &Action) -> Vec<String> {
    a.original
        .pointer("/Transitions/Errors")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|e| e.get("ErrorType").and_then(Value::as_str))
        .map(str::to_owned)
        .collect()
}

/// The exit names of an action's `Transitions.Conditions`, in order.
fn condition_names(a: &Action) -> Vec<String> {
    a.entries
        .iter()
        .filter(|e| matches!(e.key, Key::Cond(..)))
        .filter_map(|e| exit_name(&e.key))
        .collect()
}

/// The second action of a pair: what the block reads from it, and what is kept.
fn decode_second<'a>(
    spec: &Spec,
    b: &'a Action,
    b_meta: Option<&Value>,
    node: &mut Node,
) -> Option<(&'a Action, Kept)> {
    let mut k = Kept::of(b);
    k.parameters = second_params(spec, b, node)?;
    companion_meta(b_meta, node.position, &mut k);
    Some((b, k))
}

/// The block's parameters: those read from Connect, the defaults of those
/// Connect has no place for, then IVR Studio's own from `ivr.params`.
fn merge_params(spec: &Spec, node: &mut Node, read: Params, ivr: &ActionIvr) {
    node.params.extend(read);
    for key in spec.ivr {
        node.params
            .entry((*key).to_owned())
            .or_insert_with(|| blocks::default_of(spec.block, key));
    }
    for (k, v) in &ivr.params {
        node.params.insert(k.clone(), v.clone());
    }
    if spec.block == "collect_digits" {
        node.params
            .entry("variable".into())
            .or_insert_with(|| Value::String(String::new()));
    }
}

fn store_extra(node: &mut Node, kept: &Kept, second: Option<&(&Action, Kept)>, spec: &Spec) {
    let mut extra = Obj::new();
    kept.store(&mut extra);
    if let Some((b, k)) = second {
        let mut c = Obj::new();
        k.store(&mut c);
        let default_id = spec
            .pair
            .as_ref()
            .map(|p| format!("{}{}", node.id, p.suffix))
            .unwrap_or_default();
        if b.id != default_id {
            c.insert("Identifier".into(), Value::String(b.id.clone()));
        }
        if !c.is_empty() {
            extra.insert("connect.companion".into(), Value::Object(c));
        }
    }
    node.extra.extend(extra);
}

/// Keeps the companion's metadata entry unless it is the default one (its
/// position just right of the first action's).
fn companion_meta(entry: Option<&Value>, first: Position, k: &mut Kept) {
    let default = encode::companion_entry(first);
    match entry {
        None => k.absent.push("metadata".into()),
        Some(e) if *e == default || canonical(e) == canonical(&default) => {}
        Some(Value::Object(m)) => k.metadata = m.clone(),
        Some(_) => k.absent.push("metadata".into()),
    }
}

/// The second action's parameters: what the block reads from it, and what is
/// left to keep.
fn second_params(spec: &Spec, b: &Action, node: &mut Node) -> Option<Obj> {
    let mut left = b.params.clone();
    if spec.block == "collect_digits" {
        let Some(Value::Object(attrs)) = left.remove("Attributes") else {
            return None;
        };
        let mut it = attrs.iter();
        match (it.next(), it.next()) {
            (Some((var, Value::String(v))), None) if v == STORED_INPUT => {
                node.params
                    .insert("variable".into(), Value::String(var.clone()));
            }
            _ => return None,
        }
    }
    Some(left)
}

/// Parameters read from Connect's spelling, and what is left.
struct Reader {
    left: Obj,
    params: Params,
    raw: Obj,
}

impl Reader {
    fn new(left: Obj) -> Reader {
        Reader {
            left,
            params: Params::new(),
            raw: Obj::new(),
        }
    }

    /// Reads the value at `path` into `key`; `None` if it cannot be read.
    fn field(&mut self, key: &str, path: &[&str], conv: Conv) -> Option<()> {
        let Some(v) = take(&mut self.left, path) else {
            return Some(());
        };
        let neutral = conv.read(&v)?;
        if conv.write(&neutral) != v {
            self.raw.insert(raw_key(path), v);
        }
        self.params.insert(key.to_owned(), neutral);
        Some(())
    }

    /// Takes the one prompt key present, if any.
    fn prompt(&mut self) -> Option<Option<(&'static str, Value)>> {
        let present: Vec<&'static str> = PROMPT_KEYS
            .into_iter()
            .filter(|k| self.left.contains_key(*k))
            .collect();
        match present.as_slice() {
            [] => Some(None),
            [k] => {
                let v = self.left.remove(*k)?;
                v.is_string().then_some(Some((*k, v)))
            }
            _ => None,
        }
    }
}

/// The parts of a block's mapping that are not plain fields.
fn custom(
    spec: &Spec,
    a: &Action,
    r: &mut Reader,
    node: &mut Node,
    meta: &Obj,
    ivr: &ActionIvr,
) -> Option<()> {
    match spec.block {
        "play_prompt" => {
            let (k, v) = r.prompt()??;
            r.params.insert("text".into(), v);
            r.params.insert("voice_type".into(), voice_type(k).into());
        }
        "menu" => {
            if r.left.contains_key("LexV2Bot") || r.left.contains_key("LexBot") {
                return None;
            }
            prompt_param(r, node)?;
            let keys = menu_keys(&a.entries)?;
            r.params.insert("keys".into(), keys);
        }
        "collect_digits" => {
            if r.left.remove("StoreInput") != Some(Value::String("True".into())) {
                return None;
            }
            prompt_param(r, node)?;
            let at = ["DTMFConfiguration", "InputTerminationSequence"];
            r.field("terminator", &at, Conv::Str)?;
        }
        "branch" => {
            let cases = branch_cases(&a.entries, meta, ivr)?;
            r.params.insert("cases".into(), cases);
        }
        "set_variables" => {
            let list = assignments(r.left.remove("Attributes"))?;
            r.params.insert("assignments".into(), list);
        }
        "invoke_function" => {
            r.params.insert("function_kind".into(), "lambda".into());
        }
        _ => {}
    }
    Some(())
}

/// UpdateContactAttributes' `Attributes` as assignments; every value must be
/// a string.
fn assignments(attrs: Option<Value>) -> Option<Value> {
    let Some(Value::Object(attrs)) = attrs else {
        return None;
    };
    let list: Option<Vec<Value>> = attrs
        .iter()
        .map(|(k, v)| {
            v.is_string()
                .then(|| serde_json::json!({"variable": k, "value": v}))
        })
        .collect();
    list.map(Value::Array)
}

/// A menu or collect prompt, and which key held it when it is not the one
/// encode would pick.
fn prompt_param(r: &mut Reader, node: &mut Node) -> Option<()> {
    if let Some((k, v)) = r.prompt()? {
        if blocks::guess_prompt_key(&v) != k {
            node.extra
                .insert("connect.prompt".into(), Value::String(k.into()));
        }
        r.params.insert("prompt".into(), v);
    }
    Some(())
}

fn menu_keys(entries: &[Entry]) -> Option<Value> {
    let mut keys = Vec::new();
    for e in entries {
        if let Key::Cond(op, operands) = &e.key {
            match (op.as_str(), operands.as_slice()) {
                ("Equals", [Value::String(k)]) => keys.push(k.clone()),
                _ => return None,
            }
        }
    }
    distinct(&keys).then(|| Value::from(keys))
}

fn branch_cases(entries: &[Entry], meta: &Obj, ivr: &ActionIvr) -> Option<Value> {
    let conds: Vec<(&str, &Value)> = entries
        .iter()
        .filter_map(|e| match &e.key {
            Key::Cond(op, operands) => Some((op.as_str(), operands)),
            _ => None,
        })
        .map(|(op, operands)| match operands.as_slice() {
            [v @ Value::String(_)] => Some((op, v)),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let ids = match &ivr.cases {
        Some(ids) if ids.len() == conds.len() && distinct(ids) => ids.clone(),
        Some(_) => return None,
        None => default_case_ids(Some(meta), conds.len()),
    };
    let cases: Option<Vec<Value>> = conds
        .iter()
        .zip(&ids)
        .map(|((op, v), id)| neutral_operator(op).map(|o| case_json(id, o, v)))
        .collect();
    cases.map(Value::Array)
}

/// Whether the decoded block encodes back to the actions it came from.
fn self_check(
    d: &Decoded,
    a: &Action,
    b: Option<&Action>,
    meta: Option<&Value>,
    b_meta: Option<&Value>,
) -> bool {
    let edges: Vec<Edge> = d
        .exits
        .iter()
        .map(|(port, to, extra)| Edge {
            id: String::new(),
            from: PortRef {
                node: d.node.id.clone(),
                port: port.clone(),
            },
            to: to.clone(),
            extra: extra.clone().into_iter().collect(),
        })
        .collect();
    let refs: Vec<&Edge> = edges.iter().collect();
    let Ok(out) = encode::node(&d.node, &refs) else {
        return false;
    };
    let want: Vec<(Value, Option<&Value>)> = std::iter::once((a.original.clone(), meta))
        .chain(b.map(|b| (b.original.clone(), b_meta)))
        .collect();
    out.len() == want.len()
        && out.iter().zip(&want).all(|(got, (action, m))| {
            canonical(&got.action) == canonical(action)
                && got.metadata.as_ref().map(canonical) == m.map(canonical)
        })
}

// ---------------------------------------------------------------- provider

/// An action kept verbatim as a provider block.
fn provider(a: &Action, meta: Option<&Value>) -> Decoded {
    let mut kept = Kept::of(a);
    let (position, ivr) = split_meta(meta, &mut kept);
    let mut names: Vec<String> = Vec::new();
    let mut exits = Vec::new();
    let mut left = Vec::new();
    let mut ordered: Vec<&Entry> = a.entries.iter().filter(|e| e.key == Key::Next).collect();
    ordered.extend(a.entries.iter().filter(|e| matches!(e.key, Key::Cond(..))));
    ordered.extend(a.entries.iter().filter(|e| matches!(e.key, Key::Error(_))));
    for e in ordered {
        match exit_name(&e.key) {
            Some(n) if !names.contains(&n) => {
                names.push(n.clone());
                exits.push((n, e.target.clone(), e.extra.clone()));
            }
            _ => left.push(Some(e.clone())),
        }
    }
    kept.transitions = leftover(&a.raw_transitions, left);
    let mut params = Params::new();
    params.insert("provider".into(), "connect".into());
    params.insert("type".into(), Value::String(a.ty.clone()));
    let exit_list = match ivr.exits.clone() {
        Some(listed) if names.iter().all(|n| listed.contains(n)) => listed,
        _ => names,
    };
    params.insert("exits".into(), Value::from(exit_list));
    params.insert("parameters".into(), Value::Object(a.params.clone()));
    if ivr.params.len() + ivr.cases.iter().len() > 0 {
        kept.metadata.insert("ivr".into(), ivr.to_json());
    }
    let mut extra = Obj::new();
    kept.store(&mut extra);
    Decoded {
        node: Node {
            id: a.id.clone(),
            block: PROVIDER_BLOCK.into(),
            label: if kept.metadata.contains_key("ivr") {
                String::new()
            } else {
                label_read(&ivr.label, &a.id, &kept.metadata)
            },
            position,
            params,
            extra: extra.into_iter().collect(),
        },
        exits,
    }
}

// ---------------------------------------------------------------- flow

fn flow_fields(flow: &mut Flow, map: &Obj, layout: Layout) {
    let (name, description, kind) = layout::named(layout.rest.as_ref());
    flow.name = name;
    flow.description = description;
    flow.kind = layout
        .ivr
        .kind
        .or(kind)
        .unwrap_or(if map.contains_key("Settings") {
            FlowKind::Sub
        } else {
            FlowKind::Main
        });
    flow.variables = layout.ivr.variables;
    flow.notes = layout.notes;
    let mut extra: Extra = BTreeMap::new();
    let content: Obj = map
        .iter()
        .filter(|(k, _)| {
            !matches!(
                k.as_str(),
                "Version" | "StartAction" | "Metadata" | "Actions"
            )
        })
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    if !content.is_empty() {
        extra.insert("connect.content".into(), Value::Object(content));
    }
    match layout.rest {
        None => {
            extra.insert("connect.metadata".into(), Value::Null);
        }
        Some(rest) if encode::is_native_metadata(&rest, flow.kind) => {}
        Some(rest) => {
            extra.insert("connect.metadata".into(), Value::Object(rest));
        }
    }
    let ids: HashSet<&str> = flow.nodes.iter().map(|n| n.id.as_str()).collect();
    let orphans: Obj = layout
        .actions
        .iter()
        .filter(|(id, v)| !ids.contains(id.as_str()) || !v.is_object())
        .filter(|(id, _)| !is_companion(flow, id))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    if !orphans.is_empty() {
        extra.insert("connect.orphans".into(), Value::Object(orphans));
    }
    let absent: Vec<Value> = layout.absent.into_iter().map(Value::String).collect();
    if !absent.is_empty() {
        extra.insert("connect.absent".into(), Value::Array(absent));
    }
    flow.extra = extra;
}

/// Whether `id` is the second action of a merged pair (its metadata lives in
/// the first's node).
fn is_companion(flow: &Flow, id: &str) -> bool {
    flow.nodes
        .iter()
        .any(|n| encode::companion_id(n).is_some_and(|c| c == id) && !meta_absent(n))
}

fn meta_absent(n: &Node) -> bool {
    n.extra
        .get("connect.companion")
        .and_then(Value::as_object)
        .map(Kept::load)
        .is_some_and(|k| k.is_absent("metadata"))
}
