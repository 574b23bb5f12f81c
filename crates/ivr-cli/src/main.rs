//! The `ivr` command: the engine of IVR Studio, headless, so flows can live in
//! git and be checked, converted and published from CI.
//!
//! Exit status: 0 success; 1 the flow has errors (validate) or the cloud
//! refused (publish, import); 2 bad input or usage, with a message naming the
//! file and the place.

mod convert;
mod lang;
mod profile;
mod validate;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Draw, check and ship IVR call flows: the IVR Studio engine on the command line.
#[derive(Parser)]
#[command(name = "ivr", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check flows: graph, fields, and a target provider's limits.
    Validate(validate::ValidateArgs),
    /// Convert a flow between IVR Studio and a provider's format.
    Convert(convert::ConvertArgs),
    /// Manage connection profiles; secrets go to the OS keyring.
    Profile(profile::ProfileArgs),
    /// List the flows of a cloud instance. (Not built yet.)
    List(NotBuilt),
    /// Import flows from a cloud instance. (Not built yet.)
    Import(NotBuilt),
    /// Publish a flow to a cloud instance. (Not built yet.)
    Publish(NotBuilt),
    /// Run the local cloud sandbox on loopback. (Not built yet.)
    Sandbox(NotBuilt),
}

/// A verb whose arguments are accepted but which is not built yet.
#[derive(clap::Args)]
struct NotBuilt {
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    _args: Vec<String>,
}

fn not_built(verb: &str) -> ExitCode {
    eprintln!(
        "ivr {verb}: not built yet in this version of IVR Studio. \
         `ivr --help` lists what is; validate, convert and profile work today."
    );
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Command::Validate(args) => validate::run(&args),
        Command::Convert(args) => convert::run(&args),
        Command::Profile(args) => profile::run(args),
        Command::List(_) => not_built("list"),
        Command::Import(_) => not_built("import"),
        Command::Publish(_) => not_built("publish"),
        Command::Sandbox(_) => not_built("sandbox"),
    }
}
