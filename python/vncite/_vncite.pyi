"""The native module (Rust): see vncite/__init__.py for the API built on it."""

from typing import Any, List, Optional, Tuple

__version__: str

Row = Tuple[str, str, Optional[str], Optional[str], Optional[str], Optional[str], List[str], str, str, List[Tuple[int, int, str]]]

def analyze_rows(items: List[Any], data: Optional[str] = None, text_field: str = "text", id_field: str = "id") -> List[Row]: ...
def build(paths: List[str], records: List[str], shards: List[str] = ..., all_documents: bool = False, data: Optional[str] = None) -> Tuple[str, str, List[str]]: ...
def write(graph_json: str, dir: str, formats: List[str]) -> List[str]: ...
