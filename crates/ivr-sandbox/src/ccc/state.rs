//! What the sandbox's CCC holds, in `ccc.json`: its instances, each with its
//! 2020 flows (and their open drafts) and its 2017 flows (and their
//! versions); and ids and times as the API writes them.

use std::collections::BTreeMap;
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use crate::acs::splitmix;

/// Everything the sandbox's CCC holds.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct CccState {
    /// Change counter: orders flows by update and seeds ids.
    pub seq: u64,
    pub instances: BTreeMap<String, Instance>,
}

/// One call-centre instance.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Instance {
    pub flows: Vec<Flow2020>,
    #[serde(default)]
    pub flows2017: Vec<Flow2017>,
}

/// A 2020 contact flow.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Flow2020 {
    pub id: String,
    pub name: String,
    pub r#type: String,
    pub description: String,
    /// The published (or, before a publish, the created) Definition.
    pub definition: String,
    pub published: bool,
    pub draft: Option<Draft>,
    pub created: String,
    pub updated: String,
    pub seq: u64,
}

/// An open draft of a 2020 flow.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Draft {
    pub id: String,
    pub editor: String,
    pub definition: String,
    pub description: String,
}

/// A 2017 contact flow with its versions.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Flow2017 {
    pub id: String,
    pub name: String,
    pub r#type: String,
    pub description: String,
    pub versions: Vec<Version2017>,
    /// The published version's number; empty before the first publish.
    #[serde(default)]
    pub applied: String,
}

/// A 2017 contact-flow version.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Version2017 {
    pub id: String,
    pub version: String,
    pub status: String,
    pub content: String,
    pub canvas: String,
    pub modified: String,
    pub modified_by: String,
}

/// The time now, as the API writes times.
pub(crate) fn now_text() -> String {
    // "2021-03-08 15:34:49.0", as the API writes times.
    let iso = ivr_cloud::sign::iso8601_utc(SystemTime::now());
    format!("{}.0", iso.trim_end_matches('Z').replace('T', " "))
}

/// A new id in the API's shape (a UUID), seeded by the change counter.
pub(crate) fn new_id(state: &mut CccState) -> String {
    state.seq += 1;
    let t = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    let a = splitmix(t ^ state.seq);
    let b = splitmix(a);
    format!(
        "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        (b >> 52) & 0xfff,
        b & 0xffff_ffff_ffff
    )
}
