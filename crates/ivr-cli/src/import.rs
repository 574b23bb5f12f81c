//! `ivr import --profile NAME (--id ID | --all) [-o DIR] [--force]`: reads
//! flows from the profile's instance and writes each as `NAME.ivr.json`
//! (atomically), with the binding recorded so a later publish updates the
//! same remote flow. An existing file with other content is left alone
//! unless `--force`; an identical one is reported unchanged.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use ivr_cloud::remote::RemoteFlow;
use ivr_cloud::service::remote::{self, ImportedFlow};
use ivr_files::history::Occasion;
use ivr_flow::Flow;

use crate::cloud;

#[derive(Args)]
#[command(group = clap::ArgGroup::new("which").required(true).args(["id", "all"]))]
pub struct ImportArgs {
    /// The connection profile (`ivr profile list`).
    #[arg(long)]
    profile: String,
    /// The remote id of the flow to import.
    #[arg(long)]
    id: Option<String>,
    /// Import every flow of the instance.
    #[arg(long)]
    all: bool,
    /// The folder to write to (default: the current one).
    #[arg(short, long, default_value = ".")]
    output: PathBuf,
    /// Overwrite existing files whose content differs.
    #[arg(long)]
    force: bool,
}

pub fn run(args: &ImportArgs) -> ExitCode {
    let ids = args.id.clone().map(|id| vec![id]);
    let fetched = cloud::load_profile(&args.profile).and_then(|p| {
        let client = cloud::client(&p)?;
        let rt = cloud::runtime()?;
        rt.block_on(remote::import(&client, ids.as_deref()))
    });
    let fetched = match fetched {
        Ok(x) => x,
        Err(e) => return cloud::fail("import", &e),
    };
    if let Err(e) = std::fs::create_dir_all(&args.output) {
        eprintln!(
            "ivr import: error: cannot create {}: {e}",
            args.output.display()
        );
        return ExitCode::from(2);
    }
    let from = cloud::load_profile(&args.profile)
        .map(|p| format!("{}/{}", p.provider, p.instance.as_deref().unwrap_or("")))
        .unwrap_or_else(|_| args.profile.clone());
    let names = file_names(fetched.iter().map(|f| &f.remote));
    let mut status = 0u8;
    for (ImportedFlow { remote, flow }, name) in fetched.iter().zip(names) {
        let path = args.output.join(name);
        match flow {
            Ok(flow) => {
                let code = write(&path, flow, args.force);
                if code == 0 {
                    let from = from.clone();
                    crate::history::keep(&path, flow, Occasion::Import { from }, None);
                }
                status = status.max(code);
            }
            Err(e) => {
                eprintln!(
                    "ivr import: error: flow {} ({}): {}",
                    remote.id, remote.name, e.en
                );
                status = status.max(1);
            }
        }
    }
    ExitCode::from(status)
}

/// `slug.ivr.json` per flow; flows whose names give the same slug get the
/// start of their id added.
fn file_names<'a>(flows: impl Iterator<Item = &'a RemoteFlow> + Clone) -> Vec<String> {
    let slugs: Vec<String> = flows.clone().map(|f| slug(&f.name, &f.id)).collect();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for s in &slugs {
        *seen.entry(s.as_str()).or_default() += 1;
    }
    slugs
        .iter()
        .zip(flows)
        .map(|(s, f): (&String, &RemoteFlow)| {
            if seen.get(s.as_str()).copied().unwrap_or(0) > 1 {
                let short: String = slug(&f.id, "flow").chars().take(8).collect();
                format!("{s}-{short}.ivr.json")
            } else {
                format!("{s}.ivr.json")
            }
        })
        .collect()
}

/// Letters and digits (any script) kept, runs of anything else as `-`.
fn slug(name: &str, fallback: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out
        .trim_end_matches('-')
        .chars()
        .take(80)
        .collect::<String>();
    if out.is_empty() {
        fallback.to_owned()
    } else {
        out
    }
}

fn write(path: &Path, flow: &Flow, force: bool) -> u8 {
    let bytes = ivr_flow::to_bytes(flow);
    match std::fs::read(path) {
        Ok(old) if old == bytes => {
            println!("unchanged {}", path.display());
            return 0;
        }
        Ok(_) if !force => {
            eprintln!(
                "ivr import: error: {} exists with other content; nothing was written (use --force to overwrite)",
                path.display()
            );
            return 2;
        }
        _ => {}
    }
    match ivr_files::write_atomic(path, &bytes) {
        Ok(()) => {
            println!("wrote {}", path.display());
            0
        }
        Err(e) => {
            eprintln!("ivr import: error: {e}");
            2
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Main menu / v2", "x"), "Main-menu-v2");
        assert_eq!(slug("默认流程", "x"), "默认流程");
        assert_eq!(slug("///", "abc"), "abc");
    }
}
