//! NXLink outbound AI-agent tasks: the task model and its `*.task.json` file,
//! the call-list reader (CSV from Excel, UTF-8 or GB18030), the checks run
//! before anything is sent, and the `task/create` and `call/append` bodies.
//!
//! Pure: no async, no network. The only I/O is [`call_list::read_call_list_file`],
//! which reads the CSV file a task names; everything else is a function of
//! its arguments, so the app, the `ivr` command and the tests share one engine.

pub mod call_list;
pub mod check;
pub mod contact_id;
pub mod decode;
pub mod file;
pub mod header;
pub mod model;
pub mod phone;
pub mod problem;
#[cfg(feature = "test-support")]
pub mod synth;
pub mod variables;
pub mod wire;

pub use call_list::{
    CallList, CallListError, Contact, Encoding, from_rows, load_call_list, read_call_list,
    read_call_list_file, to_rows,
};
pub use check::{Prepared, check, numbers, prepare};
pub use file::{TaskFileError, from_bytes, to_bytes};
pub use model::{CallSource, ContactRow, Param, StartType, Task};
pub use problem::{Code, Place, TaskProblem};
pub use variables::{declared_variables, flow_variables};
pub use wire::{DEFAULT_CHUNK, NotReady, WireContact, append_body, chunks, create_body};
