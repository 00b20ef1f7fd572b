//! A resolved reference as it leaves the stage: a [`Mention`] with offsets in the original text
//! and a snippet, and the relations the relations stage reads between them.

use super::dates::year_of;
use super::{Draft, Resolver};
use crate::model::{Mention, Relation, Resolved, System};
use crate::normalize::{fold, NormText};
use crate::relate::{relate, Span};
use std::collections::BTreeMap;

impl Resolver<'_> {
    /// The relations stage over this document's drafts (see [`crate::relate`]).
    pub(super) fn relations(&self, original: &str, t: &str, norm: &NormText, drafts: &[Draft]) -> Vec<Relation> {
        let mut documents: BTreeMap<(System, String, String, String), usize> = BTreeMap::new();
        let spans: Vec<Span> = drafts
            .iter()
            .map(|d| {
                let n = documents.len();
                Span {
                    start: d.raw.start,
                    end: d.raw.end,
                    system: d.raw.system,
                    doc_type: d.raw.doc_type.clone(),
                    document: *documents.entry(d.key()).or_insert(n),
                    own: d.is_self,
                }
            })
            .collect();
        relate(t, &spans, self.cues)
            .into_iter()
            .map(|f| {
                let (cue_start, cue_end) = norm.to_original(f.cue_start, f.cue_end);
                // the statement: both mentions and the cue, cut to a readable length around the cue
                let (a, b) = (drafts[f.from].raw.start.min(f.cue_start), drafts[f.to].raw.end.max(f.cue_end));
                let a = t.ceil_char_boundary(a.max(f.cue_start.saturating_sub(200)));
                let b = t.floor_char_boundary(b.min(f.cue_end + 200));
                let (oa, ob) = norm.to_original(a, b);
                let snippet = original.get(oa..ob).unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ");
                Relation {
                    from: f.from,
                    to: f.to,
                    kind: f.kind,
                    cue_start,
                    cue_end,
                    cue: t[f.cue_start..f.cue_end].to_string(),
                    basis: f.basis,
                    snippet,
                }
            })
            .collect()
    }

    pub(super) fn mention(&self, original: &str, norm: &NormText, d: &Draft) -> Mention {
        let (s, e) = norm.to_original(d.raw.start, d.raw.end);
        let t = &norm.text;
        let ss = t.ceil_char_boundary(d.raw.start.saturating_sub(80).max(d.sent.0));
        let se = t.floor_char_boundary((d.raw.end + 80).min(d.sent.1.max(d.raw.end)));
        let (os, oe) = norm.to_original(ss, se);
        let snippet = original.get(os..oe).unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ");
        let type_name = match (&d.raw.type_word, d.raw.doc_type.as_str()) {
            // QĐ is Quyết định or Quy định: the word in the text decides
            (Some(w), "QĐ") if fold(w).starts_with("quy dinh") => "Quy định".to_string(),
            _ => self.tables.type_name(&d.raw.doc_type),
        };
        Mention {
            start: s,
            end: e,
            text: original.get(s..e).unwrap_or("").to_string(),
            snippet,
            form: d.raw.form,
            doc: Resolved {
                system: d.raw.system,
                doc_type: d.raw.doc_type.clone(),
                type_name,
                number: d.raw.number.clone(),
                issuer: d.raw.issuer.clone(),
                level: d.level,
                body: d.body.clone(),
                date: d.date.clone(),
                year: d.year.or_else(|| d.date.as_deref().and_then(year_of)),
                term: d.term.clone(),
                plenum: d.plenum,
                province: d.province.clone(),
            },
            province_2025: d.province.as_deref().and_then(|p| self.tables.province_2025(p)),
            title: d.title.clone(),
            via: d.via.clone(),
            candidates: d.candidates.clone(),
            warnings: d.warnings.clone(),
        }
    }
}
