//! The Amazon Connect side of `ivr list`, `import` and `publish`: what the
//! verbs' `Client::Connect` arms call. Listed flows are shown in the same
//! rows as CCC's; imports decode DescribeContactFlow with the Connect dialect
//! and record the binding; a publish refused with InvalidContactFlowException
//! prints each problem with the block it names, and one refused with
//! DuplicateResourceException says how to bind to the existing flow.

use ivr_cloud::CloudError;
use ivr_cloud::ccc::{ContactFlow, PublishFailure, PublishStatus};
use ivr_cloud::connect::{ConnectClient, FlowSummary};
use ivr_flow::dialect::connect;
use ivr_flow::{Binding, Flow, Provider};
use serde_json::json;

/// `main` -> `CONTACT_FLOW`, a console spelling (`customerQueue`) -> its API
/// name; anything else upper-cased.
pub fn flow_type(t: &str) -> String {
    if t.eq_ignore_ascii_case("main") {
        return "CONTACT_FLOW".into();
    }
    match connect::kind_of_type(t) {
        Some(kind) => connect::flow_type(kind).to_owned(),
        None => t.to_ascii_uppercase(),
    }
}

/// A listed Connect flow in the rows `ivr list` prints.
fn as_listed(s: &FlowSummary) -> ContactFlow {
    ContactFlow {
        id: s.id.clone(),
        name: s.name.clone(),
        r#type: s.r#type.clone(),
        description: String::new(),
        published: s.published(),
        draft_id: None,
        editor: None,
        updated: None,
        raw: s.raw.clone(),
    }
}

/// ListContactFlows (every page), of type `ty` when given, names containing
/// `search` when given.
pub async fn list(
    c: &ConnectClient,
    ty: Option<&str>,
    search: Option<&str>,
) -> Result<Vec<ContactFlow>, CloudError> {
    let types: Vec<String> = ty.map(flow_type).into_iter().collect();
    Ok(c.list_flows(&types)
        .await?
        .iter()
        .filter(|f| search.is_none_or(|s| f.name.contains(s)))
        .map(as_listed)
        .collect())
}

/// The flows to import (`id`, or every flow), each described and decoded.
pub async fn import(
    c: &ConnectClient,
    id: Option<&str>,
) -> Result<Vec<(ContactFlow, Result<Flow, String>)>, CloudError> {
    let ids: Vec<String> = match id {
        Some(id) => vec![id.to_owned()],
        None => c.list_flows(&[]).await?.into_iter().map(|f| f.id).collect(),
    };
    let mut out = Vec::new();
    for id in ids {
        let described = c.describe_current(&id).await.map_err(|e| {
            if e.kind() == ivr_cloud::ErrorKind::NotFound && id.contains('/') {
                e.with_hint(
                    "give the flow's id, not its ARN: `ivr list --profile ...` shows the ids",
                )
            } else {
                e
            }
        })?;
        let listed = ContactFlow {
            id: described.id.clone(),
            name: described.name.clone(),
            r#type: described.r#type.clone(),
            description: described.description.clone(),
            published: described.status.eq_ignore_ascii_case("PUBLISHED"),
            draft_id: None,
            editor: None,
            updated: None,
            raw: described.raw.clone(),
        };
        let flow = connect::decode(&json!({"ContactFlow": described.raw}))
            .map(|mut flow| {
                flow.bindings.push(Binding {
                    provider: Provider::Connect,
                    profile: c.profile().to_owned(),
                    instance: c.instance().to_owned(),
                    remote_id: described.id.clone(),
                    version: None,
                    sha: described.sha.clone(),
                    draft: None,
                });
                flow
            })
            .map_err(|e| e.to_string());
        out.push((listed, flow));
    }
    Ok(out)
}

/// Publishes, printing Connect's problems (with their blocks) and, for a
/// name that is taken, how to bind to that flow.
pub async fn publish(
    c: &ConnectClient,
    flow: &Flow,
    status: PublishStatus,
    bind_existing: bool,
) -> Result<Binding, PublishFailure> {
    match c.publish(flow, status, bind_existing).await {
        Ok(b) => Ok(b),
        Err(e) => {
            for p in &e.problems {
                match (&p.node, &p.action) {
                    (Some(node), _) => {
                        eprintln!("ivr publish: problem at block {node}: {}", p.message)
                    }
                    (None, Some(action)) => {
                        eprintln!("ivr publish: problem at action {action}: {}", p.message)
                    }
                    (None, None) => eprintln!("ivr publish: problem: {}", p.message),
                }
            }
            if let Some(existing) = &e.existing {
                eprintln!(
                    "ivr publish: a flow named {:?} already exists (id {}); run again with \
                     --bind-existing to bind this file to it and update it, or rename the flow",
                    existing.name, existing.id
                );
            }
            Err(e.into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names() {
        assert_eq!(flow_type("main"), "CONTACT_FLOW");
        assert_eq!(flow_type("customerQueue"), "CUSTOMER_QUEUE");
        assert_eq!(flow_type("AGENT_WHISPER"), "AGENT_WHISPER");
        assert_eq!(flow_type("agent_hold"), "AGENT_HOLD");
    }
}
