//! The checks run before a task is sent: the task's fields (required ones,
//! start and stop, time zone, calling days and quarter-hours, redials,
//! limits) and its call list (every number parsed and written in E.164,
//! duplicate ids and numbers, undeclared variables, empty cells).
//!
//! Pure: `now` (Unix seconds) is an argument. [`prepare`] also gives the
//! contacts ready to send: numbers in E.164, ids fixed (derived where the
//! list has none), rows with errors left out.

mod list;
mod task;

use ivr_flow::Severity;

use crate::call_list::CallList;
use crate::model::Task;
use crate::phone::Regions;
use crate::problem::TaskProblem;
use crate::wire::WireContact;

/// The outcome of checking a task and its call list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Prepared {
    /// Every problem found: the task's first, then the list's by row.
    pub problems: Vec<TaskProblem>,
    /// The contacts to send, in the list's order: rows with no error, each
    /// with its id fixed and its number in E.164. Their `params` hold the
    /// declared variables with a value: empty values and the values of
    /// undeclared variables (reported once per column) are left out.
    pub contacts: Vec<WireContact>,
    /// How many rows were left out of `contacts` for an error.
    pub rows_left_out: usize,
}

impl Prepared {
    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error)
    }

    /// Whether the task itself (not one of its rows) has an error: then it
    /// cannot be created at all.
    pub fn task_has_errors(&self) -> bool {
        self.problems.iter().any(|p| {
            p.severity == Severity::Error && p.place.row.is_none() && p.place.column.is_none()
        })
    }
}

/// Checks a task and its call list. `declared` is the agent's variables
/// ([`crate::declared_variables`]); `now` is the current time in Unix seconds.
pub fn check(task: &Task, list: &CallList, declared: &[String], now: i64) -> Vec<TaskProblem> {
    prepare(task, list, declared, now).problems
}

/// Checks a task and its call list and gives the contacts ready to send.
pub fn prepare(task: &Task, list: &CallList, declared: &[String], now: i64) -> Prepared {
    let mut regions = Regions::default();
    let mut problems = Vec::new();
    task::check_task(task, now, &mut regions, &mut problems);
    let (contacts, rows_left_out) =
        list::check_list(task, list, declared, &mut regions, &mut problems);
    Prepared {
        problems,
        contacts,
        rows_left_out,
    }
}
