//! What the desktop app keeps between runs in its data folder: the autosaved
//! copy of the open document (offered back after a crash) and the list of
//! recently opened files. Every write is atomic; a damaged or missing file
//! reads as "nothing kept", never as an error that stops the app.

use std::fs;
use std::path::{Path, PathBuf};

use ivr_flow::model::Flow;
use serde::{Deserialize, Serialize};

use crate::{FileError, write_atomic};

/// How many recent files the list keeps.
pub const MAX_RECENT: usize = 10;

const AUTOSAVE_FILE: &str = "autosave.json";
const RECENT_FILE: &str = "recent.json";

/// The open document as autosave keeps it: the flow, and the file it belongs
/// to when it has one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

    /// Keeps `doc` as the autosaved copy, atomically replacing the last one.
    pub fn autosave(&self, doc: &Autosaved) -> Result<(), FileError> {
        let bytes = serde_json::to_vec(doc).map_err(|e| {
            FileError::new(
                &self.dir.join(AUTOSAVE_FILE),
                crate::FileErrorKind::Io(e.into()),
            )
        })?;
        self.write(AUTOSAVE_FILE, &bytes)
    }

    /// The autosaved copy a run that did not close cleanly left behind.
    pub fn recovery(&self) -> Option<Autosaved> {
        self.read(AUTOSAVE_FILE)
    }

    /// Forgets the autosaved copy (the document was saved, discarded or the
    /// app closed cleanly).
    pub fn clear_autosave(&self) -> Result<(), FileError> {
        let path = self.dir.join(AUTOSAVE_FILE);
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
        assert_eq!(s.recovery(), None);
        assert!(s.recent().is_empty());
        s.clear_autosave().unwrap();
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
        s.autosave(&doc).unwrap();
        assert_eq!(s.recovery(), Some(doc.clone()));
        // A later autosave replaces the earlier one, leaving no temporary file.
        let newer = Autosaved {
            path: None,
            flow: ivr_flow::starter_flow(),
        };
        s.autosave(&newer).unwrap();
        assert_eq!(s.recovery(), Some(newer));
        assert_eq!(fs::read_dir(s.dir()).unwrap().count(), 1);
        s.clear_autosave().unwrap();
        assert_eq!(s.recovery(), None);
    }

    #[test]
    fn a_damaged_autosave_reads_as_none() {
        let (_d, s) = session();
        fs::create_dir_all(s.dir()).unwrap();
        fs::write(s.dir().join(AUTOSAVE_FILE), b"{ half").unwrap();
        assert_eq!(s.recovery(), None);
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
