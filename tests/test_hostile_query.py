"""Hostile-input matrix: `kg query` and `kg push`.

Each case runs the real ``kg`` command (``tests/hostile.py``) and, for push, a real
``oxigraph serve``: a query that never ends stops at ``--timeout`` or at Ctrl-C on
both engines; a query or a file that names a URL makes kg fetch nothing; every
``--bind`` value is a term or a one-line error; a push with a bad option sends
nothing, and a push that fails midway leaves the target graph as it was.
"""

from __future__ import annotations

import http.server
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rdflib import Literal, URIRef

import kg
from kg.errors import QueryError
from kg.graph import new_graph
from kg.bindings import parse_binding, to_term
from kg.lexer import query_variables
from kg.terms import to_oxigraph
from tests.conftest import SEED_ANNOTATIONS
from tests.hostile import ROOT, Listener, assert_user_error, run_kg, stderr_text

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CARTESIAN_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("store")
    store = folder / "oxigraph"
    proc = run_kg("build", SEED_ANNOTATIONS, "-o", folder / "seed.ttl", "--no-cache", "--store", f"oxigraph:{store}")
    assert proc.returncode == 0, stderr_text(proc)
    return store


@pytest.fixture(params=["memory", "oxigraph"])
def engine(request, seed_ttl, seed_store) -> list[str]:
    """The options that pick the graph: the Turtle file in rdflib, or the on-disk Oxigraph store."""
    return ["--graph", str(seed_ttl)] if request.param == "memory" else ["--store", f"oxigraph:{seed_store}"]


# --- time limits and Ctrl-C ----------------------------------------------------------------


@pytest.mark.parametrize("text", [CARTESIAN, CARTESIAN_COUNT], ids=["rows", "aggregate"])
def test_timeout_stops_a_cartesian_product(engine, text):
    start = time.monotonic()
    proc = run_kg("query", "-e", text, *engine, "--timeout", "2", "-f", "csv", timeout=60)
    elapsed = time.monotonic() - start
    assert_user_error(proc, "expression: stopped after 2 s", "--timeout")
    assert elapsed < 10, f"took {elapsed:.1f} s"


def test_a_quick_query_is_not_touched_by_the_timeout(engine):
    proc = run_kg("query", "firms_settled_in_qinghai", *engine, "--timeout", "30", "-f", "csv")
    assert proc.returncode == 0, stderr_text(proc)
    assert len(proc.stdout.decode().strip().splitlines()) == 8


# rdflib's worker is stopped by an exception raised in it at its next instruction; when that instruction is in a
# garbage-collector hook the thread runs for someone else (hypothesis installs one in this process), Python
# reports the exception there as "ignored", and kg raises it again until the thread ends: that report is expected
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("engine_name", ["memory", "oxigraph"])
def test_a_timed_out_query_stops_its_worker_thread_too(engine_name, full_graph, seed_store):
    from kg.sparql import QueryTimeout
    from kg.store import StoreGraph

    graph = full_graph if engine_name == "memory" else StoreGraph.open(seed_store)
    start = time.monotonic()
    with pytest.raises(QueryTimeout, match=r"^query: stopped after 1 s \(--timeout\)$"):
        kg.query(graph, CARTESIAN, timeout=1)
    assert time.monotonic() - start < 5
    deadline = time.monotonic() + 5
    while any(t.name.startswith("kg-query-") for t in threading.enumerate()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [t.name for t in threading.enumerate() if t.name.startswith("kg-query-")], "the worker kept running"
    assert kg.query(graph, "firms_settled_in_qinghai", timeout=30).rows()  # the graph is still usable


@pytest.mark.parametrize("value", ["-1", "nan", "soon"])
def test_a_bad_timeout_is_a_one_line_error(seed_ttl, value):
    proc = run_kg("query", "firms_settled_in_qinghai", "--graph", seed_ttl, "--timeout", value)
    assert_user_error(proc, "--timeout")


@pytest.mark.parametrize("text", [CARTESIAN, CARTESIAN_COUNT], ids=["rows", "aggregate"])
def test_ctrl_c_stops_a_query_at_once(engine, text):
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"}
    process = subprocess.Popen([sys.executable, "-m", "kg", "query", "-e", text, *engine, "--timeout", "0", "-f", "csv"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=environment)
    try:
        time.sleep(2)
        assert process.poll() is None, "the query ended before Ctrl-C"
        sent = time.monotonic()
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=15)
        elapsed = time.monotonic() - sent
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert elapsed < 3, f"still running {elapsed:.1f} s after Ctrl-C"
    proc = subprocess.CompletedProcess(process.args, process.returncode, b"", stderr)
    assert_user_error(proc, "interrupted", code=130)


def test_a_query_above_the_size_limit_is_a_one_line_error(seed_ttl, tmp_path):
    from kg.limits import MAX_QUERY_CHARS

    below = tmp_path / "below.rq"
    below.write_text("#" * (MAX_QUERY_CHARS - 100) + "\nASK { ?s ?p ?o }\n")
    assert run_kg("query", below, "--graph", seed_ttl, "-f", "csv").returncode == 0
    above = tmp_path / "above.rq"
    above.write_text("#" * MAX_QUERY_CHARS + "\nASK { ?s ?p ?o }\n")
    assert_user_error(run_kg("query", above, "--graph", seed_ttl), "above.rq", f"at most {MAX_QUERY_CHARS:,}")
    huge = tmp_path / "huge.rq"
    huge.write_bytes(b"#" * (4 * MAX_QUERY_CHARS + 1))
    assert_user_error(run_kg("query", huge, "--graph", seed_ttl), "huge.rq", "bytes")


@pytest.mark.parametrize("shape", ["{}", "()", "!"])
def test_a_query_nested_too_deep_is_a_one_line_error_not_a_crash(engine, shape):
    from kg.limits import MAX_QUERY_NESTING

    def nested(depth: int) -> str:
        if shape == "{}":
            return "SELECT * WHERE " + "{" * depth + "}" * depth
        if shape == "()":
            return "ASK { FILTER(" + "(" * depth + "true" + ")" * depth + ") }"
        return "ASK { FILTER(" + "! " * depth + "true) }"

    for depth in (MAX_QUERY_NESTING - 3, MAX_QUERY_NESTING + 1, 5_000, 50_000):
        proc = run_kg("query", "-e", nested(depth), *engine, "-f", "csv")
        if depth <= MAX_QUERY_NESTING:  # an answer, or rdflib's parser giving up, in one line
            if proc.returncode != 0:
                assert_user_error(proc, "expression")
        else:
            assert_user_error(proc, "expression", f"nested more than {MAX_QUERY_NESTING} deep")


# --- nothing is fetched --------------------------------------------------------------------


@pytest.fixture
def listener():
    sink = Listener()
    yield sink
    sink.close()


def test_service_is_refused_and_no_request_goes_out(engine, listener, tmp_path):
    text = f"SELECT * WHERE {{ SERVICE <{listener.url}/sparql> {{ ?s ?p ?o }} }}"
    proc = run_kg("query", "-e", text, *engine)
    assert_user_error(proc, "expression", f"SERVICE <{listener.url}/sparql>")
    query_file = tmp_path / "federated.rq"
    query_file.write_text(f"PREFIX remote: <{listener.url}/>\nSELECT * WHERE {{ SERVICE SILENT remote:sparql {{ ?s ?p ?o }} }}\n")
    proc = run_kg("query", query_file, *engine)
    assert_user_error(proc, "federated", "SERVICE")
    assert listener.connections == 0


@pytest.mark.parametrize("clause", ["FROM <{url}/g.ttl>", "FROM NAMED <{url}/g.ttl>"])
def test_from_loads_no_graph(engine, listener, clause):
    text = f"SELECT * {clause.format(url=listener.url)} WHERE {{ ?s ?p ?o }} LIMIT 1"
    proc = run_kg("query", "-e", text, *engine, "-f", "csv")
    assert "Traceback" not in stderr_text(proc)
    assert proc.returncode in (0, 2), stderr_text(proc)
    assert listener.connections == 0


def test_rdflib_loads_no_graph_even_on_a_dataset(listener):
    from rdflib import Dataset

    result = kg.query(Dataset(), f"SELECT * FROM <{listener.url}/g.ttl> WHERE {{ ?s ?p ?o }}")
    assert result.rows() == []
    assert listener.connections == 0


def _jsonld_with_remote_context(path: Path, url: str) -> Path:
    path.write_text('{"@context": "' + url + '/context.jsonld", "@id": "http://example.org/a", "name": "A"}\n')
    return path


def test_query_a_jsonld_file_with_a_remote_context_fetches_nothing(listener, tmp_path):
    source = _jsonld_with_remote_context(tmp_path / "g.jsonld", listener.url)
    proc = run_kg("query", "-e", "SELECT * WHERE { ?s ?p ?o }", "--graph", source)
    assert_user_error(proc, "g.jsonld")
    assert listener.connections == 0


def test_push_a_jsonld_file_with_a_remote_context_fetches_nothing(listener, tmp_path):
    source = _jsonld_with_remote_context(tmp_path / "g.jsonld", listener.url)
    proc = run_kg("push", source, "--endpoint", f"{listener.url}/store")
    assert_user_error(proc, "g.jsonld", "remote JSON-LD context", f"{listener.url}/context.jsonld", "kg fetches no URL")
    assert listener.connections == 0


# --- --bind --------------------------------------------------------------------------------

BIND_QUERY = "SELECT ?x ?label WHERE { ?x rdfs:label ?label } LIMIT 3"


@pytest.mark.parametrize(
    "binding, names",
    [
        ("x=<bad ir>", ["<bad ir>", "not a valid absolute IRI"]),
        ("x=<relative/path>", ["<relative/path>", "not a valid absolute IRI"]),
        ("x=<http://example.org/a>b", ["IRI"]),
        ('x="abc', ['"abc', "quoted literal ends with its quote"]),
        ("x='abc\"", ["quoted literal"]),
        ('label="abc"@zh_CN!', ["zh_CN!", "not a language tag"]),
        ('label="abc"^^xsd:integer', ["'abc' is not a valid", "XMLSchema#integer"]),
        ('label="abc"^^nope:type', ["unknown prefix", "nope:type"]),
        ('label="maybe"^^xsd:boolean', ["'maybe' is not a valid", "XMLSchema#boolean"]),
        ('label="a\\qb"', ["unknown escape"]),
        ("x=nope:thing", ["unknown prefix in 'nope:thing'"]),
        ("x=http://example.org/a", ["angle brackets", "<http://example.org/a>"]),
        ("x=_:b0", ["blank node"]),
        ("=kgr:qinghai", ["bad --bind"]),
        ("x y=1", ["bad --bind"]),
        ("nothere=kgr:qinghai", ["--bind nothere", "has no variable ?nothere", "?label, ?x"]),
    ],
)
def test_a_bad_bind_value_is_a_one_line_error(seed_ttl, binding, names):
    proc = run_kg("query", "-e", BIND_QUERY, "--graph", seed_ttl, "--bind", binding)
    assert_user_error(proc, *names)


def test_a_bind_value_that_is_not_utf8_is_a_one_line_error(seed_ttl):
    proc = subprocess.run([sys.executable, "-m", "kg", "query", "-e", BIND_QUERY, "--graph", seed_ttl,
                           "--bind", b"label=\xff\xfe"], capture_output=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "LC_ALL": "C.UTF-8"})
    assert_user_error(proc, "not valid UTF-8")


@pytest.mark.parametrize("binding, rows", [
    ('label="青海省"@zh', 1), ("x=kgr:qinghai", 2), ("x=<https://w3id.org/qhkg/id/qinghai>", 2),
    ("?x=kgr:qinghai", 2), ("$x=kgr:qinghai", 2), ('label="\\u9752\\u6d77\\u7701"@zh', 1),
])
def test_good_bind_values_work_on_both_engines(engine, binding, rows):
    proc = run_kg("query", "-e", BIND_QUERY, *engine, "--bind", binding, "-f", "csv")
    assert proc.returncode == 0, stderr_text(proc)
    assert stderr_text(proc).strip() == f"{rows} row(s)"


def test_bind_values_are_terms():
    nm = new_graph().namespace_manager
    assert to_term("42", nm).datatype.endswith("#integer")
    assert to_term("-4.5", nm).datatype.endswith("#decimal")
    assert to_term("1e3", nm).datatype.endswith("#double")
    assert str(to_term('"a\\"b"', nm)) == 'a"b'
    assert to_term('"""two\nlines"""', nm).value == "two\nlines"
    assert to_term("plain words", nm).value == "plain words"
    assert to_term("true", nm).value == "true"  # a word, not a boolean
    assert to_term('"2024-01-01"^^xsd:date', nm).value.year == 2024


def test_query_variables_skip_strings_comments_and_iris():
    text = 'SELECT ?a $b WHERE { ?a <http://x/?notvar> "?notvar" . # ?comment\n ?a ?c ?b }'
    assert query_variables(text) == {"a", "b", "c"}


# Text that looks like each kind of term, so the fuzzing reaches every branch of to_term.
_ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=40)
_TERMISH = st.one_of(
    _ANY_TEXT,
    st.builds(lambda q, body, tail: q + body + q + tail, st.sampled_from(['"', "'", '"""', "'''"]), _ANY_TEXT,
              st.one_of(st.just(""), st.builds("@{}".format, _ANY_TEXT), st.builds("^^{}".format, _ANY_TEXT),
                        st.sampled_from(["^^xsd:integer", "^^xsd:date", "^^xsd:boolean", "@zh", "^^<>"]))),
    st.builds("<{}>".format, _ANY_TEXT),
    st.builds("{}:{}".format, st.sampled_from(["kgr", "kg", "xsd", "nope", "_", "http", ""]), _ANY_TEXT),
    st.from_regex(r"\A[+-]?[0-9]*\.?[0-9]*([eE][+-]?[0-9]*)?\Z"),
    st.builds(lambda q, body: q + body, st.sampled_from(['"', "'", "<"]), st.text("\\\"'uU0123456789abcdefnrt@^<>:", max_size=30)),
)


@pytest.mark.filterwarnings("error")  # a warning from rdflib (a "weird boolean") is not an answer either
@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(name=st.one_of(st.sampled_from(["x", "?x", "$x", "", " x "]), _ANY_TEXT), value=_TERMISH)
def test_bind_parsing_gives_a_term_or_a_query_error(name, value):
    nm = new_graph().namespace_manager
    try:
        variable, text = parse_binding(f"{name}={value}")
        term = to_term(text, nm)
    except QueryError as exc:
        assert "\n" not in str(exc), "an error is one line"
        return
    assert variable and isinstance(term, (URIRef, Literal))
    to_oxigraph(term)  # every term kg accepts, Oxigraph takes too


# --- kg push -------------------------------------------------------------------------------


def _select(server: str, text: str) -> list[dict[str, str]]:
    import json

    request = urllib.request.Request(f"{server}/query", data=urllib.parse.urlencode({"query": text}).encode(),
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        rows = json.load(response)["results"]["bindings"]
    return [{k: v["value"] for k, v in row.items()} for row in rows]


def _count(server: str, graph: str | None) -> int:
    where = "?s ?p ?o" if graph is None else f"GRAPH <{graph}> {{ ?s ?p ?o }}"
    return int(_select(server, f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")[0]["n"])


def _graph_names(server: str) -> set[str]:
    return {row["g"] for row in _select(server, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}


def _update(server: str, text: str) -> None:
    request = urllib.request.Request(f"{server}/update", data=text.encode(), method="POST",
                                     headers={"Content-Type": "application/sparql-update"})
    with urllib.request.urlopen(request, timeout=30):
        pass


@pytest.fixture
def preloaded(oxigraph_server, request):
    """A target graph on the server holding 3 triples: what a bad push must leave alone."""
    target = "https://example.org/graphs/" + re.sub(r"[^A-Za-z0-9_-]+", "-", request.node.name)
    _update(oxigraph_server, f"DROP SILENT GRAPH <{target}> ; INSERT DATA {{ GRAPH <{target}> {{ "
                             "<https://example.org/a> <https://example.org/p> 1, 2, 3 } }")
    assert _count(oxigraph_server, target) == 3
    return target


@pytest.fixture(scope="module")
def seed_nt(tmp_path_factory, graph) -> Path:
    path = tmp_path_factory.mktemp("push") / "seed.nt"
    kg.write_graph(graph, path)
    return path


class FaultyProxy:
    """A proxy in front of the server that counts requests and fails the one numbered ``fail_at``:
    ``refuse`` answers HTTP 500, ``hang_up`` closes the connection without an answer."""

    def __init__(self, upstream: str, fail_at: int | None = None, mode: str = "refuse") -> None:
        self.upstream, self.fail_at, self.mode = upstream, fail_at, mode
        self.bodies: list[str] = []
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_PUT(self) -> None:
                self.do_POST()

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                proxy.bodies.append(body.decode("utf-8", "replace"))
                if len(proxy.bodies) == proxy.fail_at:
                    if proxy.mode == "hang_up":
                        self.close_connection = True
                        self.connection.shutdown(socket.SHUT_RDWR)
                        return
                    self.send_response(500, "Injected failure")
                    self.end_headers()
                    self.wfile.write(b"injected failure\n")
                    return
                request = urllib.request.Request(proxy.upstream + self.path, data=body, method=self.command,
                                                 headers={"Content-Type": self.headers["Content-Type"]})
                try:
                    with urllib.request.urlopen(request, timeout=30) as response:
                        status, payload = response.status, response.read()
                except urllib.error.HTTPError as exc:
                    status, payload = exc.code, exc.read()
                self.send_response(status)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def proxy_factory(oxigraph_server):
    made = []

    def make(fail_at: int | None = None, mode: str = "refuse") -> FaultyProxy:
        made.append(FaultyProxy(oxigraph_server, fail_at, mode))
        return made[-1]

    yield make
    for proxy in made:
        proxy.close()


@pytest.mark.parametrize(
    "options, names",
    [
        (["--update", "--batch", "0"], ["--batch", "0"]),
        (["--update", "--batch", "-1"], ["--batch", "-1"]),
        (["--batch", "0"], ["--batch", "0"]),
    ],
)
def test_push_with_a_bad_batch_sends_nothing(oxigraph_server, proxy_factory, preloaded, seed_nt, options, names):
    proxy = proxy_factory()
    proc = run_kg("push", seed_nt, "--endpoint", f"{proxy.url}/update", "--named-graph", preloaded, *options)
    assert_user_error(proc, *names)
    assert proxy.bodies == []
    assert _count(oxigraph_server, preloaded) == 3


@pytest.mark.parametrize("endpoint", ["notaurl", "ftp://127.0.0.1/store", "http://", "http://127.0.0.1:99999/x",
                                      "/tmp/store", "http://127.0.0.1:7878/up date"])
def test_push_to_an_endpoint_that_is_not_an_http_url_is_a_one_line_error(seed_nt, endpoint):
    proc = run_kg("push", seed_nt, "--endpoint", endpoint, "--update")
    assert_user_error(proc, "--endpoint", endpoint)


@pytest.mark.parametrize("target", ["not an iri", "relative/graph", "https://example.org/g> } ; DROP ALL ; #", ""])
def test_push_into_a_graph_that_is_not_an_absolute_iri_sends_nothing(oxigraph_server, proxy_factory, preloaded,
                                                                     seed_nt, target):
    proxy = proxy_factory()
    proc = run_kg("push", seed_nt, "--endpoint", f"{proxy.url}/update", "--update", "--named-graph", target)
    assert_user_error(proc, "--named-graph", "not an absolute IRI")
    assert proxy.bodies == []
    assert _count(oxigraph_server, preloaded) == 3


BATCH = 1000


@pytest.mark.parametrize("fail_at, mode", [(2, "refuse"), (3, "hang_up"), ("move", "refuse")],
                         ids=["a-batch-refused", "server-gone-midway", "the-final-move-refused"])
def test_a_push_that_fails_midway_leaves_the_target_intact(oxigraph_server, proxy_factory, preloaded, seed_nt, graph,
                                                           fail_at, mode):
    batches = -(-len(graph) // BATCH)
    assert batches >= 3
    proxy = proxy_factory(batches + 1 if fail_at == "move" else fail_at, mode)
    proc = run_kg("push", seed_nt, "--endpoint", f"{proxy.url}/update", "--update", "--named-graph", preloaded,
                  "--batch", str(BATCH))
    line = assert_user_error(proc, f"{proxy.url}/update")
    if fail_at == "move":
        assert "HTTP 500" in line and "may or may not have applied the final MOVE" in line
    else:
        assert "the target graphs are unchanged" in line
    assert _count(oxigraph_server, preloaded) == 3
    assert not [g for g in _graph_names(oxigraph_server) if g.startswith("urn:uuid:")], "a temporary graph was left"
    assert proxy.bodies[-1].startswith("DROP SILENT GRAPH <urn:uuid:")  # the clean-up went out


def test_a_push_with_update_replaces_the_target_in_its_last_request(oxigraph_server, proxy_factory, preloaded,
                                                                    seed_nt, graph):
    proxy = proxy_factory()
    proc = run_kg("push", seed_nt, "--endpoint", f"{proxy.url}/update", "--update", "--named-graph", preloaded,
                  "--batch", str(BATCH))
    assert proc.returncode == 0, stderr_text(proc)
    assert _count(oxigraph_server, preloaded) == len(graph)
    assert not [g for g in _graph_names(oxigraph_server) if g.startswith("urn:uuid:")]
    inserts, move = proxy.bodies[:-1], proxy.bodies[-1]
    assert len(inserts) == -(-len(graph) // BATCH) and all(body.startswith("INSERT DATA { GRAPH <urn:uuid:") for body in inserts)
    assert move.startswith("MOVE SILENT GRAPH <urn:uuid:") and move.endswith(f"TO GRAPH <{preloaded}>")
    assert not any("DROP" in body for body in proxy.bodies)


def test_a_push_with_update_of_a_dataset_moves_every_graph_at_once(oxigraph_server, proxy_factory, tmp_path, full_graph):
    source = tmp_path / "seed.trig"
    kg.write_graph(full_graph, source, with_ontology=True)
    evidence = "https://w3id.org/qhkg/id/graph/000_fcbe63b8009f4bc7"
    _update(oxigraph_server, f"DROP SILENT GRAPH <{evidence}> ; DROP SILENT DEFAULT")
    proxy = proxy_factory()
    proc = run_kg("push", source, "--endpoint", f"{proxy.url}/update", "--update")
    assert proc.returncode == 0, stderr_text(proc)
    move = proxy.bodies[-1]
    assert move.count("MOVE SILENT GRAPH <urn:uuid:") == 2 and "TO DEFAULT" in move and f"TO GRAPH <{evidence}>" in move
    request = urllib.request.Request(f"{oxigraph_server}/store?default", headers={"Accept": "application/n-triples"})
    with urllib.request.urlopen(request, timeout=30) as response:
        default = sum(1 for line in response.read().decode().splitlines() if line.strip())
    assert f"Pushed {default + _count(oxigraph_server, evidence)} triples in 2 graph(s)" in stderr_text(proc)
    assert not [g for g in _graph_names(oxigraph_server) if g.startswith("urn:uuid:")]
