//! A picture of a flow as SVG, written with no browser: each block a card
//! with the name the designer knows it by (in English or Chinese), its kind,
//! a one-line summary of its key setting and its exits by name; a line from
//! each wired exit to the block it enters; the sticky notes. Black on white
//! with solid strokes, so it stays readable when printed; a dark theme for
//! screens. Used by `ivr render` and the app's Export picture.
//!
//! The cards follow the canvas's measures (`spread::CARD_WIDTH`, the rows of
//! `ui/src/canvas/blockGeometry.ts`), so a flow laid out in the app looks the
//! same here. A flow with no positions of its own is laid out ([`layout`]).

pub mod layout;
pub mod xml;

use std::collections::BTreeSet;
use std::fmt::Write as _;

use rustc_hash::FxHashMap as HashMap;
use serde_json::Value;

use crate::catalog::{BlockSpec, Category, ParamKind, catalog};
use crate::model::{Flow, Node, Position};
use crate::naming;
use crate::spread::CARD_WIDTH;
use xml::{Font, clip, esc, wrap};

/// What to draw and how.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `en` or `zh` (anything starting with `zh` is Chinese).
    pub lang: String,
    pub theme: Theme,
    /// Only these blocks (by id), their lines among them and the notes pinned
    /// to them; `None` draws the whole flow.
    pub only: Option<BTreeSet<String>>,
}

/// The colours of a picture.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Dark text on white: for print, documents and tickets.
    #[default]
    Light,
    /// Light text on a dark background, as the app's dark theme.
    Dark,
}

impl Theme {
    /// `light` or `dark`.
    pub fn parse(s: &str) -> Option<Theme> {
        match s {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }
}

struct Palette {
    background: &'static str,
    card: &'static str,
    border: &'static str,
    text: &'static str,
    muted: &'static str,
    line: &'static str,
    note: &'static str,
    note_border: &'static str,
    note_text: &'static str,
}

const LIGHT: Palette = Palette {
    background: "#ffffff",
    card: "#ffffff",
    border: "#475569",
    text: "#0f172a",
    muted: "#475569",
    line: "#334155",
    note: "#fef9c3",
    note_border: "#a16207",
    note_text: "#422006",
};

const DARK: Palette = Palette {
    background: "#0f172a",
    card: "#1e293b",
    border: "#94a3b8",
    text: "#f1f5f9",
    muted: "#cbd5e1",
    line: "#cbd5e1",
    note: "#422006",
    note_border: "#facc15",
    note_text: "#fef9c3",
};

/// The colour of a card's top edge, by its block's category.
fn accent(category: Option<Category>) -> &'static str {
    match category {
        Some(Category::Flow) | None => "#475569",
        Some(Category::Interact) => "#2563eb",
        Some(Category::Logic) => "#9333ea",
        Some(Category::Transfer) => "#059669",
        Some(Category::Integrate) => "#d97706",
        Some(Category::Provider) => "#64748b",
    }
}

// A card's rows, as the canvas draws them (blockGeometry.ts).
const TOP: f64 = 3.0;
const HEADER_TITLE: f64 = 13.0 + 26.0;
const HEADER_KIND: f64 = 13.0 + 18.0 + 14.0;
const SUMMARY: f64 = 27.0;
const PORTS_BASE: f64 = 9.0;
const PORT_ROW: f64 = 20.0;
const PAD: f64 = 10.0;
const MARGIN: f64 = 32.0;
const NOTE_SIZE: (f64, f64) = (220.0, 120.0);

/// One block's card, measured and worded.
struct Card<'a> {
    node: &'a Node,
    title: String,
    /// The block's kind under its title, when the title is the designer's label.
    kind: Option<String>,
    summary: String,
    /// Each exit: its key and the name the block shows for it.
    exits: Vec<(String, String)>,
    category: Option<Category>,
    entry: bool,
    at: Position,
    height: f64,
}

impl Card<'_> {
    fn header(&self) -> f64 {
        if self.kind.is_some() {
            HEADER_KIND
        } else {
            HEADER_TITLE
        }
    }

    /// The y of the middle of exit row `i`, from the card's top.
    fn exit_y(&self, i: usize) -> f64 {
        TOP + self.header() + SUMMARY + 5.0 + PORT_ROW * i as f64 + PORT_ROW / 2.0
    }
}

/// The title a block shows: the designer's label, else its kind's name
/// (a provider block's by its provider designer's name for its type).
pub fn block_title(node: &Node, lang: &str) -> String {
    let label = node.label.trim();
    if !label.is_empty() {
        return label.to_owned();
    }
    let spec = catalog().block(&node.block);
    naming::kind_name(node, spec).get(lang).to_owned()
}

/// The flow as an SVG document (UTF-8 text, standalone).
pub fn svg(flow: &Flow, options: &Options) -> String {
    let lang = if options.lang.is_empty() {
        "en"
    } else {
        options.lang.as_str()
    };
    let palette = match options.theme {
        Theme::Light => &LIGHT,
        Theme::Dark => &DARK,
    };
    let cards = cards(flow, lang, options.only.as_ref());
    let index: HashMap<&str, usize> = cards
        .iter()
        .enumerate()
        .map(|(i, c)| (c.node.id.as_str(), i))
        .collect();
    let notes: Vec<_> = flow
        .notes
        .iter()
        .filter(|n| match (&options.only, &n.node) {
            (None, _) => true,
            (Some(only), Some(node)) => only.contains(node),
            (Some(_), None) => false,
        })
        .collect();

    // The picture's bounds: every card and note, with a margin.
    let mut min = (f64::INFINITY, f64::INFINITY);
    let mut max = (f64::NEG_INFINITY, f64::NEG_INFINITY);
    let mut extend = |x: f64, y: f64, w: f64, h: f64| {
        min = (min.0.min(x), min.1.min(y));
        max = (max.0.max(x + w), max.1.max(y + h));
    };
    for c in &cards {
        extend(c.at.x, c.at.y, CARD_WIDTH, c.height);
    }
    for n in &notes {
        let (w, h) = n.size.map_or(NOTE_SIZE, |s| (s.width, s.height));
        extend(n.position.x, n.position.y, w, h);
    }
    if !min.0.is_finite() {
        min = (0.0, 0.0);
        max = (CARD_WIDTH, 80.0);
    }
    let (ox, oy) = (MARGIN - min.0, MARGIN - min.1);
    let width = (max.0 - min.0 + 2.0 * MARGIN).ceil();
    let height = (max.1 - min.1 + 2.0 * MARGIN).ceil();

    let mut out = String::with_capacity(4096 + cards.len() * 1024);
    let _ = write!(
        out,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="'Noto Sans', 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', Arial, sans-serif">
<title>{}</title>
<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{}"/></marker></defs>
<rect width="100%" height="100%" fill="{}"/>
"#,
        esc(&flow.name),
        palette.line,
        palette.background
    );

    // Lines first, so cards sit on top of them.
    out.push_str("<g class=\"lines\" fill=\"none\">\n");
    for e in &flow.edges {
        let (Some(&a), Some(&b)) = (index.get(e.from.node.as_str()), index.get(e.to.as_str()))
        else {
            continue;
        };
        let (from, to) = (&cards[a], &cards[b]);
        let Some(row) = from.exits.iter().position(|(k, _)| *k == e.from.port) else {
            continue;
        };
        let (x1, y1) = (
            from.at.x + ox + CARD_WIDTH,
            from.at.y + oy + from.exit_y(row),
        );
        let (x2, y2) = (to.at.x + ox, to.at.y + oy + TOP + (to.height - TOP) / 2.0);
        let bend = ((x2 - x1).abs() / 2.0).max(40.0);
        let dashed = matches!(e.from.port.as_str(), "error" | "timeout" | "no_match");
        let _ = writeln!(
            out,
            r#"<path d="M{x1:.1},{y1:.1} C{:.1},{y1:.1} {:.1},{y2:.1} {x2:.1},{y2:.1}" stroke="{}" stroke-width="1.5"{} marker-end="url(#arrow)"/>"#,
            x1 + bend,
            x2 - bend,
            palette.line,
            if dashed {
                r#" stroke-dasharray="5 3""#
            } else {
                ""
            }
        );
    }
    out.push_str("</g>\n");

    for n in &notes {
        let (w, h) = n.size.map_or(NOTE_SIZE, |s| (s.width, s.height));
        let (x, y) = (n.position.x + ox, n.position.y + oy);
        let _ = writeln!(
            out,
            r#"<g class="note"><rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" rx="4" fill="{}" stroke="{}"/>"#,
            palette.note, palette.note_border
        );
        let lines = wrap(&n.text, w - 2.0 * PAD, Font::BODY);
        let fit = ((h - PAD) / 16.0).floor().max(1.0) as usize;
        for (i, line) in lines.iter().take(fit).enumerate() {
            let _ = writeln!(
                out,
                r#"<text x="{:.1}" y="{:.1}" font-size="12" fill="{}">{}</text>"#,
                x + PAD,
                y + PAD + 12.0 + 16.0 * i as f64,
                palette.note_text,
                esc(line)
            );
        }
        out.push_str("</g>\n");
    }

    for c in &cards {
        draw_card(&mut out, c, ox, oy, palette);
    }
    out.push_str("</svg>\n");
    out
}

fn draw_card(out: &mut String, c: &Card<'_>, ox: f64, oy: f64, p: &Palette) {
    let (x, y) = (c.at.x + ox, c.at.y + oy);
    let inner = CARD_WIDTH - 2.0 * PAD;
    let _ = writeln!(
        out,
        r#"<g class="block" data-id="{}"><title>{}</title>
<rect x="{x:.1}" y="{y:.1}" width="{CARD_WIDTH}" height="{:.1}" rx="6" fill="{}" stroke="{}"/>
<rect x="{x:.1}" y="{y:.1}" width="{CARD_WIDTH}" height="{TOP}" fill="{}"/>"#,
        esc(&c.node.id),
        esc(&c.title),
        c.height,
        p.card,
        p.border,
        accent(c.category)
    );
    let _ = writeln!(
        out,
        r#"<text x="{:.1}" y="{:.1}" font-size="14" font-weight="bold" fill="{}">{}</text>"#,
        x + PAD,
        y + TOP + 24.0,
        p.text,
        esc(&clip(&c.title, inner, Font::TITLE))
    );
    if let Some(kind) = &c.kind {
        let _ = writeln!(
            out,
            r#"<text x="{:.1}" y="{:.1}" font-size="11" fill="{}">{}</text>"#,
            x + PAD,
            y + TOP + 39.0,
            p.muted,
            esc(&clip(kind, inner, Font::SMALL))
        );
    }
    let top = y + TOP + c.header();
    let _ = writeln!(
        out,
        r#"<text x="{:.1}" y="{:.1}" font-size="12" fill="{}">{}</text>"#,
        x + PAD,
        top + 17.0,
        p.muted,
        esc(&clip(&c.summary, inner, Font::BODY))
    );
    if !c.exits.is_empty() {
        let _ = writeln!(
            out,
            r#"<line x1="{x:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{}" stroke-width="0.5"/>"#,
            top + SUMMARY,
            x + CARD_WIDTH,
            top + SUMMARY,
            p.border
        );
    }
    for (i, (_, name)) in c.exits.iter().enumerate() {
        let ey = y + c.exit_y(i);
        let _ = writeln!(
            out,
            r#"<text x="{:.1}" y="{:.1}" font-size="12" text-anchor="end" fill="{}">{}</text><circle cx="{:.1}" cy="{ey:.1}" r="3.5" fill="{}" stroke="{}"/>"#,
            x + CARD_WIDTH - 12.0,
            ey + 4.0,
            p.text,
            esc(&clip(name, inner, Font::BODY)),
            x + CARD_WIDTH,
            p.card,
            p.line
        );
    }
    if c.entry {
        let ey = y + TOP + (c.height - TOP) / 2.0;
        let _ = writeln!(
            out,
            r#"<circle cx="{x:.1}" cy="{ey:.1}" r="3.5" fill="{}" stroke="{}"/>"#,
            p.card, p.line
        );
    }
    out.push_str("</g>\n");
}

/// Every block to draw, worded and placed.
fn cards<'a>(flow: &'a Flow, lang: &str, only: Option<&BTreeSet<String>>) -> Vec<Card<'a>> {
    let cat = catalog();
    // A block the catalog does not know shows the exits its lines leave from.
    let mut used: HashMap<&str, Vec<&str>> = HashMap::default();
    for e in &flow.edges {
        let ports = used.entry(e.from.node.as_str()).or_default();
        if !ports.contains(&e.from.port.as_str()) {
            ports.push(e.from.port.as_str());
        }
    }
    let mut cards: Vec<Card<'a>> = flow
        .nodes
        .iter()
        .map(|node| {
            let spec = cat.block(&node.block);
            let mut exits: Vec<(String, String)> = match spec {
                Some(spec) => spec
                    .ports_of(node)
                    .into_iter()
                    .map(|p| p.id.into_owned())
                    .map(|id| {
                        let name = naming::exit_name(node, Some(spec), &id)
                            .get(lang)
                            .to_owned();
                        (id, name)
                    })
                    .collect(),
                None => Vec::new(),
            };
            // Lines from an exit the block does not list still show.
            for port in used.get(node.id.as_str()).into_iter().flatten() {
                if !exits.iter().any(|(k, _)| k == port) {
                    let name = naming::exit_name(node, spec, port).get(lang).to_owned();
                    exits.push(((*port).to_owned(), name));
                }
            }
            let title = block_title(node, lang);
            let kind = (!node.label.trim().is_empty())
                .then(|| naming::kind_name(node, spec).get(lang).to_owned());
            let header = if kind.is_some() {
                HEADER_KIND
            } else {
                HEADER_TITLE
            };
            let ports = if exits.is_empty() {
                0.0
            } else {
                PORTS_BASE + PORT_ROW * exits.len() as f64
            };
            Card {
                node,
                title,
                kind,
                summary: summary(node, spec, lang),
                category: spec.map(|s| s.category),
                entry: spec.is_none_or(|s| s.entry),
                at: node.position,
                height: TOP + header + SUMMARY + ports + 1.0,
                exits,
            }
        })
        .collect();
    let heights: Vec<f64> = cards.iter().map(|c| c.height).collect();
    for (card, at) in cards.iter_mut().zip(layout::positions(flow, &heights)) {
        card.at = at;
    }
    if let Some(only) = only {
        cards.retain(|c| only.contains(&c.node.id));
    }
    cards
}

/// One line about a block, as its card on the canvas shows it: its key
/// setting (a prompt's text in quotes), else what the block does.
fn summary(node: &Node, spec: Option<&BlockSpec>, lang: &str) -> String {
    let Some(spec) = spec else {
        return node.block.clone();
    };
    if spec.id == crate::catalog::PROVIDER_BLOCK {
        let provider = node
            .params
            .get("provider")
            .and_then(Value::as_str)
            .unwrap_or("");
        let ty = node
            .params
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or("");
        let parameters = node.params.get("parameters");
        if let Some(action) = catalog().provider_action(provider, ty) {
            for path in &action.summary {
                let mut v = parameters;
                for key in path.split('.') {
                    v = v.and_then(|v| v.get(key));
                }
                if let Some(text) = v.and_then(short) {
                    return text;
                }
            }
        }
        return ty.to_owned();
    }
    let key = spec
        .params
        .iter()
        .find(|p| p.required && !matches!(p.kind, ParamKind::Bool))
        .or_else(|| {
            spec.params
                .iter()
                .find(|p| !matches!(p.kind, ParamKind::Bool))
        });
    let Some(param) = key else {
        return spec.description.get(lang).to_owned();
    };
    let value = node.params.get(&param.key);
    let text = match (&param.kind, value) {
        (ParamKind::Choice { options }, Some(Value::String(s))) => options
            .iter()
            .find(|o| o.value == *s)
            .map(|o| o.name.get(lang).to_owned()),
        (_, Some(v)) => short(v),
        (_, None) => None,
    };
    let not_set = if lang.starts_with("zh") {
        "未设置"
    } else {
        "not set"
    };
    match text {
        Some(t) if matches!(param.kind, ParamKind::Tts { .. }) => format!("“{t}”"),
        Some(t) => format!("{}: {t}", param.name.get(lang)),
        None => format!("{}: {not_set}", param.name.get(lang)),
    }
}

/// A setting's value as one line, or `None` when it is empty.
fn short(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.split_whitespace().collect::<Vec<_>>().join(" "),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Array(items) => items
            .iter()
            .filter_map(short)
            .collect::<Vec<_>>()
            .join(", "),
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starter_flow_draws_its_three_blocks_and_two_lines() {
        let svg = svg(&crate::starter_flow(), &Options::default());
        assert!(svg.starts_with("<?xml"));
        assert_eq!(svg.matches("class=\"block\"").count(), 3);
        assert_eq!(svg.matches("marker-end").count(), 2);
        for name in ["Start", "Welcome", "Hang up", "Next", "Error"] {
            assert!(svg.contains(&format!(">{name}<")), "{name} missing");
        }
    }

    #[test]
    fn chinese_names_the_blocks_and_exits_in_chinese() {
        let options = Options {
            lang: "zh".into(),
            ..Options::default()
        };
        let svg = svg(&crate::starter_flow(), &options);
        assert!(svg.contains(">开始<"), "{svg}");
        assert!(svg.contains(">挂机<") || svg.contains(">挂断<"), "{svg}");
    }

    #[test]
    fn a_selection_draws_only_its_blocks_and_the_lines_among_them() {
        let only = Some(BTreeSet::from(["start".to_owned(), "welcome".to_owned()]));
        let svg = svg(
            &crate::starter_flow(),
            &Options {
                only,
                ..Options::default()
            },
        );
        assert_eq!(svg.matches("class=\"block\"").count(), 2);
        assert_eq!(svg.matches("marker-end").count(), 1);
        assert!(!svg.contains(">Hang up<"));
    }

    #[test]
    fn a_flow_with_no_positions_is_laid_out_left_to_right() {
        let mut flow = crate::starter_flow();
        for n in &mut flow.nodes {
            n.position = Position { x: 0.0, y: 0.0 };
        }
        let heights = vec![60.0; 3];
        let at = layout::positions(&flow, &heights);
        assert!(at[0].x < at[1].x && at[1].x < at[2].x, "{at:?}");
    }
}
