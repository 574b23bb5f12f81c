//! Text for an SVG picture: escaped for XML (characters XML 1.0 cannot
//! hold are dropped), and measured by an estimate of its width, since no
//! font is at hand, to clip a line or wrap a note.

/// A text style's size, in pixels, and how wide its Latin letters run.
#[derive(Clone, Copy)]
pub struct Font {
    size: f64,
    /// The average width of a Latin character, as a share of the size.
    latin: f64,
}

impl Font {
    pub const TITLE: Font = Font {
        size: 14.0,
        latin: 0.62,
    };
    pub const BODY: Font = Font {
        size: 12.0,
        latin: 0.58,
    };
    pub const SMALL: Font = Font {
        size: 11.0,
        latin: 0.58,
    };

    fn width(self, c: char) -> f64 {
        if is_wide(c) {
            self.size
        } else {
            self.size * self.latin
        }
    }
}

/// Characters a CJK font draws a full em wide.
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// Whether XML 1.0 can hold the character at all.
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && !matches!(c as u32, 0xFFFE | 0xFFFF))
}

/// `s` as XML character data or an attribute value.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if allowed(c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// `s` on one line, cut with an ellipsis to fit `width` pixels.
pub fn clip(s: &str, width: f64, font: Font) -> String {
    let s: String = s
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let total: f64 = s.chars().map(|c| font.width(c)).sum();
    if total <= width {
        return s;
    }
    let room = width - font.width('…');
    let mut used = 0.0;
    let mut out = String::new();
    for c in s.chars() {
        used += font.width(c);
        if used > room {
            break;
        }
        out.push(c);
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// `s` in lines that fit `width` pixels: broken at spaces where it can, and
/// anywhere in a word (or Chinese text) longer than a line.
pub fn wrap(s: &str, width: f64, font: Font) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in s.lines() {
        let mut line = String::new();
        let mut used = 0.0;
        for word in paragraph.split(' ') {
            let w: f64 = word.chars().map(|c| font.width(c)).sum();
            let space = if line.is_empty() {
                0.0
            } else {
                font.width(' ')
            };
            if used + space + w <= width {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
                used += space + w;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                used = 0.0;
            }
            for c in word.chars() {
                let cw = font.width(c);
                if used + cw > width && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    used = 0.0;
                }
                line.push(c);
                used += cw;
            }
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_what_xml_cannot_hold() {
        assert_eq!(
            esc("a<b>&\"c'\u{1}\u{FFFF}"),
            "a&lt;b&gt;&amp;&quot;c&apos;"
        );
    }

    #[test]
    fn clips_long_text_with_an_ellipsis_and_keeps_short_text() {
        assert_eq!(clip("Welcome", 200.0, Font::BODY), "Welcome");
        let cut = clip(&"x".repeat(100), 100.0, Font::BODY);
        assert!(cut.ends_with('…') && cut.chars().count() < 20, "{cut}");
        // Chinese runs a full em a character.
        assert_eq!(
            clip("欢迎致电我们的服务", 60.0, Font::BODY).chars().count(),
            5
        );
    }

    #[test]
    fn wraps_at_spaces_and_inside_long_words() {
        let lines = wrap("call back later today", 70.0, Font::BODY);
        assert!(lines.len() >= 2, "{lines:?}");
        assert!(lines.iter().all(|l| !l.starts_with(' ')));
        assert_eq!(
            wrap("中文中文中文", 24.0, Font::BODY),
            ["中文", "中文", "中文"]
        );
    }
}
