//! `nodes.csv` and `edges.csv` with headers, as Gephi's spreadsheet import and pandas read them
//! (`Id,Label,…` and `Source,Target,Type,Weight,…`), RFC 4180 quoting, UTF-8.

use super::table::{text, Table};
use std::io::Write;

/// Quotes a CSV field when it needs it. A leading `=`, `+`, `-` or `@` (after any tabs, carriage
/// returns or spaces, which spreadsheets skip) gets a `'` so a spreadsheet never evaluates corpus
/// text as a formula.
pub fn field(s: &str) -> String {
    let lead = s.trim_start_matches(['\t', '\r', ' ', '\n']);
    let formula = (lead.starts_with(['=', '+', '-', '@']) || (lead.len() < s.len() && lead.starts_with(['\t', '\r'])))
        && s.parse::<f64>().is_err();
    let s = if formula { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// Writes the nodes table of `t` (build it once with `Table::of` for both files).
pub fn write_nodes(t: &Table, w: &mut (impl Write + ?Sized)) -> crate::export::Result<()> {
    let keys: Vec<&String> = t.node_keys.iter().map(|(k, _)| k).filter(|k| *k != "label").collect();
    let header: Vec<String> =
        ["Id".to_string(), "Label".to_string()].into_iter().chain(keys.iter().map(|k| field(k))).collect();
    writeln!(w, "{}", header.join(","))?;
    for (id, row) in &t.nodes {
        let mut cells = vec![field(id), field(&row.get("label").map(text).unwrap_or_default())];
        cells.extend(keys.iter().map(|k| row.get(*k).map(|v| field(&text(v))).unwrap_or_default()));
        writeln!(w, "{}", cells.join(","))?;
    }
    Ok(())
}

/// Writes the edges table of `t`.
pub fn write_edges(t: &Table, w: &mut (impl Write + ?Sized)) -> crate::export::Result<()> {
    writeln!(w, "Source,Target,Type,Weight,kind")?;
    for (s, tg, row) in &t.edges {
        let kind = row.get("kind").map(text).unwrap_or_default();
        let weight = row.get("count").map(text).unwrap_or_else(|| "1".into());
        writeln!(w, "{},{},Directed,{weight},{}", field(s), field(tg), field(&kind))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn quoting() {
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=cmd()"), "'=cmd()");
        assert_eq!(field("-3"), "-3");
        assert_eq!(field("x\ny"), "\"x\ny\"");
    }
}
