//! A scenario: the outside world of a simulated call. The variables it starts
//! with, the caller's number, the clock, hours of operation, and mocks that
//! say what a block finds (a function's result, a queue that is full, a
//! provider block's branch).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::hours::Hours;

/// Everything a call meets that the flow does not decide itself.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct Scenario {
    /// Variables at the start of the call (`tier`, `$.Attributes.tier` and
    /// `{{tier}}` name the same one).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    #[ts(optional, as = "Option<BTreeMap<String, String>>")]
    pub variables: BTreeMap<String, String>,
    /// The caller's number (`$.CustomerEndpoint.Address`).
    #[serde(skip_serializing_if = "String::is_empty")]
    #[ts(optional, as = "Option<String>")]
    pub caller: String,
    /// The contact centre's local time when the call starts
    /// (`2026-12-05T20:30`), read by hours given as a schedule.
    #[serde(skip_serializing_if = "String::is_empty")]
    #[ts(optional, as = "Option<String>")]
    pub clock: String,
    /// Hours of operation by the name a Check hours block gives (`*` for
    /// any): `open`, `closed`, `holiday`, or a schedule.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    #[ts(optional, as = "Option<BTreeMap<String, Hours>>")]
    pub hours: BTreeMap<String, Hours>,
    /// What a block finds, by its id or its label.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    #[ts(optional, as = "Option<BTreeMap<String, Mock>>")]
    pub mocks: BTreeMap<String, Mock>,
    /// Provider blocks with no mock take their Next exit (or end the call,
    /// when they have none, as a transfer does) instead of stopping to ask.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[ts(optional, as = "Option<bool>")]
    pub providers_succeed: bool,
    /// Steps a walk may take without the caller doing anything before it is
    /// stopped as a runaway loop (10,000 when absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub step_budget: Option<u32>,
}

/// What one block finds when the call reaches it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct Mock {
    /// The exit it takes (`error`, `at_capacity`, `closed`, a provider
    /// block's `Equals:Back`...); empty is its usual outcome (a function
    /// succeeds, a transfer connects).
    #[serde(skip_serializing_if = "String::is_empty")]
    #[ts(optional, as = "Option<String>")]
    pub exit: String,
    /// Variables it sets (a function's results; each also readable as
    /// `$.External.name`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    #[ts(optional, as = "Option<BTreeMap<String, String>>")]
    pub set: BTreeMap<String, String>,
    /// How long it takes, in milliseconds: longer than a function's timeout
    /// takes its Timeout exit.
    #[serde(skip_serializing_if = "is_zero")]
    #[ts(optional, as = "Option<u32>")]
    pub delay_ms: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}
