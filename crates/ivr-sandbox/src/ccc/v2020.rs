//! CCC's contact-flow API 2020-07-01: ListContactFlows (PageNumber /
//! PageSize 1..100, Type, SearchPattern, SortOrder), CreateContactFlow,
//! StartEditContactFlow (one open draft per flow: a second one is refused
//! with `Conflict.ContactFlowEditing`, 409), CommitContactFlow,
//! PublishContactFlow, DiscardEditingContactFlow and GetContactFlow.

use serde_json::{Value, json};

use super::state::{CccState, Draft, Flow2020, new_id, now_text};
use crate::acs::{AcsError, Params, param, required};

fn ok(data: Option<Value>) -> Value {
    let mut v = json!({"Code": "OK", "HttpStatusCode": 200, "Message": ""});
    if let (Some(d), Value::Object(m)) = (data, &mut v) {
        m.insert("Data".into(), d);
    }
    v
}

fn number(params: &Params, name: &str) -> Result<u64, AcsError> {
    let raw = required(params, name)?;
    match raw.parse::<u64>() {
        Ok(n) if (1..=100).contains(&n) => Ok(n),
        _ => Err(AcsError::new(
            400,
            "Parameter.Invalid",
            format!("The parameter {name} must be an integer from 1 to 100, not {raw:?}."),
        )),
    }
}

fn check_definition(def: &str) -> Result<(), AcsError> {
    let ok = serde_json::from_str::<Value>(def)
        .ok()
        .is_some_and(|v| v.get("activities").is_some_and(Value::is_array));
    if ok {
        Ok(())
    } else {
        Err(AcsError::new(
            400,
            "Parameter.Definition",
            "The Definition is not a valid contact flow definition (a JSON object with activities).",
        ))
    }
}

fn check_type(ty: &str) -> Result<(), AcsError> {
    if matches!(ty, "MAIN_FLOW" | "SUB_FLOW" | "SURVEY_FLOW") {
        Ok(())
    } else {
        Err(AcsError::new(
            400,
            "Parameter.Type",
            format!("The Type {ty:?} is not one of MAIN_FLOW, SUB_FLOW, SURVEY_FLOW."),
        ))
    }
}

fn item(instance: &str, f: &Flow2020) -> Value {
    let mut v = json!({
        "ContactFlowId": f.id,
        "InstanceId": instance,
        "Name": f.name,
        "Type": f.r#type,
        "Definition": f.definition,
        "Description": f.description,
        "Published": f.published,
        "CreatedTime": f.created,
        "UpdatedTime": f.updated,
        "NumberList": [],
    });
    if let (Some(d), Value::Object(m)) = (&f.draft, &mut v) {
        m.insert("DraftId".into(), json!(d.id));
        m.insert("Editor".into(), json!(d.editor));
    }
    v
}

fn instance_flows<'a>(s: &'a CccState, instance: &str) -> &'a [Flow2020] {
    s.instances
        .get(instance)
        .map(|i| i.flows.as_slice())
        .unwrap_or_default()
}

pub(super) fn list(s: &CccState, instance: &str, params: &Params) -> Result<Value, AcsError> {
    let page = number(params, "PageNumber")?;
    let size = number(params, "PageSize")?;
    let ty = param(params, "Type").filter(|t| !t.is_empty());
    if let Some(t) = ty {
        check_type(t)?;
    }
    let pattern = param(params, "SearchPattern").unwrap_or_default();
    let mut flows: Vec<&Flow2020> = instance_flows(s, instance)
        .iter()
        .filter(|f| ty.is_none_or(|t| f.r#type == t))
        .filter(|f| pattern.is_empty() || f.name.contains(pattern) || f.id == pattern)
        .collect();
    flows.sort_by_key(|f| f.seq);
    if param(params, "SortOrder") != Some("ASC") {
        flows.reverse();
    }
    let total = flows.len();
    let start = usize::try_from((page - 1) * size).unwrap_or(usize::MAX);
    let list: Vec<Value> = flows
        .iter()
        .skip(start)
        .take(usize::try_from(size).unwrap_or(100))
        .map(|f| item(instance, f))
        .collect();
    Ok(ok(Some(json!({
        "PageNumber": page,
        "PageSize": size,
        "TotalCount": total,
        "List": list,
    }))))
}

fn not_found(id: &str) -> AcsError {
    AcsError::new(
        404,
        "NotExists.ContactFlowId",
        format!("The specified contact flow {id} does not exist."),
    )
}

fn find<'a>(s: &'a mut CccState, instance: &str, id: &str) -> Result<&'a mut Flow2020, AcsError> {
    s.instances
        .entry(instance.to_owned())
        .or_default()
        .flows
        .iter_mut()
        .find(|f| f.id == id)
        .ok_or_else(|| not_found(id))
}

pub(super) fn get(s: &CccState, instance: &str, params: &Params) -> Result<Value, AcsError> {
    let id = required(params, "ContactFlowId")?;
    let f = instance_flows(s, instance)
        .iter()
        .find(|f| f.id == id)
        .ok_or_else(|| not_found(id))?;
    let mut v = item(instance, f);
    // With the open draft's id, the draft's Definition is shown.
    if let (Some(d), Some(want)) = (&f.draft, param(params, "DraftId"))
        && d.id == want
        && let Value::Object(m) = &mut v
    {
        m.insert("Definition".into(), json!(d.definition));
        m.insert("Description".into(), json!(d.description));
    }
    Ok(ok(Some(v)))
}

pub(super) fn create(s: &mut CccState, instance: &str, params: &Params) -> Result<Value, AcsError> {
    let name = required(params, "Name")?.to_owned();
    let definition = required(params, "Definition")?.to_owned();
    let ty = required(params, "Type")?.to_owned();
    let description = required(params, "Description")?.to_owned();
    check_type(&ty)?;
    check_definition(&definition)?;
    let id = new_id(s);
    let now = now_text();
    let seq = s.seq;
    s.instances
        .entry(instance.to_owned())
        .or_default()
        .flows
        .push(Flow2020 {
            id: id.clone(),
            name,
            r#type: ty,
            description,
            definition,
            published: false,
            draft: None,
            created: now.clone(),
            updated: now,
            seq,
        });
    Ok(ok(Some(json!(id))))
}

pub(super) fn start_edit(
    s: &mut CccState,
    instance: &str,
    params: &Params,
    caller: &str,
) -> Result<Value, AcsError> {
    let id = required(params, "ContactFlowId")?;
    let draft_id = new_id(s);
    let f = find(s, instance, id)?;
    if let Some(d) = &f.draft {
        return Err(AcsError::new(
            409,
            "Conflict.ContactFlowEditing",
            format!(
                "The contact flow {id} is being edited by {} (draft {}); commit, publish or discard that draft first.",
                d.editor, d.id
            ),
        ));
    }
    f.draft = Some(Draft {
        id: draft_id.clone(),
        editor: caller.to_owned(),
        definition: f.definition.clone(),
        description: f.description.clone(),
    });
    Ok(ok(Some(json!(draft_id))))
}

fn open_draft<'a>(
    s: &'a mut CccState,
    instance: &str,
    params: &Params,
) -> Result<&'a mut Flow2020, AcsError> {
    let id = required(params, "ContactFlowId")?;
    let draft = required(params, "DraftId")?;
    let f = find(s, instance, id)?;
    if f.draft.as_ref().is_none_or(|d| d.id != draft) {
        return Err(AcsError::new(
            404,
            "NotExists.DraftId",
            format!("The draft {draft} of contact flow {id} does not exist or is closed."),
        ));
    }
    Ok(f)
}

pub(super) fn commit(s: &mut CccState, instance: &str, params: &Params) -> Result<Value, AcsError> {
    let definition = required(params, "Definition")?.to_owned();
    check_definition(&definition)?;
    let description = required(params, "Description")?.to_owned();
    s.seq += 1;
    let seq = s.seq;
    let f = open_draft(s, instance, params)?;
    if let Some(d) = &mut f.draft {
        d.definition = definition;
        d.description = description;
    }
    f.updated = now_text();
    f.seq = seq;
    Ok(ok(None))
}

pub(super) fn publish(
    s: &mut CccState,
    instance: &str,
    params: &Params,
) -> Result<Value, AcsError> {
    s.seq += 1;
    let seq = s.seq;
    let f = open_draft(s, instance, params)?;
    if let Some(d) = f.draft.take() {
        f.definition = d.definition;
        f.description = d.description;
    }
    f.published = true;
    f.updated = now_text();
    f.seq = seq;
    Ok(ok(None))
}

pub(super) fn discard(
    s: &mut CccState,
    instance: &str,
    params: &Params,
) -> Result<Value, AcsError> {
    let f = open_draft(s, instance, params)?;
    f.draft = None;
    Ok(ok(None))
}
