//! Outbound tasks: `task/create` (never sent twice: a lost answer is found
//! again through `task/list` by `userTaskId`), `task/list`, `call/append`
//! (a resend after a lost answer cannot duplicate a contact), `call/list`
//! and `order/delete`.
//!
//! How a repeated append stays harmless: every contact carries a `contactId`
//! fixed before the first send, and NXLink documents `contactId` as globally
//! unique. A chunk whose answer was lost is sent again as it was; the
//! contacts the lost send already added are refused the second time as
//! already existing (the sandbox says `contactId already exists: ID`) and
//! are counted as accepted, not as refused rows. Nothing is called twice.
//! NXLink does not document the words of that refusal: one worded
//! differently stays among the refused rows (shown to the user, still never a
//! second call).

use std::convert::Infallible;
use std::sync::atomic::{AtomicU32, Ordering};

use ivr_flow::Text;
use serde::Serialize;
use serde_json::{Value, json};

use super::lists::{number, text};
use super::{NxlinkClient, path};
use crate::confirm::{Confirmed, create_confirmed};
use crate::error::{CloudError, ErrorKind};
use crate::http::Repeat;

/// How many times a create or an append is sent at most (a create each
/// after a lookup).
const MAX_SENDS: u32 = 3;

/// A task as `task/list` shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskSummary {
    pub task_id: String,
    pub user_task_id: String,
    pub task_name: String,
    /// 1 ready, 2 running, 3 done, 4 failed, 5 paused, 6 paused for low balance.
    pub task_status: Option<i64>,
    pub success_count: Option<i64>,
    pub total_count: Option<i64>,
    /// The item as NXLink sent it.
    pub raw: Value,
}

impl TaskSummary {
    fn from_raw(raw: Value) -> Self {
        TaskSummary {
            task_id: text(&raw, "taskId"),
            user_task_id: text(&raw, "userTaskId"),
            task_name: text(&raw, "taskName"),
            task_status: number(&raw, "taskStatus"),
            success_count: number(&raw, "successCount"),
            total_count: number(&raw, "totalCount"),
            raw,
        }
    }
}

/// A contact NXLink refused, with its reason (`errList`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RefusedRow {
    pub contact_id: String,
    pub name: String,
    pub phone_number: String,
    /// NXLink's `errMsg`, verbatim.
    pub reason: String,
}

/// The `errList` of a create or append answer.
fn refused_rows(data: &Value) -> Vec<RefusedRow> {
    data.get("errList")
        .and_then(Value::as_array)
        .map(|rows| {
            rows.iter()
                .map(|r| RefusedRow {
                    contact_id: text(r, "contactId"),
                    name: text(r, "name"),
                    phone_number: text(r, "phoneNumber"),
                    reason: text(r, "errMsg"),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Whether a refusal says the contact is already in (a repeat's echo).
pub fn already_exists(row: &RefusedRow) -> bool {
    let r = row.reason.to_ascii_lowercase();
    r.contains("contactid") && (r.contains("already exist") || r.contains("duplicate"))
}

/// What a create answered, or what the lookup found when its answer was lost.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedTask {
    pub task_id: String,
    pub user_task_id: String,
    pub task_status: Option<i64>,
    pub success_count: Option<i64>,
    pub total_count: Option<i64>,
    /// The create's `errList` (empty when the task was found by lookup: its
    /// answer, and so its refusals, were lost).
    pub refused: Vec<RefusedRow>,
    /// The answer was lost and the task was found through `task/list`.
    pub found_by_lookup: bool,
}

/// What one append did: how many contacts are in, and those refused.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Appended {
    pub accepted: usize,
    pub refused: Vec<RefusedRow>,
}

fn missing(field: &str) -> CloudError {
    CloudError::new(
        ErrorKind::Invalid,
        Text::new(
            format!(
                "the task has no {field}: it is how a create whose answer is lost is found again"
            ),
            format!("任务缺少 {field}：创建的答复丢失时要靠它找回任务"),
        ),
    )
}

fn no_task_id(data: &Value) -> CloudError {
    CloudError::unexpected_answer(
        ivr_flow::Provider::Nxlink,
        Some(200),
        Text::new(
            format!("task/create answered without a taskId: {data}"),
            format!("task/create 的答复中没有 taskId：{data}"),
        ),
    )
}

impl NxlinkClient {
    /// Every task, or those named `task_name` (NXLink's filter).
    pub async fn tasks(&self, task_name: Option<&str>) -> Result<Vec<TaskSummary>, CloudError> {
        let filter = match task_name {
            Some(n) => json!({ "taskName": n }),
            None => json!({}),
        };
        let items = self.all_pages(path::TASK_LIST, filter).await?;
        Ok(items.into_iter().map(TaskSummary::from_raw).collect())
    }

    /// The task with this `userTaskId`, looked for among the tasks named
    /// `task_name` (`task/list` filters by name, not by `userTaskId`). The
    /// creation-time filter is not used: its unit is not documented.
    pub async fn find_task(
        &self,
        user_task_id: &str,
        task_name: &str,
    ) -> Result<Option<TaskSummary>, CloudError> {
        let found = self.tasks(Some(task_name)).await?;
        Ok(found.into_iter().find(|t| t.user_task_id == user_task_id))
    }

    /// `task/create` with `body` (the task model's JSON, `callList`
    /// included). The body must hold `userTaskId` and `taskName`: a create
    /// whose answer is lost (timeout, dropped connection, 5xx) is looked for
    /// through `task/list` and only sent again when it is not there.
    pub async fn create_task(&self, body: &Value) -> Result<CreatedTask, CloudError> {
        let user_task_id = body
            .get("userTaskId")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .ok_or_else(|| missing("userTaskId"))?;
        let task_name = body
            .get("taskName")
            .and_then(Value::as_str)
            .ok_or_else(|| missing("taskName"))?;
        let send = || self.call(path::TASK_CREATE, body, Repeat::ThrottledOnly);
        let look = || self.find_task(user_task_id, task_name);
        Ok(
            match create_confirmed(MAX_SENDS, "task/create", send, look).await? {
                Confirmed::Answered(data) => {
                    let task_id = text(&data, "taskId");
                    if task_id.is_empty() {
                        return Err(no_task_id(&data));
                    }
                    CreatedTask {
                        task_id,
                        user_task_id: match text(&data, "userTaskId") {
                            u if u.is_empty() => user_task_id.to_owned(),
                            u => u,
                        },
                        task_status: number(&data, "taskStatus"),
                        success_count: number(&data, "successCount"),
                        total_count: number(&data, "totalCount"),
                        refused: refused_rows(&data),
                        found_by_lookup: false,
                    }
                }
                Confirmed::Found(t) => CreatedTask {
                    task_id: t.task_id,
                    user_task_id: t.user_task_id,
                    task_status: t.task_status,
                    success_count: t.success_count,
                    total_count: t.total_count,
                    refused: Vec::new(),
                    found_by_lookup: true,
                },
            },
        )
    }

    /// `call/append` of `contacts` (each with its fixed `contactId`) to
    /// `task_id`. After a lost answer the same chunk is sent again (at most
    /// [`MAX_SENDS`] sends); see the module documentation for why that
    /// cannot duplicate a contact.
    pub async fn append(
        &self,
        task_id: &str,
        country_code: Option<&str>,
        contacts: &[Value],
    ) -> Result<Appended, CloudError> {
        self.append_chunk(task_id, country_code, contacts, false)
            .await
    }

    /// [`Self::append`]; `sent_before`: the chunk may already be in (a
    /// create found by lookup), so its echoes are not refusals.
    pub(crate) async fn append_chunk(
        &self,
        task_id: &str,
        country_code: Option<&str>,
        contacts: &[Value],
        sent_before: bool,
    ) -> Result<Appended, CloudError> {
        let mut body = json!({ "taskId": task_id, "list": contacts });
        if let Some(cc) = country_code {
            body["countryCode"] = json!(cc);
        }
        // Sends are counted so a resend knows its echoes; there is nothing
        // to look up first (the contact ids make a resend harmless).
        let sends = AtomicU32::new(0);
        let send = || {
            let resent = sent_before || sends.fetch_add(1, Ordering::Relaxed) > 0;
            let body = &body;
            async move {
                let data = self
                    .call(path::CALL_APPEND, body, Repeat::ThrottledOnly)
                    .await?;
                Ok((data, resent))
            }
        };
        let look = || async { Ok(None::<Infallible>) };
        match create_confirmed(MAX_SENDS, "call/append", send, look).await? {
            Confirmed::Answered((data, resent)) => {
                let mut refused = refused_rows(&data);
                if resent {
                    refused.retain(|r| !already_exists(r));
                }
                Ok(Appended {
                    accepted: contacts.len().saturating_sub(refused.len()),
                    refused,
                })
            }
            Confirmed::Found(never) => match never {},
        }
    }

    /// The call records of a task (`call/list`), every page.
    pub async fn call_records(&self, task_id: &str) -> Result<Vec<Value>, CloudError> {
        self.all_pages(path::CALL_LIST, json!({ "taskId": task_id }))
            .await
    }

    /// Removes a contact not yet called (`order/delete`).
    pub async fn delete_contact(&self, task_id: &str, contact_id: &str) -> Result<(), CloudError> {
        self.call(
            path::ORDER_DELETE,
            &json!({ "taskId": task_id, "contactId": contact_id }),
            Repeat::Safe,
        )
        .await
        .map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn err_list_rows_and_repeat_echoes() {
        let data = json!({"errList": [
            {"contactId": "c1", "name": "lucy", "phoneNumber": "1312895-xxx", "errMsg": "Illegal phone number format:1312895-xxx"},
            {"contactId": "c2", "name": "tom", "phoneNumber": "+8613800000002", "errMsg": "contactId already exists: c2"}
        ]});
        let rows = refused_rows(&data);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].reason, "Illegal phone number format:1312895-xxx");
        assert!(!already_exists(&rows[0]));
        assert!(already_exists(&rows[1]));
    }
}
