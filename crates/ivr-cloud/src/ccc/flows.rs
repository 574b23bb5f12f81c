//! Reading flows: ListContactFlows page by page (PageSize 100, at most the
//! 100 pages the API allows), with the Type filter and SearchPattern, and
//! GetContactFlow. Items are kept verbatim for the `aliyun` dialect to decode.

use ivr_flow::Text;
use serde_json::Value;

use super::{CccClient, V2017, V2020};
use crate::error::CloudError;
use crate::http::Repeat;
use crate::remote::RemoteFlow;

/// Largest page the API serves, and the most pages it numbers.
const PAGE_SIZE: u32 = 100;
const MAX_PAGES: u32 = 100;

/// A contact flow as listed: the fields the tools show, and the item itself.
#[derive(Clone, Debug, PartialEq)]
pub struct ContactFlow {
    pub id: String,
    pub name: String,
    /// `MAIN_FLOW`, `SUB_FLOW`, `SURVEY_FLOW` (2017: `Mainflow`, ...).
    pub r#type: String,
    pub description: String,
    pub published: bool,
    /// The open draft, when the flow is being edited.
    pub draft_id: Option<String>,
    /// Who edits that draft.
    pub editor: Option<String>,
    pub updated: Option<String>,
    /// The item as the API returned it (for the dialect decoders).
    pub raw: Value,
}

impl ContactFlow {
    /// Reads a 2020 ListContactFlows / GetContactFlow item.
    pub fn from_item(item: &Value) -> Self {
        let s = |k: &str| item.get(k).and_then(Value::as_str).map(str::to_owned);
        ContactFlow {
            id: s("ContactFlowId").unwrap_or_default(),
            name: s("Name").unwrap_or_default(),
            r#type: s("Type").unwrap_or_default(),
            description: s("Description").unwrap_or_default(),
            published: item
                .get("Published")
                .is_some_and(|p| p.as_bool() == Some(true) || p.as_str() == Some("true")),
            draft_id: s("DraftId").filter(|d| !d.is_empty()),
            editor: s("Editor").filter(|d| !d.is_empty()),
            updated: s("UpdatedTime"),
            raw: item.clone(),
        }
    }

    /// Reads a 2017 ListContactFlows `ContactFlow` entry.
    pub fn from_2017(item: &Value) -> Self {
        let s = |k: &str| item.get(k).and_then(Value::as_str).map(str::to_owned);
        ContactFlow {
            id: s("ContactFlowId").unwrap_or_default(),
            name: s("ContactFlowName").unwrap_or_default(),
            r#type: s("Type").unwrap_or_default(),
            description: s("ContactFlowDescription").unwrap_or_default(),
            published: s("AppliedVersion").is_some_and(|v| !v.is_empty()),
            draft_id: None,
            editor: None,
            updated: None,
            raw: item.clone(),
        }
    }
}

impl From<&ContactFlow> for RemoteFlow {
    fn from(f: &ContactFlow) -> Self {
        RemoteFlow {
            id: f.id.clone(),
            name: f.name.clone(),
            r#type: f.r#type.clone(),
            description: f.description.clone(),
            published: f.published,
            editing: f.draft_id.is_some(),
            draft_id: f.draft_id.clone(),
            editor: f.editor.clone(),
            updated: f.updated.clone(),
        }
    }
}

/// Whether a 2020 type name (`MAIN_FLOW`) or a 2017 one names 2017 type `ty`.
fn same_type_2017(wanted: &str, ty: &str) -> bool {
    let norm = |s: &str| s.to_ascii_lowercase().replace(['_', '-'], "");
    norm(wanted) == norm(ty)
}

/// What to list.
#[derive(Clone, Debug, Default)]
pub struct ListFilter {
    /// `MAIN_FLOW`, `SUB_FLOW` or `SURVEY_FLOW`.
    pub r#type: Option<String>,
    /// Passed as SearchPattern (the service matches names).
    pub search: Option<String>,
}

impl CccClient {
    /// Every flow of the instance that matches `filter`, all pages read.
    /// For a 2017 profile, the 2017 ListContactFlows (one call, no paging),
    /// filtered here; `MAIN_FLOW` matches 2017's `Mainflow`.
    pub async fn list_flows(&self, filter: &ListFilter) -> Result<Vec<ContactFlow>, CloudError> {
        if self.provider == ivr_flow::Provider::Aliyun2017 {
            return self.list_flows_2017(filter).await;
        }
        let mut out = Vec::new();
        for page in 1..=MAX_PAGES {
            let page_s = page.to_string();
            let size_s = PAGE_SIZE.to_string();
            let mut params = vec![
                ("PageNumber", page_s.as_str()),
                ("PageSize", size_s.as_str()),
            ];
            if let Some(t) = &filter.r#type {
                params.push(("Type", t));
            }
            if let Some(s) = &filter.search {
                params.push(("SearchPattern", s));
            }
            let v = self
                .call(V2020, "ListContactFlows", &params, Repeat::Safe)
                .await?;
            let data = self.data("ListContactFlows", &v)?;
            let list = data.get("List").and_then(Value::as_array);
            let items = list.map(Vec::as_slice).unwrap_or_default();
            out.extend(items.iter().map(ContactFlow::from_item));
            let total = data.get("TotalCount").and_then(Value::as_u64).unwrap_or(0);
            if items.len() < PAGE_SIZE as usize || out.len() as u64 >= total {
                break;
            }
        }
        Ok(out)
    }

    async fn list_flows_2017(&self, filter: &ListFilter) -> Result<Vec<ContactFlow>, CloudError> {
        let v = self
            .call(V2017, "ListContactFlows", &[], Repeat::Safe)
            .await?;
        let items = v
            .pointer("/ContactFlows/ContactFlow")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default();
        Ok(items
            .iter()
            .map(ContactFlow::from_2017)
            .filter(|f| {
                filter
                    .search
                    .as_ref()
                    .is_none_or(|s| f.name.contains(s.as_str()))
                    && filter
                        .r#type
                        .as_ref()
                        .is_none_or(|t| same_type_2017(t, &f.r#type))
            })
            .collect())
    }

    /// One flow (with `draft`, the draft's Definition).
    pub async fn get_flow(&self, id: &str, draft: Option<&str>) -> Result<ContactFlow, CloudError> {
        let mut params = vec![("ContactFlowId", id)];
        if let Some(d) = draft {
            params.push(("DraftId", d));
        }
        let v = self
            .call(V2020, "GetContactFlow", &params, Repeat::Safe)
            .await?;
        Ok(ContactFlow::from_item(self.data("GetContactFlow", &v)?))
    }

    /// One flow by id, read from ListContactFlows (searching for `name`
    /// first, then every flow): GetContactFlow needs a DraftId, a list does
    /// not. Gives `NotFound` when the instance has no such flow.
    pub async fn find_by_id(&self, id: &str, name: &str) -> Result<ContactFlow, CloudError> {
        let by_name = ListFilter {
            r#type: None,
            search: Some(name.to_owned()),
        };
        for filter in [by_name, ListFilter::default()] {
            if let Some(f) = self
                .list_flows(&filter)
                .await?
                .into_iter()
                .find(|f| f.id == id)
            {
                return Ok(f);
            }
        }
        Err(CloudError::new(
            crate::error::ErrorKind::NotFound,
            Text::new(
                format!("no flow with id {id} in instance {}", self.instance),
                format!("实例 {} 中没有 ID 为 {id} 的流程", self.instance),
            ),
        )
        .with_provider(self.provider)
        .with_hint(Text::new(
            "the flow may have been deleted in the console; remove its binding from the file \
             to publish it as a new flow",
            "该流程可能已在控制台中删除；从文件中删除它的绑定后即可作为新流程发布",
        )))
    }

    /// The flows named exactly `name`.
    pub async fn find_by_name(&self, name: &str) -> Result<Vec<ContactFlow>, CloudError> {
        let filter = ListFilter {
            r#type: None,
            search: Some(name.to_owned()),
        };
        let mut flows = self.list_flows(&filter).await?;
        flows.retain(|f| f.name == name);
        Ok(flows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_2017() {
        assert!(same_type_2017("MAIN_FLOW", "Mainflow"));
        assert!(same_type_2017("Mainflow", "Mainflow"));
        assert!(!same_type_2017("SUB_FLOW", "Mainflow"));
    }
}
