"""The Oxigraph store: loading RDF files into pyoxigraph and running queries on it.

rdflib is the model kg builds with; Oxigraph is where big graphs are queried
(`kg serve` keeps a read-only pyoxigraph snapshot). Results come back as kg's
:class:`~kg.sparql.QueryResult`, so that both engines write the same formats.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.errors import GraphError, QueryError, first_line
from kg.sparql import QueryResult
from kg.vocab import PREFIXES

#: kg's prefixes, predeclared for queries as `kg query` does.
QUERY_PREFIXES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def rdf_format(fmt: str):
    """The pyoxigraph RdfFormat for one of kg's format names (see kg.export.FORMATS)."""
    import pyoxigraph as ox

    return {
        "turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
        "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML,
    }[fmt]


def oxigraph_format(path: str | Path):
    """The pyoxigraph RdfFormat of a file, from its extension."""
    from kg.export import format_for_path

    return rdf_format(format_for_path(path))


def load_store(path: str | Path):
    """An in-memory pyoxigraph Store holding an RDF file or dataset (named graphs stay named)."""
    import pyoxigraph as ox

    path = Path(path)
    if not path.is_file():
        raise GraphError(f"{path}: graph file not found")
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=oxigraph_format(path))
    except (SyntaxError, ValueError, OSError) as exc:
        raise GraphError(f"{path}: cannot load into Oxigraph: {exc}") from exc
    return store


def open_store(path: str | Path):
    """An on-disk pyoxigraph store, opened read-only (several processes may share it)."""
    import pyoxigraph as ox

    path = Path(path)
    if not (path / "CURRENT").is_file():
        raise GraphError(f"{path}: not an Oxigraph store (build one with kg build --store oxigraph:PATH)")
    try:
        return ox.Store.read_only(str(path))
    except OSError as exc:
        raise GraphError(f"{path}: cannot open the Oxigraph store: {exc}") from exc


class StoreGraph:
    """A pyoxigraph store in the place of an rdflib graph, for :func:`kg.sparql.query`."""

    def __init__(self, store) -> None:
        self.store = store
        from kg.graph import new_graph

        self.namespace_manager = new_graph().namespace_manager

    @classmethod
    def open(cls, path: str | Path) -> StoreGraph:
        return cls(open_store(path))

    def __len__(self) -> int:
        return len(self.store)


class Stopped(BaseException):
    """A query's thread was asked to stop (a BaseException: ``except Exception`` lets it by)."""


#: Set by :func:`kg.sparql.run_with_timeout` for the thread it runs a query in.
stop_signal = threading.local()


def _stop_requested() -> bool:
    """Whether the thread running a query was asked to stop (checked between two solutions)."""
    event = getattr(stop_signal, "event", None)
    return event is not None and event.is_set()


def query_store(
    store,
    sparql: str,
    *,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
    union_default_graph: bool = True,
    max_rows: int | None = None,
    bindings: dict | None = None,
) -> tuple[QueryResult, bool]:
    """Run a query on the store; the result and whether ``max_rows`` cut it short.

    A query nested deeper than :data:`kg.limits.MAX_QUERY_NESTING` is refused first (Oxigraph's
    parser would overflow its stack). The caller bounds the time (:func:`kg.sparql.run_with_timeout`)."""
    import pyoxigraph as ox

    from kg.sparql import check_nesting

    check_nesting(sparql)  # Oxigraph's parser would overflow its stack and end the process
    options: dict[str, Any] = {"prefixes": QUERY_PREFIXES}
    union_default_graph = union_default_graph and _has_named_graphs(store)
    if bindings:
        try:
            options["substitutions"] = {ox.Variable(name): to_oxigraph(value) for name, value in bindings.items()}
        except (ValueError, TypeError) as exc:  # a variable name or a term Oxigraph refuses
            raise QueryError(f"cannot bind {', '.join(map(str, bindings))}: {exc}") from None
    try:
        if default_graphs or named_graphs:
            # the protocol's dataset is exactly the graphs named: with only named-graph-uri, the default graph is empty
            options["default_graph"] = [ox.NamedNode(iri) for iri in default_graphs or ()]
        elif union_default_graph:
            options["use_default_graph_as_union"] = True
        if named_graphs:
            options["named_graphs"] = [ox.NamedNode(iri) for iri in named_graphs]
    except (ValueError, TypeError) as exc:  # a bad IRI among the graph names
        raise QueryError(f"bad graph name: {exc}") from None
    try:
        answer = store.query(sparql, **options)
    except SyntaxError as exc:
        raise QueryError(f"syntax error: {exc}") from None
    except (ValueError, UnicodeError) as exc:
        raise QueryError(first_line(exc)) from None
    try:
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult("ASK", boolean=bool(answer)), False
        if isinstance(answer, ox.QuerySolutions):
            variables = tuple(v.value for v in answer.variables)
            rows, truncated = [], False
            for solution in answer:
                if _stop_requested():
                    raise Stopped
                if max_rows is not None and len(rows) >= max_rows:
                    truncated = True
                    break
                rows.append({v: to_rdflib(solution[v]) for v in variables if solution[v] is not None})
            return QueryResult("SELECT", variables, rows), truncated
        graph, truncated = Graph(), False
        for triple in answer:
            if _stop_requested():
                raise Stopped
            if max_rows is not None and len(graph) >= max_rows:
                truncated = True
                break
            graph.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))
        kind = "DESCRIBE" if _is_describe(sparql) else "CONSTRUCT"
        return QueryResult(kind, graph=graph), truncated
    except (OSError, ValueError) as exc:
        raise QueryError(f"cannot evaluate the query: {exc}") from None


def _has_named_graphs(store) -> bool:
    """Whether the union of graphs differs from the default graph (querying the union costs Oxigraph time)."""
    cached = _NAMED.get(id(store))
    if cached is None:
        cached = _NAMED[id(store)] = next(iter(store.named_graphs()), None) is not None
    return cached


_NAMED: dict[int, bool] = {}


def _is_describe(sparql: str) -> bool:
    from kg.sparql import query_keyword

    return query_keyword(sparql) == "DESCRIBE"


def to_oxigraph(term):
    """An rdflib term as the equal pyoxigraph term."""
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))


def to_rdflib(term):
    """A pyoxigraph term as the equal rdflib term."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = URIRef(term.datatype.value)
        return Literal(term.value) if datatype == XSD.string else Literal(term.value, datatype=datatype)
    raise QueryError(f"cannot represent {term!r} in rdflib")
