//! Flow files on disk: reads that refuse oversized files before loading them,
//! and atomic writes (a temporary file in the same folder, flushed, then
//! renamed over the target) so a crash never leaves a half-written flow.
//!
//! Every error names the file, says what is wrong and what to do.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

pub mod documents;
pub mod history;
pub mod logs;
pub mod session;
pub mod settings;
pub mod templates;
pub mod testcases;

use ivr_flow::dialect::{self, DecodeError, Dialect};
use ivr_flow::file::{FlowFileError, MAX_FILE_BYTES};
use ivr_flow::model::Flow;

/// What went wrong with one file.
#[derive(Debug, thiserror::Error)]
#[error("{}: {kind}", path.display())]
pub struct FileError {
    pub path: PathBuf,
    pub kind: FileErrorKind,
}

/// The ways reading or writing a flow file fails.
#[derive(Debug, thiserror::Error)]
pub enum FileErrorKind {
    #[error("no such file; check the path")]
    NotFound,
    #[error("this is a folder, not a flow file")]
    IsADirectory,
    #[error("permission denied; check the file's permissions")]
    PermissionDenied,
    #[error("{0}")]
    Io(io::Error),
    #[error(transparent)]
    Decode(#[from] DecodeError),
}

impl FileError {
    pub(crate) fn new(path: &Path, kind: FileErrorKind) -> FileError {
        FileError {
            path: path.to_path_buf(),
            kind,
        }
    }

    pub(crate) fn io(path: &Path, err: io::Error) -> FileError {
        let kind = match err.kind() {
            io::ErrorKind::NotFound => FileErrorKind::NotFound,
            io::ErrorKind::PermissionDenied => FileErrorKind::PermissionDenied,
            io::ErrorKind::IsADirectory => FileErrorKind::IsADirectory,
            _ => FileErrorKind::Io(err),
        };
        FileError::new(path, kind)
    }

    /// Whether the file's content (not the file system) is at fault.
    pub fn is_bad_content(&self) -> bool {
        matches!(self.kind, FileErrorKind::Decode(_))
    }
}

/// Reads a file of at most [`MAX_FILE_BYTES`], refusing a larger one before
/// loading it.
pub fn read_limited(path: &Path) -> Result<Vec<u8>, FileError> {
    let file = fs::File::open(path).map_err(|e| FileError::io(path, e))?;
    let meta = file.metadata().map_err(|e| FileError::io(path, e))?;
    if meta.is_dir() {
        return Err(FileError::new(path, FileErrorKind::IsADirectory));
    }
    let too_large = |bytes: usize| {
        FileError::new(
            path,
            DecodeError::File(FlowFileError::TooLarge {
                bytes,
                limit: MAX_FILE_BYTES,
            })
            .into(),
        )
    };
    let len = usize::try_from(meta.len()).unwrap_or(usize::MAX);
    if len > MAX_FILE_BYTES {
        return Err(too_large(len));
    }
    // The file may grow between the check and the read: read one byte past
    // the limit at most.
    let mut bytes = Vec::with_capacity(len);
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| FileError::io(path, e))?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large(bytes.len()));
    }
    Ok(bytes)
}

/// Reads a flow in any dialect the engine knows, telling which it was. A
/// provider's flow that carries no name (a bare Connect Content) is named
/// after the file's stem; [`read_flow_noting`] says when it was.
pub fn read_flow(path: &Path) -> Result<(Dialect, Flow), FileError> {
    read_flow_noting(path).map(|(d, f, _)| (d, f))
}

/// [`read_flow`], with the name given from the file's stem when the flow had
/// none (so the caller can say so).
pub fn read_flow_noting(path: &Path) -> Result<(Dialect, Flow, Option<String>), FileError> {
    read_with(path, dialect::decode)
}

/// [`read_flow`] for a check that never shows or writes the flow (`ivr
/// validate`): see [`dialect::decode_to_check`].
pub fn read_flow_to_check(path: &Path) -> Result<(Dialect, Flow), FileError> {
    read_with(path, dialect::decode_to_check).map(|(d, f, _)| (d, f))
}

type Decode = fn(&[u8]) -> Result<(Dialect, Flow), dialect::DecodeError>;

fn read_with(path: &Path, decode: Decode) -> Result<(Dialect, Flow, Option<String>), FileError> {
    let bytes = read_limited(path)?;
    let (dialect, mut flow) = decode(&bytes).map_err(|e| FileError::new(path, e.into()))?;
    let named = (dialect != Dialect::Native && flow.name.trim().is_empty())
        .then(|| stem_name(path))
        .filter(|n| !n.is_empty());
    if let Some(name) = &named {
        flow.name.clone_from(name);
    }
    Ok((dialect, flow, named))
}

/// A flow name from a file's name: `Main menu.json` and
/// `main-menu.ivr.json` give `Main menu` and `main-menu`.
pub fn stem_name(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = name.strip_suffix(".json").unwrap_or(&name);
    let name = name.strip_suffix(".ivr").unwrap_or(name);
    name.trim().to_owned()
}

/// Writes `bytes` to `path` atomically: the file holds either its old content
/// or all of the new, never a part.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".ivr-save-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| FileError::io(path, e))?;
    tmp.write_all(bytes).map_err(|e| FileError::io(path, e))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| FileError::io(path, e))?;
    tmp.persist(path)
        .map_err(|e| FileError::io(path, e.error))?;
    Ok(())
}

/// Writes a flow in the native format, atomically.
pub fn write_flow(path: &Path, flow: &Flow) -> Result<(), FileError> {
    write_atomic(path, &ivr_flow::to_bytes(flow))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flow_survives_a_write_and_a_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("starter.ivr.json");
        let flow = ivr_flow::starter_flow();
        write_flow(&path, &flow).unwrap();
        let (dialect, back) = read_flow(&path).unwrap();
        assert_eq!(dialect, Dialect::Native);
        assert_eq!(back, flow);
        // No temporary file is left behind.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_provider_flow_with_no_name_is_named_after_its_file_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let bare = r#"{"Version":"2019-10-30","StartAction":"bye","Actions":[
            {"Identifier":"bye","Type":"DisconnectParticipant","Parameters":{},"Transitions":{}}]}"#;
        let path = dir.path().join("Billing menu.json");
        fs::write(&path, bare).unwrap();
        let (_, flow, named) = read_flow_noting(&path).unwrap();
        assert_eq!(flow.name, "Billing menu");
        assert_eq!(named.as_deref(), Some("Billing menu"));
        // A flow that has a name keeps it, and nothing is said.
        let path = dir.path().join("other.ivr.json");
        write_flow(&path, &ivr_flow::starter_flow()).unwrap();
        let (_, flow, named) = read_flow_noting(&path).unwrap();
        assert_eq!(flow.name, ivr_flow::starter_flow().name);
        assert_eq!(named, None);
        assert_eq!(stem_name(Path::new("a/main-menu.ivr.json")), "main-menu");
    }

    #[test]
    fn an_oversized_file_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.ivr.json");
        let f = fs::File::create(&path).unwrap();
        f.set_len(MAX_FILE_BYTES as u64 + 1).unwrap();
        let err = read_flow(&path).unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with(&path.display().to_string()), "{text}");
        assert!(text.contains("over the 20.0 MB limit"), "{text}");
    }

    #[test]
    fn a_missing_file_and_a_folder_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope.ivr.json");
        let err = read_flow(&missing).unwrap_err();
        assert!(matches!(err.kind, FileErrorKind::NotFound));
        assert!(err.to_string().contains("nope.ivr.json: no such file"));
        let err = read_flow(dir.path()).unwrap_err();
        assert!(matches!(err.kind, FileErrorKind::IsADirectory), "{err}");
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("flow.ivr.json");
        write_flow(&path, &ivr_flow::starter_flow()).unwrap();
        let before = fs::read(&path).unwrap();
        // Writing into a folder that does not exist fails without touching anything.
        let err = write_flow(
            &dir.path().join("no/such/dir/flow.ivr.json"),
            &Flow::default(),
        );
        assert!(err.is_err());
        assert_eq!(fs::read(&path).unwrap(), before);
    }
}
