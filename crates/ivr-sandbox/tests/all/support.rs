//! What the sandbox's wire tests share: a sandbox started on a data folder,
//! and an HTTP client that gives up after [`LIMIT`].
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::time::Duration;

use ivr_sandbox::{Sandbox, SandboxConfig, SandboxHandle};

/// How long one request may take.
pub const LIMIT: Duration = Duration::from_secs(10);

/// A sandbox on loopback with its state in `dir`.
pub async fn start(dir: &Path) -> SandboxHandle {
    Sandbox::start(SandboxConfig::new(dir)).await.unwrap()
}

/// An HTTP client that gives up after [`LIMIT`].
pub fn http() -> reqwest::Client {
    reqwest::Client::builder().timeout(LIMIT).build().unwrap()
}
