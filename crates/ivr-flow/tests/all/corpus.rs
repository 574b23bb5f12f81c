//! Real flows written by others (`tests/corpus/`, listed with their
//! provenance in `tests/corpus/provenance.json`): every file converts to IVR
//! Studio and back to the same JSON value, the order of every array kept, and
//! validates with no error against its provider, since each runs in
//! production. The counts this run finds are checked against
//! `docs/corpus.md`; `IVR_UPDATE_CORPUS_DOC=1` rewrites them.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use ivr_flow::dialect::{self, Dialect, aliyun, connect};
use ivr_flow::{Provider, Severity, validate_for};
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus")
}

struct Entry {
    file: String,
    repo: String,
    shape: String,
    kind: String,
}

fn entries() -> Vec<Entry> {
    let text = std::fs::read_to_string(root().join("provenance.json")).unwrap();
    let rows: Vec<Value> = serde_json::from_str(&text).unwrap();
    rows.iter()
        .map(|r| Entry {
            file: r["file"].as_str().unwrap().to_owned(),
            repo: r["repo"].as_str().unwrap().to_owned(),
            shape: r["shape"].as_str().unwrap().to_owned(),
            kind: r["type"].as_str().unwrap_or("").to_owned(),
        })
        .collect()
}

/// The provider document inside a file: Connect's Content (from a
/// DescribeContactFlow response or a create body, whose Content is a JSON
/// string) or CCC's Definition.
fn document(v: &Value) -> Value {
    let inner = v.get("ContactFlow").unwrap_or(v);
    for key in ["Content", "Definition"] {
        if let Some(Value::String(s)) = inner.get(key) {
            return serde_json::from_str(s).unwrap();
        }
    }
    v.clone()
}

/// The first place two JSON values differ (arrays in order, numbers as
/// written), or `None` when they are the same value.
fn difference(got: &Value, want: &Value, at: &str) -> Option<String> {
    match (got, want) {
        (Value::Object(g), Value::Object(w)) => {
            for (k, wv) in w {
                match g.get(k) {
                    None => return Some(format!("{at}.{k}: missing")),
                    Some(gv) => {
                        if let Some(d) = difference(gv, wv, &format!("{at}.{k}")) {
                            return Some(d);
                        }
                    }
                }
            }
            g.keys()
                .find(|k| !w.contains_key(*k))
                .map(|k| format!("{at}.{k}: added"))
        }
        (Value::Array(g), Value::Array(w)) => {
            if g.len() != w.len() {
                return Some(format!("{at}: {} items, want {}", g.len(), w.len()));
            }
            g.iter()
                .zip(w)
                .enumerate()
                .find_map(|(i, (a, b))| difference(a, b, &format!("{at}[{i}]")))
        }
        _ if got == want => None,
        _ => Some(format!("{at}: got {got}, want {want}")),
    }
}

fn short(v: &str) -> String {
    v.chars().take(300).collect()
}

#[test]
fn every_corpus_flow_round_trips_to_the_same_json_and_validates_clean() {
    let entries = entries();
    assert!(!entries.is_empty(), "the corpus is empty");
    let mut failures = Vec::new();
    let mut repos: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut shapes: BTreeMap<&str, usize> = BTreeMap::new();
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    let mut action_types: BTreeMap<String, usize> = BTreeMap::new();
    let mut blocks: BTreeMap<String, usize> = BTreeMap::new();
    for e in &entries {
        let bytes = std::fs::read(root().join(&e.file)).unwrap();
        let provider = if e.file.starts_with("connect/") {
            Provider::Connect
        } else {
            Provider::Aliyun
        };
        repos.entry(provider.as_str()).or_default().insert(&e.repo);
        *shapes.entry(&e.shape).or_default() += 1;
        *kinds.entry(&e.kind).or_default() += 1;
        let (found, flow) = match dialect::decode(&bytes) {
            Ok(x) => x,
            Err(err) => {
                failures.push(format!("{}: does not decode: {err}", e.file));
                continue;
            }
        };
        if found != Dialect::Provider(provider) {
            failures.push(format!("{}: read as {}", e.file, found.as_str()));
            continue;
        }
        let original = document(&serde_json::from_slice(&bytes).unwrap());
        if provider == Provider::Connect {
            for a in original["Actions"].as_array().into_iter().flatten() {
                *action_types
                    .entry(a["Type"].as_str().unwrap_or("?").to_owned())
                    .or_default() += 1;
            }
        }
        for n in &flow.nodes {
            let name = match n.params.get("type").and_then(Value::as_str) {
                Some(t) if n.block == "provider" => format!("provider:{t}"),
                _ => n.block.clone(),
            };
            *blocks.entry(name).or_default() += 1;
        }
        let written = match provider {
            Provider::Connect => connect::encode(&flow),
            _ => aliyun::encode(&flow),
        };
        match written {
            Ok(w) => {
                if let Some(d) = difference(&w, &original, "$") {
                    failures.push(format!("{}: round trip differs at {}", e.file, short(&d)));
                }
            }
            Err(err) => failures.push(format!("{}: does not encode: {err}", e.file)),
        }
        for (a, b) in ivr_flow::spread::overlapping(&flow) {
            failures.push(format!("{}: the cards of {a} and {b} overlap", e.file));
        }
        designer_words(&e.file, &flow, provider, &mut failures);
        for p in validate_for(&flow, Some(provider)) {
            let place = p.place.as_ref().map(|t| [&t.en, &t.zh]);
            for text in [&p.message.en, &p.message.zh]
                .into_iter()
                .chain(place.into_iter().flatten())
            {
                if let Some(internal) = internal_id(text) {
                    failures.push(format!(
                        "{}: a {} message names {internal:?}: {text}",
                        e.file, p.code
                    ));
                }
            }
            if p.severity == Severity::Error {
                failures.push(format!(
                    "{}: {} at {:?}/{:?}/{:?}: {}",
                    e.file, p.code, p.node, p.port, p.field, p.message.en
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} corpus files fail:\n{}",
        failures
            .iter()
            .map(|f| f.split(':').next().unwrap_or(""))
            .collect::<BTreeSet<_>>()
            .len(),
        entries.len(),
        failures.join("\n")
    );
    check_doc(&entries, &repos, &shapes, &kinds, &action_types, &blocks);
}

/// Every provider block has its provider designer's name for its type, and
/// every exit of it a name in the catalog's words, in both languages.
fn designer_words(file: &str, flow: &ivr_flow::Flow, provider: Provider, out: &mut Vec<String>) {
    let cat = ivr_flow::catalog();
    for n in flow.nodes.iter().filter(|n| n.block == "provider") {
        let ty = n.params.get("type").and_then(Value::as_str).unwrap_or("");
        if cat.provider_action(provider.as_str(), ty).is_none() {
            out.push(format!("{file}: {ty} has no designer name"));
        }
        let exits = n.params.get("exits").and_then(Value::as_array);
        for exit in exits.into_iter().flatten().filter_map(Value::as_str) {
            let label = cat.exit_label(provider.as_str(), exit);
            if label.en == exit || label.zh == exit || label.en.is_empty() {
                out.push(format!(
                    "{file}: exit {exit:?} of {ty} has no designer name"
                ));
            }
        }
    }
}

/// An internal id in a message: a UUID, or an exit's key (`error:X`,
/// `key:1`, `case:a`, `Equals:1`).
fn internal_id(text: &str) -> Option<String> {
    let words = text.split(|c: char| c.is_whitespace() || "\"“”()（）,.;。，".contains(c));
    for w in words {
        let hex_dash = w.len() >= 32 && w.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
        if hex_dash && w.matches('-').count() == 4 {
            return Some(w.to_owned());
        }
        for key in [
            "error:",
            "key:",
            "case:",
            "Equals:",
            "NumberGreaterThan:",
            "NumberLessThan:",
        ] {
            if w.starts_with(key) {
                return Some(w.to_owned());
            }
        }
    }
    None
}

/// The corpus's counts, as `docs/corpus.md` states them.
fn check_doc(
    entries: &[Entry],
    repos: &BTreeMap<&str, BTreeSet<&str>>,
    shapes: &BTreeMap<&str, usize>,
    kinds: &BTreeMap<&str, usize>,
    action_types: &BTreeMap<String, usize>,
    blocks: &BTreeMap<String, usize>,
) {
    let mut s = String::new();
    let count = |p: &str| entries.iter().filter(|e| e.file.starts_with(p)).count();
    let nrepos = |p: &str| repos.get(p).map_or(0, BTreeSet::len);
    writeln!(
        s,
        "<!-- counts: written by crates/ivr-flow/tests/all/corpus.rs -->"
    )
    .unwrap();
    writeln!(s, "| provider | files | repositories |\n|---|---:|---:|").unwrap();
    writeln!(
        s,
        "| Amazon Connect | {} | {} |",
        count("connect/"),
        nrepos("connect")
    )
    .unwrap();
    writeln!(
        s,
        "| Alibaba Cloud CCC 2020 | {} | {} |\n",
        count("aliyun/"),
        nrepos("aliyun")
    )
    .unwrap();
    writeln!(s, "| shape | files |\n|---|---:|").unwrap();
    for (k, v) in shapes {
        writeln!(s, "| {k} | {v} |").unwrap();
    }
    writeln!(s, "\n| flow type | files |\n|---|---:|").unwrap();
    for (k, v) in kinds {
        writeln!(s, "| {} | {v} |", if k.is_empty() { "?" } else { k }).unwrap();
    }
    writeln!(
        s,
        "\n{} Connect action types, {} actions:\n\n| action type | actions |\n|---|---:|",
        action_types.len(),
        action_types.values().sum::<usize>()
    )
    .unwrap();
    for (k, v) in action_types {
        writeln!(s, "| {k} | {v} |").unwrap();
    }
    writeln!(
        s,
        "\nAs IVR Studio reads them ({} kinds of block):\n\n| block | blocks |\n|---|---:|",
        blocks.len()
    )
    .unwrap();
    for (k, v) in blocks {
        writeln!(s, "| {k} | {v} |").unwrap();
    }
    writeln!(s, "<!-- end of counts -->").unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/corpus.md");
    let doc = std::fs::read_to_string(&path).unwrap_or_default();
    let (start, end) = ("<!-- counts:", "<!-- end of counts -->\n");
    let current = doc
        .find(start)
        .and_then(|a| doc[a..].find(end).map(|b| &doc[a..a + b + end.len()]));
    if current == Some(s.as_str()) {
        return;
    }
    if std::env::var_os("IVR_UPDATE_CORPUS_DOC").is_some() {
        let updated = match current {
            Some(old) => doc.replace(old, &s),
            None => format!("{doc}\n{s}"),
        };
        std::fs::write(&path, updated).unwrap();
        return;
    }
    panic!(
        "docs/corpus.md does not state this corpus's counts; run \
         `IVR_UPDATE_CORPUS_DOC=1 cargo test -p ivr-flow --test all corpus` and commit it. Expected:\n{s}"
    );
}
