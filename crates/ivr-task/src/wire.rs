//! The bodies NXLink receives: `task/create` (the task and the first chunk of
//! its contacts) and `call/append` (a further chunk), as JSON values with the
//! wire's names in the order NXLink documents them. The caller serialises a
//! body once and signs and sends those same bytes.
//!
//! `call/append`'s body is `{taskId, countryCode, list}`, its `list` holding
//! the same contact objects as `task/create`'s `callList`
//! (`contactId`, `name`, `phoneNumber`, `params[{name, value}]`, and `other`),
//! as the NXLink reference (`shared/reference/nxlink.md`) lists it.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use ts_rs::TS;

use crate::model::{Param, Task, join};

/// Contacts per request: NXLink documents no limit; integrations seen in
/// public send 1,000.
pub const DEFAULT_CHUNK: usize = 1_000;

/// A contact as sent: id fixed, number in E.164, a name always.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WireContact {
    #[serde(rename = "contactId")]
    pub contact_id: String,
    pub name: String,
    #[serde(rename = "phoneNumber")]
    pub phone_number: String,
    pub other: String,
    pub params: Vec<Param>,
}

impl WireContact {
    /// The contact object of `callList` / `list`: `other` and `params` left
    /// out when empty.
    pub fn to_wire(&self) -> Value {
        let mut m = Map::new();
        m.insert("contactId".into(), self.contact_id.clone().into());
        if !self.other.is_empty() {
            m.insert("other".into(), self.other.clone().into());
        }
        m.insert("name".into(), self.name.clone().into());
        m.insert("phoneNumber".into(), self.phone_number.clone().into());
        if !self.params.is_empty() {
            let params = self
                .params
                .iter()
                .map(|p| json!({ "name": p.name, "value": p.value }))
                .collect();
            m.insert("params".into(), Value::Array(params));
        }
        Value::Object(m)
    }
}

/// Why a task cannot be turned into a `task/create` body: fields NXLink
/// requires are unset (the checks report them as `task.field-required`).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("the task is not ready to create: set {}", missing.join(", "))]
pub struct NotReady {
    pub missing: Vec<&'static str>,
}

/// The `task/create` body for `task` with `first` (the first chunk of its
/// checked contacts; empty for a task created empty). Optional fields that
/// are unset are left out.
pub fn create_body(task: &Task, first: &[WireContact]) -> Result<Value, NotReady> {
    let mut missing = Vec::new();
    if task.name.trim().is_empty() {
        missing.push("taskName");
    }
    if task.agent_id.is_none() {
        missing.push("autoFlowId");
    }
    if task.route_id.trim().is_empty() {
        missing.push("routeId");
    }
    if task.zone_second.is_none() {
        missing.push("zoneSecond");
    }
    let (Some(agent), Some(zone), true) = (task.agent_id, task.zone_second, missing.is_empty())
    else {
        return Err(NotReady { missing });
    };

    let mut m = Map::new();
    let text = |m: &mut Map<String, Value>, key: &str, value: &str| {
        if !value.trim().is_empty() {
            m.insert(key.into(), value.trim().into());
        }
    };
    text(&mut m, "userTaskId", &task.user_task_id);
    text(&mut m, "other", &task.other);
    m.insert("taskName".into(), task.name.trim().into());
    text(&mut m, "taskDesc", &task.description);
    m.insert("autoFlowId".into(), agent.into());
    m.insert("routeId".into(), task.route_id.trim().into());
    m.insert("taskKeep".into(), i64::from(task.keep).into());
    m.insert("startupType".into(), task.start.wire().into());
    if let Some(at) = task.startup_at {
        m.insert("startupAt".into(), at.into());
    }
    if let Some(at) = task.shutdown_at {
        m.insert("shutdownAt".into(), at.into());
    }
    m.insert("zoneSecond".into(), zone.into());
    m.insert("weekDay".into(), joined(&task.week_days).into());
    for (key, hours) in task.quarters() {
        m.insert(key.into(), joined(hours).into());
    }
    m.insert("orderMaxCall".into(), task.redials.into());
    m.insert("replayInterval".into(), task.redial_interval.into());
    if let Some(n) = task.max_calls {
        m.insert("maxCall".into(), n.into());
    }
    if let Some(n) = task.max_ring_time {
        m.insert("maxRingTime".into(), n.into());
    }
    text(&mut m, "taskCallbackUrl", &task.task_callback_url);
    text(&mut m, "callCallbackUrl", &task.call_callback_url);
    text(&mut m, "countryCode", country_digits(&task.country_code));
    if !first.is_empty() {
        m.insert("callList".into(), contacts(first));
    }
    Ok(Value::Object(m))
}

/// The `call/append` body adding `chunk` to the task NXLink calls `task_id`
/// (`country_code` as the task's, left out when empty).
pub fn append_body(task_id: &str, country_code: &str, chunk: &[WireContact]) -> Value {
    let mut m = Map::new();
    m.insert("taskId".into(), task_id.into());
    let code = country_digits(country_code);
    if !code.is_empty() {
        m.insert("countryCode".into(), code.into());
    }
    m.insert("list".into(), contacts(chunk));
    Value::Object(m)
}

/// The contacts split into requests of `size` (at least 1): the first for
/// `task/create`, the rest for `call/append`.
pub fn chunks(contacts: &[WireContact], size: usize) -> std::slice::Chunks<'_, WireContact> {
    contacts.chunks(size.max(1))
}

fn contacts(list: &[WireContact]) -> Value {
    Value::Array(list.iter().map(WireContact::to_wire).collect())
}

/// "1,2,3": NXLink's comma-separated lists, in the task's order.
fn joined(values: &[i64]) -> String {
    join(values, ",")
}

/// A calling code as NXLink takes it: digits only ("+86" is sent as "86").
fn country_digits(code: &str) -> &str {
    code.trim().trim_start_matches('+')
}
