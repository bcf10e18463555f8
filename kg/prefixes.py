"""kg's namespaces as plain IRI strings, and the prefixes every graph and query of kg declares.

This is the table :mod:`kg.vocab` builds its rdflib namespaces from; it imports
nothing, so that the paths that never touch rdflib (a query answered by Oxigraph,
the endpoint) declare the same prefixes without importing it.
"""

from __future__ import annotations

BASE = "https://w3id.org/qhkg/"

#: Prefix -> namespace IRI, in the order Turtle output lists them.
PREFIXES: dict[str, str] = {
    "kg": BASE + "def#",
    "kgr": BASE + "id/",
    "fig": BASE + "id/figure/",
    "stmt": BASE + "id/statement/",
    "art": BASE + "id/article/",
    "span": BASE + "id/span/",
    "ev": BASE + "id/graph/",
    "activity": BASE + "id/activity/",
    "agent": BASE + "id/agent/",
    "measure": BASE + "measure/",
    "unit": BASE + "unit/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "oa": "http://www.w3.org/ns/oa#",
    "schema": "https://schema.org/",
    "vann": "http://purl.org/vocab/vann/",
    "qudt": "http://qudt.org/vocab/unit/",
}


def compact(iri: str) -> str:
    """An IRI as a prefixed name where one of kg's prefixes covers it (the longest), else the IRI."""
    best = ""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(PREFIXES.get(best, "")):
            local = iri[len(namespace):]
            if local and all(c.isalnum() or c in "_-." for c in local) and not local.endswith("."):
                best = prefix
    return f"{best}:{iri[len(PREFIXES[best]):]}" if best else iri
