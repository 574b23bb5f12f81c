//! Shared by the `ccc_*` end-to-end tests: a sandbox on a free loopback
//! port, a temporary config folder with a CCC profile pointing at it, and the
//! real `ivr` binary run with the credentials in the environment (no
//! keyring), killed after a time limit.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::new_without_default,
    dead_code
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use ivr_flow::Flow;
use ivr_sandbox::{Fault, Sandbox, SandboxConfig, SandboxHandle};
use serde_json::Value;

pub const LIMIT: Duration = Duration::from_secs(60);
pub const INSTANCE: &str = "inst-e2e";

pub struct World {
    pub rt: tokio::runtime::Runtime,
    pub sandbox: SandboxHandle,
    pub dir: tempfile::TempDir,
}

impl World {
    pub fn new() -> World {
        World::with_provider("aliyun")
    }

    /// A world whose profile `sb` is for `provider` (`aliyun` or `aliyun2017`).
    pub fn with_provider(provider: &str) -> World {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let sandbox = rt
            .block_on(Sandbox::start(SandboxConfig::new(dir.path().join("data"))))
            .unwrap();
        let w = World { rt, sandbox, dir };
        let endpoint = w.sandbox.endpoint();
        let out = w.ivr(&[
            "profile",
            "add",
            "sb",
            "--provider",
            provider,
            "--region",
            "cn-shanghai",
            "--instance",
            INSTANCE,
            "--endpoint",
            &endpoint,
            "--key-id",
            "sandbox",
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        w
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn ivr(&self, args: &[&str]) -> Output {
        self.ivr_with_secret(args, "sandbox-secret")
    }

    pub fn ivr_with_secret(&self, args: &[&str], secret: &str) -> Output {
        self.ivr_with_env(args, secret, &[])
    }

    /// Runs `ivr` with `secret` and the extra environment `env`.
    pub fn ivr_with_env(&self, args: &[&str], secret: &str, env: &[(&str, &str)]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_ivr"));
        cmd.env_remove("ALIBABA_CLOUD_SECURITY_TOKEN");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd
            .args(args)
            .current_dir(self.dir.path())
            .env("IVR_STUDIO_CONFIG_DIR", self.path("config"))
            .env("ALIBABA_CLOUD_ACCESS_KEY_ID", "sandbox")
            .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", secret)
            .env("LANG", "C")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let start = Instant::now();
        while child.try_wait().unwrap().is_none() {
            if start.elapsed() > LIMIT {
                let _ = child.kill();
                panic!("ivr {args:?} ran past {LIMIT:?}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        child.wait_with_output().unwrap()
    }

    /// The flows `ivr list --format json` shows.
    pub fn list(&self) -> Vec<Value> {
        let out = self.ivr(&["list", "--profile", "sb", "--format", "json"]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v["flows"].as_array().unwrap().clone()
    }

    pub fn faults(&self, f: Fault) {
        self.sandbox.faults().push(f);
    }
}

pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

pub fn flow(name: &str, say: &str) -> Flow {
    let mut f = ivr_flow::starter_flow();
    f.name = name.into();
    f.description = "end-to-end".into();
    for n in &mut f.nodes {
        if n.block == "play_prompt" {
            n.params.insert("text".into(), Value::from(say));
        }
    }
    f
}

pub fn write_flow(path: &Path, f: &Flow) -> String {
    std::fs::write(path, ivr_flow::to_bytes(f)).unwrap();
    path.display().to_string()
}

pub fn read_flow(path: &Path) -> Flow {
    ivr_flow::from_bytes(&std::fs::read(path).unwrap()).unwrap()
}

pub fn publish(w: &World, file: &str) -> Output {
    w.ivr(&["publish", file, "--profile", "sb"])
}
