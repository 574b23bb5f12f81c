//! `ivr completions SHELL` and `ivr manual`: the shell completions (bash,
//! zsh, fish, elvish, PowerShell) and the manual page (roff), generated from
//! the same command definition the parser uses, so they never drift from
//! it. Packages install them in the standard places.

use std::io::Write as _;
use std::process::ExitCode;

use clap::{Args, CommandFactory};
use clap_complete::Shell;

#[derive(Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    shell: Shell,
}

/// Writes the completion script for `args.shell` to standard output.
pub fn completions<C: CommandFactory>(args: &CompletionsArgs) -> ExitCode {
    let mut cmd = C::command();
    clap_complete::generate(args.shell, &mut cmd, "ivr", &mut std::io::stdout());
    ExitCode::SUCCESS
}

/// Writes the manual page (`man 1 ivr`), one section per verb, to standard output.
pub fn manual<C: CommandFactory>() -> ExitCode {
    let cmd = C::command();
    let mut out = Vec::new();
    let mut render = |c: &clap::Command| clap_mangen::Man::new(c.clone()).render(&mut out);
    let mut ok = render(&cmd).is_ok();
    for sub in cmd.get_subcommands() {
        ok &= render(sub).is_ok();
    }
    if !ok || std::io::stdout().write_all(&out).is_err() {
        eprintln!("ivr manual: error: the manual page could not be written");
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}
