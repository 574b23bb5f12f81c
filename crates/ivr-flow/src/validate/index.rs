//! The flow as a petgraph graph, plus the lookups every rule needs. Building it
//! reports the structural problems: repeated ids, unknown blocks, dangling lines.

use std::collections::hash_map::Entry;

use rustc_hash::{FxHashMap, FxHashSet};

use petgraph::graph::{DiGraph, NodeIndex};

use super::msg;
use crate::catalog::{self, BlockSpec};
use crate::i18n::Text;
use crate::model::Flow;
use crate::problem::{Code, Problem};

/// Indexes into `flow.nodes` and `flow.edges`, and the graph of valid lines.
pub(super) struct FlowIndex<'a> {
    /// Catalog entry of each node, by the node's position in `flow.nodes`.
    pub specs: Vec<Option<&'a BlockSpec>>,
    /// Node id -> position in `flow.nodes` (first occurrence).
    pub by_id: FxHashMap<&'a str, usize>,
    /// Graph whose node weights are positions in `flow.nodes` and whose edge
    /// weights are positions in `flow.edges`; only lines between existing
    /// blocks from existing exits are in it.
    pub graph: DiGraph<usize, usize>,
}

impl<'a> FlowIndex<'a> {
    pub fn node_ix(i: usize) -> NodeIndex {
        NodeIndex::new(i)
    }

    /// Indexes the flow and reports structural problems.
    pub fn build(flow: &'a Flow, out: &mut Vec<Problem>) -> FlowIndex<'a> {
        let cat = catalog::catalog();
        let mut by_id = FxHashMap::with_capacity_and_hasher(flow.nodes.len(), Default::default());
        let mut graph = DiGraph::with_capacity(flow.nodes.len(), flow.edges.len());
        let mut specs = Vec::with_capacity(flow.nodes.len());
        for (i, node) in flow.nodes.iter().enumerate() {
            graph.add_node(i);
            let spec = cat.block(&node.block);
            specs.push(spec);
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
            match by_id.entry(node.id.as_str()) {
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
        let mut ix = FlowIndex {
            specs,
            by_id,
            graph,
        };
        ix.add_edges(flow, out);
        ix
    }

    fn add_edges(&mut self, flow: &'a Flow, out: &mut Vec<Problem>) {
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
            let (Some(&from), Some(&to)) = (
                self.by_id.get(edge.from.node.as_str()),
                self.by_id.get(edge.to.as_str()),
            ) else {
                let missing = if self.by_id.contains_key(edge.from.node.as_str()) {
                    &edge.to
                } else {
                    &edge.from.node
                };
                let mut p = Problem::new(
                    Code::EdgeDangling,
                    Text::new(
                        format!("Line {} refers to block \"{missing}\", which is not in the flow. Delete the line or reconnect it.", edge.id),
                        format!("连线 {} 指向的模块“{missing}”不在流程中。请删除或重新连接该连线。", edge.id),
                    ),
                )
                .at_edge(&edge.id);
                if self.by_id.contains_key(edge.from.node.as_str()) {
                    p = p.at_node(&edge.from.node).at_port(&edge.from.port);
                }
                out.push(p);
                continue;
            };
            let node = &flow.nodes[from];
            let Some(spec) = self.specs[from] else {
                // Unknown block: already reported; its lines cannot be checked.
                continue;
            };
            if spec.terminal {
                out.push(
                    Problem::new(
                        Code::TerminalHasExit,
                        msg::about(node, Some(spec), |en, zh| {
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
                continue;
            }
            if !spec.has_port(node, &edge.from.port) {
                out.push(
                    Problem::new(
                        Code::EdgeDangling,
                        msg::about(node, Some(spec), |en, zh| {
                            (
                                format!("Line {} leaves {en} from exit \"{}\", which the block does not have. Delete the line or reconnect it.", edge.id, edge.from.port),
                                format!("连线 {} 从{zh}的出口“{}”连出，但该模块没有这个出口。请删除或重新连接该连线。", edge.id, edge.from.port),
                            )
                        }),
                    )
                    .at_node(&node.id)
                    .at_port(&edge.from.port)
                    .at_edge(&edge.id),
                );
                continue;
            }
            self.graph
                .add_edge(Self::node_ix(from), Self::node_ix(to), e);
        }
    }

    /// The lines that leave node `i` (valid ones only), as positions in `flow.edges`.
    pub fn out_edges(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.graph.edges(Self::node_ix(i)).map(|e| *e.weight())
    }
}
