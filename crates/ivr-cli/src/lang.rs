//! The language of messages: `--lang`, else the locale (`LC_ALL`, `LC_MESSAGES`,
//! `LANG`), else English.

use clap::ValueEnum;

/// A language the messages come in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    /// The language asked for, else the one the locale names.
    pub fn resolve(asked: Option<Lang>) -> Lang {
        asked.unwrap_or_else(|| {
            let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
                .iter()
                .filter_map(|k| std::env::var(k).ok())
                .find(|v| !v.is_empty())
                .unwrap_or_default();
            if locale.starts_with("zh") {
                Lang::Zh
            } else {
                Lang::En
            }
        })
    }

    /// The code [`ivr_flow::Text::get`] takes.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }
}
