"""Writing graphs to files: serialisation and atomic writes.

Output is written to a temporary file beside the target and moved into place
only once it is complete, so a failed run never leaves a half-written file and
an earlier good output survives.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rdflib import Graph

from kg.errors import OutputError

#: Format name -> (rdflib serializer, file extension).
FORMATS: dict[str, tuple[str, str]] = {
    "turtle": ("turtle", ".ttl"),
}
ALIASES = {"ttl": "turtle"}


def format_name(name: str) -> str:
    """The canonical format name for a name or alias (``ttl`` -> ``turtle``)."""
    key = ALIASES.get(name.lower(), name.lower())
    if key not in FORMATS:
        raise OutputError(f"unknown format {name!r}; expected one of: {', '.join(FORMATS)}")
    return key


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
