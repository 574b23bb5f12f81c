//! One log line per cloud call attempt: the provider, the action, the HTTP
//! status, the provider's request id and how long it took; a failure adds
//! its kind, code and message (with the transport's cause chain).
//!
//! Only these fields are logged: never a URL's query (it can carry a signed
//! STS token), a header, a signature or a body. The messages are the ones a
//! designer is shown, which carry nothing secret either (the keyring leak
//! test reads the log files to prove it).

use std::time::Instant;

use ivr_flow::Provider;

use crate::error::CloudError;

/// The `target` of every call line, for `IVR_LOG=ivr::cloud=debug`.
pub const TARGET: &str = "ivr::cloud";

/// A call on its way: started now, logged once when it ends.
pub(crate) struct Call<'a> {
    provider: Provider,
    action: &'a str,
    started: Instant,
}

impl<'a> Call<'a> {
    /// Starts timing `action` (an API name such as `CreateContactFlow`, or a
    /// path) of `provider`.
    pub(crate) fn start(provider: Provider, action: &'a str) -> Self {
        Call {
            provider,
            action,
            started: Instant::now(),
        }
    }

    fn ms(&self) -> u64 {
        u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    /// The provider answered with success.
    pub(crate) fn answered(&self, status: u16, request_id: Option<&str>) {
        tracing::info!(
            target: TARGET,
            provider = %self.provider,
            action = %self.action,
            status,
            request_id = %request_id.unwrap_or("-"),
            ms = self.ms(),
            "call answered"
        );
    }

    /// The call failed: refused, throttled, or never answered.
    pub(crate) fn failed(&self, e: &CloudError) {
        tracing::warn!(
            target: TARGET,
            provider = %self.provider,
            action = %self.action,
            status = %e.status().map_or_else(|| "-".to_owned(), |s| s.to_string()),
            request_id = %e.request_id().unwrap_or("-"),
            ms = self.ms(),
            kind = %e.kind().as_str(),
            code = %e.code().unwrap_or("-"),
            error = %e.message().en,
            "call failed"
        );
    }
}

/// Logs `result`'s failure, if it is one, on `call`, and hands it on.
pub(crate) fn failure<T, E: AsRef<CloudError>>(
    call: &Call<'_>,
    result: Result<T, (E, Option<std::time::Duration>)>,
) -> Result<T, (E, Option<std::time::Duration>)> {
    if let Err((e, _)) = &result {
        call.failed(e.as_ref());
    }
    result
}
