//! What the sandbox's NXLink holds, in `nxlink.json`: its tasks, each with
//! the fields it was created with and its contacts.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Everything the sandbox's NXLink holds.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct NxState {
    /// Change counter: seeds task ids.
    pub seq: u64,
    pub tasks: Vec<Task>,
}

/// One outbound task.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Task {
    pub task_id: String,
    #[serde(default)]
    pub user_task_id: String,
    pub task_name: String,
    pub task_status: i64,
    /// Creation time, milliseconds.
    pub create_ts: u64,
    /// The create's other fields, as sent (without `callList`).
    pub fields: Map<String, Value>,
    pub contacts: Vec<Contact>,
}

/// One contact of a task's call list.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    pub contact_id: String,
    pub name: String,
    pub phone_number: String,
    #[serde(default)]
    pub params: Vec<Value>,
}

impl NxState {
    /// The ids of every task's contacts (NXLink: `contactId` is globally
    /// unique).
    pub fn contact_ids(&self) -> std::collections::HashSet<String> {
        self.tasks
            .iter()
            .flat_map(|t| t.contacts.iter().map(|c| c.contact_id.clone()))
            .collect()
    }

    pub fn task_mut(&mut self, task_id: &str) -> Option<&mut Task> {
        self.tasks.iter_mut().find(|t| t.task_id == task_id)
    }
}

impl Task {
    /// The task as `task/list` shows it.
    pub fn summary(&self) -> Value {
        let mut m = Map::new();
        m.insert("taskId".into(), self.task_id.clone().into());
        m.insert("userTaskId".into(), self.user_task_id.clone().into());
        m.insert("taskName".into(), self.task_name.clone().into());
        m.insert("taskStatus".into(), self.task_status.into());
        m.insert("successCount".into(), self.contacts.len().into());
        m.insert("totalCount".into(), self.contacts.len().into());
        m.insert("createTs".into(), self.create_ts.into());
        for k in ["other", "taskDesc", "autoFlowId", "routeId", "startupType"] {
            if let Some(v) = self.fields.get(k) {
                m.insert(k.into(), v.clone());
            }
        }
        Value::Object(m)
    }
}
