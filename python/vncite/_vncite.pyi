"""The native module (Rust): strings and JSON in, strings and JSON out; see vncite/__init__.py."""

from typing import List, Optional, Tuple

__version__: str

def analyze(text: str, id: Optional[str] = None, meta: Optional[str] = None, data: Optional[str] = None) -> str: ...
def analyze_many(items: List[Tuple[str, Optional[str], Optional[str]]], data: Optional[str] = None) -> List[str]: ...
def build(
    paths: List[str],
    records: List[str],
    texts: List[Tuple[str, Optional[str], Optional[str]]],
    shards: List[str] = ...,
    all_documents: bool = False,
    data: Optional[str] = None,
) -> Tuple[str, str, List[str]]: ...
def write(graph_json: str, dir: str, formats: List[str]) -> List[str]: ...
