//! `ivr render FLOW [-o OUT.svg] [--lang en|zh] [--theme light|dark]`: a
//! picture of a flow (any format the dialects read) as SVG, drawn by
//! `ivr_flow::render`, to a file (atomically) or standard output.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use ivr_flow::render::{self, Options, Theme};

use crate::lang::Lang;

#[derive(Args)]
#[command(after_help = "Example:\n  ivr render main-menu.ivr.json -o main-menu.svg --lang zh")]
pub struct RenderArgs {
    /// The flow to draw (any format; detected).
    file: PathBuf,
    /// Where to write the SVG; standard output when absent.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// The language of block and exit names (default: from the locale).
    #[arg(long, value_enum)]
    lang: Option<Lang>,
    /// Light (for print) or dark colours.
    #[arg(long, value_enum, default_value = "light")]
    theme: ThemeArg,
}

#[derive(Clone, Copy, ValueEnum)]
enum ThemeArg {
    Light,
    Dark,
}

pub fn run(args: &RenderArgs) -> ExitCode {
    let flow = match ivr_files::read_flow_noting(&args.file) {
        Ok((_, flow, _)) => flow,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let options = Options {
        lang: Lang::resolve(args.lang).code().to_owned(),
        theme: match args.theme {
            ThemeArg::Light => Theme::Light,
            ThemeArg::Dark => Theme::Dark,
        },
        only: None,
    };
    let svg = render::svg(&flow, &options);
    match &args.output {
        Some(out) => match ivr_files::write_atomic(out, svg.as_bytes()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        },
        None => match std::io::stdout().write_all(svg.as_bytes()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: could not write to standard output: {e}");
                ExitCode::from(2)
            }
        },
    }
}
