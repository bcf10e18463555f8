"""Inference on request: the OWL-RL (or RDFS) closure of a graph and the ontology.

Queries for standard classes (``schema:Organization``, ``prov:Agent``) find the
project's entities only through the ontology's alignments; the closure makes
those facts explicit. Nothing runs it unless asked.

The OWL-RL closure comes from ``reasonable`` (a compiled OWL 2 RL reasoner, about
20 times faster than owlrl) for what the data entails, and from
``ontology/closure.nt`` for what the ontology alone entails: owlrl's closure of
the ontology, computed once and kept as a generated file (``make docs``). The two
together are owlrl's closure of the graph (a test compares them triple by
triple), less the ``owl:Thing`` types every resource has. RDFS rules still run on
owlrl.
"""

from __future__ import annotations

from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, XSD

from kg.errors import KgError
from kg.ontology import ONTOLOGY_DIR
from kg.vocab import ONTOLOGY_IRI

RULES = ("owlrl", "rdfs")

#: What owlrl entails from the ontology alone (generated: ``python -m kg.docs``).
CLOSURE_FILE = ONTOLOGY_DIR / "closure.nt"


def infer(graph: Graph, rules: str = "owlrl") -> Graph:
    """A new graph: ``graph``, the ontology, and what the rules entail from them.

    Three kinds of entailed triple are left out because they only add noise to
    answers or cannot be written as RDF: ``x owl:sameAs x``, ``x rdf:type owl:Thing``
    and triples whose subject is a literal.
    """
    from kg.graph import new_graph
    from kg.ontology import ontology

    if rules not in RULES:
        raise KgError(f"unknown rules {rules!r}; expected one of: {', '.join(RULES)}")
    closed = new_graph()
    closed += graph
    if (ONTOLOGY_IRI, RDF.type, OWL.Ontology) not in graph:
        closed += ontology().graph
    if rules == "rdfs":
        import owlrl

        owlrl.DeductiveClosure(owlrl.RDFS_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(closed)
    else:
        import reasonable

        reasoner = reasonable.PyReasoner()
        reasoner.from_graph(closed)
        for triple in reasoner.reason():
            closed.add(_plain(triple))
        closed += ontology_closure()
    for triple in list(closed):
        if _noise(triple):
            closed.remove(triple)
    return closed


def _noise(triple: tuple) -> bool:
    """An entailed triple left out of every closure: ``x owl:sameAs x``, ``x rdf:type owl:Thing``, a literal subject."""
    s, p, o = triple
    return isinstance(s, Literal) or (p == OWL.sameAs and s == o) or (p == RDF.type and o == OWL.Thing)


def _plain(triple: tuple) -> tuple:
    """A triple as rdflib reads it from a file: "text"^^xsd:string is the plain literal "text" (one term in RDF 1.1,
    two to rdflib, so the closure would hold each string twice)."""
    s, p, o = triple
    if isinstance(o, Literal) and o.datatype == XSD.string and o.language is None:
        o = Literal(str(o))
    return s, p, o


@cache
def ontology_closure() -> Graph:
    """The triples owlrl entails from the ontology alone (read from :data:`CLOSURE_FILE`)."""
    closure = Graph()
    if CLOSURE_FILE.is_file():
        closure.parse(CLOSURE_FILE, format="nt")
    return closure


def ontology_closure_text() -> str:
    """The N-Triples of :func:`ontology_closure`, one sorted line each: what owlrl entails from the ontology alone
    beyond the ontology itself (no blank nodes, no literal subjects, no ``owl:Thing`` types)."""
    import owlrl

    from kg.graph import new_graph
    from kg.ontology import ontology

    base = ontology().graph
    closed = new_graph()
    closed += base
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(closed)
    lines = set()
    for s, p, o in closed:
        if (s, p, o) in base or not all(isinstance(t, (URIRef, Literal)) for t in (s, p, o)) or _noise((s, p, o)):
            continue
        lines.add(f"{s.n3()} {p.n3()} {o.n3()} .")
    return "".join(line + "\n" for line in sorted(lines))
