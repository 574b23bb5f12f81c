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
use crate::phone::{Parsed, Regions, parse};
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

/// Each contact's number in E.164 as the checks read it (with the row's
/// calling code, else the task's), or none when it does not parse: what the
/// app shows beside the number as written.
pub fn numbers(task: &Task, list: &CallList) -> Vec<Option<String>> {
    let mut regions = Regions::default();
    let task_region = match task.country_code.trim() {
        "" => None,
        code => regions.region(code),
    };
    list.contacts
        .iter()
        .map(|c| {
            let region = match c.country_code.trim() {
                "" => task_region,
                code => Some(regions.region(code)?),
            };
            match parse(&c.phone_number, region, &mut regions) {
                Parsed::Valid(n) | Parsed::Unlikely(n) => Some(n),
                Parsed::Invalid(_) => None,
            }
        })
        .collect()
}

#[cfg(test)]
mod numbers_tests {
    use super::numbers;
    use crate::model::{ContactRow, Task};
    use crate::{from_rows, to_rows};

    fn row(phone: &str, cc: &str) -> ContactRow {
        ContactRow {
            phone_number: phone.into(),
            country_code: cc.into(),
            ..ContactRow::default()
        }
    }

    #[test]
    fn numbers_are_read_with_the_rows_or_the_tasks_calling_code() {
        let task = Task {
            country_code: "86".into(),
            ..Task::default()
        };
        let list = from_rows(&[
            row("138 0000 0001", ""),
            row("+44 20 7946 0000", ""),
            row("2079460000", "44"),
            row("not a number", ""),
            row("", ""),
            row("123", "999"),
        ]);
        assert_eq!(
            numbers(&task, &list),
            [
                Some("+8613800000001".to_owned()),
                Some("+442079460000".to_owned()),
                Some("+442079460000".to_owned()),
                None,
                None,
                None
            ]
        );
    }

    #[test]
    fn rows_read_from_a_csv_keep_every_variable_and_come_back_the_same() {
        let csv = "phone,name,city,orderNo\n+8613800000001,Li,,A1\n+8613800000002,Wang,Beijing\n";
        let list = crate::read_call_list(csv.as_bytes()).unwrap();
        let rows = to_rows(&list);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].params.len(), 2);
        assert_eq!(rows[0].params[0].name, "city");
        assert_eq!(rows[0].params[0].value, "");
        assert_eq!(
            rows[1].params[1].value, "",
            "a short row's missing cell is empty"
        );
        let back = from_rows(&rows);
        assert_eq!(back.variables, list.variables);
        let cells = |l: &crate::CallList| {
            l.contacts
                .iter()
                .map(|c| (c.phone_number.clone(), c.name.clone(), c.params.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(cells(&back), cells(&list));
    }
}
