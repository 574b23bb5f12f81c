//! What the checks report: a problem with a stable code, a severity, a
//! message in English and Chinese, and a place (a task field, or a call
//! list's row and column).
//!
//! Severity follows one rule: an error is what NXLink refuses or what
//! certainly breaks a call; everything else is a warning.

use ivr_flow::{Severity, Text};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = $code:literal, $severity:ident;)*) => {
        /// The check a problem comes from. Codes are stable: tools and docs
        /// may rely on them.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
        #[ts(rename = "TaskCode")]
        pub enum Code {
            $($(#[$doc])* #[serde(rename = $code)] $variant,)*
        }

        impl Code {
            /// Every code, in the order the checks run.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The stable code, such as `row.phone-invalid`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// The severity problems of this code have.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }
        }
    };
}

codes! {
    /// A field `task/create` requires is empty (`taskName`, `autoFlowId`,
    /// `routeId`, `zoneSecond`): NXLink refuses the task.
    FieldRequired = "task.field-required", Error;
    /// A scheduled start without `startupAt`: NXLink requires it for
    /// `startupType` 2.
    StartupMissing = "task.startup-missing", Error;
    /// A scheduled start that is not in the future: the moment has passed.
    StartupPast = "task.startup-past", Error;
    /// `shutdownAt` is not after the start (or, for a task started otherwise,
    /// not after now): the task would stop before it calls anyone.
    ShutdownEarly = "task.shutdown-early", Error;
    /// `zoneSecond` outside -43,200..+50,400 (UTC-12 to UTC+14): no time zone.
    ZoneOutOfRange = "task.zone-out-of-range", Error;
    /// A `weekDay` value outside 1..7.
    WeekDayInvalid = "task.week-day-invalid", Error;
    /// An hour outside 0..23 in one of the four `*Fifteen` lists.
    HourInvalid = "task.hour-invalid", Error;
    /// A day or an hour listed twice: harmless, but not what was meant.
    Repeated = "task.repeated", Warning;
    /// No calling day, or no open quarter-hour: no call can ever be made.
    NoWindow = "task.no-window", Error;
    /// `orderMaxCall` below zero.
    RedialsNegative = "task.redials-negative", Error;
    /// Redials with an interval of zero or less (`replayInterval`).
    RedialIntervalInvalid = "task.redial-interval-invalid", Error;
    /// `maxCall` or `maxRingTime` below zero.
    LimitNegative = "task.limit-negative", Error;
    /// The task's `countryCode` is no country's calling code.
    CountryCodeUnknown = "task.country-code-unknown", Error;
    /// No `userTaskId`: a create whose answer is lost cannot be recognised,
    /// and derived contact ids depend on the number alone.
    UserTaskIdMissing = "task.user-task-id-missing", Warning;
    /// A callback address that is not an http(s) URL: NXLink cannot post to it.
    CallbackUrlInvalid = "task.callback-url-invalid", Warning;
    /// The call list has no contacts: the task is created empty.
    ListEmpty = "list.empty", Warning;
    /// A column names a variable the agent does not declare: NXLink refuses
    /// `params` names its flow does not have.
    VariableUndeclared = "list.variable-undeclared", Error;
    /// A contact without a phone number.
    PhoneEmpty = "row.phone-empty", Error;
    /// A phone number that does not parse: NXLink refuses it.
    PhoneInvalid = "row.phone-invalid", Error;
    /// A phone number that parses but is not valid for its country.
    PhoneUnlikely = "row.phone-unlikely", Warning;
    /// The contact's own calling code is no country's.
    RowCountryCodeUnknown = "row.country-code-unknown", Error;
    /// A contact id used by an earlier row: NXLink refuses the second.
    ContactIdDuplicate = "row.contact-id-duplicate", Error;
    /// A number called by an earlier row too.
    PhoneDuplicate = "row.phone-duplicate", Warning;
    /// A contact without a name (NXLink requires one; its number is sent as
    /// its name).
    NameEmpty = "row.name-empty", Warning;
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a problem is: a task field (wire name), or a call list's row and
/// column (the header's text), or a whole column (row 1, the header).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Place {
    /// The task field, by its wire name (`startupAt`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
    /// The call list's row (spreadsheet numbering, header = 1; for rows held
    /// in the task, their position from 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional, as = "Option<f64>")]
    pub row: Option<usize>,
    /// The call list's column, by its header text.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub column: Option<String>,
}

impl Place {
    /// A task field.
    pub fn field(name: &str) -> Place {
        Place {
            field: Some(name.to_owned()),
            ..Place::default()
        }
    }

    /// A cell of the call list.
    pub fn cell(row: usize, column: &str) -> Place {
        Place {
            field: None,
            row: Some(row),
            column: Some(column.to_owned()),
        }
    }
}

/// One problem found in a task or its call list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct TaskProblem {
    pub code: Code,
    pub severity: Severity,
    pub message: Text,
    pub place: Place,
}

impl TaskProblem {
    /// A problem of this code, with its code's severity.
    pub fn new(code: Code, place: Place, message: Text) -> TaskProblem {
        TaskProblem {
            code,
            severity: code.severity(),
            message,
            place,
        }
    }
}
