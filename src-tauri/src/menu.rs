//! The native menu bar: File, Edit, View, Help, in English or Chinese after
//! the language the designer chose (rebuilt when it changes).
//!
//! What the menu holds is plain data ([`spec`]), tested without a window;
//! [`build`] turns it into Tauri's menu. A chosen item is sent to the focused
//! window as the `menu` event with the item's id, and the editor runs the
//! same action as its toolbar button or shortcut (`ui/src/shell/useMenu.ts`;
//! the ids of the shortcut table are shared). Only what needs no document is
//! done here: Close window and Quit (through the window's own close request,
//! so unsaved changes are still asked about), About, Copy diagnostics, Open
//! logs folder.
//!
//! Accelerators: only the file commands the editor takes anywhere, even
//! while typing (New, Open, Save, Save as, Close window, Quit). GTK takes an
//! accelerator before the page sees the key, so Ctrl+C, Ctrl+Z, Delete and
//! the other editing keys stay with the editor, which knows when they belong
//! to a text field; their menu items carry no accelerator.

use ivr_flow::Text;
use tauri::menu::{Menu, MenuItemBuilder, Submenu, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Manager, Runtime};

/// The event a chosen menu item sends to the focused window; the payload is
/// the item's id.
pub const EVENT: &str = "menu";

/// One entry of a menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    Item {
        id: &'static str,
        en: &'static str,
        zh: &'static str,
        accelerator: Option<&'static str>,
    },
    Separator,
}

/// One menu of the bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MenuSpec {
    pub id: &'static str,
    pub name: Text,
    pub entries: Vec<Entry>,
}

const fn item(id: &'static str, en: &'static str, zh: &'static str) -> Entry {
    Entry::Item {
        id,
        en,
        zh,
        accelerator: None,
    }
}

const fn keyed(id: &'static str, en: &'static str, zh: &'static str, key: &'static str) -> Entry {
    Entry::Item {
        id,
        en,
        zh,
        accelerator: Some(key),
    }
}

/// The menu bar, as data. Item ids that are also shortcut ids
/// (`ui/src/editing/shortcuts.ts`) run the shortcut's action.
pub fn spec() -> Vec<MenuSpec> {
    use Entry::Separator;
    vec![
        MenuSpec {
            id: "file",
            name: Text::new("File", "文件"),
            entries: vec![
                keyed("new", "New", "新建", "CmdOrCtrl+N"),
                item("newFromTemplate", "New from template…", "从模板新建…"),
                keyed("open", "Open…", "打开…", "CmdOrCtrl+O"),
                item("openRecent", "Open recent…", "打开最近的文件…"),
                Separator,
                keyed("save", "Save", "保存", "CmdOrCtrl+S"),
                keyed("saveAs", "Save as…", "另存为…", "CmdOrCtrl+Shift+S"),
                Separator,
                item("importCloud", "Import from cloud…", "从云端导入…"),
                item("publish", "Publish…", "发布…"),
                item("exportPicture", "Export picture…", "导出图片…"),
                Separator,
                keyed("closeWindow", "Close window", "关闭窗口", "CmdOrCtrl+W"),
                keyed("quit", "Quit", "退出", "CmdOrCtrl+Q"),
            ],
        },
        MenuSpec {
            id: "edit",
            name: Text::new("Edit", "编辑"),
            entries: vec![
                item("undo", "Undo", "撤销"),
                item("redo", "Redo", "重做"),
                Separator,
                item("cut", "Cut", "剪切"),
                item("copy", "Copy", "复制"),
                item("paste", "Paste", "粘贴"),
                item("duplicate", "Duplicate", "创建副本"),
                item("delete", "Delete", "删除"),
                Separator,
                item("selectAll", "Select all", "全选"),
                item("find", "Find…", "查找…"),
            ],
        },
        MenuSpec {
            id: "view",
            name: Text::new("View", "视图"),
            entries: vec![
                item("zoomIn", "Zoom in", "放大"),
                item("zoomOut", "Zoom out", "缩小"),
                item("fit", "Fit to window", "适合窗口"),
                Separator,
                item("autoLayout", "Auto-layout", "自动布局"),
                Separator,
                item("theme", "Switch theme", "切换主题"),
                item("language", "中文 / English", "English / 中文"),
            ],
        },
        MenuSpec {
            id: "help",
            name: Text::new("Help", "帮助"),
            entries: vec![
                item("help", "Keyboard shortcuts", "键盘快捷键"),
                item("openLogs", "Open logs folder", "打开日志文件夹"),
                item("copyDiagnostics", "Copy diagnostics", "复制诊断信息"),
                Separator,
                item("about", "About IVR Studio", "关于 IVR Studio"),
            ],
        },
    ]
}

/// The menu bar in `lang` (`zh*` Chinese, else English).
pub fn build<R: Runtime>(app: &AppHandle<R>, lang: &str) -> tauri::Result<Menu<R>> {
    let zh = lang.starts_with("zh");
    let menu = Menu::new(app)?;
    for m in spec() {
        let mut sub = SubmenuBuilder::with_id(app, m.id, m.name.get(lang));
        for entry in &m.entries {
            sub = match *entry {
                Entry::Separator => sub.separator(),
                Entry::Item {
                    id,
                    en,
                    zh: chinese,
                    accelerator,
                } => {
                    let mut b = MenuItemBuilder::with_id(id, if zh { chinese } else { en });
                    if let Some(key) = accelerator {
                        b = b.accelerator(key);
                    }
                    sub.item(&b.build(app)?)
                }
            };
        }
        let sub: Submenu<R> = sub.build()?;
        menu.append(&sub)?;
    }
    Ok(menu)
}

/// Sets the menu bar of every window, in `lang`.
pub fn install<R: Runtime>(app: &AppHandle<R>, lang: &str) -> tauri::Result<()> {
    app.set_menu(build(app, lang)?)?;
    Ok(())
}

/// The language the menu speaks: the designer's choice, else the locale's.
pub fn language(chosen: Option<ivr_files::settings::Language>) -> &'static str {
    use ivr_files::settings::Language;
    match chosen {
        Some(Language::Zh) => "zh",
        Some(Language::En) => "en",
        None => {
            let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
                .iter()
                .filter_map(|k| std::env::var(k).ok())
                .find(|v| !v.is_empty())
                .unwrap_or_default();
            if locale.starts_with("zh") { "zh" } else { "en" }
        }
    }
}

/// What a chosen item does: the few the shell does itself, the rest sent to
/// the focused window.
pub fn on_event<R: Runtime>(app: &AppHandle<R>, id: &str) {
    let windows = app.webview_windows();
    let focused = windows
        .values()
        .find(|w| w.is_focused().unwrap_or(false))
        .or_else(|| windows.get("main"))
        .or_else(|| windows.values().next());
    match id {
        "closeWindow" => {
            if let Some(w) = focused {
                let _ = w.close();
            }
        }
        // Each window asks about its unsaved changes; the app ends with the last.
        "quit" => {
            for w in windows.values() {
                let _ = w.close();
            }
        }
        "about" => about(app),
        "openLogs" => open_logs(app),
        "copyDiagnostics" => copy_diagnostics(app),
        _ => {
            if let Some(w) = focused {
                let _ = w.emit_to(w.label(), EVENT, id);
            }
        }
    }
}

/// The app's version, the system, the web view and the last warnings and
/// errors of the log, for a support request: nothing from the designer's
/// files, profiles or keyring (the log holds nothing secret).
pub fn diagnostics(version: &str, webview: &str, problems: &[String]) -> String {
    let mut out = format!(
        "IVR Studio {version}\nOS: {} {}\nWebKitGTK: {webview}\n",
        std::env::consts::OS,
        std::env::consts::ARCH
    );
    if problems.is_empty() {
        out.push_str("Recent problems: none logged\n");
    } else {
        out.push_str("Recent problems:\n");
        for line in problems {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The app's log folder.
fn log_dir<R: Runtime>(app: &AppHandle<R>) -> Option<std::path::PathBuf> {
    let files = app.state::<crate::files::Files>();
    let data = files.data_dir(app).ok()?;
    Some(ivr_files::logs::dir(data))
}

/// Opens the app's log folder (made if missing) in the file manager.
fn open_logs<R: Runtime>(app: &AppHandle<R>) {
    let Some(dir) = log_dir(app) else {
        return;
    };
    if let Err(e) = std::fs::create_dir_all(&dir)
        .and_then(|()| std::process::Command::new("xdg-open").arg(&dir).spawn())
    {
        eprintln!("ivr-studio: could not open {}: {e}", dir.display());
    }
}

fn about<R: Runtime>(app: &AppHandle<R>) {
    use tauri_plugin_dialog::DialogExt;
    let version = app.package_info().version.to_string();
    app.dialog()
        .message(format!(
            "IVR Studio {version}\n\nDraw, check and publish IVR call flows.\nLicence: MIT. Built with Tauri, React Flow and their open-source dependencies."
        ))
        .title("IVR Studio")
        .show(|_| {});
}

fn copy_diagnostics<R: Runtime>(app: &AppHandle<R>) {
    let problems = log_dir(app)
        .map(|d| ivr_files::logs::recent_problems(&d, 20))
        .unwrap_or_default();
    let text = diagnostics(
        &app.package_info().version.to_string(),
        &tauri::webview_version().unwrap_or_else(|e| format!("unknown ({e})")),
        &problems,
    );
    let clipboard = app.state::<crate::clipboard::Clipboard>().inner().clone();
    tauri::async_runtime::spawn(async move {
        if let Err(e) = clipboard.write_text(text).await {
            eprintln!("ivr-studio: {}", e.message.en);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_menus_hold_what_the_issue_lists_in_order() {
        let ids: Vec<Vec<&str>> = spec()
            .iter()
            .map(|m| {
                m.entries
                    .iter()
                    .filter_map(|e| match e {
                        Entry::Item { id, .. } => Some(*id),
                        Entry::Separator => None,
                    })
                    .collect()
            })
            .collect();
        assert_eq!(
            ids,
            [
                vec![
                    "new",
                    "newFromTemplate",
                    "open",
                    "openRecent",
                    "save",
                    "saveAs",
                    "importCloud",
                    "publish",
                    "exportPicture",
                    "closeWindow",
                    "quit"
                ],
                vec![
                    "undo",
                    "redo",
                    "cut",
                    "copy",
                    "paste",
                    "duplicate",
                    "delete",
                    "selectAll",
                    "find"
                ],
                vec![
                    "zoomIn",
                    "zoomOut",
                    "fit",
                    "autoLayout",
                    "theme",
                    "language"
                ],
                vec!["help", "openLogs", "copyDiagnostics", "about"],
            ]
        );
    }

    #[test]
    fn every_item_has_an_english_and_a_chinese_label_and_a_unique_id() {
        let mut seen = std::collections::BTreeSet::new();
        for m in spec() {
            assert!(!m.name.en.is_empty() && !m.name.zh.is_empty());
            for e in m.entries {
                if let Entry::Item { id, en, zh, .. } = e {
                    assert!(seen.insert(id), "{id} twice");
                    assert!(!en.is_empty() && !zh.is_empty(), "{id}");
                    assert_ne!(en, zh, "{id} is not translated");
                }
            }
        }
    }

    #[test]
    fn editing_keys_are_left_to_the_editor() {
        for m in spec() {
            for e in m.entries {
                if let Entry::Item {
                    id,
                    accelerator: Some(_),
                    ..
                } = e
                {
                    assert!(
                        ["new", "open", "save", "saveAs", "closeWindow", "quit"].contains(&id),
                        "{id} would take its key from text fields"
                    );
                }
            }
        }
    }

    #[test]
    fn diagnostics_name_the_version_system_and_last_problems_and_nothing_else() {
        let d = diagnostics("1.2.3", "2.50.6", &[]);
        assert!(d.contains("IVR Studio 1.2.3") && d.contains("WebKitGTK: 2.50.6"));
        assert_eq!(d.lines().count(), 4, "{d}");
        assert!(d.ends_with("Recent problems: none logged\n"), "{d}");
        let d = diagnostics(
            "1.2.3",
            "2.50.6",
            &["a WARN one".into(), "b ERROR two".into()],
        );
        assert!(
            d.ends_with("Recent problems:\na WARN one\nb ERROR two\n"),
            "{d}"
        );
    }
}
