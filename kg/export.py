"""RDF files: their formats, reading them, and writing graphs to them.

Every format is deterministic: blank nodes get canonical labels
(``rdflib.compare.to_canonical_graph``), triples are written in sorted order, and
N-Triples/N-Quads lines are sorted, so the same graph gives the same bytes.
TriG and N-Quads keep each article's evidence (spans, selectors, reified
statements, ``prov:wasDerivedFrom`` links) in a named graph of its own,
``graph:ARTICLE``; the rest is the default graph. JSON-LD embeds the context
shipped in ``ontology/context.jsonld`` (no remote context is fetched).

Output is written to a temporary file beside the target and moved into place
only once it is complete, so a failed run never leaves a half-written file and
an earlier good output survives.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import tempfile
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from rdflib import Dataset, Graph

from kg.errors import GraphError, OutputError, first_line
from kg.ontology import ONTOLOGY_DIR
from kg.vocab import GRAPH, PREFIXES

CONTEXT_FILE = ONTOLOGY_DIR / "context.jsonld"


class Format(NamedTuple):
    plugin: str  # rdflib's name for it
    extension: str
    media_type: str
    dataset: bool  # holds named graphs


FORMATS: dict[str, Format] = {
    "turtle": Format("turtle", ".ttl", "text/turtle", False),
    "ntriples": Format("nt", ".nt", "application/n-triples", False),
    "nquads": Format("nquads", ".nq", "application/n-quads", True),
    "trig": Format("trig", ".trig", "application/trig", True),
    "jsonld": Format("json-ld", ".jsonld", "application/ld+json", False),
    "xml": Format("xml", ".rdf", "application/rdf+xml", False),
}
ALIASES = {
    "ttl": "turtle", "nt": "ntriples", "n-triples": "ntriples", "nq": "nquads", "n-quads": "nquads",
    "json-ld": "jsonld", "json": "jsonld", "rdfxml": "xml", "rdf/xml": "xml", "rdf": "xml", "owl": "xml",
}


def format_name(name: str) -> str:
    """The canonical format name for a name or alias (``ttl`` -> ``turtle``)."""
    key = ALIASES.get(name.lower(), name.lower())
    if key not in FORMATS:
        raise GraphError(
            f"unknown format {name!r}; expected one of: {', '.join(FORMATS)} (or {', '.join(ALIASES)})"
        )
    return key


def format_for_path(path: str | Path) -> str:
    """The format a file name implies (``.ttl`` -> ``turtle``)."""
    suffix = Path(path).suffix.lower()
    for name, fmt in FORMATS.items():
        if suffix == fmt.extension:
            return name
    key = ALIASES.get(suffix.lstrip("."))
    if key is None:
        known = ", ".join(f.extension for f in FORMATS.values())
        raise GraphError(f"{path}: unknown RDF file type {suffix or '(none)'!r}; expected one of: {known}")
    return key


def output_format(path: str | Path | None, format: str | None, default: str | None = None) -> str:
    """The format to write ``path`` in: ``format`` if given, else the one its name implies.

    A file name and a format that disagree (``-f turtle -o kg.nt``) are refused, and so
    is a name that implies no format when none is given (``-o kg.xyz``), rather than
    writing one format under another's name.
    """
    if path is None:
        return format_name(format) if format else format_name(default or "turtle")
    if format is None:
        if default is not None and not Path(path).suffix:
            return format_name(default)
        return format_for_path(path)
    fmt = format_name(format)
    try:
        implied = format_for_path(path)
    except GraphError:
        return fmt  # an explicit format for an unusual name (kg.data) is the user's choice
    if implied != fmt:
        raise GraphError(f"{path}: the name says {implied} but --format says {fmt}; "
                         f"name the file {Path(path).with_suffix(FORMATS[fmt].extension).name} or drop --format")
    return fmt


def _rdf_file(path: str | Path, format: str | None) -> tuple[Path, str]:
    """An RDF file to read and its format (given, or from its name); GraphError when it is not there."""
    path = Path(path)
    fmt = format_name(format) if format else format_for_path(path)
    if not path.is_file():
        raise GraphError(f"{path}: graph file not found")
    return path, fmt


def read_dataset(path: str | Path, format: str | None = None) -> Dataset:
    """Parse an RDF file or dataset; named graphs stay named graphs."""
    path, fmt = _rdf_file(path, format)
    dataset = Dataset()
    try:
        if FORMATS[fmt].dataset:
            dataset.parse(path, format=FORMATS[fmt].plugin)
        else:
            dataset.default_graph.parse(path, format=FORMATS[fmt].plugin)
    except Exception as exc:  # rdflib's parsers raise many unrelated exception types
        raise GraphError(f"{path}: cannot parse as {fmt}: {first_line(exc)}") from exc
    return dataset


def read_graph(path: str | Path, format: str | None = None) -> Graph:
    """Parse an RDF file into an rdflib Graph; for a dataset, the union of its graphs.

    The file is parsed by Oxigraph's parsers (a few times faster than rdflib's on
    Turtle, which is most of what ``kg query`` spends on a built graph) and the
    triples are handed to rdflib as rdflib terms.
    """
    import pyoxigraph as ox

    from kg.graph import new_graph
    from kg.store import rdf_format, to_rdflib

    path, fmt = _rdf_file(path, format)
    graph = new_graph()
    try:
        graph.addN(
            (to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object), graph)
            for quad in ox.parse(path=str(path), format=rdf_format(fmt))
        )
    except (SyntaxError, ValueError, OSError) as exc:
        raise GraphError(f"{path}: cannot parse as {fmt}: {first_line(exc)}") from exc
    return graph


def serialize(
    graph: Graph,
    format: str = "turtle",
    *,
    with_ontology: bool | None = None,
    provenance: bool = True,
    infer: bool = False,
) -> bytes:
    """The graph in an RDF format, as bytes (UTF-8), the same bytes for the same graph.

    ``with_ontology``: True merges the ontology in, False takes it out, None
    leaves the graph as it is. ``provenance=False`` drops the evidence layer.
    ``infer`` adds the OWL-RL closure (which brings the ontology in).
    """
    fmt = FORMATS[format_name(format)]
    graph = prepare(graph, with_ontology=with_ontology, provenance=provenance, infer=infer)
    if fmt.plugin == "trig":
        data = _trig(graph)
    elif fmt.dataset:
        data = _dataset(graph).serialize(format=fmt.plugin, encoding="utf-8")
    elif fmt.plugin == "json-ld":
        data = _sorted_jsonld(graph.serialize(format="json-ld", context=jsonld_context()["@context"],
                                              auto_compact=True, encoding="utf-8"))
    else:
        data = graph.serialize(format="nt" if fmt.plugin == "turtle" else fmt.plugin, encoding="utf-8")
    if fmt.plugin in ("nt", "nquads", "turtle"):
        lines = sorted({line for line in data.decode("utf-8").splitlines() if line.strip()})
        data = ("\n".join(lines) + "\n").encode("utf-8")
    return turtle_from_ntriples(data) if fmt.plugin == "turtle" else data


def turtle_from_ntriples(data: bytes) -> bytes:
    """Turtle, by Oxigraph's serialiser, from sorted N-Triples lines (blank nodes labelled canonically).

    Oxigraph writes the triples in the order given, one subject at a time with its
    predicates and objects grouped, so sorted lines give the same bytes every time;
    its prefix declarations come out in no fixed order, so they are sorted here. It
    is linear in the size of the graph (rdflib's Turtle serialiser is not, and takes
    minutes on a graph of millions of triples).
    """
    import pyoxigraph as ox

    quads = ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
    text = ox.serialize(quads, format=ox.RdfFormat.TURTLE,
                        prefixes={prefix: str(namespace) for prefix, namespace in PREFIXES.items()})
    lines = text.split(b"\n")
    count = next((i for i, line in enumerate(lines) if not line.startswith(b"@prefix ")), len(lines))
    return b"\n".join(sorted(lines[:count]) + [b""] + lines[count:])


def prepare(graph: Graph, *, with_ontology: bool | None = None, provenance: bool = True, infer: bool = False) -> Graph:
    """The graph to write: with or without the ontology and the evidence layer, inferred or not.

    The result's triples were added in canonical order, which the serialisers follow.
    """
    from kg.graph import drop_provenance, new_graph
    from kg.ontology import merge_ontology, strip_ontology

    if infer:
        from kg.reasoning import infer as closure

        graph = closure(graph)
    if with_ontology is True:
        graph = merge_ontology(graph)
    elif with_ontology is False:
        graph = strip_ontology(graph)
    if not provenance:
        graph = drop_provenance(graph)
    # SimpleMemory iterates in insertion order; the default store keeps a graph's triples in a set,
    # whose order changes from one process to the next, and the RDF/XML serialiser follows it.
    canonical = new_graph(store="SimpleMemory")
    known = {str(namespace) for _, namespace in canonical.namespaces()}
    for prefix, namespace in sorted(graph.namespaces()):
        if str(namespace) not in known:  # keep the graph's own prefixes (not generated ns1, ns2, ...)
            canonical.bind(prefix, namespace, override=False)
    for triple in _canonical(graph):
        canonical.add(triple)
    return canonical


def _sorted_jsonld(data: bytes) -> bytes:
    """rdflib lists JSON-LD nodes in set order; put them in @id order."""
    document = json.loads(data)
    if isinstance(document, dict) and isinstance(document.get("@graph"), list):
        document["@graph"].sort(key=lambda node: str(node.get("@id", "")))
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _canonical(graph: Graph) -> list:
    """The triples with canonical blank node labels, in a fixed order.

    Only the triples that hold a blank node are canonicalised (a handful, from the
    ontology): rdflib's canonicalisation of a whole graph grows faster than the graph.
    """
    from rdflib import BNode
    from rdflib.compare import to_canonical_graph

    plain, blank = [], Graph()
    for triple in graph:
        (blank.add(triple) if any(isinstance(t, BNode) for t in triple) else plain.append(triple))
    triples = plain + list(to_canonical_graph(blank)) if len(blank) else plain
    return sorted(triples, key=lambda t: tuple(term.n3() for term in t))


def _dataset(graph: Graph) -> Dataset:
    """Default graph: entities, relations, figures, ontology; one named graph of evidence per article."""
    from kg.graph import split_provenance

    core, layers = split_provenance(graph)
    dataset = Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, override=True, replace=True)
    for triple in _canonical(core):
        dataset.add(triple)
    for article_id in sorted(layers):
        named = dataset.graph(GRAPH[article_id])
        for triple in _canonical(layers[article_id]):
            named.add(triple)
    return dataset


def _trig(graph: Graph) -> bytes:
    """TriG assembled from one Turtle serialisation per graph, in graph-name order.

    rdflib's TriG serialiser writes named graphs in set order, which changes
    from one process to the next; Turtle sorts its subjects, so this does not.
    """
    from kg.graph import new_graph, split_provenance

    core, layers = split_provenance(graph)
    parts = [(None, core)] + [(GRAPH[article_id], layers[article_id]) for article_id in sorted(layers)]
    prefixes: set[str] = set()
    blocks: list[str] = []
    for name, part in parts:
        ordered = new_graph(store="SimpleMemory")
        for prefix, namespace in graph.namespaces():
            ordered.bind(prefix, namespace, override=False)
        for triple in _canonical(part):
            ordered.add(triple)
        text = ordered.serialize(format="turtle")
        body = []
        for line in text.splitlines():
            (prefixes.add(line) if line.startswith("@prefix") else body.append(line))
        content = "\n".join(body).strip()
        if name is None:
            blocks.append("{\n" + content + "\n}" if content else "")
        else:  # no indentation: it would enter the long (multi-line) literals
            blocks.append(f"{name.n3()} {{\n" + content + "\n}")
    text = "\n".join(sorted(prefixes)) + "\n\n" + "\n\n".join(b for b in blocks if b) + "\n"
    return text.encode("utf-8")


@cache
def jsonld_context() -> dict[str, Any]:
    """The JSON-LD context shipped in ``ontology/context.jsonld``."""
    try:
        return json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise GraphError(f"{CONTEXT_FILE}: cannot read the JSON-LD context: {exc}") from exc


def jsonld_context_text() -> str:
    """What ``ontology/context.jsonld`` holds: kg's prefixes (``make docs`` writes it)."""
    context = {"@context": {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}}
    return json.dumps(context, indent=2) + "\n"


def write_graph(graph: Graph, path: str | Path, format: str | None = None, **options: Any) -> Path:
    """Serialise the graph (format from the file name unless given) and write it atomically."""
    fmt = format_name(format) if format else format_for_path(path)
    return write_atomic(path, serialize(graph, fmt, **options))


def default_mode(directory: bool = False) -> int:
    """The permissions a new file (or folder) gets from open() under the current umask.

    Temporary files are created private (0600); outputs are given the mode an
    ordinary write would have given them, so that others can read what kg writes.
    """
    umask = os.umask(0)
    os.umask(umask)
    return (0o777 if directory else 0o666) & ~umask


def check_output(path: str | Path) -> bool:
    """Refuse an output path that cannot be written before any work is done.

    Returns True for a regular file (there or to be made), False for a device or a
    pipe, which is written through; raises OutputError for a folder or a path
    under a file.
    """
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        parent = next((p for p in path.parents if p.exists()), None)
        if parent is not None and not parent.is_dir():
            raise OutputError(f"{path}: cannot write: a parent of it is a file, not a folder") from None
        return True
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {_reason(exc)}") from exc
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{path}: is a folder, not a file")
    return stat.S_ISREG(info.st_mode)


def write_atomic(path: str | Path, data: bytes) -> Path:
    """Write bytes to a file by way of a temporary file and a rename.

    The file keeps the permissions of the one it replaces (or gets those of a new
    file under the umask), not the private mode of the temporary file. A symbolic
    link is followed (the file it points to is replaced, the link stays). Only
    regular files are replaced: a device or a named pipe (``-o /dev/stdout``) is
    written through, a folder is refused, so that ``-o /dev/null`` never turns
    a device node into a file.
    """
    path = Path(path)
    target = path.resolve() if path.is_symlink() else path
    if not check_output(path):
        return _write_through(path, target, data)
    info = target.stat() if target.exists() else None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {_reason(exc)}") from exc
    try:
        with os.fdopen(fd, "wb") as tmp:
            os.fchmod(tmp.fileno(), info.st_mode & 0o7777 if info is not None else default_mode())
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.replace(tmp_name, target)
    except BaseException as exc:
        Path(tmp_name).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot write: {_reason(exc)}") from exc
        raise
    return path


def _write_through(path: Path, target: Path, data: bytes) -> Path:
    """Write to a device or a named pipe as it is (there is nothing to replace atomically)."""
    try:
        with open(target, "wb") as device:
            device.write(data)
            device.flush()
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {_reason(exc)}") from exc
    return path


def _reason(exc: OSError) -> str:
    """An OSError's reason without its traceback-style repr (``No space left on device``)."""
    if isinstance(exc, NotADirectoryError) or exc.errno == errno.ENOTDIR:
        return "a parent of it is a file, not a folder"
    return exc.strerror or str(exc)
