//! Graph rules: one start that leads somewhere, lines into the start, one
//! line per exit, every required exit wired, every block reachable, no cycle
//! that never waits, and no line out of a provider action that ends the call.

use petgraph::algo::tarjan_scc;
use petgraph::visit::{Dfs, EdgeRef, NodeFiltered};

use super::index::FlowIndex;
use crate::catalog::derived_items;
use crate::i18n::Text;
use crate::model::Flow;
use crate::naming;
use crate::problem::{Code, Problem};

/// Runs every graph rule.
pub(super) fn check(flow: &Flow, ix: &FlowIndex<'_>, out: &mut Vec<Problem>) {
    let start = check_start(flow, ix, out);
    check_lines_into_start(flow, ix, out);
    check_exits(flow, ix, out);
    if let Some(start) = start {
        check_reachable(flow, ix, start, out);
    }
    check_cycles(flow, ix, out);
    check_terminal_actions(flow, ix, out);
}

/// Exactly one start block; returns it.
fn check_start(flow: &Flow, ix: &FlowIndex<'_>, out: &mut Vec<Problem>) -> Option<usize> {
    let mut starts = (0..flow.nodes.len()).filter(|&i| ix.is_start[i]);
    let Some(first) = starts.next() else {
        out.push(Problem::new(
            Code::StartMissing,
            Text::new(
                "The flow has no Start block, so no call can enter it. Add a Start block and connect it to the first step.",
                "流程没有“开始”模块，来电无法进入。请添加“开始”模块并连接到第一步。",
            ),
        ));
        return None;
    };
    for extra in starts {
        let node = &flow.nodes[extra];
        out.push(
            Problem::new(
                Code::StartMultiple,
                Text::new(
                    format!("The flow has more than one Start block; {} is an extra one. Delete it: a flow has one entry.", node.id),
                    format!("流程有多个“开始”模块，{} 是多余的。请删除它：一个流程只有一个入口。", node.id),
                ),
            )
            .at_node(&node.id),
        );
    }
    Some(first)
}

fn check_lines_into_start(flow: &Flow, ix: &FlowIndex<'_>, out: &mut Vec<Problem>) {
    for e in ix.graph.edge_references() {
        if !ix.is_start[e.target().index()] {
            continue;
        }
        let to = &flow.nodes[e.target().index()];
        let edge = &flow.edges[e.weight().edge];
        out.push(
            Problem::new(
                Code::EdgeIntoStart,
                Text::new(
                    format!("Line {} enters the Start block; calls only enter a flow there, nothing may lead back to it. Connect the line to another block.", edge.id),
                    format!("连线 {} 连入了“开始”模块；“开始”只能是入口，不能被连入。请把该连线接到其他模块。", edge.id),
                ),
            )
            .at_node(&to.id)
            .at_edge(&edge.id),
        );
    }
}

/// One line per exit, and every required exit wired. Lines already know
/// their exit's position, so this works on small integers, not names.
fn check_exits(flow: &Flow, ix: &FlowIndex<'_>, out: &mut Vec<Problem>) {
    // The first line seen on each exit of the current block.
    let mut first: Vec<Option<usize>> = Vec::new();
    for (i, node) in flow.nodes.iter().enumerate() {
        let Some(spec) = ix.specs[i] else { continue };
        if spec.terminal {
            continue;
        }
        first.clear();
        let derived = spec.derived_count(node);
        first.resize(derived + spec.ports.len(), None);
        for line in ix.out_lines(i) {
            let Some(slot) = first.get_mut(line.port) else {
                continue;
            };
            if slot.is_none() {
                *slot = Some(line.edge);
                continue;
            }
            let edge = &flow.edges[line.edge];
            let port = edge.from.port.as_str();
            let exit = naming::exit_name(node, Some(spec), port);
            let (xen, xzh) = (exit.en.as_str(), exit.zh.as_str());
            out.push(
                Problem::new(
                    Code::ExitMultipleLines,
                    naming::about(node, Some(spec), ix.ordinals[i], |en, zh| {
                        (
                            format!("Exit \"{xen}\" of {en} has more than one line; a call can take only one. Delete one of them."),
                            format!("{zh}的出口“{xzh}”连了多条线，而通话只能走一条。请删除其中一条。"),
                        )
                    }),
                )
                .at_node(&node.id)
                .at_port(port)
                .at_edge(&edge.id),
            );
        }
        for (p, _) in first.iter().enumerate().filter(|(_, f)| f.is_none()) {
            let id = match p.checked_sub(derived) {
                Some(f) if spec.ports[f].required => spec.ports[f].id.clone(),
                Some(_) => continue,
                None => {
                    let Some(d) = spec.derived_ports.as_ref().filter(|d| d.required) else {
                        continue;
                    };
                    let Some(item) = derived_items(node, &d.param).nth(p) else {
                        continue;
                    };
                    // A repeated key is one exit; the field rule reports the repeat.
                    if derived_items(node, &d.param).position(|i| i == item) != Some(p) {
                        continue;
                    }
                    format!("{}{item}", d.prefix)
                }
            };
            if ix.is_start[i] {
                out.push(
                    Problem::new(
                        Code::StartUnwired,
                        Text::new(
                            "The Start block leads nowhere, so a call entering the flow has nothing to do. Drag a line from Start to the first step.",
                            "“开始”模块没有连线，进入流程的来电无事可做。请从“开始”拖一条线到第一步。",
                        ),
                    )
                    .at_node(&node.id)
                    .at_port(id.as_str()),
                );
                continue;
            }
            let exit = naming::exit_name(node, Some(spec), &id);
            let (pen, pzh) = (exit.en.as_str(), exit.zh.as_str());
            out.push(
                Problem::new(
                    Code::ExitUnwired,
                    naming::about(node, Some(spec), ix.ordinals[i], |en, zh| {
                        (
                            format!("Exit \"{pen}\" of {en} leads nowhere. Drag a line from it to the block that should come next."),
                            format!("{zh}的出口“{pzh}”没有连线。请从它拖一条线到下一步的模块。"),
                        )
                    }),
                )
                .at_node(&node.id)
                .at_port(id.as_str()),
            );
        }
    }
}

/// Every block can be reached from the start.
fn check_reachable(flow: &Flow, ix: &FlowIndex<'_>, start: usize, out: &mut Vec<Problem>) {
    let mut dfs = Dfs::new(&ix.graph, FlowIndex::node_ix(start));
    while dfs.next(&ix.graph).is_some() {}
    for (i, node) in flow.nodes.iter().enumerate() {
        if dfs.discovered.contains(i) || ix.is_start[i] {
            continue;
        }
        out.push(
            Problem::new(
                Code::NodeUnreachable,
                naming::about(node, ix.specs[i], ix.ordinals[i], |en, zh| {
                    (
                        format!("No path from Start reaches {en}, so no call will ever get there. Connect a line into it, or delete it."),
                        format!("从“开始”没有路径能到达{zh}，来电永远不会走到这里。请连一条线到它，或删除它。"),
                    )
                }),
            )
            .at_node(&node.id),
        );
    }
}

/// No cycle made only of blocks that never take the caller's time. One with
/// no way out (every exit of every member wired back into the loop) certainly
/// spins: an error. One with a way out may leave it at run time: a warning.
fn check_cycles(flow: &Flow, ix: &FlowIndex<'_>, out: &mut Vec<Problem>) {
    // Unknown blocks count as waiting: their rule already failed.
    let spins = |n: petgraph::graph::NodeIndex| ix.specs[n.index()].is_some_and(|s| !s.waits);
    let filtered = NodeFiltered::from_fn(&ix.graph, spins);
    // Which cycle each block is in, to tell lines that leave it.
    let mut member_of = vec![usize::MAX; flow.nodes.len()];
    for (c, scc) in tarjan_scc(&filtered).into_iter().enumerate() {
        let is_cycle = match scc.as_slice() {
            [] => false,
            [one] => ix.graph.contains_edge(*one, *one),
            _ => true,
        };
        if !is_cycle {
            continue;
        }
        let mut members: Vec<usize> = scc.iter().map(|n| n.index()).collect();
        members.sort_unstable();
        for &m in &members {
            member_of[m] = c;
        }
        let way_out = members.iter().any(|&m| leaves(flow, ix, m, &member_of, c));
        let first = &flow.nodes[members[0]];
        let names: Vec<String> = members
            .iter()
            .take(5)
            .map(|&i| naming::block_name(&flow.nodes[i], ix.specs[i], ix.ordinals[i]).0)
            .collect();
        let more = if members.len() > 5 { ", ..." } else { "" };
        let list = format!("{}{more}", names.join(", "));
        let problem = if way_out {
            Problem::new(
                Code::CycleNoWait,
                Text::new(
                    format!(
                        "These blocks form a loop in which nothing takes the caller's time: {list}. If no branch leaves it, the call spins until the provider ends it. Put a prompt, menu, Wait or Loop block in the loop, or check that a branch always leaves it."
                    ),
                    format!(
                        "这些模块构成了一个不占用来电者时间的循环：{list}。如果没有分支离开，通话会空转直到平台结束它。请在循环中加入播放语音、按键菜单、等待或循环模块，或确认总有分支离开循环。"
                    ),
                ),
            )
        } else {
            Problem::new(
                Code::CycleNoExit,
                Text::new(
                    format!(
                        "These blocks form a loop that nothing leaves and in which nothing takes the caller's time, so a call would spin forever: {list}. Put a Menu, Collect digits or Loop block in the loop, or break it."
                    ),
                    format!(
                        "这些模块构成了一个无法离开、也不占用来电者时间的循环，通话会无限空转：{list}。请在循环中加入按键菜单、收集按键或循环模块，或断开循环。"
                    ),
                ),
            )
        };
        out.push(problem.at_node(&first.id));
    }
}

/// Whether a call at block `m` of cycle `c` can leave the cycle: a line to a
/// block outside it, or an exit with no line (the call ends there).
fn leaves(flow: &Flow, ix: &FlowIndex<'_>, m: usize, member_of: &[usize], c: usize) -> bool {
    let Some(spec) = ix.specs[m] else {
        return true;
    };
    let ports = spec.derived_count(&flow.nodes[m]) + spec.ports.len();
    let mut wired = 0usize;
    let mut seen = 0u64;
    for e in ix.graph.edges(FlowIndex::node_ix(m)) {
        if member_of[e.target().index()] != c {
            return true;
        }
        let port = e.weight().port;
        if port >= 64 {
            wired += 1;
        } else if seen & (1 << port) == 0 {
            seen |= 1 << port;
            wired += 1;
        }
    }
    wired < ports
}

/// A provider action that ends the call (Connect's DisconnectParticipant,
/// EndFlowExecution, EndFlowModuleExecution) with a line out of it: the line
/// is never taken.
fn check_terminal_actions(flow: &Flow, ix: &FlowIndex<'_>, out: &mut Vec<Problem>) {
    for (i, node) in flow.nodes.iter().enumerate() {
        if node.block != crate::catalog::PROVIDER_BLOCK {
            continue;
        }
        let ty = node.params.get("type").and_then(|t| t.as_str());
        if !ty.is_some_and(crate::dialect::connect::ends_call) {
            continue;
        }
        for line in ix.out_lines(i) {
            let edge = &flow.edges[line.edge];
            out.push(
                Problem::new(
                    Code::TerminalTransition,
                    naming::about(node, ix.specs[i], ix.ordinals[i], |en, zh| {
                        (
                            format!("{en} ends the call, so line {} out of it is never taken. Delete the line, or move it to the block before.", edge.id),
                            format!("{zh}会结束通话，从它连出的连线 {} 永远不会被走到。请删除该连线，或把它移到前一个模块。", edge.id),
                        )
                    }),
                )
                .at_node(&node.id)
                .at_port(edge.from.port.as_str())
                .at_edge(&edge.id),
            );
        }
    }
}
