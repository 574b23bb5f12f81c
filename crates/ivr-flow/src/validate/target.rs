//! Target rules: what each provider can carry, its limits, and the cloud
//! references to review before a publish.

use super::index::FlowIndex;
use crate::catalog::{PROVIDER_BLOCK, ParamKind, ReferenceKind, START_BLOCK};
use crate::dialect::connect;
use crate::i18n::Text;
use crate::model::{Flow, Provider};
use crate::naming;
use crate::problem::{Code, Problem};

/// A provider's limits on a flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TargetLimits {
    /// Most blocks (Connect: actions) in one flow.
    pub max_blocks: Option<usize>,
    /// Longest block id.
    pub max_id_len: Option<usize>,
    /// Largest flow document, in characters.
    pub max_content_chars: Option<usize>,
}

/// The limits of a provider.
pub fn limits_of(target: Provider) -> TargetLimits {
    match target {
        Provider::Connect => TargetLimits {
            max_blocks: Some(250),
            max_id_len: Some(50),
            max_content_chars: Some(256_000),
        },
        Provider::Aliyun | Provider::Aliyun2017 | Provider::Nxlink => TargetLimits {
            max_blocks: None,
            max_id_len: None,
            max_content_chars: None,
        },
    }
}

/// The problem, if any, with a flow whose document for `target` is `chars`
/// characters long. The dialect that writes the document calls this.
pub fn content_size_problem(target: Provider, chars: usize) -> Option<Problem> {
    let limit = limits_of(target).max_content_chars?;
    let name = target.display_name();
    let (tn, tz) = (name.en.as_str(), name.zh.as_str());
    (chars > limit).then(|| {
        Problem::new(
            Code::TargetContentTooLarge,
            Text::new(
                format!("Written for {tn}, this flow is {chars} characters long; {tn} takes at most {limit}. Move part of it into a sub-flow."),
                format!("按 {tz} 格式写出后，流程长度为 {chars} 个字符，超过了 {tz} 的 {limit} 上限。请把一部分移到子流程中。"),
            ),
        )
    })
}

/// Runs the rules for one target.
pub(super) fn check(flow: &Flow, ix: &FlowIndex<'_>, target: Provider, out: &mut Vec<Problem>) {
    // Some codes weigh more for some targets (CCC refuses unwired exits).
    for p in out.iter_mut() {
        p.severity = p.code.severity_for(Some(target));
    }
    let name = target.display_name();
    let (tn, tz) = (name.en.as_str(), name.zh.as_str());
    let limits = limits_of(target);
    let mut blocks = 0usize;
    for (i, node) in flow.nodes.iter().enumerate() {
        let Some(spec) = ix.specs[i] else { continue };
        if node.block != START_BLOCK {
            blocks += 1;
        }
        if !carries(target, spec.providers.as_slice(), node) {
            out.push(
                Problem::new(
                    Code::TargetUnsupportedBlock,
                    naming::about(node, Some(spec), ix.ordinals[i], |en, zh| {
                        (
                            format!(
                                "{tn} cannot carry {en}. Replace it with a block {tn} supports."
                            ),
                            format!("{tz} 不支持{zh}。请换成 {tz} 支持的模块。"),
                        )
                    }),
                )
                .at_node(&node.id),
            );
        }
        // Connect's ids are checked on the actions it is written as, below.
        let per_block = target != Provider::Connect;
        if let Some(max) = limits
            .max_id_len
            .filter(|&max| per_block && node.id.chars().count() > max)
        {
            out.push(
                Problem::new(
                    Code::TargetIdTooLong,
                    Text::new(
                        format!("Block id \"{}\" is longer than the {max} characters {tn} allows. Shorten it.", node.id),
                        format!("模块 ID“{}”超过了 {tz} 允许的 {max} 个字符。请缩短。", node.id),
                    ),
                )
                .at_node(&node.id),
            );
        }
        for param in &spec.params {
            let ParamKind::Reference { target: kind } = param.kind else {
                continue;
            };
            let Some(value) = node.params.get(&param.key).and_then(|v| v.as_str()) else {
                continue;
            };
            if value.is_empty() || super::fields::is_dynamic(value) {
                continue;
            }
            // Named as Connect's designer names it, when the export says.
            let shown = match target {
                Provider::Connect => connect::shown_name(node, &param.key).unwrap_or(value),
                _ => value,
            };
            out.push(
                Problem::new(
                    Code::ReferenceReview,
                    naming::about(node, Some(spec), ix.ordinals[i], |en, zh| {
                        let (ken, kzh) = match kind {
                            ReferenceKind::Flow if connect::is_module_call(node) => {
                                ("flow module", "流程模块")
                            }
                            _ => reference_words(kind, target),
                        };
                        (
                            format!("{en} refers to {ken} \"{shown}\". Check that it exists on the {tn} instance before publishing."),
                            format!("{zh}引用了{kzh}“{shown}”。发布前请确认它在 {tz} 实例中存在。"),
                        )
                    }),
                )
                .at_node(&node.id)
                .at_field(param.key.as_str()),
            );
        }
    }
    if target == Provider::Connect {
        check_connect_document(flow, ix, limits, out);
    } else if let Some(max) = limits.max_blocks.filter(|&max| blocks > max) {
        out.push(too_many_blocks(target, blocks, max));
    }
    out.extend(notes_dropped(flow, target));
}

/// What a reference points at, in the target's own words: CCC routes calls
/// to skill groups, Connect to queues.
fn reference_words(kind: ReferenceKind, target: Provider) -> (&'static str, &'static str) {
    let ccc = matches!(target, Provider::Aliyun | Provider::Aliyun2017);
    match kind {
        ReferenceKind::Queue if ccc => ("skill group", "技能组"),
        ReferenceKind::Queue => ("queue", "队列"),
        ReferenceKind::SkillGroup => ("skill group", "技能组"),
        ReferenceKind::Agent => ("agent", "坐席"),
        ReferenceKind::Prompt => ("prompt", "语音提示"),
        ReferenceKind::Flow => ("flow", "流程"),
        ReferenceKind::Function if ccc => ("function", "函数"),
        ReferenceKind::Function => ("Lambda function", "Lambda 函数"),
        ReferenceKind::Hours => ("hours of operation", "营业时间"),
        ReferenceKind::Url => ("URL", "URL"),
    }
}

/// Whether `target`'s flow document has a place for sticky notes. Connect
/// keeps them as `Metadata.Annotations`; CCC (both APIs) and NXLink have no
/// documented one, and an unknown key in a CCC Definition is not ours to add.
pub fn keeps_notes(target: Provider) -> bool {
    target == Provider::Connect
}

/// The warning for a flow with sticky notes published where they cannot go.
fn notes_dropped(flow: &Flow, target: Provider) -> Option<Problem> {
    let n = flow.notes.len();
    if n == 0 || keeps_notes(target) {
        return None;
    }
    let name = target.display_name();
    let (tn, tz) = (name.en.as_str(), name.zh.as_str());
    let what = if n == 1 {
        "this flow's sticky note is".to_string()
    } else {
        format!("this flow's {n} sticky notes are")
    };
    Some(Problem::new(
        Code::TargetNotesDropped,
        Text::new(
            format!("{tn} has no place for notes: {what} kept in the file but not published."),
            format!("{tz} 不支持便签：流程中的 {n} 个便签保留在文件中，但不会发布。"),
        ),
    ))
}

fn too_many_blocks(target: Provider, blocks: usize, max: usize) -> Problem {
    let name = target.display_name();
    let (tn, tz) = (name.en.as_str(), name.zh.as_str());
    Problem::new(
        Code::TargetTooManyBlocks,
        Text::new(
            format!(
                "The flow has {blocks} blocks; {tn} allows at most {max} in one flow. Move part of it into a sub-flow."
            ),
            format!(
                "流程有 {blocks} 个模块，{tz} 每个流程最多允许 {max} 个。请把一部分移到子流程中。"
            ),
        ),
    )
}

/// Connect's limits apply to the document as written: some blocks become two
/// actions (a queue transfer is UpdateContactTargetQueue + TransferContactToQueue),
/// so actions, their ids and the Content's size are counted on the encoding.
fn check_connect_document(
    flow: &Flow,
    ix: &FlowIndex<'_>,
    limits: TargetLimits,
    out: &mut Vec<Problem>,
) {
    let target = Provider::Connect;
    let name = target.display_name();
    let (tn, tz) = (name.en.as_str(), name.zh.as_str());
    let actions = connect::action_ids(flow);
    if let Some(max) = limits.max_blocks.filter(|&max| actions.len() > max) {
        out.push(too_many_blocks(target, actions.len(), max));
        // Too many actions already: the document is too large to be worth
        // writing just to measure it.
        return;
    }
    if let Some(max) = limits.max_id_len {
        for id in actions.iter().filter(|id| id.chars().count() > max) {
            // A second action's id is its block's id with a suffix.
            let owner = ix
                .by_id
                .get(id.as_str())
                .or_else(|| id.rsplit_once('-').and_then(|(base, _)| ix.by_id.get(base)));
            let mut p = Problem::new(
                Code::TargetIdTooLong,
                Text::new(
                    format!(
                        "Action id \"{id}\" is longer than the {max} characters {tn} allows. Shorten the block's id."
                    ),
                    format!("动作 ID“{id}”超过了 {tz} 允许的 {max} 个字符。请缩短模块的 ID。"),
                ),
            );
            if let Some(&i) = owner {
                p = p.at_node(&flow.nodes[i].id);
            }
            out.push(p);
        }
    }
    // A flow Connect cannot encode has its blocks reported above.
    if let Ok(content) = connect::content_string(flow) {
        out.extend(content_size_problem(target, content.chars().count()));
    }
}

/// Whether `target` can carry this block: neutral blocks by the catalog,
/// provider blocks only on their own provider, and a function by its kind
/// as the target's format writes it (Connect invokes Lambda functions only;
/// CCC runs Function Compute functions and HTTP requests, never a Lambda).
fn carries(target: Provider, providers: &[Provider], node: &crate::model::Node) -> bool {
    let param = |key: &str| node.params.get(key).and_then(|v| v.as_str());
    if node.block == PROVIDER_BLOCK {
        return param("provider") == Some(target.as_str());
    }
    if node.block == "invoke_function" {
        let lambda = matches!(param("function_kind"), None | Some("lambda"));
        return providers.contains(&target) && lambda == (target == Provider::Connect);
    }
    providers.contains(&target)
}
