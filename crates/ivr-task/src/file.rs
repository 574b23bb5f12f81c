//! The `*.task.json` file format: `"format": "ivr-studio/task"`, a version,
//! then the task's fields in the model's order, two-space indentation and a
//! final newline, so a task written twice is written the same way.
//!
//! Pure: bytes in, a task out, and back. The caller adds the file's name.

use ivr_flow::FlowFileError;
use ivr_flow::file::parse_json;
use serde_json::Value;

use crate::model::Task;

/// The `format` field every task file carries.
pub const FORMAT: &str = "ivr-studio/task";
/// The format version this build writes, and the newest it reads.
pub const VERSION: u64 = 1;
/// The largest task file accepted: 50 MiB (a task may hold its rows).
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;

/// Why bytes are not a task this build can open. Each message says where and
/// what to do; the caller adds the file name.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum TaskFileError {
    #[error("the file is empty; a task file holds a JSON object with \"format\": \"{FORMAT}\"")]
    Empty,
    #[error(
        "the file is {bytes} bytes, over the {limit}-byte limit for a task file; keep a long call list in a CSV file the task names"
    )]
    TooLarge { bytes: usize, limit: usize },
    #[error("line {line}, column {column}: not valid JSON: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("not an IVR Studio task file: {reason}")]
    NotATask { reason: String },
    #[error(
        "this task was written by a newer IVR Studio (task format version {found}); this version reads up to version {VERSION}: update IVR Studio to open it"
    )]
    NewerVersion { found: u64 },
    #[error("\"version\" is {found}; it must be a whole number from 1 to {VERSION}")]
    BadVersion { found: String },
    #[error("at {path}: {message}")]
    Invalid { path: String, message: String },
}

/// Writes a task in the file format: header first, keys in the model's
/// order, two-space indentation, a final newline.
pub fn to_bytes(task: &Task) -> Vec<u8> {
    ivr_flow::file::with_header(FORMAT, VERSION, task)
}

/// Reads a task file's bytes.
pub fn from_bytes(bytes: &[u8]) -> Result<Task, TaskFileError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(TaskFileError::TooLarge {
            bytes: bytes.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(TaskFileError::Empty);
    }
    let value: Value = parse_json(bytes).map_err(|e| match e {
        FlowFileError::Syntax {
            line,
            column,
            message,
        } => TaskFileError::Syntax {
            line,
            column,
            message,
        },
        other => TaskFileError::NotATask {
            reason: other.to_string(),
        },
    })?;
    let Value::Object(mut map) = value else {
        return Err(TaskFileError::NotATask {
            reason: format!(
                "the file's JSON is {}, not an object",
                ivr_flow::json::kind_of(&value)
            ),
        });
    };
    match map.remove("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        Some(other) => {
            return Err(TaskFileError::NotATask {
                reason: format!("\"format\" is {other}, expected \"{FORMAT}\""),
            });
        }
        None => {
            let hint = if map.contains_key("nodes") {
                " (it looks like a flow: open it as a flow)"
            } else if map.contains_key("taskName") {
                " (it looks like a task/create body: add \"format\" and \"version\": 1)"
            } else {
                ""
            };
            return Err(TaskFileError::NotATask {
                reason: format!("it has no \"format\": \"{FORMAT}\" field{hint}"),
            });
        }
    }
    let version = match map.remove("version") {
        Some(Value::Number(n)) => match n.as_u64() {
            Some(v) if v >= 1 => v,
            _ => {
                return Err(TaskFileError::BadVersion {
                    found: n.to_string(),
                });
            }
        },
        Some(other) => {
            return Err(TaskFileError::BadVersion {
                found: other.to_string(),
            });
        }
        None => {
            return Err(TaskFileError::BadVersion {
                found: "missing".into(),
            });
        }
    };
    if version > VERSION {
        return Err(TaskFileError::NewerVersion { found: version });
    }
    serde_path_to_error::deserialize(Value::Object(map)).map_err(|e| TaskFileError::Invalid {
        path: e.path().to_string(),
        message: e.into_inner().to_string(),
    })
}
