//! The one error type of the cloud layer.
//!
//! A [`CloudError`] has a [`ErrorKind`] (what the caller can do about it: retry,
//! fix the clock, fix the credentials, start the keyring...) and keeps whatever
//! the provider said verbatim: its error code, its message, its request id and
//! the HTTP status. A `hint` says how to fix it where we know.
//!
//! Our own words (the headline of each kind, our messages and hints) are in
//! English and Chinese ([`Text`]); what the provider said stays as it said
//! it, in both. The CLI prints the English ([`fmt::Display`]); the app shows
//! the UI's language (the serialised `text`).
//!
//! No constructor here takes a secret, and nothing in this crate puts one into
//! a message: errors are shown to users, logged and sent over IPC.

use std::fmt;
use std::time::{Duration, SystemTime};

use ivr_flow::{Provider, Text};

/// What kind of failure this is: decides retries, exit codes and wording.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The provider asked us to slow down (HTTP 429, `Throttling*`).
    Throttled,
    /// The provider failed on its side (5xx, `InternalError`, `ServiceUnavailable`).
    Server,
    /// The signature or the credentials were refused (wrong secret, unknown key).
    Auth,
    /// The request's timestamp was refused: this machine's clock is off.
    ClockSkew,
    /// The credentials are fine but lack permission for this call.
    Forbidden,
    /// The provider refused the request's content (bad parameter, invalid flow).
    Invalid,
    /// The connection failed (DNS, refused, reset, TLS).
    Network,
    /// No answer in time.
    Timeout,
    /// The instance, flow or other resource does not exist.
    NotFound,
    /// The resource already exists, or is being edited by someone else.
    Conflict,
    /// The OS keyring could not be reached or refused the operation.
    Keyring,
    /// A profile, the profiles file or an environment variable is wrong.
    Config,
    /// Anything else the provider said.
    Other,
}

impl ErrorKind {
    /// Every kind.
    pub const ALL: [ErrorKind; 13] = [
        ErrorKind::Throttled,
        ErrorKind::Server,
        ErrorKind::Auth,
        ErrorKind::ClockSkew,
        ErrorKind::Forbidden,
        ErrorKind::Invalid,
        ErrorKind::Network,
        ErrorKind::Timeout,
        ErrorKind::NotFound,
        ErrorKind::Conflict,
        ErrorKind::Keyring,
        ErrorKind::Config,
        ErrorKind::Other,
    ];

    /// A short lower-case label, stable for JSON output and tests.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Throttled => "throttled",
            ErrorKind::Server => "server",
            ErrorKind::Auth => "auth",
            ErrorKind::ClockSkew => "clock_skew",
            ErrorKind::Forbidden => "forbidden",
            ErrorKind::Invalid => "invalid",
            ErrorKind::Network => "network",
            ErrorKind::Timeout => "timeout",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Conflict => "conflict",
            ErrorKind::Keyring => "keyring",
            ErrorKind::Config => "config",
            ErrorKind::Other => "other",
        }
    }

    /// What a person reads before the details, in English and Chinese.
    pub fn headline(self) -> Text {
        let (en, zh) = match self {
            ErrorKind::Throttled => (
                "the provider is throttling requests",
                "服务商正在限制请求频率",
            ),
            ErrorKind::Server => ("the provider had an internal error", "服务商内部出错"),
            ErrorKind::Auth => (
                "the provider refused the credentials or the signature",
                "服务商拒绝了凭据或签名",
            ),
            ErrorKind::ClockSkew => (
                "the provider refused the request time (clock skew)",
                "服务商拒绝了请求时间（时钟偏差）",
            ),
            ErrorKind::Forbidden => ("the credentials lack permission", "凭据缺少权限"),
            ErrorKind::Invalid => ("the provider refused the request", "服务商拒绝了请求"),
            ErrorKind::Network => ("network error", "网络错误"),
            ErrorKind::Timeout => ("timed out", "超时"),
            ErrorKind::NotFound => ("not found", "未找到"),
            ErrorKind::Conflict => ("conflict", "冲突"),
            ErrorKind::Keyring => ("OS keyring error", "系统钥匙串出错"),
            ErrorKind::Config => ("configuration error", "配置错误"),
            ErrorKind::Other => ("the provider returned an error", "服务商返回了错误"),
        };
        Text::new(en, zh)
    }
}

/// An error from the cloud layer. See the module documentation.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.render(Lang::En))]
pub struct CloudError {
    kind: ErrorKind,
    provider: Option<Provider>,
    status: Option<u16>,
    code: Option<String>,
    message: Text,
    request_id: Option<String>,
    // Boxed: an error is returned by value everywhere, and stays small.
    hint: Option<Box<Text>>,
}

impl CloudError {
    /// A new error of `kind` with our own message (no provider details).
    pub fn new(kind: ErrorKind, message: Text) -> Self {
        CloudError {
            kind,
            provider: None,
            status: None,
            code: None,
            message,
            request_id: None,
            hint: None,
        }
    }

    /// A configuration error (exit status 2 in the CLI).
    pub fn config(message: Text) -> Self {
        CloudError::new(ErrorKind::Config, message)
    }

    /// A keyring error, with `hint` saying what to install or start.
    pub fn keyring(message: Text, hint: Text) -> Self {
        CloudError::new(ErrorKind::Keyring, message).with_hint(hint)
    }

    /// An answer from `provider` that is not what its API promises (no
    /// JSON, a field missing): our words about it, with its HTTP status.
    pub fn unexpected_answer(provider: Provider, status: Option<u16>, message: Text) -> Self {
        CloudError {
            message,
            ..CloudError::from_provider(provider, status, "", "", None)
        }
    }

    /// An error the provider returned. The kind is derived from the provider's
    /// code and HTTP status (see [`classify`]); `code`, `message` and
    /// `request_id` are kept exactly as received.
    pub fn from_provider(
        provider: Provider,
        status: Option<u16>,
        code: impl Into<String>,
        message: impl Into<String>,
        request_id: Option<String>,
    ) -> Self {
        let code = code.into();
        let message = message.into();
        let kind = classify(provider, status, &code, &message);
        let hint = default_hint(provider, kind).map(Box::new);
        CloudError {
            kind,
            provider: Some(provider),
            status,
            code: (!code.is_empty()).then_some(code),
            // The provider's words, the same in every language.
            message: Text::new(message.clone(), message),
            request_id: request_id.filter(|r| !r.is_empty()),
            hint,
        }
    }

    /// Replaces the hint (how to fix it).
    #[must_use]
    pub fn with_hint(mut self, hint: Text) -> Self {
        self.hint = Some(Box::new(hint));
        self
    }

    /// Replaces the message, keeping the rest.
    #[must_use]
    pub fn with_message(mut self, message: Text) -> Self {
        self.message = message;
        self
    }

    /// Names the provider this error concerns.
    #[must_use]
    pub fn with_provider(mut self, provider: Provider) -> Self {
        self.provider = Some(provider);
        self
    }

    /// Marks the error as clock skew and names the measured offset, e.g. when the
    /// server's `Date` header shows this machine's clock is off.
    #[must_use]
    pub fn with_clock_skew(mut self, skew: ClockSkew) -> Self {
        self.kind = ErrorKind::ClockSkew;
        self.hint = Some(Box::new(Text::new(
            format!(
                "this computer's clock is {skew} the provider's; \
                 set the system clock right (turn on automatic time / NTP) and try again"
            ),
            format!(
                "本机时钟{}；请校准系统时钟（开启自动同步时间 / NTP）后重试",
                skew.zh()
            ),
        )));
        self
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
    pub fn provider(&self) -> Option<Provider> {
        self.provider
    }
    /// The HTTP status, when the error came from an HTTP response.
    pub fn status(&self) -> Option<u16> {
        self.status
    }
    /// The provider's error code, verbatim (`SignatureDoesNotMatch`, `1003`, ...).
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }
    /// The provider's message verbatim (the same in both languages), or ours.
    pub fn message(&self) -> &Text {
        &self.message
    }
    /// The provider's request id (trace id), verbatim.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
    /// How to fix it, when known.
    pub fn hint(&self) -> Option<&Text> {
        self.hint.as_deref()
    }

    /// The whole error as a person reads it, in English and Chinese: the
    /// provider, the headline, the provider's code and message, the status
    /// and request id, and the hint.
    pub fn text(&self) -> Text {
        Text::new(self.render(Lang::En), self.render(Lang::Zh))
    }

    /// Whether repeating the same request may succeed (throttling, 5xx, network,
    /// timeout). A caller still must not repeat a create blindly.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self.kind,
            ErrorKind::Throttled | ErrorKind::Server | ErrorKind::Network | ErrorKind::Timeout
        )
    }

    fn render(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let (sep, more, open, close, comma) = if zh {
            ("：", "；", "（", "）", "，")
        } else {
            (": ", "; ", " (", ")", ", ")
        };
        let mut out = String::new();
        if let Some(p) = self.provider {
            out.push_str(p.as_str());
            out.push_str(sep);
        }
        out.push_str(lang.pick(&self.kind.headline()));
        out.push_str(sep);
        let message = lang.pick(&self.message);
        if let Some(code) = &self.code {
            out.push_str(code);
            if !message.is_empty() {
                out.push_str(sep);
            }
        }
        out.push_str(message);
        let mut extras = Vec::new();
        if let Some(s) = self.status {
            extras.push(format!("HTTP {s}"));
        }
        if let Some(r) = &self.request_id {
            extras.push(if zh {
                format!("请求 ID {r}")
            } else {
                format!("request id {r}")
            });
        }
        if !extras.is_empty() {
            out.push_str(open);
            out.push_str(&extras.join(comma));
            out.push_str(close);
        }
        if let Some(h) = &self.hint {
            out.push_str(more);
            out.push_str(lang.pick(h));
        }
        out
    }
}

impl AsRef<CloudError> for CloudError {
    fn as_ref(&self) -> &CloudError {
        self
    }
}

/// The language an error is rendered in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lang {
    En,
    Zh,
}

impl Lang {
    /// `text` in this language, English where the Chinese is empty.
    fn pick(self, text: &Text) -> &str {
        match self {
            Lang::Zh if !text.zh.is_empty() => &text.zh,
            _ => &text.en,
        }
    }
}

/// A [`CloudError`] as it is serialised for the app's IPC: `{kind, provider,
/// status, code, message, request_id, hint, text}`, where `message`, `hint`
/// and `text` (the whole error, [`CloudError::text`]) are `{en, zh}`.
/// Nothing in it is secret.
#[derive(Clone, Debug, PartialEq, serde::Serialize, ts_rs::TS)]
#[ts(rename = "CloudError")]
pub struct CloudErrorView {
    pub kind: String,
    pub provider: Option<Provider>,
    pub status: Option<u16>,
    pub code: Option<String>,
    pub message: Text,
    pub request_id: Option<String>,
    pub hint: Option<Text>,
    pub text: Text,
}

impl From<&CloudError> for CloudErrorView {
    fn from(e: &CloudError) -> Self {
        CloudErrorView {
            kind: e.kind.as_str().to_owned(),
            provider: e.provider,
            status: e.status,
            code: e.code.clone(),
            message: e.message.clone(),
            request_id: e.request_id.clone(),
            hint: e.hint.as_deref().cloned(),
            text: e.text(),
        }
    }
}

/// Serialised as [`CloudErrorView`].
impl serde::Serialize for CloudError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        CloudErrorView::from(self).serialize(serializer)
    }
}

/// How far this machine's clock is from the server's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClockSkew {
    /// Size of the offset.
    pub offset: Duration,
    /// True when the local clock is ahead of the server's.
    pub local_ahead: bool,
}

impl ClockSkew {
    /// Measures the offset between the local time and the server's time (from
    /// its `Date` header, say). Returns `None` when they are within `tolerance`.
    pub fn detect(local: SystemTime, server: SystemTime, tolerance: Duration) -> Option<Self> {
        let (offset, local_ahead) = match local.duration_since(server) {
            Ok(d) => (d, true),
            Err(e) => (e.duration(), false),
        };
        (offset > tolerance).then_some(ClockSkew {
            offset,
            local_ahead,
        })
    }
}

impl ClockSkew {
    /// The offset in Chinese, as in "本机时钟快了 7 分 3 秒".
    pub fn zh(&self) -> String {
        let secs = self.offset.as_secs();
        let (h, m, s) = (secs / 3600, (secs % 3600) / 60, secs % 60);
        let amount = if h > 0 {
            format!("{h} 小时 {m} 分 {s} 秒")
        } else if m > 0 {
            format!("{m} 分 {s} 秒")
        } else {
            format!("{s} 秒")
        };
        let way = if self.local_ahead { "快" } else { "慢" };
        format!("比服务商{way}了 {amount}")
    }
}

impl fmt::Display for ClockSkew {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.offset.as_secs();
        let (h, m, s) = (secs / 3600, (secs % 3600) / 60, secs % 60);
        if h > 0 {
            write!(f, "{h} h {m} min {s} s")?;
        } else if m > 0 {
            write!(f, "{m} min {s} s")?;
        } else {
            write!(f, "{s} s")?;
        }
        f.write_str(if self.local_ahead {
            " ahead of"
        } else {
            " behind"
        })
    }
}

/// Derives the [`ErrorKind`] from what a provider returned.
///
/// - Alibaba Cloud (CCC): gateway codes (`Throttling*`, `SignatureDoesNotMatch`,
///   `IllegalTimestamp`, `InvalidAccessKeyId.NotFound`, ...) and CCC codes
///   (`NotExists.*`, `AlreadyExists.*`, `Permission.*`, `Parameter.*`, ...).
/// - Amazon Connect: the `x-amzn-ErrorType` / `__type` name with any `:` suffix
///   or namespace `#` prefix already stripped or not.
/// - NXLink: the numeric envelope `code` as a string (`1003`, `20000`, ...).
pub fn classify(provider: Provider, status: Option<u16>, code: &str, message: &str) -> ErrorKind {
    let by_code = match provider {
        Provider::Aliyun | Provider::Aliyun2017 => classify_aliyun(code),
        Provider::Connect => classify_connect(code, message),
        Provider::Nxlink => classify_nxlink(code, message),
    };
    by_code.unwrap_or_else(|| classify_status(status))
}

fn classify_status(status: Option<u16>) -> ErrorKind {
    match status {
        Some(429) => ErrorKind::Throttled,
        Some(401) => ErrorKind::Auth,
        Some(403) => ErrorKind::Forbidden,
        Some(404) => ErrorKind::NotFound,
        Some(409) => ErrorKind::Conflict,
        Some(408) => ErrorKind::Timeout,
        Some(s) if s >= 500 => ErrorKind::Server,
        Some(s) if s >= 400 => ErrorKind::Invalid,
        _ => ErrorKind::Other,
    }
}

fn classify_aliyun(code: &str) -> Option<ErrorKind> {
    let kind = if code.starts_with("Throttling") || code == "ServiceUnavailable.Throttling" {
        ErrorKind::Throttled
    } else if code == "IllegalTimestamp"
        || code.starts_with("InvalidTimeStamp")
        || code.starts_with("InvalidTimestamp")
    {
        ErrorKind::ClockSkew
    } else if code == "SignatureDoesNotMatch"
        || code == "IncompleteSignature"
        || code.starts_with("InvalidAccessKeyId")
        || code.starts_with("InvalidSecurityToken")
        || code == "SignatureNonceUsed"
        || code == "InvalidAccessKeySecret"
    {
        ErrorKind::Auth
    } else if code.starts_with("Forbidden") || code.starts_with("Permission") {
        ErrorKind::Forbidden
    } else if code.starts_with("NotExists") || code.starts_with("NotFound") {
        ErrorKind::NotFound
    } else if code.starts_with("AlreadyExists") || code.starts_with("Conflict") {
        ErrorKind::Conflict
    } else if code == "InternalError"
        || code.starts_with("InternalService")
        || code.starts_with("ServiceUnavailable")
    {
        ErrorKind::Server
    } else if code.starts_with("MissingParameter")
        || code.starts_with("InvalidParameter")
        || code.starts_with("Parameter")
    {
        ErrorKind::Invalid
    } else {
        return None;
    };
    Some(kind)
}

fn classify_connect(code: &str, message: &str) -> Option<ErrorKind> {
    // `x-amzn-ErrorType: ThrottlingException:http://...` and
    // `__type: com.amazonaws.connect#ThrottlingException` both name the same thing.
    let code = code.split(':').next().unwrap_or(code);
    let code = code.rsplit('#').next().unwrap_or(code);
    let lower = message.to_ascii_lowercase();
    let kind = match code {
        "ThrottlingException" | "TooManyRequestsException" | "Throttling" => ErrorKind::Throttled,
        "RequestTimeTooSkewed" | "RequestExpired" => ErrorKind::ClockSkew,
        "InvalidSignatureException"
            if lower.contains("signature expired") || lower.contains("request time") =>
        {
            ErrorKind::ClockSkew
        }
        "InvalidSignatureException"
        | "SignatureDoesNotMatch"
        | "UnrecognizedClientException"
        | "IncompleteSignatureException"
        | "MissingAuthenticationTokenException"
        | "InvalidClientTokenId"
        | "ExpiredTokenException" => ErrorKind::Auth,
        "AccessDeniedException" => ErrorKind::Forbidden,
        "ResourceNotFoundException" | "ContactFlowNotPublishedException" => ErrorKind::NotFound,
        "DuplicateResourceException" | "ResourceConflictException" | "ConflictException" => {
            ErrorKind::Conflict
        }
        "InternalServiceException" | "InternalFailure" | "ServiceUnavailableException" => {
            ErrorKind::Server
        }
        "InvalidRequestException"
        | "InvalidParameterException"
        | "InvalidContactFlowException"
        | "InvalidContactFlowModuleException"
        | "LimitExceededException"
        | "ValidationException" => ErrorKind::Invalid,
        _ => return None,
    };
    Some(kind)
}

fn classify_nxlink(code: &str, message: &str) -> Option<ErrorKind> {
    let kind = match code {
        "1001" | "1002" | "1003" => ErrorKind::Auth,
        "1004" => ErrorKind::ClockSkew,
        "1005" => ErrorKind::Forbidden,
        "20000" if message.to_ascii_lowercase().contains("not found") => ErrorKind::NotFound,
        "20000" => ErrorKind::Invalid,
        _ => return None,
    };
    Some(kind)
}

fn default_hint(provider: Provider, kind: ErrorKind) -> Option<Text> {
    let (keys, keys_zh) = match provider {
        Provider::Connect => (
            "the access key id and secret (or AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN)",
            "访问密钥 ID 和密钥（或 AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN）",
        ),
        Provider::Aliyun | Provider::Aliyun2017 => (
            "the AccessKey id and secret (or ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET)",
            "AccessKey ID 和密钥（或 ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET）",
        ),
        Provider::Nxlink => (
            "the access key and secret (or NXLINK_ACCESS_KEY / NXLINK_ACCESS_SECRET)",
            "访问密钥和密钥（或 NXLINK_ACCESS_KEY / NXLINK_ACCESS_SECRET）",
        ),
    };
    let hint = match kind {
        ErrorKind::Auth => Text::new(
            format!("check {keys} of this profile"),
            format!("请检查此连接的{keys_zh}"),
        ),
        ErrorKind::ClockSkew => Text::new(
            "set this computer's clock right (turn on automatic time / NTP) and try again",
            "请校准本机时钟（开启自动同步时间 / NTP）后重试",
        ),
        ErrorKind::Throttled => Text::new("wait a little and try again", "请稍等片刻再试"),
        _ => return None,
    };
    Some(hint)
}

#[cfg(test)]
mod tests;
