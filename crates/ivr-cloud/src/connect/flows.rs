//! Reading flows: ListContactFlows page by page (maxResults 100, following
//! NextToken, with the `contactFlowTypes` filter) and DescribeContactFlow
//! (`id:$SAVED` for the saved content). Items are kept verbatim for the
//! `connect` dialect to decode.

use http::Method;
use serde_json::Value;

use super::ConnectClient;
use crate::error::{CloudError, ErrorKind};
use crate::http::Repeat;
use crate::remote::RemoteFlow;

/// Page size asked for.
const PAGE_SIZE: &str = "100";
/// Most pages read (100,000 flows), so a server that keeps answering a
/// NextToken cannot keep the client forever.
const MAX_PAGES: usize = 1000;
/// The alias that names a flow's saved content.
pub const SAVED_ALIAS: &str = ":$SAVED";

/// A flow as ListContactFlows shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct FlowSummary {
    pub id: String,
    pub arn: String,
    pub name: String,
    /// `CONTACT_FLOW`, `CUSTOMER_QUEUE`, ...
    pub r#type: String,
    /// `ACTIVE` or `ARCHIVED`.
    pub state: String,
    /// `PUBLISHED` or `SAVED`.
    pub status: String,
    /// The item as the API returned it.
    pub raw: Value,
}

/// Reads a string member leniently (a number or boolean is shown as text).
fn text(v: &Value, key: &str) -> String {
    match v.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

impl FlowSummary {
    /// Reads a `ContactFlowSummaryList` item.
    pub fn from_item(item: &Value) -> Self {
        FlowSummary {
            id: text(item, "Id"),
            arn: text(item, "Arn"),
            name: text(item, "Name"),
            r#type: text(item, "ContactFlowType"),
            state: text(item, "ContactFlowState"),
            status: text(item, "ContactFlowStatus"),
            raw: item.clone(),
        }
    }

    /// Whether the flow is published (live).
    pub fn published(&self) -> bool {
        self.status.eq_ignore_ascii_case("PUBLISHED")
    }
}

impl From<&FlowSummary> for RemoteFlow {
    fn from(s: &FlowSummary) -> Self {
        RemoteFlow {
            id: s.id.clone(),
            name: s.name.clone(),
            r#type: s.r#type.clone(),
            description: String::new(),
            published: s.published(),
            editing: false,
            draft_id: None,
            editor: None,
            updated: None,
        }
    }
}

/// A flow as DescribeContactFlow shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct ContactFlow {
    /// The flow's id, without any `:$SAVED`.
    pub id: String,
    pub arn: String,
    pub name: String,
    pub r#type: String,
    pub state: String,
    pub status: String,
    pub description: String,
    /// The Content (a JSON string).
    pub content: String,
    pub sha: Option<String>,
    /// The `ContactFlow` object as the API returned it (for the decoder).
    pub raw: Value,
}

impl ContactFlow {
    /// Reads a DescribeContactFlow `ContactFlow` object.
    pub fn from_object(cf: &Value) -> Self {
        let id = text(cf, "Id");
        ContactFlow {
            id: id.strip_suffix(SAVED_ALIAS).unwrap_or(&id).to_owned(),
            arn: text(cf, "Arn"),
            name: text(cf, "Name"),
            r#type: text(cf, "Type"),
            state: text(cf, "State"),
            status: text(cf, "Status"),
            description: text(cf, "Description"),
            content: text(cf, "Content"),
            sha: Some(text(cf, "FlowContentSha256")).filter(|s| !s.is_empty()),
            raw: cf.clone(),
        }
    }
}

impl ConnectClient {
    /// Every flow of the instance of one of `types` (all types when empty),
    /// every page read.
    pub async fn list_flows(&self, types: &[String]) -> Result<Vec<FlowSummary>, CloudError> {
        let mut out = Vec::new();
        let mut token: Option<String> = None;
        for _ in 0..MAX_PAGES {
            let mut query: Vec<(&str, &str)> = vec![("maxResults", PAGE_SIZE)];
            for t in types {
                query.push(("contactFlowTypes", t));
            }
            if let Some(t) = &token {
                query.push(("nextToken", t));
            }
            let v = self
                .call(
                    Method::GET,
                    &["contact-flows-summary", &self.instance],
                    &query,
                    None,
                    Repeat::Safe,
                )
                .await?;
            let items = v
                .get("ContactFlowSummaryList")
                .and_then(Value::as_array)
                .map(Vec::as_slice)
                .unwrap_or_default();
            out.extend(items.iter().map(FlowSummary::from_item));
            token = v
                .get("NextToken")
                .and_then(Value::as_str)
                .filter(|t| !t.is_empty())
                .map(str::to_owned);
            if token.is_none() {
                break;
            }
        }
        Ok(out)
    }

    /// DescribeContactFlow of `id` (which may end in `:$SAVED`).
    pub async fn describe_flow(&self, id: &str) -> Result<ContactFlow, CloudError> {
        let v = self
            .call(
                Method::GET,
                &["contact-flows", &self.instance, id],
                &[],
                None,
                Repeat::Safe,
            )
            .await?;
        let cf = v.get("ContactFlow").ok_or_else(|| {
            CloudError::new(
                ErrorKind::Other,
                ivr_flow::Text::new(
                    "DescribeContactFlow answered without ContactFlow",
                    "DescribeContactFlow 的答复中没有 ContactFlow",
                ),
            )
            .with_provider(ivr_flow::Provider::Connect)
        })?;
        Ok(ContactFlow::from_object(cf))
    }

    /// The flow's current content: the published one, or the saved one
    /// (`id:$SAVED`) for a flow never published.
    pub async fn describe_current(&self, id: &str) -> Result<ContactFlow, CloudError> {
        match self.describe_flow(id).await {
            Err(e) if e.code() == Some("ContactFlowNotPublishedException") => {
                self.describe_flow(&format!("{id}{SAVED_ALIAS}")).await
            }
            other => other,
        }
    }

    /// The flow named exactly `name`, if any (names are unique in an instance).
    pub async fn find_by_name(&self, name: &str) -> Result<Option<FlowSummary>, CloudError> {
        Ok(self
            .list_flows(&[])
            .await?
            .into_iter()
            .find(|f| f.name == name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_read_leniently() {
        let s = FlowSummary::from_item(&serde_json::json!({
            "Id": "abc", "Arn": "arn:x", "Name": "Main", "ContactFlowType": "CONTACT_FLOW",
            "ContactFlowState": "ACTIVE", "ContactFlowStatus": "PUBLISHED"
        }));
        assert!(s.published());
        assert_eq!(s.r#type, "CONTACT_FLOW");
        let c = ContactFlow::from_object(&serde_json::json!({
            "Id": "abc:$SAVED", "Name": "Main", "Content": "{}", "Version": 3
        }));
        assert_eq!(c.id, "abc");
        assert_eq!(c.sha, None);
    }
}
