//! Connections: the profiles file plus the built-in "Local sandbox"
//! profiles, each shown with its secret status (stored, last 4 characters),
//! never the secret. Secrets go only to the [`SecretStore`]; the built-in
//! profiles use the sandbox's public demo credentials and need no keyring.

use ivr_flow::{Provider, Text};
use serde::Serialize;

use super::client::{Client, client};
use crate::credentials::{self, Credentials, SecretSlot, SecretStatus, SecretStore};
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

/// The built-in NXLink connection to the local sandbox (outbound tasks,
/// not flows: kept apart from [`SANDBOX_PROFILES`], which list, import and
/// publish flows).
pub const SANDBOX_NXLINK: &str = "sandbox-nxlink";

/// The built-in NXLink profile pointing at the sandbox's `endpoint`.
pub fn sandbox_nxlink_profile(endpoint: &str) -> Profile {
    Profile {
        region: Some("hk".to_owned()),
        endpoint: Some(endpoint.to_owned()),
        key_id: Some(credentials::SANDBOX_KEY_ID.to_owned()),
        ..Profile::new(SANDBOX_NXLINK, Provider::Nxlink)
    }
}

/// A profile as the app shows it.
#[derive(Clone, Debug, Serialize, ts_rs::TS)]
pub struct ProfileView {
    pub profile: Profile,
    /// Whether a secret is stored and its last 4 characters; never the secret.
    pub secret: SecretStatus,
    /// A built-in "Local sandbox" profile (cannot be edited or removed).
    pub builtin: bool,
    /// The keyring could not be read for this profile: why.
    #[ts(as = "Option<crate::error::CloudErrorView>")]
    pub keyring_error: Option<CloudError>,
}

/// What [`Connections::save`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Saved {
    /// A profile of that name was there and is replaced.
    pub replaced: bool,
    /// A secret was stored in the keyring.
    pub secret_stored: bool,
    /// Its last 4 characters, when it is long enough to show them.
    pub secret_last4: Option<String>,
}

/// What [`Connections::remove`] removed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Removed {
    /// The profile was in the profiles file.
    pub profile: bool,
    /// A secret or session token was deleted from the keyring.
    pub secret: bool,
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
            || name == SANDBOX_NXLINK
    }

    /// Every profile: the built-in ones first, then the saved ones, each with
    /// its secret status. After the keyring fails once it is not asked again
    /// (an unreachable keyring can take seconds per call): the rest carry the
    /// same error. Blocks on the keyring.
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
        let mut failed: Option<CloudError> = None;
        for p in self.file.load()? {
            let status = match &failed {
                Some(e) => Err(e.clone()),
                None => credentials::secret_status(store, &p.name),
            };
            let (secret, keyring_error) = match status {
                Ok(s) => (s, None),
                Err(e) => {
                    failed.get_or_insert_with(|| e.clone());
                    (no_secret(), Some(e))
                }
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
        self.file.get(name)?.map(|p| (p, false)).ok_or_else(|| {
            CloudError::config(Text::new(
                format!("no profile named {name:?}"),
                format!("没有名为 {name:?} 的连接"),
            ))
        })
    }

    /// Saves `profile` (replacing one of the same name only with `replace`)
    /// and, when given, its secret (and session token) in the keyring. The
    /// secret goes first, so a keyring that refuses leaves nothing written;
    /// if the file then cannot be written, the keyring is put back as it was
    /// (the previous secret restored, or the new one deleted), so no secret
    /// is left behind for a profile that was not saved. Blocks on the keyring.
    pub fn save(
        &self,
        store: &dyn SecretStore,
        profile: Profile,
        secret: Option<(&Secret, Option<&Secret>)>,
        replace: bool,
    ) -> Result<Saved, CloudError> {
        if self.is_builtin(&profile.name) {
            return Err(CloudError::config(Text::new(
                format!(
                    "{:?} is a built-in Local sandbox profile; choose another name",
                    profile.name
                ),
                format!("{:?} 是内置的本地沙箱连接；请换一个名称", profile.name),
            )));
        }
        profile.validate()?;
        let existed = self.file.get(&profile.name)?.is_some();
        if existed && !replace {
            return Err(self.file.already_exists(&profile.name));
        }
        let secret = secret.filter(|(s, _)| !s.is_empty());
        let before = match secret {
            Some((s, token)) => {
                let before = (
                    store.get(&profile.name, SecretSlot::Secret)?,
                    store.get(&profile.name, SecretSlot::SessionToken)?,
                );
                credentials::store_secrets(store, &profile.name, s, token)?;
                Some(before)
            }
            None => None,
        };
        if let Err(e) = self.file.add(profile.clone(), replace) {
            if let Some((old, old_token)) = before {
                // Best effort: the keyring as it was before this save.
                let _ = match old {
                    Some(old) => {
                        credentials::store_secrets(store, &profile.name, &old, old_token.as_ref())
                    }
                    None => credentials::delete_secrets(store, &profile.name).map(|_| ()),
                };
            }
            return Err(e);
        }
        Ok(Saved {
            replaced: existed,
            secret_last4: secret.and_then(|(s, _)| s.last4()),
            secret_stored: secret.is_some(),
        })
    }

    /// Removes a saved profile and (unless `profile_only`) its secrets. The
    /// keyring goes first: if it cannot be reached, the profile is kept, so
    /// its secret is never left without a profile that names it. Blocks on
    /// the keyring.
    pub fn remove(
        &self,
        store: &dyn SecretStore,
        name: &str,
        profile_only: bool,
    ) -> Result<Removed, CloudError> {
        if self.is_builtin(name) {
            return Err(CloudError::config(Text::new(
                format!("{name:?} is a built-in Local sandbox profile and cannot be removed"),
                format!("{name:?} 是内置的本地沙箱连接，不能删除"),
            )));
        }
        let existed = self.file.get(name)?.is_some();
        if !existed {
            crate::profile::validate_name(name)?;
        }
        let secret = if profile_only {
            false
        } else {
            credentials::delete_secrets(store, name).map_err(|e| {
                let hint = e.hint().cloned().unwrap_or_default();
                let message = e.message();
                CloudError::keyring(
                    Text::new(
                        format!("{}; the profile was kept", message.en),
                        format!("{}；连接已保留", message.zh),
                    ),
                    Text::new(
                        format!(
                            "{}; or, if it never had a stored secret, remove just the profile \
                             (`ivr profile remove {name} --profile-only`)",
                            hint.en
                        ),
                        format!(
                            "{}；或者，如果它从未保存过密钥，只删除连接\
                             （`ivr profile remove {name} --profile-only`）",
                            hint.zh
                        ),
                    ),
                )
            })?
        };
        let profile = existed && self.file.remove(name)?.is_some();
        Ok(Removed { profile, secret })
    }

    /// Profile `name` with its credentials: the demo ones for a built-in
    /// profile, else the environment or the keyring. Blocks on the keyring.
    pub fn resolve(
        &self,
        store: &dyn SecretStore,
        env: &dyn Fn(&str) -> Option<String>,
        name: &str,
    ) -> Result<(Profile, Credentials), CloudError> {
        let (profile, builtin) = self.find(name)?;
        let creds = if builtin {
            Credentials::sandbox_demo()
        } else {
            profile.validate()?;
            credentials::resolve(&profile, store, env)?
        };
        Ok((profile, creds))
    }

    /// The flow client for profile `name` (see [`Connections::resolve`]).
    pub fn client(
        &self,
        store: &dyn SecretStore,
        env: &dyn Fn(&str) -> Option<String>,
        name: &str,
    ) -> Result<Client, CloudError> {
        let (profile, creds) = self.resolve(store, env, name)?;
        client(&profile, creds)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{FailingStore, MemoryStore};

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
        c.save(
            &store,
            user(),
            Some((&Secret::new("Zq-distinct-9XyW"), None)),
            true,
        )
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
        c.save(
            &store,
            user(),
            Some((&Secret::new("first-secret-1234"), None)),
            true,
        )
        .unwrap();
        let edited = Profile {
            instance: Some("i-2".into()),
            ..user()
        };
        c.save(&store, edited, None, true).unwrap();
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
        assert!(c.save(&store, p, None, true).is_err());
        assert!(c.remove(&store, "sandbox-connect", false).is_err());
        // Nor the NXLink one, though the flow connections do not list it.
        let p = Profile {
            name: SANDBOX_NXLINK.into(),
            ..user()
        };
        assert!(c.save(&store, p, None, true).is_err());
    }

    #[test]
    fn the_sandbox_nxlink_profile_resolves_to_the_demo_credentials() {
        let dir = tempfile::tempdir().unwrap();
        let builtin = vec![sandbox_nxlink_profile("http://127.0.0.1:9")];
        let c = Connections::new(ProfilesFile::in_dir(dir.path()), builtin);
        let (p, creds) = c.resolve(&FailingStore, &|_| None, SANDBOX_NXLINK).unwrap();
        assert_eq!(p.provider, Provider::Nxlink);
        assert_eq!(p.endpoint.as_deref(), Some("http://127.0.0.1:9"));
        assert!(p.validate().is_ok());
        assert_eq!(creds.key_id, credentials::SANDBOX_KEY_ID);
        crate::nxlink::NxlinkClient::new(&p, creds).unwrap();
    }

    #[test]
    fn remove_deletes_the_secret() {
        let dir = tempfile::tempdir().unwrap();
        let c = conns(dir.path());
        let store = MemoryStore::new();
        c.save(
            &store,
            user(),
            Some((&Secret::new("secret-to-go-1234"), None)),
            true,
        )
        .unwrap();
        assert!(c.remove(&store, "work", false).unwrap().profile);
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
                Some((&Secret::new("never-saved-1234"), None)),
                true,
            )
            .unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::Keyring);
        assert!(c.file().load().unwrap().is_empty());
        c.save(&MemoryStore::new(), user(), None, true).unwrap();
        let list = c.list(&FailingStore).unwrap();
        assert!(list[3].keyring_error.is_some());
        assert!(!list[3].secret.stored);
    }

    #[test]
    fn a_keyring_that_cannot_delete_keeps_the_profile_and_its_secret() {
        let dir = tempfile::tempdir().unwrap();
        let c = conns(dir.path());
        let store = MemoryStore::new();
        c.save(
            &store,
            user(),
            Some((&Secret::new("kept-secret-1234"), None)),
            true,
        )
        .unwrap();
        let e = c.remove(&FailingStore, "work", false).unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::Keyring);
        assert!(e.message().en.contains("the profile was kept"), "{e}");
        assert_eq!(
            c.file().load().unwrap().len(),
            1,
            "the profile is still there"
        );
        let back = store.get("work", SecretSlot::Secret).unwrap().unwrap();
        assert_eq!(
            back.expose(),
            "kept-secret-1234",
            "the secret is still reachable"
        );
    }

    #[test]
    fn a_profile_that_cannot_be_written_leaves_the_keyring_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let c = conns(dir.path());
        let store = MemoryStore::new();
        // The profiles file cannot be written: a folder stands in its place.
        std::fs::create_dir_all(c.file().path()).unwrap();
        let e = c.save(
            &store,
            user(),
            Some((&Secret::new("orphan-to-be-1234"), None)),
            true,
        );
        assert!(e.is_err());
        assert!(store.is_empty(), "no secret is left behind");
        // Replacing a saved profile's secret: the old secret comes back.
        let dir = tempfile::tempdir().unwrap();
        let c = conns(dir.path());
        c.save(
            &store,
            user(),
            Some((&Secret::new("the-old-secret-1234"), None)),
            true,
        )
        .unwrap();
        let file = c.file().path().to_path_buf();
        std::fs::remove_file(&file).unwrap();
        std::fs::create_dir_all(&file).unwrap();
        let e = c.save(
            &store,
            user(),
            Some((&Secret::new("the-new-secret-5678"), None)),
            true,
        );
        assert!(e.is_err());
        let back = store.get("work", SecretSlot::Secret).unwrap().unwrap();
        assert_eq!(back.expose(), "the-old-secret-1234");
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
