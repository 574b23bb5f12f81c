//! The app's cloud state: where profiles live (the OS config folder, shared
//! with the `ivr` command), the secret store (the OS keyring; a mock store in
//! tests), and the embedded sandbox, started once on a free loopback port
//! with its data in the app data folder. The built-in "Local sandbox"
//! profiles point at it.

use std::path::PathBuf;
use std::sync::Arc;

use ivr_cloud::credentials::{self, KeyringStore, SecretStore};
use ivr_cloud::service::{Connections, sandbox_profiles};
use ivr_cloud::{CloudError, ErrorKind, ProfilesFile, Secret};
use ivr_flow::Text;
use ivr_sandbox::{Sandbox, SandboxConfig, SandboxHandle};
use tokio::sync::OnceCell;

/// Reads an environment variable (the credential overrides).
pub type EnvFn = fn(&str) -> Option<String>;

/// See the module documentation.
pub struct CloudState {
    config_dir: PathBuf,
    sandbox_dir: PathBuf,
    store: Arc<dyn SecretStore>,
    env: EnvFn,
    sandbox_credentials: Vec<(String, Secret)>,
    sandbox: OnceCell<Result<SandboxHandle, CloudError>>,
}

impl CloudState {
    /// Profiles in `config_dir`, the sandbox's data in `sandbox_dir`,
    /// secrets in `store`, overrides read with `env`.
    pub fn new(
        config_dir: PathBuf,
        sandbox_dir: PathBuf,
        store: Arc<dyn SecretStore>,
        env: EnvFn,
    ) -> Self {
        CloudState {
            config_dir,
            sandbox_dir,
            store,
            env,
            sandbox_credentials: Vec::new(),
            sandbox: OnceCell::new(),
        }
    }

    /// The sandbox also accepts `key_id` with `secret` (tests use a
    /// distinctive secret through a user profile).
    #[must_use]
    pub fn with_sandbox_credential(mut self, key_id: &str, secret: Secret) -> Self {
        self.sandbox_credentials.push((key_id.to_owned(), secret));
        self
    }

    /// The real app's state: profiles in `config_dir` (else the OS config
    /// folder, which `IVR_STUDIO_CONFIG_DIR` overrides), the OS keyring, the
    /// process environment.
    pub fn for_app(app_data_dir: PathBuf, config_dir: Option<PathBuf>) -> Result<Self, CloudError> {
        let config_dir = match config_dir {
            Some(dir) => dir,
            None => ivr_cloud::profiles_file::config_dir()?,
        };
        Ok(CloudState::new(
            config_dir,
            app_data_dir.join("sandbox"),
            Arc::new(KeyringStore::new()),
            credentials::process_env,
        ))
    }

    /// The config folder the profiles file is in.
    pub fn config_dir(&self) -> &PathBuf {
        &self.config_dir
    }

    /// Starts the sandbox once (later calls wait for the first); its endpoint.
    pub async fn sandbox_endpoint(&self) -> Result<String, CloudError> {
        let mut config = SandboxConfig::new(self.sandbox_dir.clone());
        config
            .credentials
            .extend(self.sandbox_credentials.iter().cloned());
        self.sandbox
            .get_or_init(|| async move {
                Sandbox::start(config).await.map_err(|e| {
                    CloudError::new(
                        ErrorKind::Other,
                        Text::new(
                            format!("the local sandbox could not start: {e}"),
                            format!("本地沙箱无法启动：{e}"),
                        ),
                    )
                })
            })
            .await
            .as_ref()
            .map(SandboxHandle::endpoint)
            .map_err(Clone::clone)
    }

    /// The connections: the built-in sandbox profiles (when the sandbox
    /// runs) and the saved ones.
    pub async fn connections(&self) -> Connections {
        let builtin = match self.sandbox_endpoint().await {
            Ok(endpoint) => sandbox_profiles(&endpoint),
            Err(_) => Vec::new(),
        };
        Connections::new(ProfilesFile::in_dir(&self.config_dir), builtin)
    }

    /// Runs `f` with the connections, the store and the environment on a
    /// blocking thread (the keyring blocks), off the async runtime.
    pub async fn blocking<T, F>(&self, f: F) -> Result<T, CloudError>
    where
        T: Send + 'static,
        F: FnOnce(&Connections, &dyn SecretStore, EnvFn) -> Result<T, CloudError> + Send + 'static,
    {
        let conns = self.connections().await;
        let store = Arc::clone(&self.store);
        let env = self.env;
        tauri::async_runtime::spawn_blocking(move || f(&conns, store.as_ref(), env))
            .await
            .map_err(|e| {
                CloudError::new(
                    ErrorKind::Other,
                    Text::new(
                        format!("a keyring task failed: {e}"),
                        format!("钥匙串任务失败：{e}"),
                    ),
                )
            })?
    }
}
