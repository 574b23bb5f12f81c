//! The app's cloud commands: connection profiles (with the secret write-only),
//! the connection test, the remote flows of an instance, import and publish.
//! Each is a call into `ivr_cloud::service` (tested there) plus argument
//! parsing, the same calls `ivr profile`, `ivr list`, `ivr import` and
//! `ivr publish` make; errors reach the UI as the one [`CommandError`].
//! Declared in the app manifest (`build.rs`) and granted in
//! `capabilities/default.json`. No response, error or log line carries a
//! secret: the webview only ever sees the secret status (stored, last 4).

pub mod state;

use std::path::PathBuf;

use ivr_cloud::remote::{PublishStatus, RemotePage};
use ivr_cloud::service::{
    self, Client, ImportedFlow, PlanView, ProfileView, PublishOptions, PublishOutcome,
};
use ivr_cloud::{CloudError, Profile, Secret};
use ivr_flow::Flow;
use tauri::{Manager, Runtime, State};

use crate::error::CommandError;
use crate::files::Files;

pub use state::CloudState;

/// Manages the real [`CloudState`] unless one is managed already (the
/// tests manage theirs), with the sandbox's data in the app's `data`
/// folder and the profiles in `config` (else the OS config folder), and
/// starts the sandbox in the background.
pub fn setup<R: Runtime>(
    app: &tauri::App<R>,
    data: PathBuf,
    config: Option<PathBuf>,
) -> Result<(), CloudError> {
    if app.try_state::<CloudState>().is_none() {
        app.manage(CloudState::for_app(data, config)?);
    }
    let handle = app.handle().clone();
    tauri::async_runtime::spawn(async move {
        let state = handle.state::<CloudState>();
        if let Err(e) = state.sandbox_endpoint().await {
            eprintln!("ivr-studio: {e}");
        }
    });
    Ok(())
}

async fn client(state: &CloudState, profile: String) -> Result<Client, CloudError> {
    state
        .blocking(move |conns, store, env| conns.client(store, &env, &profile))
        .await
}

/// Every profile (the built-in sandbox ones first) with its secret status.
#[tauri::command]
pub async fn list_profiles(state: State<'_, CloudState>) -> Result<Vec<ProfileView>, CommandError> {
    Ok(state.blocking(|conns, store, _| conns.list(store)).await?)
}

/// Adds or replaces a profile; `secret`, when given, goes to the keyring
/// only. Returns the profiles.
#[tauri::command]
pub async fn save_profile(
    state: State<'_, CloudState>,
    profile: Profile,
    secret: Option<String>,
) -> Result<Vec<ProfileView>, CommandError> {
    let secret = secret.map(Secret::new);
    Ok(state
        .blocking(move |conns, store, _| {
            conns.save(store, profile, secret.as_ref().map(|s| (s, None)), true)?;
            conns.list(store)
        })
        .await?)
}

/// Removes a profile and its secrets. Returns the profiles.
#[tauri::command]
pub async fn remove_profile(
    state: State<'_, CloudState>,
    name: String,
) -> Result<Vec<ProfileView>, CommandError> {
    Ok(state
        .blocking(move |conns, store, _| {
            conns.remove(store, &name, false)?;
            conns.list(store)
        })
        .await?)
}

/// One cheap signed call (a list of one item).
#[tauri::command]
pub async fn test_connection(
    state: State<'_, CloudState>,
    profile: String,
) -> Result<(), CommandError> {
    let c = client(&state, profile).await?;
    Ok(service::remote::test_connection(&c).await?)
}

/// A page of the instance's flows, of `flow_type` and matching `search`.
#[tauri::command]
pub async fn list_remote_flows(
    state: State<'_, CloudState>,
    profile: String,
    flow_type: Option<String>,
    search: Option<String>,
    page: usize,
    page_size: usize,
) -> Result<RemotePage, CommandError> {
    let c = client(&state, profile).await?;
    let search = search.filter(|s| !s.trim().is_empty());
    let flow_type = flow_type.filter(|s| !s.is_empty());
    Ok(
        service::remote::list_page(&c, flow_type.as_deref(), search.as_deref(), page, page_size)
            .await?,
    )
}

/// The flows `ids` as documents, bound to their remote flows.
#[tauri::command]
pub async fn import_flows(
    state: State<'_, CloudState>,
    profile: String,
    ids: Vec<String>,
) -> Result<Vec<ImportedFlow>, CommandError> {
    let c = client(&state, profile).await?;
    Ok(service::remote::import(&c, Some(&ids)).await?)
}

/// What publishing `flow` with `profile` will do.
#[tauri::command]
pub async fn plan_publish(
    state: State<'_, CloudState>,
    flow: Flow,
    profile: String,
) -> Result<PlanView, CommandError> {
    let (p, _) = state
        .blocking(move |conns, _, _| conns.find(&profile))
        .await?;
    Ok(PlanView::of(&flow, &p))
}

/// What publishing `flow` with `profile` would change in the cloud: none
/// for a create, else each change from what is live, with its line.
#[tauri::command]
pub async fn publish_changes(
    state: State<'_, CloudState>,
    flow: Flow,
    profile: String,
) -> Result<Option<service::publish::CloudChanges>, CommandError> {
    let c = client(&state, profile).await?;
    Ok(service::publish::changes(&c, &flow).await?)
}

/// Publishes `flow` (`status` `saved` or `published`) through the service,
/// as `ivr publish` does, and returns the binding it recorded; with `path`,
/// the bound flow is written there (the service's step) and kept among the
/// recent files. A refusal that created the flow before failing also writes
/// the binding of the created flow, so the next publish updates it.
#[tauri::command]
#[allow(clippy::too_many_arguments)]
pub async fn publish_flow<R: Runtime>(
    state: State<'_, CloudState>,
    files: State<'_, Files>,
    app: tauri::AppHandle<R>,
    mut flow: Flow,
    profile: String,
    status: Option<PublishStatus>,
    bind_existing: Option<bool>,
    force: Option<bool>,
    overwrite: Option<bool>,
    path: Option<PathBuf>,
) -> Result<PublishOutcome, CommandError> {
    let c = client(&state, profile).await?;
    let options = PublishOptions {
        status: status.unwrap_or_default(),
        bind_existing: bind_existing.unwrap_or(false),
        force: force.unwrap_or(false),
        overwrite: overwrite.unwrap_or(false),
    };
    let result = service::publish::publish(&c, &mut flow, options).await;
    let bound = match &result {
        Ok(_) => true,
        Err(r) => r.created.is_some(),
    };
    if let (true, Some(p)) = (bound, &path) {
        let target = format!("{}/{}", c.provider(), c.instance());
        files.write_bound(&app, p, &flow, target)?;
    }
    Ok(result?)
}

#[cfg(test)]
mod tests;
