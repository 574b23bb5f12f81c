//! The catalog's entries: every neutral block, and the provider block that
//! carries any provider type the dialects do not map.

use serde_json::{Value, json};

use super::{
    BlockSpec, Category, ChoiceOption, DerivedPorts, ParamKind, ParamSpec, PortSpec, ReferenceKind,
};
use crate::i18n::Text;
use crate::model::Provider::{self, Aliyun, Aliyun2017, Connect};

/// Every block, in palette order.
pub(super) fn all() -> Vec<BlockSpec> {
    use Category::*;
    vec![
        block(
            "start",
            Flow,
            ("Start", "开始"),
            (
                "Where every call enters the flow.",
                "每个来电进入流程的地方。",
            ),
        )
        .port("next", ("Next", "下一步"), true)
        .no_entry(),
        block(
            "play_prompt",
            Interact,
            ("Play prompt", "播放语音"),
            (
                "Speaks text or plays a recording to the caller.",
                "向来电者播放文本语音或录音。",
            ),
        )
        .with_param(tts(
            "text",
            ("Prompt text", "提示文本"),
            true,
            "Welcome to our service.",
        ))
        .with_param(choice(
            "voice_type",
            ("Prompt type", "语音类型"),
            &[
                ("tts", ("Text to speech", "文本转语音")),
                ("ssml", ("SSML", "SSML")),
                ("audio", ("Recording", "录音文件")),
            ],
            "tts",
        ))
        .with_param(bool_param(
            "interruptible",
            ("Caller can interrupt", "允许打断"),
            false,
        ))
        .port("next", ("Next", "下一步"), true)
        .port("error", ("Error", "错误"), false)
        .waits(),
        block(
            "menu",
            Interact,
            ("Menu", "按键菜单"),
            (
                "Plays a prompt and branches on the key the caller presses.",
                "播放提示并根据来电者的按键分支。",
            ),
        )
        // Connect: GetParticipantInput's prompt is optional.
        .with_param(
            tts(
                "prompt",
                ("Prompt text", "提示文本"),
                false,
                "For sales press 1. For support press 2.",
            )
            .recommended(),
        )
        .with_param(
            ParamSpec::new(
                "keys",
                ("Keys", "按键"),
                ParamKind::Keys { max_items: 12 },
                false,
                json!(["1", "2"]),
            )
            .recommended()
            .help(("Each key gets its own exit.", "每个按键都有自己的出口。")),
        )
        // Real Connect flows wait up to 300 s; no provider limit below an
        // hour is documented.
        .with_param(number(
            "timeout_seconds",
            ("Timeout (seconds)", "超时（秒）"),
            1.0,
            3600.0,
            false,
            5,
        ))
        .derived("keys", "key:", true)
        .port("timeout", ("Timeout", "超时"), true)
        .port("no_match", ("No match", "无效按键"), true)
        .port("error", ("Error", "错误"), false)
        .waits(),
        block(
            "collect_digits",
            Interact,
            ("Collect digits", "收集按键"),
            (
                "Plays a prompt and stores the digits the caller enters in a variable.",
                "播放提示并把来电者输入的数字存入变量。",
            ),
        )
        .with_param(
            tts(
                "prompt",
                ("Prompt text", "提示文本"),
                false,
                "Please enter your account number, then press hash.",
            )
            .recommended(),
        )
        // Connect keeps the digits in $.StoredCustomerInput when no
        // variable is named.
        .with_param(ParamSpec::new(
            "variable",
            ("Store in variable", "存入变量"),
            ParamKind::Variable,
            false,
            json!(""),
        ))
        // Connect's DTMFConfiguration and InputValidation are optional.
        .with_param(number(
            "min_digits",
            ("Minimum digits", "最少位数"),
            1.0,
            32.0,
            false,
            1,
        ))
        .with_param(number(
            "max_digits",
            ("Maximum digits", "最多位数"),
            1.0,
            32.0,
            false,
            10,
        ))
        // Real Connect flows wait up to 300 s; no provider limit below an
        // hour is documented.
        .with_param(number(
            "timeout_seconds",
            ("Timeout (seconds)", "超时（秒）"),
            1.0,
            3600.0,
            false,
            5,
        ))
        .with_param(choice(
            "terminator",
            ("End key", "结束键"),
            &[
                ("#", ("#", "#")),
                ("*", ("*", "*")),
                ("none", ("None", "无")),
            ],
            "#",
        ))
        .port("next", ("Next", "下一步"), true)
        .port("timeout", ("Timeout", "超时"), true)
        .port("error", ("Error", "错误"), false)
        .waits(),
        block(
            "branch",
            Logic,
            ("Branch", "条件分支"),
            (
                "Compares a value and takes the exit of the first case that matches.",
                "比较一个值并走第一个满足的条件出口。",
            ),
        )
        .with_param(
            text("value", ("Value to compare", "比较的值"), 256, true, "").help((
                "A variable such as $.Attributes.tier or {{tier}}.",
                "变量，如 $.Attributes.tier 或 {{tier}}。",
            )),
        )
        .with_param(ParamSpec::new(
            "cases",
            ("Cases", "条件"),
            ParamKind::Cases { max_items: 20 },
            true,
            json!([{"id": "a", "operator": "equals", "value": "gold"}]),
        ))
        .derived("cases", "case:", true)
        .port("no_match", ("No match", "都不满足"), true),
        block(
            "set_variables",
            Logic,
            ("Set variables", "设置变量"),
            ("Gives variables new values.", "为变量赋新值。"),
        )
        .with_param(ParamSpec::new(
            "assignments",
            ("Assignments", "赋值"),
            // Real Connect flows set 200 attributes in one block; no
            // provider limit is documented.
            ParamKind::Assignments { max_items: 1000 },
            true,
            json!([{"variable": "", "value": ""}]),
        ))
        .port("next", ("Next", "下一步"), true)
        .port("error", ("Error", "错误"), false),
        block(
            "check_hours",
            Logic,
            ("Check hours", "检查工作时间"),
            (
                "Branches on whether the contact centre is open now.",
                "根据当前是否在工作时间分支。",
            ),
        )
        // Connect checks the queue's own hours when none are given.
        .with_param(ParamSpec::new(
            "hours",
            ("Hours of operation", "工作时间"),
            ParamKind::Reference {
                target: ReferenceKind::Hours,
            },
            false,
            json!(""),
        ))
        .port("open", ("Open", "工作时间内"), true)
        .port("closed", ("Closed", "非工作时间"), true)
        .port("error", ("Error", "错误"), false)
        .providers(&[Connect]),
        block(
            "loop",
            Logic,
            ("Loop", "循环"),
            (
                "Repeats the blocks on its Loop exit a number of times, then takes Done.",
                "按次数重复循环出口上的模块，然后走完成出口。",
            ),
        )
        .with_param(number("count", ("Times", "次数"), 0.0, 100.0, true, 3))
        .port("loop", ("Loop", "循环"), true)
        .port("done", ("Done", "完成"), true)
        .waits()
        .providers(&[Connect]),
        block(
            "transfer_queue",
            Transfer,
            ("Transfer to queue", "转接队列"),
            (
                "Puts the caller in a queue or skill group to wait for an agent.",
                "将来电者转入队列或技能组等待坐席。",
            ),
        )
        .with_param(reference(
            "queue",
            ("Queue or skill group", "队列或技能组"),
            ReferenceKind::Queue,
            false,
        ))
        .port("at_capacity", ("Queue full", "队列已满"), false)
        .port("error", ("Error", "错误"), true)
        .waits(),
        block(
            "transfer_agent",
            Transfer,
            ("Transfer to agent", "转接坐席"),
            (
                "Connects the caller to one agent.",
                "将来电者转接给指定坐席。",
            ),
        )
        .with_param(reference(
            "agent",
            ("Agent", "坐席"),
            ReferenceKind::Agent,
            false,
        ))
        .port("busy", ("Busy or no answer", "忙或无应答"), false)
        .port("error", ("Error", "错误"), true)
        .waits(),
        block(
            "transfer_external",
            Transfer,
            ("Transfer to number", "转接外部号码"),
            (
                "Calls an external phone number and connects the caller.",
                "呼叫外部号码并接通来电者。",
            ),
        )
        .with_param(
            ParamSpec::new(
                "phone_number",
                ("Phone number", "电话号码"),
                ParamKind::Phone,
                true,
                json!(""),
            )
            .help((
                "E.164, such as +8613800000000, or a variable.",
                "E.164 格式，如 +8613800000000，或变量。",
            )),
        )
        .with_param(number(
            "timeout_seconds",
            ("Ring for (seconds)", "振铃时长（秒）"),
            1.0,
            600.0,
            true,
            30,
        ))
        .with_param(bool_param(
            "continue_after",
            ("Continue the flow after the call", "通话结束后继续流程"),
            false,
        ))
        .port("next", ("After the call", "通话结束后"), false)
        .port("busy", ("Busy or no answer", "忙或无应答"), false)
        .port("error", ("Error", "错误"), true)
        .waits(),
        block(
            "voicemail",
            Transfer,
            ("Voicemail", "语音留言"),
            ("Records a message from the caller.", "录制来电者的留言。"),
        )
        .with_param(tts(
            "prompt",
            ("Greeting", "留言提示"),
            false,
            "Please leave a message after the tone.",
        ))
        .with_param(text("mailbox", ("Mailbox", "信箱"), 128, true, ""))
        .with_param(number(
            "max_seconds",
            ("Longest message (seconds)", "最长留言（秒）"),
            5.0,
            600.0,
            true,
            120,
        ))
        .port("next", ("Next", "下一步"), false)
        .port("error", ("Error", "错误"), true)
        .waits()
        .providers(&[Aliyun, Aliyun2017]),
        block(
            "invoke_function",
            Integrate,
            ("Invoke function", "调用函数"),
            (
                "Calls a Lambda function, a Function Compute function or an HTTP endpoint.",
                "调用 Lambda、函数计算函数或 HTTP 接口。",
            ),
        )
        .with_param(choice(
            "function_kind",
            ("Kind", "类型"),
            &[
                ("lambda", ("AWS Lambda", "AWS Lambda")),
                ("function_compute", ("Function Compute", "函数计算")),
                ("http", ("HTTP request", "HTTP 请求")),
            ],
            "lambda",
        ))
        .with_param(reference(
            "function",
            ("Function ARN, name or URL", "函数 ARN、名称或 URL"),
            ReferenceKind::Function,
            false,
        ))
        .with_param(number(
            "timeout_seconds",
            ("Timeout (seconds)", "超时（秒）"),
            1.0,
            60.0,
            true,
            8,
        ))
        .with_param(object("inputs", ("Inputs", "输入参数")))
        .port("next", ("Success", "成功"), true)
        .port("error", ("Error", "错误"), true)
        .port("timeout", ("Timeout", "超时"), false)
        .waits(),
        block(
            "sub_flow",
            Integrate,
            ("Sub-flow", "子流程"),
            (
                "Runs another flow or flow module.",
                "运行另一个流程或流程模块。",
            ),
        )
        .with_param(reference(
            "flow",
            ("Flow", "流程"),
            ReferenceKind::Flow,
            false,
        ))
        .port("next", ("Returned", "返回"), false)
        .port("error", ("Error", "错误"), true)
        .waits(),
        block(
            "send_sms",
            Integrate,
            ("Send SMS", "发送短信"),
            ("Sends a text message.", "发送一条短信。"),
        )
        .with_param(ParamSpec::new(
            "to",
            ("To", "收信号码"),
            ParamKind::Phone,
            true,
            json!("$caller"),
        ))
        .with_param(text("message", ("Message", "短信内容"), 500, true, ""))
        .port("next", ("Next", "下一步"), true)
        .port("error", ("Error", "错误"), false)
        .providers(&[Aliyun, Aliyun2017]),
        block(
            "hang_up",
            Flow,
            ("Hang up", "挂机"),
            ("Ends the call.", "结束通话。"),
        )
        .terminal(),
        block(
            "end_flow",
            Flow,
            ("End flow", "结束流程"),
            (
                "Ends this flow and returns to the flow that called it.",
                "结束本流程并返回调用它的流程。",
            ),
        )
        .terminal(),
        block(
            "provider",
            Category::Provider,
            ("Provider block", "平台模块"),
            (
                "A provider's own block, kept exactly as imported.",
                "平台自有模块，按导入时原样保留。",
            ),
        )
        .with_param(choice(
            "provider",
            ("Provider", "平台"),
            &[
                ("connect", ("Amazon Connect", "Amazon Connect")),
                ("aliyun", ("Alibaba Cloud CCC", "阿里云云呼叫中心")),
                (
                    "aliyun2017",
                    ("Alibaba Cloud CCC 2017", "阿里云云呼叫中心 2017"),
                ),
            ],
            "connect",
        ))
        .with_param(text("type", ("Type", "类型"), 128, true, ""))
        .with_param(ParamSpec::new(
            "exits",
            ("Exits", "出口"),
            ParamKind::Exits { max_items: 64 },
            false,
            json!([]),
        ))
        .with_param(object("parameters", ("Parameters", "参数")))
        .derived("exits", "", false)
        // A provider block's own kind is unknown: assume it may wait, so no
        // cycle through it is reported falsely.
        .waits(),
    ]
}

/// The neutral blocks every provider with a call-flow API can carry.
const NEUTRAL: &[Provider] = &[Connect, Aliyun, Aliyun2017];

type Pair = (&'static str, &'static str);

fn t((en, zh): Pair) -> Text {
    Text::new(en, zh)
}

fn block(id: &str, category: Category, name: Pair, description: Pair) -> BlockSpec {
    BlockSpec {
        id: id.to_owned(),
        category,
        name: t(name),
        description: t(description),
        params: Vec::new(),
        ports: Vec::new(),
        derived_ports: None,
        entry: true,
        terminal: false,
        waits: false,
        providers: NEUTRAL.to_vec(),
    }
}

impl BlockSpec {
    fn with_param(mut self, p: ParamSpec) -> Self {
        self.params.push(p);
        self
    }
    fn port(mut self, id: &str, name: Pair, required: bool) -> Self {
        self.ports.push(PortSpec {
            id: id.to_owned(),
            name: t(name),
            required,
        });
        self
    }
    fn derived(mut self, param: &str, prefix: &str, required: bool) -> Self {
        self.derived_ports = Some(DerivedPorts {
            param: param.to_owned(),
            prefix: prefix.to_owned(),
            required,
        });
        self
    }
    fn no_entry(mut self) -> Self {
        self.entry = false;
        self
    }
    fn terminal(mut self) -> Self {
        self.terminal = true;
        self
    }
    fn waits(mut self) -> Self {
        self.waits = true;
        self
    }
    fn providers(mut self, providers: &[Provider]) -> Self {
        self.providers = providers.to_vec();
        self
    }
}

impl ParamSpec {
    fn new(key: &str, name: Pair, kind: ParamKind, required: bool, default: Value) -> ParamSpec {
        ParamSpec {
            key: key.to_owned(),
            name: t(name),
            help: Text::default(),
            kind,
            required,
            recommended: false,
            default,
        }
    }
    /// Empty is allowed by the providers, but usually a slip: a warning.
    fn recommended(mut self) -> Self {
        self.recommended = true;
        self
    }
    fn help(mut self, help: Pair) -> Self {
        self.help = t(help);
        self
    }
}

fn text(key: &str, name: Pair, max_len: u32, required: bool, default: &str) -> ParamSpec {
    ParamSpec::new(
        key,
        name,
        ParamKind::Text { max_len },
        required,
        json!(default),
    )
}

fn tts(key: &str, name: Pair, required: bool, default: &str) -> ParamSpec {
    ParamSpec::new(
        key,
        name,
        ParamKind::Tts { max_len: 3000 },
        required,
        json!(default),
    )
}

fn number(key: &str, name: Pair, min: f64, max: f64, required: bool, default: i64) -> ParamSpec {
    let kind = ParamKind::Number {
        min,
        max,
        integer: true,
    };
    ParamSpec::new(key, name, kind, required, json!(default))
}

fn bool_param(key: &str, name: Pair, default: bool) -> ParamSpec {
    ParamSpec::new(key, name, ParamKind::Bool, false, json!(default))
}

fn choice(key: &str, name: Pair, options: &[(&str, Pair)], default: &str) -> ParamSpec {
    let options = options
        .iter()
        .map(|&(value, name)| ChoiceOption {
            value: value.to_owned(),
            name: t(name),
        })
        .collect();
    // An absent choice takes its default, as the providers do.
    ParamSpec::new(
        key,
        name,
        ParamKind::Choice { options },
        false,
        json!(default),
    )
}

/// A reference to something in the cloud. One that is not required is still
/// recommended: real flows leave it empty in templates filled in at deploy
/// time, and the provider takes them, but a call there takes the Error exit.
fn reference(key: &str, name: Pair, target: ReferenceKind, required: bool) -> ParamSpec {
    let p = ParamSpec::new(
        key,
        name,
        ParamKind::Reference { target },
        required,
        json!(""),
    );
    if required { p } else { p.recommended() }
}

fn object(key: &str, name: Pair) -> ParamSpec {
    ParamSpec::new(key, name, ParamKind::Object, false, json!({}))
}
