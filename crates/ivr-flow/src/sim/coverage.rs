//! Which exits of which blocks a suite of test cases took, and the ones it
//! never took, in the designer's words.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::cases::CaseResult;
use super::compiled::Compiled;
use crate::i18n::Text;

/// One exit of one block.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct ExitRef {
    pub block: String,
    pub exit: String,
    /// `"Main menu" → Timeout`.
    pub name: Text,
}

/// A suite's coverage of a flow's exits.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct Coverage {
    pub total: u32,
    pub taken: u32,
    /// Exits no case took, in the flow's order.
    pub never: Vec<ExitRef>,
}

/// The coverage of `flow`'s exits by `results`.
pub fn coverage(flow: &Compiled, results: &[CaseResult]) -> Coverage {
    let taken: HashSet<(&str, &str)> = results
        .iter()
        .flat_map(|r| r.taken.iter().map(|(b, e)| (b.as_str(), e.as_str())))
        .collect();
    coverage_of(flow, |b, e| taken.contains(&(b, e)))
}

/// The coverage of `flow`'s exits, `was_taken` saying which were.
pub fn coverage_of(flow: &Compiled, was_taken: impl Fn(&str, &str) -> bool) -> Coverage {
    let mut total = 0;
    let mut hit = 0;
    let mut never = Vec::new();
    for (i, node) in flow.flow().nodes.iter().enumerate() {
        for exit in flow.exits(i) {
            total += 1;
            if was_taken(&node.id, &exit) {
                hit += 1;
            } else {
                let (b, e) = (flow.block_name(i), flow.exit_name(i, &exit));
                never.push(ExitRef {
                    block: node.id.clone(),
                    name: Text::new(
                        format!("{} → {}", b.en, e.en),
                        format!("{} → {}", b.zh, e.zh),
                    ),
                    exit,
                });
            }
        }
    }
    Coverage {
        total,
        taken: hit,
        never,
    }
}
