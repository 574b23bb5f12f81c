//! `ivr convert FILE --to ivr|connect|aliyun|aliyun2017 [-o OUT]`: reads a flow
//! in any dialect and writes it in another, to a file (atomically) or stdout.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use ivr_flow::dialect::{self, Dialect};
use ivr_flow::{Provider, Severity, validate_for};

#[derive(Args)]
pub struct ConvertArgs {
    /// The flow to convert (any dialect; detected).
    file: PathBuf,
    /// The format to write.
    #[arg(long, value_enum)]
    to: To,
    /// Where to write; standard output when absent.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum To {
    Ivr,
    Connect,
    Aliyun,
    Aliyun2017,
}

impl From<To> for Dialect {
    fn from(t: To) -> Dialect {
        match t {
            To::Ivr => Dialect::Native,
            To::Connect => Dialect::Provider(Provider::Connect),
            To::Aliyun => Dialect::Provider(Provider::Aliyun),
            To::Aliyun2017 => Dialect::Provider(Provider::Aliyun2017),
        }
    }
}

pub fn run(args: &ConvertArgs) -> ExitCode {
    let flow = match ivr_files::read_flow_noting(&args.file) {
        Ok((_, flow, named)) => {
            if let Some(name) = named {
                eprintln!(
                    "note: {} has no flow name; it is named {name:?} after the file \
                     (rename it in the flow settings, or publish with --name)",
                    args.file.display()
                );
            }
            flow
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let to = Dialect::from(args.to);
    if let Dialect::Provider(p) = to {
        // A block the target cannot carry is an error, never silently dropped.
        let blocking: Vec<_> = validate_for(&flow, Some(p))
            .into_iter()
            .filter(|p| p.severity == Severity::Error && p.code.as_str().starts_with("target."))
            .collect();
        if !blocking.is_empty() {
            for problem in &blocking {
                eprintln!(
                    "error: {}: {} {}",
                    args.file.display(),
                    problem.code,
                    problem.message.en
                );
            }
            eprintln!(
                "error: {} cannot be written for {p}; nothing was written",
                args.file.display()
            );
            return ExitCode::from(1);
        }
    }
    let bytes = match dialect::encode(&flow, to) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("error: {}: {e}; nothing was written", args.file.display());
            return ExitCode::from(1);
        }
    };
    match &args.output {
        Some(out) => match ivr_files::write_atomic(out, &bytes) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        },
        None => match std::io::stdout().write_all(&bytes) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: could not write to standard output: {e}");
                ExitCode::from(2)
            }
        },
    }
}
