"""Checks of the RDF terms a user hands kg, made once for every command.

An IRI is well formed when Oxigraph, a strict RDF parser, takes it (RFC 3987, absolute):
what kg writes between ``<`` and ``>`` then parses everywhere.
"""

from __future__ import annotations

from kg.errors import first_line


def iri_problem(text: str) -> str | None:
    """Why ``text`` is not a well-formed absolute IRI (the parser's first line), or None when it is."""
    import pyoxigraph as ox

    try:
        ox.NamedNode(text)
    except (ValueError, TypeError, UnicodeError) as exc:
        return first_line(exc)
    return None
