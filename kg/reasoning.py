"""Inference on request: the OWL-RL (or RDFS) closure of a graph and the ontology.

Queries for standard classes (``schema:Organization``, ``prov:Agent``) find the
project's entities only through the ontology's alignments; the closure makes
those facts explicit. It is slow next to a query (seconds for the seed graph),
so nothing runs it unless asked.
"""

from __future__ import annotations

from rdflib import Graph, Literal
from rdflib.namespace import OWL, RDF

from kg.errors import KgError
from kg.vocab import ONTOLOGY_IRI

RULES = ("owlrl", "rdfs")


def infer(graph: Graph, rules: str = "owlrl") -> Graph:
    """A new graph: ``graph``, the ontology, and what the rules entail from them.

    Two kinds of entailed triple are left out because they only add noise to
    answers and cannot be written as RDF: ``x owl:sameAs x`` and triples whose
    subject is a literal.
    """
    import owlrl

    from kg.graph import new_graph
    from kg.ontology import ontology

    if rules not in RULES:
        raise KgError(f"unknown rules {rules!r}; expected one of: {', '.join(RULES)}")
    semantics = owlrl.OWLRL_Semantics if rules == "owlrl" else owlrl.RDFS_Semantics
    closed = new_graph()
    closed += graph
    if (ONTOLOGY_IRI, RDF.type, OWL.Ontology) not in graph:
        closed += ontology().graph
    owlrl.DeductiveClosure(semantics, axiomatic_triples=False, datatype_axioms=False).expand(closed)
    for s, p, o in list(closed):
        if isinstance(s, Literal) or (p == OWL.sameAs and s == o):
            closed.remove((s, p, o))
    return closed
