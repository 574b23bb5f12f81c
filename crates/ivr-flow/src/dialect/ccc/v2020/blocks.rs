//! CCC 2020's names: activity types <-> blocks, events <-> ports, and the
//! `extra` keys under which a decoded flow keeps what the mapping does not
//! model.

use serde_json::{Map, Value};

use crate::catalog::{BlockSpec, PROVIDER_BLOCK};
use crate::model::{FlowKind, Node};

/// The provider name in provider blocks' `params.provider`.
pub const PROVIDER: &str = "aliyun";

pub(super) const X_PROPS: &str = "aliyun.properties";

pub(super) const X_ACTIVITY: &str = "aliyun.activity";

pub(super) const X_INDEX: &str = "aliyun.nodeIndex";

pub(super) const X_TYPE: &str = "aliyun.type";

pub(super) const X_EVENTS: &str = "aliyun.events";

pub(super) const X_EVENT: &str = "aliyun.event";

pub(super) const X_NO_EDGE_ID: &str = "aliyun.noEdgeId";

pub(super) const X_DEFINITION: &str = "aliyun.definition";

pub(super) const X_CONTACT_FLOW: &str = "aliyun.contactFlow";

/// The block an activity type maps to, given its properties.
pub(super) fn block_of(
    ty: &str,
    props: &Map<String, Value>,
) -> Option<(&'static str, Option<&'static str>)> {
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

/// The port an event name stands for on this node, if any.
pub(super) fn event_to_port(spec: &BlockSpec, node: &Node, event: &str) -> Option<String> {
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
pub(super) fn port_to_event(block: &str, port: &str) -> String {
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
pub(super) fn type_of(block: &str, function_kind: Option<&str>, kind: FlowKind) -> &'static str {
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
