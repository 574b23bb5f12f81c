//! Reading the fields of a provider's JSON document, every dialect alike: a
//! value of the wrong kind is a [`DecodeError`] at its JSON path that says
//! what was expected and what was found ("`$.activities[2].type`: must be a
//! string, not null"). Paths are built only for an error, since most
//! documents have none.

use serde_json::{Map, Value};

use crate::dialect::error::DecodeError;
use crate::json::kind_of;

/// `<what> must be <expected>, not <what found is>` at `path`; with `what`
/// empty the message starts at "must be".
pub(crate) fn must_be(
    path: impl Into<String>,
    what: &str,
    expected: &str,
    found: &Value,
) -> DecodeError {
    let found = kind_of(found);
    let message = if what.is_empty() {
        format!("must be {expected}, not {found}")
    } else {
        format!("{what} must be {expected}, not {found}")
    };
    DecodeError::invalid(path, message)
}

/// `expected <expected>, not <what found is>` at `path`: a document that is
/// not the shape the dialect reads at all.
pub(crate) fn expected(path: impl Into<String>, expected: &str, found: &Value) -> DecodeError {
    DecodeError::invalid(path, format!("expected {expected}, not {}", kind_of(found)))
}

/// `v` as an object; else "`<what>` must be an object, not ..." at `path`.
pub(crate) fn object<'v>(
    v: &'v Value,
    what: &str,
    path: impl FnOnce() -> String,
) -> Result<&'v Map<String, Value>, DecodeError> {
    v.as_object()
        .ok_or_else(|| must_be(path(), what, "an object", v))
}

/// `map[key]` as a string, `None` when it is absent; else "must be a string,
/// not ..." at `<at>.<key>`.
pub(crate) fn string<'v>(
    map: &'v Map<String, Value>,
    key: &str,
    at: impl FnOnce() -> String,
) -> Result<Option<&'v str>, DecodeError> {
    field(map, key, at, "a string", Value::as_str)
}

/// `map[key]` as an array, `None` when it is absent; else "must be an array,
/// not ..." at `<at>.<key>`.
pub(crate) fn array<'v>(
    map: &'v Map<String, Value>,
    key: &str,
    at: impl FnOnce() -> String,
) -> Result<Option<&'v [Value]>, DecodeError> {
    field(map, key, at, "an array", |v| {
        v.as_array().map(Vec::as_slice)
    })
}

/// `map[key]` as an object, `None` when it is absent; else "must be an
/// object, not ..." at `<at>.<key>`.
pub(crate) fn object_field<'v>(
    map: &'v Map<String, Value>,
    key: &str,
    at: impl FnOnce() -> String,
) -> Result<Option<&'v Map<String, Value>>, DecodeError> {
    field(map, key, at, "an object", Value::as_object)
}

fn field<'v, T: ?Sized>(
    map: &'v Map<String, Value>,
    key: &str,
    at: impl FnOnce() -> String,
    expected: &str,
    read: impl FnOnce(&'v Value) -> Option<&'v T>,
) -> Result<Option<&'v T>, DecodeError> {
    match map.get(key) {
        None => Ok(None),
        Some(v) => match read(v) {
            Some(t) => Ok(Some(t)),
            None => Err(must_be(format!("{}.{key}", at()), "", expected, v)),
        },
    }
}
