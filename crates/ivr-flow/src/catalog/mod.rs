//! The block catalog: the single source of truth about blocks. The palette,
//! the inspector's forms, the exits drawn on each block and the field rules of
//! validation are all built from it; nothing else hard-codes a block.

pub mod aliyun;
mod blocks;
pub mod connect;

use std::borrow::Cow;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::i18n::Text;
use crate::model::{Node, Provider};

/// The id of the block every flow starts at.
pub const START_BLOCK: &str = "start";
/// The id of the catalog entry that carries a provider type the model does not map.
pub const PROVIDER_BLOCK: &str = "provider";

/// Groups of blocks in the palette.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Start and end of the flow.
    Flow,
    /// Prompts, menus and digit collection.
    Interact,
    /// Branches, variables, loops, hours.
    Logic,
    /// Queues, agents, external numbers, voicemail.
    Transfer,
    /// Functions, HTTP, SMS, sub-flows.
    Integrate,
    /// Provider-specific blocks kept verbatim.
    Provider,
}

/// What kind of value a parameter holds, with its limits. The inspector picks
/// its widget from this; validation checks values against it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ParamKind {
    /// One line of text.
    Text { max_len: u32 },
    /// Text to speak: plain text or SSML.
    Tts { max_len: u32 },
    /// A number between `min` and `max`.
    Number { min: f64, max: f64, integer: bool },
    /// Yes or no.
    Bool,
    /// One of a fixed set of options.
    Choice { options: Vec<ChoiceOption> },
    /// A list of distinct DTMF keys (`0`-`9`, `*`, `#`); each becomes an exit.
    Keys { max_items: u32 },
    /// The name of a variable the flow declares.
    Variable,
    /// Variable assignments: `[{"variable": "...", "value": "..."}]`.
    Assignments { max_items: u32 },
    /// Conditions: `[{"id": "...", "operator": "...", "value": "..."}]`; each
    /// becomes an exit `case:<id>`.
    Cases { max_items: u32 },
    /// A list of exit names (provider blocks); each becomes an exit.
    Exits { max_items: u32 },
    /// An id in the cloud (queue, prompt, flow, function...). Listed for review
    /// before a publish, since it may not exist on the target instance.
    Reference { target: ReferenceKind },
    /// A phone number in E.164 form (`+8613800000000`) or a variable.
    Phone,
    /// A JSON object, kept as it is.
    Object,
}

/// One option of a choice parameter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct ChoiceOption {
    pub value: String,
    pub name: Text,
}

/// What a reference parameter points at in the cloud.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReferenceKind {
    Queue,
    SkillGroup,
    Agent,
    Prompt,
    Flow,
    Function,
    Hours,
    Url,
}

/// The comparison operators a branch case may use.
pub const OPERATORS: [&str; 8] = [
    "equals",
    "starts_with",
    "ends_with",
    "contains",
    "greater_than",
    "greater_or_equal",
    "less_than",
    "less_or_equal",
];

/// A setting of a block.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct ParamSpec {
    pub key: String,
    pub name: Text,
    pub help: Text,
    #[serde(rename = "type")]
    #[ts(rename = "type")]
    pub kind: ParamKind,
    pub required: bool,
    /// Empty is taken by the providers but usually a slip: a warning
    /// (`field.empty`) instead of an error.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[ts(as = "Option<bool>", optional)]
    pub recommended: bool,
    /// The value a new block starts with.
    #[ts(type = "unknown")]
    pub default: Value,
}

/// A named exit of a block.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct PortSpec {
    pub id: String,
    pub name: Text,
    /// A flow with this exit unwired is an error.
    pub required: bool,
}

/// Exits that come from a parameter's value, as a menu's keys do.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct DerivedPorts {
    /// The parameter whose items become exits.
    pub param: String,
    /// Prepended to each item: `key:` makes key `1` the exit `key:1`.
    pub prefix: String,
    pub required: bool,
}

/// A catalog entry: everything there is to know about one kind of block.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct BlockSpec {
    pub id: String,
    pub category: Category,
    pub name: Text,
    pub description: Text,
    pub params: Vec<ParamSpec>,
    /// Exits derived from a parameter come first, then these fixed ones.
    pub ports: Vec<PortSpec>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub derived_ports: Option<DerivedPorts>,
    /// Lines may enter this block: every block but the start.
    pub entry: bool,
    /// The call ends or leaves the flow here: the block has no exits.
    pub terminal: bool,
    /// The block takes the caller's time or counts (prompts, input, loops,
    /// transfers, functions, sub-flows), so a cycle through it does not spin.
    pub waits: bool,
    /// Providers that can carry this block.
    pub providers: Vec<Provider>,
}

impl BlockSpec {
    /// The parameter with this key.
    pub fn param(&self, key: &str) -> Option<&ParamSpec> {
        self.params.iter().find(|p| p.key == key)
    }

    /// The exits of `node` (an instance of this block), in display order:
    /// derived exits first, then the fixed ones.
    pub fn ports_of<'a>(&'a self, node: &'a Node) -> Vec<Port<'a>> {
        let mut out = Vec::with_capacity(self.ports.len() + 4);
        if let Some(d) = &self.derived_ports {
            for item in derived_items(node, &d.param) {
                let id = format!("{}{}", d.prefix, item);
                out.push(Port {
                    id: Cow::Owned(id),
                    required: d.required,
                });
            }
        }
        out.extend(self.ports.iter().map(|p| Port {
            id: Cow::Borrowed(p.id.as_str()),
            required: p.required,
        }));
        out
    }

    /// Whether `node` (an instance of this block) has an exit named `port`,
    /// without building the list of exits.
    pub fn has_port(&self, node: &Node, port: &str) -> bool {
        self.port_index(node, port).is_some()
    }

    /// The position of exit `port` in [`BlockSpec::ports_of`]'s list for
    /// `node`, without building the list.
    pub fn port_index(&self, node: &Node, port: &str) -> Option<usize> {
        if let Some(fixed) = self.ports.iter().position(|p| p.id == port) {
            return Some(self.derived_count(node) + fixed);
        }
        let d = self.derived_ports.as_ref()?;
        let item = port.strip_prefix(d.prefix.as_str())?;
        derived_items(node, &d.param).position(|i| i == item)
    }

    /// How many exits of `node` (an instance of this block) come from its
    /// parameters; they come first in [`BlockSpec::ports_of`].
    pub fn derived_count(&self, node: &Node) -> usize {
        self.derived_ports
            .as_ref()
            .map_or(0, |d| derived_items(node, &d.param).count())
    }
}

/// One exit of one block instance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Port<'a> {
    pub id: Cow<'a, str>,
    pub required: bool,
}

/// The items of a list parameter that become exits: strings as they are, and
/// objects by their `id` field (branch cases).
pub fn derived_items<'a>(node: &'a Node, param: &str) -> impl Iterator<Item = &'a str> + 'a {
    node.params
        .get(param)
        .and_then(Value::as_array)
        .map(|a| a.as_slice())
        .unwrap_or(&[])
        .iter()
        .filter_map(|v| match v {
            Value::String(s) => Some(s.as_str()),
            Value::Object(o) => o.get("id").and_then(Value::as_str),
            _ => None,
        })
}

/// A provider's own action type, as its designer shows it: a provider
/// block of this type is titled, filed and summarised by this entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct ProviderAction {
    pub provider: Provider,
    /// The type as the provider's document spells it (`UpdateContactTargetQueue`).
    pub action_type: String,
    /// The designer's name for it (`Set working queue`).
    pub name: Text,
    pub category: Category,
    /// Parameters (dotted paths into its parameters) its card summarises.
    pub summary: Vec<String>,
}

/// A provider's name for a branch of its blocks: an exit named `prefix`
/// exactly, or, with `operand`, any exit starting with `prefix`, whose rest
/// follows the name (`Equals:1` is `= 1`). The longest match wins.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct ExitLabel {
    pub provider: Provider,
    pub prefix: String,
    pub name: Text,
    pub operand: bool,
}

/// All blocks, in palette order, and the providers' own action types and
/// branch names.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct Catalog {
    pub blocks: Vec<BlockSpec>,
    #[serde(default)]
    pub provider_actions: Vec<ProviderAction>,
    #[serde(default)]
    pub exit_labels: Vec<ExitLabel>,
    /// Block id -> position in `blocks`.
    #[serde(skip)]
    #[ts(skip)]
    index: FxHashMap<String, usize>,
}

impl Catalog {
    /// A catalog of these blocks.
    pub fn new(blocks: Vec<BlockSpec>) -> Catalog {
        let index = blocks
            .iter()
            .enumerate()
            .map(|(i, b)| (b.id.clone(), i))
            .collect();
        Catalog {
            blocks,
            provider_actions: connect::actions()
                .into_iter()
                .chain(aliyun::actions())
                .collect(),
            exit_labels: connect::exit_labels()
                .into_iter()
                .chain(aliyun::exit_labels())
                .collect(),
            index,
        }
    }

    /// The name a provider's designer gives exit `exit` of its blocks: the
    /// longest matching [`ExitLabel`], else the exit's own name.
    pub fn exit_label(&self, provider: &str, exit: &str) -> Text {
        let best = self
            .exit_labels
            .iter()
            .filter(|l| l.provider.as_str() == provider)
            .filter(|l| {
                if l.operand {
                    exit.starts_with(&l.prefix)
                } else {
                    exit == l.prefix
                }
            })
            .max_by_key(|l| l.prefix.len());
        match best {
            Some(l) if l.operand => {
                let rest = &exit[l.prefix.len()..];
                Text::new(
                    format!("{}{rest}", l.name.en),
                    format!("{}{rest}", l.name.zh),
                )
            }
            Some(l) => l.name.clone(),
            None => Text::new(exit, exit),
        }
    }

    /// The provider's own entry for a provider block's type.
    pub fn provider_action(&self, provider: &str, ty: &str) -> Option<&ProviderAction> {
        self.provider_actions
            .iter()
            .find(|a| a.provider.as_str() == provider && a.action_type == ty)
    }

    /// The entry with this id.
    pub fn block(&self, id: &str) -> Option<&BlockSpec> {
        match self.index.get(id) {
            Some(&i) => self.blocks.get(i),
            // A deserialized catalog has no index.
            None if self.index.is_empty() => self.blocks.iter().find(|b| b.id == id),
            None => None,
        }
    }
}

/// The catalog, built once per process.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::new(blocks::all()))
}
