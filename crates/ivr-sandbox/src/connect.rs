//! Amazon Connect's contact-flow API (2017-08-08) over the [`crate::aws`]
//! gateway, with state in `connect.json`. REST + JSON:
//!
//! - `PUT /contact-flows/{InstanceId}`: CreateContactFlow (Name, Type,
//!   Content 1..256,000 characters, Description, Status `PUBLISHED` (default,
//!   validated) or `SAVED` (not validated), Tags <= 50) ->
//!   `{ContactFlowId, ContactFlowArn, FlowContentSha256}`;
//!   DuplicateResourceException (409) for a name the instance has.
//! - `GET /contact-flows-summary/{InstanceId}?contactFlowTypes=..&maxResults=..&nextToken=..`:
//!   ListContactFlows, in creation order, paged.
//! - `GET /contact-flows/{InstanceId}/{ContactFlowId}`: DescribeContactFlow;
//!   `{id}:$SAVED` shows the saved content; a flow never published answers
//!   ContactFlowNotPublishedException (404) without `:$SAVED`.
//! - `POST /contact-flows/{InstanceId}/{ContactFlowId}/content`:
//!   UpdateContactFlowContent (validated and published; with `:$SAVED`,
//!   saved without validation).
//! - `POST /contact-flows/{InstanceId}/{ContactFlowId}/metadata`:
//!   UpdateContactFlowMetadata (Name, Description, ContactFlowState).
//!
//! Validation of a `PUBLISHED` Content is light: it must be JSON, every
//! transition must lead to an action of the flow, and
//! [`ivr_flow::dialect::connect::decode`] must read it; refusals are
//! InvalidContactFlowException (400) with `problems` naming the action.
//! Any InstanceId is accepted and created on first use.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, SystemTime};

use hyper::{HeaderMap, Method, Uri};
use ivr_cloud::connect::content_sha256;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::aws::{AwsError, AwsGateway};
use crate::config::{SandboxConfig, SandboxError, clock};
use crate::faults::{Faults, Plan};
use crate::reply::Reply;
use crate::store::Store;

/// The account id in the ARNs the sandbox writes.
pub const ACCOUNT: &str = "123456789012";
/// Longest Content, in characters.
pub const MAX_CONTENT: usize = 256_000;
/// The flow types Connect names.
pub const TYPES: [&str; 10] = [
    "CONTACT_FLOW",
    "CUSTOMER_QUEUE",
    "CUSTOMER_HOLD",
    "CUSTOMER_WHISPER",
    "AGENT_HOLD",
    "AGENT_WHISPER",
    "OUTBOUND_WHISPER",
    "AGENT_TRANSFER",
    "QUEUE_TRANSFER",
    "CAMPAIGN",
];
/// The alias that names a flow's saved content.
pub const SAVED_ALIAS: &str = ":$SAVED";

/// Everything the sandbox's Connect holds.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct ConnectState {
    /// Change counter: orders flows and seeds ids.
    pub seq: u64,
    pub instances: BTreeMap<String, Instance>,
}

/// One Connect instance.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Instance {
    pub flows: Vec<ContactFlow>,
}

/// A contact flow.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ContactFlow {
    pub id: String,
    pub arn: String,
    pub name: String,
    pub r#type: String,
    /// `ACTIVE` or `ARCHIVED`.
    pub state: String,
    pub description: String,
    pub tags: BTreeMap<String, String>,
    /// The published Content, once published.
    pub published: Option<String>,
    /// Saved Content newer than the published one (or the only one).
    pub saved: Option<String>,
    pub version: u64,
    /// Seconds since the epoch.
    pub modified: f64,
    pub region: String,
    pub seq: u64,
}

impl ContactFlow {
    fn status(&self) -> &'static str {
        if self.published.is_some() {
            "PUBLISHED"
        } else {
            "SAVED"
        }
    }
}

/// The Connect provider of the sandbox.
#[derive(Debug)]
pub struct Connect {
    gateway: AwsGateway,
    clock_offset_secs: i64,
    store: Store<ConnectState>,
}

/// Whether a request is for Connect: any path but `/` (CCC's RPC), or a
/// SigV4 `Authorization` header.
pub fn is_connect_request(path: &str, headers: &HeaderMap) -> bool {
    path != "/"
        || headers
            .get(hyper::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("AWS4-"))
}

/// Which operation a request names, with its path parameters (decoded).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Op {
    Create { instance: String },
    List { instance: String },
    Describe { instance: String, id: String },
    UpdateContent { instance: String, id: String },
    UpdateMetadata { instance: String, id: String },
}

impl Op {
    fn name(&self) -> &'static str {
        match self {
            Op::Create { .. } => "CreateContactFlow",
            Op::List { .. } => "ListContactFlows",
            Op::Describe { .. } => "DescribeContactFlow",
            Op::UpdateContent { .. } => "UpdateContactFlowContent",
            Op::UpdateMetadata { .. } => "UpdateContactFlowMetadata",
        }
    }

    fn route(method: &Method, path: &str) -> Option<Op> {
        let segs: Vec<String> = path
            .strip_prefix('/')?
            .split('/')
            .map(percent_decode)
            .collect::<Option<_>>()?;
        let s: Vec<&str> = segs.iter().map(String::as_str).collect();
        let op = match (method.as_str(), s.as_slice()) {
            ("PUT", ["contact-flows", i]) => Op::Create {
                instance: (*i).to_owned(),
            },
            ("GET", ["contact-flows-summary", i]) => Op::List {
                instance: (*i).to_owned(),
            },
            ("GET", ["contact-flows", i, id]) => Op::Describe {
                instance: (*i).to_owned(),
                id: (*id).to_owned(),
            },
            ("POST", ["contact-flows", i, id, "content"]) => Op::UpdateContent {
                instance: (*i).to_owned(),
                id: (*id).to_owned(),
            },
            ("POST", ["contact-flows", i, id, "metadata"]) => Op::UpdateMetadata {
                instance: (*i).to_owned(),
                id: (*id).to_owned(),
            },
            _ => return None,
        };
        Some(op)
    }
}

/// Decodes `%XY` escapes of a path segment (`+` stays `+`). `None` for a
/// broken escape or bytes that are not UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

type Query = [(String, String)];

impl Connect {
    pub fn open(config: &SandboxConfig) -> Result<Self, SandboxError> {
        Ok(Connect {
            gateway: AwsGateway::new(&config.credentials),
            store: Store::open(&config.data_dir, "connect")?,
            clock_offset_secs: config.clock_offset_secs,
        })
    }

    /// Handles one REST call: the signature, then the fault switches (only
    /// a request the gateway lets through uses one up), then the API.
    pub fn handle(
        &self,
        method: &Method,
        uri: &Uri,
        headers: &HeaderMap,
        body: &[u8],
        faults: &Faults,
    ) -> Reply {
        let request_id = self.gateway.request_id();
        let mut plan = Plan::default();
        let result = self.call(method, uri, headers, body, |op| {
            plan = faults.take(op);
            plan.clone()
        });
        let mut headers = vec![("x-amzn-RequestId", request_id)];
        let mut reply = match result {
            Ok(body) => Reply {
                status: 200,
                body,
                headers,
                drop: plan.drop,
                delay: Duration::ZERO,
            },
            Err(e) => {
                headers.push(("x-amzn-ErrorType", e.code.clone()));
                Reply {
                    status: e.status,
                    body: e.body(),
                    headers,
                    drop: false,
                    delay: Duration::ZERO,
                }
            }
        };
        reply.delay = Duration::from_millis(plan.delay_ms);
        reply
    }

    fn call(
        &self,
        method: &Method,
        uri: &Uri,
        headers: &HeaderMap,
        body: &[u8],
        take_faults: impl FnOnce(&str) -> Plan,
    ) -> Result<Value, AwsError> {
        let path_and_query = uri.path_and_query().map_or("/", |p| p.as_str());
        let now = clock(self.clock_offset_secs);
        let caller = self
            .gateway
            .authenticate(method, path_and_query, headers, body, now)?;
        let op = Op::route(method, uri.path()).ok_or_else(|| {
            AwsError::new(
                404,
                "UnknownOperationException",
                format!("no operation at {} {}", method, uri.path()),
            )
        })?;
        let plan = take_faults(op.name());
        if plan.throttle {
            return Err(AwsError::new(429, "ThrottlingException", "Rate exceeded"));
        }
        if plan.fail {
            return Err(AwsError::new(
                500,
                "InternalServiceException",
                "Request processing failed because of an error or failure with the service.",
            ));
        }
        let query = crate::acs::parse_pairs(uri.query().unwrap_or_default().as_bytes());
        let save_err = |m: String| AwsError::new(500, "InternalServiceException", m);
        match op {
            Op::Create { instance } => {
                check_instance(&instance)?;
                let req = json_body(body)?;
                self.store
                    .update(|s| create(s, &instance, &req, &caller.region), save_err)
            }
            Op::List { instance } => {
                check_instance(&instance)?;
                self.store.read(|s| list(s, &instance, &query))
            }
            Op::Describe { instance, id } => self.store.read(|s| describe(s, &instance, &id)),
            Op::UpdateContent { instance, id } => {
                let req = json_body(body)?;
                self.store
                    .update(|s| update_content(s, &instance, &id, &req), save_err)
            }
            Op::UpdateMetadata { instance, id } => {
                let req = json_body(body)?;
                self.store
                    .update(|s| update_metadata(s, &instance, &id, &req), save_err)
            }
        }
    }
}

fn check_instance(instance: &str) -> Result<(), AwsError> {
    if instance.is_empty() || instance.chars().count() > 100 {
        return Err(AwsError::invalid_parameter(
            "InstanceId must be 1 to 100 characters",
        ));
    }
    Ok(())
}

fn json_body(body: &[u8]) -> Result<serde_json::Map<String, Value>, AwsError> {
    match serde_json::from_slice(body) {
        Ok(Value::Object(m)) => Ok(m),
        _ => Err(AwsError::invalid_request(
            "the request body must be a JSON object",
        )),
    }
}

fn text<'a>(
    req: &'a serde_json::Map<String, Value>,
    key: &str,
) -> Result<Option<&'a str>, AwsError> {
    match req.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(AwsError::invalid_request(format!("{key} must be a string"))),
    }
}

fn required<'a>(req: &'a serde_json::Map<String, Value>, key: &str) -> Result<&'a str, AwsError> {
    match text(req, key)? {
        Some(s) if !s.is_empty() => Ok(s),
        _ => Err(AwsError::invalid_request(format!(
            "1 validation error detected: Value null at '{}' failed to satisfy constraint: Member must not be null",
            lower_first(key)
        ))),
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_ascii_lowercase().to_string() + c.as_str())
        .unwrap_or_default()
}

fn check_content_length(content: &str) -> Result<(), AwsError> {
    let n = content.chars().count();
    if n == 0 || n > MAX_CONTENT {
        return Err(AwsError::invalid_parameter(format!(
            "Content must be 1 to {MAX_CONTENT} characters, not {n}"
        )));
    }
    Ok(())
}

/// The light checks of a `PUBLISHED` Content (see the module documentation).
pub fn validate_content(content: &str) -> Result<(), AwsError> {
    let invalid = |problems: Vec<String>| {
        let mut e = AwsError::new(400, "InvalidContactFlowException", "The flow is not valid.");
        e.problems = problems.into_iter().take(50).collect();
        e
    };
    let value: Value = serde_json::from_str(content)
        .map_err(|e| invalid(vec![format!("Content is not valid JSON: {e}")]))?;
    let actions = value
        .get("Actions")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let ids: BTreeSet<&str> = actions
        .iter()
        .filter_map(|a| a.get("Identifier").and_then(Value::as_str))
        .collect();
    let mut problems = Vec::new();
    if let Some(start) = value.get("StartAction").and_then(Value::as_str)
        && !ids.contains(start)
    {
        problems.push(format!(
            "StartAction '{start}' is not an action of this flow."
        ));
    }
    for a in actions {
        let id = a.get("Identifier").and_then(Value::as_str).unwrap_or("");
        for target in targets(a) {
            if !ids.contains(target) {
                problems.push(format!(
                    "Action '{id}' has a transition to '{target}', which is not an action of this flow."
                ));
            }
        }
    }
    if !problems.is_empty() {
        return Err(invalid(problems));
    }
    ivr_flow::dialect::connect::decode(&value).map_err(|e| invalid(vec![e.to_string()]))?;
    Ok(())
}

/// Every `NextAction` of an action's Transitions.
fn targets(action: &Value) -> Vec<&str> {
    let Some(t) = action.get("Transitions") else {
        return Vec::new();
    };
    let mut out: Vec<&str> = t
        .get("NextAction")
        .and_then(Value::as_str)
        .into_iter()
        .collect();
    for list in ["Errors", "Conditions"] {
        for entry in t.get(list).and_then(Value::as_array).into_iter().flatten() {
            out.extend(entry.get("NextAction").and_then(Value::as_str));
        }
    }
    out
}

fn new_id(state: &mut ConnectState) -> String {
    state.seq += 1;
    let t = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    let a = crate::acs::splitmix(t ^ state.seq);
    let b = crate::acs::splitmix(a);
    format!(
        "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        (b >> 52) & 0xfff,
        b & 0xffff_ffff_ffff
    )
}

fn now_secs() -> f64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| (d.as_millis() as f64) / 1000.0)
        .unwrap_or(0.0)
}

fn flows_mut<'a>(s: &'a mut ConnectState, instance: &str) -> &'a mut Vec<ContactFlow> {
    &mut s.instances.entry(instance.to_owned()).or_default().flows
}

fn flows<'a>(s: &'a ConnectState, instance: &str) -> &'a [ContactFlow] {
    s.instances
        .get(instance)
        .map(|i| i.flows.as_slice())
        .unwrap_or_default()
}

fn create(
    s: &mut ConnectState,
    instance: &str,
    req: &serde_json::Map<String, Value>,
    region: &str,
) -> Result<Value, AwsError> {
    let name = required(req, "Name")?.to_owned();
    let ty = required(req, "Type")?.to_owned();
    let content = required(req, "Content")?.to_owned();
    let description = text(req, "Description")?.unwrap_or_default().to_owned();
    let status = text(req, "Status")?.unwrap_or("PUBLISHED");
    if !TYPES.contains(&ty.as_str()) {
        return Err(AwsError::invalid_parameter(format!(
            "Type {ty:?} is not one of {}",
            TYPES.join(", ")
        )));
    }
    if !matches!(status, "PUBLISHED" | "SAVED") {
        return Err(AwsError::invalid_parameter(format!(
            "Status {status:?} is not one of PUBLISHED, SAVED"
        )));
    }
    let tags = tags_of(req)?;
    check_content_length(&content)?;
    if flows(s, instance).iter().any(|f| f.name == name) {
        return Err(AwsError::new(
            409,
            "DuplicateResourceException",
            format!("A flow with the name {name:?} already exists in this instance."),
        ));
    }
    if status == "PUBLISHED" {
        validate_content(&content)?;
    }
    let id = new_id(s);
    let seq = s.seq;
    let arn = format!("arn:aws:connect:{region}:{ACCOUNT}:instance/{instance}/contact-flow/{id}");
    let sha = content_sha256(&content);
    let (published, saved) = if status == "PUBLISHED" {
        (Some(content), None)
    } else {
        (None, Some(content))
    };
    flows_mut(s, instance).push(ContactFlow {
        id: id.clone(),
        arn: arn.clone(),
        name,
        r#type: ty,
        state: "ACTIVE".into(),
        description,
        tags,
        published,
        saved,
        version: 1,
        modified: now_secs(),
        region: region.to_owned(),
        seq,
    });
    Ok(json!({"ContactFlowId": id, "ContactFlowArn": arn, "FlowContentSha256": sha}))
}

fn tags_of(req: &serde_json::Map<String, Value>) -> Result<BTreeMap<String, String>, AwsError> {
    let Some(v) = req.get("Tags").filter(|v| !v.is_null()) else {
        return Ok(BTreeMap::new());
    };
    let Value::Object(m) = v else {
        return Err(AwsError::invalid_request("Tags must be a map of strings"));
    };
    if m.len() > 50 {
        return Err(AwsError::invalid_parameter("at most 50 tags"));
    }
    m.iter()
        .map(|(k, v)| match v {
            Value::String(s) if !k.is_empty() && !k.starts_with("aws:") => {
                Ok((k.clone(), s.clone()))
            }
            _ => Err(AwsError::invalid_parameter(format!("invalid tag {k:?}"))),
        })
        .collect()
}

fn summary(f: &ContactFlow) -> Value {
    json!({
        "Id": f.id,
        "Arn": f.arn,
        "Name": f.name,
        "ContactFlowType": f.r#type,
        "ContactFlowState": f.state,
        "ContactFlowStatus": f.status(),
    })
}

fn list(s: &ConnectState, instance: &str, query: &Query) -> Result<Value, AwsError> {
    let types: Vec<&str> = query
        .iter()
        .filter(|(k, _)| k == "contactFlowTypes")
        .map(|(_, v)| v.as_str())
        .collect();
    if types.len() > 10 {
        return Err(AwsError::invalid_parameter("at most 10 contactFlowTypes"));
    }
    if let Some(bad) = types.iter().find(|t| !TYPES.contains(t)) {
        return Err(AwsError::invalid_parameter(format!(
            "contactFlowTypes {bad:?} is not one of {}",
            TYPES.join(", ")
        )));
    }
    let param = |name: &str| {
        query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let max = match param("maxResults") {
        None => 100,
        Some(raw) => match raw.parse::<usize>() {
            Ok(n) if (1..=1000).contains(&n) => n,
            _ => {
                return Err(AwsError::invalid_parameter(format!(
                    "maxResults must be from 1 to 1000, not {raw:?}"
                )));
            }
        },
    };
    let start = match param("nextToken") {
        None => 0,
        Some(t) => t
            .strip_prefix("sbx-")
            .and_then(|n| n.parse::<usize>().ok())
            .ok_or_else(|| AwsError::invalid_parameter("the nextToken is not valid"))?,
    };
    let mut matching: Vec<&ContactFlow> = flows(s, instance)
        .iter()
        .filter(|f| types.is_empty() || types.contains(&f.r#type.as_str()))
        .collect();
    matching.sort_by_key(|f| f.seq);
    let page: Vec<Value> = matching
        .iter()
        .skip(start)
        .take(max)
        .map(|f| summary(f))
        .collect();
    let mut out = json!({"ContactFlowSummaryList": page});
    if start + max < matching.len()
        && let Value::Object(m) = &mut out
    {
        m.insert("NextToken".into(), json!(format!("sbx-{}", start + max)));
    }
    Ok(out)
}

/// Splits `id:$SAVED` into the id and whether the saved content is asked for.
fn split_alias(id: &str) -> (&str, bool) {
    match id.strip_suffix(SAVED_ALIAS) {
        Some(plain) => (plain, true),
        None => (id, false),
    }
}

fn flow_not_found(id: &str) -> AwsError {
    AwsError::not_found(format!("Flow not found: {id}"))
}

fn describe(s: &ConnectState, instance: &str, id: &str) -> Result<Value, AwsError> {
    let (plain, saved) = split_alias(id);
    let f = flows(s, instance)
        .iter()
        .find(|f| f.id == plain || f.arn == plain)
        .ok_or_else(|| flow_not_found(plain))?;
    let (content, status) = match (saved, &f.saved, &f.published) {
        (true, Some(c), _) => (c, "SAVED"),
        (_, _, Some(c)) => (c, "PUBLISHED"),
        (false, _, None) => {
            return Err(AwsError::new(
                404,
                "ContactFlowNotPublishedException",
                format!(
                    "The flow {plain} has not been published; describe {plain}:$SAVED for its saved content."
                ),
            ));
        }
        (true, None, None) => return Err(flow_not_found(plain)),
    };
    Ok(json!({"ContactFlow": {
        "Arn": f.arn,
        "Id": f.id,
        "Name": f.name,
        "Type": f.r#type,
        "State": f.state,
        "Status": status,
        "Description": f.description,
        "Content": content,
        "Tags": f.tags,
        "FlowContentSha256": content_sha256(content),
        "Version": f.version,
        "LastModifiedTime": f.modified,
        "LastModifiedRegion": f.region,
    }}))
}

fn find_mut<'a>(
    s: &'a mut ConnectState,
    instance: &str,
    id: &str,
) -> Result<&'a mut ContactFlow, AwsError> {
    flows_mut(s, instance)
        .iter_mut()
        .find(|f| f.id == id || f.arn == id)
        .ok_or_else(|| flow_not_found(id))
}

fn update_content(
    s: &mut ConnectState,
    instance: &str,
    id: &str,
    req: &serde_json::Map<String, Value>,
) -> Result<Value, AwsError> {
    let content = required(req, "Content")?.to_owned();
    check_content_length(&content)?;
    let (plain, saved) = split_alias(id);
    let f = find_mut(s, instance, plain)?;
    if saved {
        f.saved = Some(content);
    } else {
        validate_content(&content)?;
        f.published = Some(content);
        f.saved = None;
    }
    f.version += 1;
    f.modified = now_secs();
    Ok(json!({}))
}

fn update_metadata(
    s: &mut ConnectState,
    instance: &str,
    id: &str,
    req: &serde_json::Map<String, Value>,
) -> Result<Value, AwsError> {
    let (plain, _) = split_alias(id);
    let name = text(req, "Name")?.map(str::to_owned);
    let description = text(req, "Description")?.map(str::to_owned);
    let state = text(req, "ContactFlowState")?.map(str::to_owned);
    if let Some(st) = &state
        && !matches!(st.as_str(), "ACTIVE" | "ARCHIVED")
    {
        return Err(AwsError::invalid_parameter(format!(
            "ContactFlowState {st:?} is not one of ACTIVE, ARCHIVED"
        )));
    }
    if let Some(n) = &name
        && flows(s, instance)
            .iter()
            .any(|f| &f.name == n && f.id != plain)
    {
        return Err(AwsError::new(
            409,
            "DuplicateResourceException",
            format!("A flow with the name {n:?} already exists in this instance."),
        ));
    }
    let f = find_mut(s, instance, plain)?;
    if let Some(n) = name {
        f.name = n;
    }
    if let Some(d) = description {
        f.description = d;
    }
    if let Some(st) = state {
        f.state = st;
    }
    f.modified = now_secs();
    Ok(json!({}))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes() {
        let r = |m: Method, p: &str| Op::route(&m, p);
        assert_eq!(
            r(Method::GET, "/contact-flows/i-1/abc%3A%24SAVED"),
            Some(Op::Describe {
                instance: "i-1".into(),
                id: "abc:$SAVED".into()
            })
        );
        assert_eq!(
            r(Method::PUT, "/contact-flows/i-1").map(|o| o.name()),
            Some("CreateContactFlow")
        );
        assert_eq!(r(Method::DELETE, "/contact-flows/i-1"), None);
        assert_eq!(r(Method::GET, "/contact-flows/i-1/%zz"), None);
        assert_eq!(percent_decode("a+b%20c").as_deref(), Some("a+b c"));
    }

    #[test]
    fn light_validation_names_the_action() {
        let ok = r#"{"Version":"2019-10-30","StartAction":"a","Actions":[{"Identifier":"a","Type":"DisconnectParticipant","Parameters":{},"Transitions":{}}]}"#;
        assert!(validate_content(ok).is_ok());
        let dangling = r#"{"Version":"2019-10-30","StartAction":"a","Actions":[{"Identifier":"a","Type":"MessageParticipant","Parameters":{"Text":"hi"},"Transitions":{"NextAction":"nowhere"}}]}"#;
        let e = validate_content(dangling).unwrap_err();
        assert_eq!(e.code, "InvalidContactFlowException");
        assert!(e.problems[0].contains("'a'"), "{:?}", e.problems);
        assert!(e.problems[0].contains("'nowhere'"), "{:?}", e.problems);
        let e = validate_content("{not json").unwrap_err();
        assert_eq!(e.status, 400);
        assert_eq!(e.problems.len(), 1);
    }
}
