"""Every RDF format: round trips through rdflib and Oxigraph, determinism, named graphs, options."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import graph_diff, to_isomorphic
from rdflib.namespace import OWL, PROV, RDF, SDO, XSD

import kg
from kg.cli import app
from kg.export import read_dataset, read_graph, serialize
from kg.formats import RDF_FORMATS as FORMATS
from kg.formats import format_name
from kg.vocab import GRAPH, KG, KGR, ONTOLOGY_IRI

from .conftest import ROOT, run_under_two_hash_seeds

OXIGRAPH = {
    "turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML,
}


def _term(t):
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if t.language:
        return Literal(t.value, lang=t.language)
    datatype = URIRef(t.datatype.value)
    return Literal(t.value) if datatype == XSD.string else Literal(t.value, datatype=datatype)


def oxigraph_graph(data: bytes, fmt: str) -> Graph:
    graph = Graph()
    for quad in ox.parse(data, format=OXIGRAPH[fmt]):
        graph.add((_term(quad.subject), _term(quad.predicate), _term(quad.object)))
    return graph


def assert_isomorphic(first: Graph, second: Graph):
    _, only_first, only_second = graph_diff(to_isomorphic(first), to_isomorphic(second))
    only_first, only_second = sorted(only_first), sorted(only_second)
    assert not only_first and not only_second, (
        f"only in first ({len(only_first)}): {only_first[:5]}\nonly in second ({len(only_second)}): {only_second[:5]}"
    )


def test_every_format_is_covered():
    assert set(FORMATS) == set(OXIGRAPH) == {"turtle", "ntriples", "nquads", "trig", "jsonld", "xml"}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_round_trip_through_rdflib(fmt, full_graph, tmp_path):
    path = tmp_path / f"kg{FORMATS[fmt].suffix}"
    kg.write_graph(full_graph, path)
    parsed = Graph()
    for s, p, o, _ in read_dataset(path).quads():  # rdflib's own parsers
        parsed.add((s, p, o))
    assert_isomorphic(parsed, full_graph)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_read_graph_reads_every_format_back(fmt, full_graph, tmp_path):
    path = tmp_path / f"kg{FORMATS[fmt].suffix}"
    kg.write_graph(full_graph, path)
    assert_isomorphic(read_graph(path), full_graph)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_round_trip_through_oxigraph(fmt, full_graph):
    assert_isomorphic(oxigraph_graph(serialize(full_graph, fmt), fmt), full_graph)


def test_every_format_is_byte_identical_across_processes(tmp_path):
    script = (
        "import sys, kg; from kg.formats import RDF_FORMATS as FORMATS; from kg.export import serialize; g = kg.build()\n"
        "for fmt in FORMATS:\n"
        "    open(sys.argv[1] + '.' + fmt, 'wb').write(serialize(g, fmt))\n"
    )
    first, second = run_under_two_hash_seeds(script, tmp_path)
    for fmt in FORMATS:
        assert Path(f"{first}.{fmt}").read_bytes() == Path(f"{second}.{fmt}").read_bytes(), fmt


def test_trig_and_nquads_keep_each_articles_evidence_in_a_named_graph(full_graph, tmp_path):
    for fmt in ("trig", "nquads"):
        path = tmp_path / f"kg{FORMATS[fmt].suffix}"
        kg.write_graph(full_graph, path)
        dataset = read_dataset(path)
        named = {g.identifier for g in dataset.graphs() if g.identifier != dataset.default_graph.identifier}
        assert GRAPH["000_fcbe63b8009f4bc7"] in named
        evidence = dataset.graph(GRAPH["000_fcbe63b8009f4bc7"])
        default = dataset.default_graph
        assert (None, RDF.type, KG.EvidenceSpan) in evidence and (None, RDF.type, KG.EvidenceSpan) not in default
        assert (KGR.alibaba, KG.settledIn, KGR.qinghai) in default
        assert (KGR.alibaba, PROV.wasDerivedFrom, None) in evidence
        # a reified statement may come from several articles: it lives in the default graph, its evidence does not
        statement = next(default.subjects(RDF.type, RDF.Statement))
        assert (statement, PROV.wasDerivedFrom, None) in evidence and (statement, PROV.wasDerivedFrom, None) not in default


def test_no_provenance_drops_exactly_the_evidence_layer(full_graph):
    compact = Graph().parse(data=serialize(full_graph, "turtle", provenance=False), format="turtle")
    assert (None, RDF.type, KG.EvidenceSpan) not in compact
    assert (None, PROV.wasDerivedFrom, None) not in compact
    assert (None, RDF.type, RDF.Statement) not in compact
    assert (KGR.alibaba, KG.settledIn, KGR.qinghai) in compact
    assert (None, RDF.type, KG.Figure) in compact and (None, RDF.type, KG.Article) in compact
    assert len(compact) < len(full_graph) / 2


def test_with_and_without_ontology(graph):
    data = Graph().parse(data=serialize(graph, "turtle", with_ontology=False), format="turtle")
    merged = Graph().parse(data=serialize(graph, "turtle", with_ontology=True), format="turtle")
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in merged and (ONTOLOGY_IRI, None, None) not in data
    stripped = Graph().parse(data=serialize(merged, "turtle", with_ontology=False), format="turtle")
    assert_isomorphic(stripped, data)


def test_infer_adds_the_owl_rl_closure(graph):
    inferred = Graph().parse(data=serialize(graph, "turtle", infer=True), format="turtle")
    assert (KGR.alibaba, RDF.type, SDO.Organization) in inferred
    assert (KGR.alibaba, RDF.type, KG.Organization) in inferred
    assert (KGR.alibaba, KG.locatedIn, KGR.qinghai) in inferred  # settledIn is a sub-property of locatedIn
    assert (KGR.alibaba, RDF.type, SDO.Organization) not in graph
    assert len(inferred) > len(graph)


def test_jsonld_embeds_the_shipped_context(full_graph):
    document = json.loads(serialize(full_graph, "jsonld"))
    shipped = json.loads((ROOT / "ontology" / "context.jsonld").read_text(encoding="utf-8"))
    assert document["@context"] == shipped["@context"]
    assert all(isinstance(value, str) for value in document["@context"].values()), "no remote context to fetch"


@pytest.mark.parametrize("alias, name", [("ttl", "turtle"), ("nt", "ntriples"), ("nq", "nquads"),
                                         ("json-ld", "jsonld"), ("rdfxml", "xml"), ("TriG", "trig")])
def test_format_aliases(alias, name):
    assert format_name(alias) == name


def test_export_command_defaults_and_options(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "kg.nq"
    result = runner.invoke(app, ["export", "--format", "nq", "-o", str(out)])
    assert result.exit_code == 0, result.output
    summary = kg.summarize(kg.build())  # the ontology is in every format by default (in N-Quads, the default graph)
    assert result.stderr == f"Wrote {out} (nquads): {summary.describe()}\n"
    turtle = tmp_path / "compact.ttl"
    assert runner.invoke(app, ["export", "-f", "ttl", "--no-provenance", "-o", str(turtle)]).exit_code == 0
    compact = Graph().parse(turtle)
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in compact, "Turtle carries the ontology by default"
    assert (None, RDF.type, KG.EvidenceSpan) not in compact
    converted = tmp_path / "converted.rdf"
    assert runner.invoke(app, ["export", "--graph", str(turtle), "-f", "xml", "-o", str(converted)]).exit_code == 0
    assert_isomorphic(Graph().parse(converted, format="xml"), compact)  # RDF/XML holds the ontology as Turtle does
    data = tmp_path / "data.rdf"
    assert runner.invoke(app, ["export", "--graph", str(turtle), "-f", "xml", "--without-ontology", "-o", str(data)]).exit_code == 0
    assert len(Graph().parse(data, format="xml")) == len(compact) - len(kg.ontology.ontology().graph)
    bad = runner.invoke(app, ["export", "-f", "yaml"])
    # the command line's wording (a one-line Error:, or Click's framed usage error) may differ; the value and the choices are named
    said = " ".join(re.sub(r"[│╭╮╰╯─]", " ", bad.stderr).split())
    assert bad.exit_code == 2 and "'yaml'" in said and "turtle, ntriples, nquads, trig, jsonld, xml" in said


def test_ontology_command_writes_the_ontology_alone(runner, tmp_path):
    out = tmp_path / "onto.rdf"
    assert runner.invoke(app, ["ontology", "-f", "xml", "-o", str(out)]).exit_code == 0
    onto = Graph().parse(out, format="xml")
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto and (KGR.qinghai, None, None) not in onto
    markdown = runner.invoke(app, ["ontology", "-f", "markdown"])
    assert "| `kg:Firm` | 企业 | firm |" in markdown.stdout


def test_one_table_names_every_format_in_its_family():
    from kg.formats import (
        NETWORK,
        RDF,
        RESULTS,
        TABLE,
        for_media_type,
        for_path,
        lookup,
    )

    assert {(f.family, f.name) for f in TABLE} >= {(RESULTS, "xml"), (RDF, "xml"), (NETWORK, "json"), (RDF, "jsonld")}
    assert len({(f.family, f.name) for f in TABLE}) == len(TABLE)
    # "xml" is RDF/XML among graphs and SPARQL Results XML among results: looked up within a family
    assert lookup("xml", RDF).media_type == "application/rdf+xml"
    assert lookup("xml", RESULTS).media_type == "application/sparql-results+xml"
    assert lookup("application/json", RESULTS).name == "json" and lookup("json", RDF).name == "jsonld"
    assert for_media_type("text/plain", RDF).name == "ntriples" and for_media_type("text/plain", RESULTS) is None
    assert for_path("kg.owl").name == "xml" and for_path("g.gexf", NETWORK).name == "gexf"
    with pytest.raises(kg.GraphError, match="unknown result format 'yaml'; expected one of: json, xml, csv, tsv"):
        lookup("yaml", RESULTS)


@pytest.mark.parametrize("name", ["turtle", "ntriples", "nquads", "trig", "jsonld", "xml"])
def test_every_rdf_format_names_its_oxigraph_and_rdflib_parsers(name):
    from kg.formats import RDF_FORMATS, oxigraph

    fmt = RDF_FORMATS[name]
    assert oxigraph(fmt) == OXIGRAPH[name]
    assert fmt.rdflib in ("turtle", "nt", "nquads", "trig", "json-ld", "xml")
