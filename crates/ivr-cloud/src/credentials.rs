//! Secrets and how a call gets its credentials.
//!
//! Secrets (access key secret, AWS secret and optional session token, NXLink
//! access secret) live only in the OS keyring, reached through the
//! [`SecretStore`] trait:
//! - [`KeyringStore`]: the real platform stores through the `keyring` crate
//!   (macOS Keychain, Windows Credential Manager, the Secret Service over D-Bus
//!   on Linux). Its calls block: async callers wrap them in `spawn_blocking`.
//!   There is no plaintext fallback: when no keyring is reachable the error
//!   says so and what to install or start.
//! - [`MemoryStore`] and [`FailingStore`]: for tests (of this crate, the CLI
//!   and the app's mock runtime).
//!
//! [`resolve`] picks a profile's credentials the way the providers' own tools
//! do: environment variables first (`AWS_ACCESS_KEY_ID` /
//! `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN`; `ALIBABA_CLOUD_ACCESS_KEY_ID` /
//! `ALIBABA_CLOUD_ACCESS_KEY_SECRET` / `ALIBABA_CLOUD_SECURITY_TOKEN`;
//! `NXLINK_ACCESS_KEY` / `NXLINK_ACCESS_SECRET`), else the profile's key id
//! and the keyring.

use ivr_flow::{Provider, Text};

use crate::error::{CloudError, ErrorKind};
use crate::profile::Profile;
use crate::secret::Secret;

/// The keyring "service" every IVR Studio entry is filed under.
pub const KEYRING_SERVICE: &str = "ivr-studio";

/// Which secret of a profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SecretSlot {
    /// The access key secret / AWS secret access key / NXLink access secret.
    Secret,
    /// An STS security token / AWS session token.
    SessionToken,
}

impl SecretSlot {
    fn as_str(self) -> &'static str {
        match self {
            SecretSlot::Secret => "secret",
            SecretSlot::SessionToken => "session-token",
        }
    }
}

/// The keyring account ("user") of a profile's secret: `profile/NAME/secret`
/// or `profile/NAME/session-token`, under service [`KEYRING_SERVICE`].
pub fn keyring_account(profile: &str, slot: SecretSlot) -> String {
    format!("profile/{profile}/{}", slot.as_str())
}

/// Where secrets are kept. Implementations block; they never log a secret.
pub trait SecretStore: Send + Sync {
    /// The secret, or `None` when none is stored.
    fn get(&self, profile: &str, slot: SecretSlot) -> Result<Option<Secret>, CloudError>;
    /// Stores (or replaces) the secret.
    fn set(&self, profile: &str, slot: SecretSlot, value: &Secret) -> Result<(), CloudError>;
    /// Deletes the secret; `Ok(false)` when there was none.
    fn delete(&self, profile: &str, slot: SecretSlot) -> Result<bool, CloudError>;
}

/// What to install or start when no keyring is reachable, for this OS.
pub fn keyring_fix() -> Text {
    if cfg!(target_os = "macos") {
        Text::new(
            "unlock the login keychain (Keychain Access)",
            "请解锁登录钥匙串（钥匙串访问）",
        )
    } else if cfg!(target_os = "windows") {
        Text::new(
            "make sure Windows Credential Manager is available for this user",
            "请确认此用户可以使用 Windows 凭据管理器",
        )
    } else {
        Text::new(
            "install and start gnome-keyring (or another Secret Service such as KeePassXC or \
             KWallet) in a session with a D-Bus session bus, and unlock it; on a headless machine \
             run `dbus-run-session -- sh` and start `gnome-keyring-daemon --unlock \
             --components=secrets` in it",
            "请在有 D-Bus 会话总线的会话中安装并启动 gnome-keyring（或 KeePassXC、KWallet 等其他 \
             Secret Service）并解锁；在无图形界面的机器上，运行 `dbus-run-session -- sh`，\
             并在其中启动 `gnome-keyring-daemon --unlock --components=secrets`",
        )
    }
}

/// What to do when the keyring fails: fix it, or use the environment.
pub(crate) fn keyring_hint() -> Text {
    let fix = keyring_fix();
    let vars = "AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, ALIBABA_CLOUD_ACCESS_KEY_ID / \
                ALIBABA_CLOUD_ACCESS_KEY_SECRET, NXLINK_ACCESS_KEY / NXLINK_ACCESS_SECRET";
    Text::new(
        format!(
            "{}; or put the credentials in the environment instead ({vars})",
            fix.en
        ),
        format!("{}；或改为在环境变量中提供凭据（{vars}）", fix.zh),
    )
}

/// The real OS keyring (see the module documentation).
#[derive(Debug, Default, Clone, Copy)]
pub struct KeyringStore;

impl KeyringStore {
    pub fn new() -> Self {
        KeyringStore
    }

    fn entry(profile: &str, slot: SecretSlot) -> Result<keyring::Entry, CloudError> {
        keyring::Entry::new(KEYRING_SERVICE, &keyring_account(profile, slot))
            .map_err(|e| map_keyring_error(e, OPEN))
    }
}

impl SecretStore for KeyringStore {
    fn get(&self, profile: &str, slot: SecretSlot) -> Result<Option<Secret>, CloudError> {
        entry_get(&KeyringStore::entry(profile, slot)?)
    }

    fn set(&self, profile: &str, slot: SecretSlot, value: &Secret) -> Result<(), CloudError> {
        entry_set(&KeyringStore::entry(profile, slot)?, value)
    }

    fn delete(&self, profile: &str, slot: SecretSlot) -> Result<bool, CloudError> {
        entry_delete(&KeyringStore::entry(profile, slot)?)
    }
}

fn entry_get(entry: &keyring::Entry) -> Result<Option<Secret>, CloudError> {
    match entry.get_password() {
        Ok(p) => Ok(Some(Secret::new(p))),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(map_keyring_error(e, READ)),
    }
}

fn entry_set(entry: &keyring::Entry, value: &Secret) -> Result<(), CloudError> {
    entry
        .set_password(value.expose())
        .map_err(|e| map_keyring_error(e, STORE))
}

fn entry_delete(entry: &keyring::Entry) -> Result<bool, CloudError> {
    match entry.delete_credential() {
        Ok(()) => Ok(true),
        Err(keyring::Error::NoEntry) => Ok(false),
        Err(e) => Err(map_keyring_error(e, DELETE)),
    }
}

/// What was being done with the keyring: "cannot {en} the OS keyring" and
/// the whole Chinese phrase.
pub(crate) type Op = (&'static str, &'static str);
pub(crate) const OPEN: Op = ("open the keyring entry in", "无法打开系统钥匙串中的条目");
pub(crate) const READ: Op = ("read the secret from", "无法从系统钥匙串读取密钥");
pub(crate) const STORE: Op = ("store the secret in", "无法将密钥保存到系统钥匙串");
pub(crate) const DELETE: Op = ("delete the secret from", "无法从系统钥匙串删除密钥");

/// "cannot {op} the OS keyring: {why}" in both languages.
pub(crate) fn cannot(op: Op, why: Text) -> Text {
    Text::new(
        format!("cannot {} the OS keyring: {}", op.0, why.en),
        format!("{}：{}", op.1, why.zh),
    )
}

/// Turns a keyring error into a [`CloudError`] of kind `Keyring`. Never
/// formats anything that could hold secret bytes (`BadEncoding` carries them,
/// `Ambiguous` carries credentials).
fn map_keyring_error(e: keyring::Error, op: Op) -> CloudError {
    match e {
        keyring::Error::PlatformFailure(inner) | keyring::Error::NoStorageAccess(inner) => {
            let no_bus = cfg!(all(unix, not(target_os = "macos")))
                && std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none_or(|v| v.is_empty());
            let why = if no_bus {
                Text::new(
                    "no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set), so no Secret \
                     Service keyring is reachable; no secret was written anywhere else",
                    "没有 D-Bus 会话总线（未设置 DBUS_SESSION_BUS_ADDRESS），无法连接任何 Secret \
                     Service 钥匙串；密钥没有写到其他任何地方",
                )
            } else {
                Text::new(
                    format!(
                        "the keyring is not reachable or refused: {inner}; no secret was written \
                         anywhere else"
                    ),
                    format!("钥匙串无法连接或拒绝了请求：{inner}；密钥没有写到其他任何地方"),
                )
            };
            CloudError::keyring(cannot(op, why), keyring_hint())
        }
        keyring::Error::NoEntry => CloudError::keyring(
            cannot(op, Text::new("no such entry", "没有这个条目")),
            Text::new(
                "add the secret again with `ivr profile add NAME ... --secret-stdin --replace`",
                "请用 `ivr profile add NAME ... --secret-stdin --replace` 重新添加密钥",
            ),
        ),
        keyring::Error::BadEncoding(_) => CloudError::keyring(
            cannot(
                op,
                Text::new(
                    "the stored secret is not UTF-8 text",
                    "保存的密钥不是 UTF-8 文本",
                ),
            ),
            Text::new(
                "remove the profile and add it again",
                "请删除该连接后重新添加",
            ),
        ),
        keyring::Error::Ambiguous(items) => CloudError::keyring(
            cannot(
                op,
                Text::new(
                    format!("{} entries match service {KEYRING_SERVICE}", items.len()),
                    format!("有 {} 个条目匹配服务 {KEYRING_SERVICE}", items.len()),
                ),
            ),
            Text::new(
                "remove the duplicates with your keyring manager (e.g. Seahorse, Keychain Access)",
                "请用钥匙串管理工具（如 Seahorse、钥匙串访问）删除重复的条目",
            ),
        ),
        // The keyring crate's own words, in both languages.
        other => CloudError::keyring(
            cannot(op, Text::new(other.to_string(), other.to_string())),
            keyring_hint(),
        ),
    }
}

/// Stores a profile's secret and (optional) session token. Without a token,
/// any token stored before is deleted, so a stale one is never sent.
pub fn store_secrets(
    store: &dyn SecretStore,
    profile: &str,
    secret: &Secret,
    session_token: Option<&Secret>,
) -> Result<(), CloudError> {
    store.set(profile, SecretSlot::Secret, secret)?;
    match session_token {
        Some(t) => store.set(profile, SecretSlot::SessionToken, t),
        None => store.delete(profile, SecretSlot::SessionToken).map(|_| ()),
    }
}

/// Deletes a profile's secrets; `Ok(true)` when anything was deleted.
pub fn delete_secrets(store: &dyn SecretStore, profile: &str) -> Result<bool, CloudError> {
    let a = store.delete(profile, SecretSlot::Secret)?;
    let b = store.delete(profile, SecretSlot::SessionToken)?;
    Ok(a || b)
}

/// What may be shown about a stored secret: whether there is one, its length
/// and its last 4 characters (for long enough secrets), never the secret.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct SecretStatus {
    pub stored: bool,
    pub length: Option<usize>,
    pub last4: Option<String>,
    pub session_token: bool,
}

/// Reads the keyring to report [`SecretStatus`] for a profile.
pub fn secret_status(store: &dyn SecretStore, profile: &str) -> Result<SecretStatus, CloudError> {
    let secret = store.get(profile, SecretSlot::Secret)?;
    let token = store.get(profile, SecretSlot::SessionToken)?;
    Ok(SecretStatus {
        stored: secret.is_some(),
        length: secret.as_ref().map(Secret::len),
        last4: secret.as_ref().and_then(Secret::last4),
        session_token: token.is_some(),
    })
}

/// Environment variable names for a provider.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EnvNames {
    pub key_id: &'static str,
    pub secret: &'static str,
    pub session_token: Option<&'static str>,
}

/// The environment variables each provider's own tools read.
pub fn env_names(provider: Provider) -> EnvNames {
    match provider {
        Provider::Connect => EnvNames {
            key_id: "AWS_ACCESS_KEY_ID",
            secret: "AWS_SECRET_ACCESS_KEY",
            session_token: Some("AWS_SESSION_TOKEN"),
        },
        Provider::Aliyun | Provider::Aliyun2017 => EnvNames {
            key_id: "ALIBABA_CLOUD_ACCESS_KEY_ID",
            secret: "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
            session_token: Some("ALIBABA_CLOUD_SECURITY_TOKEN"),
        },
        Provider::Nxlink => EnvNames {
            key_id: "NXLINK_ACCESS_KEY",
            secret: "NXLINK_ACCESS_SECRET",
            session_token: None,
        },
    }
}

/// Where resolved credentials came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CredentialSource {
    Environment,
    Keyring,
    /// The sandbox's public demo credentials ([`Credentials::sandbox_demo`]).
    Builtin,
}

impl CredentialSource {
    pub fn as_str(self) -> &'static str {
        match self {
            CredentialSource::Environment => "environment",
            CredentialSource::Keyring => "keyring",
            CredentialSource::Builtin => "builtin",
        }
    }
}

/// A profile's credentials, ready to sign with. `Debug` shows `***` for secrets.
#[derive(Clone, Debug)]
pub struct Credentials {
    pub key_id: String,
    pub secret: Secret,
    pub session_token: Option<Secret>,
    pub source: CredentialSource,
}

/// The sandbox's documented demo key id, accepted for every provider.
pub const SANDBOX_KEY_ID: &str = "sandbox";
/// The sandbox's documented demo secret (public: not a real secret).
pub const SANDBOX_SECRET: &str = "sandbox-secret";

impl Credentials {
    /// The documented demo credentials of the local sandbox, for the built-in
    /// "Local sandbox" profiles (they need no keyring).
    pub fn sandbox_demo() -> Self {
        Credentials {
            key_id: SANDBOX_KEY_ID.to_owned(),
            secret: Secret::new(SANDBOX_SECRET),
            session_token: None,
            source: CredentialSource::Builtin,
        }
    }
}

/// Reads `name` from the environment; empty counts as unset.
pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// Whether the environment overrides this provider's credentials (both the
/// key id and the secret variables are set).
pub fn env_overrides(provider: Provider, env: &dyn Fn(&str) -> Option<String>) -> bool {
    let n = env_names(provider);
    env(n.key_id).is_some() && env(n.secret).is_some()
}

/// The credentials a call for `profile` uses: the environment when it sets the
/// provider's key id and secret (a session token variable is read only then, as
/// the AWS and Alibaba Cloud tools do), else the profile's key id with the
/// secret (and session token) from `store`. `env` reads a variable (use
/// [`process_env`]); it is a parameter so tests need not touch the process
/// environment.
pub fn resolve(
    profile: &Profile,
    store: &dyn SecretStore,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Credentials, CloudError> {
    let names = env_names(profile.provider);
    let env_hint = Text::new(
        format!(
            "set {} and {} in the environment, or store a secret with \
             `ivr profile add {} ... --key-id ID --secret-stdin --replace`",
            names.key_id, names.secret, profile.name
        ),
        format!(
            "请在环境变量中设置 {} 和 {}，或在连接中保存密钥（`ivr profile add {} ... --key-id ID \
             --secret-stdin --replace`）",
            names.key_id, names.secret, profile.name
        ),
    );
    match (env(names.key_id), env(names.secret)) {
        (Some(key_id), Some(secret)) => {
            return Ok(Credentials {
                key_id,
                secret: Secret::new(secret),
                session_token: names.session_token.and_then(env).map(Secret::new),
                source: CredentialSource::Environment,
            });
        }
        (Some(_), None) => {
            return Err(half_set(names.key_id, names.secret));
        }
        (None, Some(_)) => {
            return Err(half_set(names.secret, names.key_id));
        }
        (None, None) => {}
    }
    let key_id = profile.key_id.clone().ok_or_else(|| {
        CloudError::config(Text::new(
            format!("profile {:?} has no key id", profile.name),
            format!("连接 {:?} 没有密钥 ID", profile.name),
        ))
        .with_hint(env_hint.clone())
    })?;
    let with_env_hint = |e: CloudError| {
        if e.kind() == ErrorKind::Keyring {
            let fix = keyring_fix();
            e.with_hint(Text::new(
                format!(
                    "{}; or set {} and {} in the environment",
                    fix.en, names.key_id, names.secret
                ),
                format!(
                    "{}；或在环境变量中设置 {} 和 {}",
                    fix.zh, names.key_id, names.secret
                ),
            ))
            .with_provider(profile.provider)
        } else {
            e
        }
    };
    let secret = store
        .get(&profile.name, SecretSlot::Secret)
        .map_err(with_env_hint)?
        .ok_or_else(|| {
            CloudError::new(
                ErrorKind::Auth,
                Text::new(
                    format!("no secret is stored for profile {:?}", profile.name),
                    format!("连接 {:?} 没有保存密钥", profile.name),
                ),
            )
            .with_provider(profile.provider)
            .with_hint(env_hint.clone())
        })?;
    let session_token = if names.session_token.is_some() {
        store
            .get(&profile.name, SecretSlot::SessionToken)
            .map_err(with_env_hint)?
    } else {
        None
    };
    Ok(Credentials {
        key_id,
        secret,
        session_token,
        source: CredentialSource::Keyring,
    })
}

/// One of a pair of environment variables is set and the other is not.
fn half_set(set: &str, unset: &str) -> CloudError {
    CloudError::config(Text::new(
        format!("{set} is set but {unset} is not"),
        format!("设置了 {set}，但没有设置 {unset}"),
    ))
    .with_hint(Text::new(
        format!("set both, or unset {set}"),
        format!("请同时设置两者，或取消设置 {set}"),
    ))
}

#[cfg(test)]
mod tests {
    use keyring::credential::CredentialApi as _;
    use keyring::mock::MockCredential;

    use super::*;
    use crate::test_support::{FailingStore, MemoryStore};

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |n: &str| {
            pairs
                .iter()
                .find(|(k, _)| *k == n)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    fn no_env(_: &str) -> Option<String> {
        None
    }

    fn aliyun() -> Profile {
        Profile {
            region: Some("cn-shanghai".into()),
            instance: Some("ccc-test".into()),
            key_id: Some("LTAI-profile".into()),
            ..Profile::new("cn", Provider::Aliyun)
        }
    }

    #[test]
    fn memory_store_round_trip_and_status() {
        let store = MemoryStore::new();
        let token = Secret::new("sts-token-value");
        store_secrets(&store, "cn", &Secret::new("sandbox-secret"), Some(&token)).unwrap();
        let st = secret_status(&store, "cn").unwrap();
        assert_eq!(
            st,
            SecretStatus {
                stored: true,
                length: Some(14),
                last4: Some("cret".into()),
                session_token: true
            }
        );
        // Replacing without a token drops the old token.
        store_secrets(&store, "cn", &Secret::new("another-secret"), None).unwrap();
        assert!(!secret_status(&store, "cn").unwrap().session_token);
        assert!(delete_secrets(&store, "cn").unwrap());
        assert!(!delete_secrets(&store, "cn").unwrap());
        assert!(store.is_empty());
        assert!(!secret_status(&store, "cn").unwrap().stored);
    }

    #[test]
    fn keyring_wins_without_env_and_env_wins_when_set() {
        let store = MemoryStore::new();
        store_secrets(&store, "cn", &Secret::new("keyring-secret"), None).unwrap();
        let c = resolve(&aliyun(), &store, &no_env).unwrap();
        assert_eq!(c.source, CredentialSource::Keyring);
        assert_eq!(c.key_id, "LTAI-profile");
        assert_eq!(c.secret.expose(), "keyring-secret");
        assert!(c.session_token.is_none());

        let env = env_of(&[
            ("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI-env"),
            ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret"),
            ("ALIBABA_CLOUD_SECURITY_TOKEN", "env-token"),
        ]);
        let c = resolve(&aliyun(), &store, &env).unwrap();
        assert_eq!(c.source, CredentialSource::Environment);
        assert_eq!(c.key_id, "LTAI-env");
        assert_eq!(c.secret.expose(), "env-secret");
        assert_eq!(
            c.session_token.as_ref().map(Secret::expose),
            Some("env-token")
        );
        // Debug never shows them.
        let shown = format!("{c:?}");
        assert!(
            !shown.contains("env-secret") && !shown.contains("env-token"),
            "{shown}"
        );
    }

    #[test]
    fn env_works_with_a_failing_keyring() {
        let env = env_of(&[
            ("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"),
            (
                "AWS_SECRET_ACCESS_KEY",
                "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            ),
        ]);
        let p = Profile {
            region: Some("us-east-1".into()),
            instance: Some("i".into()),
            ..Profile::new("aws", Provider::Connect)
        };
        let c = resolve(&p, &FailingStore, &env).unwrap();
        assert_eq!(c.source, CredentialSource::Environment);
        assert!(c.session_token.is_none());
        // NXLink has its own names and no token.
        let nx = Profile {
            region: Some("hk".into()),
            ..Profile::new("nx", Provider::Nxlink)
        };
        let e = resolve(&nx, &FailingStore, &env).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Config); // no key id, and AWS vars don't apply
        let nxenv = env_of(&[
            ("NXLINK_ACCESS_KEY", "AK-1"),
            ("NXLINK_ACCESS_SECRET", "s3cr3t-value"),
        ]);
        assert_eq!(resolve(&nx, &FailingStore, &nxenv).unwrap().key_id, "AK-1");
    }

    #[test]
    fn half_set_env_is_an_error_naming_the_missing_variable() {
        let env = env_of(&[("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI-env")]);
        let e = resolve(&aliyun(), &MemoryStore::new(), &env).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Config);
        assert!(
            e.to_string()
                .contains("ALIBABA_CLOUD_ACCESS_KEY_SECRET is not"),
            "{e}"
        );
    }

    #[test]
    fn failing_keyring_says_what_to_install_and_mentions_env() {
        let e = resolve(&aliyun(), &FailingStore, &no_env).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Keyring);
        let s = e.to_string();
        if cfg!(target_os = "linux") {
            assert!(s.contains("gnome-keyring"), "{s}");
        }
        assert!(s.contains("ALIBABA_CLOUD_ACCESS_KEY_ID"), "{s}");
        assert!(!s.contains("AWS_ACCESS_KEY_ID"), "{s}");
        assert!(
            FailingStore
                .set("x", SecretSlot::Secret, &Secret::new("abc"))
                .is_err()
        );
        assert!(FailingStore.delete("x", SecretSlot::Secret).is_err());
    }

    #[test]
    fn missing_secret_is_auth_with_the_fix() {
        let e = resolve(&aliyun(), &MemoryStore::new(), &no_env).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Auth);
        assert!(e.to_string().contains("--secret-stdin"), "{e}");
        let mut p = aliyun();
        p.key_id = None;
        let e = resolve(&p, &MemoryStore::new(), &no_env).unwrap_err();
        assert!(e.to_string().contains("has no key id"), "{e}");
    }

    // The adapter over `keyring::Entry`, exercised with keyring's own mock
    // credentials, including injected platform failures.
    fn mock_entry() -> keyring::Entry {
        keyring::Entry::new_with_credential(Box::new(MockCredential::default()))
    }

    fn mock_of(entry: &keyring::Entry) -> &MockCredential {
        entry.get_credential().downcast_ref().unwrap()
    }

    #[test]
    fn keyring_adapter_with_mock_credentials() {
        let entry = mock_entry();
        assert_eq!(entry_get(&entry).unwrap(), None);
        assert!(!entry_delete(&entry).unwrap());
        entry_set(&entry, &Secret::new("mock-secret-1")).unwrap();
        assert_eq!(
            entry_get(&entry).unwrap().as_ref().map(Secret::expose),
            Some("mock-secret-1")
        );
        assert!(entry_delete(&entry).unwrap());
        assert_eq!(entry_get(&entry).unwrap(), None);
        // The raw mock really holds what we set (no encoding games).
        entry_set(&entry, &Secret::new("x")).unwrap();
        assert_eq!(mock_of(&entry).get_password().unwrap(), "x");
    }

    #[test]
    fn keyring_platform_failure_becomes_a_keyring_error_with_the_fix() {
        let entry = mock_entry();
        let dbus_err: Box<dyn std::error::Error + Send + Sync> =
            "org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not provided".into();
        mock_of(&entry).set_error(keyring::Error::PlatformFailure(dbus_err));
        let e = entry_set(&entry, &Secret::new("never-stored-secret")).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Keyring);
        let s = e.to_string();
        assert!(
            s.contains("cannot store the secret in the OS keyring"),
            "{s}"
        );
        assert!(s.contains("no secret was written anywhere else"), "{s}");
        assert!(!s.contains("never-stored-secret"), "{s}");
        // The failed set stored nothing.
        assert_eq!(entry_get(&entry).unwrap(), None);

        let locked: Box<dyn std::error::Error + Send + Sync> = "collection is locked".into();
        mock_of(&entry).set_error(keyring::Error::NoStorageAccess(locked));
        assert_eq!(entry_get(&entry).unwrap_err().kind(), ErrorKind::Keyring);

        mock_of(&entry).set_error(keyring::Error::BadEncoding(b"secret-bytes".to_vec()));
        let s = entry_get(&entry).unwrap_err().to_string();
        assert!(s.contains("not UTF-8"), "{s}");
        assert!(!s.contains("secret-bytes"), "{s}");

        mock_of(&entry).set_error(keyring::Error::Ambiguous(vec![]));
        assert!(
            entry_delete(&entry)
                .unwrap_err()
                .to_string()
                .contains("entries match")
        );
    }

    #[test]
    fn keyring_accounts_are_per_profile_and_slot() {
        assert_eq!(
            keyring_account("prod", SecretSlot::Secret),
            "profile/prod/secret"
        );
        assert_eq!(
            keyring_account("prod", SecretSlot::SessionToken),
            "profile/prod/session-token"
        );
    }
}
