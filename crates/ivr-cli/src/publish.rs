//! `ivr publish FILE --profile NAME [--status saved|published] [--dry-run]`:
//! validates the flow for the profile's provider (refusing, with the
//! problems, when there are errors), then creates or updates the remote flow
//! and writes the binding back into FILE atomically. `--dry-run` says what
//! would happen and sends nothing.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use ivr_cloud::ccc::{PublishFailure, PublishPlan, PublishStatus};
use ivr_flow::dialect::Dialect;
use ivr_flow::{Binding, Flow};

use crate::cloud::{self, Client};

#[derive(Args)]
pub struct PublishArgs {
    /// The flow to publish: an IVR Studio file (`*.ivr.json`), into which the
    /// binding is written back.
    file: PathBuf,
    /// The connection profile (`ivr profile list`).
    #[arg(long)]
    profile: String,
    /// `published` (live) or `saved` (committed as a draft).
    #[arg(long, value_enum, default_value_t = Status::Published)]
    status: Status,
    /// Say what would happen; send nothing.
    #[arg(long)]
    dry_run: bool,
    /// Amazon Connect: when a flow of the same name exists already, bind this
    /// file to it and update it instead of refusing.
    #[arg(long)]
    bind_existing: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Status {
    Saved,
    Published,
}

pub fn run(args: &PublishArgs) -> ExitCode {
    let (dialect, flow) = match ivr_files::read_flow(&args.file) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("ivr publish: error: {e}");
            return ExitCode::from(2);
        }
    };
    if dialect != Dialect::Native {
        // Without a binding in the file, every publish would create another
        // remote flow.
        eprintln!(
            "ivr publish: error: {} is in the {} format, which has no place for the binding that \
             makes the next publish update the same remote flow; nothing was sent. Convert it \
             first: `ivr convert {} --to ivr -o FLOW.ivr.json`, then publish FLOW.ivr.json",
            args.file.display(),
            dialect.as_str(),
            args.file.display()
        );
        return ExitCode::from(2);
    }
    let profile = match cloud::load_profile(&args.profile) {
        Ok(p) => p,
        Err(e) => return cloud::fail("publish", &e),
    };
    let errors = ivr_cloud::service::publish::target_errors(&flow, profile.provider);
    if !errors.is_empty() {
        for p in &errors {
            let at = [p.node.as_deref(), p.port.as_deref(), p.field.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            eprintln!(
                "{}: error {} {at}: {}",
                args.file.display(),
                p.code,
                p.message.en
            );
        }
        eprintln!(
            "ivr publish: {} has {} error(s) for {}; nothing was sent",
            args.file.display(),
            errors.len(),
            profile.provider
        );
        return ExitCode::from(1);
    }
    let instance = profile.instance.clone().unwrap_or_default();
    if args.dry_run {
        match PublishPlan::of(&flow, profile.provider, &instance) {
            PublishPlan::Create { instance } => println!(
                "would create a new {} flow {:?} in instance {instance} (profile {}); nothing was sent",
                profile.provider, flow.name, profile.name
            ),
            PublishPlan::Update {
                instance,
                remote_id,
            } => println!(
                "would update {} flow {remote_id} ({:?}) in instance {instance} (profile {}); nothing was sent",
                profile.provider, flow.name, profile.name
            ),
        }
        return ExitCode::SUCCESS;
    }
    let status = match args.status {
        Status::Saved => PublishStatus::Saved,
        Status::Published => PublishStatus::Published,
    };
    let result = cloud::client(&profile)
        .map_err(PublishFailure::from)
        .and_then(|client| {
            let rt = cloud::runtime()?;
            match client {
                Client::Ccc(c) => {
                    if args.bind_existing {
                        eprintln!(
                            "ivr publish: note: --bind-existing is for Amazon Connect profiles; ignored"
                        );
                    }
                    rt.block_on(c.publish(&flow, status))
                }
                Client::Connect(c) => rt.block_on(crate::connect::publish(
                    &c,
                    &flow,
                    status,
                    args.bind_existing,
                )),
            }
        });
    match result {
        Ok(binding) => {
            let verb = if status == PublishStatus::Saved {
                "saved"
            } else {
                "published"
            };
            println!(
                "{verb} {} to instance {} as {}",
                flow.name, binding.instance, binding.remote_id
            );
            let code = record(&args.file, flow, binding);
            ExitCode::from(code)
        }
        Err(PublishFailure { error, created }) => {
            if let Some(b) = created {
                eprintln!(
                    "ivr publish: the flow was created as {} before the failure; recording that",
                    b.remote_id
                );
                record(&args.file, flow, *b);
            }
            cloud::fail("publish", &error)
        }
    }
}

/// Writes `binding` into the flow file (replacing the binding for the same
/// provider and instance). Returns the exit status.
fn record(path: &Path, mut flow: Flow, binding: Binding) -> u8 {
    ivr_cloud::service::record_binding(&mut flow, binding);
    match ivr_files::write_atomic(path, &ivr_flow::to_bytes(&flow)) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("ivr publish: error: published, but the binding could not be saved: {e}");
            1
        }
    }
}
