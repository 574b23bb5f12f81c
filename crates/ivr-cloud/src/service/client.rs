//! A provider client, ready to call, chosen by the profile's provider: the
//! one place that knows which client speaks to which cloud.

use ivr_flow::{Provider, Text};

use crate::ccc::CccClient;
use crate::connect::ConnectClient;
use crate::credentials::Credentials;
use crate::error::CloudError;
use crate::profile::Profile;

/// A provider client, ready to call.
pub enum Client {
    Ccc(CccClient),
    Connect(ConnectClient),
}

impl Client {
    /// The provider this client speaks to.
    pub fn provider(&self) -> Provider {
        match self {
            Client::Ccc(c) => c.provider(),
            Client::Connect(_) => Provider::Connect,
        }
    }

    /// The contact-centre instance it calls.
    pub fn instance(&self) -> &str {
        match self {
            Client::Ccc(c) => c.instance(),
            Client::Connect(c) => c.instance(),
        }
    }
}

/// The client for `profile` with `creds`.
pub fn client(profile: &Profile, creds: Credentials) -> Result<Client, CloudError> {
    profile.validate()?;
    match profile.provider {
        Provider::Aliyun | Provider::Aliyun2017 => Ok(Client::Ccc(CccClient::new(profile, creds)?)),
        Provider::Connect => Ok(Client::Connect(ConnectClient::new(profile, creds)?)),
        other => Err(CloudError::config(Text::new(
            format!(
                "profile {:?} is for {other}, which listing, import and publish do not reach yet",
                profile.name
            ),
            format!(
                "连接 {:?} 用于 {other}，目前还不能列出、导入或发布到该平台",
                profile.name
            ),
        ))),
    }
}
