//! The one error every command returns: `{kind, message, hint, text}`, with
//! `message`, `hint` and `text` (the whole error, what the UI shows) in
//! English and Chinese; a cloud call's failure adds what the provider said
//! (`provider`, `status`, `code`, `request_id`, verbatim), and a refused
//! publish its problems (`refusal`). Every error is logged as it is made.
//! For the file, window and clipboard errors: The English is the errors' own (`Display` of
//! `ivr_files` and the engine, which the `ivr` command prints too); the
//! Chinese is written here. What the system or a decoder says (an I/O error,
//! a JSON parser's message, a dialect's reason) stays as it said it.

use std::fmt;

use ivr_cloud::CloudError;
use ivr_cloud::service::PublishRefusal;
use ivr_files::documents::WindowError;
use ivr_files::session::BadLabel;
use ivr_files::{FileError, FileErrorKind};
use ivr_flow::dialect::DecodeError;
use ivr_flow::file::{FlowFileError, VERSION};
use ivr_flow::{Provider, Text};
use serde::Serialize;

/// See the module documentation.
#[derive(Clone, Debug, Serialize, ts_rs::TS)]
pub struct CommandError {
    /// What went wrong, stable for the UI and tests: `not_found`, `folder`,
    /// `permission`, `io`, `content`, `window`, `dialog`, `clipboard`,
    /// `config`, and the cloud's kinds (`auth`, `network`, `invalid`, ...).
    #[ts(type = "string")]
    pub kind: &'static str,
    pub message: Text,
    // Boxed: the error is returned by value everywhere, and stays small.
    #[ts(as = "Option<Text>")]
    pub hint: Option<Box<Text>>,
    #[ts(as = "Text")]
    pub text: Box<Text>,
    /// A cloud call's failure: the provider and what it answered, verbatim
    /// (all null for the other errors).
    #[serde(flatten)]
    #[ts(flatten)]
    pub reply: Box<Reply>,
    /// A refused publish: the problems, the provider's problems by block,
    /// the flow that has the name, the binding of a flow created before the
    /// failure.
    #[ts(as = "Option<PublishRefusal>")]
    pub refusal: Option<Box<PublishRefusal>>,
}

/// What a provider answered when a cloud call failed, verbatim.
#[derive(Clone, Debug, Default, PartialEq, Serialize, ts_rs::TS)]
pub struct Reply {
    pub provider: Option<Provider>,
    pub status: Option<u16>,
    pub code: Option<String>,
    pub request_id: Option<String>,
}

impl CommandError {
    /// An error of `kind` saying `message`; logged.
    pub fn new(kind: &'static str, message: Text) -> CommandError {
        CommandError {
            kind,
            text: Box::new(message.clone()),
            message,
            hint: None,
            reply: Box::default(),
            refusal: None,
        }
        .logged()
    }

    /// Writes the error to the log as the designer is shown it (English),
    /// with what the provider answered. Nothing here is secret: the same
    /// text goes to the UI.
    fn logged(self) -> CommandError {
        let r = &self.reply;
        tracing::error!(
            kind = %self.kind,
            provider = %r.provider.map_or("-", Provider::as_str),
            status = %r.status.map_or_else(|| "-".to_owned(), |s| s.to_string()),
            code = %r.code.as_deref().unwrap_or("-"),
            request_id = %r.request_id.as_deref().unwrap_or("-"),
            "{}",
            self.text.en
        );
        self
    }

    /// Adds how to fix it.
    #[must_use]
    pub fn with_hint(mut self, hint: Text) -> CommandError {
        self.text = Box::new(Text::new(
            format!("{}; {}", self.message.en, hint.en),
            format!("{}；{}", self.message.zh, hint.zh),
        ));
        self.hint = Some(Box::new(hint));
        self
    }

    /// A failure of the window system (a window that could not be made,
    /// titled or closed), in its own words.
    pub fn window(e: impl fmt::Display) -> CommandError {
        CommandError::new(
            "window",
            Text::new(format!("the window failed: {e}"), format!("窗口出错：{e}")),
        )
    }

    /// A failure of the native file dialog, in its own words.
    pub fn dialog(e: impl fmt::Display) -> CommandError {
        CommandError::new(
            "dialog",
            Text::new(
                format!("the file dialog failed: {e}"),
                format!("文件对话框出错：{e}"),
            ),
        )
    }
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text.en)
    }
}

impl std::error::Error for CommandError {}

impl From<CloudError> for CommandError {
    fn from(e: CloudError) -> CommandError {
        let reply = Reply {
            provider: e.provider(),
            status: e.status(),
            code: e.code().map(str::to_owned),
            request_id: e.request_id().map(str::to_owned),
        };
        CommandError {
            kind: e.kind().as_str(),
            message: e.message().clone(),
            hint: e.hint().cloned().map(Box::new),
            text: Box::new(e.text()),
            reply: Box::new(reply),
            refusal: None,
        }
        .logged()
    }
}

impl From<Box<PublishRefusal>> for CommandError {
    fn from(r: Box<PublishRefusal>) -> CommandError {
        CommandError {
            refusal: Some(r.clone()),
            ..CommandError::from(r.error)
        }
    }
}

/// A file that could not be read or written: named, with what is wrong and
/// what to do.
impl From<FileError> for CommandError {
    fn from(e: FileError) -> CommandError {
        let path = e.path.display().to_string();
        let (kind, zh) = match &e.kind {
            FileErrorKind::NotFound => ("not_found", "没有这个文件；请检查路径".to_owned()),
            FileErrorKind::IsADirectory => ("folder", "这是一个文件夹，不是流程文件".to_owned()),
            FileErrorKind::PermissionDenied => {
                ("permission", "没有权限；请检查文件的权限".to_owned())
            }
            FileErrorKind::Io(io) => ("io", format!("读写失败：{io}")),
            FileErrorKind::Decode(d) => ("content", decode_zh(d)),
        };
        CommandError::new(kind, Text::new(e.to_string(), format!("{path}：{zh}")))
    }
}

/// Why bytes are not a flow, in Chinese (the English is the error's own).
fn decode_zh(e: &DecodeError) -> String {
    match e {
        DecodeError::File(f) => flow_file_zh(f),
        DecodeError::Unrecognised(why) => format!("无法读取此文件：{why}"),
        DecodeError::Invalid { path, message } => format!("{path} 处有误：{message}"),
    }
}

fn flow_file_zh(e: &FlowFileError) -> String {
    let mb = |bytes: usize| format!("{:.1}", bytes as f64 / (1024.0 * 1024.0));
    match e {
        FlowFileError::Empty => format!(
            "文件是空的；流程文件应是一个带有 \"format\": \"{}\" 的 JSON 对象",
            ivr_flow::file::FORMAT
        ),
        FlowFileError::TooLarge { bytes, limit } => format!(
            "文件大小为 {} MB，超过了流程文件 {} MB 的上限；请将流程拆分为子流程",
            mb(*bytes),
            mb(*limit)
        ),
        FlowFileError::Syntax {
            line,
            column,
            message,
        } => format!("第 {line} 行第 {column} 列：不是有效的 JSON：{message}"),
        FlowFileError::NotAFlow { reason } => format!("不是 IVR Studio 流程文件：{reason}"),
        FlowFileError::NewerVersion { found } => format!(
            "此流程由更新版本的 IVR Studio 写入（文件格式版本 {found}）；此版本最多能读取版本 {VERSION}：请更新 IVR Studio 后再打开"
        ),
        FlowFileError::BadVersion { found } => {
            format!("\"version\" 必须是 1 到 {VERSION} 的整数，而不是 {found}")
        }
        FlowFileError::Invalid { path, message } => format!("{path} 处有误：{message}"),
    }
}

/// A window label that no window can have (the UI never sends one).
impl From<BadLabel> for CommandError {
    fn from(e: BadLabel) -> CommandError {
        CommandError::new(
            "window",
            Text::new(
                e.to_string(),
                format!(
                    "{:?} 不是有效的窗口标签：请使用 1 到 64 个字母、数字、'-' 或 '_'",
                    e.0
                ),
            ),
        )
    }
}

/// A document window that could not be opened.
impl From<WindowError> for CommandError {
    fn from(e: WindowError) -> CommandError {
        CommandError::new(
            "window",
            Text::new(
                e.to_string(),
                format!("无法为 {:?} 打开窗口：{}", e.name, e.message),
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn has_chinese(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    /// Every way a file fails reads in both languages, names the file, and
    /// keeps the details (line and column, sizes, versions) in both.
    #[test]
    fn every_file_error_has_chinese_text() {
        let path = Path::new("/flows/menu.ivr.json");
        let file = |kind| FileError {
            path: path.to_path_buf(),
            kind,
        };
        let decode = |e: FlowFileError| file(FileErrorKind::Decode(DecodeError::File(e)));
        let cases = [
            (file(FileErrorKind::NotFound), "not_found", "没有这个文件"),
            (file(FileErrorKind::IsADirectory), "folder", "文件夹"),
            (file(FileErrorKind::PermissionDenied), "permission", "权限"),
            (
                file(FileErrorKind::Io(std::io::Error::other("disk on fire"))),
                "io",
                "disk on fire",
            ),
            (decode(FlowFileError::Empty), "content", "文件是空的"),
            (
                decode(FlowFileError::TooLarge {
                    bytes: 21 * 1024 * 1024,
                    limit: 20 * 1024 * 1024,
                }),
                "content",
                "21.0 MB，超过了流程文件 20.0 MB 的上限",
            ),
            (
                decode(FlowFileError::Syntax {
                    line: 3,
                    column: 7,
                    message: "expected `,`".into(),
                }),
                "content",
                "第 3 行第 7 列",
            ),
            (
                decode(FlowFileError::NotAFlow {
                    reason: "no format".into(),
                }),
                "content",
                "不是 IVR Studio 流程文件",
            ),
            (
                decode(FlowFileError::NewerVersion { found: 9 }),
                "content",
                "文件格式版本 9",
            ),
            (
                decode(FlowFileError::BadVersion { found: "x".into() }),
                "content",
                "\"version\" 必须是",
            ),
            (
                decode(FlowFileError::Invalid {
                    path: "$.nodes[2]".into(),
                    message: "missing id".into(),
                }),
                "content",
                "$.nodes[2] 处有误",
            ),
            (
                file(FileErrorKind::Decode(DecodeError::Unrecognised(
                    "not a flow".into(),
                ))),
                "content",
                "无法读取此文件",
            ),
            (
                file(FileErrorKind::Decode(DecodeError::invalid(
                    "$.Actions[0]",
                    "no Type",
                ))),
                "content",
                "$.Actions[0] 处有误",
            ),
        ];
        for (error, kind, says) in cases {
            let en = error.to_string();
            let e = CommandError::from(error);
            assert_eq!(e.kind, kind, "{en}");
            assert_eq!(e.message.en, en);
            assert!(
                e.message.zh.starts_with("/flows/menu.ivr.json："),
                "{}",
                e.message.zh
            );
            assert!(has_chinese(&e.message.zh), "{}", e.message.zh);
            assert!(e.message.zh.contains(says), "{}", e.message.zh);
            assert_eq!(*e.text, e.message);
        }
    }

    #[test]
    fn serialises_kind_message_hint_and_text() {
        let e = CommandError::dialog("no portal").with_hint(Text::new("retry", "请重试"));
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["kind"], "dialog");
        assert_eq!(v["message"]["zh"], "文件对话框出错：no portal");
        assert_eq!(v["hint"]["en"], "retry");
        assert_eq!(v["text"]["en"], "the file dialog failed: no portal; retry");
        assert_eq!(v["text"]["zh"], "文件对话框出错：no portal；请重试");
        let label = CommandError::from(BadLabel("a b".into()));
        assert!(has_chinese(&label.text.zh), "{label:?}");
    }
}
