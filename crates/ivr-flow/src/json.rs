//! What kind of JSON value a value is, said the way messages say it: "an
//! object", "a string", "null". Shared by the file format and the dialects.

use serde_json::Value;

/// What kind of JSON value `v` is, with its article, for error messages:
/// "an object", "a string", "null"...
pub fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
