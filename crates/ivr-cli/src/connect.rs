//! The Amazon Connect side of `ivr publish` (listing and importing are in
//! `ivr_cloud::service::remote`, shared with the app): a publish refused
//! with InvalidContactFlowException prints each problem with the block it
//! names, and one refused with DuplicateResourceException says how to bind
//! to the existing flow.

use ivr_cloud::ccc::{PublishFailure, PublishStatus};
use ivr_cloud::connect::ConnectClient;
use ivr_flow::{Binding, Flow};

/// Publishes, printing Connect's problems (with their blocks) and, for a
/// name that is taken, how to bind to that flow.
pub async fn publish(
    c: &ConnectClient,
    flow: &Flow,
    status: PublishStatus,
    bind_existing: bool,
) -> Result<Binding, PublishFailure> {
    match c.publish(flow, status, bind_existing).await {
        Ok(b) => Ok(b),
        Err(e) => {
            for p in &e.problems {
                match (&p.node, &p.action) {
                    (Some(node), _) => {
                        eprintln!("ivr publish: problem at block {node}: {}", p.message)
                    }
                    (None, Some(action)) => {
                        eprintln!("ivr publish: problem at action {action}: {}", p.message)
                    }
                    (None, None) => eprintln!("ivr publish: problem: {}", p.message),
                }
            }
            if let Some(existing) = &e.existing {
                eprintln!(
                    "ivr publish: a flow named {:?} already exists (id {}); run again with \
                     --bind-existing to bind this file to it and update it, or rename the flow",
                    existing.name, existing.id
                );
            }
            Err(e.into())
        }
    }
}
