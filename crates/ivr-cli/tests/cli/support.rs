//! Shared by the end-to-end tests of every provider: a sandbox on a free
//! loopback port, a temporary config folder with one profile pointing at it,
//! and the real `ivr` binary run with the provider's credentials in the
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
pub const CCC_INSTANCE: &str = "inst-e2e";
pub const CONNECT_INSTANCE: &str = "11111111-2222-3333-4444-555555555555";

/// What differs between providers in these tests.
pub struct Cloud {
    /// `--provider` of `ivr profile add`.
    pub provider: &'static str,
    /// The profile's name.
    pub profile: &'static str,
    pub region: &'static str,
    pub instance: &'static str,
    /// The environment variables the provider's own tools read.
    pub key_env: &'static str,
    pub secret_env: &'static str,
    /// Variables that must not leak in from the machine running the tests.
    pub clear_env: &'static [&'static str],
}

const ALIBABA_ENV: &[&str] = &["ALIBABA_CLOUD_SECURITY_TOKEN"];

pub const CCC: Cloud = Cloud {
    provider: "aliyun",
    profile: "sb",
    region: "cn-shanghai",
    instance: CCC_INSTANCE,
    key_env: "ALIBABA_CLOUD_ACCESS_KEY_ID",
    secret_env: "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    clear_env: ALIBABA_ENV,
};

pub const CCC2017: Cloud = Cloud {
    provider: "aliyun2017",
    ..CCC
};

pub const CONNECT: Cloud = Cloud {
    provider: "connect",
    profile: "aws",
    region: "us-west-2",
    instance: CONNECT_INSTANCE,
    key_env: "AWS_ACCESS_KEY_ID",
    secret_env: "AWS_SECRET_ACCESS_KEY",
    clear_env: &["AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_REGION"],
};

pub const NXLINK: Cloud = Cloud {
    provider: "nxlink",
    profile: "nx",
    region: "hk",
    instance: "",
    key_env: "NXLINK_ACCESS_KEY",
    secret_env: "NXLINK_ACCESS_SECRET",
    clear_env: &[],
};

pub struct World {
    pub rt: tokio::runtime::Runtime,
    pub sandbox: SandboxHandle,
    pub dir: tempfile::TempDir,
    pub cloud: Cloud,
}

impl World {
    /// A world with a CCC (2020 API) profile `sb`.
    pub fn ccc() -> World {
        World::with(CCC)
    }

    /// A world with a CCC 2017 API profile `sb`.
    pub fn ccc2017() -> World {
        World::with(CCC2017)
    }

    /// A world with an Amazon Connect profile `aws`.
    pub fn connect() -> World {
        World::with(CONNECT)
    }

    /// A world with an NXLink profile `nx`.
    pub fn nxlink() -> World {
        World::with(NXLINK)
    }

    fn with(cloud: Cloud) -> World {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let sandbox = rt
            .block_on(Sandbox::start(SandboxConfig::new(dir.path().join("data"))))
            .unwrap();
        let w = World {
            rt,
            sandbox,
            dir,
            cloud,
        };
        let endpoint = w.sandbox.endpoint();
        let c = &w.cloud;
        let mut args = vec![
            "profile",
            "add",
            c.profile,
            "--provider",
            c.provider,
            "--region",
            c.region,
            "--endpoint",
            &endpoint,
            "--key-id",
            "sandbox",
        ];
        if !c.instance.is_empty() {
            args.extend(["--instance", c.instance]);
        }
        let out = w.ivr(&args);
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
        for k in self.cloud.clear_env {
            cmd.env_remove(k);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd
            .args(args)
            .current_dir(self.dir.path())
            .env("IVR_STUDIO_CONFIG_DIR", self.path("config"))
            .env("IVR_STUDIO_DATA_DIR", self.path("app-data"))
            .env(self.cloud.key_env, "sandbox")
            .env(self.cloud.secret_env, secret)
            .env("LANG", "C")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Read both pipes while it runs: a child writing more than a pipe
        // holds (64 KiB) would otherwise wait for us forever.
        let drain = |mut pipe: Box<dyn std::io::Read + Send>| {
            std::thread::spawn(move || {
                let mut buf = Vec::new();
                let _ = pipe.read_to_end(&mut buf);
                buf
            })
        };
        let out = drain(Box::new(child.stdout.take().unwrap()));
        let err = drain(Box::new(child.stderr.take().unwrap()));
        let start = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if start.elapsed() > LIMIT {
                let _ = child.kill();
                panic!("ivr {args:?} ran past {LIMIT:?}");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        Output {
            status,
            stdout: out.join().unwrap(),
            stderr: err.join().unwrap(),
        }
    }

    /// The flows `ivr list --format json` shows.
    pub fn list(&self) -> Vec<Value> {
        let out = self.ivr(&["list", "--profile", self.cloud.profile, "--format", "json"]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v["flows"].as_array().unwrap().clone()
    }

    /// `ivr publish FILE --profile <this world's profile>`.
    pub fn publish(&self, file: &str) -> Output {
        self.ivr(&["publish", file, "--profile", self.cloud.profile])
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
    set_prompt(&mut f, say);
    f
}

/// Sets the text of every prompt block of `f` to `say`.
pub fn set_prompt(f: &mut Flow, say: &str) {
    for n in &mut f.nodes {
        if n.block == "play_prompt" {
            n.params.insert("text".into(), Value::from(say));
        }
    }
}

/// Whether some block of `f` has `say` as its text.
pub fn has_prompt(f: &Flow, say: &str) -> bool {
    f.nodes
        .iter()
        .any(|n| n.params.get("text") == Some(&Value::from(say)))
}

pub fn write_flow(path: &Path, f: &Flow) -> String {
    std::fs::write(path, ivr_flow::to_bytes(f)).unwrap();
    path.display().to_string()
}

pub fn read_flow(path: &Path) -> Flow {
    ivr_flow::from_bytes(&std::fs::read(path).unwrap()).unwrap()
}

/// Runs the `ivr` binary with `args` in the C locale (no sandbox, no config).
pub fn ivr(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ivr"))
        .args(args)
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("run ivr")
}

/// A path in the repository, from its root.
pub fn repo(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
        .display()
        .to_string()
}
