//! The `ivr` command's tests, one binary: the real binary run against the
//! sandbox over loopback for each provider (publish, list, import, faults),
//! on the corpus of real flows, and `ivr validate`. Shared set-up (the
//! sandbox, a config folder, running `ivr`) in [`support`].
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

mod ccc_e2e;
mod ccc_faults;
mod conflict_e2e;
mod connect_e2e;
mod corpus_e2e;
mod diff_cli;
mod history_cli;
mod log_cli;
mod render_cli;
mod task_e2e;
mod test_cli;
mod validate_cli;
