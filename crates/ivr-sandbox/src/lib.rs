//! The local cloud: the providers' flow APIs on loopback, with real signature
//! checks, state kept in a data folder and fault switches for tests.
//!
//! The client code path is the same for the sandbox and the cloud; only the
//! endpoint differs. Structure:
//! - [`server`]: the shared HTTP core (hyper on a loopback listener), request
//!   reading, routing to a provider module, the fault switches, shutdown.
//! - [`faults`]: throttle / fail / delay / drop switches, set in process
//!   through [`Faults`] or over HTTP at `/__sandbox/faults`.
//! - [`store`]: a provider's state as a JSON file in the data folder, written
//!   atomically on every change, read back on start.
//! - [`acs`]: Alibaba Cloud's RPC gateway (signature V1, timestamps, nonces,
//!   error bodies), shared by the CCC APIs.
//! - [`ccc`]: CCC's contact-flow APIs, 2020-07-01 and (in [`ccc::v2017`])
//!   the legacy 2017-07-05 ones, on one state.
//! - [`aws`]: the AWS gateway (SigV4 in the Authorization header, the
//!   5-minute date window, `x-amzn-ErrorType` error bodies).
//! - [`connect`]: Amazon Connect's contact-flow REST API.
//!
//! [`server`] routes CCC's RPC (`POST /` with query / form parameters) to
//! [`ccc`] and every other path (Connect's REST routes) to [`connect`].
//!
//! ```no_run
//! # async fn demo() -> Result<(), ivr_sandbox::SandboxError> {
//! use ivr_sandbox::{Fault, FaultKind, Sandbox, SandboxConfig};
//!
//! let sandbox = Sandbox::start(SandboxConfig::new("/tmp/ivr-sandbox")).await?;
//! // A profile's endpoint override: http://127.0.0.1:PORT
//! println!("{}", sandbox.endpoint());
//! // The next CreateContactFlow is done, but its answer is lost.
//! sandbox
//!     .faults()
//!     .push(Fault::new(FaultKind::Drop, 1).for_action("CreateContactFlow"));
//! sandbox.shutdown().await;
//! # Ok(())
//! # }
//! ```

pub mod acs;
pub mod aws;
pub mod ccc;
pub mod connect;
pub mod faults;
pub mod server;
pub mod store;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use ivr_cloud::Secret;
use ivr_cloud::credentials::{SANDBOX_KEY_ID, SANDBOX_SECRET};

pub use faults::{Fault, FaultKind, Faults};
pub use server::{Sandbox, SandboxHandle};

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
