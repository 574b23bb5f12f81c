//! Alibaba Cloud CCC's activity types (2020-07-01 Definitions) as its
//! console's flow designer shows them: each type's module name (Chinese as
//! the console names it, and English), its palette category and the
//! properties its card summarises; and the names of its events. Types the
//! model maps to neutral blocks are listed too, so a provider block of any
//! of them reads as the console shows it.

use super::{Category, ExitLabel, ProviderAction};
use crate::i18n::Text;
use crate::model::Provider;

use Category::{Flow, Integrate, Interact, Logic, Transfer};

/// `(type, English, Chinese, category, summarised properties)`.
type Row = (
    &'static str,
    &'static str,
    &'static str,
    Category,
    &'static [&'static str],
);

const ACTIVITIES: &[Row] = &[
    ("INCOMING_CALL", "Incoming call", "开始", Flow, &[]),
    (
        "PLAY_SAY",
        "Play audio",
        "放音",
        Interact,
        &["say", "audioResourceId"],
    ),
    (
        "GATHER_INPUT",
        "Collect keys",
        "收号",
        Interact,
        &["say", "variableName"],
    ),
    (
        "ASR",
        "Speech recognition",
        "语音识别",
        Interact,
        &["say", "variableName"],
    ),
    (
        "VOICE_NAVIGATOR",
        "Voice navigator",
        "语音导航",
        Interact,
        &["say"],
    ),
    (
        "SATISFACTION_RATING",
        "Satisfaction survey",
        "满意度调查",
        Interact,
        &["say"],
    ),
    ("SPLIT", "Condition branch", "条件分支", Logic, &["value"]),
    (
        "SET_VARIABLES",
        "Set variables",
        "设置变量",
        Logic,
        &["variables"],
    ),
    ("JSON_PARSER", "Parse JSON", "JSON 解析", Logic, &["source"]),
    ("HANGUP_REASON", "Hang-up reason", "挂机原因", Logic, &[]),
    (
        "TRANSFER_TO_AGENT",
        "Transfer to agent",
        "转人工",
        Transfer,
        &["skillGroupId", "agentId"],
    ),
    (
        "BLIND_TRANSFER",
        "Transfer to external number",
        "转外线",
        Transfer,
        &["phoneNumber"],
    ),
    (
        "VOICE_MAIL",
        "Voicemail",
        "语音信箱",
        Transfer,
        &["mailbox"],
    ),
    (
        "SMS",
        "Send SMS",
        "发送短信",
        Integrate,
        &["phoneNumber", "content"],
    ),
    (
        "RUN_FUNCTION",
        "Function Compute",
        "函数计算",
        Integrate,
        &["functionName"],
    ),
    (
        "HTTP_REQUEST",
        "HTTP request",
        "HTTP 请求",
        Integrate,
        &["url"],
    ),
    ("SUB", "Sub-flow", "子流程", Integrate, &["contactFlowId"]),
    ("SUB_START", "Sub-flow start", "子流程开始", Flow, &[]),
    ("SUB_END", "Sub-flow end", "子流程结束", Flow, &[]),
    ("HANGUP", "Hang up", "挂机", Flow, &[]),
];

/// `(event, English, Chinese, the rest of the name follows)`.
const EVENTS: &[(&str, &str, &str, bool)] = &[
    ("complete", "Complete", "完成", false),
    ("success", "Success", "成功", false),
    ("Success", "Success", "成功", false),
    ("failure", "Failure", "失败", false),
    ("Failure", "Failure", "失败", false),
    ("error", "Error", "错误", false),
    ("timeout", "Timeout", "超时", false),
    ("Timeout", "Timeout", "超时", false),
    ("default", "Default", "默认", false),
    ("Default", "Default", "默认", false),
    ("overflow", "Overflow", "溢出", false),
    ("Overflow", "Overflow", "溢出", false),
    ("hangup", "Hang-up", "挂机", false),
    ("Hangup", "Hang-up", "挂机", false),
    ("Branch-", "Branch ", "分支 ", true),
];

/// CCC's activity types, as the catalog lists them.
pub fn actions() -> Vec<ProviderAction> {
    ACTIVITIES
        .iter()
        .map(|&(ty, en, zh, category, summary)| ProviderAction {
            provider: Provider::Aliyun,
            action_type: ty.to_owned(),
            name: Text::new(en, zh),
            category,
            summary: summary.iter().map(|s| (*s).to_owned()).collect(),
        })
        .collect()
}

/// CCC's event names, as the catalog lists them.
pub fn exit_labels() -> Vec<ExitLabel> {
    EVENTS
        .iter()
        .map(|&(prefix, en, zh, operand)| ExitLabel {
            provider: Provider::Aliyun,
            prefix: prefix.to_owned(),
            name: Text::new(en, zh),
            operand,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_activity_type_of_the_reference_is_named_in_both_languages() {
        // The types `reference/aliyun-ccc.md` lists for the 2020 API.
        for ty in [
            "INCOMING_CALL",
            "PLAY_SAY",
            "GATHER_INPUT",
            "ASR",
            "SPLIT",
            "SET_VARIABLES",
            "TRANSFER_TO_AGENT",
            "BLIND_TRANSFER",
            "VOICE_MAIL",
            "SMS",
            "RUN_FUNCTION",
            "HTTP_REQUEST",
            "JSON_PARSER",
            "VOICE_NAVIGATOR",
            "SATISFACTION_RATING",
            "SUB",
            "SUB_START",
            "SUB_END",
            "HANGUP_REASON",
            "HANGUP",
        ] {
            let row = ACTIVITIES.iter().find(|r| r.0 == ty);
            assert!(
                row.is_some_and(|r| !r.1.is_empty() && !r.2.is_empty()),
                "{ty}"
            );
        }
    }
}
