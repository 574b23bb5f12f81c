//! The lists NXLink pages through: AI agents (`flow/list`), call routes
//! (`route/list`), and the paging every list call shares.
//!
//! NXLink documents the request side (`pageNumber` from 1, `pageSize`, at
//! most 1,000 for `flow/list`) but not the shape of a page. This reads the
//! items from `data.list` (also `data.records`, `data.rows`, or `data` itself
//! when it is an array) and stops at a short page or at `data.total`; the
//! sandbox answers `{list, total, pageNumber, pageSize}`.

use serde::Serialize;
use serde_json::{Map, Value, json};

use super::{NxlinkClient, path};
use crate::error::CloudError;
use crate::http::Repeat;

/// Items asked for per page.
pub const PAGE_SIZE: usize = 100;
/// Pages read at most (a guard against a server that never ends a list).
const MAX_PAGES: usize = 1_000;

/// An AI agent (a flow built in NXLink's console).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Agent {
    /// `autoFlowId`, what `task/create` takes.
    pub auto_flow_id: i64,
    pub name: String,
    /// The item as NXLink sent it.
    pub raw: Value,
}

/// A call route.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Route {
    /// `routeId`, what `task/create` takes.
    pub route_id: String,
    pub route_name: String,
    pub raw: Value,
}

/// The items of one page's `data`.
fn page_items(data: &Value) -> &[Value] {
    let list = if data.is_array() {
        Some(data)
    } else {
        ["list", "records", "rows"]
            .iter()
            .find_map(|k| data.get(*k).filter(|v| v.is_array()))
    };
    list.and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

/// A string field, also when NXLink sends it as a number.
pub(crate) fn text(v: &Value, key: &str) -> String {
    match v.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// A number field, also when NXLink sends it as a string.
pub(crate) fn number(v: &Value, key: &str) -> Option<i64> {
    match v.get(key)? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// `{key: name}`, or no filter for an empty name.
fn name_filter(key: &str, name: &str) -> Value {
    let mut m = Map::new();
    if !name.is_empty() {
        m.insert(key.to_owned(), json!(name));
    }
    Value::Object(m)
}

impl NxlinkClient {
    /// Every item of a paged list call: `filter` (an object) with
    /// `pageNumber` and `pageSize` added, page after page.
    pub async fn all_pages(&self, path: &str, filter: Value) -> Result<Vec<Value>, CloudError> {
        let mut body = match filter {
            Value::Object(m) => m,
            _ => Map::new(),
        };
        let mut out = Vec::new();
        for page in 1..=MAX_PAGES {
            body.insert("pageNumber".into(), json!(page));
            body.insert("pageSize".into(), json!(PAGE_SIZE));
            let data = self
                .call(path, &Value::Object(body.clone()), Repeat::Safe)
                .await?;
            let items = page_items(&data);
            out.extend_from_slice(items);
            let total = number(&data, "total").and_then(|t| usize::try_from(t).ok());
            if items.len() < PAGE_SIZE || total.is_some_and(|t| out.len() >= t) {
                break;
            }
        }
        Ok(out)
    }

    /// The AI agents whose name contains `name` (all when empty).
    pub async fn agents(&self, name: &str) -> Result<Vec<Agent>, CloudError> {
        let items = self
            .all_pages(path::FLOW_LIST, name_filter("name", name))
            .await?;
        Ok(items
            .into_iter()
            .filter_map(|raw| {
                let auto_flow_id = number(&raw, "autoFlowId").or_else(|| number(&raw, "id"))?;
                let name = match text(&raw, "name") {
                    n if n.is_empty() => text(&raw, "flowName"),
                    n => n,
                };
                Some(Agent {
                    auto_flow_id,
                    name,
                    raw,
                })
            })
            .collect())
    }

    /// The call routes whose name contains `name` (all when empty).
    pub async fn routes(&self, name: &str) -> Result<Vec<Route>, CloudError> {
        let items = self
            .all_pages(path::ROUTE_LIST, name_filter("routeName", name))
            .await?;
        Ok(items
            .into_iter()
            .filter_map(|raw| {
                let route_id = text(&raw, "routeId");
                (!route_id.is_empty()).then(|| Route {
                    route_id,
                    route_name: text(&raw, "routeName"),
                    raw,
                })
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_shapes() {
        assert_eq!(page_items(&json!({"list": [1, 2]})).len(), 2);
        assert_eq!(page_items(&json!({"records": [1]})).len(), 1);
        assert_eq!(page_items(&json!([1, 2, 3])).len(), 3);
        assert!(page_items(&json!({"total": 0})).is_empty());
        assert_eq!(number(&json!({"n": "12"}), "n"), Some(12));
        assert_eq!(text(&json!({"n": 12}), "n"), "12");
    }
}
