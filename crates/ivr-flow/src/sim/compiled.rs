//! A flow made ready to walk: blocks by index, each exit's line looked up
//! without a search, every block's catalog entry and designer's name at hand.
//! Built once; any number of sessions share it.

use rustc_hash::FxHashMap;
use serde_json::Value;

use crate::catalog::{self, BlockSpec};
use crate::i18n::Text;
use crate::model::{Flow, Node};
use crate::naming;

/// A flow, indexed for walking.
#[derive(Debug)]
pub struct Compiled {
    flow: Flow,
    by_id: FxHashMap<String, usize>,
    /// Each block's wired exits: (exit, the block the line enters).
    wires: Vec<Vec<(String, usize)>>,
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
                let w: &mut Vec<(String, usize)> = &mut wires[from];
                if !w.iter().any(|(p, _)| *p == e.from.port) {
                    w.push((e.from.port.clone(), to));
                }
            }
        }
        let cat = catalog::catalog();
        let specs = flow.nodes.iter().map(|n| cat.block(&n.block)).collect();
        let ordinals = naming::ordinals(&flow.nodes);
        let start = flow.nodes.iter().position(|n| n.block == "start");
        Compiled {
            flow,
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

    pub(crate) fn spec(&self, i: usize) -> Option<&'static BlockSpec> {
        self.specs[i]
    }

    pub(crate) fn start(&self) -> Option<usize> {
        self.start
    }

    /// The block a line from exit `port` of block `i` enters.
    pub(crate) fn target(&self, i: usize, port: &str) -> Option<usize> {
        self.wires[i]
            .iter()
            .find(|(p, _)| p == port)
            .map(|&(_, to)| to)
    }

    /// The block with this id, else the first with this label.
    pub fn find(&self, id_or_label: &str) -> Option<usize> {
        self.by_id.get(id_or_label).copied().or_else(|| {
            self.flow
                .nodes
                .iter()
                .position(|n| !n.label.is_empty() && n.label == id_or_label)
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
            None => self.wires[i].iter().map(|(p, _)| p.clone()).collect(),
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
