//! `ivr test FLOW [CASES...] [--format text|json|junit] [--lang en|zh]`: runs
//! saved test cases (`*.ivrtest.json`) on a flow through the call simulator
//! (`ivr_flow::sim`), offline. CASES are files or folders; without them, the
//! case files beside the flow (and in a `tests` folder there) that name it.
//! A line per case, the first failing expectation with what happened instead,
//! and which exits of which blocks no case took. Exit 0 when every case
//! passes, 1 when one fails, 2 on bad input (an unreadable flow or case file,
//! no cases at all).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use clap::{Args, ValueEnum};
use ivr_flow::Flow;
use ivr_flow::sim::cases::{self, CaseResult, TestFile};
use ivr_flow::sim::coverage::{Coverage, coverage};
use ivr_flow::sim::{Compiled, transcript};
use serde_json::json;

use ivr_flow::render::xml::esc as xml;

use crate::lang::Lang;

#[derive(Args)]
#[command(
    after_help = "Examples:\n  ivr test main-menu.ivr.json\n  ivr test main-menu.ivr.json tests/ --format junit > junit.xml"
)]
pub struct TestArgs {
    /// The flow to test (any format the engine reads).
    flow: PathBuf,
    /// Test case files or folders of them (default: the `*.ivrtest.json`
    /// beside the flow, and in a `tests` folder there, that name it).
    cases: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// List every exit no case took (text output lists the first 20).
    #[arg(long)]
    all_exits: bool,
    /// Print each case's call: what was heard and pressed, exits, variables.
    #[arg(long)]
    trace: bool,
    /// Language of the messages (default: from the locale).
    #[arg(long, value_enum)]
    lang: Option<Lang>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
    Junit,
}

/// One case file's cases and results.
struct Suite {
    file: PathBuf,
    results: Vec<CaseResult>,
    seconds: f64,
}

pub fn run(args: &TestArgs) -> ExitCode {
    match run_checked(args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("ivr test: error: {e}");
            ExitCode::from(2)
        }
    }
}

fn run_checked(args: &TestArgs) -> Result<ExitCode, String> {
    let (_, flow) = ivr_files::read_flow(&args.flow).map_err(|e| e.to_string())?;
    let subflows = subflows_beside(&args.flow, &flow);
    let files = if args.cases.is_empty() {
        cases_beside(&args.flow)
    } else {
        expand(&args.cases)?
    };
    if files.is_empty() {
        return Err(format!(
            "no test cases for {}: save a call from the app's Simulate panel, or write {} (see the README)",
            args.flow.display(),
            default_case_file(&args.flow).display()
        ));
    }
    let compiled = Arc::new(Compiled::new(flow));
    let mut suites = Vec::new();
    for file in files {
        let bytes = std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let tests: TestFile =
            cases::from_bytes(&bytes).map_err(|e| format!("{}: {e}", file.display()))?;
        let t = Instant::now();
        let results = tests
            .cases
            .iter()
            .map(|c| cases::run(&compiled, &subflows, c))
            .collect();
        suites.push(Suite {
            file,
            results,
            seconds: t.elapsed().as_secs_f64(),
        });
    }
    let all: Vec<CaseResult> = suites.iter().flat_map(|s| s.results.clone()).collect();
    if all.is_empty() {
        return Err("the case files hold no cases".into());
    }
    let cover = coverage(&compiled, &all);
    let lang = Lang::resolve(args.lang).code();
    let out = match args.format {
        Format::Text => text(args, &compiled, &suites, &cover, lang),
        Format::Json => json_report(args, &suites, &cover, lang),
        Format::Junit => junit(&args.flow, &suites, lang),
    };
    print!("{out}");
    let failed = all.iter().any(|r| !r.passed);
    Ok(ExitCode::from(u8::from(failed)))
}

/// `main-menu.ivrtest.json` for `main-menu.ivr.json`.
fn default_case_file(flow: &Path) -> PathBuf {
    flow.with_file_name(format!("{}.ivrtest.json", stem(flow)))
}

/// A flow file's name without `.ivr.json` (or its last extension).
fn stem(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    for ext in [".ivr.json", ".ivrtest.json", ".json"] {
        if let Some(s) = name.strip_suffix(ext) {
            return s.to_owned();
        }
    }
    name
}

/// The case files beside `flow` and in a `tests` folder there that name it
/// (by their `flow` field, or, with none, by sharing its name).
fn cases_beside(flow: &Path) -> Vec<PathBuf> {
    let dir = match flow.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let target = std::fs::canonicalize(flow).ok();
    let mut out = Vec::new();
    for folder in [dir.clone(), dir.join("tests")] {
        for file in case_files_in(&folder) {
            let Ok(bytes) = std::fs::read(&file) else {
                continue;
            };
            // An unreadable case file is still listed: running it says why.
            let names_it = match cases::from_bytes(&bytes) {
                Ok(t) if !t.flow.is_empty() => {
                    let named = file.parent().unwrap_or(Path::new(".")).join(&t.flow);
                    std::fs::canonicalize(named).ok() == target
                }
                _ => stem(&file) == stem(flow),
            };
            if names_it {
                out.push(file);
            }
        }
    }
    out
}

fn case_files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.to_string_lossy().ends_with(".ivrtest.json"))
        .collect();
    files.sort();
    files
}

/// Files as given; folders as the case files in them.
fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let found = case_files_in(p);
            if found.is_empty() {
                return Err(format!(
                    "{}: no *.ivrtest.json files in this folder",
                    p.display()
                ));
            }
            out.extend(found);
        } else if p.is_file() {
            out.push(p.clone());
        } else {
            return Err(format!("{}: no such file or folder", p.display()));
        }
    }
    Ok(out)
}

/// The flows beside `flow` that its Sub-flow blocks may enter, by every name
/// a block may give: the file's name, the flow's name, and the ids it is
/// bound to in the cloud. Read only when the flow has a Sub-flow block.
fn subflows_beside(path: &Path, flow: &Flow) -> BTreeMap<String, Arc<Compiled>> {
    let mut out = BTreeMap::new();
    if !flow.nodes.iter().any(|n| n.block == "sub_flow") {
        return out;
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let me = std::fs::canonicalize(path).ok();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        if !p.to_string_lossy().ends_with(".ivr.json") || std::fs::canonicalize(&p).ok() == me {
            continue;
        }
        let Ok((_, sub)) = ivr_files::read_flow(&p) else {
            continue;
        };
        let mut names = vec![stem(&p), sub.name.clone()];
        names.extend(sub.bindings.iter().map(|b| b.remote_id.clone()));
        let compiled = Arc::new(Compiled::new(sub));
        for n in names.into_iter().filter(|n| !n.is_empty()) {
            out.entry(n).or_insert_with(|| compiled.clone());
        }
    }
    out
}

fn failure_line(r: &CaseResult, lang: &str) -> String {
    match &r.failure {
        None => String::new(),
        Some(f) if f.step == 0 => f.actual.get(lang).to_owned(),
        Some(f) => {
            if lang == "zh" {
                format!(
                    "第 {} 步：期望{}；实际{}",
                    f.step, f.expected.zh, f.actual.zh
                )
            } else {
                format!(
                    "step {}: expected {}; instead {}",
                    f.step, f.expected.en, f.actual.en
                )
            }
        }
    }
}

fn text(
    args: &TestArgs,
    flow: &Compiled,
    suites: &[Suite],
    cover: &Coverage,
    lang: &str,
) -> String {
    let zh = lang == "zh";
    let mut out = String::new();
    let (mut passed, mut failed) = (0, 0);
    for s in suites {
        let _ = writeln!(out, "{}", s.file.display());
        for r in &s.results {
            if r.passed {
                passed += 1;
                let _ = writeln!(out, "  ok    {}", r.name);
            } else {
                failed += 1;
                let _ = writeln!(out, "  FAIL  {}: {}", r.name, failure_line(r, lang));
            }
            if args.trace {
                for line in transcript(flow, &r.events) {
                    let _ = writeln!(out, "        {}", line.get(lang));
                }
                let _ = writeln!(out, "        {}", r.end.get(lang));
            }
        }
    }
    let _ = writeln!(
        out,
        "{}",
        if zh {
            format!(
                "{} 个用例：{passed} 个通过，{failed} 个失败",
                passed + failed
            )
        } else {
            format!(
                "{} case(s): {passed} passed, {failed} failed",
                passed + failed
            )
        }
    );
    let pct = if cover.total == 0 {
        100.0
    } else {
        100.0 * f64::from(cover.taken) / f64::from(cover.total)
    };
    let _ = writeln!(
        out,
        "{}",
        if zh {
            format!(
                "覆盖：{} 个出口走过 {} 个（{pct:.0}%）",
                cover.total, cover.taken
            )
        } else {
            format!(
                "coverage: {} of {} exits taken ({pct:.0}%)",
                cover.taken, cover.total
            )
        }
    );
    if !cover.never.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            if zh {
                "从未走过："
            } else {
                "never taken:"
            }
        );
        let shown = if args.all_exits {
            cover.never.len()
        } else {
            20
        };
        for e in cover.never.iter().take(shown) {
            let _ = writeln!(out, "  {}", e.name.get(lang));
        }
        if cover.never.len() > shown {
            let more = cover.never.len() - shown;
            let _ = writeln!(
                out,
                "  {}",
                if zh {
                    format!("……还有 {more} 个（--all-exits 全部列出）")
                } else {
                    format!("... and {more} more (--all-exits lists them)")
                }
            );
        }
    }
    out
}

fn json_report(args: &TestArgs, suites: &[Suite], cover: &Coverage, lang: &str) -> String {
    let cases: Vec<_> = suites
        .iter()
        .flat_map(|s| {
            s.results.iter().map(|r| {
                json!({
                    "file": s.file.display().to_string(),
                    "name": r.name,
                    "passed": r.passed,
                    "failure": r.failure,
                    "message": failure_line(r, lang),
                    "end": r.end,
                    "taken": r.taken,
                })
            })
        })
        .collect();
    let passed = cases.iter().filter(|c| c["passed"] == true).count();
    let out = json!({
        "flow": args.flow.display().to_string(),
        "passed": passed,
        "failed": cases.len() - passed,
        "cases": cases,
        "coverage": cover,
    });
    format!("{out}\n")
}

/// JUnit XML, as CI systems read it: a suite per case file.
fn junit(flow: &Path, suites: &[Suite], lang: &str) -> String {
    let total: usize = suites.iter().map(|s| s.results.len()).sum();
    let failures: usize = suites
        .iter()
        .map(|s| s.results.iter().filter(|r| !r.passed).count())
        .sum();
    let seconds: f64 = suites.iter().map(|s| s.seconds).sum();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"{}\" tests=\"{total}\" failures=\"{failures}\" errors=\"0\" time=\"{seconds:.6}\">",
        xml(&format!("ivr test {}", flow.display()))
    );
    for s in suites {
        let name = s.file.display().to_string();
        let failed = s.results.iter().filter(|r| !r.passed).count();
        let each = s.seconds / s.results.len().max(1) as f64;
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failed}\" errors=\"0\" skipped=\"0\" time=\"{:.6}\">",
            xml(&name),
            s.results.len(),
            s.seconds
        );
        for r in &s.results {
            let head = format!(
                "    <testcase classname=\"{}\" name=\"{}\" time=\"{each:.6}\"",
                xml(&name),
                xml(&r.name)
            );
            if r.passed {
                let _ = writeln!(out, "{head}/>");
            } else {
                let _ = writeln!(out, "{head}>");
                let _ = writeln!(
                    out,
                    "      <failure message=\"{}\" type=\"expectation\">{}</failure>",
                    xml(&failure_line(r, lang)),
                    xml(r.end.get(lang))
                );
                let _ = writeln!(out, "    </testcase>");
            }
        }
        let _ = writeln!(out, "  </testsuite>");
    }
    out.push_str("</testsuites>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flow_files_stem() {
        assert_eq!(stem(Path::new("x/main-menu.ivr.json")), "main-menu");
        assert_eq!(stem(Path::new("main-menu.ivrtest.json")), "main-menu");
        assert_eq!(stem(Path::new("Export.json")), "Export");
    }
}
