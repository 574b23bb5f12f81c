//! NXLink's AI-agent outbound OpenAPI on loopback, with state in
//! `nxlink.json` and agents and routes from [`directory`].
//!
//! Every call is `POST /openapi/aiagent/...` with a JSON body, checked as
//! NXLink's gateway does ([`ivr_cloud::sign::nxlink::verify`]): headers
//! present (1001), `bizType` / `action` / `ts` well formed (1002), `ts`
//! within 60 s of the sandbox's clock (1004), the signature over the exact
//! body bytes (1003). Answers are the envelope `{code, message, traceId,
//! data}`, HTTP 200 also for refusals, as NXLink answers. Only a call the
//! gateway lets through uses up a fault switch; the switches' action names
//! are the path after `/openapi/aiagent/` (`task/create`, `call/append`,
//! ...). Throttling answers HTTP 429 with code 429 and `retry-after: 1`; a
//! failure HTTP 500 with code 500 (neither is documented by NXLink).
//!
//! - [`calls`]: the seven endpoints and the contact checks.
//! - [`state`]: tasks and their contacts.
//! - [`directory`]: demo agents (with their flows' variables) and routes.

pub mod calls;
pub mod directory;
pub mod state;

use std::sync::atomic::AtomicU64;
use std::time::Duration;

use hyper::HeaderMap;
use ivr_cloud::Secret;
use ivr_cloud::sign::nxlink::verify;
use serde_json::{Value, json};

use crate::acs::new_request_id;
use crate::config::{SandboxConfig, SandboxError, clock};
use crate::faults::{Faults, Plan};
use crate::reply::Reply;
use crate::store::Store;
pub use directory::Directory;
pub use state::NxState;

/// Where NXLink's API lives.
pub const PREFIX: &str = "/openapi/aiagent/";

/// Whether a request is for NXLink.
pub fn is_nxlink_request(path: &str) -> bool {
    path.starts_with(PREFIX)
}

/// A refusal: HTTP status, envelope code and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NxError {
    pub status: u16,
    pub code: i64,
    pub message: String,
}

impl NxError {
    /// A refusal answered with HTTP 200, as NXLink answers its own codes.
    pub fn new(code: i64, message: impl Into<String>) -> Self {
        NxError {
            status: 200,
            code,
            message: message.into(),
        }
    }

    /// 1002, a parameter error.
    pub fn parameter(message: impl Into<String>) -> Self {
        NxError::new(1002, message)
    }

    /// 20000, a business error.
    pub fn business(message: impl Into<String>) -> Self {
        NxError::new(20000, message)
    }
}

/// The NXLink provider of the sandbox.
#[derive(Debug)]
pub struct Nxlink {
    credentials: Vec<(String, Secret)>,
    clock_offset_secs: i64,
    next_trace: AtomicU64,
    directory: Directory,
    store: Store<NxState>,
}

impl Nxlink {
    pub fn open(config: &SandboxConfig) -> Result<Self, SandboxError> {
        Ok(Nxlink {
            credentials: config.credentials.clone(),
            clock_offset_secs: config.clock_offset_secs,
            next_trace: AtomicU64::new(0),
            directory: Directory::load(&config.data_dir)?,
            store: Store::open(&config.data_dir, "nxlink")?,
        })
    }

    /// Handles one call to `path`: the gateway's checks, then the fault
    /// switches, then the endpoint.
    pub fn handle(
        &self,
        method: &str,
        path: &str,
        headers: &HeaderMap,
        body: &[u8],
        faults: &Faults,
    ) -> Reply {
        let trace = new_request_id(&self.next_trace);
        let action = path.strip_prefix(PREFIX).unwrap_or(path);
        let mut plan = Plan::default();
        let result = self.call(method, action, headers, body, || {
            plan = faults.take(action);
            plan.clone()
        });
        let (status, body, headers) = match result {
            Ok(data) => (
                200,
                json!({"code": 0, "message": "success", "traceId": trace, "data": data}),
                Vec::new(),
            ),
            Err(e) => {
                let headers = if e.status == 429 {
                    vec![("retry-after", "1".to_owned())]
                } else {
                    Vec::new()
                };
                (
                    e.status,
                    json!({"code": e.code, "message": e.message, "traceId": trace}),
                    headers,
                )
            }
        };
        Reply {
            status,
            body,
            headers,
            drop: plan.drop && status == 200,
            delay: Duration::from_millis(plan.delay_ms),
        }
    }

    fn call(
        &self,
        method: &str,
        action: &str,
        headers: &HeaderMap,
        body: &[u8],
        take_faults: impl FnOnce() -> Plan,
    ) -> Result<Value, NxError> {
        if method != "POST" {
            return Err(NxError {
                status: 405,
                code: 405,
                message: "NXLink's OpenAPI takes POST".into(),
            });
        }
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let secret_for = |key: &str| {
            self.credentials
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, s)| s.clone())
        };
        verify(header, body, secret_for, clock(self.clock_offset_secs))
            .map_err(|e| NxError::new(i64::from(e.code()), e.to_string()))?;
        let plan = take_faults();
        if plan.throttle {
            return Err(NxError {
                status: 429,
                code: 429,
                message: "Too many requests, please try again later".into(),
            });
        }
        if plan.fail {
            return Err(NxError {
                status: 500,
                code: 500,
                message: "Internal server error".into(),
            });
        }
        let request: Value = serde_json::from_slice(body)
            .map_err(|e| NxError::parameter(format!("the body is not JSON: {e}")))?;
        let save_err = |m: String| NxError {
            status: 500,
            code: 500,
            message: m,
        };
        let now_ms = clock(self.clock_offset_secs)
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
            .unwrap_or(0);
        let dir = &self.directory;
        match action {
            "flow/list" => calls::flow_list(dir, &request),
            "route/list" => calls::route_list(dir, &request),
            "task/list" => self.store.read(|s| calls::task_list(s, &request)),
            "call/list" => self.store.read(|s| calls::call_list(s, &request)),
            "task/create" => self
                .store
                .update(|s| calls::task_create(s, dir, &request, now_ms), save_err),
            "call/append" => self
                .store
                .update(|s| calls::call_append(s, dir, &request), save_err),
            "order/delete" => self
                .store
                .update(|s| calls::order_delete(s, &request), save_err),
            _ => Err(NxError {
                status: 404,
                code: 404,
                message: format!("no such API: {PREFIX}{action}"),
            }),
        }
    }
}
