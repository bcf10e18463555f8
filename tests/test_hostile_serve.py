"""`kg serve` against hostile requests and bad start-ups (issue 13): real servers, the real CLI, and fuzzing.

- SSRF: a ``SERVICE`` clause makes no connection unless ``--allow-service`` covers its
  endpoint (a plain socket in the test is the "other server" and counts connections);
- ``default-graph-uri`` / ``named-graph-uri`` that are not IRIs, or name no graph;
- long URLs (414) and long queries (413);
- start-up errors: one ``Error:`` line, exit 2, before anything is announced;
- relative IRIs, resolved against the endpoint's URL;
- property-based fuzzing of the request parsing (hypothesis, in-process), never a 500.
"""

from __future__ import annotations

import http.client
import json
import re
import select
import socket
import subprocess
import sys
import time
import urllib.parse

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kg
from kg.limits import MAX_QUERY_CHARS, MAX_REQUEST_HEAD_BYTES, MAX_REQUEST_PARAMS, MAX_URL_BYTES
from kg.serve import ServeConfig, create_app, wait_until_up
from kg.sparql import pack

from .hostile import ROOT, Listener, assert_user_error, run_kg

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
JSON_RESULTS = {"Accept": "application/sparql-results+json"}


@pytest.fixture(scope="module")
def listener():
    other = Listener()
    yield other
    other.close()


@pytest.fixture(scope="module")
def dataset(full_graph, tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile-serve") / "kg.trig"
    kg.write_graph(full_graph, path, with_ontology=True)
    return path


def start_server(*args: str) -> tuple[subprocess.Popen, str]:
    """`kg serve ARGS --port 0`: the port it announces is the one it bound (it binds before announcing)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--port", "0", *args],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline, seen = time.monotonic() + 60, []
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stderr], [], [], 0.5)
        if ready:
            line = process.stderr.readline()
            if not line:
                break
            seen.append(line)
            found = re.search(r"(http://127\.0\.0\.1:(\d+))/sparql serving", line)
            if found:
                assert int(found.group(2)) > 0
                wait_until_up(found.group(1) + "/health", process)
                return process, found.group(1)
    process.kill()
    pytest.fail(f"kg serve did not announce itself: {''.join(seen)}")


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def served(dataset):
    """The default policy (no --allow-service); one worker, so a dead worker would show at once."""
    process, base = start_server("--graph", str(dataset), "--workers", "1", "--timeout", "5",
                                 "--max-body", str(3 * MAX_QUERY_CHARS))
    yield {"base": base, "endpoint": base + "/sparql"}
    stop_server(process)


@pytest.fixture(scope="module")
def allowing(dataset, listener):
    """--allow-service for the listener's URL, given without the slash after the port."""
    process, base = start_server("--graph", str(dataset), "--workers", "1", "--timeout", "5",
                                 "--allow-service", f"http://127.0.0.1:{listener.port}")
    yield {"base": base, "endpoint": base + "/sparql"}
    stop_server(process)


def health(server) -> dict:
    return httpx.get(server["base"] + "/health").json()


def count(server, **params) -> int:
    response = httpx.get(server["endpoint"], params={"query": COUNT, **params}, headers=JSON_RESULTS)
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


# --- 1. SSRF: SERVICE --------------------------------------------------------------------

#: Ways to write a SERVICE clause to ``{url}`` (the listener), including ones a naive lexer misses.
SERVICE_QUERIES = {
    "iri": "SELECT * WHERE {{ SERVICE <{url}sparql> {{ ?s ?p ?o }} }}",
    "silent": "SELECT * WHERE {{ SERVICE SILENT <{url}sparql> {{ ?s ?p ?o }} }}",
    "lowercase": "select * where {{ service <{url}sparql> {{ ?s ?p ?o }} }}",
    "prefixed-name": "PREFIX remote: <{url}> SELECT * WHERE {{ SERVICE remote:sparql {{ ?s ?p ?o }} }}",
    "after-a-dot": "SELECT * WHERE {{ ?x ?y ?z.SERVICE <{url}sparql> {{ ?s ?p ?o }} }}",
    "after-an-escaped-quote": "PREFIX ex: <http://example.org/> SELECT * WHERE {{ VALUES ?v {{ ex:a\\' }} "
                              "SERVICE <{url}sparql> {{ ?s ?p ?o }} FILTER(?v != 'z') }}",
    "after-an-escaped-hash": "PREFIX ex: <http://example.org/> SELECT * WHERE {{ VALUES ?v {{ ex:a\\#b }} "
                             "SERVICE <{url}sparql> {{ ?s ?p ?o }}\n}}",
    "after-a-code-point-in-an-iri": "SELECT * WHERE {{ ?x ?y ?z FILTER(?z != <http://example.org/\\u0041'>) "
                                    "SERVICE <{url}sparql> {{ ?s ?p ?o }} FILTER(?z != <http://example.org/'>) }}",
}
VARIABLE_ENDPOINT = "SELECT * WHERE {{ BIND(<{url}sparql> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}"


def send(server, query: str, how: str) -> httpx.Response:
    if how == "GET":
        return httpx.get(server["endpoint"], params={"query": query}, timeout=30)
    if how == "form":
        return httpx.post(server["endpoint"], data={"query": query}, timeout=30)
    return httpx.post(server["endpoint"], content=query.encode(), timeout=30,
                      headers={"Content-Type": "application/sparql-query"})


@pytest.mark.parametrize("how", ["GET", "form", "body"])
@pytest.mark.parametrize("name", [*SERVICE_QUERIES, "variable-endpoint"])
def test_service_is_refused_and_nothing_connects(served, listener, name, how):
    listener.received.clear()
    template = SERVICE_QUERIES.get(name, VARIABLE_ENDPOINT)
    response = send(served, template.format(url=f"http://127.0.0.1:{listener.port}/"), how)
    assert response.status_code == 400, response.text
    assert "federated queries are off" in response.text and "--allow-service" in response.text
    time.sleep(0.2)
    assert listener.received == []
    assert health(served)["workers"] == 1


@pytest.mark.parametrize("name", sorted(SERVICE_QUERIES))
def test_allow_service_lets_a_query_call_that_prefix(allowing, listener, name):
    listener.received.clear()
    response = send(allowing, SERVICE_QUERIES[name].format(url=f"http://127.0.0.1:{listener.port}/"), "GET")
    assert listener.wait_for_connection(), response.text
    assert listener.received[0].startswith(b"POST /sparql ")
    # the listener hangs up without answering: SILENT gives an empty answer, the others an error (502 when the
    # call fails as the query starts, 400 "cannot evaluate" when it fails while the results are read)
    assert response.status_code in ((200,) if name == "silent" else (400, 502)), response.text


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:{port}0/",  # the allowed prefix was given without its slash: no other port ...
    "http://127.0.0.1:{port}.evil.example/",  # ... nor another host
    "http://localhost:{port}/",
])
def test_allow_service_allows_only_its_prefix(allowing, listener, url):
    listener.received.clear()
    response = send(allowing, SERVICE_QUERIES["iri"].format(url=url.format(port=listener.port)), "GET")
    assert response.status_code == 400 and "allowed: http://127.0.0.1:" in response.text
    response = send(allowing, VARIABLE_ENDPOINT.format(url=f"http://127.0.0.1:{listener.port}/"), "GET")
    assert response.status_code == 400 and "a variable endpoint" in response.text
    time.sleep(0.2)
    assert listener.received == []


def test_service_as_a_word_elsewhere_is_no_service_clause(served):
    query = ('SELECT ?x WHERE { VALUES ?x { "customer service" <http://example.org/service> } '
             '# SERVICE <http://example.org/>\n}')
    response = httpx.get(served["endpoint"], params={"query": query}, headers=JSON_RESULTS)
    assert response.status_code == 200 and len(response.json()["results"]["bindings"]) == 2


# --- 2. the dataset parameters ---------------------------------------------------------------


@pytest.mark.parametrize("parameter", ["default-graph-uri", "named-graph-uri"])
@pytest.mark.parametrize("value", ["not an iri", "relative/graph", "", "_:b0", "http://exa mple.org/"])
def test_a_graph_uri_that_is_not_an_iri_is_400_and_the_worker_lives(served, parameter, value):
    before = health(served)
    response = httpx.get(served["endpoint"], params={"query": COUNT, parameter: value})
    assert response.status_code == 400
    assert response.text.startswith(f"{parameter} {value!r}: not an absolute IRI")
    assert count(served) > 0  # the next query is answered at once, by the same worker
    after = health(served)
    assert after["workers"] == 1 and after["replaced_workers"] == before["replaced_workers"]


def test_a_graph_uri_naming_no_graph_is_an_empty_graph(served):
    before = health(served)
    assert count(served, **{"default-graph-uri": "https://example.org/no-such-graph"}) == 0
    named = httpx.get(served["endpoint"], headers=JSON_RESULTS, params={
        "query": "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": "https://example.org/no-such-graph"})
    assert named.status_code == 200 and named.json()["results"]["bindings"] == []
    after = health(served)
    assert after["workers"] == 1 and after["replaced_workers"] == before["replaced_workers"]


def test_graph_uris_make_the_dataset_as_the_protocol_says(served):
    """With named-graph-uri alone, the default graph is empty; the named graph is there for GRAPH."""
    from kg.vocab import GRAPH
    from tests.conftest import SEED_ID

    evidence = str(GRAPH[SEED_ID])
    union = count(served)
    assert count(served, **{"named-graph-uri": evidence}) == 0
    inside = count(served, **{"default-graph-uri": evidence})
    assert 0 < inside < union
    named = httpx.get(served["endpoint"], headers=JSON_RESULTS, params={
        "query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": evidence})
    assert int(named.json()["results"]["bindings"][0]["n"]["value"]) == inside


# --- 3. long URLs, long queries, many parameters ---------------------------------------------


def raw_get(server, target: str) -> tuple[int, str]:
    """A GET of any length (httpx refuses URLs over 64 KB itself)."""
    host, port = urllib.parse.urlsplit(server["base"]).netloc.split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        connection.request("GET", target)
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def padded(size: int) -> str:
    """A query of exactly ``size`` characters (a comment pads it)."""
    query = "SELECT * WHERE { ?s ?p ?o } LIMIT 1 #"
    return query + "x" * (size - len(query))


def test_a_200_kb_url_is_414_with_a_message(served):
    target = "/sparql?" + urllib.parse.urlencode({"query": padded(200_000)})
    status, text = raw_get(served, target)
    assert status == 414
    assert f"over the limit of {MAX_URL_BYTES}" in text and "POST" in text
    assert count(served) > 0


def test_a_request_head_over_the_limit_is_refused_and_the_server_lives(served):
    """Header bytes that never end are cut off at MAX_REQUEST_HEAD_BYTES, not buffered."""
    host, port = urllib.parse.urlsplit(served["base"]).netloc.split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")
        line = b"X-Padding: " + b"a" * 60_000 + b"\r\n"
        answer = b""
        try:
            for _ in range(2 * MAX_REQUEST_HEAD_BYTES // len(line) + 2):
                sock.sendall(line)
        except OSError:  # the server answered and closed the connection while we were still sending
            pass
        try:
            while chunk := sock.recv(65536):
                answer += chunk
        except OSError:
            pass
    assert answer.startswith(b"HTTP/1.1 4"), answer[:200]
    assert count(served) > 0


def test_a_url_just_under_the_limit_is_answered(served):
    target = "/sparql?" + urllib.parse.urlencode({"query": padded(MAX_URL_BYTES - 100)})
    assert len(target) <= MAX_URL_BYTES
    status, text = raw_get(served, target)
    assert status == 200, text


def test_a_query_over_max_query_chars_is_413(served):
    at_limit = send(served, padded(MAX_QUERY_CHARS), "body")
    assert at_limit.status_code == 200, at_limit.text
    over = send(served, padded(MAX_QUERY_CHARS + 1), "body")
    assert over.status_code == 413
    assert over.text.strip() == f"query of {MAX_QUERY_CHARS + 1} characters, over the limit of {MAX_QUERY_CHARS}"


def test_too_many_parameters_is_400(served):
    params = [("query", COUNT)] + [("x", str(i)) for i in range(MAX_REQUEST_PARAMS)]
    response = httpx.get(served["endpoint"], params=params)
    assert response.status_code == 400 and f"more than {MAX_REQUEST_PARAMS} parameters" in response.text
    assert httpx.get(served["endpoint"], params=params[:MAX_REQUEST_PARAMS]).status_code == 200


# --- 5. relative IRIs -------------------------------------------------------------------------


def test_relative_iris_resolve_against_the_endpoint_url(served):
    construct = httpx.get(served["endpoint"], params={"query": "CONSTRUCT { <s> <p> 1 } WHERE {}"},
                          headers={"Accept": "application/n-triples"})
    assert construct.status_code == 200, construct.text
    base = served["base"]
    assert construct.text.strip() == f'<{base}/s> <{base}/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .'
    select_ = httpx.get(served["endpoint"], headers=JSON_RESULTS,
                        params={"query": "SELECT ?i ?j WHERE { BIND(<x#y> AS ?i) BIND(<../z> AS ?j) }"})
    row = select_.json()["results"]["bindings"][0]
    assert row["i"]["value"] == f"{base}/x#y" and row["j"]["value"] == f"{base}/z"
    based = httpx.get(served["endpoint"], headers=JSON_RESULTS,
                      params={"query": "BASE <http://example.org/a/> SELECT ?i WHERE { BIND(<b> AS ?i) }"})
    assert based.json()["results"]["bindings"][0]["i"]["value"] == "http://example.org/a/b"


# --- 4. start-up errors -----------------------------------------------------------------------


@pytest.fixture
def busy_port():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(1)
    yield sock.getsockname()[1]
    sock.close()


def test_a_malformed_graph_fails_before_it_is_announced(tmp_path):
    bad = tmp_path / "malformed.ttl"
    bad.write_text('@prefix : <http://example.org/> .\n:a :b "unterminated .\n', encoding="utf-8")
    line = assert_user_error(run_kg("serve", "--graph", bad, "--port", "0", "--workers", "1", timeout=60), str(bad))
    assert "line 2" in line


def test_a_port_in_use_fails_in_one_line(dataset, busy_port):
    line = assert_user_error(run_kg("serve", "--graph", dataset, "--port", str(busy_port), timeout=60),
                             f"127.0.0.1:{busy_port}")
    assert "address already in use" in line


@pytest.mark.parametrize("args, named", [
    (["--port", "70000"], "--port 70000"),
    (["--port", "-1"], "--port -1"),
    (["--host", "no-such-host.invalid"], "no-such-host.invalid"),
    (["--host", "a" * 300], "--host"),
    (["--timeout", "-1"], "--timeout -1"),
    (["--timeout", "0"], "--timeout 0"),
    (["--timeout", "nan"], "--timeout nan"),
    (["--max-rows", "-5"], "--max-rows -5"),
    (["--workers", "-3"], "--workers -3"),
    (["--workers", "0"], "--workers 0"),
    (["--max-body", "0"], "--max-body 0"),
    (["--allow-service", "ftp://example.org/"], "--allow-service"),
    (["--allow-service", "example.org"], "--allow-service"),
])
def test_bad_options_fail_in_one_line(dataset, args, named):
    assert_user_error(run_kg("serve", "--graph", dataset, *args, timeout=60), named)


def test_config_is_checked_by_the_library(dataset):
    from kg.errors import KgError

    with pytest.raises(KgError, match="--workers 0"):
        ServeConfig(graph=dataset, workers=0)
    assert ServeConfig(graph=dataset, allow_service=("https://example.org",)).allow_service == ("https://example.org/",)


# --- 6. fuzzing the request parsing ---------------------------------------------------------------


@pytest.fixture(scope="module")
def client(dataset):
    """The app in-process (Starlette's TestClient), with its real worker process; raises on any app error."""
    import warnings

    with warnings.catch_warnings():  # Starlette would have httpx2 installed for its TestClient; httpx does the job
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    config = ServeConfig(graph=dataset, workers=1, timeout=2, max_rows=20, max_body=20_000)
    with TestClient(create_app(config)) as test_client:
        yield test_client


FUZZ_LISTENER = Listener()
SENTINEL = f"<http://127.0.0.1:{FUZZ_LISTENER.port}/>"

WORDS = [
    "SELECT", "select", "*", "?s", "?p", "?o", "$o", "WHERE", "{", "}", "ASK", "CONSTRUCT", "DESCRIBE", "<s>",
    "<http://example.org/x>", "kg:Firm", "kgr:qinghai", "rdfs:label", "a", ".", ";", ",", "FILTER", "(", ")",
    "LIMIT", "1", "OFFSET", "OPTIONAL", "UNION", "MINUS", "GRAPH", "?g", "VALUES", "BIND", "AS", '"x"', "'y'",
    '"""z"""', "@en", "^^xsd:integer", "PREFIX", "ex:", "<http://example.org/>", "BASE", "#", "\n", "\\", "\\'",
    "SERVICE", "service", "SILENT", SENTINEL, "ex:a\\'", "INSERT", "DATA", "DELETE", "LOAD", "CLEAR", "FROM",
    "NAMED", "\\u0041", "<<", ">>", "<", ">", "!", "=", "REGEX", "STR", "LANG", "&&", "||", "true", "1.5e3",
    "中能建", "\x00", "\ufeff", "\u202e",
]

#: Well-formed queries, so that fuzzed requests also reach a worker and content negotiation.
VALID = [
    *(q.text for q in pack().values()),
    "SELECT * WHERE { ?s ?p ?o } LIMIT 5", "ASK { ?s a kg:Firm }", "CONSTRUCT WHERE { ?s a kg:Firm }",
    "DESCRIBE kgr:qinghai", "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 3", "SELECT (<x> AS ?i) WHERE {}",
    "SELECT ?l WHERE { ?s rdfs:label ?l }", 'SELECT ("a\\u0000b\\u0007" AS ?x) ("\\uFFFE" AS ?y) WHERE {}',
    'SELECT ?x WHERE { VALUES ?x { "x"@en-GB "1"^^xsd:integer <urn:x> "\\t,\\"\\n" } }',
    "CONSTRUCT { ?s <p> \"\\u0001\" } WHERE { VALUES ?s { <urn:a> <urn:b> } }",
]

queries = st.one_of(
    st.sampled_from(VALID),
    st.sampled_from(VALID),
    st.text(max_size=200),
    st.lists(st.sampled_from(WORDS), max_size=25).map(" ".join),
    st.lists(st.sampled_from(WORDS), max_size=25).map("".join),
    # well-formed queries with a SERVICE clause to the listener, written in tricky ways: none may reach it
    st.builds(
        "PREFIX remote: {sentinel} SELECT * WHERE {{ BIND({sentinel} AS ?e) ?x ?y ?z{sep}{keyword}{silent} "
        "{target} {{ ?s ?p ?o }} }}".format,
        sentinel=st.just(SENTINEL),
        sep=st.sampled_from([" ", ".", " .\n", "#c\n", " ; ", ".#\n", "\t"]),
        keyword=st.sampled_from(["SERVICE", "service", "Service", "sErViCe"]),
        silent=st.sampled_from(["", " SILENT", " silent"]),
        target=st.sampled_from([SENTINEL, "remote:sparql", "?e"]),
    ),
)
GRAPH_IRIS = ["https://w3id.org/qhkg/id/graph/000_fcbe63b8009f4bc7", "https://example.org/none", "urn:x"]
iris = st.one_of(st.sampled_from(GRAPH_IRIS), st.sampled_from(GRAPH_IRIS), st.text(max_size=40),
                 st.sampled_from(["", "_:b", "http://exa mple.org/", "relative", "http://[::1", "<urn:x>"]))
header_values = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=60)
accepts = st.one_of(st.none(), header_values, st.sampled_from([
    "*/*", "text/csv", "application/sparql-results+json;q=0.5, text/turtle", "image/png", "text/*;q=nan",
    "application/*;q=x", ",,;", "text/turtle;q=0", "application/sparql-results+xml", "application/rdf+xml",
    "application/ld+json", "text/tab-separated-values", "application/n-triples, */*;q=0.1",
]))
formats = st.one_of(header_values, st.sampled_from(["csv", "json", "ttl", "xml", "nt", "tsv", "jsonld", "rdfxml"]))
content_types = st.one_of(st.none(), header_values, st.sampled_from([
    "application/x-www-form-urlencoded", "application/sparql-query", "application/sparql-update",
    "application/sparql-query; charset=latin-1", "multipart/form-data", "text/plain",
]))


@st.composite
def protocol_requests(draw):
    """(method, URL parameters, headers, body): the protocol's three shapes, and anything else."""
    shape = draw(st.sampled_from(["GET", "GET", "form", "direct", "raw"]))
    params: list[tuple[str, str]] = []
    if draw(st.integers(0, 5)):
        params.append(("query", draw(queries)))
    for name in ("default-graph-uri", "named-graph-uri"):
        if draw(st.integers(0, 2)) == 0:
            params += [(name, iri) for iri in draw(st.lists(iris, min_size=1, max_size=2))]
    if draw(st.integers(0, 2)) == 0:
        params.append(("format", draw(formats)))
    if draw(st.integers(0, 9)) == 0:
        params.append((draw(st.sampled_from(["query", "update", "x", "format", ""])), draw(st.text(max_size=20))))
    headers = {}
    accept = draw(accepts)
    if accept is not None:
        headers["Accept"] = accept
    if shape == "GET":
        return "GET", params, headers, None
    if shape == "form":
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        return "POST", [], headers, urllib.parse.urlencode(params).encode()
    if shape == "direct":
        headers["Content-Type"] = "application/sparql-query"
        return "POST", [p for p in params if p[0] != "query"], headers, draw(queries).encode()
    content_type = draw(content_types)
    if content_type is not None:
        headers["Content-Type"] = content_type
    return "POST", params, headers, draw(st.one_of(st.binary(max_size=300), queries.map(str.encode)))


@settings(max_examples=150, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(sent=protocol_requests())
def test_fuzzed_requests_never_get_a_500(client, sent):
    method, params, headers, body = sent
    response = client.request(method, "/sparql", params=params, headers=headers, content=body)
    assert response.status_code < 500 or response.status_code == 503, (response.status_code, response.text)
    if response.status_code >= 400:
        assert response.text.strip(), response.status_code


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=queries, allow=st.sampled_from([(), ("http://127.0.0.1:1/",)]))
def test_fuzzed_service_check_never_crashes(query, allow):
    from kg.errors import QueryError
    from kg.serve import check_federation

    try:
        check_federation(query, allow)
    except QueryError as exc:
        assert "\n" not in str(exc)


def test_after_the_fuzzing_the_app_is_up_and_nothing_was_called(client):
    assert FUZZ_LISTENER.received == []
    state = client.get("/health").json()
    assert state["status"] == "ok" and state["workers"] == 1
    answer = client.get("/sparql", params={"query": COUNT}, headers=JSON_RESULTS)
    assert answer.status_code == 200 and int(json.loads(answer.text)["results"]["bindings"][0]["n"]["value"]) > 0
