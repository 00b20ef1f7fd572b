//! Which mentions are one document: a directive's key (system, type, number, issuer and, for a
//! local one, its province) and its epoch (a central Party document's term, a local one's date, a
//! state document's year); and one node id per input document, also when ids repeat.

use crate::model::{symbol, DocAnalysis, Mention, System};
use std::collections::{BTreeMap, BTreeSet};

/// A symbol's key before its epoch: system, type, number, issuer, province of a local document.
pub(super) type BaseKey = (System, String, String, String, Option<String>);

/// The epoch that tells apart documents sharing a symbol.
fn epoch(m: &Mention) -> Option<String> {
    match (m.system, m.is_local()) {
        (System::Party, false) => m.term.clone(),
        (System::Party, true) => m.date.clone(),
        _ => m.year.map(|y| y.to_string()),
    }
}

fn base_key(m: &Mention) -> BaseKey {
    let prov = if m.is_local() { Some(m.province.clone().unwrap_or_else(|| "?".into())) } else { None };
    (m.system, m.doc_type.clone(), m.number.clone(), m.issuer.clone(), prov)
}

/// `party:02-NQ/TU@Sơn La#2021-01-21`, `party:28-NQ/TW#XIII`, `state:34/NĐ-CP#2019`.
fn directive_id(k: &BaseKey, epoch: Option<&str>) -> String {
    let sym = symbol(k.0, &k.1, &k.2, &k.3);
    let prov = k.4.as_deref().map(|p| format!("@{p}")).unwrap_or_default();
    let ep = epoch.map(|e| format!("#{e}")).unwrap_or_default();
    format!("{}:{sym}{prov}{ep}", k.0.as_str())
}

/// The epochs each symbol is known in across the corpus.
pub(super) struct Epochs(BTreeMap<BaseKey, BTreeSet<String>>);

impl Epochs {
    /// Gathers them from every mention of every document.
    pub(super) fn of(docs: &[&DocAnalysis]) -> Epochs {
        let mut epochs: BTreeMap<BaseKey, BTreeSet<String>> = BTreeMap::new();
        for d in docs {
            for m in d.mentions.iter().filter(|m| m.system != System::Other) {
                let e = epochs.entry(base_key(m)).or_default();
                if let Some(x) = epoch(m) {
                    e.insert(x);
                }
            }
        }
        Epochs(epochs)
    }

    /// A mention's node id, and the candidates when it has no epoch and its symbol has several.
    pub(super) fn node_of(&self, m: &Mention) -> (String, Vec<String>) {
        let k = base_key(m);
        let known = self.0.get(&k);
        match (epoch(m), known) {
            (Some(e), _) => (directive_id(&k, Some(&e)), vec![]),
            (None, Some(known)) if known.len() == 1 => {
                (directive_id(&k, known.iter().next().map(String::as_str)), vec![])
            }
            (None, known) => {
                let cands = known.into_iter().flatten().map(|e| directive_id(&k, Some(e))).collect();
                (directive_id(&k, None), cands)
            }
        }
    }
}

/// One node id per document, in order: `doc:` + source, and a source named twice (repeated JSONL
/// ids) still gets a node of its own (ids "x", "x", "x#2": the second "x" becomes "x#3", not a
/// second "x#2").
pub(super) fn document_ids(docs: &[&DocAnalysis]) -> Vec<String> {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let mut taken: BTreeSet<String> = docs.iter().map(|d| format!("doc:{}", d.source)).collect();
    let mut first: BTreeSet<&str> = BTreeSet::new();
    docs.iter()
        .map(|d| {
            if first.insert(d.source.as_str()) {
                return format!("doc:{}", d.source);
            }
            let n = seen.entry(d.source.as_str()).or_insert(1);
            loop {
                *n += 1;
                let id = format!("doc:{}#{n}", d.source);
                if taken.insert(id.clone()) {
                    return id;
                }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(source: &str) -> DocAnalysis {
        DocAnalysis { source: source.into(), ..Default::default() }
    }

    #[test]
    fn repeated_sources_get_their_own_ids() {
        let docs = [doc("x"), doc("x"), doc("x#2"), doc("y")];
        let refs: Vec<&DocAnalysis> = docs.iter().collect();
        assert_eq!(document_ids(&refs), ["doc:x", "doc:x#3", "doc:x#2", "doc:y"]);
    }
}
