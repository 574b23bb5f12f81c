//! Test-only parts other crates' tests use too (the `test-support`
//! feature): in-memory and failing secret stores, a keyring that can be
//! told to stop deleting, and the connections scenario that the CLI's and
//! the app's tests both run, so one test proves both front ends keep a
//! secret and its profile together.
// Test code: a failed expectation is the test failing.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use ivr_flow::Text;

use crate::credentials::{DELETE, Op, READ, STORE, SecretSlot, SecretStore, cannot, keyring_hint};
use crate::error::CloudError;
use crate::profile::Profile;
use crate::secret::Secret;

type Items = HashMap<(String, SecretSlot), Secret>;

/// An in-memory store for tests.
#[derive(Debug, Default)]
pub struct MemoryStore {
    items: Mutex<Items>,
}

impl MemoryStore {
    pub fn new() -> Self {
        MemoryStore::default()
    }

    fn lock(&self) -> Result<std::sync::MutexGuard<'_, Items>, CloudError> {
        self.items.lock().map_err(|_| {
            CloudError::keyring(
                Text::new("the in-memory store is poisoned", "内存中的存储已损坏"),
                Text::new("restart", "请重新启动"),
            )
        })
    }

    /// How many secrets are stored.
    pub fn len(&self) -> usize {
        self.lock().map(|m| m.len()).unwrap_or(0)
    }

    /// True when nothing is stored.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl SecretStore for MemoryStore {
    fn get(&self, profile: &str, slot: SecretSlot) -> Result<Option<Secret>, CloudError> {
        Ok(self.lock()?.get(&(profile.to_owned(), slot)).cloned())
    }
    fn set(&self, profile: &str, slot: SecretSlot, value: &Secret) -> Result<(), CloudError> {
        self.lock()?
            .insert((profile.to_owned(), slot), value.clone());
        Ok(())
    }
    fn delete(&self, profile: &str, slot: SecretSlot) -> Result<bool, CloudError> {
        Ok(self.lock()?.remove(&(profile.to_owned(), slot)).is_some())
    }
}

/// A store whose every call fails the way an unreachable keyring does.
#[derive(Debug, Default, Clone, Copy)]
pub struct FailingStore;

impl FailingStore {
    fn err(op: Op) -> CloudError {
        CloudError::keyring(
            cannot(
                op,
                Text::new(
                    "the keyring is not reachable (test store); no secret was written anywhere else",
                    "钥匙串无法连接（测试存储）；密钥没有写到其他任何地方",
                ),
            ),
            keyring_hint(),
        )
    }
}

impl SecretStore for FailingStore {
    fn get(&self, _: &str, _: SecretSlot) -> Result<Option<Secret>, CloudError> {
        Err(FailingStore::err(READ))
    }
    fn set(&self, _: &str, _: SecretSlot, _: &Secret) -> Result<(), CloudError> {
        Err(FailingStore::err(STORE))
    }
    fn delete(&self, _: &str, _: SecretSlot) -> Result<bool, CloudError> {
        Err(FailingStore::err(DELETE))
    }
}

/// A keyring that keeps secrets in a [`MemoryStore`] but, once
/// [`StuckKeyring::stick`] is called, cannot delete them (as a locked or
/// unanswering keyring).
#[derive(Debug, Default)]
pub struct StuckKeyring {
    /// What it keeps.
    pub inner: MemoryStore,
    stuck: AtomicBool,
}

impl StuckKeyring {
    /// From now on, deletes fail (`false`: they work again).
    pub fn stick(&self, stuck: bool) {
        self.stuck.store(stuck, Ordering::SeqCst);
    }

    /// The secret stored for `profile`, exposed (tests only).
    pub fn secret(&self, profile: &str) -> Option<String> {
        self.inner
            .get(profile, SecretSlot::Secret)
            .ok()
            .flatten()
            .map(|s| s.expose().to_owned())
    }
}

impl SecretStore for StuckKeyring {
    fn get(&self, p: &str, slot: SecretSlot) -> Result<Option<Secret>, CloudError> {
        self.inner.get(p, slot)
    }
    fn set(&self, p: &str, slot: SecretSlot, v: &Secret) -> Result<(), CloudError> {
        self.inner.set(p, slot, v)
    }
    fn delete(&self, p: &str, slot: SecretSlot) -> Result<bool, CloudError> {
        if self.stuck.load(Ordering::SeqCst) {
            return Err(CloudError::keyring(
                Text::new("the OS keyring did not answer", "系统钥匙串没有响应"),
                Text::new("unlock it", "请解锁"),
            ));
        }
        self.inner.delete(p, slot)
    }
}

/// A front end (the `ivr profile` command, the app's commands) driving the
/// connections over a [`StuckKeyring`].
pub trait ConnectionsFront {
    /// Saves `profile` with `secret`; the error's text on failure.
    fn save(&mut self, profile: &Profile, secret: &str) -> Result<(), String>;
    /// Removes the profile named `name` and its secret.
    fn remove(&mut self, name: &str) -> Result<(), String>;
    /// Whether the profile named `name` is listed.
    fn listed(&mut self, name: &str) -> bool;
}

/// Issue 14's scenario, run through each front end: removing a connection
/// whose keyring delete fails keeps the profile listed and its secret
/// reachable; saving one whose profiles file cannot be written leaves no
/// secret behind. `profiles_file` is the file the front end writes.
pub fn never_orphan_a_secret(
    front: &mut dyn ConnectionsFront,
    keyring: &StuckKeyring,
    profiles_file: &Path,
) {
    let work = Profile {
        region: Some("cn-shanghai".into()),
        instance: Some("i-1".into()),
        key_id: Some("LTAIkey".into()),
        ..Profile::new("work", ivr_flow::Provider::Aliyun)
    };
    front.save(&work, "kept-secret-9876").expect("saved");
    assert_eq!(keyring.secret("work").as_deref(), Some("kept-secret-9876"));

    keyring.stick(true);
    let e = front
        .remove("work")
        .expect_err("a keyring that cannot delete refuses the remove");
    assert!(e.contains("the profile was kept"), "{e}");
    assert!(front.listed("work"), "the profile is still listed");
    assert_eq!(
        keyring.secret("work").as_deref(),
        Some("kept-secret-9876"),
        "its secret is still reachable"
    );
    keyring.stick(false);

    // The profiles file cannot be written: a folder stands in its place.
    let _ = std::fs::remove_file(profiles_file);
    std::fs::create_dir_all(profiles_file).expect("a folder in the file's place");
    let other = Profile {
        region: Some("us-east-1".into()),
        instance: Some("i-2".into()),
        key_id: Some("AKIAkey".into()),
        ..Profile::new("other", ivr_flow::Provider::Connect)
    };
    assert!(
        front.save(&other, "never-kept-1234").is_err(),
        "the save fails"
    );
    assert_eq!(keyring.secret("other"), None, "and leaves no secret behind");
    std::fs::remove_dir(profiles_file).expect("the folder goes again");
}
