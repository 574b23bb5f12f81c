//! What a simulated call yields, step by step: one trace that the app's
//! Simulate panel draws and the test runner checks. Blocks are named by id;
//! [`Outcome::describe`] and the runner put them in the designer's words.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::i18n::Text;

/// One thing that happened in a call.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Event {
    /// The call reached a block.
    Entered { block: Arc<str> },
    /// The caller heard this (a prompt with its variables filled in).
    Heard { block: Arc<str>, text: String },
    /// The call waits for the caller (or, for a block with no mock, for a
    /// choice of exit).
    Waiting { block: Arc<str>, awaiting: Awaiting },
    /// The caller pressed keys.
    Pressed { block: Arc<str>, keys: String },
    /// The caller did nothing until the block's timeout.
    TimedOut {
        block: Arc<str>,
        // Milliseconds fit a JavaScript number: not a bigint in TypeScript.
        #[ts(type = "number")]
        after_ms: u64,
    },
    /// A variable got a value.
    VariableSet {
        block: Arc<str>,
        name: String,
        value: String,
    },
    /// Something the block did that is not heard (an SMS sent, a mock used).
    Note { block: Arc<str>, text: Text },
    /// The block left by an exit; `to` is the block its line enters, none
    /// when the exit has no line.
    ExitTaken {
        block: Arc<str>,
        exit: Arc<str>,
        #[ts(optional)]
        #[serde(skip_serializing_if = "Option::is_none")]
        to: Option<Arc<str>>,
    },
    /// A sub-flow block entered another flow; the events up to the matching
    /// [`Event::ReturnedFromFlow`] are that flow's blocks.
    EnteredFlow { block: Arc<str>, flow: String },
    /// The sub-flow ended and the call is back in the flow that called it.
    ReturnedFromFlow { flow: String },
    /// The call ended.
    Ended { outcome: Outcome },
}

/// What the call waits for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Awaiting {
    /// One key of a menu; any other key is No match.
    Key {
        keys: Arc<[String]>,
        #[ts(type = "number")]
        timeout_ms: u64,
    },
    /// Digits, up to `max` or the terminator.
    Digits {
        min: u32,
        max: u32,
        #[ts(optional)]
        #[serde(skip_serializing_if = "Option::is_none")]
        terminator: Option<String>,
        #[ts(type = "number")]
        timeout_ms: u64,
        /// What the caller has entered so far.
        entered: String,
    },
    /// A block the scenario says nothing about: which exit does it take?
    Choice { exits: Vec<String>, reason: Text },
}

/// How a call ended.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Outcome {
    /// A Hang up block.
    HungUp { block: String },
    /// An End flow block of the flow the call started in.
    FlowEnded { block: String },
    /// Transferred to a queue, an agent or a number.
    Transferred {
        block: String,
        to: TransferTo,
        target: String,
    },
    /// Left a voicemail.
    Voicemail { block: String, mailbox: String },
    /// A provider block that ends the call when it succeeds (a transfer).
    ProviderEnded { block: String, action: String },
    /// The exit taken has no line: the provider disconnects the call.
    Disconnected { block: String, exit: String },
    /// The walk went round without the caller doing anything for the whole
    /// step budget; `blocks` is the loop.
    Runaway { blocks: Vec<String>, steps: u32 },
    /// The flow cannot be walked from here (no start block, a mock naming an
    /// exit the block lacks...).
    Broken { message: Text },
}

/// Where a transfer goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TransferTo {
    Queue,
    Agent,
    Number,
}

impl Outcome {
    /// The outcome's kind as tests name it (`transferred`, `hung_up`...).
    pub fn kind(&self) -> &'static str {
        match self {
            Outcome::HungUp { .. } => "hung_up",
            Outcome::FlowEnded { .. } => "flow_ended",
            Outcome::Transferred { .. } => "transferred",
            Outcome::Voicemail { .. } => "voicemail",
            Outcome::ProviderEnded { .. } => "provider_ended",
            Outcome::Disconnected { .. } => "disconnected",
            Outcome::Runaway { .. } => "runaway",
            Outcome::Broken { .. } => "broken",
        }
    }

    /// Every kind, for error messages.
    pub const KINDS: [&'static str; 8] = [
        "hung_up",
        "flow_ended",
        "transferred",
        "voicemail",
        "provider_ended",
        "disconnected",
        "runaway",
        "broken",
    ];
}
