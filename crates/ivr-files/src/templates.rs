//! "New from template": the starter flows shipped with the app, as files it
//! reads (`templates/` in the source tree, the package's resources once
//! installed). `index.json` lists them in gallery order, each with its name
//! and description in English and Chinese and the providers it is valid
//! for; each flow is a plain `*.ivr.json`.

use std::path::{Path, PathBuf};

use ivr_flow::Text;
use ivr_flow::model::{Flow, Provider};
use serde::{Deserialize, Serialize};

use crate::{FileError, FileErrorKind};

/// The environment variable that names another templates folder (tests, a
/// team's own gallery).
pub const DIR_ENV: &str = "IVR_STUDIO_TEMPLATES_DIR";

/// The gallery's list file, in the templates folder.
pub const INDEX: &str = "index.json";

/// One starter flow of the gallery.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Template {
    /// Stable id, the file's stem (`main-menu`).
    pub id: String,
    /// The flow file, relative to the templates folder.
    pub file: String,
    pub name: Text,
    pub description: Text,
    /// The providers the flow is valid for, as named in the gallery.
    pub providers: Vec<Provider>,
}

#[derive(Deserialize)]
struct Index {
    format: String,
    version: u32,
    templates: Vec<Template>,
}

/// The templates in `dir`, in gallery order. A missing or broken index is
/// an error naming the file; a listed flow file that is missing is one too,
/// so a broken package shows up here and not when the designer picks it.
pub fn list(dir: &Path) -> Result<Vec<Template>, FileError> {
    let path = dir.join(INDEX);
    let bytes = crate::read_limited(&path)?;
    let bad = |what: String| FileError::new(&path, FileErrorKind::Io(std::io::Error::other(what)));
    let index: Index = serde_json::from_slice(&bytes)
        .map_err(|e| bad(format!("not a templates index: {e}; reinstall IVR Studio")))?;
    if index.format != "ivr-studio/templates" || index.version != 1 {
        return Err(bad(format!(
            "format {:?} version {} is not a templates index this version reads",
            index.format, index.version
        )));
    }
    for t in &index.templates {
        let file = file_of(dir, t)?;
        if !file.is_file() {
            return Err(FileError::new(&file, FileErrorKind::NotFound));
        }
    }
    Ok(index.templates)
}

/// The flow of template `id` in `dir`, read as any flow file is.
pub fn open(dir: &Path, id: &str) -> Result<(Template, Flow), FileError> {
    let templates = list(dir)?;
    let Some(t) = templates.into_iter().find(|t| t.id == id) else {
        return Err(FileError::new(
            &dir.join(INDEX),
            FileErrorKind::Io(std::io::Error::other(format!(
                "no template {id:?}; pick one the gallery lists"
            ))),
        ));
    };
    let (_, flow) = crate::read_flow(&file_of(dir, &t)?)?;
    Ok((t, flow))
}

/// The folder holding the first `index.json` among `candidates`, after the
/// folder `IVR_STUDIO_TEMPLATES_DIR` names.
pub fn find_dir(candidates: impl IntoIterator<Item = PathBuf>) -> Option<PathBuf> {
    let env = std::env::var_os(DIR_ENV)
        .filter(|d| !d.is_empty())
        .map(PathBuf::from);
    env.into_iter()
        .chain(candidates)
        .find(|d| d.join(INDEX).is_file())
}

/// The template's file, refused when it would leave the folder.
fn file_of(dir: &Path, t: &Template) -> Result<PathBuf, FileError> {
    let rel = Path::new(&t.file);
    let plain = rel
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)));
    if !plain {
        return Err(FileError::new(
            &dir.join(INDEX),
            FileErrorKind::Io(std::io::Error::other(format!(
                "template {:?} names {:?}, outside the templates folder",
                t.id, t.file
            ))),
        ));
    }
    Ok(dir.join(rel))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates")
    }

    #[test]
    fn the_shipped_gallery_lists_six_flows_that_open() {
        let list = list(&shipped()).expect("templates/index.json reads");
        assert!(list.len() >= 6, "{} templates", list.len());
        for t in &list {
            assert!(!t.providers.is_empty(), "{} names no provider", t.id);
            assert!(!t.name.zh.is_empty() && !t.description.zh.is_empty());
            let (_, flow) = open(&shipped(), &t.id).expect(&t.id);
            assert!(
                flow.nodes.len() >= 5,
                "{} has {} blocks",
                t.id,
                flow.nodes.len()
            );
        }
    }

    /// Valid for every provider the gallery names: no error from the
    /// checks for that provider, and the provider's format writes it. A
    /// warning is allowed (the queue names are placeholders to review).
    #[test]
    fn every_template_is_valid_for_every_provider_it_names() {
        use ivr_flow::dialect::{self, Dialect};
        use ivr_flow::problem::Severity;
        for t in list(&shipped()).unwrap() {
            let (_, flow) = open(&shipped(), &t.id).unwrap();
            for &p in &t.providers {
                let errors: Vec<_> = ivr_flow::validate::validate_for(&flow, Some(p))
                    .into_iter()
                    .filter(|e| e.severity == Severity::Error)
                    .map(|e| format!("{} {}", e.code.as_str(), e.message.en))
                    .collect();
                assert!(errors.is_empty(), "{} for {p:?}: {errors:#?}", t.id);
                dialect::encode(&flow, Dialect::Provider(p))
                    .unwrap_or_else(|e| panic!("{} does not write as {p:?}: {e}", t.id));
            }
        }
    }

    #[test]
    fn a_bad_index_names_the_file_and_a_path_outside_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(INDEX), "{").unwrap();
        let e = list(dir.path()).unwrap_err().to_string();
        assert!(e.contains("index.json") && e.contains("reinstall"), "{e}");
        std::fs::write(
            dir.path().join(INDEX),
            r#"{"format":"ivr-studio/templates","version":1,"templates":[
              {"id":"x","file":"../x.ivr.json","name":{"en":"x","zh":"x"},
               "description":{"en":"","zh":""},"providers":["connect"]}]}"#,
        )
        .unwrap();
        let e = list(dir.path()).unwrap_err().to_string();
        assert!(e.contains("outside the templates folder"), "{e}");
        let e = open(&shipped(), "nope").unwrap_err().to_string();
        assert!(e.contains("no template \"nope\""), "{e}");
    }
}
