//! The IVR flow engine: the flow model and its file format, the block catalog,
//! validation, and (as they land) the providers' dialects.
//!
//! Pure: no I/O, no async, no Tauri. Everything here is a function of its
//! arguments, so the app, the `ivr` command and the tests share one engine.

pub mod catalog;
pub mod dialect;
pub mod diff;
pub mod file;
pub mod i18n;
pub mod json;
pub mod model;
mod naming;
pub mod problem;
pub mod render;
pub mod sim;
pub mod spread;
pub mod starter;
#[cfg(feature = "test-support")]
pub mod synth;
pub mod validate;

pub use catalog::{Catalog, catalog};
pub use file::{FlowFileError, from_bytes, to_bytes};
pub use i18n::Text;
pub use model::{Binding, Edge, Flow, FlowKind, Node, PortRef, Position, Provider};
pub use problem::{Code, Problem, Severity};
pub use starter::starter_flow;
pub use validate::{validate, validate_for};
