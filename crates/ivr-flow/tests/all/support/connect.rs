//! Helpers shared by the Connect dialect tests: fixtures and a JSON comparison
//! that normalises only what Connect treats as order-free.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use ivr_flow::model::Flow;
use serde_json::{Map, Value};

/// A fixture from `tests/fixtures/connect/`.
pub fn fixture(name: &str) -> Value {
    let path = format!(
        "{}/tests/fixtures/connect/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Content with what is order-free made canonical: Actions sorted by
/// Identifier, Errors sorted, Equals conditions on distinct values sorted (at
/// most one can match, so their order means nothing), numbers by value.
pub fn normalise(v: &Value) -> Value {
    norm(v, "")
}

fn norm(v: &Value, key: &str) -> Value {
    match v {
        Value::Object(m) => {
            let out: Map<String, Value> = m.iter().map(|(k, x)| (k.clone(), norm(x, k))).collect();
            Value::Object(out)
        }
        Value::Array(a) => {
            let mut items: Vec<Value> = a.iter().map(|x| norm(x, "")).collect();
            let sortable = match key {
                "Actions" | "Errors" => true,
                "Conditions" => distinct_equals(&items),
                _ => false,
            };
            if sortable {
                items.sort_by_key(|x| match key {
                    "Actions" => x["Identifier"].to_string(),
                    _ => x.to_string(),
                });
            }
            Value::Array(items)
        }
        Value::Number(n) => n
            .as_f64()
            .and_then(serde_json::Number::from_f64)
            .map_or(v.clone(), Value::Number),
        other => other.clone(),
    }
}

fn distinct_equals(items: &[Value]) -> bool {
    let mut seen = std::collections::BTreeSet::new();
    items.iter().all(|c| {
        c["Condition"]["Operator"] == "Equals"
            && seen.insert(c["Condition"]["Operands"].to_string())
    })
}

/// Asserts two Content objects are semantically equal, showing the first
/// difference.
pub fn assert_same(got: &Value, want: &Value) {
    let (g, w) = (normalise(got), normalise(want));
    if g != w {
        let path = first_difference(&g, &w, "$".into());
        panic!(
            "Content differs at {path}\n--- got\n{}\n--- want\n{}",
            serde_json::to_string_pretty(got).unwrap_or_default(),
            serde_json::to_string_pretty(want).unwrap_or_default()
        );
    }
}

fn first_difference(a: &Value, b: &Value, at: String) -> String {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for k in x.keys().chain(y.keys()) {
                match (x.get(k), y.get(k)) {
                    (Some(p), Some(q)) if p == q => {}
                    (Some(p), Some(q)) => return first_difference(p, q, format!("{at}.{k}")),
                    (p, q) => return format!("{at}.{k}: {p:?} vs {q:?}"),
                }
            }
            at
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find(|(_, (p, q))| p != q)
            .map_or(at.clone(), |(i, (p, q))| {
                first_difference(p, q, format!("{at}[{i}]"))
            }),
        _ => format!("{at}: {a} vs {b}"),
    }
}

/// The flow in the provider's positions (as [`ivr_flow::spread::restore`]
/// gives it), edge ids cleared and edges sorted, for comparing flows up to
/// the ids the provider assigns.
pub fn up_to_edge_ids(f: &Flow) -> Flow {
    let mut f = ivr_flow::spread::restore(f).into_owned();
    for e in &mut f.edges {
        e.id.clear();
    }
    f.edges.sort_by(|a, b| {
        (&a.from.node, &a.from.port, &a.to).cmp(&(&b.from.node, &b.from.port, &b.to))
    });
    f
}
