"""The ontology: where it lives, and what annotation files may name from it.

Annotation files name entity types, relations, attributes, measures, units and
comparators by their short names (``Province``, ``locatedIn``, ``computingPower``,
``PFlops``, ``le``). This module resolves those names against ``ontology/kg.ttl``,
so that the ontology file is the one list of what is allowed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.errors import OntologyError
from kg.paths import ONTOLOGY_DIR, ONTOLOGY_FILE, PROJECT_ROOT  # noqa: F401  (their older home)
from kg.terms import read_turtle
from kg.vocab import KG

#: The classes a reader sorts entities into, most specific first (a Firm is also an Organization).
CATEGORIES = (KG.Firm, KG.Organization, KG.Region, KG.Facility, KG.Policy, KG.Person, KG.Event)

DATE_RANGES = frozenset({KG.DateOrYear})
TEXT_RANGES = frozenset({RDF.langString})


@dataclass(frozen=True)
class Ontology:
    """The names an annotation file may use, each mapped to its IRI."""

    graph: Graph
    entity_types: dict[str, URIRef]
    relations: dict[str, URIRef]
    attributes: dict[str, URIRef]
    measures: dict[str, URIRef]
    units: dict[str, URIRef]
    comparators: dict[str, URIRef]
    date_bases: dict[str, URIRef]

    def category(self, type_iri: URIRef) -> URIRef:
        """The reader-facing class (Firm, Region, ...) that a type belongs to."""
        ancestors = set(self.graph.transitive_objects(type_iri, RDFS.subClassOf))
        return next(c for c in CATEGORIES if c in ancestors)

    def attribute_kind(self, name: str) -> str:
        """``"date"`` or ``"text"``: what values an attribute takes."""
        ranges = set(self.graph.objects(self.attributes[name], RDFS.range))
        if ranges & DATE_RANGES:
            return "date"
        if ranges & TEXT_RANGES:
            return "text"
        raise OntologyError(f"{ONTOLOGY_FILE}: attribute {name} has no date or text range")

    def label(self, iri: URIRef, lang: str) -> str | None:
        return _labels(self.graph).get((iri, lang))


@cache
def _labels(graph: Graph) -> dict[tuple[URIRef, str], str]:
    """Every rdfs:label of the ontology, by term and language (the ontology does not change in a process)."""
    labels = {}
    for node, label in graph.subject_objects(RDFS.label):
        if isinstance(label, Literal) and label.language:
            labels.setdefault((node, label.language), str(label))
    return labels


def merge_ontology(graph: Graph) -> Graph:
    """The graph with the ontology in it (the graph itself if the ontology is there already)."""
    from kg.vocab import ONTOLOGY_IRI

    if (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in graph:
        return graph
    merged = Graph(namespace_manager=graph.namespace_manager)
    merged += graph
    merged += ontology().graph
    return merged


def strip_ontology(graph: Graph) -> Graph:
    """The graph without the ontology's own triples (its terms' descriptions and their blank nodes)."""
    from rdflib import BNode

    terms = {s for s in ontology().graph.subjects() if isinstance(s, URIRef)}
    blanks: set[BNode] = set()
    frontier = [o for s, _, o in graph if s in terms and isinstance(o, BNode)]
    while frontier:
        node = frontier.pop()
        if node not in blanks:
            blanks.add(node)
            frontier.extend(o for o in graph.objects(node) if isinstance(o, BNode))
    stripped = Graph(namespace_manager=graph.namespace_manager)
    for triple in graph:
        if triple[0] not in terms and triple[0] not in blanks:
            stripped.add(triple)
    return stripped


def load_ontology_graph(path: str | Path = ONTOLOGY_FILE) -> Graph:
    """Parse an ontology file (Turtle)."""
    path = Path(path)
    if not path.is_file():
        raise OntologyError(f"{path}: ontology file not found (run kg from its source checkout)")
    try:
        return read_turtle(path)
    except (SyntaxError, ValueError, OSError) as exc:
        raise OntologyError(f"{path}: cannot parse the ontology: {exc}") from exc


@cache
def ontology() -> Ontology:
    """The project ontology, parsed once per process."""
    graph = load_ontology_graph()
    return Ontology(
        graph=graph,
        entity_types=_descendants(graph, KG.Entity, RDFS.subClassOf),
        relations=_descendants(graph, KG.relatedTo, RDFS.subPropertyOf),
        attributes=_descendants(graph, KG.attribute, RDFS.subPropertyOf),
        measures=_notations(graph, KG.Measure),
        units=_notations(graph, KG.Unit),
        comparators=_notations(graph, KG.Comparator),
        date_bases=_notations(graph, KG.DateBasis),
    )


def _descendants(graph: Graph, root: URIRef, link: URIRef) -> dict[str, URIRef]:
    found = {}
    for node in graph.transitive_subjects(link, root):
        if node != root and isinstance(node, URIRef):
            found[_local_name(node)] = node
    return dict(sorted(found.items()))


def _notations(graph: Graph, cls: URIRef) -> dict[str, URIRef]:
    found = {}
    for node in graph.subjects(RDF.type, cls):
        notation = graph.value(node, SKOS.notation)
        if isinstance(node, URIRef) and notation is not None:
            found[str(notation)] = node
    return dict(sorted(found.items()))


def _local_name(iri: URIRef) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def markdown_tables(onto: Ontology | None = None) -> str:
    """The ontology's classes and properties as Markdown tables, for docs/ontology.md."""
    onto = onto or ontology()
    g = onto.graph
    ns = str(KG)
    classes = sorted(
        (c for c in g.subjects(RDF.type, OWL.Class) if str(c).startswith(ns)), key=_class_order(g)
    )
    lines = ["| Class | 中文 | English | Sub-class of | Aligned to |", "|---|---|---|---|---|"]
    for cls in classes:
        own, standard = _split_parents(g, cls, RDFS.subClassOf, ns)
        lines.append(
            f"| `kg:{_local_name(cls)}` | {onto.label(cls, 'zh')} | {onto.label(cls, 'en')} | {own} | {standard} |"
        )
    lines += ["", "| Property | 中文 | English | Domain → range | Sub-property of | Aligned to |",
              "|---|---|---|---|---|---|"]
    properties = sorted(
        {p for t in (OWL.ObjectProperty, OWL.DatatypeProperty) for p in g.subjects(RDF.type, t)
         if str(p).startswith(ns)},
        key=lambda p: _local_name(p).lower(),
    )
    for prop in properties:
        own, standard = _split_parents(g, prop, RDFS.subPropertyOf, ns)
        domain = _curies(g, g.objects(prop, RDFS.domain)) or "–"
        range_ = _curies(g, g.objects(prop, RDFS.range)) or "–"
        lines.append(
            f"| `kg:{_local_name(prop)}` | {onto.label(prop, 'zh')} | {onto.label(prop, 'en')} "
            f"| {domain} → {range_} | {own} | {standard} |"
        )
    return "\n".join(lines) + "\n"


def _class_order(g: Graph):
    def depth_path(cls: URIRef) -> tuple[str, ...]:
        chain = [cls]
        while True:
            parent = next((p for p in g.objects(chain[-1], RDFS.subClassOf) if str(p).startswith(str(KG))), None)
            if parent is None or parent in chain:
                break
            chain.append(parent)
        return tuple(_local_name(c) for c in reversed(chain))

    return depth_path


def _split_parents(g: Graph, node: URIRef, link: URIRef, ns: str) -> tuple[str, str]:
    parents = list(g.objects(node, link))
    own = _curies(g, [p for p in parents if str(p).startswith(ns)]) or "–"
    standard = _curies(g, [p for p in parents if not str(p).startswith(ns)]) or "–"
    return own, standard


def _curies(g: Graph, nodes) -> str:
    names = sorted(f"`{g.namespace_manager.normalizeUri(n)}`" for n in nodes if isinstance(n, URIRef))
    return ", ".join(names)
