//! Validation: graph rules (petgraph), field rules from the catalog, and the
//! limits of each target provider.

use crate::model::{Flow, Provider};
use crate::problem::Problem;

/// Checks a flow against the rules every flow must follow.
pub fn validate(flow: &Flow) -> Vec<Problem> {
    validate_for(flow, None)
}

/// Checks a flow, and, with a target, against that provider's limits too.
pub fn validate_for(_flow: &Flow, _target: Option<Provider>) -> Vec<Problem> {
    Vec::new()
}
