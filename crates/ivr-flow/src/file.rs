//! The `*.ivr.json` file format: a versioned header, then the flow, written with
//! stable key order and two-space indentation so git diffs read well. Older
//! versions are migrated on read; newer ones are refused with a clear message.
//!
//! Pure: this module turns bytes into a flow and back. Reading and writing
//! files is `ivr-files`' job.

use serde::Serialize;
use serde_json::Value;

use crate::json::kind_of;
use crate::model::Flow;

/// The `format` field every flow file carries.
pub const FORMAT: &str = "ivr-studio/flow";
/// The format version this build writes, and the newest it reads.
pub const VERSION: u64 = 1;
/// The largest flow file accepted: 20 MiB.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

/// Why bytes are not a flow this build can open. Each message says where and
/// what to do; the caller adds the file name.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum FlowFileError {
    #[error("the file is empty; a flow file holds a JSON object with \"format\": \"{FORMAT}\"")]
    Empty,
    #[error(
        "the file is {} MB, over the {} MB limit for a flow file; split the flow into sub-flows",
        mb(*bytes),
        mb(*limit)
    )]
    TooLarge { bytes: usize, limit: usize },
    #[error("line {line}, column {column}: not valid JSON: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("not an IVR Studio flow file: {reason}")]
    NotAFlow { reason: String },
    #[error(
        "this flow was written by a newer IVR Studio (file format version {found}); this version reads up to version {VERSION}: update IVR Studio to open it"
    )]
    NewerVersion { found: u64 },
    #[error("\"version\" must be a whole number from 1 to {VERSION}, not {found}")]
    BadVersion { found: String },
    #[error("at {path}: {message}")]
    Invalid { path: String, message: String },
}

fn mb(bytes: usize) -> String {
    format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
}

#[derive(Serialize)]
struct FileOut<'a, T> {
    format: &'static str,
    version: u64,
    #[serde(flatten)]
    body: &'a T,
}

/// Writes an IVR Studio document (a flow, a task) in the file format: the
/// `format` and `version` header first, then the body's keys in their
/// declared order, two-space indentation, a final newline.
pub fn with_header<T: Serialize>(format: &'static str, version: u64, body: &T) -> Vec<u8> {
    let out = FileOut {
        format,
        version,
        body,
    };
    // Serializing plain data structs with string keys to a Vec cannot fail.
    let mut bytes = serde_json::to_vec_pretty(&out).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// Writes a flow in the file format (see [`with_header`]).
pub fn to_bytes(flow: &Flow) -> Vec<u8> {
    with_header(FORMAT, VERSION, flow)
}

/// Reads a flow file's bytes, migrating older format versions.
pub fn from_bytes(bytes: &[u8]) -> Result<Flow, FlowFileError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(FlowFileError::TooLarge {
            bytes: bytes.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(FlowFileError::Empty);
    }
    let value: Value = parse_json(bytes)?;
    let Value::Object(mut map) = value else {
        return Err(FlowFileError::NotAFlow {
            reason: format!("the file's JSON is {}, not an object", kind_of(&value)),
        });
    };
    match map.remove("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        Some(other) => {
            return Err(FlowFileError::NotAFlow {
                reason: format!("\"format\" is {other}, expected \"{FORMAT}\""),
            });
        }
        None => {
            return Err(FlowFileError::NotAFlow {
                reason: format!("it has no \"format\": \"{FORMAT}\" field{}", hint(&map)),
            });
        }
    }
    let version = match map.remove("version") {
        Some(Value::Number(n)) if n.as_u64().is_some_and(|v| v >= 1) => n.as_u64().unwrap_or(0),
        Some(other) => {
            return Err(FlowFileError::BadVersion {
                found: other.to_string(),
            });
        }
        None => {
            return Err(FlowFileError::BadVersion {
                found: "nothing (the field is missing)".into(),
            });
        }
    };
    if version > VERSION {
        return Err(FlowFileError::NewerVersion { found: version });
    }
    let value = migrate(Value::Object(map), version);
    serde_path_to_error::deserialize(value).map_err(|e| FlowFileError::Invalid {
        path: e.path().to_string(),
        message: e.into_inner().to_string(),
    })
}

/// Parses JSON, turning a syntax error into one with its line and column.
pub fn parse_json(bytes: &[u8]) -> Result<Value, FlowFileError> {
    serde_json::from_slice(bytes).map_err(|e| FlowFileError::Syntax {
        line: e.line(),
        column: e.column(),
        message: strip_position(&e.to_string()),
    })
}

/// serde_json ends its messages with " at line L column C"; we say that first.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// A pointer to the right tool when the JSON is a provider's flow.
fn hint(map: &serde_json::Map<String, Value>) -> &'static str {
    if map.contains_key("Actions") || map.contains_key("ContactFlow") || map.contains_key("Content")
    {
        " (it looks like an Amazon Connect flow: import it with `ivr convert FILE --to ivr`)"
    } else if map.contains_key("activities") || map.contains_key("Definition") {
        " (it looks like an Alibaba Cloud CCC flow: import it with `ivr convert FILE --to ivr`)"
    } else if map.contains_key("modules") {
        " (it looks like an old Amazon Connect console export, which no API accepts: export the flow again from the current console)"
    } else {
        ""
    }
}

/// Brings an older file up to [`VERSION`]. Version 1 is the first; each later
/// version adds one step here.
fn migrate(value: Value, _from: u64) -> Value {
    value
}
