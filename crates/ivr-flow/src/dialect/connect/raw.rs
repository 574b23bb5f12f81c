//! Actions and transitions as Content spells them, parsed just enough to map
//! them: each transition becomes an [`Entry`] keyed by what it reacts to, and
//! anything that does not parse cleanly is kept as it was.

use serde_json::{Map, Value};

use crate::dialect::error::DecodeError;
use crate::dialect::fields;

/// The Flow language version this dialect reads and writes.
pub const VERSION: &str = "2019-10-30";

pub(super) type Obj = Map<String, Value>;

/// What a transition reacts to.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Key {
    /// `NextAction`.
    Next,
    /// An `Errors` entry with this `ErrorType`.
    Error(String),
    /// A `Conditions` entry with this operator and operands.
    Cond(String, Vec<Value>),
}

impl Key {
    /// A condition with one string operand.
    pub fn cond(op: &str, operand: &str) -> Key {
        Key::Cond(op.to_owned(), vec![Value::String(operand.to_owned())])
    }

    pub fn error(ty: &str) -> Key {
        Key::Error(ty.to_owned())
    }

    /// The name used in `connect.absent` lists.
    pub fn absent_name(&self) -> String {
        match self {
            Key::Next => "NextAction".into(),
            Key::Error(t) => format!("Errors:{t}"),
            Key::Cond(op, operands) => format!("Conditions:{op}:{}", Value::from(operands.clone())),
        }
    }
}

/// One parsed transition.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Entry {
    pub key: Key,
    pub target: String,
    /// Keys of the entry besides NextAction / ErrorType / Condition.
    pub extra: Obj,
}

impl Entry {
    /// The transition as Content spells it.
    pub fn to_json(&self) -> Value {
        let mut m = Obj::new();
        m.insert("NextAction".into(), Value::String(self.target.clone()));
        match &self.key {
            Key::Next => {}
            Key::Error(t) => {
                m.insert("ErrorType".into(), Value::String(t.clone()));
            }
            Key::Cond(op, operands) => {
                let mut c = Obj::new();
                c.insert("Operator".into(), Value::String(op.clone()));
                c.insert("Operands".into(), Value::Array(operands.clone()));
                m.insert("Condition".into(), Value::Object(c));
            }
        }
        for (k, v) in &self.extra {
            m.entry(k.clone()).or_insert_with(|| v.clone());
        }
        Value::Object(m)
    }
}

/// An action of the Content, split into the parts the mapping reads.
#[derive(Clone, Debug)]
pub(super) struct Action {
    pub index: usize,
    pub id: String,
    pub ty: String,
    pub params: Obj,
    pub entries: Vec<Entry>,
    /// Transitions that did not parse into entries, in Transitions' shape;
    /// an empty `Errors` / `Conditions` list is kept here too.
    pub raw_transitions: Obj,
    /// Keys of the action besides Identifier / Type / Parameters / Transitions.
    pub rest: Obj,
    /// `Parameters` / `Transitions` when the action left them out (with
    /// `:null` when it gave them as null).
    pub absent: Vec<String>,
    /// The action as it was, for the self-check.
    pub original: Value,
}

/// `$.Actions[i]`.
pub(super) fn action_path(i: usize) -> String {
    format!("$.Actions[{i}]")
}

/// Parses `$.Actions[i]`.
pub(super) fn parse_action(i: usize, v: &Value) -> Result<Action, DecodeError> {
    let path = action_path(i);
    let Value::Object(map) = v else {
        return Err(DecodeError::invalid(
            path,
            "an action must be a JSON object",
        ));
    };
    let id = required_str(map, "Identifier", &path)?;
    let ty = required_str(map, "Type", &path)?;
    let mut absent = Vec::new();
    let params = match map.get("Parameters") {
        Some(Value::Object(p)) => p.clone(),
        // Read as absent, written back as null.
        Some(Value::Null) => {
            absent.push("Parameters:null".to_owned());
            Obj::new()
        }
        Some(_) => {
            return Err(DecodeError::invalid(
                format!("{path}.Parameters"),
                "Parameters must be an object",
            ));
        }
        None => {
            absent.push("Parameters".to_owned());
            Obj::new()
        }
    };
    let (entries, raw_transitions) = match map.get("Transitions") {
        Some(Value::Null) => {
            absent.push("Transitions:null".to_owned());
            (Vec::new(), Obj::new())
        }
        Some(t) => parse_transitions(t, &format!("{path}.Transitions"))?,
        None => {
            absent.push("Transitions".to_owned());
            (Vec::new(), Obj::new())
        }
    };
    let rest = map
        .iter()
        .filter(|(k, _)| {
            !matches!(
                k.as_str(),
                "Identifier" | "Type" | "Parameters" | "Transitions"
            )
        })
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    Ok(Action {
        index: i,
        id,
        ty,
        params,
        entries,
        raw_transitions,
        rest,
        absent,
        original: v.clone(),
    })
}

fn required_str(map: &Obj, key: &str, path: &str) -> Result<String, DecodeError> {
    match map.get(key) {
        Some(Value::String(s)) if !s.is_empty() => Ok(s.clone()),
        Some(Value::String(_)) => Err(DecodeError::invalid(
            format!("{path}.{key}"),
            format!("{key} must not be empty"),
        )),
        Some(other) => Err(fields::must_be(
            format!("{path}.{key}"),
            key,
            "a string",
            other,
        )),
        None => Err(DecodeError::invalid(
            path,
            format!("the action has no {key}"),
        )),
    }
}

/// Parses a Transitions object into entries and what stays raw.
fn parse_transitions(t: &Value, path: &str) -> Result<(Vec<Entry>, Obj), DecodeError> {
    let Value::Object(map) = t else {
        return Err(DecodeError::invalid(path, "Transitions must be an object"));
    };
    let mut entries = Vec::new();
    let mut raw = Obj::new();
    for (k, v) in map {
        match k.as_str() {
            "NextAction" => entries.push(Entry {
                key: Key::Next,
                target: target_str(v, &format!("{path}.NextAction"))?,
                extra: Obj::new(),
            }),
            // A null list is an absent one, written back as null.
            "Errors" | "Conditions" if v.is_null() => {
                raw.insert(k.clone(), Value::Null);
            }
            "Errors" | "Conditions" => {
                let list = parse_list(k, v, &format!("{path}.{k}"), &mut entries)?;
                if !list.is_empty() || v.as_array().is_some_and(Vec::is_empty) {
                    raw.insert(k.clone(), Value::Array(list));
                }
            }
            _ => {
                raw.insert(k.clone(), v.clone());
            }
        }
    }
    Ok((entries, raw))
}

/// Parses an Errors or Conditions list; returns the entries that stay raw.
fn parse_list(
    which: &str,
    v: &Value,
    path: &str,
    entries: &mut Vec<Entry>,
) -> Result<Vec<Value>, DecodeError> {
    let Value::Array(items) = v else {
        return Err(DecodeError::invalid(
            path,
            format!("{which} must be a list"),
        ));
    };
    let mut raw = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let at = format!("{path}[{i}]");
        match parse_entry(which, item, &at)? {
            Some(e) => entries.push(e),
            None => raw.push(item.clone()),
        }
    }
    Ok(raw)
}

fn parse_entry(which: &str, item: &Value, at: &str) -> Result<Option<Entry>, DecodeError> {
    let Value::Object(m) = item else {
        return Err(DecodeError::invalid(at, "a transition must be an object"));
    };
    let target = match m.get("NextAction") {
        Some(v) => target_str(v, &format!("{at}.NextAction"))?,
        None => return Err(DecodeError::invalid(at, "the transition has no NextAction")),
    };
    let key = if which == "Errors" {
        match m.get("ErrorType") {
            Some(Value::String(t)) => Key::Error(t.clone()),
            _ => {
                return Err(DecodeError::invalid(
                    format!("{at}.ErrorType"),
                    "an error transition needs an ErrorType string",
                ));
            }
        }
    } else {
        match parse_condition(m.get("Condition"), &format!("{at}.Condition"))? {
            Some(k) => k,
            None => return Ok(None),
        }
    };
    let extra = m
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "NextAction" | "ErrorType" | "Condition"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    Ok(Some(Entry { key, target, extra }))
}

/// A condition `{Operator, Operands}`; `None` when it carries other keys.
fn parse_condition(c: Option<&Value>, at: &str) -> Result<Option<Key>, DecodeError> {
    let Some(Value::Object(c)) = c else {
        return Err(DecodeError::invalid(
            at,
            "a condition transition needs a Condition object",
        ));
    };
    let op = match c.get("Operator") {
        Some(Value::String(op)) => op.clone(),
        _ => {
            return Err(DecodeError::invalid(
                format!("{at}.Operator"),
                "the condition needs an Operator string",
            ));
        }
    };
    let operands = match c.get("Operands") {
        Some(Value::Array(a)) => a.clone(),
        _ => {
            return Err(DecodeError::invalid(
                format!("{at}.Operands"),
                "the condition needs an Operands list",
            ));
        }
    };
    if c.len() != 2 {
        return Ok(None);
    }
    Ok(Some(Key::Cond(op, operands)))
}

fn target_str(v: &Value, at: &str) -> Result<String, DecodeError> {
    match v {
        Value::String(s) => Ok(s.clone()),
        other => Err(fields::must_be(
            at,
            "NextAction",
            "an action Identifier string",
            other,
        )),
    }
}

/// Every `NextAction` string anywhere in `v` (raw transitions).
pub(super) fn targets_in(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                match (k.as_str(), x) {
                    ("NextAction", Value::String(s)) => out.push(s.clone()),
                    _ => targets_in(x, out),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| targets_in(x, out)),
        _ => {}
    }
}

/// A JSON value with numbers compared by value (every array keeps its
/// order). Used to check that an action re-encodes to what was read.
pub(super) fn canonical(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            Value::Object(m.iter().map(|(k, x)| (k.clone(), canonical(x))).collect())
        }
        Value::Array(a) => Value::Array(a.iter().map(canonical).collect()),
        Value::Number(n) => match n.as_f64() {
            Some(f) => serde_json::Number::from_f64(f).map_or(v.clone(), Value::Number),
            None => v.clone(),
        },
        other => other.clone(),
    }
}

/// The strings of a JSON array, other items left out; none when `v` is not
/// an array.
pub(super) fn strings_in(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}
