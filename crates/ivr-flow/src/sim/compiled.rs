//! A flow made ready to walk: blocks by index, each exit's line looked up
//! without a search, every block's catalog entry and designer's name at hand.
//! Built once; any number of sessions share it.

use std::sync::Arc;

use rustc_hash::FxHashMap;
use serde_json::Value;

use crate::catalog::{self, BlockSpec};
use crate::i18n::Text;
use crate::model::{Flow, Node};
use crate::naming;

/// What a block is, decided once (not by comparing its name at every visit).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Start,
    PlayPrompt,
    Menu,
    CollectDigits,
    Branch,
    SetVariables,
    CheckHours,
    Loop,
    TransferQueue,
    TransferAgent,
    TransferExternal,
    Voicemail,
    InvokeFunction,
    SubFlow,
    SendSms,
    HangUp,
    EndFlow,
    Provider,
    Unknown,
}

impl Kind {
    fn of(block: &str) -> Kind {
        match block {
            "start" => Kind::Start,
            "play_prompt" => Kind::PlayPrompt,
            "menu" => Kind::Menu,
            "collect_digits" => Kind::CollectDigits,
            "branch" => Kind::Branch,
            "set_variables" => Kind::SetVariables,
            "check_hours" => Kind::CheckHours,
            "loop" => Kind::Loop,
            "transfer_queue" => Kind::TransferQueue,
            "transfer_agent" => Kind::TransferAgent,
            "transfer_external" => Kind::TransferExternal,
            "voicemail" => Kind::Voicemail,
            "invoke_function" => Kind::InvokeFunction,
            "sub_flow" => Kind::SubFlow,
            "send_sms" => Kind::SendSms,
            "hang_up" => Kind::HangUp,
            "end_flow" => Kind::EndFlow,
            crate::catalog::PROVIDER_BLOCK => Kind::Provider,
            _ => Kind::Unknown,
        }
    }

    /// The setting a caller hears, for blocks that speak.
    fn prompt_key(self) -> Option<&'static str> {
        match self {
            Kind::PlayPrompt => Some("text"),
            Kind::Menu | Kind::CollectDigits | Kind::Voicemail => Some("prompt"),
            _ => None,
        }
    }
}

/// A flow, indexed for walking.
#[derive(Debug)]
pub struct Compiled {
    flow: Flow,
    /// Block ids, shared by every event that names them.
    ids: Vec<Arc<str>>,
    kinds: Vec<Kind>,
    /// What a block's prompt sounds like, when it reads no variable (so it
    /// is the same on every call): worked out once.
    spoken: Vec<Option<String>>,
    /// Each menu's keys, shared by every wait at it.
    keys: Vec<Arc<[String]>>,
    by_id: FxHashMap<String, usize>,
    /// Each block's wired exits: (exit, the block the line enters).
    wires: Vec<Vec<(Arc<str>, usize)>>,
    specs: Vec<Option<&'static BlockSpec>>,
    ordinals: Vec<u32>,
    start: Option<usize>,
}

impl Compiled {
    /// Indexes `flow`. Lines to blocks that do not exist count as unwired.
    pub fn new(flow: Flow) -> Compiled {
        let by_id: FxHashMap<String, usize> = flow
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.clone(), i))
            .collect();
        let mut wires = vec![Vec::new(); flow.nodes.len()];
        for e in &flow.edges {
            if let (Some(&from), Some(&to)) = (by_id.get(&e.from.node), by_id.get(&e.to)) {
                let w: &mut Vec<(Arc<str>, usize)> = &mut wires[from];
                if !w.iter().any(|(p, _)| **p == *e.from.port) {
                    w.push((Arc::from(e.from.port.as_str()), to));
                }
            }
        }
        let cat = catalog::catalog();
        let specs = flow.nodes.iter().map(|n| cat.block(&n.block)).collect();
        let ordinals = naming::ordinals(&flow.nodes);
        let start = flow.nodes.iter().position(|n| n.block == "start");
        let kinds: Vec<Kind> = flow.nodes.iter().map(|n| Kind::of(&n.block)).collect();
        let spoken = flow
            .nodes
            .iter()
            .zip(&kinds)
            .map(|(n, k)| {
                let text = n.params.get(k.prompt_key()?)?.as_str()?;
                let audio = *k == Kind::PlayPrompt
                    && n.params.get("voice_type").and_then(Value::as_str) == Some("audio");
                let constant = !text.contains('$') && !text.contains("{{");
                (constant && !audio).then(|| super::values::speech(text))
            })
            .collect();
        let ids = flow
            .nodes
            .iter()
            .map(|n| Arc::from(n.id.as_str()))
            .collect();
        let keys = flow
            .nodes
            .iter()
            .map(|n| {
                crate::catalog::derived_items(n, "keys")
                    .map(str::to_owned)
                    .collect()
            })
            .collect();
        Compiled {
            flow,
            ids,
            kinds,
            spoken,
            keys,
            by_id,
            wires,
            specs,
            ordinals,
            start,
        }
    }

    /// The flow as it was given.
    pub fn flow(&self) -> &Flow {
        &self.flow
    }

    pub(crate) fn node(&self, i: usize) -> &Node {
        &self.flow.nodes[i]
    }

    pub(crate) fn kind(&self, i: usize) -> Kind {
        self.kinds[i]
    }

    /// Block `i`'s prompt as heard, when it is the same on every call.
    pub(crate) fn spoken(&self, i: usize) -> Option<&str> {
        self.spoken[i].as_deref()
    }

    pub(crate) fn spec(&self, i: usize) -> Option<&'static BlockSpec> {
        self.specs[i]
    }

    pub(crate) fn start(&self) -> Option<usize> {
        self.start
    }

    /// The block a line from exit `port` of block `i` enters.
    pub(crate) fn target(&self, i: usize, port: &str) -> Option<usize> {
        self.wire(i, port).map(|(_, to)| to)
    }

    /// The line from exit `port` of block `i`: the exit's shared name and
    /// the block it enters.
    pub(crate) fn wire(&self, i: usize, port: &str) -> Option<(&Arc<str>, usize)> {
        self.wires[i]
            .iter()
            .find(|(p, _)| **p == *port)
            .map(|(p, to)| (p, *to))
    }

    /// Block `i`'s menu keys.
    pub(crate) fn keys(&self, i: usize) -> Arc<[String]> {
        self.keys[i].clone()
    }

    /// Block `i`'s id, shared.
    pub(crate) fn id(&self, i: usize) -> Arc<str> {
        self.ids[i].clone()
    }

    /// The block with this id, else the first with this label, else the one
    /// the designer sees named so (`Collect digits 2`, `按键菜单 1`).
    pub fn find(&self, name: &str) -> Option<usize> {
        if let Some(&i) = self.by_id.get(name) {
            return Some(i);
        }
        let nodes = &self.flow.nodes;
        nodes
            .iter()
            .position(|n| !n.label.is_empty() && n.label == name)
            .or_else(|| {
                (0..nodes.len()).find(|&i| {
                    nodes[i].label.is_empty() && {
                        let t = self.block_name(i);
                        t.en == name || t.zh == name
                    }
                })
            })
    }

    /// Block `i` as the designer knows it (`"Main menu"`, `Collect digits 2`).
    pub fn block_name(&self, i: usize) -> Text {
        let (en, zh) = naming::block_name(self.node(i), self.spec(i), self.ordinals[i]);
        Text { en, zh }
    }

    /// Exit `port` of block `i` as its card names it (`Key 1`, `Timeout`).
    pub fn exit_name(&self, i: usize, port: &str) -> Text {
        naming::exit_name(self.node(i), self.spec(i), port)
    }

    /// Every exit of block `i`, in the order its card shows them.
    pub fn exits(&self, i: usize) -> Vec<String> {
        match self.spec(i) {
            Some(spec) => spec
                .ports_of(self.node(i))
                .into_iter()
                .map(|p| p.id.into_owned())
                .collect(),
            None => self.wires[i].iter().map(|(p, _)| p.to_string()).collect(),
        }
    }

    /// A text setting of block `i` (empty when absent); a number is written
    /// as text.
    pub(crate) fn text(&self, i: usize, key: &str) -> &str {
        self.node(i)
            .params
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or("")
    }

    /// A setting of block `i` as written, numbers included.
    pub(crate) fn raw(&self, i: usize, key: &str) -> Option<&Value> {
        self.node(i).params.get(key)
    }
}
