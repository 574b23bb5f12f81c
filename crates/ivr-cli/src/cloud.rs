//! What `ivr list`, `import` and `publish` share: the profile and its
//! credentials (environment first, then the OS keyring), a client chosen by
//! `match profile.provider`, a tokio runtime, and errors printed with the
//! provider's code and request id, never a secret, mapped to exit codes
//! (1 the cloud refused, 2 bad input or configuration).

use std::process::ExitCode;

use ivr_cloud::credentials::{self, KeyringStore};
use ivr_cloud::service;
use ivr_cloud::{CloudError, ErrorKind, Profile, ProfilesFile};

pub use ivr_cloud::service::Client;

/// A message only the command line shows, in English as all of its output
/// is (the app's messages come from `ivr_cloud` in English and Chinese).
pub fn english(message: impl Into<String>) -> ivr_flow::Text {
    let message = message.into();
    ivr_flow::Text::new(message.clone(), message)
}

/// Loads profile `name` from the profiles file.
pub fn load_profile(name: &str) -> Result<Profile, CloudError> {
    let file = ProfilesFile::open_default()?;
    file.get(name)?.ok_or_else(|| {
        CloudError::config(english(format!(
            "no profile named {name:?} in {}",
            file.path().display()
        )))
        .with_hint(english(
            "add one with `ivr profile add NAME --provider ...`; `ivr profile list` shows them",
        ))
    })
}

/// The client for `profile`, with its credentials resolved.
pub fn client(profile: &Profile) -> Result<Client, CloudError> {
    profile.validate()?;
    let creds = credentials::resolve(profile, &KeyringStore::new(), &credentials::process_env)?;
    service::client(profile, creds)
}

/// A runtime for one command.
pub fn runtime() -> Result<tokio::runtime::Runtime, CloudError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| CloudError::config(english(format!("cannot start the async runtime: {e}"))))
}

/// The exit status for an error: 2 for configuration / input, 1 otherwise.
pub fn exit_code(e: &CloudError) -> u8 {
    if e.kind() == ErrorKind::Config { 2 } else { 1 }
}

/// Prints `e` (with a plain-words line for a refused signature) and returns
/// its exit status.
pub fn fail(verb: &str, e: &CloudError) -> ExitCode {
    eprintln!("ivr {verb}: error: {e}");
    if e.code() == Some("SignatureDoesNotMatch") {
        eprintln!(
            "ivr {verb}: the provider computed a different signature: the access key secret is \
             probably wrong for this key id; check the secret (ALIBABA_CLOUD_ACCESS_KEY_SECRET, \
             or store it again with `ivr profile add NAME ... --secret-stdin --replace`)"
        );
    }
    if e.code() == Some("InvalidSignatureException") && e.kind() == ErrorKind::Auth {
        eprintln!(
            "ivr {verb}: Amazon Connect computed a different signature: the secret access key is \
             probably wrong for this access key id; check the secret (AWS_SECRET_ACCESS_KEY, \
             or store it again with `ivr profile add NAME ... --secret-stdin --replace`)"
        );
    }
    ExitCode::from(exit_code(e))
}

/// The NXLink client for `profile`, with its credentials resolved.
pub fn nxlink(profile: &Profile) -> Result<ivr_cloud::nxlink::NxlinkClient, CloudError> {
    profile.validate()?;
    let creds = credentials::resolve(profile, &KeyringStore::new(), &credentials::process_env)?;
    ivr_cloud::nxlink::NxlinkClient::new(profile, creds)
}
