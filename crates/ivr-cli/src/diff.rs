//! `ivr diff A B [--format text|json] [--layout] [--lang en|zh]`: what
//! changed from A to B, in the designer's words (`ivr_flow::diff`). A and B
//! are flow files of any format the engine reads, or `PROFILE:REMOTE_ID` for
//! what is live in that cloud now. One line per change, block by block;
//! moves are counted apart (listed with `--layout`). Exit 0 when the flows
//! are the same, 1 when they differ, 2 on bad input. Works as a git
//! difftool (see the README).

use std::path::Path;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use ivr_cloud::service::remote;
use ivr_flow::Flow;
use ivr_flow::diff::{diff, text};
use serde_json::json;

use crate::cloud;
use crate::lang::Lang;

#[derive(Args)]
pub struct DiffArgs {
    /// The old side: a flow file, or PROFILE:REMOTE_ID (what is live).
    a: String,
    /// The new side: a flow file, or PROFILE:REMOTE_ID.
    b: String,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// List the layout-only changes (moves) too, not only count them.
    #[arg(long)]
    layout: bool,
    /// The language of the lines (default: the locale's).
    #[arg(long, value_enum)]
    lang: Option<Lang>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

/// A side that could not be read: the message, and the exit status.
struct Refused(String, u8);

/// Reads one side: a file when one is there, else `PROFILE:ID` from the cloud.
fn side(arg: &str) -> Result<Flow, Refused> {
    let path = Path::new(arg);
    if !path.exists()
        && let Some((profile, id)) = arg.split_once(':')
        && !profile.is_empty()
        && !id.is_empty()
        && !profile.contains(['/', '\\'])
    {
        return live(profile, id);
    }
    ivr_files::read_flow(path)
        .map(|(_, f)| f)
        .map_err(|e| Refused(e.to_string(), 2))
}

/// What is live for `id` in `profile`'s instance.
fn live(profile: &str, id: &str) -> Result<Flow, Refused> {
    cloud::load_profile(profile)
        .and_then(|p| {
            let client = cloud::client(&p)?;
            cloud::runtime()?.block_on(remote::fetch(&client, id))
        })
        .map_err(|e| Refused(format!("{profile}:{id}: {e}"), cloud::exit_code(&e)))
}

pub fn run(args: &DiffArgs) -> ExitCode {
    let (a, b) = match (side(&args.a), side(&args.b)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(Refused(e, code)), _) | (_, Err(Refused(e, code))) => {
            eprintln!("ivr diff: error: {e}");
            return ExitCode::from(code);
        }
    };
    let d = diff(&a, &b);
    let lines = text::lines(&d, &a, &b);
    let lang = Lang::resolve(args.lang).code();
    match args.format {
        Format::Json => {
            let changes = text::described(&a, &b);
            let out = json!({"a": args.a, "b": args.b, "equal": d.is_empty(), "changes": changes});
            println!("{out}");
        }
        Format::Text => {
            let moves = d.changes.len() - d.real().count();
            println!(
                "{} -> {}: {}",
                args.a,
                args.b,
                match (d.real().count(), moves) {
                    (0, 0) => "no changes".to_owned(),
                    (n, 0) => format!("{n} change(s)"),
                    (n, m) => format!("{n} change(s), and {m} layout-only (moves)"),
                }
            );
            for (c, t) in d.changes.iter().zip(&lines) {
                if !c.is_layout() {
                    println!("  {}", t.get(lang));
                } else if args.layout {
                    println!("  (layout) {}", t.get(lang));
                }
            }
        }
    }
    ExitCode::from(if d.is_empty() { 0 } else { 1 })
}
