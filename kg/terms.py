"""RDF terms: the checks of those a user hands kg, and the passage between rdflib and pyoxigraph.

An IRI is well formed when Oxigraph, a strict RDF parser, takes it (RFC 3987, absolute):
what kg writes between ``<`` and ``>`` then parses everywhere.
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import QueryError, first_line


def iri_problem(text: str) -> str | None:
    """Why ``text`` is not a well-formed absolute IRI (the parser's first line), or None when it is."""
    import pyoxigraph as ox

    try:
        ox.NamedNode(text)
    except (ValueError, TypeError, UnicodeError) as exc:
        return first_line(exc)
    return None


def to_oxigraph(term):
    """An rdflib term as the equal pyoxigraph term."""
    import pyoxigraph as ox
    from rdflib import BNode, URIRef
    from rdflib.namespace import XSD

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
    from rdflib import BNode, Literal, URIRef
    from rdflib.namespace import XSD

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


def add_parsed(graph, quads) -> None:
    """Add what pyoxigraph parsed (quads or triples) to an rdflib graph, as rdflib terms; graph names are dropped."""
    graph.addN((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object), graph) for q in quads)


def read_turtle(path: str | Path):
    """A Turtle file as an rdflib Graph, read by Oxigraph's parser (several times faster than rdflib's),
    with the file's prefixes bound. A syntax error is Python's SyntaxError, from Oxigraph."""
    import pyoxigraph as ox
    from rdflib import Graph

    graph = Graph()
    parser = ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
    add_parsed(graph, parser)
    for prefix, namespace in sorted(parser.prefixes.items()):
        graph.bind(prefix, namespace, override=True)
    return graph
