//! The local history the app keeps (`ivr_files::history`), kept by the `ivr`
//! command too: each publish and import of a file is a snapshot the app's
//! History lists (in the same data folder, `IVR_STUDIO_DATA_DIR` or the
//! app's). A snapshot that cannot be kept fails nothing; it is noted.

use std::path::Path;

use ivr_files::history::{History, Occasion, default_data_dir};
use ivr_flow::Flow;

/// Keeps `flow` as a snapshot of the document at `path`.
pub fn keep(path: &Path, flow: &Flow, occasion: Occasion, message: Option<String>) {
    let Some(dir) = default_data_dir() else {
        eprintln!("ivr: note: no data folder, so the local history was not kept");
        return;
    };
    // The app keys a document by its absolute path.
    let doc = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    if let Err(e) = History::new(&dir).keep(&doc, flow, occasion, message) {
        eprintln!("ivr: note: the local history was not kept: {e}");
    }
}
