//! The Amazon Connect client (API 2017-08-08): REST + JSON signed with SigV4.
//!
//! [`ConnectClient::call`] builds the URL (each path segment percent-encoded,
//! so `flowid:$SAVED` goes out as `flowid%3A%24SAVED` and the signer's double
//! encoding matches what AWS computes), signs every attempt afresh with
//! [`crate::sign::aws::sign_request`] (the official `aws-sigv4` crate; a
//! session token is sent and signed as `X-Amz-Security-Token`), sends it
//! through the shared [`crate::http::Http`] and turns a refusal into a
//! [`CloudError`] with Connect's error type (`x-amzn-ErrorType`, else the
//! body's `__type` / `code` / `Code`), message and `x-amzn-RequestId` kept;
//! InvalidContactFlowException's `problems` are kept beside it
//! ([`Failure`]). Throttling and, for calls a repeat cannot duplicate, 5xx /
//! timeouts / dropped connections are retried with
//! [`crate::http::RetryPolicy`]. A signature refused as expired is named as
//! clock skew, with the offset when the server's `Date` allows.
//!
//! - [`flows`]: ListContactFlows (every page, type filter), DescribeContactFlow.
//! - [`publish`]: CreateContactFlow, confirmed by a lookup before any repeat,
//!   or UpdateContactFlowContent; and the DuplicateResourceException path.

pub mod flows;
pub mod publish;

use std::time::{Duration, SystemTime};

use http::Method;
use ivr_flow::{Provider, Text};
use serde_json::Value;
use sha2::{Digest as _, Sha256};
use url::Url;

use crate::call_log::{self, Call};
use crate::credentials::Credentials;
use crate::error::{ClockSkew, CloudError, ErrorKind};
use crate::http::{Http, HttpConfig, Repeat, retrying};
use crate::profile::Profile;
use crate::sign::aws::{AwsCredentials, CONNECT_SERVICE, sign_request};
use crate::sign::{hex_lower, percent_encode};

pub use flows::{ContactFlow, FlowSummary};
pub use publish::{FlowProblem, PublishError};

/// Region used for signing when a profile has none (endpoint override).
const DEFAULT_REGION: &str = "us-east-1";

/// The `FlowContentSha256` of a Content string: lower-case hex SHA-256 of
/// its UTF-8 bytes.
pub fn content_sha256(content: &str) -> String {
    hex_lower(&Sha256::digest(content.as_bytes()))
}

/// A refused call: the error, and InvalidContactFlowException's problems.
#[derive(Clone, Debug)]
pub struct Failure {
    pub error: CloudError,
    /// `problems[].message`, verbatim.
    pub problems: Vec<String>,
}

impl From<CloudError> for Failure {
    fn from(error: CloudError) -> Self {
        Failure {
            error,
            problems: Vec::new(),
        }
    }
}

impl AsRef<CloudError> for Failure {
    fn as_ref(&self) -> &CloudError {
        &self.error
    }
}

impl From<Failure> for CloudError {
    fn from(f: Failure) -> Self {
        f.error
    }
}

/// A client for one profile's Connect instance.
#[derive(Debug, Clone)]
pub struct ConnectClient {
    http: Http,
    base: Url,
    creds: Credentials,
    profile: String,
    region: String,
    instance: String,
}

impl ConnectClient {
    /// A client for `profile` (provider `connect`) signing with `creds`, with
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
        profile.expect_provider(&[Provider::Connect], ("Amazon Connect", "Amazon Connect"))?;
        let instance = profile.instance_id()?;
        Ok(ConnectClient {
            http: Http::new(config)?,
            base: profile.base_url()?,
            creds,
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
    pub fn profile(&self) -> &str {
        &self.profile
    }
    pub fn region(&self) -> &str {
        &self.region
    }

    /// The URL of `segments` (each percent-encoded) under the base, with
    /// `query`.
    fn url(&self, segments: &[&str], query: &[(&str, &str)]) -> Url {
        let mut url = self.base.clone();
        let mut path = url.path().trim_end_matches('/').to_owned();
        for s in segments {
            path.push('/');
            path.push_str(&percent_encode(s));
        }
        url.set_path(&path);
        if query.is_empty() {
            url.set_query(None);
        } else {
            let q: Vec<String> = query
                .iter()
                .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
                .collect();
            url.set_query(Some(&q.join("&")));
        }
        url
    }

    /// The request this client sends for `method` on `segments` with
    /// `query` and `body`, signed at `time`: what every call goes through,
    /// public so tests can check the signing path against the sandbox.
    pub fn signed_request(
        &self,
        method: Method,
        segments: &[&str],
        query: &[(&str, &str)],
        body: Option<&Value>,
        time: SystemTime,
    ) -> Result<http::Request<Vec<u8>>, CloudError> {
        let url = self.url(segments, query);
        let bytes = body.map(Value::to_string).unwrap_or_default().into_bytes();
        let mut builder = http::Request::builder().method(method).uri(url.as_str());
        if body.is_some() {
            builder = builder.header(http::header::CONTENT_TYPE, "application/json");
        }
        let mut req = builder.body(bytes).map_err(|e| {
            CloudError::config(Text::new(
                format!("cannot build the request: {e}"),
                format!("无法构造请求：{e}"),
            ))
        })?;
        let creds = AwsCredentials {
            access_key_id: &self.creds.key_id,
            secret: &self.creds.secret,
            session_token: self.creds.session_token.as_ref(),
        };
        sign_request(&mut req, creds, &self.region, CONNECT_SERVICE, time)?;
        Ok(req)
    }

    /// Calls `method` on `segments`, retrying as `repeat` allows. Returns
    /// the JSON answer (`{}` for an empty one).
    pub async fn call(
        &self,
        method: Method,
        segments: &[&str],
        query: &[(&str, &str)],
        body: Option<&Value>,
        repeat: Repeat,
    ) -> Result<Value, Failure> {
        let policy = self.http.config.retry.clone();
        retrying(&policy, repeat, || {
            self.attempt(method.clone(), segments, query, body)
        })
        .await
    }

    async fn attempt(
        &self,
        method: Method,
        segments: &[&str],
        query: &[(&str, &str)],
        body: Option<&Value>,
    ) -> Result<Value, (Failure, Option<Duration>)> {
        let action = action_name(&method, segments);
        let call = Call::start(Provider::Connect, &action);
        let result = self.send(&call, method, segments, query, body).await;
        call_log::failure(&call, result)
    }

    async fn send(
        &self,
        call: &Call<'_>,
        method: Method,
        segments: &[&str],
        query: &[(&str, &str)],
        body: Option<&Value>,
    ) -> Result<Value, (Failure, Option<Duration>)> {
        let now = SystemTime::now();
        let req = self
            .signed_request(method, segments, query, body, now)
            .map_err(|e| (Failure::from(e), None))?;
        let url = Url::parse(&req.uri().to_string()).map_err(|e| {
            let e = CloudError::config(Text::new(
                format!("the request's address is not valid: {e}"),
                format!("请求地址无效：{e}"),
            ));
            (Failure::from(e), None)
        })?;
        let (parts, bytes) = req.into_parts();
        let (res, headers) = self
            .http
            .send(Provider::Connect, parts.method, &url, parts.headers, bytes)
            .await
            .map_err(|e| (Failure::from(e), None))?;
        if (200..300).contains(&res.status) {
            call.answered(res.status, header(&headers, "x-amzn-requestid").as_deref());
            if res.body.iter().all(u8::is_ascii_whitespace) {
                return Ok(Value::Object(serde_json::Map::new()));
            }
            return serde_json::from_slice(&res.body).map_err(|e| {
                let e = CloudError::from_provider(
                    Provider::Connect,
                    Some(res.status),
                    "",
                    "",
                    header(&headers, "x-amzn-requestid"),
                )
                .with_message(Text::new(
                    format!("the answer is not JSON: {e}"),
                    format!("答复不是 JSON：{e}"),
                ));
                (Failure::from(e), None)
            });
        }
        Err((self.refusal(&res, &headers, now), res.retry_after))
    }

    fn refusal(
        &self,
        res: &crate::http::HttpResponse,
        headers: &http::HeaderMap,
        sent_at: SystemTime,
    ) -> Failure {
        let json: Option<Value> = serde_json::from_slice(&res.body).ok();
        let field = |keys: &[&str]| {
            keys.iter().find_map(|k| {
                json.as_ref()
                    .and_then(|v| v.get(*k))
                    .and_then(Value::as_str)
                    .map(str::to_owned)
            })
        };
        let code = header(headers, "x-amzn-errortype")
            .or_else(|| field(&["__type", "code", "Code"]))
            .map(|c| error_name(&c))
            .unwrap_or_default();
        let message = match field(&["message", "Message"]) {
            Some(m) => m,
            None if code.is_empty() => {
                let snippet: String = String::from_utf8_lossy(&res.body)
                    .chars()
                    .take(200)
                    .collect();
                format!("unexpected answer (HTTP {}): {snippet}", res.status)
            }
            None => String::new(),
        };
        let problems = json
            .as_ref()
            .and_then(|v| v.get("problems"))
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(|p| p.get("message").or_else(|| p.get("Message")))
                    .filter_map(Value::as_str)
                    .map(|m| self.redact(m))
                    .collect()
            })
            .unwrap_or_default();
        let mut error = CloudError::from_provider(
            Provider::Connect,
            Some(res.status),
            code,
            self.redact(&message),
            header(headers, "x-amzn-requestid"),
        );
        if error.kind() == ErrorKind::ClockSkew
            && let Some(server) = res.date
            && let Some(skew) = ClockSkew::detect(sent_at, server, Duration::from_secs(60))
        {
            error = error.with_clock_skew(skew);
        }
        Failure { error, problems }
    }

    /// Hides the session token should a message quote it.
    fn redact(&self, message: &str) -> String {
        match &self.creds.session_token {
            Some(t) if !t.is_empty() => message.replace(t.expose(), "***"),
            _ => message.to_owned(),
        }
    }
}

fn header(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .filter(|v| !v.is_empty())
}

/// `ThrottlingException:http://internal...` and
/// `com.amazonaws.connect#ThrottlingException` -> `ThrottlingException`.
fn error_name(raw: &str) -> String {
    let name = raw.split(':').next().unwrap_or(raw);
    name.rsplit('#').next().unwrap_or(name).trim().to_owned()
}

/// The Amazon Connect API a REST call is, by its method and path, for the
/// log (the path's ids are left out); `METHOD /first-segment` for others.
fn action_name(method: &Method, segments: &[&str]) -> String {
    let name = match (method.as_str(), segments) {
        ("GET", ["contact-flows-summary", ..]) => "ListContactFlows",
        ("GET", ["contact-flows", _, _]) => "DescribeContactFlow",
        ("PUT", ["contact-flows", _]) => "CreateContactFlow",
        ("POST", ["contact-flows", _, _, "content"]) => "UpdateContactFlowContent",
        ("POST", ["contact-flows", _, _, "name"]) => "UpdateContactFlowName",
        _ => return format!("{method} /{}", segments.first().unwrap_or(&"")),
    };
    name.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::HttpResponse;

    fn client() -> ConnectClient {
        let profile = Profile {
            region: Some("eu-west-2".into()),
            instance: Some("inst".into()),
            endpoint: Some("http://127.0.0.1:9/base/".into()),
            ..Profile::new("c", Provider::Connect)
        };
        ConnectClient::new(&profile, Credentials::sandbox_demo()).unwrap()
    }

    #[test]
    fn urls_encode_each_segment() {
        let c = client();
        let u = c.url(&["contact-flows", "inst", "abc:$SAVED"], &[]);
        assert_eq!(
            u.as_str(),
            "http://127.0.0.1:9/base/contact-flows/inst/abc%3A%24SAVED"
        );
        let u = c.url(
            &["contact-flows-summary", "inst"],
            &[("contactFlowTypes", "CONTACT_FLOW"), ("nextToken", "a/b+c")],
        );
        assert_eq!(
            u.query(),
            Some("contactFlowTypes=CONTACT_FLOW&nextToken=a%2Fb%2Bc")
        );
    }

    #[test]
    fn refusals_keep_type_message_request_id_and_problems() {
        let c = client();
        let mut h = http::HeaderMap::new();
        h.insert(
            "x-amzn-ErrorType",
            http::HeaderValue::from_static("InvalidContactFlowException:http://internal/"),
        );
        h.insert("x-amzn-RequestId", http::HeaderValue::from_static("req-9"));
        let res = HttpResponse {
            status: 400,
            body:
                br#"{"message":"The flow is not valid.","problems":[{"message":"Action 'a' bad"}]}"#
                    .to_vec(),
            retry_after: None,
            date: None,
        };
        let f = c.refusal(&res, &h, SystemTime::now());
        assert_eq!(f.error.code(), Some("InvalidContactFlowException"));
        assert_eq!(f.error.kind(), ErrorKind::Invalid);
        assert_eq!(f.error.request_id(), Some("req-9"));
        assert_eq!(f.problems, vec!["Action 'a' bad".to_owned()]);
        // No header: the body's __type; and Message in capitals.
        let res = HttpResponse {
            status: 404,
            body:
                br#"{"__type":"com.amazonaws.connect#ResourceNotFoundException","Message":"gone"}"#
                    .to_vec(),
            retry_after: None,
            date: None,
        };
        let f = c.refusal(&res, &http::HeaderMap::new(), SystemTime::now());
        assert_eq!(f.error.code(), Some("ResourceNotFoundException"));
        assert_eq!(f.error.message().en, "gone");
        assert_eq!(f.error.kind(), ErrorKind::NotFound);
    }

    #[test]
    fn an_expired_signature_is_named_as_clock_skew_with_the_offset() {
        let c = client();
        let mut h = http::HeaderMap::new();
        h.insert(
            "x-amzn-ErrorType",
            http::HeaderValue::from_static("InvalidSignatureException"),
        );
        let sent = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let res = HttpResponse {
            status: 403,
            body: br#"{"message":"Signature expired: 20231114T221320Z is not within 300 s of the server time"}"#.to_vec(),
            retry_after: None,
            date: Some(sent + Duration::from_secs(600)),
        };
        let f = c.refusal(&res, &h, sent);
        assert_eq!(f.error.kind(), ErrorKind::ClockSkew);
        assert!(
            f.error.to_string().contains("10 min 0 s behind"),
            "{}",
            f.error
        );
    }

    #[test]
    fn content_hash() {
        assert_eq!(
            content_sha256(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn only_connect_profiles() {
        let p = Profile {
            region: Some("cn-shanghai".into()),
            instance: Some("i".into()),
            ..Profile::new("a", Provider::Aliyun)
        };
        let e = ConnectClient::new(&p, Credentials::sandbox_demo()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Config);
    }
}
