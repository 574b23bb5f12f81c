//! A whole call list to NXLink: `task/create` with the first chunk, then
//! `call/append` for each further chunk, progress reported after each, and
//! every chunk's `errList` merged into one [`ListResult`].
//!
//! A create whose answer was lost is found again by `userTaskId`
//! ([`NxlinkClient::create_task`]); its refused rows were lost with the
//! answer, so the first chunk is then appended again: what the create took
//! is echoed back as already there (counted accepted), what it refused is
//! refused again with NXLink's reasons.

use ivr_flow::Text;
use serde::Serialize;
use serde_json::Value;

use super::NxlinkClient;
use super::tasks::{Appended, CreatedTask, RefusedRow};
use crate::error::CloudError;

/// Contacts per call when nothing else is asked for (NXLink documents no
/// limit; integrations seen in public send 1,000).
pub const DEFAULT_CHUNK: usize = 1_000;

/// How a list is sent.
#[derive(Clone, Debug)]
pub struct SendOptions {
    /// Contacts per call (create or append); at least 1.
    pub chunk_size: usize,
}

impl Default for SendOptions {
    fn default() -> Self {
        SendOptions {
            chunk_size: DEFAULT_CHUNK,
        }
    }
}

/// What a whole list did.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ListResult {
    pub task: CreatedTask,
    /// Contacts in the list.
    pub total: usize,
    /// Contacts NXLink took.
    pub accepted: usize,
    /// Contacts NXLink refused, with its reasons, from every chunk.
    pub refused: Vec<RefusedRow>,
    /// Calls the list went out in (the create and the appends).
    pub chunks: usize,
}

impl NxlinkClient {
    /// Creates the task `task` (the task model's JSON, any `callList` in it
    /// replaced) with `contacts` (each with its fixed `contactId`), in chunks
    /// of `options.chunk_size`, calling `progress(done, total)` after each.
    /// When an append fails for good, the error says which task was created
    /// and how many contacts reached it.
    pub async fn create_with_list<P>(
        &self,
        task: &Value,
        contacts: &[Value],
        options: &SendOptions,
        mut progress: P,
    ) -> Result<ListResult, CloudError>
    where
        P: FnMut(usize, usize) + Send,
    {
        let total = contacts.len();
        let mut chunks = contacts.chunks(options.chunk_size.max(1));
        let first = chunks.next().unwrap_or_default();
        let mut body = task.clone();
        if let Value::Object(m) = &mut body {
            m.insert("callList".into(), Value::Array(first.to_vec()));
        }
        let country = task
            .get("countryCode")
            .and_then(Value::as_str)
            .map(str::to_owned);
        let created = self.create_task(&body).await?;
        let first_done = if created.found_by_lookup && !first.is_empty() {
            self.append_chunk(&created.task_id, country.as_deref(), first, true)
                .await?
        } else {
            Appended {
                accepted: first.len().saturating_sub(created.refused.len()),
                refused: created.refused.clone(),
            }
        };
        let mut done = first.len();
        progress(done, total);
        let mut result = ListResult {
            task: created,
            total,
            accepted: first_done.accepted,
            refused: first_done.refused,
            chunks: 1,
        };
        for chunk in chunks {
            let appended = self
                .append_chunk(&result.task.task_id, country.as_deref(), chunk, false)
                .await
                .map_err(|e| partly_sent(e, &result.task.task_id, done, total))?;
            done += chunk.len();
            result.accepted += appended.accepted;
            result.refused.extend(appended.refused);
            result.chunks += 1;
            progress(done, total);
        }
        Ok(result)
    }
}

/// An append's failure, saying what was already done.
fn partly_sent(e: CloudError, task_id: &str, done: usize, total: usize) -> CloudError {
    let m = e.message().clone();
    e.with_message(Text::new(
        format!(
            "task {task_id} was created and {done} of {total} contacts sent; then: {}",
            m.en
        ),
        format!(
            "任务 {task_id} 已创建，已发送 {total} 个联系人中的 {done} 个；之后：{}",
            m.zh
        ),
    ))
}
