//! `ivr validate FILE... [--target T] [--format text|json]`: reads flows in any
//! dialect and reports their problems. Exit 0 when no file has errors, 1 when
//! one has, 2 when a file cannot be read at all.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use ivr_flow::problem::{Problem, Severity};
use ivr_flow::{Provider, validate_for};
use serde::Serialize;

use crate::lang::Lang;

#[derive(Args)]
pub struct ValidateArgs {
    /// Flow files: IVR Studio's own, or a provider's (detected).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Also check the limits of this provider.
    #[arg(long, value_enum)]
    target: Option<Target>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Language of the messages (default: from the locale).
    #[arg(long, value_enum)]
    lang: Option<Lang>,
}

/// A provider to check against.
#[derive(Clone, Copy, ValueEnum)]
pub enum Target {
    Connect,
    Aliyun,
    Aliyun2017,
}

impl From<Target> for Provider {
    fn from(t: Target) -> Provider {
        match t {
            Target::Connect => Provider::Connect,
            Target::Aliyun => Provider::Aliyun,
            Target::Aliyun2017 => Provider::Aliyun2017,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Serialize)]
struct Report {
    files: Vec<FileReport>,
}

#[derive(Serialize)]
struct FileReport {
    file: String,
    /// Set when the file could not be read; then `problems` is empty.
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    problems: Vec<ProblemOut>,
}

#[derive(Serialize)]
struct ProblemOut {
    code: &'static str,
    severity: &'static str,
    message: String,
    node: Option<String>,
    port: Option<String>,
    field: Option<String>,
}

impl ProblemOut {
    fn new(p: Problem, lang: Lang) -> ProblemOut {
        ProblemOut {
            code: p.code.as_str(),
            severity: p.severity.as_str(),
            message: p.message.get(lang.code()).to_owned(),
            node: p.node,
            port: p.port,
            field: p.field,
        }
    }
}

pub fn run(args: &ValidateArgs) -> ExitCode {
    let lang = Lang::resolve(args.lang);
    let target = args.target.map(Provider::from);
    let mut report = Report { files: Vec::new() };
    let (mut unreadable, mut with_errors) = (false, false);
    for path in &args.files {
        let file = path.display().to_string();
        match ivr_files::read_flow_to_check(path) {
            Ok((_, flow)) => {
                let problems = validate_for(&flow, target);
                // The process ends soon: freeing a large flow block by block
                // is time spent for nothing (5% of a 10,000-block check).
                std::mem::forget(flow);
                with_errors |= problems.iter().any(|p| p.severity == Severity::Error);
                let problems = problems.into_iter().map(|p| ProblemOut::new(p, lang));
                report.files.push(FileReport {
                    file,
                    error: None,
                    problems: problems.collect(),
                });
            }
            Err(e) => {
                unreadable = true;
                eprintln!("error: {e}");
                report.files.push(FileReport {
                    file,
                    error: Some(e.to_string()),
                    problems: Vec::new(),
                });
            }
        }
    }
    if let Err(e) = print(&report, args.format, lang) {
        // A reader that stops early (`| head`) is not an error of ours.
        if e.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("error: could not write the report: {e}");
            return ExitCode::from(2);
        }
    }
    if unreadable {
        ExitCode::from(2)
    } else if with_errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn print(report: &Report, format: Format, lang: Lang) -> io::Result<()> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, report)?;
            writeln!(out)?;
        }
        Format::Text => print_text(report, lang, &mut out)?,
    }
    out.flush()
}

fn print_text(report: &Report, lang: Lang, out: &mut impl Write) -> io::Result<()> {
    let (mut errors, mut warnings) = (0, 0);
    for f in report.files.iter().filter(|f| f.error.is_none()) {
        for p in &f.problems {
            let at = [p.node.as_deref(), p.port.as_deref(), p.field.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(":");
            let at = if at.is_empty() {
                String::new()
            } else {
                format!(" [{at}]")
            };
            writeln!(
                out,
                "{}: {} {}{at}: {}",
                f.file, p.severity, p.code, p.message
            )?;
            match p.severity {
                "error" => errors += 1,
                "warning" => warnings += 1,
                _ => {}
            }
        }
        if f.problems.is_empty() {
            let none = if lang == Lang::Zh {
                "没有问题"
            } else {
                "no problems"
            };
            writeln!(out, "{}: {none}", f.file)?;
        }
    }
    let files = report.files.len();
    let unreadable = report.files.iter().filter(|f| f.error.is_some()).count();
    if lang == Lang::Zh {
        writeln!(
            out,
            "{files} 个文件：{errors} 个错误，{warnings} 个警告，{unreadable} 个无法读取"
        )
    } else {
        writeln!(
            out,
            "{files} file(s): {errors} error(s), {warnings} warning(s), {unreadable} unreadable"
        )
    }
}
