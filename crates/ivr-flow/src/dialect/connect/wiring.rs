//! Wiring a decoded block: each of its exits takes the transitions that make
//! it out of the action (and a pair's second action); what no exit takes is
//! kept raw, in Transitions' own shape.

use serde_json::Value;

use super::blocks::{self, Spec};
use super::kept::Kept;
use super::raw::{Action, Entry, Key, Obj};
use crate::model::Node;

/// Takes each exit's transitions out of the actions' entries; what no exit
/// takes is kept raw.
pub(super) fn wire(
    spec: &Spec,
    a: &Action,
    second: Option<&mut (&Action, Kept)>,
    node: &Node,
    kept: &mut Kept,
    wired_cases: Option<&[String]>,
) -> Option<Vec<(String, String, Obj)>> {
    let paired = second.is_some();
    let mut pools: [Vec<Option<Entry>>; 2] = [
        a.entries.iter().cloned().map(Some).collect(),
        second
            .as_ref()
            .map(|s| s.0.entries.iter().cloned().map(Some).collect())
            .unwrap_or_default(),
    ];
    let mut absent: [Vec<String>; 2] = [Vec::new(), Vec::new()];
    let mut exits = Vec::new();
    let listed = |port: &str| match (wired_cases, port.strip_prefix("case:")) {
        (Some(ids), Some(id)) => ids.iter().any(|i| i == id),
        _ => true,
    };
    for pm in blocks::ports(node, paired)
        .into_iter()
        .filter(|p| listed(&p.port))
    {
        if let Some((target, extra)) = take_port(&pm.keys, &mut pools, &mut absent) {
            exits.push((pm.port, target, extra));
        }
    }
    if let Some(p) = spec.mirror {
        let target = exits.iter().find(|e| e.0 == p).map(|e| e.1.clone());
        mirror(target, &mut pools[0], &mut absent[0]);
    }
    if let Some((b, _)) = second.as_deref() {
        let link = pools[0].iter_mut().find(|e| {
            e.as_ref()
                .is_some_and(|e| e.key == Key::Next && e.target == b.id)
        })?;
        *link = None;
    }
    let [p0, p1] = pools;
    let [a0, a1] = absent;
    kept.transitions = leftover(&a.raw_transitions, p0);
    kept.absent.extend(a0);
    if let Some((b, k)) = second {
        k.transitions = leftover(&b.raw_transitions, p1);
        k.absent.extend(a1);
    }
    Some(exits)
}

/// The target of one exit, consuming the entries that make it.
pub(super) fn take_port(
    keys: &[(usize, Key)],
    pools: &mut [Vec<Option<Entry>>; 2],
    absent: &mut [Vec<String>; 2],
) -> Option<(String, Obj)> {
    let mut found: Option<(String, Obj)> = None;
    let mut missing: Vec<(usize, &Key)> = Vec::new();
    for (slot, key) in keys {
        let pool = pools.get_mut(*slot)?;
        let hit = pool.iter_mut().find(|e| {
            e.as_ref().is_some_and(|e| {
                e.key == *key
                    && found
                        .as_ref()
                        .is_none_or(|(t, _)| *t == e.target && e.extra.is_empty())
            })
        });
        match hit.and_then(Option::take) {
            Some(e) if found.is_none() => found = Some((e.target, e.extra)),
            Some(_) => {}
            None => missing.push((*slot, key)),
        }
    }
    if found.is_some() {
        for (slot, key) in missing {
            if let Some(list) = absent.get_mut(slot) {
                list.push(key.absent_name());
            }
        }
    }
    found
}

/// Consumes the NextAction Connect repeats from the mirrored exit.
pub(super) fn mirror(target: Option<String>, pool: &mut [Option<Entry>], absent: &mut Vec<String>) {
    let next = pool
        .iter_mut()
        .find(|e| e.as_ref().is_some_and(|e| e.key == Key::Next));
    match (next, target) {
        (Some(slot), Some(t))
            if slot
                .as_ref()
                .is_some_and(|e| e.target == t && e.extra.is_empty()) =>
        {
            *slot = None;
        }
        (None, Some(_)) => absent.push(Key::Next.absent_name()),
        _ => {}
    }
}

/// Raw transitions plus the entries no exit took, in Transitions' shape.
pub(super) fn leftover(raw: &Obj, pool: Vec<Option<Entry>>) -> Obj {
    let mut out = raw.clone();
    for e in pool.into_iter().flatten() {
        let list = match &e.key {
            Key::Next => {
                out.insert("NextAction".into(), Value::String(e.target));
                continue;
            }
            Key::Error(_) => "Errors",
            Key::Cond(..) => "Conditions",
        };
        let slot = out
            .entry(list.to_owned())
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(items) = slot {
            items.push(e.to_json());
        }
    }
    out
}
