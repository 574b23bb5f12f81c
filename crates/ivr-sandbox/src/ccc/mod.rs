//! Alibaba Cloud CCC's contact-flow APIs, 2020-07-01 and 2017-07-05, over the
//! [`crate::acs`] gateway, with state in `ccc.json`.
//!
//! This module checks a call at the gateway, applies the fault switches
//! and hands it to its version: [`v2020`] or [`v2017`]. Both versions share
//! one gateway and one [`state`]. Any InstanceId is accepted and created on
//! first use.

pub mod state;
pub mod v2017;
pub mod v2020;

use std::time::Duration;

use serde_json::{Value, json};

use crate::acs::{AcsError, Gateway, Params, param, required};
use crate::config::{SandboxConfig, SandboxError, clock};
use crate::faults::{Faults, Plan};
use crate::reply::Reply;
use crate::store::Store;
pub use state::{CccState, Draft, Flow2020, Instance};

/// The API version of [`v2020`].
pub const V2020: &str = "2020-07-01";
/// The API version of [`v2017`], the legacy one.
pub const V2017: &str = "2017-07-05";

/// The CCC provider of the sandbox.
#[derive(Debug)]
pub struct Ccc {
    gateway: Gateway,
    clock_offset_secs: i64,
    store: Store<CccState>,
}

impl Ccc {
    pub fn open(config: &SandboxConfig) -> Result<Self, SandboxError> {
        Ok(Ccc {
            gateway: Gateway::new(
                &config.credentials,
                Duration::from_secs(config.timestamp_tolerance_secs),
            ),
            store: Store::open(&config.data_dir, "ccc")?,
            clock_offset_secs: config.clock_offset_secs,
        })
    }

    /// Handles one RPC call: gateway checks, then the fault switches (only a
    /// request the gateway lets through uses one up), then the API.
    pub fn handle(&self, method: &str, params: &Params, faults: &Faults) -> Reply {
        let request_id = self.gateway.request_id();
        let action = param(params, "Action").unwrap_or_default().to_owned();
        let mut plan = Plan::default();
        let result = self.call(method, params, &action, || {
            plan = faults.take(&action);
            plan.clone()
        });
        let mut reply = match result {
            Ok(mut body) => {
                if let Value::Object(m) = &mut body {
                    m.insert("RequestId".into(), json!(request_id));
                }
                Reply {
                    status: 200,
                    body,
                    headers: Vec::new(),
                    drop: plan.drop,
                    delay: Duration::ZERO,
                }
            }
            Err(e) => Reply {
                status: e.status,
                body: e.body(&request_id),
                headers: e
                    .retry_after
                    .iter()
                    .map(|r| ("x-acs-retry-after", r.clone()))
                    .collect(),
                drop: false,
                delay: Duration::ZERO,
            },
        };
        reply.delay = Duration::from_millis(plan.delay_ms);
        reply
    }

    fn call(
        &self,
        method: &str,
        params: &Params,
        action: &str,
        take_faults: impl FnOnce() -> Plan,
    ) -> Result<Value, AcsError> {
        if !matches!(method, "GET" | "POST") {
            return Err(AcsError::new(
                405,
                "UnsupportedHTTPMethod",
                "RPC calls use GET or POST.",
            ));
        }
        let caller = self
            .gateway
            .authenticate(method, params, clock(self.clock_offset_secs))?;
        let plan = take_faults();
        if plan.throttle {
            let mut e = AcsError::new(
                400,
                "Throttling.User",
                "Request was denied due to user flow control.",
            );
            e.retry_after = Some("1".into());
            return Err(e);
        }
        if plan.fail {
            return Err(AcsError::new(
                500,
                "InternalError",
                "The request processing has failed due to some unknown error, exception or failure.",
            ));
        }
        let version = required(params, "Version")?;
        let instance = required(params, "InstanceId")?.to_owned();
        let save_err = |m: String| AcsError::new(500, "InternalError", m);
        match (version, action) {
            (V2020, "ListContactFlows") => self.store.read(|s| v2020::list(s, &instance, params)),
            (V2020, "GetContactFlow") => self.store.read(|s| v2020::get(s, &instance, params)),
            (V2020, "CreateContactFlow") => self
                .store
                .update(|s| v2020::create(s, &instance, params), save_err),
            (V2020, "StartEditContactFlow") => self.store.update(
                |s| v2020::start_edit(s, &instance, params, &caller),
                save_err,
            ),
            (V2020, "CommitContactFlow") => self
                .store
                .update(|s| v2020::commit(s, &instance, params), save_err),
            (V2020, "PublishContactFlow") => self
                .store
                .update(|s| v2020::publish(s, &instance, params), save_err),
            (V2020, "DiscardEditingContactFlow") => self
                .store
                .update(|s| v2020::discard(s, &instance, params), save_err),
            (V2017, "CreateContactFlow") => self
                .store
                .update(|s| v2017::create(s, &instance, params, &caller), save_err),
            (V2017, "CommitContactFlowVersionModification") => self
                .store
                .update(|s| v2017::commit(s, &instance, params, &caller), save_err),
            (V2017, "PublishContactFlowVersion") => self
                .store
                .update(|s| v2017::publish(s, &instance, params), save_err),
            (V2017, "ListContactFlows") => self.store.read(|s| Ok(v2017::list(s, &instance))),
            (V2020 | V2017, _) => Err(AcsError::new(
                404,
                "InvalidAction.NotFound",
                format!("Specified api {action} is not found, please check your url and method."),
            )),
            _ => Err(AcsError::new(
                400,
                "InvalidVersion",
                format!("Specified parameter Version {version} is not valid."),
            )),
        }
    }
}
