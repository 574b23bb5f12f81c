//! Text in every language the app speaks: English and Simplified Chinese.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A piece of user-facing text in English and Chinese.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Text {
    pub en: String,
    pub zh: String,
}

impl Text {
    /// Builds a text from its two languages.
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Text {
        Text {
            en: en.into(),
            zh: zh.into(),
        }
    }

    /// The text in the language named by `lang` (`zh*` is Chinese, else English).
    pub fn get(&self, lang: &str) -> &str {
        if lang.starts_with("zh") {
            &self.zh
        } else {
            &self.en
        }
    }
}
