//! Export picture: the flow (or the selected blocks) drawn as SVG by
//! `ivr_flow::render`, the same picture `ivr render` writes, saved where the
//! designer picks.

use std::collections::BTreeSet;

use ivr_flow::Flow;
use ivr_flow::render::{self, Options, Theme};
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

use crate::error::CommandError;

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
) -> Result<Option<String>, CommandError> {
    let name = match flow.name.trim() {
        "" => "flow".to_owned(),
        n => n.replace(['/', '\\'], "-"),
    };
    let picked = app
        .dialog()
        .file()
        .add_filter("SVG picture", &["svg"])
        .set_file_name(format!("{name}.svg"))
        .blocking_save_file();
    let path = match picked.map(|p| p.into_path()) {
        None => return Ok(None),
        Some(Ok(path)) => path,
        Some(Err(e)) => return Err(CommandError::dialog(e)),
    };
    let svg = picture(&flow, &lang, &theme, selection);
    ivr_files::write_atomic(&path, svg.as_bytes())?;
    Ok(Some(path.display().to_string()))
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
