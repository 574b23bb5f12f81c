//! The app's windows. The main window first opens sized to the screen (see
//! [`first_bounds`]), and after that where the designer left it: its size,
//! position and maximised state are kept across restarts by the official
//! window-state plugin, in [`STATE_FILE`] in the app's config folder (the one
//! the connection profiles are in). Each window beyond the first is made like
//! the main window (its limits from `tauri.conf.json`, the same UI), titled by
//! its flow, as large as the main window and set a little down and right of it
//! so both can be seen; it is not kept. The UI in it asks for its document
//! (`startup_document`).

use std::path::Path;

use ivr_files::session::{Autosaved, MAIN, Slot};
use tauri::plugin::TauriPlugin;
use tauri::utils::config::WindowConfig;
use tauri::{
    AppHandle, LogicalPosition, LogicalSize, Manager, Runtime, WebviewWindow, WebviewWindowBuilder,
};
use tauri_plugin_window_state::{StateFlags, WindowExt};

/// How far each new window is set from the main window, in logical pixels.
const CASCADE: f64 = 32.0;

/// The share of the screen's work area a window first takes, each way.
const SCREEN_SHARE: f64 = 0.85;

/// The file, in the app's config folder, that keeps the main window's size,
/// position and maximised state.
pub const STATE_FILE: &str = "window-state.json";

/// What is kept of the main window: not its visibility (a window saved
/// hidden would never show again), decorations or full screen.
fn kept() -> StateFlags {
    StateFlags::SIZE | StateFlags::POSITION | StateFlags::MAXIMIZED
}

/// The window-state plugin keeping the main window in `config_dir`'s
/// [`STATE_FILE`]: restored when the window opens, saved when the app exits.
/// Document windows are left alone: each opens beside the main window.
pub fn state_plugin<R: Runtime>(config_dir: &Path) -> Option<TauriPlugin<R>> {
    let file = config_dir.join(STATE_FILE);
    // The plugin joins this name to Tauri's own config folder; an absolute
    // path replaces that folder (`Path::join`), so the file lands in ours.
    // `window_state_is_kept_in_the_config_folder` checks it stays so. (On
    // saving, the plugin still makes Tauri's folder, `dev.ivrstudio.app`,
    // which stays empty.)
    let file = file.to_str()?.to_owned();
    // The plugin writes the file but does not make its folder.
    let _ = std::fs::create_dir_all(config_dir);
    Some(
        tauri_plugin_window_state::Builder::new()
            .with_state_flags(kept())
            .with_filename(file)
            .with_filter(|label| label == MAIN)
            // Restored by `open_main`, once the window is sized to the screen.
            .skip_initial_state(MAIN)
            .build(),
    )
}

/// A window's place and size, in logical pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// Where a window first opens on a screen whose work area (the screen less
/// panels and docks) is `area`: [`SCREEN_SHARE`] of it each way, but no
/// smaller than `design` (the size the UI is laid out for, from
/// `tauri.conf.json`) unless the work area itself is, and centred in it. A
/// 1360×850 screen gets a 1360×850 window filling it; a 1920×1080 one
/// 1632×918.
pub fn first_bounds(area: Bounds, design: (f64, f64)) -> Bounds {
    let side = |screen: f64, design: f64| (screen * SCREEN_SHARE).max(design.min(screen)).round();
    let width = side(area.width, design.0);
    let height = side(area.height, design.1);
    Bounds {
        x: (area.x + (area.width - width) / 2.0).round(),
        y: (area.y + (area.height - height) / 2.0).round(),
        width,
        height,
    }
}

/// The main window's configuration from `tauri.conf.json`.
fn main_config<R: Runtime>(app: &AppHandle<R>) -> WindowConfig {
    app.config()
        .app
        .windows
        .iter()
        .find(|w| w.label == MAIN)
        .cloned()
        .unwrap_or_default()
}

/// The work area of the screen `window` is on (else the primary screen), in
/// logical pixels.
fn work_area<R: Runtime>(window: &WebviewWindow<R>) -> Option<Bounds> {
    let monitor = match window.current_monitor() {
        Ok(Some(m)) => m,
        _ => window.primary_monitor().ok().flatten()?,
    };
    let scale = monitor.scale_factor();
    let area = monitor.work_area();
    let at = area.position.to_logical::<f64>(scale);
    let size = area.size.to_logical::<f64>(scale);
    (size.width > 0.0 && size.height > 0.0).then_some(Bounds {
        x: at.x,
        y: at.y,
        width: size.width,
        height: size.height,
    })
}

/// Opens the main window (`tauri.conf.json` leaves it to the app), hidden
/// until it is in place: sized to the screen, then, when `keep` (the
/// window-state plugin is there) and a size and place were kept, there.
pub fn open_main<R: Runtime>(app: &AppHandle<R>, keep: bool) -> tauri::Result<WebviewWindow<R>> {
    let mut config = main_config(app);
    config.create = true;
    let shown = config.visible;
    config.visible = false;
    let window = WebviewWindowBuilder::from_config(app, &config)?.build()?;
    if let Some(area) = work_area(&window) {
        let at = first_bounds(area, (config.width, config.height));
        window.set_size(LogicalSize::new(at.width, at.height))?;
        window.set_position(LogicalPosition::new(at.x, at.y))?;
    }
    if keep {
        window.restore_state(kept())?;
    }
    if shown {
        window.show()?;
    }
    Ok(window)
}

/// Opens a window labelled by `slot` for the unsaved document `doc`.
pub fn open_document<R: Runtime>(
    app: &AppHandle<R>,
    slot: &Slot,
    doc: &Autosaved,
) -> tauri::Result<()> {
    let mut config = main_config(app);
    let name = doc.flow.name.trim();
    let app_name = app.config().product_name.clone().unwrap_or_default();
    config.label = slot.label().to_string();
    config.title = format!(
        "• {} — {app_name}",
        if name.is_empty() { "—" } else { name }
    );
    config.center = false;
    config.create = true;
    config.visible = true;
    if let Some(main) = app.get_webview_window(MAIN)
        && let (Ok(at), Ok(size), Ok(scale)) = (
            main.outer_position(),
            main.inner_size(),
            main.scale_factor(),
        )
    {
        let at = at.to_logical::<f64>(scale);
        let step = CASCADE * (app.webview_windows().len() % 8) as f64;
        config.x = Some(at.x + step);
        config.y = Some(at.y + step);
        // As large as the main window; when that one fills the screen, as
        // large as it first opens.
        if main.is_maximized().unwrap_or(false) {
            if let Some(area) = work_area(&main) {
                let at = first_bounds(area, (config.width, config.height));
                config.width = at.width;
                config.height = at.height;
            }
        } else if size.width > 0 && size.height > 0 {
            let size = size.to_logical::<f64>(scale);
            config.width = size.width;
            config.height = size.height;
        }
    }
    WebviewWindowBuilder::from_config(app, &config)?.build()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{Bounds, first_bounds};

    fn area(x: f64, y: f64, width: f64, height: f64) -> Bounds {
        Bounds {
            x,
            y,
            width,
            height,
        }
    }

    const DESIGN: (f64, f64) = (1360.0, 850.0);

    #[test]
    fn a_screen_the_design_size_is_filled() {
        // The e2e display: the window fills it exactly, as the tests expect.
        assert_eq!(
            first_bounds(area(0.0, 0.0, 1360.0, 850.0), DESIGN),
            area(0.0, 0.0, 1360.0, 850.0)
        );
    }

    #[test]
    fn a_larger_screen_gets_most_of_it_centred() {
        assert_eq!(
            first_bounds(area(0.0, 0.0, 1920.0, 1080.0), DESIGN),
            area(144.0, 81.0, 1632.0, 918.0)
        );
        // A work area below a top panel, on a second screen to the right.
        assert_eq!(
            first_bounds(area(2560.0, 32.0, 2560.0, 1408.0), DESIGN),
            area(2752.0, 138.0, 2176.0, 1197.0)
        );
    }

    /// The app's set-up opens the main window; when the app exits, the
    /// plugin writes where it was to the config folder given, not Tauri's
    /// own (`dev.ivrstudio.app`), and keeps no document window.
    #[test]
    fn window_state_is_kept_in_the_config_folder() {
        use tauri::{Manager, RunEvent};
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config");
        let app = crate::app_with(
            tauri::test::mock_builder(),
            crate::files::Options {
                data_dir: Some(dir.path().join("data")),
                config_dir: Some(config.clone()),
                open: None,
            },
        )
        .build(crate::context())
        .unwrap();
        app.run_return(|handle, event| {
            if let RunEvent::Ready = event {
                let main = handle.get_webview_window("main").expect("the main window");
                let doc = ivr_files::session::Autosaved {
                    path: None,
                    flow: ivr_flow::starter_flow(),
                };
                let slot = ivr_files::session::Slot::new("doc-1").unwrap();
                super::open_document(handle, &slot, &doc).unwrap();
                for w in handle.webview_windows().values() {
                    w.destroy().unwrap();
                }
                drop(main);
            }
        });
        let kept = std::fs::read_to_string(config.join(super::STATE_FILE))
            .expect("the state file is in the config folder");
        let kept: serde_json::Value = serde_json::from_str(&kept).unwrap();
        let labels: Vec<&String> = kept.as_object().unwrap().keys().collect();
        assert_eq!(labels, ["main"], "{kept}");
        for field in ["width", "height", "x", "y", "maximized"] {
            assert!(kept["main"].get(field).is_some(), "{field} in {kept}");
        }
    }

    #[test]
    fn a_smaller_screen_is_filled_never_overflowed() {
        assert_eq!(
            first_bounds(area(0.0, 0.0, 1280.0, 720.0), DESIGN),
            area(0.0, 0.0, 1280.0, 720.0)
        );
        // A laptop: the design width fits, the height is the screen's.
        assert_eq!(
            first_bounds(area(0.0, 27.0, 1366.0, 741.0), DESIGN),
            area(3.0, 27.0, 1360.0, 741.0)
        );
    }
}
