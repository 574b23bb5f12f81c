//! What validation reports: a problem with a stable code, a severity, a message
//! in English and Chinese, and where it is (block, exit, field or line).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::i18n::Text;
use crate::model::Provider;

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

            /// The severity problems of this code have when checking for
            /// `target`: an unwired exit is an error for CCC, whose publish
            /// refuses it.
            pub fn severity_for(self, target: Option<Provider>) -> Severity {
                match (self, target) {
                    (Code::ExitUnwired, Some(Provider::Aliyun | Provider::Aliyun2017)) => {
                        Severity::Error
                    }
                    _ => self.severity(),
                }
            }
        }
    };
}

codes! {
    /// The flow has no start block. Mirrors: Connect's Content requires a
    /// `StartAction`; a CCC Definition needs its INCOMING_CALL (2020) or start
    /// node (2017). With none, no call can enter the flow.
    StartMissing = "start.missing", Error;
    /// The flow has more than one start block. Mirrors: Connect's Content has
    /// one `StartAction`; CCC one INCOMING_CALL / start node.
    StartMultiple = "start.multiple", Error;
    /// The start block leads nowhere. Mirrors: Connect's `StartAction` must
    /// name an action; CCC refuses a start event with no next module. A call
    /// entering the flow would find nothing to do.
    StartUnwired = "start.unwired", Error;
    /// Two blocks share an id. Mirrors: Connect refuses Actions with a repeated
    /// `Identifier`; CCC activity ids are keys of the Definition.
    NodeDuplicateId = "node.duplicate-id", Error;
    /// A block names no catalog entry. Mirrors: no provider document can be
    /// written for it, so every target refuses it.
    NodeUnknownBlock = "node.unknown-block", Error;
    /// No path from the start reaches this block. Every provider accepts it.
    NodeUnreachable = "node.unreachable", Warning;
    /// Two lines share an id. Line ids are IVR Studio's own bookkeeping: no
    /// provider document carries them, so no provider refuses it.
    EdgeDuplicateId = "edge.duplicate-id", Warning;
    /// A line starts or ends at a block or exit that does not exist. Mirrors:
    /// Connect refuses a `NextAction` naming no action; CCC an event whose
    /// `next` names no activity.
    EdgeDangling = "edge.dangling", Error;
    /// A line enters the start block. Mirrors: the start is not an action
    /// (Connect: `StartAction` only) and not a target of any CCC event, so the
    /// line would name nothing the provider has.
    EdgeIntoStart = "edge.into-start", Error;
    /// A line leaves a Hang up or End flow block. These blocks have no exits,
    /// so no provider document can hold the line (the editor refuses to draw
    /// it; a hand-edited file can still have one).
    TerminalHasExit = "terminal.has-exit", Error;
    /// A provider action that ends the call (Connect's DisconnectParticipant,
    /// EndFlowExecution, EndFlowModuleExecution) carries a transition out of
    /// it. The call ends there and the transition is never taken; real flows
    /// carry such transitions and Connect takes them.
    TerminalTransition = "terminal.transition", Warning;
    /// An exit has more than one line. Mirrors: a Connect branch has one
    /// `NextAction`, a CCC event one `next`; the document cannot hold two.
    ExitMultipleLines = "exit.multiple-lines", Error;
    /// An exit has no line: the call ends there if it takes it. Amazon Connect
    /// accepts it (real flows leave Timeout and Error branches unwired), so
    /// it is a warning; CCC's publish refuses a module with an unwired exit,
    /// so for a CCC target it is reported as an error.
    ExitUnwired = "exit.unwired", Warning;
    /// A loop of blocks that never take the caller's time, with ways out of
    /// it. Whether it spins depends on values at run time; providers accept it.
    CycleNoWait = "cycle.no-wait", Warning;
    /// A loop of blocks that never take the caller's time and have no way
    /// out: the call certainly spins until the provider ends it (Connect and
    /// CCC stop a contact that runs too many steps without waiting).
    CycleNoExit = "cycle.no-exit", Error;
    /// A setting the provider itself requires is empty. Mirrors the
    /// provider's required parameters (Connect: `QueueId` of
    /// UpdateContactTargetQueue, `LambdaFunctionARN`, a prompt's text; CCC: a
    /// transfer's skill group). Settings a provider lets be empty are warnings
    /// ([`Code::FieldEmpty`]).
    FieldRequired = "field.required", Error;
    /// A setting the designer usually fills is empty, but the provider takes
    /// the flow as it is (a menu with no keys).
    FieldEmpty = "field.empty", Warning;
    /// A fixed value of a kind the provider refuses (a word where Connect
    /// takes a number, a key that is not a phone key). Dynamic values
    /// (`$.Attributes.x`, `$.External.x`, `${var}`) always pass.
    FieldInvalid = "field.invalid", Error;
    /// A fixed number outside the provider's limits (Connect: `LoopCount`
    /// 0..100, `InvocationTimeLimitSeconds` 1..8 seconds per the catalog).
    FieldOutOfRange = "field.out-of-range", Error;
    /// A text or list longer than the provider takes.
    FieldTooLong = "field.too-long", Error;
    /// A setting the block does not have. The provider ignores or keeps it.
    FieldUnknown = "field.unknown", Warning;
    /// A variable is used that the flow does not declare. Connect and CCC set
    /// attributes freely.
    VariableUndeclared = "variable.undeclared", Warning;
    /// A declared variable has an empty, malformed or repeated name. The
    /// declarations are IVR Studio's own (kept in Connect's Metadata); the
    /// providers do not read them.
    VariableInvalid = "variable.invalid", Warning;
    /// The target cannot carry this block. Mirrors: the target has no such
    /// action or activity (Connect refuses unknown action types).
    TargetUnsupportedBlock = "target.unsupported-block", Error;
    /// The flow has more blocks than the target allows. Mirrors: Connect's
    /// 250 actions per flow.
    TargetTooManyBlocks = "target.too-many-blocks", Error;
    /// An id is longer than the target allows. Mirrors: Connect's 50-character
    /// action `Identifier`.
    TargetIdTooLong = "target.id-too-long", Error;
    /// The flow, written in the target's format, is larger than the target
    /// allows. Mirrors: Connect's 256,000-character `Content`.
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
    /// Where it is, in the designer's words ("Block Collect digits 3 · exit
    /// Timeout"), never by an id or an exit's key; filled in by validation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub place: Option<Text>,
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
            place: None,
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
