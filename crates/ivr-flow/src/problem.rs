//! What validation reports: a problem with a stable code, a severity, a message
//! in English and Chinese, and where it is (block, exit, field or line).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::i18n::Text;

/// How bad a problem is. Errors stop a publish; warnings and notes do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    /// The lower-case name used in text and JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = $code:literal, $severity:ident;)*) => {
        /// The rule a problem comes from. Codes are stable: tools and docs may rely on them.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
        pub enum Code {
            $($(#[$doc])* #[serde(rename = $code)] $variant,)*
        }

        impl Code {
            /// Every code, in the order the rules run.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The stable code, such as `exit.unwired`.
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
    /// The flow has no start block.
    StartMissing = "start.missing", Error;
    /// The flow has more than one start block.
    StartMultiple = "start.multiple", Error;
    /// Two blocks share an id.
    NodeDuplicateId = "node.duplicate-id", Error;
    /// A block names no catalog entry.
    NodeUnknownBlock = "node.unknown-block", Error;
    /// No path from the start reaches this block.
    NodeUnreachable = "node.unreachable", Warning;
    /// Two lines share an id.
    EdgeDuplicateId = "edge.duplicate-id", Error;
    /// A line starts or ends at a block or exit that does not exist.
    EdgeDangling = "edge.dangling", Error;
    /// A line enters the start block.
    EdgeIntoStart = "edge.into-start", Error;
    /// A line leaves a block that ends the call.
    TerminalHasExit = "terminal.has-exit", Error;
    /// An exit has more than one line.
    ExitMultipleLines = "exit.multiple-lines", Error;
    /// An exit that must lead somewhere has no line.
    ExitUnwired = "exit.unwired", Error;
    /// A loop of blocks that never wait for the caller would spin forever.
    CycleNoWait = "cycle.no-wait", Error;
    /// A required setting is empty.
    FieldRequired = "field.required", Error;
    /// A setting has the wrong kind of value.
    FieldInvalid = "field.invalid", Error;
    /// A number is outside its limits.
    FieldOutOfRange = "field.out-of-range", Error;
    /// A text or list is longer than allowed.
    FieldTooLong = "field.too-long", Error;
    /// A setting the block does not have.
    FieldUnknown = "field.unknown", Warning;
    /// A variable is used that the flow does not declare.
    VariableUndeclared = "variable.undeclared", Warning;
    /// A declared variable has an empty, malformed or repeated name.
    VariableInvalid = "variable.invalid", Error;
    /// The target cannot carry this block.
    TargetUnsupportedBlock = "target.unsupported-block", Error;
    /// The flow has more blocks than the target allows.
    TargetTooManyBlocks = "target.too-many-blocks", Error;
    /// An id is longer than the target allows.
    TargetIdTooLong = "target.id-too-long", Error;
    /// The flow, written in the target's format, is larger than the target allows.
    TargetContentTooLarge = "target.content-too-large", Error;
    /// The target has no place for sticky notes: they stay in the file but are not published.
    TargetNotesDropped = "target.notes-dropped", Warning;
    /// A queue, prompt, flow or function the target instance may not have.
    ReferenceReview = "reference.review", Info;
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem found in a flow.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct Problem {
    pub code: Code,
    pub severity: Severity,
    pub message: Text,
    /// The block it is on.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub node: Option<String>,
    /// The exit it is on.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub port: Option<String>,
    /// The setting it is on.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
    /// The line it is on.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub edge: Option<String>,
}

impl Problem {
    /// A problem of this code, with its code's severity and no location yet.
    pub fn new(code: Code, message: Text) -> Problem {
        Problem {
            code,
            severity: code.severity(),
            message,
            node: None,
            port: None,
            field: None,
            edge: None,
        }
    }

    /// On this block.
    pub fn at_node(mut self, node: impl Into<String>) -> Problem {
        self.node = Some(node.into());
        self
    }

    /// On this exit.
    pub fn at_port(mut self, port: impl Into<String>) -> Problem {
        self.port = Some(port.into());
        self
    }

    /// On this setting.
    pub fn at_field(mut self, field: impl Into<String>) -> Problem {
        self.field = Some(field.into());
        self
    }

    /// On this line.
    pub fn at_edge(mut self, edge: impl Into<String>) -> Problem {
        self.edge = Some(edge.into());
        self
    }
}
