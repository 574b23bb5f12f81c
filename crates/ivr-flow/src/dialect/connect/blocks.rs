//! The mapping tables: which action each neutral block is, how its parameters
//! are spelled in Connect, and which transitions its exits are.
//!
//! | block | action(s) | exits |
//! |---|---|---|
//! | play_prompt | MessageParticipant (Text / SSML / PromptId by `voice_type`) | next: NextAction, error: NoMatchingError |
//! | menu | GetParticipantInput, StoreInput not "True" | key:N: Equals [N], timeout: InputTimeLimitExceeded, no_match: NoMatchingCondition, error: NoMatchingError |
//! | collect_digits | GetParticipantInput StoreInput "True" [+ UpdateContactAttributes {variable: "$.StoredCustomerInput"}] | next: NextAction (of the second when paired), timeout: InputTimeLimitExceeded, error: NoMatchingError (both) |
//! | branch | Compare | case:ID: the case's condition, no_match: NoMatchingCondition |
//! | set_variables | UpdateContactAttributes | next, error |
//! | check_hours | CheckHoursOfOperation | open: Equals ["True"], closed: Equals ["False"], error |
//! | loop | Loop | loop: Equals ["ContinueLooping"], done: Equals ["DoneLooping"] |
//! | transfer_queue | UpdateContactTargetQueue {QueueId} + TransferContactToQueue | at_capacity: QueueAtCapacity, error: NoMatchingError (both) |
//! | transfer_agent | UpdateContactTargetQueue {AgentId} + TransferContactToQueue | busy: QueueAtCapacity, error: NoMatchingError (both) |
//! | transfer_external | TransferParticipantToThirdParty | next, busy: CallFailed + ConnectionTimeLimitExceeded, error |
//! | invoke_function (lambda) | InvokeLambdaFunction | next, error |
//! | sub_flow | TransferToFlow, or InvokeFlowModule {FlowModuleId} | next, error |
//! | hang_up | DisconnectParticipant | - |
//! | end_flow | EndFlowExecution, or EndFlowModuleExecution (a module's Return) | - |
//!
//! A block with two actions is written as its first unless decode kept the
//! other's type (`connect.type`): a module's Invoke module and Return read as
//! Sub-flow and End flow, and go back as they came.
//!
//! On Compare and a menu's GetParticipantInput, Connect also writes a
//! NextAction equal to the no-match exit; encode writes it the same way.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::kept::Kept;
use super::raw::{Key, Obj, strings_in};
use crate::catalog::{OPERATORS, catalog};
use crate::model::Node;

/// The attribute a stored GetParticipantInput writes.
pub(super) const STORED_INPUT: &str = "$.StoredCustomerInput";

/// Connect's spelling of the catalog's branch operators, in the same order.
const CONNECT_OPERATORS: [&str; 8] = [
    "Equals",
    "TextStartsWith",
    "TextEndsWith",
    "TextContains",
    "NumberGreaterThan",
    "NumberGreaterOrEqualTo",
    "NumberLessThan",
    "NumberLessOrEqualTo",
];

/// How a parameter's value is spelled in Connect.
#[derive(Clone, Copy, Debug)]
pub(super) enum Conv {
    /// A string, as it is.
    Str,
    /// A number, written as a string (`"8"`); a JSONPath stays a string.
    Num,
    /// A boolean, written `"True"` / `"False"`.
    Bool,
    /// An object, as it is.
    Obj,
}

/// A parameter kept at a path of the action's Parameters.
pub(super) struct Field {
    pub key: &'static str,
    pub path: &'static [&'static str],
    pub conv: Conv,
}

const fn f(key: &'static str, path: &'static [&'static str], conv: Conv) -> Field {
    Field { key, path, conv }
}

/// The second action of a pair.
pub(super) struct Pair {
    pub action: &'static str,
    /// Appended to the first action's id to name the second.
    pub suffix: &'static str,
}

/// Everything static about one block's mapping.
pub(super) struct Spec {
    pub block: &'static str,
    pub action: &'static str,
    pub fields: &'static [Field],
    /// Neutral parameters Connect has no place for; kept in
    /// `ActionMetadata[id].ivr.params` when they differ from the default.
    pub ivr: &'static [&'static str],
    /// The exit whose target Connect repeats as NextAction.
    pub mirror: Option<&'static str>,
    pub pair: Option<Pair>,
}

const QUEUE_PAIR: Pair = Pair {
    action: "TransferContactToQueue",
    suffix: "-transfer",
};

const SPECS: &[Spec] = &[
    Spec {
        block: "play_prompt",
        action: "MessageParticipant",
        fields: &[],
        ivr: &["interruptible"],
        mirror: None,
        pair: None,
    },
    Spec {
        block: "menu",
        action: "GetParticipantInput",
        fields: &[f("timeout_seconds", &["InputTimeLimitSeconds"], Conv::Num)],
        ivr: &[],
        mirror: Some("no_match"),
        pair: None,
    },
    Spec {
        block: "collect_digits",
        action: "GetParticipantInput",
        fields: &[
            f("timeout_seconds", &["InputTimeLimitSeconds"], Conv::Num),
            f(
                "max_digits",
                &["InputValidation", "CustomValidation", "MaximumLength"],
                Conv::Num,
            ),
        ],
        ivr: &["min_digits"],
        mirror: None,
        pair: Some(Pair {
            action: "UpdateContactAttributes",
            suffix: "-store",
        }),
    },
    Spec {
        block: "branch",
        action: "Compare",
        fields: &[f("value", &["ComparisonValue"], Conv::Str)],
        ivr: &[],
        mirror: Some("no_match"),
        pair: None,
    },
    Spec {
        block: "set_variables",
        action: "UpdateContactAttributes",
        fields: &[],
        ivr: &[],
        mirror: None,
        pair: None,
    },
    Spec {
        block: "check_hours",
        action: "CheckHoursOfOperation",
        fields: &[f("hours", &["HoursOfOperationId"], Conv::Str)],
        ivr: &[],
        mirror: None,
        pair: None,
    },
    Spec {
        block: "loop",
        action: "Loop",
        fields: &[f("count", &["LoopCount"], Conv::Num)],
        ivr: &[],
        mirror: None,
        pair: None,
    },
    Spec {
        block: "transfer_queue",
        action: "UpdateContactTargetQueue",
        fields: &[f("queue", &["QueueId"], Conv::Str)],
        ivr: &[],
        mirror: None,
        pair: Some(QUEUE_PAIR),
    },
    Spec {
        block: "transfer_agent",
        action: "UpdateContactTargetQueue",
        fields: &[f("agent", &["AgentId"], Conv::Str)],
        ivr: &[],
        mirror: None,
        pair: Some(QUEUE_PAIR),
    },
    Spec {
        block: "transfer_external",
        action: "TransferParticipantToThirdParty",
        fields: &[
            f("phone_number", &["ThirdPartyPhoneNumber"], Conv::Str),
            f(
                "timeout_seconds",
                &["ThirdPartyConnectionTimeLimitSeconds"],
                Conv::Num,
            ),
            f("continue_after", &["ContinueFlowExecution"], Conv::Bool),
        ],
        ivr: &[],
        mirror: None,
        pair: None,
    },
    Spec {
        block: "invoke_function",
        action: "InvokeLambdaFunction",
        fields: &[
            f("function", &["LambdaFunctionARN"], Conv::Str),
            f(
                "timeout_seconds",
                &["InvocationTimeLimitSeconds"],
                Conv::Num,
            ),
            f("inputs", &["LambdaInvocationAttributes"], Conv::Obj),
        ],
        ivr: &[],
        mirror: None,
        pair: None,
    },
    Spec {
        block: "sub_flow",
        action: "TransferToFlow",
        fields: &[f("flow", &["ContactFlowId"], Conv::Str)],
        ivr: &[],
        mirror: None,
        pair: None,
    },
    Spec {
        block: "sub_flow",
        action: "InvokeFlowModule",
        fields: &[f("flow", &["FlowModuleId"], Conv::Str)],
        ivr: &[],
        mirror: None,
        pair: None,
    },
    Spec {
        block: "hang_up",
        action: "DisconnectParticipant",
        fields: &[],
        ivr: &[],
        mirror: None,
        pair: None,
    },
    Spec {
        block: "end_flow",
        action: "EndFlowExecution",
        fields: &[],
        ivr: &[],
        mirror: None,
        pair: None,
    },
    Spec {
        block: "end_flow",
        action: "EndFlowModuleExecution",
        fields: &[],
        ivr: &[],
        mirror: None,
        pair: None,
    },
];

/// The mapping of a neutral block, if Connect carries it: its first action.
pub(super) fn spec(block: &str) -> Option<&'static Spec> {
    SPECS.iter().find(|s| s.block == block)
}

/// The mapping a block is written with: the action type decode kept
/// (`connect.type`), else the block's first.
pub(super) fn spec_of(node: &Node) -> Option<&'static Spec> {
    let kept = node.extra.get(Kept::TYPE_KEY).and_then(Value::as_str);
    kept.and_then(|ty| {
        SPECS
            .iter()
            .find(|s| s.block == node.block && s.action == ty)
    })
    .or_else(|| spec(&node.block))
}

/// Every mapping written as action type `ty`.
pub(super) fn specs_of(ty: &str) -> impl Iterator<Item = &'static Spec> + '_ {
    SPECS.iter().filter(move |s| s.action == ty)
}

/// Whether `spec` is its block's first mapping (written with no kept type).
pub(super) fn is_first(s: &Spec) -> bool {
    spec(s.block).is_some_and(|first| std::ptr::eq(first, s))
}

/// The catalog default of a block's parameter.
pub(super) fn default_of(block: &str, key: &str) -> Value {
    catalog()
        .block(block)
        .and_then(|b| b.param(key))
        .map_or(Value::Null, |p| p.default.clone())
}

// ---------------------------------------------------------------- values

impl Conv {
    /// Connect's spelling -> the neutral value; `None` if it cannot be read.
    pub fn read(self, v: &Value) -> Option<Value> {
        match (self, v) {
            (Conv::Str, Value::String(_)) | (Conv::Obj, Value::Object(_)) => Some(v.clone()),
            (Conv::Num, Value::Number(_)) | (Conv::Bool, Value::Bool(_)) => Some(v.clone()),
            (Conv::Num, Value::String(s)) => Some(parse_number(s).unwrap_or_else(|| v.clone())),
            (Conv::Bool, Value::String(s)) => match s.to_ascii_lowercase().as_str() {
                "true" => Some(Value::Bool(true)),
                "false" => Some(Value::Bool(false)),
                _ => None,
            },
            _ => None,
        }
    }

    /// The neutral value -> Connect's usual spelling.
    pub fn write(self, v: &Value) -> Value {
        match (self, v) {
            (Conv::Num, Value::Number(n)) => Value::String(n.to_string()),
            (Conv::Bool, Value::Bool(b)) => Value::String(if *b { "True" } else { "False" }.into()),
            _ => v.clone(),
        }
    }
}

fn parse_number(s: &str) -> Option<Value> {
    let t = s.trim();
    if t.is_empty() || t != s {
        return None;
    }
    if let Ok(i) = t.parse::<i64>() {
        return Some(Value::from(i));
    }
    t.parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .and_then(serde_json::Number::from_f64)
        .map(Value::Number)
}

/// Removes the value at `path` from `obj`, dropping parents it leaves empty.
pub(super) fn take(obj: &mut Obj, path: &[&str]) -> Option<Value> {
    match path {
        [] => None,
        [leaf] => obj.remove(*leaf),
        [head, rest @ ..] => {
            let Some(Value::Object(child)) = obj.get_mut(*head) else {
                return None;
            };
            let v = take(child, rest)?;
            if child.is_empty() {
                obj.remove(*head);
            }
            Some(v)
        }
    }
}

/// Sets the value at `path` in `obj`, creating parents.
pub(super) fn put(obj: &mut Obj, path: &[&str], v: Value) {
    match path {
        [] => {}
        [leaf] => {
            obj.insert((*leaf).to_owned(), v);
        }
        [head, rest @ ..] => {
            let child = obj
                .entry((*head).to_owned())
                .or_insert_with(|| Value::Object(Obj::new()));
            if !child.is_object() {
                *child = Value::Object(Obj::new());
            }
            if let Value::Object(c) = child {
                put(c, rest, v);
            }
        }
    }
}

/// The `connect.raw` key of a parameter path.
pub(super) fn raw_key(path: &[&str]) -> String {
    path.join(".")
}

// ---------------------------------------------------------------- prompts

/// The prompt keys, in the order checked.
pub(super) const PROMPT_KEYS: [&str; 3] = ["Text", "SSML", "PromptId"];

/// The prompt key encode picks for a menu or collect prompt with no hint.
pub(super) fn guess_prompt_key(text: &Value) -> &'static str {
    match text.as_str() {
        Some(s) if s.trim_start().starts_with("<speak") => "SSML",
        _ => "Text",
    }
}

/// `voice_type` <-> MessageParticipant's key.
pub(super) fn voice_key(voice_type: &str) -> Option<&'static str> {
    match voice_type {
        "tts" => Some("Text"),
        "ssml" => Some("SSML"),
        "audio" => Some("PromptId"),
        _ => None,
    }
}

pub(super) fn voice_type(key: &str) -> &'static str {
    match key {
        "SSML" => "ssml",
        "PromptId" => "audio",
        _ => "tts",
    }
}

// ---------------------------------------------------------------- operators

pub(super) fn connect_operator(op: &str) -> Option<&'static str> {
    OPERATORS
        .iter()
        .position(|o| *o == op)
        .and_then(|i| CONNECT_OPERATORS.get(i).copied())
}

pub(super) fn neutral_operator(op: &str) -> Option<&'static str> {
    CONNECT_OPERATORS
        .iter()
        .position(|o| *o == op)
        .and_then(|i| OPERATORS.get(i).copied())
}

/// The ids decode gives branch cases when nothing names them: the console's
/// `conditionMetadata` ids when there is one per case, else `c1`, `c2`...
pub(super) fn default_case_ids(metadata: Option<&Obj>, n: usize) -> Vec<String> {
    let from_meta: Option<Vec<String>> = metadata
        .and_then(|m| m.get("conditionMetadata"))
        .and_then(Value::as_array)
        .filter(|a| a.len() == n)
        .and_then(|a| {
            a.iter()
                .map(|c| c.get("id").and_then(Value::as_str).map(str::to_owned))
                .collect()
        });
    match from_meta {
        Some(ids) if distinct(&ids) => ids,
        _ => (1..=n).map(|i| format!("c{i}")).collect(),
    }
}

pub(super) fn distinct(items: &[String]) -> bool {
    let mut seen = std::collections::BTreeSet::new();
    items.iter().all(|i| seen.insert(i.as_str()))
}

// ---------------------------------------------------------------- ports

/// One exit and the transitions it is: `(slot, key)`, slot 0 the first action,
/// 1 the second of a pair. The first key's target is the exit's target.
pub(super) struct PortMap {
    pub port: String,
    pub keys: Vec<(usize, Key)>,
}

fn pm(port: &str, keys: Vec<(usize, Key)>) -> PortMap {
    PortMap {
        port: port.to_owned(),
        keys,
    }
}

fn nme() -> Key {
    Key::error("NoMatchingError")
}

/// The exits of a mapped node and their transitions. `paired` tells whether
/// the node is written as two actions.
pub(super) fn ports(node: &Node, paired: bool) -> Vec<PortMap> {
    match node.block.as_str() {
        "play_prompt" | "set_variables" | "invoke_function" | "sub_flow" => {
            vec![
                pm("next", vec![(0, Key::Next)]),
                pm("error", vec![(0, nme())]),
            ]
        }
        "menu" => menu_ports(node),
        "collect_digits" => collect_ports(paired),
        "branch" => branch_ports(node),
        "check_hours" => vec![
            pm("open", vec![(0, Key::cond("Equals", "True"))]),
            pm("closed", vec![(0, Key::cond("Equals", "False"))]),
            pm("error", vec![(0, nme())]),
        ],
        "loop" => vec![
            pm("loop", vec![(0, Key::cond("Equals", "ContinueLooping"))]),
            pm("done", vec![(0, Key::cond("Equals", "DoneLooping"))]),
        ],
        "transfer_queue" => queue_ports("at_capacity"),
        "transfer_agent" => queue_ports("busy"),
        "transfer_external" => vec![
            pm("next", vec![(0, Key::Next)]),
            pm(
                "busy",
                vec![
                    (0, Key::error("CallFailed")),
                    (0, Key::error("ConnectionTimeLimitExceeded")),
                ],
            ),
            pm("error", vec![(0, nme())]),
        ],
        _ => Vec::new(),
    }
}

fn menu_ports(node: &Node) -> Vec<PortMap> {
    let mut out: Vec<PortMap> = string_list(node, "keys")
        .into_iter()
        .map(|k| pm(&format!("key:{k}"), vec![(0, Key::cond("Equals", &k))]))
        .collect();
    out.push(pm(
        "timeout",
        vec![(0, Key::error("InputTimeLimitExceeded"))],
    ));
    out.push(pm("no_match", vec![(0, Key::error("NoMatchingCondition"))]));
    out.push(pm("error", vec![(0, nme())]));
    out
}

fn collect_ports(paired: bool) -> Vec<PortMap> {
    let (next, error) = if paired {
        (vec![(1, Key::Next)], vec![(0, nme()), (1, nme())])
    } else {
        (vec![(0, Key::Next)], vec![(0, nme())])
    };
    vec![
        pm("next", next),
        pm("timeout", vec![(0, Key::error("InputTimeLimitExceeded"))]),
        pm("error", error),
    ]
}

fn branch_ports(node: &Node) -> Vec<PortMap> {
    let mut out: Vec<PortMap> = cases(node)
        .into_iter()
        .map(|c| {
            let op = connect_operator(&c.operator).unwrap_or("Equals");
            let key = Key::Cond(op.to_owned(), vec![c.value]);
            pm(&format!("case:{}", c.id), vec![(0, key)])
        })
        .collect();
    out.push(pm("no_match", vec![(0, Key::error("NoMatchingCondition"))]));
    out
}

fn queue_ports(full: &str) -> Vec<PortMap> {
    vec![
        pm(full, vec![(1, Key::error("QueueAtCapacity"))]),
        pm("error", vec![(0, nme()), (1, nme())]),
    ]
}

/// A list parameter's strings.
pub(super) fn string_list(node: &Node, key: &str) -> Vec<String> {
    strings_in(node.params.get(key))
}

/// A branch case.
pub(super) struct Case {
    pub id: String,
    pub operator: String,
    pub value: Value,
}

/// A branch node's cases (items that are not objects with a string id are skipped).
pub(super) fn cases(node: &Node) -> Vec<Case> {
    let Some(items) = node.params.get("cases").and_then(Value::as_array) else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|c| {
            Some(Case {
                id: c.get("id")?.as_str()?.to_owned(),
                operator: c
                    .get("operator")
                    .and_then(Value::as_str)
                    .unwrap_or("equals")
                    .to_owned(),
                value: c
                    .get("value")
                    .cloned()
                    .unwrap_or(Value::String(String::new())),
            })
        })
        .collect()
}

/// A case as the catalog spells it.
pub(super) fn case_json(id: &str, operator: &str, value: &Value) -> Value {
    json!({"id": id, "operator": operator, "value": value})
}

/// Neutral params, as a map.
pub(super) type Params = BTreeMap<String, Value>;
