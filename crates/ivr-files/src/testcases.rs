//! Test case files beside a flow: `menu.ivr.json`'s cases are kept in
//! `menu.ivrtest.json` in the same folder. Read with the size limit of a
//! flow file; a case is added by reading the file (when there is one),
//! appending, and writing it back atomically, so existing cases are never
//! lost, and a case is never saved under a name the file already has.

use std::path::{Path, PathBuf};

use ivr_flow::sim::cases::{self, Case, ReadError, TestFile};

use crate::{FileError, FileErrorKind};

/// What went wrong with a test case file.
#[derive(Debug, thiserror::Error)]
pub enum TestFileError {
    /// The file could not be read or written.
    #[error(transparent)]
    File(#[from] FileError),
    /// The file is there but is not a test case file.
    #[error("{}: {error}", path.display())]
    Content { path: PathBuf, error: ReadError },
    /// The file already has a case of this name.
    #[error("{}: a test case named \"{name}\" is already there; choose another name", path.display())]
    Duplicate { path: PathBuf, name: String },
    /// A case needs a name to be told apart in the results.
    #[error("a test case needs a name")]
    NoName,
}

/// The test case file of the flow file at `flow`: `<stem>.ivrtest.json`
/// beside it (`menu.ivr.json` and `menu.json` give `menu.ivrtest.json`).
pub fn path_for(flow: &Path) -> PathBuf {
    let stem = crate::stem_name(flow);
    let stem = if stem.is_empty() {
        "flow".to_owned()
    } else {
        stem
    };
    flow.with_file_name(format!("{stem}.ivrtest.json"))
}

/// Reads the test case file at `path`; `None` when there is none.
pub fn read(path: &Path) -> Result<Option<TestFile>, TestFileError> {
    let bytes = match crate::read_limited(path) {
        Ok(b) => b,
        Err(FileError {
            kind: FileErrorKind::NotFound,
            ..
        }) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    cases::from_bytes(&bytes)
        .map(Some)
        .map_err(|error| TestFileError::Content {
            path: path.to_path_buf(),
            error,
        })
}

/// Adds `case` to the test case file of the flow file at `flow` (made when
/// there is none, naming the flow file); answers the file and how many cases
/// it holds now. A file that cannot be read is left as it is.
pub fn append(flow: &Path, case: Case) -> Result<(PathBuf, usize), TestFileError> {
    if case.name.trim().is_empty() {
        return Err(TestFileError::NoName);
    }
    let path = path_for(flow);
    let mut file = read(&path)?.unwrap_or_else(|| TestFile {
        format: cases::FORMAT.to_owned(),
        version: cases::VERSION,
        flow: flow
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        cases: Vec::new(),
    });
    if file.cases.iter().any(|c| c.name == case.name) {
        return Err(TestFileError::Duplicate {
            path,
            name: case.name,
        });
    }
    file.cases.push(case);
    crate::write_atomic(&path, &cases::to_bytes(&file))?;
    Ok((path, file.cases.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ivr_flow::sim::cases::{Expect, Step};

    fn case(name: &str) -> Case {
        Case {
            name: name.into(),
            scenario: Default::default(),
            steps: vec![Step::Expect(Expect {
                ended: Some("hung_up".into()),
                ..Expect::default()
            })],
        }
    }

    #[test]
    fn the_file_sits_beside_the_flow_named_after_its_stem() {
        assert_eq!(
            path_for(Path::new("/f/main-menu.ivr.json")),
            Path::new("/f/main-menu.ivrtest.json")
        );
        assert_eq!(
            path_for(Path::new("/f/Main menu.json")),
            Path::new("/f/Main menu.ivrtest.json")
        );
    }

    #[test]
    fn appending_keeps_every_case_and_refuses_a_name_twice() {
        let dir = tempfile::tempdir().unwrap();
        let flow = dir.path().join("menu.ivr.json");
        assert!(read(&path_for(&flow)).unwrap().is_none());
        let (path, n) = append(&flow, case("one")).unwrap();
        assert_eq!(n, 1);
        let (_, n) = append(&flow, case("two")).unwrap();
        assert_eq!(n, 2);
        let file = read(&path).unwrap().unwrap();
        assert_eq!(file.flow, "menu.ivr.json");
        let names: Vec<_> = file.cases.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["one", "two"]);
        let err = append(&flow, case("two")).unwrap_err();
        assert!(matches!(err, TestFileError::Duplicate { .. }), "{err}");
        assert_eq!(read(&path).unwrap().unwrap().cases.len(), 2);
        assert!(matches!(
            append(&flow, case("  ")),
            Err(TestFileError::NoName)
        ));
    }

    #[test]
    fn a_file_that_is_not_a_test_file_is_left_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let flow = dir.path().join("menu.ivr.json");
        std::fs::write(path_for(&flow), b"{ not json").unwrap();
        let err = append(&flow, case("one")).unwrap_err();
        assert!(err.to_string().contains("not JSON at line 1"), "{err}");
        assert_eq!(std::fs::read(path_for(&flow)).unwrap(), b"{ not json");
    }
}
