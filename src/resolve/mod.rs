//! Stage 3: read each reference's context and resolve what it points to.
//!
//! Types: [`Resolver`] (the tables and the patterns compiled from them; [`Resolver::analyze`]
//! reads one document into a [`DocAnalysis`]). The sub-steps, one file each, run in this order:
//! `context.rs` reads each reference in its sentence — issuing date or year, term, plenum — with
//! `body.rs` (the issuing body, and what it says about the symbol) and `level.rs` (level and
//! province); `merge.rs` shares facts between the mentions of one document and joins short forms
//! to the document they repeat; `catalog.rs` resolves plenum names and central symbols through the
//! catalog; `mention.rs` turns each into a [`crate::model::Mention`] and runs the relations stage
//! ([`crate::relate`]). `document.rs` reads the document's title, published date and own symbol;
//! `sentences.rs` the sentence bounds; [`dates`] parses dates and terms.

mod body;
mod catalog;
mod context;
pub mod dates;
mod document;
mod level;
mod mention;
mod merge;
mod sentences;

use crate::extract::Extractor;
use crate::model::{DocAnalysis, Document, Level, RawRef, System};
use crate::normalize::{normalize, NormText};
use crate::places::ProvinceFinder;
use crate::relate::{unwrap_lines, Lexicon};
use crate::tables::Tables;
use crate::warning::Warning;
use dates::year_of;
use merge::{dedupe_adjacent, propagate};
use sentences::SentenceBreaks;

/// Everything the resolver needs: tables and the patterns compiled from them.
pub struct Resolver<'a> {
    /// Reference tables.
    pub tables: &'a Tables,
    /// Reference patterns.
    pub extractor: &'a Extractor,
    /// Place-name patterns.
    pub places: &'a ProvinceFinder,
    /// Relation cues.
    pub cues: &'a Lexicon,
    /// Reading one text stops after this long, with a warning ([`crate::analyze::TIME_LIMIT`]
    /// unless set): checked between the pieces of a long text and every few references inside one.
    pub time_limit: std::time::Duration,
}

/// A reference being resolved.
#[derive(Debug, Clone)]
struct Draft {
    raw: RawRef,
    level: Level,
    date: Option<String>,
    year: Option<i32>,
    term: Option<String>,
    plenum: Option<u32>,
    body: Option<String>,
    province: Option<String>,
    title: Option<String>,
    via: Option<String>,
    candidates: Vec<String>,
    warnings: Vec<String>,
    sent: (usize, usize),
    /// the text's own symbol ("Số: 06-HD/UBKTTW" at the head of a line)
    is_self: bool,
}

impl Draft {
    fn key(&self) -> (System, String, String, String) {
        (self.raw.system, self.raw.doc_type.clone(), self.raw.number.clone(), self.raw.issuer.clone())
    }
}

/// Tables read from a `--data` directory and the patterns compiled from them, owned; a
/// [`Resolver`] borrows them ([`Knowledge::resolver`]).
pub struct Knowledge {
    tables: Tables,
    extractor: Extractor,
    places: ProvinceFinder,
    cues: Lexicon,
}

impl Knowledge {
    /// The embedded tables with each file present in `dir` replacing its twin, compiled once.
    pub fn load(dir: &std::path::Path) -> Result<Knowledge, crate::tables::TableError> {
        use crate::tables::TableError;
        let tables = Tables::load(dir)?;
        let in_dir =
            |e: String| TableError::InDirectory { dir: dir.to_path_buf(), source: Box::new(TableError::Pattern(e)) };
        let extractor = Extractor::try_new(&tables).map_err(in_dir)?;
        let places = ProvinceFinder::try_new(&tables).map_err(in_dir)?;
        let cues = Lexicon::new(&tables).map_err(in_dir)?;
        Ok(Knowledge { tables, extractor, places, cues })
    }

    /// A resolver over these tables.
    pub fn resolver(&self) -> Resolver<'_> {
        Resolver {
            tables: &self.tables,
            extractor: &self.extractor,
            places: &self.places,
            cues: &self.cues,
            time_limit: crate::analyze::TIME_LIMIT,
        }
    }
}

impl<'a> Resolver<'a> {
    /// A resolver over the embedded tables.
    pub fn embedded() -> Resolver<'static> {
        Resolver {
            tables: Tables::embedded(),
            extractor: Extractor::embedded(),
            places: ProvinceFinder::embedded(),
            cues: Lexicon::embedded(),
            time_limit: crate::analyze::TIME_LIMIT,
        }
    }

    /// Reads one document: its metadata, resolved mentions and relations.
    ///
    /// ```
    /// use vncite::{model::Document, resolve::Resolver};
    /// let doc = Document { text: "Thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị.".into(), ..Default::default() };
    /// let a = Resolver::embedded().analyze(&doc);
    /// assert_eq!((a.mentions[0].date.as_deref(), a.mentions[0].level.as_str()), (Some("2016-05-15"), "central"));
    /// ```
    pub fn analyze(&self, doc: &Document) -> DocAnalysis {
        self.analyze_until(doc, None).0
    }

    /// [`Resolver::analyze`], stopping at `deadline`: the references after the one it passed at are
    /// not read. Returns the byte it stopped at, if it did.
    pub fn analyze_until(&self, doc: &Document, deadline: Option<std::time::Instant>) -> (DocAnalysis, Option<usize>) {
        // most texts cite nothing: a fast test spares them normalisation and the extractor
        let cites = self.extractor.may_cite(&doc.text);
        // a text that cites nothing is read as it is for its places (old-style tones are matched
        // there), unless it is word-segmented ("Hà_Nội"), which would hide them
        let rewrite = cites || memchr::memchr(b'_', doc.text.as_bytes()).is_some();
        let norm = if rewrite { normalize(&doc.text) } else { NormText::unchanged("") };
        let t = if rewrite { norm.text.as_str() } else { doc.text.as_str() };
        let published = document::published_in(t);
        let (province, newspaper) = self.places.document_place(t);
        let mut warnings = Vec::new();
        let (drafts, stopped) = if cites {
            self.drafts(t, province.as_deref(), published.as_deref(), &mut warnings, deadline)
        } else {
            (Vec::new(), None)
        };
        let relations = if drafts.len() > 1 || drafts.iter().any(|d| d.is_self) {
            self.relations(&doc.text, t, &norm, &drafts)
        } else {
            Vec::new()
        };
        let mentions = drafts.iter().map(|d| self.mention(&doc.text, &norm, d)).collect();
        let stopped = stopped.map(|at| norm.to_original(at, at).0.min(doc.text.len()));
        let a = DocAnalysis {
            source: doc.source.clone(),
            // a record's or page's own fields fill what the text does not say
            title: document::title(doc),
            published: published.or_else(|| document::published_in_meta(&doc.meta)),
            newspaper,
            province_2025: province.as_deref().and_then(|p| self.tables.province_2025(p)),
            province,
            mentions,
            relations,
            warnings: warnings.into_iter().map(|w| Warning { file: doc.source.clone(), ..w }).collect(),
            meta: doc.meta.clone(),
        };
        (a, stopped)
    }

    /// Every reference of a text, resolved: each read in its context, then facts shared between
    /// the mentions of one document, short forms and plenums resolved, the catalog consulted.
    /// Past `deadline` no further reference is read: the drafts so far, and where it stopped.
    fn drafts(
        &self,
        t: &str,
        province: Option<&str>,
        published: Option<&str>,
        warnings: &mut Vec<Warning>,
        deadline: Option<std::time::Instant>,
    ) -> (Vec<Draft>, Option<usize>) {
        let raws = self.extractor.find(self.tables, t);
        let mut drafts: Vec<Draft> = Vec::with_capacity(raws.len());
        // a reference's context is read with hand-wrapped lines joined ("… của Ban\nThường vụ Tỉnh
        // ủy Hậu Giang"): same length, same offsets
        let joined = if raws.is_empty() { String::new() } else { unwrap_lines(t) };
        let breaks = SentenceBreaks::new(&joined);
        let mut stopped = None;
        for (i, r) in raws.iter().enumerate() {
            // the clock is read every few references: each costs a bounded amount of work
            if i % 32 == 31 && deadline.is_some_and(|d| std::time::Instant::now() > d) {
                stopped = Some(r.start);
                break;
            }
            let prev_end = if i > 0 { raws[i - 1].end } else { 0 };
            // the next reference after this one's describing text (list items share theirs)
            let next_start = raws[i + 1..].iter().find(|n| n.start >= r.tail).map_or(t.len(), |n| n.start);
            let mut d = self.context(&joined, &breaks, r.clone(), (prev_end, next_start), province);
            d.is_self = document::own_document(t, &d.raw);
            drafts.push(d);
        }
        // the text's own symbol ("Số: 06-HD/UBKTTW") is dated by its header
        if let Some(d) = drafts.iter_mut().find(|d| d.is_self && d.date.is_none()) {
            d.date = document::header_date(t);
        }
        // a day page's events are dated by the page's day and the year their line opens with
        if let Some(page) = document::day_page(t) {
            for d in drafts.iter_mut().filter(|d| d.date.is_none()) {
                // a year the reference states otherwise wins
                d.date =
                    document::day_page_date(t, &page, d.raw.start).filter(|x| d.year.is_none() || year_of(x) == d.year);
            }
        }
        self.merge_plenum_with_symbol(&joined, &mut drafts);
        propagate(self.tables, &mut drafts);
        self.resolve_short_forms(&mut drafts);
        self.resolve_plenums(&joined, &mut drafts, published, warnings);
        self.resolve_catalog(&joined, &mut drafts, published);
        propagate(self.tables, &mut drafts);
        for d in &mut drafts {
            if d.raw.system == System::Party && d.date.is_some() && d.year.is_none() {
                d.year = d.date.as_deref().and_then(year_of);
            }
            if d.raw.system == System::Party && d.level == Level::Central && d.term.is_none() {
                // a year alone still places a central document in its term (mid-year: congresses sit early)
                d.term = d
                    .date
                    .as_deref()
                    .and_then(|x| self.tables.national_term(x))
                    .or_else(|| d.year.and_then(|y| self.tables.national_term(&format!("{y:04}-07-01"))));
            }
        }
        (drafts, stopped)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Mention;
    use proptest::prelude::*;

    /// Reference forms and cues a dense text is made of.
    const DENSE: &[&str] = &[
        "Nghị quyết 28-NQ/TW",
        "Chỉ thị 05 của Bộ Chính trị",
        "Nghị quyết Trung ương 5 khóa IX",
        "Kế hoạch số 42-KH/TU ngày 1/2/2021 của Tỉnh ủy Sơn La",
        "để thực hiện",
        "tiếp tục thực hiện",
        "Quy định này",
        "34/2019/NĐ-CP",
        "Nghị quyết 09",
        "Tỉnh ủy Hà Tĩnh ban hành Chương trình hành động số 40",
        "(khóa XII)",
        "về thực hiện Nghị quyết này",
    ];
    const JOINS: &[&str] = &[", ", " và ", " ", "; ", "\n", " về ", ". "];

    /// The bytes the reading of `text` looks at (see [`crate::analyze::work`]).
    fn work(text: &str) -> usize {
        let before = crate::analyze::work::bytes();
        let a =
            Resolver::embedded().analyze(&Document { source: "w.txt".into(), text: text.into(), ..Default::default() });
        std::hint::black_box(a);
        crate::analyze::work::bytes() - before
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]
        /// Analysis is linear in the number of references: however a text packs them (one long
        /// sentence of references, cues, lists), eight times as many cost at most about eight
        /// times the work — counted in bytes read per reference and cue, not timed.
        #[test]
        fn work_per_reference_is_bounded_however_dense(
            forms in prop::collection::vec(0..DENSE.len(), 1..6),
            join in 0..JOINS.len(),
        ) {
            let unit: String = forms.iter().map(|&i| DENSE[i]).collect::<Vec<_>>().join(JOINS[join]) + JOINS[join];
            let (small, large) = (work(&unit.repeat(40)), work(&unit.repeat(320)));
            prop_assert!(large <= small * 10 + 4096, "{small} bytes for 40 units, {large} for 320: {unit:?}");
        }
    }

    fn analyze(text: &str) -> DocAnalysis {
        Resolver::embedded().analyze(&Document { source: "t.txt".into(), text: text.into(), ..Default::default() })
    }

    fn find<'m>(a: &'m DocAnalysis, sym: &str) -> Vec<&'m Mention> {
        a.mentions.iter().filter(|m| format!("{} {}/{}", m.doc_type, m.number, m.issuer) == sym).collect()
    }

    #[test]
    fn date_after_symbol_and_body() {
        let a = analyze(
            "Thực hiện Nghị quyết số 02-NQ/TU ngày 21/1/2021 của Ban Chấp hành Đảng bộ tỉnh Sơn La về công tác.",
        );
        let m = &find(&a, "NQ 2/TU")[0];
        assert_eq!(m.date.as_deref(), Some("2021-01-21"));
        assert_eq!(m.level, Level::Provincial);
        assert_eq!(m.province.as_deref(), Some("Sơn La"));
        assert_eq!(m.body.as_deref(), Some("Ban Chấp hành Đảng bộ tỉnh Sơn La"));
    }

    #[test]
    fn date_forms_after_symbol() {
        for (s, want) in [
            ("theo Nghị quyết số 28-NQ/TW, ngày 17/11/2022 Hội nghị Trung ương 6 khóa 13.", "2022-11-17"),
            ("Quy định số 181-QĐ/TW, ngày 30-3-2013 của Bộ Chính trị.", "2013-03-30"),
            ("Chỉ thị 11-CT/TW ngày 4.7.2007 của Bộ Chính trị.", "2007-07-04"),
            ("Nghị quyết số 09-NQ/TU ngày 19 tháng 8 năm 2009 của Tỉnh ủy.", "2009-08-19"),
            ("Quy định số 47 - QĐ/TWcủa BCH Trung ương Đảng, ngày 01/11/ 2011 về.", "2011-11-01"),
        ] {
            let a = analyze(s);
            assert_eq!(a.mentions[0].date.as_deref(), Some(want), "{s}");
        }
    }

    #[test]
    fn date_and_term_before_with_issue_verb() {
        let a = analyze("Ngày 19/8/2009 Ban Thường vụ Tỉnh ủy (khoá XVI) ban hành Nghị quyết số 09-NQ/TU về cơ sở.");
        let m = &a.mentions[0];
        assert_eq!(m.date.as_deref(), Some("2009-08-19"));
        assert_eq!(m.term.as_deref(), Some("XVI"));
        let a = analyze("Năm 2008, Tỉnh ủy Ninh Bình đã ban hành Kế hoạch số 63-KH/TU về đảng viên.");
        assert_eq!(a.mentions[0].year, Some(2008));
        assert_eq!(a.mentions[0].date, None);
        assert_eq!(a.mentions[0].province.as_deref(), Some("Ninh Bình"));
        // a chronology's line opens with its date
        let a = analyze("3/2/1989: Tỉnh ủy Hà Bắc ra Nghị quyết số 7-NQ/TU về nông nghiệp.\n4/5/1989: Hội nghị bàn về Chỉ thị số 8-CT/TU.");
        assert_eq!(a.mentions[0].date.as_deref(), Some("1989-02-03"));
        // without an issuing verb the date is when it was acted on
        assert_eq!(a.mentions[1].date, None);
        // and it contradicts a catalog row of another year: that row is another document
        let a = analyze("5/4/1990: Bộ Chính trị ra Nghị quyết 10/NQ về kinh tế.");
        assert_eq!(a.mentions[0].date.as_deref(), Some("1990-04-05"));
        // a table row's date cell, when the row names one document
        let a = analyze("STT | Văn bản | Ngày\n1 | Hướng dẫn 5-HD/BTCTW năm 2024 về kiểm điểm | 3/12/2024 |\n2 | Công văn 7-CV/BTCTW và Công văn 8-CV/BTCTW | 4/12/2024 |\n3 | Công văn 9-CV/BTCTW năm 2023 | 5/12/2024 |");
        assert_eq!(find(&a, "HD 5/BTCTW")[0].date.as_deref(), Some("2024-12-03"));
        assert_eq!(find(&a, "CV 7/BTCTW")[0].date, None);
        // a year stated otherwise wins
        assert_eq!(find(&a, "CV 9/BTCTW")[0].date, None);
    }

    #[test]
    fn facts_fill_other_mentions() {
        let a = analyze("Nghị quyết số 04-NQ/TU ngày 23/5/2016 của Tỉnh ủy về chi bộ. Sau đó Nghị quyết số 04-NQ/TU đi vào cuộc sống.");
        assert!(a.mentions.iter().all(|m| m.date.as_deref() == Some("2016-05-23")));
    }

    #[test]
    fn term_and_plenum_after() {
        let a = analyze("theo tinh thần Nghị quyết số 28-NQ/TW, ngày 17/11/2022 Hội nghị Trung ương 6 khóa 13.");
        let m = &a.mentions[0];
        assert_eq!((m.term.as_deref(), m.plenum), (Some("XIII"), Some(6)));
    }

    #[test]
    fn catalog_fills_central_dates() {
        let a = analyze("Học tập theo Chỉ thị số 05-CT/TW của Bộ Chính trị về tư tưởng Hồ Chí Minh.");
        assert_eq!(a.mentions[0].date.as_deref(), Some("2016-05-15"));
        assert_eq!(a.mentions[0].via.as_deref(), Some("catalog"));
    }

    #[test]
    fn catalog_topic_picks_between_terms() {
        let a = analyze("tổng kết Nghị quyết số 18-NQ/TW về sắp xếp tổ chức bộ máy hệ thống chính trị tinh gọn, hoạt động hiệu lực, hiệu quả.");
        assert_eq!(a.mentions[0].date.as_deref(), Some("2017-10-25"));
        let a = analyze("Nghị quyết số 18 - NQ / TW Hội nghị lần thứ 6 Ban Chấp hành Trung ương khoá XII về bộ máy.");
        assert_eq!(a.mentions[0].date.as_deref(), Some("2017-10-25"));
    }

    #[test]
    fn the_body_named_rules_out_rows_of_another_central_body() {
        // 15-NQ/TW: two plenum resolutions (IX, XI) and one of the Politburo (2022)
        let a = analyze("Triển khai Nghị quyết số 15-NQ/TW của Bộ Chính trị về Thủ đô.");
        assert_eq!(a.mentions[0].date.as_deref(), Some("2022-05-05"));
        let a = analyze("Triển khai Nghị quyết số 15-NQ/TW của Ban Chấp hành Trung ương khóa XI.");
        assert_eq!(a.mentions[0].date.as_deref(), Some("2012-06-10"));
        // a Politburo document the catalog does not know keeps no other body's date
        let a = analyze("Năm 2005, thực hiện Nghị quyết 15 của Bộ Chính trị về Hà Nội.");
        assert_eq!(a.mentions[0].date, None);
        assert_eq!(a.mentions[0].via, None);
    }

    #[test]
    fn ambiguous_central_symbol_lists_candidates() {
        let a = analyze("Thực hiện Nghị quyết số 28-NQ/TW.");
        let m = &a.mentions[0];
        assert!(m.candidates.len() >= 2, "{m:?}");
        assert_eq!(m.date, None);
    }

    #[test]
    fn plenum_resolves_through_catalog() {
        let a = analyze("Sau 10 năm thực hiện Nghị quyết Trung ương 5 (khóa IX) về “Đổi mới và nâng cao chất lượng hệ thống chính trị ở cơ sở xã, phường, thị trấn”. Chương trình hành động thực hiện Nghị quyết Trung ương 5 về hệ thống chính trị ở cơ sở.");
        let ms = find(&a, "NQ 17/TW");
        assert_eq!(ms.len(), 2, "{:?}", a.mentions);
        assert_eq!(ms[0].date.as_deref(), Some("2002-03-18"));
        assert_eq!(ms[1].term.as_deref(), Some("IX"));
    }

    #[test]
    fn a_number_of_several_terms_is_told_by_a_phrase_of_its_title() {
        // the body named ("của Bộ Chính trị") is in both titles' words: no evidence either way
        let a = analyze(
            "Quán triệt Nghị quyết số 36-NQ/TW của Bộ Chính trị về công tác đối với người Việt Nam ở nước ngoài.",
        );
        assert_eq!(a.mentions[0].date.as_deref(), Some("2004-03-26"), "{:?}", a.mentions);
        let a = analyze("Theo Nghị quyết số 36-NQ/TW về Chiến lược phát triển bền vững kinh tế biển Việt Nam.");
        assert_eq!(a.mentions[0].term.as_deref(), Some("XII"), "{:?}", a.mentions);
        // syllables shared one by one are no topic: the text does not say which
        let a = analyze("Tổng công ty thí điểm thuê tổng giám đốc theo Chỉ thị số 45/CT-TW của Bộ Chính trị; Hội đồng quản trị cử đại diện.");
        assert_eq!(a.mentions[0].date, None, "{:?}", a.mentions);
        assert!(a.mentions[0].candidates.len() >= 2, "{:?}", a.mentions);
    }

    #[test]
    fn a_plenum_of_several_resolutions_is_told_by_the_topic_it_states() {
        // the sentence speaks of health too (another resolution of the same plenum); the topic
        // stated after the name, past a list of terms, decides
        let a = analyze("Bàn về sức khỏe nhân dân và y tế cơ sở, Tỉnh ủy yêu cầu thực hiện Nghị quyết Trung ương 6 khóa XII về công tác dân số trong tình hình mới.");
        assert_eq!(find(&a, "NQ 21/TW").len(), 1, "{:?}", a.mentions);
        let b = analyze("Tỉnh ủy thực hiện Nghị quyết Trung ương 6 (khóa XII) về bảo vệ, chăm sóc và nâng cao sức khỏe nhân dân, sau khi bàn về công tác dân số.");
        assert_eq!(find(&b, "NQ 20/TW").len(), 1, "{:?}", b.mentions);
    }

    #[test]
    fn the_resolutions_of_a_plenum_in_the_plural_are_not_one_of_them() {
        let text = "Quán triệt các Nghị quyết Trung ương 5 khóa XII về kinh tế tư nhân, doanh nghiệp nhà nước.";
        let a = analyze(text);
        let m = a.mentions.iter().find(|m| m.text.contains("Trung ương 5")).expect("the plenum is read");
        assert_eq!((m.number.as_str(), m.candidates.len()), ("", 3), "{m:?}");
        // one of them, named in the singular with its topic, is that one
        let b = analyze("Quán triệt Nghị quyết Trung ương 5 khóa XII về phát triển kinh tế tư nhân.");
        assert_eq!(find(&b, "NQ 10/TW").len(), 1, "{:?}", b.mentions);
    }

    #[test]
    fn a_plenum_named_by_term_and_topic_only() {
        let a = analyze("Căn cứ Chương trình số 15-CTr/TU thực hiện Nghị quyết Hội nghị Trung ương khóa X về Chiến lược biển Việt Nam đến năm 2020;");
        let m = find(&a, "NQ 9/TW");
        assert_eq!(m.len(), 1, "{:?}", a.mentions);
        assert_eq!((m[0].date.as_deref(), m[0].plenum), (Some("2007-02-09"), Some(4)));
        assert_eq!(m[0].text, "Nghị quyết Hội nghị Trung ương khóa X");
        // a topic no resolution of the term has, or none stated: no reference
        for text in [
            "Thực hiện Nghị quyết Trung ương khóa X về công tác thi đua khen thưởng.",
            "Thực hiện Nghị quyết Trung ương khóa X, Tỉnh ủy ban hành Kế hoạch số 5-KH/TU.",
            "Quán triệt các nghị quyết Trung ương khóa X về Chiến lược biển Việt Nam đến năm 2020.",
        ] {
            let a = analyze(text);
            assert!(a.mentions.iter().all(|m| m.doc_type != "NQ"), "{text}: {:?}", a.mentions);
        }
    }

    #[test]
    fn plenum_beside_its_symbol_counts_once() {
        let a = analyze("như Nghị quyết Hội nghị T.Ư 6, khóa XII (Nghị quyết số 21-NQ/TW) về công tác dân số.");
        assert_eq!(a.mentions.len(), 1);
        assert_eq!(a.mentions[0].term.as_deref(), Some("XII"));
        assert_eq!(a.mentions[0].date.as_deref(), Some("2017-10-25"));
    }

    #[test]
    fn short_form_joins_full_and_lone_number_is_dropped() {
        let a =
            analyze("Nghị quyết số 09-NQ/TU của Tỉnh ủy Hà Tĩnh. Nghị quyết 09 đi vào cuộc sống. Nghị quyết 12 khác.");
        assert_eq!(find(&a, "NQ 9/TU").len(), 2);
        assert!(a.mentions.iter().all(|m| m.number != "12"));
    }

    #[test]
    fn issuer_contradiction_follows_body() {
        let a = analyze("Ban thường vụ Thành ủy Hà Nội đã ban hành Nghị quyết số 11 – NQ/TW ngày 31/5/2017 về thủ đô.");
        let m = &a.mentions[0];
        assert_eq!(m.issuer, "TU");
        assert_eq!(m.province.as_deref(), Some("Hà Nội"));
        assert!(!m.warnings.is_empty());
    }

    #[test]
    fn published_date_not_the_clock_line() {
        let a = analyze("Thứ tư, 24/04/2024, 23:04 [GMT+7]\nTiêu đề\nThứ hai, 27/08/2012 - 16:29'\n(BLC) - Nội dung");
        assert_eq!(a.published.as_deref(), Some("2012-08-27"));
        let a = analyze("Tiêu đề\n09:16 - Thứ Tư, 17/01/2018 Lượt xem");
        assert_eq!(a.published.as_deref(), Some("2018-01-17"));
    }
}
