//! A simulated call: walks a flow from its start, block by block, asking the
//! scenario what the world does and the caller (through [`Input`]) what they
//! press, and yields an [`Event`] for every step. No clock of its own: time
//! passes only by the timeouts and delays it is told of.

use std::collections::BTreeMap;
use std::sync::Arc;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use super::compiled::{Compiled, Kind};
use super::events::{Awaiting, Event, Outcome, TransferTo};
use super::hours::{Clock, Hours, HoursState};
use super::scenario::{Mock, Scenario};
use super::values::{self, Vars};
use crate::i18n::Text;

/// Steps a walk may take without the caller doing anything, when the
/// scenario does not say.
pub const STEP_BUDGET: u32 = 10_000;

/// What the caller does.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Input {
    /// Presses keys (`1`, `1234#`): keys left over after a menu go to the
    /// next block that waits for them.
    Press { keys: String },
    /// Says nothing until the block's timeout.
    Timeout,
    /// Chooses the exit of a block the scenario says nothing about.
    Choose { exit: String },
}

/// Why an input was not taken; the session is unchanged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", .0.en)]
pub struct InputError(pub Text);

/// Where the call is.
#[derive(Clone, Debug, PartialEq)]
pub enum State {
    /// Waiting at a block of the current flow.
    Waiting {
        block: Arc<str>,
        awaiting: Awaiting,
    },
    Ended(Outcome),
}

/// One frame of the flows the call is in: the flow, and in it the sub-flow
/// block that called the next frame (or the block the call is at, for the
/// last frame).
struct Frame {
    flow: Arc<Compiled>,
    at: usize,
}

/// What a block does once entered.
enum Step {
    Exit(String),
    Wait(Awaiting),
    End(Outcome),
    /// Continue at the start of this flow (a sub-flow).
    Enter(Arc<Compiled>, String),
    /// Back to the flow that called this one, by its sub-flow block's
    /// Returned exit.
    Return,
}

/// A call in progress.
pub struct Session {
    scenario: Scenario,
    subflows: BTreeMap<String, Arc<Compiled>>,
    /// The flow the call is in now, and where in it.
    here: Frame,
    /// The flows that called it, each at its Sub-flow block.
    callers: Vec<Frame>,
    vars: Vars,
    events: Vec<Event>,
    state: State,
    outcome_text: Option<Text>,
    loops: FxHashMap<(usize, usize), u32>,
    /// Exits taken in the flow the call started in: (block index, exit).
    taken: Vec<(usize, Arc<str>)>,
    /// Blocks walked since the caller last did something (for naming a loop).
    path: Vec<usize>,
    elapsed_ms: u64,
    budget: u32,
    /// What the caller did, each with the index of its first event.
    inputs: Vec<(Input, usize)>,
    /// The scenario's mocks for blocks of the flow under test: block index
    /// to the mock's key.
    mocks: FxHashMap<usize, String>,
}

impl Session {
    /// Starts a call on `flow` in `scenario`; `subflows` are the flows a
    /// Sub-flow block may enter, by the reference it gives. Runs until the
    /// call first waits or ends.
    pub fn start(
        flow: Arc<Compiled>,
        scenario: Scenario,
        subflows: BTreeMap<String, Arc<Compiled>>,
    ) -> Session {
        let mut vars = Vars::new();
        for v in &flow.flow().variables {
            if !v.initial.is_empty() {
                vars.insert(v.name.clone(), v.initial.clone());
            }
        }
        for (k, v) in &scenario.variables {
            vars.insert(values::key_of(k).to_owned(), v.clone());
        }
        if !scenario.caller.is_empty() {
            vars.insert("CustomerEndpoint.Address".into(), scenario.caller.clone());
        }
        let budget = scenario.step_budget.unwrap_or(STEP_BUDGET).max(1);
        let start = flow.start();
        let mut s = Session {
            scenario,
            subflows,
            here: Frame {
                flow,
                at: start.unwrap_or(0),
            },
            callers: Vec::new(),
            vars,
            events: Vec::new(),
            state: State::Ended(Outcome::Broken {
                message: Text::default(),
            }),
            outcome_text: None,
            loops: FxHashMap::default(),
            taken: Vec::new(),
            path: Vec::new(),
            elapsed_ms: 0,
            budget,
            inputs: Vec::new(),
            mocks: FxHashMap::default(),
        };
        let flow = s.here.flow.clone();
        let mut unknown = Vec::new();
        for key in s.scenario.mocks.keys() {
            match flow.find(key) {
                Some(i) => {
                    s.mocks.insert(i, key.clone());
                }
                None if s.subflows.values().any(|f| f.find(key).is_some()) => {}
                None => unknown.push(key.clone()),
            }
        }
        if !unknown.is_empty() {
            let names = unknown.join("\", \"");
            s.end(Outcome::Broken {
                message: Text::new(
                    format!("The scenario mocks \"{names}\", which names no block of the flow: use a block's id, label or name as the canvas shows it."),
                    format!("场景为“{names}”设置了模拟结果，但流程中没有这个模块：请使用模块的 ID、名称或画布上显示的名字。"),
                ),
            });
        } else if start.is_none() {
            s.end(Outcome::Broken {
                message: Text::new(
                    "The flow has no Start block: add one and wire it to the first block.",
                    "流程没有开始模块：请添加一个并连到第一个模块。",
                ),
            });
        } else {
            s.run();
        }
        s
    }

    /// Every event so far.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// Where the call is.
    pub fn state(&self) -> &State {
        &self.state
    }

    /// The variables now.
    pub fn variables(&self) -> &Vars {
        &self.vars
    }

    /// Milliseconds of call time that timeouts and delays have taken.
    pub fn elapsed_ms(&self) -> u64 {
        self.elapsed_ms
    }

    /// How the call ended, in the designer's words; none while it goes on.
    pub fn outcome_text(&self) -> Option<&Text> {
        self.outcome_text.as_ref()
    }

    /// The exits taken in the flow the call started in, in order.
    pub fn taken(&self) -> &[(usize, Arc<str>)] {
        &self.taken
    }

    /// The flow the call started in.
    pub fn flow(&self) -> &Arc<Compiled> {
        self.callers.first().map_or(&self.here.flow, |f| &f.flow)
    }

    /// The scenario the call runs in.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// What the caller did so far, each with the index of the first event
    /// it caused.
    pub fn inputs(&self) -> &[(Input, usize)] {
        &self.inputs
    }

    /// Whether the call is in a sub-flow now.
    pub fn in_subflow(&self) -> bool {
        !self.callers.is_empty()
    }

    /// What the caller does; runs on until the call waits again or ends, and
    /// returns the index of the first new event. A wrong input (a key where
    /// the call waits for a choice, anything after the end) changes nothing.
    pub fn input(&mut self, input: Input) -> Result<usize, InputError> {
        let first = self.events.len();
        self.check(&input)?;
        let taken = std::mem::replace(
            &mut self.state,
            State::Ended(Outcome::Broken {
                message: Text::default(),
            }),
        );
        let State::Waiting { awaiting, .. } = taken else {
            self.state = taken;
            return Err(InputError(Text::new("The call has ended.", "通话已结束。")));
        };
        let at = self.current();
        self.path.clear();
        self.inputs.push((input.clone(), first));
        match (input, awaiting) {
            (Input::Press { keys }, awaiting) => self.press(&keys, awaiting),
            (Input::Timeout, Awaiting::Key { timeout_ms, .. }) => {
                self.timed_out(at, timeout_ms);
                self.leave_and_run(at, "timeout".into());
            }
            (
                Input::Timeout,
                Awaiting::Digits {
                    timeout_ms,
                    entered,
                    min,
                    ..
                },
            ) => {
                self.timed_out(at, timeout_ms);
                let flow = self.top().flow.clone();
                let exit = if entered.is_empty() && flow.target(at, "timeout").is_none() {
                    // Amazon Connect's Store customer input has no Timeout
                    // branch: it takes Success with the value "Timeout".
                    self.note(
                        at,
                        Text::new(
                            "No input: Timeout has no line, so the digits are \"Timeout\" and the call goes on by Next, as Amazon Connect does.",
                            "没有输入：超时出口没有连线，按 Amazon Connect 的做法，按键值记为 \"Timeout\" 并走下一步。",
                        ),
                    );
                    self.digits_done(at, "Timeout".into(), 0)
                } else if entered.is_empty() {
                    "timeout".into()
                } else {
                    // What was entered before the pause is the answer.
                    self.digits_done(at, entered, min)
                };
                self.leave_and_run(at, exit);
            }
            (Input::Choose { exit }, _) => self.leave_and_run(at, exit),
            // `check` let no other pair through.
            (Input::Timeout, Awaiting::Choice { .. }) => {}
        }
        Ok(first)
    }

    /// Whether `input` fits what the call waits for; changes nothing.
    fn check(&self, input: &Input) -> Result<(), InputError> {
        let State::Waiting { awaiting, .. } = &self.state else {
            return Err(InputError(Text::new("The call has ended.", "通话已结束。")));
        };
        let at = self.current();
        match (input, awaiting) {
            (Input::Press { keys }, Awaiting::Key { .. } | Awaiting::Digits { .. }) => {
                if let Some(bad) = keys.chars().find(|c| !is_dtmf(*c)) {
                    return Err(InputError(Text::new(
                        format!("\"{bad}\" is not a phone key: use 0-9, * and #."),
                        format!("“{bad}”不是电话按键：请用 0-9、* 和 #。"),
                    )));
                }
                if keys.is_empty() {
                    return Err(InputError(Text::new(
                        "Press at least one key.",
                        "请至少按一个键。",
                    )));
                }
                Ok(())
            }
            (Input::Timeout, Awaiting::Key { .. } | Awaiting::Digits { .. }) => Ok(()),
            (Input::Choose { exit }, Awaiting::Choice { exits, .. }) => {
                if exits.contains(exit) {
                    return Ok(());
                }
                Err(InputError(Text::new(
                    format!(
                        "{} has no exit \"{exit}\": choose one of {}.",
                        self.name(at).en,
                        exits.join(", ")
                    ),
                    format!(
                        "{}没有出口“{exit}”：请选择 {}。",
                        self.name(at).zh,
                        exits.join("、")
                    ),
                )))
            }
            (Input::Choose { .. }, _) => Err(InputError(Text::new(
                format!(
                    "{} waits for the caller, not a choice of exit.",
                    self.name(at).en
                ),
                format!("{}在等待来电者按键，不是选择出口。", self.name(at).zh),
            ))),
            (_, Awaiting::Choice { .. }) => Err(InputError(Text::new(
                format!(
                    "{} does not wait for the caller: choose which exit it takes (or give it a mock).",
                    self.name(at).en
                ),
                format!(
                    "{}不等待来电者：请选择它走哪个出口（或为它设置模拟结果）。",
                    self.name(at).zh
                ),
            ))),
        }
    }

    // ------------------------------------------------------------ walking

    fn top(&self) -> &Frame {
        &self.here
    }

    fn current(&self) -> usize {
        self.top().at
    }

    fn name(&self, i: usize) -> Text {
        self.top().flow.block_name(i)
    }

    fn id(&self, i: usize) -> Arc<str> {
        self.top().flow.id(i)
    }

    fn emit(&mut self, e: Event) {
        self.events.push(e);
    }

    /// Walks from the current block until the call waits or ends.
    fn run(&mut self) {
        loop {
            if self.path.len() as u32 >= self.budget {
                let blocks = self.runaway_loop();
                let steps = self.budget;
                self.end(Outcome::Runaway { blocks, steps });
                return;
            }
            let at = self.current();
            self.path.push(at);
            let block = self.id(at);
            self.emit(Event::Entered {
                block: block.clone(),
            });
            match self.visit(at) {
                Step::Exit(exit) => {
                    if !self.leave(at, exit) {
                        return;
                    }
                }
                Step::Wait(awaiting) => {
                    self.emit(Event::Waiting {
                        block: block.clone(),
                        awaiting: awaiting.clone(),
                    });
                    self.state = State::Waiting { block, awaiting };
                    return;
                }
                Step::End(outcome) => {
                    self.end(outcome);
                    return;
                }
                Step::Enter(flow, reference) => {
                    let Some(start) = flow.start() else {
                        self.end(Outcome::Broken {
                            message: Text::new(
                                format!("The sub-flow \"{reference}\" has no Start block."),
                                format!("子流程“{reference}”没有开始模块。"),
                            ),
                        });
                        return;
                    };
                    self.emit(Event::EnteredFlow {
                        block,
                        flow: reference,
                    });
                    let caller = std::mem::replace(&mut self.here, Frame { flow, at: start });
                    self.callers.push(caller);
                }
                Step::Return => {
                    let Some(caller) = self.callers.pop() else {
                        return;
                    };
                    self.here = caller;
                    let caller = self.current();
                    let reference = self.top().flow.text(caller, "flow").to_owned();
                    self.emit(Event::ReturnedFromFlow { flow: reference });
                    if !self.leave(caller, "next".into()) {
                        return;
                    }
                }
            }
        }
    }

    /// Takes exit `exit` of block `at`: on along its line, or the call ends
    /// when it has none. Returns whether the call goes on.
    fn leave(&mut self, at: usize, exit: String) -> bool {
        let flow = self.top().flow.clone();
        let (exit_name, to) = match flow.wire(at, &exit) {
            Some((name, to)) => (name.clone(), Some(to)),
            None => (Arc::from(exit.as_str()), None),
        };
        if self.callers.is_empty() {
            self.taken.push((at, exit_name.clone()));
        }
        self.emit(Event::ExitTaken {
            block: flow.id(at),
            exit: exit_name,
            to: to.map(|t| flow.id(t)),
        });
        match to {
            Some(t) => {
                self.here.at = t;
                true
            }
            None => {
                self.end(Outcome::Disconnected {
                    block: flow.node(at).id.clone(),
                    exit,
                });
                false
            }
        }
    }

    fn end(&mut self, outcome: Outcome) {
        self.outcome_text = Some(self.describe(&outcome));
        self.emit(Event::Ended {
            outcome: outcome.clone(),
        });
        self.state = State::Ended(outcome);
    }

    /// The loop a runaway walk went round: the blocks from the last one's
    /// previous visit to it.
    fn runaway_loop(&self) -> Vec<String> {
        let flow = &self.top().flow;
        let Some(&last) = self.path.last() else {
            return Vec::new();
        };
        let from = self.path[..self.path.len() - 1]
            .iter()
            .rposition(|&b| b == last)
            .map_or(0, |p| p + 1);
        self.path[from..]
            .iter()
            .map(|&b| flow.node(b).id.clone())
            .collect()
    }

    // ------------------------------------------------------------ blocks

    /// What block `at` does.
    fn visit(&mut self, at: usize) -> Step {
        let flow = self.top().flow.clone();
        let node = flow.node(at);
        match flow.kind(at) {
            Kind::Start => Step::Exit("next".into()),
            Kind::PlayPrompt => {
                let text = flow.text(at, "text");
                if flow.text(at, "voice_type") == "audio" {
                    self.hear(at, format!("[recording {text}]"));
                } else {
                    self.hear_prompt(at, text);
                }
                self.mocked_or(at, &flow, "next")
            }
            Kind::Menu => {
                let prompt = flow.text(at, "prompt");
                self.hear_prompt(at, prompt);
                let keys = flow.keys(at);
                Step::Wait(Awaiting::Key {
                    keys,
                    timeout_ms: self.seconds(&flow, at, "timeout_seconds", 5.0),
                })
            }
            Kind::CollectDigits => {
                let prompt = flow.text(at, "prompt");
                self.hear_prompt(at, prompt);
                let terminator = match flow.text(at, "terminator") {
                    "none" => None,
                    "" => Some("#".to_owned()),
                    t => Some(t.to_owned()),
                };
                let min = self.number(&flow, at, "min_digits", 1.0) as u32;
                let max = (self.number(&flow, at, "max_digits", 10.0) as u32).max(1);
                Step::Wait(Awaiting::Digits {
                    min,
                    max,
                    terminator,
                    timeout_ms: self.seconds(&flow, at, "timeout_seconds", 5.0),
                    entered: String::new(),
                })
            }
            Kind::Branch => {
                let value = values::fill(flow.text(at, "value"), &self.vars);
                let cases = flow
                    .raw(at, "cases")
                    .and_then(Value::as_array)
                    .map(Vec::as_slice)
                    .unwrap_or(&[]);
                for case in cases {
                    let id = case.get("id").and_then(Value::as_str).unwrap_or("");
                    let op = case.get("operator").and_then(Value::as_str).unwrap_or("");
                    let right = match case.get("value") {
                        Some(Value::String(s)) => values::fill(s, &self.vars),
                        Some(other) => other.to_string(),
                        None => String::new(),
                    };
                    if values::compare(op, &value, &right) {
                        return Step::Exit(format!("case:{id}"));
                    }
                }
                Step::Exit("no_match".into())
            }
            Kind::SetVariables => {
                let assignments = flow
                    .raw(at, "assignments")
                    .and_then(Value::as_array)
                    .map(Vec::as_slice)
                    .unwrap_or(&[]);
                for a in assignments {
                    let name = a.get("variable").and_then(Value::as_str).unwrap_or("");
                    if name.is_empty() {
                        continue;
                    }
                    let value = match a.get("value") {
                        Some(Value::String(s)) => values::fill(s, &self.vars),
                        Some(Value::Null) | None => String::new(),
                        Some(other) => other.to_string(),
                    };
                    self.set(at, values::key_of(name).to_owned(), value);
                }
                self.mocked_or(at, &flow, "next")
            }
            Kind::CheckHours => self.check_hours(at, &flow),
            Kind::Loop => {
                let count = self.number(&flow, at, "count", 0.0).max(0.0) as u32;
                let done = self.loops.entry((self.callers.len(), at)).or_insert(0);
                if *done < count {
                    *done += 1;
                    Step::Exit("loop".into())
                } else {
                    *done = 0;
                    Step::Exit("done".into())
                }
            }
            Kind::TransferQueue | Kind::TransferAgent => {
                let (to, key) = if flow.kind(at) == Kind::TransferQueue {
                    (TransferTo::Queue, "queue")
                } else {
                    (TransferTo::Agent, "agent")
                };
                if let Some(step) = self.mock_exit(at, &flow) {
                    return step;
                }
                Step::End(Outcome::Transferred {
                    block: node.id.clone(),
                    to,
                    target: values::fill(flow.text(at, key), &self.vars),
                })
            }
            Kind::TransferExternal => {
                if let Some(step) = self.mock_exit(at, &flow) {
                    return step;
                }
                let number = values::fill(flow.text(at, "phone_number"), &self.vars);
                let continues = flow.raw(at, "continue_after") == Some(&Value::Bool(true));
                if continues && flow.target(at, "next").is_some() {
                    self.note(
                        at,
                        Text::new(
                            format!("Called {number}; the call came back after it."),
                            format!("已呼叫 {number}；通话结束后回到流程。"),
                        ),
                    );
                    return Step::Exit("next".into());
                }
                Step::End(Outcome::Transferred {
                    block: node.id.clone(),
                    to: TransferTo::Number,
                    target: number,
                })
            }
            Kind::Voicemail => {
                let prompt = flow.text(at, "prompt");
                self.hear_prompt(at, prompt);
                if let Some(step) = self.mock_exit(at, &flow) {
                    return step;
                }
                if flow.target(at, "next").is_some() {
                    return Step::Exit("next".into());
                }
                Step::End(Outcome::Voicemail {
                    block: node.id.clone(),
                    mailbox: values::fill(flow.text(at, "mailbox"), &self.vars),
                })
            }
            Kind::InvokeFunction => {
                let Some(mock) = self.mock(at, &flow).cloned() else {
                    return self.ask(
                        at,
                        &flow,
                        Text::new(
                            "What does the function return? Choose its exit, or give it a mock in the scenario.",
                            "函数返回什么？请选择出口，或在场景中为它设置模拟结果。",
                        ),
                    );
                };
                self.apply(at, &mock, true);
                let timeout = self.seconds(&flow, at, "timeout_seconds", 8.0);
                if mock.delay_ms > timeout && flow.exits(at).iter().any(|e| e == "timeout") {
                    return Step::Exit("timeout".into());
                }
                self.mocked_exit(at, &flow, &mock, "next")
            }
            Kind::SubFlow => {
                if let Some(mock) = self.mock(at, &flow).cloned() {
                    self.apply(at, &mock, false);
                    return self.mocked_exit(at, &flow, &mock, "next");
                }
                let reference = flow.text(at, "flow").to_owned();
                if let Some(sub) = self.subflows.get(&reference) {
                    if self.callers.len() >= 32 {
                        return Step::End(Outcome::Broken {
                            message: Text::new(
                                "Sub-flows call each other more than 32 deep.",
                                "子流程互相调用超过 32 层。",
                            ),
                        });
                    }
                    return Step::Enter(sub.clone(), reference);
                }
                self.ask(
                    at,
                    &flow,
                    Text::new(
                        format!("The sub-flow \"{reference}\" is not open here: choose how it returns, or give it a mock."),
                        format!("子流程“{reference}”不在本地：请选择它如何返回，或为它设置模拟结果。"),
                    ),
                )
            }
            Kind::SendSms => {
                let to = values::fill(flow.text(at, "to"), &self.vars);
                let message = values::fill(flow.text(at, "message"), &self.vars);
                self.note(
                    at,
                    Text::new(
                        format!("SMS to {to}: {message}"),
                        format!("短信发送至 {to}：{message}"),
                    ),
                );
                self.mocked_or(at, &flow, "next")
            }
            Kind::HangUp => Step::End(Outcome::HungUp {
                block: node.id.clone(),
            }),
            Kind::EndFlow => {
                if !self.callers.is_empty() {
                    return Step::Return;
                }
                Step::End(Outcome::FlowEnded {
                    block: node.id.clone(),
                })
            }
            Kind::Provider => {
                if let Some(step) = self.mock_exit(at, &flow) {
                    return step;
                }
                let exits = flow.exits(at);
                let action = flow.text(at, "type").to_owned();
                if exits.len() == 1 && exits[0] == "next" {
                    return Step::Exit("next".into());
                }
                if self.scenario.providers_succeed {
                    // A transfer that succeeds leaves the flow, whatever
                    // its Next says.
                    let provider = flow.text(at, "provider");
                    let transfer = crate::catalog::catalog()
                        .provider_action(provider, &action)
                        .is_some_and(|a| a.category == crate::catalog::Category::Transfer);
                    if !transfer && exits.iter().any(|e| e == "next") {
                        return Step::Exit("next".into());
                    }
                    return Step::End(Outcome::ProviderEnded {
                        block: node.id.clone(),
                        action,
                    });
                }
                self.ask(
                    at,
                    &flow,
                    Text::new(
                        "A provider's own block: choose the exit it takes, or give it a mock.",
                        "平台自有模块：请选择它走的出口，或为它设置模拟结果。",
                    ),
                )
            }
            Kind::Unknown => {
                let other = node.block.clone();
                self.ask(
                    at,
                    &flow,
                    Text::new(
                        format!(
                            "This simulator does not know the block \"{other}\": choose its exit."
                        ),
                        format!("模拟器不认识模块“{other}”：请选择它的出口。"),
                    ),
                )
            }
        }
    }

    fn check_hours(&mut self, at: usize, flow: &Arc<Compiled>) -> Step {
        if let Some(step) = self.mock_exit(at, flow) {
            return step;
        }
        let reference = values::fill(flow.text(at, "hours"), &self.vars);
        let hours = self
            .scenario
            .hours
            .get(&reference)
            .or_else(|| self.scenario.hours.get("*"))
            .cloned();
        let state = match hours {
            Some(Hours::State(s)) => s,
            Some(Hours::Schedule(schedule)) => {
                let Some(clock) = Clock::parse(&self.scenario.clock) else {
                    return Step::End(Outcome::Broken {
                        message: Text::new(
                            format!(
                                "Hours \"{reference}\" are a schedule, but the scenario's clock \"{}\" is not a time such as 2026-12-05T20:30.",
                                self.scenario.clock
                            ),
                            format!(
                                "工作时间“{reference}”是时间表，但场景的时钟“{}”不是 2026-12-05T20:30 这样的时间。",
                                self.scenario.clock
                            ),
                        ),
                    });
                };
                match schedule.at(&clock) {
                    Ok(s) => s,
                    Err(e) => {
                        return Step::End(Outcome::Broken {
                            message: Text::new(
                                format!("Hours \"{reference}\": {e}."),
                                format!("工作时间“{reference}”：{e}。"),
                            ),
                        });
                    }
                }
            }
            None => {
                return self.ask(
                    at,
                    flow,
                    Text::new(
                        "Is the contact centre open? Choose, or give the scenario its hours.",
                        "现在是否在工作时间？请选择，或在场景中设置工作时间。",
                    ),
                );
            }
        };
        let (en, zh, exit) = match state {
            HoursState::Open => ("Open", "工作时间内", "open"),
            HoursState::Closed => ("Closed", "非工作时间", "closed"),
            HoursState::Holiday => ("Closed for a holiday", "节假日休息", "closed"),
        };
        self.note(
            at,
            Text::new(format!("Hours: {en}."), format!("工作时间：{zh}。")),
        );
        Step::Exit(exit.into())
    }

    // ------------------------------------------------------------ input

    /// Keys pressed while the call waits with `awaiting`: each goes to the
    /// block waiting for it, until the keys run out or nothing waits.
    fn press(&mut self, keys: &str, mut awaiting: Awaiting) {
        let mut rest = keys;
        while let Some(c) = rest.chars().next() {
            let at = self.current();
            let block = self.id(at);
            match awaiting {
                Awaiting::Key { keys, .. } => {
                    rest = &rest[c.len_utf8()..];
                    self.emit(Event::Pressed {
                        block,
                        keys: c.to_string(),
                    });
                    let mut buf = [0; 4];
                    let key: &str = c.encode_utf8(&mut buf);
                    let exit = if keys.iter().any(|k| k == key) {
                        format!("key:{key}")
                    } else {
                        "no_match".into()
                    };
                    self.leave_and_run(at, exit);
                }
                Awaiting::Digits {
                    min,
                    max,
                    terminator,
                    timeout_ms,
                    mut entered,
                } => {
                    // Take keys up to the terminator or the maximum.
                    let mut taken = String::new();
                    let mut done = false;
                    for ch in rest.chars() {
                        taken.push(ch);
                        if terminator.as_deref() == Some(ch.encode_utf8(&mut [0; 4])) {
                            done = true;
                            break;
                        }
                        entered.push(ch);
                        if entered.chars().count() as u32 >= max {
                            done = true;
                            break;
                        }
                    }
                    rest = &rest[taken.len()..];
                    self.emit(Event::Pressed { block, keys: taken });
                    if done {
                        let exit = self.digits_done(at, entered, min);
                        self.leave_and_run(at, exit);
                    } else {
                        let awaiting = Awaiting::Digits {
                            min,
                            max,
                            terminator,
                            timeout_ms,
                            entered,
                        };
                        let block = self.id(at);
                        self.state = State::Waiting { block, awaiting };
                    }
                }
                Awaiting::Choice { .. } => {
                    let block = self.id(at);
                    self.state = State::Waiting { block, awaiting };
                    break;
                }
            }
            // The next key goes to whatever waits now.
            let State::Waiting { awaiting: next, .. } = &self.state else {
                break;
            };
            if rest.is_empty() {
                break;
            }
            awaiting = next.clone();
        }
        if !rest.is_empty() {
            let at = self.current();
            self.note(
                at,
                Text::new(
                    format!("Keys {rest} were pressed when nothing was listening."),
                    format!("按键 {rest} 按下时没有模块在接收。"),
                ),
            );
        }
    }

    fn leave_and_run(&mut self, at: usize, exit: String) {
        if self.leave(at, exit) {
            self.run();
        }
    }

    /// Digits entered in full: stored, and the exit to take.
    fn digits_done(&mut self, at: usize, entered: String, min: u32) -> String {
        if (entered.chars().count() as u32) < min {
            return "error".into();
        }
        let flow = self.top().flow.clone();
        let name = match flow.text(at, "variable") {
            "" => "StoredCustomerInput".to_owned(),
            v => values::key_of(v).to_owned(),
        };
        self.set(at, name, entered);
        "next".into()
    }

    fn timed_out(&mut self, at: usize, after_ms: u64) {
        self.elapsed_ms += after_ms;
        let block = self.id(at);
        self.emit(Event::TimedOut { block, after_ms });
    }

    // ------------------------------------------------------------ helpers

    fn hear(&mut self, at: usize, text: String) {
        let block = self.id(at);
        self.emit(Event::Heard { block, text });
    }

    fn hear_prompt(&mut self, at: usize, text: &str) {
        if let Some(spoken) = self.top().flow.spoken(at) {
            if !spoken.is_empty() {
                let heard = spoken.to_owned();
                self.hear(at, heard);
            }
            return;
        }
        if text.trim().is_empty() {
            return;
        }
        let heard = values::speech(&values::fill(text, &self.vars));
        if heard.is_empty() {
            // Worth knowing: a caller hears silence here.
            let t = text.trim();
            self.note(
                at,
                Text::new(
                    format!("Silence: the prompt \"{t}\" has no value."),
                    format!("静音：提示“{t}”没有值。"),
                ),
            );
            return;
        }
        self.hear(at, heard);
    }

    fn note(&mut self, at: usize, text: Text) {
        let block = self.id(at);
        self.emit(Event::Note { block, text });
    }

    fn set(&mut self, at: usize, name: String, value: String) {
        let block = self.id(at);
        self.vars.insert(name.clone(), value.clone());
        self.emit(Event::VariableSet { block, name, value });
    }

    fn number(&self, flow: &Compiled, at: usize, key: &str, default: f64) -> f64 {
        match flow.raw(at, key) {
            Some(Value::Number(n)) => n.as_f64().unwrap_or(default),
            Some(Value::String(s)) => values::fill(s, &self.vars)
                .trim()
                .parse()
                .unwrap_or(default),
            _ => default,
        }
    }

    fn seconds(&self, flow: &Compiled, at: usize, key: &str, default: f64) -> u64 {
        (self.number(flow, at, key, default).max(0.0) * 1000.0) as u64
    }

    /// The scenario's mock for block `at`: in the flow under test found by
    /// id, label or designer's name when the call started; in a sub-flow by
    /// id or label.
    fn mock(&self, at: usize, flow: &Compiled) -> Option<&Mock> {
        if self.callers.is_empty() {
            return self.mocks.get(&at).and_then(|k| self.scenario.mocks.get(k));
        }
        let node = flow.node(at);
        self.scenario.mocks.get(&node.id).or_else(|| {
            (!node.label.is_empty())
                .then(|| self.scenario.mocks.get(&node.label))
                .flatten()
        })
    }

    /// Sets a mock's variables (a function's also as `External.name`).
    fn apply(&mut self, at: usize, mock: &Mock, external: bool) {
        if mock.delay_ms > 0 {
            self.elapsed_ms += mock.delay_ms;
        }
        for (k, v) in &mock.set {
            let key = values::key_of(k).to_owned();
            if external && !key.contains('.') {
                self.set(at, format!("External.{key}"), v.clone());
            }
            self.set(at, key, v.clone());
        }
    }

    /// The mock's exit when it names one (checked against the block's
    /// exits), else `usual`.
    fn mocked_exit(&mut self, at: usize, flow: &Compiled, mock: &Mock, usual: &str) -> Step {
        if mock.exit.is_empty() {
            return Step::Exit(usual.into());
        }
        let exits = flow.exits(at);
        if exits.contains(&mock.exit) {
            self.note(
                at,
                Text::new(
                    format!("Mocked: takes {}.", flow.exit_name(at, &mock.exit).en),
                    format!("模拟：走{}。", flow.exit_name(at, &mock.exit).zh),
                ),
            );
            return Step::Exit(mock.exit.clone());
        }
        let name = flow.block_name(at);
        Step::End(Outcome::Broken {
            message: Text::new(
                format!(
                    "The mock for {} names exit \"{}\", which it does not have: use one of {}.",
                    name.en,
                    mock.exit,
                    exits.join(", ")
                ),
                format!(
                    "{}的模拟结果指定的出口“{}”不存在：请用 {}。",
                    name.zh,
                    mock.exit,
                    exits.join("、")
                ),
            ),
        })
    }

    /// The mock's exit and variables, when the block has a mock.
    fn mock_exit(&mut self, at: usize, flow: &Compiled) -> Option<Step> {
        let mock = self.mock(at, flow)?.clone();
        self.apply(at, &mock, false);
        if mock.exit.is_empty() {
            return None;
        }
        Some(self.mocked_exit(at, flow, &mock, ""))
    }

    /// The mock's exit when there is one, else `usual`.
    fn mocked_or(&mut self, at: usize, flow: &Compiled, usual: &str) -> Step {
        self.mock_exit(at, flow)
            .unwrap_or_else(|| Step::Exit(usual.into()))
    }

    /// Stops for a choice of exit.
    fn ask(&mut self, at: usize, flow: &Compiled, reason: Text) -> Step {
        Step::Wait(Awaiting::Choice {
            exits: flow.exits(at),
            reason,
        })
    }

    /// An outcome in the designer's words.
    fn describe(&self, outcome: &Outcome) -> Text {
        let flow = &self.top().flow;
        let name = |id: &str| {
            flow.find(id)
                .map(|i| flow.block_name(i))
                .unwrap_or_else(|| Text::new(id, id))
        };
        match outcome {
            Outcome::HungUp { block } => {
                let n = name(block);
                Text::new(format!("Hung up at {}.", n.en), format!("在{}挂机。", n.zh))
            }
            Outcome::FlowEnded { block } => {
                let n = name(block);
                Text::new(
                    format!("The flow ended at {}.", n.en),
                    format!("流程在{}结束。", n.zh),
                )
            }
            Outcome::Transferred { to, target, .. } => {
                let (en, zh) = match to {
                    TransferTo::Queue => ("queue", "队列"),
                    TransferTo::Agent => ("agent", "坐席"),
                    TransferTo::Number => ("number", "号码"),
                };
                Text::new(
                    format!("Transferred to {en} {target}."),
                    format!("已转接到{zh} {target}。"),
                )
            }
            Outcome::Voicemail { mailbox, .. } => Text::new(
                format!("Left a voicemail in {mailbox}."),
                format!("已在信箱 {mailbox} 留言。"),
            ),
            Outcome::ProviderEnded { block, .. } => {
                let n = name(block);
                Text::new(
                    format!("{} succeeded, and the call left the flow.", n.en),
                    format!("{}成功，通话离开流程。", n.zh),
                )
            }
            Outcome::Disconnected { block, exit } => {
                let (n, e) = match flow.find(block) {
                    Some(i) => (flow.block_name(i), flow.exit_name(i, exit)),
                    None => (Text::new(block, block), Text::new(exit, exit)),
                };
                Text::new(
                    format!("Disconnected: exit {} of {} has no line.", e.en, n.en),
                    format!("通话断开：{}的出口“{}”没有连线。", n.zh, e.zh),
                )
            }
            Outcome::Runaway { blocks, steps } => {
                let names: Vec<Text> = blocks.iter().map(|b| name(b)).collect();
                let en: Vec<&str> = names.iter().map(|t| t.en.as_str()).collect();
                let zh: Vec<&str> = names.iter().map(|t| t.zh.as_str()).collect();
                Text::new(
                    format!(
                        "Stopped after {steps} steps with no caller input, going round {}.",
                        en.join(" → ")
                    ),
                    format!(
                        "在没有来电者输入的情况下走了 {steps} 步，停止：在 {} 之间循环。",
                        zh.join(" → ")
                    ),
                )
            }
            Outcome::Broken { message } => message.clone(),
        }
    }
}

fn is_dtmf(c: char) -> bool {
    c.is_ascii_digit() || c == '*' || c == '#'
}
