//! New from template: the gallery (each starter flow with its picture, drawn
//! by `ivr_flow::render` in the designer's language and theme) and the flow
//! of the one picked. The files are the package's `templates` resource, read
//! by `ivr_files::templates`; `IVR_STUDIO_TEMPLATES_DIR` names another folder.

use std::path::PathBuf;

use ivr_files::templates::{self, Template};
use ivr_flow::Flow;
use ivr_flow::Text;
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime};

use crate::error::CommandError;

/// One card of the gallery.
#[derive(Clone, Debug, Serialize, ts_rs::TS)]
pub struct TemplateCard {
    pub template: Template,
    /// The flow's picture, as SVG text.
    pub picture: String,
    /// How many blocks the flow has.
    pub blocks: u32,
}

/// The gallery, in its order, each with its picture.
#[tauri::command]
pub fn list_templates<R: Runtime>(
    app: AppHandle<R>,
    lang: String,
    theme: String,
) -> Result<Vec<TemplateCard>, CommandError> {
    let dir = dir(&app)?;
    templates::list(&dir)?
        .into_iter()
        .map(|t| {
            let (t, flow) = templates::open(&dir, &t.id)?;
            let picture = crate::picture::picture(&flow, &lang, &theme, Vec::new());
            Ok(TemplateCard {
                blocks: u32::try_from(flow.nodes.len()).unwrap_or(u32::MAX),
                template: t,
                picture,
            })
        })
        .collect()
}

/// The flow of template `id`, for a new document.
#[tauri::command]
pub fn open_template<R: Runtime>(app: AppHandle<R>, id: String) -> Result<Flow, CommandError> {
    let (_, flow) = templates::open(&dir(&app)?, &id)?;
    Ok(flow)
}

/// The templates folder: the environment's, else the app's `templates`
/// resource (`/usr/lib/IVR Studio/templates` once installed; beside the
/// binary in `target/`, where the build copies it).
fn dir<R: Runtime>(app: &AppHandle<R>) -> Result<PathBuf, CommandError> {
    let resource = app.path().resource_dir().ok().map(|d| d.join("templates"));
    // The unit tests run from `target/debug/deps`, where no resource is copied.
    #[cfg(test)]
    let resource = resource.into_iter().chain([PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../templates"
    ))]);
    templates::find_dir(resource).ok_or_else(|| {
        CommandError::new(
            "not_found",
            Text::new(
                "the starter flows are missing: no templates folder was found; reinstall IVR Studio",
                "找不到模板文件夹，模板流程缺失；请重新安装 IVR Studio",
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use ivr_flow::Flow;
    use serde_json::json;

    use crate::tests::{invoke, main_window};

    /// Through the granted commands, as the gallery calls them: every
    /// shipped template with a picture naming its blocks, in the language
    /// asked for, and the flow of the one picked.
    #[test]
    fn the_gallery_lists_every_template_with_its_picture_and_opens_one() {
        let (_app, window) = main_window();
        let value = invoke(
            &window,
            "list_templates",
            json!({"lang": "zh", "theme": "dark"}),
        )
        .expect("list_templates is granted");
        let cards: Vec<serde_json::Value> = serde_json::from_value(value).expect("cards");
        assert!(cards.len() >= 6, "{} templates", cards.len());
        for card in &cards {
            let id = card["template"]["id"].as_str().expect("an id");
            let flow: Flow = serde_json::from_value(
                invoke(&window, "open_template", json!({ "id": id }))
                    .expect("open_template is granted"),
            )
            .expect("a flow");
            let picture = card["picture"].as_str().expect("a picture");
            assert!(picture.contains("<svg"), "{id}: not an SVG picture");
            for n in flow.nodes.iter().filter(|n| !n.label.is_empty()) {
                let label = n.label.replace('&', "&amp;").replace('<', "&lt;");
                assert!(
                    picture.contains(&label),
                    "{id}: no {:?} in its picture",
                    n.label
                );
            }
            assert_eq!(card["blocks"], json!(flow.nodes.len()), "{id}");
        }
        let e = invoke(&window, "open_template", json!({"id": "nope"})).unwrap_err();
        assert!(
            e["text"]["en"]
                .as_str()
                .unwrap_or_default()
                .contains("no template"),
            "{e}"
        );
    }
}
