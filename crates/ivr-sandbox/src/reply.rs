//! What the server sends back for one call, as a provider module answers it.

use std::time::Duration;

use serde_json::Value;

/// What the server sends back for one call.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub body: Value,
    pub headers: Vec<(&'static str, String)>,
    /// Close the connection instead of answering (the action was done).
    pub drop: bool,
    /// Wait this long first.
    pub delay: Duration,
}
