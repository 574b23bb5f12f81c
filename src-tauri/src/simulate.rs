//! The Simulate panel's commands: thin wrappers over `ivr_flow::sim` (the
//! walk, saved cases, coverage) and `ivr_files::testcases` (the case file
//! beside the flow). Calls in progress are kept here by id; the UI sends the
//! flow once, at the start, and every answer after carries only the events
//! that are new, the state, the variables and how the call ended.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use ivr_files::testcases::{self, TestFileError};
use ivr_flow::sim::cases::{self, Failure};
use ivr_flow::sim::coverage::{self, Coverage};
use ivr_flow::sim::{Awaiting, Compiled, Event, Input, Outcome, Scenario, Session, State};
use ivr_flow::{Flow, Text};
use serde::Serialize;
use ts_rs::TS;

use crate::error::CommandError;

/// Calls kept at most: starting one more drops the oldest (a window that
/// never hung up must not hold every call it ever made).
const KEEP: usize = 16;

/// The calls in progress, by id.
#[derive(Default)]
pub struct Calls {
    inner: Mutex<CallsInner>,
}

#[derive(Default)]
struct CallsInner {
    next: u32,
    sessions: HashMap<u32, Session>,
}

impl Calls {
    fn lock(&self) -> MutexGuard<'_, CallsInner> {
        // A panic while the lock was held leaves sessions that are still whole.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Where the call is now.
#[derive(Clone, Debug, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(rename = "SimState")]
pub enum CallState {
    Waiting { block: String, awaiting: Awaiting },
    Ended { outcome: Outcome },
}

/// A call's answer to a start or an input.
#[derive(Clone, Debug, Serialize, TS)]
#[ts(rename = "SimStep")]
pub struct Step {
    /// The call's id, for the next input.
    pub call: u32,
    /// The index of the first of `events` among all the call's events.
    pub first: u32,
    /// The events since the last answer.
    pub events: Vec<Event>,
    pub state: CallState,
    /// The variables now.
    pub variables: BTreeMap<String, String>,
    /// How the call ended, in the designer's words (none while it goes on).
    pub outcome: Option<Text>,
}

fn step(call: u32, session: &Session, first: usize) -> Step {
    Step {
        call,
        first: first as u32,
        events: session.events()[first..].to_vec(),
        state: match session.state() {
            State::Waiting { block, awaiting } => CallState::Waiting {
                block: block.to_string(),
                awaiting: awaiting.clone(),
            },
            State::Ended(outcome) => CallState::Ended {
                outcome: outcome.clone(),
            },
        },
        variables: session.variables().clone(),
        outcome: session.outcome_text().cloned(),
    }
}

fn no_call(call: u32) -> CommandError {
    CommandError::new(
        "simulate",
        Text::new(
            format!("call {call} is not in progress: start a new call"),
            format!("通话 {call} 不在进行中：请开始新的通话"),
        ),
    )
}

/// Starts a call on `flow` in `scenario`; answers its first events, up to
/// where it first waits or ends.
#[tauri::command]
pub fn sim_start(calls: tauri::State<'_, Calls>, flow: Flow, scenario: Scenario) -> Step {
    let session = Session::start(Arc::new(Compiled::new(flow)), scenario, BTreeMap::new());
    let mut inner = calls.lock();
    inner.next = inner.next.wrapping_add(1);
    let call = inner.next;
    if inner.sessions.len() >= KEEP
        && let Some(&oldest) = inner.sessions.keys().min()
    {
        inner.sessions.remove(&oldest);
    }
    let answer = step(call, &session, 0);
    inner.sessions.insert(call, session);
    answer
}

/// What the caller does in call `call`; answers the events it caused.
#[tauri::command]
pub fn sim_input(
    calls: tauri::State<'_, Calls>,
    call: u32,
    input: Input,
) -> Result<Step, CommandError> {
    let mut inner = calls.lock();
    let session = inner.sessions.get_mut(&call).ok_or_else(|| no_call(call))?;
    let first = session
        .input(input)
        .map_err(|e| CommandError::new("simulate", e.0))?;
    Ok(step(call, session, first))
}

/// Ends call `call` (hung up by the designer); nothing when it is gone.
#[tauri::command]
pub fn sim_stop(calls: tauri::State<'_, Calls>, call: u32) {
    calls.lock().sessions.remove(&call);
}

/// A case saved beside the flow.
#[derive(Clone, Debug, Serialize, TS)]
pub struct SavedCase {
    /// The test case file.
    pub file: String,
    /// How many cases it holds now.
    pub cases: u32,
}

/// Saves call `call` as the test case `name` in the case file beside the
/// flow file at `path` (made when there is none).
#[tauri::command]
pub fn sim_save_case(
    calls: tauri::State<'_, Calls>,
    call: u32,
    name: String,
    path: String,
) -> Result<SavedCase, CommandError> {
    let case = {
        let inner = calls.lock();
        let session = inner.sessions.get(&call).ok_or_else(|| no_call(call))?;
        cases::from_session(name.trim(), session)
    };
    let (file, n) = testcases::append(Path::new(&path), case)?;
    Ok(SavedCase {
        file: file.display().to_string(),
        cases: n as u32,
    })
}

/// How one saved case went.
#[derive(Clone, Debug, Serialize, TS)]
pub struct CaseRun {
    pub name: String,
    pub passed: bool,
    /// The first step that failed, what it expected and what happened.
    pub failure: Option<Failure>,
    /// How the call ended, or where it waits.
    pub end: Text,
}

/// Every saved case of a flow, run.
#[derive(Clone, Debug, Serialize, TS)]
pub struct TestRun {
    /// The test case file.
    pub file: String,
    pub cases: Vec<CaseRun>,
    /// The flow's exits the cases took, and the ones they never took.
    pub coverage: Coverage,
}

/// Runs every case in the case file beside the flow file at `path` on
/// `flow` (the document as it is now, saved or not); no file, no cases.
#[tauri::command]
pub fn sim_run_cases(flow: Flow, path: String) -> Result<TestRun, CommandError> {
    let file = testcases::path_for(Path::new(&path));
    let cases = testcases::read(&file)?.map(|f| f.cases).unwrap_or_default();
    let compiled = Arc::new(Compiled::new(flow));
    let subflows = BTreeMap::new();
    let results: Vec<_> = cases
        .iter()
        .map(|c| cases::run(&compiled, &subflows, c))
        .collect();
    Ok(TestRun {
        file: file.display().to_string(),
        coverage: coverage::coverage(&compiled, &results),
        cases: results
            .into_iter()
            .map(|r| CaseRun {
                name: r.name,
                passed: r.passed,
                failure: r.failure,
                end: r.end,
            })
            .collect(),
    })
}

/// A test case file that could not be read or written: the file's errors
/// as files fail; a file that is not a case file, or a name taken, said so.
impl From<TestFileError> for CommandError {
    fn from(e: TestFileError) -> CommandError {
        let en = e.to_string();
        match e {
            TestFileError::File(f) => f.into(),
            TestFileError::Content { path, error } => CommandError::new(
                "content",
                Text::new(
                    en,
                    format!("{}：不是可读取的测试用例文件：{error}", path.display()),
                ),
            ),
            TestFileError::Duplicate { path, name } => CommandError::new(
                "exists",
                Text::new(
                    en,
                    format!(
                        "{}：已有名为“{name}”的测试用例；请换一个名称",
                        path.display()
                    ),
                ),
            ),
            TestFileError::NoName => {
                CommandError::new("invalid", Text::new(en, "测试用例需要一个名称"))
            }
        }
    }
}

#[cfg(test)]
mod tests;
