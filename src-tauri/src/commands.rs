//! The app's commands: thin wrappers that hand the webview's requests to the
//! `ivr-flow` engine. Each is declared in the app manifest (`build.rs`) and
//! granted in `capabilities/default.json`; nothing here decides anything the
//! engine's own tests cannot reach.

use ivr_flow::{Catalog, Flow, Problem, Provider};

/// The block catalog: every block with its parameters, exits and names.
#[tauri::command]
pub fn catalog() -> &'static Catalog {
    ivr_flow::catalog()
}

/// The flow a new document starts with.
#[tauri::command]
pub fn starter_flow() -> Flow {
    ivr_flow::starter_flow()
}

/// The problems in `flow`, with the rules of `target` when one is chosen.
#[tauri::command]
pub fn validate_flow(flow: Flow, target: Option<Provider>) -> Vec<Problem> {
    ivr_flow::validate_for(&flow, target)
}

/// What changed from `old` to `new`, each change with its line in both
/// languages (the History panel's compare).
#[tauri::command]
pub fn diff_flows(old: Flow, new: Flow) -> Vec<ivr_flow::diff::text::Line> {
    ivr_flow::diff::text::described(&old, &new)
}
