//! The cascade picture, as a reader sees it: on the sample and on a generated corpus of 5,000
//! articles citing 806 directives, drawn by Graphviz and by the built-in layout, the SVG is at most
//! 4,000 px a side, between 1:2 and 2:1, has its legend and title, and every label fits its box;
//! the PNG is the same drawing.

use regex::Regex;
use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_vncite"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

/// Whether a program runs; under `CI` a missing one fails the test instead of skipping.
fn have(cmd: &str, arg: &str) -> bool {
    let ok = Command::new(cmd).arg(arg).output().is_ok_and(|o| o.status.success());
    if !ok && std::env::var_os("CI").is_some() {
        panic!("{cmd} is required in CI");
    }
    ok
}

/// 5,000 articles: each of 63 provinces' plans (12 each, 756) implementing one of 50 central
/// resolutions.
fn generated_corpus(dir: &Path) -> PathBuf {
    let tsv = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/provinces.tsv")).expect("tsv");
    let provinces: Vec<&str> = tsv.lines().skip(1).filter_map(|l| l.split('\t').nth(1)).collect();
    assert_eq!(provinces.len(), 63);
    let mut text = String::new();
    for i in 0..5000 {
        let (p, n, k) = (provinces[i % 63], (i / 63) % 12 + 1, i % 50 + 1);
        let body = format!(
            "Tỉnh ủy {p} ban hành Kế hoạch số {n}-KH/TU ngày {n}/3/2021 để thực hiện Nghị quyết số {k}-NQ/TW ngày 5/6/2020 của Bộ Chính trị."
        );
        text.push_str(&serde_json::json!({"id": format!("a{i}"), "text": body}).to_string());
        text.push('\n');
    }
    let f = dir.join("generated.jsonl");
    std::fs::write(&f, text).expect("write");
    f
}

fn build(input: &Path, out: &Path, extra: &[&str]) -> String {
    let o = bin().arg("build").args(extra).arg("-o").arg(out).arg(input).output().expect("run");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Width and height in CSS px (Graphviz writes pt).
fn svg_size(svg: &str) -> (f64, f64) {
    let re = Regex::new(r#"<svg[^>]*?\swidth="([\d.]+)(pt|px)?"[^>]*?\sheight="([\d.]+)(pt|px)?""#).expect("re");
    let c = re.captures(svg).expect("an <svg> with width and height");
    let px = |v: &str, unit: Option<regex::Match>| {
        v.parse::<f64>().expect("number") * if unit.is_some_and(|u| u.as_str() == "pt") { 4.0 / 3.0 } else { 1.0 }
    };
    (px(&c[1], c.get(2)), px(&c[3], c.get(4)))
}

fn png_size(png: &[u8]) -> (f64, f64) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as f64;
    (be(&png[16..20]), be(&png[20..24]))
}

/// Every directive's box width and the label lines drawn in it (text, font size), from either
/// engine's SVG.
fn boxes(svg: &str) -> Vec<(f64, Vec<(String, f64)>)> {
    let group = Regex::new(r#"(?s)<g[^>]*class="node"[^>]*>(.*?)</g>"#).expect("re");
    let rect = Regex::new(r#"<rect[^>]*\swidth="([\d.]+)""#).expect("re");
    let poly = Regex::new(r#"<polygon[^>]*points="([^"]+)""#).expect("re");
    let text = Regex::new(r#"<text[^>]*font-size="([\d.]+)"[^>]*>([^<]*)</text>"#).expect("re");
    let directive = Regex::new(r"<title>n\d+</title>").expect("re");
    let mut out = Vec::new();
    for g in group.captures_iter(svg) {
        let body = &g[1];
        let width = if let Some(r) = rect.captures(body) {
            r[1].parse::<f64>().expect("width")
        } else if directive.is_match(body) {
            let xs: Vec<f64> = poly.captures(body).expect("polygon")[1]
                .split(' ')
                .filter_map(|p| p.split(',').next()?.parse().ok())
                .collect();
            xs.iter().fold(f64::MIN, |a, &b| a.max(b)) - xs.iter().fold(f64::MAX, |a, &b| a.min(b))
        } else {
            continue;
        };
        let lines = text.captures_iter(body).map(|t| (t[2].to_string(), t[1].parse::<f64>().expect("size"))).collect();
        out.push((width, lines));
    }
    out
}

/// XML character references decoded (Graphviz writes `-` as `&#45;`).
fn unescape(t: &str) -> String {
    let re = Regex::new(r"&#(\d+);").expect("re");
    let t = re.replace_all(t, |c: &regex::Captures| {
        c[1].parse::<u32>().ok().and_then(char::from_u32).map(String::from).unwrap_or_default()
    });
    t.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&")
}

/// Width in em of a line in DejaVu Sans, the widest of the usual sans-serif fonts (advances
/// rounded up by class).
fn advance(t: &str) -> f64 {
    t.chars()
        .map(|c| match c {
            'i' | 'l' | 'j' | 'í' | 'ì' | 'ỉ' | 'ĩ' | 'ị' | 'I' | '.' | ',' | ':' | ';' | '|' | '·' | '\'' => {
                0.32
            }
            ' ' | 'f' | 't' | 'r' | '(' | ')' | '/' | '-' => 0.42,
            'm' | 'w' | 'M' | 'W' => 0.98,
            c if c.is_ascii_digit() => 0.64,
            c if c.is_uppercase() => 0.72,
            _ => 0.62,
        })
        .sum()
}

fn check_picture(svg: &str, what: &str, directives: usize) {
    let (w, h) = svg_size(svg);
    assert!(w <= 4000.0 && h <= 4000.0, "{what}: {w} x {h} px");
    assert!((0.5..=2.0).contains(&(w / h)), "{what}: {w} x {h} px");
    assert!(
        svg.contains(">Legend<") && svg.contains("Central directive") && svg.contains("implements"),
        "{what}: legend"
    );
    assert!(svg.contains("Cascade of directives"), "{what}: title");
    let b = boxes(svg);
    assert_eq!(b.len(), directives, "{what}: directives drawn");
    for (width, lines) in &b {
        assert!(!lines.is_empty(), "{what}: a box without a label");
        for (t, size) in lines {
            let need = advance(&unescape(t)) * size;
            assert!(need <= *width, "{what}: {t:?} ({need:.0}) does not fit a box {width:.0} wide");
        }
    }
}

/// Both engines on one input: (engine name, build options).
fn engines() -> Vec<(&'static str, Vec<&'static str>)> {
    let mut e = vec![("built-in", vec!["--picture-layout", "builtin"])];
    if have("neato", "-V") {
        e.push(("Graphviz", vec!["--picture-layout", "graphviz"]));
    }
    e
}

fn check_png(out: &Path, svg: &str, what: &str) {
    let (w, h) = svg_size(svg);
    let (pw, ph) = png_size(&std::fs::read(out.join("graph.png")).expect("png"));
    // one drawing: the same proportion, whatever the resolution
    assert!(((pw / ph) / (w / h) - 1.0).abs() < 0.03, "{what}: png {pw}x{ph}, svg {w}x{h}");
}

#[test]
fn the_sample_cascade_is_legible_with_either_engine() {
    let d = tempfile::tempdir().expect("tempdir");
    for (name, opts) in engines() {
        if name == "built-in" && !have("rsvg-convert", "--version") {
            continue;
        }
        let out = d.path().join(name);
        let mut o = opts.clone();
        o.extend(["--format", "json,svg,png"]);
        let summary = build(Path::new("data/sample"), &out, &o);
        assert!(
            summary
                .contains(&format!("drawn by {}", if name == "Graphviz" { "Graphviz" } else { "the built-in layout" })),
            "{summary}"
        );
        let svg = std::fs::read_to_string(out.join("graph.svg")).expect("svg");
        let g: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(out.join("graph.json")).expect("json")).expect("json");
        let party = g["graph"]["party_directives"].as_u64().expect("count") as usize;
        check_picture(&svg, name, party);
        assert!(svg.contains("Sơn La"), "{name}: a province box");
        check_png(&out, &svg, name);
    }
}

#[test]
fn a_generated_corpus_of_800_directives_keeps_150_legibly() {
    let d = tempfile::tempdir().expect("tempdir");
    let input = generated_corpus(d.path());
    for (name, opts) in engines() {
        let out = d.path().join(name);
        let mut o = opts.clone();
        o.extend(["--format", "json,svg"]);
        let summary = build(&input, &out, &o);
        assert!(summary.contains("directives   806 (806 Party"), "{summary}");
        assert!(summary.contains("cascade of 150 directives (656 less-cited left out"), "{summary}");
        let svg = std::fs::read_to_string(out.join("graph.svg")).expect("svg");
        check_picture(&svg, name, 150);
        assert!(svg.contains("150 of 806 Party directives drawn"), "{name}: the title says what was left out");
    }
}

#[test]
fn state_documents_and_the_document_picture_on_request() {
    let d = tempfile::tempdir().expect("tempdir");
    let out = d.path().join("o");
    build(Path::new("data/sample"), &out, &["--picture-layout", "builtin", "--picture-state", "--format", "json,svg"]);
    let svg = std::fs::read_to_string(out.join("graph.svg")).expect("svg");
    assert!(svg.contains("State document") && svg.contains("NĐ 34/2019/NĐ-CP"), "state drawn");
    let out = d.path().join("docs");
    build(Path::new("data/sample"), &out, &["--picture", "documents", "--format", "json,svg"]);
    let svg = std::fs::read_to_string(out.join("graph.svg")).expect("svg");
    assert!(svg.contains("01_son_la_co_so_dang"), "the document picture draws documents");
}
