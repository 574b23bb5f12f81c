//! The theme and language choice, kept by Rust in the app's settings file
//! (`ivr_files::settings`, in the config folder the app was built with):
//! read once when the app starts, written atomically the moment the
//! designer chooses, so a crash right after choosing keeps the choice.
//! Without a config folder (the tests) the choice lives for the run only.

use std::path::PathBuf;
use std::sync::Mutex;

use ivr_files::settings::{self, Settings};
use tauri::{AppHandle, Runtime, State};

use crate::error::CommandError;

/// See the module documentation.
pub struct AppSettings {
    dir: Option<PathBuf>,
    current: Mutex<Settings>,
}

impl AppSettings {
    /// The settings kept in `dir` (none: the defaults, kept for the run).
    pub fn load(dir: Option<PathBuf>) -> AppSettings {
        let current = match &dir {
            Some(d) => {
                let (s, problem) = settings::load(d);
                if let Some(e) = problem {
                    eprintln!("ivr-studio: {e}");
                }
                s
            }
            None => Settings::default(),
        };
        AppSettings {
            dir,
            current: Mutex::new(current),
        }
    }

    /// The language the designer chose, if any.
    pub fn language(&self) -> Option<ivr_files::settings::Language> {
        self.current().language
    }

    fn current(&self) -> std::sync::MutexGuard<'_, Settings> {
        // A panic while holding the lock leaves the settings usable.
        self.current.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The settings the app started with, or chose since.
#[tauri::command]
pub fn settings(state: State<'_, AppSettings>) -> Settings {
    state.current().clone()
}

/// Keeps `settings`: written to the settings file before this returns.
#[tauri::command]
pub fn set_settings<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppSettings>,
    settings: Settings,
) -> Result<(), CommandError> {
    if let Some(dir) = &state.dir {
        settings::save(dir, &settings)?;
    }
    let relabel = state.current().language != settings.language;
    let lang = crate::menu::language(settings.language);
    *state.current() = settings;
    // The menu bar (the real app's: see `run`) follows the language switch.
    if relabel
        && app.menu().is_some()
        && let Err(e) = crate::menu::install(&app, lang)
    {
        eprintln!("ivr-studio: the menu could not be relabelled: {e}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::tests::{invoke, main_window_with};

    #[test]
    fn a_choice_is_on_disk_when_the_command_returns_and_read_at_the_next_start() {
        let config = tempfile::tempdir().expect("a temp dir");
        let options = crate::files::Options {
            config_dir: Some(config.path().to_path_buf()),
            ..Default::default()
        };
        let (app, w) = main_window_with(options.clone());
        assert_eq!(
            invoke(&w, "settings", json!({})).expect("granted"),
            json!({"theme": "system", "language": null})
        );
        invoke(
            &w,
            "set_settings",
            json!({"settings": {"theme": "dark", "language": "zh"}}),
        )
        .expect("kept");
        // On disk already: nothing waits for the app to exit.
        let (on_disk, _) = ivr_files::settings::load(config.path());
        assert_eq!(on_disk.theme, ivr_files::settings::ThemeChoice::Dark);
        drop((app, w));
        let (_app, w) = main_window_with(options);
        assert_eq!(
            invoke(&w, "settings", json!({})).expect("granted"),
            json!({"theme": "dark", "language": "zh"})
        );
        // A value the app does not know is refused, and nothing changes.
        let e = invoke(
            &w,
            "set_settings",
            json!({"settings": {"theme": "purple", "language": "zh"}}),
        )
        .expect_err("refused");
        assert!(e.to_string().contains("purple"), "{e}");
        assert_eq!(
            ivr_files::settings::load(config.path()).0.theme,
            on_disk.theme
        );
    }
}
