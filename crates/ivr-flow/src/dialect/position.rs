//! Positions as the providers write them, every dialect alike: `{"x": n,
//! "y": n}` and nothing else, a whole number without a fraction (as the
//! consoles write it), any other as a float.

use serde_json::{Map, Value};

use crate::model::Position;

/// `{"x": n, "y": n}` and nothing else; `None` for any other value.
pub(crate) fn read(v: &Value) -> Option<Position> {
    let m = v.as_object()?;
    if m.len() != 2 {
        return None;
    }
    Some(Position {
        x: m.get("x")?.as_f64()?,
        y: m.get("y")?.as_f64()?,
    })
}

/// A position as [`read`] reads it.
pub(crate) fn write(p: Position) -> Value {
    let mut m = Map::new();
    m.insert("x".into(), number(p.x));
    m.insert("y".into(), number(p.y));
    Value::Object(m)
}

/// A whole number as an integer (as the consoles write it), else a float.
pub(crate) fn number(x: f64) -> Value {
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        Value::from(x as i64)
    } else {
        serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
    }
}
