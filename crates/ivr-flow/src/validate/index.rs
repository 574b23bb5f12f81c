//! The flow as a petgraph graph, plus the lookups every rule needs. Building it
//! reports the structural problems: repeated ids, unknown blocks, dangling lines.

use std::collections::hash_map::Entry;

use petgraph::graph::{DiGraph, NodeIndex};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::catalog::{self, BlockSpec};
use crate::i18n::Text;
use crate::model::{Edge, Flow};
use crate::naming;
use crate::problem::{Code, Problem};

/// A valid line: where it is in `flow.edges`, and which exit of its block it
/// leaves from (a position in `BlockSpec::ports_of`).
#[derive(Clone, Copy, Debug)]
pub(super) struct Line {
    pub edge: usize,
    pub port: usize,
}

/// Indexes into `flow.nodes` and `flow.edges`, and the graph of valid lines.
pub(super) struct FlowIndex<'a> {
    /// Catalog entry of each node, by the node's position in `flow.nodes`.
    pub specs: Vec<Option<&'a BlockSpec>>,
    /// Whether each node is a start block.
    pub is_start: Vec<bool>,
    /// Node id -> position in `flow.nodes` (first occurrence).
    pub by_id: FxHashMap<&'a str, usize>,
    /// Each node's number among the blocks of its kind (1, 2...), so a block
    /// with no label is named "Collect digits 3", never by its id.
    pub ordinals: Vec<u32>,
    /// Graph whose node `i` is `flow.nodes[i]`; only lines between existing
    /// blocks from existing exits are in it.
    pub graph: DiGraph<(), Line>,
}

impl<'a> FlowIndex<'a> {
    pub fn node_ix(i: usize) -> NodeIndex {
        NodeIndex::new(i)
    }

    /// Indexes the flow and reports structural problems.
    pub fn build(flow: &'a Flow, out: &mut Vec<Problem>) -> FlowIndex<'a> {
        let cat = catalog::catalog();
        let n = flow.nodes.len();
        let mut ix = FlowIndex {
            specs: Vec::with_capacity(n),
            is_start: Vec::with_capacity(n),
            by_id: FxHashMap::with_capacity_and_hasher(n, Default::default()),
            ordinals: Vec::with_capacity(n),
            graph: DiGraph::with_capacity(n, flow.edges.len()),
        };
        ix.ordinals = naming::ordinals(&flow.nodes);
        for (i, node) in flow.nodes.iter().enumerate() {
            ix.graph.add_node(());
            let spec = cat.block(&node.block);
            ix.specs.push(spec);
            ix.is_start
                .push(spec.is_some_and(|s| s.id == catalog::START_BLOCK));
            if spec.is_none() {
                out.push(
                    Problem::new(
                        Code::NodeUnknownBlock,
                        Text::new(
                            format!(
                                "Block {} is of type \"{}\", which this version of IVR Studio does not know. Replace it, or update IVR Studio.",
                                node.id, node.block
                            ),
                            format!(
                                "模块 {} 的类型“{}”不被当前版本的 IVR Studio 识别。请替换该模块，或升级 IVR Studio。",
                                node.id, node.block
                            ),
                        ),
                    )
                    .at_node(&node.id),
                );
            }
            match ix.by_id.entry(node.id.as_str()) {
                // Lines refer to the first block with an id.
                Entry::Vacant(slot) => {
                    slot.insert(i);
                }
                Entry::Occupied(_) => out.push(
                    Problem::new(
                        Code::NodeDuplicateId,
                        Text::new(
                            format!(
                                "Two blocks have the id \"{}\". Give each block its own id.",
                                node.id
                            ),
                            format!(
                                "有两个模块的 ID 都是“{}”。请为每个模块设置不同的 ID。",
                                node.id
                            ),
                        ),
                    )
                    .at_node(&node.id),
                ),
            }
        }
        ix.add_lines(flow, out);
        ix
    }

    fn add_lines(&mut self, flow: &'a Flow, out: &mut Vec<Problem>) {
        let mut edge_ids: FxHashSet<&str> =
            FxHashSet::with_capacity_and_hasher(flow.edges.len(), Default::default());
        for (e, edge) in flow.edges.iter().enumerate() {
            if !edge_ids.insert(edge.id.as_str()) {
                out.push(
                    Problem::new(
                        Code::EdgeDuplicateId,
                        Text::new(
                            format!(
                                "Two lines have the id \"{}\". Give each line its own id.",
                                edge.id
                            ),
                            format!(
                                "有两条连线的 ID 都是“{}”。请为每条连线设置不同的 ID。",
                                edge.id
                            ),
                        ),
                    )
                    .at_edge(&edge.id),
                );
            }
            if let Some((from, to, port)) = self.resolve(flow, edge, out) {
                self.graph.add_edge(
                    Self::node_ix(from),
                    Self::node_ix(to),
                    Line { edge: e, port },
                );
            }
        }
    }

    /// The blocks a line joins and its exit's position, or the problem with it.
    fn resolve(
        &self,
        flow: &Flow,
        edge: &Edge,
        out: &mut Vec<Problem>,
    ) -> Option<(usize, usize, usize)> {
        let from = self.by_id.get(edge.from.node.as_str()).copied();
        let to = self.by_id.get(edge.to.as_str()).copied();
        let (Some(from), Some(to)) = (from, to) else {
            let missing = if from.is_some() {
                &edge.to
            } else {
                &edge.from.node
            };
            let mut p = Problem::new(
                Code::EdgeDangling,
                Text::new(
                    format!(
                        "Line {} refers to block \"{missing}\", which is not in the flow. Delete the line or reconnect it.",
                        edge.id
                    ),
                    format!(
                        "连线 {} 指向的模块“{missing}”不在流程中。请删除或重新连接该连线。",
                        edge.id
                    ),
                ),
            )
            .at_edge(&edge.id);
            if from.is_some() {
                p = p.at_node(&edge.from.node).at_port(&edge.from.port);
            }
            out.push(p);
            return None;
        };
        let node = &flow.nodes[from];
        // Unknown block: already reported; its lines cannot be checked.
        let spec = self.specs[from]?;
        if spec.terminal {
            out.push(
                Problem::new(
                    Code::TerminalHasExit,
                    naming::about(node, Some(spec), self.ordinals[from], |en, zh| {
                        (
                            format!(
                                "{en} ends the call, so no line can leave it. Delete line {}.",
                                edge.id
                            ),
                            format!("{zh}会结束通话，不能有连出的线。请删除连线 {}。", edge.id),
                        )
                    }),
                )
                .at_node(&node.id)
                .at_edge(&edge.id),
            );
            return None;
        }
        let Some(port) = spec.port_index(node, &edge.from.port) else {
            out.push(
                Problem::new(
                    Code::EdgeDangling,
                    naming::about(node, Some(spec), self.ordinals[from], |en, zh| {
                        (
                            format!(
                                "Line {} leaves {en} from exit \"{}\", which the block does not have. Delete the line or reconnect it.",
                                edge.id, edge.from.port
                            ),
                            format!(
                                "连线 {} 从{zh}的出口“{}”连出，但该模块没有这个出口。请删除或重新连接该连线。",
                                edge.id, edge.from.port
                            ),
                        )
                    }),
                )
                .at_node(&node.id)
                .at_port(&edge.from.port)
                .at_edge(&edge.id),
            );
            return None;
        };
        Some((from, to, port))
    }

    /// The valid lines that leave node `i`.
    pub fn out_lines(&self, i: usize) -> impl Iterator<Item = Line> + '_ {
        self.graph.edges(Self::node_ix(i)).map(|e| *e.weight())
    }
}
