//! `ivr publish FILE --profile NAME [--status saved|published] [--name NAME]
//! [--force] [--dry-run] [--bind-existing]`: argument parsing and printing
//! around `ivr_cloud::service::publish`, the same call the app makes. The
//! service checks the flow for the profile's provider (errors refuse it
//! unsent unless `--force`), creates or updates the remote flow, and returns
//! the binding, which is written back into FILE atomically. `--dry-run`
//! says what would happen and sends nothing.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use ivr_cloud::remote::{PublishPlan, PublishStatus};
use ivr_cloud::service::{PublishOptions, PublishOutcome, PublishRefusal, publish, write_bound};
use ivr_files::history::Occasion;
use ivr_flow::Flow;
use ivr_flow::dialect::Dialect;

use crate::cloud;

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
    /// Publish under this name (it is kept in FILE too).
    #[arg(long)]
    name: Option<String>,
    /// Send the flow even when IVR Studio's checks find errors in it, so the
    /// provider's own answer decides. Warnings never stop a publish.
    #[arg(long)]
    force: bool,
    /// Say what would happen; send nothing.
    #[arg(long)]
    dry_run: bool,
    /// Amazon Connect: when a flow of the same name exists already, bind this
    /// file to it and update it instead of refusing.
    #[arg(long)]
    bind_existing: bool,
    /// Replace the cloud's flow even when it was changed there since this
    /// file last synced with it (without it, such a publish is refused and
    /// the changes are listed).
    #[arg(long)]
    overwrite: bool,
    /// Before publishing, print what the publish changes in the cloud (the
    /// live flow against this file), in the designer's words.
    #[arg(long)]
    show_diff: bool,
    /// A note kept with this publish in the local history (the app's
    /// History shows it).
    #[arg(long, short)]
    message: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Status {
    Saved,
    Published,
}

pub fn run(args: &PublishArgs) -> ExitCode {
    let (dialect, mut flow) = match ivr_files::read_flow(&args.file) {
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
    if let Some(name) = &args.name {
        flow.name.clone_from(name);
    }
    if flow.name.trim().is_empty() {
        eprintln!(
            "ivr publish: error: {} has no name, and the provider needs one; nothing was sent. \
             Give it one with --name NAME",
            args.file.display()
        );
        return ExitCode::from(2);
    }
    let profile = match cloud::load_profile(&args.profile) {
        Ok(p) => p,
        Err(e) => return cloud::fail("publish", &e),
    };
    if args.bind_existing && profile.provider != ivr_flow::Provider::Connect {
        eprintln!("ivr publish: note: --bind-existing is for Amazon Connect profiles; ignored");
    }
    if args.dry_run {
        return dry_run(&args.file, &flow, &profile, args.force);
    }
    let options = PublishOptions {
        status: match args.status {
            Status::Saved => PublishStatus::Saved,
            Status::Published => PublishStatus::Published,
        },
        bind_existing: args.bind_existing,
        force: args.force,
        overwrite: args.overwrite,
    };
    let show_diff = args.show_diff;
    let result = cloud::client(&profile).and_then(|client| {
        let rt = cloud::runtime()?;
        if show_diff {
            rt.block_on(print_cloud_changes(&client, &flow));
        }
        Ok(rt.block_on(publish::publish(&client, &mut flow, options)))
    });
    match result {
        Err(e) => cloud::fail("publish", &e),
        Ok(Ok(outcome)) => {
            let code = published(&args.file, &flow, outcome, options.status);
            if code == ExitCode::SUCCESS {
                let target = format!(
                    "{}/{}",
                    profile.provider,
                    profile.instance.as_deref().unwrap_or("")
                );
                crate::history::keep(
                    &args.file,
                    &flow,
                    Occasion::Publish { target },
                    args.message.clone(),
                );
            }
            code
        }
        Ok(Err(refusal)) => refused(&args.file, &flow, *refusal, &profile.provider.to_string()),
    }
}

/// `--dry-run`: the target's errors (exit 1 unless `force`), or the plan;
/// nothing is sent.
fn dry_run(file: &Path, flow: &Flow, profile: &ivr_cloud::Profile, force: bool) -> ExitCode {
    let errors = publish::target_errors(flow, profile.provider);
    if !errors.is_empty() && !force {
        return refused(
            file,
            flow,
            PublishRefusal {
                problems: errors,
                ..PublishRefusal::from(ivr_cloud::CloudError::config(crate::cloud::english(
                    "refused unsent",
                )))
            },
            &profile.provider.to_string(),
        );
    }
    print_problems(file, &errors);
    let instance = profile.instance.clone().unwrap_or_default();
    match PublishPlan::of(flow, profile.provider, &instance) {
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
    ExitCode::SUCCESS
}

fn published(file: &Path, flow: &Flow, outcome: PublishOutcome, status: PublishStatus) -> ExitCode {
    let verb = if status == PublishStatus::Saved {
        "saved"
    } else {
        "published"
    };
    println!(
        "{verb} {} to instance {} as {}",
        flow.name, outcome.instance, outcome.remote_id
    );
    ExitCode::from(record(file, flow))
}

fn refused(file: &Path, flow: &Flow, r: PublishRefusal, provider: &str) -> ExitCode {
    if !r.problems.is_empty() {
        print_problems(file, &r.problems);
        eprintln!(
            "ivr publish: {} has {} error(s) for {provider}; nothing was sent. If you are sure \
             {provider} takes it, run again with --force and let {provider} decide",
            file.display(),
            r.problems.len(),
        );
        return ExitCode::from(1);
    }
    if !r.cloud_changes.is_empty() {
        eprintln!(
            "ivr publish: publishing {} would change the cloud's flow ({} line(s)):",
            file.display(),
            r.cloud_changes.len()
        );
        for line in &r.cloud_changes {
            eprintln!("  {}", line.en);
        }
    }
    for p in &r.remote_problems {
        match (&p.node, &p.action) {
            (Some(node), _) => eprintln!("ivr publish: problem at block {node}: {}", p.message),
            (None, Some(action)) => {
                eprintln!("ivr publish: problem at action {action}: {}", p.message)
            }
            (None, None) => eprintln!("ivr publish: problem: {}", p.message),
        }
    }
    if let Some(existing) = &r.existing {
        eprintln!(
            "ivr publish: a flow named {:?} already exists (id {}); run again with \
             --bind-existing to bind this file to it and update it, or rename the flow",
            existing.name, existing.id
        );
    }
    if let Some(b) = &r.created {
        eprintln!(
            "ivr publish: the flow was created as {} before the failure; recording that",
            b.remote_id
        );
        record(file, flow);
    }
    cloud::fail("publish", &r.error)
}

/// `--show-diff`: what the publish changes in the cloud, from what is live
/// to this file (a flow not bound to this instance yet is all new).
async fn print_cloud_changes(client: &ivr_cloud::service::Client, flow: &Flow) {
    match publish::changes(client, flow).await {
        Ok(None) => println!(
            "the publish creates a new flow: {} block(s)",
            flow.nodes.len()
        ),
        Ok(Some(ivr_cloud::service::publish::CloudChanges { lines, .. })) => {
            let real: Vec<_> = lines.iter().filter(|l| !l.layout).collect();
            println!(
                "the publish changes the cloud's flow: {} change(s), {} layout-only",
                real.len(),
                lines.len() - real.len()
            );
            for l in real {
                println!("  {}", l.text.en);
            }
        }
        Err(e) => {
            eprintln!("ivr publish: note: what is live could not be read for --show-diff: {e}")
        }
    }
}

fn print_problems(file: &Path, problems: &[ivr_flow::Problem]) {
    for p in problems {
        let at = [p.node.as_deref(), p.port.as_deref(), p.field.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        eprintln!(
            "{}: {} {} {at}: {}",
            file.display(),
            p.severity.as_str(),
            p.code,
            p.message.en
        );
    }
}

/// Writes the flow, with its binding, back into its file (the service's
/// step the app takes too). Returns the exit status.
fn record(path: &Path, flow: &Flow) -> u8 {
    match write_bound(path, flow) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("ivr publish: error: {e}");
            1
        }
    }
}
