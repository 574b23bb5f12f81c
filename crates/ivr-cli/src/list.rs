//! `ivr list --profile NAME [--type T] [--search S] [--format text|json]`:
//! the flows of the profile's instance, every page.

use std::process::ExitCode;

use clap::{Args, ValueEnum};
use ivr_cloud::remote::RemoteFlow;
use ivr_cloud::service::remote;
use serde_json::json;

use crate::cloud;

#[derive(Args)]
pub struct ListArgs {
    /// The connection profile (`ivr profile list`).
    #[arg(long)]
    profile: String,
    /// Only flows of this type: main, sub, survey (or the provider's name, e.g. MAIN_FLOW,
    /// CUSTOMER_QUEUE).
    #[arg(long = "type")]
    r#type: Option<String>,
    /// Only flows whose name contains this.
    #[arg(long)]
    search: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

pub fn run(args: &ListArgs) -> ExitCode {
    let result = cloud::load_profile(&args.profile).and_then(|p| {
        let client = cloud::client(&p)?;
        let rt = cloud::runtime()?;
        rt.block_on(remote::list_all(
            &client,
            args.r#type.as_deref(),
            args.search.as_deref(),
        ))
    });
    let flows = match result {
        Ok(f) => f,
        Err(e) => return cloud::fail("list", &e),
    };
    match args.format {
        Format::Json => {
            let out: Vec<_> = flows.iter().map(flow_json).collect();
            println!("{}", json!({"profile": args.profile, "flows": out}));
        }
        Format::Text => {
            if flows.is_empty() {
                println!("no flows");
            }
            for f in &flows {
                let state = match (f.editing, f.published) {
                    (true, _) => "editing",
                    (false, true) => "published",
                    (false, false) => "saved",
                };
                println!("{}\t{}\t{}\t{}", f.id, f.r#type, state, f.name);
            }
        }
    }
    ExitCode::SUCCESS
}

fn flow_json(f: &RemoteFlow) -> serde_json::Value {
    json!({
        "id": f.id,
        "name": f.name,
        "type": f.r#type,
        "description": f.description,
        "published": f.published,
        "draft_id": f.draft_id,
        "editor": f.editor,
        "updated": f.updated,
    })
}
