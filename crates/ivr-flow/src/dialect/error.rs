//! The dialects' two errors: why a provider document could not be read
//! ([`DecodeError`]), and why a flow could not be written ([`EncodeError`]).

use crate::file::FlowFileError;
use crate::model::Provider;

/// Why a provider document could not be read.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum DecodeError {
    /// The bytes are not JSON, or not a native file this build can read.
    #[error(transparent)]
    File(#[from] FlowFileError),
    /// The document is in no dialect this build knows.
    #[error("{0}")]
    Unrecognised(String),
    /// The document is in a known dialect but malformed at `path`.
    #[error("at {path}: {message}")]
    Invalid { path: String, message: String },
}

impl DecodeError {
    /// A malformed-document error at a JSON path such as `$.Actions[3].Type`.
    pub fn invalid(path: impl Into<String>, message: impl Into<String>) -> DecodeError {
        DecodeError::Invalid {
            path: path.into(),
            message: message.into(),
        }
    }
}

/// Why a flow could not be written in a dialect.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum EncodeError {
    /// The target cannot carry this block; validation for the target names it too.
    #[error("block {node} ({block}) cannot be carried by {target}")]
    Unsupported {
        node: String,
        block: String,
        target: Provider,
    },
    /// Anything else the target cannot express.
    #[error("{0}")]
    Other(String),
}
