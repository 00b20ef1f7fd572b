"""vncite: find, resolve and graph references to Vietnamese Communist Party and state documents.

>>> import vncite
>>> [m.symbol for m in vncite.extract("Thực hiện Nghị quyết số 21-NQ/TW của Bộ Chính trị.")]
['21-NQ/TW']

``extract`` gives the references of a text, ``analyze`` the whole analysis of one document
(references, relations between them, title, province), ``analyze_many`` of many texts at once,
``analyze_files`` of a corpus on disk (read in Rust, streamed), ``build`` the citation graph of
many (files, records or analyses) with ``to_networkx()``, ``to_pandas()`` and ``write()``.

Offsets are Python string indices (code points): ``text[m.start:m.end] == m.text``. The byte
offsets into the UTF-8 text, which vncite's own files use, are ``m.start_byte`` and ``m.end_byte``.
``Mention`` and ``Relation`` are plain frozen dataclasses; ``Analysis`` is a native immutable object
whose fields become Python objects when read. All of them pickle, so they cross process boundaries
in Spark and Dask.
Analysis runs in Rust with the GIL released; ``analyze_many`` uses all cores.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

from . import _vncite

__version__: str = _vncite.__version__

__all__ = [
    "Mention",
    "Relation",
    "Analysis",
    "Graph",
    "extract",
    "analyze",
    "analyze_many",
    "analyze_files",
    "FileAnalyses",
    "build",
    "read_graph",
    "shard_rows",
]

PathLike = Union[str, "os.PathLike[str]"]


@dataclass(frozen=True)
class Mention:
    """One reference as written, and what it resolves to."""

    start: int
    """Start, as a Python string index (code points)."""
    end: int
    """End (exclusive): ``text[start:end]`` is the reference as written."""
    text: str
    symbol: str
    """The symbol as usually written: ``02-NQ/TU``, ``34/2019/NĐ-CP``."""
    system: str
    """``party`` or ``state``."""
    doc_type: str
    type_name: str
    number: str
    issuer: str
    level: str
    """central, provincial, district, grassroots."""
    form: str
    body: Optional[str] = None
    date: Optional[str] = None
    year: Optional[int] = None
    term: Optional[str] = None
    plenum: Optional[int] = None
    province: Optional[str] = None
    province_2025: Optional[str] = None
    title: Optional[str] = None
    via: Optional[str] = None
    candidates: Tuple[str, ...] = ()
    """Other directives an undated reference could be."""
    warnings: Tuple[str, ...] = ()
    snippet: str = ""
    start_byte: int = 0
    """Start byte in the UTF-8 text (vncite's files use these)."""
    end_byte: int = 0


@dataclass(frozen=True)
class Relation:
    """A directive-to-directive relation stated in the text: ``mentions[source]`` implements,
    continues, amends … ``mentions[target]``."""

    source: int
    target: int
    kind: str
    cue: str
    basis: str
    snippet: str = ""


Analysis = _vncite.Analysis


# Analysis's mentions, relations and meta, made from its records when first asked for (the
# native class calls these once and keeps what they give)
def _records_of(records: str, kind: str) -> List[Dict[str, Any]]:
    """The records of one kind (after the document's own, the first line)."""
    rows = [json.loads(l) for l in records.splitlines()[1:]]
    return [r for r in rows if r.get("record") == kind]


def _mentions(a: Analysis) -> Tuple[Mention, ...]:
    return tuple(_mention(d, span) for d, span in zip(_records_of(a.records, "mention"), a.spans))


def _relations(records: str) -> Tuple[Relation, ...]:
    return tuple(
        Relation(source=r["from"], target=r["to"], kind=r["kind"], cue=r.get("cue", ""), basis=r.get("basis", ""), snippet=r.get("snippet", ""))
        for r in _records_of(records, "relation")
    )


def _meta(meta_json: str) -> Dict[str, Any]:
    m = json.loads(meta_json)
    return m if isinstance(m, dict) else {}


_MENTION_FIELDS = set(Mention.__dataclass_fields__)


def _mention(d: Mapping[str, Any], span: Tuple[int, int, str]) -> Mention:
    kw = {k: v for k, v in d.items() if k in _MENTION_FIELDS}
    kw["start_byte"], kw["end_byte"] = d["start"], d["end"]
    kw["start"], kw["end"], kw["symbol"] = span
    kw["candidates"] = tuple(kw.get("candidates") or ())
    kw["warnings"] = tuple(kw.get("warnings") or ())
    return Mention(**kw)


def _data(data: Optional[PathLike]) -> Optional[str]:
    return None if data is None else os.fspath(data)


def analyze(text: str, id: Optional[str] = None, meta: Optional[Mapping[str, Any]] = None, *, data: Optional[PathLike] = None) -> Analysis:
    """The analysis of one document: its references, the relations between them, its title and
    province. ``id`` names the document (its node in a graph is ``doc:`` + id); ``meta`` fields
    (url, date …) are kept on it; ``data`` is a folder of tables replacing the built-in ones."""
    record = {k: v for k, v in (meta or {}).items() if k not in (_TEXT, _ID)}
    record[_TEXT], record[_ID] = text, id
    return _vncite.analyze_rows([record], _data(data), _TEXT, _ID)[0]


# field names no input record uses, for a text and id handed over with their meta
_TEXT, _ID = "\x00text", "\x00id"


def extract(text: str, *, data: Optional[PathLike] = None) -> List[Mention]:
    """The references of a text, in text order: ``text[m.start:m.end] == m.text``."""
    return list(analyze(text, data=data).mentions)


def analyze_many(
    texts: Iterable[Union[str, Tuple[str, Optional[str]], Mapping[str, Any]]],
    *,
    data: Optional[PathLike] = None,
    text_field: str = "text",
    id_field: str = "id",
) -> List[Analysis]:
    """Analyses many documents on all cores, with the GIL released. Each item is a text, a
    ``(text, id)`` pair, or a record (a dict: ``text_field``, ``id_field``, the other fields
    kept as meta)."""
    items = [t if isinstance(t, (str, tuple, dict)) else dict(t) for t in texts]
    return _vncite.analyze_rows(items, _data(data), text_field, id_field)


class FileAnalyses:
    """The analyses of files and directories, one :class:`Analysis` at a time in input order
    (see :func:`analyze_files`). ``warnings`` grows as the reading goes: every warning of the run,
    worded as ``vncite build`` prints it (a document's own are also on its Analysis)."""

    def __init__(self, native: Any) -> None:
        self.warnings: List[str] = native.warnings
        self._native = native

    def __iter__(self) -> Iterator[Analysis]:
        return self._native

    def __next__(self) -> Analysis:
        return next(self._native)


def analyze_files(
    paths: Iterable[PathLike],
    *,
    data: Optional[PathLike] = None,
    text_field: str = "text",
    id_field: str = "id",
    ext: Sequence[str] = (),
) -> FileAnalyses:
    """Reads files and directories as ``vncite build`` does — texts, HTML, JSONL (``text_field``
    and ``id_field`` name a record's fields; the others are kept as meta), compressed or not,
    directories sorted, files with the extensions in ``ext`` read as text too — and yields each
    document's :class:`Analysis` in input order. Reading and analysis run in Rust on all cores, a
    batch or two ahead of the loop, so memory holds a few batches whatever the corpus's size; no
    text passes through Python. ``Analysis.id`` is the document's id (its path, or the record's
    id). Raises ``FileNotFoundError`` for a path that does not exist; a file or line that cannot
    be read is skipped with a warning in ``warnings``."""
    ps = [os.fspath(p) for p in paths]
    for p in ps:
        if p != "-" and not os.path.exists(p):
            raise FileNotFoundError(2, "No such file or directory", p)
    return FileAnalyses(_vncite.FileReading(ps, _data(data), text_field, id_field, list(ext)))


class Graph:
    """A citation graph: ``data`` is graph.json's node-link document, ``mentions`` the rows of
    mentions.jsonl (every reference with its document, node and offsets)."""

    def __init__(self, data: Dict[str, Any], mentions: List[Dict[str, Any]], warnings: Sequence[str] = ()) -> None:
        self.data = data
        self.mentions = mentions
        self.warnings = list(warnings)

    def __repr__(self) -> str:
        return f"<vncite.Graph: {len(self.data['nodes'])} nodes, {len(self.data['links'])} links, {self.data['graph']['documents']} documents read>"

    def __getstate__(self) -> Dict[str, Any]:
        return {"data": self.data, "mentions": self.mentions, "warnings": self.warnings}

    def __setstate__(self, state: Dict[str, Any]) -> None:
        self.__dict__.update(state)

    def to_json(self) -> str:
        """graph.json's text."""
        return json.dumps(self.data, ensure_ascii=False)

    def to_networkx(self) -> Any:
        """A ``networkx.MultiDiGraph`` (needs networkx: ``pip install vncite[networkx]``)."""
        import networkx as nx

        return nx.node_link_graph(self.data, edges="links")

    def to_pandas(self) -> Tuple[Any, Any, Any]:
        """``(nodes, edges, mentions)`` DataFrames (needs pandas: ``pip install vncite[pandas]``).
        Edges have ``source``, ``target``, ``kind``, ``count`` and their evidence."""
        import pandas as pd

        nodes = pd.DataFrame(self.data["nodes"])
        edges = pd.DataFrame(self.data["links"], columns=["source", "target", "kind", "key", "count", "evidence"])
        mentions = pd.DataFrame(self.mentions)
        return nodes, edges, mentions

    def write(self, directory: PathLike, formats: Sequence[str] = ("json",)) -> List[str]:
        """Writes the graph into ``directory`` as vncite does (json, dot, svg, png, graphml, gexf,
        csv, html; mentions.jsonl too); returns the files written."""
        d = os.fspath(directory)
        files = _vncite.write(self.to_json(), d, list(formats))
        path = os.path.join(d, "mentions.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for row in self.mentions:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        return files + [path]


def build(
    sources: Iterable[Union[PathLike, Analysis, str, Mapping[str, Any]]] = (),
    *,
    all_documents: bool = False,
    data: Optional[PathLike] = None,
) -> Graph:
    """The citation graph of ``sources``, as ``vncite build`` makes it. Each source is a file or
    directory path (texts, HTML, JSONL, compressed or not; shards — ``extract --format jsonl``
    records in a file ending ``.shard.jsonl``, or the same records in the ``json`` column of a
    ``.parquet`` file, as the Spark recipe writes them), an :class:`Analysis` (from ``analyze``,
    perhaps made on another machine), or a record ``{"text": …, "id": …}``. Documents that cite
    nothing and are about no province are counted but get no node unless ``all_documents``."""
    paths: List[str] = []
    records: List[str] = []
    texts: List[Mapping[str, Any]] = []
    shards: List[str] = []
    for s in sources:
        if isinstance(s, Analysis):
            records.append(s.records)
        elif isinstance(s, Mapping):
            texts.append(s)
        elif isinstance(s, (str, os.PathLike)):
            p = os.fspath(s)
            if p.endswith((".shard.jsonl", ".parquet")):
                shards.append(p)
            else:
                paths.append(p)
        else:
            raise TypeError(f"a path, an Analysis or a record, not {type(s).__name__}")
    records.extend(a.records for a in analyze_many(texts, data=data))
    graph, mentions, warnings = _vncite.build(paths, records, shards, all_documents, _data(data))
    return Graph(json.loads(graph), [json.loads(l) for l in mentions.splitlines() if l], warnings)


def shard_rows(rows: Iterable[Any], *, text: str = "text", id: str = "id", data: Optional[PathLike] = None) -> Iterable[Tuple[str, str, str]]:
    """For Spark's ``mapPartitions`` (or any batch of records): analyses the rows of a partition
    (objects or mappings with ``text`` and ``id`` fields) on all cores and yields shard rows
    ``(record, document, json)`` — the ``extract --format jsonl`` records, which ``build`` and
    ``vncite build --from-mentions`` read back from Parquet."""
    items = []
    for r in rows:
        get = r.__getitem__ if isinstance(r, Mapping) else lambda k, r=r: getattr(r, k)
        items.append((get(text), str(get(id))))
    for a in analyze_many(items, data=data):
        for line in a.records.splitlines():
            yield (json.loads(line)["record"], a.id, line)


def read_graph(path: PathLike) -> Graph:
    """A graph.json written by ``vncite build`` (with mentions.jsonl beside it, when there)."""
    p = os.fspath(path)
    with open(p, encoding="utf-8") as f:
        data = json.load(f)
    mentions: List[Dict[str, Any]] = []
    mp = os.path.join(os.path.dirname(p), "mentions.jsonl")
    if os.path.exists(mp):
        with open(mp, encoding="utf-8") as f:
            mentions = [json.loads(l) for l in f if l.strip()]
    return Graph(data, mentions)
