//! The flow model: a flow is blocks (nodes) joined by lines (edges) from a named
//! exit (port) of one block to another block.
//!
//! Every map is a `BTreeMap` and every list keeps its order, so a flow written
//! twice is written the same way and git diffs read well. `extra` maps keep the
//! provider fields the model does not understand, so import -> export loses
//! nothing.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

/// Free-form provider fields kept verbatim.
pub type Extra = BTreeMap<String, Value>;

/// A whole IVR flow, as drawn on the canvas and stored in a `*.ivr.json` file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct Flow {
    /// Shown in the title bar and sent to the cloud as the flow's name.
    pub name: String,
    pub description: String,
    pub kind: FlowKind,
    /// Variables the flow declares, with their type and initial value.
    pub variables: Vec<Variable>,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// Sticky notes on the canvas.
    pub notes: Vec<Note>,
    /// Where this flow was imported from or published to.
    pub bindings: Vec<Binding>,
    /// Flow-level provider fields the model does not understand.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    #[ts(optional, as = "Option<Extra>")]
    pub extra: Extra,
}

/// What a flow is for. Providers name these differently; the dialects map them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FlowKind {
    /// The main inbound flow a number is routed to.
    #[default]
    Main,
    /// A sub-flow or flow module, invoked from another flow.
    Sub,
    /// A post-call survey.
    Survey,
    CustomerQueue,
    CustomerHold,
    CustomerWhisper,
    AgentHold,
    AgentWhisper,
    OutboundWhisper,
    AgentTransfer,
    QueueTransfer,
    /// An outbound campaign or AI-agent task.
    Campaign,
}

/// A variable the flow declares.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct Variable {
    pub name: String,
    #[serde(rename = "type")]
    #[ts(rename = "type")]
    pub ty: VarType,
    /// Initial value as text; empty means none.
    pub initial: String,
    pub description: String,
}

/// The type of a flow variable.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VarType {
    #[default]
    String,
    Number,
    Boolean,
}

/// A position on the canvas, in canvas units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Position {
    pub x: f64,
    pub y: f64,
}

/// A block on the canvas.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct Node {
    /// Unique within the flow.
    pub id: String,
    /// The catalog entry this block is an instance of (`play_prompt`, `menu`...).
    pub block: String,
    /// The designer's name for this block; empty shows the catalog name.
    pub label: String,
    pub position: Position,
    /// The block's settings, keyed by the catalog's parameter keys.
    #[ts(type = "Record<string, unknown>")]
    pub params: BTreeMap<String, Value>,
    /// Provider fields the model does not understand, kept verbatim.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    #[ts(optional, as = "Option<Extra>")]
    pub extra: Extra,
}

/// One end of a line: a named exit of a block.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct PortRef {
    pub node: String,
    /// `next`, `error`, `timeout`, `no_match`, `key:1`, `case:<id>`...
    pub port: String,
}

/// A line from one block's exit to another block.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct Edge {
    pub id: String,
    pub from: PortRef,
    /// The id of the block the line enters.
    pub to: String,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    #[ts(optional, as = "Option<Extra>")]
    pub extra: Extra,
}

/// The size of something on the canvas.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Size {
    pub width: f64,
    pub height: f64,
}

/// A sticky note on the canvas.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct Note {
    pub id: String,
    pub text: String,
    pub position: Position,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub size: Option<Size>,
    /// The block the note is pinned to, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub node: Option<String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    #[ts(optional, as = "Option<Extra>")]
    pub extra: Extra,
}

/// A cloud provider (and, for CCC, API generation).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Provider {
    /// Amazon Connect.
    Connect,
    /// Alibaba Cloud CCC, API 2020-07-01.
    Aliyun,
    /// Alibaba Cloud CCC, API 2017-07-05.
    Aliyun2017,
    /// NXLink outbound AI-agent tasks.
    Nxlink,
}

impl Provider {
    /// Every provider, in display order.
    pub const ALL: [Provider; 4] = [
        Provider::Connect,
        Provider::Aliyun,
        Provider::Aliyun2017,
        Provider::Nxlink,
    ];

    /// The name used on the command line and in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::Connect => "connect",
            Provider::Aliyun => "aliyun",
            Provider::Aliyun2017 => "aliyun2017",
            Provider::Nxlink => "nxlink",
        }
    }

    /// The name designers know: "Amazon Connect", "Alibaba Cloud CCC"...
    pub fn display_name(self) -> crate::i18n::Text {
        let (en, zh) = match self {
            Provider::Connect => ("Amazon Connect", "Amazon Connect"),
            Provider::Aliyun => ("Alibaba Cloud CCC", "阿里云云联络中心"),
            Provider::Aliyun2017 => (
                "Alibaba Cloud CCC (2017 API)",
                "阿里云云联络中心（2017 版 API）",
            ),
            Provider::Nxlink => ("NXLink", "牛信 NXLink"),
        };
        crate::i18n::Text::new(en, zh)
    }

    /// Parses the command-line name (`connect`, `aliyun`, `aliyun2017`, `nxlink`).
    pub fn parse(s: &str) -> Option<Provider> {
        Provider::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

impl std::fmt::Display for Provider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a flow was imported from or published to, so the next publish updates
/// that remote flow instead of creating a second one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Binding {
    pub provider: Provider,
    /// The connection profile's name.
    pub profile: String,
    /// The contact-centre instance id.
    pub instance: String,
    /// The provider's id for the flow.
    pub remote_id: String,
    /// Version, content hash or draft id, as the provider reports them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub sha: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub draft: Option<String>,
    /// What the cloud held when this file last synced with it (imported or
    /// published): a fingerprint of the flow as read back and decoded. A
    /// publish that finds the cloud's flow no longer matching it was changed
    /// there since, and is not overwritten silently.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub synced: Option<String>,
}

impl Flow {
    /// The node with this id, if any.
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }
}
