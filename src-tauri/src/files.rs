//! File commands: open, save, save as (through the native dialogs, shown from
//! Rust so the webview needs no dialog permission), recent files, autosave and
//! crash recovery, the file named on the command line, and the window title
//! with its dirty marker. Reading, writing and what is kept between runs live
//! in `ivr-files`; these are thin wrappers.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ivr_files::session::{Autosaved, Session};
use ivr_flow::Flow;
use ivr_flow::dialect::Dialect;
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime, State, WebviewWindow, Window, WindowEvent};
use tauri_plugin_dialog::DialogExt;

/// The event the window gets when it is asked to close with unsaved changes.
pub const CLOSE_REQUESTED: &str = "close-requested";

/// Where the app keeps its session and which file it was started with.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The data folder; default: the OS app data folder.
    pub data_dir: Option<PathBuf>,
    /// The file named on the command line.
    pub open: Option<PathBuf>,
}

impl Options {
    /// From the command line (`ivr-studio [FILE]`) and `IVR_STUDIO_DATA_DIR`.
    pub fn from_env() -> Options {
        Options {
            data_dir: std::env::var_os("IVR_STUDIO_DATA_DIR").map(PathBuf::from),
            open: std::env::args_os()
                .skip(1)
                .find(|a| !a.to_string_lossy().starts_with('-'))
                .map(PathBuf::from),
        }
    }
}

/// The app's file state.
pub struct Files {
    data_dir: Option<PathBuf>,
    startup: Mutex<Option<PathBuf>>,
    dirty: Mutex<bool>,
}

impl Files {
    /// The state for `options`.
    pub fn new(options: Options) -> Files {
        Files {
            data_dir: options.data_dir,
            startup: Mutex::new(options.open),
            dirty: Mutex::new(false),
        }
    }

    /// The session in the data folder: the one given, else the OS app data folder.
    fn session<R: Runtime>(&self, app: &AppHandle<R>) -> Result<Session, String> {
        match &self.data_dir {
            Some(dir) => Ok(Session::new(dir)),
            None => app
                .path()
                .app_data_dir()
                .map(Session::new)
                .map_err(|e| format!("no app data folder: {e}")),
        }
    }

    fn is_dirty(&self) -> bool {
        self.dirty.lock().map(|d| *d).unwrap_or(false)
    }

    fn set_dirty(&self, dirty: bool) {
        if let Ok(mut d) = self.dirty.lock() {
            *d = dirty;
        }
    }
}

/// A flow read from a file.
#[derive(Debug, Clone, Serialize)]
pub struct Opened {
    /// The file the document saves to: none for a provider's file, which is
    /// imported as a new, unsaved document.
    pub path: Option<String>,
    pub flow: Flow,
    /// The provider format it was imported from, if not a native file.
    pub imported_from: Option<String>,
}

fn text(path: &Path) -> String {
    path.display().to_string()
}

fn open(session: &Session, path: &Path) -> Result<Opened, String> {
    let (dialect, flow) = ivr_files::read_flow(path).map_err(|e| e.to_string())?;
    Ok(match dialect {
        Dialect::Native => {
            // The recent list is a convenience: failing to update it fails nothing.
            let _ = session.add_recent(path);
            Opened {
                path: Some(text(path)),
                flow,
                imported_from: None,
            }
        }
        Dialect::Provider(p) => Opened {
            path: None,
            flow,
            imported_from: Some(p.as_str().to_string()),
        },
    })
}

fn save(session: &Session, path: &Path, flow: &Flow) -> Result<(), String> {
    ivr_files::write_flow(path, flow).map_err(|e| e.to_string())?;
    let _ = session.add_recent(path);
    Ok(())
}

/// Opens the flow file at `path` (any dialect the engine reads).
#[tauri::command]
pub fn open_flow<R: Runtime>(
    app: AppHandle<R>,
    files: State<'_, Files>,
    path: String,
) -> Result<Opened, String> {
    open(&files.session(&app)?, Path::new(&path))
}

/// Asks for a file with the native dialog and opens it; none when cancelled.
#[tauri::command]
pub async fn open_flow_dialog<R: Runtime>(
    app: AppHandle<R>,
    files: State<'_, Files>,
) -> Result<Option<Opened>, String> {
    let picked = app
        .dialog()
        .file()
        .add_filter("IVR flow", &["json"])
        .blocking_pick_file();
    match picked.map(|p| p.into_path()) {
        None => Ok(None),
        Some(Ok(path)) => open(&files.session(&app)?, &path).map(Some),
        Some(Err(e)) => Err(e.to_string()),
    }
}

/// Saves `flow` to `path`, atomically.
#[tauri::command]
pub fn save_flow<R: Runtime>(
    app: AppHandle<R>,
    files: State<'_, Files>,
    path: String,
    flow: Flow,
) -> Result<(), String> {
    save(&files.session(&app)?, Path::new(&path), &flow)
}

/// Asks where to save with the native dialog and saves there; returns the
/// path, none when cancelled.
#[tauri::command]
pub async fn save_flow_dialog<R: Runtime>(
    app: AppHandle<R>,
    files: State<'_, Files>,
    flow: Flow,
) -> Result<Option<String>, String> {
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
        Some(Ok(path)) => save(&files.session(&app)?, &path, &flow).map(|()| Some(text(&path))),
        Some(Err(e)) => Err(e.to_string()),
    }
}

/// The recently opened and saved files, newest first.
#[tauri::command]
pub fn recent_files<R: Runtime>(
    app: AppHandle<R>,
    files: State<'_, Files>,
) -> Result<Vec<String>, String> {
    Ok(files
        .session(&app)?
        .recent()
        .iter()
        .map(|p| text(p))
        .collect())
}

/// Keeps the open document in the app data folder, atomically.
#[tauri::command]
pub fn autosave<R: Runtime>(
    app: AppHandle<R>,
    files: State<'_, Files>,
    flow: Flow,
    path: Option<String>,
) -> Result<(), String> {
    let doc = Autosaved {
        path: path.map(PathBuf::from),
        flow,
    };
    files
        .session(&app)?
        .autosave(&doc)
        .map_err(|e| e.to_string())
}

/// The document a run that did not close cleanly left behind.
#[tauri::command]
pub fn recovery<R: Runtime>(
    app: AppHandle<R>,
    files: State<'_, Files>,
) -> Result<Option<Autosaved>, String> {
    Ok(files.session(&app)?.recovery())
}

/// Forgets the autosaved document.
#[tauri::command]
pub fn discard_recovery<R: Runtime>(
    app: AppHandle<R>,
    files: State<'_, Files>,
) -> Result<(), String> {
    files
        .session(&app)?
        .clear_autosave()
        .map_err(|e| e.to_string())
}

/// The file named on the command line, once: later calls return none.
#[tauri::command]
pub fn startup_file(files: State<'_, Files>) -> Option<String> {
    files.startup.lock().ok()?.take().map(|p| text(&p))
}

/// Shows `title` in the window's title bar and remembers whether the document
/// has unsaved changes (closing then asks first).
#[tauri::command]
pub fn set_document<R: Runtime>(
    window: WebviewWindow<R>,
    files: State<'_, Files>,
    title: String,
    dirty: bool,
) -> Result<(), String> {
    files.set_dirty(dirty);
    window.set_title(&title).map_err(|e| e.to_string())
}

/// Closes the window without asking again (the designer chose to discard or
/// has saved), and forgets the autosaved copy.
#[tauri::command]
pub fn close_window<R: Runtime>(
    window: WebviewWindow<R>,
    files: State<'_, Files>,
) -> Result<(), String> {
    files.set_dirty(false);
    if let Ok(session) = files.session(window.app_handle()) {
        let _ = session.clear_autosave();
    }
    window.destroy().map_err(|e| e.to_string())
}

/// Closing a window with unsaved changes is held and the window asked
/// ([`CLOSE_REQUESTED`]); a clean close forgets the autosaved copy.
pub fn on_window_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    let WindowEvent::CloseRequested { api, .. } = event else {
        return;
    };
    let files = window.state::<Files>();
    if files.is_dirty() {
        api.prevent_close();
        let _ = window.emit_to(window.label(), CLOSE_REQUESTED, ());
    } else if let Ok(session) = files.session(window.app_handle()) {
        let _ = session.clear_autosave();
    }
}

#[cfg(test)]
mod tests {
    use super::Options;
    use crate::tests::{invoke, main_window_with};
    use ivr_flow::Flow;
    use serde_json::{Value, json};
    use std::fs;

    fn window(
        dir: &std::path::Path,
        open: Option<&str>,
    ) -> (
        tauri::App<tauri::test::MockRuntime>,
        tauri::WebviewWindow<tauri::test::MockRuntime>,
    ) {
        main_window_with(Options {
            data_dir: Some(dir.join("data")),
            open: open.map(|p| dir.join(p)),
        })
    }

    #[test]
    fn save_then_open_gives_the_same_flow_and_a_recent_file() {
        let dir = tempfile::tempdir().unwrap();
        let (_app, w) = window(dir.path(), None);
        let path = dir.path().join("menu.ivr.json").display().to_string();
        let flow = ivr_flow::starter_flow();
        invoke(&w, "save_flow", json!({ "path": path, "flow": flow })).unwrap();
        let opened = invoke(&w, "open_flow", json!({ "path": path })).unwrap();
        assert_eq!(opened["path"], json!(path));
        assert_eq!(opened["imported_from"], Value::Null);
        let back: Flow = serde_json::from_value(opened["flow"].clone()).unwrap();
        assert_eq!(back, flow);
        assert_eq!(
            invoke(&w, "recent_files", json!({})).unwrap(),
            json!([path])
        );
    }

    #[test]
    fn bad_files_are_refused_by_name_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let (_app, w) = window(dir.path(), None);
        let newer = br#"{"format":"ivr-studio/flow","version":99,"name":"x"}"#.to_vec();
        let big = vec![b' '; 20 * 1024 * 1024 + 1];
        let cases: [(&str, Vec<u8>, &str); 4] = [
            ("notes.ivr.json", b"hello, not json".to_vec(), "JSON"),
            ("other.json", br#"{"hello":"world"}"#.to_vec(), "not"),
            ("newer.ivr.json", newer, "newer IVR Studio"),
            ("big.ivr.json", big, "20.0 MB limit"),
        ];
        for (name, bytes, says) in cases {
            let path = dir.path().join(name);
            fs::write(&path, &bytes).unwrap();
            let err = invoke(
                &w,
                "open_flow",
                json!({ "path": path.display().to_string() }),
            )
            .expect_err("a bad file is refused");
            let err = err.as_str().unwrap().to_string();
            assert!(err.contains(name), "{err}");
            assert!(err.contains(says), "{name}: {err}");
            assert_eq!(fs::read(&path).unwrap(), bytes, "{name} is unchanged");
        }
        assert_eq!(invoke(&w, "recent_files", json!({})).unwrap(), json!([]));
    }

    #[test]
    fn a_provider_file_opens_as_a_new_unsaved_document() {
        let dir = tempfile::tempdir().unwrap();
        let (_app, w) = window(dir.path(), None);
        let flow = ivr_flow::starter_flow();
        let bytes = ivr_flow::dialect::encode(
            &flow,
            ivr_flow::dialect::Dialect::Provider(ivr_flow::Provider::Connect),
        )
        .unwrap();
        let path = dir.path().join("connect.json");
        fs::write(&path, &bytes).unwrap();
        let opened = invoke(
            &w,
            "open_flow",
            json!({ "path": path.display().to_string() }),
        )
        .unwrap();
        assert_eq!(opened["path"], Value::Null);
        assert_eq!(opened["imported_from"], json!("connect"));
    }

    #[test]
    fn autosave_is_offered_back_until_discarded() {
        let dir = tempfile::tempdir().unwrap();
        let (_app, w) = window(dir.path(), None);
        assert_eq!(invoke(&w, "recovery", json!({})).unwrap(), Value::Null);
        let mut flow = ivr_flow::starter_flow();
        flow.name = "Edited".into();
        invoke(&w, "autosave", json!({ "flow": flow, "path": null })).unwrap();
        // A new run (after a crash) finds it.
        let (_app2, w2) = window(dir.path(), None);
        let kept = invoke(&w2, "recovery", json!({})).unwrap();
        assert_eq!(kept["flow"]["name"], json!("Edited"));
        invoke(&w2, "discard_recovery", json!({})).unwrap();
        assert_eq!(invoke(&w2, "recovery", json!({})).unwrap(), Value::Null);
    }

    #[test]
    fn the_command_line_file_is_given_once() {
        let dir = tempfile::tempdir().unwrap();
        let (_app, w) = window(dir.path(), Some("start.ivr.json"));
        let want = dir.path().join("start.ivr.json").display().to_string();
        assert_eq!(invoke(&w, "startup_file", json!({})).unwrap(), json!(want));
        assert_eq!(invoke(&w, "startup_file", json!({})).unwrap(), Value::Null);
    }

    #[test]
    fn set_document_is_granted() {
        let dir = tempfile::tempdir().unwrap();
        let (_app, w) = window(dir.path(), None);
        invoke(
            &w,
            "set_document",
            json!({ "title": "• Menu — IVR Studio", "dirty": true }),
        )
        .unwrap();
        // The mock runtime keeps no title; the real one is checked end to end.
    }
}
