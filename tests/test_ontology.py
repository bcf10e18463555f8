"""The ontology: terms in code match it, every term is labelled, alignments are standard."""

from __future__ import annotations

import pyoxigraph
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SDO, SKOS

from kg.ontology import ONTOLOGY_FILE, load_ontology_graph, ontology
from kg.vocab import KG, MEASURE, UNIT

STANDARD = (
    "https://schema.org/", "http://www.w3.org/ns/org#", "http://www.w3.org/ns/prov#",
    "http://purl.org/dc/terms/", "http://www.w3.org/2004/02/skos/core#", "http://www.w3.org/ns/oa#",
)


@pytest.fixture(scope="module")
def onto_graph():
    return load_ontology_graph()


def _own_terms(graph, namespace):
    return {s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(str(namespace))}


def test_the_vocab_module_lists_exactly_the_ontology_terms(onto_graph):
    in_code = {KG[name] for name in KG.__annotations__}
    assert in_code == _own_terms(onto_graph, KG._NS)


def test_every_term_has_a_chinese_and_an_english_label_and_a_comment(onto_graph):
    terms = _own_terms(onto_graph, KG._NS) | _own_terms(onto_graph, MEASURE) | _own_terms(onto_graph, UNIT)
    for term in terms:
        labels = sorted(lbl.language for lbl in onto_graph.objects(term, RDFS.label) if isinstance(lbl, Literal))
        assert labels == ["en", "zh"], term
        comments = {c.language for c in onto_graph.objects(term, RDFS.comment)}
        assert {"en", "zh"} <= comments, term


def test_every_class_and_property_is_declared(onto_graph):
    for term in _own_terms(onto_graph, KG._NS):
        kinds = set(onto_graph.objects(term, RDF.type))
        declared = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual, RDFS.Datatype}
        assert kinds & (declared | {SKOS.ConceptScheme}), term


def test_alignments_point_at_standard_vocabularies(onto_graph):
    for link in (RDFS.subClassOf, RDFS.subPropertyOf):
        for sub, sup in onto_graph.subject_objects(link):
            if str(sub).startswith(str(KG._NS)) and isinstance(sup, URIRef) and not str(sup).startswith(str(KG._NS)):
                assert str(sup).startswith(STANDARD), (sub, sup)


@pytest.mark.parametrize(
    "cls, standard",
    [
        (KG.Region, SDO.Place),
        (KG.AdministrativeRegion, SDO.AdministrativeArea),
        (KG.Facility, SDO.Place),
        (KG.Organization, URIRef("http://www.w3.org/ns/org#Organization")),
        (KG.Organization, SDO.Organization),
        (KG.Firm, SDO.Corporation),
        (KG.Person, SDO.Person),
        (KG.Event, SDO.Event),
        (KG.Plan, SDO.Legislation),
        (KG.Policy, URIRef("http://purl.org/dc/terms/Policy")),
        (KG.Figure, URIRef("http://www.w3.org/ns/prov#Entity")),
        (KG.EvidenceSpan, URIRef("http://www.w3.org/ns/oa#SpecificResource")),
    ],
)
def test_main_classes_are_aligned(onto_graph, cls, standard):
    assert standard in set(onto_graph.transitive_objects(cls, RDFS.subClassOf))


def test_the_main_classes_exist_and_sort_entities_into_categories():
    onto = ontology()
    for name in ("Region", "Facility", "Firm", "Policy", "Organization", "Person", "Event"):
        assert name in onto.entity_types
    assert onto.category(KG.LocalStandard) == KG.Policy
    assert onto.category(KG.Firm) == KG.Firm
    assert onto.category(KG.City) == KG.Region


def test_ontology_parses_with_oxigraph_too():
    triples = list(pyoxigraph.parse(ONTOLOGY_FILE.read_bytes(), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(triples) == len(load_ontology_graph())


def test_owl_rl_runs_on_the_ontology_alone_and_entails_its_alignments():
    import owlrl
    from rdflib import Graph

    closed = Graph()
    closed += load_ontology_graph()
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closed)
    assert (KG.Firm, RDFS.subClassOf, SDO.Organization) in closed  # Firm ⊑ Organization ⊑ schema:Organization
    assert (KG.settledIn, RDFS.subPropertyOf, SDO.location) in closed  # settledIn ⊑ locatedIn ⊑ schema:location


def test_a_firm_is_a_schema_organization_after_inference(inferred):
    from kg.vocab import KGR

    assert (KGR["iflytek"], RDF.type, SDO.Organization) in inferred
    assert (KGR["qinghai-drc"], RDF.type, SDO.GovernmentOrganization) in inferred
    assert (KGR["qinghai"], RDF.type, URIRef("http://www.w3.org/ns/prov#Agent")) in inferred


def test_the_fast_closure_is_owlrls_closure(full_graph, inferred):
    """`kg.infer` (reasonable for what the data entails, ontology/closure.nt for what the ontology alone does)
    entails what owlrl entails from the seed graph, triple for triple: blank nodes (named afresh on each parse),
    `owl:Thing` types (every resource has one) and tautologies (x rdfs:subClassOf x) aside."""
    import owlrl
    from rdflib import BNode, Graph

    closed = Graph()
    closed += full_graph
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(closed)

    def comparable(graph):
        return {(s, p, o) for s, p, o in graph if not any(isinstance(t, BNode) for t in (s, p, o))
                and not isinstance(s, Literal) and not (p == OWL.sameAs and s == o)
                and not (p == RDF.type and o == OWL.Thing) and not (s == o and p != RDF.type)}

    expected, got = comparable(closed), comparable(inferred)
    assert len(expected) > len(comparable(full_graph)) + 1000  # the closure adds a great deal
    assert expected - got == set(), sorted(expected - got)[:5]
    assert got - expected == set(), sorted(got - expected)[:5]
