//! Publishing a flow to CCC.
//!
//! - No binding for this instance: CreateContactFlow, then StartEditContactFlow
//!   -> CommitContactFlow -> PublishContactFlow.
//! - A binding: StartEditContactFlow (or the draft the binding kept from a
//!   `saved` publish) -> CommitContactFlow -> PublishContactFlow, and
//!   DiscardEditingContactFlow when a step fails, so no draft stays locked.
//! - 2017, no binding: CreateContactFlow with Content and Canvas, then
//!   PublishContactFlowVersion of the version it made.
//! - 2017, a binding: CommitContactFlowVersionModification of the flow's
//!   working version (the draft, or the one the binding names), then
//!   PublishContactFlowVersion. With `Saved`, neither publishes.
//!
//! A create is never repeated blindly: when CreateContactFlow times out, its
//! connection drops or it answers 5xx, the flows of that name are listed and
//! compared with those that existed before; a new one is ours, and only when
//! there is none is the create sent again.

use ivr_flow::dialect::{aliyun, aliyun2017};
use ivr_flow::{Binding, Flow, Provider, Text};
use serde_json::Value;

use super::{CccClient, ContactFlow, V2017, V2020};
use crate::confirm::{Confirmed, create_confirmed};
use crate::error::{CloudError, ErrorKind};
use crate::http::Repeat;
use crate::remote::{PublishFailure, PublishStatus, binding_for};

/// How many times a create is sent at most (each after a lookup).
const MAX_CREATES: u32 = 3;

fn encode_err(e: impl std::fmt::Display) -> CloudError {
    CloudError::new(
        ErrorKind::Invalid,
        Text::new(
            format!("the flow cannot be written for CCC: {e}"),
            format!("无法将流程写成云联络中心的格式：{e}"),
        ),
    )
}

impl CccClient {
    fn binding(&self, remote_id: &str) -> Binding {
        Binding {
            provider: self.provider,
            profile: self.profile.clone(),
            instance: self.instance.clone(),
            remote_id: remote_id.to_owned(),
            version: None,
            sha: None,
            draft: None,
            synced: None,
        }
    }

    /// Publishes `flow` (see the module documentation) and returns its binding.
    pub async fn publish(
        &self,
        flow: &Flow,
        status: PublishStatus,
    ) -> Result<Binding, PublishFailure> {
        if self.provider == Provider::Aliyun2017 {
            return self.publish_2017(flow, status).await;
        }
        let definition = aliyun::encode(flow).map_err(encode_err)?.to_string();
        let ty = aliyun::kind_to_type(flow.kind).map_err(encode_err)?;
        let existing = binding_for(flow, self.provider, &self.instance).cloned();
        let (remote_id, kept_draft) = match &existing {
            Some(b) => (b.remote_id.clone(), b.draft.clone()),
            None => (self.create(flow, &definition, ty).await?, None),
        };
        let created = existing
            .is_none()
            .then(|| Box::new(self.binding(&remote_id)));
        let fail = |error: CloudError| PublishFailure {
            error,
            created: created.clone(),
        };
        let draft = match kept_draft {
            Some(d) => d,
            None => self
                .start_edit(&remote_id, &flow.name)
                .await
                .map_err(|e| match e.kind() {
                    ErrorKind::NotFound if existing.is_some() => e.with_hint(Text::new(
                        "the flow this file is bound to no longer exists in the instance; \
                         remove that binding from the file to publish it as a new flow",
                        "此文件绑定的流程在实例中已不存在；从文件中删除该绑定后即可作为新流程发布",
                    )),
                    _ => e,
                })
                .map_err(fail)?,
        };
        let result = self
            .commit_and_publish(
                &remote_id,
                &flow.name,
                &draft,
                &definition,
                version_description(flow),
                status,
            )
            .await;
        let draft = match result {
            Ok(d) => d,
            Err(e) if e.kind() == ErrorKind::NotFound && existing.is_some() => {
                // The kept draft was closed elsewhere: open a new one.
                let fresh = self
                    .start_edit(&remote_id, &flow.name)
                    .await
                    .map_err(fail)?;
                self.commit_and_publish(
                    &remote_id,
                    &flow.name,
                    &fresh,
                    &definition,
                    version_description(flow),
                    status,
                )
                .await
                .map_err(fail)?
            }
            Err(e) => return Err(fail(e)),
        };
        let mut binding = self.binding(&remote_id);
        binding.draft = draft;
        if let Ok(now) = self.find_by_id(&remote_id, &flow.name).await {
            binding.version = now.updated;
        }
        Ok(binding)
    }

    /// Commit, then (for `Published`) publish; discards the draft when either
    /// fails. Returns the draft still open (for `Saved`).
    async fn commit_and_publish(
        &self,
        id: &str,
        name: &str,
        draft: &str,
        definition: &str,
        description: &str,
        status: PublishStatus,
    ) -> Result<Option<String>, CloudError> {
        let commit = [
            ("ContactFlowId", id),
            ("DraftId", draft),
            ("Definition", definition),
            ("Description", description),
        ];
        let mut result = self
            .call(V2020, "CommitContactFlow", &commit, Repeat::Safe)
            .await
            .map(|_| ());
        if result.is_ok() && status == PublishStatus::Published {
            result = self.publish_draft(id, name, draft).await;
        }
        match result {
            Ok(()) if status == PublishStatus::Saved => Ok(Some(draft.to_owned())),
            Ok(()) => Ok(None),
            Err(e) => {
                if e.kind() != ErrorKind::NotFound {
                    let discard = [("ContactFlowId", id), ("DraftId", draft)];
                    let _ = self
                        .call(V2020, "DiscardEditingContactFlow", &discard, Repeat::Safe)
                        .await;
                }
                Err(e)
            }
        }
    }

    /// PublishContactFlow; after an unclear failure, the flow is read back:
    /// a closed draft means the publish went through.
    async fn publish_draft(&self, id: &str, name: &str, draft: &str) -> Result<(), CloudError> {
        let params = [("ContactFlowId", id), ("DraftId", draft)];
        match self
            .call(V2020, "PublishContactFlow", &params, Repeat::ThrottledOnly)
            .await
        {
            Ok(_) => Ok(()),
            Err(e) if e.is_retryable() => {
                let now = self.find_by_id(id, name).await?;
                if now.draft_id.as_deref() != Some(draft) && now.published {
                    return Ok(());
                }
                self.call(V2020, "PublishContactFlow", &params, Repeat::Safe)
                    .await
                    .map(|_| ())
            }
            Err(e) => Err(e),
        }
    }

    /// StartEditContactFlow. After an unclear failure, or when a draft is
    /// already open by this key (a lost answer), that draft is used.
    async fn start_edit(&self, id: &str, name: &str) -> Result<String, CloudError> {
        let params = [("ContactFlowId", id)];
        let mut last = None;
        for _ in 0..MAX_CREATES {
            match self
                .call(
                    V2020,
                    "StartEditContactFlow",
                    &params,
                    Repeat::ThrottledOnly,
                )
                .await
            {
                Ok(v) => return draft_id_of(&v, self),
                Err(e) if e.is_retryable() || e.kind() == ErrorKind::Conflict => {
                    let now = self.find_by_id(id, name).await?;
                    match (now.draft_id, now.editor) {
                        (Some(d), Some(ed)) if ed == self.creds.key_id => return Ok(d),
                        (Some(_), _) => {
                            return Err(e.with_hint(Text::new(
                                "someone else is editing this flow in the console; \
                                 publish or discard that draft, then try again",
                                "其他人正在控制台中编辑此流程；请发布或放弃该草稿后重试",
                            )));
                        }
                        (None, _) if e.kind() == ErrorKind::Conflict => return Err(e),
                        (None, _) => last = Some(e),
                    }
                }
                Err(e) => return Err(e),
            }
        }
        Err(last.unwrap_or_else(|| {
            CloudError::new(
                ErrorKind::Other,
                Text::new("StartEditContactFlow failed", "StartEditContactFlow 失败"),
            )
        }))
    }

    /// Sends a create (`send`) and never repeats it blindly: after an unclear
    /// failure (5xx, timeout, dropped connection) the flows named `name` are
    /// listed, and a new one (not among those that existed before) is taken
    /// as the one created; only when there is none is the create sent again,
    /// [`MAX_CREATES`] times at most.
    async fn create_confirmed<F, Fut>(&self, name: &str, send: F) -> Result<Created, CloudError>
    where
        F: Fn() -> Fut,
        Fut: std::future::Future<Output = Result<Value, CloudError>> + Send,
    {
        let before: Vec<String> = self
            .find_by_name(name)
            .await?
            .into_iter()
            .map(|f| f.id)
            .collect();
        let look = || async {
            let ours: Vec<ContactFlow> = self
                .find_by_name(name)
                .await?
                .into_iter()
                .filter(|f| !before.contains(&f.id))
                .collect();
            match ours.as_slice() {
                [] => Ok(None),
                [one] => Ok(Some(Box::new(one.clone()))),
                more => Err(CloudError::new(
                    ErrorKind::Conflict,
                    Text::new(
                        format!(
                            "after an unclear CreateContactFlow, {} new flows named {name:?} exist",
                            more.len()
                        ),
                        format!(
                            "CreateContactFlow 的结果不明确，之后出现了 {} 个名为 {name:?} 的新流程",
                            more.len()
                        ),
                    ),
                )
                .with_provider(self.provider)),
            }
        };
        create_confirmed(MAX_CREATES, "CreateContactFlow", send, look).await
    }

    /// 2020 CreateContactFlow (confirmed, see [`Self::create_confirmed`]).
    async fn create(&self, flow: &Flow, definition: &str, ty: &str) -> Result<String, CloudError> {
        let params = [
            ("Name", flow.name.as_str()),
            ("Definition", definition),
            ("Description", version_description(flow)),
            ("Type", ty),
        ];
        let send = || self.call(V2020, "CreateContactFlow", &params, Repeat::ThrottledOnly);
        match self.create_confirmed(&flow.name, send).await? {
            Confirmed::Found(f) => Ok(f.id),
            Confirmed::Answered(v) => match v.get("Data") {
                Some(Value::String(id)) => Ok(id.clone()),
                Some(d) => d
                    .get("ContactFlowId")
                    .and_then(Value::as_str)
                    .map(str::to_owned)
                    .ok_or_else(|| no_id(&v, self)),
                None => Err(no_id(&v, self)),
            },
        }
    }

    /// 2017: a create (CreateContactFlow with Content and Canvas in the form
    /// body, confirmed, see [`Self::create_confirmed`]) or, with a binding, a
    /// commit; then, for `Published`, PublishContactFlowVersion.
    async fn publish_2017(
        &self,
        flow: &Flow,
        status: PublishStatus,
    ) -> Result<Binding, PublishFailure> {
        let req = aliyun2017::encode_request(flow).map_err(encode_err)?;
        let s = |k: &str| {
            req.get(k)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        let (content, canvas) = (s("Content"), s("Canvas"));
        let existing = binding_for(flow, self.provider, &self.instance).cloned();
        let (mut binding, created) = match existing {
            Some(b) => {
                let now = self.find_by_id(&b.remote_id, &flow.name).await?;
                let version = working_version_2017(&now.raw, b.version.as_deref())
                    .ok_or_else(|| no_id(&now.raw, self))?;
                let query = [("ContactFlowVersionId", version.as_str())];
                let body = [("Content", content.as_str()), ("Canvas", canvas.as_str())];
                self.call_split(
                    V2017,
                    "CommitContactFlowVersionModification",
                    &query,
                    &body,
                    Repeat::Safe,
                )
                .await?;
                let mut b = self.binding(&b.remote_id);
                b.version = Some(version);
                (b, false)
            }
            None => (
                self.create_2017(flow, &s("Name"), &s("Type"), &content, &canvas)
                    .await?,
                true,
            ),
        };
        if status == PublishStatus::Published {
            let published = match binding.version.as_deref() {
                Some(version) => self
                    .call(
                        V2017,
                        "PublishContactFlowVersion",
                        &[("ContactFlowVersionId", version)],
                        Repeat::Safe,
                    )
                    .await
                    .map(|_| ()),
                None => Err(CloudError::new(
                    ErrorKind::Other,
                    Text::new(
                        format!(
                            "CCC lists no version of flow {} to publish; it was not published",
                            binding.remote_id
                        ),
                        format!(
                            "云联络中心没有列出流程 {} 可发布的版本；流程未发布",
                            binding.remote_id
                        ),
                    ),
                )
                .with_provider(self.provider)),
            };
            if let Err(error) = published {
                return Err(PublishFailure {
                    error,
                    created: created.then(|| Box::new(binding)),
                });
            }
        }
        if let Ok(now) = self.find_by_id(&binding.remote_id, &flow.name).await {
            binding.version = working_version_2017(&now.raw, binding.version.as_deref());
        }
        Ok(binding)
    }

    /// 2017 CreateContactFlow; the binding names the version it made.
    async fn create_2017(
        &self,
        flow: &Flow,
        name: &str,
        ty: &str,
        content: &str,
        canvas: &str,
    ) -> Result<Binding, CloudError> {
        let query = [
            ("Name", name),
            ("Type", ty),
            ("Description", version_description(flow)),
        ];
        let body = [("Content", content), ("Canvas", canvas)];
        let send = || {
            self.call_split(
                V2017,
                "CreateContactFlow",
                &query,
                &body,
                Repeat::ThrottledOnly,
            )
        };
        let (id, item) = match self.create_confirmed(name, send).await? {
            Confirmed::Found(f) => (f.id, f.raw),
            Confirmed::Answered(v) => {
                let cf = v.get("ContactFlow").ok_or_else(|| no_id(&v, self))?;
                let id = cf
                    .get("ContactFlowId")
                    .and_then(Value::as_str)
                    .ok_or_else(|| no_id(&v, self))?;
                (id.to_owned(), cf.clone())
            }
        };
        let mut b = self.binding(&id);
        b.version = working_version_2017(&item, None);
        Ok(b)
    }
}

/// The version of a 2017 flow (a ListContactFlows or CreateContactFlow
/// `ContactFlow`) to edit: `preferred` when it is a draft; else the newest
/// draft; else `preferred` when the flow still has it; else the newest version.
fn working_version_2017(item: &Value, preferred: Option<&str>) -> Option<String> {
    let versions = item
        .pointer("/Versions/ContactFlowVersion")
        .and_then(Value::as_array)?;
    let field = |v: &'_ Value, k: &str| {
        v.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let mut all: Vec<(String, String, bool)> = versions
        .iter()
        .map(|v| {
            (
                field(v, "Version"),
                field(v, "ContactFlowVersionId"),
                field(v, "Status") == "Draft",
            )
        })
        .filter(|(_, id, _)| !id.is_empty())
        .collect();
    // Newest first; version numbers are timestamps of the same width.
    all.sort_by(|a, b| b.0.cmp(&a.0));
    let is = |id: &str| preferred == Some(id);
    all.iter()
        .find(|(_, id, draft)| *draft && is(id))
        .or_else(|| all.iter().find(|(_, _, draft)| *draft))
        .or_else(|| all.iter().find(|(_, id, _)| is(id)))
        .or_else(|| all.first())
        .map(|(_, id, _)| id.clone())
}

/// How a confirmed create ended: the answer, or the flow found.
type Created = Confirmed<Value, Box<ContactFlow>>;

/// The `Description` CreateContactFlow and CommitContactFlow require (a
/// version description): the flow's own, or a default when it has none.
fn version_description(flow: &Flow) -> &str {
    if flow.description.trim().is_empty() {
        "Published with IVR Studio"
    } else {
        &flow.description
    }
}

fn no_id(v: &Value, c: &CccClient) -> CloudError {
    CloudError::from_provider(
        c.provider,
        Some(200),
        "",
        "",
        v.get("RequestId")
            .and_then(Value::as_str)
            .map(str::to_owned),
    )
    .with_message(Text::new(
        "the answer carries no ContactFlowId",
        "答复中没有 ContactFlowId",
    ))
}

fn draft_id_of(v: &Value, c: &CccClient) -> Result<String, CloudError> {
    match v.get("Data") {
        Some(Value::String(d)) => Ok(d.clone()),
        Some(d) => d
            .get("DraftId")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| no_id(v, c)),
        None => Err(no_id(v, c)),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::working_version_2017;

    fn flow(versions: &[(&str, &str, &str)]) -> serde_json::Value {
        let list: Vec<_> = versions
            .iter()
            .map(|(id, version, status)| {
                json!({"ContactFlowVersionId": id, "Version": version, "Status": status})
            })
            .collect();
        json!({"Versions": {"ContactFlowVersion": list}})
    }

    #[test]
    fn the_version_to_edit() {
        let one = flow(&[("a", "20201216094041", "Published")]);
        assert_eq!(working_version_2017(&one, None).as_deref(), Some("a"));
        let two = flow(&[
            ("a", "20201216094041", "Published"),
            ("b", "20201217100000", "Draft"),
            ("c", "20201215000000", "Draft"),
        ]);
        // The bound version when it is a draft, else the newest draft.
        assert_eq!(working_version_2017(&two, Some("c")).as_deref(), Some("c"));
        assert_eq!(working_version_2017(&two, Some("a")).as_deref(), Some("b"));
        assert_eq!(working_version_2017(&two, None).as_deref(), Some("b"));
        // No draft: the bound version, else the newest.
        let published = flow(&[
            ("a", "20201216094041", "Published"),
            ("b", "20201217100000", "Archived"),
        ]);
        assert_eq!(
            working_version_2017(&published, Some("a")).as_deref(),
            Some("a")
        );
        assert_eq!(
            working_version_2017(&published, Some("gone")).as_deref(),
            Some("b")
        );
        assert_eq!(working_version_2017(&json!({}), None), None);
    }
}
