//! What the desktop app keeps between runs in its data folder: the autosaved
//! copy of each window's document (one slot per window, offered back after a
//! crash) and the list of recently opened files. Every write is atomic; a
//! damaged or missing file reads as "nothing kept", never as an error that
//! stops the app.

use std::fs;
use std::path::{Path, PathBuf};

use ivr_flow::model::Flow;
use serde::{Deserialize, Serialize};

use crate::{FileError, write_atomic};

/// How many recent files the list keeps.
pub const MAX_RECENT: usize = 10;

const AUTOSAVE_FILE: &str = "autosave.json";
const AUTOSAVE_PREFIX: &str = "autosave-";
const RECENT_FILE: &str = "recent.json";

/// The label of the window the app opens with.
pub const MAIN: &str = "main";

/// One window's autosave slot, named by the window's label: `autosave.json`
/// for the main window, `autosave-<label>.json` for any other. Labels are
/// short and plain (letters, digits, `-`, `_`), so a slot is always a file
/// directly in the data folder.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Slot(String);

/// A window label that cannot name a slot.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a window label: use 1 to 64 letters, digits, '-' or '_'")]
pub struct BadLabel(pub String);

impl Slot {
    /// The slot of the window labelled `label`.
    pub fn new(label: &str) -> Result<Slot, BadLabel> {
        let plain = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
        if label.is_empty() || label.len() > 64 || !label.chars().all(plain) {
            return Err(BadLabel(label.to_string()));
        }
        Ok(Slot(label.to_string()))
    }

    /// The main window's slot.
    pub fn main() -> Slot {
        Slot(MAIN.to_string())
    }

    /// The window label this slot belongs to.
    pub fn label(&self) -> &str {
        &self.0
    }

    /// Whether this is the main window's slot.
    pub fn is_main(&self) -> bool {
        self.0 == MAIN
    }

    fn file_name(&self) -> String {
        if self.is_main() {
            AUTOSAVE_FILE.to_string()
        } else {
            format!("{AUTOSAVE_PREFIX}{}.json", self.0)
        }
    }

    fn from_file_name(name: &str) -> Option<Slot> {
        if name == AUTOSAVE_FILE {
            return Some(Slot::main());
        }
        let label = name.strip_prefix(AUTOSAVE_PREFIX)?.strip_suffix(".json")?;
        Slot::new(label).ok().filter(|s| !s.is_main())
    }

    /// The order slots are offered in: main first, then by label with
    /// numbers compared as numbers (`doc-2` before `doc-10`).
    fn sort_key(&self) -> (bool, String, u64) {
        let (stem, n) = match self.0.rsplit_once('-') {
            Some((stem, n)) => match n.parse::<u64>() {
                Ok(n) => (stem.to_string(), n),
                Err(_) => (self.0.clone(), 0),
            },
            None => (self.0.clone(), 0),
        };
        (!self.is_main(), stem, n)
    }
}

/// The open document as autosave keeps it: the flow, and the file it belongs
/// to when it has one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(rename = "AutosavedFlow")]
pub struct Autosaved {
    pub path: Option<PathBuf>,
    pub flow: Flow,
}

/// The app's data folder and what it keeps there.
#[derive(Debug, Clone)]
pub struct Session {
    dir: PathBuf,
}

impl Session {
    /// The session kept in `dir` (created on the first write).
    pub fn new(dir: impl Into<PathBuf>) -> Session {
        Session { dir: dir.into() }
    }

    /// The folder this session lives in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn write(&self, name: &str, bytes: &[u8]) -> Result<(), FileError> {
        let path = self.dir.join(name);
        fs::create_dir_all(&self.dir).map_err(|e| FileError::io(&path, e))?;
        write_atomic(&path, bytes)
    }

    fn read<T: for<'de> Deserialize<'de>>(&self, name: &str) -> Option<T> {
        let bytes = fs::read(self.dir.join(name)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Keeps `doc` as the autosaved copy in `slot`, atomically replacing the last one.
    pub fn autosave(&self, slot: &Slot, doc: &Autosaved) -> Result<(), FileError> {
        let name = slot.file_name();
        let bytes = serde_json::to_vec(doc).map_err(|e| {
            FileError::new(&self.dir.join(&name), crate::FileErrorKind::Io(e.into()))
        })?;
        self.write(&name, &bytes)
    }

    /// The autosaved copy in `slot`, if one was left and is readable.
    pub fn recovery(&self, slot: &Slot) -> Option<Autosaved> {
        self.read(&slot.file_name())
    }

    /// Whether `slot` has a file (readable or not).
    pub fn has_slot(&self, slot: &Slot) -> bool {
        self.dir.join(slot.file_name()).exists()
    }

    /// Every slot with a file in the data folder: main first, then by label.
    pub fn slots(&self) -> Vec<Slot> {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut slots: Vec<Slot> = entries
            .filter_map(|e| e.ok()?.file_name().to_str().and_then(Slot::from_file_name))
            .collect();
        slots.sort_by_key(Slot::sort_key);
        slots
    }

    /// Forgets the autosaved copy in `slot` (its document was saved,
    /// discarded or its window closed cleanly).
    pub fn clear_autosave(&self, slot: &Slot) -> Result<(), FileError> {
        let path = self.dir.join(slot.file_name());
        match fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(FileError::io(&path, e)),
            _ => Ok(()),
        }
    }

    /// The recently opened or saved files, newest first.
    pub fn recent(&self) -> Vec<PathBuf> {
        self.read(RECENT_FILE).unwrap_or_default()
    }

    /// Puts `path` at the top of the recent files (once), keeping at most
    /// [`MAX_RECENT`]; returns the new list.
    pub fn add_recent(&self, path: &Path) -> Result<Vec<PathBuf>, FileError> {
        let mut list = self.recent();
        list.retain(|p| p != path);
        list.insert(0, path.to_path_buf());
        list.truncate(MAX_RECENT);
        self.save_recent(&list)?;
        Ok(list)
    }

    /// Removes `path` from the recent files (it was moved or deleted).
    pub fn remove_recent(&self, path: &Path) -> Result<Vec<PathBuf>, FileError> {
        let mut list = self.recent();
        list.retain(|p| p != path);
        self.save_recent(&list)?;
        Ok(list)
    }

    fn save_recent(&self, list: &[PathBuf]) -> Result<(), FileError> {
        let bytes = serde_json::to_vec_pretty(list).map_err(|e| {
            FileError::new(
                &self.dir.join(RECENT_FILE),
                crate::FileErrorKind::Io(e.into()),
            )
        })?;
        self.write(RECENT_FILE, &bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> (tempfile::TempDir, Session) {
        let dir = tempfile::tempdir().unwrap();
        let s = Session::new(dir.path().join("data"));
        (dir, s)
    }

    #[test]
    fn nothing_is_kept_at_first() {
        let (_d, s) = session();
        assert_eq!(s.recovery(&Slot::main()), None);
        assert!(s.slots().is_empty());
        assert!(s.recent().is_empty());
        s.clear_autosave(&Slot::main()).unwrap();
    }

    #[test]
    fn an_autosave_is_offered_back_until_cleared() {
        let (_d, s) = session();
        let mut flow = ivr_flow::starter_flow();
        flow.name = "Edited".into();
        let doc = Autosaved {
            path: Some(PathBuf::from("/tmp/x.ivr.json")),
            flow,
        };
        let main = Slot::main();
        s.autosave(&main, &doc).unwrap();
        assert_eq!(s.recovery(&main), Some(doc.clone()));
        // A later autosave replaces the earlier one, leaving no temporary file.
        let newer = Autosaved {
            path: None,
            flow: ivr_flow::starter_flow(),
        };
        s.autosave(&main, &newer).unwrap();
        assert_eq!(s.recovery(&main), Some(newer));
        assert_eq!(fs::read_dir(s.dir()).unwrap().count(), 1);
        s.clear_autosave(&main).unwrap();
        assert_eq!(s.recovery(&main), None);
    }

    #[test]
    fn a_damaged_autosave_reads_as_none() {
        let (_d, s) = session();
        fs::create_dir_all(s.dir()).unwrap();
        fs::write(s.dir().join(AUTOSAVE_FILE), b"{ half").unwrap();
        fs::write(s.dir().join("autosave-doc-1.json"), b"").unwrap();
        assert_eq!(s.recovery(&Slot::main()), None);
        assert_eq!(s.recovery(&Slot::new("doc-1").unwrap()), None);
        // Still listed (its file is there), so a new window does not take its label.
        assert_eq!(s.slots().len(), 2);
    }

    fn named(name: &str) -> Autosaved {
        let mut flow = ivr_flow::starter_flow();
        flow.name = name.into();
        Autosaved { path: None, flow }
    }

    #[test]
    fn each_window_has_its_own_slot() {
        let (_d, s) = session();
        let main = Slot::main();
        let doc1 = Slot::new("doc-1").unwrap();
        s.autosave(&main, &named("Main")).unwrap();
        s.autosave(&doc1, &named("One")).unwrap();
        assert!(s.dir().join("autosave.json").is_file());
        assert!(s.dir().join("autosave-doc-1.json").is_file());
        assert_eq!(s.recovery(&main).unwrap().flow.name, "Main");
        assert_eq!(s.recovery(&doc1).unwrap().flow.name, "One");
        // Clearing one window's slot leaves the other's.
        s.clear_autosave(&doc1).unwrap();
        assert_eq!(s.recovery(&doc1), None);
        assert_eq!(s.recovery(&main).unwrap().flow.name, "Main");
        assert!(s.has_slot(&main) && !s.has_slot(&doc1));
    }

    #[test]
    fn slots_are_listed_main_first_then_in_number_order() {
        let (_d, s) = session();
        for label in ["doc-10", "doc-2", "main", "doc-1"] {
            s.autosave(&Slot::new(label).unwrap(), &named(label))
                .unwrap();
        }
        // Files that are not slots are ignored.
        s.add_recent(Path::new("/f/a.ivr.json")).unwrap();
        fs::write(s.dir().join("autosave-../x.json"), b"").ok();
        fs::write(s.dir().join("autosave-main.json"), b"{}").unwrap();
        fs::write(s.dir().join(".autosave.json.tmp"), b"{}").unwrap();
        let labels: Vec<String> = s.slots().iter().map(|l| l.label().to_string()).collect();
        assert_eq!(labels, ["main", "doc-1", "doc-2", "doc-10"]);
    }

    #[test]
    fn only_plain_labels_name_slots() {
        for bad in ["", "../x", "a/b", "doc 1", "é", &"x".repeat(65)] {
            assert!(Slot::new(bad).is_err(), "{bad:?}");
        }
        let err = Slot::new("../x").unwrap_err().to_string();
        assert!(err.contains("letters, digits"), "{err}");
        assert_eq!(
            Slot::new("doc-3").unwrap().file_name(),
            "autosave-doc-3.json"
        );
        assert_eq!(Slot::new("main").unwrap(), Slot::main());
    }

    #[test]
    fn recent_files_are_newest_first_unique_and_bounded() {
        let (_d, s) = session();
        for i in 0..12 {
            s.add_recent(Path::new(&format!("/f/{i}.ivr.json")))
                .unwrap();
        }
        let list = s.add_recent(Path::new("/f/5.ivr.json")).unwrap();
        assert_eq!(list.len(), MAX_RECENT);
        assert_eq!(list[0], PathBuf::from("/f/5.ivr.json"));
        assert_eq!(list[1], PathBuf::from("/f/11.ivr.json"));
        assert_eq!(list.iter().filter(|p| p.ends_with("5.ivr.json")).count(), 1);
        assert_eq!(s.recent(), list);
        let list = s.remove_recent(Path::new("/f/11.ivr.json")).unwrap();
        assert_eq!(list.len(), MAX_RECENT - 1);
        assert!(!list.contains(&PathBuf::from("/f/11.ivr.json")));
    }
}
