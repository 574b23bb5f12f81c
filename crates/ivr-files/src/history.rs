//! Local history: a snapshot of a document on every save, publish and
//! import, kept in the app data folder (`history/`), content-addressed and
//! deduplicated (one object per distinct flow, named by its SHA-256), each
//! document's entries in an index of its own with the time, the kind (save,
//! publish and where, import) and an optional message. Capped per document
//! by count and by size, the oldest pruned, and objects no index names
//! deleted. Every write is atomic; a damaged index reads as an empty history,
//! never as an error that stops a save.

use std::fs;
use std::path::{Path, PathBuf};

use ivr_flow::model::Flow;
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use crate::{FileError, write_atomic};

/// The app's identifier (`tauri.conf.json`): its data folder, where the
/// history lives, is named by it, so the `ivr` command keeps its publishes
/// and imports in the same history the app shows.
pub const APP_IDENTIFIER: &str = "dev.ivrstudio.app";

/// The environment variable that moves the data folder (tests, portable
/// installs).
pub const DATA_DIR_ENV: &str = "IVR_STUDIO_DATA_DIR";

/// The app's data folder as Tauri names it (the platform's data folder, then
/// the identifier), or [`DATA_DIR_ENV`] when set.
pub fn default_data_dir() -> Option<PathBuf> {
    match std::env::var_os(DATA_DIR_ENV) {
        Some(d) if !d.is_empty() => Some(PathBuf::from(d)),
        _ => dirs::data_dir().map(|d| d.join(APP_IDENTIFIER)),
    }
}

/// How many entries a document keeps at most.
pub const MAX_ENTRIES: usize = 100;
/// How many bytes of snapshots a document keeps at most (its entries'
/// objects, each counted once).
pub const MAX_BYTES: u64 = 50 * 1024 * 1024;

/// Why a snapshot was taken.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Occasion {
    Save,
    /// Published to `target` (`profile/instance` or a remote id).
    Publish {
        target: String,
    },
    Import {
        from: String,
    },
}

/// One snapshot of a document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(rename = "HistoryEntry")]
pub struct Entry {
    /// The snapshot's content id (SHA-256 of the flow's bytes).
    pub id: String,
    /// When, in milliseconds since 1970 (UTC).
    #[ts(type = "number")]
    pub at: u64,
    pub occasion: Occasion,
    /// What the designer wrote about it, if anything.
    pub message: Option<String>,
    /// The snapshot's size in bytes.
    #[ts(type = "number")]
    pub bytes: u64,
}

/// The history folder in a data folder.
#[derive(Debug, Clone)]
pub struct History {
    dir: PathBuf,
}

impl History {
    /// The history kept in `data_dir/history`.
    pub fn new(data_dir: &Path) -> History {
        History {
            dir: data_dir.join("history"),
        }
    }

    fn object(&self, id: &str) -> PathBuf {
        self.dir.join("objects").join(format!("{id}.json"))
    }

    /// A document's index file: named by a hash of its path, so any path fits.
    fn index(&self, doc: &Path) -> PathBuf {
        let key = hex(&Sha256::digest(doc.to_string_lossy().as_bytes()));
        self.dir.join("docs").join(format!("{key}.json"))
    }

    /// The document's snapshots, newest first.
    pub fn entries(&self, doc: &Path) -> Vec<Entry> {
        let mut list: Vec<Entry> = fs::read(self.index(doc))
            .ok()
            .and_then(|b| serde_json::from_slice::<Index>(&b).ok())
            .map(|i| i.entries)
            .unwrap_or_default();
        list.reverse();
        list
    }

    /// The flow of snapshot `id`.
    pub fn read(&self, id: &str) -> Result<Flow, FileError> {
        if id.len() != 64 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(FileError::io(
                &self.object(id),
                std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a snapshot id"),
            ));
        }
        crate::read_flow(&self.object(id)).map(|(_, f)| f)
    }

    /// [`History::record`] now.
    pub fn keep(
        &self,
        doc: &Path,
        flow: &Flow,
        occasion: Occasion,
        message: Option<String>,
    ) -> Result<Entry, FileError> {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64);
        self.record(doc, flow, occasion, message, now)
    }

    /// Keeps `flow` as a snapshot of the document at `doc`. The same content
    /// as the newest entry adds nothing (a save without edits). Returns the
    /// entry, and prunes the document's oldest entries past the caps.
    pub fn record(
        &self,
        doc: &Path,
        flow: &Flow,
        occasion: Occasion,
        message: Option<String>,
        at: u64,
    ) -> Result<Entry, FileError> {
        let bytes = ivr_flow::to_bytes(flow);
        let id = hex(&Sha256::digest(&bytes));
        let object = self.object(&id);
        if !object.exists() {
            fs::create_dir_all(self.dir.join("objects"))
                .map_err(|e| FileError::io(&self.dir, e))?;
            write_atomic(&object, &bytes)?;
        }
        let index_path = self.index(doc);
        let mut index: Index = fs::read(&index_path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_else(|| Index {
                path: doc.to_string_lossy().into_owned(),
                entries: Vec::new(),
            });
        let entry = Entry {
            id,
            at,
            occasion,
            message,
            bytes: bytes.len() as u64,
        };
        let same_as_last = index.entries.last().is_some_and(|e| {
            e.id == entry.id && e.occasion == entry.occasion && entry.message.is_none()
        });
        if !same_as_last {
            index.entries.push(entry.clone());
        }
        let dropped = prune(&mut index.entries);
        fs::create_dir_all(self.dir.join("docs")).map_err(|e| FileError::io(&self.dir, e))?;
        let mut out = serde_json::to_vec_pretty(&index).unwrap_or_default();
        out.push(b'\n');
        write_atomic(&index_path, &out)?;
        if !dropped.is_empty() {
            self.collect(&dropped);
        }
        Ok(entry)
    }

    /// Deletes the objects among `ids` that no document's index names.
    fn collect(&self, ids: &[String]) {
        let mut named = std::collections::HashSet::new();
        if let Ok(docs) = fs::read_dir(self.dir.join("docs")) {
            for d in docs.flatten() {
                if let Some(i) = fs::read(d.path())
                    .ok()
                    .and_then(|b| serde_json::from_slice::<Index>(&b).ok())
                {
                    named.extend(i.entries.into_iter().map(|e| e.id));
                }
            }
        }
        for id in ids {
            if !named.contains(id) {
                let _ = fs::remove_file(self.object(id));
            }
        }
    }
}

/// One document's entries, oldest first, and its path (for a person reading
/// the folder).
#[derive(Debug, Serialize, Deserialize)]
struct Index {
    path: String,
    entries: Vec<Entry>,
}

/// Drops the oldest entries past [`MAX_ENTRIES`] and [`MAX_BYTES`] (the
/// newest is always kept). Returns the ids of the dropped ones.
fn prune(entries: &mut Vec<Entry>) -> Vec<String> {
    let mut dropped = Vec::new();
    loop {
        let mut seen = std::collections::HashSet::new();
        let bytes: u64 = entries
            .iter()
            .filter(|e| seen.insert(e.id.clone()))
            .map(|e| e.bytes)
            .sum();
        if entries.len() <= 1 || (entries.len() <= MAX_ENTRIES && bytes <= MAX_BYTES) {
            return dropped;
        }
        dropped.push(entries.remove(0).id);
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> Flow {
        let mut f = ivr_flow::starter_flow();
        f.name = name.into();
        f
    }

    #[test]
    fn saves_are_kept_newest_first_deduplicated_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let h = History::new(dir.path());
        let doc = dir.path().join("main.ivr.json");
        assert!(h.entries(&doc).is_empty());
        let a = h
            .record(&doc, &named("A"), Occasion::Save, None, 1_000)
            .unwrap();
        // Saved again unchanged: nothing new.
        h.record(&doc, &named("A"), Occasion::Save, None, 2_000)
            .unwrap();
        let publish = Occasion::Publish {
            target: "sb/local-sandbox".into(),
        };
        h.record(
            &doc,
            &named("A"),
            publish.clone(),
            Some("go live".into()),
            3_000,
        )
        .unwrap();
        let b = h
            .record(&doc, &named("B"), Occasion::Save, None, 4_000)
            .unwrap();
        let list = h.entries(&doc);
        assert_eq!(list.len(), 3);
        assert_eq!(list[0].id, b.id);
        assert_eq!(list[1].occasion, publish);
        assert_eq!(list[1].message.as_deref(), Some("go live"));
        assert_eq!(list[2].at, 1_000);
        // One object per distinct content.
        assert_eq!(
            fs::read_dir(dir.path().join("history/objects"))
                .unwrap()
                .count(),
            2
        );
        assert_eq!(h.read(&a.id).unwrap().name, "A");
        assert!(h.read("../../etc/passwd").is_err());
        // Another document keeps its own history.
        assert!(h.entries(&dir.path().join("other.ivr.json")).is_empty());
    }

    #[test]
    fn the_oldest_are_pruned_past_the_cap_and_their_objects_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let h = History::new(dir.path());
        let doc = dir.path().join("main.ivr.json");
        let first = h
            .record(&doc, &named("v0"), Occasion::Save, None, 0)
            .unwrap();
        for i in 1..=MAX_ENTRIES {
            h.record(
                &doc,
                &named(&format!("v{i}")),
                Occasion::Save,
                None,
                i as u64,
            )
            .unwrap();
        }
        let list = h.entries(&doc);
        assert_eq!(list.len(), MAX_ENTRIES);
        assert_ne!(list.last().unwrap().id, first.id);
        assert!(
            h.read(&first.id).is_err(),
            "the pruned snapshot's object is gone"
        );
        // An object another document still names is kept.
        let other = dir.path().join("other.ivr.json");
        let kept = h
            .record(&other, &named("v1"), Occasion::Save, None, 0)
            .unwrap();
        for i in 0..MAX_ENTRIES {
            h.record(
                &doc,
                &named(&format!("w{i}")),
                Occasion::Save,
                None,
                1_000 + i as u64,
            )
            .unwrap();
        }
        assert!(h.read(&kept.id).is_ok());
    }

    #[test]
    fn a_damaged_index_reads_as_empty_and_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let h = History::new(dir.path());
        let doc = dir.path().join("main.ivr.json");
        h.record(&doc, &named("A"), Occasion::Save, None, 1)
            .unwrap();
        let index = h.index(&doc);
        fs::write(&index, "{ damaged").unwrap();
        assert!(h.entries(&doc).is_empty());
        h.record(&doc, &named("B"), Occasion::Save, None, 2)
            .unwrap();
        assert_eq!(h.entries(&doc).len(), 1);
    }

    #[test]
    fn the_identifier_is_the_apps() {
        let conf = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src-tauri/tauri.conf.json"),
        )
        .unwrap();
        let conf: serde_json::Value = serde_json::from_str(&conf).unwrap();
        assert_eq!(conf["identifier"], APP_IDENTIFIER);
    }
}
