//! `ivr task new|check|create|list|append|agents|routes`: NXLink outbound
//! AI-agent tasks from the shell, each verb argument parsing and printing
//! around `ivr_cloud::service::tasks` (the app's road too). `new` writes a
//! task that passes its checks; `check` lists every problem with its place;
//! `create` sends the task and its call list in chunks with progress and
//! reports what NXLink took and refused, row by row, never creating a task
//! twice; `--dry-run` prints the plan and the first signed request without
//! its secret. Exit 0 success, 1 errors found or refused, 2 bad input.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use clap::{Args, Subcommand, ValueEnum};
use ivr_cloud::nxlink::{NxlinkClient, SendOptions};
use ivr_cloud::service::tasks::{self, Checked, Created};
use ivr_flow::Severity;
use ivr_task::{CallSource, Task};
use serde_json::json;

use crate::cloud;
use crate::lang::Lang;

#[derive(Args)]
pub struct TaskArgs {
    #[command(subcommand)]
    command: TaskCommand,
}

#[derive(Subcommand)]
enum TaskCommand {
    /// Write a new task that passes its checks: manual start, office hours
    /// Monday to Friday in this machine's time zone, the CSV's extra columns
    /// as the agent's variables.
    New(NewArgs),
    /// Check a task and its call list; every problem with its place.
    Check(CheckArgs),
    /// Create the task in NXLink with its call list.
    Create(CreateArgs),
    /// The connection's tasks.
    List(ProfileArg),
    /// Append a call list (CSV) to a task NXLink has.
    Append(AppendArgs),
    /// The connection's AI agents (autoFlowId).
    Agents(ProfileArg),
    /// The connection's call routes (routeId).
    Routes(ProfileArg),
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Args)]
struct NewArgs {
    /// The task file to write (`*.task.json`).
    #[arg(short, long)]
    output: PathBuf,
    /// The AI agent's autoFlowId (`ivr task agents`).
    #[arg(long)]
    agent: i64,
    /// The call route's routeId (`ivr task routes`).
    #[arg(long)]
    route: String,
    /// The call list, a CSV file (its path is kept relative to the task).
    #[arg(long)]
    calls: PathBuf,
    /// The calling code numbers without one are read with (86, 1, 62...).
    #[arg(long, default_value = "")]
    country: String,
    /// The task's name (default: the CSV's file name).
    #[arg(long)]
    name: Option<String>,
    /// Replace an existing task file.
    #[arg(long)]
    force: bool,
}

#[derive(Args)]
struct CheckArgs {
    task: PathBuf,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[arg(long, value_enum)]
    lang: Option<Lang>,
}

#[derive(Args)]
struct CreateArgs {
    task: PathBuf,
    /// The NXLink connection profile.
    #[arg(long)]
    profile: String,
    /// Print the plan and the first signed request (no secret); send nothing.
    #[arg(long)]
    dry_run: bool,
    /// Contacts per call.
    #[arg(long, default_value_t = ivr_task::DEFAULT_CHUNK)]
    chunk: usize,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Args)]
struct AppendArgs {
    /// NXLink's task id.
    task_id: String,
    csv: PathBuf,
    #[arg(long)]
    profile: String,
    #[arg(long, default_value = "")]
    country: String,
    /// The userTaskId contact ids are derived from (default: the task id).
    #[arg(long)]
    user_task_id: Option<String>,
}

#[derive(Args)]
struct ProfileArg {
    #[arg(long)]
    profile: String,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

pub fn run(args: TaskArgs) -> ExitCode {
    match args.command {
        TaskCommand::New(a) => new(&a),
        TaskCommand::Check(a) => check(&a),
        TaskCommand::Create(a) => create(&a),
        TaskCommand::List(a) => listing(&a, "list"),
        TaskCommand::Append(a) => append(&a),
        TaskCommand::Agents(a) => listing(&a, "agents"),
        TaskCommand::Routes(a) => listing(&a, "routes"),
    }
}

fn bad(verb: &str, message: impl std::fmt::Display) -> ExitCode {
    eprintln!("ivr task {verb}: error: {message}");
    ExitCode::from(2)
}

/// This machine's offset from UTC in seconds (`date +%z`), else UTC.
fn local_offset() -> i64 {
    let out = std::process::Command::new("date").arg("+%z").output();
    let text = out
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    let (sign, digits) = match text.split_at_checked(1) {
        Some(("-", d)) => (-1, d),
        Some(("+", d)) => (1, d),
        _ => return 0,
    };
    match (
        digits.get(..2).and_then(|h| h.parse::<i64>().ok()),
        digits.get(2..4).and_then(|m| m.parse::<i64>().ok()),
    ) {
        (Some(h), Some(m)) => sign * (h * 3600 + m * 60),
        _ => 0,
    }
}

/// `to` relative to the folder `from` is in, when it is below it; else absolute.
fn relative(from: &Path, to: &Path) -> String {
    let to = std::path::absolute(to).unwrap_or_else(|_| to.to_path_buf());
    let dir = std::path::absolute(from)
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .unwrap_or_default();
    to.strip_prefix(&dir).unwrap_or(&to).display().to_string()
}

fn new(a: &NewArgs) -> ExitCode {
    if a.output.exists() && !a.force {
        return bad(
            "new",
            format!("{} exists; give --force to replace it", a.output.display()),
        );
    }
    let list = match ivr_task::read_call_list_file(&a.calls) {
        Ok(l) => l,
        Err(e) => return bad("new", format!("{}: {e}", a.calls.display())),
    };
    let name = a
        .name
        .clone()
        .unwrap_or_else(|| ivr_files::stem_name(&a.calls));
    let task = Task {
        user_task_id: format!("ivr-{}-{}", name.replace(char::is_whitespace, "-"), now()),
        name,
        agent_id: Some(a.agent),
        route_id: a.route.clone(),
        zone_second: Some(local_offset()),
        country_code: a.country.clone(),
        variables: list.variables.clone(),
        calls: CallSource::File(relative(&a.output, &a.calls)),
        ..Task::default()
    };
    let prepared = ivr_task::prepare(&task, &list, &task.variables, now());
    if let Err(e) = ivr_files::write_atomic(&a.output, &ivr_task::to_bytes(&task)) {
        return bad("new", e);
    }
    println!(
        "wrote {}: {} contact(s) to send, {} row(s) left out for errors",
        a.output.display(),
        prepared.contacts.len(),
        prepared.rows_left_out
    );
    print_problems(&a.output, &prepared.problems, "en");
    ExitCode::from(if prepared.has_errors() { 1 } else { 0 })
}

fn print_problems(file: &Path, problems: &[ivr_task::TaskProblem], lang: &str) {
    for p in problems {
        let mut at = Vec::new();
        if let Some(f) = &p.place.field {
            at.push(f.clone());
        }
        if let Some(r) = p.place.row {
            at.push(format!("row {r}"));
        }
        if let Some(c) = &p.place.column {
            at.push(format!("column {c}"));
        }
        let sev = match p.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            _ => "info",
        };
        eprintln!(
            "{}: {sev} {} [{}]: {}",
            file.display(),
            p.code.as_str(),
            at.join(", "),
            p.message.get(lang)
        );
    }
}

fn checked(verb: &str, path: &Path) -> Result<Checked, ExitCode> {
    tasks::check_file(path, now()).map_err(|e| bad(verb, e))
}

fn check(a: &CheckArgs) -> ExitCode {
    let c = match checked("check", &a.task) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let p = &c.prepared;
    match a.format {
        Format::Json => println!(
            "{}",
            json!({"task": a.task, "contacts": p.contacts.len(), "rowsLeftOut": p.rows_left_out,
                   "encoding": c.list.encoding, "problems": p.problems})
        ),
        Format::Text => {
            print_problems(&a.task, &p.problems, Lang::resolve(a.lang).code());
            println!(
                "{}: {} contact(s) ready, {} row(s) left out, {} problem(s)",
                a.task.display(),
                p.contacts.len(),
                p.rows_left_out,
                p.problems.len()
            );
        }
    }
    ExitCode::from(if p.has_errors() { 1 } else { 0 })
}

fn client(verb: &str, profile: &str) -> Result<NxlinkClient, ExitCode> {
    cloud::load_profile(profile)
        .and_then(|p| cloud::nxlink(&p))
        .map_err(|e| cloud::fail(&format!("task {verb}"), &e))
}

fn create(a: &CreateArgs) -> ExitCode {
    let c = match checked("create", &a.task) {
        Ok(c) => c,
        Err(code) => return code,
    };
    print_problems(&a.task, &c.prepared.problems, "en");
    let client = match client("create", &a.profile) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let options = SendOptions {
        chunk_size: a.chunk.max(1),
    };
    if a.dry_run {
        return match tasks::plan(&c) {
            Err(e) => cloud::fail("task create", &e),
            Ok((body, contacts)) => {
                let chunks = contacts.len().div_ceil(options.chunk_size).max(1);
                println!(
                    "would create task {:?} (userTaskId {}) with profile {}: {} contact(s) in {chunks} call(s); nothing was sent",
                    c.task.name,
                    c.task.user_task_id,
                    a.profile,
                    contacts.len()
                );
                let mut first = body;
                first["callList"] =
                    json!(contacts.iter().take(options.chunk_size).collect::<Vec<_>>());
                let bytes = serde_json::to_vec(&first).unwrap_or_default();
                match client.signed_request("task/create", &bytes, SystemTime::now()) {
                    Ok(req) => {
                        println!("POST {}", req.uri());
                        for (k, v) in req.headers() {
                            println!("{k}: {}", v.to_str().unwrap_or("?"));
                        }
                        // The body's start: a thousand contacts are not for a terminal.
                        let body = String::from_utf8_lossy(&bytes);
                        let shown: String = body.chars().take(1_500).collect();
                        let more = if shown.len() < body.len() {
                            format!("… ({} bytes in all)", bytes.len())
                        } else {
                            String::new()
                        };
                        println!("\n{shown}{more}");
                    }
                    Err(e) => eprintln!("ivr task create: note: {e}"),
                }
                ExitCode::SUCCESS
            }
        };
    }
    let rt = match cloud::runtime() {
        Ok(rt) => rt,
        Err(e) => return cloud::fail("task create", &e),
    };
    let result = rt.block_on(tasks::create(&client, &c, &options, |done, total| {
        eprintln!("ivr task create: sent {done} of {total} contact(s)");
    }));
    match result {
        Err(e) => cloud::fail("task create", &e),
        Ok(Created::AlreadyThere(t)) => {
            println!(
                "task {} (userTaskId {}) exists in NXLink already; nothing was sent",
                t.task_id, t.user_task_id
            );
            ExitCode::SUCCESS
        }
        Ok(Created::Sent(r)) => {
            match a.format {
                Format::Json => println!("{}", serde_json::to_string(&r).unwrap_or_default()),
                Format::Text => {
                    println!(
                        "created task {}: {} of {} contact(s) accepted in {} call(s), {} refused",
                        r.task.task_id,
                        r.accepted,
                        r.total,
                        r.chunks,
                        r.refused.len()
                    );
                    for row in &r.refused {
                        println!(
                            "  refused {} {} ({}): {}",
                            row.contact_id, row.phone_number, row.name, row.reason
                        );
                    }
                }
            }
            ExitCode::from(if r.refused.is_empty() { 0 } else { 1 })
        }
    }
}

fn append(a: &AppendArgs) -> ExitCode {
    let client = match client("append", &a.profile) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let user = a.user_task_id.clone().unwrap_or_else(|| a.task_id.clone());
    let rt = match cloud::runtime() {
        Ok(rt) => rt,
        Err(e) => return cloud::fail("task append", &e),
    };
    match rt.block_on(tasks::append(
        &client,
        &a.task_id,
        &a.csv,
        &a.country,
        &user,
        now(),
    )) {
        Err(e) => cloud::fail("task append", &e),
        Ok((appended, prepared)) => {
            print_problems(&a.csv, &prepared.problems, "en");
            println!(
                "appended to task {}: {} accepted, {} refused, {} row(s) left out for errors",
                a.task_id,
                appended.accepted,
                appended.refused.len(),
                prepared.rows_left_out
            );
            for row in &appended.refused {
                println!(
                    "  refused {} {}: {}",
                    row.contact_id, row.phone_number, row.reason
                );
            }
            ExitCode::from(if appended.refused.is_empty() { 0 } else { 1 })
        }
    }
}

/// `list`, `agents`, `routes`: one line each, or JSON.
fn listing(a: &ProfileArg, what: &str) -> ExitCode {
    let client = match client(what, &a.profile) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let rt = match cloud::runtime() {
        Ok(rt) => rt,
        Err(e) => return cloud::fail(&format!("task {what}"), &e),
    };
    let rows: Result<Vec<(serde_json::Value, String)>, _> = rt.block_on(async {
        Ok::<_, ivr_cloud::CloudError>(match what {
            "agents" => client
                .agents("")
                .await?
                .into_iter()
                .map(|x| (json!(x), format!("{}\t{}", x.auto_flow_id, x.name)))
                .collect(),
            "routes" => client
                .routes("")
                .await?
                .into_iter()
                .map(|x| (json!(x), format!("{}\t{}", x.route_id, x.route_name)))
                .collect(),
            _ => client
                .tasks(None)
                .await?
                .into_iter()
                .map(|t| {
                    let line = format!(
                        "{}\t{}\t{}\tstatus {}\t{}/{}",
                        t.task_id,
                        t.user_task_id,
                        t.task_name,
                        t.task_status.map_or("-".into(), |s| s.to_string()),
                        t.success_count.unwrap_or(0),
                        t.total_count.unwrap_or(0)
                    );
                    (json!(t), line)
                })
                .collect(),
        })
    });
    match rows {
        Err(e) => cloud::fail(&format!("task {what}"), &e),
        Ok(rows) => {
            match a.format {
                Format::Json => {
                    let items: Vec<_> = rows.into_iter().map(|(v, _)| v).collect();
                    println!("{}", json!({ what: items }));
                }
                Format::Text => {
                    if rows.is_empty() {
                        println!("none");
                    }
                    for (_, line) in rows {
                        println!("{line}");
                    }
                }
            }
            ExitCode::SUCCESS
        }
    }
}
