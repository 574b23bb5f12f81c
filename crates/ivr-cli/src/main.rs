//! The `ivr` command: the engine of IVR Studio, headless, so flows can live in
//! git and be checked, converted and published from CI.
//!
//! Exit status: 0 success; 1 the flow has errors (validate), the flows
//! differ (diff), a test case failed (test) or the cloud refused (publish, import); 2 bad input or usage, with a message naming the
//! file and the place.

mod cloud;
mod convert;
mod diff;
mod history;
mod import;
mod lang;
mod list;
mod profile;
mod publish;
mod render;
mod sandbox;
mod shell;
mod task;
mod test;
mod validate;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

// A large flow is a tree of many small allocations, parsed, converted and
// dropped in one go: glibc's malloc spent a third of `ivr validate`'s time
// on a 10,000-block flow (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Draw, check and ship IVR call flows: the IVR Studio engine on the command line.
#[derive(Parser)]
#[command(
    name = "ivr",
    version = concat!(env!("CARGO_PKG_VERSION"), " (commit ", env!("IVR_COMMIT"), ")"),
    about,
    long_about = None
)]
struct Cli {
    /// Log to standard error: -v every cloud call, -vv more (IVR_LOG=<filter> overrides).
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    verbose: u8,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check flows: graph, fields, and a target provider's limits.
    Validate(validate::ValidateArgs),
    /// Convert a flow between IVR Studio and a provider's format.
    Convert(convert::ConvertArgs),
    /// What changed between two flows (files of any format, or PROFILE:ID).
    Diff(diff::DiffArgs),
    /// Manage connection profiles; secrets go to the OS keyring.
    Profile(profile::ProfileArgs),
    /// List the flows of a cloud instance.
    List(list::ListArgs),
    /// Import flows from a cloud instance into IVR Studio files.
    Import(import::ImportArgs),
    /// Publish a flow to a cloud instance (create, or update the bound flow).
    Publish(publish::PublishArgs),
    /// Run the local cloud sandbox on loopback.
    Sandbox(sandbox::SandboxArgs),
    /// NXLink outbound AI-agent tasks: new, check, create, list, append, agents, routes.
    Task(task::TaskArgs),
    /// Run saved test cases on a flow in the offline call simulator.
    Test(test::TestArgs),
    /// Draw a flow as an SVG picture: blocks, exits and the lines between them.
    Render(render::RenderArgs),
    /// Print the shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(shell::CompletionsArgs),
    /// Print the manual page (roff, for `man`).
    Manual,
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
    ivr_files::logs::to_stderr(cli.verbose);
    match cli.command {
        Command::Validate(args) => validate::run(&args),
        Command::Convert(args) => convert::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Profile(args) => profile::run(args),
        Command::List(args) => list::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Publish(args) => publish::run(&args),
        Command::Sandbox(args) => sandbox::run(&args),
        Command::Task(args) => task::run(args),
        Command::Test(args) => test::run(&args),
        Command::Render(args) => render::run(&args),
        Command::Completions(args) => shell::completions::<Cli>(&args),
        Command::Manual => shell::manual::<Cli>(),
    }
}
