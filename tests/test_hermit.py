"""The ontology opens in OWL 2 tools: HermiT, Protégé's reasoner, loads `kg ontology -f xml` and classifies it.

HermiT accepts only the datatypes of the OWL 2 datatype map; a date type such as
xsd:gYearMonth in the ontology's axioms makes it refuse the whole ontology. The data
keeps its precise date types: ontology/shapes.ttl checks them (tests/test_validate.py).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import owlready2
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD

from kg.export import serialize
from kg.ontology import ontology
from kg.vocab import KG

#: The OWL 2 datatype map (https://www.w3.org/TR/owl2-syntax/#Datatype_Maps).
OWL2_DATATYPE_MAP = frozenset({
    XSD.decimal, XSD.integer, XSD.nonNegativeInteger, XSD.nonPositiveInteger, XSD.positiveInteger,
    XSD.negativeInteger, XSD.long, XSD.int, XSD.short, XSD.byte, XSD.unsignedLong, XSD.unsignedInt,
    XSD.unsignedShort, XSD.unsignedByte, XSD.double, XSD.float,
    XSD.string, XSD.normalizedString, XSD.token, XSD.language, XSD.Name, XSD.NCName, XSD.NMTOKEN,
    XSD.boolean, XSD.hexBinary, XSD.base64Binary, XSD.anyURI, XSD.dateTime, XSD.dateTimeStamp,
    RDF.PlainLiteral, RDF.XMLLiteral, RDFS.Literal, OWL.real, OWL.rational,
})
#: RDF 1.1's name for language-tagged text (rdf:PlainLiteral's tagged half), which OWL 2 tools take as such:
#: the text attributes (kg:jobTitle, ...) range over it, and HermiT loads them (the test below shows it).
ACCEPTED = OWL2_DATATYPE_MAP | {RDF.langString}
CONTROL = "urn:kg-test:control#"


def _java() -> str | None:
    return shutil.which(owlready2.JAVA_EXE)


@pytest.fixture(scope="module")
def hermit(tmp_path_factory) -> dict:
    """`kg ontology -f xml` and a control ontology, classified by HermiT once for the module."""
    if _java() is None:
        reason = f"HermiT needs Java: {owlready2.JAVA_EXE!r} is not on PATH (apt-get install default-jre-headless)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("hermit")
    owl = folder / "kg.owl"
    owl.write_bytes(serialize(ontology().graph, "xml"))  # what `kg ontology -f xml` writes
    control = folder / "control.owl"
    control.write_bytes(_control_ontology().serialize(format="xml", encoding="utf-8"))
    world = owlready2.World()
    world.get_ontology(owl.as_uri()).load()
    world.get_ontology(control.as_uri()).load()
    owlready2.sync_reasoner(world, infer_property_values=False, debug=0)  # raises if HermiT refuses the file
    return {"world": world, "file": owl, "unsatisfiable": {c.iri for c in world.inconsistent_classes()} - {str(OWL.Nothing)}}


def _control_ontology() -> Graph:
    """A class that cannot have members (a firm that is no firm): HermiT must report it, or the check is blind."""
    graph = Graph()
    impossible, ontology_iri = URIRef(CONTROL + "ImpossibleFirm"), URIRef(CONTROL.rstrip("#"))
    graph.add((ontology_iri, RDF.type, OWL.Ontology))
    graph.add((impossible, RDF.type, OWL.Class))
    graph.add((impossible, RDFS.subClassOf, KG.Firm))
    graph.add((impossible, OWL.disjointWith, KG.Firm))
    return graph


def test_hermit_classifies_the_ontology_and_no_kg_class_is_unsatisfiable(hermit):
    world = hermit["world"]
    kg_classes = {c.iri for c in world.classes() if c.iri.startswith(str(KG))}
    assert {str(KG.Firm), str(KG.Province), str(KG.Figure)} <= kg_classes  # HermiT saw the ontology's classes
    assert hermit["unsatisfiable"] & kg_classes == set()
    firm = world[str(KG.Firm)]
    assert world[str(KG.Organization)] in firm.ancestors()  # classification ran and kept the hierarchy


def test_the_check_finds_an_unsatisfiable_class(hermit):
    assert hermit["unsatisfiable"] == {CONTROL + "ImpossibleFirm"}


def _datatypes_in(graph: Graph, node) -> set[URIRef]:
    """The datatypes a data range names: itself, or those of the union, restriction, ... it is built of."""
    if isinstance(node, URIRef):
        return {node}
    found: set[URIRef] = set()
    for link in (OWL.unionOf, OWL.intersectionOf):
        for items in graph.objects(node, link):
            for item in Collection(graph, items):
                found |= _datatypes_in(graph, item)
    for inner in (*graph.objects(node, OWL.onDatatype), *graph.objects(node, OWL.datatypeComplementOf)):
        found |= _datatypes_in(graph, inner)
    for facets in graph.objects(node, OWL.withRestrictions):
        for facet in Collection(graph, facets):
            found |= {v.datatype for v in graph.objects(facet) if isinstance(v, Literal) and v.datatype}
    return found


def _datatype_axioms(graph: Graph) -> dict[str, set[URIRef]]:
    """Each axiom that names datatypes (a data property's range or restriction, a datatype's definition,
    a data range built of others) -> those datatypes."""
    name = graph.namespace_manager.normalizeUri
    data_properties = set(graph.subjects(RDF.type, OWL.DatatypeProperty))
    axioms: dict[str, set[URIRef]] = {}
    for prop in data_properties:
        for range_ in graph.objects(prop, RDFS.range):
            axioms[f"{name(prop)} rdfs:range"] = _datatypes_in(graph, range_)
    for restriction, prop in graph.subject_objects(OWL.onProperty):
        if prop in data_properties:
            for link in (OWL.someValuesFrom, OWL.allValuesFrom, OWL.onDataRange):
                for range_ in graph.objects(restriction, link):
                    axioms.setdefault(f"{name(prop)} {name(link)}", set()).update(_datatypes_in(graph, range_))
    for datatype in graph.subjects(RDF.type, RDFS.Datatype):
        label = name(datatype) if isinstance(datatype, URIRef) else "[ a rdfs:Datatype ]"
        for definition in graph.objects(datatype, OWL.equivalentClass):
            axioms.setdefault(f"{label} owl:equivalentClass", set()).update(_datatypes_in(graph, definition))
        if isinstance(datatype, BNode):  # a union, restriction, ... wherever it is used
            axioms.setdefault(label, set()).update(_datatypes_in(graph, datatype))
    for link in (OWL.onDatatype, OWL.withRestrictions):
        for owner in graph.subjects(link, None):
            axioms.setdefault(f"[ {name(link)} ]", set()).update(_datatypes_in(graph, owner))
    return axioms


def test_the_ontology_names_only_datatypes_of_the_owl2_map():
    graph = ontology().graph
    axioms = _datatype_axioms(graph)
    # a datatype of the ontology's own is allowed when it is defined by a data range of the map
    defined = {d for d in graph.subjects(RDF.type, RDFS.Datatype) if isinstance(d, URIRef) and d not in ACCEPTED}
    for datatype in defined:
        definitions = [_datatypes_in(graph, d) for d in graph.objects(datatype, OWL.equivalentClass)]
        assert definitions and all(d <= ACCEPTED for d in definitions), f"{datatype} has no OWL 2 definition"
    outside = {axiom: sorted(types - ACCEPTED - defined) for axiom, types in axioms.items() if types - ACCEPTED - defined}
    assert not outside, f"datatypes outside the OWL 2 datatype map: {outside}"
    assert axioms, "the ontology has datatype axioms to check"
    everything = set().union(*axioms.values())
    assert not everything & {XSD.gYear, XSD.gYearMonth, XSD.date}  # what HermiT refused: the data's types, not OWL 2's


def test_the_datatype_check_sees_a_union_of_date_types():
    broken = Graph(namespace_manager=ontology().graph.namespace_manager)
    broken += ontology().graph
    union, items = BNode(), BNode()
    Collection(broken, items, [XSD.date, XSD.gYearMonth, XSD.gYear])
    broken.add((union, RDF.type, RDFS.Datatype))
    broken.add((union, OWL.unionOf, items))
    broken.set((KG.asOf, RDFS.range, union))
    seen = _datatype_axioms(broken)
    assert seen["kg:asOf rdfs:range"] == {XSD.date, XSD.gYearMonth, XSD.gYear}


def test_the_date_properties_keep_a_date_range_for_kg():
    # kg.ontology tells date attributes from text attributes by this range; it is a defined datatype (rdfs:Literal)
    onto = ontology()
    assert {onto.attribute_kind(name) for name in ("effectiveDate", "startDate", "completionDate")} == {"date"}
    assert set(onto.graph.objects(KG.DateOrYear, OWL.equivalentClass)) == {RDFS.Literal}
    assert onto.attribute_kind("jobTitle") == "text"


def test_the_file_hermit_read_is_rdf_xml(hermit):
    text = Path(hermit["file"]).read_text(encoding="utf-8")
    assert text.startswith("<?xml") and "rdf:RDF" in text and "XMLSchema#gYear" not in text
