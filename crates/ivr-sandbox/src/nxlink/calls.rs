//! The seven endpoints of the sandbox's NXLink, over [`NxState`] and the
//! [`Directory`], and the contact checks a create and an append share.
//!
//! A contact is refused into `errList` (with NXLink's wording where the
//! seed shows it) when its `contactId`, `name` or `phoneNumber` is missing,
//! its `contactId` is already in any task (`contactId already exists: ID`,
//! NXLink documents the id as globally unique), its number is not digits
//! with an optional leading `+`, 6 to 15 digits (`Illegal phone number
//! format:NUMBER`), or a `params` name is not a variable of the agent's flow
//! (`Variable not found in flow: NAME`). `call/list` answers an empty list:
//! the sandbox places no calls.

use std::collections::HashSet;

use serde_json::{Map, Value, json};

use super::NxError;
use super::directory::{Agent, Directory};
use super::state::{Contact, NxState, Task};
use crate::acs::splitmix;

/// The largest `pageSize`.
pub const MAX_PAGE_SIZE: u64 = 1_000;

/// The fields `task/create` requires besides `taskName`, `autoFlowId` and
/// `routeId` (seed 004).
const REQUIRED: [&str; 10] = [
    "taskKeep",
    "startupType",
    "zoneSecond",
    "weekDay",
    "firstFifteen",
    "secondFifteen",
    "thirdFifteen",
    "fourthFifteen",
    "orderMaxCall",
    "replayInterval",
];

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or_default()
}

fn int_of(v: &Value, key: &str) -> Option<i64> {
    match v.get(key)? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// `items` paged as the request's `pageNumber` (from 1) and `pageSize` ask.
fn page(items: Vec<Value>, request: &Value) -> Result<Value, NxError> {
    let number = int_of(request, "pageNumber")
        .ok_or_else(|| NxError::parameter("pageNumber is required"))?;
    let size =
        int_of(request, "pageSize").ok_or_else(|| NxError::parameter("pageSize is required"))?;
    let (Ok(number @ 1..), Ok(size @ 1..=MAX_PAGE_SIZE)) =
        (u64::try_from(number), u64::try_from(size))
    else {
        return Err(NxError::parameter(format!(
            "pageNumber must be 1 or more and pageSize 1..{MAX_PAGE_SIZE}"
        )));
    };
    let total = items.len();
    let skip = usize::try_from((number - 1).saturating_mul(size)).unwrap_or(usize::MAX);
    let take = usize::try_from(size).unwrap_or(usize::MAX);
    let list: Vec<Value> = items.into_iter().skip(skip).take(take).collect();
    Ok(json!({"list": list, "total": total, "pageNumber": number, "pageSize": size}))
}

fn contains_ci(haystack: &str, needle: &str) -> bool {
    needle.is_empty() || haystack.to_lowercase().contains(&needle.to_lowercase())
}

/// `flow/list`: the agents whose name contains `name`.
pub fn flow_list(dir: &Directory, request: &Value) -> Result<Value, NxError> {
    let name = str_of(request, "name");
    let items = dir
        .agents
        .iter()
        .filter(|a| contains_ci(&a.name, name))
        .map(|a| json!({"autoFlowId": a.auto_flow_id, "name": a.name}))
        .collect();
    page(items, request)
}

/// `route/list`: the routes whose name contains `routeName`.
pub fn route_list(dir: &Directory, request: &Value) -> Result<Value, NxError> {
    let name = str_of(request, "routeName");
    let items = dir
        .routes
        .iter()
        .filter(|r| contains_ci(&r.route_name, name))
        .map(|r| json!({"routeId": r.route_id, "routeName": r.route_name}))
        .collect();
    page(items, request)
}

/// `task/list`: filtered by `taskName` (contains), `taskStatus` and
/// `createStartTs` / `createEndTs` (milliseconds), in creation order.
pub fn task_list(state: &NxState, request: &Value) -> Result<Value, NxError> {
    let name = str_of(request, "taskName");
    let status = int_of(request, "taskStatus");
    let from = int_of(request, "createStartTs").and_then(|t| u64::try_from(t).ok());
    let to = int_of(request, "createEndTs").and_then(|t| u64::try_from(t).ok());
    let items = state
        .tasks
        .iter()
        .filter(|t| contains_ci(&t.task_name, name))
        .filter(|t| status.is_none_or(|s| s == t.task_status))
        .filter(|t| from.is_none_or(|f| t.create_ts >= f) && to.is_none_or(|e| t.create_ts <= e))
        .map(Task::summary)
        .collect();
    page(items, request)
}

/// `call/list`: the task must exist; the sandbox has no call records.
pub fn call_list(state: &NxState, request: &Value) -> Result<Value, NxError> {
    let task_id = str_of(request, "taskId");
    if task_id.is_empty() {
        return Err(NxError::parameter("taskId is required"));
    }
    if !state.tasks.iter().any(|t| t.task_id == task_id) {
        return Err(NxError::business("taskId not found"));
    }
    page(Vec::new(), request)
}

/// Whether NXLink's simple number check passes: digits, an optional
/// leading `+`, 6 to 15 digits.
pub fn plausible_number(n: &str) -> bool {
    let digits = n.strip_prefix('+').unwrap_or(n);
    (6..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Why one contact is refused, if it is.
fn refusal(c: &Value, agent: Option<&Agent>, taken: &HashSet<String>) -> Option<String> {
    let id = str_of(c, "contactId");
    let phone = str_of(c, "phoneNumber");
    if id.is_empty() {
        return Some("contactId is required".into());
    }
    if taken.contains(id) {
        return Some(format!("contactId already exists: {id}"));
    }
    if str_of(c, "name").is_empty() {
        return Some("name is required".into());
    }
    if !plausible_number(phone) {
        return Some(format!("Illegal phone number format:{phone}"));
    }
    let params = c.get("params").and_then(Value::as_array);
    for p in params.into_iter().flatten() {
        let name = str_of(p, "name");
        if !agent.is_some_and(|a| a.variables.iter().any(|v| v == name)) {
            return Some(format!("Variable not found in flow: {name}"));
        }
    }
    None
}

/// Checks `list` and returns the contacts taken and the `errList`.
fn import(
    list: &[Value],
    agent: Option<&Agent>,
    mut taken: HashSet<String>,
) -> (Vec<Contact>, Vec<Value>) {
    let mut accepted = Vec::new();
    let mut errors = Vec::new();
    for c in list {
        if let Some(reason) = refusal(c, agent, &taken) {
            errors.push(json!({
                "contactId": str_of(c, "contactId"),
                "name": str_of(c, "name"),
                "phoneNumber": str_of(c, "phoneNumber"),
                "errMsg": reason,
            }));
            continue;
        }
        let id = str_of(c, "contactId").to_owned();
        taken.insert(id.clone());
        accepted.push(Contact {
            contact_id: id,
            name: str_of(c, "name").to_owned(),
            phone_number: str_of(c, "phoneNumber").to_owned(),
            params: c
                .get("params")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default(),
        });
    }
    (accepted, errors)
}

fn list_of(request: &Value, key: &str) -> Result<Vec<Value>, NxError> {
    match request.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(a)) => Ok(a.clone()),
        Some(_) => Err(NxError::parameter(format!("{key} must be an array"))),
    }
}

/// `task/create`.
pub fn task_create(
    state: &mut NxState,
    dir: &Directory,
    request: &Value,
    now_ms: u64,
) -> Result<Value, NxError> {
    let name = str_of(request, "taskName");
    if name.is_empty() {
        return Err(NxError::parameter("taskName is required"));
    }
    if let Some(missing) = REQUIRED.iter().find(|k| request.get(**k).is_none()) {
        return Err(NxError::parameter(format!("{missing} is required")));
    }
    let startup = int_of(request, "startupType");
    if !matches!(startup, Some(1..=3)) {
        return Err(NxError::parameter("startupType must be 1, 2 or 3"));
    }
    if startup == Some(2) && int_of(request, "startupAt").is_none() {
        return Err(NxError::parameter(
            "startupAt is required when startupType is 2",
        ));
    }
    let agent = int_of(request, "autoFlowId")
        .and_then(|id| dir.agent(id))
        .ok_or_else(|| NxError::business("autoFlowId not found"))?;
    let route = str_of(request, "routeId");
    if !dir.routes.iter().any(|r| r.route_id == route) {
        return Err(NxError::business("routeId not found"));
    }
    let list = list_of(request, "callList")?;
    let (contacts, errors) = import(&list, Some(agent), state.contact_ids());
    state.seq += 1;
    let h = splitmix(state.seq ^ now_ms.rotate_left(20));
    let task_id = format!(
        "{:08x}-{:04x}-4{:03x}-{:012x}",
        h >> 32,
        h & 0xffff,
        state.seq & 0xfff,
        splitmix(h) & 0xffff_ffff_ffff
    );
    let mut fields: Map<String, Value> = request.as_object().cloned().unwrap_or_default();
    fields.remove("callList");
    let task = Task {
        task_id: task_id.clone(),
        user_task_id: str_of(request, "userTaskId").to_owned(),
        task_name: name.to_owned(),
        task_status: if startup == Some(3) { 2 } else { 1 },
        create_ts: now_ms,
        fields,
        contacts,
    };
    let data = json!({
        "taskId": task_id,
        "userTaskId": task.user_task_id,
        "taskStatus": task.task_status,
        "successCount": task.contacts.len(),
        "totalCount": list.len(),
        "errList": errors,
    });
    state.tasks.push(task);
    Ok(data)
}

/// `call/append`.
pub fn call_append(
    state: &mut NxState,
    dir: &Directory,
    request: &Value,
) -> Result<Value, NxError> {
    let task_id = str_of(request, "taskId");
    if task_id.is_empty() {
        return Err(NxError::parameter("taskId is required"));
    }
    let list = list_of(request, "list")?;
    if list.is_empty() {
        return Err(NxError::parameter("list is required"));
    }
    let taken = state.contact_ids();
    let task = state
        .task_mut(task_id)
        .ok_or_else(|| NxError::business("taskId not found"))?;
    let agent = task
        .fields
        .get("autoFlowId")
        .and_then(Value::as_i64)
        .and_then(|id| dir.agent(id));
    let (contacts, errors) = import(&list, agent, taken);
    let success = contacts.len();
    task.contacts.extend(contacts);
    Ok(json!({
        "taskId": task_id,
        "successCount": success,
        "totalCount": list.len(),
        "errList": errors,
    }))
}

/// `order/delete`: a contact not yet called (every contact, in the sandbox).
pub fn order_delete(state: &mut NxState, request: &Value) -> Result<Value, NxError> {
    let (task_id, user_task_id) = (str_of(request, "taskId"), str_of(request, "userTaskId"));
    let contact_id = str_of(request, "contactId");
    if (task_id.is_empty() && user_task_id.is_empty()) || contact_id.is_empty() {
        return Err(NxError::parameter(
            "taskId or userTaskId, and contactId, are required",
        ));
    }
    let task = state
        .tasks
        .iter_mut()
        .find(|t| {
            (!task_id.is_empty() && t.task_id == task_id)
                || (task_id.is_empty() && t.user_task_id == user_task_id)
        })
        .ok_or_else(|| NxError::business("taskId not found"))?;
    let before = task.contacts.len();
    task.contacts.retain(|c| c.contact_id != contact_id);
    if task.contacts.len() == before {
        return Err(NxError::business("contactId not found"));
    }
    Ok(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert!(plausible_number("13800000001"));
        assert!(plausible_number("+8613800000001"));
        assert!(!plausible_number("1312895-xxx"));
        assert!(!plausible_number("12345"));
        assert!(!plausible_number("+1234567890123456"));
    }

    #[test]
    fn paging() {
        let items: Vec<Value> = (0..5).map(|i| json!(i)).collect();
        let p = page(items.clone(), &json!({"pageNumber": 2, "pageSize": 2})).unwrap();
        assert_eq!(p["list"], json!([2, 3]));
        assert_eq!(p["total"], 5);
        assert_eq!(
            page(items.clone(), &json!({"pageSize": 2}))
                .unwrap_err()
                .code,
            1002
        );
        assert!(page(items, &json!({"pageNumber": 1, "pageSize": 1001})).is_err());
    }
}
