//! Connect's action types as its flow designer shows them: each type's
//! block name (English and Chinese, as the console's designer names it),
//! its palette category, and the parameters its card summarises; and the
//! names the designer gives a block's branches (`Success`, `Error`,
//! `Timeout`, `= 1`, `> 0`...). The catalog hands both to the UI, and
//! validation names blocks and exits with them. Covers the action types of
//! Connect's Flow language reference, not only those seen in real flows.

use super::{Category, ExitLabel, ProviderAction};
use crate::i18n::Text;
use crate::model::Provider;

use Category::{Flow, Integrate, Interact, Logic, Transfer};

/// `(type, English, Chinese, category, summarised parameters)`.
type Row = (
    &'static str,
    &'static str,
    &'static str,
    Category,
    &'static [&'static str],
);

const ACTIONS: &[Row] = &[
    // Interact
    (
        "MessageParticipant",
        "Play prompt",
        "播放提示",
        Interact,
        &["Text", "SSML", "PromptId", "Media.Uri"],
    ),
    (
        "MessageParticipantIteratively",
        "Loop prompts",
        "循环提示",
        Interact,
        &["Messages"],
    ),
    (
        "GetParticipantInput",
        "Get customer input",
        "获取客户输入",
        Interact,
        &["Text", "SSML", "PromptId", "InputTimeLimitSeconds"],
    ),
    (
        "ConnectParticipantWithLexBot",
        "Get customer input (Lex bot)",
        "获取客户输入（Lex 机器人）",
        Interact,
        &["LexV2Bot.AliasArn", "LexBot.Name", "Text", "SSML"],
    ),
    (
        "ShowView",
        "Show view",
        "显示视图",
        Interact,
        &["ViewResource.Id"],
    ),
    ("Wait", "Wait", "等待", Interact, &["TimeoutSeconds"]),
    (
        "StartOutboundChatContact",
        "Start outbound chat",
        "发起出站聊天",
        Interact,
        &[],
    ),
    (
        "AuthenticateParticipant",
        "Authenticate customer",
        "验证客户身份",
        Interact,
        &[],
    ),
    // Logic
    (
        "Compare",
        "Check contact attributes",
        "检查联系人属性",
        Logic,
        &["ComparisonValue"],
    ),
    (
        "CheckHoursOfOperation",
        "Check hours of operation",
        "检查营业时间",
        Logic,
        &["HoursOfOperationId"],
    ),
    (
        "CheckMetricData",
        "Check queue status",
        "检查队列状态",
        Logic,
        &["MetricType", "QueueId"],
    ),
    (
        "CheckOutboundCallStatus",
        "Check call progress",
        "检查呼叫进度",
        Logic,
        &[],
    ),
    (
        "CheckVoiceId",
        "Check Voice ID",
        "检查 Voice ID",
        Logic,
        &["CheckVoiceIdOption"],
    ),
    (
        "DistributeByPercentage",
        "Distribute by percentage",
        "按百分比分配",
        Logic,
        &[],
    ),
    ("Loop", "Loop", "循环", Logic, &["LoopCount"]),
    (
        "GetMetricData",
        "Get queue metrics",
        "获取队列指标",
        Logic,
        &["QueueId"],
    ),
    (
        "UpdateContactAttributes",
        "Set contact attributes",
        "设置联系人属性",
        Logic,
        &["Attributes"],
    ),
    (
        "UpdateFlowAttributes",
        "Set flow attributes",
        "设置流属性",
        Logic,
        &["FlowAttributes"],
    ),
    (
        "UpdateContactData",
        "Set contact data",
        "设置联系人数据",
        Logic,
        &["Name", "Description", "LanguageCode"],
    ),
    (
        "UpdateContactTextToSpeechVoice",
        "Set voice",
        "设置语音",
        Logic,
        &["TextToSpeechVoice", "TextToSpeechEngine"],
    ),
    (
        "UpdateFlowLoggingBehavior",
        "Set logging behavior",
        "设置日志记录行为",
        Logic,
        &["FlowLoggingBehavior"],
    ),
    (
        "UpdateContactRecordingBehavior",
        "Set recording and analytics behavior",
        "设置录音和分析行为",
        Logic,
        &["RecordingBehavior.RecordedParticipants"],
    ),
    (
        "UpdateContactRecordingAndAnalyticsBehavior",
        "Set recording and analytics behavior",
        "设置录音和分析行为",
        Logic,
        &[],
    ),
    (
        "UpdateContactRoutingBehavior",
        "Change routing priority / age",
        "更改路由优先级/时长",
        Logic,
        &["QueuePriority", "QueueTimeAdjustmentSeconds"],
    ),
    (
        "UpdateContactCallbackNumber",
        "Set callback number",
        "设置回拨号码",
        Logic,
        &["CallbackNumber"],
    ),
    (
        "UpdateContactEventHooks",
        "Set event flow",
        "设置事件流",
        Logic,
        &["EventHooks"],
    ),
    (
        "UpdateContactMediaStreamingBehavior",
        "Start or stop media streaming",
        "启动或停止媒体流",
        Logic,
        &["MediaStreamingState"],
    ),
    (
        "UpdateContactTargetQueue",
        "Set working queue",
        "设置工作队列",
        Logic,
        &["QueueId", "AgentId"],
    ),
    (
        "UpdateRoutingCriteria",
        "Set routing criteria",
        "设置路由条件",
        Logic,
        &[],
    ),
    (
        "UpdateContactSummary",
        "Set contact summary",
        "设置联系人摘要",
        Logic,
        &[],
    ),
    ("TagContact", "Tag contact", "标记联系人", Logic, &["Tags"]),
    (
        "UnTagContact",
        "Untag contact",
        "取消标记联系人",
        Logic,
        &["TagKeys"],
    ),
    (
        "StartVoiceIdStream",
        "Set Voice ID",
        "设置 Voice ID",
        Logic,
        &[],
    ),
    (
        "StartMediaStreaming",
        "Start media streaming",
        "启动媒体流",
        Logic,
        &[],
    ),
    (
        "StopMediaStreaming",
        "Stop media streaming",
        "停止媒体流",
        Logic,
        &[],
    ),
    // Integrate
    (
        "InvokeLambdaFunction",
        "Invoke AWS Lambda function",
        "调用 AWS Lambda 函数",
        Integrate,
        &["LambdaFunctionARN"],
    ),
    (
        "InvokeFlowModule",
        "Invoke module",
        "调用模块",
        Integrate,
        &["FlowModuleId"],
    ),
    (
        "InvokeExternalResource",
        "Invoke external resource",
        "调用外部资源",
        Integrate,
        &[],
    ),
    (
        "CreateTask",
        "Create task",
        "创建任务",
        Integrate,
        &["Name", "ContactFlowId"],
    ),
    (
        "CreateCallbackContact",
        "Create callback",
        "创建回拨",
        Integrate,
        &["QueueId"],
    ),
    ("CreateCase", "Create case", "创建案例", Integrate, &[]),
    ("GetCase", "Get case", "获取案例", Integrate, &[]),
    ("UpdateCase", "Update case", "更新案例", Integrate, &[]),
    (
        "CreateCustomerProfile",
        "Create customer profile",
        "创建客户资料",
        Integrate,
        &[],
    ),
    (
        "GetCustomerProfile",
        "Get customer profile",
        "获取客户资料",
        Integrate,
        &[],
    ),
    (
        "UpdateCustomerProfile",
        "Update customer profile",
        "更新客户资料",
        Integrate,
        &[],
    ),
    (
        "AssociateContactToCustomerProfile",
        "Associate contact to profile",
        "将联系人关联到客户资料",
        Integrate,
        &[],
    ),
    (
        "GetCalculatedAttributesForCustomerProfile",
        "Get calculated attributes",
        "获取计算属性",
        Integrate,
        &[],
    ),
    (
        "CreateWisdomSession",
        "Amazon Q in Connect",
        "Amazon Q in Connect",
        Integrate,
        &["WisdomAssistantArn"],
    ),
    // Transfer
    (
        "TransferContactToQueue",
        "Transfer to queue",
        "转接到队列",
        Transfer,
        &[],
    ),
    (
        "TransferContactToAgent",
        "Transfer to agent",
        "转接到座席",
        Transfer,
        &[],
    ),
    (
        "TransferParticipantToThirdParty",
        "Transfer to phone number",
        "转接到电话号码",
        Transfer,
        &["ThirdPartyPhoneNumber"],
    ),
    (
        "TransferToFlow",
        "Transfer to flow",
        "转接到流",
        Transfer,
        &["ContactFlowId"],
    ),
    // Flow
    (
        "DisconnectParticipant",
        "Disconnect / hang up",
        "断开连接/挂断",
        Flow,
        &[],
    ),
    (
        "EndFlowExecution",
        "End flow / Resume",
        "结束流/恢复",
        Flow,
        &[],
    ),
    ("EndFlowModuleExecution", "Return", "返回", Flow, &[]),
    ("ResumeContact", "Resume contact", "恢复联系人", Flow, &[]),
];

/// `(exit name or prefix, English, Chinese, the rest of the name follows)`.
type Exit = (&'static str, &'static str, &'static str, bool);

/// Branch names (the UI and `Catalog::exit_label` take the longest prefix
/// that matches).
const EXITS: &[Exit] = &[
    ("next", "Success", "成功", false),
    ("error:NoMatchingError", "Error", "错误", false),
    ("error:NoMatchingCondition", "No match", "无匹配", false),
    ("error:InputTimeLimitExceeded", "Timeout", "超时", false),
    ("error:QueueAtCapacity", "At capacity", "队列已满", false),
    ("error:CallFailed", "Call failed", "呼叫失败", false),
    (
        "error:ConnectionTimeLimitExceeded",
        "Timeout",
        "超时",
        false,
    ),
    ("error:NoMatchFound", "Not found", "未找到", false),
    ("error:MultipleFound", "Multiple found", "找到多个", false),
    (
        "error:ContactNotFound",
        "Contact not found",
        "未找到联系人",
        false,
    ),
    ("error:", "Error: ", "错误：", true),
    ("Equals:ContinueLooping", "Looping", "循环中", false),
    ("Equals:DoneLooping", "Complete", "完成", false),
    ("Equals:True", "In hours", "营业时间内", false),
    ("Equals:False", "Out of hours", "营业时间外", false),
    ("Equals:", "= ", "= ", true),
    ("NumberGreaterThan:", "> ", "> ", true),
    ("NumberGreaterOrEqualTo:", "≥ ", "≥ ", true),
    ("NumberLessThan:", "< ", "< ", true),
    ("NumberLessOrEqualTo:", "≤ ", "≤ ", true),
    ("TextStartsWith:", "Starts with ", "开头为 ", true),
    ("TextEndsWith:", "Ends with ", "结尾为 ", true),
    ("TextContains:", "Contains ", "包含 ", true),
];

/// Connect's action types, as the catalog lists them.
pub fn actions() -> Vec<ProviderAction> {
    ACTIONS
        .iter()
        .map(|&(ty, en, zh, category, summary)| ProviderAction {
            provider: Provider::Connect,
            action_type: ty.to_owned(),
            name: Text::new(en, zh),
            category,
            summary: summary.iter().map(|s| (*s).to_owned()).collect(),
        })
        .collect()
}

/// Connect's branch names, as the catalog lists them.
pub fn exit_labels() -> Vec<ExitLabel> {
    EXITS
        .iter()
        .map(|&(prefix, en, zh, operand)| ExitLabel {
            provider: Provider::Connect,
            prefix: prefix.to_owned(),
            name: Text::new(en, zh),
            operand,
        })
        .collect()
}

/// The designer's name of Connect action type `ty`, if the table has it.
pub fn action_name(ty: &str) -> Option<Text> {
    ACTIONS
        .iter()
        .find(|r| r.0 == ty)
        .map(|&(_, en, zh, _, _)| Text::new(en, zh))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exits_read_as_the_designer_names_them() {
        let en = |x: &str| crate::catalog::catalog().exit_label("connect", x).en;
        assert_eq!(en("next"), "Success");
        assert_eq!(en("error:NoMatchingError"), "Error");
        assert_eq!(en("error:InputTimeLimitExceeded"), "Timeout");
        assert_eq!(en("error:InvalidPhoneNumber"), "Error: InvalidPhoneNumber");
        assert_eq!(en("Equals:1"), "= 1");
        assert_eq!(en("NumberGreaterThan:0"), "> 0");
        assert_eq!(en("Equals:ContinueLooping"), "Looping");
        assert_eq!(
            crate::catalog::catalog()
                .exit_label("connect", "Equals:True")
                .zh,
            "营业时间内"
        );
        assert_eq!(en("something-else"), "something-else");
    }

    #[test]
    fn every_action_type_is_named_once_in_both_languages() {
        let mut seen = std::collections::BTreeSet::new();
        for (ty, en, zh, _, _) in ACTIONS {
            assert!(seen.insert(*ty), "{ty} twice");
            assert!(!en.is_empty() && !zh.is_empty(), "{ty}");
        }
        assert_eq!(
            action_name("UpdateContactTargetQueue").unwrap().en,
            "Set working queue"
        );
    }
}
