//! Alibaba Cloud CCC's contact-flow APIs, 2020-07-01 and 2017-07-05, over the
//! [`crate::acs`] gateway, with state in `ccc.json`.
//!
//! 2020: ListContactFlows (PageNumber / PageSize 1..100, Type, SearchPattern,
//! SortOrder), CreateContactFlow, StartEditContactFlow (one open draft per
//! flow: a second one is refused with `Conflict.ContactFlowEditing`, 409),
//! CommitContactFlow, PublishContactFlow, DiscardEditingContactFlow,
//! GetContactFlow. The 2017 calls are in [`crate::ccc2017`]; both versions
//! share one state and gateway. Any InstanceId is accepted and created on
//! first use.

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::acs::{AcsError, Gateway, param, required, splitmix};
use crate::ccc2017::{self, Flow2017};
use crate::faults::{Faults, Plan};
use crate::store::Store;
use crate::{SandboxConfig, SandboxError};

/// API versions.
pub const V2020: &str = "2020-07-01";
pub const V2017: &str = "2017-07-05";

/// Everything the sandbox's CCC holds.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct CccState {
    /// Change counter: orders flows by update and seeds ids.
    pub seq: u64,
    pub instances: BTreeMap<String, Instance>,
}

/// One call-centre instance.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Instance {
    pub flows: Vec<Flow2020>,
    #[serde(default)]
    pub flows2017: Vec<Flow2017>,
}

/// A 2020 contact flow.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Flow2020 {
    pub id: String,
    pub name: String,
    pub r#type: String,
    pub description: String,
    /// The published (or, before a publish, the created) Definition.
    pub definition: String,
    pub published: bool,
    pub draft: Option<Draft>,
    pub created: String,
    pub updated: String,
    pub seq: u64,
}

/// An open draft of a 2020 flow.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Draft {
    pub id: String,
    pub editor: String,
    pub definition: String,
    pub description: String,
}

/// The CCC provider of the sandbox.
#[derive(Debug)]
pub struct Ccc {
    gateway: Gateway,
    clock_offset_secs: i64,
    store: Store<CccState>,
}

/// What the server sends back for one call.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub body: Value,
    pub headers: Vec<(&'static str, String)>,
    /// Close the connection instead of answering (the action was done).
    pub drop: bool,
    /// Wait this long first.
    pub delay: Duration,
}

type Params = [(String, String)];

impl Ccc {
    pub fn open(config: &SandboxConfig) -> Result<Self, SandboxError> {
        Ok(Ccc {
            gateway: Gateway::new(
                &config.credentials,
                Duration::from_secs(config.timestamp_tolerance_secs),
            ),
            store: Store::open(&config.data_dir, "ccc")?,
            clock_offset_secs: config.clock_offset_secs,
        })
    }

    /// Handles one RPC call: gateway checks, then the fault switches (only a
    /// request the gateway lets through uses one up), then the API.
    pub fn handle(&self, method: &str, params: &Params, faults: &Faults) -> Reply {
        let request_id = self.gateway.request_id();
        let action = param(params, "Action").unwrap_or_default().to_owned();
        let mut plan = Plan::default();
        let result = self.call(method, params, &action, || {
            plan = faults.take(&action);
            plan.clone()
        });
        let mut reply = match result {
            Ok(mut body) => {
                if let Value::Object(m) = &mut body {
                    m.insert("RequestId".into(), json!(request_id));
                }
                Reply {
                    status: 200,
                    body,
                    headers: Vec::new(),
                    drop: plan.drop,
                    delay: Duration::ZERO,
                }
            }
            Err(e) => Reply {
                status: e.status,
                body: e.body(&request_id),
                headers: e
                    .retry_after
                    .iter()
                    .map(|r| ("x-acs-retry-after", r.clone()))
                    .collect(),
                drop: false,
                delay: Duration::ZERO,
            },
        };
        reply.delay = Duration::from_millis(plan.delay_ms);
        reply
    }

    fn call(
        &self,
        method: &str,
        params: &Params,
        action: &str,
        take_faults: impl FnOnce() -> Plan,
    ) -> Result<Value, AcsError> {
        if !matches!(method, "GET" | "POST") {
            return Err(AcsError::new(
                405,
                "UnsupportedHTTPMethod",
                "RPC calls use GET or POST.",
            ));
        }
        let caller =
            self.gateway
                .authenticate(method, params, crate::clock(self.clock_offset_secs))?;
        let plan = take_faults();
        if plan.throttle {
            let mut e = AcsError::new(
                400,
                "Throttling.User",
                "Request was denied due to user flow control.",
            );
            e.retry_after = Some("1".into());
            return Err(e);
        }
        if plan.fail {
            return Err(AcsError::new(
                500,
                "InternalError",
                "The request processing has failed due to some unknown error, exception or failure.",
            ));
        }
        let version = required(params, "Version")?;
        let instance = required(params, "InstanceId")?.to_owned();
        let save_err = |m: String| AcsError::new(500, "InternalError", m);
        match (version, action) {
            (V2020, "ListContactFlows") => self.store.read(|s| list2020(s, &instance, params)),
            (V2020, "GetContactFlow") => self.store.read(|s| get2020(s, &instance, params)),
            (V2020, "CreateContactFlow") => self
                .store
                .update(|s| create2020(s, &instance, params), save_err),
            (V2020, "StartEditContactFlow") => self
                .store
                .update(|s| start_edit(s, &instance, params, &caller), save_err),
            (V2020, "CommitContactFlow") => self
                .store
                .update(|s| commit(s, &instance, params), save_err),
            (V2020, "PublishContactFlow") => self
                .store
                .update(|s| publish(s, &instance, params), save_err),
            (V2020, "DiscardEditingContactFlow") => self
                .store
                .update(|s| discard(s, &instance, params), save_err),
            (V2017, "CreateContactFlow") => self
                .store
                .update(|s| ccc2017::create(s, &instance, params, &caller), save_err),
            (V2017, "CommitContactFlowVersionModification") => self
                .store
                .update(|s| ccc2017::commit(s, &instance, params, &caller), save_err),
            (V2017, "PublishContactFlowVersion") => self
                .store
                .update(|s| ccc2017::publish(s, &instance, params), save_err),
            (V2017, "ListContactFlows") => self.store.read(|s| Ok(ccc2017::list(s, &instance))),
            (V2020 | V2017, _) => Err(AcsError::new(
                404,
                "InvalidAction.NotFound",
                format!("Specified api {action} is not found, please check your url and method."),
            )),
            _ => Err(AcsError::new(
                400,
                "InvalidVersion",
                format!("Specified parameter Version {version} is not valid."),
            )),
        }
    }
}

fn ok(data: Option<Value>) -> Value {
    let mut v = json!({"Code": "OK", "HttpStatusCode": 200, "Message": ""});
    if let (Some(d), Value::Object(m)) = (data, &mut v) {
        m.insert("Data".into(), d);
    }
    v
}

pub(crate) fn now_text() -> String {
    // "2021-03-08 15:34:49.0", as the API writes times.
    let iso = ivr_cloud::sign::iso8601_utc(SystemTime::now());
    format!("{}.0", iso.trim_end_matches('Z').replace('T', " "))
}

pub(crate) fn new_id(state: &mut CccState) -> String {
    state.seq += 1;
    let t = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    let a = splitmix(t ^ state.seq);
    let b = splitmix(a);
    format!(
        "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        (b >> 52) & 0xfff,
        b & 0xffff_ffff_ffff
    )
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

fn list2020(s: &CccState, instance: &str, params: &Params) -> Result<Value, AcsError> {
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

fn get2020(s: &CccState, instance: &str, params: &Params) -> Result<Value, AcsError> {
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

fn create2020(s: &mut CccState, instance: &str, params: &Params) -> Result<Value, AcsError> {
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

fn start_edit(
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

fn commit(s: &mut CccState, instance: &str, params: &Params) -> Result<Value, AcsError> {
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

fn publish(s: &mut CccState, instance: &str, params: &Params) -> Result<Value, AcsError> {
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

fn discard(s: &mut CccState, instance: &str, params: &Params) -> Result<Value, AcsError> {
    let f = open_draft(s, instance, params)?;
    f.draft = None;
    Ok(ok(None))
}
