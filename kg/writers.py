"""Deterministic RDF text written by Oxigraph, without rdflib.

Sorted N-Triples lines, and Turtle made from them by Oxigraph's serialiser with
kg's prefixes: the same triples give the same bytes. :mod:`kg.export` writes whole
graphs with these; :mod:`kg.results` writes the graphs CONSTRUCT and DESCRIBE return.
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.prefixes import PREFIXES


def ntriples(triples: Iterable) -> bytes:
    """pyoxigraph triples as N-Triples, one line each, sorted and without repeats."""
    lines = sorted({f"{triple} ." for triple in triples})
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


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
    text = ox.serialize(quads, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    lines = text.split(b"\n")
    count = next((i for i, line in enumerate(lines) if not line.startswith(b"@prefix ")), len(lines))
    return b"\n".join(sorted(lines[:count]) + [b""] + lines[count:])
