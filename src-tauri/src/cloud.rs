//! The app's cloud commands: connection profiles (with the secret write-only),
//! the connection test, the remote flows of an instance, import and publish.
//! Each is a thin wrapper over `ivr_cloud::service` (tested there), declared
//! in the app manifest (`build.rs`) and granted in
//! `capabilities/default.json`. No response, error or log line carries a
//! secret: the webview only ever sees the secret status (stored, last 4).

pub mod state;

use std::path::PathBuf;

use ivr_cloud::ccc::PublishStatus;
use ivr_cloud::service::{
    self, Client, ImportedFlow, PlanView, ProfileView, PublishOutcome, PublishRefusal, RemotePage,
};
use ivr_cloud::{CloudError, Profile, Secret};
use ivr_flow::{Flow, Text};
use tauri::{Manager, Runtime, State};

pub use state::CloudState;

/// Manages the real [`CloudState`] unless one is managed already (the
/// tests manage theirs), with the sandbox's data in the app data folder
/// (`IVR_STUDIO_DATA_DIR` overrides it, as for the file commands), and
/// starts the sandbox in the background.
pub fn setup<R: Runtime>(app: &tauri::App<R>) -> Result<(), CloudError> {
    if app.try_state::<CloudState>().is_none() {
        // The data folder the file commands use (`IVR_STUDIO_DATA_DIR`), else the OS one.
        let data = match crate::files::Options::from_env().data_dir {
            Some(dir) => dir,
            None => app.path().app_data_dir().map_err(|e| {
                CloudError::config(Text::new(
                    format!("no app data folder: {e}"),
                    format!("找不到应用数据文件夹：{e}"),
                ))
            })?,
        };
        app.manage(CloudState::for_app(data)?);
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
pub async fn list_profiles(state: State<'_, CloudState>) -> Result<Vec<ProfileView>, CloudError> {
    state.blocking(|conns, store, _| conns.list(store)).await
}

/// Adds or replaces a profile; `secret`, when given, goes to the keyring
/// only. Returns the profiles.
#[tauri::command]
pub async fn save_profile(
    state: State<'_, CloudState>,
    profile: Profile,
    secret: Option<String>,
) -> Result<Vec<ProfileView>, CloudError> {
    let secret = secret.map(Secret::new);
    state
        .blocking(move |conns, store, _| {
            conns.save(store, profile, secret.as_ref().map(|s| (s, None)), true)?;
            conns.list(store)
        })
        .await
}

/// Removes a profile and its secrets. Returns the profiles.
#[tauri::command]
pub async fn remove_profile(
    state: State<'_, CloudState>,
    name: String,
) -> Result<Vec<ProfileView>, CloudError> {
    state
        .blocking(move |conns, store, _| {
            conns.remove(store, &name, false)?;
            conns.list(store)
        })
        .await
}

/// One cheap signed call (a list of one item).
#[tauri::command]
pub async fn test_connection(
    state: State<'_, CloudState>,
    profile: String,
) -> Result<(), CloudError> {
    let c = client(&state, profile).await?;
    service::remote::test_connection(&c).await
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
) -> Result<RemotePage, CloudError> {
    let c = client(&state, profile).await?;
    let search = search.filter(|s| !s.trim().is_empty());
    let flow_type = flow_type.filter(|s| !s.is_empty());
    service::remote::list_page(&c, flow_type.as_deref(), search.as_deref(), page, page_size).await
}

/// The flows `ids` as documents, bound to their remote flows.
#[tauri::command]
pub async fn import_flows(
    state: State<'_, CloudState>,
    profile: String,
    ids: Vec<String>,
) -> Result<Vec<ImportedFlow>, CloudError> {
    let c = client(&state, profile).await?;
    service::remote::import(&c, Some(&ids)).await
}

/// What publishing `flow` with `profile` will do.
#[tauri::command]
pub async fn plan_publish(
    state: State<'_, CloudState>,
    flow: Flow,
    profile: String,
) -> Result<PlanView, CloudError> {
    let (p, _) = state
        .blocking(move |conns, _, _| conns.find(&profile))
        .await?;
    Ok(PlanView::of(&flow, &p))
}

/// Publishes `flow` (`status` `saved` or `published`) and returns it with
/// the binding recorded; with `path`, the flow is also written there.
#[tauri::command]
pub async fn publish_flow(
    state: State<'_, CloudState>,
    flow: Flow,
    profile: String,
    status: Option<String>,
    bind_existing: Option<bool>,
    force: Option<bool>,
    path: Option<PathBuf>,
) -> Result<PublishOutcome, Box<PublishRefusal>> {
    let c = client(&state, profile)
        .await
        .map_err(PublishRefusal::from)?;
    let status = match status.as_deref() {
        Some("saved") => PublishStatus::Saved,
        _ => PublishStatus::Published,
    };
    // CCC's publish future is not `Send` (its retry helper takes an async
    // closure), so it runs on a blocking thread of the same runtime.
    let runtime = tokio::runtime::Handle::current();
    let options = service::PublishOptions {
        status,
        bind_existing: bind_existing.unwrap_or(false),
        force: force.unwrap_or(false),
    };
    let result = tauri::async_runtime::spawn_blocking(move || {
        runtime.block_on(service::publish::publish(&c, flow, options))
    })
    .await
    .map_err(|e| {
        PublishRefusal::from(CloudError::new(
            ivr_cloud::ErrorKind::Other,
            Text::new(
                format!("the publish task failed: {e}"),
                format!("发布任务失败：{e}"),
            ),
        ))
    })?;
    let written = match (&result, &path) {
        (Ok(o), Some(p)) => Some(&o.flow).map(|f| (p, f)),
        (Err(r), Some(p)) => r.flow.as_ref().map(|f| (p, f)),
        _ => None,
    };
    if let Some((p, f)) = written {
        ivr_files::write_atomic(p, &ivr_flow::to_bytes(f)).map_err(|e| {
            let p = p.display();
            PublishRefusal::from(CloudError::config(Text::new(
                format!("published, but the binding could not be written to {p}: {e}"),
                format!("已发布，但无法将绑定写入 {p}：{e}"),
            )))
        })?;
    }
    result
}

#[cfg(test)]
mod tests;
