//! The HTTP layer every provider client shares: a reqwest client with the
//! system's TLS (OpenSSL on Linux, with its trust store), a connect timeout
//! and a whole-call timeout on every request; the retry policy (exponential
//! backoff with full jitter, at least what the server's
//! retry-after header asks); and the parsing of `Date` (for clock skew) and
//! retry-after headers.
//!
//! Whether a call may be repeated is the caller's decision (see
//! [`Repeat`]): throttling refusals are always safe to repeat (nothing was
//! done); a 5xx, a timeout or a dropped connection is repeated only for calls
//! a repeat cannot duplicate.

use std::time::{Duration, SystemTime};

use ivr_flow::{Provider, Text};
use url::Url;

use crate::error::{CloudError, ErrorKind};

/// Timeouts and retries.
#[derive(Clone, Debug)]
pub struct HttpConfig {
    /// Time to open the TCP (and TLS) connection.
    pub connect_timeout: Duration,
    /// Time for one whole request, from sending to the last byte of the body.
    pub request_timeout: Duration,
    pub retry: RetryPolicy,
}

impl Default for HttpConfig {
    fn default() -> Self {
        HttpConfig {
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            retry: RetryPolicy::default(),
        }
    }
}

/// Exponential backoff with full jitter: before retry `n` (0-based) wait a
/// random time in `[0, min(cap, base * 2^n)]`, and never less than the
/// server's retry-after (itself capped at `max_retry_after`).
#[derive(Clone, Debug)]
pub struct RetryPolicy {
    /// Attempts in all, the first included.
    pub max_attempts: u32,
    pub base: Duration,
    pub cap: Duration,
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 5,
            base: Duration::from_millis(200),
            cap: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(20),
        }
    }
}

impl RetryPolicy {
    /// How long to wait before retry `retry` (0 for the first retry).
    pub fn delay(&self, retry: u32, retry_after: Option<Duration>) -> Duration {
        let exp = self
            .base
            .saturating_mul(2u32.saturating_pow(retry.min(20)))
            .min(self.cap);
        let ms = u64::try_from(exp.as_millis()).unwrap_or(u64::MAX);
        let jittered = Duration::from_millis(fastrand::u64(0..=ms));
        match retry_after {
            Some(ra) => jittered.max(ra.min(self.max_retry_after)),
            None => jittered,
        }
    }
}

/// Which failures of a call may be repeated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Repeat {
    /// Reads and idempotent writes: throttling, 5xx, timeouts, network errors.
    Safe,
    /// Calls a repeat could duplicate: only throttling refusals (the server
    /// did nothing). Anything else goes back to the caller, which must check
    /// what happened before trying again.
    ThrottledOnly,
}

impl Repeat {
    /// Whether `e` may be retried under this rule.
    pub fn allows(self, e: &CloudError) -> bool {
        match self {
            Repeat::Safe => e.is_retryable(),
            Repeat::ThrottledOnly => e.kind() == ErrorKind::Throttled,
        }
    }
}

/// Runs `attempt` until it succeeds, fails in a way `repeat` does not allow
/// repeating, or `policy.max_attempts` are used up, waiting
/// [`RetryPolicy::delay`] between attempts. An attempt's error (a
/// [`CloudError`], or a provider's richer failure around one) carries the
/// server's retry-after, when it gave one.
pub async fn retrying<T, E, F, Fut>(
    policy: &RetryPolicy,
    repeat: Repeat,
    mut attempt: F,
) -> Result<T, E>
where
    E: AsRef<CloudError>,
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, (E, Option<Duration>)>>,
{
    let mut retry = 0u32;
    loop {
        match attempt().await {
            Ok(v) => return Ok(v),
            Err((e, retry_after)) => {
                if retry + 1 >= policy.max_attempts || !repeat.allows(e.as_ref()) {
                    return Err(e);
                }
                tokio::time::sleep(policy.delay(retry, retry_after)).await;
                retry += 1;
            }
        }
    }
}

/// What came back, before any provider-specific reading.
#[derive(Clone, Debug)]
pub struct HttpResponse {
    pub status: u16,
    pub body: Vec<u8>,
    /// The retry-after header (`x-acs-retry-after` or `Retry-After`), seconds.
    pub retry_after: Option<Duration>,
    /// The server's `Date` header.
    pub date: Option<SystemTime>,
}

/// The shared HTTP client.
#[derive(Clone, Debug)]
pub struct Http {
    client: reqwest::Client,
    pub config: HttpConfig,
}

impl Http {
    pub fn new(config: HttpConfig) -> Result<Self, CloudError> {
        let client = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .timeout(config.request_timeout)
            .user_agent(concat!("ivr-studio/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| {
                CloudError::config(Text::new(
                    format!("cannot set up the HTTP client: {e}"),
                    format!("无法建立 HTTP 客户端：{e}"),
                ))
            })?;
        Ok(Http { client, config })
    }

    /// POSTs `body` (`application/x-www-form-urlencoded`) to `url`.
    pub async fn post_form(
        &self,
        provider: Provider,
        url: &Url,
        body: String,
    ) -> Result<HttpResponse, CloudError> {
        let res = self
            .client
            .post(url.clone())
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded; charset=utf-8",
            )
            .header(reqwest::header::ACCEPT, "application/json")
            .body(body)
            .send()
            .await
            .map_err(|e| transport_error(provider, e))?;
        read(provider, res).await
    }

    /// Sends `method` to `url` with `headers` (already signed, for SigV4)
    /// and `body`. Returns the answer and its headers (for Connect's
    /// `x-amzn-ErrorType`).
    pub async fn send(
        &self,
        provider: Provider,
        method: http::Method,
        url: &Url,
        headers: http::HeaderMap,
        body: Vec<u8>,
    ) -> Result<(HttpResponse, http::HeaderMap), CloudError> {
        let mut req = self.client.request(method, url.clone()).headers(headers);
        if !body.is_empty() {
            req = req.body(body);
        }
        let res = req.send().await.map_err(|e| transport_error(provider, e))?;
        let headers = res.headers().clone();
        Ok((read(provider, res).await?, headers))
    }
}

/// Reads the status, the retry-after and `Date` headers and the whole body.
async fn read(provider: Provider, res: reqwest::Response) -> Result<HttpResponse, CloudError> {
    let status = res.status().as_u16();
    let header = |name: &str| {
        res.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let retry_after = header("x-acs-retry-after")
        .or_else(|| header("retry-after"))
        .and_then(|v| parse_retry_after(&v));
    let date = header("date").and_then(|d| parse_http_date(&d));
    let body = res
        .bytes()
        .await
        .map_err(|e| transport_error(provider, e))?
        .to_vec();
    Ok(HttpResponse {
        status,
        body,
        retry_after,
        date,
    })
}

/// A transport failure as a [`CloudError`]: timeouts as `Timeout`, the rest
/// as `Network`, naming the host and what to check. The rest of the URL is
/// left out: a query string can carry signed parameters, an STS token among
/// them.
fn transport_error(provider: Provider, e: reqwest::Error) -> CloudError {
    let host = e
        .url()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_default();
    let e = e.without_url();
    let kind = if e.is_timeout() {
        ErrorKind::Timeout
    } else {
        ErrorKind::Network
    };
    let mut text = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    let error = CloudError::new(kind, network_text(&host, &text)).with_provider(provider);
    match network_hint(&text) {
        Some(hint) => error.with_hint(hint),
        None => error,
    }
}

/// The failure with the host it was talking to; the transport's own words
/// (`text`) stay as they are.
fn network_text(host: &str, text: &str) -> Text {
    if host.is_empty() {
        return Text::new(text, text);
    }
    Text::new(
        format!("cannot reach {host}: {text}"),
        format!("无法连接 {host}：{text}"),
    )
}

/// What to check for a failure, from its text.
fn network_hint(text: &str) -> Option<Text> {
    let t = text.to_ascii_lowercase();
    let (en, zh) = if t.contains("dns") || t.contains("lookup") || t.contains("resolve") {
        (
            "the host name was not found: check the region (it makes the host name) or the endpoint, and that this machine can reach the internet (a proxy?)",
            "找不到该主机名：请检查地域（主机名由它决定）或接入地址，以及本机能否访问互联网（是否需要代理？）",
        )
    } else if t.contains("certificate") || t.contains("tls") || t.contains("ssl") {
        // Before "connect": a refused certificate reads "error trying to
        // connect: ... certificate verify failed".
        (
            "the secure connection failed: check the endpoint's address and the system clock; behind a proxy that inspects TLS, its root certificate must be in the system's trust store",
            "安全连接失败：请检查接入地址和系统时钟；如经过检查 TLS 的代理，需将其根证书加入系统的受信任证书",
        )
    } else if t.contains("connect") || t.contains("refused") {
        (
            "nothing answered there: check the endpoint, and any firewall or proxy between this machine and the cloud",
            "该地址没有响应：请检查接入地址，以及本机与云之间的防火墙或代理",
        )
    } else if t.contains("timed out") || t.contains("timeout") {
        (
            "the cloud did not answer in time: check your network, then try again",
            "云端没有及时响应：请检查网络后重试",
        )
    } else {
        return None;
    };
    Some(Text::new(en, zh))
}

/// Reads a retry-after value in seconds (`2`, `0.5`). HTTP dates are not
/// used by these providers and give `None`.
pub fn parse_retry_after(v: &str) -> Option<Duration> {
    let secs: f64 = v.trim().parse().ok()?;
    (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs.min(3600.0)))
}

/// Parses an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the `Date`
/// header's form.
pub fn parse_http_date(v: &str) -> Option<SystemTime> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let parts: Vec<&str> = v.split_whitespace().collect();
    let [_, day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    let m = MONTHS.iter().position(|x| x == month)? + 1;
    crate::sign::parse_iso8601_utc(&format!("{year}-{m:02}-{day:0>2}T{time}Z"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_is_capped_and_honours_retry_after() {
        let p = RetryPolicy::default();
        for retry in 0..30 {
            let d = p.delay(retry, None);
            assert!(d <= p.cap, "{retry}: {d:?}");
            assert!(d <= p.base * 2u32.saturating_pow(retry.min(20)), "{retry}");
        }
        assert!(p.delay(0, Some(Duration::from_secs(1))) >= Duration::from_secs(1));
        assert_eq!(
            p.delay(0, Some(Duration::from_secs(999))),
            p.max_retry_after
        );
    }

    #[test]
    fn a_failure_to_reach_the_cloud_names_the_host_and_what_to_check() {
        // Port 9 on loopback: nothing listens, the connection is refused.
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let http = Http::new(HttpConfig::default()).unwrap();
        let url = Url::parse("http://127.0.0.1:9/contact-flows?token=secret-part").unwrap();
        let e = rt
            .block_on(http.post_form(Provider::Connect, &url, String::new()))
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Network);
        assert!(e.message().en.contains("cannot reach 127.0.0.1"), "{e}");
        assert!(!e.to_string().contains("secret-part"), "{e}");
        let hint = e.hint().cloned().unwrap_or_default();
        assert!(hint.en.contains("endpoint"), "{e:?}");
        // In Chinese too: the host named, what to check, and no secret.
        let zh = e.text().zh;
        assert!(
            zh.contains("无法连接 127.0.0.1") && zh.contains("接入地址"),
            "{zh}"
        );
        assert!(!zh.contains("secret-part"), "{zh}");
        // A name that does not resolve says which to check.
        let dns =
            network_hint("error sending request: dns error: failed to lookup address information");
        let dns = dns.unwrap();
        assert!(
            dns.en.contains("region") && dns.zh.contains("地域"),
            "{dns:?}"
        );
        // OpenSSL's refusal says "connect" too; it is about the certificate.
        let tls = network_hint(
            "error trying to connect: error:0A000086:SSL routines:tls_post_process_server_certificate:certificate verify failed",
        )
        .unwrap();
        assert!(
            tls.en.contains("trust store") && tls.zh.contains("受信任证书"),
            "{tls:?}"
        );
    }

    #[test]
    fn headers() {
        assert_eq!(parse_retry_after("2"), Some(Duration::from_secs(2)));
        assert_eq!(parse_retry_after("0.25"), Some(Duration::from_millis(250)));
        assert_eq!(parse_retry_after("soon"), None);
        assert_eq!(parse_retry_after("-1"), None);
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            crate::sign::parse_iso8601_utc("1994-11-06T08:49:37Z")
        );
        assert_eq!(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), None);
    }

    #[test]
    fn repeat_rules() {
        let throttled = CloudError::new(ErrorKind::Throttled, Text::new("x", "x"));
        let timeout = CloudError::new(ErrorKind::Timeout, Text::new("x", "x"));
        assert!(Repeat::Safe.allows(&throttled) && Repeat::Safe.allows(&timeout));
        assert!(Repeat::ThrottledOnly.allows(&throttled));
        assert!(!Repeat::ThrottledOnly.allows(&timeout));
    }
}
