//! What every provider's client shares, in no provider's module: a flow as
//! listed and a page of them, what a publish ends with (live or a draft),
//! what it will do (create or update), how it fails (keeping the binding of
//! a flow created before the failure), and the flow's binding for an
//! instance. The CCC and Connect clients and the service all import it; it
//! imports none of them.

use ivr_flow::{Binding, Flow, Provider};
use serde::Serialize;

use crate::error::CloudError;

/// A flow as listed, in the same shape for every provider.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct RemoteFlow {
    pub id: String,
    pub name: String,
    /// The provider's type name (`MAIN_FLOW`, `CONTACT_FLOW`, ...).
    pub r#type: String,
    pub description: String,
    pub published: bool,
    /// Someone has the flow open for editing (CCC drafts).
    pub editing: bool,
    /// That draft's id (CCC 2020).
    pub draft_id: Option<String>,
    /// Who edits it (CCC 2020).
    pub editor: Option<String>,
    pub updated: Option<String>,
}

/// One page of a listing.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct RemotePage {
    pub flows: Vec<RemoteFlow>,
    /// Flows matching the filter, on every page.
    pub total: usize,
    /// This page (from 1).
    pub page: usize,
    pub page_size: usize,
}

/// What a publish ends with (`saved` or `published` on the wire).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum PublishStatus {
    /// Committed as a draft, not published.
    Saved,
    /// Published (live).
    #[default]
    Published,
}

/// What a publish will do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PublishPlan {
    Create { instance: String },
    Update { instance: String, remote_id: String },
}

impl PublishPlan {
    /// Create or update, from the flow's binding for this provider and instance.
    pub fn of(flow: &Flow, provider: Provider, instance: &str) -> Self {
        match binding_for(flow, provider, instance) {
            Some(b) => PublishPlan::Update {
                instance: instance.to_owned(),
                remote_id: b.remote_id.clone(),
            },
            None => PublishPlan::Create {
                instance: instance.to_owned(),
            },
        }
    }
}

/// The flow's binding for `provider` and `instance`, if any.
pub fn binding_for<'a>(flow: &'a Flow, provider: Provider, instance: &str) -> Option<&'a Binding> {
    flow.bindings
        .iter()
        .find(|b| b.provider == provider && b.instance == instance)
}

/// A failed publish. When the flow had been created before the failure,
/// `created` is its binding, so the caller can record it and the next
/// publish updates that flow instead of creating another.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{error}")]
pub struct PublishFailure {
    pub error: CloudError,
    pub created: Option<Box<Binding>>,
}

impl From<CloudError> for PublishFailure {
    fn from(error: CloudError) -> Self {
        PublishFailure {
            error,
            created: None,
        }
    }
}
