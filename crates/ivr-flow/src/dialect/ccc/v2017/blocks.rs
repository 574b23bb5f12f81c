//! CCC 2017's names: node types <-> blocks, module numbers, and the `extra`
//! keys under which a decoded flow keeps what the mapping does not model.

use serde_json::{Value, json};

use crate::dialect::error::DecodeError;
use crate::model::FlowKind;

/// The provider name in provider blocks' `params.provider`.
pub const PROVIDER: &str = "aliyun2017";

pub(super) const X_NODE: &str = "aliyun2017.node";

pub(super) const X_ID: &str = "aliyun2017.id";

pub(super) const X_IMPLICIT_ID: &str = "aliyun2017.implicitId";

pub(super) const X_NO_POSITION: &str = "aliyun2017.noPosition";

pub(super) const X_NO_VARIABLES: &str = "aliyun2017.noVariables";

pub(super) const X_LINE: &str = "aliyun2017.line";

pub(super) const X_RELATED: &str = "aliyun2017.relatedModules";

pub(super) const X_OFFSET: &str = "aliyun2017.offsetEndPonit";

pub(super) const X_NO_OFFSET: &str = "aliyun2017.noOffset";

pub(super) const X_BEGIN: &str = "aliyun2017.begin";

pub(super) const X_END: &str = "aliyun2017.end";

pub(super) const X_CANVAS: &str = "aliyun2017.canvas";

pub(super) const X_REQUEST: &str = "aliyun2017.request";

pub(super) const X_CONTACT_FLOW: &str = "aliyun2017.contactFlow";

pub(super) const X_VERSION: &str = "aliyun2017.version";

/// nodeType <-> block (and the function kind the type fixes).
pub(super) const TYPES: [(&str, &str, Option<&str>); 16] = [
    ("start", "start", None),
    ("playVoice", "play_prompt", None),
    ("menu", "menu", None),
    ("collectDigits", "collect_digits", None),
    ("condition", "branch", None),
    ("setVariable", "set_variables", None),
    ("transferSkillGroup", "transfer_queue", None),
    ("transferAgent", "transfer_agent", None),
    ("transferPhone", "transfer_external", None),
    ("voiceMail", "voicemail", None),
    ("sms", "send_sms", None),
    (
        "functionCompute",
        "invoke_function",
        Some("function_compute"),
    ),
    ("http", "invoke_function", Some("http")),
    ("subflow", "sub_flow", None),
    ("hangup", "hang_up", None),
    ("end", "end_flow", None),
];

/// A module number as text, and whether writing it back gives the same JSON.
pub(super) fn module_id(v: &Value, path: &str) -> Result<(String, bool), DecodeError> {
    let s = match v {
        Value::String(s) if !s.is_empty() => s.clone(),
        Value::Number(n) => n.to_string(),
        other => {
            return Err(DecodeError::invalid(
                path,
                format!("a module must be a number or a string, not {other}"),
            ));
        }
    };
    let canonical = id_value(&s) == *v;
    Ok((s, canonical))
}

/// How a module id is written: a plain number as a number, anything else as
/// a string.
pub(super) fn id_value(s: &str) -> Value {
    let plain =
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && (s == "0" || !s.starts_with('0'));
    match s.parse::<u64>() {
        Ok(n) if plain => json!(n),
        _ => json!(s),
    }
}

pub(super) fn zero_offset() -> Value {
    json!({"offsetX": 0, "offsetY": 0})
}

/// The flow kind of a 2017 `Type`.
pub fn type_to_kind(ty: &str) -> Option<FlowKind> {
    match ty {
        "Mainflow" => Some(FlowKind::Main),
        _ => None,
    }
}
