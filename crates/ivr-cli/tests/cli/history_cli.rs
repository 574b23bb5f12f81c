//! `ivr publish` and `ivr import` keep the app's local history (issue 16):
//! a publish is a snapshot with where it went and the `--message` given, an
//! import one with where it came from, in the same data folder and under
//! the same document key (the absolute path) the app's History reads.

use std::path::Path;

use ivr_files::history::{History, Occasion};

use crate::support::{World, flow, text, write_flow};

#[test]
fn publish_and_import_are_kept_in_the_apps_local_history() {
    let w = World::connect();
    let file = write_flow(&w.path("main.ivr.json"), &flow("History", "Kept."));
    let out = w.ivr(&["publish", &file, "--profile", "aws", "-m", "go live"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

    let history = History::new(&w.path("app-data"));
    let doc = std::fs::canonicalize(&file).unwrap();
    let entries = history.entries(&doc);
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0].message.as_deref(), Some("go live"));
    assert!(
        matches!(&entries[0].occasion, Occasion::Publish { target } if target.starts_with("connect/")),
        "{entries:?}"
    );
    // The snapshot is the flow as published, binding and all.
    let kept = history.read(&entries[0].id).unwrap();
    assert_eq!(kept.bindings.len(), 1);

    let out = w.ivr(&["import", "--profile", "aws", "--all", "-o", "imported"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let imported = std::fs::canonicalize(w.path("imported").join("History.ivr.json")).unwrap();
    let entries = history.entries(Path::new(&imported));
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert!(
        matches!(&entries[0].occasion, Occasion::Import { from } if from.starts_with("connect/"))
    );
}
