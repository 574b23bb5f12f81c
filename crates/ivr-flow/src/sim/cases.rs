//! Saved test cases (`*.ivrtest.json`): a scenario, then steps (press keys,
//! wait for a timeout, choose an exit) and expectations on what happened
//! since the step before (heard, reached, exit taken), on the variables now,
//! and on how the call ended. [`run`] replays a case and reports the first
//! expectation that failed with what happened instead.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::compiled::Compiled;
use super::events::{Event, Outcome};
use super::scenario::Scenario;
use super::session::{Input, Session, State};
use crate::i18n::Text;

/// The `format` of a test case file.
pub const FORMAT: &str = "ivr-studio/test";
/// The version this build writes and reads.
pub const VERSION: u32 = 1;

/// A test case file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TestFile {
    pub format: String,
    pub version: u32,
    /// The flow file these cases test, relative to this file.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[ts(optional, as = "Option<String>")]
    pub flow: String,
    pub cases: Vec<Case>,
}

/// One call and what it must do.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub name: String,
    #[serde(default)]
    pub scenario: Scenario,
    pub steps: Vec<Step>,
}

/// A caller's action or an expectation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Press keys (`"1"`, `"1234#"`).
    Press(String),
    /// Say nothing until the block's timeout.
    #[serde(alias = "say_nothing")]
    Timeout,
    /// Choose the exit of a block with no mock.
    Choose(String),
    /// What must hold now.
    Expect(Expect),
}

/// Expectations; every one given must hold. `heard`, `reached` and `took`
/// look at what happened since the step before.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct Expect {
    /// Some prompt heard contains this text.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub heard: Option<String>,
    /// Some prompt heard matches this regular expression.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub heard_matches: Option<String>,
    /// This block (id or label) was reached.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reached: Option<String>,
    /// This exit of this block was taken.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub took: Option<Took>,
    /// Variables have these values now.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    #[ts(optional, as = "Option<BTreeMap<String, String>>")]
    pub variables: BTreeMap<String, String>,
    /// The call has ended this way (`transferred`, `hung_up`...).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub ended: Option<String>,
    /// The call waits at this block (for keys, or for a choice of exit).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub waiting_at: Option<String>,
    /// The call was transferred to this queue, agent or number.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub transferred_to: Option<String>,
}

/// A block's exit: the block by id or label, the exit by key (`key:1`,
/// `timeout`) or by the name its card shows (`Key 1`, `Timeout`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Took {
    pub block: String,
    pub exit: String,
}

/// A file that is not a test case file, and why.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("not JSON at line {line}, column {column}: {message}")]
    Json {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("at {path}: {message}")]
    Shape { path: String, message: String },
    #[error(
        "not an IVR Studio test case file (its \"format\" is \"{0}\", not \"ivr-studio/test\")"
    )]
    Format(String),
    #[error(
        "test case file version {0} is newer than this build reads ({VERSION}): update IVR Studio"
    )]
    Version(u32),
}

/// Reads a test case file.
pub fn from_bytes(bytes: &[u8]) -> Result<TestFile, ReadError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let file: TestFile = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            ReadError::Json {
                line: inner.line(),
                column: inner.column(),
                message: inner.to_string(),
            }
        } else {
            ReadError::Shape {
                path,
                message: inner.to_string(),
            }
        }
    })?;
    if file.format != FORMAT {
        return Err(ReadError::Format(file.format));
    }
    if file.version > VERSION {
        return Err(ReadError::Version(file.version));
    }
    Ok(file)
}

/// A test case file as bytes: stable key order, two-space indent, a final
/// newline.
pub fn to_bytes(file: &TestFile) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(file).unwrap_or_default();
    out.push(b'\n');
    out
}

/// How one case went.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct CaseResult {
    pub name: String,
    pub passed: bool,
    /// The first step that failed (1-based), what it expected and what
    /// happened instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub failure: Option<Failure>,
    /// How the call ended, or where it waits.
    pub end: Text,
    /// Exits taken in the flow under test: (block id, exit).
    pub taken: Vec<(String, String)>,
    pub events: Vec<Event>,
}

/// A failed step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct Failure {
    pub step: u32,
    pub expected: Text,
    pub actual: Text,
}

/// Replays `case` on `flow`.
pub fn run(
    flow: &Arc<Compiled>,
    subflows: &BTreeMap<String, Arc<Compiled>>,
    case: &Case,
) -> CaseResult {
    let mut session = Session::start(flow.clone(), case.scenario.clone(), subflows.clone());
    let mut since = 0;
    let mut failure = None;
    let mut expectations = 0;
    for (i, step) in case.steps.iter().enumerate() {
        let n = i as u32 + 1;
        let input = match step {
            Step::Press(keys) => Input::Press { keys: keys.clone() },
            Step::Timeout => Input::Timeout,
            Step::Choose(exit) => Input::Choose { exit: exit.clone() },
            Step::Expect(expect) => {
                expectations += 1;
                if let Err((expected, actual)) = check(&session, since, expect) {
                    failure = Some(Failure {
                        step: n,
                        expected,
                        actual,
                    });
                    break;
                }
                continue;
            }
        };
        match session.input(input) {
            Ok(first) => since = first,
            Err(e) => {
                failure = Some(Failure {
                    step: n,
                    expected: action_words(step),
                    actual: e.0,
                });
                break;
            }
        }
    }
    if failure.is_none() && expectations == 0 {
        failure = Some(Failure {
            step: 0,
            expected: Text::new("at least one expectation", "至少一个期望"),
            actual: Text::new(
                "the case expects nothing, so it cannot fail: add an \"expect\" step",
                "该用例没有期望，永远不会失败：请添加 \"expect\" 步骤",
            ),
        });
    }
    let taken = session
        .taken()
        .iter()
        .map(|(b, e)| (flow.flow().nodes[*b].id.clone(), e.to_string()))
        .collect();
    CaseResult {
        name: case.name.clone(),
        passed: failure.is_none(),
        failure,
        end: where_it_is(&session),
        taken,
        events: session.events().to_vec(),
    }
}

/// A call made by hand, saved as a case: its scenario, each thing the caller
/// did, and after each the last prompt heard and the last block reached in
/// the flow under test; at the end, how the call ended.
pub fn from_session(name: &str, session: &Session) -> Case {
    let events = session.events();
    let mut steps = Vec::new();
    let mut bounds: Vec<usize> = session.inputs().iter().map(|(_, i)| *i).collect();
    bounds.push(events.len());
    let mut from = 0;
    for (k, &to) in bounds.iter().enumerate() {
        let segment = &events[from..to];
        let heard = segment.iter().rev().find_map(|e| match e {
            Event::Heard { text, .. } => Some(text.clone()),
            _ => None,
        });
        let reached = entered_top(segment).last().map(|b| (*b).to_owned());
        if heard.is_some() || reached.is_some() {
            steps.push(Step::Expect(Expect {
                heard,
                reached,
                ..Expect::default()
            }));
        }
        if let Some((input, _)) = session.inputs().get(k) {
            steps.push(match input {
                Input::Press { keys } => Step::Press(keys.clone()),
                Input::Timeout => Step::Timeout,
                Input::Choose { exit } => Step::Choose(exit.clone()),
            });
        }
        from = to;
    }
    if let State::Ended(outcome) = session.state() {
        let transferred_to = match outcome {
            Outcome::Transferred { target, .. } => Some(target.clone()),
            _ => None,
        };
        steps.push(Step::Expect(Expect {
            ended: Some(outcome.kind().to_owned()),
            transferred_to,
            ..Expect::default()
        }));
    }
    Case {
        name: name.to_owned(),
        scenario: session.scenario().clone(),
        steps,
    }
}

/// How the call ended, or the block it waits at.
fn where_it_is(session: &Session) -> Text {
    if let Some(t) = session.outcome_text() {
        return t.clone();
    }
    match session.state() {
        State::Waiting { block, .. } => {
            let flow = session.flow();
            let name = flow
                .find(block)
                .filter(|_| !session.in_subflow())
                .map(|i| flow.block_name(i))
                .unwrap_or_else(|| Text::new(&**block, &**block));
            Text::new(
                format!("Still waiting at {}.", name.en),
                format!("仍在{}等待。", name.zh),
            )
        }
        State::Ended(_) => Text::default(),
    }
}

fn action_words(step: &Step) -> Text {
    match step {
        Step::Press(k) => Text::new(format!("to press {k}"), format!("按 {k}")),
        Step::Timeout => Text::new("to wait for a timeout", "等待超时"),
        Step::Choose(e) => Text::new(format!("to choose exit {e}"), format!("选择出口 {e}")),
        Step::Expect(_) => Text::default(),
    }
}

/// Checks one expectation against the events since `since` and the state
/// now: `Err((expected, what happened))`.
fn check(session: &Session, since: usize, expect: &Expect) -> Result<(), (Text, Text)> {
    let events = &session.events()[since..];
    let flow = session.flow();
    let heard: Vec<&str> = events
        .iter()
        .filter_map(|e| match e {
            Event::Heard { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    let heard_words = || {
        if heard.is_empty() {
            Text::new("nothing was heard", "什么也没听到")
        } else {
            let all = heard.join(" | ");
            Text::new(format!("heard \"{all}\""), format!("听到“{all}”"))
        }
    };
    if let Some(want) = &expect.heard
        && !heard.iter().any(|h| h.contains(want.as_str()))
    {
        return Err((
            Text::new(format!("to hear \"{want}\""), format!("听到“{want}”")),
            heard_words(),
        ));
    }
    if let Some(pattern) = &expect.heard_matches {
        let re = regex::Regex::new(pattern).map_err(|e| {
            (
                Text::new(
                    format!("a valid pattern \"{pattern}\""),
                    format!("有效的正则“{pattern}”"),
                ),
                Text::new(e.to_string(), e.to_string()),
            )
        })?;
        if !heard.iter().any(|h| re.is_match(h)) {
            return Err((
                Text::new(
                    format!("to hear text matching /{pattern}/"),
                    format!("听到匹配 /{pattern}/ 的内容"),
                ),
                heard_words(),
            ));
        }
    }
    let entered: Vec<&str> = entered_top(events);
    if let Some(want) = &expect.reached {
        let Some(i) = flow.find(want) else {
            return Err(no_such_block(want));
        };
        let id = flow.flow().nodes[i].id.as_str();
        if !entered.contains(&id) {
            let name = flow.block_name(i);
            let path = path_words(flow, &entered);
            return Err((
                Text::new(format!("to reach {}", name.en), format!("到达{}", name.zh)),
                path,
            ));
        }
    }
    if let Some(took) = &expect.took {
        let Some(i) = flow.find(&took.block) else {
            return Err(no_such_block(&took.block));
        };
        let node = &flow.flow().nodes[i];
        let exits = flow.exits(i);
        let exit = exits
            .iter()
            .find(|e| **e == took.exit)
            .or_else(|| {
                exits.iter().find(|e| {
                    let n = flow.exit_name(i, e);
                    n.en.eq_ignore_ascii_case(&took.exit) || n.zh == took.exit
                })
            })
            .cloned();
        let Some(exit) = exit else {
            let name = flow.block_name(i);
            return Err((
                Text::new(
                    format!("an exit \"{}\" of {}", took.exit, name.en),
                    format!("{}的出口“{}”", name.zh, took.exit),
                ),
                Text::new(
                    format!("it has {}", exits.join(", ")),
                    format!("它的出口是 {}", exits.join("、")),
                ),
            ));
        };
        let taken: Vec<&str> = exits_taken_top(events, &node.id);
        if !taken.contains(&exit.as_str()) {
            let (b, e) = (flow.block_name(i), flow.exit_name(i, &exit));
            let actual = match taken.first() {
                Some(other) => {
                    let o = flow.exit_name(i, other);
                    Text::new(format!("it took {}", o.en), format!("走了{}", o.zh))
                }
                None => Text::new(
                    format!("{} was not left since the step before", b.en),
                    format!("上一步之后没有离开{}", b.zh),
                ),
            };
            return Err((
                Text::new(
                    format!("{} to take {}", b.en, e.en),
                    format!("{}走{}", b.zh, e.zh),
                ),
                actual,
            ));
        }
    }
    for (name, want) in &expect.variables {
        let key = super::values::key_of(name);
        let got = session.variables().get(key);
        if got.map(String::as_str) != Some(want.as_str()) {
            return Err((
                Text::new(format!("{name} = \"{want}\""), format!("{name} = “{want}”")),
                match got {
                    Some(v) => Text::new(format!("{name} = \"{v}\""), format!("{name} = “{v}”")),
                    None => Text::new(format!("{name} is not set"), format!("{name} 未设置")),
                },
            ));
        }
    }
    let ended = match session.state() {
        State::Ended(o) => Some(o),
        State::Waiting { .. } => None,
    };
    let now = || where_it_is(session);
    if let Some(kind) = &expect.ended {
        if !Outcome::KINDS.contains(&kind.as_str()) {
            return Err((
                Text::new(
                    format!("an outcome such as {}", Outcome::KINDS.join(", ")),
                    format!("结果之一：{}", Outcome::KINDS.join("、")),
                ),
                Text::new(format!("\"{kind}\""), format!("“{kind}”")),
            ));
        }
        if ended.map(Outcome::kind) != Some(kind.as_str()) {
            return Err((
                Text::new(
                    format!("the call to have ended ({kind})"),
                    format!("通话已结束（{kind}）"),
                ),
                now(),
            ));
        }
    }
    if let Some(want) = &expect.waiting_at {
        let Some(i) = flow.find(want) else {
            return Err(no_such_block(want));
        };
        let id = flow.flow().nodes[i].id.as_str();
        let waits_there = matches!(session.state(), State::Waiting { block, .. } if **block == *id && !session.in_subflow());
        if !waits_there {
            let name = flow.block_name(i);
            return Err((
                Text::new(
                    format!("the call to wait at {}", name.en),
                    format!("通话在{}等待", name.zh),
                ),
                now(),
            ));
        }
    }
    if let Some(want) = &expect.transferred_to {
        let ok = matches!(ended, Some(Outcome::Transferred { target, .. }) if target == want);
        if !ok {
            return Err((
                Text::new(format!("a transfer to {want}"), format!("转接到 {want}")),
                now(),
            ));
        }
    }
    Ok(())
}

fn no_such_block(want: &str) -> (Text, Text) {
    (
        Text::new(
            format!("a block \"{want}\" (its id or label)"),
            format!("模块“{want}”（其 ID 或名称）"),
        ),
        Text::new("the flow has none", "流程中没有"),
    )
}

/// Blocks entered in the flow under test (not inside sub-flows).
fn entered_top(events: &[Event]) -> Vec<&str> {
    let mut depth = 0;
    let mut out = Vec::new();
    for e in events {
        match e {
            Event::EnteredFlow { .. } => depth += 1,
            Event::ReturnedFromFlow { .. } => depth -= 1,
            Event::Entered { block } if depth == 0 => out.push(&**block),
            _ => {}
        }
    }
    out
}

/// Exits of block `id` taken in the flow under test.
fn exits_taken_top<'a>(events: &'a [Event], id: &str) -> Vec<&'a str> {
    let mut depth = 0;
    let mut out = Vec::new();
    for e in events {
        match e {
            Event::EnteredFlow { .. } => depth += 1,
            Event::ReturnedFromFlow { .. } => depth -= 1,
            Event::ExitTaken { block, exit, .. } if depth == 0 && **block == *id => {
                out.push(&**exit)
            }
            _ => {}
        }
    }
    out
}

fn path_words(flow: &Compiled, entered: &[&str]) -> Text {
    if entered.is_empty() {
        return Text::new(
            "no block was reached since the step before",
            "上一步之后没有到达任何模块",
        );
    }
    let names: Vec<Text> = entered
        .iter()
        .map(|id| {
            flow.find(id)
                .map(|i| flow.block_name(i))
                .unwrap_or_else(|| Text::new(*id, *id))
        })
        .collect();
    let en: Vec<&str> = names.iter().map(|t| t.en.as_str()).collect();
    let zh: Vec<&str> = names.iter().map(|t| t.zh.as_str()).collect();
    Text::new(
        format!("the call went {}", en.join(" → ")),
        format!("通话经过 {}", zh.join(" → ")),
    )
}
