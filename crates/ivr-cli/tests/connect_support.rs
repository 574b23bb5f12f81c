//! Shared by the `connect_*` end-to-end tests: a sandbox on a free loopback
//! port, a temporary config folder with an Amazon Connect profile pointing at
//! it, and the real `ivr` binary run with the AWS credentials in the
//! environment (no keyring), killed after a time limit.
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
pub const INSTANCE: &str = "11111111-2222-3333-4444-555555555555";

pub struct World {
    pub rt: tokio::runtime::Runtime,
    pub sandbox: SandboxHandle,
    pub dir: tempfile::TempDir,
}

impl World {
    pub fn new() -> World {
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
            "aws",
            "--provider",
            "connect",
            "--region",
            "us-west-2",
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
        self.ivr_with_env(args, "sandbox-secret", &[])
    }

    /// Runs `ivr` with `secret` and the extra environment `env`.
    pub fn ivr_with_env(&self, args: &[&str], secret: &str, env: &[(&str, &str)]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_ivr"));
        for k in ["AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_REGION"] {
            cmd.env_remove(k);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd
            .args(args)
            .current_dir(self.dir.path())
            .env("IVR_STUDIO_CONFIG_DIR", self.path("config"))
            .env("AWS_ACCESS_KEY_ID", "sandbox")
            .env("AWS_SECRET_ACCESS_KEY", secret)
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
        let out = self.ivr(&["list", "--profile", "aws", "--format", "json"]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v["flows"].as_array().unwrap().clone()
    }

    pub fn faults(&self, f: Fault) {
        self.sandbox.faults().push(f);
    }

    pub fn publish(&self, file: &str) -> Output {
        self.ivr(&["publish", file, "--profile", "aws"])
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
