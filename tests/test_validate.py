"""SHACL validation: the seed graph conforms; each kind of broken graph is reported, by label, path and message."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

import kg
from kg.cli import app
from kg.validate import validate
from kg.vocab import FIGURE, KG, KGR, OA, SPAN

PUE = FIGURE["000_fcbe63b8009f4bc7-sanjiangyuan-big-data-base-pue"]


def test_the_seed_graph_conforms(graph):
    report = validate(graph)
    assert report.conforms, report.text()
    assert report.problems == []
    assert report.unreviewed == 0 and "unreviewed" not in report.text()  # curated throughout


def _remove(*triples):
    def change(g):
        for t in triples:
            g.remove(t)
    return change


def _add(*triples):
    def change(g):
        for t in triples:
            g.add(t)
    return change


def _replace(old, new):
    def change(g):
        g.remove(old)
        g.add(new)
    return change


def _no_evidence(g):
    for span in list(g.objects(KGR.baidu, PROV.wasDerivedFrom)):
        g.remove((KGR.baidu, PROV.wasDerivedFrom, span))


def _wrong_quote_length(g):
    quote = URIRef(str(SPAN["000_fcbe63b8009f4bc7-1320-1325"]) + ".quote")
    g.set((quote, OA.exact, Literal("1.2以下的")))


BROKEN = {
    "no English label": (
        _remove((KGR.qinghai, RDFS.label, Literal("Qinghai Province", lang="en"))),
        "青海省 <https://w3id.org/qhkg/id/qinghai> rdfs:label: needs exactly one English label (@en)",
    ),
    "two Chinese labels": (
        _add((KGR.xining, RDFS.label, Literal("西宁市", lang="zh"))),
        "rdfs:label: needs exactly one Chinese label (@zh)",
    ),
    "two classes": (
        _add((KGR.baidu, RDF.type, KG.GovernmentBody)),
        "百度 / Baidu <https://w3id.org/qhkg/id/baidu> rdf:type: needs exactly one class of the ontology",
    ),
    "no evidence": (_no_evidence, "百度 / Baidu <https://w3id.org/qhkg/id/baidu> prov:wasDerivedFrom: needs evidence"),
    "figure without unit": (
        _remove((PUE, KG.unit, URIRef("https://w3id.org/qhkg/unit/unitless"))),
        "kg:unit: needs exactly one unit of the ontology",
    ),
    "figure value as text": (
        _replace((PUE, RDF.value, Literal("1.2", datatype=XSD.decimal)), (PUE, RDF.value, Literal("1.2以下"))),
        "rdf:value: needs exactly one value, an xsd:decimal or xsd:integer",
    ),
    "figure without date": (
        _remove((PUE, KG.asOf, Literal("2024", datatype=XSD.gYear))),
        "kg:asOf: needs exactly one date (kg:asOf)",
    ),
    "firm settled in a policy": (
        _add((KGR.baidu, KG.settledIn, KGR["east-data-west-computing"])),
        "百度 / Baidu <https://w3id.org/qhkg/id/baidu> kg:settledIn: a firm settles in a region",
    ),
    "region settled somewhere": (
        _add((KGR.xining, KG.settledIn, KGR.qinghai)),
        "西宁 / Xining <https://w3id.org/qhkg/id/xining>: only a firm settles in a region",
    ),
    "policy drafted by a person": (
        _add((KGR["green-computing-power-synergy-work-plan"], KG.draftedBy, KGR["ran-yongming"])),
        "kg:draftedBy: a policy is drafted by an organisation or a region",
    ),
    "event held in a firm": (
        _add((KGR["provincial-green-computing-conference"], KG.heldIn, KGR.baidu)),
        "kg:heldIn: an event is held in a region",
    ),
    "part of another kind": (
        _add((KGR.xining, KG.partOf, KGR["east-data-west-computing"])),
        "is part of https://w3id.org/qhkg/id/east-data-west-computing, which is of another kind",
    ),
    "date as plain text": (
        _add((KGR["qinghai-green-computing-local-standards"], KG.effectiveDate, Literal("2024年1月28日"))),
        "kg:effectiveDate: a date is an xsd:date, xsd:gYearMonth or xsd:gYear",
    ),
    # the ontology's kg:DateOrYear is rdfs:Literal for OWL 2 reasoners: the shapes are what check a date's type
    "figure date as a date-time": (
        _replace((PUE, KG.asOf, Literal("2024", datatype=XSD.gYear)),
                 (PUE, KG.asOf, Literal("2024-01-01T00:00:00", datatype=XSD.dateTime))),
        "kg:asOf: needs exactly one date (kg:asOf)",
    ),
    "figure date as a number": (
        _replace((PUE, KG.asOf, Literal("2024", datatype=XSD.gYear)), (PUE, KG.asOf, Literal(2024))),
        "kg:asOf: needs exactly one date (kg:asOf)",
    ),
    "start date as text": (
        _add((KGR["provincial-green-computing-conference"], KG.startDate, Literal("2024", datatype=XSD.string))),
        "kg:startDate: a date is an xsd:date, xsd:gYearMonth or xsd:gYear",
    ),
    "statement of an unasserted triple": (
        _remove((KGR.alibaba, KG.settledIn, KGR.qinghai)),
        "reifies a triple the graph does not assert",
    ),
    "quote of the wrong length": (_wrong_quote_length, "has a quote that is not end - start characters long"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_each_violation_is_reported(case, graph):
    change, expected = BROKEN[case]
    broken = Graph()
    broken += graph
    broken.namespace_manager = graph.namespace_manager
    change(broken)
    report = validate(broken)
    assert not report.conforms
    lines = [p.line() for p in report.problems]
    assert any(expected in line for line in lines), "\n".join(lines)


@pytest.mark.parametrize("date", [Literal("2024-01-28", datatype=XSD.date),
                                  Literal("2024-01", datatype=XSD.gYearMonth), Literal("2024", datatype=XSD.gYear)])
def test_each_precise_date_type_conforms(graph, date):
    changed = Graph()
    changed += graph
    changed.set((PUE, KG.asOf, date))  # what OWL 2 reasoners cannot take in the ontology, the data keeps
    report = validate(changed)
    assert report.conforms, report.text()


def test_validate_command_exit_codes_and_report(runner, tmp_path, full_graph):
    good = tmp_path / "good.ttl"
    kg.write_graph(full_graph, good)
    ok = runner.invoke(app, ["validate", str(good)])
    assert ok.exit_code == 0 and "conforms to shapes.ttl" in ok.stdout
    broken_graph = Graph()
    broken_graph += full_graph
    broken_graph.remove((KGR.qinghai, RDFS.label, Literal("Qinghai Province", lang="en")))
    broken_graph.add((KGR.baidu, KG.settledIn, KGR["east-data-west-computing"]))
    broken = tmp_path / "broken.ttl"
    kg.write_graph(broken_graph, broken)
    bad = runner.invoke(app, ["validate", str(broken)])
    assert bad.exit_code == 1
    assert "Violation: 青海省 <https://w3id.org/qhkg/id/qinghai> rdfs:label: needs exactly one English label (@en)" in bad.stdout
    assert "does not conform to shapes.ttl: 2 problem(s)" in bad.stdout
    as_json = json.loads(runner.invoke(app, ["validate", str(broken), "--json"]).stdout)
    assert as_json["conforms"] is False
    assert {p["path"] for p in as_json["problems"]} == {"rdfs:label", "kg:settledIn"}
    missing = runner.invoke(app, ["validate", str(tmp_path / "none.ttl")])
    assert missing.exit_code == 2 and "graph file not found" in missing.stderr


def test_every_exported_format_validates(full_graph, tmp_path):
    for fmt in ("ntriples", "trig", "jsonld"):
        path = tmp_path / f"kg.{fmt}"
        kg.write_graph(full_graph, path, fmt)
        assert validate(kg.read_graph(path, fmt)).conforms, fmt


def _second_pue(comparator, value):
    """The seed's PUE figure (at most 1.2) with a second figure of the same measure, entity and date."""
    def change(g):
        other = FIGURE["000_fcbe63b8009f4bc7-sanjiangyuan-big-data-base-pue-other"]
        for p, o in list(g.predicate_objects(PUE)):
            g.add((other, p, o))
        for s, p in list(g.subject_predicates(PUE)):
            g.add((s, p, other))
        g.set((other, RDF.value, Literal(value, datatype=XSD.decimal)))
        g.set((other, KG.comparator, comparator))
    return change


@pytest.mark.parametrize("comparator, value, conflict", [
    (KG.AtLeast, "1.1", False),   # at least 1.1 and at most 1.2: the two ends of a range
    (KG.AtLeast, "1.3", True),    # at least 1.3 and at most 1.2: no value is both
    (KG.Equal, "1.25", True),     # two values for one thing
])
def test_two_figures_of_one_thing_conflict_unless_they_bound_a_range(graph, comparator, value, conflict):
    g = Graph()
    for triple in graph:
        g.add(triple)
    _second_pue(comparator, value)(g)
    report = validate(g)
    found = [p for p in report.problems if "for the same measure of the same entity" in p.message]
    assert bool(found) is conflict, [p.message for p in found]


def test_parsing_each_constraint_query_once_changes_no_result(graph, monkeypatch):
    """kg validate prepares each SPARQL-based constraint once (pyshacl would have rdflib parse it per focus node)."""
    import contextlib

    import kg.validate

    broken = Graph()
    broken += graph
    broken.namespace_manager = graph.namespace_manager
    for case in ("statement of an unasserted triple", "quote of the wrong length"):
        BROKEN[case][0](broken)
    fast = validate(broken)
    monkeypatch.setattr(kg.validate, "_each_query_parsed_once", contextlib.nullcontext)
    plain = validate(broken)
    assert not fast.conforms and len(fast.problems) >= 2
    assert [p.line() for p in fast.problems] == [p.line() for p in plain.problems]
