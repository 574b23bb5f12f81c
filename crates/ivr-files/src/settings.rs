//! The app's settings file, `settings.json` in the config folder: the theme
//! and the language the designer chose. Written atomically at the moment of
//! the choice (a crash right after choosing keeps it); read once at start.
//! A missing file is the defaults; an unreadable or malformed one too, with
//! the reason, and it is left as it is until the next choice replaces it.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::{FileError, FileErrorKind};

/// The file's name in the config folder.
pub const FILE_NAME: &str = "settings.json";

/// Light, dark, or whatever the system says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

/// The languages the app speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    En,
    Zh,
}

/// What the designer chose; `language` none until they choose one (the
/// app then follows the system's).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct Settings {
    pub theme: ThemeChoice,
    pub language: Option<Language>,
}

/// The settings file in `config_dir`.
pub fn path_in(config_dir: &Path) -> PathBuf {
    config_dir.join(FILE_NAME)
}

/// The settings kept in `config_dir`: the defaults when there are none, or
/// (with the error, for the log) when the file cannot be read as settings.
pub fn load(config_dir: &Path) -> (Settings, Option<FileError>) {
    let path = path_in(config_dir);
    let bytes = match crate::read_limited(&path) {
        Ok(b) => b,
        Err(FileError {
            kind: FileErrorKind::NotFound,
            ..
        }) => return (Settings::default(), None),
        Err(e) => return (Settings::default(), Some(e)),
    };
    match serde_json::from_slice(&bytes) {
        Ok(s) => (s, None),
        Err(e) => (
            Settings::default(),
            Some(FileError::io(
                &path,
                std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!(
                        "not a settings file ({e}); the defaults are used until you choose again"
                    ),
                ),
            )),
        ),
    }
}

/// Keeps `settings` in `config_dir`, atomically (the folder is made if need be).
pub fn save(config_dir: &Path, settings: &Settings) -> Result<(), FileError> {
    std::fs::create_dir_all(config_dir).map_err(|e| FileError::io(config_dir, e))?;
    let mut bytes = serde_json::to_vec_pretty(settings).unwrap_or_default();
    bytes.push(b'\n');
    crate::write_atomic(&path_in(config_dir), &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_is_the_defaults_and_a_choice_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let (s, e) = load(dir.path());
        assert_eq!(s, Settings::default());
        assert!(e.is_none());
        let chosen = Settings {
            theme: ThemeChoice::Dark,
            language: Some(Language::Zh),
        };
        save(&dir.path().join("new"), &chosen).unwrap();
        assert_eq!(load(&dir.path().join("new")).0, chosen);
        let text = std::fs::read_to_string(path_in(&dir.path().join("new"))).unwrap();
        assert!(text.contains("\"theme\": \"dark\""), "{text}");
        assert!(text.contains("\"language\": \"zh\""), "{text}");
    }

    #[test]
    fn a_bad_file_gives_the_defaults_names_itself_and_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = path_in(dir.path());
        std::fs::write(&path, "{ not json").unwrap();
        let (s, e) = load(dir.path());
        assert_eq!(s, Settings::default());
        let e = e.expect("an error").to_string();
        assert!(e.contains("settings.json"), "{e}");
        assert!(e.contains("not a settings file"), "{e}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{ not json");
        // Unknown fields and values from a newer version: what is known is kept.
        std::fs::write(&path, r#"{"theme":"light","zoom":2}"#).unwrap();
        assert_eq!(load(dir.path()).0.theme, ThemeChoice::Light);
    }
}
