//! `ivr task` end to end against the sandbox's NXLink (issue 15): a call
//! list as Excel writes it (UTF-8 with BOM, CRLF, Chinese headers) of 2,500
//! good rows and two bad ones; `new` writes the task and names the bad rows;
//! `check` lists every problem with its row; `create` sends 2,500 contacts
//! in three chunks with progress and reports the rows NXLink refused with
//! its reasons; `list` shows the task; a second `create` sends nothing; a
//! dry run shows the signed request without the secret; a wrong secret is
//! refused with a clear message.

use crate::support::{World, text};

const ROUTE: &str = "y29ND1X4kkCG_nC576sALEkvg3HjEqde";

/// The call list: a BOM, CRLF, Chinese headers; `vip` is a column the
/// sandbox's agent 197 does not declare, filled on two rows only.
fn call_list() -> Vec<u8> {
    let mut s = String::from("\u{feff}姓名,手机,customerName,orderNo,vip\r\n");
    for i in 0..2_500 {
        let vip = if i == 10 || i == 2_400 { "yes" } else { "" };
        s.push_str(&format!("客户{i},139{i:08},Customer {i},SO-{i},{vip}\r\n"));
    }
    s.push_str("坏号码,12ab34,Bad,SO-x,\r\n");
    s.push_str("空号码,,Empty,SO-y,\r\n");
    s.into_bytes()
}

#[test]
fn new_check_create_in_chunks_list_and_no_second_task() {
    let w = World::nxlink();
    let csv = w.path("calls.csv");
    std::fs::write(&csv, call_list()).unwrap();
    let task = w.path("campaign.task.json");
    let (csv_s, task_s) = (csv.display().to_string(), task.display().to_string());

    let out = w.ivr(&[
        "task",
        "new",
        "-o",
        &task_s,
        "--agent",
        "197",
        "--route",
        ROUTE,
        "--calls",
        &csv_s,
        "--country",
        "86",
    ]);
    let stderr = text(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "the bad rows are errors: {stderr}"
    );
    assert!(
        text(&out.stdout).contains("2500 contact(s) to send, 2 row(s) left out"),
        "{}",
        text(&out.stdout)
    );
    assert!(
        stderr.contains("row 2502") && stderr.contains("row 2503"),
        "{stderr}"
    );
    let saved: serde_json::Value = serde_json::from_slice(&std::fs::read(&task).unwrap()).unwrap();
    assert_eq!(saved["format"], "ivr-studio/task");
    assert_eq!(
        saved["callList"]["file"], "calls.csv",
        "kept relative to the task"
    );

    let out = w.ivr(&["task", "check", &task_s, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["contacts"], 2_500);
    assert_eq!(v["rowsLeftOut"], 2);

    // A dry run: the plan and the signed request, no secret, nothing sent.
    let out = w.ivr(&["task", "create", &task_s, "--profile", "nx", "--dry-run"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        stdout.contains("2500 contact(s) in 3 call(s); nothing was sent"),
        "{stdout}"
    );
    assert!(stdout.contains("sign: "), "{stdout}");
    assert!(
        !stdout.contains("sandbox-secret"),
        "no secret in the dry run"
    );
    let out = w.ivr(&["task", "list", "--profile", "nx"]);
    assert_eq!(
        text(&out.stdout).trim(),
        "none",
        "the dry run created nothing"
    );

    let out = w.ivr(&["task", "create", &task_s, "--profile", "nx"]);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(
        out.status.code(),
        Some(1),
        "two rows refused: {stdout}{stderr}"
    );
    for step in [
        "sent 1000 of 2500",
        "sent 2000 of 2500",
        "sent 2500 of 2500",
    ] {
        assert!(stderr.contains(step), "{step}: {stderr}");
    }
    assert!(
        stdout.contains("2498 of 2500 contact(s) accepted in 3 call(s), 2 refused"),
        "{stdout}"
    );
    let refused: Vec<&str> = stdout.lines().filter(|l| l.contains("refused ")).collect();
    assert_eq!(refused.len(), 2, "{stdout}");
    assert!(
        refused.iter().all(|l| l.contains("vip")),
        "NXLink's reason names the variable: {stdout}"
    );

    let out = w.ivr(&["task", "list", "--profile", "nx", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let tasks = v["list"].as_array().unwrap();
    assert_eq!(tasks.len(), 1);
    assert_eq!(tasks[0]["userTaskId"], saved["userTaskId"]);

    let out = w.ivr(&["task", "create", &task_s, "--profile", "nx"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("exists in NXLink already; nothing was sent"),
        "{}",
        text(&out.stdout)
    );
    let out = w.ivr(&["task", "list", "--profile", "nx", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["list"].as_array().unwrap().len(), 1, "no second task");

    let out = w.ivr(&["task", "agents", "--profile", "nx"]);
    assert!(
        text(&out.stdout).contains("197\tOrder follow-up"),
        "{}",
        text(&out.stdout)
    );
    let out = w.ivr(&["task", "routes", "--profile", "nx"]);
    assert!(text(&out.stdout).contains(ROUTE), "{}", text(&out.stdout));
}

#[test]
fn a_wrong_secret_is_refused_clearly() {
    let w = World::nxlink();
    let out = w.ivr_with_secret(&["task", "agents", "--profile", "nx"], "not-the-secret");
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("1003") || stderr.to_lowercase().contains("signature"),
        "{stderr}"
    );
    assert!(!stderr.contains("not-the-secret"), "{stderr}");
}

/// A small list the sandbox's agent 198 takes.
fn small_list(rows: usize) -> Vec<u8> {
    let mut s = String::from("name,phone,customerName,amount,dueDate\r\n");
    for i in 0..rows {
        s.push_str(&format!(
            "C{i},+8613{i:09},Customer {i},{i}.00,2026-12-31\r\n"
        ));
    }
    s.into_bytes()
}

/// Through the CLI, as the client tests do below it: a create whose answer
/// is dropped makes one task, not two; an append whose answer is dropped
/// duplicates no contact; throttling is waited out.
#[test]
fn dropped_answers_and_throttling_make_no_second_task_or_call() {
    use ivr_sandbox::{Fault, FaultKind};
    let w = World::nxlink();
    let csv = w.path("small.csv");
    std::fs::write(&csv, small_list(25)).unwrap();
    let task = w.path("small.task.json");
    let (csv_s, task_s) = (csv.display().to_string(), task.display().to_string());
    let out = w.ivr(&[
        "task", "new", "-o", &task_s, "--agent", "198", "--route", ROUTE, "--calls", &csv_s,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    w.faults(Fault::new(FaultKind::Drop, 1).for_action("task/create"));
    w.faults(Fault::new(FaultKind::Drop, 1).for_action("call/append"));
    w.faults(Fault::new(FaultKind::Throttle, 2).for_action("call/append"));
    let out = w.ivr(&[
        "task",
        "create",
        &task_s,
        "--profile",
        "nx",
        "--chunk",
        "10",
    ]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    assert!(stdout.contains("25 of 25 contact(s) accepted"), "{stdout}");
    let out = w.ivr(&["task", "list", "--profile", "nx", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let tasks = v["list"].as_array().unwrap();
    assert_eq!(tasks.len(), 1, "one task, whatever was dropped: {v}");
    assert_eq!(tasks[0]["totalCount"], 25, "no contact twice: {v}");
}
