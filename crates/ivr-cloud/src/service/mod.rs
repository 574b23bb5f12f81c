//! What the desktop app and the `ivr` command share above the provider
//! clients: the connections (saved profiles plus the built-in "Local
//! sandbox" ones), a client chosen by provider, the remote flows of an
//! instance (listed, paged, imported as documents), and a publish that
//! returns the flow with its binding recorded.
//!
//! - [`connections`]: profiles with their secret status (never the secret),
//!   save / remove with the secret written only to the [`SecretStore`], the
//!   built-in sandbox profiles, and the client for a profile.
//! - [`remote`]: the one-item test call, listing with type / search / pages,
//!   and importing flows decoded with the provider's dialect and bound.
//! - [`publish`]: the plan (create or update, which instance), the checks
//!   for the target, the publish and the binding written into the flow.
//!
//! Everything here blocks on the keyring only through [`SecretStore`]; async
//! callers run those parts with `spawn_blocking`.
//!
//! [`SecretStore`]: crate::credentials::SecretStore

pub mod client;
pub mod connections;
pub mod publish;
pub mod remote;
pub mod tasks;

pub use client::{Client, client};
pub use connections::{
    Connections, ProfileView, SANDBOX_NXLINK, SANDBOX_PROFILES, sandbox_nxlink_profile,
    sandbox_profiles,
};
pub use publish::{
    PlanView, PublishOptions, PublishOutcome, PublishRefusal, record_binding, write_bound,
};
pub use remote::ImportedFlow;
