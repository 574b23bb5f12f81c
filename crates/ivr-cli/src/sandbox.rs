//! `ivr sandbox [--addr 127.0.0.1:PORT] [--data DIR]`: runs the local cloud
//! on loopback until Ctrl-C, printing its address and demo credentials.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use ivr_cloud::credentials::{SANDBOX_KEY_ID, SANDBOX_SECRET};
use ivr_sandbox::{Sandbox, SandboxConfig};

#[derive(Args)]
pub struct SandboxArgs {
    /// Where to listen (loopback only; port 0 picks a free one).
    #[arg(long, default_value = "127.0.0.1:8787")]
    addr: SocketAddr,
    /// The data folder (default: `sandbox` in the IVR Studio config folder).
    #[arg(long)]
    data: Option<PathBuf>,
}

pub fn run(args: &SandboxArgs) -> ExitCode {
    let data = match &args.data {
        Some(d) => d.clone(),
        None => match ivr_cloud::profiles_file::config_dir() {
            Ok(d) => d.join("sandbox"),
            Err(e) => {
                eprintln!("ivr sandbox: error: {e}");
                return ExitCode::from(2);
            }
        },
    };
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("ivr sandbox: error: cannot start the runtime: {e}");
            return ExitCode::from(1);
        }
    };
    rt.block_on(async {
        let config = SandboxConfig::new(&data).with_addr(args.addr);
        let handle = match Sandbox::start(config).await {
            Ok(h) => h,
            Err(e) => {
                eprintln!("ivr sandbox: error: {e}");
                return ExitCode::from(2);
            }
        };
        // SANDBOX_SECRET is the sandbox's public demo secret, not a real one.
        println!(
            "IVR Studio sandbox on {} (data in {}); demo key id {SANDBOX_KEY_ID}, secret {SANDBOX_SECRET}; Ctrl-C stops it",
            handle.endpoint(),
            data.display()
        );
        let _ = tokio::signal::ctrl_c().await;
        handle.shutdown().await;
        ExitCode::SUCCESS
    })
}
