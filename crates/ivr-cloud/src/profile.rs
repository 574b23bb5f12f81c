//! Connection profiles: which provider, region (or NXLink gateway), instance,
//! optional endpoint override and access key id. A profile never holds a
//! secret: secrets live in the OS keyring (see [`crate::credentials`]).

use ivr_flow::{Provider, Text};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::endpoint::validate_endpoint;
use crate::error::CloudError;

/// Longest profile name.
pub const MAX_NAME_LEN: usize = 64;

/// NXLink API gateways by region code (reference/nxlink.md).
pub const NXLINK_GATEWAYS: [(&str, &str); 3] = [
    ("hk", "https://api-hk.nxlink.ai"),
    ("amer", "https://chl-api.nxlink.ai"),
    ("idn", "https://api-idn.nxlink.ai"),
];

/// A connection profile, as stored in the profiles file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Unique name: letters, digits, `-`, `_`, `.`; at most 64 characters.
    pub name: String,
    pub provider: Provider,
    /// AWS region (`us-east-1`), Alibaba Cloud region (`cn-shanghai`), or the
    /// NXLink gateway code (`hk`, `amer`, `idn`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub region: Option<String>,
    /// Contact-centre instance id (Connect, CCC). Not used by NXLink.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub instance: Option<String>,
    /// Endpoint override: https, or http on loopback (the sandbox).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub endpoint: Option<String>,
    /// Access key id (not secret). Environment variables override it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub key_id: Option<String>,
}

/// Checks a profile name; the error says what is allowed.
pub fn validate_name(name: &str) -> Result<(), CloudError> {
    let ok_chars = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if name.is_empty() || name.len() > MAX_NAME_LEN || !ok_chars || name.starts_with('.') {
        return Err(CloudError::config(Text::new(
            format!(
                "invalid profile name {name:?}: use 1 to {MAX_NAME_LEN} letters, digits, '-', '_' or '.' \
                 (not starting with '.')"
            ),
            format!(
                "连接名称 {name:?} 无效：请使用 1 到 {MAX_NAME_LEN} 个字母、数字、'-'、'_' 或 '.'（不能以 '.' 开头）"
            ),
        )));
    }
    Ok(())
}

fn validate_region(provider: Provider, region: &str) -> Result<(), CloudError> {
    if provider == Provider::Nxlink {
        if NXLINK_GATEWAYS.iter().any(|(code, _)| *code == region) {
            return Ok(());
        }
        return Err(CloudError::config(Text::new(
            format!(
                "unknown NXLink gateway {region:?}: use hk (Hong Kong), amer (Americas) or idn (Indonesia), \
                 or give --endpoint"
            ),
            format!(
                "未知的 NXLink 网关 {region:?}：请使用 hk（香港）、amer（美洲）或 idn（印度尼西亚），或指定 --endpoint"
            ),
        )));
    }
    let ok = !region.is_empty()
        && region.len() <= 32
        && region
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if ok {
        Ok(())
    } else {
        Err(CloudError::config(Text::new(
            format!("invalid region {region:?}: expected something like us-east-1 or cn-shanghai"),
            format!("地域 {region:?} 无效：应类似 us-east-1 或 cn-shanghai"),
        )))
    }
}

impl Profile {
    /// `Ok` when this profile is for one of `providers`, else the error a
    /// client gives: which provider the profile is for, and not `service`
    /// (`(en, zh)`, e.g. `("NXLink", "NXLink")`).
    pub fn expect_provider(
        &self,
        providers: &[Provider],
        service: (&str, &str),
    ) -> Result<(), CloudError> {
        if providers.contains(&self.provider) {
            return Ok(());
        }
        Err(CloudError::config(Text::new(
            format!(
                "profile {:?} is for {}, not {}",
                self.name, self.provider, service.0
            ),
            format!(
                "连接 {:?} 用于 {}，不是 {}",
                self.name, self.provider, service.1
            ),
        )))
    }

    /// The instance id a client needs, or the error that says how to give one.
    pub fn instance_id(&self) -> Result<String, CloudError> {
        self.instance.clone().ok_or_else(|| {
            CloudError::config(Text::new(
                format!("profile {:?} has no instance id", self.name),
                format!("连接 {:?} 没有实例 ID", self.name),
            ))
            .with_hint(Text::new(
                "give --instance ID when adding the profile",
                "添加连接时请指定 --instance ID",
            ))
        })
    }

    /// A profile with just a name and provider.
    pub fn new(name: impl Into<String>, provider: Provider) -> Self {
        Profile {
            name: name.into(),
            provider,
            region: None,
            instance: None,
            endpoint: None,
            key_id: None,
        }
    }

    /// Checks everything a later call relies on. Requirements:
    /// Connect and CCC need a region (the signing scope / endpoint) and an
    /// instance id; NXLink needs a gateway code or an endpoint.
    pub fn validate(&self) -> Result<(), CloudError> {
        validate_name(&self.name)?;
        let name = &self.name;
        let named = |e: CloudError| {
            let m = e.message();
            let named = CloudError::config(Text::new(
                format!("profile {name:?}: {}", m.en),
                format!("连接 {name:?}：{}", m.zh),
            ));
            match e.hint() {
                Some(h) => named.with_hint(h.clone()),
                None => named,
            }
        };
        let hint_missing = |what: Text, flag: &str| {
            CloudError::config(Text::new(
                format!("profile {name:?} ({}) needs {}", self.provider, what.en),
                format!("连接 {name:?}（{}）需要{}", self.provider, what.zh),
            ))
            .with_hint(Text::new(format!("give {flag}"), format!("请指定 {flag}")))
        };
        match (&self.region, self.provider) {
            (Some(r), p) => validate_region(p, r).map_err(named)?,
            (None, Provider::Nxlink) if self.endpoint.is_some() => {}
            (None, Provider::Nxlink) => {
                return Err(hint_missing(
                    Text::new("a gateway", "网关"),
                    "--region hk|amer|idn or --endpoint URL",
                ));
            }
            (None, _) => return Err(hint_missing(Text::new("a region", "地域"), "--region R")),
        }
        match (self.provider, &self.instance) {
            (Provider::Nxlink, _) => {}
            (_, None) => {
                return Err(hint_missing(
                    Text::new("an instance id", "实例 ID"),
                    "--instance ID",
                ));
            }
            (_, Some(i)) if i.trim().is_empty() || i.len() > 256 => {
                return Err(CloudError::config(Text::new(
                    format!("profile {name:?}: the instance id must be 1 to 256 characters"),
                    format!("连接 {name:?}：实例 ID 须为 1 到 256 个字符"),
                )));
            }
            _ => {}
        }
        if let Some(e) = &self.endpoint {
            validate_endpoint(e).map_err(named)?;
        }
        if let Some(k) = &self.key_id
            && (k.is_empty()
                || k.len() > 256
                || k.chars().any(|c| c.is_whitespace() || c.is_control()))
        {
            return Err(CloudError::config(Text::new(
                format!("profile {name:?}: the key id must be 1 to 256 characters without spaces"),
                format!("连接 {name:?}：密钥 ID 须为 1 到 256 个字符，且不含空格"),
            )));
        }
        Ok(())
    }

    /// The base URL calls go to: the endpoint override, else the provider's
    /// public endpoint for the region.
    pub fn base_url(&self) -> Result<Url, CloudError> {
        if let Some(e) = &self.endpoint {
            return validate_endpoint(e);
        }
        let region = self.region.as_deref().unwrap_or_default();
        let url = match self.provider {
            Provider::Connect => format!("https://connect.{region}.amazonaws.com"),
            Provider::Aliyun | Provider::Aliyun2017 => format!("https://ccc.{region}.aliyuncs.com"),
            Provider::Nxlink => NXLINK_GATEWAYS
                .iter()
                .find(|(code, _)| *code == region)
                .map(|(_, url)| (*url).to_owned())
                .unwrap_or_default(),
        };
        validate_endpoint(&url).map_err(|_| {
            CloudError::config(Text::new(
                format!("profile {:?} has no usable region or endpoint", self.name),
                format!("连接 {:?} 没有可用的地域或接入地址", self.name),
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn connect() -> Profile {
        Profile {
            region: Some("us-east-1".into()),
            instance: Some("1111-2222".into()),
            key_id: Some("AKIDEXAMPLE".into()),
            ..Profile::new("prod", Provider::Connect)
        }
    }

    #[test]
    fn names() {
        for ok in ["prod", "a", "cn.shanghai-2_x", &"x".repeat(64)] {
            assert!(validate_name(ok).is_ok(), "{ok}");
        }
        for bad in ["", ".hidden", "has space", "a/b", "中文", &"x".repeat(65)] {
            assert!(validate_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn provider_requirements() {
        assert!(connect().validate().is_ok());
        let no_region = Profile {
            region: None,
            ..connect()
        };
        let e = no_region.validate().unwrap_err();
        assert!(e.to_string().contains("needs a region"), "{e}");
        assert!(e.to_string().contains("--region"), "{e}");
        let no_instance = Profile {
            instance: None,
            ..connect()
        };
        assert!(
            no_instance
                .validate()
                .unwrap_err()
                .to_string()
                .contains("instance")
        );

        let nx = Profile {
            region: Some("hk".into()),
            ..Profile::new("nx", Provider::Nxlink)
        };
        assert!(nx.validate().is_ok());
        let e = Profile {
            region: Some("eu".into()),
            ..nx.clone()
        }
        .validate()
        .unwrap_err();
        assert!(e.to_string().contains("hk (Hong Kong)"), "{e}");
        let via_endpoint = Profile {
            region: None,
            endpoint: Some("http://127.0.0.1:9000".into()),
            ..nx
        };
        assert!(via_endpoint.validate().is_ok());
    }

    #[test]
    fn endpoint_rules_apply() {
        let p = Profile {
            endpoint: Some("http://example.com".into()),
            ..connect()
        };
        let e = p.validate().unwrap_err();
        assert!(e.to_string().contains("profile \"prod\""), "{e}");
        assert!(e.to_string().contains("loopback"), "{e}");
    }

    #[test]
    fn base_urls() {
        assert_eq!(
            connect().base_url().unwrap().as_str(),
            "https://connect.us-east-1.amazonaws.com/"
        );
        let ccc = Profile {
            region: Some("cn-shanghai".into()),
            ..Profile::new("c", Provider::Aliyun)
        };
        assert_eq!(
            ccc.base_url().unwrap().as_str(),
            "https://ccc.cn-shanghai.aliyuncs.com/"
        );
        let nx = Profile {
            region: Some("amer".into()),
            ..Profile::new("n", Provider::Nxlink)
        };
        assert_eq!(
            nx.base_url().unwrap().as_str(),
            "https://chl-api.nxlink.ai/"
        );
        let sb = Profile {
            endpoint: Some("http://127.0.0.1:8787".into()),
            ..connect()
        };
        assert_eq!(sb.base_url().unwrap().as_str(), "http://127.0.0.1:8787/");
    }
}
