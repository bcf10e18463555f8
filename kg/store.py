"""The Oxigraph store: loading RDF files into pyoxigraph and running queries on it.

rdflib is the model kg builds with; Oxigraph is where graphs are queried (``kg
query`` loads a file into an in-memory store, ``kg serve`` keeps a read-only one).
Results come back as kg's :class:`~kg.results.QueryResult`, holding Oxigraph's terms,
so that answering a query never needs rdflib.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

from kg.errors import GraphError, QueryError, first_line
from kg.formats import for_path, oxigraph
from kg.lexer import check_nesting, query_keyword, with_values
from kg.prefixes import PREFIXES
from kg.results import QueryResult
from kg.terms import to_oxigraph, to_rdflib  # noqa: F401  (kg.store.to_rdflib: their older home)

#: kg's prefixes, predeclared for queries as `kg query` does.
QUERY_PREFIXES = PREFIXES


def load_store(path: str | Path):
    """An in-memory pyoxigraph Store holding an RDF file or dataset (named graphs stay named)."""
    import pyoxigraph as ox

    path = Path(path)
    fmt = for_path(path)
    if not path.is_file():
        raise GraphError(f"{path}: graph file not found")
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=oxigraph(fmt))
    except (SyntaxError, ValueError, OSError) as exc:
        raise GraphError(f"{path}: cannot parse as {fmt.name}: {first_line(exc)}") from exc
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
        self._namespace_manager = None

    @property
    def namespace_manager(self):
        """kg's prefixes as an rdflib NamespaceManager (for --bind values written as prefixed names)."""
        if self._namespace_manager is None:
            from kg.graph import new_graph

            self._namespace_manager = new_graph().namespace_manager
        return self._namespace_manager

    @classmethod
    def open(cls, path: str | Path) -> StoreGraph:
        return cls(open_store(path))

    def __len__(self) -> int:
        return len(self.store)


class QuerySyntaxError(QueryError):
    """Oxigraph cannot parse the query."""


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
    base_iri: str | None = None,
) -> tuple[QueryResult, bool]:
    """Run a query on the store; the result and whether ``max_rows`` cut it short.

    A query nested deeper than :data:`kg.limits.MAX_QUERY_NESTING` is refused first (Oxigraph's
    parser would overflow its stack). The caller bounds the time (:func:`kg.sparql.run_with_timeout`)."""
    import pyoxigraph as ox

    check_nesting(sparql)  # Oxigraph's parser would overflow its stack and end the process
    options: dict[str, Any] = {"prefixes": QUERY_PREFIXES}
    if base_iri is not None:  # relative IRIs in the query resolve against it
        options["base_iri"] = base_iri
    union_default_graph = union_default_graph and _has_named_graphs(store)
    if bindings:
        try:
            terms = {name: to_oxigraph(value) for name, value in bindings.items()}
        except (ValueError, TypeError) as exc:  # a term Oxigraph refuses
            raise QueryError(f"cannot bind {', '.join(map(str, bindings))}: {exc}") from None
        # VALUES in the WHERE group: Oxigraph's own substitutions take only variables the query projects
        bound = with_values(sparql, {name: str(term) for name, term in terms.items()})
        if bound is not None:
            sparql = bound
        else:
            options["substitutions"] = {ox.Variable(name): term for name, term in terms.items()}
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
        raise QuerySyntaxError(_syntax_error(exc)) from None
    except (ValueError, UnicodeError, RuntimeError) as exc:  # RuntimeError: substitutions Oxigraph cannot make
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
                rows.append(tuple(solution))
            return QueryResult("SELECT", variables, solutions=rows), truncated
        triples: dict = {}  # without repeats, in the engine's order
        truncated = False
        for triple in answer:
            if _stop_requested():
                raise Stopped
            if max_rows is not None and len(triples) >= max_rows:
                truncated = True
                break
            triples[triple] = None
        kind = "DESCRIBE" if query_keyword(sparql) == "DESCRIBE" else "CONSTRUCT"
        return QueryResult(kind, triples=list(triples)), truncated
    except (OSError, ValueError) as exc:
        raise QueryError(f"cannot evaluate the query: {exc}") from None


def _has_named_graphs(store) -> bool:
    """Whether the union of graphs differs from the default graph (querying the union costs Oxigraph time).

    Asked anew each time (about a microsecond): a cache keyed by the store's id() gave a new store
    the answer of an old one that had held the same address."""
    return next(iter(store.named_graphs()), None) is not None


def _syntax_error(exc: SyntaxError) -> str:
    """Oxigraph's syntax error as kg words them: ``syntax error at line 3, column 2: expected ...``."""
    message = first_line(exc)
    where = re.match(r"error at (\d+):(\d+)(?:-\d+:\d+)?:\s*", message)
    if where:
        return f"syntax error at line {where.group(1)}, column {where.group(2)}: {message[where.end():]}"
    return f"syntax error: {message}"
