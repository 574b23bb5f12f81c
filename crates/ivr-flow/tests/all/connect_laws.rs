//! Connect Flow language dialect: the two laws on generated flows, and
//! "decode never panics" on arbitrary JSON.
//!
//! Law 2 generates neutral flows from every block Connect carries (and Connect
//! provider blocks), with random parameters, labels, positions, lines, notes,
//! variables and kinds, and checks `decode(encode(f)) == f` up to edge ids.
//! Law 1 generates Content documents (mapped and unknown action types, random
//! transitions, console metadata, annotations, module Settings) and checks
//! `encode(decode(x))` is semantically equal to `x`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use crate::support::connect::{assert_same, up_to_edge_ids};
use ivr_flow::catalog::catalog;
use ivr_flow::dialect::connect;
use ivr_flow::model::{
    Edge, Flow, FlowKind, Node, Note, PortRef, Position, Provider, Size, VarType, Variable,
};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

/// A small deterministic generator, so one proptest seed builds one flow.
struct Gen(u64);

impl Gen {
    fn new(seed: u64) -> Gen {
        Gen(seed ^ 0x2545_f491_4f6c_dd1d)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn coin(&mut self) -> bool {
        self.next() & 1 == 1
    }
    fn int(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }
    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())].clone()
    }
    /// Text with the characters that could trip a mapping.
    fn text(&mut self) -> String {
        const PARTS: [&str; 12] = [
            "Welcome",
            "按1",
            "<speak>hi</speak>",
            "[",
            ":",
            "error:",
            "$.Attributes.x",
            " ",
            "\"q\"",
            "ContinueLooping",
            "#",
            "",
        ];
        (0..self.below(3)).map(|_| self.pick(&PARTS)).collect()
    }
    fn word(&mut self) -> String {
        self.pick(&["tier", "account", "lang", "vip_level", "客户"])
            .to_owned()
    }
    fn position(&mut self) -> Position {
        let half = |g: &mut Gen| if g.coin() { 0.5 } else { 0.0 };
        Position {
            x: self.int(-3000, 3000) as f64 + half(self),
            y: self.int(-3000, 3000) as f64 + half(self),
        }
    }
}

/// Blocks Connect carries, besides start.
const BLOCKS: [&str; 15] = [
    "play_prompt",
    "menu",
    "collect_digits",
    "branch",
    "set_variables",
    "check_hours",
    "loop",
    "transfer_queue",
    "transfer_agent",
    "transfer_external",
    "invoke_function",
    "sub_flow",
    "hang_up",
    "end_flow",
    "provider",
];

fn distinct_sample(g: &mut Gen, pool: &[&str], max: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for _ in 0..g.int(1, max as i64) {
        let x = g.pick(pool).to_owned();
        if !out.contains(&x) {
            out.push(x);
        }
    }
    out
}

fn params(g: &mut Gen, block: &str) -> BTreeMap<String, Value> {
    let num = |g: &mut Gen, lo, hi| json!(g.int(lo, hi));
    let v: Value = match block {
        "play_prompt" => json!({
            "text": g.text(),
            "voice_type": g.pick(&["tts", "ssml", "audio"]),
            "interruptible": g.coin(),
        }),
        "menu" => json!({
            "prompt": g.text(),
            "keys": distinct_sample(g, &["0", "1", "2", "3", "9", "*", "#"], 4),
            "timeout_seconds": num(g, 1, 180),
        }),
        "collect_digits" => json!({
            "prompt": g.text(),
            "variable": if g.coin() { String::new() } else { g.word() },
            "min_digits": num(g, 1, 32),
            "max_digits": num(g, 1, 32),
            "timeout_seconds": num(g, 1, 180),
            "terminator": g.pick(&["#", "*", "none"]),
        }),
        "branch" => {
            let ids = distinct_sample(g, &["a", "b", "gold", "c1", "c2", "x:y"], 4);
            let cases: Vec<Value> = ids
                .iter()
                .map(|id| json!({"id": id, "operator": g.pick(&ivr_flow::catalog::OPERATORS), "value": g.text()}))
                .collect();
            json!({"value": "$.Attributes.tier", "cases": cases})
        }
        "set_variables" => {
            let vars = distinct_sample(g, &["tier", "lang", "a", "b", "客户"], 3);
            let a: Vec<Value> = vars
                .iter()
                .map(|v| json!({"variable": v, "value": g.text()}))
                .collect();
            json!({ "assignments": a })
        }
        "check_hours" => json!({"hours": g.text()}),
        "loop" => json!({"count": num(g, 0, 100)}),
        "transfer_queue" => json!({"queue": g.text()}),
        "transfer_agent" => json!({"agent": g.text()}),
        "transfer_external" => json!({
            "phone_number": g.pick(&["+14155550100", "$.Attributes.number"]),
            "timeout_seconds": num(g, 1, 600),
            "continue_after": g.coin(),
        }),
        "invoke_function" => json!({
            "function_kind": "lambda",
            "function": "arn:aws:lambda:us-east-1:111122223333:function:f",
            "timeout_seconds": num(g, 1, 8),
            "inputs": if g.coin() { json!({}) } else { json!({"k": g.text()}) },
        }),
        "sub_flow" => json!({"flow": g.text()}),
        "provider" => {
            let mut exits = vec![];
            if g.coin() {
                exits.push("next".to_owned());
            }
            exits.extend(distinct_sample(
                g,
                &["Equals:Done", "NumberLessThan:50", r#"Equals:["a","b"]"#],
                2,
            ));
            exits.extend(distinct_sample(
                g,
                &["error:NoMatchingError", "error:Timeout"],
                2,
            ));
            json!({
                "provider": "connect",
                "type": g.pick(&["Wait", "ShowView", "CreateTask"]),
                "exits": exits,
                "parameters": if g.coin() { json!({}) } else { json!({"TimeoutSeconds": "30"}) },
            })
        }
        _ => json!({}),
    };
    v.as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// A neutral flow Connect can carry.
fn neutral_flow(seed: u64) -> Flow {
    let mut g = Gen::new(seed);
    let n = g.int(1, 8) as usize;
    let mut nodes = vec![Node {
        id: "start".into(),
        block: "start".into(),
        label: if g.coin() { String::new() } else { g.text() },
        position: g.position(),
        ..Node::default()
    }];
    for i in 0..n {
        let block = g.pick(&BLOCKS);
        nodes.push(Node {
            id: format!("n{i}"),
            block: block.into(),
            label: if g.coin() { String::new() } else { g.text() },
            position: g.position(),
            params: params(&mut g, block),
            extra: BTreeMap::new(),
        });
    }
    let mut edges = Vec::new();
    for node in &nodes {
        let spec = catalog().block(&node.block).unwrap();
        for port in spec.ports_of(node) {
            let skip = node.block == "invoke_function" && port.id == "timeout";
            if skip || g.below(4) == 0 {
                continue;
            }
            edges.push(Edge {
                id: format!("edge{}", edges.len()),
                from: PortRef {
                    node: node.id.clone(),
                    port: port.id.to_string(),
                },
                to: format!("n{}", g.below(n)),
                extra: BTreeMap::new(),
            });
        }
    }
    let notes = (0..g.below(3))
        .map(|i| Note {
            id: format!("note{i}"),
            text: g.text(),
            position: g.position(),
            size: g.coin().then(|| Size {
                width: g.int(50, 400) as f64,
                height: g.int(50, 400) as f64,
            }),
            node: g.coin().then(|| format!("n{}", g.below(n))),
            extra: BTreeMap::new(),
        })
        .collect();
    let variables = (0..g.below(3))
        .map(|i| Variable {
            name: format!("v{i}"),
            ty: g.pick(&[VarType::String, VarType::Number, VarType::Boolean]),
            initial: g.text(),
            description: g.text(),
        })
        .collect();
    let kinds = [
        FlowKind::Main,
        FlowKind::Sub,
        FlowKind::Survey,
        FlowKind::CustomerQueue,
        FlowKind::CustomerHold,
        FlowKind::CustomerWhisper,
        FlowKind::AgentHold,
        FlowKind::AgentWhisper,
        FlowKind::OutboundWhisper,
        FlowKind::AgentTransfer,
        FlowKind::QueueTransfer,
        FlowKind::Campaign,
    ];
    Flow {
        name: g.text(),
        description: g.text(),
        kind: g.pick(&kinds),
        variables,
        nodes,
        edges,
        notes,
        bindings: Vec::new(),
        extra: BTreeMap::new(),
    }
}

// ---------------------------------------------------------------- law 1 documents

const MAPPED: [(&str, &str); 12] = [
    ("MessageParticipant", r#"{"Text": "Hello"}"#),
    (
        "MessageParticipant",
        r#"{"PromptId": "arn:aws:connect:::prompt/p", "Extra": 1}"#,
    ),
    (
        "GetParticipantInput",
        r#"{"Text": "Press 1", "StoreInput": "False", "InputTimeLimitSeconds": "5"}"#,
    ),
    (
        "GetParticipantInput",
        r#"{"SSML": "<speak>id</speak>", "StoreInput": "True", "InputTimeLimitSeconds": 9, "InputValidation": {"CustomValidation": {"MaximumLength": "4"}}}"#,
    ),
    ("Compare", r#"{"ComparisonValue": "$.Attributes.tier"}"#),
    (
        "UpdateContactAttributes",
        r#"{"Attributes": {"a": "1", "b": "$.StoredCustomerInput"}, "TargetContact": "Current"}"#,
    ),
    ("CheckHoursOfOperation", r#"{"HoursOfOperationId": "h"}"#),
    ("Loop", r#"{"LoopCount": "3"}"#),
    ("UpdateContactTargetQueue", r#"{"QueueId": "q"}"#),
    (
        "TransferParticipantToThirdParty",
        r#"{"ThirdPartyPhoneNumber": "+1", "ThirdPartyConnectionTimeLimitSeconds": "30", "ContinueFlowExecution": "False"}"#,
    ),
    (
        "InvokeLambdaFunction",
        r#"{"LambdaFunctionARN": "arn:f", "InvocationTimeLimitSeconds": "8"}"#,
    ),
    ("TransferToFlow", r#"{"ContactFlowId": "f"}"#),
];

const OTHER: [&str; 6] = [
    "TransferContactToQueue",
    "DisconnectParticipant",
    "EndFlowExecution",
    "Wait",
    "UpdateContactRecordingBehavior",
    "InvokeFlowModule",
];

const ERRORS: [&str; 6] = [
    "NoMatchingError",
    "NoMatchingCondition",
    "InputTimeLimitExceeded",
    "QueueAtCapacity",
    "CallFailed",
    "ConnectionTimeLimitExceeded",
];

const CONDS: [(&str, &str); 7] = [
    ("Equals", "1"),
    ("Equals", "2"),
    ("Equals", "True"),
    ("Equals", "ContinueLooping"),
    ("Equals", "DoneLooping"),
    ("TextStartsWith", "ab"),
    ("NumberGreaterThan", "10"),
];

/// A Content document Connect could hold: mapped and unknown actions with
/// random transitions, metadata, annotations and maybe module Settings.
fn content_doc(seed: u64) -> Value {
    let mut g = Gen::new(seed);
    let n = g.int(1, 8) as usize;
    let ids: Vec<String> = (0..n).map(|i| format!("a{i}")).collect();
    let mut actions = Vec::new();
    let mut meta = Map::new();
    for id in &ids {
        let (ty, params): (String, Value) = if g.coin() {
            let (t, p) = g.pick(&MAPPED);
            (t.to_owned(), serde_json::from_str(p).unwrap())
        } else {
            (g.pick(&OTHER).to_owned(), json!({}))
        };
        let mut t = Map::new();
        if g.coin() {
            t.insert("NextAction".into(), json!(g.pick(&ids)));
        }
        if g.coin() {
            let conds: Vec<Value> = (0..g.below(3))
                .map(|_| {
                    let (op, v) = g.pick(&CONDS);
                    json!({"NextAction": g.pick(&ids), "Condition": {"Operator": op, "Operands": [v]}})
                })
                .collect();
            t.insert("Conditions".into(), Value::Array(conds));
        }
        if g.coin() {
            let errs: Vec<Value> = (0..g.below(4))
                .map(|_| json!({"NextAction": g.pick(&ids), "ErrorType": g.pick(&ERRORS)}))
                .collect();
            t.insert("Errors".into(), Value::Array(errs));
        }
        actions.push(json!({"Identifier": id, "Type": ty, "Parameters": params, "Transitions": t}));
        if g.below(4) != 0 {
            let mut entry = json!({"position": {"x": g.int(0, 900), "y": g.int(0, 900)}});
            if g.coin() {
                entry["conditionMetadata"] = json!([]);
            }
            meta.insert(id.clone(), entry);
        }
    }
    let mut doc = json!({"Version": "2019-10-30", "StartAction": g.pick(&ids), "Actions": actions});
    if g.below(4) != 0 {
        let notes: Vec<Value> = (0..g.below(3))
            .map(|i| json!({"type": "default", "id": format!("n{i}"), "content": g.text(),
                "actionId": if g.coin() { g.pick(&ids) } else { String::new() },
                "isFolded": g.coin(), "position": {"x": 1, "y": 2}, "size": {"height": 9, "width": 8}}))
            .collect();
        let mut m = json!({"entryPointPosition": {"x": 10, "y": 20}, "ActionMetadata": meta, "Annotations": notes});
        if g.coin() {
            m["name"] = json!(g.text());
            m["type"] = json!(g.pick(&["contactFlow", "customerQueue", "agentWhisper"]));
            m["status"] = json!("published");
            m["hash"] = json!({});
        }
        doc["Metadata"] = m;
    }
    if g.below(5) == 0 {
        doc["Settings"] = json!({"InputParameters": [], "OutputParameters": [], "Transitions": []});
    }
    doc
}

// ---------------------------------------------------------------- properties

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Law 2: a neutral flow survives Content, up to the ids Connect assigns.
    #[test]
    fn law2_neutral_flows_survive_connect(seed in any::<u64>()) {
        let f = neutral_flow(seed);
        let content = connect::encode(&f).map_err(|e| TestCaseError::fail(format!("encode: {e}")))?;
        let back = connect::decode(&content).map_err(|e| TestCaseError::fail(format!("decode: {e}\n{content:#}")))?;
        prop_assert_eq!(up_to_edge_ids(&back), up_to_edge_ids(&f), "Content:\n{:#}", content);
    }

    /// Law 1: a Content document survives decode then encode.
    #[test]
    fn law1_content_survives_the_model(seed in any::<u64>()) {
        let doc = content_doc(seed);
        let flow = connect::decode(&doc).map_err(|e| TestCaseError::fail(format!("decode: {e}")))?;
        let back = connect::encode(&flow).map_err(|e| TestCaseError::fail(format!("encode: {e}")))?;
        assert_same(&back, &doc);
    }

    /// Decode returns an error, never panics, on any JSON value.
    #[test]
    fn decode_never_panics_on_arbitrary_json(v in arb_json()) {
        let _ = connect::detect(&v);
        let _ = connect::decode(&v);
        let _ = connect::decode(&json!({"ContactFlow": {"Content": v.to_string()}}));
    }

    /// Nor on Content with a part replaced by an arbitrary value.
    #[test]
    fn decode_never_panics_on_damaged_content(seed in any::<u64>(), v in arb_json(), at in 0usize..64) {
        let mut doc = content_doc(seed);
        damage(&mut doc, at, v);
        if let Ok(flow) = connect::decode(&doc) {
            let _ = connect::encode(&flow);
        }
    }
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        prop_oneof![
            ".{0,12}",
            Just("2019-10-30".to_owned()),
            Just("NextAction".to_owned()),
            Just("Equals".to_owned()),
        ]
        .prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        let keys = prop_oneof![
            Just("Version".to_owned()),
            Just("Actions".to_owned()),
            Just("StartAction".to_owned()),
            Just("Metadata".to_owned()),
            Just("Identifier".to_owned()),
            Just("Type".to_owned()),
            Just("Parameters".to_owned()),
            Just("Transitions".to_owned()),
            Just("NextAction".to_owned()),
            Just("Errors".to_owned()),
            Just("Conditions".to_owned()),
            Just("Condition".to_owned()),
            Just("ActionMetadata".to_owned()),
            Just("Annotations".to_owned()),
            Just("ContactFlow".to_owned()),
            Just("Content".to_owned()),
            Just("modules".to_owned()),
            "[a-z]{1,6}",
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((keys, inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// Replaces the `at`-th value (depth first) of `doc` with `v`.
fn damage(doc: &mut Value, at: usize, v: Value) {
    fn walk(x: &mut Value, left: &mut usize, v: &mut Option<Value>) {
        if *left == 0 {
            if let Some(v) = v.take() {
                *x = v;
            }
            return;
        }
        *left -= 1;
        match x {
            Value::Object(m) => m.values_mut().for_each(|c| walk(c, left, v)),
            Value::Array(a) => a.iter_mut().for_each(|c| walk(c, left, v)),
            _ => {}
        }
    }
    let mut left = at;
    walk(doc, &mut left, &mut Some(v));
}

#[test]
fn generated_flows_cover_every_block_connect_carries() {
    let mut seen = std::collections::BTreeSet::new();
    for seed in 0..400 {
        for n in neutral_flow(seed).nodes {
            seen.insert(n.block);
        }
    }
    for b in catalog()
        .blocks
        .iter()
        .filter(|b| b.providers.contains(&Provider::Connect))
    {
        assert!(seen.contains(&b.id), "the generator never makes {}", b.id);
    }
}

#[test]
fn generated_documents_exercise_the_mapping_not_just_provider_blocks() {
    let mut seen = std::collections::BTreeSet::new();
    for seed in 0..2000 {
        for n in connect::decode(&content_doc(seed)).unwrap().nodes {
            seen.insert(n.block);
        }
    }
    for b in [
        "play_prompt",
        "menu",
        "collect_digits",
        "branch",
        "set_variables",
        "check_hours",
        "loop",
        "transfer_queue",
        "transfer_external",
        "invoke_function",
        "sub_flow",
        "hang_up",
        "end_flow",
        "provider",
    ] {
        assert!(
            seen.contains(b),
            "no generated document decodes to {b}: {seen:?}"
        );
    }
}
