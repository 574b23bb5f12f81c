//! Dialects: the providers' flow formats, each turned into a [`Flow`] and back
//! by pure functions, and told apart automatically on input.
//!
//! Each dialect module offers the same three functions:
//! - `detect(&Value) -> bool`: whether a parsed JSON document is in this dialect
//!   (any of the wrappers it accepts);
//! - `decode(&Value) -> Result<Flow, DecodeError>`;
//! - `encode(&Flow) -> Result<Value, EncodeError>`: the provider's document
//!   (for Connect, the Content object; for CCC 2020, the Definition object; for
//!   CCC 2017, `{"Content": [...], "Canvas": {...}}`).
//!
//! The dialects: [`connect`] (Amazon Connect) and [`ccc`] (Alibaba Cloud CCC,
//! its two APIs side by side: [`ccc::v2020`], also known as [`aliyun`], and
//! [`ccc::v2017`], also known as [`aliyun2017`]). Each reads in `decode.rs`
//! and writes in `encode.rs`; decode may call encode (to check that what it
//! read writes back the same), never the other way round. What they all use
//! stands beside them: the errors, one reader of a document's fields with
//! errors that say where (`fields.rs`), and positions (`position.rs`).

use serde_json::Value;

pub mod ccc;
pub mod connect;
mod error;
mod fields;
mod position;

pub use error::{DecodeError, EncodeError};

/// CCC 2017 by the name the command line and the other crates know it by.
pub use ccc::v2017 as aliyun2017;
/// CCC 2020 by the name the command line and the other crates know it by.
pub use ccc::v2020 as aliyun;

use crate::file::{self, FlowFileError};
use crate::model::{Flow, Provider};

/// A format a flow can be read from or written to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dialect {
    /// IVR Studio's own `*.ivr.json`.
    Native,
    /// A provider's format.
    Provider(Provider),
}

impl Dialect {
    /// The name used on the command line: `ivr`, `connect`, `aliyun`, `aliyun2017`.
    pub fn as_str(self) -> &'static str {
        match self {
            Dialect::Native => "ivr",
            Dialect::Provider(p) => p.as_str(),
        }
    }

    /// Parses a command-line name.
    pub fn parse(s: &str) -> Option<Dialect> {
        match s {
            "ivr" | "native" => Some(Dialect::Native),
            other => Provider::parse(other).map(Dialect::Provider),
        }
    }
}

/// Tells which dialect a parsed document is in.
pub fn detect(value: &Value) -> Option<Dialect> {
    if ccc::v2017::detect(value) {
        return Some(Dialect::Provider(Provider::Aliyun2017));
    }
    if ccc::v2020::detect(value) {
        return Some(Dialect::Provider(Provider::Aliyun));
    }
    if connect::detect(value) {
        return Some(Dialect::Provider(Provider::Connect));
    }
    let Value::Object(map) = value else {
        return None;
    };
    if map.get("format").and_then(Value::as_str) == Some(file::FORMAT) {
        return Some(Dialect::Native);
    }
    None
}

/// Reads bytes in any dialect, telling which it was; a provider's flow comes
/// with its blocks [spread](crate::spread) to the canvas's cards.
pub fn decode(bytes: &[u8]) -> Result<(Dialect, Flow), DecodeError> {
    decode_with(bytes, true)
}

/// [`decode`] for a check that never shows or writes the flow (`ivr
/// validate`): the largest flows there are, bare CCC Definitions, keep their
/// positions as given, skipping the spread (a tenth of the read on 10,000
/// blocks).
pub fn decode_to_check(bytes: &[u8]) -> Result<(Dialect, Flow), DecodeError> {
    decode_with(bytes, false)
}

fn decode_with(bytes: &[u8], lay_out: bool) -> Result<(Dialect, Flow), DecodeError> {
    if bytes.len() > file::MAX_FILE_BYTES {
        return Err(FlowFileError::TooLarge {
            bytes: bytes.len(),
            limit: file::MAX_FILE_BYTES,
        }
        .into());
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(FlowFileError::Empty.into());
    }
    // A bare CCC Definition, the largest flows there are, is read without
    // parsing it whole first.
    if let Some(flow) = ccc::v2020::decode_streamed_with(bytes, lay_out) {
        return Ok((Dialect::Provider(Provider::Aliyun), flow?));
    }
    let value = file::parse_json(bytes)?;
    match detect(&value) {
        Some(Dialect::Native) => Ok((Dialect::Native, file::from_bytes(bytes)?)),
        Some(d @ Dialect::Provider(Provider::Aliyun)) => Ok((d, ccc::v2020::decode_owned_with(value, lay_out)?)),
        Some(d @ Dialect::Provider(Provider::Aliyun2017)) => Ok((d, ccc::v2017::decode(&value)?)),
        Some(d @ Dialect::Provider(Provider::Connect)) => Ok((d, connect::decode(&value)?)),
        Some(Dialect::Provider(p)) => Err(DecodeError::Unrecognised(format!(
            "this is a {p} flow, which this build cannot read yet"
        ))),
        None => Err(DecodeError::Unrecognised(
            "not a flow this build can read: expected an IVR Studio flow file (\"format\": \"ivr-studio/flow\")"
                .into(),
        )),
    }
}

/// Writes a flow in a dialect, as the bytes a file or an API body holds.
pub fn encode(flow: &Flow, to: Dialect) -> Result<Vec<u8>, EncodeError> {
    match to {
        Dialect::Native => Ok(file::to_bytes(flow)),
        Dialect::Provider(Provider::Aliyun) => ccc::v2020::encode_bytes(flow),
        Dialect::Provider(Provider::Aliyun2017) => ccc::v2017::encode_bytes(flow),
        Dialect::Provider(Provider::Connect) => connect::encode_bytes(flow),
        Dialect::Provider(p) => Err(EncodeError::Other(format!(
            "writing {p} flows is not built yet"
        ))),
    }
}
