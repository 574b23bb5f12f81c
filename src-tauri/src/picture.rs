//! Export picture: the flow (or the selected blocks) drawn as SVG by
//! `ivr_flow::render`, the same picture `ivr render` writes, saved where the
//! designer picks: as SVG, or as PNG when the name they give ends `.png`.
//! A PNG is the same SVG drawn by the web view onto a canvas (no rasteriser
//! in the binary); its bytes come back through [`save_picture_png`], which
//! writes them only to the path the designer just picked, once.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ivr_flow::render::{self, Options, Theme};
use ivr_flow::{Flow, Text};
use serde::Serialize;
use tauri::ipc::{InvokeBody, Request};
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::error::CommandError;

/// Where the PNG the web view is drawing goes: set by [`export_picture`],
/// taken by [`save_picture_png`].
#[derive(Default)]
pub struct PendingPng(Mutex<Option<PathBuf>>);

/// What Export picture did: an SVG written, or a PNG to draw from `svg`
/// and hand to [`save_picture_png`].
#[derive(Clone, Debug, Serialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Exported {
    Svg { path: String },
    Png { path: String, svg: String },
}

/// Whether `path` names a PNG file.
fn is_png(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("png"))
}

/// The bytes every PNG file starts with.
const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// Writes the PNG the web view drew (the request's raw body) to the path
/// Export picture just asked for; refused when none is waiting or the bytes
/// are not a PNG. The path written.
#[tauri::command]
pub fn save_picture_png(
    pending: State<'_, PendingPng>,
    request: Request<'_>,
) -> Result<String, CommandError> {
    let path = pending
        .0
        .lock()
        .map_err(|_| {
            CommandError::new(
                "internal",
                Text::new(
                    "the picture state is broken; export the picture again",
                    "图片状态异常；请重新导出图片",
                ),
            )
        })?
        .take()
        .ok_or_else(|| {
            CommandError::new(
                "picture",
                Text::new(
                    "no picture is waiting to be saved; choose File > Export picture",
                    "没有等待保存的图片；请选择 文件 > 导出图片",
                ),
            )
        })?;
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(CommandError::new(
            "picture",
            Text::new(
                "the picture came as text, not PNG bytes",
                "图片不是 PNG 数据",
            ),
        ));
    };
    if !bytes.starts_with(PNG_SIGNATURE) {
        return Err(CommandError::new(
            "picture",
            Text::new(
                format!(
                    "the picture for {} is not a PNG; nothing was written",
                    path.display()
                ),
                format!("{} 的图片不是 PNG；未写入任何内容", path.display()),
            ),
        ));
    }
    ivr_files::write_atomic(&path, bytes)?;
    Ok(path.display().to_string())
}

/// Asks where to save, then writes the picture of `flow` there, in `lang`
/// (`en`, `zh`) and `theme` (`light`, `dark`); only the `selection`'s blocks
/// when it names any. The path written, or none when the designer cancelled.
#[tauri::command]
pub async fn export_picture<R: Runtime>(
    app: AppHandle<R>,
    flow: Flow,
    lang: String,
    theme: String,
    selection: Vec<String>,
) -> Result<Option<Exported>, CommandError> {
    let name = match flow.name.trim() {
        "" => "flow".to_owned(),
        n => n.replace(['/', '\\'], "-"),
    };
    let picked = app
        .dialog()
        .file()
        .add_filter("SVG picture", &["svg"])
        .add_filter("PNG picture", &["png"])
        .set_file_name(format!("{name}.svg"))
        .blocking_save_file();
    let path = match picked.map(|p| p.into_path()) {
        None => return Ok(None),
        Some(Ok(path)) => path,
        Some(Err(e)) => return Err(CommandError::dialog(e)),
    };
    let svg = picture(&flow, &lang, &theme, selection);
    if is_png(&path) {
        let shown = path.display().to_string();
        if let Ok(mut pending) = app.state::<PendingPng>().0.lock() {
            *pending = Some(path);
        }
        return Ok(Some(Exported::Png { path: shown, svg }));
    }
    ivr_files::write_atomic(&path, svg.as_bytes())?;
    Ok(Some(Exported::Svg {
        path: path.display().to_string(),
    }))
}

/// The SVG text of the picture (see [`export_picture`]).
pub fn picture(flow: &Flow, lang: &str, theme: &str, selection: Vec<String>) -> String {
    let options = Options {
        lang: lang.to_owned(),
        theme: Theme::parse(theme).unwrap_or_default(),
        only: (!selection.is_empty()).then(|| selection.into_iter().collect::<BTreeSet<_>>()),
    };
    render::svg(flow, &options)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tauri::ipc::CallbackFn;
    use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response};
    use tauri::webview::InvokeRequest;

    /// `save_picture_png` called with raw bytes, as the web view sends the PNG it drew.
    fn send_png(
        window: &tauri::WebviewWindow<MockRuntime>,
        bytes: &[u8],
    ) -> Result<String, String> {
        let request = InvokeRequest {
            cmd: "save_picture_png".into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().expect("a valid url"),
            body: InvokeBody::Raw(bytes.to_vec()),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(window, request)
            .map(|b| b.deserialize::<String>().expect("a path"))
            .map_err(|e| e.to_string())
    }

    /// Only the path Export picture just picked, only once, only a PNG.
    #[test]
    fn a_png_goes_only_to_the_path_just_picked_once_and_only_if_it_is_a_png() {
        let (app, window) = crate::tests::main_window();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("flow.png");
        let png = [PNG_SIGNATURE, b"rest of the picture"].concat();
        let e = send_png(&window, &png).unwrap_err();
        assert!(e.contains("no picture is waiting"), "{e}");
        *app.state::<PendingPng>().0.lock().unwrap() = Some(path.clone());
        let e = send_png(&window, b"<svg/>").unwrap_err();
        assert!(e.contains("is not a PNG") && !path.exists(), "{e}");
        *app.state::<PendingPng>().0.lock().unwrap() = Some(path.clone());
        assert_eq!(send_png(&window, &png).unwrap(), path.display().to_string());
        assert_eq!(std::fs::read(&path).unwrap(), png);
        let e = send_png(&window, &png).unwrap_err();
        assert!(e.contains("no picture is waiting"), "{e}");
        assert!(is_png(Path::new("a/B.PNG")) && !is_png(Path::new("a/b.svg")));
    }

    #[test]
    fn the_selection_only_and_the_theme_reach_the_picture() {
        let flow = ivr_flow::starter_flow();
        let all = picture(&flow, "zh", "dark", vec![]);
        assert_eq!(all.matches("class=\"block\"").count(), 3);
        assert!(all.contains("#0f172a") && all.contains(">开始<"));
        let some = picture(&flow, "en", "light", vec!["welcome".into()]);
        assert_eq!(some.matches("class=\"block\"").count(), 1);
    }
}
