//! [`Flow`] -> Content: each block becomes its action (two for a pair), each
//! line a transition, the layout Metadata; kept provider fields go back where
//! they came from.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::blocks::{
    self, Conv, PROMPT_KEYS, STORED_INPUT, Spec, connect_operator, default_case_ids, put, raw_key,
    voice_key,
};
use super::kept::{ActionIvr, Kept, default_start_id, exit_key, exit_name, label_written};
use super::layout::{self, FlowIvr};
use super::raw::{self, Entry, Key, Obj};
use super::wrapper::{console_type, kind_of_type};
use crate::catalog::{PROVIDER_BLOCK, START_BLOCK, catalog};
use crate::dialect::error::EncodeError;
use crate::dialect::position;
use crate::model::{Edge, Flow, FlowKind, Node, Position, Provider};

/// One action written, with its ActionMetadata entry.
pub(super) struct Out {
    pub id: String,
    pub action: Value,
    pub metadata: Option<Value>,
}

/// Writes a flow as a Content object.
pub(super) fn content(flow: &Flow) -> Result<Value, EncodeError> {
    check_ids(flow)?;
    let start = start_node(flow)?;
    let mut by_node: HashMap<&str, Vec<&Edge>> = HashMap::new();
    for e in &flow.edges {
        by_node.entry(e.from.node.as_str()).or_default().push(e);
    }
    let mut actions = Vec::new();
    let mut entries = Obj::new();
    for n in flow.nodes.iter().filter(|n| n.block != START_BLOCK) {
        let edges = by_node.get(n.id.as_str()).map(Vec::as_slice).unwrap_or(&[]);
        for out in node(n, edges)? {
            if let Some(m) = out.metadata {
                entries.insert(out.id.clone(), m);
            }
            actions.push(out.action);
        }
    }
    let start_action = start_target(start, by_node.get(start.id.as_str()))?;
    let ids: Vec<&str> = actions
        .iter()
        .filter_map(|a| a.get("Identifier").and_then(Value::as_str))
        .collect();
    let default_start = default_start_id(ids.into_iter());
    let mut out = Obj::new();
    out.insert("Version".into(), Value::String(raw::VERSION.into()));
    if let Some(s) = start_action {
        out.insert("StartAction".into(), Value::String(s));
    }
    if let Some(m) = metadata(flow, start, entries, &default_start) {
        out.insert("Metadata".into(), m);
    }
    out.insert("Actions".into(), Value::Array(actions));
    if let Some(Value::Object(c)) = flow.extra.get("connect.content") {
        for (k, v) in c {
            out.entry(k.clone()).or_insert_with(|| v.clone());
        }
    }
    Ok(Value::Object(out))
}

fn check_ids(flow: &Flow) -> Result<(), EncodeError> {
    let mut seen = HashSet::new();
    for n in &flow.nodes {
        if !seen.insert(n.id.as_str()) {
            return Err(EncodeError::Other(format!(
                "two blocks have the id {:?}; Connect needs each action Identifier to be unique",
                n.id
            )));
        }
    }
    Ok(())
}

fn start_node(flow: &Flow) -> Result<&Node, EncodeError> {
    let mut starts = flow.nodes.iter().filter(|n| n.block == START_BLOCK);
    match (starts.next(), starts.next()) {
        (Some(s), None) => Ok(s),
        (None, _) => Err(EncodeError::Other(
            "the flow has no start block; Connect needs one StartAction".into(),
        )),
        (Some(_), Some(_)) => Err(EncodeError::Other(
            "the flow has more than one start block; Connect has one StartAction".into(),
        )),
    }
}

fn start_target(start: &Node, edges: Option<&Vec<&Edge>>) -> Result<Option<String>, EncodeError> {
    let mut target = None;
    for e in edges.map(Vec::as_slice).unwrap_or(&[]) {
        if e.from.port != "next" || target.is_some() {
            return Err(port_error(
                start,
                &e.from.port,
                "the start block has one exit, next",
            ));
        }
        target = Some(e.to.clone());
    }
    Ok(target)
}

fn port_error(node: &Node, port: &str, why: &str) -> EncodeError {
    EncodeError::Other(format!(
        "block {} ({}): cannot write the line from exit {port:?}: {why}",
        node.id, node.block
    ))
}

// ---------------------------------------------------------------- metadata

fn metadata(flow: &Flow, start: &Node, entries: Obj, default_start: &str) -> Option<Value> {
    let (mut m, native, had_none) = match flow.extra.get("connect.metadata") {
        Some(Value::Object(o)) => (o.clone(), false, false),
        Some(Value::Null) => (Obj::new(), false, true),
        _ => (Obj::new(), true, false),
    };
    let flow_absent = layout::absent_list(&flow.extra);
    let absent = |k: &str| had_none || flow_absent.iter().any(|a| a == k);
    if !had_none {
        layout::write_named(&mut m, native, &flow.name, &flow.description, flow.kind);
    }
    if !absent("entryPointPosition") || start.position != Position::default() {
        m.insert("entryPointPosition".into(), position::write(start.position));
    }
    let mut entries = entries;
    if let Some(Value::Object(o)) = flow.extra.get("connect.orphans") {
        for (k, v) in o {
            entries.entry(k.clone()).or_insert_with(|| v.clone());
        }
    }
    if !absent("ActionMetadata") || !entries.is_empty() {
        m.insert("ActionMetadata".into(), Value::Object(entries));
    }
    if !absent("Annotations") || !flow.notes.is_empty() {
        let notes = flow.notes.iter().map(layout::write_note).collect();
        m.insert("Annotations".into(), Value::Array(notes));
    }
    let ivr = FlowIvr {
        start_id: (start.id != default_start).then(|| start.id.clone()),
        start_label: (!start.label.is_empty()).then(|| start.label.clone()),
        variables: flow.variables.clone(),
        kind: (console_type(flow.kind).is_none() && inferred_kind(flow, &m) != flow.kind)
            .then_some(flow.kind),
    };
    if let Some(v) = layout::write_flow_ivr(&ivr) {
        m.insert("ivr".into(), v);
    }
    (!(had_none && m.is_empty())).then_some(Value::Object(m))
}

/// The kind decode would give the flow without `Metadata.ivr.kind`.
fn inferred_kind(flow: &Flow, m: &Obj) -> FlowKind {
    let module = flow
        .extra
        .get("connect.content")
        .and_then(Value::as_object)
        .is_some_and(|c| c.contains_key("Settings"));
    m.get("type")
        .and_then(Value::as_str)
        .and_then(kind_of_type)
        .unwrap_or(if module {
            FlowKind::Sub
        } else {
            FlowKind::Main
        })
}

/// The default ActionMetadata entry of a pair's second action: just right of
/// the first.
pub(super) fn companion_entry(first: Position) -> Value {
    let mut m = Obj::new();
    m.insert(
        "position".into(),
        position::write(Position {
            x: first.x + 250.0,
            y: first.y,
        }),
    );
    Value::Object(m)
}

/// Whether Metadata's other keys are just what [`content`] writes for a flow
/// that never was Connect's (so decode need not keep them).
pub(super) fn is_native_metadata(rest: &Obj, kind: FlowKind) -> bool {
    let mut native = Obj::new();
    let s = |k: &str| rest.get(k).and_then(Value::as_str).unwrap_or_default();
    layout::write_named(&mut native, true, s("name"), s("description"), kind);
    native == *rest
}

fn entry(position: Position, kept: &Kept, ivr: Value) -> Option<Value> {
    let has_ivr = ivr.as_object().is_some_and(|o| !o.is_empty());
    if kept.is_absent("metadata") && position == Position::default() && !has_ivr {
        return None;
    }
    let mut m = Obj::new();
    if !kept.is_absent("position") {
        m.insert("position".into(), position::write(position));
    }
    for (k, v) in &kept.metadata {
        m.entry(k.clone()).or_insert_with(|| v.clone());
    }
    if has_ivr {
        m.insert("ivr".into(), ivr);
    }
    Some(Value::Object(m))
}

// ---------------------------------------------------------------- blocks

fn kept_of(node: &Node) -> Kept {
    Kept::load(&node.extra.clone().into_iter().collect())
}

fn companion_kept(node: &Node) -> Kept {
    node.extra
        .get("connect.companion")
        .and_then(Value::as_object)
        .map(Kept::load)
        .unwrap_or_default()
}

/// Every action Identifier [`content`] writes for the flow, in order.
pub(super) fn action_ids(flow: &Flow) -> Vec<String> {
    flow.nodes
        .iter()
        .filter(|n| n.block != START_BLOCK)
        .flat_map(|n| std::iter::once(n.id.clone()).chain(companion_id(n)))
        .collect()
}

/// The id of the second action a pair block writes, if it writes one.
pub(super) fn companion_id(node: &Node) -> Option<String> {
    let spec = blocks::spec_of(node)?;
    let pair = spec.pair.as_ref()?;
    if !paired(node, spec) {
        return None;
    }
    let given = node
        .extra
        .get("connect.companion")
        .and_then(|c| c.get("Identifier"))
        .and_then(Value::as_str);
    Some(given.map_or_else(|| format!("{}{}", node.id, pair.suffix), str::to_owned))
}

fn paired(node: &Node, spec: &Spec) -> bool {
    match spec.block {
        "collect_digits" => node
            .params
            .get("variable")
            .and_then(Value::as_str)
            .is_some_and(|v| !v.is_empty()),
        _ => spec.pair.is_some(),
    }
}

/// Writes one block as its action(s). `edges` are the lines leaving it.
pub(super) fn node(node: &Node, edges: &[&Edge]) -> Result<Vec<Out>, EncodeError> {
    if node.block == PROVIDER_BLOCK {
        return provider(node, edges);
    }
    let unsupported = || EncodeError::Unsupported {
        node: node.id.clone(),
        block: node.block.clone(),
        target: Provider::Connect,
    };
    let carried = catalog()
        .block(&node.block)
        .is_some_and(|b| b.providers.contains(&Provider::Connect));
    match blocks::spec_of(node) {
        Some(spec) if carried => mapped(node, spec, edges),
        _ => Err(unsupported()),
    }
}

fn mapped(node: &Node, spec: &Spec, edges: &[&Edge]) -> Result<Vec<Out>, EncodeError> {
    let kept = kept_of(node);
    let is_pair = paired(node, spec);
    let mut params = kept.parameters.clone();
    for fl in spec.fields {
        if let Some(v) = node.params.get(fl.key) {
            let raw = kept.raw.get(&raw_key(fl.path));
            put(&mut params, fl.path, written(fl.conv, v, raw));
        }
    }
    let mut ivr_params = ivr_params(node, spec);
    custom(node, &kept, &mut params, &mut ivr_params)?;
    let all_cases = unwired_items(node, edges, &mut ivr_params);
    let cases = if all_cases {
        Some(wired_case_ids(node, edges))
    } else {
        case_ids(node, &kept)
    };
    let ivr = ActionIvr {
        label: label_written(&node.label, &node.id, &kept.metadata),
        params: ivr_params,
        cases,
        exits: None,
    }
    .to_json();
    let second_id = companion_id(node);
    let ck = companion_kept(node);
    let mut entries = transitions(node, spec, edges, is_pair, [&kept, &ck])?;
    if let Some(id) = &second_id {
        entries[0].push(Entry {
            key: Key::Next,
            target: id.clone(),
            extra: Obj::new(),
        });
    }
    let [e0, e1] = entries;
    let mut out = vec![Out {
        id: node.id.clone(),
        action: action(
            &node.id,
            spec.action,
            params,
            build_transitions(e0, &kept),
            &kept,
        ),
        metadata: entry(node.position, &kept, ivr),
    }];
    if let (Some(id), Some(pair)) = (second_id, spec.pair.as_ref()) {
        let p = second_params(node, spec, &ck);
        let t = build_transitions(e1, &ck);
        out.push(Out {
            action: action(&id, pair.action, p, t, &ck),
            metadata: second_entry(node.position, &ck),
            id,
        });
    }
    Ok(out)
}

fn second_entry(first: Position, k: &Kept) -> Option<Value> {
    if k.is_absent("metadata") {
        None
    } else if k.metadata.is_empty() {
        Some(companion_entry(first))
    } else {
        Some(Value::Object(k.metadata.clone()))
    }
}

fn second_params(node: &Node, spec: &Spec, k: &Kept) -> Obj {
    let mut p = k.parameters.clone();
    if spec.block == "collect_digits" {
        let var = node
            .params
            .get("variable")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let mut attrs = Obj::new();
        attrs.insert(var.to_owned(), Value::String(STORED_INPUT.into()));
        p.insert("Attributes".into(), Value::Object(attrs));
    }
    p
}

/// A value in Connect's spelling: the original spelling when it still means
/// the same value.
fn written(conv: Conv, v: &Value, raw: Option<&Value>) -> Value {
    match raw {
        Some(r) if conv.read(r).as_ref() == Some(v) => r.clone(),
        _ => conv.write(v),
    }
}

/// Parameters kept in `ActionMetadata[id].ivr.params`: those Connect has no
/// place for, when they differ from the catalog default.
fn ivr_params(node: &Node, spec: &Spec) -> Obj {
    spec.ivr
        .iter()
        .filter_map(|k| {
            let v = node.params.get(*k)?;
            (*v != blocks::default_of(spec.block, k)).then(|| ((*k).to_owned(), v.clone()))
        })
        .collect()
}

/// Menu keys and branch cases with no line leave no condition in Connect, so
/// decode would lose them: when some are unwired, the whole list is kept in
/// `ivr.params`. Returns whether the cases were kept so.
fn unwired_items(node: &Node, edges: &[&Edge], ivr: &mut Obj) -> bool {
    let wired = |port: String| edges.iter().any(|e| e.from.port == port);
    let (key, all_wired) = match node.block.as_str() {
        "menu" => (
            "keys",
            blocks::string_list(node, "keys")
                .into_iter()
                .all(|k| wired(format!("key:{k}"))),
        ),
        "branch" => (
            "cases",
            blocks::cases(node)
                .into_iter()
                .all(|c| wired(format!("case:{}", c.id))),
        ),
        _ => return false,
    };
    match node.params.get(key) {
        Some(v) if !all_wired => {
            ivr.insert(key.into(), v.clone());
            key == "cases"
        }
        _ => false,
    }
}

fn wired_case_ids(node: &Node, edges: &[&Edge]) -> Vec<String> {
    blocks::cases(node)
        .into_iter()
        .map(|c| c.id)
        .filter(|id| edges.iter().any(|e| e.from.port == format!("case:{id}")))
        .collect()
}

/// Case ids, when they are not the ones decode would give anyway.
fn case_ids(node: &Node, kept: &Kept) -> Option<Vec<String>> {
    if node.block != "branch" {
        return None;
    }
    let ids: Vec<String> = blocks::cases(node).into_iter().map(|c| c.id).collect();
    (ids != default_case_ids(Some(&kept.metadata), ids.len())).then_some(ids)
}

fn custom(node: &Node, kept: &Kept, params: &mut Obj, ivr: &mut Obj) -> Result<(), EncodeError> {
    let get = |k: &str| node.params.get(k);
    match node.block.as_str() {
        "play_prompt" => play_prompt(node, params)?,
        "menu" => prompt(node, params),
        "collect_digits" => collect(node, kept, params, ivr),
        "set_variables" => {
            params.insert("Attributes".into(), Value::Object(attributes(node)?));
        }
        "invoke_function" => match get("function_kind").and_then(Value::as_str) {
            None | Some("lambda") => {}
            Some(kind) => {
                return Err(EncodeError::Unsupported {
                    node: node.id.clone(),
                    block: format!("invoke_function ({kind})"),
                    target: Provider::Connect,
                });
            }
        },
        _ => {}
    }
    Ok(())
}

fn play_prompt(node: &Node, params: &mut Obj) -> Result<(), EncodeError> {
    let vt = node
        .params
        .get("voice_type")
        .and_then(Value::as_str)
        .unwrap_or("tts");
    let key = voice_key(vt).ok_or_else(|| {
        EncodeError::Other(format!(
            "block {}: voice_type {vt:?} is not tts, ssml or audio",
            node.id
        ))
    })?;
    let text = node.params.get("text").cloned();
    params.insert(key.into(), text.unwrap_or(Value::String(String::new())));
    Ok(())
}

fn collect(node: &Node, kept: &Kept, params: &mut Obj, ivr: &mut Obj) {
    params.insert("StoreInput".into(), Value::String("True".into()));
    prompt(node, params);
    match node.params.get("terminator") {
        Some(Value::String(t)) if t == "none" => {
            ivr.insert("terminator".into(), Value::String(t.clone()));
        }
        Some(t) => {
            let path = ["DTMFConfiguration", "InputTerminationSequence"];
            let raw = kept.raw.get(&raw_key(&path));
            put(params, &path, written(Conv::Str, t, raw));
        }
        None => {}
    }
}

fn prompt(node: &Node, params: &mut Obj) {
    let Some(text) = node.params.get("prompt") else {
        return;
    };
    let hint = node
        .extra
        .get("connect.prompt")
        .and_then(Value::as_str)
        .and_then(|h| PROMPT_KEYS.into_iter().find(|k| *k == h));
    let key = hint.unwrap_or_else(|| blocks::guess_prompt_key(text));
    params.insert(key.into(), text.clone());
}

fn attributes(node: &Node) -> Result<Obj, EncodeError> {
    let mut out = Obj::new();
    let items = node
        .params
        .get("assignments")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    for (i, a) in items.iter().enumerate() {
        let var = a.get("variable").and_then(Value::as_str).ok_or_else(|| {
            EncodeError::Other(format!(
                "block {}: assignment {} has no variable",
                node.id,
                i + 1
            ))
        })?;
        let value = a
            .get("value")
            .cloned()
            .unwrap_or(Value::String(String::new()));
        if out.insert(var.to_owned(), value).is_some() {
            return Err(EncodeError::Other(format!(
                "block {}: variable {var:?} is set twice; Connect keeps one value per attribute",
                node.id
            )));
        }
    }
    Ok(out)
}

/// The entries of each action (slot 0, slot 1) for the lines leaving a block.
fn transitions(
    node: &Node,
    spec: &Spec,
    edges: &[&Edge],
    is_pair: bool,
    kept: [&Kept; 2],
) -> Result<[Vec<Entry>; 2], EncodeError> {
    let ports = blocks::ports(node, is_pair);
    let mut out: [Vec<Entry>; 2] = [Vec::new(), Vec::new()];
    let by_port = lines_by_port(node, edges, |p| ports.iter().any(|m| m.port == p))?;
    for pm in &ports {
        let Some(edge) = by_port.get(pm.port.as_str()) else {
            continue;
        };
        let mut first = true;
        for (slot, key) in &pm.keys {
            let k = kept.get(*slot).copied().unwrap_or(kept[0]);
            if k.is_absent(&key.absent_name()) {
                continue;
            }
            if let Some(list) = out.get_mut(*slot) {
                list.push(Entry {
                    key: key.clone(),
                    target: edge.to.clone(),
                    extra: if first {
                        edge.extra.clone().into_iter().collect()
                    } else {
                        Obj::new()
                    },
                });
            }
            first = false;
        }
    }
    if let Some(edge) = spec.mirror.and_then(|p| by_port.get(p)) {
        let k = kept[0];
        let free = !k.is_absent(&Key::Next.absent_name())
            && !k.transitions.contains_key("NextAction")
            && !out[0].iter().any(|e| e.key == Key::Next);
        if free {
            out[0].push(Entry {
                key: Key::Next,
                target: edge.to.clone(),
                extra: Obj::new(),
            });
        }
    }
    check_operators(node)?;
    Ok(out)
}

fn lines_by_port<'a>(
    node: &Node,
    edges: &[&'a Edge],
    known: impl Fn(&str) -> bool,
) -> Result<HashMap<&'a str, &'a Edge>, EncodeError> {
    let mut by_port = HashMap::new();
    for e in edges {
        let port = e.from.port.as_str();
        if !known(port) {
            let why = if node.block == "invoke_function" && port == "timeout" {
                "Connect sends a Lambda timeout to the Error exit; connect Error instead"
            } else {
                "Connect has no transition for it"
            };
            return Err(port_error(node, port, why));
        }
        if by_port.insert(port, *e).is_some() {
            return Err(port_error(node, port, "more than one line leaves it"));
        }
    }
    Ok(by_port)
}

fn check_operators(node: &Node) -> Result<(), EncodeError> {
    for c in blocks::cases(node) {
        if connect_operator(&c.operator).is_none() {
            return Err(EncodeError::Other(format!(
                "block {}: case {} uses operator {:?}, which Connect's Compare has not",
                node.id, c.id, c.operator
            )));
        }
    }
    Ok(())
}

/// A Transitions object: the entries, then what was kept raw; Errors and
/// Conditions in the order they came (`kept.errors`, `kept.conditions`)
/// when decode kept it.
fn build_transitions(entries: Vec<Entry>, kept: &Kept) -> Obj {
    let raw = &kept.transitions;
    let mut t = Obj::new();
    let mut conds: Vec<(usize, Value)> = Vec::new();
    let mut errors: Vec<(usize, Value)> = Vec::new();
    let rank = |order: &[String], name: Option<String>| {
        name.and_then(|n| order.iter().position(|o| *o == n))
            .unwrap_or(usize::MAX)
    };
    for e in entries {
        match &e.key {
            Key::Next => {
                t.entry("NextAction".to_owned())
                    .or_insert(Value::String(e.target));
            }
            Key::Cond(..) => conds.push((rank(&kept.conditions, exit_name(&e.key)), e.to_json())),
            Key::Error(ty) => errors.push((rank(&kept.errors, Some(ty.clone())), e.to_json())),
        }
    }
    for (k, v) in raw {
        match (k.as_str(), v) {
            ("Conditions", Value::Array(a)) => {
                conds.extend(a.iter().map(|c| (usize::MAX, c.clone())))
            }
            ("Errors", Value::Array(a)) => errors.extend(a.iter().map(|c| {
                let ty = c
                    .get("ErrorType")
                    .and_then(Value::as_str)
                    .map(str::to_owned);
                (rank(&kept.errors, ty), c.clone())
            })),
            _ => {
                t.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
    }
    // Stable: what no kept order names stays where it was written.
    conds.sort_by_key(|c| c.0);
    errors.sort_by_key(|e| e.0);
    let listed = |k: &str| raw.get(k).is_some_and(Value::is_array);
    for (key, list) in [("Conditions", conds), ("Errors", errors)] {
        if !list.is_empty() || listed(key) {
            let items = list.into_iter().map(|(_, v)| v).collect();
            t.insert(key.into(), Value::Array(items));
        }
    }
    t
}

fn action(id: &str, ty: &str, params: Obj, transitions: Obj, kept: &Kept) -> Value {
    let mut a = Obj::new();
    a.insert("Identifier".into(), Value::String(id.to_owned()));
    a.insert("Type".into(), Value::String(ty.to_owned()));
    for (key, part) in [("Parameters", params), ("Transitions", transitions)] {
        if part.is_empty() && kept.is_absent(&format!("{key}:null")) {
            a.insert(key.into(), Value::Null);
        } else if !(part.is_empty() && kept.is_absent(key)) {
            a.insert(key.into(), Value::Object(part));
        }
    }
    for (k, v) in &kept.action {
        a.entry(k.clone()).or_insert_with(|| v.clone());
    }
    Value::Object(a)
}

// ---------------------------------------------------------------- provider

fn provider(node: &Node, edges: &[&Edge]) -> Result<Vec<Out>, EncodeError> {
    let get = |k: &str| node.params.get(k);
    if get("provider").and_then(Value::as_str) != Some("connect") {
        return Err(EncodeError::Unsupported {
            node: node.id.clone(),
            block: format!(
                "provider ({})",
                get("provider").and_then(Value::as_str).unwrap_or("unknown")
            ),
            target: Provider::Connect,
        });
    }
    let ty = get("type")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            EncodeError::Other(format!(
                "block {}: a Connect block needs its action type",
                node.id
            ))
        })?;
    let params = match get("parameters") {
        Some(Value::Object(p)) => p.clone(),
        None => Obj::new(),
        Some(_) => {
            return Err(EncodeError::Other(format!(
                "block {}: parameters must be an object",
                node.id
            )));
        }
    };
    let exits = blocks::string_list(node, "exits");
    let by_port = lines_by_port(node, edges, |p| exits.iter().any(|x| x == p))?;
    let mut entries = Vec::new();
    for name in &exits {
        let Some(edge) = by_port.get(name.as_str()) else {
            continue;
        };
        let key = exit_key(name).ok_or_else(|| {
            port_error(
                node,
                name,
                "the exit name is not next, error:TYPE or Operator:value",
            )
        })?;
        entries.push(Entry {
            key,
            target: edge.to.clone(),
            extra: edge.extra.clone().into_iter().collect(),
        });
    }
    let kept = kept_of(node);
    let ivr = ActionIvr {
        label: label_written(&node.label, &node.id, &kept.metadata),
        exits: (derived_exits(&exits, &by_port) != exits).then(|| exits.clone()),
        ..ActionIvr::default()
    }
    .to_json();
    Ok(vec![Out {
        id: node.id.clone(),
        action: action(
            &node.id,
            ty,
            params,
            build_transitions(entries, &kept),
            &kept,
        ),
        metadata: entry(node.position, &kept, ivr),
    }])
}

/// The exits decode gives a provider block from the transitions written:
/// the wired ones, NextAction first, then Conditions, then Errors.
fn derived_exits(exits: &[String], wired: &HashMap<&str, &Edge>) -> Vec<String> {
    let rank = |n: &str| match exit_key(n) {
        Some(Key::Next) => 0,
        Some(Key::Cond(..)) => 1,
        _ => 2,
    };
    let mut out: Vec<String> = exits
        .iter()
        .filter(|x| wired.contains_key(x.as_str()))
        .cloned()
        .collect();
    out.sort_by_key(|x| rank(x));
    out
}
