//! Field rules: every setting of every block checked against its catalog
//! entry (type, required, limits), and the flow's variables.

use rustc_hash::FxHashSet as HashSet;
use serde_json::Value;

use super::index::FlowIndex;
use crate::catalog::{BlockSpec, OPERATORS, ParamKind, ParamSpec};
use crate::i18n::Text;
use crate::model::{Flow, Node};
use crate::naming;
use crate::problem::{Code, Problem};

/// Runs the variable and field rules.
pub(super) fn check(flow: &Flow, ix: &FlowIndex<'_>, out: &mut Vec<Problem>) {
    let declared = check_variables(flow, out);
    for (i, node) in flow.nodes.iter().enumerate() {
        let Some(spec) = ix.specs[i] else { continue };
        let mut ctx = Ctx {
            node,
            ordinal: ix.ordinals[i],
            spec,
            declared: &declared,
            out,
        };
        let mut known = 0;
        for param in &spec.params {
            let value = node.params.get(&param.key);
            known += usize::from(value.is_some());
            match value {
                None | Some(Value::Null) => {
                    ctx.empty(param, ("is empty. Fill it in.", "为空，请填写。"));
                }
                Some(value) => ctx.check_value(param, value),
            }
        }
        // Only look for unknown settings when some setting matched no parameter.
        let unknown = node.params.keys().filter(|_| known < node.params.len());
        for key in unknown {
            if spec.param(key).is_none() {
                ctx.out.push(
                    Problem::new(
                        Code::FieldUnknown,
                        naming::about(node, Some(spec), ctx.ordinal, |en, zh| {
                            (
                                format!("{en} has a setting \"{key}\" that this block does not have; it will be ignored. Delete it from the file."),
                                format!("{zh}有一个该模块不存在的设置“{key}”，它将被忽略。请从文件中删除它。"),
                            )
                        }),
                    )
                    .at_node(&node.id)
                    .at_field(key.as_str()),
                );
            }
        }
    }
}

/// Checks declared variables; returns their names.
fn check_variables<'a>(flow: &'a Flow, out: &mut Vec<Problem>) -> HashSet<&'a str> {
    let mut declared = HashSet::with_capacity_and_hasher(flow.variables.len(), Default::default());
    for (i, var) in flow.variables.iter().enumerate() {
        let field = format!("variables[{i}]");
        if !is_identifier(&var.name) {
            out.push(
                Problem::new(
                    Code::VariableInvalid,
                    Text::new(
                        format!("Variable name \"{}\" is not valid. Use 1 to 64 letters, digits and underscores, starting with a letter or underscore.", var.name),
                        format!("变量名“{}”无效。请使用 1 到 64 个字母、数字或下划线，并以字母或下划线开头。", var.name),
                    ),
                )
                .at_field(field),
            );
        } else if !declared.insert(var.name.as_str()) {
            out.push(
                Problem::new(
                    Code::VariableInvalid,
                    Text::new(
                        format!(
                            "Variable \"{}\" is declared twice. Delete one of them.",
                            var.name
                        ),
                        format!("变量“{}”被声明了两次。请删除其中一个。", var.name),
                    ),
                )
                .at_field(field),
            );
        }
    }
    declared
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name.len() <= 64
}

/// A value the provider fills in at run time: Connect's JSONPath
/// (`$.Attributes.x`, `$.External.x`, `$.Lex...`), CCC's `${var}`, or a
/// `{{template}}`.
pub(crate) fn is_dynamic(s: &str) -> bool {
    s.starts_with('$') || s.contains("${") || s.contains("{{")
}

/// A phone number in E.164 form, or a reference to a variable.
fn is_phone(s: &str) -> bool {
    if is_dynamic(s) {
        return s.len() > 1;
    }
    s.strip_prefix('+')
        .is_some_and(|d| (6..=15).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()))
}

fn is_dtmf_key(s: &str) -> bool {
    matches!(s.as_bytes(), [b'0'..=b'9' | b'*' | b'#'])
}

fn is_case_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

struct Ctx<'a, 'o> {
    node: &'a Node,
    ordinal: u32,
    spec: &'a BlockSpec,
    declared: &'a HashSet<&'a str>,
    out: &'o mut Vec<Problem>,
}

impl Ctx<'_, '_> {
    /// Reports a problem with a setting: "<setting> of <block> <tail>".
    fn report(&mut self, code: Code, param: &ParamSpec, (en_tail, zh_tail): (&str, &str)) {
        let message = naming::about(self.node, Some(self.spec), self.ordinal, |en, zh| {
            (
                format!("Setting \"{}\" of {en} {en_tail}", param.name.en),
                format!("{zh}的设置“{}”{zh_tail}", param.name.zh),
            )
        });
        self.out.push(
            Problem::new(code, message)
                .at_node(&self.node.id)
                .at_field(param.key.as_str()),
        );
    }

    /// An empty setting: an error when the provider requires it, a warning
    /// when it is only recommended, nothing otherwise.
    fn empty(&mut self, param: &ParamSpec, tail: (&str, &str)) {
        if param.required {
            self.report(Code::FieldRequired, param, tail);
        } else if param.recommended {
            self.report(Code::FieldEmpty, param, tail);
        }
    }

    fn invalid(&mut self, param: &ParamSpec, en: String, zh: String) {
        self.report(Code::FieldInvalid, param, (&en, &zh));
    }

    fn check_value(&mut self, param: &ParamSpec, value: &Value) {
        match &param.kind {
            ParamKind::Text { max_len } | ParamKind::Tts { max_len } => {
                self.check_text(param, value, *max_len);
            }
            ParamKind::Reference { .. } => self.check_text(param, value, 2048),
            ParamKind::Number { min, max, integer } => {
                self.check_number(param, value, *min, *max, *integer);
            }
            ParamKind::Bool => {
                if !value.is_boolean() {
                    self.invalid(param, "must be yes or no (true or false).".into(), "必须是“是”或“否”（true 或 false）。".into());
                }
            }
            ParamKind::Choice { options } => match value.as_str() {
                Some(s) if options.iter().any(|o| o.value == s) => {}
                _ => {
                    let list: Vec<&str> = options.iter().map(|o| o.value.as_str()).collect();
                    let list = list.join(", ");
                    self.invalid(param, format!("must be one of: {list}."), format!("必须是以下之一：{list}。"));
                }
            },
            ParamKind::Keys { max_items } => self.check_keys(param, value, *max_items),
            ParamKind::Variable => match value.as_str() {
                Some("") => self.empty(param, ("is empty. Pick a variable.", "为空，请选择一个变量。")),
                Some(name) => self.check_declared(param, name),
                None => self.invalid(param, "must be a variable name.".into(), "必须是变量名。".into()),
            },
            ParamKind::Assignments { max_items } => self.check_assignments(param, value, *max_items),
            ParamKind::Cases { max_items } => self.check_cases(param, value, *max_items),
            ParamKind::Exits { max_items } => self.check_exits(param, value, *max_items),
            ParamKind::Phone => match value.as_str() {
                Some("") => self.empty(param, ("is empty. Enter a phone number.", "为空，请填写电话号码。")),
                Some(s) if is_phone(s) => {}
                _ => self.invalid(
                    param,
                    "must be a phone number in E.164 form, such as +8613800000000, or a variable such as $caller.".into(),
                    "必须是 E.164 格式的电话号码（如 +8613800000000）或变量（如 $caller）。".into(),
                ),
            },
            ParamKind::Object => {
                if !value.is_object() {
                    self.invalid(param, "must be a JSON object.".into(), "必须是 JSON 对象。".into());
                }
            }
        }
    }

    fn check_text(&mut self, param: &ParamSpec, value: &Value, max_len: u32) {
        let Some(s) = value.as_str() else {
            self.invalid(param, "must be text.".into(), "必须是文本。".into());
            return;
        };
        if s.trim().is_empty() {
            self.empty(param, ("is empty. Fill it in.", "为空，请填写。"));
            return;
        }
        let len = s.chars().count();
        if len > max_len as usize {
            self.report(
                Code::FieldTooLong,
                param,
                (
                    &format!("is {len} characters long; the limit is {max_len}. Shorten it."),
                    &format!("长度为 {len} 个字符，超过了 {max_len} 的上限。请缩短。"),
                ),
            );
        }
    }

    fn check_number(
        &mut self,
        param: &ParamSpec,
        value: &Value,
        min: f64,
        max: f64,
        integer: bool,
    ) {
        let n = match value {
            Value::String(s) if is_dynamic(s) => return,
            // Connect writes numbers as text ("8").
            Value::String(s) => s.trim().parse::<f64>().ok(),
            other => other.as_f64(),
        };
        let Some(n) = n else {
            self.invalid(
                param,
                "must be a number, or a value taken at run time such as $.Attributes.count.".into(),
                "必须是数字，或运行时取值（如 $.Attributes.count）。".into(),
            );
            return;
        };
        if integer && n.fract() != 0.0 {
            self.invalid(
                param,
                format!("must be a whole number, not {n}."),
                format!("必须是整数，而不是 {n}。"),
            );
        } else if n < min || n > max {
            self.report(
                Code::FieldOutOfRange,
                param,
                (
                    &format!("is {n}; it must be from {min} to {max}."),
                    &format!("为 {n}；取值范围是 {min} 到 {max}。"),
                ),
            );
        }
    }

    /// A list parameter: reports a non-list or too many items; returns the items.
    fn list<'v>(
        &mut self,
        param: &ParamSpec,
        value: &'v Value,
        max_items: u32,
    ) -> Option<&'v [Value]> {
        let Some(items) = value.as_array() else {
            self.invalid(param, "must be a list.".into(), "必须是列表。".into());
            return None;
        };
        if items.is_empty() {
            self.empty(
                param,
                ("is empty. Add at least one.", "为空，请至少添加一项。"),
            );
        }
        if items.len() > max_items as usize {
            let n = items.len();
            self.report(
                Code::FieldTooLong,
                param,
                (
                    &format!("has {n} items; the limit is {max_items}. Remove some."),
                    &format!("有 {n} 项，超过了 {max_items} 的上限。请删除一些。"),
                ),
            );
        }
        Some(items)
    }

    fn check_keys(&mut self, param: &ParamSpec, value: &Value, max_items: u32) {
        let Some(items) = self.list(param, value, max_items) else {
            return;
        };
        let mut seen = HashSet::default();
        for item in items {
            match item.as_str() {
                Some(k) if is_dtmf_key(k) => {
                    if !seen.insert(k) {
                        self.invalid(
                            param,
                            format!("has key {k} twice. Remove one."),
                            format!("按键 {k} 出现了两次。请删除一个。"),
                        );
                    }
                }
                _ => self.invalid(
                    param,
                    format!("has {item}, which is not a phone key. Use one of 0-9, * and #."),
                    format!("包含 {item}，它不是电话按键。请使用 0-9、* 或 #。"),
                ),
            }
        }
    }

    /// A flow that declares variables is held to its declarations; one that
    /// declares none (every flow imported from Connect or CCC, which set
    /// attributes freely) is not.
    fn check_declared(&mut self, param: &ParamSpec, name: &str) {
        if self.declared.is_empty() || self.declared.contains(name) {
            return;
        }
        let message = naming::about(self.node, Some(self.spec), self.ordinal, |en, zh| {
            (
                format!(
                    "{en} uses variable \"{name}\", which the flow does not declare. Declare it in the flow settings, or pick a declared one."
                ),
                format!(
                    "{zh}使用了流程未声明的变量“{name}”。请在流程设置中声明它，或选择已声明的变量。"
                ),
            )
        });
        self.out.push(
            Problem::new(Code::VariableUndeclared, message)
                .at_node(&self.node.id)
                .at_field(param.key.as_str()),
        );
    }

    fn check_assignments(&mut self, param: &ParamSpec, value: &Value, max_items: u32) {
        let Some(items) = self.list(param, value, max_items) else {
            return;
        };
        for item in items {
            match item.get("variable").and_then(Value::as_str) {
                Some("") => self.report(
                    Code::FieldRequired,
                    param,
                    (
                        "has an assignment with no variable. Pick one.",
                        "中有一项赋值没有选择变量。请选择。",
                    ),
                ),
                Some(name) if item.get("value").is_some_and(Value::is_string) => {
                    self.check_declared(param, name);
                }
                _ => self.invalid(
                    param,
                    "must be a list of {\"variable\", \"value\"} pairs of text.".into(),
                    "必须是由文本 {\"variable\", \"value\"} 组成的列表。".into(),
                ),
            }
        }
    }

    fn check_cases(&mut self, param: &ParamSpec, value: &Value, max_items: u32) {
        let Some(items) = self.list(param, value, max_items) else {
            return;
        };
        let mut seen = HashSet::default();
        for item in items {
            let id = item.get("id").and_then(Value::as_str).unwrap_or("");
            let op = item.get("operator").and_then(Value::as_str).unwrap_or("");
            if !is_case_id(id) {
                self.invalid(
                    param,
                    format!("has a case with id \"{id}\"; use 1 to 64 letters, digits, - or _."),
                    format!("中有一个条件的 ID 为“{id}”；请使用 1 到 64 个字母、数字、- 或 _。"),
                );
            } else if !seen.insert(id) {
                self.invalid(
                    param,
                    format!("has two cases with id \"{id}\". Rename one."),
                    format!("中有两个条件的 ID 都是“{id}”。请重命名其中一个。"),
                );
            }
            if !OPERATORS.contains(&op) {
                let list = OPERATORS.join(", ");
                self.invalid(
                    param,
                    format!("has a case with operator \"{op}\"; use one of {list}."),
                    format!("中有一个条件的运算符为“{op}”；请使用以下之一：{list}。"),
                );
            }
            if !item.get("value").is_some_and(Value::is_string) {
                self.invalid(
                    param,
                    format!("has case \"{id}\" with no text value."),
                    format!("中的条件“{id}”没有文本值。"),
                );
            }
        }
    }

    fn check_exits(&mut self, param: &ParamSpec, value: &Value, max_items: u32) {
        let Some(items) = self.list(param, value, max_items) else {
            return;
        };
        let mut seen = HashSet::default();
        for item in items {
            match item.as_str() {
                Some(s) if !s.is_empty() => {
                    if !seen.insert(s) {
                        self.invalid(
                            param,
                            format!("has exit \"{s}\" twice."),
                            format!("中出口“{s}”出现了两次。"),
                        );
                    }
                }
                _ => self.invalid(
                    param,
                    "must be a list of exit names.".into(),
                    "必须是出口名称的列表。".into(),
                ),
            }
        }
    }
}
