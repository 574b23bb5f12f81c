//! A provider's state as one JSON file in the data folder (`<name>.json`),
//! read on start and written atomically (temporary file + rename) after every
//! change, so a killed sandbox never leaves a half-written file.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::config::SandboxError;

/// The state of one provider, `T`, behind a lock, saved to `path`.
#[derive(Debug)]
pub struct Store<T> {
    path: PathBuf,
    state: Mutex<T>,
}

impl<T: Serialize + DeserializeOwned + Default> Store<T> {
    /// Opens `<dir>/<name>.json`, or starts empty when it does not exist.
    pub fn open(dir: &Path, name: &str) -> Result<Self, SandboxError> {
        let path = dir.join(format!("{name}.json"));
        let data_err = |message: String| SandboxError::Data {
            path: path.clone(),
            message,
        };
        std::fs::create_dir_all(dir).map_err(|e| SandboxError::Data {
            path: dir.to_path_buf(),
            message: e.to_string(),
        })?;
        let state = match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map_err(|e| data_err(format!("not sandbox state ({e}); move it away")))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => T::default(),
            Err(e) => return Err(data_err(e.to_string())),
        };
        Ok(Store {
            path,
            state: Mutex::new(state),
        })
    }

    /// Reads the state.
    pub fn read<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        f(&self.lock())
    }

    /// Changes the state and saves it when `f` returns `Ok`. A failed save
    /// is reported as `Err(save_error)` through `on_save_error`.
    pub fn update<R, E>(
        &self,
        f: impl FnOnce(&mut T) -> Result<R, E>,
        on_save_error: impl FnOnce(String) -> E,
    ) -> Result<R, E> {
        let mut guard = self.lock();
        let out = f(&mut guard)?;
        let saved = serde_json::to_vec_pretty(&*guard)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                ivr_files::write_atomic(&self.path, &bytes).map_err(|e| e.to_string())
            });
        saved.map_err(on_save_error)?;
        Ok(out)
    }

    fn lock(&self) -> MutexGuard<'_, T> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[test]
    fn survives_a_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let s: Store<BTreeMap<String, u32>> = Store::open(dir.path(), "t").unwrap();
        s.update(
            |m| {
                m.insert("a".into(), 1);
                Ok::<_, String>(())
            },
            |e| e,
        )
        .unwrap();
        drop(s);
        let s: Store<BTreeMap<String, u32>> = Store::open(dir.path(), "t").unwrap();
        assert_eq!(s.read(|m| m.get("a").copied()), Some(1));
        std::fs::write(dir.path().join("bad.json"), b"{").unwrap();
        assert!(Store::<BTreeMap<String, u32>>::open(dir.path(), "bad").is_err());
    }
}
