//! The NXLink client (AI-agent outbound OpenAPI, reference/nxlink.md).
//!
//! Every call is a POST of a JSON body to a path under the gateway (the
//! profile's region: `hk`, `amer`, `idn`, or its endpoint override, e.g. the
//! sandbox). [`NxlinkClient::call`] serialises the body once, signs those
//! bytes afresh on every attempt ([`crate::sign::nxlink`]) and sends the same
//! bytes through the shared [`crate::http::Http`]; the `{code, message,
//! traceId, data}` answer is read by [`envelope`]. Throttling and, for calls
//! a repeat cannot duplicate, 5xx / timeouts / dropped connections are
//! retried with [`crate::http::RetryPolicy`].
//!
//! - [`envelope`]: the answer envelope and its codes as [`CloudError`]s.
//! - [`lists`]: AI agents (`flow/list`) and call routes (`route/list`),
//!   every page.
//! - [`tasks`]: `task/create` (confirmed through `task/list` by
//!   `userTaskId`), `task/list`, `call/append`, `call/list`, `order/delete`.
//! - [`send_list`]: a whole call list as a create with the first chunk and
//!   `call/append` chunks, with progress and one merged result.

pub mod envelope;
pub mod lists;
pub mod send_list;
pub mod tasks;

use std::time::SystemTime;

use ivr_flow::{Provider, Text};
use serde_json::Value;
use url::Url;

use crate::call_log::{self, Call};
use crate::credentials::Credentials;
use crate::error::CloudError;
use crate::http::{Http, HttpConfig, Repeat, retrying};
use crate::profile::Profile;
use crate::sign::nxlink::{Algorithm, sign};

pub use lists::{Agent, Route};
pub use send_list::{ListResult, SendOptions};
pub use tasks::{Appended, CreatedTask, RefusedRow, TaskSummary};

/// The paths of the calls (all POST).
pub mod path {
    /// AI agents: `name`, `pageNumber`, `pageSize` (at most 1,000).
    pub const FLOW_LIST: &str = "/openapi/aiagent/flow/list";
    /// Call routes: `routeName`, `pageNumber`, `pageSize`.
    pub const ROUTE_LIST: &str = "/openapi/aiagent/route/list";
    /// Create an outbound task (seed 004).
    pub const TASK_CREATE: &str = "/openapi/aiagent/task/create";
    /// List tasks: `taskName`, `taskStatus`, `createStartTs`, `createEndTs`, paging.
    pub const TASK_LIST: &str = "/openapi/aiagent/task/list";
    /// Append contacts to a task: `taskId`, `countryCode`, `list`.
    pub const CALL_APPEND: &str = "/openapi/aiagent/call/append";
    /// Call records of a task: `taskId`, `startTs`/`endTs`, `phone`, `callResult`, paging.
    pub const CALL_LIST: &str = "/openapi/aiagent/call/list";
    /// Delete a contact not yet called: `taskId` or `userTaskId`, `contactId`.
    pub const ORDER_DELETE: &str = "/openapi/aiagent/order/delete";
}

/// A client for one NXLink profile.
#[derive(Debug, Clone)]
pub struct NxlinkClient {
    http: Http,
    base: Url,
    creds: Credentials,
    profile: String,
}

impl NxlinkClient {
    /// A client for `profile` (provider `nxlink`) signing with `creds`, with
    /// the default timeouts and retries.
    pub fn new(profile: &Profile, creds: Credentials) -> Result<Self, CloudError> {
        Self::with_config(profile, creds, HttpConfig::default())
    }

    /// The same with explicit timeouts and retries.
    pub fn with_config(
        profile: &Profile,
        creds: Credentials,
        config: HttpConfig,
    ) -> Result<Self, CloudError> {
        profile.expect_provider(&[Provider::Nxlink], ("NXLink", "NXLink"))?;
        Ok(NxlinkClient {
            http: Http::new(config)?,
            base: profile.base_url()?,
            creds,
            profile: profile.name.clone(),
        })
    }

    pub fn profile(&self) -> &str {
        &self.profile
    }
    /// The gateway (or endpoint override) calls go to.
    pub fn base(&self) -> &Url {
        &self.base
    }

    /// The URL of `path` under the gateway.
    fn url(&self, path: &str) -> Url {
        let mut url = self.base.clone();
        let joined = format!("{}{path}", url.path().trim_end_matches('/'));
        url.set_path(&joined);
        url
    }

    /// The request this client sends to `path` with `body` (the exact bytes),
    /// signed at `time`: what every call goes through, public so tests can
    /// check the signing path against the sandbox (a stale time, a changed
    /// byte).
    pub fn signed_request(
        &self,
        path: &str,
        body: &[u8],
        time: SystemTime,
    ) -> Result<http::Request<Vec<u8>>, CloudError> {
        let mut builder = http::Request::builder()
            .method(http::Method::POST)
            .uri(self.url(path).as_str())
            .header(http::header::CONTENT_TYPE, "application/json")
            .header(http::header::ACCEPT, "application/json");
        for (name, value) in sign(
            &self.creds.key_id,
            &self.creds.secret,
            time,
            body,
            Algorithm::Md5,
        ) {
            builder = builder.header(name, value);
        }
        builder.body(body.to_vec()).map_err(|e| {
            CloudError::config(Text::new(
                format!("cannot build the request: {e}"),
                format!("无法构造请求：{e}"),
            ))
        })
    }

    /// Calls `path` with `body`, retrying as `repeat` allows. The body is
    /// serialised once; every attempt signs and sends those bytes. Returns
    /// the envelope's `data` (`null` when it has none).
    pub async fn call(
        &self,
        path: &str,
        body: &Value,
        repeat: Repeat,
    ) -> Result<Value, CloudError> {
        let bytes = body.to_string().into_bytes();
        let policy = self.http.config.retry.clone();
        retrying(&policy, repeat, || self.attempt(path, &bytes)).await
    }

    async fn attempt(
        &self,
        path: &str,
        body: &[u8],
    ) -> Result<Value, (CloudError, Option<std::time::Duration>)> {
        let call = Call::start(Provider::Nxlink, path);
        let result = self.send(&call, path, body).await;
        call_log::failure(&call, result)
    }

    async fn send(
        &self,
        call: &Call<'_>,
        path: &str,
        body: &[u8],
    ) -> Result<Value, (CloudError, Option<std::time::Duration>)> {
        let sent_at = SystemTime::now();
        let req = self
            .signed_request(path, body, sent_at)
            .map_err(|e| (e, None))?;
        let (parts, bytes) = req.into_parts();
        let (res, _) = self
            .http
            .send(
                Provider::Nxlink,
                parts.method,
                &self.url(path),
                parts.headers,
                bytes,
            )
            .await
            .map_err(|e| (e, None))?;
        let (data, trace) =
            envelope::read_traced(&res, sent_at).map_err(|e| (e, res.retry_after))?;
        call.answered(res.status, trace.as_deref());
        Ok(data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn profile(region: Option<&str>, endpoint: Option<&str>) -> Profile {
        Profile {
            region: region.map(str::to_owned),
            endpoint: endpoint.map(str::to_owned),
            ..Profile::new("nx", Provider::Nxlink)
        }
    }

    #[test]
    fn the_gateway_comes_from_the_region_or_the_endpoint() {
        let c =
            NxlinkClient::new(&profile(Some("idn"), None), Credentials::sandbox_demo()).unwrap();
        assert_eq!(
            c.url(path::TASK_CREATE).as_str(),
            "https://api-idn.nxlink.ai/openapi/aiagent/task/create"
        );
        let c = NxlinkClient::new(
            &profile(None, Some("http://127.0.0.1:8700")),
            Credentials::sandbox_demo(),
        )
        .unwrap();
        assert_eq!(
            c.url(path::FLOW_LIST).as_str(),
            "http://127.0.0.1:8700/openapi/aiagent/flow/list"
        );
        let other = Profile {
            region: Some("cn-shanghai".into()),
            instance: Some("i".into()),
            ..Profile::new("c", Provider::Aliyun)
        };
        let e = NxlinkClient::new(&other, Credentials::sandbox_demo()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Config);
    }

    #[test]
    fn a_request_carries_the_signed_headers_and_never_the_secret() {
        let c = NxlinkClient::new(&profile(Some("hk"), None), Credentials::sandbox_demo()).unwrap();
        let req = c
            .signed_request(path::TASK_LIST, b"{}", SystemTime::now())
            .unwrap();
        let h = req.headers();
        assert_eq!(h["action"], "nxai");
        assert_eq!(h["bizType"], "100");
        assert_eq!(h["sign"].len(), 32);
        let all = format!("{:?}{:?}", req.headers(), req.uri());
        assert!(!all.contains(crate::credentials::SANDBOX_SECRET), "{all}");
    }

    #[test]
    fn the_calls_are_send_futures() {
        fn send<T: Send>(_: T) {}
        let c = NxlinkClient::new(&profile(Some("hk"), None), Credentials::sandbox_demo()).unwrap();
        let (task, list) = (serde_json::json!({}), Vec::new());
        send(c.create_with_list(&task, &list, &SendOptions::default(), |_, _| {}));
        send(c.create_task(&task));
        send(c.append("t", None, &list));
        send(c.tasks(None));
        send(c.agents(""));
        send(c.routes(""));
        send(c.call_records("t"));
        send(c.delete_contact("t", "c"));
    }
}
