//! Endpoint overrides: `https://` anywhere, plain `http://` only on loopback
//! (127.0.0.0/8, `::1`, `localhost`), so the sandbox and tests work while a
//! secret-signed request never crosses a network in clear text.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use ivr_flow::Text;
use url::{Host, Url};

use crate::error::CloudError;

/// Whether `host` is a loopback address or `localhost` (any case, with or
/// without a trailing dot, including `*.localhost`).
pub fn is_loopback_host(host: &Host<&str>) -> bool {
    match host {
        Host::Ipv4(ip) => ip.is_loopback(),
        Host::Ipv6(ip) => {
            ip.is_loopback() || ip.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
        Host::Domain(d) => {
            let d = d.trim_end_matches('.').to_ascii_lowercase();
            d == "localhost" || d.ends_with(".localhost")
        }
    }
}

/// Checks an endpoint override and returns it parsed. Errors say what is wrong
/// and what would be accepted.
pub fn validate_endpoint(raw: &str) -> Result<Url, CloudError> {
    let parsed = Url::parse(raw.trim());
    // Never echo a password back: show the URL without its user info.
    let shown = match &parsed {
        Ok(u) if !u.username().is_empty() || u.password().is_some() => {
            let mut u = u.clone();
            let _ = u.set_password(None);
            let _ = u.set_username("");
            u.to_string()
        }
        Ok(_) => raw.trim().to_owned(),
        Err(_) if raw.contains('@') => "(redacted: it contains '@')".to_owned(),
        Err(_) => raw.trim().to_owned(),
    };
    let bad = |why: Text| {
        CloudError::config(Text::new(
            format!("invalid endpoint {shown:?}: {}", why.en),
            format!("接入地址 {shown:?} 无效：{}", why.zh),
        ))
        .with_hint(Text::new(
            "use https://HOST[:PORT][/PATH], or http:// only for a loopback address \
             (127.0.0.1, [::1], localhost), e.g. http://127.0.0.1:8787",
            "请使用 https://主机[:端口][/路径]；http:// 仅用于本机回环地址\
             （127.0.0.1、[::1]、localhost），例如 http://127.0.0.1:8787",
        ))
    };
    // The URL parser's own words, in both languages.
    let url = parsed.map_err(|e| bad(Text::new(e.to_string(), e.to_string())))?;
    let host = url
        .host()
        .ok_or_else(|| bad(Text::new("it has no host", "缺少主机名")))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(bad(Text::new(
            "it must not carry a user name or password (secrets go in the keyring)",
            "不能包含用户名或密码（密钥保存在钥匙串中）",
        )));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(bad(Text::new(
            "it must not have a query or fragment",
            "不能包含查询参数或片段",
        )));
    }
    match url.scheme() {
        "https" => Ok(url),
        "http" if is_loopback_host(&host) => Ok(url),
        "http" => Err(bad(Text::new(
            format!("plain http is allowed only for loopback addresses, and {host} is not one"),
            format!("明文 http 仅允许用于本机回环地址，而 {host} 不是"),
        ))),
        other => Err(bad(Text::new(
            format!("the scheme must be https, not {other}"),
            format!("协议必须是 https，而不是 {other}"),
        ))),
    }
}

/// True for 127.0.0.0/8 and ::1 (used by callers that have an `IpAddr`).
pub fn is_loopback_ip(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_loopback(),
        IpAddr::V6(v6) => {
            v6 == Ipv6Addr::LOCALHOST
                || v6
                    .to_ipv4_mapped()
                    .is_some_and(|v| Ipv4Addr::is_loopback(&v))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn https_anywhere() {
        for ok in [
            "https://connect.us-east-1.amazonaws.com",
            "https://ccc.cn-shanghai.aliyuncs.com/",
            "https://api-hk.nxlink.ai:8443/base",
            "https://10.0.0.5",
        ] {
            assert!(validate_endpoint(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn http_only_on_loopback() {
        for ok in [
            "http://127.0.0.1:8787",
            "http://127.1.2.3",
            "http://[::1]:9000/",
            "http://localhost:8080",
            "http://LOCALHOST.",
            "http://sandbox.localhost:1",
        ] {
            assert!(validate_endpoint(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://10.0.0.5",
            "http://example.com",
            "http://128.0.0.1",
            "http://localhost.example.com",
            "http://[::2]",
        ] {
            let e = validate_endpoint(bad).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Config);
            assert!(e.to_string().contains("only for loopback"), "{e}");
            assert!(e.to_string().contains("http://127.0.0.1:8787"), "{e}");
        }
    }

    #[test]
    fn other_problems_are_named() {
        let e = validate_endpoint("ftp://127.0.0.1").unwrap_err();
        assert!(e.to_string().contains("scheme must be https"), "{e}");
        let e = validate_endpoint("127.0.0.1:8787").unwrap_err();
        assert!(e.to_string().contains("invalid endpoint"), "{e}");
        let e = validate_endpoint("https://user:pw@example.com").unwrap_err();
        assert!(e.to_string().contains("user name or password"), "{e}");
        assert!(!e.to_string().contains("pw@"), "{e}");
        let e = validate_endpoint("https://example.com/?a=1").unwrap_err();
        assert!(e.to_string().contains("query"), "{e}");
    }

    #[test]
    fn loopback_ips() {
        assert!(is_loopback_ip("127.0.0.1".parse().unwrap()));
        assert!(is_loopback_ip("::1".parse().unwrap()));
        assert!(!is_loopback_ip("192.168.1.1".parse().unwrap()));
    }
}
