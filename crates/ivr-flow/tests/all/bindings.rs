//! The TypeScript types in `ui/src/bindings/` are generated from the Rust
//! types. This test regenerates them into a scratch folder and fails when the
//! committed files differ, so the UI never drifts from the engine.
//!
//! To update them: `IVR_UPDATE_BINDINGS=1 cargo test -p ivr-flow --test all bindings`.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use ivr_flow::catalog::Catalog;
use ivr_flow::model::Flow;
use ivr_flow::problem::Problem;
use ts_rs::{Config, TS};

fn committed_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/bindings")
}

/// Every file below `dir`, by its path relative to `dir`.
fn read_tree(dir: &Path) -> BTreeMap<PathBuf, String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, String>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else if path.extension().is_some_and(|e| e == "ts") {
                let rel = path.strip_prefix(root).unwrap().to_path_buf();
                out.insert(rel, fs::read_to_string(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn generate(dir: &Path) {
    let cfg = Config::new().with_out_dir(dir);
    Flow::export_all(&cfg).unwrap();
    Catalog::export_all(&cfg).unwrap();
    Problem::export_all(&cfg).unwrap();
}

#[test]
fn typescript_bindings_are_current() {
    let scratch = tempfile::tempdir().unwrap();
    generate(scratch.path());
    let fresh = read_tree(scratch.path());
    assert!(
        fresh.contains_key(Path::new("Flow.ts")),
        "{:?}",
        fresh.keys()
    );
    let committed_path = committed_dir();
    if std::env::var_os("IVR_UPDATE_BINDINGS").is_some() {
        let _ = fs::remove_dir_all(&committed_path);
        generate(&committed_path);
        return;
    }
    let committed = read_tree(&committed_path);
    let stale: Vec<_> = fresh
        .keys()
        .chain(committed.keys())
        .filter(|k| fresh.get(*k) != committed.get(*k))
        .collect();
    assert!(
        stale.is_empty(),
        "ui/src/bindings is out of date ({stale:?}); regenerate it with \
         `IVR_UPDATE_BINDINGS=1 cargo test -p ivr-flow --test all bindings` and commit the result"
    );
}
