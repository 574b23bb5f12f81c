//! The TypeScript types in `ui/src/bindings/` are generated from the Rust
//! types (ts-rs): the engine's document types and every type that crosses
//! IPC (the commands' answers, the one error shape). The test regenerates
//! them into a scratch folder and fails when the committed folder differs
//! (a changed, missing or leftover file), so the UI never drifts from Rust.
//!
//! To update them: `IVR_UPDATE_BINDINGS=1 cargo test -p ivr-studio bindings`.

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::fs;
    use std::path::{Path, PathBuf};

    use ts_rs::{Config, TS};

    fn committed_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings")
    }

    /// Every `.ts` file below `dir`, by its path relative to `dir`.
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
                    let rel = path.strip_prefix(root).expect("below root").to_path_buf();
                    out.insert(rel, fs::read_to_string(&path).expect("readable"));
                }
            }
        }
        let mut out = BTreeMap::new();
        walk(dir, dir, &mut out);
        out
    }

    /// Exports a type and every type it uses.
    type Export = fn(&Config) -> Result<(), ts_rs::ExportError>;

    /// Every type the UI gets from Rust, with what they use.
    fn generate(dir: &Path) {
        let cfg = Config::new().with_out_dir(dir);
        let all: [Export; 35] = [
            ivr_flow::Flow::export_all,
            ivr_flow::Catalog::export_all,
            ivr_flow::Problem::export_all,
            crate::error::CommandError::export_all,
            crate::files::Opened::export_all,
            ivr_files::session::Autosaved::export_all,
            ivr_files::documents::Startup::export_all,
            ivr_cloud::service::ProfileView::export_all,
            ivr_cloud::Profile::export_all,
            ivr_cloud::remote::RemotePage::export_all,
            ivr_cloud::service::ImportedFlow::export_all,
            ivr_cloud::service::PlanView::export_all,
            ivr_cloud::service::PublishOutcome::export_all,
            ivr_cloud::service::PublishRefusal::export_all,
            ivr_cloud::error::CloudErrorView::export_all,
            ivr_cloud::remote::PublishStatus::export_all,
            ivr_files::settings::Settings::export_all,
            ivr_files::history::Entry::export_all,
            ivr_flow::diff::text::Line::export_all,
            ivr_cloud::service::publish::CloudChanges::export_all,
            crate::task::OpenedTask::export_all,
            crate::templates::TemplateCard::export_all,
            crate::picture::Exported::export_all,
            crate::task::ImportedCalls::export_all,
            crate::task::TaskCheck::export_all,
            crate::task::AgentView::export_all,
            crate::task::RouteView::export_all,
            crate::task::TaskView::export_all,
            crate::task::CreateOutcome::export_all,
            ivr_task::Task::export_all,
            crate::simulate::Step::export_all,
            crate::simulate::SavedCase::export_all,
            crate::simulate::TestRun::export_all,
            ivr_flow::sim::Scenario::export_all,
            ivr_flow::sim::Input::export_all,
        ];
        for export in all {
            export(&cfg).expect("exports");
        }
    }

    #[test]
    fn typescript_bindings_are_current() {
        let scratch = tempfile::tempdir().expect("a temp dir");
        generate(scratch.path());
        let fresh = read_tree(scratch.path());
        for name in [
            "Flow.ts",
            "CommandError.ts",
            "ProfileView.ts",
            "OpenedFlow.ts",
        ] {
            assert!(
                fresh.contains_key(Path::new(name)),
                "{name}: {:?}",
                fresh.keys()
            );
        }
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
             `IVR_UPDATE_BINDINGS=1 cargo test -p ivr-studio bindings` and commit the result"
        );
    }
}
