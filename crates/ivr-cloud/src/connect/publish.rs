//! Publishing a flow to Amazon Connect.
//!
//! - No binding for this instance: CreateContactFlow with the Content
//!   ([`ivr_flow::dialect::connect::content_string`]), the type of the flow's
//!   kind and Status `PUBLISHED` or `SAVED`.
//! - A binding: UpdateContactFlowContent on the bound id (`id:$SAVED` to save
//!   without publishing).
//!
//! A create is never repeated blindly: after a 5xx, a timeout or a dropped
//! connection, the flow is looked up by name (names are unique in an
//! instance); if it exists now and did not before, it is ours, and only when
//! there is none is the create sent again.
//!
//! DuplicateResourceException (a flow of that name exists) comes back with
//! the existing flow, so the caller can offer to bind to it; with
//! `bind_existing` the content goes to that flow instead.
//! InvalidContactFlowException's problems come back as [`FlowProblem`]s,
//! with the block named where a problem quotes an action Identifier.

use http::Method;
use ivr_flow::dialect::connect;
use ivr_flow::{Binding, Flow, Provider, Text};
use serde_json::{Value, json};

use super::flows::{FlowSummary, SAVED_ALIAS};
use super::{ConnectClient, Failure, content_sha256};
use crate::error::{CloudError, ErrorKind};
use crate::http::Repeat;
use crate::remote::{PublishFailure, PublishStatus, binding_for};

/// How many times a create is sent at most (each after a lookup).
const MAX_CREATES: u32 = 3;

/// One problem Connect found in the Content.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct FlowProblem {
    /// Connect's message, verbatim.
    pub message: String,
    /// The action Identifier the message names, if any.
    pub action: Option<String>,
    /// The block that action was written from.
    pub node: Option<String>,
}

/// A failed publish: the error; the binding of a flow created before the
/// failure; the problems of an InvalidContactFlowException; and, for a
/// DuplicateResourceException, the flow that has the name.
#[derive(Clone, Debug, thiserror::Error)]
#[error("{error}")]
pub struct PublishError {
    pub error: CloudError,
    pub created: Option<Box<Binding>>,
    pub problems: Vec<FlowProblem>,
    pub existing: Option<FlowSummary>,
}

impl From<CloudError> for PublishError {
    fn from(error: CloudError) -> Self {
        PublishError {
            error,
            created: None,
            problems: Vec::new(),
            existing: None,
        }
    }
}

impl From<PublishError> for PublishFailure {
    fn from(e: PublishError) -> Self {
        PublishFailure {
            error: e.error,
            created: e.created,
        }
    }
}

impl PublishError {
    fn from_failure(f: Failure, flow: &Flow) -> Self {
        let problems = f.problems.iter().map(|m| problem(flow, m)).collect();
        PublishError {
            error: f.error,
            created: None,
            problems,
            existing: None,
        }
    }

    /// Whether the create was refused because the name is taken.
    pub fn is_duplicate(&self) -> bool {
        self.error.code() == Some("DuplicateResourceException")
    }
}

fn encode_err(e: impl std::fmt::Display) -> CloudError {
    CloudError::new(
        ErrorKind::Invalid,
        Text::new(
            format!("the flow cannot be written for Amazon Connect: {e}"),
            format!("无法将流程写成 Amazon Connect 的格式：{e}"),
        ),
    )
}

/// Reads a problem message and names the action (a quoted Identifier of the
/// flow) and its block.
pub fn problem(flow: &Flow, message: &str) -> FlowProblem {
    let ids = connect::action_ids(flow);
    let action = quoted(message)
        .into_iter()
        .find(|q| ids.iter().any(|id| id == q))
        .or_else(|| {
            // An Identifier named without quotes: the longest one that is a word
            // of the message.
            let words: Vec<&str> = message
                .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | '(' | ')'))
                .collect();
            ids.iter()
                .filter(|id| words.contains(&id.as_str()))
                .max_by_key(|id| id.len())
                .cloned()
        });
    let node = action.as_deref().and_then(|a| node_of_action(flow, a));
    FlowProblem {
        message: message.to_owned(),
        action,
        node,
    }
}

/// Text between single or double quotes.
fn quoted(message: &str) -> Vec<String> {
    let mut out = Vec::new();
    for q in ['\'', '"'] {
        let parts: Vec<&str> = message.split(q).collect();
        out.extend(parts.iter().skip(1).step_by(2).map(|s| (*s).to_owned()));
    }
    out
}

/// The block an action Identifier was written from: the node of that id, the
/// node whose companion action it is, or `<node>-transfer` / `<node>-store`.
pub fn node_of_action(flow: &Flow, action: &str) -> Option<String> {
    if flow.node(action).is_some() {
        return Some(action.to_owned());
    }
    if let Some(n) = flow.nodes.iter().find(|n| {
        n.extra
            .get("connect.companion")
            .and_then(|c| c.get("Identifier"))
            .and_then(Value::as_str)
            == Some(action)
    }) {
        return Some(n.id.clone());
    }
    ["-transfer", "-store"]
        .iter()
        .filter_map(|s| action.strip_suffix(s))
        .find(|id| flow.node(id).is_some())
        .map(str::to_owned)
}

impl ConnectClient {
    fn binding(&self, remote_id: &str, sha: Option<String>) -> Binding {
        Binding {
            provider: Provider::Connect,
            profile: self.profile.clone(),
            instance: self.instance.clone(),
            remote_id: remote_id.to_owned(),
            version: None,
            sha,
            draft: None,
            synced: None,
        }
    }

    /// Publishes `flow` (see the module documentation) and returns its
    /// binding. With `bind_existing`, a flow of the same name that exists
    /// already is updated instead of refusing.
    pub async fn publish(
        &self,
        flow: &Flow,
        status: PublishStatus,
        bind_existing: bool,
    ) -> Result<Binding, PublishError> {
        if flow.name.trim().is_empty() {
            return Err(CloudError::config(Text::new(
                "the flow has no name, and Amazon Connect needs one; nothing was sent",
                "流程没有名称，而 Amazon Connect 需要名称；未发送任何内容",
            ))
            .with_hint(Text::new(
                "give the flow a name (\"name\" in the file) and publish again",
                "请为流程命名（文件中的 \"name\"）后再发布",
            ))
            .into());
        }
        let content = connect::content_string(flow).map_err(encode_err)?;
        if let Some(b) = binding_for(flow, Provider::Connect, &self.instance) {
            return self
                .update(flow, &b.remote_id, &content, status)
                .await
                .map_err(|e| {
                    if e.error.kind() == ErrorKind::NotFound {
                        let hint = Text::new(
                            "the flow this file is bound to no longer exists in the \
                             instance; remove that binding from the file to publish it \
                             as a new flow",
                            "此文件绑定的流程在实例中已不存在；从文件中删除该绑定后即可作为新流程发布",
                        );
                        PublishError {
                            error: e.error.with_hint(hint),
                            ..e
                        }
                    } else {
                        e
                    }
                });
        }
        match self.create(flow, &content, status).await {
            Ok(b) => Ok(b),
            Err(mut e) if e.is_duplicate() => {
                let existing = self.find_by_name(&flow.name).await?;
                match existing {
                    Some(found) if bind_existing => {
                        if found.r#type != connect::flow_type(flow.kind) {
                            let ours = connect::flow_type(flow.kind);
                            return Err(CloudError::new(
                                ErrorKind::Conflict,
                                Text::new(
                                    format!(
                                        "the flow named {:?} ({}) is of type {}, and this flow is {ours}; \
                                         a flow's type cannot be changed",
                                        flow.name, found.id, found.r#type,
                                    ),
                                    format!(
                                        "名为 {:?} 的流程（{}）的类型是 {}，而此流程是 {ours}；流程的类型不能更改",
                                        flow.name, found.id, found.r#type,
                                    ),
                                ),
                            )
                            .with_provider(Provider::Connect)
                            .into());
                        }
                        self.update(flow, &found.id, &content, status).await
                    }
                    Some(found) => {
                        e.error = e.error.with_hint(Text::new(
                            format!(
                                "a flow named {:?} already exists in instance {} (id {}); bind this \
                                 flow to it and update it, or rename this flow",
                                flow.name, self.instance, found.id
                            ),
                            format!(
                                "实例 {} 中已有名为 {:?} 的流程（ID {}）；请将此流程绑定到它并更新，或重命名此流程",
                                self.instance, flow.name, found.id
                            ),
                        ));
                        e.existing = Some(found);
                        Err(e)
                    }
                    None => Err(e),
                }
            }
            Err(e) => Err(e),
        }
    }

    /// UpdateContactFlowContent (to `id:$SAVED` for a saved publish). The
    /// same content twice is harmless, so unclear failures are repeated.
    async fn update(
        &self,
        flow: &Flow,
        id: &str,
        content: &str,
        status: PublishStatus,
    ) -> Result<Binding, PublishError> {
        let target = match status {
            PublishStatus::Saved => format!("{id}{SAVED_ALIAS}"),
            PublishStatus::Published => id.to_owned(),
        };
        self.call(
            Method::POST,
            &["contact-flows", &self.instance, &target, "content"],
            &[],
            Some(&json!({"Content": content})),
            Repeat::Safe,
        )
        .await
        .map_err(|f| PublishError::from_failure(f, flow))?;
        Ok(self.binding(id, Some(content_sha256(content))))
    }

    /// CreateContactFlow, confirmed by a lookup before any repeat.
    async fn create(
        &self,
        flow: &Flow,
        content: &str,
        status: PublishStatus,
    ) -> Result<Binding, PublishError> {
        let mut body = json!({
            "Name": flow.name,
            "Type": connect::flow_type(flow.kind),
            "Content": content,
            "Status": match status {
                PublishStatus::Saved => "SAVED",
                PublishStatus::Published => "PUBLISHED",
            },
        });
        if !flow.description.trim().is_empty()
            && let Value::Object(m) = &mut body
        {
            m.insert("Description".into(), json!(flow.description));
        }
        let before = self.find_by_name(&flow.name).await?.map(|f| f.id);
        let mut last = None;
        for _ in 0..MAX_CREATES {
            match self
                .call(
                    Method::PUT,
                    &["contact-flows", &self.instance],
                    &[],
                    Some(&body),
                    Repeat::ThrottledOnly,
                )
                .await
            {
                Ok(v) => {
                    let id = v
                        .get("ContactFlowId")
                        .and_then(Value::as_str)
                        .ok_or_else(|| {
                            CloudError::unexpected_answer(
                                Provider::Connect,
                                Some(200),
                                Text::new(
                                    "CreateContactFlow answered without a ContactFlowId",
                                    "CreateContactFlow 的答复中没有 ContactFlowId",
                                ),
                            )
                        })?;
                    let sha = v
                        .get("FlowContentSha256")
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                        .unwrap_or_else(|| content_sha256(content));
                    return Ok(self.binding(id, Some(sha)));
                }
                Err(f) if f.error.is_retryable() => {
                    if let Some(found) = self.find_by_name(&flow.name).await?
                        && before.as_deref() != Some(found.id.as_str())
                    {
                        return Ok(self.binding(&found.id, Some(content_sha256(content))));
                    }
                    last = Some(f.error);
                }
                Err(f) => return Err(PublishError::from_failure(f, flow)),
            }
        }
        Err(last
            .unwrap_or_else(|| {
                CloudError::new(
                    ErrorKind::Other,
                    Text::new("CreateContactFlow failed", "CreateContactFlow 失败"),
                )
            })
            .into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_name_the_block() {
        let flow = ivr_flow::starter_flow();
        let ids = connect::action_ids(&flow);
        let some = ids.first().cloned().unwrap();
        let p = problem(
            &flow,
            &format!(
                "Action '{some}' has a transition to 'x', which is not an action of this flow."
            ),
        );
        assert_eq!(p.action.as_deref(), Some(some.as_str()));
        assert_eq!(p.node.as_deref(), node_of_action(&flow, &some).as_deref());
        assert!(p.node.is_some());
        let p = problem(&flow, "The flow is not valid.");
        assert_eq!((p.action, p.node), (None, None));
    }

    #[test]
    fn quotes() {
        assert_eq!(
            quoted("a 'b' c \"d\""),
            vec!["b".to_owned(), "d".to_owned()]
        );
    }
}
