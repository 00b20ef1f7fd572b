//! GraphML with a typed `<key>` for every attribute (networkx, igraph, Gephi, Cytoscape, yEd).

use super::table::{text, xml_escape, Table};
use crate::graph::CiteGraph;
use std::io::Write;

/// Writes `g` as GraphML.
pub fn write(g: &CiteGraph, w: &mut (impl Write + ?Sized)) -> crate::export::Result<()> {
    let t = Table::of(g);
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (i, (k, ty)) in t.node_keys.iter().enumerate() {
        writeln!(w, r#"  <key id="n{i}" for="node" attr.name="{}" attr.type="{}"/>"#, xml_escape(k), ty.xml_name())?;
    }
    for (i, (k, ty)) in t.edge_keys.iter().enumerate() {
        writeln!(w, r#"  <key id="e{i}" for="edge" attr.name="{}" attr.type="{}"/>"#, xml_escape(k), ty.xml_name())?;
    }
    writeln!(w, r#"  <graph id="vncite" edgedefault="directed">"#)?;
    for (id, row) in &t.nodes {
        writeln!(w, r#"    <node id="{}">"#, xml_escape(id))?;
        for (i, (k, _)) in t.node_keys.iter().enumerate() {
            if let Some(v) = row.get(k) {
                writeln!(w, r#"      <data key="n{i}">{}</data>"#, xml_escape(&text(v)))?;
            }
        }
        writeln!(w, "    </node>")?;
    }
    for (n, (s, tg, row)) in t.edges.iter().enumerate() {
        writeln!(w, r#"    <edge id="e{n}" source="{}" target="{}">"#, xml_escape(s), xml_escape(tg))?;
        for (i, (k, _)) in t.edge_keys.iter().enumerate() {
            if let Some(v) = row.get(k) {
                writeln!(w, r#"      <data key="e{i}">{}</data>"#, xml_escape(&text(v)))?;
            }
        }
        writeln!(w, "    </edge>")?;
    }
    writeln!(w, "  </graph>\n</graphml>")?;
    Ok(())
}
