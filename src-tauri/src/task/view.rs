//! What the task commands answer, as the UI reads it (generated into
//! `ui/src/bindings` with ts-rs): the service's and the client's results cut
//! to what the app shows, never a secret.

use ivr_cloud::nxlink::{Agent, ListResult, RefusedRow, Route, TaskSummary};
use ivr_cloud::service::tasks::Checked;
use ivr_task::{ContactRow, Encoding, Task, TaskProblem};
use serde::Serialize;
use ts_rs::TS;

/// A task read from its file.
#[derive(Clone, Debug, Serialize, TS)]
pub struct OpenedTask {
    pub path: String,
    pub task: Task,
    /// The CSV file the task names, whose rows it now holds.
    pub calls_file: Option<String>,
}

/// A CSV call list read into rows.
#[derive(Clone, Debug, Serialize, TS)]
pub struct ImportedCalls {
    pub path: String,
    pub encoding: Option<Encoding>,
    /// The columns that are the agent's variables, in order.
    pub variables: Vec<String>,
    pub rows: Vec<ContactRow>,
}

/// The checks' outcome for a task and its rows.
#[derive(Clone, Debug, Serialize, TS)]
pub struct TaskCheck {
    /// Every problem: the task's, then the rows' (row = position from 1).
    pub problems: Vec<TaskProblem>,
    /// Each row's number in E.164, none when it does not parse.
    pub numbers: Vec<Option<String>>,
    /// The agent's variables (the task's and its linked flow's).
    pub declared: Vec<String>,
    /// Contacts ready to send.
    #[ts(as = "f64")]
    pub ready: usize,
    /// Rows left out for an error.
    #[ts(as = "f64")]
    pub left_out: usize,
    /// Whether any problem is an error (Create waits until none is).
    pub has_errors: bool,
}

impl TaskCheck {
    pub fn of(c: &Checked) -> TaskCheck {
        TaskCheck {
            problems: c.prepared.problems.clone(),
            numbers: ivr_task::numbers(&c.task, &c.list),
            declared: c.declared.clone(),
            ready: c.prepared.contacts.len(),
            left_out: c.prepared.rows_left_out,
            has_errors: c.prepared.has_errors(),
        }
    }
}

/// An AI agent (`autoFlowId`).
#[derive(Clone, Debug, Serialize, TS)]
pub struct AgentView {
    #[ts(as = "f64")]
    pub id: i64,
    pub name: String,
}

impl AgentView {
    pub fn of(a: &Agent) -> AgentView {
        AgentView {
            id: a.auto_flow_id,
            name: a.name.clone(),
        }
    }
}

/// A call route (`routeId`).
#[derive(Clone, Debug, Serialize, TS)]
pub struct RouteView {
    pub id: String,
    pub name: String,
}

impl RouteView {
    pub fn of(r: &Route) -> RouteView {
        RouteView {
            id: r.route_id.clone(),
            name: r.route_name.clone(),
        }
    }
}

/// A task as `task/list` shows it.
#[derive(Clone, Debug, Serialize, TS)]
pub struct TaskView {
    pub task_id: String,
    pub user_task_id: String,
    pub name: String,
    /// 1 ready, 2 running, 3 done, 4 failed, 5 paused, 6 paused for low balance.
    #[ts(as = "Option<f64>")]
    pub status: Option<i64>,
    #[ts(as = "Option<f64>")]
    pub success: Option<i64>,
    #[ts(as = "Option<f64>")]
    pub total: Option<i64>,
}

impl TaskView {
    pub fn of(t: &TaskSummary) -> TaskView {
        TaskView {
            task_id: t.task_id.clone(),
            user_task_id: t.user_task_id.clone(),
            name: t.task_name.clone(),
            status: t.task_status,
            success: t.success_count,
            total: t.total_count,
        }
    }
}

/// A contact NXLink refused, with its reason verbatim.
#[derive(Clone, Debug, Serialize, TS)]
pub struct RefusedView {
    pub contact_id: String,
    pub name: String,
    pub phone_number: String,
    pub reason: String,
}

impl RefusedView {
    fn of(r: &RefusedRow) -> RefusedView {
        RefusedView {
            contact_id: r.contact_id.clone(),
            name: r.name.clone(),
            phone_number: r.phone_number.clone(),
            reason: r.reason.clone(),
        }
    }
}

/// What a create did.
#[derive(Clone, Debug, Serialize, TS)]
pub struct CreateOutcome {
    /// A task with this `userTaskId` was in NXLink already: nothing was sent.
    pub already_there: bool,
    pub task_id: String,
    pub user_task_id: String,
    /// Contacts sent.
    #[ts(as = "f64")]
    pub total: usize,
    /// Contacts NXLink took.
    #[ts(as = "f64")]
    pub accepted: usize,
    /// Calls made (the create and each append).
    #[ts(as = "f64")]
    pub chunks: usize,
    pub refused: Vec<RefusedView>,
    /// Rows not sent for an error the checks found.
    #[ts(as = "f64")]
    pub left_out: usize,
}

impl CreateOutcome {
    pub fn sent(r: &ListResult, left_out: usize) -> CreateOutcome {
        CreateOutcome {
            already_there: false,
            task_id: r.task.task_id.clone(),
            user_task_id: r.task.user_task_id.clone(),
            total: r.total,
            accepted: r.accepted,
            chunks: r.chunks,
            refused: r.refused.iter().map(RefusedView::of).collect(),
            left_out,
        }
    }

    pub fn already_there(t: &TaskSummary) -> CreateOutcome {
        CreateOutcome {
            already_there: true,
            task_id: t.task_id.clone(),
            user_task_id: t.user_task_id.clone(),
            total: 0,
            accepted: 0,
            chunks: 0,
            refused: Vec::new(),
            left_out: 0,
        }
    }
}
