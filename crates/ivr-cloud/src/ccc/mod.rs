//! The Alibaba Cloud CCC client (API 2020-07-01 and 2017-07-05).
//!
//! [`CccClient::call`] signs every attempt afresh (new nonce and timestamp,
//! [`crate::sign::ccc`]), POSTs the parameters as a form body (or, for
//! 2017's CreateContactFlow, the small ones in the query and Content /
//! Canvas in the body), reads the JSON answer and turns a refusal into a
//! [`CloudError`] with the provider's Code, Message and RequestId kept.
//! Throttling and, for calls a repeat cannot duplicate, 5xx / timeouts /
//! dropped connections are retried with [`crate::http::RetryPolicy`].
//! `IllegalTimestamp` is named as clock skew with the measured offset when
//! the server's `Date` header allows.
//!
//! - [`flows`]: ListContactFlows (every page), GetContactFlow.
//! - [`publish`]: create or update a flow, and 2017's CreateContactFlow.

pub mod flows;
pub mod publish;

use std::time::{Duration, SystemTime};

use ivr_flow::{Provider, Text};
use serde_json::Value;
use url::Url;

use crate::call_log::{self, Call};
use crate::credentials::Credentials;
use crate::error::{ClockSkew, CloudError, ErrorKind};
use crate::http::{Http, HttpConfig, Repeat, retrying};
use crate::profile::Profile;
use crate::sign::ccc::{RpcCredentials, encode_params, sign};
use crate::sign::percent_encode;

pub use flows::{ContactFlow, ListFilter};

/// API versions.
pub const V2020: &str = "2020-07-01";
pub const V2017: &str = "2017-07-05";

/// Region used for `RegionId` when a profile has none (endpoint override).
const DEFAULT_REGION: &str = "cn-shanghai";

/// A client for one profile's CCC instance.
#[derive(Debug, Clone)]
pub struct CccClient {
    http: Http,
    base: Url,
    creds: Credentials,
    provider: Provider,
    profile: String,
    region: String,
    instance: String,
}

impl CccClient {
    /// A client for `profile` (provider `aliyun` or `aliyun2017`) signing with
    /// `creds`, with the default timeouts and retries.
    pub fn new(profile: &Profile, creds: Credentials) -> Result<Self, CloudError> {
        Self::with_config(profile, creds, HttpConfig::default())
    }

    /// The same with explicit timeouts and retries.
    pub fn with_config(
        profile: &Profile,
        creds: Credentials,
        config: HttpConfig,
    ) -> Result<Self, CloudError> {
        profile.expect_provider(
            &[Provider::Aliyun, Provider::Aliyun2017],
            ("Alibaba Cloud CCC", "阿里云云联络中心"),
        )?;
        let instance = profile.instance_id()?;
        Ok(CccClient {
            http: Http::new(config)?,
            base: profile.base_url()?,
            creds,
            provider: profile.provider,
            profile: profile.name.clone(),
            region: profile
                .region
                .clone()
                .unwrap_or_else(|| DEFAULT_REGION.to_owned()),
            instance,
        })
    }

    pub fn instance(&self) -> &str {
        &self.instance
    }
    pub fn provider(&self) -> Provider {
        self.provider
    }
    pub fn profile(&self) -> &str {
        &self.profile
    }
    pub fn key_id(&self) -> &str {
        &self.creds.key_id
    }

    /// Calls `action` with `params` (InstanceId is added), retrying as
    /// `repeat` allows. Returns the whole JSON answer.
    pub async fn call(
        &self,
        version: &str,
        action: &str,
        params: &[(&str, &str)],
        repeat: Repeat,
    ) -> Result<Value, CloudError> {
        self.call_split(version, action, params, &[], repeat).await
    }

    /// Like [`CccClient::call`], with `body_only` parameters sent in the form
    /// body and the rest in the query (2017's CreateContactFlow). With no
    /// `body_only`, everything goes in the body.
    pub async fn call_split(
        &self,
        version: &str,
        action: &str,
        params: &[(&str, &str)],
        body_only: &[(&str, &str)],
        repeat: Repeat,
    ) -> Result<Value, CloudError> {
        let policy = self.http.config.retry.clone();
        retrying(&policy, repeat, || {
            self.attempt(version, action, params, body_only)
        })
        .await
    }

    async fn attempt(
        &self,
        version: &str,
        action: &str,
        params: &[(&str, &str)],
        body_only: &[(&str, &str)],
    ) -> Result<Value, (CloudError, Option<Duration>)> {
        let call = Call::start(self.provider, action);
        let result = self.send(&call, version, action, params, body_only).await;
        call_log::failure(&call, result)
    }

    async fn send(
        &self,
        call: &Call<'_>,
        version: &str,
        action: &str,
        params: &[(&str, &str)],
        body_only: &[(&str, &str)],
    ) -> Result<Value, (CloudError, Option<Duration>)> {
        let mut all: Vec<(String, String)> = vec![
            ("Action".into(), action.into()),
            ("Version".into(), version.into()),
            ("Format".into(), "JSON".into()),
            ("RegionId".into(), self.region.clone()),
            ("InstanceId".into(), self.instance.clone()),
        ];
        for (k, v) in params.iter().chain(body_only) {
            all.push(((*k).to_owned(), (*v).to_owned()));
        }
        let creds = RpcCredentials {
            access_key_id: &self.creds.key_id,
            secret: &self.creds.secret,
            security_token: self.creds.session_token.as_ref(),
        };
        let now = SystemTime::now();
        let signed = sign("POST", &all, creds, &nonce(now), now);
        let (url, body) = if body_only.is_empty() {
            (self.base.clone(), encode_params(&signed))
        } else {
            let (in_body, in_query): (Vec<_>, Vec<_>) = signed
                .into_iter()
                .partition(|(k, _)| body_only.iter().any(|(b, _)| b == k));
            let mut url = self.base.clone();
            url.set_query(Some(&encode_params(&in_query)));
            (url, encode_params(&in_body))
        };
        let res = self
            .http
            .post_form(self.provider, &url, body)
            .await
            .map_err(|e| (e, None))?;
        let json: Option<Value> = serde_json::from_slice(&res.body).ok();
        let code = json
            .as_ref()
            .and_then(|v| v.get("Code"))
            .and_then(Value::as_str);
        let success = (200..300).contains(&res.status) && code.is_none_or(|c| c == "OK");
        if success && let Some(v) = json {
            call.answered(res.status, v.get("RequestId").and_then(Value::as_str));
            return Ok(v);
        }
        Err((self.refusal(&res, json.as_ref(), now), res.retry_after))
    }

    fn refusal(
        &self,
        res: &crate::http::HttpResponse,
        json: Option<&Value>,
        sent_at: SystemTime,
    ) -> CloudError {
        let text = |k: &str| {
            json.and_then(|v| v.get(k))
                .and_then(Value::as_str)
                .map(str::to_owned)
        };
        let Some(code) = text("Code") else {
            let snippet: String = String::from_utf8_lossy(&res.body)
                .chars()
                .take(200)
                .collect();
            return CloudError::unexpected_answer(
                self.provider,
                Some(res.status),
                Text::new(
                    format!("unexpected answer: {snippet}"),
                    format!("意外的答复：{snippet}"),
                ),
            );
        };
        let e = CloudError::from_provider(
            self.provider,
            Some(res.status),
            code,
            self.redact(&text("Message").unwrap_or_default()),
            text("RequestId"),
        );
        if e.kind() == ErrorKind::ClockSkew
            && let Some(server) = res.date
            && let Some(skew) = ClockSkew::detect(sent_at, server, Duration::from_secs(60))
        {
            return e.with_clock_skew(skew);
        }
        e
    }

    /// Hides the STS token in a message: a SignatureDoesNotMatch message
    /// quotes the server's StringToSign, which holds every parameter.
    fn redact(&self, message: &str) -> String {
        let mut out = message.to_owned();
        if let Some(token) = &self.creds.session_token {
            let raw = token.expose();
            let once = percent_encode(raw);
            let twice = percent_encode(&once);
            for form in [twice, once, raw.to_owned()] {
                if !form.is_empty() {
                    out = out.replace(&form, "***");
                }
            }
        }
        out
    }

    /// The `Data` member of an answer, or an error naming the call.
    fn data<'a>(&self, action: &str, v: &'a Value) -> Result<&'a Value, CloudError> {
        v.get("Data").ok_or_else(|| {
            CloudError::from_provider(
                self.provider,
                Some(200),
                "",
                "",
                v.get("RequestId")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
            )
            .with_message(Text::new(
                format!("{action} answered without Data"),
                format!("{action} 的答复中没有 Data"),
            ))
        })
    }
}

/// A nonce unique per request: the time in nanoseconds and 64 random bits.
fn nonce(now: SystemTime) -> String {
    let nanos = now
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!("{nanos:x}-{:016x}", fastrand::u64(..))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::Credentials;
    use crate::http::HttpResponse;

    fn client() -> CccClient {
        let profile = Profile {
            region: Some("cn-shanghai".into()),
            instance: Some("inst".into()),
            endpoint: Some("http://127.0.0.1:9".into()),
            ..Profile::new("t", Provider::Aliyun)
        };
        CccClient::new(&profile, Credentials::sandbox_demo()).unwrap()
    }

    fn res(status: u16, body: &str, date: Option<SystemTime>) -> HttpResponse {
        HttpResponse {
            status,
            body: body.as_bytes().to_vec(),
            retry_after: None,
            date,
        }
    }

    #[test]
    fn refusals_keep_code_message_and_request_id() {
        let c = client();
        let body = r#"{"RequestId":"R-1","HostId":"h","Code":"NotExists.InstanceId","Message":"The specified instance x does not exist.","HttpStatusCode":404}"#;
        let json: Value = serde_json::from_str(body).unwrap();
        let e = c.refusal(&res(404, body, None), Some(&json), SystemTime::now());
        assert_eq!(e.kind(), ErrorKind::NotFound);
        assert_eq!(e.code(), Some("NotExists.InstanceId"));
        assert_eq!(e.message().en, "The specified instance x does not exist.");
        assert_eq!(e.request_id(), Some("R-1"));
        let e = c.refusal(
            &res(502, "<html>bad gateway</html>", None),
            None,
            SystemTime::now(),
        );
        assert_eq!(e.kind(), ErrorKind::Server);
        assert!(e.message().en.contains("bad gateway"), "{e}");
    }

    #[test]
    fn illegal_timestamp_is_named_as_clock_skew_with_the_offset() {
        let c = client();
        let body = r#"{"RequestId":"R-2","Code":"IllegalTimestamp","Message":"expired"}"#;
        let json: Value = serde_json::from_str(body).unwrap();
        let sent = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let server = sent - Duration::from_secs(20 * 60);
        let e = c.refusal(&res(400, body, Some(server)), Some(&json), sent);
        assert_eq!(e.kind(), ErrorKind::ClockSkew);
        assert!(e.to_string().contains("20 min 0 s ahead of"), "{e}");
        // Without a Date header it is still named clock skew.
        let e = c.refusal(&res(400, body, None), Some(&json), sent);
        assert_eq!(e.kind(), ErrorKind::ClockSkew);
        assert!(e.to_string().contains("clock"), "{e}");
    }

    #[test]
    fn an_sts_token_quoted_by_the_server_is_hidden() {
        let mut c = client();
        c.creds.session_token = Some(crate::Secret::new("CAIS/sts+token=="));
        let msg = "Specified signature is not matched with our calculation. server string to sign is:POST&%2F&SecurityToken%3DCAIS%252Fsts%252Btoken%253D%253D%26Timestamp";
        let body =
            serde_json::json!({"Code": "SignatureDoesNotMatch", "Message": msg, "RequestId": "R"});
        let e = c.refusal(
            &res(403, &body.to_string(), None),
            Some(&body),
            SystemTime::now(),
        );
        let shown = e.to_string();
        assert!(!shown.contains("CAIS"), "{shown}");
        assert!(shown.contains("SecurityToken%3D***%26"), "{shown}");
    }

    #[test]
    fn nonces_differ() {
        let now = SystemTime::now();
        assert_ne!(nonce(now), nonce(now));
    }

    #[test]
    fn only_ccc_profiles() {
        let p = Profile {
            region: Some("us-east-1".into()),
            instance: Some("i".into()),
            ..Profile::new("c", Provider::Connect)
        };
        let e = CccClient::new(&p, Credentials::sandbox_demo()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Config);
    }
}
