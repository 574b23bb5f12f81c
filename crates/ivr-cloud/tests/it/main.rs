//! ivr-cloud's integration tests, one binary: the provider clients against
//! the sandbox over loopback (short timeouts, faults), and the signers'
//! verify side fed anything. Shared helpers in [`support`].
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

mod ccc_client;
mod connect_client;
mod nxlink_client;
mod verify_never_panics;
