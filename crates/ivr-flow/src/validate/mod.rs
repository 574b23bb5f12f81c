//! Validation: graph rules (petgraph), field rules from the catalog, and the
//! limits of each target provider. Linear in the size of the flow: every rule
//! looks at each block, exit and line a bounded number of times.

mod fields;
mod graph;
mod index;
mod target;

use crate::i18n::Text;
use crate::model::{Flow, Provider};
use crate::naming;
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
        p.place = place(flow, &ix, p);
    }
    out
}

/// Where a problem is, as the problems list shows it: its block by name,
/// the exit and the setting by the names the block shows (`Block Collect
/// digits 3 · exit Timeout`); a block the flow does not hold (a line to
/// nowhere) by its id, since it has no other name.
fn place(flow: &Flow, ix: &index::FlowIndex<'_>, p: &Problem) -> Option<Text> {
    let node = p.node.as_deref()?;
    let Some(&i) = ix.by_id.get(node) else {
        return Some(Text::new(format!("Block {node}"), format!("模块 {node}")));
    };
    let (n, spec) = (&flow.nodes[i], ix.specs[i]);
    let (name_en, name_zh) = naming::block_name(n, spec, ix.ordinals[i]);
    let mut en = format!("Block {name_en}");
    let mut zh = format!("模块 {name_zh}");
    if let Some(port) = &p.port {
        let exit = naming::exit_name(n, spec, port);
        en.push_str(&format!(" · exit {}", exit.en));
        zh.push_str(&format!(" · 出口 {}", exit.zh));
    }
    if let Some(field) = &p.field {
        let setting = spec.and_then(|s| s.param(field)).map_or_else(
            || Text::new(field.clone(), field.clone()),
            |ps| ps.name.clone(),
        );
        en.push_str(&format!(" · setting {}", setting.en));
        zh.push_str(&format!(" · 设置 {}", setting.zh));
    }
    Some(Text { en, zh })
}
