//! The system clipboard for the editor's copy and paste of blocks: two
//! commands that write and read plain text (the UI puts a JSON fragment of
//! the flow there, and checks what it reads back). The webview's own
//! `navigator.clipboard` is not dependable inside Tauri on Linux (WebKitGTK on
//! a custom protocol), so the text goes through `arboard` in Rust. One
//! clipboard handle lives as long as the app, so what this window copied stays
//! pasteable in other windows and apps (on X11 the copying app serves it).

use std::sync::{Arc, Mutex};

use ivr_flow::Text;
use tauri::State;

use crate::error::CommandError;

/// The most text one copy or paste carries: the file size limit, far above
/// any real selection, so a runaway clipboard cannot flood the webview.
pub const MAX_TEXT: usize = 20 * 1024 * 1024;

/// The app's clipboard handle, opened on first use.
#[derive(Default, Clone)]
pub struct Clipboard(Arc<Mutex<Option<arboard::Clipboard>>>);

fn describe(e: arboard::Error) -> CommandError {
    CommandError::new(
        "clipboard",
        Text::new(
            format!("the system clipboard could not be used: {e}"),
            format!("无法使用系统剪贴板：{e}"),
        ),
    )
}

impl Clipboard {
    /// Runs `f` on the clipboard, off the main thread (reading may wait for
    /// the app that owns the clipboard).
    async fn with<T, F>(&self, f: F) -> Result<T, CommandError>
    where
        T: Send + 'static,
        F: FnOnce(&mut arboard::Clipboard) -> Result<T, arboard::Error> + Send + 'static,
    {
        let cell = Arc::clone(&self.0);
        tauri::async_runtime::spawn_blocking(move || {
            // A panic while holding the lock leaves the handle usable.
            let mut guard = cell.lock().unwrap_or_else(|p| p.into_inner());
            let clipboard = match guard.as_mut() {
                Some(c) => c,
                None => guard.insert(arboard::Clipboard::new().map_err(describe)?),
            };
            f(clipboard).map_err(describe)
        })
        .await
        .map_err(|e| {
            CommandError::new(
                "clipboard",
                Text::new(
                    format!("the clipboard task failed: {e}"),
                    format!("剪贴板任务失败：{e}"),
                ),
            )
        })?
    }
}

fn too_large(len: usize) -> CommandError {
    let (mb, limit) = (len as f64 / 1e6, MAX_TEXT as f64 / 1e6);
    CommandError::new(
        "clipboard",
        Text::new(
            format!("{mb:.1} MB of text is over the clipboard's {limit:.1} MB limit"),
            format!("{mb:.1} MB 的文本超过了剪贴板 {limit:.1} MB 的上限"),
        ),
    )
}

impl Clipboard {
    /// Puts `text` on the system clipboard (the menu's Copy diagnostics).
    pub async fn write_text(&self, text: String) -> Result<(), CommandError> {
        self.with(move |c| c.set_text(text)).await
    }
}

/// Puts `text` on the system clipboard.
#[tauri::command]
pub async fn clipboard_write_text(
    state: State<'_, Clipboard>,
    text: String,
) -> Result<(), CommandError> {
    if text.len() > MAX_TEXT {
        return Err(too_large(text.len()));
    }
    state.with(move |c| c.set_text(text)).await
}

/// The text on the system clipboard; empty when it holds none (nothing, or an image).
#[tauri::command]
pub async fn clipboard_read_text(state: State<'_, Clipboard>) -> Result<String, CommandError> {
    let text = state
        .with(|c| match c.get_text() {
            Err(arboard::Error::ContentNotAvailable) => Ok(String::new()),
            other => other,
        })
        .await?;
    if text.len() > MAX_TEXT {
        return Err(too_large(text.len()));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use serde_json::json;

    use crate::tests::{invoke, main_window};

    #[test]
    fn both_commands_are_granted() {
        let (_app, window) = main_window();
        // Without a display the clipboard itself may fail, but never for want of permission.
        for (cmd, args) in [
            ("clipboard_write_text", json!({ "text": "hello" })),
            ("clipboard_read_text", json!({})),
        ] {
            if let Err(e) = invoke(&window, cmd, args) {
                let e = e.to_string();
                assert!(!e.contains("not allowed"), "{cmd}: {e}");
                assert!(e.contains("clipboard"), "{cmd}: {e}");
            }
        }
    }

    #[test]
    fn refuses_text_over_the_limit_before_touching_the_clipboard() {
        let (_app, window) = main_window();
        let text = "x".repeat(super::MAX_TEXT + 1);
        let err = invoke(&window, "clipboard_write_text", json!({ "text": text }))
            .expect_err("too much text is refused");
        assert!(err.to_string().contains("MB limit"), "{err}");
        assert_eq!(err["kind"], "clipboard");
        assert!(
            err["text"]["zh"].as_str().unwrap().contains("MB 的上限"),
            "{err}"
        );
    }

    #[test]
    fn writes_and_reads_back_text_where_there_is_a_display() {
        if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
            return;
        }
        let (_app, window) = main_window();
        let text = r#"{"format":"ivr-studio/fragment","version":1,"nodes":[]}"#;
        if let Err(e) = invoke(&window, "clipboard_write_text", json!({ "text": text })) {
            eprintln!("no usable clipboard on this display: {e}");
            // A display without a usable clipboard (no X server behind DISPLAY).
            return;
        }
        let back = invoke(&window, "clipboard_read_text", json!({})).expect("reads");
        assert_eq!(back, json!(text));
    }
}
