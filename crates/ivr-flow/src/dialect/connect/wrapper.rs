//! The envelopes a Content object arrives in (DescribeContactFlow response,
//! CreateContactFlow body, console export), and Connect's flow type names.

use serde_json::{Map, Value};

use crate::dialect::error::DecodeError;
use crate::model::{Flow, FlowKind};

/// API name, console name, kind.
const TYPES: [(&str, &str, FlowKind); 10] = [
    ("CONTACT_FLOW", "contactFlow", FlowKind::Main),
    ("CUSTOMER_QUEUE", "customerQueue", FlowKind::CustomerQueue),
    ("CUSTOMER_HOLD", "customerHold", FlowKind::CustomerHold),
    (
        "CUSTOMER_WHISPER",
        "customerWhisper",
        FlowKind::CustomerWhisper,
    ),
    ("AGENT_HOLD", "agentHold", FlowKind::AgentHold),
    ("AGENT_WHISPER", "agentWhisper", FlowKind::AgentWhisper),
    (
        "OUTBOUND_WHISPER",
        "outboundWhisper",
        FlowKind::OutboundWhisper,
    ),
    ("AGENT_TRANSFER", "agentTransfer", FlowKind::AgentTransfer),
    ("QUEUE_TRANSFER", "queueTransfer", FlowKind::QueueTransfer),
    ("CAMPAIGN", "campaign", FlowKind::Campaign),
];

/// See [`super::flow_type`].
pub(super) fn flow_type(kind: FlowKind) -> &'static str {
    TYPES
        .iter()
        .find(|t| t.2 == kind)
        .map_or("CONTACT_FLOW", |t| t.0)
}

/// The console's spelling of a kind's type, if Connect names the kind.
pub(super) fn console_type(kind: FlowKind) -> Option<&'static str> {
    TYPES.iter().find(|t| t.2 == kind).map(|t| t.1)
}

/// See [`super::kind_of_type`].
pub(super) fn kind_of_type(ty: &str) -> Option<FlowKind> {
    TYPES
        .iter()
        .find(|t| t.0 == ty || t.1.eq_ignore_ascii_case(ty))
        .map(|t| t.2)
}

/// Whether the document is in the Connect dialect (any envelope).
pub(super) fn detect(value: &Value) -> bool {
    let Value::Object(map) = value else {
        return false;
    };
    is_content(map)
        || is_old_export(map)
        || map
            .get("ContactFlow")
            .is_some_and(|c| c.get("Content").is_some())
        || (map.contains_key("Name") || map.contains_key("Type"))
            && map
                .get("Content")
                .is_some_and(|c| c.is_string() || c.is_object())
}

fn is_content(map: &Map<String, Value>) -> bool {
    map.get("Actions").is_some_and(Value::is_array)
        && (map.contains_key("Version") || map.contains_key("StartAction"))
}

fn is_old_export(map: &Map<String, Value>) -> bool {
    map.get("modules").is_some_and(Value::is_array) && map.contains_key("version")
}

/// A Content object and what its envelope said about the flow.
pub(super) struct Input {
    pub content: Value,
    /// `$.ContactFlow.Content` or `$.Content` when the Content was a string
    /// inside an envelope; empty for a bare Content object.
    prefix: &'static str,
    name: Option<String>,
    description: Option<String>,
    kind: Option<FlowKind>,
}

impl Input {
    /// Puts an error's path in terms of the whole document.
    pub fn rebase(&self, e: DecodeError) -> DecodeError {
        match e {
            DecodeError::Invalid { path, message } if !self.prefix.is_empty() => {
                let rest = path.strip_prefix('$').unwrap_or(&path);
                DecodeError::Invalid {
                    path: format!("{}{rest}", self.prefix),
                    message,
                }
            }
            other => other,
        }
    }

    /// The envelope's name, description and type win over Metadata's.
    pub fn apply(self, flow: &mut Flow) {
        if let Some(n) = self.name {
            flow.name = n;
        }
        if let Some(d) = self.description {
            flow.description = d;
        }
        if let Some(k) = self.kind {
            flow.kind = k;
        }
    }
}

/// Takes the Content out of its envelope.
pub(super) fn unwrap(value: &Value) -> Result<Input, DecodeError> {
    let Value::Object(map) = value else {
        return Err(DecodeError::Unrecognised(
            "not an Amazon Connect flow: expected a JSON object".into(),
        ));
    };
    if is_old_export(map) {
        return Err(DecodeError::Unrecognised(
            "this is an old Amazon Connect console export (\"modules\", \"version\": \"1\"), which the Connect API no longer accepts; open the flow in the current Connect console and export it again, or fetch it with DescribeContactFlow".into(),
        ));
    }
    if is_content(map) {
        return Ok(bare(value.clone()));
    }
    if let Some(Value::Object(inner)) = map.get("ContactFlow") {
        return enveloped(inner, "$.ContactFlow");
    }
    if map.contains_key("Content") {
        return enveloped(map, "$");
    }
    Err(DecodeError::Unrecognised(
        "not an Amazon Connect flow: expected a Content object with \"Version\" and \"Actions\", a DescribeContactFlow response or a CreateContactFlow body".into(),
    ))
}

fn bare(content: Value) -> Input {
    Input {
        content,
        prefix: "",
        name: None,
        description: None,
        kind: None,
    }
}

fn enveloped(map: &Map<String, Value>, at: &'static str) -> Result<Input, DecodeError> {
    let (content, prefix) = match map.get("Content") {
        Some(Value::String(s)) => (parse_content(s, at)?, content_prefix(at)),
        Some(v @ Value::Object(_)) => (v.clone(), ""),
        Some(_) => {
            return Err(DecodeError::invalid(
                format!("{at}.Content"),
                "Content must be the flow as a JSON string",
            ));
        }
        None => {
            return Err(DecodeError::invalid(
                at,
                "the flow has no Content; describe the flow again to fetch it",
            ));
        }
    };
    let text = |k: &str| map.get(k).and_then(Value::as_str).map(str::to_owned);
    let kind = match map.get("Type").and_then(Value::as_str) {
        Some(t) => Some(kind_of_type(t).ok_or_else(|| {
            DecodeError::invalid(
                format!("{at}.Type"),
                format!("unknown flow type {t:?}; expected one of CONTACT_FLOW, CUSTOMER_QUEUE, CUSTOMER_HOLD, CUSTOMER_WHISPER, AGENT_HOLD, AGENT_WHISPER, OUTBOUND_WHISPER, AGENT_TRANSFER, QUEUE_TRANSFER, CAMPAIGN"),
            )
        })?),
        None => None,
    };
    Ok(Input {
        content,
        prefix,
        name: text("Name"),
        description: text("Description"),
        kind,
    })
}

fn content_prefix(at: &str) -> &'static str {
    if at == "$" {
        "$.Content"
    } else {
        "$.ContactFlow.Content"
    }
}

fn parse_content(s: &str, at: &str) -> Result<Value, DecodeError> {
    serde_json::from_str(s).map_err(|e| {
        DecodeError::invalid(
            format!("{at}.Content"),
            format!("Content is not valid JSON: {e}"),
        )
    })
}
