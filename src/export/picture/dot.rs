//! The cascade for Graphviz: every directive, band and province box pinned where the built-in
//! layout put it (`pos="x,y!"`, cluster `bb`), for `neato -n2`, which routes the edges around the
//! boxes and renders SVG or PNG with Graphviz's fonts. So both engines draw the same picture, and
//! Graphviz's ranking — whose long edges widen every row they cross — never decides its shape.
//! Pixels of the layout become 0.75 pt, so the picture measures the same in CSS pixels.

use super::layout::{Layout, Rect};
use super::{edge_style, link_width, weight, Band, STATE_COLOUR};
use crate::export::dot_quote;
use std::fmt::Write as _;

/// Escapes text for a Graphviz HTML-like label (which knows `&#39;`, not `&apos;`).
fn esc(s: &str) -> String {
    crate::export::table::xml_escape(s).replace("&apos;", "&#39;")
}

/// Points per layout pixel.
const PT: f64 = 0.75;
/// Above this many edges they are drawn straight: Graphviz's routing around boxes takes about
/// 10 ms an edge on a picture of 150 directives.
const ROUTED_EDGES: usize = 250;

/// Layout pixels (from the top left) → Graphviz points (from the bottom left).
struct Points {
    height: f64,
}

impl Points {
    fn at(&self, x: f64, y: f64) -> String {
        format!("{:.2},{:.2}", x * PT, (self.height - y) * PT)
    }

    fn bb(&self, r: &Rect) -> String {
        format!("{},{}", self.at(r.x, r.y + r.h), self.at(r.x + r.w, r.y))
    }
}

/// The DOT text of a laid-out cascade, for `neato -n2`.
pub fn cascade_dot(l: &Layout) -> String {
    let c = l.cascade;
    let p = Points { height: l.height };
    let mut s = String::with_capacity(4096 + c.items.len() * 400);
    let _ = writeln!(
        s,
        r##"digraph cascade {{
  graph [bb="0,0,{:.2},{:.2}", splines={}, outputorder=edgesfirst, bgcolor="#ffffff", pad=0, fontname="DejaVu Sans"];
  node [shape=box, style=filled, fixedsize=true, fontname="DejaVu Sans", fontsize=9, color="#333333", margin=0];
  edge [arrowsize=0.6];"##,
        l.width * PT,
        l.height * PT,
        if c.links.len() <= ROUTED_EDGES { "true" } else { "line" }
    );
    boxes(&mut s, l, &p);
    title(&mut s, l, &p);
    directives(&mut s, l, &p);
    let r = l.legend;
    let _ = writeln!(
        s,
        "  legend [shape=plaintext, style=\"\", fixedsize=false, fontsize=8.25, pos=\"{}\", width={:.3}, height={:.3}, label=<{}>];\n}}",
        p.at(r.x + r.w / 2.0, r.y + r.h / 2.0),
        r.w * PT / 72.0,
        r.h * PT / 72.0,
        legend(l)
    );
    s
}

/// The level bands and the province boxes, as clusters with their bounding boxes.
fn boxes(s: &mut String, l: &Layout, p: &Points) {
    for (k, (band, r)) in l.bands.iter().enumerate() {
        let fill = if k % 2 == 0 { "#f6f6f6" } else { "#fbfbfb" };
        let _ = writeln!(
            s,
            r##"  subgraph cluster_b{k} {{ graph [bb="{}", label="{}", lp="{}", fontsize=9, style=filled, fillcolor="{fill}", color="#dddddd"]; }}"##,
            p.bb(r),
            band.title(),
            p.at(r.x + 8.0 + super::layout::text_width(band.title(), 12.0) / 2.0, r.y + 16.0)
        );
    }
    for (k, (name, r)) in l.groups.iter().enumerate() {
        let _ = writeln!(
            s,
            r##"  subgraph cluster_g{k} {{ graph [bb="{}", label={}, lp="{}", fontsize=8.25, style="dashed,filled", fillcolor="#ffffff", color="#99aabb"]; }}"##,
            p.bb(r),
            dot_quote(name),
            p.at(r.x + r.w / 2.0, r.y + 15.0)
        );
    }
}

/// The title and subtitle lines, as a plaintext node centred on the title's estimated width.
fn title(s: &mut String, l: &Layout, p: &Points) {
    let c = l.cascade;
    let mut title = format!(r#"<B><FONT POINT-SIZE="13.5">{}</FONT></B>"#, esc(&c.title));
    for line in &l.subtitle {
        let _ = write!(title, r##"<BR ALIGN="LEFT"/><FONT POINT-SIZE="9" COLOR="#444444">{}</FONT>"##, esc(line));
    }
    title.push_str(r#"<BR ALIGN="LEFT"/>"#);
    let title_h = 26.0 + 16.0 * l.subtitle.len() as f64;
    let title_w = l
        .subtitle
        .iter()
        .map(|t| super::layout::text_width(t, 12.0))
        .fold(super::layout::text_width(&c.title, 18.0), f64::max);
    let _ = writeln!(
        s,
        "  title [shape=plaintext, style=\"\", fixedsize=false, pos=\"{}\", width={:.3}, height={:.3}, label=<{title}>];",
        p.at(20.0 + title_w / 2.0, 20.0 + title_h / 2.0),
        title_w * PT / 72.0,
        title_h * PT / 72.0
    );
}

/// Every directive's box, pinned, and every link between them.
fn directives(s: &mut String, l: &Layout, p: &Points) {
    let c = l.cascade;
    for (i, (it, r)) in c.items.iter().zip(&l.nodes).enumerate() {
        let (fill, style) = if it.state { (STATE_COLOUR, "filled,dashed") } else { (it.band.colour(), "filled") };
        let _ = writeln!(
            s,
            "  n{i} [pos=\"{}\", width={:.3}, height={:.3}, fillcolor=\"{fill}\", style=\"{style}\", penwidth={:.1}, tooltip={}, label=<{}<BR/><FONT POINT-SIZE=\"7.5\" COLOR=\"#333333\">{}</FONT>>];",
            p.at(r.x + r.w / 2.0, r.y + r.h / 2.0),
            r.w * PT / 72.0,
            r.h * PT / 72.0,
            weight(it.documents),
            dot_quote(&it.tooltip),
            esc(&it.label),
            esc(&it.detail)
        );
    }
    for link in &c.links {
        let (colour, dash) = edge_style(&link.kind);
        let style = if dash.is_some() { "dashed" } else { "solid" };
        let _ = writeln!(
            s,
            "  n{} -> n{} [color=\"{colour}\", style={style}, penwidth={:.1}, tooltip={}];",
            link.from,
            link.to,
            link_width(link.count),
            dot_quote(&format!("{} {} {}", c.items[link.from].label, link.kind, c.items[link.to].label))
        );
    }
}

/// The legend as a table whose rows are 13 pt (17 px) high: no taller than the box the layout
/// keeps for it (18 px a row), on which it is centred.
fn legend(l: &Layout) -> String {
    let c = l.cascade;
    let mut t = String::from(
        r##"<TABLE BORDER="1" COLOR="#bbbbbb" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1" BGCOLOR="#ffffff"><TR><TD COLSPAN="2" ALIGN="LEFT" HEIGHT="13"><B>Legend</B></TD></TR>"##,
    );
    let row = |t: &mut String, cell: &str, text: &str| {
        let _ = write!(t, r#"<TR><TD HEIGHT="13">{cell}</TD><TD ALIGN="LEFT">{}</TD></TR>"#, esc(text));
    };
    let swatch = |fill: &str| {
        format!(
            r#"<TABLE BORDER="1" CELLBORDER="0" CELLPADDING="0" BGCOLOR="{fill}"><TR><TD WIDTH="16" HEIGHT="7"></TD></TR></TABLE>"#
        )
    };
    for band in &Band::ALL {
        row(&mut t, &swatch(band.colour()), &format!("{} directive", band.title()));
    }
    if c.items.iter().any(|i| i.state) {
        row(&mut t, &swatch(STATE_COLOUR), "State document");
    }
    row(&mut t, &swatch("#ffffff"), "Province (local directives)");
    for kind in &c.kinds {
        let (colour, dash) = edge_style(kind);
        let line = if dash.is_some() { "- - -&gt;" } else { "——&gt;" };
        row(&mut t, &format!(r#"<FONT COLOR="{colour}"><B>{line}</B></FONT>"#), &kind.replace('_', " "));
    }
    t.push_str(
        r#"<TR><TD COLSPAN="2" ALIGN="LEFT" HEIGHT="13">Arrow: from the citing directive</TD></TR><TR><TD COLSPAN="2" ALIGN="LEFT" HEIGHT="13">Border: articles citing it</TD></TR></TABLE>"#,
    );
    t
}

#[cfg(test)]
mod tests {
    use super::super::{Cascade, Item, Link};
    use super::*;

    #[test]
    fn every_box_is_pinned_where_the_layout_put_it() {
        let item = |label: &str, band, group: Option<&str>| Item {
            id: label.into(),
            label: label.into(),
            detail: "1 article".into(),
            tooltip: "a \"quoted\" <title>".into(),
            band,
            group: group.map(str::to_string),
            documents: 1,
            state: false,
        };
        let c = Cascade {
            items: vec![
                item("NQ 21-NQ/TW (2022)", Band::Central, None),
                item("KH 4-KH/TU Sơn La", Band::Provincial, Some("Sơn La")),
            ],
            links: vec![Link { from: 1, to: 0, kind: "implements".into(), count: 2 }],
            title: "T & <b>".into(),
            subtitle: "s".into(),
            kinds: vec!["implements".into()],
            ..Default::default()
        };
        let l = c.layout();
        let d = cascade_dot(&l);
        let r = l.nodes[0];
        let pos = format!("n0 [pos=\"{:.2},{:.2}\"", (r.x + r.w / 2.0) * PT, (l.height - r.y - r.h / 2.0) * PT);
        assert!(d.contains(&pos), "{pos} in {d}");
        assert!(d.contains("label=\"Sơn La\""));
        assert!(d.contains("n1 -> n0 [color=\"#b2182b\""));
        assert!(d.contains("<B><FONT POINT-SIZE=\"13.5\">T &amp; &lt;b&gt;</FONT></B>"));
        assert!(d.contains(r#"tooltip="a \"quoted\" <title>""#));
    }
}
