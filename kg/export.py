"""RDF files: their formats, reading them, and writing graphs to them.

Every format is deterministic: blank nodes get canonical labels
(``rdflib.compare.to_canonical_graph``), triples are written in sorted order, and
N-Triples/N-Quads lines are sorted, so the same graph gives the same bytes.
TriG and N-Quads keep each article's evidence (spans, selectors, reified
statements, ``prov:wasDerivedFrom`` links) in a named graph of its own,
``graph:ARTICLE``; the rest is the default graph. JSON-LD embeds the context
shipped in ``ontology/context.jsonld`` (no remote context is fetched).

Formats are those of :data:`kg.formats.RDF_FORMATS`. Output is written atomically
(:func:`kg.files.write_atomic`): a failed run never leaves a half-written file, and
an earlier good output survives.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph

from kg.errors import GraphError, first_line
from kg.files import check_output, write_atomic  # noqa: F401  (kg.export.write_atomic: the older name)
from kg.formats import RDF_FORMATS, format_for_path, format_name, output_format, oxigraph  # noqa: F401
from kg.graph import Summary, drop_provenance, new_graph, split_provenance, summarize, summarize_ntriples
from kg.ontology import ONTOLOGY_DIR, merge_ontology, strip_ontology
from kg.paths import DEFAULT_CORPUS, DEFAULT_OUTPUT, is_current
from kg.terms import add_parsed
from kg.vocab import GRAPH, PREFIXES
from kg.writers import turtle_from_ntriples

CONTEXT_FILE = ONTOLOGY_DIR / "context.jsonld"


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
        if RDF_FORMATS[fmt].dataset:
            dataset.parse(path, format=RDF_FORMATS[fmt].rdflib)
        else:
            dataset.default_graph.parse(path, format=RDF_FORMATS[fmt].rdflib)
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

    path, fmt = _rdf_file(path, format)
    graph = new_graph()
    try:
        add_parsed(graph, ox.parse(path=str(path), format=oxigraph(RDF_FORMATS[fmt])))
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
    graph = prepare(graph, with_ontology=with_ontology, provenance=provenance, infer=infer)
    return _serialize_prepared(graph, format)


def _serialize_prepared(graph: Graph, format: str) -> bytes:
    """A graph that :func:`prepare` made, in an RDF format."""
    fmt = RDF_FORMATS[format_name(format)]
    if fmt.rdflib == "trig":
        data = _trig(graph)
    elif fmt.dataset:
        data = _dataset(graph).serialize(format=fmt.rdflib, encoding="utf-8")
    elif fmt.rdflib == "json-ld":
        data = _sorted_jsonld(graph.serialize(format="json-ld", context=jsonld_context()["@context"],
                                              auto_compact=True, encoding="utf-8"))
    else:
        data = graph.serialize(format="nt" if fmt.rdflib == "turtle" else fmt.rdflib, encoding="utf-8")
    if fmt.rdflib in ("nt", "nquads", "turtle"):
        lines = sorted({line for line in data.decode("utf-8").splitlines() if line.strip()})
        data = ("\n".join(lines) + "\n").encode("utf-8")
    return turtle_from_ntriples(data) if fmt.rdflib == "turtle" else data


def prepare(graph: Graph, *, with_ontology: bool | None = None, provenance: bool = True, infer: bool = False) -> Graph:
    """The graph to write: with or without the ontology and the evidence layer, inferred or not.

    The result's triples were added in canonical order, which the serialisers follow.
    """
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


def ensure_built(output: str | Path = DEFAULT_OUTPUT, corpus: str | Path = DEFAULT_CORPUS) -> bool:
    """Build ``output`` from ``corpus`` if it is missing or older than its inputs; True if built."""
    if is_current(output, corpus):
        return False
    export_graph(output, paths=[Path(corpus)])
    return True


def write_graph(graph: Graph, path: str | Path, format: str | None = None, **options: Any) -> Path:
    """Serialise the graph (format from the file name unless given) and write it atomically."""
    fmt = format_name(format) if format else format_for_path(path)
    return write_atomic(path, serialize(graph, fmt, **options))


@dataclass(frozen=True)
class Written:
    """What :func:`export_graph` wrote: the file, its format, what it holds, and how much the cache spared."""

    path: Path
    format: str
    summary: Summary
    articles: int = 0
    reused: int = 0
    store: Path | None = None

    def describe(self) -> str:
        reused = f"; {self.reused} of {self.articles} article(s) unchanged since the last build" if self.reused else ""
        return f"Wrote {self.path} ({self.format}): {self.summary.describe()}{reused}"


def export_graph(
    output: str | Path = DEFAULT_OUTPUT,
    *,
    paths: Iterable[str | Path] | None = None,
    graph_file: str | Path | None = None,
    format: str | None = None,
    with_ontology: bool | None = None,
    provenance: bool = True,
    infer: bool = False,
    cache: bool = True,
    jobs: int | None = None,
    curated_only: bool = False,
    min_confidence: float | None = None,
    store: str | Path | None = None,
    named_graphs: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Written:
    """Build the corpus under ``paths`` (or convert the RDF file ``graph_file``) and write it to ``output``.

    What ``kg build`` and ``kg export`` do. The format comes from ``format`` or the file
    name. The ontology is merged in unless ``with_ontology=False``, in every format alike (in
    TriG and N-Quads, into the default graph), so that every format holds the same triples
    for the same options. The corpus build reuses a cache beside the output (``cache``) and, with
    ``store``, is also bulk-loaded into an on-disk Oxigraph store there. N-Triples, N-Quads
    and Turtle with the evidence layer come straight from the corpus's sorted lines (no
    rdflib graph is made); the other formats go through :func:`serialize`. The output is
    written atomically, and the summary counts what was written.
    """
    output = Path(output)
    fmt = output_format(output, format)
    regular = check_output(output)  # before any work: a folder or a file in the way fails at once
    if with_ontology is None:  # the default: the same for every format
        with_ontology = True
    if graph_file is not None:
        prepared = prepare(read_graph(graph_file), with_ontology=with_ontology, provenance=provenance, infer=infer)
        write_atomic(output, _serialize_prepared(prepared, fmt))
        return Written(output, fmt, summarize(prepared))
    from kg.corpus import build_corpus, load_store

    # the cache lives beside a file output; writing to a device (-o /dev/null) keeps none
    result = build_corpus(list(paths or [DEFAULT_CORPUS]), cache_dir=output.parent / ".kg-cache" if cache and regular else None,
                          jobs=jobs, progress=progress, curated_only=curated_only, min_confidence=min_confidence)
    if fmt in ("nquads", "ntriples", "turtle") and provenance and not infer:
        data = result.nquads(with_ontology=with_ontology) if fmt == "nquads" else result.ntriples(with_ontology=with_ontology)
        summary = summarize_ntriples(data, fmt)
        write_atomic(output, turtle_from_ntriples(data) if fmt == "turtle" else data)
    else:
        prepared = prepare(result.graph(), with_ontology=with_ontology, provenance=provenance, infer=infer)
        write_atomic(output, _serialize_prepared(prepared, fmt))
        summary = summarize(prepared)
    if store is not None:
        load_store(result, store, named_graphs=named_graphs)
    return Written(output, fmt, summary, result.articles, result.reused, Path(store) if store is not None else None)
