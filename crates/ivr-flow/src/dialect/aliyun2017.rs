//! Alibaba Cloud CCC, API 2017-07-05: Content + Canvas (work in progress).

use serde_json::Value;

use crate::dialect::{DecodeError, EncodeError};
use crate::model::Flow;

/// Whether `value` is a CCC 2017 Content + Canvas document.
pub fn detect(_value: &Value) -> bool {
    false
}

/// Reads a CCC 2017 document.
pub fn decode(_value: &Value) -> Result<Flow, DecodeError> {
    Err(DecodeError::Unrecognised(
        "CCC 2017 is not built yet".into(),
    ))
}

/// Writes `{"Content": [...], "Canvas": {...}}`.
pub fn encode(_flow: &Flow) -> Result<Value, EncodeError> {
    Err(EncodeError::Other("CCC 2017 is not built yet".into()))
}

/// [`encode`], as pretty JSON bytes.
pub fn encode_bytes(flow: &Flow) -> Result<Vec<u8>, EncodeError> {
    super::aliyun::json_bytes(&encode(flow)?)
}
