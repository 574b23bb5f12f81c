//! The app's document windows beyond the first: each is made like the main
//! window (its size and limits from `tauri.conf.json`, the same UI), titled
//! by its flow, and set a little down and right of the main window so both
//! can be seen. The UI in it asks for its document (`startup_document`).

use ivr_files::session::{Autosaved, MAIN, Slot};
use tauri::{AppHandle, Manager, Runtime, WebviewWindowBuilder};

/// How far each new window is set from the main window, in logical pixels.
const CASCADE: f64 = 32.0;

/// Opens a window labelled by `slot` for the unsaved document `doc`.
pub fn open_document<R: Runtime>(
    app: &AppHandle<R>,
    slot: &Slot,
    doc: &Autosaved,
) -> tauri::Result<()> {
    let mut config = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == MAIN)
        .cloned()
        .unwrap_or_default();
    let name = doc.flow.name.trim();
    let app_name = app.config().product_name.clone().unwrap_or_default();
    config.label = slot.label().to_string();
    config.title = format!(
        "• {} — {app_name}",
        if name.is_empty() { "—" } else { name }
    );
    config.center = false;
    if let Some(main) = app.get_webview_window(MAIN)
        && let (Ok(at), Ok(scale)) = (main.outer_position(), main.scale_factor())
    {
        let at = at.to_logical::<f64>(scale);
        let step = CASCADE * (app.webview_windows().len() % 8) as f64;
        config.x = Some(at.x + step);
        config.y = Some(at.y + step);
    }
    WebviewWindowBuilder::from_config(app, &config)?.build()?;
    Ok(())
}
