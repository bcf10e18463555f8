"""What a query returns: :class:`QueryResult`, and its output in the SPARQL result formats.

A result holds what the engine gave: pyoxigraph terms from Oxigraph, rdflib terms
from rdflib. It is written out by Oxigraph's result serialisers in either case
(SPARQL 1.1 JSON, XML, CSV and TSV; see :data:`kg.formats.RESULT_FORMATS`), and a
graph result as sorted N-Triples or Turtle by :mod:`kg.writers`, so that the command
line answers without importing rdflib. Python values, rdflib terms (``bindings``)
and an rdflib ``graph`` are made from the engine's terms when first asked for.
"""

from __future__ import annotations

import json
from collections import namedtuple
from collections.abc import Iterator, Sequence
from typing import Any

from kg.errors import QueryError
from kg.formats import RDF_FORMATS, RESULT_FORMATS, lookup, oxigraph
from kg.prefixes import compact

GRAPH_KINDS = ("CONSTRUCT", "DESCRIBE")
#: Formats per kind of result; the first is the default when output is not a terminal.
TABULAR_FORMATS = ("csv", "tsv", "json", "xml", "table")
GRAPH_FORMATS = ("turtle", "ntriples", "jsonld", "xml", "table")


class QueryResult:
    """What a query returned: rows (SELECT), a boolean (ASK) or a graph (CONSTRUCT, DESCRIBE).

    ``variables`` names the columns; ``bindings`` are the rows as dicts of rdflib terms
    (an unbound variable is absent); ``graph`` is an rdflib Graph. Iterating gives rows
    as named tuples of Python values (or the graph's triples), :meth:`rows` dicts.
    """

    def __init__(self, kind: str, variables: Sequence[str] = (), bindings: list[dict] | None = None,
                 boolean: bool | None = None, graph: Any = None, namespace_manager: Any = None, *,
                 solutions: list[tuple] | None = None, triples: list | None = None) -> None:
        self.kind = kind
        self.variables = tuple(variables)
        self.boolean = boolean
        self.namespace_manager = namespace_manager
        self._bindings = bindings
        self._solutions = solutions  # Oxigraph's terms, one tuple per row in the order of `variables`
        self._graph = graph
        self._triples = list(dict.fromkeys(triples)) if triples is not None else None  # Oxigraph's triples
        if kind == "SELECT" and bindings is None and solutions is None:
            self._bindings = []

    def __repr__(self) -> str:
        return f"<QueryResult {self.kind} {len(self)}>"

    @property
    def bindings(self) -> list[dict]:
        """The rows as dicts of rdflib terms."""
        if self._bindings is None and self._solutions is not None:
            from kg.terms import to_rdflib

            self._bindings = [
                {v: to_rdflib(term) for v, term in zip(self.variables, row) if term is not None}
                for row in self._solutions
            ]
        return self._bindings if self._bindings is not None else []

    @property
    def graph(self):
        """The graph of a CONSTRUCT or DESCRIBE, as an rdflib Graph (None for SELECT and ASK)."""
        if self._graph is None and self._triples is not None:
            from kg.graph import new_graph
            from kg.terms import to_rdflib

            graph = new_graph()
            graph.addN((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object), graph)
                       for t in self._triples)
            self._graph = graph
        return self._graph

    def __len__(self) -> int:
        if self.kind == "SELECT":
            return len(self._solutions) if self._solutions is not None else len(self.bindings)
        if self.kind == "ASK":
            return 1
        return len(self._triples) if self._triples is not None else len(self.graph)

    def __bool__(self) -> bool:
        return bool(self.boolean) if self.kind == "ASK" else len(self) > 0

    def __iter__(self) -> Iterator[Any]:
        """Rows as named tuples of Python values (SELECT), or the triples of the graph."""
        if self.kind == "SELECT":
            row_type = namedtuple("Row", self.variables, rename=True)
            for binding in self.bindings:
                yield row_type(*(to_python(binding.get(v)) for v in self.variables))
        elif self.kind == "ASK":
            yield self.boolean
        else:
            yield from sorted(self.graph)

    def rows(self) -> list[dict[str, Any]]:
        """SELECT rows as dicts of Python values (an unbound variable is None)."""
        return [{v: to_python(binding.get(v)) for v in self.variables} for binding in self.bindings]

    def to_dataframe(self):
        """The rows as a pandas DataFrame (pandas is an optional dependency)."""
        try:
            import pandas as pd
        except ImportError:
            raise QueryError("to_dataframe needs pandas: pip install pandas") from None
        if self.kind == "SELECT":
            return pd.DataFrame(self.rows(), columns=list(self.variables))
        if self.kind == "ASK":
            return pd.DataFrame({"boolean": [self.boolean]})
        return pd.DataFrame([tuple(map(str, t)) for t in self], columns=["subject", "predicate", "object"])

    def formats(self) -> tuple[str, ...]:
        return GRAPH_FORMATS if self.kind in GRAPH_KINDS else TABULAR_FORMATS

    def check_format(self, format: str) -> str:
        """kg's name of a format this kind of result can be written in (QueryError if none)."""
        key = format.lower()
        if key != "table":
            try:
                key = lookup(key, "rdf" if self.kind in GRAPH_KINDS else "results").name
            except QueryError:
                pass
        if key not in self.formats():
            raise QueryError(
                f"format {format!r} does not apply to {self.kind} results; use one of: {', '.join(self.formats())}"
            )
        return key

    def serialize(self, format: str) -> bytes:
        """The result in a SPARQL 1.1 result format (csv, tsv, json, xml) or an RDF format."""
        fmt = self.check_format(format)
        if fmt == "table":
            raise QueryError("the table format is drawn by the command line; use csv, tsv, json or xml")
        if self.kind in GRAPH_KINDS:
            return self._graph_bytes(fmt)
        if self.kind == "ASK" and fmt in ("csv", "tsv"):  # the standard gives no form; kg writes one row
            return f"boolean\r\n{str(self.boolean).lower()}\r\n".encode() if fmt == "csv" else \
                f"?boolean\n{str(self.boolean).lower()}\n".encode()
        import pyoxigraph as ox

        if self.kind == "ASK":
            document, source = json.dumps({"head": {}, "boolean": bool(self.boolean)}).encode(), ox.QueryResultsFormat.JSON
        else:
            document, source = self._tsv_document(), ox.QueryResultsFormat.TSV
        data = ox.parse_query_results(document, format=source).serialize(format=oxigraph(RESULT_FORMATS[fmt]))
        return data if data.endswith(b"\n") else data + b"\n"

    def _tsv_document(self) -> bytes:
        """The rows as SPARQL 1.1 TSV, terms in N-Triples syntax (which Oxigraph's terms print as), from
        whichever engine's terms the result holds: Oxigraph's serialisers then write every format from it."""
        if self._solutions is not None:
            rows = self._solutions
        else:
            from kg.terms import to_oxigraph

            rows = [tuple(to_oxigraph(b[v]) if v in b else None for v in self.variables) for b in self.bindings]
        lines = ["\t".join(f"?{v}" for v in self.variables)]
        lines.extend("\t".join("" if term is None else str(term) for term in row) for row in rows)
        return ("\n".join(lines) + "\n").encode("utf-8")

    def _graph_bytes(self, fmt: str) -> bytes:
        """A graph result in an RDF format: by Oxigraph when it can (no blank nodes to label canonically)."""
        if self._triples is not None and fmt in ("ntriples", "turtle") and not _has_blank_nodes(self._triples):
            from kg.writers import ntriples, turtle_from_ntriples

            data = ntriples(self._triples)
            return turtle_from_ntriples(data) if fmt == "turtle" else data
        from kg.export import serialize

        return serialize(self.graph, RDF_FORMATS[fmt].name)

    def display(self, term: Any) -> str:
        """A term as a person reads it: a prefixed name, or a literal's text."""
        if term is None:
            return ""
        if isinstance(term, str):  # rdflib's terms are strings
            return compact(term) if type(term).__name__ == "URIRef" else str(term)
        if type(term).__name__ == "NamedNode":
            return compact(term.value)
        return term.value

    def table_rows(self) -> list[tuple]:
        """The rows (or the triples, sorted) as terms, for drawing a table."""
        if self.kind == "SELECT":
            if self._solutions is not None:
                return list(self._solutions)
            return [tuple(b.get(v) for v in self.variables) for b in self.bindings]
        if self.kind == "ASK":
            return [(str(self.boolean).lower(),)]
        if self._triples is not None:
            return [(t.subject, t.predicate, t.object) for t in sorted(self._triples, key=str)]
        return sorted(self.graph)


def _has_blank_nodes(triples: list) -> bool:
    return any(type(t.subject).__name__ == "BlankNode" or type(t.object).__name__ == "BlankNode" for t in triples)


def to_python(term: Any) -> Any:
    """A term as a plain Python value: IRIs and texts as str, numbers and dates as themselves."""
    from rdflib import Literal

    if term is None:
        return None
    if isinstance(term, Literal):
        if term.language is not None:
            return str(term)
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value
    return str(term)
