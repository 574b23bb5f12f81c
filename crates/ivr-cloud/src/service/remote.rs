//! The remote flows of an instance: the one-item call that tests a
//! connection, listing (type filter, search, pages), and importing flows as
//! documents: decoded with the provider's dialect and bound to the remote
//! flow, so the next publish updates it.

use http::Method;
use ivr_flow::dialect::{aliyun, aliyun2017, connect};
use ivr_flow::{Binding, Flow, Provider, Text};
use serde::Serialize;
use serde_json::json;

use super::client::Client;
use crate::ccc::{CccClient, ContactFlow, ListFilter, V2017, V2020};
use crate::connect::ConnectClient;
use crate::error::{CloudError, ErrorKind};
use crate::http::Repeat;
use crate::remote::{RemoteFlow, RemotePage};

/// A flow fetched for import: what was listed, and the decoded document
/// (or why it could not be decoded: the decoder's words, with ours in both
/// languages).
#[derive(Clone, Debug, Serialize, ts_rs::TS)]
pub struct ImportedFlow {
    pub remote: RemoteFlow,
    #[serde(serialize_with = "ser_result")]
    #[ts(as = "Decoded")]
    pub flow: Result<Flow, Text>,
}

/// How [`ImportedFlow::flow`] reaches the UI: `{ok: Flow}` or `{error: Text}`
/// (for its TypeScript type).
#[derive(ts_rs::TS)]
#[allow(dead_code)]
enum Decoded {
    #[ts(rename = "ok")]
    Ok(Flow),
    #[ts(rename = "error")]
    Error(Text),
}

/// The fingerprint of a flow as the cloud holds it (read back and
/// decoded, its bindings aside): equal fingerprints, the same flow. Taken
/// the same way at import and after a publish, so a provider's own
/// rewriting of what it was sent cannot look like someone's edit.
pub fn fingerprint(flow: &Flow) -> String {
    use sha2::{Digest as _, Sha256};
    let bare = Flow {
        bindings: Vec::new(),
        ..flow.clone()
    };
    crate::sign::hex_lower(&Sha256::digest(ivr_flow::to_bytes(&bare)))
}

/// Why a fetched flow could not be decoded.
fn undecodable(e: impl std::fmt::Display) -> Text {
    Text::new(
        format!("cannot convert this flow: {e}"),
        format!("无法转换此流程：{e}"),
    )
}

fn ser_result<S: serde::Serializer>(r: &Result<Flow, Text>, s: S) -> Result<S::Ok, S::Error> {
    match r {
        Ok(f) => json!({ "ok": f }).serialize(s),
        Err(e) => json!({ "error": e }).serialize(s),
    }
}

/// CCC's type names: `main` -> `MAIN_FLOW`, `sub`, `survey`; anything else as given.
pub fn ccc_type(t: &str) -> String {
    match t.to_ascii_lowercase().as_str() {
        "main" => "MAIN_FLOW".into(),
        "sub" => "SUB_FLOW".into(),
        "survey" => "SURVEY_FLOW".into(),
        _ => t.to_owned(),
    }
}

/// Connect's type names: `main` -> `CONTACT_FLOW`, a console spelling
/// (`customerQueue`) -> its API name; anything else upper-cased.
pub fn connect_type(t: &str) -> String {
    if t.eq_ignore_ascii_case("main") {
        return "CONTACT_FLOW".into();
    }
    match connect::kind_of_type(t) {
        Some(kind) => connect::flow_type(kind).to_owned(),
        None => t.to_ascii_uppercase(),
    }
}

/// One cheap signed call: a list of one item. Ok means the provider accepted
/// the credentials and the instance.
pub async fn test_connection(client: &Client) -> Result<(), CloudError> {
    match client {
        Client::Ccc(c) if c.provider() == Provider::Aliyun2017 => c
            .call(V2017, "ListContactFlows", &[], Repeat::Safe)
            .await
            .map(|_| ()),
        Client::Ccc(c) => c
            .call(
                V2020,
                "ListContactFlows",
                &[("PageNumber", "1"), ("PageSize", "1")],
                Repeat::Safe,
            )
            .await
            .map(|_| ()),
        Client::Connect(c) => c
            .call(
                Method::GET,
                &["contact-flows-summary", c.instance()],
                &[("maxResults", "1")],
                None,
                Repeat::Safe,
            )
            .await
            .map(|_| ())
            .map_err(CloudError::from),
    }
}

/// Every flow of the instance of type `ty` (when given) whose name contains
/// `search` (when given), every page read.
pub async fn list_all(
    client: &Client,
    ty: Option<&str>,
    search: Option<&str>,
) -> Result<Vec<RemoteFlow>, CloudError> {
    match client {
        Client::Ccc(c) => {
            let filter = ListFilter {
                r#type: ty.map(ccc_type),
                search: search.map(str::to_owned),
            };
            Ok(c.list_flows(&filter)
                .await?
                .iter()
                .map(RemoteFlow::from)
                .collect())
        }
        Client::Connect(c) => {
            let types: Vec<String> = ty.map(connect_type).into_iter().collect();
            Ok(c.list_flows(&types)
                .await?
                .iter()
                .filter(|f| search.is_none_or(|s| f.name.contains(s)))
                .map(RemoteFlow::from)
                .collect())
        }
    }
}

/// Page `page` (from 1) of `page_size` flows of the listing.
pub async fn list_page(
    client: &Client,
    ty: Option<&str>,
    search: Option<&str>,
    page: usize,
    page_size: usize,
) -> Result<RemotePage, CloudError> {
    let all = list_all(client, ty, search).await?;
    Ok(paginate(&all, page, page_size))
}

/// Cuts page `page` (from 1, clamped to the last) out of `all`.
pub fn paginate(all: &[RemoteFlow], page: usize, page_size: usize) -> RemotePage {
    let page_size = page_size.clamp(1, 500);
    let last = all.len().div_ceil(page_size).max(1);
    let page = page.clamp(1, last);
    let flows = all
        .iter()
        .skip((page - 1) * page_size)
        .take(page_size)
        .cloned()
        .collect();
    RemotePage {
        flows,
        total: all.len(),
        page,
        page_size,
    }
}

/// The flows `ids` (every flow when `None`), fetched, decoded and bound.
pub async fn import(
    client: &Client,
    ids: Option<&[String]>,
) -> Result<Vec<ImportedFlow>, CloudError> {
    match client {
        Client::Ccc(c) => {
            // Listing (not GetContactFlow, whose DraftId the API requires) finds a flow by id.
            let mut flows = c.list_flows(&ListFilter::default()).await?;
            if let Some(ids) = ids {
                if let Some(missing) = ids.iter().find(|id| !flows.iter().any(|f| &f.id == *id)) {
                    return Err(not_found(c.provider(), missing, c.instance()));
                }
                flows.retain(|f| ids.contains(&f.id));
            }
            Ok(flows
                .iter()
                .map(|f| ImportedFlow {
                    remote: RemoteFlow::from(f),
                    flow: ccc_document(c, f),
                })
                .collect())
        }
        Client::Connect(c) => {
            let ids: Vec<String> = match ids {
                Some(ids) => ids.to_vec(),
                None => c.list_flows(&[]).await?.into_iter().map(|f| f.id).collect(),
            };
            let mut out = Vec::new();
            for id in ids {
                out.push(connect_document(c, &id).await?);
            }
            Ok(out)
        }
    }
}

/// What is live now for remote flow `id`, decoded (for a diff against a
/// local file, and before a publish): the flow, or why it cannot be read.
pub async fn fetch(client: &Client, id: &str) -> Result<Flow, CloudError> {
    let mut got = import(client, Some(&[id.to_owned()])).await?;
    let Some(one) = got.pop() else {
        return Err(CloudError::new(
            ErrorKind::NotFound,
            Text::new(
                format!("no flow with id {id:?}"),
                format!("没有 ID 为 {id:?} 的流程"),
            ),
        ));
    };
    one.flow
        .map_err(|why| CloudError::new(ErrorKind::Invalid, why))
}

fn not_found(provider: Provider, id: &str, instance: &str) -> CloudError {
    CloudError::new(
        ErrorKind::NotFound,
        Text::new(
            format!("no flow with id {id:?} in instance {instance}"),
            format!("实例 {instance} 中没有 ID 为 {id:?} 的流程"),
        ),
    )
    .with_provider(provider)
    .with_hint(Text::new(
        "`ivr list --profile ...` (or the app's Import list) shows the ids",
        "`ivr list --profile ...`（或应用的导入列表）会显示各流程的 ID",
    ))
}

/// Decodes a listed CCC flow and records where it came from.
fn ccc_document(c: &CccClient, remote: &ContactFlow) -> Result<Flow, Text> {
    let mut flow = match c.provider() {
        Provider::Aliyun2017 => aliyun2017::decode(&json!({"ContactFlow": remote.raw})),
        _ => aliyun::decode(&remote.raw),
    }
    .map_err(undecodable)?;
    let synced = Some(fingerprint(&flow));
    flow.bindings.push(Binding {
        provider: c.provider(),
        profile: c.profile().to_owned(),
        instance: c.instance().to_owned(),
        remote_id: remote.id.clone(),
        version: remote.updated.clone(),
        sha: None,
        draft: None,
        synced,
    });
    Ok(flow)
}

/// Describes a Connect flow, decodes it and records where it came from.
async fn connect_document(c: &ConnectClient, id: &str) -> Result<ImportedFlow, CloudError> {
    let described = c.describe_current(id).await.map_err(|e| {
        if e.kind() == ErrorKind::NotFound && id.contains('/') {
            e.with_hint(Text::new(
                "give the flow's id, not its ARN: `ivr list --profile ...` shows the ids",
                "请给出流程的 ID 而不是 ARN：`ivr list --profile ...` 会显示各流程的 ID",
            ))
        } else {
            e
        }
    })?;
    let remote = RemoteFlow {
        id: described.id.clone(),
        name: described.name.clone(),
        r#type: described.r#type.clone(),
        description: described.description.clone(),
        published: described.status.eq_ignore_ascii_case("PUBLISHED"),
        editing: false,
        draft_id: None,
        editor: None,
        updated: None,
    };
    let flow = connect::decode(&json!({"ContactFlow": described.raw}))
        .map(|mut flow| {
            let synced = Some(fingerprint(&flow));
            flow.bindings.push(Binding {
                provider: Provider::Connect,
                profile: c.profile().to_owned(),
                instance: c.instance().to_owned(),
                remote_id: described.id.clone(),
                version: None,
                sha: described.sha.clone(),
                draft: None,
                synced,
            });
            flow
        })
        .map_err(undecodable);
    Ok(ImportedFlow { remote, flow })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(n: usize) -> Vec<RemoteFlow> {
        (0..n)
            .map(|i| ContactFlow::from_item(&json!({"ContactFlowId": format!("f{i}"), "Name": format!("Flow {i}"), "Type": "MAIN_FLOW"})))
            .map(|f| RemoteFlow::from(&f))
            .collect()
    }

    #[test]
    fn pages() {
        let all = listed(25);
        let p = paginate(&all, 2, 10);
        assert_eq!((p.total, p.page, p.flows.len()), (25, 2, 10));
        assert_eq!(p.flows[0].id, "f10");
        let last = paginate(&all, 9, 10);
        assert_eq!((last.page, last.flows.len()), (3, 5));
        let empty = paginate(&[], 1, 10);
        assert_eq!((empty.page, empty.total), (1, 0));
        assert_eq!(paginate(&all, 0, 0).flows.len(), 1);
    }

    #[test]
    fn type_names() {
        assert_eq!(ccc_type("main"), "MAIN_FLOW");
        assert_eq!(ccc_type("SUB_FLOW"), "SUB_FLOW");
        assert_eq!(connect_type("main"), "CONTACT_FLOW");
        assert_eq!(connect_type("customerQueue"), "CUSTOMER_QUEUE");
        assert_eq!(connect_type("AGENT_WHISPER"), "AGENT_WHISPER");
        assert_eq!(connect_type("agent_hold"), "AGENT_HOLD");
    }

    #[test]
    fn imported_flows_serialise_ok_or_error() {
        let remote = listed(1).remove(0);
        let bad = ImportedFlow {
            remote,
            flow: Err(undecodable("at $.Actions: not an array")),
        };
        let v = serde_json::to_value(&bad).unwrap();
        assert_eq!(
            v["flow"]["error"]["en"],
            "cannot convert this flow: at $.Actions: not an array"
        );
        assert_eq!(
            v["flow"]["error"]["zh"],
            "无法转换此流程：at $.Actions: not an array"
        );
    }
}
