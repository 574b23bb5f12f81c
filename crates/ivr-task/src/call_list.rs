//! The call list: contacts with their id, name, number, calling code,
//! pass-through field and variable values, read from a CSV file (as Excel
//! writes it: CRLF, quoted fields, UTF-8 with or without BOM, or GB18030) or
//! taken from the rows a task holds. Rows are numbered as a spreadsheet shows
//! them: the header is row 1, the first contact row 2.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use crate::decode::Encoding;
use crate::decode::decode;
use crate::header::{HeaderError, Role, map_header};
use crate::model::{CallSource, ContactRow, Task};

/// The largest call list read: 200 MiB.
pub const MAX_CSV_BYTES: usize = 200 * 1024 * 1024;

/// A call list, whatever its source.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct CallList {
    /// The encoding of the CSV file; none for rows held in the task.
    #[ts(optional)]
    pub encoding: Option<Encoding>,
    /// The names shown for the contact's columns in problems' places: the
    /// CSV's own header text, or the wire names for rows held in the task.
    pub columns: ColumnNames,
    /// The variables' names, in order; each contact's `params` lines up.
    pub variables: Vec<String>,
    pub contacts: Vec<Contact>,
}

/// The header text of each contact column (empty when the file has none).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ColumnNames {
    pub contact_id: String,
    pub name: String,
    pub phone_number: String,
    pub country_code: String,
    pub other: String,
}

/// One contact of a call list, as read.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Contact {
    /// Its row: in a CSV file the spreadsheet row (header = 1); in a task, its
    /// position in `callList.rows` counted from 1.
    #[ts(as = "f64")]
    pub row: usize,
    pub contact_id: String,
    pub name: String,
    pub phone_number: String,
    pub country_code: String,
    pub other: String,
    /// One value per [`CallList::variables`] name ("" when not given).
    pub params: Vec<String>,
}

/// Why a call list cannot be read. Each message says where and what to do.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum CallListError {
    #[error("cannot read {path}: {message}")]
    Io { path: String, message: String },
    #[error(
        "the call list is {bytes} bytes, over the {limit}-byte limit; split it into several tasks"
    )]
    TooLarge { bytes: usize, limit: usize },
    #[error(
        "the call list is empty; its first row must name the columns, one of them the phone number (phoneNumber, phone, mobile, 电话, 手机...)"
    )]
    Empty,
    #[error(
        "no column holds the phone number: the header row has {found}; name one column phoneNumber (or phone, mobile, tel, 电话, 手机, 手机号)"
    )]
    NoPhoneColumn { found: String },
    #[error(
        "columns \"{first}\" and \"{second}\" both hold the contact's {role}; keep one, or rename the other to make it a variable"
    )]
    ColumnTwice {
        role: String,
        first: String,
        second: String,
    },
    #[error("column {column} of the header row has no name; name it or delete the column")]
    UnnamedColumn { column: usize },
    #[error("two columns are called \"{name}\"; each variable needs a column of its own name")]
    RepeatedColumn { name: String },
    #[error("row {row}: not readable as CSV: {message}")]
    Csv { row: usize, message: String },
}

impl From<HeaderError> for CallListError {
    fn from(e: HeaderError) -> CallListError {
        match e {
            HeaderError::NoPhone { found } => CallListError::NoPhoneColumn {
                found: if found.iter().all(|n| n.trim().is_empty()) {
                    "no names".into()
                } else {
                    found
                        .iter()
                        .map(|n| format!("\"{n}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                },
            },
            HeaderError::Twice {
                role,
                first,
                second,
            } => CallListError::ColumnTwice {
                role: role.wire_name().into(),
                first,
                second,
            },
            HeaderError::Unnamed { column } => CallListError::UnnamedColumn { column },
            HeaderError::RepeatedVariable { name } => CallListError::RepeatedColumn { name },
        }
    }
}

/// Reads a CSV call list from its bytes: decoded (UTF-8, UTF-8 with BOM or
/// GB18030), its header mapped, every row taken as a contact. Blank rows are
/// skipped; a short row's missing cells are empty.
pub fn read_call_list(bytes: &[u8]) -> Result<CallList, CallListError> {
    if bytes.len() > MAX_CSV_BYTES {
        return Err(CallListError::TooLarge {
            bytes: bytes.len(),
            limit: MAX_CSV_BYTES,
        });
    }
    let (text, encoding) = decode(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header: Vec<String> = loop {
        match records.next() {
            None => return Err(CallListError::Empty),
            Some(Err(e)) => return Err(csv_error(1, &e)),
            Some(Ok(r)) if r.iter().all(|c| c.trim().is_empty()) => continue,
            Some(Ok(r)) => break r.iter().map(str::to_owned).collect(),
        }
    };
    let columns = map_header(&header)?;
    let name_of = |i: Option<usize>| i.map(|i| header[i].clone()).unwrap_or_default();
    let mut list = CallList {
        encoding: Some(encoding),
        columns: ColumnNames {
            contact_id: name_of(columns.contact_id),
            name: name_of(columns.name),
            phone_number: name_of(columns.phone_number),
            country_code: name_of(columns.country_code),
            other: name_of(columns.other),
        },
        variables: columns
            .variables
            .iter()
            .map(|&i| header[i].trim().to_owned())
            .collect(),
        contacts: Vec::new(),
    };
    for (row, record) in (2..).zip(records) {
        let record = record.map_err(|e| csv_error(row, &e))?;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |i: Option<usize>| {
            i.and_then(|i| record.get(i))
                .map(|c| c.trim().to_owned())
                .unwrap_or_default()
        };
        list.contacts.push(Contact {
            row,
            contact_id: cell(columns.contact_id),
            name: cell(columns.name),
            phone_number: cell(columns.phone_number),
            country_code: cell(columns.country_code),
            other: cell(columns.other),
            params: columns.variables.iter().map(|&i| cell(Some(i))).collect(),
        });
    }
    Ok(list)
}

/// Reads the CSV call list at `path` (the one I/O of this crate: a task names
/// its call list by path).
pub fn read_call_list_file(path: &Path) -> Result<CallList, CallListError> {
    let io = |e: std::io::Error| CallListError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_CSV_BYTES as u64 {
        return Err(CallListError::TooLarge {
            bytes: usize::try_from(size).unwrap_or(usize::MAX),
            limit: MAX_CSV_BYTES,
        });
    }
    read_call_list(&std::fs::read(path).map_err(io)?)
}

/// The call list a task names or holds: for a CSV file, `task_dir` is the
/// folder of the task file, which the file's path is relative to.
pub fn load_call_list(task: &Task, task_dir: &Path) -> Result<CallList, CallListError> {
    match &task.calls {
        CallSource::File(name) => read_call_list_file(&task_dir.join(name)),
        CallSource::Rows(rows) => Ok(from_rows(rows)),
    }
}

/// The call list of rows a task holds. Variables are the names its rows'
/// `params` use, in the order first seen.
pub fn from_rows(rows: &[ContactRow]) -> CallList {
    let mut variables: Vec<String> = Vec::new();
    for param in rows.iter().flat_map(|r| &r.params) {
        if !variables.contains(&param.name) {
            variables.push(param.name.clone());
        }
    }
    let contacts = rows
        .iter()
        .enumerate()
        .map(|(i, r)| Contact {
            row: i + 1,
            contact_id: r.contact_id.trim().to_owned(),
            name: r.name.trim().to_owned(),
            phone_number: r.phone_number.trim().to_owned(),
            country_code: r.country_code.trim().to_owned(),
            other: r.other.clone(),
            params: variables
                .iter()
                .map(|v| {
                    r.params
                        .iter()
                        .find(|p| &p.name == v)
                        .map(|p| p.value.clone())
                        .unwrap_or_default()
                })
                .collect(),
        })
        .collect();
    CallList {
        encoding: None,
        columns: ColumnNames {
            contact_id: Role::ContactId.wire_name().into(),
            name: Role::Name.wire_name().into(),
            phone_number: Role::PhoneNumber.wire_name().into(),
            country_code: Role::CountryCode.wire_name().into(),
            other: Role::Other.wire_name().into(),
        },
        variables,
        contacts,
    }
}

/// The rows a task holds for `list` (the app keeps an imported CSV in the
/// task, editable in place): every variable of the list on every row, an
/// empty value included, so the columns stay when a value is cleared.
/// The inverse of [`from_rows`].
pub fn to_rows(list: &CallList) -> Vec<ContactRow> {
    list.contacts
        .iter()
        .map(|c| ContactRow {
            contact_id: c.contact_id.clone(),
            name: c.name.clone(),
            phone_number: c.phone_number.clone(),
            country_code: c.country_code.clone(),
            other: c.other.clone(),
            params: list
                .variables
                .iter()
                .zip(c.params.iter().chain(std::iter::repeat(&String::new())))
                .map(|(name, value)| crate::model::Param {
                    name: name.clone(),
                    value: value.clone(),
                })
                .collect(),
        })
        .collect()
}

fn csv_error(row: usize, e: &csv::Error) -> CallListError {
    CallListError::Csv {
        row,
        message: e.to_string(),
    }
}
