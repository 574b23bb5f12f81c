//! The task model: everything NXLink's `task/create` takes, under the wire's
//! own names, plus what IVR Studio adds around it (the call list's source,
//! the linked flow, the agent's variables).
//!
//! Numbers are kept as the designer wrote them (signed, unbounded) so that a
//! wrong value reaches the checks and is reported there, instead of failing
//! to load. Fields are in the order NXLink documents them, which is the order
//! the file writes them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An outbound task, as stored in a `*.task.json` file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct Task {
    /// Your own id for the task (`userTaskId`): how a create whose answer was
    /// lost is found again, and the seed of derived contact ids.
    #[serde(rename = "userTaskId")]
    pub user_task_id: String,
    /// Returned as is in task callbacks and `task/list` (`other`).
    pub other: String,
    /// `taskName` (required).
    #[serde(rename = "taskName")]
    pub name: String,
    /// `taskDesc`.
    #[serde(rename = "taskDesc")]
    pub description: String,
    /// The AI agent's id, `autoFlowId` (required).
    #[serde(rename = "autoFlowId", skip_serializing_if = "Option::is_none")]
    #[ts(optional, as = "Option<f64>")]
    pub agent_id: Option<i64>,
    /// The call route's id, `routeId` (required).
    #[serde(rename = "routeId")]
    pub route_id: String,
    /// A permanent task (`taskKeep` 1) or not (0).
    #[serde(rename = "taskKeep")]
    pub keep: bool,
    /// How the task starts (`startupType`).
    #[serde(rename = "startupType")]
    pub start: StartType,
    /// When a scheduled task starts, in Unix seconds (`startupAt`).
    #[serde(rename = "startupAt", skip_serializing_if = "Option::is_none")]
    #[ts(optional, as = "Option<f64>")]
    pub startup_at: Option<i64>,
    /// When the task stops, in Unix seconds (`shutdownAt`); none: never.
    #[serde(rename = "shutdownAt", skip_serializing_if = "Option::is_none")]
    #[ts(optional, as = "Option<f64>")]
    pub shutdown_at: Option<i64>,
    /// The task's time zone as seconds east of UTC (`zoneSecond`, required;
    /// 28800 is UTC+8).
    #[serde(rename = "zoneSecond", skip_serializing_if = "Option::is_none")]
    #[ts(optional, as = "Option<f64>")]
    pub zone_second: Option<i64>,
    /// Calling days, 1 = Monday .. 7 = Sunday (`weekDay`).
    #[serde(rename = "weekDay")]
    #[ts(as = "Vec<f64>")]
    pub week_days: Vec<i64>,
    /// Hours (0..23) whose first quarter, HH:00-HH:15, is open (`firstFifteen`).
    #[serde(rename = "firstFifteen")]
    #[ts(as = "Vec<f64>")]
    pub first_fifteen: Vec<i64>,
    /// Hours whose second quarter, HH:15-HH:30, is open (`secondFifteen`).
    #[serde(rename = "secondFifteen")]
    #[ts(as = "Vec<f64>")]
    pub second_fifteen: Vec<i64>,
    /// Hours whose third quarter, HH:30-HH:45, is open (`thirdFifteen`).
    #[serde(rename = "thirdFifteen")]
    #[ts(as = "Vec<f64>")]
    pub third_fifteen: Vec<i64>,
    /// Hours whose fourth quarter, HH:45-HH+1:00, is open (`fourthFifteen`).
    #[serde(rename = "fourthFifteen")]
    #[ts(as = "Vec<f64>")]
    pub fourth_fifteen: Vec<i64>,
    /// Redials of one number (`orderMaxCall`).
    #[serde(rename = "orderMaxCall")]
    #[ts(as = "f64")]
    pub redials: i64,
    /// Seconds between redials (`replayInterval`).
    #[serde(rename = "replayInterval")]
    #[ts(as = "f64")]
    pub redial_interval: i64,
    /// Calls at once (`maxCall`); none or 0: NXLink's default.
    #[serde(rename = "maxCall", skip_serializing_if = "Option::is_none")]
    #[ts(optional, as = "Option<f64>")]
    pub max_calls: Option<i64>,
    /// Seconds a call rings (`maxRingTime`); none or 0: NXLink's default.
    #[serde(rename = "maxRingTime", skip_serializing_if = "Option::is_none")]
    #[ts(optional, as = "Option<f64>")]
    pub max_ring_time: Option<i64>,
    /// Where NXLink posts the task's status (`taskCallbackUrl`).
    #[serde(rename = "taskCallbackUrl")]
    pub task_callback_url: String,
    /// Where NXLink posts each ended call (`callCallbackUrl`).
    #[serde(rename = "callCallbackUrl")]
    pub call_callback_url: String,
    /// The calling code used for numbers that carry none (`countryCode`,
    /// digits only, such as "86").
    #[serde(rename = "countryCode")]
    pub country_code: String,
    /// The flow (`*.ivr.json`, relative to the task file) whose declared
    /// variables are the agent's variables.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub flow: Option<String>,
    /// The agent's variables, when no flow is linked (or in addition to it).
    pub variables: Vec<String>,
    /// Whom to call.
    #[serde(rename = "callList")]
    pub calls: CallSource,
}

impl Default for Task {
    /// A new task: manual start, UTC, Monday to Friday, 09:00 to 18:00, one
    /// redial after ten minutes, no contacts yet.
    fn default() -> Task {
        let office: Vec<i64> = (9..18).collect();
        Task {
            user_task_id: String::new(),
            other: String::new(),
            name: String::new(),
            description: String::new(),
            agent_id: None,
            route_id: String::new(),
            keep: false,
            start: StartType::Manual,
            startup_at: None,
            shutdown_at: None,
            zone_second: Some(0),
            week_days: (1..=5).collect(),
            first_fifteen: office.clone(),
            second_fifteen: office.clone(),
            third_fifteen: office.clone(),
            fourth_fifteen: office,
            redials: 1,
            redial_interval: 600,
            max_calls: None,
            max_ring_time: None,
            task_callback_url: String::new(),
            call_callback_url: String::new(),
            country_code: String::new(),
            flow: None,
            variables: Vec::new(),
            calls: CallSource::default(),
        }
    }
}

impl Task {
    /// The four quarter-hour lists with their wire names, in order.
    pub fn quarters(&self) -> [(&'static str, &[i64]); 4] {
        [
            ("firstFifteen", &self.first_fifteen),
            ("secondFifteen", &self.second_fifteen),
            ("thirdFifteen", &self.third_fifteen),
            ("fourthFifteen", &self.fourth_fifteen),
        ]
    }
}

/// How a task starts (`startupType`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StartType {
    /// Started by hand in NXLink's console (1).
    #[default]
    Manual,
    /// Started at `startupAt` (2).
    Scheduled,
    /// Started as soon as it is created (3).
    Immediate,
}

impl StartType {
    /// The number NXLink's `startupType` takes.
    pub fn wire(self) -> i64 {
        match self {
            StartType::Manual => 1,
            StartType::Scheduled => 2,
            StartType::Immediate => 3,
        }
    }
}

/// Where the call list is: a CSV file the task names, or rows it holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CallSource {
    /// A CSV file, relative to the task file.
    File(String),
    /// Contacts held in the task itself.
    Rows(Vec<ContactRow>),
}

impl Default for CallSource {
    fn default() -> CallSource {
        CallSource::Rows(Vec::new())
    }
}

/// One contact held in a task, under `callList`'s wire names.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct ContactRow {
    /// Globally unique; derived from `userTaskId` and the number when empty.
    #[serde(rename = "contactId")]
    pub contact_id: String,
    pub name: String,
    #[serde(rename = "phoneNumber")]
    pub phone_number: String,
    /// This contact's calling code, when its number carries none and it
    /// differs from the task's.
    #[serde(rename = "countryCode", skip_serializing_if = "String::is_empty")]
    #[ts(optional, as = "Option<String>")]
    pub country_code: String,
    /// Returned as is in call records (`other`).
    pub other: String,
    /// Values of the agent's variables for this contact.
    pub params: Vec<Param>,
}

/// A value for one of the agent's variables (`params[]`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Param {
    pub name: String,
    #[serde(default)]
    pub value: String,
}

/// Numbers written one after another with `sep` between them.
pub(crate) fn join(values: &[i64], sep: &str) -> String {
    values
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(sep)
}
