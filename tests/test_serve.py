"""`kg serve` as a real server on 127.0.0.1, talked to by real SPARQL clients (SPARQLWrapper, rdflib SPARQLStore)."""

from __future__ import annotations

import csv
import io
import json
import sys
import time
from xml.etree import ElementTree

import httpx
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper

import kg
from kg.cli import app
from kg.sparql import pack

from .conftest import ROOT, free_port, serving

PACK = pack()
MAX_ROWS = 100
TIMEOUT = 2


@pytest.fixture(scope="module")
def served(full_graph, tmp_path_factory):
    """A TriG dataset (evidence in a named graph) served by `kg serve` in a subprocess."""
    dataset = tmp_path_factory.mktemp("serve") / "kg.trig"
    kg.write_graph(full_graph, dataset, with_ontology=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "kg", "serve", "--graph", str(dataset), "--port", str(port),
               "--timeout", str(TIMEOUT), "--max-rows", str(MAX_ROWS), "--max-body", "20000",
               "--cors", "http://allowed.example"]
    with serving(command, base, "/health", cwd=ROOT, text=True):
        yield {"base": base, "endpoint": f"{base}/sparql", "dataset": dataset}


XSD = "http://www.w3.org/2001/XMLSchema#"
#: Oxigraph stores integer subtypes as xsd:integer ("5"^^xsd:nonNegativeInteger comes back "5"^^xsd:integer).
INTEGER_TYPES = {XSD + t for t in ("nonNegativeInteger", "positiveInteger", "int", "long", "short")}


def _datatype(datatype: str | None) -> str | None:
    return XSD + "integer" if datatype in INTEGER_TYPES else datatype


def _cell(term: dict) -> tuple:
    return (term["type"].replace("typed-literal", "literal"), term["value"], term.get("xml:lang"),
            _datatype(term.get("datatype")))


def _rdflib_cell(term) -> tuple:
    from rdflib import Literal, URIRef

    if isinstance(term, URIRef):
        return ("uri", str(term), None, None)
    if isinstance(term, Literal):
        return ("literal", str(term), term.language, _datatype(str(term.datatype)) if term.datatype else None)
    return ("bnode", str(term), None, None)


def same_graph_answer(name, got: Graph, expected: Graph) -> None:
    """CONSTRUCT answers are equal; DESCRIBE is the engine's choice: Oxigraph gives the resource's own
    triples, rdflib its Concise Bounded Description (which adds the reified statements about it)."""
    if PACK[name].kind == "DESCRIBE":
        resource = next(iter(got.subjects()))
        assert set(got) == set(expected.triples((resource, None, None)))
        assert set(got) < set(expected)
    else:
        assert isomorphic(got, expected)


def expected_rows(result) -> list:
    return sorted(
        tuple(_rdflib_cell(b[v]) if v in b else None for v in result.variables) for b in result.bindings
    )


@pytest.mark.parametrize("name", sorted(PACK))
def test_sparqlwrapper_gets_the_same_answer_as_kg_query(name, served, full_graph):
    expected = kg.query(full_graph, name)
    client = SPARQLWrapper(served["endpoint"])
    client.setQuery(PACK[name].text)
    if expected.kind == "SELECT":
        client.setReturnFormat(JSON)
        answer = client.query().convert()
        got = sorted(
            tuple(_cell(b[v]) if v in b else None for v in expected.variables) for b in answer["results"]["bindings"]
        )
        assert got == expected_rows(expected)
    elif expected.kind == "ASK":
        client.setReturnFormat(JSON)
        assert client.query().convert()["boolean"] is expected.boolean
    else:
        client.setReturnFormat(TURTLE)
        same_graph_answer(name, Graph().parse(data=client.query().convert(), format="turtle"), expected.graph)


@pytest.mark.parametrize("name", sorted(PACK))
def test_rdflib_sparqlstore_gets_the_same_answer(name, served, full_graph):
    expected = kg.query(full_graph, name)
    remote = Graph(store=SPARQLStore(query_endpoint=served["endpoint"], returnFormat="xml"))
    answer = remote.query(PACK[name].text)
    if expected.kind == "SELECT":
        got = sorted(tuple(_rdflib_cell(t) if t is not None else None for t in row) for row in answer)
        assert got == expected_rows(expected)
    elif expected.kind == "ASK":
        assert answer.askAnswer is expected.boolean
    else:
        same_graph_answer(name, answer.graph, expected.graph)


SELECT = "SELECT ?firm ?name WHERE { ?firm kg:settledIn kgr:qinghai ; rdfs:label ?name }"


@pytest.mark.parametrize("accept, media, parse", [
    ("application/sparql-results+json", "application/sparql-results+json",
     lambda body: len(json.loads(body)["results"]["bindings"])),
    ("application/sparql-results+xml", "application/sparql-results+xml",
     lambda body: len(ElementTree.fromstring(body).findall(".//{http://www.w3.org/2005/sparql-results#}result"))),
    ("text/csv", "text/csv", lambda body: len(list(csv.reader(io.StringIO(body.decode())))) - 1),
    ("text/tab-separated-values", "text/tab-separated-values", lambda body: len(body.decode().splitlines()) - 1),
    ("application/json;q=0.5, text/csv;q=0.9", "text/csv", lambda body: len(body.decode().strip().splitlines()) - 1),
    ("*/*", "application/sparql-results+json", lambda body: len(json.loads(body)["results"]["bindings"])),
])
def test_select_content_negotiation(served, accept, media, parse):
    response = httpx.get(served["endpoint"], params={"query": SELECT}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    assert parse(response.content) == 14  # 7 firms, a Chinese and an English name each


@pytest.mark.parametrize("accept, rdflib_format", [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld"),
    ("application/rdf+xml", "xml"),
])
def test_construct_content_negotiation(served, full_graph, accept, rdflib_format):
    query = PACK["facilities_subgraph"].text
    response = httpx.post(served["endpoint"], content=query.encode(),
                          headers={"Content-Type": "application/sparql-query", "Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
    assert isomorphic(Graph().parse(data=response.content, format=rdflib_format),
                      kg.query(full_graph, "facilities_subgraph").graph)


def test_format_parameter_overrides_accept(served):
    response = httpx.get(served["endpoint"], params={"query": SELECT, "format": "csv"},
                         headers={"Accept": "application/sparql-results+xml"})
    assert response.headers["content-type"].startswith("text/csv")


def test_unsupported_accept_is_406(served):
    response = httpx.get(served["endpoint"], params={"query": SELECT}, headers={"Accept": "image/png"})
    assert response.status_code == 406 and "application/sparql-results+json" in response.text
    graph = httpx.get(served["endpoint"], params={"query": "DESCRIBE kgr:qinghai"}, headers={"Accept": "text/csv"})
    assert graph.status_code == 406 and "text/turtle" in graph.text


def test_post_form_and_post_query_bodies(served):
    form = httpx.post(served["endpoint"], data={"query": SELECT}, headers={"Accept": "text/csv"})
    direct = httpx.post(served["endpoint"], content=SELECT.encode(),
                        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert form.status_code == direct.status_code == 200
    assert sorted(form.text.splitlines()) == sorted(direct.text.splitlines())
    other = httpx.post(served["endpoint"], content=b"x", headers={"Content-Type": "text/plain"})
    assert other.status_code == 415


def _count(served, **params) -> int:
    response = httpx.get(served["endpoint"], params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", **params},
                         headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.text
    return int(json.loads(response.content)["results"]["bindings"][0]["n"]["value"])


def test_named_graphs_stay_named_and_can_be_selected(served, full_graph):
    graph_iri = "https://w3id.org/qhkg/id/graph/000_fcbe63b8009f4bc7"
    by_graph = httpx.get(served["endpoint"], params={
        "query": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"},
        headers={"Accept": "application/sparql-results+json"}).json()["results"]["bindings"]
    assert [b["g"]["value"] for b in by_graph] == [graph_iri]
    evidence = int(by_graph[0]["n"]["value"])
    union = _count(served)
    assert union == len(full_graph)
    assert _count(served, **{"default-graph-uri": graph_iri}) == evidence < union
    none = httpx.get(served["endpoint"], params={
        "query": "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": "https://example.org/none"},
        headers={"Accept": "text/csv"})
    assert none.text.strip() == "g"


@pytest.mark.parametrize("method, kwargs, path", [
    ("GET", {"params": {"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}}, "/sparql"),
    ("POST", {"data": {"update": "DELETE WHERE { ?s ?p ?o }"}}, "/sparql"),
    ("POST", {"content": b"CLEAR ALL", "headers": {"Content-Type": "application/sparql-update"}}, "/sparql"),
    ("POST", {"content": b"DROP ALL", "headers": {"Content-Type": "application/sparql-query"}}, "/sparql"),
    ("GET", {"params": {"query": "PREFIX a: <urn:a#>\nINSERT DATA { <urn:a> <urn:b> <urn:c> }"}}, "/sparql"),
    ("POST", {"data": {"update": "LOAD <http://example.org/x.ttl>"}}, "/update"),
])
def test_updates_are_refused_whichever_route(served, full_graph, method, kwargs, path):
    response = httpx.request(method, served["base"] + path, **kwargs)
    assert response.status_code == 403 and "read-only" in response.text
    assert _count(served) == len(full_graph)


def test_a_malformed_query_is_400_with_the_parsers_message(served):
    response = httpx.get(served["endpoint"], params={"query": "SELECT ?x WHERE { ?x }"})
    assert response.status_code == 400
    assert "syntax error at line 1, column 23" in response.text


def test_the_body_limit(served):
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 30_000
    response = httpx.post(served["endpoint"], content=big.encode(), headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 413


def test_results_are_capped_with_a_marker(served):
    response = httpx.get(served["endpoint"], params={"query": "SELECT * WHERE { ?s ?p ?o }"},
                         headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200
    assert response.headers["x-kg-truncated"] == "true" and response.headers["x-kg-max-rows"] == str(MAX_ROWS)
    document = response.json()
    assert len(document["results"]["bindings"]) == MAX_ROWS and document["kg:truncated"] == {"maxRows": MAX_ROWS}
    small = httpx.get(served["endpoint"], params={"query": SELECT})
    assert "x-kg-truncated" not in small.headers


def test_a_runaway_query_times_out_and_its_worker_is_replaced(served):
    started = time.monotonic()
    response = httpx.get(served["endpoint"], timeout=30, params={
        "query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"})
    elapsed = time.monotonic() - started
    assert response.status_code == 503 and "longer than 2 s" in response.text
    assert TIMEOUT <= elapsed < TIMEOUT + 3
    assert httpx.get(served["endpoint"], params={"query": SELECT}).status_code == 200
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        health = httpx.get(served["base"] + "/health").json()
        if health["workers"] == 2 and health["replaced_workers"] >= 1:  # the stuck process ended, a fresh one is up
            break
        time.sleep(0.2)
    assert health["workers"] == 2 and health["replaced_workers"] >= 1


def test_no_request_is_dropped_while_a_stuck_process_is_replaced(served):
    """Clients that keep asking while a stuck process is replaced all get their answers: the process stops
    taking connections before it ends, and answers those it took (uvicorn would close them unanswered)."""
    import threading

    before = httpx.get(served["base"] + "/health").json()["replaced_workers"]
    stop, failures, answered = threading.Event(), [], []

    def keep_asking() -> None:
        while not stop.is_set():
            try:  # a new connection each time, as independent clients make
                response = httpx.get(served["endpoint"], params={"query": SELECT}, timeout=10)
                (answered if response.status_code == 200 else failures).append(response.status_code)
            except httpx.HTTPError as exc:
                failures.append(repr(exc))

    askers = [threading.Thread(target=keep_asking) for _ in range(4)]
    for asker in askers:
        asker.start()
    try:
        runaway = httpx.get(served["endpoint"], timeout=30, params={
            "query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"})
        assert runaway.status_code == 503
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            health = httpx.get(served["base"] + "/health").json()
            if health["workers"] == 2 and health["replaced_workers"] > before:
                break
            time.sleep(0.2)
        time.sleep(0.5)
    finally:
        stop.set()
        for asker in askers:
            asker.join()
    assert health["replaced_workers"] > before
    assert not failures and len(answered) > 20, (failures[:5], len(answered))


def test_service_description(served):
    response = httpx.get(served["endpoint"], headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    sd = Graph().parse(data=response.text, format="turtle")
    text = sd.serialize(format="nt")
    assert "sparql-service-description#Service" in text and "sparql-service-description#SPARQL11Query" in text
    assert "https://w3id.org/qhkg/id/graph/000_fcbe63b8009f4bc7" in text
    assert "http://www.w3.org/ns/formats/SPARQL_Results_CSV" in text


def test_query_page_is_offline_and_lists_the_pack(served):
    import re

    page = httpx.get(served["base"] + "/").text
    assert "firms_settled_in_qinghai" in page and "哪些企业落户青海" in page
    assert not re.search(r"<(script|link|img)[^>]+(src|href)\s*=\s*[\"']?https?:", page, re.I)


def test_health(served, full_graph):
    health = httpx.get(served["base"] + "/health").json()
    assert health["status"] == "ok" and health["triples"] == len(full_graph)


def test_cors_only_for_the_configured_origin(served):
    allowed = httpx.get(served["endpoint"], params={"query": SELECT}, headers={"Origin": "http://allowed.example"})
    assert allowed.headers.get("access-control-allow-origin") == "http://allowed.example"
    other = httpx.get(served["endpoint"], params={"query": SELECT}, headers={"Origin": "http://other.example"})
    assert "access-control-allow-origin" not in other.headers


def test_serve_refuses_a_missing_or_unknown_graph_file(runner, tmp_path):
    missing = runner.invoke(app, ["serve", "--graph", str(tmp_path / "none.ttl")])
    assert missing.exit_code == 2 and "graph file not found" in missing.stderr
    odd = tmp_path / "graph.docx"
    odd.write_text("x")
    unknown = runner.invoke(app, ["serve", "--graph", str(odd)])
    assert unknown.exit_code == 2 and "unknown RDF file type" in unknown.stderr
