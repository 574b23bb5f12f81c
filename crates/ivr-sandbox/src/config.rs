//! How to run a sandbox ([`SandboxConfig`]), the clock it keeps, and why it
//! could not start ([`SandboxError`]).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use ivr_cloud::Secret;
use ivr_cloud::credentials::{SANDBOX_KEY_ID, SANDBOX_SECRET};

/// How to run a sandbox.
#[derive(Clone, Debug)]
pub struct SandboxConfig {
    /// Where to listen. Must be a loopback address; port 0 picks a free port.
    pub addr: SocketAddr,
    /// The data folder (created if missing); state survives a restart.
    pub data_dir: PathBuf,
    /// Accepted access key ids and their secrets.
    pub credentials: Vec<(String, Secret)>,
    /// How far a request's Timestamp may be from the sandbox's clock.
    pub timestamp_tolerance_secs: u64,
    /// How far the sandbox's clock is from this machine's, in seconds (for
    /// clock-skew tests): it checks timestamps and writes its `Date` header
    /// with the shifted clock.
    pub clock_offset_secs: i64,
}

impl SandboxConfig {
    /// Listens on `127.0.0.1:0` with the documented demo credentials
    /// (`sandbox` / `sandbox-secret`) and a ±15 minute timestamp window.
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        SandboxConfig {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            data_dir: data_dir.into(),
            credentials: vec![(SANDBOX_KEY_ID.to_owned(), Secret::new(SANDBOX_SECRET))],
            timestamp_tolerance_secs: 15 * 60,
            clock_offset_secs: 0,
        }
    }

    /// The same, listening on `addr`.
    #[must_use]
    pub fn with_addr(mut self, addr: SocketAddr) -> Self {
        self.addr = addr;
        self
    }
}

/// The sandbox's clock: this machine's, shifted by `offset_secs`.
pub fn clock(offset_secs: i64) -> SystemTime {
    let now = SystemTime::now();
    let by = Duration::from_secs(offset_secs.unsigned_abs());
    if offset_secs >= 0 {
        now + by
    } else {
        now.checked_sub(by).unwrap_or(now)
    }
}

/// Why the sandbox could not start.
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("the sandbox listens only on loopback addresses, not {0}")]
    NotLoopback(SocketAddr),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("data folder {}: {message}", path.display())]
    Data { path: PathBuf, message: String },
}
