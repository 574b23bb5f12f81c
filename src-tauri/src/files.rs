//! File commands: open, save, save as (through the native dialogs, shown from
//! Rust so the webview needs no dialog permission), recent files, and, per
//! window, autosave, crash recovery, the document it starts with (the file
//! named on the command line, or a document opened in a new window), and the
//! title with its dirty marker. Reading, writing, what is kept between runs
//! and which window holds what live in `ivr-files`; these are thin wrappers.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use ivr_files::documents::{Documents, Startup};
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
    /// service's step, as `ivr publish` takes it), and keeps the file among
    /// the recent ones as a save does.
    pub fn write_bound<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        path: &Path,
        flow: &Flow,
    ) -> Result<(), CommandError> {
        ivr_cloud::service::write_bound(path, flow)?;
        let _ = self.session(app).map(|s| s.add_recent(path));
        Ok(())
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

fn save(session: &Session, path: &Path, flow: &Flow) -> Result<(), CommandError> {
    ivr_files::write_flow(path, flow)?;
    let _ = session.add_recent(path);
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
    save(&files.session(&app)?, Path::new(&path), &flow)
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
        Some(Ok(path)) => save(&files.session(&app)?, &path, &flow).map(|()| Some(text(&path))),
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
mod tests {
    use super::Options;
    use crate::tests::{invoke, main_window_with};
    use ivr_flow::Flow;
    use serde_json::{Value, json};
    use std::fs;
    use tauri::Manager;

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
            ..Options::default()
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
            assert_eq!(err["kind"], "content", "{err}");
            let (en, zh) = (&err["text"]["en"], &err["text"]["zh"]);
            let en = en.as_str().unwrap();
            assert!(en.contains(name), "{err}");
            assert!(en.contains(says), "{name}: {err}");
            // In Chinese too, naming the file.
            let zh = zh.as_str().unwrap();
            assert!(zh.contains(name) && zh.contains('：'), "{name}: {zh}");
            assert_ne!(zh, en);
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
        assert_eq!(invoke(&w, "recovery", json!({})).unwrap(), json!([]));
        let mut flow = ivr_flow::starter_flow();
        flow.name = "Edited".into();
        invoke(&w, "autosave", json!({ "flow": flow, "path": null })).unwrap();
        assert!(dir.path().join("data/autosave.json").is_file());
        // A new run (after a crash) finds it.
        let (_app2, w2) = window(dir.path(), None);
        let kept = invoke(&w2, "recovery", json!({})).unwrap();
        assert_eq!(kept[0]["flow"]["name"], json!("Edited"));
        invoke(&w2, "discard_recovery", json!({})).unwrap();
        assert_eq!(invoke(&w2, "recovery", json!({})).unwrap(), json!([]));
    }

    #[test]
    fn the_command_line_file_is_given_once_to_the_main_window() {
        let dir = tempfile::tempdir().unwrap();
        let (_app, w) = window(dir.path(), Some("start.ivr.json"));
        let want = dir.path().join("start.ivr.json").display().to_string();
        assert_eq!(
            invoke(&w, "startup_document", json!({})).unwrap(),
            json!({ "kind": "file", "path": want })
        );
        assert_eq!(
            invoke(&w, "startup_document", json!({})).unwrap(),
            Value::Null
        );
    }

    fn doc(name: &str) -> Value {
        let mut flow = ivr_flow::starter_flow();
        flow.name = name.into();
        json!({ "path": null, "flow": flow })
    }

    #[test]
    fn open_documents_gives_each_flow_its_own_new_window() {
        let dir = tempfile::tempdir().unwrap();
        let (app, main) = window(dir.path(), None);
        let labels = invoke(
            &main,
            "open_documents",
            json!({ "docs": [doc("Two"), doc("Three")] }),
        )
        .unwrap();
        assert_eq!(labels, json!(["doc-1", "doc-2"]));
        for (label, name) in [("doc-1", "Two"), ("doc-2", "Three")] {
            let w = app.get_webview_window(label).expect("the window opened");
            // Each is safe in its own autosave slot before its UI has loaded.
            let slot = dir.path().join(format!("data/autosave-{label}.json"));
            assert!(fs::read_to_string(&slot).unwrap().contains(name), "{label}");
            // Its UI gets its document, once; the main window's is not touched.
            let got = invoke(&w, "startup_document", json!({})).unwrap();
            assert_eq!(got["kind"], json!("document"));
            assert_eq!(got["flow"]["name"], json!(name));
            assert_eq!(got["path"], Value::Null);
            assert_eq!(
                invoke(&w, "startup_document", json!({})).unwrap(),
                Value::Null
            );
            // The window may use the app's commands (capability "doc-*"), and
            // is offered no other window's recovery.
            invoke(&w, "autosave", doc(&format!("{name} edited"))).unwrap();
            assert!(fs::read_to_string(&slot).unwrap().contains("edited"));
            assert_eq!(invoke(&w, "recovery", json!({})).unwrap(), json!([]));
        }
        assert_eq!(
            invoke(&main, "startup_document", json!({})).unwrap(),
            Value::Null
        );
        // A window outside the capability gets nothing.
        let other = tauri::WebviewWindowBuilder::new(&app, "other", Default::default())
            .build()
            .unwrap();
        assert!(invoke(&other, "startup_document", json!({})).is_err());
    }

    #[test]
    fn discarding_or_closing_forgets_only_that_windows_copy() {
        let dir = tempfile::tempdir().unwrap();
        let (app, main) = window(dir.path(), None);
        invoke(&main, "autosave", doc("Main")).unwrap();
        invoke(&main, "open_documents", json!({ "docs": [doc("Two")] })).unwrap();
        let two = app.get_webview_window("doc-1").unwrap();
        invoke(&two, "discard_recovery", json!({})).unwrap();
        assert!(!dir.path().join("data/autosave-doc-1.json").exists());
        assert!(dir.path().join("data/autosave.json").is_file());
        invoke(&two, "autosave", doc("Two")).unwrap();
        invoke(&two, "close_window", json!({})).unwrap();
        assert!(!dir.path().join("data/autosave-doc-1.json").exists());
        assert!(dir.path().join("data/autosave.json").is_file());
    }

    #[test]
    fn after_a_crash_main_is_offered_every_window_and_restoring_reopens_them() {
        let dir = tempfile::tempdir().unwrap();
        {
            // The run that crashes: main and two more windows, all edited.
            let (app, main) = window(dir.path(), None);
            invoke(&main, "autosave", doc("Main edited")).unwrap();
            invoke(
                &main,
                "open_documents",
                json!({ "docs": [doc("Two"), doc("Three")] }),
            )
            .unwrap();
            let three = app.get_webview_window("doc-2").unwrap();
            invoke(&three, "autosave", doc("Three edited")).unwrap();
        }
        let (app, main) = window(dir.path(), None);
        let offered = invoke(&main, "recovery", json!({})).unwrap();
        let names: Vec<&str> = offered
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["flow"]["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["Main edited", "Two", "Three edited"]);
        let labels = invoke(&main, "restore_recovery", json!({})).unwrap();
        // New labels avoid the old slots, which are cleared once moved.
        assert_eq!(labels, json!(["doc-3", "doc-4"]));
        let four = app.get_webview_window("doc-4").unwrap();
        let got = invoke(&four, "startup_document", json!({})).unwrap();
        assert_eq!(got["flow"]["name"], json!("Three edited"));
        let mut left: Vec<String> = fs::read_dir(dir.path().join("data"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("autosave"))
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                "autosave-doc-3.json",
                "autosave-doc-4.json",
                "autosave.json"
            ]
        );
    }

    #[test]
    fn declining_the_recovery_forgets_every_left_window() {
        let dir = tempfile::tempdir().unwrap();
        {
            let (_app, main) = window(dir.path(), None);
            invoke(&main, "open_documents", json!({ "docs": [doc("Two")] })).unwrap();
        }
        let (_app, main) = window(dir.path(), None);
        assert_eq!(
            invoke(&main, "recovery", json!({})).unwrap()[0]["flow"]["name"],
            json!("Two")
        );
        invoke(&main, "decline_recovery", json!({})).unwrap();
        assert!(!dir.path().join("data/autosave-doc-1.json").exists());
        assert_eq!(invoke(&main, "recovery", json!({})).unwrap(), json!([]));
    }

    #[test]
    fn closing_a_window_with_unsaved_changes_asks_that_window_only() {
        use std::sync::{Arc, Mutex};
        use tauri::{Listener, RunEvent, WindowEvent};
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        // Run the app's event loop; its set-up opens the main window from the
        // config. The mock runtime hands close requests only to the run
        // callback, which passes them to the app's window-event handler as
        // the real runtime does.
        let app = crate::app_with(
            tauri::test::mock_builder(),
            Options {
                data_dir: Some(data.clone()),
                ..Options::default()
            },
        )
        .build(crate::context())
        .unwrap();
        let asked = Arc::new(Mutex::new(Vec::<String>::new()));
        let closing = Arc::new(Mutex::new(Vec::<String>::new()));
        let (asked2, closing2) = (asked.clone(), closing.clone());
        app.run_return(move |handle, event| match event {
            RunEvent::Ready => {
                let main = handle.get_webview_window("main").expect("the main window");
                invoke(&main, "autosave", doc("Main")).unwrap();
                invoke(&main, "open_documents", json!({ "docs": [doc("Two")] })).unwrap();
                let two = handle.get_webview_window("doc-1").unwrap();
                invoke(
                    &two,
                    "set_document",
                    json!({ "title": "• Two", "dirty": true }),
                )
                .unwrap();
                invoke(
                    &main,
                    "set_document",
                    json!({ "title": "Main", "dirty": false }),
                )
                .unwrap();
                for w in [&main, &two] {
                    let (asked, label) = (asked2.clone(), w.label().to_string());
                    w.listen(super::CLOSE_REQUESTED, move |_| {
                        asked.lock().unwrap().push(label.clone())
                    });
                }
                // Close both: the clean main window closes; doc-1 is held and asked.
                two.close().unwrap();
                main.close().unwrap();
            }
            RunEvent::WindowEvent {
                label,
                event: event @ WindowEvent::CloseRequested { .. },
                ..
            } => {
                closing2.lock().unwrap().push(label.clone());
                let window = handle.get_webview_window(&label).expect("the window");
                let window = window.as_ref().window();
                super::on_window_event(&window, &event);
                if label == "doc-1" {
                    let w = handle
                        .get_webview_window("doc-1")
                        .expect("doc-1 is held open");
                    // It asked; the designer discards: the window closes for good.
                    invoke(&w, "close_window", json!({})).unwrap();
                }
            }
            _ => {}
        });
        assert_eq!(*closing.lock().unwrap(), ["doc-1", "main"]);
        assert_eq!(*asked.lock().unwrap(), ["doc-1"]);
        // Both copies are gone: main's by its clean close, doc-1's by close_window.
        assert!(!data.join("autosave.json").exists());
        assert!(!data.join("autosave-doc-1.json").exists());
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
