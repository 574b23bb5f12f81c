//! CCC's legacy contact-flow API, 2017-07-05: CreateContactFlow (Content and
//! Canvas in the form body), CommitContactFlowVersionModification,
//! PublishContactFlowVersion and ListContactFlows, on the state of [`super::state`].
//!
//! The reference names these calls and their parameters but not how versions
//! move, so the sandbox keeps the simplest model that fits the one published
//! example: a flow has one working version. A create makes it a `Draft`; a
//! commit replaces its Content and Canvas, gives it a new version number and
//! makes it a `Draft` again; a publish makes it `Published` and the flow's
//! `AppliedVersion`.

use serde_json::{Value, json};

use super::state::{CccState, Flow2017, Version2017, new_id, now_text};
use crate::acs::{AcsError, Params, param, required};

fn envelope(key: &str, value: Value) -> Value {
    json!({"Success": true, "Code": "OK", "Message": "", "HttpStatusCode": 200, key: value})
}

fn flow_json(instance: &str, f: &Flow2017) -> Value {
    let versions: Vec<Value> = f
        .versions
        .iter()
        .map(|v| {
            json!({
                "ContactFlowVersionId": v.id,
                "Version": v.version,
                "Status": v.status,
                "Content": v.content,
                "Canvas": v.canvas,
                "LastModified": v.modified,
                "LastModifiedBy": v.modified_by,
                "LockedBy": v.modified_by,
                "ContactFlowVersionDescription": f.description,
            })
        })
        .collect();
    json!({
        "ContactFlowId": f.id,
        "ContactFlowName": f.name,
        "ContactFlowDescription": f.description,
        "Type": f.r#type,
        "InstanceId": instance,
        "AppliedVersion": f.applied,
        "Versions": {"ContactFlowVersion": versions},
        "PhoneNumbers": {"PhoneNumber": []},
    })
}

/// Content must be a JSON array of nodes, Canvas an object with a lineList.
fn check_content_canvas(content: &str, canvas: &str) -> Result<(), AcsError> {
    if !serde_json::from_str::<Value>(content).is_ok_and(|v| v.is_array()) {
        return Err(AcsError::new(
            400,
            "InvalidParameter.Content",
            "Content must be a JSON array of nodes.",
        ));
    }
    if !serde_json::from_str::<Value>(canvas).is_ok_and(|v| v.get("lineList").is_some()) {
        return Err(AcsError::new(
            400,
            "InvalidParameter.Canvas",
            "Canvas must be a JSON object with a lineList.",
        ));
    }
    Ok(())
}

/// A version number as the API writes them: `20201216094041`.
fn version_number(modified: &str) -> String {
    modified
        .chars()
        .filter(char::is_ascii_digit)
        .take(14)
        .collect()
}

/// The flow holding version `id` in `instance`, and that version's index.
fn find_version<'a>(
    s: &'a mut CccState,
    instance: &str,
    id: &str,
) -> Result<(&'a mut Flow2017, usize), AcsError> {
    s.instances
        .entry(instance.to_owned())
        .or_default()
        .flows2017
        .iter_mut()
        .find_map(|f| {
            let at = f.versions.iter().position(|v| v.id == id)?;
            Some((f, at))
        })
        .ok_or_else(|| {
            AcsError::new(
                404,
                "NotExists.ContactFlowVersionId",
                format!("The specified contact flow version {id} does not exist."),
            )
        })
}

/// CreateContactFlow: a new flow with one `Draft` version.
pub fn create(
    s: &mut CccState,
    instance: &str,
    params: &Params,
    caller: &str,
) -> Result<Value, AcsError> {
    let name = required(params, "Name")?.to_owned();
    let ty = required(params, "Type")?.to_owned();
    let content = required(params, "Content")?.to_owned();
    let canvas = required(params, "Canvas")?.to_owned();
    let description = param(params, "Description").unwrap_or_default().to_owned();
    check_content_canvas(&content, &canvas)?;
    let id = new_id(s);
    let version_id = new_id(s);
    let modified = now_text();
    let flow = Flow2017 {
        id,
        name,
        r#type: ty,
        description,
        versions: vec![Version2017 {
            id: version_id,
            version: version_number(&modified),
            status: "Draft".into(),
            content,
            canvas,
            modified: modified.trim_end_matches(".0").to_owned(),
            modified_by: caller.to_owned(),
        }],
        applied: String::new(),
    };
    let out = flow_json(instance, &flow);
    s.instances
        .entry(instance.to_owned())
        .or_default()
        .flows2017
        .push(flow);
    Ok(envelope("ContactFlow", out))
}

/// CommitContactFlowVersionModification: new Content and Canvas for a
/// version, which becomes a `Draft` with a new version number.
pub fn commit(
    s: &mut CccState,
    instance: &str,
    params: &Params,
    caller: &str,
) -> Result<Value, AcsError> {
    let id = required(params, "ContactFlowVersionId")?;
    let content = required(params, "Content")?.to_owned();
    let canvas = required(params, "Canvas")?.to_owned();
    check_content_canvas(&content, &canvas)?;
    let modified = now_text();
    let (flow, at) = find_version(s, instance, id)?;
    let v = &mut flow.versions[at];
    v.content = content;
    v.canvas = canvas;
    v.status = "Draft".into();
    v.version = version_number(&modified);
    v.modified = modified.trim_end_matches(".0").to_owned();
    v.modified_by = caller.to_owned();
    Ok(envelope("ContactFlow", flow_json(instance, flow)))
}

/// PublishContactFlowVersion: the version goes live.
pub fn publish(s: &mut CccState, instance: &str, params: &Params) -> Result<Value, AcsError> {
    let id = required(params, "ContactFlowVersionId")?;
    let (flow, at) = find_version(s, instance, id)?;
    flow.versions[at].status = "Published".into();
    flow.applied = flow.versions[at].version.clone();
    Ok(envelope("ContactFlow", flow_json(instance, flow)))
}

/// ListContactFlows: every 2017 flow of the instance, with its versions.
pub fn list(s: &CccState, instance: &str) -> Value {
    let flows: Vec<Value> = s
        .instances
        .get(instance)
        .map(|i| i.flows2017.iter().map(|f| flow_json(instance, f)).collect())
        .unwrap_or_default();
    envelope("ContactFlows", json!({"ContactFlow": flows}))
}
