//! Publishing from the app and the CLI alike: the plan shown before
//! (create or update, which instance), the target's checks (a flow with
//! errors is refused unsent, with the problems, unless the designer forces
//! it so the provider's own answer decides), the publish, and the binding
//! written into the flow so the next publish updates the same remote flow.

use ivr_flow::{Binding, Flow, Problem, Provider, Severity, Text, validate_for};
use serde::Serialize;

use std::path::Path;

use super::client::Client;
use super::remote;
use crate::connect::FlowProblem;
use crate::error::{CloudError, ErrorKind};
use crate::profile::Profile;
use crate::remote::{PublishPlan, PublishStatus, RemoteFlow};

/// What a publish will do, as the app shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct PlanView {
    /// `create` or `update`.
    #[ts(type = "\"create\" | \"update\"")]
    pub action: &'static str,
    pub profile: String,
    pub provider: Provider,
    pub instance: String,
    /// The remote flow an update replaces.
    pub remote_id: Option<String>,
}

impl PlanView {
    /// The plan for publishing `flow` with `profile`.
    pub fn of(flow: &Flow, profile: &Profile) -> Self {
        let instance = profile.instance.clone().unwrap_or_default();
        let (action, remote_id) = match PublishPlan::of(flow, profile.provider, &instance) {
            PublishPlan::Create { .. } => ("create", None),
            PublishPlan::Update { remote_id, .. } => ("update", Some(remote_id)),
        };
        PlanView {
            action,
            profile: profile.name.clone(),
            provider: profile.provider,
            instance,
            remote_id,
        }
    }
}

/// A publish that went through: the remote id, and the binding that was
/// recorded in the flow (the caller's document records the same one).
#[derive(Clone, Debug, Serialize, ts_rs::TS)]
pub struct PublishOutcome {
    pub remote_id: String,
    pub instance: String,
    pub binding: Binding,
}

/// A publish that did not: why, the target's problems (when the flow was
/// refused unsent), the provider's problems by block, the existing flow
/// that has the name, and the binding of a flow created before the failure
/// (recorded in the flow already: save it, so the next publish updates that
/// flow instead of creating another).
#[derive(Clone, Debug, Serialize, ts_rs::TS)]
pub struct PublishRefusal {
    #[ts(as = "crate::error::CloudErrorView")]
    pub error: CloudError,
    pub problems: Vec<Problem>,
    pub remote_problems: Vec<FlowProblem>,
    pub existing: Option<RemoteFlow>,
    pub created: Option<Binding>,
    /// The flow was changed in the cloud since this file last synced with
    /// it: what publishing would change there now, line by line (from the
    /// cloud's flow to yours). Publish again with `overwrite` to replace it.
    pub cloud_changes: Vec<Text>,
    /// That changed flow as the cloud holds it now, to open beside yours.
    pub cloud_flow: Option<Flow>,
}

impl From<CloudError> for PublishRefusal {
    fn from(error: CloudError) -> Self {
        PublishRefusal {
            error,
            problems: Vec::new(),
            remote_problems: Vec::new(),
            existing: None,
            created: None,
            cloud_changes: Vec::new(),
            cloud_flow: None,
        }
    }
}

/// The errors `flow` has for `provider`'s rules (warnings are not errors).
pub fn target_errors(flow: &Flow, provider: Provider) -> Vec<Problem> {
    validate_for(flow, Some(provider))
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .collect()
}

/// Records `binding` in `flow`, replacing the one for the same provider and
/// instance.
pub fn record_binding(flow: &mut Flow, binding: Binding) {
    flow.bindings
        .retain(|b| !(b.provider == binding.provider && b.instance == binding.instance));
    flow.bindings.push(binding);
}

/// How to publish.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PublishOptions {
    /// Live, or saved as a draft.
    pub status: PublishStatus,
    /// Amazon Connect: bind to an existing flow of the same name and update it.
    pub bind_existing: bool,
    /// Send a flow our checks find errors in, so the provider's own answer
    /// decides (the designer has said so).
    pub force: bool,
    /// Replace the cloud's flow even when it was changed there since this
    /// file last synced with it (the designer has seen the changes).
    pub overwrite: bool,
}

impl PublishOptions {
    /// A live publish that refuses a flow with errors.
    pub fn published() -> Self {
        PublishOptions {
            status: PublishStatus::Published,
            bind_existing: false,
            force: false,
            overwrite: false,
        }
    }
}

/// Checks `flow` for the client's provider, publishes it, and records the
/// binding in it: the new one, or, when the publish failed after the flow
/// was created, the created one, so the next publish updates that flow. A
/// flow with errors is refused unsent unless `options.force`; warnings never
/// stop it. Whether `flow` changed: [`PublishRefusal::created`], or Ok.
pub async fn publish(
    client: &Client,
    flow: &mut Flow,
    options: PublishOptions,
) -> Result<PublishOutcome, Box<PublishRefusal>> {
    let PublishOptions {
        status,
        bind_existing,
        force,
        overwrite,
    } = options;
    let problems = target_errors(flow, client.provider());
    if !problems.is_empty() && !force {
        let (n, provider) = (problems.len(), client.provider());
        let error = CloudError::config(Text::new(
            format!("the flow has {n} error(s) for {provider}; nothing was sent"),
            format!("流程在 {provider} 上有 {n} 个错误；未发送任何内容"),
        ));
        return Err(Box::new(PublishRefusal {
            problems,
            ..PublishRefusal::from(error)
        }));
    }
    if !overwrite {
        changed_in_cloud(client, flow).await?;
    }
    let result = match client {
        Client::Ccc(c) => c.publish(flow, status).await.map_err(|f| PublishRefusal {
            created: f.created.map(|b| *b),
            ..PublishRefusal::from(f.error)
        }),
        Client::Connect(c) => {
            c.publish(flow, status, bind_existing)
                .await
                .map_err(|e| PublishRefusal {
                    remote_problems: e.problems,
                    existing: e.existing.as_ref().map(RemoteFlow::from),
                    created: e.created.map(|b| *b),
                    ..PublishRefusal::from(e.error)
                })
        }
    };
    match result {
        Ok(mut binding) => {
            // What the cloud holds now, read back as an import reads it: the
            // next publish compares the cloud with this. A read that fails
            // leaves no fingerprint (the next publish then cannot check).
            binding.synced = remote::fetch(client, &binding.remote_id)
                .await
                .ok()
                .map(|live| remote::fingerprint(&live));
            record_binding(flow, binding.clone());
            Ok(PublishOutcome {
                remote_id: binding.remote_id.clone(),
                instance: binding.instance.clone(),
                binding,
            })
        }
        Err(r) => {
            if let Some(b) = &r.created {
                record_binding(flow, b.clone());
            }
            Err(Box::new(r))
        }
    }
}

/// What a publish would change in the cloud: each change from what is live
/// to the document, with its line, and the live flow itself (the app draws
/// its removed blocks as ghosts where they stood).
#[derive(Clone, Debug, Serialize, ts_rs::TS)]
pub struct CloudChanges {
    pub lines: Vec<ivr_flow::diff::text::Line>,
    pub live: Flow,
}

/// What publishing `flow` would change in the cloud: none for a flow not
/// bound to this instance yet (a create), else [`CloudChanges`] (for the
/// plan shown before a publish and `ivr publish --show-diff`).
pub async fn changes(client: &Client, flow: &Flow) -> Result<Option<CloudChanges>, CloudError> {
    let Some(b) = crate::remote::binding_for(flow, client.provider(), client.instance()) else {
        return Ok(None);
    };
    let live = remote::fetch(client, &b.remote_id).await?;
    let lines = ivr_flow::diff::text::described(&live, flow);
    Ok(Some(CloudChanges { lines, live }))
}

/// Refuses (a conflict) when the flow's binding for this instance says what
/// the cloud held at the last sync and the cloud's flow is no longer that:
/// someone changed it in the provider's console since. The refusal lists
/// what publishing would change there now. A flow without a fingerprint
/// (never synced, or bound by an older version), or whose remote flow is
/// gone, goes on to the publish, which handles those.
async fn changed_in_cloud(client: &Client, flow: &Flow) -> Result<(), Box<PublishRefusal>> {
    let Some(b) = crate::remote::binding_for(flow, client.provider(), client.instance()) else {
        return Ok(());
    };
    let Some(synced) = b.synced.as_deref() else {
        return Ok(());
    };
    let live = match remote::fetch(client, &b.remote_id).await {
        Ok(live) => live,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Box::new(PublishRefusal::from(e))),
    };
    if remote::fingerprint(&live) == synced {
        return Ok(());
    }
    let changes = ivr_flow::diff::diff(&live, flow);
    let lines = ivr_flow::diff::text::lines(&changes, &live, flow);
    let id = &b.remote_id;
    let error = CloudError::new(
        ErrorKind::Conflict,
        Text::new(
            format!("flow {id} was changed in the cloud since this file last synced with it; nothing was sent"),
            format!("流程 {id} 在本文件上次同步后已在云端被修改；未发送任何内容"),
        ),
    )
    .with_provider(client.provider())
    .with_hint(Text::new(
        "review what your publish would change there, then publish again choosing to overwrite (ivr publish --overwrite), or import the cloud's version first",
        "请查看发布将在云端改变的内容，然后选择覆盖再次发布（ivr publish --overwrite），或先导入云端的版本",
    ));
    Err(Box::new(PublishRefusal {
        cloud_changes: lines,
        cloud_flow: Some(live),
        ..PublishRefusal::from(error)
    }))
}

/// Writes a flow whose binding a publish recorded back into its file
/// (atomically: the old file stays whole if the write fails), for the app
/// and `ivr publish` alike. The error says the publish itself went through.
pub fn write_bound(path: &Path, flow: &Flow) -> Result<(), CloudError> {
    ivr_files::write_atomic(path, &ivr_flow::to_bytes(flow)).map_err(|e| {
        let p = path.display();
        CloudError::config(Text::new(
            format!("published, but the binding could not be written to {p}: {e}"),
            format!("已发布，但无法将绑定写入 {p}：{e}"),
        ))
        .with_hint(Text::new(
            "save the flow again (its binding is in the open document), or the next publish creates another remote flow",
            "请再次保存流程（绑定已在打开的文档中），否则下次发布会再创建一个远程流程",
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bound(remote: &str, instance: &str) -> Binding {
        Binding {
            provider: Provider::Aliyun,
            profile: "p".into(),
            instance: instance.into(),
            remote_id: remote.into(),
            version: None,
            sha: None,
            draft: None,
            synced: None,
        }
    }

    fn profile() -> Profile {
        Profile {
            region: Some("cn-shanghai".into()),
            instance: Some("i-1".into()),
            ..Profile::new("p", Provider::Aliyun)
        }
    }

    #[test]
    fn plan_is_create_then_update() {
        let mut flow = ivr_flow::starter_flow();
        let plan = PlanView::of(&flow, &profile());
        assert_eq!((plan.action, plan.instance.as_str()), ("create", "i-1"));
        record_binding(&mut flow, bound("r-1", "i-1"));
        let plan = PlanView::of(&flow, &profile());
        assert_eq!(plan.action, "update");
        assert_eq!(plan.remote_id.as_deref(), Some("r-1"));
    }

    #[test]
    fn record_replaces_the_binding_for_the_same_instance_only() {
        let mut flow = ivr_flow::starter_flow();
        record_binding(&mut flow, bound("r-1", "i-1"));
        record_binding(&mut flow, bound("r-2", "i-2"));
        record_binding(&mut flow, bound("r-3", "i-1"));
        let ids: Vec<_> = flow.bindings.iter().map(|b| b.remote_id.as_str()).collect();
        assert_eq!(ids, ["r-2", "r-3"]);
    }

    #[test]
    fn a_flow_with_errors_is_refused_unsent() {
        let dir = tempfile::tempdir().unwrap();
        let conns = super::super::Connections::new(
            crate::ProfilesFile::in_dir(dir.path()),
            super::super::sandbox_profiles("http://127.0.0.1:9"),
        );
        let client = conns
            .client(&crate::test_support::FailingStore, &|_| None, "sandbox-ccc")
            .unwrap();
        let mut flow = ivr_flow::starter_flow();
        flow.nodes.retain(|n| n.block != "start");
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        // Port 9 has no server: a sent request would fail with a network error.
        let before = flow.clone();
        let r = rt
            .block_on(publish(&client, &mut flow, PublishOptions::published()))
            .unwrap_err();
        assert_eq!(flow, before, "a refused flow is left as it was");
        assert!(!r.problems.is_empty());
        assert!(
            r.error.message().en.contains("nothing was sent"),
            "{}",
            r.error
        );
    }

    #[test]
    fn a_forced_publish_sends_a_flow_with_errors() {
        let dir = tempfile::tempdir().unwrap();
        let conns = super::super::Connections::new(
            crate::ProfilesFile::in_dir(dir.path()),
            super::super::sandbox_profiles("http://127.0.0.1:9"),
        );
        let client = conns
            .client(&crate::test_support::FailingStore, &|_| None, "sandbox-ccc")
            .unwrap();
        let mut flow = ivr_flow::starter_flow();
        flow.nodes.retain(|n| n.block != "start");
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let options = PublishOptions {
            force: true,
            ..PublishOptions::published()
        };
        let r = rt
            .block_on(publish(&client, &mut flow, options))
            .unwrap_err();
        // It was sent: port 9 has no server, so the failure is the network's.
        assert!(r.problems.is_empty());
        assert!(
            !r.error.message().en.contains("nothing was sent"),
            "{}",
            r.error
        );
    }
}
