//! Amazon Connect Flow language (Content `"Version": "2019-10-30"`) <-> [`Flow`].
//!
//! # Inputs
//! [`decode`] accepts a Content object, a DescribeContactFlow response
//! (`{"ContactFlow": {..., "Content": "<json>"}}`), a CreateContactFlow body
//! (`{"Name", "Type", "Content": "<json>"}`) and a console export (a Content
//! object whose Metadata carries `name`, `description`, `type`, `status`,
//! `hash`). The old console export (`{"modules": [...], "version": "1"}`) is
//! refused with a message that names it. [`encode`] returns the Content object.
//!
//! # Mapping
//! The start block is synthetic: its `next` line is `StartAction`, its
//! position `Metadata.entryPointPosition`. Every other block is one action,
//! except `transfer_queue` / `transfer_agent` (UpdateContactTargetQueue +
//! TransferContactToQueue) and `collect_digits` with a variable
//! (GetParticipantInput `StoreInput: "True"` + UpdateContactAttributes
//! `{var: "$.StoredCustomerInput"}`): decode merges such a pair when the first
//! action's NextAction is the second and nothing else enters the second.
//! The tables are in `connect/blocks.rs`.
//!
//! Any action the mapping cannot express exactly becomes a `provider` block:
//! `params = {provider: "connect", type, exits, parameters}`. Its exits are
//! named `next` (NextAction), `error:<ErrorType>` (an Errors entry) and
//! `<Operator>:<operand>` (a Conditions entry with one string operand; other
//! operand lists are written as JSON: `Equals:["a","b"]`).
//!
//! # What is kept, and where
//! Each decoded action is re-encoded at once and compared with the original;
//! if they differ, the action is kept as a provider block instead, so
//! `encode(decode(x))` never loses an action's meaning. Fields the mapping
//! does not model are kept verbatim in `extra` maps, under these keys:
//! - node: `connect.parameters` (Parameters not mapped), `connect.action`
//!   (other action keys), `connect.transitions` (transitions not mapped to a
//!   port, in Transitions' own shape), `connect.metadata` (the action's
//!   ActionMetadata entry without `position`), `connect.raw` (a parameter's
//!   original spelling, such as a number written as a JSON number),
//!   `connect.absent` (keys the original left out), `connect.errors` and
//!   `connect.conditions` (the order Errors and Conditions came in, when it
//!   is not the order encode writes), `connect.type` (the action's type when
//!   the block is written as another by default), `connect.companion` (the
//!   second action of a pair, as a map of the same keys plus `Identifier`);
//! - edge: unknown keys of the transition entry;
//! - note: unknown keys of the annotation;
//! - flow: `connect.content` (top-level keys such as a module's `Settings`),
//!   `connect.metadata` (Metadata's other keys, `null` if there was none),
//!   `connect.orphans` (ActionMetadata entries of no action), `connect.absent`.
//!
//! IVR Studio's own fields that Connect has no place for (block labels,
//! parameters such as `interruptible`, branch case ids, variables, the start
//! block's id and label, kinds Connect does not name) are written into
//! `Metadata.ivr` and `ActionMetadata[id].ivr`, which the console keeps.

mod blocks;
mod decode;
mod encode;
mod kept;
mod layout;
mod raw;
mod wiring;
mod wrapper;

use serde_json::Value;

pub use raw::VERSION;

use super::error::{DecodeError, EncodeError};
use crate::model::{Flow, FlowKind};

/// Whether `value` is a Connect document: Content, a DescribeContactFlow
/// response, a CreateContactFlow body, or an old console export (which
/// [`decode`] refuses with a clear message).
pub fn detect(value: &Value) -> bool {
    wrapper::detect(value)
}

/// Reads a Connect document into a flow.
pub fn decode(value: &Value) -> Result<Flow, DecodeError> {
    let input = wrapper::unwrap(value)?;
    let mut flow = decode::content(&input.content).map_err(|e| input.rebase(e))?;
    input.apply(&mut flow);
    Ok(flow)
}

/// Writes a flow as a Connect Content object.
pub fn encode(flow: &Flow) -> Result<Value, EncodeError> {
    encode::content(&crate::spread::restore(flow))
}

/// The Connect flow type (`CONTACT_FLOW`, `CUSTOMER_QUEUE`, ...) a kind is
/// published as. Kinds Connect does not name (`sub`, `survey`) are published as
/// `CONTACT_FLOW`.
pub fn flow_type(kind: FlowKind) -> &'static str {
    wrapper::flow_type(kind)
}

/// Whether a Connect action type ends the call or the flow, so a transition
/// out of it is never taken.
pub fn ends_call(action_type: &str) -> bool {
    matches!(
        action_type,
        "DisconnectParticipant" | "EndFlowExecution" | "EndFlowModuleExecution"
    )
}

/// The kind for a Connect flow type, in API (`CUSTOMER_QUEUE`) or console
/// (`customerQueue`) spelling.
pub fn kind_of_type(ty: &str) -> Option<FlowKind> {
    wrapper::kind_of_type(ty)
}

/// Writes a flow as Content, as the bytes of a file: two-space indentation and
/// a final newline.
pub fn encode_bytes(flow: &Flow) -> Result<Vec<u8>, EncodeError> {
    let mut bytes =
        serde_json::to_vec_pretty(&encode(flow)?).map_err(|e| EncodeError::Other(e.to_string()))?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The Content as the API takes it (`CreateContactFlow` /
/// `UpdateContactFlowContent` `Content`): compact JSON. Its length in
/// characters is what Connect's 256,000 limit counts.
pub fn content_string(flow: &Flow) -> Result<String, EncodeError> {
    serde_json::to_string(&encode(flow)?).map_err(|e| EncodeError::Other(e.to_string()))
}

/// Every action Identifier [`encode`] writes, in order: one per block, two for
/// a pair (`<id>-transfer` for transfer_queue / transfer_agent, `<id>-store`
/// for collect_digits with a variable, unless the flow was imported with
/// other ids). For the 250-action and 50-character rules.
pub fn action_ids(flow: &Flow) -> Vec<String> {
    encode::action_ids(flow)
}

/// The name Connect's designer shows for a block's reference parameter
/// `key` (a queue, a flow, a module, a Lambda), kept from the export's
/// `ActionMetadata[id].parameters[Key].displayName`, if there is one.
pub fn shown_name<'a>(node: &'a crate::model::Node, key: &str) -> Option<&'a str> {
    let spec = blocks::spec_of(node)?;
    let field = spec.fields.iter().find(|f| f.key == key)?;
    node.extra
        .get("connect.metadata")?
        .get("parameters")?
        .get(field.path.first()?)?
        .get("displayName")?
        .as_str()
        .filter(|s| !s.trim().is_empty())
}

/// Whether a Sub-flow block is Connect's Invoke module (it was read from an
/// `InvokeFlowModule` action).
pub fn is_module_call(node: &crate::model::Node) -> bool {
    node.block == "sub_flow"
        && blocks::spec_of(node).is_some_and(|s| s.action == "InvokeFlowModule")
}
