//! The app's NXLink outbound-task commands: a new task, a `*.task.json`
//! opened and saved (through the native dialogs too), a CSV call list read
//! with `ivr_task`'s reader (UTF-8 with or without BOM, GB18030) into rows
//! the task holds, the checks with each row's number in E.164, the
//! connection's agents, routes and tasks, and the create that sends the list
//! in chunks (progress as `task-progress` events) through
//! `ivr_cloud::service::tasks`, the road `ivr task` takes. The built-in
//! "sandbox-nxlink" connection points at the embedded sandbox. Errors reach
//! the UI as the one [`CommandError`]; no answer carries a secret.

pub mod view;

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use ivr_cloud::nxlink::{NxlinkClient, SendOptions};
use ivr_cloud::service::tasks::{self, Checked, Created};
use ivr_cloud::service::{Connections, ProfileView, sandbox_nxlink_profile};
use ivr_cloud::{CloudError, ProfilesFile};
use ivr_flow::{Provider, Text};
use ivr_task::{CallSource, Task};
use tauri::{AppHandle, Emitter, Runtime, State, WebviewWindow};
use tauri_plugin_dialog::DialogExt;

use crate::cloud::CloudState;
use crate::error::CommandError;
pub use view::{
    AgentView, CreateOutcome, ImportedCalls, OpenedTask, RouteView, TaskCheck, TaskView,
};

/// The event a window gets while its task's list is sent: `[done, total]`.
pub const PROGRESS: &str = "task-progress";

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// A file that is not what it should be: named, in both languages.
fn content(path: &Path, what_zh: &str, e: impl std::fmt::Display) -> CommandError {
    let p = path.display();
    CommandError::new(
        "content",
        Text::new(format!("{p}: {e}"), format!("{p}：{what_zh}：{e}")),
    )
}

/// The connections tasks are created with: the saved NXLink profiles and
/// the built-in one to the sandbox (when it runs).
async fn connections(state: &CloudState) -> Connections {
    let builtin = match state.sandbox_endpoint().await {
        Ok(endpoint) => vec![sandbox_nxlink_profile(&endpoint)],
        Err(_) => Vec::new(),
    };
    Connections::new(ProfilesFile::in_dir(state.config_dir()), builtin)
}

/// The client for NXLink connection `profile`.
async fn client(state: &CloudState, profile: String) -> Result<NxlinkClient, CloudError> {
    let conns = connections(state).await;
    let (p, creds) = state
        .blocking(move |_, store, env| conns.resolve(store, &env, &profile))
        .await?;
    NxlinkClient::new(&p, creds)
}

/// A new task: manual start, office hours Monday to Friday, its own
/// `userTaskId` (so a create whose answer is lost is found again).
#[tauri::command]
pub fn new_task() -> Task {
    Task {
        user_task_id: format!("ivr-task-{}", now()),
        ..Task::default()
    }
}

/// The NXLink connections: the built-in sandbox one first, then the saved ones.
#[tauri::command]
pub async fn task_profiles(state: State<'_, CloudState>) -> Result<Vec<ProfileView>, CommandError> {
    let conns = connections(&state).await;
    let all = state.blocking(move |_, store, _| conns.list(store)).await?;
    Ok(all
        .into_iter()
        .filter(|v| v.profile.provider == Provider::Nxlink)
        .collect())
}

/// Reads the task file at `path`. A task naming a CSV file gets that file's
/// rows (the app edits rows in place; `calls_file` says where they came from).
pub fn open(path: &Path) -> Result<OpenedTask, CommandError> {
    let bytes = ivr_files::read_limited(path).map_err(|e| content(path, "无法读取", e))?;
    let mut task =
        ivr_task::from_bytes(&bytes).map_err(|e| content(path, "不是可用的任务文件", e))?;
    let calls_file = match &task.calls {
        CallSource::File(name) => Some(name.clone()),
        CallSource::Rows(_) => None,
    };
    if calls_file.is_some() {
        let dir = path.parent().unwrap_or(Path::new("."));
        let list =
            ivr_task::load_call_list(&task, dir).map_err(|e| content(path, "无法读取名单", e))?;
        task.calls = CallSource::Rows(ivr_task::to_rows(&list));
    }
    Ok(OpenedTask {
        path: path.display().to_string(),
        task,
        calls_file,
    })
}

/// Opens the task file at `path`.
#[tauri::command]
pub fn open_task(path: String) -> Result<OpenedTask, CommandError> {
    open(Path::new(&path))
}

/// Asks for a task file with the native dialog and opens it; none when cancelled.
#[tauri::command]
pub async fn open_task_dialog<R: Runtime>(
    app: AppHandle<R>,
) -> Result<Option<OpenedTask>, CommandError> {
    let picked = app
        .dialog()
        .file()
        .set_title("Open a task")
        .add_filter("IVR task", &["json"])
        .blocking_pick_file();
    match picked.map(|p| p.into_path()) {
        None => Ok(None),
        Some(Ok(path)) => open(&path).map(Some),
        Some(Err(e)) => Err(CommandError::dialog(e)),
    }
}

/// Writes `task` to `path`, atomically.
#[tauri::command]
pub fn save_task(path: String, task: Task) -> Result<(), CommandError> {
    Ok(ivr_files::write_atomic(
        Path::new(&path),
        &ivr_task::to_bytes(&task),
    )?)
}

/// Asks where to save with the native dialog and saves there; the path, none
/// when cancelled.
#[tauri::command]
pub async fn save_task_dialog<R: Runtime>(
    app: AppHandle<R>,
    task: Task,
) -> Result<Option<String>, CommandError> {
    let name = match task.name.trim() {
        "" => "task".to_owned(),
        n => n.replace(['/', '\\'], "-"),
    };
    let picked = app
        .dialog()
        .file()
        .add_filter("IVR task", &["json"])
        .set_file_name(format!("{name}.task.json"))
        .blocking_save_file();
    match picked.map(|p| p.into_path()) {
        None => Ok(None),
        Some(Ok(path)) => {
            ivr_files::write_atomic(&path, &ivr_task::to_bytes(&task))?;
            Ok(Some(path.display().to_string()))
        }
        Some(Err(e)) => Err(CommandError::dialog(e)),
    }
}

/// Reads the CSV call list at `path` into rows a task holds.
pub fn import(path: &Path) -> Result<ImportedCalls, CommandError> {
    let list = ivr_task::read_call_list_file(path).map_err(|e| content(path, "无法读取名单", e))?;
    Ok(ImportedCalls {
        path: path.display().to_string(),
        encoding: list.encoding,
        variables: list.variables.clone(),
        rows: ivr_task::to_rows(&list),
    })
}

/// Reads the CSV call list at `path`.
#[tauri::command]
pub fn import_call_list(path: String) -> Result<ImportedCalls, CommandError> {
    import(Path::new(&path))
}

/// Asks for a CSV call list with the native dialog and reads it; none when cancelled.
#[tauri::command]
pub async fn import_call_list_dialog<R: Runtime>(
    app: AppHandle<R>,
) -> Result<Option<ImportedCalls>, CommandError> {
    let picked = app
        .dialog()
        .file()
        .set_title("Import a call list (CSV)")
        .add_filter("CSV", &["csv", "txt"])
        .blocking_pick_file();
    match picked.map(|p| p.into_path()) {
        None => Ok(None),
        Some(Ok(path)) => import(&path).map(Some),
        Some(Err(e)) => Err(CommandError::dialog(e)),
    }
}

/// The task with its rows, checked as of `now`: the service's [`Checked`].
/// `path` (the task's file, when it has one) is where a linked flow is found.
pub fn checked(task: Task, path: Option<&Path>, now: i64) -> Result<Checked, CommandError> {
    let path = path.map_or_else(|| PathBuf::from("task.task.json"), Path::to_path_buf);
    let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    let list =
        ivr_task::load_call_list(&task, &dir).map_err(|e| content(&path, "无法读取名单", e))?;
    let flow_vars = match (&task.flow, path.parent()) {
        (Some(flow), Some(dir)) if !flow.trim().is_empty() => {
            let flow_path = dir.join(flow);
            let bytes = ivr_files::read_limited(&flow_path)
                .map_err(|e| content(&flow_path, "无法读取流程", e))?;
            ivr_task::flow_variables(&bytes).map_err(|e| content(&flow_path, "不是流程文件", e))?
        }
        _ => Vec::new(),
    };
    let declared = ivr_task::declared_variables(&task, &flow_vars);
    let prepared = ivr_task::prepare(&task, &list, &declared, now);
    Ok(Checked {
        path,
        task,
        list,
        declared,
        prepared,
    })
}

/// Every problem of `task` and its rows, each row's number in E.164.
#[tauri::command]
pub fn check_task(task: Task, path: Option<String>) -> Result<TaskCheck, CommandError> {
    let c = checked(task, path.as_deref().map(Path::new), now())?;
    Ok(TaskCheck::of(&c))
}

/// The connection's AI agents.
#[tauri::command]
pub async fn task_agents(
    state: State<'_, CloudState>,
    profile: String,
) -> Result<Vec<AgentView>, CommandError> {
    let c = client(&state, profile).await?;
    Ok(c.agents("").await?.iter().map(AgentView::of).collect())
}

/// The connection's call routes.
#[tauri::command]
pub async fn task_routes(
    state: State<'_, CloudState>,
    profile: String,
) -> Result<Vec<RouteView>, CommandError> {
    let c = client(&state, profile).await?;
    Ok(c.routes("").await?.iter().map(RouteView::of).collect())
}

/// The connection's tasks (`task/list`).
#[tauri::command]
pub async fn task_list(
    state: State<'_, CloudState>,
    profile: String,
) -> Result<Vec<TaskView>, CommandError> {
    let c = client(&state, profile).await?;
    Ok(c.tasks(None).await?.iter().map(TaskView::of).collect())
}

/// Creates `task` with its rows in NXLink through `profile`, in chunks
/// (`task-progress` events to the window after each); a task whose
/// `userTaskId` NXLink has already is not created again.
#[tauri::command]
pub async fn create_task<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, CloudState>,
    profile: String,
    task: Task,
    path: Option<String>,
) -> Result<CreateOutcome, CommandError> {
    let checked = checked(task, path.as_deref().map(Path::new), now())?;
    let client = client(&state, profile).await?;
    let options = SendOptions::default();
    let created = tasks::create(&client, &checked, &options, |done, total| {
        let _ = window.emit_to(window.label(), PROGRESS, [done, total]);
    })
    .await?;
    Ok(match created {
        Created::Sent(r) => CreateOutcome::sent(&r, checked.prepared.rows_left_out),
        Created::AlreadyThere(t) => CreateOutcome::already_there(&t),
    })
}

#[cfg(test)]
mod tests;
