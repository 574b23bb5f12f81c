//! NXLink's answer envelope, `{code, message, traceId, data}`: code 0 is
//! success and gives `data`; any other code (or an HTTP failure without an
//! envelope) becomes a [`CloudError`] with the code, NXLink's message and the
//! trace id kept, and the code named in English and Chinese: 1001 missing
//! public parameters, 1002 parameter error, 1003 invalid signature, 1004
//! timestamp expired (check this machine's clock), 1005 insufficient
//! authority, 20000 business error.

use std::time::SystemTime;

use ivr_flow::{Provider, Text};
use serde_json::Value;

use crate::error::{ClockSkew, CloudError, ErrorKind};
use crate::http::HttpResponse;
use crate::sign::nxlink::TOLERANCE;

/// What a code means, in English and Chinese (`None` for codes NXLink does
/// not document).
pub fn code_name(code: i64) -> Option<Text> {
    let (en, zh) = match code {
        1001 => (
            "authentication failed: missing public parameters",
            "鉴权失败：缺少公共参数",
        ),
        1002 => (
            "authentication failed: parameter error",
            "鉴权失败：参数错误",
        ),
        1003 => (
            "authentication failed: invalid signature (the access key or secret is wrong, or the body changed after signing)",
            "鉴权失败：签名无效（访问密钥或密钥不对，或签名后请求体被改动）",
        ),
        1004 => (
            "authentication failed: timestamp expired (this computer's clock is more than 60 s off NXLink's)",
            "鉴权失败：时间戳已过期（本机时钟与 NXLink 相差超过 60 秒）",
        ),
        1005 => (
            "authentication failed: insufficient authority",
            "鉴权失败：权限不足",
        ),
        20000 => ("business error", "业务错误"),
        _ => return None,
    };
    Some(Text::new(en, zh))
}

/// Reads an answer sent at `sent_at`: `data` on code 0, else the error.
pub fn read(res: &HttpResponse, sent_at: SystemTime) -> Result<Value, CloudError> {
    read_traced(res, sent_at).map(|(data, _)| data)
}

/// Like [`read`], with the answer's trace id beside `data`.
pub fn read_traced(
    res: &HttpResponse,
    sent_at: SystemTime,
) -> Result<(Value, Option<String>), CloudError> {
    let json: Option<Value> = serde_json::from_slice(&res.body).ok();
    let code = json
        .as_ref()
        .and_then(|v| v.get("code"))
        .and_then(|c| c.as_i64().or_else(|| c.as_str()?.parse().ok()));
    let Some(code) = code else {
        let snippet: String = String::from_utf8_lossy(&res.body)
            .chars()
            .take(200)
            .collect();
        return Err(CloudError::unexpected_answer(
            Provider::Nxlink,
            Some(res.status),
            Text::new(
                format!("unexpected answer: {snippet}"),
                format!("意外的答复：{snippet}"),
            ),
        ));
    };
    let field = |k: &str| {
        json.as_ref()
            .and_then(|v| v.get(k))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    if code == 0 && (200..300).contains(&res.status) {
        let data = json.as_ref().and_then(|v| v.get("data")).cloned();
        return Ok((data.unwrap_or(Value::Null), field("traceId")));
    }
    let message = field("message").unwrap_or_default();
    let mut e = CloudError::from_provider(
        Provider::Nxlink,
        Some(res.status),
        code.to_string(),
        message.clone(),
        field("traceId"),
    );
    if let Some(name) = code_name(code) {
        let with = |named: &str, sep: &str| {
            if message.is_empty() {
                named.to_owned()
            } else {
                format!("{named}{sep}{message}")
            }
        };
        e = e.with_message(Text::new(with(&name.en, ": "), with(&name.zh, "：")));
    }
    if e.kind() == ErrorKind::ClockSkew
        && let Some(server) = res.date
        && let Some(skew) = ClockSkew::detect(sent_at, server, TOLERANCE)
    {
        e = e.with_clock_skew(skew);
    }
    Err(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn res(status: u16, body: &str) -> HttpResponse {
        HttpResponse {
            status,
            body: body.as_bytes().to_vec(),
            retry_after: None,
            date: None,
        }
    }

    #[test]
    fn success_gives_data() {
        let r = res(
            200,
            r#"{"code":0,"message":"success","traceId":"t","data":{"taskId":"x"}}"#,
        );
        assert_eq!(read(&r, SystemTime::now()).unwrap()["taskId"], "x");
    }

    #[test]
    fn codes_are_named_in_both_languages() {
        let r = res(
            200,
            r#"{"code":1003,"message":"Authentication failed (invalid signature)","traceId":"T-1"}"#,
        );
        let e = read(&r, SystemTime::now()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Auth);
        assert_eq!(e.code(), Some("1003"));
        assert_eq!(e.request_id(), Some("T-1"));
        assert!(e.message().en.contains("invalid signature"), "{e}");
        assert!(e.message().zh.contains("签名无效"), "{e:?}");
        let r = res(200, r#"{"code":1004,"message":"expired","traceId":"T-2"}"#);
        let e = read(&r, SystemTime::now()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::ClockSkew);
        assert!(e.to_string().contains("clock"), "{e}");
        assert!(e.text().zh.contains("时钟"), "{e:?}");
        for code in [1001, 1002, 1005, 20000] {
            assert!(code_name(code).is_some());
        }
        let r = res(
            200,
            r#"{"code":20000,"message":"autoFlowId not found","traceId":"T"}"#,
        );
        let e = read(&r, SystemTime::now()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::NotFound);
        assert!(e.message().en.contains("autoFlowId not found"), "{e}");
    }

    #[test]
    fn no_envelope_is_an_unexpected_answer() {
        let e = read(&res(502, "<html>bad gateway</html>"), SystemTime::now()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Server);
        let e = read(
            &res(429, r#"{"code":429,"message":"too many"}"#),
            SystemTime::now(),
        )
        .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Throttled);
    }
}
