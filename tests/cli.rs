//! Integration tests: run the `vncite` binary as a user would and read what it writes.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_vncite"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn build_sample() -> (tempfile::TempDir, Value) {
    let out = tempfile::tempdir().expect("tempdir");
    let st = bin().args(["build", "data/sample", "-o"]).arg(out.path()).arg("--quiet").status().expect("run vncite");
    assert!(st.success(), "vncite build failed: {st}");
    let g: Value = serde_json::from_str(&std::fs::read_to_string(out.path().join("graph.json")).expect("graph.json"))
        .expect("graph.json is JSON");
    (out, g)
}

fn node<'a>(g: &'a Value, id: &str) -> &'a Value {
    g["nodes"].as_array().expect("nodes").iter().find(|n| n["id"] == id).unwrap_or_else(|| panic!("no node {id}"))
}

fn links<'a>(g: &'a Value, kind: &str) -> Vec<(&'a str, &'a str, &'a Value)> {
    g["links"]
        .as_array()
        .expect("links")
        .iter()
        .filter(|l| l["kind"] == kind)
        .map(|l| (l["source"].as_str().unwrap_or(""), l["target"].as_str().unwrap_or(""), l))
        .collect()
}

#[test]
fn sample_graph_has_the_expected_directives() {
    let (_d, g) = build_sample();
    assert_eq!(g["directed"], true);
    let nq = node(&g, "party:02-NQ/TU@Sơn La#2021-01-21");
    assert_eq!(nq["kind"], "directive");
    assert_eq!(nq["date"], "2021-01-21");
    assert_eq!(nq["level"], "provincial");
    assert_eq!(nq["province"], "Sơn La");
    assert_eq!(nq["label"], "Nghị quyết 02-NQ/TU (Sơn La)");
    let cent = node(&g, "party:21-NQ/TW#XIII");
    assert_eq!(cent["date"], "2022-06-16");
    assert_eq!(cent["level"], "central");
    // Đ written as Ð, NFD text and TƯ all resolve
    assert_eq!(node(&g, "party:04-NQ/TU@Điện Biên#2016-05-23")["date"], "2016-05-23");
    assert_eq!(node(&g, "party:17-NQ/TW#IX")["date"], "2002-03-18");
    assert_eq!(node(&g, "party:05-CT/TW#XII")["mentions"], 2);
    // tokenized text and a plenum resolved through the catalog
    assert_eq!(node(&g, "party:18-NQ/TW#XII")["date"], "2017-10-25");
    // state order Party symbols
    assert_eq!(node(&g, "party:09-NQ/TW#X")["date"], "2007-02-09");
    assert_eq!(node(&g, "party:233-NQ/ĐU@?")["level"], "grassroots");
    // district and grassroots committees
    assert_eq!(node(&g, "party:15-KH/HU@Điện Biên#2017-03-02")["level"], "district");
    assert_eq!(node(&g, "party:65-KH/ĐU@Hà Nội#2019-12-25")["level"], "grassroots");
}

#[test]
fn state_documents_are_never_party() {
    let (_d, g) = build_sample();
    for n in g["nodes"].as_array().expect("nodes") {
        if n["kind"] == "directive"
            && ["CP", "TTg", "UBND", "HĐND", "QH13"].contains(&n["issuer"].as_str().unwrap_or(""))
        {
            assert_eq!(n["system"], "state", "{n}");
        }
    }
    assert_eq!(node(&g, "state:34/NĐ-CP#2019")["system"], "state");
    assert_eq!(node(&g, "state:98/NQ-CP")["system"], "state");
}

#[test]
fn sample_edges_by_value() {
    let (_d, g) = build_sample();
    let m = links(&g, "mentions");
    let (_, _, l) = m
        .iter()
        .find(|(s, t, _)| s.ends_with("01_son_la_co_so_dang.txt") && *t == "party:02-NQ/TU@Sơn La#2021-01-21")
        .expect("mentions edge");
    assert_eq!(l["count"], 2);
    let ev = &l["evidence"][0];
    assert!(ev["start"].as_u64().is_some() && ev["snippet"].as_str().is_some_and(|s| s.contains("02-NQ/TU")));
    let imp = links(&g, "implements");
    for (a, b) in [
        ("party:42-KH/TU@Sơn La", "party:02-NQ/TU@Sơn La#2021-01-21"),
        ("party:18-CTr/TU@Hà Tĩnh#2022-09-30", "party:21-NQ/TW#XIII"),
        ("party:15-KH/HU@Điện Biên#2017-03-02", "party:04-NQ/TU@Điện Biên#2016-05-23"),
        ("party:65-KH/ĐU@Hà Nội#2019-12-25", "party:221-KH/QU@Hà Nội#2019-11-12"),
    ] {
        assert!(imp.iter().any(|(s, t, _)| s.starts_with(a) && *t == b), "missing {a} implements {b}: {imp:?}");
    }
    assert!(links(&g, "continues")
        .iter()
        .any(|(s, t, _)| s.starts_with("party:103-KL/TU") && t.starts_with("party:07-NQ/TU")));
    assert!(links(&g, "replaces").iter().any(|(s, t, _)| *s == "party:37-QĐ/TW#XIII" && *t == "party:47-QĐ/TW#XI"));
    let about = links(&g, "about");
    assert!(about.iter().any(|(s, t, _)| s.ends_with("04_dien_bien_eth.txt") && *t == "province:Điện Biên"));
    assert!(!about.iter().any(|(s, _, _)| s.ends_with("03_tokenized.txt")), "national news has no province");
    assert!(links(&g, "issued_in")
        .iter()
        .any(|(s, t, _)| s.starts_with("party:02-NQ/TU@Sơn La") && *t == "province:Sơn La"));
}

#[test]
fn mentions_offsets_slice_the_original() {
    let (d, _) = build_sample();
    let text = std::fs::read_to_string(d.path().join("mentions.jsonl")).expect("mentions.jsonl");
    let mut n = 0;
    for line in text.lines() {
        let m: Value = serde_json::from_str(line).expect("mention JSON");
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join(m["document"].as_str().expect("document"));
        let original = std::fs::read(&src).expect("source");
        let (s, e) = (m["start"].as_u64().expect("start") as usize, m["end"].as_u64().expect("end") as usize);
        assert_eq!(String::from_utf8_lossy(&original[s..e]), m["text"].as_str().expect("text"));
        n += 1;
    }
    assert!(n > 20);
}

#[test]
fn output_is_byte_identical_across_runs() {
    let (a, _) = build_sample();
    let (b, _) = build_sample();
    for f in ["graph.json", "graph.dot", "mentions.jsonl"] {
        assert_eq!(std::fs::read(a.path().join(f)).expect("a"), std::fs::read(b.path().join(f)).expect("b"), "{f}");
    }
}

#[test]
fn extract_prints_a_table_and_jsonl() {
    let out = bin().args(["extract", "data/sample/02_ha_tinh_chuong_trinh.txt"]).output().expect("run");
    assert!(out.status.success());
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("18-CTr/TU") && s.contains("--implements--> 21-NQ/TW"), "{s}");
    let out = bin().args(["extract", "--format", "jsonl", "-"]).stdin_bytes("Chỉ thị 05 của Bộ Chính trị").output_ok();
    let lines: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).expect("json")).collect();
    assert_eq!(lines[0]["record"], "document");
    let v = &lines[1];
    assert_eq!(v["record"], "mention");
    assert_eq!(
        (v["doc_type"].as_str(), v["number"].as_str(), v["issuer"].as_str()),
        (Some("CT"), Some("5"), Some("TW"))
    );
}

#[test]
fn jsonl_input_and_bad_lines() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("c.jsonl");
    std::fs::write(
        &p,
        "{\"id\": \"a1\", \"text\": \"Thực hiện Nghị quyết số 02-NQ/TU của Tỉnh ủy Sơn La.\"}\n{broken\n",
    )
    .expect("write");
    let out_dir = dir.path().join("out");
    let out = bin().args(["build", "-o"]).arg(&out_dir).arg(&p).output().expect("run");
    assert_eq!(out.status.code(), Some(2), "a skipped line gives exit 2");
    assert!(String::from_utf8_lossy(&out.stderr).contains("c.jsonl:2"));
    let g: Value =
        serde_json::from_str(&std::fs::read_to_string(out_dir.join("graph.json")).expect("graph")).expect("json");
    assert_eq!(node(&g, "doc:a1")["source"], "a1");
}

#[test]
fn missing_input_is_an_error_naming_it() {
    let out = bin().args(["build", "no/such/dir", "-o", "/tmp/vncite-never"]).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/dir"));
}

/// Real consumers: Graphviz renders the DOT, networkx loads the JSON. In CI both must be there.
fn have(cmd: &str, args: &[&str]) -> bool {
    let ok = Command::new(cmd).args(args).output().is_ok_and(|o| o.status.success());
    if !ok && std::env::var_os("CI").is_some() {
        panic!("{cmd} is required in CI");
    }
    ok
}

#[test]
fn graphviz_renders_the_dot_without_warnings() {
    if !have("dot", &["-V"]) {
        eprintln!("skipped: Graphviz not installed");
        return;
    }
    let (d, _) = build_sample();
    let out = Command::new("dot").arg("-Tsvg").arg(d.path().join("graph.dot")).output().expect("dot");
    assert!(out.status.success());
    assert!(out.stderr.is_empty(), "dot warned: {}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).replace("&#45;", "-").contains("Nghị quyết 02-NQ/TU (Sơn La)"));
}

#[test]
fn networkx_reads_the_json() {
    if !have("python3", &["-c", "import networkx"]) {
        eprintln!("skipped: python3 networkx not installed");
        return;
    }
    let (d, g) = build_sample();
    let script = "import json,sys,networkx as nx\nd=json.load(open(sys.argv[1]))\ng=nx.node_link_graph(d,edges='links')\nprint(g.number_of_nodes(), g.number_of_edges())";
    let out = Command::new("python3").args(["-c", script]).arg(d.path().join("graph.json")).output().expect("python3");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let want = format!("{} {}", g["nodes"].as_array().map_or(0, Vec::len), g["links"].as_array().map_or(0, Vec::len));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), want);
}

trait StdinExt {
    fn stdin_bytes(&mut self, s: &str) -> StdinCmd<'_>;
}
struct StdinCmd<'a>(&'a mut Command, String);
impl StdinExt for Command {
    fn stdin_bytes(&mut self, s: &str) -> StdinCmd<'_> {
        StdinCmd(self, s.to_string())
    }
}
impl StdinCmd<'_> {
    fn output_ok(self) -> String {
        use std::io::Write;
        let mut child =
            self.0.stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped()).spawn().expect("spawn");
        child.stdin.take().expect("stdin").write_all(self.1.as_bytes()).expect("write");
        let out = child.wait_with_output().expect("wait");
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

fn sample_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample")
}

/// A small corpus in every input kind vncite reads, written by the test itself.
fn corpus_of_every_kind(dir: &Path) {
    use std::io::Write;
    let t1 = "Tỉnh ủy Sơn La ban hành Nghị quyết số 02-NQ/TU ngày 21/1/2021 về cơ sở đảng. Báo Sơn La";
    std::fs::write(dir.join("a.txt"), t1).expect("write");
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "Thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị.".encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    std::fs::write(dir.join("b.txt"), utf16).expect("write");
    std::fs::write(
        dir.join("c.html"),
        "<html><head><title>Tin &amp; bài</title><script>var x = '99-NQ/TU';</script></head><body><p>Kế hoạch số 42-KH/TU để thực hiện Nghị quyết 18-NQ/TW&#x002F; nay.</p></body></html>",
    )
    .expect("write");
    let lines = "{\"id\": \"g1\", \"text\": \"Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị.\", \"url\": \"http://x/1\"}\n{\"id\": \"g2\", \"text\": \"Quy định 37-QĐ/TW thay thế Quy định 47-QĐ/TW.\"}\n";
    let gz_file = std::fs::File::create(dir.join("d.jsonl.gz")).expect("gz");
    let mut gz = flate2::write::GzEncoder::new(gz_file, flate2::Compression::fast());
    gz.write_all(lines.as_bytes()).expect("gz write");
    gz.finish().expect("gz finish");
    let z = zstd::stream::encode_all(lines.replace("g1", "z1").replace("g2", "z2").as_bytes(), 3).expect("zstd");
    std::fs::write(dir.join("e.jsonl.zst"), z).expect("write");
    std::fs::write(
        dir.join("f.jsonl"),
        "{\"id\": \"ok\", \"text\": \"Chỉ thị 35-CT/TW ngày 30/5/2019.\"}\nthis is not json\n",
    )
    .expect("write");
}

#[test]
fn every_input_kind_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let inp = dir.path().join("in");
    std::fs::create_dir(&inp).expect("mkdir");
    corpus_of_every_kind(&inp);
    let out = bin().args(["build", "-o"]).arg(dir.path().join("out")).arg(&inp).output().expect("run");
    assert_eq!(out.status.code(), Some(2), "the bad JSONL line gives exit 2");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("f.jsonl:2"), "{err}");
    let text = std::fs::read_to_string(dir.path().join("out/graph.json")).expect("graph");
    let g: Value = serde_json::from_str(&text).expect("json");
    let ids: Vec<&str> = g["nodes"].as_array().expect("nodes").iter().filter_map(|n| n["id"].as_str()).collect();
    for want in
        ["party:02-NQ/TU@Sơn La#2021-01-21", "party:05-CT/TW#XII", "party:01-KL/TW#XIII", "doc:g1", "doc:z2", "doc:ok"]
    {
        assert!(ids.contains(&want), "{want} not in {ids:?}");
    }
    assert!(!ids.iter().any(|i| i.contains("99-NQ")), "script text is not read");
    assert_eq!(node(&g, "doc:g1")["url"], "http://x/1");
    let nodes = g["nodes"].as_array().expect("nodes");
    let html = nodes.iter().find(|n| n["id"].as_str().is_some_and(|i| i.ends_with("c.html"))).expect("html doc");
    assert_eq!(html["title"], "Tin &amp; bài");
    // offsets in the HTML point into the file itself
    let m = std::fs::read_to_string(dir.path().join("out/mentions.jsonl")).expect("mentions");
    let row: Value = m
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("row"))
        .find(|r| r["document"].as_str().is_some_and(|d| d.ends_with("c.html")) && r["number"] == "42")
        .expect("row");
    let raw = std::fs::read(inp.join("c.html")).expect("html");
    let (s, e) = (row["start"].as_u64().expect("s") as usize, row["end"].as_u64().expect("e") as usize);
    assert_eq!(String::from_utf8_lossy(&raw[s..e]), row["text"].as_str().expect("text"));
}

#[test]
fn sharded_build_equals_single_build() {
    let dir = tempfile::tempdir().expect("tempdir");
    let single = dir.path().join("single");
    assert!(bin().args(["build", "-q", "data/sample", "-o"]).arg(&single).status().expect("run").success());
    let mut files: Vec<PathBuf> = std::fs::read_dir(sample_dir())
        .expect("ls")
        .map(|e| Path::new("data/sample").join(e.expect("entry").file_name()))
        .collect();
    files.sort();
    let (a, b) = files.split_at(files.len() / 2);
    let mut shards = Vec::new();
    for (i, part) in [a, b].iter().enumerate() {
        let out = bin().args(["extract", "--format", "jsonl"]).args(part.iter()).output().expect("extract");
        assert!(out.status.success());
        let p = dir.path().join(format!("shard{i}.jsonl"));
        std::fs::write(&p, out.stdout).expect("write shard");
        shards.push(p);
    }
    let sharded = dir.path().join("sharded");
    let st =
        bin().args(["build", "-q", "-o"]).arg(&sharded).arg("--from-mentions").args(&shards).status().expect("run");
    assert!(st.success());
    for f in ["graph.json", "graph.dot", "mentions.jsonl"] {
        let x = std::fs::read_to_string(single.join(f)).expect("single");
        let y = std::fs::read_to_string(sharded.join(f)).expect("sharded");
        assert_eq!(x, y, "{f} differs");
    }
}

#[test]
fn output_is_the_same_for_any_number_of_jobs() {
    let dir = tempfile::tempdir().expect("tempdir");
    for j in ["1", "2", "4"] {
        let st =
            bin().args(["-j", j, "build", "-q", "data/sample", "-o"]).arg(dir.path().join(j)).status().expect("run");
        assert!(st.success());
    }
    for f in ["graph.json", "graph.dot", "mentions.jsonl"] {
        let one = std::fs::read(dir.path().join("1").join(f)).expect("1");
        assert_eq!(one, std::fs::read(dir.path().join("2").join(f)).expect("2"));
        assert_eq!(one, std::fs::read(dir.path().join("4").join(f)).expect("4"));
    }
}

/// Builds the sample with every format into a temp dir.
fn build_all_formats(extra: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("tempdir");
    let st = bin()
        .args(["build", "-q", "data/sample", "--format", "json,dot,svg,graphml,gexf,csv", "-o"])
        .arg(out.path())
        .args(extra)
        .status()
        .expect("run");
    assert!(st.success());
    out
}

#[test]
fn every_format_is_written() {
    let d = build_all_formats(&[]);
    for f in [
        "graph.json",
        "graph.dot",
        "graph.svg",
        "graph.graphml",
        "graph.gexf",
        "nodes.csv",
        "edges.csv",
        "mentions.jsonl",
    ] {
        assert!(d.path().join(f).metadata().expect(f).len() > 0, "{f}");
    }
    let gml = std::fs::read_to_string(d.path().join("graph.graphml")).expect("graphml");
    assert!(gml.contains(r#"attr.name="pagerank" attr.type="double""#));
    assert!(gml.contains(r#"attr.name="mentions" attr.type="long""#));
    let gexf = std::fs::read_to_string(d.path().join("graph.gexf")).expect("gexf");
    assert!(gexf.contains(r#"version="1.3""#) && gexf.contains(r#"start="2021-01-21""#));
    let nodes = std::fs::read_to_string(d.path().join("nodes.csv")).expect("nodes");
    assert!(nodes.starts_with("Id,Label,kind,"));
    let edges = std::fs::read_to_string(d.path().join("edges.csv")).expect("edges");
    assert!(edges.starts_with("Source,Target,Type,Weight,kind\n"));
}

#[test]
fn svg_without_graphviz_uses_the_built_in_layout() {
    let out = tempfile::tempdir().expect("tempdir");
    let empty = tempfile::tempdir().expect("empty PATH");
    let st = bin()
        .env("PATH", empty.path())
        .args(["build", "-q", "data/sample", "--format", "svg", "-o"])
        .arg(out.path())
        .status()
        .expect("run");
    assert!(st.success());
    let svg = std::fs::read_to_string(out.path().join("graph.svg")).expect("svg");
    assert!(svg.contains("<svg") && svg.contains("02-NQ/TU"), "{}", &svg[..svg.len().min(300)]);
}

#[test]
fn export_converts_a_built_graph_with_a_view() {
    let d = build_all_formats(&[]);
    let out = d.path().join("son-la.graphml");
    let st = bin()
        .args(["export"])
        .arg(d.path().join("graph.json"))
        .args(["--format", "graphml", "--province", "Sơn La", "-o"])
        .arg(&out)
        .status()
        .expect("run");
    assert!(st.success());
    let gml = std::fs::read_to_string(out).expect("graphml");
    assert!(gml.contains("02-NQ/TU@Sơn La"));
    assert!(!gml.contains("21-NQ/TW"), "other provinces' directives are left out");
}

fn query(args: &[&str], graph: &Path) -> (i32, String) {
    let out = bin().args(args).arg("--graph").arg(graph).output().expect("run");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

#[test]
fn query_commands() {
    let d = build_all_formats(&[]);
    let g = d.path().join("graph.json");
    let (code, out) = query(&["show", "02-NQ/TU"], &g);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("Nghị quyết 02-NQ/TU (Sơn La)")
            && out.contains("2021-01-21")
            && out.contains("01_son_la_co_so_dang.txt")
    );
    assert!(out.contains("cited by:") && out.contains("implements   Kế hoạch 42-KH/TU (Sơn La)"), "{out}");
    let (code, out) = query(&["cites", "Chương trình hành động 18"], &g);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("implements") && out.contains("21-NQ/TW"), "{out}");
    let (code, out) = query(&["cited-by", "party:21-NQ/TW#XIII", "--json"], &g);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v[0]["kind"], "implements");
    let (code, out) = query(&["top", "--by", "mentions", "-n", "3"], &g);
    assert_eq!(code, 0);
    assert!(
        out.lines().nth(1).is_some_and(|l| l.contains("Nghị quyết 02-NQ/TU") || l.contains("Chỉ thị 05-CT/TW")),
        "{out}"
    );
    let (code, out) = query(&["stats", "--json"], &g);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["nodes"]["document"], 8);
    // an ambiguous reference lists the candidates
    std::fs::write(
        d.path().join("two.txt"),
        "Nghị quyết số 09-NQ/TU ngày 1/2/2011 của Tỉnh ủy Hà Tĩnh. (Baohatinh.vn)",
    )
    .expect("w");
    std::fs::write(
        d.path().join("three.txt"),
        "Nghị quyết số 09-NQ/TU ngày 5/6/2016 của Tỉnh ủy Hà Tĩnh. (Baohatinh.vn)",
    )
    .expect("w");
    let out2 = d.path().join("amb");
    assert!(bin()
        .args(["build", "-q", "-o"])
        .arg(&out2)
        .arg(d.path().join("two.txt"))
        .arg(d.path().join("three.txt"))
        .status()
        .expect("run")
        .success());
    let (code, out) = query(&["show", "09-NQ/TU"], &out2.join("graph.json"));
    assert_eq!(code, 1);
    assert!(out.contains("ambiguous") && out.contains("2011-02-01") && out.contains("2016-06-05"), "{out}");
}

/// Titles and sentences that try to break every output format.
const HOSTILE: &str = "Tiêu đề \"trích\" <script>alert(1)</script> ]]> & --> \\ digraph { node [label=x] } -- =cmd()\nThực hiện Nghị quyết số 02-NQ/TU ngày 21/1/2021 của Tỉnh ủy Sơn La \"về\" <b>cơ sở</b> & ]]> --> \\n. Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 42-KH/TU để thực hiện nghị quyết.";

#[test]
fn hostile_text_survives_every_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    let inp = dir.path().join("hostile \"name\" <x>.txt");
    std::fs::write(&inp, HOSTILE).expect("write");
    let jsonl = dir.path().join("h.jsonl");
    let rec = serde_json::json!({"id": "id\"<&>]]>\n", "text": HOSTILE, "url": "javascript:alert(1)"});
    std::fs::write(&jsonl, format!("{rec}\n")).expect("write");
    let out = dir.path().join("out");
    let st = bin()
        .args(["build", "-q", "--format", "json,dot,svg,graphml,gexf,csv", "-o"])
        .arg(&out)
        .arg(&inp)
        .arg(&jsonl)
        .status()
        .expect("run");
    assert!(st.success());
    let g: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("graph.json")).expect("json")).expect("valid JSON");
    assert!(g["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .any(|n| n["title"].as_str().is_some_and(|t| t.contains("<script>"))));
    // the XML formats are well-formed and keep the text
    for f in ["graph.graphml", "graph.gexf", "graph.svg"] {
        let x = std::fs::read_to_string(out.join(f)).expect(f);
        assert!(!x.contains("<script>"), "{f} carries a live script tag");
    }
    if have("python3", &["-c", "import xml.etree.ElementTree"]) {
        let script = r#"
import sys, csv, json, xml.etree.ElementTree as ET
d = sys.argv[1]
for f in ["graph.graphml", "graph.gexf", "graph.svg"]:
    ET.parse(f"{d}/{f}")
rows = list(csv.DictReader(open(f"{d}/nodes.csv", encoding="utf-8", newline="")))
assert any("<script>" in (r.get("title") or "") for r in rows), "title lost in CSV"
assert any(r["Id"] == 'doc:id"<&>]]>\n' for r in rows), "id lost in CSV"
edges = list(csv.DictReader(open(f"{d}/edges.csv", encoding="utf-8", newline="")))
assert all(set(r) >= {"Source", "Target", "Type", "Weight"} for r in edges)
g = ET.parse(f"{d}/graph.graphml")
ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
assert any(n.get("id") == 'doc:id"<&>]]>\n' for n in g.getroot().iter("{http://graphml.graphdrawing.org/xmlns}node"))
print("ok")
"#;
        let o = Command::new("python3").args(["-c", script]).arg(&out).output().expect("python3");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    if have("dot", &["-V"]) {
        let o = Command::new("dot").arg("-Tsvg").arg(out.join("graph.dot")).output().expect("dot");
        assert!(o.status.success() && o.stderr.is_empty(), "{}", String::from_utf8_lossy(&o.stderr));
    }
}

#[test]
fn bad_inputs_are_reported_and_good_ones_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let inp = dir.path().join("in");
    std::fs::create_dir(&inp).expect("mkdir");
    let good = "Thực hiện Nghị quyết số 02-NQ/TU ngày 21/1/2021 của Tỉnh ủy Sơn La.";
    std::fs::write(inp.join("good.txt"), good).expect("w");
    std::fs::write(inp.join("empty.txt"), "").expect("w");
    std::fs::write(inp.join("binary.txt"), [0u8, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0, 0, 0, 7].repeat(20))
        .expect("w");
    let mut bad = b"Chi thi 05-CT/TW cua Bo Chinh tri \xff\xfe tiep tuc.".to_vec();
    bad.extend_from_slice(" Kết luận số 01-KL/TW ngày 18/5/2021.".as_bytes());
    std::fs::write(inp.join("bad-utf8.txt"), bad).expect("w");
    let tcvn3: Vec<u8> = "NghÞ quyÕt sè 02-NQ/TU cña §¶ng bé tØnh, §¶ng ñy".chars().map(|c| c as u32 as u8).collect();
    std::fs::write(inp.join("legacy.txt"), tcvn3).expect("w");
    std::fs::write(
        inp.join("nested.html"),
        format!("{}<p>Chỉ thị số 35-CT/TW ngày 30/5/2019{}", "<div>".repeat(5000), "<b><i"),
    )
    .expect("w");
    #[cfg(unix)]
    std::os::unix::fs::symlink(inp.join("does-not-exist.txt"), inp.join("broken.txt")).expect("symlink");
    let line = format!("{} {}", "không có gì ".repeat(300_000), good);
    std::fs::write(inp.join("one-long-line.txt"), line).expect("w");
    let out = dir.path().join("out");
    let o = bin().args(["build", "-o"]).arg(&out).arg(&inp).output().expect("run");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("binary.txt: binary file; skipped"), "{err}");
    assert!(err.contains("bad-utf8.txt: invalid UTF-8 at byte 34"), "{err}");
    assert!(err.contains("legacy.txt: looks like TCVN3"), "{err}");
    assert!(err.contains("broken.txt: cannot read"), "{err}");
    let g: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("graph.json")).expect("graph")).expect("json");
    let ids: Vec<&str> = g["nodes"].as_array().expect("nodes").iter().filter_map(|n| n["id"].as_str()).collect();
    for want in ["party:02-NQ/TU@Sơn La#2021-01-21", "party:01-KL/TW#XIII", "party:35-CT/TW#XII"] {
        assert!(ids.contains(&want), "{want} missing: {ids:?}");
    }
    let long = g["links"]
        .as_array()
        .expect("links")
        .iter()
        .find(|l| l["source"].as_str().is_some_and(|s| s.ends_with("one-long-line.txt")) && l["kind"] == "mentions")
        .expect("the long line's reference");
    assert_eq!(long["target"], "party:02-NQ/TU@Sơn La#2021-01-21");
    // --strict stops at the first skipped input
    let o = bin().args(["build", "--strict", "-o"]).arg(dir.path().join("strict")).arg(&inp).output().expect("run");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--strict: stopped"));
}

#[test]
fn output_inside_the_input_tree_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a.txt"), "Nghị quyết 02-NQ/TU").expect("w");
    let o = bin().args(["build", "-q", "-o"]).arg(dir.path().join("out")).arg(dir.path()).output().expect("run");
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("inside the input"));
    assert!(!dir.path().join("out").exists());
}

#[test]
fn silent_documents_are_counted_and_kept_on_request() {
    let dir = tempfile::tempdir().expect("tempdir");
    let inp = dir.path().join("a.jsonl");
    std::fs::write(
        &inp,
        concat!(
            "{\"id\": \"cites\", \"text\": \"Thực hiện Nghị quyết số 02-NQ/TU ngày 21/1/2021 của Tỉnh ủy Sơn La.\"}\n",
            "{\"id\": \"place\", \"text\": \"Tỉnh uỷ Sơn La họp bàn mùa vụ; nông dân tỉnh Sơn La phấn khởi.\"}\n",
            "{\"id\": \"silent\", \"text\": \"Giá vàng hôm nay tăng nhẹ, tỷ giá USD ổn định.\"}\n",
        ),
    )
    .expect("write");
    let run = |extra: &[&str], out: &str| -> Value {
        let mut cmd = bin();
        cmd.args(["build", "-q", "--format", "json"]).args(extra).arg("-o").arg(dir.path().join(out)).arg(&inp);
        assert!(cmd.status().expect("run").success());
        serde_json::from_str(&std::fs::read_to_string(dir.path().join(out).join("graph.json")).expect("graph"))
            .expect("json")
    };
    let docs = |g: &Value| -> Vec<String> {
        let nodes = g["nodes"].as_array().expect("nodes");
        nodes.iter().filter(|n| n["kind"] == "document").map(|n| n["id"].as_str().unwrap_or("").to_string()).collect()
    };
    let g = run(&[], "default");
    assert_eq!(docs(&g), ["doc:cites", "doc:place"]);
    assert_eq!(node(&g, "doc:place")["province"], "Sơn La");
    assert_eq!(g["graph"]["documents"], 3);
    assert_eq!(g["graph"]["document_nodes"], 2);
    let g = run(&["--all-documents"], "all");
    assert_eq!(docs(&g), ["doc:cites", "doc:place", "doc:silent"]);
    assert_eq!(g["graph"]["documents"], 3);
}

#[test]
fn pictures_of_large_graphs_leave_documents_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    let inp = dir.path().join("many.jsonl");
    let lines: String = (0..205)
        .map(|i| {
            format!(
                "{{\"id\": \"d{i}\", \"text\": \"Thực hiện Nghị quyết số {}-NQ/TU của Tỉnh ủy Sơn La.\"}}\n",
                i % 7 + 1
            )
        })
        .collect();
    std::fs::write(&inp, lines).expect("write");
    let out = dir.path().join("out");
    let run = bin()
        .args(["build", "--format", "dot,svg", "--picture", "documents", "-o"])
        .arg(&out)
        .arg(&inp)
        .output()
        .expect("run");
    assert!(run.status.success());
    let summary = String::from_utf8_lossy(&run.stdout);
    assert!(summary.contains("picture      directives and provinces only: 205 citing documents"), "{summary}");
    let dot = std::fs::read_to_string(out.join("graph.dot")).expect("dot");
    let svg = std::fs::read_to_string(out.join("graph.svg")).expect("svg");
    assert!(dot.contains("doc:d204"));
    assert!(!svg.contains("d204") && svg.contains("Nghị quyết 02"), "the picture draws directives, not documents");
}

/// Runs `vncite build DIR -o OUT -q` with a time limit: (exit code, stderr).
fn build_dir(dir: &Path, out: &Path) -> (i32, String) {
    let o = bin().arg("build").arg(dir).arg("-o").arg(out).output().expect("run vncite");
    (o.status.code().unwrap_or(-1), String::from_utf8_lossy(&o.stderr).into_owned())
}

#[cfg(unix)]
#[test]
fn symlink_loops_fifos_and_other_files_are_named_and_the_rest_is_read() {
    let d = tempfile::tempdir().expect("tempdir");
    let input = d.path().join("in");
    std::fs::create_dir(&input).expect("mkdir");
    std::fs::write(input.join("a.txt"), "Chỉ thị số 05-CT/TW của Bộ Chính trị.\n").expect("write");
    std::os::unix::fs::symlink(".", input.join("self")).expect("symlink");
    std::os::unix::fs::symlink(".", input.join("self2")).expect("symlink");
    std::fs::write(input.join("notes.md"), "# notes\n").expect("write");
    let fifo = input.join("b.txt");
    let made = Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
    let (code, err) = build_dir(&input, &d.path().join("out"));
    // the loop is entered once, the FIFO is skipped (exit 2), the other file is named
    assert!(err.contains("a directory already read"), "{err}");
    assert!(err.contains("notes.md") && err.contains("1 files not read"), "{err}");
    if made {
        assert!(err.contains("b.txt: not a regular file"), "{err}");
        assert_eq!(code, 2, "{err}");
    }
    let g: Value =
        serde_json::from_str(&std::fs::read_to_string(d.path().join("out/graph.json")).expect("graph")).expect("json");
    assert_eq!(g["graph"]["documents"], 1, "a.txt read once");
    // --ext reads the other kinds as text
    let o =
        bin().arg("build").arg(&input).args(["--ext", "md", "-o"]).arg(d.path().join("out2")).output().expect("run");
    assert!(!String::from_utf8_lossy(&o.stderr).contains("notes.md"));
    let g: Value =
        serde_json::from_str(&std::fs::read_to_string(d.path().join("out2/graph.json")).expect("graph")).expect("json");
    assert_eq!(g["graph"]["documents"], 2, "a.txt and notes.md");
}

#[test]
fn a_closed_reader_or_a_full_stderr_ends_quietly() {
    let d = tempfile::tempdir().expect("tempdir");
    let big = d.path().join("big.txt");
    std::fs::write(&big, "Chỉ thị số 05-CT/TW của Bộ Chính trị. ".repeat(20000)).expect("write");
    // the reader goes away after one line
    let mut child = bin()
        .arg("extract")
        .arg(&big)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut line = String::new();
    {
        use std::io::BufRead;
        let out = child.stdout.take().expect("stdout");
        std::io::BufReader::new(out).read_line(&mut line).expect("read");
    }
    let o = child.wait_with_output().expect("wait");
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(!String::from_utf8_lossy(&o.stderr).contains("Broken pipe"));
    // warnings into a full device: no panic, the outputs are written
    if Path::new("/dev/full").exists() {
        let input = d.path().join("in");
        std::fs::create_dir(&input).expect("mkdir");
        std::fs::write(input.join("a.txt"), "Chỉ thị số 05-CT/TW.\n").expect("write");
        std::fs::write(input.join("x.md"), "x").expect("write");
        let full = std::fs::File::create("/dev/full").expect("/dev/full");
        let st = bin().arg("build").arg(&input).arg("-o").arg(d.path().join("o")).stderr(full).status().expect("run");
        assert_eq!(st.code(), Some(0));
        assert!(d.path().join("o/graph.json").exists());
    }
}

#[test]
fn impossible_values_are_refused_or_read_without_a_panic() {
    let d = tempfile::tempdir().expect("tempdir");
    // too many workers: a usage error, not a hang
    let o = bin().args(["-j", "100000", "build", "data/sample", "-o"]).arg(d.path().join("o")).output().expect("run");
    assert_ne!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stderr).contains("1..=1024"));
    // a catalog date that is no date: the table is refused, naming the row
    let data = d.path().join("data");
    std::fs::create_dir(&data).expect("mkdir");
    std::fs::write(
        data.join("central_catalog.tsv"),
        "symbol\ttype\tdate\tbody\tterm\tplenum\ttitle\tstatus\tsource\n05-CT/TW\tChỉ thị\tễ\tBCT\tXII\t\tx\tverified\tx\n",
    )
    .expect("write");
    let o = bin()
        .arg("--data")
        .arg(&data)
        .args(["build", "data/sample", "-o"])
        .arg(d.path().join("o"))
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("05-CT/TW: date \"ễ\""));
    // the lexicon is a table like the others: an unknown group is refused by name; a state body
    // added makes a Party-shaped symbol it issues a state document
    let lex = d.path().join("lex");
    std::fs::create_dir(&lex).expect("mkdir");
    std::fs::write(lex.join("lexicon.tsv"), "group\tphrase\nstate_bodies\tbộ tài chính\n").expect("write");
    let o = bin().arg("--data").arg(&lex).args(["extract", "data/sample"]).output().expect("run");
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("lexicon.tsv: unknown group \"state_bodies\""));
    let own = std::fs::read_to_string("data/lexicon.tsv").expect("lexicon") + "state_body\tsở tài chính\n";
    std::fs::write(lex.join("lexicon.tsv"), own).expect("write");
    let text = d.path().join("s.txt");
    std::fs::write(&text, "Thực hiện Kế hoạch số 12-KH/TU của Sở Tài chính tỉnh Sơn La.").expect("write");
    let system = |data: Option<&Path>| {
        let mut c = bin();
        if let Some(dir) = data {
            c.arg("--data").arg(dir);
        }
        let o = c
            .args(["extract".as_ref(), text.as_os_str(), "--format".as_ref(), "jsonl".as_ref()])
            .output()
            .expect("run");
        let out = String::from_utf8_lossy(&o.stdout).into_owned();
        out.lines()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
            .find(|v| v["record"] == "mention")
            .map(|m| m["system"].clone())
    };
    assert_eq!(system(None), Some(Value::from("party")));
    assert_eq!(system(Some(&lex)), Some(Value::from("state")));
    // a record date that is half a date, a shard mention with a date that is no date
    let jsonl = d.path().join("r.jsonl");
    std::fs::write(
        &jsonl,
        "{\"id\":\"r1\",\"date\":\"2021-0ễễ\",\"text\":\"Chỉ thị số 05-CT/TW của Bộ Chính trị.\"}\n",
    )
    .expect("write");
    let o = bin().arg("extract").arg(&jsonl).args(["--format", "jsonl"]).output().expect("run");
    assert!(o.status.success());
    let shard = String::from_utf8_lossy(&o.stdout).replace("\"date\":\"2016-05-15\"", "\"date\":\"ab\"");
    let shard_path = d.path().join("s.jsonl");
    // and a line that is not UTF-8: skipped with a warning, the rest read
    std::fs::write(&shard_path, [shard.as_bytes(), b"\xff\xfe{\n"].concat()).expect("write");
    let st = bin()
        .args(["build", "--from-mentions"])
        .arg(&shard_path)
        .arg("-o")
        .arg(d.path().join("s"))
        .arg("-q")
        .status()
        .expect("run");
    assert_eq!(st.code(), Some(2), "the bad line is skipped (exit 2), the rest built");
    let g: Value =
        serde_json::from_str(&std::fs::read_to_string(d.path().join("s/graph.json")).expect("graph")).expect("json");
    assert_eq!(g["graph"]["documents"], 1);
    // a view's date bound cut inside a character
    let o = bin()
        .args(["export"])
        .arg(d.path().join("s/graph.json"))
        .args(["--until", "ễ", "--format", "json", "-o"])
        .arg(d.path().join("v.json"))
        .output()
        .expect("run");
    assert!(o.status.code().is_some_and(|c| c != 101), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn repeated_ids_never_share_a_node() {
    let d = tempfile::tempdir().expect("tempdir");
    let f = d.path().join("r.jsonl");
    let text = "Chỉ thị số 05-CT/TW của Bộ Chính trị.";
    let lines: Vec<String> =
        ["x", "x", "x#2"].iter().map(|id| format!("{{\"id\":\"{id}\",\"text\":\"{text}\"}}")).collect();
    std::fs::write(&f, lines.join("\n") + "\n").expect("write");
    let st = bin().arg("build").arg(&f).arg("-o").arg(d.path().join("o")).arg("-q").status().expect("run");
    assert!(st.success());
    let g: Value =
        serde_json::from_str(&std::fs::read_to_string(d.path().join("o/graph.json")).expect("graph")).expect("json");
    let mut ids: Vec<&str> = g["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter(|n| n["kind"] == "document")
        .filter_map(|n| n["id"].as_str())
        .collect();
    ids.sort();
    assert_eq!(ids, ["doc:x", "doc:x#2", "doc:x#3"]);
    assert_eq!(links(&g, "mentions").len(), 3, "each document keeps its own mention edge");
}

#[test]
fn hostile_ids_and_cells_are_escaped() {
    let d = tempfile::tempdir().expect("tempdir");
    let f = d.path().join("r.jsonl");
    std::fs::write(
        &f,
        "{\"id\":\"a&#0;b\",\"title\":\"\\t=cmd|' /C calc'!A0\",\"text\":\"Chỉ thị số 05-CT/TW của Bộ Chính trị.\"}\n",
    )
    .expect("write");
    let st = bin()
        .arg("build")
        .arg(&f)
        .args(["--format", "json,dot,svg,csv", "-o"])
        .arg(d.path().join("o"))
        .arg("-q")
        .status()
        .expect("run");
    assert!(st.success());
    let dot = std::fs::read_to_string(d.path().join("o/graph.dot")).expect("dot");
    assert!(dot.contains("a&amp;#0;b") && !dot.contains("a&#0;b"), "& is escaped for Graphviz");
    if have("xmllint", &["--version"]) {
        let st = Command::new("xmllint").arg("--noout").arg(d.path().join("o/graph.svg")).status().expect("xmllint");
        assert!(st.success(), "graph.svg is well-formed XML");
    }
    let nodes = std::fs::read_to_string(d.path().join("o/nodes.csv")).expect("csv");
    assert!(nodes.contains("'=cmd") && !nodes.contains(",=cmd"), "the formula is guarded: {nodes}");
}

#[cfg(unix)]
#[test]
fn a_link_planted_at_a_temporary_name_is_never_followed() {
    let d = tempfile::tempdir().expect("tempdir");
    let out = d.path().join("o");
    std::fs::create_dir(&out).expect("mkdir");
    let victim = d.path().join("victim.txt");
    std::fs::write(&victim, "keep me").expect("write");
    // every name the old scheme could pick for this process is unknowable in advance now; plant
    // links at the old predictable names of nearby process ids all the same
    for pid in 0..64u32 {
        let _ = std::os::unix::fs::symlink(&victim, out.join(format!(".graph.json.tmp-{pid}")));
    }
    let st = bin().args(["build", "data/sample", "-o"]).arg(&out).arg("-q").status().expect("run");
    assert!(st.success());
    assert_eq!(std::fs::read_to_string(&victim).expect("victim"), "keep me");
    let left: Vec<String> = std::fs::read_dir(&out)
        .expect("read_dir")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| {
            n.contains(".tmp-") && !n.starts_with(".graph.json.tmp-") || n.split('-').count() > 2 && n.contains(".tmp-")
        })
        .collect();
    assert!(left.is_empty(), "no temporary file left: {left:?}");
}

/// Runs vncite with `args`, killed after `secs` seconds: (finished in time, exit code, stderr).
fn run_bounded(args: &[&std::ffi::OsStr], secs: u64) -> (bool, Option<i32>, String) {
    let mut child = bin()
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let err = child.stderr.take().expect("stderr");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut std::io::BufReader::new(err), &mut s);
        s
    });
    let started = std::time::Instant::now();
    loop {
        if let Some(st) = child.try_wait().expect("wait") {
            return (true, st.code(), reader.join().unwrap_or_default());
        }
        if started.elapsed().as_secs() > secs {
            let _ = child.kill();
            let _ = child.wait();
            return (false, None, reader.join().unwrap_or_default());
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn dense_and_hostile_texts_finish_and_keep_every_reference() {
    let d = tempfile::tempdir().expect("tempdir");
    // one sentence of 40,000 references (it took 105 s and lost a third of them)
    let dense = d.path().join("dense.txt");
    std::fs::write(&dense, "Chỉ thị 05 của Bộ Chính trị ".repeat(40000)).expect("write");
    let out = d.path().join("o");
    let (done, code, err) =
        run_bounded(&["build".as_ref(), dense.as_os_str(), "-o".as_ref(), out.as_os_str(), "-q".as_ref()], 300);
    assert!(done && code == Some(0), "{err}");
    let m = std::fs::read_to_string(out.join("mentions.jsonl")).expect("mentions");
    assert_eq!(m.lines().count(), 40000, "every reference kept");
    // 40,000 mentions of a number the catalog knows in two terms, in one sentence (each read the
    // sentence before it for its topic: minutes), and 40,000 cues before one document (each read
    // the text up to it)
    for (name, text, refs) in [
        ("reused.txt", "Nghị quyết 28-NQ/TW, ".repeat(40000), 40000),
        ("cues.txt", format!("Kế hoạch số 1-KH/TU {}Nghị quyết 28-NQ/TW.", "để thực hiện ".repeat(40000)), 2),
    ] {
        let f = d.path().join(name);
        std::fs::write(&f, text).expect("write");
        let out = d.path().join(name.replace(".txt", ""));
        let (done, code, err) =
            run_bounded(&["build".as_ref(), f.as_os_str(), "-o".as_ref(), out.as_os_str(), "-q".as_ref()], 300);
        assert!(done && code == Some(0), "{name}: {err}");
        let m = std::fs::read_to_string(out.join("mentions.jsonl")).expect("mentions");
        assert_eq!(m.lines().count(), refs, "{name}");
    }
    // a page of 400,000 unclosed titles (the reader took 91 s)
    let html = d.path().join("t.html");
    std::fs::write(&html, "<title>".repeat(400_000)).expect("write");
    let (done, code, err) = run_bounded(
        &["build".as_ref(), html.as_os_str(), "-o".as_ref(), d.path().join("h").as_os_str(), "-q".as_ref()],
        300,
    );
    assert!(done && code == Some(0), "{err}");
    // 3,000 directives: the picture keeps the most-cited and says so
    let many = d.path().join("many.txt");
    let text: String = (1..=3000).map(|i| format!("Nghị quyết số {i}-NQ/TU của Tỉnh ủy. ")).collect();
    std::fs::write(&many, text).expect("write");
    let (done, code, err) =
        run_bounded(&["build".as_ref(), many.as_os_str(), "-o".as_ref(), d.path().join("p").as_os_str()], 300);
    assert!(done && code == Some(0), "{err}");
    let svg = std::fs::read_to_string(d.path().join("p/graph.svg")).expect("svg");
    assert!(svg.contains("150 of 3000 Party directives drawn"), "{}", &svg[..svg.len().min(2000)]);
    let p = d.path().join("q");
    let (done, code, err) = run_bounded(
        &["build".as_ref(), many.as_os_str(), "-o".as_ref(), p.as_os_str(), "--picture".as_ref(), "documents".as_ref()],
        300,
    );
    assert!(done && code == Some(0), "{err}");
    assert!(err.contains("the picture shows the 300 most-mentioned of 3000 directives"), "{err}");
}

/// The pids of the live processes whose parent is `parent` and whose command is `name`.
#[cfg(target_os = "linux")]
fn children_named(parent: u32, name: &str) -> Vec<u32> {
    let mut out = Vec::new();
    for e in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else { continue };
        let stat = std::fs::read_to_string(e.path().join("stat")).unwrap_or_default();
        // "pid (comm) state ppid …"; comm may hold spaces, so read after the last ')'
        let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else { continue };
        let comm = &stat[open + 1..close];
        let fields: Vec<&str> = stat[close + 1..].split_whitespace().collect();
        let (state, ppid) = (fields.first().copied().unwrap_or(""), fields.get(1).copied().unwrap_or(""));
        if comm == name && ppid == parent.to_string() && state != "Z" {
            out.push(pid);
        }
    }
    out
}

#[cfg(target_os = "linux")]
#[test]
fn a_killed_run_leaves_no_graphviz_behind() {
    use std::os::unix::fs::PermissionsExt;
    let d = tempfile::tempdir().expect("tempdir");
    // a Graphviz that answers -V and then takes its time: the run is killed while it draws
    let bin_dir = d.path().join("bin");
    std::fs::create_dir_all(&bin_dir).expect("mkdir");
    for name in ["dot", "neato"] {
        let f = bin_dir.join(name);
        std::fs::write(&f, "#!/bin/sh\ncase \"$1\" in -V) exit 0;; esac\nexec sleep 60\n").expect("write");
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    let mut child = bin()
        .args([
            "build".as_ref(),
            sample_dir().as_os_str(),
            "-o".as_ref(),
            d.path().join("o").as_os_str(),
            "-q".as_ref(),
        ])
        .args(["--format", "svg", "--picture-layout", "graphviz"])
        .env("PATH", &path)
        .spawn()
        .expect("spawn");
    let started = std::time::Instant::now();
    let sleeping = loop {
        let found = children_named(child.id(), "sleep");
        if !found.is_empty() || started.elapsed().as_secs() > 30 {
            break found;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert!(!sleeping.is_empty(), "Graphviz never started");
    child.kill().expect("kill");
    let _ = child.wait();
    // the kernel ends it with its parent (PR_SET_PDEATHSIG)
    let gone = |pid: u32| {
        std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .map_or(true, |s| s.rsplit(')').next().is_some_and(|r| r.trim_start().starts_with('Z')))
    };
    let started = std::time::Instant::now();
    while !sleeping.iter().all(|&p| gone(p)) && started.elapsed().as_secs() < 10 {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(sleeping.iter().all(|&p| gone(p)), "Graphviz outlived a killed run: {sleeping:?}");
}

#[test]
fn the_time_limit_stops_inside_a_text_keeps_what_was_read_and_exits_2() {
    let d = tempfile::tempdir().expect("tempdir");
    let unit = "Chỉ thị 05 của Bộ Chính trị ";
    // a text under one piece (1 MiB), and one of several pieces: each stops inside, at a reference
    for (name, n) in [("short.txt", 3000), ("long.txt", 60_000)] {
        let f = d.path().join(name);
        std::fs::write(&f, unit.repeat(n)).expect("write");
        let out = d.path().join(name.replace(".txt", ""));
        let o = bin()
            .args(["build".as_ref(), f.as_os_str(), "-o".as_ref(), out.as_os_str(), "-q".as_ref()])
            .args(["--time-limit", "0", "--format", "json"])
            .output()
            .expect("run");
        assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stderr));
        let w = std::fs::read_to_string(out.join("warnings.jsonl")).expect("warnings");
        let stop: Value = w
            .lines()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
            .find(|v| v["kind"] == "time-limit")
            .expect("a time-limit warning");
        let msg = stop["warning"].as_str().unwrap_or("");
        // it stops at the 32nd reference, where the clock is first read: the 31 before are kept
        let at = unit.len() * 31;
        assert!(msg.ends_with(&format!("stopped after 0s at byte {at}: the rest of this text is not read")), "{msg}");
        let m = std::fs::read_to_string(out.join("mentions.jsonl")).expect("mentions");
        assert_eq!(m.lines().count(), 31, "{name}");
    }
    // a usable limit reads everything; a negative one is a usage error
    let f = d.path().join("short.txt");
    let o =
        bin().args(["extract".as_ref(), f.as_os_str(), "--time-limit".as_ref(), "30".as_ref()]).output().expect("run");
    assert_eq!(o.status.code(), Some(0));
    let o =
        bin().args(["extract".as_ref(), f.as_os_str(), "--time-limit".as_ref(), "-1".as_ref()]).output().expect("run");
    assert_eq!(o.status.code(), Some(1));
}

#[cfg(unix)]
#[test]
fn output_paths_are_judged_as_the_filesystem_resolves_them() {
    let d = tempfile::tempdir().expect("tempdir");
    let input = d.path().join("in");
    std::fs::create_dir(&input).expect("mkdir");
    std::fs::write(input.join("a.txt"), "Chỉ thị số 05-CT/TW của Bộ Chính trị.").expect("write");
    std::os::unix::fs::symlink(&input, d.path().join("link")).expect("symlink");
    let run = |o: &str| {
        let st = bin().current_dir(d.path()).args(["build", "in", "-q", "-o", o]).output().expect("run");
        st.status.code()
    };
    assert_eq!(run("x/../in/out"), Some(1), "through a name that does not exist");
    assert_eq!(run("link/out"), Some(1), "through a link to the input");
    assert!(!input.join("out").exists());
    assert_eq!(run("in/../sibling"), Some(0), "a sibling reached through the input is fine");
    assert!(d.path().join("sibling/graph.json").exists());
}

/// Runs vncite under an address-space limit of `mb` megabytes: (exit code, stderr).
#[cfg(target_os = "linux")]
fn run_limited(args: &[&std::ffi::OsStr], mb: u64, stdin: Option<&Path>) -> (Option<i32>, String) {
    use std::os::unix::process::CommandExt;
    let mut cmd = bin();
    cmd.args(args);
    if let Some(f) = stdin {
        cmd.stdin(std::fs::File::open(f).expect("stdin file"));
    }
    let limit = mb << 20;
    // SAFETY: setrlimit is async-signal-safe and touches only the child about to exec
    unsafe {
        cmd.pre_exec(move || {
            let r = libc::rlimit { rlim_cur: limit, rlim_max: limit };
            libc::setrlimit(libc::RLIMIT_AS, &r);
            Ok(())
        });
    }
    let o = cmd.output().expect("run");
    (o.status.code(), String::from_utf8_lossy(&o.stderr).into_owned())
}

#[cfg(target_os = "linux")]
#[test]
fn decompression_bombs_and_endless_lines_stay_within_memory() {
    let d = tempfile::tempdir().expect("tempdir");
    // 2 GB of one letter in a few kilobytes: more than the address-space limit below, so reading
    // it whole (as before) fails, while the limit on decompressed bytes passes
    let bomb = |name: &str, prefix: &[u8]| {
        let p = d.path().join(name);
        let f = std::fs::File::create(&p).expect("create");
        let mut z = zstd::stream::write::Encoder::new(f, 3).expect("zstd");
        std::io::Write::write_all(&mut z, prefix).expect("write");
        let zeros = vec![b'a'; 1 << 20];
        for _ in 0..2048 {
            std::io::Write::write_all(&mut z, &zeros).expect("write");
        }
        z.finish().expect("finish");
        p
    };
    let good = d.path().join("good.txt");
    std::fs::write(&good, "Chỉ thị số 05-CT/TW của Bộ Chính trị.").expect("write");
    let txt = bomb("b.txt.zst", b"");
    let jsonl = bomb("b.jsonl.zst", b"{\"id\":\"x\",\"text\":\"");
    for input in [&txt, &jsonl] {
        let out = d.path().join("o");
        let (code, err) = run_limited(
            &[
                "-j".as_ref(),
                "1".as_ref(),
                "build".as_ref(),
                input.as_os_str(),
                good.as_os_str(),
                "--max-file-size".as_ref(),
                "3000000".as_ref(),
                "-o".as_ref(),
                out.as_os_str(),
            ],
            2000,
            None,
        );
        assert_eq!(code, Some(2), "{err}");
        assert!(err.contains("over") && err.contains("skipped"), "{err}");
        let m = std::fs::read_to_string(out.join("mentions.jsonl")).expect("mentions");
        assert_eq!(m.lines().count(), 1, "the good file's reference is kept");
    }
}

#[test]
fn byte_order_marks_utf16_records_and_piped_records_are_read() {
    let d = tempfile::tempdir().expect("tempdir");
    let rec = "{\"id\":\"r1\",\"text\":\"Chỉ thị số 05-CT/TW của Bộ Chính trị.\"}\n{\"id\":\"r2\",\"text\":\"Kết luận số 01-KL/TW.\"}\n";
    // a UTF-8 BOM before the first record
    let bom = d.path().join("bom.jsonl");
    std::fs::write(&bom, [b"\xEF\xBB\xBF".as_slice(), rec.as_bytes()].concat()).expect("write");
    // UTF-16 LE with its BOM
    let u16 = d.path().join("u16.jsonl");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(rec.encode_utf16().flat_map(|u| u.to_le_bytes()));
    std::fs::write(&u16, bytes).expect("write");
    for f in [&bom, &u16] {
        let o = bin().arg("extract").arg(f).args(["--format", "jsonl"]).output().expect("run");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let out = String::from_utf8_lossy(&o.stdout);
        assert_eq!(out.lines().filter(|l| l.contains("\"record\":\"mention\"")).count(), 2, "{f:?}: {out}");
    }
    // records piped on standard input
    let o = bin()
        .args(["extract", "-", "--format", "jsonl"])
        .stdin(std::fs::File::open(&bom).expect("open"))
        .output()
        .expect("run");
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("\"source\":\"r1\"") && out.contains("\"source\":\"r2\""), "{out}");
    // a UTF-8 BOM before a text: offsets still count the file's bytes
    let txt = d.path().join("bom.txt");
    let text = "Chỉ thị số 05-CT/TW của Bộ Chính trị.";
    std::fs::write(&txt, [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat()).expect("write");
    let o = bin().arg("extract").arg(&txt).args(["--format", "jsonl"]).output().expect("run");
    let out = String::from_utf8_lossy(&o.stdout);
    let m: Value = out
        .lines()
        .find(|l| l.contains("\"record\":\"mention\""))
        .map(|l| serde_json::from_str(l).expect("json"))
        .expect("mention");
    let file = std::fs::read(&txt).expect("read");
    let (s, e) = (m["start"].as_u64().expect("start") as usize, m["end"].as_u64().expect("end") as usize);
    assert_eq!(std::str::from_utf8(&file[s..e]).expect("utf8"), m["text"].as_str().expect("text"));
}

#[test]
fn views_name_what_does_not_exist_and_usage_errors_exit_1() {
    let (d, _) = build_sample();
    let graph = d.path().join("graph.json");
    let run = |args: &[&str]| {
        let o = bin()
            .arg("export")
            .arg(&graph)
            .args(args)
            .args(["--format", "json", "-o"])
            .arg(d.path().join("v.json"))
            .output()
            .expect("run");
        (o.status.code(), String::from_utf8_lossy(&o.stderr).into_owned())
    };
    let (code, err) = run(&["--province", "Atlantis"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("no such province \"Atlantis\"; the closest:"), "{err}");
    let (code, err) = run(&["--ego", "nope"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("no such node \"nope\""), "{err}");
    for bad in [["--level", "national"], ["--since", "yesterday"], ["--since", "2016-13-45"], ["--until", "20"]] {
        let (code, err) = run(&bad);
        assert_eq!(code, Some(1), "{bad:?}: {err}");
    }
    // old or new spellings of a province are one province
    let (code, err) = run(&["--province", "Ha Tinh"]);
    assert_eq!(code, Some(0), "{err}");
    let (code, _) = run(&["--since", "2016-05"]);
    assert_eq!(code, Some(0));
}

#[test]
fn strict_runs_and_failed_runs_leave_the_outputs_as_they_were() {
    let d = tempfile::tempdir().expect("tempdir");
    let out = d.path().join("o");
    let st = bin().args(["build", "data/sample", "-q", "-o"]).arg(&out).status().expect("run");
    assert!(st.success());
    let before = std::fs::read(out.join("graph.json")).expect("graph");
    // a skipped input under --strict: nothing is written
    let input = d.path().join("in");
    std::fs::create_dir(&input).expect("mkdir");
    std::fs::write(input.join("a.txt"), "Chỉ thị số 05-CT/TW.").expect("write");
    std::fs::write(input.join("b.txt"), [0u8; 64]).expect("write");
    let o = bin().arg("build").arg(&input).args(["--strict", "-o"]).arg(&out).output().expect("run");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no output written"));
    assert_eq!(std::fs::read(out.join("graph.json")).expect("graph"), before);
    // one format fails to be drawn (a Graphviz that breaks): no output is replaced
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let fake = d.path().join("bin");
        std::fs::create_dir(&fake).expect("mkdir");
        std::fs::write(fake.join("dot"), "#!/bin/sh\n[ \"$1\" = -V ] && exit 0\ncat >/dev/null\nexit 3\n")
            .expect("write");
        std::fs::set_permissions(fake.join("dot"), std::fs::Permissions::from_mode(0o755)).expect("chmod");
        let o = bin()
            .arg("build")
            .arg(d.path().join("in/a.txt"))
            .args(["-q", "--format", "json,svg", "-o"])
            .arg(&out)
            .env("PATH", &fake)
            .output()
            .expect("run");
        assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(std::fs::read(out.join("graph.json")).expect("graph"), before, "graph.json kept as it was");
    }
    let no_tmp = |dir: &Path| {
        std::fs::read_dir(dir)
            .expect("read_dir")
            .all(|e| !e.expect("entry").file_name().to_string_lossy().contains(".tmp-"))
    };
    assert!(no_tmp(&out), "no temporary file left behind");
}

#[cfg(unix)]
#[test]
fn an_interrupted_run_leaves_no_temporary_files() {
    let d = tempfile::tempdir().expect("tempdir");
    let big = d.path().join("big.jsonl");
    let line = "{\"id\":\"r\",\"text\":\"Chỉ thị số 05-CT/TW của Bộ Chính trị. Nghị quyết số 21-NQ/TW.\"}\n";
    std::fs::write(&big, line.repeat(200_000)).expect("write");
    let out = d.path().join("o");
    let mut child = bin().arg("build").arg(&big).args(["-q", "-o"]).arg(&out).spawn().expect("spawn");
    // wait until the run writes, then interrupt it
    let started = std::time::Instant::now();
    while started.elapsed().as_secs() < 60 {
        let writing = std::fs::read_dir(&out)
            .map(|r| r.filter_map(|e| e.ok()).any(|e| e.file_name().to_string_lossy().contains(".tmp-")))
            .unwrap_or(false);
        if writing || child.try_wait().expect("wait").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    unsafe {
        libc::kill(child.id() as i32, libc::SIGINT);
    }
    let _ = child.wait();
    if out.exists() {
        let left: Vec<String> = std::fs::read_dir(&out)
            .expect("read_dir")
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .filter(|n| n.contains(".tmp-"))
            .collect();
        assert!(left.is_empty(), "temporary files left: {left:?}");
    }
}

#[test]
fn warnings_are_grouped_by_kind_and_all_kept_in_warnings_jsonl() {
    let d = tempfile::tempdir().expect("tempdir");
    let f = d.path().join("r.jsonl");
    let bad: String = (0..12).map(|i| format!("not json {i}\n")).collect();
    std::fs::write(&f, bad + "{\"id\":\"ok\",\"text\":\"Chỉ thị số 05-CT/TW.\"}\n").expect("write");
    let o = bin().arg("build").arg(&f).arg("-o").arg(d.path().join("o")).output().expect("run");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.matches("vncite: warning:").count(), 5, "the first five of a kind: {err}");
    assert!(err.contains("… and 7 more warnings of the kind “not-json”"), "{err}");
    let all = std::fs::read_to_string(d.path().join("o/warnings.jsonl")).expect("warnings.jsonl");
    assert_eq!(all.lines().count(), 12);
    let first: Value = serde_json::from_str(all.lines().next().expect("line")).expect("json");
    assert!(first["warning"].as_str().is_some_and(|w| w.contains("r.jsonl:1")));
    assert_eq!((&first["kind"], &first["line"]), (&Value::from("not-json"), &Value::from(1)));
    assert!(first["file"].as_str().is_some_and(|f| f.ends_with("r.jsonl")));
    // -q: the count only
    let o = bin().arg("build").arg(&f).arg("-q").arg("-o").arg(d.path().join("q")).output().expect("run");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("vncite: warning:") && err.contains("12 warnings"), "{err}");
}

#[test]
fn the_2025_provinces_are_on_every_node_and_views_take_them() {
    let d = tempfile::tempdir().expect("tempdir");
    let f = d.path().join("hg.txt");
    std::fs::write(
        &f,
        "Ban Thường vụ Tỉnh ủy Hà Giang ban hành Kế hoạch số 12-KH/TU ngày 3/4/2021 thực hiện Nghị quyết số 21-NQ/TW.",
    )
    .expect("write");
    let out = d.path().join("o");
    assert!(bin().arg("build").arg(&f).arg("-q").arg("-o").arg(&out).status().expect("run").success());
    let g: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("graph.json")).expect("graph")).expect("json");
    let nodes = g["nodes"].as_array().expect("nodes");
    let doc = nodes.iter().find(|n| n["kind"] == "document").expect("document");
    assert_eq!((doc["province"].as_str(), doc["province_2025"].as_str()), (Some("Hà Giang"), Some("Tuyên Quang")));
    let kh = nodes.iter().find(|n| n["doc_type"] == "KH").expect("plan");
    assert_eq!(kh["province_2025"], "Tuyên Quang");
    let p = nodes.iter().find(|n| n["id"] == "province:Hà Giang").expect("province");
    assert_eq!(p["name_2025"], "Tuyên Quang");
    // a view by the 2025 province keeps the plan; an unknown one is refused with the closest names
    let o = bin()
        .arg("export")
        .arg(out.join("graph.json"))
        .args(["--province-2025", "tuyen quang", "--format", "json", "-o"])
        .arg(d.path().join("v.json"))
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(d.path().join("v.json")).expect("view")).expect("json");
    assert!(v["nodes"].as_array().expect("nodes").iter().any(|n| n["doc_type"] == "KH"));
    let o = bin()
        .arg("export")
        .arg(out.join("graph.json"))
        .args(["--province-2025", "Hà Giang", "--format", "json", "-o"])
        .arg(d.path().join("w.json"))
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(1), "Hà Giang is no province since 2025");
}

#[test]
fn show_knows_the_catalog_and_every_type_word() {
    let (d, _) = build_sample();
    let graph = d.path().join("graph.json");
    let o = bin().args(["show", "Nghị quyết 36-NQ/TW", "--graph"]).arg(&graph).output().expect("run");
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success() && out.contains("not cited by any document of this graph"), "{out}");
    // "Đề án 5" is no Chỉ thị 05: the type words are the tables'
    let o = bin().args(["show", "Đề án 5", "--graph"]).arg(&graph).output().expect("run");
    assert_eq!(o.status.code(), Some(1));
}
