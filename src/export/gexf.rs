//! GEXF 1.3 (Gephi): attributes on nodes and edges, and a directive's date as its `start`, so
//! Gephi's timeline plays the cascade.

use super::table::{text, xml_escape, Table};
use crate::graph::CiteGraph;
use std::io::Write;

/// One node's or edge's `<attvalues>`; attribute ids are `prefix` + the key's position.
fn attvalues(
    w: &mut (impl Write + ?Sized),
    keys: &[(String, super::table::Type)],
    row: &std::collections::BTreeMap<String, serde_json::Value>,
    prefix: char,
) -> std::io::Result<()> {
    writeln!(w, "        <attvalues>")?;
    for (i, (k, _)) in keys.iter().enumerate() {
        if let Some(v) = row.get(k) {
            writeln!(w, r#"          <attvalue for="{prefix}{i}" value="{}"/>"#, xml_escape(&text(v)))?;
        }
    }
    writeln!(w, "        </attvalues>")
}

/// Writes `g` as GEXF 1.3.
pub fn write(g: &CiteGraph, w: &mut (impl Write + ?Sized)) -> crate::export::Result<()> {
    let t = Table::of(g);
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(w, r#"<gexf xmlns="http://gexf.net/1.3" version="1.3">"#)?;
    writeln!(
        w,
        "  <meta><creator>vncite {}</creator><description>citation graph</description></meta>",
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(w, r#"  <graph defaultedgetype="directed" mode="dynamic" timeformat="date">"#)?;
    writeln!(w, r#"    <attributes class="node" mode="static">"#)?;
    for (i, (k, ty)) in t.node_keys.iter().enumerate() {
        writeln!(w, r#"      <attribute id="n{i}" title="{}" type="{}"/>"#, xml_escape(k), ty.xml_name())?;
    }
    writeln!(w, "    </attributes>")?;
    writeln!(w, r#"    <attributes class="edge" mode="static">"#)?;
    for (i, (k, ty)) in t.edge_keys.iter().enumerate() {
        writeln!(w, r#"      <attribute id="e{i}" title="{}" type="{}"/>"#, xml_escape(k), ty.xml_name())?;
    }
    writeln!(w, "    </attributes>\n    <nodes>")?;
    for (id, row) in &t.nodes {
        let label = row.get("label").map(text).unwrap_or_default();
        let start = row
            .get("date")
            .map(text)
            .or_else(|| row.get("published").map(text))
            .filter(|d| d.len() == 10)
            .map(|d| format!(r#" start="{}""#, xml_escape(&d)))
            .unwrap_or_default();
        writeln!(w, r#"      <node id="{}" label="{}"{start}>"#, xml_escape(id), xml_escape(&label))?;
        attvalues(w, &t.node_keys, row, 'n')?;
        writeln!(w, "      </node>")?;
    }
    writeln!(w, "    </nodes>\n    <edges>")?;
    for (n, (s, tg, row)) in t.edges.iter().enumerate() {
        let weight = row.get("count").map(text).unwrap_or_else(|| "1".into());
        writeln!(
            w,
            r#"      <edge id="{n}" source="{}" target="{}" weight="{weight}">"#,
            xml_escape(s),
            xml_escape(tg)
        )?;
        attvalues(w, &t.edge_keys, row, 'e')?;
        writeln!(w, "      </edge>")?;
    }
    writeln!(w, "    </edges>\n  </graph>\n</gexf>")?;
    Ok(())
}
