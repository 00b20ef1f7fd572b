//! graph.html and annotated pages, as files: written by default, every corpus string escaped for
//! HTML and for the inlined JSON, HTML inputs keeping their markup. (The page itself is driven in
//! Chromium by web/tests/e2e.mjs, which .ci/run runs.)

use std::path::Path;
use std::process::Command;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_vncite"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

/// Whether this binary carries the explorer (built with Node.js); under CI it must.
fn have_explorer() -> bool {
    let ok = vncite::export::html::missing().is_none();
    if !ok && std::env::var_os("CI").is_some() {
        panic!("the explorer must be built in CI: {:?}", vncite::export::html::missing());
    }
    ok
}

const HOSTILE: &str = "</script><script>alert(1)</script><!-- x\nThực hiện Nghị quyết số 21-NQ/TW ngày 16/8/2022 của Bộ Chính trị \u{2028} </SCRIPT >.\n";

#[test]
fn graph_html_is_a_default_output_and_no_corpus_text_can_close_its_scripts() {
    if !have_explorer() {
        return;
    }
    let d = tempfile::tempdir().expect("tempdir");
    let input = d.path().join("x.jsonl");
    let rec = serde_json::json!({"id": "</script><b>id", "text": HOSTILE, "url": "javascript:alert(1)"});
    std::fs::write(&input, format!("{rec}\n")).expect("write");
    let out = d.path().join("o");
    let st = bin().args(["build", "-q", "-o"]).arg(&out).arg(&input).status().expect("run");
    assert!(st.success());
    let html = std::fs::read_to_string(out.join("graph.html")).expect("graph.html written by default");
    // the data, the positions and the explorer: three scripts, closed three times
    assert_eq!(html.to_ascii_lowercase().matches("</script").count(), 3, "a corpus string closed a script");
    assert!(!html.contains("<script>alert"), "a live script from the corpus");
    assert!(html.contains(r"\u003c/script>\u003cb>id"), "the id is kept, escaped");
    let data_start = html.find("id=\"vncite-data\">").expect("data") + "id=\"vncite-data\">".len();
    let data_end = data_start + html[data_start..].find("</script>").expect("end");
    let g: serde_json::Value = serde_json::from_str(&html[data_start..data_end]).expect("inlined JSON parses");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("graph.json")).expect("json")).expect("json");
    assert_eq!(g, json, "graph.html carries the same graph as graph.json");
}

#[test]
fn annotate_marks_texts_and_keeps_html_markup() {
    let d = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        d.path().join("a.txt"),
        "Tỉnh ủy ban hành Kế hoạch số 42-KH/TU để thực hiện Nghị quyết số 21-NQ/TW của Bộ Chính trị <x>.\n",
    )
    .expect("write");
    let page = "<!DOCTYPE html><html><head><title>Nghị quyết 21</title><script>var s = 'Nghị quyết số 21-NQ/TW';</script></head>\
                <body><p>Quán triệt Nghị quyết <b>số 21</b>-NQ/TW của Bộ Chính trị.</p></body></html>";
    std::fs::write(d.path().join("b.html"), page).expect("write");
    let out = d.path().join("pages");
    let o = bin()
        .arg("annotate")
        .arg(d.path().join("a.txt"))
        .arg(d.path().join("b.html"))
        .arg("-o")
        .arg(&out)
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("2 pages"), "{}", String::from_utf8_lossy(&o.stdout));
    let mut pages: Vec<String> = std::fs::read_dir(&out)
        .expect("dir")
        .map(|e| std::fs::read_to_string(e.expect("entry").path()).expect("page"))
        .collect();
    pages.sort_by_key(|p| !p.contains("<pre"));
    let (text, html) = (&pages[0], &pages[1]);
    assert!(text.contains(">Kế hoạch số 42-KH/TU</a>") && text.contains("&lt;x&gt;"), "{text}");
    assert!(text.contains("href=\"../graph.html#node=party%3A21-NQ%2FTW"), "{text}");
    // the HTML page: the mention split around <b>, nothing inside the title or the script
    assert!(html.contains(">Nghị quyết </a><b><a class=\"m party central"), "{html}");
    assert!(html.contains(">số 21</a></b><a class"), "{html}");
    assert!(html.contains("<title>Nghị quyết 21</title>") && html.contains("var s = 'Nghị quyết số 21-NQ/TW';"));
    assert!(html.contains("Content-Security-Policy"), "the page's own scripts are blocked");
    let at = html.find("data-start=\"").expect("a mark") + "data-start=\"".len();
    let start: usize = html[at..].split('"').next().and_then(|s| s.parse().ok()).expect("offset");
    assert!(page[start..].starts_with("Nghị quyết <b>"), "the offset is the original byte offset");
}

#[test]
fn build_annotate_links_the_pages_from_graph_html() {
    if !have_explorer() {
        return;
    }
    let d = tempfile::tempdir().expect("tempdir");
    let out = d.path().join("o");
    let st = bin().args(["build", "-q", "--annotate", "-o"]).arg(&out).arg("data/sample").status().expect("run");
    assert!(st.success());
    let html = std::fs::read_to_string(out.join("graph.html")).expect("html");
    let at = html.find("id=\"vncite-pages\" data-dir=\"annotated\">").expect("pages listed");
    let list = &html[at..];
    let pages: std::collections::BTreeMap<String, String> =
        serde_json::from_str(&list[list.find('>').expect(">") + 1..list.find("</script>").expect("end")])
            .expect("json");
    assert!(pages.len() >= 6, "{pages:?}");
    for p in pages.values() {
        assert!(Path::new(&out.join("annotated").join(p)).exists(), "{p}");
    }
}
