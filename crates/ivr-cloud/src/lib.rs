//! Cloud providers: request signing, typed clients, profiles and the credential store.
//!
//! This crate is Tauri-free and depends only on `ivr-flow`. One small module per
//! concern:
//! - [`error`]: the one [`CloudError`] every call returns, with the provider's
//!   code, message and request id kept intact.
//! - [`secret`]: [`Secret`], a string that never prints itself.
//! - [`sign`]: the three request signers (Alibaba Cloud RPC V1, NXLink MD5/SHA-256,
//!   AWS SigV4 through the official `aws-sigv4` crate), each with a verify side
//!   for the sandbox.
//! - [`endpoint`]: endpoint overrides (https, or plain http on loopback only).
//! - [`profile`] and [`profiles_file`]: connection profiles and the TOML file
//!   they live in (never a secret).
//! - [`http`]: the shared HTTP layer: timeouts, retries with backoff and jitter.
//! - [`ccc`]: the Alibaba Cloud CCC client: list, get, publish.
//! - [`connect`]: the Amazon Connect client: list, describe, publish.
//! - [`nxlink`]: the NXLink client: AI agents, routes, outbound tasks and
//!   their call lists (chunked, confirmed creates, progress).
//! - [`confirm`]: a create that is never repeated blindly (look it up first).
//! - [`credentials`]: the OS keyring behind the [`SecretStore`] trait, mock
//!   stores for tests, and the environment-variable overrides.
//! - [`service`]: what the app and the CLI share above the clients:
//!   connections (with the built-in sandbox profiles), listing, importing
//!   and publishing flows.

pub mod call_log;
pub mod ccc;
pub mod confirm;
pub mod connect;
pub mod credentials;
pub mod endpoint;
pub mod error;
pub mod http;
pub mod nxlink;
pub mod profile;
pub mod profiles_file;
pub mod remote;
pub mod secret;
pub mod service;
pub mod sign;
#[cfg(any(test, feature = "test-support"))]
pub mod test_support;

pub use credentials::{CredentialSource, Credentials, KeyringStore, SecretStatus, SecretStore};
pub use error::{CloudError, ErrorKind};
pub use profile::Profile;
pub use profiles_file::ProfilesFile;
pub use secret::Secret;
