//! File commands: open, save, save as (through the native dialogs, shown from
//! Rust so the webview needs no dialog permission), recent files, and, per
//! window, autosave, crash recovery, the document it starts with (the file
//! named on the command line, or a document opened in a new window), and the
//! title with its dirty marker. Reading, writing, what is kept between runs
//! and which window holds what live in `ivr-files`; these are thin wrappers.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use ivr_files::documents::{Documents, Startup};
use ivr_files::history::{Entry, History, Occasion};
use ivr_files::session::{Autosaved, Session, Slot};
use ivr_flow::dialect::Dialect;
use ivr_flow::{Flow, Text};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime, State, WebviewWindow, Window, WindowEvent};
use tauri_plugin_dialog::DialogExt;

use crate::error::CommandError;
use crate::windows;

/// The event the window gets when it is asked to close with unsaved changes.
pub const CLOSE_REQUESTED: &str = "close-requested";

/// Where the app keeps its session and settings, and which file it was
/// started with.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The data folder; default: the OS app data folder.
    pub data_dir: Option<PathBuf>,
    /// The config folder, where the window's size and place are kept; none
    /// keeps nothing (the tests).
    pub config_dir: Option<PathBuf>,
    /// The file named on the command line.
    pub open: Option<PathBuf>,
}

impl Options {
    /// From the command line (`ivr-studio [FILE]`), `IVR_STUDIO_DATA_DIR`,
    /// and the config folder the profiles are in (`IVR_STUDIO_CONFIG_DIR`,
    /// else the OS one).
    pub fn from_env() -> Options {
        Options {
            data_dir: std::env::var_os("IVR_STUDIO_DATA_DIR").map(PathBuf::from),
            config_dir: ivr_cloud::profiles_file::config_dir().ok(),
            open: std::env::args_os()
                .skip(1)
                .find(|a| !a.to_string_lossy().starts_with('-'))
                .map(PathBuf::from),
        }
    }
}

/// The app's file state: the data folder and each window's document.
pub struct Files {
    /// The data folder, computed once: given by the options, else the OS
    /// app data folder on first use (the app's path resolver is not there
    /// before the app is built). The cloud's sandbox keeps its data there too.
    data_dir: OnceLock<PathBuf>,
    docs: Documents,
}

impl Files {
    /// The state for `options`.
    pub fn new(options: Options) -> Files {
        let data_dir = OnceLock::new();
        if let Some(dir) = options.data_dir {
            let _ = data_dir.set(dir);
        }
        Files {
            data_dir,
            docs: Documents::new(options.open),
        }
    }

    /// The data folder (see [`Files::data_dir`]'s field).
    pub fn data_dir<R: Runtime>(&self, app: &AppHandle<R>) -> Result<&Path, CommandError> {
        if let Some(dir) = self.data_dir.get() {
            return Ok(dir);
        }
        // The `ivr` command finds the same folder (ivr_files::history).
        if let Some(dir) =
            std::env::var_os(ivr_files::history::DATA_DIR_ENV).filter(|d| !d.is_empty())
        {
            return Ok(self.data_dir.get_or_init(|| dir.into()));
        }
        let dir = app.path().app_data_dir().map_err(|e| {
            CommandError::new(
                "config",
                Text::new(
                    format!("no app data folder: {e}"),
                    format!("找不到应用数据文件夹：{e}"),
                ),
            )
        })?;
        Ok(self.data_dir.get_or_init(|| dir))
    }

    /// The session in the data folder.
    fn session<R: Runtime>(&self, app: &AppHandle<R>) -> Result<Session, CommandError> {
        self.data_dir(app).map(Session::new)
    }

    /// Writes a flow whose binding a publish recorded into its file (the
    /// service's step, as `ivr publish` takes it), keeps the file among the
    /// recent ones as a save does, and a snapshot of it in the local history
    /// as published to `target`.
    pub fn write_bound<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        path: &Path,
        flow: &Flow,
        target: String,
    ) -> Result<(), CommandError> {
        ivr_cloud::service::write_bound(path, flow)?;
        let _ = self.session(app).map(|s| s.add_recent(path));
        self.snapshot(app, path, flow, Occasion::Publish { target });
        Ok(())
    }

    /// The local history in the data folder.
    fn history<R: Runtime>(&self, app: &AppHandle<R>) -> Result<History, CommandError> {
        self.data_dir(app).map(History::new)
    }

    /// Keeps `flow` in the local history of the document at `path`. The
    /// history is a convenience: a snapshot that cannot be kept fails nothing.
    fn snapshot<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        path: &Path,
        flow: &Flow,
        occasion: Occasion,
    ) {
        if let Ok(h) = self.history(app)
            && let Err(e) = h.keep(path, flow, occasion, None)
        {
            eprintln!("ivr-studio: the local history was not kept: {e}");
        }
    }
}

/// The autosave slot of the window labelled `label`.
fn slot(label: &str) -> Result<Slot, CommandError> {
    Ok(Slot::new(label)?)
}

/// Whether the app has a window labelled `label`.
fn has_window<R: Runtime>(app: &AppHandle<R>, label: &str) -> bool {
    app.get_webview_window(label).is_some()
}

/// A flow read from a file.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "OpenedFlow")]
pub struct Opened {
    /// The file the document saves to: none for a provider's file, which is
    /// imported as a new, unsaved document.
    pub path: Option<String>,
    pub flow: Flow,
    /// The provider format it was imported from, if not a native file.
    pub imported_from: Option<String>,
    /// The name the flow was given after its file, when its format has none.
    pub named_from_file: Option<String>,
}

fn text(path: &Path) -> String {
    path.display().to_string()
}

fn open(session: &Session, path: &Path) -> Result<Opened, CommandError> {
    let (dialect, flow, named_from_file) = ivr_files::read_flow_noting(path)?;
    Ok(match dialect {
        Dialect::Native => {
            // The recent list is a convenience: failing to update it fails nothing.
            let _ = session.add_recent(path);
            Opened {
                path: Some(text(path)),
                flow,
                imported_from: None,
                named_from_file,
            }
        }
        Dialect::Provider(p) => Opened {
            path: None,
            flow,
            imported_from: Some(p.as_str().to_string()),
            named_from_file,
        },
    })
}

/// Writes the flow, keeps the file among the recent ones and a snapshot of
/// it in the local history.
fn save<R: Runtime>(
    app: &AppHandle<R>,
    files: &Files,
    path: &Path,
    flow: &Flow,
) -> Result<(), CommandError> {
    ivr_files::write_flow(path, flow)?;
    let _ = files.session(app)?.add_recent(path);
    files.snapshot(app, path, flow, Occasion::Save);
    Ok(())
}

/// Opens the flow file at `path` (any dialect the engine reads).
#[tauri::command]
pub fn open_flow<R: Runtime>(
    app: AppHandle<R>,
    files: State<'_, Files>,
    path: String,
) -> Result<Opened, CommandError> {
    open(&files.session(&app)?, Path::new(&path))
}

/// Asks for a file with the native dialog and opens it; none when cancelled.
#[tauri::command]
pub async fn open_flow_dialog<R: Runtime>(
    app: AppHandle<R>,
    files: State<'_, Files>,
) -> Result<Option<Opened>, CommandError> {
    let picked = app
        .dialog()
        .file()
        .add_filter("IVR flow", &["json"])
        .blocking_pick_file();
    match picked.map(|p| p.into_path()) {
        None => Ok(None),
        Some(Ok(path)) => open(&files.session(&app)?, &path).map(Some),
        Some(Err(e)) => Err(CommandError::dialog(e)),
    }
}

/// Saves `flow` to `path`, atomically.
#[tauri::command]
pub fn save_flow<R: Runtime>(
    app: AppHandle<R>,
    files: State<'_, Files>,
    path: String,
    flow: Flow,
) -> Result<(), CommandError> {
    save(&app, &files, Path::new(&path), &flow)
}

/// Asks where to save with the native dialog and saves there; returns the
/// path, none when cancelled.
#[tauri::command]
pub async fn save_flow_dialog<R: Runtime>(
    app: AppHandle<R>,
    files: State<'_, Files>,
    flow: Flow,
) -> Result<Option<String>, CommandError> {
    let name = if flow.name.trim().is_empty() {
        "flow".to_string()
    } else {
        flow.name.trim().replace(['/', '\\'], "-")
    };
    let picked = app
        .dialog()
        .file()
        .add_filter("IVR flow", &["json"])
        .set_file_name(format!("{name}.ivr.json"))
        .blocking_save_file();
    match picked.map(|p| p.into_path()) {
        None => Ok(None),
        Some(Ok(path)) => save(&app, &files, &path, &flow).map(|()| Some(text(&path))),
        Some(Err(e)) => Err(CommandError::dialog(e)),
    }
}

/// The recently opened and saved files, newest first.
#[tauri::command]
pub fn recent_files<R: Runtime>(
    app: AppHandle<R>,
    files: State<'_, Files>,
) -> Result<Vec<String>, CommandError> {
    Ok(files
        .session(&app)?
        .recent()
        .iter()
        .map(|p| text(p))
        .collect())
}

/// The local history of the document at `path`, newest first.
#[tauri::command]
pub fn history<R: Runtime>(
    app: AppHandle<R>,
    files: State<'_, Files>,
    path: String,
) -> Result<Vec<Entry>, CommandError> {
    Ok(files.history(&app)?.entries(Path::new(&path)))
}

/// The flow of history snapshot `id`.
#[tauri::command]
pub fn history_flow<R: Runtime>(
    app: AppHandle<R>,
    files: State<'_, Files>,
    id: String,
) -> Result<Flow, CommandError> {
    Ok(files.history(&app)?.read(&id)?)
}

/// Keeps the window's document in its autosave slot, atomically.
#[tauri::command]
pub fn autosave<R: Runtime>(
    window: WebviewWindow<R>,
    files: State<'_, Files>,
    flow: Flow,
    path: Option<String>,
) -> Result<(), CommandError> {
    let doc = Autosaved {
        path: path.map(PathBuf::from),
        flow,
    };
    files
        .session(window.app_handle())?
        .autosave(&slot(window.label())?, &doc)
        .map_err(CommandError::from)
}

/// The documents a run that did not close cleanly left behind (main window
/// only: its own first, then every other window's).
#[tauri::command]
pub fn recovery<R: Runtime>(
    window: WebviewWindow<R>,
    files: State<'_, Files>,
) -> Result<Vec<Autosaved>, CommandError> {
    let app = window.app_handle();
    let session = files.session(app)?;
    Ok(files
        .docs
        .offer_recovery(&session, &slot(window.label())?, &|l| has_window(app, l)))
}

/// Restores what [`recovery`] offered: the window loads the first document
/// itself; each other one opens in a new window. Returns the new labels.
#[tauri::command]
pub async fn restore_recovery<R: Runtime>(
    window: WebviewWindow<R>,
    files: State<'_, Files>,
) -> Result<Vec<String>, CommandError> {
    let app = window.app_handle();
    let session = files.session(app)?;
    let opened = files.docs.restore_recovery(
        &session,
        &slot(window.label())?,
        &|l| has_window(app, l),
        &mut |slot, doc| windows::open_document(app, slot, doc),
    );
    labels(opened)
}

/// Declines what [`recovery`] offered: every offered copy is forgotten.
#[tauri::command]
pub fn decline_recovery<R: Runtime>(
    window: WebviewWindow<R>,
    files: State<'_, Files>,
) -> Result<(), CommandError> {
    files
        .docs
        .decline_recovery(&files.session(window.app_handle())?)
        .map_err(CommandError::from)
}

/// Forgets the window's autosaved copy (its document was saved or replaced).
#[tauri::command]
pub fn discard_recovery<R: Runtime>(
    window: WebviewWindow<R>,
    files: State<'_, Files>,
) -> Result<(), CommandError> {
    files
        .session(window.app_handle())?
        .clear_autosave(&slot(window.label())?)
        .map_err(CommandError::from)
}

/// What this window starts with, once: for the main window the file named on
/// the command line, for a window opened by [`open_documents`] its document.
#[tauri::command]
pub fn startup_document<R: Runtime>(
    window: WebviewWindow<R>,
    files: State<'_, Files>,
) -> Result<Option<Startup>, CommandError> {
    Ok(files.docs.startup(&slot(window.label())?))
}

/// Opens each of `docs` as an unsaved document in a new window of its own;
/// returns the new windows' labels.
#[tauri::command]
pub async fn open_documents<R: Runtime>(
    app: AppHandle<R>,
    files: State<'_, Files>,
    docs: Vec<Autosaved>,
) -> Result<Vec<String>, CommandError> {
    let session = files.session(&app)?;
    let opened = files.docs.open(
        &session,
        docs,
        &|l| has_window(&app, l),
        &mut |slot, doc| windows::open_document(&app, slot, doc),
    );
    labels(opened)
}

fn labels(
    opened: Result<Vec<Slot>, ivr_files::documents::WindowError>,
) -> Result<Vec<String>, CommandError> {
    Ok(opened?.iter().map(|s| s.label().to_string()).collect())
}

/// Shows `title` in the window's title bar and remembers whether its
/// document has unsaved changes (closing it then asks first).
#[tauri::command]
pub fn set_document<R: Runtime>(
    window: WebviewWindow<R>,
    files: State<'_, Files>,
    title: String,
    dirty: bool,
) -> Result<(), CommandError> {
    files.docs.set_dirty(window.label(), dirty);
    window.set_title(&title).map_err(CommandError::window)
}

/// Closes the window without asking again (the designer chose to discard or
/// has saved), and forgets its autosaved copy.
#[tauri::command]
pub fn close_window<R: Runtime>(
    window: WebviewWindow<R>,
    files: State<'_, Files>,
) -> Result<(), CommandError> {
    files.docs.set_dirty(window.label(), false);
    forget_autosave(window.app_handle(), window.label(), &files);
    window.destroy().map_err(CommandError::window)
}

fn forget_autosave<R: Runtime>(app: &AppHandle<R>, label: &str, files: &Files) {
    if let (Ok(session), Ok(slot)) = (files.session(app), slot(label)) {
        let _ = session.clear_autosave(&slot);
    }
}

/// Closing a window with unsaved changes is held and that window asked
/// ([`CLOSE_REQUESTED`]); a clean close forgets its autosaved copy; a closed
/// window is forgotten.
pub fn on_window_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    let files = window.state::<Files>();
    match event {
        WindowEvent::CloseRequested { api, .. } => {
            if files.docs.is_dirty(window.label()) {
                api.prevent_close();
                let _ = window.emit_to(window.label(), CLOSE_REQUESTED, ());
            } else {
                forget_autosave(window.app_handle(), window.label(), &files);
            }
        }
        WindowEvent::Destroyed => files.docs.closed(window.label()),
        _ => {}
    }
}

#[cfg(test)]
mod tests;
