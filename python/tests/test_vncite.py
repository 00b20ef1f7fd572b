"""The Python package against the CLI, on sentences written here and on the dev corpus.

Needs the wheel installed, the release binary (VNCITE_BIN, default target/release/vncite) and the
team's data beside the repository (VNCITE_SHARED, default ../shared); networkx and dask for their
tests. Under CI=true nothing is skipped.
"""

import json
import os
import pickle
import subprocess
import unicodedata
from pathlib import Path

import pytest

import vncite

ROOT = Path(__file__).resolve().parents[2]
BIN = os.environ.get("VNCITE_BIN", str(ROOT / "target" / "release" / "vncite"))
SHARED = Path(os.environ.get("VNCITE_SHARED", ROOT.parent / "shared"))
DEV = SHARED / "corpus" / "dev"
CI = os.environ.get("CI") == "true"


def need(cond, why):
    if not cond:
        if CI:
            pytest.fail(f"required in CI: {why}")
        pytest.skip(why)


SENTENCE = "Ban Thường vụ Tỉnh ủy Sơn La ban hành Kế hoạch số 42-KH/TU để thực hiện Nghị quyết số 21-NQ/TW ngày 16/6/2022 của Bộ Chính trị."


def test_spans_are_python_string_indices_on_nfc_nfd_d_and_emoji():
    texts = [
        SENTENCE,
        unicodedata.normalize("NFD", SENTENCE),
        "😀🎉 " + SENTENCE.replace("Đ", "Ð") + " 👍",
        "Theo Nghị_quyết số 18 - NQ / TW của Ban Chấp_hành Trung_ương 🙂 và Nghị định 34/2019/NĐ-CP.",
    ]
    for text in texts:
        ms = vncite.extract(text)
        assert ms, text
        for m in ms:
            assert text[m.start : m.end] == m.text, (text, m)
            assert text.encode("utf-8")[m.start_byte : m.end_byte].decode("utf-8") == m.text
    nfd = vncite.extract(unicodedata.normalize("NFD", SENTENCE))
    assert [m.symbol for m in nfd] == ["42-KH/TU", "21-NQ/TW"]


def test_analysis_fields_and_relations():
    a = vncite.analyze(SENTENCE, id="a1", meta={"url": "https://example.vn/a1"})
    assert a.id == "a1" and a.province == "Sơn La"
    kh, nq = a.mentions
    assert (kh.symbol, kh.level, kh.province) == ("42-KH/TU", "provincial", "Sơn La")
    assert (nq.symbol, nq.level, nq.date, nq.body) == ("21-NQ/TW", "central", "2022-06-16", "Bộ Chính trị")
    assert [(r.source, r.target, r.kind) for r in a.relations] == [(0, 1, "implements")]
    assert a.meta == {"url": "https://example.vn/a1"}
    # they pickle, so they cross process boundaries, and land equal, with the same hash
    back = pickle.loads(pickle.dumps(a))
    assert back == a and hash(back) == hash(a) and len({a, back}) == 1
    assert [m.symbol for m in back.mentions] == ["42-KH/TU", "21-NQ/TW"] and back.meta == a.meta
    # mentions are made once and kept; an Analysis is immutable
    assert a.mentions is a.mentions
    with pytest.raises(AttributeError):
        a.id = "b"
    assert repr(a) == 'Analysis(id="a1", title="Ban Thường vụ Tỉnh ủy Sơn La ban hành Kế hoạch số 42-KH/TU để thực hiện Nghị quyết số 21-NQ/TW ngày 16/6/2022 của Bộ Chính trị.", province="Sơn La", mentions=2)'
    empty = vncite.Analysis(id="x", title="")
    assert (empty.mentions, empty.relations, empty.meta, empty.warnings) == ((), (), {}, ())
    assert empty != a and empty != "x"


def test_analyze_many_equals_one_by_one():
    texts = [SENTENCE, "Không có gì.", ("Chỉ thị 05-CT/TW của Bộ Chính trị", "c"), {"id": "r", "text": SENTENCE, "url": "u"}]
    many = vncite.analyze_many(texts)
    one = [vncite.analyze(SENTENCE), vncite.analyze("Không có gì."), vncite.analyze("Chỉ thị 05-CT/TW của Bộ Chính trị", id="c"), vncite.analyze(SENTENCE, id="r", meta={"url": "u"})]
    assert many == one


def cli(*args):
    need(Path(BIN).exists(), f"the vncite binary at {BIN}")
    return subprocess.run([BIN, *args], check=True, capture_output=True, text=True).stdout


def test_extract_equals_the_cli_on_the_dev_corpus():
    need(DEV.is_dir(), f"the dev corpus at {DEV}")
    records = cli("extract", str(DEV), "--format", "jsonl")
    files = sorted(DEV.iterdir())
    ours = "".join(vncite.analyze(f.read_text(encoding="utf-8"), id=str(f)).records for f in files)
    assert ours == records


def test_analyze_files_equals_the_cli_on_the_dev_corpus():
    need(DEV.is_dir(), f"the dev corpus at {DEV}")
    records = cli("extract", str(DEV), "--format", "jsonl")
    analyses = list(vncite.analyze_files([DEV]))
    assert "".join(a.records for a in analyses) == records
    # spans are Python string indices into each file's text
    for a in analyses:
        text = Path(a.id).read_text(encoding="utf-8")
        assert all(text[m.start : m.end] == m.text for m in a.mentions), a.id


def test_analyze_files_reads_jsonl_keeps_meta_and_warns(tmp_path):
    corpus = tmp_path / "c.jsonl"
    rows = [
        json.dumps({"id": "a", "text": SENTENCE, "url": "https://example.vn/a"}, ensure_ascii=False),
        "{not json",
        json.dumps({"doc": "b", "body": "Chỉ thị 05-CT/TW của Bộ Chính trị"}, ensure_ascii=False),
    ]
    corpus.write_text("\n".join(rows) + "\n", encoding="utf-8")
    reading = vncite.analyze_files([corpus])
    (a,) = list(reading)
    assert (a.id, a.meta, [m.symbol for m in a.mentions]) == ("a", {"url": "https://example.vn/a"}, ["42-KH/TU", "21-NQ/TW"])
    assert a == vncite.analyze(SENTENCE, id="a", meta={"url": "https://example.vn/a"})
    # the bad line and the line without a "text" field are skipped, each with a warning
    assert len(reading.warnings) == 2, reading.warnings
    assert reading.warnings[0].startswith(f"{corpus}:2: not JSON"), reading.warnings
    fields = vncite.analyze_files([corpus], text_field="body", id_field="doc")
    assert [x.id for x in fields] == ["b"]
    with pytest.raises(FileNotFoundError):
        vncite.analyze_files([tmp_path / "missing"])


def test_analyze_files_may_be_left_early(tmp_path):
    for i in range(3000):
        (tmp_path / f"{i:04}.txt").write_text(f"Bài {i}. " + SENTENCE, encoding="utf-8")
    first = []
    for a in vncite.analyze_files([tmp_path]):
        first.append(a.id)
        if len(first) == 5:
            break
    assert first == [str(tmp_path / f"{i:04}.txt") for i in range(5)]


def test_build_equals_the_cli_on_the_dev_corpus(cli_dev):
    g = vncite.build([str(DEV)])
    assert g.data == json.loads((cli_dev / "graph.json").read_text(encoding="utf-8"))
    cli_mentions = [json.loads(l) for l in (cli_dev / "mentions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert g.mentions == cli_mentions


def test_to_networkx_equals_node_link_graph_of_graph_json(cli_dev):
    nx = pytest.importorskip("networkx") if not CI else __import__("networkx")
    data = json.loads((cli_dev / "graph.json").read_text(encoding="utf-8"))
    ours = vncite.build([str(DEV)]).to_networkx()
    theirs = nx.node_link_graph(data, edges="links")
    assert nx.utils.graphs_equal(ours, theirs)
    assert ours.number_of_nodes() == len(data["nodes"])


def test_to_pandas_and_write(tmp_path, cli_dev):
    pd = pytest.importorskip("pandas") if not CI else __import__("pandas")
    g = vncite.read_graph(cli_dev / "graph.json")
    nodes, edges, mentions = g.to_pandas()
    assert len(nodes) == len(g.data["nodes"]) and len(edges) == len(g.data["links"]) and len(mentions) == len(g.mentions)
    assert set(nodes["kind"]) == {"document", "directive", "province"}
    files = g.write(tmp_path, ["json", "graphml", "csv"])
    assert json.loads((tmp_path / "graph.json").read_text(encoding="utf-8")) == g.data
    assert len(pd.read_csv(tmp_path / "nodes.csv")) == len(nodes)
    assert str(tmp_path / "mentions.jsonl") in files


def analyze_partition(paths):
    import vncite as v

    return [v.analyze(Path(p).read_text(encoding="utf-8"), id=p) for p in paths]


def test_the_dask_recipe_gives_the_cli_graph(cli_dev):
    """README: a bag over the files, one analysis per file in each partition (in worker
    processes), one graph from all of them."""
    db = pytest.importorskip("dask.bag") if not CI else __import__("dask.bag", fromlist=["bag"])
    paths = sorted(str(p) for p in DEV.iterdir())
    analyses = db.from_sequence(paths, npartitions=4).map_partitions(analyze_partition).compute(scheduler="processes")
    g = vncite.build(analyses)
    assert g.data == json.loads((cli_dev / "graph.json").read_text(encoding="utf-8"))
