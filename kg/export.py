"""RDF files: their formats, reading them, and writing graphs to them.

Output is written to a temporary file beside the target and moved into place
only once it is complete, so a failed run never leaves a half-written file and
an earlier good output survives.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rdflib import Graph

from kg.errors import GraphError, OutputError

#: Format name -> (rdflib plugin name, file extension).
FORMATS: dict[str, tuple[str, str]] = {
    "turtle": ("turtle", ".ttl"),
    "ntriples": ("nt", ".nt"),
    "jsonld": ("json-ld", ".jsonld"),
    "xml": ("xml", ".rdf"),
}
ALIASES = {"ttl": "turtle", "nt": "ntriples", "json-ld": "jsonld", "rdfxml": "xml", "rdf": "xml", "owl": "xml"}


def format_name(name: str) -> str:
    """The canonical format name for a name or alias (``ttl`` -> ``turtle``)."""
    key = ALIASES.get(name.lower(), name.lower())
    if key not in FORMATS:
        raise GraphError(f"unknown format {name!r}; expected one of: {', '.join(FORMATS)}")
    return key


def format_for_path(path: str | Path) -> str:
    """The format a file name implies (``.ttl`` -> ``turtle``)."""
    suffix = Path(path).suffix.lower()
    for name, (_, extension) in FORMATS.items():
        if suffix == extension:
            return name
    key = ALIASES.get(suffix.lstrip("."))
    if key is None:
        known = ", ".join(ext for _, ext in FORMATS.values())
        raise GraphError(f"{path}: unknown RDF file type {suffix or '(none)'!r}; expected one of: {known}")
    return key


def read_graph(path: str | Path, format: str | None = None) -> Graph:
    """Parse an RDF file; the format comes from its extension unless given."""
    from kg.graph import new_graph

    path = Path(path)
    fmt = format_name(format) if format else format_for_path(path)
    if not path.is_file():
        raise GraphError(f"{path}: graph file not found")
    graph = new_graph()
    try:
        graph.parse(path, format=FORMATS[fmt][0])
    except Exception as exc:  # rdflib's parsers raise many unrelated exception types
        raise GraphError(f"{path}: cannot parse as {fmt}: {_first_line(exc)}") from exc
    return graph


def _first_line(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


def serialize(graph: Graph, format: str = "turtle") -> bytes:
    """The graph in an RDF format, as bytes (UTF-8)."""
    serializer, _ = FORMATS[format_name(format)]
    return graph.serialize(format=serializer, encoding="utf-8")


def write_graph(graph: Graph, path: str | Path, format: str = "turtle") -> Path:
    """Serialise the graph and write it atomically; the earlier file survives a failure."""
    data = serialize(graph, format)
    return write_atomic(path, data)


def write_atomic(path: str | Path, data: bytes) -> Path:
    """Write bytes to a file by way of a temporary file and a rename."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror}") from exc
    try:
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.replace(tmp_name, path)
    except BaseException as exc:
        Path(tmp_name).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot write: {exc.strerror}") from exc
        raise
    return path
