//! Imported positions spread to IVR Studio's card sizes, losslessly.
//!
//! A provider's designer draws smaller cards than this app, so a flow laid out
//! there overlaps here. Every dialect's decode calls [`spread`]: the layout is
//! scaled up just enough (at most [`MAX_SCALE`] times) for the cards that
//! overlap to clear each other, then any card still on another is pushed down
//! below it. Each moved block or note remembers the provider's position and
//! where it was shown (`layout.imported` in its `extra`), and every dialect's
//! encode calls [`restore`] first: a block the designer did not move goes back
//! to the provider's exact position, one moved (or added) goes to its place
//! scaled back by the same factor. So `encode(decode(x)) == x`.
//!
//! Card sizes: [`card_size`] is an upper bound of what the canvas draws
//! (`ui/src/canvas/blockGeometry.ts`; the real-app corpus test checks the
//! drawn cards do not overlap).

use std::borrow::Cow;

use rustc_hash::FxHashMap as HashMap;

use serde_json::{Value, json};

use crate::catalog::catalog;
use crate::model::{Flow, Position};

/// The `extra` key of a block or note whose position [`spread`] changed:
/// `{"x", "y"}` as the provider had it and `"at": {"x", "y"}` as shown.
pub const IMPORTED: &str = "layout.imported";
/// The flow's `extra` key for the scale [`spread`] applied (absent for 1).
pub const SCALE: &str = "layout.scale";
/// The most a layout is scaled up; cards still overlapping are pushed apart.
pub const MAX_SCALE: f64 = 2.0;
/// The space kept between two cards.
pub const GAP: f64 = 24.0;
/// The canvas's card width (`.block-node`, border included).
pub const CARD_WIDTH: f64 = 240.0;
/// How many times one card is pushed down before it goes below them all.
const MAX_PUSHES: usize = 8;
/// How many neighbours in x order each card is compared with to find the scale.
const SCALE_NEIGHBOURS: usize = 32;

/// The largest a card with `exits` exit rows is drawn: border, header with a
/// label and a kind, summary, and the exit rows.
pub fn card_size(exits: usize) -> (f64, f64) {
    let ports = if exits == 0 {
        0.0
    } else {
        9.0 + 20.0 * exits as f64
    };
    (CARD_WIDTH, 76.0 + ports)
}

/// Every block's card, in the flow's order: its exits from the catalog, or,
/// for a block the catalog does not know, as many as its lines leave from.
fn cards(flow: &Flow) -> Vec<Card> {
    let cat = catalog();
    let mut unknown: HashMap<&str, Vec<&str>> = HashMap::default();
    let mut cards: Vec<Card> = flow
        .nodes
        .iter()
        .map(|n| {
            let exits = match cat.block(&n.block) {
                Some(spec) => spec.derived_count(n) + spec.ports.len(),
                None => {
                    unknown.insert(n.id.as_str(), Vec::new());
                    0
                }
            };
            let (w, h) = card_size(exits);
            Card {
                x: n.position.x,
                y: n.position.y,
                w,
                h,
            }
        })
        .collect();
    if unknown.is_empty() {
        return cards;
    }
    for e in &flow.edges {
        if let Some(ports) = unknown.get_mut(e.from.node.as_str())
            && !ports.contains(&e.from.port.as_str())
        {
            ports.push(e.from.port.as_str());
        }
    }
    for (n, card) in flow.nodes.iter().zip(&mut cards) {
        if let Some(ports) = unknown.get(n.id.as_str()) {
            card.h = card_size(ports.len()).1;
        }
    }
    cards
}

/// The pairs of blocks (by id) whose cards overlap on the canvas.
pub fn overlapping(flow: &Flow) -> Vec<(&str, &str)> {
    let cards = cards(flow);
    let mut order: Vec<usize> = (0..cards.len()).collect();
    order.sort_by(|&a, &b| cards[a].x.total_cmp(&cards[b].x));
    let mut out = Vec::new();
    for (i, &a) in order.iter().enumerate() {
        let ca = cards[a];
        for &b in &order[i + 1..] {
            let cb = cards[b];
            if cb.x >= ca.x + ca.w {
                break;
            }
            if ca.y < cb.y + cb.h && cb.y < ca.y + ca.h {
                out.push((flow.nodes[a].id.as_str(), flow.nodes[b].id.as_str()));
            }
        }
    }
    out
}

#[derive(Clone, Copy)]
struct Card {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

impl Card {
    /// Whether the two cards cover some of the same canvas. Cards that only
    /// sit close are left where they are: a layout drawn here comes back as
    /// it was drawn.
    fn overlaps(&self, o: &Card) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }
}

/// Spreads a just-decoded provider flow's blocks so no two cards overlap;
/// see the module's comment. Linear in the flow's size.
pub fn spread(flow: &mut Flow) {
    if flow.nodes.len() < 2 {
        return;
    }
    let cards = cards(flow);
    let k = scale_needed(&cards);
    let mut placed: Vec<Card> = cards
        .iter()
        .map(|c| Card {
            x: (c.x * k).round(),
            y: (c.y * k).round(),
            ..*c
        })
        .collect();
    push_apart(&mut placed);

    for (node, card) in flow.nodes.iter_mut().zip(&placed) {
        let at = Position {
            x: card.x,
            y: card.y,
        };
        remember(&mut node.position, &mut node.extra, at, k != 1.0);
    }
    if k != 1.0 {
        for note in &mut flow.notes {
            let at = Position {
                x: (note.position.x * k).round(),
                y: (note.position.y * k).round(),
            };
            remember(&mut note.position, &mut note.extra, at, true);
        }
        flow.extra.insert(SCALE.into(), json!(k));
    }
}

/// Moves `position` to `at`, remembering where it was if it moved or if
/// `always` (in a scaled flow, where [`restore`] scales back the positions it
/// finds no record for).
fn remember(position: &mut Position, extra: &mut crate::model::Extra, at: Position, always: bool) {
    if at == *position && !always {
        return;
    }
    extra.insert(
        IMPORTED.into(),
        json!({"x": position.x, "y": position.y, "at": {"x": at.x, "y": at.y}}),
    );
    *position = at;
}

/// The least scale (1 to [`MAX_SCALE`]) at which every pair of overlapping
/// cards clears that can clear by scaling at most [`MAX_SCALE`] times; the
/// others (on one spot, or nearly) are left to [`push_apart`].
fn scale_needed(cards: &[Card]) -> f64 {
    let mut order: Vec<usize> = (0..cards.len()).collect();
    order.sort_by(|&a, &b| cards[a].x.total_cmp(&cards[b].x));
    let mut k: f64 = 1.0;
    for (i, &a) in order.iter().enumerate() {
        let ca = &cards[a];
        for &b in order[i + 1..].iter().take(SCALE_NEIGHBOURS) {
            let cb = &cards[b];
            if cb.x - ca.x >= ca.w + GAP {
                break;
            }
            if !ca.overlaps(cb) {
                continue;
            }
            let dx = (cb.x - ca.x).abs();
            let (upper, dy) = if ca.y <= cb.y {
                (ca, cb.y - ca.y)
            } else {
                (cb, ca.y - cb.y)
            };
            // Scaling moves both apart: the pair clears at the smaller need.
            let need = f64::min(
                if dx > 0.0 {
                    (ca.w + GAP) / dx
                } else {
                    f64::INFINITY
                },
                if dy > 0.0 {
                    (upper.h + GAP) / dy
                } else {
                    f64::INFINITY
                },
            );
            // A pair too close to clear at the most scale is pushed apart
            // instead of scaling the whole flow for it.
            if need <= MAX_SCALE {
                k = k.max(need);
            }
        }
    }
    ((k * 20.0).ceil() / 20.0).min(MAX_SCALE)
}

/// Pushes cards down, top to bottom, until none overlaps another. A grid of
/// cells keeps each check to the cards nearby.
fn push_apart(cards: &mut [Card]) {
    const CELL_W: f64 = CARD_WIDTH + GAP;
    const CELL_H: f64 = 128.0;
    let cell = |v: f64, size: f64| (v / size).floor() as i64;
    let mut order: Vec<usize> = (0..cards.len()).collect();
    order.sort_by(|&a, &b| {
        cards[a]
            .y
            .total_cmp(&cards[b].y)
            .then(cards[a].x.total_cmp(&cards[b].x))
    });
    let mut grid: HashMap<(i64, i64), Vec<usize>> = HashMap::default();
    let mut bottom = f64::NEG_INFINITY;
    for &i in &order {
        let mut pushes = 0;
        loop {
            let c = cards[i];
            // Every card is in each cell it covers: the cells this one's
            // box (and the gap around it) covers hold every card it can meet.
            let hit = (cell(c.x - GAP, CELL_W)..=cell(c.x + c.w + GAP, CELL_W))
                .flat_map(|gx| {
                    (cell(c.y - GAP, CELL_H)..=cell(c.y + c.h + GAP, CELL_H))
                        .map(move |gy| (gx, gy))
                })
                .filter_map(|key| grid.get(&key))
                .flatten()
                .map(|&j| cards[j])
                .filter(|o| c.overlaps(o))
                .map(|o| o.y + o.h)
                .reduce(f64::max);
            let Some(below) = hit else { break };
            pushes += 1;
            cards[i].y = if pushes < MAX_PUSHES {
                below + GAP
            } else {
                bottom + GAP
            };
        }
        let c = cards[i];
        bottom = bottom.max(c.y + c.h);
        for gx in cell(c.x, CELL_W)..=cell(c.x + c.w, CELL_W) {
            for gy in cell(c.y, CELL_H)..=cell(c.y + c.h, CELL_H) {
                grid.entry((gx, gy)).or_default().push(i);
            }
        }
    }
}

/// The flow as its provider should get it: every position [`spread`] changed
/// put back, and every other scaled back by the flow's scale. Borrowed when
/// the flow was never spread.
pub fn restore(flow: &Flow) -> Cow<'_, Flow> {
    let spread = flow.extra.contains_key(SCALE)
        || flow.nodes.iter().any(|n| n.extra.contains_key(IMPORTED))
        || flow.notes.iter().any(|n| n.extra.contains_key(IMPORTED));
    if !spread {
        return Cow::Borrowed(flow);
    }
    let k = flow
        .extra
        .get(SCALE)
        .and_then(Value::as_f64)
        .filter(|k| k.is_finite() && *k >= 1.0)
        .unwrap_or(1.0);
    let mut out = flow.clone();
    out.extra.remove(SCALE);
    for node in &mut out.nodes {
        node.position = provider_position(node.position, node.extra.remove(IMPORTED), k);
    }
    for note in &mut out.notes {
        note.position = provider_position(note.position, note.extra.remove(IMPORTED), k);
    }
    Cow::Owned(out)
}

/// Where the provider gets a block shown at `shown`: its own position if the
/// block is where [`spread`] put it, else `shown` scaled back.
fn provider_position(shown: Position, record: Option<Value>, k: f64) -> Position {
    let read = |v: &Value| {
        Some(Position {
            x: v.get("x")?.as_f64()?,
            y: v.get("y")?.as_f64()?,
        })
    };
    if let Some(r) = &record
        && let (Some(original), Some(at)) = (read(r), r.get("at").and_then(read))
        && (shown.x - at.x).abs() < 0.5
        && (shown.y - at.y).abs() < 0.5
    {
        return original;
    }
    if k == 1.0 {
        return shown;
    }
    Position {
        x: shown.x / k,
        y: shown.y / k,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Node;

    fn flow_at(points: &[(f64, f64)]) -> Flow {
        let mut flow = Flow::default();
        for (i, &(x, y)) in points.iter().enumerate() {
            flow.nodes.push(Node {
                id: format!("n{i}"),
                block: "play_prompt".into(),
                position: Position { x, y },
                ..Node::default()
            });
        }
        flow
    }

    fn overlapping_pairs(flow: &Flow) -> usize {
        overlapping(flow).len()
    }

    #[test]
    fn a_layout_with_room_is_left_alone() {
        // Cards a few pixels apart, as one may draw them here, stay put.
        let h = cards(&flow_at(&[(0.0, 0.0)]))[0].h;
        let mut flow = flow_at(&[(0.0, 0.0), (CARD_WIDTH + 5.0, 0.0), (0.0, h + 5.0)]);
        let before = flow.clone();
        spread(&mut flow);
        assert_eq!(flow, before);
        assert!(matches!(restore(&flow), Cow::Borrowed(_)));
    }

    #[test]
    fn a_tight_layout_is_scaled_and_restored_exactly() {
        // Connect's cards are about 200 wide: 220 apart is tight for 240.
        let points = [(0.1, 0.3), (220.7, 0.3), (440.2, 10.9), (0.1, 180.25)];
        let mut flow = flow_at(&points);
        spread(&mut flow);
        assert_eq!(overlapping_pairs(&flow), 0);
        let k = flow.extra[SCALE].as_f64().unwrap();
        assert!(k > 1.0 && k <= MAX_SCALE, "{k}");
        let back = restore(&flow);
        let got: Vec<(f64, f64)> = back
            .nodes
            .iter()
            .map(|n| (n.position.x, n.position.y))
            .collect();
        assert_eq!(got, points);
        assert!(back.nodes.iter().all(|n| n.extra.is_empty()));
        assert!(!back.extra.contains_key(SCALE));
    }

    #[test]
    fn cards_on_one_spot_are_pushed_apart_and_a_moved_card_is_scaled_back() {
        let mut flow = flow_at(&[(0.0, 0.0); 100]);
        assert_eq!(overlapping_pairs(&flow), 100 * 99 / 2);
        spread(&mut flow);
        assert_eq!(overlapping_pairs(&flow), 0);
        flow.nodes[5].position = Position {
            x: 1000.0,
            y: 500.0,
        };
        let back = restore(&flow);
        assert_eq!(
            back.nodes[5].position,
            Position {
                x: 1000.0,
                y: 500.0
            }
        );
        assert!(
            back.nodes
                .iter()
                .enumerate()
                .all(|(i, n)| i == 5 || n.position == Position::default())
        );
    }

    #[test]
    fn spreading_is_linear_on_a_flow_with_no_layout() {
        let mut flow = flow_at(&vec![(0.0, 0.0); 10_000]);
        let t = std::time::Instant::now();
        spread(&mut flow);
        assert!(t.elapsed().as_secs_f64() < 2.0, "{:?}", t.elapsed());
        assert_eq!(flow.nodes.len(), 10_000);
    }
}
