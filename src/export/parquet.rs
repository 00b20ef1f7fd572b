//! Parquet, for corpora too large for JSON: nodes, edges and mentions as three zstd-compressed
//! tables that pandas, Polars, DuckDB and Spark read; and shards as Parquet (the records of
//! `extract --format jsonl`, one a row), read back by `build --from-mentions`.
//!
//! - [`Column`]: a named, typed, nullable column ([`Values`]: strings, 64-bit integers, doubles).
//! - [`write_columns`]: columns → a Parquet file, a row group per million rows.
//! - [`nodes`], [`edges`], [`mentions`]: the graph's tables as columns (the same fields as
//!   nodes.csv, edges.csv and mentions.jsonl; lists joined with `; `).
//! - [`read_shard`]: the `json` column of a shard (any writer: Spark's snappy files too) fed to
//!   [`crate::shard::parse_line`].

use crate::export::error::{Context, Error, Result};
use crate::export::table::{Table, Type};
use crate::graph::CiteGraph;
use crate::model::DocAnalysis;
use parquet::basic::{Compression, LogicalType, Repetition, Type as Physical, ZstdLevel};
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type as Schema;
use serde_json::Value;
use std::io::Write;
use std::sync::Arc;

/// A column's values; `None` is null.
#[derive(Debug, Clone, PartialEq)]
pub enum Values {
    /// UTF-8 strings.
    Str(Vec<Option<String>>),
    /// 64-bit integers.
    I64(Vec<Option<i64>>),
    /// Doubles.
    F64(Vec<Option<f64>>),
}

/// A named column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Column name (any string: Parquet names are not identifiers).
    pub name: String,
    /// Its values, one per row.
    pub values: Values,
}

impl Values {
    fn len(&self) -> usize {
        match self {
            Values::Str(v) => v.len(),
            Values::I64(v) => v.len(),
            Values::F64(v) => v.len(),
        }
    }
}

const ROWS_PER_GROUP: usize = 1 << 20;

/// Writes `columns` (all of one length) as a zstd-compressed Parquet file.
pub fn write_columns(columns: &[Column], w: &mut dyn Write) -> Result<()> {
    let rows = columns.first().map_or(0, |c| c.values.len());
    if !columns.iter().all(|c| c.values.len() == rows) {
        return Err(Error::msg("columns of unequal length"));
    }
    let fields = columns
        .iter()
        .map(|c| {
            let (physical, logical) = match c.values {
                Values::Str(_) => (Physical::BYTE_ARRAY, Some(LogicalType::String)),
                Values::I64(_) => (Physical::INT64, None),
                Values::F64(_) => (Physical::DOUBLE, None),
            };
            Ok(Arc::new(
                Schema::primitive_type_builder(&c.name, physical)
                    .with_repetition(Repetition::OPTIONAL)
                    .with_logical_type(logical)
                    .build()?,
            ))
        })
        .collect::<Result<Vec<_>>>()?;
    let schema = Arc::new(Schema::group_type_builder("vncite").with_fields(fields).build()?);
    let props =
        Arc::new(WriterProperties::builder().set_compression(Compression::ZSTD(ZstdLevel::try_new(3)?)).build());
    // the writer wants an owned, Send sink: the file is made in memory, then written out
    let mut buf = Vec::new();
    let mut writer = SerializedFileWriter::new(&mut buf, schema, props)?;
    let mut start = 0;
    while start < rows || (rows == 0 && start == 0) {
        let end = (start + ROWS_PER_GROUP).min(rows);
        let mut group = writer.next_row_group()?;
        for c in columns {
            let mut col = group.next_column()?.context("a column missing from the schema")?;
            match &c.values {
                Values::Str(v) => {
                    let (vals, defs) = split(&v[start..end], |s: &String| ByteArray::from(s.as_bytes().to_vec()));
                    col.typed::<ByteArrayType>().write_batch(&vals, Some(&defs), None)?;
                }
                Values::I64(v) => {
                    let (vals, defs) = split(&v[start..end], |x: &i64| *x);
                    col.typed::<Int64Type>().write_batch(&vals, Some(&defs), None)?;
                }
                Values::F64(v) => {
                    let (vals, defs) = split(&v[start..end], |x: &f64| *x);
                    col.typed::<DoubleType>().write_batch(&vals, Some(&defs), None)?;
                }
            }
            col.close()?;
        }
        group.close()?;
        if rows == 0 {
            break;
        }
        start = end;
    }
    writer.close()?;
    w.write_all(&buf)?;
    Ok(())
}

/// Non-null values and the definition levels (1 present, 0 null).
fn split<T, U>(v: &[Option<T>], f: impl Fn(&T) -> U) -> (Vec<U>, Vec<i16>) {
    let vals = v.iter().flatten().map(f).collect();
    let defs = v.iter().map(|x| i16::from(x.is_some())).collect();
    (vals, defs)
}

fn text(v: &Value) -> String {
    crate::export::table::text(v)
}

/// Columns of typed JSON rows: `keys` with their types, each row a map.
fn columns<'a>(
    keys: &[(String, Type)],
    rows: impl Iterator<Item = &'a std::collections::BTreeMap<String, Value>> + Clone,
) -> Vec<Column> {
    keys.iter()
        .map(|(k, t)| {
            let vals = rows.clone().map(|r| r.get(k));
            let values = match t {
                Type::Long => Values::I64(vals.map(|v| v.and_then(Value::as_i64)).collect()),
                Type::Double => Values::F64(vals.map(|v| v.and_then(Value::as_f64)).collect()),
                Type::String => Values::Str(vals.map(|v| v.filter(|v| !v.is_null()).map(text)).collect()),
            };
            Column { name: k.clone(), values }
        })
        .collect()
}

/// nodes.parquet: `id`, then every node attribute (the columns of nodes.csv).
pub fn nodes(t: &Table) -> Vec<Column> {
    let mut cols = vec![Column {
        name: "id".into(),
        values: Values::Str(t.nodes.iter().map(|(id, _)| Some(id.clone())).collect()),
    }];
    cols.extend(columns(&t.node_keys, t.nodes.iter().map(|(_, r)| r)));
    cols
}

/// edges.parquet: `source`, `target`, `kind`, `count`.
pub fn edges(t: &Table) -> Vec<Column> {
    let mut cols = vec![
        Column {
            name: "source".into(),
            values: Values::Str(t.edges.iter().map(|(s, _, _)| Some(s.clone())).collect()),
        },
        Column {
            name: "target".into(),
            values: Values::Str(t.edges.iter().map(|(_, d, _)| Some(d.clone())).collect()),
        },
    ];
    cols.extend(columns(&t.edge_keys, t.edges.iter().map(|(_, _, r)| r)));
    cols
}

/// mentions.parquet: one row per mention, the fields of mentions.jsonl (lists joined with `; `).
pub fn mentions(docs: &[DocAnalysis], g: &CiteGraph) -> Result<Vec<Column>> {
    let mut buf = Vec::new();
    crate::export::write_mentions(docs, g, &mut buf)?;
    let mut rows: Vec<std::collections::BTreeMap<String, Value>> = Vec::new();
    let mut types: std::collections::BTreeMap<String, Type> = std::collections::BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for line in buf.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        let Value::Object(m) = serde_json::from_slice(line)? else { continue };
        let mut row = std::collections::BTreeMap::new();
        for (k, v) in m {
            let v = match v {
                Value::Array(a) if a.is_empty() => Value::Null,
                Value::Array(a) => Value::String(a.iter().map(text).collect::<Vec<_>>().join("; ")),
                v => v,
            };
            let t = match &v {
                Value::Number(n) if n.is_i64() => Type::Long,
                Value::Number(_) => Type::Double,
                Value::Null => Type::Long,
                _ => Type::String,
            };
            if !types.contains_key(&k) {
                order.push(k.clone());
            }
            let e = types.entry(k.clone()).or_insert(t);
            *e = (*e).max(t);
            row.insert(k, v);
        }
        rows.push(row);
    }
    let keys: Vec<(String, Type)> = order.into_iter().map(|k| (k.clone(), types[&k])).collect();
    Ok(columns(&keys, rows.iter()))
}

/// A shard's records as Parquet: `record` (document, mention, relation), `document` (its
/// source) and `json` (the `extract --format jsonl` line).
pub fn shard(analyses: &[DocAnalysis]) -> Result<Vec<Column>> {
    let (mut record, mut document, mut json) = (Vec::new(), Vec::new(), Vec::new());
    for a in analyses {
        for line in crate::shard::records(a)?.lines() {
            let v: Value = serde_json::from_str(line)?;
            record.push(v.get("record").and_then(Value::as_str).map(String::from));
            document.push(Some(a.source.clone()));
            json.push(Some(line.to_string()));
        }
    }
    Ok(vec![
        Column { name: "record".into(), values: Values::Str(record) },
        Column { name: "document".into(), values: Values::Str(document) },
        Column { name: "json".into(), values: Values::Str(json) },
    ])
}

/// A bad row of a Parquet shard (the message names the row).
fn row_warning(path: &std::path::Path, message: String) -> crate::warning::Warning {
    use crate::warning::{Warning, WarningKind};
    Warning::at(path.display().to_string(), None, WarningKind::BadShardLine, message)
}

/// Reads a Parquet shard's `json` column into `docs`; each bad row is reported through `warn`
/// with its row number and skipped. Returns how many rows were skipped.
pub fn read_shard(
    path: &std::path::Path,
    docs: &mut Vec<DocAnalysis>,
    warn: &mut dyn FnMut(crate::warning::Warning),
) -> Result<usize> {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::Field;
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let reader = SerializedFileReader::new(file).with_context(|| format!("{}: not a Parquet file", path.display()))?;
    let has_json = reader.metadata().file_metadata().schema_descr().columns().iter().any(|c| c.name() == "json");
    if !has_json {
        return Err(Error::msg(format!("{}: no `json` column (a shard has record, document, json)", path.display())));
    }
    let mut skipped = 0;
    for (n, row) in reader.get_row_iter(None)?.enumerate() {
        let row = row.with_context(|| format!("{}: row {}", path.display(), n + 1))?;
        let line = row.get_column_iter().find(|(name, _)| name.as_str() == "json").and_then(|(_, f)| match f {
            Field::Str(s) => Some(s.as_str()),
            _ => None,
        });
        match line.map(|l| crate::shard::parse_line(l, docs)) {
            Some(Ok(())) => {}
            Some(Err(e)) => {
                skipped += 1;
                warn(row_warning(path, format!("row {}: {e}", n + 1)));
            }
            None => {
                skipped += 1;
                warn(row_warning(path, format!("row {}: no json text", n + 1)));
            }
        }
    }
    Ok(skipped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shard_round_trips_through_parquet() {
        let mut docs = Vec::new();
        for line in [
            r#"{"record":"document","source":"a \"b\".txt","title":"T","province":"Sơn La"}"#,
            r#"{"record":"mention","document":"a \"b\".txt","start":0,"end":8,"text":"NQ 21/TW","snippet":"s","form":"symbol","system":"party","doc_type":"NQ","type_name":"Nghị quyết","number":"21","issuer":"TW","level":"central","candidates":[],"warnings":[]}"#,
        ] {
            crate::shard::parse_line(line, &mut docs).expect("line");
        }
        let mut file = Vec::new();
        write_columns(&shard(&docs).expect("columns"), &mut file).expect("write");
        let dir = tempfile::tempdir().expect("dir");
        let p = dir.path().join("s.parquet");
        std::fs::write(&p, &file).expect("write");
        let mut back = Vec::new();
        let skipped = read_shard(&p, &mut back, &mut |w| panic!("{w}")).expect("read");
        assert_eq!(skipped, 0);
        assert_eq!(
            serde_json::to_value(&back).expect("json"),
            serde_json::to_value(&docs).expect("json"),
            "the same analyses"
        );
    }

    #[test]
    fn nulls_and_types_are_kept() {
        let cols = vec![
            Column { name: "a name with spaces".into(), values: Values::Str(vec![Some("x".into()), None]) },
            Column { name: "n".into(), values: Values::I64(vec![None, Some(7)]) },
            Column { name: "f".into(), values: Values::F64(vec![Some(0.5), None]) },
        ];
        let mut file = Vec::new();
        write_columns(&cols, &mut file).expect("write");
        assert_eq!(&file[..4], b"PAR1");
        let mut empty = Vec::new();
        write_columns(&[Column { name: "x".into(), values: Values::Str(vec![]) }], &mut empty).expect("an empty table");
    }
}
