//! Properties over generated texts built from real forms, separators and noise.

use proptest::prelude::*;
use vncite::model::Document;
use vncite::normalize::normalize;
use vncite::resolve::Resolver;

const PIECES: &[&str] = &[
    "Nghị quyết số ",
    "02-NQ/TU",
    " ngày 21/1/2021",
    " của Tỉnh ủy Sơn La",
    "Nghị_quyết số 18 - NQ / TW",
    "Chỉ thị 05",
    " của Bộ Chính trị",
    "34/2019/NĐ-CP",
    "Ðảng uỷ",
    "khoá XII",
    "Nghị quyết Trung ương 5 (khóa IX)",
    "&#x002F;",
    "&amp;",
    "Kế hoạch số 42-KH/TU",
    " để thực hiện ",
    "nghị quyết",
    "\n",
    ". ",
    ", ",
    " – ",
    "_",
    "\u{0301}",
    "\u{00A0}",
    "\u{200B}",
    "T.Ư",
    "TƯ",
    "09/NQ-TW",
    "Số: 06-HD/UBKTTW\n",
    "Hà Nội, ngày 18 tháng 12 năm 2018",
    "huyện Vân Hồ",
    "hoà",
    "uỷ",
    "HIV/AIDS",
    "Ủy ban nhân dân",
    "Thành uỷ",
    "Quận 3",
    "TP.HCM",
    " 12/2020/",
    "NQ",
    "Ban Bí thư",
    " số 7",
    "/QH14",
    "\u{FF0F}",
    " thay thế ",
    " sửa đổi, bổ sung ",
    "Căn cứ ",
    "theo tinh thần ",
    "(",
    ")",
    ":\n",
    " và ",
    "Quy định này ",
    "đây là ",
    " được sửa đổi bởi ",
    "CHƯƠNG TRÌNH SỐ 5-CTR/TU",
    "Kế hoạch ",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop_oneof![prop::sample::select(PIECES).prop_map(String::from), ".{0,6}"], 0..40)
        .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn normalization_is_idempotent(s in text()) {
        let once = normalize(&s).text;
        // character references decode once; a decoded `&` may start a new one
        prop_assume!(!once.contains('&'));
        prop_assert_eq!(normalize(&once).text, once);
    }

    #[test]
    fn the_prefilter_never_hides_a_reference(s in text()) {
        // a text turned away unread could only have held bare numbers, which need a document
        // named in full to count
        let x = vncite::extract::Extractor::embedded();
        if !x.may_cite(&s) {
            let n = normalize(&s);
            let found = x.find(vncite::tables::Tables::embedded(), &n.text);
            prop_assert!(found.iter().all(|r| r.form == vncite::model::Form::ShortForm), "{:?}: {:?}", s, found);
        }
    }

    #[test]
    fn offsets_map_back_inside_the_input(s in text()) {
        let n = normalize(&s);
        for i in 0..=n.text.len() {
            if n.text.is_char_boundary(i) {
                let (a, b) = n.to_original(0, i);
                prop_assert!(a <= b && b <= s.len() && s.is_char_boundary(b));
            }
        }
    }

    #[test]
    fn every_mention_slices_the_original_to_its_text(s in text()) {
        let doc = Document { source: "p.txt".into(), text: s.clone(), ..Default::default() };
        let a = vncite::analyze_document(&Resolver::embedded(), &doc);
        for m in &a.mentions {
            prop_assert_eq!(&s[m.start..m.end], m.text.as_str());
        }
        for r in &a.relations {
            prop_assert!(r.from < a.mentions.len() && r.to < a.mentions.len() && r.from != r.to);
        }
    }

    #[test]
    fn relation_reading_takes_any_spans(s in text(), cuts in prop::collection::vec((0usize..400, 0usize..60, 0usize..3, any::<bool>()), 0..12)) {
        use vncite::model::System;
        use vncite::relate::{relate, Lexicon, Span};
        // spans anywhere on character boundaries, overlapping or not, in order of start
        let mut spans: Vec<Span> = cuts
            .iter()
            .map(|&(a, len, doc, own)| {
                let start = s.floor_char_boundary(a.min(s.len()));
                let end = s.floor_char_boundary((start + len).min(s.len()));
                Span { start, end, system: System::Party, doc_type: ["NQ", "KH", "HD"][doc].into(), document: doc, own }
            })
            .collect();
        spans.sort_by_key(|x| x.start);
        for f in relate(&s, &spans, Lexicon::embedded()) {
            prop_assert!(f.from < spans.len() && f.to < spans.len());
            prop_assert!(spans[f.from].document != spans[f.to].document);
            prop_assert!(f.cue_start <= f.cue_end && f.cue_end <= s.len());
        }
    }

    #[test]
    fn mention_edges_always_start_at_a_document(texts in prop::collection::vec(text(), 1..5)) {
        let docs: Vec<Document> = texts.iter().enumerate().map(|(i, t)| Document { source: format!("d{i}"), text: t.clone(), ..Default::default() }).collect();
        let g = vncite::graph::build(&vncite::analyze_all(&Resolver::embedded(), &docs));
        use petgraph::visit::EdgeRef;
        for e in g.graph.edge_references() {
            if e.weight().kind == vncite::graph::EdgeKind::Mentions {
                prop_assert_eq!(g.graph[e.source()].kind(), "document");
                prop_assert_eq!(g.graph[e.target()].kind(), "directive");
            }
        }
    }

    #[test]
    fn the_graph_is_the_same_for_any_number_of_workers(texts in prop::collection::vec(text(), 1..6)) {
        let docs: Vec<Document> = texts.iter().enumerate().map(|(i, t)| Document { source: format!("d{i}"), text: t.clone(), ..Default::default() }).collect();
        let json = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("pool");
            let analyses = pool.install(|| vncite::analyze_all(&Resolver::embedded(), &docs));
            let mut out = Vec::new();
            vncite::export::write_json(&vncite::graph::build(&analyses), &mut out).expect("json");
            out
        };
        prop_assert_eq!(json(1), json(3));
    }
}
