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
//! - [`reply`]: what the server sends back for one call, as a provider
//!   module answers it.
//! - [`acs`]: Alibaba Cloud's RPC gateway (signature V1, timestamps, nonces,
//!   error bodies), shared by the CCC APIs.
//! - [`ccc`]: CCC's contact-flow APIs, 2020-07-01 and (in [`ccc::v2017`])
//!   the legacy 2017-07-05 ones, on one state.
//! - [`aws`]: the AWS gateway (SigV4 in the Authorization header, the
//!   5-minute date window, `x-amzn-ErrorType` error bodies).
//! - [`connect`]: Amazon Connect's contact-flow REST API.
//! - [`nxlink`]: NXLink's AI-agent outbound task API (NXLink's signature and
//!   60-second window, demo agents and routes, tasks and their contacts).
//!
//! [`server`] routes `/openapi/aiagent/...` to [`nxlink`], CCC's RPC
//! (`POST /` with query / form parameters) to [`ccc`] and every other path
//! (Connect's REST routes) to [`connect`].
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
mod config;
pub mod connect;
pub mod faults;
pub mod nxlink;
pub mod reply;
pub mod server;
pub mod store;

pub use config::{SandboxConfig, SandboxError, clock};
pub use faults::{Fault, FaultKind, Faults};
pub use server::{Sandbox, SandboxHandle};
