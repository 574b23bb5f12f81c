//! The call list: undeclared variables (once per column), then each row's
//! number (parsed as its own or the task's calling code says, kept in
//! E.164), duplicate ids and numbers, empty cells. Rows without an error
//! become the contacts to send, their ids fixed.

use ivr_flow::{Severity, Text};
use rustc_hash::FxHashMap;

use crate::call_list::CallList;
use crate::contact_id;
use crate::model::{Param, Task};
use crate::phone::{Parsed, Regions, parse};
use crate::problem::{Code, Place, TaskProblem};
use crate::wire::WireContact;

pub(super) fn check_list(
    task: &Task,
    list: &CallList,
    declared: &[String],
    regions: &mut Regions,
    out: &mut Vec<TaskProblem>,
) -> (Vec<WireContact>, usize) {
    if list.contacts.is_empty() {
        out.push(TaskProblem::new(
            Code::ListEmpty,
            Place::field("callList"),
            Text::new(
                "The call list has no contacts: the task will be created empty.",
                "名单中没有联系人：将创建一个空任务。",
            ),
        ));
    }

    // Undeclared variables, once per column. For a CSV the place is the
    // header cell (row 1); rows held in the task have no header row.
    let header_row = list.encoding.map(|_| 1);
    let mut sendable = vec![true; list.variables.len()];
    for (i, name) in list.variables.iter().enumerate() {
        if !declared.iter().any(|d| d == name) {
            sendable[i] = false;
            let known = if declared.is_empty() {
                ("none".to_owned(), "无".to_owned())
            } else {
                (declared.join(", "), declared.join("、"))
            };
            out.push(TaskProblem::new(
                Code::VariableUndeclared,
                Place {
                    field: None,
                    row: header_row,
                    column: Some(name.clone()),
                },
                Text::new(
                    format!("The agent declares no variable \"{name}\" (it declares: {}); NXLink refuses it. Declare it in the flow or the task's variables, or rename the column.", known.0),
                    format!("AI Agent 未声明变量“{name}”（已声明：{}）；NXLink 会拒绝。请在流程或任务变量中声明它，或重命名该列。", known.1),
                ),
            ));
        }
    }

    // A CSV without a name column: one warning, not one per row.
    let has_name_column = !list.columns.name.is_empty();
    if !has_name_column && !list.contacts.is_empty() {
        out.push(TaskProblem::new(
            Code::NameEmpty,
            Place {
                field: None,
                row: header_row,
                column: None,
            },
            Text::new(
                "The call list has no name column (name, 姓名); NXLink requires a name, so each number is sent as its contact's name.",
                "名单中没有姓名列（name、姓名）；NXLink 要求提供姓名，将以号码作为联系人姓名发送。",
            ),
        ));
    }

    let task_region = match task.country_code.trim() {
        "" => None,
        code => regions.region(code),
    };
    let columns = &list.columns;
    let phone_column = columns.phone_number.as_str();
    let mut numbers: FxHashMap<String, (usize, usize)> = FxHashMap::default();
    let mut ids: FxHashMap<&str, usize> = FxHashMap::default();
    let mut contacts = Vec::with_capacity(list.contacts.len());
    let mut left_out = 0;

    for contact in &list.contacts {
        let row = contact.row;
        let mut error = false;
        let mut problem = |code: Code, column: &str, en: String, zh: String| {
            error |= code.severity() == Severity::Error;
            out.push(TaskProblem::new(
                code,
                Place::cell(row, column),
                Text::new(en, zh),
            ));
        };

        if !contact.contact_id.is_empty()
            && let Some(first) = ids.insert(&contact.contact_id, row)
        {
            ids.insert(&contact.contact_id, first);
            problem(
                Code::ContactIdDuplicate,
                &columns.contact_id,
                format!(
                    "Contact id \"{}\" is already used by row {first}; NXLink refuses a repeated id.",
                    contact.contact_id
                ),
                format!(
                    "名单 ID“{}”已被第 {first} 行使用；NXLink 会拒绝重复的 ID。",
                    contact.contact_id
                ),
            );
        }
        if contact.name.is_empty() && has_name_column {
            problem(
                Code::NameEmpty,
                &columns.name,
                "The contact has no name; NXLink requires one, so the number is sent as the name."
                    .into(),
                "联系人没有姓名；NXLink 要求提供，将以号码作为姓名发送。".into(),
            );
        }

        let mut e164 = None;
        let region = if contact.country_code.is_empty() {
            Some(task_region)
        } else {
            match regions.region(&contact.country_code) {
                Some(id) => Some(Some(id)),
                None => {
                    problem(
                        Code::RowCountryCodeUnknown,
                        &columns.country_code,
                        format!("\"{}\" is no country's calling code.", contact.country_code),
                        format!("“{}”不是任何国家的国际区号。", contact.country_code),
                    );
                    None
                }
            }
        };
        if contact.phone_number.is_empty() {
            problem(
                Code::PhoneEmpty,
                phone_column,
                "The contact has no phone number.".into(),
                "联系人没有电话号码。".into(),
            );
        } else if let Some(region) = region {
            match parse(&contact.phone_number, region, regions) {
                Parsed::Valid(n) => e164 = Some(n),
                Parsed::Unlikely(n) => {
                    problem(
                        Code::PhoneUnlikely,
                        phone_column,
                        format!(
                            "{} (read as {n}) is not a valid number for its country; check it.",
                            contact.phone_number
                        ),
                        format!(
                            "{}（识别为 {n}）不是该国家的有效号码，请核对。",
                            contact.phone_number
                        ),
                    );
                    e164 = Some(n);
                }
                Parsed::Invalid(why) => problem(
                    Code::PhoneInvalid,
                    phone_column,
                    format!(
                        "\"{}\" is not a phone number: {why}. Write it with its country code (+86 138 0000 0001) or set the country code.",
                        contact.phone_number
                    ),
                    format!(
                        "“{}”不是电话号码（{why}）。请写上国际区号（如 +86 138 0000 0001）或设置国码。",
                        contact.phone_number
                    ),
                ),
            }
        }

        let mut occurrence = 0;
        if let Some(n) = &e164 {
            let seen = numbers.entry(n.clone()).or_insert((row, 0));
            occurrence = seen.1;
            seen.1 += 1;
            if occurrence > 0 {
                let first = seen.0;
                problem(
                    Code::PhoneDuplicate,
                    phone_column,
                    format!("{n} is also on row {first}: it will be called twice."),
                    format!("{n} 与第 {first} 行重复：将被拨打两次。"),
                );
            }
        }

        match e164 {
            Some(number) if !error => {
                let contact_id = if contact.contact_id.is_empty() {
                    contact_id::derive(&task.user_task_id, &number, occurrence)
                } else {
                    contact.contact_id.clone()
                };
                let params = list
                    .variables
                    .iter()
                    .zip(&contact.params)
                    .zip(&sendable)
                    .filter(|((_, value), ok)| **ok && !value.is_empty())
                    .map(|((name, value), _)| Param {
                        name: name.clone(),
                        value: value.clone(),
                    })
                    .collect();
                contacts.push(WireContact {
                    contact_id,
                    name: if contact.name.is_empty() {
                        number.clone()
                    } else {
                        contact.name.clone()
                    },
                    phone_number: number,
                    other: contact.other.clone(),
                    params,
                });
            }
            _ => left_out += 1,
        }
    }
    (contacts, left_out)
}
