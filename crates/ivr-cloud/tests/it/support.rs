//! What the client tests share: an HTTP configuration with short timeouts
//! and quick retries, and a flow under a given name.

use std::time::Duration;

use ivr_cloud::http::{HttpConfig, RetryPolicy};
use ivr_flow::Flow;

/// Short timeouts and quick retries, so fault tests take milliseconds.
pub fn fast_http() -> HttpConfig {
    HttpConfig {
        connect_timeout: Duration::from_secs(2),
        request_timeout: Duration::from_millis(400),
        retry: RetryPolicy {
            max_attempts: 3,
            base: Duration::from_millis(20),
            cap: Duration::from_millis(100),
            max_retry_after: Duration::from_millis(100),
        },
    }
}

/// The starter flow under another name.
pub fn named_flow(name: &str) -> Flow {
    let mut f = ivr_flow::starter_flow();
    f.name = name.into();
    f
}
