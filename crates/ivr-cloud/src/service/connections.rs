//! Connections: the profiles file plus the built-in "Local sandbox"
//! profiles, each shown with its secret status (stored, last 4 characters),
//! never the secret. Secrets go only to the [`SecretStore`]; the built-in
//! profiles use the sandbox's public demo credentials and need no keyring.

use ivr_flow::Provider;
use serde::Serialize;

use super::Client;
use crate::ccc::CccClient;
use crate::connect::ConnectClient;
use crate::credentials::{self, Credentials, SecretStatus, SecretStore};
use crate::error::CloudError;
use crate::profile::Profile;
use crate::profiles_file::ProfilesFile;
use crate::secret::Secret;

/// The built-in profiles' names and providers, in display order.
pub const SANDBOX_PROFILES: [(&str, Provider); 3] = [
    ("sandbox-connect", Provider::Connect),
    ("sandbox-ccc", Provider::Aliyun),
    ("sandbox-ccc2017", Provider::Aliyun2017),
];

/// The instance id the built-in profiles use (the sandbox accepts any).
pub const SANDBOX_INSTANCE: &str = "local-sandbox";

/// The built-in "Local sandbox" profiles pointing at `endpoint`
/// (`http://127.0.0.1:PORT`).
pub fn sandbox_profiles(endpoint: &str) -> Vec<Profile> {
    SANDBOX_PROFILES
        .iter()
        .map(|(name, provider)| Profile {
            region: Some(
                if *provider == Provider::Connect {
                    "us-east-1"
                } else {
                    "cn-shanghai"
                }
                .to_owned(),
            ),
            instance: Some(SANDBOX_INSTANCE.to_owned()),
            endpoint: Some(endpoint.to_owned()),
            key_id: Some(credentials::SANDBOX_KEY_ID.to_owned()),
            ..Profile::new(*name, *provider)
        })
        .collect()
}

/// A profile as the app shows it.
#[derive(Clone, Debug, Serialize)]
pub struct ProfileView {
    pub profile: Profile,
    /// Whether a secret is stored and its last 4 characters; never the secret.
    pub secret: SecretStatus,
    /// A built-in "Local sandbox" profile (cannot be edited or removed).
    pub builtin: bool,
    /// The keyring could not be read for this profile: why.
    pub keyring_error: Option<CloudError>,
}

/// The profiles file and the built-in profiles.
pub struct Connections {
    file: ProfilesFile,
    builtin: Vec<Profile>,
}

fn no_secret() -> SecretStatus {
    SecretStatus {
        stored: false,
        length: None,
        last4: None,
        session_token: false,
    }
}

impl Connections {
    /// `file` plus `builtin` (the sandbox profiles, or none).
    pub fn new(file: ProfilesFile, builtin: Vec<Profile>) -> Self {
        Connections { file, builtin }
    }

    /// The profiles file.
    pub fn file(&self) -> &ProfilesFile {
        &self.file
    }

    fn is_builtin(&self, name: &str) -> bool {
        self.builtin.iter().any(|p| p.name == name)
            || SANDBOX_PROFILES.iter().any(|(n, _)| *n == name)
    }

    /// Every profile: the built-in ones first, then the saved ones, each with
    /// its secret status. Blocks on the keyring.
    pub fn list(&self, store: &dyn SecretStore) -> Result<Vec<ProfileView>, CloudError> {
        let mut out: Vec<ProfileView> = self
            .builtin
            .iter()
            .map(|p| ProfileView {
                profile: p.clone(),
                secret: no_secret(),
                builtin: true,
                keyring_error: None,
            })
            .collect();
        for p in self.file.load()? {
            let (secret, keyring_error) = match credentials::secret_status(store, &p.name) {
                Ok(s) => (s, None),
                Err(e) => (no_secret(), Some(e)),
            };
            out.push(ProfileView {
                profile: p,
                secret,
                builtin: false,
                keyring_error,
            });
        }
        Ok(out)
    }

    /// The profile named `name` and whether it is built in.
    pub fn find(&self, name: &str) -> Result<(Profile, bool), CloudError> {
        if let Some(p) = self.builtin.iter().find(|p| p.name == name) {
            return Ok((p.clone(), true));
        }
        self.file
            .get(name)?
            .map(|p| (p, false))
            .ok_or_else(|| CloudError::config(format!("no profile named {name:?}")))
    }

    /// Adds or replaces a saved profile. `secret`, when given, goes to the
    /// keyring (replacing the one stored); without it the stored secret is
    /// kept. The secret is stored first, so a profile is never saved with a
    /// secret that failed to reach the keyring. Blocks on the keyring.
    pub fn save(
        &self,
        store: &dyn SecretStore,
        profile: Profile,
        secret: Option<&Secret>,
    ) -> Result<(), CloudError> {
        if self.is_builtin(&profile.name) {
            return Err(CloudError::config(format!(
                "{:?} is a built-in Local sandbox profile; choose another name",
                profile.name
            )));
        }
        profile.validate()?;
        if let Some(s) = secret.filter(|s| !s.is_empty()) {
            credentials::store_secrets(store, &profile.name, s, None)?;
        }
        self.file.add(profile, true)
    }

    /// Removes a saved profile and its secrets. Blocks on the keyring.
    pub fn remove(&self, store: &dyn SecretStore, name: &str) -> Result<bool, CloudError> {
        if self.is_builtin(name) {
            return Err(CloudError::config(format!(
                "{name:?} is a built-in Local sandbox profile and cannot be removed"
            )));
        }
        let removed = self.file.remove(name)?.is_some();
        let deleted = credentials::delete_secrets(store, name)?;
        Ok(removed || deleted)
    }

    /// The client for profile `name`: the demo credentials for a built-in
    /// profile, else the environment or the keyring. Blocks on the keyring.
    pub fn client(
        &self,
        store: &dyn SecretStore,
        env: &dyn Fn(&str) -> Option<String>,
        name: &str,
    ) -> Result<Client, CloudError> {
        let (profile, builtin) = self.find(name)?;
        let creds = if builtin {
            Credentials::sandbox_demo()
        } else {
            profile.validate()?;
            credentials::resolve(&profile, store, env)?
        };
        client(&profile, creds)
    }
}

/// The client for `profile` with `creds`.
pub fn client(profile: &Profile, creds: Credentials) -> Result<Client, CloudError> {
    profile.validate()?;
    match profile.provider {
        Provider::Aliyun | Provider::Aliyun2017 => Ok(Client::Ccc(CccClient::new(profile, creds)?)),
        Provider::Connect => Ok(Client::Connect(ConnectClient::new(profile, creds)?)),
        other => Err(CloudError::config(format!(
            "profile {:?} is for {other}, which listing, import and publish do not reach yet",
            profile.name
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::{FailingStore, MemoryStore};

    fn conns(dir: &std::path::Path) -> Connections {
        Connections::new(
            ProfilesFile::in_dir(dir),
            sandbox_profiles("http://127.0.0.1:9"),
        )
    }

    fn user() -> Profile {
        Profile {
            region: Some("cn-shanghai".into()),
            instance: Some("i-1".into()),
            key_id: Some("LTAIexample".into()),
            ..Profile::new("work", Provider::Aliyun)
        }
    }

    #[test]
    fn builtins_first_then_saved_with_status_only() {
        let dir = tempfile::tempdir().unwrap();
        let c = conns(dir.path());
        let store = MemoryStore::new();
        c.save(&store, user(), Some(&Secret::new("Zq-distinct-9XyW")))
            .unwrap();
        let list = c.list(&store).unwrap();
        let names: Vec<_> = list.iter().map(|v| v.profile.name.as_str()).collect();
        assert_eq!(
            names,
            ["sandbox-connect", "sandbox-ccc", "sandbox-ccc2017", "work"]
        );
        assert!(list[..3].iter().all(|v| v.builtin));
        let work = &list[3];
        assert!(work.secret.stored);
        assert_eq!(work.secret.last4.as_deref(), Some("9XyW"));
        let json = serde_json::to_string(&list).unwrap();
        assert!(!json.contains("Zq-distinct"), "{json}");
        let file = std::fs::read_to_string(c.file().path()).unwrap();
        assert!(!file.contains("Zq-distinct"), "{file}");
    }

    #[test]
    fn saving_without_a_secret_keeps_the_stored_one() {
        let dir = tempfile::tempdir().unwrap();
        let c = conns(dir.path());
        let store = MemoryStore::new();
        c.save(&store, user(), Some(&Secret::new("first-secret-1234")))
            .unwrap();
        let edited = Profile {
            instance: Some("i-2".into()),
            ..user()
        };
        c.save(&store, edited, None).unwrap();
        let list = c.list(&store).unwrap();
        assert_eq!(list[3].profile.instance.as_deref(), Some("i-2"));
        assert_eq!(list[3].secret.last4.as_deref(), Some("1234"));
    }

    #[test]
    fn builtins_cannot_be_saved_over_or_removed() {
        let dir = tempfile::tempdir().unwrap();
        let c = conns(dir.path());
        let store = MemoryStore::new();
        let p = Profile {
            name: "sandbox-ccc".into(),
            ..user()
        };
        assert!(c.save(&store, p, None).is_err());
        assert!(c.remove(&store, "sandbox-connect").is_err());
    }

    #[test]
    fn remove_deletes_the_secret() {
        let dir = tempfile::tempdir().unwrap();
        let c = conns(dir.path());
        let store = MemoryStore::new();
        c.save(&store, user(), Some(&Secret::new("secret-to-go-1234")))
            .unwrap();
        assert!(c.remove(&store, "work").unwrap());
        assert!(store.is_empty());
        assert_eq!(c.list(&store).unwrap().len(), 3);
    }

    #[test]
    fn a_failing_keyring_saves_nothing_and_is_reported_in_the_list() {
        let dir = tempfile::tempdir().unwrap();
        let c = conns(dir.path());
        let e = c
            .save(
                &FailingStore,
                user(),
                Some(&Secret::new("never-saved-1234")),
            )
            .unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::Keyring);
        assert!(c.file().load().unwrap().is_empty());
        c.save(&MemoryStore::new(), user(), None).unwrap();
        let list = c.list(&FailingStore).unwrap();
        assert!(list[3].keyring_error.is_some());
        assert!(!list[3].secret.stored);
    }

    #[test]
    fn builtin_clients_use_the_demo_credentials() {
        let dir = tempfile::tempdir().unwrap();
        let c = conns(dir.path());
        for (name, provider) in SANDBOX_PROFILES {
            let client = c.client(&FailingStore, &|_| None, name).unwrap();
            assert_eq!(client.provider(), provider);
        }
        assert!(c.client(&FailingStore, &|_| None, "nope").is_err());
    }
}
