//! The built-in layout of a [`Cascade`]: levels as bands top to bottom, local directives in a box
//! per province, boxes and directives flowed into rows whose width is chosen so that the whole
//! picture (title and legend included) is as near 3:2 as the content allows, never past 1:2 or 2:1
//! when it can be helped. Sizes come from [`text_width`], a deliberately generous estimate, so a
//! label fits its box in any common sans-serif font.
//!
//! [`Layout::svg`] draws it; [`super::dot::cascade_dot`] pins Graphviz to the same places.

use super::{edge_style, link_width, weight, Band, Cascade, STATE_COLOUR};
use crate::export::table::xml_escape as esc;
use std::fmt::Write as _;

/// Label font size (px).
const FONT: f64 = 12.0;
/// Count line font size (px).
const DETAIL: f64 = 10.0;
const PAD_X: f64 = 9.0;
const NODE_H: f64 = 36.0;
const GAP: f64 = 10.0;
const GROUP_PAD: f64 = 8.0;
const GROUP_HEAD: f64 = 18.0;
const BLOCK_GAP: f64 = 14.0;
const BAND_PAD: f64 = 10.0;
const BAND_GAP: f64 = 10.0;
const BAND_LABEL_W: f64 = 92.0;
const MARGIN: f64 = 20.0;
const LEGEND_W: f64 = 240.0;
const LINE: f64 = 18.0;
/// Pictures larger than this (px) on a side are scaled down as a whole.
pub const MAX_SIDE: f64 = 4000.0;
/// The proportion aimed at (width / height).
const ASPECT: f64 = 1.5;

/// Estimated width in px of `s` at `size` px in a sans-serif font, on the generous side.
pub fn text_width(s: &str, size: f64) -> f64 {
    s.chars()
        .map(|c| match c {
            'M' | 'W' | 'm' | 'w' => 1.0,
            '.' | ',' | ':' | ';' | '·' | '|' | '!' | '\'' | 'i' | 'j' | 'l' | 'í' | 'ì' | 'ỉ' | 'ĩ' | 'ị' | 'I' => {
                0.36
            }
            ' ' | 'f' | 't' | 'r' | '(' | ')' | '/' | '-' => 0.46,
            '–' | '—' => 0.8,
            c if c.is_ascii_digit() => 0.68,
            c if c.is_uppercase() => 0.78,
            c if c.is_lowercase() => 0.65,
            _ => 0.72,
        })
        .sum::<f64>()
        * size
}

/// A rectangle (px, origin top left).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Rect {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    fn cx(&self) -> f64 {
        self.x + self.w / 2.0
    }
}

/// A province box or a lone directive, placed as one piece in a band's rows.
struct Block {
    items: Vec<usize>,
    group: Option<String>,
    cols: usize,
    col_w: f64,
    w: f64,
    h: f64,
}

/// Where everything goes.
pub struct Layout<'a> {
    /// What is drawn.
    pub cascade: &'a Cascade,
    /// Picture width and height (px, before any scaling to [`MAX_SIDE`]).
    pub width: f64,
    /// Height.
    pub height: f64,
    /// One rectangle per item of the cascade.
    pub nodes: Vec<Rect>,
    /// Province boxes.
    pub groups: Vec<(String, Rect)>,
    /// Level bands.
    pub bands: Vec<(Band, Rect)>,
    /// The legend's box.
    pub legend: Rect,
    /// The subtitle wrapped to the picture's width.
    pub subtitle: Vec<String>,
}

fn node_width(c: &Cascade, i: usize) -> f64 {
    let it = &c.items[i];
    (text_width(&it.label, FONT).max(text_width(&it.detail, DETAIL)) + 2.0 * PAD_X).max(80.0)
}

fn blocks(c: &Cascade, band: Band) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    for (i, it) in c.items.iter().enumerate().filter(|(_, it)| it.band == band) {
        match (&it.group, out.last_mut()) {
            (Some(g), Some(b)) if b.group.as_ref() == Some(g) => b.items.push(i),
            (g, _) => out.push(Block { items: vec![i], group: g.clone(), cols: 1, col_w: 0.0, w: 0.0, h: 0.0 }),
        }
    }
    for b in &mut out {
        let n = b.items.len();
        b.col_w = b.items.iter().map(|&i| node_width(c, i)).fold(0.0, f64::max);
        if b.group.is_none() {
            b.w = b.col_w;
            b.h = NODE_H;
            continue;
        }
        // a near-square box: directives are about four times wider than tall
        b.cols = ((n as f64 / 2.0).sqrt().ceil() as usize).clamp(1, n.max(1));
        if n <= 3 {
            b.cols = n;
        }
        let rows = n.div_ceil(b.cols);
        let head = text_width(b.group.as_deref().unwrap_or(""), 11.0);
        b.w = (b.cols as f64 * b.col_w + (b.cols - 1) as f64 * GAP).max(head) + 2.0 * GROUP_PAD;
        b.h = GROUP_HEAD + rows as f64 * NODE_H + (rows - 1) as f64 * GAP + 2.0 * GROUP_PAD;
    }
    out
}

/// Shelves of blocks no wider than `width`: each shelf's block indices and height.
fn shelves(blocks: &[Block], width: f64) -> Vec<(Vec<usize>, f64)> {
    let mut out: Vec<(Vec<usize>, f64)> = Vec::new();
    let mut used = 0.0;
    for (k, b) in blocks.iter().enumerate() {
        match out.last_mut() {
            Some((row, h)) if used + BLOCK_GAP + b.w <= width => {
                row.push(k);
                *h = h.max(b.h);
                used += BLOCK_GAP + b.w;
            }
            _ => {
                out.push((vec![k], b.h));
                used = b.w;
            }
        }
    }
    out
}

fn band_height(shelves: &[(Vec<usize>, f64)]) -> f64 {
    shelves.iter().map(|s| s.1).sum::<f64>() + BLOCK_GAP * shelves.len().saturating_sub(1) as f64 + 2.0 * BAND_PAD
}

/// Greedy word wrap by estimated width.
fn wrap(s: &str, size: f64, width: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in s.split(' ') {
        match lines.last_mut() {
            Some(l) if text_width(&format!("{l} {word}"), size) <= width => {
                l.push(' ');
                l.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

impl<'a> Layout<'a> {
    /// Lays `c` out.
    pub fn of(c: &'a Cascade) -> Layout<'a> {
        let bands: Vec<(Band, Vec<Block>)> =
            Band::ALL.iter().map(|&b| (b, blocks(c, b))).filter(|(_, bl)| !bl.is_empty()).collect();
        let legend_h = legend_height(c);
        let widest = bands.iter().flat_map(|(_, bl)| bl.iter().map(|b| b.w)).fold(0.0, f64::max);
        let single_row =
            bands.iter().map(|(_, bl)| bl.iter().map(|b| b.w + BLOCK_GAP).sum::<f64>()).fold(widest, f64::max);
        let title_w = text_width(&c.title, 18.0).max(360.0);
        let bands_h = |content: f64| {
            bands.iter().map(|(_, bl)| band_height(&shelves(bl, content))).sum::<f64>()
                + BAND_GAP * bands.len().saturating_sub(1) as f64
        };
        // the legend beside the bands, or below them when that keeps the proportion better
        let size = |content: f64, below: bool| {
            let bands_w = BAND_LABEL_W + 2.0 * BAND_PAD + content;
            let w = if below { bands_w.max(LEGEND_W) } else { bands_w + GAP + LEGEND_W };
            let w = (w + 2.0 * MARGIN).max(title_w + 2.0 * MARGIN);
            let head = 26.0 + wrap(&c.subtitle, 12.0, w - 2.0 * MARGIN).len() as f64 * 16.0 + 12.0;
            let body = if below { bands_h(content) + GAP + legend_h } else { bands_h(content).max(legend_h) };
            (w, 2.0 * MARGIN + head + body)
        };
        // the content width whose picture comes nearest the aimed proportion
        let steps = 240usize;
        let mut best = (f64::INFINITY, widest, false);
        for below in [false, true] {
            for k in 0..=steps {
                let content = widest + (single_row - widest) * k as f64 / steps as f64;
                let (w, h) = size(content, below);
                let score = ((w / h).ln() - ASPECT.ln()).abs();
                if score < best.0 - 1e-9 {
                    best = (score, content, below);
                }
            }
        }
        let (_, content, below) = best;
        let (width, _) = size(content, below);
        let subtitle = wrap(&c.subtitle, 12.0, width - 2.0 * MARGIN);
        let top = MARGIN + 26.0 + subtitle.len() as f64 * 16.0 + 12.0;
        let legend = if below {
            Rect { x: MARGIN, y: top + bands_h(content) + GAP, w: LEGEND_W, h: legend_h }
        } else {
            Rect { x: width - MARGIN - LEGEND_W, y: top, w: LEGEND_W, h: legend_h }
        };
        let mut lay = Layout {
            cascade: c,
            width,
            height: 0.0,
            nodes: vec![Rect::default(); c.items.len()],
            groups: Vec::new(),
            bands: Vec::new(),
            legend,
            subtitle,
        };
        let band_w = BAND_LABEL_W + 2.0 * BAND_PAD + content;
        let mut y = top;
        for (band, bl) in &bands {
            let sh = shelves(bl, content);
            let h = band_height(&sh);
            lay.bands.push((*band, Rect { x: MARGIN, y, w: band_w, h }));
            let mut sy = y + BAND_PAD;
            for (row, row_h) in &sh {
                let used: f64 = row.iter().map(|&k| bl[k].w).sum::<f64>() + BLOCK_GAP * (row.len() - 1) as f64;
                // each shelf centred in the band
                let mut x = MARGIN + BAND_LABEL_W + BAND_PAD + (content - used) / 2.0;
                for &k in row {
                    lay.place(&bl[k], x, sy);
                    x += bl[k].w + BLOCK_GAP;
                }
                sy += row_h + BLOCK_GAP;
            }
            y += h + BAND_GAP;
        }
        lay.height = (y - BAND_GAP + MARGIN).max(lay.legend.y + legend_h + MARGIN);
        lay
    }

    /// Places a block's directives with its top left at (x, y).
    fn place(&mut self, b: &Block, x: f64, y: f64) {
        let Some(name) = &b.group else {
            for &i in &b.items {
                self.nodes[i] = Rect { x, y, w: b.w, h: NODE_H };
            }
            return;
        };
        self.groups.push((name.clone(), Rect { x, y, w: b.w, h: b.h }));
        let inner = b.cols as f64 * b.col_w + (b.cols - 1) as f64 * GAP;
        let left = x + GROUP_PAD + (b.w - 2.0 * GROUP_PAD - inner) / 2.0;
        for (k, &i) in b.items.iter().enumerate() {
            let (r, col) = (k / b.cols, k % b.cols);
            self.nodes[i] = Rect {
                x: left + col as f64 * (b.col_w + GAP),
                y: y + GROUP_PAD + GROUP_HEAD + r as f64 * (NODE_H + GAP),
                w: b.col_w,
                h: NODE_H,
            };
        }
    }

    /// The picture as a standalone SVG document.
    pub fn svg(&self) -> String {
        let c = self.cascade;
        let (w, h) = (self.width.max(400.0), self.height.max(160.0));
        let scale = (MAX_SIDE / w.max(h)).min(1.0);
        let mut s = String::with_capacity(4096 + c.items.len() * 600);
        let _ = write!(
            s,
            r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{:.0}" height="{:.0}" viewBox="0 0 {w:.0} {h:.0}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif">
<rect width="100%" height="100%" fill="#ffffff"/>
"##,
            w * scale,
            h * scale
        );
        s.push_str("<defs>");
        for (k, kind) in c.kinds.iter().enumerate() {
            let (colour, _) = edge_style(kind);
            let _ = write!(
                s,
                r#"<marker id="arrow{k}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>"#
            );
        }
        s.push_str("</defs>\n");
        let _ = writeln!(
            s,
            r#"<text class="title" x="{MARGIN}" y="{:.1}" font-size="18" font-weight="bold">{}</text>"#,
            MARGIN + 18.0,
            esc(&c.title)
        );
        for (k, line) in self.subtitle.iter().enumerate() {
            let _ = writeln!(
                s,
                r##"<text class="subtitle" x="{MARGIN}" y="{:.1}" font-size="12" fill="#444444">{}</text>"##,
                MARGIN + 40.0 + k as f64 * 16.0,
                esc(line)
            );
        }
        self.draw_bands(&mut s);
        self.draw_links(&mut s);
        self.draw_nodes(&mut s);
        self.draw_legend(&mut s);
        if c.items.is_empty() {
            let _ = writeln!(
                s,
                r##"<text x="{MARGIN}" y="{:.1}" font-size="14" fill="#666666">No directive to draw.</text>"##,
                self.legend.y + 20.0
            );
        }
        s.push_str("</svg>\n");
        s
    }

    fn draw_bands(&self, s: &mut String) {
        for (k, (band, r)) in self.bands.iter().enumerate() {
            let fill = if k % 2 == 0 { "#f6f6f6" } else { "#fbfbfb" };
            let _ = writeln!(
                s,
                r##"<g class="band"><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{fill}" stroke="#dddddd"/><text x="{:.1}" y="{:.1}" font-size="12" font-weight="bold" fill="#555555">{}</text></g>"##,
                r.x,
                r.y,
                r.w,
                r.h,
                r.x + 8.0,
                r.y + 20.0,
                band.title()
            );
        }
        for (name, r) in &self.groups {
            let _ = writeln!(
                s,
                r##"<g class="group"><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="6" fill="#ffffff" stroke="#9ab" stroke-dasharray="4,2"/><text x="{:.1}" y="{:.1}" font-size="11" text-anchor="middle" fill="#345">{}</text></g>"##,
                r.x,
                r.y,
                r.w,
                r.h,
                r.cx(),
                r.y + GROUP_PAD + 11.0,
                esc(name)
            );
        }
    }

    fn draw_links(&self, s: &mut String) {
        let c = self.cascade;
        for l in &c.links {
            let (Some(a), Some(b)) = (self.nodes.get(l.from), self.nodes.get(l.to)) else { continue };
            let (colour, dash) = edge_style(&l.kind);
            let marker = c.kinds.iter().position(|k| *k == l.kind).unwrap_or(0);
            let d = if b.y + b.h <= a.y {
                let (sx, sy, ex, ey) = (a.cx(), a.y, b.cx(), b.y + b.h);
                let m = (sy - ey) / 2.0;
                format!("M{sx:.1},{sy:.1} C{sx:.1},{:.1} {ex:.1},{:.1} {ex:.1},{ey:.1}", sy - m, ey + m)
            } else if a.y + a.h <= b.y {
                let (sx, sy, ex, ey) = (a.cx(), a.y + a.h, b.cx(), b.y);
                let m = (ey - sy) / 2.0;
                format!("M{sx:.1},{sy:.1} C{sx:.1},{:.1} {ex:.1},{:.1} {ex:.1},{ey:.1}", sy + m, ey - m)
            } else {
                // same row: a shallow arc below, whose lowest point (3/4 of the dip for a cubic)
                // stays in the gap under the row, clear of the province names above rows
                let (sx, ex, y) = (a.cx(), b.cx(), (a.y + a.h).max(b.y + b.h));
                let dip = (18.0 + (ex - sx).abs() * 0.15).min((GAP.min(GROUP_PAD) - 1.0) / 0.75);
                format!("M{sx:.1},{y:.1} C{sx:.1},{:.1} {ex:.1},{:.1} {ex:.1},{y:.1}", y + dip, y + dip)
            };
            let width = link_width(l.count);
            let dash = dash.map(|d| format!(r#" stroke-dasharray="{d}""#)).unwrap_or_default();
            let _ = writeln!(
                s,
                r#"<path class="link {}" d="{d}" fill="none" stroke="{colour}" stroke-width="{width:.1}" stroke-opacity="0.8"{dash} marker-end="url(#arrow{marker})"><title>{}</title></path>"#,
                esc(&l.kind),
                esc(&format!("{} {} {}", c.items[l.from].label, l.kind, c.items[l.to].label))
            );
        }
    }

    fn draw_nodes(&self, s: &mut String) {
        for (it, r) in self.cascade.items.iter().zip(&self.nodes) {
            let fill = if it.state { STATE_COLOUR } else { it.band.colour() };
            let dash = if it.state { r#" stroke-dasharray="4,2""# } else { "" };
            let _ = writeln!(
                s,
                r##"<g class="node"><title>{}</title><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="4" fill="{fill}" stroke="#333333" stroke-width="{:.1}"{dash}/><text class="label" x="{:.1}" y="{:.1}" font-size="{FONT}" text-anchor="middle">{}</text><text class="detail" x="{:.1}" y="{:.1}" font-size="{DETAIL}" text-anchor="middle" fill="#333333">{}</text></g>"##,
                esc(&it.tooltip),
                r.x,
                r.y,
                r.w,
                r.h,
                weight(it.documents),
                r.cx(),
                r.y + 15.0,
                esc(&it.label),
                r.cx(),
                r.y + 29.0,
                esc(&it.detail)
            );
        }
    }

    fn draw_legend(&self, s: &mut String) {
        let c = self.cascade;
        let r = self.legend;
        let _ = writeln!(
            s,
            r##"<g class="legend"><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="#ffffff" stroke="#bbbbbb"/>"##,
            r.x, r.y, r.w, r.h
        );
        let (x, mut y) = (r.x + 10.0, r.y + 20.0);
        let text = |s: &mut String, x: f64, y: f64, t: &str, bold: bool| {
            let weight = if bold { r#" font-weight="bold""# } else { "" };
            let _ = writeln!(s, r#"<text x="{x:.1}" y="{y:.1}" font-size="11"{weight}>{}</text>"#, esc(t));
        };
        text(s, x, y, "Legend", true);
        y += LINE;
        for band in &Band::ALL {
            let _ = writeln!(
                s,
                r##"<rect x="{x:.1}" y="{:.1}" width="22" height="12" rx="3" fill="{}" stroke="#333333"/>"##,
                y - 10.0,
                band.colour()
            );
            text(s, x + 30.0, y, &format!("{} directive", band.title()), false);
            y += LINE;
        }
        if c.items.iter().any(|i| i.state) {
            let _ = writeln!(
                s,
                r##"<rect x="{x:.1}" y="{:.1}" width="22" height="12" rx="3" fill="{STATE_COLOUR}" stroke="#333333" stroke-dasharray="4,2"/>"##,
                y - 10.0
            );
            text(s, x + 30.0, y, "State document", false);
            y += LINE;
        }
        let _ = writeln!(
            s,
            r##"<rect x="{x:.1}" y="{:.1}" width="22" height="12" rx="3" fill="#ffffff" stroke="#9ab" stroke-dasharray="4,2"/>"##,
            y - 10.0
        );
        text(s, x + 30.0, y, "Province (local directives)", false);
        y += LINE;
        for (k, kind) in c.kinds.iter().enumerate() {
            let (colour, dash) = edge_style(kind);
            let dash = dash.map(|d| format!(r#" stroke-dasharray="{d}""#)).unwrap_or_default();
            let _ = writeln!(
                s,
                r#"<path d="M{x:.1},{:.1} L{:.1},{:.1}" stroke="{colour}" stroke-width="2"{dash} marker-end="url(#arrow{k})"/>"#,
                y - 4.0,
                x + 24.0,
                y - 4.0
            );
            text(s, x + 30.0, y, &kind.replace('_', " "), false);
            y += LINE;
        }
        text(s, x, y, "Arrow: from the citing directive", false);
        y += LINE;
        text(s, x, y, "Border: articles citing it", false);
        y += LINE - 4.0;
        let mut bx = x;
        for n in [1usize, 10, 100] {
            let _ = writeln!(
                s,
                r##"<rect x="{bx:.1}" y="{y:.1}" width="22" height="12" rx="3" fill="#ffffff" stroke="#333333" stroke-width="{:.1}"/>"##,
                weight(n)
            );
            text(s, bx + 28.0, y + 10.0, &n.to_string(), false);
            bx += 62.0;
        }
        s.push_str("</g>\n");
    }
}

/// The legend's height: levels, state, province box, edge kinds, the arrow and border lines.
fn legend_height(c: &Cascade) -> f64 {
    let rows = 1 + 4 + usize::from(c.items.iter().any(|i| i.state)) + 1 + c.kinds.len() + 2;
    20.0 + rows as f64 * LINE + 16.0
}

#[cfg(test)]
mod tests {
    use super::super::{Item, Link};
    use super::*;

    fn item(label: &str, band: Band, group: Option<&str>) -> Item {
        Item {
            id: label.into(),
            label: label.into(),
            detail: "3 articles · 2 provinces".into(),
            tooltip: label.into(),
            band,
            group: group.map(str::to_string),
            documents: 3,
            state: false,
        }
    }

    fn cascade(central: usize, provinces: usize, per: usize) -> Cascade {
        let mut items: Vec<Item> =
            (0..central).map(|k| item(&format!("NQ {k}-NQ/TW (2022)"), Band::Central, None)).collect();
        for p in 0..provinces {
            for k in 0..per {
                items.push(item(&format!("KH {k}-KH/TU Tỉnh {p}"), Band::Provincial, Some(&format!("Tỉnh {p}"))));
            }
        }
        let links =
            (central..items.len()).map(|i| Link { from: i, to: 0, kind: "implements".into(), count: 1 }).collect();
        Cascade {
            items,
            links,
            title: "Cascade of directives — test".into(),
            subtitle: "many documents read".into(),
            kinds: vec!["implements".into()],
            ..Default::default()
        }
    }

    fn overlap(a: &Rect, b: &Rect) -> bool {
        a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
    }

    #[test]
    fn proportions_stay_between_half_and_double() {
        for (central, provinces, per) in [(1, 0, 0), (3, 1, 2), (40, 30, 3), (150, 0, 0), (10, 60, 2), (2, 1, 140)] {
            let c = cascade(central, provinces, per);
            let l = c.layout();
            let ratio = l.width / l.height;
            assert!((0.5..=2.0).contains(&ratio), "{central}/{provinces}/{per}: {} x {}", l.width, l.height);
            assert!(l.width <= MAX_SIDE && l.height <= MAX_SIDE, "{} x {}", l.width, l.height);
        }
    }

    #[test]
    fn nothing_overlaps_and_labels_fit() {
        let c = cascade(20, 12, 3);
        let l = c.layout();
        for (i, a) in l.nodes.iter().enumerate() {
            assert!(text_width(&c.items[i].label, FONT) < a.w, "{}", c.items[i].label);
            for b in &l.nodes[i + 1..] {
                assert!(!overlap(a, b), "{a:?} {b:?}");
            }
            assert!(!overlap(a, &l.legend));
        }
        // a local directive sits inside its province's box, below the central band
        let (_, g) = &l.groups[0];
        let n = &l.nodes[20];
        assert!(n.x >= g.x && n.x + n.w <= g.x + g.w && n.y >= g.y && n.y + n.h <= g.y + g.h);
        assert!(n.y > l.nodes[0].y + l.nodes[0].h);
    }

    #[test]
    fn svg_escapes_and_has_a_legend() {
        let mut c = cascade(1, 1, 1);
        c.items[1].label = "KH <1>&\"x\"".into();
        let svg = c.layout().svg();
        assert!(svg.contains("KH &lt;1&gt;&amp;&quot;x&quot;"));
        assert!(svg.contains(r#"<g class="legend">"#) && svg.contains(">implements<"));
        assert!(!svg.contains("<1>"));
    }
}
