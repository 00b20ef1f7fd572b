//! Facts shared between the mentions of one document: a plenum name beside its symbol is one
//! reference; a bare number joins the document the text names in full; a date, term, body or
//! province stated once fills the document's other mentions.

use super::{Draft, Resolver};
use crate::model::{Form, Level, System};
use crate::tables::Tables;
use std::collections::{BTreeMap, BTreeSet};

impl Resolver<'_> {
    /// "Nghị quyết Hội nghị T.Ư 6, khóa XII (Nghị quyết số 21-NQ/TW)": one reference, not two.
    pub(super) fn merge_plenum_with_symbol(&self, t: &str, drafts: &mut Vec<Draft>) {
        let mut drop = BTreeSet::new();
        for i in 0..drafts.len().saturating_sub(1) {
            let (a, b) = (&drafts[i], &drafts[i + 1]);
            let gap = &t[a.raw.end.min(b.raw.start)..b.raw.start];
            let adjacent = gap.len() <= 24
                && gap.chars().all(|c| c.is_whitespace() || "(),-:".contains(c) || c.is_alphabetic())
                && gap.contains('(');
            if !adjacent {
                continue;
            }
            let (p, s) = match (a.raw.form, b.raw.form) {
                (Form::Plenum, Form::Symbol) => (i, i + 1),
                (Form::Symbol, Form::Plenum) => (i + 1, i),
                _ => continue,
            };
            if drafts[s].raw.issuer == "TW" && drafts[s].raw.doc_type == "NQ" {
                let (plenum, term) = (drafts[p].plenum, drafts[p].term.clone());
                let sym = &mut drafts[s];
                sym.plenum = sym.plenum.or(plenum);
                sym.term = sym.term.clone().or(term);
                drop.insert(p);
            }
        }
        let mut i = 0;
        drafts.retain(|_| {
            i += 1;
            !drop.contains(&(i - 1))
        });
    }

    /// A bare number without a body is a reference only when the text names that document in full.
    pub(super) fn resolve_short_forms(&self, drafts: &mut Vec<Draft>) {
        let full: Vec<(usize, Draft)> = drafts
            .iter()
            .enumerate()
            .filter(|(_, d)| matches!(d.raw.form, Form::Symbol | Form::NumberWithBody) && d.raw.system == System::Party)
            .map(|(i, d)| (i, d.clone()))
            .collect();
        let mut keep = vec![true; drafts.len()];
        for (i, d) in drafts.iter_mut().enumerate() {
            if d.raw.form != Form::ShortForm {
                continue;
            }
            let same = |f: &&(usize, Draft)| f.1.raw.doc_type == d.raw.doc_type && f.1.raw.number == d.raw.number;
            let pick = full.iter().filter(same).rfind(|f| f.0 < i).or_else(|| full.iter().find(same));
            match pick {
                Some((_, f)) => {
                    d.raw.issuer = f.raw.issuer.clone();
                    d.level = f.level;
                    d.province = f.province.clone();
                    d.date = d.date.clone().or(f.date.clone());
                    d.term = d.term.clone().or(f.term.clone());
                    d.body = d.body.clone().or(f.body.clone());
                }
                None => keep[i] = false,
            }
        }
        let mut k = keep.into_iter();
        drafts.retain(|_| k.next().unwrap_or(true));
    }
}

/// Drops a plenum mention that sits right beside a symbol naming the same document.
pub(super) fn dedupe_adjacent(drafts: &mut Vec<Draft>) {
    let mut drop = BTreeSet::new();
    for i in 0..drafts.len() {
        if drafts[i].raw.form != Form::Plenum {
            continue;
        }
        for j in [i.wrapping_sub(1), i + 1] {
            if let Some(o) = drafts.get(j) {
                let near =
                    o.raw.start.abs_diff(drafts[i].raw.end) <= 40 || drafts[i].raw.start.abs_diff(o.raw.end) <= 40;
                if o.raw.form == Form::Symbol && near && o.key() == drafts[i].key() {
                    drop.insert(i);
                }
            }
        }
    }
    let mut i = 0;
    drafts.retain(|_| {
        i += 1;
        !drop.contains(&(i - 1))
    });
}

/// A date, term, body or province stated once for a document fills its other mentions.
pub(super) fn propagate(tables: &Tables, drafts: &mut [Draft]) {
    let mut groups: BTreeMap<(System, String, String, String), Vec<usize>> = BTreeMap::new();
    for (i, d) in drafts.iter().enumerate() {
        if !d.raw.number.is_empty() {
            groups.entry(d.key()).or_default().push(i);
        }
    }
    for idx in groups.values() {
        let dates: BTreeSet<&String> = idx.iter().filter_map(|&i| drafts[i].date.as_ref()).collect();
        if dates.len() > 1 {
            continue; // two documents share the symbol (different terms): leave them apart
        }
        let date = dates.into_iter().next().cloned();
        let first = |f: &dyn Fn(&Draft) -> Option<String>| idx.iter().find_map(|&i| f(&drafts[i]));
        let term = first(&|d| d.term.clone());
        let body = first(&|d| d.body.clone().filter(|b| tables.body_issuer(b).is_some()));
        let province = first(&|d| d.province.clone());
        let title = first(&|d| d.title.clone());
        let year = idx.iter().find_map(|&i| drafts[i].year);
        for &i in idx {
            let d = &mut drafts[i];
            d.date = d.date.clone().or(date.clone());
            d.term = d.term.clone().or(term.clone());
            d.body = d.body.clone().or(body.clone());
            d.title = d.title.clone().or(title.clone());
            d.year = d.year.or(year);
            if d.level != Level::Central {
                d.province = d.province.clone().or(province.clone());
            }
        }
    }
}
