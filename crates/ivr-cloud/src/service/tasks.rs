//! NXLink outbound tasks for the app and the `ivr` command alike: a task
//! file read with its call list (the CSV it names, relative to it) and the
//! variables of the flow it links, checked and prepared (`ivr_task`); the
//! create that sends the list in chunks with progress and returns what
//! NXLink took and refused, row by row, never creating a task twice; the
//! connection's tasks, agents and routes; and a list appended to a task.

use std::path::{Path, PathBuf};

use ivr_flow::Text;
use ivr_task::{CallList, Prepared, Task, WireContact};
use serde_json::Value;

use crate::error::{CloudError, ErrorKind};
use crate::nxlink::{ListResult, NxlinkClient, SendOptions, TaskSummary};

/// A task file read and checked: the task, its call list, the agent's
/// variables, and the contacts ready to send with every problem.
#[derive(Clone, Debug)]
pub struct Checked {
    pub path: PathBuf,
    pub task: Task,
    pub list: CallList,
    pub declared: Vec<String>,
    pub prepared: Prepared,
}

/// Why a task file could not be checked: the file, and what to do.
fn unreadable(path: &Path, e: impl std::fmt::Display) -> CloudError {
    let p = path.display();
    CloudError::config(Text::new(format!("{p}: {e}"), format!("{p}：{e}")))
}

/// Reads the task at `path` with its call list and its linked flow's
/// variables, and checks it as of `now` (Unix seconds).
pub fn check_file(path: &Path, now: i64) -> Result<Checked, CloudError> {
    let bytes = ivr_files::read_limited(path).map_err(|e| unreadable(path, e))?;
    let task = ivr_task::from_bytes(&bytes).map_err(|e| unreadable(path, e))?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let list = ivr_task::load_call_list(&task, dir).map_err(|e| unreadable(path, e))?;
    let flow_vars = match &task.flow {
        Some(flow) => {
            let flow_path = dir.join(flow);
            let bytes =
                ivr_files::read_limited(&flow_path).map_err(|e| unreadable(&flow_path, e))?;
            ivr_task::flow_variables(&bytes).map_err(|e| unreadable(&flow_path, e))?
        }
        None => Vec::new(),
    };
    let declared = ivr_task::declared_variables(&task, &flow_vars);
    let prepared = ivr_task::prepare(&task, &list, &declared, now);
    Ok(Checked {
        path: path.to_path_buf(),
        task,
        list,
        declared,
        prepared,
    })
}

/// What a create will send: the `task/create` body (its list left out) and
/// the contacts, or why the task cannot be created at all.
pub fn plan(checked: &Checked) -> Result<(Value, Vec<Value>), CloudError> {
    if checked.prepared.task_has_errors() {
        let n = checked
            .prepared
            .problems
            .iter()
            .filter(|p| p.severity == ivr_flow::Severity::Error)
            .count();
        return Err(CloudError::config(Text::new(
            format!("the task has {n} error(s); nothing was sent"),
            format!("任务有 {n} 个错误；未发送任何内容"),
        )));
    }
    let body =
        ivr_task::create_body(&checked.task, &[]).map_err(|e| unreadable(&checked.path, e))?;
    let contacts = checked
        .prepared
        .contacts
        .iter()
        .map(WireContact::to_wire)
        .collect();
    Ok((body, contacts))
}

/// What [`create`] did: the list's result, or that the task existed already.
#[derive(Clone, Debug)]
pub enum Created {
    Sent(ListResult),
    /// A task with this `userTaskId` is in NXLink already: nothing was sent.
    AlreadyThere(TaskSummary),
}

/// Creates the checked task with its list in chunks, `progress(done, total)`
/// after each. A task whose `userTaskId` NXLink already has is not created
/// again (its list would call people a second time).
pub async fn create<P>(
    client: &NxlinkClient,
    checked: &Checked,
    options: &SendOptions,
    progress: P,
) -> Result<Created, CloudError>
where
    P: FnMut(usize, usize) + Send,
{
    let (body, contacts) = plan(checked)?;
    let id = &checked.task.user_task_id;
    if !id.is_empty()
        && let Some(found) = client.find_task(id, &checked.task.name).await?
    {
        return Ok(Created::AlreadyThere(found));
    }
    client
        .create_with_list(&body, &contacts, options, progress)
        .await
        .map(Created::Sent)
}

/// Appends the call list at `csv` (read and checked with the task's rules
/// for numbers, country code `country`) to NXLink task `task_id`.
pub async fn append(
    client: &NxlinkClient,
    task_id: &str,
    csv: &Path,
    country: &str,
    user_task_id: &str,
    now: i64,
) -> Result<(crate::nxlink::Appended, Prepared), CloudError> {
    let list = ivr_task::read_call_list_file(csv).map_err(|e| unreadable(csv, e))?;
    let task = Task {
        user_task_id: user_task_id.to_owned(),
        name: task_id.to_owned(),
        country_code: country.to_owned(),
        variables: list.variables.clone(),
        ..Task::default()
    };
    let prepared = ivr_task::prepare(&task, &list, &task.variables, now);
    let contacts: Vec<Value> = prepared.contacts.iter().map(WireContact::to_wire).collect();
    if contacts.is_empty() {
        return Err(CloudError::new(
            ErrorKind::Invalid,
            Text::new(
                format!(
                    "{}: no contact can be sent; nothing was sent",
                    csv.display()
                ),
                format!("{}：没有可发送的联系人；未发送任何内容", csv.display()),
            ),
        ));
    }
    let country = (!country.is_empty()).then_some(country);
    let appended = client.append(task_id, country, &contacts).await?;
    Ok((appended, prepared))
}
