//! Where each card of a picture goes: the flow's own positions, or, for a
//! flow that has none (every block at one point, as some providers' files
//! come), an automatic left-to-right layout by distance from the start.

use std::collections::VecDeque;

use rustc_hash::FxHashMap as HashMap;

use crate::model::{Flow, Position};

/// The horizontal and vertical space the automatic layout leaves per card.
const COLUMN: f64 = 320.0;
const ROW_GAP: f64 = 40.0;

/// Whether the flow's blocks have positions of their own: false when there
/// are two or more blocks and all of them stand at the same point.
pub fn has_positions(flow: &Flow) -> bool {
    let Some(first) = flow.nodes.first() else {
        return true;
    };
    flow.nodes.len() < 2 || flow.nodes.iter().any(|n| n.position != first.position)
}

/// The top-left corner of each block's card, in the flow's order. `heights`
/// are the cards' heights (same order), used to stack a column's cards.
pub fn positions(flow: &Flow, heights: &[f64]) -> Vec<Position> {
    if has_positions(flow) {
        return flow.nodes.iter().map(|n| n.position).collect();
    }
    let index: HashMap<&str, usize> = flow
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let mut next: Vec<Vec<usize>> = vec![Vec::new(); flow.nodes.len()];
    let mut entered = vec![false; flow.nodes.len()];
    for e in &flow.edges {
        if let (Some(&a), Some(&b)) = (index.get(e.from.node.as_str()), index.get(e.to.as_str())) {
            next[a].push(b);
            entered[b] = true;
        }
    }
    // Breadth first from the blocks no line enters (the start first), then
    // from any block not reached yet, so every block gets a column.
    let mut column: Vec<Option<usize>> = vec![None; flow.nodes.len()];
    let mut roots: Vec<usize> = (0..flow.nodes.len()).filter(|&i| !entered[i]).collect();
    roots.sort_by_key(|&i| flow.nodes[i].block != "start");
    roots.extend(0..flow.nodes.len());
    let mut queue = VecDeque::new();
    for root in roots {
        if column[root].is_some() {
            continue;
        }
        column[root] = Some(0);
        queue.push_back(root);
        while let Some(i) = queue.pop_front() {
            let c = column[i].unwrap_or(0);
            for &j in &next[i] {
                if column[j].is_none() {
                    column[j] = Some(c + 1);
                    queue.push_back(j);
                }
            }
        }
    }
    let mut bottom: HashMap<usize, f64> = HashMap::default();
    flow.nodes
        .iter()
        .enumerate()
        .map(|(i, _)| {
            let c = column[i].unwrap_or(0);
            let y = bottom.entry(c).or_insert(0.0);
            let at = Position {
                x: c as f64 * COLUMN,
                y: *y,
            };
            *y += heights.get(i).copied().unwrap_or(100.0) + ROW_GAP;
            at
        })
        .collect()
}
