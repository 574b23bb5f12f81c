//! A call's events as lines a person reads (`ivr test --trace`): what was
//! heard, what the caller pressed, the exits taken and the variables set,
//! blocks and exits in the designer's words.

use super::compiled::Compiled;
use super::events::{Awaiting, Event};
use crate::i18n::Text;

/// One line per event worth reading, in English and Chinese. `flow` is the
/// flow under test; blocks inside sub-flows are named by id.
pub fn transcript(flow: &Compiled, events: &[Event]) -> Vec<Text> {
    let mut depth = 0usize;
    let mut out = Vec::new();
    let name = |depth: usize, id: &str| -> Text {
        match flow.find(id).filter(|_| depth == 0) {
            Some(i) => flow.block_name(i),
            None => Text::new(id, id),
        }
    };
    for e in events {
        let indent = "  ".repeat(depth);
        let line = match e {
            Event::Entered { .. } | Event::Ended { .. } => None,
            Event::Heard { text, .. } => Some(Text::new(
                format!("{indent}heard: {text}"),
                format!("{indent}听到：{text}"),
            )),
            Event::Waiting { block, awaiting } => {
                let n = name(depth, block);
                Some(match awaiting {
                    Awaiting::Key { .. } | Awaiting::Digits { .. } => Text::new(
                        format!("{indent}{} waits for keys", n.en),
                        format!("{indent}{}等待按键", n.zh),
                    ),
                    Awaiting::Choice { reason, .. } => Text::new(
                        format!("{indent}{} waits: {}", n.en, reason.en),
                        format!("{indent}{}等待：{}", n.zh, reason.zh),
                    ),
                })
            }
            Event::Pressed { keys, .. } => Some(Text::new(
                format!("{indent}pressed: {keys}"),
                format!("{indent}按键：{keys}"),
            )),
            Event::TimedOut { after_ms, .. } => Some(Text::new(
                format!("{indent}no input for {} s", after_ms / 1000),
                format!("{indent}{} 秒无输入", after_ms / 1000),
            )),
            Event::VariableSet {
                name: var, value, ..
            } => Some(Text::new(
                format!("{indent}{var} = \"{value}\""),
                format!("{indent}{var} = “{value}”"),
            )),
            Event::Note { text, .. } => Some(Text::new(
                format!("{indent}({})", text.en),
                format!("{indent}（{}）", text.zh),
            )),
            Event::ExitTaken { block, exit, .. } => {
                let n = name(depth, block);
                let x = match flow.find(block).filter(|_| depth == 0) {
                    Some(i) => flow.exit_name(i, exit),
                    None => Text::new(&**exit, &**exit),
                };
                Some(Text::new(
                    format!("{indent}{} → {}", n.en, x.en),
                    format!("{indent}{} → {}", n.zh, x.zh),
                ))
            }
            Event::EnteredFlow { flow: f, .. } => {
                let line = Text::new(
                    format!("{indent}enters sub-flow {f}"),
                    format!("{indent}进入子流程 {f}"),
                );
                depth += 1;
                Some(line)
            }
            Event::ReturnedFromFlow { flow: f } => {
                depth = depth.saturating_sub(1);
                let indent = "  ".repeat(depth);
                Some(Text::new(
                    format!("{indent}back from sub-flow {f}"),
                    format!("{indent}从子流程 {f} 返回"),
                ))
            }
        };
        out.extend(line);
    }
    out
}
