//! Helpers shared by the CCC dialect tests: semantic JSON comparison, flow
//! normalisation "up to provider ids", and generators of neutral flows.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, HashMap};

use ivr_flow::catalog::{self, PROVIDER_BLOCK, ParamKind};
use ivr_flow::dialect::{DecodeError, EncodeError};
use ivr_flow::model::{Edge, Flow, FlowKind, Node, PortRef, Position, Provider, VarType, Variable};
use proptest::prelude::{TestCaseError, prop_assert_eq};
use serde_json::{Value, json};

/// A JSON value with order-free objects and numbers compared by value.
pub fn canonical(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            let sorted: BTreeMap<&String, Value> =
                m.iter().map(|(k, v)| (k, canonical(v))).collect();
            let mut out = serde_json::Map::new();
            for (k, v) in sorted {
                out.insert(k.clone(), v);
            }
            Value::Object(out)
        }
        Value::Array(a) => Value::Array(a.iter().map(canonical).collect()),
        Value::Number(n) => n.as_f64().map_or_else(|| v.clone(), |f| json!(f)),
        other => other.clone(),
    }
}

/// Asserts two JSON documents are semantically equal, showing both if not.
pub fn assert_same(left: &Value, right: &Value) {
    let (l, r) = (canonical(left), canonical(right));
    if l != r {
        panic!(
            "documents differ\n--- left\n{}\n--- right\n{}",
            serde_json::to_string_pretty(&l).unwrap(),
            serde_json::to_string_pretty(&r).unwrap()
        );
    }
}

/// Reads a fixture of this crate's tests.
pub fn fixture(name: &str) -> Value {
    let path = format!(
        "{}/tests/fixtures/aliyun/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A document from the shared reference folder, when this checkout has one.
pub fn shared(rel: &str) -> Option<String> {
    let path = format!("{}/../../../shared/{rel}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).ok()
}

/// The flow in the provider's positions (as [`ivr_flow::spread::restore`]
/// gives it) with provider-assigned things taken out: node ids become their
/// position in the list, edge ids are dropped, edges are sorted, and the
/// extra keys named in `provider_keys` are removed from nodes and edges.
pub fn up_to_ids(flow: &Flow, provider_keys: &[&str]) -> Flow {
    let ids: HashMap<&str, String> = flow
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), format!("n{i}")))
        .collect();
    let rename = |id: &str| ids.get(id).cloned().unwrap_or_else(|| id.to_owned());
    let mut out = ivr_flow::spread::restore(flow).into_owned();
    for n in &mut out.nodes {
        n.id = rename(&n.id);
        for k in provider_keys {
            n.extra.remove(*k);
        }
    }
    for e in &mut out.edges {
        e.id = String::new();
        e.from.node = rename(&e.from.node);
        e.to = rename(&e.to);
        for k in provider_keys {
            e.extra.remove(*k);
        }
    }
    out.edges.sort_by(|a, b| {
        (&a.from.node, &a.from.port, &a.to).cmp(&(&b.from.node, &b.from.port, &b.to))
    });
    out
}

/// What `decode` reads from `doc`, `encode` writes; and that reads back and
/// writes the same (`doc` need not be a document at all).
pub fn writes_back_stably(
    doc: &Value,
    decode: fn(&Value) -> Result<Flow, DecodeError>,
    encode: fn(&Flow) -> Result<Value, EncodeError>,
) -> Result<(), TestCaseError> {
    if let Ok(flow) = decode(doc)
        && let Ok(out) = encode(&flow)
    {
        let again = decode(&out).unwrap();
        prop_assert_eq!(encode(&again).unwrap(), out);
    }
    Ok(())
}

/// A small deterministic generator, so a proptest seed builds one flow.
pub struct Gen(u64);

impl Gen {
    pub fn new(seed: u64) -> Gen {
        Gen(seed ^ 0x9e37_79b9_7f4a_7c15)
    }
    pub fn next_u64(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    pub fn coin(&mut self) -> bool {
        self.next_u64() & 1 == 1
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    pub fn text(&mut self) -> String {
        const WORDS: [&str; 8] = [
            "欢迎",
            "hello",
            "按1",
            "#",
            "请稍候",
            " ",
            "\"quoted\"",
            "${caller}",
        ];
        (0..self.below(4)).map(|_| *self.pick(&WORDS)).collect()
    }
    pub fn word(&mut self) -> String {
        const WORDS: [&str; 6] = ["alpha", "beta", "tier", "x1", "会员", "var_a"];
        self.pick(&WORDS).to_string()
    }
}

/// A value for a catalog parameter.
pub fn param_value(g: &mut Gen, kind: &ParamKind, key: &str) -> Value {
    match kind {
        ParamKind::Text { .. } | ParamKind::Tts { .. } => json!(g.text()),
        ParamKind::Number { min, max, .. } => {
            let span = (*max - *min) as u64 + 1;
            json!(*min as i64 + (g.next_u64() % span) as i64)
        }
        ParamKind::Bool => json!(g.coin()),
        ParamKind::Choice { options } => {
            if key == "function_kind" {
                return json!(if g.coin() { "function_compute" } else { "http" });
            }
            json!(g.pick(options).value)
        }
        ParamKind::Keys { .. } => {
            let keys = ["1", "2", "3", "9", "0", "*", "#"];
            let n = 1 + g.below(4);
            let start = g.below(keys.len());
            json!(
                (0..n)
                    .map(|i| keys[(start + i) % keys.len()])
                    .collect::<Vec<_>>()
            )
        }
        ParamKind::Variable => json!(g.word()),
        ParamKind::Assignments { .. } => json!(
            (0..1 + g.below(3))
                .map(|_| json!({"variable": g.word(), "value": g.text()}))
                .collect::<Vec<_>>()
        ),
        ParamKind::Cases { .. } => {
            let ids = ["A", "B", "C", "gold", "x-1"];
            let n = 1 + g.below(3);
            let start = g.below(ids.len());
            json!(
                (0..n)
                    .map(|i| json!({
                        "id": ids[(start + i) % ids.len()],
                        "operator": *g.pick(&catalog::OPERATORS),
                        "value": g.text(),
                    }))
                    .collect::<Vec<_>>()
            )
        }
        ParamKind::Exits { .. } => json!([]),
        ParamKind::Reference { .. } => json!(format!("ref-{}", g.word())),
        ParamKind::Phone => json!(if g.coin() {
            "+8613800000000"
        } else {
            "${caller}"
        }),
        ParamKind::Object => json!({ g.word(): g.text() }),
    }
}

/// The neutral blocks (not `provider`, not `start`) a target can carry.
pub fn carried_blocks(target: Provider) -> Vec<&'static str> {
    catalog::catalog()
        .blocks
        .iter()
        .filter(|b| b.providers.contains(&target) && b.id != PROVIDER_BLOCK && b.id != "start")
        .map(|b| b.id.as_str())
        .collect()
}

/// A flow drawn from neutral blocks the target carries: a start, then
/// `size` blocks with every parameter set, lines from random exits.
pub fn neutral_flow(seed: u64, size: usize, target: Provider, kind: FlowKind) -> Flow {
    let mut g = Gen::new(seed);
    let blocks = carried_blocks(target);
    let mut nodes = Vec::new();
    for i in 0..=size {
        let block = if i == 0 { "start" } else { *g.pick(&blocks) };
        let spec = catalog::catalog().block(block).unwrap();
        let params = spec
            .params
            .iter()
            .map(|p| (p.key.clone(), param_value(&mut g, &p.kind, &p.key)))
            .collect();
        nodes.push(Node {
            id: if g.coin() {
                format!("node{i}")
            } else {
                format!("{:08x}", g.next_u64() as u32)
            },
            block: block.to_owned(),
            label: g.text(),
            position: Position {
                x: (g.next_u64() % 8000) as f64 / 4.0 - 500.0,
                y: (g.next_u64() % 8000) as f64 / 2.0,
            },
            params,
            extra: Default::default(),
        });
    }
    // Ids must be unique.
    for i in 0..nodes.len() {
        if nodes[..i].iter().any(|n| n.id == nodes[i].id) {
            nodes[i].id = format!("dup{i}");
        }
    }
    let mut edges = Vec::new();
    for n in &nodes {
        let spec = catalog::catalog().block(&n.block).unwrap();
        for port in spec.ports_of(n) {
            if g.below(4) == 0 {
                continue;
            }
            let to = nodes[g.below(nodes.len())].id.clone();
            edges.push(Edge {
                id: format!("line{}", edges.len()),
                from: PortRef {
                    node: n.id.clone(),
                    port: port.id.into_owned(),
                },
                to,
                extra: Default::default(),
            });
        }
    }
    let variables = (0..g.below(3))
        .map(|i| Variable {
            name: format!("v{i}_{}", g.word()),
            ty: *g.pick(&[VarType::String, VarType::Number, VarType::Boolean]),
            initial: g.text(),
            description: g.text(),
        })
        .collect();
    Flow {
        name: g.text(),
        description: g.text(),
        kind,
        variables,
        nodes,
        edges,
        ..Flow::default()
    }
}

/// Arbitrary JSON, for the never-panics properties.
pub fn any_json() -> impl proptest::strategy::Strategy<Value = Value> {
    use proptest::prelude::*;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        (-1.0e6f64..1.0e6).prop_map(|f| json!(f)),
        "[a-zA-Z_ 0-9:#*-]{0,8}".prop_map(Value::String),
        prop::sample::select(vec![
            "activities",
            "events",
            "next",
            "edgeId",
            "type",
            "id",
            "complete",
            "PLAY_SAY",
            "GATHER_INPUT",
            "HANGUP",
            "keys",
            "Content",
            "Canvas",
            "lineList",
            "nodeType",
            "start",
            "relatedModules",
            "begin",
            "end",
            "variables",
            "Definition",
            "1",
            "999",
        ])
        .prop_map(|s| json!(s)),
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(vec![
                    "activities",
                    "events",
                    "next",
                    "edgeId",
                    "type",
                    "id",
                    "name",
                    "properties",
                    "position",
                    "x",
                    "y",
                    "event",
                    "nodeIndex",
                    "say",
                    "keys",
                    "description",
                    "Definition",
                    "Data",
                    "List",
                    "Content",
                    "Canvas",
                    "lineList",
                    "relatedModules",
                    "begin",
                    "end",
                    "offsetEndPonit",
                    "nodeType",
                    "nodeDescript",
                    "variables",
                    "ContactFlow",
                    "Versions",
                    "ContactFlowVersion",
                    "branch",
                ]),
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ]
    })
}

/// Replaces the value reached by following `path` (indexes taken modulo
/// each container's size) with `replacement`.
pub fn replace_at(doc: &mut Value, path: &[usize], replacement: Value) {
    let mut pointer = String::new();
    let mut at: &Value = doc;
    for step in path {
        let (key, next) = match at {
            Value::Array(a) if !a.is_empty() => {
                let i = step % a.len();
                (i.to_string(), &a[i])
            }
            Value::Object(m) if !m.is_empty() => {
                let (k, v) = m.iter().nth(step % m.len()).unwrap();
                (k.replace('~', "~0").replace('/', "~1"), v)
            }
            _ => break,
        };
        pointer.push('/');
        pointer.push_str(&key);
        at = next;
    }
    if let Some(slot) = doc.pointer_mut(&pointer) {
        *slot = replacement;
    }
}

/// Makes a value for a generated field.
type MakeValue = fn(&mut Gen) -> Value;

/// A random CCC 2020 Definition: mapped and unknown types, properties the
/// mapping knows and does not, events with known, aliased and unknown
/// names, wired, unwired and dangling, with and without edgeId.
pub fn random_definition(seed: u64) -> Value {
    const TYPES: [&str; 17] = [
        "INCOMING_CALL",
        "SUB_START",
        "PLAY_SAY",
        "GATHER_INPUT",
        "SPLIT",
        "SET_VARIABLES",
        "TRANSFER_TO_AGENT",
        "BLIND_TRANSFER",
        "VOICE_MAIL",
        "SMS",
        "RUN_FUNCTION",
        "HTTP_REQUEST",
        "SUB",
        "HANGUP",
        "SUB_END",
        "ASR",
        "NEW_THING",
    ];
    const PROPS: [(&str, MakeValue); 14] = [
        ("say", |g| json!(g.text())),
        ("audioType", |g| {
            json!(*g.pick(&["tts", "audio", "ssml", "video"]))
        }),
        ("audioResourceId", |g| json!(g.word())),
        ("audioInterrupt", |g| json!(g.coin())),
        ("keys", |g| {
            if g.coin() {
                json!(["1", "2"])
            } else {
                json!([1, "x"])
            }
        }),
        ("timeout", |g| json!(g.below(60))),
        ("variableName", |g| json!(g.word())),
        (
            "conditions",
            |_| json!([{"id": "A", "operator": "equals", "value": "1"}]),
        ),
        ("agentId", |g| json!(g.word())),
        ("skillGroupId", |g| json!(g.word())),
        ("url", |g| json!(g.text())),
        ("functionName", |g| json!(g.word())),
        ("somethingElse", |g| json!({"k": g.text()})),
        ("position", |_| json!("not a position")),
    ];
    const EVENTS: [&str; 13] = [
        "complete", "failure", "timeout", "default", "overflow", "busy", "1", "2", "Branch-A",
        "Success", "Failure", "Hangup", "weird",
    ];
    let mut g = Gen::new(seed);
    let n = 1 + g.below(8);
    let ids: Vec<String> = (0..n)
        .map(|i| format!("{:08x}", 0x1000_0000 + i * 17))
        .collect();
    let mut edge_no = 0u32;
    let activities: Vec<Value> = (0..n)
        .map(|i| {
            let mut props = serde_json::Map::new();
            for (k, f) in PROPS.iter() {
                if g.below(4) == 0 {
                    props.insert((*k).to_owned(), f(&mut g));
                }
            }
            if !props.contains_key("position") || g.coin() {
                props.insert(
                    "position".into(),
                    json!({"x": g.below(2000) as f64 / 2.0, "y": g.below(1000)}),
                );
            }
            let mut names: Vec<&str> = Vec::new();
            // Half the activities use only the commonest events, so most
            // of them map to blocks rather than provider blocks.
            let pool = if g.coin() { &EVENTS[..2] } else { &EVENTS[..] };
            for _ in 0..g.below(5) {
                let name = *g.pick(pool);
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            let events: Vec<Value> = names
                .iter()
                .map(|name| {
                    let mut e = serde_json::Map::new();
                    e.insert("event".into(), json!(name));
                    match g.below(5) {
                        0 => {}
                        1 => {
                            e.insert("next".into(), Value::Null);
                        }
                        2 => {
                            e.insert("next".into(), json!("deadbeef"));
                        }
                        _ => {
                            e.insert("next".into(), json!(g.pick(&ids)));
                        }
                    }
                    if e.get("next").is_some_and(Value::is_string) && g.below(4) != 0 {
                        edge_no += 1;
                        e.insert(
                            "edgeId".into(),
                            json!(format!("{:08x}", 0xe000_0000u32 + edge_no)),
                        );
                    }
                    if g.below(6) == 0 {
                        e.insert("note".into(), json!(g.text()));
                    }
                    Value::Object(e)
                })
                .collect();
            let mut a = serde_json::Map::new();
            a.insert("type".into(), json!(g.pick(&TYPES)));
            a.insert("id".into(), json!(ids[i]));
            a.insert("name".into(), json!(g.text()));
            a.insert("properties".into(), Value::Object(props));
            a.insert("events".into(), Value::Array(events));
            a.insert(
                "nodeIndex".into(),
                json!(if g.below(5) == 0 { 999 } else { i }),
            );
            if g.below(6) == 0 {
                a.insert("locked".into(), json!(true));
            }
            Value::Object(a)
        })
        .collect();
    let mut def = json!({"activities": activities, "description": g.text()});
    if g.below(4) == 0 {
        def["layout"] = json!({"zoom": 1.5});
    }
    def
}

/// A random CCC 2017 Content + Canvas: mapped and unknown node types,
/// implicit and explicit module ids (numbers and strings), lines with and
/// without branches and offsets, to modules that exist and that do not.
pub fn random_content_canvas(seed: u64) -> Value {
    const TYPES: [&str; 18] = [
        "start",
        "playVoice",
        "menu",
        "collectDigits",
        "condition",
        "setVariable",
        "transferSkillGroup",
        "transferAgent",
        "transferPhone",
        "voiceMail",
        "sms",
        "functionCompute",
        "http",
        "subflow",
        "hangup",
        "end",
        "smartNavigation",
        "x",
    ];
    const FIELDS: [(&str, MakeValue); 9] = [
        ("say", |g| json!(g.text())),
        ("audioType", |g| json!(*g.pick(&["tts", "audio"]))),
        ("keys", |_| json!(["1", "2"])),
        ("timeout", |g| json!(g.below(60))),
        ("skillGroupId", |g| json!(g.word())),
        ("url", |g| json!(g.text())),
        ("position", |_| json!([1, 2])),
        ("nodeDescript", |_| json!(null)),
        ("other", |g| json!({"k": g.word()})),
    ];
    let mut g = Gen::new(seed);
    let n = 1 + g.below(7);
    let mut modules: Vec<Value> = Vec::new();
    let content: Vec<Value> = (0..n)
        .map(|i| {
            let mut m = serde_json::Map::new();
            let ty = if i == 0 { "start" } else { *g.pick(&TYPES) };
            m.insert("nodeType".into(), json!(ty));
            m.insert("nodeDescript".into(), json!(g.text()));
            match g.below(4) {
                0 if i == 0 => modules.push(json!(1)),
                1 => {
                    let id = json!(format!("m{i}"));
                    modules.push(id.clone());
                    m.insert("id".into(), id);
                }
                _ => {
                    let id = json!(100 + i);
                    modules.push(id.clone());
                    m.insert("id".into(), id);
                }
            }
            if g.coin() {
                m.insert("position".into(), json!({"x": g.below(500), "y": g.below(500) as f64 + 0.25}));
            }
            if ty == "start" && g.coin() {
                m.insert(
                    "variables".into(),
                    if g.coin() {
                        json!([{"varName": "a", "varType": "string", "varInitial": "", "varDescript": ""}])
                    } else {
                        json!([{"varName": "a", "varType": "int"}])
                    },
                );
            }
            for (k, f) in FIELDS.iter() {
                if g.below(5) == 0 {
                    m.insert((*k).to_owned(), f(&mut g));
                }
            }
            Value::Object(m)
        })
        .collect();
    modules.push(json!(999));
    let lines: Vec<Value> = (0..g.below(8))
        .map(|_| {
            let mut rm = serde_json::Map::new();
            rm.insert("begin".into(), g.pick(&modules).clone());
            rm.insert("end".into(), g.pick(&modules).clone());
            match g.below(5) {
                0 => {
                    rm.insert("branch".into(), json!("timeout"));
                }
                1 => {
                    rm.insert("branch".into(), json!("next"));
                }
                2 => {
                    rm.insert("branch".into(), json!(3));
                }
                _ => {}
            }
            let mut l = serde_json::Map::new();
            l.insert("relatedModules".into(), Value::Object(rm));
            match g.below(3) {
                0 => {}
                1 => {
                    l.insert("offsetEndPonit".into(), json!({"offsetX": 0, "offsetY": 0}));
                }
                _ => {
                    l.insert(
                        "offsetEndPonit".into(),
                        json!({"offsetX": g.below(9), "offsetY": -1.5}),
                    );
                }
            }
            Value::Object(l)
        })
        .collect();
    json!({"Content": content, "Canvas": {"lineList": lines}})
}
