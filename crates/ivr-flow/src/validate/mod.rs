//! Validation: graph rules (petgraph), field rules from the catalog, and the
//! limits of each target provider. Linear in the size of the flow: every rule
//! looks at each block, exit and line a bounded number of times.

mod fields;
mod graph;
mod index;
mod msg;
mod target;

use crate::model::{Flow, Provider};
use crate::problem::Problem;

pub use target::{TargetLimits, content_size_problem, keeps_notes, limits_of};

/// Checks a flow against the rules every flow must follow.
pub fn validate(flow: &Flow) -> Vec<Problem> {
    validate_for(flow, None)
}

/// Checks a flow, and, with a target, against that provider's limits too.
/// Problems come in rule order, and within a rule in the flow's own order.
pub fn validate_for(flow: &Flow, target: Option<Provider>) -> Vec<Problem> {
    let mut out = Vec::new();
    let ix = index::FlowIndex::build(flow, &mut out);
    graph::check(flow, &ix, &mut out);
    fields::check(flow, &ix, &mut out);
    if let Some(target) = target {
        target::check(flow, &ix, target, &mut out);
    }
    for p in &mut out {
        p.place = msg::place(flow, &ix, p);
    }
    out
}
